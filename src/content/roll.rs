//! Policy-year roll-over: the next year's program file written from this
//! year's, by editing the dates in the text so that comments, order and
//! wording stay as the author wrote them.

use super::locate::Locations;
use super::model::{Catalog, Program};
use chrono::{Datelike, Months, NaiveDate};

/// How far to move a program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shift {
    /// To the policy year starting in this calendar year: every date moves
    /// by the same number of years (29 February becomes the 28th).
    ToYear(i32),
    /// To this start date: every date moves by the same number of days.
    ToStart(NaiveDate),
}

/// One date of the program before and after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MovedDate {
    /// Where the date is written: `period.start`, `deadlines[0].date`, …
    pub field: String,
    /// What it is, as printed: 保険開始日, 申込締切日, …
    pub label: String,
    /// The date in this year's program file.
    pub old: NaiveDate,
    /// The date written into next year's file.
    pub new: NaiveDate,
}

impl MovedDate {
    /// Whether the date falls on another weekday than last year; `roll`
    /// flags such deadlines for the author to check.
    pub fn weekday_changed(&self) -> bool {
        self.old.weekday() != self.new.weekday()
    }

    /// Whether the new date is a Saturday or Sunday, a day a deadline
    /// should not fall on; `roll` flags it.
    pub fn on_weekend(&self) -> bool {
        matches!(
            self.new.weekday(),
            chrono::Weekday::Sat | chrono::Weekday::Sun
        )
    }
}

/// Why a program could not be rolled.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RollError {
    /// No tariff of the product covers the new start.
    #[error(
        "no tariff of product `{product}` is in force on {date}: add the new tariff under content/products/{product}/tariffs/ first"
    )]
    NoTariff {
        /// The product.
        product: String,
        /// The new start.
        date: NaiveDate,
    },
    /// The shift leaves the calendar.
    #[error("{0} cannot be moved that far")]
    OutOfRange(NaiveDate),
    /// A field the roll edits is not where the index says.
    #[error("cannot find `{0}` in the program file")]
    FieldNotFound(String),
    /// A field is written differently from its value (e.g. quoted oddly).
    #[error("`{field}` is not written as `{value}` where expected")]
    NotWrittenAs {
        /// The field path.
        field: String,
        /// Its value as `YYYY-MM-DD` or the id.
        value: String,
    },
}

impl crate::messages::Localized for RollError {
    fn localized(&self, lang: crate::messages::Lang) -> String {
        use crate::messages::Lang;
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (RollError::NoTariff { product, date }, Lang::Ja) => format!(
                "商品 `{product}` には {date} に有効な料率がありません。先に content/products/{product}/tariffs/ に新しい料率を追加してください"
            ),
            (RollError::OutOfRange(date), Lang::Ja) => format!("{date} はそこまで動かせません"),
            (RollError::FieldNotFound(field), Lang::Ja) => {
                format!("プログラムのファイルに `{field}` が見つかりません")
            }
            (RollError::NotWrittenAs { field, value }, Lang::Ja) => {
                format!("`{field}` が `{value}` と書かれていません")
            }
        }
    }
}

/// The rolled program: its id, file text and what moved.
#[derive(Debug)]
pub struct Rolled {
    /// The new program id, the year moved on: `miyazaki-2026`.
    pub id: String,
    /// The new program file's text: the old one with only the id and the
    /// dates replaced, comments and layout kept.
    pub text: String,
    /// Every date that moved (period, deadlines, issued), for the summary.
    pub dates: Vec<MovedDate>,
    /// Index of the tariff in force at the new start; `None` for a
    /// product without tariffs.
    pub tariff: Option<usize>,
}

/// Rolls `program` (whose file reads `text`) by `shift`. Fails when no
/// tariff of the product is in force at the new start, or the shift gives
/// no valid date.
pub fn roll(
    catalog: &Catalog,
    program: &Program,
    text: &str,
    shift: Shift,
) -> Result<Rolled, RollError> {
    let move_date = |date: NaiveDate| shifted(date, program.period.start, shift);
    let new_start = move_date(program.period.start)?;
    let product = catalog.product_of(program);
    let tariff = product.tariff_in_force(new_start);
    if tariff.is_none() && !product.tariffs.is_empty() {
        return Err(RollError::NoTariff {
            product: product.id.clone(),
            date: new_start,
        });
    }
    let mut dates = vec![
        (
            "period.start".to_string(),
            "保険期間の始期".to_string(),
            program.period.start,
        ),
        (
            "period.end".to_string(),
            "保険期間の終期".to_string(),
            program.period.end,
        ),
    ];
    for (i, deadline) in program.deadlines.iter().enumerate() {
        dates.push((
            format!("deadlines[{i}].date"),
            deadline.name.clone(),
            deadline.date,
        ));
    }
    if let Some(issued) = program.issued {
        dates.push(("issued".to_string(), "作成日".to_string(), issued));
    }
    for (id, date) in &program.dates {
        dates.push((format!("dates.{id}"), id.clone(), *date));
    }
    let moved = dates
        .into_iter()
        .map(|(field, label, old)| {
            Ok(MovedDate {
                field,
                label,
                old,
                new: move_date(old)?,
            })
        })
        .collect::<Result<Vec<_>, RollError>>()?;
    let id = next_id(&program.id, program.period.start.year(), new_start.year());
    let lineage = Lineage {
        written: program.previous.as_deref(),
        new: &program.id,
    };
    let text = rewrite(text, &program.id, &id, &moved, Some(lineage))?;
    Ok(Rolled {
        id,
        text,
        dates: moved,
        tariff,
    })
}

fn shifted(date: NaiveDate, start: NaiveDate, shift: Shift) -> Result<NaiveDate, RollError> {
    let moved = match shift {
        Shift::ToYear(year) => {
            let years = year - start.year();
            let months = Months::new(years.unsigned_abs() * 12);
            if years >= 0 {
                date.checked_add_months(months)
            } else {
                date.checked_sub_months(months)
            }
        }
        Shift::ToStart(new_start) => date.checked_add_signed(new_start - start),
    };
    moved.ok_or(RollError::OutOfRange(date))
}

/// `miyazaki-2025` → `miyazaki-2026`; an id without the year gets it
/// appended (`standard` → `standard-2026`).
fn next_id(id: &str, old_year: i32, new_year: i32) -> String {
    match id.strip_suffix(&old_year.to_string()) {
        Some(stem) => format!("{stem}{new_year}"),
        None => format!("{id}-{new_year}"),
    }
}

/// A program file's text with its id replaced (for `new program`).
pub fn rename(text: &str, old_id: &str, new_id: &str) -> Result<String, RollError> {
    rewrite(text, old_id, new_id, &[], None)
}

/// The `previous:` a rolled file gets: the program it was rolled from.
#[derive(Clone, Copy)]
struct Lineage<'a> {
    /// The value the file holds now, if it has a `previous:`.
    written: Option<&'a str>,
    /// The value to write.
    new: &'a str,
}

/// The file text with the id and every moved date replaced where the YAML
/// holds them, and `previous:` set to `lineage.new` when given: its value
/// replaced where the file has one, else a line inserted after `id:` (at
/// its indentation), so that comments and layout stay as they were.
fn rewrite(
    text: &str,
    old_id: &str,
    new_id: &str,
    dates: &[MovedDate],
    lineage: Option<Lineage>,
) -> Result<String, RollError> {
    let locations = Locations::index(text);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut edits: Vec<(&str, String, String)> = dates
        .iter()
        .map(|d| (d.field.as_str(), d.old.to_string(), d.new.to_string()))
        .collect();
    edits.push(("id", old_id.to_string(), new_id.to_string()));
    let mut insert_previous = None;
    if let Some(lineage) = lineage {
        match lineage.written {
            Some(old) => edits.push(("previous", old.to_string(), yaml_id(lineage.new))),
            None => insert_previous = Some(yaml_id(lineage.new)),
        }
    }
    for (field, old, new) in edits {
        let (line, column) = locations
            .exact(field)
            .ok_or_else(|| RollError::FieldNotFound(field.to_string()))?;
        let line_text = lines
            .get_mut(usize::try_from(line).unwrap_or(0).saturating_sub(1))
            .ok_or_else(|| RollError::FieldNotFound(field.to_string()))?;
        let from = line_text
            .char_indices()
            .nth(usize::try_from(column).unwrap_or(0).saturating_sub(1))
            .map_or(0, |(byte, _)| byte);
        let at = line_text[from..]
            .find(&old)
            .map(|i| from + i)
            .ok_or_else(|| RollError::NotWrittenAs {
                field: field.to_string(),
                value: old.clone(),
            })?;
        line_text.replace_range(at..at + old.len(), &new);
    }
    if let Some(value) = insert_previous {
        let not_found = || RollError::FieldNotFound("id".to_string());
        let (line, _) = locations.exact("id").ok_or_else(not_found)?;
        let at = usize::try_from(line).unwrap_or(0);
        let id_line = lines.get(at.wrapping_sub(1)).ok_or_else(not_found)?;
        let indent: String = id_line.chars().take_while(|c| *c == ' ').collect();
        lines.insert(at, format!("{indent}previous: {value}"));
    }
    let mut out = lines.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    if lineage.is_some() && Locations::index(&out).exact("previous").is_none() {
        // `id:` was not a key of the top-level block mapping.
        return Err(RollError::FieldNotFound("previous".to_string()));
    }
    Ok(out)
}

/// An id as a YAML scalar that reads back as a string: quoted when it
/// holds no letter (`2025` would read as a number).
fn yaml_id(id: &str) -> String {
    if id.chars().any(|c| c.is_ascii_alphabetic()) {
        id.to_string()
    } else {
        format!("\"{id}\"")
    }
}

/// A year named in prose inside `{% raw %}…{% endraw %}`, which the roll
/// cannot move: `令和7年7月`, `2025年`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawYear {
    /// The line of the file (1-based) where it starts.
    pub line: usize,
    /// The date as written, tags left out (`2017年`, `令和7年7月`).
    pub text: String,
}

/// Every year (和暦 `令和7年`, or 西暦 `2025年`, with its month and day when
/// they follow) of which some part is inside a `{% raw %}` block of `text`:
/// a date the author wrapped so that `check` lets it be, and that a person
/// must look at after a roll.
pub fn years_in_raw(text: &str) -> Vec<RawYear> {
    // The characters with the raw tags taken out, each with its line and
    // whether it is inside raw, so `{% raw %}2017{% endraw %}年` reads as
    // `2017年`.
    let mut kept: Vec<(char, usize, bool)> = Vec::new();
    let (mut line, mut in_raw, mut rest) = (1, false, text);
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("{%")
            && let Some(end) = after.find("%}")
        {
            let tag = after[..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
            if tag == "raw" || tag == "endraw" {
                in_raw = tag == "raw";
                line += after[..end].matches('\n').count();
                rest = &after[end + 2..];
                continue;
            }
        }
        if c == '\n' {
            line += 1;
        }
        kept.push((c, line, in_raw));
        rest = &rest[c.len_utf8()..];
    }
    let chars: Vec<char> = kept.iter().map(|k| k.0).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match year_at(&chars, i) {
            Some(end) if kept[i..end].iter().any(|k| k.2) => {
                found.push(RawYear {
                    line: kept[i].1,
                    text: chars[i..end].iter().collect(),
                });
                i = end;
            }
            Some(end) => i = end,
            None => i += 1,
        }
    }
    found
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The end of a date starting at `i`: a year (`令和7年`, `令和元年`,
/// `2025年`) and the month and day that follow it (`7月`, `1日`).
fn year_at(chars: &[char], i: usize) -> Option<usize> {
    let digits = |from: usize| chars[from..].iter().take_while(|c| is_digit(**c)).count();
    let era = ["令和", "平成", "昭和"]
        .iter()
        .any(|era| chars[i..].iter().take(2).copied().eq(era.chars()));
    let mut end = if era {
        let from = i + 2;
        let n = if chars.get(from) == Some(&'元') {
            1
        } else {
            digits(from)
        };
        (1..=2).contains(&n).then_some(from + n)?
    } else {
        let after_digit = i > 0 && is_digit(chars[i - 1]);
        (!after_digit && digits(i) == 4).then_some(i + 4)?
    };
    if chars.get(end) != Some(&'年') {
        return None;
    }
    end += 1;
    for unit in ['月', '日'] {
        let n = digits(end);
        if (1..=2).contains(&n) && chars.get(end + n) == Some(&unit) {
            end += n + 1;
        } else {
            break;
        }
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn ids_take_the_new_year() {
        assert_eq!(next_id("miyazaki-2025", 2025, 2026), "miyazaki-2026");
        assert_eq!(next_id("standard", 2025, 2026), "standard-2026");
    }

    #[test]
    fn a_year_shift_keeps_the_day_and_clamps_the_leap_day() {
        let start = d("2024-04-01");
        assert_eq!(
            shifted(d("2024-06-06"), start, Shift::ToYear(2025)),
            Ok(d("2025-06-06"))
        );
        assert_eq!(
            shifted(d("2024-02-29"), start, Shift::ToYear(2025)),
            Ok(d("2025-02-28"))
        );
        assert_eq!(
            shifted(d("2024-06-06"), start, Shift::ToStart(d("2024-04-11"))),
            Ok(d("2024-06-16"))
        );
    }

    #[test]
    fn only_the_located_dates_and_the_id_change() {
        let text = "# keep 2025-08-01 in this comment\nid: m-2025\nperiod: { start: 2025-08-01, end: 2026-08-01, time: x }\nissued: \"2025-05-01\"\n";
        let moved = vec![
            MovedDate {
                field: "period.start".into(),
                label: String::new(),
                old: d("2025-08-01"),
                new: d("2026-08-01"),
            },
            MovedDate {
                field: "period.end".into(),
                label: String::new(),
                old: d("2026-08-01"),
                new: d("2027-08-01"),
            },
            MovedDate {
                field: "issued".into(),
                label: String::new(),
                old: d("2025-05-01"),
                new: d("2026-05-01"),
            },
        ];
        let out = rewrite(text, "m-2025", "m-2026", &moved, None).unwrap();
        assert_eq!(
            out,
            "# keep 2025-08-01 in this comment\nid: m-2026\nperiod: { start: 2026-08-01, end: 2027-08-01, time: x }\nissued: \"2026-05-01\"\n"
        );
    }

    #[test]
    fn previous_is_inserted_after_the_id_or_replaced() {
        let lineage = |written| {
            Some(Lineage {
                written,
                new: "m-2025",
            })
        };
        let text = "# comment\nid: m-2025 # the id\nproduct: cyber\n";
        let out = rewrite(text, "m-2025", "m-2026", &[], lineage(None)).unwrap();
        assert_eq!(
            out,
            "# comment\nid: m-2026 # the id\nprevious: m-2025\nproduct: cyber\n"
        );
        let text = "id: m-2025\nproduct: cyber\nprevious: m-2024 # last year\n";
        let out = rewrite(text, "m-2025", "m-2026", &[], lineage(Some("m-2024"))).unwrap();
        assert_eq!(
            out,
            "id: m-2026\nproduct: cyber\nprevious: m-2025 # last year\n"
        );
        assert_eq!(yaml_id("2025"), "\"2025\"");
    }

    #[test]
    fn years_inside_raw_are_found_with_their_line() {
        let text = "a: 令和7年7月に引き去り\nb: |\n  x{% raw %}令和7年7月{% endraw %}に\n  （{% raw %}2017{% endraw %}年）\n  {%- raw %}\n  令和元年5月1日\n  {% endraw %} 2025年 {% raw %}20%{% endraw %}\n";
        let found: Vec<(usize, String)> = years_in_raw(text)
            .into_iter()
            .map(|y| (y.line, y.text))
            .collect();
        assert_eq!(
            found,
            vec![
                (3, "令和7年7月".to_string()),
                (4, "2017年".to_string()),
                (6, "令和元年5月1日".to_string()),
            ]
        );
    }

    #[test]
    fn weekday_changes_and_weekends_are_flagged() {
        // 2025-06-06 is a Friday; 2026-06-06 a Saturday.
        let moved = MovedDate {
            field: "deadlines[0].date".into(),
            label: String::new(),
            old: d("2025-06-06"),
            new: d("2026-06-06"),
        };
        assert!(moved.weekday_changed());
        assert!(moved.on_weekend());
    }
}
