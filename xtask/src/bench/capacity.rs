//! What a harvest asks of a real ArchivesSpace backend: records/s, and the
//! backend's CPU seconds per record, for ArchivesSnake and for this
//! client's settings (page walk against `all_ids` + `id_set`, chunk sizes,
//! requests in flight).
//!
//! On a real backend the server's CPU, not the client, bounds a harvest:
//! every record is built from several queries (`to_jsonmodel`), and a page
//! walk adds a count query per page, which `id_set` does without. So the
//! figure that matters to a site is the server's CPU per record, read from
//! the backend process's `utime + stime` (`/proc/PID/stat`) before and after
//! each run, beside the records/s one harvest gets.
//!
//! It needs a backend on this machine (`--aspace-url`, e.g. one
//! `../shared/realaspace/boot.sh start PORT` runs): the process listening on
//! the URL's port is found through `/proc/net/tcp` and the processes' open
//! sockets, or given with `--aspace-pid`. It harvests a repository of its
//! own (repository code `capacityN` for N archival objects), which it loads
//! with a batch import the first time (minutes on Derby) and reuses after.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};
use archivesspace::requests::archival_objects;
use archivesspace::{Client, PaginatedRequest};
use serde_json::Value;

use super::harvest::{asnake_with, check_output, ours_with, Run, Target};
use super::tools::Tools;
use super::Section;

pub struct Plan {
    pub url: String,
    pub username: String,
    pub password: String,
    /// The backend's process; found by the URL's port when `None`.
    pub pid: Option<u32>,
    pub records: usize,
    /// Runs of each setting, taken in turns; medians are reported.
    pub repetitions: usize,
    /// The Python of a virtualenv with ArchivesSnake; `None` leaves it out.
    pub asnake: Option<PathBuf>,
    /// Only a few settings, for the smoke run.
    pub quick: bool,
}

/// One way of harvesting.
struct Setting {
    label: String,
    /// The harvest example's flags; `None` for ArchivesSnake.
    args: Option<Vec<String>>,
    in_flight: usize,
    /// Records per request.
    chunk: usize,
    by_page: bool,
    is_default: bool,
}

impl Setting {
    fn ours(by_page: bool, concurrency: usize, chunk: usize) -> Setting {
        let mut args = vec![
            "--concurrency".to_owned(),
            concurrency.to_string(),
            "--page-size".to_owned(),
            chunk.to_string(),
        ];
        if by_page {
            args.push("--by-page".to_owned());
        }
        let mode = if by_page { "pages" } else { "all_ids + id_set" };
        Setting {
            label: format!("{mode} of {chunk}, {concurrency} in flight"),
            args: Some(args),
            in_flight: concurrency,
            chunk,
            by_page,
            is_default: false,
        }
    }

    /// The requests a harvest of `records` makes (the login aside), and how
    /// many of them make the server count the listing.
    fn requests(&self, records: usize) -> (usize, usize) {
        let chunks = records.div_ceil(self.chunk.max(1));
        if self.by_page {
            (chunks.max(1), chunks.max(1))
        } else {
            (chunks + 1, 0)
        }
    }
}

fn settings(quick: bool, asnake: bool) -> Vec<Setting> {
    let mut settings = Vec::new();
    if asnake {
        settings.push(Setting {
            label: "ArchivesSnake `get_paged`, pages of 250".to_owned(),
            args: None,
            in_flight: 1,
            chunk: 250,
            by_page: true,
            is_default: false,
        });
    }
    let concurrencies: &[usize] = if quick { &[4] } else { &[1, 2, 4, 8] };
    for by_page in [true, false] {
        for &concurrency in concurrencies {
            settings.push(Setting::ours(by_page, concurrency, 250));
        }
    }
    if !quick {
        settings.push(Setting::ours(false, 4, 100));
    }
    // The harvest example's defaults are the runtime's (`Paging::new()`):
    // the setting measured above that matches them is marked, and only
    // when none does are they run on their own.
    let defaults = archivesspace::Paging::new();
    let chunk = usize::try_from(defaults.page_size()).unwrap_or(250);
    let matching = settings.iter_mut().find(|s| {
        !defaults.is_adaptive()
            && !s.by_page
            && s.args.is_some()
            && s.chunk == chunk
            && s.in_flight == defaults.concurrency()
    });
    match matching {
        Some(setting) => setting.is_default = true,
        None => settings.push(Setting {
            label: "defaults (no flags)".to_owned(),
            args: Some(Vec::new()),
            in_flight: defaults.concurrency(),
            chunk,
            by_page: false,
            is_default: true,
        }),
    }
    settings
}

/// Why the defaults are what they are; the figures above bear it out or not.
const WHY: &str = "What a record costs the backend is building it (`to_jsonmodel`: several \
queries a record); the page walk's count query per page, the chunk size and the requests in \
flight move that little, so every setting asks about the same CPU a record of the server, \
ArchivesSnake's included, and a harvest's records/s is bounded by the backend's cores (two \
here, shared with the clients and other people's builds, hence the spread). More in flight \
than the backend has cores to spare buys no records/s; it only queues other users' requests \
behind the harvest's, while against a quick server far away (the Harvest section) eight in \
flight are what hide 20 ms of latency. So the defaults are `all_ids` + `id_set` of 250 (no \
count queries, the fewest requests, and no record missed or repeated while the listing \
changes) with as many in flight as the server answers without queueing them: two at first, \
one more while answers come back as quick as the quickest, one fewer when they take twice as \
long, never more than eight (well under ArchivesSpace's default database pool of 28 \
connections). `Paging::with_concurrency` (the example's `--concurrency`) fixes the number \
instead.";

/// One measured run: the harvest and the backend's CPU time during it.
struct Sample {
    run: Run,
    server_cpu: Duration,
}

/// The CPU time (user + system, all threads) a process has used so far.
fn process_cpu(pid: u32) -> Result<Duration> {
    let path = format!("/proc/{pid}/stat");
    let stat = std::fs::read_to_string(&path).with_context(|| format!("reading {path}"))?;
    // The command name, in parentheses, may hold spaces; the fields after
    // it start with the state (field 3), so utime and stime (fields 14 and
    // 15) are the 12th and 13th after it.
    let rest = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .with_context(|| format!("{path} has no command name"))?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |index: usize| -> Result<u64> {
        fields
            .get(index)
            .and_then(|f| f.parse().ok())
            .with_context(|| format!("{path}: no CPU time in {stat:?}"))
    };
    let total = ticks(11)? + ticks(12)?;
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    let hz = u64::try_from(hz).ok().filter(|&hz| hz > 0).unwrap_or(100);
    Ok(Duration::from_micros(total * 1_000_000 / hz))
}

/// The port in a URL such as `http://localhost:8089/api`.
fn port_of(url: &str) -> Option<u16> {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = after_scheme.split('/').next()?;
    match authority.rsplit_once(':') {
        Some((_, port)) => port.parse().ok(),
        None if url.starts_with("https://") => Some(443),
        None => Some(80),
    }
}

/// The process listening on TCP `port` on this machine: the socket's inode
/// from `/proc/net/tcp` (or `tcp6`), then the process holding it open.
fn listener(port: u16) -> Result<u32> {
    let mut inodes = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Ok(text) = std::fs::read_to_string(table) else {
            continue;
        };
        for line in text.lines().skip(1) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let (Some(local), Some(state), Some(inode)) =
                (fields.get(1), fields.get(3), fields.get(9))
            else {
                continue;
            };
            let listening = *state == "0A";
            let on_port = local
                .rsplit_once(':')
                .and_then(|(_, p)| u16::from_str_radix(p, 16).ok())
                == Some(port);
            if listening && on_port {
                inodes.push(format!("socket:[{inode}]"));
            }
        }
    }
    ensure!(!inodes.is_empty(), "nothing listens on port {port} here");
    for entry in std::fs::read_dir("/proc")?.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(fds) = std::fs::read_dir(entry.path().join("fd")) else {
            continue;
        };
        for fd in fds.flatten() {
            if let Ok(target) = std::fs::read_link(fd.path()) {
                if inodes.iter().any(|i| target.as_os_str() == i.as_str()) {
                    return Ok(pid);
                }
            }
        }
    }
    bail!("no process of ours holds the socket listening on port {port} (pass --aspace-pid)")
}

/// The benchmark's repository with `records` archival objects: found by its
/// code, else made and loaded.
async fn repository(client: &Client, records: usize) -> Result<u64> {
    let code = format!("capacity{records}");
    let repositories: Vec<Value> = client.get_json("/repositories").await?;
    let found = repositories
        .iter()
        .find(|r| r["repo_code"] == code.as_str());
    if let Some(repo) = found {
        let id = repo["uri"]
            .as_str()
            .and_then(|uri| uri.rsplit('/').next())
            .and_then(|id| id.parse::<u64>().ok())
            .with_context(|| format!("repository {code} has no id in {repo}"))?;
        let listing = archival_objects::List::new(i64::try_from(id)?);
        let ids = client.send(&listing.all_ids()).await?;
        ensure!(
            ids.len() == records,
            "repository {code} (/repositories/{id}) holds {} archival objects, not {records}",
            ids.len()
        );
        return Ok(id);
    }
    eprintln!("capacity: loading {records} archival objects into repository {code} (minutes on Derby; reused by later runs)");
    let id = super::seed::repository_with_items(
        client,
        &code,
        &format!("Capacity benchmark, {records} records"),
        "Capacity benchmark",
        records,
    )
    .await?;
    u64::try_from(id).context("repository id out of range")
}

/// The backend's CPU time and wall time for one login, median of three.
async fn login_cost(client: &Client, pid: u32) -> Result<(Duration, Duration)> {
    let mut costs = Vec::new();
    for _ in 0..3 {
        let cpu = process_cpu(pid)?;
        let started = Instant::now();
        client.login().await?;
        costs.push((process_cpu(pid)? - cpu, started.elapsed()));
    }
    costs.sort();
    Ok(costs[costs.len() / 2])
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

pub fn bench(plan: &Plan, tools: &Tools, workspace: &Path) -> Result<Section> {
    let pid = match plan.pid {
        Some(pid) => pid,
        None => {
            let port = port_of(&plan.url)
                .with_context(|| format!("no port in the backend URL {}", plan.url))?;
            listener(port)?
        }
    };
    process_cpu(pid)?;
    eprintln!("capacity: the backend at {} is process {pid}", plan.url);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let (repo, login) = runtime.block_on(async {
        let client = Client::builder()
            .base_url(&plan.url)
            .credentials(&plan.username, plan.password.as_str())
            .expiring_session(false)
            .request_timeout(Duration::from_secs(3600))
            .build()?;
        let repo = repository(&client, plan.records).await?;
        let login = login_cost(&client, pid).await?;
        anyhow::Ok((repo, login))
    })?;
    let target = Target {
        url: &plan.url,
        username: &plan.username,
        password: &plan.password,
        repo,
    };
    let scratch = tempfile::tempdir().context("making a scratch folder")?;
    let out = scratch.path().join("harvest.jsonl");
    let script = workspace.join("xtask/bench/asnake_harvest.py");
    let settings = settings(plan.quick, plan.asnake.is_some());

    // The JVM compiles the listing's code as it runs it: a page walk and an
    // id harvest first, unmeasured, so that the first settings measured do
    // not pay for the warm-up.
    eprintln!("capacity: warming the backend up");
    for args in [vec!["--by-page".to_owned()], Vec::new()] {
        ours_with(tools, &target, &args, &out)?;
    }
    let mut samples: Vec<Vec<Sample>> = settings.iter().map(|_| Vec::new()).collect();
    // In turns, so that drift (other load on the machine, the JVM's
    // compiler) spreads over every setting rather than falling on some.
    for round in 0..plan.repetitions {
        for (setting, samples) in settings.iter().zip(&mut samples) {
            let cpu = process_cpu(pid)?;
            let run = match (&setting.args, &plan.asnake) {
                (Some(args), _) => ours_with(tools, &target, args, &out)?,
                (None, Some(python)) => asnake_with(python, &script, &target, &out)?,
                (None, None) => continue,
            };
            let server_cpu = process_cpu(pid)?.saturating_sub(cpu);
            check_output(&out, &run, plan.records, &setting.label)?;
            eprintln!(
                "capacity {}/{}: {}: {:.0} records/s, whole process {:.1} s, server CPU {:.1} s",
                round + 1,
                plan.repetitions,
                setting.label,
                run.records_per_second(),
                run.whole_seconds(),
                server_cpu.as_secs_f64()
            );
            samples.push(Sample { run, server_cpu });
        }
    }
    Ok(render(plan, &settings, &samples, login))
}

/// A setting's medians.
struct Figures {
    records_per_second: f64,
    /// The slowest and the fastest run's records/s: how far the machine's
    /// other load moved the figure.
    spread: (f64, f64),
    whole_seconds: f64,
    server_cpu: f64,
    client_cpu: f64,
}

fn figures(samples: &[Sample]) -> Figures {
    let of = |f: &dyn Fn(&Sample) -> f64| median(samples.iter().map(f).collect());
    Figures {
        records_per_second: of(&|s| s.run.records_per_second()),
        spread: samples
            .iter()
            .map(|s| s.run.records_per_second())
            .fold((f64::INFINITY, 0.0), |(lo, hi), r| (lo.min(r), hi.max(r))),
        whole_seconds: of(&|s| s.run.whole_seconds()),
        server_cpu: of(&|s| s.server_cpu.as_secs_f64()),
        client_cpu: of(&|s| s.run.process.cpu.as_secs_f64()),
    }
}

fn render(
    plan: &Plan,
    settings: &[Setting],
    samples: &[Vec<Sample>],
    (login_cpu, login_wall): (Duration, Duration),
) -> Section {
    let records = plan.records;
    let mut md = String::new();
    let _ = writeln!(md, "## Harvest capacity (real backend)\n");
    let _ = writeln!(
        md,
        "Every archival object of a repository of {records} on the real ArchivesSpace \
         backend (`../shared/realaspace`: Derby, WEBrick, on the same cores as the clients), \
         written to a JSON Lines file by `examples/harvest.rs` with the flags shown, or by \
         ArchivesSnake (`xtask/bench/asnake_harvest.py`). Records/s by the client's clock \
         (the listing, login excluded); whole process: wall time from start to exit; server \
         CPU: the backend process's user + system time (`/proc/PID/stat`) over the whole \
         run, its login included, divided by the records. Median of {} runs, taken in \
         turns, after an unmeasured warm-up harvest of each kind. One login costs the \
         backend {:.2} s of CPU and {:.2} s of wall time (included in every row). Requests: \
         the listing's, login aside; count queries: the page walk's (one a page).\n",
        plan.repetitions,
        login_cpu.as_secs_f64(),
        login_wall.as_secs_f64(),
    );
    let _ = writeln!(
        md,
        "| setting | in flight | requests (count queries) | records/s | slowest–fastest | whole process | server CPU s | server CPU ms/record | client CPU s |"
    );
    let _ = writeln!(
        md,
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    let mut rows = Vec::new();
    for (setting, samples) in settings.iter().zip(samples) {
        if samples.is_empty() {
            continue;
        }
        let f = figures(samples);
        let (requests, counts) = setting.requests(records);
        let own_run = setting.is_default && setting.args.as_ref().is_some_and(Vec::is_empty);
        let adaptive = own_run && archivesspace::Paging::new().is_adaptive();
        let label = if adaptive {
            format!(
                "**defaults (no flags): all_ids + id_set of {}, as many in flight as the \
                 server answers without queueing, at most {}**",
                setting.chunk, setting.in_flight
            )
        } else if own_run {
            format!(
                "**defaults (no flags): all_ids + id_set of {}, {} in flight**",
                setting.chunk, setting.in_flight
            )
        } else if setting.is_default {
            format!("**{} (the defaults)**", setting.label)
        } else {
            setting.label.clone()
        };
        let _ = writeln!(
            md,
            "| {label} | {} | {requests} ({counts}) | {:.0} | {:.0}–{:.0} | {:.1} s | {:.1} | {:.2} | {:.2} |",
            if adaptive {
                format!("≤ {}", setting.in_flight)
            } else {
                setting.in_flight.to_string()
            },
            f.records_per_second,
            f.spread.0,
            f.spread.1,
            f.whole_seconds,
            f.server_cpu,
            f.server_cpu * 1000.0 / records.max(1) as f64,
            f.client_cpu,
        );
        rows.push((setting, f));
    }
    let _ = writeln!(md);
    let best = rows
        .iter()
        .filter(|(s, _)| s.args.is_some())
        .max_by(|a, b| a.1.records_per_second.total_cmp(&b.1.records_per_second));
    let cheapest = rows
        .iter()
        .min_by(|a, b| a.1.server_cpu.total_cmp(&b.1.server_cpu));
    let asnake = rows.iter().find(|(s, _)| s.args.is_none());
    let default = rows.iter().find(|(s, _)| s.is_default);
    if let (Some((best, b)), Some((cheapest, c))) = (best, cheapest) {
        let _ = writeln!(
            md,
            "Most records/s: {} ({:.0} records/s); least server CPU a record: {} ({:.2} ms).",
            best.label,
            b.records_per_second,
            cheapest.label,
            c.server_cpu * 1000.0 / records.max(1) as f64
        );
    }
    if let (Some((_, d)), Some((_, a))) = (default, asnake) {
        let _ = writeln!(
            md,
            "The defaults: {:.1}× ArchivesSnake's records/s, {:.1}× its whole-process speed, \
             {:.2}× its server CPU a record.",
            d.records_per_second / a.records_per_second.max(1e-9),
            a.whole_seconds / d.whole_seconds.max(1e-9),
            d.server_cpu / a.server_cpu.max(1e-9),
        );
    }
    let per_record = |f: &Figures| f.server_cpu * 1000.0 / records.max(1) as f64;
    let cpu_range = rows
        .iter()
        .map(|(_, f)| per_record(f))
        .fold((f64::INFINITY, 0.0f64), |(lo, hi), c| {
            (lo.min(c), hi.max(c))
        });
    let _ = writeln!(
        md,
        "Server CPU a record, every setting: {:.2}–{:.2} ms.",
        cpu_range.0, cpu_range.1
    );
    if let Some((d_setting, d)) = default {
        if let Some((best, b)) = best {
            let _ = writeln!(
                md,
                "The defaults' records/s: {:.0}% of the best median ({}); their runs' spread \
                 {:.0}–{:.0} against the best's {:.0}–{:.0}.",
                100.0 * d.records_per_second / b.records_per_second.max(1e-9),
                best.label,
                d.spread.0,
                d.spread.1,
                b.spread.0,
                b.spread.1,
            );
        }
        let half = rows.iter().find(|(s, _)| {
            s.args.is_some()
                && !s.by_page
                && s.chunk == d_setting.chunk
                && s.in_flight * 2 == d_setting.in_flight
        });
        if let Some((half, h)) = half {
            let _ = writeln!(
                md,
                "Half as many in flight ({}): {:.0}% of the defaults' records/s, {:.0}% of their \
                 server CPU.",
                half.label,
                100.0 * h.records_per_second / d.records_per_second.max(1e-9),
                100.0 * h.server_cpu / d.server_cpu.max(1e-9),
            );
        }
    }
    let _ = writeln!(md, "\n{WHY}");
    Section {
        name: "capacity",
        markdown: md,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_come_from_urls() {
        assert_eq!(port_of("http://localhost:8089"), Some(8089));
        assert_eq!(port_of("http://localhost:8089/api/"), Some(8089));
        assert_eq!(port_of("https://example.org/api"), Some(443));
        assert_eq!(port_of("http://[::1]:18091"), Some(18091));
        assert_eq!(port_of("http://localhost:x"), None);
    }

    #[test]
    fn the_listener_is_found_by_its_port() -> Result<()> {
        let socket = std::net::TcpListener::bind("127.0.0.1:0")?;
        let port = socket.local_addr()?.port();
        assert_eq!(listener(port)?, std::process::id());
        drop(socket);
        assert!(listener(port).is_err());
        Ok(())
    }

    #[test]
    fn our_cpu_time_is_read() -> Result<()> {
        let pid = std::process::id();
        let before = process_cpu(pid)?;
        let mut x = 0u64;
        for i in 0..50_000_000u64 {
            x = x.wrapping_add(i * i);
        }
        assert!(x > 0);
        assert!(process_cpu(pid)? >= before);
        Ok(())
    }
}
