//! Size-factor tables (bed count, capacity) with linear interpolation.
//!
//! A tariff prints factors only at a few sizes; sizes between two points are
//! priced on the straight line between them, and sizes outside the table are
//! not priced at all but referred to an underwriter.

use rust_decimal::Decimal;

/// Points `(size, factor)` with strictly increasing sizes and non-decreasing
/// factors (checked when the tariff is validated).
#[derive(Clone, Debug, PartialEq)]
pub struct SizeTable {
    points: Vec<(Decimal, Decimal)>,
}

/// The outcome of looking a size up in a table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SizeLookup {
    /// The size lies within the table; `between` names the surrounding points
    /// when the factor was interpolated.
    Factor {
        /// The factor at the size.
        factor: Decimal,
        /// The table points `(size, factor)` around the size, when interpolated.
        between: Option<((Decimal, Decimal), (Decimal, Decimal))>,
    },
    /// The size lies outside the table's range: refer to the underwriter.
    OutOfRange {
        /// The smallest size the table prices.
        min: Decimal,
        /// The largest size the table prices.
        max: Decimal,
    },
}

impl SizeTable {
    /// Builds a table from points sorted by size. Validation of the ordering
    /// happens in the content layer, which can say where the bad point is.
    pub fn new(points: Vec<(Decimal, Decimal)>) -> Self {
        Self { points }
    }

    /// The points `(size, factor)`, sorted by size.
    pub fn points(&self) -> &[(Decimal, Decimal)] {
        &self.points
    }

    /// Smallest and largest size the table prices.
    pub fn range(&self) -> (Decimal, Decimal) {
        let first = self.points.first().map_or(Decimal::ZERO, |p| p.0);
        let last = self.points.last().map_or(Decimal::ZERO, |p| p.0);
        (first, last)
    }

    /// The factor for `size`, interpolated linearly between neighbours;
    /// `None` if the interpolation cannot be represented (absurd
    /// magnitudes only).
    pub fn lookup(&self, size: Decimal) -> Option<SizeLookup> {
        let (min, max) = self.range();
        if self.points.is_empty() || size < min || size > max {
            return Some(SizeLookup::OutOfRange { min, max });
        }
        if let Some(&(_, factor)) = self.points.iter().find(|(s, _)| *s == size) {
            return Some(SizeLookup::Factor {
                factor,
                between: None,
            });
        }
        let upper = self.points.iter().position(|(s, _)| *s > size)?;
        let (lo, hi) = (self.points[upper.checked_sub(1)?], self.points[upper]);
        let rise =
            hi.1.checked_sub(lo.1)?
                .checked_mul(size.checked_sub(lo.0)?)?;
        let factor =
            lo.1.checked_add(rise.checked_div(hi.0.checked_sub(lo.0)?)?)?;
        Some(SizeLookup::Factor {
            factor,
            between: Some((lo, hi)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn beds() -> SizeTable {
        SizeTable::new(vec![
            (dec!(30), dec!(0.71026)),
            (dec!(50), dec!(1)),
            (dec!(100), dec!(1.32051)),
        ])
    }

    #[test]
    fn a_printed_point_gives_its_factor() {
        assert_eq!(
            beds().lookup(dec!(50)).unwrap(),
            SizeLookup::Factor {
                factor: dec!(1),
                between: None
            }
        );
    }

    #[test]
    fn sizes_between_points_are_interpolated() {
        match beds().lookup(dec!(75)).unwrap() {
            SizeLookup::Factor { factor, between } => {
                assert_eq!(factor, dec!(1.160255));
                assert_eq!(
                    between,
                    Some(((dec!(50), dec!(1)), (dec!(100), dec!(1.32051))))
                );
            }
            other => panic!("expected a factor, got {other:?}"),
        }
        match beds().lookup(dec!(40)).unwrap() {
            SizeLookup::Factor { factor, .. } => assert_eq!(factor, dec!(0.85513)),
            other => panic!("expected a factor, got {other:?}"),
        }
    }

    #[test]
    fn sizes_outside_the_table_are_referred() {
        let out = SizeLookup::OutOfRange {
            min: dec!(30),
            max: dec!(100),
        };
        assert_eq!(beds().lookup(dec!(29)), Some(out));
        assert_eq!(beds().lookup(dec!(101)), Some(out));
    }
}
