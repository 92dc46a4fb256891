//! Mutations of a real answer's bytes and JSON, as proptest strategies.

use proptest::prelude::*;
use serde_json::Value;

/// One change to a JSON answer. Positions and picks are taken modulo what
/// the document has, so that any number names something in it.
#[derive(Debug, Clone)]
pub enum Mutation {
    /// The answer as the server sent it.
    None,
    /// Cut after this many bytes.
    Truncate(usize),
    /// One byte XORed with a non-zero mask.
    FlipByte(usize, u8),
    /// Bytes that are never UTF-8 put in at a position.
    InvalidUtf8(usize),
    /// Nothing of the answer: these bytes instead.
    Garbage(Vec<u8>),
    /// The value at a pick replaced by one of another type.
    TypeChange(usize, usize),
    /// An object member removed.
    DeleteKey(usize),
    /// An object member written twice, the second time with another value.
    DuplicateKey(usize, usize),
    /// The value at a pick replaced by a number no type holds.
    HugeNumber(usize, usize),
    /// The value at a pick wrapped in this many arrays.
    DeepNesting(usize, usize),
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        2 => Just(Mutation::None),
        3 => any::<usize>().prop_map(Mutation::Truncate),
        2 => (any::<usize>(), 1u8..).prop_map(|(p, m)| Mutation::FlipByte(p, m)),
        1 => any::<usize>().prop_map(Mutation::InvalidUtf8),
        1 => proptest::collection::vec(any::<u8>(), 0..64).prop_map(Mutation::Garbage),
        3 => (any::<usize>(), any::<usize>()).prop_map(|(p, k)| Mutation::TypeChange(p, k)),
        2 => any::<usize>().prop_map(Mutation::DeleteKey),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(p, k)| Mutation::DuplicateKey(p, k)),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(p, k)| Mutation::HugeNumber(p, k)),
        1 => (any::<usize>(), 1usize..200_000).prop_map(|(p, d)| Mutation::DeepNesting(p, d)),
    ]
}

/// Values of every type, for [`Mutation::TypeChange`].
const OTHER_VALUES: [&str; 11] = [
    "null", "true", "false", "0", "3", "-1", "1.5", "\"\"", "\"7\"", "[]", "{}",
];

/// Numbers that overflow, underflow or are merely long.
fn huge(kind: usize) -> String {
    match kind % 6 {
        0 => "1e400".into(),
        1 => "-1e400".into(),
        2 => "18446744073709551616".into(),
        3 => "-9223372036854775809".into(),
        4 => "9".repeat(5000),
        _ => "0.".to_owned() + &"1".repeat(5000),
    }
}

impl Mutation {
    /// Whether the answer's bytes are left as they were.
    pub fn is_none(&self) -> bool {
        matches!(self, Mutation::None)
    }

    pub fn apply(&self, body: &[u8]) -> Vec<u8> {
        let len = body.len().max(1);
        match self {
            Mutation::None => body.to_vec(),
            Mutation::Truncate(at) => body[..at % len.min(body.len() + 1)].to_vec(),
            Mutation::FlipByte(at, mask) => {
                let mut out = body.to_vec();
                if let Some(b) = out.get_mut(at % len) {
                    *b ^= mask;
                }
                out
            }
            Mutation::InvalidUtf8(at) => {
                let at = at % (body.len() + 1);
                let mut out = body[..at].to_vec();
                out.extend_from_slice(b"\xff\xfe\xc0");
                out.extend_from_slice(&body[at..]);
                out
            }
            Mutation::Garbage(bytes) => bytes.clone(),
            Mutation::TypeChange(pick, kind) => edit(body, *pick, |_, out| {
                out.push_str(OTHER_VALUES[kind % OTHER_VALUES.len()]);
            }),
            Mutation::HugeNumber(pick, kind) => edit(body, *pick, |_, out| {
                out.push_str(&huge(*kind));
            }),
            Mutation::DeepNesting(pick, depth) => edit(body, *pick, |value, out| {
                out.push_str(&"[".repeat(*depth));
                out.push_str(&value.to_string());
                out.push_str(&"]".repeat(*depth));
            }),
            Mutation::DeleteKey(pick) => member_edit(body, *pick, |_, _, _| {}),
            Mutation::DuplicateKey(pick, kind) => member_edit(body, *pick, |key, value, out| {
                write_member(key, &value.to_string(), out);
                out.push(',');
                write_member(key, OTHER_VALUES[kind % OTHER_VALUES.len()], out);
            }),
        }
    }
}

/// The document with the value at the `pick`th place (depth first, the
/// root first) written by `write`; the bytes as they are if they are not
/// JSON.
fn edit(body: &[u8], pick: usize, write: impl Fn(&Value, &mut String)) -> Vec<u8> {
    let Ok(doc) = serde_json::from_slice::<Value>(body) else {
        return body.to_vec();
    };
    let count = count_values(&doc);
    let mut target = pick % count;
    let mut out = String::new();
    write_value(&doc, &mut target, &write, &mut out);
    out.into_bytes()
}

/// The document with the `pick`th object member (depth first) written by
/// `write` (key, value) instead of as it was.
fn member_edit(body: &[u8], pick: usize, write: impl Fn(&str, &Value, &mut String)) -> Vec<u8> {
    let Ok(doc) = serde_json::from_slice::<Value>(body) else {
        return body.to_vec();
    };
    let count = count_members(&doc);
    if count == 0 {
        return body.to_vec();
    }
    let mut target = pick % count;
    let mut out = String::new();
    write_members(&doc, &mut target, &write, &mut out);
    out.into_bytes()
}

fn count_values(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(count_values).sum(),
        Value::Object(map) => map.values().map(count_values).sum(),
        _ => 0,
    }
}

fn count_members(value: &Value) -> usize {
    match value {
        Value::Array(items) => items.iter().map(count_members).sum(),
        Value::Object(map) => map.len() + map.values().map(count_members).sum::<usize>(),
        _ => 0,
    }
}

fn write_member(key: &str, value_text: &str, out: &mut String) {
    out.push_str(&Value::String(key.to_owned()).to_string());
    out.push(':');
    out.push_str(value_text);
}

/// Writes `value`, handing the value whose turn `target` counts down to to
/// `write`.
fn write_value(
    value: &Value,
    target: &mut usize,
    write: &impl Fn(&Value, &mut String),
    out: &mut String,
) {
    if *target == 0 {
        *target = usize::MAX;
        write(value, out);
        return;
    }
    if *target != usize::MAX {
        *target -= 1;
    }
    match value {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, target, write, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_value(item, target, write, out);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Writes `value`, handing the member whose turn `target` counts down to
/// to `write`.
fn write_members(
    value: &Value,
    target: &mut usize,
    write: &impl Fn(&str, &Value, &mut String),
    out: &mut String,
) {
    match value {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_members(item, target, write, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            let mut first = true;
            for (key, item) in map {
                let mut member = String::new();
                if *target == 0 {
                    *target = usize::MAX;
                    write(key, item, &mut member);
                } else {
                    if *target != usize::MAX {
                        *target -= 1;
                    }
                    member.push_str(&Value::String(key.clone()).to_string());
                    member.push(':');
                    write_members(item, target, write, &mut member);
                }
                if member.is_empty() {
                    continue;
                }
                if !first {
                    out.push(',');
                }
                first = false;
                out.push_str(&member);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}
