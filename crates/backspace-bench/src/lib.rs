//! # backspace-bench
//!
//! Benchmarks of Backspace measured against **the floor**: the same work written directly
//! against SQLite with rusqlite prepared statements and no domain code. Both run side by side
//! in one process (interleaved rounds), so the ratio holds on a noisy shared machine even when
//! absolute times drift. See `BENCHMARKS.md` at the repository root for the commands and the
//! latest figures.
//!
//! * [`generator`] — the seeded, streaming generator of large histories (`backspace-gen` binary).
//! * [`floor`] — the front-desk cycle and the four reports as hand-written SQL.
//! * [`cycle`] — the same cycle through `Backspace`, and the fixtures both use.
//! * [`measure`] — interleaved timing, medians, peak RSS, the machine, result tables.
//! * [`data`] — where generated files are cached.
//! * [`proxy`] — a TCP proxy that adds latency (a branch far from its database).
//! * [`pg_floor`] — the cycle as hand-written SQL on PostgreSQL (the chain bench's floor).
//! * [`sqlite3_baseline`] — bench 4b's Python baseline ported to Rust (its ceiling).

#![warn(missing_docs)]

pub mod cycle;
pub mod data;
pub mod floor;
pub mod generator;
pub mod measure;
pub mod pg_floor;
pub mod prng;
pub mod proxy;
pub mod sqlite3_baseline;

/// Errors of the bench code (boxed: only the failure path allocates).
pub type BenchError = Box<dyn std::error::Error + Send + Sync>;

/// A result of the bench code.
pub type BenchResult<T> = Result<T, BenchError>;
