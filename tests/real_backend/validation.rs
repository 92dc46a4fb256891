//! The client's validation against the real backend's: real records of
//! `../shared/corpus` and mutated copies of them are validated on the client
//! and sent to the backend, and the verdicts and messages must agree.
//!
//! The mutations are found from the schemas, not from the samples: wherever
//! a record holds a value some rule governs (a required property, a
//! maximum length, an enumeration, a type, a URI, a minimum of items, a
//! pattern, a date, begin and end of a date subrecord), that value is
//! removed, blanked or replaced by one the rule refuses. A few hundred of
//! them, spread over the kinds of rule, are made; those the client refuses
//! are all sent, those it accepts in a sample (see [`VALID_SENT`]).
//!
//! A record the client finds valid may still be refused for what only the
//! server knows: a reference to a record that does not exist (a database
//! error) or a value that must be unique. Those count as agreeing, and are
//! reported apart.
//!
//! When `ASPACE_OPENAPI_VERDICTS` names a file, every judged record is
//! written to it (JSON Lines) with the backend's verdict, for the check
//! that the OpenAPI document's JSON Schemas agree with the backend
//! (`codegen/tests/openapi_agreement.rs`); see [`VerdictLog`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use archivesspace::api::validate::schema::{Catalog, IfMissing, Node, Property, Rule, Schema, Ty};
use archivesspace::api::validate::{validate_value, Enumerations, Validation};
use archivesspace::api::validation::CATALOG;
use archivesspace::request::{Body, Method, Query, Request};
use archivesspace::{Client, Error};
use futures::stream::{self, StreamExt};
use serde_json::{json, Map, Value};

use crate::support::{new_repository, TestResult};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// How many mutations are sent, at most.
const MUTATIONS: usize = 240;

/// Requests in flight at once.
const IN_FLIGHT: usize = 4;

/// How many of the records the client finds valid are sent, at most, of
/// the originals and of the mutations each. The backend refuses an invalid
/// record before it touches the database, so every one the client refuses
/// is sent; a valid one is saved (or its save rolled back), which on Derby
/// costs far more, and a spread sample of them shows the backend accepts
/// what the client accepts.
const VALID_SENT: usize = 60;

/// A POST of any JSON to a create route.
struct Post {
    path: String,
    query: Query,
    body: Value,
}

impl Request for Post {
    type Response = Value;
    const METHOD: Method = Method::Post;
    const URI_TEMPLATE: &'static str = "/:create";

    fn path(&self) -> String {
        self.path.clone()
    }

    fn query(&self) -> Query {
        self.query.clone()
    }

    fn body(&self) -> Result<Option<Body>, serde_json::Error> {
        Ok(Some(Body::Json(serde_json::to_vec(&self.body)?)))
    }
}

/// What the server said.
#[derive(Debug)]
enum Answer {
    Accepted,
    /// A 400 with messages by property path.
    Refused {
        errors: BTreeMap<String, Vec<String>>,
        warnings: BTreeMap<String, Vec<String>>,
    },
    /// A 400 about references (a record that does not exist, or one in
    /// another repository), which only the server can decide.
    BadReference(String),
    /// A 500: the backend's code failed on the record.
    Crashed(String),
    /// The record's type has a URI but no create route; not counted.
    NoRoute,
    /// Anything else.
    Other(String),
}

impl Answer {
    fn describe(&self) -> String {
        match self {
            Answer::Accepted => "accepted".to_owned(),
            Answer::Refused { errors, warnings } => {
                format!("refused: errors {errors:?} warnings {warnings:?}")
            }
            Answer::BadReference(message) => format!("bad reference: {message}"),
            Answer::Crashed(message) => format!("crashed: {message}"),
            Answer::NoRoute => "no create route".to_owned(),
            Answer::Other(message) => format!("other: {message}"),
        }
    }
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

/// The corpus's top-level records of types that have a create route, with
/// the route's path for repository `repo`.
fn corpus_records(catalog: &Catalog, repo: i64) -> Vec<(String, String, Value)> {
    let mut files = Vec::new();
    json_files(Path::new(CORPUS), &mut files);
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let name = file
            .strip_prefix(CORPUS)
            .unwrap_or(&file)
            .display()
            .to_string();
        // `_responses` holds answers, not records; `_invalid` is kept: its
        // altered values are in read-only properties, which the backend
        // drops, so it must accept them as the client does.
        if name.contains("_responses") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let Ok(record @ Value::Object(_)) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let Some(record_type) = record.get("jsonmodel_type").and_then(Value::as_str) else {
            continue;
        };
        // Repositories and users are left out: a valid one would be made
        // for real, and other tests count them. Enumerations are site
        // configuration.
        if matches!(record_type, "repository" | "user" | "enumeration") {
            continue;
        }
        let Some(template) = catalog.get(record_type).and_then(|s| s.uri) else {
            continue;
        };
        let path = template.replace(":repo_id", &repo.to_string());
        if path.contains(':') {
            continue;
        }
        out.push((name, path, record));
    }
    out
}

/// One change to a record.
#[derive(Debug, Clone)]
struct Mutation {
    kind: &'static str,
    path: Vec<String>,
    /// `None` removes the value.
    value: Option<Value>,
}

impl Mutation {
    fn describe(&self) -> String {
        match &self.value {
            None => format!("{} {}: removed", self.kind, self.path.join("/")),
            Some(v) => {
                let mut shown = v.to_string();
                if shown.len() > 40 {
                    shown = format!("{}… ({} chars)", &shown[..20], shown.len());
                }
                format!("{} {}: {shown}", self.kind, self.path.join("/"))
            }
        }
    }

    fn apply(&self, record: &Value) -> Value {
        let mut record = record.clone();
        let Some((last, parents)) = self.path.split_last() else {
            return record;
        };
        let mut at = &mut record;
        for segment in parents {
            at = match at {
                Value::Object(map) => match map.get_mut(segment) {
                    Some(next) => next,
                    None => return record,
                },
                Value::Array(items) => {
                    match segment.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                        Some(next) => next,
                        None => return record,
                    }
                }
                _ => return record,
            };
        }
        if let Value::Object(map) = at {
            match &self.value {
                None => {
                    map.remove(last);
                }
                Some(value) => {
                    map.insert(last.clone(), value.clone());
                }
            }
        }
        record
    }
}

/// Every mutation the rules over a record suggest.
fn mutations_of(
    catalog: &Catalog,
    properties: &[Property],
    record: &Map<String, Value>,
    path: &mut Vec<String>,
    out: &mut Vec<Mutation>,
) {
    for property in properties {
        let Some(value) = record.get(property.name) else {
            continue;
        };
        if property.node.readonly || property.name == "jsonmodel_type" {
            continue;
        }
        path.push(property.name.to_owned());
        node_mutations(catalog, &property.node, value, path, out);
        path.pop();
    }
    // `check_date` of `validations.rb`: an end before the begin.
    if let (Some(Value::String(begin)), Some(_)) = (record.get("begin"), record.get("date_type")) {
        if let Some(year) = begin.get(..4).and_then(|y| y.parse::<u32>().ok()) {
            let mut at = path.clone();
            at.push("end".to_owned());
            out.push(Mutation {
                kind: "end before begin",
                path: at,
                value: Some(Value::String(format!("{}", year.saturating_sub(5)))),
            });
        }
    }
}

fn push(out: &mut Vec<Mutation>, kind: &'static str, path: &[String], value: Option<Value>) {
    out.push(Mutation {
        kind,
        path: path.to_vec(),
        value,
    });
}

fn node_mutations(
    catalog: &Catalog,
    node: &Node,
    value: &Value,
    path: &mut Vec<String>,
    out: &mut Vec<Mutation>,
) {
    if node.if_missing == Some(IfMissing::Error) {
        push(out, "required removed", path, None);
        if value.is_string() {
            push(out, "required blanked", path, Some(json!("")));
        }
    }
    for rule in node.rules {
        match rule {
            Rule::MaxLength(n) if *n <= 70_000 => {
                let too_long = "x".repeat(usize::try_from(*n).unwrap_or(0) + 1);
                push(out, "too long", path, Some(Value::String(too_long)));
            }
            Rule::DynamicEnum(_) => push(out, "dynamic enum", path, Some(json!("no_such_value"))),
            Rule::Enum(_) => push(out, "enum", path, Some(json!("no_such_option"))),
            Rule::Pattern(_) => push(out, "pattern", path, Some(json!("not matching !"))),
            Rule::MinItems(_) => push(out, "too few items", path, Some(json!([]))),
            _ => {}
        }
    }
    match (&node.ty, value) {
        (Ty::String, _) => push(out, "type", path, Some(json!(42))),
        (Ty::Boolean, _) => push(out, "type", path, Some(json!("yes"))),
        (Ty::Integer, _) => push(out, "type", path, Some(json!("seven"))),
        (Ty::Date, _) => push(out, "date", path, Some(json!("not a date"))),
        (Ty::Uri(_), _) => push(out, "uri", path, Some(json!("/nonsense/1"))),
        (Ty::Array, Value::Array(items)) => {
            push(out, "type", path, Some(json!("not a list")));
            if let (Some(item), Some(first)) = (node.items(), items.first()) {
                path.push("0".to_owned());
                node_mutations(catalog, item, first, path, out);
                path.pop();
            }
        }
        (Ty::Record(name), Value::Object(map)) => {
            if let Some(schema) = catalog.get(name) {
                let mut at = path.clone();
                at.push("jsonmodel_type".to_owned());
                push(out, "nested type", &at, Some(json!("subject")));
                mutations_of(catalog, schema.properties, map, path, out);
            }
        }
        (Ty::Object, Value::Object(map)) => {
            if let Some(properties) = node.properties() {
                mutations_of(catalog, properties, map, path, out);
            }
        }
        _ => {}
    }
}

/// The indexes of the records to send: every one the client refuses, and
/// at most [`VALID_SENT`] of those it accepts, spread evenly over them.
fn sample_valid(valid: impl Iterator<Item = bool>) -> Vec<usize> {
    let valid: Vec<bool> = valid.collect();
    let accepted = valid.iter().filter(|v| **v).count();
    let every = accepted.div_ceil(VALID_SENT).max(1);
    let mut seen = 0;
    let mut out = Vec::new();
    for (index, is_valid) in valid.iter().enumerate() {
        if *is_valid {
            if seen % every == 0 {
                out.push(index);
            }
            seen += 1;
        } else {
            out.push(index);
        }
    }
    out
}

/// Spreads the picks over the kinds of mutation, and over the records.
fn pick(mut all: Vec<(usize, Mutation)>, limit: usize) -> Vec<(usize, Mutation)> {
    let mut by_kind: BTreeMap<&'static str, Vec<(usize, Mutation)>> = BTreeMap::new();
    // A fixed shuffle (by a hash of place), so that every run sends the
    // same mutations and each kind draws from many records.
    all.sort_by_key(|(record, m)| {
        let key = format!("{record}{}", m.path.join("/"));
        key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        })
    });
    for entry in all {
        by_kind.entry(entry.1.kind).or_default().push(entry);
    }
    let mut picked = Vec::new();
    let mut round = 0;
    while picked.len() < limit {
        let mut any = false;
        for list in by_kind.values() {
            if let Some(entry) = list.get(round) {
                picked.push(entry.clone());
                any = true;
                if picked.len() == limit {
                    break;
                }
            }
        }
        if !any {
            break;
        }
        round += 1;
    }
    picked
}

async fn post(client: &Client, path: &str, record: &Value) -> Answer {
    let request = Post {
        path: path.to_owned(),
        query: Query::new(),
        body: record.clone(),
    };
    match client.send(&request).await {
        Ok(_) => Answer::Accepted,
        Err(Error::Validation {
            errors, warnings, ..
        }) => Answer::Refused {
            errors: errors.into_iter().map(without_schema_id).collect(),
            warnings,
        },
        Err(Error::BadRequest { message, .. })
            if message.contains("non-existent record")
                || message.contains("Invalid URI reference") =>
        {
            Answer::BadReference(message)
        }
        Err(error @ Error::Server { .. }) => Answer::Crashed(error.to_string()),
        Err(Error::RouteNotFound { .. }) => Answer::NoRoute,
        Err(other) => Answer::Other(other.to_string()),
    }
}

/// The messages no rule of ArchivesSpace's words (under `unknown`) end in
/// the id of the schema object the validator built, a UUID of its own
/// serialization; the client leaves it out.
fn without_schema_id((field, messages): (String, Vec<String>)) -> (String, Vec<String>) {
    if field != "unknown" {
        return (field, messages);
    }
    let messages = messages
        .into_iter()
        .map(|m| match m.rfind(" in schema ") {
            Some(cut) if m.ends_with('#') => m[..cut].to_owned(),
            _ => m,
        })
        .collect();
    (field, messages)
}

/// Refusals only the server can decide: references to records that do not
/// exist (database constraint errors) and values that must be unique.
fn server_only(errors: &BTreeMap<String, Vec<String>>) -> bool {
    errors.iter().all(|(field, messages)| {
        field == "db_error"
            || field == "conflicting_record"
            || messages.iter().all(|m| {
                let m = m.to_lowercase();
                m.contains("unique") || m.contains("in use")
            })
    })
}

#[derive(Default)]
struct Tally {
    agreed: usize,
    server_only: usize,
    disagreed: Vec<String>,
}

impl Tally {
    fn judge(&mut self, what: &str, client: &Validation, server: &Answer) {
        let agrees = match server {
            Answer::NoRoute => return,
            Answer::Accepted => client.is_valid(),
            Answer::Refused { errors, warnings } => {
                if client.errors == *errors && (client.warnings == *warnings || warnings.is_empty())
                {
                    true
                } else if client.is_valid() && server_only(errors) {
                    self.server_only += 1;
                    true
                } else {
                    false
                }
            }
            Answer::BadReference(_) if client.is_valid() => {
                self.server_only += 1;
                true
            }
            // The backend's code fails on some values of the wrong type
            // (a number where `check_date` expects a string) and on a
            // nested record of another type (its validator raises instead
            // of answering a 400): refused either way, as the client
            // refuses them.
            Answer::Crashed(_) => !client.is_valid(),
            Answer::BadReference(_) | Answer::Other(_) => false,
        };
        if agrees {
            self.agreed += 1;
        } else {
            self.disagreed.push(format!(
                "{what}\n    client: errors {:?} warnings {:?}\n    server: {}",
                client.errors,
                client.warnings,
                server.describe()
            ));
        }
    }

    fn total(&self) -> usize {
        self.agreed + self.disagreed.len()
    }

    fn rate(&self) -> f64 {
        if self.total() == 0 {
            return 0.0;
        }
        self.agreed as f64 / self.total() as f64
    }
}

/// The rules of the schemas alone: the catalog with no custom check
/// registered on any type. Without enumerations either, what it refuses is
/// what a JSON Schema of the record type can refuse.
fn schema_rules_only() -> &'static Catalog {
    static CATALOG_WITHOUT_CHECKS: OnceLock<Catalog> = OnceLock::new();
    CATALOG_WITHOUT_CHECKS.get_or_init(|| {
        let schemas: Vec<Schema> = CATALOG
            .schemas
            .iter()
            .map(|schema| Schema {
                name: schema.name,
                uri: schema.uri,
                properties: schema.properties,
                checks: Some(&[]),
            })
            .collect();
        Catalog {
            release: CATALOG.release,
            schemas: Box::leak(schemas.into_boxed_slice()),
        }
    })
}

/// The judged records with the backend's verdicts, one JSON line each, for
/// the OpenAPI agreement check. Each says whether the refusal is one a JSON
/// Schema can make (`expressible`): an acceptance always is; a refusal is
/// when the schemas' own rules refuse the record (the client's engine with
/// no custom check and no enumeration values), and not when only
/// `validations.rb`'s checks, a site's enumerations, a missing referenced
/// record or a unique value refuse it.
#[derive(Default)]
struct VerdictLog {
    lines: Vec<String>,
}

impl VerdictLog {
    fn add(&mut self, what: &str, record: &Value, server: &Answer) {
        let record_type = record["jsonmodel_type"].as_str().unwrap_or_default();
        let (accepted, expressible, why) = match server {
            Answer::NoRoute => return,
            Answer::Accepted => (true, true, "accepted"),
            Answer::Refused { errors, .. } if server_only(errors) => {
                (false, false, "refused for what only the server knows")
            }
            Answer::BadReference(_) => (false, false, "refused: a bad reference"),
            Answer::Other(_) => (false, false, "another answer"),
            Answer::Refused { .. } | Answer::Crashed(_) => {
                let by_schema = validate_value(schema_rules_only(), record_type, record, None)
                    .map(|v| !v.is_valid())
                    .unwrap_or(false);
                if by_schema {
                    (false, true, "refused by a rule of the schema")
                } else {
                    (
                        false,
                        false,
                        "refused by a check of validations.rb or a site's enumeration",
                    )
                }
            }
        };
        self.lines.push(
            json!({
                "what": what,
                "record_type": record_type,
                "record": record,
                "accepted": accepted,
                "expressible": expressible,
                "why": why,
                "answer": server.describe(),
            })
            .to_string(),
        );
    }

    /// Writes the lines to the file `ASPACE_OPENAPI_VERDICTS` names, if it
    /// names one.
    fn write(&self) -> std::io::Result<()> {
        let Some(path) = std::env::var_os("ASPACE_OPENAPI_VERDICTS") else {
            return Ok(());
        };
        let mut text = self.lines.join("\n");
        text.push('\n');
        std::fs::write(&path, text)?;
        println!(
            "{} verdicts written to {}",
            self.lines.len(),
            Path::new(&path).display()
        );
        Ok(())
    }
}

#[tokio::test]
async fn client_validation_agrees_with_the_backend_on_real_and_mutated_records() -> TestResult {
    // Its saves would make other tests' transactions wait on Derby's locks.
    let (backend, _db) = crate::backend!("validation agreement", exclusive);
    let client = backend.client()?;
    let repo = new_repository(&client, "val").await?;
    let answer: Value = client
        .send(&crate::support::AsJson(
            archivesspace::requests::config::enumerations::List::new(),
        ))
        .await?;
    let enums = Enumerations::from_config(&answer);
    assert!(enums.len() > 50, "only {} enumerations", enums.len());

    let records = corpus_records(&CATALOG, repo);
    assert!(records.len() > 200, "only {} corpus records", records.len());
    let verdicts: Vec<Validation> = records
        .iter()
        .map(|(_, _, record)| {
            let record_type = record["jsonmodel_type"].as_str().unwrap_or_default();
            validate_value(&CATALOG, record_type, record, Some(&enums))
        })
        .collect::<Result<_, _>>()?;
    let sent = sample_valid(verdicts.iter().map(Validation::is_valid));

    // The records as they are, a few at a time (the backend serves
    // requests in parallel; one at a time this test would take minutes).
    let answers: Vec<Answer> = stream::iter(sent.iter().map(|&i| &records[i]))
        .map(|(_, path, record)| post(&client, path, record))
        .buffered(IN_FLIGHT)
        .collect()
        .await;
    let mut originals = Tally::default();
    let mut log = VerdictLog::default();
    for (&index, server) in sent.iter().zip(&answers) {
        originals.judge(&records[index].0, &verdicts[index], server);
        log.add(&records[index].0, &records[index].2, server);
    }

    // Mutated copies.
    let mut all = Vec::new();
    for (index, (_, _, record)) in records.iter().enumerate() {
        let record_type = record["jsonmodel_type"].as_str().unwrap_or_default();
        let (Some(schema), Value::Object(map)) = (CATALOG.get(record_type), record) else {
            continue;
        };
        let mut found = Vec::new();
        mutations_of(
            &CATALOG,
            schema.properties,
            map,
            &mut Vec::new(),
            &mut found,
        );
        all.extend(found.into_iter().map(|m| (index, m)));
    }
    let picked = pick(all, MUTATIONS);
    let changed: Vec<Value> = picked
        .iter()
        .map(|(index, mutation)| mutation.apply(&records[*index].2))
        .collect();
    let mutated_verdicts: Vec<Validation> = picked
        .iter()
        .zip(&changed)
        .map(|((index, _), changed)| {
            let record_type = records[*index].2["jsonmodel_type"]
                .as_str()
                .unwrap_or_default();
            validate_value(&CATALOG, record_type, changed, Some(&enums))
        })
        .collect::<Result<_, _>>()?;
    let kept = sample_valid(mutated_verdicts.iter().map(Validation::is_valid));
    let picked: Vec<(usize, Mutation)> = kept.iter().map(|&i| picked[i].clone()).collect();
    let changed: Vec<Value> = kept.iter().map(|&i| changed[i].clone()).collect();
    let mutated_verdicts: Vec<Validation> =
        kept.iter().map(|&i| mutated_verdicts[i].clone()).collect();
    let answers: Vec<Answer> = stream::iter(picked.iter().zip(&changed))
        .map(|((index, _), changed)| post(&client, &records[*index].1, changed))
        .buffered(IN_FLIGHT)
        .collect()
        .await;
    let mut mutated = Tally::default();
    let mut kinds: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for ((((index, mutation), client_verdict), server), changed) in picked
        .iter()
        .zip(&mutated_verdicts)
        .zip(&answers)
        .zip(&changed)
    {
        let name = &records[*index].0;
        let before = mutated.agreed;
        let what = format!("{name}: {}", mutation.describe());
        mutated.judge(&what, client_verdict, server);
        log.add(&what, changed, server);
        let entry = kinds.entry(mutation.kind).or_default();
        entry.1 += 1;
        if mutated.agreed > before {
            entry.0 += 1;
        }
    }

    println!(
        "validation agreement with the real backend: corpus records {}/{} ({:.1}%), \
         mutated records {}/{} ({:.1}%; {} refused for what only the server knows)",
        originals.agreed,
        originals.total(),
        originals.rate() * 100.0,
        mutated.agreed,
        mutated.total(),
        mutated.rate() * 100.0,
        mutated.server_only + originals.server_only,
    );
    for (kind, (agreed, total)) in &kinds {
        println!("  {kind}: {agreed}/{total}");
    }
    for disagreement in originals.disagreed.iter().chain(&mutated.disagreed) {
        println!("disagreement: {disagreement}");
    }
    log.write()?;
    assert!(
        mutated.total() >= 200,
        "only {} mutations sent",
        mutated.total()
    );
    assert!(
        originals.total() >= 60,
        "only {} corpus records sent",
        originals.total()
    );
    assert!(
        originals.rate() >= 0.98 && mutated.rate() >= 0.98,
        "agreement below 98%: {} disagreements (printed above)",
        originals.disagreed.len() + mutated.disagreed.len()
    );
    Ok(())
}

#[tokio::test]
async fn a_validating_client_refuses_what_the_backend_refuses_without_sending_it() -> TestResult {
    use archivesspace::requests::accessions;
    use archivesspace::{Accession, Date};

    let invalid = Accession {
        title: Some("Papers".into()),
        acquisition_type: Some("no_such_type".into()),
        dates: vec![Date {
            date_type: Some("inclusive".into()),
            label: Some("creation".into()),
            begin: Some("1990-01-01".into()),
            end: Some("1980".into()),
            ..Default::default()
        }],
        ..Default::default()
    };

    // Nothing listens on port 9: the refusal is the client's own.
    let offline = Client::builder()
        .base_url("http://127.0.0.1:9")
        .credentials("nobody", "nothing")
        .validate_writes(true)
        .build()?;
    match offline
        .send(&accessions::Create::new(2, invalid.clone()))
        .await
    {
        Err(Error::Validation { errors, .. }) => {
            assert_eq!(errors["id_0"], ["Property is required but was missing"]);
            assert_eq!(errors["dates/0/end"], ["must not be before begin"]);
            // No enumerations given: the dynamic one is left to the server.
            assert!(!errors.contains_key("acquisition_type"), "{errors:?}");
        }
        other => panic!("expected a validation error before sending, got {other:?}"),
    }

    let (backend, _db) = crate::backend!("validating client");
    let plain = backend.client()?;
    let validating = Client::builder()
        .base_url(&backend.url)
        .credentials(&backend.username, backend.password.as_str())
        .validate_writes(true)
        .build()?;
    validating.use_enumerations(plain.fetch_enumerations().await?);
    let repo = new_repository(&plain, "valw").await?;

    let from_server = plain
        .send(&accessions::Create::new(repo, invalid.clone()))
        .await;
    let from_client = validating
        .send(&accessions::Create::new(repo, invalid))
        .await;
    match (from_server, from_client) {
        (
            Err(Error::Validation {
                errors: server,
                warnings: server_warnings,
                ..
            }),
            Err(Error::Validation {
                errors: client,
                warnings: client_warnings,
                ..
            }),
        ) => {
            assert_eq!(client, server);
            assert_eq!(client_warnings, server_warnings);
            assert!(client.contains_key("acquisition_type"), "{client:?}");
        }
        other => panic!("expected both to refuse with a validation error, got {other:?}"),
    }

    // A valid record goes through.
    let valid = Accession {
        title: Some("Papers".into()),
        id_0: Some(crate::support::unique("V")),
        accession_date: Some("2020-01-02".into()),
        ..Default::default()
    };
    let created = validating
        .send(&accessions::Create::new(repo, valid))
        .await?;
    assert!(created.id > 0);
    Ok(())
}
