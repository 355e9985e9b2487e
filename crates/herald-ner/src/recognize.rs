//! The pipeline edge: names over a [`Doc`]'s tokens and sentences, as
//! [`herald_doc::Name`] mentions for `doc.layers.names`.

use std::collections::HashMap;

use herald_doc::{Doc, Name, Span, TokenId};

use crate::gazetteer::COMMON;
use crate::labels::TokenSpan;
use crate::model::{Ner, Scratch, NORP};

/// The output contract's type for a model type: `PER` → `PERSON`; `ORG`, `LOC`, `NORP`
/// and `MISC` unchanged (telling GPE from LOC is left to the places stage).
pub fn contract_kind(kind: &str) -> &'static str {
    match kind {
        "PER" => "PERSON",
        "ORG" => "ORG",
        "LOC" => "LOC",
        "NORP" => "NORP",
        _ => "MISC",
    }
}

impl Ner {
    /// The name mentions of a document whose tokens and sentences are filled, in text
    /// order. Every mention lies inside one sentence. Sentences are tagged as by
    /// [`Ner::tag_document`], with its document-level pass.
    pub fn recognize(&self, doc: &Doc) -> Vec<Name> {
        let mut sentences: Vec<Vec<&str>> = Vec::with_capacity(doc.sentences.len());
        for si in 0..doc.sentences.len() {
            let range = doc.sentence_tokens(si);
            if range.end > doc.tokens.len() || range.start > range.end {
                sentences.push(Vec::new()); // inconsistent input: fewer names, no panic
                continue;
            }
            sentences.push(range.map(|t| doc.text_of(doc.tokens.spans[t])).collect());
        }
        let mut per_sentence = self.tag_document(&sentences);
        // Edited news capitalises names: a "name" with no capital letter or digit is a
        // mistake there (the web text the model learns from is less careful).
        for (si, spans) in per_sentence.iter_mut().enumerate() {
            spans.retain(|sp| {
                sentences[si][sp.start..sp.end]
                    .iter()
                    .any(|t| t.chars().any(|c| c.is_uppercase() || c.is_ascii_digit()))
            });
        }
        let mut out = Vec::new();
        for (si, spans) in per_sentence.into_iter().enumerate() {
            let start = doc.sentences[si].tokens.start;
            for sp in spans {
                let first = start + sp.start as TokenId;
                let last = start + sp.end as TokenId;
                let span = Span::new(
                    doc.tokens.spans[first as usize].start,
                    doc.tokens.spans[last as usize - 1].end,
                );
                out.push(Name { tokens: first..last, span, kind: contract_kind(&sp.kind) });
            }
        }
        out
    }

    /// The names in each sentence of one document.
    ///
    /// After tagging each sentence, one document-level pass adds what a sentence alone
    /// misses: a capitalised token left outside any name that the document elsewhere
    /// tags as a one-token name, or as the last word of a person's name, gets that type
    /// (news writes "Antonio Hartmann" once, then "Hartmann said" at the start of a
    /// sentence, where a capitalised unknown word is ambiguous). Tokens the training
    /// text often writes in lower case, and strings tagged with two types, are left out.
    pub fn tag_document<S: AsRef<[T]>, T: AsRef<str>>(
        &self,
        sentences: &[S],
    ) -> Vec<Vec<TokenSpan>> {
        let mut scratch = Scratch::default();
        let mut toks: Vec<&str> = Vec::new();
        let mut per_sentence: Vec<Vec<TokenSpan>> = Vec::with_capacity(sentences.len());
        for s in sentences {
            toks.clear();
            toks.extend(s.as_ref().iter().map(AsRef::as_ref));
            per_sentence.push(self.tag_with(&toks, &mut scratch));
        }
        self.propagate(sentences, &mut per_sentence);
        per_sentence
    }

    /// The document-level pass of [`Ner::tag_document`].
    fn propagate<S: AsRef<[T]>, T: AsRef<str>>(
        &self,
        sentences: &[S],
        per_sentence: &mut [Vec<TokenSpan>],
    ) {
        let text = |si: usize, k: usize| sentences[si].as_ref()[k].as_ref();
        // Token text -> the one type it names in this document (None: ambiguous).
        let mut known: HashMap<&str, Option<&str>> = HashMap::new();
        for (si, spans) in per_sentence.iter().enumerate() {
            for sp in spans {
                if sp.kind == NORP {
                    continue;
                }
                let key = if sp.end - sp.start == 1 {
                    text(si, sp.start)
                } else if sp.kind == "PER" {
                    text(si, sp.end - 1)
                } else {
                    continue;
                };
                let kind = self.types().iter().find(|t| **t == sp.kind).map(String::as_str);
                known
                    .entry(key)
                    .and_modify(|k| {
                        if *k != kind {
                            *k = None
                        }
                    })
                    .or_insert(kind);
            }
        }
        if known.is_empty() {
            return;
        }
        for (si, spans) in per_sentence.iter_mut().enumerate() {
            let mut covered = vec![false; sentences[si].as_ref().len()];
            for sp in spans.iter() {
                covered[sp.start..sp.end].iter_mut().for_each(|c| *c = true);
            }
            let mut added = false;
            for (k, c) in covered.iter().enumerate() {
                let t = text(si, k);
                if *c || !t.chars().next().is_some_and(char::is_uppercase) {
                    continue;
                }
                if let Some(Some(kind)) = known.get(t) {
                    if self.gaz.word_bits(t) & COMMON == 0 {
                        spans.push(TokenSpan { start: k, end: k + 1, kind: kind.to_string() });
                        added = true;
                    }
                }
            }
            if added {
                spans.sort();
            }
        }
    }

    /// Fills `doc.layers.names` with [`Ner::recognize`].
    pub fn annotate(&self, doc: &mut Doc) {
        doc.layers.names = self.recognize(doc);
    }
}
