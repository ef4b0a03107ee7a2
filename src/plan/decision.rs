//! The review board's decision record, kept in the plan file so that it travels with
//! the design it decides on (plan files, share links, the autosave) and prints in the
//! report: the decision, who owns it, the date it was taken, and the reasons,
//! conditions and follow-ups in free text. Optional: a plan without one reads and
//! saves unchanged.

use serde::{Deserialize, Serialize};

/// What the board decided.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Not decided yet (the review is open).
    #[default]
    Pending,
    Approved,
    ApprovedWithChanges,
    Rejected,
}

impl Decision {
    pub const ALL: [Decision; 4] =
        [Decision::Pending, Decision::Approved, Decision::ApprovedWithChanges, Decision::Rejected];

    pub fn id(self) -> &'static str {
        match self {
            Decision::Pending => "pending",
            Decision::Approved => "approved",
            Decision::ApprovedWithChanges => "approved_with_changes",
            Decision::Rejected => "rejected",
        }
    }

    /// In words, as the report prints it.
    pub fn label(self) -> &'static str {
        match self {
            Decision::Pending => "Pending (not decided yet)",
            Decision::Approved => "Approved",
            Decision::ApprovedWithChanges => "Approved with changes",
            Decision::Rejected => "Rejected",
        }
    }
}

/// Longest owner, in characters (a name, a role or a team).
pub const MAX_OWNER_CHARS: usize = 100;
/// Longest free text, in characters.
pub const MAX_DECISION_TEXT_CHARS: usize = 2_000;

/// The decision record of a review.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DecisionRecord {
    pub decision: Decision,
    /// Who owns the decision and its follow-ups: one line, at most 100 characters.
    pub owner: String,
    /// The day of the decision, `YYYY-MM-DD` (ISO 8601), or empty.
    pub date: String,
    /// Reasons, conditions and follow-ups: at most 2,000 characters.
    pub text: String,
}

impl DecisionRecord {
    /// Nothing recorded: the plan keeps no record rather than an empty one.
    pub fn is_empty(&self) -> bool {
        *self == DecisionRecord::default()
    }
}

/// Whether `text` is a calendar date written `YYYY-MM-DD` (years 1900–9999), or why not.
pub fn check_date(text: &str) -> Result<(), String> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape {
        return Err("must be a date written YYYY-MM-DD, such as 2026-11-30".into());
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(format!("{text} has no month {month}: months run from 01 to 12")),
    };
    if year < 1900 {
        return Err(format!("{text}: the year must be 1900 or later"));
    }
    if day == 0 || day > days {
        return Err(format!("{text}: that month has days 01 to {days}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_calendar_days_in_iso_form() {
        assert!(check_date("2026-11-30").is_ok());
        assert!(check_date("2024-02-29").is_ok());
        assert!(check_date("2023-02-29").unwrap_err().contains("days 01 to 28"));
        assert!(check_date("2026-13-01").unwrap_err().contains("no month 13"));
        assert!(check_date("30/11/2026").unwrap_err().contains("YYYY-MM-DD"));
        assert!(check_date("2026-1-30").is_err());
        assert!(check_date("２０２６-11-30").is_err());
        assert!(check_date("0000-01-01").unwrap_err().contains("1900"));
    }
}
