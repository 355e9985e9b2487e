//! The labelled dependency parser: arc-hybrid transitions (Kuhlmann et al. 2011) scored by an
//! averaged perceptron with the Zhang & Nivre (2011) rich feature set adapted to arc-hybrid,
//! trained with the dynamic oracle of Goldberg & Nivre (2013) and decoded greedily.
//!
//! Configuration: a stack starting with the artificial ROOT (index 0) and a buffer of words
//! `1..=n`. SHIFT pushes the buffer front `b0`; LEFT-l makes `b0` the head of the stack top
//! `s0` and pops it; RIGHT-l makes `s1` the head of `s0` and pops it. RIGHT onto ROOT is only
//! allowed as the very last transition, so every sentence gets exactly one root; the oracle's
//! costs are arc-decomposable, so non-projective training trees need no preprocessing (their
//! crossing arcs simply cost what they cost).
//!
//! Optionally ([`ParserConfig::beam`]), the parser is trained globally and decodes with a beam
//! (see `beam.rs`); the greedy parser is the default.

mod beam;

use std::collections::HashMap;

use herald_ml::conllu::Sentence;
use herald_ml::hash::{feature, hash_lower, hash_str, mix};
use herald_ml::{argmax, Decoder, Encoder, Interner, ModelError, Perceptron, Prune, Rng, Weights};

use crate::Progress;

/// A dependency relation label: an index into the parser's label table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DepLabel(pub u16);

/// One word's attachment: its head (0 = root) and relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arc {
    /// Head word, 1-based; 0 for the sentence root.
    pub head: u32,
    /// Relation to the head.
    pub label: DepLabel,
}

/// Training settings for [`crate::train_parser`].
#[derive(Clone, Debug)]
pub struct ParserConfig {
    /// Passes over the training data.
    pub epochs: usize,
    /// Shuffling and exploration seed.
    pub seed: u64,
    /// From the second epoch on, follow the model's own (possibly wrong) transition with
    /// this probability, so that it learns to recover from its mistakes.
    pub explore: f64,
    /// Relations seen fewer times are reduced to their universal part (`obl:npmod` → `obl`).
    pub min_label_count: u32,
    /// Pruning of the final weights.
    pub prune: Prune,
    /// Train on tags predicted by taggers trained on the other folds (jackknifing), so the
    /// parser learns from the kind of tags it will see; 0 or 1 = gold tags.
    pub jackknife: usize,
    /// Beam width: 0 or 1 = greedy decoding trained with the dynamic oracle (the default);
    /// k ≥ 2 = beam search of width k, trained globally (structured perceptron with
    /// max-violation updates; `explore` is then unused). The width is stored in the model.
    pub beam: usize,
}

impl Default for ParserConfig {
    fn default() -> Self {
        ParserConfig {
            epochs: 12,
            seed: 1,
            explore: 0.9,
            min_label_count: 20,
            prune: Prune { min_abs: 0.05, min_updates: 2 },
            jackknife: 4,
            beam: 1,
        }
    }
}

/// A trained dependency parser.
#[derive(Clone, Debug, PartialEq)]
pub struct Parser {
    labels: Interner,
    root: u16,
    weights: Weights,
    /// Beam width used by [`Parser::parse`]; 1 = greedy.
    beam: u16,
    /// Beam decoding keeps only candidates within this score of the best (∞: all k).
    margin: f32,
}

const SHIFT: usize = 0;

/// The word and tag keys of ROOT, the words, and the NONE sentinel (index n + 1).
struct Tokens {
    word: Vec<u64>,
    tag: Vec<u64>,
}

/// The lower-cased, number-normalised word key used by the parser.
fn word_key(form: &str) -> u64 {
    let mut digit = false;
    let numeric = form.chars().all(|c| {
        digit |= c.is_ascii_digit();
        c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '/' | ':')
    });
    if numeric && digit {
        hash_str("!NUM")
    } else {
        hash_lower(form)
    }
}

/// The tag key of an (XPOS, UPOS) pair.
fn tag_key(xpos: &str, upos: &str) -> u64 {
    mix(hash_str(xpos), hash_str(upos))
}

impl Tokens {
    fn new(forms: &[&str], xpos: &[&str], upos: &[&str]) -> Tokens {
        let n = forms.len();
        let mut word = Vec::with_capacity(n + 2);
        let mut tag = Vec::with_capacity(n + 2);
        word.push(hash_str("<ROOT>"));
        tag.push(hash_str("<ROOT>"));
        for i in 0..n {
            word.push(word_key(forms[i]));
            tag.push(tag_key(xpos[i], upos[i]));
        }
        word.push(hash_str("<NONE>"));
        tag.push(hash_str("<NONE>"));
        Tokens { word, tag }
    }
}

/// A parser configuration plus the partial tree built so far.
#[derive(Clone)]
struct State {
    n: u32,
    none: u32,
    stack: Vec<u32>,
    /// Buffer front (1-based); `n + 1` when the buffer is empty.
    b: u32,
    head: Vec<u32>,
    label: Vec<u16>,
    l1: Vec<u32>,
    l2: Vec<u32>,
    r1: Vec<u32>,
    r2: Vec<u32>,
    nl: Vec<u16>,
    nr: Vec<u16>,
    lset: Vec<u64>,
    rset: Vec<u64>,
    no_label: u16,
}

impl State {
    fn new(n: usize, n_labels: usize) -> State {
        let n = n as u32;
        let none = n + 1;
        let len = n as usize + 2;
        let mut stack = Vec::with_capacity(len);
        stack.push(0);
        State {
            n,
            none,
            stack,
            b: 1,
            head: vec![none; len],
            label: vec![n_labels as u16; len],
            l1: vec![none; len],
            l2: vec![none; len],
            r1: vec![none; len],
            r2: vec![none; len],
            nl: vec![0; len],
            nr: vec![0; len],
            lset: vec![0; len],
            rset: vec![0; len],
            no_label: n_labels as u16,
        }
    }

    fn terminal(&self) -> bool {
        self.b > self.n && self.stack.len() == 1
    }

    #[inline]
    fn s(&self, k: usize) -> u32 {
        let len = self.stack.len();
        if k < len {
            self.stack[len - 1 - k]
        } else {
            self.none
        }
    }

    #[inline]
    fn buf(&self, k: u32) -> u32 {
        if self.b + k <= self.n {
            self.b + k
        } else {
            self.none
        }
    }

    fn can_shift(&self) -> bool {
        self.b <= self.n
    }
    fn can_left(&self) -> bool {
        self.stack.len() >= 2 && self.b <= self.n
    }
    fn can_right(&self) -> bool {
        self.stack.len() >= 2 && (self.s(1) != 0 || (self.b > self.n && self.stack.len() == 2))
    }

    fn add_arc(&mut self, h: u32, d: u32, l: u16) {
        let (hu, du) = (h as usize, d as usize);
        self.head[du] = h;
        self.label[du] = l;
        let none = self.none;
        if d < h {
            if self.l1[hu] == none || d < self.l1[hu] {
                self.l2[hu] = self.l1[hu];
                self.l1[hu] = d;
            } else if self.l2[hu] == none || d < self.l2[hu] {
                self.l2[hu] = d;
            }
            self.nl[hu] += 1;
            self.lset[hu] |= 1 << (l % 64);
        } else {
            if self.r1[hu] == none || d > self.r1[hu] {
                self.r2[hu] = self.r1[hu];
                self.r1[hu] = d;
            } else if self.r2[hu] == none || d > self.r2[hu] {
                self.r2[hu] = d;
            }
            self.nr[hu] += 1;
            self.rset[hu] |= 1 << (l % 64);
        }
    }

    /// Applies class `c` (which must be valid) for `n_labels` labels.
    fn apply(&mut self, c: usize, n_labels: usize) {
        if c == SHIFT {
            self.stack.push(self.b);
            self.b += 1;
        } else if c <= n_labels {
            let s0 = self.stack.pop().expect("valid LEFT");
            self.add_arc(self.b, s0, (c - 1) as u16);
        } else {
            let s0 = self.stack.pop().expect("valid RIGHT");
            let s1 = *self.stack.last().expect("valid RIGHT");
            self.add_arc(s1, s0, (c - 1 - n_labels) as u16);
        }
    }

    /// Features of the current configuration.
    fn features(&self, t: &Tokens, out: &mut Vec<u64>) {
        out.clear();
        let (s0, s1, s2) = (self.s(0), self.s(1), self.s(2));
        let (b0, b1, b2) = (self.buf(0), self.buf(1), self.buf(2));
        let w = |i: u32| t.word[i as usize];
        let p = |i: u32| t.tag[i as usize];
        let none = self.none;
        let child = |v: &Vec<u32>, i: u32| if i == none { none } else { v[i as usize] };
        let lab = |i: u32| {
            if i == none {
                self.no_label as u64 + 1
            } else {
                self.label[i as usize] as u64
            }
        };
        let (s0l1, s0l2, s0r1, s0r2) =
            (child(&self.l1, s0), child(&self.l2, s0), child(&self.r1, s0), child(&self.r2, s0));
        let (b0l1, b0l2) = (child(&self.l1, b0), child(&self.l2, b0));
        let s1r1 = child(&self.r1, s1);
        let (s0w, s0t, b0w, b0t) = (w(s0), p(s0), w(b0), p(b0));
        let (s1w, s1t) = (w(s1), p(s1));
        let dist = if s0 != none && b0 != none { (b0 - s0).min(10) as u64 } else { 0 };
        let dist1 = if s0 != none && s1 != none { (s0 - s1).min(10) as u64 } else { 0 };
        let v = |a: &Vec<u16>, i: u32| if i == none { 99 } else { a[i as usize] as u64 };
        let set = |a: &Vec<u64>, i: u32| if i == none { 1 << 63 } else { a[i as usize] };
        let (s0vl, s0vr, b0vl) = (v(&self.nl, s0), v(&self.nr, s0), v(&self.nl, b0));
        let (s0sl, s0sr, b0sl) = (set(&self.lset, s0), set(&self.rset, s0), set(&self.lset, b0));

        let mut f = |id: u32, vals: &[u64]| out.push(feature(id, vals));
        f(0, &[]);
        f(1, &[s0w, s0t]);
        f(2, &[s0w]);
        f(3, &[s0t]);
        f(4, &[b0w, b0t]);
        f(5, &[b0w]);
        f(6, &[b0t]);
        f(7, &[w(b1), p(b1)]);
        f(8, &[w(b1)]);
        f(9, &[p(b1)]);
        f(10, &[w(b2), p(b2)]);
        f(11, &[w(b2)]);
        f(12, &[p(b2)]);
        f(13, &[s1w, s1t]);
        f(14, &[s1w]);
        f(15, &[s1t]);
        f(16, &[s0w, s0t, b0w, b0t]);
        f(17, &[s0w, s0t, b0w]);
        f(18, &[s0w, b0w, b0t]);
        f(19, &[s0w, s0t, b0t]);
        f(20, &[s0t, b0w, b0t]);
        f(21, &[s0w, b0w]);
        f(22, &[s0t, b0t]);
        f(23, &[b0t, p(b1)]);
        f(24, &[b0t, p(b1), p(b2)]);
        f(25, &[s0t, b0t, p(b1)]);
        f(26, &[s1t, s0t, b0t]);
        f(27, &[s0t, p(s0l1), b0t]);
        f(28, &[s0t, p(s0r1), b0t]);
        f(29, &[s0t, b0t, p(b0l1)]);
        f(30, &[s0w, dist]);
        f(31, &[s0t, dist]);
        f(32, &[b0w, dist]);
        f(33, &[b0t, dist]);
        f(34, &[s0w, b0w, dist]);
        f(35, &[s0t, b0t, dist]);
        f(36, &[s0w, s0vr]);
        f(37, &[s0t, s0vr]);
        f(38, &[s0w, s0vl]);
        f(39, &[s0t, s0vl]);
        f(40, &[b0w, b0vl]);
        f(41, &[b0t, b0vl]);
        f(42, &[w(s0l1)]);
        f(43, &[p(s0l1)]);
        f(44, &[lab(s0l1)]);
        f(45, &[w(s0r1)]);
        f(46, &[p(s0r1)]);
        f(47, &[lab(s0r1)]);
        f(48, &[w(b0l1)]);
        f(49, &[p(b0l1)]);
        f(50, &[lab(b0l1)]);
        f(51, &[w(s2)]);
        f(52, &[p(s2)]);
        f(53, &[w(s0l2)]);
        f(54, &[p(s0l2)]);
        f(55, &[lab(s0l2)]);
        f(56, &[w(s0r2)]);
        f(57, &[p(s0r2)]);
        f(58, &[lab(s0r2)]);
        f(59, &[w(b0l2)]);
        f(60, &[p(b0l2)]);
        f(61, &[lab(b0l2)]);
        f(62, &[s0t, p(s0l1), p(s0l2)]);
        f(63, &[s0t, p(s0r1), p(s0r2)]);
        f(64, &[p(s2), s1t, s0t]);
        f(65, &[b0t, p(b0l1), p(b0l2)]);
        f(66, &[s0w, s0sr]);
        f(67, &[s0t, s0sr]);
        f(68, &[s0w, s0sl]);
        f(69, &[s0t, s0sl]);
        f(70, &[b0w, b0sl]);
        f(71, &[b0t, b0sl]);
        // Arc-hybrid attaches s0 to s1 (RIGHT) as well as to b0 (LEFT): the s1–s0 pair gets
        // the same treatment as the s0–b0 pair.
        f(72, &[s1w, s0w]);
        f(73, &[s1t, s0t]);
        f(74, &[s1w, s1t, s0w, s0t]);
        f(75, &[s1w, s1t, s0t]);
        f(76, &[s1t, s0w, s0t]);
        f(77, &[s1t, s0t, dist1]);
        f(78, &[s1w, s0w, dist1]);
        f(79, &[s1t, p(s1r1), s0t]);
        f(80, &[s1t, lab(s1r1), s0t]);
        f(81, &[s1t, s0t, s0vl, s0vr]);
        f(82, &[s1t, s0t, p(s0r1)]);
        f(83, &[s1t, s0t, p(s0l1)]);
        f(84, &[s1t, s0t, b0t, p(b1)]);
    }
}

/// Working memory of the dynamic oracle.
struct Oracle<'a> {
    gold_head: &'a [u32],
    gold_label: &'a [u16],
    in_stack: Vec<bool>,
}

impl Oracle<'_> {
    /// Fills `cost` with each class's cost (arcs lost), `u32::MAX` when invalid.
    fn costs(&self, st: &State, n_labels: usize, root: u16, cost: &mut Vec<u32>) {
        cost.clear();
        cost.resize(1 + 2 * n_labels, u32::MAX);
        let gh = self.gold_head;
        let n = st.n;
        let s0 = st.s(0);
        let s1 = st.s(1);
        let b = st.b;
        let in_buffer = |i: u32| i >= b && i <= n;
        if st.can_shift() {
            let mut c = 0;
            for &d in &st.stack {
                if d != 0 && gh[d as usize] == b {
                    c += 1;
                }
            }
            let h = gh[b as usize];
            if self.in_stack[h as usize] && h != s0 {
                c += 1;
            }
            cost[SHIFT] = c;
        }
        // Dependents of s0 still in the buffer are lost by LEFT and RIGHT alike.
        let mut kids_in_buffer = 0;
        if st.stack.len() >= 2 {
            for d in b..=n {
                if gh[d as usize] == s0 {
                    kids_in_buffer += 1;
                }
            }
        }
        let h0 = if st.stack.len() >= 2 { gh[s0 as usize] } else { u32::MAX };
        if st.can_left() {
            let base = kids_in_buffer + (h0 == s1 || (h0 > b && h0 <= n)) as u32;
            for l in 0..n_labels {
                if l as u16 == root {
                    continue;
                }
                let wrong = (h0 == b && self.gold_label[s0 as usize] != l as u16) as u32;
                cost[1 + l] = base + wrong;
            }
        }
        if st.can_right() {
            let base = kids_in_buffer + in_buffer(h0) as u32;
            for l in 0..n_labels {
                if (l as u16 == root) != (s1 == 0) {
                    continue;
                }
                let wrong = (h0 == s1 && self.gold_label[s0 as usize] != l as u16) as u32;
                cost[1 + n_labels + l] = base + wrong;
            }
        }
    }
}

impl Parser {
    /// The number of relation labels.
    pub fn n_labels(&self) -> usize {
        self.labels.len()
    }

    /// A copy with weights smaller than `min_abs` dropped (a smaller, slightly less
    /// accurate model).
    pub fn pruned(&self, min_abs: f32) -> Parser {
        Parser { weights: self.weights.pruned(min_abs), ..self.clone() }
    }

    /// The beam width [`Parser::parse`] uses (1 = greedy).
    pub fn beam(&self) -> usize {
        self.beam as usize
    }

    /// The same model decoding with beam width `k` (0 or 1 = greedy). A model trained
    /// greedily can be decoded with a beam and the other way round, though each does best
    /// with the decoding it was trained for.
    pub fn with_beam(&self, k: usize) -> Parser {
        Parser { beam: k.clamp(1, 256) as u16, ..self.clone() }
    }

    /// The score margin of beam decoding: candidates further behind the best are dropped.
    pub fn margin(&self) -> f32 {
        self.margin
    }

    /// The same model with beam decoding keeping only candidates within `margin` of the
    /// best (`f32::INFINITY`: always k; a margin narrows the beam where the model is sure,
    /// for speed). NaN or negative margins count as zero.
    pub fn with_margin(&self, margin: f32) -> Parser {
        Parser { margin: if margin >= 0.0 { margin } else { 0.0 }, ..self.clone() }
    }

    /// The name of a relation label (`nsubj`, `obl:tmod`, …).
    pub fn label_name(&self, l: DepLabel) -> &str {
        self.labels.name(l.0 as u32)
    }

    fn valid(&self, st: &State, c: usize) -> bool {
        let nl = self.labels.len();
        if c == SHIFT {
            st.can_shift()
        } else if c <= nl {
            st.can_left() && (c - 1) as u16 != self.root
        } else {
            st.can_right() && (((c - 1 - nl) as u16 == self.root) == (st.s(1) == 0))
        }
    }

    /// Parses one sentence given its words and their tags; returns one [`Arc`] per word. The
    /// result is always a tree with exactly one root. Panics if the three slices differ in
    /// length (a caller bug, not bad input).
    pub fn parse(&self, forms: &[&str], xpos: &[&str], upos: &[&str]) -> Vec<Arc> {
        let n = forms.len();
        assert!(xpos.len() == n && upos.len() == n, "one tag per word");
        if n == 0 {
            return Vec::new();
        }
        let tokens = Tokens::new(forms, xpos, upos);
        if self.beam > 1 {
            let st = self.parse_beam(&tokens, n, self.beam as usize, self.margin);
            return (1..=n)
                .map(|i| Arc { head: st.head[i], label: DepLabel(st.label[i]) })
                .collect();
        }
        let nl = self.labels.len();
        let mut st = State::new(n, nl);
        let mut feats = Vec::with_capacity(96);
        let mut scores = Vec::with_capacity(1 + 2 * nl);
        while !st.terminal() {
            st.features(&tokens, &mut feats);
            self.weights.scores(&feats, &mut scores);
            let c = argmax(&scores, |c| self.valid(&st, c));
            st.apply(c, nl);
        }
        (1..=n).map(|i| Arc { head: st.head[i], label: DepLabel(st.label[i]) }).collect()
    }

    /// The model file version this parser is written as: 1 for a greedy parser (the
    /// original layout), 2 when it decodes with a beam (a trailing section: width, margin).
    pub(crate) fn version(&self) -> u32 {
        if self.beam > 1 {
            2
        } else {
            1
        }
    }

    pub(crate) fn write(&self, enc: &mut Encoder) {
        self.labels.write(enc);
        self.weights.write(enc);
        if self.beam > 1 {
            enc.u32(self.beam as u32);
            enc.f32(self.margin);
        }
    }

    pub(crate) fn read(dec: &mut Decoder, version: u32) -> Result<Parser, ModelError> {
        dec.section("relation labels");
        let labels = Interner::read(dec)?;
        let root = labels.get("root").ok_or_else(|| dec.corrupt("no root label"))? as u16;
        if labels.len() > 64 * 64 {
            return Err(dec.corrupt("too many labels"));
        }
        dec.section("parser weights");
        let weights = Weights::read(dec)?;
        if weights.n_classes() != 1 + 2 * labels.len() {
            return Err(dec.corrupt("weights and labels disagree"));
        }
        let (mut beam, mut margin) = (1, f32::INFINITY);
        if version >= 2 {
            dec.section("beam width");
            let k = dec.u32()?;
            if !(2..=256).contains(&k) {
                return Err(dec.corrupt(format!("beam width {k}")));
            }
            beam = k as u16;
            margin = dec.f32()?;
            if margin.is_nan() || margin < 0.0 {
                return Err(dec.corrupt(format!("beam margin {margin}")));
            }
        }
        Ok(Parser { labels, root, weights, beam, margin })
    }
}

/// The relation as trained: rare subtypes reduced to their universal part.
fn reduce<'a>(deprel: &'a str, counts: &HashMap<&str, u32>, min: u32) -> &'a str {
    if counts.get(deprel).copied().unwrap_or(0) >= min {
        deprel
    } else {
        deprel.split(':').next().unwrap_or(deprel)
    }
}

/// Trains a parser on `sents` (trees only; others are skipped), using their XPOS/UPOS columns
/// as the tags it sees.
/// A training sentence's forms, Penn tags and universal tags, as the parser reads them.
pub(crate) fn columns(s: &Sentence) -> (Vec<&str>, Vec<&str>, Vec<&str>) {
    let column = |f: fn(&herald_ml::conllu::Word) -> &str| s.words.iter().map(f).collect();
    (column(|w| &w.form), column(|w| &w.xpos), column(|w| &w.upos))
}

pub(crate) fn train(sents: &[&Sentence], cfg: &ParserConfig, progress: &Progress) -> Parser {
    let sents: Vec<&Sentence> = sents.iter().copied().filter(|s| s.is_tree()).collect();
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for s in &sents {
        for w in &s.words {
            *counts.entry(w.deprel.as_str()).or_default() += 1;
        }
    }
    let mut labels = Interner::new();
    labels.intern("root");
    for s in &sents {
        for w in &s.words {
            labels.intern(reduce(&w.deprel, &counts, cfg.min_label_count));
        }
    }
    let root = labels.get("root").expect("interned") as u16;
    let nl = labels.len();
    let gold: Vec<(Vec<u32>, Vec<u16>)> = sents
        .iter()
        .map(|s| {
            let mut h = vec![0u32];
            let mut l = vec![root];
            for w in &s.words {
                h.push(w.head.expect("tree"));
                let lab = reduce(&w.deprel, &counts, cfg.min_label_count);
                l.push(if w.head == Some(0) {
                    root
                } else {
                    labels.get(lab).expect("interned") as u16
                });
            }
            (h, l)
        })
        .collect();

    let mut parser = Parser {
        labels,
        root,
        weights: Perceptron::new(1).into_weights(Prune::default()),
        beam: 1,
        margin: f32::INFINITY,
    };
    if cfg.beam > 1 {
        let k = cfg.beam.min(256);
        beam::train(&mut parser, &sents, &gold, k, cfg.epochs, cfg.seed, cfg.prune, progress);
        parser.beam = k as u16;
        return parser;
    }
    let mut model = Perceptron::new(1 + 2 * nl);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = Rng::new(cfg.seed);
    let mut feats = Vec::with_capacity(96);
    let mut scores = Vec::new();
    let mut cost = Vec::new();
    let n_words: usize = sents.iter().map(|s| s.words.len()).sum();
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut order);
        let bar =
            progress.bar(&format!("parser epoch {}/{}", epoch + 1, cfg.epochs), n_words as u64);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = sents[si];
            let (forms, xpos, upos) = columns(s);
            let tokens = Tokens::new(&forms, &xpos, &upos);
            let n = forms.len();
            let mut st = State::new(n, nl);
            let mut oracle = Oracle {
                gold_head: &gold[si].0,
                gold_label: &gold[si].1,
                in_stack: vec![false; n + 2],
            };
            oracle.in_stack[0] = true;
            while !st.terminal() {
                st.features(&tokens, &mut feats);
                model.scores(&feats, &mut scores);
                oracle.costs(&st, nl, root, &mut cost);
                let best_cost = *cost.iter().min().expect("non-empty");
                let guess = argmax(&scores, |c| cost[c] != u32::MAX);
                let truth = argmax(&scores, |c| cost[c] == best_cost);
                model.update(&feats, truth, guess);
                right += (cost[guess] == best_cost) as usize;
                total += 1;
                let next = if guess != truth && epoch > 0 && rng.unit() < cfg.explore {
                    guess
                } else {
                    truth
                };
                debug_assert!(parser.valid(&st, next));
                // Keep the oracle's stack membership in step.
                if next == SHIFT {
                    oracle.in_stack[st.b as usize] = true;
                } else {
                    oracle.in_stack[st.s(0) as usize] = false;
                }
                st.apply(next, nl);
            }
            bar.inc(n as u64);
        }
        bar.finish_and_clear();
        progress.note(&format!(
            "parser epoch {}: transitions right {:.4}, {} features",
            epoch + 1,
            right as f64 / total.max(1) as f64,
            model.n_features()
        ));
    }
    parser.weights = model.into_weights(cfg.prune);
    parser
}
