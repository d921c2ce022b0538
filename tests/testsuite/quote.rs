//! `tariffpress quote`: one facility's premium with its worksheet, and the
//! お見積りシート whose printed premium the drift guard checks.

use crate::support::{pdf_text, project, run, text};

/// foundation-2024 grants no discount and prints no table. A 75-bed
/// hospital on H3: the size factor is interpolated between 50 beds (1) and
/// 100 beds (1.32051): 1 + 0.32051 × 25 / 50 = 1.160255; 257,010 × 1.160255
/// = 298,197.14 → rounded half up to 10 yen: 298,200.
#[test]
fn a_facility_between_printed_sizes_gets_its_quote_sheet() {
    let project = project();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("quote.pdf");
    let out = run(
        project.path(),
        &[
            "quote",
            "foundation-2024",
            "--class",
            "hospital",
            "--plan",
            "H3",
            "--size",
            "75",
            "--facility",
            "さくら病院",
            "--pdf",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("premium: 298,200円"),
        "{}",
        text(&out.stdout)
    );
    let printed = pdf_text(&pdf);
    for fragment in [
        "お見積りシート",
        "さくら病院様",
        "75床",
        "298,200円",
        "一括払",
    ] {
        assert!(
            printed.contains(fragment),
            "missing `{fragment}` in {printed}"
        );
    }
    let back = run(
        project.path(),
        &[
            "rates",
            "--from-pdf",
            pdf.to_str().unwrap(),
            "--format",
            "csv",
        ],
    );
    assert!(
        text(&back.stdout).contains("foundation-2024,H3,hospital,,75,lump_sum,298200,"),
        "{}",
        text(&back.stdout)
    );
}

/// kagoshima-2025 pays monthly with 団体割引 15 %: clinic H2 56,860 × 0.85
/// = 48,331 → 48,330; × 1.05 = 50,746.5 → down to 50,740; / 12 = 4,228.3
/// → 4,220; first 50,740 − 11 × 4,220 = 4,320.
#[test]
fn a_monthly_program_quotes_installments() {
    let project = project();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("quote.pdf");
    let out = run(
        project.path(),
        &[
            "quote",
            "kagoshima-2025",
            "--class",
            "clinic",
            "--plan",
            "H2",
            "--pdf",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = pdf_text(&pdf);
    for fragment in [
        "月額保険料",
        "4,220円",
        "初回4,320円",
        "12回払",
        "団体割引15%",
    ] {
        assert!(
            printed.contains(fragment),
            "missing `{fragment}` in {printed}"
        );
    }
}

#[test]
fn a_size_outside_the_tariff_is_referred_and_no_sheet_is_written() {
    let project = project();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("quote.pdf");
    let out = run(
        project.path(),
        &[
            "quote",
            "foundation-2024",
            "--class",
            "hospital",
            "--plan",
            "H3",
            "--size",
            "150",
            "--pdf",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("refer to underwriter"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains("outside the tariff's table"),
        "{}",
        text(&out.stderr)
    );
    assert!(!pdf.exists());
}
