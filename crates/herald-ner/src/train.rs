//! Training: greedy left-to-right decoding over the training sentences, averaged
//! perceptron updates (herald-ml's [`Perceptron`]) on every token, several epochs with a
//! deterministic shuffle, then averaging and pruning into the run-time [`Ner`].

use std::collections::{HashMap, HashSet};

use herald_ml::{Perceptron, Prune, Rng};

use crate::corpus::Sentence;
use crate::features::Prepared;
use crate::gazetteer::{Gazetteer, GazetteerBuilder, COMMON};
use crate::labels::LabelSet;
use crate::model::Ner;

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// Entity types to learn, in label order; spans of other types are read as `O`.
    pub types: Vec<String>,
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the per-epoch shuffle (same seed and data, same model).
    pub seed: u64,
    /// What to prune from the averaged model.
    pub prune: Prune,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            types: vec!["PER".into(), "ORG".into(), "LOC".into()],
            epochs: 10,
            seed: 1,
            prune: Prune { min_abs: 0.01, min_updates: 2 },
        }
    }
}

/// Per-epoch progress: epoch number (from 1), token accuracy of the greedy decoder
/// during that epoch.
#[derive(Clone, Copy, Debug)]
pub struct EpochStats {
    /// Epoch number, from 1.
    pub epoch: usize,
    /// Fraction of tokens whose predicted label was right while training.
    pub accuracy: f64,
}

/// Lower-cased word counts of a corpus: how often each word is written in lower case,
/// and how often capitalised away from the sentence start.
pub fn word_case_counts(sentences: &[Sentence]) -> HashMap<String, (u32, u32)> {
    let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
    for s in sentences {
        for (i, t) in s.tokens.iter().enumerate() {
            if !t.chars().any(char::is_alphabetic) {
                continue;
            }
            let lower = t.to_lowercase();
            let e = counts.entry(lower.clone()).or_default();
            if *t == lower {
                e.0 += 1;
            } else if i > 0 {
                e.1 += 1;
            }
        }
    }
    counts
}

/// Words that training text writes in lower case at least `min` times and more often
/// than capitalised mid-sentence: they prune one-token gazetteer names and feed the
/// [`COMMON`] flag.
pub fn common_words(counts: &HashMap<String, (u32, u32)>, min: u32) -> HashSet<String> {
    counts.iter().filter(|(_, &(lo, cap))| lo >= min && lo >= cap).map(|(w, _)| w.clone()).collect()
}

/// Adds the [`COMMON`] flag for every word of `common` to a gazetteer being built.
pub fn add_common(b: &mut GazetteerBuilder, common: &HashSet<String>) {
    let mut words: Vec<&String> = common.iter().collect();
    words.sort(); // deterministic insertion order (the result is a sorted table anyway)
    for w in words {
        if !w.contains(char::is_whitespace) {
            b.add(w, COMMON);
        }
    }
}

/// Trains a recognizer on `sentences` with gazetteer `gaz`, calling `progress` after each
/// epoch. Deterministic: the same inputs give a byte-identical model.
pub fn train(
    sentences: &[Sentence],
    gaz: Gazetteer,
    cfg: &TrainConfig,
    mut progress: impl FnMut(EpochStats),
) -> Ner {
    let labels = LabelSet::new(cfg.types.iter().cloned());
    let gold: Vec<Vec<u16>> =
        sentences.iter().map(|s| labels.encode(s.tokens.len(), &s.spans)).collect();
    let mut model = Perceptron::new(labels.len());
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = Rng::new(cfg.seed);
    let mut prep = Prepared::default();
    let mut feats = Vec::new();
    let mut scores = Vec::new();
    for epoch in 1..=cfg.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &k in &order {
            let toks: Vec<&str> = sentences[k].tokens.iter().map(String::as_str).collect();
            if toks.is_empty() {
                continue;
            }
            prep.prepare(&toks, &gaz);
            let (mut l1, mut l2) = (u16::MAX, u16::MAX);
            let n = toks.len();
            for (i, &truth) in gold[k].iter().enumerate() {
                prep.features(i, l1, l2, &mut feats);
                model.scores(&feats, &mut scores);
                let prev = (i > 0).then_some(l1);
                let mut guess = 0u16;
                let mut best = f32::NEG_INFINITY;
                for (c, &sc) in scores.iter().enumerate() {
                    let c = c as u16;
                    if sc > best
                        && labels.allowed(prev, c)
                        && (i + 1 < n || labels.may_end(Some(c)))
                    {
                        guess = c;
                        best = sc;
                    }
                }
                model.update(&feats, truth as usize, guess as usize);
                right += (guess == truth) as usize;
                total += 1;
                // Follow the model's own guess, so that it learns to recover from its
                // mistakes as at run time.
                l2 = l1;
                l1 = guess;
            }
        }
        progress(EpochStats { epoch, accuracy: right as f64 / total.max(1) as f64 });
    }
    Ner { labels, weights: model.into_weights(cfg.prune), gaz }
}
