//! Phone numbers and e-mail addresses in rendered prose made live links.
//!
//! Typst markup already links a bare `https://…` URL; a phone number
//! (`0120-179-066`) or an address written `name\@host` (the `@` escaped,
//! as Typst markup needs) is plain text. Wrapping them here, in the
//! rendered markup, makes every one a link annotation in the PDF (`tel:`,
//! `mailto:`) without a show rule scanning every text of the document.

use regex::{Captures, Regex};
use std::sync::LazyLock;

/// A Japanese phone number as printed: a leading 0 and three hyphenated
/// groups ([`link_contacts`] checks it is not part of a longer run).
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"0[0-9]{1,4}-[0-9]{1,4}-[0-9]{3,4}").expect("a constant pattern"));

/// An e-mail address as Typst markup writes it, `local\@domain`.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([A-Za-z0-9._%+\-]+)\\@([A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+)")
        .expect("a constant pattern")
});

/// `markup` with each phone number and e-mail address wrapped in a Typst
/// `#link`, printed exactly as written.
pub(super) fn link_contacts(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len());
    let mut last = 0;
    for m in PHONE.find_iter(markup) {
        let before = markup[..m.start()].chars().next_back();
        let after = markup[m.end()..].chars().next();
        // Part of a URL, a date or a longer number: not a phone number.
        let joined_before = before.is_some_and(|c| c.is_ascii_alphanumeric() || "/.-".contains(c));
        let joined_after = after.is_some_and(|c| c.is_ascii_digit() || c == '-');
        if joined_before || joined_after {
            continue;
        }
        let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
        out.push_str(&markup[last..m.start()]);
        out.push_str(&format!("#link(\"tel:{digits}\")[{}]", m.as_str()));
        last = m.end();
    }
    out.push_str(&markup[last..]);
    EMAIL
        .replace_all(&out, |c: &Captures| {
            format!(
                "#link(\"mailto:{}@{}\")[{}\\@{}]",
                &c[1], &c[2], &c[1], &c[2]
            )
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::link_contacts;

    #[test]
    fn links_phones_and_addresses() {
        assert_eq!(
            link_contacts("ご連絡先 0120-179-066（年中無休）"),
            "ご連絡先 #link(\"tel:0120179066\")[0120-179-066]（年中無休）"
        );
        assert_eq!(
            link_contacts("TEL 03-3942-6135 FAX 03-3946-6295 MAIL josys\\@po.med.or.jp"),
            "TEL #link(\"tel:0339426135\")[03-3942-6135] FAX #link(\"tel:0339466295\")[03-3946-6295] \
             MAIL #link(\"mailto:josys@po.med.or.jp\")[josys\\@po.med.or.jp]"
        );
    }

    #[test]
    fn leaves_other_figures_alone() {
        for text in [
            "2025-08-01",
            "https://example.com/0120-179-066",
            "10万円",
            "第6.0版",
            "12-34",
        ] {
            assert_eq!(link_contacts(text), text);
        }
    }
}
