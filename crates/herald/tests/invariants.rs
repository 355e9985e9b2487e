//! Invariants of the whole pipeline's output on arbitrary text: every span lies inside the
//! text on character boundaries, every mention inside one sentence, every token parsed.

use herald::{Article, Pipeline};
use proptest::prelude::*;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new().expect("bundled models load"))
}

/// Words that make the later stages fire: names, titles, countries, pronouns, quotes.
const WORDS: &[&str] = &[
    "The",
    "the",
    "President",
    "Anna",
    "Kovacs",
    "said",
    "he",
    "she",
    "it",
    "they",
    "Russia",
    "Moscow",
    "Kenyan",
    "police",
    "in",
    "on",
    "sanctions",
    "UN",
    "United",
    "Nations",
    "(",
    ")",
    ",",
    ".",
    "\"",
    "“",
    "”",
    "'s",
    "Minister",
    "Foreign",
    "met",
    "Western",
    "countries",
    "é",
    "\n\n",
    "-",
    "...",
    "troops",
    "NATO",
    "Kyiv",
    "to",
    "travel",
    "?",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn spans_stay_inside_text_and_sentences(words in proptest::collection::vec(0..WORDS.len(), 0..80), noise in ".{0,20}") {
        let mut text: String = words.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
        text.push_str(&noise);
        let doc = pipeline().annotate(Article::new("p", text.clone()));
        let n = doc.tokens.len();
        if doc.article.language.as_ref().is_none_or(|l| l.is_english()) {
            prop_assert!(doc.tokens.is_parsed() || n == 0);
        }
        for s in &doc.tokens.spans {
            prop_assert!(s.get(&text).is_some(), "token span {s:?} not on char boundaries");
        }
        for (t, head) in doc.tokens.head.iter().enumerate() {
            if let Some(h) = head {
                prop_assert!((*h as usize) < n);
                let same = doc.sentences.iter().any(|s| s.tokens.contains(&(t as u32)) && s.tokens.contains(h));
                prop_assert!(same, "head of {t} leaves its sentence");
            }
        }
        for e in &doc.layers.entities {
            prop_assert!(!e.mentions.is_empty());
            for m in &e.mentions {
                prop_assert!(m.span.get(&text).is_some());
                let inside = doc.sentences.iter().any(|s| s.span.contains(m.span));
                prop_assert!(inside, "mention {:?} crosses a sentence", m.span);
            }
        }
        // The contract's JSON is always valid and its character offsets in range.
        let json = herald::output::annotation(&doc).to_json();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let chars = text.chars().count() as u64;
        for t in value["tokens"].as_array().unwrap() {
            prop_assert!(t["end"].as_u64().unwrap() <= chars);
        }
    }
}
