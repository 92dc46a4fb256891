//! `GET /repositories/:repo_id/resources/:id/tree/root` and `.../tree/waypoint`
//! over the fake's archival objects, shaped as ArchivesSpace's large-tree
//! routes answer (`backend/app/model/large_tree.rb`): the root with its
//! first waypoint precomputed, then waypoints of up to 200 children.
//!
//! The fake keeps no resources and no `parent` links, so a resource exists
//! while an archival object names it, and the tree is made up from the ids,
//! deterministically: of a resource's archival objects in id order, every
//! tenth (the first, the eleventh, ...) hangs from the resource and the nine
//! after it from that one. Two levels, and as many waypoints as the records
//! make, are what a tree walk needs to be tested.

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Value};

use crate::config::REPO_ID;
use crate::handlers::authorize;
use crate::rack::{self, Param};
use crate::responses::{bad_params, ok, record_not_found};
use crate::state::{lock, AppState, Caller};

/// Children per waypoint, as ArchivesSpace's `LargeTree::WAYPOINT_SIZE`.
const WAYPOINT_SIZE: usize = 200;

/// Records per group: the head and the records hanging from it.
const GROUP: usize = 10;

/// The ids of the archival objects of resource `id`, ascending, with their
/// titles.
fn members(shared: &AppState, id: &str) -> Vec<(i64, Option<String>)> {
    let resource = format!("/repositories/{REPO_ID}/resources/{id}");
    let db = lock(&shared.db);
    db.records
        .iter()
        .filter_map(|(&id, text)| {
            let record: Value = serde_json::from_str(text).ok()?;
            (record["resource"]["ref"].as_str() == Some(resource.as_str()))
                .then(|| (id, record["title"].as_str().map(str::to_owned)))
        })
        .collect()
}

fn uri(id: i64) -> String {
    format!("/repositories/{REPO_ID}/archival_objects/{id}")
}

fn waypoints(children: usize) -> usize {
    children.div_ceil(WAYPOINT_SIZE)
}

/// The node answer for `members[index]`, at `position` among its siblings.
fn child(members: &[(i64, Option<String>)], index: usize, position: usize) -> Value {
    let (id, title) = &members[index];
    let is_head = index % GROUP == 0;
    let children = if is_head {
        (members.len() - index - 1).min(GROUP - 1)
    } else {
        0
    };
    let parent_id = (!is_head).then(|| members[index - index % GROUP].0);
    json!({
        "title": title,
        "uri": uri(*id),
        "jsonmodel_type": "archival_object",
        "position": position,
        "parent_id": parent_id,
        "child_count": children,
        "waypoints": waypoints(children),
        "waypoint_size": WAYPOINT_SIZE,
    })
}

/// The children of the resource (`parent` `None`) or of one record, as
/// indexes into `members`.
fn children_of(members: &[(i64, Option<String>)], parent: Option<i64>) -> Option<Vec<usize>> {
    match parent {
        None => Some((0..members.len()).step_by(GROUP).collect()),
        Some(parent) => {
            let index = members.iter().position(|(id, _)| *id == parent)?;
            if index % GROUP != 0 {
                return Some(Vec::new());
            }
            Some((index + 1..members.len().min(index + GROUP)).collect())
        }
    }
}

/// One waypoint of `children`, each at its position among them.
fn waypoint(members: &[(i64, Option<String>)], children: &[usize], offset: usize) -> Vec<Value> {
    children
        .iter()
        .enumerate()
        .skip(offset.saturating_mul(WAYPOINT_SIZE))
        .take(WAYPOINT_SIZE)
        .map(|(position, &index)| child(members, index, position))
        .collect()
}

/// `GET /repositories/:repo_id/resources/:id/tree/root`.
pub(crate) async fn root(
    State(shared): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((repo_id, id)): Path<(String, String)>,
) -> Response {
    if let Err(response) = authorize(&caller, &repo_id) {
        return response;
    }
    let members = members(&shared, &id);
    if members.is_empty() {
        return record_not_found();
    }
    let top = children_of(&members, None).unwrap_or_default();
    ok(json!({
        "title": format!("Resource {id}"),
        "uri": format!("/repositories/{REPO_ID}/resources/{id}"),
        "jsonmodel_type": "resource",
        "child_count": top.len(),
        "waypoints": waypoints(top.len()),
        "waypoint_size": WAYPOINT_SIZE,
        "precomputed_waypoints": {"": {"0": waypoint(&members, &top, 0)}},
    }))
}

/// `GET /repositories/:repo_id/resources/:id/tree/waypoint?offset=n[&parent_node=uri]`.
pub(crate) async fn waypoint_route(
    State(shared): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((repo_id, id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Response {
    if let Err(response) = authorize(&caller, &repo_id) {
        return response;
    }
    let params = rack::parse(query.as_deref().unwrap_or(""));
    let offset = match params.get("offset") {
        Some(Param::One(text)) => match text.trim().parse::<usize>() {
            Ok(offset) => offset,
            Err(_) => {
                return bad_params(
                    json!({"offset": [format!("Wanted type Integer but got '{text}'")]}),
                )
            }
        },
        _ => return bad_params(json!({"offset": ["Parameter required but no value provided"]})),
    };
    let parent = match params.get("parent_node") {
        None => None,
        Some(Param::One(node)) => {
            let prefix = format!("/repositories/{REPO_ID}/archival_objects/");
            match node.strip_prefix(&prefix).and_then(|id| id.parse().ok()) {
                Some(id) => Some(id),
                None => return record_not_found(),
            }
        }
        Some(Param::Many(_)) => {
            return bad_params(json!({"parent_node": ["Wanted type String but got an array"]}))
        }
    };
    let members = members(&shared, &id);
    if members.is_empty() {
        return record_not_found();
    }
    match children_of(&members, parent) {
        Some(children) => ok(Value::Array(waypoint(&members, &children, offset))),
        None => record_not_found(),
    }
}
