//! Builds a [`Snapshot`] from an ArchivesSpace source tree (plus plugins) or
//! from a running server's `GET /schemas`.
//!
//! From a source tree, every `common/schemas/<name>.rb` is evaluated by
//! [`crate::read::ruby`] and the value of its `:schema` key becomes
//! `jsonmodel/<name>.json`. Plugins are applied the way ArchivesSpace loads
//! them: a plugin's `schemas/<name>.rb` takes the place of a core schema of the
//! same name (the first plugin listed wins), and each plugin's
//! `schemas/<name>_ext.rb` is deep-merged into that type's properties, in
//! plugin order.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::ir::escape_pointer;
use crate::ir::merge::deep_merge;
use crate::read::ruby;
use crate::read::source_tree::{
    digest, plugin_name, read_source, ruby_files, ReadError, SourceFile,
};
use crate::snapshot::{SchemaForm, Snapshot, SourceInfo, COMPUTED_KEY, FORMAT_VERSION};

/// What to import from a source tree.
#[derive(Debug, Clone, Default)]
pub struct SourceImport {
    /// The ArchivesSpace source tree (holding `common/schemas`).
    pub aspace_src: PathBuf,
    /// Plugin directories (each holding `schemas/`), in load order.
    pub plugins: Vec<PathBuf>,
    /// The release to record; when `None` it is taken from the tree's folder
    /// name if that looks like a release (`v4.2.1`), else `unknown`.
    pub release: Option<String>,
}

/// A finished import: the snapshot and what the user should be told.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The snapshot, ready to write.
    pub snapshot: Snapshot,
    /// Things that were imported but deserve attention (computed values).
    pub warnings: Vec<String>,
}

/// Why an import failed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A file or directory could not be read.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// A Ruby file could not be read; the message carries file:line:col.
    #[error(transparent)]
    Ruby(#[from] ruby::Error),
    /// A file evaluated to something that is not a schema.
    #[error("{file}: {message}")]
    Shape {
        /// The file, as shown to the user.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// A controller file could not be read; the message carries file:line:col.
    #[error(transparent)]
    Endpoints(#[from] crate::read::endpoints::EndpointError),
    /// The server's answer could not be used.
    #[error("server schemas: {0}")]
    Server(String),
}

/// The `.rb` files of a schemas directory as (type name, path), in name order.
fn schema_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, ReadError> {
    Ok(ruby_files(dir)?
        .into_iter()
        .filter_map(|(file, path)| Some((file.strip_suffix(".rb")?.to_owned(), path)))
        .collect())
}

/// Converts an evaluated hash to a JSON object, recording computed parts
/// under [`COMPUTED_KEY`] and as warnings.
fn to_json_object(
    value: &ruby::Value,
    file: &str,
    warnings: &mut Vec<String>,
) -> Result<Map<String, Value>, ImportError> {
    let (json, computed) = value.to_json();
    let Value::Object(mut object) = json else {
        return Err(ImportError::Shape {
            file: file.to_owned(),
            message: "expected a hash".into(),
        });
    };
    if !computed.is_empty() {
        let mut entries = Vec::new();
        for part in &computed {
            let effect = if part.merged {
                "merges further keys computed at start-up"
            } else {
                "is computed at start-up and has no literal value"
            };
            // The whole Ruby source is kept in the snapshot; its first line
            // is enough to recognise it in a warning.
            let mut lines = part.source.lines();
            let first = lines.next().unwrap_or_default();
            let more = if lines.next().is_some() { " …" } else { "" };
            warnings.push(format!(
                "{file}:{}:{}: `{}` {effect} (Ruby: `{first}{more}`); kept as an open value",
                part.line,
                part.column,
                if part.pointer.is_empty() {
                    "/"
                } else {
                    &part.pointer
                },
            ));
            entries.push(serde_json::json!({
                "pointer": part.pointer,
                "ruby": part.source,
                "line": part.line,
                "merged": part.merged,
            }));
        }
        object.insert(COMPUTED_KEY.to_owned(), Value::Array(entries));
    }
    Ok(object)
}

/// Evaluates a schema file and returns the JSON of its `:schema` hash.
fn schema_from_file(input: &SourceFile, warnings: &mut Vec<String>) -> Result<Value, ImportError> {
    let evaluation = ruby::evaluate(&input.shown_as, &input.text)?;
    for w in &evaluation.warnings {
        warnings.push(format!(
            "{}:{}:{}: {}",
            input.shown_as, w.line, w.column, w.message
        ));
    }
    let shape_error = |message: &str| ImportError::Shape {
        file: input.shown_as.clone(),
        message: message.to_owned(),
    };
    let ruby::Value::Hash(top) = &evaluation.value else {
        return Err(shape_error("the file's value is not a hash"));
    };
    let schema = top
        .get_sym("schema")
        .ok_or_else(|| shape_error("the file's hash has no :schema key"))?;
    Ok(Value::Object(to_json_object(
        schema,
        &input.shown_as,
        warnings,
    )?))
}

/// Evaluates a plugin's `<type>_ext.rb`: a hash of properties.
fn extension_from_file(
    input: &SourceFile,
    warnings: &mut Vec<String>,
) -> Result<Map<String, Value>, ImportError> {
    let evaluation = ruby::evaluate(&input.shown_as, &input.text)?;
    to_json_object(&evaluation.value, &input.shown_as, warnings)
}

/// Where a source tree registers the custom validations.
const VALIDATIONS_FILE: &str = "common/validations.rb";

/// Records each registration of the file in its type's schema, as
/// `[level, name]` under `validations` (the key and form the backend gives
/// them in `GET /schemas`). A registration on a type no schema defines does
/// nothing on the backend (`if JSONModel(:type)` guards it), nor here.
fn add_validations(
    input: &SourceFile,
    schemas: &mut BTreeMap<String, Value>,
) -> Result<(), ImportError> {
    for registration in ruby::validations::registrations(&input.shown_as, &input.text)? {
        let Some(Value::Object(schema)) = schemas.get_mut(&registration.record_type) else {
            continue;
        };
        let list = schema
            .entry("validations")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = list {
            list.push(Value::Array(vec![
                Value::String(registration.level),
                Value::String(registration.name),
            ]));
        }
    }
    Ok(())
}

/// Guesses the release from a folder name such as `v4.2.1` or
/// `archivesspace-v4.2.1`; `None` when the name carries no version.
fn release_from_dir(dir: &Path) -> Option<String> {
    let name = dir.canonicalize().ok()?.file_name()?.to_str()?.to_owned();
    let start = name.find(|c: char| c.is_ascii_digit())?;
    let version = &name[start..];
    let looks_like_release = version.split('.').count() >= 2
        && version
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()));
    looks_like_release.then(|| format!("v{version}"))
}

/// Imports the schemas of a source tree and its plugins.
pub fn import_source(request: &SourceImport) -> Result<Imported, ImportError> {
    let core_dir = request.aspace_src.join("common").join("schemas");
    if !core_dir.is_dir() {
        return Err(ImportError::Shape {
            file: request.aspace_src.display().to_string(),
            message: "no common/schemas directory: is this an ArchivesSpace source tree?".into(),
        });
    }

    // Every schema name mapped to the file that defines it: core files first,
    // then plugin files in reverse order so that the first plugin wins.
    let mut definitions: BTreeMap<String, SourceFile> = BTreeMap::new();
    for (name, path) in schema_files(&core_dir)? {
        let input = read_source(&path, format!("common/schemas/{name}.rb"))?;
        definitions.insert(name, input);
    }
    let mut extensions: Vec<(String, SourceFile)> = Vec::new();
    let mut digest_inputs: Vec<(String, String)> = Vec::new();
    let plugin_schemas: Vec<(String, Vec<(String, PathBuf)>)> = request
        .plugins
        .iter()
        .map(|dir| {
            let schemas = dir.join("schemas");
            let files = if schemas.is_dir() {
                schema_files(&schemas)?
            } else {
                Vec::new()
            };
            Ok((plugin_name(dir), files))
        })
        .collect::<Result<_, ImportError>>()?;
    for (plugin, files) in plugin_schemas.iter().rev() {
        for (name, path) in files {
            if name.ends_with("_ext") {
                continue;
            }
            let input = read_source(path, format!("{plugin}/schemas/{name}.rb"))?;
            definitions.insert(name.clone(), input);
        }
    }
    for (plugin, files) in &plugin_schemas {
        for (name, path) in files {
            if let Some(extended) = name.strip_suffix("_ext") {
                let input = read_source(path, format!("{plugin}/schemas/{name}.rb"))?;
                extensions.push((extended.to_owned(), input));
            }
        }
    }

    let mut warnings = Vec::new();
    let mut schemas = BTreeMap::new();
    for (name, input) in &definitions {
        schemas.insert(name.clone(), schema_from_file(input, &mut warnings)?);
    }
    for (extended, input) in &extensions {
        let properties = extension_from_file(input, &mut warnings)?;
        let Some(Value::Object(schema)) = schemas.get_mut(extended) else {
            return Err(ImportError::Shape {
                file: input.shown_as.clone(),
                message: format!("extends `{extended}`, which no schema defines"),
            });
        };
        let base = match schema.get("properties") {
            Some(Value::Object(p)) => p.clone(),
            _ => Map::new(),
        };
        schema.insert(
            "properties".into(),
            Value::Object(deep_merge(&base, &properties)),
        );
    }

    // The custom checks `common/validations.rb` registers go into each
    // type's schema as the backend records them there (`add_validation`), so
    // a source snapshot says what a served one says.
    let validations_file = request.aspace_src.join(VALIDATIONS_FILE);
    if validations_file.is_file() {
        let input = read_source(&validations_file, VALIDATIONS_FILE.to_owned())?;
        add_validations(&input, &mut schemas)?;
        digest_inputs.push((input.shown_as, input.text));
    } else {
        warnings.push(format!(
            "no {VALIDATIONS_FILE}: the generated rules run the custom checks \
             of the newest release the client knows"
        ));
    }

    for input in definitions.values() {
        digest_inputs.push((input.shown_as.clone(), input.text.clone()));
    }
    for (_, input) in &extensions {
        digest_inputs.push((input.shown_as.clone(), input.text.clone()));
    }
    let schemas_digest = digest(
        digest_inputs
            .iter()
            .map(|(name, text)| (name.as_str(), text.as_str())),
    );

    let archivesspace_version = request
        .release
        .clone()
        .or_else(|| release_from_dir(&request.aspace_src))
        .unwrap_or_else(|| {
            warnings.push(
                "the release could not be told from the source folder's name; recorded as `unknown` (pass --release)".into(),
            );
            "unknown".into()
        });

    // Routes come along when the tree has the backend's controllers (a
    // source checkout does; the schemas-only trees in tests do not).
    let (endpoints, endpoints_digest) = if request
        .aspace_src
        .join(crate::read::endpoints::CONTROLLERS_DIR)
        .is_dir()
    {
        let (routes, digest) =
            crate::read::endpoints::import_endpoints(&request.aspace_src, &request.plugins)?;
        (Some(routes), Some(digest))
    } else {
        (None, None)
    };

    Ok(Imported {
        snapshot: Snapshot {
            source: SourceInfo {
                format: FORMAT_VERSION,
                archivesspace_version,
                form: SchemaForm::Source,
                schemas_digest,
                endpoints_digest,
                plugins: plugin_schemas.into_iter().map(|(name, _)| name).collect(),
            },
            schemas,
            endpoints,
        },
        warnings,
    })
}

/// Builds a snapshot from the body of a server's `GET /schemas` (a JSON object
/// of type name → schema, each already merged with its parent) and the
/// release the server reports.
pub fn import_server_schemas(body: &str, release: &str) -> Result<Imported, ImportError> {
    let parsed: Value = serde_json::from_str(body).map_err(|e| {
        ImportError::Server(format!("not JSON at {}:{}: {e}", e.line(), e.column()))
    })?;
    let Value::Object(all) = parsed else {
        return Err(ImportError::Server(
            "expected an object of schema name to schema".into(),
        ));
    };
    let mut served = BTreeMap::new();
    for (name, schema) in all {
        if !schema.is_object() {
            return Err(ImportError::Server(format!(
                "schema `{name}` is not an object"
            )));
        }
        served.insert(name, schema);
    }
    let mut warnings = Vec::new();
    let schemas = served
        .iter()
        .map(|(name, schema)| {
            let own = as_declared(name, schema, &served, &mut warnings);
            (name.clone(), own)
        })
        .collect();
    Ok(Imported {
        snapshot: Snapshot {
            source: SourceInfo {
                format: FORMAT_VERSION,
                archivesspace_version: release.to_owned(),
                form: SchemaForm::Server,
                schemas_digest: digest([("GET /schemas", body)]),
                endpoints_digest: None,
                plugins: Vec::new(),
            },
            schemas,
            endpoints: None,
        },
        warnings,
    })
}

/// A served schema as its source file declares it, so that a snapshot from
/// a server and one from the sources of the same release give the same
/// model (and the same type names, which follow where a property is
/// declared).
///
/// `GET /schemas` answers each schema the way `JSONModel` holds it after
/// loading: laid over its parent's properties (the parent's keys first),
/// with the properties `JSONModel` adds to every record, and with what
/// `RecordInheritance` adds when a site configures `record_inheritance`.
/// Each of these is taken back out:
///
/// - a property equal to the parent's (as served) is inherited: dropped;
///   one that differs is the child's own and is kept whole, which the model's
///   deep merge turns back into the same property;
/// - a property equal to what `JSONModel` injects (`lock_version`,
///   `jsonmodel_type`, the audit fields, the `repository` ref) is dropped,
///   since the model injects it again;
/// - `<property>_inherited` and `_inherited` refs from `RecordInheritance`
///   depend on the site's configuration, not on the release: they are
///   recorded under [`COMPUTED_KEY`], as values computed at start-up are in
///   a source import, and reported.
///
/// Everything else (`validations` among the keys) is kept as served.
fn as_declared(
    name: &str,
    schema: &Value,
    served: &BTreeMap<String, Value>,
    warnings: &mut Vec<String>,
) -> Value {
    let mut schema = schema.clone();
    let parent_properties = schema
        .get("parent")
        .and_then(Value::as_str)
        .and_then(|parent| served.get(parent))
        .and_then(|parent| parent.get("properties"))
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let injected = crate::ir::injected_properties();
    let injected_repository = crate::ir::injected_repository();
    let mut computed = Vec::new();
    if let Some(Value::Object(properties)) = schema.get_mut("properties") {
        properties.retain(|key, value| {
            let inherited = parent_properties.get(key) == Some(value);
            let is_injected = injected.iter().any(|(k, v)| k == key && v == value)
                || (key == "repository" && *value == injected_repository);
            !inherited && !is_injected
        });
        take_inheritance_refs(properties, "/properties", &mut computed);
    }
    if !computed.is_empty() {
        warnings.push(format!(
            "{name}: left out {} propert{} that the site's `record_inheritance` \
             setting adds ({})",
            computed.len(),
            if computed.len() == 1 { "y" } else { "ies" },
            computed
                .iter()
                .filter_map(|c| c.get("pointer").and_then(Value::as_str))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        if let Value::Object(top) = &mut schema {
            top.insert(COMPUTED_KEY.to_owned(), Value::Array(computed));
        }
    }
    schema
}

/// The ref `RecordInheritance.prepare_schemas` adds to a schema for each
/// inherited property (`common/record_inheritance.rb`).
fn inheritance_ref() -> Value {
    serde_json::json!({
        "type": "object",
        "subtype": "ref",
        "properties": {
            "ref": {"type": "string"},
            "level": {"type": "string"},
            "direct": {"type": "boolean"}
        }
    })
}

/// Moves the `RecordInheritance` refs out of `properties` and of the inline
/// objects inside it, recording each as a computed part.
fn take_inheritance_refs(
    properties: &mut Map<String, Value>,
    pointer: &str,
    computed: &mut Vec<Value>,
) {
    let marker = inheritance_ref();
    let added: Vec<String> = properties
        .iter()
        .filter(|(key, value)| {
            let named = key.as_str() == "_inherited"
                || key
                    .strip_suffix("_inherited")
                    .is_some_and(|base| properties.contains_key(base));
            named && **value == marker
        })
        .map(|(key, _)| key.clone())
        .collect();
    for key in added {
        properties.shift_remove(&key);
        computed.push(serde_json::json!({
            "pointer": format!("{pointer}/{}", escape_pointer(&key)),
            "ruby": "RecordInheritance.prepare_schemas (AppConfig[:record_inheritance])",
            "merged": false,
        }));
    }
    for (key, value) in properties.iter_mut() {
        nested_inheritance_refs(
            value,
            &format!("{pointer}/{}", escape_pointer(key)),
            computed,
        );
    }
}

/// [`take_inheritance_refs`] for the inline objects of one property: its own
/// `properties`, and those of array items (`items`, or each of
/// `items.type`'s alternatives).
fn nested_inheritance_refs(definition: &mut Value, pointer: &str, computed: &mut Vec<Value>) {
    if let Some(Value::Object(inner)) = definition.get_mut("properties") {
        take_inheritance_refs(inner, &format!("{pointer}/properties"), computed);
    }
    if let Some(items) = definition.get_mut("items") {
        nested_inheritance_refs(items, &format!("{pointer}/items"), computed);
        if let Some(Value::Array(alternatives)) = items.get_mut("type") {
            for (i, alternative) in alternatives.iter_mut().enumerate() {
                nested_inheritance_refs(
                    alternative,
                    &format!("{pointer}/items/type/{i}"),
                    computed,
                );
            }
        }
    }
}
