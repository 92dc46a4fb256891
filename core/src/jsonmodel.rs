//! Support for JSONModel records, shared by every generated type: typed URIs
//! and refs, the record traits, and the field I/O of lossless decoding.
//!
//! The generated crate re-exports this module as its `jsonmodel`.
//!
//! # Lossless decoding
//!
//! ArchivesSpace replaces a whole record with what a client sends back, so a
//! record that loses anything between decoding and encoding deletes data on
//! the server. Every generated record therefore keeps:
//!
//! - keys its schema does not declare, in an `extra` map, written back as they
//!   came;
//! - the difference between an absent key, an explicit `null` and an empty
//!   array, in a hidden [`Presence`] field: an absent key stays absent, a
//!   `null` stays `null`, `[]` stays `[]`;
//! - integers as integers and `number`s as [`serde_json::Number`], never as
//!   floats that would turn `1` into `1.0`;
//! - values of a closed `enum` that the schema does not list (in an `Other`
//!   variant), and members of a union whose `jsonmodel_type` is unknown (as
//!   JSON);
//! - `_resolved` records that do not decode into their type, as JSON.
//!
//! Constraints such as `maxLength` or `pattern` are documented on each field
//! but never checked when decoding: records written by older releases or by
//! plugins must still decode.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// A JSONModel record type.
pub trait JsonModel {
    /// The record's `jsonmodel_type`, which encoding always writes.
    const JSONMODEL_TYPE: &'static str;
    /// The URI template of top-level records (`/repositories/:repo_id/accessions`);
    /// `None` for records that only exist inside other records.
    const URI_TEMPLATE: Option<&'static str>;
}

/// The URI of a record of type `T`, such as `/repositories/2/accessions/7`.
///
/// On the wire it is a plain string; the type parameter only records which
/// kind of record it points to. For references that may point to several
/// kinds of record, `T` is the union of those kinds.
pub struct Uri<T: ?Sized> {
    uri: String,
    // `fn() -> T` keeps `Uri<T>` `Send`, `Sync` and free of drop-check
    // obligations whatever `T` is.
    target: PhantomData<fn() -> T>,
}

impl<T: ?Sized> Uri<T> {
    /// Wraps a URI string.
    pub fn new(uri: impl Into<String>) -> Self {
        Uri {
            uri: uri.into(),
            target: PhantomData,
        }
    }

    /// The URI.
    pub fn as_str(&self) -> &str {
        &self.uri
    }

    /// The URI as an owned string.
    pub fn into_string(self) -> String {
        self.uri
    }

    /// Whether the URI is the empty string.
    pub fn is_empty(&self) -> bool {
        self.uri.is_empty()
    }

    /// The record's numeric id: the URI's last path segment, when it is a
    /// number (`7` for `/repositories/2/accessions/7`).
    pub fn id(&self) -> Option<i64> {
        self.uri.rsplit('/').next()?.parse().ok()
    }

    /// The same URI, typed as pointing to a `U`.
    pub fn cast<U: ?Sized>(self) -> Uri<U> {
        Uri::new(self.uri)
    }
}

// The trait impls below are written by hand because derives would require
// `T` itself to implement each trait, which a marker type need not.

impl<T: ?Sized> Clone for Uri<T> {
    fn clone(&self) -> Self {
        Uri::new(self.uri.clone())
    }
}

impl<T: ?Sized> Default for Uri<T> {
    fn default() -> Self {
        Uri::new(String::new())
    }
}

impl<T: ?Sized> fmt::Debug for Uri<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Uri").field(&self.uri).finish()
    }
}

impl<T: ?Sized> fmt::Display for Uri<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.uri)
    }
}

impl<T: ?Sized> PartialEq for Uri<T> {
    fn eq(&self, other: &Self) -> bool {
        self.uri == other.uri
    }
}

impl<T: ?Sized> Eq for Uri<T> {}

impl<T: ?Sized> PartialOrd for Uri<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<T: ?Sized> Ord for Uri<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.uri.cmp(&other.uri)
    }
}

impl<T: ?Sized> Hash for Uri<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.uri.hash(state);
    }
}

impl<T: ?Sized> AsRef<str> for Uri<T> {
    fn as_ref(&self) -> &str {
        &self.uri
    }
}

impl<T: ?Sized> From<String> for Uri<T> {
    fn from(uri: String) -> Self {
        Uri::new(uri)
    }
}

impl<T: ?Sized> From<&str> for Uri<T> {
    fn from(uri: &str) -> Self {
        Uri::new(uri)
    }
}

impl<T: ?Sized> Serialize for Uri<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.uri)
    }
}

impl<'de, T: ?Sized> Deserialize<'de> for Uri<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Uri::new)
    }
}

/// The `_resolved` record that ArchivesSpace embeds in a reference when asked
/// to (`resolve[]=...`).
///
/// It decodes into `T` when the JSON is a `T` that encodes back to exactly the
/// same JSON; anything else (a trimmed or extended embed, another release's
/// shape) is kept as [`Resolved::Json`], so it is never lost.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved<T> {
    /// The embedded record, decoded.
    Record(Box<T>),
    /// The embedded value, kept as JSON because it is not a `T`.
    Json(Value),
}

impl<T> Resolved<T> {
    /// The decoded record, if the embed decoded.
    pub fn record(&self) -> Option<&T> {
        match self {
            Resolved::Record(record) => Some(record),
            Resolved::Json(_) => None,
        }
    }

    /// The decoded record, mutably, if the embed decoded.
    pub fn record_mut(&mut self) -> Option<&mut T> {
        match self {
            Resolved::Record(record) => Some(record),
            Resolved::Json(_) => None,
        }
    }
}

impl<T: DeserializeOwned + Serialize> Resolved<T> {
    /// Decodes an embedded value, keeping it as JSON unless it round-trips
    /// through `T` unchanged.
    pub fn from_json(value: Value) -> Self {
        match T::deserialize(&value) {
            Ok(record) if serde_json::to_value(&record).ok().as_ref() == Some(&value) => {
                Resolved::Record(Box::new(record))
            }
            _ => Resolved::Json(value),
        }
    }
}

impl<T: Default> Default for Resolved<T> {
    fn default() -> Self {
        Resolved::Record(Box::default())
    }
}

impl<T: Serialize> Serialize for Resolved<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Resolved::Record(record) => record.serialize(serializer),
            Resolved::Json(value) => value.serialize(serializer),
        }
    }
}

impl<'de, T: DeserializeOwned + Serialize> Deserialize<'de> for Resolved<T> {
    /// Decodes `T` straight from the embed's text; the generated types keep
    /// every key, `null` and empty value, so that loses nothing. What does
    /// not decode as a `T` is kept as JSON.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = buffer(deserializer)?;
        match T::deserialize(TextDeserializer(&raw)) {
            Ok(record) => Ok(Resolved::Record(Box::new(record))),
            Err(_) => raw_value(&raw).map(Resolved::Json),
        }
    }
}

/// A reference to a record of type `T`: `{"ref": "/subjects/1"}`, with the
/// optional `_resolved` embed.
///
/// References that carry more than `ref` and `_resolved` (a linked agent's
/// `role`, a relationship's `relator`) have generated types of their own.
#[derive(Debug, Clone, PartialEq)]
pub struct Ref<T> {
    /// `ref`: the URI of the record referred to.
    pub ref_: Uri<T>,
    /// `_resolved`: the record itself, when the request asked for it to be
    /// resolved. Read-only.
    pub resolved: Option<Resolved<T>>,
    /// Keys beside `ref` and `_resolved`, kept as they came.
    pub extra: Map<String, Value>,
    #[doc(hidden)]
    pub _presence: Presence,
}

impl<T> Ref<T> {
    /// A reference to `uri`, without `_resolved`.
    pub fn new(uri: impl Into<Uri<T>>) -> Self {
        Ref {
            ref_: uri.into(),
            resolved: None,
            extra: Map::new(),
            _presence: Presence::default(),
        }
    }

    /// The resolved record, if the reference was resolved and the embed
    /// decoded.
    pub fn resolved_record(&self) -> Option<&T> {
        self.resolved.as_ref()?.record()
    }
}

impl<T> Default for Ref<T> {
    fn default() -> Self {
        Ref::new(Uri::default())
    }
}

impl<T: DeserializeOwned + Serialize> Fields for Ref<T> {
    const EXPECTING: &'static str = "a reference object";
    const JSONMODEL_TYPE: Option<&'static str> = None;

    fn presence(&self) -> &Presence {
        &self._presence
    }

    fn presence_mut(&mut self) -> &mut Presence {
        &mut self._presence
    }

    fn extra(&self) -> &Map<String, Value> {
        &self.extra
    }

    fn extra_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.extra
    }

    fn field_index(key: &str) -> Option<usize> {
        match key {
            "ref" => Some(0),
            "_resolved" => Some(1),
            _ => None,
        }
    }

    fn read<'de, A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error> {
        let presence = &mut self._presence;
        match index {
            0 => read_field(map, presence, "ref", &mut self.ref_),
            1 => read_field(map, presence, "_resolved", &mut self.resolved),
            _ => Err(de::Error::custom(NO_SUCH_FIELD)),
        }
    }

    fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        let presence = &self._presence;
        write_field(map, presence, "ref", &self.ref_)?;
        write_field(map, presence, "_resolved", &self.resolved)
    }
}

impl<T: DeserializeOwned + Serialize> Serialize for Ref<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_fields(self, serializer)
    }
}

impl<'de, T: DeserializeOwned + Serialize> Deserialize<'de> for Ref<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_fields(deserializer)
    }
}

/// `"JSONModel(:x) uri_or_object"`: either the URI of an `x` or an embedded `x`.
#[derive(Debug, Clone, PartialEq)]
pub enum UriOrObject<T> {
    /// The URI of the record.
    Uri(Uri<T>),
    /// The record itself.
    Object(Box<T>),
}

impl<T> Default for UriOrObject<T> {
    fn default() -> Self {
        UriOrObject::Uri(Uri::default())
    }
}

impl<T: Serialize> Serialize for UriOrObject<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            UriOrObject::Uri(uri) => uri.serialize(serializer),
            UriOrObject::Object(record) => record.serialize(serializer),
        }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for UriOrObject<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = buffer(deserializer)?;
        if raw.trim_start().starts_with('"') {
            let uri: String =
                serde_json::from_str(&raw).map_err(|e| de::Error::custom(without_position(&e)))?;
            return Ok(UriOrObject::Uri(Uri::new(uri)));
        }
        decode_raw_member(&raw).map(UriOrObject::Object)
    }
}

/// How a field that decoded to its empty Rust value (`None`, an empty `Vec`)
/// appeared on the wire, so that encoding writes it back the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// The key was present with `null`.
    Null,
    /// The key was present with an empty value (`[]`, `{}` or `""`).
    Empty,
}

/// How a record's `jsonmodel_type` appeared on the wire.
#[derive(Debug, Clone, Default, PartialEq)]
enum TypeTag {
    /// Present with the record's own type name, or a record built in code:
    /// encoding writes the type name.
    #[default]
    Canonical,
    /// Absent: encoding leaves it out again.
    Absent,
    /// Present with some other value, written back as it came.
    Raw(Value),
}

/// Wire details of a decoded value that its Rust fields cannot show: which
/// empty fields were `null` or `[]` rather than absent, and how
/// `jsonmodel_type` was written.
///
/// A value built in code has the default presence: empty fields are left
/// out and `jsonmodel_type` is written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Presence {
    marks: Vec<(&'static str, Mark)>,
    type_tag: TypeTag,
}

impl Presence {
    fn mark(&self, key: &str) -> Option<Mark> {
        self.marks.iter().find(|(k, _)| *k == key).map(|(_, m)| *m)
    }

    #[inline]
    fn set_mark(&mut self, key: &'static str, mark: Option<Mark>) {
        // Most fields of most records have no mark, and most records none
        // at all: leave the (unallocated) list alone then.
        if mark.is_none() && self.marks.is_empty() {
            return;
        }
        self.marks.retain(|(k, _)| *k != key);
        if let Some(mark) = mark {
            self.marks.push((key, mark));
        }
    }

    /// Whether the field `key` was an explicit `null` when decoded.
    pub fn was_null(&self, key: &str) -> bool {
        self.mark(key) == Some(Mark::Null)
    }

    /// Forgets every wire detail, so the value encodes as if built in code.
    pub fn clear(&mut self) {
        *self = Presence::default();
    }
}

/// A field type whose empty value may stand for an absent key.
#[doc(hidden)]
pub trait Field: Default + Serialize + DeserializeOwned {
    /// Whether this is the empty value (`None`, an empty collection or URI).
    fn is_unset(&self) -> bool;
}

impl<T: Serialize + DeserializeOwned> Field for Option<T> {
    fn is_unset(&self) -> bool {
        self.is_none()
    }
}

impl<T: Serialize + DeserializeOwned> Field for Vec<T> {
    fn is_unset(&self) -> bool {
        self.is_empty()
    }
}

impl Field for Map<String, Value> {
    fn is_unset(&self) -> bool {
        self.is_empty()
    }
}

impl<T: ?Sized> Field for Uri<T> {
    fn is_unset(&self) -> bool {
        self.is_empty()
    }
}

/// Reads the value of `key` into `slot`, remembering an explicit `null` or
/// empty value.
#[doc(hidden)]
pub fn read_field<'de, A: MapAccess<'de>, F: Field>(
    map: &mut A,
    presence: &mut Presence,
    key: &'static str,
    slot: &mut F,
) -> Result<(), A::Error> {
    match map.next_value::<Option<F>>()? {
        None => {
            *slot = F::default();
            presence.set_mark(key, Some(Mark::Null));
        }
        Some(value) => {
            presence.set_mark(key, value.is_unset().then_some(Mark::Empty));
            *slot = value;
        }
    }
    Ok(())
}

/// Writes `value` under `key`; an empty value is written only when it was
/// present when decoded (as `null` or as the empty value).
#[doc(hidden)]
pub fn write_field<M: SerializeMap, F: Field>(
    map: &mut M,
    presence: &Presence,
    key: &'static str,
    value: &F,
) -> Result<(), M::Error> {
    if !value.is_unset() {
        return map.serialize_entry(key, value);
    }
    match presence.mark(key) {
        Some(Mark::Null) => map.serialize_entry(key, &Value::Null),
        Some(Mark::Empty) => map.serialize_entry(key, value),
        None => Ok(()),
    }
}

/// Derives [`Fields`] (with `Serialize` and `Deserialize` through it) for a
/// struct with an `extra` map and a `_presence` field; see
/// `archivesspace-core-derive`.
#[doc(hidden)]
pub use archivesspace_core_derive::Fields;

/// A struct that decodes field by field, keeping unknown keys and wire
/// details. Implemented by every generated record and object type, through
/// `#[derive(Fields)]`.
#[doc(hidden)]
pub trait Fields: Default {
    /// What the decoder expects, for error messages.
    const EXPECTING: &'static str;
    /// The `jsonmodel_type` of records; `None` for other objects.
    const JSONMODEL_TYPE: Option<&'static str>;
    /// The wire details.
    fn presence(&self) -> &Presence;
    /// The wire details, mutably.
    fn presence_mut(&mut self) -> &mut Presence;
    /// The undeclared keys.
    fn extra(&self) -> &Map<String, Value>;
    /// The undeclared keys, mutably.
    fn extra_mut(&mut self) -> &mut Map<String, Value>;
    /// The position of a declared key among the declared keys; `None` when
    /// `key` is not declared. Decoding matches each key once, here, and
    /// allocates a `String` only for the undeclared ones, which `extra`
    /// keeps.
    fn field_index(key: &str) -> Option<usize>;
    /// Reads the value of the declared key at `index` (from
    /// [`Fields::field_index`]).
    fn read<'de, A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error>;
    /// Writes the declared fields.
    fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

/// Encodes a [`Fields`] type: `jsonmodel_type`, the declared fields in
/// declaration order, then the undeclared keys.
#[doc(hidden)]
pub fn serialize_fields<T: Fields, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    if let Some(name) = T::JSONMODEL_TYPE {
        match &value.presence().type_tag {
            TypeTag::Canonical => map.serialize_entry("jsonmodel_type", name)?,
            TypeTag::Absent => {}
            TypeTag::Raw(raw) => map.serialize_entry("jsonmodel_type", raw)?,
        }
    }
    value.write(&mut map)?;
    for (key, extra) in value.extra() {
        map.serialize_entry(key, extra)?;
    }
    map.end()
}

/// Decodes a [`Fields`] type from a JSON object.
#[doc(hidden)]
pub fn deserialize_fields<'de, T: Fields, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(FieldsVisitor(PhantomData))
}

/// The error of [`Fields::read`] for an index that [`Fields::field_index`]
/// never gives; only a hand-written caller could hit it.
#[doc(hidden)]
pub const NO_SUCH_FIELD: &str = "no declared field has this index";

struct FieldsVisitor<T>(PhantomData<T>);

impl<'de, T: Fields> Visitor<'de> for FieldsVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut out = T::default();
        if T::JSONMODEL_TYPE.is_some() {
            out.presence_mut().type_tag = TypeTag::Absent;
        }
        while let Some(key) = map.next_key_seed(KeySeed::<T>(PhantomData))? {
            match key {
                Key::Field(index) => out.read(index, &mut map)?,
                Key::Type(name) => {
                    out.presence_mut().type_tag = map.next_value_seed(TagSeed(name))?
                }
                Key::Extra(key) => {
                    let value: Value = map.next_value()?;
                    out.extra_mut().insert(key, value);
                }
            }
        }
        Ok(out)
    }
}

/// A key of a [`Fields`] type, as decoding sorts it.
enum Key {
    /// A declared key, by its index.
    Field(usize),
    /// `jsonmodel_type`, of a record type of this name.
    Type(&'static str),
    /// Any other key, for `extra`.
    Extra(String),
}

/// Reads a key straight into a [`Key`]: declared keys are matched on the
/// deserializer's own (borrowed or scratch) text and never allocated.
struct KeySeed<T>(PhantomData<T>);

impl<'de, T: Fields> de::DeserializeSeed<'de> for KeySeed<T> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<T: Fields> KeySeed<T> {
    #[inline]
    fn known(key: &str) -> Option<Key> {
        match T::JSONMODEL_TYPE {
            Some(name) if key == "jsonmodel_type" => Some(Key::Type(name)),
            _ => T::field_index(key).map(Key::Field),
        }
    }
}

impl<'de, T: Fields> Visitor<'de> for KeySeed<T> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(Self::known(key).unwrap_or_else(|| Key::Extra(key.to_owned())))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Key, E> {
        Ok(Self::known(&key).unwrap_or(Key::Extra(key)))
    }
}

/// Reads the value of `jsonmodel_type` into a [`TypeTag`]: the record's own
/// name (the usual case) allocates nothing; anything else is kept as JSON.
struct TagSeed(&'static str);

impl<'de> de::DeserializeSeed<'de> for TagSeed {
    type Value = TypeTag;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<TypeTag, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TagSeed {
    type Value = TypeTag;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_str<E: de::Error>(self, tag: &str) -> Result<TypeTag, E> {
        Ok(if tag == self.0 {
            TypeTag::Canonical
        } else {
            TypeTag::Raw(Value::String(tag.to_owned()))
        })
    }

    fn visit_string<E: de::Error>(self, tag: String) -> Result<TypeTag, E> {
        Ok(if tag == self.0 {
            TypeTag::Canonical
        } else {
            TypeTag::Raw(Value::String(tag))
        })
    }

    // Any other kind of value becomes what a `Value` would make of it.

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<TypeTag, E> {
        Ok(TypeTag::Raw(Value::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<TypeTag, E> {
        Ok(TypeTag::Raw(Value::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<TypeTag, E> {
        Ok(TypeTag::Raw(Value::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<TypeTag, E> {
        Ok(TypeTag::Raw(Value::from(v)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<TypeTag, E> {
        Ok(TypeTag::Raw(Value::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<TypeTag, E> {
        Ok(TypeTag::Raw(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<TypeTag, D::Error> {
        Value::deserialize(deserializer).map(TypeTag::Raw)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<TypeTag, A::Error> {
        Value::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(TypeTag::Raw)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<TypeTag, A::Error> {
        Value::deserialize(de::value::MapAccessDeserializer::new(map)).map(TypeTag::Raw)
    }
}

/// The `jsonmodel_type` of a JSON object, if it has a string one.
#[doc(hidden)]
pub fn jsonmodel_type_of(value: &Value) -> Option<&str> {
    value.get("jsonmodel_type")?.as_str()
}

/// A value's JSON text, buffered so that a union can look at it (its
/// `jsonmodel_type`) before decoding it into the member it is. Cheaper than
/// a `Value`: no allocation at all when the deserializer reads from memory
/// (the text is borrowed from its input), one for the text otherwise (from
/// a reader, or a `Value`).
#[doc(hidden)]
pub fn buffer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<RawText<'de>, D::Error> {
    deserializer.deserialize_newtype_struct(RAW_VALUE_TOKEN, RawTextVisitor)
}

/// The JSON text of one value, as [`buffer`] gives it: valid JSON, borrowed
/// from the input when it can be.
#[doc(hidden)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawText<'de>(Cow<'de, str>);

impl RawText<'_> {
    /// The text.
    pub fn get(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for RawText<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

// serde_json's name for raw values. `Box<RawValue>` and `&RawValue` ask
// for `deserialize_newtype_struct` of this name, and serde_json's
// deserializers (from text, from a reader, from a `Value`) answer with a
// one-entry map: this name, then the value's text, as a borrowed string
// when they read from memory and an owned one otherwise. Neither
// `RawValue` type takes both (`&RawValue` fails on a reader, `Box` always
// copies), so `RawText` speaks the same protocol itself. Were the name to
// change, decoding unions would fail loudly (the core tests decode them
// from text, a reader and a `Value`), not go wrong quietly.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

struct RawTextVisitor;

impl<'de> Visitor<'de> for RawTextVisitor {
    type Value = RawText<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawText<'de>, A::Error> {
        match map.next_key_seed(RawTextKey)? {
            Some(()) => map.next_value_seed(RawTextSeed),
            None => Err(de::Error::custom("expected the text of a JSON value")),
        }
    }
}

/// The one key of serde_json's raw value map.
struct RawTextKey;

impl<'de> de::DeserializeSeed<'de> for RawTextKey {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for RawTextKey {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the raw value key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<(), E> {
        if key == RAW_VALUE_TOKEN {
            Ok(())
        } else {
            Err(E::custom("expected the text of a JSON value"))
        }
    }
}

/// The text of serde_json's raw value map, kept borrowed when it is.
struct RawTextSeed;

impl<'de> de::DeserializeSeed<'de> for RawTextSeed {
    type Value = RawText<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<RawText<'de>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for RawTextSeed {
    type Value = RawText<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the text of a JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<RawText<'de>, E> {
        Ok(RawText(Cow::Borrowed(text)))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<RawText<'de>, E> {
        Ok(RawText(Cow::Owned(text.to_owned())))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<RawText<'de>, E> {
        Ok(RawText(Cow::Owned(text)))
    }
}

/// A serde_json deserializer over one value's buffered text that answers
/// [`buffer`] with that text itself. Without it, a union inside a
/// `_resolved` embed (a resolved agent, a resolved parent) would skip over
/// the whole text once more only to buffer what is already buffered.
struct TextDeserializer<'a>(&'a str);

/// serde_json's raw value map over borrowed text: the key
/// [`RAW_VALUE_TOKEN`], then the text.
struct TextMap<'a>(Option<&'a str>);

impl<'a> MapAccess<'a> for TextMap<'a> {
    type Error = serde_json::Error;

    fn next_key_seed<K: de::DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, serde_json::Error> {
        if self.0.is_none() {
            return Ok(None);
        }
        seed.deserialize(de::value::BorrowedStrDeserializer::new(RAW_VALUE_TOKEN))
            .map(Some)
    }

    fn next_value_seed<V: de::DeserializeSeed<'a>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, serde_json::Error> {
        match self.0.take() {
            Some(text) => seed.deserialize(de::value::BorrowedStrDeserializer::new(text)),
            None => Err(de::Error::custom("the raw value was read already")),
        }
    }
}

/// Forwards a `Deserializer` method to serde_json, over the whole text.
macro_rules! forward_to_json {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'a>>(
            self,
            $($arg: $ty,)*
            visitor: V,
        ) -> Result<V::Value, serde_json::Error> {
            let mut json = serde_json::Deserializer::from_str(self.0);
            let value = Deserializer::$method(&mut json, $($arg,)* visitor)?;
            json.end()?;
            Ok(value)
        }
    )*};
}

impl<'a> Deserializer<'a> for TextDeserializer<'a> {
    type Error = serde_json::Error;

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, serde_json::Error> {
        if name == RAW_VALUE_TOKEN {
            // The one-entry map of serde_json's protocol (see
            // `RAW_VALUE_TOKEN`), with the text borrowed.
            return visitor.visit_map(TextMap(Some(self.0)));
        }
        let mut json = serde_json::Deserializer::from_str(self.0);
        let value = Deserializer::deserialize_newtype_struct(&mut json, name, visitor)?;
        json.end()?;
        Ok(value)
    }

    forward_to_json! {
        deserialize_any();
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_f32();
        deserialize_f64();
        deserialize_char();
        deserialize_str();
        deserialize_string();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_option();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier();
        deserialize_ignored_any();
    }
}

/// Whether buffered JSON is an object.
#[doc(hidden)]
pub fn is_object(raw: &str) -> bool {
    raw.trim_start().starts_with('{')
}

/// The `jsonmodel_type` of a buffered object, if it has a string one (the
/// last, if the key repeats, as when decoding into a `Value`); other keys
/// are skipped, not decoded.
#[doc(hidden)]
pub fn jsonmodel_type_in<E: de::Error>(raw: &str) -> Result<Option<Cow<'_, str>>, E> {
    match scan_tag(raw.as_bytes()) {
        Scan::Found(None) => return Ok(None),
        // The range lies between ASCII quotes, so on character boundaries.
        Scan::Found(Some((start, end))) => {
            if let Some(tag) = raw.get(start..end) {
                return Ok(Some(Cow::Borrowed(tag)));
            }
        }
        Scan::Unsure => {}
    }
    jsonmodel_type_decoded(raw).map(|tag| tag.map(Cow::Owned))
}

/// [`jsonmodel_type_in`] by serde_json, for the text the scanner leaves to
/// it: escapes in keys or in the tag, and text that is not an object (it
/// gives the error).
fn jsonmodel_type_decoded<E: de::Error>(raw: &str) -> Result<Option<String>, E> {
    struct TagVisitor;
    impl<'de> Visitor<'de> for TagVisitor {
        type Value = Option<String>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<String>, A::Error> {
            let mut tag = None;
            while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                if key == "jsonmodel_type" {
                    tag = match map.next_value::<Value>()? {
                        Value::String(name) => Some(name),
                        _ => None,
                    };
                } else {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
            Ok(tag)
        }
    }
    let mut deserializer = serde_json::Deserializer::from_str(raw);
    de::Deserializer::deserialize_map(&mut deserializer, TagVisitor)
        .map_err(|e| E::custom(without_position(&e)))
}

/// What [`scan_tag`] found.
#[derive(Debug, PartialEq)]
enum Scan {
    /// The byte range of the last top-level `jsonmodel_type` (inside its
    /// quotes), or `None` when there is none or the last is not a string.
    Found(Option<(usize, usize)>),
    /// Text the scanner leaves to serde_json: an escape in a key or in the
    /// tag, or anything but a well-formed object.
    Unsure,
}

/// Finds the top-level `jsonmodel_type` of an object's text in one pass
/// over its bytes, decoding nothing: a union reads its members' tags this
/// way before decoding them, so it must cost little next to the decode.
/// The text is valid JSON (serde_json buffered it), but the scanner does
/// not rely on that: on anything unexpected it answers [`Scan::Unsure`],
/// never a wrong tag, and it never indexes out of bounds.
fn scan_tag(text: &[u8]) -> Scan {
    let mut at = skip_whitespace(text, 0);
    if text.get(at) != Some(&b'{') {
        return Scan::Unsure;
    }
    at = skip_whitespace(text, at + 1);
    if text.get(at) == Some(&b'}') {
        return Scan::Found(None);
    }
    let mut tag = None;
    loop {
        if text.get(at) != Some(&b'"') {
            return Scan::Unsure;
        }
        let Some((end, false)) = string_end(text, at + 1) else {
            // An escaped key might spell `jsonmodel_type`.
            return Scan::Unsure;
        };
        let is_tag = text.get(at + 1..end) == Some(b"jsonmodel_type".as_slice());
        at = skip_whitespace(text, end + 1);
        if text.get(at) != Some(&b':') {
            return Scan::Unsure;
        }
        at = skip_whitespace(text, at + 1);
        if is_tag && text.get(at) == Some(&b'"') {
            let Some((end, false)) = string_end(text, at + 1) else {
                return Scan::Unsure;
            };
            tag = Some((at + 1, end));
            at = end + 1;
        } else {
            if is_tag {
                tag = None;
            }
            let Some(next) = skip_value(text, at) else {
                return Scan::Unsure;
            };
            at = next;
        }
        at = skip_whitespace(text, at);
        match text.get(at) {
            Some(b',') => at = skip_whitespace(text, at + 1),
            Some(b'}') => return Scan::Found(tag),
            _ => return Scan::Unsure,
        }
    }
}

fn skip_whitespace(text: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = text.get(at) {
        at += 1;
    }
    at
}

/// The index of the quote that closes the string whose contents start at
/// `at`, and whether the string has escapes; `None` if it is not closed.
fn string_end(text: &[u8], mut at: usize) -> Option<(usize, bool)> {
    let mut escaped = false;
    loop {
        // Most of a record's bytes are in strings: memchr looks at many
        // at a time.
        at += memchr::memchr2(b'"', b'\\', text.get(at..)?)?;
        if text.get(at) == Some(&b'"') {
            return Some((at, escaped));
        }
        // A backslash: the next byte is escaped (a `\u` escape's hex digits
        // need no care).
        escaped = true;
        at += 2;
    }
}

/// The index just past the value that starts at `at`; `None` if it does not
/// end.
fn skip_value(text: &[u8], mut at: usize) -> Option<usize> {
    match *text.get(at)? {
        b'"' => string_end(text, at + 1).map(|(end, _)| end + 1),
        b'{' | b'[' => {
            let mut depth = 0usize;
            loop {
                match *text.get(at)? {
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(at + 1);
                        }
                    }
                    b'"' => at = string_end(text, at + 1)?.0,
                    _ => {}
                }
                at += 1;
            }
        }
        // A number, `true`, `false` or `null`: up to the next delimiter.
        _ => {
            let rest = text.get(at..)?;
            let len = rest
                .iter()
                .position(|b| matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
                .unwrap_or(rest.len());
            // A delimiter where a value should be is no value.
            (len > 0).then_some(at + len)
        }
    }
}

/// Buffered JSON as a `Value`, for what no member takes.
#[doc(hidden)]
pub fn raw_value<E: de::Error>(raw: &str) -> Result<Value, E> {
    serde_json::from_str(raw).map_err(|e| E::custom(without_position(&e)))
}

/// An error's message without serde_json's ` at line 1 column 17`, which
/// for buffered text counts from the start of the value, not of the
/// document; the outer decoder adds the document's position.
fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    if error.line() == 0 {
        return text;
    }
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_owned()
}

/// Decodes one member of a union from its buffered text, keeping the path
/// of the failing field in the error message (the outer decoder only knows
/// the path up to the union).
///
/// The path costs a tracking deserializer that copies every key, so it is
/// only found once decoding has failed: the text is decoded again, tracked,
/// which gives the same error.
#[doc(hidden)]
pub fn decode_raw_member<T: DeserializeOwned, E: de::Error>(raw: &str) -> Result<Box<T>, E> {
    match T::deserialize(TextDeserializer(raw)) {
        Ok(member) => Ok(Box::new(member)),
        Err(plain) => {
            match serde_path_to_error::deserialize::<_, T>(TextDeserializer(raw)) {
                Err(err) => {
                    let path = err.path().to_string();
                    let message = without_position(err.inner());
                    if path == "." {
                        Err(E::custom(message))
                    } else {
                        Err(E::custom(format_args!("{path}: {message}")))
                    }
                }
                // Cannot happen (decoding is deterministic); the first
                // error still says what went wrong.
                Ok(_) => Err(E::custom(without_position(&plain))),
            }
        }
    }
}

/// Decodes one member of a union from its buffered JSON, keeping the path of
/// the failing field in the error message (the outer decoder only knows the
/// path up to the union).
#[doc(hidden)]
pub fn decode_member<T: DeserializeOwned, E: de::Error>(value: Value) -> Result<Box<T>, E> {
    serde_path_to_error::deserialize(value)
        .map(Box::new)
        .map_err(|err| {
            let path = err.path().to_string();
            if path == "." {
                E::custom(err.into_inner())
            } else {
                E::custom(format_args!("{path}: {}", err.into_inner()))
            }
        })
}

/// Why a value did not decode into a generated type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at {path}: {message}")]
pub struct DecodeError {
    /// The JSON path of the value that did not decode (`notes[2].publish`),
    /// `.` for the value itself.
    pub path: String,
    /// What was wrong with it.
    pub message: String,
}

/// Decodes a `T` from JSON, naming the path of the value that failed.
pub fn decode<T: DeserializeOwned>(value: Value) -> Result<T, DecodeError> {
    serde_path_to_error::deserialize(value).map_err(|err| DecodeError {
        path: err.path().to_string(),
        message: err.into_inner().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(text: &str) -> Option<String> {
        jsonmodel_type_in::<serde_json::Error>(text)
            .unwrap()
            .map(Cow::into_owned)
    }

    #[test]
    fn the_type_tag_is_read_at_the_top_level_only() {
        assert_eq!(
            tag(r#"{"notes":[{"jsonmodel_type":"note_text"}],"jsonmodel_type":"resource"}"#),
            Some("resource".to_owned())
        );
        assert_eq!(
            tag(r#"{"jsonmodel_type":"a","jsonmodel_type":"b"}"#),
            Some("b".to_owned()),
            "the last of a repeated key, as a Value keeps"
        );
        assert_eq!(tag(r#"{"jsonmodel_type":"a","jsonmodel_type":5}"#), None);
        assert_eq!(tag(r#"{"jsonmodel_type":5}"#), None);
        assert_eq!(tag(r#"{"title":"x"}"#), None);
        assert_eq!(tag("{}"), None);
        assert!(jsonmodel_type_in::<serde_json::Error>("[1]").is_err());
    }

    #[test]
    fn the_tag_scanner_agrees_with_serde_json() {
        let cases = [
            r#" { "jsonmodel_type" : "resource" } "#,
            r#"{"a":{"jsonmodel_type":"x","b":[1,{"c":"}"}]},"jsonmodel_type":"resource"}"#,
            r#"{"a":"quote \" and brace } inside","jsonmodel_type":"note_text","z":null}"#,
            r#"{"a":[],"b":{},"c":-1.5e3,"d":true,"e":false,"jsonmodel_type":"t"}"#,
            r#"{"jsonmodel_type":"t","a":"\\","b":"\u00e9t\u00e9"}"#,
            "{\n\t\"jsonmodel_type\":\r\n\"t\"\n}",
            r#"{"jsonmodel_type":"caf\u00e9"}"#,
            r#"{"jsonmodel\u005ftype":"escaped_key"}"#,
            r#"{"jsonmodel_type":{"nested":"object"}}"#,
            r#"{"jsonmodel_type":["list"],"jsonmodel_type":"last"}"#,
            r#"{"é":"ü","jsonmodel_type":"unicode"}"#,
        ];
        for text in cases {
            assert_eq!(
                tag(text),
                jsonmodel_type_decoded::<serde_json::Error>(text).unwrap(),
                "{text}"
            );
        }
        // Escapes are left to serde_json, which reads them.
        assert_eq!(
            tag(r#"{"jsonmodel_type":"caf\u00e9"}"#).as_deref(),
            Some("café")
        );
        assert_eq!(
            tag(r#"{"jsonmodel\u005ftype":"escaped_key"}"#).as_deref(),
            Some("escaped_key")
        );
    }

    #[test]
    fn the_tag_scanner_gives_up_on_broken_text_without_panicking() {
        let broken = [
            "",
            "{",
            "{\"",
            r#"{"a""#,
            r#"{"a":"#,
            r#"{"a":"x"#,
            r#"{"a":[1,2"#,
            r#"{"a":1"#,
            r#"{"a":1,"#,
            r#"{"a" 1}"#,
            r#"{"a":1 "b":2}"#,
            r#"{"a":"\"#,
            r#"{"a":]}"#,
            r#"{"a":}}"#,
            "{1:2}",
            "\u{0}",
        ];
        for text in broken {
            assert_eq!(scan_tag(text.as_bytes()), Scan::Unsure, "{text:?}");
            assert!(
                jsonmodel_type_in::<serde_json::Error>(text).is_err(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn buffered_text_is_borrowed_from_memory_and_owned_from_a_reader() {
        let text = r#"{"a": [1, {"b": "c"}]}"#;
        let mut from_text = serde_json::Deserializer::from_str(text);
        let raw = buffer(&mut from_text).unwrap();
        assert!(matches!(raw.0, Cow::Borrowed(_)));
        assert_eq!(raw.get(), text);

        let mut from_bytes = serde_json::Deserializer::from_slice(text.as_bytes());
        let raw = buffer(&mut from_bytes).unwrap();
        assert!(matches!(raw.0, Cow::Borrowed(_)));
        assert_eq!(raw.get(), text);

        let mut from_reader = serde_json::Deserializer::from_reader(text.as_bytes());
        let raw = buffer(&mut from_reader).unwrap();
        assert!(matches!(raw.0, Cow::Owned(_)));
        assert_eq!(raw.get(), text);

        let value: Value = serde_json::from_str(text).unwrap();
        let raw = buffer(&value).unwrap();
        assert_eq!(serde_json::from_str::<Value>(&raw).unwrap(), value);
        let raw = buffer(value.clone()).unwrap();
        assert_eq!(serde_json::from_str::<Value>(&raw).unwrap(), value);
    }

    /// Buffers its value like a union does, remembering whether the text
    /// was borrowed.
    #[derive(Debug, PartialEq)]
    struct Probe {
        borrowed: bool,
        value: Value,
    }

    impl Serialize for Probe {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.value.serialize(serializer)
        }
    }

    impl<'de> Deserialize<'de> for Probe {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let raw = buffer(deserializer)?;
            Ok(Probe {
                borrowed: matches!(raw.0, Cow::Borrowed(_)),
                value: raw_value(&raw)?,
            })
        }
    }

    #[test]
    fn unions_in_embeds_get_the_embeds_text_without_buffering_it_again() {
        let text = r#"{"_resolved":{"jsonmodel_type":"agent_person","names":[{"a":1}]}}"#;
        for via_reader in [false, true] {
            let embed: std::collections::BTreeMap<String, Resolved<Probe>> = if via_reader {
                serde_json::from_reader(text.as_bytes()).unwrap()
            } else {
                serde_json::from_str(text).unwrap()
            };
            let probe = embed["_resolved"].record().expect("decoded");
            assert!(probe.borrowed, "from the embed's own buffer");
            assert_eq!(
                probe.value,
                serde_json::json!({"jsonmodel_type":"agent_person","names":[{"a":1}]})
            );
        }
        // What is not a whole value fails, as from serde_json itself.
        assert!(<Probe as Deserialize>::deserialize(TextDeserializer("[1] 2")).is_err());
        let number = i64::deserialize(TextDeserializer(" 7 ")).unwrap();
        assert_eq!(number, 7);
    }

    #[test]
    fn member_errors_name_their_path_but_not_a_position_inside_the_member() {
        #[derive(Debug, Deserialize)]
        struct Member {
            #[allow(dead_code)]
            count: i64,
        }
        let error = decode_raw_member::<Member, serde_json::Error>(r#"{"count":"many"}"#)
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("count: invalid type: string"), "{error}");
        assert!(!error.contains("column"), "{error}");
    }

    #[test]
    fn uri_or_object_and_resolved_decode_from_text() {
        let uri: UriOrObject<Value> = serde_json::from_str(r#""/subjects/1""#).unwrap();
        assert!(matches!(uri, UriOrObject::Uri(u) if u.as_str() == "/subjects/1"));
        let resolved: Resolved<Vec<i64>> = serde_json::from_str("[1, 2]").unwrap();
        assert_eq!(resolved.record(), Some(&vec![1, 2]));
        let kept: Resolved<Vec<i64>> = serde_json::from_str(r#"{"not":"a list"}"#).unwrap();
        assert_eq!(kept, Resolved::Json(serde_json::json!({"not": "a list"})));
    }

    #[test]
    fn refs_decode_alike_from_text_a_reader_and_a_value() {
        let text = r#"{"ref":"/subjects/1","_resolved":[1,2],"note":"kept","ref":"/subjects/2"}"#;
        let expected = r#"{"ref":"/subjects/2","_resolved":[1,2],"note":"kept"}"#;
        let from_text: Ref<Vec<i64>> = serde_json::from_str(text).unwrap();
        let from_reader: Ref<Vec<i64>> = serde_json::from_reader(text.as_bytes()).unwrap();
        let value: Value = serde_json::from_str(text).unwrap();
        let from_value: Ref<Vec<i64>> = serde_json::from_value(value).unwrap();
        for decoded in [&from_text, &from_reader, &from_value] {
            assert_eq!(decoded.ref_.as_str(), "/subjects/2");
            assert_eq!(decoded.resolved_record(), Some(&vec![1, 2]));
            assert_eq!(serde_json::to_string(decoded).unwrap(), expected);
        }
    }
}
