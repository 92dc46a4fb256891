//! `GET /search` and `GET /repositories/:repo_id/search` over the fake's
//! archival objects, answering the way ArchivesSpace's `Solr.search` does
//! (`backend/app/model/solr.rb`): the page numbers, `total_hits`, each hit
//! as an index document whose `json` member is the record as a string, and
//! Solr's `facet_counts` under `facets`.
//!
//! Only what the tests need of Solr's query language is understood: `q` as
//! words that must all occur in the record (`*` or `*:*` for everything),
//! `type[]`, and `filter_query[]` of the form `field:value` or
//! `field:"value"` on the document's fields.

use std::collections::BTreeMap;

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Map, Value};

use crate::config::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, REPO_ID};
use crate::handlers::authorize;
use crate::rack::{self, Param};
use crate::responses::{access_denied, bad_params, ok, ruby_exception};
use crate::state::{lock, AppState, Caller};

/// `GET /repositories/:repo_id/search`.
pub(crate) async fn repository(
    State(shared): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(repo_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    if let Err(response) = authorize(&caller, &repo_id) {
        return response;
    }
    run(&shared, query.as_deref().unwrap_or(""))
}

/// `GET /search` (`view_all_records`, which the fake's one user has).
pub(crate) async fn global(
    State(shared): State<AppState>,
    Extension(caller): Extension<Caller>,
    RawQuery(query): RawQuery,
) -> Response {
    if matches!(caller, Caller::Anonymous) {
        return access_denied();
    }
    run(&shared, query.as_deref().unwrap_or(""))
}

/// A parameter's values: one for `name=v`, all for `name[]=a&name[]=b`.
fn values(params: &std::collections::HashMap<String, Param>, name: &str) -> Vec<String> {
    match params.get(name) {
        Some(Param::One(v)) => vec![v.clone()],
        Some(Param::Many(vs)) => vs.clone(),
        None => Vec::new(),
    }
}

fn one(params: &std::collections::HashMap<String, Param>, name: &str) -> Option<String> {
    values(params, name).pop()
}

fn run(shared: &AppState, query: &str) -> Response {
    let params = rack::parse(query);
    // `.paged(true)` makes `page` a required parameter.
    let Some(page) = one(&params, "page") else {
        return bad_params(json!({"page": ["Parameter required but no value provided"]}));
    };
    let page = match rack::integer(&page) {
        Ok(p) if p >= 1 => p,
        _ => return bad_params(json!({"page": [format!("Wanted type Integer but got '{page}'")]})),
    };
    let page_size = match one(&params, "page_size").map(|s| rack::integer(&s)) {
        None => DEFAULT_PAGE_SIZE,
        Some(Ok(size)) if size >= 1 => size.min(MAX_PAGE_SIZE),
        Some(_) => return bad_params(json!({"page_size": ["Wanted type Integer"]})),
    };
    let words: Vec<String> = one(&params, "q")
        .filter(|q| !matches!(q.trim(), "" | "*" | "*:*"))
        .map(|q| {
            q.split_whitespace()
                .map(|w| w.trim_matches('"').to_lowercase())
                .collect()
        })
        .unwrap_or_default();
    let types = values(&params, "type");
    let mut filters = Vec::new();
    for filter in values(&params, "filter_query") {
        match filter.split_once(':') {
            Some((field, value)) => filters.push((
                field.trim().to_owned(),
                value.trim().trim_matches('"').to_owned(),
            )),
            // Solr would refuse it; ArchivesSpace turns that into a 500.
            None => {
                return ruby_exception("RuntimeError", &format!("Solr search failed: {filter}"))
            }
        }
    }
    let facet_fields = values(&params, "facet");

    let db = lock(&shared.db);
    let wanted_type = types.is_empty() || types.iter().any(|t| t == "archival_object");
    let mut hits: Vec<Map<String, Value>> = Vec::new();
    if wanted_type {
        for text in db.records.values() {
            let lower = text.to_lowercase();
            if !words.iter().all(|w| lower.contains(w.as_str())) {
                continue;
            }
            let Ok(record) = serde_json::from_str::<Value>(text) else {
                continue;
            };
            let doc = document(&record, text);
            if filters.iter().all(|(field, value)| has(&doc, field, value)) {
                hits.push(doc);
            }
        }
    }
    drop(db);

    let mut facets = Map::new();
    for field in &facet_fields {
        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        for doc in &hits {
            for value in field_values(doc, field) {
                *counts.entry(value).or_default() += 1;
            }
        }
        let mut counts: Vec<(String, u64)> = counts.into_iter().collect();
        // Solr's default facet order: by count, then by value.
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let flat: Vec<Value> = counts
            .into_iter()
            .flat_map(|(value, count)| [json!(value), json!(count)])
            .collect();
        facets.insert(field.clone(), Value::Array(flat));
    }

    let total = i64::try_from(hits.len()).unwrap_or(i64::MAX);
    let start = (page - 1).saturating_mul(page_size);
    let skip = usize::try_from(start).unwrap_or(usize::MAX);
    let take = usize::try_from(page_size).unwrap_or(0);
    let results: Vec<Value> = hits
        .into_iter()
        .skip(skip)
        .take(take)
        .map(Value::Object)
        .collect();
    ok(json!({
        "page_size": page_size,
        "first_page": 1,
        "last_page": (total + page_size - 1) / page_size,
        "this_page": page,
        "offset_first": start + 1,
        "offset_last": (start + page_size).min(total),
        "total_hits": total,
        "results": results,
        "facets": {
            "facet_queries": {},
            "facet_fields": facets,
            "facet_ranges": {},
            "facet_intervals": {},
            "facet_heatmaps": {}
        }
    }))
}

/// The index document of an archival object, with the fields ArchivesSpace's
/// indexer writes that the fake's filters and facets use.
fn document(record: &Value, text: &str) -> Map<String, Value> {
    let uri = record.get("uri").cloned().unwrap_or(Value::Null);
    let mut doc = Map::new();
    doc.insert("id".into(), uri.clone());
    doc.insert("uri".into(), uri);
    doc.insert(
        "title".into(),
        record.get("title").cloned().unwrap_or(Value::Null),
    );
    doc.insert("primary_type".into(), json!("archival_object"));
    doc.insert("types".into(), json!(["archival_object"]));
    doc.insert("json".into(), Value::String(text.to_owned()));
    doc.insert("suppressed".into(), json!(false));
    doc.insert(
        "publish".into(),
        record.get("publish").cloned().unwrap_or(json!(false)),
    );
    doc.insert("system_generated".into(), json!(false));
    doc.insert(
        "repository".into(),
        json!(format!("/repositories/{REPO_ID}")),
    );
    doc.insert(
        "level".into(),
        record.get("level").cloned().unwrap_or(Value::Null),
    );
    doc.insert(
        "ref_id".into(),
        record.get("ref_id").cloned().unwrap_or(Value::Null),
    );
    doc.insert("jsonmodel_type".into(), json!("archival_object"));
    doc
}

/// A document field's values as text (a list field has several).
fn field_values(doc: &Map<String, Value>, field: &str) -> Vec<String> {
    match doc.get(field) {
        Some(Value::Array(items)) => items.iter().filter_map(text_of).collect(),
        Some(value) => text_of(value).into_iter().collect(),
        None => Vec::new(),
    }
}

fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

fn has(doc: &Map<String, Value>, field: &str, value: &str) -> bool {
    field_values(doc, field).iter().any(|v| v == value)
}
