//! `cargo xtask bench-corpus`: how fast `cc-lint` lints a directory, next to
//! the parse-only pass over the same files.
//!
//! It writes a deterministic corpus under `target/bench-corpus/` (10,000 small
//! payloads of every endpoint, about a tenth of them broken in one way or
//! another, and 200 large ones with 100 processes each), builds `cc-lint` and
//! `parse-only` in release mode, and runs three passes over the corpus with the
//! same number of threads: `parse-only`; `parse-validate`, the raw
//! `jsonschema` crate validating each parsed file against its committed
//! schema, a reference for what schema validation alone costs; and `cc-lint
//! --format json`. Each runs once to warm the page cache, then `--runs` times,
//! in turn. It prints the medians of the wall time, files/s, MB/s and peak
//! resident memory, and the ratios to `parse-only`.
//!
//! Peak memory is the child's `VmHWM` (its high-water resident set), read from
//! `/proc/PID/status` every millisecond while it runs: a peak in its last
//! millisecond could be missed.

use anyhow::{Context, Result, bail, ensure};
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// Bump when the generated corpus changes, so that an old one is rewritten.
const GENERATOR_VERSION: u32 = 1;
/// Small payloads: one to four processes.
const SMALL_FILES: usize = 10_000;
/// Large payloads.
const LARGE_FILES: usize = 200;
/// Processes in a large payload.
const LARGE_PROCESSES: usize = 100;
/// Timed runs of each pass, after one warm-up run.
const DEFAULT_RUNS: usize = 5;

const USAGE: &str = "usage: cargo xtask bench-corpus [--runs N] [--jobs N]";

/// Runs the benchmark with the command-line `args` (after `bench-corpus`).
pub(crate) fn run(root: &Path, args: &[&str]) -> Result<ExitCode> {
    let mut runs = DEFAULT_RUNS;
    let mut jobs = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut number = |name: &str| -> Result<usize> {
            rest.next()
                .and_then(|value| value.parse().ok())
                .filter(|value| *value > 0)
                .with_context(|| format!("{name} needs a number of at least 1; {USAGE}"))
        };
        match *arg {
            "--runs" => runs = number("--runs")?,
            "--jobs" => jobs = number("--jobs")?,
            "--help" | "-h" => {
                eprintln!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            other => bail!("unknown argument `{other}`; {USAGE}"),
        }
    }
    let target = target_dir(root);
    let corpus = corpus(root, &target.join("bench-corpus"))?;
    eprintln!("building cc-lint, parse-only and parse-validate (release)");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(root)
        .args([
            "build",
            "--release",
            "--quiet",
            "--package",
            "cc-lint",
            "--bin",
            "cc-lint",
            "--package",
            "xtask",
            "--bin",
            "parse-only",
            "--bin",
            "parse-validate",
        ])
        .status()
        .context("running cargo build")?;
    ensure!(status.success(), "cargo build failed");
    let release = target.join("release");
    let lint_output = target.join("bench-corpus").join("cc-lint-output.json");
    let jobs_text = jobs.to_string();
    let parse_only = || {
        let mut command = Command::new(release.join("parse-only"));
        command
            .args(["--jobs", &jobs_text])
            .arg(&corpus.dir)
            .stdout(Stdio::null());
        command
    };
    let schemas = root.join("schemas");
    let raw_jsonschema = || {
        let mut command = Command::new(release.join("parse-validate"));
        command
            .args(["--jobs", &jobs_text, "--schemas"])
            .arg(&schemas)
            .arg(&corpus.dir)
            .stdout(Stdio::null());
        command
    };
    let cc_lint = || -> Result<Command> {
        let mut command = Command::new(release.join("cc-lint"));
        command
            .args(["--format", "json", "--jobs", &jobs_text])
            .arg(&corpus.dir)
            .stdout(std::fs::File::create(&lint_output).context("creating the output file")?);
        Ok(command)
    };

    eprintln!("warming up");
    let reference = measure(&mut parse_only())?;
    ensure!(reference.status_ok, "parse-only failed");
    let validated = measure(&mut raw_jsonschema())?;
    ensure!(validated.status_ok, "parse-validate failed");
    let warm = measure(&mut cc_lint()?)?;
    ensure!(
        matches!(warm.exit, Some(0 | 1)),
        "cc-lint failed (exit status {:?})",
        warm.exit
    );
    let findings = check_output(&lint_output, corpus.files)?;

    let mut parse_samples = Vec::new();
    let mut schema_samples = Vec::new();
    let mut lint_samples = Vec::new();
    for run in 1..=runs {
        eprintln!("run {run} of {runs}");
        parse_samples.push(measure(&mut parse_only())?);
        schema_samples.push(measure(&mut raw_jsonschema())?);
        lint_samples.push(measure(&mut cc_lint()?)?);
    }
    let parse = Summary::of(&parse_samples);
    let schema = Summary::of(&schema_samples);
    let lint = Summary::of(&lint_samples);

    let megabytes = bytes_to_megabytes(corpus.bytes);
    let mut report = String::new();
    let _ = writeln!(report, "date:    {} (UTC)", today());
    let _ = writeln!(report, "machine: {}", machine());
    let _ = writeln!(
        report,
        "corpus:  {} files ({SMALL_FILES} small, {LARGE_FILES} large of {LARGE_PROCESSES} processes), \
         {megabytes:.1} MB; cc-lint finds {findings} with findings",
        corpus.files,
    );
    let _ = writeln!(report, "runs:    {runs} of each, medians; --jobs {jobs}");
    let _ = writeln!(report);
    let _ = writeln!(
        report,
        "| pass | wall time | files/s | MB/s | peak memory |"
    );
    let _ = writeln!(report, "| --- | ---: | ---: | ---: | ---: |");
    for (name, summary) in [
        ("parse-only (serde_json)", &parse),
        ("parse + raw jsonschema (reference)", &schema),
        ("cc-lint --format json", &lint),
    ] {
        let seconds = summary.wall.as_secs_f64();
        let _ = writeln!(
            report,
            "| {name} | {:.3} s | {:.0} | {:.1} | {} |",
            seconds,
            count_to_f64(corpus.files) / seconds,
            megabytes / seconds,
            summary.peak_kib.map_or_else(
                || "unknown".to_owned(),
                |kib| format!("{:.1} MiB", count_to_f64(kib) / 1024.0)
            ),
        );
    }
    let ratio = lint.wall.as_secs_f64() / parse.wall.as_secs_f64();
    let _ = writeln!(report);
    let _ = writeln!(
        report,
        "ratio cc-lint / parse-only: {ratio:.2}x (target: at most 1.25x)"
    );
    let _ = writeln!(
        report,
        "ratio raw jsonschema / parse-only: {:.2}x (reference)",
        schema.wall.as_secs_f64() / parse.wall.as_secs_f64()
    );
    if let Some(kib) = lint.peak_kib {
        let _ = writeln!(
            report,
            "cc-lint peak memory: {:.1} MiB (target: under 64 MB)",
            count_to_f64(kib) / 1024.0
        );
    }
    std::io::stdout()
        .lock()
        .write_all(report.as_bytes())
        .context("writing the report")?;
    Ok(ExitCode::SUCCESS)
}

/// `CARGO_TARGET_DIR`, else `target/` in the workspace.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}

/// One timed run.
struct Sample {
    wall: Duration,
    peak_kib: Option<u64>,
    status_ok: bool,
    exit: Option<i32>,
}

/// The medians of several runs.
struct Summary {
    wall: Duration,
    peak_kib: Option<u64>,
}

impl Summary {
    fn of(samples: &[Sample]) -> Self {
        let mut walls: Vec<Duration> = samples.iter().map(|sample| sample.wall).collect();
        walls.sort();
        let mut peaks: Vec<u64> = samples
            .iter()
            .filter_map(|sample| sample.peak_kib)
            .collect();
        peaks.sort_unstable();
        Self {
            wall: walls[walls.len() / 2],
            peak_kib: peaks.get(peaks.len() / 2).copied(),
        }
    }
}

/// Runs `command` to its end: its wall time and its peak resident memory.
fn measure(command: &mut Command) -> Result<Sample> {
    let start = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("starting a pass")?;
    let status_file = PathBuf::from(format!("/proc/{}/status", child.id()));
    let done = AtomicBool::new(false);
    let (status, wall, peak_kib) = std::thread::scope(|scope| {
        let sampler = scope.spawn(|| {
            let mut peak = None;
            while !done.load(Ordering::Relaxed) {
                if let Some(kib) = high_water_mark(&status_file) {
                    peak = Some(peak.map_or(kib, |peak: u64| peak.max(kib)));
                }
                std::thread::sleep(Duration::from_millis(1));
            }
            peak
        });
        let status = child.wait();
        let wall = start.elapsed();
        done.store(true, Ordering::Relaxed);
        (status, wall, sampler.join().ok().flatten())
    });
    let status = status.context("waiting for a pass")?;
    Ok(Sample {
        wall,
        peak_kib,
        status_ok: status.success(),
        exit: status.code(),
    })
}

/// `VmHWM` of `/proc/PID/status`, in KiB.
fn high_water_mark(status_file: &Path) -> Option<u64> {
    let text = std::fs::read_to_string(status_file).ok()?;
    let line = text.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Checks that `cc-lint` saw every file and could check each one; the number of
/// files with findings.
fn check_output(path: &Path, files: usize) -> Result<usize> {
    let text = std::fs::read(path).context("reading cc-lint's output")?;
    let document: Value = serde_json::from_slice(&text).context("cc-lint's output is not JSON")?;
    let summary = &document["summary"];
    ensure!(
        summary["files"].as_u64() == u64::try_from(files).ok(),
        "cc-lint saw {} files, the corpus has {files}",
        summary["files"]
    );
    ensure!(
        summary["failures"].as_u64() == Some(0),
        "cc-lint could not check {} files",
        summary["failures"]
    );
    Ok(document["files"].as_array().map_or(0, |files| {
        files
            .iter()
            .filter(|file| {
                file["diagnostics"]
                    .as_array()
                    .is_some_and(|list| !list.is_empty())
            })
            .count()
    }))
}

/// The corpus on disk.
struct Corpus {
    dir: PathBuf,
    files: usize,
    bytes: u64,
}

/// The corpus under `base`, written unless a corpus of this generator is there.
fn corpus(root: &Path, base: &Path) -> Result<Corpus> {
    let dir = base.join("files");
    let stamp_file = base.join("STAMP");
    let stamp = format!(
        "generator {GENERATOR_VERSION}, {SMALL_FILES} small, {LARGE_FILES} large of {LARGE_PROCESSES}\n"
    );
    if std::fs::read_to_string(&stamp_file).ok().as_deref() != Some(stamp.as_str()) {
        eprintln!("writing the corpus to {}", dir.display());
        if base.exists() {
            std::fs::remove_dir_all(base)
                .with_context(|| format!("removing {}", base.display()))?;
        }
        generate(root, &dir)?;
        std::fs::write(&stamp_file, &stamp).context("writing the corpus stamp")?;
    }
    let (files, bytes) = measure_dir(&dir)?;
    Ok(Corpus { dir, files, bytes })
}

fn measure_dir(dir: &Path) -> Result<(usize, u64)> {
    let mut files = 0;
    let mut bytes = 0;
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let entry = entry?;
        let meta = entry.metadata()?;
        if meta.is_dir() {
            let (inner_files, inner_bytes) = measure_dir(&entry.path())?;
            files += inner_files;
            bytes += inner_bytes;
        } else if entry.path().extension().is_some_and(|ext| ext == "json") {
            files += 1;
            bytes += meta.len();
        }
    }
    Ok((files, bytes))
}

/// A small deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// The two endpoints whose payloads are generated; the others come from the
/// upstream fixtures.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `batch_create_proc_template`: template processes.
    Create,
    /// `update_process_instance`: process instances.
    Update,
}

impl Shape {
    const fn endpoint(self) -> &'static str {
        match self {
            Self::Create => "batch_create_proc_template",
            Self::Update => "update_process_instance",
        }
    }
}

/// What is wrong with a broken payload.
#[derive(Clone, Copy)]
enum Break {
    TrailingComma,
    Truncated,
    WrongType,
    OutOfRange,
    UnknownField,
    PortOverlap,
    KeyCase,
    DuplicateKey,
}

const BREAKS: [Break; 8] = [
    Break::TrailingComma,
    Break::Truncated,
    Break::WrongType,
    Break::OutOfRange,
    Break::UnknownField,
    Break::PortOverlap,
    Break::KeyCase,
    Break::DuplicateKey,
];

/// A payload of `shape` with `processes` processes, each with one to
/// `max_rows` bind rows.
fn payload(rng: &mut Rng, shape: Shape, processes: usize, max_rows: usize) -> Value {
    let base = 1 + rng.below(100_000);
    let list: Vec<Value> = (0..processes)
        .map(|index| {
            let rows = 1 + rng.below(max_rows);
            match shape {
                Shape::Create => template_process(rng, base + index, rows),
                Shape::Update => instance_process(rng, base + index, rows),
            }
        })
        .collect();
    match shape {
        Shape::Create => json!({
            "bk_biz_id": 1 + rng.below(50),
            "service_template_id": 1 + rng.below(5_000),
            "processes": list,
        }),
        Shape::Update => json!({
            "bk_biz_id": 1 + rng.below(50),
            "processes": list,
        }),
    }
}

/// A template field: `{"value": .., "as_default_value": ..}`.
fn wrapped(value: impl Into<Value>, locked: bool) -> Value {
    json!({"value": value.into(), "as_default_value": locked})
}

fn template_process(rng: &mut Rng, id: usize, rows: usize) -> Value {
    let bind_info: Vec<Value> = (0..rows)
        .map(|row| {
            json!({
                "enable": wrapped(rng.chance(80), true),
                "ip": wrapped(["1", "2", "3", "4"][rng.below(4)], true),
                "port": wrapped(format!("{}", 8000 + row * 10), true),
                "protocol": wrapped(["1", "2"][rng.below(2)], true),
                "row_id": row + 1,
            })
        })
        .collect();
    json!({
        "spec": {
            "bk_func_name": wrapped(format!("server{id}"), true),
            "bk_process_name": wrapped(format!("proc-{id}"), true),
            "bk_start_param_regex": wrapped(format!("--instance={id}"), true),
            "work_path": wrapped("/data/app", false),
            "user": wrapped("app", false),
            "proc_num": wrapped(1 + rng.below(8), false),
            "priority": wrapped(1 + rng.below(100), false),
            "timeout": wrapped(30, false),
            "start_cmd": wrapped("./bin/start.sh", false),
            "stop_cmd": wrapped("./bin/stop.sh", false),
            "restart_cmd": wrapped("./bin/restart.sh", false),
            "face_stop_cmd": wrapped("", false),
            "reload_cmd": wrapped("", false),
            "pid_file": wrapped(format!("/var/run/proc-{id}.pid"), false),
            "auto_start": wrapped(rng.chance(50), false),
            "description": wrapped("generated by cargo xtask bench-corpus", false),
            "bind_info": {"value": bind_info, "as_default_value": true},
        }
    })
}

fn instance_process(rng: &mut Rng, id: usize, rows: usize) -> Value {
    let bind_info: Vec<Value> = (0..rows)
        .map(|row| {
            json!({
                "enable": rng.chance(80),
                "ip": format!("10.0.{}.{}", rng.below(256), 1 + rng.below(254)),
                "port": format!("{}", 8000 + row * 10),
                "protocol": (["1", "2"][rng.below(2)]),
                "template_row_id": row + 1,
            })
        })
        .collect();
    json!({
        "bk_process_id": id,
        "bk_process_name": format!("proc-{id}"),
        "bk_func_name": format!("server{id}"),
        "bk_start_param_regex": format!("--instance={id}"),
        "work_path": "/data/app",
        "user": "app",
        "proc_num": 1 + rng.below(8),
        "priority": 1 + rng.below(100),
        "timeout": 30,
        "start_cmd": "./bin/start.sh",
        "stop_cmd": "./bin/stop.sh",
        "description": "generated by cargo xtask bench-corpus",
        "auto_start": rng.chance(50),
        "bind_info": bind_info,
    })
}

/// The first process's own fields: the `spec` of a template, the instance itself.
fn first_process(payload: &mut Value, shape: Shape) -> Option<&mut serde_json::Map<String, Value>> {
    let process = payload.get_mut("processes")?.get_mut(0)?;
    let process = match shape {
        Shape::Create => process.get_mut("spec")?,
        Shape::Update => process,
    };
    process.as_object_mut()
}

/// The payload's text with `problem` in it.
fn broken(mut payload: Value, shape: Shape, problem: Break) -> String {
    let value_of = |field: Value| match shape {
        Shape::Create => wrapped(field, false),
        Shape::Update => field,
    };
    if let Some(process) = first_process(&mut payload, shape) {
        match problem {
            Break::WrongType => {
                process.insert("proc_num".to_owned(), value_of(json!("4")));
            }
            Break::OutOfRange => {
                process.insert("priority".to_owned(), value_of(json!(20_000)));
            }
            Break::UnknownField => {
                process.insert("bk_proces_name".to_owned(), value_of(json!("typo")));
            }
            Break::KeyCase => {
                if let Some(value) = process.shift_remove("proc_num") {
                    process.insert("Proc_Num".to_owned(), value);
                }
            }
            Break::PortOverlap => {
                let port = json!("8000,8000-8010");
                let row = process
                    .get_mut("bind_info")
                    .and_then(|rows| match shape {
                        Shape::Create => rows.get_mut("value"),
                        Shape::Update => Some(rows),
                    })
                    .and_then(|rows| rows.get_mut(0));
                if let Some(row) = row {
                    row["port"] = value_of(port);
                    if shape == Shape::Create {
                        row["port"]["as_default_value"] = json!(true);
                    }
                }
            }
            Break::TrailingComma | Break::Truncated | Break::DuplicateKey => {}
        }
    }
    let text = pretty(&payload);
    match problem {
        Break::TrailingComma => {
            let end = text.trim_end().len().saturating_sub(1);
            format!("{},\n}}\n", text[..end].trim_end())
        }
        Break::Truncated => text[..text.len() * 2 / 3].to_owned(),
        Break::DuplicateKey => {
            text.replacen("\"bk_biz_id\": ", "\"bk_biz_id\": 7,\n  \"bk_biz_id\": ", 1)
        }
        _ => text,
    }
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Fixtures of the endpoints that are not generated, as (endpoint, kind, text).
fn fixtures(root: &Path) -> Result<Vec<(String, String, String)>> {
    let dir = root.join("tests/fixtures/upstream");
    let index: Value = serde_json::from_slice(
        &std::fs::read(dir.join("index.json")).context("reading the upstream fixture index")?,
    )
    .context("parsing the upstream fixture index")?;
    let mut out = Vec::new();
    for entry in index.as_array().map(Vec::as_slice).unwrap_or_default() {
        let field = |name: &str| entry[name].as_str().unwrap_or_default().to_owned();
        let endpoint = field("endpoint");
        let generated = [Shape::Create, Shape::Update]
            .iter()
            .any(|shape| shape.endpoint() == endpoint);
        let variant = field("variant");
        if generated
            || entry["valid_json"] != Value::Bool(true)
            || !matches!(variant.as_str(), "cc-en" | "apigw-en")
        {
            continue;
        }
        let text = std::fs::read_to_string(dir.join(field("file")))
            .with_context(|| format!("reading fixture {}", field("file")))?;
        out.push((endpoint, field("kind"), text));
    }
    ensure!(!out.is_empty(), "no upstream fixtures found");
    Ok(out)
}

/// Writes the corpus into `dir`.
fn generate(root: &Path, dir: &Path) -> Result<()> {
    let fixtures = fixtures(root)?;
    let mut rng = Rng(0x00C0_FFEE);
    let write = |relative: String, text: &str| -> Result<()> {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))
    };
    for index in 0..SMALL_FILES {
        let part = format!("part-{:02}", index % 20);
        let roll = rng.below(100);
        let broken_file = rng.chance(10);
        if roll < 20 {
            // Another endpoint's request or response, as documented upstream.
            let (endpoint, kind, text) = &fixtures[rng.below(fixtures.len())];
            let text = if broken_file {
                text[..text.len() / 2].to_owned()
            } else {
                text.clone()
            };
            write(format!("{part}/{index:05}.{endpoint}.{kind}.json"), &text)?;
            continue;
        }
        let shape = if roll < 60 {
            Shape::Create
        } else {
            Shape::Update
        };
        let processes = 1 + rng.below(4);
        let value = payload(&mut rng, shape, processes, 3);
        if broken_file {
            let problem = BREAKS[rng.below(BREAKS.len())];
            write(
                format!("{part}/{index:05}.{}.request.json", shape.endpoint()),
                &broken(value, shape, problem),
            )?;
        } else if rng.chance(3) {
            // No endpoint in the name: told by content.
            write(format!("{part}/{index:05}.payload.json"), &pretty(&value))?;
        } else {
            write(
                format!("{part}/{index:05}.{}.request.json", shape.endpoint()),
                &pretty(&value),
            )?;
        }
    }
    for index in 0..LARGE_FILES {
        let shape = if index % 2 == 0 {
            Shape::Create
        } else {
            Shape::Update
        };
        let value = payload(&mut rng, shape, LARGE_PROCESSES, 5);
        let text = if rng.chance(10) {
            broken(value, shape, Break::PortOverlap)
        } else {
            pretty(&value)
        };
        write(
            format!("large/{index:03}.{}.request.json", shape.endpoint()),
            &text,
        )?;
    }
    Ok(())
}

fn bytes_to_megabytes(bytes: u64) -> f64 {
    count_to_f64(bytes) / 1_000_000.0
}

#[allow(clippy::cast_precision_loss)] // Counts far below 2^52.
fn count_to_f64(count: impl TryInto<u64>) -> f64 {
    count.try_into().map_or(f64::NAN, |count: u64| count as f64)
}

/// The CPU model and the number of cores.
fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|line| line.strip_prefix("model name"))
        .and_then(|rest| rest.split_once(':'))
        .map_or("unknown CPU", |(_, model)| model.trim());
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|text| {
            let line = text.lines().find(|line| line.starts_with("MemTotal:"))?;
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .map_or_else(String::new, |kib| {
            format!(", {:.0} GiB", count_to_f64(kib) / 1024.0 / 1024.0)
        });
    format!("{model}, {cores} cores{memory}")
}

/// Today's date (UTC), `YYYY-MM-DD`.
fn today() -> String {
    let mut now = humantime::format_rfc3339_seconds(SystemTime::now()).to_string();
    now.truncate("YYYY-MM-DD".len());
    now
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_payloads_are_broken_and_others_parse() {
        let mut rng = Rng(1);
        for shape in [Shape::Create, Shape::Update] {
            let value = payload(&mut rng, shape, 2, 3);
            assert!(serde_json::from_str::<Value>(&pretty(&value)).is_ok());
            for problem in [Break::TrailingComma, Break::Truncated] {
                let text = broken(value.clone(), shape, problem);
                assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
            }
            let text = broken(value.clone(), shape, Break::PortOverlap);
            assert!(text.contains("8000,8000-8010"), "{text}");
        }
    }

    #[test]
    fn the_generator_is_deterministic() {
        let first: Vec<u64> = std::iter::repeat_with({
            let mut rng = Rng(7);
            move || rng.next()
        })
        .take(4)
        .collect();
        let mut rng = Rng(7);
        assert_eq!(first, (0..4).map(|_| rng.next()).collect::<Vec<_>>());
    }
}
