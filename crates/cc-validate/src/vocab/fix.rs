//! What a fix is: byte edits of the source text, whether applying them is safe,
//! and what they do. Rules build fixes (see `crate::rules::fix`); the source
//! layer applies them.

use std::fmt;
use std::ops::Range;

/// One replacement of a byte range of the source text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edit {
    /// The bytes replaced: a half-open range of offsets into the source
    /// (a byte order mark included); empty for an insertion.
    pub range: Range<usize>,
    /// What they are replaced with; empty for a deletion.
    pub replacement: String,
}

impl Edit {
    /// Replaces `range` with `replacement`.
    #[must_use]
    pub fn replace(range: Range<usize>, replacement: impl Into<String>) -> Self {
        Self {
            range,
            replacement: replacement.into(),
        }
    }

    /// Deletes `range`.
    #[must_use]
    pub const fn delete(range: Range<usize>) -> Self {
        Self {
            range,
            replacement: String::new(),
        }
    }
}

/// Whether applying a fix keeps what the server does with the payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Applicability {
    /// The server reads the fixed payload as it read the original, or as its
    /// author plainly meant it (`--fix` applies it).
    Safe,
    /// The fix changes what the server stores (`--unsafe-fixes` applies it).
    Unsafe,
}

impl Applicability {
    /// `safe` or `unsafe`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Safe => "safe",
            Self::Unsafe => "unsafe",
        }
    }
}

impl fmt::Display for Applicability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A finding's fix: edits that together remove it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fix {
    /// Safe or unsafe.
    pub applicability: Applicability,
    /// What the fix does, lowercase, without a final period: "rename
    /// `Proc_Num` to `proc_num`".
    pub message: String,
    /// The edits, in source order, none overlapping another.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix of one edit.
    #[must_use]
    pub fn new(applicability: Applicability, message: impl Into<String>, edit: Edit) -> Self {
        Self {
            applicability,
            message: message.into(),
            edits: vec![edit],
        }
    }

    /// Whether the fix is applied when fixes of `allowed` and safer ones are.
    #[must_use]
    pub fn applies_at(&self, allowed: Applicability) -> bool {
        self.applicability <= allowed
    }

    /// The bytes the fix touches: from the start of its first edit to the end
    /// of its last.
    #[must_use]
    pub fn span(&self) -> Range<usize> {
        let start = self.edits.iter().map(|edit| edit.range.start).min();
        let end = self.edits.iter().map(|edit| edit.range.end).max();
        start.unwrap_or(0)..end.unwrap_or(0)
    }
}

/// Whether a rule offers a fix, and of what kind: for the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixDoc {
    /// Safe or unsafe.
    pub applicability: Applicability,
    /// What the fix does, one line.
    pub summary: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_fixes_apply_under_either_setting_unsafe_only_under_unsafe() {
        let fix = |applicability| Fix::new(applicability, "x", Edit::delete(0..1));
        assert!(fix(Applicability::Safe).applies_at(Applicability::Safe));
        assert!(fix(Applicability::Safe).applies_at(Applicability::Unsafe));
        assert!(!fix(Applicability::Unsafe).applies_at(Applicability::Safe));
        assert!(fix(Applicability::Unsafe).applies_at(Applicability::Unsafe));
    }

    #[test]
    fn the_span_covers_every_edit() {
        let fix = Fix {
            applicability: Applicability::Safe,
            message: String::new(),
            edits: vec![Edit::delete(4..6), Edit::replace(9..9, "x")],
        };
        assert_eq!(fix.span(), 4..9);
    }
}
