//! Fuzzes the rating routine with arbitrary tariffs, cases and discount
//! rates: it must return a premium, a referral or an error, never panic,
//! whatever the magnitudes (overflow is an error, not a crash).
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use tariffpress::rating::{
    Case, InstallmentRule, RateTables, Rounding, RoundingMode, SizeTable, Step, rate,
};

/// A decimal from raw parts: any 64-bit mantissa, scale 0–12.
#[derive(Arbitrary, Debug, Clone, Copy)]
struct Dec(i64, u8);

impl Dec {
    fn get(self) -> Decimal {
        Decimal::new(self.0, u32::from(self.1 % 13))
    }
}

#[derive(Arbitrary, Debug)]
enum FuzzStep {
    Base,
    SizeFactor,
    CategoryFactor,
    Discount(u8),
    Round(Dec, u8),
    Minimum,
}

#[derive(Arbitrary, Debug)]
struct Input {
    base: Option<Dec>,
    /// Size points; the content layer keeps sizes increasing, so they are
    /// sorted and deduplicated here.
    sizes: Vec<(Dec, Dec)>,
    category_factor: Dec,
    minimum: Option<Dec>,
    discounts: Vec<(Dec, bool)>,
    steps: Vec<FuzzStep>,
    installments: Option<(u8, Dec, Dec)>,
    size: Option<Dec>,
    category: bool,
    monthly: bool,
}

/// A positive rounding unit, as the content layer requires.
fn unit(d: Dec) -> Decimal {
    let u = d.get().abs();
    if u.is_zero() { Decimal::ONE } else { u }
}

fn mode(m: u8) -> RoundingMode {
    match m % 3 {
        0 => RoundingMode::HalfUp,
        1 => RoundingMode::Down,
        _ => RoundingMode::Up,
    }
}

fuzz_target!(|input: Input| {
    let mut points: Vec<(Decimal, Decimal)> =
        input.sizes.iter().map(|(s, f)| (s.get(), f.get())).collect();
    points.sort_by(|a, b| a.0.cmp(&b.0));
    points.dedup_by(|a, b| a.0 == b.0);
    let sized = !points.is_empty();
    let discount_count = input.discounts.len().max(1);
    let steps = input
        .steps
        .iter()
        .map(|s| match *s {
            FuzzStep::Base => Step::Base,
            FuzzStep::SizeFactor => Step::SizeFactor,
            FuzzStep::CategoryFactor => Step::CategoryFactor,
            FuzzStep::Discount(i) => Step::Discount(usize::from(i) % discount_count),
            FuzzStep::Round(u, m) => Step::Round(Rounding::new(unit(u), mode(m))),
            FuzzStep::Minimum => Step::Minimum,
        })
        .collect();
    let tables = RateTables {
        base: vec![vec![input.base.map(Dec::get)]],
        size_tables: vec![sized.then(|| SizeTable::new(points))],
        category_factors: vec![vec![input.category_factor.get()]],
        minimums: vec![vec![input.minimum.map(Dec::get)]],
        discount_classes: (0..discount_count)
            .map(|i| vec![input.discounts.get(i).is_none_or(|d| d.1)])
            .collect(),
        steps,
        installments: input.installments.map(|(count, factor, u)| InstallmentRule {
            count: u32::from(count.max(1)),
            factor: factor.get(),
            rounding: Rounding::new(unit(u), RoundingMode::Down),
        }),
    };
    let rates: Vec<Decimal> = input.discounts.iter().map(|d| d.0.get()).collect();
    let case = Case {
        class: 0,
        plan: 0,
        size: input.size.map(Dec::get),
        category: input.category.then_some(0),
    };
    let _ = rate(&tables, &case, &rates, input.monthly);
});
