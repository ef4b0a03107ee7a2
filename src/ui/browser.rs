//! Everything the app asks of the browser: local storage, the URL fragment, the
//! clipboard, downloads, reading an opened file, the clock and the Web Workers. Failures come back as
//! sentences; nothing here panics.
//!
//! Files and timers go through the ecosystem's `gloo-file` and `gloo-timers`: measured
//! on the release build (2026-11-30), they cost +1.6 KB gzip of the first load
//! (drplan-web_bg.wasm 629,556 → 630,797 B gzip, its JS 8,887 → 9,244 B gzip).
//! `gloo-storage` is kept out for behaviour, not size: it stores every value as JSON
//! (a plan text would be saved quoted, unreadable by earlier autosaves) and its raw
//! access throws where storage is disabled. The workers stay on `web_sys`: `gloo-worker`
//! brings its own message codec and loader in place of the tested JSON protocol
//! (`session::worker`); not measured.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Local-storage key of the autosaved plan.
pub const AUTOSAVE_KEY: &str = "drplan.plan.v1";
/// Local-storage key of the recent plans.
pub const RECENT_KEY: &str = "drplan.recent.v1";
/// Local-storage key of review mode's pinned baseline plan.
pub const BASELINE_KEY: &str = "drplan.baseline.v1";
/// Local-storage key set while the app starts: found set at the next start, it means
/// that start never finished (the tab froze or was closed while opening the plan).
pub const STARTING_KEY: &str = "drplan.starting.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// What local storage holds under `key`.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

/// Keeps `text` under `key`; a full or disabled storage is reported, not fatal.
pub fn save(key: &str, text: &str) -> Result<(), String> {
    let storage = storage()
        .ok_or("this browser does not allow local storage; use Save plan to keep your work")?;
    storage.set_item(key, text).map_err(|_| {
        "the browser refused to save the plan in its storage (storage full?); use Save plan to keep your work"
            .to_string()
    })
}

pub fn remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// Frees `value` in a later task, once the current one (an edit and the screen update
/// it makes) is done, so that dropping a large value never delays what the user waits
/// for.
pub fn drop_later<T: 'static>(value: T) {
    leptos::prelude::set_timeout(move || drop(value), std::time::Duration::ZERO);
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Today's date in UTC, `YYYY-MM-DD` (the form plans record days in).
pub fn today_iso() -> String {
    let date = js_sys::Date::new_0();
    String::from(date.to_iso_string()).chars().take(10).collect()
}

/// A time as the user's locale writes it.
pub fn local_time(ms_since_epoch: f64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms_since_epoch));
    String::from(date.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED))
}

/// Today in the user's time zone, `YYYY-MM-DD`.
pub fn today() -> String {
    let date = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", date.get_full_year(), date.get_month() + 1, date.get_date())
}

/// The URL fragment without `#`.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_string()
}

/// Removes the fragment from the address bar without adding a history entry or
/// reloading (a share link is opened once; a reload then restores the autosave).
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let url = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
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
    let blob = gloo_file::Blob::new_with_options(bytes, Some(mime));
    // Revoked when dropped, once the click has handed the file to the browser.
    let url = gloo_file::ObjectUrl::from(blob);
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "no anchor")?
        .dyn_into()
        .map_err(|_| "no anchor")?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    Ok(())
}

/// Reads the first file chosen in a file input as text.
pub async fn read_chosen_file(
    input: &web_sys::HtmlInputElement,
) -> Result<(String, String), String> {
    let file = input.files().and_then(|files| files.get(0)).ok_or("no file was chosen")?;
    let file = gloo_file::File::from(file);
    if file.size() > crate::plan::MAX_PLAN_BYTES as u64 {
        return Err(format!("{} is too large to be a plan file", file.name()));
    }
    let text = gloo_file::futures::read_as_text(&file)
        .await
        .map_err(|_| format!("{} could not be read", file.name()))?;
    Ok((file.name(), text))
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

/// Where trunk puts the worker's loader (see index.html).
const WORKER_URL: &str = "./drplan-export-worker_loader.js";

/// The app's two workers: one WebAssembly module started twice, so a long fix search
/// never delays a bundle and can be stopped on its own. Each starts on first use (its
/// module is fetched only then).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkerRole {
    Export,
    Fixes,
}

type Answer = Rc<RefCell<Option<Rc<dyn Fn(Result<String, String>)>>>>;

struct RunningWorker {
    worker: web_sys::Worker,
    ready: Rc<Cell<bool>>,
    /// Set when the worker threw: the next request starts a new one.
    crashed: Rc<Cell<bool>>,
    pending: Rc<RefCell<Option<String>>>,
    answer: Answer,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    static WORKERS: RefCell<[Option<RunningWorker>; 2]> = const { RefCell::new([None, None]) };
}

fn slot(role: WorkerRole) -> usize {
    match role {
        WorkerRole::Export => 0,
        WorkerRole::Fixes => 1,
    }
}

fn start_worker() -> Result<RunningWorker, String> {
    let worker = web_sys::Worker::new(WORKER_URL)
        .map_err(|_| "the browser could not start a worker".to_string())?;
    let ready = Rc::new(Cell::new(false));
    let crashed = Rc::new(Cell::new(false));
    let pending: Rc<RefCell<Option<String>>> = Rc::new(RefCell::new(None));
    let answer: Answer = Rc::new(RefCell::new(None));
    let (ready2, pending2, answer2, worker2) =
        (ready.clone(), pending.clone(), answer.clone(), worker.clone());
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            if text == crate::session::worker::READY {
                ready2.set(true);
                if let Some(request) = pending2.borrow_mut().take() {
                    let _ = worker2.post_message(&wasm_bindgen::JsValue::from_str(&request));
                }
            } else {
                // Cloned out first: the callback may send the next request, which
                // replaces it.
                let callback = answer2.borrow().clone();
                if let Some(callback) = callback {
                    callback(Ok(text));
                }
            }
        });
    let (crashed2, answer3) = (crashed.clone(), answer.clone());
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        event.prevent_default();
        crashed2.set(true);
        let message = js_sys::Reflect::get(&event, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_else(|| "the worker stopped".into());
        let callback = answer3.borrow().clone();
        if let Some(callback) = callback {
            callback(Err(message));
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(RunningWorker {
        worker,
        ready,
        crashed,
        pending,
        answer,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// Sends a request to the worker in `role`, starting it if needed; `on_answer` gets the
/// answer's text, or why the worker failed. Only the newest request waiting for a
/// starting worker is kept.
pub fn worker_request(
    role: WorkerRole,
    request_json: &str,
    on_answer: impl Fn(Result<String, String>) + 'static,
) -> Result<(), String> {
    WORKERS.with(|workers| {
        let mut workers = workers.borrow_mut();
        let slot = &mut workers[slot(role)];
        if slot.as_ref().is_some_and(|w| w.crashed.get()) {
            retire(slot.take());
        }
        if slot.is_none() {
            *slot = Some(start_worker()?);
        }
        let Some(w) = slot.as_ref() else {
            return Err("the worker is not running".to_string());
        };
        *w.answer.borrow_mut() = Some(Rc::new(on_answer));
        if w.ready.get() {
            w.worker
                .post_message(&wasm_bindgen::JsValue::from_str(request_json))
                .map_err(|_| "the request could not be sent to the worker".to_string())
        } else {
            *w.pending.borrow_mut() = Some(request_json.to_string());
            Ok(())
        }
    })
}

/// Stops the worker in `role`, abandoning what it was doing; the next request starts a
/// new one.
pub fn stop_worker(role: WorkerRole) {
    retire(WORKERS.with(|workers| workers.borrow_mut()[slot(role)].take()));
}

/// Terminates a worker and drops its handlers once the current event is over: this
/// may run inside one of them (a crashed worker replaced from its error handler).
fn retire(worker: Option<RunningWorker>) {
    if let Some(w) = worker {
        w.worker.terminate();
        wasm_bindgen_futures::spawn_local(async move { drop(w) });
    }
}

/// Moves keyboard focus to the element with `id` once the current render is done
/// (after a preset is opened, a fix applied or a card removed, focus would otherwise
/// fall to the page body). A heading or section gets `tabindex="-1"` so it can take
/// focus without joining the tab order.
pub fn focus_by_id(id: &str) {
    let id = id.to_string();
    gloo_timers::callback::Timeout::new(0, move || {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            if !element.has_attribute("tabindex") && element.tab_index() < 0 {
                let _ = element.set_attribute("tabindex", "-1");
            }
            let _ = element.focus();
        }
    })
    .forget();
}

/// The view named in the address (`?view=costs`), if any.
pub fn view_in_address() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("view="))
        .map(str::to_string)
}

/// Records a move to another view as a history entry (`?view=costs`), so Back and
/// Forward move between views instead of leaving the app. `replace` rewrites the
/// current entry instead (the first view of a visit).
pub fn show_view_in_address(view: &str, replace: bool) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let url = format!(
        "{}?view={view}{}",
        location.pathname().unwrap_or_default(),
        location.hash().unwrap_or_default()
    );
    let Ok(history) = window.history() else { return };
    let state = wasm_bindgen::JsValue::from_str(view);
    let _ = if replace {
        history.replace_state_with_url(&state, "", Some(&url))
    } else {
        history.push_state_with_url(&state, "", Some(&url))
    };
}

/// Opens the browser's print dialog (print, or save as PDF).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
