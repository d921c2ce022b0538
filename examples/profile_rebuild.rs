//! Where a warm rebuild of one document spends its time.
//!
//! Typesets the document (default: the Miyazaki pamphlet), raises the clinic
//! H1 base rate, and typesets it again with Typst's timing scopes on. Prints
//! the compile and PDF-export times of each state, then the time per Typst
//! scope of the rebuild (exclusive of nested scopes, with the template line
//! for function calls): a template line with a large count after a one-rate
//! change is content that missed Typst's cache.
//!
//! `cargo run --release --example profile_rebuild [PROGRAM/DOCUMENT]`

#[path = "../tests/testsuite/support/scratch.rs"]
mod scratch;

#[path = "common/timing.rs"]
mod timing;

use std::collections::HashMap;
use tariffpress::content;
use tariffpress::document::PreparedDocument;
use tariffpress::publish::{memory_files, prepare};
use tariffpress::render::{DocumentWorld, Project};
use timing::{ms, timed};
use typst::foundations::Datetime;
use typst::syntax::Span;
use typst_layout::PagedDocument;

const TARIFF: &str = "content/products/cyber/tariffs/2024-04-01.yaml";
const BASE_RATE: &str = "    H1: 48570\n";
const SCOPES_SHOWN: usize = 25;

fn main() {
    let scratch = scratch::scratch_project();
    let root = scratch.path();
    let wanted = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "miyazaki-2025/pamphlet".into());
    let project = Project::open(root).expect("project");
    let tariff = std::fs::read_to_string(root.join(TARIFF)).expect("tariff");
    let date = Datetime::from_ymd(2025, 6, 1).expect("date");
    let document_for = |tariff: &str| {
        std::fs::write(root.join(TARIFF), tariff).expect("write tariff");
        let catalog = content::load(root).expect("content");
        let programs: Vec<_> = catalog.programs.iter().collect();
        prepare(&catalog, &programs)
            .expect("prepare")
            .into_iter()
            .find(|d| format!("{}/{}", d.program, d.kind.name()) == wanted)
            .unwrap_or_else(|| panic!("no document {wanted}"))
    };
    let world_for =
        |doc: &PreparedDocument| project.document(doc.kind.name(), memory_files(doc), date);

    let original = document_for(&tariff);
    report("cold", &world_for(&original));
    report("unchanged", &world_for(&original));
    let raised = tariff.replace(BASE_RATE, &BASE_RATE.replace("48570", "49570"));
    assert_ne!(raised, tariff, "the tariff must contain `{BASE_RATE}`");
    let changed = document_for(&raised);
    let world = world_for(&changed);
    typst_timing::enable();
    report("one rate changed", &world);
    typst_timing::disable();
    let mut trace = Vec::new();
    typst_timing::export_json(&mut trace, |raw| source_line(&world, Span::from_raw(raw)))
        .expect("trace");
    print_scopes(&trace);
}

/// Compiles and exports, printing both times.
fn report(state: &str, world: &DocumentWorld) {
    let (document, compile) = timed(|| typst::compile::<PagedDocument>(world).output);
    let document = document.expect("compiles");
    let options = typst_pdf::PdfOptions::default();
    let (_, export) = timed(|| typst_pdf::pdf(&document, &options));
    println!(
        "{state:>18}: compile {:>6.1} ms, PDF export {:>5.1} ms ({} pages)",
        ms(compile),
        ms(export),
        document.pages().len()
    );
}

/// `templates/style.typ:226` for a span in a template.
fn source_line(world: &DocumentWorld, span: Span) -> (String, u32) {
    let line = span.id().and_then(|id| {
        let source = typst::World::source(world, id).ok()?;
        let range = typst::WorldExt::range(world, span)?;
        source.lines().byte_to_line(range.start)
    });
    let file = span
        .id()
        .map(|id| id.vpath().get_without_slash().to_string())
        .unwrap_or_default();
    (file, line.map_or(0, |l| l as u32 + 1))
}

/// Exclusive time and count per scope (and template line), largest first.
fn print_scopes(trace: &[u8]) {
    let events: Vec<serde_json::Value> = serde_json::from_slice(trace).expect("trace json");
    let mut open: HashMap<u64, Vec<(String, f64, f64)>> = HashMap::new();
    let mut totals: HashMap<String, (f64, usize)> = HashMap::new();
    for event in events {
        let stack = open.entry(event["tid"].as_u64().unwrap_or(0)).or_default();
        let at = event["ts"].as_f64().unwrap_or(0.0);
        if event["ph"] == "B" {
            stack.push((scope_name(&event), at, 0.0));
        } else if let Some((name, start, nested)) = stack.pop() {
            let total = at - start;
            let entry = totals.entry(name).or_default();
            entry.0 += total - nested;
            entry.1 += 1;
            if let Some(parent) = stack.last_mut() {
                parent.2 += total;
            }
        }
    }
    let mut rows: Vec<_> = totals.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.total_cmp(&a.1.0));
    println!("\n  exclusive     calls  scope (rebuild after the change)");
    for (name, (micros, calls)) in rows.iter().take(SCOPES_SHOWN) {
        println!("{:>8.2} ms {:>9}  {name}", micros / 1e3, calls);
    }
}

fn scope_name(event: &serde_json::Value) -> String {
    let name = event["name"].as_str().unwrap_or("?");
    match event
        .get("args")
        .and_then(|a| a["file"].as_str().zip(a["line"].as_u64()))
    {
        Some((file, line)) if !file.is_empty() => format!("{name} {file}:{line}"),
        _ => name.to_string(),
    }
}
