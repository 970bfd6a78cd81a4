//! Where the report goes: standard output, or `--output FILE`.
//!
//! A report file is written atomically: into a temporary file in the same
//! directory, flushed to disk, then renamed over the target. A run that fails
//! half-way (a full disk, an error while linting) leaves no partial file and
//! the previous report, if any, untouched. The target is never one of the
//! inputs: the linter does not write to what it reads (only `--fix` does,
//! through [`replace_file`], as atomically).

use crate::input::Input;
use anyhow::{Context, Result, bail};
use std::fs::{self, File};
use std::io::{self, IsTerminal, Stderr, Stdout, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// The report's destination, written through [`Write`]; [`Output::commit`]
/// makes a file appear.
#[derive(Debug)]
pub(crate) enum Output {
    /// Standard output.
    Stdout(Stdout),
    /// Standard error: the report of `--fix` on standard input, whose
    /// standard output is the fixed document.
    Stderr(Stderr),
    /// A temporary file, renamed to `target` on commit.
    Atomic {
        /// The file being written, deleted if dropped before commit.
        temp: NamedTempFile,
        /// Where it goes: the path given, symbolic links resolved.
        target: PathBuf,
        /// The path as given, for messages.
        shown: PathBuf,
    },
    /// An existing device or FIFO (`/dev/null`, `/dev/stdout`): written in
    /// place, since there is no file to replace.
    Special(File),
}

impl Output {
    /// Standard output, or the file `path` (not created until commit).
    pub(crate) fn open(path: Option<&Path>, inputs: &[Input]) -> Result<Self> {
        let Some(path) = path else {
            return Ok(Self::Stdout(io::stdout()));
        };
        if path.as_os_str() == "-" {
            return Ok(Self::Stdout(io::stdout()));
        }
        let context = || format!("cannot write the report to {}", path.display());
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => bail!("{}: it is a directory", context()),
            Ok(meta) if meta.is_file() => {
                if is_an_input(path, &meta, inputs) {
                    bail!(
                        "{}: it is one of the inputs, and cc-lint never writes to its inputs",
                        context()
                    );
                }
                let target = fs::canonicalize(path).with_context(context)?;
                let temp = temp_beside(&target, Some(meta.permissions())).with_context(context)?;
                Ok(Self::Atomic {
                    temp,
                    target,
                    shown: path.to_path_buf(),
                })
            }
            Ok(_) => {
                let file = fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .with_context(context)?;
                Ok(Self::Special(file))
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                let temp = temp_beside(path, None).with_context(context)?;
                Ok(Self::Atomic {
                    temp,
                    target: path.to_path_buf(),
                    shown: path.to_path_buf(),
                })
            }
            Err(error) => Err(error).with_context(context),
        }
    }

    /// True when the report goes to a terminal (and may be coloured).
    pub(crate) fn is_terminal(&self) -> bool {
        match self {
            Self::Stdout(out) => out.is_terminal(),
            Self::Stderr(out) => out.is_terminal(),
            Self::Atomic { .. } | Self::Special(_) => false,
        }
    }

    /// Finishes the report: flushes it and, for a file, moves it into place.
    pub(crate) fn commit(self) -> Result<()> {
        match self {
            Self::Stdout(mut out) => out.flush().context("writing output"),
            Self::Stderr(mut out) => out.flush().context("writing output"),
            Self::Special(mut file) => file.flush().context("writing output"),
            Self::Atomic {
                temp,
                target,
                shown,
            } => {
                let context = || format!("cannot write the report to {}", shown.display());
                persist(temp, &target).with_context(context)
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Self::Stdout(out) => out.write(buf),
            Self::Stderr(out) => out.write(buf),
            Self::Atomic { temp, .. } => temp.write(buf),
            Self::Special(file) => file.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Self::Stdout(out) => out.write_all(buf),
            Self::Stderr(out) => out.write_all(buf),
            Self::Atomic { temp, .. } => temp.write_all(buf),
            Self::Special(file) => file.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Self::Stdout(out) => out.flush(),
            Self::Stderr(out) => out.flush(),
            Self::Atomic { temp, .. } => temp.flush(),
            Self::Special(file) => file.flush(),
        }
    }
}

/// Replaces the file at `path` with `bytes` atomically (a temporary file in
/// its directory, with its permissions, renamed over it): `--fix` rewriting
/// an input. Through a symbolic link, the file it points at is replaced.
pub(crate) fn replace_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let context = || format!("cannot write the fixed file {}", path.display());
    let target = fs::canonicalize(path).with_context(context)?;
    let meta = fs::metadata(&target).with_context(context)?;
    let mut temp = temp_beside(&target, Some(meta.permissions())).with_context(context)?;
    temp.write_all(bytes).with_context(context)?;
    persist(temp, &target).with_context(context)
}

/// Flushes `temp` to the disk and renames it over `target`. On failure the
/// temporary file is dropped, and so deleted.
fn persist(mut temp: NamedTempFile, target: &Path) -> io::Result<()> {
    temp.flush()?;
    temp.as_file().sync_all()?;
    temp.persist(target).map_err(|error| error.error)?;
    Ok(())
}

/// A temporary file in `target`'s directory (a rename never crosses file
/// systems), named after it and hidden, with `permissions` (those of the file
/// it replaces) or else the usual ones for a new file.
fn temp_beside(target: &Path, permissions: Option<fs::Permissions>) -> io::Result<NamedTempFile> {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = target
        .file_name()
        .map_or_else(|| "report".into(), |name| name.to_string_lossy());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    if let Some(permissions) = permissions.or_else(default_permissions) {
        builder.permissions(permissions);
    }
    builder.tempfile_in(dir)
}

/// `rw-rw-rw-` less the umask, as for any file the shell creates.
#[cfg(unix)]
#[allow(clippy::unnecessary_wraps)] // `None` elsewhere.
fn default_permissions() -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(fs::Permissions::from_mode(0o666))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<fs::Permissions> {
    None
}

/// True when `path` (an existing regular file) is one of the inputs.
fn is_an_input(path: &Path, meta: &fs::Metadata, inputs: &[Input]) -> bool {
    let canonical = fs::canonicalize(path).ok();
    inputs.iter().any(|input| {
        let Input::File(input) = input else {
            return false;
        };
        same_file(meta, input) || canonical.is_some() && fs::canonicalize(input).ok() == canonical
    })
}

#[cfg(unix)]
fn same_file(meta: &fs::Metadata, other: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(other).is_ok_and(|other| other.dev() == meta.dev() && other.ino() == meta.ino())
}

#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|entry| entry.file_name().to_string_lossy().into_owned())
                    .filter(|name| name.starts_with('.'))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn a_report_appears_whole_on_commit_only() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("report.txt");
        let mut output = Output::open(Some(&target), &[])?;
        output.write_all(b"first half ")?;
        assert!(!target.exists(), "nothing appears before commit");
        output.write_all(b"second half")?;
        output.commit()?;
        assert_eq!(fs::read_to_string(&target)?, "first half second half");
        assert!(leftovers(dir.path()).is_empty());
        Ok(())
    }

    #[test]
    fn a_dropped_report_leaves_the_old_one_and_no_temporary_file() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("report.txt");
        fs::write(&target, "old report")?;
        let mut output = Output::open(Some(&target), &[])?;
        output.write_all(b"partial")?;
        drop(output);
        assert_eq!(fs::read_to_string(&target)?, "old report");
        assert!(leftovers(dir.path()).is_empty());
        Ok(())
    }

    #[test]
    fn inputs_and_directories_are_refused() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let input = dir.path().join("in.json");
        fs::write(&input, "{}")?;
        let error = Output::open(Some(&input), &[Input::File(input.clone())])
            .err()
            .map(|error| format!("{error:#}"))
            .unwrap_or_default();
        assert!(error.contains("one of the inputs"), "{error}");
        assert_eq!(fs::read_to_string(&input)?, "{}");
        let error = Output::open(Some(dir.path()), &[])
            .err()
            .map(|error| format!("{error:#}"))
            .unwrap_or_default();
        assert!(error.contains("is a directory"), "{error}");
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_written_in_place_not_replaced() -> Result<()> {
        let mut output = Output::open(Some(Path::new("/dev/null")), &[])?;
        output.write_all(b"discarded")?;
        output.commit()?;
        assert!(!fs::metadata("/dev/null")?.is_file());
        Ok(())
    }
}
