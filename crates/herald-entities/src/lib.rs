//! The entity layer: give me a document with its name mentions, I group them into
//! document-level entities.
//!
//! [`group`] reads `doc.layers.names` (the recognizer's typed mentions) and fills
//! `doc.layers.entities`: one [`Entity`](herald_doc::Entity) per person, organisation or
//! place, with a canonical name (the fullest form the document uses) and every mention.
//! Mentions join an entity, in text order, when
//! - they repeat a name already seen (case-insensitively, same type);
//! - a person is named by a part of a fuller name seen before ("Petrov" after
//!   "Sergei Petrov"), the usual second reference in news style;
//! - an organisation is named by the acronym of a name seen before ("UN" after
//!   "United Nations"), or by the acronym given in brackets after it.
//!
//! Titles, role nouns ("the UN chief") and pronouns are not names and are left to a later
//! stage (coreference).
//!
//! ```
//! use herald_doc::{Article, Doc, Name, Span};
//! let mut doc = Doc::new(Article::new("a", "Sergei Petrov spoke. Petrov left."));
//! for (s, e) in [(0, 6), (7, 13), (14, 19), (19, 20), (21, 27), (28, 32), (32, 33)] {
//!     doc.tokens.push(Span::new(s, e), true);
//! }
//! doc.layers.names.push(Name { tokens: 0..2, span: Span::new(0, 13), kind: "PERSON" });
//! doc.layers.names.push(Name { tokens: 4..5, span: Span::new(21, 27), kind: "PERSON" });
//! herald_entities::group(&mut doc);
//! assert_eq!(doc.layers.entities.len(), 1);
//! assert_eq!(doc.layers.entities[0].name, "Sergei Petrov");
//! assert_eq!(doc.layers.entities[0].mentions.len(), 2);
//! ```
#![deny(missing_docs)]

use herald_doc::{Doc, Entity, Mention, Name};

/// Words left out of acronyms ("Organization of American States" → "OAS").
const ACRONYM_SKIP: &[&str] = &["of", "the", "and", "for", "on", "in", "&"];

/// Groups `doc.layers.names` into `doc.layers.entities` (replacing what was there).
pub fn group(doc: &mut Doc) {
    let mut groups: Vec<Group> = Vec::new();
    for (n, name) in doc.layers.names.iter().enumerate() {
        let words = words_of(doc, name);
        if words.is_empty() {
            continue;
        }
        let defined_acronym = acronym_in_brackets(doc, name, &groups);
        let found = defined_acronym.or_else(|| {
            // The most recent compatible entity wins: news reuses a surname for the person
            // discussed last.
            groups.iter().rposition(|g| g.accepts(name.kind, &words))
        });
        match found {
            Some(i) => groups[i].add(n, name.kind, words),
            None => groups.push(Group::new(n, name.kind, words)),
        }
    }
    doc.layers.entities = groups
        .into_iter()
        .enumerate()
        .map(|(i, g)| Entity {
            id: format!("E{}", i + 1),
            name: g.canonical.join(" "),
            kind: g.kind.to_owned(),
            actor: None,
            actor_reason: None,
            mentions: g.names.iter().map(|&n| Mention::new(doc.layers.names[n].span)).collect(),
        })
        .collect();
}

/// The words of a name, from its tokens (so spacing and line breaks do not matter).
fn words_of(doc: &Doc, name: &Name) -> Vec<String> {
    let range = name.tokens.start as usize..(name.tokens.end as usize).min(doc.tokens.len());
    range
        .map(|t| doc.text_of(doc.tokens.spans[t]))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(str::to_owned)
        .collect()
}

/// For "United Nations (UN)": when `name` is an acronym right after "(" that follows an
/// earlier name, the group of that earlier name.
fn acronym_in_brackets(doc: &Doc, name: &Name, groups: &[Group]) -> Option<usize> {
    let start = name.tokens.start as usize;
    if start < 2 || doc.text_of(doc.tokens.spans[start - 1]) != "(" {
        return None;
    }
    let before = start - 2;
    let i = groups.iter().rposition(|g| {
        g.names.last().is_some_and(|&n| doc.layers.names[n].tokens.end as usize == before + 1)
    })?;
    let acronym = doc.text_of(name.span);
    (is_acronym_shape(acronym) && acronym.len() <= 10).then_some(i)
}

fn is_acronym_shape(word: &str) -> bool {
    word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
}

/// Initials of the significant words ("United Nations" → "UN").
fn acronym_of(words: &[String]) -> String {
    words
        .iter()
        .filter(|w| !ACRONYM_SKIP.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

struct Group {
    kind: &'static str,
    canonical: Vec<String>,
    /// Every distinct form seen, lowercased, for repeat matching.
    forms: Vec<Vec<String>>,
    names: Vec<usize>,
}

impl Group {
    fn new(n: usize, kind: &'static str, words: Vec<String>) -> Group {
        let lower = lowercase(&words);
        Group { kind, canonical: words, forms: vec![lower], names: vec![n] }
    }

    fn add(&mut self, n: usize, kind: &'static str, words: Vec<String>) {
        self.names.push(n);
        let lower = lowercase(&words);
        if !self.forms.contains(&lower) {
            self.forms.push(lower);
        }
        // The fullest form of a person's name is the canonical one; an organisation keeps
        // its first, spelled-out form over a later acronym.
        if kind == self.kind && words.len() > self.canonical.len() {
            self.canonical = words;
        }
    }

    fn accepts(&self, kind: &str, words: &[String]) -> bool {
        let lower = lowercase(words);
        if self.forms.contains(&lower) {
            return kind == self.kind || compatible(kind, self.kind);
        }
        match (kind, self.kind) {
            ("PERSON", "PERSON") => {
                // A part of the full name: surname, or first name + surname without the
                // middle names. Single words only match a whole word of the full name.
                let full = lowercase(&self.canonical);
                lower.len() < full.len()
                    && is_subsequence(&lower, &full)
                    && lower.last() == full.last()
                    || lower.len() == 1 && full.len() > 1 && full.last() == lower.last()
            }
            ("ORG", "ORG") | ("ORG", "GPE") | ("GPE", "ORG") => {
                words.len() == 1
                    && is_acronym_shape(&words[0])
                    && words[0].replace('.', "") == acronym_of(&self.canonical)
            }
            _ => false,
        }
    }
}

/// Kinds that name the same thing in different uses (a country as a place or as a polity).
fn compatible(a: &str, b: &str) -> bool {
    matches!((a, b), ("LOC", "GPE") | ("GPE", "LOC"))
}

fn lowercase(words: &[String]) -> Vec<String> {
    words.iter().map(|w| w.to_lowercase()).collect()
}

fn is_subsequence(part: &[String], whole: &[String]) -> bool {
    let mut it = whole.iter();
    part.iter().all(|p| it.any(|w| w == p))
}

#[cfg(test)]
mod tests {
    use herald_doc::{Article, Doc, Name, Span};

    /// Builds a document whose tokens are the whitespace-separated words of `text` and whose
    /// names are the given word ranges, then groups it.
    fn check(text: &str, names: &[(usize, usize, &'static str)], expected: &[(&str, usize)]) {
        let mut doc = Doc::new(Article::new("t", text));
        let mut pos = 0;
        for w in text.split(' ') {
            doc.tokens.push(Span::new(pos as u32, (pos + w.len()) as u32), true);
            pos += w.len() + 1;
        }
        for &(s, e, kind) in names {
            let span = Span::new(doc.tokens.spans[s].start, doc.tokens.spans[e - 1].end);
            doc.layers.names.push(Name { tokens: s as u32..e as u32, span, kind });
        }
        super::group(&mut doc);
        let got: Vec<(&str, usize)> =
            doc.layers.entities.iter().map(|e| (e.name.as_str(), e.mentions.len())).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn surname_joins_the_full_name() {
        check(
            "Maria Lopez met John Smith . Smith and Lopez spoke",
            &[(0, 2, "PERSON"), (3, 5, "PERSON"), (6, 7, "PERSON"), (8, 9, "PERSON")],
            &[("Maria Lopez", 2), ("John Smith", 2)],
        );
    }

    #[test]
    fn acronym_in_brackets_and_later_acronym_join() {
        check(
            "the World Health Organization ( WHO ) said . WHO added",
            &[(1, 4, "ORG"), (5, 6, "ORG"), (9, 10, "ORG")],
            &[("World Health Organization", 3)],
        );
    }

    #[test]
    fn different_kinds_stay_apart() {
        check(
            "Jordan visited Jordan",
            &[(0, 1, "PERSON"), (2, 3, "GPE")],
            &[("Jordan", 1), ("Jordan", 1)],
        );
    }

    #[test]
    fn a_first_name_alone_does_not_join() {
        check(
            "John Smith met John",
            &[(0, 2, "PERSON"), (3, 4, "PERSON")],
            &[("John Smith", 1), ("John", 1)],
        );
    }
}
