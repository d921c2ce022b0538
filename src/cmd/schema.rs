//! `tariffpress schema`: the JSON Schemas of the content files, generated
//! from the serde types the loader reads them with, for editors
//! (yaml-language-server) and other tools.
//!
//! The schemas follow JSON Schema draft 7, the draft the VS Code YAML
//! extension supports fully.

use crate::content::raw;
use crate::error::Error;
use clap::ValueEnum;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema, generate::SchemaSettings};
use serde_json::{Value, json};
use std::path::Path;

/// A kind of content file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// `content/products/<product>/product.yaml`.
    Product,
    /// `content/products/<product>/tariffs/<date>.yaml`.
    Tariff,
    /// `content/programs/<program>.yaml`.
    Program,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Product, Kind::Tariff, Kind::Program];

    /// The kind as written on the command line and in file names.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Product => "product",
            Kind::Tariff => "tariff",
            Kind::Program => "program",
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

/// Two touches for editors, which complete a field with its `default` and
/// show the `description` of the key under the cursor:
/// - drops `"default": null`, which an optional field that is absent or a
///   date (never null) would otherwise suggest;
/// - gives the key of an enum variant written as a one-key map
///   (`- discount: group`, `- text: …`) the variant's description.
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
fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("a schema serializes");
    text.push('\n');
    text
}

/// Prints the schema of `kind` (all kinds keyed by name without one), or
/// writes `<kind>.schema.json` files into `output`.
pub fn run(kind: Option<Kind>, output: Option<&Path>) -> Result<(), Error> {
    let kinds = match kind {
        Some(kind) => vec![kind],
        None => Kind::ALL.to_vec(),
    };
    match output {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            for kind in kinds {
                let file = dir.join(kind.file_name());
                std::fs::write(&file, pretty(&kind.schema())).map_err(|e| Error::io(&file, e))?;
                eprintln!("wrote {}", file.display());
            }
        }
        None => {
            let value = match kind {
                Some(kind) => kind.schema(),
                None => Value::Object(
                    kinds
                        .into_iter()
                        .map(|k| (k.name().to_string(), k.schema()))
                        .collect(),
                ),
            };
            print!("{}", pretty(&value));
        }
    }
    Ok(())
}
