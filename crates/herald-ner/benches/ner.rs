//! Throughput of the bundled recognizer: model load, and tagging pre-tokenised news-like
//! sentences (words/s is items/s here: one item per token).
use divan::counter::ItemsCount;
use divan::{black_box, Bencher};
use herald_ner::{Ner, Scratch};

fn main() {
    divan::main();
}

/// A few sentences of wire-style English (made up for the benchmark), repeated.
fn sentences() -> Vec<Vec<&'static str>> {
    let text = [
        "The foreign ministers of France and Germany met in Brussels on Monday to discuss sanctions .",
        "Prime Minister Jane Doe told reporters in London that the European Union would act .",
        "Rebels attacked a convoy near the northern city of Kano , the Nigerian army said .",
        "\" We are ready to talk , \" said John Smith , a spokesman for the United Nations .",
        "Shares of Acme Corp fell 3 percent on the New York Stock Exchange after the report .",
    ];
    let mut out = Vec::new();
    for _ in 0..40 {
        out.extend(text.iter().map(|s| s.split(' ').collect::<Vec<_>>()));
    }
    out
}

#[divan::bench]
fn load_bundled() -> Ner {
    Ner::bundled().unwrap()
}

#[divan::bench]
fn tag_sentences(bencher: Bencher) {
    let ner = Ner::bundled().unwrap();
    let sents = sentences();
    let words: usize = sents.iter().map(Vec::len).sum();
    let mut scratch = Scratch::default();
    bencher.counter(ItemsCount::new(words)).bench_local(|| {
        for s in &sents {
            black_box(ner.tag_with(black_box(s), &mut scratch));
        }
    });
}
