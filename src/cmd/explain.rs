//! `tariffpress explain`: the worksheet of one premium.

use super::rates::unknown_program;
use super::{Failure, load};
use crate::cli::ExplainFormat;
use crate::content::model::{Catalog, Program};
use crate::format::{percent, thousands};
use crate::rates::quote;
use crate::rating::{Case, Outcome, Quote, RoundingMode, StepKind};
use rust_decimal::Decimal;
use serde_json::json;
use std::path::Path;

/// What the user asked to price, as typed.
pub struct Request<'a> {
    pub program: &'a str,
    pub class: &'a str,
    pub plan: &'a str,
    pub size: Option<Decimal>,
    pub category: Option<&'a str>,
}

pub fn run(root: &Path, request: &Request, format: ExplainFormat) -> Result<(), Failure> {
    let catalog = load(root)?;
    let program = catalog
        .program(request.program)
        .ok_or_else(|| unknown_program(&catalog, request.program))?;
    let case = resolve(&catalog, program, request)?;
    let quote = quote(&catalog, program, &case).map_err(|e| Failure::Usage(e.to_string()))?;
    let describe = |kind: &StepKind| describe(&catalog, program, kind);
    match format {
        ExplainFormat::Text => print!("{}", text(request, &quote, describe)),
        ExplainFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&to_json(request, &quote, describe)).unwrap_or_default()
        ),
    }
    Ok(())
}

/// Turns the ids of the request into indices of the program's product.
pub(super) fn resolve(
    catalog: &Catalog,
    program: &Program,
    request: &Request,
) -> Result<Case, Failure> {
    let product = catalog.product_of(program);
    let find = |what: &str, id: &str, ids: Vec<&str>| {
        ids.iter().position(|x| *x == id).ok_or_else(|| {
            Failure::Usage(format!(
                "unknown {what} `{id}` for product `{}`; expected one of: {}",
                product.id,
                ids.join(", ")
            ))
        })
    };
    let class = find(
        "class",
        request.class,
        product.classes.iter().map(|c| c.id.as_str()).collect(),
    )?;
    let plan = find(
        "plan",
        request.plan,
        product.plans.iter().map(|p| p.id.as_str()).collect(),
    )?;
    let category = match request.category {
        Some(c) => Some(find(
            "category",
            c,
            product.categories.iter().map(|c| c.id.as_str()).collect(),
        )?),
        None => None,
    };
    Ok(Case {
        class,
        plan,
        size: request.size,
        category,
    })
}

/// A worksheet step in words.
fn describe(catalog: &Catalog, program: &Program, kind: &StepKind) -> String {
    let product = catalog.product_of(program);
    let tariff = catalog.tariff_of(program);
    match kind {
        StepKind::Base => "base rate".to_string(),
        StepKind::SizeFactor {
            size,
            between: None,
        } => format!("size factor at {size}"),
        StepKind::SizeFactor {
            size,
            between: Some(((s0, f0), (s1, f1))),
        } => {
            format!("size factor at {size}, interpolated between {s0} ({f0}) and {s1} ({f1})")
        }
        StepKind::CategoryFactor { category: None } => "category factor (none)".to_string(),
        StepKind::CategoryFactor { category: Some(c) } => {
            format!("category factor {}", product.categories[*c].name)
        }
        StepKind::Discount {
            discount,
            rate,
            applies,
        } => {
            let name = &tariff.discounts[*discount].name;
            if *applies {
                format!("{name} {}", percent(*rate))
            } else {
                format!("{name} (not for this class)")
            }
        }
        StepKind::Round(r) => {
            let mode = match r.mode {
                RoundingMode::HalfUp => "half up",
                RoundingMode::Down => "down",
                RoundingMode::Up => "up",
            };
            format!("round {mode} to {} yen", r.unit)
        }
        StepKind::Minimum { minimum: Some(m) } => format!("minimum premium {}", thousands(*m)),
        StepKind::Minimum { minimum: None } => "minimum premium (none)".to_string(),
    }
}

fn text(request: &Request, quote: &Quote, describe: impl Fn(&StepKind) -> String) -> String {
    let mut out = format!("{} · {} · {}", request.program, request.class, request.plan);
    if let Some(size) = request.size {
        out.push_str(&format!(" · size {size}"));
    }
    if let Some(category) = request.category {
        out.push_str(&format!(" · {category}"));
    }
    out.push('\n');
    for (i, line) in quote.worksheet.iter().enumerate() {
        let factor = line.factor.map(|f| format!("× {f}")).unwrap_or_default();
        out.push_str(&format!(
            "{:>2}. {:<58} {:>16} {:>14} = {:>16}\n",
            i + 1,
            describe(&line.kind),
            thousands(line.input),
            factor,
            thousands(line.result)
        ));
    }
    out.push_str(&match &quote.outcome {
        Outcome::Premium {
            annual,
            installments: None,
        } => format!("premium: {}円 (annual, lump sum)\n", thousands(*annual)),
        Outcome::Premium {
            annual,
            installments: Some(i),
        } => format!(
            "premium: {}円 annual; {} installments of {}円 (first {}円, total {}円)\n",
            thousands(*annual),
            i.count,
            thousands(i.regular),
            thousands(i.first),
            thousands(i.total)
        ),
        Outcome::Refer { size, min, max } => format!(
            "refer to underwriter: size {size} is outside the tariff's table ({min} to {max})\n"
        ),
    });
    out
}

fn to_json(
    request: &Request,
    quote: &Quote,
    describe: impl Fn(&StepKind) -> String,
) -> serde_json::Value {
    let steps: Vec<_> = quote
        .worksheet
        .iter()
        .map(|l| {
            json!({
                "step": describe(&l.kind),
                "input": l.input.normalize().to_string(),
                "factor": l.factor.map(|f| f.normalize().to_string()),
                "result": l.result.normalize().to_string(),
            })
        })
        .collect();
    let mut value = json!({
        "program": request.program,
        "class": request.class,
        "plan": request.plan,
        "size": request.size.map(|s| s.normalize().to_string()),
        "category": request.category,
        "steps": steps,
    });
    match &quote.outcome {
        Outcome::Premium {
            annual,
            installments,
        } => {
            value["premium_yen"] = json!(yen_int(*annual));
            if let Some(i) = installments {
                value["installments"] = json!({
                    "count": i.count,
                    "regular_yen": yen_int(i.regular),
                    "first_yen": yen_int(i.first),
                    "total_yen": yen_int(i.total),
                });
            }
        }
        Outcome::Refer { size, min, max } => {
            value["refer"] = json!(true);
            value["reason"] = json!(format!(
                "size {size} is outside the tariff's table ({min} to {max})"
            ));
        }
    }
    value
}

fn yen_int(amount: Decimal) -> i64 {
    use rust_decimal::prelude::ToPrimitive;
    amount.round().to_i64().unwrap_or_default()
}
