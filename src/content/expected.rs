//! Expected-premium tables: CSV files under
//! `content/products/<product>/expected/` that state premiums the rating
//! core must reproduce (the figures an insurer publishes), in the spirit of
//! OpenL's test tables.
//!
//! This module reads them and checks their shape: the header, the width
//! of every row, the ids (resolved against the catalog, with did-you-mean)
//! and the numbers. Pricing each row is the job of `crate::expected`, one
//! layer up, because a mismatch is reported with the case's worksheet.
//!
//! The files are read only by `check`; `build` never opens them, so an
//! expected table can neither slow down nor change a brochure.

use super::diagnostic::Diagnostic;
use super::load::sorted_entries;
use super::model::{Catalog, Payment, Product};
use super::parse::read_text;
use super::problem::{ExpectedCase, Figure, IdKind, Problem, Quantity};
use crate::rating::Case;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The folder of a product's expected-premium tables, beside its `tariffs/`.
pub const FOLDER: &str = "expected";

/// The columns an expected-premium table may have, in the order `rates
/// --format csv` writes them (a table may order them as it likes); the
/// export uses this list too.
pub const COLUMNS: [&str; 9] = [
    "program",
    "plan",
    "class",
    "category",
    "size",
    "payment",
    "premium_yen",
    "first_installment_yen",
    "annual_yen",
];

/// The columns every table must have.
const REQUIRED: [&str; 4] = ["program", "class", "plan", "premium_yen"];

/// One row of an expected-premium table, its ids resolved.
#[derive(Clone, Debug)]
pub struct ExpectedRow {
    /// The CSV file.
    pub file: PathBuf,
    /// The row's 1-based line in the file.
    pub line: u64,
    /// The program, as an index into `Catalog::programs`.
    pub program: usize,
    /// The case, resolved to indices of the program's product.
    pub case: Case,
    /// The case with ids as written, for messages and worksheets.
    pub ids: ExpectedCase,
    /// The figures the row states: always the premium, then the first
    /// installment and the annual premium where their cells are filled.
    pub figures: Vec<ExpectedFigure>,
}

/// One figure a row states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExpectedFigure {
    /// Which figure (its column).
    pub figure: Figure,
    /// The amount in whole yen.
    pub yen: i64,
    /// The 1-based column (in characters) of the cell in its line.
    pub column: u64,
}

/// Every row of every expected-premium table of the catalog's products,
/// and a located problem for each malformed one (a malformed row is left
/// out; the others are still returned, so one run reports everything).
pub fn load(root: &Path, catalog: &Catalog) -> (Vec<ExpectedRow>, Vec<Diagnostic>) {
    let (mut rows, mut diags) = (Vec::new(), Vec::new());
    for product in &catalog.products {
        let dir = root.join("content/products").join(&product.id).join(FOLDER);
        if !dir.is_dir() {
            continue;
        }
        for file in sorted_entries(&dir, &mut diags, is_csv) {
            read_table(&file, product, catalog, &mut rows, &mut diags);
        }
    }
    (rows, diags)
}

fn is_csv(path: &Path) -> bool {
    path.is_file() && path.extension().and_then(|e| e.to_str()) == Some("csv")
}

/// Reads one table into `rows` and `diags`.
fn read_table(
    file: &Path,
    product: &Product,
    catalog: &Catalog,
    rows: &mut Vec<ExpectedRow>,
    diags: &mut Vec<Diagnostic>,
) {
    let text = match read_text(file) {
        Ok(text) => text,
        Err((problem, (line, column))) => {
            let mut diagnostic = Diagnostic::whole_file(file, problem);
            (diagnostic.line, diagnostic.column) = (line, column);
            diags.push(diagnostic);
            return;
        }
    };
    // Excel writes CRLF; the csv reader would count such a record's line
    // from before the LF it has not consumed yet, one line short.
    let text = text.replace("\r\n", "\n");
    let lines: Vec<&str> = text.lines().collect();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut header: Option<Header> = None;
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let mut diagnostic = Diagnostic::whole_file(
                    file,
                    Problem::CannotReadFile {
                        error: e.to_string(),
                    },
                );
                if let Some(at) = e.position() {
                    (diagnostic.line, diagnostic.column) = (at.line(), 1);
                }
                diags.push(diagnostic);
                return;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        let at = Located {
            file,
            line,
            columns: field_columns(lines.get(line.saturating_sub(1) as usize).copied()),
        };
        match &header {
            None => match Header::read(&record, &at, diags) {
                Some(read) => header = Some(read),
                // Without a header no row can be read.
                None => return,
            },
            // A spreadsheet saves a row it shows empty as a line of commas.
            Some(_) if record.iter().all(str::is_empty) => {}
            Some(header) => {
                if record.len() != header.width {
                    diags.push(at.diagnostic(
                        0,
                        "",
                        Problem::RowWidth {
                            expected: header.width,
                            got: record.len(),
                        },
                    ));
                    continue;
                }
                let row = RowReader {
                    header,
                    record: &record,
                    at: &at,
                    product,
                    catalog,
                    diags: &mut *diags,
                }
                .read();
                rows.extend(row);
            }
        }
    }
}

/// Where the cells of one record are.
struct Located<'a> {
    file: &'a Path,
    line: u64,
    /// The 1-based column of each cell, when the line can be split simply
    /// (no quotes); otherwise every cell is located at column 1.
    columns: Option<Vec<u64>>,
}

impl Located<'_> {
    fn diagnostic(&self, index: usize, column_name: &str, problem: Problem) -> Diagnostic {
        Diagnostic {
            file: self.file.to_path_buf(),
            line: self.line,
            column: self.column(index),
            path: column_name.to_string(),
            problem: Box::new(problem),
        }
    }

    /// The 1-based column of cell `index`.
    fn column(&self, index: usize) -> u64 {
        self.columns
            .as_ref()
            .and_then(|c| c.get(index).copied())
            .unwrap_or(1)
    }
}

/// The 1-based character column where each comma-separated cell of `line`
/// starts, for a line without quotes (a quoted cell may hold commas).
fn field_columns(line: Option<&str>) -> Option<Vec<u64>> {
    let line = line?;
    if line.contains('"') {
        return None;
    }
    let mut columns = vec![1];
    for (chars, c) in line.chars().enumerate() {
        if c == ',' {
            columns.push(chars as u64 + 2);
        }
    }
    Some(columns)
}

/// The header: which column each known name is in.
struct Header {
    width: usize,
    /// Index of each name of [`COLUMNS`], where present.
    index: [Option<usize>; COLUMNS.len()],
}

impl Header {
    fn read(record: &csv::StringRecord, at: &Located, diags: &mut Vec<Diagnostic>) -> Option<Self> {
        let mut index = [None; COLUMNS.len()];
        let mut ok = true;
        for (i, name) in record.iter().enumerate() {
            match COLUMNS.iter().position(|c| *c == name) {
                Some(known) if index[known].is_some() => {
                    ok = false;
                    diags.push(at.diagnostic(
                        i,
                        name,
                        Problem::ColumnTwice {
                            column: name.to_string(),
                        },
                    ));
                }
                Some(known) => index[known] = Some(i),
                None => {
                    ok = false;
                    diags.push(at.diagnostic(
                        i,
                        name,
                        Problem::UnknownColumn {
                            column: name.to_string(),
                            expected: COLUMNS.iter().map(|c| c.to_string()).collect(),
                        },
                    ));
                }
            }
        }
        for required in REQUIRED {
            let known = COLUMNS.iter().position(|c| *c == required)?;
            if index[known].is_none() {
                ok = false;
                diags.push(at.diagnostic(
                    0,
                    "",
                    Problem::MissingColumn {
                        column: required.to_string(),
                    },
                ));
            }
        }
        ok.then_some(Header {
            width: record.len(),
            index,
        })
    }

    /// The position of column `name` in a record.
    fn position(&self, name: &str) -> Option<usize> {
        let known = COLUMNS.iter().position(|c| *c == name)?;
        self.index[known]
    }
}

/// Reads one data record into a row, reporting each bad cell.
struct RowReader<'a> {
    header: &'a Header,
    record: &'a csv::StringRecord,
    at: &'a Located<'a>,
    product: &'a Product,
    catalog: &'a Catalog,
    diags: &'a mut Vec<Diagnostic>,
}

impl RowReader<'_> {
    /// The row, or `None` when any cell is wrong (each one reported).
    fn read(mut self) -> Option<ExpectedRow> {
        let program = self.program();
        let class = self.id("class", IdKind::Class, |p| {
            p.classes.iter().map(|c| c.id.clone()).collect()
        });
        let plan = self.id("plan", IdKind::Plan, |p| {
            p.plans.iter().map(|c| c.id.clone()).collect()
        });
        let category = match self.cell("category") {
            None => Some(None),
            Some(_) => self
                .id("category", IdKind::Category, |p| {
                    p.categories.iter().map(|c| c.id.clone()).collect()
                })
                .map(Some),
        };
        let size = self.size(class);
        let payment_ok = self.payment(program);
        let mut figures = Vec::new();
        let mut figures_ok = true;
        for figure in [Figure::Premium, Figure::FirstInstallment, Figure::Annual] {
            match self.yen(figure) {
                Ok(Some(stated)) => figures.push(stated),
                Ok(None) => {}
                Err(()) => figures_ok = false,
            }
        }
        let (program, class, plan, category, size) = (program?, class?, plan?, category?, size?);
        if !payment_ok || !figures_ok {
            return None;
        }
        let ids = ExpectedCase {
            program: self.catalog.programs[program].id.clone(),
            class: self.product.classes[class].id.clone(),
            category: category.map(|c| self.product.categories[c].id.clone()),
            size,
            plan: self.product.plans[plan].id.clone(),
        };
        Some(ExpectedRow {
            file: self.at.file.to_path_buf(),
            line: self.at.line,
            program,
            case: Case {
                class,
                plan,
                size,
                category,
            },
            ids,
            figures,
        })
    }

    /// The text of column `name`, where the header has it and the cell is
    /// not empty.
    fn cell(&self, name: &str) -> Option<&str> {
        let i = self.header.position(name)?;
        self.record.get(i).filter(|text| !text.is_empty())
    }

    fn error(&mut self, name: &str, problem: Problem) {
        let i = self.header.position(name).unwrap_or(0);
        let diagnostic = self.at.diagnostic(i, name, problem);
        self.diags.push(diagnostic);
    }

    /// A required cell, or `None` after reporting it empty.
    fn required(&mut self, name: &str) -> Option<String> {
        match self.cell(name) {
            Some(text) => Some(text.to_string()),
            None => {
                self.error(
                    name,
                    Problem::EmptyCell {
                        column: name.to_string(),
                    },
                );
                None
            }
        }
    }

    /// The program: one of the catalog's that sells this product.
    fn program(&mut self) -> Option<usize> {
        let id = self.required("program")?;
        let product = &self.product.id;
        match self.catalog.programs.iter().position(|p| p.id == id) {
            Some(i) => {
                let program = &self.catalog.programs[i];
                let sells = &self.catalog.product_of(program).id;
                if sells == product {
                    return Some(i);
                }
                let problem = Problem::ProgramOfOtherProduct {
                    program: id,
                    product: sells.clone(),
                    folder: product.clone(),
                };
                self.error("program", problem);
                None
            }
            None => {
                let known = self
                    .catalog
                    .programs
                    .iter()
                    .filter(|p| self.catalog.product_of(p).id == *product)
                    .map(|p| p.id.clone())
                    .collect();
                let problem = Problem::Unknown {
                    kind: IdKind::Program,
                    id,
                    known,
                };
                self.error("program", problem);
                None
            }
        }
    }

    /// An id of the product in column `name`, as an index of `ids`.
    fn id(
        &mut self,
        name: &str,
        kind: IdKind,
        ids: impl Fn(&Product) -> Vec<String>,
    ) -> Option<usize> {
        let id = self.required(name)?;
        let known = ids(self.product);
        match known.iter().position(|k| *k == id) {
            Some(i) => Some(i),
            None => {
                self.error(name, Problem::Unknown { kind, id, known });
                None
            }
        }
    }

    /// The size: a positive number for a class rated by size, empty for a
    /// flat-rated one. `None` after a problem; `Some(None)` for no size.
    fn size(&mut self, class: Option<usize>) -> Option<Option<Decimal>> {
        let size = match self.cell("size").map(str::to_string) {
            None => None,
            Some(text) => match Decimal::from_str(&text) {
                Ok(size) if size > Decimal::ZERO => Some(size.normalize()),
                Ok(size) => {
                    let problem = Problem::NotPositive {
                        what: Quantity::Size,
                        value: size,
                    };
                    self.error("size", problem);
                    return None;
                }
                Err(_) => {
                    let problem = Problem::NotANumber {
                        what: Quantity::Size,
                        got: text,
                    };
                    self.error("size", problem);
                    return None;
                }
            },
        };
        let class = &self.product.classes[class?];
        match (&class.size, size) {
            (Some(measure), None) => {
                let problem = Problem::SizeNeeded {
                    class: class.id.clone(),
                    measure: measure.name.clone(),
                };
                self.error("size", problem);
                None
            }
            (None, Some(_)) => {
                let problem = Problem::SizeNotApplicable {
                    class: class.id.clone(),
                };
                self.error("size", problem);
                None
            }
            _ => Some(size),
        }
    }

    /// Whether the payment, where given, is the program's.
    fn payment(&mut self, program: Option<usize>) -> bool {
        let Some(text) = self.cell("payment").map(str::to_string) else {
            return true;
        };
        let known = [Payment::LumpSum, Payment::Monthly];
        let Some(payment) = known.into_iter().find(|p| p.id() == text) else {
            let problem = Problem::UnknownVariant {
                variant: text,
                expected: known.iter().map(|p| p.id().to_string()).collect(),
            };
            self.error("payment", problem);
            return false;
        };
        let Some(program) = program.map(|i| &self.catalog.programs[i]) else {
            return false;
        };
        if program.payment == payment {
            return true;
        }
        let problem = Problem::PaymentDiffers {
            program: program.id.clone(),
            pays: program.payment.id().to_string(),
            got: text,
        };
        self.error("payment", problem);
        false
    }

    /// The figure of `figure`'s column: whole yen, a thousands comma and a
    /// trailing 円 allowed (as a spreadsheet may write them). `Ok(None)`
    /// when the column or the cell is empty (the premium is required).
    fn yen(&mut self, figure: Figure) -> Result<Option<ExpectedFigure>, ()> {
        let name = figure.column();
        let text = if figure == Figure::Premium {
            self.required(name).ok_or(())?
        } else {
            match self.cell(name) {
                Some(text) => text.to_string(),
                None => return Ok(None),
            }
        };
        let digits: String = text
            .trim_end_matches('円')
            .chars()
            .filter(|c| *c != ',')
            .collect();
        let yen = match digits.parse::<i64>() {
            Ok(yen) if yen > 0 => yen,
            Ok(yen) => {
                let problem = Problem::NotPositive {
                    what: Quantity::AmountInYen,
                    value: Decimal::from(yen),
                };
                self.error(name, problem);
                return Err(());
            }
            Err(_) => {
                let problem = Problem::NotANumber {
                    what: Quantity::AmountInYen,
                    got: text,
                };
                self.error(name, problem);
                return Err(());
            }
        };
        let column = self.header.position(name).map_or(1, |i| self.at.column(i));
        Ok(Some(ExpectedFigure {
            figure,
            yen,
            column,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_located_by_their_character_column() {
        assert_eq!(
            field_columns(Some("standard,hospital,,50,プラン1,178620")),
            Some(vec![1, 10, 19, 20, 23, 28])
        );
        assert_eq!(field_columns(Some("\"a,b\",c")), None);
        assert_eq!(field_columns(None), None);
    }
}
