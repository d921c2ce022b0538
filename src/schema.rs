//! JSON Schemas generated from the types tariffpress reads and writes
//! (`tariffpress schema`), committed under `schemas/`:
//!
//! - the content files (`product`, `tariff`, `program`), from the serde
//!   types the loader reads them with, for editors (yaml-language-server);
//! - the data the Typst templates read (`document`, `quote`, `diff`), from
//!   the view models it is serialized from, so that a template author sees
//!   every field a template may use and what it is for.
//!
//! Each kind is its own schema (one file each) rather than one schema with
//! definitions: a content file's modeline and a template's data name one
//! root type, and the content kinds already ship that way. The schemas
//! follow JSON Schema draft 7, the draft the VS Code YAML extension
//! supports fully.

use crate::content::raw;
use crate::diff::report::DiffData;
use crate::document::{DocumentData, QuoteData};
use clap::ValueEnum;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema, generate::SchemaSettings};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// A kind of file with a schema: a content file or a template's data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// `content/products/<product>/product.yaml`.
    Product,
    /// `content/products/<product>/tariffs/<date>.yaml`.
    Tariff,
    /// `content/programs/<program>.yaml`.
    Program,
    /// `/data.json` of a pamphlet, flyer, rate sheet or FAQ sheet (what
    /// `tariffpress context` prints).
    Document,
    /// `/data.json` of a quote sheet (`templates/quote.typ`).
    Quote,
    /// `/data.json` of the member sheets of `quote --members`
    /// (`templates/members.typ`).
    Members,
    /// `/data.json` of the 新旧対照表 (`templates/diff.typ`).
    Diff,
}

impl Kind {
    /// Every kind, content files first, in the order files are written.
    pub const ALL: [Kind; 7] = [
        Kind::Product,
        Kind::Tariff,
        Kind::Program,
        Kind::Document,
        Kind::Quote,
        Kind::Members,
        Kind::Diff,
    ];

    /// The kind as written on the command line and in file names.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Product => "product",
            Kind::Tariff => "tariff",
            Kind::Program => "program",
            Kind::Document => "document",
            Kind::Quote => "quote",
            Kind::Members => "members",
            Kind::Diff => "diff",
        }
    }

    /// The file the schema is written to by `--output`.
    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.name())
    }

    /// The JSON Schema of this kind of file.
    pub fn schema(self) -> Value {
        match self {
            Kind::Product => generate::<raw::Product>(),
            Kind::Tariff => generate::<raw::Tariff>(),
            Kind::Program => generate::<raw::Program>(),
            Kind::Document => generate::<DocumentData>(),
            Kind::Quote => generate::<QuoteData>(),
            Kind::Members => generate::<crate::document::members::MembersData>(),
            Kind::Diff => generate::<DiffData>(),
        }
    }
}

fn generate<T: JsonSchema>() -> Value {
    SchemaSettings::draft07()
        .with_transform(RecursiveTransform(for_editors as fn(&mut Schema)))
        .into_generator()
        .root_schema_for::<T>()
        .to_value()
}

/// Three touches for editors, which complete a field with its `default`
/// and show the `description` of the key under the cursor:
/// - drops `"default": null`, which an optional field that is absent or a
///   date (never null) would otherwise suggest;
/// - gives the key of an enum variant written as a one-key map
///   (`- discount: group`, `- text: …`) the variant's description;
/// - gives the tag of an internally tagged variant (`"kind": "text"` in
///   template data) the variant's description too.
fn for_editors(schema: &mut Schema) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    if object.get("default") == Some(&Value::Null) {
        object.remove("default");
    }
    let Some(Value::String(description)) = object.get("description").cloned() else {
        return;
    };
    let Some(Value::Object(properties)) = object.get_mut("properties") else {
        return;
    };
    for property in properties.values_mut() {
        if let Some(tag) = property.as_object_mut()
            && tag.contains_key("const")
            && !tag.contains_key("description")
        {
            tag.insert("description".into(), Value::String(description.clone()));
        }
    }
    if properties.len() != 1 {
        return;
    }
    if let Some(Value::Object(property)) = properties.values_mut().next() {
        if property.contains_key("description") {
            return;
        }
        if let Some(reference) = property.remove("$ref") {
            // Draft 7 ignores the siblings of `$ref`.
            property.insert("allOf".into(), json!([{ "$ref": reference }]));
        }
        property.insert("description".into(), Value::String(description));
    }
}

/// Pretty JSON with a final newline, as printed and written.
pub fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("a schema serializes");
    text.push('\n');
    text
}

/// The schema of `kind`, or every kind as one object keyed by kind name.
pub fn printed(kind: Option<Kind>) -> String {
    let value = match kind {
        Some(kind) => kind.schema(),
        None => Value::Object(
            Kind::ALL
                .into_iter()
                .map(|k| (k.name().to_string(), k.schema()))
                .collect(),
        ),
    };
    pretty(&value)
}

/// Writes `<kind>.schema.json` into `dir` for `kind` (every kind without
/// one) and returns the files written.
pub fn write(kind: Option<Kind>, dir: &Path) -> Result<Vec<PathBuf>, crate::error::Error> {
    use crate::error::Error;
    let kinds = kind.map_or(Kind::ALL.to_vec(), |k| vec![k]);
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    kinds
        .into_iter()
        .map(|kind| {
            let file = dir.join(kind.file_name());
            std::fs::write(&file, pretty(&kind.schema())).map_err(|e| Error::io(&file, e))?;
            Ok(file)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::compare;
    use crate::diff::report::{Labels, Sides, document_data};
    use crate::document::members::{self, SheetRequest};
    use crate::document::{ProgramFacts, QuoteRequest, prepare_program, prose, quote_context};

    /// `value`'s disagreements with the schema of `kind`, one line each.
    fn misfits(kind: Kind, value: &impl serde::Serialize) -> Vec<String> {
        let instance = serde_json::to_value(value).expect("the data serializes");
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&kind.schema())
            .expect("the schema is valid");
        validator
            .iter_errors(&instance)
            .map(|e| format!("{}: at `{}`: {e}", kind.name(), e.instance_path()))
            .collect()
    }

    /// The contract holds both ways: what the templates are served is what
    /// the published schemas say (a flattened or tagged type whose schema
    /// disagreed with its serialization would fail here).
    #[test]
    fn the_data_of_every_shipped_document_quote_and_diff_fits_its_schema() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let catalog = crate::content::load(root).expect("the shipped content loads");
        let env = prose::environment();
        let mut found = Vec::new();
        let (mut documents, mut quotes, mut requests) = (0, 0, 0);
        for program in &catalog.programs {
            let priced = crate::rates::price(&catalog, program).expect("the program prices");
            let prepared = prepare_program(&catalog, &priced, &env).expect("documents prepare");
            for document in &prepared {
                found.extend(misfits(Kind::Document, &document.data));
                documents += 1;
            }
            let facts = ProgramFacts::new(&catalog, &priced);
            if let (Some(table), Some(cell)) = (program.tables.first(), facts.cells.first()) {
                let quote = QuoteRequest {
                    cell,
                    class: table.class,
                    plan: table.plans[0],
                    category: table.category,
                    facility: Some("テスト病院"),
                    issued: program.issue_date(),
                };
                found.extend(misfits(Kind::Quote, &quote_context(&facts, &quote)));
                quotes += 1;
                let case = crate::rating::Case {
                    class: table.class,
                    plan: table.plans[0],
                    size: cell.size,
                    category: table.category,
                };
                let (name, issued) = ("テスト病院", program.issue_date());
                let renewal = members::renewal(&facts, &cell.plan, Some(cell), cell, false);
                let sheets = vec![
                    members::member_sheet(&facts, SheetRequest::Quote { name, case, cell }, issued),
                    members::member_sheet(
                        &facts,
                        SheetRequest::Renewal {
                            name,
                            case,
                            cell,
                            renewal: Box::new(renewal),
                        },
                        issued,
                    ),
                ];
                let data = members::members_data(&facts, "quote", issued, sheets);
                found.extend(misfits(Kind::Members, &data));
            }
            for form in &program.forms {
                let request = SheetRequest::Request {
                    id: "M-1",
                    name: "テスト事業者",
                    form,
                };
                let sheet = members::member_sheet(&facts, request, program.issue_date());
                let data =
                    members::members_data(&facts, "request", program.issue_date(), vec![sheet]);
                found.extend(misfits(Kind::Members, &data));
                requests += 1;
            }
        }
        assert!(
            documents >= 10 && quotes >= 3 && requests >= 2,
            "{documents} documents, {quotes} quotes, {requests} request forms"
        );

        // One figure of each change: the first only in head, the second
        // changed, the last only in base.
        let program = catalog.program("miyazaki-2025").expect("miyazaki-2025");
        let cells = crate::rates::program_cells(&catalog, program).expect("cells");
        let mut base = cells[1..].to_vec();
        base[0].premium += rust_decimal::Decimal::TEN;
        let head = &cells[..cells.len() - 1];
        let diff = compare(&base, head);
        let sides = Sides {
            base: "main".into(),
            head: "working tree".into(),
        };
        let data = document_data(&diff, &sides, &Labels::from_catalog(&catalog));
        assert_eq!(data.rows.len(), 3, "{:?}", data.rows);
        found.extend(misfits(Kind::Diff, &data));
        assert!(found.is_empty(), "{}", found.join("\n"));
    }
}
