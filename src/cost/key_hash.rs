//! A hasher for the short texts pricing looks up (price ids, regions) without a
//! random seed, which the browser build has no source for.

use std::hash::Hasher;

/// A hash of price keys from each text's length and its first and last eight bytes
/// (most ids and regions differ there, and a collision only costs a comparison). Keys
/// are a plan's few dozen price ids and regions, and the map is only looked up, never
/// iterated: its order cannot reach a figure. Unlike the standard library's default
/// hasher it needs no random seed, which the browser build has no source for.
#[derive(Default)]
pub(super) struct KeyHasher(u64);

impl KeyHasher {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.mix(bytes.len() as u64);
        match (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
            (Some(first), Some(last)) => {
                self.mix(u64::from_le_bytes(*first));
                self.mix(u64::from_le_bytes(*last));
            }
            _ => bytes.iter().for_each(|b| self.mix(u64::from(*b))),
        }
    }
}
