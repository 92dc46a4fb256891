//! Typed decode throughput: the generated record types against
//! `serde_json::Value`, on real records (`../shared/corpus`) and on the fake
//! server's archival objects.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use archivesspace_api::{decode_record, ArchivalObject, Record};
use archivesspace_fake::{FakeConfig, FakeServer};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::Section;

/// One record as it came over the wire, and its type.
struct Sample {
    jsonmodel_type: String,
    bytes: Vec<u8>,
}

/// A way of decoding a record; `false` when it failed.
type Decoder = fn(&Sample) -> bool;

fn as_value(sample: &Sample) -> bool {
    serde_json::from_slice::<Value>(&sample.bytes)
        .map(black_box)
        .is_ok()
}

/// Straight from the bytes into the record type its folder names.
fn as_record(sample: &Sample) -> bool {
    let mut de = serde_json::Deserializer::from_slice(&sample.bytes);
    matches!(
        Record::deserialize_as(&sample.jsonmodel_type, &mut de).map(black_box),
        Ok(Some(_))
    )
}

/// The public entry point for a record of unknown type: a `Value` first,
/// then the record type its `jsonmodel_type` names.
fn via_decode_record(sample: &Sample) -> bool {
    serde_json::from_slice::<Value>(&sample.bytes)
        .ok()
        .and_then(|value| decode_record(value).ok())
        .map(black_box)
        .is_some()
}

fn as_type<T: DeserializeOwned>(sample: &Sample) -> bool {
    serde_json::from_slice::<T>(&sample.bytes)
        .map(black_box)
        .is_ok()
}

/// The same, keeping track of the JSON path for the error message, which
/// the client does only once a plain decode has failed.
fn as_type_tracked<T: DeserializeOwned>(sample: &Sample) -> bool {
    let mut de = serde_json::Deserializer::from_slice(&sample.bytes);
    serde_path_to_error::deserialize::<_, T>(&mut de)
        .map(black_box)
        .is_ok()
}

/// The records of `corpus/<jsonmodel_type>/*.json` (the folders starting
/// with `_` hold whole responses, invalid records and request bodies).
fn corpus(dir: &Path) -> Result<Vec<Sample>> {
    let mut samples = Vec::new();
    let mut folders: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .collect::<Result<_, _>>()?;
    folders.sort_by_key(|entry| entry.file_name());
    for folder in folders {
        let name = folder.file_name().to_string_lossy().into_owned();
        if name.starts_with('_') || !folder.file_type()?.is_dir() {
            continue;
        }
        let mut files: Vec<_> = std::fs::read_dir(folder.path())?.collect::<Result<_, _>>()?;
        files.sort_by_key(|entry| entry.file_name());
        for file in files {
            if file.path().extension().is_some_and(|e| e == "json") {
                samples.push(Sample {
                    jsonmodel_type: name.clone(),
                    bytes: std::fs::read(file.path())?,
                });
            }
        }
    }
    Ok(samples)
}

/// The fake server's first `count` archival objects, as it serves them.
fn fake_records(count: usize) -> Result<Vec<Sample>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let server = FakeServer::start(FakeConfig::default().records(count)).await?;
        let samples = server
            .record_ids()
            .into_iter()
            .filter_map(|id| server.record(id))
            .map(|record| Sample {
                jsonmodel_type: "archival_object".to_owned(),
                bytes: record.to_string().into_bytes(),
            })
            .collect();
        server.shutdown().await;
        Ok(samples)
    })
}

/// The median time of one pass of `decode` over `samples`, passes repeated
/// for about `budget` (at least three).
fn pass_time(samples: &[Sample], decode: Decoder, budget: Duration) -> Duration {
    let mut passes = Vec::new();
    let started = Instant::now();
    while passes.len() < 3 || started.elapsed() < budget {
        let pass = Instant::now();
        for sample in samples {
            black_box(decode(black_box(sample)));
        }
        passes.push(pass.elapsed());
    }
    passes.sort();
    passes[passes.len() / 2]
}

struct Set {
    title: String,
    samples: Vec<Sample>,
    skipped: usize,
    decoders: Vec<(&'static str, Decoder)>,
}

impl Set {
    /// Keeps the samples that every decoder decodes, so that all decode
    /// the same bytes; counts the others.
    fn new(title: String, samples: Vec<Sample>, decoders: Vec<(&'static str, Decoder)>) -> Set {
        let total = samples.len();
        let samples: Vec<Sample> = samples
            .into_iter()
            .filter(|s| decoders.iter().all(|(_, decode)| decode(s)))
            .collect();
        Set {
            title,
            skipped: total - samples.len(),
            samples,
            decoders,
        }
    }
}

pub fn bench(
    corpus_dir: &Path,
    fake_count: usize,
    budget: Duration,
    release: bool,
) -> Result<Section> {
    let sets = [
        Set::new(
            format!(
                "`../shared/corpus` records (`{}`)",
                "<jsonmodel_type>/*.json"
            ),
            corpus(corpus_dir)?,
            vec![
                ("`serde_json::Value`", as_value as Decoder),
                ("typed: `Record::deserialize_as` from the bytes", as_record),
                (
                    "typed: `decode_record` (through a `Value`)",
                    via_decode_record,
                ),
            ],
        ),
        Set::new(
            "fake server archival objects".to_owned(),
            fake_records(fake_count)?,
            vec![
                ("`serde_json::Value`", as_value as Decoder),
                ("typed: `ArchivalObject`", as_type::<ArchivalObject>),
                (
                    "typed: `ArchivalObject`, tracking the JSON path (`serde_path_to_error`)",
                    as_type_tracked::<ArchivalObject>,
                ),
            ],
        ),
    ];
    let mut md = String::new();
    let _ = writeln!(md, "## Typed decode\n");
    let _ = writeln!(
        md,
        "Decoding records from JSON bytes already in memory, one thread, {} build \
         (`serde_json` with `preserve_order`, as the workspace has it). Median of at least \
         three passes over each set. Typed decoding matches each key once, to its field; \
         unions and `_resolved` embeds buffer their text (borrowed from the input, not \
         copied), find `jsonmodel_type` in it with a byte scanner and decode their member \
         from it (`core/src/jsonmodel.rs`).\n",
        if release { "release" } else { "debug" }
    );
    for set in &sets {
        let bytes: usize = set.samples.iter().map(|s| s.bytes.len()).sum();
        let _ = writeln!(
            md,
            "### {}: {} records, {:.2} MB{}\n",
            set.title,
            set.samples.len(),
            bytes as f64 / 1e6,
            if set.skipped > 0 {
                format!(" ({} left out: not decoded by every decoder)", set.skipped)
            } else {
                String::new()
            }
        );
        let _ = writeln!(md, "| decoder | MB/s | records/s | time ÷ `Value`'s |");
        let _ = writeln!(md, "| --- | ---: | ---: | ---: |");
        let mut baseline = None;
        for (name, decode) in &set.decoders {
            let time = pass_time(&set.samples, *decode, budget).as_secs_f64();
            let baseline = *baseline.get_or_insert(time);
            let _ = writeln!(
                md,
                "| {name} | {:.0} | {:.0} | {:.2} |",
                bytes as f64 / 1e6 / time,
                set.samples.len() as f64 / time,
                time / baseline
            );
            eprintln!("bench: decode {}: {name}: {:.3} s a pass", set.title, time);
        }
        let _ = writeln!(md);
    }
    Ok(Section {
        name: "decode",
        markdown: md,
    })
}
