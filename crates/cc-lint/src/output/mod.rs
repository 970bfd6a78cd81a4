//! Printing reports, and the counts that decide the exit status.

pub(crate) mod github;
pub(crate) mod human;
pub(crate) mod json;
pub(crate) mod sarif;
mod shown;
mod snippet;
mod suggestion;

use crate::cli::Format;
use crate::lint::FileReport;
use crate::write::Output;
use anyhow::{Context, Result};
use cc_validate::{Overrides, Severity};
use human::Style;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{BufWriter, IsTerminal, Write};

/// Runs over more files than this show a progress bar (human format, on a
/// terminal, without `--quiet`).
pub(crate) const PROGRESS_MIN_FILES: usize = 300;

/// Prints each file's report as soon as it is its turn, in the run's format,
/// and keeps the totals. Only the file being printed is held (SARIF, whose
/// results come before its notifications, keeps the findings without source).
pub(crate) struct Printer<'a> {
    format: Format,
    quiet: bool,
    overrides: &'a Overrides,
    out: BufWriter<Output>,
    /// Flush after each file: a person is reading.
    stdout_terminal: bool,
    style: Style,
    failure_style: Style,
    progress: Option<ProgressBar>,
    summary: Summary,
    json: Option<json::Stream>,
    sarif: Vec<FileReport>,
    text: String,
}

impl<'a> Printer<'a> {
    /// A printer for a run over `files` inputs.
    pub(crate) fn new(
        format: Format,
        quiet: bool,
        overrides: &'a Overrides,
        files: usize,
        destination: Output,
    ) -> Result<Self> {
        let stdout_terminal = destination.is_terminal();
        let stderr_terminal = std::io::stderr().is_terminal();
        let progress =
            (format == Format::Human && !quiet && stderr_terminal && files > PROGRESS_MIN_FILES)
                .then(|| progress_bar(files));
        let mut out = BufWriter::new(destination);
        let json = match format {
            Format::Json => Some(json::Stream::start(&mut out).context("writing output")?),
            _ => None,
        };
        Ok(Self {
            format,
            quiet,
            overrides,
            out,
            stdout_terminal,
            style: Style::new(use_color(stdout_terminal)),
            failure_style: Style::new(use_color(stderr_terminal)),
            progress,
            summary: Summary::default(),
            json,
            sarif: Vec::new(),
            text: String::new(),
        })
    }

    /// Prints one file's report.
    pub(crate) fn report(&mut self, mut report: FileReport) -> Result<()> {
        self.summary.add(&report);
        self.text.clear();
        if let Some(reason) = &report.skipped {
            return self.skipped(&report, reason);
        }
        match self.format {
            Format::Human => {
                if let Some(line) = human::render_failure(&report, self.failure_style) {
                    self.suspended(|_| {
                        let mut err = std::io::stderr().lock();
                        err.write_all(line.as_bytes())?;
                        err.flush()
                    })
                    .context("writing output")?;
                }
                human::render_report(&mut self.text, &report, self.style);
            }
            Format::Github => github::render_report(&mut self.text, &report),
            Format::Json => {
                if let Some(stream) = &mut self.json {
                    stream
                        .file(&mut self.out, &report)
                        .context("writing output")?;
                }
            }
            Format::Sarif => {
                report.source = None;
                self.sarif.push(report);
            }
        }
        if self.stdout_terminal && !self.text.is_empty() {
            // The bar and the findings may share the terminal.
            let text = std::mem::take(&mut self.text);
            let written = self.suspended(|out| {
                out.write_all(text.as_bytes())?;
                out.flush()
            });
            self.text = text;
            written.context("writing output")?;
        } else {
            self.out
                .write_all(self.text.as_bytes())
                .context("writing output")?;
        }
        if let Some(progress) = &self.progress {
            progress.inc(1);
        }
        Ok(())
    }

    /// Notes a skipped input: on stderr for people (not under `--quiet`), as
    /// a notice for GitHub, in `skipped` for JSON, as a note for SARIF.
    fn skipped(&mut self, report: &FileReport, reason: &str) -> Result<()> {
        match self.format {
            Format::Human if !self.quiet => {
                let line = human::render_skipped(report, reason, self.failure_style);
                self.suspended(|_| {
                    let mut err = std::io::stderr().lock();
                    err.write_all(line.as_bytes())?;
                    err.flush()
                })
                .context("writing output")?;
            }
            Format::Human => {}
            Format::Github => {
                github::render_skipped(&mut self.text, report, reason);
                self.out
                    .write_all(self.text.as_bytes())
                    .context("writing output")?;
            }
            Format::Json => {
                if let Some(stream) = &mut self.json {
                    stream
                        .file(&mut self.out, report)
                        .context("writing output")?;
                }
            }
            Format::Sarif => self
                .sarif
                .push(FileReport::skipped(report.path.clone(), reason.to_owned())),
        }
        if let Some(progress) = &self.progress {
            progress.inc(1);
        }
        Ok(())
    }

    /// Prints what comes after the last file and returns the totals.
    pub(crate) fn finish(mut self) -> Result<Summary> {
        if let Some(progress) = self.progress.take() {
            progress.finish_and_clear();
        }
        let summary = self.summary;
        match self.format {
            Format::Human if !self.quiet => {
                writeln!(self.out, "{}", human::summary_line(summary)).context("writing output")?;
            }
            Format::Human | Format::Github => {}
            Format::Json => {
                if let Some(stream) = self.json.take() {
                    stream
                        .finish(&mut self.out, summary)
                        .context("writing output")?;
                }
            }
            Format::Sarif => {
                let log = sarif::render(&self.sarif, self.overrides);
                serde_json::to_writer_pretty(&mut self.out, &log).context("writing output")?;
                writeln!(self.out).context("writing output")?;
            }
        }
        self.out
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)
            .context("writing output")?
            .commit()?;
        Ok(summary)
    }

    /// Runs `write` with the progress bar, if any, wiped off the terminal.
    fn suspended<T>(&mut self, write: impl FnOnce(&mut BufWriter<Output>) -> T) -> T {
        match &self.progress {
            Some(progress) => {
                let out = &mut self.out;
                progress.suspend(|| write(out))
            }
            None => write(&mut self.out),
        }
    }
}

fn progress_bar(files: usize) -> ProgressBar {
    let bar = ProgressBar::new(u64::try_from(files).unwrap_or(u64::MAX));
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files, {eta} left") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Colour only on a terminal, and never when `NO_COLOR` is set.
pub(crate) fn use_color(terminal: bool) -> bool {
    terminal && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
}

/// Totals over every file of a run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Summary {
    /// Files looked at (checked or failed).
    pub(crate) files: usize,
    /// Error findings.
    pub(crate) errors: usize,
    /// Warning findings.
    pub(crate) warnings: usize,
    /// Inputs that could not be checked at all (I/O, unknown endpoint).
    pub(crate) failures: usize,
    /// Inputs skipped: excluded, or found by a walk and fitting no endpoint
    /// (not counted in `files`).
    pub(crate) skipped: usize,
    /// Warnings of inputs whose settings deny warnings.
    pub(crate) denied_warnings: usize,
}

impl Summary {
    /// Counts one more file.
    pub(crate) fn add(&mut self, report: &FileReport) {
        if report.skipped.is_some() {
            self.skipped += 1;
            return;
        }
        self.files += 1;
        if report.failure.is_some() {
            self.failures += 1;
        }
        for diagnostic in &report.diagnostics {
            match diagnostic.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => {
                    self.warnings += 1;
                    self.denied_warnings += usize::from(report.deny_warnings);
                }
            }
        }
    }

    /// 2 when an input could not be checked, 1 when there are errors (or
    /// warnings of an input whose settings deny them), else 0. Skipped inputs
    /// change nothing.
    pub(crate) const fn exit_code(self) -> u8 {
        if self.failures > 0 {
            2
        } else if self.errors > 0 || self.denied_warnings > 0 {
            1
        } else {
            0
        }
    }
}

/// `1 error`, `2 warnings`.
pub(crate) fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::Summary;

    #[test]
    fn exit_codes() {
        let summary = |errors, warnings, failures, denied_warnings| Summary {
            files: 1,
            errors,
            warnings,
            failures,
            skipped: 4,
            denied_warnings,
        };
        assert_eq!(
            summary(0, 0, 0, 0).exit_code(),
            0,
            "skipped inputs change nothing"
        );
        assert_eq!(summary(0, 3, 0, 0).exit_code(), 0);
        assert_eq!(summary(0, 3, 0, 1).exit_code(), 1);
        assert_eq!(summary(2, 0, 0, 0).exit_code(), 1);
        assert_eq!(summary(2, 3, 1, 3).exit_code(), 2);
        assert_eq!(summary(0, 0, 1, 0).exit_code(), 2);
    }
}
