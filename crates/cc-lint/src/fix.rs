//! `--fix`, `--unsafe-fixes` and `--diff`: each input is linted, its fixable
//! findings fixed round by round by [`cc_validate::fix_source`], and the
//! result written back (atomically, only when something changed), printed
//! (standard input) or shown as a diff; then what is left is reported.

use crate::cli::LintArgs;
use crate::input::{Input, ListError, Target};
use crate::lint::{self, FileReport, Settings};
use crate::output::{Printer, plural};
use crate::write::{self, Output};
use anyhow::{Context, Result, bail};
use cc_validate::{Applicability, Endpoint, Overrides, Validator, fix_source};
use std::fmt::Write as _;
use std::io::Write;

/// Whether the run fixes (or shows fixes) rather than only linting.
pub(crate) const fn wanted(args: &LintArgs) -> bool {
    args.fix || args.diff || args.unsafe_fixes
}

/// One input after fixing.
struct Outcome {
    /// The report of what is left (or, for `--diff`, of the input as it is).
    report: FileReport,
    /// The input as read, when it could be read.
    original: Option<Vec<u8>>,
    /// The fixed text, when it differs from the input.
    fixed: Option<Vec<u8>>,
    /// How many fixes were applied.
    applied: usize,
}

/// Fixes every input (`--fix`) or prints the diffs (`--diff`).
pub(crate) fn run(
    args: &LintArgs,
    settings: &[Settings<'_>],
    targets: &[Target],
    run_overrides: &Overrides,
    forced: Option<Endpoint>,
    list_errors: Vec<ListError>,
) -> Result<u8> {
    if !args.fix && !args.diff {
        bail!("--unsafe-fixes goes with --fix or --diff");
    }
    let allowed = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let inputs: Vec<Input> = targets.iter().map(|target| target.input.clone()).collect();
    let outcomes = targets
        .iter()
        .map(|target| fix_one(target, settings, allowed));
    if args.diff {
        return diff(args, outcomes, list_errors, allowed);
    }
    // Standard input's standard output is the fixed document: the report
    // goes to standard error, unless `--output` names a file.
    let stdin = inputs.contains(&Input::Stdin);
    let destination = match args.output.as_deref() {
        None if stdin => Output::Stderr(std::io::stderr()),
        path => Output::open(path, &inputs)?,
    };
    let mut printer = Printer::new(
        args.format,
        args.quiet,
        run_overrides,
        list_errors.len() + inputs.len(),
        destination,
    )?;
    for failure in list_errors {
        printer.report(FileReport::failed(
            failure.path.display().to_string(),
            forced,
            format!("cannot read: {}", failure.error),
        ))?;
    }
    let (mut applied, mut changed, mut withheld) = (0, 0, 0);
    for (input, mut outcome) in inputs.iter().zip(outcomes) {
        withheld += withheld_fixes(&outcome.report, allowed);
        match input {
            Input::Stdin => {
                if let Some(text) = outcome.fixed.as_ref().or(outcome.original.as_ref()) {
                    let mut out = std::io::stdout().lock();
                    out.write_all(text).context("writing output")?;
                    out.flush().context("writing output")?;
                }
            }
            Input::File(path) => {
                if let Some(text) = &outcome.fixed
                    && let Err(error) = write::replace_file(path, text)
                {
                    outcome.report.failure = Some(format!("{error:#}"));
                    outcome.report.diagnostics.clear();
                    outcome.applied = 0;
                }
            }
        }
        if outcome.applied > 0 {
            applied += outcome.applied;
            changed += 1;
        }
        printer.report(outcome.report)?;
    }
    let summary = printer.finish()?;
    if !args.quiet {
        eprintln!("{}", fixed_line(applied, changed, withheld, false));
    }
    Ok(summary.exit_code())
}

/// `--diff`: the diff of every input that has something to fix, on standard
/// output; 2 when an input could not be checked, 1 when something would be
/// fixed, else 0.
fn diff(
    args: &LintArgs,
    outcomes: impl Iterator<Item = Outcome>,
    list_errors: Vec<ListError>,
    allowed: Applicability,
) -> Result<u8> {
    let mut failures = 0;
    for failure in list_errors {
        eprintln!(
            "cc-lint: {}: cannot read: {}",
            failure.path.display(),
            failure.error
        );
        failures += 1;
    }
    let (mut applied, mut changed, mut withheld) = (0, 0, 0);
    let mut out = std::io::stdout().lock();
    for outcome in outcomes {
        withheld += withheld_fixes(&outcome.report, allowed);
        if let Some(failure) = &outcome.report.failure {
            eprintln!("cc-lint: {}: {failure}", outcome.report.path);
            failures += 1;
            continue;
        }
        let (Some(original), Some(fixed)) = (&outcome.original, &outcome.fixed) else {
            continue;
        };
        let text = crate::diff::unified(&outcome.report.path, original, fixed);
        out.write_all(text.as_bytes()).context("writing output")?;
        applied += outcome.applied;
        changed += 1;
    }
    out.flush().context("writing output")?;
    if !args.quiet {
        eprintln!("{}", fixed_line(applied, changed, withheld, true));
    }
    Ok(if failures > 0 {
        2
    } else {
        u8::from(changed > 0)
    })
}

/// How many findings left in `report` have a fix that `allowed` leaves out
/// (an unsafe one, without `--unsafe-fixes`).
fn withheld_fixes(report: &FileReport, allowed: Applicability) -> usize {
    report
        .diagnostics
        .iter()
        .filter(|finding| {
            finding
                .fix
                .as_ref()
                .is_some_and(|fix| !fix.applies_at(allowed))
        })
        .count()
}

/// `fixed 3 findings in 2 files`, or `would fix ...` for `--diff`, and how
/// many more `--unsafe-fixes` would fix.
fn fixed_line(applied: usize, changed: usize, withheld: usize, would: bool) -> String {
    let mut line = match (applied, would) {
        (0, _) => "nothing to fix".to_owned(),
        (_, true) => format!(
            "would fix {} in {}",
            plural(applied, "finding"),
            plural(changed, "file")
        ),
        (_, false) => format!(
            "fixed {} in {}",
            plural(applied, "finding"),
            plural(changed, "file")
        ),
    };
    if withheld > 0 {
        let _ = write!(line, " ({withheld} more with --unsafe-fixes)");
    }
    line
}

/// Lints one input and fixes what its findings' fixes allow.
fn fix_one(target: &Target, settings: &[Settings<'_>], allowed: Applicability) -> Outcome {
    let mut report = lint::lint(target, settings);
    let original = report.source.clone();
    let unchanged = |report: FileReport, original: Option<Vec<u8>>| Outcome {
        report,
        original,
        fixed: None,
        applied: 0,
    };
    let fixable = report.diagnostics.iter().any(|finding| {
        finding
            .fix
            .as_ref()
            .is_some_and(|fix| fix.applies_at(allowed))
    });
    let (Some(endpoint), Some(kind), Some(source), true) =
        (report.endpoint, report.kind, original.as_deref(), fixable)
    else {
        return unchanged(report, original);
    };
    let (Ok(validator), Some(settings)) =
        (Validator::get(endpoint, kind), settings.get(target.profile))
    else {
        return unchanged(report, original);
    };
    let fixed = fix_source(
        validator,
        source,
        settings.options,
        settings.overrides,
        allowed,
    );
    if !fixed.changed() || fixed.text == source {
        return unchanged(report, original);
    }
    report.diagnostics = fixed.remaining;
    report.source = Some(fixed.text.clone());
    Outcome {
        report,
        original,
        fixed: Some(fixed.text),
        applied: fixed.applied,
    }
}

#[cfg(test)]
mod tests {
    use super::fixed_line;

    #[test]
    fn the_closing_line_counts_fixes_files_and_unsafe_ones_left() {
        assert_eq!(fixed_line(0, 0, 0, false), "nothing to fix");
        assert_eq!(fixed_line(1, 1, 0, false), "fixed 1 finding in 1 file");
        assert_eq!(
            fixed_line(3, 2, 1, true),
            "would fix 3 findings in 2 files (1 more with --unsafe-fixes)"
        );
        assert_eq!(
            fixed_line(0, 0, 2, false),
            "nothing to fix (2 more with --unsafe-fixes)"
        );
    }
}
