//! Messages in Japanese with `--lang ja` or a Japanese locale, English
//! otherwise.

use crate::support::{project, replace, run_in_locale as tariffpress};
use std::process::Output;

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A project with two mistakes: an unknown key and an unknown plan.
fn broken() -> tempfile::TempDir {
    let project = project();
    let program = "content/programs/kagoshima-2025.yaml";
    replace(
        project.path(),
        program,
        "payment: monthly",
        "payment: monthly\ncolour: blue",
    );
    replace(
        project.path(),
        program,
        "plans: [H1, H2, H3, H4, H5, H6, H7]",
        "plans: [H1, H9]",
    );
    project
}

#[test]
fn a_japanese_locale_gets_japanese_errors_with_the_same_locations() {
    let project = broken();
    let ja = tariffpress(project.path(), "ja_JP.UTF-8", &["check"]);
    assert_eq!(ja.status.code(), Some(1));
    let text = stderr(&ja);
    assert!(text.contains("kagoshima-2025.yaml:"), "{text}");
    assert!(text.contains("エラー"), "{text}");
    assert!(text.contains("`colour` という項目はありません"), "{text}");
    assert!(
        text.contains("内容に1件の問題があります。何も書き出していません。"),
        "{text}"
    );
    // The unknown key stops the parse; fix it to see the next problem.
    replace(
        project.path(),
        "content/programs/kagoshima-2025.yaml",
        "payment: monthly\ncolour: blue",
        "payment: monthly",
    );
    let ja = tariffpress(project.path(), "ja_JP.UTF-8", &["check"]);
    let text = stderr(&ja);
    assert!(
        text.contains("エラー（項目 `tables[0].plans[1]`）: プラン `H9` は定義されていません"),
        "{text}"
    );
}

#[test]
fn the_flag_overrides_the_locale_both_ways() {
    let project = broken();
    let en = tariffpress(project.path(), "ja_JP.UTF-8", &["--lang", "en", "check"]);
    let text = stderr(&en);
    assert!(
        text.contains("error at `colour`") || text.contains("unknown field `colour`"),
        "{text}"
    );
    assert!(
        text.contains("1 problem found in the content; nothing was written"),
        "{text}"
    );
    assert!(!text.contains("エラー"), "{text}");
    let ja = tariffpress(project.path(), "C.UTF-8", &["check", "--lang", "ja"]);
    assert!(
        stderr(&ja).contains("内容に1件の問題があります"),
        "{}",
        stderr(&ja)
    );
}

#[test]
fn summaries_follow_the_language() {
    let project = project();
    let ja = tariffpress(
        project.path(),
        "ja_JP.UTF-8",
        &["build", "--only", "standard"],
    );
    assert!(ja.status.success(), "{}", stderr(&ja));
    assert!(
        stderr(&ja).starts_with("2件を作成、0件は変更なし。"),
        "{}",
        stderr(&ja)
    );
    let check = tariffpress(project.path(), "ja_JP.UTF-8", &["check"]);
    assert!(
        stderr(&check).starts_with("問題ありません: 商品2件、プログラム5件"),
        "{}",
        stderr(&check)
    );
    let en = tariffpress(project.path(), "C.UTF-8", &["check"]);
    assert!(
        stderr(&en).starts_with("ok: 2 products, 5 programs"),
        "{}",
        stderr(&en)
    );
}
