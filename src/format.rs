//! Printing amounts the way Japanese documents do.

use rust_decimal::Decimal;

/// Groups the integer part of `amount` by thousands: 27200 → "27,200".
/// Fractions, which premiums never have after rounding, are kept as is.
pub fn thousands(amount: Decimal) -> String {
    let text = amount.normalize().to_string();
    let (sign, digits) = text
        .strip_prefix('-')
        .map_or(("", text.as_str()), |d| ("-", d));
    let (int, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A yen amount as printed: "27,200円".
pub fn yen(amount: Decimal) -> String {
    format!("{}円", thousands(amount))
}

/// A rate as a percentage: 0.2 → "20%", 0.125 → "12.5%".
pub fn percent(rate: Decimal) -> String {
    format!("{}%", (rate * Decimal::ONE_HUNDRED).normalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn groups_thousands() {
        assert_eq!(thousands(dec!(0)), "0");
        assert_eq!(thousands(dec!(999)), "999");
        assert_eq!(thousands(dec!(27200)), "27,200");
        assert_eq!(thousands(dec!(1234567.50)), "1,234,567.5");
        assert_eq!(thousands(dec!(-1000)), "-1,000");
        assert_eq!(yen(dec!(393090)), "393,090円");
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(dec!(0.20)), "20%");
        assert_eq!(percent(dec!(0.125)), "12.5%");
        assert_eq!(percent(dec!(0)), "0%");
    }
}
