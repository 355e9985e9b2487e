//! Training on a tiny corpus: it works, it is deterministic, saved models behave identically,
//! every output is a well-formed tree, and damaged model files are errors, not panics.

use std::io::Read;
use std::path::PathBuf;
use std::sync::OnceLock;

use herald_ml::conllu::{Sentence, Word};
use herald_syntax::*;
use proptest::prelude::*;

fn fixture() -> Vec<Sentence> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/tiny.conllu");
    let corpus = read_corpus(&[path], NON_COMMERCIAL_DOCS).unwrap();
    assert!(corpus.bad_lines.is_empty(), "{:?}", corpus.bad_lines);
    assert!(corpus.sentences.len() >= 30);
    corpus.sentences
}

fn configs() -> (TaggerConfig, ParserConfig) {
    let t = TaggerConfig { epochs: 3, ..Default::default() };
    let p = ParserConfig {
        epochs: 8,
        jackknife: 2,
        min_label_count: 1,
        // Features of a 33-sentence corpus are rare: keep them all.
        prune: herald_ml::Prune { min_abs: 0.01, min_updates: 1 },
        ..Default::default()
    };
    (t, p)
}

fn train() -> Models {
    let sents = fixture();
    let (t, p) = configs();
    let tagger = train_tagger(&sents, &t, &Progress::quiet());
    let parser = train_parser(&sents, &p, &t, &Progress::quiet());
    Models { tagger, parser }
}

fn models() -> &'static Models {
    static M: OnceLock<Models> = OnceLock::new();
    M.get_or_init(train)
}

fn bytes(m: &Models) -> (Vec<u8>, Vec<u8>) {
    let (mut t, mut p) = (Vec::new(), Vec::new());
    m.tagger.save(&mut t).unwrap();
    m.parser.save(&mut p).unwrap();
    (t, p)
}

#[test]
fn training_is_deterministic() {
    let a = bytes(models());
    let b = bytes(&train());
    assert!(a.0 == b.0, "tagger bytes differ");
    assert!(a.1 == b.1, "parser bytes differ");
}

#[test]
fn training_fits_the_training_data() {
    let m = models();
    let s = evaluate(m, &fixture());
    assert!(s.upos > 0.9, "{s:?}");
    assert!(s.uas > 0.75, "{s:?}");
}

#[test]
fn saved_and_loaded_models_give_identical_output() {
    let m = models();
    let (t, p) = bytes(m);
    let loaded =
        Models { tagger: Tagger::load(&t[..]).unwrap(), parser: Parser::load(&p[..]).unwrap() };
    assert_eq!(&loaded, m);
    let dir = std::env::temp_dir().join(format!("herald-syntax-test-{}", std::process::id()));
    m.save(&dir).unwrap();
    let from_dir = Models::load(&dir).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    for s in fixture() {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(m.analyze(&forms), loaded.analyze(&forms));
        assert_eq!(m.analyze(&forms), from_dir.analyze(&forms));
    }
}

#[test]
fn annotate_keeps_tokens_and_comments() {
    let m = models();
    for s in fixture() {
        let mut p = s.clone();
        m.annotate_sentence(&mut p);
        assert_eq!(p.comments, s.comments);
        assert_eq!(p.multiword, s.multiword);
        let forms = |x: &Sentence| x.words.iter().map(|w| w.form.clone()).collect::<Vec<_>>();
        assert_eq!(forms(&p), forms(&s));
        assert!(p.is_tree());
    }
}

fn check_tree(m: &Models, forms: &[&str]) {
    let a = m.analyze(forms);
    assert_eq!(a.tags.len(), forms.len());
    assert_eq!(a.lemmas.len(), forms.len());
    assert_eq!(a.arcs.len(), forms.len());
    let mut s = Sentence::default();
    for (i, f) in forms.iter().enumerate() {
        let mut w = Word::new(i as u32 + 1, f);
        w.head = Some(a.arcs[i].head);
        s.words.push(w);
    }
    assert!(forms.is_empty() || s.is_tree(), "not a tree: {forms:?} {:?}", a.arcs);
    for (i, arc) in a.arcs.iter().enumerate() {
        let label = m.parser.label_name(arc.label);
        assert_eq!(label == "root", arc.head == 0, "word {i}: {label} head {}", arc.head);
        assert!(!m.tagger.upos(a.tags[i]).is_empty());
    }
}

#[test]
fn empty_and_single_word_sentences() {
    check_tree(models(), &[]);
    check_tree(models(), &["Hello"]);
    check_tree(models(), &["", " ", "\u{0}"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn every_word_gets_a_tag_and_heads_form_one_tree(
        words in proptest::collection::vec("[A-Za-z0-9.,'\\-]{1,8}|the|of|is|\\.|said", 1..60)
    ) {
        let forms: Vec<&str> = words.iter().map(String::as_str).collect();
        check_tree(models(), &forms);
    }
}

fn gunzip(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(b).read_to_end(&mut out).unwrap();
    out
}

fn gzip(raw: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(raw).unwrap();
    gz.finish().unwrap()
}

#[test]
fn damaged_model_files_are_errors_not_panics() {
    let (t, p) = bytes(models());
    // About 40 cuts and 40 flips per file: enough to cross every section boundary.
    let step = |len: usize| (len / 40).max(1);
    for n in (0..t.len()).step_by(step(t.len())) {
        assert!(Tagger::load(&t[..n]).is_err(), "tagger prefix {n}");
    }
    for n in (0..p.len()).step_by(step(p.len())) {
        assert!(Parser::load(&p[..n]).is_err(), "parser prefix {n}");
    }
    let (rt, rp) = (gunzip(&t), gunzip(&p));
    for n in (0..rt.len()).step_by(step(rt.len())) {
        assert!(Tagger::load(&gzip(&rt[..n])[..]).is_err(), "tagger payload prefix {n}");
    }
    for n in (0..rp.len()).step_by(step(rp.len())) {
        assert!(Parser::load(&gzip(&rp[..n])[..]).is_err(), "parser payload prefix {n}");
    }
    for i in (0..rt.len()).step_by(step(rt.len())) {
        let mut bad = rt.clone();
        bad[i] ^= 0xA5;
        let _ = Tagger::load(&gzip(&bad)[..]);
    }
    for i in (0..rp.len()).step_by(step(rp.len())) {
        let mut bad = rp.clone();
        bad[i] ^= 0xA5;
        let _ = Parser::load(&gzip(&bad)[..]);
    }
    // A parser file is not a tagger.
    let e = Tagger::load(&p[..]).unwrap_err();
    assert!(e.to_string().contains("expected a herald-tagger model"), "{e}");
}

fn beam_train() -> Models {
    let sents = fixture();
    let (t, p) = configs();
    let tagger = train_tagger(&sents, &t, &Progress::quiet());
    let parser = train_parser(&sents, &ParserConfig { beam: 4, ..p }, &t, &Progress::quiet());
    Models { tagger, parser }
}

fn beam_models() -> &'static Models {
    static M: OnceLock<Models> = OnceLock::new();
    M.get_or_init(beam_train)
}

/// The model version in a parser file's header.
fn parser_file_version(file: &[u8]) -> u32 {
    let raw = gunzip(file);
    // Magic (8), format version (4), kind (a varint length, here one byte, then the bytes).
    let at = 8 + 4 + 1 + raw[12] as usize;
    u32::from_le_bytes(raw[at..at + 4].try_into().unwrap())
}

#[test]
fn beam_training_is_deterministic_and_round_trips() {
    let m = beam_models();
    assert_eq!(m.parser.beam(), 4);
    assert_eq!(models().parser.beam(), 1);
    let a = bytes(m);
    assert!(a.1 == bytes(&beam_train()).1, "beam parser bytes differ");
    // Greedy parsers keep the original file layout (version 1); a beam adds a section.
    assert_eq!(parser_file_version(&bytes(models()).1), 1);
    assert_eq!(parser_file_version(&a.1), 2);
    let loaded = Parser::load(&a.1[..]).unwrap();
    assert_eq!(&loaded, &m.parser);
    let s = evaluate(m, &fixture());
    assert!(s.uas > 0.75, "{s:?}");
    for n in (0..a.1.len()).step_by((a.1.len() / 40).max(1)) {
        assert!(Parser::load(&a.1[..n]).is_err(), "beam parser prefix {n}");
    }
    let raw = gunzip(&a.1);
    assert!(Parser::load(&gzip(&raw[..raw.len() - 1])[..]).is_err(), "beam width cut");
}

#[test]
fn beam_parses_are_trees_and_a_beam_of_one_is_greedy() {
    let m = beam_models();
    check_tree(m, &[]);
    check_tree(m, &["Hello"]);
    check_tree(m, &["", " ", "\u{0}"]);
    for s in fixture() {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        check_tree(m, &forms);
        // The greedy model decoded with a beam of 1 is itself.
        let g = &models().parser;
        let tags = models().tagger.tag(&forms);
        let xpos: Vec<&str> = tags.iter().map(|&t| models().tagger.xpos(t)).collect();
        let upos: Vec<&str> = tags.iter().map(|&t| models().tagger.upos(t)).collect();
        assert_eq!(g.parse(&forms, &xpos, &upos), g.with_beam(1).parse(&forms, &xpos, &upos));
        let wide = g.with_beam(3).parse(&forms, &xpos, &upos);
        assert_eq!(wide.len(), forms.len());
    }
}

/// `file` (a gzipped model) with its header's version set to `v` and `cut` bytes dropped
/// from the end of its payload.
fn with_version(file: &[u8], v: u32, cut: usize) -> Vec<u8> {
    let mut raw = gunzip(file);
    let at = 8 + 4 + 1 + raw[12] as usize;
    raw[at..at + 4].copy_from_slice(&v.to_le_bytes());
    raw.truncate(raw.len() - cut);
    gzip(&raw)
}

/// The bidirectional recipe, pruned as the default (1.0 is too much for 33 sentences).
fn bidirectional_config() -> TaggerConfig {
    let (tc, _) = configs();
    TaggerConfig { epochs: 3, prune: tc.prune, ..TaggerConfig::bidirectional() }
}

#[test]
fn bidirectional_taggers_train_deterministically_and_fit() {
    let cfg = bidirectional_config();
    let t = train_tagger(&fixture(), &cfg, &Progress::quiet());
    let (mut a, mut b) = (Vec::new(), Vec::new());
    t.save(&mut a).unwrap();
    train_tagger(&fixture(), &cfg, &Progress::quiet()).save(&mut b).unwrap();
    assert!(a == b, "tagger bytes differ");
    assert_eq!(Tagger::load(&a[..]).unwrap(), t);
    let (mut n, mut right) = (0, 0);
    for s in fixture() {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let tags = t.tag(&forms);
        assert_eq!(tags.len(), forms.len());
        for (w, tag) in s.words.iter().zip(tags) {
            n += 1;
            right += (t.upos(tag) == w.upos) as usize;
        }
    }
    assert!(right as f64 > 0.9 * n as f64, "{right}/{n}");
    assert!(t.tag(&[]).is_empty());
    assert_eq!(t.tag(&["Hello"]).len(), 1);
}

#[test]
fn tagger_versions_load_cleanly() {
    // The original recipe (one direction, the original templates) keeps the original layout,
    // version 1; the newer templates or a right-to-left model make version 2.
    let (t1, _) = bytes(models());
    assert_eq!(parser_file_version(&t1), 1);
    let bi = train_tagger(&fixture(), &bidirectional_config(), &Progress::quiet());
    let mut t = Vec::new();
    bi.save(&mut t).unwrap();
    assert_eq!(parser_file_version(&t), 2);
    let one_way = TaggerConfig { bidirectional: false, ..bidirectional_config() };
    let v2 = train_tagger(&fixture(), &one_way, &Progress::quiet());
    let mut f2 = Vec::new();
    v2.save(&mut f2).unwrap();
    assert_eq!(parser_file_version(&f2), 2);
    assert_eq!(Tagger::load(&f2[..]).unwrap(), v2);
    // A version 2 file cut to the version 1 layout is truncated; version 1 with the version 2
    // sections has bytes left over; a newer version is named; damage in the new sections is
    // an error.
    assert!(Tagger::load(&with_version(&f2, 2, 2)[..]).is_err());
    assert!(Tagger::load(&with_version(&f2, 1, 0)[..]).is_err());
    let e = Tagger::load(&with_version(&t, 3, 0)[..]).unwrap_err();
    assert!(e.to_string().contains("herald-tagger version 3 is not supported"), "{e}");
    let raw = gunzip(&t);
    for n in (raw.len() * 9 / 10..raw.len()).step_by((raw.len() / 400).max(1)) {
        assert!(Tagger::load(&gzip(&raw[..n])[..]).is_err(), "bidirectional prefix {n}");
    }
}
