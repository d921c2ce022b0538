//! `tariffpress roll`: next policy year's program, written beside this
//! year's, building at once.

use crate::support::{project, run, text};

const OLD: &str = "content/programs/miyazaki-2025.yaml";
const NEW: &str = "content/programs/miyazaki-2026.yaml";

#[test]
fn rolling_moves_every_date_and_the_new_program_builds() {
    let project = project();
    let root = project.path();
    let out = run(root, &["roll", "miyazaki-2025", "--to", "2026"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    // 2025-06-06 is a Friday; 2026-06-06 a Saturday.
    for fragment in [
        "miyazaki-2025 → miyazaki-2026",
        "保険期間の始期 (period.start): 令和7年8月1日(金) → 令和8年8月1日(土)",
        "申込締切日 (deadlines[0].date): 令和7年6月6日(金) → 令和8年6月6日(土)  ! falls on a weekend",
        "tariff: 2024年4月改定 (unchanged)",
    ] {
        assert!(
            summary.contains(fragment),
            "missing `{fragment}` in:\n{summary}"
        );
    }
    // Only the id and the dates change, and `previous:` follows the id;
    // comments and wording stay.
    let old = std::fs::read_to_string(root.join(OLD)).unwrap();
    let new = std::fs::read_to_string(root.join(NEW)).unwrap();
    let new_lines: Vec<&str> = new.lines().collect();
    let id_line = new_lines.iter().position(|l| *l == "id: miyazaki-2026");
    let id_line = id_line.expect("the new id");
    assert_eq!(new_lines[id_line + 1], "previous: miyazaki-2025");
    let changed: Vec<(&str, &str)> = old
        .lines()
        .zip(
            new_lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != id_line + 1),
        )
        .map(|(a, (_, b))| (a, *b))
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        vec![
            ("id: miyazaki-2025", "id: miyazaki-2026"),
            (
                "period: { start: 2025-08-01, end: 2026-08-01, time: 午後4時 }",
                "period: { start: 2026-08-01, end: 2027-08-01, time: 午後4時 }"
            ),
            (
                "  - { id: application, name: 申込締切日, date: 2025-06-06 }",
                "  - { id: application, name: 申込締切日, date: 2026-06-06 }"
            ),
            ("issued: 2025-04-01", "issued: 2026-04-01"),
            (
                "dates: { debit: 2025-07-01 }",
                "dates: { debit: 2026-07-01 }"
            ),
        ]
    );
    assert_eq!(old.lines().count() + 1, new.lines().count());
    let build = run(root, &["build", "--only", "miyazaki-2026"]);
    assert!(build.status.success(), "{}", text(&build.stderr));
    assert!(root.join("output/miyazaki-2026/pamphlet.pdf").is_file());
}

#[test]
fn an_existing_file_is_kept_unless_forced() {
    let project = project();
    let root = project.path();
    assert!(
        run(root, &["roll", "miyazaki-2025", "--to", "2026"])
            .status
            .success()
    );
    std::fs::write(root.join(NEW).with_extension("yaml"), {
        let mut t = std::fs::read_to_string(root.join(NEW)).unwrap();
        t.push_str("# edited by hand\n");
        t
    })
    .unwrap();
    let again = run(root, &["roll", "miyazaki-2025", "--to", "2026"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains("--force"),
        "{}",
        text(&again.stderr)
    );
    assert!(
        std::fs::read_to_string(root.join(NEW))
            .unwrap()
            .contains("# edited by hand")
    );
    let forced = run(root, &["roll", "miyazaki-2025", "--to", "2026", "--force"]);
    assert!(forced.status.success(), "{}", text(&forced.stderr));
    assert!(
        !std::fs::read_to_string(root.join(NEW))
            .unwrap()
            .contains("# edited by hand")
    );
}

#[test]
fn no_tariff_in_force_at_the_new_start_is_an_error_and_writes_nothing() {
    let project = project();
    let root = project.path();
    // The only cyber tariff takes effect on 2024-04-01.
    let out = run(root, &["roll", "miyazaki-2025", "--to", "2023"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("no tariff of product `cyber` is in force on 2023-08-01"));
    assert!(!root.join("content/programs/miyazaki-2023.yaml").exists());
}

#[test]
fn a_start_date_moves_every_date_by_as_many_days() {
    let project = project();
    let root = project.path();
    let out = run(root, &["roll", "standard", "--start", "2026-04-01"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let new = std::fs::read_to_string(root.join("content/programs/standard-2026.yaml")).unwrap();
    // 2025-04-01 → 2026-04-01 is 365 days; 2026-04-01 + 365 days = 2027-04-01.
    assert!(new.contains("id: standard-2026"), "{new}");
    assert!(new.contains("start: 2026-04-01, end: 2027-04-01"), "{new}");
}

#[test]
fn rolling_a_rolled_program_replaces_its_previous() {
    let project = project();
    let root = project.path();
    let first = run(root, &["roll", "miyazaki-2025", "--to", "2026"]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    // A comment after the value stays where the author put it.
    crate::support::replace(
        root,
        NEW,
        "previous: miyazaki-2025",
        "previous: miyazaki-2025 # 前年度",
    );
    let second = run(root, &["roll", "miyazaki-2026", "--to", "2027"]);
    assert!(second.status.success(), "{}", text(&second.stderr));
    let rolled = std::fs::read_to_string(root.join("content/programs/miyazaki-2027.yaml")).unwrap();
    assert!(
        rolled.contains("id: miyazaki-2027\nprevious: miyazaki-2026 # 前年度\n"),
        "{rolled}"
    );
    assert_eq!(rolled.matches("previous:").count(), 1, "{rolled}");
    let check = run(root, &["check"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
}

#[test]
fn named_dates_move_with_the_others() {
    let project = project();
    let root = project.path();
    // The fixture's debit month, with a comment that must survive.
    crate::support::replace(
        root,
        OLD,
        "dates: { debit: 2025-07-01 }",
        "dates: { debit: 2025-07-01 } # 引き去り",
    );
    let out = run(root, &["roll", "miyazaki-2025", "--to", "2026"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    assert!(
        summary.contains("debit (dates.debit): 令和7年7月1日(火) → 令和8年7月1日(水)"),
        "{summary}"
    );
    let new = std::fs::read_to_string(root.join(NEW)).unwrap();
    assert!(
        new.contains("dates: { debit: 2026-07-01 } # 引き去り"),
        "{new}"
    );
}

#[test]
fn years_inside_raw_are_listed_for_a_person_to_look_at() {
    let project = project();
    let root = project.path();
    let product = "content/products/cyber/product.yaml";
    let before = std::fs::read_to_string(root.join(product)).unwrap();
    crate::support::replace(
        root,
        OLD,
        "{% raw %}1億円{% endraw %}",
        "{% raw %}1億円{% endraw %}（{% raw %}令和7年7月{% endraw %}時点）",
    );
    let line = std::fs::read_to_string(root.join(OLD))
        .unwrap()
        .lines()
        .position(|l| l.contains("令和7年7月"))
        .unwrap()
        // The new file has `previous:` inserted above it.
        + 2;
    for (lang, heading) in [
        (
            "en",
            "years written inside {% raw %}, which roll does not move; please look:",
        ),
        (
            "ja",
            "{% raw %} 内で年を書いている箇所です。roll は動かしていないので確認してください:",
        ),
    ] {
        let out = run(
            root,
            &[
                "--lang",
                lang,
                "roll",
                "miyazaki-2025",
                "--to",
                "2026",
                "--force",
            ],
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        let summary = text(&out.stdout);
        assert!(summary.contains(heading), "{summary}");
        let place = format!("miyazaki-2026.yaml:{line}: 令和7年7月\n");
        assert!(summary.contains(&place), "missing `{place}` in:\n{summary}");
        // The product's sections print in the new program's documents too.
        let place = format!("{product}:65: 2017年\n");
        assert!(summary.contains(&place), "missing `{place}` in:\n{summary}");
    }
    assert_eq!(std::fs::read_to_string(root.join(product)).unwrap(), before);
}
