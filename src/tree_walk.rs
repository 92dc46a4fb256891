//! Walking a whole tree (a resource's archival objects, a digital object's
//! components, a classification's terms) in order, waypoint by waypoint.
//!
//! Every release from v2.8.0 serves `tree/root` and `tree/waypoint` (v3.3.0
//! removed only the old whole-tree `/tree` route), so the walk works on
//! bindings of any of them.

use std::collections::VecDeque;

use archivesspace_core::trees::{TreeChild, TreeRoot};
use futures::stream::{self, Stream, StreamExt, TryStreamExt};

use crate::routes::{TreeRootOf, TreeWaypoint};
use crate::{Client, Error};

/// A tree to walk: the record at its root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tree {
    /// A resource and its archival objects.
    Resource {
        /// The repository.
        repo_id: i64,
        /// The resource.
        id: i64,
    },
    /// A digital object and its components.
    DigitalObject {
        /// The repository.
        repo_id: i64,
        /// The digital object.
        id: i64,
    },
    /// A classification and its terms.
    Classification {
        /// The repository.
        repo_id: i64,
        /// The classification.
        id: i64,
    },
}

impl Tree {
    /// The record type's path segment, the repository and the root's id.
    fn route(self) -> (&'static str, i64, i64) {
        match self {
            Tree::Resource { repo_id, id } => ("resources", repo_id, id),
            Tree::DigitalObject { repo_id, id } => ("digital_objects", repo_id, id),
            Tree::Classification { repo_id, id } => ("classifications", repo_id, id),
        }
    }
}

/// One record met on a walk.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeEntry {
    /// The record as its parent's waypoint lists it (URI, title, position,
    /// how many children it has).
    pub node: TreeChild,
    /// 1 for the root's children, 2 for theirs, ...
    pub depth: usize,
    /// The parent's URI; the root record's for the root's children.
    pub parent: String,
}

/// The children still to visit at one level of the walk.
struct Level {
    depth: usize,
    parent: String,
    children: VecDeque<TreeChild>,
}

struct Walk {
    client: Client,
    tree: Tree,
    concurrency: usize,
    /// The path from the root to where the walk is, innermost last.
    levels: Vec<Level>,
    /// A record just yielded whose children come next.
    expand: Option<(usize, TreeChild)>,
    started: bool,
}

impl Client {
    /// Every record of `tree` in order, depth first (each record before its
    /// children, siblings in position order), each with its depth and its
    /// parent.
    ///
    /// A record's children are fetched when the walk reaches it, a waypoint
    /// (200 children) a request, at most `concurrency` requests at once
    /// (the first waypoint of the root comes with `tree/root`). The stream
    /// ends after the first error, which it yields.
    ///
    /// ```no_run
    /// # async fn run(client: archivesspace::Client) -> Result<(), archivesspace::Error> {
    /// use archivesspace::Tree;
    /// use futures::TryStreamExt;
    ///
    /// let mut walk = Box::pin(client.walk_tree(Tree::Resource { repo_id: 2, id: 7 }, 4));
    /// while let Some(entry) = walk.try_next().await? {
    ///     let indent = "  ".repeat(entry.depth - 1);
    ///     println!("{indent}{}", entry.node.title.as_deref().unwrap_or(&entry.node.uri));
    /// }
    /// # Ok(()) }
    /// ```
    pub fn walk_tree(
        &self,
        tree: Tree,
        concurrency: usize,
    ) -> impl Stream<Item = Result<TreeEntry, Error>> + Send + 'static {
        let walk = Walk {
            client: self.clone(),
            tree,
            concurrency: concurrency.max(1),
            levels: Vec::new(),
            expand: None,
            started: false,
        };
        stream::try_unfold(walk, |mut walk| async move {
            let entry = walk.next().await?;
            Ok(entry.map(|entry| (entry, walk)))
        })
    }
}

impl Walk {
    async fn next(&mut self) -> Result<Option<TreeEntry>, Error> {
        if !self.started {
            self.started = true;
            let root = self.root().await?;
            let first = root
                .precomputed_waypoints
                .get("")
                .and_then(|w| w.get(&0))
                .cloned()
                .unwrap_or_default();
            let children = self
                .children(None, root.child_count, root.waypoints, first)
                .await?;
            self.levels.push(Level {
                depth: 1,
                parent: root.uri,
                children: children.into(),
            });
        }
        if let Some((depth, node)) = self.expand.take() {
            let children = self
                .children(
                    Some(&node.uri),
                    node.child_count,
                    node.waypoints,
                    Vec::new(),
                )
                .await?;
            self.levels.push(Level {
                depth: depth + 1,
                parent: node.uri,
                children: children.into(),
            });
        }
        while let Some(level) = self.levels.last_mut() {
            let Some(node) = level.children.pop_front() else {
                self.levels.pop();
                continue;
            };
            let entry = TreeEntry {
                node: node.clone(),
                depth: level.depth,
                parent: level.parent.clone(),
            };
            // A record among its own ancestors would be walked for ever, a
            // level deeper each time.
            if self.levels.iter().any(|level| level.parent == node.uri) {
                return Err(
                    self.malformed(format!("{} is listed among its own descendants", node.uri))
                );
            }
            if node.child_count > 0 {
                self.expand = Some((entry.depth, node));
            }
            return Ok(Some(entry));
        }
        Ok(None)
    }

    async fn root(&self) -> Result<TreeRoot, Error> {
        let (kind, repo_id, id) = self.tree.route();
        self.client.send(&TreeRootOf::new(kind, repo_id, id)).await
    }

    /// The children of `parent` (the root when `None`): `child_count` of
    /// them in `waypoints` waypoints, of which those in `known` (from the
    /// start) are in hand.
    async fn children(
        &self,
        parent: Option<&str>,
        child_count: u64,
        waypoints: u64,
        known: Vec<TreeChild>,
    ) -> Result<Vec<TreeChild>, Error> {
        // Every waypoint holds at least one child: more waypoints than
        // children would have the walk ask for (and hold) waypoints that
        // cannot exist, without end if the number is huge.
        if waypoints > child_count {
            return Err(self.malformed(format!(
                "{} has {waypoints} waypoints for {child_count} children",
                parent.unwrap_or("the root")
            )));
        }
        let first = u64::from(!known.is_empty());
        let fetched: Vec<Vec<TreeChild>> = stream::iter(first..waypoints)
            .map(|offset| self.waypoint(parent, offset))
            .buffered(self.concurrency)
            .try_collect()
            .await?;
        let mut all = known;
        all.extend(fetched.into_iter().flatten());
        Ok(all)
    }

    /// An answer of the tree's routes that cannot be a real tree's.
    fn malformed(&self, message: String) -> Error {
        let (kind, repo_id, id) = self.tree.route();
        Error::malformed(
            archivesspace_core::request::Method::Get,
            &format!("/repositories/{repo_id}/{kind}/{id}/tree"),
            ".",
            message,
        )
    }

    async fn waypoint(&self, parent: Option<&str>, offset: u64) -> Result<Vec<TreeChild>, Error> {
        let (kind, repo_id, id) = self.tree.route();
        let request = TreeWaypoint::new(kind, repo_id, id, offset, parent);
        self.client.send(&request).await
    }
}
