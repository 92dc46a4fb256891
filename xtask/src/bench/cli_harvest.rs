//! `aspace harvest` against `examples/harvest.rs`: the same listing of the
//! same fake server, each client a process of its own with its defaults,
//! timed from spawn to exit. The tool must be at least as fast as the
//! example, whose figures the Harvest section has.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};

use super::harvest::{self, Run, Target};
use super::process::measure;
use super::tools::Tools;
use super::Section;

pub struct Plan {
    /// Archival objects on the fake server.
    pub records: usize,
    pub latencies_ms: Vec<u64>,
    /// Runs of each client, taken in turns; the median is reported.
    pub repetitions: usize,
}

/// One latency's runs of both clients.
struct Pair {
    latency_ms: u64,
    example: Vec<Run>,
    aspace: Vec<Run>,
}

pub fn bench(plan: &Plan, tools: &Tools, aspace: &Path) -> Result<Section> {
    let scratch = tempfile::tempdir().context("making a scratch folder")?;
    let out = scratch.path().join("harvest.jsonl");
    let mut pairs = Vec::new();
    for &latency_ms in &plan.latencies_ms {
        let (server, url) = harvest::start_fake(tools, plan.records, latency_ms)?;
        let target = Target::fake(&url);
        let mut pair = Pair {
            latency_ms,
            example: Vec::new(),
            aspace: Vec::new(),
        };
        for _ in 0..plan.repetitions {
            let run = harvest::ours_with(tools, &target, &[], &out)?;
            harvest::check_output(&out, &run, plan.records, "examples/harvest.rs")?;
            pair.example.push(run);
            let run = aspace_harvest(aspace, &target, plan.records, &out)?;
            harvest::check_output(&out, &run, plan.records, "aspace harvest")?;
            pair.aspace.push(run);
        }
        drop(server);
        eprintln!(
            "bench: cli-harvest {latency_ms} ms: example {:.3} s, aspace {:.3} s",
            median_whole(&pair.example).whole_seconds(),
            median_whole(&pair.aspace).whole_seconds()
        );
        pairs.push(pair);
    }
    Ok(render(plan, tools, &pairs))
}

/// `aspace harvest archival_objects --repo N > out`, measured. A shell
/// sends standard output to the file and `exec`s the tool, so the measured
/// process is the tool's own (the shell's start-up, a millisecond, counts).
fn aspace_harvest(aspace: &Path, target: &Target, records: usize, out: &Path) -> Result<Run> {
    let process = measure(
        Command::new("sh")
            .args(["-c", r#"exec "$0" "$@" > "$HARVEST_OUT""#])
            .arg(aspace)
            .args(["harvest", "archival_objects", "--repo"])
            .arg(target.repo.to_string())
            .env("HARVEST_OUT", out)
            .env("ASPACE_BASEURL", target.url)
            .env("ASPACE_USERNAME", target.username)
            .env("ASPACE_PASSWORD", target.password)
            .env("HOME", std::env::temp_dir()),
    )?;
    // The tool has no clock of its own to report: its whole process is
    // what is compared.
    Ok(Run {
        records: records as u64,
        seconds: process.wall.as_secs_f64(),
        process,
    })
}

fn median_whole(runs: &[Run]) -> Run {
    let mut runs = runs.to_vec();
    runs.sort_by(|a, b| a.whole_seconds().total_cmp(&b.whole_seconds()));
    runs.swap_remove(runs.len() / 2)
}

/// How far one client's runs spread: (slowest − fastest) ÷ median, by
/// whole-process time.
fn spread(runs: &[Run]) -> f64 {
    let times: Vec<f64> = runs.iter().map(Run::whole_seconds).collect();
    let (fastest, slowest) = times
        .iter()
        .fold((f64::MAX, 0.0f64), |(lo, hi), &t| (lo.min(t), hi.max(t)));
    (slowest - fastest) / median_whole(runs).whole_seconds().max(1e-9)
}

fn render(plan: &Plan, tools: &Tools, pairs: &[Pair]) -> Section {
    let mut md = String::new();
    let _ = writeln!(md, "## `aspace harvest`\n");
    let _ = writeln!(
        md,
        "The Harvest section's listing (every archival object of repository 2, {} records, \
         from the fake server with the latency shown), harvested by `aspace harvest \
         archival_objects --repo 2 > FILE` and by `examples/harvest.rs` with no flags, \
         each with its defaults, in turns, {} runs each ({} builds). Whole process: wall \
         time from spawn to exit (start-up, login, listing, the last record written); CPU \
         (user + system) and peak RSS from `wait4`. Medians by whole-process time.\n",
        plan.records,
        plan.repetitions,
        if tools.release { "release" } else { "debug" },
    );
    let _ = writeln!(
        md,
        "| latency | client | whole process | records/s | CPU s | peak RSS |"
    );
    let _ = writeln!(md, "| ---: | --- | ---: | ---: | ---: | ---: |");
    let mut goals = String::new();
    for pair in pairs {
        let example = median_whole(&pair.example);
        let aspace = median_whole(&pair.aspace);
        for (who, run) in [
            ("`examples/harvest.rs`", &example),
            ("`aspace harvest`", &aspace),
        ] {
            let _ = writeln!(
                md,
                "| {} ms | {who} | {:.3} s | {:.0} | {:.2} | {:.1} MiB |",
                pair.latency_ms,
                run.whole_seconds(),
                run.records as f64 / run.whole_seconds().max(1e-9),
                run.process.cpu.as_secs_f64(),
                run.process.max_rss as f64 / f64::from(1 << 20),
            );
        }
        let ratio = aspace.whole_seconds() / example.whole_seconds().max(1e-9);
        // A difference within how much one client's own runs spread is no
        // difference.
        let spread = spread(&pair.example).max(spread(&pair.aspace));
        let met = ratio <= 1.0 + spread;
        let _ = writeln!(
            goals,
            "- {} ms: `aspace harvest` takes {:.2}× the example's time; one client's runs \
             spread by up to {:.0}%: {}",
            pair.latency_ms,
            ratio,
            spread * 100.0,
            if met { "met" } else { "NOT met" }
        );
    }
    let _ = writeln!(
        md,
        "\nGoal: `aspace harvest` at least as fast as `examples/harvest.rs`.\n\n{goals}"
    );
    Section {
        name: "cli-harvest",
        markdown: md,
    }
}
