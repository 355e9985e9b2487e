//! Builds herald's gazetteer (`crates/herald-places/data/gazetteer.tsv.gz`) from GeoNames and
//! mledoze/countries:
//!
//! ```text
//! cargo run -p herald-places --example build_gazetteer --release -- \
//!     [--data ../shared/data] [--cities cities5000] [--division-cities cities5000] \
//!     [--out crates/herald-places/data/gazetteer.tsv.gz]
//! ```
//!
//! Reads `geonames/<cities>.json.gz`, `geonames/countries.json`,
//! `geonames/admin1CodesASCII.txt`, `geonames/continents.json` and `countries/countries.json`
//! under `--data`. Other names
//! of places are kept when they are written in Latin letters, start with a capital, have no
//! digits, are not codes (all capitals) and have at most four words: the forms an English
//! news story can use. A first-level division gets the population of its places in
//! `--division-cities` (a fuller list than the one shipped) and their population-weighted
//! centre; divisions with no place there are left out.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::PathBuf;

use herald_places::{fold, Entry, Gazetteer, Kind};
use serde_json::Value;

/// Names English news uses for countries that the countries table does not list (herald's
/// own, under the project's licence). Wire style (AP, Reuters) calls the Democratic Republic
/// of the Congo "Congo" and the other one "Republic of Congo": the bare name is the DRC's.
const EXTRA_COUNTRY_NAMES: &[(&str, &str)] = &[
    ("GB", "Britain"),
    ("US", "America"),
    ("CZ", "Czech Republic"),
    ("VA", "Vatican"),
    ("CD", "Congo"),
    ("CD", "the Congo"),
];

/// Names the countries table gives a country that news uses for another (see
/// [`EXTRA_COUNTRY_NAMES`]).
const NOT_COUNTRY_NAMES: &[(&str, &str)] = &[("CG", "Congo"), ("CG", "the Congo")];

/// Names that are not places of the gazetteer, besides the continents: oceans, seas, compass
/// regions and seats of government that would otherwise resolve to a namesake town or
/// division ("Red Sea" is also a state of Sudan, "White House" a town in Tennessee; herald's
/// own list).
const NON_PLACES: &[&str] = &[
    "Pacific",
    "Pacific Ocean",
    "Atlantic",
    "Atlantic Ocean",
    "Indian Ocean",
    "Arctic",
    "Arctic Ocean",
    "Antarctic",
    "Southern Ocean",
    "West",
    "East",
    "North",
    "South",
    "Far East",
    "Near East",
    "Global South",
    "Western Europe",
    "Eastern Europe",
    "Central Asia",
    "Southeast Asia",
    "South Asia",
    "East Asia",
    "Gulf",
    "Persian Gulf",
    "Americas",
    "Red Sea",
    "Black Sea",
    "Caspian Sea",
    "Baltic Sea",
    "North Sea",
    "South China Sea",
    "East China Sea",
    "Caribbean",
    "Caribbean Sea",
    "White House",
    "Pentagon",
    "Capitol Hill",
    "Downing Street",
    "Élysée Palace",
];

/// Words that end division names ("Donetsk Oblast"); the name without them is another name.
const DIVISION_SUFFIXES: &[&str] = &[
    " Oblast",
    " Oblast'",
    " Province",
    " Region",
    " Governorate",
    " Prefecture",
    " State",
    " Voivodeship",
    " Krai",
    " Kray",
    " Republic",
    " Department",
    " District",
    " Territory",
];

fn main() {
    if let Err(e) = run() {
        eprintln!("build_gazetteer: {e}");
        std::process::exit(1);
    }
}

type Error = Box<dyn std::error::Error>;

fn run() -> Result<(), Error> {
    let mut data = PathBuf::from("../shared/data");
    let mut cities = "cities5000".to_owned();
    let mut division_cities = "cities5000".to_owned();
    let mut out = PathBuf::from("crates/herald-places/data/gazetteer.tsv.gz");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--data" => data = PathBuf::from(value()?),
            "--cities" => cities = value()?,
            "--division-cities" => division_cities = value()?,
            "--out" => out = PathBuf::from(value()?),
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    let read = |rel: &str| -> Result<String, Error> {
        let path = data.join(rel);
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        if bytes.starts_with(&[0x1f, 0x8b]) {
            let mut s = String::new();
            flate2::read::GzDecoder::new(bytes.as_slice()).read_to_string(&mut s)?;
            Ok(s)
        } else {
            Ok(String::from_utf8(bytes)?)
        }
    };
    let geo_countries: Value = serde_json::from_str(&read("geonames/countries.json")?)?;
    let mledoze: Value = serde_json::from_str(&read("countries/countries.json")?)?;
    let admin1 = read("geonames/admin1CodesASCII.txt")?;
    let city_json: Value = serde_json::from_str(&read(&format!("geonames/{cities}.json.gz"))?)?;
    // Divisions are placed and weighed with a fuller list of places than the one shipped.
    let mut sums: HashMap<(String, String), (f64, f64, f64, u64)> = HashMap::new();
    {
        let all: Value = if division_cities == cities {
            city_json.clone()
        } else {
            serde_json::from_str(&read(&format!("geonames/{division_cities}.json.gz"))?)?
        };
        for c in all.as_object().ok_or("cities: not an object")?.values() {
            let (Some(country), Some(admin1), Some(lat), Some(lon)) = (
                c["countrycode"].as_str(),
                c["admin1code"].as_str(),
                c["latitude"].as_f64(),
                c["longitude"].as_f64(),
            ) else {
                continue;
            };
            let population = c["population"].as_u64().unwrap_or(0);
            let s = sums.entry((country.to_owned(), admin1.to_owned())).or_default();
            let w = population.max(1) as f64;
            s.0 += w * lat;
            s.1 += w * lon;
            s.2 += w;
            s.3 += population;
        }
    }

    // Populated places.
    let mut places: Vec<Entry> = Vec::new();
    for c in city_json.as_object().ok_or("cities: not an object")?.values() {
        let name = c["name"].as_str().unwrap_or_default().to_owned();
        let (Some(id), Some(lat), Some(lon)) =
            (c["geonameid"].as_u64(), c["latitude"].as_f64(), c["longitude"].as_f64())
        else {
            continue;
        };
        let country = c["countrycode"].as_str().unwrap_or_default().to_owned();
        if name.is_empty() || country.len() != 2 {
            continue;
        }
        let alternates = c["alternatenames"].as_array().cloned().unwrap_or_default();
        let names = other_names(&name, alternates.iter().filter_map(Value::as_str), true);
        places.push(Entry {
            kind: Kind::City,
            geonameid: id as u32,
            name,
            country,
            admin1: c["admin1code"].as_str().unwrap_or_default().to_owned(),
            lat,
            lon,
            population: c["population"].as_u64().unwrap_or(0),
            capital: false,
            names,
            demonyms: Vec::new(),
        });
    }
    places.sort_by_key(|e| e.geonameid);

    // Capitals: the most populous place of the country with the capital's name.
    let geo = geo_countries.as_object().ok_or("geonames countries: not an object")?;
    for (iso, c) in geo {
        let capital = fold(c["capital"].as_str().unwrap_or_default());
        if capital.is_empty() {
            continue;
        }
        // A place of that preferred name first ("New Delhi", not Delhi, which has it as
        // another name), else one that has it among its other names.
        let in_country = |p: &&mut Entry| &p.country == iso;
        let best = places
            .iter_mut()
            .filter(in_country)
            .filter(|p| fold(&p.name) == capital)
            .max_by_key(|p| p.population)
            .map(|p| p.geonameid)
            .or_else(|| {
                places
                    .iter_mut()
                    .filter(in_country)
                    .filter(|p| p.names.iter().any(|n| fold(n) == capital))
                    .max_by_key(|p| p.population)
                    .map(|p| p.geonameid)
            });
        if let Some(p) = places.iter_mut().find(|p| Some(p.geonameid) == best) {
            p.capital = true;
        }
    }

    // First-level divisions, placed at their cities' population-weighted centre.
    let mut divisions = Vec::new();
    for line in admin1.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let [code, name, ascii, id] = f.as_slice() else { continue };
        let Some((country, code)) = code.split_once('.') else { continue };
        let Some(&(lat, lon, w, population)) = sums.get(&(country.to_owned(), code.to_owned()))
        else {
            continue;
        };
        let mut alternates = vec![(*ascii).to_owned()];
        for n in [*name, *ascii] {
            for s in DIVISION_SUFFIXES {
                if let Some(head) = n.strip_suffix(s) {
                    alternates.push(head.to_owned());
                }
            }
        }
        divisions.push(Entry {
            kind: Kind::Admin1,
            geonameid: id.trim().parse()?,
            name: (*name).to_owned(),
            country: country.to_owned(),
            admin1: code.to_owned(),
            lat: lat / w,
            lon: lon / w,
            population,
            capital: false,
            names: other_names(name, alternates.iter().map(String::as_str), false),
            demonyms: Vec::new(),
        });
    }
    divisions.sort_by_key(|e| e.geonameid);

    // Countries: GeoNames ids and population, names and demonyms from mledoze/countries.
    let mut countries = Vec::new();
    let mut by_iso: BTreeMap<&str, &Value> = BTreeMap::new();
    for r in mledoze.as_array().ok_or("countries: not an array")? {
        if let Some(iso) = r["cca2"].as_str() {
            by_iso.insert(iso, r);
        }
    }
    for (iso, g) in geo {
        let Some(r) = by_iso.get(iso.as_str()) else {
            eprintln!("no countries record for {iso}, left out");
            continue;
        };
        let mut name = r["name"]["common"].as_str().unwrap_or_default().to_owned();
        if NOT_COUNTRY_NAMES.contains(&(iso.as_str(), name.as_str())) {
            // "Congo" → the official name ("Republic of the Congo").
            name = r["name"]["official"].as_str().unwrap_or_default().to_owned();
        }
        let mut alternates: Vec<String> = Vec::new();
        alternates.extend(r["name"]["official"].as_str().map(str::to_owned));
        alternates.extend(g["name"].as_str().map(str::to_owned));
        for a in r["altSpellings"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            if a.contains(',') {
                continue;
            }
            alternates.push(a.to_owned());
        }
        // "Republic of Turkey" → "Turkey", "State of Palestine" → "Palestine".
        for a in alternates.clone() {
            for prefix in ["Republic of ", "Kingdom of ", "State of ", "Commonwealth of "] {
                if let Some(rest) = a.strip_prefix(prefix) {
                    alternates.push(rest.to_owned());
                }
            }
        }
        for &(x, n) in EXTRA_COUNTRY_NAMES {
            if x == iso {
                alternates.push(n.to_owned());
            }
        }
        alternates.retain(|a| !NOT_COUNTRY_NAMES.contains(&(iso.as_str(), a.as_str())));
        let mut demonyms: Vec<String> = Vec::new();
        for g in ["m", "f"] {
            if let Some(d) = r["demonyms"]["eng"][g].as_str() {
                if !d.is_empty() && !demonyms.iter().any(|x| x == d) {
                    demonyms.push(d.to_owned());
                }
            }
        }
        let latlng = r["latlng"].as_array().cloned().unwrap_or_default();
        countries.push(Entry {
            kind: Kind::Country,
            geonameid: g["geonameid"].as_u64().ok_or("country without geonameid")? as u32,
            name: name.clone(),
            country: iso.clone(),
            admin1: String::new(),
            lat: latlng.first().and_then(Value::as_f64).unwrap_or(0.0),
            lon: latlng.get(1).and_then(Value::as_f64).unwrap_or(0.0),
            population: g["population"].as_u64().unwrap_or(0),
            capital: false,
            names: other_names(&name, alternates.iter().map(String::as_str), false),
            demonyms,
        });
    }

    let counts = (countries.len(), divisions.len(), places.len());
    let mut entries = countries;
    entries.extend(divisions);
    entries.extend(places);
    // Not places: the continents (with their English other names) and the list above.
    let continents: Value = serde_json::from_str(&read("geonames/continents.json")?)?;
    let mut non_places: Vec<String> = Vec::new();
    for c in continents.as_object().ok_or("continents: not an object")?.values() {
        non_places.extend(c["name"].as_str().map(str::to_owned));
        for a in c["alternateNames"].as_array().into_iter().flatten() {
            if a["lang"].as_str() == Some("en") {
                non_places.extend(a["name"].as_str().map(str::to_owned));
            }
        }
    }
    non_places.extend(NON_PLACES.iter().map(|n| (*n).to_owned()));
    let mut seen = HashSet::new();
    non_places.retain(|n| seen.insert(fold(n)));
    let gaz = Gazetteer::new(entries).with_non_places(non_places);
    let file = std::fs::File::create(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    gaz.write(std::io::BufWriter::new(file))?;
    let size = std::fs::metadata(&out)?.len();
    eprintln!(
        "{}: {} countries, {} divisions, {} places, {size} bytes",
        out.display(),
        counts.0,
        counts.1,
        counts.2
    );
    Ok(())
}

/// The other names worth keeping: Latin script, no digits, at most four words, one per
/// folded form and not the name itself. For places (`strict`), also capitalised and not a
/// code in capitals ("PAR", "MOW" are airport codes).
fn other_names<'a>(name: &str, names: impl Iterator<Item = &'a str>, strict: bool) -> Vec<String> {
    let mut seen: HashSet<String> = HashSet::from([fold(name)]);
    let mut out = Vec::new();
    for n in names {
        let n = n.trim();
        let latin = n.chars().all(|c| {
            c.is_ascii_alphabetic()
                || matches!(c, ' ' | '-' | '\'' | '’' | '.')
                || ('\u{c0}'..='\u{24f}').contains(&c)
                || ('\u{1e00}'..='\u{1eff}').contains(&c)
        });
        let letters = n.chars().filter(|c| c.is_alphabetic()).count();
        let upper = n.chars().filter(|c| c.is_uppercase()).count();
        if !latin || letters < 2 || n.split(' ').count() > 4 {
            continue;
        }
        if strict
            && (letters < 3
                || !n.chars().next().is_some_and(char::is_uppercase)
                || upper == letters)
        {
            continue;
        }
        if seen.insert(fold(n)) {
            out.push(n.to_owned());
        }
    }
    out
}
