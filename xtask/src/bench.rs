//! `cargo xtask bench`: runs the benchmarks and rewrites their sections of
//! BENCHMARKS.md with the figures, the machine and the date.
//!
//! Each benchmark owns one section of the file, fenced by
//! `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`, so running one
//! benchmark (`--only NAME`) leaves the others' figures in place.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context, Result};
use archivesspace_codegen::import::{import_source, SourceImport};
use archivesspace_codegen::ir::Model;
use clap::Args;

#[derive(Args)]
pub struct BenchArgs {
    /// Run only these benchmarks (default: all). Known: import.
    #[arg(long = "only", value_name = "NAME")]
    only: Vec<String>,
    /// A quick run with few repetitions, to check that the benchmarks work;
    /// BENCHMARKS.md is left alone.
    #[arg(long)]
    smoke: bool,
    /// The ArchivesSpace source tree to import (default: the v4.2.1 schemas
    /// in `../shared` beside the workspace).
    #[arg(long, value_name = "DIR")]
    aspace_src: Option<PathBuf>,
}

/// One benchmark's result: its section of BENCHMARKS.md.
struct Section {
    name: &'static str,
    markdown: String,
}

pub fn run(args: BenchArgs, workspace: &Path) -> Result<()> {
    let wanted = |name: &str| args.only.is_empty() || args.only.iter().any(|n| n == name);
    let mut sections = Vec::new();
    if wanted("import") {
        let src = args
            .aspace_src
            .clone()
            .unwrap_or_else(|| workspace.join("../shared/archivesspace/v4.2.1"));
        sections.push(bench_import(&src, if args.smoke { 3 } else { 50 })?);
    }
    for section in &sections {
        println!("{}", section.markdown);
    }
    if args.smoke {
        eprintln!("smoke run: BENCHMARKS.md left as it is");
        return Ok(());
    }
    let path = workspace.join("BENCHMARKS.md");
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    let mut text = replace_header(&old);
    for section in &sections {
        text = replace_section(&text, section);
    }
    std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    eprintln!("updated {}", path.display());
    Ok(())
}

/// The wall time of `runs` imports (plus IR) of a source tree.
fn bench_import(src: &Path, runs: usize) -> Result<Section> {
    let request = SourceImport {
        aspace_src: src.to_path_buf(),
        ..Default::default()
    };
    let mut import_times = Vec::with_capacity(runs);
    let mut ir_times = Vec::with_capacity(runs);
    let mut files = 0;
    let mut release = String::new();
    for _ in 0..runs {
        let started = Instant::now();
        let imported = import_source(&request)?;
        import_times.push(started.elapsed());
        let started = Instant::now();
        let model = Model::from_snapshot(&imported.snapshot)?;
        ir_times.push(started.elapsed());
        files = model.types.len();
        release = imported.snapshot.source.archivesspace_version;
    }
    let mut markdown = String::new();
    let _ = writeln!(markdown, "## Schema import\n");
    let _ = writeln!(
        markdown,
        "Reading and evaluating all {files} `common/schemas/*.rb` files of ArchivesSpace \
         {release} into a snapshot (in memory, no writes), and building the IR from it; \
         {runs} runs in one process (`cargo xtask bench --only import`, debug build of xtask \
         unless run with `--release`).\n"
    );
    let _ = writeln!(markdown, "| step | median | fastest | slowest |");
    let _ = writeln!(markdown, "| --- | --- | --- | --- |");
    for (step, times) in [("import", &mut import_times), ("IR", &mut ir_times)] {
        times.sort();
        let _ = writeln!(
            markdown,
            "| {step} | {} | {} | {} |",
            millis(times[times.len() / 2]),
            millis(times[0]),
            millis(times[times.len() - 1]),
        );
    }
    let _ = writeln!(markdown, "\nGoal: the whole import well under a second.");
    Ok(Section {
        name: "import",
        markdown,
    })
}

fn millis(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// The machine the figures come from.
fn machine() -> String {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get().to_string())
        .unwrap_or_else(|_| "?".into());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| {
            let line = info.lines().find(|l| l.starts_with("MemTotal:"))?;
            let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(format!("{:.0} GiB", kib / 1024.0 / 1024.0))
        })
        .unwrap_or_else(|| "? GiB".into());
    format!("{cores} cores, {memory} memory")
}

const HEADER_START: &str = "<!-- bench:header -->";
const HEADER_END: &str = "<!-- /bench:header -->";

/// BENCHMARKS.md with its header (machine, date) brought up to date.
fn replace_header(old: &str) -> String {
    let date = humantime::format_rfc3339_seconds(SystemTime::now());
    let header = format!(
        "{HEADER_START}\n# Benchmarks\n\nFigures written by `cargo xtask bench`; last run {date} on {}.\n{HEADER_END}",
        machine()
    );
    match (old.find(HEADER_START), old.find(HEADER_END)) {
        (Some(start), Some(end)) if end > start => {
            format!(
                "{}{header}{}",
                &old[..start],
                &old[end + HEADER_END.len()..]
            )
        }
        _ => format!("{header}\n{old}"),
    }
}

/// `text` with the section's fenced block replaced (or appended).
fn replace_section(text: &str, section: &Section) -> String {
    let start_marker = format!("<!-- bench:{} -->", section.name);
    let end_marker = format!("<!-- /bench:{} -->", section.name);
    let block = format!("{start_marker}\n{}{end_marker}", section.markdown);
    match (text.find(&start_marker), text.find(&end_marker)) {
        (Some(start), Some(end)) if end > start => format!(
            "{}{block}{}",
            &text[..start],
            &text[end + end_marker.len()..]
        ),
        _ => format!("{}\n{block}\n", text.trim_end()),
    }
}
