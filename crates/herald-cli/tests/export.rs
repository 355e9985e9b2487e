//! `herald export events` and `herald explain` on a store of the example fixtures, and on a
//! hand-written annotation whose explanation is pinned.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use common::{herald, repo, stderr, stdout};
use herald::store::{NewArticle, Store};
use serde_json::Value;

/// The example fixtures ingested once into a store shared by the tests (read-only).
fn examples_db() -> &'static Path {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("h.db");
        let out = herald(
            &db,
            &["ingest", repo("examples").to_str().unwrap(), repo("tests/data").to_str().unwrap()],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        (dir, db)
    })
    .1
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

fn is_digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

#[test]
fn gdelt_rows_have_the_columns_and_well_formed_values() {
    let db = examples_db();
    let full = ok(herald(db, &["export", "events", "--format", "gdelt"]));
    let strict = ok(herald(db, &["export", "events", "--gdelt-strict"]));
    assert!(full.lines().count() >= 5, "too few events:\n{full}");
    assert_eq!(full.lines().count(), strict.lines().count());
    let mut ids = std::collections::HashSet::new();
    for (row, strict_row) in full.lines().zip(strict.lines()) {
        let f: Vec<&str> = row.split('\t').collect();
        assert_eq!(f.len(), 71, "{row}");
        assert_eq!(strict_row.split('\t').count(), 61, "{strict_row}");
        assert_eq!(f[..61].join("\t"), strict_row, "strict is the first 61 columns");
        let id: u64 = f[0].parse().expect("GLOBALEVENTID is a number");
        assert!(id < 1 << 63 && ids.insert(id), "id {id} out of range or repeated");
        assert!(is_digits(f[1], 8) && f[1].starts_with("20"), "SQLDATE {}", f[1]);
        assert_eq!(f[2], &f[1][..6], "MonthYear");
        assert_eq!(f[3], &f[1][..4], "Year");
        assert!(f[4].starts_with(f[3]) && f[4].len() == 9, "FractionDate {}", f[4]);
        let (code, base, root) = (f[26], f[27], f[28]);
        assert!((2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit()));
        assert!(code.starts_with(base) && base.len() == code.len().min(3), "{code} {base}");
        assert!(is_digits(root, 2) && code.starts_with(root), "{code} {root}");
        assert!(["1", "2", "3", "4"].contains(&f[29]), "QuadClass {}", f[29]);
        let goldstein: f32 = f[30].parse().unwrap();
        assert!((-10.0..=10.0).contains(&goldstein));
        assert_eq!(&f[31..35], ["1", "1", "1", ""]);
        assert!(["0", "1"].contains(&f[25]), "IsRootEvent");
        assert!(!f[5].is_empty() || !f[15].is_empty(), "an event has an actor: {row}");
        assert!(is_digits(f[59], 14), "DATEADDED {}", f[59]);
        assert!(!f[60].is_empty(), "SOURCEURL");
        // herald's columns: evidence offsets and the rule.
        assert!(f[62].starts_with("ev") && !f[69].is_empty(), "{row}");
        let (start, end): (u32, u32) = (f[64].parse().unwrap(), f[65].parse().unwrap());
        assert!(start < end && !f[66].is_empty());
    }
    // Stable across runs, and the same through --out.
    assert_eq!(full, ok(herald(db, &["export", "events"])));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("events.tsv");
    ok(herald(db, &["export", "events", "--header", "--out", file.to_str().unwrap()]));
    let written = std::fs::read_to_string(&file).unwrap();
    let (header, rows) = written.split_once('\n').unwrap();
    assert!(header.starts_with("GLOBALEVENTID\tSQLDATE\tMonthYear\tYear\tFractionDate\tActor1Code"));
    assert!(header.split('\t').nth(60) == Some("SOURCEURL"), "{header}");
    assert_eq!(rows, full);
}

#[test]
fn jsonl_carries_the_evidence_text_and_actor_names() {
    let db = examples_db();
    let out = ok(herald(db, &["export", "events", "--format", "jsonl"]));
    let mut texts = std::collections::HashMap::new();
    let mut named = 0;
    for line in out.lines() {
        let e: Value = serde_json::from_str(line).expect("each line is JSON");
        let article = e["article"].as_str().unwrap().to_owned();
        let text: &Vec<char> = texts.entry(article.clone()).or_insert_with(|| {
            let json = ok(herald(db, &["show", "--json", &article]));
            let a: Value = serde_json::from_str(&json).unwrap();
            a["text"].as_str().unwrap().chars().collect()
        });
        let (s, t) =
            (e["evidence"]["start"].as_u64().unwrap(), e["evidence"]["end"].as_u64().unwrap());
        let slice: String = text[s as usize..t as usize].iter().collect();
        assert_eq!(e["evidence_text"], slice.as_str(), "{line}");
        assert!(e["sentence_text"].as_str().unwrap().contains(&slice), "{line}");
        for key in ["id", "code", "root", "quad_class", "goldstein", "source", "target", "rule"] {
            assert!(!e[key].is_null(), "{key} missing: {line}");
        }
        assert!(e["id"].as_str().unwrap().starts_with("ev"));
        if e["source_entity"].is_string() {
            assert!(e["source_name"].is_string(), "{line}");
            named += 1;
        }
    }
    assert!(named > 0, "no event named its source");
    // The date window: nothing after 2100, everything since 1900.
    let none = ok(herald(db, &["export", "events", "--format", "jsonl", "--since", "2100-01-01"]));
    assert_eq!(none, "");
    let all = ok(herald(
        db,
        &[
            "export",
            "events",
            "--format",
            "jsonl",
            "--since",
            "1900-01-01",
            "--until",
            "2099-12-31",
        ],
    ));
    assert_eq!(all.lines().count(), out.lines().count());
    let bad = herald(db, &["export", "events", "--since", "last week"]);
    assert!(!bad.status.success() && stderr(&bad).contains("YYYY-MM-DD"), "{}", stderr(&bad));
}

#[test]
fn show_lists_event_ids_that_explain_explains() {
    let db = examples_db();
    let show = ok(herald(db, &["show", "guterres-lavrov-moscow"]));
    let id = show
        .lines()
        .find_map(|l| l.split_whitespace().find(|w| w.starts_with("guterres-lavrov-moscow/ev")))
        .unwrap_or_else(|| panic!("no event ids in show:\n{show}"));
    let out = ok(herald(db, &["explain", id]));
    for expected in ["code ", "root ", "quad class", "Goldstein", "PLOVER", "source", "rule "] {
        assert!(out.contains(expected), "{expected:?} missing:\n{out}");
    }
    assert!(out.contains("[[") && out.contains("]]"), "trigger not marked:\n{out}");
    // The rule named is the event's own.
    let json: Value =
        serde_json::from_str(&ok(herald(db, &["show", "--json", "guterres-lavrov-moscow"])))
            .unwrap();
    let n = id.rsplit_once("/ev").unwrap().1.parse::<usize>().unwrap();
    let event = &json["events"][n - 1];
    assert!(out.contains(event["rule"].as_str().unwrap()), "{out}");
    assert!(out.contains(event["code"].as_str().unwrap()), "{out}");
}

#[test]
fn unknown_ids_are_errors_not_panics() {
    let db = examples_db();
    for (id, says) in [
        ("no-such-article/ev1", "no article"),
        ("guterres-lavrov-moscow/ev999", "no event"),
        ("guterres-lavrov-moscow", "ARTICLE_ID/evN"),
    ] {
        let out = herald(db, &["explain", id]);
        assert_eq!(out.status.code(), Some(1), "{id}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{id}: {}", stderr(&out));
    }
}

/// A store with one hand-written annotation (so the explanation does not move when the
/// event coder changes) and one corrupt one.
fn handmade_db(dir: &Path) -> PathBuf {
    let db = dir.join("hand.db");
    let mut store = Store::open(&db).unwrap();
    let text = "Ministers in Kyiv said on Monday that Russia had shelled the port.";
    let mut article = herald::Article::new("hand1", text);
    article.title = Some("Port shelled".into());
    article.url = Some("https://news.test/port".into());
    article.date = herald::doc::PubDate::parse("2024-03-04");
    let annotation = serde_json::json!({
        "schema": 1, "id": "hand1", "date": "2024-03-04", "text": text,
        "sentences": [{"start": 0, "end": 66, "paragraph": 0}],
        "entities": [
            {"id": "E1", "name": "Russia", "type": "GPE", "actor": "RUS",
             "actor_reason": "country name: Russia", "mentions": [{"start": 38, "end": 44}]},
            {"id": "E2", "name": "Kyiv", "type": "GPE", "actor": "UKRGOV",
             "actor_reason": "capital used as a government: Kyiv", "mentions": [{"start": 13, "end": 17}]}
        ],
        "events": [{
            "id": "ev1", "code": "195", "root": "19", "quad_class": 4, "goldstein": -10.0,
            "source": "RUS", "target": "UKRGOV", "source_entity": "E1", "target_entity": "E2",
            "negated": false,
            "date": "2024-03-04", "sentence": 0, "evidence": {"start": 38, "end": 65},
            "trigger": {"start": 49, "end": 56},
            "rule": "verb SHELL (herald.verbs.txt line 900, block FIGHT [190]), pattern \"* PORT\" [195] at line 901"
        }],
        "quotes": [], "places": [], "times": []
    })
    .to_string();
    let bad = herald::Article::new("broken", "Nothing to see.");
    let mut batch = store.batch().unwrap();
    batch
        .put(&NewArticle { article: &article, content_hash: "h1", annotation: Some(&annotation) })
        .unwrap();
    batch
        .put(&NewArticle {
            article: &bad,
            content_hash: "h2",
            annotation: Some(r#"{"sentences": [], "events": 5}"#),
        })
        .unwrap();
    batch.commit().unwrap();
    db
}

#[test]
fn explain_a_handmade_event() {
    let dir = tempfile::tempdir().unwrap();
    let db = handmade_db(dir.path());
    let out = ok(herald(&db, &["explain", "hand1/ev1"]));
    insta::assert_snapshot!("explain_handmade", out);
}

#[test]
fn a_corrupt_annotation_is_skipped_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = handmade_db(dir.path());
    let out = herald(&db, &["export", "events"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("broken"), "{}", stderr(&out));
    let rows: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(rows.len(), 1);
    let f: Vec<&str> = rows[0].split('\t').collect();
    assert_eq!(&f[1..5], ["20240304", "202403", "2024", "2024.1721"]);
    assert_eq!(&f[5..8], ["RUS", "RUSSIA", "RUS"]);
    assert_eq!(&f[26..31], ["195", "195", "19", "4", "-10.0"]);
    assert_eq!(f[60], "https://news.test/port");
    assert_eq!(f[66], "Russia had shelled the port");
    assert_eq!(f[70], "ASSAULT");
}

#[test]
fn export_streams_a_few_hundred_articles() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("many.db");
    let mut store = Store::open(&db).unwrap();
    let mut batch = store.batch().unwrap();
    for i in 0..300 {
        let text = format!("Russia shelled port number {i}.");
        let article = herald::Article::new(format!("m{i}"), &text);
        let annotation = serde_json::json!({
            "id": format!("m{i}"), "text": text, "sentences": [{"start": 0, "end": 20}],
            "events": [{"code": "195", "root": "19", "quad_class": 4, "goldstein": -10.0,
                        "source": "RUS", "target": "", "sentence": 0,
                        "evidence": {"start": 0, "end": 14}, "trigger": {"start": 7, "end": 14},
                        "rule": "test"}]
        })
        .to_string();
        let hash = format!("h{i}");
        let new =
            NewArticle { article: &article, content_hash: &hash, annotation: Some(&annotation) };
        batch.put(&new).unwrap();
    }
    batch.commit().unwrap();
    drop(store);
    let out = ok(herald(&db, &["export", "events", "--format", "jsonl"]));
    let lines: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 300);
    assert!(lines.iter().all(|l| l["evidence_text"] == "Russia shelled" && l["id"] == "ev1"));
    let ids: std::collections::HashSet<u64> =
        lines.iter().map(|l| l["global_event_id"].as_u64().unwrap()).collect();
    assert_eq!(ids.len(), 300);
}
