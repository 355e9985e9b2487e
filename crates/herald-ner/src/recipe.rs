//! The training recipe shared by `herald train ner` and the benchmarks: read training
//! files by format, build the gazetteer, train, score on a dev set.

use std::path::{Path, PathBuf};

use crate::corpus::{read_conll, read_gum, read_uner, Corpus, Sentence};
use crate::eval::Scores;
use crate::gazetteer::Gazetteer;
use crate::model::{Ner, Scratch};
use crate::sources::{build_gazetteer, GazetteerSources};
use crate::train::{add_common, common_words, word_case_counts};
use crate::NerError;

/// GUM documents left out of training by default: fiction and wikiHow are licensed
/// CC BY-NC-SA, which a shipped model must not depend on.
pub const GUM_NC_DOCS: [&str; 2] = ["GUM_fiction_", "GUM_whow_"];

/// Reads a training or evaluation file, choosing the reader by extension: `.iob2` is
/// Universal NER, `.conllu` is GUM's entity layer (without [`GUM_NC_DOCS`]), anything
/// else CoNLL-2003-style columns.
pub fn read_any(path: &Path) -> Result<Corpus, NerError> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext {
        "iob2" => read_uner(path),
        "conllu" => read_gum(path, &GUM_NC_DOCS),
        _ => read_conll(path),
    }
}

/// Reads several files into one list of sentences plus the skipped-line errors.
pub fn read_all(paths: &[PathBuf]) -> Result<Corpus, NerError> {
    let mut all = Corpus::default();
    for p in paths {
        let c = read_any(p)?;
        all.sentences.extend(c.sentences);
        all.skipped.extend(c.skipped);
    }
    Ok(all)
}

/// Builds the gazetteer from `data` (a folder laid out as `shared/data/`), pruned and
/// flagged with the training text's common lower-case words. `None` gives an empty one
/// (plus the common-word flags).
pub fn gazetteer_for(
    train: &[Sentence],
    data: Option<&Path>,
    src: &GazetteerSources,
) -> Result<Gazetteer, NerError> {
    let counts = word_case_counts(train);
    let common = common_words(&counts, 2);
    let mut b = match data {
        Some(d) => build_gazetteer(d, src, &common)?,
        None => crate::gazetteer::GazetteerBuilder::new(),
    };
    add_common(&mut b, &common);
    Ok(b.build())
}

/// Span scores of `ner` on gold sentences, counting PER, ORG and LOC. With
/// `documents`, sentences are tagged a document at a time ([`Ner::tag_document`],
/// documents starting at [`Sentence::doc_start`]); otherwise one by one ([`Ner::tag`]).
pub fn evaluate(ner: &Ner, gold: &[Sentence], documents: bool) -> Scores {
    let mut scores = Scores::new(["PER", "ORG", "LOC"]);
    let mut scratch = Scratch::default();
    if !documents {
        for s in gold {
            let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            let pred = ner.tag_with(&toks, &mut scratch);
            scores.add(&s.spans, &pred);
        }
        return scores;
    }
    for doc in documents_of(gold) {
        let sents: Vec<&[String]> = doc.iter().map(|s| s.tokens.as_slice()).collect();
        for (s, pred) in doc.iter().zip(ner.tag_document(&sents)) {
            scores.add(&s.spans, &pred);
        }
    }
    scores
}

/// Splits sentences into documents at [`Sentence::doc_start`].
pub fn documents_of(sentences: &[Sentence]) -> Vec<&[Sentence]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, s) in sentences.iter().enumerate() {
        if s.doc_start && i > start {
            out.push(&sentences[start..i]);
            start = i;
        }
    }
    if start < sentences.len() {
        out.push(&sentences[start..]);
    }
    out
}
