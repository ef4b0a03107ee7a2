//! Share links: a whole plan carried in a URL fragment, compressed, so that nothing
//! is sent to any server (fragments never leave the browser).
//!
//! The fragment is `plan=v1.` followed by base64url (no padding) of the DEFLATE-
//! compressed plan JSON. Decoding is bounded (compressed and inflated sizes) and every
//! failure is a sentence for the user; the caller keeps its current plan on error.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::plan::{parse_plan, Plan, MAX_PLAN_BYTES};

/// Prefix of the fragment, after `#`.
pub const FRAGMENT_KEY: &str = "plan=";
const VERSION_PREFIX: &str = "v1.";
/// Longest encoded plan accepted: far above any real plan, far below what could hurt.
const MAX_ENCODED_CHARS: usize = 400_000;

/// The fragment (without `#`) that carries `plan`.
pub fn encode_fragment(plan: &Plan) -> String {
    let json = plan.to_json_pretty();
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    format!("{FRAGMENT_KEY}{VERSION_PREFIX}{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// Whether a fragment (with or without `#`) claims to carry a plan.
pub fn carries_plan(fragment: &str) -> bool {
    fragment.trim_start_matches('#').starts_with(FRAGMENT_KEY)
}

/// Reads a plan from a fragment (with or without `#`).
pub fn decode_fragment(fragment: &str) -> Result<Plan, String> {
    let body = fragment.trim_start_matches('#');
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
    parse_plan(&text).map_err(|e| format!("the plan in this share link cannot be read: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_decompression_bomb_is_refused() {
        let huge = vec![b' '; MAX_PLAN_BYTES * 4];
        let fragment = format!(
            "plan=v1.{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&huge, 9))
        );
        assert!(decode_fragment(&fragment).is_err());
    }
}
