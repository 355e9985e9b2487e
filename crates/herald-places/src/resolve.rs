//! Resolution of a document's place entities to gazetteer entries.

use std::collections::HashSet;

use herald_doc::{Doc, Entity, Mention, Place, Span};

use crate::{acronym_key, fold, prior, Candidate, Entry, Gazetteer, Kind};

/// Entity kinds that name places.
const PLACE_KINDS: [&str; 3] = ["LOC", "GPE", "FAC"];

/// Nouns that introduce a place in "the Ukrainian port city of X" or "Ukraine's region X".
const PLACE_NOUNS: &[&str] = &[
    "city",
    "town",
    "village",
    "port",
    "capital",
    "region",
    "province",
    "state",
    "oblast",
    "district",
    "county",
    "area",
    "settlement",
    "municipality",
    "island",
    "governorate",
    "prefecture",
    "suburb",
    "hub",
];

/// Words after a name that make it a first-level division ("Donetsk region", "Washington
/// state").
const DIVISION_WORDS: &[&str] =
    &["region", "province", "state", "oblast", "governorate", "prefecture", "territory"];

/// Words after a name that make it a populated place ("Kyiv city").
const CITY_WORDS: &[&str] = &["city", "town", "village"];

/// Bonus for a candidate inside the container the text names right beside the mention
/// ("X, Ukraine", "the Ukrainian city of X").
const LOCAL_COUNTRY: f64 = 10.0;
/// Bonus for a candidate inside the division named beside the mention ("Paris, Texas").
const LOCAL_DIVISION: f64 = 12.0;
/// Bonus for a candidate in the country of another place of the document ("London" does not
/// make "Washington" the English town).
const DOC_PLACE_COUNTRY: f64 = 1.5;
/// Bonus for a candidate in a country the text names elsewhere (a country name or nationality
/// word): weaker still, "U.S. forces" in a story does not make Geneva the one in Illinois.
const DOC_COUNTRY_WORD: f64 = 0.5;
/// Bonus for a candidate in a division another place of the document lies in: specific
/// evidence ("Texas officials … Paris").
const DOC_DIVISION: f64 = 2.5;
/// Bonus for the kind the words around the mention ask for ("Donetsk region").
const KIND_HINT: f64 = 3.0;
/// A place smaller than this named with no support from the context is more often something
/// else that shares its name ("White House", Tennessee).
const TINY_POPULATION: u64 = 15_000;
/// Penalty for a division when a city inside it has the same name.
const CITY_OVER_DIVISION: f64 = 1.5;
/// An other-name match to a place smaller than this, with no support from the context, is
/// too weak to keep: other names include rare and historical forms.
const WEAK_POPULATION: u64 = 100_000;

/// Fills `doc.layers.places` from the document's entities of kind `LOC`, `GPE` and `FAC`.
///
/// Each entity is resolved as a whole (all its mentions name one place): its names are
/// looked up in `gaz`, each candidate is scored by its prior importance (see
/// [`Gazetteer::lookup`]) plus the support of the context — a container named right beside a
/// mention ("Paris, Texas", "Kharkiv, Ukraine", "Atlanta, Georgia" for the state, "the
/// Ukrainian city of X"), the kind the words around it ask for ("Donetsk region"), countries
/// named or implied anywhere in the text (country names and nationality words), and the
/// countries and divisions of the document's other places — and the best candidate wins.
/// Facilities (`FAC`) take preferred names only. Left unresolved: nationality words ("Ukrainian"), continents, oceans and compass regions
/// ("Asia", "Pacific"; see [`Gazetteer::with_non_places`]), lower-case generic words, and
/// names whose best match is, with no support from the context, another name of a place under
/// 100,000 people or the name of a place under 15,000.
///
/// Every mention is kept, whatever its role: "Moscow said" uses the place as an actor but
/// still refers to it. Entities resolved to the same entry ("Kiev" and "Kyiv") become one
/// place. Places are numbered `p1`, `p2`, … in order of first mention. Never panics.
pub fn resolve(doc: &mut Doc, gaz: &Gazetteer) {
    let places = {
        let text = doc.article.text.as_str();
        let words = words(text);
        let country_words = country_words(gaz, text, &words);
        let entities: Vec<&Entity> = doc
            .layers
            .entities
            .iter()
            .filter(|e| PLACE_KINDS.iter().any(|k| e.kind.eq_ignore_ascii_case(k)))
            .collect();
        let queries: Vec<Query<'_>> =
            entities.iter().map(|e| Query::new(gaz, text, &words, e)).collect();
        // Pass 1: each entity with the text's country words as document context.
        let empty = DocContext::default();
        let first: Vec<Option<&Entry>> = queries
            .iter()
            .map(|q| q.best(&DocContext::from_words(&country_words, &q.spans), &empty))
            .collect();
        // Pass 2: the countries and divisions of the other entities' first choices join in.
        let mut resolved: Vec<(&Entry, Vec<Mention>)> = Vec::new();
        for (i, q) in queries.iter().enumerate() {
            let mut others = DocContext::default();
            for (j, e) in first.iter().enumerate() {
                if let (true, Some(e)) = (i != j, e) {
                    others.add_entry(e);
                }
            }
            let Some(entry) = q.best(&DocContext::from_words(&country_words, &q.spans), &others)
            else {
                continue;
            };
            match resolved.iter_mut().find(|(e, _)| std::ptr::eq(*e, entry)) {
                Some((_, mentions)) => mentions.extend(entities[i].mentions.iter().copied()),
                None => resolved.push((entry, entities[i].mentions.clone())),
            }
        }
        for (_, mentions) in &mut resolved {
            mentions.sort_by_key(|m| (m.span.start, m.span.end));
            mentions.dedup_by_key(|m| m.span);
        }
        resolved.sort_by_key(|(_, m)| m.first().map(|m| m.span.start).unwrap_or(u32::MAX));
        resolved
            .into_iter()
            .enumerate()
            .map(|(i, (e, mentions))| Place {
                id: format!("p{}", i + 1),
                name: e.name.clone(),
                geonameid: Some(e.geonameid),
                country: e.country.clone(),
                lat: e.lat,
                lon: e.lon,
                mentions,
            })
            .collect()
    };
    doc.layers.places = places;
}

/// A word of the text: byte offsets, a possessive "'s" left out.
#[derive(Clone, Copy, Debug)]
struct Word {
    start: usize,
    end: usize,
}

/// The words of `text`: runs of letters and digits, with inner apostrophes, hyphens and dots
/// ("U.S", "Rostov-on-Don"); a trailing possessive is cut off.
fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() {
                end = i + c.len_utf8();
                chars.next();
                continue;
            }
            if matches!(c, '\'' | '’' | '-' | '.') {
                let mut ahead = text[i + c.len_utf8()..].chars();
                if ahead.next().is_some_and(char::is_alphanumeric) {
                    end = i + c.len_utf8();
                    chars.next();
                    continue;
                }
            }
            break;
        }
        let w = &text[start..end];
        for s in ["'s", "’s", "'S", "’S"] {
            if w.len() > s.len() + 1 && w.ends_with(s) {
                end -= s.len();
                break;
            }
        }
        out.push(Word { start, end });
    }
    out
}

/// The phrase of words `i..j` when only spaces separate them (no punctuation inside).
fn phrase<'t>(text: &'t str, words: &[Word], i: usize, j: usize) -> Option<&'t str> {
    if i >= j || j > words.len() {
        return None;
    }
    for k in i + 1..j {
        if !text[words[k - 1].end..words[k].start].chars().all(|c| c == ' ') {
            return None;
        }
    }
    Some(&text[words[i].start..words[j - 1].end])
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// The countries the text names with a capitalised country name or nationality word, with
/// where. Longer gazetteer names win: "New Mexico" does not name Mexico.
fn country_words<'g>(gaz: &'g Gazetteer, text: &str, words: &[Word]) -> Vec<(Span, &'g Entry)> {
    let mut out = Vec::new();
    let mut i = 0;
    'outer: while i < words.len() {
        for len in (1..=4).rev() {
            let Some(p) = phrase(text, words, i, i + len) else { continue };
            if !starts_upper(p) {
                continue;
            }
            let key = acronym_key(p).unwrap_or_else(|| fold(p));
            let country = gaz.country_word(&key);
            if country.is_some() || (len > 1 && gaz.by_name.contains_key(&key)) {
                if let Some(c) = country {
                    out.push((Span::new(words[i].start as u32, words[i + len - 1].end as u32), c));
                }
                i += len;
                continue 'outer;
            }
        }
        i += 1;
    }
    out
}

/// Countries and divisions the document supports, with how often.
#[derive(Default)]
struct DocContext {
    countries: HashSet<String>,
    divisions: HashSet<(String, String)>,
}

impl DocContext {
    /// The countries of the text's country words outside `own` (the entity's own mentions).
    fn from_words(words: &[(Span, &Entry)], own: &[Span]) -> DocContext {
        let mut ctx = DocContext::default();
        for (span, e) in words {
            if !own.iter().any(|o| o.start < span.end && span.start < o.end) {
                ctx.countries.insert(e.country.clone());
            }
        }
        ctx
    }

    /// Another place of the document: its country, and its division unless it is a country or
    /// a national capital (a capital is named for its government, not for its region:
    /// "Washington and London" says nothing about English towns).
    fn add_entry(&mut self, e: &Entry) {
        self.countries.insert(e.country.clone());
        if e.kind != Kind::Country && !e.capital {
            self.divisions.insert((e.country.clone(), e.admin1.clone()));
        }
    }
}

/// One entity to resolve: its candidates and the evidence around its mentions.
struct Query<'g> {
    candidates: Vec<Candidate<'g>>,
    /// Bonus per candidate (parallel to `candidates`) from the words beside the mentions.
    local: Vec<f64>,
    /// The entity's mention spans (its own words are not context).
    spans: Vec<Span>,
}

impl<'g> Query<'g> {
    fn new(gaz: &'g Gazetteer, text: &str, words: &[Word], entity: &Entity) -> Query<'g> {
        let spans: Vec<Span> = entity.mentions.iter().map(|m| m.span).collect();
        let none = Query { candidates: Vec::new(), local: Vec::new(), spans: spans.clone() };
        let mut names: Vec<&str> = vec![entity.name.as_str()];
        names.extend(spans.iter().filter_map(|s| s.get(text)));
        let mentioned = names.len() > 1;
        // A generic word, not a name: no mention is capitalised.
        let capitalised = |n: &&str| n.split_whitespace().any(starts_upper);
        // Pronouns and role phrases that coreference added ("it", "the capital") are not names
        // to look up.
        let first = names.remove(0);
        names.retain(capitalised);
        if mentioned && names.is_empty() {
            return none;
        }
        names.insert(0, first);
        let mut candidates: Vec<Candidate<'g>> = Vec::new();
        let mut local_containers: Vec<&'g Entry> = Vec::new();
        let mut hint: Option<Kind> = None;
        for name in names {
            // "southern Lebanon", "the United States": the name starts at its first capital.
            let name = clean_name(name);
            let name = match name.find(|c: char| c.is_uppercase()) {
                Some(i) if i > 0 && name[..i].ends_with(' ') => &name[i..],
                _ => name,
            };
            // "Paris, Texas" as one entity: the part after the comma is a container.
            let (name, container) = match name.split_once(',') {
                Some((a, b)) if !b.trim().is_empty() => (a.trim(), Some(b.trim())),
                _ => (name, None),
            };
            if let Some(c) = container {
                local_containers.extend(containers(gaz, c));
            }
            let mut found = gaz.lookup(name);
            if found.is_empty() {
                // "Donetsk Region", "Kyiv City": the name without the kind word.
                if let Some((head, last)) = name.rsplit_once(' ') {
                    let last = fold(last);
                    let kind = if DIVISION_WORDS.contains(&last.as_str()) {
                        Some(Kind::Admin1)
                    } else if CITY_WORDS.contains(&last.as_str()) {
                        Some(Kind::City)
                    } else {
                        None
                    };
                    if kind.is_some() {
                        hint = hint.or(kind);
                        found = gaz.lookup(head);
                    }
                }
            }
            // A continent, ocean or compass region: not one of the gazetteer's places, and
            // not the small town of the same name either.
            if gaz.is_non_place(name) {
                return none;
            }
            // A nationality word is not a place ("Ukrainian" tagged GPE).
            if gaz.demonym(name).is_some() && !found.iter().any(|c| c.primary) {
                continue;
            }
            for c in found {
                match candidates.iter_mut().find(|x| std::ptr::eq(x.entry, c.entry)) {
                    Some(x) => x.primary |= c.primary,
                    None => candidates.push(c),
                }
            }
        }
        // A facility ("White House", "Kremlin") that shares another name of a city is a
        // translation coincidence ("White House" is a name of Casablanca): facilities take
        // preferred names only.
        if entity.kind.eq_ignore_ascii_case("FAC") {
            candidates.retain(|c| c.primary);
        }
        if candidates.is_empty() {
            return none;
        }
        let mut local = vec![0.0; candidates.len()];
        let bump = |local: &mut [f64], containers: &[&Entry]| {
            for (c, bonus) in candidates.iter().zip(local.iter_mut()) {
                *bonus = bonus.max(container_bonus(c.entry, containers));
            }
        };
        bump(&mut local, &local_containers);
        // Context is read around the name mentions only (last word capitalised), not around
        // pronouns or role phrases ("it", "the Russian capital").
        let name_spans = spans.iter().filter(|s| {
            let t = s.get(text).map(clean_name).unwrap_or("");
            t.split_whitespace().last().is_some_and(starts_upper)
        });
        for span in name_spans {
            let (s, e) = (span.start as usize, span.end as usize);
            let first = words.partition_point(|w| w.start < s);
            let after = words.partition_point(|w| w.start < e);
            // "X, Ukraine" / "X, Texas": a container right after a comma.
            if after < words.len() && text.get(e..words[after].start).is_some_and(is_comma) {
                let found = (1..=3)
                    .rev()
                    .filter_map(|len| phrase(text, words, after, after + len))
                    .map(|p| containers(gaz, p))
                    .find(|c| !c.is_empty())
                    .unwrap_or_default();
                bump(&mut local, &found);
            }
            // "the Ukrainian city of X", "Ukraine's capital X": a country before place nouns.
            if let Some(container) = country_before(gaz, text, words, first) {
                bump(&mut local, &[container]);
            }
            // "Atlanta, Georgia": a division or country right after a city it contains.
            if first > 0 && text.get(words[first - 1].end..s).is_some_and(is_comma) {
                let cities: Vec<&Entry> = (1..=3)
                    .rev()
                    .filter(|&len| len <= first)
                    .filter_map(|len| phrase(text, words, first - len, first))
                    .map(|p| gaz.lookup(p))
                    .find(|c| !c.is_empty())
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|c| c.entry.kind == Kind::City)
                    .map(|c| c.entry)
                    .collect();
                for (c, bonus) in candidates.iter().zip(local.iter_mut()) {
                    let e = c.entry;
                    let inside = |city: &&Entry| match e.kind {
                        Kind::Country => city.country == e.country,
                        Kind::Admin1 => city.country == e.country && city.admin1 == e.admin1,
                        Kind::City => false,
                    };
                    if cities.iter().any(inside) {
                        let b = if e.kind == Kind::Admin1 { LOCAL_DIVISION } else { LOCAL_COUNTRY };
                        *bonus = bonus.max(b);
                    }
                }
            }
            // "Donetsk region", "Washington state", "the city of X".
            let next = words.get(after).and_then(|w| text.get(w.start..w.end)).map(fold);
            let prev = |k: usize| {
                first.checked_sub(k).and_then(|i| text.get(words[i].start..words[i].end)).map(fold)
            };
            let word_hint = match (next.as_deref(), prev(1).as_deref(), prev(2).as_deref()) {
                (Some(w), _, _) if DIVISION_WORDS.contains(&w) => Some(Kind::Admin1),
                (_, Some("of"), Some(w)) if DIVISION_WORDS.contains(&w) => Some(Kind::Admin1),
                (_, Some("of"), Some(w)) if CITY_WORDS.contains(&w) => Some(Kind::City),
                _ => None,
            };
            hint = hint.or(word_hint);
        }
        // "Donetsk", "Odessa", "São Paulo", "Kiev": a division that shares its name with a major
        // city of its country (inside it, or its own division as Kyiv is; at least a twentieth
        // of the division's population) is, bare, the city.
        for (c, bonus) in candidates.iter().zip(local.iter_mut()) {
            let e = c.entry;
            let named_city = |x: &Candidate<'_>| {
                x.entry.kind == Kind::City
                    && x.entry.country == e.country
                    && x.entry.population.saturating_mul(20) >= e.population
            };
            if e.kind == Kind::Admin1 && candidates.iter().any(named_city) {
                *bonus -= CITY_OVER_DIVISION;
            }
        }
        if let Some(kind) = hint {
            for (c, bonus) in candidates.iter().zip(local.iter_mut()) {
                if c.entry.kind == kind {
                    *bonus += KIND_HINT;
                }
            }
        }
        Query { candidates, local, spans }
    }

    /// The best candidate under this document context, or `None` when there is no good one.
    fn best(&self, words: &DocContext, others: &DocContext) -> Option<&'g Entry> {
        let mut best: Option<(f64, f64, &Candidate<'g>)> = None;
        for (c, &local) in self.candidates.iter().zip(&self.local) {
            let e = c.entry;
            let mut support = local;
            if others.countries.contains(&e.country) {
                support += DOC_PLACE_COUNTRY;
            } else if words.countries.contains(&e.country) {
                support += DOC_COUNTRY_WORD;
            }
            if e.kind != Kind::Country
                && others.divisions.contains(&(e.country.clone(), e.admin1.clone()))
            {
                support += DOC_DIVISION;
            }
            let score = prior(c) + support;
            if best.is_none_or(|(s, _, _)| score > s) {
                best = Some((score, support, c));
            }
        }
        let (_, support, c) = best?;
        let small = if c.primary { TINY_POPULATION } else { WEAK_POPULATION };
        let weak = c.entry.kind == Kind::City && c.entry.population < small && support <= 0.0;
        (!weak).then_some(c.entry)
    }
}

/// A mention's text as a name: possessive and surrounding punctuation removed.
fn clean_name(name: &str) -> &str {
    let mut n = name.trim().trim_matches(|c: char| !c.is_alphanumeric());
    for s in ["'s", "’s"] {
        if let Some(head) = n.strip_suffix(s) {
            n = head;
        }
    }
    n.trim_end_matches(['\'', '’'])
}

/// True for the text between two words that is a comma and spaces.
fn is_comma(gap: &str) -> bool {
    gap.trim() == ","
}

/// The countries and divisions a phrase may name (a container of other places).
fn containers<'g>(gaz: &'g Gazetteer, phrase: &str) -> Vec<&'g Entry> {
    if !starts_upper(phrase) {
        return Vec::new();
    }
    gaz.lookup(phrase)
        .into_iter()
        .filter(|c| c.entry.kind != Kind::City && c.primary)
        .map(|c| c.entry)
        .collect()
}

/// The bonus for `e` lying inside one of `containers`.
fn container_bonus(e: &Entry, containers: &[&Entry]) -> f64 {
    let mut bonus: f64 = 0.0;
    for c in containers {
        if e.kind == Kind::Country || c.country != e.country || std::ptr::eq(*c, e) {
            continue;
        }
        match c.kind {
            Kind::Country => bonus = bonus.max(LOCAL_COUNTRY),
            Kind::Admin1 if e.kind == Kind::City && c.admin1 == e.admin1 => {
                bonus = bonus.max(LOCAL_DIVISION)
            }
            _ => {}
        }
    }
    bonus
}

/// The country of "the Ukrainian city of X", "Ukraine's second city X", "the Russian port of
/// X" (or the division of "the Ohio city of X") when the words before word `first` have that
/// shape.
fn country_before<'g>(
    gaz: &'g Gazetteer,
    text: &str,
    words: &[Word],
    first: usize,
) -> Option<&'g Entry> {
    let word = |i: usize| text.get(words[i].start..words[i].end).unwrap_or("");
    let mut i = first;
    if i > 0 && word(i - 1) == "of" {
        i -= 1;
    }
    let mut noun = false;
    let mut skipped = 0;
    while i > 0 && skipped < 3 {
        let w = word(i - 1);
        if starts_upper(w) {
            break;
        }
        noun |= PLACE_NOUNS.contains(&w);
        i -= 1;
        skipped += 1;
    }
    if !noun || i == 0 {
        return None;
    }
    (1..=3).filter(|&len| len <= i).find_map(|len| {
        let p = phrase(text, words, i - len, i)?;
        let key = acronym_key(p).unwrap_or_else(|| fold(p));
        gaz.country_word(&key).or_else(|| {
            let top = gaz.lookup(p).into_iter().next()?;
            (top.entry.kind == Kind::Admin1 && top.primary && starts_upper(p)).then_some(top.entry)
        })
    })
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use herald_doc::{Article, Doc, Entity, Mention, MentionRole, Span};

    use crate::{resolve, Gazetteer, Kind};

    fn gaz() -> &'static Gazetteer {
        static GAZ: OnceLock<Gazetteer> = OnceLock::new();
        GAZ.get_or_init(|| Gazetteer::bundled().unwrap())
    }

    /// A document whose entities are `names`, each with a mention at every occurrence of
    /// the name in `text` (`kind` GPE).
    fn doc(text: &str, names: &[&str]) -> Doc {
        let mut doc = Doc::new(Article::new("t", text));
        for (i, n) in names.iter().enumerate() {
            let mentions: Vec<Mention> = text
                .match_indices(n)
                .map(|(s, m)| Mention::new(Span::new(s as u32, (s + m.len()) as u32)))
                .collect();
            assert!(!mentions.is_empty(), "{n} not in {text}");
            doc.layers.entities.push(Entity {
                id: format!("E{}", i + 1),
                name: (*n).to_owned(),
                kind: "GPE".to_owned(),
                actor: None,
                actor_reason: None,
                mentions,
            });
        }
        doc
    }

    /// The (name, country) each entity resolves to, by entity name; `None` when unresolved.
    fn places(text: &str, names: &[&str]) -> Vec<Option<(String, String)>> {
        let mut d = doc(text, names);
        resolve(&mut d, gaz());
        names
            .iter()
            .map(|n| {
                let start = text.find(n).unwrap() as u32;
                d.layers
                    .places
                    .iter()
                    .find(|p| p.mentions.iter().any(|m| m.span.start == start))
                    .map(|p| (p.name.clone(), p.country.clone()))
            })
            .collect()
    }

    fn place(name: &str, country: &str) -> Option<(String, String)> {
        Some((name.to_owned(), country.to_owned()))
    }

    #[test]
    fn kiev_and_kyiv_are_one_entry() {
        let ids = |n: &str| gaz().lookup(n).first().map(|c| c.entry.geonameid);
        assert_eq!(ids("Kyiv"), Some(703448));
        for n in ["Kiev", "KYIV", "Kijów", "kiev"] {
            assert_eq!(ids(n), ids("Kyiv"), "{n}");
        }
        assert!(gaz().lookup("Kyiv")[0].primary);
        assert!(!gaz().lookup("Kiev")[0].primary);
    }

    #[test]
    fn accents_are_folded() {
        let id = |n: &str| gaz().lookup(n).first().map(|c| c.entry.geonameid);
        assert_eq!(id("São Paulo"), id("Sao Paulo"));
        assert_eq!(id("Zürich"), id("Zurich"));
        assert_eq!(id("Malmö"), id("Malmo"));
        assert!(id("Sao Paulo").is_some());
    }

    #[test]
    fn lookup_orders_by_importance_and_knows_codes() {
        let paris = gaz().lookup("Paris");
        assert_eq!(paris[0].entry.country, "FR");
        assert!(paris.iter().any(|c| c.entry.country == "US"));
        assert_eq!(gaz().lookup("Texas")[0].entry.kind, Kind::Admin1);
        assert_eq!(gaz().lookup("Bavaria")[0].entry.country, "DE");
        assert_eq!(gaz().lookup("US")[0].entry.country, "US");
        assert_eq!(gaz().lookup("U.S.")[0].entry.country, "US");
        assert!(gaz().lookup("us").iter().all(|c| c.entry.kind != Kind::Country));
        assert_eq!(gaz().lookup("Britain")[0].entry.country, "GB");
        assert_eq!(gaz().lookup("Turkey")[0].entry.country, "TR");
        assert!(gaz().lookup("Nowhereland Flats").is_empty());
        assert!(gaz().lookup("").is_empty());
    }

    #[test]
    fn context_picks_the_candidate() {
        assert_eq!(
            places("Protests spread in Paris on Monday.", &["Paris"]),
            [place("Paris", "FR")]
        );
        assert_eq!(
            places("A storm hit Paris, Texas, on Monday.", &["Paris", "Texas"]),
            [place("Paris", "US"), place("Texas", "US")]
        );
        // One entity spanning "Paris, Texas".
        assert_eq!(
            places("A storm hit Paris, Texas, on Monday.", &["Paris, Texas"]),
            [place("Paris", "US")]
        );
        assert_eq!(
            places("Texas officials said the storm hit Paris hardest.", &["Texas", "Paris"]),
            [place("Texas", "US"), place("Paris", "US")]
        );
        assert_eq!(
            places("Georgia accused Moscow of meddling.", &["Georgia"]),
            [place("Georgia", "GE")]
        );
        assert_eq!(
            places("Voters in Atlanta, Georgia, queued for hours.", &["Atlanta", "Georgia"]),
            [place("Atlanta", "US"), place("Georgia", "US")]
        );
        assert_eq!(
            places("Shelling hit Donetsk, Ukraine, overnight.", &["Donetsk"]),
            [place("Donetsk", "UA")]
        );
    }

    #[test]
    fn weak_document_evidence_does_not_overturn_a_famous_place() {
        let text = "Washington and London are alone in warning Iraq.";
        assert_eq!(
            places(text, &["Washington", "London", "Iraq"]),
            [place("Washington", "US"), place("London", "GB"), place("Iraq", "IQ")]
        );
        let text = "He called for a meeting in Geneva to remove U.S. forces.";
        assert_eq!(places(text, &["Geneva"]), [place("Geneva", "CH")]);
        assert!(gaz().lookup("U.N.").is_empty() && gaz().lookup("UN").is_empty());
    }

    #[test]
    fn context_words_beside_the_mention() {
        assert_eq!(places("Grain ships left Odessa at dawn.", &["Odessa"]), [place("Odesa", "UA")]);
        assert_eq!(
            places("Oil prices rose in the Texas city of Odessa on Monday.", &["Odessa"]),
            [place("Odessa", "US")]
        );
        // A bare division name shared with a city inside it is the city; "region" makes it
        // the division.
        let donetsk = places("Shelling hit Donetsk overnight.", &["Donetsk"]);
        assert_eq!(donetsk, [place("Donetsk", "UA")]);
        let mut d = doc("Shelling hit Donetsk overnight.", &["Donetsk"]);
        resolve(&mut d, gaz());
        let mut r = doc("Shelling hit the Donetsk region overnight.", &["Donetsk"]);
        resolve(&mut r, gaz());
        assert_ne!(d.layers.places[0].geonameid, r.layers.places[0].geonameid);
        let division = gaz().lookup("Donetsk").into_iter().find(|c| c.entry.kind == Kind::Admin1);
        assert_eq!(r.layers.places[0].geonameid, division.map(|c| c.entry.geonameid));
    }

    #[test]
    fn the_name_starts_at_its_first_capital() {
        let text = "Strikes on southern Lebanon drew a warning from the United States.";
        assert_eq!(
            places(text, &["southern Lebanon", "the United States"]),
            [place("Lebanon", "LB"), place("United States", "US")]
        );
        assert_eq!(places("Storms hit the gulf.", &["the gulf"]), [None]);
    }

    #[test]
    fn pronoun_mentions_are_kept_but_not_looked_up() {
        let text = "Russia said it would respond.";
        let mut d = doc(text, &["Russia"]);
        d.layers.entities[0].mentions.push(Mention::new(Span::new(12, 14)));
        resolve(&mut d, gaz());
        assert_eq!(d.layers.places.len(), 1);
        assert_eq!(d.layers.places[0].country, "RU");
        assert_eq!(d.layers.places[0].mentions.len(), 2);
    }

    #[test]
    fn a_weak_match_needs_support_from_the_context() {
        // "Artemivsk" is a former name of Bakhmut (a small city): alone it is too weak.
        assert_eq!(places("Artemivsk was quiet.", &["Artemivsk"]), [None]);
        assert_eq!(
            places("Artemivsk, Ukraine, was quiet.", &["Artemivsk"]),
            [place("Bakhmut", "UA")]
        );
    }

    #[test]
    fn continents_oceans_and_tiny_namesakes_stay_unresolved() {
        let text = "Leaders from Asia met at the White House to discuss the Pacific.";
        let mut d = doc(text, &["Asia", "White House", "Pacific"]);
        d.layers.entities[1].kind = "FAC".into();
        resolve(&mut d, gaz());
        assert!(d.layers.places.is_empty(), "{:?}", d.layers.places);
        assert!(gaz().is_non_place("Europe") && !gaz().is_non_place("Georgia"));
    }

    #[test]
    fn nationality_words_and_generic_words_are_not_places() {
        let mut d = doc("The Ukrainian army held the city.", &["Ukrainian"]);
        d.layers.entities.push(Entity {
            id: "E2".into(),
            name: "city".into(),
            kind: "LOC".into(),
            actor: None,
            actor_reason: None,
            mentions: vec![Mention::new(Span::new(29, 33))],
        });
        resolve(&mut d, gaz());
        assert!(d.layers.places.is_empty(), "{:?}", d.layers.places);
    }

    #[test]
    fn actor_mentions_stay_and_entities_of_one_place_merge() {
        let text = "Moscow said talks in Moscow would go on. Kiev and Kyiv are one city.";
        let mut d = doc(text, &["Moscow", "Kiev", "Kyiv"]);
        d.layers.entities[0].mentions[0].role = MentionRole::Actor;
        d.layers.entities[0].mentions[1].role = MentionRole::Place;
        d.layers.entities.push(Entity {
            id: "E4".into(),
            name: "Petrov".into(),
            kind: "PERSON".into(),
            actor: None,
            actor_reason: None,
            mentions: vec![Mention::new(Span::new(0, 6))],
        });
        resolve(&mut d, gaz());
        let p = &d.layers.places;
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(
            (p[0].id.as_str(), p[0].name.as_str(), p[0].country.as_str()),
            ("p1", "Moscow", "RU")
        );
        assert_eq!(p[0].mentions.len(), 2);
        assert_eq!(p[0].mentions[0].role, MentionRole::Actor);
        assert_eq!((p[1].id.as_str(), p[1].geonameid), ("p2", Some(703448)));
        assert_eq!(p[1].mentions.len(), 2);
        assert!((p[1].lat - 50.45).abs() < 0.1 && (p[1].lon - 30.52).abs() < 0.1);
    }

    #[test]
    fn any_span_over_any_text_does_not_panic() {
        let text = "Kyiv’s mayor: São Paulo, Texas — Ж. the city of U.S. ,, Ukrainian's";
        let n = text.len() as u32 + 3;
        for start in 0..n {
            for end in [start, start + 1, start + 4, start + 9, n, 0] {
                let mut d = Doc::new(Article::new("t", text));
                d.layers.entities.push(Entity {
                    id: "E1".into(),
                    name: text.get(start as usize..end as usize).unwrap_or("").to_owned(),
                    kind: "GPE".into(),
                    actor: None,
                    actor_reason: None,
                    mentions: vec![Mention {
                        span: Span { start, end },
                        role: MentionRole::Unknown,
                    }],
                });
                resolve(&mut d, gaz());
            }
        }
    }

    #[test]
    fn bad_spans_and_empty_documents_do_not_panic() {
        let mut d = doc("Paris", &["Paris"]);
        d.layers.entities[0].mentions.push(Mention::new(Span::new(3, 99)));
        resolve(&mut d, gaz());
        assert_eq!(d.layers.places.len(), 1);
        let mut empty = Doc::default();
        resolve(&mut empty, gaz());
        assert!(empty.layers.places.is_empty());
    }
}
