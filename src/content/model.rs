//! The validated content: every reference resolved to an index, every value
//! checked. Commands and documents read only these types.

use crate::rating::RateTables;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub use super::raw::{Era, Payment, PeriodWording};

impl Payment {
    /// The id exports, cell keys and diffs name the payment by.
    pub fn id(self) -> &'static str {
        match self {
            Payment::LumpSum => "lump_sum",
            Payment::Monthly => "monthly",
        }
    }
}
pub use super::text::{
    Block, Contact, Document, DocumentKind, Faq, Form, FormField, KeyFigure, Numbering, Prefill,
    Prose, Section, SectionRef, Stage,
};

/// Everything under `content/`.
#[derive(Debug)]
pub struct Catalog {
    /// The insurance products, in the order of their folder names.
    pub products: Vec<Product>,
    /// The association programs selling them, in the order of their file
    /// names; each points to its product by index.
    pub programs: Vec<Program>,
}

/// An insurance product (医療機関用サイバー保険…): what it covers, whom it
/// rates and its tariffs, shared by every program that sells it.
#[derive(Debug)]
pub struct Product {
    /// The product id, its folder name under `content/products/`: `cyber`.
    pub id: String,
    /// The product name as printed in brochures.
    pub name: String,
    /// The product's `product.yaml`, named by diagnostics and provenance.
    pub file: PathBuf,
    /// The coverages whose limits each plan states (損害賠償, 事故対応特別費用…);
    /// plan limits and deductibles are indexed like this list.
    pub coverages: Vec<Named>,
    /// The facility classes the product rates (診療所, 病院…).
    pub classes: Vec<Class>,
    /// The bed categories (一般病床, 療養病床); empty when the product has none.
    pub categories: Vec<Named>,
    /// The plans a member chooses from, in the product's order.
    pub plans: Vec<Plan>,
    /// How the premium tables head their fixed columns.
    pub labels: TableLabels,
    /// Per coverage (indexed like `coverages`), how premium tables print it.
    pub coverage_labels: Vec<CoverageLabels>,
    /// Sorted by effective date, oldest first.
    pub tariffs: Vec<Tariff>,
    /// Text shared by every program selling the product.
    pub sections: Vec<Section>,
    /// FAQ entries printed before each program's own.
    pub faq: Vec<Faq>,
}

/// The headings of a product's premium tables' fixed columns.
#[derive(Debug)]
pub struct TableLabels {
    /// The plan column: タイプ, 型.
    pub plan: String,
    /// Over the limit columns: 保険金額.
    pub limits: String,
    /// The deductible column(s); `None` leaves them out.
    pub deductibles: Option<String>,
}

/// How premium tables print one coverage.
#[derive(Debug)]
pub struct CoverageLabels {
    /// The heading of its limit column.
    pub heading: String,
    /// The heading of its own deductible column, where the product prints
    /// one per coverage.
    pub deductible_heading: Option<String>,
    /// Printed before each limit (1事故).
    pub limit_prefix: Option<String>,
}

/// Something with an id and a printed name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// The id content files, cell keys and exports refer to it by.
    pub id: String,
    /// The name printed in brochures (団体割引, 一般病床, 損害賠償…).
    pub name: String,
}

/// A facility class a product rates: clinics, hospitals, care homes.
#[derive(Debug)]
pub struct Class {
    /// The class id in content and cell keys: `clinic`, `hospital`.
    pub id: String,
    /// The class name as printed (診療所, 病院…).
    pub name: String,
    /// What the premium grows with (beds, capacity); `None` for classes
    /// rated flat.
    pub size: Option<SizeMeasure>,
}

/// What a size-rated class counts, as a premium table's row headings print it.
#[derive(Debug)]
pub struct SizeMeasure {
    /// What is counted, e.g. 病床数 or 定員.
    pub name: String,
    /// The unit printed after a size, e.g. 床 or 人.
    pub unit: String,
}

/// A plan of a product: the limits and deductibles a member buys.
#[derive(Debug)]
pub struct Plan {
    /// The plan id as printed in brochures: H1, プラン1, P1.
    pub id: String,
    /// The plan's name in premium tables (P1型); the id where not given.
    pub label: String,
    /// Limit per coverage (indexed like `Product::coverages`).
    pub limits: Vec<Option<Decimal>>,
    /// Limits that replace `limits` for a class: `(class, limits)`.
    pub class_limits: Vec<(usize, Vec<Option<Decimal>>)>,
    /// Deductible in yen per coverage (indexed like `Product::coverages`);
    /// `None` where there is none.
    pub deductibles: Vec<Option<Decimal>>,
}

impl Plan {
    /// The limits that apply to a facility of `class`.
    pub fn limits_for(&self, class: usize) -> &[Option<Decimal>] {
        self.class_limits
            .iter()
            .find(|(c, _)| *c == class)
            .map_or(&self.limits, |(_, limits)| limits)
    }
}

/// One version of a product's rates: the figures and the ordered routine the
/// rating core prices every cell with.
#[derive(Debug)]
pub struct Tariff {
    /// The tariff file, `tariffs/<effective-date>.yaml`, recorded as the
    /// provenance of every premium it prices.
    pub file: PathBuf,
    /// The first day the tariff is in force.
    pub effective: NaiveDate,
    /// The last day in force, where the tariff states one.
    pub expires: Option<NaiveDate>,
    /// A free-form label such as 2024年4月改定, shown in provenance and
    /// roll summaries; the effective date stands in when absent.
    pub version: Option<String>,
    /// The discounts its routine can apply (団体割引…); programs give the rates.
    pub discounts: Vec<Named>,
    /// Base rates, size and category factors, minimums and the routine,
    /// resolved to indices for the rating core.
    pub tables: RateTables,
}

impl Tariff {
    /// Whether the tariff is in force on `date` (it may still be replaced by
    /// a later tariff; see `Product::tariff_in_force`).
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.effective <= date && self.expires.is_none_or(|e| date <= e)
    }
}

impl Product {
    /// The tariff in force on `date`: the latest that took effect on or
    /// before it, provided it has not expired.
    pub fn tariff_in_force(&self, date: NaiveDate) -> Option<usize> {
        let latest = self.tariffs.iter().rposition(|t| t.effective <= date)?;
        self.tariffs[latest].covers(date).then_some(latest)
    }
}

/// An association's program: one product sold to its members for one
/// policy period, with its premium tables, texts and documents.
#[derive(Debug)]
pub struct Program {
    /// The program id, its file name without `.yaml`: `miyazaki-2025`.
    pub id: String,
    /// The program this one continues (`previous:`), checked to exist.
    pub previous: Option<String>,
    /// The program file under `content/programs/`, which `roll` rewrites.
    pub file: PathBuf,
    /// The product sold (index into `Catalog::products`).
    pub product: usize,
    /// The product's tariff in force at the policy start; `None` for a
    /// product without tariffs (its members are quoted by the insurer),
    /// whose programs print no premium table.
    pub tariff: Option<usize>,
    /// The association whose members the program serves.
    pub association: String,
    /// The policyholder (保険契約者) as printed in あらまし.
    pub policyholder: String,
    /// The policy period the premiums are for.
    pub period: Period,
    /// The application and payment deadlines, as the schedule prints them.
    pub deadlines: Vec<Deadline>,
    /// Named dates prose prints (`dates.<id>`), e.g. the debit month.
    pub dates: BTreeMap<String, NaiveDate>,
    /// Rate per tariff discount (indexed like `Tariff::discounts`); 0 where
    /// the program grants none.
    pub discount_rates: Vec<Decimal>,
    /// Whether premiums are paid once a year or in monthly installments.
    pub payment: Payment,
    /// The premium tables the brochure prints, in file order.
    pub tables: Vec<Table>,
    /// The brochure title, e.g. 医療機関用団体サイバー保険のご案内.
    pub title: String,
    /// Whom the cover addresses, e.g. …の会員医療機関の皆さまへ.
    pub audience: Option<String>,
    /// The creation date (作成日) as written; see [`Program::issue_date`].
    pub issued: Option<NaiveDate>,
    /// The insurer's document code printed in the page footer with the
    /// creation year, e.g. SJ24-13707.
    pub document_code: Option<String>,
    /// The title band's badges, in print order: only those the program
    /// declares.
    pub badges: Vec<BadgeSpec>,
    /// Whom to call, in print order.
    pub contacts: Vec<Contact>,
    /// The program's own sections; they take precedence over the product's.
    pub sections: Vec<Section>,
    /// FAQ entries printed after the product's.
    pub faq: Vec<Faq>,
    /// The documents to build for the program and the sections each prints.
    pub documents: Vec<Document>,
    /// Forms members fill in and return, printed by `form:` blocks and
    /// pre-filled per member by `quote --members --kind request`.
    pub forms: Vec<Form>,
    /// The association's colours and logo; `None` keeps the default look.
    pub theme: Option<Theme>,
}

/// A program's look: colours checked as `#rrggbb`, a logo checked like
/// every asset.
#[derive(Debug)]
pub struct Theme {
    /// The main colour (headings, rules, table heads).
    pub primary: Option<String>,
    /// The highlight colour (badges, deadlines).
    pub accent: Option<String>,
    /// The logo printed on the first page.
    pub logo: Option<super::asset::Asset>,
}

impl Program {
    /// The date the documents are issued (作成日): the program's `issued`,
    /// else the policy start.
    pub fn issue_date(&self) -> NaiveDate {
        self.issued.unwrap_or(self.period.start)
    }
}

/// The policy period (保険期間) of a program.
#[derive(Debug)]
pub struct Period {
    /// The first day of cover; it also picks the tariff in force.
    pub start: NaiveDate,
    /// The last day of cover.
    pub end: NaiveDate,
    /// The hour cover starts and ends, as printed (午後4時).
    pub time: String,
    /// The calendar the schedule prints the period and deadlines in.
    pub era: Era,
    /// How the schedule words the period.
    pub wording: PeriodWording,
}

/// A badge of the title band: a discount the program grants.
#[derive(Debug)]
pub struct BadgeSpec {
    /// The discount (index into `Tariff::discounts`).
    pub discount: usize,
    /// A word printed under the rate (適用), if any.
    pub suffix: Option<String>,
}

/// A deadline printed in a program's schedule.
#[derive(Debug)]
pub struct Deadline {
    /// The id prose refers to it by, as `deadlines.<id>`: `application`.
    pub id: String,
    /// The deadline's name as printed (加入申込締切日…).
    pub name: String,
    /// The day itself, on or before the policy start.
    pub date: NaiveDate,
}

/// One premium table a program prints.
#[derive(Debug)]
pub struct Table {
    /// The facility class priced (index into `Product::classes`).
    pub class: usize,
    /// The bed category priced (index into `Product::categories`), for
    /// products with categories.
    pub category: Option<usize>,
    /// Empty for flat-rated classes.
    pub sizes: Vec<Decimal>,
    /// The plans printed as columns (indices into `Product::plans`).
    pub plans: Vec<usize>,
    /// The heading, where the program words it (prose).
    pub title: Option<Prose>,
    /// The caption, where the program words it (prose; empty for none).
    pub caption: Option<Prose>,
    /// The heading over the premium columns, where the program words it.
    pub premium_header: Option<Prose>,
    /// The premium column heading (`{size}` replaced for a sized table).
    pub column: Option<String>,
    /// Printed as more columns of the previous table.
    pub join: bool,
}

impl Catalog {
    /// The program with this id, as typed on the command line.
    pub fn program(&self, id: &str) -> Option<&Program> {
        self.programs.iter().find(|p| p.id == id)
    }

    /// The product a program sells.
    pub fn product_of(&self, program: &Program) -> &Product {
        &self.products[program.product]
    }

    /// The tariff a program is priced by: its product's tariff in force at
    /// the policy start; `None` for a product without tariffs.
    pub fn tariff_of(&self, program: &Program) -> Option<&Tariff> {
        program
            .tariff
            .map(|t| &self.products[program.product].tariffs[t])
    }
}
