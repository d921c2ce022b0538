//! The validated printed text: sections of prose blocks, FAQ, contacts and
//! the documents a program builds. Prose stays a template here, with the
//! place it was written, because it is rendered per document.

use super::asset::Asset;
use super::diagnostic::{FileReport, Source};
use super::problem::Problem;
use super::raw_text as raw;
use std::collections::HashSet;

pub use raw::{DocumentKind, Numbering};

/// A minijinja template of printed text and where it was written.
#[derive(Clone, Debug)]
pub struct Prose {
    /// The text as the author wrote it, placeholders such as
    /// `{{ period.start | wareki }}` unrendered.
    pub template: String,
    /// Where it was written, so that a render or literal-check error
    /// points at the author's line.
    pub source: Source,
}

/// A titled part of a brochure (あらまし, 補償内容, 保険料…).
#[derive(Debug)]
pub struct Section {
    /// The id a document's `sections` lists it by.
    pub id: String,
    /// The section heading as printed.
    pub title: Prose,
    /// How a numbered document numbers it.
    pub numbering: Numbering,
    /// The blocks in print order.
    pub blocks: Vec<Block>,
}

/// One block of a section: author prose, or a part generated from the
/// program's data.
#[derive(Debug)]
pub enum Block {
    /// A paragraph.
    Text(Prose),
    /// A subheading inside a section.
    Heading(Prose),
    /// A bulleted list, one item per entry.
    List(Vec<Prose>),
    /// ※ notes in smaller type.
    Notes(Vec<Prose>),
    /// A table of text; every row is as wide as the header.
    Table {
        /// The column headings.
        header: Vec<Prose>,
        /// The rows, each a list of cells.
        rows: Vec<Vec<Prose>>,
    },
    /// The program's premium tables, priced by the rating core.
    PremiumTables,
    /// The policy period and deadlines, from the program's dates.
    Schedule,
    /// The program's contacts.
    Contacts,
    /// The FAQ entries of the product, then the program.
    Faq,
    /// The program's form with this id (checked to exist for a program's
    /// own sections).
    Form(String),
    /// A picture from `content/assets/`, checked and read.
    Image {
        /// The picture.
        asset: Asset,
        /// Its width in percent of the column (1–100).
        width: u32,
        /// The caption under it.
        caption: Option<Prose>,
    },
    /// A QR code of a URL, printed with the URL as a link.
    Qr {
        /// The absolute http(s) URL.
        url: String,
        /// The line above the URL.
        caption: Option<Prose>,
    },
    /// A flow of stages joined by arrows.
    Steps(Vec<Stage>),
    /// Key figures set large.
    Figures(Vec<KeyFigure>),
    /// Blocks side by side, one list per column.
    Columns(Vec<Vec<Block>>),
    /// The cover masthead (audience, title, product, badges).
    Cover,
}

impl Block {
    /// Every prose template of the block (nested ones too), in print order:
    /// what the literal checks and the font coverage read.
    pub fn prose<'a>(&'a self, out: &mut Vec<&'a Prose>) {
        match self {
            Block::Text(p) | Block::Heading(p) => out.push(p),
            Block::List(items) | Block::Notes(items) => out.extend(items),
            Block::Table { header, rows } => {
                out.extend(header);
                rows.iter().for_each(|r| out.extend(r));
            }
            Block::Image { caption, .. } | Block::Qr { caption, .. } => out.extend(caption),
            Block::Steps(stages) => {
                for stage in stages {
                    out.push(&stage.title);
                    out.extend(&stage.items);
                }
            }
            Block::Figures(figures) => {
                for f in figures {
                    out.push(&f.figure);
                    out.extend(&f.caption);
                }
            }
            Block::Columns(columns) => columns.iter().flatten().for_each(|b| b.prose(out)),
            Block::PremiumTables
            | Block::Schedule
            | Block::Contacts
            | Block::Form(_)
            | Block::Faq
            | Block::Cover => {}
        }
    }
}

/// One stage of a `steps` flow.
#[derive(Debug)]
pub struct Stage {
    /// The stage's heading.
    pub title: Prose,
    /// What belongs to the stage.
    pub items: Vec<Prose>,
}

/// A key figure and its caption, both prose the content holds.
#[derive(Debug)]
pub struct KeyFigure {
    /// The figure as printed (約32%).
    pub figure: Prose,
    /// What it is, if said.
    pub caption: Option<Prose>,
}

pub use raw::Prefill;

/// A form a member fills in and returns, its labels from the program.
#[derive(Clone, Debug)]
pub struct Form {
    /// The id `form:` blocks name it by.
    pub id: String,
    /// The heading printed above the fields.
    pub title: String,
    /// The fields in print order.
    pub fields: Vec<FormField>,
    /// The deadline it is returned by (index into `Program::deadlines`).
    pub deadline: Option<usize>,
    /// The contact it is returned to (index into `Program::contacts`).
    pub contact: Option<usize>,
}

/// One field of a form.
#[derive(Clone, Debug)]
pub struct FormField {
    /// The label as printed.
    pub label: String,
    /// What a member's own form fills in.
    pub prefill: Option<Prefill>,
    /// Lines of room to write in.
    pub lines: u8,
}

/// Validates a program's forms: unique ids, deadline ids and contact
/// roles that exist; and every `form:` block of the
/// program's own sections naming one of them.
pub(super) fn forms(
    raw: Vec<raw::Form>,
    deadlines: &[&str],
    contacts: &[Contact],
    sections: &[Section],
    report: &mut FileReport,
) -> Vec<Form> {
    use super::problem::IdKind;
    let unknown = |kind, id: &str, known: Vec<String>| Problem::Unknown {
        kind,
        id: id.to_string(),
        known,
    };
    let mut seen = HashSet::new();
    let forms: Vec<Form> = raw
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let path = format!("forms[{i}]");
            if !seen.insert(f.id.clone()) {
                report.error(
                    &format!("{path}.id"),
                    Problem::DuplicateId { id: f.id.clone() },
                );
            }
            let deadline = f.deadline.as_deref().and_then(|id| {
                let found = deadlines.iter().position(|d| *d == id);
                if found.is_none() {
                    let known = deadlines.iter().map(|d| d.to_string()).collect();
                    report.error(
                        &format!("{path}.deadline"),
                        unknown(IdKind::Deadline, id, known),
                    );
                }
                found
            });
            let contact = f.contact.as_deref().and_then(|role| {
                let found = contacts.iter().position(|c| c.role == role);
                if found.is_none() {
                    let known = contacts.iter().map(|c| c.role.clone()).collect();
                    report.error(
                        &format!("{path}.contact"),
                        unknown(IdKind::Contact, role, known),
                    );
                }
                found
            });
            Form {
                id: f.id,
                title: f.title,
                fields: f
                    .fields
                    .into_iter()
                    .map(|field| FormField {
                        label: field.label,
                        prefill: field.prefill,
                        lines: field.lines.unwrap_or(1).max(1),
                    })
                    .collect(),
                deadline,
                contact,
            }
        })
        .collect();
    for (i, section) in sections.iter().enumerate() {
        for (j, block) in section.blocks.iter().enumerate() {
            if let Block::Form(id) = block
                && !forms.iter().any(|f| &f.id == id)
            {
                let known = forms.iter().map(|f| f.id.clone()).collect();
                report.error(
                    &format!("sections[{i}].blocks[{j}].form"),
                    unknown(IdKind::Form, id, known),
                );
            }
        }
    }
    forms
}

/// A question a member might ask and its answer, both prose.
#[derive(Debug)]
pub struct Faq {
    /// The question (Q).
    pub q: Prose,
    /// The answer (A).
    pub a: Prose,
}

pub use raw::Contact;

/// Where a document's section is defined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionRef {
    /// The program's own section (index into `Program::sections`), which
    /// takes precedence over a product section of the same id.
    Program(usize),
    /// A section shared by the product (index into `Product::sections`).
    Product(usize),
}

/// A document built for a program: its template and what it prints.
#[derive(Debug)]
pub struct Document {
    /// Which document (pamphlet, flyer, rate sheet, FAQ), naming the
    /// template and the output file.
    pub kind: DocumentKind,
    /// The sections it prints, in print order, already resolved.
    pub sections: Vec<SectionRef>,
}

/// Prose written at `path` of the file `report` reads.
pub(super) fn prose(template: String, path: String, report: &FileReport) -> Prose {
    Prose {
        source: report.source(&path),
        template,
    }
}

fn prose_list(items: Vec<String>, path: &str, report: &FileReport) -> Vec<Prose> {
    items
        .into_iter()
        .enumerate()
        .map(|(i, t)| prose(t, format!("{path}[{i}]"), report))
        .collect()
}

/// Validates sections: unique ids, tables with rows as wide as the header.
pub(super) fn sections(raw: Vec<raw::Section>, report: &mut FileReport) -> Vec<Section> {
    let mut seen = HashSet::new();
    raw.into_iter()
        .enumerate()
        .map(|(i, s)| {
            let path = format!("sections[{i}]");
            if !seen.insert(s.id.clone()) {
                report.error(
                    &format!("{path}.id"),
                    Problem::DuplicateSectionId { id: s.id.clone() },
                );
            }
            Section {
                title: prose(s.title, format!("{path}.title"), report),
                numbering: s.numbering,
                blocks: s
                    .blocks
                    .into_iter()
                    .enumerate()
                    .map(|(j, b)| block(b, &format!("{path}.blocks[{j}]"), report))
                    .collect(),
                id: s.id,
            }
        })
        .collect()
}

fn block(raw: raw::Block, path: &str, report: &mut FileReport) -> Block {
    match raw {
        raw::Block::Text(t) => Block::Text(prose(t, format!("{path}.text"), report)),
        raw::Block::Heading(t) => Block::Heading(prose(t, format!("{path}.heading"), report)),
        raw::Block::List(items) => Block::List(prose_list(items, &format!("{path}.list"), report)),
        raw::Block::Notes(items) => {
            Block::Notes(prose_list(items, &format!("{path}.notes"), report))
        }
        raw::Block::Table(t) => {
            let width = t.header.len();
            let rows = t
                .rows
                .into_iter()
                .enumerate()
                .map(|(r, row)| {
                    let at = format!("{path}.table.rows[{r}]");
                    if row.len() != width {
                        report.error(
                            &at,
                            Problem::RowWidth {
                                expected: width,
                                got: row.len(),
                            },
                        );
                    }
                    prose_list(row, &at, report)
                })
                .collect();
            Block::Table {
                header: prose_list(t.header, &format!("{path}.table.header"), report),
                rows,
            }
        }
        raw::Block::PremiumTables => Block::PremiumTables,
        raw::Block::Schedule => Block::Schedule,
        raw::Block::Contacts => Block::Contacts,
        raw::Block::Faq => Block::Faq,
        raw::Block::Image(image) => {
            let at = format!("{path}.image");
            let width = image.width.unwrap_or(100);
            if !(1..=100).contains(&width) {
                report.error(&format!("{at}.width"), Problem::ImageWidth { got: width });
            }
            Block::Image {
                asset: report.asset(&format!("{at}.file"), &image.file),
                width,
                caption: image
                    .caption
                    .map(|c| prose(c, format!("{at}.caption"), report)),
            }
        }
        raw::Block::Qr(qr) => {
            let at = format!("{path}.qr");
            if !is_web_url(&qr.url) {
                report.error(
                    &format!("{at}.url"),
                    Problem::BadUrl {
                        url: qr.url.clone(),
                    },
                );
            }
            Block::Qr {
                url: qr.url,
                caption: qr
                    .caption
                    .map(|c| prose(c, format!("{at}.caption"), report)),
            }
        }
        raw::Block::Steps(stages) => {
            let at = format!("{path}.steps");
            if stages.is_empty() {
                report.error(&at, Problem::EmptyBlock { block: "steps" });
            }
            Block::Steps(
                stages
                    .into_iter()
                    .enumerate()
                    .map(|(i, s)| Stage {
                        title: prose(s.title, format!("{at}[{i}].title"), report),
                        items: prose_list(s.items, &format!("{at}[{i}].items"), report),
                    })
                    .collect(),
            )
        }
        raw::Block::Figures(figures) => {
            let at = format!("{path}.figures");
            if figures.is_empty() {
                report.error(&at, Problem::EmptyBlock { block: "figures" });
            }
            Block::Figures(
                figures
                    .into_iter()
                    .enumerate()
                    .map(|(i, f)| KeyFigure {
                        figure: prose(f.figure, format!("{at}[{i}].figure"), report),
                        caption: f
                            .caption
                            .map(|c| prose(c, format!("{at}[{i}].caption"), report)),
                    })
                    .collect(),
            )
        }
        raw::Block::Columns(columns) => {
            let at = format!("{path}.columns");
            if columns.is_empty() {
                report.error(&at, Problem::EmptyBlock { block: "columns" });
            }
            Block::Columns(
                columns
                    .into_iter()
                    .enumerate()
                    .map(|(i, blocks)| {
                        blocks
                            .into_iter()
                            .enumerate()
                            .map(|(j, b)| block(b, &format!("{at}[{i}][{j}]"), report))
                            .collect()
                    })
                    .collect(),
            )
        }
        raw::Block::Cover => Block::Cover,
        raw::Block::Form(id) => Block::Form(id),
    }
}

/// The longest URL a `qr` block takes: a version-40 code at level M holds
/// 2,331 bytes, and a printed code that dense would not scan anyway.
const MAX_URL: usize = 1000;

/// Whether `url` is an absolute http(s) URL a QR code and a link can hold:
/// a scheme, a host, and only printable ASCII without spaces or quotes.
pub(super) fn is_web_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else { return false };
    if url.len() > MAX_URL {
        return false;
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
        && url
            .chars()
            .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '\\' | '`'))
}

/// Whether `colour` is written `#rrggbb`.
pub(super) fn is_colour(colour: &str) -> bool {
    colour.len() == 7
        && colour.starts_with('#')
        && colour[1..].chars().all(|c| c.is_ascii_hexdigit())
}

pub(super) fn faq(raw: Vec<raw::Faq>, report: &FileReport) -> Vec<Faq> {
    raw.into_iter()
        .enumerate()
        .map(|(i, f)| Faq {
            q: prose(f.q, format!("faq[{i}].q"), report),
            a: prose(f.a, format!("faq[{i}].a"), report),
        })
        .collect()
}

/// Resolves each document's section ids: the program's own first, then the
/// product's. A program that lists no document, or defines a section no
/// document prints, is reported: that is what a file cut in half or an
/// unfinished edit looks like, and it would otherwise build fewer pages
/// without a word.
pub(super) fn documents(
    raw: Vec<raw::Document>,
    program_sections: &[Section],
    product_sections: &[Section],
    report: &mut FileReport,
) -> Vec<Document> {
    if raw.is_empty() {
        report.error("documents", Problem::NoDocuments);
    }
    for (i, section) in program_sections.iter().enumerate() {
        let printed = raw.iter().any(|d| d.sections.contains(&section.id));
        if !printed {
            report.error(
                &format!("sections[{i}].id"),
                Problem::SectionNotPrinted {
                    id: section.id.clone(),
                },
            );
        }
    }
    let mut kinds = HashSet::new();
    raw.into_iter()
        .enumerate()
        .map(|(i, d)| {
            if !kinds.insert(d.kind) {
                report.error(
                    &format!("documents[{i}].kind"),
                    Problem::DocumentListedTwice {
                        document: d.kind.name().to_string(),
                    },
                );
            }
            let sections = d
                .sections
                .iter()
                .enumerate()
                .filter_map(|(j, id)| {
                    let found = find(program_sections, id)
                        .map(SectionRef::Program)
                        .or_else(|| find(product_sections, id).map(SectionRef::Product));
                    if found.is_none() {
                        let known = program_sections
                            .iter()
                            .chain(product_sections)
                            .map(|s| s.id.clone())
                            .collect();
                        report.error(
                            &format!("documents[{i}].sections[{j}]"),
                            Problem::UnknownSection {
                                id: id.clone(),
                                known,
                            },
                        );
                    }
                    found
                })
                .collect();
            Document {
                kind: d.kind,
                sections,
            }
        })
        .collect()
}

fn find(sections: &[Section], id: &str) -> Option<usize> {
    sections.iter().position(|s| s.id == id)
}
