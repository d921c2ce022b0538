//! Property tests of the rating core on arbitrary tariffs of the shape the
//! seeds use: base × size × category, discounts, rounding, minimum.

use super::*;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn rounding_unit() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::ONE),
        Just(Decimal::TEN),
        Just(Decimal::ONE_HUNDRED)
    ]
}

/// Size tables with increasing sizes and non-decreasing factors.
fn size_table() -> impl Strategy<Value = SizeTable> {
    prop::collection::vec((1u32..100, 0u32..5000), 2..6).prop_map(|steps| {
        let (mut size, mut factor) = (Decimal::ZERO, Decimal::new(5, 1));
        let points = steps
            .into_iter()
            .map(|(ds, df)| {
                size += Decimal::from(ds);
                factor += Decimal::new(df.into(), 4);
                (size, factor)
            })
            .collect();
        SizeTable::new(points)
    })
}

/// A one-class, one-plan tariff with two discounts, floored before the
/// second as in the personal-information tariff.
fn tables() -> impl Strategy<Value = RateTables> {
    (
        1_000u32..2_000_000,
        size_table(),
        1u32..3_000_000,
        rounding_unit(),
    )
        .prop_map(|(base, sizes, minimum, unit)| {
            let round = Step::Round(Rounding::new(unit, RoundingMode::HalfUp));
            RateTables {
                base: vec![vec![Some(Decimal::from(base))]],
                size_tables: vec![Some(sizes)],
                category_factors: vec![vec![Decimal::ONE]],
                minimums: vec![vec![Some(Decimal::from(minimum))]],
                discount_classes: vec![vec![true], vec![true]],
                steps: vec![
                    Step::Base,
                    Step::SizeFactor,
                    Step::Discount(0),
                    round,
                    Step::Minimum,
                    Step::Discount(1),
                    round,
                ],
                installments: Some(InstallmentRule {
                    count: 12,
                    factor: Decimal::new(105, 2),
                    rounding: Rounding::new(unit, RoundingMode::Down),
                }),
            }
        })
}

fn rate_of(tables: &RateTables, size: Decimal, discounts: [Decimal; 2]) -> Option<Decimal> {
    let case = Case {
        class: 0,
        plan: 0,
        size: Some(size),
        category: None,
    };
    rate(tables, &case, &discounts, false).ok()?.annual()
}

fn discount() -> impl Strategy<Value = Decimal> {
    (0u32..100).prop_map(|p| Decimal::new(p.into(), 2))
}

fn unit_of(tables: &RateTables) -> Decimal {
    match tables.steps.last() {
        Some(Step::Round(r)) => r.unit,
        _ => Decimal::ONE,
    }
}

proptest! {
    #[test]
    fn premium_does_not_decrease_with_size(t in tables(), a in 0u32..400, b in 0u32..400, d in [discount(), discount()]) {
        let (lo, hi) = (Decimal::from(a.min(b)) + Decimal::ONE, Decimal::from(a.max(b)) + Decimal::ONE);
        if let (Some(p_lo), Some(p_hi)) = (rate_of(&t, lo, d), rate_of(&t, hi, d)) {
            prop_assert!(p_lo <= p_hi, "{lo} → {p_lo}, {hi} → {p_hi}");
        }
    }

    #[test]
    fn a_discount_never_raises_a_premium(t in tables(), d0 in discount(), d1 in discount(), extra in discount()) {
        let size = t.size_tables[0].as_ref().map(|s| s.range().0).unwrap_or(Decimal::ONE);
        let plain = rate_of(&t, size, [d0, d1]);
        let more = rate_of(&t, size, [(d0 + extra).min(Decimal::new(99, 2)), d1]);
        prop_assert!(more <= plain);
    }

    #[test]
    fn results_are_multiples_of_the_rounding_unit(t in tables(), d in [discount(), discount()]) {
        let size = t.size_tables[0].as_ref().map(|s| s.range().1).unwrap_or(Decimal::ONE);
        let premium = rate_of(&t, size, d).expect("priced");
        prop_assert!((premium % unit_of(&t)).is_zero());
    }

    #[test]
    fn the_minimum_is_respected_before_the_last_discount(t in tables(), d in [discount(), discount()]) {
        let size = t.size_tables[0].as_ref().map(|s| s.range().0).unwrap_or(Decimal::ONE);
        let premium = rate_of(&t, size, d).expect("priced");
        let minimum = t.minimums[0][0].expect("minimum");
        let floor = Rounding::new(unit_of(&t), RoundingMode::HalfUp).apply(minimum * (Decimal::ONE - d[1])).expect("representable");
        prop_assert!(premium >= floor, "{premium} < {floor}");
    }

    #[test]
    fn installments_add_up_to_the_loaded_annual_premium(annual in 1_000u32..5_000_000, unit in rounding_unit()) {
        let rule = InstallmentRule { count: 12, factor: Decimal::new(105, 2), rounding: Rounding::new(unit, RoundingMode::Down) };
        let split = rule.split(Decimal::from(annual)).expect("representable");
        prop_assert_eq!(split.first + split.regular * Decimal::from(11), split.total);
        prop_assert!((Decimal::from(annual) * rule.factor - split.total) < unit);
        prop_assert!(split.first >= split.regular);
        prop_assert!(split.first - split.regular < unit * Decimal::from(12));
    }
}
