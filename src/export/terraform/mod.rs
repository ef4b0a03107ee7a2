//! Placeholder.
use super::{ExportError, GeneratedFile};
use super::model::InfraModel;
pub fn emit(_model: &InfraModel) -> Result<Vec<GeneratedFile>, ExportError> { Ok(Vec::new()) }
pub fn bucket_address(name: &str) -> String { format!("aws_s3_bucket.{}", crate::export::text::snake(name)) }
