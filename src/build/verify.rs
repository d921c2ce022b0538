//! The drift guard: every premium a compiled document printed, as recorded
//! by the template's `premium` helper, must equal the rating core's value
//! for that cell, and every cell the document should show must be printed.

use crate::rates::Cell;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// A premium as the compiled document printed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrintedCell {
    pub key: String,
    pub yen: i64,
    pub first_yen: Option<i64>,
}

impl PrintedCell {
    /// Reads the value a template recorded with `metadata(...) <tp-premium>`.
    pub fn from_json(value: &serde_json::Value) -> Option<Self> {
        Some(Self {
            key: value.get("key")?.as_str()?.to_string(),
            yen: value.get("yen")?.as_i64()?,
            first_yen: value.get("first_yen").and_then(|v| v.as_i64()),
        })
    }
}

fn whole_yen(amount: Decimal) -> Option<i64> {
    use rust_decimal::prelude::ToPrimitive;
    amount.fract().is_zero().then(|| amount.to_i64()).flatten()
}

/// Compares what was printed with what the rating core says; returns one
/// message per problem, naming the cell.
pub fn drift(expected: &[Cell], printed: &[PrintedCell]) -> Vec<String> {
    let wanted: BTreeMap<String, &Cell> = expected.iter().map(|c| (c.key(), c)).collect();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for p in printed {
        *seen.entry(p.key.as_str()).or_default() += 1;
        let Some(cell) = wanted.get(&p.key) else {
            problems.push(format!(
                "cell {} printed {}円 but the document should not print it",
                p.key, p.yen
            ));
            continue;
        };
        let (yen, first) = (
            whole_yen(cell.premium),
            cell.first_installment.and_then(whole_yen),
        );
        if Some(p.yen) != yen {
            problems.push(format!(
                "cell {} printed {}円 but the rating core gives {}円",
                p.key, p.yen, cell.premium
            ));
        }
        if p.first_yen != first {
            problems.push(format!(
                "cell {} printed a first installment of {:?} but the rating core gives {:?}",
                p.key, p.first_yen, first
            ));
        }
    }
    for key in wanted.keys() {
        if !seen.contains_key(key.as_str()) {
            problems.push(format!("cell {key} was not printed"));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::Payment;
    use rust_decimal_macros::dec;

    fn cell(plan: &str, premium: Decimal) -> Cell {
        Cell {
            program: "p".into(),
            plan: plan.into(),
            class: "clinic".into(),
            category: None,
            size: None,
            payment: Payment::LumpSum,
            premium,
            first_installment: None,
            annual: premium,
        }
    }

    fn printed(key: &str, yen: i64) -> PrintedCell {
        PrintedCell {
            key: key.into(),
            yen,
            first_yen: None,
        }
    }

    #[test]
    fn matching_prints_pass() {
        let expected = [cell("H1", dec!(27200))];
        assert!(drift(&expected, &[printed("p/clinic/-/-/H1/lump_sum", 27200)]).is_empty());
    }

    #[test]
    fn wrong_missing_and_unexpected_cells_are_named() {
        let expected = [cell("H1", dec!(27200)), cell("H2", dec!(31840))];
        let problems = drift(
            &expected,
            &[
                printed("p/clinic/-/-/H1/lump_sum", 27000),
                printed("p/clinic/-/-/H9/lump_sum", 1),
            ],
        );
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            problems[0].contains("H1")
                && problems[0].contains("27000円")
                && problems[0].contains("27200円")
        );
        assert!(problems[1].contains("H9") && problems[1].contains("should not print"));
        assert!(problems[2].contains("H2") && problems[2].contains("not printed"));
    }
}
