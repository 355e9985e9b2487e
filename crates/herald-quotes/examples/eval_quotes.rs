//! Evaluates herald-quotes on the hand-annotated fixtures in tests/fixtures/quotes/*.jsonl.
//!
//! Run: `cargo run --release -p herald-quotes --example eval_quotes [FIXTURE_DIR]`
//! (set `VERBOSE=1` to list misses and false alarms).
//!
//! Each article goes through `herald::Pipeline::new().annotate` and then
//! `herald_quotes::annotate`. Direct and reported speech are scored separately:
//! exact span match, and overlap match (one-to-one, greedy in text order), as
//! precision/recall/F1. Speaker accuracy is measured on overlap-matched quotes whose gold
//! speaker is known: the prediction is right when the predicted entity's name or one of
//! its mentions contains the gold speaker's surname (its last word), or the gold speaker
//! name contains the entity's name (case-insensitive). A speaker that is no entity ("a
//! senior official") is given by `speaker_span` alone: right when those words hold the
//! gold speaker's head word, its last word before any preposition ("official").

use std::path::PathBuf;

use herald::doc::{OffsetMap, PubDate, QuoteKind};
use herald::{Article, Pipeline};
use serde_json::Value;

#[derive(Default)]
struct Score {
    gold: usize,
    pred: usize,
    exact: usize,
    overlap: usize,
    spk_total: usize,
    spk_ok: usize,
}

fn prf(hit: usize, pred: usize, gold: usize) -> (f64, f64, f64) {
    let p = if pred == 0 { 0.0 } else { hit as f64 / pred as f64 };
    let r = if gold == 0 { 0.0 } else { hit as f64 / gold as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

/// Lower-cased words of `s` without possessive endings.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| w.trim_end_matches("'s").trim_end_matches("’s").to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The head word of a gold speaker: its last word before a preposition ("a diplomat at
/// the talks" → "diplomat").
fn surname_key(gs: &str) -> String {
    const PREP: &[&str] = &["of", "on", "at", "from", "for", "in", "with", "to"];
    let w = words(gs);
    let cut = w.iter().position(|x| PREP.contains(&x.as_str())).unwrap_or(w.len());
    w[..cut].last().or(w.last()).cloned().unwrap_or_default()
}

fn main() {
    let dir = std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/quotes"))
    });
    let verbose = std::env::var_os("VERBOSE").is_some();
    let pipeline = Pipeline::new().expect("bundled models load");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixture dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut scores = [Score::default(), Score::default()];
    let mut articles = 0;
    for file in files {
        let body = std::fs::read_to_string(&file).expect("read fixture");
        for line in body.lines().filter(|l| !l.trim().is_empty()) {
            let a: Value = serde_json::from_str(line).expect("json");
            articles += 1;
            let text = a["text"].as_str().unwrap_or("").to_string();
            let mut article = Article::new(a["id"].as_str().unwrap_or("?"), text.clone());
            article.date = a["date"].as_str().and_then(PubDate::parse);
            let mut doc = pipeline.annotate(article);
            herald_quotes::annotate(&mut doc);
            if std::env::var("DUMP").is_ok_and(|d| a["id"] == d.as_str()) {
                for e in &doc.layers.entities {
                    let ms: Vec<&str> = e.mentions.iter().map(|m| doc.text_of(m.span)).collect();
                    println!("ENT {} {} {:?} {ms:?}", e.id, e.kind, e.name);
                }
                for (i, sp) in doc.tokens.spans.iter().enumerate() {
                    println!(
                        "TOK {i} {} {:?} {:?} {:?} {}",
                        doc.text_of(*sp),
                        doc.tokens.upos[i],
                        doc.tokens.head[i],
                        doc.tokens.deprel[i],
                        doc.tokens.xpos[i]
                    );
                }
            }
            let map = OffsetMap::new(&text);
            let chars: Vec<char> = text.chars().collect();
            let ctext = |s: usize, e: usize| chars[s.min(e)..e].iter().collect::<String>();
            for (k, kind) in [(0, "direct"), (1, "indirect")] {
                let gold: Vec<(usize, usize, Option<String>)> = a["quotes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|q| q["kind"] == kind)
                    .map(|q| {
                        (
                            q["start"].as_u64().unwrap_or(0) as usize,
                            q["end"].as_u64().unwrap_or(0) as usize,
                            q["speaker"].as_str().map(str::to_string),
                        )
                    })
                    .collect();
                let want = if k == 0 { QuoteKind::Direct } else { QuoteKind::Indirect };
                let pred: Vec<_> = doc
                    .layers
                    .quotes
                    .iter()
                    .filter(|q| q.kind == want)
                    .map(|q| {
                        let (s, e) = map.to_chars(q.span);
                        (s as usize, e as usize, q)
                    })
                    .collect();
                let sc = &mut scores[k];
                sc.gold += gold.len();
                sc.pred += pred.len();
                let mut used = vec![false; gold.len()];
                for &(s, e, q) in &pred {
                    if gold.iter().any(|g| g.0 == s && g.1 == e) {
                        sc.exact += 1;
                    }
                    let Some(gi) =
                        (0..gold.len()).find(|&i| !used[i] && gold[i].0 < e && s < gold[i].1)
                    else {
                        if verbose {
                            println!("{} FA {kind}: {:?}", a["id"], ctext(s, e));
                        }
                        continue;
                    };
                    used[gi] = true;
                    sc.overlap += 1;
                    if verbose && (gold[gi].0 != s || gold[gi].1 != e) {
                        println!(
                            "{} SPAN {kind}: gold {:?}\n      got {:?}",
                            a["id"],
                            ctext(gold[gi].0, gold[gi].1),
                            ctext(s, e)
                        );
                    }
                    let Some(gs) = &gold[gi].2 else { continue };
                    sc.spk_total += 1;
                    let ent = q
                        .speaker
                        .as_ref()
                        .and_then(|id| doc.layers.entities.iter().find(|e| &e.id == id));
                    let surname = gs.split_whitespace().last().unwrap_or("").to_lowercase();
                    let ok = ent.is_some_and(|ent| {
                        let name = ent.name.to_lowercase();
                        (!surname.is_empty() && name.contains(&surname))
                            || (!name.is_empty() && gs.to_lowercase().contains(&name))
                            || ent
                                .mentions
                                .iter()
                                .any(|m| doc.text_of(m.span).to_lowercase().contains(&surname))
                    });
                    // a speaker that is no entity ("a senior official", "officials") is
                    // given by its words only: right when they hold the gold speaker's
                    // head word (its last word)
                    let ok = ok
                        || (ent.is_none()
                            && q.speaker_span.is_some_and(|sp| {
                                words(doc.text_of(sp)).iter().any(|w| *w == surname_key(gs))
                            }));
                    if ok {
                        sc.spk_ok += 1;
                    } else if verbose {
                        println!(
                            "{} SPK {kind}: gold {gs:?} got {:?} {:?} for {:?}",
                            a["id"],
                            ent.map(|e| (e.name.as_str(), e.kind.as_str())),
                            q.speaker_span.map(|sp| doc.text_of(sp)),
                            ctext(s, e)
                        );
                    }
                }
                if verbose {
                    for (i, g) in gold.iter().enumerate().filter(|(i, _)| !used[*i]) {
                        let _ = i;
                        println!("{} MISS {kind}: {:?}", a["id"], ctext(g.0, g.1));
                    }
                }
            }
        }
    }
    println!("herald-quotes on {articles} articles ({})", dir.display());
    println!("kind      gold  pred | exact P    R     F1   | overlap P  R     F1   | speaker acc");
    for (k, kind) in [(0, "direct"), (1, "reported")] {
        let sc = &scores[k];
        let (ep, er, ef) = prf(sc.exact, sc.pred, sc.gold);
        let (op, or, of) = prf(sc.overlap, sc.pred, sc.gold);
        let acc = if sc.spk_total == 0 { 0.0 } else { sc.spk_ok as f64 / sc.spk_total as f64 };
        println!(
            "{kind:<9} {:>4}  {:>4} | {ep:.3} {er:.3} {ef:.3} | {op:.3} {or:.3} {of:.3} | {acc:.3} ({}/{})",
            sc.gold, sc.pred, sc.spk_ok, sc.spk_total
        );
    }
}
