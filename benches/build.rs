//! Whole-build figures in one process, printed as `name value unit` lines
//! for `bench/run.sh`:
//!
//! - `cold_build_ms`: load, prepare and typeset every document with a new
//!   `Project` (fonts scanned, templates parsed, no cached layout);
//! - `warm_rebuild_ms`: after changing one base rate in the tariff file,
//!   reload the content and re-typeset only the documents whose data
//!   changed, reusing the `Project` and Typst's caches (median of 9 edits,
//!   each raising the rate again; `warm_rebuild_max_ms` is the slowest);
//! - `warm_rebuild_prepare_ms`, `warm_rebuild_typeset_ms`: the two parts
//!   of that median rebuild;
//! - `warm_rebuilt_documents`: how many documents each edit touches (the
//!   four that print a premium derived from that rate);
//! - `warm_unchanged_ms`: typesetting every document again with nothing
//!   changed (what Typst's caches alone save);
//! - `prepare_ms`: the part of a rebuild spent loading the content and
//!   preparing every program's document data (no typesetting);
//! - `watch_rebuild_one_document_ms`, `watch_rss_after_*`: a simulated
//!   watch session of 200 prose edits touching one document each (median
//!   rebuild; resident memory after 10 and 200 edits).

#[path = "../tests/testsuite/support/scratch.rs"]
mod scratch;

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;
use tariffpress::content;
use tariffpress::document::{DocumentData, PreparedDocument};
use tariffpress::publish::{prepare, typeset_all};
use tariffpress::render::Project;

const TARIFF: &str = "content/products/cyber/tariffs/2024-04-01.yaml";
/// The clinic H1 base rate in the shipped tariff.
const BASE_RATE: u32 = 48570;
/// How much each edit raises it: enough that every premium derived from it
/// changes after discounts and rounding (a smaller step sometimes leaves
/// the monthly or the discounted figures as they were, and the rebuild
/// would touch fewer documents).
const STEP: u32 = 500;
/// The documents that print a premium derived from the clinic H1 rate.
const TOUCHED: [&str; 4] = [
    "kagoshima-2025/flyer",
    "kagoshima-2025/rate-sheet",
    "miyazaki-2025/pamphlet",
    "miyazaki-2025/rate-sheet",
];

fn main() {
    let project_dir = scratch::scratch_project();
    let root = project_dir.path();
    let started = Instant::now();
    let project = Project::open(root).expect("project");
    let docs = prepare_all(root);
    let all: Vec<&PreparedDocument> = docs.iter().collect();
    typeset_all(&project, &all, false, |_, _, _| {}).expect("cold build");
    println!(
        "cold_build_ms {:.1} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    println!("documents {} count", docs.len());
    let started = Instant::now();
    typeset_all(&project, &all, false, |_, _, _| {}).expect("unchanged rebuild");
    println!(
        "warm_unchanged_ms {:.1} ms",
        started.elapsed().as_secs_f64() * 1e3
    );

    let mut last = data_by_document(&docs);
    let mut times = Vec::new();
    for edit in 1..=9 {
        let text = std::fs::read_to_string(root.join(TARIFF)).expect("tariff");
        let edited = replace_rate(
            &text,
            BASE_RATE + (edit - 1) * STEP,
            BASE_RATE + edit * STEP,
        );
        std::fs::write(root.join(TARIFF), edited).expect("write tariff");
        let started = Instant::now();
        let changed: Vec<_> = prepare_all(root)
            .into_iter()
            .filter(|d| last.get(&key(d)) != Some(&d.data))
            .collect();
        let prepared = started.elapsed().as_secs_f64() * 1e3;
        let refs: Vec<&PreparedDocument> = changed.iter().collect();
        typeset_all(&project, &refs, false, |_, _, _| {}).expect("warm rebuild");
        let total = started.elapsed().as_secs_f64() * 1e3;
        times.push((total, prepared, total - prepared));
        let touched: Vec<String> = changed.iter().map(key).collect();
        assert_eq!(
            touched, TOUCHED,
            "edit {edit} must touch every such document"
        );
        // Unchanged documents already hold their data in `last`.
        last.extend(data_by_document(&changed));
    }
    let started = Instant::now();
    let _ = prepare_all(root);
    println!("prepare_ms {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
    times.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (total, prepared, typeset) = times[times.len() / 2];
    println!("warm_rebuild_ms {total:.1} ms");
    println!("warm_rebuild_max_ms {:.1} ms", times[times.len() - 1].0);
    println!("warm_rebuild_prepare_ms {prepared:.1} ms");
    println!("warm_rebuild_typeset_ms {typeset:.1} ms");
    println!("warm_rebuilt_documents {} count", TOUCHED.len());
    watch_session(root, project, last);
}

/// What `tariffpress watch` does, 200 times: edit a title only the
/// foundation flyer prints, reload, typeset what changed, evict old cache
/// entries. Reports the median rebuild and the resident memory after 10
/// and after 200 edits (flat memory means the caches do not grow).
fn watch_session(root: &Path, mut project: Project, mut last: HashMap<String, DocumentData>) {
    const PROGRAM: &str = "content/programs/foundation-2024.yaml";
    const TITLE: &str = "サイバーリスクへの備えは万全ですか？";
    let original = std::fs::read_to_string(root.join(PROGRAM)).expect("program");
    let mut times = Vec::new();
    let mut rss_after_10 = 0;
    for edit in 1..=200 {
        let title = format!("サイバーリスクへの備えは万全ですか（{edit}）？");
        std::fs::write(root.join(PROGRAM), original.replace(TITLE, &title)).expect("write");
        let started = Instant::now();
        project.reset();
        let changed: Vec<_> = prepare_all(root)
            .into_iter()
            .filter(|d| last.get(&key(d)) != Some(&d.data))
            .collect();
        assert_eq!(changed.len(), 1, "one edit, one document");
        let refs: Vec<&PreparedDocument> = changed.iter().collect();
        typeset_all(&project, &refs, false, |_, _, _| {}).expect("watch rebuild");
        typst::comemo::evict(10);
        times.push(started.elapsed().as_secs_f64() * 1e3);
        last.extend(data_by_document(&changed));
        if edit == 10 {
            rss_after_10 = rss_kb();
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "watch_rebuild_one_document_ms {:.1} ms",
        times[times.len() / 2]
    );
    println!("watch_rss_after_10_edits {} MB", rss_after_10 / 1024);
    println!("watch_rss_after_200_edits {} MB", rss_kb() / 1024);
}

/// Resident memory of this process, from /proc (0 where unavailable).
fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn key(d: &PreparedDocument) -> String {
    format!("{}/{}", d.program, d.kind.name())
}

fn prepare_all(root: &Path) -> Vec<PreparedDocument> {
    let catalog = content::load(root).expect("content");
    let programs: Vec<_> = catalog.programs.iter().collect();
    prepare(&catalog, &programs).expect("prepare")
}

fn data_by_document(docs: &[PreparedDocument]) -> HashMap<String, DocumentData> {
    docs.iter().map(|d| (key(d), d.data.clone())).collect()
}

/// The tariff with the clinic H1 base rate changed from `from` to `to` yen.
fn replace_rate(text: &str, from: u32, to: u32) -> String {
    let (old, new) = (format!("    H1: {from}\n"), format!("    H1: {to}\n"));
    assert_eq!(
        text.matches(&old).count(),
        1,
        "`{old}` must occur once in {TARIFF}"
    );
    text.replacen(&old, &new, 1)
}
