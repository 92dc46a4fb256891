//! Imports the real ArchivesSpace releases in `../shared/archivesspace` and
//! checks values against what the Ruby sources say.

use std::path::{Path, PathBuf};

use archivesspace_codegen::ir::{IfMissing, Origin, Type};
use archivesspace_codegen::read::import::{import_source, SourceImport};
use archivesspace_codegen::snapshot::{SchemaForm, Snapshot, COMPUTED_KEY};
use serde_json::json;

fn release_dir(release: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/archivesspace")
        .join(release)
}

fn import(release: &str) -> Snapshot {
    let imported = import_source(&SourceImport {
        aspace_src: release_dir(release),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("importing {release}: {e}"));
    imported.snapshot
}

#[test]
fn both_releases_import_every_file() {
    for (release, files) in [("v3.5.1", 160), ("v4.2.1", 162)] {
        let snapshot = import(release);
        assert_eq!(snapshot.schemas.len(), files, "{release}");
        assert_eq!(snapshot.source.archivesspace_version, release);
        assert_eq!(snapshot.source.form, SchemaForm::Source);
        assert!(snapshot.source.schemas_digest.starts_with("sha256:"));
        snapshot
            .model()
            .unwrap_or_else(|e| panic!("IR of {release}: {e}"));
    }
}

#[test]
fn accession_id_0_is_required_with_max_length() {
    let snapshot = import("v4.2.1");
    let id_0 = &snapshot.schemas["accession"]["properties"]["id_0"];
    assert_eq!(
        id_0,
        &json!({"type": "string", "ifmissing": "error", "maxLength": 255})
    );
    let model = snapshot.model().unwrap();
    let id_0 = &model.types["accession"].properties["id_0"].schema;
    assert_eq!(id_0.ifmissing, Some(IfMissing::Error));
    assert_eq!(id_0.max_length, Some(255));
    assert!(id_0.is_required());
    assert_eq!(
        model.types["accession"].uri.as_deref(),
        Some("/repositories/:repo_id/accessions")
    );
}

#[test]
fn repository_url_pattern_is_what_ruby_evaluates() {
    // In Ruby, "\\A" is a backslash and A; "\\/" a backslash and slash; and
    // "\\\S" a backslash (from \\) followed by S (an unknown escape \S
    // stands for S).
    let snapshot = import("v4.2.1");
    let pattern = &snapshot.schemas["repository"]["properties"]["url"]["pattern"];
    assert_eq!(pattern, r"\Ahttps?:\/\/[\S]+\z");
}

#[test]
fn merge_request_constant_is_expanded_in_place() {
    let snapshot = import("v4.2.1");
    let ref_type = &snapshot.schemas["merge_request"]["properties"]["merge_destination"]
        ["properties"]["ref"]["type"];
    let members = ref_type.as_array().expect("MERGEABLE_TYPES is a list");
    assert_eq!(members.len(), 10);
    assert_eq!(members[0], json!({"type": "JSONModel(:subject) uri"}));
    assert_eq!(
        members[9],
        json!({"type": "JSONModel(:digital_object) uri"})
    );
    let model = snapshot.model().unwrap();
    let Type::Ref(reference) = &model.types["merge_request"].properties["merge_destination"]
        .schema
        .ty
    else {
        panic!("merge_destination is a ref");
    };
    assert!(reference.targets.contains(&"agent_person".to_string()));
}

#[test]
fn resource_has_every_property_of_its_parent() {
    let snapshot = import("v4.2.1");
    assert_eq!(
        snapshot.schemas["resource"]["parent"],
        json!("abstract_archival_object")
    );
    let model = snapshot.model().unwrap();
    let parent = &model.types["abstract_archival_object"];
    let resource = &model.types["resource"];
    for name in parent.properties.keys() {
        assert!(
            resource.properties.contains_key(name),
            "resource lacks {name}"
        );
    }
    // `title` is declared by the parent only; `dates` is overridden (a
    // resource needs at least one date) and deep-merged with the parent's.
    assert_eq!(
        resource.properties["title"].origin,
        Origin::Inherited("abstract_archival_object".into())
    );
    assert_eq!(resource.properties["dates"].origin, Origin::Own);
    assert_eq!(resource.properties["dates"].schema.min_items, Some(1));
    assert_eq!(resource.properties["lock_version"].origin, Origin::Injected);
    let Type::Array(items) = &resource.properties["notes"].schema.ty else {
        panic!("notes is an array");
    };
    let Type::Union(members) = &items.ty else {
        panic!("a note is a union");
    };
    assert!(members
        .iter()
        .any(|m| m.ty == Type::Record("note_multipart".into())));
}

#[test]
fn refs_carry_their_extra_properties() {
    let model = import("v4.2.1").model().unwrap();
    let linked_agents = &model.types["resource"].properties["linked_agents"]
        .schema
        .ty;
    let Type::Array(items) = linked_agents else {
        panic!("linked_agents is an array");
    };
    let Type::Ref(reference) = &items.ty else {
        panic!("a linked agent is a ref");
    };
    let extras: Vec<&str> = reference
        .extra_properties()
        .map(|(k, _)| k.as_str())
        .collect();
    for expected in ["role", "relator", "terms"] {
        assert!(extras.contains(&expected), "{extras:?}");
    }
    assert!(reference.targets.contains(&"agent_person".to_string()));
    assert_eq!(
        reference.properties["role"].dynamic_enum.as_deref(),
        Some("linked_agent_role")
    );
}

#[test]
fn every_record_gets_the_injected_properties() {
    let model = import("v4.2.1").model().unwrap();
    for (name, record) in &model.types {
        for injected in [
            "lock_version",
            "jsonmodel_type",
            "created_by",
            "last_modified_by",
            "user_mtime",
            "system_mtime",
            "create_time",
            "repository",
        ] {
            assert!(
                record.properties.contains_key(injected),
                "{name} lacks {injected}"
            );
        }
        assert_eq!(record.properties["system_mtime"].schema.ty, Type::DateTime);
        assert!(record.properties["create_time"].schema.readonly);
    }
}

#[test]
fn defaults_keeps_its_literal_part_and_records_the_computed_part() {
    let imported = import_source(&SourceImport {
        aspace_src: release_dir("v4.2.1"),
        ..Default::default()
    })
    .unwrap();
    let defaults = &imported.snapshot.schemas["defaults"];
    // Literal properties are there as written.
    assert_eq!(
        defaults["properties"]["show_suppressed"],
        json!({"type": "boolean", "required": false, "default": false})
    );
    // The locale list is computed from server configuration: no guessed enum.
    assert_eq!(
        defaults["properties"]["locale"],
        json!({"type": "string", "required": false})
    );
    let computed = defaults[COMPUTED_KEY].as_array().expect("computed parts");
    let pointers: Vec<&str> = computed
        .iter()
        .filter_map(|c| c["pointer"].as_str())
        .collect();
    assert!(
        pointers.contains(&"/properties/locale/enum"),
        "{pointers:?}"
    );
    assert!(pointers.contains(&"/properties"), "{pointers:?}");
    assert!(imported
        .warnings
        .iter()
        .any(|w| w.contains("defaults.rb") && w.contains("/properties/locale/enum")));
    let model = imported.snapshot.model().unwrap();
    assert!(model.types["defaults"].has_computed_properties());
}

#[test]
fn reimporting_v4_2_1_reproduces_the_committed_snapshot() {
    let committed_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas");
    let committed = Snapshot::read(&committed_dir).expect("the committed snapshot");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("schemas");
    let mut fresh = import("v4.2.1");
    // The committed snapshot may also hold endpoints imported from a full
    // source tree; the schema part must match file for file.
    fresh.endpoints = committed.endpoints.clone();
    fresh.source.endpoints_digest = committed.source.endpoints_digest.clone();
    fresh.write(&out).unwrap();
    for (relative, contents) in fresh.files() {
        let on_disk = std::fs::read_to_string(committed_dir.join(&relative))
            .unwrap_or_else(|e| panic!("{}: {e}", relative.display()));
        assert!(
            on_disk == contents,
            "{} differs from a fresh import; run `cargo xtask import`",
            relative.display()
        );
    }
    assert_eq!(Snapshot::read(&out).unwrap(), committed);
}

#[test]
fn plugin_schemas_and_extensions_are_applied_as_archivesspace_does() {
    let tmp = tempfile::tempdir().unwrap();
    let plugin = tmp.path().join("local_fields");
    std::fs::create_dir_all(plugin.join("schemas")).unwrap();
    std::fs::write(
        plugin.join("schemas/accession_ext.rb"),
        r#"{
  "local_note" => {"type" => "string", "maxLength" => 100},
  "title" => {"ifmissing" => "error"},
}"#,
    )
    .unwrap();
    std::fs::write(
        plugin.join("schemas/local_thing.rb"),
        r#"{ :schema => { "type" => "object", "uri" => "/local_things", "properties" => { "name" => {"type" => "string"} } } }"#,
    )
    .unwrap();
    let imported = import_source(&SourceImport {
        aspace_src: release_dir("v4.2.1"),
        plugins: vec![plugin],
        release: None,
    })
    .unwrap();
    let snapshot = imported.snapshot;
    assert_eq!(snapshot.schemas.len(), 163);
    assert_eq!(snapshot.source.plugins, ["local_fields"]);
    let accession = &snapshot.schemas["accession"]["properties"];
    assert_eq!(
        accession["local_note"],
        json!({"type": "string", "maxLength": 100})
    );
    // Deep merge: the extension adds `ifmissing` and keeps the rest.
    assert_eq!(
        accession["title"],
        json!({"type": "string", "maxLength": 8192, "ifmissing": "error"})
    );
    assert_eq!(
        snapshot.schemas["local_thing"]["uri"],
        json!("/local_things")
    );
    assert_ne!(
        snapshot.source.schemas_digest,
        import("v4.2.1").source.schemas_digest
    );
}

#[test]
fn a_broken_file_fails_the_import_with_its_location_and_keeps_the_old_snapshot() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("v9.9.9");
    let schemas = src.join("common/schemas");
    std::fs::create_dir_all(&schemas).unwrap();
    std::fs::write(
        schemas.join("thing.rb"),
        "{\n  :schema => {\n    \"type\" => \"object\",\n    \"title\" => \"unterminated,\n  }\n}\n",
    )
    .unwrap();
    let out = tmp.path().join("schemas");
    import("v4.2.1").write(&out).unwrap();
    let error = import_source(&SourceImport {
        aspace_src: src,
        ..Default::default()
    })
    .unwrap_err()
    .to_string();
    assert!(error.starts_with("common/schemas/thing.rb:4:"), "{error}");
    // Nothing was written, so the previous snapshot is intact.
    assert_eq!(Snapshot::read(&out).unwrap().schemas.len(), 162);
}

/// What a server's `GET /schemas` returns for a source snapshot, as far as
/// the sources tell: every schema laid over its parent's properties (with
/// `parent` still named), the properties `JSONModel` adds to every record
/// (`common/jsonmodel.rb`), the `validations` the source import read from
/// `common/validations.rb` (where the tree has it), and on a site with the
/// default `record_inheritance` setting the refs `RecordInheritance` adds
/// (`common/record_inheritance.rb`).
fn server_form_body(source: &Snapshot) -> String {
    use archivesspace_codegen::ir::merge::deep_merge;
    use serde_json::{Map, Value};
    fn merged(
        schemas: &std::collections::BTreeMap<String, Value>,
        name: &str,
    ) -> Map<String, Value> {
        let schema = &schemas[name];
        let own = schema["properties"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        match schema.get("parent").and_then(Value::as_str) {
            Some(parent) => deep_merge(&merged(schemas, parent), &own),
            None => own,
        }
    }
    let injected = json!({
        "lock_version": {"type": ["integer", "string"], "required": false},
        "jsonmodel_type": {"type": "string", "ifmissing": "error"},
        "created_by": {"type": "string", "readonly": true},
        "last_modified_by": {"type": "string", "readonly": true},
        "user_mtime": {"type": "date-time", "readonly": true},
        "system_mtime": {"type": "date-time", "readonly": true},
        "create_time": {"type": "date-time", "readonly": true}
    });
    let repository = json!({
        "type": "object", "subtype": "ref", "readonly": "true",
        "properties": {
            "ref": {"type": "JSONModel(:repository) uri", "ifmissing": "error", "readonly": "true"},
            "_resolved": {"type": "object", "readonly": "true"}
        }
    });
    let inheritance = json!({"type": "object", "subtype": "ref", "properties": {
        "ref": {"type": "string"}, "level": {"type": "string"}, "direct": {"type": "boolean"}}});
    let mut all = Map::new();
    for (name, schema) in &source.schemas {
        let mut schema = schema.clone();
        let mut properties = merged(&source.schemas, name);
        for (key, value) in injected.as_object().into_iter().flatten() {
            properties.insert(key.clone(), value.clone());
        }
        properties
            .entry("repository")
            .or_insert_with(|| repository.clone());
        if name == "date" || name == "extent" {
            properties.insert("_inherited".into(), inheritance.clone());
        }
        if name == "archival_object" {
            properties.insert("title_inherited".into(), inheritance.clone());
            if let Some(Value::Object(linked)) = properties
                .get_mut("linked_agents")
                .and_then(|l| l.get_mut("items"))
                .and_then(|i| i.get_mut("properties"))
            {
                linked.insert("_inherited".into(), inheritance.clone());
            }
        }
        schema["properties"] = Value::Object(properties);
        all.insert(name.clone(), schema);
    }
    serde_json::to_string(&Value::Object(all)).unwrap()
}

/// The generated crate's files, but for the line that records the
/// snapshot's digest (which differs between any two snapshots).
fn generated_files(snapshot: &Snapshot) -> Vec<(std::path::PathBuf, String)> {
    archivesspace_codegen::emit::generate(snapshot)
        .unwrap()
        .into_iter()
        .map(|file| {
            let text = file
                .contents
                .lines()
                .filter(|line| !line.starts_with("pub const SNAPSHOT_DIGEST"))
                .collect::<Vec<_>>()
                .join("\n");
            (file.path, text)
        })
        .collect()
}

#[test]
fn the_custom_checks_are_recorded_where_validations_rb_registers_them() {
    let v4 = import("v4.2.1");
    let validations = |name: &str| v4.schemas[name].get("validations").cloned();
    assert_eq!(
        validations("accession"),
        Some(json!([["error", "accession_check_identifier"]]))
    );
    // Two registrations in one loop over the name types, one a warning.
    assert_eq!(
        validations("name_family"),
        Some(json!([
            ["error", "name_family_check_name"],
            ["warning", "name_family_check_authority_id"]
        ]))
    );
    // `check_#{agent_type.to_s}`, registered in a loop after the others.
    assert_eq!(
        validations("agent_software"),
        Some(json!([
            ["error", "check_agent_software_subrecords"],
            ["error", "check_agent_software"]
        ]))
    );
    assert_eq!(validations("digital_object"), None);
    let with_checks = v4
        .schemas
        .values()
        .filter(|s| s.get("validations").is_some())
        .count();
    assert_eq!(with_checks, 40);

    // v3.5.1 registers the same checks at the same levels: its
    // validations.rb differs from v4.2.1's only inside a check
    // (check_location_profile's pattern), which a snapshot does not record.
    let v3 = import("v3.5.1");
    let old = |name: &str| v3.schemas[name].get("validations").cloned();
    assert_eq!(
        old("accession"),
        Some(json!([["error", "accession_check_identifier"]]))
    );
    assert_eq!(
        old("name_person"),
        Some(json!([
            ["error", "name_person_check_name"],
            ["warning", "name_person_check_authority_id"]
        ]))
    );
    assert_eq!(
        old("agent_software"),
        Some(json!([
            ["error", "check_agent_software_subrecords"],
            ["error", "check_agent_software"]
        ]))
    );
    // Two registrations far apart in the file, kept in the file's order.
    assert_eq!(
        old("assessment"),
        Some(json!([
            ["error", "check_assessment_monetary_value"],
            ["error", "check_survey_dates"]
        ]))
    );
    assert_eq!(old("digital_object"), None);
    for (name, schema) in &v3.schemas {
        assert_eq!(
            schema.get("validations"),
            v4.schemas[name].get("validations"),
            "{name}"
        );
    }
    // The two job types only v4.2.1 has register none, so both count 40.
    assert!(!v3.schemas.contains_key("resource_duplicate_job"));
    assert_eq!(validations("resource_duplicate_job"), None);
    assert_eq!(validations("bulk_archival_object_updater_job"), None);
    let old_with_checks = v3
        .schemas
        .values()
        .filter(|s| s.get("validations").is_some())
        .count();
    assert_eq!(old_with_checks, 40);
}

#[test]
fn a_tree_without_validations_rb_records_no_checks_and_says_so() {
    // v3.5.1's schemas alone, as in a tree from before validations.rb was
    // read or a schemas-only copy: everything but the checks imports.
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("v3.5.1");
    let schemas = src.join("common/schemas");
    std::fs::create_dir_all(&schemas).unwrap();
    for entry in std::fs::read_dir(release_dir("v3.5.1").join("common/schemas")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, schemas.join(path.file_name().unwrap())).unwrap();
    }
    let imported = import_source(&SourceImport {
        aspace_src: src,
        ..Default::default()
    })
    .unwrap();
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.starts_with("no common/validations.rb")),
        "{:?}",
        imported.warnings
    );
    let snapshot = imported.snapshot;
    assert_eq!(snapshot.source.archivesspace_version, "v3.5.1");
    assert_eq!(snapshot.schemas.len(), 160);
    assert!(snapshot
        .schemas
        .values()
        .all(|s| s.get("validations").is_none()));
    // The schemas are the full tree's, less the checks.
    let mut full = import("v3.5.1").schemas;
    for schema in full.values_mut() {
        schema.as_object_mut().unwrap().remove("validations");
    }
    assert_eq!(snapshot.schemas, full);
}

#[test]
fn a_servers_schemas_give_the_same_crate_as_the_sources() {
    use archivesspace_codegen::drift::compare;
    use archivesspace_codegen::read::import::import_server_schemas;

    for (release, files) in [("v3.5.1", 160), ("v4.2.1", 162)] {
        let source = import(release);
        let mut served = import_server_schemas(&server_form_body(&source), release).unwrap();
        assert_eq!(served.snapshot.source.form, SchemaForm::Server);
        assert_eq!(served.snapshot.schemas.len(), files);
        // A server does not list its routes; `cargo xtask import --server`
        // takes them from a source tree or keeps the snapshot's.
        assert!(served.snapshot.endpoints.is_none());
        served.snapshot.endpoints = source.endpoints.clone();
        // The record-inheritance refs are left out, and said so.
        assert_eq!(served.warnings.len(), 3, "{:?}", served.warnings);
        let ao = &served.snapshot.schemas["archival_object"];
        let left_out: Vec<&str> = ao[COMPUTED_KEY]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["pointer"].as_str())
            .collect();
        assert_eq!(
            left_out,
            [
                "/properties/title_inherited",
                "/properties/linked_agents/items/properties/_inherited"
            ]
        );
        // `validations` is kept as served.
        assert_eq!(
            served.snapshot.schemas["accession"].get("validations"),
            source.schemas["accession"].get("validations")
        );

        let from_source = source.model().unwrap();
        let from_server = served.snapshot.model().unwrap();
        let report = compare(&from_source, &from_server);
        assert!(report.changes.is_empty(), "{release}: {:?}", report.changes);
        assert!(report.description_changes.is_empty());
        for (name, record) in &from_source.types {
            let other = &from_server.types[name];
            for (key, property) in &record.properties {
                assert_eq!(
                    property.origin, other.properties[key].origin,
                    "{release}: where {name}.{key} is declared"
                );
            }
        }
        // And so the same generated code, type names included.
        let (ours, theirs) = (generated_files(&source), generated_files(&served.snapshot));
        assert_eq!(ours.len(), theirs.len());
        for ((path, a), (_, b)) in ours.iter().zip(&theirs) {
            assert!(
                a == b,
                "{release}: {} differs between the two forms",
                path.display()
            );
        }
    }
}

#[test]
fn a_server_answer_that_is_not_schemas_is_an_error() {
    use archivesspace_codegen::read::import::import_server_schemas;
    let err = import_server_schemas("<html>Sinatra doesn't know this ditty</html>", "v4.2.1")
        .unwrap_err()
        .to_string();
    assert!(err.contains("not JSON at 1:1"), "{err}");
    let err = import_server_schemas(r#"{"accession": 3}"#, "v4.2.1")
        .unwrap_err()
        .to_string();
    assert!(err.contains("`accession` is not an object"), "{err}");
}
