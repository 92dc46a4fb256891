//! What the generated requests answer and take beyond records: the
//! responses of creates, updates, deletes and suppressions, sort orders,
//! uploads and raw bodies, and the helpers that encode path segments.
//!
//! The generated crate re-exports these from its `requests` module.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::request::{Body, Query};

/// What ArchivesSpace answers to a create or an update (`:created`,
/// `:updated`), and to merges (`"status": "Merged"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Modified {
    /// `Created`, `Updated`, `Merged`, ...
    pub status: String,
    /// The record's id.
    pub id: i64,
    /// The record's new lock version (left out by some routes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lock_version: Option<i64>,
    /// Whether the search index has yet to see the change; `null` for
    /// records that are not indexed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stale: Option<bool>,
    /// The record's URI (sent when the route had the record's JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// Validation warnings: `[]` when there are none, otherwise an object
    /// from property path to messages. `null` when the route sends none.
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub warnings: Value,
    /// Any other keys (`suppressed_state`, a merge's `deleted_uris`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Modified {
    /// Whether ArchivesSpace reported any validation warning.
    pub fn has_warnings(&self) -> bool {
        match &self.warnings {
            Value::Null => false,
            Value::Array(items) => !items.is_empty(),
            Value::Object(map) => !map.is_empty(),
            _ => true,
        }
    }
}

/// What ArchivesSpace answers to a delete (`:deleted`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deleted {
    /// `Deleted`.
    pub status: String,
    /// The deleted record's id.
    pub id: i64,
    /// Any other keys.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What ArchivesSpace answers to a change of a record's suppression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suppressed {
    /// `Suppressed`.
    pub status: String,
    /// The record's id.
    pub id: i64,
    /// Whether the record is now suppressed.
    pub suppressed_state: bool,
    /// Any other keys.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The order of a paginated listing (`sort_direction`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortDirection {
    /// `asc`, ArchivesSpace's default.
    #[default]
    Asc,
    /// `desc`.
    Desc,
}

impl SortDirection {
    /// The value as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            SortDirection::Asc => "asc",
            SortDirection::Desc => "desc",
        }
    }
}

impl fmt::Display for SortDirection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A file sent to a route that takes uploads (`UploadFile`), as one part of a
/// `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UploadFile {
    /// The file name the server sees (an import job matches it against the
    /// job's `filenames`).
    pub filename: String,
    /// The part's media type, such as `text/xml`.
    pub content_type: String,
    /// The file's contents.
    pub contents: Vec<u8>,
}

/// The body of a response that is not JSON (an XML export, a CSV, a log),
/// exactly as sent.
///
/// Requests that answer with it say so with
/// [`ResponseFormat::Raw`](crate::request::ResponseFormat::Raw); it decodes
/// from any bytes or string a deserializer hands it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct RawResponse(pub Vec<u8>);

impl RawResponse {
    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, owned.
    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }

    /// The body as text, if it is UTF-8.
    pub fn text(&self) -> Result<&str, std::str::Utf8Error> {
        std::str::from_utf8(&self.0)
    }
}

impl<'de> Deserialize<'de> for RawResponse {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Bytes;

        impl Visitor<'_> for Bytes {
            type Value = RawResponse;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a response body")
            }

            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<RawResponse, E> {
                Ok(RawResponse(v.to_vec()))
            }

            fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<RawResponse, E> {
                Ok(RawResponse(v))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawResponse, E> {
                Ok(RawResponse(v.as_bytes().to_vec()))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<RawResponse, E> {
                Ok(RawResponse(v.into_bytes()))
            }
        }

        deserializer.deserialize_byte_buf(Bytes)
    }
}

/// `value` as one path segment, percent-encoding everything but RFC 3986's
/// unreserved characters, so that a `/`, `?` or `%` in a username or an enum
/// name cannot change which route is called.
#[doc(hidden)]
pub fn encode_segment(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
    }
    out
}

/// A Sinatra splat (`*`) value: [`encode_segment`] for each part, keeping
/// the `/` between parts, since a splat may span segments.
#[doc(hidden)]
pub fn encode_splat(value: &str) -> String {
    value
        .split('/')
        .map(encode_segment)
        .collect::<Vec<_>>()
        .join("/")
}

/// Appends `name=<value as JSON>`, the form ArchivesSpace parses a
/// `JSONModel(:x)` parameter from when it is not the body.
///
/// The generated record types serialize infallibly (string keys only, no
/// custom errors); should a value fail anyway the pair is left out, and the
/// request's `body()` — which the runtime calls first — reports the error
/// through [`check_json`].
#[doc(hidden)]
pub fn push_json<T: Serialize>(query: &mut Query, name: &'static str, value: &T) {
    if let Ok(text) = serde_json::to_string(value) {
        query.push(name, text);
    }
}

/// Fails with the error [`push_json`] would have swallowed.
#[doc(hidden)]
pub fn check_json<T: Serialize>(value: &T) -> Result<(), serde_json::Error> {
    serde_json::to_string(value).map(drop)
}

/// A form body from the pairs of `form`; none when there are no pairs.
#[doc(hidden)]
pub fn form_body(form: Query) -> Option<Body> {
    if form.is_empty() {
        return None;
    }
    Some(Body::Form(
        form.pairs()
            .map(|(name, value)| (name.to_owned(), value.to_owned()))
            .collect(),
    ))
}

/// A `multipart/form-data` body: the text fields of `form`, then the files,
/// as `<name>[<index>]` parts for an array parameter (`[UploadFile]`), as
/// `<name>` parts otherwise.
///
/// The indexes are zero-padded to one width because ArchivesSpace orders the
/// parts of such an array by comparing their indexes as strings (`10` sorts
/// before `2`), and the order must match the job's `filenames`.
#[doc(hidden)]
pub fn multipart(form: &Query, files_name: &str, array: bool, files: &[UploadFile]) -> Body {
    /// One part: its name, the file's name and media type for a file, and
    /// the data.
    struct Part<'a> {
        name: String,
        file: Option<(&'a str, &'a str)>,
        data: &'a [u8],
    }

    let width = files.len().saturating_sub(1).to_string().len();
    let mut parts = Vec::new();
    for (name, value) in form.pairs() {
        parts.push(Part {
            name: name.to_owned(),
            file: None,
            data: value.as_bytes(),
        });
    }
    for (i, file) in files.iter().enumerate() {
        parts.push(Part {
            name: if array {
                format!("{files_name}[{i:0width$}]")
            } else {
                files_name.to_owned()
            },
            file: Some((file.filename.as_str(), file.content_type.as_str())),
            data: file.contents.as_slice(),
        });
    }
    let boundary = boundary(parts.iter().map(|part| part.data));
    let mut bytes = Vec::new();
    for Part { name, file, data } in &parts {
        bytes.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let disposition = format!("Content-Disposition: form-data; name=\"{}\"", quoted(name));
        bytes.extend_from_slice(disposition.as_bytes());
        if let Some((filename, content_type)) = file {
            bytes.extend_from_slice(format!("; filename=\"{}\"", quoted(filename)).as_bytes());
            let content_type = if content_type.is_empty() {
                "application/octet-stream"
            } else {
                content_type
            };
            bytes.extend_from_slice(format!("\r\nContent-Type: {content_type}").as_bytes());
        }
        bytes.extend_from_slice(b"\r\n\r\n");
        bytes.extend_from_slice(data);
        bytes.extend_from_slice(b"\r\n");
    }
    bytes.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Body::Raw {
        content_type: format!("multipart/form-data; boundary={boundary}"),
        bytes,
    }
}

/// A boundary that occurs in none of the parts: deterministic, so the same
/// request always encodes to the same bytes.
fn boundary<'a>(parts: impl Iterator<Item = &'a [u8]> + Clone) -> String {
    let mut n: u64 = 0;
    loop {
        let candidate = format!("archivesspace-rs-boundary-{n:016x}");
        let clashes = parts.clone().any(|data| {
            data.windows(candidate.len())
                .any(|w| w == candidate.as_bytes())
        });
        if !clashes {
            return candidate;
        }
        n += 1;
    }
}

/// A header parameter value with `"` and line breaks percent-encoded (as
/// browsers do), so a file name cannot end the header early.
fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '"' => out.push_str("%22"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}
