//! `tariffpress init` and `tariffpress new program`: scaffolds that build at
//! once, and refusals that lose nothing.

use crate::support::{run, sample_project, tariffpress, text};

#[test]
fn an_initialised_project_checks_and_builds() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("brochures");
    let out = tariffpress().arg("init").arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    for args in [&["check"][..], &["build"][..]] {
        let out = run(&dir, args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }
    // The standard program's expected-premium table comes along and holds.
    assert!(
        dir.join("content/products/cyber/expected/standard.csv")
            .is_file()
    );
    let check = run(&dir, &["check"]);
    let said = format!("{}{}", text(&check.stdout), text(&check.stderr));
    assert!(said.contains("expected premiums reproduced"), "{said}");
    assert!(dir.join("output/standard/rate-sheet.pdf").is_file());
    assert!(dir.join(".github/workflows/brochures.yml").is_file());
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let out = tariffpress().arg("init").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_new_program_copies_another_and_builds() {
    let project = sample_project();
    let root = project.path();
    let out = run(
        root,
        &["new", "program", "oita-2026", "--from", "miyazaki-2025"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let new = std::fs::read_to_string(root.join("content/programs/oita-2026.yaml")).unwrap();
    let old = std::fs::read_to_string(root.join("content/programs/miyazaki-2025.yaml")).unwrap();
    assert_eq!(new, old.replace("id: miyazaki-2025", "id: oita-2026"));
    let build = run(root, &["build", "--only", "oita-2026"]);
    assert!(build.status.success(), "{}", text(&build.stderr));

    let again = run(root, &["new", "program", "oita-2026", "--from", "standard"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains("already exists"),
        "{}",
        text(&again.stderr)
    );
    let bad = run(root, &["new", "program", "Oita 2026", "--from", "standard"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(!root.join("content/programs/Oita 2026.yaml").exists());
}
