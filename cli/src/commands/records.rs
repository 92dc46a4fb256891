//! One record at a time: `set`, `patch` (lossless read-modify-write under
//! the record's `lock_version`, re-applied to a fresh copy when someone
//! else saved it meanwhile), `create` (validated on the client first) and
//! `delete`.

use archivesspace::api::validation::CATALOG;
use archivesspace::request::{Body, Method};
use archivesspace::validate::{validate_value, Validation};
use archivesspace::{Client, Modified, RawRequest};
use clap::Args;
use serde_json::{Map, Value};

use crate::error::{Failure, Outcome};
use crate::output::{Format, OutputArgs, Printer};
use crate::record_types::RecordType;
use crate::route_call::Input;
use crate::send;
use crate::terminal;

/// How many times an edit is applied in all when others keep saving the
/// record between its read and its write.
const ATTEMPTS: u32 = 3;

/// `set`'s arguments.
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The record's URI, such as /repositories/2/accessions/5.
    pub uri: String,
    /// `path=text` sets a string, `path:=json` any JSON value
    /// (`publish:=true`, `dates.0.expression=1920s`, `extents:=[]`); a path
    /// is dotted, numbers index lists, missing objects are made.
    #[arg(required = true, value_name = "PATH=VALUE")]
    pub assignments: Vec<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// One assignment of `set`.
#[derive(Debug, Clone)]
struct Assignment {
    path: Vec<String>,
    value: Value,
}

fn parse_assignment(text: &str) -> Outcome<Assignment> {
    let Some((key, value)) = text.split_once('=') else {
        return Err(Failure::usage(format!(
            "`{text}` is not PATH=VALUE or PATH:=JSON"
        )));
    };
    let (key, value) = match key.strip_suffix(':') {
        Some(key) => (
            key,
            serde_json::from_str(value).map_err(|e| {
                Failure::usage(format!("`{text}`: the value after := is not JSON: {e}"))
            })?,
        ),
        None => (key, Value::String(value.to_owned())),
    };
    if key.is_empty() || key.split('.').any(str::is_empty) {
        return Err(Failure::usage(format!("`{text}`: an empty path segment")));
    }
    Ok(Assignment {
        path: key.split('.').map(str::to_owned).collect(),
        value,
    })
}

/// Sets `path` in `document` to `value`, making missing objects on the way.
fn assign(document: &mut Value, path: &[String], value: Value) -> Result<(), String> {
    let Some((last, parents)) = path.split_last() else {
        return Err("an empty path".to_owned());
    };
    let mut here = document;
    let mut walked = Vec::new();
    for segment in parents {
        walked.push(segment.as_str());
        here = step(here, segment, &walked)?;
    }
    match here {
        Value::Object(members) => {
            members.insert(last.clone(), value);
            Ok(())
        }
        Value::Array(items) => {
            let index = index(last, &walked)?;
            match index.cmp(&items.len()) {
                std::cmp::Ordering::Less => items[index] = value,
                std::cmp::Ordering::Equal => items.push(value),
                std::cmp::Ordering::Greater => {
                    return Err(format!(
                        "{}: the list has {} items, so {index} is past its end",
                        shown(&walked),
                        items.len()
                    ))
                }
            }
            Ok(())
        }
        other => Err(format!(
            "{} is {}, not an object or a list",
            shown(&walked),
            kind(other)
        )),
    }
}

fn step<'a>(here: &'a mut Value, segment: &str, walked: &[&str]) -> Result<&'a mut Value, String> {
    let parent = &walked[..walked.len().saturating_sub(1)];
    match here {
        Value::Object(members) => Ok(members
            .entry(segment.to_owned())
            .or_insert_with(|| Value::Object(Map::new()))),
        Value::Array(items) => {
            let at = index(segment, parent)?;
            let length = items.len();
            items.get_mut(at).ok_or_else(|| {
                format!(
                    "{}: the list has {length} items, so {at} is past its end",
                    shown(parent)
                )
            })
        }
        other => Err(format!(
            "{} is {}, not an object or a list",
            shown(parent),
            kind(other)
        )),
    }
}

fn index(segment: &str, walked: &[&str]) -> Result<usize, String> {
    segment
        .parse()
        .map_err(|_| format!("{} is a list: `{segment}` is not an index", shown(walked)))
}

fn shown(walked: &[&str]) -> String {
    if walked.is_empty() {
        "the record".to_owned()
    } else {
        format!("`{}`", walked.join("."))
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// `set`: assigns the values, posts the record back.
pub async fn set(client: &Client, args: &SetArgs) -> Outcome {
    let assignments = args
        .assignments
        .iter()
        .map(|a| parse_assignment(a))
        .collect::<Outcome<Vec<_>>>()?;
    let apply = |record: &mut Value| -> Result<(), String> {
        for assignment in &assignments {
            assign(record, &assignment.path, assignment.value.clone())?;
        }
        Ok(())
    };
    let done = read_modify_write(client, &args.uri, apply).await?;
    print_modified(&args.output, &done)
}

/// `patch`'s arguments.
#[derive(Debug, Args)]
pub struct PatchArgs {
    /// The record's URI.
    pub uri: String,
    /// A JSON merge patch (RFC 7396), from FILE or `-` for standard input:
    /// members replace the record's, `null` removes one, objects merge.
    #[arg(long, value_name = "FILE|-")]
    pub merge: String,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `patch`: merges the patch into the record, posts it back.
pub async fn patch(client: &Client, args: &PatchArgs) -> Outcome {
    let patch = Input::from_arg(&args.merge).json()?;
    let apply = |record: &mut Value| -> Result<(), String> {
        json_patch::merge(record, &patch);
        Ok(())
    };
    let done = read_modify_write(client, &args.uri, apply).await?;
    print_modified(&args.output, &done)
}

/// The runtime's lossless `update_with`, with `apply` checked first on the
/// record as it is, so that an edit that cannot apply is refused before
/// anything is written (the copy re-read on a conflict has the same shape).
async fn read_modify_write(
    client: &Client,
    uri: &str,
    apply: impl Fn(&mut Value) -> Result<(), String>,
) -> Outcome<Modified> {
    let mut trial: Value = client.get_json(uri).await?;
    apply(&mut trial).map_err(|e| Failure::failed(format!("{uri}: {e}")))?;
    let mut late: Option<String> = None;
    let done = client
        .update_with_attempts::<Value, _>(uri, ATTEMPTS, |record| {
            if let Err(e) = apply(record) {
                late = Some(e);
            }
        })
        .await?;
    if let Some(e) = late {
        return Err(Failure::failed(format!(
            "{uri}: saved, but someone changed the record meanwhile and the edit no longer \
             applied to it: {e}"
        )));
    }
    Ok(done)
}

fn print_modified(output: &OutputArgs, done: &Modified) -> Outcome {
    let mut printer = Printer::new(output, Format::Json)?;
    let value = serde_json::to_value(done)
        .map_err(|e| Failure::failed(format!("cannot write the answer: {e}")))?;
    printer.print(&value)?;
    printer.finish()
}

/// `create`'s arguments.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The record type: accessions, resources, archival_objects,
    /// digital_objects, subjects, agents/people, ... (or its
    /// jsonmodel_type: accession, ...).
    #[arg(value_name = "TYPE")]
    pub record_type: String,
    /// The repository, for types that belong to one.
    #[arg(long, value_name = "N")]
    pub repo: Option<i64>,
    /// The record, as JSON, from FILE or `-` for standard input.
    #[arg(value_name = "FILE|-")]
    pub file: String,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `create`: validates the record on the client, then posts it.
pub async fn create(client: &Client, args: &CreateArgs) -> Outcome {
    let record_type = RecordType::find(&args.record_type)?;
    let path = record_type.collection(args.repo)?;
    let input = Input::from_arg(&args.file);
    let bytes = input.read()?;
    let record = crate::input::parse_json(&input.name(), &bytes, 0)?;
    if let Some(said) = record.get("jsonmodel_type").and_then(Value::as_str) {
        if said != record_type.name {
            return Err(Failure::usage(format!(
                "{}: the record is a {said}, not a {}",
                input.name(),
                record_type.name
            )));
        }
    }
    let enumerations = site_enumerations(client).await;
    let verdict = check(record_type.name, &record, enumerations.as_ref())?;
    if !verdict.is_valid() {
        return Err(Failure::failed(format!(
            "{}: invalid {}: {}",
            input.name(),
            record_type.name,
            messages(&verdict)
        )));
    }
    let mut request = RawRequest::new(Method::Post, path);
    request.body = Some(Body::Json(bytes));
    let mut printer = Printer::new(&args.output, Format::Json)?;
    send::send_and_print(client, &request, &mut printer).await?;
    printer.finish()
}

/// The client-side verdict on `record` as a `record_type`.
pub fn check(
    record_type: &str,
    record: &Value,
    enumerations: Option<&archivesspace::Enumerations>,
) -> Outcome<Validation> {
    validate_value(&CATALOG, record_type, record, enumerations)
        .map_err(|e| Failure::failed(e.to_string()))
}

/// The site's dynamic enumerations, for checking their values too; without
/// them (a server that does not serve them to this user) those values are
/// left to the server.
pub async fn site_enumerations(client: &Client) -> Option<archivesspace::Enumerations> {
    client.fetch_enumerations().await.ok()
}

/// A verdict's errors as `path: message` pairs on one line.
pub fn messages(verdict: &Validation) -> String {
    verdict
        .errors
        .iter()
        .flat_map(|(path, texts)| texts.iter().map(move |text| format!("{path}: {text}")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// `delete`'s arguments.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The record's URI.
    pub uri: String,
    /// Do not ask (the tool asks only on a terminal).
    #[arg(short = 'y', long)]
    pub yes: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `delete`: asks on a terminal, then deletes.
pub async fn delete(client: &Client, args: &DeleteArgs) -> Outcome {
    if !args.yes && terminal::interactive() && !terminal::confirm(&format!("Delete {}?", args.uri))?
    {
        return Err(Failure::failed(format!("{}: not deleted", args.uri)));
    }
    let request = RawRequest::new(Method::Delete, args.uri.clone());
    let mut printer = Printer::new(&args.output, Format::Json)?;
    send::send_and_print(client, &request, &mut printer).await?;
    printer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn set_all(document: &mut Value, assignments: &[&str]) -> Result<(), String> {
        for text in assignments {
            let a = parse_assignment(text).map_err(|f| f.message)?;
            assign(document, &a.path, a.value)?;
        }
        Ok(())
    }

    #[test]
    fn assignments_follow_dotted_paths() {
        let mut record = json!({"title": "A", "dates": [{"expression": "1900"}], "publish": false});
        set_all(
            &mut record,
            &[
                "title=1920",
                "publish:=true",
                "dates.0.expression=1920s",
                "dates.1:={\"expression\": \"1930\"}",
                "user_defined.string_1=x",
            ],
        )
        .expect("applied");
        assert_eq!(
            record,
            json!({"title": "1920", "dates": [{"expression": "1920s"}, {"expression": "1930"}],
                   "publish": true, "user_defined": {"string_1": "x"}})
        );
    }

    #[test]
    fn assignments_that_cannot_apply_say_where() {
        let mut record = json!({"title": "A", "dates": []});
        assert_eq!(
            set_all(&mut record, &["title.x=1"]),
            Err("`title` is a string, not an object or a list".to_owned())
        );
        assert_eq!(
            set_all(&mut record, &["dates.3.expression=1"]),
            Err("`dates`: the list has 0 items, so 3 is past its end".to_owned())
        );
        assert!(parse_assignment("publish:=yes").is_err());
        assert!(parse_assignment("notitle").is_err());
    }
}
