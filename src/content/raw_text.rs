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
    /// How a numbered document (the pamphlet) numbers the section: `auto`
    /// (the next number, the default), `none` (unnumbered, e.g. a cover)
    /// or `continued` (the previous section's number again, for a section
    /// that runs on as つづき).
    #[serde(default)]
    pub numbering: Numbering,
    /// The blocks in print order.
    #[serde(default)]
    pub blocks: Vec<Block>,
}

/// How a numbered document numbers a section.
#[derive(Clone, Copy, Debug, Default, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Numbering {
    /// The next number.
    #[default]
    Auto,
    /// No number.
    None,
    /// The previous section's number again (つづき).
    Continued,
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
    /// A picture from `content/assets/` (PNG, JPEG or SVG).
    Image(Image),
    /// A QR code the tool draws from a URL, with the URL printed and linked.
    Qr(Qr),
    /// A flow of stages joined by arrows, each with its items.
    Steps(Vec<Stage>),
    /// Key figures set large, each with its caption.
    Figures(Vec<KeyFigure>),
    /// Blocks side by side: one list of blocks per column.
    Columns(Vec<Vec<Block>>),
    /// The pamphlet's cover masthead: audience, title, product and badges
    /// set large. The section holding it is printed as the cover page
    /// (unnumbered, its title as the tagline, a page break after it).
    Cover,
}

/// A picture from `content/assets/`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Image {
    /// The file, relative to `content/assets/`: PNG, JPEG or SVG (an SVG
    /// may not refer to anything outside itself).
    pub file: String,
    /// The width in percent of the column, 1–100; 100 when absent.
    pub width: Option<u32>,
    /// The caption printed under the picture.
    pub caption: Option<String>,
}

/// A QR code of a URL.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Qr {
    /// The absolute http(s) URL the code holds; printed beside it as a link.
    pub url: String,
    /// A line printed above the URL (the site's name).
    pub caption: Option<String>,
}

/// One stage of a `steps` flow.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Stage {
    /// The stage's heading.
    pub title: String,
    /// What belongs to the stage (e.g. the costs paid at it).
    #[serde(default)]
    pub items: Vec<String>,
}

/// A key figure set large.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct KeyFigure {
    /// The figure as printed (約32%); text the content holds, never a
    /// number computed here.
    pub figure: String,
    /// What the figure is, printed under it; figures without one are
    /// statements, stacked rather than side by side.
    pub caption: Option<String>,
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
    /// The words before the hours, as the brochure prints them; default
    /// 受付時間 (seed 002 prints 受付時間：).
    pub hours_label: Option<String>,
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
