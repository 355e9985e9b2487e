//! Quotes on the example article (issue 6): the pipeline then `herald_quotes::annotate`.

use herald::doc::{PubDate, QuoteKind};
use herald::{Article, Doc, Pipeline};

fn example() -> Doc {
    let path =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/examples/guterres-lavrov-moscow.txt");
    let text = std::fs::read_to_string(path)
        .or_else(|_| std::fs::read_to_string("/work/shared/examples/guterres-lavrov-moscow.txt"))
        .expect("example article");
    let mut article = Article::new("guterres-lavrov-moscow", text);
    article.date = PubDate::from_ymd(2022, 4, 26);
    let mut doc = Pipeline::new().expect("bundled models load").annotate(article);
    herald_quotes::annotate(&mut doc);
    doc
}

fn entity_name(doc: &Doc, id: Option<&String>) -> String {
    id.and_then(|id| doc.layers.entities.iter().find(|e| &e.id == id))
        .map(|e| e.name.clone())
        .unwrap_or_default()
}

#[test]
fn example_article_quotes() {
    let doc = example();
    let direct: Vec<_> = doc.layers.quotes.iter().filter(|q| q.kind == QuoteKind::Direct).collect();
    for q in &doc.layers.quotes {
        eprintln!(
            "{:?} {:?} speaker={} to={} verb={:?}",
            q.kind,
            doc.text_of(q.span),
            entity_name(&doc, q.speaker.as_ref()),
            entity_name(&doc, q.addressee.as_ref()),
            q.verb
        );
    }
    assert_eq!(direct.len(), 6, "six direct quotes");
    let speakers: Vec<String> =
        direct.iter().map(|q| entity_name(&doc, q.speaker.as_ref())).collect();
    assert_eq!(speakers.iter().filter(|s| s.contains("Guterres")).count(), 5, "{speakers:?}");
    assert_eq!(speakers.iter().filter(|s| s.contains("Lavrov")).count(), 1, "{speakers:?}");
    assert!(doc.text_of(direct[0].span).starts_with("We are extremely interested"));
    assert!(entity_name(&doc, direct[0].addressee.as_ref()).contains("Lavrov"));
    assert_eq!(direct[0].verb.as_deref(), Some("tell"));
    assert!(doc.text_of(direct[5].span).starts_with("Our goals"));
    assert!(speakers[5].contains("Lavrov"));
    for q in &doc.layers.quotes {
        let t = doc.text_of(q.span);
        assert!(t != "as soon as possible" && t != "special military operation", "{t}");
    }
    let reported: Vec<_> =
        doc.layers.quotes.iter().filter(|q| q.kind == QuoteKind::Indirect).collect();
    let by =
        |name: &str| reported.iter().any(|q| entity_name(&doc, q.speaker.as_ref()).contains(name));
    assert!(by("Guterres"), "reported speech of Guterres");
    assert!(by("Lavrov"), "reported speech of Lavrov");
    assert!(
        reported.iter().any(|q| doc.text_of(q.span).starts_with("it will halt the operation")
            && entity_name(&doc, q.speaker.as_ref()).contains("Russia")),
        "Russia says it will halt the operation"
    );
}
