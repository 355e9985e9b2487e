//! The coreference stage: give me a document with its named entities, I add the mentions
//! that are not names — role and title phrases and pronouns — to those entities.
//!
//! [`resolve`] runs after the name grouping (`herald_entities::group`) and before actor
//! coding. It never creates an entity: herald tracks named entities, so "the UN chief" and
//! "he" only matter once they are known to be António Hartmann. It works as a ranked,
//! rule-based multi-pass sieve in the manner of the Stanford sieve (Lee et al. 2013,
//! "Deterministic coreference resolution based on entity-centric, precision-ranked
//! rules"): the most precise evidence links first, and later passes build on it.
//!
//! 1. **Appositions and predicate nominatives**: "Petrov, the Russian foreign minister,";
//!    "the UN chief, António Hartmann,"; "Hartmann is the head of the UN". The linked
//!    description also becomes a title of the entity for pass 2.
//! 2. **Role and title phrases**: a definite phrase headed by a title noun ("the Russian
//!    foreign minister") joins the person last named with a compatible title
//!    ("Russian Foreign Minister Sergei Petrov"): same title class (chief ≈ head ≈ leader ≈
//!    secretary-general), and every modifier of the phrase found among the title's
//!    modifiers or the person's words ("UN" in both, "Russian" ≈ "Russia"). A phrase headed
//!    by a word of an organisation's or place's name joins it ("the ministry" after "the
//!    Foreign Ministry"); a bare generic noun ("the group", "the country") joins the only
//!    organisation or place named in the last two sentences.
//! 3. **Pronouns**: he/she/it and their forms take the best antecedent in the same or the
//!    previous two sentences that agrees in gender (first names, titles, earlier pronouns),
//!    number and animacy (persons vs organisations and places), ranked by distance, then
//!    subjects first, then recency; a pronoun outside a quote does not point into it
//!    ("'Putin is wrong,' he said") and one inside a quote does not point to its speaker;
//!    an object pronoun is never its clause's subject ("Putin praised him"); "it" is
//!    resolved only as the subject of an action verb ("it said", not "it is true" or
//!    "think of it"); no cataphora.
//!    Unnamed noun phrases and unresolved pronouns compete as candidates too, and *block*:
//!    when "the mechanic" is the best antecedent of "he", the pronoun stays unresolved
//!    rather than jumping to a named person further back. Two equally ranked candidates
//!    also leave it unresolved, because an unresolved pronoun costs an event coder less
//!    than a wrong one. `they`/`them`/`their` are off by default ([`Config`]).
//! 4. **First person in quotes**: "I", "me", "my" inside quotation marks join the speaker the
//!    attribution names ('"I am ready," Hartmann said').
//!
//! Measured on GUM (gold parses and names, key restricted to named entities): CoNLL F1 34.8
//! with names only, 49.3 with this stage on dev (all genres), 37.4 → 62.3 on dev news;
//! about 10M words/s. See `bench/coref/RESULTS.md`.
//!
//! ```
//! use herald_doc::{Article, Doc, Name, Span, Upos};
//! // "Hartmann arrived . He spoke ." with its tags and tree.
//! let mut doc = Doc::new(Article::new("a", "Hartmann arrived. He spoke."));
//! let words = [(0, 8, Upos::Propn, "nsubj", Some(1)), (9, 16, Upos::Verb, "root", None),
//!              (16, 17, Upos::Punct, "punct", Some(1)), (18, 20, Upos::Pron, "nsubj", Some(4)),
//!              (21, 26, Upos::Verb, "root", None), (26, 27, Upos::Punct, "punct", Some(4))];
//! for (s, e, upos, rel, head) in words {
//!     doc.tokens.push(Span::new(s, e), true);
//!     doc.tokens.upos.push(upos);
//!     doc.tokens.xpos.push("XX");
//!     doc.tokens.deprel.push(herald_doc::intern_deprel(rel));
//!     doc.tokens.head.push(head);
//!     doc.tokens.push_lemma(&doc.article.text[s as usize..e as usize].to_lowercase());
//! }
//! doc.sentences.push(herald_doc::Sentence { span: Span::new(0, 17), tokens: 0..3, paragraph: 0 });
//! doc.sentences.push(herald_doc::Sentence { span: Span::new(18, 27), tokens: 3..6, paragraph: 0 });
//! doc.layers.names.push(Name { tokens: 0..1, span: Span::new(0, 8), kind: "PERSON" });
//! herald_entities::group(&mut doc);
//! herald_coref::resolve(&mut doc);
//! let texts: Vec<&str> =
//!     doc.layers.entities[0].mentions.iter().map(|m| doc.text_of(m.span)).collect();
//! assert_eq!(texts, ["Hartmann", "He"]);
//! ```
#![deny(missing_docs)]

mod lexicon;
mod sieve;
#[cfg(test)]
mod tests;

pub use sieve::{resolve, resolve_with, Config};
