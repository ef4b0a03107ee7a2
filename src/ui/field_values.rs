//! How a text field turns what the user types into a plan value and back: numbers
//! with their own parse errors, optional values where empty text means "not set",
//! and lists.

/// How a text field turns text into a value and back.
pub trait FieldValue: Clone + PartialEq + Send + Sync + 'static {
    fn parse(text: &str) -> Result<Self, String>;
    fn show(&self) -> String;
}

impl FieldValue for f64 {
    fn parse(text: &str) -> Result<f64, String> {
        let t = text.trim().replace(',', "");
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
        let t = text.trim().replace(',', "");
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
