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
    pub unit: Decimal,
    pub mode: RoundingMode,
}

impl Rounding {
    /// Builds a rule; `unit` must be positive (validated by the content layer).
    pub fn new(unit: Decimal, mode: RoundingMode) -> Self {
        Self { unit, mode }
    }

    /// Rounds `value` to a multiple of the unit.
    pub fn apply(&self, value: Decimal) -> Decimal {
        let strategy = match self.mode {
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::Down => RoundingStrategy::ToZero,
            RoundingMode::Up => RoundingStrategy::AwayFromZero,
        };
        let units = (value / self.unit).round_dp_with_strategy(0, strategy);
        (units * self.unit).normalize()
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
        assert_eq!(ten.apply(dec!(27195)), dec!(27200));
        assert_eq!(ten.apply(dec!(27194.99)), dec!(27190));
        assert_eq!(ten.apply(dec!(98014)), dec!(98010));
    }

    #[test]
    fn down_and_up_truncate_in_opposite_directions() {
        assert_eq!(
            r(dec!(10), RoundingMode::Down).apply(dec!(2299.9)),
            dec!(2290)
        );
        assert_eq!(
            r(dec!(10), RoundingMode::Up).apply(dec!(2290.1)),
            dec!(2300)
        );
        assert_eq!(r(dec!(10), RoundingMode::Up).apply(dec!(2290)), dec!(2290));
    }

    #[test]
    fn other_units_work() {
        assert_eq!(r(dec!(1), RoundingMode::HalfUp).apply(dec!(10.5)), dec!(11));
        assert_eq!(
            r(dec!(100), RoundingMode::HalfUp).apply(dec!(149)),
            dec!(100)
        );
        assert_eq!(
            r(dec!(1000), RoundingMode::Down).apply(dec!(1999)),
            dec!(1000)
        );
    }
}
