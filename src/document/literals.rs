//! The check that prose never copies a value the data holds: a premium, a
//! discount rate, a limit or a program date written literally would drift
//! the day the data changes.

use crate::content::Diagnostic;
use crate::content::model::Prose;
use crate::content::problem::{Placeholder, Problem};

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

/// Removes what may legitimately contain figures: `{{ … }}` expressions and
/// `{% raw %}…{% endraw %}` blocks, the author's mark for "not data".
fn strip_templating(template: &str) -> String {
    let mut text = template.to_string();
    for (open, close) in [("{% raw %}", "{% endraw %}"), ("{{", "}}"), ("{%", "%}")] {
        while let Some(start) = text.find(open) {
            let end = text[start..]
                .find(close)
                .map_or(text.len(), |e| start + e + close.len());
            text.replace_range(start..end, " ");
        }
    }
    text
}

/// Reports every literal copy of a data value in `prose`.
pub fn check(prose: &Prose, literals: &[Literal], out: &mut Vec<Diagnostic>) {
    let text = strip_templating(&prose.template);
    for literal in literals {
        let found = text.match_indices(&literal.text).any(|(at, _)| {
            let before = text[..at].chars().last();
            let approximate = literal.unless_approximate && before == Some('約');
            // A longer number that merely ends with this one is not a copy.
            let digit_before = before.is_some_and(|c| c.is_ascii_digit() || c == ',');
            !approximate && !digit_before
        });
        if found {
            let problem = Problem::LiteralCopy {
                literal: literal.text.clone(),
                placeholder: placeholder(&literal.placeholder),
            };
            out.push(prose.source.diagnostic_at_text(&literal.text, 0, problem));
        }
    }
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
            source: Source {
                file: PathBuf::from("p.yaml"),
                line: 3,
                column: 9,
                path: "faq[0].a".into(),
            },
        }
    }

    fn literals() -> Vec<Literal> {
        vec![
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
        ]
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
    }
}
