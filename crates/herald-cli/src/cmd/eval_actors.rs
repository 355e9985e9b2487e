//! `herald eval actors`: actor-coding accuracy on hand-annotated sentences.
//!
//! Each record is a sentence with its date and the actors a human coder found in it
//! (`{"text", "date", "actors": [{"text", "code", "why"}], "places": [...]}`). herald
//! annotates the sentence and is scored twice:
//! - **phrase**: the annotated phrase coded directly (`herald_actors::code_span`), which
//!   measures the coder on its own;
//! - **entity**: the code of the document entity that has a mention inside the phrase, which
//!   measures the whole pipeline (recognition, grouping, coreference, coding).
//!
//! A code counts as right when it equals the gold code or extends it with a sub-role (gold
//! codes carry the primary role only: `RUSGOV` accepts `RUSGOVFRM`). Places listed in a record
//! should get no actor code in phrase mode ("talks in Moscow").

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::PathBuf;

use anyhow::Context;
use herald::doc::{PubDate, Span};
use herald::Article;
use serde_json::Value;

use super::Outcome;

#[derive(clap::Args)]
pub struct Args {
    /// The annotated JSONL file
    #[arg(value_name = "GOLD")]
    gold: PathBuf,
    /// Print every miss
    #[arg(long)]
    errors: bool,
}

#[derive(Default)]
struct Tally {
    total: u64,
    phrase: u64,
    entity: u64,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let pipeline = super::load_pipeline(&super::DictionaryArgs::default())?;
    let dict = pipeline.actors().context("the pipeline has no actor dictionary")?;
    let file = std::fs::File::open(&args.gold)
        .with_context(|| format!("opening {}", args.gold.display()))?;
    let mut by_why: BTreeMap<String, Tally> = BTreeMap::new();
    let mut all = Tally::default();
    let (mut places, mut places_coded) = (0u64, 0u64);
    let mut skipped = false;
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("reading {}", args.gold.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("herald: skipped {}:{}: {e}", args.gold.display(), i + 1);
                skipped = true;
                continue;
            }
        };
        let text = record["text"].as_str().unwrap_or_default();
        let mut article = Article::new(record["id"].as_str().unwrap_or("?"), text);
        article.date = record["date"].as_str().and_then(PubDate::parse);
        let doc = pipeline.annotate(article);
        // Occurrences already used, so a phrase named twice is matched in order.
        let mut used: BTreeMap<&str, usize> = BTreeMap::new();
        for actor in record["actors"].as_array().into_iter().flatten() {
            let (Some(phrase), Some(gold)) = (actor["text"].as_str(), actor["code"].as_str())
            else {
                continue;
            };
            let why = actor["why"].as_str().unwrap_or("?").to_owned();
            let Some(span) = nth_occurrence(text, phrase, &mut used) else {
                eprintln!(
                    "herald: skipped {}:{}: {phrase:?} not in the text",
                    args.gold.display(),
                    i + 1
                );
                skipped = true;
                continue;
            };
            let (phrase_code, phrase_reason) = herald::actors::code_span(&doc, dict, span).unzip();
            let entity_code = doc
                .layers
                .entities
                .iter()
                .find(|e| e.mentions.iter().any(|m| span.contains(m.span)))
                .and_then(|e| e.actor.clone());
            let ok_phrase = accepts(gold, phrase_code.as_deref());
            let ok_entity = accepts(gold, entity_code.as_deref());
            for t in [&mut all, by_why.entry(why.clone()).or_default()] {
                t.total += 1;
                t.phrase += ok_phrase as u64;
                t.entity += ok_entity as u64;
            }
            if args.errors && !(ok_phrase && ok_entity) {
                println!(
                    "{}\t{phrase:?}\tgold {gold}\tphrase {}\tentity {}\t({why})\t[{}]",
                    record["id"].as_str().unwrap_or("?"),
                    phrase_code.as_deref().unwrap_or("-"),
                    entity_code.as_deref().unwrap_or("-"),
                    phrase_reason.as_deref().unwrap_or("no evidence"),
                );
            }
        }
        for place in record["places"].as_array().into_iter().flatten() {
            let Some(phrase) = place.as_str() else { continue };
            let Some(span) = nth_occurrence(text, phrase, &mut used) else { continue };
            places += 1;
            if let Some((code, _)) = herald::actors::code_span(&doc, dict, span) {
                places_coded += 1;
                if args.errors {
                    println!(
                        "{}\t{phrase:?}\tplace coded {code}",
                        record["id"].as_str().unwrap_or("?")
                    );
                }
            }
        }
    }
    let pct = |n: u64, d: u64| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    println!(
        "actor mentions {}  phrase accuracy {:.3}  entity accuracy {:.3}",
        all.total,
        pct(all.phrase, all.total),
        pct(all.entity, all.total)
    );
    for (why, t) in &by_why {
        println!(
            "  {why:<13} {:>4}  phrase {:.3}  entity {:.3}",
            t.total,
            pct(t.phrase, t.total),
            pct(t.entity, t.total)
        );
    }
    println!(
        "places {places}  left uncoded {:.3} (a place used as a location is not an actor)",
        1.0 - pct(places_coded, places)
    );
    Ok(if skipped { Outcome::Skipped } else { Outcome::Clean })
}

/// The byte span of the next unused occurrence of `phrase` in `text`.
fn nth_occurrence<'a>(
    text: &str,
    phrase: &'a str,
    used: &mut BTreeMap<&'a str, usize>,
) -> Option<Span> {
    let n = used.entry(phrase).or_default();
    let start = text.match_indices(phrase).nth(*n).map(|(i, _)| i)?;
    *n += 1;
    Some(Span::new(start as u32, (start + phrase.len()) as u32))
}

/// True when `predicted` is the gold code or the gold code with sub-roles after it.
fn accepts(gold: &str, predicted: Option<&str>) -> bool {
    predicted.is_some_and(|p| {
        p == gold || p.starts_with(gold) && (p.len() - gold.len()).is_multiple_of(3)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn sub_roles_extend_a_gold_code() {
        assert!(super::accepts("RUSGOV", Some("RUSGOV")));
        assert!(super::accepts("RUSGOV", Some("RUSGOVFRM")));
        assert!(!super::accepts("RUSGOV", Some("RUS")));
        assert!(!super::accepts("RUS", Some("RUSG")));
        assert!(!super::accepts("RUS", None));
    }
}
