//! The message protocol of the export worker: the web app sends a plan and a target as
//! JSON, and gets the bundle's files (or the reason there are none) back as JSON.
//!
//! Export runs in a Web Worker with its own WebAssembly module, so its code is loaded
//! only when someone opens the export view and generating bundles never blocks typing.
//! This module is the whole worker logic, pure and tested natively; the worker binary
//! only moves strings.

use serde::{Deserialize, Serialize};

use super::{export, export_all, ExportError, GeneratedFile, Target};
use crate::plan::{parse_plan, Diagnostic};

/// What the app asks for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportRequest {
    /// Echoed back, so the app can drop answers to requests it has superseded.
    pub sequence: u64,
    /// A target id, or `all`.
    pub target: String,
    /// The plan in its file form.
    pub plan_json: String,
}

/// What the worker answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportResponse {
    pub sequence: u64,
    pub files: Vec<ExportedFile>,
    /// Why there are no files, in words.
    pub error: Option<String>,
    /// The plan's diagnostics when it was refused as invalid.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportedFile {
    pub path: String,
    pub contents: String,
}

impl From<GeneratedFile> for ExportedFile {
    fn from(f: GeneratedFile) -> Self {
        ExportedFile { path: f.path, contents: f.contents }
    }
}

fn failure(sequence: u64, error: String, diagnostics: Vec<Diagnostic>) -> ExportResponse {
    ExportResponse { sequence, files: Vec::new(), error: Some(error), diagnostics }
}

/// Answers one request. Never panics; every failure is a response.
pub fn handle(request: &ExportRequest) -> ExportResponse {
    let plan = match parse_plan(&request.plan_json) {
        Ok(plan) => plan,
        Err(e) => {
            return failure(request.sequence, format!("the plan cannot be read: {e}"), Vec::new())
        }
    };
    let result = match request.target.as_str() {
        "all" => export_all(&plan),
        id => match Target::from_id(id) {
            Some(target) => export(&plan, target),
            None => {
                return failure(
                    request.sequence,
                    format!("\"{id}\" is not an export target"),
                    Vec::new(),
                )
            }
        },
    };
    match result {
        Ok(files) => ExportResponse {
            sequence: request.sequence,
            files: files.into_iter().map(Into::into).collect(),
            error: None,
            diagnostics: Vec::new(),
        },
        Err(ExportError::InvalidPlan(diagnostics)) => failure(
            request.sequence,
            "the plan has problems to fix before export".into(),
            diagnostics,
        ),
        Err(other) => failure(request.sequence, other.to_string(), Vec::new()),
    }
}

/// The app asks for the runbook of a plan, as its report shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunbookRequest {
    pub sequence: u64,
    /// Whose names the commands use: a target id.
    pub target: String,
    pub plan_json: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunbookAnswer {
    pub sequence: u64,
    pub runbook: Option<super::runbook::RunbookView>,
    /// Why there is none, in words.
    pub error: Option<String>,
}

/// Answers one runbook request. Never panics; every failure is an answer.
pub fn handle_runbook(request: &RunbookRequest) -> RunbookAnswer {
    let fail = |error: String| RunbookAnswer {
        sequence: request.sequence,
        runbook: None,
        error: Some(error),
    };
    let plan = match parse_plan(&request.plan_json) {
        Ok(plan) => plan,
        Err(e) => return fail(format!("the plan cannot be read: {e}")),
    };
    let Some(target) = Target::from_id(&request.target) else {
        return fail(format!("\"{}\" is not an export target", request.target));
    };
    match super::runbook::view(&plan, target) {
        Ok(view) => RunbookAnswer { sequence: request.sequence, runbook: Some(view), error: None },
        Err(ExportError::InvalidPlan(_)) => {
            fail("the plan has problems to fix first (see the Plan tab)".into())
        }
        Err(other) => fail(other.to_string()),
    }
}

/// [`handle`] on JSON text, as the worker receives and sends it.
pub fn handle_json(request_json: &str) -> String {
    let response = match serde_json::from_str::<ExportRequest>(request_json) {
        Ok(request) => handle(&request),
        Err(e) => failure(0, format!("malformed export request: {e}"), Vec::new()),
    };
    serde_json::to_string(&response).unwrap_or_else(|_| "{\"sequence\":0,\"files\":[],\"error\":\"response could not be encoded\",\"diagnostics\":[]}".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(target: &str, plan_json: String) -> String {
        serde_json::to_string(&ExportRequest { sequence: 7, target: target.into(), plan_json })
            .unwrap()
    }

    #[test]
    fn a_valid_plan_comes_back_as_files() {
        let plan = crate::presets::default_plan();
        let response: ExportResponse =
            serde_json::from_str(&handle_json(&request("terraform", plan.to_json_pretty())))
                .unwrap();
        assert_eq!(response.sequence, 7);
        assert_eq!(response.error, None);
        let direct = export(&plan, Target::Terraform).unwrap();
        assert_eq!(response.files, direct.into_iter().map(ExportedFile::from).collect::<Vec<_>>());
        let all: ExportResponse =
            serde_json::from_str(&handle_json(&request("all", plan.to_json_pretty()))).unwrap();
        assert!(all.files.iter().any(|f| f.path.starts_with("cdk-typescript/")));
    }

    #[test]
    fn every_failure_is_an_answer() {
        let mut invalid = crate::presets::default_plan();
        invalid.horizon_months = 0;
        let cases = [
            (request("terraform", invalid.to_json_pretty()), "problems to fix"),
            (
                request("pulumi", crate::presets::default_plan().to_json_pretty()),
                "not an export target",
            ),
            (request("terraform", "{".into()), "cannot be read"),
            ("not json".to_string(), "malformed"),
        ];
        for (text, expected) in cases {
            let response: ExportResponse = serde_json::from_str(&handle_json(&text)).unwrap();
            assert!(response.files.is_empty());
            assert!(
                response.error.as_deref().is_some_and(|e| e.contains(expected)),
                "{text}: {:?}",
                response.error
            );
        }
        let refused: ExportResponse =
            serde_json::from_str(&handle_json(&request("terraform", invalid.to_json_pretty())))
                .unwrap();
        assert!(refused.diagnostics.iter().any(|d| d.path == "horizon_months"));
    }
}
