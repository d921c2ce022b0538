//! The data a document template reads (`/data.json`): every value already
//! formatted or computed here, so that templates only lay out.

use super::literals::{KnownDate, Literal, Literals};
use super::prose;
use super::view::{
    Badge, BlockData, Common, ContactData, DateData, DeadlineData, DocumentData, FaqEntry,
    FigureData, FormData, FormFieldData, InstallmentsData, Meta, PeriodData, PlanRow, PremiumCell,
    PremiumTable, ProgramInfo, Quote, QuoteCoverage, QuoteData, QuoteSize, SectionData,
    SizeMeasure, StageData, TableLabels, TariffInfo, ThemeData,
};
use crate::content::Diagnostic;
use crate::content::asset::Asset;
use crate::content::model::{
    Block, Catalog, Contact, CoverageLabels, Document, DocumentKind, Era, Form, Numbering, Payment,
    PeriodWording, Prefill, Product, Program, Prose, Section, SectionRef, Table, Tariff,
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
    pub literals: Literals,
    /// The program's dates by the names prose reads them with, named
    /// dates first: what a date written in prose is matched against.
    pub dates: Vec<KnownDate>,
}

impl<'a> ProgramFacts<'a> {
    /// The facts of a priced program.
    pub fn new(catalog: &'a Catalog, priced: &PricedProgram<'a>) -> Self {
        let (program, cells) = (priced.program, priced.cells.clone());
        let prose_context = Value::from(minijinja::value::Serde(prose_data(catalog, program)));
        let literals = Literals::new(literals(catalog, program, &cells));
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
                section.blocks.iter().for_each(|b| b.prose(&mut all));
            }
        }
        for faq in self.product().faq.iter().chain(&self.program.faq) {
            all.extend([&faq.q, &faq.a]);
        }
        for table in &self.program.tables {
            all.extend(
                [&table.title, &table.caption, &table.premium_header]
                    .into_iter()
                    .flatten(),
            );
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
                .any(|s| s.blocks.iter().any(prints_premium_tables))
    }

    /// The assets a document prints (its pictures and the theme's logo),
    /// each once, in order: served to Typst from memory and hashed into
    /// the document's inputs.
    pub fn assets(&self, document: &'a Document) -> Vec<&'a Asset> {
        let mut out: Vec<&Asset> = Vec::new();
        for section in self.sections(document) {
            section
                .blocks
                .iter()
                .for_each(|b| block_assets(b, &mut out));
        }
        let logo = self.program.theme.as_ref().and_then(|t| t.logo.as_ref());
        out.extend(logo);
        let mut seen = std::collections::HashSet::new();
        out.retain(|a| seen.insert(a.file.clone()));
        out
    }
}

fn prints_premium_tables(block: &Block) -> bool {
    match block {
        Block::PremiumTables => true,
        Block::Columns(columns) => columns.iter().flatten().any(prints_premium_tables),
        _ => false,
    }
}

fn block_assets<'a>(block: &'a Block, out: &mut Vec<&'a Asset>) {
    match block {
        Block::Image { asset, .. } => out.push(asset),
        Block::Columns(columns) => columns.iter().flatten().for_each(|b| block_assets(b, out)),
        _ => {}
    }
}

/// The values prose placeholders may name.
fn prose_data(catalog: &Catalog, program: &Program) -> Json {
    let product = catalog.product_of(program);
    let declared = catalog.tariff_of(program).map_or(&[][..], |t| &t.discounts);
    let discounts: serde_json::Map<String, Json> = declared
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
    let declared = catalog.tariff_of(program).map_or(&[][..], |t| &t.discounts);
    for (d, rate) in declared.iter().zip(&program.discount_rates) {
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

/// The badges the program declares, in its order: a discount granted
/// is not a badge unless the program's `badges` says so (seed 004 grants
/// a セキュリティ割引 but prints no badge for it).
fn badges(tariff: Option<&Tariff>, program: &Program) -> Vec<Badge> {
    let Some(tariff) = tariff else {
        return Vec::new();
    };
    program
        .badges
        .iter()
        .map(|b| {
            let d = &tariff.discounts[b.discount];
            Badge {
                id: d.id.clone(),
                name: d.name.clone(),
                rate: percent(program.discount_rates[b.discount]),
                suffix: b.suffix.clone(),
            }
        })
        .collect()
}

/// The discount id that names the association's group discount.
const GROUP_DISCOUNT: &str = "group";

/// A date in the program's calendar.
fn in_era(era: Era, date: NaiveDate) -> String {
    match era {
        Era::Wareki => wareki(date),
        Era::Seireki => seireki(date),
    }
}

/// The period as the schedule prints it, in the program's calendar and
/// wording.
fn period_text(program: &Program) -> String {
    let p = &program.period;
    let (start, end) = (in_era(p.era, p.start), in_era(p.era, p.end));
    match p.wording {
        PeriodWording::Until => format!("{start}{}から{end}{}まで", p.time, p.time),
        PeriodWording::UntilOneYear => {
            format!(
                "{start}{}から{end}{}まで{}間",
                p.time,
                p.time,
                period_length(p.start, p.end)
            )
        }
        PeriodWording::OneYear => {
            format!(
                "{start}（{}）から{}間",
                p.time,
                period_length(p.start, p.end)
            )
        }
    }
}

/// Section numbers as a numbered document prints them: `auto` takes the
/// next number, `none` none, `continued` the previous one again.
fn section_numbers<'s>(sections: impl Iterator<Item = &'s Section>) -> Vec<Option<String>> {
    let mut n = 0;
    sections
        .map(|s| match s.numbering {
            Numbering::Auto => {
                n += 1;
                Some(n.to_string())
            }
            Numbering::None => None,
            Numbering::Continued => Some(n.max(1).to_string()),
        })
        .collect()
}

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
    let numbers = section_numbers(facts.sections(document));
    let sections = facts
        .sections(document)
        .zip(numbers)
        .map(|(s, number)| SectionData {
            number,
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
    // Only documents that print premiums carry them, so that a rate
    // change leaves the others' inputs, and their PDFs, untouched.
    let premium_tables = if prints_premiums {
        premium_tables(facts, &mut render)
    } else {
        Vec::new()
    };
    DocumentData {
        common: common(facts, document.kind.name(), program.issue_date()),
        prints_premiums,
        premium_tables,
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
            tariff: tariff.map(|tariff| TariffInfo {
                effective: tariff.effective.to_string(),
                version: tariff.version.clone(),
            }),
            generator: crate::GENERATOR.to_string(),
            issued: date_data(issued),
            issued_text: in_era(program.period.era, issued),
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
            text: period_text(program),
        },
        deadlines: program
            .deadlines
            .iter()
            .map(|d| deadline_data(program, d))
            .collect(),
        contacts: program.contacts.iter().map(contact_data).collect(),
        theme: program.theme.as_ref().map(|t| ThemeData {
            primary: t.primary.clone(),
            accent: t.accent.clone(),
            logo: t.logo.as_ref().map(Asset::virtual_path),
        }),
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
        deadline: form
            .deadline
            .map(|i| deadline_data(program, &program.deadlines[i])),
        contact: form.contact.map(|i| contact_data(&program.contacts[i])),
    }
}

/// A deadline as the program words its dates (和暦 or 西暦, with the
/// weekday), for the schedule and for the forms returned by it.
fn deadline_data(program: &Program, d: &crate::content::model::Deadline) -> DeadlineData {
    DeadlineData {
        id: d.id.clone(),
        name: d.name.clone(),
        date: date_data(d.date),
        text: format!("{}{}", in_era(program.period.era, d.date), weekday(d.date)),
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
    let installments = catalog
        .tariff_of(program)
        .and_then(|t| t.tables.installments);
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
        Block::Image {
            asset,
            width,
            caption,
        } => BlockData::Image {
            src: asset.virtual_path(),
            width: *width,
            caption: caption.as_ref().map(&mut *render),
        },
        Block::Qr { url, caption } => BlockData::Qr {
            url: url.clone(),
            svg: super::qr::svg(url).unwrap_or_default(),
            caption: caption.as_ref().map(&mut *render),
        },
        Block::Steps(stages) => BlockData::Steps {
            stages: stages
                .iter()
                .map(|s| StageData {
                    title: render(&s.title),
                    items: s.items.iter().map(&mut *render).collect(),
                })
                .collect(),
        },
        Block::Figures(figures) => BlockData::Figures {
            figures: figures
                .iter()
                .map(|f| FigureData {
                    figure: render(&f.figure),
                    caption: f.caption.as_ref().map(&mut *render),
                })
                .collect(),
        },
        Block::Columns(columns) => BlockData::Columns {
            columns: columns
                .iter()
                .map(|c| c.iter().map(|b| block_data(b, render)).collect())
                .collect(),
        },
        Block::Cover => BlockData::Cover,
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
        hours_label: c.hours_label.clone().unwrap_or_else(|| "受付時間".into()),
    }
}

/// The program's premium tables with header texts and every cell; a
/// joined table becomes more columns of the one before it.
fn premium_tables(
    facts: &ProgramFacts,
    render: &mut impl FnMut(&Prose) -> String,
) -> Vec<PremiumTable> {
    let mut cells = facts.cells.iter();
    let mut out: Vec<PremiumTable> = Vec::new();
    for table in &facts.program.tables {
        let count = table.plans.len() * table.sizes.len().max(1);
        let table_cells: Vec<&Cell> = cells.by_ref().take(count).collect();
        let printed = premium_table(facts, table, &table_cells, render);
        match out.last_mut() {
            Some(previous) if table.join => join(previous, printed, facts, table),
            _ => out.push(printed),
        }
    }
    out
}

/// Adds a joined flat table's premiums as one more column of `previous`
/// (validation made sure both are flat with the same plans).
fn join(previous: &mut PremiumTable, joined: PremiumTable, facts: &ProgramFacts, table: &Table) {
    if previous.columns.is_empty() {
        let first = facts
            .program
            .tables
            .iter()
            .take_while(|t| !std::ptr::eq(*t, table))
            .filter(|t| !t.join)
            .last();
        previous
            .columns
            .push(first.map_or_else(|| previous.class_name.clone(), |t| column_label(facts, t)));
    }
    previous.columns.push(column_label(facts, table));
    for (row, more) in previous.rows.iter_mut().zip(joined.rows) {
        row.cells.extend(more.cells);
    }
}

/// An amount in 万/億 after the coverage's prefix: 1事故 100万円.
fn prefixed(coverage: &CoverageLabels, amount: Decimal) -> String {
    match &coverage.limit_prefix {
        Some(prefix) => format!("{prefix} {}", man_yen(amount)),
        None => man_yen(amount),
    }
}

/// A flat table's column heading when joined: the program's, else the
/// class name.
fn column_label(facts: &ProgramFacts, table: &Table) -> String {
    table
        .column
        .clone()
        .unwrap_or_else(|| facts.product().classes[table.class].name.clone())
}

fn premium_table(
    facts: &ProgramFacts,
    table: &Table,
    cells: &[&Cell],
    render: &mut impl FnMut(&Prose) -> String,
) -> PremiumTable {
    let (catalog, program) = (facts.catalog, facts.program);
    let product = facts.product();
    let class = &product.classes[table.class];
    let category = table.category.map(|c| product.categories[c].name.clone());
    let unit = class.size.as_ref().map_or("", |s| s.unit.as_str());
    let pattern = table.column.as_deref().unwrap_or("{size}");
    let columns = table
        .sizes
        .iter()
        .map(|s| pattern.replace("{size}", &format!("{}{unit}", s.normalize())))
        .collect();
    let per_row = table.sizes.len().max(1);
    let rows = table
        .plans
        .iter()
        .zip(cells.chunks(per_row))
        .map(|(&plan, row_cells)| {
            let plan = &product.plans[plan];
            PlanRow {
                plan: plan.label.clone(),
                limits: plan
                    .limits_for(table.class)
                    .iter()
                    .zip(&product.coverage_labels)
                    .map(|(l, c)| l.map(|l| prefixed(c, l)))
                    .collect(),
                deductibles: plan
                    .deductibles
                    .iter()
                    .zip(&product.coverage_labels)
                    .map(|(d, c)| d.map(|d| prefixed(c, d)))
                    .collect(),
                cells: row_cells.iter().map(|c| premium_cell(c)).collect(),
            }
        })
        .collect();
    let title = match (&table.title, &category) {
        (Some(title), _) => render(title),
        (None, Some(cat)) => format!("{}({})の保険料", class.name, cat),
        (None, None) => format!("{}の保険料", class.name),
    };
    let label = premium_label(program.payment);
    let premium_header = match (&table.premium_header, &class.size) {
        (Some(header), _) => render(header),
        (None, Some(size)) if !table.sizes.is_empty() => format!("{}別・{label}", size.name),
        (None, _) => label.to_string(),
    };
    let deductible_columns = if product
        .coverage_labels
        .iter()
        .all(|c| c.deductible_heading.is_some())
    {
        product
            .coverage_labels
            .iter()
            .filter_map(|c| c.deductible_heading.clone())
            .collect()
    } else {
        Vec::new()
    };
    PremiumTable {
        title,
        class: class.id.clone(),
        class_name: class.name.clone(),
        category_name: category,
        conditions: match &table.caption {
            Some(caption) => render(caption),
            None => format!("＜{}＞", conditions(catalog, program, table.class)),
        },
        labels: TableLabels {
            plan: product.labels.plan.clone(),
            limits: product.labels.limits.clone(),
            deductibles: product.labels.deductibles.clone(),
            deductible_columns,
        },
        premium_header,
        payment: program.payment.id().to_string(),
        premium_label: label.to_string(),
        size: class.size.as_ref().map(|s| SizeMeasure {
            name: s.name.clone(),
            unit: s.unit.clone(),
        }),
        columns,
        coverages: product
            .coverage_labels
            .iter()
            .map(|c| c.heading.clone())
            .collect(),
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
    let Some(tariff) = catalog.tariff_of(program) else {
        return String::new();
    };
    let mut parts = vec![format!(
        "保険期間{}",
        period_length(program.period.start, program.period.end)
    )];
    // The association's own group discount first, as the seeds word it
    // (団体割引20%、告知書割引30%), then the others in the tariff's order.
    let mut order: Vec<usize> = (0..tariff.discounts.len()).collect();
    order.sort_by_key(|&i| tariff.discounts[i].id != GROUP_DISCOUNT);
    for i in order {
        let d = &tariff.discounts[i];
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
