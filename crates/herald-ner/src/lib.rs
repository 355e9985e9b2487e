//! herald's named-entity recognizer: who and what a news sentence names.
//!
//! [`Ner`] is a trained model: a BILOU sequence labeller (types `PER`, `ORG`, `LOC`)
//! decoded with first-order Viterbi, its weights a structured averaged perceptron
//! (herald-ml) over ~40 hashed features per token (word, lower case, shape, affixes, a ±2
//! window, sentence position, the previous label) plus [`gazetteer`] features: GeoNames places, country names,
//! demonyms and the PETRARCH2 actor dictionaries, compiled into a hashed token matcher
//! stored inside the model file. Nationality words the model leaves outside names
//! ("Russian") come out as `NORP` through the demonym gazetteer.
//!
//! * [`Ner::bundled`] loads the shipped model (`models/ner.bin.gz`, embedded);
//!   [`Ner::load`] / [`Ner::save`] read and write model files.
//! * [`Ner::tag`] labels one tokenised sentence; [`Ner::recognize`] gives the
//!   [`herald_doc::Name`] mentions of a segmented [`herald_doc::Doc`].
//! * [`train()`] learns a model from [`corpus`] sentences ([`corpus::read_uner`],
//!   [`corpus::read_gum`], [`corpus::read_conll`]); [`sources::build_gazetteer`] compiles
//!   the gazetteer from `shared/data/`; [`Scores`] computes span P/R/F1.
//!
//! ```
//! use herald_ner::Ner;
//! let ner = Ner::bundled().unwrap();
//! let tokens = ["Officials", "in", "Paris", "met", "Angela", "Merkel", "."];
//! for span in ner.tag(&tokens) {
//!     println!("{} {}", span.kind, tokens[span.start..span.end].join(" "));
//! }
//! ```
//!
//! **API Boundary:** no I/O but loading and saving models and reading corpora and
//! gazetteer sources (training only); tagging is pure and deterministic.
#![deny(missing_docs)]

pub mod corpus;
mod eval;
mod features;
pub mod gazetteer;
mod labels;
mod model;
pub mod recipe;
mod recognize;
pub mod sources;
mod train;
mod viterbi;

use std::path::{Path, PathBuf};

pub use eval::{Counts, Scores};
pub use labels::{bio_tags, spans_from_tags, LabelSet, Part, TokenSpan};
pub use model::{conll_tags, Ner, Scratch, NORP};
pub use recognize::contract_kind;
pub use train::{add_common, common_words, train, word_case_counts, EpochStats, TrainConfig};

/// What can go wrong loading models, reading corpora or building gazetteers.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A line of a corpus file could not be read; the reader skipped it.
    #[error("{path}: line {line}: {reason}")]
    BadLine {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A model file is damaged, of another kind or of an unsupported version.
    #[error("{path}: {source}")]
    Model {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: Box<NerError>,
    },
    /// The model container reported a problem.
    #[error(transparent)]
    Container(#[from] herald_ml::ModelError),
    /// A gazetteer source or other input is malformed.
    #[error("{0}")]
    Format(String),
}

impl NerError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> NerError {
        NerError::Io { path: path.to_path_buf(), source }
    }
}
