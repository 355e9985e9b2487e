//! A user's own PETRARCH/TABARI dictionaries on the command line: `--actors` merges over the
//! shipped actors, `--verbs` replaces the shipped verb dictionary (and with it herald's
//! CAMEO-coded event nouns).

mod common;

use common::{herald, stderr, stdout};

/// Events of the one article in `annotate`'s output, as "SOURCE TARGET CODE" strings.
fn events(out: &std::process::Output) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(stdout(out).trim()).unwrap();
    let mut events: Vec<String> = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{} {} {}", e["source"], e["target"], e["code"]).replace('"', ""))
        .collect();
    events.sort();
    events
}

#[test]
fn a_user_verb_dictionary_replaces_the_shipped_one_and_its_bad_lines_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.jsonl");
    std::fs::write(
        &article,
        r#"{"id":"a","date":"2020-01-01","text":"Zembla condemned Ruritania. Zembla held talks with Ruritania."}"#,
    )
    .unwrap();
    let actors = dir.path().join("my.actors.txt");
    std::fs::write(&actors, "ZEMBLA [ZEM]\nRURITANIA [RUR]\n").unwrap();
    // A verb block with a made-up code, a pattern, and one bad line.
    let verbs = dir.path().join("my.verbs.txt");
    std::fs::write(
        &verbs,
        "--- CONDEMN  [901] ---\nCONDEMN\n- * HARSHLY  [902]\n- * BADLY  [9x9]\n",
    )
    .unwrap();
    let db = dir.path().join("unused.db");
    let (a, v) = (actors.to_str().unwrap(), verbs.to_str().unwrap());
    let art = article.to_str().unwrap();

    let shipped = herald(&db, &["annotate", "--actors", a, art]);
    assert!(shipped.status.success(), "{}", stderr(&shipped));
    let shipped = events(&shipped);
    // The shipped CAMEO dictionary codes the condemnation (11x) and the talks noun both ways.
    assert!(shipped.iter().any(|e| e.starts_with("ZEM RUR 11")), "{shipped:?}");
    assert!(shipped.iter().any(|e| e.starts_with("RUR ZEM 04")), "{shipped:?}");

    let own = herald(&db, &["annotate", "--actors", a, "--verbs", v, art]);
    assert!(own.status.success(), "{}", stderr(&own));
    // Only the user's verb codes: its own code, nothing from "talks" (no HOLD entry, and
    // herald's CAMEO event nouns are off).
    assert_eq!(events(&own), ["ZEM RUR 901"]);
    assert!(stderr(&own).contains("my.verbs.txt: line 4"), "{}", stderr(&own));
}

#[test]
fn a_missing_verb_dictionary_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = herald(
        &dir.path().join("unused.db"),
        &["annotate", "--verbs", "/nonexistent/verbs.txt", "-"],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("/nonexistent/verbs.txt"), "{}", stderr(&out));
}
