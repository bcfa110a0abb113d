//! The import worker: reading and analysing a transactions file off the main thread, so the
//! page stays responsive with a million rows.
//!
//! - [`protocol`]: the messages between the page and the worker;
//! - [`session`]: the engine (pure, tested natively): the file read as one stream, its
//!   rows, the analysis and the forecast;
//! - `glue` (wasm only): the worker's message loop, started by `src/bin/worker.rs`.

pub mod protocol;
pub mod session;

#[cfg(target_arch = "wasm32")]
pub mod glue;
