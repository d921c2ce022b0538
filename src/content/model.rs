//! The validated content: every reference resolved to an index, every value
//! checked. Commands and documents read only these types.

use crate::rating::RateTables;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub use super::raw::Payment;

impl Payment {
    /// The id exports, cell keys and diffs name the payment by.
    pub fn id(self) -> &'static str {
        match self {
            Payment::LumpSum => "lump_sum",
            Payment::Monthly => "monthly",
        }
    }
}
pub use super::text::{Block, Contact, Document, DocumentKind, Faq, Prose, Section, SectionRef};

/// Everything under `content/`.
#[derive(Debug)]
pub struct Catalog {
    pub products: Vec<Product>,
    pub programs: Vec<Program>,
}

#[derive(Debug)]
pub struct Product {
    pub id: String,
    pub name: String,
    pub file: PathBuf,
    pub coverages: Vec<Named>,
    pub classes: Vec<Class>,
    pub categories: Vec<Named>,
    pub plans: Vec<Plan>,
    /// Sorted by effective date, oldest first.
    pub tariffs: Vec<Tariff>,
    /// Text shared by every program selling the product.
    pub sections: Vec<Section>,
    pub faq: Vec<Faq>,
}

/// Something with an id and a printed name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Debug)]
pub struct Class {
    pub id: String,
    pub name: String,
    pub size: Option<SizeMeasure>,
}

#[derive(Debug)]
pub struct SizeMeasure {
    pub name: String,
    pub unit: String,
}

#[derive(Debug)]
pub struct Plan {
    pub id: String,
    /// Limit per coverage (indexed like `Product::coverages`).
    pub limits: Vec<Option<Decimal>>,
    /// Limits that replace `limits` for a class: `(class, limits)`.
    pub class_limits: Vec<(usize, Vec<Option<Decimal>>)>,
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

#[derive(Debug)]
pub struct Tariff {
    pub file: PathBuf,
    pub effective: NaiveDate,
    /// The last day in force, where the tariff states one.
    pub expires: Option<NaiveDate>,
    pub version: Option<String>,
    pub discounts: Vec<Named>,
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

#[derive(Debug)]
pub struct Program {
    pub id: String,
    /// The program this one continues (`previous:`), checked to exist.
    pub previous: Option<String>,
    pub file: PathBuf,
    pub product: usize,
    /// The product's tariff in force at the policy start.
    pub tariff: usize,
    pub association: String,
    pub policyholder: String,
    pub period: Period,
    pub deadlines: Vec<Deadline>,
    /// Named dates prose refers to (`dates:`), by id.
    pub dates: BTreeMap<String, NaiveDate>,
    /// Rate per tariff discount (indexed like `Tariff::discounts`); 0 where
    /// the program grants none.
    pub discount_rates: Vec<Decimal>,
    pub payment: Payment,
    pub tables: Vec<Table>,
    pub title: String,
    pub audience: Option<String>,
    pub issued: Option<NaiveDate>,
    pub document_code: Option<String>,
    pub contacts: Vec<Contact>,
    pub sections: Vec<Section>,
    pub faq: Vec<Faq>,
    pub documents: Vec<Document>,
}

impl Program {
    /// The date the documents are issued (作成日): the program's `issued`,
    /// else the policy start.
    pub fn issue_date(&self) -> NaiveDate {
        self.issued.unwrap_or(self.period.start)
    }
}

#[derive(Debug)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub time: String,
}

#[derive(Debug)]
pub struct Deadline {
    pub id: String,
    pub name: String,
    pub date: NaiveDate,
}

/// One premium table a program prints.
#[derive(Debug)]
pub struct Table {
    pub class: usize,
    pub category: Option<usize>,
    /// Empty for flat-rated classes.
    pub sizes: Vec<Decimal>,
    pub plans: Vec<usize>,
}

impl Catalog {
    pub fn program(&self, id: &str) -> Option<&Program> {
        self.programs.iter().find(|p| p.id == id)
    }

    pub fn product_of(&self, program: &Program) -> &Product {
        &self.products[program.product]
    }

    pub fn tariff_of(&self, program: &Program) -> &Tariff {
        &self.products[program.product].tariffs[program.tariff]
    }
}
