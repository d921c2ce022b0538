//! The printed names of ids that the rate exports show in Japanese: class
//! and category names per program, and payment methods.

use crate::content::model::Catalog;
use std::collections::HashMap;

/// Printed names of class and category ids per program (products name
/// the same id differently), taken from a catalog when one is at hand; ids
/// are shown where a name is unknown.
#[derive(Default)]
pub struct Labels {
    /// `(program, id)` → name.
    names: HashMap<(String, String), String>,
}

impl Labels {
    /// The names of every program's classes and categories.
    pub fn from_catalog(catalog: &Catalog) -> Self {
        let mut names = HashMap::new();
        for program in &catalog.programs {
            let product = catalog.product_of(program);
            let classes = product.classes.iter().map(|c| (&c.id, &c.name));
            let categories = product.categories.iter().map(|c| (&c.id, &c.name));
            for (id, name) in classes.chain(categories) {
                names.insert((program.id.clone(), id.clone()), name.clone());
            }
        }
        Labels { names }
    }

    pub(crate) fn name<'a>(&'a self, program: &str, id: &'a str) -> &'a str {
        self.names
            .get(&(program.to_string(), id.to_string()))
            .map_or(id, String::as_str)
    }
}

/// How a payment id (`lump_sum`, `monthly`, `monthly_first`) is printed.
pub(crate) fn payment_label(payment: &str) -> &str {
    match payment {
        "lump_sum" => "一括払",
        "monthly" => "月払",
        "monthly_first" => "月払（初回）",
        other => other,
    }
}
