//! `explain` prices any size between table points and refers outside.

fn explain_json(args: &[&str]) -> (i32, serde_json::Value, String) {
    let mut all = vec!["explain"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let project = crate::support::project();
    let out = crate::support::run(project.path(), &all);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let value = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap_or(-1), value, stderr)
}

#[test]
fn a_printed_size_gives_the_printed_premium() {
    let (code, v, _) = explain_json(&[
        "miyazaki-2025",
        "--class",
        "hospital",
        "--plan",
        "H1",
        "--size",
        "50",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["premium_yen"], 78410);
    let steps = v["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 6, "base, size, two discounts, two roundings");
    assert_eq!(steps[0]["result"], "140010");
}

#[test]
fn sizes_between_points_are_priced_between_their_neighbours() {
    let premium = |size: &str| {
        let (code, v, err) = explain_json(&[
            "miyazaki-2025",
            "--class",
            "hospital",
            "--plan",
            "H1",
            "--size",
            size,
        ]);
        assert_eq!(code, 0, "{err}");
        v["premium_yen"].as_i64().expect("a premium")
    };
    let (p50, p75, p100) = (premium("50"), premium("75"), premium("100"));
    assert!(p50 < p75 && p75 < p100, "{p50} < {p75} < {p100}");
    // 75 beds: factor halfway between 1 and 1.32051 = 1.160255;
    // 140,010 × 1.160255 × 0.7 = 113,713.71… → 113,710; × 0.8 = 90,968 → 90,970.
    assert_eq!(p75, 90970);
    assert!(premium("31") > premium("30"));
}

#[test]
fn sizes_outside_the_table_are_referred() {
    let (code, v, _) = explain_json(&[
        "miyazaki-2025",
        "--class",
        "hospital",
        "--plan",
        "H1",
        "--size",
        "150",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["refer"], true);
    assert!(v["reason"].as_str().expect("reason").contains("outside"));
    assert!(v.get("premium_yen").is_none());
}

#[test]
fn monthly_programs_show_installments() {
    let (code, v, _) = explain_json(&["kagoshima-2025", "--class", "clinic", "--plan", "H1"]);
    assert_eq!(code, 0);
    assert_eq!(v["installments"]["count"], 12);
}

#[test]
fn a_zero_size_or_unknown_plan_is_a_usage_error() {
    let (code, _, err) = explain_json(&[
        "miyazaki-2025",
        "--class",
        "hospital",
        "--plan",
        "H1",
        "--size",
        "0",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("greater than zero"), "{err}");
    let (code, _, err) = explain_json(&[
        "miyazaki-2025",
        "--class",
        "hospital",
        "--plan",
        "H9",
        "--size",
        "50",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown plan `H9`"), "{err}");
}

#[test]
fn text_worksheet_names_every_step() {
    let project = crate::support::project();
    let out = crate::support::run(
        project.path(),
        &[
            "explain",
            "personal-info",
            "--class",
            "hospital",
            "--plan",
            "P2",
            "--size",
            "120",
            "--category",
            "long_term",
        ],
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    for step in [
        "base rate",
        "interpolated between 100",
        "療養病床",
        "セキュリティ割引 15%",
        "minimum premium 80,000",
        "団体割引 20%",
        "round half up to 10 yen",
        "premium:",
    ] {
        assert!(text.contains(step), "missing `{step}` in:\n{text}");
    }
}
