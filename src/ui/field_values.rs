//! How a text field turns what the user types into a plan value and back: numbers
//! with their own parse errors, optional values where empty text means "not set",
//! and lists.

/// How a text field turns text into a value and back.
pub trait FieldValue: Clone + PartialEq + Send + Sync + 'static {
    fn parse(text: &str) -> Result<Self, String>;
    fn show(&self) -> String;
}

/// `text` without thousands separators, when its commas are exactly that
/// ("12,345.6"); any other comma ("1,5" as a decimal comma, "1,50,000") is refused
/// with a message rather than read as a different number.
fn without_grouping(text: &str) -> Result<String, String> {
    let t = text.trim();
    if !t.contains(',') {
        return Ok(t.to_string());
    }
    let (whole, fraction) = t.split_once('.').map_or((t, None), |(w, f)| (w, Some(f)));
    let digits = whole.trim_start_matches(['-', '+']);
    let groups: Vec<&str> = digits.split(',').collect();
    let grouped = !fraction.is_some_and(|f| f.contains(','))
        && groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    if grouped {
        Ok(t.replace(',', ""))
    } else {
        Err(format!(
            "\"{t}\" is not a number: write decimals with a point ({}) and no other commas",
            t.replacen(',', ".", 1)
        ))
    }
}

impl FieldValue for f64 {
    fn parse(text: &str) -> Result<f64, String> {
        let t = without_grouping(text)?;
        match t.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ if t.is_empty() => Err("enter a number".into()),
            _ => Err(format!("\"{}\" is not a number", text.trim())),
        }
    }
    fn show(&self) -> String {
        format!("{self}")
    }
}

impl FieldValue for u32 {
    fn parse(text: &str) -> Result<u32, String> {
        let t = without_grouping(text)?;
        match t.parse::<u32>() {
            Ok(v) => Ok(v),
            _ if t.is_empty() => Err("enter a whole number".into()),
            _ if t.starts_with('-') => Err("must not be negative".into()),
            _ => Err(format!("\"{}\" is not a whole number", text.trim())),
        }
    }
    fn show(&self) -> String {
        self.to_string()
    }
}

/// Empty text means "not set".
impl FieldValue for Option<u32> {
    fn parse(text: &str) -> Result<Option<u32>, String> {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            u32::parse(text).map(Some)
        }
    }
    fn show(&self) -> String {
        self.map(|v| v.to_string()).unwrap_or_default()
    }
}

/// Empty text means "not set".
impl FieldValue for Option<f64> {
    fn parse(text: &str) -> Result<Option<f64>, String> {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            f64::parse(text).map(Some)
        }
    }
    fn show(&self) -> String {
        self.map(|v| format!("{v}")).unwrap_or_default()
    }
}

/// A number that may not be negative (a duration typed in a chosen unit): a minus is
/// refused at the field, never clamped to zero behind the user's back.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NonNegative(pub f64);

impl FieldValue for NonNegative {
    fn parse(text: &str) -> Result<NonNegative, String> {
        match f64::parse(text)? {
            v if v < 0.0 => Err("must not be negative".into()),
            v => Ok(NonNegative(v)),
        }
    }
    fn show(&self) -> String {
        self.0.show()
    }
}

/// A core message about a value kept in minutes ("is 0; must be between 1 and
/// 525600 minutes"), said in the unit the field shows it in ("is 0 hours; must be
/// between 1 minute and 365 days"). Other messages are returned unchanged.
pub fn minutes_message_in(message: &str, minutes_per_unit: u32, unit_name: &str) -> String {
    let Some(rest) = message.strip_prefix("is ") else { return message.to_string() };
    let Some((value, bounds)) = rest.split_once("; must be between ") else {
        return message.to_string();
    };
    let Some((min, max)) = bounds.strip_suffix(" minutes").and_then(|b| b.split_once(" and "))
    else {
        return message.to_string();
    };
    let (Ok(value), Ok(min), Ok(max)) =
        (value.parse::<f64>(), min.parse::<u32>(), max.parse::<u32>())
    else {
        return message.to_string();
    };
    let shown = value / f64::from(minutes_per_unit.max(1));
    format!(
        "is {} {unit_name}; must be between {} and {}",
        shown.show(),
        whole_duration(min),
        whole_duration(max)
    )
}

/// Minutes in the largest unit that keeps them whole: "1 minute", "365 days".
fn whole_duration(minutes: u32) -> String {
    let (n, unit) = match minutes {
        m if m > 0 && m % 1440 == 0 => (m / 1440, "day"),
        m if m > 0 && m % 60 == 0 => (m / 60, "hour"),
        m => (m, "minute"),
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

impl FieldValue for String {
    fn parse(text: &str) -> Result<String, String> {
        Ok(text.to_string())
    }
    fn show(&self) -> String {
        self.clone()
    }
}

/// A list typed one item per line or separated by commas.
impl FieldValue for Vec<String> {
    fn parse(text: &str) -> Result<Vec<String>, String> {
        Ok(text
            .split([',', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect())
    }
    fn show(&self) -> String {
        self.join(", ")
    }
}

/// Empty text means "not set".
impl FieldValue for Option<String> {
    fn parse(text: &str) -> Result<Option<String>, String> {
        Ok((!text.trim().is_empty()).then(|| text.to_string()))
    }
    fn show(&self) -> String {
        self.clone().unwrap_or_default()
    }
}

/// Text with one item per line, for items that may hold commas (the plan's notes).
#[derive(Clone, Debug, PartialEq)]
pub struct Lines(pub Vec<String>);

impl FieldValue for Lines {
    fn parse(text: &str) -> Result<Lines, String> {
        Ok(Lines(text.lines().map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()))
    }
    fn show(&self) -> String {
        self.0.join("\n")
    }
}
