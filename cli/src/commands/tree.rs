//! `aspace tree URI`: a resource's, digital object's or classification's
//! whole tree, depth first, as indented titles or as JSON Lines with each
//! record's depth and parent.

use std::io::{BufWriter, Write};

use archivesspace::{Client, Tree};
use clap::{Args, ValueEnum};
use futures::TryStreamExt;

use crate::error::{write_failed, Failure, Outcome};

/// How the tree is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TreeFormat {
    /// Titles, two spaces of indent a level, each with its URI.
    Text,
    /// One JSON object a record: uri, title, depth, parent, position, ...
    Jsonl,
}

/// `tree`'s arguments.
#[derive(Debug, Args)]
pub struct TreeArgs {
    /// The root: /repositories/2/resources/7, /repositories/2/digital_objects/3
    /// or /repositories/2/classifications/1.
    pub uri: String,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = TreeFormat::Text)]
    pub format: TreeFormat,
    /// Waypoint requests in flight at once.
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub concurrency: usize,
}

fn parse_tree(uri: &str) -> Outcome<Tree> {
    let parts: Vec<&str> = uri.trim_matches('/').split('/').collect();
    let not_a_tree = || {
        Failure::usage(format!(
            "{uri}: not the root of a tree (a resource, digital object or classification URI)"
        ))
    };
    let ["repositories", repo, kind, id] = parts.as_slice() else {
        return Err(not_a_tree());
    };
    let (Ok(repo_id), Ok(id)) = (repo.parse(), id.parse()) else {
        return Err(not_a_tree());
    };
    match *kind {
        "resources" => Ok(Tree::Resource { repo_id, id }),
        "digital_objects" => Ok(Tree::DigitalObject { repo_id, id }),
        "classifications" => Ok(Tree::Classification { repo_id, id }),
        _ => Err(not_a_tree()),
    }
}

/// Walks and prints the tree.
pub async fn run(client: &Client, args: &TreeArgs) -> Outcome {
    let tree = parse_tree(&args.uri)?;
    let mut walk = std::pin::pin!(client.walk_tree(tree, args.concurrency));
    let mut out = BufWriter::new(std::io::stdout().lock());
    let fail = |e| write_failed("standard output", e);
    while let Some(entry) = walk.try_next().await? {
        match args.format {
            TreeFormat::Text => {
                let indent = "  ".repeat(entry.depth.saturating_sub(1));
                let title = entry.node.title.as_deref().unwrap_or("(untitled)");
                writeln!(out, "{indent}{title}  {}", entry.node.uri).map_err(fail)?;
            }
            TreeFormat::Jsonl => {
                let line = serde_json::json!({
                    "uri": entry.node.uri,
                    "title": entry.node.title,
                    "depth": entry.depth,
                    "parent": entry.parent,
                    "position": entry.node.position,
                    "jsonmodel_type": entry.node.jsonmodel_type,
                    "child_count": entry.node.child_count,
                });
                writeln!(out, "{line}").map_err(fail)?;
            }
        }
    }
    out.flush().map_err(fail)
}
