//! What can be wrong with the content, as typed kinds.
//!
//! Every content problem is a [`Problem`] carrying its data (ids, the known
//! ids, what was written and what was expected), and both its English and
//! its Japanese text are rendered from that kind by two exhaustive matches.
//! A new kind without a text in either language does not compile, and no
//! message is ever produced by reading another message's English.
//!
//! The YAML parser's own messages are the one place where text comes from
//! outside: they are classified once, where the parse fails (see
//! `problem_of` in `parse.rs`), into the common slips with a hint in each
//! language; the parser's wording is kept (without its position, which the
//! `file:line:col` prefix already gives) for the English form and quoted
//! in backquotes in the Japanese form when no kind fits.

use crate::format::thousands;
use crate::messages::{Lang, Localized};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::PathBuf;

/// The kinds of id the content cross-references.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    /// A facility class (施設区分): `clinic`, `hospital`.
    Class,
    /// A plan (プラン): H1, プラン1, P1.
    Plan,
    /// A bed category (病床区分): `general`, `long_term`.
    Category,
    /// A coverage (補償) whose limit a plan states.
    Coverage,
    /// A discount (割引) the tariff declares and a program gives a rate for.
    Discount,
    /// A product (商品), which a program names to say what it sells.
    Product,
    /// A program id: what `previous:` and an expected-premium table's
    /// first column name.
    Program,
    /// A form (`forms:` of a program) a `form:` block prints.
    Form,
    /// A deadline id of a program, e.g. the one a form is returned by.
    Deadline,
    /// A contact's role, e.g. the one a form is returned to.
    Contact,
}

impl IdKind {
    pub(crate) fn en(self) -> &'static str {
        match self {
            IdKind::Class => "class",
            IdKind::Plan => "plan",
            IdKind::Category => "category",
            IdKind::Coverage => "coverage",
            IdKind::Discount => "discount",
            IdKind::Product => "product",
            IdKind::Program => "program",
            IdKind::Form => "form",
            IdKind::Deadline => "deadline",
            IdKind::Contact => "contact role",
        }
    }

    pub(crate) fn ja(self) -> &'static str {
        match self {
            IdKind::Class => "施設区分",
            IdKind::Plan => "プラン",
            IdKind::Category => "病床区分",
            IdKind::Coverage => "補償",
            IdKind::Discount => "割引",
            IdKind::Product => "商品",
            IdKind::Program => "プログラム",
            IdKind::Form => "様式",
            IdKind::Deadline => "期限",
            IdKind::Contact => "連絡先の役割",
        }
    }
}

/// A number that must be greater than zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// A plan's limit or deductible.
    Amount,
    /// A tariff's base rate or minimum premium, in yen.
    AmountInYen,
    /// A size (beds, capacity) of a size-factor point.
    Size,
    /// The factor of a size-factor point.
    SizeFactor,
    /// A bed category's factor for a plan.
    CategoryFactor,
    /// The yen unit a `round` step or the installments round to.
    RoundingUnit,
    /// The surcharge factor of monthly payment (e.g. 1.05).
    InstallmentFactor,
}

impl Quantity {
    fn en(self) -> &'static str {
        match self {
            Quantity::Amount => "an amount",
            Quantity::AmountInYen => "an amount in yen",
            Quantity::Size => "a size",
            Quantity::SizeFactor => "a size factor",
            Quantity::CategoryFactor => "a category factor",
            Quantity::RoundingUnit => "a rounding unit",
            Quantity::InstallmentFactor => "an installment factor",
        }
    }

    fn ja(self) -> &'static str {
        match self {
            Quantity::Amount => "金額",
            Quantity::AmountInYen => "円の金額",
            Quantity::Size => "規模",
            Quantity::SizeFactor => "規模係数",
            Quantity::CategoryFactor => "病床区分の係数",
            Quantity::RoundingUnit => "端数処理の単位",
            Quantity::InstallmentFactor => "分割払の係数",
        }
    }
}

/// The common slips the YAML parser reports, each with a hint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slip {
    /// A key without its `:` (`title 医療機関…`).
    MissingColon,
    /// A tab where YAML allows only spaces.
    Tab,
    /// A line indented differently from its siblings.
    Indentation,
    /// A quote opened and never closed.
    UnclosedQuote,
    /// A `[` or `{` opened and never closed.
    UnclosedBracket,
}

impl Slip {
    fn en(self) -> &'static str {
        match self {
            Slip::MissingColon => "a key needs `:` and a space before its value (`title: …`)",
            Slip::Tab => "indent with spaces; YAML does not allow tabs",
            Slip::Indentation => "the entries of one list or mapping must start in the same column",
            Slip::UnclosedQuote => "a quote was opened and not closed on this value",
            Slip::UnclosedBracket => "a `[` or `{` was opened and not closed",
        }
    }

    fn ja(self) -> &'static str {
        match self {
            Slip::MissingColon => {
                "項目名のあとに「:」と空白が必要です（例: `title: …`）。「:」が抜けていませんか"
            }
            Slip::Tab => "字下げにタブは使えません。空白で字下げしてください",
            Slip::Indentation => {
                "字下げがずれています。同じ並びの項目は同じ桁から書き始めてください"
            }
            Slip::UnclosedQuote => "引用符が閉じられていません。対になる引用符を書いてください",
            Slip::UnclosedBracket => "括弧「[」「{」が閉じられていません",
        }
    }
}

/// One problem in the content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    // Reading files.
    /// A content file exists but could not be read.
    CannotReadFile {
        /// The operating system's reason, as it words it.
        error: String,
    },
    /// A folder under `content/` could not be listed.
    CannotReadFolder {
        /// The operating system's reason, as it words it.
        error: String,
    },
    /// A content file over the loader's size limit, far beyond any
    /// hand-written YAML (real ones are a few kilobytes).
    FileTooLarge {
        /// The file's size in bytes.
        bytes: u64,
        /// The largest size the loader reads.
        max: u64,
    },
    /// A content file that is not UTF-8 (e.g. saved as Shift_JIS), located
    /// at its first invalid byte.
    NotUtf8,
    /// A syntax error of the YAML parser, with the slip it looks like.
    Syntax {
        /// The common slip the message was recognised as, for a hint.
        slip: Option<Slip>,
        /// The parser's own message without its position.
        parser: String,
    },
    /// Any other message of the YAML parser (a wrong type, a duplicate
    /// key…), without its position.
    Parser {
        /// The parser's own message without its position.
        parser: String,
    },
    /// A key the file's schema does not have, often a misspelt one.
    UnknownField {
        /// The key as written.
        field: String,
        /// The keys allowed at that place, for the list and did-you-mean.
        expected: Vec<String>,
    },
    /// A required key left out.
    MissingField {
        /// The key that is required there.
        field: String,
    },
    /// A value outside a fixed set (a payment, a routine step, a block, a
    /// document kind, a rounding mode).
    UnknownVariant {
        /// The value as written.
        variant: String,
        /// The values allowed there.
        expected: Vec<String>,
    },
    /// A date not written `YYYY-MM-DD`, or one that does not exist.
    BadDate {
        /// The text as written.
        got: String,
    },
    /// A well-formed date in an implausible year (a slip like `20250-04-01`).
    YearOutOfRange {
        /// The text as written.
        got: String,
        /// The year it reads as.
        year: i32,
    },

    // Ids.
    /// An id given twice in one list: a product's coverages, classes,
    /// categories or plans, a tariff's discounts, a program's deadlines.
    DuplicateId {
        /// The repeated id.
        id: String,
    },
    /// Two product folders declaring the same product id.
    DuplicateProductId {
        /// The repeated product id.
        id: String,
    },
    /// Two program files declaring the same program id.
    DuplicateProgramId {
        /// The repeated program id.
        id: String,
    },
    /// Two sections of one product or program file with the same id.
    DuplicateSectionId {
        /// The repeated section id.
        id: String,
    },
    /// A reference to a class, plan, category, coverage, discount or product
    /// that is not defined.
    Unknown {
        /// What kind of id was looked up.
        kind: IdKind,
        /// The id as written.
        id: String,
        /// The ids of that kind that exist, for the list and did-you-mean.
        known: Vec<String>,
    },
    /// A document listing a section defined neither by the program nor by
    /// its product.
    UnknownSection {
        /// The section id as written.
        id: String,
        /// The section ids the program and its product define.
        known: Vec<String>,
    },
    /// A product id that differs from its folder under `content/products/`.
    ProductIdNotFolder {
        /// The id written in `product.yaml`.
        id: String,
        /// The folder's name, which the id must equal.
        folder: String,
    },
    /// A program id that differs from its file name.
    ProgramIdNotFileName {
        /// The id written in the file.
        id: String,
        /// The file name without `.yaml`, which the id must equal.
        stem: String,
    },
    /// A product whose files failed, so its programs were not validated
    /// (reported once, after the product's own problems).
    ProductDidNotLoad {
        /// The product id.
        product: String,
        /// The programs selling it, left unchecked.
        programs: Vec<String>,
    },

    // Numbers.
    /// A number that must be greater than zero and is not.
    NotPositive {
        /// Which number it is, for the message.
        what: Quantity,
        /// The value as read.
        value: Decimal,
    },
    /// A program's discount rate outside 0 ≤ rate < 1 (often 20 for 20%).
    RateOutOfRange {
        /// The rate as read.
        rate: Decimal,
    },
    /// A badge naming a discount the program does not grant (its rate is
    /// 0 or absent), which would print 0%.
    BadgeNotGranted {
        /// The discount id of the badge.
        discount: String,
    },
    /// A table joined to the previous one that cannot be: the first
    /// table, a sized one, or one with other plans.
    JoinMismatch,
    /// A tariff's installments with fewer than two payments a year.
    TooFewInstallments {
        /// The count as read.
        count: u32,
    },
    /// A size-rated class's size factors given without any point.
    NoSizePoints,
    /// Size-factor points not in increasing size, so interpolation is
    /// undefined.
    SizesMustIncrease {
        /// The size of the offending point.
        size: Decimal,
        /// The size of the point before it.
        previous: Decimal,
    },
    /// A size factor smaller than the one before it: a larger facility
    /// would pay less.
    SizeFactorsDecrease {
        /// The factor of the offending point.
        factor: Decimal,
        /// The factor of the point before it.
        previous: Decimal,
    },
    /// A size a program prints that the tariff does not rate (such a
    /// facility is referred to the insurer, not given a premium).
    SizeOutsideTable {
        /// The size as listed in the program's table.
        size: Decimal,
        /// The smallest size of the tariff's size factors.
        min: Decimal,
        /// The largest size of the tariff's size factors.
        max: Decimal,
    },

    // Classes, tables and tariffs.
    /// Size factors given for a class the product rates flat.
    FlatClassHasSizeFactors {
        /// The class id.
        class: String,
    },
    /// A size-rated class with no size factors in the tariff.
    NoSizeFactors {
        /// The class id.
        class: String,
        /// What its size counts (病床数…), as the product names it.
        measure: String,
    },
    /// A program table listing sizes for a class rated flat.
    FlatClassHasSizes {
        /// The class id.
        class: String,
    },
    /// A program table of a size-rated class with no sizes to print as rows.
    NoSizesListed {
        /// The class id.
        class: String,
        /// What its size counts (病床数…), as the product names it.
        measure: String,
    },
    /// A tariff routine whose first step is not `base`, so there is no
    /// premium to apply the other steps to.
    RoutineMustStartWithBase,
    /// A plan listed twice among one table's columns.
    PlanListedTwice {
        /// The plan id.
        plan: String,
    },
    /// A plan a program prints for a class that the tariff gives no base
    /// rate for.
    NoBaseRate {
        /// The tariff file the program is priced by.
        tariff: PathBuf,
        /// The class id.
        class: String,
        /// The plan id.
        plan: String,
    },
    /// Two premium tables of one program for the same class and category.
    TableRepeated {
        /// The index of the first table, as in `tables[0]`.
        earlier: usize,
        /// The class id both print.
        class: String,
        /// The category id both print, if the product has categories.
        category: Option<String>,
    },
    /// A program paid monthly whose tariff has no installment rule.
    MonthlyNeedsInstallments {
        /// The tariff file the program is priced by.
        tariff: PathBuf,
    },
    /// A product's `tariffs/` folder with no tariff file, or a program
    /// listing premium tables of a product without tariffs: nothing can
    /// be priced.
    NoTariff {
        /// The product id.
        product: String,
    },

    // Dates.
    /// A tariff that expires before it takes effect.
    ExpiresBeforeEffective {
        /// The tariff's last day.
        expires: NaiveDate,
        /// The tariff's first day.
        effective: NaiveDate,
    },
    /// Two tariffs of a product taking effect on the same day.
    SameEffectiveDate {
        /// The other tariff file.
        other: PathBuf,
    },
    /// A tariff taking effect while the previous one is still in force.
    TariffsOverlap {
        /// The previous tariff file.
        other: PathBuf,
        /// The previous tariff's last day.
        expires: NaiveDate,
        /// The day after it, the earliest this tariff may take effect.
        earliest: NaiveDate,
    },
    /// Days between two tariffs on which no tariff is in force.
    TariffGap {
        /// The previous tariff file.
        other: PathBuf,
        /// The previous tariff's last day.
        expires: NaiveDate,
        /// The first uncovered day.
        from: NaiveDate,
        /// The last uncovered day.
        to: NaiveDate,
    },
    /// A program whose policy start no tariff of its product covers.
    NoTariffInForce {
        /// The product id.
        product: String,
        /// The program's policy start.
        start: NaiveDate,
        /// Each tariff's first day and last day (none: open-ended).
        spans: Vec<(NaiveDate, Option<NaiveDate>)>,
    },
    /// A policy period that does not end after it starts.
    PeriodEndsBeforeStart {
        /// The period's last day.
        end: NaiveDate,
        /// The period's first day.
        start: NaiveDate,
    },
    /// An application or payment deadline after cover has begun.
    DeadlineAfterStart {
        /// The deadline's date.
        deadline: NaiveDate,
        /// The policy start.
        start: NaiveDate,
    },

    // Printed text and documents.
    /// A row of a text table with more or fewer cells than its header.
    RowWidth {
        /// The number of header cells.
        expected: usize,
        /// The number of cells in the row.
        got: usize,
    },
    /// A document kind a program lists twice.
    DocumentListedTwice {
        /// The document kind, as written.
        document: String,
    },
    /// A program that lists no documents, so `build` would make no PDF.
    NoDocuments,
    /// A section of the program that no document prints, likely forgotten.
    SectionNotPrinted {
        /// The section id.
        id: String,
    },
    /// Prose that minijinja could not render (an unknown placeholder or
    /// filter, a filter given the wrong kind of value, bad syntax).
    Prose {
        /// What kind of rendering error it was, for the Japanese form.
        error: ProseError,
        /// The name the error is about (a placeholder, filter or value).
        name: String,
        /// minijinja's own description, for the English form.
        detail: String,
    },
    /// Prose that writes a value the data holds (a premium, a discount
    /// rate, a limit, a program date) instead of a placeholder, so it would
    /// go stale when the data changes.
    LiteralCopy {
        /// The copied text as found in the prose.
        literal: String,
        /// What to write instead.
        placeholder: Placeholder,
    },
    /// A cell the rating core could not price, reported against the
    /// program file rather than panicking.
    Pricing {
        /// The class id of the cell.
        class: String,
        /// The plan id of the cell.
        plan: String,
        /// The rating core's reason.
        reason: String,
    },
    /// A character in printed text that no font under `fonts/` can draw,
    /// caught by `check` before it becomes a blank box in a PDF.
    NoFontCovers {
        /// The character.
        character: char,
    },
    /// A date written literally in prose (`令和7年7月`, `2025年7月1日`),
    /// which would stay behind when the program is rolled to a new year.
    LiteralDate {
        /// The date as written, e.g. `令和7年7月`.
        literal: String,
        /// What to write instead.
        placeholder: DatePlaceholder,
    },

    // Expected-premium tables (`products/<product>/expected/*.csv`).
    /// A header names a column an expected-premium table does not have.
    UnknownColumn {
        /// The name written.
        column: String,
        /// The columns a table may have.
        expected: Vec<String>,
    },
    /// A header names one column twice.
    ColumnTwice {
        /// The name written twice.
        column: String,
    },
    /// A header lacks a column every table needs.
    MissingColumn {
        /// The missing column.
        column: String,
    },
    /// A row leaves a required cell empty.
    EmptyCell {
        /// The column of the empty cell.
        column: String,
    },
    /// A cell that must hold a number holds something else.
    NotANumber {
        /// What the number is.
        what: Quantity,
        /// What was written.
        got: String,
    },
    /// A row names a program that sells another product than the folder's.
    ProgramOfOtherProduct {
        /// The program id.
        program: String,
        /// The product it sells.
        product: String,
        /// The product whose folder holds the table.
        folder: String,
    },
    /// A row states a payment other than the program's.
    PaymentDiffers {
        /// The program id.
        program: String,
        /// How the program pays.
        pays: String,
        /// What the row says.
        got: String,
    },
    /// A row of a class rated by size gives no size.
    SizeNeeded {
        /// The class id.
        class: String,
        /// What its size counts (病床数).
        measure: String,
    },
    /// A row of a flat-rated class gives a size.
    SizeNotApplicable {
        /// The class id.
        class: String,
    },
    /// A figure of an expected-premium row that the rating core does not
    /// reproduce, with the worksheet of the case.
    PremiumDiffers {
        /// The row's case (boxed, as the worksheet, to keep every
        /// `Problem` small).
        case: Box<ExpectedCase>,
        /// Which figure differs.
        figure: Figure,
        /// What the row states, in yen.
        expected: i64,
        /// What the core gives; none when the case is referred.
        got: Option<i64>,
        /// The worksheet's steps and outcome, in English and Japanese
        /// (rendered by the layer that prices, which this one is below).
        worksheet: Box<[String; 2]>,
    },
    /// An asset (`image`'s file, a theme's logo) that cannot be printed.
    Asset {
        /// The file as written, relative to `content/assets/`.
        file: String,
        /// What is wrong with it.
        issue: AssetIssue,
    },
    /// A URL (`qr`'s `url`) that is not an absolute http(s) address.
    BadUrl {
        /// The URL as written.
        url: String,
    },
    /// A colour that is not written `#rrggbb`.
    BadColour {
        /// The colour as written.
        got: String,
    },
    /// An image width outside 1–100 (percent of the column).
    ImageWidth {
        /// The width as written.
        got: u32,
    },
    /// A block that needs at least one entry (`steps`, `figures`,
    /// `columns`) written empty.
    EmptyBlock {
        /// The block's name.
        block: &'static str,
    },
}

/// Why an asset cannot be printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssetIssue {
    /// No file at that path.
    Missing,
    /// The path leaves `content/assets/`, lexically or through a symlink.
    Outside,
    /// The path names a folder or something else that is not a file.
    NotAFile,
    /// Neither PNG, JPEG nor SVG.
    UnknownFormat,
    /// A PNG, JPEG or SVG that does not decode, with the decoder's words.
    Undecodable {
        /// The decoder's message.
        error: String,
    },
    /// An SVG that refers to something outside itself (a URL, a file).
    ExternalReference {
        /// The reference as written.
        href: String,
    },
}

impl AssetIssue {
    fn en(&self) -> String {
        match self {
            AssetIssue::Missing => "there is no such file under content/assets/".into(),
            AssetIssue::Outside => {
                "the path leaves content/assets/ (through `..`, an absolute path or a symlink); assets must lie inside it".into()
            }
            AssetIssue::NotAFile => "it is not a file".into(),
            AssetIssue::UnknownFormat => "expected a PNG, JPEG or SVG file".into(),
            AssetIssue::Undecodable { error } => format!("it does not decode: {error}"),
            AssetIssue::ExternalReference { href } => format!(
                "the SVG refers to `{href}` outside itself; embed the image or drop the reference"
            ),
        }
    }

    fn ja(&self) -> String {
        match self {
            AssetIssue::Missing => "`content/assets/` にそのファイルがありません".into(),
            AssetIssue::Outside => {
                "パスが `content/assets/` の外を指しています（`..`、絶対パス、シンボリックリンク）。素材はその中に置いてください".into()
            }
            AssetIssue::NotAFile => "ファイルではありません".into(),
            AssetIssue::UnknownFormat => "画像は `PNG`、`JPEG`、`SVG` のいずれかにしてください".into(),
            AssetIssue::Undecodable { error } => format!("画像として読めません（`{error}`）"),
            AssetIssue::ExternalReference { href } => format!(
                "`SVG` が外部の `{href}` を参照しています。画像を埋め込むか参照を削除してください"
            ),
        }
    }
}

/// The case of an expected-premium row, with ids as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedCase {
    /// The program id.
    pub program: String,
    /// The class id.
    pub class: String,
    /// The bed category id, where given.
    pub category: Option<String>,
    /// Beds or capacity, for classes rated by size.
    pub size: Option<Decimal>,
    /// The plan id as printed.
    pub plan: String,
}

impl ExpectedCase {
    fn en(&self) -> String {
        let mut out = format!("program `{}`, class `{}`", self.program, self.class);
        if let Some(category) = &self.category {
            out.push_str(&format!(", category `{category}`"));
        }
        if let Some(size) = self.size {
            out.push_str(&format!(", size {size}"));
        }
        out.push_str(&format!(", plan `{}`", self.plan));
        out
    }

    fn ja(&self) -> String {
        let mut out = format!("プログラム `{}`、施設区分 `{}`", self.program, self.class);
        if let Some(category) = &self.category {
            out.push_str(&format!("、病床区分 `{category}`"));
        }
        if let Some(size) = self.size {
            out.push_str(&format!("、規模 {size}"));
        }
        out.push_str(&format!("、プラン `{}`", self.plan));
        out
    }
}

/// Which figure of an expected-premium row (its column).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// `premium_yen`: what the member pays each time.
    Premium,
    /// `first_installment_yen`.
    FirstInstallment,
    /// `annual_yen`.
    Annual,
}

impl Figure {
    /// The CSV column holding the figure.
    pub fn column(self) -> &'static str {
        match self {
            Figure::Premium => "premium_yen",
            Figure::FirstInstallment => "first_installment_yen",
            Figure::Annual => "annual_yen",
        }
    }

    fn en(self) -> &'static str {
        match self {
            Figure::Premium => "the premium",
            Figure::FirstInstallment => "the first installment",
            Figure::Annual => "the annual premium",
        }
    }

    fn ja(self) -> &'static str {
        match self {
            Figure::Premium => "保険料",
            Figure::FirstInstallment => "初回保険料",
            Figure::Annual => "年額保険料",
        }
    }
}

/// `lines` indented under the message they belong to.
fn indented(lines: &str) -> String {
    lines
        .lines()
        .map(|line| format!("    {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What prints a date instead of its literal copy in prose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatePlaceholder {
    /// A date the program holds, printed by this expression, e.g.
    /// `{{ dates.debit | wareki_month }}`.
    Known(String),
    /// A date the program does not hold yet: add it under `dates:` as
    /// `date` and print it through `filter` (`wareki_month`, `seireki`…).
    New {
        /// The date as written, on the first of the month when no day is.
        date: NaiveDate,
        /// The filter that prints it in the form the text used.
        filter: &'static str,
    },
}

/// What prints a value instead of its literal copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placeholder {
    /// A minijinja expression, e.g. `{{ discounts.group | pct }}`.
    Expression(String),
    /// The `premium_tables` block (premiums are printed only by it).
    PremiumTables,
}

/// What went wrong rendering a prose template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProseError {
    /// A placeholder naming a value the program's data does not have.
    Undefined,
    /// Template syntax minijinja cannot parse (an unclosed `{{`…).
    Syntax,
    /// A filter that is not defined, e.g. a misspelt `wareki`.
    UnknownFilter,
    /// A number filter (yen, man, pct) given something that is not a number.
    NotANumber,
    /// A date filter (wareki, seireki, weekday) given something that is not
    /// a date.
    NotADate,
    /// Any other rendering error; minijinja's detail says which.
    Other,
}

/// The closest of `known` to `id`, if it is close enough to be a slip, as
/// cargo suggests a command: edit distance, then (between equals) the
/// nearest characters, so `H8` suggests `H7` rather than `H1`.
pub fn closest<'a>(id: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (id.chars().count() / 3).max(1);
    known
        .into_iter()
        .filter(|k| *k != id)
        .map(|k| {
            let distance = strsim::damerau_levenshtein(id, k);
            let nearness: u32 = id
                .chars()
                .zip(k.chars())
                .map(|(a, b)| (a as u32).abs_diff(b as u32))
                .sum();
            ((distance, nearness), k)
        })
        .filter(|((distance, _), _)| *distance <= limit)
        .min_by_key(|(key, _)| *key)
        .map(|(_, k)| k)
}

fn suggestion(id: &str, known: &[String]) -> Option<String> {
    closest(id, known.iter().map(String::as_str)).map(str::to_string)
}

pub(crate) fn did_you_mean_en(id: &str, known: &[String]) -> String {
    suggestion(id, known).map_or(String::new(), |s| format!("; did you mean `{s}`?"))
}

pub(crate) fn did_you_mean_ja(id: &str, known: &[String]) -> String {
    suggestion(id, known).map_or(String::new(), |s| format!("`{s}` の誤りではありませんか。"))
}

fn list_en(ids: &[String]) -> String {
    if ids.is_empty() {
        "none".to_string()
    } else {
        ids.join(", ")
    }
}

fn list_ja(ids: &[String]) -> String {
    if ids.is_empty() {
        "なし".to_string()
    } else {
        ids.iter()
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join("、")
    }
}

fn spans_en(spans: &[(NaiveDate, Option<NaiveDate>)]) -> String {
    if spans.is_empty() {
        return "no dates (the product has no tariff)".to_string();
    }
    let spans: Vec<String> = spans
        .iter()
        .map(|(from, to)| match to {
            Some(end) => format!("{from} to {end}"),
            None => format!("{from} onwards"),
        })
        .collect();
    spans.join(", ")
}

fn spans_ja(spans: &[(NaiveDate, Option<NaiveDate>)]) -> String {
    if spans.is_empty() {
        return "ありません（商品に料率表がありません）".to_string();
    }
    let spans: Vec<String> = spans
        .iter()
        .map(|(from, to)| match to {
            Some(end) => format!("{from}〜{end}"),
            None => format!("{from}以降"),
        })
        .collect();
    spans.join("、")
}

impl Problem {
    /// The English text (the form `Diagnostic`'s `Display` prints).
    pub fn en(&self) -> String {
        use Problem::*;
        match self {
            CannotReadFile { error } => format!("cannot read the file: {error}"),
            CannotReadFolder { error } => format!("cannot read the folder: {error}"),
            FileTooLarge { bytes, max } => {
                format!("the file is {bytes} bytes; content files may be at most {max} bytes")
            }
            NotUtf8 => {
                "the file is not UTF-8 text (the first invalid byte is here); save it as UTF-8"
                    .to_string()
            }
            Syntax { slip, parser } => match slip {
                Some(slip) => format!("{parser} ({})", slip.en()),
                None => parser.clone(),
            },
            Parser { parser } => parser.clone(),
            UnknownField { field, expected } => format!(
                "unknown field `{field}`, expected one of {}{}",
                expected.join(", "),
                did_you_mean_en(field, expected)
            ),
            MissingField { field } => format!("missing field `{field}`"),
            UnknownVariant { variant, expected } => format!(
                "unknown variant `{variant}`, expected one of {}{}",
                expected.join(", "),
                did_you_mean_en(variant, expected)
            ),
            BadDate { got } => {
                format!("expected an existing date written YYYY-MM-DD, got `{got}`")
            }
            YearOutOfRange { got, year } => format!(
                "the year {year} of `{got}` is outside 1900 to 2200; expected a date written YYYY-MM-DD"
            ),
            DuplicateId { id } => format!("duplicate id `{id}`"),
            DuplicateProductId { id } => format!("duplicate product id `{id}`"),
            DuplicateProgramId { id } => format!("duplicate program id `{id}`"),
            DuplicateSectionId { id } => format!("duplicate section id `{id}`"),
            Unknown { kind, id, known } => format!(
                "unknown {} `{id}`; expected one of: {}{}",
                kind.en(),
                list_en(known),
                did_you_mean_en(id, known)
            ),
            UnknownSection { id, known } => format!(
                "unknown section `{id}`; the program and its product define: {}{}",
                known.join(", "),
                did_you_mean_en(id, known)
            ),
            ProductIdNotFolder { id, folder } => {
                format!("the product id `{id}` must match its folder name `{folder}`")
            }
            ProgramIdNotFileName { id, stem } => {
                format!("the program id `{id}` must match its file name `{stem}.yaml`")
            }
            ProductDidNotLoad { product, programs } => format!(
                "product `{product}` did not load (see above), so the programs that use it were not checked: {}",
                programs.join(", ")
            ),
            NotPositive { what, value } => {
                format!("{} must be greater than zero, got {value}", what.en())
            }
            RateOutOfRange { rate } => format!(
                "expected a rate from 0 up to but not including 1 (0.2 for 20%), got {rate}"
            ),
            BadgeNotGranted { discount } => format!(
                "a badge for discount `{discount}`, which the program does not grant: give it a rate under `discounts` or remove the badge"
            ),
            JoinMismatch => "`join: true` needs a previous table, both without sizes and listing the same plans in the same order".to_string(),
            TooFewInstallments { count } => {
                format!("expected at least 2 installments, got {count}")
            }
            NoSizePoints => "expected at least one point `[size, factor]`".to_string(),
            SizesMustIncrease { size, previous } => {
                format!("sizes must increase: {size} follows {previous}")
            }
            SizeFactorsDecrease { factor, previous } => {
                format!("size factors must not decrease: {factor} follows {previous}")
            }
            SizeOutsideTable { size, min, max } => format!(
                "size {size} lies outside the tariff's size table ({min} to {max}); it could only be referred, not printed"
            ),
            FlatClassHasSizeFactors { class } => format!(
                "class `{class}` is flat-rated in the product (no `size`), so it takes no size factors"
            ),
            NoSizeFactors { class, measure } => {
                format!("class `{class}` is rated by {measure} but has no size factors")
            }
            FlatClassHasSizes { class } => {
                format!("class `{class}` is flat-rated: remove `sizes`")
            }
            NoSizesListed { class, measure } => {
                format!("class `{class}` is rated by {measure}: list the sizes to show")
            }
            RoutineMustStartWithBase => "the routine must start with `base`".to_string(),
            PlanListedTwice { plan } => format!("plan `{plan}` is listed twice in this table"),
            NoBaseRate {
                tariff,
                class,
                plan,
            } => format!(
                "the tariff {} has no base rate for class `{class}` and plan `{plan}`",
                tariff.display()
            ),
            TableRepeated {
                earlier,
                class,
                category,
            } => format!(
                "tables[{earlier}] already prints class `{class}`{}: merge the plans into one table",
                category
                    .as_ref()
                    .map_or(String::new(), |c| format!(" and category `{c}`"))
            ),
            MonthlyNeedsInstallments { tariff } => format!(
                "monthly payment needs an `installments` rule in the tariff {}",
                tariff.display()
            ),
            NoTariff { product } => {
                format!("product `{product}` has no tariff: add one under its `tariffs/` folder (or list no premium tables)")
            }
            ExpiresBeforeEffective { expires, effective } => {
                format!("the tariff expires on {expires}, before it takes effect on {effective}")
            }
            SameEffectiveDate { other } => format!(
                "another tariff, {}, takes effect on the same date",
                other.display()
            ),
            TariffsOverlap {
                other,
                expires,
                earliest,
            } => format!(
                "the dates overlap: {} is in force until {expires}, so this tariff may take effect on {earliest} at the earliest",
                other.display()
            ),
            TariffGap {
                other,
                expires,
                from,
                to,
            } => format!(
                "no tariff is in force from {from} to {to}: {} expires on {expires}; move this tariff's `effective` to the day after",
                other.display()
            ),
            NoTariffInForce {
                product,
                start,
                spans,
            } => format!(
                "no tariff of product `{product}` is in force on {start}; its tariffs cover {}",
                spans_en(spans)
            ),
            PeriodEndsBeforeStart { end, start } => format!(
                "the period must end after it starts ({end} is not after {start})"
            ),
            DeadlineAfterStart { deadline, start } => {
                format!("the deadline {deadline} falls after the period starts on {start}")
            }
            RowWidth { expected, got } => {
                format!("expected {expected} cells like the header, got {got}")
            }
            DocumentListedTwice { document } => {
                format!("the document `{document}` is listed twice")
            }
            NoDocuments => {
                "the program lists no documents, so it would build no PDF; list them under `documents`"
                    .to_string()
            }
            SectionNotPrinted { id } => format!(
                "section `{id}` is printed by no document; list it in a document's `sections` or delete it"
            ),
            Prose { detail, .. } => format!("in prose template: {detail}"),
            LiteralCopy {
                literal,
                placeholder,
            } => format!(
                "the text contains `{literal}`, a value the data holds; write {} instead so it follows the data",
                match placeholder {
                    Placeholder::Expression(e) => format!("`{e}`"),
                    Placeholder::PremiumTables => "the `premium_tables` block".to_string(),
                }
            ),
            Pricing {
                class,
                plan,
                reason,
            } => format!("class `{class}`, plan `{plan}`: {reason}"),
            UnknownColumn { column, expected } => format!(
                "unknown column `{column}`, expected one of {}{}",
                expected.join(", "),
                did_you_mean_en(column, expected)
            ),
            ColumnTwice { column } => format!("the column `{column}` appears twice in the header"),
            MissingColumn { column } => format!(
                "the header has no column `{column}`; every expected-premium table needs program, class, plan and premium_yen"
            ),
            EmptyCell { column } => format!("the column `{column}` is empty; every row needs it"),
            NotANumber { what, got } => {
                format!("expected {} written as a number, got `{got}`", what.en())
            }
            ProgramOfOtherProduct {
                program,
                product,
                folder,
            } => format!(
                "program `{program}` sells product `{product}`, not `{folder}`: its expected premiums belong under content/products/{product}/expected/"
            ),
            PaymentDiffers { program, pays, got } => {
                format!("program `{program}` pays `{pays}`, not `{got}`")
            }
            SizeNeeded { class, measure } => {
                format!("class `{class}` is rated by {measure}: give the size in the column `size`")
            }
            SizeNotApplicable { class } => {
                format!("class `{class}` is flat-rated: leave the column `size` empty")
            }
            PremiumDiffers {
                case,
                figure,
                expected,
                got,
                worksheet,
            } => format!(
                "{}: expected {} {}円, got {}; the worksheet:\n{}",
                case.en(),
                figure.en(),
                thousands(Decimal::from(*expected)),
                got.map_or("none (the case is referred; see the worksheet)".to_string(), |g| {
                    format!("{}円", thousands(Decimal::from(g)))
                }),
                indented(&worksheet[0])
            ),
            NoFontCovers { character } => format!(
                "no font in fonts/ has a glyph for '{character}' (U+{:04X}): add a font covering it to fonts/ or change the text",
                *character as u32
            ),
            LiteralDate {
                literal,
                placeholder: DatePlaceholder::Known(placeholder),
            } => format!(
                "the text contains the date `{literal}`, which the data holds; write `{placeholder}` instead so it moves with the program"
            ),
            LiteralDate {
                literal,
                placeholder: DatePlaceholder::New { date, filter },
            } => format!(
                "the text contains the date `{literal}`, which would stay behind when the program is rolled to a new year; add it under `dates:` (e.g. `dates: {{ <name>: {date} }}`) and write `{{{{ dates.<name> | {filter} }}}}`, or wrap it in `{{% raw %}}…{{% endraw %}}` if it is not a date of this program"
            ),
            Asset { file, issue } => format!("asset `{file}`: {}", issue.en()),
            BadUrl { url } => format!(
                "expected an absolute http:// or https:// URL without spaces, got `{url}`"
            ),
            BadColour { got } => format!("expected a colour written #rrggbb (e.g. #1f3a68), got `{got}`"),
            ImageWidth { got } => {
                format!("expected a width from 1 to 100 (percent of the column), got {got}")
            }
            EmptyBlock { block } => format!("the `{block}` block lists nothing; give it at least one entry"),
        }
    }

    /// The Japanese text.
    pub fn ja(&self) -> String {
        use Problem::*;
        match self {
            CannotReadFile { error } => format!("ファイルを読めません（`{error}`）"),
            CannotReadFolder { error } => format!("フォルダーを読めません（`{error}`）"),
            FileTooLarge { bytes, max } => format!(
                "ファイルが{bytes}バイトあります。内容のファイルは{max}バイトまでにしてください"
            ),
            NotUtf8 => {
                "ファイルが UTF-8 ではありません（この位置に最初の不正なバイトがあります）。UTF-8 で保存し直してください"
                    .to_string()
            }
            Syntax { slip, parser } => match slip {
                Some(slip) => format!("YAML の書き方に誤りがあります。{}", slip.ja()),
                None => format!("YAML の書き方に誤りがあります（`{parser}`）"),
            },
            Parser { parser } => format!("YAML として読めません（`{parser}`）"),
            UnknownField { field, expected } => format!(
                "`{field}` という項目はありません（使える項目: {}）{}",
                list_ja(expected),
                did_you_mean_ja(field, expected)
            ),
            MissingField { field } => format!("必須の項目 `{field}` がありません"),
            UnknownVariant { variant, expected } => format!(
                "`{variant}` は使えません（使える値: {}）{}",
                list_ja(expected),
                did_you_mean_ja(variant, expected)
            ),
            BadDate { got } => format!(
                "日付は YYYY-MM-DD 形式の実在する日付で書いてください（`{got}` と書かれています）"
            ),
            YearOutOfRange { got, year } => format!(
                "`{got}` の年 {year} は1900年から2200年の範囲外です。日付は YYYY-MM-DD 形式で書いてください"
            ),
            DuplicateId { id } => format!("ID `{id}` が重複しています"),
            DuplicateProductId { id } => format!("商品 ID `{id}` が重複しています"),
            DuplicateProgramId { id } => format!("プログラム ID `{id}` が重複しています"),
            DuplicateSectionId { id } => format!("セクション ID `{id}` が重複しています"),
            Unknown { kind, id, known } => format!(
                "{} `{id}` は定義されていません（定義済み: {}）{}",
                kind.ja(),
                list_ja(known),
                did_you_mean_ja(id, known)
            ),
            UnknownSection { id, known } => format!(
                "セクション `{id}` は定義されていません（プログラムと商品の定義: {}）{}",
                list_ja(known),
                did_you_mean_ja(id, known)
            ),
            ProductIdNotFolder { id, folder } => {
                format!("商品 ID `{id}` はフォルダー名 `{folder}` と同じにしてください")
            }
            ProgramIdNotFileName { id, stem } => format!(
                "プログラム ID `{id}` はファイル名 `{stem}.yaml` と同じにしてください"
            ),
            ProductDidNotLoad { product, programs } => format!(
                "商品 `{product}` を読み込めなかったため（上記参照）、この商品を使うプログラムは確認していません: {}",
                list_ja(programs)
            ),
            NotPositive { what, value } => format!(
                "{}は0より大きい値にしてください（{value} と書かれています）",
                what.ja()
            ),
            RateOutOfRange { rate } => format!(
                "割引率は0以上1未満で書いてください（20%なら0.2。{rate} と書かれています）"
            ),
            BadgeNotGranted { discount } => format!(
                "割引 `{discount}` のバッジがありますが、このプログラムはその割引をしていません。`discounts` に割引率を書くか、バッジを削除してください"
            ),
            JoinMismatch => "`join: true` の表は、直前の表と同じく規模（`sizes`）がなく、同じプランを同じ順に並べてください".to_string(),
            TooFewInstallments { count } => {
                format!("分割回数は2回以上にしてください（{count} と書かれています）")
            }
            NoSizePoints => "規模係数を1点以上 `[規模, 係数]` の形で書いてください".to_string(),
            SizesMustIncrease { size, previous } => {
                format!("規模は増える順に書いてください（{previous} のあとに {size}）")
            }
            SizeFactorsDecrease { factor, previous } => format!(
                "規模係数は減らないように書いてください（{previous} のあとに {factor}）"
            ),
            SizeOutsideTable { size, min, max } => format!(
                "規模 {size} は料率表の規模係数の範囲（{min}〜{max}）の外にあり、引受審査扱いになるため表に載せられません"
            ),
            FlatClassHasSizeFactors { class } => format!(
                "施設区分 `{class}` は商品で規模を持たない（定額の）区分なので、規模係数は書けません"
            ),
            NoSizeFactors { class, measure } => format!(
                "施設区分 `{class}` は{measure}で料率が決まりますが、規模係数がありません"
            ),
            FlatClassHasSizes { class } => {
                format!("施設区分 `{class}` は定額の区分です。`sizes` を削除してください")
            }
            NoSizesListed { class, measure } => format!(
                "施設区分 `{class}` は{measure}で料率が決まります。表に載せる規模を `sizes` に書いてください"
            ),
            RoutineMustStartWithBase => {
                "計算手順（`routine`）は `base` から始めてください".to_string()
            }
            PlanListedTwice { plan } => {
                format!("プラン `{plan}` がこの表に2回書かれています")
            }
            NoBaseRate {
                tariff,
                class,
                plan,
            } => format!(
                "料率表 `{}` に施設区分 `{class}`・プラン `{plan}` の基本保険料がありません",
                tariff.display()
            ),
            TableRepeated {
                earlier,
                class,
                category,
            } => format!(
                "`tables[{earlier}]` がすでに施設区分 `{class}`{}の表を載せています。プランを一つの表にまとめてください",
                category
                    .as_ref()
                    .map_or(String::new(), |c| format!("・病床区分 `{c}` "))
            ),
            MonthlyNeedsInstallments { tariff } => format!(
                "月払にするには料率表 `{}` に分割払の規則（`installments`）が必要です",
                tariff.display()
            ),
            NoTariff { product } => format!(
                "商品 `{product}` に料率表がありません。`tariffs/` フォルダーに追加してください（または保険料表を載せないでください）"
            ),
            ExpiresBeforeEffective { expires, effective } => format!(
                "料率表の失効日 {expires} が発効日 {effective} より前になっています"
            ),
            SameEffectiveDate { other } => format!(
                "別の料率表 `{}` が同じ日に発効します",
                other.display()
            ),
            TariffsOverlap {
                other,
                expires,
                earliest,
            } => format!(
                "期間が重なっています。`{}` は {expires} まで有効なので、この料率表の発効日は早くても {earliest} です",
                other.display()
            ),
            TariffGap {
                other,
                expires,
                from,
                to,
            } => format!(
                "{from}から{to}まで有効な料率表がありません。`{}` は {expires} に失効します。この料率表の `effective` をその翌日にしてください",
                other.display()
            ),
            NoTariffInForce {
                product,
                start,
                spans,
            } => format!(
                "商品 `{product}` には {start} に有効な料率表がありません。料率表の有効期間: {}",
                spans_ja(spans)
            ),
            PeriodEndsBeforeStart { end, start } => format!(
                "保険期間の終わり（{end}）は始まり（{start}）より後にしてください"
            ),
            DeadlineAfterStart { deadline, start } => {
                format!("締切日 {deadline} が保険期間の始まり {start} より後になっています")
            }
            RowWidth { expected, got } => {
                format!("見出しと同じく{expected}列にしてください（{got}列あります）")
            }
            DocumentListedTwice { document } => {
                format!("文書 `{document}` が2回書かれています")
            }
            NoDocuments => {
                "文書が一つも書かれていないため、PDF が作られません。`documents` に文書を書いてください"
                    .to_string()
            }
            SectionNotPrinted { id } => format!(
                "セクション `{id}` はどの文書にも載りません。文書の `sections` に加えるか、削除してください"
            ),
            Prose { error, name, .. } => {
                let what = match error {
                    ProseError::Undefined => "定義されていない値を参照しています",
                    ProseError::Syntax => "テンプレートの構文に誤りがあります",
                    ProseError::UnknownFilter => "未知のフィルターです",
                    ProseError::NotANumber => "数値でない値に数値のフィルターを使っています",
                    ProseError::NotADate => "日付でない値に日付のフィルターを使っています",
                    ProseError::Other => "テンプレートを処理できません",
                };
                if name.is_empty() {
                    format!("本文のテンプレートの誤り: {what}")
                } else {
                    format!("本文のテンプレートの誤り: {what}（`{name}`）")
                }
            }
            LiteralCopy {
                literal,
                placeholder,
            } => format!(
                "本文に `{literal}` がそのまま書かれています。データの変更に追従するよう{}",
                match placeholder {
                    Placeholder::Expression(e) => format!(" `{e}` と書いてください"),
                    Placeholder::PremiumTables => {
                        "、保険料は `premium_tables` のブロックで載せてください".to_string()
                    }
                }
            ),
            Pricing {
                class,
                plan,
                reason,
            } => format!(
                "施設区分 `{class}`・プラン `{plan}` の保険料を計算できません（`{reason}`）"
            ),
            UnknownColumn { column, expected } => format!(
                "列 `{column}` は使えません（使える列: {}）{}",
                list_ja(expected),
                did_you_mean_ja(column, expected)
            ),
            ColumnTwice { column } => format!("見出しに列 `{column}` が2回あります"),
            MissingColumn { column } => format!(
                "見出しに列 `{column}` がありません。期待保険料の表には `program`、`class`、`plan`、`premium_yen` の列が必要です"
            ),
            EmptyCell { column } => {
                format!("列 `{column}` が空です。どの行にも書いてください")
            }
            NotANumber { what, got } => {
                format!("{}は数で書いてください（`{got}` と書かれています）", what.ja())
            }
            ProgramOfOtherProduct {
                program,
                product,
                folder,
            } => format!(
                "プログラム `{program}` の商品は `{product}` で、`{folder}` ではありません。この行は `content/products/{product}/expected/` に書いてください"
            ),
            PaymentDiffers { program, pays, got } => format!(
                "プログラム `{program}` の払込方法は `{pays}` です（`{got}` と書かれています）"
            ),
            SizeNeeded { class, measure } => format!(
                "施設区分 `{class}` は{measure}で料率が決まります。列 `size` に規模を書いてください"
            ),
            SizeNotApplicable { class } => format!(
                "施設区分 `{class}` は定額の区分です。列 `size` は空にしてください"
            ),
            PremiumDiffers {
                case,
                figure,
                expected,
                got,
                worksheet,
            } => format!(
                "{}: {}は{}円のはずですが、計算では{}。計算の内訳:\n{}",
                case.ja(),
                figure.ja(),
                thousands(Decimal::from(*expected)),
                got.map_or("保険料が出ません（引受審査。内訳のとおり）".to_string(), |g| {
                    format!("{}円です", thousands(Decimal::from(g)))
                }),
                indented(&worksheet[1])
            ),
            NoFontCovers { character } => format!(
                "「{character}」（`U+{:04X}`）の字形を持つフォントが fonts/ にありません。対応するフォントを加えるか、文字を変えてください",
                *character as u32
            ),
            LiteralDate {
                literal,
                placeholder: DatePlaceholder::Known(placeholder),
            } => format!(
                "本文に日付 `{literal}` がそのまま書かれています。データの日付に追従するよう `{placeholder}` と書いてください"
            ),
            LiteralDate {
                literal,
                placeholder: DatePlaceholder::New { date, filter },
            } => format!(
                "本文に日付 `{literal}` がそのまま書かれており、年度を更新しても古いまま残ります。`dates:` に名前を付けて加え（例: `dates: {{ <name>: {date} }}`）、`{{{{ dates.<name> | {filter} }}}}` と書いてください。この制度の日付でなければ `{{% raw %}}…{{% endraw %}}` で囲んでください"
            ),
            Asset { file, issue } => format!("素材 `{file}`: {}", issue.ja()),
            BadUrl { url } => format!(
                "`http://` か `https://` で始まる空白のない `URL` を書いてください（`{url}` とあります）"
            ),
            BadColour { got } => {
                format!("色は `#rrggbb` の形で書いてください（例 `#1f3a68`。`{got}` とあります）")
            }
            ImageWidth { got } => {
                format!("幅は段の幅に対する百分率で 1 から 100 までにしてください（{got} とあります）")
            }
            EmptyBlock { block } => {
                format!("`{block}` に項目が一つもありません。一つ以上書いてください")
            }
        }
    }
}

impl Localized for Problem {
    fn localized(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.en(),
            Lang::Ja => self.ja(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// The number of a variant. The match has no wildcard, so a new kind
    /// fails to compile here until it is added to [`one_of_each`] as well.
    fn variant(p: &Problem) -> usize {
        use Problem::*;
        match p {
            CannotReadFile { .. } => 0,
            CannotReadFolder { .. } => 1,
            FileTooLarge { .. } => 2,
            NotUtf8 => 3,
            Syntax { .. } => 4,
            Parser { .. } => 5,
            UnknownField { .. } => 6,
            MissingField { .. } => 7,
            UnknownVariant { .. } => 8,
            BadDate { .. } => 9,
            YearOutOfRange { .. } => 10,
            DuplicateId { .. } => 11,
            DuplicateProductId { .. } => 12,
            DuplicateProgramId { .. } => 13,
            DuplicateSectionId { .. } => 14,
            Unknown { .. } => 15,
            UnknownSection { .. } => 16,
            ProductIdNotFolder { .. } => 17,
            ProgramIdNotFileName { .. } => 18,
            ProductDidNotLoad { .. } => 19,
            NotPositive { .. } => 20,
            RateOutOfRange { .. } => 21,
            TooFewInstallments { .. } => 22,
            NoSizePoints => 23,
            SizesMustIncrease { .. } => 24,
            SizeFactorsDecrease { .. } => 25,
            SizeOutsideTable { .. } => 26,
            FlatClassHasSizeFactors { .. } => 27,
            NoSizeFactors { .. } => 28,
            FlatClassHasSizes { .. } => 29,
            NoSizesListed { .. } => 30,
            RoutineMustStartWithBase => 31,
            PlanListedTwice { .. } => 32,
            NoBaseRate { .. } => 33,
            TableRepeated { .. } => 34,
            MonthlyNeedsInstallments { .. } => 35,
            NoTariff { .. } => 36,
            ExpiresBeforeEffective { .. } => 37,
            SameEffectiveDate { .. } => 38,
            TariffsOverlap { .. } => 39,
            TariffGap { .. } => 40,
            NoTariffInForce { .. } => 41,
            PeriodEndsBeforeStart { .. } => 42,
            DeadlineAfterStart { .. } => 43,
            RowWidth { .. } => 44,
            DocumentListedTwice { .. } => 45,
            NoDocuments => 46,
            SectionNotPrinted { .. } => 47,
            Prose { .. } => 48,
            LiteralCopy { .. } => 49,
            Pricing { .. } => 50,
            NoFontCovers { .. } => 51,
            LiteralDate { .. } => 52,
            UnknownColumn { .. } => 53,
            ColumnTwice { .. } => 54,
            MissingColumn { .. } => 55,
            EmptyCell { .. } => 56,
            NotANumber { .. } => 57,
            ProgramOfOtherProduct { .. } => 58,
            PaymentDiffers { .. } => 59,
            SizeNeeded { .. } => 60,
            SizeNotApplicable { .. } => 61,
            PremiumDiffers { .. } => 62,
            BadgeNotGranted { .. } => 63,
            JoinMismatch => 64,
            Asset { .. } => 65,
            BadUrl { .. } => 66,
            BadColour { .. } => 67,
            ImageWidth { .. } => 68,
            EmptyBlock { .. } => 69,
        }
    }
    const VARIANTS: usize = 70;

    fn one_of_each() -> Vec<Problem> {
        use Problem::*;
        let tariff = PathBuf::from("content/products/cyber/tariffs/2025-04-01.yaml");
        let d = Decimal::new;
        vec![
            CannotReadFile {
                error: "Permission denied (os error 13)".into(),
            },
            CannotReadFolder {
                error: "Permission denied (os error 13)".into(),
            },
            FileTooLarge {
                bytes: 2_000_000,
                max: 1_048_576,
            },
            NotUtf8,
            Syntax {
                slip: Some(Slip::MissingColon),
                parser: "simple key expected ':'".into(),
            },
            Syntax {
                slip: Some(Slip::Tab),
                parser: "found a tab character".into(),
            },
            Syntax {
                slip: Some(Slip::Indentation),
                parser: "did not find expected '-' indicator".into(),
            },
            Syntax {
                slip: Some(Slip::UnclosedQuote),
                parser: "unclosed quote".into(),
            },
            Syntax {
                slip: Some(Slip::UnclosedBracket),
                parser: "unclosed delimiter".into(),
            },
            Syntax {
                slip: None,
                parser: "unexpected character".into(),
            },
            Parser {
                parser: "invalid type: string \"forty\", expected a Decimal".into(),
            },
            UnknownField {
                field: "colour".into(),
                expected: ids(&["kind", "sections"]),
            },
            MissingField {
                field: "title".into(),
            },
            UnknownVariant {
                variant: "yearly".into(),
                expected: ids(&["lump_sum", "monthly"]),
            },
            BadDate {
                got: "2026-6-5".into(),
            },
            YearOutOfRange {
                got: "-12345-04-01".into(),
                year: -12345,
            },
            DuplicateId { id: "H1".into() },
            DuplicateProductId { id: "cyber".into() },
            DuplicateProgramId {
                id: "kagoshima-2025".into(),
            },
            DuplicateSectionId { id: "intro".into() },
            Unknown {
                kind: IdKind::Plan,
                id: "H8".into(),
                known: ids(&["H1", "H7"]),
            },
            Unknown {
                kind: IdKind::Class,
                id: "pharmacy".into(),
                known: ids(&["clinic", "hospital"]),
            },
            Unknown {
                kind: IdKind::Category,
                id: "genral".into(),
                known: ids(&["general", "long_term"]),
            },
            Unknown {
                kind: IdKind::Coverage,
                id: "liabilty".into(),
                known: ids(&["liability"]),
            },
            Unknown {
                kind: IdKind::Discount,
                id: "safety".into(),
                known: Vec::new(),
            },
            Unknown {
                kind: IdKind::Product,
                id: "cyber-plus".into(),
                known: ids(&["cyber", "personal-info"]),
            },
            Unknown {
                kind: IdKind::Program,
                id: "miyazaki-2204".into(),
                known: ids(&["kagoshima-2025", "miyazaki-2024"]),
            },
            UnknownSection {
                id: "casebook".into(),
                known: ids(&["intro", "cases"]),
            },
            ProductIdNotFolder {
                id: "personal-information".into(),
                folder: "personal-info".into(),
            },
            ProgramIdNotFileName {
                id: "okinawa".into(),
                stem: "okinawa-2025".into(),
            },
            ProductDidNotLoad {
                product: "cyber".into(),
                programs: ids(&["kagoshima-2025", "standard"]),
            },
            NotPositive {
                what: Quantity::Amount,
                value: d(-1, 0),
            },
            NotPositive {
                what: Quantity::AmountInYen,
                value: d(0, 0),
            },
            NotPositive {
                what: Quantity::Size,
                value: d(0, 0),
            },
            NotPositive {
                what: Quantity::SizeFactor,
                value: d(0, 0),
            },
            NotPositive {
                what: Quantity::CategoryFactor,
                value: d(0, 0),
            },
            NotPositive {
                what: Quantity::RoundingUnit,
                value: d(0, 0),
            },
            NotPositive {
                what: Quantity::InstallmentFactor,
                value: d(-105, 2),
            },
            RateOutOfRange { rate: d(15, 1) },
            BadgeNotGranted {
                discount: "disclosure".into(),
            },
            JoinMismatch,
            TooFewInstallments { count: 1 },
            NoSizePoints,
            SizesMustIncrease {
                size: d(50, 0),
                previous: d(100, 0),
            },
            SizeFactorsDecrease {
                factor: d(9, 1),
                previous: d(1, 0),
            },
            SizeOutsideTable {
                size: d(300, 0),
                min: d(30, 0),
                max: d(100, 0),
            },
            FlatClassHasSizeFactors {
                class: "clinic".into(),
            },
            NoSizeFactors {
                class: "hospital".into(),
                measure: "病床数".into(),
            },
            FlatClassHasSizes {
                class: "clinic".into(),
            },
            NoSizesListed {
                class: "hospital".into(),
                measure: "病床数".into(),
            },
            RoutineMustStartWithBase,
            PlanListedTwice { plan: "H2".into() },
            NoBaseRate {
                tariff: tariff.clone(),
                class: "clinic".into(),
                plan: "H7".into(),
            },
            TableRepeated {
                earlier: 0,
                class: "hospital".into(),
                category: Some("general".into()),
            },
            MonthlyNeedsInstallments {
                tariff: tariff.clone(),
            },
            NoTariff {
                product: "personal-info".into(),
            },
            ExpiresBeforeEffective {
                expires: date("2025-03-31"),
                effective: date("2025-04-01"),
            },
            SameEffectiveDate {
                other: tariff.clone(),
            },
            TariffsOverlap {
                other: tariff.clone(),
                expires: date("2026-03-31"),
                earliest: date("2026-04-01"),
            },
            TariffGap {
                other: tariff,
                expires: date("2026-03-31"),
                from: date("2026-04-01"),
                to: date("2026-04-30"),
            },
            NoTariffInForce {
                product: "cyber".into(),
                start: date("2023-04-01"),
                spans: vec![
                    (date("2024-04-01"), Some(date("2025-03-31"))),
                    (date("2025-04-01"), None),
                ],
            },
            NoTariffInForce {
                product: "cyber".into(),
                start: date("2023-04-01"),
                spans: Vec::new(),
            },
            PeriodEndsBeforeStart {
                end: date("2025-04-01"),
                start: date("2025-04-01"),
            },
            DeadlineAfterStart {
                deadline: date("2025-05-01"),
                start: date("2025-04-01"),
            },
            RowWidth {
                expected: 2,
                got: 1,
            },
            DocumentListedTwice {
                document: "rate-sheet".into(),
            },
            NoDocuments,
            SectionNotPrinted { id: "intro".into() },
            Prose {
                error: ProseError::Undefined,
                name: "product.nmae".into(),
                detail: "undefined value: `product.nmae` is undefined".into(),
            },
            Prose {
                error: ProseError::Syntax,
                name: String::new(),
                detail: "syntax error: unexpected end of input".into(),
            },
            Prose {
                error: ProseError::UnknownFilter,
                name: "fancy".into(),
                detail: "unknown filter: filter fancy is unknown".into(),
            },
            Prose {
                error: ProseError::NotANumber,
                name: "abc".into(),
                detail: "invalid operation: expected a number, got `abc`".into(),
            },
            Prose {
                error: ProseError::NotADate,
                name: "協会".into(),
                detail: "invalid operation: expected a date YYYY-MM-DD, got `協会`".into(),
            },
            Prose {
                error: ProseError::Other,
                name: String::new(),
                detail: "bad serialization".into(),
            },
            LiteralCopy {
                literal: "15%".into(),
                placeholder: Placeholder::Expression("{{ discounts.group | pct }}".into()),
            },
            LiteralCopy {
                literal: "3,610円".into(),
                placeholder: Placeholder::PremiumTables,
            },
            Pricing {
                class: "hospital".into(),
                plan: "H1".into(),
                reason: "size 300 is outside the size table".into(),
            },
            NoFontCovers { character: '🦀' },
            Asset {
                file: "logo.png".into(),
                issue: AssetIssue::Missing,
            },
            Asset {
                file: "../secret.png".into(),
                issue: AssetIssue::Outside,
            },
            Asset {
                file: "folder".into(),
                issue: AssetIssue::NotAFile,
            },
            Asset {
                file: "notes.txt".into(),
                issue: AssetIssue::UnknownFormat,
            },
            Asset {
                file: "broken.png".into(),
                issue: AssetIssue::Undecodable {
                    error: "failed to decode image".into(),
                },
            },
            Asset {
                file: "chart.svg".into(),
                issue: AssetIssue::ExternalReference {
                    href: "https://example.com/x.png".into(),
                },
            },
            BadUrl {
                url: "tokio cyber port".into(),
            },
            BadColour { got: "navy".into() },
            ImageWidth { got: 150 },
            EmptyBlock { block: "steps" },
            LiteralDate {
                literal: "令和7年7月".into(),
                placeholder: DatePlaceholder::Known("{{ dates.debit | wareki_month }}".into()),
            },
            LiteralDate {
                literal: "2026年7月1日".into(),
                placeholder: DatePlaceholder::New {
                    date: date("2026-07-01"),
                    filter: "seireki",
                },
            },
            UnknownColumn {
                column: "premium".into(),
                expected: ids(&["program", "class", "plan", "premium_yen"]),
            },
            ColumnTwice {
                column: "plan".into(),
            },
            MissingColumn {
                column: "premium_yen".into(),
            },
            EmptyCell {
                column: "class".into(),
            },
            NotANumber {
                what: Quantity::Size,
                got: "五十".into(),
            },
            NotANumber {
                what: Quantity::AmountInYen,
                got: "4万".into(),
            },
            ProgramOfOtherProduct {
                program: "miyazaki-2025".into(),
                product: "cyber".into(),
                folder: "personal-info".into(),
            },
            PaymentDiffers {
                program: "kagoshima-2025".into(),
                pays: "monthly".into(),
                got: "lump_sum".into(),
            },
            SizeNeeded {
                class: "hospital".into(),
                measure: "病床数".into(),
            },
            SizeNotApplicable {
                class: "clinic".into(),
            },
            // The worksheet as `explain` writes it, without its heading.
            PremiumDiffers {
                case: Box::new(ExpectedCase {
                    program: "standard".into(),
                    class: "hospital".into(),
                    category: None,
                    size: Some(d(50, 0)),
                    plan: "プラン1".into(),
                }),
                figure: Figure::Premium,
                expected: 178_600,
                got: Some(178_620),
                worksheet: Box::new([
                    " 1. base rate    178,620 = 178,620\npremium: 178,620円 (annual, lump sum)\n"
                        .into(),
                    " 1. 基本保険料    178,620 = 178,620\n保険料: 178,620円（年額・一括払）\n"
                        .into(),
                ]),
            },
            PremiumDiffers {
                case: Box::new(ExpectedCase {
                    program: "personal-info".into(),
                    class: "hospital".into(),
                    category: Some("general".into()),
                    size: Some(d(300, 0)),
                    plan: "P1".into(),
                }),
                figure: Figure::FirstInstallment,
                expected: 90_000,
                got: None,
                worksheet: Box::new([
                    "refer to underwriter: size 300 is outside the tariff's table (50 to 200)\n"
                        .into(),
                    "引受審査が必要です: 規模 300 は料率表の範囲（50〜200）の外です\n".into(),
                ]),
            },
        ]
    }

    /// The Japanese text with backquoted ids and values removed, and the
    /// few technical names Japanese text writes in Latin letters.
    fn japanese_prose(text: &str) -> String {
        let unquoted: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        ["YAML", "UTF-8", "YYYY-MM-DD", "PDF", "ID", "fonts/"]
            .iter()
            .fold(unquoted, |t, allowed| t.replace(allowed, " "))
    }

    #[test]
    fn every_kind_has_an_english_and_a_japanese_text() {
        let all = one_of_each();
        let covered: BTreeSet<usize> = all.iter().map(variant).collect();
        assert_eq!(covered, (0..VARIANTS).collect(), "add every kind here");
        for problem in &all {
            let (en, ja) = (problem.localized(Lang::En), problem.localized(Lang::Ja));
            assert!(!en.trim().is_empty(), "{problem:?} has no English");
            assert_ne!(en, ja, "{problem:?}: the Japanese is the English");
            let prose = japanese_prose(&ja);
            let english_word = prose
                .split(|c: char| !c.is_ascii_alphabetic())
                .find(|word| word.len() >= 2);
            assert!(
                english_word.is_none(),
                "{problem:?}: English `{}` outside backquotes in 「{ja}」",
                english_word.unwrap_or_default()
            );
            assert!(
                !ja.contains("at line") && !en.contains("at line"),
                "{problem:?}: a position tail"
            );
        }
    }

    #[test]
    fn an_unknown_id_suggests_the_closest_known_one() {
        let plans = ["H1", "H2", "H3", "H4", "H5", "H6", "H7"];
        assert_eq!(closest("H8", plans), Some("H7"));
        assert_eq!(
            closest("liabilty", ["liability", "incident_costs"]),
            Some("liability")
        );
        assert_eq!(closest("pharmacy", ["clinic", "hospital"]), None);
        let p = Problem::Unknown {
            kind: IdKind::Plan,
            id: "H8".into(),
            known: ids(&plans),
        };
        assert!(p.en().ends_with("did you mean `H7`?"), "{}", p.en());
        assert!(p.ja().contains("`H7` の誤りではありませんか"), "{}", p.ja());
    }
}
