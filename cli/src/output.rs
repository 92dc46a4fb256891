//! Printing answers: `-o json|jsonl|yaml|table` and `--jq EXPR`.
//!
//! Every value a command prints goes through one [`Printer`]: the jq
//! filter first (each of its outputs is printed), then the format.

use std::io::{self, BufWriter, Write};

use clap::{Args, ValueEnum};
use comfy_table::{presets, Cell, ContentArrangement, Table};
use serde_json::Value;

use crate::error::{write_failed, Failure, Outcome};
use crate::jq::Jq;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Indented JSON, one document after another.
    Json,
    /// One compact JSON document a line (JSON Lines).
    Jsonl,
    /// YAML, documents separated by `---`.
    Yaml,
    /// A text table: a list of records a row each, one record a row per member.
    Table,
}

// `-o` and `--jq`, for the commands that print JSON. (Not a doc comment:
// clap would make it the `about` of every command these are added to.)
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// A jq filter applied to each answer before it is printed (jq's
    /// language, run by jaq), such as '.results[].title'.
    #[arg(long, value_name = "EXPR")]
    pub jq: Option<String>,
}

/// Writes values to standard output in one format.
pub struct Printer {
    format: Format,
    jq: Option<Jq>,
    out: BufWriter<io::StdoutLock<'static>>,
    printed: usize,
}

impl Printer {
    /// A printer for `args`, in `default` when `-o` is not given.
    pub fn new(args: &OutputArgs, default: Format) -> Outcome<Printer> {
        let jq = args.jq.as_deref().map(Jq::compile).transpose()?;
        Ok(Printer {
            format: args.format.unwrap_or(default),
            jq,
            out: BufWriter::new(io::stdout().lock()),
            printed: 0,
        })
    }

    /// The format values are printed in.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Prints `value` (each output of the jq filter, with one).
    pub fn print(&mut self, value: &Value) -> Outcome {
        match &self.jq {
            Some(jq) => {
                for output in jq.run(value)? {
                    self.write(&output)?;
                }
                Ok(())
            }
            None => self.write(value),
        }
    }

    /// Prints each of `values` as one table (rows of all of them) or as
    /// separate documents in the other formats.
    pub fn print_all(&mut self, values: &[Value]) -> Outcome {
        if self.format == Format::Table && self.jq.is_none() {
            let rows = Value::Array(values.to_vec());
            return self.write(&rows);
        }
        for value in values {
            self.print(value)?;
        }
        Ok(())
    }

    /// Writes bytes the server sent as they are (an answer that is not JSON).
    pub fn raw(&mut self, bytes: &[u8]) -> Outcome {
        self.out
            .write_all(bytes)
            .map_err(|e| write_failed("standard output", e))
    }

    fn write(&mut self, value: &Value) -> Outcome {
        let fail = |e: io::Error| write_failed("standard output", e);
        match self.format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut self.out, value)
                    .map_err(|e| write_failed("standard output", e.into()))?;
                self.out.write_all(b"\n").map_err(fail)?;
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, value)
                    .map_err(|e| write_failed("standard output", e.into()))?;
                self.out.write_all(b"\n").map_err(fail)?;
            }
            Format::Yaml => {
                if self.printed > 0 {
                    self.out.write_all(b"---\n").map_err(fail)?;
                }
                let text = serde_norway::to_string(value)
                    .map_err(|e| Failure::failed(format!("cannot write YAML: {e}")))?;
                self.out.write_all(text.as_bytes()).map_err(fail)?;
            }
            Format::Table => {
                let table = table(value);
                writeln!(self.out, "{table}").map_err(fail)?;
            }
        }
        self.printed += 1;
        Ok(())
    }

    /// Flushes what is buffered.
    pub fn finish(mut self) -> Outcome {
        self.out
            .flush()
            .map_err(|e| write_failed("standard output", e))
    }
}

/// A value as a table: an array of objects (or a listing page's
/// `results`) a row per object, with a column per member that holds a
/// scalar in any of them; an object a row per member; anything else a cell.
fn table(value: &Value) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled);
    let rows = match value {
        Value::Object(page) if page.get("results").is_some_and(Value::is_array) => {
            page.get("results")
        }
        Value::Array(_) => Some(value),
        _ => None,
    };
    match (rows, value) {
        (Some(Value::Array(items)), _) if items.iter().all(Value::is_object) => {
            let mut columns: Vec<&str> = Vec::new();
            for item in items.iter().filter_map(Value::as_object) {
                for (key, member) in item {
                    if is_scalar(member) && !columns.contains(&key.as_str()) {
                        columns.push(key);
                    }
                }
            }
            table.set_header(columns.iter().map(|c| Cell::new(c.to_uppercase())));
            for item in items {
                table.add_row(
                    columns
                        .iter()
                        .map(|c| Cell::new(item.get(*c).map(cell).unwrap_or_default())),
                );
            }
        }
        (Some(Value::Array(items)), _) => {
            for item in items {
                table.add_row(vec![Cell::new(cell(item))]);
            }
        }
        (_, Value::Object(members)) => {
            for (key, member) in members {
                table.add_row(vec![Cell::new(key), Cell::new(cell(member))]);
            }
        }
        (_, other) => {
            table.add_row(vec![Cell::new(cell(other))]);
        }
    }
    table
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

/// A cell's text: strings bare, anything else as compact JSON.
fn cell(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}
