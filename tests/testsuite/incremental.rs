//! Incremental builds, previews and provenance: the manifest decides what
//! is typeset again, page previews are written on request, and every PDF
//! that prints premiums carries them back out.

use crate::support::{pdf_info, project, replace, run, success, text};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

const TARIFF: &str = "content/products/cyber/tariffs/2024-04-01.yaml";

/// A successful `build --verbose`, so that every typeset document is listed.
fn verbose_build(root: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["--verbose"];
    args.extend(extra);
    success(crate::support::build(root, &args))
}

/// The documents a build typeset, from its progress lines
/// (`  program/document.pdf: …`).
fn typeset(out: &Output) -> BTreeSet<String> {
    text(&out.stderr)
        .lines()
        .filter_map(|l| l.trim().split_once(".pdf:"))
        .map(|(name, _)| name.to_string())
        .collect()
}

fn summary(out: &Output) -> String {
    text(&out.stderr)
        .lines()
        .find(|l| l.contains(" up to date;"))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn only_documents_whose_inputs_changed_are_rebuilt() {
    let project = project();
    let root = project.path();
    let first = verbose_build(root, &[]);
    assert!(
        summary(&first).starts_with("12 built, 0 up to date"),
        "{}",
        summary(&first)
    );

    let again = verbose_build(root, &[]);
    assert!(
        summary(&again).starts_with("0 built, 12 up to date"),
        "{}",
        summary(&again)
    );
    assert!(typeset(&again).is_empty());

    // One base rate: only the documents printing premiums of programs whose
    // printed cells it changes (standard prints no H1, foundation no table,
    // FAQ sheets no premium).
    replace(root, TARIFF, "    H1: 48570\n", "    H1: 50000\n");
    let rate = verbose_build(root, &[]);
    let expected: BTreeSet<String> = [
        "kagoshima-2025/flyer",
        "kagoshima-2025/rate-sheet",
        "miyazaki-2025/pamphlet",
        "miyazaki-2025/rate-sheet",
    ]
    .map(String::from)
    .into();
    assert_eq!(typeset(&rate), expected);
    assert!(
        summary(&rate).starts_with("4 built, 8 up to date"),
        "{}",
        summary(&rate)
    );

    let forced = verbose_build(root, &["--force"]);
    assert_eq!(typeset(&forced).len(), 12);
}

#[test]
fn a_missing_or_altered_pdf_is_rebuilt() {
    let project = project();
    let root = project.path();
    verbose_build(root, &["--only", "standard"]);
    let output = root.join("output/standard");
    let good = std::fs::read(output.join("faq.pdf")).unwrap();
    std::fs::remove_file(output.join("rate-sheet.pdf")).unwrap();
    std::fs::write(output.join("faq.pdf"), &good[..good.len() / 2]).unwrap();
    let repair = verbose_build(root, &["--only", "standard"]);
    let expected: BTreeSet<String> = ["standard/faq", "standard/rate-sheet"]
        .map(String::from)
        .into();
    assert_eq!(typeset(&repair), expected);
    assert_eq!(std::fs::read(output.join("faq.pdf")).unwrap(), good);
}

#[test]
fn a_template_change_rebuilds_every_document() {
    let project = project();
    let root = project.path();
    verbose_build(root, &["--only", "standard"]);
    let style = root.join("templates/style.typ");
    let mut text = std::fs::read_to_string(&style).unwrap();
    text.push_str("\n// a comment is still a change of input\n");
    std::fs::write(&style, text).unwrap();
    let out = verbose_build(root, &["--only", "standard"]);
    assert_eq!(typeset(&out).len(), 2);
}

#[test]
fn png_previews_are_written_beside_the_pdf_and_stale_ones_removed() {
    let project = project();
    let root = project.path();
    verbose_build(root, &["--only", "foundation-2024"]);
    let dir = root.join("output/foundation-2024");
    let pages: usize = pdf_info(&dir.join("flyer.pdf"))
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints the page count");
    // Previews of pages an earlier, longer version had.
    let stale = [pages + 1, pages + 2].map(|p| dir.join(format!("flyer-{p}.png")));
    for png in &stale {
        std::fs::write(png, b"an old page").unwrap();
    }
    // Asking for previews rebuilds documents that have none yet.
    let out = verbose_build(root, &["--only", "foundation-2024", "--png"]);
    assert_eq!(typeset(&out).len(), 2);
    for page in 1..=pages {
        let png = std::fs::read(dir.join(format!("flyer-{page}.png"))).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    }
    for png in &stale {
        assert!(!png.exists(), "{} was removed", png.display());
    }
}

#[test]
fn the_pdf_of_a_document_a_program_no_longer_lists_is_removed() {
    let project = project();
    let root = project.path();
    verbose_build(root, &["--only", "standard", "--png"]);
    let dir = root.join("output/standard");
    let faq = dir.join("faq.pdf");
    assert!(faq.exists() && dir.join("faq-1.png").exists());
    // A file the build did not write, and another program's PDF.
    std::fs::write(dir.join("notes.pdf"), b"the user's own").unwrap();
    let other = root.join("output/personal-info/rate-sheet.pdf");
    std::fs::create_dir_all(other.parent().unwrap()).unwrap();
    std::fs::write(&other, b"not recorded either").unwrap();

    replace(
        root,
        "content/programs/standard.yaml",
        "  - kind: faq\n    sections: [features, faq]\n",
        "",
    );
    let out = verbose_build(root, &["--only", "standard"]);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("removed standard/faq.pdf: no program lists this document any more"),
        "{stderr}"
    );
    assert!(!faq.exists(), "the retired PDF is gone");
    assert!(!dir.join("faq-1.png").exists(), "with its page previews");
    assert!(dir.join("rate-sheet.pdf").exists());
    assert!(
        dir.join("notes.pdf").exists(),
        "a file no build recorded stays"
    );
    assert!(other.exists());
    let manifest = std::fs::read_to_string(root.join("output/.tariffpress-manifest.json")).unwrap();
    assert!(!manifest.contains("standard/faq.pdf"), "{manifest}");
    assert!(manifest.contains("standard/rate-sheet.pdf"));

    // Nothing more to remove the next time.
    let again = verbose_build(root, &["--only", "standard"]);
    assert!(
        !text(&again.stderr).contains("removed"),
        "{}",
        text(&again.stderr)
    );
}

#[test]
fn the_files_of_a_program_the_content_no_longer_has_are_removed() {
    let project = project();
    let root = project.path();
    verbose_build(root, &["--only", "standard"]);
    verbose_build(root, &["--only", "personal-info"]);
    let standard = root.join("output/standard");
    let personal = root.join("output/personal-info");
    for file in ["rates.csv", "rates.json", "rate-sheet.pdf"] {
        assert!(standard.join(file).exists() && personal.join(file).exists());
    }
    // A rate export someone changed since the build wrote it.
    std::fs::write(personal.join("rates.json"), b"[]").unwrap();
    std::fs::remove_file(root.join("content/programs/standard.yaml")).unwrap();
    std::fs::remove_file(root.join("content/programs/personal-info.yaml")).unwrap();

    let out = verbose_build(root, &["--only", "kagoshima-2025"]);
    assert!(
        standard.exists(),
        "a build of one program leaves the others"
    );
    let out_all = verbose_build(root, &[]);
    let stderr = text(&out_all.stderr);
    assert!(
        stderr.contains("removed standard/rates.csv: the content has no such program any more"),
        "{stderr}"
    );
    assert!(
        stderr.contains("removed standard/rate-sheet.pdf"),
        "{stderr}"
    );
    assert!(!standard.exists(), "the emptied program folder is gone");
    assert!(!personal.join("rates.csv").exists());
    assert!(!personal.join("rate-sheet.pdf").exists());
    assert_eq!(
        std::fs::read(personal.join("rates.json")).unwrap(),
        b"[]",
        "a changed file stays, and its folder with it"
    );
    let manifest = std::fs::read_to_string(root.join("output/.tariffpress-manifest.json")).unwrap();
    assert!(!manifest.contains("standard/"), "{manifest}");
    assert!(manifest.contains("kagoshima-2025/rates.csv"), "{manifest}");
    assert!(!text(&out.stderr).contains("removed"));
}

#[test]
fn rates_read_back_from_a_pdf_equal_the_rates_file() {
    let project = project();
    let root = project.path();
    verbose_build(root, &["--only", "kagoshima-2025"]);
    let dir = root.join("output/kagoshima-2025");
    let rates = std::fs::read_to_string(dir.join("rates.json")).unwrap();
    for document in ["flyer.pdf", "rate-sheet.pdf"] {
        let out = run(
            root,
            &[
                "rates",
                "--from-pdf",
                dir.join(document).to_str().unwrap(),
                "--format",
                "json",
            ],
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(text(&out.stdout), rates, "{document}");
    }
    let faq = run(
        root,
        &["rates", "--from-pdf", dir.join("faq.pdf").to_str().unwrap()],
    );
    assert_eq!(faq.status.code(), Some(1));
    assert!(
        text(&faq.stderr).contains("no attached rates.json"),
        "{}",
        text(&faq.stderr)
    );
}

#[test]
fn pdf_metadata_names_program_product_and_tariff() {
    let project = project();
    let root = project.path();
    verbose_build(root, &["--only", "miyazaki-2025"]);
    let info = pdf_info(&root.join("output/miyazaki-2025/faq.pdf"));
    for fragment in [
        "program=miyazaki-2025",
        "document=faq",
        "product=医療機関用サイバー保険",
        "tariff-version=2024年4月改定",
        "tariff-effective=2024-04-01",
    ] {
        assert!(info.contains(fragment), "missing `{fragment}` in:\n{info}");
    }
}

#[test]
fn without_a_terminal_a_build_prints_one_summary_line() {
    let project = project();
    let out = success(crate::support::build(
        project.path(),
        &["--only", "standard"],
    ));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("2 built, 0 up to date;"), "{stderr}");
}
