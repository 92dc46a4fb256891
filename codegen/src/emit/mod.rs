//! Rust generation: the snapshot's record types and routes as a crate
//! (`archivesspace-api`, or a site's own name).
//!
//! [`generate`] writes the crate's `src/`; [`generate_crate`] adds its
//! `Cargo.toml` and `README.md` ([`package`]), making a crate that builds
//! on its own, wherever it is written.
//!
//! # Stages
//!
//! 1. `plan`: the IR becomes a JSON Schema (schemars 0.8's model, which is
//!    what typify 0.8 reads): one definition per record type, nested schemas
//!    with a `title` for anonymous objects, references with properties and
//!    closed enums, and placeholder definitions for the types below.
//! 2. typify decides the Rust shapes: which definitions are structs and
//!    which string enums, field names (`ref` → `ref_`, `type` → `type_`),
//!    `Option`/`Vec` wrapping and boxing of recursive fields.
//! 3. `typespace` asks typify's type space for those decisions and builds
//!    the structs (with the plan's docs, the `extra` map and the hidden
//!    `_presence` field) and the enums' variants from them; typify's printed
//!    code is not used.
//! 4. `impls` puts `#[derive(Fields)]` on the structs (the derive, in
//!    `archivesspace-core-derive`, writes their lossless serde impls), opens
//!    the enums, and emits with quote the types typify cannot express;
//!    `files` shortens paths into `use` lines and prints each file with
//!    prettyplease.
//!
//! # What typify cannot express, and is emitted with quote instead
//!
//! - **Lossless records.** Derived serde cannot tell an absent key from an
//!   explicit `null` (both become `None`), and `#[serde(flatten)]` into a
//!   map of unknown keys breaks on the buffered content of unions. Records
//!   and nested objects derive `jsonmodel::Fields`, whose expansion is
//!   their `Serialize`/`Deserialize`, written once for all of them: known
//!   keys fill fields, a `null` or empty value is remembered in
//!   `_presence`, unknown keys go to `extra`, and `jsonmodel_type` is
//!   checked against the type and written back.
//! - **Open enums.** typify's string enums reject values they do not list;
//!   ArchivesSpace data written by other releases or plugins carries such
//!   values. The enums keep typify's variants and names and add
//!   `Other(String)`, with impls that accept anything.
//! - **Unions of records** (notes, subnotes, agent relationships, query
//!   clauses) are told apart by `jsonmodel_type`, which typify's untagged or
//!   internally tagged enums cannot do while also keeping members with an
//!   unknown type. They are enums with an `Other(Value)` variant.
//! - **Typed URIs and references.** `JSONModel(:x) uri`, reference objects
//!   with a typed `_resolved`, and `uri_or_object` are the generic types
//!   `Uri<T>`, `Ref<T>`, `Resolved<T>` and `UriOrObject<T>` in the
//!   hand-written `jsonmodel` module; typify only sees placeholders that its
//!   `with_replacement` setting maps to them. JSON Schema has no way to say
//!   "a string that names a record of type T".
//! - **Numbers** use `serde_json::Number` (also through a replacement) so
//!   that `1` is not written back as `1.0`.
//! - **The `Record` enum** over every type, for decoding a record by its
//!   `jsonmodel_type`, is not a type of the schema at all.
//!
//! No property gets a Rust `default` from the schema's `default`: a missing
//! key must stay missing, so defaults are documented instead.

pub mod commands;
mod docs;
mod files;
mod impls;
mod naming;
pub mod package;
mod plan;
pub mod requests;
mod typespace;
mod validation;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;

use crate::ir::{IrError, Model};
use crate::snapshot::Snapshot;
use impls::StructKind;
use plan::{NestedKind, Plan};
use typespace::TypeDef;

/// One file of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The path relative to the crate directory (`src/records/accession.rs`).
    pub path: PathBuf,
    /// The file's contents.
    pub contents: String,
}

/// Why the crate could not be generated or written.
#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    /// The snapshot does not make a valid IR.
    #[error(transparent)]
    Ir(#[from] IrError),
    /// Two things would get the same Rust name, or a name Rust cannot use.
    #[error("naming: {0}")]
    Naming(String),
    /// typify rejected the schema or produced something unexpected.
    #[error("typify: {0}")]
    Typify(String),
    /// A route cannot be turned into a request type.
    #[error("requests: {0}")]
    Requests(String),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> EmitError + '_ {
    move |source| EmitError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Generates every file of the `archivesspace-api` crate's `src/` from a
/// snapshot. The same snapshot always gives the same bytes.
pub fn generate(snapshot: &Snapshot) -> Result<Vec<GeneratedFile>, EmitError> {
    let model = snapshot.model()?;
    let plan = plan::plan(&model)?;
    check_names(&plan)?;
    let defs = run_typify(&plan)?;
    let global: BTreeSet<String> = plan
        .records
        .keys()
        .chain(plan.nested.keys())
        .chain(plan.unions.keys())
        .cloned()
        .collect();

    let mut files = Vec::new();
    let mut record_modules = Vec::new();
    // Nested types by owner, in name order.
    let mut owned: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (name, nested) in &plan.nested {
        owned.entry(nested.owner.as_str()).or_default().push(name);
    }
    for (rust, jsonmodel) in &plan.records {
        let record = model
            .types
            .get(jsonmodel)
            .ok_or_else(|| EmitError::Naming(format!("record `{jsonmodel}` vanished")))?;
        let mut tokens = TokenStream::new();
        let mut local = BTreeSet::from([rust.clone()]);
        tokens.extend(type_tokens(
            rust,
            &defs,
            &plan,
            Some((jsonmodel, record.uri.as_deref())),
        )?);
        tokens.extend(validation::record_impl(rust, jsonmodel));
        for nested in owned.get(jsonmodel.as_str()).into_iter().flatten() {
            local.insert((*nested).to_owned());
            tokens.extend(type_tokens(nested, &defs, &plan, None)?);
        }
        let doc = vec![
            format!("The `{jsonmodel}` record type and the types only it uses."),
            String::new(),
            format!(
                "Generated by `archivesspace-codegen` from the snapshot's `jsonmodel/{jsonmodel}.json`; \
                 do not edit."
            ),
        ];
        let module = module_name(jsonmodel)?;
        files.push(GeneratedFile {
            path: PathBuf::from(format!("src/records/{module}.rs")),
            contents: files::source_file(&doc, tokens, &local, &global)?,
        });
        record_modules.push(module);
    }

    files.push(GeneratedFile {
        path: PathBuf::from("src/records/mod.rs"),
        contents: records_mod(&record_modules),
    });

    let mut union_tokens = TokenStream::new();
    for union in plan.unions.values() {
        union_tokens.extend(impls::union(union));
    }
    let local: BTreeSet<String> = plan.unions.keys().cloned().collect();
    files.push(GeneratedFile {
        path: PathBuf::from("src/unions.rs"),
        contents: files::source_file(
            &[
                "Unions: values that may be one of several record types (told apart by".into(),
                "`jsonmodel_type`) or JSON kinds.".into(),
                String::new(),
                "Generated by `archivesspace-codegen`; do not edit.".into(),
            ],
            union_tokens,
            &local,
            &global,
        )?,
    });

    let records: Vec<(String, String)> = plan
        .records
        .iter()
        .map(|(rust, name)| (rust.clone(), name.clone()))
        .collect();
    files.push(GeneratedFile {
        path: PathBuf::from("src/record.rs"),
        contents: files::source_file(
            &[
                "`Record`: any record type, chosen by `jsonmodel_type`.".into(),
                String::new(),
                "Generated by `archivesspace-codegen`; do not edit.".into(),
            ],
            impls::record_enum(&records),
            &BTreeSet::from(["Record".to_string()]),
            &global,
        )?,
    });

    files.push(GeneratedFile {
        path: PathBuf::from("src/validation.rs"),
        contents: files::source_file(
            &[
                "The schemas' rules as data for [`crate::validate`]: what".into(),
                "[`Validate`] checks every record type against.".into(),
                String::new(),
                "Generated by `archivesspace-codegen`; do not edit.".into(),
            ],
            validation::module(&model),
            &BTreeSet::from(["CATALOG".to_string()]),
            &global,
        )?,
    });

    files.push(GeneratedFile {
        path: PathBuf::from("src/lib.rs"),
        contents: lib_rs(snapshot, &model, plan.records.len()),
    });
    files.extend(requests::generate(
        &model.release,
        model.routes.as_deref().unwrap_or_default(),
        &plan.records,
    )?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Generates a whole crate: [`generate`]'s `src/` with the `Cargo.toml` and
/// `README.md` of [`package`]. The same snapshot and options always give
/// the same bytes.
pub fn generate_crate(
    snapshot: &Snapshot,
    options: &package::CrateOptions,
) -> Result<Vec<GeneratedFile>, EmitError> {
    package::check_crate_name(&options.name)?;
    let mut files = generate(snapshot)?;
    files.push(GeneratedFile {
        path: PathBuf::from("Cargo.toml"),
        contents: package::cargo_toml(snapshot, options),
    });
    files.push(GeneratedFile {
        path: PathBuf::from("README.md"),
        contents: package::readme(snapshot, options),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The module name of a record type's file: its JSONModel name, which must
/// be a plain identifier.
fn module_name(jsonmodel: &str) -> Result<String, EmitError> {
    match syn::parse_str::<syn::Ident>(jsonmodel) {
        Ok(ident) if ident == jsonmodel => Ok(jsonmodel.to_owned()),
        _ => Err(EmitError::Naming(format!(
            "record type `{jsonmodel}` is not usable as a module name"
        ))),
    }
}

fn check_names(plan: &Plan) -> Result<(), EmitError> {
    let all = plan
        .records
        .keys()
        .chain(plan.nested.keys())
        .chain(plan.unions.keys());
    for name in all {
        if files::RESERVED.contains(&name.as_str()) || name == "Record" {
            return Err(EmitError::Naming(format!(
                "a generated type would be named `{name}`, which generated code uses for \
                 something else"
            )));
        }
        if syn::parse_str::<syn::Ident>(name).is_err() {
            return Err(EmitError::Naming(format!(
                "`{name}` is not a Rust identifier"
            )));
        }
    }
    Ok(())
}

/// Runs typify over the plan's schema and reads what it decided.
fn run_typify(plan: &Plan) -> Result<BTreeMap<String, TypeDef>, EmitError> {
    let root: schemars::schema::RootSchema = serde_json::from_value(plan.root.clone())
        .map_err(|e| EmitError::Typify(format!("the planned schema is not a JSON Schema: {e}")))?;
    let mut settings = typify::TypeSpaceSettings::default();
    settings.with_struct_builder(false);
    for (key, rust) in &plan.replacements {
        settings.with_replacement(key, rust, std::iter::empty());
    }
    // typify asserts its invariants with panics; a schema that trips one
    // must become an error naming the stage, not abort the generator.
    catch_unwind(AssertUnwindSafe(|| {
        let mut space = typify::TypeSpace::new(&settings);
        space
            .add_root_schema(root)
            .map_err(|e| EmitError::Typify(e.to_string()))?;
        typespace::types(&space, plan)
    }))
    .map_err(|_| EmitError::Typify("typify panicked on the planned schema".into()))?
}

/// The items of one generated type: its definition and impls.
fn type_tokens(
    name: &str,
    defs: &BTreeMap<String, TypeDef>,
    plan: &Plan,
    record: Option<(&str, Option<&str>)>,
) -> Result<TokenStream, EmitError> {
    let def = defs
        .get(name)
        .ok_or_else(|| EmitError::Typify(format!("typify generated no type `{name}`")))?;
    Ok(match def {
        TypeDef::Struct { item, fields } => {
            let expecting = match (record, plan.nested.get(name)) {
                (Some((jsonmodel, _)), _) => {
                    format!("{} `{jsonmodel}` record", docs::article(jsonmodel))
                }
                (None, Some(nested)) => nested.expecting.clone(),
                (None, None) => format!("{} `{name}` object", docs::article(name)),
            };
            let kind = StructKind {
                record,
                expecting: &expecting,
            };
            impls::struct_impls(item, fields, &kind)
        }
        TypeDef::Enum {
            docs,
            ident,
            variants,
        } => {
            if plan.nested.get(name).map(|n| &n.kind) != Some(&NestedKind::Enum) {
                return Err(EmitError::Typify(format!("`{name}` is not a planned enum")));
            }
            impls::open_enum(docs, ident, variants)
        }
    })
}

fn records_mod(modules: &[String]) -> String {
    let mut out = String::from(
        "//! One module per record type; everything is re-exported at the crate root.\n//!\n\
         //! Generated by `archivesspace-codegen`; do not edit.\n\n",
    );
    for module in modules {
        out.push_str(&format!("mod {module};\n"));
    }
    out.push('\n');
    for module in modules {
        out.push_str(&format!("pub use {module}::*;\n"));
    }
    out
}

fn lib_rs(snapshot: &Snapshot, model: &Model, record_count: usize) -> String {
    let version = &model.release;
    let digest = snapshot.content_digest();
    format!(
        r#"//! Generated types and requests for the ArchivesSpace REST API.
//!
//! This crate is produced by `archivesspace-codegen` from a snapshot of
//! ArchivesSpace {version}'s schemas ({record_count} record types); do not edit
//! it by hand: its README says how to regenerate it.
//!
//! Every JSONModel record type is a struct named after it (`accession` is
//! [`Accession`], `note_multipart` is [`NoteMultipart`]) with every property,
//! inherited ones included. Records decode losslessly: decoding and encoding
//! gives back the same JSON, unknown keys and explicit `null`s included (see
//! [`jsonmodel`]). [`Record`] and [`decode_record`] decode a record of any
//! type by its `jsonmodel_type`. [`requests`] has one request type per
//! route. Every record type implements [`Validate`]: `record.validate()`
//! checks it as the backend would, with the backend's messages (see
//! [`validate`]).
#![warn(missing_docs)]

// The hand-written core every generated crate shares.
pub use archivesspace_core::{{jsonmodel, request, trees, validate}};

// Every module is written by `archivesspace-codegen` and laid out by
// prettyplease; rustfmt laying them out differently would make
// `archivesspace-codegen check` report drift.
#[rustfmt::skip]
mod record;
#[rustfmt::skip]
mod records;
#[rustfmt::skip]
mod unions;
#[rustfmt::skip]
pub mod requests;
#[rustfmt::skip]
pub mod validation;

pub use record::{{decode_record, Record, JSONMODEL_TYPES}};
pub use records::*;
pub use unions::*;
pub use validate::Validate;

/// The ArchivesSpace release the types were generated from.
pub const ARCHIVESSPACE_VERSION: &str = "{version}";

/// The digest of the snapshot the types were generated from
/// (`Snapshot::content_digest` of `archivesspace-codegen`), so that a build
/// beside the snapshot can tell when the crate is stale.
#[rustfmt::skip]
pub const SNAPSHOT_DIGEST: &str = "{digest}";
"#
    )
}

/// Writes the generated files under `out_dir` (the generated crate's
/// directory), leaving files whose contents are unchanged untouched, and
/// removes `.rs` files under `src/` that generation no longer produces: the
/// crate's `src/` is entirely generated.
pub fn write(out_dir: &Path, files: &[GeneratedFile]) -> Result<(), EmitError> {
    for file in files {
        let path = out_dir.join(&file.path);
        if fs::read_to_string(&path).ok().as_deref() == Some(file.contents.as_str()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        fs::write(&path, &file.contents).map_err(io_error(&path))?;
    }
    for stale in extra_files(out_dir, files)? {
        let path = out_dir.join(&stale);
        fs::remove_file(&path).map_err(io_error(&path))?;
    }
    Ok(())
}

/// How a file of the crate on disk differs from what generation produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Difference {
    /// Generation produces it; it is not there.
    Missing,
    /// It is there with other contents.
    Stale,
    /// A `.rs` file under `src/` that generation does not produce.
    Extra,
}

impl Difference {
    /// The word a report shows for it.
    pub fn word(self) -> &'static str {
        match self {
            Difference::Missing => "missing",
            Difference::Stale => "stale",
            Difference::Extra => "extra",
        }
    }
}

/// The files under `out_dir` that are not what `files` says: missing, with
/// other contents, or `.rs` files under `src/` that generation does not
/// produce. Paths are relative to `out_dir`, in order.
pub fn check(out_dir: &Path, files: &[GeneratedFile]) -> Result<Vec<PathBuf>, EmitError> {
    Ok(compare(out_dir, files)?
        .into_iter()
        .map(|(path, _)| path)
        .collect())
}

/// Like [`check`], with how each file differs.
pub fn compare(
    out_dir: &Path,
    files: &[GeneratedFile],
) -> Result<Vec<(PathBuf, Difference)>, EmitError> {
    let mut out = compare_files(out_dir, files)?;
    out.extend(
        extra_files(out_dir, files)?
            .into_iter()
            .map(|path| (path, Difference::Extra)),
    );
    out.sort();
    Ok(out)
}

/// Which of `files` are missing or stale under `out_dir`, in their order;
/// what else the folder holds is not looked at (for generated files in a
/// crate otherwise written by hand).
pub fn compare_files(
    out_dir: &Path,
    files: &[GeneratedFile],
) -> Result<Vec<(PathBuf, Difference)>, EmitError> {
    let mut out = Vec::new();
    for file in files {
        let path = out_dir.join(&file.path);
        match fs::read_to_string(&path) {
            Ok(text) if text == file.contents => {}
            Ok(_) => out.push((file.path.clone(), Difference::Stale)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                out.push((file.path.clone(), Difference::Missing))
            }
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                out.push((file.path.clone(), Difference::Stale))
            }
            Err(e) => return Err(io_error(&path)(e)),
        }
    }
    Ok(out)
}

/// `.rs` files under `out_dir/src` that are not among `files`.
fn extra_files(out_dir: &Path, files: &[GeneratedFile]) -> Result<Vec<PathBuf>, EmitError> {
    let wanted: BTreeSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    let mut out = Vec::new();
    let mut pending = vec![PathBuf::from("src")];
    while let Some(relative) = pending.pop() {
        let dir = out_dir.join(&relative);
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io_error(&dir)(e)),
        };
        for entry in entries {
            let entry = entry.map_err(io_error(&dir))?;
            let name = relative.join(entry.file_name());
            let kind = entry.file_type().map_err(io_error(&dir))?;
            if kind.is_dir() {
                pending.push(name);
            } else if name.extension().is_some_and(|e| e == "rs")
                && !wanted.contains(name.as_path())
            {
                out.push(name);
            }
        }
    }
    out.sort();
    Ok(out)
}
