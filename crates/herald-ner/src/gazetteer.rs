//! Gazetteers: compact hashed matchers of multi-token names (places, countries,
//! demonyms, actor names), stored inside the NER model file (herald-ml's container).
//!
//! A name is stored as the hash of its lower-cased tokens, folded to 32 bits, with two bytes
//! of category bits; every proper prefix of a multi-token name is stored too (with the
//! [`PREFIX`] bit) so that matching can stop as soon as no name continues. Names written
//! in capitals (`UN`, `USA`) are stored under a case-sensitive key and only match
//! tokens written the same way, so that "It" never matches Italy's code `IT`.
//!
//! No source text is kept: only hashes and category bits, so the table cannot be turned
//! back into the source lists (GeoNames, mledoze/countries, PETRARCH2 dictionaries).

use std::collections::BTreeMap;

use herald_ml::hash::{hash_lower, hash_str, mix};
use herald_ml::{Decoder, Encoder, ModelError};

/// Category: a populated place (GeoNames cities).
pub const CITY: Bits = 1 << 0;
/// Category: a first-level administrative division (state, province).
pub const ADMIN1: Bits = 1 << 1;
/// Category: a country name or common alternative spelling.
pub const COUNTRY: Bits = 1 << 2;
/// Category: a demonym / nationality adjective ("French", "Americans").
pub const DEMONYM: Bits = 1 << 3;
/// Category: a person in the actor dictionaries.
pub const ACTOR_PER: Bits = 1 << 4;
/// Category: an organisation or armed group in the actor dictionaries.
pub const ACTOR_ORG: Bits = 1 << 5;
/// Category: a one-token word that training text often writes in lower case ("the",
/// "split"): tells a capitalised sentence-initial word from a name.
pub const COMMON: Bits = 1 << 14;
/// Flag: a word of a role or title ("minister", "secretary", "general") from the
/// PETRARCH2 agent dictionary; not a feature, it trims titles off person names.
pub const TITLE: Bits = 1 << 8;
/// Bit: the key is a proper prefix of a longer name.
pub const PREFIX: Bits = 1 << 15;
/// Category: a given name (first word of a person's name in the actor dictionaries).
pub const GIVEN: Bits = 1 << 6;
/// Category: a family name (last word of a person's name in the actor dictionaries).
pub const SURNAME: Bits = 1 << 7;
/// Number of name categories (bits 0..8; [`COMMON`] is a word flag, not a name category).
pub const CATEGORIES: usize = 8;

/// The category and flag bits of a gazetteer key.
pub type Bits = u16;
/// Longest name, in tokens, that a gazetteer stores.
pub const MAX_TOKENS: usize = 6;

const SEED_LOWER: u64 = 0x6a09_e667_f3bc_c908;
const SEED_EXACT: u64 = 0xbb67_ae85_84ca_a73b;

/// A compiled gazetteer: sorted 32-bit keys with one byte of bits each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gazetteer {
    keys: Vec<u32>,
    vals: Vec<Bits>,
}

/// One match: tokens `[start, end)` of a sentence carry the category bits `cats`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GazMatch {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Category bits (no [`PREFIX`] bit).
    pub cats: Bits,
}

fn fold(h: u64) -> u32 {
    let h = herald_ml::hash::finish(h);
    (h ^ (h >> 32)) as u32
}

/// True when the token has no lower-case letter and at least one upper-case one.
pub(crate) fn is_upper(tok: &str) -> bool {
    tok.chars().any(char::is_uppercase) && !tok.chars().any(char::is_lowercase)
}

impl Gazetteer {
    /// Number of stored keys (names and prefixes).
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    fn get(&self, key: u32) -> Option<Bits> {
        self.keys.binary_search(&key).ok().map(|i| self.vals[i])
    }

    /// The category bits of a one-token name or word (0 when not stored).
    pub fn word_bits(&self, token: &str) -> Bits {
        let lower = self.get(fold(mix(SEED_LOWER, hash_lower(token)))).unwrap_or(0);
        let exact = if is_upper(token) {
            self.get(fold(mix(SEED_EXACT, hash_str(token)))).unwrap_or(0)
        } else {
            0
        };
        (lower | exact) & !PREFIX
    }

    /// All matches in a sentence, given each token's [`hash_lower`] and its text.
    /// Matches may overlap; every (start, end) pair appears at most once.
    pub fn find(&self, tokens: &[&str], lower: &[u64], out: &mut Vec<GazMatch>) {
        out.clear();
        if self.keys.is_empty() {
            return;
        }
        for i in 0..tokens.len() {
            let mut hl = SEED_LOWER;
            let mut he = SEED_EXACT;
            let mut exact_ok = true;
            let mut lower_ok = true;
            for j in i..tokens.len().min(i + MAX_TOKENS) {
                let mut cats: Bits = 0;
                let mut more = false;
                if lower_ok {
                    hl = mix(hl, lower[j]);
                    match self.get(fold(hl)) {
                        Some(v) => {
                            cats |= v & !PREFIX;
                            more |= v & PREFIX != 0;
                        }
                        None => lower_ok = false,
                    }
                }
                if exact_ok && is_upper(tokens[j]) {
                    he = mix(he, hash_str(tokens[j]));
                    if let Some(v) = self.get(fold(he)) {
                        cats |= v & !PREFIX;
                        more |= v & PREFIX != 0;
                    } else {
                        exact_ok = false;
                    }
                } else {
                    exact_ok = false;
                }
                if cats != 0 {
                    out.push(GazMatch { start: i, end: j + 1, cats });
                }
                if !more || (!lower_ok && !exact_ok) {
                    break;
                }
            }
        }
    }

    /// Appends the gazetteer to a model file: the key count, then the sorted keys as
    /// varint deltas (about two bytes each), then two bytes of bits per key.
    pub fn write(&self, enc: &mut Encoder) {
        enc.u64(self.keys.len() as u64);
        let mut prev = 0u32;
        for &k in &self.keys {
            enc.varint((k - prev) as u64);
            prev = k;
        }
        for &v in &self.vals {
            enc.u16(v);
        }
    }

    /// Reads a gazetteer written by [`Gazetteer::write`], checking that keys are strictly
    /// increasing and fit in 32 bits.
    pub fn read(dec: &mut Decoder) -> Result<Gazetteer, ModelError> {
        dec.section("gazetteer");
        let n = dec.u64()?;
        if n > dec.remaining() as u64 {
            return Err(dec.corrupt(format!("{n} keys in {} bytes", dec.remaining())));
        }
        let n = n as usize;
        let mut keys = Vec::with_capacity(n);
        let mut prev = 0u64;
        for i in 0..n {
            let d = dec.varint()?;
            let k = prev.checked_add(d).filter(|&k| k <= u32::MAX as u64);
            match k {
                Some(k) if i == 0 || d > 0 => {
                    keys.push(k as u32);
                    prev = k;
                }
                _ => return Err(dec.corrupt("keys not increasing")),
            }
        }
        let mut vals = Vec::with_capacity(n);
        for _ in 0..n {
            vals.push(dec.u16()?);
        }
        Ok(Gazetteer { keys, vals })
    }
}

/// Collects names and compiles them into a [`Gazetteer`].
#[derive(Debug, Default)]
pub struct GazetteerBuilder {
    entries: BTreeMap<u32, Bits>,
    names: usize,
}

/// Splits a name into tokens the way news tokenizers do: on whitespace, with a trailing
/// comma or closing bracket split off.
pub fn name_tokens(name: &str) -> Vec<String> {
    name.split_whitespace()
        .map(|t| t.trim_matches(|c| matches!(c, ',' | '(' | ')' | '"')).to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

impl GazetteerBuilder {
    /// An empty builder.
    pub fn new() -> GazetteerBuilder {
        GazetteerBuilder::default()
    }

    /// Number of names added.
    pub fn names(&self) -> usize {
        self.names
    }

    /// Adds a name with category bits `cats`. Hyphenated names are also added with the
    /// hyphen as a token of its own ("Guinea - Bissau"), as some treebanks split them.
    pub fn add(&mut self, name: &str, cats: Bits) {
        let toks = name_tokens(name);
        if toks.is_empty() || toks.len() > MAX_TOKENS {
            return;
        }
        self.add_tokens(&toks, cats);
        if toks.iter().any(|t| t.len() > 1 && t.contains('-')) {
            let split: Vec<String> = toks
                .iter()
                .flat_map(|t| {
                    let parts: Vec<&str> = t.split('-').collect();
                    let mut v = Vec::new();
                    for (k, p) in parts.iter().enumerate() {
                        if k > 0 {
                            v.push("-".to_string());
                        }
                        if !p.is_empty() {
                            v.push(p.to_string());
                        }
                    }
                    v
                })
                .collect();
            if split.len() <= MAX_TOKENS {
                self.add_tokens(&split, cats);
            }
        }
    }

    fn add_tokens(&mut self, toks: &[String], cats: Bits) {
        self.names += 1;
        let exact = toks.len() <= 2 && toks.iter().all(|t| is_upper(t)) && toks[0].len() <= 5;
        let mut h = if exact { SEED_EXACT } else { SEED_LOWER };
        for (k, t) in toks.iter().enumerate() {
            h = mix(h, if exact { hash_str(t) } else { hash_lower(t) });
            let bits = if k + 1 == toks.len() { cats } else { PREFIX };
            *self.entries.entry(fold(h)).or_insert(0) |= bits;
        }
    }

    /// Compiles the names added so far.
    pub fn build(self) -> Gazetteer {
        let (keys, vals) = self.entries.into_iter().unzip();
        Gazetteer { keys, vals }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(g: &Gazetteer, s: &str) -> Vec<(usize, usize, Bits)> {
        let toks: Vec<&str> = s.split(' ').collect();
        let lower: Vec<u64> = toks.iter().map(|t| hash_lower(t)).collect();
        let mut out = Vec::new();
        g.find(&toks, &lower, &mut out);
        out.into_iter().map(|m| (m.start, m.end, m.cats)).collect()
    }

    #[test]
    fn multi_token_and_case() {
        let mut b = GazetteerBuilder::new();
        b.add("New York", CITY);
        b.add("York", CITY);
        b.add("IT", COUNTRY);
        b.add("Guinea-Bissau", COUNTRY);
        let g = b.build();
        assert_eq!(matches(&g, "in new York now"), vec![(1, 3, CITY), (2, 3, CITY)]);
        assert_eq!(matches(&g, "It is IT"), vec![(2, 3, COUNTRY)]);
        assert_eq!(matches(&g, "Guinea - Bissau"), vec![(0, 3, COUNTRY)]);
        assert_eq!(round_trip(&g).unwrap(), g);
    }

    fn round_trip(g: &Gazetteer) -> Result<Gazetteer, ModelError> {
        let mut enc = Encoder::new("gaz-test", 1);
        g.write(&mut enc);
        let mut bytes = Vec::new();
        enc.finish(&mut bytes)?;
        let (mut dec, _) = Decoder::open(&bytes[..], "gaz-test", 1)?;
        Gazetteer::read(&mut dec)
    }

    #[test]
    fn bad_bytes_are_errors() {
        let mut enc = Encoder::new("gaz-test", 1);
        enc.u64(1 << 40); // claims far more keys than present
        let mut bytes = Vec::new();
        enc.finish(&mut bytes).unwrap();
        let (mut dec, _) = Decoder::open(&bytes[..], "gaz-test", 1).unwrap();
        assert!(Gazetteer::read(&mut dec).is_err());
    }
}
