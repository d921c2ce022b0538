//! Rendering prose: minijinja templates with the program's data and the
//! filters brochures need, then joined so that source line breaks do not
//! become spaces in Japanese text.

use crate::content::Diagnostic;
use crate::content::model::Prose;
use crate::content::problem::{Problem, ProseError};
use crate::format;
use chrono::NaiveDate;
use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior, Value};
use rust_decimal::Decimal;
use std::str::FromStr;

/// A minijinja environment with strict undefined values and our filters.
pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.add_filter("yen", |v: Value| decimal(&v).map(format::yen));
    env.add_filter("man", |v: Value| decimal(&v).map(format::man_yen));
    env.add_filter("pct", |v: Value| decimal(&v).map(format::percent));
    env.add_filter("wareki", |v: Value| date(&v).map(format::wareki));
    env.add_filter("seireki", |v: Value| date(&v).map(format::seireki));
    env.add_filter("wareki_month", |v: Value| {
        date(&v).map(format::wareki_month)
    });
    env.add_filter("seireki_month", |v: Value| {
        date(&v).map(format::seireki_month)
    });
    env.add_filter("weekday", |v: Value| date(&v).map(format::weekday));
    env
}

/// The beginnings of our filters' own errors, so that a rendering error is
/// typed by the filter that raised it (see [`prose_error`]).
const NOT_A_NUMBER: &str = "expected a number, got";
const NOT_A_DATE: &str = "expected a date YYYY-MM-DD, got";

/// Strict mode lets undefined values reach filters; refuse them there too.
fn defined(value: &Value) -> Result<(), Error> {
    if value.is_undefined() {
        return Err(Error::new(
            ErrorKind::UndefinedError,
            "a placeholder names a value the program does not have",
        ));
    }
    Ok(())
}

fn decimal(value: &Value) -> Result<Decimal, Error> {
    defined(value)?;
    let text = value.to_string();
    Decimal::from_str(&text).map_err(|_| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("{NOT_A_NUMBER} `{text}`"),
        )
    })
}

fn date(value: &Value) -> Result<NaiveDate, Error> {
    defined(value)?;
    let text = value.to_string();
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("{NOT_A_DATE} `{text}`"),
        )
    })
}

/// Renders `prose` with `context`; an error names the file and line.
pub fn render(env: &Environment, prose: &Prose, context: &Value) -> Result<String, Diagnostic> {
    env.render_str(&prose.template, context)
        .map(|text| super::links::link_contacts(&join_lines(&text)))
        .map_err(|e| {
            let offset = e.line().map_or(0, |l| l.saturating_sub(1)) as u64;
            let mut message = e.kind().to_string();
            if let Some(detail) = e.detail() {
                message = format!("{message}: {detail}");
            }
            let name = message.split('`').nth(1).unwrap_or_default().to_string();
            let detail = e.detail().unwrap_or_default();
            let problem = Problem::Prose {
                error: prose_error(e.kind(), detail),
                name: name.clone(),
                detail: message,
            };
            prose.source.diagnostic_at_text(&name, offset, problem)
        })
}

/// The kind of a minijinja error, as the Japanese text names it.
fn prose_error(kind: ErrorKind, detail: &str) -> ProseError {
    match kind {
        ErrorKind::UndefinedError => ProseError::Undefined,
        ErrorKind::SyntaxError => ProseError::Syntax,
        ErrorKind::UnknownFilter => ProseError::UnknownFilter,
        ErrorKind::InvalidOperation if detail.starts_with(NOT_A_NUMBER) => ProseError::NotANumber,
        ErrorKind::InvalidOperation if detail.starts_with(NOT_A_DATE) => ProseError::NotADate,
        _ => ProseError::Other,
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Drops line breaks and single spaces next to Japanese text (where a
/// source line was wrapped); elsewhere a line break becomes one space.
pub fn join_lines(text: &str) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' || c == ' ' {
            let prev = out.chars().last();
            let next = chars.get(i + 1).copied();
            let cjk_before = prev.is_some_and(is_cjk);
            let cjk_after = next.is_some_and(is_cjk);
            let joins = if c == '\n' {
                cjk_before || cjk_after
            } else {
                cjk_before && cjk_after
            };
            if joins || prev == Some(' ') || next == Some('\n') {
                continue;
            }
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Source;
    use minijinja::context;
    use std::path::PathBuf;

    fn prose(template: &str) -> Prose {
        Prose {
            template: template.into(),
            source: Source::new(
                PathBuf::from("content/programs/x.yaml"),
                10,
                7,
                "sections[0].blocks[0].text".into(),
            ),
        }
    }

    fn ctx() -> Value {
        context! {
            discounts => context! { group => "0.20" },
            period => context! { start => "2025-08-01" },
            dates => context! { debit => "2025-07-01" },
            limit => "100000000",
            premium => "27200",
        }
    }

    #[test]
    fn filters_format_data() {
        let env = environment();
        let out = render(&env, &prose("団体割引{{ discounts.group | pct }}、{{ period.start | wareki }}{{ period.start | weekday }}、{{ limit | man }}、{{ premium | yen }}"), &ctx()).unwrap();
        assert_eq!(out, "団体割引20%、令和7年8月1日(金)、1億円、27,200円");
        let out = render(&env, &prose("{{ period.start | seireki }}"), &ctx()).unwrap();
        assert_eq!(out, "2025年8月1日");
        let out = render(
            &env,
            &prose(
                "{{ dates.debit | wareki_month }}（{{ dates.debit | seireki_month }}）に引き去り",
            ),
            &ctx(),
        )
        .unwrap();
        assert_eq!(out, "令和7年7月（2025年7月）に引き去り");
    }

    #[test]
    fn an_unknown_placeholder_is_located() {
        let env = environment();
        let err = render(
            &env,
            &prose("一行目\n二行目 {{ discounts.loyalty | pct }}"),
            &ctx(),
        )
        .unwrap_err();
        assert_eq!(
            (err.line, err.path.as_str()),
            (11, "sections[0].blocks[0].text")
        );
        assert!(err.problem.en().contains("undefined"), "{}", err.problem);
        assert!(matches!(
            *err.problem,
            Problem::Prose {
                error: ProseError::Undefined,
                ..
            }
        ));
    }

    #[test]
    fn japanese_line_breaks_join_without_spaces() {
        assert_eq!(
            join_lines("医療機関における\n情報管理の重要性"),
            "医療機関における情報管理の重要性"
        );
        assert_eq!(join_lines("により、 医療機関"), "により、医療機関");
        assert_eq!(join_lines("Tokio Cyber\nPort"), "Tokio Cyber Port");
        assert_eq!(join_lines("SOMPO サイバー"), "SOMPO サイバー");
    }
}
