//! Gazetteer speed: loading the bundled file, looking names up, and resolving a story's
//! places. `cargo bench -p herald-places --bench places`

use herald_doc::{Article, Doc, Entity, Mention, Span};
use herald_places::{resolve, Gazetteer};

fn main() {
    divan::main();
}

const NAMES: &[&str] = &[
    "Kyiv",
    "Kiev",
    "Moscow",
    "Paris",
    "Georgia",
    "Washington",
    "Mariupol",
    "Texas",
    "Bavaria",
    "Ukraine",
    "Russia",
    "Springfield",
    "São Paulo",
    "Kharkiv",
    "Nowhere Land",
];

/// A story with one entity per name of `NAMES`, each mentioned once.
fn story() -> Doc {
    let mut text = String::from("Officials said ");
    let mut entities = Vec::new();
    for (i, n) in NAMES.iter().enumerate() {
        let start = text.len() as u32;
        text.push_str(n);
        let span = Span::new(start, text.len() as u32);
        text.push_str(", and then ");
        entities.push(Entity {
            id: format!("E{}", i + 1),
            name: (*n).to_owned(),
            kind: "GPE".to_owned(),
            actor: None,
            actor_reason: None,
            mentions: vec![Mention::new(span)],
        });
    }
    let mut doc = Doc::new(Article::new("bench", text));
    doc.layers.entities = entities;
    doc
}

#[divan::bench(sample_count = 10)]
fn load_bundled() -> Gazetteer {
    Gazetteer::bundled().unwrap()
}

#[divan::bench]
fn lookup(bencher: divan::Bencher) {
    let gaz = Gazetteer::bundled().unwrap();
    bencher
        .counter(divan::counter::ItemsCount::new(NAMES.len()))
        .bench(|| NAMES.iter().map(|n| gaz.lookup(divan::black_box(n)).len()).sum::<usize>());
}

#[divan::bench]
fn resolve_story(bencher: divan::Bencher) {
    let gaz = Gazetteer::bundled().unwrap();
    let doc = story();
    bencher.counter(divan::counter::ItemsCount::new(NAMES.len())).bench(|| {
        let mut d = doc.clone();
        resolve(&mut d, &gaz);
        d.layers.places.len()
    });
}
