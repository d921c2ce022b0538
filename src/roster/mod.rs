//! A roster of members (会員名簿) read for `quote --members`: the file's
//! rows resolved against a program's product, every bad row found in one
//! pass and named by `FILE:LINE`, column and what was expected.
//!
//! Reading and checking live here, below `publish`, so that the batch
//! (`publish::members`) only ever sees members that can be priced.

mod problem;
mod table;

pub use problem::{RowError, RowProblem};

use crate::content::model::Product;
use crate::rating::Case;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A column of a roster, found by its English or Japanese header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    /// `member_id` / 会員番号: names the member's PDF, so file-name safe.
    MemberId,
    /// `name` / 施設名: printed on the member's sheet.
    Name,
    /// `class` / 区分: the product's class id or printed name.
    Class,
    /// `size` / 病床数 / 定員: for classes rated by size.
    Size,
    /// `category` / 病床区分: id or printed name, for products with categories.
    Category,
    /// `plan` / プラン: the plan id as printed.
    Plan,
    /// `previous_plan` / 前年プラン: last year's plan, for renewal notices
    /// (this year's plan when empty).
    PreviousPlan,
}

impl Column {
    const ALL: [Column; 7] = [
        Column::MemberId,
        Column::Name,
        Column::Class,
        Column::Size,
        Column::Category,
        Column::Plan,
        Column::PreviousPlan,
    ];

    /// The English header (also how messages name the column).
    pub fn header(self) -> &'static str {
        match self {
            Column::MemberId => "member_id",
            Column::Name => "name",
            Column::Class => "class",
            Column::Size => "size",
            Column::Category => "category",
            Column::Plan => "plan",
            Column::PreviousPlan => "previous_plan",
        }
    }

    /// The Japanese headers accepted for the column, the first one canonical.
    pub fn japanese(self) -> &'static [&'static str] {
        match self {
            Column::MemberId => &["会員番号", "会員ID"],
            Column::Name => &["施設名", "会員名", "事業者名"],
            Column::Class => &["区分", "施設区分"],
            Column::Size => &["病床数", "定員", "病床数/定員", "病床数・定員"],
            Column::Category => &["病床区分"],
            Column::Plan => &["プラン", "タイプ"],
            Column::PreviousPlan => &["前年プラン", "前年度プラン"],
        }
    }

    fn of_header(header: &str) -> Option<Column> {
        let header = header.trim().trim_start_matches('\u{feff}');
        Column::ALL
            .into_iter()
            .find(|c| c.header().eq_ignore_ascii_case(header) || c.japanese().contains(&header))
    }
}

/// What the roster is read for: which columns a row must fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A quote or renewal: the member is priced, so class and plan (and
    /// size or category where the product needs them) are required.
    Priced,
    /// A request form (お見積りシート to fill in): only id and name.
    Request,
}

/// One member of the roster, resolved against the product.
#[derive(Clone, Debug)]
pub struct Member {
    /// The line (CSV) or row (XLSX) it was read from.
    pub line: usize,
    /// The member id: the PDF's file name and the only thing logs print.
    pub id: String,
    /// The facility's name, printed on its own sheet only.
    pub name: String,
    /// What is priced; `None` for a request form.
    pub case: Option<Case>,
    /// Last year's plan id as written, for a renewal notice.
    pub previous_plan: Option<String>,
}

/// A roster read and checked: the good members in file order and every
/// bad row's problems.
#[derive(Debug)]
pub struct Roster {
    /// The file read.
    pub file: PathBuf,
    /// The members whose rows are good, in roster order.
    pub members: Vec<Member>,
    /// Every problem of every bad row (a row may have several).
    pub problems: Vec<RowProblem>,
}

impl Roster {
    /// The lines of the bad rows, each once, in file order.
    pub fn bad_lines(&self) -> Vec<usize> {
        let mut lines: Vec<usize> = self.problems.iter().map(|p| p.line).collect();
        lines.dedup();
        lines
    }
}

/// Reads `file` and checks every row against `product`. A file that
/// cannot be read at all, or whose header lacks a required column, is one
/// problem at line 1 and no members.
pub fn read(file: &Path, product: &Product, purpose: Purpose) -> Roster {
    let mut roster = Roster {
        file: file.to_path_buf(),
        members: Vec::new(),
        problems: Vec::new(),
    };
    let rows = match table::rows(file) {
        Ok(rows) => rows,
        Err(e) => {
            let error = match e {
                table::ReadError::Io(e) => RowError::Unreadable(e.to_string()),
                table::ReadError::Format(e) => RowError::Unreadable(e),
            };
            roster.problems.push(roster.problem(1, None, error));
            return roster;
        }
    };
    let Some((header, body)) = rows.split_first() else {
        roster
            .problems
            .push(roster.problem(1, None, RowError::Empty));
        return roster;
    };
    let mut columns: HashMap<Column, usize> = HashMap::new();
    for (i, cell) in header.cells.iter().enumerate() {
        match Column::of_header(cell) {
            Some(column) => {
                columns.entry(column).or_insert(i);
            }
            None if cell.is_empty() => {}
            None => {
                let error = RowError::UnknownColumn(cell.clone());
                roster
                    .problems
                    .push(roster.problem(header.line, None, error));
            }
        }
    }
    let required: &[Column] = match purpose {
        Purpose::Priced => &[Column::MemberId, Column::Name, Column::Class, Column::Plan],
        Purpose::Request => &[Column::MemberId, Column::Name],
    };
    let missing: Vec<Column> = required
        .iter()
        .copied()
        .filter(|c| !columns.contains_key(c))
        .collect();
    for column in &missing {
        let error = RowError::MissingColumn;
        roster
            .problems
            .push(roster.problem(header.line, Some(*column), error));
    }
    if !missing.is_empty() {
        return roster;
    }
    if body.is_empty() {
        roster
            .problems
            .push(roster.problem(header.line, None, RowError::Empty));
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in body {
        let get = |c: Column| {
            columns
                .get(&c)
                .and_then(|&i| row.cells.get(i))
                .map(String::as_str)
                .unwrap_or("")
        };
        let mut errors: Vec<(Column, RowError)> = Vec::new();
        let id = get(Column::MemberId);
        if id.is_empty() {
            errors.push((Column::MemberId, RowError::Missing));
        } else if !fit_for_file_name(id) {
            errors.push((Column::MemberId, RowError::BadMemberId(id.to_string())));
        } else if let Some(&first) = seen.get(id) {
            errors.push((Column::MemberId, RowError::DuplicateId { first }));
        } else {
            seen.insert(id.to_string(), row.line);
        }
        let name = get(Column::Name);
        if name.is_empty() {
            errors.push((Column::Name, RowError::Missing));
        }
        let case = match purpose {
            Purpose::Priced => case(product, &get, &mut errors),
            Purpose::Request => None,
        };
        if errors.is_empty() {
            let previous = get(Column::PreviousPlan);
            roster.members.push(Member {
                line: row.line,
                id: id.to_string(),
                name: name.to_string(),
                case,
                previous_plan: (!previous.is_empty()).then(|| previous.to_string()),
            });
        } else {
            for (column, error) in errors {
                let problem = roster.problem(row.line, Some(column), error);
                roster.problems.push(problem);
            }
        }
    }
    roster
}

/// The case a row asks for, resolved to the product's indices; every
/// unknown or missing value is pushed to `errors`.
fn case<'a>(
    product: &Product,
    get: &impl Fn(Column) -> &'a str,
    errors: &mut Vec<(Column, RowError)>,
) -> Option<Case> {
    let mut unknown = |column: Column, value: &str, known: Vec<String>| {
        let error = if value.is_empty() {
            RowError::Missing
        } else {
            RowError::Unknown {
                value: value.to_string(),
                known,
            }
        };
        errors.push((column, error));
    };
    let class_value = get(Column::Class);
    let class = product
        .classes
        .iter()
        .position(|c| c.id == class_value || c.name == class_value);
    if class.is_none() {
        unknown(
            Column::Class,
            class_value,
            product.classes.iter().map(|c| c.id.clone()).collect(),
        );
    }
    let plan_value = get(Column::Plan);
    let plan = product.plans.iter().position(|p| p.id == plan_value);
    if plan.is_none() {
        unknown(
            Column::Plan,
            plan_value,
            product.plans.iter().map(|p| p.id.clone()).collect(),
        );
    }
    let category_value = get(Column::Category);
    let category = if category_value.is_empty() {
        None
    } else {
        let found = product
            .categories
            .iter()
            .position(|c| c.id == category_value || c.name == category_value);
        if found.is_none() {
            unknown(
                Column::Category,
                category_value,
                product.categories.iter().map(|c| c.id.clone()).collect(),
            );
        }
        found
    };
    let size_value = get(Column::Size);
    let sized = class.is_some_and(|c| product.classes[c].size.is_some());
    let size = if size_value.is_empty() {
        if sized {
            errors.push((Column::Size, RowError::Missing));
        }
        None
    } else {
        match Decimal::from_str(&size_value.replace(',', "")) {
            Ok(size) if size > Decimal::ZERO => Some(size),
            _ => {
                errors.push((Column::Size, RowError::BadSize(size_value.to_string())));
                None
            }
        }
    };
    Some(Case {
        class: class?,
        plan: plan?,
        size: if sized { size } else { None },
        category,
    })
}

/// Whether a member id can name a file on every system: ASCII letters,
/// digits, `-`, `_` and `.`, at most 64 long, not starting with a dot
/// (hidden) or `_` (the merged PDF's name, `_all.pdf`).
pub fn fit_for_file_name(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && !id.starts_with(['.', '_'])
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

impl Roster {
    fn problem(&self, line: usize, column: Option<Column>, error: RowError) -> RowProblem {
        RowProblem {
            file: self.file.clone(),
            line,
            column,
            error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_ids_must_be_plain_file_names() {
        for good in ["M-0001", "a_b.c", "123"] {
            assert!(fit_for_file_name(good), "{good}");
        }
        for bad in [
            "",
            "../x",
            ".hidden",
            "_all",
            "a/b",
            "a b",
            "会員1",
            &"x".repeat(65),
        ] {
            assert!(!fit_for_file_name(bad), "{bad}");
        }
    }

    #[test]
    fn headers_are_found_in_english_and_japanese() {
        assert_eq!(Column::of_header("会員番号"), Some(Column::MemberId));
        assert_eq!(
            Column::of_header("\u{feff}Member_ID"),
            Some(Column::MemberId)
        );
        assert_eq!(Column::of_header("定員"), Some(Column::Size));
        assert_eq!(Column::of_header("住所"), None);
    }
}
