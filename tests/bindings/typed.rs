//! Typed access to real records from the shared corpus: the generated types
//! are not just lossless but put the data where a user looks for it.

use archivesspace_api::jsonmodel::{Resolved, Uri};
use archivesspace_api::{
    Accession, Agent, ArchivalObject, MultipartSubnote, Note, Resource, Subject,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

fn corpus_json(relative: &str) -> Value {
    let path = format!("{CORPUS}/{relative}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Decodes `value`, checks that it encodes back to the same JSON, and
/// returns the decoded value.
fn decode<T: DeserializeOwned + serde::Serialize>(value: Value) -> T {
    let decoded: T = serde_json::from_value(value.clone()).expect("decodes");
    assert_eq!(serde_json::to_value(&decoded).expect("encodes"), value);
    decoded
}

#[test]
fn resource_notes_decode_into_their_variants() {
    let resource: Resource = decode(corpus_json(
        "resource/archivesspace-archivesspace__resource.json",
    ));
    assert_eq!(resource.title.as_deref(), Some("Resource 1"));
    assert_eq!(resource.notes.len(), 23);

    let Note::Singlepart(physdesc) = &resource.notes[0] else {
        panic!("notes[0] is {:?}", resource.notes[0].jsonmodel_type());
    };
    assert_eq!(physdesc.type_.as_deref(), Some("physdesc"));
    assert!(!physdesc.content.is_empty());

    let Note::Multipart(dimensions) = &resource.notes[1] else {
        panic!("notes[1] is {:?}", resource.notes[1].jsonmodel_type());
    };
    assert_eq!(dimensions.type_.as_deref(), Some("dimensions"));
    let MultipartSubnote::Text(text) = &dimensions.subnotes[0] else {
        panic!(
            "subnotes[0] is {:?}",
            dimensions.subnotes[0].jsonmodel_type()
        );
    };
    assert!(text.content.as_deref().is_some_and(|c| !c.is_empty()));

    // The last note mixes subnote kinds.
    let Some(Note::Multipart(odd)) = resource.notes.last() else {
        panic!("the last note is not multipart");
    };
    let kinds: Vec<Option<&str>> = odd.subnotes.iter().map(|s| s.jsonmodel_type()).collect();
    assert_eq!(
        kinds,
        [
            Some("note_chronology"),
            Some("note_definedlist"),
            Some("note_orderedlist")
        ]
    );
    assert!(matches!(odd.subnotes[0], MultipartSubnote::Chronology(_)));
    assert!(matches!(odd.subnotes[1], MultipartSubnote::Definedlist(_)));
    assert!(matches!(odd.subnotes[2], MultipartSubnote::Orderedlist(_)));

    // Extents keep their numbers as the strings the schema declares.
    assert_eq!(resource.extents[0].number.as_deref(), Some("10"));
}

#[test]
fn linked_agents_carry_role_relator_and_typed_uri() {
    let resource: Resource = decode(corpus_json(
        "resource/archivesspace-archivesspace__resource.json",
    ));
    let creator = &resource.linked_agents[0];
    assert_eq!(creator.role.as_deref(), Some("creator"));
    assert_eq!(creator.relator.as_deref(), Some("cre"));
    let uri: &Uri<Agent> = &creator.ref_;
    assert_eq!(uri.as_str(), "/agents/people/import_2");
    // `terms: []` is present on the second agent and absent on the first;
    // both come back as they were (checked by `decode`).
    assert!(resource.linked_agents[1].terms.is_empty());
    assert_eq!(resource.linked_agents[1].role.as_deref(), Some("subject"));
}

#[test]
fn a_resolved_agent_decodes_into_its_record_type() {
    let accession: Accession = decode(corpus_json(
        "accession/rockefellerarchivecenter-aquarius__process_accessions-i4-2-search-json-d0-at80f5d55.json",
    ));
    let agent = &accession.linked_agents[0];
    assert_eq!(agent.role.as_deref(), Some("creator"));
    assert_eq!(agent.ref_.id(), Some(29021));
    let Some(Resolved::Record(resolved)) = &agent.resolved else {
        panic!("the agent's _resolved did not decode: {:?}", agent.resolved);
    };
    let Agent::CorporateEntity(entity) = resolved.as_ref() else {
        panic!("resolved into {:?}", resolved.jsonmodel_type());
    };
    assert_eq!(
        entity.title.as_deref(),
        Some("Custard Pie Appreciation Consortium")
    );
}

#[test]
fn a_resolved_top_container_in_an_instance() {
    let object: ArchivalObject = decode(corpus_json(
        "archival_object/rockefellerarchivecenter-request-broker__object_all.json",
    ));
    let instance = &object.instances[0];
    assert_eq!(instance.instance_type.as_deref(), Some("mixed materials"));
    let container = instance
        .sub_container
        .as_ref()
        .and_then(|s| s.top_container.as_ref())
        .expect("a top container");
    assert_eq!(
        container.ref_.as_str(),
        "/repositories/2/top_containers/31406"
    );
    let resolved = container.resolved_record().expect("resolved");
    assert_eq!(
        resolved.display_string.as_deref(),
        Some("Box 1: Series 1 [A0000000000321]")
    );
    assert_eq!(resolved.indicator.as_deref(), Some("144"));
}

#[test]
fn a_resolved_subject_gives_its_title() {
    // A real subject record, embedded the way `resolve[]=subjects` embeds it.
    let subject_json = corpus_json("subject/archivesspace-archivesspace__subjects-r3.json");
    let mut resource = corpus_json("resource/archivesspace-archivesspace__resource.json");
    let uri = subject_json["uri"].clone();
    resource["subjects"] = serde_json::json!([{ "ref": uri, "_resolved": subject_json }]);
    let resource: Resource = decode(resource);
    let subject: &Subject = resource.subjects[0].resolved_record().expect("resolved");
    assert_eq!(subject.title.as_deref(), Some("Occupation -- Subject"));
    assert_eq!(resource.subjects[0].ref_.as_str(), "/subjects/import_4");
}

#[test]
fn an_embed_that_is_not_its_type_is_kept_as_json() {
    let mut resource = corpus_json("resource/archivesspace-archivesspace__resource.json");
    let odd = serde_json::json!({"jsonmodel_type": "subject", "publish": "yes"});
    resource["subjects"] = serde_json::json!([{ "ref": "/subjects/1", "_resolved": odd }]);
    let resource: Resource = decode(resource);
    assert_eq!(resource.subjects[0].resolved, Some(Resolved::Json(odd)));
}
