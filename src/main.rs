//! The `tariffpress` binary: parse arguments, run a command, report.

use clap::Parser;
use std::process::ExitCode;
use tariffpress::cli::{CaseArgs, Cli, Command, NewCommand};
use tariffpress::cmd::{self, Failure};

fn main() -> ExitCode {
    let cli = Cli::parse();
    tariffpress::messages::init(cli.lang);
    let root = cli.root.as_path();
    let result = match &cli.command {
        Command::Rates {
            program,
            format,
            from_pdf,
        } => match from_pdf {
            Some(file) => cmd::rates::from_pdf(file, *format),
            None => cmd::rates::run(root, program.as_deref(), *format),
        },
        Command::Diff {
            base,
            head,
            product,
            format,
            output,
            fail_on_change,
            visual,
        } => {
            let request = cmd::diff::Request {
                base,
                head: head.as_deref(),
                product: product.as_deref(),
                format: *format,
                output: output.as_deref(),
                fail_on_change: *fail_on_change,
                visual: visual.as_deref(),
            };
            cmd::diff::run(root, &request)
        }
        Command::Explain {
            program,
            case,
            format,
        } => cmd::explain::run(root, &case_request(program, case), *format),
        Command::Build {
            only,
            output,
            force,
            png,
            verbose,
        } => {
            let request = cmd::build::Request {
                only: only.as_deref(),
                output: output.as_deref(),
                force: *force,
                previews: *png,
                verbose: *verbose,
            };
            cmd::build::run(root, &request)
        }
        Command::Quote {
            program,
            case,
            facility,
            pdf,
        } => {
            let request = cmd::quote::Request {
                case: case_request(program, case),
                facility: facility.as_deref(),
                pdf: pdf.as_deref(),
            };
            cmd::quote::run(root, &request)
        }
        Command::Roll {
            program,
            to,
            start,
            force,
        } => {
            let shift = match (to, start) {
                (_, Some(date)) => tariffpress::content::roll::Shift::ToStart(*date),
                (Some(year), None) => tariffpress::content::roll::Shift::ToYear(*year),
                (None, None) => unreachable!("clap requires --to or --start"),
            };
            let request = cmd::roll::Request {
                program,
                shift,
                force: *force,
            };
            cmd::roll::run(root, &request)
        }
        Command::Init { dir } => cmd::init::init(dir),
        Command::New(NewCommand::Program { id, from }) => cmd::init::new_program(root, id, from),
        Command::Watch {
            only,
            output,
            verbose,
        } => {
            let request = cmd::build::Request {
                only: only.as_deref(),
                output: output.as_deref(),
                force: false,
                previews: false,
                verbose: *verbose,
            };
            cmd::watch::run(root, &request)
        }
        Command::Check => cmd::check::run(root),
        Command::Context { program, document } => cmd::context::run(root, program, document),
        Command::Schema { kind, output } => cmd::schema::run(*kind, output.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => report(failure),
    }
}

fn case_request<'a>(program: &'a str, case: &'a CaseArgs) -> cmd::explain::Request<'a> {
    cmd::explain::Request {
        program,
        class: &case.class,
        plan: &case.plan,
        size: case.size,
        category: case.category.as_deref(),
    }
}

fn report(failure: Failure) -> ExitCode {
    ExitCode::from(cmd::report(&failure))
}
