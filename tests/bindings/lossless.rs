//! What decoding keeps: unknown keys, unlisted enum values, unknown union
//! members, `null` versus absent versus empty, integers, `jsonmodel_type`.

use archivesspace_api::jsonmodel::{JsonModel, Uri};
use archivesspace_api::{
    decode_record, Accession, AdvancedQuery, IntegerOrString, Job, Note, Permission,
    PermissionLevel, QueryClause, Record, Resource, Subject,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

/// Decodes `value` from a `Value`, from its text and from a reader (unions
/// and embeds buffer their text differently in each), checking that each
/// encodes back to `value`.
fn round_trip<T: DeserializeOwned + Serialize>(value: Value) -> T {
    let text = value.to_string();
    let from_text: T = serde_json::from_str(&text).expect("decodes from text");
    let from_reader: T = serde_json::from_reader(text.as_bytes()).expect("decodes from a reader");
    for decoded in [&from_text, &from_reader] {
        assert_eq!(serde_json::to_value(decoded).expect("encodes"), value);
    }
    let decoded: T = serde_json::from_value(value.clone()).expect("decodes");
    assert_eq!(serde_json::to_value(&decoded).expect("encodes"), value);
    decoded
}

#[test]
fn unknown_keys_are_kept() {
    let subject: Subject = round_trip(json!({
        "jsonmodel_type": "subject",
        "title": "Cats",
        "plugin_field": {"nested": [1, 2, {"x": null}]},
        "another": "value"
    }));
    assert_eq!(subject.title.as_deref(), Some("Cats"));
    assert_eq!(subject.extra["another"], json!("value"));
    assert_eq!(
        subject.extra["plugin_field"]["nested"][2],
        json!({"x": null})
    );
}

#[test]
fn unlisted_enum_values_are_kept() {
    let known: Permission = round_trip(json!({"jsonmodel_type": "permission", "level": "global"}));
    assert_eq!(known.level, Some(PermissionLevel::Global));
    let unlisted: Permission =
        round_trip(json!({"jsonmodel_type": "permission", "level": "galactic"}));
    assert_eq!(
        unlisted.level,
        Some(PermissionLevel::Other("galactic".into()))
    );
    assert_eq!(
        PermissionLevel::from("repository"),
        PermissionLevel::Repository
    );
    assert_eq!(PermissionLevel::Global.as_str(), "global");
}

#[test]
fn null_absent_and_empty_stay_as_they_were() {
    let value = json!({
        "jsonmodel_type": "accession",
        "title": null,
        "extents": [],
        "subjects": null,
        "external_ids": [{"jsonmodel_type": "external_id", "external_id": "x", "source": null}]
    });
    let accession: Accession = round_trip(value);
    assert_eq!(accession.title, None);
    assert!(accession.extents.is_empty());
    assert!(accession.subjects.is_empty());
    assert!(accession._presence.was_null("title"));
    // Absent fields stay absent: the round trip above wrote no `dates`.
}

#[test]
fn changed_fields_are_written_and_untouched_ones_are_not() {
    let mut accession: Accession = serde_json::from_value(json!({
        "jsonmodel_type": "accession",
        "title": null,
        "extents": [],
        "id_0": "2024"
    }))
    .expect("decodes");
    accession.title = Some("Now titled".into());
    accession.id_0 = None;
    let written = serde_json::to_value(&accession).expect("encodes");
    assert_eq!(
        written,
        json!({"jsonmodel_type": "accession", "title": "Now titled", "extents": []})
    );
}

#[test]
fn integers_stay_integers_and_numbers_keep_their_spelling() {
    let accession: Accession =
        round_trip(json!({"jsonmodel_type": "accession", "lock_version": 3}));
    assert_eq!(accession.lock_version, Some(IntegerOrString::Integer(3)));
    let job: Job = round_trip(json!({"jsonmodel_type": "job", "queue_position": 1}));
    assert_eq!(job.queue_position, Some(1.into()));
    let _: Job = round_trip(json!({"jsonmodel_type": "job", "queue_position": 1.5}));
}

#[test]
fn records_built_in_code_write_their_jsonmodel_type() {
    let accession = Accession {
        title: Some("x".into()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&accession).expect("encodes"),
        json!({"jsonmodel_type": "accession", "title": "x"})
    );
    assert_eq!(Accession::JSONMODEL_TYPE, "accession");
    assert_eq!(
        Accession::URI_TEMPLATE,
        Some("/repositories/:repo_id/accessions")
    );
}

#[test]
fn jsonmodel_type_absent_or_odd_is_written_back_as_it_was() {
    let _: Subject = round_trip(json!({"title": "no type"}));
    let _: Subject = round_trip(json!({"jsonmodel_type": "SUBJECT", "title": "odd"}));
    for odd in [
        json!(5),
        json!(-1.5),
        json!(true),
        json!(null),
        json!(["subject"]),
        json!({"a": 1}),
    ] {
        let subject: Subject = round_trip(json!({"title": "odd", "jsonmodel_type": odd}));
        assert_eq!(subject.title.as_deref(), Some("odd"));
    }
}

#[test]
fn unknown_union_members_are_kept_as_json() {
    let plugin_note = json!({"jsonmodel_type": "note_from_a_plugin", "content": ["x"]});
    let resource: Resource = round_trip(json!({
        "jsonmodel_type": "resource",
        "notes": [plugin_note.clone(), "not even an object"]
    }));
    assert_eq!(resource.notes[0], Note::Other(plugin_note));
    assert_eq!(
        resource.notes[0].jsonmodel_type(),
        Some("note_from_a_plugin")
    );
    assert_eq!(resource.notes[1], Note::Other(json!("not even an object")));
}

#[test]
fn decode_errors_name_the_field_even_inside_unions() {
    let error = decode_record(json!({
        "jsonmodel_type": "resource",
        "notes": [
            {"jsonmodel_type": "note_singlepart", "content": ["ok"]},
            {"jsonmodel_type": "note_multipart", "publish": "True"}
        ]
    }))
    .expect_err("publish is not a boolean");
    assert_eq!(error.path, "notes[1]");
    assert!(error.message.contains("publish"), "{error}");
    assert!(error.message.contains("boolean"), "{error}");

    let error = decode_record(json!({"jsonmodel_type": "accession", "publish": "True"}))
        .expect_err("publish is not a boolean");
    assert_eq!(error.path, "publish");
}

#[test]
fn unions_of_json_kinds_keep_other_kinds() {
    let accession: Accession =
        round_trip(json!({"jsonmodel_type": "accession", "lock_version": true}));
    assert_eq!(
        accession.lock_version,
        Some(IntegerOrString::Other(json!(true)))
    );
    let _: Accession = round_trip(json!({"jsonmodel_type": "accession", "lock_version": "7"}));
}

#[test]
fn decode_record_dispatches_on_jsonmodel_type() {
    let record =
        decode_record(json!({"jsonmodel_type": "subject", "title": "t"})).expect("subject");
    assert!(matches!(&record, Record::Subject(s) if s.title.as_deref() == Some("t")));
    assert_eq!(record.jsonmodel_type(), "subject");
    let error = decode_record(json!({"jsonmodel_type": "no_such_type"})).expect_err("unknown");
    assert!(error.message.contains("no_such_type"), "{error}");
    let error = decode_record(json!({"title": "untyped"})).expect_err("no type");
    assert!(error.message.contains("jsonmodel_type"), "{error}");

    let mixed = json!([
        {"jsonmodel_type": "subject", "title": "t"},
        {"jsonmodel_type": "location", "building": "Main"}
    ]);
    let records: Vec<Record> = serde_json::from_value(mixed.clone()).expect("records");
    assert!(matches!(records[1], Record::Location(_)));
    assert_eq!(serde_json::to_value(&records).expect("encodes"), mixed);
    let error =
        serde_json::from_value::<Vec<Record>>(json!([{"jsonmodel_type": "subject", "publish": 1}]))
            .expect_err("publish is not a boolean");
    assert!(error.to_string().contains("publish"), "{error}");
}

#[test]
fn uris_know_their_ids() {
    let uri: Uri<Accession> = Uri::new("/repositories/2/accessions/17");
    assert_eq!(uri.id(), Some(17));
    assert_eq!(Uri::<Subject>::new("/subjects/import_4").id(), None);
    let cast: Uri<Resource> = uri.clone().cast();
    assert_eq!(cast.as_str(), uri.as_str());
}

#[test]
fn query_clauses_decode_by_jsonmodel_type() {
    let query: AdvancedQuery = round_trip(json!({
        "jsonmodel_type": "advanced_query",
        "query": {
            "jsonmodel_type": "boolean_query",
            "op": "AND",
            "subqueries": [
                {"jsonmodel_type": "field_query", "field": "title", "value": "cats"},
                {"jsonmodel_type": "date_field_query", "field": "create_time",
                 "comparator": "greater_than", "value": "2020-01-01"}
            ]
        }
    }));
    let Some(QueryClause::BooleanQuery(boolean)) = &query.query else {
        panic!("query is {:?}", query.query);
    };
    assert!(matches!(boolean.subqueries[0], QueryClause::FieldQuery(_)));
    assert!(matches!(
        boolean.subqueries[1],
        QueryClause::DateFieldQuery(_)
    ));
}
