//! Toponyms resolved to gazetteer entries.
//!
//! herald's gazetteer ([`Gazetteer`]) holds the countries of the world, their first-level
//! divisions (states, provinces, oblasts) and the populated places of GeoNames' `cities5000`
//! table, each with its GeoNames id, ISO 3166-1 alpha-2 country, coordinates, population and
//! other names ("Kiev" for Kyiv, "Odessa" for Odesa). It is shipped in herald's compact
//! format (`data/gazetteer.tsv.gz`, see [`Gazetteer::read`]) and embedded in the binary.
//!
//! [`resolve`] turns a document's place entities (kinds `LOC`, `GPE`, `FAC`) into
//! [`herald_doc::Place`]s: it looks their names up and, among the candidates, prefers the one
//! the document's context supports (a country named or implied nearby, "X, Texas", "the
//! Ukrainian city of X", the other places of the story), else the most important one
//! (a country before a division, a division or city by population, capitals first). Names with
//! no good candidate stay unresolved. See the crate README for the heuristics and their
//! measured accuracy.
//!
//! ```
//! use herald_places::{Gazetteer, Kind};
//! let gaz = Gazetteer::bundled().unwrap();
//! let best = &gaz.lookup("Kiev")[0];
//! assert_eq!((best.entry.name.as_str(), best.entry.country.as_str()), ("Kyiv", "UA"));
//! assert_eq!(gaz.lookup("Georgia")[0].entry.kind, Kind::Country);
//! ```
#![deny(missing_docs)]

mod fold;
mod format;
mod resolve;

use std::collections::hash_map::Entry as Entry_;
use std::collections::{HashMap, HashSet};

pub use fold::fold;
pub use resolve::resolve;

/// What a gazetteer entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A country or territory with an ISO 3166-1 code.
    Country,
    /// A first-level division of a country (US state, German Land, Ukrainian oblast, ...).
    Admin1,
    /// A populated place.
    City,
}

/// One gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Country, division or populated place.
    pub kind: Kind,
    /// GeoNames id.
    pub geonameid: u32,
    /// Preferred name ("Kyiv").
    pub name: String,
    /// ISO 3166-1 alpha-2 code of the country the entry lies in (its own, for a country).
    pub country: String,
    /// GeoNames first-level division code inside the country (`"TX"`, `"12"`), empty for a
    /// country.
    pub admin1: String,
    /// Latitude in degrees (for a division: the population-weighted centre of its cities; for
    /// a country: the centre given by the countries table).
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// Population (for a division: the sum of its cities in the gazetteer).
    pub population: u64,
    /// True for a national capital.
    pub capital: bool,
    /// Other names: spellings, transliterations, former and official names.
    pub names: Vec<String>,
    /// Nationality words of a country ("Ukrainian", "American"); empty for other kinds.
    /// They name the country as context but are never places themselves.
    pub demonyms: Vec<String>,
}

/// A gazetteer entry a name may refer to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate<'a> {
    /// The entry.
    pub entry: &'a Entry,
    /// True when the name is the entry's preferred name, false when it is one of its other
    /// names (a weaker match: other names include rare and historical forms).
    pub primary: bool,
}

/// A bad gazetteer file.
#[derive(Debug, thiserror::Error)]
pub enum PlacesError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file that is not a herald gazetteer, of another version, or with a broken record.
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

/// The gazetteer: entries and the indexes [`Gazetteer::lookup`] and [`resolve`] use.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// Folded name → (entry, primary) pairs.
    by_name: HashMap<String, Postings, FxBuild>,
    /// Folded country name or demonym → country entry; used to read context.
    countries_by_word: HashMap<String, u32>,
    /// Folded demonyms (and their plurals) → country entry.
    demonyms: HashMap<String, u32>,
    /// ISO2 → country entry.
    by_iso2: HashMap<String, u32>,
    /// (ISO2, admin1 code) → division entry.
    by_admin1: HashMap<(String, String), u32>,
    /// Names that are not places of the gazetteer (continents, oceans, compass regions), as
    /// written in the file.
    non_places: Vec<String>,
    /// Their folded forms.
    non_place_keys: HashSet<String>,
}

const BUNDLED: &[u8] = include_bytes!("../data/gazetteer.tsv.gz");

impl Gazetteer {
    /// The gazetteer shipped with herald (`crates/herald-places/data/gazetteer.tsv.gz`, built
    /// from GeoNames and mledoze/countries: see `data/README.md`).
    pub fn bundled() -> Result<Gazetteer, PlacesError> {
        Gazetteer::read(BUNDLED, "bundled herald-places/data/gazetteer.tsv.gz")
    }

    /// Reads a gazetteer file in herald's compact format (see [`Gazetteer::read`]).
    pub fn load_file(path: &std::path::Path) -> Result<Gazetteer, PlacesError> {
        let name = path.display().to_string();
        let bytes =
            std::fs::read(path).map_err(|source| PlacesError::Io { path: name.clone(), source })?;
        Gazetteer::read(bytes.as_slice(), &name)
    }

    /// A gazetteer of these entries, indexed.
    pub fn new(entries: Vec<Entry>) -> Gazetteer {
        let names: usize = entries.iter().map(|e| e.names.len() + 1).sum();
        let mut gaz = Gazetteer {
            entries,
            by_name: HashMap::with_capacity_and_hasher(names, FxBuild),
            countries_by_word: HashMap::new(),
            demonyms: HashMap::new(),
            by_iso2: HashMap::new(),
            by_admin1: HashMap::new(),
            non_places: Vec::new(),
            non_place_keys: HashSet::new(),
        };
        for (i, e) in gaz.entries.iter().enumerate() {
            let i = i as u32;
            for (n, name) in std::iter::once(&e.name).chain(&e.names).enumerate() {
                let key = key_of(name);
                if key.is_empty() {
                    continue;
                }
                if e.kind == Kind::Country {
                    gaz.countries_by_word.entry(key.clone()).or_insert(i);
                }
                match gaz.by_name.entry(key) {
                    Entry_::Vacant(v) => {
                        v.insert(Postings::One((i, n == 0)));
                    }
                    Entry_::Occupied(mut o) => o.get_mut().push(i, n == 0),
                }
            }
            match e.kind {
                Kind::Country => {
                    gaz.by_iso2.entry(e.country.clone()).or_insert(i);
                    for d in &e.demonyms {
                        let key = fold(d);
                        if key.is_empty() {
                            continue;
                        }
                        if key.ends_with('n') || key.ends_with('i') {
                            gaz.demonyms.entry(format!("{key}s")).or_insert(i);
                        }
                        gaz.demonyms.entry(key).or_insert(i);
                    }
                }
                Kind::Admin1 => {
                    gaz.by_admin1.entry((e.country.clone(), e.admin1.clone())).or_insert(i);
                }
                Kind::City => {}
            }
        }
        for (key, &i) in &gaz.demonyms {
            gaz.countries_by_word.entry(key.clone()).or_insert(i);
        }
        gaz
    }

    /// The same gazetteer, with names that are *not* its places: continents, oceans, compass
    /// regions ("Asia", "Pacific", "the West"). [`resolve`] leaves an entity so named
    /// unresolved rather than take the small town that shares the name.
    pub fn with_non_places(mut self, names: Vec<String>) -> Gazetteer {
        self.non_place_keys = names.iter().map(|n| fold(n)).filter(|k| !k.is_empty()).collect();
        self.non_places = names;
        self
    }

    /// The names that are not places (see [`Gazetteer::with_non_places`]).
    pub fn non_places(&self) -> &[String] {
        &self.non_places
    }

    /// True when `name` is a continent, ocean or region the gazetteer does not place.
    pub fn is_non_place(&self, name: &str) -> bool {
        self.non_place_keys.contains(&fold(name))
    }

    /// All entries, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entries `name` may refer to, best first by prior importance: a country before a
    /// division, divisions and places by population with capitals raised, a preferred name
    /// before another name. Accents, case, apostrophes and hyphens do not matter ("Kyiv",
    /// "Kiev", "KIEV" and "Kijów" all find Kyiv); short all-capital forms match exactly ("US"
    /// finds the United States, "us" finds nothing; a two-letter or dotted code such as "UN" or
    /// "U.N." matches codes only). Empty when nothing matches.
    pub fn lookup(&self, name: &str) -> Vec<Candidate<'_>> {
        let mut out: Vec<Candidate<'_>> = Vec::new();
        // "UN", "U.N.": a two-letter or dotted code is only ever a code, never the town "Un".
        let acronym = acronym_key(name);
        let code_only = acronym.as_ref().is_some_and(|a| a.len() == 3 || name.contains('.'));
        let keys = [acronym, (!code_only).then(|| fold(name))];
        for key in keys.iter().flatten() {
            for &(i, primary) in self.by_name.get(key).map(Postings::as_slice).unwrap_or(&[]) {
                let entry = &self.entries[i as usize];
                match out.iter_mut().find(|c| std::ptr::eq(c.entry, entry)) {
                    Some(c) => c.primary |= primary,
                    None => out.push(Candidate { entry, primary }),
                }
            }
        }
        out.sort_by(|a, b| {
            prior(b).total_cmp(&prior(a)).then(a.entry.geonameid.cmp(&b.entry.geonameid))
        });
        out
    }

    /// The country entry with this ISO 3166-1 alpha-2 code.
    pub fn country(&self, iso2: &str) -> Option<&Entry> {
        self.by_iso2.get(iso2).map(|&i| &self.entries[i as usize])
    }

    /// The first-level division `admin1` of country `iso2`.
    pub fn admin1(&self, iso2: &str, admin1: &str) -> Option<&Entry> {
        self.by_admin1
            .get(&(iso2.to_owned(), admin1.to_owned()))
            .map(|&i| &self.entries[i as usize])
    }

    /// The country a nationality word names ("Ukrainian", "Ukrainians" → Ukraine).
    pub fn demonym(&self, word: &str) -> Option<&Entry> {
        self.demonyms.get(&fold(word)).map(|&i| &self.entries[i as usize])
    }

    /// The country a folded country name or demonym names (context words).
    fn country_word(&self, key: &str) -> Option<&Entry> {
        self.countries_by_word.get(key).map(|&i| &self.entries[i as usize])
    }
}

/// A fast multiplicative hash for the name index (the keys come from herald's own file, so
/// resistance to chosen collisions buys nothing there, and SipHash's cost is a third of the
/// load time).
#[derive(Clone, Copy, Debug, Default)]
struct FxBuild;

impl std::hash::BuildHasher for FxBuild {
    type Hasher = FxHasher;
    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The entries of one name key: most keys name one entry, so that case needs no allocation.
#[derive(Clone, Debug)]
enum Postings {
    One((u32, bool)),
    Many(Vec<(u32, bool)>),
}

impl Postings {
    /// Adds entry `i`; a second name of the same entry with the same key only strengthens
    /// the match (`primary`).
    fn push(&mut self, i: u32, primary: bool) {
        match self {
            Postings::One((j, p)) if *j == i => *p |= primary,
            Postings::One(first) => *self = Postings::Many(vec![*first, (i, primary)]),
            Postings::Many(v) => match v.last_mut() {
                Some((j, p)) if *j == i => *p |= primary,
                _ => v.push((i, primary)),
            },
        }
    }

    fn as_slice(&self) -> &[(u32, bool)] {
        match self {
            Postings::One(x) => std::slice::from_ref(x),
            Postings::Many(v) => v,
        }
    }
}

/// The index key of a name: its acronym key for short all-capital forms ("US", "U.S.",
/// "DRC"), else its folded form.
fn key_of(name: &str) -> String {
    acronym_key(name).unwrap_or_else(|| fold(name))
}

/// `=US` for "US" or "U.S.": up to four capital ASCII letters once dots are dropped. Such
/// names are matched with their case so that "US" is not "us".
fn acronym_key(name: &str) -> Option<String> {
    let name = name.trim();
    if name.len() > 8 || !name.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let letters: String = name.chars().filter(|&c| c != '.').collect();
    let ok = (2..=4).contains(&letters.len()) && letters.chars().all(|c| c.is_ascii_uppercase());
    ok.then(|| format!("={letters}"))
}

/// How important an entry is before any context: the order of [`Gazetteer::lookup`].
pub(crate) fn prior(c: &Candidate<'_>) -> f64 {
    let e = c.entry;
    let size = ((e.population as f64) + 1.0).log10();
    let base = match e.kind {
        Kind::Country => 9.0,
        Kind::Admin1 => size - 0.6,
        Kind::City => size + if e.capital { 1.0 } else { 0.0 },
    };
    base - if c.primary { 0.0 } else { OTHER_NAME }
}

/// How much weaker a match on another name is than one on the preferred name (in powers of
/// ten of population): other names include English forms ("Odessa", "Kiev") but also
/// historical and Latin ones ("Augusta" for Augsburg).
const OTHER_NAME: f64 = 0.7;
