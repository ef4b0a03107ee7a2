//! The five seed designs as embedded plan files, one per seed document.

use crate::plan::{parse_plan, Plan};

/// An embedded example plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    /// The seed document the preset reproduces.
    pub seed: &'static str,
    /// That design document's own title, to name it by for people.
    pub document: &'static str,
    pub json: &'static str,
}

/// The preset a new user sees first.
pub const DEFAULT_PRESET_ID: &str = "photo-portfolio";

pub const PRESETS: [Preset; 5] = [
    Preset {
        id: "s3-glacier-backup",
        title: "S3 + Glacier backup with lifecycle tiers and cross-region replication",
        seed: "000_12ae1a07234c4bb7.txt",
        document: "AWS CDK Python Application for Backup Strategies with S3 and Glacier",
        json: include_str!("../../data/presets/s3-glacier-backup.json"),
    },
    Preset {
        id: "multi-az-dr",
        title: "Single-region Multi-AZ DR: Aurora, DynamoDB, S3 and hourly AWS Backup",
        seed: "001_213eecc4fab86c0a.txt",
        document: "Single-Region Multi-AZ Disaster Recovery Infrastructure",
        json: include_str!("../../data/presets/multi-az-dr.json"),
    },
    Preset {
        id: "rds-pitr",
        title: "RDS MySQL with PITR, AWS Backup and cross-region backups",
        seed: "002_8dd4b8ba987a5f6a.txt",
        document:
            "Infrastructure as Code for Database Backup and Point-in-Time Recovery Strategies",
        json: include_str!("../../data/presets/rds-pitr.json"),
    },
    Preset {
        id: "rds-snapshot-module",
        title: "RDS snapshot module: Lambda snapshots, S3 exports and monitoring",
        seed: "003_cd6f5a881479706c.txt",
        document: "Database Backup Module",
        json: include_str!("../../data/presets/rds-snapshot-module.json"),
    },
    Preset {
        id: "photo-portfolio",
        title: "Photography portfolio: DynamoDB, S3 media, config and Route 53 failover",
        seed: "004_307034de39d8e893.txt",
        document: "Backup & Disaster Recovery Strategy - Photography Portfolio",
        json: include_str!("../../data/presets/photo-portfolio.json"),
    },
];

pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

impl Preset {
    /// The preset's plan. Presets are tested to parse and validate, so failure here
    /// is a build defect; it degrades to an empty plan named after the preset.
    pub fn plan(&self) -> Plan {
        parse_plan(self.json)
            .unwrap_or_else(|_| Plan { name: self.title.to_string(), ..Plan::default() })
    }
}

/// The plan the web app opens on and `drplan estimate` uses for a preset id.
pub fn default_plan() -> Plan {
    find(DEFAULT_PRESET_ID).map(Preset::plan).unwrap_or_default()
}
