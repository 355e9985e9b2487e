//! Throughput of `segment` (tokenize + split + boundary model) on news text, and of the
//! rules alone (`segment_with(doc, None)`) for comparison.
//!
//! The corpus is the fixture wire story repeated to about 1 MB, so the figure is per byte
//! of realistic English; `cargo bench -p herald-text` prints bytes per second.

use divan::counter::BytesCount;
use divan::Bencher;
use herald_doc::{Article, Doc};

fn main() {
    divan::main();
}

/// The fixture article repeated to about 1 MB, paragraphs separated by blank lines.
fn corpus() -> String {
    let story = include_str!("../../../tests/data/guterres-lavrov-moscow.txt");
    let mut s = String::with_capacity(1 << 20);
    while s.len() < 1 << 20 {
        s.push_str(story);
        s.push_str("\n\n");
    }
    s
}

#[divan::bench]
fn segment_1mb(bencher: Bencher) {
    let text = corpus();
    let mut doc = Doc::new(Article::new("bench", text.clone()));
    bencher.counter(BytesCount::new(text.len())).bench_local(|| {
        herald_text::segment(divan::black_box(&mut doc));
    });
}

#[divan::bench]
fn rules_only_1mb(bencher: Bencher) {
    let text = corpus();
    let mut doc = Doc::new(Article::new("bench", text.clone()));
    bencher.counter(BytesCount::new(text.len())).bench_local(|| {
        herald_text::segment_with(divan::black_box(&mut doc), None);
    });
}
