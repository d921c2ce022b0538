//! The data of a member's own sheet for `quote --members`: a quote
//! (お見積りシート with the premium), a renewal notice (last year's premium
//! beside this year's) or a request form (the program's お見積りシート form
//! pre-filled with the member's id and name). One member's sheet, or every
//! member's in roster order for the print-ready merged PDF, is read by
//! `templates/members.typ`.

use super::context::{ProgramFacts, QuoteRequest, common, form_data, premium_cell, quote_context};
use super::view::{Common, FormData, PeriodData, PremiumCell, Quote};
use crate::content::model::{Form, Prefill, Program};
use crate::format::thousands;
use crate::rates::Cell;
use crate::rating::Case;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// `/data.json` of `templates/members.typ`: the program's shared data and
/// one sheet per member (one for a member's own PDF, all for `--merge`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct MembersData {
    /// What every document shows whatever its kind.
    #[serde(flatten)]
    pub common: Common,
    /// Whether the sheets print premiums (quotes and renewals) and so
    /// carry their cells as `/rates.json`.
    pub prints_premiums: bool,
    /// The sheets, in roster order.
    pub sheets: Vec<MemberSheet>,
}

/// One member's sheet.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MemberSheet {
    /// The お見積りシート with the member's premium.
    Quote {
        /// The member's facility and premium, as `quote --pdf` prints them.
        quote: Quote,
    },
    /// A renewal notice: this year's premium and last year's.
    Renewal {
        /// This year's facility and premium.
        quote: Quote,
        /// Last year's side.
        renewal: Box<Renewal>,
    },
    /// The program's request form pre-filled for the member.
    Request {
        /// The form with the member's id and name filled in.
        form: FormData,
    },
}

/// Last year's side of a renewal notice.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Renewal {
    /// The predecessor program's title.
    pub previous_title: String,
    /// Its policy period.
    pub previous_period: PeriodData,
    /// Last year's plan as the roster names it.
    pub previous_plan: String,
    /// Last year's premium, printed through `premium(cell)`; `null` when
    /// last year's plan cannot be priced under the predecessor.
    pub previous: Option<PremiumCell>,
    /// The change in the annual premium, e.g. `+1,200円（+2.1%）`; `null`
    /// without last year's premium.
    pub change: Option<String>,
    /// Whether last year's plan no longer exists this year (the notice
    /// says so plainly and quotes the roster's plan instead).
    pub plan_discontinued: bool,
}

/// One member to write a sheet for, priced already.
pub enum SheetRequest<'a> {
    /// A quote: the facility, its case and cell.
    Quote {
        /// The member's name, printed on their sheet only.
        name: &'a str,
        /// What was priced.
        case: Case,
        /// This year's cell.
        cell: &'a Cell,
    },
    /// A renewal notice: a quote and last year's side.
    Renewal {
        /// The member's name.
        name: &'a str,
        /// What was priced.
        case: Case,
        /// This year's cell.
        cell: &'a Cell,
        /// Last year's side.
        renewal: Box<Renewal>,
    },
    /// A request form filled in with the member's id and name.
    Request {
        /// The member's id.
        id: &'a str,
        /// The member's name.
        name: &'a str,
        /// The program's form.
        form: &'a Form,
    },
}

/// The sheet of one member.
pub fn member_sheet(facts: &ProgramFacts, request: SheetRequest, issued: NaiveDate) -> MemberSheet {
    let quote = |name: &str, case: Case, cell: &Cell| {
        quote_context(
            facts,
            &QuoteRequest {
                cell,
                class: case.class,
                plan: case.plan,
                category: case.category,
                facility: Some(name),
                issued,
            },
        )
        .quote
    };
    match request {
        SheetRequest::Quote { name, case, cell } => MemberSheet::Quote {
            quote: quote(name, case, cell),
        },
        SheetRequest::Renewal {
            name,
            case,
            cell,
            renewal,
        } => MemberSheet::Renewal {
            quote: quote(name, case, cell),
            renewal,
        },
        SheetRequest::Request { id, name, form } => MemberSheet::Request {
            form: form_data(facts.program, form, |p| {
                Some(match p {
                    Prefill::MemberId => id.to_string(),
                    Prefill::Name => name.to_string(),
                })
            }),
        },
    }
}

/// Last year's side of a renewal: the predecessor's title and period,
/// its premium for last year's plan and the change to this year's.
pub fn renewal(
    previous: &ProgramFacts,
    previous_plan: &str,
    previous_cell: Option<&Cell>,
    this_year: &Cell,
    plan_discontinued: bool,
) -> Renewal {
    let program: &Program = previous.program;
    let shared = common(previous, "renewal", program.issue_date());
    Renewal {
        previous_title: program.title.clone(),
        previous_period: shared.period,
        previous_plan: previous_plan.to_string(),
        previous: previous_cell.map(premium_cell),
        change: previous_cell.map(|before| change(before.annual, this_year.annual)),
        plan_discontinued,
    }
}

/// `+1,200円（+2.1%）`, `-800円（-1.5%）` or `±0円（±0.0%）`.
fn change(before: Decimal, after: Decimal) -> String {
    let delta = after - before;
    let sign = if delta > Decimal::ZERO {
        "+"
    } else if delta < Decimal::ZERO {
        "-"
    } else {
        "±"
    };
    let percent = if before.is_zero() {
        String::new()
    } else {
        let p = (delta.abs() * Decimal::ONE_HUNDRED / before).round_dp(1);
        format!("（{sign}{p:.1}%）")
    };
    format!("{sign}{}円{percent}", thousands(delta.abs()))
}

/// The members' data: `common` of the program and the sheets.
pub fn members_data(
    facts: &ProgramFacts,
    kind: &str,
    issued: NaiveDate,
    sheets: Vec<MemberSheet>,
) -> MembersData {
    let prints_premiums = sheets
        .iter()
        .any(|s| !matches!(s, MemberSheet::Request { .. }));
    MembersData {
        common: common(facts, kind, issued),
        prints_premiums,
        sheets,
    }
}

#[cfg(test)]
mod tests {
    use super::change;
    use rust_decimal_macros::dec;

    #[test]
    fn a_change_is_signed_in_yen_and_percent() {
        assert_eq!(change(dec!(50000), dec!(51200)), "+1,200円（+2.4%）");
        assert_eq!(change(dec!(50000), dec!(49200)), "-800円（-1.6%）");
        assert_eq!(change(dec!(50000), dec!(50000)), "±0円（±0.0%）");
    }
}
