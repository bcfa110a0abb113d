//! Entry point of the import worker (built by Trunk as a Web Worker for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    salesplan::worker::glue::run();
}

/// Natively there is no worker: its engine is tested with `cargo test`.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "The import worker runs in the browser: build the site with `bash scripts/build.sh`."
    );
}
