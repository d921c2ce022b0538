//! The JSON Schemas of the content files (`tariffpress schema`): the copies
//! under `schemas/` are current, every shipped content file validates
//! against its schema and names it in a yaml-language-server modeline, and
//! the schema rejects what the loader rejects.

use serde_json::Value;
use std::path::{Path, PathBuf};

const KINDS: [&str; 3] = ["product", "tariff", "program"];

/// The kinds of template data (`/data.json`), which have schemas too.
const DATA_KINDS: [&str; 3] = ["document", "quote", "diff"];

const REGENERATE: &str = "regenerate with `cargo run -- schema --output schemas`";

/// The committed schema of `kind`.
fn committed(kind: &str) -> Value {
    let file = crate::support::repo_root().join(format!("schemas/{kind}.schema.json"));
    let text = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{}: {e}; {REGENERATE}", file.display()));
    serde_json::from_str(&text).expect("a schema is JSON")
}

fn validator(kind: &str) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&committed(kind))
        .unwrap_or_else(|e| panic!("schemas/{kind}.schema.json is not a valid schema: {e}"))
}

/// Every content file shipped under `content/` with its kind.
fn content_files() -> Vec<(PathBuf, &'static str)> {
    let content = crate::support::repo_root().join("content");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&content).sort_by_file_name() {
        let entry = entry.expect("walk content/");
        let path = entry.into_path();
        let rel = path.strip_prefix(&content).expect("under content/");
        let parts: Vec<&str> = rel.iter().map(|p| p.to_str().expect("utf-8")).collect();
        if !matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) {
            continue;
        }
        let kind = match parts.as_slice() {
            ["programs", _] => "program",
            ["products", _, "product.yaml"] => "product",
            ["products", _, "tariffs", _] => "tariff",
            _ => panic!("{} is of no known kind", rel.display()),
        };
        files.push((path, kind));
    }
    assert!(files.len() >= 3, "content/ holds too few files: {files:?}");
    files
}

/// The YAML text as the JSON value a schema validates.
fn json_of(yaml: &str) -> Value {
    serde_saphyr::from_str::<Value>(yaml).expect("the YAML parses")
}

/// The schema's complaints about `yaml`, one line each.
fn problems(kind: &str, yaml: &str) -> Vec<String> {
    let instance = json_of(yaml);
    validator(kind)
        .iter_errors(&instance)
        .map(|e| format!("at `{}`: {e}", e.instance_path()))
        .collect()
}

#[test]
fn committed_schemas_are_what_the_command_writes() {
    let out = tempfile::tempdir().expect("temp dir");
    let run = crate::support::run(
        &crate::support::repo_root(),
        &["schema", "--output", out.path().to_str().expect("utf-8")],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for kind in KINDS.into_iter().chain(DATA_KINDS) {
        let name = format!("{kind}.schema.json");
        let fresh = std::fs::read_to_string(out.path().join(&name)).expect("written");
        let shipped =
            std::fs::read_to_string(crate::support::repo_root().join("schemas").join(&name))
                .unwrap_or_default();
        assert!(
            fresh == shipped,
            "schemas/{name} differs from what `tariffpress schema` generates now; {REGENERATE}"
        );
    }
}

#[test]
fn stdout_holds_one_schema_or_all_keyed_by_kind() {
    let root = crate::support::repo_root();
    let all = crate::support::run(&root, &["schema"]);
    assert!(all.status.success());
    let all: Value = serde_json::from_slice(&all.stdout).expect("JSON");
    let keys: Vec<&String> = all.as_object().expect("an object").keys().collect();
    assert_eq!(
        keys,
        [
            "diff", "document", "members", "product", "program", "quote", "tariff"
        ]
    );
    for kind in KINDS.into_iter().chain(DATA_KINDS) {
        let one = crate::support::run(&root, &["schema", kind]);
        assert!(one.status.success());
        let one: Value = serde_json::from_slice(&one.stdout).expect("JSON");
        assert_eq!(
            one, all[kind],
            "`schema {kind}` differs from `schema`'s `{kind}`"
        );
        assert_eq!(
            one,
            committed(kind),
            "schemas/{kind}.schema.json: {REGENERATE}"
        );
    }
    let unknown = crate::support::run(&root, &["schema", "brochure"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn schemas_describe_every_field_and_reject_unknown_keys() {
    fn walk(node: &Value, at: &str, missing: &mut Vec<String>) {
        match node {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    for (key, property) in properties {
                        if property.get("description").is_none() {
                            missing.push(format!("{at}/properties/{key}: no description"));
                        }
                    }
                    if map.get("additionalProperties") != Some(&Value::Bool(false)) {
                        missing.push(format!("{at}: unknown keys are not rejected"));
                    }
                }
                for (key, value) in map {
                    walk(value, &format!("{at}/{key}"), missing);
                }
            }
            Value::Array(items) => {
                for (i, value) in items.iter().enumerate() {
                    walk(value, &format!("{at}/{i}"), missing);
                }
            }
            _ => {}
        }
    }
    let mut missing = Vec::new();
    for kind in KINDS.into_iter().chain(DATA_KINDS) {
        walk(&committed(kind), kind, &mut missing);
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_shipped_content_file_validates() {
    let mut found = Vec::new();
    for (file, kind) in content_files() {
        let text = std::fs::read_to_string(&file).expect("read");
        for problem in problems(kind, &text) {
            found.push(format!("{}: {problem}", file.display()));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_shipped_content_file_names_its_schema_on_the_first_line() {
    let mut found = Vec::new();
    for (file, kind) in content_files() {
        let text = std::fs::read_to_string(&file).expect("read");
        let first = text.lines().next().unwrap_or_default();
        let Some(target) = first.strip_prefix("# yaml-language-server: $schema=") else {
            found.push(format!("{}: first line is `{first}`", file.display()));
            continue;
        };
        let expected = format!("{kind}.schema.json");
        if Path::new(target).file_name().and_then(|n| n.to_str()) != Some(expected.as_str()) {
            found.push(format!(
                "{}: names {target}, not {expected}",
                file.display()
            ));
        }
        let resolved = file.parent().expect("in a folder").join(target);
        let schemas = crate::support::repo_root().join("schemas");
        let points_home = resolved
            .canonicalize()
            .is_ok_and(|r| r == schemas.join(&expected).canonicalize().expect("schema"));
        if !points_home {
            found.push(format!(
                "{}: {target} does not lead to schemas/{expected}",
                file.display()
            ));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// A shipped program with one edit: `from` (occurring once) replaced by `to`.
fn edited_program(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(
        crate::support::repo_root().join("content/programs/miyazaki-2025.yaml"),
    )
    .expect("read");
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
    text.replacen(from, to, 1)
}

/// Whether `tariffpress check` accepts the project with miyazaki-2025
/// replaced by `program`.
fn loader_accepts(program: &str) -> bool {
    let project = crate::support::sample_project();
    std::fs::write(
        project.path().join("content/programs/miyazaki-2025.yaml"),
        program,
    )
    .expect("write");
    crate::support::run(project.path(), &["check"])
        .status
        .success()
}

#[test]
fn schema_rejects_unknown_keys_and_strings_for_numbers_as_the_loader_does() {
    let cases = [
        (
            "top-level unknown key",
            "payment: lump_sum",
            "payment: lump_sum\ncolour: blue",
            "colour",
        ),
        (
            "nested unknown key",
            "wording: until_one_year }",
            "wording: until_one_year, zone: JST }",
            "zone",
        ),
        (
            "word for a rate",
            "group: 0.20",
            "group: twenty percent",
            "twenty percent",
        ),
        (
            "word for a size",
            "sizes: [30, 50, 100]\n    plans: [H1, H2, H3, H4, H5, H6, H7]\n    title: ＜3＞",
            "sizes: [30, fifty, 100]\n    plans: [H1, H2, H3, H4, H5, H6, H7]\n    title: ＜3＞",
            "fifty",
        ),
        (
            "date not written YYYY-MM-DD",
            "issued: 2025-04-01",
            "issued: 1 April 2025",
            "1 April 2025",
        ),
        (
            "unknown payment",
            "payment: lump_sum",
            "payment: quarterly",
            "quarterly",
        ),
    ];
    for (about, from, to, culprit) in cases {
        let program = edited_program(from, to);
        let found = problems("program", &program);
        assert!(!found.is_empty(), "{about}: the schema accepts `{culprit}`");
        assert!(
            !loader_accepts(&program),
            "{about}: the loader accepts what the schema rejects"
        );
    }
}

#[test]
fn schema_accepts_what_the_loader_accepts() {
    // rust_decimal reads a quoted amount too; absent optional fields are fine.
    let cases = [
        ("quoted rate", "group: 0.20", "group: \"0.20\""),
        ("no issued date", "issued: 2025-04-01\n", ""),
        (
            "null audience",
            "audience: 公益社団法人宮崎県医師会の会員医療機関の皆さまへ",
            "audience: ~",
        ),
    ];
    for (about, from, to) in cases {
        let program = edited_program(from, to);
        let found = problems("program", &program);
        assert!(found.is_empty(), "{about}: {}", found.join("\n"));
        assert!(loader_accepts(&program), "{about}: the loader rejects it");
    }
}
