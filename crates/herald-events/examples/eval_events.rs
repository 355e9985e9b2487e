//! Scores the event coder on the hand-annotated event set.
//!
//!     cargo run --release -p herald-events --example eval_events -- [tests/fixtures/events/events.jsonl] [--errors]
//!
//! Each record (`tests/fixtures/README.md`) is one sentence with its date and gold events.
//! herald's whole pipeline annotates the sentence (parse, names, entities, actors, events).
//! Two scores, micro-averaged, overall and per CAMEO root:
//! - **triple**: (source, target, root) — an event matches a gold event when the roots are
//!   equal and each gold actor code is a prefix of the coded one (gold codes carry the
//!   primary role only); an empty gold source or target matches anything;
//! - **full**: the same with the full event code equal.
//!
//! Matching is one-to-one and greedy in gold order. Precision per root counts predicted
//! events by their own root, recall gold events by theirs.
//!
//! `--errors` lists every missed and extra event; both modes end with a diagnosis of the
//! misses by the gold trigger word: no event at that word (`no event`), an event there
//! with another root (`root`), or with the right root but another source or target.

use std::collections::BTreeMap;
use std::time::Instant;

use herald::doc::{Event, PubDate};
use herald::{Article, Pipeline};
use herald_events::{code_events, CameoTable, VerbDict};
use serde_json::Value;

#[derive(Default, Clone, Copy)]
struct Counts {
    predicted: u64,
    gold: u64,
    matched: u64,
}

impl Counts {
    fn line(&self) -> String {
        let p = ratio(self.matched, self.predicted);
        let r = ratio(self.matched, self.gold);
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        format!(
            "P {p:.3}  R {r:.3}  F1 {f:.3}  ({} matched, {} coded, {} gold)",
            self.matched, self.predicted, self.gold
        )
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

struct Gold {
    negated: bool,
    modality: Option<String>,
    source: String,
    target: String,
    code: String,
    root: String,
    trigger: String,
}

fn actor_ok(gold: &str, coded: &str) -> bool {
    gold.is_empty() || coded.starts_with(gold)
}

/// Greedy one-to-one matches between gold and coded events.
fn matches(gold: &[Gold], coded: &[Event], full: bool, actors: bool) -> Vec<(usize, usize)> {
    let mut used = vec![false; coded.len()];
    let mut out = Vec::new();
    for (g, ge) in gold.iter().enumerate() {
        let hit = coded.iter().enumerate().position(|(i, e)| {
            !used[i]
                && e.root == ge.root
                && (!full || e.code == ge.code)
                && (!actors || actor_ok(&ge.source, &e.source) && actor_ok(&ge.target, &e.target))
        });
        if let Some(i) = hit {
            used[i] = true;
            out.push((g, i));
        }
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let errors = args.iter().any(|a| a == "--errors");
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "tests/fixtures/events/events.jsonl".to_owned());
    let text = std::fs::read_to_string(&path)?;
    let pipeline = Pipeline::new()?;
    let actors = pipeline.actors().ok_or("no actor dictionary")?;
    let verbs = VerbDict::bundled()?;
    let table = CameoTable::bundled();

    let mut triple: BTreeMap<String, Counts> = BTreeMap::new();
    let mut full: BTreeMap<String, Counts> = BTreeMap::new();
    let (mut t_all, mut f_all) = (Counts::default(), Counts::default());
    // Diagnostic: roots alone, actors ignored (is the verb or the actor the bottleneck?).
    let mut r_all = Counts::default();
    // On (source, target, root) matches: count, negation agrees, modality agrees, gold
    // intent/conditional count, of which agreeing.
    let mut flags = (0u64, 0u64, 0u64, 0u64, 0u64);
    let (mut sentences, mut coding_time, mut pipeline_time) = (0u64, 0.0f64, 0.0f64);
    let mut diagnosis: BTreeMap<&str, u64> = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: Value =
            serde_json::from_str(line).map_err(|e| format!("{path}: line {}: {e}", n + 1))?;
        let mut article = Article::new(
            record["id"].as_str().unwrap_or(""),
            record["text"].as_str().unwrap_or(""),
        );
        article.date = record["date"].as_str().and_then(PubDate::parse);
        let start = Instant::now();
        let mut doc = pipeline.annotate(article);
        pipeline_time += start.elapsed().as_secs_f64();
        // Once the pipeline runs the coder itself its events are kept (and timed inside
        // `pipeline`); until then the coder is called here.
        if doc.layers.events.is_empty() {
            let start = Instant::now();
            code_events(&mut doc, &verbs, &table, actors);
            coding_time += start.elapsed().as_secs_f64();
        }
        sentences += 1;
        let s = |e: &Value, k: &str| e[k].as_str().unwrap_or("").to_owned();
        let gold: Vec<Gold> = record["events"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| Gold {
                        negated: e["negated"].as_bool().unwrap_or(false),
                        modality: e["modality"].as_str().map(str::to_owned),
                        source: s(e, "source"),
                        target: s(e, "target"),
                        code: s(e, "code"),
                        root: s(e, "root"),
                        trigger: s(e, "trigger"),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let coded = &doc.layers.events;
        r_all.gold += gold.len() as u64;
        r_all.predicted += coded.len() as u64;
        r_all.matched += matches(&gold, coded, false, false).len() as u64;
        for (is_full, per_root, all) in
            [(false, &mut triple, &mut t_all), (true, &mut full, &mut f_all)]
        {
            let m = matches(&gold, coded, is_full, true);
            for g in &gold {
                per_root.entry(g.root.clone()).or_default().gold += 1;
                all.gold += 1;
            }
            for e in coded {
                per_root.entry(e.root.clone()).or_default().predicted += 1;
                all.predicted += 1;
            }
            for &(g, c) in &m {
                per_root.entry(gold[g].root.clone()).or_default().matched += 1;
                all.matched += 1;
                if !is_full {
                    flags.0 += 1;
                    flags.1 += u64::from(gold[g].negated == coded[c].negated);
                    flags.2 += u64::from(gold[g].modality == coded[c].modality);
                    // Modality where the gold has intent or conditional (what the coder looks for).
                    if matches!(gold[g].modality.as_deref(), Some("intent" | "conditional")) {
                        flags.3 += 1;
                        flags.4 += u64::from(gold[g].modality == coded[c].modality);
                    }
                }
            }
            if !is_full {
                let matched_g: Vec<usize> = m.iter().map(|x| x.0).collect();
                for g in
                    gold.iter().enumerate().filter(|(i, _)| !matched_g.contains(i)).map(|x| x.1)
                {
                    let at: Vec<&Event> = coded
                        .iter()
                        .filter(|e| {
                            !g.trigger.is_empty()
                                && doc.text_of(e.trigger).eq_ignore_ascii_case(&g.trigger)
                        })
                        .collect();
                    let cause = if at.is_empty() {
                        "no event at the trigger"
                    } else if !at.iter().any(|e| e.root == g.root) {
                        "event at the trigger, other root"
                    } else if !at.iter().any(|e| e.root == g.root && actor_ok(&g.source, &e.source))
                    {
                        "right root, other source"
                    } else {
                        "right root, other target"
                    };
                    *diagnosis.entry(cause).or_default() += 1;
                }
            }
            if errors && !is_full {
                let matched_g: Vec<usize> = m.iter().map(|x| x.0).collect();
                let matched_c: Vec<usize> = m.iter().map(|x| x.1).collect();
                let id = record["id"].as_str().unwrap_or("");
                for (i, g) in gold.iter().enumerate().filter(|(i, _)| !matched_g.contains(i)) {
                    let _ = i;
                    println!(
                        "{id}\tMISS\t{} {} -> {} [{}] ({})",
                        g.code,
                        g.source,
                        g.target,
                        g.trigger,
                        record["text"].as_str().unwrap_or("")
                    );
                }
                for (i, e) in coded.iter().enumerate().filter(|(i, _)| !matched_c.contains(i)) {
                    let _ = i;
                    let ev = doc.text_of(e.evidence);
                    println!(
                        "{id}\tEXTRA\t{} {} -> {} neg={} mod={:?} [{}] [{ev}]",
                        e.code,
                        e.source,
                        e.target,
                        e.negated,
                        e.modality,
                        doc.text_of(e.trigger)
                    );
                }
            }
        }
    }
    println!(
        "{path}: {sentences} sentences; pipeline {:.1} ms, event coding {:.1} ms (+{:.1}%)",
        pipeline_time * 1e3,
        coding_time * 1e3,
        coding_time / pipeline_time.max(1e-9) * 100.0
    );
    println!("(source, target, root): {}", t_all.line());
    println!("full code:              {}", f_all.line());
    println!("root only, actors ignored (diagnostic): {}", r_all.line());
    println!(
        "on the {} matched events: negation agrees {}, modality agrees {} (gold intent/conditional: {} of {})",
        flags.0, flags.1, flags.2, flags.4, flags.3
    );
    println!("missed (source, target, root) events by cause: {diagnosis:?}");
    println!("\nper root (source, target, root) | full code");
    for (root, t) in &triple {
        let f = full.get(root).copied().unwrap_or_default();
        println!("{root}  {}  |  {}", t.line(), f.line());
    }
    Ok(())
}
