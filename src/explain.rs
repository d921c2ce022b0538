//! The worksheet of one premium: the case a person asked for (ids as
//! typed) resolved against the program's product, priced by the rating
//! core, and every step described in words — as text in the user's
//! language for `explain` and `quote`, and as JSON for tools.

use crate::content::IdKind;
use crate::content::model::{Catalog, Program};
use crate::error::{Error, Usage};
use crate::format::{percent, thousands, whole_yen};
use crate::messages::{Lang, Localized};
use crate::rates::quote;
use crate::rating::{Case, Outcome, Quote, RoundingMode, StepKind};
use rust_decimal::Decimal;
use serde::Serialize;

/// How a worksheet is written out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned text, in the user's language.
    Text,
    /// JSON for tools (step names in English).
    Json,
}

/// One facility to price, with ids as the user typed them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseRequest {
    /// The program id.
    pub program: String,
    /// The class id (`clinic`, `hospital`...).
    pub class: String,
    /// The plan id as printed (`H1`, `プラン1`, `P1`).
    pub plan: String,
    /// Beds or capacity, for classes rated by size.
    pub size: Option<Decimal>,
    /// The bed category id.
    pub category: Option<String>,
}

/// The program `id`, or a usage error listing the programs there are.
/// (Here, below `inspect`, so that `check` can write worksheets.)
pub fn find_program<'c>(catalog: &'c Catalog, id: &str) -> Result<&'c Program, Error> {
    catalog.program(id).ok_or_else(|| {
        Error::Usage(Usage::UnknownProgram {
            id: id.to_string(),
            known: catalog.programs.iter().map(|p| p.id.clone()).collect(),
        })
    })
}

/// The program a request names and the case resolved to indices of its
/// product.
pub fn resolve<'c>(
    catalog: &'c Catalog,
    request: &CaseRequest,
) -> Result<(&'c Program, Case), Error> {
    let program = find_program(catalog, &request.program)?;
    let product = catalog.product_of(program);
    if program.tariff.is_none() {
        return Err(Usage::NoTariff {
            program: program.id.clone(),
            product: product.id.clone(),
        }
        .into());
    }
    let find = |what: IdKind, id: &str, ids: Vec<&String>| {
        ids.iter().position(|x| *x == id).ok_or_else(|| {
            Error::Usage(Usage::UnknownCaseId {
                what,
                id: id.to_string(),
                product: product.id.clone(),
                known: ids.into_iter().cloned().collect(),
            })
        })
    };
    let class = find(
        IdKind::Class,
        &request.class,
        product.classes.iter().map(|c| &c.id).collect(),
    )?;
    let plan = find(
        IdKind::Plan,
        &request.plan,
        product.plans.iter().map(|p| &p.id).collect(),
    )?;
    let category = match &request.category {
        Some(c) => Some(find(
            IdKind::Category,
            c,
            product.categories.iter().map(|c| &c.id).collect(),
        )?),
        None => None,
    };
    let case = Case {
        class,
        plan,
        size: request.size,
        category,
    };
    Ok((program, case))
}

/// A priced case with every step described.
#[derive(Clone, Debug)]
pub struct Worksheet {
    request: CaseRequest,
    steps: Vec<Step>,
    outcome: Outcome,
}

/// One line of the worksheet.
#[derive(Clone, Debug)]
struct Step {
    /// The step in English and Japanese.
    what: [String; 2],
    input: Decimal,
    factor: Option<Decimal>,
    result: Decimal,
}

/// Prices `request` and describes each step of the tariff's routine.
pub fn worksheet(catalog: &Catalog, request: &CaseRequest) -> Result<Worksheet, Error> {
    let (program, case) = resolve(catalog, request)?;
    let priced: Quote = quote(catalog, program, &case).map_err(|e| {
        Usage::NotPriced(crate::rates::CellError {
            program: program.id.clone(),
            class: request.class.clone(),
            plan: request.plan.clone(),
            reason: e.to_string(),
        })
    })?;
    let steps = priced
        .worksheet
        .iter()
        .map(|line| Step {
            what: [
                describe(catalog, program, &line.kind, Lang::En),
                describe(catalog, program, &line.kind, Lang::Ja),
            ],
            input: line.input,
            factor: line.factor,
            result: line.result,
        })
        .collect();
    Ok(Worksheet {
        request: request.clone(),
        steps,
        outcome: priced.outcome,
    })
}

/// A worksheet step in words.
fn describe(catalog: &Catalog, program: &Program, kind: &StepKind, lang: Lang) -> String {
    let product = catalog.product_of(program);
    let discounts = catalog.tariff_of(program).map_or(&[][..], |t| &t.discounts);
    let ja = lang == Lang::Ja;
    match kind {
        StepKind::Base if ja => "基本保険料".to_string(),
        StepKind::Base => "base rate".to_string(),
        StepKind::SizeFactor {
            size,
            between: None,
        } if ja => format!("規模係数（{size}）"),
        StepKind::SizeFactor {
            size,
            between: None,
        } => format!("size factor at {size}"),
        StepKind::SizeFactor {
            size,
            between: Some(((s0, f0), (s1, f1))),
        } if ja => format!("規模係数（{size}: {s0}の{f0}と{s1}の{f1}の間を補間）"),
        StepKind::SizeFactor {
            size,
            between: Some(((s0, f0), (s1, f1))),
        } => format!("size factor at {size}, interpolated between {s0} ({f0}) and {s1} ({f1})"),
        StepKind::CategoryFactor { category: None } if ja => "病床区分係数（なし）".to_string(),
        StepKind::CategoryFactor { category: None } => "category factor (none)".to_string(),
        StepKind::CategoryFactor { category: Some(c) } if ja => {
            format!("病床区分係数 {}", product.categories[*c].name)
        }
        StepKind::CategoryFactor { category: Some(c) } => {
            format!("category factor {}", product.categories[*c].name)
        }
        StepKind::Discount {
            discount,
            rate,
            applies,
        } => {
            let name = &discounts[*discount].name;
            match (applies, ja) {
                (true, _) => format!("{name} {}", percent(*rate)),
                (false, true) => format!("{name}（この区分には適用なし）"),
                (false, false) => format!("{name} (not for this class)"),
            }
        }
        StepKind::Round(r) => {
            let unit = r.unit;
            match (r.mode, ja) {
                (RoundingMode::HalfUp, false) => format!("round half up to {unit} yen"),
                (RoundingMode::Down, false) => format!("round down to {unit} yen"),
                (RoundingMode::Up, false) => format!("round up to {unit} yen"),
                (RoundingMode::HalfUp, true) => format!("{unit}円未満四捨五入"),
                (RoundingMode::Down, true) => format!("{unit}円未満切り捨て"),
                (RoundingMode::Up, true) => format!("{unit}円未満切り上げ"),
            }
        }
        StepKind::Minimum { minimum: Some(m) } if ja => format!("最低保険料 {}円", thousands(*m)),
        StepKind::Minimum { minimum: Some(m) } => format!("minimum premium {}", thousands(*m)),
        StepKind::Minimum { minimum: None } if ja => "最低保険料（なし）".to_string(),
        StepKind::Minimum { minimum: None } => "minimum premium (none)".to_string(),
    }
}

impl Worksheet {
    /// Whether the case must be referred to the underwriter (a size outside
    /// the tariff's table).
    pub fn is_referred(&self) -> bool {
        matches!(self.outcome, Outcome::Refer { .. })
    }

    /// The worksheet as JSON (keys sorted; step names in English).
    pub fn json(&self) -> String {
        let value = serde_json::to_value(self.json_view()).unwrap_or_default();
        serde_json::to_string_pretty(&value).unwrap_or_default()
    }

    fn json_view(&self) -> JsonWorksheet {
        let r = &self.request;
        let mut view = JsonWorksheet {
            program: r.program.clone(),
            class: r.class.clone(),
            plan: r.plan.clone(),
            size: r.size.map(|s| s.normalize().to_string()),
            category: r.category.clone(),
            steps: self
                .steps
                .iter()
                .map(|s| JsonStep {
                    step: s.what[0].clone(),
                    input: s.input.normalize().to_string(),
                    factor: s.factor.map(|f| f.normalize().to_string()),
                    result: s.result.normalize().to_string(),
                })
                .collect(),
            premium_yen: None,
            installments: None,
            refer: None,
            reason: None,
        };
        match &self.outcome {
            Outcome::Premium {
                annual,
                installments,
            } => {
                view.premium_yen = whole_yen(*annual);
                view.installments = installments.as_ref().map(|i| JsonInstallments {
                    count: i.count,
                    regular_yen: whole_yen(i.regular),
                    first_yen: whole_yen(i.first),
                    total_yen: whole_yen(i.total),
                });
            }
            Outcome::Refer { size, min, max } => {
                view.refer = Some(true);
                view.reason = Some(format!(
                    "size {size} is outside the tariff's table ({min} to {max})"
                ));
            }
        }
        view
    }
}

impl Localized for Worksheet {
    /// The worksheet as aligned text: a heading, one line per step, and the
    /// premium (or the referral).
    fn localized(&self, lang: Lang) -> String {
        let r = &self.request;
        let mut out = format!("{} · {} · {}", r.program, r.class, r.plan);
        if let Some(size) = r.size {
            match lang {
                Lang::En => out.push_str(&format!(" · size {size}")),
                Lang::Ja => out.push_str(&format!(" · 規模 {size}")),
            }
        }
        if let Some(category) = &r.category {
            out.push_str(&format!(" · {category}"));
        }
        out.push('\n');
        out.push_str(&self.steps_text(lang));
        out
    }
}

impl Worksheet {
    /// The worksheet without its heading: one line per step and the
    /// premium (or the referral). `check` prints this under a mismatch of
    /// an expected premium, whose message already names the case.
    pub fn steps_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        let index = usize::from(lang == Lang::Ja);
        for (i, line) in self.steps.iter().enumerate() {
            let factor = line.factor.map(|f| format!("× {f}")).unwrap_or_default();
            out.push_str(&format!(
                "{:>2}. {} {:>16} {:>14} = {:>16}\n",
                i + 1,
                pad(&line.what[index], 58),
                thousands(line.input),
                factor,
                thousands(line.result)
            ));
        }
        out.push_str(&outcome_line(&self.outcome, lang));
        out
    }
}

/// `text` padded with spaces to `columns` terminal columns, counting
/// full-width (CJK) characters as two so that Japanese steps line up.
fn pad(text: &str, columns: usize) -> String {
    let wide = |c: char| {
        matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
    };
    let width: usize = text.chars().map(|c| if wide(c) { 2 } else { 1 }).sum();
    format!("{text}{}", " ".repeat(columns.saturating_sub(width)))
}

fn outcome_line(outcome: &Outcome, lang: Lang) -> String {
    let t = |d: &Decimal| thousands(*d);
    match (outcome, lang) {
        (
            Outcome::Premium {
                annual,
                installments: None,
            },
            Lang::En,
        ) => format!("premium: {}円 (annual, lump sum)\n", t(annual)),
        (
            Outcome::Premium {
                annual,
                installments: None,
            },
            Lang::Ja,
        ) => format!("保険料: {}円（年額・一括払）\n", t(annual)),
        (
            Outcome::Premium {
                annual,
                installments: Some(i),
            },
            Lang::En,
        ) => format!(
            "premium: {}円 annual; {} installments of {}円 (first {}円, total {}円)\n",
            t(annual),
            i.count,
            t(&i.regular),
            t(&i.first),
            t(&i.total)
        ),
        (
            Outcome::Premium {
                annual,
                installments: Some(i),
            },
            Lang::Ja,
        ) => format!(
            "保険料: 年額{}円、{}回払で毎回{}円（初回{}円、合計{}円）\n",
            t(annual),
            i.count,
            t(&i.regular),
            t(&i.first),
            t(&i.total)
        ),
        (Outcome::Refer { size, min, max }, Lang::En) => format!(
            "refer to underwriter: size {size} is outside the tariff's table ({min} to {max})\n"
        ),
        (Outcome::Refer { size, min, max }, Lang::Ja) => {
            format!("引受審査が必要です: 規模 {size} は料率表の範囲（{min}〜{max}）の外です\n")
        }
    }
}

/// The JSON shape of a worksheet.
#[derive(Serialize)]
struct JsonWorksheet {
    program: String,
    class: String,
    plan: String,
    size: Option<String>,
    category: Option<String>,
    steps: Vec<JsonStep>,
    #[serde(skip_serializing_if = "Option::is_none")]
    premium_yen: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    installments: Option<JsonInstallments>,
    #[serde(skip_serializing_if = "Option::is_none")]
    refer: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

#[derive(Serialize)]
struct JsonStep {
    step: String,
    input: String,
    factor: Option<String>,
    result: String,
}

#[derive(Serialize)]
struct JsonInstallments {
    count: u32,
    regular_yen: Option<i64>,
    first_yen: Option<i64>,
    total_yen: Option<i64>,
}
