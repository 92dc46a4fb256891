//! `aspace api METHOD PATH` (any route, as `gh api` does) and `aspace get URI`.

use archivesspace::request::Method;
use archivesspace::{Client, RawRequest};
use clap::Args;

use crate::error::{Failure, Outcome};
use crate::output::{Format, OutputArgs, Printer};
use crate::route_call::Input;
use crate::send;

/// `api`'s arguments.
#[derive(Debug, Args)]
pub struct ApiArgs {
    /// GET, POST or DELETE.
    #[arg(value_parser = parse_method)]
    pub method: Method,
    /// The path below the base URL, such as /repositories/2/accessions.
    pub path: String,
    /// A query parameter, KEY=VALUE (repeat; `resolve[]=subjects` for arrays).
    #[arg(short = 'q', long = "query", value_name = "KEY=VALUE", value_parser = parse_pair)]
    pub query: Vec<(String, String)>,
    /// The JSON body, from FILE or `-` for standard input.
    #[arg(long, value_name = "FILE|-")]
    pub data: Option<String>,
    /// Every page of a listing: each record as a line of JSON (page and
    /// page_size are set by the walk).
    #[arg(long)]
    pub paginate: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

fn parse_method(text: &str) -> Result<Method, String> {
    match text.to_ascii_uppercase().as_str() {
        "GET" => Ok(Method::Get),
        "POST" => Ok(Method::Post),
        "DELETE" => Ok(Method::Delete),
        _ => Err(format!("`{text}` is not GET, POST or DELETE")),
    }
}

/// `KEY=VALUE`.
pub fn parse_pair(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
        _ => Err(format!("`{text}` is not KEY=VALUE")),
    }
}

/// Sends the request and prints the answer.
pub async fn run(client: &Client, args: &ApiArgs) -> Outcome {
    let mut request = RawRequest::new(args.method, args.path.clone());
    for (key, value) in &args.query {
        request.query.push(key.clone(), value);
    }
    if let Some(data) = &args.data {
        request.body = Some(send::json_body(&Input::from_arg(data))?);
    }
    if args.paginate {
        let mut printer = Printer::new(&args.output, Format::Jsonl)?;
        send::paginate(client, &request, &mut printer).await?;
        printer.finish()
    } else {
        let mut printer = Printer::new(&args.output, Format::Json)?;
        send::send_and_print(client, &request, &mut printer).await?;
        printer.finish()
    }
}

/// `get`'s arguments.
#[derive(Debug, Args)]
pub struct GetArgs {
    /// The record's URI, such as /repositories/2/accessions/5.
    pub uri: String,
    /// A linked record to embed (`subjects`, `linked_agents`, ...); repeat.
    #[arg(long, value_name = "PROPERTY")]
    pub resolve: Vec<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Fetches and prints one record.
pub async fn get(client: &Client, args: &GetArgs) -> Outcome {
    if !args.uri.starts_with('/') {
        return Err(Failure::usage(format!(
            "`{}` is not a record URI (it starts with /, such as /repositories/2/accessions/5)",
            args.uri
        )));
    }
    let mut request = RawRequest::new(Method::Get, args.uri.clone());
    for property in &args.resolve {
        request.query.push("resolve[]", property);
    }
    let mut printer = Printer::new(&args.output, Format::Json)?;
    send::send_and_print(client, &request, &mut printer).await?;
    printer.finish()
}
