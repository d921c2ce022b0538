//! Why a roster row is bad, said in English and Japanese with the file,
//! line and column, and what was expected.

use super::Column;
use crate::messages::{Lang, Localized};
use std::path::PathBuf;

/// One problem of one row: where it is and what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct RowProblem {
    /// The roster file.
    pub file: PathBuf,
    /// The 1-based line (CSV) or sheet row (XLSX).
    pub line: usize,
    /// The column concerned, when one is.
    pub column: Option<Column>,
    /// What is wrong.
    pub error: RowError,
}

/// What is wrong with a row or the file.
#[derive(Clone, Debug, PartialEq)]
pub enum RowError {
    /// The file could not be read as CSV or XLSX.
    Unreadable(String),
    /// The file has no header or no member rows.
    Empty,
    /// A header names no column the tool knows.
    UnknownColumn(String),
    /// A required column is not in the header.
    MissingColumn,
    /// A required value is empty.
    Missing,
    /// A class, plan or category the product does not have.
    Unknown {
        /// What the row says.
        value: String,
        /// What the product has.
        known: Vec<String>,
    },
    /// A size that is not a positive number.
    BadSize(String),
    /// A member id unfit for a file name.
    BadMemberId(String),
    /// The tariff cannot price the row's class, plan and size (e.g. a
    /// class the program's tariff has no rate for).
    NotPriced(crate::rating::RatingError),
    /// A member id already used on an earlier line.
    DuplicateId {
        /// The line that used it first.
        first: usize,
    },
}

impl Localized for RowProblem {
    fn localized(&self, lang: Lang) -> String {
        let place = format!("{}:{}", self.file.display(), self.line);
        let column = self.column.map(|c| match lang {
            Lang::En => format!("column `{}`", c.header()),
            Lang::Ja => format!("列「{}」（{}）", c.japanese()[0], c.header()),
        });
        let what = self.error.localized(lang);
        match column {
            Some(column) => format!("{place}: {column}: {what}"),
            None => format!("{place}: {what}"),
        }
    }
}

impl Localized for RowError {
    fn localized(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        match self {
            RowError::Unreadable(why) if en => {
                format!("cannot be read as CSV or XLSX: {why}")
            }
            RowError::Unreadable(why) => format!("CSV・XLSXとして読めません: {why}"),
            RowError::Empty if en => {
                "no members: expected a header row, then one row per member".to_string()
            }
            RowError::Empty => {
                "会員がいません。見出し行の後に会員を1行ずつ書いてください".to_string()
            }
            RowError::UnknownColumn(header) if en => format!(
                "unknown column `{header}`; expected member_id, name, class, size, category, plan, previous_plan (or 会員番号, 施設名, 区分, 病床数, 病床区分, プラン, 前年プラン)"
            ),
            RowError::UnknownColumn(header) => format!(
                "見出し「{header}」は使えません。会員番号・施設名・区分・病床数・病床区分・プラン・前年プラン（または member_id, name, class, size, category, plan, previous_plan）のいずれかです"
            ),
            RowError::MissingColumn if en => "missing from the header row".to_string(),
            RowError::MissingColumn => "見出し行にありません".to_string(),
            RowError::Missing if en => "empty; a value is required".to_string(),
            RowError::Missing => "空欄です。値が必要です".to_string(),
            RowError::Unknown { value, known } if en => {
                format!("unknown `{value}`; expected one of: {}", known.join(", "))
            }
            RowError::Unknown { value, known } => {
                format!(
                    "「{value}」はありません（使えるもの: {}）",
                    known.join(", ")
                )
            }
            RowError::BadSize(value) if en => {
                format!("`{value}` is not a number of beds or places (expected e.g. 120)")
            }
            RowError::BadSize(value) => {
                format!("「{value}」は病床数・定員の数ではありません（例: 120）")
            }
            RowError::BadMemberId(id) if en => format!(
                "`{id}` cannot name a file: use ASCII letters, digits, `-`, `_` or `.` (at most 64, not starting with `.` or `_`)"
            ),
            RowError::BadMemberId(id) => format!(
                "「{id}」はファイル名に使えません。半角英数字と `-` `_` `.` で64文字まで（先頭に `.` `_` は不可）"
            ),
            RowError::NotPriced(why) if en => {
                format!("the program's tariff cannot price this row: {why}")
            }
            RowError::NotPriced(why) => {
                use crate::rating::RatingError as R;
                let why = match why {
                    R::NoBaseRate => "この区分・プランの基本保険料がありません".to_string(),
                    R::SizeRequired => "病床数・定員で決まる区分です。数が必要です".to_string(),
                    R::SizeNotApplicable => "定額の区分です。病床数・定員は書けません".to_string(),
                    R::NonPositiveSize(size) => {
                        format!("病床数・定員は0より大きくしてください（{size}）")
                    }
                    R::InstallmentsNotOffered => "料率に分割払の定めがありません".to_string(),
                    R::Overflow => {
                        "計算の桁があふれました。料率と係数を確認してください".to_string()
                    }
                };
                format!("プログラムの料率で保険料を計算できません: {why}")
            }
            RowError::DuplicateId { first } if en => {
                format!("duplicate member id, first used on line {first}")
            }
            RowError::DuplicateId { first } => {
                format!("会員番号が重複しています（{first}行目と同じ）")
            }
        }
    }
}
