#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

#[cfg(feature = "server")]
mod app;
#[cfg(feature = "server")]
pub mod cli;
#[cfg(feature = "server")]
pub mod endpoints;
#[cfg(feature = "server")]
pub mod http;
#[cfg(feature = "server")]
pub mod log_writer;
#[cfg(feature = "server")]
pub mod store;
#[cfg(feature = "server")]
pub mod verdict;
pub mod world;

#[cfg(feature = "server")]
pub use app::{AppState, Limits, StartError, Startup, serve};
#[cfg(feature = "server")]
pub use store::Location;
