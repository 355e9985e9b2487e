//! End-to-end tests of the recognizer: training on a tiny fixture, determinism, model
//! files, span invariants, and the bundled model on news sentences.

use std::path::{Path, PathBuf};

use herald_ner::corpus::{read_conll, Sentence};
use herald_ner::gazetteer::GazetteerBuilder;
use herald_ner::{train, LabelSet, Ner, Scratch, TrainConfig};
use proptest::prelude::*;

fn fixture() -> Vec<Sentence> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tiny.conll");
    let c = read_conll(&path).unwrap();
    assert!(c.skipped.is_empty());
    c.sentences
}

fn tiny_model() -> Ner {
    let mut g = GazetteerBuilder::new();
    g.add("Quito", herald_ner::gazetteer::CITY);
    let cfg = TrainConfig { epochs: 5, ..TrainConfig::default() };
    train(&fixture(), g.build(), &cfg, |_| {})
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("herald-ner-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn tiny_training_is_deterministic_and_learns_the_fixture() {
    let a = tiny_model();
    let b = tiny_model();
    assert_eq!(a.to_bytes().unwrap(), b.to_bytes().unwrap());
    let spans = a.tag(&["Maria", "Lopez", "visited", "Lima", "."]);
    let kinds: Vec<(usize, usize, &str)> =
        spans.iter().map(|s| (s.start, s.end, s.kind.as_str())).collect();
    assert_eq!(kinds, vec![(0, 2, "PER"), (3, 4, "LOC")]);
}

#[test]
fn saved_and_loaded_model_gives_identical_output() {
    let ner = tiny_model();
    let path = tmp("tiny.bin.gz");
    ner.save(&path).unwrap();
    let back = Ner::load(&path).unwrap();
    assert_eq!(back, ner);
    for s in fixture() {
        let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
        assert_eq!(back.tag(&toks), ner.tag(&toks));
    }
}

#[test]
fn bad_model_files_are_errors_not_panics() {
    let good = tiny_model().to_bytes().unwrap();
    assert!(Ner::from_bytes(b"").is_err());
    assert!(Ner::from_bytes(b"not a model at all").is_err());
    for cut in [10, good.len() / 3, good.len() / 2, good.len() - 9] {
        assert!(Ner::from_bytes(&good[..cut]).is_err(), "cut at {cut}");
    }
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x5a;
    assert!(Ner::from_bytes(&flipped).is_err());
    let missing = Ner::load(Path::new("/nonexistent/ner.bin.gz")).unwrap_err();
    assert!(missing.to_string().contains("/nonexistent/ner.bin.gz"));
    let path = tmp("garbage.bin.gz");
    std::fs::write(&path, b"\x1f\x8bgarbage").unwrap();
    let err = Ner::load(&path).unwrap_err().to_string();
    assert!(err.contains("garbage.bin.gz"), "{err}");
}

#[test]
fn bundled_model_loads_fast_and_tags_news() {
    let t = std::time::Instant::now();
    let ner = Ner::bundled().unwrap();
    assert!(t.elapsed().as_secs_f64() < 2.0, "load took {:?}", t.elapsed());
    let toks = [
        "Russian",
        "Foreign",
        "Minister",
        "Sergei",
        "Lavrov",
        "met",
        "officials",
        "in",
        "Mariupol",
        "and",
        "Kiev",
        ".",
    ];
    let spans = ner.tag(&toks);
    let found: Vec<(String, &str)> =
        spans.iter().map(|s| (toks[s.start..s.end].join(" "), s.kind.as_str())).collect();
    assert!(found.contains(&("Sergei Lavrov".to_string(), "PER")), "{found:?}");
    assert!(found.contains(&("Mariupol".to_string(), "LOC")), "{found:?}");
    assert!(found.contains(&("Kiev".to_string(), "LOC")), "{found:?}");
    assert!(found.contains(&("Russian".to_string(), "NORP")), "{found:?}");
}

#[test]
fn recognize_fills_names_inside_sentences_and_propagates_surnames() {
    let ner = Ner::bundled().unwrap();
    let text = "UN Secretary-General Antonio Guterres arrived in Moscow on Tuesday.\n\n\
                Guterres said the talks were useful.";
    let mut doc = herald_doc::Doc::new(herald_doc::Article::new("t", text));
    herald_text::segment(&mut doc);
    ner.annotate(&mut doc);
    let names: Vec<(&str, &str)> =
        doc.layers.names.iter().map(|n| (doc.text_of(n.span), n.kind)).collect();
    assert!(names.contains(&("Antonio Guterres", "PERSON")), "{names:?}");
    assert!(names.contains(&("Guterres", "PERSON")), "{names:?}");
    assert!(names.contains(&("Moscow", "LOC")), "{names:?}");
    for n in &doc.layers.names {
        assert!(doc
            .sentences
            .iter()
            .any(|s| s.tokens.start <= n.tokens.start && n.tokens.end <= s.tokens.end));
    }
}

/// The bundled model, loaded once for all property-test cases.
fn bundled() -> &'static Ner {
    static NER: std::sync::OnceLock<Ner> = std::sync::OnceLock::new();
    NER.get_or_init(|| Ner::bundled().unwrap())
}

fn well_formed_bio(tags: &[String]) -> bool {
    let mut prev: Option<&str> = None;
    for t in tags {
        if let Some(k) = t.strip_prefix("I-") {
            if prev != Some(k) {
                return false;
            }
        }
        prev = t.strip_prefix("B-").or_else(|| t.strip_prefix("I-"));
        if !(t == "O" || t.starts_with("B-") || t.starts_with("I-")) {
            return false;
        }
    }
    true
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn spans_stay_in_bounds_and_bio_is_well_formed(
        words in proptest::collection::vec(
            prop_oneof![
                Just("Paris".to_string()), Just("the".to_string()), Just("John".to_string()),
                Just("Smith".to_string()), Just(",".to_string()), Just("UN".to_string()),
                Just("Bank".to_string()), Just("of".to_string()), Just("said".to_string()),
                "[A-Za-z.\\-']{1,8}",
            ],
            0..30,
        )
    ) {
        let ner = bundled();
        let toks: Vec<&str> = words.iter().map(String::as_str).collect();
        let spans = ner.tag(&toks);
        let mut last_end = 0;
        for s in &spans {
            prop_assert!(s.start < s.end && s.end <= toks.len());
            prop_assert!(s.start >= last_end, "overlap in {:?}", spans);
            last_end = s.end;
        }
        let tags = ner.bio(&toks, &mut Scratch::default());
        prop_assert_eq!(tags.len(), toks.len());
        prop_assert!(well_formed_bio(&tags), "{:?}", tags);
    }

    #[test]
    fn label_spans_round_trip(cuts in proptest::collection::vec((0usize..3, 1usize..4), 0..8)) {
        let ls = LabelSet::new(["PER", "ORG", "LOC"]);
        let mut spans = Vec::new();
        let mut at = 0;
        for (t, len) in cuts {
            at += 1; // a gap so that names never touch
            spans.push(herald_ner::TokenSpan { start: at, end: at + len, kind: ls.types()[t].clone() });
            at += len;
        }
        let labels = ls.encode(at + 1, &spans);
        prop_assert_eq!(ls.spans(&labels), spans);
    }
}
