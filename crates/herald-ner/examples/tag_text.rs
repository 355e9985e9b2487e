//! Tags a plain-text file with a model file and prints the names found:
//! `cargo run --release -p herald-ner --example tag_text -- MODEL TEXT`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let ner = herald_ner::Ner::load(std::path::Path::new(&args[1])).expect("model");
    let text = std::fs::read_to_string(&args[2]).expect("text");
    let mut doc = herald_doc::Doc::new(herald_doc::Article::new("x", text));
    herald_text::segment(&mut doc);
    for n in ner.recognize(&doc) {
        println!("{:<7} {}", n.kind, doc.text_of(n.span));
    }
}
