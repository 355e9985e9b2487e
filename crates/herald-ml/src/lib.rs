//! herald-ml: the machinery herald's statistical models share.
//!
//! - [`Perceptron`] (training) and [`Weights`] (run time): an averaged multiclass perceptron
//!   over hashed `u64` features ([`hash::feature`]), with lazy averaging and pruning; the
//!   run-time form is a compact open-addressing table of sparse bfloat16 rows.
//! - [`Encoder`] / [`Decoder`]: the model file container (versioned little-endian binary,
//!   gzip-compressed); loading a truncated or corrupt file returns a [`ModelError`].
//! - [`Interner`]: label table (tag or relation name ↔ class id).
//! - [`conllu`]: streaming CoNLL-U reader and writer.
//! - [`Rng`] and [`argmax`]: a seeded PRNG for deterministic shuffling, and the best valid class.
//!
//! Training, saving and loading a tiny classifier:
//!
//! ```
//! use herald_ml::{argmax, hash, Decoder, Encoder, Interner, Perceptron, Prune, Weights};
//!
//! let labels: Interner = ["NOUN", "VERB"].into_iter().collect();
//! let data = [("dogs", "NOUN"), ("runs", "VERB"), ("cats", "NOUN"), ("eats", "VERB")];
//! // Features: a template id and value hashes, combined without allocating.
//! let feats = |w: &str| vec![hash::feature(0, &[]), hash::feature(1, &[hash::hash_str(w)])];
//! let mut model = Perceptron::new(labels.len());
//! let mut scores = Vec::new();
//! for _epoch in 0..5 {
//!     for (w, y) in data {
//!         let f = feats(w);
//!         model.scores(&f, &mut scores);
//!         let guess = argmax(&scores, |_| true);
//!         model.update(&f, labels.get(y).unwrap() as usize, guess);
//!     }
//! }
//! let weights: Weights = model.into_weights(Prune::default());
//!
//! let mut enc = Encoder::new("toy", 1);
//! labels.write(&mut enc);
//! weights.write(&mut enc);
//! let mut file = Vec::new();
//! enc.finish(&mut file).unwrap();
//!
//! let (mut dec, _version) = Decoder::open(&file[..], "toy", 1).unwrap();
//! let labels2 = Interner::read(&mut dec).unwrap();
//! let weights2 = Weights::read(&mut dec).unwrap();
//! dec.end().unwrap();
//! weights2.scores(&feats("runs"), &mut scores);
//! assert_eq!(labels2.name(argmax(&scores, |_| true) as u32), "VERB");
//! ```
#![deny(missing_docs)]

mod codec;
pub mod conllu;
pub mod hash;
mod interner;
mod perceptron;

pub use codec::{Decoder, Encoder};
pub use interner::Interner;
pub use perceptron::{Identity, IdentityMap, Perceptron, Prune, Weights};

/// A problem loading or saving a model file.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// Reading or writing failed.
    #[error("model I/O: {0}")]
    Io(#[from] std::io::Error),
    /// The gzip layer is damaged (bad header, CRC or truncated stream).
    #[error("{kind} model: not a readable gzip stream (damaged or truncated): {source}")]
    Compression {
        /// The model kind being read.
        kind: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The data does not start with herald's model magic.
    #[error("not a herald model file")]
    NotAModel,
    /// A model of another kind (say, a parser given where a tagger was expected).
    #[error("expected a {expected} model, found a {found} model")]
    WrongKind {
        /// What was asked for.
        expected: String,
        /// What the file holds.
        found: String,
    },
    /// A version this build cannot read.
    #[error("{kind} version {found} is not supported (this build reads up to {supported})")]
    UnsupportedVersion {
        /// What is versioned.
        kind: String,
        /// The file's version.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The file ends inside a section.
    #[error("{kind} model is truncated (in the {section} section)")]
    Truncated {
        /// The model kind.
        kind: String,
        /// The section being read.
        section: &'static str,
    },
    /// A section holds impossible values.
    #[error("{kind} model is corrupt (in the {section} section): {detail}")]
    Corrupt {
        /// The model kind.
        kind: String,
        /// The section being read.
        section: &'static str,
        /// What is wrong.
        detail: String,
    },
}

/// The index of the highest score among classes for which `valid` holds (ties go to the
/// lowest index, for determinism). Returns 0 if none is valid.
#[inline]
pub fn argmax(scores: &[f32], valid: impl Fn(usize) -> bool) -> usize {
    let mut best = usize::MAX;
    let mut best_score = f32::NEG_INFINITY;
    for (i, &s) in scores.iter().enumerate() {
        if (best == usize::MAX || s > best_score) && valid(i) {
            best = i;
            best_score = s;
        }
    }
    if best == usize::MAX {
        0
    } else {
        best
    }
}

/// A small seeded PRNG (xorshift64*) for deterministic shuffling during training.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (any value; 0 is remapped).
    pub fn new(seed: u64) -> Rng {
        Rng(hash::finish(seed ^ 0x9e37_79b9_7f4a_7c15) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 11) as u128 * n as u128) >> 53) as usize
    }

    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}
