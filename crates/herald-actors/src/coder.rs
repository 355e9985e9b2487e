//! Actor coding: each document-level entity gets a CAMEO actor code and the reason for it.
//!
//! Evidence is gathered per mention, from the dictionary phrases in and around it, and the
//! strongest wins for the entity:
//! 1. **title** — a role and a country or organisation written next to the name
//!    ("UN Secretary-General António Hartmann", "Sergei Petrov, Russia's foreign minister"):
//!    the text is newer than any dictionary, so it beats a dictionary entry;
//! 2. **dictionary** — the name is a dictionary actor; its code is the one it held on the
//!    article's date (a former president is `ELI`, not `GOV`);
//! 3. **country** — a country's name codes the country (`Ukraine` → `UKR`);
//! 4. **capital** — a capital that acts ("Moscow imposed", "sanctions on Moscow") is the
//!    country's government; a capital after a place preposition ("in Moscow") is a place
//!    and gets no code from that mention;
//! 5. **nationality** — a demonym codes its country (`Russian` → `RUS`).

use std::ops::Range;

use herald_doc::{Doc, MentionRole, Name, Span, Upos};

use crate::{ActorDict, AgentPlace, Date, Hit, Match};

/// Prepositions after which a place name is a location, not an actor.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "around",
    "within",
    "throughout",
    "beyond",
    "across",
];

/// Prepositions that make a place name a location only after a verb of motion ("travel to
/// Moscow", but "supply drones to Moscow", "a letter from Tehran").
const DIRECTIONAL_PREPOSITIONS: &[&str] =
    &["to", "from", "into", "toward", "towards", "via", "through", "for"];

/// Verbs of motion (lemmas): after them a directional preposition introduces a place.
const MOTION_VERBS: &[&str] = &[
    "go",
    "come",
    "travel",
    "fly",
    "return",
    "arrive",
    "head",
    "move",
    "send",
    "deploy",
    "flee",
    "leave",
    "drive",
    "walk",
    "evacuate",
    "march",
    "sail",
    "transfer",
    "relocate",
    "bring",
    "take",
    "escape",
    "cross",
    "enter",
    "withdraw",
    "retreat",
    "advance",
    "trip",
    "visit",
    "journey",
    "flight",
    "route",
    "road",
    "way",
    "evacuation",
    "corridor",
];

/// Nouns and verbs after which "between X and Y" locates rather than names parties, with
/// the verbs and nouns of motion ("flights between X and Y").
const BETWEEN_PLACES: &[&str] = &[
    "border", "frontier", "boundary", "line", "area", "zone", "region", "strait", "sea",
    "corridor", "route", "road", "flight", "travel", "lie", "locate", "situate", "sit",
];

/// Words that end a title walking leftwards even when capitalised at a sentence start.
const TITLE_STOPS: &[&str] = &[
    "in",
    "at",
    "on",
    "to",
    "from",
    "with",
    "by",
    "as",
    "after",
    "before",
    "during",
    "under",
    "into",
    "over",
    "about",
    "against",
    "between",
    "through",
    "when",
    "while",
    "said",
    "says",
    "but",
    "and",
    "or",
    "meanwhile",
    "yesterday",
    "today",
];

/// Words that may stand between a title's parts ("Minister of Foreign Affairs", "Ukraine's").
const TITLE_GLUE: &[&str] = &["of", "for", "'s", "’s", "(", ")", "-", "and"];

/// Code prefixes of organisations whose members' roles are not appended (`IGOUNO`, not
/// `IGOUNOGOV`).
const ORGANISATION_PREFIXES: &[&str] = &["IGO", "NGO", "NGM", "MNC", "IMG", "WST"];

/// Evidence strength, weakest first; the strongest piece of evidence codes the entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Context,
    Nationality,
    Capital,
    Country,
    Dictionary,
    Title,
}

impl Strength {
    fn name(self) -> &'static str {
        match self {
            Strength::Context => crate::CONTEXT_COUNTRY_REASON,
            Strength::Nationality => "nationality",
            Strength::Capital => "capital as government",
            Strength::Country => "country",
            Strength::Dictionary => "dictionary",
            Strength::Title => "title",
        }
    }
}

struct Evidence {
    code: String,
    strength: Strength,
    /// The evidence named in the reason, when it is not the one that ranks: a dictionary
    /// name confirmed by its own words ranks as a title but reads as "dictionary".
    credit: Option<Strength>,
    /// The words that gave the code.
    words: Span,
}

/// Adds to `doc.layers.names` the dictionary names the recognizer missed: actors of two or
/// more words ("Western countries", "White House") as `ORG`, countries and capitals as
/// `GPE`, demonyms as `NORP`, and groups (a nationality with a collective role, "Russian
/// troops") as `ORG`. Existing names win where the two overlap, but a recognised `LOC` that
/// is exactly a country or a capital becomes `GPE`.
pub fn add_dictionary_names(doc: &mut Doc, dict: &ActorDict) {
    let mut added = Vec::new();
    let mut groups: Vec<Name> = Vec::new();
    let mut polities = Vec::new();
    for s in 0..doc.sentences.len() {
        let range = doc.sentence_tokens(s);
        let words: Vec<&str> = range.clone().map(|t| doc.text_of(doc.tokens.spans[t])).collect();
        let found = dict.matcher().find(&words);
        for (k, m) in found.iter().enumerate() {
            // A nationality or country followed by a collective role ("Russian troops",
            // "Kenya's police") names a group actor.
            if let (Hit::Demonym(_) | Hit::Country(_), Some(next)) = (m.target, found.get(k + 1)) {
                let gap = next.start - m.end;
                let joined = gap == 0 || gap == 1 && matches!(words[m.end], "'s" | "’s");
                if let (true, Hit::Agent(_)) = (joined, next.target) {
                    let last = words[next.end - 1].to_lowercase();
                    if is_collective(&last) {
                        let (start, end) = (range.start + m.start, range.start + next.end);
                        let span =
                            Span::new(doc.tokens.spans[start].start, doc.tokens.spans[end - 1].end);
                        groups.push(Name { tokens: start as u32..end as u32, span, kind: "ORG" });
                    }
                }
            }
            let kind = match m.target {
                Hit::Actor(_) if m.end - m.start >= 2 => "ORG",
                Hit::Country(_) | Hit::Capital(_) => "GPE",
                Hit::Demonym(_) => "NORP",
                _ => continue,
            };
            let (start, end) = (range.start + m.start, range.start + m.end);
            if kind == "GPE" {
                polities.push((start as u32, end as u32));
            }
            let overlaps = doc
                .layers
                .names
                .iter()
                .any(|n| (n.tokens.start as usize) < end && (n.tokens.end as usize) > start);
            if !overlaps {
                let span = Span::new(doc.tokens.spans[start].start, doc.tokens.spans[end - 1].end);
                added.push(Name { tokens: start as u32..end as u32, span, kind });
            }
        }
    }
    // A recognised location that is exactly a country or a capital is a polity.
    for n in &mut doc.layers.names {
        if n.kind == "LOC" && polities.contains(&(n.tokens.start, n.tokens.end)) {
            n.kind = "GPE";
        }
    }
    doc.layers.names.extend(added);
    // A group replaces the nationality or country names inside it, unless a name of the
    // recognizer crosses its edge.
    for g in groups {
        let inside = |n: &Name| n.tokens.start >= g.tokens.start && n.tokens.end <= g.tokens.end;
        let crosses =
            |n: &Name| n.tokens.start < g.tokens.end && n.tokens.end > g.tokens.start && !inside(n);
        if !doc.layers.names.iter().any(crosses) {
            doc.layers.names.retain(|n| !inside(n));
            doc.layers.names.push(g);
        }
    }
    doc.layers.names.sort_by_key(|n| n.tokens.start);
}

/// Role nouns that name a group rather than one person: plurals and collectives.
fn is_collective(word: &str) -> bool {
    const COLLECTIVE: &[&str] = &[
        "police",
        "military",
        "army",
        "navy",
        "government",
        "ministry",
        "authorities",
        "parliament",
        "junta",
        "leadership",
        "cabinet",
        "administration",
        "forces",
        "troops",
        "people",
        "media",
        "opposition",
        "embassy",
        "coast",
    ];
    COLLECTIVE.contains(&word) || word.len() > 3 && word.ends_with('s') && !word.ends_with("ss")
}

/// The actor code of one phrase of `doc` (a byte span inside a sentence), from the same
/// evidence as [`code_entities`] uses for a mention: for phrases that are not entities
/// (event arguments such as "Western countries" or "the police"), and for evaluation.
/// Returns the code and the reason.
pub fn code_span(doc: &Doc, dict: &ActorDict, span: Span) -> Option<(String, String)> {
    SpanCoder::new(doc, dict).code(span)
}

/// [`code_span`] for many phrases of one document: the dictionary phrases of every sentence
/// and the article's context are found once, when the coder is made, so each phrase costs
/// only its own evidence (the event coder asks for every argument of every event).
pub struct SpanCoder<'a> {
    doc: &'a Doc,
    dict: &'a ActorDict,
    matches: Vec<Vec<Match>>,
    ctx: Context,
}

impl<'a> SpanCoder<'a> {
    /// Prepares coding phrases of `doc`.
    pub fn new(doc: &'a Doc, dict: &'a ActorDict) -> SpanCoder<'a> {
        let matches = sentence_matches(doc, dict);
        let ctx = Context::of(doc, dict, &matches);
        SpanCoder { doc, dict, matches, ctx }
    }

    /// The actor code of the phrase at `span` (inside one sentence) and the reason. A
    /// place named as a location ("talks in Moscow") has none.
    pub fn code(&self, span: Span) -> Option<(String, String)> {
        self.code_with(span, false)
    }

    /// Like [`SpanCoder::code`], also coding a place used as a location: the target of
    /// force used *in* it ("an offensive in Ukraine" is against Ukraine).
    pub fn code_place_as_actor(&self, span: Span) -> Option<(String, String)> {
        self.code_with(span, true)
    }

    fn code_with(&self, span: Span, allow_place: bool) -> Option<(String, String)> {
        let (sentence, tokens) = locate(self.doc, span)?;
        let e = mention_evidence(
            self.doc,
            self.dict,
            &self.ctx,
            &self.matches[sentence],
            sentence,
            tokens,
            allow_place,
        )?;
        let reason =
            format!("{}: {}", e.credit.unwrap_or(e.strength).name(), self.doc.text_of(e.words));
        Some((e.code, reason))
    }
}

/// Codes every entity of `doc` (`Entity::actor` and `Entity::actor_reason`) from its
/// mentions, with roles as they stood on the article's date.
pub fn code_entities(doc: &mut Doc, dict: &ActorDict) {
    let sentence_matches = sentence_matches(doc, dict);
    let ctx = Context::of(doc, dict, &sentence_matches);
    let mut codes = Vec::with_capacity(doc.layers.entities.len());
    let mut roles = Vec::with_capacity(doc.layers.entities.len());
    for entity in &doc.layers.entities {
        let mut best: Option<Evidence> = None;
        let mut entity_roles = Vec::with_capacity(entity.mentions.len());
        let is_place_kind = matches!(entity.kind.as_str(), "LOC" | "GPE");
        for mention in &entity.mentions {
            let Some((sentence, tokens)) = locate(doc, mention.span) else {
                entity_roles.push(MentionRole::Unknown);
                continue;
            };
            let bounds = doc.sentence_tokens(sentence);
            let found = mention_evidence(
                doc,
                dict,
                &ctx,
                &sentence_matches[sentence],
                sentence,
                tokens.clone(),
                false,
            );
            entity_roles.push(if is_place_kind && is_place_use(doc, bounds, tokens) {
                MentionRole::Place
            } else if found.is_some() {
                MentionRole::Actor
            } else {
                MentionRole::Unknown
            });
            if let Some(e) = found {
                offer(&mut best, e);
            }
        }
        roles.push(entity_roles);
        codes.push(best.map(|e| {
            let reason =
                format!("{}: {}", e.credit.unwrap_or(e.strength).name(), doc.text_of(e.words));
            (e.code, reason)
        }));
    }
    for ((entity, code), entity_roles) in doc.layers.entities.iter_mut().zip(codes).zip(roles) {
        (entity.actor, entity.actor_reason) = code.unzip();
        for (mention, role) in entity.mentions.iter_mut().zip(entity_roles) {
            mention.role = role;
        }
    }
}

/// The sentence and token range of a mention span.
fn locate(doc: &Doc, span: Span) -> Option<(usize, Range<usize>)> {
    let spans = &doc.tokens.spans;
    let start = spans.partition_point(|t| t.end <= span.start);
    let end = spans.partition_point(|t| t.start < span.end);
    if start >= end {
        return None;
    }
    let sentence = doc.sentences.partition_point(|s| (s.tokens.end as usize) <= start);
    (sentence < doc.sentences.len()).then_some((sentence, start..end))
}

fn mention_evidence(
    doc: &Doc,
    dict: &ActorDict,
    ctx: &Context,
    matches: &[Match],
    sentence: usize,
    tokens: Range<usize>,
    allow_place: bool,
) -> Option<Evidence> {
    let date = ctx.date;
    let bounds = doc.sentence_tokens(sentence);
    let word = |t: usize| doc.text_of(doc.tokens.spans[t]);
    let span_of = |r: &Range<usize>| {
        Span::new(doc.tokens.spans[r.start].start, doc.tokens.spans[r.end - 1].end)
    };
    let place_use = !allow_place && is_place_use(doc, bounds.clone(), tokens.clone());

    let mut best: Option<Evidence> = None;

    // Phrases inside the name or reaching one word past it ("Western" + "countries"), and
    // phrases that end with the name ("Russian President" + "Vladimir Putin"); not a
    // longer phrase in which the name is a modifier ("Russian" in "Russian President X").
    let inside = |m: &&Match| {
        m.start >= tokens.start && m.start < tokens.end && m.end <= tokens.end + 1
            || m.start < tokens.start && m.end == tokens.end
    };
    let mut names_a_place = false;
    for m in matches.iter().filter(inside) {
        let words = span_of(&(m.start..m.end));
        match m.target {
            Hit::Actor(i) => {
                if let Some(code) = dict.actor_code_at(i, date) {
                    offer(
                        &mut best,
                        Evidence {
                            credit: None,
                            code: code.to_owned(),
                            strength: Strength::Dictionary,
                            words,
                        },
                    );
                }
            }
            Hit::Country(i) => {
                names_a_place = true;
                offer(
                    &mut best,
                    Evidence {
                        credit: None,
                        code: dict.countries()[i].code.clone(),
                        strength: Strength::Country,
                        words,
                    },
                )
            }
            Hit::Demonym(i) => offer(
                &mut best,
                Evidence {
                    credit: None,
                    code: dict.countries()[i].code.clone(),
                    strength: Strength::Nationality,
                    words,
                },
            ),
            Hit::Capital(i) => {
                names_a_place = true;
                let code = format!("{}GOV", dict.countries()[i].code);
                offer(
                    &mut best,
                    Evidence { credit: None, code, strength: Strength::Capital, words },
                );
            }
            // A role noun that is also an organisation's name ("Security Council": a
            // country's, or the UN's): with no country in the phrase, the organisation.
            // Country-bound names ("Senate", a US entry) stay roles, coded with the
            // article's country.
            Hit::Agent(i) => {
                let capitalised = (m.start..m.end)
                    .any(|t| word(t).chars().next().is_some_and(char::is_uppercase));
                let actor = dict
                    .matcher()
                    .actor_of_agent(i)
                    .filter(|_| capitalised)
                    .map(|a| &dict.actors()[a]);
                if let Some(code) = actor.and_then(|a| a.code_at(date)) {
                    if !is_country_code(code) {
                        offer(
                            &mut best,
                            Evidence {
                                credit: None,
                                code: code.to_owned(),
                                strength: Strength::Dictionary,
                                words,
                            },
                        );
                    }
                }
            }
        }
    }
    // "talks in Moscow", "travel to Ukraine": a place, not an actor.
    if place_use && (names_a_place || best.as_ref().is_some_and(|b| b.code.len() == 3)) {
        return None;
    }

    // The phrase itself may hold a country and a role ("the Indonesian navy").
    // When it only confirms the name's own entry ("NATO"), the entry keeps the credit in
    // the reason but the code ranks as a title.
    if let Some(code) = compose(doc, dict, date, matches, &tokens) {
        match &mut best {
            Some(b) if b.code == code => {
                b.credit = Some(b.strength);
                b.strength = b.strength.max(Strength::Title);
            }
            _ => offer(
                &mut best,
                Evidence { credit: None, code, strength: Strength::Title, words: span_of(&tokens) },
            ),
        }
    }

    // A title before the name: walk left over title-like words.
    let mut start = tokens.start;
    while start > bounds.start && tokens.start - start < 10 {
        let t = start - 1;
        let w = word(t);
        if TITLE_STOPS.contains(&w.to_lowercase().as_str()) {
            break;
        }
        let in_match = matches.iter().any(|m| m.start <= t && t < m.end);
        let capitalised = w.chars().next().is_some_and(char::is_uppercase) && !is_determiner(w);
        if in_match || capitalised || TITLE_GLUE.contains(&w) {
            start = t;
        } else {
            break;
        }
    }
    let mut title_role = None;
    if start < tokens.start {
        let zone = start..tokens.start;
        match compose(doc, dict, date, matches, &zone) {
            Some(code) => offer(
                &mut best,
                Evidence {
                    credit: None,
                    code,
                    strength: Strength::Title,
                    words: span_of(&(start..tokens.end)),
                },
            ),
            None => title_role = role_in(doc, dict, matches, &zone),
        }
    }

    // An apposition after the name: ", Russia's foreign minister,".
    if tokens.end + 1 < bounds.end && word(tokens.end) == "," {
        let from = tokens.end + 1;
        let to = (from..bounds.end.min(from + 10))
            .find(|&t| matches!(word(t), "," | "." | ";" | ":" | "\"" | "”" | "("))
            .unwrap_or(bounds.end.min(from + 10));
        // With a parse, only a real apposition counts: "France, Germany and Italy presented
        // ..." is a list and a clause, not a title of France.
        let parsed = doc.tokens.deprel.len() == doc.tokens.len();
        let apposition = !parsed
            || (from..to).any(|t| {
                doc.tokens.deprel[t] == "appos"
                    && doc.tokens.head[t].is_some_and(|h| tokens.contains(&(h as usize)))
            });
        if from < to && apposition {
            match compose(doc, dict, date, matches, &(from..to)) {
                Some(code) => offer(
                    &mut best,
                    Evidence {
                        credit: None,
                        code,
                        strength: Strength::Title,
                        words: span_of(&(tokens.start..to)),
                    },
                ),
                None => {
                    title_role = title_role.or_else(|| role_in(doc, dict, matches, &(from..to)))
                }
            }
        }
    }

    // A title with a role and no country ("Prime Minister X"): the country comes from the
    // dictionary's entry for the person, else from the article.
    let role_here = title_role.or_else(|| role_in(doc, dict, matches, &tokens));
    if let Some((role, place)) = role_here {
        let country = best
            .as_ref()
            .filter(|b| b.strength == Strength::Dictionary && is_country_code(&b.code))
            .map(|b| (b.code[..3].to_owned(), Strength::Title))
            .or_else(|| ctx.country.clone().map(|c| (c, Strength::Context)));
        if let Some((country, strength)) = country {
            let code = match place {
                AgentPlace::Suffix => format!("{country}{role}"),
                AgentPlace::Prefix => format!("{role}{country}"),
            };
            offer(&mut best, Evidence { credit: None, code, strength, words: span_of(&tokens) });
        }
    }
    // "former security officials", "a former defence minister": no longer the government
    // (or army, court, police ...) but its elite (CAMEO ELI). A dictionary entry already
    // dates its person's roles, so only roles read from the phrase are changed.
    // The word may stand before the title the walk above took in ("the former Xyzian
    // foreign minister Ann Roe").
    let former = (start.saturating_sub(2).max(bounds.start)..tokens.end.min(bounds.end))
        .any(|t| matches!(word(t).to_lowercase().as_str(), "former" | "ex"));
    if let Some(b) = best.as_mut().filter(|b| former && b.strength != Strength::Dictionary) {
        if b.code.len() == 6 && FORMER_ROLES.contains(&&b.code[3..]) {
            b.code.replace_range(3.., "ELI");
        }
    }
    best
}

/// Roles a "former" holder has left for the elite (ELI).
const FORMER_ROLES: &[&str] = &["GOV", "MIL", "LEG", "JUD", "COP", "SPY"];

/// Keeps the stronger of two pieces of evidence; on a tie the earlier one, unless the later
/// refines its code (`USA`, then `USAGOV` for "the US" and "State Department").
fn offer(best: &mut Option<Evidence>, e: Evidence) {
    if best.as_ref().is_none_or(|b| {
        e.strength > b.strength
            || e.strength == b.strength
                && e.code.len() > b.code.len()
                && e.code.starts_with(&b.code)
    }) {
        *best = Some(e);
    }
}

/// The role an agent phrase inside `zone` gives.
fn role_in(
    doc: &Doc,
    dict: &ActorDict,
    matches: &[Match],
    zone: &Range<usize>,
) -> Option<(String, AgentPlace)> {
    let i = role_agent(doc, matches, zone)?;
    Some((dict.agents()[i].code.clone(), dict.agents()[i].place))
}

/// The agent that gives the role of the phrase at `zone`: the first agent phrase, but not
/// the adjective "official" ("the official news agency" is a news agency, not a government
/// official; "Xyzland's official Daily Courier" is the newspaper's own entry), nor a rank
/// before another role. Other modifiers name the sector of the noun after them and keep it
/// ("a military spokesman", "a retired diplomat").
fn role_agent(doc: &Doc, matches: &[Match], zone: &Range<usize>) -> Option<usize> {
    let tagged = doc.tokens.upos.len() == doc.tokens.len();
    let attribute = |m: &Match| {
        tagged
            && m.end - m.start == 1
            && doc.tokens.upos[m.start] == Upos::Adj
            && doc.text_of(doc.tokens.spans[m.start]).eq_ignore_ascii_case("official")
    };
    let agents: Vec<(usize, &Match)> = matches
        .iter()
        .filter(|m| m.start >= zone.start && m.end <= zone.end && !attribute(m))
        .filter_map(|m| match m.target {
            Hit::Agent(i) => Some((i, m)),
            _ => None,
        })
        .collect();
    // A rank right before another role is that role's ("the deputy foreign minister" is
    // GOV, though a deputy alone is a sheriff's, COP).
    let rank = |k: usize| {
        let m = agents[k].1;
        m.end - m.start == 1
            && agents.get(k + 1).is_some_and(|n| n.1.start == m.end)
            && RANKS.contains(&doc.text_of(doc.tokens.spans[m.start]).to_lowercase().as_str())
    };
    (0..agents.len()).find(|&k| !rank(k)).map(|k| agents[k].0)
}

/// Words of rank that the agent dictionaries may list as roles of their own.
const RANKS: &[&str] = &["deputy", "vice", "assistant", "acting"];

/// A code that starts with a country (`KHMELI`), not an organisation (`IGOUNO`).
fn is_country_code(code: &str) -> bool {
    code.len() >= 3 && !ORGANISATION_PREFIXES.iter().any(|p| code.starts_with(p))
}

/// What coding knows about the whole article: its date and the country it is mostly about
/// (the most mentioned one: country names, demonyms and capitals, dictionary names coded
/// with a bare country such as "U.S." or a state's name, and the resolved places that are
/// none of these, a town the gazetteer puts in a country), which gives role nouns with no
/// country of their own ("police", "President X") a country.
struct Context {
    date: Option<Date>,
    country: Option<String>,
}

impl Context {
    fn of(doc: &Doc, dict: &ActorDict, matches: &[Vec<Match>]) -> Context {
        let date = doc.article.date.and_then(|d| Date::parse_iso(&d.to_string()));
        let mut counts: Vec<(usize, usize)> = Vec::new();
        let mut count = |i: usize| match counts.iter_mut().find(|(c, _)| *c == i) {
            Some((_, n)) => *n += 1,
            None => counts.push((i, 1)),
        };
        let mut named = Vec::new();
        for m in matches.iter().flatten() {
            match m.target {
                Hit::Country(i) | Hit::Demonym(i) | Hit::Capital(i) => {
                    count(i);
                    named.push(m.start..m.end);
                }
                // Other names of a country or of its parts ("U.S.", a state, a province)
                // are actors coded with the bare country; people and institutions
                // ("Pentagon" USAMIL) do not count.
                Hit::Actor(a) => {
                    let code = dict.actor_code_at(a, date).unwrap_or_default();
                    if code.len() == 3 && is_country_code(code) {
                        if let Some(i) = dict.countries().iter().position(|c| c.code == code[..3]) {
                            count(i);
                            named.push(m.start..m.end);
                        }
                    }
                }
                _ => {}
            }
        }
        // Places the gazetteer resolved (towns, regions) count for their country; the
        // ones the dictionary already counted do not count twice.
        for place in &doc.layers.places {
            let Some(i) = dict.countries().iter().position(|c| c.iso2 == place.country) else {
                continue;
            };
            for mention in &place.mentions {
                let counted = locate(doc, mention.span).is_none_or(|(_, tokens)| {
                    named.iter().any(|r| r.start < tokens.end && tokens.start < r.end)
                });
                if !counted {
                    count(i);
                }
            }
        }
        // The most mentioned country; `counts` is in order of first mention, so the first
        // mentioned wins a tie.
        let most = counts.iter().map(|c| c.1).max();
        let first_max = counts.iter().find(|c| Some(c.1) == most).map(|c| c.0);
        Context { date, country: first_max.map(|i| dict.countries()[i].code.clone()) }
    }
}

/// Dictionary phrases of every sentence, with document token indices.
fn sentence_matches(doc: &Doc, dict: &ActorDict) -> Vec<Vec<Match>> {
    (0..doc.sentences.len())
        .map(|s| {
            let range = doc.sentence_tokens(s);
            let words: Vec<&str> =
                range.clone().map(|t| doc.text_of(doc.tokens.spans[t])).collect();
            let mut found = dict.matcher().find(&words);
            for m in &mut found {
                m.start += range.start;
                m.end += range.start;
            }
            found
        })
        .collect()
}

/// A code from the dictionary phrases inside `zone`: an organisation or a country, plus
/// the role an agent phrase gives. `None` without both a base and a role, or an
/// organisation.
fn compose(
    doc: &Doc,
    dict: &ActorDict,
    date: Option<Date>,
    matches: &[Match],
    zone: &Range<usize>,
) -> Option<String> {
    let mut base: Option<String> = None;
    let role = role_agent(doc, matches, zone).map(|i| {
        let a = &dict.agents()[i];
        (a.code.as_str(), a.place)
    });
    for m in matches.iter().filter(|m| m.start >= zone.start && m.end <= zone.end) {
        match m.target {
            Hit::Actor(i) => {
                if let Some(code) = dict.actor_code_at(i, date) {
                    base.get_or_insert_with(|| code.to_owned());
                }
            }
            Hit::Country(i) | Hit::Demonym(i) | Hit::Capital(i) => {
                base.get_or_insert_with(|| dict.countries()[i].code.clone());
            }
            Hit::Agent(_) => {}
        }
    }
    let base = base?;
    if ORGANISATION_PREFIXES.iter().any(|p| base.starts_with(p)) {
        return Some(base);
    }
    let (role, place) = role?;
    if base.len() > 3 {
        // The base already has a role (`RUSGOV`): keep it.
        return Some(base);
    }
    Some(match place {
        AgentPlace::Suffix => format!("{base}{role}"),
        AgentPlace::Prefix => format!("{role}{base}"),
    })
}

/// True when the phrase at `tokens` is used as a location: after a place preposition ("in
/// Moscow", "in the United States"), after a directional one with a verb of motion ("travel
/// from Moscow to Kyiv"), or in apposition to "capital"/"city" ("the Russian capital,
/// Moscow").
fn is_place_use(doc: &Doc, bounds: Range<usize>, tokens: Range<usize>) -> bool {
    let word = |i: usize| doc.text_of(doc.tokens.spans[i]).to_lowercase();
    // Skip what may stand between the preposition and the name: determiners, adjectives,
    // numbers and hyphenated modifiers ("in the war - torn Ukraine").
    let tagged = doc.tokens.upos.len() == doc.tokens.len();
    let modifier = |i: usize| {
        let w = word(i);
        is_determiner(&w)
            || w == "-"
            || i > bounds.start && word(i - 1) == "-"
            || i + 1 < bounds.end && word(i + 1) == "-"
            || tagged && matches!(doc.tokens.upos[i], Upos::Adj | Upos::Num)
    };
    let mut p = tokens.start;
    while p > bounds.start && p + 4 > tokens.start && modifier(p - 1) {
        p -= 1;
    }
    if p == bounds.start {
        return false;
    }
    let prev = word(p - 1);
    if PLACE_PREPOSITIONS.contains(&prev.as_str()) {
        return true;
    }
    if DIRECTIONAL_PREPOSITIONS.contains(&prev.as_str()) {
        return governed_by(doc, tokens.clone(), MOTION_VERBS).unwrap_or(true);
    }
    // "the border between X and Y" is geography; "ties (talks, a war) between X and Y"
    // are the parties.
    if prev == "between" {
        return governed_by(doc, tokens.clone(), BETWEEN_PLACES).unwrap_or(true);
    }
    if prev == "," && p >= bounds.start + 2 && matches!(word(p - 2).as_str(), "capital" | "city") {
        return true;
    }
    // "the city of Kharkiv", "the capital of Kyiv"
    prev == "of"
        && p >= bounds.start + 2
        && matches!(
            word(p - 2).as_str(),
            "city" | "capital" | "town" | "region" | "province" | "village"
        )
}

/// Whether the word governing the phrase is one of `lemmas` (verbs or nouns of motion, say);
/// `None` without a parse.
fn governed_by(doc: &Doc, tokens: Range<usize>, lemmas: &[&str]) -> Option<bool> {
    let heads = &doc.tokens.head;
    if heads.len() != doc.tokens.len() {
        return None;
    }
    // The phrase's head: the token whose head lies outside the phrase.
    let head =
        tokens.clone().find(|&t| heads[t].is_none_or(|h| !tokens.contains(&(h as usize))))?;
    let governor = heads[head]? as usize;
    let lemma = doc.tokens.lemma(governor)?.to_lowercase();
    Some(lemmas.contains(&lemma.as_str()))
}

fn is_determiner(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "the" | "a" | "an" | "this" | "that" | "its" | "his" | "her" | "their"
    )
}

#[cfg(test)]
mod tests {
    use herald_doc::{Article, Doc, Entity, Mention, PubDate, Sentence, Span, Upos};

    use crate::tabari::{parse_actors, parse_agents};
    use crate::{ActorDict, Country};

    fn dict() -> ActorDict {
        let actors = parse_actors(
            "UN_ [IGOUNO]\nSECURITY_COUNCIL_ [IGOUNO]\nSENATE_ [XYZLEG]\nJOHN_DOE_\n\t[XYZGOV 20100101-20150101]\n\t[XYZELI]\nWESTERN_COUNTRIES_ [WST]\nTHE_XYZLAND_ [XYZ]\nINTERIOR_OFFICE_ [XYZGOV]\nDAILY_COURIER_ [XYZMED]\nXYZIA_ [XYZ]\n",
        );
        let agents =
            parse_agents(
            "FOREIGN_MINISTER [~GOV]\nSECRETARY_GENERAL [~GOV]\nPRESIDENT [~GOV]\nTROOPS {} [~MIL]\nPOLICE {} [~COP]\nSECURITY_COUNCIL [~GOV]\nSENATE [~LEG]\nDEPUTY [~COP]\nOFFICIAL [~GOV]\nNEWS_AGENCY [~MED]\nMILITARY {} [~MIL]\nSPOKESMAN [~GOV]\n",
        );
        let country = |code: &str, name: &str, demonym: &str, capital: &str| Country {
            code: code.into(),
            iso2: code[..2].into(),
            name: name.into(),
            names: vec![vec![name.to_uppercase()]],
            demonyms: vec![vec![demonym.to_uppercase()]],
            capitals: vec![vec![capital.to_uppercase()]],
            lat: 0.0,
            lon: 0.0,
        };
        ActorDict::new(
            actors.entries,
            agents.entries,
            vec![
                country("XYZ", "Xyzland", "Xyzian", "Xyzburg"),
                country("ABC", "Abcland", "Abcian", "Abcville"),
            ],
        )
    }

    /// Makes the space-separated words of the article its tokens, in one sentence.
    fn one_sentence_of_words(doc: &mut Doc) {
        let text = doc.article.text.clone();
        let mut pos = 0;
        for w in text.split(' ') {
            doc.tokens.push(Span::new(pos as u32, (pos + w.len()) as u32), true);
            pos += w.len() + 1;
        }
        let n = doc.tokens.len() as u32;
        doc.sentences.push(Sentence {
            span: Span::new(0, text.len() as u32),
            tokens: 0..n,
            paragraph: 0,
        });
    }

    /// Tokens are the space-separated words; one sentence; each entity is a list of
    /// (first word, end word) mentions. Returns each entity's code.
    fn check(text: &str, date: &str, entities: &[&[(usize, usize)]]) -> Vec<Option<String>> {
        let mut article = Article::new("t", text);
        article.date = PubDate::parse(date);
        let mut doc = Doc::new(article);
        one_sentence_of_words(&mut doc);
        for (i, mentions) in entities.iter().enumerate() {
            let mentions = mentions
                .iter()
                .map(|&(s, e)| {
                    Mention::new(Span::new(doc.tokens.spans[s].start, doc.tokens.spans[e - 1].end))
                })
                .collect();
            doc.layers.entities.push(Entity {
                id: format!("E{i}"),
                name: String::new(),
                kind: "PERSON".into(),
                actor: None,
                actor_reason: None,
                mentions,
            });
        }
        super::code_entities(&mut doc, &dict());
        doc.layers.entities.iter().map(|e| e.actor.clone()).collect()
    }

    fn codes(list: &[&str]) -> Vec<Option<String>> {
        list.iter().map(|c| if c.is_empty() { None } else { Some(c.to_string()) }).collect()
    }

    #[test]
    fn title_beats_an_outdated_dictionary_entry() {
        // The dictionary has John Doe as a former XYZ official by 2022; the text says he
        // leads the UN.
        assert_eq!(
            check(
                "UN Secretary - General John Doe spoke . Doe left",
                "2022-04-26",
                &[&[(4, 6), (8, 9)]]
            ),
            codes(&["IGOUNO"])
        );
        assert_eq!(check("John Doe spoke", "2022-04-26", &[&[(0, 2)]]), codes(&["XYZELI"]));
        assert_eq!(check("John Doe spoke", "2012-04-26", &[&[(0, 2)]]), codes(&["XYZGOV"]));
    }

    #[test]
    fn a_former_role_is_the_elite() {
        assert_eq!(
            check("the former Xyzian Foreign Minister Ann Roe said", "2022-01-01", &[&[(5, 7)]]),
            codes(&["XYZELI"])
        );
        assert_eq!(
            check("the Xyzian Foreign Minister Ann Roe said", "2022-01-01", &[&[(4, 6)]]),
            codes(&["XYZGOV"])
        );
    }

    #[test]
    fn nationality_and_role_make_a_code() {
        assert_eq!(
            check("the Xyzian Foreign Minister Ann Roe said", "2022-01-01", &[&[(4, 6)]]),
            codes(&["XYZGOV"])
        );
        assert_eq!(
            check("Ann Roe , Abcland 's foreign minister , said", "2022-01-01", &[&[(0, 2)]]),
            codes(&["ABCGOV"])
        );
        assert_eq!(check("President Ann Roe said", "2022-01-01", &[&[(1, 3)]]), codes(&[""]));
    }

    #[test]
    fn capitals_act_or_are_places() {
        assert_eq!(check("talks in Xyzburg ended", "2022-01-01", &[&[(2, 3)]]), codes(&[""]));
        assert_eq!(
            check("sanctions on Xyzburg . Xyzburg said", "2022-01-01", &[&[(2, 3), (4, 5)]]),
            codes(&["XYZGOV"])
        );
        assert_eq!(
            check("Western countries imposed sanctions", "2022-01-01", &[&[(0, 1)]]),
            codes(&["WST"])
        );
    }

    /// The code of the first `n` words of `text` as one phrase, with the given tags.
    fn phrase_code(text: &str, upos: &[Upos], n: usize) -> Option<String> {
        let mut doc = Doc::new(Article::new("t", text));
        one_sentence_of_words(&mut doc);
        doc.tokens.upos = upos.to_vec();
        doc.tokens.upos.resize(doc.tokens.len(), Upos::X);
        let span = Span::new(0, doc.tokens.spans[n - 1].end);
        super::code_span(&doc, &dict(), span).map(|c| c.0)
    }

    #[test]
    fn the_adjective_official_is_no_role_but_other_adjectives_are() {
        use Upos::{Adj, Noun, Part, Propn};
        // "Xyzland 's official news agency": a news agency, not an official.
        let tags = [Propn, Part, Adj, Noun, Noun];
        assert_eq!(
            phrase_code("Xyzland 's official news agency said", &tags, 5).as_deref(),
            Some("XYZMED")
        );
        // "the Xyzian military spokesman" speaks for the military.
        let tags = [Adj, Adj, Noun];
        assert_eq!(
            phrase_code("Xyzian military spokesman said", &tags, 3).as_deref(),
            Some("XYZMIL")
        );
        // Nor before a name whose own entry gives the role.
        let tags = [Propn, Part, Adj, Propn, Propn];
        assert_eq!(
            phrase_code("Xyzland 's official Daily Courier said", &tags, 5).as_deref(),
            Some("XYZMED")
        );
        // A rank before a role is that role's.
        assert_eq!(
            phrase_code("Xyzland 's deputy foreign minister said", &[], 5).as_deref(),
            Some("XYZGOV")
        );
        assert_eq!(phrase_code("Xyzian deputy said", &[], 2).as_deref(), Some("XYZCOP"));
        // "an official" as a noun is one.
        assert_eq!(phrase_code("Xyzian official said", &[Adj, Noun], 2).as_deref(), Some("XYZGOV"));
    }

    #[test]
    fn an_institution_takes_its_sector_from_its_head_noun() {
        // herald's agent additions: radio, church, "mining giant".
        let dict = ActorDict::bundled().unwrap();
        let code = |text: &str, n: usize| {
            let mut doc = Doc::new(Article::new("t", text));
            one_sentence_of_words(&mut doc);
            let span = Span::new(0, doc.tokens.spans[n - 1].end);
            super::code_span(&doc, &dict, span).map(|c| c.0)
        };
        assert_eq!(code("Peru 's state radio said", 4).as_deref(), Some("PERMED"));
        assert_eq!(code("the Greek Orthodox Church said", 4).as_deref(), Some("GRCCHRORT"));
        assert_eq!(code("the Chilean mining giant said", 4).as_deref(), Some("CHLBUS"));
    }

    #[test]
    fn a_role_noun_that_names_an_organisation_is_the_organisation_without_a_country() {
        assert_eq!(phrase_code("the Security Council met", &[], 3).as_deref(), Some("IGOUNO"));
        assert_eq!(
            phrase_code("the Abcian Security Council met", &[], 4).as_deref(),
            Some("ABCGOV")
        );
        // Lower case is the role noun only; a country-bound name stays a role.
        assert_eq!(phrase_code("the security council met", &[], 3), None);
        assert_eq!(phrase_code("the Senate met", &[], 2), None);
    }

    #[test]
    fn a_dictionary_name_of_a_country_counts_for_the_article_country() {
        // "Xyzia" is a dictionary actor coded with the bare country, as "U.S." is.
        let text = "police arrested a man in Xyzia";
        let mut doc = Doc::new(Article::new("t", text));
        one_sentence_of_words(&mut doc);
        let police = doc.tokens.spans[0];
        assert_eq!(super::code_span(&doc, &dict(), police).map(|c| c.0).as_deref(), Some("XYZCOP"));
        // A person's entry does not.
        let text = "police arrested John Doe";
        let mut doc = Doc::new(Article::new("t", text));
        one_sentence_of_words(&mut doc);
        let police = doc.tokens.spans[0];
        assert_eq!(super::code_span(&doc, &dict(), police), None);
    }

    #[test]
    fn the_article_country_counts_its_resolved_places() {
        let text = "police arrested a man in Smalltown";
        let mut doc = Doc::new(Article::new("t", text));
        one_sentence_of_words(&mut doc);
        let police = doc.tokens.spans[0];
        assert_eq!(super::code_span(&doc, &dict(), police), None);
        // The gazetteer put Smalltown in Xyzland (ISO "XY").
        doc.layers.places.push(herald_doc::Place {
            id: "P0".into(),
            name: "Smalltown".into(),
            geonameid: None,
            country: "XY".into(),
            lat: 0.0,
            lon: 0.0,
            mentions: vec![Mention::new(doc.tokens.spans[5])],
        });
        assert_eq!(super::code_span(&doc, &dict(), police).map(|c| c.0).as_deref(), Some("XYZCOP"));
    }

    #[test]
    fn a_dictionary_code_that_refines_another_in_the_phrase_wins() {
        // "The Xyzland" (the country) and "Interior Office" (its government) in one phrase.
        assert_eq!(
            phrase_code("The Xyzland Interior Office said", &[], 4).as_deref(),
            Some("XYZGOV")
        );
    }

    #[test]
    fn a_nationality_and_a_collective_role_make_a_group_name() {
        let text = "Xyzian troops crossed as the Xyzian foreign minister spoke";
        let mut doc = Doc::new(Article::new("t", text));
        one_sentence_of_words(&mut doc);
        super::add_dictionary_names(&mut doc, &dict());
        let names: Vec<(&str, &str)> =
            doc.layers.names.iter().map(|n| (doc.text_of(n.span), n.kind)).collect();
        // One person's title is not a group: "Xyzian" stays a nationality there.
        assert_eq!(names, [("Xyzian troops", "ORG"), ("Xyzian", "NORP")]);
        assert_eq!(
            super::code_span(&doc, &dict(), doc.layers.names[0].span).map(|c| c.0).as_deref(),
            Some("XYZMIL")
        );
    }
}
