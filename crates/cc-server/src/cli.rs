//! The command line: `cc-server [--listen ADDR] [--db FILE] [--world FILE]
//! [--max-body-size BYTES]`.

use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;

/// A local stand-in for BlueKing CMDB's process API, on an embedded `SQLite`
/// database.
#[derive(Debug, Clone, PartialEq, Eq, Parser)]
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
    }
}
