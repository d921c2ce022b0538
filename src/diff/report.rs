//! A rate diff written out: Markdown for pull requests, CSV for Excel, and
//! the data of the 新旧対照表 PDF (`templates/diff.typ`).

use super::{Change, ProgramSummary, RateDiff, Row};
use crate::export::csv_row;
pub use crate::export::labels::Labels;
use crate::export::labels::payment_label;
use crate::format::thousands;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

impl crate::messages::Localized for RateDiff {
    /// The one-line summary of what changed.
    fn localized(&self, lang: crate::messages::Lang) -> String {
        match lang {
            crate::messages::Lang::En => headline(self),
            crate::messages::Lang::Ja => headline_ja(self),
        }
    }
}

/// What the two sides were, for headings.
pub struct Sides {
    /// How the base side is named (a revision, folder, PDF or tariff file).
    pub base: String,
    /// How the head side is named (`working tree` for the project itself).
    pub head: String,
}

/// How every output names a program: `miyazaki-2025 → miyazaki-2026`
/// when it was compared with its predecessor, else its id.
pub(crate) fn program_label(program: &str, previous: Option<&String>) -> String {
    match previous {
        Some(previous) => format!("{previous} → {program}"),
        None => program.to_string(),
    }
}

fn signed(amount: Decimal) -> String {
    if amount.is_sign_positive() && !amount.is_zero() {
        format!("+{}", thousands(amount))
    } else {
        thousands(amount)
    }
}

fn signed_pct(pct: Decimal) -> String {
    let sign = if pct.is_sign_positive() && !pct.is_zero() {
        "+"
    } else {
        ""
    };
    format!("{sign}{pct:.2}%")
}

fn change_name(change: &Change) -> &'static str {
    match change {
        Change::Changed { .. } => "changed",
        Change::Added { .. } => "added",
        Change::Removed { .. } => "removed",
    }
}

/// The columns every format shows for a row, as display strings.
struct Cells {
    program: String,
    class: String,
    category: String,
    size: String,
    plan: String,
    payment: String,
    old: String,
    new: String,
    delta: String,
    pct: String,
}

fn cells(row: &Row, labels: &Labels) -> Cells {
    let money = |v: Option<Decimal>| v.map_or("—".to_string(), thousands);
    Cells {
        program: program_label(&row.key.program, row.key.previous.as_ref()),
        class: labels.name(&row.key.program, &row.key.class).to_string(),
        category: row.key.category.as_deref().map_or("—".to_string(), |c| {
            labels.name(&row.key.program, c).to_string()
        }),
        size: row.key.size.map_or("—".to_string(), |s| s.to_string()),
        plan: row.key.plan.clone(),
        payment: payment_label(&row.key.payment).to_string(),
        old: money(row.old()),
        new: money(row.new_value()),
        delta: row
            .delta_yen()
            .map_or_else(|| change_name(&row.change).to_string(), signed),
        pct: row.delta_pct().map_or("—".to_string(), signed_pct),
    }
}

/// One line saying what changed, or that nothing did.
pub fn headline(diff: &RateDiff) -> String {
    if diff.is_empty() {
        let compared: usize = diff.summaries.iter().map(|s| s.compared).sum();
        return format!("no premium changed ({compared} figures compared)");
    }
    let total = |f: fn(&ProgramSummary) -> usize| diff.summaries.iter().map(f).sum::<usize>();
    let programs = diff
        .summaries
        .iter()
        .filter(|s| s.changed + s.added + s.removed > 0)
        .count();
    format!(
        "{} premiums changed, {} added, {} removed in {programs} program(s)",
        total(|s| s.changed),
        total(|s| s.added),
        total(|s| s.removed)
    )
}

/// The headline in Japanese, for the 新旧対照表.
pub fn headline_ja(diff: &RateDiff) -> String {
    let total = |f: fn(&ProgramSummary) -> usize| diff.summaries.iter().map(f).sum::<usize>();
    if diff.is_empty() {
        return format!(
            "保険料の変更はありません（{}件を比較）",
            total(|s| s.compared)
        );
    }
    format!(
        "変更 {}件・新設 {}件・廃止 {}件",
        total(|s| s.changed),
        total(|s| s.added),
        total(|s| s.removed)
    )
}

fn summary_pcts(s: &ProgramSummary) -> [String; 3] {
    match s.pct_range {
        Some((min, median, max)) => [signed_pct(min), signed_pct(median), signed_pct(max)],
        None => ["—".to_string(), "—".to_string(), "—".to_string()],
    }
}

/// Markdown for a pull request: headline, every changed cell, summary.
pub fn markdown(diff: &RateDiff, sides: &Sides, labels: &Labels) -> String {
    let mut out = format!(
        "### Premium changes: `{}` → `{}`\n\n{}\n",
        sides.base,
        sides.head,
        headline(diff)
    );
    // The pairing is said even when nothing changed: it is what a reviewer
    // of a rolled program checks first.
    let paired: Vec<&ProgramSummary> = diff
        .summaries
        .iter()
        .filter(|s| s.previous.is_some())
        .collect();
    if !paired.is_empty() {
        out.push_str("\nCompared with the program each continues (`previous:`):\n\n");
    }
    for s in paired {
        out.push_str(&format!(
            "- `{}`: {} compared, {} changed, {} added, {} removed\n",
            program_label(&s.program, s.previous.as_ref()),
            s.compared,
            s.changed,
            s.added,
            s.removed
        ));
    }
    if diff.is_empty() {
        return out;
    }
    out.push_str(
        "\n| program | class | category | size | plan | payment | old 円 | new 円 | Δ円 | Δ% |\n\
         |---|---|---|---:|---|---|---:|---:|---:|---:|\n",
    );
    for row in &diff.rows {
        let c = cells(row, labels);
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            c.program, c.class, c.category, c.size, c.plan, c.payment, c.old, c.new, c.delta, c.pct
        ));
    }
    out.push_str(
        "\n| program | compared | changed | added | removed | min Δ% | median Δ% | max Δ% |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for s in &diff.summaries {
        let [min, median, max] = summary_pcts(s);
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {min} | {median} | {max} |\n",
            program_label(&s.program, s.previous.as_ref()),
            s.compared,
            s.changed,
            s.added,
            s.removed
        ));
    }
    out
}

/// CSV with a byte-order mark (Excel), plain numbers, one row per figure;
/// a paired program reads `previous → program` in the program column,
/// and text is guarded against formula injection ([`crate::export::csv_text`]).
pub fn csv(diff: &RateDiff) -> String {
    let mut out = String::from(
        "\u{feff}program,class,category,size,plan,payment,change,old_yen,new_yen,delta_yen,delta_pct\r\n",
    );
    let plain = |v: Option<Decimal>| v.map(|d| d.normalize().to_string()).unwrap_or_default();
    for row in &diff.rows {
        let k = &row.key;
        let fields = [
            program_label(&k.program, k.previous.as_ref()),
            k.class.clone(),
            k.category.clone().unwrap_or_default(),
            plain(k.size),
            k.plan.clone(),
            k.payment.clone(),
            change_name(&row.change).to_string(),
            plain(row.old()),
            plain(row.new_value()),
            plain(row.delta_yen()),
            plain(row.delta_pct()),
        ];
        // Sizes and figures are numbers; everything else is text that a
        // spreadsheet must not run as a formula.
        out.push_str(&csv_row(&fields, |i| !matches!(i, 3 | 7..=10)));
    }
    out
}

/// The data `templates/diff.typ` reads: display strings only, so the
/// template formats nothing itself. `tariffpress schema diff` prints its
/// JSON Schema.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DiffData {
    /// The old state as given on the command line (a revision, folder,
    /// PDF or tariff file): the banner after 旧, the footer and a keyword.
    pub base: String,
    /// The new state, likewise: the banner after 新.
    pub head: String,
    /// One Japanese line saying what changed, in bold under the banner.
    pub headline: String,
    /// Every changed, added and removed figure; the table is left out
    /// when there is none.
    pub rows: Vec<DiffRow>,
    /// One line per program of the summary table.
    pub summaries: Vec<DiffSummary>,
}

/// What happened to a figure; the template colours its row by it.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RowChange {
    /// The premium differs between the two states.
    Changed,
    /// The figure exists only in the new state (新設).
    Added,
    /// The figure exists only in the old state (廃止).
    Removed,
}

/// One figure of the 新旧対照表, every column a display string.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DiffRow {
    /// What happened to the figure: chooses the row's fill.
    pub change: RowChange,
    /// The program id, or `previous → program` when the program was
    /// compared with its predecessor.
    pub program: String,
    /// The facility class's printed name (its id where unknown).
    pub class: String,
    /// The bed category's printed name, or —.
    pub category: String,
    /// The size, or — for a flat-rated class.
    pub size: String,
    /// The plan as printed.
    pub plan: String,
    /// How the premium is paid: 一括払, 月払 or 月払（初回）.
    pub payment: String,
    /// The old premium with thousands separators, or — when added.
    pub old: String,
    /// The new premium, or — when removed.
    pub new: String,
    /// The signed difference in yen, or 新設 / 廃止.
    pub delta: String,
    /// The signed difference in percent of the old premium, or —.
    pub pct: String,
}

/// One program's line of the summary table.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DiffSummary {
    /// The program id, or `previous → program` when the program was
    /// compared with its predecessor.
    pub program: String,
    /// How many figures were compared.
    pub compared: usize,
    /// How many changed.
    pub changed: usize,
    /// How many were added.
    pub added: usize,
    /// How many were removed.
    pub removed: usize,
    /// The smallest signed change in percent, or —.
    pub min: String,
    /// The median signed change in percent, or —.
    pub median: String,
    /// The largest signed change in percent, or —.
    pub max: String,
}

fn row_change(change: &Change) -> RowChange {
    match change {
        Change::Changed { .. } => RowChange::Changed,
        Change::Added { .. } => RowChange::Added,
        Change::Removed { .. } => RowChange::Removed,
    }
}

/// The data `templates/diff.typ` reads (see [`DiffData`]).
pub fn document_data(diff: &RateDiff, sides: &Sides, labels: &Labels) -> DiffData {
    let rows = diff
        .rows
        .iter()
        .map(|row| {
            let c = cells(row, labels);
            let delta = match row.change {
                Change::Added { .. } => "新設".to_string(),
                Change::Removed { .. } => "廃止".to_string(),
                Change::Changed { .. } => c.delta,
            };
            DiffRow {
                change: row_change(&row.change),
                program: c.program,
                class: c.class,
                category: c.category,
                size: c.size,
                plan: c.plan,
                payment: c.payment,
                old: c.old,
                new: c.new,
                delta,
                pct: c.pct,
            }
        })
        .collect();
    let summaries = diff
        .summaries
        .iter()
        .map(|s| {
            let [min, median, max] = summary_pcts(s);
            DiffSummary {
                program: program_label(&s.program, s.previous.as_ref()),
                compared: s.compared,
                changed: s.changed,
                added: s.added,
                removed: s.removed,
                min,
                median,
                max,
            }
        })
        .collect();
    DiffData {
        base: sides.base.clone(),
        head: sides.head.clone(),
        headline: headline_ja(diff),
        rows,
        summaries,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::Payment;
    use crate::diff::compare;
    use crate::rates::Cell;
    use rust_decimal_macros::dec;

    fn cell(plan: &str, premium: Decimal) -> Cell {
        Cell {
            program: "miyazaki-2025".into(),
            plan: plan.into(),
            class: "hospital".into(),
            category: None,
            size: Some(dec!(50)),
            payment: Payment::LumpSum,
            premium,
            first_installment: None,
            annual: premium,
        }
    }

    fn sides() -> Sides {
        Sides {
            base: "main".into(),
            head: "working tree".into(),
        }
    }

    #[test]
    fn markdown_lists_each_change_and_the_summary() {
        let diff = compare(
            &[cell("H1", dec!(78610)), cell("H2", dec!(91970))],
            &[cell("H1", dec!(80000)), cell("H2", dec!(91970))],
        );
        let md = markdown(&diff, &sides(), &Labels::default());
        assert!(
            md.contains("1 premiums changed, 0 added, 0 removed in 1 program(s)"),
            "{md}"
        );
        assert!(
            md.contains("| miyazaki-2025 | hospital | — | 50 | H1 | 一括払 | 78,610 | 80,000 | +1,390 | +1.77% |"),
            "{md}"
        );
        assert!(
            md.contains("| miyazaki-2025 | 2 | 1 | 0 | 0 | +1.77% | +1.77% | +1.77% |"),
            "{md}"
        );
    }

    #[test]
    fn no_change_says_so() {
        let cells = [cell("H1", dec!(78610))];
        let md = markdown(&compare(&cells, &cells), &sides(), &Labels::default());
        assert!(
            md.contains("no premium changed (1 figures compared)"),
            "{md}"
        );
        assert!(!md.contains("| program |"), "{md}");
    }

    #[test]
    fn csv_has_bom_and_plain_numbers() {
        let diff = compare(&[cell("H1", dec!(78610))], &[cell("H1", dec!(77000))]);
        let csv = csv(&diff);
        assert!(csv.starts_with('\u{feff}'));
        assert!(
            csv.contains(
                "\r\nmiyazaki-2025,hospital,,50,H1,lump_sum,changed,78610,77000,-1610,-2.05\r\n"
            ),
            "{csv}"
        );
    }

    #[test]
    fn csv_guards_text_a_spreadsheet_would_run_but_not_negative_figures() {
        for name in ["=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)"] {
            let mut old = cell("H1", dec!(78610));
            old.program = name.into();
            old.plan = name.into();
            old.class = name.into();
            let mut new = old.clone();
            new.premium = dec!(77000);
            let csv = csv(&compare(&[old], &[new]));
            let row = csv.split("\r\n").nth(1).unwrap();
            let g = crate::export::csv_field(&format!("'{name}"));
            assert_eq!(
                row,
                format!("{g},{g},,50,{g},lump_sum,changed,78610,77000,-1610,-2.05"),
                "{name}"
            );
        }
    }
}
