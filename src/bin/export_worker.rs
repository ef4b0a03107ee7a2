//! The app's Web Worker: receives requests as JSON strings (an export bundle, or the
//! fix search) and answers each. All logic is `drplan::session::worker`; this only
//! moves text. The app starts it twice, once per job, so a long fix search can be
//! stopped without touching export.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let request = event.data().as_string().unwrap_or_default();
            let response = drplan::session::worker::handle_json(&request);
            let _ = reply_to.post_message(&JsValue::from_str(&response));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Tell the page that requests can come now (see `ui::browser::worker_request`).
    let _ = scope.post_message(&JsValue::from_str(drplan::session::worker::READY));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "drplan-export-worker runs in the browser as a Web Worker; use `drplan export` here."
    );
}
