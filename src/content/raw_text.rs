//! serde mirrors of the printed text of products and programs: sections of
//! prose blocks, FAQ entries, contacts and the documents to build.
//!
//! Every prose string is a minijinja template rendered with the program's
//! data before Typst sees it, and may use light Typst markup (`*強調*`).

use serde::Deserialize;

/// A titled part of a document.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub blocks: Vec<Block>,
}

/// One block of a section, written `- text: …`, `- list: […]`, or the bare
/// name of a generated block (`- premium_tables`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// A paragraph.
    Text(String),
    /// A subheading inside a section.
    Heading(String),
    /// A bulleted list.
    List(Vec<String>),
    /// ※ notes in smaller type.
    Notes(Vec<String>),
    /// A table of text.
    Table(TextTable),
    /// The program's premium tables, generated from the rating core.
    PremiumTables,
    /// The policy period and deadlines, generated from the program dates.
    Schedule,
    /// The program's contacts.
    Contacts,
    /// A FAX inquiry form with the program's contact.
    FaxForm,
    /// The FAQ entries of the product and the program.
    Faq,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextTable {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A question and its answer.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faq {
    pub q: String,
    pub a: String,
}

/// Someone to call: the agent (取扱代理店), the insurer (引受保険会社), a desk.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// What the contact is for, e.g. 取扱代理店.
    pub role: String,
    pub name: String,
    pub department: Option<String>,
    /// Postal code without the 〒 mark, e.g. 880-0023.
    pub postal_code: Option<String>,
    pub address: Option<String>,
    pub tel: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub hours: Option<String>,
}

/// A document to build for a program.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub kind: DocumentKind,
    /// Section ids in print order, looked up in the program first, then in
    /// the product.
    #[serde(default)]
    pub sections: Vec<String>,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Pamphlet,
    Flyer,
    RateSheet,
    Faq,
}

impl DocumentKind {
    /// The template file (under `templates/`) and output file stem.
    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::Pamphlet => "pamphlet",
            DocumentKind::Flyer => "flyer",
            DocumentKind::RateSheet => "rate-sheet",
            DocumentKind::Faq => "faq",
        }
    }
}
