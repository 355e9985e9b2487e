//! Scores herald's coreference on GUM (CorefUD brackets in CoNLL-U MISC).
//!
//! `cargo run --release -p herald-coref --example gum_eval -- FILE.conllu [--errors]`
//!
//! Each document is converted with gold tokens, tags, lemmas and trees and gold names (so
//! the figures measure coreference, not parsing or recognition), grouped by
//! `herald_entities::group`, then resolved by `herald_coref::resolve_with` under several
//! configurations. The key is GUM's gold chains **restricted to the entities with at least
//! one named mention** (a person, organisation or place mention headed by a proper noun):
//! herald only tracks named entities. Singletons are left out of key and response (the
//! CoNLL-2012 convention). Mentions are matched by their syntactic head token.

mod conllu;
mod metrics;

use std::collections::HashMap;

use conllu::{is_named, range_head, GumDoc};
use herald_coref::Config;
use metrics::{b_cubed, ceaf_e, muc, Chains, Counts};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: gum_eval FILE.conllu [--errors] [--prefix GUM_news_]");
        std::process::exit(1);
    };
    let errors = args.iter().any(|a| a == "--errors");
    let prefix = args.iter().position(|a| a == "--prefix").and_then(|i| args.get(i + 1));
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let mut docs = conllu::read(&text);
    if let Some(p) = prefix {
        docs.retain(|d| d.id.starts_with(p.as_str()));
    }
    let off = Config {
        appositions: false,
        roles: false,
        pronouns: false,
        quote_speakers: false,
        ..Config::default()
    };
    let configs: Vec<(&str, Option<Config>)> = vec![
        ("(a) names only (herald-entities)", None),
        ("    + appositions, predicates", Some(Config { appositions: true, ..off.clone() })),
        ("    + role phrases", Some(Config { appositions: true, roles: true, ..off.clone() })),
        ("    + pronouns", Some(Config { quote_speakers: false, ..Config::default() })),
        ("(b) + I/me/my in quotes = resolve()", Some(Config::default())),
        (
            "    variant: + they/them/their",
            Some(Config { plural_pronouns: true, ..Config::default() }),
        ),
        ("    variant: pronoun window 1", Some(Config { pronoun_window: 1, ..Config::default() })),
        ("    variant: pronoun window 3", Some(Config { pronoun_window: 3, ..Config::default() })),
    ];
    let news: Vec<&GumDoc> = docs.iter().filter(|d| d.id.starts_with("GUM_news_")).collect();
    let all: Vec<&GumDoc> = docs.iter().collect();
    println!("{path}: {} documents ({} news)", docs.len(), news.len());
    for (label, set) in [("all genres", &all), ("news only", &news)] {
        if set.is_empty() {
            continue;
        }
        let keys: usize = set.iter().map(|d| key_chains(d).len()).sum();
        let key_mentions: usize =
            set.iter().map(|d| key_chains(d).iter().map(Vec::len).sum::<usize>()).sum();
        println!(
            "\n## {label}: {} documents, key = {keys} named entities with {key_mentions} mentions",
            set.len()
        );
        println!("| configuration | MUC P | MUC R | MUC F1 | B³ P | B³ R | B³ F1 | CEAF-e P | CEAF-e R | CEAF-e F1 | CoNLL F1 |");
        println!("|---|---|---|---|---|---|---|---|---|---|---|");
        for (name, cfg) in &configs {
            let (mut m, mut b, mut c) = (Counts::default(), Counts::default(), Counts::default());
            for d in set.iter() {
                let key = key_chains(d);
                let resp = response_chains(d, cfg.as_ref());
                m.add(muc(&key, &resp));
                b.add(b_cubed(&key, &resp));
                c.add(ceaf_e(&key, &resp));
            }
            let conll = (m.f1() + b.f1() + c.f1()) / 3.0;
            let pct = |x: f64| format!("{:.1}", 100.0 * x);
            println!(
                "| {name} | {} | {} | {} | {} | {} | {} | {} | {} | {} | **{}** |",
                pct(m.precision()),
                pct(m.recall()),
                pct(m.f1()),
                pct(b.precision()),
                pct(b.recall()),
                pct(b.f1()),
                pct(c.precision()),
                pct(c.recall()),
                pct(c.f1()),
                pct(conll)
            );
        }
        link_accuracy(set);
    }
    if errors {
        for d in &docs {
            print_errors(d);
        }
        misses(&docs);
    }
}

/// Head token → gold entity id, for every gold mention (the first mention with a head wins).
fn gold_by_head(d: &GumDoc) -> HashMap<u32, String> {
    let mut map = HashMap::new();
    for m in &d.mentions {
        map.entry(range_head(&d.doc, m.start, m.end)).or_insert_with(|| m.entity.clone());
    }
    map
}

/// The key: gold chains of entities with a named mention, as head tokens, no singletons.
fn key_chains(d: &GumDoc) -> Chains {
    let named: Vec<&str> =
        d.mentions.iter().filter(|m| is_named(&d.doc, m)).map(|m| m.entity.as_str()).collect();
    let mut order: Vec<&str> = Vec::new();
    let mut chains: HashMap<&str, Vec<u32>> = HashMap::new();
    let mut seen: Vec<u32> = Vec::new();
    for m in &d.mentions {
        if !named.contains(&m.entity.as_str()) {
            continue;
        }
        let h = range_head(&d.doc, m.start, m.end);
        if seen.contains(&h) {
            continue;
        }
        seen.push(h);
        if !chains.contains_key(m.entity.as_str()) {
            order.push(&m.entity);
        }
        chains.entry(&m.entity).or_default().push(h);
    }
    order.into_iter().filter_map(|e| chains.remove(e)).filter(|c| c.len() > 1).collect()
}

/// Runs herald on the document and returns its entities as head tokens.
fn resolved(d: &GumDoc, cfg: Option<&Config>) -> herald_doc::Doc {
    let mut doc = d.doc.clone();
    herald_entities::group(&mut doc);
    if let Some(cfg) = cfg {
        herald_coref::resolve_with(&mut doc, cfg);
    }
    doc
}

fn head_of_span(doc: &herald_doc::Doc, span: herald_doc::Span) -> Option<u32> {
    let spans = &doc.tokens.spans;
    let s = spans.partition_point(|x| x.start < span.start) as u32;
    let e = spans.partition_point(|x| x.start < span.end) as u32;
    (s < e).then(|| range_head(doc, s, e))
}

fn response_chains(d: &GumDoc, cfg: Option<&Config>) -> Chains {
    let doc = resolved(d, cfg);
    let mut seen: Vec<u32> = Vec::new();
    let mut chains = Vec::new();
    for e in &doc.layers.entities {
        let mut c = Vec::new();
        for m in &e.mentions {
            if let Some(h) = head_of_span(&doc, m.span) {
                if !seen.contains(&h) {
                    seen.push(h);
                    c.push(h);
                }
            }
        }
        if c.len() > 1 {
            chains.push(c);
        }
    }
    chains
}

/// The share of the mentions `resolve` added that belong to the gold entity of the names
/// they joined (the entity's majority gold entity), by mention kind.
fn link_accuracy(set: &[&GumDoc]) {
    let mut tally: HashMap<&str, (u32, u32)> = HashMap::new();
    for d in set {
        let gold = gold_by_head(d);
        let base = resolved(d, None);
        let doc = resolved(d, Some(&Config::default()));
        for (e, before) in doc.layers.entities.iter().zip(&base.layers.entities) {
            let mut votes: HashMap<&str, u32> = HashMap::new();
            for m in &before.mentions {
                if let Some(g) = head_of_span(&doc, m.span).and_then(|h| gold.get(&h)) {
                    *votes.entry(g).or_default() += 1;
                }
            }
            let majority =
                votes.into_iter().max_by_key(|&(g, n)| (n, std::cmp::Reverse(g))).map(|(g, _)| g);
            for m in e.mentions.iter().filter(|m| !before.mentions.contains(m)) {
                let h = head_of_span(&doc, m.span).unwrap_or(0);
                let kind = if doc.tokens.upos[h as usize] == herald_doc::Upos::Pron {
                    "pronoun"
                } else {
                    "phrase"
                };
                let right = majority.is_some() && gold.get(&h).map(String::as_str) == majority;
                let t = tally.entry(kind).or_default();
                t.0 += right as u32;
                t.1 += 1;
            }
        }
    }
    let mut kinds: Vec<_> = tally.into_iter().collect();
    kinds.sort();
    for (kind, (right, n)) in kinds {
        println!(
            "added {kind} mentions: {n}, in the right gold entity: {right} ({:.1}%)",
            100.0 * right as f64 / n.max(1) as f64
        );
    }
}

/// Lists each added mention with its verdict, for error analysis.
fn print_errors(d: &GumDoc) {
    let gold = gold_by_head(d);
    let base = resolved(d, None);
    let doc = resolved(d, Some(&Config::default()));
    for (e, before) in doc.layers.entities.iter().zip(&base.layers.entities) {
        let heads: Vec<&str> = before
            .mentions
            .iter()
            .filter_map(|m| {
                head_of_span(&doc, m.span).and_then(|h| gold.get(&h)).map(String::as_str)
            })
            .collect();
        for m in e.mentions.iter().filter(|m| !before.mentions.contains(m)) {
            let h = head_of_span(&doc, m.span).unwrap_or(0);
            let g = gold.get(&h).map(String::as_str).unwrap_or("-");
            let ok = if heads.contains(&g) { "ok " } else { "BAD" };
            let s = doc.tokens.spans[h as usize].start as usize;
            let text = &doc.article.text;
            let mut a = s.saturating_sub(80);
            while !text.is_char_boundary(a) {
                a -= 1;
            }
            let mut b = (s + 40).min(text.len());
            while !text.is_char_boundary(b) {
                b += 1;
            }
            let ctx: String = text[a..b].chars().map(|c| if c == '\n' { ' ' } else { c }).collect();
            println!("{ok} {} {:?} -> {} [{}]  …{}…", d.id, doc.text_of(m.span), e.name, g, ctx);
        }
    }
}

/// Counts the key mentions the response leaves out of their entity, by the head's word
/// class (pronouns by form), for error analysis.
fn misses(docs: &[GumDoc]) {
    let mut tally: HashMap<String, u32> = HashMap::new();
    for d in docs {
        let key = key_chains(d);
        let resp = response_chains(d, Some(&Config::default()));
        for k in &key {
            for &h in k {
                let found = resp
                    .iter()
                    .any(|r| r.contains(&h) && r.iter().any(|x| *x != h && k.contains(x)));
                if !found {
                    let upos = d.doc.tokens.upos[h as usize];
                    let label = match upos {
                        herald_doc::Upos::Pron => {
                            d.doc.text_of(d.doc.tokens.spans[h as usize]).to_lowercase()
                        }
                        u => u.as_str().to_owned(),
                    };
                    *tally.entry(label).or_default() += 1;
                }
            }
        }
    }
    let mut v: Vec<_> = tally.into_iter().collect();
    v.sort_by_key(|(l, n)| (std::cmp::Reverse(*n), l.clone()));
    println!("missed key mentions by head: {v:?}");
}
