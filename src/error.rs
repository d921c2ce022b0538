//! The one error type every library entry point a command calls returns,
//! and the exit code it maps to.
//!
//! Each layer has its own error enum (`render::RenderError`,
//! `provenance::ProvenanceError`, content `Diagnostic`s, ...); they meet
//! here so that a command has one thing to report. Every variant is said
//! in English and Japanese through [`Localized`]: no message is ever
//! translated by looking at its English text.

use crate::content::problem::{did_you_mean_en, did_you_mean_ja};
use crate::content::{Diagnostic, IdKind};
use crate::messages::{Lang, Localized};
use std::path::PathBuf;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in the content, every one found: exit 1.
    #[error("{} problems in the content", .0.len())]
    Content(Vec<Diagnostic>),
    /// The command line names something that does not exist, or asks for
    /// something the content cannot give: exit 2.
    #[error(transparent)]
    Usage(#[from] Usage),
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// Typesetting failed: one report per failed document, as Typst (or
    /// the drift guard) wrote it; nothing was written.
    #[error("{} of {total} documents failed", failures.len())]
    Typeset {
        /// Each failed document with its cause.
        failures: Vec<crate::render::DocumentFailure>,
        /// How many documents were typeset in all.
        total: usize,
    },
    /// The project's templates or fonts could not be opened.
    #[error(transparent)]
    Render(#[from] crate::render::RenderError),
    /// A PDF could not be read back.
    #[error(transparent)]
    Provenance(#[from] crate::provenance::ProvenanceError),
    /// A program could not be priced although its content validated (a
    /// bug in validation, reported rather than a panic).
    #[error(transparent)]
    Pricing(#[from] crate::rates::CellError),
    /// A tool the command runs (git, tar) failed.
    #[error("{tool}: {detail}")]
    Tool {
        /// The program run.
        tool: &'static str,
        /// What it said.
        detail: String,
    },
    /// The file watcher could not be set up.
    #[error("cannot watch files: {0}")]
    Watch(String),
    /// An Excel workbook could not be made (a name Excel refuses, a text
    /// too long for a cell).
    #[error("cannot write the workbook: {0}")]
    Workbook(#[from] rust_xlsxwriter::XlsxError),
    /// Bad rows of a roster (`quote --members`), every one: exit 1,
    /// nothing written.
    #[error("{} problems in the roster", .0.len())]
    Roster(Vec<crate::roster::RowProblem>),
    /// `serve` could not listen on its address (most often: the port is
    /// taken by another program).
    #[error("cannot listen on {address}: {detail}")]
    Listen {
        /// `127.0.0.1:8807`.
        address: String,
        /// The port is in use.
        in_use: bool,
        /// What the operating system said.
        detail: String,
    },
    /// `diff --fail-on-change` found changed premiums: exit 3.
    #[error("premiums changed and --fail-on-change was given")]
    Changed,
}

impl Error {
    /// A file error at `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The process exit code: 1 content or rendering problem, 2 usage
    /// error, 3 changes found by `diff --fail-on-change`.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            Error::Changed => 3,
            _ => 1,
        }
    }
}

impl Localized for Error {
    fn localized(&self, lang: Lang) -> String {
        match (self, lang) {
            (Error::Content(_), _) => crate::messages::problems_found(self.content_count(), lang),
            (Error::Usage(usage), _) => usage.localized(lang),
            (Error::Io { path, source }, Lang::En) => format!("{}: {source}", path.display()),
            (Error::Io { path, source }, Lang::Ja) => {
                format!("{} を読み書きできません: {source}", path.display())
            }
            (Error::Typeset { failures, total }, _) => {
                let reports: Vec<String> = failures.iter().map(|f| f.localized(lang)).collect();
                let count = failures.len();
                match lang {
                    Lang::En => format!(
                        "{}\n{count} of {total} documents failed; nothing was written",
                        reports.join("\n\n")
                    ),
                    Lang::Ja => format!(
                        "{}\n{total}件中{count}件の文書の組版に失敗しました。何も書き出していません。",
                        reports.join("\n\n")
                    ),
                }
            }
            (Error::Render(e), _) => e.localized(lang),
            (Error::Provenance(e), _) => e.localized(lang),
            (Error::Pricing(e), Lang::En) => e.to_string(),
            (Error::Pricing(e), Lang::Ja) => format!(
                "プログラム `{}` の区分 `{}`・プラン `{}` の保険料を計算できません: {}",
                e.program, e.class, e.plan, e.reason
            ),
            (Error::Tool { tool, detail }, Lang::En) => format!("{tool} failed: {detail}"),
            (Error::Tool { tool, detail }, Lang::Ja) => {
                format!("{tool} の実行に失敗しました: {detail}")
            }
            (Error::Watch(detail), Lang::En) => format!("cannot watch files: {detail}"),
            (Error::Watch(detail), Lang::Ja) => {
                format!("ファイルの変更を監視できません: {detail}")
            }
            (Error::Workbook(e), Lang::En) => format!("cannot write the workbook: {e}"),
            (Error::Workbook(e), Lang::Ja) => format!("Excelブックを書き出せません: {e}"),
            (Error::Roster(problems), _) => {
                let mut lines: Vec<String> = problems.iter().map(|p| p.localized(lang)).collect();
                let rows = {
                    let mut rows: Vec<usize> = problems.iter().map(|p| p.line).collect();
                    rows.dedup();
                    rows.len()
                };
                lines.push(match lang {
                    Lang::En => format!(
                        "{rows} bad rows in the roster; nothing was written (--skip-invalid writes the good rows)"
                    ),
                    Lang::Ja => format!(
                        "名簿に不正な行が{rows}行あります。何も書き出していません（--skip-invalid で正しい行だけ書き出せます）"
                    ),
                });
                lines.join("\n")
            }
            (
                Error::Listen {
                    address,
                    in_use: true,
                    ..
                },
                Lang::En,
            ) => format!(
                "cannot listen on {address}: the port is in use (another `tariffpress serve`?); choose another with --port"
            ),
            (
                Error::Listen {
                    address,
                    in_use: true,
                    ..
                },
                Lang::Ja,
            ) => format!(
                "{address} で待ち受けできません: ポートが使用中です（別の `tariffpress serve` が動いていませんか）。--port で別のポートを指定してください"
            ),
            (
                Error::Listen {
                    address, detail, ..
                },
                Lang::En,
            ) => {
                format!("cannot listen on {address}: {detail}")
            }
            (
                Error::Listen {
                    address, detail, ..
                },
                Lang::Ja,
            ) => {
                format!("{address} で待ち受けできません: {detail}")
            }
            (Error::Changed, Lang::En) => self.to_string(),
            (Error::Changed, Lang::Ja) => {
                "保険料が変わりました（--fail-on-change が指定されています）".to_string()
            }
        }
    }
}

impl Error {
    fn content_count(&self) -> usize {
        match self {
            Error::Content(diags) => diags.len(),
            _ => 0,
        }
    }
}

impl From<Vec<Diagnostic>> for Error {
    fn from(diags: Vec<Diagnostic>) -> Self {
        Error::Content(diags)
    }
}

/// Something the command line asked for that the project does not have:
/// exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum Usage {
    /// `PROGRAM` is not a program id of the content.
    #[error("unknown program `{id}`; the content defines: {}", known.join(", "))]
    UnknownProgram {
        /// What was asked for.
        id: String,
        /// The programs there are.
        known: Vec<String>,
    },
    /// `--class`, `--plan` or `--category` names nothing of the product.
    #[error("unknown {} `{id}` for product `{product}`; expected one of: {}", what.en(), known.join(", "))]
    UnknownCaseId {
        /// Which option.
        what: IdKind,
        /// What was asked for.
        id: String,
        /// The program's product.
        product: String,
        /// The ids the product defines.
        known: Vec<String>,
    },
    /// `quote`/`explain` for a program whose product has no tariff: the
    /// insurer quotes each member, so the tool has nothing to price with.
    #[error(
        "program `{program}` sells product `{product}`, which has no tariff: its members are quoted by the insurer (no premium can be computed)"
    )]
    NoTariff {
        /// The program asked for.
        program: String,
        /// Its product.
        product: String,
    },
    /// `--product` names no product.
    #[error("unknown product `{id}`; the content defines: {}", known.join(", "))]
    UnknownProduct {
        /// What was asked for.
        id: String,
        /// The products there are.
        known: Vec<String>,
    },
    /// The program builds no such document.
    #[error("program `{program}` builds no document `{document}`; it builds: {}", known.join(", "))]
    NoSuchDocument {
        /// The program.
        program: String,
        /// What was asked for.
        document: String,
        /// The documents it builds.
        known: Vec<String>,
    },
    /// A premium could not be given for the case (e.g. a size outside the
    /// tariff's table, which only the underwriter can price).
    #[error("{0}")]
    NotPriced(crate::rates::CellError),
    /// `init` into a folder that holds files.
    #[error("{} is not empty; init writes a new project into an empty or new folder", .0.display())]
    NotEmpty(PathBuf),
    /// `new program` with an id that exists.
    #[error("program `{id}` already exists ({})", file.display())]
    ProgramExists {
        /// The id asked for.
        id: String,
        /// Its file.
        file: PathBuf,
    },
    /// An id unfit for a file name.
    #[error(
        "`{0}` cannot be a program id: use lower-case letters, digits and `-` (e.g. oita-2026)"
    )]
    BadProgramId(String),
    /// `quote --kind renewal` for a program with no `previous:`.
    #[error(
        "program `{program}` has no `previous:` program, so there is no last year's premium for a renewal notice"
    )]
    NoPredecessor {
        /// The program.
        program: String,
    },
    /// `quote --kind request` for a program with no form that fills in
    /// a member's id or name.
    #[error(
        "program `{program}` has no form with a `prefill:` field to fill in for each member; add one under `forms:`"
    )]
    NoRequestForm {
        /// The program.
        program: String,
    },
    /// `quote` without `--members` needs `--class` and `--plan`.
    #[error("quote needs --class and --plan (one facility) or --members FILE (a roster)")]
    NoCase,
    /// `context` needs a document or `--members`.
    #[error(
        "context needs a document (pamphlet, flyer, rate-sheet, faq) or --members FILE --output DIR"
    )]
    NoDocument,
    /// A file would be overwritten without `--force`.
    #[error("{} already exists; pass --force to overwrite it", .0.display())]
    FileExists(PathBuf),
    /// `roll` cannot move the program.
    #[error(transparent)]
    Roll(crate::content::roll::RollError),
    /// Two diff sides of kinds that cannot be compared.
    #[error("{}", .0.english())]
    DiffSides(DiffSides),
    /// A diff side names a file that does not exist.
    #[error("{} is not a file", .0.display())]
    NotAFile(PathBuf),
    /// A workbook asked for without `--output`: it is binary, not text
    /// for a terminal.
    #[error(
        "--format xlsx writes a binary workbook: give --output FILE (e.g. --output rates.xlsx)"
    )]
    XlsxNeedsOutput,
    /// `git` refused the revision.
    #[error("git {args} failed: {detail}")]
    Git {
        /// The git arguments.
        args: String,
        /// What git said.
        detail: String,
    },
}

/// Diff sides that cannot be compared with each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffSides {
    /// A tariff file against something else.
    TariffWithOther,
    /// `--head` given as a git revision.
    HeadRevision,
    /// Two tariff files outside `content/products/<id>/tariffs/`.
    ProductUnknown,
    /// `--visual` with a side that is not a project.
    VisualNeedsProjects,
    /// `--programs` with a tariff file as the state.
    ProgramsOfTariff,
}

impl DiffSides {
    fn english(self) -> &'static str {
        match self {
            DiffSides::TariffWithOther => {
                "a tariff file can only be compared with another tariff file of the same product"
            }
            DiffSides::HeadRevision => {
                "--head must be a folder, a PDF or a tariff file; check the head revision out first"
            }
            DiffSides::ProductUnknown => {
                "cannot tell the product of the tariff files (neither lies in \
                 content/products/<product>/tariffs/): name it with --product"
            }
            DiffSides::VisualNeedsProjects => {
                "--visual compares two states of a project: give --base a git revision or a \
                 folder, and --head a folder (or nothing, for the working tree)"
            }
            DiffSides::ProgramsOfTariff => {
                "--programs compares two programs of one state: give --base a git revision, a \
                 folder or a PDF (or nothing, for the working tree), not a tariff file"
            }
        }
    }

    fn japanese(self) -> &'static str {
        match self {
            DiffSides::TariffWithOther => {
                "料率ファイルは同じ商品の別の料率ファイルとしか比べられません"
            }
            DiffSides::HeadRevision => {
                "--head にはフォルダ・PDF・料率ファイルを指定してください（git のリビジョンは先にチェックアウトしてください）"
            }
            DiffSides::ProductUnknown => {
                "料率ファイルの商品がわかりません（content/products/<商品>/tariffs/ の外にあります）。--product で指定してください"
            }
            DiffSides::VisualNeedsProjects => {
                "--visual はプロジェクトの2つの状態を比べます。--base には git のリビジョンかフォルダ、--head にはフォルダを指定してください（省略すると作業中のプロジェクト）"
            }
            DiffSides::ProgramsOfTariff => {
                "--programs は1つの状態の2つのプログラムを比べます。--base には git のリビジョン・フォルダ・PDF を指定してください（省略すると作業中のプロジェクト）。料率ファイルは指定できません"
            }
        }
    }
}

impl Localized for Usage {
    fn localized(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return match self {
                Usage::UnknownProgram { id, known }
                | Usage::UnknownCaseId { id, known, .. }
                | Usage::UnknownProduct { id, known } => {
                    format!("{self}{}", did_you_mean_en(id, known))
                }
                _ => self.to_string(),
            };
        }
        match self {
            Usage::UnknownProgram { id, known } => format!(
                "プログラム `{id}` はありません（定義済み: {}）{}",
                known.join(", "),
                did_you_mean_ja(id, known)
            ),
            Usage::UnknownCaseId {
                what,
                id,
                product,
                known,
            } => format!(
                "商品 `{product}` に{} `{id}` はありません（使えるもの: {}）{}",
                what.ja(),
                known.join(", "),
                did_you_mean_ja(id, known)
            ),
            Usage::NoTariff { program, product } => format!(
                "プログラム `{program}` の商品 `{product}` には料率表がありません。保険料は引受保険会社が加入者ごとに見積もるため、計算できません"
            ),
            Usage::UnknownProduct { id, known } => format!(
                "商品 `{id}` はありません（定義済み: {}）{}",
                known.join(", "),
                did_you_mean_ja(id, known)
            ),
            Usage::NoSuchDocument {
                program,
                document,
                known,
            } => format!(
                "プログラム `{program}` は文書 `{document}` を作りません（作る文書: {}）",
                known.join(", ")
            ),
            Usage::NotPriced(e) => format!(
                "プログラム `{}` の区分 `{}`・プラン `{}` は保険料を出せません: {}",
                e.program, e.class, e.plan, e.reason
            ),
            Usage::NotEmpty(dir) => format!(
                "{} は空ではありません。init は空のフォルダか新しいフォルダにプロジェクトを作ります",
                dir.display()
            ),
            Usage::ProgramExists { id, file } => {
                format!("プログラム `{id}` はすでにあります（{}）", file.display())
            }
            Usage::NoPredecessor { program } => format!(
                "プログラム `{program}` には `previous:`（前年度のプログラム）がないため、更改案内に前年の保険料を示せません"
            ),
            Usage::NoRequestForm { program } => format!(
                "プログラム `{program}` には会員ごとに記入する `prefill:` 付きの様式がありません。`forms:` に追加してください"
            ),
            Usage::NoCase => "quote には --class と --plan（1施設）か --members FILE（名簿）が必要です".to_string(),
            Usage::NoDocument => "context には文書（pamphlet、flyer、rate-sheet、faq）か --members FILE --output DIR が必要です".to_string(),
            Usage::BadProgramId(id) => format!(
                "`{id}` はプログラムIDに使えません。英小文字・数字・`-` で書いてください（例: oita-2026）"
            ),
            Usage::FileExists(file) => format!(
                "{} はすでにあります。上書きするには --force を付けてください",
                file.display()
            ),
            Usage::Roll(e) => e.localized(lang),
            Usage::DiffSides(sides) => sides.japanese().to_string(),
            Usage::NotAFile(path) => format!("{} はファイルではありません", path.display()),
            Usage::XlsxNeedsOutput => "--format xlsx はExcelブック（バイナリ）を書き出します。--output ファイル名 を指定してください（例: --output rates.xlsx）".to_string(),
            Usage::Git { args, detail } => format!("git {args} に失敗しました: {detail}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_kind_of_failure() {
        assert_eq!(Error::Content(Vec::new()).exit_code(), 1);
        assert_eq!(Error::Usage(Usage::BadProgramId("X".into())).exit_code(), 2);
        assert_eq!(Error::Changed.exit_code(), 3);
    }

    #[test]
    fn an_unknown_plan_suggests_the_nearest() {
        let usage = Usage::UnknownCaseId {
            what: IdKind::Plan,
            id: "H8".into(),
            product: "cyber".into(),
            known: vec!["H1".into(), "H7".into()],
        };
        assert!(usage.localized(Lang::En).ends_with("did you mean `H7`?"));
        assert!(usage.localized(Lang::Ja).contains("`H7`"));
    }

    #[test]
    fn usage_errors_are_said_in_both_languages() {
        let usage = Usage::UnknownProgram {
            id: "miyazaki-2026".into(),
            known: vec!["miyazaki-2025".into()],
        };
        assert!(
            usage
                .localized(Lang::En)
                .starts_with("unknown program `miyazaki-2026`")
        );
        let ja = usage.localized(Lang::Ja);
        assert!(
            ja.contains("プログラム `miyazaki-2026` はありません"),
            "{ja}"
        );
        assert!(ja.contains("`miyazaki-2025`"), "{ja}");
    }
}
