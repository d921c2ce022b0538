//! A program's rate table: every premium it offers, one cell per class,
//! category, size and plan, computed by the rating core.

use crate::content::model::{Catalog, Payment, Program, Table, Tariff};
use crate::rating::{self, Case, Outcome, Quote};
use rust_decimal::Decimal;

/// One premium a program offers.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// The program id.
    pub program: String,
    /// The plan id as printed (H1, プラン1, P1).
    pub plan: String,
    /// The facility class id (clinic, hospital…).
    pub class: String,
    /// The bed category id, for products with categories.
    pub category: Option<String>,
    /// Beds or capacity, for size-rated classes.
    pub size: Option<Decimal>,
    /// Lump sum or monthly, as the program pays.
    pub payment: Payment,
    /// What the member pays each time: the annual premium for lump sum,
    /// the regular installment for monthly.
    pub premium: Decimal,
    /// The first installment where it differs from the regular one.
    pub first_installment: Option<Decimal>,
    /// The annual premium before any installment split.
    pub annual: Decimal,
}

impl Cell {
    /// A stable name for the cell, used by the drift guard:
    /// `program/class/category/size/plan/payment` with `-` for absent parts.
    pub fn key(&self) -> String {
        let size = self
            .size
            .map_or("-".to_string(), |s| s.normalize().to_string());
        format!(
            "{}/{}/{}/{size}/{}/{}",
            self.program,
            self.class,
            self.category.as_deref().unwrap_or("-"),
            self.plan,
            self.payment.id()
        )
    }
}

/// A program with every cell its tables print, priced once per run and
/// shared by everything that needs the figures: the documents' data and
/// drift guard, the rate exports, `check`'s count and `rates`.
#[derive(Clone, Debug)]
pub struct PricedProgram<'c> {
    /// The program.
    pub program: &'c Program,
    /// Every cell of every table it prints, in table order.
    pub cells: Vec<Cell>,
}

/// Prices `program`: the one place a program's table is computed.
pub fn price<'c>(catalog: &Catalog, program: &'c Program) -> Result<PricedProgram<'c>, CellError> {
    Ok(PricedProgram {
        program,
        cells: program_cells(catalog, program)?,
    })
}

/// Why a cell could not be priced (the content validation makes this rare).
#[derive(Debug, thiserror::Error)]
#[error("program `{program}`, class `{class}`, plan `{plan}`: {reason}")]
pub struct CellError {
    /// The program.
    pub program: String,
    /// The class id of the cell.
    pub class: String,
    /// The plan id of the cell.
    pub plan: String,
    /// What the rating core said.
    pub reason: String,
}

/// Rates one case of `program` under the tariff in force at its start.
pub fn quote(
    catalog: &Catalog,
    program: &Program,
    case: &Case,
) -> Result<Quote, rating::RatingError> {
    Pricing::of(catalog, program).quote(case)
}

/// Every cell of every table `program` prints, in table order.
pub fn program_cells(catalog: &Catalog, program: &Program) -> Result<Vec<Cell>, CellError> {
    Pricing::of(catalog, program).cells(catalog, program)
}

/// The cell of one case of `program`, printed or not (a quote for any
/// size the tariff prices). A size outside the tariff's table is an error
/// saying it must be referred.
pub fn case_cell(catalog: &Catalog, program: &Program, case: &Case) -> Result<Cell, CellError> {
    Pricing::of(catalog, program).cell(catalog, program, case)
}

/// Every cell `program` would print under another `tariff` of its product
/// (the tariff comparison of `diff`): the program's discount rates are
/// carried over by discount id; discounts the tariff does not declare lapse.
pub fn program_cells_under(
    catalog: &Catalog,
    program: &Program,
    tariff: &Tariff,
) -> Result<Vec<Cell>, CellError> {
    let declared = catalog.tariff_of(program).map_or(&[][..], |t| &t.discounts);
    let discount_rates = tariff
        .discounts
        .iter()
        .map(|d| {
            declared
                .iter()
                .position(|own| own.id == d.id)
                .map_or(Decimal::ZERO, |i| program.discount_rates[i])
        })
        .collect();
    Pricing {
        tariff: Some(tariff),
        discount_rates,
        monthly: program.payment == Payment::Monthly,
    }
    .cells(catalog, program)
}

/// A tariff with one program's discount rates and payment mode.
struct Pricing<'a> {
    tariff: Option<&'a Tariff>,
    discount_rates: Vec<Decimal>,
    monthly: bool,
}

impl<'a> Pricing<'a> {
    fn of(catalog: &'a Catalog, program: &Program) -> Self {
        Pricing {
            tariff: catalog.tariff_of(program),
            discount_rates: program.discount_rates.clone(),
            monthly: program.payment == Payment::Monthly,
        }
    }

    fn quote(&self, case: &Case) -> Result<Quote, rating::RatingError> {
        // A product without tariffs has no base rate for anything (its
        // programs list no tables; `quote` and `explain` refuse them first).
        let Some(tariff) = self.tariff else {
            return Err(rating::RatingError::NoBaseRate);
        };
        rating::rate(&tariff.tables, case, &self.discount_rates, self.monthly)
    }

    fn cells(&self, catalog: &Catalog, program: &Program) -> Result<Vec<Cell>, CellError> {
        let mut cells = Vec::new();
        for table in &program.tables {
            for case in table_cases(table) {
                cells.push(self.cell(catalog, program, &case)?);
            }
        }
        Ok(cells)
    }

    fn cell(&self, catalog: &Catalog, program: &Program, case: &Case) -> Result<Cell, CellError> {
        let product = catalog.product_of(program);
        let error = |reason: String| CellError {
            program: program.id.clone(),
            class: product.classes[case.class].id.clone(),
            plan: product.plans[case.plan].id.clone(),
            reason,
        };
        let quote = self.quote(case).map_err(|e| error(e.to_string()))?;
        let (annual, installments) = match quote.outcome {
            Outcome::Premium {
                annual,
                installments,
            } => (annual, installments),
            Outcome::Refer { size, min, max } => {
                return Err(error(format!(
                    "size {size} is outside the tariff's table ({min} to {max})"
                )));
            }
        };
        Ok(Cell {
            program: program.id.clone(),
            plan: product.plans[case.plan].id.clone(),
            class: product.classes[case.class].id.clone(),
            category: case.category.map(|c| product.categories[c].id.clone()),
            size: case.size,
            payment: program.payment,
            premium: installments.map_or(annual, |i| i.regular),
            first_installment: installments.filter(|i| i.first_differs()).map(|i| i.first),
            annual,
        })
    }
}

/// The cases of a table: plans × sizes (or plans alone for flat classes).
pub fn table_cases(table: &Table) -> Vec<Case> {
    let sizes: Vec<Option<Decimal>> = if table.sizes.is_empty() {
        vec![None]
    } else {
        table.sizes.iter().copied().map(Some).collect()
    };
    table
        .plans
        .iter()
        .flat_map(|&plan| {
            sizes.iter().map(move |&size| Case {
                class: table.class,
                plan,
                size,
                category: table.category,
            })
        })
        .collect()
}
