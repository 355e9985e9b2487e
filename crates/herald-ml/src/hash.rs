//! Feature hashing: a fast, deterministic, non-cryptographic 64-bit hash (FxHash-style
//! multiply-rotate) so that features are built from strings and template ids without
//! allocating.

/// The FxHash multiplier (from rustc's `FxHasher`): odd, with well-spread bits.
const K: u64 = 0x517c_c1b7_2722_0a95;

/// Mixes one 64-bit word into a running hash.
#[inline(always)]
pub fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// A final avalanche so that low bits (used to pick table slots) depend on every input bit.
#[inline(always)]
pub fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// Hashes a byte string (eight bytes at a time).
#[inline]
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = mix(0, bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes(c.try_into().expect("8 bytes")));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(buf));
    }
    h
}

/// Hashes a string.
#[inline]
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// Hashes the lower-cased form of a string without allocating (`char::to_lowercase`, so the
/// result differs from [`hash_str`] of the same text even when it is already lower case).
#[inline]
pub fn hash_lower(s: &str) -> u64 {
    let mut h = 0x9e37_79b9_7f4a_7c15;
    for c in s.chars() {
        for l in c.to_lowercase() {
            h = mix(h, l as u64);
        }
    }
    h
}

/// Combines a feature-template id with up to a few value hashes into one feature key.
///
/// Template ids keep `word=x` and `prev_word=x` apart; the result is never 0 (0 marks an
/// empty slot in [`crate::Weights`]).
#[inline(always)]
pub fn feature(template: u32, values: &[u64]) -> u64 {
    let mut h = mix(0x243f_6a88_85a3_08d3, template as u64);
    for &v in values {
        h = mix(h, v);
    }
    finish(h) | 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_and_values_are_distinguished() {
        let a = hash_str("bank");
        assert_ne!(feature(1, &[a]), feature(2, &[a]));
        assert_ne!(feature(1, &[a, 0]), feature(1, &[0, a]));
        assert_eq!(feature(7, &[a]), feature(7, &[hash_str("bank")]));
        assert_eq!(hash_lower("BaNk"), hash_lower("bank"));
        assert_ne!(hash_bytes(b"abcdefgh1"), hash_bytes(b"abcdefgh2"));
    }
}
