//! The rules of the JSONModel schemas as static data.
//!
//! The generator writes one [`Schema`] for every record type of the release
//! it read, gathered in a [`Catalog`]; the engine interprets them the way
//! ArchivesSpace's validator interprets the schema hashes. Each record's
//! properties are the ones the backend validates against: the parent's laid
//! under the type's own, with what `JSONModel` adds to every record.

/// Every record type's schema, sorted by name.
#[derive(Debug)]
pub struct Catalog {
    /// The ArchivesSpace release the schemas were read from.
    pub release: &'static str,
    /// The schemas, sorted by [`Schema::name`].
    pub schemas: &'static [Schema],
}

impl Catalog {
    /// The schema of the record type named `name` (its `jsonmodel_type`).
    pub fn get(&self, name: &str) -> Option<&'static Schema> {
        self.schemas
            .binary_search_by(|schema| schema.name.cmp(name))
            .ok()
            .and_then(|index| self.schemas.get(index))
    }
}

/// One record type's schema.
#[derive(Debug)]
pub struct Schema {
    /// The record type (`jsonmodel_type`), e.g. `accession`.
    pub name: &'static str,
    /// Its URI template, e.g. `/repositories/:repo_id/accessions`, when it
    /// has one; a `JSONModel(:x) uri` value must name a record of it.
    pub uri: Option<&'static str>,
    /// Its properties, in the order the backend checks them.
    pub properties: &'static [Property],
    /// The custom checks (`common/validations.rb`) the release registers on
    /// the type, in the order it registers them; `None` when the snapshot
    /// the rules came from did not say, and the type's checks are then
    /// those of the newest release the client knows.
    pub checks: Option<&'static [Registered]>,
}

/// One custom check a release registers on a record type
/// (`JSONModel(:type).add_validation(name, level)`).
#[derive(Debug)]
pub struct Registered {
    /// The name it is registered under, e.g. `check_date`.
    pub name: &'static str,
    /// Whether what it finds rejects the record or only warns.
    pub level: super::Level,
}

impl Registered {
    /// A check registered at the default level, `:error`.
    pub const fn error(name: &'static str) -> Self {
        Registered {
            name,
            level: super::Level::Error,
        }
    }

    /// A check registered with `:warning`.
    pub const fn warning(name: &'static str) -> Self {
        Registered {
            name,
            level: super::Level::Warning,
        }
    }
}

/// One named property of a record or of an anonymous object.
#[derive(Debug)]
pub struct Property {
    /// The JSON key.
    pub name: &'static str,
    /// Its rules.
    pub node: Node,
}

/// The rules of one value: a property, an array's items or a union member.
#[derive(Debug)]
pub struct Node {
    /// `type`.
    pub ty: Ty,
    /// Draft 3's `required => true`.
    pub required: bool,
    /// `ifmissing`: what the backend reports when the property is missing.
    pub if_missing: Option<IfMissing>,
    /// `readonly`: the backend drops the value before validating.
    pub readonly: bool,
    /// The other rules, in the order the backend checks them.
    pub rules: &'static [Rule],
}

/// What `ifmissing` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfMissing {
    /// `"error"`: the record is rejected.
    Error,
    /// `"warn"`: the record is accepted with a warning.
    Warn,
}

/// A node's `type`.
#[derive(Debug)]
pub enum Ty {
    /// No type, `any`, or one the validator does not know (`date-time`):
    /// every value passes.
    Any,
    /// `string`.
    String,
    /// `integer`.
    Integer,
    /// `number`.
    Number,
    /// `boolean`.
    Boolean,
    /// `null`.
    Null,
    /// `object`.
    Object,
    /// `array`.
    Array,
    /// `date`: a string Ruby's `Date.parse` reads.
    Date,
    /// `JSONModel(:x) object`: an embedded record of type `x`.
    Record(&'static str),
    /// `JSONModel(:x) uri`: the URI of a record of type `x`.
    Uri(&'static str),
    /// `JSONModel(:x) uri_or_object`.
    UriOrObject(&'static str),
    /// A list of types, any one of which will do.
    Union(&'static [Node]),
}

/// A rule beside the type.
#[derive(Debug)]
pub enum Rule {
    /// `enum`: the values allowed.
    Enum(&'static [&'static str]),
    /// `dynamic_enum`: the name of a site-configured enumeration.
    DynamicEnum(&'static str),
    /// `minLength`.
    MinLength(u64),
    /// `maxLength`.
    MaxLength(u64),
    /// `pattern`: a Ruby regular expression.
    Pattern(&'static str),
    /// `minItems`.
    MinItems(u64),
    /// `maxItems`.
    MaxItems(u64),
    /// `subtype => "ref"`: an object that must hold a `ref`.
    SubtypeRef,
    /// `properties` of an anonymous object.
    Properties(&'static [Property]),
    /// `items` of an array.
    Items(&'static Node),
}

impl Node {
    /// The properties of an anonymous object node, if it has any.
    pub fn properties(&self) -> Option<&'static [Property]> {
        self.rules.iter().find_map(|rule| match rule {
            Rule::Properties(properties) => Some(*properties),
            _ => None,
        })
    }

    /// The items of an array node, if given.
    pub fn items(&self) -> Option<&'static Node> {
        self.rules.iter().find_map(|rule| match rule {
            Rule::Items(items) => Some(*items),
            _ => None,
        })
    }
}

impl Property {
    /// A property named `name` with the rules of `node`.
    pub const fn new(name: &'static str, node: Node) -> Self {
        Property { name, node }
    }
}

impl Node {
    /// A node of type `ty` with no other rules.
    pub const fn new(ty: Ty) -> Self {
        Node {
            ty,
            required: false,
            if_missing: None,
            readonly: false,
            rules: &[],
        }
    }

    /// The same node with `required => true`.
    pub const fn required(self) -> Self {
        Node {
            required: true,
            ..self
        }
    }

    /// The same node with `ifmissing`.
    pub const fn if_missing(self, if_missing: IfMissing) -> Self {
        Node {
            if_missing: Some(if_missing),
            ..self
        }
    }

    /// The same node, read-only.
    pub const fn readonly(self) -> Self {
        Node {
            readonly: true,
            ..self
        }
    }

    /// The same node with these rules beside its type.
    pub const fn rules(self, rules: &'static [Rule]) -> Self {
        Node { rules, ..self }
    }
}
