//! Share links: a whole plan carried in a URL fragment, compressed, so that nothing
//! is sent to any server (fragments never leave the browser).
//!
//! The fragment is `plan=v1.` followed by base64url (no padding) of the DEFLATE-
//! compressed plan JSON. Decoding keeps the limits of every other way in (the plan-file
//! size, nesting and component count of [`crate::plan::admit`]): the encoded length
//! is bounded by what a plan within the size limit can give, inflating stops at the size
//! limit, and every failure is a sentence for the user; the caller keeps its current
//! plan on error.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::plan::admit::read_plan_text;
use crate::plan::{Plan, MAX_PLAN_BYTES};

/// Prefix of the fragment, after `#`.
pub const FRAGMENT_KEY: &str = "plan=";
const VERSION_PREFIX: &str = "v1.";
/// Longest payload a plan within [`MAX_PLAN_BYTES`] can give, from any DEFLATE encoder:
/// at worst every byte is stored, with 5 bytes of header per block of at most 65,535
/// bytes; base64 then takes 4 characters per 3 bytes. (About 1.3 million characters,
/// within what browsers keep in an address.)
const MAX_ENCODED_CHARS: usize =
    VERSION_PREFIX.len() + (MAX_PLAN_BYTES + 5 * (MAX_PLAN_BYTES / 65_535 + 1)).div_ceil(3) * 4;

/// The fragment (without `#`) that carries `plan`.
pub fn encode_fragment(plan: &Plan) -> String {
    let json = plan.to_json_pretty();
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    format!("{FRAGMENT_KEY}{VERSION_PREFIX}{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// Marks the review baseline after the plan in a fragment: `plan=v1.…&baseline=v1.…`.
pub const BASELINE_KEY: &str = "&baseline=";

/// The fragment that carries `plan` and, for review mode, the `baseline` it is
/// compared with.
pub fn encode_fragment_with_baseline(plan: &Plan, baseline: &Plan) -> String {
    let base = encode_fragment(baseline);
    let payload = base.strip_prefix(FRAGMENT_KEY).unwrap_or(&base);
    format!("{}{BASELINE_KEY}{payload}", encode_fragment(plan))
}

/// The baseline a fragment carries, if it carries one; read with the same limits.
pub fn decode_baseline(fragment: &str) -> Option<Result<Plan, String>> {
    let (_, payload) = fragment.split_once(BASELINE_KEY)?;
    Some(
        decode_fragment(&format!("{FRAGMENT_KEY}{payload}"))
            .map_err(|e| e.replace("share link", "share link's baseline")),
    )
}

/// Whether a fragment (with or without `#`) claims to carry a plan.
pub fn carries_plan(fragment: &str) -> bool {
    fragment.trim_start_matches('#').starts_with(FRAGMENT_KEY)
}

/// Reads a plan from a fragment (with or without `#`).
pub fn decode_fragment(fragment: &str) -> Result<Plan, String> {
    let body = fragment.trim_start_matches('#');
    // The plan ends where a baseline begins.
    let body = body.split_once(BASELINE_KEY).map_or(body, |(plan, _)| plan);
    let Some(payload) = body.strip_prefix(FRAGMENT_KEY) else {
        return Err("this link does not carry a plan".into());
    };
    if payload.len() > MAX_ENCODED_CHARS {
        return Err("this share link is too long to be a drplan plan".into());
    }
    let Some(data) = payload.strip_prefix(VERSION_PREFIX) else {
        return Err("this share link was made by a newer or unknown version of drplan".into());
    };
    let compressed = URL_SAFE_NO_PAD.decode(data.trim()).map_err(|_| {
        "this share link is damaged (it is not valid base64); was it cut off when copied?"
            .to_string()
    })?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_PLAN_BYTES)
        .map_err(|_| {
            "this share link is damaged (its data does not decompress); was it cut off when copied?"
                .to_string()
        })?;
    let text = String::from_utf8(json)
        .map_err(|_| "this share link is damaged (its plan is not text)".to_string())?;
    read_plan_text(&text).map_err(|e| format!("the plan in this share link cannot be read: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_carries_the_plan_and_its_review_baseline() {
        let plan = crate::presets::find("rds-pitr").unwrap().plan();
        let baseline = crate::presets::find("photo-portfolio").unwrap().plan();
        let fragment = encode_fragment_with_baseline(&plan, &baseline);
        assert_eq!(decode_fragment(&format!("#{fragment}")).unwrap(), plan);
        assert_eq!(decode_baseline(&fragment).unwrap().unwrap(), baseline);
        assert!(decode_baseline(&encode_fragment(&plan)).is_none());
        let broken = format!("{}{BASELINE_KEY}v1.!!", encode_fragment(&plan));
        assert_eq!(decode_fragment(&broken).unwrap(), plan);
        assert!(decode_baseline(&broken).unwrap().unwrap_err().contains("baseline"));
    }

    #[test]
    fn every_preset_survives_a_round_trip() {
        for preset in crate::presets::PRESETS {
            let plan = preset.plan();
            let fragment = encode_fragment(&plan);
            assert!(fragment.len() < 8_000, "{} link is {} chars", preset.id, fragment.len());
            assert!(fragment.bytes().all(|b| b.is_ascii_alphanumeric() || b"=.-_".contains(&b)));
            assert_eq!(decode_fragment(&format!("#{fragment}")).unwrap(), plan);
        }
    }

    #[test]
    fn damaged_links_say_what_is_wrong() {
        let good = encode_fragment(&crate::presets::default_plan());
        let cases = [
            ("#other=1".to_string(), "does not carry"),
            ("#plan=v9.abc".to_string(), "newer or unknown"),
            ("#plan=v1.***".to_string(), "not valid base64"),
            (good[..good.len() / 2].to_string(), "cut off"),
            (
                format!(
                    "plan=v1.{}",
                    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(
                        b"{\"schema_version\":1,\"horizon_months\":\"x\"}",
                        6
                    ))
                ),
                "horizon_months",
            ),
        ];
        for (fragment, expected) in cases {
            let err = decode_fragment(&fragment).unwrap_err();
            assert!(err.contains(expected), "{fragment}: {err}");
        }
    }

    #[test]
    fn a_link_keeps_the_limits_of_a_plan_file() {
        // The largest plan file, stored without compression (the longest link any
        // encoder can make of it), opens.
        let mut plan = Plan::default();
        // Filled with notes, each within the text limit of a plan file.
        let chunk = crate::plan::limits::MAX_TEXT_CHARS;
        while plan.to_json_pretty().len() + chunk + 16 < MAX_PLAN_BYTES {
            plan.notes.push("n".repeat(chunk));
        }
        let json = plan.to_json_pretty();
        assert!(json.len() <= MAX_PLAN_BYTES);
        let stored = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 0);
        let fragment = format!("plan=v1.{}", URL_SAFE_NO_PAD.encode(stored));
        assert_eq!(decode_fragment(&fragment).unwrap(), plan);
        // One character more than that bound is refused before any decoding.
        let too_long = format!("plan={}", "A".repeat(MAX_ENCODED_CHARS + 1));
        assert!(decode_fragment(&too_long).unwrap_err().contains("too long"));
        // More components than the CLI accepts: refused with the count.
        let mut crowded = Plan::default();
        for _ in 0..=crate::plan::validate::MAX_COMPONENTS {
            crowded.add_component(crate::plan::ComponentKind::S3Bucket);
        }
        let err = decode_fragment(&encode_fragment(&crowded)).unwrap_err();
        assert!(err.contains("201 components"), "{err}");
    }

    #[test]
    fn a_decompression_bomb_is_refused() {
        let huge = vec![b' '; MAX_PLAN_BYTES * 4];
        let fragment = format!(
            "plan=v1.{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&huge, 9))
        );
        assert!(decode_fragment(&fragment).is_err());
    }
}
