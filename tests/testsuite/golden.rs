//! Every premium printed in the seed brochures, reproduced to the yen by
//! `tariffpress rates --format csv`, and those of seeds 003 and 004 by
//! `tariffpress check` through the sample content's expected-premium tables.

use crate::support::text;
use std::collections::{BTreeSet, HashMap};

/// Key of a cell: program, class, category, size, plan.
type Key = (String, String, String, String, String);

fn fixture() -> Vec<(Key, String)> {
    let text = std::fs::read_to_string(
        crate::support::repo_root().join("tests/fixtures/seed_premiums.csv"),
    )
    .expect("fixture");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let key = (
                f[0].into(),
                f[1].into(),
                f[2].into(),
                f[3].into(),
                f[4].into(),
            );
            (key, f[5].to_string())
        })
        .collect()
}

fn rates_csv() -> HashMap<Key, String> {
    let out = crate::support::run(&crate::support::repo_root(), &["rates", "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let text = text
        .strip_prefix('\u{feff}')
        .expect("CSV starts with a BOM");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (program, plan, class, category, size, premium) = (
        col("program"),
        col("plan"),
        col("class"),
        col("category"),
        col("size"),
        col("premium_yen"),
    );
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let key = (
                f[program].into(),
                f[class].into(),
                f[category].into(),
                f[size].into(),
                f[plan].into(),
            );
            (key, f[premium].to_string())
        })
        .collect()
}

#[test]
fn all_106_seed_premiums_are_reproduced() {
    let expected = fixture();
    assert_eq!(expected.len(), 106, "the seeds print 49 + 12 + 45 premiums");
    let actual = rates_csv();
    let mismatches: Vec<String> = expected
        .iter()
        .filter_map(|(key, want)| {
            let got = actual.get(key).map_or("(no such cell)", String::as_str);
            (got != want).then(|| format!("{key:?}: expected {want}, got {got}"))
        })
        .collect();
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

#[test]
fn kagoshima_prints_monthly_installments_of_its_own_annual_premiums() {
    let out = crate::support::run(
        &crate::support::repo_root(),
        &["rates", "kagoshima-2025", "--format", "json"],
    );
    assert!(out.status.success());
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(rows.len(), 7);
    for row in rows {
        assert_eq!(row["payment"], "monthly");
        let annual = row["annual_yen"].as_i64().expect("annual");
        let regular = row["premium_yen"].as_i64().expect("regular");
        let first = row["first_installment_yen"].as_i64().unwrap_or(regular);
        // 12 installments carry the 5% loading, within the 10-yen rounding.
        let total = first + 11 * regular;
        assert!((total * 100 - annual * 105).abs() < 10 * 100, "{row}");
        assert_eq!(regular % 10, 0);
    }
}

/// The sample content's expected-premium tables are the seed figures of 003
/// (the standard program) and 004 (personal-info), as transcribed in the
/// fixture: every one of them and nothing else, so `check` on the sample
/// content verifies the seeds through the same tables an actuary writes.
#[test]
fn the_expected_tables_are_the_seed_003_and_004_figures_and_check_reproduces_them() {
    let root = crate::support::repo_root();
    let seeds: BTreeSet<(Key, String)> = fixture()
        .into_iter()
        .filter(|((program, ..), _)| program == "standard" || program == "personal-info")
        .collect();
    let mut tables = BTreeSet::new();
    for file in [
        "content/products/cyber/expected/standard.csv",
        "content/products/personal-info/expected/personal-info.csv",
    ] {
        let mut reader = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .from_path(root.join(file))
            .expect(file);
        let header = reader.headers().expect("header").clone();
        let col = |name: &str| header.iter().position(|h| h == name).expect(name);
        let (program, class, category, size, plan, premium) = (
            col("program"),
            col("class"),
            col("category"),
            col("size"),
            col("plan"),
            col("premium_yen"),
        );
        for record in reader.records() {
            let r = record.expect("a well-formed row");
            let key = (
                r[program].into(),
                r[class].into(),
                r[category].into(),
                r[size].into(),
                r[plan].into(),
            );
            assert!(tables.insert((key, r[premium].to_string())), "{r:?} twice");
        }
    }
    assert_eq!(tables, seeds);

    let out = crate::support::run(&root, &["check"]);
    let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{said}");
    let count = format!("{} expected premiums reproduced", seeds.len());
    assert!(said.contains(&count), "{said}");
}
