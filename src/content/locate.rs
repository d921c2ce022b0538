//! Field path → position index of a YAML file.
//!
//! serde gives validated values without positions. Rather than wrapping every
//! field of the content types in `Spanned`, the file is read a second time
//! into this index, so that any check can report `file:line:column` for the
//! path it names (`tables[1].sizes[2]`).
//!
//! That second read is built on the first lookup, not with the file: only a
//! problem needs a position, and content without problems (every build that
//! succeeds) never reads its files twice. It cost a third of loading the
//! content, about 5 ms of a build before anything could be typeset.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// Positions of every value in a YAML document, by field path; indexed on
/// first use.
#[derive(Default)]
pub(super) struct Locations {
    yaml: String,
    positions: OnceLock<HashMap<String, (u64, u64)>>,
}

impl fmt::Debug for Locations {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_struct("Locations")
            .field("indexed", &self.positions.get().is_some())
            .finish_non_exhaustive()
    }
}

impl Locations {
    /// The positions of `yaml`, indexed when first asked for; an
    /// unparsable document gives an empty index (the parse error itself is
    /// reported by the typed load).
    pub(super) fn index(yaml: impl Into<String>) -> Self {
        Self {
            yaml: yaml.into(),
            positions: OnceLock::new(),
        }
    }

    /// The text the positions are of.
    pub(super) fn text(&self) -> &str {
        &self.yaml
    }

    fn positions(&self) -> &HashMap<String, (u64, u64)> {
        self.positions.get_or_init(|| {
            let mut positions = HashMap::new();
            let parsed = super::parse::with_main_thread_stack(|| {
                serde_saphyr::from_str::<Spanned<Node>>(&self.yaml)
            });
            if let Ok(root) = parsed {
                record(String::new(), root, &mut positions);
            }
            positions
        })
    }

    /// Position of exactly `path`, if the document has it.
    pub(super) fn exact(&self, path: &str) -> Option<(u64, u64)> {
        self.positions().get(path).copied()
    }

    /// Position of `path`, or of its nearest ancestor that has one; (0, 0)
    /// when nothing is known.
    pub(super) fn find(&self, path: &str) -> (u64, u64) {
        let positions = self.positions();
        let mut path = path;
        loop {
            if let Some(&pos) = positions.get(path) {
                return pos;
            }
            match path.rfind(['.', '[']) {
                Some(cut) => path = &path[..cut],
                None => return positions.get("").copied().unwrap_or((0, 0)),
            }
        }
    }
}

fn record(path: String, node: Spanned<Node>, out: &mut HashMap<String, (u64, u64)>) {
    let pos = (node.referenced.line(), node.referenced.column());
    match node.value {
        Node::Map(entries) => {
            for (key, child) in entries {
                let child_path = if path.is_empty() {
                    key
                } else {
                    format!("{path}.{key}")
                };
                record(child_path, child, out);
            }
        }
        Node::Seq(items) => {
            for (i, child) in items.into_iter().enumerate() {
                record(format!("{path}[{i}]"), child, out);
            }
        }
        Node::Scalar => {}
    }
    out.insert(path, pos);
}

/// A YAML value reduced to its shape.
enum Node {
    Map(Vec<(String, Spanned<Node>)>),
    Seq(Vec<Spanned<Node>>),
    Scalar,
}

/// A mapping key of any scalar type, kept as text.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a scalar key")
            }
            fn visit_str<E>(self, v: &str) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
        }
        d.deserialize_any(KeyVisitor)
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(Key(key)) = map.next_key()? {
            entries.push((key, map.next_value()?));
        }
        Ok(Node::Map(entries))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_paths_resolve_to_their_lines() {
        let yaml = "id: x\ntables:\n  - class: clinic\n    sizes: [30, 50]\n";
        let loc = Locations::index(yaml);
        assert_eq!(loc.find("id").0, 1);
        assert_eq!(loc.find("tables[0].class").0, 3);
        assert_eq!(loc.find("tables[0].sizes[1]").0, 4);
        // An unknown leaf falls back to its parent.
        assert_eq!(loc.find("tables[0].nothing").0, 3);
    }

    #[test]
    fn the_file_is_indexed_on_the_first_lookup_only() {
        let loc = Locations::index("id: x\n");
        assert!(loc.positions.get().is_none(), "not read before a lookup");
        assert_eq!(loc.exact("id"), Some((1, 5)), "the value's position");
        assert!(loc.positions.get().is_some());
    }
}
