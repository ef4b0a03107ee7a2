//! Placeholder.
use super::{ExportError, GeneratedFile};
use super::model::InfraModel;
pub fn emit(_model: &InfraModel) -> Result<Vec<GeneratedFile>, ExportError> { Ok(Vec::new()) }
