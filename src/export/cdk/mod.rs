//! CDK program.
