//! Workspace-level tests and their fixtures. The repository README is included
//! here so that its Rust examples run as doctests.
#![doc = include_str!("../../README.md")]
