//! Measures place resolution against the hand-annotated fixture
//! `tests/fixtures/places/places.jsonl`:
//!
//! ```text
//! cargo run -p herald-places --release --example eval_places -- [FIXTURE] [--gazetteer FILE] [--errors] [--baseline]
//! ```
//!
//! The fixture marks each toponym with its text, entity kind and expected GeoNames id and
//! country (`null` when no gazetteer entry is right: seas, rivers, regions, facilities, a
//! demonym tagged as a place). herald's recognizer is *not* run: each marked toponym becomes
//! one entity whose mentions are every whole-word occurrence of its text, so the figures
//! measure resolution alone. Reported: exact GeoNames id, country, within 161 km (the
//! geoparsing literature's "accuracy@161km"), and how often the toponyms with no right entry
//! are left unresolved. `--baseline` scores the prior alone (the first candidate of
//! `Gazetteer::lookup`, no context), to show what the context adds.

use std::path::PathBuf;

use herald_doc::{Article, Doc, Entity, Mention, Span};
use herald_places::{resolve, Gazetteer};
use serde_json::Value;

fn main() {
    if let Err(e) = run() {
        eprintln!("eval_places: {e}");
        std::process::exit(1);
    }
}

type Error = Box<dyn std::error::Error>;

#[derive(Default)]
struct Tally {
    resolvable: usize,
    exact: usize,
    country: usize,
    near: usize,
    unresolved: usize,
    empty: usize,
    empty_ok: usize,
}

fn run() -> Result<(), Error> {
    let mut fixture = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/places/places.jsonl"
    ));
    let mut gazetteer = None;
    let mut errors = false;
    let mut baseline = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--errors" => errors = true,
            "--baseline" => baseline = true,
            "--gazetteer" => {
                gazetteer = Some(PathBuf::from(args.next().ok_or("--gazetteer FILE")?))
            }
            _ => fixture = PathBuf::from(a),
        }
    }
    let started = std::time::Instant::now();
    let gaz = match &gazetteer {
        Some(p) => Gazetteer::load_file(p)?,
        None => Gazetteer::bundled()?,
    };
    let load = started.elapsed();
    let text =
        std::fs::read_to_string(&fixture).map_err(|e| format!("{}: {e}", fixture.display()))?;
    let mut t = Tally::default();
    let mut docs = 0;
    let mut resolve_time = std::time::Duration::ZERO;
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: Value = serde_json::from_str(line)
            .map_err(|e| format!("{}:{}: {e}", fixture.display(), n + 1))?;
        let id = record["id"].as_str().unwrap_or("?");
        let body = record["text"].as_str().ok_or_else(|| format!("{id}: no text"))?;
        let places = record["places"].as_array().cloned().unwrap_or_default();
        let mut doc = Doc::new(Article::new(id, body));
        for (i, p) in places.iter().enumerate() {
            let surface = p["text"].as_str().unwrap_or_default();
            let mentions = occurrences(body, surface);
            if mentions.is_empty() {
                return Err(format!("{id}: {surface:?} does not occur in the text").into());
            }
            doc.layers.entities.push(Entity {
                id: format!("E{}", i + 1),
                name: surface.to_owned(),
                kind: p["kind"].as_str().unwrap_or("GPE").to_owned(),
                actor: None,
                actor_reason: None,
                mentions,
            });
        }
        let started = std::time::Instant::now();
        if baseline {
            prior_only(&mut doc, &gaz);
        } else {
            resolve(&mut doc, &gaz);
        }
        resolve_time += started.elapsed();
        docs += 1;
        for (p, e) in places.iter().zip(&doc.layers.entities) {
            let first = e.mentions[0].span.start;
            let got = doc
                .layers
                .places
                .iter()
                .find(|pl| pl.mentions.iter().any(|m| m.span.start == first));
            let want_id = p["geonameid"].as_u64().map(|x| x as u32);
            let want_country = p["country"].as_str().unwrap_or_default();
            let ok = match want_id {
                None => {
                    t.empty += 1;
                    t.empty_ok += usize::from(got.is_none());
                    got.is_none()
                }
                Some(want) => {
                    t.resolvable += 1;
                    let Some(got) = got else {
                        t.unresolved += 1;
                        if errors {
                            println!("{id}\t{}\tunresolved\twant {want} {want_country}", e.name);
                        }
                        continue;
                    };
                    t.exact += usize::from(got.geonameid == Some(want));
                    t.country += usize::from(got.country == want_country);
                    let near = gaz
                        .entries()
                        .iter()
                        .find(|x| x.geonameid == want)
                        .is_some_and(|x| km(x.lat, x.lon, got.lat, got.lon) <= 161.0);
                    t.near += usize::from(near);
                    got.geonameid == Some(want)
                }
            };
            if errors && !ok {
                let got = got.map(|g| format!("{} {:?} {}", g.name, g.geonameid, g.country));
                println!(
                    "{id}\t{}\tgot {}\twant {:?} {want_country}",
                    e.name,
                    got.unwrap_or_else(|| "unresolved".into()),
                    want_id
                );
            }
        }
    }
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
    println!("fixture: {} ({docs} documents)", fixture.display());
    println!(
        "gazetteer: {} entries, loaded in {:.0} ms",
        gaz.entries().len(),
        load.as_secs_f64() * 1e3
    );
    println!(
        "toponyms with an entry: {}; exact GeoNames id {:.1}% ({}), country {:.1}% ({}), within 161 km {:.1}% ({}), unresolved {}",
        t.resolvable,
        pct(t.exact, t.resolvable),
        t.exact,
        pct(t.country, t.resolvable),
        t.country,
        pct(t.near, t.resolvable),
        t.near,
        t.unresolved
    );
    println!(
        "toponyms with no right entry: {}; left unresolved {:.1}% ({})",
        t.empty,
        pct(t.empty_ok, t.empty),
        t.empty_ok
    );
    println!(
        "all {} toponyms: correct {:.1}%; resolution {:.0} documents/s",
        t.resolvable + t.empty,
        pct(t.exact + t.empty_ok, t.resolvable + t.empty),
        docs as f64 / resolve_time.as_secs_f64().max(1e-9)
    );
    Ok(())
}

/// The baseline: each entity gets the first candidate of `Gazetteer::lookup` (the prior
/// alone: countries first, then population), no context and no refusals.
fn prior_only(doc: &mut Doc, gaz: &Gazetteer) {
    let mut places = Vec::new();
    for e in &doc.layers.entities {
        if let Some(c) = gaz.lookup(&e.name).first() {
            places.push(herald_doc::Place {
                id: format!("p{}", places.len() + 1),
                name: c.entry.name.clone(),
                geonameid: Some(c.entry.geonameid),
                country: c.entry.country.clone(),
                lat: c.entry.lat,
                lon: c.entry.lon,
                mentions: e.mentions.clone(),
            });
        }
    }
    doc.layers.places = places;
}

/// Every whole-word occurrence of `surface` in `text`, as mentions.
fn occurrences(text: &str, surface: &str) -> Vec<Mention> {
    if surface.is_empty() {
        return Vec::new();
    }
    text.match_indices(surface)
        .filter(|&(s, m)| {
            let before = text[..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = text[s + m.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            before && after
        })
        .map(|(s, m)| Mention::new(Span::new(s as u32, (s + m.len()) as u32)))
        .collect()
}

/// Great-circle distance in kilometres.
fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}
