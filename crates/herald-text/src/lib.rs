//! The text layer: tokenization and sentence splitting for news English.
//!
//! [`segment`] fills a [`Doc`]'s token table and sentences from its article text. It is
//! rule-based and works on bytes: a tokenizer cuts the text into tokens the way
//! Universal Dependencies English (EWT, GUM) does — punctuation split off, clitics and
//! possessives split (`Moscow 's`, `do n't`, `ca n't`, `gon na`), abbreviations and
//! initials keeping their period (`Gen.`, `U.S.`, `J.`), numbers, URLs, e-mail addresses,
//! hashtags and @mentions whole — and records a kind per token; a splitter then reads
//! the kinds to cut sentences at final punctuation (with the closing quotes that follow
//! it), at paragraph breaks and after heading-like lines. Last, a small learned
//! [`BoundaryModel`] (logistic regression over hashed features of the words around each
//! gap, embedded in the binary) adds the boundaries that no punctuation marks — e-mail
//! headers and signatures, unpunctuated answers and reviews — where it is confident; it
//! never cuts after a dateline and only adds boundaries, so punctuated news comes out as
//! the rules cut it. [`train`] retrains it from CoNLL-U ([`conllu_documents`]).
//!
//! ```
//! use herald_doc::{Article, Doc};
//! let mut doc = Doc::new(Article::new(
//!     "a1",
//!     "MOSCOW, April 26 (Reuters) - Gen. Smith didn't go. \"We're ready,\" he said.",
//! ));
//! herald_text::segment(&mut doc);
//! let words: Vec<&str> = doc.tokens.spans.iter().map(|&s| doc.text_of(s)).collect();
//! assert_eq!(&words[8..13], ["Gen.", "Smith", "did", "n't", "go"]);
//! assert_eq!(doc.sentences.len(), 2);
//! assert_eq!(doc.text_of(doc.sentences[1].span), "\"We're ready,\" he said.");
//! ```
//!
//! **Invariants.** Tokens are non-empty, in order, disjoint and on `char` boundaries;
//! every non-white-space character lies in a token; sentences partition the tokens, are
//! never empty and never cross a paragraph break (a line holding only white space).
//! Any input is accepted: nothing panics, whatever the bytes.
//!
//! **Speed.** One pass over the bytes for tokens, one over the tokens for sentences, one
//! over the gaps for the model (integer weights, a 128 KiB table); no regular expressions
//! and no allocation per token: about 40 MB/s per core, 95 MB/s with the rules alone
//! ([`segment_with`]`(doc, None)`; see `bench/seg/RESULTS.md` and
//! `cargo bench -p herald-text`).
//!
//! **Accuracy.** Token F1 0.999 on UD English GUM dev and 0.991 on EWT dev; sentence F1
//! 0.962 on GUM dev, 1.000 on its news, and 0.907 on EWT dev (0.871 with the rules
//! alone), whose remaining misses are mostly e-mail name lists and run-on chat.
#![deny(missing_docs)]

mod boundary;
mod chars;
mod lexicon;
mod split;
mod tokenize;
mod train;

pub use boundary::{BoundaryModel, ModelError};
pub use train::{conllu_documents, train, Counts, SweepRow, TrainConfig, TrainDoc, TrainReport};

use herald_doc::Doc;

/// Fills `doc.tokens` and `doc.sentences` from `doc.article.text`, replacing what they
/// held: the rules, then the bundled boundary model ([`BoundaryModel::bundled`]).
///
/// Spans are `u32` byte offsets, so a text longer than 4 GiB (which ingestion never
/// produces) is segmented up to that length only, rather than given wrong offsets.
pub fn segment(doc: &mut Doc) {
    segment_with(doc, BoundaryModel::bundled());
}

/// [`segment`] with another boundary model, or with the rules alone (`None`).
pub fn segment_with(doc: &mut Doc, model: Option<&BoundaryModel>) {
    let text = addressable(&doc.article.text);
    let mut kinds = Vec::new();
    tokenize::tokenize(text, &mut doc.tokens, &mut kinds);
    split::split(text, &doc.tokens, &kinds, &mut doc.sentences);
    if let Some(m) = model {
        m.refine(text, &doc.tokens, &kinds, &mut doc.sentences);
    }
}

/// The longest prefix of `text` whose byte offsets fit a `u32`.
fn addressable(text: &str) -> &str {
    let mut end = text.len().min(u32::MAX as usize);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests;
