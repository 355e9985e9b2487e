//! Actor dictionaries: give me tokens and a date, I tell you which CAMEO actors they name.
//!
//! - [`tabari`] reads PETRARCH/TABARI-format actor and agent dictionaries (the Phoenix
//!   dictionaries, or a user's own), line by line, naming every bad line.
//! - [`ActorDict`] holds actors (names → codes held over periods), agents (role nouns →
//!   code parts: `FOREIGN MINISTER` → `~GOVFRM`) and countries (names, demonyms, capitals →
//!   country code). It is saved in herald's own compact format ([`ActorDict::write`],
//!   [`ActorDict::read`]: versioned, tab-separated, gzip-compressed) and carries a
//!   [`Matcher`] that finds the longest dictionary phrases in a token sequence with one
//!   hash lookup per token, not one scan per entry.
//!
//! ```
//! use herald_actors::{ActorDict, Date, Hit};
//! let actors = herald_actors::tabari::parse_actors("JOHN_DOE_\n\t[XYZGOV >20100101]\n\t[XYZELI]\n");
//! let agents = herald_actors::tabari::parse_agents("FOREIGN_MINISTER [~GOVFRM]\n");
//! let dict = ActorDict::new(actors.entries, agents.entries, Vec::new());
//! let hits = dict.matcher().find(&["the", "foreign", "minister", "John", "Doe", "said"]);
//! assert_eq!(hits.len(), 2);
//! assert_eq!((hits[0].start, hits[0].end), (1, 3));
//! let Hit::Actor(i) = hits[1].target else { panic!() };
//! assert_eq!(dict.actors()[i].code_at(Some(Date::new(2022, 4, 26))), Some("XYZGOV"));
//! assert_eq!(dict.actors()[i].code_at(Some(Date::new(2001, 1, 1))), Some("XYZELI"));
//! ```
#![deny(missing_docs)]

mod coder;
mod compact;
mod countries;
mod matcher;
pub mod tabari;

use std::fmt;

pub use coder::{add_dictionary_names, code_entities, code_span, SpanCoder};

/// How [`code_span`]'s reason begins when the code's country is only the article's (a role
/// noun such as "civilians" with no country of its own), so that a caller who knows better
/// (a place the sentence names) can replace it.
pub const CONTEXT_COUNTRY_REASON: &str = "role, country from the article";
pub use countries::{add_capital_aliases, read_countries_json, Country};
pub use matcher::{Hit, Match, Matcher};
pub use tabari::{ActorEntry, AgentEntry, AgentPlace, LineError, Parsed};

/// A calendar date as `YYYYMMDD` in one integer, so comparisons are integer comparisons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(u32);

impl Date {
    /// The date `year-month-day` (not validated beyond its fields' ranges).
    pub fn new(year: u32, month: u32, day: u32) -> Date {
        Date(year * 10_000 + month * 100 + day)
    }

    /// Parses `YYYY-MM-DD` (the start of an RFC 3339 date-time is fine too).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let n = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
        Some(Date::new(n(0..4)?, n(5..7)?, n(8..10)?))
    }

    /// The date as `YYYYMMDD`.
    pub fn yyyymmdd(self) -> u32 {
        self.0
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.0 / 10_000, self.0 / 100 % 100, self.0 % 100)
    }
}

/// A code and the period it holds (bounds inclusive; open where `None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedCode {
    /// CAMEO actor code (`RUSGOV`).
    pub code: String,
    /// First day it holds.
    pub from: Option<Date>,
    /// Last day it holds.
    pub until: Option<Date>,
}

impl DatedCode {
    /// True when the code holds on `date`.
    pub fn holds_on(&self, date: Date) -> bool {
        self.from.is_none_or(|f| f <= date) && self.until.is_none_or(|u| date <= u)
    }

    pub(crate) fn is_dated(&self) -> bool {
        self.from.is_some() || self.until.is_some()
    }
}

impl ActorEntry {
    /// The code this actor holds on `date`: a dated code whose period covers the date
    /// first, else the undated (default) code. Without a date, the undated code, else the
    /// most recent dated one.
    pub fn code_at(&self, date: Option<Date>) -> Option<&str> {
        let undated = self.codes.iter().find(|c| !c.is_dated());
        let chosen = match date {
            Some(d) => self.codes.iter().find(|c| c.is_dated() && c.holds_on(d)).or(undated),
            None => undated.or_else(|| self.codes.iter().max_by_key(|c| c.from)),
        };
        chosen.map(|c| c.code.as_str())
    }
}

/// Errors reading a dictionary. Line-level problems are not errors: they are collected in
/// [`Parsed::errors`] and the rest of the file is kept.
#[derive(Debug, thiserror::Error)]
pub enum DictError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A compact dictionary that is not one, or of an unknown version.
    #[error("{path}: line {line}: {reason}")]
    Format {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// What was wrong.
        reason: String,
    },
}

/// The actor, agent and country dictionaries with their matcher.
#[derive(Clone, Debug)]
pub struct ActorDict {
    actors: Vec<ActorEntry>,
    agents: Vec<AgentEntry>,
    countries: Vec<Country>,
    matcher: Matcher,
}

impl ActorDict {
    /// Builds a dictionary (and its matcher) from entries.
    pub fn new(
        actors: Vec<ActorEntry>,
        agents: Vec<AgentEntry>,
        countries: Vec<Country>,
    ) -> ActorDict {
        let matcher = Matcher::build(&actors, &agents, &countries);
        ActorDict { actors, agents, countries, matcher }
    }

    /// Adds the entries of another dictionary (a user's own), which win over the ones here
    /// for the same phrase, and rebuilds the matcher.
    pub fn extend(&mut self, actors: Vec<ActorEntry>, agents: Vec<AgentEntry>) {
        // Later entries win in the matcher, so the user's go last.
        self.actors.extend(actors);
        self.agents.extend(agents);
        self.matcher = Matcher::build(&self.actors, &self.agents, &self.countries);
    }

    /// Actor entries; [`Hit::Actor`] indexes them.
    pub fn actors(&self) -> &[ActorEntry] {
        &self.actors
    }

    /// Agent entries; [`Hit::Agent`] indexes them.
    pub fn agents(&self) -> &[AgentEntry] {
        &self.agents
    }

    /// Countries; [`Hit::Country`], [`Hit::Demonym`] and [`Hit::Capital`] index them.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// The phrase matcher.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The code the phrase that reported actor `actor` stands for on `date`: of the actors
    /// sharing that name ("President Bush" is the father in 1990 and the son in 2003), the
    /// reported one's own code unless it is none or an elite's (ELI) then, when another
    /// holds an office (a dated code other than ELI) on the date.
    pub fn actor_code_at(&self, actor: usize, date: Option<Date>) -> Option<&str> {
        let reported = self.actors.get(actor)?;
        let hidden = self.matcher.hidden_by(actor);
        if let (Some(d), false) = (date, hidden.is_empty()) {
            // An office held on the date beats being a (former) elite then: in 1990
            // "President Bush" is the president, not his son.
            let own = reported.code_at(date);
            if own.is_none_or(|c| c.ends_with("ELI")) {
                let office = hidden.iter().filter_map(|&i| self.actors.get(i)).find_map(|e| {
                    e.codes
                        .iter()
                        .find(|c| c.is_dated() && c.holds_on(d) && !c.code.ends_with("ELI"))
                });
                if let Some(c) = office {
                    return Some(c.code.as_str());
                }
            }
        }
        reported.code_at(date)
    }

    /// The country with this CAMEO code.
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.code == code)
    }
}

/// What [`build_from_sources`] read: counts per file and every skipped line.
#[derive(Clone, Debug, Default)]
pub struct BuildReport {
    /// `(file, entries read, lines skipped)` per input file.
    pub files: Vec<(String, usize, usize)>,
    /// Every skipped line as `file:line: reason`.
    pub skipped: Vec<String>,
}

/// Builds herald's actor dictionary from PETRARCH/TABARI actor files, agent files and the
/// countries table. Bad lines are skipped and listed in the report; a file that cannot be
/// read at all is an error.
pub fn build_from_sources(
    actor_files: &[std::path::PathBuf],
    agent_files: &[std::path::PathBuf],
    countries_json: Option<&std::path::Path>,
    capital_aliases: &[std::path::PathBuf],
) -> Result<(ActorDict, BuildReport), DictError> {
    let mut report = BuildReport::default();
    let mut note = |file: &std::path::Path, n: usize, errors: &[LineError]| {
        let name = file.display().to_string();
        report.skipped.extend(errors.iter().map(|e| format!("{name}:{}: {}", e.line, e.reason)));
        report.files.push((name, n, errors.len()));
    };
    let mut actors = Vec::new();
    for f in actor_files {
        let parsed = tabari::read_actor_file(f)?;
        note(f, parsed.entries.len(), &parsed.errors);
        actors.extend(parsed.entries);
    }
    let mut agents = Vec::new();
    for f in agent_files {
        let parsed = tabari::read_agent_file(f)?;
        note(f, parsed.entries.len(), &parsed.errors);
        agents.extend(parsed.entries);
    }
    let mut countries = Vec::new();
    if let Some(f) = countries_json {
        let parsed = read_countries_json(f)?;
        note(f, parsed.entries.len(), &parsed.errors);
        countries = parsed.entries;
    }
    cameo_country_codes(&mut countries, &actors);
    for f in capital_aliases {
        let text = std::fs::read_to_string(f)
            .map_err(|source| DictError::Io { path: f.display().to_string(), source })?;
        let errors = add_capital_aliases(&mut countries, &text);
        note(
            f,
            text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).count(),
            &errors,
        );
    }
    Ok((ActorDict::new(actors, agents, countries), report))
}

/// CAMEO's country codes are ISO alpha-3 save for a few (Kosovo is `KSV`, not a user-assigned
/// ISO code): where the actor dictionary codes a country's common name with a bare
/// three-letter code, that code wins.
fn cameo_country_codes(countries: &mut [Country], actors: &[ActorEntry]) {
    let mut by_name: std::collections::HashMap<&[String], &str> = std::collections::HashMap::new();
    for a in actors {
        // The country's own code as it stands now: the three-letter code that holds last
        // (Kosovo: `YUGKSV`, `FRYKSV`, `KSVUNO`, then `KSV`).
        let current = a
            .codes
            .iter()
            .filter(|c| c.code.len() == 3 && c.until.is_none())
            .max_by_key(|c| c.from);
        if let Some(code) = current {
            for n in &a.names {
                by_name.entry(n.as_slice()).or_insert(code.code.as_str());
            }
        }
    }
    for c in countries {
        if let Some(code) = c.names.first().and_then(|n| by_name.get(n.as_slice())) {
            c.code = (*code).to_owned();
        }
    }
}

/// The shipped dictionary (`data/actors.dict.gz`), embedded in the binary.
const BUNDLED: &[u8] = include_bytes!("../../../data/actors.dict.gz");

impl ActorDict {
    /// The dictionary shipped with herald: the Phoenix actor and agent dictionaries,
    /// herald's additions and the countries table (see `data/README.md`).
    pub fn bundled() -> Result<ActorDict, DictError> {
        ActorDict::read(BUNDLED, "bundled data/actors.dict.gz")
    }

    /// Reads a dictionary file: herald's compact format (`.gz`), else a PETRARCH/TABARI
    /// actor file (`*.agents.txt` names an agent file). Bad TABARI lines are returned, not
    /// fatal.
    pub fn load_file(path: &std::path::Path) -> Result<(ActorDict, Vec<String>), DictError> {
        let name = path.display().to_string();
        let io = |source| DictError::Io { path: name.clone(), source };
        let bytes = std::fs::read(path).map_err(io)?;
        if bytes.starts_with(&[0x1f, 0x8b]) {
            return Ok((ActorDict::read(bytes.as_slice(), &name)?, Vec::new()));
        }
        let text = String::from_utf8_lossy(&bytes);
        let lines = |errors: &[LineError]| -> Vec<String> {
            errors.iter().map(|e| format!("{name}:{}: {}", e.line, e.reason)).collect()
        };
        if name.ends_with("agents.txt") {
            let parsed = tabari::parse_agents(&text);
            Ok((ActorDict::new(Vec::new(), parsed.entries, Vec::new()), lines(&parsed.errors)))
        } else {
            let parsed = tabari::parse_actors(&text);
            Ok((ActorDict::new(parsed.entries, Vec::new(), Vec::new()), lines(&parsed.errors)))
        }
    }

    /// Adds everything of `other` to this dictionary; its entries win for the same phrase.
    pub fn merge(&mut self, other: ActorDict) {
        self.extend(other.actors, other.agents);
    }
}

#[cfg(test)]
mod bundled_tests {
    use super::*;

    #[test]
    fn the_bundled_dictionary_loads_and_codes_by_date() {
        let dict = ActorDict::bundled().unwrap();
        assert!(dict.actors().len() > 20_000);
        assert!(dict.countries().len() > 200);
        let hits = dict.matcher().find(&["Western", "countries", "imposed", "sanctions"]);
        let Hit::Actor(i) = hits[0].target else { panic!("{hits:?}") };
        assert_eq!(dict.actors()[i].code_at(None), Some("WST"));
    }

    #[test]
    fn a_name_two_actors_share_codes_the_one_in_office_on_the_date() {
        let text = "ELDER_DOE_\n+PRESIDENT_DOE\n\t[XYZELI 500101-890119]\n\t[XYZGOV 890120-930120]\nYOUNGER_DOE_\n+PRESIDENT_DOE\n\t[XYZELI 600101-010119]\n\t[XYZGOV 010120-090120]\n";
        let actors = tabari::parse_actors(text).entries;
        let dict = ActorDict::new(actors, Vec::new(), Vec::new());
        let hits = dict.matcher().find(&["President", "Doe"]);
        let Hit::Actor(i) = hits[0].target else { panic!("{hits:?}") };
        assert_eq!(dict.actor_code_at(i, Some(Date::new(1990, 9, 1))), Some("XYZGOV"));
        assert_eq!(dict.actor_code_at(i, Some(Date::new(2003, 3, 1))), Some("XYZGOV"));
        assert_eq!(dict.actor_code_at(i, Some(Date::new(1998, 1, 1))), Some("XYZELI"));
    }

    #[test]
    fn a_user_tabari_file_is_read_with_its_bad_lines_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.actors.txt");
        std::fs::write(&path, "ACME_RIFLES_ [XYZREB]\nBAD_ [XYZ 99-99]\n").unwrap();
        let (extra, bad) = ActorDict::load_file(&path).unwrap();
        assert_eq!(extra.actors().len(), 1);
        assert_eq!(bad.len(), 1);
        assert!(bad[0].contains("mine.actors.txt:2:"), "{bad:?}");
        let mut dict = ActorDict::bundled().unwrap();
        dict.merge(extra);
        assert_eq!(dict.matcher().find(&["Acme", "Rifles"]).len(), 1);
    }
}
