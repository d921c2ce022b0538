//! Splitting an annual premium into installments (12回払 and the like).
//!
//! The tariff states a loading factor and a rounding rule for the regular
//! installment. The total is the annual premium times the factor, rounded to
//! the same unit; every installment but the first is the rounded share, and
//! the first takes what is left so that the installments add up exactly.

use super::rounding::Rounding;
use rust_decimal::Decimal;

/// A tariff's installment rule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InstallmentRule {
    /// Number of installments in a policy year (12 for monthly).
    pub count: u32,
    /// Loading on the annual premium for paying in installments.
    pub factor: Decimal,
    /// Rounding applied to the total and to the regular installment.
    pub rounding: Rounding,
}

/// The amounts a policyholder pays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Installments {
    /// How many installments a year (12 for monthly).
    pub count: u32,
    /// The first installment; differs from `regular` when the total does
    /// not divide evenly.
    pub first: Decimal,
    /// Every installment after the first.
    pub regular: Decimal,
    /// Sum of all installments.
    pub total: Decimal,
}

impl Installments {
    /// Whether the first installment has to be printed separately.
    pub fn first_differs(&self) -> bool {
        self.first != self.regular
    }
}

impl InstallmentRule {
    /// Splits `annual` into installments under this rule; `None` if a
    /// figure cannot be represented (absurd magnitudes only).
    pub fn split(&self, annual: Decimal) -> Option<Installments> {
        let total = self.rounding.apply(annual.checked_mul(self.factor)?)?;
        let count = Decimal::from(self.count.max(1));
        let regular = self.rounding.apply(total.checked_div(count)?)?;
        let first = total.checked_sub(regular.checked_mul(count - Decimal::ONE)?)?;
        Some(Installments {
            count: self.count,
            first,
            regular,
            total,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rating::rounding::RoundingMode;
    use rust_decimal_macros::dec;

    fn monthly(factor: Decimal) -> InstallmentRule {
        InstallmentRule {
            count: 12,
            factor,
            rounding: Rounding::new(dec!(10), RoundingMode::Down),
        }
    }

    #[test]
    fn even_split_has_equal_installments() {
        let i = monthly(dec!(1)).split(dec!(24000)).unwrap();
        assert_eq!(
            (i.first, i.regular, i.total),
            (dec!(2000), dec!(2000), dec!(24000))
        );
        assert!(!i.first_differs());
    }

    #[test]
    fn remainder_goes_to_the_first_installment() {
        let i = monthly(dec!(1.05)).split(dec!(27200)).unwrap();
        // 27,200 × 1.05 = 28,560; 28,560 / 12 = 2,380 exactly.
        assert_eq!(i.regular, dec!(2380));
        let j = monthly(dec!(1.05)).split(dec!(31840)).unwrap();
        // 31,840 × 1.05 = 33,432 → 33,430; /12 = 2,785.8 → 2,780; first = 33,430 − 11 × 2,780.
        assert_eq!(
            (j.first, j.regular, j.total),
            (dec!(2850), dec!(2780), dec!(33430))
        );
        assert!(j.first_differs());
    }
}
