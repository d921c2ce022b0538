//! Where a cold build spends its CPU time, phase by phase, on one thread.
//!
//! `bench/run.sh` times whole processes; this splits one cold build of
//! every document into opening the project (font scan), loading and
//! pricing the content, and per document Typst's compile (layout) and the
//! tagged PDF/A export, so that a speed-up can be aimed at the phase that
//! costs most and its effect measured where it happens.
//!
//! `cargo run --release --example profile_build [ROOT]`

#[path = "common/timing.rs"]
mod timing;

use std::time::Duration;
use tariffpress::content;
use tariffpress::publish::{document_date, memory_files, prepare};
use tariffpress::render::{PdfIdentity, Project};
use timing::{ms, timed};
use typst_layout::PagedDocument;

fn main() {
    let root = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let root = std::path::Path::new(&root);
    let (project, open) = timed(|| Project::open(root).expect("project"));
    let (catalog, load) = timed(|| content::load(root).expect("content"));
    let programs: Vec<_> = catalog.programs.iter().collect();
    let (documents, prep) = timed(|| prepare(&catalog, &programs).expect("prepare"));
    println!("open project (font scan) {:>7.1} ms", ms(open));
    println!("load content             {:>7.1} ms", ms(load));
    println!("prepare (price, prose)   {:>7.1} ms", ms(prep));
    let (mut compile_total, mut export_total) = (Duration::ZERO, Duration::ZERO);
    for document in &documents {
        let name = format!("{}/{}", document.program, document.kind.name());
        let date = document_date(document).expect("date");
        let world = project.document(document.kind.name(), memory_files(document), date);
        let (compiled, compile) = timed(|| typst::compile::<PagedDocument>(&world).output);
        let compiled = compiled.expect("compiles");
        let identity = PdfIdentity {
            ident: name.clone(),
            creator: "profile".into(),
            timestamp: date,
        };
        let (pdf, export) =
            timed(|| tariffpress::render::export_pdf(&compiled, &identity).expect("export"));
        compile_total += compile;
        export_total += export;
        println!(
            "{name:<32} compile {:>6.1} ms  export {:>6.1} ms  {:>3} pages {:>4} KB",
            ms(compile),
            ms(export),
            compiled.pages().len(),
            pdf.len() / 1024
        );
    }
    println!(
        "total                            compile {:>6.1} ms  export {:>6.1} ms",
        ms(compile_total),
        ms(export_total)
    );
}
