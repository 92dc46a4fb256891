//! The values of a site's dynamic enumerations, which the schemas name but
//! do not list (`dynamic_enum`): they live in the site's database.

use std::collections::HashMap;

use serde_json::Value;

/// One enumeration's values, in the order the backend lists them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Enumeration {
    /// The values allowed.
    pub values: Vec<String>,
    /// Whether users may add values; the backend words its message for a
    /// protected list differently.
    pub editable: bool,
}

/// The dynamic enumerations a validation checks values against.
///
/// Fetch them from the site once (`GET /config/enumerations`) and reuse
/// them for every record:
///
/// ```
/// use archivesspace_core::validate::Enumerations;
///
/// let answer = serde_json::json!([
///     {"name": "date_type", "editable": false, "values": ["single", "bulk", "inclusive"]}
/// ]);
/// let enums = Enumerations::from_config(&answer);
/// assert_eq!(enums.get("date_type").map(|e| e.values.len()), Some(3));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Enumerations {
    by_name: HashMap<String, Enumeration>,
}

impl Enumerations {
    /// No enumerations: dynamic enumeration values go unchecked.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) one enumeration.
    pub fn insert(&mut self, name: impl Into<String>, enumeration: Enumeration) {
        self.by_name.insert(name.into(), enumeration);
    }

    /// The enumeration named `name`.
    pub fn get(&self, name: &str) -> Option<&Enumeration> {
        self.by_name.get(name)
    }

    /// How many enumerations there are.
    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }

    /// From what `GET /config/enumerations` answers: an array of
    /// enumeration records, each with `name`, `editable` and `values`.
    /// Entries without a name are skipped.
    pub fn from_config(answer: &Value) -> Self {
        let mut enums = Self::new();
        for entry in answer.as_array().into_iter().flatten() {
            let Some(name) = entry.get("name").and_then(Value::as_str) else {
                continue;
            };
            let values = entry
                .get("values")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect();
            let editable = entry
                .get("editable")
                .and_then(Value::as_bool)
                .unwrap_or(true);
            enums.insert(name, Enumeration { values, editable });
        }
        enums
    }
}
