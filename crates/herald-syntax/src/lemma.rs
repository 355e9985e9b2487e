//! The lemmatizer: learned suffix-rewrite rules chosen by (XPOS, longest known suffix), plus
//! an exception table for the seen words the rules get wrong (`went` → `go`).
//!
//! A rule cuts `n` characters off the lower-cased form and appends a string (`studies` →
//! cut 3, add `y`). Case: for tags whose lemmas keep the form's capital (proper nouns), the
//! rule applies to the form as written; otherwise to its lower case.

use std::collections::HashMap;

use herald_ml::conllu::Sentence;
use herald_ml::hash::{hash_lower, hash_str, mix};
use herald_ml::{Decoder, Encoder, IdentityMap, ModelError};

use crate::tagger::{read_map, write_map};

/// The longest suffix (in characters) rules are keyed on.
const MAX_SUFFIX: usize = 5;

/// A suffix rewrite: drop `cut` characters, append `add`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Rule {
    cut: u8,
    add: String,
}

/// Predicts lemmas from (form, XPOS).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Lemmatizer {
    rules: Vec<Rule>,
    /// hash(xpos, lower-cased suffix of k characters) → rule.
    by_suffix: IdentityMap<u32>,
    /// hash(xpos, exact form) → lemma, where the rules are wrong.
    exact: IdentityMap<u32>,
    /// hash(xpos, lower form) → lemma, for capitalised forms of words seen in lower case.
    lower: IdentityMap<u32>,
    lemmas: Vec<String>,
    /// hash(xpos) of the tags whose lemmas keep the form's case.
    keep_case: IdentityMap<()>,
}

fn lower_str(s: &str) -> String {
    s.to_lowercase()
}

/// Hashes of the lower-cased suffixes of 0..=MAX_SUFFIX characters, with the tag mixed in.
fn suffix_keys(form: &str, xpos: u64) -> ([u64; MAX_SUFFIX + 1], usize) {
    let mut keys = [0u64; MAX_SUFFIX + 1];
    let mut h = mix(xpos, 0x5u64);
    keys[0] = h;
    let mut n = 0;
    for c in form.chars().rev().take(MAX_SUFFIX) {
        n += 1;
        h = mix(h, c.to_lowercase().next().unwrap_or(c) as u64);
        keys[n] = h;
    }
    (keys, n)
}

fn apply(rule: &Rule, form: &str) -> Option<String> {
    let n = form.chars().count();
    let cut = rule.cut as usize;
    // Never cut more than the word, and never leave an empty lemma.
    if cut > n || (cut == n && rule.add.is_empty()) {
        return None;
    }
    let keep: String = form.chars().take(n - rule.cut as usize).collect();
    Some(keep + &rule.add)
}

fn rule_for(form_lower: &str, lemma_lower: &str) -> Rule {
    let f: Vec<char> = form_lower.chars().collect();
    let l: Vec<char> = lemma_lower.chars().collect();
    let common = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
    Rule { cut: (f.len() - common).min(255) as u8, add: l[common..].iter().collect() }
}

impl Lemmatizer {
    /// The lemma of `form` tagged `xpos`.
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        let xh = hash_str(xpos);
        if let Some(&i) = self.exact.get(&mix(xh, hash_str(form))) {
            return self.lemmas[i as usize].clone();
        }
        let keep_case = self.keep_case.contains_key(&xh);
        if !keep_case && form.chars().any(char::is_uppercase) {
            if let Some(&i) = self.lower.get(&mix(xh, hash_lower(form))) {
                return self.lemmas[i as usize].clone();
            }
        }
        self.by_rule(form, xh, keep_case)
    }

    fn by_rule(&self, form: &str, xh: u64, keep_case: bool) -> String {
        let base = if keep_case { form.to_string() } else { lower_str(form) };
        let (keys, n) = suffix_keys(form, xh);
        for k in (0..=n).rev() {
            if let Some(&r) = self.by_suffix.get(&keys[k]) {
                if let Some(l) = apply(&self.rules[r as usize], &base) {
                    return l;
                }
            }
        }
        base
    }

    /// Learns rules and exceptions from the words of `sents`.
    pub(crate) fn train(sents: &[&Sentence]) -> Lemmatizer {
        // Majority lemma per (form, xpos) type, counted over tokens.
        let mut types: HashMap<(&str, &str), HashMap<&str, u32>> = HashMap::new();
        for s in sents {
            for w in &s.words {
                if w.lemma == "_" {
                    continue;
                }
                *types.entry((&w.form, &w.xpos)).or_default().entry(&w.lemma).or_default() += 1;
            }
        }
        let mut typed: Vec<(&str, &str, &str, u32)> = types
            .iter()
            .map(|(&(f, x), c)| {
                let (&l, _) =
                    c.iter().max_by_key(|(l, n)| (**n, std::cmp::Reverse(**l))).expect("non-empty");
                (f, x, l, c.values().sum())
            })
            .collect();
        typed.sort_unstable();

        // Case: per tag, how often a capitalised form keeps its capital in the lemma.
        let mut case_votes: HashMap<&str, (u32, u32)> = HashMap::new();
        for &(f, x, l, n) in &typed {
            if f.chars().next().is_some_and(char::is_uppercase) {
                let v = case_votes.entry(x).or_default();
                if l.chars().next().is_some_and(char::is_uppercase) {
                    v.0 += n;
                } else {
                    v.1 += n;
                }
            }
        }
        let mut lem = Lemmatizer::default();
        for (x, (keep, lower)) in &case_votes {
            if keep > lower {
                lem.keep_case.insert(hash_str(x), ());
            }
        }

        // Rule counts per (xpos, suffix), over types.
        let mut counts: HashMap<u64, HashMap<Rule, u32>> = HashMap::new();
        for &(f, x, l, _) in &typed {
            let xh = hash_str(x);
            let keep = lem.keep_case.contains_key(&xh);
            let rule = if keep { rule_for(f, l) } else { rule_for(&lower_str(f), &lower_str(l)) };
            let (keys, n) = suffix_keys(f, xh);
            for key in &keys[..=n] {
                *counts.entry(*key).or_default().entry(rule.clone()).or_default() += 1;
            }
        }
        let mut rule_ids: HashMap<Rule, u32> = HashMap::new();
        let mut chosen: Vec<(u64, Rule)> = counts
            .into_iter()
            .filter_map(|(key, c)| {
                let total: u32 = c.values().sum();
                let (r, _) = c.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
                (total >= 2).then_some((key, r))
            })
            .collect();
        chosen.sort_unstable();
        for (key, r) in chosen {
            let next = rule_ids.len() as u32;
            let id = *rule_ids.entry(r.clone()).or_insert_with(|| {
                lem.rules.push(r);
                next
            });
            lem.by_suffix.insert(key, id);
        }
        // Suffix keys seen once still need a fallback: the tag's default (k = 0) is kept above
        // when the tag was seen at least twice.

        // Exceptions: seen types the rules get wrong.
        let mut lemma_ids: HashMap<String, u32> = HashMap::new();
        let mut intern = |lem: &mut Lemmatizer, s: &str| -> u32 {
            if let Some(&i) = lemma_ids.get(s) {
                return i;
            }
            lem.lemmas.push(s.to_string());
            lemma_ids.insert(s.to_string(), lem.lemmas.len() as u32 - 1);
            lem.lemmas.len() as u32 - 1
        };
        let mut lower_types: HashMap<(String, &str), HashMap<String, u32>> = HashMap::new();
        for &(f, x, l, n) in &typed {
            let xh = hash_str(x);
            let keep = lem.keep_case.contains_key(&xh);
            if lem.by_rule(f, xh, keep) != l {
                let i = intern(&mut lem, l);
                lem.exact.insert(mix(xh, hash_str(f)), i);
            }
            *lower_types.entry((lower_str(f), x)).or_default().entry(lower_str(l)).or_default() +=
                n;
        }
        let mut lower_list: Vec<_> = lower_types
            .into_iter()
            .map(|((f, x), c)| {
                let (l, _) = c
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                    .expect("non-empty");
                (f, x, l)
            })
            .collect();
        lower_list.sort_unstable();
        for (f, x, l) in lower_list {
            let xh = hash_str(x);
            if lem.keep_case.contains_key(&xh) {
                continue;
            }
            if lem.by_rule(&f, xh, false) != l {
                let i = intern(&mut lem, &l);
                lem.lower.insert(mix(xh, hash_lower(&f)), i);
            }
        }
        lem
    }

    pub(crate) fn write(&self, enc: &mut Encoder) {
        enc.varint(self.rules.len() as u64);
        for r in &self.rules {
            enc.u8(r.cut);
            enc.str(&r.add);
        }
        enc.strs(&self.lemmas);
        write_map(enc, &self.by_suffix, |e, v| e.varint(*v as u64));
        write_map(enc, &self.exact, |e, v| e.varint(*v as u64));
        write_map(enc, &self.lower, |e, v| e.varint(*v as u64));
        write_map(enc, &self.keep_case, |_, _| {});
    }

    pub(crate) fn read(dec: &mut Decoder) -> Result<Lemmatizer, ModelError> {
        dec.section("lemma rules");
        let n = dec.length()?;
        let mut rules = Vec::with_capacity(n);
        for _ in 0..n {
            let cut = dec.u8()?;
            let add = dec.string()?;
            rules.push(Rule { cut, add });
        }
        dec.section("lemmas");
        let lemmas = dec.strings()?;
        let (nr, nl) = (rules.len() as u64, lemmas.len() as u64);
        let index = |d: &mut Decoder, n: u64| -> Result<u32, ModelError> {
            let i = d.varint()?;
            if i >= n {
                return Err(d.corrupt(format!("index {i} of {n}")));
            }
            Ok(i as u32)
        };
        dec.section("lemma suffix table");
        let by_suffix = read_map(dec, |d| index(d, nr))?;
        dec.section("lemma exceptions");
        let exact = read_map(dec, |d| index(d, nl))?;
        let lower = read_map(dec, |d| index(d, nl))?;
        dec.section("lemma case table");
        let keep_case = read_map(dec, |_| Ok(()))?;
        Ok(Lemmatizer { rules, by_suffix, exact, lower, lemmas, keep_case })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_rewrite_suffixes() {
        let r = rule_for("studies", "study");
        assert_eq!(r, Rule { cut: 3, add: "y".into() });
        assert_eq!(apply(&r, "babies").as_deref(), Some("baby"));
        assert_eq!(apply(&Rule { cut: 0, add: String::new() }, "x").as_deref(), Some("x"));
        assert_eq!(apply(&Rule { cut: 3, add: String::new() }, "abc"), None);
    }
}
