//! The real PETRARCH2 files parse with at most a handful of errors. Skipped when
//! `../shared` (beside the checkout, as CI has it) is absent.

use std::path::PathBuf;

use herald_events::{read_records_file, read_verb_file, CameoTable, Expected, VerbDict};

fn petrarch_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/petrarch2");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} absent", dir.display());
        None
    }
}

#[test]
fn cameo_verbs_parse_with_a_handful_of_errors() {
    let Some(dir) = petrarch_dir() else { return };
    let parsed = read_verb_file(&dir.join("CAMEO.2.0.txt")).unwrap();
    assert!(parsed.errors.len() <= 8, "{:#?}", parsed.errors);
    assert!(parsed.errors.iter().all(|e| e.to_string().starts_with("CAMEO.2.0.txt: line ")));
    let d = &parsed.dict;
    assert!(d.blocks().len() > 390, "{}", d.blocks().len());
    assert!(d.verbs().len() > 1700, "{}", d.verbs().len());
    assert!(d.pattern_count() > 4500, "{}", d.pattern_count());
    assert_eq!(d.synsets().len(), 40);
    assert_eq!(d.transformations().len(), 8);

    // Spot checks against the file.
    let ask = d.by_form("ASKED").find(|v| v.after.is_empty()).unwrap();
    assert_eq!(d.default_code(ask).to_string(), "020");
    assert!(d
        .patterns(ask)
        .iter()
        .any(|p| p.to_string() == "* (FOR {HUMANITARIAN AID})" && p.code.to_string() == "0233"));
    let ask_for = d.by_lemma("ASK").find(|v| v.after == ["FOR"]).unwrap();
    assert!(ask_for.forms.contains(&"ASKING".to_string()));
    let rush = d.by_form("RUSHED").next().unwrap();
    assert!(d.default_code(rush).is_null());
    let visit = d.patterns(rush).iter().find(|p| p.to_string() == "* (TO)").unwrap();
    assert_eq!((visit.code.to_string(), visit.line), ("042:043".to_string(), 718));
    assert!(!d.expand_synset("CURRENCY").is_empty());

    // Every code is CAMEO's, at least by its root.
    let table = CameoTable::bundled();
    for b in d.blocks() {
        for c in std::iter::once(b.code).chain(b.patterns.iter().map(|p| p.code)) {
            for code in [c.active, c.passive].into_iter().flatten() {
                assert!(table.get_nearest(code).is_some(), "{code} in block {}", b.name);
            }
        }
    }

    // Every pattern reads back from its text, and the compact format keeps everything.
    let mut bytes = Vec::new();
    d.write(&mut bytes).unwrap();
    let back = VerbDict::read(bytes.as_slice(), "round-trip").unwrap();
    assert_eq!(back.blocks(), d.blocks());
    assert_eq!(back.verbs(), d.verbs());
    assert_eq!(back.synsets(), d.synsets());
    assert!(!d.noun_events().is_empty());
}

#[test]
fn validation_verbs_parse() {
    let Some(dir) = petrarch_dir() else { return };
    let parsed = read_verb_file(&dir.join("PETR.Validate.verbs.txt")).unwrap();
    // The file carries deliberate oddities of TABARI's test suite: codes such as [def],
    // [174K], [+++]; each is named and skipped.
    assert!(parsed.errors.len() <= 15, "{:#?}", parsed.errors);
    let d = &parsed.dict;
    assert!(d.blocks().len() > 250);
    assert!(d.pattern_count() > 400);
    let abc = d.by_lemma("RST").next().unwrap();
    assert_eq!(
        (abc.before.join("_"), d.default_code(abc).to_string()),
        ("KLM_NOP".to_string(), "002".to_string())
    );
    let mut bytes = Vec::new();
    d.write(&mut bytes).unwrap();
    let back = VerbDict::read(bytes.as_slice(), "round-trip").unwrap();
    assert_eq!(back.blocks(), d.blocks());
}

#[test]
fn validation_records_parse() {
    let Some(dir) = petrarch_dir() else { return };
    let parsed = read_records_file(&dir.join("PETR.UnitTest.records.xml")).unwrap();
    // Two records expect the non-CAMEO codes 174K and 174L: named and skipped.
    assert!(parsed.errors.len() <= 3, "{:#?}", parsed.errors);
    assert_eq!(parsed.records.len() + parsed.errors.len(), 284);
    let count = |cat: &str| parsed.records.iter().filter(|r| r.category == cat).count();
    assert_eq!(
        (count("DEMO"), count("SYNSET"), count("COMPOUND"), count("ERROR")),
        (36, 52, 42, 7)
    );
    let demo = &parsed.records[0];
    assert_eq!((demo.id.as_str(), demo.date.as_str()), ("DEMO-00", "19950101"));
    assert!(demo.text.starts_with(
        "Arnor is about to restore full diplomatic ties with Gondor almost five years"
    ));
    let Expected::Events(ev) = &demo.expected else { panic!("{:?}", demo.expected) };
    assert_eq!(
        (ev[0].source.as_str(), ev[0].target.as_str(), ev[0].code.as_str()),
        ("ARN", "GON", "064")
    );
    assert!(parsed.records.iter().all(|r| !r.text.is_empty() && !r.text.contains("(ROOT")));
}
