//! Per-token string keys shared by the tagger and the parser: hashes of the form, its lower
//! case, prefixes, suffixes and shape, computed once per token without allocating.

use herald_ml::hash::{hash_lower, hash_str, mix};

/// Hashed views of one token.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TokenKeys {
    /// The exact form.
    pub word: u64,
    /// The normalised lower-cased form (numbers collapsed).
    pub lower: u64,
    /// Lower-cased prefixes of 1..=4 characters (the whole word when shorter).
    pub prefix: [u64; 4],
    /// Lower-cased suffixes of 1..=4 characters.
    pub suffix: [u64; 4],
    /// Word shape: `Xx`, `d`, `X.X.` … (runs of one character class collapsed).
    pub shape: u64,
    /// Small bit flags: has digit, hyphen, upper case, all upper, title case.
    pub flags: u64,
}

/// The padding keys before the first and after the last token.
pub(crate) fn pad_keys(name: &str) -> TokenKeys {
    let h = hash_str(name);
    TokenKeys { word: h, lower: h, prefix: [h; 4], suffix: [h; 4], shape: h, flags: 1 << 10 }
}

/// Computes the keys of a word.
pub(crate) fn token_keys(form: &str) -> TokenKeys {
    let mut k = TokenKeys { word: hash_str(form), ..TokenKeys::default() };
    let mut has_digit = false;
    let mut has_hyphen = false;
    let mut has_upper = false;
    let mut has_lower = false;
    let mut numeric = true;
    let mut shape = 0x51u64;
    let mut last_class = 0u64;
    let mut run = 0;
    let mut shape_len = 0;
    let mut n_chars = 0usize;
    for c in form.chars() {
        n_chars += 1;
        let class = if c.is_uppercase() {
            has_upper = true;
            numeric = false;
            'X' as u64
        } else if c.is_lowercase() {
            has_lower = true;
            numeric = false;
            'x' as u64
        } else if c.is_ascii_digit() {
            has_digit = true;
            'd' as u64
        } else {
            if c == '-' {
                has_hyphen = true;
            }
            if !matches!(c, '.' | ',' | '-' | '/' | ':') {
                numeric = false;
            }
            c as u64
        };
        if class == last_class {
            run += 1;
        } else {
            run = 1;
            last_class = class;
        }
        // Keep at most two characters of a run, at most 6 overall.
        if run <= 2 && shape_len < 6 {
            shape = mix(shape, class);
            shape_len += 1;
        }
    }
    k.shape = shape;
    k.lower = if numeric && has_digit {
        if n_chars == 4 && form.bytes().all(|b| b.is_ascii_digit()) {
            hash_str("!YEAR")
        } else {
            hash_str("!NUM")
        }
    } else {
        hash_lower(form)
    };
    let title = form.chars().next().is_some_and(char::is_uppercase);
    k.flags = has_digit as u64
        | (has_hyphen as u64) << 1
        | (has_upper as u64) << 2
        | ((has_upper && !has_lower) as u64) << 3
        | (title as u64) << 4;
    // Prefixes and suffixes over lower-cased characters, hashed incrementally.
    let mut h = 0x77u64;
    for (i, c) in form.chars().take(4).enumerate() {
        h = mix(h, lower_char(c));
        k.prefix[i] = h;
    }
    for i in n_chars.min(4)..4 {
        k.prefix[i] = mix(h, 0xEE);
    }
    // Suffix i: the last i+1 characters, hashed from the end.
    let mut h = 0x99u64;
    for (i, c) in form.chars().rev().take(4).enumerate() {
        h = mix(h, lower_char(c));
        k.suffix[i] = h;
    }
    for i in n_chars.min(4)..4 {
        k.suffix[i] = mix(h, 0xEE);
    }
    k
}

#[inline]
fn lower_char(c: char) -> u64 {
    c.to_lowercase().next().unwrap_or(c) as u64
}
