//! Harvesting archival objects from the fake server: this client
//! (`examples/harvest.rs`) against ArchivesSnake's `get_paged`, each client
//! in its own process, the fake in another.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{bail, ensure, Context, Result};

use super::process::{measure, Background, Measured};
use super::tools::Tools;
use super::Section;

/// The ArchivesSnake release the comparison installs.
const ASNAKE: &str = "ArchivesSnake==0.10.1";
/// Peak memory the harvest must stay under, whatever the record count.
const RSS_GOAL: u64 = 64 << 20;
/// The record count of the whole-process goal (at 20 ms latency).
const WHOLE_GOAL_RECORDS: usize = 20_000;

pub struct Plan {
    /// Archival objects on the fake server.
    pub records: usize,
    pub latencies_ms: Vec<u64>,
    /// Runs of each client; the median is reported.
    pub repetitions: usize,
    /// The Python of a virtualenv with ArchivesSnake; `None` leaves it out.
    pub asnake: Option<PathBuf>,
    /// Other record counts to harvest with this client's defaults at 0 ms,
    /// to show that its memory does not grow with the count.
    pub other_counts: Vec<usize>,
    /// Other record counts for the whole-process comparison (this client's
    /// defaults against ArchivesSnake, at every latency), beside `records`.
    pub whole_counts: Vec<usize>,
    /// Only one setup of each kind (pages, ids, defaults), for the smoke run.
    pub quick: bool,
}

/// One way of running this client: a label and the harvest example's flags.
struct Setup {
    label: String,
    args: Vec<String>,
    is_default: bool,
}

fn setups() -> Vec<Setup> {
    let mut setups = Vec::new();
    for (mode, flag) in [("pages", Some("--by-page")), ("all_ids + id_set", None)] {
        for concurrency in [1, 4, 8, 16] {
            let mut args: Vec<String> = flag.into_iter().map(str::to_owned).collect();
            args.extend(["--concurrency".to_owned(), concurrency.to_string()]);
            let how = if concurrency == 1 {
                "sequential".to_owned()
            } else {
                format!("{concurrency} at once")
            };
            setups.push(Setup {
                label: format!("{mode}, {how}"),
                args,
                is_default: false,
            });
        }
    }
    setups.push(Setup {
        label: "defaults (no flags)".to_owned(),
        args: Vec::new(),
        is_default: true,
    });
    setups
}

/// One client run: the records it wrote and how long its harvest took by
/// its own clock (login and start-up excluded), plus what the whole process
/// cost.
#[derive(Debug, Clone)]
pub(super) struct Run {
    pub records: u64,
    pub seconds: f64,
    pub process: Measured,
}

impl Run {
    pub(super) fn records_per_second(&self) -> f64 {
        self.records as f64 / self.seconds.max(f64::EPSILON)
    }

    fn cpu_per_record(&self) -> Duration {
        self.process.cpu.div_f64(self.records.max(1) as f64)
    }

    /// The whole process's wall time: start-up, login, the listing and the
    /// last record written, as the user waits for it.
    pub(super) fn whole_seconds(&self) -> f64 {
        self.process.wall.as_secs_f64()
    }
}

/// Of several runs, the one with the median harvest time by the client's
/// clock.
fn median(runs: &[Run]) -> Run {
    median_by(runs, |run| run.seconds)
}

/// Of several runs, the one with the median `key`.
fn median_by(runs: &[Run], key: impl Fn(&Run) -> f64) -> Run {
    let mut runs = runs.to_vec();
    runs.sort_by(|a, b| key(a).total_cmp(&key(b)));
    runs.swap_remove(runs.len() / 2)
}

/// Starts the fake server with `records` archival objects and `latency_ms`
/// on every response; returns it (killed when dropped) and its URL.
pub(super) fn start_fake(
    tools: &Tools,
    records: usize,
    latency_ms: u64,
) -> Result<(Background, String)> {
    let mut child = Command::new(&tools.xtask)
        .args(["fake-server", "--port", "0"])
        .args(["--records", &records.to_string()])
        .args(["--latency-ms", &latency_ms.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("starting the fake server")?;
    let stdout = child.stdout.take().context("the fake server's stdout")?;
    let server = Background(child);
    let mut url = String::new();
    BufReader::new(stdout)
        .read_line(&mut url)
        .context("reading the fake server's URL")?;
    let url = url.trim().to_owned();
    ensure!(
        url.starts_with("http://127.0.0.1:"),
        "the fake server did not start"
    );
    Ok((server, url))
}

/// Where a harvest logs in and what it harvests: every archival object of
/// one repository.
pub(super) struct Target<'a> {
    pub url: &'a str,
    pub username: &'a str,
    pub password: &'a str,
    pub repo: u64,
}

impl<'a> Target<'a> {
    /// The fake server's repository 2, as admin.
    pub(super) fn fake(url: &'a str) -> Self {
        Target {
            url,
            username: "admin",
            password: "admin",
            repo: 2,
        }
    }

    fn args(&self) -> Vec<String> {
        [
            "--base-url",
            self.url,
            "--username",
            self.username,
            "--password",
            self.password,
            "--repo",
            &self.repo.to_string(),
            "--type",
            "archival_objects",
        ]
        .map(str::to_owned)
        .to_vec()
    }
}

fn ours(tools: &Tools, url: &str, setup: &Setup, out: &Path) -> Result<Run> {
    ours_with(tools, &Target::fake(url), &setup.args, out)
}

/// A harvest by `examples/harvest.rs` with `args` besides the target's.
pub(super) fn ours_with(
    tools: &Tools,
    target: &Target,
    args: &[String],
    out: &Path,
) -> Result<Run> {
    let process = measure(
        Command::new(&tools.harvest)
            .args(target.args())
            .args(args)
            .arg("--out")
            .arg(out),
    )?;
    // Its last words: "N records in S s (R records/s)".
    let summary = process
        .stderr
        .lines()
        .rev()
        .find(|line| line.contains(" records in "))
        .with_context(|| format!("no summary from the harvest example:\n{}", process.stderr))?;
    let words: Vec<&str> = summary.split_whitespace().collect();
    let records = words.first().and_then(|w| w.parse().ok());
    let seconds = words.get(3).and_then(|w| w.parse().ok());
    let (Some(records), Some(seconds)) = (records, seconds) else {
        bail!("cannot read the harvest example's summary {summary:?}");
    };
    Ok(Run {
        records,
        seconds,
        process,
    })
}

fn asnake(python: &Path, script: &Path, url: &str, out: &Path) -> Result<Run> {
    asnake_with(python, script, &Target::fake(url), out)
}

/// A harvest by ArchivesSnake's `get_paged`, pages of 250.
pub(super) fn asnake_with(
    python: &Path,
    script: &Path,
    target: &Target,
    out: &Path,
) -> Result<Run> {
    let process = measure(
        Command::new(python)
            .arg(script)
            .args(target.args())
            .args(["--page-size", "250"])
            .arg("--out")
            .arg(out),
    )?;
    let summary: serde_json::Value = serde_json::from_str(process.stdout.trim())
        .with_context(|| format!("reading ArchivesSnake's summary {:?}", process.stdout))?;
    let records = summary["records"].as_u64().context("records")?;
    let seconds = summary["seconds"].as_f64().context("seconds")?;
    Ok(Run {
        records,
        seconds,
        process,
    })
}

/// Checks that a harvest wrote every record once: `expected` lines.
pub(super) fn check_output(out: &Path, run: &Run, expected: usize, who: &str) -> Result<()> {
    let file = std::fs::File::open(out).with_context(|| format!("reading {}", out.display()))?;
    // Line by line: the file can be far bigger than what we care to hold.
    let mut lines = 0;
    for line in BufReader::new(file).split(b'\n') {
        line?;
        lines += 1;
    }
    ensure!(
        lines == expected && run.records == expected as u64,
        "{who} harvested {} records into {lines} lines, expected {expected}",
        run.records
    );
    Ok(())
}

/// A virtualenv under the target directory with ArchivesSnake installed;
/// returns its Python. Reused when it already imports asnake.
pub fn asnake_python(target_dir: &Path) -> Result<PathBuf> {
    let venv = target_dir.join("bench").join("asnake-venv");
    let python = venv.join("bin").join("python");
    let works = |python: &Path| {
        Command::new(python)
            .args(["-c", "import asnake.client"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if works(&python) {
        return Ok(python);
    }
    eprintln!("bench: installing {ASNAKE} into {}", venv.display());
    let status = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .context("running python3 -m venv")?;
    ensure!(status.success(), "python3 -m venv failed ({status})");
    let status = Command::new(&python)
        .args(["-m", "pip", "install", "--quiet", ASNAKE])
        .status()
        .context("running pip")?;
    ensure!(status.success(), "pip install {ASNAKE} failed ({status})");
    ensure!(
        works(&python),
        "ArchivesSnake does not import after installing"
    );
    Ok(python)
}

struct Row {
    label: String,
    is_default: bool,
    run: Run,
}

/// This client's defaults and ArchivesSnake over one record count at one
/// latency, each run as a whole process.
struct Whole {
    latency_ms: u64,
    records: usize,
    ours: Vec<Run>,
    asnake: Vec<Run>,
}

/// Runs `repetitions` harvests of `records` from `url` with `setup`.
fn our_runs(
    plan: &Plan,
    tools: &Tools,
    (url, records): (&str, usize),
    setup: &Setup,
    out: &Path,
) -> Result<Vec<Run>> {
    let mut runs = Vec::new();
    for _ in 0..plan.repetitions {
        let run = ours(tools, url, setup, out)?;
        check_output(out, &run, records, &setup.label)?;
        runs.push(run);
    }
    Ok(runs)
}

/// Runs `repetitions` harvests of `records` from `url` with ArchivesSnake;
/// none without it.
fn asnake_runs(
    plan: &Plan,
    (url, records): (&str, usize),
    script: &Path,
    out: &Path,
) -> Result<Vec<Run>> {
    let mut runs = Vec::new();
    if let Some(python) = &plan.asnake {
        for _ in 0..plan.repetitions {
            let run = asnake(python, script, url, out)?;
            check_output(out, &run, records, "ArchivesSnake")?;
            runs.push(run);
        }
    }
    Ok(runs)
}

pub fn bench(plan: &Plan, tools: &Tools, workspace: &Path) -> Result<Section> {
    let scratch = tempfile::tempdir().context("making a scratch folder")?;
    let out = scratch.path().join("harvest.jsonl");
    let script = workspace.join("xtask/bench/asnake_harvest.py");
    let mut setups = setups();
    if plan.quick {
        setups.retain(|s| s.is_default || s.label.ends_with("16 at once"));
    }
    let default = setups
        .iter()
        .find(|s| s.is_default)
        .context("no default setup")?;
    let mut tables = Vec::new();
    let mut wholes = Vec::new();
    for &latency in &plan.latencies_ms {
        let (server, url) = start_fake(tools, plan.records, latency)?;
        let mut rows = Vec::new();
        let mut default_runs = Vec::new();
        for setup in &setups {
            let runs = our_runs(plan, tools, (&url, plan.records), setup, &out)?;
            let run = median(&runs);
            eprintln!(
                "bench: harvest {latency} ms, {}: {:.0} records/s, whole process {:.3} s",
                setup.label,
                run.records_per_second(),
                median_by(&runs, Run::whole_seconds).whole_seconds()
            );
            if setup.is_default {
                default_runs = runs;
            }
            rows.push(Row {
                label: setup.label.clone(),
                is_default: setup.is_default,
                run,
            });
        }
        let baseline_runs = asnake_runs(plan, (&url, plan.records), &script, &out)?;
        let baseline = (!baseline_runs.is_empty()).then(|| median(&baseline_runs));
        if let Some(run) = &baseline {
            eprintln!(
                "bench: harvest {latency} ms, ArchivesSnake: {:.0} records/s, whole process {:.3} s",
                run.records_per_second(),
                median_by(&baseline_runs, Run::whole_seconds).whole_seconds()
            );
        }
        drop(server);
        tables.push((latency, rows, baseline));
        for &count in &plan.whole_counts {
            let (server, url) = start_fake(tools, count, latency)?;
            let ours_runs = our_runs(plan, tools, (&url, count), default, &out)?;
            let their_runs = asnake_runs(plan, (&url, count), &script, &out)?;
            drop(server);
            eprintln!(
                "bench: harvest {latency} ms, {count} records: whole process {:.3} s",
                median_by(&ours_runs, Run::whole_seconds).whole_seconds()
            );
            wholes.push(Whole {
                latency_ms: latency,
                records: count,
                ours: ours_runs,
                asnake: their_runs,
            });
        }
        wholes.push(Whole {
            latency_ms: latency,
            records: plan.records,
            ours: default_runs,
            asnake: baseline_runs,
        });
    }
    let mut counts = Vec::new();
    for &count in &plan.other_counts {
        let (server, url) = start_fake(tools, count, 0)?;
        let run = ours(tools, &url, default, &out)?;
        check_output(&out, &run, count, "defaults")?;
        drop(server);
        counts.push((count, run));
    }
    wholes.sort_by_key(|w| (w.latency_ms, w.records));
    Ok(render(plan, tools, &tables, &wholes, &counts))
}

type Table = (u64, Vec<Row>, Option<Run>);

fn render(
    plan: &Plan,
    tools: &Tools,
    tables: &[Table],
    wholes: &[Whole],
    counts: &[(usize, Run)],
) -> Section {
    let mut md = String::new();
    let _ = writeln!(md, "## Harvest\n");
    let _ = writeln!(
        md,
        "Every archival object of repository 2 ({} of about 2.9 KB each) from the fake \
         server (`cargo xtask fake-server`, its own process) delaying each response by the \
         latency shown, written to a JSON Lines file. This client is `examples/harvest.rs` \
         ({} build); ArchivesSnake is {ASNAKE} from PyPI, `get_paged` with `page_size=250` \
         (its default is 100), writing `json.dumps` lines (`xtask/bench/asnake_harvest.py`). \
         Each client runs as its own process: records/s by the client's own clock from the \
         first listing request to the last record written (start-up and login excluded); \
         whole process: the wall time from starting the process to its exit (start-up, \
         login, the listing, the last record written), as a user waits for it; CPU time \
         (user + system) and peak RSS of the whole process, from `wait4`. Median of {} \
         runs.\n",
        plan.records,
        if tools.release { "release" } else { "debug" },
        plan.repetitions,
    );
    for (latency, rows, baseline) in tables {
        let _ = writeln!(md, "### {latency} ms latency\n");
        let _ = writeln!(
            md,
            "| client | records/s | × ArchivesSnake | whole process | CPU s | CPU µs/record | CPU ÷ ArchivesSnake's | peak RSS |"
        );
        let _ = writeln!(
            md,
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        );
        for row in rows {
            let label = if row.is_default {
                format!("**{}**", row.label)
            } else {
                row.label.clone()
            };
            let _ = writeln!(md, "{}", table_row(&label, &row.run, baseline.as_ref()));
        }
        if let Some(baseline) = baseline {
            let _ = writeln!(md, "{}", table_row("ArchivesSnake", baseline, None));
        }
        let _ = writeln!(md);
    }
    if !wholes.is_empty() {
        let _ = writeln!(
            md,
            "### Whole process: this client's defaults and ArchivesSnake\n"
        );
        let _ = writeln!(
            md,
            "The same harvest timed as the user feels it: from starting the process to its \
             exit. The client's clock leaves out what comes before the first listing request \
             (start-up, and the login, which the fake answers without the latency); the \
             whole process does not. Median of {} runs by whole-process time.\n",
            plan.repetitions
        );
        let _ = writeln!(
            md,
            "| latency | records | client | records/s (client's clock) | whole process | records/s (whole process) | × ArchivesSnake (whole process) |"
        );
        let _ = writeln!(md, "| ---: | ---: | --- | ---: | ---: | ---: | ---: |");
        for whole in wholes {
            let asnake =
                (!whole.asnake.is_empty()).then(|| median_by(&whole.asnake, Run::whole_seconds));
            if whole.ours.is_empty() {
                continue;
            }
            let ours = median_by(&whole.ours, Run::whole_seconds);
            let times = asnake
                .as_ref()
                .map(|a| format!("{:.1}×", a.whole_seconds() / ours.whole_seconds().max(1e-9)))
                .unwrap_or_default();
            for (who, run, times) in [("defaults", Some(&ours), times)].into_iter().chain([(
                "ArchivesSnake",
                asnake.as_ref(),
                String::new(),
            )]) {
                let Some(run) = run else { continue };
                let _ = writeln!(
                    md,
                    "| {} ms | {} | {who} | {:.0} | {:.3} s | {:.0} | {times} |",
                    whole.latency_ms,
                    whole.records,
                    run.records_per_second(),
                    run.whole_seconds(),
                    run.records as f64 / run.whole_seconds().max(1e-9),
                );
            }
        }
        let _ = writeln!(md);
    }
    if !counts.is_empty() {
        let _ = writeln!(md, "### Memory against record count (defaults, 0 ms)\n");
        let _ = writeln!(
            md,
            "Memory follows the pages in flight, not the records harvested; the only \
             part that grows with the count is the `all_ids` list the id harvest works \
             from (8 bytes an id, plus its JSON while it is decoded), which paging by \
             page number does without.\n"
        );
        let _ = writeln!(md, "| records | records/s | peak RSS |");
        let _ = writeln!(md, "| ---: | ---: | ---: |");
        for (count, run) in counts {
            let _ = writeln!(
                md,
                "| {count} | {:.0} | {} |",
                run.records_per_second(),
                mib(run.process.max_rss)
            );
        }
        let _ = writeln!(md);
    }
    let _ = write!(md, "{}", goals(tables, wholes, counts));
    Section {
        name: "harvest",
        markdown: md,
    }
}

fn table_row(label: &str, run: &Run, baseline: Option<&Run>) -> String {
    let (speed, cpu) = match baseline {
        Some(b) => (
            format!("{:.1}×", run.records_per_second() / b.records_per_second()),
            format!(
                "1/{:.1}",
                b.cpu_per_record().as_secs_f64() / run.cpu_per_record().as_secs_f64().max(1e-12)
            ),
        ),
        None => ("".to_owned(), "".to_owned()),
    };
    format!(
        "| {label} | {:.0} | {speed} | {:.3} s | {:.2} | {:.2} | {cpu} | {} |",
        run.records_per_second(),
        run.whole_seconds(),
        run.process.cpu.as_secs_f64(),
        run.cpu_per_record().as_secs_f64() * 1e6,
        mib(run.process.max_rss),
    )
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / f64::from(1 << 20))
}

/// The goals, each checked against the figures above.
fn goals(tables: &[Table], wholes: &[Whole], counts: &[(usize, Run)]) -> String {
    let mut md = String::from("Goals, checked on these figures (this client's defaults):\n\n");
    for (latency, rows, baseline) in tables {
        let Some(default) = rows.iter().find(|r| r.is_default) else {
            continue;
        };
        if let Some(baseline) = baseline {
            let wanted = if *latency >= 20 { 10.0 } else { 4.0 };
            let speed = default.run.records_per_second() / baseline.records_per_second();
            let _ = writeln!(
                md,
                "- {latency} ms: {speed:.1}× ArchivesSnake's records/s (goal ≥ {wanted}×): {}",
                verdict(speed >= wanted)
            );
            let cpu = baseline.cpu_per_record().as_secs_f64()
                / default.run.cpu_per_record().as_secs_f64().max(1e-12);
            let _ = writeln!(
                md,
                "- {latency} ms: CPU per record 1/{cpu:.1} of ArchivesSnake's (goal ≤ 1/10): {}",
                verdict(cpu >= 10.0)
            );
        }
    }
    for whole in wholes
        .iter()
        .filter(|w| w.latency_ms >= 20 && w.records == WHOLE_GOAL_RECORDS)
    {
        if whole.ours.is_empty() || whole.asnake.is_empty() {
            continue;
        }
        let ours = median_by(&whole.ours, Run::whole_seconds);
        let asnake = median_by(&whole.asnake, Run::whole_seconds);
        let speed = asnake.whole_seconds() / ours.whole_seconds().max(1e-9);
        let _ = writeln!(
            md,
            "- {} ms, {} records, whole process: {:.3} s against ArchivesSnake's {:.3} s, \
             {speed:.1}× (goal ≥ 10×): {}",
            whole.latency_ms,
            whole.records,
            ours.whole_seconds(),
            asnake.whole_seconds(),
            verdict(speed >= 10.0)
        );
    }
    let peak = tables
        .iter()
        .flat_map(|(_, rows, _)| rows.iter().map(|r| r.run.process.max_rss))
        .chain(counts.iter().map(|(_, run)| run.process.max_rss))
        .max()
        .unwrap_or(0);
    let _ = writeln!(
        md,
        "- peak RSS of every run of this client above: {} (goal < 64 MiB at any record count): {}",
        mib(peak),
        verdict(peak < RSS_GOAL)
    );
    md
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "**not met**"
    }
}
