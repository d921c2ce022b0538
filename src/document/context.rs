//! The data a document template reads (`/data.json`): every value already
//! formatted or computed here, so that templates only lay out.

use super::literals::{KnownDate, Literal};
use super::prose;
use super::view::{
    Badge, BlockData, Common, ContactData, DateData, DeadlineData, DocumentData, FaqEntry,
    FormData, FormFieldData, InstallmentsData, Meta, PeriodData, PlanRow, PremiumCell,
    PremiumTable, ProgramInfo, Quote, QuoteCoverage, QuoteData, QuoteSize, SectionData,
    SizeMeasure, TariffInfo,
};
use crate::content::Diagnostic;
use crate::content::model::{
    Block, Catalog, Contact, Document, DocumentKind, Form, Payment, Prefill, Product, Program,
    Prose, Section, SectionRef, Table, Tariff,
};
use crate::format::{man_yen, percent, seireki, thousands, wareki, weekday};
use crate::rates::{Cell, PricedProgram};
use chrono::NaiveDate;
use minijinja::{Environment, Value};
use rust_decimal::Decimal;
use serde_json::{Value as Json, json};

/// What every document of a program shares: its priced cells, the data
/// prose may name, and the literal forms prose must not copy.
pub struct ProgramFacts<'a> {
    /// The whole content, for names of classes, plans and coverages.
    pub catalog: &'a Catalog,
    /// The program the documents belong to.
    pub program: &'a Program,
    /// Every cell its tables print, priced once.
    pub cells: Vec<Cell>,
    /// The values prose placeholders may name (`program`, `discounts`…).
    pub prose_context: Value,
    /// The printed forms of data values that prose must not copy literally.
    pub literals: Vec<Literal>,
    /// The program's dates by the names prose reads them with, named
    /// dates first: what a date written in prose is matched against.
    pub dates: Vec<KnownDate>,
}

impl<'a> ProgramFacts<'a> {
    /// The facts of a priced program.
    pub fn new(catalog: &'a Catalog, priced: &PricedProgram<'a>) -> Self {
        let (program, cells) = (priced.program, priced.cells.clone());
        let prose_context = Value::from(minijinja::value::Serde(prose_data(catalog, program)));
        let literals = literals(catalog, program, &cells);
        Self {
            catalog,
            program,
            cells,
            prose_context,
            literals,
            dates: known_dates(program),
        }
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
        "dates": program
            .dates
            .iter()
            .map(|(id, date)| (id.clone(), json!(date.to_string())))
            .collect::<serde_json::Map<String, Json>>(),
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

/// The program's dates as prose names them: `dates.<id>` first (a month
/// written in prose most likely means a named date), then the period and
/// the deadlines. Dates are not [`Literal`]s: `check_dates` finds every
/// date prose writes, in any form, and matches it against these.
fn known_dates(program: &Program) -> Vec<KnownDate> {
    let named = program
        .dates
        .iter()
        .map(|(id, &date)| (format!("dates.{id}"), date));
    let period = [
        ("period.start".to_string(), program.period.start),
        ("period.end".to_string(), program.period.end),
    ];
    let deadlines = program
        .deadlines
        .iter()
        .map(|d| (format!("deadlines.{}.date", d.id), d.date));
    named
        .chain(period)
        .chain(deadlines)
        .map(|(name, date)| KnownDate { name, date })
        .collect()
}

/// A date in every form templates print.
pub(crate) fn date_data(date: NaiveDate) -> DateData {
    DateData {
        iso: date.to_string(),
        wareki: wareki(date),
        seireki: seireki(date),
        weekday: weekday(date),
    }
}

/// The discounts the program grants, for the cover badges: the group
/// discount (the association's own offer) first, then the others in the
/// tariff's order.
fn badges(tariff: &Tariff, program: &Program) -> Vec<Badge> {
    let mut granted: Vec<_> = tariff
        .discounts
        .iter()
        .zip(&program.discount_rates)
        .filter(|(_, rate)| !rate.is_zero())
        .collect();
    granted.sort_by_key(|(d, _)| d.id != GROUP_DISCOUNT);
    granted
        .into_iter()
        .map(|(d, rate)| Badge {
            id: d.id.clone(),
            name: d.name.clone(),
            rate: percent(*rate),
        })
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
) -> DocumentData {
    let program = facts.program;
    let product = facts.product();
    let mut render = |p: &Prose| match prose::render(env, p, &facts.prose_context) {
        Ok(text) => text,
        Err(d) => {
            diags.push(d);
            String::new()
        }
    };
    let sections = facts
        .sections(document)
        .map(|s| SectionData {
            title: render(&s.title),
            blocks: s
                .blocks
                .iter()
                .map(|b| block_data(b, &mut render))
                .collect(),
        })
        .collect();
    let faq = product
        .faq
        .iter()
        .chain(&program.faq)
        .map(|f| FaqEntry {
            q: render(&f.q),
            a: render(&f.a),
        })
        .collect();
    let prints_premiums = facts.prints_premiums(document);
    DocumentData {
        common: common(facts, document.kind.name(), program.issue_date()),
        prints_premiums,
        // Only documents that print premiums carry them, so that a rate
        // change leaves the others' inputs, and their PDFs, untouched.
        premium_tables: if prints_premiums {
            premium_tables(facts)
        } else {
            Vec::new()
        },
        sections,
        faq,
    }
}

/// What every document of a program shows whatever its kind: provenance,
/// program, badges, period, deadlines and contacts. `issued` dates it.
pub(crate) fn common(facts: &ProgramFacts, document: &str, issued: NaiveDate) -> Common {
    let (catalog, program) = (facts.catalog, facts.program);
    let product = facts.product();
    let tariff = catalog.tariff_of(program);
    Common {
        meta: Meta {
            program: program.id.clone(),
            document: document.to_string(),
            product: product.name.clone(),
            tariff: TariffInfo {
                effective: tariff.effective.to_string(),
                version: tariff.version.clone(),
            },
            generator: crate::GENERATOR.to_string(),
            issued: date_data(issued),
        },
        program: ProgramInfo {
            title: program.title.clone(),
            audience: program.audience.clone(),
            association: program.association.clone(),
            policyholder: program.policyholder.clone(),
            document_code: program.document_code.clone(),
        },
        badge: badges(tariff, program),
        period: PeriodData {
            start: date_data(program.period.start),
            end: date_data(program.period.end),
            time: program.period.time.clone(),
        },
        deadlines: program
            .deadlines
            .iter()
            .map(|d| DeadlineData {
                id: d.id.clone(),
                name: d.name.clone(),
                date: date_data(d.date),
            })
            .collect(),
        contacts: program.contacts.iter().map(contact_data).collect(),
        forms: program
            .forms
            .iter()
            .map(|f| form_data(program, f, |_| None))
            .collect(),
    }
}

/// A form of `program` with each field's value given by `fill` (nothing
/// in a brochure; the member's id or name on their own request sheet).
pub(crate) fn form_data(
    program: &Program,
    form: &Form,
    fill: impl Fn(Prefill) -> Option<String>,
) -> FormData {
    FormData {
        id: form.id.clone(),
        title: form.title.clone(),
        fields: form
            .fields
            .iter()
            .map(|f| FormFieldData {
                label: f.label.clone(),
                value: f.prefill.and_then(&fill),
                lines: f.lines,
            })
            .collect(),
        deadline: form.deadline.map(|i| {
            let d = &program.deadlines[i];
            DeadlineData {
                id: d.id.clone(),
                name: d.name.clone(),
                date: date_data(d.date),
            }
        }),
        contact: form.contact.map(|i| contact_data(&program.contacts[i])),
    }
}

/// What a quote sheet (お見積りシート) prints about one facility.
pub struct QuoteRequest<'a> {
    /// The cell priced for the facility.
    pub cell: &'a Cell,
    /// The facility class, as an index into the product's classes.
    pub class: usize,
    /// The plan, as an index into the product's plans.
    pub plan: usize,
    /// The bed category, as an index, if any.
    pub category: Option<usize>,
    /// The facility's name, if given.
    pub facility: Option<&'a str>,
    /// The date the sheet is made.
    pub issued: NaiveDate,
}

/// `/data.json` of a quote sheet: the shared program data plus the
/// facility, its plan's limits and the premium cell.
pub fn quote_context(facts: &ProgramFacts, quote: &QuoteRequest) -> QuoteData {
    let (catalog, program) = (facts.catalog, facts.program);
    let product = facts.product();
    let class = &product.classes[quote.class];
    let plan = &product.plans[quote.plan];
    let size = class
        .size
        .as_ref()
        .zip(quote.cell.size)
        .map(|(measure, size)| QuoteSize {
            name: measure.name.clone(),
            value: format!("{}{}", size.normalize(), measure.unit),
        });
    let coverages = product
        .coverages
        .iter()
        .zip(plan.limits_for(quote.class))
        .map(|(c, limit)| QuoteCoverage {
            name: c.name.clone(),
            limit: limit.map(man_yen),
        })
        .collect();
    let installments = catalog.tariff_of(program).tables.installments;
    QuoteData {
        common: common(facts, "quote", quote.issued),
        prints_premiums: true,
        quote: Quote {
            facility: quote.facility.map(str::to_string),
            class: class.name.clone(),
            category: quote.category.map(|c| product.categories[c].name.clone()),
            size,
            plan: plan.id.clone(),
            coverages,
            deductibles: deductibles(&plan.deductibles),
            conditions: conditions(catalog, program, quote.class),
            premium_label: premium_label(program.payment).to_string(),
            cell: premium_cell(quote.cell),
            installments: match (program.payment, installments) {
                (Payment::Monthly, Some(rule)) => Some(InstallmentsData { count: rule.count }),
                _ => None,
            },
        },
    }
}

fn premium_label(payment: Payment) -> &'static str {
    match payment {
        Payment::LumpSum => "年間保険料",
        Payment::Monthly => "月額保険料",
    }
}

/// Each coverage's deductible in 万/億, `None` where there is none: the
/// template decides how "no deductible" reads.
fn deductibles(values: &[Option<Decimal>]) -> Vec<Option<String>> {
    values.iter().map(|d| d.map(man_yen)).collect()
}

fn block_data(block: &Block, render: &mut impl FnMut(&Prose) -> String) -> BlockData {
    let mut all = |items: &[Prose]| items.iter().map(&mut *render).collect::<Vec<_>>();
    match block {
        Block::Text(p) => BlockData::Text { text: render(p) },
        Block::Heading(p) => BlockData::Heading { text: render(p) },
        Block::List(items) => BlockData::List { items: all(items) },
        Block::Notes(items) => BlockData::Notes { items: all(items) },
        Block::Table { header, rows } => BlockData::Table {
            header: all(header),
            rows: rows.iter().map(|r| all(r)).collect(),
        },
        Block::PremiumTables => BlockData::PremiumTables,
        Block::Schedule => BlockData::Schedule,
        Block::Contacts => BlockData::Contacts,
        Block::Faq => BlockData::Faq,
        Block::Form(id) => BlockData::Form { id: id.clone() },
    }
}

pub(crate) fn contact_data(c: &Contact) -> ContactData {
    ContactData {
        role: c.role.clone(),
        name: c.name.clone(),
        department: c.department.clone(),
        postal_code: c.postal_code.clone(),
        address: c.address.clone(),
        tel: c.tel.clone(),
        fax: c.fax.clone(),
        email: c.email.clone(),
        hours: c.hours.clone(),
    }
}

/// The program's premium tables with header texts and every cell.
fn premium_tables(facts: &ProgramFacts) -> Vec<PremiumTable> {
    let mut cells = facts.cells.iter();
    facts
        .program
        .tables
        .iter()
        .map(|table| {
            let count = table.plans.len() * table.sizes.len().max(1);
            let table_cells: Vec<&Cell> = cells.by_ref().take(count).collect();
            premium_table(facts, table, &table_cells)
        })
        .collect()
}

fn premium_table(facts: &ProgramFacts, table: &Table, cells: &[&Cell]) -> PremiumTable {
    let (catalog, program) = (facts.catalog, facts.program);
    let product = facts.product();
    let class = &product.classes[table.class];
    let category = table.category.map(|c| product.categories[c].name.clone());
    let unit = class.size.as_ref().map_or("", |s| s.unit.as_str());
    let columns = table
        .sizes
        .iter()
        .map(|s| format!("{}{unit}", s.normalize()))
        .collect();
    let per_row = table.sizes.len().max(1);
    let rows = table
        .plans
        .iter()
        .zip(cells.chunks(per_row))
        .map(|(&plan, row_cells)| {
            let plan = &product.plans[plan];
            PlanRow {
                plan: plan.id.clone(),
                limits: plan
                    .limits_for(table.class)
                    .iter()
                    .map(|l| l.map(man_yen))
                    .collect(),
                deductibles: deductibles(&plan.deductibles),
                cells: row_cells.iter().map(|c| premium_cell(c)).collect(),
            }
        })
        .collect();
    let title = match &category {
        Some(cat) => format!("{}({})の保険料", class.name, cat),
        None => format!("{}の保険料", class.name),
    };
    PremiumTable {
        title,
        class: class.id.clone(),
        class_name: class.name.clone(),
        category_name: category,
        conditions: conditions(catalog, program, table.class),
        payment: program.payment.id().to_string(),
        premium_label: premium_label(program.payment).to_string(),
        size: class.size.as_ref().map(|s| SizeMeasure {
            name: s.name.clone(),
            unit: s.unit.clone(),
        }),
        columns,
        coverages: product.coverages.iter().map(|c| c.name.clone()).collect(),
        rows,
    }
}

pub(crate) fn premium_cell(cell: &Cell) -> PremiumCell {
    // Premiums are whole yen after the tariff's rounding; were one not,
    // the drift guard would name the cell.
    let yen = |d: Decimal| crate::format::whole_yen(d).unwrap_or_default();
    PremiumCell {
        key: cell.key(),
        yen: yen(cell.premium),
        first_yen: cell.first_installment.map(yen),
    }
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
