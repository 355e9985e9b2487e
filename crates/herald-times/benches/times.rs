//! Throughput of `annotate` on news text (the text layer already run), in bytes per
//! second: `cargo bench -p herald-times`.

use divan::counter::BytesCount;
use divan::Bencher;
use herald_doc::{Article, Doc, PubDate};

fn main() {
    divan::main();
}

/// The fixture wire story repeated to about 64 KB.
fn doc() -> Doc {
    let story = include_str!("../../../tests/data/guterres-lavrov-moscow.txt");
    let mut s = String::new();
    while s.len() < 1 << 16 {
        s.push_str(story);
        s.push_str("\n\nTalks are due to resume on Thursday, two weeks after the March 29 round in Istanbul. \
                    Sales fell 5% in the third quarter of 2021 and rose in each of the past three years.\n\n");
    }
    let mut article = Article::new("bench", s);
    article.date = PubDate::from_ymd(2022, 4, 26);
    let mut doc = Doc::new(article);
    herald_text::segment(&mut doc);
    doc
}

#[divan::bench]
fn annotate_64kb(bencher: Bencher) {
    let mut doc = doc();
    let n = doc.article.text.len();
    bencher.counter(BytesCount::new(n)).bench_local(|| {
        herald_times::annotate(divan::black_box(&mut doc));
    });
}
