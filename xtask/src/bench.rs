//! `cargo xtask bench`: runs the benchmarks and rewrites their sections of
//! BENCHMARKS.md with the figures, the machine and the date.
//!
//! Each benchmark owns one section of the file, fenced by
//! `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`, so running one
//! benchmark (`--only NAME`) leaves the others' figures in place.
//!
//! The benchmarks need the runtime crate (the fake server, the generated
//! types), which plain xtask does not link (see Cargo.toml), and figures
//! from an optimized build. So `cargo xtask bench` builds xtask with the
//! `runtime` feature in release (in debug for `--smoke`, the quick check
//! that they still work) together with `examples/harvest.rs`, and runs
//! that xtask's `bench` with the same arguments. Everything measured runs
//! in a process of its own, apart from the import, codegen and decode timings,
//! which run inside that optimized xtask.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use clap::Args;

#[cfg(feature = "runtime")]
mod build;
#[cfg(feature = "runtime")]
mod capacity;
#[cfg(feature = "runtime")]
mod cli_harvest;
#[cfg(feature = "runtime")]
mod cli_help;
#[cfg(feature = "runtime")]
mod decode;
#[cfg(feature = "runtime")]
mod harvest;
#[cfg(feature = "runtime")]
mod process;
#[cfg(feature = "runtime")]
mod seed;
#[cfg(feature = "runtime")]
mod sync;
mod tools;

/// The benchmarks, in the order they run.
const BENCHMARKS: [&str; 8] = [
    "import",
    "build",
    "decode",
    "harvest",
    "sync",
    "capacity",
    "cli-help",
    "cli-harvest",
];

#[derive(Args)]
pub struct BenchArgs {
    /// Run only these benchmarks (default: all). Known: import (schema
    /// import and codegen), build (compile times), decode (typed decode
    /// throughput), harvest (against ArchivesSnake), sync (full vs
    /// incremental, against the real backend at --aspace-url), capacity
    /// (records/s and the server's CPU per record for each harvest setting,
    /// against the real backend at --aspace-url), cli-help (how fast
    /// `aspace --help` answers), cli-harvest (`aspace harvest` against
    /// `examples/harvest.rs`); the last two not in --smoke runs, which
    /// would build the tool once more.
    #[arg(long = "only", value_name = "NAME")]
    only: Vec<String>,
    /// A quick run to check that the benchmarks work: few repetitions, a
    /// small harvest, this client only (no ArchivesSnake), no build timings,
    /// debug builds; BENCHMARKS.md is left alone.
    #[arg(long)]
    smoke: bool,
    /// The ArchivesSpace source tree to import (default: the v4.2.1 schemas
    /// in `../shared` beside the workspace).
    #[arg(long, value_name = "DIR")]
    aspace_src: Option<PathBuf>,
    /// The records to decode, one per file in `<jsonmodel_type>/` folders
    /// (default: `../shared/corpus` beside the workspace).
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
    /// Archival objects on the fake server for the harvest (default 50000,
    /// 2000 with --smoke).
    #[arg(long, value_name = "N")]
    records: Option<usize>,
    /// Leave ArchivesSnake out of the harvest.
    #[arg(long)]
    no_asnake: bool,
    /// A real ArchivesSpace backend for the sync and capacity benchmarks
    /// (e.g. one `../shared/realaspace/boot.sh start 8089` runs); without it
    /// they are left out. Credentials: ASPACE_USERNAME / ASPACE_PASSWORD,
    /// else admin / admin.
    #[arg(long, value_name = "URL")]
    aspace_url: Option<String>,
    /// The process id of the backend at --aspace-url, whose CPU time the
    /// capacity benchmark reads (default: the process on this machine that
    /// listens on the URL's port).
    #[arg(long, value_name = "PID")]
    aspace_pid: Option<u32>,
    /// Internal: act as the launcher that runs and measures one subject
    /// (see bench/process.rs), writing its usage to this file.
    #[arg(long, hide = true, value_name = "FILE", requires = "command")]
    measure_report: Option<PathBuf>,
    /// Internal: the launcher's subject, after `--`.
    #[arg(last = true, hide = true)]
    command: Vec<std::ffi::OsString>,
}

/// One benchmark's result: its section of BENCHMARKS.md.
#[cfg(feature = "runtime")]
struct Section {
    name: &'static str,
    markdown: String,
}

pub fn run(args: BenchArgs, workspace: &Path) -> Result<()> {
    if let Some(unknown) = args
        .only
        .iter()
        .find(|name| !BENCHMARKS.contains(&name.as_str()))
    {
        bail!(
            "no benchmark is named {unknown:?}; known: {}",
            BENCHMARKS.join(", ")
        );
    }
    #[cfg(feature = "runtime")]
    if let Some(report) = &args.measure_report {
        return process::launch(report, &args.command);
    }
    #[cfg(feature = "runtime")]
    return run_benchmarks(&args, workspace);
    #[cfg(not(feature = "runtime"))]
    return relaunch(&args, workspace);
}

/// Builds the benchmark programs and runs the benchmarks in the optimized
/// xtask (see the module's documentation).
#[cfg(not(feature = "runtime"))]
fn relaunch(args: &BenchArgs, workspace: &Path) -> Result<()> {
    let tools = tools::build(workspace, !args.smoke)?;
    let status = Command::new(&tools.xtask)
        .current_dir(workspace)
        .args(std::env::args_os().skip(1))
        .status()
        .with_context(|| format!("running {}", tools.xtask.display()))?;
    if !status.success() {
        bail!("the benchmarks failed ({status})");
    }
    Ok(())
}

#[cfg(feature = "runtime")]
fn run_benchmarks(args: &BenchArgs, workspace: &Path) -> Result<()> {
    use std::time::Duration;

    let wanted = |name: &str| args.only.is_empty() || args.only.iter().any(|n| n == name);
    let env = |name: &str, default: &str| {
        std::env::var(name)
            .ok()
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| default.to_owned())
    };
    let release = !cfg!(debug_assertions);
    let shared = workspace.join("../shared");
    let header = header(workspace);
    let mut sections = Vec::new();
    if wanted("import") {
        let src = args
            .aspace_src
            .clone()
            .unwrap_or_else(|| shared.join("archivesspace/v4.2.1"));
        let runs = if args.smoke { (3, 1) } else { (50, 10) };
        sections.push(bench_import(&src, workspace, runs, release)?);
    }
    if wanted("build") && !args.smoke {
        sections.push(build::bench(workspace)?);
    }
    if wanted("decode") {
        let corpus = args.corpus.clone().unwrap_or_else(|| shared.join("corpus"));
        let (count, budget) = if args.smoke {
            (200, Duration::from_millis(50))
        } else {
            (5_000, Duration::from_secs(2))
        };
        sections.push(decode::bench(&corpus, count, budget, release)?);
    }
    if wanted("harvest") {
        // Fresh already (we were built with it); this finds the example.
        let tools = tools::build(workspace, release)?;
        let asnake = if args.smoke || args.no_asnake {
            None
        } else {
            Some(harvest::asnake_python(&tools::target_dir(workspace)?)?)
        };
        let plan = if args.smoke {
            harvest::Plan {
                records: args.records.unwrap_or(2_000),
                latencies_ms: vec![0, 20],
                repetitions: 1,
                asnake,
                other_counts: Vec::new(),
                whole_counts: Vec::new(),
                quick: true,
            }
        } else {
            harvest::Plan {
                records: args.records.unwrap_or(50_000),
                latencies_ms: vec![0, 20],
                repetitions: 3,
                asnake,
                other_counts: vec![5_000, 200_000],
                whole_counts: vec![20_000],
                quick: false,
            }
        };
        sections.push(harvest::bench(&plan, &tools, workspace)?);
    }
    if wanted("sync") {
        match &args.aspace_url {
            Some(url) => {
                sections.push(sync::bench(&sync::Plan {
                    url: url.clone(),
                    username: env("ASPACE_USERNAME", "admin"),
                    password: env("ASPACE_PASSWORD", "admin"),
                    records: if args.smoke { 200 } else { 2_000 },
                })?);
            }
            None => eprintln!("sync: left out (it needs a real backend: --aspace-url)"),
        }
    }
    if wanted("capacity") {
        match &args.aspace_url {
            Some(url) => {
                let tools = tools::build(workspace, release)?;
                let asnake = if args.smoke || args.no_asnake {
                    None
                } else {
                    Some(harvest::asnake_python(&tools::target_dir(workspace)?)?)
                };
                sections.push(capacity::bench(
                    &capacity::Plan {
                        url: url.clone(),
                        username: env("ASPACE_USERNAME", "admin"),
                        password: env("ASPACE_PASSWORD", "admin"),
                        pid: args.aspace_pid,
                        records: if args.smoke { 300 } else { 3_000 },
                        repetitions: if args.smoke { 1 } else { 3 },
                        asnake,
                        quick: args.smoke,
                    },
                    &tools,
                    workspace,
                )?);
            }
            None => eprintln!("capacity: left out (it needs a real backend: --aspace-url)"),
        }
    }
    if wanted("cli-help") && !args.smoke {
        sections.push(cli_help::bench(workspace, 50, release)?);
    }
    if wanted("cli-harvest") && !args.smoke {
        let tools = tools::build(workspace, release)?;
        let aspace = cli_help::build(workspace, release)?;
        let plan = cli_harvest::Plan {
            records: args.records.unwrap_or(50_000),
            latencies_ms: vec![0, 20],
            repetitions: 3,
        };
        sections.push(cli_harvest::bench(&plan, &tools, &aspace)?);
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
    let mut text = replace_header(&old, &header);
    for section in &sections {
        text = replace_section(&text, section);
    }
    std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    eprintln!("updated {}", path.display());
    Ok(())
}

/// The wall time of imports (plus IR) of a source tree, and of generating
/// the crate from the committed snapshot.
#[cfg(feature = "runtime")]
fn bench_import(
    src: &Path,
    workspace: &Path,
    (import_runs, codegen_runs): (usize, usize),
    release: bool,
) -> Result<Section> {
    use std::fmt::Write as _;
    use std::time::Instant;

    use archivesspace_codegen::emit;
    use archivesspace_codegen::read::import::{import_source, SourceImport};
    use archivesspace_codegen::snapshot::{self, Snapshot};

    let request = SourceImport {
        aspace_src: src.to_path_buf(),
        ..Default::default()
    };
    let mut import_times = Vec::with_capacity(import_runs);
    let mut ir_times = Vec::with_capacity(import_runs);
    let mut files = 0;
    let mut release_name = String::new();
    for _ in 0..import_runs {
        let started = Instant::now();
        let imported = import_source(&request)?;
        import_times.push(started.elapsed());
        let started = Instant::now();
        let model = imported.snapshot.model()?;
        ir_times.push(started.elapsed());
        files = model.types.len();
        release_name = imported.snapshot.source.archivesspace_version;
    }
    let snapshot_dir = snapshot::default_dir(workspace);
    let snapshot = Snapshot::read(&snapshot_dir)
        .with_context(|| format!("reading {}", snapshot_dir.display()))?;
    let mut codegen_times = Vec::with_capacity(codegen_runs);
    let mut generated = (0, 0);
    for _ in 0..codegen_runs {
        let started = Instant::now();
        let out = emit::generate(&snapshot).context("generating the crate")?;
        codegen_times.push(started.elapsed());
        generated = (
            out.len(),
            out.iter().map(|f| f.contents.len()).sum::<usize>(),
        );
    }
    let mut markdown = String::new();
    let _ = writeln!(
        markdown,
        "## Schema import and code generation
"
    );
    let _ = writeln!(
        markdown,
        "Import: reading and evaluating all {files} `common/schemas/*.rb` files of \
         ArchivesSpace {release_name} into a snapshot (in memory, no writes), then building \
         the IR from it; {import_runs} runs. Codegen: `emit::generate` on the committed \
         snapshot (`schemas/`, ArchivesSpace {}), giving the {} files ({:.1} MB) of \
         `generated/src` in memory; {codegen_runs} runs. One process, {} build of xtask.\n",
        snapshot.source.archivesspace_version,
        generated.0,
        generated.1 as f64 / 1e6,
        if release { "release" } else { "debug" },
    );
    let _ = writeln!(markdown, "| step | median | fastest | slowest |");
    let _ = writeln!(markdown, "| --- | --- | --- | --- |");
    for (step, times) in [
        ("import", &mut import_times),
        ("IR", &mut ir_times),
        ("codegen", &mut codegen_times),
    ] {
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

#[cfg(feature = "runtime")]
fn millis(d: std::time::Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// The machine the figures come from.
#[cfg(feature = "runtime")]
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

/// What else was going on when the run started: the load average and the
/// compilers running (other people's builds skew the timings).
#[cfg(feature = "runtime")]
fn load() -> String {
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".into());
    let compilers = std::fs::read_dir("/proc")
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| {
                    std::fs::read_to_string(e.path().join("comm"))
                        .is_ok_and(|comm| comm.trim() == "rustc")
                })
                .count()
        })
        .unwrap_or(0);
    format!("load average {load} and {compilers} rustc processes running at the start")
}

/// The commit measured, marked when the work tree had changes.
#[cfg(feature = "runtime")]
fn commit(workspace: &Path) -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .current_dir(workspace)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    let Some(head) = git(&["rev-parse", "--short", "HEAD"]) else {
        return "an unknown commit".into();
    };
    // BENCHMARKS.md itself is left out: every run but the first changes it.
    let dirty = git(&[
        "status",
        "--porcelain",
        "--untracked-files=no",
        "--",
        ".",
        ":!BENCHMARKS.md",
    ])
    .is_some_and(|s| !s.is_empty());
    format!(
        "commit `{head}`{}",
        if dirty {
            " plus uncommitted changes"
        } else {
            ""
        }
    )
}

#[cfg(feature = "runtime")]
const HEADER_START: &str = "<!-- bench:header -->";
#[cfg(feature = "runtime")]
const HEADER_END: &str = "<!-- /bench:header -->";

/// The header: machine, date, load and commit, taken when the run starts.
#[cfg(feature = "runtime")]
fn header(workspace: &Path) -> String {
    let date = humantime::format_rfc3339_seconds(std::time::SystemTime::now());
    format!(
        "{HEADER_START}\n# Benchmarks\n\nFigures written by `cargo xtask bench`; last run {date} \
         on {}, {}, {}. Sections run with `--only` keep the figures of their own last run.\n{HEADER_END}",
        machine(),
        commit(workspace),
        load()
    )
}

/// BENCHMARKS.md with its header brought up to date.
#[cfg(feature = "runtime")]
fn replace_header(old: &str, header: &str) -> String {
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
#[cfg(feature = "runtime")]
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
