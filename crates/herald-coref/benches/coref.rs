//! Speed of the coreference stage on GUM dev (30 documents, gold parses and names), in
//! words per second. `cargo bench -p herald-coref --bench coref`
//!
//! The budget: tagging and parsing run at about 100k words/s, so coreference must run far
//! above 2M words/s to cost under 5% of the pipeline.

#[path = "../examples/gum_eval/conllu.rs"]
// The converter's tests do not run without a test harness, hence unused imports.
#[allow(dead_code, unused_imports)]
mod conllu;

use herald_doc::Doc;

fn main() {
    divan::main();
}

/// GUM dev, grouped into entities, ready for `resolve`.
fn docs() -> Vec<Doc> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/ud-english-gum/en_gum-ud-dev.conllu"
    );
    let text = std::fs::read_to_string(path).expect("GUM dev (see bench/coref/README)");
    conllu::read(&text)
        .into_iter()
        .map(|g| {
            let mut doc = g.doc;
            herald_entities::group(&mut doc);
            doc
        })
        .collect()
}

#[divan::bench(sample_count = 30)]
fn resolve_gum_dev(bencher: divan::Bencher) {
    let docs = docs();
    let words: usize = docs.iter().map(|d| d.tokens.len()).sum();
    bencher
        .counter(divan::counter::ItemsCount::new(words))
        .with_inputs(|| docs.clone())
        .bench_local_values(|mut docs| {
            for doc in &mut docs {
                herald_coref::resolve(doc);
            }
            docs
        });
}

/// The grouping stage before it, for scale.
#[divan::bench(sample_count = 30)]
fn group_gum_dev(bencher: divan::Bencher) {
    let docs = docs();
    let words: usize = docs.iter().map(|d| d.tokens.len()).sum();
    bencher
        .counter(divan::counter::ItemsCount::new(words))
        .with_inputs(|| docs.clone())
        .bench_local_values(|mut docs| {
            for doc in &mut docs {
                herald_entities::group(doc);
            }
            docs
        });
}
