//! `tariffpress build` end to end: every seed program typeset, every printed
//! premium read back from the PDFs, reproducible bytes, and the sandbox,
//! glyph, warning and drift guards each making the build fail cleanly.

use crate::support::{
    arg, build, fixture_root, pdf_text, project, replace, repo_root, tariffpress, thousands,
};

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file under `dir`, by relative path.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("prefix").to_path_buf();
            (rel, fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// All text of one program's PDFs.
fn program_text(output: &Path, program: &str) -> String {
    let mut text = String::new();
    for entry in fs::read_dir(output.join(program)).expect("program folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "pdf") {
            text.push_str(&pdf_text(&path));
        }
    }
    text
}

#[test]
fn every_program_prints_every_premium_of_its_rate_table() {
    let project = project();
    let out_dir = tempfile::tempdir().expect("temp dir");
    let out = build(project.path(), &["--output", arg(out_dir.path())]);
    assert!(out.status.success(), "{}", stderr(&out));
    let programs = fs::read_dir(fixture_root().join("content/programs")).expect("programs");
    let mut checked = 0;
    for entry in programs {
        let id = entry
            .expect("entry")
            .path()
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let folder = out_dir.path().join(&id);
        let pdfs = fs::read_dir(&folder)
            .unwrap_or_else(|_| panic!("no output for {id}"))
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "pdf"))
            })
            .count();
        assert!(pdfs > 0, "{id} built no PDF");
        let rates: serde_json::Value =
            serde_json::from_slice(&fs::read(folder.join("rates.json")).expect("rates.json"))
                .expect("json");
        let text = program_text(out_dir.path(), &id);
        for cell in rates.as_array().expect("array") {
            let yen = cell["premium_yen"].as_i64().expect("premium_yen");
            let printed = format!("{}円", thousands(yen));
            assert!(
                text.contains(&printed),
                "{id}: {printed} not found in its PDFs (cell {cell})"
            );
            checked += 1;
        }
    }
    assert!(checked >= 106, "only {checked} premiums checked");
}

#[test]
fn the_seed_figures_appear_in_the_printed_documents() {
    // About the sample content: the real project's brochures.
    let out_dir = tempfile::tempdir().expect("temp dir");
    let out = build(&repo_root(), &["--output", arg(out_dir.path())]);
    assert!(out.status.success(), "{}", stderr(&out));
    let fixture =
        fs::read_to_string(repo_root().join("tests/fixtures/seed_premiums.csv")).expect("fixture");
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    let rows: Vec<&str> = fixture
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .collect();
    assert_eq!(rows.len(), 106);
    for row in rows {
        let fields: Vec<&str> = row.split(',').collect();
        let (program, yen) = (fields[0], fields[5].parse::<i64>().expect("yen"));
        let text = texts
            .entry(program.to_string())
            .or_insert_with(|| program_text(out_dir.path(), program));
        let printed = format!("{}円", thousands(yen));
        assert!(
            text.contains(&printed),
            "{program}: seed figure {printed} missing from the PDFs"
        );
    }
}

/// Two checkouts in different folders, built more than a second apart
/// under different time zones and locales: every output byte equal.
#[test]
fn rebuilds_are_byte_identical_across_checkouts() {
    let here = project();
    let first = tempfile::tempdir().expect("temp dir");
    let out = build(here.path(), &["--output", arg(first.path())]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let elsewhere = project();
    let second = tempfile::tempdir().expect("temp dir");
    let out = tariffpress()
        .env("TZ", "America/New_York")
        .env("LANG", "ja_JP.UTF-8")
        .current_dir(second.path())
        .arg("--root")
        .arg(elsewhere.path())
        .args(["build", "--output"])
        .arg(second.path())
        .output()
        .expect("the binary runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let (a, b) = (files(first.path()), files(second.path()));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(
            bytes == &b[path],
            "{} differs between builds",
            path.display()
        );
    }
}

/// Appends `text` to a template of a scratch project, builds, and returns
/// the failed run's stderr after checking nothing was written.
fn failing_build(template: &str, from: &str, to: &str) -> String {
    let project = project();
    replace(project.path(), template, from, to);
    let output = project.path().join("output");
    let out = build(
        project.path(),
        &["--output", arg(&output), "--only", "miyazaki-2025"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        !output.exists(),
        "a failed build wrote {}",
        output.display()
    );
    stderr(&out)
}

const PAMPHLET_END: &str = "#sections(data)";

#[test]
fn a_template_reading_outside_templates_fails() {
    let err = failing_build(
        "templates/pamphlet.typ",
        PAMPHLET_END,
        "#sections(data)\n#read(\"../content/programs/miyazaki-2025.yaml\")",
    );
    assert!(err.contains("outside templates/"), "{err}");
    assert!(err.contains("templates/pamphlet.typ:12:"), "{err}");
}

#[test]
fn a_template_reading_above_the_project_fails() {
    let err = failing_build(
        "templates/pamphlet.typ",
        PAMPHLET_END,
        "#sections(data)\n#read(\"../../../etc/passwd\")",
    );
    assert!(err.contains("templates/pamphlet.typ:12:"), "{err}");
    assert!(err.contains("root"), "{err}");
}

#[test]
fn a_character_no_font_covers_fails() {
    let err = failing_build("templates/pamphlet.typ", PAMPHLET_END, "#sections(data)\n𝄞");
    assert!(
        err.contains("no shipped font has a glyph for '𝄞' (U+1D11E)"),
        "{err}"
    );
}

#[test]
fn a_typst_warning_fails_with_its_location() {
    let err = failing_build(
        "templates/pamphlet.typ",
        PAMPHLET_END,
        "#sections(data)\n#text(font: \"No Such Font\")[x]",
    );
    assert!(err.contains("unknown font family"), "{err}");
    assert!(err.contains("templates/pamphlet.typ:12:"), "{err}");
    assert!(err.contains("warnings fail the build"), "{err}");
}

#[test]
fn a_typst_error_is_shown_with_file_line_column_and_snippet() {
    let err = failing_build(
        "templates/pamphlet.typ",
        PAMPHLET_END,
        "#sections(data)\n#no-such-helper(data)",
    );
    assert!(err.contains("unknown variable: no-such-helper"), "{err}");
    assert!(err.contains("templates/pamphlet.typ:12:"), "{err}");
    assert!(err.contains("#no-such-helper(data)"), "{err}");
}

#[test]
fn a_template_printing_a_wrong_premium_fails_naming_the_cell() {
    let err = failing_build(
        "templates/style.typ",
        "premium-rows(t.rows.map(r => r.cells))",
        "premium-rows(t.rows.map(r => r.cells.map(c => (..c, yen: c.yen + 10))))",
    );
    assert!(
        err.contains("cell miyazaki-2025/clinic/-/-/H1/lump_sum printed 27210円 but the rating core gives 27200円"),
        "{err}"
    );
}

#[test]
fn a_template_leaving_out_a_premium_fails_naming_the_cell() {
    let err = failing_build(
        "templates/style.typ",
        "premium-rows(t.rows.map(r => r.cells))",
        "premium-rows(t.rows.map(r => r.cells.filter(c => not c.key.ends-with(\"/H7/lump_sum\"))))",
    );
    assert!(
        err.contains("cell miyazaki-2025/clinic/-/-/H7/lump_sum was not printed"),
        "{err}"
    );
}

#[test]
fn a_failed_build_keeps_the_previous_output() {
    let project = project();
    let output = project.path().join("output");
    let only = ["--output", arg(&output), "--only", "miyazaki-2025"];
    let out = build(project.path(), &only);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = files(&output);
    replace(
        project.path(),
        "templates/pamphlet.typ",
        PAMPHLET_END,
        "#sections(data)\n#panic(\"boom\")",
    );
    let out = build(project.path(), &only);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        files(&output) == before,
        "output changed after a failed build"
    );
}
