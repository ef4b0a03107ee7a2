//! Web entry point: mounts the app in the browser. The native build of this binary
//! only points at the CLI, so `cargo build` and `cargo test` work without a browser.

#[cfg(target_arch = "wasm32")]
fn main() {
    drplan::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("drplan-web is the browser app: build it with `trunk build --release` (see README.md); use the `drplan` command line here.");
}
