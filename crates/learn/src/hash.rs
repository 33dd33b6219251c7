//! The hashers: [`FxBuild`] for every lookup table of every model, and FNV-1a
//! ([`fnv1a_extend`]) for NER's feature ids.
//!
//! FNV-1a is not a second table hasher: it is part of the NER model format. The committed NER
//! models store the FNV-1a hash of every feature string, so the features computed at run time
//! must hash to exactly those values (FNV is stable across platforms and releases; std's
//! hasher is not). New models hash features with [`crate::mix`] instead.

use crate::mix;

/// A fast, non-keyed hasher for the model's lookup tables (keys come from
/// the training data; std's SipHash dominated the profile of `segment`).
#[derive(Default, Clone, Copy)]
pub struct FxBuild;

/// State of [`FxBuild`].
pub struct FxHasher(u64);

impl std::hash::BuildHasher for FxBuild {
    type Hasher = FxHasher;
    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.0 = mix(self.0, u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.0 = mix(self.0, u64::from_le_bytes(b) ^ (rest.len() as u64) << 59);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = mix(self.0, i as u64);
    }
    fn write_usize(&mut self, i: usize) {
        self.0 = mix(self.0, i as u64);
    }
    /// Finalized (murmur3 `fmix64`): the multiply-rotate state has weak low
    /// bits, and hash tables index buckets by the low bits; without this, the
    /// UTF-8 lead bytes of Arabic keys piled into a few buckets.
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// A `HashMap` with [`FxBuild`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, FxBuild>;

/// FNV-1a 64-bit offset basis: the start of a [`fnv1a_extend`] chain.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Continues an FNV-1a 64-bit hash over `bytes`.
#[inline]
pub fn fnv1a_extend(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_vectors() {
        assert_eq!(fnv1a_extend(FNV_OFFSET, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a_extend(FNV_OFFSET, b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a_extend(FNV_OFFSET, b"foobar"), 0x8594_4171_f739_67e8);
    }
}
