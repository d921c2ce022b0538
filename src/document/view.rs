//! The view models the Typst templates read: `/data.json` of a brochure
//! ([`DocumentData`]) and of a quote sheet ([`QuoteData`]).
//!
//! These structs are the contract between Rust and `templates/`: the JSON
//! the templates read is serialized from them, and `tariffpress schema
//! document` / `schema quote` print their JSON Schema (committed under
//! `schemas/`). Every value arrives formatted, so a template only lays out;
//! field names are what the templates write (`data.meta.issued.wareki`).
//! Absent values are `null` (Typst `none`), never a sentinel string: a
//! template tests `!= none` and chooses its own wording for "nothing".

use schemars::JsonSchema;
use serde::Serialize;

/// `/data.json` of a pamphlet, flyer, rate sheet or FAQ sheet.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DocumentData {
    /// What every document shows whatever its kind.
    #[serde(flatten)]
    pub common: Common,
    /// Whether the document prints premiums; `setup` in style.typ then
    /// attaches `/rates.json` to the PDF.
    pub prints_premiums: bool,
    /// The program's premium tables, in the program's order; empty when
    /// the document prints none, so that a rate change leaves the other
    /// documents' data (and their PDFs) untouched.
    pub premium_tables: Vec<PremiumTable>,
    /// The document's sections in print order, prose rendered.
    pub sections: Vec<SectionData>,
    /// The FAQ entries: the product's, then the program's.
    pub faq: Vec<FaqEntry>,
}

/// `/data.json` of a quote sheet (お見積りシート, `templates/quote.typ`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct QuoteData {
    /// What every document shows whatever its kind.
    #[serde(flatten)]
    pub common: Common,
    /// Always true: a quote sheet prints its premium and carries its
    /// one-cell `/rates.json`.
    pub prints_premiums: bool,
    /// The facility quoted and its premium.
    pub quote: Quote,
}

/// The part of the data every document of a program shares: provenance,
/// program, badges, period, deadlines and contacts.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Common {
    /// Provenance, printed into the PDF's keywords and description by
    /// `provenance` in style.typ.
    pub meta: Meta,
    /// The program's own wording for the title band and PDF metadata.
    pub program: ProgramInfo,
    /// The discounts the program grants, for the round cover badges: the
    /// group discount first, then the others in the tariff's order.
    pub badge: Vec<Badge>,
    /// The policy period, printed by `schedule`.
    pub period: PeriodData,
    /// The program's deadlines in order, printed by `schedule`.
    pub deadlines: Vec<DeadlineData>,
    /// The program's contacts, printed by `contacts`.
    pub contacts: Vec<ContactData>,
    /// The program's colours and logo; `null` keeps the default look
    /// (read by `style.typ` when it is imported).
    pub theme: Option<ThemeData>,
    /// The program's forms, printed by `form` blocks (`form-block` in
    /// style.typ), every field empty.
    pub forms: Vec<FormData>,
}

/// Where a document comes from.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Meta {
    /// The program id, e.g. `miyazaki-2025` (keyword `program=`).
    pub program: String,
    /// The document kind as in file names (`pamphlet`, `rate-sheet`, …,
    /// `quote`) (keyword `document=`).
    pub document: String,
    /// The product's printed name: the pamphlet's subtitle, the footer and
    /// keyword `product=`.
    pub product: String,
    /// The tariff the premiums come from; `null` for a product without
    /// tariffs (its members are quoted by the insurer).
    pub tariff: Option<TariffInfo>,
    /// The tool and version that made the data, e.g. `tariffpress 0.1.0`.
    pub generator: String,
    /// The date the document is issued (作成日), printed in the footer
    /// next to the document code and on the quote sheet.
    pub issued: DateData,
    /// The issue date as the program words its dates (和暦 or 西暦, as
    /// its `period.era`): the 作成日 of quote, renewal and request sheets.
    pub issued_text: String,
}

/// The tariff in force for the program.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TariffInfo {
    /// Its effective date, `YYYY-MM-DD` (keyword `tariff-effective=`).
    pub effective: String,
    /// Its version label if it has one (keyword `tariff-version=`, which
    /// falls back to `effective`).
    pub version: Option<String>,
}

/// A date in every form templates print.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DateData {
    /// `YYYY-MM-DD`.
    pub iso: String,
    /// 和暦, e.g. 令和7年8月1日.
    pub wareki: String,
    /// 西暦, e.g. 2025年8月1日.
    pub seireki: String,
    /// The weekday in brackets, e.g. (金).
    pub weekday: String,
}

/// The program's wording about itself.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ProgramInfo {
    /// The title in the title band and the PDF title; a long one is set
    /// smaller.
    pub title: String,
    /// The line above the title (who the program is for), if any.
    pub audience: Option<String>,
    /// The association offering the program: the PDF author.
    pub association: String,
    /// The policyholder named in the program.
    pub policyholder: String,
    /// The insurer's document code printed in the footer, if any.
    pub document_code: Option<String>,
}

/// One granted discount on a cover badge.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Badge {
    /// The tariff's discount id, e.g. `group`.
    pub id: String,
    /// The discount's printed name, e.g. 団体割引.
    pub name: String,
    /// The rate as printed, e.g. 20%.
    pub rate: String,
    /// The word under the rate (適用) where the program's badge has one.
    pub suffix: Option<String>,
}

/// The policy period.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PeriodData {
    /// The first day of cover.
    pub start: DateData,
    /// The last day of cover.
    pub end: DateData,
    /// The time of day cover starts and ends, e.g. 午後4時.
    pub time: String,
    /// The period as the schedule prints it, in the program's calendar and
    /// wording: 令和7年8月1日午後4時から令和8年8月1日午後4時まで, or
    /// 2024年10月1日（午後4時）から1年間.
    pub text: String,
}

/// One deadline of the program.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DeadlineData {
    /// The deadline's id in the program, e.g. `application`.
    pub id: String,
    /// Its printed name, e.g. 申込締切日.
    pub name: String,
    /// The date in every form.
    pub date: DateData,
    /// The date as the schedule prints it: in the program's calendar with
    /// its weekday, e.g. 令和7年6月6日(金) or 2024年9月2日(月).
    pub text: String,
}

/// One contact; absent fields are `null` and leave no gap.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ContactData {
    /// What the contact is for, printed in 【】, e.g. 取扱代理店.
    pub role: String,
    /// The company or office name, in bold; a form returned to the
    /// contact is addressed to it.
    pub name: String,
    /// The department or desk, after the name.
    pub department: Option<String>,
    /// Postal code without the 〒 mark, printed before the address.
    pub postal_code: Option<String>,
    /// The postal address.
    pub address: Option<String>,
    /// Telephone number as printed.
    pub tel: Option<String>,
    /// FAX number as printed; `form-block` heads a form returned to the
    /// contact with it.
    pub fax: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Opening hours, printed after `hours_label`.
    pub hours: Option<String>,
    /// The words before the hours: the contact's own, else 受付時間.
    pub hours_label: String,
}

/// One premium table: plans down, coverages and sizes across.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PremiumTable {
    /// The heading after ■, e.g. 病院(一般病床)の保険料.
    pub title: String,
    /// The facility class id, e.g. `hospital`.
    pub class: String,
    /// The class's printed name.
    pub class_name: String,
    /// The bed category's printed name, if the table has one.
    pub category_name: Option<String>,
    /// The caption after the title, rendered prose: the program's, else
    /// ＜保険期間1年、団体割引20%、…の場合＞; empty where the program
    /// prints none.
    pub conditions: String,
    /// The headings of the plan, limit and deductible columns.
    pub labels: TableLabels,
    /// The heading over the premium columns, e.g. 病床数別・年間保険料.
    pub premium_header: String,
    /// How the premiums are paid: `lump_sum` or `monthly`.
    pub payment: String,
    /// The premium column's heading: 年間保険料 or 月額保険料.
    pub premium_label: String,
    /// The size measure of a size-rated class (病床数, 床); `null` for a
    /// flat-rated class, whose table has one premium column.
    pub size: Option<SizeMeasure>,
    /// The headings of the premium columns under `premium_header`: one
    /// per size (50床, 一般病床数50床の場合) or per joined class
    /// (一般診療所, 歯科診療所); empty for one flat premium column.
    pub columns: Vec<String>,
    /// The headings of the limit columns, one per coverage (①損害賠償).
    pub coverages: Vec<String>,
    /// One row per plan.
    pub rows: Vec<PlanRow>,
}

/// The headings of a premium table's fixed columns.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TableLabels {
    /// The plan column, e.g. タイプ or 型.
    pub plan: String,
    /// Over the limit columns, e.g. 保険金額.
    pub limits: String,
    /// The deductible column(s), e.g. 自己負担額; `null` prints none.
    pub deductibles: Option<String>,
    /// The headings of one deductible column per coverage (賠償, BP費用);
    /// empty for one joined column.
    pub deductible_columns: Vec<String>,
}

/// What a size-rated class is measured in.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SizeMeasure {
    /// The measure's name, e.g. 病床数 (header: 病床数別・年間保険料).
    pub name: String,
    /// Its unit, e.g. 床.
    pub unit: String,
}

/// One plan's row of a premium table.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PlanRow {
    /// The plan as printed, e.g. H1, プラン1 or P1型.
    pub plan: String,
    /// The limit of each coverage (same order as the table's
    /// `coverages`), in 万/億 after the coverage's prefix (1事故 100万円);
    /// `null` where the plan states none, which `limit-text` in style.typ
    /// prints as —.
    pub limits: Vec<Option<String>>,
    /// The deductible of each coverage (same order), in 万/億; `null`
    /// where the plan has none. `deductibles` in style.typ joins the
    /// stated ones and prints なし when there are none.
    pub deductibles: Vec<Option<String>>,
    /// The premium cells, one per size column (one when not sized).
    pub cells: Vec<PremiumCell>,
}

/// One premium as style.typ's `premium-rows` and `premium(cell)` print
/// and record it for the drift guard.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PremiumCell {
    /// The cell's key, `program/class/category/size/plan/payment`.
    pub key: String,
    /// The premium in yen (the regular installment when paid monthly).
    pub yen: i64,
    /// The first installment in yen when it differs, printed in brackets.
    pub first_yen: Option<i64>,
}

/// A section of a document.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SectionData {
    /// The section's number in a numbered document (the pamphlet), e.g.
    /// 18; `null` for a section printed without a number (a cover). A
    /// continued section (つづき) repeats the previous number.
    pub number: Option<String>,
    /// The section heading, rendered prose (Typst markup).
    pub title: String,
    /// The section's blocks in order.
    pub blocks: Vec<BlockData>,
}

/// One block of a section, tagged by `kind`. Prose is rendered Typst
/// markup; the blocks without fields print data found elsewhere in the
/// document data (`block-renderer` in style.typ).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub enum BlockData {
    /// A paragraph.
    Text {
        /// The paragraph's prose.
        text: String,
    },
    /// A subheading after ◆.
    Heading {
        /// The heading's prose.
        text: String,
    },
    /// A bulleted list.
    List {
        /// The items' prose.
        items: Vec<String>,
    },
    /// ※ notes in smaller type.
    Notes {
        /// The notes' prose.
        items: Vec<String>,
    },
    /// A table of text.
    Table {
        /// The header cells' prose.
        header: Vec<String>,
        /// The rows, each as wide as the header.
        rows: Vec<Vec<String>>,
    },
    /// The document's `premium_tables`.
    PremiumTables,
    /// The `period` and `deadlines`.
    Schedule,
    /// The `contacts`.
    Contacts,
    /// The `faq` entries.
    Faq,
    /// The program's form `id`, one of `forms`.
    Form {
        /// The form's id.
        id: String,
    },
    /// A picture from `content/assets/`, served from memory at `src`.
    Image {
        /// Where the template reads it: `/assets/<file>`.
        src: String,
        /// Its width in percent of the column.
        width: u32,
        /// The caption's prose, if any.
        caption: Option<String>,
    },
    /// A QR code of `url`, drawn as vector (`svg`), the URL printed beside
    /// it as a link.
    Qr {
        /// The URL the code holds.
        url: String,
        /// The code as an SVG of filled modules (black on white, with its
        /// quiet zone), made by the tool.
        svg: String,
        /// The prose above the URL, if any.
        caption: Option<String>,
    },
    /// A flow of stages joined by arrows.
    Steps {
        /// The stages in order.
        stages: Vec<StageData>,
    },
    /// Key figures set large.
    Figures {
        /// The figures in order.
        figures: Vec<FigureData>,
    },
    /// Blocks side by side.
    Columns {
        /// One list of blocks per column.
        columns: Vec<Vec<BlockData>>,
    },
    /// The cover masthead: `program.audience`, `program.title`,
    /// `meta.product` and `badge`, set large; the section holding it is
    /// the cover page.
    Cover,
}

/// One stage of a `steps` block.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct StageData {
    /// The stage's heading (prose).
    pub title: String,
    /// Its items (prose).
    pub items: Vec<String>,
}

/// One key figure of a `figures` block.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct FigureData {
    /// The figure as printed (prose), e.g. 約32%.
    pub figure: String,
    /// What it is (prose); `null` for a statement (figures without
    /// captions are stacked).
    pub caption: Option<String>,
}

/// The program's look; a template keeps its default for each `null`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ThemeData {
    /// The main colour, `#rrggbb`.
    pub primary: Option<String>,
    /// The highlight colour, `#rrggbb`.
    pub accent: Option<String>,
    /// The logo, served from memory at this path (`/assets/<file>`).
    pub logo: Option<String>,
}

/// A form to fill in and return: labels from the program's `forms:`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct FormData {
    /// The id `form` blocks name it by.
    pub id: String,
    /// The heading printed above the fields.
    pub title: String,
    /// The fields in print order.
    pub fields: Vec<FormFieldData>,
    /// The deadline it is returned by, printed under the fields.
    pub deadline: Option<DeadlineData>,
    /// The contact it is returned to; its FAX number heads the form.
    pub contact: Option<ContactData>,
}

/// One field of a form.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct FormFieldData {
    /// The label as printed.
    pub label: String,
    /// What is filled in for a member (their id or name); `null` leaves
    /// the box empty.
    pub value: Option<String>,
    /// Lines of room to write in.
    pub lines: u8,
}

/// One question and answer, rendered prose.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct FaqEntry {
    /// The question, after Q1.
    pub q: String,
    /// The answer, after A.
    pub a: String,
}

/// What a quote sheet prints about one facility.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Quote {
    /// The facility's name, printed with 様; `null` leaves the row out.
    pub facility: Option<String>,
    /// The facility class's printed name.
    pub class: String,
    /// The bed category's printed name, if quoted with one.
    pub category: Option<String>,
    /// The facility's size, for a size-rated class.
    pub size: Option<QuoteSize>,
    /// The plan as printed.
    pub plan: String,
    /// Each coverage with the plan's limit for the class.
    pub coverages: Vec<QuoteCoverage>,
    /// The deductible of each coverage, in 万/億; `null` where the plan
    /// has none (printed by `deductibles` in style.typ).
    pub deductibles: Vec<Option<String>>,
    /// The conditions caption, as under a premium table.
    pub conditions: String,
    /// 年間保険料 or 月額保険料.
    pub premium_label: String,
    /// The premium, printed through `premium(cell)`.
    pub cell: PremiumCell,
    /// The installments when the program pays monthly; `null` prints 一括払.
    pub installments: Option<InstallmentsData>,
}

/// A quoted facility's size.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct QuoteSize {
    /// The measure's name, the row's label, e.g. 病床数.
    pub name: String,
    /// The size with its unit, e.g. 75床.
    pub value: String,
}

/// One coverage on a quote sheet.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct QuoteCoverage {
    /// The coverage's printed name.
    pub name: String,
    /// The limit in 万/億; `null` where the plan states none, which
    /// `limit-text` in style.typ prints as —.
    pub limit: Option<String>,
}

/// How a monthly premium is paid.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct InstallmentsData {
    /// The number of installments a year, e.g. 12 (printed 12回払).
    pub count: u32,
}
