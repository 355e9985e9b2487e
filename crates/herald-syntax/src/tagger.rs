//! The part-of-speech tagger: two greedy averaged perceptrons predicting the joint (XPOS, UPOS)
//! pair, one reading the sentence left to right and one right to left, whose class scores are
//! added word by word (the right-to-left pass runs first; the left-to-right pass adds its
//! scores and conditions on the combined choices). A tag dictionary tags frequent unambiguous
//! words; ambiguity-class features (the set of tags a word was seen with) describe the current
//! and neighbouring words.

use std::collections::HashMap;

use herald_ml::conllu::Sentence;
use herald_ml::hash::{feature, hash_str, mix};
use herald_ml::{
    argmax, Decoder, Encoder, IdentityMap, Interner, ModelError, Perceptron, Prune, Rng, Weights,
};

use crate::features::{pad_keys, token_keys, TokenKeys};
use crate::lemma::Lemmatizer;
use crate::Progress;

/// A predicted tag: an index into the tagger's (XPOS, UPOS) pairs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag(pub u16);

/// Training settings for [`crate::train_tagger`].
#[derive(Clone, Debug)]
pub struct TaggerConfig {
    /// Passes over the training data.
    pub epochs: usize,
    /// Shuffling seed.
    pub seed: u64,
    /// Pruning of the final weights.
    pub prune: Prune,
    /// A word seen at least this often with one tag ≥ 99% of the time is tagged by lookup.
    pub dict_min_count: u32,
    /// Also train a right-to-left model and add its scores to the left-to-right one's.
    pub bidirectional: bool,
    /// The feature templates: 1 = the original 37, 2 = 5 more (right context, capitalisation).
    pub templates: u32,
}

impl Default for TaggerConfig {
    fn default() -> Self {
        TaggerConfig {
            epochs: 10,
            seed: 1,
            prune: Prune { min_abs: 0.01, min_updates: 1 },
            dict_min_count: 20,
            bidirectional: false,
            templates: 1,
        }
    }
}

impl TaggerConfig {
    /// The bidirectional recipe, the shipped tagger's (`bench/syntax/RESULTS.md`): the 5
    /// newer templates, a right-to-left model, weights below 1.0 pruned (halves the two models
    /// for -0.05 UPOS). EWT dev UPOS 0.9541, GUM 0.9724 against the default's 0.9524, 0.9711.
    /// The default (one direction, the original templates) is the parser's jackknife recipe.
    pub fn bidirectional() -> TaggerConfig {
        TaggerConfig {
            prune: Prune { min_abs: 1.0, min_updates: 1 },
            bidirectional: true,
            templates: TEMPLATES,
            ..TaggerConfig::default()
        }
    }
}

/// A trained POS tagger with its lemmatizer.
#[derive(Clone, Debug, PartialEq)]
pub struct Tagger {
    classes: Interner,
    xpos: Vec<String>,
    upos: Vec<String>,
    /// The left-to-right model.
    weights: Weights,
    /// The right-to-left model (file version 2), trained on reversed sentences.
    backward: Option<Weights>,
    /// The feature templates ([`TaggerConfig::templates`]).
    templates: u32,
    /// Exact-form hash → class, for frequent unambiguous words.
    tagdict: IdentityMap<u16>,
    /// Lower-form hash → ambiguity-class hash (the sorted set of tags seen).
    ambiguity: IdentityMap<u64>,
    lemmatizer: Lemmatizer,
}

const START: u64 = u64::MAX - 1;
const PAD: usize = 2;

/// Builds the features of padded position `i` given the two previous tags (previous in the
/// reading direction: for the right-to-left model `keys` are reversed, so "previous" is the
/// next word's tag and "following" the preceding words).
#[inline]
fn features(
    keys: &[TokenKeys],
    amb: &[u64],
    i: usize,
    p1: u64,
    p2: u64,
    templates: u32,
    out: &mut Vec<u64>,
) {
    out.clear();
    let k = &keys[i];
    let (km1, km2, kp1, kp2) = (&keys[i - 1], &keys[i - 2], &keys[i + 1], &keys[i + 2]);
    out.push(feature(0, &[]));
    out.push(feature(1, &[k.word]));
    out.push(feature(2, &[k.lower]));
    for j in 0..4 {
        out.push(feature(3 + j as u32, &[k.suffix[j]]));
        out.push(feature(7 + j as u32, &[k.prefix[j]]));
    }
    out.push(feature(11, &[k.shape]));
    out.push(feature(12, &[km1.lower]));
    out.push(feature(13, &[km2.lower]));
    out.push(feature(14, &[kp1.lower]));
    out.push(feature(15, &[kp2.lower]));
    out.push(feature(16, &[km1.suffix[2]]));
    out.push(feature(17, &[kp1.suffix[2]]));
    out.push(feature(18, &[p1]));
    out.push(feature(19, &[p2]));
    out.push(feature(20, &[p1, p2]));
    out.push(feature(21, &[p1, k.lower]));
    out.push(feature(22, &[kp1.shape]));
    out.push(feature(23, &[km1.shape]));
    out.push(feature(24, &[k.lower, kp1.lower]));
    out.push(feature(25, &[km1.lower, k.lower]));
    out.push(feature(26, &[k.flags, (i == PAD) as u64]));
    out.push(feature(27, &[p1, k.suffix[2]]));
    out.push(feature(28, &[amb[i]]));
    out.push(feature(29, &[amb[i + 1]]));
    out.push(feature(30, &[amb[i + 2]]));
    out.push(feature(31, &[amb[i], amb[i + 1]]));
    out.push(feature(32, &[p1, amb[i]]));
    out.push(feature(33, &[p1, amb[i], amb[i + 1]]));
    out.push(feature(34, &[amb[i - 1]]));
    out.push(feature(35, &[kp1.suffix[1]]));
    out.push(feature(36, &[k.flags, k.suffix[2]]));
    if templates >= 2 {
        // The two following words and their ambiguity classes together.
        out.push(feature(45, &[kp1.lower, kp2.lower]));
        out.push(feature(46, &[amb[i + 1], amb[i + 2]]));
        out.push(feature(47, &[k.lower, amb[i + 1], amb[i + 2]]));
        // Capitalisation of the neighbours (names come in runs; sentence-initial words).
        out.push(feature(50, &[km1.flags, k.flags, kp1.flags]));
        out.push(feature(51, &[p1, k.flags, kp1.flags]));
    }
}

/// The newest feature templates.
pub(crate) const TEMPLATES: u32 = 2;

/// Per-sentence working memory.
struct Scratch {
    keys: Vec<TokenKeys>,
    amb: Vec<u64>,
    feats: Vec<u64>,
    scores: Vec<f32>,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch {
            keys: Vec::new(),
            amb: Vec::new(),
            feats: Vec::with_capacity(64),
            scores: Vec::new(),
        }
    }

    fn fill(&mut self, forms: &[&str], ambiguity: &IdentityMap<u64>) {
        self.keys.clear();
        self.amb.clear();
        let start = pad_keys("-START-");
        let end = pad_keys("-END-");
        let unknown = hash_str("-UNK-");
        for _ in 0..PAD {
            self.keys.push(start);
            self.amb.push(start.word);
        }
        for f in forms {
            let k = token_keys(f);
            self.amb.push(ambiguity.get(&k.lower).copied().unwrap_or(unknown));
            self.keys.push(k);
        }
        for _ in 0..PAD {
            self.keys.push(end);
            self.amb.push(end.word);
        }
    }
}

impl Tagger {
    /// The number of (XPOS, UPOS) classes.
    pub fn n_tags(&self) -> usize {
        self.xpos.len()
    }

    /// The Penn Treebank tag of `tag`.
    pub fn xpos(&self, tag: Tag) -> &str {
        &self.xpos[tag.0 as usize]
    }

    /// The Universal POS tag of `tag`.
    pub fn upos(&self, tag: Tag) -> &str {
        &self.upos[tag.0 as usize]
    }

    /// A copy with weights smaller than `min_abs` dropped (a smaller, slightly less
    /// accurate model).
    pub fn pruned(&self, min_abs: f32) -> Tagger {
        Tagger {
            weights: self.weights.pruned(min_abs),
            backward: self.backward.as_ref().map(|w| w.pruned(min_abs)),
            ..self.clone()
        }
    }

    /// The lemmatizer trained with this tagger.
    pub fn lemmatizer(&self) -> &Lemmatizer {
        &self.lemmatizer
    }

    /// Tags a sentence of syntactic words, appending one [`Tag`] per word to `out`.
    pub fn tag_into(&self, forms: &[&str], out: &mut Vec<Tag>) {
        let mut s = Scratch::new();
        let n = self.xpos.len();
        // The right-to-left pass: its class scores of every word, in sentence order.
        let mut back = Vec::new();
        if let Some(bw) = &self.backward {
            let rev: Vec<&str> = forms.iter().rev().copied().collect();
            s.fill(&rev, &self.ambiguity);
            back.resize(forms.len() * n, 0.0);
            let (mut p1, mut p2) = (START, START);
            for i in 0..rev.len() {
                let class = match self.tagdict.get(&s.keys[i + PAD].word) {
                    Some(&c) => c as usize,
                    None => {
                        features(&s.keys, &s.amb, i + PAD, p1, p2, self.templates, &mut s.feats);
                        bw.scores(&s.feats, &mut s.scores);
                        let j = forms.len() - 1 - i;
                        back[j * n..(j + 1) * n].copy_from_slice(&s.scores);
                        argmax(&s.scores, |_| true)
                    }
                };
                p2 = p1;
                p1 = class as u64;
            }
        }
        // The left-to-right pass adds them and conditions on the combined choices.
        s.fill(forms, &self.ambiguity);
        let (mut p1, mut p2) = (START, START);
        for i in 0..forms.len() {
            let class = match self.tagdict.get(&s.keys[i + PAD].word) {
                Some(&c) => c as usize,
                None => {
                    features(&s.keys, &s.amb, i + PAD, p1, p2, self.templates, &mut s.feats);
                    self.weights.scores(&s.feats, &mut s.scores);
                    if !back.is_empty() {
                        for (a, b) in s.scores.iter_mut().zip(&back[i * n..(i + 1) * n]) {
                            *a += b;
                        }
                    }
                    argmax(&s.scores, |_| true)
                }
            };
            out.push(Tag(class as u16));
            p2 = p1;
            p1 = class as u64;
        }
    }

    /// Tags a sentence.
    pub fn tag(&self, forms: &[&str]) -> Vec<Tag> {
        let mut out = Vec::with_capacity(forms.len());
        self.tag_into(forms, &mut out);
        out
    }

    /// The lemma of `form` tagged `tag`.
    pub fn lemma(&self, form: &str, tag: Tag) -> String {
        self.lemmatizer.lemma(form, self.xpos(tag))
    }

    pub(crate) fn write(&self, enc: &mut Encoder) {
        enc.strs(&self.xpos);
        enc.strs(&self.upos);
        write_map(enc, &self.tagdict, |e, v| e.varint(*v as u64));
        write_map(enc, &self.ambiguity, |e, v| e.u64(*v));
        self.weights.write(enc);
        self.lemmatizer.write(enc);
        if self.version() >= 2 {
            enc.varint(self.templates as u64);
            enc.u8(self.backward.is_some() as u8);
            if let Some(bw) = &self.backward {
                bw.write(enc);
            }
        }
    }

    /// The file version this tagger is written as: 1 = the original layout (original templates,
    /// left to right only), 2 = adds the templates' version, a direction flag and the
    /// right-to-left weights after the lemmatizer.
    pub(crate) fn version(&self) -> u32 {
        if self.templates == 1 && self.backward.is_none() {
            1
        } else {
            2
        }
    }

    pub(crate) fn read(dec: &mut Decoder, version: u32) -> Result<Tagger, ModelError> {
        dec.section("tag labels");
        let xpos = dec.strings()?;
        let upos = dec.strings()?;
        if xpos.len() != upos.len() || xpos.is_empty() {
            return Err(dec.corrupt("XPOS and UPOS tables differ"));
        }
        let classes: Interner = xpos.iter().zip(&upos).map(|(x, u)| format!("{x}\t{u}")).collect();
        if classes.len() != xpos.len() {
            return Err(dec.corrupt("duplicate tag"));
        }
        dec.section("tag dictionary");
        let n = xpos.len() as u64;
        let tagdict = read_map(dec, |d| {
            let c = d.varint()?;
            if c >= n {
                return Err(d.corrupt(format!("tag {c} of {n}")));
            }
            Ok(c as u16)
        })?;
        dec.section("ambiguity classes");
        let ambiguity = read_map(dec, |d| d.u64())?;
        dec.section("tagger weights");
        let weights = Weights::read(dec)?;
        if weights.n_classes() != xpos.len() {
            return Err(dec.corrupt("weights and tags disagree"));
        }
        let lemmatizer = Lemmatizer::read(dec)?;
        let (mut backward, mut templates) = (None, 1);
        if version >= 2 {
            dec.section("tagger templates");
            let t = dec.varint()?;
            if t == 0 || t > TEMPLATES as u64 {
                return Err(dec.corrupt(format!(
                    "feature templates version {t} (this build has 1 to {TEMPLATES})"
                )));
            }
            templates = t as u32;
            dec.section("right-to-left tagger weights");
            match dec.u8()? {
                0 => {}
                1 => {
                    let bw = Weights::read(dec)?;
                    if bw.n_classes() != xpos.len() {
                        return Err(dec.corrupt("right-to-left weights and tags disagree"));
                    }
                    backward = Some(bw);
                }
                x => return Err(dec.corrupt(format!("direction flag {x}"))),
            }
        }
        Ok(Tagger {
            classes,
            xpos,
            upos,
            weights,
            backward,
            templates,
            tagdict,
            ambiguity,
            lemmatizer,
        })
    }
}

/// Writes a map sorted by key (deterministic bytes).
pub(crate) fn write_map<V>(
    enc: &mut Encoder,
    map: &IdentityMap<V>,
    mut val: impl FnMut(&mut Encoder, &V),
) {
    let mut keys: Vec<&u64> = map.keys().collect();
    keys.sort_unstable();
    enc.varint(keys.len() as u64);
    let mut prev = 0;
    for k in keys {
        enc.varint(k - prev);
        prev = *k;
        val(enc, &map[k]);
    }
}

/// Reads a map written by [`write_map`].
pub(crate) fn read_map<V>(
    dec: &mut Decoder,
    mut val: impl FnMut(&mut Decoder) -> Result<V, ModelError>,
) -> Result<IdentityMap<V>, ModelError> {
    let n = dec.length()?;
    let mut map = IdentityMap::default();
    map.reserve(n);
    let mut key = 0u64;
    for i in 0..n {
        let d = dec.varint()?;
        if i > 0 && d == 0 {
            return Err(dec.corrupt("keys not increasing"));
        }
        key = key.checked_add(d).ok_or_else(|| dec.corrupt("key overflow"))?;
        let v = val(dec)?;
        map.insert(key, v);
    }
    Ok(map)
}

/// Trains a tagger (and its lemmatizer) on `sents`.
pub(crate) fn train(sents: &[&Sentence], cfg: &TaggerConfig, progress: &Progress) -> Tagger {
    // Classes in order of first appearance: deterministic.
    let mut classes = Interner::new();
    let mut xpos = Vec::new();
    let mut upos = Vec::new();
    let mut gold: Vec<Vec<u16>> = Vec::with_capacity(sents.len());
    for s in sents {
        let mut g = Vec::with_capacity(s.words.len());
        for w in &s.words {
            let key = format!("{}\t{}", w.xpos, w.upos);
            let before = classes.len();
            let c = classes.intern(&key);
            if classes.len() > before {
                let (x, u) = key.split_once('\t').expect("tab");
                xpos.push(x.to_string());
                upos.push(u.to_string());
            }
            g.push(c as u16);
        }
        gold.push(g);
    }
    let n_classes = classes.len();

    // Counts per exact form (tag dictionary) and per lower form (ambiguity classes).
    let mut by_form: HashMap<u64, HashMap<u16, u32>> = HashMap::new();
    let mut by_lower: HashMap<u64, HashMap<u16, u32>> = HashMap::new();
    for (s, g) in sents.iter().zip(&gold) {
        for (w, &c) in s.words.iter().zip(g) {
            let k = token_keys(&w.form);
            *by_form.entry(k.word).or_default().entry(c).or_default() += 1;
            *by_lower.entry(k.lower).or_default().entry(c).or_default() += 1;
        }
    }
    let mut tagdict = IdentityMap::default();
    for (&form, counts) in &by_form {
        let total: u32 = counts.values().sum();
        let (&best, &n) =
            counts.iter().max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c))).expect("non-empty");
        if total >= cfg.dict_min_count && n as f64 >= 0.99 * total as f64 {
            tagdict.insert(form, best);
        }
    }
    let mut ambiguity = IdentityMap::default();
    for (&lower, counts) in &by_lower {
        let total: u32 = counts.values().sum();
        if total < 3 {
            continue;
        }
        // Tags making up at least 5% of the word's uses, sorted: an "ambiguity class".
        let mut tags: Vec<u16> =
            counts.iter().filter(|(_, &n)| n * 20 >= total).map(|(&c, _)| c).collect();
        tags.sort_unstable();
        let h = tags.iter().fold(0xABCDu64, |h, &t| mix(h, t as u64));
        ambiguity.insert(lower, h);
    }

    let ctx = TrainCtx { sents, gold: &gold, tagdict: &tagdict, ambiguity: &ambiguity, n_classes };
    let weights = train_direction(&ctx, cfg, progress, false);
    let backward = cfg.bidirectional.then(|| train_direction(&ctx, cfg, progress, true));
    let lemmatizer = Lemmatizer::train(sents);
    Tagger {
        classes,
        xpos,
        upos,
        weights,
        backward,
        templates: cfg.templates,
        tagdict,
        ambiguity,
        lemmatizer,
    }
}

/// What both directions' training reads.
struct TrainCtx<'a> {
    sents: &'a [&'a Sentence],
    gold: &'a [Vec<u16>],
    tagdict: &'a IdentityMap<u16>,
    ambiguity: &'a IdentityMap<u64>,
    n_classes: usize,
}

/// Trains the greedy model of one reading direction (`reverse`: right to left, on reversed
/// sentences), learning from its own previous choices.
fn train_direction(
    ctx: &TrainCtx,
    cfg: &TaggerConfig,
    progress: &Progress,
    reverse: bool,
) -> Weights {
    let TrainCtx { sents, gold, tagdict, ambiguity, n_classes } = *ctx;
    let dir = if reverse { "right-to-left" } else { "left-to-right" };
    let mut model = Perceptron::new(n_classes);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = Rng::new(cfg.seed);
    let mut s = Scratch::new();
    let n_words: usize = sents.iter().map(|s| s.words.len()).sum();
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut order);
        let bar = progress
            .bar(&format!("{dir} tagger epoch {}/{}", epoch + 1, cfg.epochs), n_words as u64);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let sent = sents[si];
            let mut forms: Vec<&str> = sent.words.iter().map(|w| w.form.as_str()).collect();
            let mut truths = gold[si].clone();
            if reverse {
                forms.reverse();
                truths.reverse();
            }
            s.fill(&forms, ambiguity);
            let (mut p1, mut p2) = (START, START);
            for (i, &truth) in truths.iter().enumerate() {
                let guess = match tagdict.get(&s.keys[i + PAD].word) {
                    Some(&c) => c as usize,
                    None => {
                        features(&s.keys, &s.amb, i + PAD, p1, p2, cfg.templates, &mut s.feats);
                        model.scores(&s.feats, &mut s.scores);
                        let guess = argmax(&s.scores, |_| true);
                        model.update(&s.feats, truth as usize, guess);
                        guess
                    }
                };
                right += (guess == truth as usize) as usize;
                total += 1;
                p2 = p1;
                p1 = guess as u64;
            }
            bar.inc(forms.len() as u64);
        }
        bar.finish_and_clear();
        progress.note(&format!(
            "{dir} tagger epoch {}: train accuracy {:.4}, {} features",
            epoch + 1,
            right as f64 / total.max(1) as f64,
            model.n_features()
        ));
    }
    model.into_weights(cfg.prune)
}
