//! The drift guard: every premium a compiled document printed, as recorded
//! by the template's `premium` helper, must equal the rating core's value
//! for that cell, and every cell the document should show must be printed.

use crate::messages::{Lang, Localized};
use crate::rates::Cell;
use crate::render::PrintedCell;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One disagreement between a document and the rating core, naming the
/// cell by its key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Drift {
    /// The document printed a cell the program does not offer.
    Unexpected {
        /// The cell's key.
        key: String,
        /// What was printed.
        yen: i64,
    },
    /// The document printed another premium than the core's.
    Premium {
        /// The cell's key.
        key: String,
        /// What was printed.
        printed: i64,
        /// What the rating core gives.
        expected: Decimal,
    },
    /// The first installment printed differs from the core's.
    FirstInstallment {
        /// The cell's key.
        key: String,
        /// What was printed.
        printed: Option<i64>,
        /// What the rating core gives.
        expected: Option<i64>,
    },
    /// A cell the document must print is missing.
    NotPrinted {
        /// The cell's key.
        key: String,
    },
}

impl Localized for Drift {
    fn localized(&self, lang: Lang) -> String {
        let yen = |v: Option<i64>| v.map_or("-".to_string(), |v| format!("{v}円"));
        match (self, lang) {
            (Drift::Unexpected { key, yen }, Lang::En) => {
                format!("cell {key} printed {yen}円 but the document should not print it")
            }
            (Drift::Unexpected { key, yen }, Lang::Ja) => {
                format!(
                    "セル {key} に{yen}円と印刷されましたが、この文書が印刷するセルではありません"
                )
            }
            (
                Drift::Premium {
                    key,
                    printed,
                    expected,
                },
                Lang::En,
            ) => {
                format!("cell {key} printed {printed}円 but the rating core gives {expected}円")
            }
            (
                Drift::Premium {
                    key,
                    printed,
                    expected,
                },
                Lang::Ja,
            ) => {
                format!("セル {key} に{printed}円と印刷されましたが、料率計算では{expected}円です")
            }
            (
                Drift::FirstInstallment {
                    key,
                    printed,
                    expected,
                },
                Lang::En,
            ) => format!(
                "cell {key} printed a first installment of {} but the rating core gives {}",
                yen(*printed),
                yen(*expected)
            ),
            (
                Drift::FirstInstallment {
                    key,
                    printed,
                    expected,
                },
                Lang::Ja,
            ) => format!(
                "セル {key} の初回保険料が{}と印刷されましたが、料率計算では{}です",
                yen(*printed),
                yen(*expected)
            ),
            (Drift::NotPrinted { key }, Lang::En) => format!("cell {key} was not printed"),
            (Drift::NotPrinted { key }, Lang::Ja) => {
                format!("セル {key} が印刷されていません")
            }
        }
    }
}

/// Compares what was printed with what the rating core says; returns one
/// problem per disagreement.
pub fn drift(expected: &[Cell], printed: &[PrintedCell]) -> Vec<Drift> {
    let wanted: BTreeMap<String, &Cell> = expected.iter().map(|c| (c.key(), c)).collect();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for p in printed {
        *seen.entry(p.key.as_str()).or_default() += 1;
        let Some(cell) = wanted.get(&p.key) else {
            problems.push(Drift::Unexpected {
                key: p.key.clone(),
                yen: p.yen,
            });
            continue;
        };
        let (yen, first) = (
            crate::format::whole_yen(cell.premium),
            cell.first_installment.and_then(crate::format::whole_yen),
        );
        if Some(p.yen) != yen {
            problems.push(Drift::Premium {
                key: p.key.clone(),
                printed: p.yen,
                expected: cell.premium,
            });
        }
        if p.first_yen != first {
            problems.push(Drift::FirstInstallment {
                key: p.key.clone(),
                printed: p.first_yen,
                expected: first,
            });
        }
    }
    for key in wanted.keys() {
        if !seen.contains_key(key.as_str()) {
            problems.push(Drift::NotPrinted { key: key.clone() });
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
        let problems: Vec<String> = drift(
            &expected,
            &[
                printed("p/clinic/-/-/H1/lump_sum", 27000),
                printed("p/clinic/-/-/H9/lump_sum", 1),
            ],
        )
        .iter()
        .map(|d| d.localized(Lang::En))
        .collect();
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
