//! Command-line definitions. The doc comments here are the `--help` text
//! people read in a terminal, so they write paths as `output/<program>/`,
//! not as rustdoc markup.
#![allow(rustdoc::invalid_html_tags)]

use clap::{Parser, Subcommand};
use rust_decimal::Decimal;
use std::path::PathBuf;

/// Build verified Japanese insurance brochures and rate tables from YAML
/// tariffs and association programs.
#[derive(Debug, Parser)]
#[command(name = "tariffpress", version, about, long_about = None)]
pub struct Cli {
    /// The project folder (holding content/, templates/ and fonts/).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Language of messages and summaries (default: Japanese when the
    /// locale is Japanese, else English).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<crate::messages::Lang>,
    #[command(subcommand)]
    /// What to do.
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Typeset every program's documents into output/<program>/ as PDFs,
    /// verify each printed premium against the rating core, and write
    /// rates.csv and rates.json beside them.
    ///
    /// Only documents whose inputs (data, rates, templates, fonts, tool
    /// version) changed since the last build are typeset again; the record
    /// is output/.tariffpress-manifest.json. The PDF of a document no
    /// program lists any more is removed, and the rate exports of a
    /// program the content no longer has.
    Build(BuildArgs),
    /// Build, then rebuild whenever content, templates or fonts change;
    /// only documents whose inputs changed are typeset, errors are shown
    /// and watching goes on. Stop with Ctrl-C.
    Watch(WatchArgs),
    /// Build, then serve a live preview in the browser (loopback only
    /// unless --bind is given): every program's documents as pages that
    /// update on every save, errors shown in the page, and each printed
    /// premium's worksheet on click. Never writes content. Stop with Ctrl-C.
    Serve(ServeArgs),
    /// Print every premium a program offers (all programs without PROGRAM).
    Rates(RatesArgs),
    /// Compare the premiums of two states of the content, cell by cell:
    /// every changed, added and removed figure with old, new, Δ円 and Δ%,
    /// and a summary per program.
    ///
    /// BASE and HEAD are each a project folder, a PDF built by tariffpress,
    /// or a tariff file (then both must be tariff files of one product, and
    /// every program selling it is priced under each); BASE may also be a
    /// git revision of the project (read with `git archive`; the working
    /// tree is not touched). HEAD defaults to the project's working tree.
    ///
    /// Exit status: 0, or 3 with --fail-on-change when a premium changed.
    Diff(DiffArgs),
    /// Show the worksheet of one premium: every step, input, factor, result.
    Explain(ExplainArgs),
    /// The premium of one facility with its worksheet; with --pdf, a
    /// お見積りシート (quote sheet) with the facility, its limits, the premium
    /// (and monthly installments where the program pays monthly), the
    /// program's period, deadlines and contacts.
    Quote(QuoteArgs),
    /// Write next policy year's program from this year's: period, deadlines
    /// and issue date moved (和暦 recomputed), the tariff in force at the new
    /// start selected, new id and file name; prints what moved and flags
    /// deadlines whose weekday changed or that fall on a weekend. Never
    /// overwrites a file without --force.
    Roll(RollArgs),
    /// Create a new project in DIR (empty or absent): templates, fonts,
    /// schemas, an example CI workflow and one product, tariff and program
    /// to start from. It builds at once.
    Init(InitArgs),
    /// Add something to the project.
    #[command(subcommand)]
    New(NewCommand),
    /// Validate all content and prose; exit 1 if anything is wrong.
    Check,
    /// Print the data (JSON) a document template reads, for the plain
    /// `typst` CLI or an editor preview; with --members, write every
    /// member's sheet data of a roster into a folder.
    Context(ContextArgs),
    /// Print the JSON Schemas of the content files, generated from the types
    /// the loader reads them with, for editors (yaml-language-server), and
    /// of the data the templates read (document, quote, diff).
    ///
    /// Without KIND all are printed as one JSON object keyed by kind.
    /// With --output DIR each is written as DIR/<kind>.schema.json instead;
    /// the project's copies are regenerated with `--output schemas`.
    Schema(SchemaArgs),
}

/// Arguments of `tariffpress build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Build only this program, e.g. miyazaki-2025.
    #[arg(long, value_name = "PROGRAM")]
    pub only: Option<String>,
    /// Output folder (default: <root>/output).
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Rebuild every document, even those whose inputs are unchanged
    /// since the last build.
    #[arg(long)]
    pub force: bool,
    /// Also write a PNG preview of every page (144 dpi) beside each PDF,
    /// as <document>-<page>.png.
    #[arg(long)]
    pub png: bool,
    /// Print one line per document typeset (pages, size, time). On a
    /// terminal a progress bar is shown otherwise; in CI logs only the
    /// summary line.
    #[arg(long, short)]
    pub verbose: bool,
}

/// Arguments of `tariffpress watch`.
#[derive(Debug, clap::Args)]
pub struct WatchArgs {
    /// Build only this program, e.g. miyazaki-2025.
    #[arg(long, value_name = "PROGRAM")]
    pub only: Option<String>,
    /// Output folder (default: <root>/output).
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Print one line per document typeset.
    #[arg(long, short)]
    pub verbose: bool,
}

/// Arguments of `tariffpress rates`.
#[derive(Debug, clap::Args)]
pub struct RatesArgs {
    /// Program id, e.g. miyazaki-2025.
    #[arg(conflicts_with = "from_pdf")]
    pub program: Option<String>,
    /// How to write the premiums.
    #[arg(long, value_enum, default_value_t = crate::export::Format::Table)]
    pub format: crate::export::Format,
    /// Read the rates a tariffpress PDF carries (its attached rates.json)
    /// instead of computing them from the content.
    #[arg(long, value_name = "PDF")]
    pub from_pdf: Option<PathBuf>,
    /// Write to FILE instead of standard output (required for xlsx).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Arguments of `tariffpress diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// What to compare against: git revision, folder, PDF or tariff file.
    /// With --programs: the one state to read (default: the project).
    #[arg(
        long,
        value_name = "REV|DIR|PDF|TARIFF",
        required_unless_present_any = ["programs", "previous"]
    )]
    pub base: Option<String>,
    /// The new state: folder, PDF or tariff file (default: the project).
    #[arg(long, value_name = "DIR|PDF|TARIFF")]
    pub head: Option<String>,
    /// Compare two programs of one state with each other, cell by cell
    /// (class, category, size, plan, payment), e.g.
    /// miyazaki-2025..miyazaki-2026.
    #[arg(
        long,
        value_name = "OLD..NEW",
        value_parser = program_pair,
        conflicts_with_all = ["head", "product", "visual"]
    )]
    pub programs: Option<crate::diff::Pair>,
    /// Compare every program that names its predecessor (`previous:`)
    /// with it, in one state (the project, or --base): this year's
    /// premiums against last year's.
    #[arg(
        long,
        conflicts_with_all = ["head", "product", "visual", "programs"]
    )]
    pub previous: bool,
    /// The product of two tariff files outside content/products/<id>/tariffs/.
    #[arg(long, value_name = "PRODUCT")]
    pub product: Option<String>,
    /// How to write the comparison.
    #[arg(long, value_enum, default_value_t = crate::diff::Format::Md)]
    pub format: crate::diff::Format,
    /// Write to FILE instead of standard output (pdf default:
    /// output/rate-diff.pdf; required for xlsx).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with status 3 when any premium changed (for CI gates).
    #[arg(long)]
    pub fail_on_change: bool,
    /// Also typeset both states and write every page that changed as a
    /// PNG into DIR: old left, new right, changed regions framed in red.
    #[arg(long, value_name = "DIR")]
    pub visual: Option<PathBuf>,
}

/// Arguments of `tariffpress explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// Program id, e.g. miyazaki-2025.
    pub program: String,
    /// The facility to price.
    #[command(flatten)]
    pub case: CaseArgs,
    /// How to write the worksheet.
    #[arg(long, value_enum, default_value_t = crate::explain::Format::Text)]
    pub format: crate::explain::Format,
}

/// Arguments of `tariffpress quote`.
#[derive(Debug, clap::Args)]
pub struct QuoteArgs {
    /// Program id, e.g. foundation-2024.
    pub program: String,
    /// The facility to price (not with --members).
    #[command(flatten)]
    pub case: Option<CaseArgs>,
    /// The facility's name, printed on the quote sheet.
    #[arg(long, value_name = "NAME")]
    pub facility: Option<String>,
    /// Write the quote sheet (PDF) to FILE.
    #[arg(long, value_name = "FILE", conflicts_with = "members")]
    pub pdf: Option<PathBuf>,
    /// A roster (CSV in UTF-8 or Shift_JIS, or XLSX) with columns
    /// member_id, name, class, size, category, plan, previous_plan (or
    /// 会員番号, 施設名, 区分, 病床数, 病床区分, プラン, 前年プラン): one
    /// sheet per member, summary.csv and summary.xlsx.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["class", "plan", "size", "category", "facility"])]
    pub members: Option<PathBuf>,
    /// Where the members' sheets go [default: output/<program>/members].
    #[arg(long, value_name = "DIR", requires = "members")]
    pub output: Option<PathBuf>,
    /// Which sheet each member gets.
    #[arg(long, value_enum, default_value_t = crate::publish::SheetKind::Quote, requires = "members")]
    pub kind: crate::publish::SheetKind,
    /// Also write every sheet as one print-ready PDF (`_all.pdf`), in
    /// roster order.
    #[arg(long, requires = "members")]
    pub merge: bool,
    /// Write the good rows' sheets even when some rows are bad (they are
    /// listed, and marked invalid in the summary).
    #[arg(long, requires = "members")]
    pub skip_invalid: bool,
}

/// Arguments of `tariffpress roll`.
#[derive(Debug, clap::Args)]
pub struct RollArgs {
    /// Program id, e.g. miyazaki-2025.
    pub program: String,
    /// The calendar year the new policy year starts in, e.g. 2026.
    #[arg(
        long,
        value_name = "YEAR",
        required_unless_present = "start",
        conflicts_with = "start"
    )]
    pub to: Option<i32>,
    /// The new start date (YYYY-MM-DD); every date moves by as many days.
    #[arg(long, value_name = "DATE")]
    pub start: Option<chrono::NaiveDate>,
    /// Overwrite the new program's file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `tariffpress init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder to create the project in.
    pub dir: PathBuf,
}

/// Arguments of `tariffpress context`.
#[derive(Debug, clap::Args)]
pub struct ContextArgs {
    /// Program id, e.g. miyazaki-2025.
    pub program: String,
    /// Document: pamphlet, flyer, rate-sheet or faq.
    #[arg(required_unless_present = "members")]
    pub document: Option<String>,
    /// Instead of a document: every member's sheet data for this roster
    /// (CSV or XLSX, as `quote --members` reads it), written to DIR as
    /// <member_id>.json and <member_id>.rates.json for the `members`
    /// template.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "document",
        requires = "output"
    )]
    pub members: Option<PathBuf>,
    /// Which sheet the members' data is for (with --members).
    #[arg(long, value_enum, default_value_t = crate::publish::SheetKind::Quote, requires = "members")]
    pub kind: crate::publish::SheetKind,
    /// The folder to write the members' data into (with --members).
    #[arg(long, value_name = "DIR", requires = "members")]
    pub output: Option<PathBuf>,
}

/// Arguments of `tariffpress schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// The kind: product, tariff, program, document, quote or diff
    /// (default: all).
    #[arg(value_enum)]
    pub kind: Option<crate::schema::Kind>,
    /// Write <kind>.schema.json into DIR instead of printing.
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

/// One facility to price, as `explain` and `quote` take it.
#[derive(Debug, clap::Args)]
pub struct CaseArgs {
    /// Facility class id: clinic, dental_clinic, hospital, geriatric.
    #[arg(long)]
    pub class: String,
    /// Plan id as printed: H1, プラン1, P1.
    #[arg(long)]
    pub plan: String,
    /// Beds or capacity, for classes rated by size.
    #[arg(long)]
    pub size: Option<Decimal>,
    /// Bed category id, e.g. general or long_term.
    #[arg(long)]
    pub category: Option<String>,
}

impl CaseArgs {
    /// The case as the library takes it.
    pub fn request(&self, program: &str) -> crate::explain::CaseRequest {
        crate::explain::CaseRequest {
            program: program.to_string(),
            class: self.class.clone(),
            plan: self.plan.clone(),
            size: self.size,
            category: self.category.clone(),
        }
    }
}

/// `old..new` → the two programs `diff --programs` compares.
fn program_pair(arg: &str) -> Result<crate::diff::Pair, String> {
    match arg.split_once("..") {
        Some((base, head)) if !base.is_empty() && !head.is_empty() => Ok(crate::diff::Pair {
            base: base.to_string(),
            head: head.to_string(),
        }),
        _ => Err(format!(
            "`{arg}` is not OLD..NEW (e.g. miyazaki-2025..miyazaki-2026)"
        )),
    }
}

impl RollArgs {
    /// How far to move: to a year, or to a new start date (clap makes
    /// sure one of the two is given).
    pub fn shift(&self) -> crate::content::roll::Shift {
        use crate::content::roll::Shift;
        match (self.to, self.start) {
            (_, Some(date)) => Shift::ToStart(date),
            (Some(year), None) => Shift::ToYear(year),
            (None, None) => unreachable!("clap requires --to or --start"),
        }
    }
}

impl BuildArgs {
    /// The build these arguments ask for.
    pub fn options(&self) -> crate::publish::BuildOptions {
        crate::publish::BuildOptions {
            only: self.only.clone(),
            output: self.output.clone(),
            force: self.force,
            previews: self.png,
        }
    }
}

impl WatchArgs {
    /// The build each change triggers.
    pub fn options(&self) -> crate::publish::BuildOptions {
        crate::publish::BuildOptions {
            only: self.only.clone(),
            output: self.output.clone(),
            force: false,
            previews: false,
        }
    }
}

/// Arguments of `tariffpress serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Serve only this program, e.g. miyazaki-2025.
    #[arg(long, value_name = "PROGRAM")]
    pub only: Option<String>,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = crate::serve::DEFAULT_PORT)]
    pub port: u16,
    /// The address to listen on; anything but loopback lets other machines
    /// of the network see the pages.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the default browser on the index.
    #[arg(long)]
    pub open: bool,
}

impl ServeArgs {
    /// The server's options, messages in `lang`.
    pub fn options(&self, lang: crate::messages::Lang) -> crate::serve::ServeOptions {
        crate::serve::ServeOptions {
            only: self.only.clone(),
            bind: self.bind,
            port: self.port,
            open: self.open,
            lang,
        }
    }
}

/// What `new` adds.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A program copied from an existing one under a new id
    /// (content/programs/<ID>.yaml); edit it, then check and build.
    Program {
        /// The new program's id: lower-case letters, digits and `-`.
        id: String,
        /// The program to copy, e.g. miyazaki-2025.
        #[arg(long, value_name = "PROGRAM")]
        from: String,
    },
}
