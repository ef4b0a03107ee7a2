//! The messages of the app's Web Worker (`src/bin/export_worker.rs`): one WebAssembly
//! module, started twice by the app, once for export bundles and once for the fix
//! search, so a long search never delays a bundle and can be stopped on its own.
//! Messages are JSON text, an object whose one key names the job; this module is the whole worker logic,
//! tested natively; the worker binary only moves strings.

use serde::{Deserialize, Serialize};

use super::fix_search::{self, FixAnswer, FixRequest};
use crate::export::protocol::{self, ExportRequest, ExportResponse, RunbookAnswer, RunbookRequest};

/// What the app sends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkerRequest {
    Export(ExportRequest),
    Fixes(FixRequest),
    Runbook(RunbookRequest),
}

/// What the worker answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkerAnswer {
    Export(ExportResponse),
    Fixes(FixAnswer),
    Runbook(RunbookAnswer),
    /// The request itself could not be read.
    Malformed {
        error: String,
    },
}

/// What the worker posts once its module runs; requests sent earlier would be lost.
pub const READY: &str = "ready";

/// Answers one message. Never panics.
pub fn handle_json(request_json: &str) -> String {
    let answer = match serde_json::from_str::<WorkerRequest>(request_json) {
        Ok(WorkerRequest::Export(request)) => WorkerAnswer::Export(protocol::handle(&request)),
        Ok(WorkerRequest::Fixes(request)) => WorkerAnswer::Fixes(fix_search::search(&request)),
        Ok(WorkerRequest::Runbook(request)) => {
            WorkerAnswer::Runbook(protocol::handle_runbook(&request))
        }
        Err(e) => WorkerAnswer::Malformed { error: format!("malformed worker request: {e}") },
    };
    serde_json::to_string(&answer).unwrap_or_else(|_| {
        "{\"malformed\":{\"error\":\"the answer could not be encoded\"}}".into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn send(request: WorkerRequest) -> WorkerAnswer {
        serde_json::from_str(&handle_json(&serde_json::to_string(&request).unwrap())).unwrap()
    }

    #[test]
    fn each_job_gets_its_own_answer() {
        let plan = crate::presets::find("rds-pitr").unwrap().plan();
        let export = send(WorkerRequest::Export(ExportRequest {
            sequence: 5,
            target: "terraform".into(),
            plan_json: plan.to_json_pretty(),
        }));
        let WorkerAnswer::Export(response) = export else { panic!("{export:?}") };
        assert_eq!(response.sequence, 5);
        assert!(response.files.iter().any(|f| f.path.ends_with("main.tf")));

        let fixes = send(WorkerRequest::Fixes(FixRequest {
            generation: 9,
            plan_json: plan.to_json_pretty(),
        }));
        let WorkerAnswer::Fixes(answer) = fixes else { panic!("{fixes:?}") };
        assert_eq!(answer.generation, 9);
        assert!(answer.fixes.iter().any(|f| f.change.contains("Multi-AZ")));
    }

    #[test]
    fn a_malformed_request_is_an_answer() {
        for text in ["", "null", "{\"mine_bitcoin\":{}}", "{\"fixes\":{}}"] {
            let answer: WorkerAnswer = serde_json::from_str(&handle_json(text)).unwrap();
            assert!(matches!(answer, WorkerAnswer::Malformed { .. }), "{text}: {answer:?}");
        }
    }
}
