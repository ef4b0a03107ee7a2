//! Result views: costs, charts, notes, recovery and the scheduled recovery tests.

pub mod charts;
pub mod costs;
pub mod drills;
pub mod notes;
pub mod recovery;
pub mod testing;
