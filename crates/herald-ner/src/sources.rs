//! Building the gazetteers from the open data in `shared/data/` (training time only):
//! GeoNames cities and first-level divisions, mledoze/countries names and demonyms,
//! and the PETRARCH2 Phoenix actor dictionaries.
//!
//! Attribution for what the model derives from them: GeoNames (CC BY 4.0,
//! <https://www.geonames.org/>); country data from mledoze/countries (ODbL 1.0);
//! PETRARCH2 dictionaries (MIT, Open Event Data Alliance).

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

use crate::gazetteer::{
    Bits, GazetteerBuilder, ACTOR_ORG, ACTOR_PER, ADMIN1, CITY, COUNTRY, DEMONYM, GIVEN, SURNAME,
    TITLE,
};
use crate::NerError;

/// Which gazetteer sources to read, relative to a data folder laid out as `shared/data/`.
#[derive(Clone, Debug)]
pub struct GazetteerSources {
    /// GeoNames city file (`geonames/cities15000.json.gz`); `None` leaves cities out.
    pub cities: Option<String>,
    /// Add GeoNames first-level divisions (`geonames/admin1CodesASCII.txt`).
    pub admin1: bool,
    /// Add country names and demonyms (`countries/countries.json`, `geonames/countries.json`).
    pub countries: bool,
    /// Add the Phoenix actor dictionaries (`petrarch2/Phoenix.*.actors.txt`).
    pub actors: bool,
}

impl Default for GazetteerSources {
    fn default() -> Self {
        GazetteerSources {
            cities: Some("geonames/cities15000.json.gz".into()),
            admin1: true,
            countries: true,
            actors: true,
        }
    }
}

fn read_text(path: &Path) -> Result<String, NerError> {
    let bytes = std::fs::read(path).map_err(|e| NerError::io(path, e))?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut s = String::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_string(&mut s)
            .map_err(|e| NerError::io(path, e))?;
        Ok(s)
    } else {
        String::from_utf8(bytes)
            .map_err(|_| NerError::Format(format!("{}: not UTF-8", path.display())))
    }
}

fn json(path: &Path) -> Result<serde_json::Value, NerError> {
    serde_json::from_str(&read_text(path)?)
        .map_err(|e| NerError::Format(format!("{}: {e}", path.display())))
}

/// A name worth matching: Latin script, starts with an upper-case letter.
fn latin_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(char::is_uppercase)
        && s.chars()
            .all(|c| c.is_alphabetic() && (c as u32) < 0x250 || matches!(c, ' ' | '-' | '\'' | '.'))
}

/// Builds the gazetteer. `common` holds lower-cased words that training text writes in
/// lower case often (`"of"`, `"split"`, `"reading"`): one-token place and actor names
/// among them are left out, since capitalised at the start of a sentence they would
/// mostly be false hits.
pub fn build_gazetteer(
    data: &Path,
    src: &GazetteerSources,
    common: &HashSet<String>,
) -> Result<GazetteerBuilder, NerError> {
    let mut b = GazetteerBuilder::new();
    let keep = |name: &str| {
        let toks = crate::gazetteer::name_tokens(name);
        !(toks.len() == 1 && common.contains(&toks[0].to_lowercase()))
    };
    if let Some(cities) = &src.cities {
        let v = json(&data.join(cities))?;
        if let Some(map) = v.as_object() {
            for rec in map.values() {
                let mut names: Vec<&str> = Vec::new();
                if let Some(n) = rec.get("name").and_then(|n| n.as_str()) {
                    names.push(n);
                }
                if let Some(alts) = rec.get("alternatenames").and_then(|a| a.as_array()) {
                    names.extend(alts.iter().filter_map(|a| a.as_str()));
                }
                for n in names {
                    if latin_name(n) && keep(n) {
                        b.add(n, CITY);
                    }
                }
            }
        }
    }
    if src.admin1 {
        let path = data.join("geonames/admin1CodesASCII.txt");
        for line in read_text(&path)?.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            for n in cols.iter().skip(1).take(2) {
                if latin_name(n) && keep(n) {
                    b.add(n, ADMIN1);
                }
            }
        }
    }
    if src.countries {
        let v = json(&data.join("countries/countries.json"))?;
        for rec in v.as_array().into_iter().flatten() {
            let mut names: Vec<&str> = Vec::new();
            if let Some(n) = rec.get("name") {
                names.extend(["common", "official"].iter().filter_map(|k| n.get(k)?.as_str()));
            }
            if let Some(alts) = rec.get("altSpellings").and_then(|a| a.as_array()) {
                names.extend(alts.iter().filter_map(|a| a.as_str()));
            }
            for n in names {
                if latin_name(n) {
                    b.add(n, COUNTRY);
                }
            }
            if let Some(d) = rec.pointer("/demonyms/eng") {
                for k in ["m", "f"] {
                    if let Some(n) = d.get(k).and_then(|x| x.as_str()) {
                        if latin_name(n) {
                            b.add(n, DEMONYM);
                            // Plural nouns of nationality: "Americans", "Israelis".
                            if n.ends_with("an") || n.ends_with('i') {
                                b.add(&format!("{n}s"), DEMONYM);
                            }
                        }
                    }
                }
            }
        }
        let v = json(&data.join("geonames/countries.json"))?;
        for rec in v.as_object().into_iter().flat_map(|m| m.values()) {
            if let Some(n) = rec.get("name").and_then(|x| x.as_str()) {
                if latin_name(n) {
                    b.add(n, COUNTRY);
                }
            }
        }
    }
    if src.actors {
        for (file, default) in [
            ("petrarch2/Phoenix.Countries.actors.txt", ACTOR_PER),
            ("petrarch2/Phoenix.International.actors.txt", ACTOR_ORG),
            ("petrarch2/Phoenix.MilNonState.actors.txt", ACTOR_ORG),
        ] {
            add_actors(&mut b, &read_text(&data.join(file))?, default, &keep);
        }
        add_titles(&mut b, &read_text(&data.join("petrarch2/Phoenix.agents.txt"))?);
    }
    Ok(b)
}

/// Every word of the agent dictionary's role nouns (`DEFENSE_SECRETARY [~GOVMIL]`) as a
/// [`TITLE`] word; synonym-set macros (`!PERSON!`) are skipped.
fn add_titles(b: &mut GazetteerBuilder, text: &str) {
    let mut words = std::collections::BTreeSet::new();
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with('!') || line.starts_with('<') {
            continue;
        }
        let name = line.split('[').next().unwrap_or("").trim().trim_start_matches('+');
        for w in name.split(['_', '-', ' ']) {
            if w.len() > 2 && w.chars().all(|c| c.is_ascii_alphabetic()) {
                words.insert(w.to_lowercase());
            }
        }
    }
    for w in &words {
        b.add(w, TITLE);
    }
}

/// Words that mark an organisation's name in the actor dictionaries.
const ORG_WORDS: &[&str] = &[
    "ministry",
    "party",
    "council",
    "army",
    "front",
    "organization",
    "organisation",
    "union",
    "bank",
    "committee",
    "movement",
    "association",
    "agency",
    "court",
    "parliament",
    "government",
    "forces",
    "force",
    "police",
    "brigade",
    "brigades",
    "group",
    "league",
    "corporation",
    "company",
    "institute",
    "university",
    "commission",
    "assembly",
    "office",
    "department",
    "federation",
    "fund",
    "alliance",
    "network",
    "center",
    "centre",
    "service",
    "services",
    "congress",
    "senate",
    "authority",
    "foundation",
    "society",
    "church",
];

/// Reads one Phoenix actor file. Country blocks (a name followed by a bare three-letter
/// code such as `[AFG]`) list the country's alternative names and places: those are left
/// to the place gazetteers. Other names become persons (two to four words, no
/// organisation word; the default for the countries file) or organisations.
fn add_actors(b: &mut GazetteerBuilder, text: &str, default: Bits, keep: &dyn Fn(&str) -> bool) {
    let mut in_country_block = false;
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("").trim_end();
        let t = line.trim_start();
        if t.is_empty() || t.starts_with('[') || t.starts_with('<') {
            continue;
        }
        let alt = t.starts_with('+');
        let body = t.trim_start_matches('+');
        let (name, code) = match body.find('[') {
            Some(k) => (&body[..k], Some(body[k + 1..].trim_end_matches(']').trim())),
            None => (body, None),
        };
        if !alt {
            in_country_block =
                code.is_some_and(|c| c.len() == 3 && c.chars().all(|c| c.is_ascii_uppercase()));
        }
        if in_country_block {
            continue;
        }
        let name = name.trim().trim_end_matches('_').replace('_', " ");
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.is_empty() || words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit())) {
            continue;
        }
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let orgish = lower.iter().any(|w| ORG_WORDS.contains(&w.as_str()));
        let cats = if orgish || default == ACTOR_ORG || !(2..=4).contains(&words.len()) {
            ACTOR_ORG
        } else {
            ACTOR_PER
        };
        // The dictionaries are in capitals; store title case so that the name is matched
        // case-insensitively rather than as an acronym (acronyms stay as written).
        let display: Vec<String> = words
            .iter()
            .map(|w| {
                if w.len() <= 5 && words.len() == 1 {
                    w.to_string()
                } else {
                    let mut c = w.chars();
                    c.next().map_or(String::new(), |f| f.to_string() + &c.as_str().to_lowercase())
                }
            })
            .collect();
        if cats == ACTOR_PER {
            // Given and family names on their own: "Sergei" or "Karzai" alone is a cue
            // for a person even when the full name is not in the dictionary.
            // Not pruned by `keep`: "Will" must stay a given name for title trimming.
            b.add(&display[0], GIVEN);
            let last = &display[display.len() - 1];
            if display.len() > 1 && keep(last) {
                b.add(last, SURNAME);
            }
        }
        let display = display.join(" ");
        if keep(&display) {
            b.add(&display, cats);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_blocks() {
        let text = "AFGHANISTAN_  [AFG]\n+KABUL_\nHAMID_KARZAI_  # CountryInfo.txt\n\
                    AFGHAN_NATIONAL_ARMY_ [AFGMIL]\nUN_ [IGOUNO]\n";
        let mut b = GazetteerBuilder::new();
        add_actors(&mut b, text, ACTOR_PER, &|_| true);
        let g = b.build();
        let find = |s: &str| {
            let toks: Vec<&str> = s.split(' ').collect();
            let lower: Vec<u64> = toks.iter().map(|t| herald_ml::hash::hash_lower(t)).collect();
            let mut out = Vec::new();
            g.find(&toks, &lower, &mut out);
            out.iter().find(|m| m.start == 0 && m.end == toks.len()).map(|m| m.cats)
        };
        assert_eq!(find("Kabul"), None);
        assert_eq!(find("Hamid Karzai"), Some(ACTOR_PER));
        assert_eq!(find("Afghan National Army"), Some(ACTOR_ORG));
        assert_eq!(find("UN"), Some(ACTOR_ORG));
        assert_eq!(find("un"), None);
        assert_eq!(find("Hamid"), Some(GIVEN));
        assert_eq!(find("Karzai"), Some(SURNAME));
    }
}
