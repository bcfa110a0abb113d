//! Entry point of the web app (built by Trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    salesplan::ui::start();
}

/// Natively there is no app to run: the model is a library, tested with `cargo test`.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Salesplan is a web app: build and serve it with `bash scripts/serve.sh`.");
}
