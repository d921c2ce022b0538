//! Printing amounts the way Japanese documents do.

use chrono::{Datelike, NaiveDate};
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

/// A premium as a whole number of yen, or `None` when it is not whole (a
/// premium is whole after the tariff's rounding steps; anything else is a
/// fault the caller reports). The one place a `Decimal` premium becomes an
/// integer: no rounding happens here.
pub fn whole_yen(amount: Decimal) -> Option<i64> {
    use rust_decimal::prelude::ToPrimitive;
    amount.fract().is_zero().then(|| amount.to_i64()).flatten()
}

/// A yen amount as printed: "27,200円".
pub fn yen(amount: Decimal) -> String {
    format!("{}円", thousands(amount))
}

/// A rate as a percentage: 0.2 → "20%", 0.125 → "12.5%".
pub fn percent(rate: Decimal) -> String {
    format!("{}%", (rate * Decimal::ONE_HUNDRED).normalize())
}

/// A limit in 万 and 億 as brochures print it: 10,000,000 → "1,000万円",
/// 100,000,000 → "1億円", 150,000,000 → "1億5,000万円". Amounts below
/// 10,000 yen, or not whole 万, are printed in plain yen.
pub fn man_yen(amount: Decimal) -> String {
    let man = Decimal::from(10_000);
    if amount < man || !(amount % man).is_zero() {
        return yen(amount);
    }
    let total_man = (amount / man).trunc();
    let oku = (total_man / man).trunc();
    let rest = total_man % man;
    match (oku.is_zero(), rest.is_zero()) {
        (true, _) => format!("{}万円", thousands(rest)),
        (false, true) => format!("{}億円", thousands(oku)),
        (false, false) => format!("{}億{}万円", thousands(oku), thousands(rest)),
    }
}

/// Japanese eras, newest first: (name, first day).
const ERAS: [(&str, (i32, u32, u32)); 2] = [("令和", (2019, 5, 1)), ("平成", (1989, 1, 8))];

/// The era and year of `date` in 和暦 ("令和7", "令和元"), or `None`
/// before 平成, where documents print 西暦.
fn era_year(date: NaiveDate) -> Option<String> {
    let (name, (first_year, _, _)) = ERAS.iter().find(|(_, (y, m, d))| {
        NaiveDate::from_ymd_opt(*y, *m, *d).is_some_and(|start| date >= start)
    })?;
    let year = date.year() - first_year + 1;
    Some(if year == 1 {
        format!("{name}元")
    } else {
        format!("{name}{year}")
    })
}

/// A date in 和暦: 2025-08-01 → "令和7年8月1日"; the first year of an era is
/// 元年 (2019-05-01 → "令和元年5月1日"). Dates before 平成 fall back to 西暦.
pub fn wareki(date: NaiveDate) -> String {
    match era_year(date) {
        Some(year) => format!("{year}年{}月{}日", date.month(), date.day()),
        None => seireki(date),
    }
}

/// The month of a date in 和暦, for dates prose names by month only (the
/// month premiums are debited): 2025-07-01 → "令和7年7月", 2019-05-01 →
/// "令和元年5月". The era is that of the date itself, so a month an era
/// begins in mid-month (2019-04-15) is still 平成31年4月. Before 平成, 西暦.
pub fn wareki_month(date: NaiveDate) -> String {
    match era_year(date) {
        Some(year) => format!("{year}年{}月", date.month()),
        None => seireki_month(date),
    }
}

/// A date in 西暦: "2024年10月1日".
pub fn seireki(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// The month of a date in 西暦: "2025年7月".
pub fn seireki_month(date: NaiveDate) -> String {
    format!("{}年{}月", date.year(), date.month())
}

/// The weekday in brackets as printed after a date: "(金)".
pub fn weekday(date: NaiveDate) -> String {
    const DAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
    format!("({})", DAYS[date.weekday().num_days_from_monday() as usize])
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn limits_in_man_and_oku() {
        assert_eq!(man_yen(dec!(10000000)), "1,000万円");
        assert_eq!(man_yen(dec!(5000000)), "500万円");
        assert_eq!(man_yen(dec!(100000000)), "1億円");
        assert_eq!(man_yen(dec!(150000000)), "1億5,000万円");
        assert_eq!(man_yen(dec!(1000000000)), "10億円");
        assert_eq!(man_yen(dec!(100000)), "10万円");
        assert_eq!(man_yen(dec!(5000)), "5,000円");
        assert_eq!(man_yen(dec!(12345)), "12,345円");
    }

    #[test]
    fn dates_in_wareki_seireki_and_weekdays() {
        assert_eq!(wareki(date(2025, 8, 1)), "令和7年8月1日");
        assert_eq!(wareki(date(2019, 5, 1)), "令和元年5月1日");
        assert_eq!(wareki(date(2019, 4, 30)), "平成31年4月30日");
        assert_eq!(wareki(date(1989, 1, 8)), "平成元年1月8日");
        assert_eq!(wareki(date(1989, 1, 7)), "1989年1月7日");
        assert_eq!(seireki(date(2024, 10, 1)), "2024年10月1日");
        assert_eq!(wareki_month(date(2025, 7, 1)), "令和7年7月");
        assert_eq!(wareki_month(date(2019, 5, 1)), "令和元年5月");
        assert_eq!(wareki_month(date(2019, 4, 15)), "平成31年4月");
        assert_eq!(wareki_month(date(1989, 1, 8)), "平成元年1月");
        assert_eq!(wareki_month(date(1988, 12, 1)), "1988年12月");
        assert_eq!(seireki_month(date(2025, 7, 31)), "2025年7月");
        // The seeds' own weekdays: 令和7年6月6日（金）, 2024年9月2日(月), 9月17日(火).
        assert_eq!(weekday(date(2025, 6, 6)), "(金)");
        assert_eq!(weekday(date(2024, 9, 2)), "(月)");
        assert_eq!(weekday(date(2024, 9, 17)), "(火)");
    }

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
