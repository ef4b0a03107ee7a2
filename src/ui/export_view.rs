//! The export view: pick a target or all four, preview every file with a copy button,
//! and download the bundle as a zip built in the browser.

use leptos::prelude::*;

use super::browser::{self, WorkerRole};
use super::state::use_state;
use crate::export::protocol::{ExportRequest, ExportResponse, ExportedFile};
use crate::export::Target;
use crate::session::worker::{WorkerAnswer, WorkerRequest};
use crate::zip::{write_zip, ZipEntry};

/// Which bundle is chosen: one target, or all four.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Choice {
    One(Target),
    All,
}

impl Choice {
    fn id(self) -> &'static str {
        match self {
            Choice::One(t) => t.id(),
            Choice::All => "all",
        }
    }
}

fn zip_name(plan_name: &str, choice: Choice) -> String {
    format!("{}-{}.zip", super::plan_files::file_stem(plan_name, 8, "drplan"), choice.id())
}

#[component]
pub fn ExportView() -> impl IntoView {
    let state = use_state();
    let choice = RwSignal::new(Choice::One(Target::Terraform));
    let selected = RwSignal::new(0usize);
    // Bundles are generated in the export worker while this view is open, again on
    // every edit; answers to superseded requests are dropped, and so is an answer that
    // comes after the view closed (its values are gone).
    let response = RwSignal::new(None::<ExportResponse>);
    let latest = StoredValue::new(0u64);
    Effect::new(move |_| {
        let target = choice.get().id().to_string();
        let plan_json = state.plan.with(|p| p.to_json_pretty());
        let sequence = latest.get_value() + 1;
        latest.set_value(sequence);
        let request = WorkerRequest::Export(ExportRequest { sequence, target, plan_json });
        let Ok(text) = serde_json::to_string(&request) else { return };
        let sent = browser::worker_request(WorkerRole::Export, &text, move |reply| {
            match reply.map(|text| serde_json::from_str::<WorkerAnswer>(&text)) {
                Ok(Ok(WorkerAnswer::Export(answer)))
                    if latest.try_get_value() == Some(answer.sequence) =>
                {
                    response.try_set(Some(answer));
                }
                Ok(Ok(WorkerAnswer::Export(_))) => {}
                Ok(_) => state.warn("the export worker gave an answer that could not be read"),
                Err(why) => state.warn(format!("the export worker stopped: {why}")),
            }
        });
        if let Err(why) = sent {
            state.warn(why);
        }
    });
    let files = Memo::new(move |_| {
        response.with(|r| r.as_ref().filter(|r| r.error.is_none()).map(|r| r.files.clone()))
    });
    let download = move |_| {
        let Some(list) = files.get_untracked() else { return };
        let entries: Vec<ZipEntry> = list
            .iter()
            .map(|f| ZipEntry { path: f.path.clone(), contents: f.contents.as_bytes().to_vec() })
            .collect();
        let name = state.plan.with_untracked(|p| zip_name(&p.name, choice.get_untracked()));
        match write_zip(&entries)
            .and_then(|bytes| browser::download(&name, "application/zip", &bytes))
        {
            Ok(()) => state.say(format!("Downloaded {name} ({} files).", entries.len())),
            Err(why) => state.warn(why),
        }
    };
    view! {
        <section class="panel export" aria-labelledby="export-title">
            <div class="panel-head">
                <h2 id="export-title">"Export infrastructure as code"</h2>
                <label>"Target "
                    <select data-testid="export-target" on:change=move |ev| {
                        let id = event_target_value(&ev);
                        choice.set(Target::from_id(&id).map_or(Choice::All, Choice::One));
                        selected.set(0);
                    }>
                        {Target::ALL.into_iter().map(|t| view! { <option value=t.id() selected=move || choice.get() == Choice::One(t)>{t.label()}</option> }).collect_view()}
                        <option value="all" selected=move || choice.get() == Choice::All>"All four"</option>
                    </select>
                </label>
                <button type="button" data-testid="export-download" disabled=move || files.with(Option::is_none) on:click=download>"Download zip"</button>
            </div>
            {move || match response.get() {
                None => view! { <p class="hint" data-testid="export-pending">"Generating the bundle…"</p> }.into_any(),
                Some(ExportResponse { error: Some(error), diagnostics, .. }) => {
                    let errors: Vec<_> = diagnostics.into_iter().filter(|d| d.severity == crate::plan::Severity::Error).collect();
                    view! {
                        <div class="message error" data-testid="export-blocked">
                            <p>{format!("No bundle: {error}.")}</p>
                            <ul>{errors.into_iter().map(|d| view! { <li><code>{d.path}</code>": "{d.message}</li> }).collect_view()}</ul>
                        </div>
                    }.into_any()
                }
                Some(answer) => file_browser(answer.files, selected).into_any(),
            }}
        </section>
    }
}

fn file_browser(list: Vec<ExportedFile>, selected: RwSignal<usize>) -> impl IntoView {
    let state = use_state();
    let count = list.len();
    let total_kb = list.iter().map(|f| f.contents.len()).sum::<usize>() as f64 / 1024.0;
    let paths: Vec<String> = list.iter().map(|f| f.path.clone()).collect();
    let list = StoredValue::new(list);
    let current =
        move || list.with_value(|l| l.get(selected.get().min(count.saturating_sub(1))).cloned());
    view! {
        <p class="hint">{format!("{count} files, {total_kb:.0} KB. Each bundle's README.md gives the exact deploy commands.")}</p>
        <div class="files-preview">
            // A plain list of buttons (a listbox of options may not hold buttons).
            <ul class="file-list" aria-label="Generated files" data-testid="export-files">
                {paths.into_iter().enumerate().map(|(i, path)| {
                    view! {
                        <li>
                            <button type="button" aria-pressed=move || (selected.get() == i).to_string() class=move || if selected.get() == i { "file active" } else { "file" } on:click=move |_| selected.set(i)>{path}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || current().map(|file| {
                let text = file.contents.clone();
                view! {
                    <div class="preview">
                        <div class="preview-head">
                            <code data-testid="export-preview-path">{file.path.clone()}</code>
                            <button type="button" class="small" data-testid="export-copy" on:click=move |_| {
                                let text = text.clone();
                                leptos::task::spawn_local(async move {
                                    match browser::copy_text(text).await {
                                        Ok(()) => state.say("Copied the file to the clipboard."),
                                        Err(why) => state.warn(why),
                                    }
                                });
                            }>"Copy"</button>
                        </div>
                        <pre data-testid="export-preview" tabindex="0" aria-label=format!("Contents of {}", file.path)><code>{file.contents}</code></pre>
                    </div>
                }
            })}
        </div>
    }
}
