//! serde mirrors of the content files, exactly as written in YAML.
//!
//! Unknown keys are rejected everywhere. Cross-references (plan ids, class
//! ids, discount names) stay strings here; `validate` resolves them and
//! reports every problem with its field path.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;

pub use super::raw_text::{Contact, Document, Faq, Section};

fn iso_date_opt<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    iso_date(d).map(Some)
}

/// Reads a date written `YYYY-MM-DD`, saying what was wrong with a bad one.
fn iso_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let text = String::deserialize(d)?;
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| {
        serde::de::Error::custom(format!(
            "expected an existing date written YYYY-MM-DD, got `{text}`"
        ))
    })
}

/// `content/products/<id>/product.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub id: String,
    pub name: String,
    /// The coverages whose limits each plan states (損害賠償, 事故対応特別費用…).
    pub coverages: Vec<Coverage>,
    pub classes: Vec<Class>,
    #[serde(default)]
    pub categories: Vec<Category>,
    pub plans: Vec<Plan>,
    /// Text shared by every program that sells the product.
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub faq: Vec<Faq>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Class {
    pub id: String,
    pub name: String,
    /// Present for classes rated by size (beds, capacity).
    pub size: Option<SizeMeasure>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeMeasure {
    /// What is counted, e.g. 病床数.
    pub name: String,
    /// The unit printed after a size, e.g. 床 or 人.
    pub unit: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub id: String,
    /// Limit in yen per coverage id.
    pub limits: BTreeMap<String, Decimal>,
    /// Limits that differ for a class, per class id then coverage id.
    #[serde(default)]
    pub class_limits: BTreeMap<String, BTreeMap<String, Decimal>>,
    /// Deductible in yen per coverage id; absent means none.
    #[serde(default)]
    pub deductibles: BTreeMap<String, Decimal>,
}

/// `content/products/<id>/tariffs/<effective-date>.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tariff {
    #[serde(deserialize_with = "iso_date")]
    pub effective: NaiveDate,
    /// The last day the tariff is in force; absent means until the next
    /// tariff takes effect.
    #[serde(default, deserialize_with = "iso_date_opt")]
    pub expires: Option<NaiveDate>,
    /// A free-form version label printed in provenance (e.g. "2024年4月改定").
    pub version: Option<String>,
    #[serde(default)]
    pub discounts: Vec<Discount>,
    /// Points `[size, factor]` per size-rated class.
    #[serde(default)]
    pub size_factors: BTreeMap<String, Vec<(Decimal, Decimal)>>,
    /// Base rate per class, then per plan.
    pub base_rates: BTreeMap<String, BTreeMap<String, Decimal>>,
    /// Factor per category, then per plan.
    #[serde(default)]
    pub category_factors: BTreeMap<String, BTreeMap<String, Decimal>>,
    /// Minimum premium per class, then per plan.
    #[serde(default)]
    pub minimum_premiums: BTreeMap<String, BTreeMap<String, Decimal>>,
    pub routine: Vec<Step>,
    pub installments: Option<Installments>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Discount {
    pub id: String,
    pub name: String,
    /// Classes the discount applies to; all when absent.
    pub classes: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Base,
    SizeFactor,
    CategoryFactor,
    Discount(String),
    Round(Rounding),
    Minimum,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rounding {
    pub unit: Decimal,
    pub mode: RoundingMode,
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    HalfUp,
    Down,
    Up,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Installments {
    pub count: u32,
    pub factor: Decimal,
    pub rounding: Rounding,
}

/// `content/programs/<id>.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Program {
    pub id: String,
    pub product: String,
    /// The association whose members the program serves.
    pub association: String,
    /// The policyholder (保険契約者) as printed in あらまし.
    pub policyholder: String,
    pub period: Period,
    #[serde(default)]
    pub deadlines: Vec<Deadline>,
    /// Discount rates in force, by the tariff's discount id.
    #[serde(default)]
    pub discounts: BTreeMap<String, Decimal>,
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
    pub issued: Option<NaiveDate>,
    /// The insurer's document code, e.g. SJ24-13707.
    pub document_code: Option<String>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub faq: Vec<Faq>,
    #[serde(default)]
    pub documents: Vec<Document>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    #[serde(deserialize_with = "iso_date")]
    pub start: NaiveDate,
    #[serde(deserialize_with = "iso_date")]
    pub end: NaiveDate,
    /// The hour cover starts and ends, as printed (午後4時).
    pub time: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    pub id: String,
    pub name: String,
    #[serde(deserialize_with = "iso_date")]
    pub date: NaiveDate,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Payment {
    LumpSum,
    Monthly,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub class: String,
    pub category: Option<String>,
    #[serde(default)]
    pub sizes: Vec<Decimal>,
    pub plans: Vec<String>,
}
