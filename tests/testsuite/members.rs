//! `tariffpress quote --members`: every member of a roster gets their own
//! sheet in one run (quote, renewal notice or request form), a member too
//! large for the tariff is referred without a sheet, and bad rows stop the
//! run with every row named and nothing written.

use crate::support::{pdf_info, pdf_text, project, run, success, text};
use std::path::Path;

/// Six fictitious members of miyazaki-2025, one a 500-bed hospital
/// (outside the tariff's 30–100 beds).
const ROSTER: &str = "\u{feff}会員番号,施設名,区分,病床数,プラン\r\n\
M-001,架空ひなた内科クリニック,clinic,,H1\r\n\
M-002,架空あおば内科医院,一般医院・診療所,,H2\r\n\
M-003,架空みなと記念病院,hospital,75,H3\r\n\
M-004,架空こもれび老人保健施設,geriatric,100,H2\r\n\
M-005,架空やまびこ総合病院,hospital,500,H7\r\n\
M-006,架空さくら台病院,hospital,30,H5\r\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

/// `tariffpress COMMAND PROGRAM --members ROSTER --output OUT EXTRA…`
/// (`quote` or `context`).
fn roster_run(
    root: &Path,
    command: &str,
    program: &str,
    roster: &(impl AsRef<Path> + ?Sized),
    out: &Path,
    extra: &[&str],
) -> std::process::Output {
    let roster = roster.as_ref().to_str().unwrap();
    let mut args = vec![command, program, "--members", roster];
    args.extend(["--output", out.to_str().unwrap()]);
    args.extend_from_slice(extra);
    run(root, &args)
}

/// The premium `explain` gives for a case, as printed (`298,200円`).
fn explained(root: &Path, args: &[&str]) -> String {
    let mut all = vec!["explain", "miyazaki-2025"];
    all.extend_from_slice(args);
    let out = success(run(root, &all));
    let stdout = text(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with("premium:"))
        .unwrap_or_else(|| panic!("no premium line in {stdout}"));
    let figure = line.trim_start_matches("premium:").trim();
    figure[..figure.find('円').unwrap() + '円'.len_utf8()].to_string()
}

#[test]
fn every_member_gets_a_sheet_and_the_large_hospital_is_referred() {
    let project = project();
    let root = project.path();
    let roster = write(root, "members.csv", ROSTER.as_bytes());
    let out_dir = root.join("sheets");
    let out = success(roster_run(
        root,
        "quote",
        "miyazaki-2025",
        &roster,
        &out_dir,
        &["--merge"],
    ));
    let log = text(&out.stderr);
    assert!(log.contains("5 sheets written"), "{log}");
    assert!(log.contains("M-005"), "{log}");
    // Logs name members by id only.
    assert!(
        !log.contains("架空"),
        "a member's name leaked into the log: {log}"
    );
    for id in ["M-001", "M-002", "M-003", "M-004", "M-006"] {
        assert!(out_dir.join(format!("{id}.pdf")).is_file(), "{id}");
    }
    assert!(!out_dir.join("M-005.pdf").exists());
    let sheet = pdf_text(&out_dir.join("M-003.pdf"));
    let premium = explained(
        root,
        &["--class", "hospital", "--plan", "H3", "--size", "75"],
    );
    assert!(sheet.contains("架空みなと記念病院"), "{sheet}");
    assert!(sheet.contains(&premium), "`{premium}` not in {sheet}");
    assert!(
        !sheet.contains("架空ひなた"),
        "another member's name on M-003's sheet"
    );
    let clinic = pdf_text(&out_dir.join("M-001.pdf"));
    let premium = explained(root, &["--class", "clinic", "--plan", "H1"]);
    assert!(clinic.contains(&premium), "`{premium}` not in {clinic}");
    let merged = pdf_info(&out_dir.join("_all.pdf"));
    assert!(merged.contains("Pages:           5"), "{merged}");
    let summary = std::fs::read_to_string(out_dir.join("summary.csv")).unwrap();
    let referred = summary.lines().find(|l| l.contains("referred")).unwrap();
    assert!(
        referred.contains("500") && referred.contains("30–100"),
        "{referred}"
    );
    assert_eq!(summary.lines().filter(|l| l.contains("quoted")).count(), 5);
    assert!(
        !summary.contains("架空"),
        "names belong on the members' own sheets"
    );
    assert!(out_dir.join("summary.xlsx").is_file());
    // The PDFs are the drift-guarded ones: their rates.json reads back.
    let back = success(run(
        root,
        &[
            "rates",
            "--from-pdf",
            out_dir.join("M-003.pdf").to_str().unwrap(),
            "--format",
            "csv",
        ],
    ));
    assert!(
        text(&back.stdout).contains("hospital"),
        "{}",
        text(&back.stdout)
    );
}

#[test]
fn context_writes_each_quoted_members_sheet_data_for_the_typst_cli() {
    let project = project();
    let root = project.path();
    let roster = write(root, "members.csv", ROSTER.as_bytes());
    let dir = root.join("member-data");
    let out = success(roster_run(
        root,
        "context",
        "miyazaki-2025",
        &roster,
        &dir,
        &[],
    ));
    assert!(
        text(&out.stderr).contains("5 members"),
        "{}",
        text(&out.stderr)
    );
    for id in ["M-001", "M-002", "M-003", "M-004", "M-006"] {
        assert!(dir.join(format!("{id}.json")).is_file(), "{id}");
        assert!(dir.join(format!("{id}.rates.json")).is_file(), "{id}");
    }
    assert!(
        !dir.join("M-005.json").exists(),
        "a referred member has no sheet"
    );
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("M-003.json")).unwrap()).unwrap();
    let sheets = data["sheets"].as_array().unwrap();
    assert_eq!(sheets.len(), 1, "one member's sheet per file");
    let sheet = sheets[0].to_string();
    assert!(sheet.contains("架空みなと記念病院"), "{sheet}");
    assert!(
        !sheet.contains("架空ひなた"),
        "another member's data in M-003's"
    );
    let rates: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("M-003.rates.json")).unwrap()).unwrap();
    let yen = rates[0]["premium_yen"].as_i64().unwrap();
    let premium = explained(
        root,
        &["--class", "hospital", "--plan", "H3", "--size", "75"],
    );
    assert_eq!(premium, format!("{}円", crate::support::thousands(yen)));
}

#[test]
fn bad_rows_are_all_named_and_nothing_is_written() {
    let project = project();
    let root = project.path();
    let roster = write(
        root,
        "bad.csv",
        "member_id,name,class,size,plan\n\
         A-1,架空一号診療所,clinic,,H1\n\
         A-2,架空二号病院,hospital,many,H1\n\
         A-1,架空三号診療所,clinic,,H2\n\
         ../A-4,架空四号診療所,clinic,,H1\n\
         A-5,,surgery,,H9\n"
            .as_bytes(),
    );
    let out_dir = root.join("sheets");
    let out = roster_run(root, "quote", "miyazaki-2025", &roster, &out_dir, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    for expected in [
        "bad.csv:3: column `size`: `many` is not a number",
        "bad.csv:4: column `member_id`: duplicate member id, first used on line 2",
        "bad.csv:5: column `member_id`: `../A-4` cannot name a file",
        "bad.csv:6: column `name`: empty",
        "bad.csv:6: column `class`: unknown `surgery`",
        "bad.csv:6: column `plan`: unknown `H9`",
        "4 bad rows",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in {err}");
    }
    assert!(!out_dir.exists(), "a failed run wrote {out_dir:?}");

    let out = success(roster_run(
        root,
        "quote",
        "miyazaki-2025",
        &roster,
        &out_dir,
        &["--skip-invalid"],
    ));
    assert!(
        text(&out.stderr).contains("bad.csv:3"),
        "{}",
        text(&out.stderr)
    );
    assert!(out_dir.join("A-1.pdf").is_file());
    let summary = std::fs::read_to_string(out_dir.join("summary.csv")).unwrap();
    assert_eq!(
        summary.lines().filter(|l| l.contains("invalid")).count(),
        6,
        "{summary}"
    );
}

#[test]
fn shift_jis_csv_and_xlsx_rosters_read_the_same() {
    let project = project();
    let root = project.path();
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(ROSTER.trim_start_matches('\u{feff}'));
    let csv = write(root, "sjis.csv", &sjis);
    let csv_out = root.join("from-csv");
    success(roster_run(
        root,
        "quote",
        "miyazaki-2025",
        &csv,
        &csv_out,
        &[],
    ));
    assert!(pdf_text(&csv_out.join("M-002.pdf")).contains("架空あおば内科医院"));

    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in ROSTER.trim_start_matches('\u{feff}').lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(n) => sheet.write_number(r, c, n).map(|_| ()).unwrap(),
                Err(_) if cell.is_empty() => {}
                Err(_) => sheet.write_string(r, c, cell).map(|_| ()).unwrap(),
            }
        }
    }
    let xlsx = root.join("members.xlsx");
    book.save(&xlsx).unwrap();
    let xlsx_out = root.join("from-xlsx");
    success(roster_run(
        root,
        "quote",
        "miyazaki-2025",
        &xlsx,
        &xlsx_out,
        &[],
    ));
    let read = |dir: &Path| std::fs::read_to_string(dir.join("summary.csv")).unwrap();
    assert_eq!(read(&csv_out), read(&xlsx_out));
}

#[test]
fn a_request_form_is_filled_in_with_the_member_id_and_name() {
    let project = project();
    let root = project.path();
    let roster = write(
        root,
        "foundation.csv",
        "会員番号,施設名\nF-01,架空メディカル寝具サービス株式会社\nF-02,架空院内清掃株式会社\n"
            .as_bytes(),
    );
    let out_dir = root.join("requests");
    success(roster_run(
        root,
        "quote",
        "foundation-2024",
        &roster,
        &out_dir,
        &["--kind", "request"],
    ));
    let sheet = pdf_text(&out_dir.join("F-01.pdf"));
    for fragment in [
        "お見積りシート",
        "架空メディカル寝具サービス株式会社",
        "F-01",
        "事業者名",
        "お見積りシート期限",
        "03-5989-0601",
    ] {
        assert!(sheet.contains(fragment), "missing `{fragment}` in {sheet}");
    }
    assert!(
        !sheet.contains("F-02") && !sheet.contains("院内清掃"),
        "{sheet}"
    );
}

#[test]
fn a_renewal_notice_shows_last_year_and_this_year_with_the_change() {
    let project = project();
    let root = project.path();
    success(run(root, &["roll", "miyazaki-2025", "--to", "2026"]));
    let roster = write(
        root,
        "renewal.csv",
        "member_id,name,class,size,plan,previous_plan\nR-1,架空みなと記念病院,hospital,75,H3,H2\n"
            .as_bytes(),
    );
    let out_dir = root.join("renewals");
    let out = roster_run(
        root,
        "quote",
        "miyazaki-2025",
        &roster,
        &out_dir,
        &["--kind", "renewal"],
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "miyazaki-2025 has no predecessor"
    );
    assert!(
        text(&out.stderr).contains("no `previous:`"),
        "{}",
        text(&out.stderr)
    );
    success(roster_run(
        root,
        "quote",
        "miyazaki-2026",
        &roster,
        &out_dir,
        &["--kind", "renewal"],
    ));
    let sheet = pdf_text(&out_dir.join("R-1.pdf"));
    let last_year = explained(
        root,
        &["--class", "hospital", "--plan", "H2", "--size", "75"],
    );
    for fragment in [
        "更新のご案内",
        "架空みなと記念病院",
        "プランH2",
        "プランH3",
        "+60,570円",
        &last_year,
        "前年度",
        "本年度",
    ] {
        assert!(sheet.contains(fragment), "missing `{fragment}` in {sheet}");
    }
    assert!(sheet.contains("+"), "the change is signed: {sheet}");
}
