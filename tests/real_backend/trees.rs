//! Walking a whole resource tree: three levels, more than one waypoint's
//! worth of children (a waypoint is 200), every archival object once, in
//! order.

use std::collections::BTreeSet;

use archivesspace::requests::resources;
use archivesspace::trees::TreeRoot;
use archivesspace::Tree;
use futures::TryStreamExt;
use serde_json::{json, Value};

use crate::support::{new_repository, resource_json, TestResult};

/// Children directly under the resource: two waypoints.
const TOP: usize = 205;

#[tokio::test]
async fn a_tree_walk_meets_every_record_once_in_order() -> TestResult {
    let (backend, _database) =
        crate::backend!("a_tree_walk_meets_every_record_once_in_order", exclusive);
    let client = backend.client()?;
    let repo = new_repository(&client, "tree").await?;
    let r = format!("/repositories/{repo}");
    let mut resource = resource_json("Tree");
    resource["jsonmodel_type"] = json!("resource");
    resource["uri"] = json!(format!("{r}/resources/import_0"));

    // The batch, and the walk it should give: (title, depth) in pre-order.
    let mut batch: Vec<Value> = vec![resource];
    let mut expected: Vec<(String, usize)> = Vec::new();
    let mut next_uri = 1u32;
    let mut object = |title: &str, parent: Option<&str>, position: usize| -> (Value, String) {
        let uri = format!("{r}/archival_objects/import_{next_uri:x}");
        next_uri += 1;
        let mut record = json!({"jsonmodel_type": "archival_object", "uri": uri,
            "title": title, "level": "file", "position": position,
            "resource": {"ref": format!("{r}/resources/import_0")}});
        if let Some(parent) = parent {
            record["parent"] = json!({"ref": parent});
        }
        (record, uri)
    };
    for i in 0..TOP {
        let title = format!("{i:03}");
        let (record, uri) = object(&title, None, i);
        batch.push(record);
        expected.push((title.clone(), 1));
        if i == 0 || i == TOP - 1 {
            for j in 0..3 {
                let child = format!("{title}.{j}");
                let (record, child_uri) = object(&child, Some(&uri), j);
                batch.push(record);
                expected.push((child.clone(), 2));
                if j == 0 {
                    for k in 0..2 {
                        let grandchild = format!("{child}.{k}");
                        batch.push(object(&grandchild, Some(&child_uri), k).0);
                        expected.push((grandchild, 3));
                    }
                }
            }
        }
    }
    let imported = client.batch_import(repo, &batch, |_| {}).await?;
    let resource_uri = imported
        .uri_of(&format!("{r}/resources/import_0"))
        .ok_or("the resource was not saved")?
        .to_owned();
    let resource_id = imported.saved[&format!("{r}/resources/import_0")].id;

    let root: TreeRoot = client
        .send(&resources::tree::Root::new(repo, resource_id))
        .await?;
    assert_eq!(root.child_count, TOP as u64);
    assert_eq!(root.waypoints, 2, "more than one waypoint of children");

    let entries: Vec<_> = client
        .walk_tree(
            Tree::Resource {
                repo_id: repo,
                id: resource_id,
            },
            3,
        )
        .try_collect()
        .await?;
    let walked: Vec<(String, usize)> = entries
        .iter()
        .map(|e| (e.node.title.clone().unwrap_or_default(), e.depth))
        .collect();
    assert_eq!(walked, expected);
    let uris: BTreeSet<&str> = entries.iter().map(|e| e.node.uri.as_str()).collect();
    assert_eq!(uris.len(), entries.len(), "every record once");
    assert_eq!(entries.len(), batch.len() - 1, "every archival object");
    assert!(entries
        .iter()
        .filter(|e| e.depth == 1)
        .all(|e| e.parent == resource_uri));
    // A child's parent is the entry before it at the depth above.
    for (i, entry) in entries.iter().enumerate().filter(|(_, e)| e.depth > 1) {
        let parent = entries[..i]
            .iter()
            .rev()
            .find(|p| p.depth == entry.depth - 1)
            .ok_or("a parent before its child")?;
        assert_eq!(entry.parent, parent.node.uri);
    }
    Ok(())
}
