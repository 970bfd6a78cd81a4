//! The inputs: files and stdin, and reading them (`walk` finds them).
//!
//! Only regular files are read: a FIFO or a device given as a path (or found as
//! `*.json` in a directory) is refused before it is opened, so that linting
//! never blocks on a pipe nobody writes to nor reads `/dev/zero` forever. Reads
//! stop one byte past the size limit, so a huge input costs no memory.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// What a run lints: an input, where it was found and with which settings.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    /// The input.
    pub(crate) input: Input,
    /// True when a directory walk found it (rather than the command line
    /// naming it): an input that fits no endpoint is then skipped.
    pub(crate) walked: bool,
    /// The index of its settings (`lint::Settings`) among the run's.
    pub(crate) profile: usize,
    /// Why it is skipped unread (an `exclude` glob matches a file named on
    /// the command line).
    pub(crate) excluded: Option<String>,
}

/// One thing to lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Input {
    /// A file on disk.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

/// What reading an input gave.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Contents {
    /// The whole input, no larger than the limit.
    Bytes(Vec<u8>),
    /// More than the limit; nothing past the limit was read (nothing at all
    /// for a file, whose size is known beforehand).
    TooLarge {
        /// The size, when known (a file's length).
        size: Option<u64>,
    },
}

impl Input {
    /// The name shown in output.
    pub(crate) fn display(&self) -> String {
        match self {
            // As `path.display()` shows it, without the formatting machinery.
            Self::File(path) => path.to_string_lossy().into_owned(),
            Self::Stdin => "<stdin>".to_owned(),
        }
    }

    /// The path used to detect the endpoint from names.
    pub(crate) fn path(&self) -> Option<&Path> {
        match self {
            Self::File(path) => Some(path),
            Self::Stdin => None,
        }
    }

    /// Reads the whole input if it is at most `limit` bytes.
    pub(crate) fn read(&self, limit: u64) -> io::Result<Contents> {
        match self {
            Self::File(path) => {
                // Listed inputs are regular files; check again on the open file
                // in case the path changed since.
                let file = File::open(path)?;
                let meta = file.metadata()?;
                if !meta.is_file() {
                    return Err(not_regular(meta.file_type()));
                }
                read_limited(file, Some(meta.len()), limit)
            }
            Self::Stdin => read_limited(io::stdin().lock(), stdin_size(), limit),
        }
    }
}

/// Reads at most `limit + 1` bytes; `known` is the size when it is known
/// beforehand, which spares reading a too-large input at all.
fn read_limited(reader: impl Read, known: Option<u64>, limit: u64) -> io::Result<Contents> {
    if let Some(size) = known
        && size > limit
    {
        return Ok(Contents::TooLarge { size: Some(size) });
    }
    let capacity = known.map_or(0, |size| usize::try_from(size).unwrap_or(0));
    let mut bytes = Vec::with_capacity(capacity);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limit {
        // It grew since its size was taken, or its size was unknown.
        return Ok(Contents::TooLarge { size: None });
    }
    Ok(Contents::Bytes(bytes))
}

/// What is left to read of standard input when it is a regular file
/// (`cc-lint - < file`), else `None`.
#[cfg(unix)]
fn stdin_size() -> Option<u64> {
    use std::io::Seek;
    use std::os::fd::AsFd;
    let file = File::from(io::stdin().as_fd().try_clone_to_owned().ok()?);
    let meta = file.metadata().ok()?;
    if !meta.is_file() {
        return None;
    }
    let position = (&file).stream_position().ok()?;
    Some(meta.len().saturating_sub(position))
}

#[cfg(not(unix))]
fn stdin_size() -> Option<u64> {
    None
}

/// The error for a path that is not a regular file, naming what it is.
pub(crate) fn not_regular(file_type: fs::FileType) -> io::Error {
    let what = describe(file_type);
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "not a regular file ({what}); only regular files are linted, give - to read standard input"
        ),
    )
}

#[cfg(unix)]
fn describe(file_type: fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a FIFO"
    } else if file_type.is_char_device() {
        "a character device"
    } else if file_type.is_block_device() {
        "a block device"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn describe(file_type: fs::FileType) -> &'static str {
    if file_type.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

/// An input that could not be listed (a missing path, an unreadable directory,
/// a FIFO or device, a broken symbolic link).
#[derive(Debug)]
pub(crate) struct ListError {
    pub(crate) path: PathBuf,
    pub(crate) error: io::Error,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stop_one_byte_past_the_limit() {
        let source = [b'x'; 100];
        assert_eq!(
            read_limited(&source[..], None, 100).unwrap_or(Contents::TooLarge { size: None }),
            Contents::Bytes(source.to_vec())
        );
        assert_eq!(
            read_limited(&source[..], None, 99).ok(),
            Some(Contents::TooLarge { size: None })
        );
        assert_eq!(
            read_limited(&source[..], Some(100), 10).ok(),
            Some(Contents::TooLarge { size: Some(100) })
        );
        // An endless reader is cut at the limit.
        assert_eq!(
            read_limited(io::repeat(0), None, 1 << 16).ok(),
            Some(Contents::TooLarge { size: None })
        );
    }
}
