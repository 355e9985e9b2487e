//! Dictionary lookup speed: the phrase matcher over a wire story's words, and loading the
//! bundled dictionary. `cargo bench -p herald-actors --bench matcher`

use herald_actors::ActorDict;

fn main() {
    divan::main();
}

/// The words of the fixture wire story, split at spaces and punctuation (close enough to
/// the tokenizer for a lookup benchmark).
fn words() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/guterres-lavrov-moscow.txt");
    let text = std::fs::read_to_string(path).expect("fixture article");
    let mut out = Vec::new();
    for w in text.split_whitespace() {
        let core = w.trim_matches(|c: char| !c.is_alphanumeric());
        if !core.is_empty() {
            out.push(core.to_owned());
        }
    }
    out
}

#[divan::bench]
fn find_in_article(bencher: divan::Bencher) {
    let dict = ActorDict::bundled().unwrap();
    let words = words();
    let tokens: Vec<&str> = words.iter().map(String::as_str).collect();
    bencher
        .counter(divan::counter::ItemsCount::new(tokens.len()))
        .bench(|| dict.matcher().find(divan::black_box(&tokens)));
}

#[divan::bench(sample_count = 10)]
fn load_bundled() -> ActorDict {
    ActorDict::bundled().unwrap()
}
