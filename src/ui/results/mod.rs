//! Result views: costs and charts.

pub mod charts;
pub mod costs;
pub mod notes;
pub mod recovery;
