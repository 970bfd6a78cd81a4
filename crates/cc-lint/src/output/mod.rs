//! Printing reports, and the counts that decide the exit status.

pub(crate) mod github;
pub(crate) mod human;
pub(crate) mod json;
pub(crate) mod sarif;
mod snippet;

use crate::lint::FileReport;
use cc_validate::Severity;

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
}

impl Summary {
    pub(crate) fn of(reports: &[FileReport]) -> Self {
        let mut summary = Self {
            files: reports.len(),
            ..Self::default()
        };
        for report in reports {
            if report.failure.is_some() {
                summary.failures += 1;
            }
            for diagnostic in &report.diagnostics {
                match diagnostic.severity {
                    Severity::Error => summary.errors += 1,
                    Severity::Warning => summary.warnings += 1,
                }
            }
        }
        summary
    }

    /// 2 when an input could not be checked, 1 when there are errors (or, with
    /// `deny_warnings`, warnings), else 0.
    pub(crate) const fn exit_code(self, deny_warnings: bool) -> u8 {
        if self.failures > 0 {
            2
        } else if self.errors > 0 || (deny_warnings && self.warnings > 0) {
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
        let summary = |errors, warnings, failures| Summary {
            files: 1,
            errors,
            warnings,
            failures,
        };
        assert_eq!(summary(0, 0, 0).exit_code(false), 0);
        assert_eq!(summary(0, 3, 0).exit_code(false), 0);
        assert_eq!(summary(0, 3, 0).exit_code(true), 1);
        assert_eq!(summary(2, 0, 0).exit_code(false), 1);
        assert_eq!(summary(2, 3, 1).exit_code(true), 2);
        assert_eq!(summary(0, 0, 1).exit_code(false), 2);
    }
}
