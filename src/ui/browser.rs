//! Everything the app asks of the browser: local storage, the URL fragment, the
//! clipboard, downloads, reading an opened file and timings. Failures come back as
//! sentences; nothing here panics.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Local-storage key of the autosaved plan.
pub const AUTOSAVE_KEY: &str = "drplan.plan.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn load_autosave() -> Option<String> {
    storage()?.get_item(AUTOSAVE_KEY).ok()?
}

/// Saves the plan; a full or disabled storage is reported, not fatal.
pub fn save_autosave(json: &str) -> Result<(), String> {
    let storage = storage()
        .ok_or("this browser does not allow local storage; use Save plan to keep your work")?;
    storage.set_item(AUTOSAVE_KEY, json).map_err(|_| {
        "the browser refused to autosave (storage full?); use Save plan to keep your work"
            .to_string()
    })
}

/// The URL fragment without `#`.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_string()
}

/// Replaces the fragment without adding a history entry or reloading.
pub fn set_fragment(fragment: &str) {
    if let Some(window) = web_sys::window() {
        let url = if fragment.is_empty() {
            let location = window.location();
            format!(
                "{}{}",
                location.pathname().unwrap_or_default(),
                location.search().unwrap_or_default()
            )
        } else {
            format!("#{fragment}")
        };
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}

/// The page's address with `fragment`, for a share link.
pub fn url_with_fragment(fragment: &str) -> String {
    let Some(window) = web_sys::window() else { return format!("#{fragment}") };
    let location = window.location();
    format!(
        "{}{}{}#{fragment}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    )
}

pub async fn copy_text(text: String) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let promise = window.navigator().clipboard().write_text(&text);
    JsFuture::from(promise).await.map(|_| ()).map_err(|_| {
        "the browser did not allow copying; select the text and copy it by hand".to_string()
    })
}

/// Offers `bytes` as a file download named `file_name`.
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| "could not prepare the download")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "could not prepare the download")?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "no anchor")?
        .dyn_into()
        .map_err(|_| "no anchor")?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Reads the first file chosen in a file input as text.
pub async fn read_chosen_file(
    input: &web_sys::HtmlInputElement,
) -> Result<(String, String), String> {
    let file = input.files().and_then(|files| files.get(0)).ok_or("no file was chosen")?;
    if file.size() > crate::plan::MAX_PLAN_BYTES as f64 {
        return Err(format!("{} is too large to be a plan file", file.name()));
    }
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| format!("{} could not be read", file.name()))?;
    Ok((file.name(), text.as_string().unwrap_or_default()))
}

/// Shows a recovery message when the app has crashed: the plan was autosaved.
pub fn show_crash_notice(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(notice) = document.create_element("div") else { return };
    notice.set_class_name("crash");
    notice.set_attribute("role", "alert").ok();
    notice.set_text_content(Some(&format!(
        "drplan hit an internal error and stopped. Your plan was autosaved: reload the page to continue. ({message})"
    )));
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(&notice);
    }
}

/// Where trunk puts the export worker's loader (see index.html).
const EXPORT_WORKER_URL: &str = "./drplan-export-worker_loader.js";
/// What the worker says once its WebAssembly module is running; messages sent before
/// that would find no handler and be lost, so requests wait for it.
pub const EXPORT_WORKER_READY: &str = "ready";

type Reply = std::rc::Rc<std::cell::RefCell<Option<Box<dyn Fn(String)>>>>;

struct ExportWorker {
    worker: web_sys::Worker,
    ready: std::rc::Rc<std::cell::Cell<bool>>,
    pending: std::rc::Rc<std::cell::RefCell<Option<String>>>,
    reply: Reply,
    _on_message: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::MessageEvent)>,
}

thread_local! {
    static EXPORT_WORKER: std::cell::RefCell<Option<ExportWorker>> = const { std::cell::RefCell::new(None) };
}

fn start_export_worker() -> Result<ExportWorker, String> {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    let worker = web_sys::Worker::new(EXPORT_WORKER_URL)
        .map_err(|_| "the browser could not start the export worker".to_string())?;
    let ready = Rc::new(Cell::new(false));
    let pending: Rc<RefCell<Option<String>>> = Rc::new(RefCell::new(None));
    let reply: Reply = Rc::new(RefCell::new(None));
    let (ready2, pending2, reply2, worker2) =
        (ready.clone(), pending.clone(), reply.clone(), worker.clone());
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            if text == EXPORT_WORKER_READY {
                ready2.set(true);
                if let Some(request) = pending2.borrow_mut().take() {
                    let _ = worker2.post_message(&wasm_bindgen::JsValue::from_str(&request));
                }
            } else if let Some(callback) = reply2.borrow().as_ref() {
                callback(text);
            }
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    Ok(ExportWorker { worker, ready, pending, reply, _on_message: on_message })
}

/// Sends an export request to the export worker, starting it on first use (its
/// WebAssembly module is fetched only then); `on_reply` gets the answer's JSON. Only
/// the newest request waiting for a starting worker is kept.
pub fn export_request(
    request_json: &str,
    on_reply: impl Fn(String) + 'static,
) -> Result<(), String> {
    EXPORT_WORKER.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.is_none() {
            *slot = Some(start_export_worker()?);
        }
        let Some(w) = slot.as_ref() else {
            return Err("the export worker is not running".to_string());
        };
        *w.reply.borrow_mut() = Some(Box::new(on_reply));
        if w.ready.get() {
            w.worker
                .post_message(&wasm_bindgen::JsValue::from_str(request_json))
                .map_err(|_| "the export request could not be sent".to_string())
        } else {
            *w.pending.borrow_mut() = Some(request_json.to_string());
            Ok(())
        }
    })
}
