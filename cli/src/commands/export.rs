//! `aspace export ead|marc|mods|mets|dc URI -o FILE`: a record's export,
//! streamed to the file (or standard output) as the server writes it.

use std::path::PathBuf;

use archivesspace::request::Method;
use archivesspace::{Client, RawRequest};
use clap::{Args, ValueEnum};
use tokio::io::AsyncWriteExt;

use crate::error::{Failure, Outcome};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// EAD (EAD 2002, or EAD3 with --ead3) of a resource.
    Ead,
    /// MARCXML of a resource.
    Marc,
    /// MODS of a digital object.
    Mods,
    /// METS of a digital object.
    Mets,
    /// Dublin Core of a digital object.
    Dc,
}

/// `export`'s arguments.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format.
    pub format: ExportFormat,
    /// The record: /repositories/2/resources/7 (ead, marc) or
    /// /repositories/2/digital_objects/3 (mods, mets, dc).
    pub uri: String,
    /// Where to write; `-` for standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub out: PathBuf,
    /// Include unpublished records and notes (EAD, MARC).
    #[arg(long)]
    pub include_unpublished: bool,
    /// EAD3 rather than EAD 2002.
    #[arg(long)]
    pub ead3: bool,
}

/// The export route for `format` of the record at `uri`.
fn export_path(format: ExportFormat, uri: &str) -> Outcome<String> {
    let parts: Vec<&str> = uri.trim_matches('/').split('/').collect();
    let unsupported = || {
        Failure::usage(format!(
            "{uri}: no {format:?} export of it (EAD and MARC export resources; MODS, METS and \
             DC digital objects)"
        ))
    };
    let path = match (format, parts.as_slice()) {
        (ExportFormat::Ead, ["repositories", repo, "resources", id]) => {
            format!("/repositories/{repo}/resource_descriptions/{id}.xml")
        }
        (ExportFormat::Marc, ["repositories", repo, "resources", id]) => {
            format!("/repositories/{repo}/resources/marc21/{id}.xml")
        }
        (ExportFormat::Mods, ["repositories", repo, "digital_objects", id]) => {
            format!("/repositories/{repo}/digital_objects/mods/{id}.xml")
        }
        (ExportFormat::Mets, ["repositories", repo, "digital_objects", id]) => {
            format!("/repositories/{repo}/digital_objects/mets/{id}.xml")
        }
        (ExportFormat::Dc, ["repositories", repo, "digital_objects", id]) => {
            format!("/repositories/{repo}/digital_objects/dublin_core/{id}.xml")
        }
        _ => return Err(unsupported()),
    };
    if parts.last().is_some_and(|id| id.parse::<u64>().is_err()) {
        return Err(unsupported());
    }
    Ok(path)
}

/// Streams the export.
pub async fn run(client: &Client, args: &ExportArgs) -> Outcome {
    let mut request = RawRequest::new(Method::Get, export_path(args.format, &args.uri)?);
    if args.include_unpublished {
        request.query.push("include_unpublished", true);
    }
    if args.ead3 {
        request.query.push("ead3", true);
    }
    let body = client.send_raw_streaming(&request).await?;
    if args.out.as_os_str() == "-" {
        let mut out = tokio::io::stdout();
        body.write_to(&mut out).await?;
        return Ok(());
    }
    // Written beside the target and renamed over it at the end, so that a
    // failed export leaves no half file under the name asked for.
    let folder = match args.out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let fail =
        |e: std::io::Error| Failure::failed(format!("cannot write {}: {e}", args.out.display()));
    let partial = tempfile::NamedTempFile::new_in(&folder).map_err(fail)?;
    let mut file = tokio::fs::File::from_std(partial.reopen().map_err(fail)?);
    let bytes = body.write_to(&mut file).await?;
    file.shutdown().await.map_err(fail)?;
    partial.persist(&args.out).map_err(|e| fail(e.error))?;
    eprintln!("wrote {bytes} bytes to {}", args.out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_routes() {
        let ead = export_path(ExportFormat::Ead, "/repositories/2/resources/7");
        assert_eq!(
            ead.ok().as_deref(),
            Some("/repositories/2/resource_descriptions/7.xml")
        );
        let dc = export_path(ExportFormat::Dc, "/repositories/3/digital_objects/4");
        assert_eq!(
            dc.ok().as_deref(),
            Some("/repositories/3/digital_objects/dublin_core/4.xml")
        );
        assert!(export_path(ExportFormat::Mods, "/repositories/2/resources/7").is_err());
        assert!(export_path(ExportFormat::Ead, "/repositories/2/resources/x").is_err());
    }
}
