//! What the tree routes of resources, digital objects and classifications
//! answer (`tree/root`, `tree/waypoint`, `tree/node`, `tree/node_from_root`).
//!
//! These answers are not JSONModel records, so the schemas do not describe
//! them; their shape is ArchivesSpace's `LargeTree` (`backend/app/model/
//! large_tree.rb`), which every release since v2.8 serves. A tree's
//! children come in *waypoints*: pages of `waypoint_size` (200) children in
//! position order. Keys these types do not name (`slugged_url`,
//! `parsed_title`, the decorators' `level`, `identifier`, ... and whatever a
//! later release adds) are kept in `extra`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The first waypoint of children, as `precomputed_waypoints` holds it:
/// parent URI (`""` for the root) → waypoint number → children.
pub type Waypoints = BTreeMap<String, BTreeMap<u64, Vec<TreeChild>>>;

/// `tree/root`: the record at the root of a tree and its first children.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TreeRoot {
    /// The root's title.
    #[serde(default)]
    pub title: Option<String>,
    /// The root record's URI.
    pub uri: String,
    /// `resource`, `digital_object` or `classification`.
    #[serde(default)]
    pub jsonmodel_type: Option<String>,
    /// Children directly under the root.
    pub child_count: u64,
    /// How many waypoints those children fill.
    pub waypoints: u64,
    /// Children per waypoint.
    pub waypoint_size: u64,
    /// The first waypoint, under the key `""`.
    #[serde(default)]
    pub precomputed_waypoints: Waypoints,
    /// Keys not named above, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `tree/node`: one record of a tree and its first children.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TreeNode {
    /// The record's display title.
    #[serde(default)]
    pub title: Option<String>,
    /// The record's URI.
    pub uri: String,
    /// `archival_object`, `digital_object_component` or
    /// `classification_term`.
    #[serde(default)]
    pub jsonmodel_type: Option<String>,
    /// Its place among its siblings, from 1.
    #[serde(default)]
    pub position: Option<u64>,
    /// Children directly under it.
    pub child_count: u64,
    /// How many waypoints those children fill.
    pub waypoints: u64,
    /// Children per waypoint.
    pub waypoint_size: u64,
    /// The first waypoint, under the node's URI.
    #[serde(default)]
    pub precomputed_waypoints: Waypoints,
    /// Keys not named above, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One child in a waypoint (`tree/waypoint` answers a list of them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TreeChild {
    /// The record's title.
    #[serde(default)]
    pub title: Option<String>,
    /// The record's URI.
    pub uri: String,
    /// The record type.
    #[serde(default)]
    pub jsonmodel_type: Option<String>,
    /// Its place among its siblings, from 0.
    pub position: u64,
    /// The parent's id; `None` directly under the root.
    #[serde(default)]
    pub parent_id: Option<i64>,
    /// Children directly under it.
    pub child_count: u64,
    /// How many waypoints those children fill.
    pub waypoints: u64,
    /// Children per waypoint.
    pub waypoint_size: u64,
    /// Keys not named above, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `tree/node_from_root`: for each node id asked for, the steps from the
/// root down to it.
pub type TreePaths = BTreeMap<String, Vec<PathStep>>;

/// One step of a path from the root: which waypoint of which node holds the
/// next step.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PathStep {
    /// The node to expand; `None` for the root.
    #[serde(default)]
    pub node: Option<String>,
    /// The tree's root record.
    #[serde(default)]
    pub root_record_uri: Option<String>,
    /// The waypoint of `node` that holds the next step.
    pub offset: u64,
    /// The record type of `node` (or of the root).
    #[serde(default)]
    pub jsonmodel_type: Option<String>,
    /// The title of `node` (or of the root).
    #[serde(default)]
    pub title: Option<String>,
    /// Keys not named above, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
