//! How the installed binary runs records through a generated crate it was
//! not built with.
//!
//! A site's crate has a name, a release and types of its own, so the binary
//! cannot link it. Instead it writes a small cargo project, the harness,
//! that depends on the crate by path, builds it with the crate's own cargo,
//! and talks to it over a pipe: one JSON request a line in, one JSON answer
//! a line out. The harness only decodes, encodes and validates; finding the
//! records, comparing and reporting stay in this crate, the same code
//! `cargo xtask` runs with the bundled crate linked in.
//!
//! The harness lives in the crate's target folder
//! (`<target>/archivesspace-codegen-harness/<crate>/`, with a target folder
//! of its own inside), so a second run only rebuilds what changed. It is
//! its own workspace, resolved from a copy of the crate's workspace's
//! `Cargo.lock`, and it carries over the `[patch]`es the crate's workspace
//! resolves it with (a path checkout of `archivesspace-core`, say): the
//! crate builds in the harness as it builds at home.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde_json::{json, Value};

use super::{Bindings, CliError};
use crate::roundtrip::DecodeFailure;
use crate::validation_report::{Messages, Verdict};

/// The harness package's name, and its binary's.
const HARNESS: &str = "archivesspace-codegen-harness";

/// The harness program. `bindings` is the generated crate, whatever its
/// package name.
const MAIN_RS: &str = r#"//! Written by archivesspace-codegen: runs records through the generated
//! crate for its `roundtrip` and `validate` commands. One JSON request a
//! line on standard input, one JSON answer a line on standard output.

use std::io::{self, BufRead, Write};

use bindings::validate::{validate_value, Enumerations};
use bindings::validation::CATALOG;
use serde_json::{json, Value};

fn answer(request: &Value, enums: &mut Option<Enumerations>) -> Value {
    if let Some(record) = request.get("roundtrip") {
        return match bindings::decode_record(record.clone()) {
            Ok(decoded) => match serde_json::to_value(&decoded) {
                Ok(encoded) => json!({ "encoded": encoded }),
                Err(e) => json!({ "failure": { "path": ".", "message": format!("encoding failed: {e}") } }),
            },
            Err(e) => json!({ "failure": { "path": e.path, "message": e.message } }),
        };
    }
    if let Some(check) = request.get("validate") {
        let record_type = check.get("type").and_then(Value::as_str).unwrap_or_default();
        let record = check.get("record").unwrap_or(&Value::Null);
        return match validate_value(&CATALOG, record_type, record, enums.as_ref()) {
            Ok(verdict) => json!({ "errors": verdict.errors, "warnings": verdict.warnings }),
            Err(e) => json!({ "errors": { "jsonmodel_type": [e.to_string()] }, "warnings": {} }),
        };
    }
    if let Some(config) = request.get("enumerations") {
        let loaded = Enumerations::from_config(config);
        let count = loaded.len();
        *enums = Some(loaded);
        return json!({ "count": count });
    }
    json!({ "unknown": request })
}

fn main() {
    let mut enums = None;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for line in io::stdin().lock().lines() {
        let Ok(line) = line else { return };
        let reply = match serde_json::from_str::<Value>(&line) {
            Ok(request) => answer(&request, &mut enums),
            Err(e) => json!({ "unknown": e.to_string() }),
        };
        if writeln!(out, "{reply}").and_then(|()| out.flush()).is_err() {
            return;
        }
    }
}
"#;

/// The two ends of the pipe.
struct Pipe {
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

/// A generated crate, reached through its harness.
pub struct Harness {
    child: Child,
    pipe: RefCell<Pipe>,
    /// Why the harness stopped answering, once it has.
    broken: RefCell<Option<String>>,
}

/// What `cargo metadata` says about the crate and its workspace.
struct CrateInfo {
    name: String,
    dir: PathBuf,
    workspace_root: PathBuf,
    target_directory: PathBuf,
    /// `[patch]` entries: registry key (`crates-io` or a URL) → package
    /// name → its folder.
    patches: BTreeMap<String, BTreeMap<String, PathBuf>>,
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

fn harness_error(message: String) -> CliError {
    CliError::Harness(message)
}

impl Harness {
    /// Builds (or reuses) the harness for the crate in `crate_dir` and
    /// starts it.
    pub fn start(crate_dir: &Path) -> Result<Self, CliError> {
        let manifest = crate_dir.join("Cargo.toml");
        if !manifest.is_file() {
            return Err(CliError::Usage(format!(
                "{}: no Cargo.toml (give the generated crate's folder with --crate)",
                crate_dir.display()
            )));
        }
        let info = crate_info(&manifest)?;
        let dir = info.target_directory.join(HARNESS).join(&info.name);
        write_project(&dir, &info)?;

        let binary = dir
            .join("target")
            .join("debug")
            .join(format!("{HARNESS}{}", std::env::consts::EXE_SUFFIX));
        if !binary.is_file() {
            eprintln!(
                "building a program on {} to run the records through (once, in {})",
                info.name,
                dir.display()
            );
        }
        let status = cargo()
            .arg("build")
            .arg("--quiet")
            .arg("--manifest-path")
            .arg(dir.join("Cargo.toml"))
            .arg("--target-dir")
            .arg(dir.join("target"))
            .stdout(Stdio::null())
            .status()
            .map_err(|e| harness_error(format!("running cargo: {e}")))?;
        if !status.success() {
            return Err(harness_error(format!(
                "building {} on {} failed (cargo's messages above)",
                dir.display(),
                info.dir.display()
            )));
        }

        let mut child = Command::new(&binary)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| harness_error(format!("starting {}: {e}", binary.display())))?;
        let (Some(input), Some(output)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(harness_error(format!(
                "{} started without its pipes",
                binary.display()
            )));
        };
        Ok(Harness {
            child,
            pipe: RefCell::new(Pipe {
                input,
                output: BufReader::new(output),
            }),
            broken: RefCell::new(None),
        })
    }

    /// Sends one request and reads its answer; `None` once the harness has
    /// stopped answering (see [`Bindings::failure`]).
    fn ask(&self, request: &Value) -> Option<Value> {
        if self.broken.borrow().is_some() {
            return None;
        }
        let mut pipe = self.pipe.borrow_mut();
        let answer = (|| -> Result<Value, String> {
            writeln!(pipe.input, "{request}").map_err(|e| format!("writing to it: {e}"))?;
            pipe.input
                .flush()
                .map_err(|e| format!("writing to it: {e}"))?;
            let mut line = String::new();
            let read = pipe
                .output
                .read_line(&mut line)
                .map_err(|e| format!("reading from it: {e}"))?;
            if read == 0 {
                return Err("it stopped (its messages are above)".into());
            }
            serde_json::from_str(&line).map_err(|e| format!("its answer is not JSON: {e}"))
        })();
        match answer {
            Ok(answer) => Some(answer),
            Err(why) => {
                *self.broken.borrow_mut() = Some(format!(
                    "the program running the records through the crate failed: {why}"
                ));
                None
            }
        }
    }

    fn unexpected(&self, answer: &Value) {
        let mut broken = self.broken.borrow_mut();
        if broken.is_none() {
            *broken = Some(format!(
                "the program running the records through the crate answered {answer}"
            ));
        }
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        // It keeps nothing worth finishing (it only answers), so it is
        // stopped rather than waited for, and then reaped. Errors here
        // mean it has already ended.
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

fn messages(value: Option<&Value>) -> Option<Messages> {
    serde_json::from_value(value?.clone()).ok()
}

impl Bindings for Harness {
    fn roundtrip(&self, record: Value) -> Result<Value, DecodeFailure> {
        let stopped = || DecodeFailure {
            path: ".".into(),
            message: "not checked: the program running the records stopped".into(),
        };
        let Some(mut answer) = self.ask(&json!({ "roundtrip": record })) else {
            return Err(stopped());
        };
        if let Some(encoded) = answer.get_mut("encoded") {
            return Ok(encoded.take());
        }
        let failure = answer.get("failure");
        let text = |key: &str| {
            failure
                .and_then(|f| f.get(key))
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        match (text("path"), text("message")) {
            (Some(path), Some(message)) => Err(DecodeFailure { path, message }),
            _ => {
                self.unexpected(&answer);
                Err(stopped())
            }
        }
    }

    fn validate(&self, record_type: &str, record: &Value) -> Verdict {
        let request = json!({ "validate": { "type": record_type, "record": record } });
        let answer = self.ask(&request);
        let parsed = answer.as_ref().and_then(|answer| {
            Some(Verdict {
                errors: messages(answer.get("errors"))?,
                warnings: messages(answer.get("warnings"))?,
            })
        });
        match (parsed, answer) {
            (Some(verdict), _) => verdict,
            (None, answer) => {
                if let Some(answer) = answer {
                    self.unexpected(&answer);
                }
                Verdict {
                    errors: [(
                        "record".to_owned(),
                        vec!["not checked: the program running the records stopped".to_owned()],
                    )]
                    .into(),
                    warnings: Messages::new(),
                }
            }
        }
    }

    fn use_enumerations(&mut self, answer: &Value) -> Result<usize, CliError> {
        let reply = self.ask(&json!({ "enumerations": answer }));
        if let Some(count) = reply
            .as_ref()
            .and_then(|r| r.get("count"))
            .and_then(Value::as_u64)
        {
            return usize::try_from(count)
                .map_err(|_| harness_error(format!("{count} enumerations is too many")));
        }
        if let Some(reply) = reply {
            self.unexpected(&reply);
        }
        Err(harness_error(self.failure().unwrap_or_default()))
    }

    fn failure(&self) -> Option<String> {
        self.broken.borrow().clone()
    }
}

/// Reads `cargo metadata` for the crate: its name, its workspace, where it
/// builds, and the patches its workspace resolves its dependencies with.
fn crate_info(manifest: &Path) -> Result<CrateInfo, CliError> {
    let output = cargo()
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(manifest)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| harness_error(format!("running cargo metadata: {e}")))?;
    if !output.status.success() {
        return Err(harness_error(format!(
            "cargo metadata on {} failed (its messages are above)",
            manifest.display()
        )));
    }
    let metadata: Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| harness_error(format!("cargo metadata answered no JSON: {e}")))?;
    let path_of = |key: &str| {
        metadata
            .get(key)
            .and_then(Value::as_str)
            .map(PathBuf::from)
            .ok_or_else(|| harness_error(format!("cargo metadata says no {key}")))
    };
    let workspace_root = path_of("workspace_root")?;
    let target_directory = path_of("target_directory")?;

    let packages: BTreeMap<&str, &Value> = metadata
        .get("packages")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|p| Some((p.get("id")?.as_str()?, p)))
        .collect();
    let wanted = fs::canonicalize(manifest).map_err(|source| CliError::Io {
        path: manifest.to_path_buf(),
        source,
    })?;
    let (root_id, root) = packages
        .iter()
        .find(|(_, p)| {
            p.get("manifest_path")
                .and_then(Value::as_str)
                .and_then(|m| fs::canonicalize(m).ok())
                .is_some_and(|m| m == wanted)
        })
        .ok_or_else(|| {
            harness_error(format!(
                "cargo metadata does not list the package of {}",
                manifest.display()
            ))
        })?;
    let name = root
        .get("name")
        .and_then(Value::as_str)
        .ok_or_else(|| harness_error(format!("{}: a package without a name", manifest.display())))?
        .to_owned();
    let dir = manifest
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));

    let nodes: BTreeMap<&str, &Value> = metadata
        .pointer("/resolve/nodes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|n| Some((n.get("id")?.as_str()?, n)))
        .collect();
    Ok(CrateInfo {
        name,
        dir,
        workspace_root,
        target_directory,
        patches: patches(root_id, &packages, &nodes),
    })
}

/// The patches that the crate's build takes from its workspace: every
/// package the crate needs (not for dev) that is declared as a registry
/// dependency but resolved to a folder.
fn patches(
    root: &str,
    packages: &BTreeMap<&str, &Value>,
    nodes: &BTreeMap<&str, &Value>,
) -> BTreeMap<String, BTreeMap<String, PathBuf>> {
    let mut out: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    let mut seen = BTreeSet::from([root.to_owned()]);
    let mut pending = VecDeque::from([root.to_owned()]);
    while let Some(id) = pending.pop_front() {
        let Some(package) = packages.get(id.as_str()) else {
            continue;
        };
        let declared: Vec<&Value> = package
            .get("dependencies")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .collect();
        let deps = nodes
            .get(id.as_str())
            .and_then(|n| n.get("deps"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten();
        for dep in deps {
            let not_dev_only = dep
                .get("dep_kinds")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .any(|k| k.get("kind").and_then(Value::as_str) != Some("dev"));
            let Some(dep_id) = dep.get("pkg").and_then(Value::as_str) else {
                continue;
            };
            if !not_dev_only {
                continue;
            }
            let Some(resolved) = packages.get(dep_id) else {
                continue;
            };
            let resolved_name = resolved.get("name").and_then(Value::as_str);
            let in_a_folder = resolved.get("source").is_none_or(Value::is_null);
            let registry = declared
                .iter()
                .find(|d| d.get("name").and_then(Value::as_str) == resolved_name)
                .and_then(|d| d.get("source"))
                .and_then(Value::as_str)
                .filter(|source| source.starts_with("registry+") || source.starts_with("sparse+"));
            let folder = resolved
                .get("manifest_path")
                .and_then(Value::as_str)
                .and_then(|m| Path::new(m).parent());
            if let (true, Some(registry), Some(name), Some(folder)) =
                (in_a_folder, registry, resolved_name, folder)
            {
                let key = if registry == "registry+https://github.com/rust-lang/crates.io-index" {
                    "crates-io".to_owned()
                } else {
                    registry.trim_start_matches("registry+").to_owned()
                };
                out.entry(key)
                    .or_default()
                    .insert(name.to_owned(), folder.to_path_buf());
            }
            if seen.insert(dep_id.to_owned()) {
                pending.push_back(dep_id.to_owned());
            }
        }
    }
    out
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

/// The harness project's manifest.
fn manifest(info: &CrateInfo) -> Result<String, CliError> {
    let absolute = |path: &Path| -> Result<String, CliError> {
        let path = fs::canonicalize(path).map_err(|source| CliError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(toml_string(&path.to_string_lossy()))
    };
    let mut out = format!(
        "# Written by archivesspace-codegen for its `roundtrip` and `validate`\n\
         # commands; rewritten on every run.\n\n\
         [package]\n\
         name = \"{HARNESS}\"\n\
         version = \"0.0.0\"\n\
         edition = \"2021\"\n\
         publish = false\n\n\
         # A workspace of its own, even inside the crate's.\n\
         [workspace]\n\n\
         [dependencies]\n\
         bindings = {{ package = {}, path = {} }}\n\
         serde_json = {{ version = \"1\", features = [\"preserve_order\"] }}\n",
        toml_string(&info.name),
        absolute(&info.dir)?,
    );
    for (registry, packages) in &info.patches {
        out.push_str(&format!("\n[patch.{}]\n", toml_string(registry)));
        for (name, folder) in packages {
            out.push_str(&format!(
                "{} = {{ path = {} }}\n",
                toml_string(name),
                absolute(folder)?
            ));
        }
    }
    Ok(out)
}

/// Writes the harness project, leaving unchanged files untouched so that
/// cargo does not rebuild them; seeds its lock file from the crate's
/// workspace.
fn write_project(dir: &Path, info: &CrateInfo) -> Result<(), CliError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| CliError::Io { path, source }
    };
    let src = dir.join("src");
    fs::create_dir_all(&src).map_err(io(&src))?;
    for (path, contents) in [
        (dir.join("Cargo.toml"), manifest(info)?),
        (src.join("main.rs"), MAIN_RS.to_owned()),
    ] {
        if fs::read_to_string(&path).ok().as_deref() != Some(contents.as_str()) {
            fs::write(&path, contents).map_err(io(&path))?;
        }
    }
    let lock = dir.join("Cargo.lock");
    let home_lock = info.workspace_root.join("Cargo.lock");
    if !lock.is_file() && home_lock.is_file() {
        fs::copy(&home_lock, &lock).map_err(io(&home_lock))?;
    }
    Ok(())
}
