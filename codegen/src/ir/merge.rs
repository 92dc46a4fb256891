//! ArchivesSpace's `ASUtils.deep_merge`, on JSON values.
//!
//! ArchivesSpace uses it twice when it loads a schema: to lay a child's
//! properties over its `parent`'s, and to lay a plugin's `<type>_ext.rb` over
//! a type's properties. Reproducing it exactly (including key order: keys of
//! the first map keep their place, new keys are appended) keeps our view of a
//! type identical to the server's.

use serde_json::{Map, Value};

/// Returns `base` with `overlay` merged in: where both hold an object under
/// the same key the two are merged recursively, otherwise the overlay's
/// value replaces the base's.
pub fn deep_merge(base: &Map<String, Value>, overlay: &Map<String, Value>) -> Map<String, Value> {
    let mut target = base.clone();
    for (key, value) in overlay {
        let merged = match (base.get(key), value) {
            (Some(Value::Object(old)), Value::Object(new)) => Value::Object(deep_merge(old, new)),
            _ => value.clone(),
        };
        target.insert(key.clone(), merged);
    }
    target
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => unreachable!("test input is an object"),
        }
    }

    #[test]
    fn nested_objects_merge_and_scalars_and_arrays_replace() {
        let base = obj(json!({
            "title": {"type": "string", "maxLength": 8192},
            "notes": {"type": "array", "items": {"type": ["a", "b"]}},
            "kept": 1
        }));
        let overlay = obj(json!({
            "title": {"ifmissing": "error"},
            "notes": {"items": {"type": ["c"]}},
            "added": true
        }));
        let merged = Value::Object(deep_merge(&base, &overlay));
        assert_eq!(
            merged,
            json!({
                "title": {"type": "string", "maxLength": 8192, "ifmissing": "error"},
                "notes": {"type": "array", "items": {"type": ["c"]}},
                "kept": 1,
                "added": true
            })
        );
        let keys: Vec<_> = merged.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["title", "notes", "kept", "added"]);
    }

    #[test]
    fn an_object_replaces_a_scalar_and_the_reverse() {
        let base = obj(json!({"a": 1, "b": {"x": 1}}));
        let overlay = obj(json!({"a": {"y": 2}, "b": null}));
        assert_eq!(
            Value::Object(deep_merge(&base, &overlay)),
            json!({"a": {"y": 2}, "b": null})
        );
    }
}
