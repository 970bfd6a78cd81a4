//! The command line: `cc-server [--listen ADDR] [--db FILE] [--world FILE]
//! [--max-body-size BYTES] [--max-connections N] [--header-read-timeout SECONDS]
//! [--body-read-timeout SECONDS]`.

use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;

/// A local stand-in for BlueKing CMDB's process API, on an embedded `SQLite`
/// database.
#[derive(Debug, Clone, PartialEq, Parser)]
#[command(name = "cc-server", version)]
pub struct Args {
    /// The address to listen on; loopback unless you say otherwise.
    #[arg(long, default_value = "127.0.0.1:8090")]
    pub listen: SocketAddr,
    /// The `SQLite` database file (created if missing, WAL mode); without it the
    /// database is in memory and gone when the server stops.
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// The world file: apps, businesses, hosts, service categories, service
    /// templates and modules. Objects the database lacks are added; nothing
    /// there is changed.
    #[arg(long, value_name = "FILE")]
    pub world: Option<PathBuf>,
    /// The largest request body read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 10 * 1024 * 1024)]
    pub max_body_size: usize,
    /// How many connections are served at once; one more is answered with an
    /// error (code 1199035, HTTP 503) and closed.
    #[arg(long, value_name = "N", default_value_t = 1024)]
    pub max_connections: usize,
    /// Seconds a connection may take to send a request's head; an idle
    /// keep-alive connection is closed after as long.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub header_read_timeout: f64,
    /// Seconds a request may take to send its body (code 1199004, HTTP 408).
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub body_read_timeout: f64,
}

impl Args {
    /// The limits the flags set.
    ///
    /// # Errors
    /// A timeout that is not a positive, finite number of seconds, or a
    /// connection limit of 0.
    pub fn limits(&self) -> Result<crate::Limits, String> {
        let seconds = |flag: &str, value: f64| {
            std::time::Duration::try_from_secs_f64(value)
                .ok()
                .filter(|duration| !duration.is_zero())
                .ok_or_else(|| {
                    format!("--{flag} must be a positive number of seconds, got {value}")
                })
        };
        if self.max_connections == 0 {
            return Err("--max-connections must be at least 1".to_owned());
        }
        Ok(crate::Limits {
            max_body_size: self.max_body_size,
            max_connections: self.max_connections,
            header_read_timeout: seconds("header-read-timeout", self.header_read_timeout)?,
            body_read_timeout: seconds("body-read-timeout", self.body_read_timeout)?,
            ..crate::Limits::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_listen_on_loopback_in_memory() {
        let args = Args::try_parse_from(["cc-server"]).expect("parse");
        assert_eq!(args.listen, "127.0.0.1:8090".parse().expect("address"));
        assert!(args.listen.ip().is_loopback());
        assert_eq!(args.db, None);
        assert_eq!(args.world, None);
        assert_eq!(args.limits(), Ok(crate::Limits::default()));
    }

    #[test]
    fn the_limit_flags_are_read_and_checked() {
        let args = Args::try_parse_from([
            "cc-server",
            "--max-connections",
            "8",
            "--header-read-timeout",
            "1.5",
            "--body-read-timeout",
            "2",
        ])
        .expect("parse");
        let limits = args.limits().expect("limits");
        assert_eq!(limits.max_connections, 8);
        assert_eq!(limits.header_read_timeout.as_millis(), 1500);
        assert_eq!(limits.body_read_timeout.as_secs(), 2);
        let args = Args::try_parse_from(["cc-server", "--body-read-timeout", "0"]).expect("parse");
        assert!(
            args.limits()
                .is_err_and(|error| error.contains("--body-read-timeout"))
        );
        let args = Args::try_parse_from(["cc-server", "--max-connections", "0"]).expect("parse");
        assert!(args.limits().is_err());
    }
}
