//! Every premium printed in the seed brochures, reproduced to the yen by
//! `tariffpress rates --format csv`.

use std::collections::HashMap;

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
