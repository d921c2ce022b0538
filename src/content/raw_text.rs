//! serde mirrors of the printed text of products and programs: sections of
//! prose blocks, FAQ entries, contacts and the documents to build.
//!
//! Every prose string is a minijinja template rendered with the program's
//! data before Typst sees it, and may use light Typst markup (`*強調*`).

use schemars::JsonSchema;
use serde::Deserialize;

/// A titled part of a document.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Section {
    /// Section id, listed in a document's `sections`.
    pub id: String,
    /// The section heading as printed.
    pub title: String,
    /// The blocks in print order.
    #[serde(default)]
    pub blocks: Vec<Block>,
}

/// One block of a section, written `- text: …`, `- list: […]`, or the bare
/// name of a generated block (`- premium_tables`).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Block {
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
    /// The FAQ entries of the product and the program.
    Faq,
    /// The program's form with this id (`forms:`), fields to fill in.
    Form(String),
}

/// A form a member fills in and returns (FAX 問い合わせ票, お見積りシート):
/// its labels are the program's data, never the template's.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Form {
    /// The id a `form:` block names it by.
    pub id: String,
    /// The heading printed above the fields, e.g. お見積りシート.
    pub title: String,
    /// The fields in print order.
    pub fields: Vec<FormField>,
    /// The id of the deadline it must be returned by (`deadlines:`).
    pub deadline: Option<String>,
    /// The role of the contact it is returned to (`contacts:`); its FAX
    /// number, when it has one, heads the form.
    pub contact: Option<String>,
}

/// A field of a form: a label and an empty box, or a value filled in for
/// each member by `quote --members --kind request`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FormField {
    /// The label as printed, e.g. 事業者名.
    pub label: String,
    /// What a member's own form fills in; left empty in brochures.
    pub prefill: Option<Prefill>,
    /// Lines of room to write in (1 when absent).
    pub lines: Option<u8>,
}

/// What of the member a field is filled in with.
#[derive(Clone, Copy, Debug, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Prefill {
    /// The member id (会員番号) of the roster.
    MemberId,
    /// The member's name (施設名) of the roster.
    Name,
}

/// A table of text; every row is as wide as the header.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TextTable {
    /// The column headings.
    pub header: Vec<String>,
    /// The rows, each a list of cells.
    pub rows: Vec<Vec<String>>,
}

/// A question and its answer.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Faq {
    /// The question.
    pub q: String,
    /// The answer.
    pub a: String,
}

/// Someone to call: the agent (取扱代理店), the insurer (引受保険会社), a desk.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// What the contact is for, e.g. 取扱代理店.
    pub role: String,
    /// The company or office name.
    pub name: String,
    /// The department or desk, e.g. 営業部.
    pub department: Option<String>,
    /// Postal code without the 〒 mark, e.g. 880-0023.
    pub postal_code: Option<String>,
    /// The postal address.
    pub address: Option<String>,
    /// Telephone number as printed.
    pub tel: Option<String>,
    /// FAX number as printed; a form returned to this contact shows it.
    pub fax: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Office hours as printed, e.g. 平日9:00～17:00.
    pub hours: Option<String>,
}

/// A document to build for a program.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Document {
    /// Which document: pamphlet, flyer, rate_sheet or faq.
    pub kind: DocumentKind,
    /// Section ids in print order, looked up in the program first, then in
    /// the product.
    #[serde(default)]
    pub sections: Vec<String>,
}

/// The kind of a document, which names its template.
#[derive(Clone, Copy, Debug, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// The pamphlet (パンフレット), `templates/pamphlet.typ`.
    Pamphlet,
    /// A one-page flyer (チラシ), `templates/flyer.typ`.
    Flyer,
    /// The premium table sheet, `templates/rate-sheet.typ`.
    RateSheet,
    /// The FAQ sheet, `templates/faq.typ`.
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
