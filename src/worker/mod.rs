//! The import worker: reading and analysing a transactions file off the main thread, so the
//! page stays responsive with a million rows.
//!
//! - [`protocol`]: the messages between the page and the worker;
//! - [`session`]: the engine (pure, tested natively); a large file is read in two pieces
//!   at once, the later one by a helper worker (the same binary);
//! - [`part`]: a helper's piece as JSON + bytes;
//! - `glue` (wasm only): the worker's message loop, started by `src/bin/worker.rs`.

pub mod part;
pub mod protocol;
pub mod session;

#[cfg(target_arch = "wasm32")]
pub mod glue;
