//! Why a template could not become a PDF, said in English and Japanese.
//! Typst's own diagnostics stay as Typst writes them (file:line:column
//! and a snippet, in English, exactly as the typst CLI prints them); the
//! framing around them follows the user's language.

use crate::messages::{Lang, Localized};
use std::path::PathBuf;

/// A failure of the embedded Typst.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The project, its `templates/` or `fonts/` folder cannot be opened.
    #[error("{}: {source}", path.display())]
    Folder {
        /// The folder.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// `fonts/` is missing.
    #[error("font folder {} not found: the project must ship its fonts in fonts/", .0.display())]
    NoFontFolder(PathBuf),
    /// `fonts/` holds no font.
    #[error("no fonts found in {}: add the TTF/OTF files the templates use", .0.display())]
    NoFonts(PathBuf),
    /// Typst reported errors (or warnings, which fail the build too).
    #[error("{report}")]
    Typst {
        /// Typst's diagnostics as the typst CLI prints them.
        report: String,
        /// Whether only warnings were reported.
        warnings_only: bool,
    },
    /// The PDF export failed.
    #[error("{0}\n(PDF export failed)")]
    Export(String),
    /// Characters no shipped font covers (see `glyphs.rs`).
    #[error("{0}")]
    MissingGlyphs(String),
    /// A `<tp-premium>` record is not a list of `(key, yen, first_yen)`.
    #[error("a <tp-premium> record is not a list of (key, yen, first_yen): {0}")]
    BadRecord(String),
    /// `SOURCE_DATE_EPOCH` (or an issue date) is no date a PDF can carry.
    #[error("SOURCE_DATE_EPOCH={0} is not a number of seconds within the years PDF can date")]
    SourceDate(String),
    /// A page preview could not be encoded.
    #[error("cannot encode a page preview: {0}")]
    Preview(String),
}

impl Localized for RenderError {
    fn localized(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                RenderError::Typst {
                    report,
                    warnings_only: true,
                },
                Lang::En,
            ) => format!("{report}\n(warnings fail the build)"),
            (
                RenderError::Typst {
                    report,
                    warnings_only: true,
                },
                Lang::Ja,
            ) => format!("{report}\n（テンプレートの警告も失敗として扱います）"),
            (_, Lang::En) => self.to_string(),
            (RenderError::Folder { path, source }, Lang::Ja) => {
                format!("{} を開けません: {source}", path.display())
            }
            (RenderError::NoFontFolder(dir), Lang::Ja) => format!(
                "フォントのフォルダ {} がありません。プロジェクトの fonts/ にフォントを置いてください",
                dir.display()
            ),
            (RenderError::NoFonts(dir), Lang::Ja) => format!(
                "{} にフォントがありません。テンプレートが使う TTF/OTF ファイルを置いてください",
                dir.display()
            ),
            (RenderError::Typst { report, .. }, Lang::Ja) => report.clone(),
            (RenderError::Export(report), Lang::Ja) => {
                format!("{report}\n（PDFの書き出しに失敗しました）")
            }
            (RenderError::MissingGlyphs(report), Lang::Ja) => {
                format!("同梱のフォントにない文字があります:\n{report}")
            }
            (RenderError::BadRecord(json), Lang::Ja) => {
                format!(
                    "<tp-premium> の記録が (key, yen, first_yen) のリストになっていません: {json}"
                )
            }
            (RenderError::SourceDate(value), Lang::Ja) => {
                format!("SOURCE_DATE_EPOCH={value} はPDFに書ける日時（秒数）ではありません")
            }
            (RenderError::Preview(e), Lang::Ja) => {
                format!("ページのプレビュー画像を作れません: {e}")
            }
        }
    }
}

/// Why one document could not be typeset.
#[derive(Debug)]
pub enum TypesetError {
    /// Typst failed (template error, missing glyph, export).
    Render(RenderError),
    /// The document printed premiums that disagree with the rating core.
    Drift(Vec<super::verify::Drift>),
}

impl Localized for TypesetError {
    fn localized(&self, lang: Lang) -> String {
        match (self, lang) {
            (TypesetError::Render(e), _) => e.localized(lang),
            (TypesetError::Drift(problems), _) => {
                let lead = match lang {
                    Lang::En => "the printed premiums disagree with the rating core:",
                    Lang::Ja => "印刷された保険料が料率計算と一致しません:",
                };
                let lines: Vec<String> = problems.iter().map(|d| d.localized(lang)).collect();
                format!("{lead}\n  {}", lines.join("\n  "))
            }
        }
    }
}

/// A document that failed, by name (`program/document` or a template).
#[derive(Debug)]
pub struct DocumentFailure {
    /// `miyazaki-2025/pamphlet`, `quote`, `diff`.
    pub name: String,
    /// What went wrong (boxed: failures are rare and results stay small).
    pub cause: Box<TypesetError>,
}

impl Localized for DocumentFailure {
    fn localized(&self, lang: Lang) -> String {
        let cause = self.cause.localized(lang);
        match lang {
            Lang::En => format!("{}.pdf failed:\n{cause}", self.name),
            Lang::Ja => format!("{}.pdf を作れませんでした:\n{cause}", self.name),
        }
    }
}
