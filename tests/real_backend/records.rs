//! Every record type users create, through the generated typed requests:
//! create, read back losslessly (with and without `resolve[]`), change one
//! field, refuse stale and missing lock versions, delete.

use std::collections::BTreeSet;

use archivesspace::request::Request;
use archivesspace::requests::{
    accessions, agents, archival_objects, assessments, classification_terms, classifications,
    container_profiles, digital_object_components, digital_objects, events, groups,
    location_profiles, locations, repositories, resources, subjects, top_containers, users,
};
use archivesspace::{
    Accession, AgentCorporateEntity, AgentFamily, AgentPerson, AgentSoftware, ArchivalObject,
    Assessment, Classification, ClassificationTerm, Client, ConflictKind, ContainerProfile,
    Deleted, DigitalObject, DigitalObjectComponent, Error, Event, Group, Location, LocationProfile,
    Modified, Repository, Resource, Subject, TopContainer, User,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use crate::support::{new_repository, resource_json, unique, AsJson, TestResult};

/// The keys ArchivesSpace itself changes on every save of a record.
const AUDIT: [&str; 4] = [
    "lock_version",
    "system_mtime",
    "user_mtime",
    "last_modified_by",
];
/// And on nested records, which a save writes anew.
const NESTED_AUDIT: [&str; 6] = [
    "lock_version",
    "system_mtime",
    "user_mtime",
    "last_modified_by",
    "create_time",
    "created_by",
];

/// One record type's routes, as functions from ids to typed requests.
struct Case<T, C, G, U, D> {
    name: &'static str,
    create: C,
    get: G,
    update: U,
    delete: D,
    /// What `resolve[]` asks for on this type (empty: nothing to resolve).
    resolve: &'static [&'static str],
    /// The field the update changes, and how.
    field: &'static str,
    /// Keys the server itself recomputes when the record is saved.
    derived: &'static [&'static str],
    edit: fn(&mut T),
}

impl<T, C, CR, G, GR, U, UR, D, DR> Case<T, C, G, U, D>
where
    T: Serialize + DeserializeOwned + Clone + std::fmt::Debug + Send + 'static,
    C: Fn(T) -> CR,
    CR: Request<Response = Modified>,
    G: Fn(i64, Vec<String>) -> GR,
    GR: Request<Response = T> + Clone,
    U: Fn(i64, T) -> UR,
    UR: Request<Response = Modified>,
    D: Fn(i64) -> DR,
    DR: Request<Response = Deleted>,
{
    /// Creates the record from `body`, typed, and checks it on the server.
    async fn create(&self, client: &Client, body: Value) -> Result<i64, String> {
        let record: T = serde_json::from_value(body)
            .map_err(|e| format!("{}: the test's record does not decode: {e}", self.name))?;
        let created: Modified = client
            .send(&(self.create)(record))
            .await
            .map_err(|e| format!("{}: create: {e}", self.name))?;
        if created.status != "Created" || created.lock_version != Some(0) {
            return Err(format!("{}: create answered {created:?}", self.name));
        }
        Ok(created.id)
    }

    /// Reads, updates and refuses bad updates of record `id`.
    async fn check(&self, client: &Client, id: i64) -> Result<(), String> {
        let name = self.name;
        let fail = |step: &str, e: Error| format!("{name}: {step}: {e}");
        // Typed reads encode back to exactly what the server sent.
        let mut asks = vec![Vec::new()];
        if !self.resolve.is_empty() {
            asks.push(self.resolve.iter().map(|s| (*s).to_owned()).collect());
        }
        for resolve in asks {
            let request = (self.get)(id, resolve.clone());
            let served: Value = client
                .send(&AsJson(request.clone()))
                .await
                .map_err(|e| fail("get as JSON", e))?;
            let typed: T = client
                .send(&request)
                .await
                .map_err(|e| fail("typed get", e))?;
            let encoded = serde_json::to_value(&typed).map_err(|e| format!("{name}: {e}"))?;
            if encoded != served {
                return Err(format!(
                    "{name}: typed get (resolve {resolve:?}) does not encode back to what the \
                     server sent:\n  server: {served}\n  typed:  {encoded}"
                ));
            }
        }

        // update_with changes one field and nothing else.
        let uri = (self.get)(id, Vec::new()).path();
        let before: Value = client.get_json(&uri).await.map_err(|e| fail("get", e))?;
        let updated = client
            .update_with(&uri, self.edit)
            .await
            .map_err(|e| fail("update_with", e))?;
        if updated.status != "Updated" {
            return Err(format!("{name}: update_with answered {updated:?}"));
        }
        let after: Value = client.get_json(&uri).await.map_err(|e| fail("get", e))?;
        let mut changed = changed_keys(&before, &after);
        changed.retain(|k| !self.derived.contains(&k.as_str()));
        if changed != BTreeSet::from([self.field.to_owned()]) {
            return Err(format!(
                "{name}: update_with of {} changed {changed:?} on the server",
                self.field
            ));
        }
        if after["lock_version"].as_i64() != before["lock_version"].as_i64().map(|v| v + 1) {
            return Err(format!("{name}: lock_version did not go up by one"));
        }

        // The copy read before the update is stale now.
        let stale: T = serde_json::from_value(before).map_err(|e| format!("{name}: {e}"))?;
        match client.send(&(self.update)(id, stale.clone())).await {
            Err(Error::Conflict {
                kind: ConflictKind::StaleLockVersion,
                ..
            }) => {}
            other => return Err(format!("{name}: stale update answered {other:?}")),
        }
        // Without any lock_version.
        let mut unlocked = serde_json::to_value(&stale).map_err(|e| format!("{name}: {e}"))?;
        if let Some(members) = unlocked.as_object_mut() {
            members.remove("lock_version");
        }
        let unlocked: T = serde_json::from_value(unlocked).map_err(|e| format!("{name}: {e}"))?;
        match client.send(&(self.update)(id, unlocked)).await {
            Err(Error::Conflict {
                kind: ConflictKind::MissingLockVersion,
                ..
            }) => Ok(()),
            other => Err(format!(
                "{name}: update without lock_version answered {other:?}"
            )),
        }
    }

    /// Deletes record `id` and checks that it is gone.
    async fn delete(&self, client: &Client, id: i64) -> Result<(), String> {
        let name = self.name;
        let deleted = client
            .send(&(self.delete)(id))
            .await
            .map_err(|e| format!("{name}: delete: {e}"))?;
        if deleted.status != "Deleted" || deleted.id != id {
            return Err(format!("{name}: delete answered {deleted:?}"));
        }
        match client.send(&(self.get)(id, Vec::new())).await {
            Err(Error::NotFound { .. }) => Ok(()),
            other => Err(format!("{name}: get after delete answered {other:?}")),
        }
    }
}

/// The top-level keys whose values differ, leaving out what ArchivesSpace
/// changes on every save.
fn changed_keys(before: &Value, after: &Value) -> BTreeSet<String> {
    let empty = serde_json::Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let a = after.as_object().unwrap_or(&empty);
    b.keys()
        .chain(a.keys())
        .filter(|k| !AUDIT.contains(&k.as_str()))
        .filter(|k| b.get(*k).map(without_audit) != a.get(*k).map(without_audit))
        .cloned()
        .collect()
}

/// `value` with the audit keys of nested records taken out.
fn without_audit(value: &Value) -> Value {
    match value {
        Value::Object(members) => Value::Object(
            members
                .iter()
                .filter(|(k, _)| !NESTED_AUDIT.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), without_audit(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_audit).collect()),
        other => other.clone(),
    }
}

/// Runs create, check and delete for `case` with `body`; for records that
/// others depend on, the delete waits: `create_checked` returns the id.
macro_rules! create_checked {
    ($client:expr, $case:expr, $body:expr, $failures:expr) => {{
        match $case.create($client, $body).await {
            Ok(id) => {
                if let Err(e) = $case.check($client, id).await {
                    $failures.push(e);
                }
                Some(id)
            }
            Err(e) => {
                $failures.push(e);
                None
            }
        }
    }};
}

macro_rules! delete_checked {
    ($client:expr, $case:expr, $id:expr, $failures:expr) => {
        if let Some(id) = $id {
            if let Err(e) = $case.delete($client, id).await {
                $failures.push(e);
            }
        }
    };
}

fn dates() -> Value {
    json!([{"date_type": "single", "label": "creation", "expression": "1999"}])
}

#[tokio::test]
async fn every_record_type_round_trips_through_the_typed_requests() -> TestResult {
    let (backend, database) =
        crate::backend!("every_record_type_round_trips_through_the_typed_requests");
    let client = backend.client()?;
    let repo = new_repository(&client, "crud").await?;
    let r = format!("/repositories/{repo}");
    let run = unique("");
    let mut failures: Vec<String> = Vec::new();

    let repository = Case {
        name: "repository",
        create: repositories::Create::new,
        get: |id, resolve| repositories::Get {
            resolve,
            ..repositories::Get::new(id)
        },
        update: repositories::Update::new,
        delete: repositories::Delete::new,
        resolve: &["agent_representation"],
        field: "url",
        derived: &[],
        edit: |r: &mut Repository| r.url = Some("https://example.org/archives".into()),
    };
    let own_repo = create_checked!(
        &client,
        repository,
        json!({"repo_code": unique("own"), "name": format!("Repository {run}")}),
        failures
    );

    let person = Case {
        name: "agent_person",
        create: agents::people::Create::new,
        get: |id, resolve| agents::people::Get {
            resolve,
            ..agents::people::Get::new(id)
        },
        update: agents::people::Update::new,
        delete: agents::people::Delete::new,
        resolve: &["related_agents"],
        field: "publish",
        derived: &[],
        edit: |a: &mut AgentPerson| a.publish = Some(true),
    };
    let person_id = create_checked!(
        &client,
        person,
        json!({"names": [{"primary_name": format!("Doe {run}"), "rest_of_name": "Jane",
            "name_order": "inverted", "sort_name_auto_generate": true}]}),
        failures
    );
    let person_uri = person_id.map(|id| format!("/agents/people/{id}"));

    let corporate = Case {
        name: "agent_corporate_entity",
        create: agents::corporate_entities::Create::new,
        get: |id, resolve| agents::corporate_entities::Get {
            resolve,
            ..agents::corporate_entities::Get::new(id)
        },
        update: agents::corporate_entities::Update::new,
        delete: agents::corporate_entities::Delete::new,
        resolve: &["related_agents"],
        field: "publish",
        derived: &[],
        edit: |a: &mut AgentCorporateEntity| a.publish = Some(true),
    };
    let corporate_id = create_checked!(
        &client,
        corporate,
        json!({"names": [{"primary_name": format!("Corp {run}"), "sort_name_auto_generate": true}]}),
        failures
    );

    let family = Case {
        name: "agent_family",
        create: agents::families::Create::new,
        get: |id, resolve| agents::families::Get {
            resolve,
            ..agents::families::Get::new(id)
        },
        update: agents::families::Update::new,
        delete: agents::families::Delete::new,
        resolve: &["related_agents"],
        field: "publish",
        derived: &[],
        edit: |a: &mut AgentFamily| a.publish = Some(true),
    };
    let family_id = create_checked!(
        &client,
        family,
        json!({"names": [{"family_name": format!("Family {run}"), "sort_name_auto_generate": true}]}),
        failures
    );

    let software = Case {
        name: "agent_software",
        create: agents::software::Create::new,
        get: |id, resolve| agents::software::Get {
            resolve,
            ..agents::software::Get::new(id)
        },
        update: agents::software::Update::new,
        delete: agents::software::Delete::new,
        resolve: &["related_agents"],
        field: "publish",
        derived: &[],
        edit: |a: &mut AgentSoftware| a.publish = Some(true),
    };
    let software_id = create_checked!(
        &client,
        software,
        json!({"names": [{"software_name": format!("Software {run}"), "sort_name_auto_generate": true}]}),
        failures
    );

    let subject = Case {
        name: "subject",
        create: subjects::Create::new,
        get: |id, _| subjects::Get::new(id),
        update: subjects::Update::new,
        delete: subjects::Delete::new,
        resolve: &[],
        field: "scope_note",
        derived: &[],
        edit: |s: &mut Subject| s.scope_note = Some("Changed by a test".into()),
    };
    let subject_id = create_checked!(
        &client,
        subject,
        json!({"terms": [{"term": format!("Term {run}"), "term_type": "topical",
            "vocabulary": "/vocabularies/1"}], "source": "local", "vocabulary": "/vocabularies/1"}),
        failures
    );

    let accession = Case {
        name: "accession",
        create: |a| accessions::Create::new(repo, a),
        get: |id, resolve| accessions::Get {
            resolve,
            ..accessions::Get::new(repo, id)
        },
        update: |id, a| accessions::Update::new(repo, id, a),
        delete: |id| accessions::Delete::new(repo, id),
        resolve: &["subjects", "linked_agents"],
        field: "content_description",
        derived: &[],
        edit: |a: &mut Accession| a.content_description = Some("Changed by a test".into()),
    };
    let mut accession_body =
        json!({"id_0": unique("A"), "title": "Accession", "accession_date": "2024-01-02"});
    if let Some(uri) = &person_uri {
        accession_body["linked_agents"] = json!([{"ref": uri, "role": "source"}]);
    }
    if let Some(id) = subject_id {
        accession_body["subjects"] = json!([{"ref": format!("/subjects/{id}")}]);
    }
    let accession_id = create_checked!(&client, accession, accession_body, failures);
    let accession_uri = accession_id.map(|id| format!("{r}/accessions/{id}"));

    let resource = Case {
        name: "resource",
        create: |x| resources::Create::new(repo, x),
        get: |id, resolve| resources::Get {
            resolve,
            ..resources::Get::new(repo, id)
        },
        update: |id, x| resources::Update::new(repo, id, x),
        delete: |id| resources::Delete::new(repo, id),
        resolve: &["subjects", "linked_agents", "top_container"],
        field: "repository_processing_note",
        derived: &[],
        edit: |x: &mut Resource| x.repository_processing_note = Some("Changed by a test".into()),
    };
    let resource_id = create_checked!(&client, resource, resource_json("Resource"), failures);

    let archival_object = Case {
        name: "archival_object",
        create: |x| archival_objects::Create::new(repo, x),
        get: |id, resolve| archival_objects::Get {
            resolve,
            ..archival_objects::Get::new(repo, id)
        },
        update: |id, x| archival_objects::Update::new(repo, id, x),
        delete: |id| archival_objects::Delete::new(repo, id),
        resolve: &["resource", "ancestors"],
        field: "repository_processing_note",
        derived: &[],
        edit: |x: &mut ArchivalObject| {
            x.repository_processing_note = Some("Changed by a test".into())
        },
    };
    let ao_id = match resource_id {
        Some(id) => create_checked!(
            &client,
            archival_object,
            json!({"title": "Archival object", "level": "file", "dates": dates(),
                "resource": {"ref": format!("{r}/resources/{id}")}}),
            failures
        ),
        None => None,
    };

    let digital_object = Case {
        name: "digital_object",
        create: |x| digital_objects::Create::new(repo, x),
        get: |id, resolve| digital_objects::Get {
            resolve,
            ..digital_objects::Get::new(repo, id)
        },
        update: |id, x| digital_objects::Update::new(repo, id, x),
        delete: |id| digital_objects::Delete::new(repo, id),
        resolve: &["linked_instances"],
        field: "publish",
        derived: &[],
        edit: |x: &mut DigitalObject| x.publish = Some(true),
    };
    let do_id = create_checked!(
        &client,
        digital_object,
        json!({"title": "Digital object", "digital_object_id": unique("D")}),
        failures
    );

    let component = Case {
        name: "digital_object_component",
        create: |x| digital_object_components::Create::new(repo, x),
        get: |id, resolve| digital_object_components::Get {
            resolve,
            ..digital_object_components::Get::new(repo, id)
        },
        update: |id, x| digital_object_components::Update::new(repo, id, x),
        delete: |id| digital_object_components::Delete::new(repo, id),
        resolve: &["digital_object"],
        field: "publish",
        derived: &[],
        edit: |x: &mut DigitalObjectComponent| x.publish = Some(true),
    };
    let component_id = match do_id {
        Some(id) => create_checked!(
            &client,
            component,
            json!({"title": "Component", "component_id": unique("DC"),
                "digital_object": {"ref": format!("{r}/digital_objects/{id}")}}),
            failures
        ),
        None => None,
    };

    let container_profile = Case {
        name: "container_profile",
        create: container_profiles::Create::new,
        get: |id, resolve| container_profiles::Get {
            resolve,
            ..container_profiles::Get::new(id)
        },
        update: container_profiles::Update::new,
        delete: container_profiles::Delete::new,
        resolve: &[],
        field: "notes",
        derived: &[],
        edit: |x: &mut ContainerProfile| x.notes = Some("Changed by a test".into()),
    };
    let profile_id = create_checked!(
        &client,
        container_profile,
        json!({"name": format!("Profile {run}"), "extent_dimension": "width",
            "dimension_units": "inches", "width": "10", "height": "12", "depth": "15"}),
        failures
    );

    let top_container = Case {
        name: "top_container",
        create: |x| top_containers::Create::new(repo, x),
        get: |id, resolve| top_containers::Get {
            resolve,
            ..top_containers::Get::new(repo, id)
        },
        update: |id, x| top_containers::Update::new(repo, id, x),
        delete: |id| top_containers::Delete::new(repo, id),
        resolve: &["container_profile"],
        field: "barcode",
        derived: &["display_string", "long_display_string"],
        edit: |x: &mut TopContainer| x.barcode = Some(unique("BC")),
    };
    let mut container_body = json!({"indicator": unique("B"), "type": "box"});
    if let Some(id) = profile_id {
        container_body["container_profile"] = json!({"ref": format!("/container_profiles/{id}")});
    }
    let container_id = create_checked!(&client, top_container, container_body, failures);

    let location_profile = Case {
        name: "location_profile",
        create: location_profiles::Create::new,
        get: |id, resolve| location_profiles::Get {
            resolve,
            ..location_profiles::Get::new(id)
        },
        update: location_profiles::Update::new,
        delete: location_profiles::Delete::new,
        resolve: &[],
        field: "depth",
        derived: &["display_string"],
        edit: |x: &mut LocationProfile| x.depth = Some("20".into()),
    };
    let location_profile_id = create_checked!(
        &client,
        location_profile,
        json!({"name": format!("Shelf {run}"), "dimension_units": "inches",
            "width": "10", "height": "10", "depth": "10"}),
        failures
    );

    let location = Case {
        name: "location",
        create: locations::Create::new,
        get: |id, resolve| locations::Get {
            resolve,
            ..locations::Get::new(id)
        },
        update: locations::Update::new,
        delete: locations::Delete::new,
        resolve: &["location_profile"],
        field: "room",
        derived: &["title"],
        edit: |x: &mut Location| x.room = Some("Reading room".into()),
    };
    let mut location_body = json!({"building": format!("Building {run}"), "room": "1",
        "coordinate_1_label": "Shelf", "coordinate_1_indicator": "1"});
    if let Some(id) = location_profile_id {
        location_body["location_profile"] = json!({"ref": format!("/location_profiles/{id}")});
    }
    let location_id = create_checked!(&client, location, location_body, failures);

    let event = Case {
        name: "event",
        create: |x| events::Create::new(repo, x),
        get: |id, resolve| events::Get {
            resolve,
            ..events::Get::new(repo, id)
        },
        update: |id, x| events::Update::new(repo, id, x),
        delete: |id| events::Delete::new(repo, id),
        resolve: &["linked_agents", "linked_records"],
        field: "outcome_note",
        derived: &[],
        edit: |x: &mut Event| x.outcome_note = Some("Changed by a test".into()),
    };
    let event_id = match (&person_uri, &accession_uri) {
        (Some(agent), Some(record)) => create_checked!(
            &client,
            event,
            json!({"event_type": "accession",
                "date": {"date_type": "single", "label": "event", "begin": "2024-01-01"},
                "linked_agents": [{"ref": agent, "role": "implementer"}],
                "linked_records": [{"ref": record, "role": "source"}]}),
            failures
        ),
        _ => None,
    };

    let classification = Case {
        name: "classification",
        create: |x| classifications::Create::new(repo, x),
        get: |id, resolve| classifications::Get {
            resolve,
            ..classifications::Get::new(repo, id)
        },
        update: |id, x| classifications::Update::new(repo, id, x),
        delete: |id| classifications::Delete::new(repo, id),
        resolve: &["creator"],
        field: "description",
        derived: &[],
        edit: |x: &mut Classification| x.description = Some("Changed by a test".into()),
    };
    let mut classification_body = json!({"identifier": unique("C"), "title": "Classification"});
    if let Some(uri) = &person_uri {
        classification_body["creator"] = json!({"ref": uri});
    }
    let classification_id = create_checked!(&client, classification, classification_body, failures);

    let term = Case {
        name: "classification_term",
        create: |x| classification_terms::Create::new(repo, x),
        get: |id, resolve| classification_terms::Get {
            resolve,
            ..classification_terms::Get::new(repo, id)
        },
        update: |id, x| classification_terms::Update::new(repo, id, x),
        delete: |id| classification_terms::Delete::new(repo, id),
        resolve: &["classification"],
        field: "description",
        derived: &[],
        edit: |x: &mut ClassificationTerm| x.description = Some("Changed by a test".into()),
    };
    let term_id = match classification_id {
        Some(id) => create_checked!(
            &client,
            term,
            json!({"identifier": unique("CT"), "title": "Term",
                "classification": {"ref": format!("{r}/classifications/{id}")}}),
            failures
        ),
        None => None,
    };

    let assessment = Case {
        name: "assessment",
        create: |x| assessments::Create::new(repo, x),
        get: |id, resolve| assessments::Get {
            resolve,
            ..assessments::Get::new(repo, id)
        },
        update: |id, x| assessments::Update::new(repo, id, x),
        delete: |id| assessments::Delete::new(repo, id),
        resolve: &["records", "surveyed_by"],
        field: "general_assessment_note",
        derived: &[
            // Booleans the create left null are saved as their default, false.
            "deed_of_gift",
            "finding_aid_online",
            "inactive",
            "related_eac_records",
        ],
        edit: |x: &mut Assessment| x.general_assessment_note = Some("Changed by a test".into()),
    };
    let assessment_id = match (&person_uri, &accession_uri) {
        (Some(agent), Some(record)) => create_checked!(
            &client,
            assessment,
            json!({"records": [{"ref": record}], "surveyed_by": [{"ref": agent}],
                "survey_begin": "2024-01-01"}),
            failures
        ),
        _ => None,
    };

    let user_case = Case {
        name: "user",
        create: |u| users::Create::new(unique("pw"), u),
        get: |id, _| users::Get::new(id),
        update: users::Update::new,
        delete: users::Delete::new,
        resolve: &[],
        field: "email",
        derived: &[],
        edit: |u: &mut User| u.email = Some("test@example.org".into()),
    };
    let user_id = create_checked!(
        &client,
        user_case,
        json!({"username": unique("user"), "name": format!("User {run}")}),
        failures
    );

    let group = Case {
        name: "group",
        create: |g| groups::Create::new(repo, g),
        get: |id, _| groups::Get::new(repo, id),
        update: |id, g| groups::Update::new(repo, id, g),
        delete: |id| groups::Delete::new(repo, id),
        resolve: &[],
        field: "description",
        derived: &[],
        edit: |g: &mut Group| g.description = Some("Changed by a test".into()),
    };
    let group_id = create_checked!(
        &client,
        group,
        json!({"group_code": unique("g"), "description": "Viewers",
            "grants_permissions": ["view_repository"], "member_usernames": []}),
        failures
    );

    // A delete walks the record's graph and retries each part until none
    // progresses; on Derby a part that waits too long for a lock held by
    // another test's writes fails, and the backend then reports the foreign
    // key left behind as a 409 "Record deletion failed". With the database
    // to itself the deletes measure only the backend's own behaviour.
    drop(database);
    let _alone = crate::support::exclusive().await;

    // Dependents first.
    delete_checked!(&client, group, group_id, failures);
    delete_checked!(&client, user_case, user_id, failures);
    delete_checked!(&client, assessment, assessment_id, failures);
    delete_checked!(&client, term, term_id, failures);
    delete_checked!(&client, classification, classification_id, failures);
    delete_checked!(&client, event, event_id, failures);
    delete_checked!(&client, location, location_id, failures);
    delete_checked!(&client, location_profile, location_profile_id, failures);
    delete_checked!(&client, top_container, container_id, failures);
    delete_checked!(&client, container_profile, profile_id, failures);
    delete_checked!(&client, component, component_id, failures);
    delete_checked!(&client, digital_object, do_id, failures);
    delete_checked!(&client, archival_object, ao_id, failures);
    delete_checked!(&client, resource, resource_id, failures);
    delete_checked!(&client, accession, accession_id, failures);
    delete_checked!(&client, subject, subject_id, failures);
    delete_checked!(&client, software, software_id, failures);
    delete_checked!(&client, family, family_id, failures);
    delete_checked!(&client, corporate, corporate_id, failures);
    delete_checked!(&client, person, person_id, failures);
    delete_checked!(&client, repository, own_repo, failures);

    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}
