//! Training: a structured (Collins) perceptron. Each training sentence is decoded with
//! Viterbi under the current weights; wherever the best path differs from the gold one,
//! herald-ml's averaged [`Perceptron`] moves the label-independent features of the token
//! toward the gold label, and the previous-label features of the gold path up and those
//! of the predicted path down. Several epochs with a deterministic shuffle, then
//! averaging and pruning into the run-time [`Ner`].
//!
//! The perceptron has one class more than there are labels, never predicted: the two
//! previous-label updates go through it (`update(gold_path, y, extra)` and
//! `update(predicted_path, extra, z)`), since herald-ml's update moves one feature list
//! between two classes.

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
            epochs: 8,
            seed: 1,
            prune: Prune { min_abs: 0.01, min_updates: 2 },
        }
    }
}

/// Per-epoch progress: epoch number (from 1), token accuracy of the Viterbi decoder
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
    // One extra class, never predicted: the structured update moves previous-label
    // features of the gold and the predicted path separately through it.
    let null = labels.len();
    let mut model = Perceptron::new(labels.len() + 1);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = Rng::new(cfg.seed);
    let mut prep = Prepared::default();
    let mut lattice = crate::viterbi::Lattice::default();
    let mut pred: Vec<u16> = Vec::new();
    let (mut fs, mut fg, mut fp) = (Vec::new(), Vec::new(), Vec::new());
    for epoch in 1..=cfg.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &k in &order {
            let toks: Vec<&str> = sentences[k].tokens.iter().map(String::as_str).collect();
            if toks.is_empty() {
                continue;
            }
            prep.prepare(&toks, &gaz);
            {
                let m = &model;
                crate::viterbi::viterbi(
                    &labels,
                    &prep,
                    toks.len(),
                    &|f, out| m.scores(f, out),
                    &mut lattice,
                    &mut pred,
                );
            }
            let gold_k = &gold[k];
            for (i, (&y, &z)) in gold_k.iter().zip(&pred).enumerate() {
                prep.static_features(i, &mut fs);
                model.update(&fs, y as usize, z as usize);
                let py = if i == 0 { u16::MAX } else { gold_k[i - 1] };
                let pz = if i == 0 { u16::MAX } else { pred[i - 1] };
                if (py, y) != (pz, z) {
                    prep.label_features(i, py, &mut fg);
                    prep.label_features(i, pz, &mut fp);
                    model.update(&fg, y as usize, null);
                    model.update(&fp, null, z as usize);
                }
                right += (y == z) as usize;
                total += 1;
            }
        }
        progress(EpochStats { epoch, accuracy: right as f64 / total.max(1) as f64 });
    }
    Ner { labels, weights: model.into_weights(cfg.prune), gaz }
}
