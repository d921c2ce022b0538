//! Fidelity to the seeds (issue 13): what the sample content's documents
//! print about themselves, read from the data the templates get
//! (`context`, no typesetting) and, for the numbering, from the pamphlet.
//! Every value here is the seed's: the badge only where the program
//! declares it, the period in the program's calendar and wording, the
//! seed's section numbers, the foundation's own product without a tariff;
//! and no document letter-spaces a line, which no seed does.

use crate::support::{build, pdf_text, repo_root, run, sample_project, success, text};
use serde_json::Value;

fn context(program: &str, document: &str) -> Value {
    let out = success(run(&repo_root(), &["context", program, document]));
    serde_json::from_slice(&out.stdout).expect("context prints JSON")
}

#[test]
fn badges_are_only_those_the_programs_declare() {
    let badge = |program: &str, document: &str| context(program, document)["badge"].clone();
    // Seed 001: 団体割引 20% 適用, and no 告知書割引 badge.
    assert_eq!(
        badge("miyazaki-2025", "pamphlet"),
        serde_json::json!([{"id": "group", "name": "団体割引", "rate": "20%", "suffix": "適用"}])
    );
    // Seed 002: 団体割引 15％ without 適用.
    assert_eq!(badge("kagoshima-2025", "flyer")[0]["suffix"], Value::Null);
    // Seed 004 grants a セキュリティ割引 but prints no badge for it.
    assert_eq!(badge("personal-info", "pamphlet"), serde_json::json!([]));
    assert_eq!(badge("standard", "rate-sheet"), serde_json::json!([]));
}

#[test]
fn the_period_is_worded_in_each_programs_calendar() {
    let foundation = context("foundation-2024", "flyer");
    assert_eq!(
        foundation["period"]["text"],
        "2024年10月1日（午後4時）から1年間"
    );
    assert_eq!(foundation["deadlines"][0]["text"], "2024年9月2日(月)");
    assert_eq!(foundation["deadlines"][1]["text"], "2024年9月17日(火)");
    let miyazaki = context("miyazaki-2025", "pamphlet");
    assert_eq!(
        miyazaki["period"]["text"],
        "令和7年8月1日午後4時から令和8年8月1日午後4時まで1年間"
    );
    assert_eq!(miyazaki["deadlines"][0]["text"], "令和7年6月6日(金)");
}

#[test]
fn the_foundation_is_its_own_product_without_a_tariff() {
    let data = context("foundation-2024", "flyer");
    assert_eq!(
        data["meta"]["product"],
        "医療関連サービスマーク認定事業者向けサイバー保険"
    );
    assert_eq!(data["meta"]["tariff"], Value::Null);
    assert_eq!(data["premium_tables"], serde_json::json!([]));
    let quote = run(
        &repo_root(),
        &[
            "quote",
            "foundation-2024",
            "--class",
            "hospital",
            "--plan",
            "H1",
            "--size",
            "75",
        ],
    );
    assert_eq!(quote.status.code(), Some(2));
    assert!(
        text(&quote.stderr).contains("which has no tariff"),
        "{}",
        text(&quote.stderr)
    );
    let rates = run(&repo_root(), &["rates", "foundation-2024"]);
    assert_eq!(rates.status.code(), Some(2));
    assert!(text(&rates.stdout).is_empty());
}

#[test]
fn rate_sheets_print_no_period_where_the_seed_prints_none() {
    for program in ["standard", "personal-info", "kagoshima-2025"] {
        let data = context(program, "rate-sheet");
        let schedule = data["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["blocks"].as_array().unwrap())
            .any(|b| b["kind"] == "schedule");
        assert!(!schedule, "{program} prints a period");
    }
}

#[test]
fn seed_003_prints_one_clinic_table_with_both_clinics_as_columns() {
    let data = context("standard", "rate-sheet");
    let tables = data["premium_tables"].as_array().unwrap();
    assert_eq!(tables.len(), 2);
    assert_eq!(
        tables[0]["columns"],
        serde_json::json!(["一般診療所", "歯科診療所"])
    );
    assert_eq!(tables[0]["rows"][0]["cells"].as_array().unwrap().len(), 2);
    assert_eq!(
        tables[1]["columns"],
        serde_json::json!(["一般病床数50床の場合", "一般病床数100床の場合"])
    );
    let personal = context("personal-info", "rate-sheet");
    let row = &personal["premium_tables"][0]["rows"][0];
    assert_eq!(row["plan"], "P1型");
    assert_eq!(
        row["limits"],
        serde_json::json!(["1,000万円", "1事故 100万円"])
    );
    assert_eq!(
        row["deductibles"],
        serde_json::json!([null, "1事故 10万円"])
    );
    assert_eq!(
        personal["premium_tables"][0]["labels"]["deductible_columns"],
        serde_json::json!(["賠償", "B P費用"])
    );
}

#[test]
fn the_miyazaki_pamphlet_numbers_its_sections_as_the_seed() {
    let data = context("miyazaki-2025", "pamphlet");
    let numbers: Vec<Value> = data["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["number"].clone())
        .collect();
    assert_eq!(
        numbers.first(),
        Some(&Value::Null),
        "the cover is unnumbered"
    );
    assert_eq!(
        numbers.last(),
        Some(&Value::from("18")),
        "お問い合わせ先 is 18"
    );
    let project = sample_project();
    let out = project.path().join("out");
    success(build(
        project.path(),
        &["--only", "miyazaki-2025", "--output", out.to_str().unwrap()],
    ));
    let printed: String = pdf_text(&out.join("miyazaki-2025/pamphlet.pdf"))
        .split_whitespace()
        .collect();
    assert!(printed.contains("18.お問い合わせ先"), "{printed}");
    assert!(printed.contains("9.自動セットサービスの概要"), "{printed}");
    assert!(!printed.contains("告知書割引30%適用"));
}

/// Justification spreads the gap a line leaves over its Japanese
/// characters, so a long web or e-mail address that does not fit at a
/// line's end letter-spaces the Japanese before it (日 本 医 師 会 …):
/// stray spaces inside a Japanese run, as no seed prints. `pdftotext
/// -layout` shows such a line with a space between every character.
#[test]
fn no_line_of_any_document_is_letter_spaced() {
    let project = sample_project();
    let out = project.path().join("out");
    success(build(project.path(), &["--output", out.to_str().unwrap()]));
    let spaced = regex::Regex::new(
        r"(\p{Han}|\p{Hiragana}|\p{Katakana})( (\p{Han}|\p{Hiragana}|\p{Katakana})){3}",
    )
    .unwrap();
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(&out) {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "pdf") {
            continue;
        }
        let layout = std::process::Command::new("pdftotext")
            .args(["-layout", path.to_str().unwrap(), "-"])
            .output()
            .expect("pdftotext (poppler-utils) is installed; scripts/test installs it");
        for line in text(&layout.stdout).lines() {
            if spaced.is_match(line) {
                found.push(format!("{}: {line}", path.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "letter-spaced lines:\n{}",
        found.join("\n")
    );
}
