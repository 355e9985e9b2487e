//! Countries: names, demonyms and capitals, read from the mledoze/countries JSON table.

use std::path::Path;

use crate::{DictError, LineError, Parsed};

/// A country as actor coding needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    /// CAMEO country code (ISO 3166-1 alpha-3 save for a few CAMEO exceptions).
    pub code: String,
    /// ISO 3166-1 alpha-2 code.
    pub iso2: String,
    /// Common English name (`Russia`).
    pub name: String,
    /// Names as upper-case words: common, official, Latin-script alternative spellings.
    pub names: Vec<Vec<String>>,
    /// English demonyms, singular and plural (`RUSSIAN`, `RUSSIANS`).
    pub demonyms: Vec<Vec<String>>,
    /// Capitals (`MOSCOW`).
    pub capitals: Vec<Vec<String>>,
    /// Latitude of the country's reference point.
    pub lat: f64,
    /// Longitude of the country's reference point.
    pub lon: f64,
}

/// Reads `countries.json` (mledoze/countries). A record without the fields actor coding
/// needs is skipped and reported with its 1-based record number in place of a line.
pub fn read_countries_json(path: &Path) -> Result<Parsed<Country>, DictError> {
    let io = |source| DictError::Io { path: path.display().to_string(), source };
    let text = std::fs::read_to_string(path).map_err(io)?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| DictError::Format {
        path: path.display().to_string(),
        line: e.line(),
        reason: e.to_string(),
    })?;
    let Some(records) = value.as_array() else {
        return Err(DictError::Format {
            path: path.display().to_string(),
            line: 1,
            reason: "expected a JSON array of countries".to_owned(),
        });
    };
    // A demonym a UN member shares with a dependent territory is the member's: "Indian" is
    // India, not the British Indian Ocean Territory; "American" the United States, not the
    // Northern Mariana Islands.
    let member =
        |r: &serde_json::Value| r.pointer("/unMember").and_then(|v| v.as_bool()) == Some(true);
    let members: Vec<Country> =
        records.iter().filter(|r| member(r)).filter_map(|r| country_of(r).ok()).collect();
    let member_demonyms: Vec<&Vec<String>> = members.iter().flat_map(|c| &c.demonyms).collect();
    let mut parsed = Parsed::default();
    for (i, record) in records.iter().enumerate() {
        match country_of(record) {
            Ok(mut c) => {
                if !member(record) {
                    c.demonyms.retain(|d| !member_demonyms.contains(&d));
                }
                parsed.entries.push(c)
            }
            Err(reason) => parsed.errors.push(LineError { line: i + 1, reason }),
        }
    }
    Ok(parsed)
}

/// Names news gives one country that the table gives another: (code, name, code news
/// means). Wire style (AP, Reuters) calls the Democratic Republic of the Congo "Congo" and
/// the other one "Republic of Congo". herald-places' gazetteer builder makes the same move.
const NEWS_NAMES: &[(&str, &str, &str)] = &[("COG", "Congo", "COD")];

fn country_of(r: &serde_json::Value) -> Result<Country, String> {
    let s = |p: &str| r.pointer(p).and_then(|v| v.as_str()).map(str::to_owned);
    let code = s("/cca3").ok_or("no cca3")?;
    let iso2 = s("/cca2").ok_or("no cca2")?;
    let mut name = s("/name/common").ok_or("no common name")?;
    if NEWS_NAMES.iter().any(|&(from, n, _)| from == code && n == name) {
        name = s("/name/official").unwrap_or(name);
    }
    let mut names = vec![words(&name)];
    let add = |list: &mut Vec<Vec<String>>, text: &str| {
        let w = words(text);
        if !w.is_empty() && !list.contains(&w) {
            list.push(w);
        }
    };
    if let Some(official) = s("/name/official") {
        add(&mut names, &official);
    }
    for alt in r.pointer("/altSpellings").and_then(|v| v.as_array()).into_iter().flatten() {
        let Some(alt) = alt.as_str() else { continue };
        // Two-letter codes ("IN", "IT", "NO") are words too; scripts other than Latin
        // never appear in English text.
        if alt.chars().count() > 2
            && alt.chars().all(|c| c.is_ascii() || c.is_alphabetic() && c < '\u{0250}')
        {
            add(&mut names, alt);
        }
    }
    for &(from, n, to) in NEWS_NAMES {
        if from == code {
            names.retain(|w| *w != words(n));
        }
        if to == code {
            add(&mut names, n);
        }
    }
    let mut demonyms = Vec::new();
    for g in ["m", "f"] {
        if let Some(d) = s(&format!("/demonyms/eng/{g}")) {
            add(&mut demonyms, &d);
            add(&mut demonyms, &plural_demonym(&d));
        }
    }
    let mut capitals = Vec::new();
    for cap in r.pointer("/capital").and_then(|v| v.as_array()).into_iter().flatten() {
        if let Some(cap) = cap.as_str() {
            add(&mut capitals, cap);
        }
    }
    let latlng = r.pointer("/latlng").and_then(|v| v.as_array());
    let coord = |i: usize| latlng.and_then(|l| l.get(i)).and_then(|v| v.as_f64()).unwrap_or(0.0);
    Ok(Country { code, iso2, name, names, demonyms, capitals, lat: coord(0), lon: coord(1) })
}

/// Reads a capital-alias file (`CODE<TAB>Name` per line, `#` comments) and adds each name
/// to the capitals of the country with that code. Unknown codes and malformed lines are
/// returned as errors with their line numbers; the good lines are applied.
pub fn add_capital_aliases(countries: &mut [Country], text: &str) -> Vec<LineError> {
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let Some((code, name)) = line.split_once('\t') else {
            errors.push(LineError { line: i + 1, reason: "expected CODE<TAB>name".to_owned() });
            continue;
        };
        match countries.iter_mut().find(|c| c.code == code.trim()) {
            Some(c) => {
                let w = words(name.trim());
                if !w.is_empty() && !c.capitals.contains(&w) {
                    c.capitals.push(w);
                }
            }
            None => errors
                .push(LineError { line: i + 1, reason: format!("unknown country code {code:?}") }),
        }
    }
    errors
}

/// "Russian" → "Russians"; "Chinese", "British", "Swiss" stay as they are.
fn plural_demonym(d: &str) -> String {
    let lower = d.to_lowercase();
    if ["ese", "ish", "ch", "sh", "s", "x", "z"].iter().any(|s| lower.ends_with(s)) {
        d.to_owned()
    } else {
        format!("{d}s")
    }
}

/// Upper-case words of a name, split at spaces (hyphens and dots stay inside words, as
/// the tokenizer keeps them).
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split([' ', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches(',').to_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn demonym_plurals() {
        assert_eq!(super::plural_demonym("Russian"), "Russians");
        assert_eq!(super::plural_demonym("Chinese"), "Chinese");
        assert_eq!(super::plural_demonym("British"), "British");
    }

    #[test]
    fn a_demonym_shared_with_a_territory_is_the_member_state_s() {
        let json = r#"[
            {"cca3": "IOT", "cca2": "IO", "unMember": false, "name": {"common": "British Indian Ocean Territory"}, "demonyms": {"eng": {"m": "Indian", "f": "Indian"}}},
            {"cca3": "IND", "cca2": "IN", "unMember": true, "name": {"common": "India"}, "demonyms": {"eng": {"m": "Indian", "f": "Indian"}}}
        ]"#;
        let path =
            std::env::temp_dir().join(format!("herald-countries-{}.json", std::process::id()));
        std::fs::write(&path, json).unwrap();
        let parsed = super::read_countries_json(&path).unwrap();
        std::fs::remove_file(&path).ok();
        let indian = super::words("Indian");
        let of = |code: &str| parsed.entries.iter().find(|c| c.code == code).unwrap();
        assert!(of("IND").demonyms.contains(&indian));
        assert!(!of("IOT").demonyms.contains(&indian), "{:?}", of("IOT").demonyms);
    }

    #[test]
    fn bare_congo_is_the_drc_as_in_wire_copy() {
        let record = |cca3: &str, cca2: &str, common: &str, official: &str| {
            serde_json::json!({"cca3": cca3, "cca2": cca2,
                "name": {"common": common, "official": official}, "altSpellings": [cca2]})
        };
        let cog =
            super::country_of(&record("COG", "CG", "Congo", "Republic of the Congo")).unwrap();
        let cod =
            super::country_of(&record("COD", "CD", "DR Congo", "Democratic Republic of the Congo"))
                .unwrap();
        let congo = super::words("Congo");
        assert!(!cog.names.contains(&congo), "{:?}", cog.names);
        assert_eq!(cog.name, "Republic of the Congo");
        assert!(cod.names.contains(&congo), "{:?}", cod.names);
    }
}
