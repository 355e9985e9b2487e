use std::path::Path;

use anyhow::bail;
use herald::doc::OffsetMap;
use serde_json::Value;

use super::Outcome;

/// `herald show`: an article with its layers, readable in a terminal.
#[derive(clap::Args)]
pub struct Args {
    /// Article id (as `herald search` prints it)
    id: String,
    /// Also print each sentence's tokens, separated by `·`
    #[arg(long)]
    tokens: bool,
    /// Print the stored annotation JSON instead
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> anyhow::Result<Outcome> {
    let store = super::open_store(db)?;
    let Some(stored) = store.get(&args.id)? else {
        bail!("no article with id {:?} in {}", args.id, db.display());
    };
    if args.json {
        match &stored.annotation {
            Some(json) => println!("{json}"),
            None => {
                bail!("article {} is not annotated (language {})", args.id, lang(&stored.article))
            }
        }
        return Ok(Outcome::Clean);
    }
    let a = &stored.article;
    println!("{}", a.title.as_deref().unwrap_or("(untitled)"));
    let mut meta = vec![a.id.clone()];
    meta.extend(a.date.map(|d| d.to_string()));
    meta.extend(a.byline.clone());
    meta.push(lang(a));
    println!("{}", meta.join(" · "));
    for line in [&a.url, &a.source].into_iter().flatten() {
        println!("{line}");
    }
    if !stored.aliases.is_empty() {
        println!("also seen at: {}", stored.aliases.join(", "));
    }
    println!();
    let annotation: Option<Value> =
        stored.annotation.as_deref().map(serde_json::from_str).transpose()?;
    let Some(annotation) = annotation else {
        println!("{}", a.text);
        println!("\n(not annotated)");
        return Ok(Outcome::Clean);
    };
    let map = OffsetMap::new(&a.text);
    let slice = |v: &Value| -> &str {
        let (s, e) = (v["start"].as_u64().unwrap_or(0), v["end"].as_u64().unwrap_or(0));
        map.to_bytes(s as u32, e as u32).get(&a.text).unwrap_or("")
    };
    let empty = Vec::new();
    let array = |key: &str| annotation[key].as_array().unwrap_or(&empty);
    let tokens = array("tokens");
    let mut next_token = 0;
    let mut paragraph = None;
    for (i, sentence) in array("sentences").iter().enumerate() {
        let p = sentence["paragraph"].as_u64();
        if paragraph.is_some() && p != paragraph {
            println!();
        }
        paragraph = p;
        println!("[{}] {}", i + 1, slice(sentence));
        if args.tokens {
            let end = sentence["end"].as_u64().unwrap_or(0);
            let mut words = Vec::new();
            while let Some(t) = tokens.get(next_token).filter(|t| t["end"].as_u64() <= Some(end)) {
                words.push(slice(t));
                next_token += 1;
            }
            println!("    {}", words.join(" · "));
        }
    }
    let entities = array("entities");
    if !entities.is_empty() {
        println!("\nEntities");
        for e in entities {
            // Distinct mention forms, in order of first use.
            let mut forms: Vec<&str> = Vec::new();
            for m in e["mentions"].as_array().unwrap_or(&empty) {
                let form = slice(m);
                if !forms.contains(&form) {
                    forms.push(form);
                }
            }
            let n = e["mentions"].as_array().map_or(0, Vec::len);
            println!(
                "  {:<4} {:<7} {:<28} {:<10} {n:>2}× {}",
                e["id"].as_str().unwrap_or(""),
                e["type"].as_str().unwrap_or(""),
                e["name"].as_str().unwrap_or(""),
                e["actor"].as_str().unwrap_or("-"),
                forms.join(" | ")
            );
            if let Some(reason) = e["actor_reason"].as_str() {
                println!("  {:<41} ← {reason}", "");
            }
        }
    }
    let events = array("events");
    if !events.is_empty() {
        println!("\nEvents (herald explain ID says why)");
        for e in events {
            let actor = |k: &str| match e[k].as_str() {
                Some(code) if !code.is_empty() => code,
                _ => "-",
            };
            let mut flags = Vec::new();
            if e["negated"].as_bool() == Some(true) {
                flags.push("negated".to_owned());
            }
            flags.extend(e["modality"].as_str().map(str::to_owned));
            println!(
                "  {}/{:<5} {:<5} {:>10} → {:<10} [{}] {}{}",
                a.id,
                e["id"].as_str().unwrap_or("?"),
                e["code"].as_str().unwrap_or(""),
                actor("source"),
                actor("target"),
                e["sentence"].as_u64().map_or(0, |s| s + 1),
                slice(&e["trigger"]),
                if flags.is_empty() { String::new() } else { format!(" ({})", flags.join(", ")) }
            );
        }
    }
    println!();
    let counts: Vec<String> =
        ["sentences", "tokens", "entities", "events", "quotes", "places", "times"]
            .iter()
            .map(|k| format!("{} {k}", array(k).len()))
            .collect();
    println!("{}", counts.join(", "));
    Ok(Outcome::Clean)
}

fn lang(a: &herald::Article) -> String {
    a.language.as_ref().map_or_else(|| "language unknown".to_owned(), |l| l.to_string())
}
