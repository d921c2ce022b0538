//! The data a document template reads (`/data.json`): every value already
//! formatted or computed here, so that templates only lay out.

use super::literals::Literal;
use super::prose;
use crate::content::Diagnostic;
use crate::content::model::{
    Block, Catalog, Document, DocumentKind, Payment, Product, Program, Prose, Section, SectionRef,
    Table, Tariff,
};
use crate::format::{man_yen, percent, seireki, thousands, wareki, weekday};
use crate::rates::{Cell, CellError, program_cells};
use chrono::NaiveDate;
use minijinja::{Environment, Value};
use rust_decimal::Decimal;
use serde_json::{Value as Json, json};

/// What every document of a program shares: its priced cells, the data
/// prose may name, and the literal forms prose must not copy.
pub struct ProgramFacts<'a> {
    pub catalog: &'a Catalog,
    pub program: &'a Program,
    pub cells: Vec<Cell>,
    pub prose_context: Value,
    pub literals: Vec<Literal>,
}

impl<'a> ProgramFacts<'a> {
    pub fn new(catalog: &'a Catalog, program: &'a Program) -> Result<Self, CellError> {
        let cells = program_cells(catalog, program)?;
        let prose_context = Value::from(minijinja::value::Serde(prose_data(catalog, program)));
        let literals = literals(catalog, program, &cells);
        Ok(Self {
            catalog,
            program,
            cells,
            prose_context,
            literals,
        })
    }

    fn product(&self) -> &'a Product {
        self.catalog.product_of(self.program)
    }

    /// Every prose template a program's documents print, with the section
    /// they belong to resolved.
    pub fn prose(&self) -> Vec<&'a Prose> {
        let mut all = Vec::new();
        for document in &self.program.documents {
            for section in self.sections(document) {
                all.push(&section.title);
                section.blocks.iter().for_each(|b| block_prose(b, &mut all));
            }
        }
        for faq in self.product().faq.iter().chain(&self.program.faq) {
            all.extend([&faq.q, &faq.a]);
        }
        all
    }

    fn sections(&self, document: &'a Document) -> impl Iterator<Item = &'a Section> + 'a {
        let (program, product) = (self.program, self.product());
        document.sections.iter().map(move |r| match *r {
            SectionRef::Program(i) => &program.sections[i],
            SectionRef::Product(i) => &product.sections[i],
        })
    }

    /// Whether the document prints the premium tables (and so must print
    /// every cell).
    pub fn prints_premiums(&self, document: &Document) -> bool {
        document.kind == DocumentKind::RateSheet
            || self
                .sections(document)
                .any(|s| s.blocks.iter().any(|b| matches!(b, Block::PremiumTables)))
    }
}

fn block_prose<'a>(block: &'a Block, out: &mut Vec<&'a Prose>) {
    match block {
        Block::Text(p) | Block::Heading(p) => out.push(p),
        Block::List(items) | Block::Notes(items) => out.extend(items),
        Block::Table { header, rows } => {
            out.extend(header);
            rows.iter().for_each(|r| out.extend(r));
        }
        _ => {}
    }
}

/// The values prose placeholders may name.
fn prose_data(catalog: &Catalog, program: &Program) -> Json {
    let product = catalog.product_of(program);
    let tariff = catalog.tariff_of(program);
    let discounts: serde_json::Map<String, Json> = tariff
        .discounts
        .iter()
        .zip(&program.discount_rates)
        .map(|(d, rate)| (d.id.clone(), json!(rate.normalize().to_string())))
        .collect();
    let amounts = |values: &[Option<Decimal>]| -> serde_json::Map<String, Json> {
        product
            .coverages
            .iter()
            .zip(values)
            .filter_map(|(c, v)| v.map(|v| (c.id.clone(), json!(v.normalize().to_string()))))
            .collect()
    };
    let plans: serde_json::Map<String, Json> = product
        .plans
        .iter()
        .map(|p| {
            (
                p.id.clone(),
                json!({"limits": amounts(&p.limits), "deductibles": amounts(&p.deductibles)}),
            )
        })
        .collect();
    let deadlines: serde_json::Map<String, Json> = program
        .deadlines
        .iter()
        .map(|d| {
            (
                d.id.clone(),
                json!({"name": d.name, "date": d.date.to_string()}),
            )
        })
        .collect();
    json!({
        "program": {
            "id": program.id,
            "association": program.association,
            "policyholder": program.policyholder,
            "title": program.title,
        },
        "product": {"name": product.name},
        "period": {
            "start": program.period.start.to_string(),
            "end": program.period.end.to_string(),
            "time": program.period.time,
        },
        "deadlines": deadlines,
        "discounts": discounts,
        "plans": plans,
    })
}

/// Literal forms of the program's values, each with its placeholder.
fn literals(catalog: &Catalog, program: &Program, cells: &[Cell]) -> Vec<Literal> {
    let literal = |text: String, placeholder: String, unless_approximate| Literal {
        text,
        placeholder,
        unless_approximate,
    };
    let mut out = Vec::new();
    for cell in cells {
        for amount in [
            Some(cell.premium),
            cell.first_installment,
            Some(cell.annual),
        ]
        .into_iter()
        .flatten()
        {
            out.push(literal(
                format!("{}円", thousands(amount)),
                "the `premium_tables` block".into(),
                false,
            ));
        }
    }
    let tariff = catalog.tariff_of(program);
    for (d, rate) in tariff.discounts.iter().zip(&program.discount_rates) {
        if !rate.is_zero() {
            out.push(literal(
                percent(*rate),
                format!("{{{{ discounts.{} | pct }}}}", d.id),
                false,
            ));
        }
    }
    let mut dates = vec![
        ("period.start".to_string(), program.period.start),
        ("period.end".to_string(), program.period.end),
    ];
    dates.extend(
        program
            .deadlines
            .iter()
            .map(|d| (format!("deadlines.{}.date", d.id), d.date)),
    );
    for (name, date) in dates {
        out.push(literal(
            wareki(date),
            format!("{{{{ {name} | wareki }}}}"),
            false,
        ));
        out.push(literal(
            seireki(date),
            format!("{{{{ {name} | seireki }}}}"),
            false,
        ));
    }
    let product = catalog.product_of(program);
    for table in &program.tables {
        for &plan in &table.plans {
            for (c, limit) in product
                .coverages
                .iter()
                .zip(product.plans[plan].limits_for(table.class))
            {
                if let Some(limit) = limit {
                    let placeholder = format!(
                        "{{{{ plans.{}.limits.{} | man }}}}",
                        product.plans[plan].id, c.id
                    );
                    out.push(literal(man_yen(*limit), placeholder, true));
                }
            }
        }
    }
    out.sort_by(|a, b| a.text.cmp(&b.text));
    out.dedup_by(|a, b| a.text == b.text);
    out
}

/// A date in every form templates print.
fn date_json(date: NaiveDate) -> Json {
    json!({"iso": date.to_string(), "wareki": wareki(date), "seireki": seireki(date), "weekday": weekday(date)})
}

/// The discounts the program grants, for the cover badges: the group
/// discount (the association's own offer) first, then the others in the
/// tariff's order.
fn badges(tariff: &Tariff, program: &Program) -> Vec<Json> {
    let mut granted: Vec<_> = tariff
        .discounts
        .iter()
        .zip(&program.discount_rates)
        .filter(|(_, rate)| !rate.is_zero())
        .collect();
    granted.sort_by_key(|(d, _)| d.id != GROUP_DISCOUNT);
    granted
        .into_iter()
        .map(|(d, rate)| json!({"id": d.id, "name": d.name, "rate": percent(*rate)}))
        .collect()
}

/// The discount id that names the association's group discount.
const GROUP_DISCOUNT: &str = "group";

/// Builds `/data.json` for one document, rendering all its prose.
pub fn document_context(
    facts: &ProgramFacts,
    document: &Document,
    env: &Environment,
    diags: &mut Vec<Diagnostic>,
) -> Json {
    let program = facts.program;
    let product = facts.product();
    let mut render = |p: &Prose| match prose::render(env, p, &facts.prose_context) {
        Ok(text) => text,
        Err(d) => {
            diags.push(d);
            String::new()
        }
    };
    let sections: Vec<Json> = facts
        .sections(document)
        .map(|s| json!({"title": render(&s.title), "blocks": s.blocks.iter().map(|b| block_json(b, &mut render)).collect::<Vec<_>>()}))
        .collect();
    let faq: Vec<Json> = product
        .faq
        .iter()
        .chain(&program.faq)
        .map(|f| json!({"q": render(&f.q), "a": render(&f.a)}))
        .collect();
    let mut data = shared_json(facts, document.kind.name(), program.issue_date());
    let own = json!({
        "prints_premiums": facts.prints_premiums(document),
        // Only documents that print premiums carry them, so that a rate
        // change leaves the others' inputs, and their PDFs, untouched.
        "premium_tables": if facts.prints_premiums(document) { premium_tables(facts) } else { Vec::new() },
        "sections": sections,
        "faq": faq,
    });
    merge(&mut data, own);
    data
}

/// What every document of a program shows whatever its kind: provenance,
/// program, badges, period, deadlines and contacts. `issued` dates it.
fn shared_json(facts: &ProgramFacts, document: &str, issued: NaiveDate) -> Json {
    let (catalog, program) = (facts.catalog, facts.program);
    let product = facts.product();
    let tariff = catalog.tariff_of(program);
    json!({
        "meta": {
            "program": program.id,
            "document": document,
            "product": product.name,
            "tariff": {"effective": tariff.effective.to_string(), "version": tariff.version},
            "generator": crate::GENERATOR,
            "issued": date_json(issued),
        },
        "program": {
            "title": program.title,
            "audience": program.audience,
            "association": program.association,
            "policyholder": program.policyholder,
            "document_code": program.document_code,
        },
        "badge": badges(tariff, program),
        "period": {"start": date_json(program.period.start), "end": date_json(program.period.end), "time": program.period.time},
        "deadlines": program.deadlines.iter().map(|d| json!({"id": d.id, "name": d.name, "date": date_json(d.date)})).collect::<Vec<_>>(),
        "contacts": contacts_json(program),
    })
}

/// Adds the keys of `extra` (an object) to `data` (an object).
fn merge(data: &mut Json, extra: Json) {
    if let (Json::Object(data), Json::Object(extra)) = (data, extra) {
        data.extend(extra);
    }
}

/// What a quote sheet (お見積りシート) prints about one facility.
pub struct QuoteRequest<'a> {
    pub cell: &'a Cell,
    pub class: usize,
    pub plan: usize,
    pub category: Option<usize>,
    /// The facility's name, if given.
    pub facility: Option<&'a str>,
    /// The date the sheet is made.
    pub issued: NaiveDate,
}

/// `/data.json` of a quote sheet: the shared program data plus the
/// facility, its plan's limits and the premium cell.
pub fn quote_context(facts: &ProgramFacts, quote: &QuoteRequest) -> Json {
    let (catalog, program) = (facts.catalog, facts.program);
    let product = facts.product();
    let class = &product.classes[quote.class];
    let plan = &product.plans[quote.plan];
    let size = class.size.as_ref().zip(quote.cell.size).map(|(measure, size)| {
        json!({"name": measure.name, "value": format!("{}{}", size.normalize(), measure.unit)})
    });
    let coverages: Vec<Json> = product
        .coverages
        .iter()
        .zip(plan.limits_for(quote.class))
        .map(|(c, limit)| json!({"name": c.name, "limit": limit.map_or("—".into(), man_yen)}))
        .collect();
    let deductibles: Vec<String> = plan
        .deductibles
        .iter()
        .flatten()
        .map(|d| man_yen(*d))
        .collect();
    let installments = catalog.tariff_of(program).tables.installments;
    let mut data = shared_json(facts, "quote", quote.issued);
    merge(
        &mut data,
        json!({
            "prints_premiums": true,
            "quote": {
                "facility": quote.facility,
                "class": class.name,
                "category": quote.category.map(|c| product.categories[c].name.clone()),
                "size": size,
                "plan": plan.id,
                "coverages": coverages,
                "deductibles": if deductibles.is_empty() { "なし".to_string() } else { deductibles.join("／") },
                "conditions": conditions(catalog, program, quote.class),
                "premium_label": premium_label(program.payment),
                "cell": cell_json(quote.cell),
                "installments": match (program.payment, installments) {
                    (Payment::Monthly, Some(rule)) => json!({"count": rule.count}),
                    _ => Json::Null,
                },
            },
        }),
    );
    data
}

fn premium_label(payment: Payment) -> &'static str {
    match payment {
        Payment::LumpSum => "年間保険料",
        Payment::Monthly => "月額保険料",
    }
}

fn block_json(block: &Block, render: &mut impl FnMut(&Prose) -> String) -> Json {
    let mut all = |items: &[Prose]| items.iter().map(&mut *render).collect::<Vec<_>>();
    match block {
        Block::Text(p) => json!({"kind": "text", "text": render(p)}),
        Block::Heading(p) => json!({"kind": "heading", "text": render(p)}),
        Block::List(items) => json!({"kind": "list", "items": all(items)}),
        Block::Notes(items) => json!({"kind": "notes", "items": all(items)}),
        Block::Table { header, rows } => {
            let header = all(header);
            let rows: Vec<Vec<String>> = rows.iter().map(|r| all(r)).collect();
            json!({"kind": "table", "header": header, "rows": rows})
        }
        Block::PremiumTables => json!({"kind": "premium_tables"}),
        Block::Schedule => json!({"kind": "schedule"}),
        Block::Contacts => json!({"kind": "contacts"}),
        Block::FaxForm => json!({"kind": "fax_form"}),
        Block::Faq => json!({"kind": "faq"}),
    }
}

fn contacts_json(program: &Program) -> Vec<Json> {
    program
        .contacts
        .iter()
        .map(|c| json!({
            "role": c.role, "name": c.name, "department": c.department, "postal_code": c.postal_code,
            "address": c.address, "tel": c.tel, "fax": c.fax, "email": c.email, "hours": c.hours,
        }))
        .collect()
}

/// The program's premium tables with header texts and every cell.
fn premium_tables(facts: &ProgramFacts) -> Vec<Json> {
    let mut cells = facts.cells.iter();
    facts
        .program
        .tables
        .iter()
        .map(|table| {
            let count = table.plans.len() * table.sizes.len().max(1);
            let table_cells: Vec<&Cell> = cells.by_ref().take(count).collect();
            table_json(facts, table, &table_cells)
        })
        .collect()
}

fn table_json(facts: &ProgramFacts, table: &Table, cells: &[&Cell]) -> Json {
    let (catalog, program) = (facts.catalog, facts.program);
    let product = facts.product();
    let class = &product.classes[table.class];
    let category = table.category.map(|c| product.categories[c].name.clone());
    let unit = class.size.as_ref().map_or("", |s| s.unit.as_str());
    let columns: Vec<String> = table
        .sizes
        .iter()
        .map(|s| format!("{}{unit}", s.normalize()))
        .collect();
    let per_row = table.sizes.len().max(1);
    let rows: Vec<Json> = table
        .plans
        .iter()
        .zip(cells.chunks(per_row))
        .map(|(&plan, row_cells)| {
            let plan = &product.plans[plan];
            let limits: Vec<String> = plan.limits_for(table.class).iter().map(|l| l.map_or("—".into(), man_yen)).collect();
            let deductibles: Vec<String> = plan.deductibles.iter().map(|d| d.map_or("なし".into(), man_yen)).collect();
            json!({"plan": plan.id, "limits": limits, "deductibles": deductibles, "cells": row_cells.iter().map(|c| cell_json(c)).collect::<Vec<_>>()})
        })
        .collect();
    let title = match &category {
        Some(cat) => format!("{}({})の保険料", class.name, cat),
        None => format!("{}の保険料", class.name),
    };
    json!({
        "title": title,
        "class": class.id,
        "class_name": class.name,
        "category_name": category,
        "conditions": conditions(catalog, program, table.class),
        "payment": program.payment.id(),
        "premium_label": premium_label(program.payment),
        "size": class.size.as_ref().map(|s| json!({"name": s.name, "unit": s.unit})),
        "columns": columns,
        "coverages": product.coverages.iter().map(|c| c.name.clone()).collect::<Vec<_>>(),
        "rows": rows,
    })
}

fn cell_json(cell: &Cell) -> Json {
    use rust_decimal::prelude::ToPrimitive;
    let yen = |d: Decimal| d.to_i64().unwrap_or_default();
    json!({"key": cell.key(), "yen": yen(cell.premium), "first_yen": cell.first_installment.map(yen)})
}

/// The caption under a table title: 保険期間1年、団体割引20%、告知書割引なし、一括払の場合.
fn conditions(catalog: &Catalog, program: &Program, class: usize) -> String {
    let tariff = catalog.tariff_of(program);
    let mut parts = vec![format!(
        "保険期間{}",
        period_length(program.period.start, program.period.end)
    )];
    for (i, d) in tariff.discounts.iter().enumerate() {
        if !tariff.tables.discount_classes[i][class] {
            continue;
        }
        let rate = program.discount_rates[i];
        parts.push(if rate.is_zero() {
            format!("{}なし", d.name)
        } else {
            format!("{}{}", d.name, percent(rate))
        });
    }
    parts.push(match (program.payment, tariff.tables.installments) {
        (Payment::Monthly, Some(rule)) => format!("{}回払", rule.count),
        _ => "一括払".to_string(),
    });
    format!("{}の場合", parts.join("、"))
}

/// "1年" for a one-year period, otherwise the number of days.
fn period_length(start: NaiveDate, end: NaiveDate) -> String {
    use chrono::Datelike;
    if start.with_year(start.year() + 1) == Some(end) {
        "1年".to_string()
    } else {
        format!("{}日", (end - start).num_days())
    }
}
