//! Feature extraction: every token gets ~40 hashed `u64` features (see
//! [`herald_ml::hash::feature`]) from its word, shape, affixes, a ±2 window and gazetteer
//! matches, plus a few conjoined with the previous label.
//!
//! Work that does not depend on the labels is done once per sentence ([`Prepared`]);
//! the previous-label features ([`Prepared::label_features`]) are built per lattice cell
//! by the Viterbi decoder.

use herald_ml::hash::{feature, hash_lower, hash_str, mix};

use crate::gazetteer::{GazMatch, Gazetteer, CATEGORIES, COMMON};

// Template ids. Changing one changes every feature key: bump the model version.
const T_BIAS: u32 = 0;
const T_W: u32 = 1;
const T_WEXACT: u32 = 2;
const T_SHAPE: u32 = 3;
const T_PRE: u32 = 4; // 4..=6
const T_SUF: u32 = 7; // 7..=10
                      // Affixes are pushed in one loop: suffix templates follow the three prefix ones.
const _: () = assert!(T_SUF == T_PRE + 3);
const T_WM1: u32 = 11;
const T_WP1: u32 = 12;
const T_WM2: u32 = 13;
const T_WP2: u32 = 14;
const T_SHM1: u32 = 15;
const T_SHP1: u32 = 16;
const T_SH3: u32 = 17;
const T_WM1W: u32 = 18;
const T_WWP1: u32 = 19;
const T_FIRST: u32 = 20;
const T_L1: u32 = 21;
// 22 was the second-order label feature of the greedy decoder (model version 2).
const T_L1W: u32 = 23;
const T_L1SH: u32 = 24;
const T_GAZ: u32 = 25;
const T_GAZM1: u32 = 26;
const T_GAZP1: u32 = 27;
const T_GAZSH: u32 = 28;
const T_COMMON: u32 = 29;
const T_FLAGS: u32 = 30;
const T_WM1SH: u32 = 31;
const T_SHWP1: u32 = 32;
const T_L1GAZ: u32 = 33;

/// Value hashes standing for the positions before the first and after the last token.
const BOS: u64 = 0x0b05_0b05_0b05_0b05;
const EOS: u64 = 0x0e05_0e05_0e05_0e05;

/// The label-independent features of one sentence, computed once and reused.
#[derive(Default)]
pub(crate) struct Prepared {
    n: usize,
    lower: Vec<u64>,
    exact: Vec<u64>,
    shape: Vec<u64>,
    affix: Vec<[u64; 7]>,
    flags: Vec<u64>,
    common: Vec<bool>,
    /// Per token: one bit per (category, BILOU part) of the longest gazetteer match of
    /// that category covering the token.
    gaz: Vec<u32>,
    matches: Vec<GazMatch>,
    lower_buf: String,
}

/// Hash of the word shape with runs collapsed: "Hartmann" → `Xx`, "U.N." → `X.X.`,
/// "1990s" → `dx`.
fn shape(tok: &str) -> u64 {
    let mut h = 0x5a5a_u64;
    let mut last = '\0';
    let mut n = 0;
    for c in tok.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if k != last {
            h = mix(h, k as u64);
            last = k;
            n += 1;
            if n > 6 {
                break;
            }
        }
    }
    h
}

fn flags(tok: &str) -> u64 {
    let len = tok.chars().count().min(8) as u64;
    let digit = tok.bytes().any(|b| b.is_ascii_digit()) as u64;
    let hyphen = tok.contains('-') as u64;
    let upper = crate::gazetteer::is_upper(tok) as u64;
    let period = tok.contains('.') as u64;
    len | digit << 4 | hyphen << 5 | upper << 6 | period << 7
}

impl Prepared {
    /// Computes the label-independent parts for `tokens`.
    pub(crate) fn prepare(&mut self, tokens: &[&str], gaz: &Gazetteer) {
        let n = tokens.len();
        self.n = n;
        self.lower.clear();
        self.exact.clear();
        self.shape.clear();
        self.affix.clear();
        self.flags.clear();
        self.common.clear();
        self.gaz.clear();
        self.gaz.resize(n, 0);
        for &t in tokens {
            self.lower.push(hash_lower(t));
            self.exact.push(hash_str(t));
            self.shape.push(shape(t));
            self.flags.push(flags(t));
            self.lower_buf.clear();
            self.lower_buf.extend(t.chars().flat_map(char::to_lowercase));
            let lb = &self.lower_buf;
            let mut a = [0u64; 7];
            let mut ends =
                lb.char_indices().map(|c| c.0).skip(1).chain(std::iter::repeat(lb.len()));
            for slot in a.iter_mut().take(3) {
                *slot = hash_str(&lb[..ends.next().unwrap_or(lb.len())]);
            }
            let mut starts = lb.char_indices().rev().map(|c| c.0).chain(std::iter::repeat(0));
            for slot in a.iter_mut().skip(3) {
                *slot = hash_str(&lb[starts.next().unwrap_or(0)..]);
            }
            self.affix.push(a);
        }
        gaz.find(tokens, &self.lower, &mut self.matches);
        self.common.resize(n, false);
        // Longest match first, so that each token keeps the longest match per category.
        self.matches.sort_by_key(|m| (std::cmp::Reverse(m.end - m.start), m.start));
        let mut seen: Vec<crate::gazetteer::Bits> = vec![0; n];
        for m in &self.matches {
            if m.cats & COMMON != 0 && m.end - m.start == 1 {
                self.common[m.start] = true;
            }
            for c in 0..CATEGORIES {
                let bit: crate::gazetteer::Bits = 1 << c;
                if m.cats & bit == 0 || (m.start..m.end).any(|i| seen[i] & bit != 0) {
                    continue;
                }
                for (i, s) in seen.iter_mut().enumerate().take(m.end).skip(m.start) {
                    *s |= bit;
                    let part = if m.end - m.start == 1 {
                        3
                    } else if i == m.start {
                        0
                    } else if i + 1 == m.end {
                        2
                    } else {
                        1
                    };
                    self.gaz[i] |= 1 << (c * 4 + part);
                }
            }
        }
    }

    /// The gazetteer bits of token `i` (bit `category * 4 + part`, parts B, I, L, U).
    pub(crate) fn gaz_bits(&self, i: usize) -> u32 {
        self.gaz[i]
    }

    fn lower_at(&self, i: isize) -> u64 {
        if i < 0 {
            BOS
        } else if i as usize >= self.n {
            EOS
        } else {
            self.lower[i as usize]
        }
    }

    fn shape_at(&self, i: isize) -> u64 {
        if i < 0 {
            BOS
        } else if i as usize >= self.n {
            EOS
        } else {
            self.shape[i as usize]
        }
    }

    fn gaz_at(&self, i: isize) -> u32 {
        if i < 0 || i as usize >= self.n {
            0
        } else {
            self.gaz[i as usize]
        }
    }

    /// The features of token `i` that do not depend on labels.
    pub(crate) fn static_features(&self, i: usize, out: &mut Vec<u64>) {
        out.clear();
        let mut push = |t: u32, v: &[u64]| out.push(feature(t, v));
        let s = i as isize;
        let w = self.lower[i];
        let sh = self.shape[i];
        push(T_BIAS, &[]);
        push(T_W, &[w]);
        push(T_WEXACT, &[self.exact[i]]);
        push(T_SHAPE, &[sh]);
        let a = &self.affix[i];
        for (k, &v) in a.iter().enumerate() {
            // a[0..3] are prefixes (templates T_PRE..), a[3..7] suffixes (T_SUF..).
            push(T_PRE + k as u32, &[v]);
        }
        let (wm1, wp1) = (self.lower_at(s - 1), self.lower_at(s + 1));
        let (shm1, shp1) = (self.shape_at(s - 1), self.shape_at(s + 1));
        push(T_WM1, &[wm1]);
        push(T_WP1, &[wp1]);
        push(T_WM2, &[self.lower_at(s - 2)]);
        push(T_WP2, &[self.lower_at(s + 2)]);
        push(T_SHM1, &[shm1]);
        push(T_SHP1, &[shp1]);
        push(T_SH3, &[shm1, sh, shp1]);
        push(T_WM1W, &[wm1, w]);
        push(T_WWP1, &[w, wp1]);
        push(T_WM1SH, &[wm1, sh]);
        push(T_SHWP1, &[sh, wp1]);
        push(T_FIRST, &[(i == 0) as u64, sh]);
        push(T_FLAGS, &[self.flags[i]]);
        push(T_COMMON, &[self.common[i] as u64, (i == 0) as u64, sh]);
        let g = self.gaz[i];
        let mut bits = g;
        while bits != 0 {
            let b = bits.trailing_zeros() as u64;
            bits &= bits - 1;
            push(T_GAZ, &[b]);
            push(T_GAZSH, &[b, sh]);
        }
        for (t, g) in [(T_GAZM1, self.gaz_at(s - 1)), (T_GAZP1, self.gaz_at(s + 1))] {
            let mut bits = g;
            while bits != 0 {
                let b = bits.trailing_zeros() as u64;
                bits &= bits - 1;
                push(t, &[b]);
            }
        }
    }
}

impl Prepared {
    /// The features of token `i` that depend on the previous label `l1` (first order).
    pub(crate) fn label_features(&self, i: usize, l1: u16, out: &mut Vec<u64>) {
        out.clear();
        let l1 = l1 as u64;
        out.push(feature(T_L1, &[l1]));
        out.push(feature(T_L1W, &[l1, self.lower[i]]));
        out.push(feature(T_L1SH, &[l1, self.shape[i]]));
        let mut bits = self.gaz[i];
        while bits != 0 {
            let b = bits.trailing_zeros() as u64;
            bits &= bits - 1;
            out.push(feature(T_L1GAZ, &[l1, b]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("Hartmann"), shape("Petrov"));
        assert_ne!(shape("Hartmann"), shape("UN"));
        assert_eq!(shape("U.N."), shape("E.U."));
    }

    #[test]
    fn features_are_stable() {
        let mut p = Prepared::default();
        let toks = ["Mr", "Smith", "went", "to", "Paris"];
        p.prepare(&toks, &Gazetteer::default());
        let mut a = Vec::new();
        let mut b = Vec::new();
        p.static_features(1, &mut a);
        p.static_features(1, &mut b);
        assert_eq!(a, b);
        assert!(a.len() > 20, "{} static features", a.len());
        p.label_features(1, 3, &mut b);
        assert!(b.iter().all(|f| !a.contains(f)));
    }
}
