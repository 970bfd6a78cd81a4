//! Workspace-level tests and their fixtures. The repository README is included
//! here so that its Rust examples run as doctests.
// The README is prose for people; identifiers in its tables are not code.
#![allow(clippy::doc_markdown)]
#![doc = include_str!("../../README.md")]

pub mod layers;
pub mod upstream;
