//! The rate routine: the ordered steps a tariff declares to turn a case into
//! a premium, run one by one with a worksheet line for each.

use super::installments::{InstallmentRule, Installments};
use super::rounding::Rounding;
use super::size::{SizeLookup, SizeTable};
use rust_decimal::Decimal;

/// One step of a tariff's rate routine.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Step {
    /// Start from the base rate of the case's class and plan.
    Base,
    /// Multiply by the class's size factor (bed count, capacity).
    SizeFactor,
    /// Multiply by the factor of the case's category (一般病床/療養病床).
    CategoryFactor,
    /// Multiply by `1 − rate` of the discount with this index; the rate comes
    /// from the program.
    Discount(usize),
    /// Round to the rule's unit.
    Round(Rounding),
    /// Raise to the class and plan's minimum premium, if it has one.
    Minimum,
}

/// Every table a routine reads, indexed by class, plan, category and discount.
#[derive(Clone, Debug, PartialEq)]
pub struct RateTables {
    /// `base[class][plan]`: the base rate, `None` where the tariff has none.
    pub base: Vec<Vec<Option<Decimal>>>,
    /// `size_tables[class]`: `None` for flat-rated classes.
    pub size_tables: Vec<Option<SizeTable>>,
    /// `category_factors[category][plan]`.
    pub category_factors: Vec<Vec<Decimal>>,
    /// `minimums[class][plan]`: the minimum premium, where there is one.
    pub minimums: Vec<Vec<Option<Decimal>>>,
    /// `discount_classes[discount][class]`: whether the discount applies.
    pub discount_classes: Vec<Vec<bool>>,
    /// The routine, in the order the tariff states it.
    pub steps: Vec<Step>,
    /// How installments are computed, if the tariff offers them.
    pub installments: Option<InstallmentRule>,
}

/// What is being priced.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Case {
    /// The facility class, as an index into the product's classes.
    pub class: usize,
    /// The plan, as an index into the product's plans.
    pub plan: usize,
    /// Beds or capacity, for classes rated by size.
    pub size: Option<Decimal>,
    /// The bed category (一般病床, 療養病床), as an index into the product's categories.
    pub category: Option<usize>,
}

/// Why a case cannot be priced at all (as opposed to being referred).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum RatingError {
    #[error("the tariff has no base rate for this class and plan")]
    /// The tariff prices this class under no such plan.
    NoBaseRate,
    #[error("this class is rated by size: a size is required")]
    /// A size-rated class (beds, capacity) was given no size.
    SizeRequired,
    #[error("this class has a flat rate: no size may be given")]
    /// A flat-rated class (clinics) was given a size.
    SizeNotApplicable,
    #[error("the size must be greater than zero, got {0}")]
    /// A size of zero or less.
    NonPositiveSize(Decimal),
    #[error("the tariff does not offer installments")]
    /// The program pays monthly but the tariff defines no installments.
    InstallmentsNotOffered,
    #[error(
        "a figure grew beyond what can be computed exactly; check the tariff's rates and factors"
    )]
    /// A multiplication left the range of exact decimals.
    Overflow,
}

/// What a step did, with the details a reviewer needs to follow it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum StepKind {
    /// The tariff's base rate for the class and plan.
    Base,
    /// The size factor, read from the size table or interpolated.
    SizeFactor {
        /// The size priced.
        size: Decimal,
        /// The two table points `(size, factor)` around the size, when interpolated.
        between: Option<((Decimal, Decimal), (Decimal, Decimal))>,
    },
    /// The bed-category factor of the plan.
    CategoryFactor {
        /// The category, if the case has one (no factor applies without).
        category: Option<usize>,
    },
    /// A discount of the tariff at the program's rate.
    Discount {
        /// The discount, as an index into the tariff's discounts.
        discount: usize,
        /// The rate (0.2 for 20%).
        rate: Decimal,
        /// Whether it applies to the class (some discounts are for hospitals only).
        applies: bool,
    },
    /// Rounding to the unit and in the mode the tariff states.
    Round(Rounding),
    /// The minimum premium of the plan, raised to if the premium is lower.
    Minimum {
        /// The minimum, if the plan has one.
        minimum: Option<Decimal>,
    },
}

/// One line of a worksheet: the step, its input, factor and result.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WorksheetLine {
    /// What the step did.
    pub kind: StepKind,
    /// The amount the step started from.
    pub input: Decimal,
    /// The factor it multiplied by, for multiplying steps.
    pub factor: Option<Decimal>,
    /// The amount after the step.
    pub result: Decimal,
}

/// The result of rating a case.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The case was priced.
    Premium {
        /// The annual premium, whole yen after the tariff's rounding.
        annual: Decimal,
        /// How it is split when the program pays monthly.
        installments: Option<Installments>,
    },
    /// The size is outside the tariff's table: an underwriter must quote.
    Refer {
        /// The size asked for.
        size: Decimal,
        /// The smallest size the table prices.
        min: Decimal,
        /// The largest size the table prices.
        max: Decimal,
    },
}

/// A premium (or a referral) with the worksheet that produced it.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// The premium, or the referral.
    pub outcome: Outcome,
    /// Every step in order, for `explain` and reviewers.
    pub worksheet: Vec<WorksheetLine>,
}

impl Quote {
    /// The annual premium, if the case was priced.
    pub fn annual(&self) -> Option<Decimal> {
        match self.outcome {
            Outcome::Premium { annual, .. } => Some(annual),
            Outcome::Refer { .. } => None,
        }
    }
}

/// Rates `case` under `tables` with the program's `discount_rates` (indexed
/// like the tariff's discounts); `installments` asks for the split too.
pub fn rate(
    tables: &RateTables,
    case: &Case,
    discount_rates: &[Decimal],
    installments: bool,
) -> Result<Quote, RatingError> {
    let size_lookup = size_factor(tables, case)?;
    let installment_rule = match (installments, tables.installments) {
        (false, _) => None,
        (true, Some(rule)) => Some(rule),
        (true, None) => return Err(RatingError::InstallmentsNotOffered),
    };
    let mut worksheet = Vec::with_capacity(tables.steps.len());
    let mut value = Decimal::ZERO;
    for step in &tables.steps {
        let (kind, factor, result) = match *step {
            Step::Base => {
                let base = tables.base[case.class][case.plan].ok_or(RatingError::NoBaseRate)?;
                (StepKind::Base, None, base)
            }
            Step::SizeFactor => match size_lookup {
                None => continue,
                Some((size, SizeLookup::Factor { factor, between })) => (
                    StepKind::SizeFactor { size, between },
                    Some(factor),
                    times(value, factor)?,
                ),
                Some((size, SizeLookup::OutOfRange { min, max })) => {
                    let outcome = Outcome::Refer { size, min, max };
                    return Ok(Quote { outcome, worksheet });
                }
            },
            Step::CategoryFactor => {
                let factor = case
                    .category
                    .map_or(Decimal::ONE, |c| tables.category_factors[c][case.plan]);
                let kind = StepKind::CategoryFactor {
                    category: case.category,
                };
                (kind, Some(factor), times(value, factor)?)
            }
            Step::Discount(discount) => {
                let rate = discount_rates.get(discount).copied().unwrap_or_default();
                let applies = tables.discount_classes[discount][case.class];
                let factor = if applies {
                    Decimal::ONE - rate
                } else {
                    Decimal::ONE
                };
                let kind = StepKind::Discount {
                    discount,
                    rate,
                    applies,
                };
                (kind, Some(factor), times(value, factor)?)
            }
            Step::Round(rounding) => (
                StepKind::Round(rounding),
                None,
                rounding.apply(value).ok_or(RatingError::Overflow)?,
            ),
            Step::Minimum => {
                let minimum = tables.minimums[case.class][case.plan];
                let result = minimum.map_or(value, |m| value.max(m));
                (StepKind::Minimum { minimum }, None, result)
            }
        };
        worksheet.push(WorksheetLine {
            kind,
            input: value,
            factor,
            result,
        });
        value = result;
    }
    let installments = match installment_rule {
        Some(rule) => Some(rule.split(value).ok_or(RatingError::Overflow)?),
        None => None,
    };
    let outcome = Outcome::Premium {
        annual: value.normalize(),
        installments,
    };
    Ok(Quote { outcome, worksheet })
}

/// `value × factor`, or an error instead of the panic of an overflowing
/// `Decimal` multiplication.
fn times(value: Decimal, factor: Decimal) -> Result<Decimal, RatingError> {
    value.checked_mul(factor).ok_or(RatingError::Overflow)
}

/// Checks the case's size against its class and looks the factor up.
fn size_factor(
    tables: &RateTables,
    case: &Case,
) -> Result<Option<(Decimal, SizeLookup)>, RatingError> {
    match (&tables.size_tables[case.class], case.size) {
        (None, None) => Ok(None),
        (None, Some(_)) => Err(RatingError::SizeNotApplicable),
        (Some(_), None) => Err(RatingError::SizeRequired),
        (Some(_), Some(size)) if size <= Decimal::ZERO => Err(RatingError::NonPositiveSize(size)),
        (Some(table), Some(size)) => {
            let lookup = table.lookup(size).ok_or(RatingError::Overflow)?;
            Ok(Some((size, lookup)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rating::rounding::RoundingMode;
    use rust_decimal_macros::dec;

    const CLINIC: usize = 0;
    const HOSPITAL: usize = 1;

    /// A two-class, one-plan tariff shaped like the personal-information
    /// product: security discount for hospitals only, floor before the group
    /// discount.
    fn tables() -> RateTables {
        let ten = Rounding::new(dec!(10), RoundingMode::HalfUp);
        RateTables {
            base: vec![vec![Some(dec!(18000))], vec![Some(dec!(69400))]],
            size_tables: vec![
                None,
                Some(SizeTable::new(vec![
                    (dec!(50), dec!(0.71182)),
                    (dec!(100), dec!(1)),
                ])),
            ],
            category_factors: vec![vec![dec!(1)], vec![dec!(0.4914)]],
            minimums: vec![vec![None], vec![Some(dec!(50000))]],
            discount_classes: vec![vec![false, true], vec![true, true]],
            steps: vec![
                Step::Base,
                Step::SizeFactor,
                Step::CategoryFactor,
                Step::Discount(0),
                Step::Round(ten),
                Step::Minimum,
                Step::Discount(1),
                Step::Round(ten),
            ],
            installments: None,
        }
    }

    fn case(class: usize, size: Option<Decimal>) -> Case {
        Case {
            class,
            plan: 0,
            size,
            category: Some(0),
        }
    }

    const RATES: [Decimal; 2] = [dec!(0.15), dec!(0.20)];

    #[test]
    fn flat_class_skips_size_and_class_limited_discount() {
        let quote = rate(&tables(), &case(CLINIC, None), &RATES, false).unwrap();
        assert_eq!(quote.annual(), Some(dec!(14400)));
        let security = &quote.worksheet[2];
        assert!(matches!(
            security.kind,
            StepKind::Discount { applies: false, .. }
        ));
    }

    #[test]
    fn hospital_runs_every_step_and_records_it() {
        let quote = rate(&tables(), &case(HOSPITAL, Some(dec!(100))), &RATES, false).unwrap();
        assert_eq!(quote.annual(), Some(dec!(47190)));
        let results: Vec<Decimal> = quote.worksheet.iter().map(|l| l.result).collect();
        assert_eq!(
            results,
            vec![
                dec!(69400),
                dec!(69400),
                dec!(69400),
                dec!(58990.00),
                dec!(58990),
                dec!(58990),
                dec!(47192.00),
                dec!(47190)
            ]
        );
    }

    #[test]
    fn the_minimum_floors_the_premium_before_the_group_discount() {
        let quote = rate(&tables(), &case(HOSPITAL, Some(dec!(50))), &RATES, false).unwrap();
        assert_eq!(quote.annual(), Some(dec!(40000)));
    }

    #[test]
    fn sizes_outside_the_table_are_referred_and_bad_sizes_rejected() {
        let t = tables();
        let refer = rate(&t, &case(HOSPITAL, Some(dec!(300))), &RATES, false).unwrap();
        assert_eq!(
            refer.outcome,
            Outcome::Refer {
                size: dec!(300),
                min: dec!(50),
                max: dec!(100)
            }
        );
        let err = |c| rate(&t, &c, &RATES, false).unwrap_err();
        assert_eq!(
            err(case(HOSPITAL, Some(dec!(0)))),
            RatingError::NonPositiveSize(dec!(0))
        );
        assert_eq!(err(case(HOSPITAL, None)), RatingError::SizeRequired);
        assert_eq!(
            err(case(CLINIC, Some(dec!(5)))),
            RatingError::SizeNotApplicable
        );
    }

    #[test]
    fn installments_need_a_rule() {
        let t = tables();
        let err = rate(&t, &case(CLINIC, None), &RATES, true).unwrap_err();
        assert_eq!(err, RatingError::InstallmentsNotOffered);
    }
}
