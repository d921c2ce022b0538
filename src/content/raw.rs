//! serde mirrors of the content files, exactly as written in YAML.
//!
//! Unknown keys are rejected everywhere. Cross-references (plan ids, class
//! ids, discount names) stay strings here; `validate` resolves them and
//! reports every problem with its field path.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

pub(crate) use super::raw_text::{Contact, Document, Faq, Section};

fn iso_date_opt<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    iso_date(d).map(Some)
}

/// Reads a map of named dates, each value with [`iso_date`].
fn iso_date_map<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, NaiveDate>, D::Error> {
    #[derive(Deserialize)]
    struct Date(#[serde(deserialize_with = "iso_date")] NaiveDate);
    let map = BTreeMap::<String, Date>::deserialize(d)?;
    Ok(map.into_iter().map(|(id, Date(date))| (id, date)).collect())
}

/// Marks a date error passed through serde's text-only custom errors, so
/// that the parse turns it back into its typed kind ([`date_problem`]).
const BAD_DATE: &str = "tariffpress-bad-date:";
const BAD_YEAR: &str = "tariffpress-bad-year:";

/// The years a content date may fall in: chrono reads `-12345-04-01` or
/// `20250-04-01` as dates, which are always slips.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Reads a date written exactly `YYYY-MM-DD` (chrono alone also takes
/// `2026-6-5`) in a plausible year, saying what was wrong with a bad one.
fn iso_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let text = String::deserialize(d)?;
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
        Ok(date) if !YEARS.contains(&chrono::Datelike::year(&date)) => {
            Err(serde::de::Error::custom(format!("{BAD_YEAR}{text}")))
        }
        Ok(date) if shaped => Ok(date),
        _ => Err(serde::de::Error::custom(format!("{BAD_DATE}{text}"))),
    }
}

/// The typed problem of a custom error [`iso_date`] raised, if `message`
/// is one.
pub(super) fn date_problem(message: &str) -> Option<super::Problem> {
    if let Some(got) = message.strip_prefix(BAD_DATE) {
        return Some(super::Problem::BadDate {
            got: got.to_string(),
        });
    }
    let got = message.strip_prefix(BAD_YEAR)?;
    let date = NaiveDate::parse_from_str(got, "%Y-%m-%d").ok()?;
    Some(super::Problem::YearOutOfRange {
        got: got.to_string(),
        year: chrono::Datelike::year(&date),
    })
}

/// The JSON Schema of a date the loader reads with [`iso_date`]: a string
/// written `YYYY-MM-DD`.
pub(crate) struct IsoDate;

impl JsonSchema for IsoDate {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "IsoDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "date" })
    }
}

/// The JSON Schema of a [`Decimal`] as `rust_decimal` deserializes it: a
/// number, or a string holding one (`"0.15"`, `"1_000"`, `"1e3"`).
pub(crate) struct Amount;

impl JsonSchema for Amount {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Amount".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["number", "string"],
            "pattern": r"^[+-]?([0-9][0-9_]*(\.[0-9_]*)?|\.[0-9][0-9_]*)([eE][+-]?[0-9]+)?$"
        })
    }
}

/// `content/products/<id>/product.yaml`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Product {
    /// Product id; must equal the folder name under `content/products/`.
    pub id: String,
    /// The product name as printed.
    pub name: String,
    /// The coverages whose limits each plan states (損害賠償, 事故対応特別費用…).
    pub coverages: Vec<Coverage>,
    /// The facility classes the product rates (clinic, hospital…).
    pub classes: Vec<Class>,
    /// Optional bed categories (一般病床, 療養病床).
    #[serde(default)]
    pub categories: Vec<Category>,
    /// The plans: limits per coverage, optionally per class, and deductibles.
    pub plans: Vec<Plan>,
    /// The headings of the premium tables' fixed columns, as the product's
    /// brochures print them.
    #[serde(default)]
    pub labels: TableLabels,
    /// Text shared by every program that sells the product.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// FAQ entries printed before the program's own.
    #[serde(default)]
    pub faq: Vec<Faq>,
}

/// A coverage whose limit a plan states.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Coverage {
    /// Coverage id, used as a key of a plan's `limits`.
    pub id: String,
    /// The coverage name as printed (損害賠償…).
    pub name: String,
    /// The premium tables' column heading for its limit; default: the
    /// name numbered ①②.
    pub heading: Option<String>,
    /// The heading of its own deductible column (賠償, BP費用): given for
    /// every coverage, the tables print one deductible column per
    /// coverage instead of one joined column.
    pub deductible_heading: Option<String>,
    /// Printed before each limit, e.g. 1事故 (1事故 100万円).
    pub limit_prefix: Option<String>,
}

/// The headings of a premium table's fixed columns.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TableLabels {
    /// The plan column, e.g. タイプ or 型; default タイプ.
    pub plan: Option<String>,
    /// Over the limit columns; default 保険金額.
    pub limits: Option<String>,
    /// The deductible column(s); default 自己負担額. An empty text leaves
    /// the column out (when a table's caption says 自己負担額なし).
    pub deductibles: Option<String>,
}

/// A facility class.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Class {
    /// Class id, e.g. clinic or hospital.
    pub id: String,
    /// The class name as printed (診療所, 病院…).
    pub name: String,
    /// Present for classes rated by size (beds, capacity).
    pub size: Option<SizeMeasure>,
}

/// What a size-rated class counts.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SizeMeasure {
    /// What is counted, e.g. 病床数.
    pub name: String,
    /// The unit printed after a size, e.g. 床 or 人.
    pub unit: String,
}

/// A bed category.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Category {
    /// Category id, e.g. general or long_term.
    pub id: String,
    /// The category name as printed (一般病床…).
    pub name: String,
}

/// A plan: its limits and deductibles in yen.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Plan {
    /// Plan id as printed, e.g. H1, プラン1 or P1.
    pub id: String,
    /// The plan's name in premium tables where it differs from the id,
    /// e.g. P1型.
    pub label: Option<String>,
    /// Limit in yen per coverage id.
    #[schemars(with = "BTreeMap<String, Amount>")]
    pub limits: BTreeMap<String, Decimal>,
    /// Limits that differ for a class, per class id then coverage id.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, BTreeMap<String, Amount>>")]
    pub class_limits: BTreeMap<String, BTreeMap<String, Decimal>>,
    /// Deductible in yen per coverage id; absent means none.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Amount>")]
    pub deductibles: BTreeMap<String, Decimal>,
}

/// `content/products/<id>/tariffs/<effective-date>.yaml`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Tariff {
    /// The date the tariff takes effect (YYYY-MM-DD).
    #[serde(deserialize_with = "iso_date")]
    #[schemars(with = "IsoDate")]
    pub effective: NaiveDate,
    /// The last day the tariff is in force; absent means until the next
    /// tariff takes effect.
    #[serde(default, deserialize_with = "iso_date_opt")]
    #[schemars(with = "IsoDate")]
    pub expires: Option<NaiveDate>,
    /// A free-form version label printed in provenance (e.g. "2024年4月改定").
    pub version: Option<String>,
    /// The discounts the routine can apply; each program gives the rates.
    #[serde(default)]
    pub discounts: Vec<Discount>,
    /// Points `[size, factor]` per size-rated class.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<(Amount, Amount)>>")]
    pub size_factors: BTreeMap<String, Vec<(Decimal, Decimal)>>,
    /// Base rate per class, then per plan.
    #[schemars(with = "BTreeMap<String, BTreeMap<String, Amount>>")]
    pub base_rates: BTreeMap<String, BTreeMap<String, Decimal>>,
    /// Factor per category, then per plan.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, BTreeMap<String, Amount>>")]
    pub category_factors: BTreeMap<String, BTreeMap<String, Decimal>>,
    /// Minimum premium per class, then per plan.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, BTreeMap<String, Amount>>")]
    pub minimum_premiums: BTreeMap<String, BTreeMap<String, Decimal>>,
    /// The ordered steps computing an annual premium; must start with `base`.
    pub routine: Vec<Step>,
    /// How a monthly program splits the annual premium.
    pub installments: Option<Installments>,
}

/// A discount the tariff's routine can apply.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Discount {
    /// Discount id, used by `discount:` steps and programs' `discounts`.
    pub id: String,
    /// The discount name as printed (団体割引…).
    pub name: String,
    /// Classes the discount applies to; all when absent.
    pub classes: Option<Vec<String>>,
}

/// One step of the rating routine.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Step {
    /// Start from the base rate of the class and plan.
    Base,
    /// Multiply by the size factor, interpolated between the points.
    SizeFactor,
    /// Multiply by the factor of the table's bed category.
    CategoryFactor,
    /// Apply the program's rate of the discount with this id.
    Discount(String),
    /// Round to a unit.
    Round(Rounding),
    /// Raise to the minimum premium of the class and plan.
    Minimum,
}

/// Rounding to a unit of yen.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Rounding {
    /// The unit to round to, in yen (e.g. 10).
    #[schemars(with = "Amount")]
    pub unit: Decimal,
    /// How to round: half_up, down or up.
    pub mode: RoundingMode,
}

/// How to round.
#[derive(Clone, Copy, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum RoundingMode {
    /// To the nearest unit, halves up.
    HalfUp,
    /// Toward zero.
    Down,
    /// Away from zero.
    Up,
}

/// Monthly installments: the total is annual × factor rounded; each
/// installment is total / count rounded; the first takes the remainder.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Installments {
    /// The number of installments a year, e.g. 12.
    pub count: u32,
    /// The annual premium is multiplied by this factor for monthly payment.
    #[schemars(with = "Amount")]
    pub factor: Decimal,
    /// How the total and each installment are rounded.
    pub rounding: Rounding,
}

/// `content/programs/<id>.yaml`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Program {
    /// Program id; must equal the file name without `.yaml`.
    pub id: String,
    /// The id of the program this one continues (last year's): `roll`
    /// writes it, and `diff` compares a new program with it.
    pub previous: Option<String>,
    /// The id of the product the program sells.
    pub product: String,
    /// The association whose members the program serves.
    pub association: String,
    /// The policyholder (保険契約者) as printed in あらまし.
    pub policyholder: String,
    /// The policy period.
    pub period: Period,
    /// Application and payment deadlines; each on or before the period start.
    #[serde(default)]
    pub deadlines: Vec<Deadline>,
    /// Named dates prose prints, e.g. `debit: 2025-07-01` for the month
    /// premiums are first debited; `roll` moves them with the period.
    #[serde(default, deserialize_with = "iso_date_map")]
    #[schemars(with = "BTreeMap<String, IsoDate>")]
    pub dates: BTreeMap<String, NaiveDate>,
    /// Discount rates in force, by the tariff's discount id.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Amount>")]
    pub discounts: BTreeMap<String, Decimal>,
    /// How premiums are paid: lump_sum or monthly.
    pub payment: Payment,
    /// The premium tables the program prints.
    #[serde(default)]
    pub tables: Vec<Table>,
    /// The brochure title, e.g. 医療機関用団体サイバー保険のご案内.
    pub title: String,
    /// Whom the cover addresses, e.g. …の会員医療機関の皆さまへ.
    pub audience: Option<String>,
    /// The date printed as the document's creation date; also the PDF
    /// timestamp unless SOURCE_DATE_EPOCH is set.
    #[serde(default, deserialize_with = "iso_date_opt")]
    #[schemars(with = "IsoDate")]
    pub issued: Option<NaiveDate>,
    /// The insurer's document code, e.g. SJ24-13707.
    pub document_code: Option<String>,
    /// The round badges of the title band, in print order: each names a
    /// discount the program grants; none when absent (a badge is printed
    /// only where the program declares it).
    #[serde(default)]
    pub badges: Vec<BadgeSpec>,
    /// Whom to call, in print order.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// The program's own sections; they take precedence over the product's.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// FAQ entries printed after the product's.
    #[serde(default)]
    pub faq: Vec<Faq>,
    /// The documents to build and the sections each prints.
    #[serde(default)]
    pub documents: Vec<Document>,
    /// Forms members fill in and return (printed by `form:` blocks and by
    /// `quote --members --kind request`).
    #[serde(default)]
    pub forms: Vec<super::raw_text::Form>,
    /// The association's colours and logo; the default look when absent.
    pub theme: Option<Theme>,
}

/// The association's look: colours and an optional logo.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Theme {
    /// The main colour (headings, rules, table heads), `#rrggbb`.
    pub primary: Option<String>,
    /// The highlight colour (badges, deadlines), `#rrggbb`.
    pub accent: Option<String>,
    /// A logo under `content/assets/` (PNG, JPEG or SVG), printed on the
    /// first page.
    pub logo: Option<String>,
}

/// The policy period.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Period {
    /// The first day of cover (YYYY-MM-DD).
    #[serde(deserialize_with = "iso_date")]
    #[schemars(with = "IsoDate")]
    pub start: NaiveDate,
    /// The last day of cover (YYYY-MM-DD).
    #[serde(deserialize_with = "iso_date")]
    #[schemars(with = "IsoDate")]
    pub end: NaiveDate,
    /// The hour cover starts and ends, as printed (午後4時).
    pub time: String,
    /// The calendar the schedule prints the period and deadlines in:
    /// `wareki` (令和7年8月1日, the default) or `seireki` (2025年8月1日).
    #[serde(default)]
    pub era: Era,
    /// How the schedule words the period: `until` (…から…まで, the
    /// default), `until_one_year` (…から…まで1年間) or `one_year`
    /// (…（午後4時）から1年間).
    #[serde(default)]
    pub wording: PeriodWording,
}

/// The calendar dates are printed in.
#[derive(Clone, Copy, Debug, Default, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Era {
    /// 和暦: 令和7年8月1日.
    #[default]
    Wareki,
    /// 西暦: 2025年8月1日.
    Seireki,
}

/// How the schedule words the policy period.
#[derive(Clone, Copy, Debug, Default, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PeriodWording {
    /// 令和7年8月1日午後4時から令和8年8月1日午後4時まで.
    #[default]
    Until,
    /// 令和7年8月1日午後4時から令和8年8月1日午後4時まで1年間.
    UntilOneYear,
    /// 2024年10月1日（午後4時）から1年間.
    OneYear,
}

/// A round badge of the title band: a discount the program grants.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct BadgeSpec {
    /// The tariff's discount id; the badge prints its name and the
    /// program's rate (団体割引 20%).
    pub discount: String,
    /// A word printed under the rate, e.g. 適用; none when absent.
    pub suffix: Option<String>,
}

/// A deadline printed in the schedule.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Deadline {
    /// Deadline id, e.g. application; prose reads it as `deadlines.<id>`.
    pub id: String,
    /// The deadline's name as printed (加入申込締切日…).
    pub name: String,
    /// The date (YYYY-MM-DD).
    #[serde(deserialize_with = "iso_date")]
    #[schemars(with = "IsoDate")]
    pub date: NaiveDate,
}

/// How premiums are paid.
#[derive(Clone, Copy, Debug, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Payment {
    /// One annual payment.
    LumpSum,
    /// Monthly installments (needs the tariff's `installments`).
    Monthly,
}

/// A premium table the program prints.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Table {
    /// The facility class id.
    pub class: String,
    /// The bed category id, for products with categories.
    pub category: Option<String>,
    /// The sizes (beds, capacity) printed as rows; required for size-rated
    /// classes and within the tariff's size table.
    #[serde(default)]
    #[schemars(with = "Vec<Amount>")]
    pub sizes: Vec<Decimal>,
    /// The plan ids printed as columns.
    pub plans: Vec<String>,
    /// The table's heading (prose); default 〈class〉の保険料.
    pub title: Option<String>,
    /// The caption in ＜＞ under the heading (prose); default the
    /// conditions (保険期間1年、団体割引20%、…の場合); empty for none.
    pub caption: Option<String>,
    /// The heading over the premium columns (prose); default 年間保険料
    /// (or 月額保険料), after 病床数別・ for a sized table.
    pub premium_header: Option<String>,
    /// The heading of this table's premium column: for a sized table a
    /// pattern where `{size}` stands for the size (一般病床数{size}の場合),
    /// default `{size}`; for a flat table joined to the previous one, its
    /// column heading, default the class name.
    pub column: Option<String>,
    /// Print this flat table's premiums as another column of the previous
    /// table (seed 003: 一般診療所 and 歯科診療所 side by side); both
    /// must be flat and list the same plans.
    #[serde(default)]
    pub join: bool,
}
