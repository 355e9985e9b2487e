//! Speed of the shipped models: loading, tagging, tagging + lemmas + parsing, in words per
//! second on one core. Input: UD English EWT dev (gold tokenization) when `HERALD_DATA` (or
//! `../shared/data`) has it, else the test fixture.
//!
//! `cargo bench -p herald-syntax --bench syntax`

use std::path::PathBuf;

use divan::counter::ItemsCount;
use divan::{black_box, Bencher};
use herald_syntax::{read_corpus, Models};

fn main() {
    divan::main();
}

fn sentences() -> Vec<Vec<String>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let data =
        std::env::var_os("HERALD_DATA").map(PathBuf::from).unwrap_or(root.join("../shared/data"));
    let ewt = data.join("ud-english-ewt/en_ewt-ud-dev.conllu");
    let path =
        if ewt.exists() { ewt } else { root.join("crates/herald-syntax/tests/data/tiny.conllu") };
    let corpus = read_corpus(&[path], &[]).expect("readable corpus");
    corpus.sentences.iter().map(|s| s.words.iter().map(|w| w.form.clone()).collect()).collect()
}

fn words(sents: &[Vec<String>]) -> usize {
    sents.iter().map(Vec::len).sum()
}

#[divan::bench(sample_count = 10)]
fn load_bundled() -> Models {
    Models::bundled().unwrap()
}

#[divan::bench(sample_count = 5)]
fn tag(bencher: Bencher) {
    let m = Models::bundled().unwrap();
    let sents = sentences();
    bencher.counter(ItemsCount::new(words(&sents))).bench(|| {
        for s in &sents {
            let forms: Vec<&str> = s.iter().map(String::as_str).collect();
            black_box(m.tagger.tag(&forms));
        }
    });
}

#[divan::bench(sample_count = 5)]
fn tag_lemma_parse(bencher: Bencher) {
    let m = Models::bundled().unwrap();
    let sents = sentences();
    bencher.counter(ItemsCount::new(words(&sents))).bench(|| {
        for s in &sents {
            let forms: Vec<&str> = s.iter().map(String::as_str).collect();
            black_box(m.analyze(&forms));
        }
    });
}
