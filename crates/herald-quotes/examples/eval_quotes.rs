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
//! name contains the entity's name (case-insensitive).

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
                    if ok {
                        sc.spk_ok += 1;
                    } else if verbose {
                        println!(
                            "{} SPK {kind}: gold {gs:?} got {:?} for {:?}",
                            a["id"],
                            ent.map(|e| (e.name.as_str(), e.kind.as_str())),
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
