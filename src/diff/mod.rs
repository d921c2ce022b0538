//! Cell-by-cell comparison of two rate tables: what a tariff or program
//! change does to every printed premium.
//!
//! A cell prints one figure (its premium) or two (a monthly cell whose first
//! installment differs); each figure is compared on its own, so a change to
//! the first installment alone is still reported.
//!
//! Figures pair by program, class, category, size, plan and payment. A
//! [`Pair`] lets a program be compared with another one (its predecessor,
//! last year's program): its figures then pair with the predecessor's by
//! class, category, size, plan and payment, and every row and summary names
//! both programs.

pub mod report;
pub mod xlsx;

/// How a rate diff is written out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown tables, to paste into a pull request.
    Md,
    /// CSV with a byte-order mark, for Excel.
    Csv,
    /// A 新旧対照表 typeset with templates/diff.typ.
    Pdf,
    /// An Excel workbook (needs `--output`): a summary sheet and one sheet
    /// per program, changed cells highlighted.
    Xlsx,
}

use crate::rates::Cell;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::HashMap;

/// Which printed figure of a cell, identified like the cell itself.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FigureKey {
    /// The program id (on the head side, for a paired program).
    pub program: String,
    /// The base side's program this figure is compared with, when the
    /// program is paired with another (see [`Pair`]).
    pub previous: Option<String>,
    /// The plan id as printed.
    pub plan: String,
    /// The facility class id.
    pub class: String,
    /// The bed category id, if any.
    pub category: Option<String>,
    /// Beds or capacity, for size-rated classes.
    pub size: Option<Decimal>,
    /// `lump_sum`, `monthly`, or `monthly_first` for a differing first
    /// installment.
    pub payment: String,
}

/// What happened to one figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Printed on both sides with different values.
    Changed {
        /// The base side's value.
        old: Decimal,
        /// The head side's value.
        new: Decimal,
    },
    /// Printed only on the head side.
    Added {
        /// The head side's value.
        new: Decimal,
    },
    /// Printed only on the base side.
    Removed {
        /// The base side's value.
        old: Decimal,
    },
}

/// One figure that differs between the two sides.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Which figure.
    pub key: FigureKey,
    /// What happened to it.
    pub change: Change,
}

impl Row {
    /// The base side's value, unless the figure was added.
    pub fn old(&self) -> Option<Decimal> {
        match self.change {
            Change::Changed { old, .. } | Change::Removed { old } => Some(old),
            Change::Added { .. } => None,
        }
    }

    /// The head side's value, unless the figure was removed.
    pub fn new_value(&self) -> Option<Decimal> {
        match self.change {
            Change::Changed { new, .. } | Change::Added { new } => Some(new),
            Change::Removed { .. } => None,
        }
    }

    /// New minus old, in yen, for a changed figure.
    pub fn delta_yen(&self) -> Option<Decimal> {
        match self.change {
            Change::Changed { old, new } => Some(new - old),
            _ => None,
        }
    }

    /// The change in percent of the old figure, to two decimals (half away
    /// from zero); `None` unless changed from a non-zero figure.
    pub fn delta_pct(&self) -> Option<Decimal> {
        match self.change {
            Change::Changed { old, new } if !old.is_zero() => Some(
                ((new - old) * Decimal::ONE_HUNDRED / old)
                    .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
            ),
            _ => None,
        }
    }
}

/// The changes of one program, for the summary.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgramSummary {
    /// The program id (the head side's, for a paired program).
    pub program: String,
    /// The base side's program it was compared with, when paired.
    pub previous: Option<String>,
    /// Figures present on both sides.
    pub compared: usize,
    /// Figures whose value differs.
    pub changed: usize,
    /// Figures only the head side prints.
    pub added: usize,
    /// Figures only the base side prints.
    pub removed: usize,
    /// Smallest, median and largest Δ% of the changed figures.
    pub pct_range: Option<(Decimal, Decimal, Decimal)>,
}

/// Every changed, added and removed figure, with a summary per program.
#[derive(Clone, Debug, PartialEq)]
pub struct RateDiff {
    /// Head order first (changed and added), then removed figures in base
    /// order.
    pub rows: Vec<Row>,
    /// One summary per program, in head order.
    pub summaries: Vec<ProgramSummary>,
}

impl RateDiff {
    /// Whether nothing differs.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// The printed figures of a cell.
fn figures(cell: &Cell) -> Vec<(FigureKey, Decimal)> {
    let key = |payment: String| FigureKey {
        program: cell.program.clone(),
        previous: None,
        plan: cell.plan.clone(),
        class: cell.class.clone(),
        category: cell.category.clone(),
        size: cell.size.map(|s| s.normalize()),
        payment,
    };
    let payment = cell.payment.id();
    let mut out = vec![(key(payment.to_string()), cell.premium)];
    if let Some(first) = cell.first_installment {
        out.push((key(format!("{payment}_first")), first));
    }
    out
}

/// A program of the head side compared with another program of the base
/// side rather than with itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The base side's program (the predecessor).
    pub base: String,
    /// The head side's program.
    pub head: String,
}

/// The pairs the lineage gives: each head program that says it continues
/// `previous` (`(program, previous)` in `head_previous`) and is new on the
/// head side, when its predecessor exists on the base side.
pub fn lineage_pairs(
    base: &[Cell],
    head: &[Cell],
    head_previous: &[(String, String)],
) -> Vec<Pair> {
    let on = |cells: &[Cell], id: &str| cells.iter().any(|c| c.program == id);
    head_previous
        .iter()
        .filter(|(program, previous)| {
            program != previous && on(head, program) && !on(base, program) && on(base, previous)
        })
        .map(|(program, previous)| Pair {
            base: previous.clone(),
            head: program.clone(),
        })
        .collect()
}

/// Compares the figures of `base` with those of `head`, program by program.
pub fn compare(base: &[Cell], head: &[Cell]) -> RateDiff {
    compare_paired(base, head, &[])
}

/// Compares the figures of `base` with those of `head`, each paired
/// program's with its predecessor's. A predecessor is still compared with
/// itself where the head side has it too (last year's program stays beside
/// the rolled one); where the head side has it no longer, its figures are
/// not reported removed, since the paired program carries them on.
pub fn compare_paired(base: &[Cell], head: &[Cell], pairs: &[Pair]) -> RateDiff {
    let pairs: Vec<&Pair> = pairs.iter().filter(|p| p.base != p.head).collect();
    let on_head = |id: &str| head.iter().any(|c| c.program == id);
    let mut old: Vec<(FigureKey, Decimal)> = base
        .iter()
        .filter(|c| on_head(&c.program) || !pairs.iter().any(|p| p.base == c.program))
        .flat_map(figures)
        .collect();
    for pair in &pairs {
        let predecessor = base.iter().filter(|c| c.program == pair.base);
        old.extend(predecessor.flat_map(figures).map(|(mut key, value)| {
            key.program = pair.head.clone();
            key.previous = Some(pair.base.clone());
            (key, value)
        }));
    }
    let mut new: Vec<(FigureKey, Decimal)> = head.iter().flat_map(figures).collect();
    for (key, _) in &mut new {
        if let Some(pair) = pairs.iter().find(|p| p.head == key.program) {
            key.previous = Some(pair.base.clone());
        }
    }
    let old_by_key: HashMap<&FigureKey, Decimal> = old.iter().map(|(k, v)| (k, *v)).collect();
    let new_by_key: HashMap<&FigureKey, Decimal> = new.iter().map(|(k, v)| (k, *v)).collect();
    let mut rows = Vec::new();
    for (key, new_value) in &new {
        let change = match old_by_key.get(key) {
            Some(old) if old == new_value => continue,
            Some(&old) => Change::Changed {
                old,
                new: *new_value,
            },
            None => Change::Added { new: *new_value },
        };
        rows.push(Row {
            key: key.clone(),
            change,
        });
    }
    for (key, old_value) in &old {
        if !new_by_key.contains_key(key) {
            rows.push(Row {
                key: key.clone(),
                change: Change::Removed { old: *old_value },
            });
        }
    }
    let summaries = summarize(&old, &new_by_key, &rows);
    RateDiff { rows, summaries }
}

/// One summary per program present on either side, in order of appearance.
fn summarize(
    old: &[(FigureKey, Decimal)],
    new_by_key: &HashMap<&FigureKey, Decimal>,
    rows: &[Row],
) -> Vec<ProgramSummary> {
    let mut programs: Vec<(&str, Option<&String>)> = Vec::new();
    let keys = new_by_key.keys().copied();
    for key in old.iter().map(|(k, _)| k).chain(keys) {
        let program = (key.program.as_str(), key.previous.as_ref());
        if !programs.contains(&program) {
            programs.push(program);
        }
    }
    programs.sort_unstable();
    programs
        .into_iter()
        .map(|(program, previous)| {
            let of_program = |r: &&Row| r.key.program == program;
            let count = |want: fn(&Change) -> bool| {
                rows.iter()
                    .filter(of_program)
                    .filter(|r| want(&r.change))
                    .count()
            };
            let mut pcts: Vec<Decimal> = rows
                .iter()
                .filter(of_program)
                .filter_map(Row::delta_pct)
                .collect();
            pcts.sort_unstable();
            ProgramSummary {
                program: program.to_string(),
                previous: previous.cloned(),
                compared: old
                    .iter()
                    .filter(|(k, _)| k.program == program && new_by_key.contains_key(k))
                    .count(),
                changed: count(|c| matches!(c, Change::Changed { .. })),
                added: count(|c| matches!(c, Change::Added { .. })),
                removed: count(|c| matches!(c, Change::Removed { .. })),
                pct_range: range(&pcts),
            }
        })
        .collect()
}

/// Smallest, median and largest of sorted values; the median of an even
/// count is the mean of the middle two, to two decimals.
fn range(sorted: &[Decimal]) -> Option<(Decimal, Decimal, Decimal)> {
    let (first, last) = (*sorted.first()?, *sorted.last()?);
    let mid = sorted.len() / 2;
    let median = if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        ((sorted[mid - 1] + sorted[mid]) / Decimal::TWO)
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    };
    Some((first, median, last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::Payment;
    use rust_decimal_macros::dec;

    fn cell(program: &str, plan: &str, premium: Decimal) -> Cell {
        Cell {
            program: program.into(),
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

    #[test]
    fn identical_tables_have_no_change() {
        let cells = vec![cell("a", "H1", dec!(27200)), cell("a", "H2", dec!(31840))];
        let diff = compare(&cells, &cells);
        assert!(diff.is_empty());
        assert_eq!(diff.summaries[0].compared, 2);
        assert_eq!(diff.summaries[0].pct_range, None);
    }

    #[test]
    fn changed_added_and_removed_figures() {
        let base = vec![
            cell("a", "H1", dec!(20000)),
            cell("a", "H2", dec!(30000)),
            cell("a", "H3", dec!(40000)),
        ];
        let head = vec![
            cell("a", "H1", dec!(21000)),
            cell("a", "H2", dec!(29970)),
            cell("a", "H4", dec!(50000)),
        ];
        let diff = compare(&base, &head);
        let changes: Vec<_> = diff
            .rows
            .iter()
            .map(|r| (r.key.plan.as_str(), r.change))
            .collect();
        assert_eq!(
            changes,
            vec![
                (
                    "H1",
                    Change::Changed {
                        old: dec!(20000),
                        new: dec!(21000)
                    }
                ),
                (
                    "H2",
                    Change::Changed {
                        old: dec!(30000),
                        new: dec!(29970)
                    }
                ),
                ("H4", Change::Added { new: dec!(50000) }),
                ("H3", Change::Removed { old: dec!(40000) }),
            ]
        );
        assert_eq!(diff.rows[0].delta_yen(), Some(dec!(1000)));
        assert_eq!(diff.rows[0].delta_pct(), Some(dec!(5.00)));
        assert_eq!(diff.rows[1].delta_pct(), Some(dec!(-0.10)));
        let summary = &diff.summaries[0];
        assert_eq!(
            (
                summary.compared,
                summary.changed,
                summary.added,
                summary.removed
            ),
            (2, 2, 1, 1)
        );
        assert_eq!(
            summary.pct_range,
            Some((dec!(-0.10), dec!(2.45), dec!(5.00)))
        );
    }

    #[test]
    fn a_paired_program_is_compared_with_its_predecessor() {
        let base = vec![
            cell("a-2025", "H1", dec!(20000)),
            cell("a-2025", "H2", dec!(30000)),
        ];
        let head = vec![
            cell("a-2025", "H1", dec!(20000)),
            cell("a-2025", "H2", dec!(30000)),
            cell("a-2026", "H1", dec!(20000)),
            cell("a-2026", "H2", dec!(31000)),
        ];
        let lineage = [("a-2026".to_string(), "a-2025".to_string())];
        let pairs = lineage_pairs(&base, &head, &lineage);
        assert_eq!(
            pairs,
            vec![Pair {
                base: "a-2025".into(),
                head: "a-2026".into()
            }]
        );
        let diff = compare_paired(&base, &head, &pairs);
        assert_eq!(diff.rows.len(), 1);
        assert_eq!(diff.rows[0].key.program, "a-2026");
        assert_eq!(diff.rows[0].key.previous.as_deref(), Some("a-2025"));
        let counts: Vec<_> = diff
            .summaries
            .iter()
            .map(|s| {
                (
                    s.program.as_str(),
                    s.previous.as_deref(),
                    s.compared,
                    s.changed,
                )
            })
            .collect();
        assert_eq!(
            counts,
            vec![("a-2025", None, 2, 0), ("a-2026", Some("a-2025"), 2, 1)]
        );
        // Once the head side has the predecessor no more, its figures are
        // carried on by the paired program, not removed.
        let diff = compare_paired(&base, &head[2..], &pairs);
        assert_eq!(diff.summaries.len(), 1);
        assert_eq!(diff.summaries[0].removed, 0);
        // A program the base side already has is compared with itself.
        assert_eq!(lineage_pairs(&head, &head, &lineage), vec![]);
    }

    #[test]
    fn a_first_installment_change_alone_is_reported() {
        let mut base = cell("k", "H1", dec!(2780));
        base.payment = Payment::Monthly;
        base.first_installment = Some(dec!(2850));
        let mut head = base.clone();
        head.first_installment = Some(dec!(2860));
        let diff = compare(&[base], &[head]);
        assert_eq!(diff.rows.len(), 1);
        assert_eq!(diff.rows[0].key.payment, "monthly_first");
    }

    #[test]
    fn percent_rounds_half_away_from_zero() {
        let row = Row {
            key: figures(&cell("a", "H1", dec!(1)))[0].0.clone(),
            change: Change::Changed {
                old: dec!(8000),
                new: dec!(8001),
            },
        };
        // 0.0125 % → 0.01 %; 1/8000 is exactly 0.0125.
        assert_eq!(row.delta_pct(), Some(dec!(0.01)));
        let half = Row {
            change: Change::Changed {
                old: dec!(200),
                new: dec!(200.01),
            },
            ..row
        };
        // 0.005 % rounds away from zero.
        assert_eq!(half.delta_pct(), Some(dec!(0.01)));
    }

    #[test]
    fn median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(
            range(&[dec!(1), dec!(2), dec!(4), dec!(9)]),
            Some((dec!(1), dec!(3), dec!(9)))
        );
        assert_eq!(range(&[]), None);
    }
}
