//! Command-line definitions.

use clap::{Parser, Subcommand, ValueEnum};
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
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Typeset every program's documents into output/<program>/ as PDFs,
    /// verify each printed premium against the rating core, and write
    /// rates.csv and rates.json beside them.
    Build {
        /// Build only this program, e.g. miyazaki-2025.
        #[arg(long, value_name = "PROGRAM")]
        only: Option<String>,
        /// Output folder (default: <root>/output).
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
    },
    /// Print every premium a program offers (all programs without PROGRAM).
    Rates {
        /// Program id, e.g. miyazaki-2025.
        program: Option<String>,
        #[arg(long, value_enum, default_value_t = RatesFormat::Table)]
        format: RatesFormat,
    },
    /// Show the worksheet of one premium: every step, input, factor, result.
    Explain {
        /// Program id, e.g. miyazaki-2025.
        program: String,
        /// Facility class id: clinic, dental_clinic, hospital, geriatric.
        #[arg(long)]
        class: String,
        /// Plan id as printed: H1, プラン1, P1.
        #[arg(long)]
        plan: String,
        /// Beds or capacity, for classes rated by size.
        #[arg(long)]
        size: Option<Decimal>,
        /// Bed category id, e.g. general or long_term.
        #[arg(long)]
        category: Option<String>,
        #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
        format: ExplainFormat,
    },
    /// Validate all content and prose; exit 1 if anything is wrong.
    Check,
    /// Print the data (JSON) a document template reads, for the plain
    /// `typst` CLI or an editor preview.
    Context {
        /// Program id, e.g. miyazaki-2025.
        program: String,
        /// Document: pamphlet, flyer, rate-sheet or faq.
        document: String,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum RatesFormat {
    Table,
    Csv,
    Json,
    Md,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ExplainFormat {
    Text,
    Json,
}
