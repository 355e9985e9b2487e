use super::*;

fn article(id: &str, url: Option<&str>, text: &str) -> Article {
    Article { url: url.map(str::to_owned), ..Article::new(id, text) }
}

fn put(store: &mut Store, a: &Article, hash: &str, annotation: Option<&str>) -> Put {
    let mut batch = store.batch().unwrap();
    let put = batch.put(&NewArticle { article: a, content_hash: hash, annotation }).unwrap();
    batch.commit().unwrap();
    put
}

#[test]
fn same_id_twice_is_stored_once() {
    let mut store = Store::open_in_memory().unwrap();
    let a = article("a", Some("https://x.test/a"), "Talks resumed in Geneva.");
    assert_eq!(put(&mut store, &a, "h", None), Put::New);
    assert_eq!(put(&mut store, &a, "h", None), Put::Duplicate { of: "a".into() });
    let stats = store.stats().unwrap();
    assert_eq!((stats.articles, stats.aliases), (1, 0));
}

#[test]
fn same_text_elsewhere_becomes_an_alias() {
    let mut store = Store::open_in_memory().unwrap();
    let a = article("a", Some("https://one.test/story"), "The wire story.");
    let b = article("b", Some("https://two.test/story"), "The wire story.");
    put(&mut store, &a, "h", None);
    assert_eq!(put(&mut store, &b, "h", None), Put::Duplicate { of: "a".into() });
    assert_eq!(put(&mut store, &b, "h", None), Put::Duplicate { of: "a".into() });
    let got = store.get("a").unwrap().unwrap();
    assert_eq!(got.aliases, vec!["https://two.test/story".to_owned()]);
    assert_eq!(store.stats().unwrap().aliases, 1);
}

#[test]
fn round_trips_metadata_and_annotation() {
    let mut store = Store::open_in_memory().unwrap();
    let a = Article {
        title: Some("Ceasefire call".into()),
        byline: Some("A. Writer".into()),
        date: PubDate::parse("2022-04-26T10:00:00+03:00"),
        language: Some(Language::english()),
        source: Some("in.jsonl:3".into()),
        ..article("a", Some("https://x.test/a"), "One. Two.")
    };
    let json = r#"{"id":"a","sentences":[{"start":0,"end":4},{"start":5,"end":9}],"tokens":[{"start":0,"end":3}]}"#;
    put(&mut store, &a, "h", Some(json));
    let got = store.get("a").unwrap().unwrap();
    assert_eq!(got.article, a);
    assert_eq!(got.annotation.as_deref(), Some(json));
    let stats = store.stats().unwrap();
    assert_eq!((stats.annotated, stats.sentences, stats.tokens), (1, 2, 1));
    assert_eq!(stats.languages, vec![("en".to_owned(), 1)]);
    assert!(store.get("missing").unwrap().is_none());
}

#[test]
fn search_ranks_and_survives_bad_syntax() {
    let mut store = Store::open_in_memory().unwrap();
    let a = Article {
        title: Some("Sanctions on Moscow".into()),
        ..article("a", None, "Western countries imposed sanctions.")
    };
    let b = article("b", None, "Aid convoys reached the city.");
    put(&mut store, &a, "1", None);
    put(&mut store, &b, "2", None);
    let hits = store.search("sanctions", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, "a");
    assert!(hits[0].snippet.contains("[sanctions]"), "{}", hits[0].snippet);
    // Unbalanced quote and a bare operator are not valid FTS5; they still search.
    assert_eq!(store.search("\"aid convoys", 10).unwrap()[0].id, "b");
    assert!(store.search("AND", 10).unwrap().is_empty());
    assert!(store.search("", 10).unwrap().is_empty());
}

#[test]
fn uncommitted_batch_rolls_back() {
    let mut store = Store::open_in_memory().unwrap();
    {
        let mut batch = store.batch().unwrap();
        batch
            .put(&NewArticle {
                article: &article("a", None, "x"),
                content_hash: "h",
                annotation: None,
            })
            .unwrap();
    }
    assert!(!store.contains("a").unwrap());
}

#[test]
fn reopening_a_file_keeps_data_and_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dir/herald.db");
    {
        let mut store = Store::open(&path).unwrap();
        put(&mut store, &article("a", None, "Text."), "h", None);
    }
    let store = Store::open(&path).unwrap();
    assert!(store.contains("a").unwrap());
    assert_eq!(store.schema_version().unwrap(), schema::MIGRATIONS.len() as i64);
    assert_eq!(store.check_integrity().unwrap(), Ok(()));
}

#[test]
fn refuses_a_newer_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let err = Store::open(&path).err().unwrap();
    assert!(err.to_string().contains("newer than this herald supports"), "{err}");
}

#[test]
fn annotations_stream_every_annotated_article_once_in_pages() {
    let mut store = Store::open_in_memory().unwrap();
    let mut batch = store.batch().unwrap();
    for i in 0..300 {
        let a = article(&format!("a{i}"), None, &format!("Story number {i}."));
        let json = format!(r#"{{"id":"a{i}","sentences":[]}}"#);
        // Every third article is not annotated and must not be yielded.
        let annotation = (i % 3 != 0).then_some(json.as_str());
        batch.put(&NewArticle { article: &a, content_hash: &format!("h{i}"), annotation }).unwrap();
    }
    batch.commit().unwrap();
    let rows: Vec<AnnotatedRow> = store.annotations().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 200);
    assert_eq!(rows[0].id, "a1");
    assert!(rows.iter().all(|r| r.json.contains(&format!("\"{}\"", r.id))));
    assert!(rows.iter().all(|r| r.ingested_at.ends_with('Z')));
    let ids: std::collections::HashSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), 200);
}
