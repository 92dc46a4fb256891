//! Running a benchmark's subject as a child process and measuring it alone:
//! wall time, CPU time and peak resident memory.
//!
//! `wait4` hands back the resource usage of exactly the child it reaps, so
//! nothing else this process does (or its other children, such as the fake
//! server) is counted. One catch: Linux carries the peak RSS of the memory
//! a process had before `exec` into the peak it reports after, and std
//! starts children with `vfork`, whose memory before `exec` is the parent's.
//! So the child's peak would be at least this (large) process's peak. The
//! subject is therefore started by a small launcher (this same xtask, as
//! `bench --measure-report FILE -- PROGRAM ARGS...`), which `fork`s it from
//! its own few MiB, waits for it and writes its usage to FILE.

use std::ffi::OsString;
use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_json::json;

/// What one run of a child cost.
#[derive(Debug, Clone)]
pub struct Measured {
    pub wall: Duration,
    /// User plus system CPU time.
    pub cpu: Duration,
    /// Peak resident set size, in bytes.
    pub max_rss: u64,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `command` (its program, arguments, environment and folder) to its
/// end through the launcher and measures it; fails when it exits
/// unsuccessfully, with its standard error in the message.
pub fn measure(command: &Command) -> Result<Measured> {
    let shown = format!("{command:?}");
    let report = tempfile::NamedTempFile::new().context("making a report file")?;
    let mut launcher = Command::new(std::env::current_exe().context("finding xtask")?);
    launcher
        .args(["bench", "--measure-report"])
        .arg(report.path())
        .arg("--")
        .arg(command.get_program())
        .args(command.get_args());
    for (name, value) in command.get_envs() {
        match value {
            Some(value) => launcher.env(name, value),
            None => launcher.env_remove(name),
        };
    }
    if let Some(dir) = command.get_current_dir() {
        launcher.current_dir(dir);
    }
    let mut child = launcher
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {shown}"))?;
    // Read both pipes on threads while we wait, so that a chatty child never
    // blocks on a full pipe.
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status = child.wait().context("waiting for the launcher")?;
    let stdout = join(stdout);
    let stderr = join(stderr);
    if !status.success() {
        bail!("the launcher of {shown} failed ({status}):\n{stderr}");
    }
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(report.path())?)
        .context("reading the launcher's report")?;
    let number = |key: &str| report[key].as_u64().unwrap_or(0);
    if report["success"] != true {
        bail!("{shown} failed ({}):\n{stderr}", report["status"]);
    }
    Ok(Measured {
        wall: Duration::from_micros(number("wall_us")),
        cpu: Duration::from_micros(number("cpu_us")),
        max_rss: number("max_rss_bytes"),
        stdout,
        stderr,
    })
}

/// The launcher: runs `program` with `args` as a forked child (standard
/// streams inherited), waits for it, and writes its wall time, CPU time,
/// peak RSS and exit status to `report` as JSON.
pub fn launch(report: &Path, command: &[OsString]) -> Result<()> {
    use std::os::unix::process::CommandExt;

    let (program, args) = command.split_first().context("no program to run")?;
    let mut child = Command::new(program);
    child.args(args);
    // SAFETY: the hook does nothing. Having one makes std fork and exec
    // rather than vfork, so that the child's memory before exec is a copy of
    // ours (a few MiB), not the caller's (see the module's documentation).
    unsafe {
        child.pre_exec(|| Ok(()));
    }
    let started = Instant::now();
    let child = child
        .spawn()
        .with_context(|| format!("starting {}", Path::new(program).display()))?;
    let (status, usage) = wait4(&child)?;
    let wall = started.elapsed();
    let cpu = timeval(usage.ru_utime) + timeval(usage.ru_stime);
    let json = json!({
        "success": libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "status": describe(status),
        "wall_us": u64::try_from(wall.as_micros()).unwrap_or(u64::MAX),
        "cpu_us": u64::try_from(cpu.as_micros()).unwrap_or(u64::MAX),
        // Linux reports ru_maxrss in KiB.
        "max_rss_bytes": u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024,
    });
    std::fs::write(report, json.to_string())
        .with_context(|| format!("writing {}", report.display()))
}

fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> Option<JoinHandle<String>> {
    let mut pipe = pipe?;
    Some(std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    }))
}

fn join(handle: Option<JoinHandle<String>>) -> String {
    handle.and_then(|h| h.join().ok()).unwrap_or_default()
}

/// Reaps `child`, returning its wait status and its resource usage.
fn wait4(child: &Child) -> Result<(libc::c_int, libc::rusage)> {
    let pid = libc::pid_t::try_from(child.id()).context("pid out of range")?;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data, for which all zeroes is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own unreaped child (std's `Child` does not
        // reap on its own) and both out-pointers point at live locals.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid {
            return Ok((status, usage));
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(error).context("waiting for a child process");
        }
    }
}

fn describe(status: libc::c_int) -> String {
    if libc::WIFEXITED(status) {
        format!("exit status {}", libc::WEXITSTATUS(status))
    } else if libc::WIFSIGNALED(status) {
        format!("killed by signal {}", libc::WTERMSIG(status))
    } else {
        format!("wait status {status}")
    }
}

fn timeval(tv: libc::timeval) -> Duration {
    let secs = u64::try_from(tv.tv_sec).unwrap_or(0);
    let micros = u32::try_from(tv.tv_usec).unwrap_or(0);
    Duration::from_secs(secs) + Duration::from_micros(u64::from(micros))
}

/// A child that is killed and reaped when dropped (the fake server).
pub struct Background(pub Child);

impl Drop for Background {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_launcher_reports_usage_and_failures() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let report = dir.path().join("report.json");
        let command = |script: &str| -> Vec<OsString> {
            ["sh", "-c", script].iter().map(OsString::from).collect()
        };
        launch(
            &report,
            &command("i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done"),
        )?;
        let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&report)?)?;
        assert_eq!(json["success"], true, "{json}");
        assert!(json["cpu_us"].as_u64() > Some(0), "{json}");
        // A shell's peak, not the test process's: well under 64 MiB.
        let rss = json["max_rss_bytes"].as_u64().unwrap_or(0);
        assert!(rss > 0 && rss < 64 << 20, "{json}");
        launch(&report, &command("exit 3"))?;
        let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&report)?)?;
        assert_eq!(json["success"], false);
        assert_eq!(json["status"], "exit status 3");
        Ok(())
    }
}
