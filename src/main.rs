//! The `tariffpress` binary: parse arguments, run a command, report.

use clap::Parser;
use std::process::ExitCode;
use tariffpress::cli::{Cli, Command};
use tariffpress::cmd;

fn main() -> ExitCode {
    small_pages_only();
    let cli = Cli::parse();
    tariffpress::messages::init(cli.lang);
    let root = cli.root.as_path();
    let result = match &cli.command {
        Command::Build(args) => cmd::build::run(root, args),
        Command::Watch(args) => cmd::watch::run(root, args),
        Command::Serve(args) => cmd::serve::run(root, args),
        Command::Rates(args) => cmd::rates::run(root, args),
        Command::Diff(args) => cmd::diff::run(root, args),
        Command::Explain(args) => cmd::explain::run(root, args),
        Command::Quote(args) => cmd::quote::run(root, args),
        Command::Roll(args) => cmd::roll::run(root, args),
        Command::Init(args) => cmd::init::init(&args.dir),
        Command::New(command) => cmd::init::new(root, command),
        Command::Check => cmd::check::run(root),
        Command::Context(args) => cmd::context::run(root, args),
        Command::Schema(args) => cmd::schema::run(args.kind, args.output.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => ExitCode::from(cmd::report(&error)),
    }
}

/// mimalloc rather than glibc's allocator: Typst allocates and frees
/// small objects on every core at once, and glibc's malloc took about 19,000
/// page faults per cold build (mimalloc: about 1,200) and a tenth of its
/// time in the kernel. Against the typst CLI on the same cores the build's
/// ratio went from 0.61–0.62 to 0.49–0.58 (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Transparent huge pages off for this process, before any thread starts.
/// mimalloc lets the kernel back its arenas with 2 MB pages, and a cold
/// build then touched about 120 MB in some 60 huge pages, each zeroed in
/// full. On a virtual machine whose host takes free memory back (this
/// development VM), zeroing a page the host must back again made the same
/// build take 0.12 s or 0.18 s by the host's mood (system time 0.035 s or
/// 0.10 s); with 4 KB pages every build takes 0.15 s, system time 0.056 s,
/// and peak memory falls from about 135 MB to 77 MB (BENCHMARKS.md).
/// A failure (an old kernel) only leaves the default.
fn small_pages_only() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}
