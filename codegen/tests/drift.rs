//! Drift between the real v3.5.1 and v4.2.1 schemas, checked against a diff
//! of the two releases' `.rb` files.

use std::path::Path;

use archivesspace_codegen::drift::{compare, render_text, Change};
use archivesspace_codegen::ir::Model;
use archivesspace_codegen::read::import::{import_source, SourceImport};

fn model(release: &str) -> Model {
    let imported = import_source(&SourceImport {
        aspace_src: Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/archivesspace")
            .join(release),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("importing {release}: {e}"));
    imported.snapshot.model().unwrap()
}

/// The model of `release` without its routes, for the record-type checks.
fn types_only(release: &str) -> Model {
    Model {
        routes: None,
        ..model(release)
    }
}

fn changed(
    record: &str,
    property: &str,
    facet: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> Change {
    Change::PropertyChanged {
        record: record.into(),
        property: property.into(),
        facet: facet.into(),
        before: before.map(Into::into),
        after: after.map(Into::into),
    }
}

#[test]
fn same_release_has_no_drift() {
    let report = compare(&model("v4.2.1"), &model("v4.2.1"));
    assert!(!report.has_drift(true), "{report:?}");
    assert!(render_text(&report, false).contains("no drift"));
}

#[test]
fn v3_5_1_to_v4_2_1_lists_exactly_the_real_differences() {
    let report = compare(&types_only("v3.5.1"), &types_only("v4.2.1"));
    let mergeable = "ref to subject | agent_person | agent_corporate_entity | agent_software | agent_family | resource | top_container | container_profile | top_container | digital_object";

    // Expected from `diff -r` of the two releases' common/schemas.
    let mut expected = vec![
        // agent_contact loses fax.
        Change::PropertyRemoved {
            record: "agent_contact".into(),
            property: "fax".into(),
            ty: "string".into(),
        },
        Change::TypeAdded {
            name: "bulk_archival_object_updater_job".into(),
        },
        // default_values gains container_profile as a record type.
        changed(
            "default_values",
            "record_type",
            "enum",
            Some(
                r#"["archival_object","digital_object_component","resource","accession","subject","digital_object","agent_person","agent_family","agent_software","agent_corporate_entity","event","location","classification","classification_term"]"#,
            ),
            Some(
                r#"["archival_object","digital_object_component","resource","accession","subject","digital_object","agent_person","agent_family","agent_software","agent_corporate_entity","event","location","classification","classification_term","container_profile"]"#,
            ),
        ),
        Change::PropertyAdded {
            record: "import_job".into(),
            property: "import_repository".into(),
            ty: "string".into(),
        },
        Change::PropertyAdded {
            record: "print_to_pdf_job".into(),
            property: "include_uris".into(),
            ty: "boolean".into(),
        },
        Change::TypeAdded {
            name: "resource_duplicate_job".into(),
        },
        // revision_statement is no longer a top-level record.
        Change::TypeUriChanged {
            name: "revision_statement".into(),
            before: Some("/revision_statement".into()),
            after: None,
        },
    ];
    // Each file defines its own MERGEABLE_TYPES constant: merge_request_detail
    // merges agents only.
    let agents_only =
        "ref to agent_person | agent_corporate_entity | agent_software | agent_family";
    for (record, targets) in [
        ("merge_request", mergeable),
        ("merge_request_detail", agents_only),
    ] {
        let agent_ref_targets = targets;
        expected.push(Change::PropertyRemoved {
            record: record.into(),
            property: "target".into(),
            ty: agent_ref_targets.into(),
        });
        expected.push(Change::PropertyRemoved {
            record: record.into(),
            property: "victims".into(),
            ty: format!("array of {agent_ref_targets}"),
        });
        expected.push(Change::PropertyAdded {
            record: record.into(),
            property: "merge_destination".into(),
            ty: agent_ref_targets.into(),
        });
        expected.push(Change::PropertyAdded {
            record: record.into(),
            property: "merge_candidates".into(),
            ty: format!("array of {agent_ref_targets}"),
        });
    }

    for change in &expected {
        assert!(
            report.changes.contains(change),
            "missing {change:?}\nreport:\n{}",
            render_text(&report, false)
        );
    }
    for change in &report.changes {
        assert!(
            expected.contains(change),
            "unexpected {change:?}\nreport:\n{}",
            render_text(&report, false)
        );
    }
    assert!(report.description_changes.is_empty());
    assert!(report.has_drift(false));
}

/// A server's form has the browse columns Ruby code computes into
/// `defaults` at start-up; they are listed apart and are no drift. A
/// property added to a type that computes none still is.
#[test]
fn properties_computed_at_start_up_are_no_drift() {
    let source = types_only("v4.2.1");
    assert!(source.types["defaults"].has_computed_properties());
    let mut served = source.clone();
    let title = source.types["accession"].properties["title"].clone();
    let defaults = served.types.get_mut("defaults").unwrap();
    defaults
        .properties
        .insert("accession_browse_column_1".into(), title.clone());
    let report = compare(&source, &served);
    let text = render_text(&report, true);
    assert!(!report.has_drift(true), "{text}");
    assert_eq!(
        report.computed_changes,
        [Change::PropertyAdded {
            record: "defaults".into(),
            property: "accession_browse_column_1".into(),
            ty: "string".into(),
        }],
        "{text}"
    );
    assert!(text.contains("computed at start-up (1), not counted as drift:"));
    assert!(text.contains("+ defaults.accession_browse_column_1 (string)"));
    // The other way round (a server's snapshot against the sources), too.
    assert!(!compare(&served, &source).has_drift(true));

    served
        .types
        .get_mut("accession")
        .unwrap()
        .properties
        .insert("local_note".into(), title);
    let report = compare(&source, &served);
    assert_eq!(report.changes.len(), 1, "{}", render_text(&report, false));
    assert!(report.has_drift(false));
}

#[test]
fn description_changes_count_only_when_strict() {
    let before = model("v4.2.1");
    let mut after = before.clone();
    let accession = after.types.get_mut("accession").unwrap();
    accession
        .properties
        .get_mut("title")
        .unwrap()
        .schema
        .description = Some("changed".into());
    let report = compare(&before, &after);
    assert!(report.changes.is_empty());
    assert_eq!(report.description_changes.len(), 1);
    assert!(!report.has_drift(false));
    assert!(report.has_drift(true));
}

#[test]
fn route_changes_are_reported_and_doc_changes_kept_apart() {
    use serde_json::json;
    let model = model("v4.2.1");
    let before = json!([
        {"method": "GET", "uri": "/repositories/:repo_id/accessions", "description": "Get a list of Accessions",
         "params": [{"name": "repo_id", "type": "Integer", "doc": "The Repository ID", "body": false, "optional": false, "default": null}],
         "paginated": true, "paged": false, "returns": [[200, "[(:accession)]"]], "permissions": ["view_repository"]},
        {"method": "DELETE", "uri": "/old_route", "description": "Gone", "params": [], "paginated": false,
         "paged": false, "returns": [[200, ":deleted"]], "permissions": []}
    ]);
    let after = json!([
        {"method": "GET", "uri": "/repositories/:repo_id/accessions", "description": "List the Accessions",
         "params": [{"name": "repo_id", "type": "String", "doc": "The Repository ID", "body": false, "optional": false, "default": null},
                    {"name": "modified_since", "type": "Integer", "doc": "Since when", "body": false, "optional": true, "default": 0}],
         "paginated": false, "paged": true, "returns": [[200, "[(:accession)]"]], "permissions": ["view_repository"]},
        {"method": "GET", "uri": "/new_route", "description": "New", "params": [], "paginated": false,
         "paged": false, "returns": [[200, "OK"]], "permissions": []}
    ]);
    let with_routes = |routes: serde_json::Value| Model {
        routes: Some(serde_json::from_value(routes).expect("routes")),
        ..model.clone()
    };
    let report = compare(&with_routes(before), &with_routes(after));
    let text = render_text(&report, false);
    let route = |facet: &str, before: Option<&str>, after: Option<&str>| Change::RouteChanged {
        method: "GET".into(),
        uri: "/repositories/:repo_id/accessions".into(),
        facet: facet.into(),
        before: before.map(Into::into),
        after: after.map(Into::into),
    };
    for expected in [
        Change::RouteRemoved {
            method: "DELETE".into(),
            uri: "/old_route".into(),
        },
        Change::RouteAdded {
            method: "GET".into(),
            uri: "/new_route".into(),
        },
        route("params.repo_id", Some("Integer"), Some("String")),
        route("params.modified_since", None, Some("Integer")),
        route("paginated", Some("true"), Some("false")),
        route("paged", Some("false"), Some("true")),
    ] {
        assert!(
            report.changes.contains(&expected),
            "missing {expected:?}\n{text}"
        );
    }
    assert_eq!(
        report.description_changes,
        [route(
            "description",
            Some("Get a list of Accessions"),
            Some("List the Accessions")
        )],
        "{text}"
    );
    assert!(
        text.contains(
            "~ route GET /repositories/:repo_id/accessions params.repo_id: Integer -> String"
        ),
        "{text}"
    );
}
