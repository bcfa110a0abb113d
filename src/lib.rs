//! Salesplan: a sales department planner that runs entirely in the browser.
//!
//! Layers (docs/architecture.md):
//! - [`model`]: pure domain arithmetic, tested natively;
//! - [`state`]: the app state and its reducer (pure, tested natively);
//! - [`i18n`]: Russian/English texts, number formatting and parsing (pure);
//! - [`storage`]: the stored document, versions and migrations (pure) + localStorage adapter;
//! - [`worker`]: the client-base import off the main thread (engine pure, glue wasm only);
//! - `ui` (wasm only): yew components that lay out and format the model's results.

pub mod i18n;
pub mod model;
pub mod state;
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
pub mod worker;
