//! Sending calls built at run time: a generated route subcommand's
//! [`RouteCall`] and `aspace api METHOD PATH`, both printed the same way
//! (JSON through the [`Printer`], anything else as the bytes sent).

use std::path::Path;

use archivesspace::request::{Body, Method, Query};
use archivesspace::{Client, Paging, RawRequest, UploadFile};
use futures::StreamExt;
use serde_json::Value;

use crate::error::{Failure, Outcome};
use crate::listing::Listing;
use crate::output::{Format, Printer};
use crate::route_call::{Input, RouteBody, RouteCall};

/// The request a route call stands for, its body read.
pub fn request(call: &RouteCall) -> Outcome<RawRequest> {
    let mut request = RawRequest::new(call.method, call.path.clone());
    request.query = call.query.clone();
    request.body = body(&call.body)?;
    Ok(request)
}

fn body(body: &RouteBody) -> Outcome<Option<Body>> {
    Ok(match body {
        RouteBody::None => None,
        RouteBody::Form(fields) => Some(Body::Form(
            fields
                .pairs()
                .map(|(name, value)| (name.to_owned(), value.to_owned()))
                .collect(),
        )),
        RouteBody::Json(input) => Some(json_body(input)?),
        RouteBody::Multipart { json, files } => {
            let mut form = Query::new();
            if let Some((name, input)) = json {
                let document = input.json()?;
                form.push(*name, document.to_string());
            }
            let mut uploads = Vec::new();
            for (_, path) in files {
                uploads.push(upload(path)?);
            }
            let files_name = files.first().map(|(name, _)| *name).unwrap_or("files");
            Some(archivesspace_core::responses::multipart(
                &form, files_name, true, &uploads,
            ))
        }
    })
}

/// A JSON body: checked to be JSON (with the place of a mistake), sent as
/// the user wrote it.
pub fn json_body(input: &Input) -> Outcome<Body> {
    let bytes = input.read()?;
    crate::input::parse_json(&input.name(), &bytes, 0)?;
    Ok(Body::Json(bytes))
}

/// A file to upload, its media type from its extension.
pub fn upload(path: &Path) -> Outcome<UploadFile> {
    let contents = std::fs::read(path)
        .map_err(|e| Failure::failed(format!("cannot read {}: {e}", path.display())))?;
    let content_type = match path.extension().and_then(|e| e.to_str()) {
        Some("xml") => "text/xml",
        Some("csv") => "text/csv",
        Some("json") => "application/json",
        Some("txt") => "text/plain",
        _ => "application/octet-stream",
    };
    Ok(UploadFile {
        filename: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        content_type: content_type.to_owned(),
        contents,
    })
}

/// Sends `request` and prints its answer: JSON through `printer`, any
/// other body streamed to standard output as sent.
pub async fn send_and_print(
    client: &Client,
    request: &RawRequest,
    printer: &mut Printer,
) -> Outcome {
    let mut body = client.send_raw_streaming(request).await?;
    let is_json = body
        .content_type()
        .is_none_or(|t| t.starts_with("application/json"));
    if is_json {
        let mut bytes = Vec::new();
        while let Some(chunk) = body.chunk().await? {
            bytes.extend_from_slice(&chunk);
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        let mut value = answer_json(request, &bytes)?;
        hide_session(request, &mut value);
        printer.print(&value)
    } else {
        // A short text answer (`/version`) ends its line, so that the
        // shell's prompt does not follow it on the same one.
        let is_text = body.content_type().is_some_and(|t| t.starts_with("text/"));
        let mut last = None;
        while let Some(chunk) = body.chunk().await? {
            last = chunk.last().copied().or(last);
            printer.raw(&chunk)?;
        }
        if is_text && last.is_some_and(|byte| byte != b'\n') {
            printer.raw(b"\n")?;
        }
        Ok(())
    }
}

/// What a login answer's `session` is printed as.
pub const HIDDEN_SESSION: &str = "(hidden: aspace logs in by itself, and never prints a session)";

/// A login's answer carries a session token, which no output shows
/// (terminals are logged and shared, and the token is as good as the
/// password until it expires): it is replaced, the user's record kept.
fn hide_session(request: &RawRequest, value: &mut Value) {
    let is_login = request.path.starts_with("/users/") && request.path.ends_with("/login");
    if let (true, Some(session)) = (is_login, value.get_mut("session")) {
        if session.is_string() {
            *session = Value::String(HIDDEN_SESSION.to_owned());
        }
    }
}

fn answer_json(request: &RawRequest, bytes: &[u8]) -> Outcome<Value> {
    serde_json::from_slice(bytes).map_err(|e| {
        Failure::failed(format!(
            "{} {}: the answer is not JSON: {e}",
            request.method, request.path
        ))
    })
}

/// Every record of a paginated listing, page by page (several at once),
/// each printed as a document of its own (JSON Lines unless `-o` says).
pub async fn paginate(client: &Client, request: &RawRequest, printer: &mut Printer) -> Outcome {
    if request.method != Method::Get {
        return Err(Failure::usage(format!(
            "--paginate: {} {} is not a listing (only GET routes have pages)",
            request.method, request.path
        )));
    }
    let listing = Listing::new(request.path.clone(), request.query.clone());
    let mut records = Box::pin(client.paginate_with(listing, Paging::new()));
    let mut all = Vec::new();
    while let Some(record) = records.next().await {
        let record = record.map_err(|e| match e {
            archivesspace::Error::Decode { .. } => Failure::failed(format!(
                "--paginate: GET {} does not answer pages of results ({e})",
                request.path
            )),
            other => other.into(),
        })?;
        let value: Value = serde_json::from_str(record.get()).map_err(|e| {
            Failure::failed(format!("GET {}: a record is not JSON: {e}", request.path))
        })?;
        if printer.format() == Format::Table {
            all.push(value);
        } else {
            printer.print(&value)?;
        }
    }
    if printer.format() == Format::Table {
        printer.print_all(&all)?;
    }
    Ok(())
}

/// Runs a generated route subcommand's call; `all` walks a paged route's
/// every page.
pub async fn run_route(
    client: &Client,
    call: &RouteCall,
    all: bool,
    printer: &mut Printer,
) -> Outcome {
    let request = request(call)?;
    if all {
        if !call.paged {
            return Err(Failure::usage(format!(
                "--all: {} {} takes no pages",
                call.method, call.template
            )));
        }
        paginate(client, &request, printer).await
    } else {
        send_and_print(client, &request, printer).await
    }
}
