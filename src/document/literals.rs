//! The check that prose never copies a value the data holds: a premium, a
//! discount rate, a limit or a program date written literally would drift
//! the day the data changes. Dates get a check of their own: any date
//! written in prose (和暦 or 西暦, by month or by day) is refused, whether
//! the program holds it or not, since a rolled program would print last
//! year's date.

use crate::content::Diagnostic;
use crate::content::model::Prose;
use crate::content::problem::{DatePlaceholder, Placeholder, Problem};
use aho_corasick::AhoCorasick;
use chrono::{Datelike, NaiveDate};

/// A literal form of a data value and the placeholder that prints it.
#[derive(Clone, Debug)]
pub struct Literal {
    /// The value as it would be printed, e.g. `27,200円`.
    pub text: String,
    /// The placeholder to write instead, e.g. `{{ discounts.group | pct }}`.
    pub placeholder: String,
    /// Skip occurrences preceded by 約 (approximate figures are examples,
    /// never data) — used for limits, which collide with damage examples.
    pub unless_approximate: bool,
}

/// The literal forms of a program's values, searched for together: one
/// pass over a prose text finds all of them, where a search per literal
/// read each of a program's hundreds of prose texts a hundred-odd times
/// (half of preparing the Miyazaki program).
pub struct Literals {
    list: Vec<Literal>,
    /// `None` only if the automaton could not be built (it has size
    /// limits far beyond a program's literals); each literal is then
    /// searched for on its own.
    search: Option<AhoCorasick>,
}

impl Literals {
    /// The search for `list`.
    pub fn new(list: Vec<Literal>) -> Self {
        let search = AhoCorasick::new(list.iter().map(|l| &l.text)).ok();
        Self { list, search }
    }

    /// Where each literal occurs in `text`, overlapping occurrences
    /// included: (byte offset, index into the list).
    fn occurrences(&self, text: &str) -> Vec<(usize, usize)> {
        match &self.search {
            Some(search) => search
                .find_overlapping_iter(text)
                .map(|m| (m.start(), m.pattern().as_usize()))
                .collect(),
            None => self
                .list
                .iter()
                .enumerate()
                .flat_map(|(i, l)| text.match_indices(&l.text).map(move |(at, _)| (at, i)))
                .collect(),
        }
    }
}

/// Removes what may legitimately contain figures: `{{ … }}` expressions and
/// `{% raw %}…{% endraw %}` blocks, the author's mark for "not data". The
/// line breaks of what is removed are kept, so that a line counted in the
/// result is a line of the template.
fn strip_templating(template: &str) -> String {
    let mut text = template.to_string();
    for (open, close) in [("{% raw %}", "{% endraw %}"), ("{{", "}}"), ("{%", "%}")] {
        while let Some(start) = text.find(open) {
            let end = text[start..]
                .find(close)
                .map_or(text.len(), |e| start + e + close.len());
            let breaks = "\n".repeat(text[start..end].matches('\n').count());
            text.replace_range(start..end, &format!(" {breaks}"));
        }
    }
    text
}

/// Checks one prose text for literal copies of data values and for
/// dates written literally, blanking its templating out once for both.
pub fn check_prose(
    prose: &Prose,
    literals: &Literals,
    dates: &[KnownDate],
    out: &mut Vec<Diagnostic>,
) {
    let text = strip_templating(&prose.template);
    literal_copies(prose, &text, literals, out);
    literal_dates(prose, &text, dates, out);
}

/// [`literal_copies`] of one prose text alone (tests).
#[cfg(test)]
fn check(prose: &Prose, literals: &Literals, out: &mut Vec<Diagnostic>) {
    literal_copies(prose, &strip_templating(&prose.template), literals, out);
}

/// Reports every literal copy of a data value in `text`, which is `prose`
/// with its templating blanked out.
fn literal_copies(prose: &Prose, text: &str, literals: &Literals, out: &mut Vec<Diagnostic>) {
    let mut found = vec![false; literals.list.len()];
    for (at, index) in literals.occurrences(text) {
        let before = text[..at].chars().last();
        let approximate = literals.list[index].unless_approximate && before == Some('約');
        // A longer number that merely ends with this one is not a copy.
        let digit_before = before.is_some_and(|c| c.is_ascii_digit() || c == ',');
        found[index] |= !approximate && !digit_before;
    }
    // Reported in the literals' order, as each is found.
    for (literal, _) in literals.list.iter().zip(found).filter(|(_, found)| *found) {
        let problem = Problem::LiteralCopy {
            literal: literal.text.clone(),
            placeholder: placeholder(&literal.placeholder),
        };
        out.push(prose.source.diagnostic_at_text(&literal.text, 0, problem));
    }
}

/// A date the program holds, by the name prose reads it with.
#[derive(Clone, Debug)]
pub struct KnownDate {
    /// The value's path in the prose data, e.g. `dates.debit`,
    /// `period.start` or `deadlines.application.date`.
    pub name: String,
    /// The date.
    pub date: NaiveDate,
}

/// [`literal_dates`] of one prose text alone (tests).
#[cfg(test)]
fn check_dates(prose: &Prose, known: &[KnownDate], out: &mut Vec<Diagnostic>) {
    literal_dates(prose, &strip_templating(&prose.template), known, out);
}

/// Reports every date written literally in `text`, which is `prose` with
/// its templating blanked out (so outside placeholders and `{% raw %}`
/// blocks), naming the placeholder of the program's date it equals (by
/// day, or by month when the text gives no day), else the `dates:` entry
/// to add. `known` is searched in order: named dates first.
fn literal_dates(prose: &Prose, text: &str, known: &[KnownDate], out: &mut Vec<Diagnostic>) {
    let mut reported = Vec::new();
    for written in written_dates(text) {
        if reported.contains(&written.text) {
            continue;
        }
        let filter = match (written.era, written.day.is_some()) {
            (true, true) => "wareki",
            (true, false) => "wareki_month",
            (false, true) => "seireki",
            (false, false) => "seireki_month",
        };
        let same = |date: NaiveDate| match written.day {
            Some(_) => date == written.date,
            None => (date.year(), date.month()) == (written.date.year(), written.date.month()),
        };
        let placeholder = match known.iter().find(|k| same(k.date)) {
            Some(k) => DatePlaceholder::Known(format!("{{{{ {} | {filter} }}}}", k.name)),
            None => DatePlaceholder::New {
                date: written.date,
                filter,
            },
        };
        let problem = Problem::LiteralDate {
            literal: written.text.clone(),
            placeholder,
        };
        out.push(
            prose
                .source
                .diagnostic_at_text(&written.text, written.line, problem),
        );
        reported.push(written.text);
    }
}

/// A date found in prose text.
#[derive(Debug, PartialEq)]
struct WrittenDate {
    /// As written, e.g. `令和7年7月` or `2025年7月1日`.
    text: String,
    /// The line of the text it starts on, from 0.
    line: u64,
    /// The date meant; the first of the month when no day is written.
    date: NaiveDate,
    /// The day, when written.
    day: Option<u32>,
    /// Written in 和暦.
    era: bool,
}

/// The eras a date in prose may be written in, with the 西暦 year before
/// their first (so that 令和1年 is 2019).
const ERAS: [(&str, i32); 5] = [
    ("令和", 2018),
    ("平成", 1988),
    ("昭和", 1925),
    ("大正", 1911),
    ("明治", 1867),
];

/// Every date in `text` written with a year and a month (a day is
/// optional): `令和7年7月`, `令和元年5月1日`, `2025年7月`, `２０２５年７月１日`.
/// A year alone (`令和4年から`) or a month and day alone (`9月17日`) is
/// not a date a roll would leave behind, and is not reported.
fn written_dates(text: &str) -> Vec<WrittenDate> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match date_at(&chars, i) {
            Some((end, date, day, era)) => {
                found.push(WrittenDate {
                    text: chars[i..end].iter().collect(),
                    line: chars[..i].iter().filter(|&&c| c == '\n').count() as u64,
                    date,
                    day,
                    era,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

/// The date starting at `chars[at]`: where it ends, the date, the day if
/// written, and whether it is written in 和暦.
fn date_at(chars: &[char], at: usize) -> Option<(usize, NaiveDate, Option<u32>, bool)> {
    // Called at every character of every prose text: compares in place
    // rather than allocating, and gives up at once where no date can start.
    if digit(chars[at]).is_none() && !ERAS.iter().any(|(name, _)| name.starts_with(chars[at])) {
        return None;
    }
    let starts_with = |name: &str| {
        let mut rest = chars[at..].iter();
        name.chars().all(|c| rest.next() == Some(&c))
    };
    let (mut i, year, era) = match ERAS.iter().find(|(name, _)| starts_with(name)) {
        Some((name, before_first)) => {
            let i = at + name.chars().count();
            let (i, year) = if chars.get(i) == Some(&'元') {
                (i + 1, 1)
            } else {
                number(chars, i, 2)?
            };
            (i, before_first + year as i32, true)
        }
        None => {
            let digit_before = at > 0 && digit(chars[at - 1]).is_some();
            let (i, year) = number(chars, at, 4)?;
            if digit_before || i - at != 4 {
                return None;
            }
            (i, year as i32, false)
        }
    };
    i = expect(chars, i, '年')?;
    let (after_month, month) = number(chars, i, 2)?;
    i = expect(chars, after_month, '月')?;
    let day = number(chars, i, 2).and_then(|(j, day)| Some((expect(chars, j, '日')?, day)));
    let date = NaiveDate::from_ymd_opt(year, month, day.map_or(1, |(_, d)| d))?;
    Some((day.map_or(i, |(j, _)| j), date, day.map(|(_, d)| d), era))
}

/// The value of an ASCII or full-width digit.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Up to `max` digits from `chars[at]`: where they end and their value.
fn number(chars: &[char], at: usize, max: usize) -> Option<(usize, u32)> {
    let (mut count, mut value) = (0, 0);
    for d in chars[at.min(chars.len())..].iter().map_while(|&c| digit(c)) {
        count += 1;
        if count > max {
            return None;
        }
        value = value * 10 + d;
    }
    (count > 0).then_some((at + count, value))
}

/// The index after `c` if `chars[at]` is `c`.
fn expect(chars: &[char], at: usize, c: char) -> Option<usize> {
    (chars.get(at) == Some(&c)).then_some(at + 1)
}

/// The typed placeholder: an expression, or the phrase naming the
/// `premium_tables` block (the one placeholder that quotes code itself).
fn placeholder(text: &str) -> Placeholder {
    if text.contains('`') {
        Placeholder::PremiumTables
    } else {
        Placeholder::Expression(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Source;
    use std::path::PathBuf;

    fn prose(template: &str) -> Prose {
        Prose {
            template: template.into(),
            source: Source::new(PathBuf::from("p.yaml"), 3, 9, "faq[0].a".into()),
        }
    }

    fn literals() -> Literals {
        Literals::new(vec![
            Literal {
                text: "20%".into(),
                placeholder: "{{ discounts.group | pct }}".into(),
                unless_approximate: false,
            },
            Literal {
                text: "500万円".into(),
                placeholder: "{{ plans.H1.limits.incident_costs | man }}".into(),
                unless_approximate: true,
            },
        ])
    }

    fn problems(template: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        check(&prose(template), &literals(), &mut out);
        out
    }

    #[test]
    fn a_literal_rate_is_reported_with_its_placeholder() {
        let found = problems("団体割引20%適用");
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .problem
                .en()
                .contains("{{ discounts.group | pct }}")
        );
        assert_eq!(found[0].line, 3);
    }

    #[test]
    fn placeholders_raw_blocks_and_approximations_pass() {
        assert!(problems("団体割引{{ discounts.group | pct }}適用").is_empty());
        assert!(problems("最大{% raw %}20%{% endraw %}割引").is_empty());
        assert!(problems("コールセンター 約500万円").is_empty());
        assert!(problems("約120%").is_empty());
        assert_eq!(problems("事故対応費用500万円").len(), 1);
        // A copy after an approximation elsewhere is still a copy.
        assert_eq!(problems("約500万円、補償は500万円").len(), 1);
        assert!(problems("1,500万円").is_empty(), "a longer number");
    }

    #[test]
    fn overlapping_literals_are_each_found_in_the_literals_order() {
        let literals = Literals::new(
            ["1,000円", "11,000円", "0円"]
                .map(|text| Literal {
                    text: text.into(),
                    placeholder: "p".into(),
                    unless_approximate: false,
                })
                .into(),
        );
        let mut out = Vec::new();
        check(&prose("保険料11,000円"), &literals, &mut out);
        let found: Vec<String> = out
            .iter()
            .map(|d| match &*d.problem {
                Problem::LiteralCopy { literal, .. } => literal.clone(),
                other => panic!("{other:?}"),
            })
            .collect();
        // 1,000円 follows a digit (part of 11,000円); 0円 follows 0.
        assert_eq!(found, ["11,000円"]);
    }

    fn known() -> Vec<KnownDate> {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        vec![
            KnownDate {
                name: "dates.debit".into(),
                date: date(2025, 7, 1),
            },
            KnownDate {
                name: "period.start".into(),
                date: date(2025, 8, 1),
            },
        ]
    }

    fn date_problems(template: &str) -> Vec<Problem> {
        let mut out = Vec::new();
        check_dates(&prose(template), &known(), &mut out);
        out.into_iter().map(|d| *d.problem).collect()
    }

    fn known_date(literal: &str, placeholder: &str) -> Problem {
        Problem::LiteralDate {
            literal: literal.into(),
            placeholder: DatePlaceholder::Known(placeholder.into()),
        }
    }

    #[test]
    fn a_date_the_program_holds_names_its_placeholder_in_the_form_written() {
        assert_eq!(
            date_problems("令和7年7月に引き去り"),
            [known_date("令和7年7月", "{{ dates.debit | wareki_month }}")]
        );
        assert_eq!(
            date_problems("2025年7月に引き去り"),
            [known_date("2025年7月", "{{ dates.debit | seireki_month }}")]
        );
        assert_eq!(
            date_problems("令和7年8月1日から、２０２５年８月１日から"),
            [
                known_date("令和7年8月1日", "{{ period.start | wareki }}"),
                known_date("２０２５年８月１日", "{{ period.start | seireki }}"),
            ]
        );
    }

    #[test]
    fn a_date_the_program_does_not_hold_asks_for_a_named_date() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            date_problems("令和元年5月1日施行、2022年6月1日～2023年5月31日"),
            [
                (date(2019, 5, 1), "wareki", "令和元年5月1日"),
                (date(2022, 6, 1), "seireki", "2022年6月1日"),
                (date(2023, 5, 31), "seireki", "2023年5月31日"),
            ]
            .map(|(date, filter, literal)| Problem::LiteralDate {
                literal: literal.into(),
                placeholder: DatePlaceholder::New { date, filter },
            })
        );
    }

    #[test]
    fn raw_blocks_placeholders_and_what_is_no_date_pass() {
        for fine in [
            "{% raw %}令和5年10月以降{% endraw %}予定",
            "{{ dates.debit | wareki_month }}に引き去り",
            "令和4年からは改正法が施行",
            "9月17日(火)まで",
            "2025年度",
            "12025年7月",
            "令和7年13月",
        ] {
            assert!(date_problems(fine).is_empty(), "{fine}");
        }
        assert_eq!(date_problems("2024年4月改定の保険料").len(), 1);
    }

    #[test]
    fn a_date_is_located_on_its_line() {
        let mut out = Vec::new();
        check_dates(
            &prose("一行目{{ x\n }}\n二行目 令和7年7月"),
            &known(),
            &mut out,
        );
        assert_eq!(out[0].line, 5);
    }
}
