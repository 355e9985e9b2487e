//! GDELT 2.0 event table rows from herald's events.
//!
//! [`gdelt_row`] writes one event as the 61 tab-separated columns of GDELT 2.0's event
//! table ([`GDELT_COLUMNS`], in the codebook's order), so tools built for GDELT read herald's
//! output, followed (unless strict) by herald's own columns ([`HERALD_COLUMNS`]): the
//! evidence that GDELT has no column for. Columns herald has no value for are empty.
//! Actor codes are split into GDELT's country / known group / religion / type columns by
//! CAMEO's three-letter blocks; which blocks are countries comes from [`Lookups`], so this
//! crate needs no dictionary.
//!
//! Differences from GDELT's own rows: the geo country code is the ISO 3166-1 alpha-2 code of
//! herald's gazetteer where GDELT writes FIPS 10-4; only the action is located (actor geo
//! columns stay empty); each row is one event of one article, so the counts are 1 and there
//! is no tone.

use std::collections::{HashMap, HashSet};

use crate::export::{days_in_month, is_leap, ymd, ArticleEvents, EventRecord};

/// GDELT 2.0's event table columns, in order (GDELT 2.0 Event Codebook).
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// herald's columns, appended after GDELT's 61 unless the export is strict.
pub const HERALD_COLUMNS: [&str; 10] = [
    "HeraldArticleId",
    "HeraldEventId",
    "HeraldSentence",
    "HeraldEvidenceStart",
    "HeraldEvidenceEnd",
    "HeraldEvidenceText",
    "HeraldNegated",
    "HeraldModality",
    "HeraldRule",
    "HeraldPlover",
];

/// What the row builder looks up outside the annotation: which three-letter codes are
/// countries or regions, and the PLOVER category of each CAMEO code.
#[derive(Clone, Debug, Default)]
pub struct Lookups {
    /// CAMEO country and region codes (`RUS`, `WST`, `AFR`, …).
    pub countries: HashSet<String>,
    /// PLOVER category by CAMEO event code.
    pub plover: HashMap<String, String>,
}

/// CAMEO's regional codes, which GDELT writes in the country column; the country table
/// has only countries.
pub const CAMEO_REGIONS: [&str; 25] = [
    "AFR", "ASA", "BLK", "CAF", "CAS", "CAU", "CEU", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM",
    "MDT", "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WST",
];

/// CAMEO actor type codes (role blocks: `GOV`, `MIL`, …).
const TYPES: &[&str] = &[
    "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "IGO",
    "IMG", "INS", "JUD", "LAB", "LEG", "MED", "MIL", "MNC", "MOD", "NGM", "NGO", "OPP", "PTY",
    "RAD", "REB", "REF", "REL", "SEP", "SET", "SPY", "UAF", "UIS",
];

/// Type codes after which the next unknown block names the organisation (`IGOUNO`).
const GROUP_TYPES: &[&str] = &["IGO", "NGO", "IMG", "MNC", "PTY", "NGM"];

/// CAMEO religion codes.
const RELIGIONS: &[&str] = &[
    "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "DRZ", "HIN", "HSD",
    "ITR", "JAN", "JEW", "JHW", "LDS", "MOS", "MRN", "NRM", "PAG", "PRO", "SFI", "SHI", "SHN",
    "SIK", "SUN", "TAO", "UDX", "ZRO",
];

/// An actor code split as GDELT's actor columns are.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActorParts {
    /// Country or region (`RUS`).
    pub country: String,
    /// Known group (`UNO` for `IGOUNO`).
    pub known_group: String,
    /// Ethnic group (herald has none yet).
    pub ethnic: String,
    /// Up to two religion codes.
    pub religions: [String; 2],
    /// Up to three type codes.
    pub types: [String; 3],
}

impl Lookups {
    /// Splits a CAMEO actor code into GDELT's actor columns: a leading country or region
    /// block, then type, religion and known-group blocks. The first block that is none of
    /// these becomes the known group when it comes after an organisation type (`IGO`, `NGO`,
    /// …; `IGOWSTNAT` → `NAT`) or stands first; other unknown blocks are left out.
    pub fn actor_parts(&self, code: &str) -> ActorParts {
        let mut parts = ActorParts::default();
        let blocks: Vec<&str> = (0..code.len())
            .step_by(3)
            .filter_map(|i| code.get(i..(i + 3).min(code.len())))
            .collect();
        let (mut types, mut religions) = (0, 0);
        let mut after_group_type = false;
        for (i, &b) in blocks.iter().enumerate() {
            if i == 0 && (self.countries.contains(b) || CAMEO_REGIONS.contains(&b)) {
                parts.country = b.to_owned();
            } else if TYPES.contains(&b) {
                if types < 3 {
                    parts.types[types] = b.to_owned();
                    types += 1;
                }
                after_group_type |= GROUP_TYPES.contains(&b);
            } else if RELIGIONS.contains(&b) {
                if religions < 2 {
                    parts.religions[religions] = b.to_owned();
                    religions += 1;
                }
            } else if b.len() == 3
                && parts.known_group.is_empty()
                && (after_group_type || i == 0)
                && !CAMEO_REGIONS.contains(&b)
                && !self.countries.contains(b)
            {
                parts.known_group = b.to_owned();
            }
        }
        parts
    }
}

/// GLOBALEVENTID for an event: FNV-1a over the article id and the event id, mixed (so that
/// `ev1` and `ev2` are far apart) and cut to 63 bits (GDELT's ids are signed 64-bit
/// integers). Fixed constants, not std's hasher, so every export of the same store agrees.
pub fn global_event_id(article: &str, event: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in article.as_bytes().iter().chain(&[0u8]).chain(event.as_bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // SplitMix64's finaliser.
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (h ^ (h >> 31)) & (u64::MAX >> 1)
}

/// GDELT's FractionDate: the year plus the share of the year gone before the day, to four
/// decimals (`2022.3151` for 26 April 2022).
pub fn fraction_date(y: u32, m: u32, d: u32) -> String {
    let before: u32 = (1..m).map(|mm| days_in_month(y, mm)).sum::<u32>() + d - 1;
    let days = if is_leap(y) { 366.0 } else { 365.0 };
    format!("{:.4}", f64::from(y) + f64::from(before) / days)
}

/// DATEADDED (`YYYYMMDDHHMMSS`) from an RFC 3339 time (`2026-11-25T13:23:21Z`) or a date.
fn date_added(ingested_at: Option<&str>, fallback: Option<(u32, u32, u32)>) -> String {
    if let Some(t) = ingested_at {
        let digits: String = t.chars().filter(char::is_ascii_digit).take(14).collect();
        if digits.len() == 14 && ymd(t).is_some() {
            return digits;
        }
    }
    fallback.map(|(y, m, d)| format!("{y:04}{m:02}{d:02}000000")).unwrap_or_default()
}

/// GDELT's Geo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state
/// (first-level division). A place of unknown kind counts as a city, the commonest case.
fn geo_type(kind: Option<&str>, country: &str) -> u8 {
    let us = country == "US";
    let kind = kind.unwrap_or("").to_ascii_lowercase();
    if kind.contains("country") || kind.contains("territory") {
        1
    } else if ["division", "state", "adm1", "region", "province"].iter().any(|k| kind.contains(k)) {
        if us {
            2
        } else {
            5
        }
    } else if us {
        3
    } else {
        4
    }
}

/// One line of tab- and newline-free text.
fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// One event as a GDELT 2.0 row: [`GDELT_COLUMNS`], then [`HERALD_COLUMNS`] unless
/// `strict`, tab-separated, without the line end. Tabs and line breaks inside fields become
/// spaces.
pub fn gdelt_row(
    article: &ArticleEvents,
    event: &EventRecord,
    lookups: &Lookups,
    strict: bool,
) -> String {
    let mut row: Vec<String> = Vec::with_capacity(GDELT_COLUMNS.len() + HERALD_COLUMNS.len());
    row.push(global_event_id(&article.id, &event.id).to_string());
    match article.event_date(event) {
        Some((y, m, d)) => {
            row.push(format!("{y:04}{m:02}{d:02}"));
            row.push(format!("{y:04}{m:02}"));
            row.push(format!("{y:04}"));
            row.push(fraction_date(y, m, d));
        }
        None => row.extend(std::iter::repeat_n(String::new(), 4)),
    }
    for (code, entity) in
        [(&event.source, &event.source_entity), (&event.target, &event.target_entity)]
    {
        let name = article.entity(entity.as_deref()).map(|e| e.name.to_uppercase());
        let parts = lookups.actor_parts(code);
        row.push(code.clone());
        row.push(name.unwrap_or_default());
        row.push(parts.country);
        row.push(parts.known_group);
        row.push(parts.ethnic);
        row.extend(parts.religions);
        row.extend(parts.types);
    }
    row.push(if event.sentence == 0 { "1" } else { "0" }.to_owned());
    row.push(event.code.clone());
    row.push(event.code.get(..3).unwrap_or(&event.code).to_owned());
    row.push(if event.root.is_empty() {
        event.code.get(..2).unwrap_or_default().to_owned()
    } else {
        event.root.clone()
    });
    row.push(event.quad_class.to_string());
    row.push(format!("{:.1}", event.goldstein));
    row.extend(["1", "1", "1", ""].map(str::to_owned));
    // herald locates the action, not each actor: actor geo columns stay empty.
    row.extend(std::iter::repeat_n(String::new(), 16));
    match article.place(event.place.as_deref()).filter(|p| p.lat.is_some() && p.lon.is_some()) {
        Some(p) => {
            row.push(geo_type(p.kind.as_deref(), &p.country).to_string());
            row.push(p.name.clone());
            row.push(p.country.clone());
            row.extend([String::new(), String::new()]);
            row.push(p.lat.map(|v| format!("{v:.4}")).unwrap_or_default());
            row.push(p.lon.map(|v| format!("{v:.4}")).unwrap_or_default());
            row.push(p.geonameid.map(|g| g.to_string()).unwrap_or_default());
        }
        None => row.extend(std::iter::repeat_n(String::new(), 8)),
    }
    let article_date = article.date.as_deref().and_then(ymd);
    row.push(date_added(article.ingested_at.as_deref(), article_date));
    row.push(article.url.clone().unwrap_or_else(|| article.id.clone()));
    debug_assert_eq!(row.len(), GDELT_COLUMNS.len());
    if !strict {
        row.push(article.id.clone());
        row.push(event.id.clone());
        row.push(event.sentence.to_string());
        row.push(event.evidence.start.to_string());
        row.push(event.evidence.end.to_string());
        row.push(article.chars(event.evidence).unwrap_or_default().to_owned());
        row.push(if event.negated { "1" } else { "0" }.to_owned());
        row.push(event.modality.clone().unwrap_or_default());
        row.push(event.rule.clone());
        row.push(lookups.plover.get(&event.code).cloned().unwrap_or_default());
    }
    row.iter().map(|f| clean(f)).collect::<Vec<_>>().join("\t")
}

/// The header line for [`gdelt_row`]'s columns.
pub fn gdelt_header(strict: bool) -> String {
    let extra: &[&str] = if strict { &[] } else { &HERALD_COLUMNS };
    GDELT_COLUMNS.iter().chain(extra).copied().collect::<Vec<_>>().join("\t")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookups() -> Lookups {
        Lookups {
            countries: ["RUS", "UKR", "USA"].map(str::to_owned).into(),
            plover: [("0256".to_owned(), "REQUEST".to_owned())].into(),
        }
    }

    #[test]
    fn actor_codes_split_into_gdelt_columns() {
        let l = lookups();
        let p = l.actor_parts("RUSGOV");
        assert_eq!((p.country.as_str(), p.types[0].as_str()), ("RUS", "GOV"));
        let p = l.actor_parts("IGOUNO");
        assert_eq!((p.country.as_str(), p.known_group.as_str()), ("", "UNO"));
        assert_eq!(p.types[0], "IGO");
        let p = l.actor_parts("IGOWSTNAT");
        assert_eq!((p.known_group.as_str(), p.types[0].as_str()), ("NAT", "IGO"));
        assert_eq!(l.actor_parts("WST").country, "WST");
        let p = l.actor_parts("UKRMILREB");
        assert_eq!(p.types, ["MIL".to_owned(), "REB".to_owned(), String::new()]);
        assert_eq!(l.actor_parts("USAMOS").religions[0], "MOS");
        assert_eq!(l.actor_parts(""), ActorParts::default());
    }

    #[test]
    fn geo_types() {
        assert_eq!(geo_type(Some("country"), "UA"), 1);
        assert_eq!(geo_type(Some("division"), "US"), 2);
        assert_eq!(geo_type(None, "US"), 3);
        assert_eq!(geo_type(Some("city"), "UA"), 4);
        assert_eq!(geo_type(Some("Division"), "UA"), 5);
    }

    #[test]
    fn a_row_has_the_columns_and_values() {
        let json = r#"{"id":"a1","date":"2022-04-26","text":"The UN\tcalled for a ceasefire.",
            "sentences":[{"start":0,"end":30}],
            "entities":[{"id":"E1","name":"United Nations","actor":"IGOUNO"}],
            "places":[{"id":"P1","name":"Moscow","country":"RU","lat":55.75,"lon":37.62,"geonameid":524901}],
            "events":[{"id":"ev1","code":"0256","root":"02","quad_class":1,"goldstein":-0.3,
              "source":"IGOUNO","target":"","source_entity":"E1","negated":false,"place":"P1",
              "sentence":0,"evidence":{"start":4,"end":29},"trigger":{"start":7,"end":13},"rule":"verb CALL"}]}"#;
        let mut a = ArticleEvents::parse(json, "a1").unwrap();
        a.ingested_at = Some("2026-11-25T13:23:21Z".into());
        let row = gdelt_row(&a, &a.events[0], &lookups(), false);
        let f: Vec<&str> = row.split('\t').collect();
        assert_eq!(f.len(), 71);
        let col = |name: &str| f[GDELT_COLUMNS.iter().position(|c| *c == name).unwrap()];
        assert_eq!(col("SQLDATE"), "20220426");
        assert_eq!(col("MonthYear"), "202204");
        assert_eq!(col("FractionDate"), "2022.3151");
        assert_eq!(col("Actor1Name"), "UNITED NATIONS");
        assert_eq!(col("Actor1KnownGroupCode"), "UNO");
        assert_eq!(col("EventBaseCode"), "025");
        assert_eq!(col("GoldsteinScale"), "-0.3");
        assert_eq!(col("IsRootEvent"), "1");
        assert_eq!(col("ActionGeo_FeatureID"), "524901");
        assert_eq!(col("ActionGeo_Type"), "4");
        assert_eq!(col("ActionGeo_FullName"), "Moscow");
        assert_eq!(col("ActionGeo_Lat"), "55.7500");
        assert_eq!(col("Actor1Geo_Type"), "");
        assert_eq!(col("DATEADDED"), "20261125132321");
        assert_eq!(col("SOURCEURL"), "a1");
        assert_eq!(f[66], "UN called for a ceasefire");
        assert_eq!(f[70], "REQUEST");
        assert_eq!(gdelt_row(&a, &a.events[0], &lookups(), true).split('\t').count(), 61);
        assert_eq!(gdelt_header(false).split('\t').count(), 71);
    }

    #[test]
    fn ids_are_stable_and_63_bit() {
        let id = global_event_id("a1", "ev1");
        assert_eq!(id, global_event_id("a1", "ev1"));
        assert_ne!(id, global_event_id("a1", "ev2"));
        assert_ne!(global_event_id("a", "1ev"), global_event_id("a1", "ev"));
        assert!(id < 1 << 63);
        // Pinned: a change here renumbers every exported event.
        assert_eq!(global_event_id("a1", "ev1"), 1_576_465_946_159_362_255);
    }
}
