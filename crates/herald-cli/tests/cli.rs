//! End-to-end runs of the `herald` binary on fixtures.

mod common;

use std::process::Command;

use common::{herald, repo, stderr, stdout};
use herald::store::Store;

#[test]
fn annotate_the_example_article() {
    let dir = tempfile::tempdir().unwrap();
    let example = repo("tests/data/guterres-lavrov-moscow.txt");
    let out = herald(
        &dir.path().join("unused.db"),
        &["annotate", "--date", "2022-04-26", example.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(json["date"], "2022-04-26");
    assert_eq!(json["language"], "en");
    let text = json["text"].as_str().unwrap();
    let chars: Vec<char> = text.chars().collect();
    let slice = |v: &serde_json::Value| -> String {
        let (s, e) = (v["start"].as_u64().unwrap() as usize, v["end"].as_u64().unwrap() as usize);
        chars[s..e].iter().collect()
    };
    let sentences: Vec<String> = json["sentences"].as_array().unwrap().iter().map(slice).collect();
    insta::assert_snapshot!("example_sentences", sentences.join("\n"));
    let tokens: Vec<String> = json["tokens"].as_array().unwrap().iter().map(slice).collect();
    // Hyphens are split off, as Universal Dependencies English does.
    for expected in
        ["Moscow", "'s", "Secretary", "-", "General", "...", "60", "February", "24", "UN"]
    {
        assert!(tokens.iter().any(|t| t == expected), "no token {expected:?}");
    }
    for layer in ["entities", "events", "quotes", "places", "times"] {
        assert!(json[layer].is_array(), "{layer} missing");
    }
    // Every token is tagged and parsed.
    for t in json["tokens"].as_array().unwrap() {
        assert!(t["upos"].is_string() && t["lemma"].is_string() && t["head"].is_u64(), "{t}");
    }

    // Entities and their actor codes, as the entities-and-actors issue asks.
    let entities = json["entities"].as_array().unwrap();
    let entity = |name: &str| {
        entities
            .iter()
            .find(|e| e["name"].as_str().is_some_and(|n| n.ends_with(name)))
            .unwrap_or_else(|| panic!("no entity {name}: {entities:#?}"))
    };
    let mentions = |e: &serde_json::Value| -> Vec<String> {
        e["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["text"].as_str().unwrap().to_owned())
            .collect()
    };
    let guterres = entity("Guterres");
    assert_eq!(guterres["type"], "PERSON");
    assert_eq!(guterres["actor"], "IGOUNO");
    for m in ["Guterres", "the UN chief", "he"] {
        assert!(mentions(guterres).iter().any(|x| x == m), "{m} not a mention of Guterres");
    }
    let lavrov = entity("Lavrov");
    assert_eq!(lavrov["actor"], "RUSGOV");
    assert!(mentions(lavrov).iter().any(|x| x == "the Russian foreign minister"));
    assert_eq!(entity("Putin")["actor"], "RUSGOV");
    assert_eq!(entity("Western countries")["actor"], "WST");
    assert_eq!(entity("NATO")["actor"], "IGOWSTNAT");
    assert_eq!(entity("Moscow")["actor"], "RUSGOV");
    assert_eq!(entity("Kiev")["actor"], "UKRGOV");
    assert!(entity("Mariupol")["actor"].is_null(), "Mariupol is only a place");
    // Moscow is a place where Guterres met Lavrov, and an actor where sanctions are imposed
    // on it: each mention says which.
    let uses: Vec<&str> = entity("Moscow")["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["use"].as_str())
        .collect();
    assert!(uses.contains(&"place") && uses.contains(&"actor"), "{uses:?}");
    assert_eq!(entity("United Nations")["actor"], "IGOUNO");

    // Events the events issue lists for this article: (source, target, code prefix).
    let events = json["events"].as_array().unwrap();
    let has = |src: &str, tgt: &str, code: &str| {
        events.iter().any(|e| {
            e["source"].as_str().is_some_and(|s| s.starts_with(src))
                && e["target"].as_str().is_some_and(|t| t.starts_with(tgt))
                && e["code"].as_str().is_some_and(|c| c.starts_with(code))
        })
    };
    for (src, tgt, code, what) in [
        ("IGOUNO", "", "0256", "appeal for a ceasefire"),
        ("IGOUNO", "RUS", "042", "visit to Moscow"),
        ("RUS", "IGOUNO", "043", "Russia hosts"),
        ("IGOUNO", "RUS", "036", "intent to meet Putin"),
        ("IGOUNO", "", "033", "intent to provide aid"),
        ("IGOUNO", "RUS", "112", "accusation"),
        ("IGOUNO", "", "1056", "demand for a ceasefire"),
        ("WST", "RUS", "163", "sanctions"),
        ("RUS", "UKR", "19", "military action in Ukraine"),
        ("RUS", "", "035", "intent to halt the operation"),
    ] {
        assert!(has(src, tgt, code), "no {what} ({src} -> {tgt} {code}): {events:#?}");
    }
    // The people to evacuate are in the Ukrainian city the sentence names, not the
    // article's main country's.
    let evacuate = events.iter().find(|e| slice(&e["trigger"]) == "evacuate");
    assert!(evacuate.is_some_and(|e| e["target"].as_str().is_some_and(|t| t.starts_with("UKR"))));
    // Nor are the civilians to help "in the former Soviet country" Russian.
    assert!(events.iter().all(|e| !matches!(e["target"].as_str(), Some("RUSCVL" | "RUSPPL"))));
    let text_of = |e: &serde_json::Value| slice(&e["evidence"]);
    for e in events {
        let evidence = text_of(e);
        assert!(!evidence.contains("as soon as possible") || e["code"] == "0256", "{e}");
        assert!(!evidence.contains("applying to join"), "no act from the demands on Kiev: {e}");
        assert!(e["rule"].as_str().is_some_and(|r| !r.is_empty()), "{e}");
    }
    let visit = events.iter().find(|e| e["code"] == "042").unwrap();
    assert_eq!(visit["date"], "2022-04-26");
    let places = json["places"].as_array().unwrap();
    let place_name = |id: &serde_json::Value| {
        places.iter().find(|p| &p["id"] == id).map(|p| p["name"].as_str().unwrap().to_owned())
    };
    assert_eq!(place_name(&visit["place"]).as_deref(), Some("Moscow"));

    // Quotes: six direct ones, five by Guterres and one by Lavrov.
    let quotes = json["quotes"].as_array().unwrap();
    let direct: Vec<&serde_json::Value> = quotes.iter().filter(|q| q["kind"] == "direct").collect();
    assert_eq!(direct.len(), 6, "{direct:#?}");
    let by = |id: &serde_json::Value| direct.iter().filter(|q| &q["speaker"] == id).count();
    assert_eq!((by(&guterres["id"]), by(&lavrov["id"])), (5, 1));
    assert!(direct.iter().any(|q| q["addressee"] == lavrov["id"] && q["verb"] == "tell"));
    assert!(quotes.iter().all(|q| q["text"] != "as soon as possible"));
}

#[test]
fn quotes_by_speaker_across_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    let text = std::fs::read_to_string(repo("tests/data/guterres-lavrov-moscow.txt")).unwrap();
    let input = dir.path().join("example.jsonl");
    let line = serde_json::json!({"id": "example", "date": "2022-04-26", "text": text});
    std::fs::write(&input, format!("{line}\n")).unwrap();
    let out = herald(&db, &["ingest", input.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = herald(&db, &["quotes", "--speaker", "lavrov", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> =
        stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(lines.len() >= 2, "{lines:#?}");
    assert!(lines.iter().all(|q| q["speaker"] == "Sergei Lavrov" && q["date"] == "2022-04-26"));
    assert!(
        lines.iter().any(|q| q["kind"] == "direct")
            && lines.iter().any(|q| q["kind"] == "indirect")
    );
    let out = herald(&db, &["quotes", "--speaker", "nobody at all"]);
    assert!(out.status.success() && stdout(&out).is_empty());
    let out = herald(&db, &["quotes", "--since", "April"]);
    assert!(!out.status.success() && stderr(&out).contains("YYYY-MM-DD"));
}

#[test]
fn ingest_twice_stores_once_and_search_finds_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let examples = repo("examples");
    let first = herald(&db, &["ingest", examples.to_str().unwrap()]);
    assert!(first.status.success(), "{}", stderr(&first));
    let stored = Store::open(&db).unwrap().stats().unwrap().articles;
    assert!(stored >= 3, "{}", stdout(&first));
    let second = herald(&db, &["ingest", examples.to_str().unwrap()]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(stdout(&second).contains(" new 0 "), "{}", stdout(&second));
    assert_eq!(Store::open(&db).unwrap().stats().unwrap().articles, stored);

    let hits = herald(&db, &["search", "--json", "ceasefire"]);
    let first_hit: serde_json::Value =
        serde_json::from_str(stdout(&hits).lines().next().expect("a hit")).unwrap();
    let id = first_hit["id"].as_str().unwrap();
    let show = herald(&db, &["show", "--tokens", id]);
    assert!(show.status.success(), "{}", stderr(&show));
    assert!(stdout(&show).contains("[1] "), "{}", stdout(&show));
    let stats = herald(&db, &["stats"]);
    assert!(stdout(&stats).contains(&format!("articles   {stored}")), "{}", stdout(&stats));
}

#[test]
fn bad_input_is_named_skipped_and_the_good_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("bad-utf8.txt"), b"Ministers met \xff\xfe in Geneva.").unwrap();
    std::fs::write(input.join("binary.txt"), [0u8, 1, 2, 3, 0, 159, 146, 150, 0, 0]).unwrap();
    std::fs::write(input.join("empty.txt"), b"").unwrap();
    std::fs::write(
        input.join("mixed.jsonl"),
        "{\"id\":\"g1\",\"text\":\"Talks resumed in Geneva on Monday.\"}\n{\"id\": broken\n{\"id\":\"g2\",\"text\":\"Both delegations left without a statement.\"}\n",
    )
    .unwrap();
    std::fs::write(input.join("good.txt"), "Aid reached the city on Friday.\n").unwrap();
    let db = dir.path().join("h.db");
    let out = herald(&db, &["ingest", input.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "{}\n{}", stdout(&out), stderr(&out));
    let err = stderr(&out);
    for name in ["bad-utf8.txt", "binary.txt", "empty.txt", "mixed.jsonl:2"] {
        assert!(err.contains(name), "no error naming {name}:\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    let store = Store::open(&db).unwrap();
    for id in ["g1", "g2"] {
        assert!(store.contains(id).unwrap(), "{id} lost");
    }
    assert_eq!(store.stats().unwrap().articles, 3);
}

#[test]
fn a_killed_ingest_resumes_without_loss_or_doubles() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("many.jsonl");
    let n = 3_000;
    let mut lines = String::new();
    for i in 0..n {
        lines.push_str(&format!(
            "{{\"id\":\"n{i}\",\"text\":\"Delegation {i} arrived in the capital on Monday. Talks on item {i} resumed after a pause of {i} days, officials said.\"}}\n"
        ));
    }
    std::fs::write(&input, lines).unwrap();
    let db = dir.path().join("h.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_herald"))
        .arg("--db")
        .arg(&db)
        .args(["ingest", "--batch", "50", input.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once some batches have landed (or give up waiting after a while).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(240);
    loop {
        std::thread::sleep(std::time::Duration::from_millis(20));
        let landed = Store::open(&db).ok().and_then(|s| s.stats().ok()).map_or(0, |s| s.articles);
        if landed > 0 || std::time::Instant::now() > deadline {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let store = Store::open(&db).unwrap();
    assert_eq!(store.check_integrity().unwrap(), Ok(()));
    let after_kill = store.stats().unwrap().articles;
    // Batches close on size or time, so the count after the kill is any number of whole
    // batches; what matters is that the re-run stores exactly the rest.
    assert!(after_kill > 0 && after_kill <= n, "nothing landed before the kill: {after_kill}");
    drop(store);
    let rerun = herald(&db, &["ingest", input.to_str().unwrap()]);
    assert!(rerun.status.success(), "{}", stderr(&rerun));
    let expected_new = n - after_kill;
    assert!(stdout(&rerun).contains(&format!(" new {expected_new} ")), "{}", stdout(&rerun));
    assert_eq!(Store::open(&db).unwrap().stats().unwrap().articles, n);
}
