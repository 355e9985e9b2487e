//! PETRARCH2's validation suite, run through herald's whole pipeline.
//!
//! PETRARCH2 ships unit-test records (`PETR.UnitTest.records.xml`): short stylised sentences
//! about fictional countries (Arnor, Gondor, ...) with the events its coder must produce,
//! and the dictionaries they are coded with (named in the file's `<Environment>`). herald
//! codes each record from its *text* — its own tokenizer, tagger, parser, names, entities,
//! actor coder and event coder; the records' Penn parses are never read — with those
//! dictionaries in place of its shipped ones, and compares the (source, target, event code)
//! triples it finds with the expected ones.
//!
//! - [`validate`] does it all for a records file; [`load_dictionaries`] and
//!   [`validate_records`] are its two halves, for callers with their own pipeline.
//! - [`Report`] holds one [`RecordOutcome`] per record, with scores per category
//!   ([`Report::categories`]) and, for each failure, a one-word [`Diagnosis`].
//! - [`compare`] is the scoring rule: a record passes when the *set* of triples equals the
//!   expected set exactly.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use herald_actors::{ActorDict, ActorEntry, Country};
use herald_doc::{Article, Doc, Language, PubDate};
use herald_events::{CameoTable, Expected, ExpectedEvent, Record, VerbDict};

use crate::{LoadError, Pipeline};

/// The actor code PETRARCH writes for a missing actor; herald leaves the code empty, and
/// the comparison reads an empty code as this one.
pub const NO_ACTOR: &str = "---";

/// Why a validation run could not start. Bad records and bad dictionary lines are not
/// errors: they are listed in [`Report::skipped`].
#[derive(Debug, thiserror::Error)]
pub enum PetrarchError {
    /// The records or verb file could not be read.
    #[error(transparent)]
    Events(#[from] herald_events::EventsError),
    /// An actor or agent file could not be read.
    #[error(transparent)]
    Actors(#[from] herald_actors::DictError),
    /// herald's models could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The records file does not name a dictionary it needs in its `<Environment>`.
    #[error("{path}: no <{tag}> in its <Environment>")]
    NoDictionary {
        /// The records file.
        path: String,
        /// The missing element (`Verbfile`, `Actorfile`).
        tag: &'static str,
    },
}

/// The dictionary files a records file names in its `<Environment>`, resolved beside it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Environment {
    /// `<Verbfile>`.
    pub verbs: Option<PathBuf>,
    /// `<Actorfile>`.
    pub actors: Option<PathBuf>,
    /// `<Agentfile>`.
    pub agents: Option<PathBuf>,
    /// `<Discardfile>` (not used: herald's actor reader has no discard list).
    pub discards: Option<PathBuf>,
}

impl Environment {
    /// Reads the `<Environment>` element of a records file's text; file names are taken
    /// relative to `dir`. Elements inside XML comments are ignored.
    pub fn parse(text: &str, dir: &Path) -> Environment {
        let text = without_comments(text);
        let Some(start) = text.find("<Environment>") else { return Environment::default() };
        let body = &text[start..];
        let body = &body[..body.find("</Environment>").unwrap_or(body.len())];
        let file = |tag: &str| {
            let open = format!("<{tag}>");
            let from = body.find(&open)? + open.len();
            let to = body[from..].find('<')? + from;
            let name = body[from..to].trim();
            (!name.is_empty()).then(|| dir.join(name))
        };
        Environment {
            verbs: file("Verbfile"),
            actors: file("Actorfile"),
            agents: file("Agentfile"),
            discards: file("Discardfile"),
        }
    }
}

/// The text with every `<!-- ... -->` removed.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find("-->").map_or("", |e| &rest[i + e + 3..]);
    }
    out.push_str(rest);
    out
}

/// The dictionaries of a records file, read with the lines that were skipped.
#[derive(Debug)]
pub struct Dictionaries {
    /// Actors and agents, with the suite's countries taken from its actors.
    pub actors: ActorDict,
    /// Verbs and patterns.
    pub verbs: VerbDict,
    /// The files read.
    pub environment: Environment,
    /// Every skipped dictionary line, as `file:line: reason`.
    pub skipped: Vec<String>,
}

/// Reads the verb, actor and agent files named in the `<Environment>` of `records_path`,
/// looked up beside it. A missing verb or actor file is an error; agents are optional.
pub fn load_dictionaries(records_path: &Path) -> Result<Dictionaries, PetrarchError> {
    let display = records_path.display().to_string();
    let bytes = std::fs::read(records_path)
        .map_err(|source| herald_events::EventsError::Io { path: display.clone(), source })?;
    let dir = records_path.parent().unwrap_or(Path::new("."));
    let environment = Environment::parse(&String::from_utf8_lossy(&bytes), dir);
    let missing = |tag| PetrarchError::NoDictionary { path: display.clone(), tag };
    let verb_file = environment.verbs.as_deref().ok_or_else(|| missing("Verbfile"))?;
    let actor_file = environment.actors.as_deref().ok_or_else(|| missing("Actorfile"))?;

    let mut skipped = Vec::new();
    let verbs = herald_events::read_verb_file(verb_file)?;
    skipped.extend(verbs.errors.iter().map(|e| e.to_string()));
    let actors = herald_actors::tabari::read_actor_file(actor_file)?;
    let name = actor_file.display();
    skipped.extend(actors.errors.iter().map(|e| format!("{name}:{}: {}", e.line, e.reason)));
    let agents = match environment.agents.as_deref() {
        Some(f) => {
            let parsed = herald_actors::tabari::read_agent_file(f)?;
            let name = f.display();
            skipped
                .extend(parsed.errors.iter().map(|e| format!("{name}:{}: {}", e.line, e.reason)));
            parsed.entries
        }
        None => Vec::new(),
    };
    let countries = countries_of(&actors.entries);
    Ok(Dictionaries {
        actors: ActorDict::new(actors.entries, agents, countries),
        verbs: verbs.dict,
        environment,
        skipped,
    })
}

/// The suite's countries: actors whose one code is a bare, undated three-letter code
/// (`GONDOR [GON]`, with `+MINAS_TIRITH`), as PETRARCH's country dictionary writes them.
/// herald's shipped dictionary has a countries table for these; without one, a
/// one-word actor would never be added to the names the recognizer missed, and a sentence
/// that starts with "Arnor" would have no actor.
fn countries_of(actors: &[ActorEntry]) -> Vec<Country> {
    let is_country_code = |c: &str| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase());
    actors
        .iter()
        .filter_map(|a| match a.codes.as_slice() {
            [c] if c.from.is_none() && c.until.is_none() && is_country_code(&c.code) => {
                Some(Country {
                    code: c.code.clone(),
                    iso2: String::new(),
                    name: a.names.first()?.join(" "),
                    names: a.names.clone(),
                    demonyms: Vec::new(),
                    capitals: Vec::new(),
                    lat: 0.0,
                    lon: 0.0,
                })
            }
            _ => None,
        })
        .collect()
}

/// One event herald coded, as the comparison sees it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Coded {
    /// Source actor code ([`NO_ACTOR`] when herald found none).
    pub source: String,
    /// Target actor code ([`NO_ACTOR`] when herald found none).
    pub target: String,
    /// CAMEO event code.
    pub code: String,
    /// The dictionary verb or pattern (or noun rule) that coded it (`Event::rule`).
    pub rule: String,
}

impl Coded {
    fn triple(&self) -> (&str, &str, &str) {
        (&self.source, &self.target, &self.code)
    }
}

/// What [`compare`] found for one record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// The set of coded triples equals the set of expected ones.
    pub passed: bool,
    /// Distinct expected triples that herald coded.
    pub found: usize,
    /// Distinct expected triples.
    pub expected: usize,
}

/// Compares herald's events with a record's expected ones as sets of (source, target,
/// code): duplicates count once, order does not matter, and a record expecting no event
/// passes only when herald codes none.
pub fn compare(expected: &[ExpectedEvent], got: &[Coded]) -> Comparison {
    let want: BTreeSet<(&str, &str, &str)> =
        expected.iter().map(|e| (e.source.as_str(), e.target.as_str(), e.code.as_str())).collect();
    let have: BTreeSet<(&str, &str, &str)> = got.iter().map(Coded::triple).collect();
    Comparison {
        passed: want == have,
        found: want.intersection(&have).count(),
        expected: want.len(),
    }
}

/// A guess at why a record failed, from what herald coded and which actors it found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Diagnosis {
    /// An expected actor is not coded anywhere in the sentence (no entity, no event
    /// argument carries its code or a code it extends).
    NoActor,
    /// The actors are there but herald coded no event: the expected verb was not found,
    /// or not parsed as a verb.
    NoVerb,
    /// An event with the expected actors (or one of them) but another code.
    WrongCode,
    /// Every expected event was coded, and more besides (or the record expects none).
    ExtraEvent,
    /// The expected code, with other actors.
    WrongArgument,
    /// Events coded, none sharing code or actors with the missing one.
    Other,
    /// The expected code is not CAMEO's (the suite tests its pattern machinery with codes
    /// such as `901` or `345`): herald codes only CAMEO codes.
    NonCameo,
    /// The expected event with its intent code (`will contribute`: `0331` for `071`):
    /// herald codes a future or intended act as intent, PETRARCH as the act.
    Modality,
}

impl Diagnosis {
    /// The word `--failures` prints.
    pub fn name(self) -> &'static str {
        match self {
            Diagnosis::NoActor => "no-actor",
            Diagnosis::NoVerb => "no-verb",
            Diagnosis::WrongCode => "wrong-code",
            Diagnosis::ExtraEvent => "extra-event",
            Diagnosis::WrongArgument => "wrong-argument",
            Diagnosis::Other => "other",
            Diagnosis::NonCameo => "non-cameo",
            Diagnosis::Modality => "modality",
        }
    }
}

/// How one record went.
#[derive(Clone, Debug)]
pub struct RecordOutcome {
    /// The record as read.
    pub record: Record,
    /// herald's events, deduplicated and sorted.
    pub got: Vec<Coded>,
    /// The comparison (all zero for records of kind [`Expected::Error`]).
    pub comparison: Comparison,
    /// Why it failed, when it did; `None` for passes and error records.
    pub diagnosis: Option<Diagnosis>,
    /// The document's entities as (name, actor code), to tell a missing actor from a
    /// misplaced one.
    pub entities: Vec<(String, Option<String>)>,
    /// herald's dependency parse of the text, one `index form upos head deprel` line per
    /// token, for reading a failure.
    pub parse: String,
}

impl RecordOutcome {
    /// True for records that test one of PETRARCH's input errors: reported apart, not
    /// counted.
    pub fn is_error_record(&self) -> bool {
        matches!(self.record.expected, Expected::Error(_))
    }

    /// True when the record counts and passed.
    pub fn passed(&self) -> bool {
        !self.is_error_record() && self.comparison.passed
    }

    /// The expected events (none for no-event and error records).
    pub fn expected_events(&self) -> &[ExpectedEvent] {
        match &self.record.expected {
            Expected::Events(e) => e,
            _ => &[],
        }
    }
}

/// Records and passes of one category.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CategoryScore {
    /// Category as written in the records (`DEMO`); `total` for the sum.
    pub category: String,
    /// Records counted (error records excluded).
    pub records: usize,
    /// Records passed.
    pub passed: usize,
    /// Expected triples found, over all records of the category.
    pub found: usize,
    /// Expected triples, over all records of the category.
    pub expected: usize,
}

impl CategoryScore {
    /// Passed over records (0 when there are none).
    pub fn pass_rate(&self) -> f64 {
        if self.records == 0 {
            0.0
        } else {
            self.passed as f64 / self.records as f64
        }
    }
}

/// A whole validation run.
#[derive(Debug, Default)]
pub struct Report {
    /// One outcome per record read, in file order.
    pub outcomes: Vec<RecordOutcome>,
    /// Skipped records and dictionary lines, each naming file and line.
    pub skipped: Vec<String>,
}

impl Report {
    /// Scores per category, in the order categories first appear in the file (error
    /// records are left out: see [`Report::error_records`]).
    pub fn categories(&self) -> Vec<CategoryScore> {
        let mut out: Vec<CategoryScore> = Vec::new();
        for o in self.outcomes.iter().filter(|o| !o.is_error_record()) {
            let i = match out.iter().position(|c| c.category == o.record.category) {
                Some(i) => i,
                None => {
                    out.push(CategoryScore {
                        category: o.record.category.clone(),
                        ..CategoryScore::default()
                    });
                    out.len() - 1
                }
            };
            add(&mut out[i], o);
        }
        out
    }

    /// The sum over every counted record.
    pub fn total(&self) -> CategoryScore {
        let mut t = CategoryScore { category: "total".into(), ..CategoryScore::default() };
        for o in self.outcomes.iter().filter(|o| !o.is_error_record()) {
            add(&mut t, o);
        }
        t
    }

    /// Records that test PETRARCH input errors, which are not counted.
    pub fn error_records(&self) -> impl Iterator<Item = &RecordOutcome> {
        self.outcomes.iter().filter(|o| o.is_error_record())
    }

    /// Counted records that failed.
    pub fn failures(&self) -> impl Iterator<Item = &RecordOutcome> {
        self.outcomes.iter().filter(|o| !o.is_error_record() && !o.comparison.passed)
    }
}

fn add(score: &mut CategoryScore, o: &RecordOutcome) {
    score.records += 1;
    score.passed += o.comparison.passed as usize;
    score.found += o.comparison.found;
    score.expected += o.comparison.expected;
}

/// Runs a records file: reads its dictionaries, builds a pipeline with them in place of
/// the shipped ones, and codes every record.
pub fn validate(records_path: &Path) -> Result<Report, PetrarchError> {
    let dicts = load_dictionaries(records_path)?;
    let parsed = herald_events::read_records_file(records_path)?;
    let pipeline = Pipeline::with_dictionaries(dicts.actors, dicts.verbs)?;
    let mut report = validate_records(&pipeline, parsed.records);
    report.skipped = dicts.skipped;
    report.skipped.extend(parsed.errors.iter().map(|e| e.to_string()));
    Ok(report)
}

/// Codes each record as one English article dated by the record, and scores it.
pub fn validate_records(pipeline: &Pipeline, records: Vec<Record>) -> Report {
    let table = CameoTable::bundled();
    let outcomes = records.into_iter().map(|r| code_record(pipeline, &table, r)).collect();
    Report { outcomes, skipped: Vec::new() }
}

fn code_record(pipeline: &Pipeline, table: &CameoTable, record: Record) -> RecordOutcome {
    let mut article = Article::new(record.id.clone(), record.text.clone());
    // Short stylised sentences defeat language identification: the suite is English.
    article.language = Some(Language::english());
    article.date = parse_date(&record.date);
    let doc = pipeline.annotate(article);
    let mut got: Vec<Coded> = doc
        .layers
        .events
        .iter()
        .map(|e| Coded {
            source: or_no_actor(&e.source),
            target: or_no_actor(&e.target),
            code: e.code.clone(),
            rule: e.rule.clone(),
        })
        .collect();
    got.sort();
    got.dedup_by(|a, b| a.triple() == b.triple());
    let entities = doc.layers.entities.iter().map(|e| (e.name.clone(), e.actor.clone())).collect();
    let parse = parse_lines(&doc);
    if matches!(record.expected, Expected::Error(_)) {
        let comparison = Comparison { passed: false, found: 0, expected: 0 };
        return RecordOutcome { record, got, comparison, diagnosis: None, entities, parse };
    }
    let expected = match &record.expected {
        Expected::Events(e) => e.as_slice(),
        _ => &[],
    };
    let comparison = compare(expected, &got);
    let diagnosis =
        (!comparison.passed).then(|| diagnose(expected, &got, &actor_codes(&doc), table));
    RecordOutcome { record, got, comparison, diagnosis, entities, parse }
}

fn parse_lines(doc: &Doc) -> String {
    let t = &doc.tokens;
    if !t.is_parsed() {
        return String::new();
    }
    let mut out = String::new();
    for i in 0..t.len() {
        let head = t.head[i].map_or_else(|| "-".to_owned(), |h| h.to_string());
        let line =
            format!("{i} {} {:?} {head} {}\n", doc.text_of(t.spans[i]), t.upos[i], t.deprel[i]);
        out.push_str(&line);
    }
    out
}

/// `YYYYMMDD` as a publication date.
fn parse_date(s: &str) -> Option<PubDate> {
    let n = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    if s.len() != 8 {
        return None;
    }
    PubDate::from_ymd(n(0..4)? as i32, n(4..6)?, n(6..8)?)
}

fn or_no_actor(code: &str) -> String {
    if code.is_empty() {
        NO_ACTOR.to_owned()
    } else {
        code.to_owned()
    }
}

/// Every actor code the document carries: entities' and events' arguments.
fn actor_codes(doc: &Doc) -> Vec<String> {
    let mut codes: Vec<String> =
        doc.layers.entities.iter().filter_map(|e| e.actor.clone()).collect();
    for e in &doc.layers.events {
        codes.extend([e.source.clone(), e.target.clone()].into_iter().filter(|c| !c.is_empty()));
    }
    codes
}

/// True when `expected` (a PETRARCH code, `---` parts for a missing country) is among
/// `codes` or shares a stem with one of them (`ARN` coded where `ARNGOV` was expected).
fn actor_present(expected: &str, codes: &[String]) -> bool {
    if expected == NO_ACTOR || expected.starts_with('"') {
        return true;
    }
    let rest = expected.strip_prefix(NO_ACTOR);
    codes.iter().any(|c| match rest {
        Some(role) => c.ends_with(role),
        None => c.starts_with(expected) || expected.starts_with(c.as_str()),
    })
}

/// The most telling reason for the first expected event herald missed (or for the extra
/// events, when none was missed).
fn diagnose(
    expected: &[ExpectedEvent],
    got: &[Coded],
    codes: &[String],
    table: &CameoTable,
) -> Diagnosis {
    let have: BTreeSet<(&str, &str, &str)> = got.iter().map(Coded::triple).collect();
    let Some(miss) = expected
        .iter()
        .find(|e| !have.contains(&(e.source.as_str(), e.target.as_str(), e.code.as_str())))
    else {
        return Diagnosis::ExtraEvent;
    };
    let code = miss.code.as_str();
    if table.get_nearest(miss.code).is_none() {
        return Diagnosis::NonCameo;
    }
    let intent = herald_events::intent_code(miss.code);
    let same_pair = |g: &&Coded| g.source == miss.source && g.target == miss.target;
    if intent != miss.code && got.iter().filter(same_pair).any(|g| g.code == intent.as_str()) {
        return Diagnosis::Modality;
    }
    if got.iter().any(|g| g.source == miss.source && g.target == miss.target) {
        return Diagnosis::WrongCode;
    }
    if !actor_present(&miss.source, codes) || !actor_present(&miss.target, codes) {
        return Diagnosis::NoActor;
    }
    if got.is_empty() {
        return Diagnosis::NoVerb;
    }
    if got.iter().any(|g| g.code == code) {
        return Diagnosis::WrongArgument;
    }
    if got.iter().any(|g| g.source == miss.source || g.target == miss.target) {
        return Diagnosis::WrongCode;
    }
    Diagnosis::Other
}

#[cfg(test)]
mod tests {
    use super::*;
    use herald_events::EventCode;

    fn exp(s: &str, t: &str, c: &str) -> ExpectedEvent {
        ExpectedEvent { source: s.into(), target: t.into(), code: EventCode::parse(c).unwrap() }
    }

    fn got(s: &str, t: &str, c: &str) -> Coded {
        Coded { source: s.into(), target: t.into(), code: c.into(), rule: String::new() }
    }

    #[test]
    fn sets_compare_without_order_or_duplicates() {
        let e = [exp("ARN", "GON", "064"), exp("GON", "ARN", "064")];
        let g = [got("GON", "ARN", "064"), got("ARN", "GON", "064"), got("ARN", "GON", "064")];
        assert_eq!(compare(&e, &g), Comparison { passed: true, found: 2, expected: 2 });
        let dup = [exp("ARN", "GON", "064"), exp("ARN", "GON", "064")];
        assert_eq!(compare(&dup, &g[1..2]), Comparison { passed: true, found: 1, expected: 1 });
    }

    #[test]
    fn extra_or_missing_events_fail_with_recall() {
        let e = [exp("ARN", "GON", "064"), exp("GON", "ARN", "064")];
        let g = [got("ARN", "GON", "064")];
        assert_eq!(compare(&e, &g), Comparison { passed: false, found: 1, expected: 2 });
        let extra = [got("ARN", "GON", "064"), got("GON", "ARN", "064"), got("ARN", "OSG", "010")];
        assert_eq!(compare(&e, &extra), Comparison { passed: false, found: 2, expected: 2 });
        assert_eq!(compare(&e, &[]), Comparison { passed: false, found: 0, expected: 2 });
    }

    #[test]
    fn no_event_records_pass_only_when_nothing_is_coded() {
        assert_eq!(compare(&[], &[]), Comparison { passed: true, found: 0, expected: 0 });
        assert!(!compare(&[], &[got("ARN", "GON", "010")]).passed);
    }

    #[test]
    fn diagnoses_name_the_likely_cause() {
        let e = [exp("ARN", "GON", "064")];
        let codes = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let both = codes(&["ARN", "GON"]);
        let t = CameoTable::bundled();
        assert_eq!(diagnose(&e, &[], &codes(&["ARN"]), &t), Diagnosis::NoActor);
        assert_eq!(diagnose(&e, &[], &both, &t), Diagnosis::NoVerb);
        assert_eq!(diagnose(&e, &[got("ARN", "GON", "010")], &both, &t), Diagnosis::WrongCode);
        assert_eq!(diagnose(&e, &[got("GON", "ARN", "064")], &both, &t), Diagnosis::WrongArgument);
        let extra = [got("ARN", "GON", "064"), got("GON", "ARN", "010")];
        assert_eq!(diagnose(&e, &extra, &both, &t), Diagnosis::ExtraEvent);
        assert_eq!(diagnose(&[], &extra, &both, &t), Diagnosis::ExtraEvent);
        let contribute = [exp("ARN", "GON", "071")];
        assert_eq!(
            diagnose(&contribute, &[got("ARN", "GON", "0331")], &both, &t),
            Diagnosis::Modality
        );
        assert_eq!(diagnose(&[exp("ARN", "GON", "901")], &[], &both, &t), Diagnosis::NonCameo);
        // A country coded where its government was expected is the actor found, badly.
        assert!(actor_present("ARNGOV", &codes(&["ARN"])));
        assert!(actor_present("---GOV", &codes(&["GOV"])));
        assert!(actor_present(NO_ACTOR, &[]));
        assert!(!actor_present("OSG", &both));
    }

    #[test]
    fn environment_names_files_beside_the_records() {
        let text = "<!-- <Verbfile>old.txt</Verbfile> -->\n<Environment>\n \
                    <Verbfile> v.txt </Verbfile>\n<Actorfile>a.txt</Actorfile>\n\
                    </Environment><Sentences></Sentences>";
        let env = Environment::parse(text, Path::new("dir"));
        assert_eq!(env.verbs, Some(PathBuf::from("dir/v.txt")));
        assert_eq!(env.actors, Some(PathBuf::from("dir/a.txt")));
        assert_eq!((env.agents, env.discards), (None, None));
        assert_eq!(Environment::parse("<Environment", Path::new(".")), Environment::default());
    }

    #[test]
    fn dates_read_as_yyyymmdd() {
        assert_eq!(parse_date("19950101").map(|d| d.date_string()), Some("1995-01-01".into()));
        for bad in ["", "1995", "19951301", "1995010a", "199501011"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
