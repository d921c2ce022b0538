//! Explicit rounding of yen amounts: a unit (1, 10, 100 円…) and a mode.
//!
//! Tariffs name the step at which rounding happens and how; nothing in the
//! rating core rounds implicitly.

use rust_decimal::{Decimal, RoundingStrategy};

/// How a value is brought onto a multiple of the rounding unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoundingMode {
    /// Half away from zero (四捨五入), the usual mode of Japanese tariffs.
    HalfUp,
    /// Towards zero (切り捨て).
    Down,
    /// Away from zero (切り上げ).
    Up,
}

/// A rounding rule: round to a multiple of `unit` using `mode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rounding {
    /// The multiple to round to, in yen (1, 10, 100…).
    pub unit: Decimal,
    /// Half up, down or up.
    pub mode: RoundingMode,
}

impl Rounding {
    /// Builds a rule; `unit` must be positive (validated by the content layer).
    pub fn new(unit: Decimal, mode: RoundingMode) -> Self {
        Self { unit, mode }
    }

    /// Rounds `value` to a multiple of the unit; `None` if the result
    /// cannot be represented (absurd magnitudes only).
    pub fn apply(&self, value: Decimal) -> Option<Decimal> {
        let strategy = match self.mode {
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::Down => RoundingStrategy::ToZero,
            RoundingMode::Up => RoundingStrategy::AwayFromZero,
        };
        let units = value
            .checked_div(self.unit)?
            .round_dp_with_strategy(0, strategy);
        Some(units.checked_mul(self.unit)?.normalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn r(unit: Decimal, mode: RoundingMode) -> Rounding {
        Rounding::new(unit, mode)
    }

    #[test]
    fn half_up_rounds_the_midpoint_up() {
        let ten = r(dec!(10), RoundingMode::HalfUp);
        assert_eq!(ten.apply(dec!(27195)), Some(dec!(27200)));
        assert_eq!(ten.apply(dec!(27194.99)), Some(dec!(27190)));
        assert_eq!(ten.apply(dec!(98014)), Some(dec!(98010)));
    }

    #[test]
    fn down_and_up_truncate_in_opposite_directions() {
        assert_eq!(
            r(dec!(10), RoundingMode::Down).apply(dec!(2299.9)),
            Some(dec!(2290))
        );
        assert_eq!(
            r(dec!(10), RoundingMode::Up).apply(dec!(2290.1)),
            Some(dec!(2300))
        );
        assert_eq!(
            r(dec!(10), RoundingMode::Up).apply(dec!(2290)),
            Some(dec!(2290))
        );
    }

    #[test]
    fn other_units_work() {
        assert_eq!(
            r(dec!(1), RoundingMode::HalfUp).apply(dec!(10.5)),
            Some(dec!(11))
        );
        assert_eq!(
            r(dec!(100), RoundingMode::HalfUp).apply(dec!(149)),
            Some(dec!(100))
        );
        assert_eq!(
            r(dec!(1000), RoundingMode::Down).apply(dec!(1999)),
            Some(dec!(1000))
        );
    }
}
