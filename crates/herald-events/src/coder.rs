//! The event coder: from the dependency parse, the verb dictionary and the actor coder, the
//! CAMEO events each sentence states (who did what to whom), with negation, modality and
//! evidence.
//!
//! A first, deliberately simple coder over herald's own parse (Universal Dependencies), in
//! the spirit of PETRARCH2 but reading dependents instead of constituency phrases:
//!
//! 1. **Verb.** A token tagged `VERB` whose lemma (upper-cased, as the dictionary writes
//!    it) is in the dictionary. A multi-word dictionary verb (`+ASK_FOR`, `+CALL_OFF`) is
//!    chosen when its extra words are among the verb's particles (`compound:prt`) or the
//!    prepositions of its `obl` dependents; otherwise the plain entry; the first in file
//!    order wins. A verb whose lemma has no entry is looked up by its form, as some
//!    dictionaries list inflected forms (`CALLED`).
//! 2. **Code.** The block's patterns are matched against the verb's dependents (heads of
//!    objects, obliques, particles, `xcomp`s and their objects, the object's "of"
//!    complement, or the noun a relative clause without an object modifies: "the sanctions
//!    X imposed"; modifiers for `{phrases}`; auxiliaries, adverbs and subject before the
//!    verb, and the verb this one complements: `INDICATED WOULD *`): every word, synonym
//!    set (a multi-word member with its modifiers: `TOTAL BOYCOTT`), `{phrase}` and
//!    `(PREP ...)` of a pattern must be found there; a preposition written bare (`* ON
//!    RESOLUTION`, `* FOR`) matches an oblique or an object's complement it introduces.
//!    Actor slots (`$ + ^ %`) constrain nothing, except that a bare preposition before `+`
//!    names the target's preposition and a `+` before the verb (`NOTED + *`) makes the
//!    verb's subject the target and the reporting verb's subject the source. Among the matching patterns
//!    the one with the most word constraints wins (ties: file order), because a slot-only
//!    pattern would otherwise shadow every specific one; with none, the verb's own or its
//!    block's code. A null code (`---`) makes no event.
//! 3. **Arguments.** Source: `nsubj`, else the subject of the governing verb through
//!    `xcomp`/`conj` (or a non-finite `advcl`: "by promising to withdraw"), but the object
//!    of an object-control verb ("asked X to ...", "helped X rearm"); a relative
//!    pronoun subject ("who", "which") takes the noun the relative clause modifies. Passive
//!    (`nsubj:pass`): the subject is the target and the `obl:agent` ("by X") the source.
//!    Target: the first of `obj`, `iobj`, the object of a later coordinated verb, an `obl`
//!    with the pattern's preposition, an `obl` with on/with/against/to, a `nmod` with those
//!    prepositions (or "between") on the object ("sanctions on X", "ties between X and Y")
//!    or on an oblique ("acted on a resolution against X"), then last resorts (the object's
//!    possessor or its from/for/of/by/about complement, a party in the object's participle
//!    clause: "memos sent by X") — the first that names a coded actor; an object that is an
//!    event noun points at its author first ("condemned an attack by X"); else the same
//!    search in the verb's `xcomp`/`ccomp` ("threatened to suspend preferences for X").
//!    Coordinated nouns (`conj`) give one event each; coordinated subjects of a mutual act
//!    (roots 03, 04, 06, 19 and 057) with no target act on each other. An argument is coded by
//!    `herald_actors::code_span` over its head and its `compound`/`amod`/`nmod:poss`/`det`/
//!    `flat` dependents (never whole clauses), with the head's "of" complement when the
//!    head alone has no code ("the leaders of Serbia"); a pronoun, or a phrase the actor
//!    coder cannot code, takes the code of the document entity that has the mention, and
//!    an entity code that refines the phrase's wins; a role noun the actor coder gave only
//!    the article's country takes that of a gazetteer place it is in or from ("civilians
//!    in Kharkiv", "evacuate people from Aleppo"); a mention the actor coder judged a
//!    place ("travel from Moscow") is no argument. An event needs a source code (as
//!    PETRARCH's and GDELT's do: "X was arrested" with no agent is no event; measured on
//!    both test sets, precision gains far more than recall loses), the target may be
//!    unknown — except for consultation and cooperation (roots 04–07, CAMEO codes only),
//!    which need a counterpart — and an actor acting on its own family (`PRK` → `PRKMIL`)
//!    is dropped as a misread argument.
//! 4. **Codes `[A:P]`.** The active code is the event source → target; a passive code is
//!    the reverse event (target → source: 042:043 "X visits Y" is also "Y hosts X"), emitted
//!    as a second event when the target is coded. A plain `010` (make a statement: "said")
//!    is not emitted: the annotation codes what is said, not the saying. A meeting (040)
//!    placed in the target's country is the source's visit (042) and the target's hosting
//!    (043), in the source's the reverse, in a third country 044 both ways. A naming verb with
//!    a predicate and no pattern of its own ("called X a liar", "branded X a terrorist",
//!    "in what Y called ethnic cleansing") is a judgment: praise 051 for words of praise,
//!    accusation 112 for crimes, else criticism 111; the free relative's target is the
//!    author of the act it names.
//! 5. **Negation and modality.** `advmod` not/n't/never on the verb (or on a governor
//!    through `xcomp`) → `negated`. Modality is looked up on the verb and its governors
//!    through `xcomp`/`conj`/purpose clauses. `intent`: an `xcomp` of a verb or adjective of
//!    intent (ready, willing, plan, promise, ...), or an aux will/would/could/may/might/shall;
//!    the intent verb itself is then not coded (the intended act is the event).
//!    `conditional`: an `advcl` marked if/unless; the verbs inside that clause (and those
//!    they govern) are hypothetical and not coded, nor is an "until" clause. `reported`: an
//!    `advmod` reportedly/allegedly. The strongest wins (conditional > intent > reported).
//!    An intended or conditional act of roots 04–08 is coded as CAMEO's matching intent
//!    code (03x: 04x → 036, 05x → 032, 06x → 031, 07x → 033, 08x → 035, with sub-codes
//!    where CAMEO has them, see [`intent_code`]); an intended use of force, coercion or
//!    cut in relations is a threat, an act of its own (13x, [`threat_code`]: "would strike
//!    Iraq" 1384, "may extend its quarantine" 1381); a declined act — a negated intent or
//!    the `xcomp` of refuse/decline — is a refusal (12x, [`refusal_code`]: "will not lift
//!    the sanctions" 124x, "refused to release" 1243, "would never accept the mediation"
//!    126); other roots keep the act code ("would investigate" 094), as the annotation
//!    guidelines do. A threat (`threaten`, `warn`) is
//!    an act in its own right: its `xcomp` is not coded separately, and the xcomp's object
//!    counts as a dependent of the threat verb for its patterns.
//! 6. **Evidence.** Sentence index; the byte span from the first to the last token of
//!    source, verb and target; the trigger and the rule that coded it; the date of a time
//!    expression attached to the trigger, else the article's; the place its locative
//!    complement names.
//!
//! 7. **Nominal events.** A noun of a small table ([`EVENT_NOUNS`]: meeting, talks, visit,
//!    attack, offensive, invasion, crackdown, air/missile strike, ...) is an event with its
//!    own parties: the other party is the noun's `nmod` with the noun's prepositions ("talks
//!    *with* X", "an attack *on* X", "a visit *to* X", where a place counts); the source its
//!    possessor ("Russia's attack"), else the subject of a governing light verb ("held",
//!    "launched", "wrapped up"), else, for talks and visits, the subject of the clause the
//!    noun is an oblique of ("during talks with X, Y praised ..."). Talks and meetings go
//!    both ways, a visit also gives the host's 043; "talks between X and Y" and coordinated
//!    sources act on each other. Both parties are required, except for an act whose author
//!    the noun names ("after Azerbaijan's offensive", "an attack by X") and one that a
//!    performing verb's subject does ("X carried out a nuclear test" 2042, "imposed a
//!    curfew" 1723, "joined sanctions" 163, "went on strike" 143, a nominal predicate "has
//!    been on hunger strike" 142); the other party may hang off the verb or a quantity noun
//!    ("imposed sanctions | on X", "a package of sanctions against X"). The object of
//!    another dictionary verb is left to that verb, which also targets the noun's author
//!    (possessor, "by" agent, relative-clause subject: "condemned the sanctions X imposed");
//!    a light verb whose own pattern names the noun ("held talks" 046) codes it instead,
//!    and what someone is asked to do ("urged X to impose sanctions") is no act.
//!
//! 8. **Reactions.** A critical reaction noun (criticism, condemnation, outrage, an "angry
//!    response") from a party is criticism (111) by it of the party it is "of", else of the
//!    subject of the verb that drew it ("..., drawing an angry response from Israel"),
//!    unless that verb's own pattern codes the words ("voiced criticism").
//!
//! Coordinated parties inside an argument's "of"/"from" complement ("troops from Poland
//! and Lithuania", "the leaders of Serbia and Kosovo") are one argument each: the head
//! coded with the first complement gives the role (`POLMIL` over `POL`), which each other
//! complement's own code takes (`LTUMIL`).
//!
//! With a user's verb dictionary ([`EventNouns::Off`]) the event-noun table is off. Not yet
//! done: verb transformations (`~` lines). One event per (source, target, code) per
//! sentence.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use herald_actors::ActorDict;
use herald_doc::{Doc, Event, Span, Upos};

use crate::{CameoTable, Element, EventCode, Item, Pattern, Term, VerbDict, VerbEntry};

/// Verbs and adjectives whose `xcomp` is an intended act ("ready to talk", "plans to visit").
const INTENT_GOVERNORS: &[&str] = &[
    "ready",
    "willing",
    "prepared",
    "plan",
    "intend",
    "promise",
    "pledge",
    "vow",
    "want",
    "agree",
    "seek",
    "aim",
    "hope",
    "expect",
    "offer",
    "due",
    "set",
    "decide",
    "schedule",
    "poised",
    "likely",
    "determined",
    "commit",
    "committed",
];

/// Verbs whose `xcomp` is the content of a threat, appeal or demand: the threat ("threatened
/// to strike"), the appeal ("urged Iraq to withdraw") is the event; the act asked for or
/// threatened is not one.
const THREAT_GOVERNORS: &[&str] = &[
    "threaten",
    "warn",
    "urge",
    "call",
    "ask",
    "demand",
    "appeal",
    "press",
    "request",
    "encourage",
    "invite",
    "implore",
    "beg",
    "pressure",
];

/// Verbs whose object is the subject of their `xcomp` ("asked X to leave", "helped X
/// rearm").
const OBJECT_CONTROL: &[&str] = &[
    "ask",
    "tell",
    "order",
    "force",
    "allow",
    "persuade",
    "invite",
    "encourage",
    "urge",
    "press",
    "pressure",
    "help",
    "permit",
    "enable",
    "require",
    "compel",
    "instruct",
    "authorize",
    "authorise",
    "convince",
    "lead",
    "push",
    "oblige",
];

/// Auxiliaries of obligation: the act is required, not done.
const DEONTIC_AUX: &[&str] = &["must", "should", "ought"];

/// Common nouns that name a place ("in the former Soviet country", "in the border town").
const PLACE_NOUNS: &[&str] = &[
    "country",
    "republic",
    "nation",
    "state",
    "city",
    "town",
    "village",
    "region",
    "province",
    "territory",
    "capital",
    "enclave",
    "area",
];

/// Verbs whose `xcomp` is an act declined ("refused to release", "declined to meet").
const REFUSAL_GOVERNORS: &[&str] = &["refuse", "decline"];

/// Auxiliaries that make the verb an intention rather than an act.
const INTENT_AUX: &[&str] = &["will", "would", "could", "may", "might", "shall", "'ll"];

/// First-person pronouns (lemmas), which inside a direct quote stand for its speaker.
const FIRST_PERSON: &[&str] = &["i", "we", "me", "us", "my", "our"];

/// Negating adverbs.
const NEGATIONS: &[&str] = &["not", "n't", "never"];

/// Prepositions that introduce a target when no pattern names one.
const TARGET_PREPS: &[&str] = &["on", "with", "against", "to"];

/// Prepositions tried last for a target, when nothing else names an actor.
const LAST_RESORT_PREPS: &[&str] = &["from", "for", "over", "into", "of", "by", "at", "about"];

/// Event nouns: lemma, code, the prepositions that introduce the other party (`nmod`),
/// and how the event runs. `Mutual` events (talks, meetings) are coded both ways; a `Visit`
/// (042) also gives the host's 043; `Act` is one-way. The source is the noun's possessor
/// ("Israel's offensive"), else the subject of a governing light verb ("held talks with",
/// "launched an attack on"), else, for mutual events and visits, the subject of the clause
/// the noun is an oblique of ("during talks with X, Y praised ..."). A small, hand-written
/// table of unambiguous nouns; `VerbDict::noun_events` (nouns under light-verb blocks) is
/// broader but keyed to the verb's block and mixes in non-light verbs.
const EVENT_NOUNS: &[(&str, &str, &[&str], NounKind)] = &[
    ("meeting", "040", &["with"], NounKind::Mutual),
    ("talk", "040", &["with"], NounKind::Mutual),
    ("talks", "040", &["with"], NounKind::Mutual),
    ("negotiation", "046", &["with"], NounKind::Mutual),
    ("negotiations", "046", &["with"], NounKind::Mutual),
    ("clash", "190", &["with"], NounKind::Mutual),
    ("clashes", "190", &["with"], NounKind::Mutual),
    ("fighting", "190", &["with"], NounKind::Mutual),
    ("visit", "042", &["to"], NounKind::Visit),
    ("attack", "190", &["on", "against", "in"], NounKind::Act),
    ("offensive", "190", &["against", "in", "on"], NounKind::Act),
    ("assault", "190", &["on", "against", "in"], NounKind::Act),
    ("aggression", "190", &["against", "on"], NounKind::Act),
    ("invasion", "192", &["of"], NounKind::Act),
    ("airstrike", "195", &["on", "against", "in"], NounKind::Act),
    ("strike", "195", &["on", "against", "in"], NounKind::Aerial),
    ("bombing", "195", &["of", "on", "in"], NounKind::Act),
    ("crackdown", "175", &["on", "against"], NounKind::Act),
    ("operation", "190", &["in", "against", "on"], NounKind::Military),
    ("operations", "190", &["in", "against", "on"], NounKind::Military),
    ("sanction", "163", &["on", "against"], NounKind::Act),
    ("sanctions", "163", &["on", "against"], NounKind::Act),
    ("embargo", "163", &["on", "against"], NounKind::Act),
    ("blockade", "191", &["on", "of", "against"], NounKind::Act),
    ("protest", "141", &["against"], NounKind::Act),
    ("protests", "141", &["against"], NounKind::Act),
    ("demonstration", "141", &["against"], NounKind::Act),
    ("demonstrations", "141", &["against"], NounKind::Act),
    ("massacre", "202", &["of", "against", "in"], NounKind::Act),
    ("genocide", "202", &["of", "against", "in"], NounKind::Act),
    ("killing", "202", &["of", "against", "in"], NounKind::Mass),
    ("killings", "202", &["of", "against", "in"], NounKind::Mass),
    ("test", "2042", &[], NounKind::Nuclear),
    ("inquiry", "090", &["into"], NounKind::Act),
    ("investigation", "090", &["into"], NounKind::Act),
    ("probe", "090", &["into"], NounKind::Act),
    ("curfew", "1723", &["in", "on"], NounKind::Act),
    ("deportation", "174", &["of", "to"], NounKind::Act),
    ("deportations", "174", &["of", "to"], NounKind::Act),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum NounKind {
    Mutual,
    Visit,
    Act,
    /// An act only with an aerial modifier ("air strike", not "hunger strike").
    Aerial,
    /// An act only with a military modifier ("military operation", not "rescue operation").
    Military,
    /// An act only when "mass" ("mass killings", not "the killing of a journalist").
    Mass,
    /// An act only when nuclear ("a nuclear test", not "a driving test").
    Nuclear,
}

/// Verbs that name their object by a predicate ("called X a liar", "branded X a terrorist").
const NAMING_VERBS: &[&str] = &["call", "brand", "label", "dub", "term"];

/// Predicates whose naming is praise (051) rather than criticism.
const PRAISE_WORDS: &[&str] = &[
    "hero",
    "friend",
    "ally",
    "partner",
    "brother",
    "success",
    "historic",
    "great",
    "good",
    "excellent",
    "important",
    "positive",
    "constructive",
    "fruitful",
    "productive",
    "model",
    "example",
    "champion",
    "visionary",
    "ironclad",
    "reliable",
    "strategic",
];

/// Predicates whose naming is an accusation (112): crimes and their perpetrators.
const CRIME_WORDS: &[&str] = &[
    "cleansing",
    "genocide",
    "crime",
    "massacre",
    "murder",
    "terrorism",
    "terrorist",
    "criminal",
    "aggression",
    "aggressor",
    "occupation",
    "occupier",
    "invasion",
    "war",
    "atrocity",
    "murderer",
    "killer",
];

/// Nouns of a critical reaction (criticism, 111): "drew criticism from X".
const REACTION_NOUNS: &[&str] =
    &["criticism", "condemnation", "rebuke", "censure", "outrage", "anger", "fury", "backlash"];

/// Tones that make a response a critical reaction ("an angry response from X").
const REACTION_TONES: &[&str] =
    &["angry", "furious", "sharp", "harsh", "stern", "strong", "fierce"];

/// Verbs besides [`NOUN_LIGHT_VERBS`] whose subject performs the measure their object names
/// ("imposed a curfew", "adopted sanctions"), so that it is an event without a target.
const PERFORMING_VERBS: &[&str] = &["impose", "declare", "adopt", "enforce", "announce", "join"];

/// Verbs that put their subject "on strike" ("went on strike", "are on strike").
const ON_STRIKE_VERBS: &[&str] = &["go", "be", "remain", "stay"];

/// Modifiers that make an operation a military one (190).
const MILITARY: &[&str] = &["military", "army", "combat", "ground", "counteroffensive"];

/// Modifiers that make an attack noun an aerial attack (195).
const AERIAL: &[&str] = &["air", "missile", "drone", "rocket", "aerial"];

/// Verbs whose object noun names the event and whose subject is its source ("held talks",
/// "launched an offensive", "paid a visit", "wrapped up a meeting"): the dictionary's
/// `LIGHT_VERBS` in lower case, and a few that begin, end or continue an event.
const NOUN_LIGHT_VERBS: &[&str] = &[
    "hold", "have", "make", "attend", "conduct", "stage", "launch", "carry", "begin", "open",
    "start", "pay", "mount", "wrap", "conclude", "end", "resume", "continue", "unleash", "order",
];

/// Codes the events of every sentence of `doc` into `doc.layers.events` (appended, in text
/// order). Needs the parse (tags, lemmas, heads); without it nothing is added. Entities
/// should be grouped and actor-coded first: pronoun arguments take their entity's code.
pub fn code_events(doc: &mut Doc, verbs: &VerbDict, table: &CameoTable, actors: &ActorDict) {
    code_events_with(doc, verbs, table, actors, EventNouns::Cameo);
}

/// Whether herald's own table of event nouns (meeting, attack, sanctions ..., CAMEO-coded)
/// codes nominal events next to the verb dictionary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventNouns {
    /// On: the verb dictionary speaks CAMEO (herald's shipped one).
    Cameo,
    /// Off: a user's dictionary defines its own codes, and only its patterns code events.
    Off,
}

/// [`code_events`] with the event-noun table switched on or off.
pub fn code_events_with(
    doc: &mut Doc,
    verbs: &VerbDict,
    table: &CameoTable,
    actors: &ActorDict,
    nouns: EventNouns,
) {
    if !doc.tokens.is_parsed() || doc.tokens.is_empty() {
        return;
    }
    let coder = Coder::new(doc, verbs, table, actors, nouns);
    let mut events = Vec::new();
    for s in 0..doc.sentences.len() {
        let before = events.len();
        for t in doc.sentence_tokens(s) {
            coder.code_verb(s, t, &mut events);
            if nouns == EventNouns::Cameo {
                coder.code_noun(s, t, &mut events);
                coder.code_reaction(s, t, &mut events);
            }
        }
        dedup(&mut events, before);
    }
    doc.layers.events.extend(events);
}

/// Keeps the first of each (source, target, code) among `events[from..]`.
fn dedup(events: &mut Vec<Event>, from: usize) {
    let mut seen = HashSet::new();
    let mut i = from;
    while i < events.len() {
        let e = &events[i];
        if seen.insert((e.source.clone(), e.target.clone(), e.code.clone())) {
            i += 1;
        } else {
            events.remove(i);
        }
    }
}

/// What the target search of a verb looks for.
#[derive(Clone, Copy)]
struct TargetSearch<'w> {
    /// The preposition the matched pattern names for its target.
    named_prep: Option<&'w str>,
    /// Words the matched pattern names (objects that are what is done, not whom to).
    consumed: &'w HashSet<String>,
    /// Source codes: an argument of their family is no target.
    avoid: &'w [&'w str],
    /// Prepositions whose place is the target when no actor is found (see
    /// [`place_target_preps`]).
    place_preps: &'w [&'w str],
}

/// Why an event was coded: its trigger word and the rule that matched.
struct Why {
    /// The trigger's token.
    token: usize,
    trigger: Span,
    rule: String,
}

/// An argument of the verb: its head token, the span that names it, its code and entity.
#[derive(Clone, Debug)]
struct Arg {
    span: Span,
    code: String,
    entity: Option<String>,
    /// The country was the article's, guessed for a bare role noun ("civilians").
    context_country: bool,
}

impl Arg {
    /// Gives a role argument coded with the article's country the country `country`.
    fn relocate(&mut self, country: &str) {
        if self.code.len() >= 3 && self.code.is_char_boundary(3) {
            self.code = format!("{country}{}", &self.code[3..]);
            self.context_country = false;
        }
    }
}

/// Everything the coder reads, precomputed once per document.
struct Coder<'a> {
    doc: &'a Doc,
    verbs: &'a VerbDict,
    table: &'a CameoTable,
    actors: &'a ActorDict,
    /// Codes argument phrases; its dictionary phrases and context are found once.
    span_coder: herald_actors::SpanCoder<'a>,
    children: Vec<Vec<u32>>,
    /// Answers by span: a subject shared by several verbs is coded once.
    spans: std::cell::RefCell<HashMap<Span, Option<(String, bool)>>>,
    date: Option<String>,
    nouns: EventNouns,
}

/// The words around a verb that its patterns are matched against, upper case.
#[derive(Debug, Default)]
struct Deps {
    /// Heads (lemma and form) of objects, obliques, particles, xcomps and their objects.
    heads: HashSet<String>,
    /// Modifiers (compound, amod) of those heads, for `{A B C}` phrases.
    mods: HashSet<String>,
    /// Each `obl` dependent's preposition with its head and modifier words.
    preps: Vec<(String, u32, HashSet<String>)>,
    /// Words of auxiliaries, adverbs and subjects (for pattern words before the verb).
    before: HashSet<String>,
    /// The objects' prepositional complements, as `preps`: matched only by prepositions
    /// written without parentheses.
    object_preps: Vec<(String, u32, HashSet<String>)>,
    /// The verb's particles (`compound:prt`), upper case.
    particles: HashSet<String>,
}

impl<'a> Coder<'a> {
    fn new(
        doc: &'a Doc,
        verbs: &'a VerbDict,
        table: &'a CameoTable,
        actors: &'a ActorDict,
        nouns: EventNouns,
    ) -> Coder<'a> {
        let mut children = vec![Vec::new(); doc.tokens.len()];
        for (t, h) in doc.tokens.head.iter().enumerate() {
            if let Some(h) = h {
                if let Some(c) = children.get_mut(*h as usize) {
                    c.push(t as u32);
                }
            }
        }
        Coder {
            doc,
            verbs,
            table,
            actors,
            span_coder: herald_actors::SpanCoder::new(doc, actors),
            children,
            spans: Default::default(),
            date: doc.article.date.map(|d| d.date_string()),
            nouns,
        }
    }

    fn lemma(&self, t: usize) -> String {
        self.doc.tokens.lemma(t).unwrap_or("").to_lowercase()
    }

    fn form(&self, t: usize) -> &str {
        self.doc.text_of(self.doc.tokens.spans[t])
    }

    fn rel(&self, t: usize) -> &'static str {
        self.doc.tokens.deprel[t]
    }

    fn head(&self, t: usize) -> Option<usize> {
        self.doc.tokens.head[t].map(|h| h as usize)
    }

    fn kids(&self, t: usize) -> impl Iterator<Item = usize> + '_ {
        self.children[t].iter().map(|&c| c as usize)
    }

    fn kids_with<'s>(&'s self, t: usize, rels: &'s [&str]) -> impl Iterator<Item = usize> + 's {
        self.kids(t).filter(move |&c| rels.contains(&self.rel(c)))
    }

    /// The preposition (`case` child) of an oblique, lower case.
    fn case_of(&self, t: usize) -> Option<String> {
        self.kids_with(t, &["case"]).next().map(|c| self.lemma(c))
    }

    fn has_kid_lemma(&self, t: usize, rels: &[&str], lemmas: &[&str]) -> bool {
        self.kids_with(t, rels).any(|c| lemmas.contains(&self.lemma(c).as_str()))
    }

    /// Codes the verb at token `t` of sentence `s`, if it is one of the dictionary's.
    fn code_verb(&self, s: usize, t: usize, out: &mut Vec<Event>) {
        if self.doc.tokens.upos[t] != Upos::Verb {
            return;
        }
        let lemma = self.lemma(t);
        // Hypothetical: the verb of an if/unless/until clause (or a verb it governs through
        // xcomp/conj: "if Kiev stops applying to join ...") is not an act.
        if self.hypothetical(t) {
            return;
        }
        let gov = self.governor(t);
        if let Some(g) = gov {
            // The content of a threat is part of the threat.
            if THREAT_GOVERNORS.contains(&self.lemma(g).as_str()) {
                return;
            }
        }
        // A verb of intent whose xcomp is itself a dictionary verb is not the event.
        if INTENT_GOVERNORS.contains(&lemma.as_str())
            && self.kids_with(t, &["xcomp"]).any(|x| self.entry(x).is_some())
        {
            return;
        }
        let Some(entry) = self.entry(t) else { return };
        // "any deal must allow ...", "the US should hold off": what someone must or should
        // do is a demand about it, not the act.
        let deontic = self.modal_chain(t).any(|v| {
            self.kids_with(v, &["aux"]).any(|a| {
                DEONTIC_AUX.contains(&self.lemma(a).as_str())
                    || DEONTIC_AUX.contains(&self.form(a).to_lowercase().as_str())
            })
        });
        if deontic {
            return;
        }
        let deps = self.deps(t, entry);
        let (code, pattern) = self.choose_code(entry, &deps);
        // "called X a liar", "called the order dangerous", "in what X called ethnic
        // cleansing": naming someone or something by a predicate is a judgment of it, unless
        // a pattern of the verb says what the words mean.
        let naming = pattern
            .is_none()
            .then(|| self.naming_predicate(t))
            .flatten()
            .filter(|_| self.nouns == EventNouns::Cameo);
        let code = match naming {
            Some(pred) => crate::CodePair { active: Some(self.judgment_code(pred)), passive: None },
            None => refine_by_weapon(code, &deps),
        };
        if code.is_null()
            || code.active.is_some_and(|a| a.as_str() == "010") && code.passive.is_none()
        {
            return;
        }
        // "ordered a global embargo on Iraq", "joined Western sanctions": a verb that
        // performs its object, with no pattern of its own, leaves the event to its object
        // noun. Any other verb is an event of its own ("would investigate the genocide",
        // "condemned Russia's attack").
        let performs = NOUN_LIGHT_VERBS.contains(&lemma.as_str())
            || PERFORMING_VERBS.contains(&lemma.as_str());
        if pattern.is_none()
            && performs
            && self.nouns == EventNouns::Cameo
            && self.kids_with(t, &["obj"]).any(|o| self.noun_event(o).is_some())
        {
            return;
        }
        let named_prep = pattern.and_then(pattern_prep);
        let mut consumed = pattern.map(|p| self.pattern_words(p)).unwrap_or_default();
        let mut rule = self.verb_rule(entry, pattern);
        if let Some(pred) = naming {
            // The predicate is what the target is called, not the target.
            consumed.insert(self.lemma(pred).to_uppercase());
            rule = format!(
                "{rule}; naming by the predicate \"{}\" [{}] (herald's naming rule)",
                self.form(pred),
                code.active.map_or_else(|| "---".to_owned(), |c| c.as_str().to_owned())
            );
        }
        let why = Why { token: t, trigger: self.doc.tokens.spans[t], rule };

        // Arguments.
        let passive = self.kids_with(t, &["nsubj:pass"]).next();
        // A target slot before the verb ("NOTED + *": "X noted that Y regretted ..."): the
        // verb's subject is the target, the source the subject of the verb it complements.
        let target_first = pattern.is_some_and(|p| {
            p.before.iter().any(|e| matches!(e, Element::Item(Item { term: Term::Target, .. })))
        });
        let reported_by = self
            .head(t)
            .filter(|_| target_first && self.rel(t) == "ccomp")
            .and_then(|g| self.subject(g));
        let (sources, targets) = match (passive, reported_by) {
            (None, Some(speaker)) => {
                let targets = self.subject(t).map(|x| self.args(x)).unwrap_or_default();
                (self.args(speaker), targets)
            }
            (Some(subj), _) => {
                let agent = self.kids_with(t, &["obl:agent"]).next().or_else(|| {
                    self.kids_with(t, &["obl"]).find(|&o| self.case_of(o).as_deref() == Some("by"))
                });
                (agent.map(|a| self.args(a)).unwrap_or_default(), self.args(subj))
            }
            (None, None) => {
                // Two subjects of one verb are a list the parser broke in two ("Mordor,
                // Rohan, Fornost and Bree welcomed ...").
                let subjects: Vec<usize> = self.kids_with(t, &["nsubj"]).collect();
                let sources = match self.subject(t) {
                    Some(_) if self.split_name(&subjects) => {
                        let (first, last) = (subjects[0], subjects[subjects.len() - 1]);
                        let spans = &self.doc.tokens.spans;
                        let span =
                            Span::new(spans[self.phrase(first).start].start, spans[last].end);
                        match self.code_span(span) {
                            Some(code) => {
                                vec![Arg { span, code, entity: None, context_country: false }]
                            }
                            None => self.args(last),
                        }
                    }
                    Some(_) if subjects.len() > 1 => {
                        subjects.iter().flat_map(|&x| self.args(x)).collect()
                    }
                    Some(x) => self.args(x),
                    None => self.left_actor(s, t),
                };
                let avoid: Vec<&str> = sources.iter().map(|a| a.code.as_str()).collect();
                // A verb with a code for its target's side ("arrive" 032:033, "visit"
                // 042:043) has a host: the place it goes to.
                // Coordinated parties of a mutual act met each other, not the place ("the
                // leaders of X and Y met in Brussels").
                let mutual = sources.len() > 1 && code.active.is_some_and(symmetric);
                let place_preps = match code.active.map_or(&[][..], place_target_preps) {
                    _ if mutual => &[][..],
                    [] if code.passive.is_some() => &["in", "to"][..],
                    preps => preps,
                };
                let want = TargetSearch {
                    named_prep: named_prep.as_deref(),
                    consumed: &consumed,
                    avoid: &avoid,
                    place_preps,
                };
                let targets = self.target(t, &want);
                (sources, targets)
            }
        };
        let (sources, mut targets) = (sources, targets);
        // "X drove them out, in what Y called ethnic cleansing": what is called so is the
        // act of the clause the free relative hangs on, so its author is the target.
        if naming.is_some() && targets.is_empty() {
            let what = self.head(t).filter(|&h| self.lemma(h) == "what");
            if let Some(clause) = what.and_then(|w| self.head(w)).filter(|&c| c != t) {
                let avoid: Vec<String> = sources.iter().map(|a| a.code.clone()).collect();
                targets = self
                    .subject(clause)
                    .map(|x| self.args(x))
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|a| !avoid.iter().any(|s| same_family(s, &a.code)))
                    .collect();
            }
        }
        // "a policy of turning away boats, which the UN criticised": judging what a relative
        // pronoun stands for judges its author (who maintained the policy).
        let judging = code.active.is_some_and(|c| matches!(c.root(), 5 | 11 | 12));
        if judging && targets.is_empty() {
            let relative_object = self
                .kids_with(t, &["obj"])
                .any(|o| matches!(self.lemma(o).as_str(), "which" | "that" | "whom" | "what"));
            if relative_object {
                let avoid: Vec<String> = sources.iter().map(|a| a.code.clone()).collect();
                targets = self
                    .relative_author(t)
                    .map(|x| self.args(x))
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|a| !avoid.iter().any(|s| same_family(s, &a.code)))
                    .collect();
            }
        }
        // Only the target: "X arrived in Y" does not make X one of Y's.
        self.relocate_by_verb(t, &mut targets);
        let negated = self.negated(t, gov);
        let modality = self.modality(t);
        let verb_span = self.doc.tokens.spans[t];
        let none =
            Arg { span: verb_span, code: String::new(), entity: None, context_country: false };
        // "X and Y conferred", "X and Y signed a deal": coordinated sources with no target
        // act on each other; not when the verb has an object its pattern does not name ("X
        // and Y boycotted the parade" is no act between them).
        let named = |x: usize| {
            consumed.contains(&self.lemma(x).to_uppercase())
                || consumed.contains(&self.form(x).to_uppercase())
        };
        // A `%` slot in the pattern says so outright; an object of their own ("delayed
        // their meeting") or one the pattern names ("renewed *diplomatic* ties") keeps it.
        let compound = pattern.is_some_and(|p| {
            p.before
                .iter()
                .chain(&p.after)
                .any(|e| matches!(e, Element::Item(Item { term: Term::Compound, .. })))
        });
        let intransitive = compound
            || self.kids_with(t, &["obj"]).all(|o| {
                named(o)
                    || self.kids_with(o, &["amod", "compound"]).any(named)
                    || self.kids_with(o, &["nmod:poss"]).any(|p| self.lemma(p) == "they")
            });
        if targets.is_empty()
            && sources.len() > 1
            && intransitive
            && code.active.is_some_and(symmetric)
        {
            for a in &sources {
                for b in &sources {
                    if a.code != b.code && !same_family(&a.code, &b.code) {
                        let evidence = cover(&[a.span, verb_span, b.span]);
                        if let Some(c) = code.active {
                            out.extend(self.event(c, a, b, negated, &modality, s, evidence, &why));
                        }
                    }
                }
            }
            return;
        }
        let sources = if sources.is_empty() { vec![none.clone()] } else { sources };
        let targets = if targets.is_empty() { vec![none] } else { targets };
        for src in &sources {
            for tgt in &targets {
                if src.code.is_empty() {
                    continue;
                }
                if same_family(&src.code, &tgt.code) {
                    continue;
                }
                let evidence = cover(&[src.span, verb_span, tgt.span]);
                if let Some(a) = code.active {
                    out.extend(self.event(a, src, tgt, negated, &modality, s, evidence, &why));
                }
                // A meeting placed in one party's country (or a third one) has the host's
                // side too ("X met Y in Beijing": Y hosted X), coded by `event`.
                let passive = code.passive.or_else(|| {
                    code.active.filter(|a| a.as_str() == "040" && self.event_place(t).is_some())
                });
                if let Some(p) = passive {
                    if !tgt.code.is_empty() && self.reverse_applies(t, &consumed, tgt) {
                        out.extend(self.event(p, tgt, src, negated, &modality, s, evidence, &why));
                    }
                }
            }
        }
    }

    /// A pattern that names a party's preposition (`* WITH [190:190]`: "fought with X") states the
    /// reverse event of the party in that oblique, not of a target found elsewhere
    /// ("attacked X with drones" is no attack by X).
    fn reverse_applies(&self, t: usize, consumed: &HashSet<String>, tgt: &Arg) -> bool {
        let Some(prep) =
            ["with", "against"].into_iter().find(|p| consumed.contains(&p.to_uppercase()))
        else {
            return true;
        };
        let spans = &self.doc.tokens.spans;
        self.kids_with(t, &["obl", "obl:agent"])
            .filter(|&o| self.case_of(o).as_deref() == Some(prep))
            .any(|o| {
                let r = self.phrase(o);
                let (lo, hi) = (spans[r.start].start, spans[r.end - 1].end);
                // The oblique's own phrase or its coordinated parties.
                let end = self.kids_with(o, &["conj"]).map(|c| spans[c].end).max().unwrap_or(hi);
                lo <= tgt.span.start && tgt.span.end <= end.max(hi)
            })
    }

    /// Codes the event noun at token `t` of sentence `s` (see [`EVENT_NOUNS`]).
    fn code_noun(&self, s: usize, t: usize, out: &mut Vec<Event>) {
        let Some((code, preps, kind)) = self.noun_event(t) else { return };
        let lemma = self.lemma(t);
        // The verb the noun is an argument of: its own head, or through a quantity noun
        // ("a new round of talks", "a package of sanctions").
        let mut n = t;
        if self.rel(n) == "nmod" && self.case_of(n).as_deref() == Some("of") {
            if let Some(h) = self.head(n) {
                if self.doc.tokens.upos[h] == Upos::Noun {
                    n = h;
                }
            }
        }
        let gov = self.head(n).filter(|&h| self.doc.tokens.upos[h] == Upos::Verb);
        // A dictionary verb none of whose patterns matched is as light as "hold": "ordered
        // a global embargo on Iraq" is the embargo.
        let light = gov.filter(|&v| {
            matches!(self.rel(n), "obj")
                && (NOUN_LIGHT_VERBS.contains(&self.lemma(v).as_str())
                    || self
                        .entry(v)
                        .is_some_and(|e| self.choose_code(e, &self.deps(v, e)).1.is_none()))
        });
        // The object of another dictionary verb is that verb's business ("suspended talks",
        // "condemned the attack"); so is the subject of a passive.
        // A light verb whose own pattern names the noun ("held talks" 046, "staged an
        // attack") already codes the event.
        if let Some(v) = light {
            if self.entry(v).is_some_and(|e| self.choose_code(e, &self.deps(v, e)).1.is_some()) {
                return;
            }
        }
        // Unless the noun names its own source: "condemned Russia's attack on Ukraine" is
        // also Russia attacking Ukraine.
        let agent =
            self.kids_with(t, &["nmod"]).find(|&o| self.case_of(o).as_deref() == Some("by"));
        let owned = self.author_of(t).is_some();
        if light.is_none()
            && !owned
            && gov.is_some_and(|v| self.entry(v).is_some())
            && matches!(self.rel(n), "obj" | "nsubj:pass")
        {
            return;
        }
        // Hypothetical clauses make no event, as for verbs.
        if self.hypothetical(t) {
            return;
        }
        let why = Why {
            token: t,
            trigger: self.doc.tokens.spans[t],
            rule: format!("event noun \"{lemma}\" [{code}] (herald's noun table)"),
        };
        let prep_is =
            |o: usize, ps: &[&str]| self.case_of(o).is_some_and(|c| ps.contains(&c.as_str()));
        // The other party hangs off the noun, or off its light verb when the parser attached
        // the phrase there ("imposed sanctions | on Russia").
        let complements: Vec<usize> = self
            .kids_with(t, &["nmod"])
            .chain(self.kids_with(n, &["nmod"]).filter(|&o| o != t))
            .chain(light.into_iter().flat_map(|v| self.kids_with(v, &["obl"])))
            .filter(|&o| prep_is(o, preps))
            .collect();
        let mut targets: Vec<Arg> = complements
            .iter()
            .map(|&o| self.args_with_places(o))
            .find(|a| !a.is_empty())
            .unwrap_or_default();
        // "an embargo on trade with Iraq", "sanctions on exports to Iran": the party behind
        // what the measure targets; "an inquiry into abuses by security forces": the
        // author of what it is about.
        if targets.is_empty() && kind == NounKind::Act {
            targets = complements
                .iter()
                .flat_map(|&o| {
                    self.kids_with(o, &["nmod"])
                        .filter(|&x| prep_is(x, &["with", "to", "from"]))
                        .chain(self.author_of(o))
                        .collect::<Vec<_>>()
                })
                .map(|o| self.args(o))
                .find(|a| !a.is_empty())
                .unwrap_or_default();
        }
        // The source: the possessor ("Russia's attack") or the agent ("an attack by ...").
        let mut sources: Vec<Arg> = self
            .kids_with(t, &["nmod:poss"])
            .chain(agent)
            .map(|o| self.args(o))
            .find(|a| !a.is_empty())
            .unwrap_or_default();
        // "after Azerbaijan's offensive": an act its possessor or agent names happened, even
        // with no target in the sentence.
        let named_author = !sources.is_empty();
        let setting = kind != NounKind::Act && matches!(self.rel(n), "obl" | "obj");
        // "nurses went on strike": the subject of the verb the act is "on".
        let on_verb = gov.filter(|&v| {
            self.rel(n) == "obl"
                && self.case_of(n).as_deref() == Some("on")
                && ON_STRIKE_VERBS.contains(&self.lemma(v).as_str())
        });
        let performer = light.or(on_verb);
        let clause = performer.or(gov.filter(|_| setting));
        // A verb that performs its object ("carried out a test", "imposed a curfew",
        // "joined sanctions"), unlike any verb without a pattern ("would investigate the
        // genocide" is no genocide by the investigator): its subject is the act's source,
        // even with no target.
        let performing = performer.filter(|&p| {
            let lemma = self.lemma(p);
            NOUN_LIGHT_VERBS.contains(&lemma.as_str())
                || PERFORMING_VERBS.contains(&lemma.as_str())
                || ON_STRIKE_VERBS.contains(&lemma.as_str())
        });
        let mut done_by_subject = false;
        // A nominal predicate's subject: "X has been on hunger strike".
        if sources.is_empty() && kind == NounKind::Act {
            if let Some(x) = self.kids_with(t, &["nsubj"]).next() {
                sources = self.args(x);
                done_by_subject = !sources.is_empty();
            }
        }
        if sources.is_empty() && kind == NounKind::Act {
            if let Some(v) = performing {
                // What someone is asked or threatened to do is not done ("urged X to
                // impose sanctions"), as for verbs.
                let to_clause = self.rel(v) == "advcl" && self.has_kid_lemma(v, &["mark"], &["to"]);
                let asked = self
                    .governor(v)
                    .or_else(|| self.head(v).filter(|_| to_clause))
                    .is_some_and(|g| THREAT_GOVERNORS.contains(&self.lemma(g).as_str()));
                if asked {
                    return;
                }
                if self.kids_with(v, &["nsubj:pass"]).next().is_none() {
                    sources = self.subject(v).map(|x| self.args(x)).unwrap_or_default();
                    done_by_subject = !sources.is_empty();
                }
            }
        }
        // "the Russian military offensive": a nationality adjective names the source of an
        // act.
        if sources.is_empty() && kind == NounKind::Act {
            sources = self
                .kids_with(t, &["amod"])
                .filter(|&m| {
                    self.doc.tokens.upos[m] == Upos::Adj || self.doc.tokens.upos[m] == Upos::Propn
                })
                .map(|m| self.args(m))
                .find(|a| !a.is_empty())
                .unwrap_or_default();
        }
        if sources.is_empty() {
            if let Some(v) = clause {
                if self.kids_with(v, &["nsubj:pass"]).next().is_none() {
                    sources = self.subject(v).map(|x| self.args(x)).unwrap_or_default();
                    done_by_subject = !sources.is_empty() && performing.is_some();
                }
            }
        }
        // "talks between X and Y", "X and Y held talks": the parties act on each other.
        let mut parties: Vec<Arg> = Vec::new();
        if kind == NounKind::Mutual {
            if sources.is_empty() && targets.is_empty() {
                parties = self
                    .kids_with(t, &["nmod"])
                    .filter(|&o| prep_is(o, &["between", "among"]))
                    .map(|o| self.args(o))
                    .find(|a| a.len() > 1)
                    .unwrap_or_default();
            } else if targets.is_empty() && sources.len() > 1 {
                parties = std::mem::take(&mut sources);
            }
        }
        if !parties.is_empty() {
            let (negated, modality) = match clause {
                Some(v) => (self.negated(v, self.governor(v)), self.modality(v)),
                None => (false, None),
            };
            for a in &parties {
                for b in &parties {
                    if a.code != b.code && !same_family(&a.code, &b.code) {
                        let evidence = cover(&[a.span, self.doc.tokens.spans[t], b.span]);
                        out.extend(self.event(code, a, b, negated, &modality, s, evidence, &why));
                    }
                }
            }
            return;
        }
        // An event noun without both parties is too often someone else's event ("fled after
        // the offensive") to code; an act its light verb's subject performs is that
        // subject's even without a target ("X launched an offensive", "X carried out a
        // nuclear test"), and one whose author the noun names happened ("after Azerbaijan's
        // offensive").
        let one_party = (done_by_subject || named_author) && kind == NounKind::Act;
        if sources.is_empty() || (targets.is_empty() && !one_party) {
            return;
        }
        let (negated, modality) = match clause {
            Some(v) => (self.negated(v, self.governor(v)), self.modality(v)),
            None => (false, None),
        };
        let noun_span = self.doc.tokens.spans[t];
        let none =
            Arg { span: noun_span, code: String::new(), entity: None, context_country: false };
        let targets = if targets.is_empty() { vec![none] } else { targets };
        for src in &sources {
            for tgt in &targets {
                if same_family(&src.code, &tgt.code) {
                    continue;
                }
                let evidence = cover(&[src.span, noun_span, tgt.span]);
                out.extend(self.event(code, src, tgt, negated, &modality, s, evidence, &why));
                if tgt.code.is_empty() {
                    continue;
                }
                let back = match kind {
                    NounKind::Mutual => Some(code),
                    NounKind::Visit => EventCode::parse("043"),
                    NounKind::Act
                    | NounKind::Aerial
                    | NounKind::Military
                    | NounKind::Mass
                    | NounKind::Nuclear => None,
                };
                if let Some(b) = back {
                    out.extend(self.event(b, tgt, src, negated, &modality, s, evidence, &why));
                }
            }
        }
    }

    /// A reaction noun ("drawing an angry response from Israel", "sharp criticism from X
    /// of Y"): criticism (111) by the party it comes from, of the party it is "of" or
    /// "against", else of the subject of the verb that drew it. Not when that verb's own
    /// pattern codes the words ("voiced criticism", "faced criticism").
    fn code_reaction(&self, s: usize, t: usize, out: &mut Vec<Event>) {
        if self.doc.tokens.upos[t] != Upos::Noun || self.hypothetical(t) {
            return;
        }
        let lemma = self.lemma(t);
        let reaction = REACTION_NOUNS.contains(&lemma.as_str())
            || (matches!(lemma.as_str(), "response" | "reaction")
                && self.has_kid_lemma(t, &["amod"], REACTION_TONES));
        if !reaction {
            return;
        }
        let case_is =
            |o: usize, ps: &[&str]| self.case_of(o).is_some_and(|c| ps.contains(&c.as_str()));
        let sources: Vec<Arg> = self
            .kids_with(t, &["nmod"])
            .filter(|&o| case_is(o, &["from", "by"]))
            .chain(self.kids_with(t, &["nmod:poss"]))
            .map(|o| self.args(o))
            .find(|a| !a.is_empty())
            .unwrap_or_default();
        if sources.is_empty() {
            return;
        }
        let gov =
            self.head(t).filter(|&h| self.rel(t) == "obj" && self.doc.tokens.upos[h] == Upos::Verb);
        if let Some(v) = gov {
            if self.entry(v).is_some_and(|e| self.choose_code(e, &self.deps(v, e)).1.is_some()) {
                return;
            }
        }
        let mut targets: Vec<Arg> = self
            .kids_with(t, &["nmod"])
            .filter(|&o| case_is(o, &["of", "against", "over"]))
            .map(|o| self.args(o))
            .find(|a| !a.is_empty())
            .unwrap_or_default();
        if targets.is_empty() {
            targets = gov.and_then(|v| self.subject(v)).map(|x| self.args(x)).unwrap_or_default();
        }
        let Some(code) = EventCode::parse("111") else { return };
        let why = Why {
            token: t,
            trigger: self.doc.tokens.spans[t],
            rule: format!("reaction noun \"{lemma}\" [111] (herald's reaction rule)"),
        };
        let (negated, modality) = match gov {
            Some(v) => (self.negated(v, self.governor(v)), self.modality(v)),
            None => (false, None),
        };
        let noun_span = self.doc.tokens.spans[t];
        for src in &sources {
            for tgt in &targets {
                if same_family(&src.code, &tgt.code) {
                    continue;
                }
                let evidence = cover(&[src.span, noun_span, tgt.span]);
                out.extend(self.event(code, src, tgt, negated, &modality, s, evidence, &why));
            }
        }
    }

    /// The author an event noun names: its possessor ("Russia's attack"), its agent ("an
    /// attack by X") or, for an act, a nationality that codes ("the Russian missile strike").
    fn author_of(&self, noun: usize) -> Option<usize> {
        let possessor = self.kids_with(noun, &["nmod:poss"]).next();
        let agent =
            self.kids_with(noun, &["nmod"]).find(|&o| self.case_of(o).as_deref() == Some("by"));
        // "the sanctions Germany imposed": the subject of a relative clause the noun is the
        // object of.
        let relative_subject = || {
            self.kids_with(noun, &["acl:relcl", "acl"])
                .filter(|&v| self.doc.tokens.upos[v] == Upos::Verb)
                .filter(|&v| self.kids_with(v, &["obj", "nsubj:pass"]).next().is_none())
                .flat_map(|v| self.kids_with(v, &["nsubj"]).collect::<Vec<_>>())
                .find(|&x| !matches!(self.lemma(x).as_str(), "who" | "which" | "that"))
        };
        possessor.or(agent).or_else(relative_subject).or_else(|| {
            let act = self.noun_event(noun).is_some_and(|(_, _, kind)| kind == NounKind::Act);
            if !act {
                return None;
            }
            self.kids_with(noun, &["amod"])
                .filter(|&m| matches!(self.doc.tokens.upos[m], Upos::Adj | Upos::Propn))
                .find(|&m| !self.args(m).is_empty())
        })
    }

    /// The event noun at `t` ([`EVENT_NOUNS`]): its code, the prepositions of its other
    /// party, and its kind (`Aerial` and `Military` resolved to `Act` when their modifier
    /// is there; `None` when it is not).
    fn noun_event(&self, t: usize) -> Option<(EventCode, &'static [&'static str], NounKind)> {
        if self.doc.tokens.upos[t] != Upos::Noun {
            return None;
        }
        let lemma = self.lemma(t);
        let form = self.form(t).to_lowercase();
        let &(_, code, preps, kind) =
            EVENT_NOUNS.iter().find(|(n, ..)| *n == lemma || *n == form)?;
        // "an air strike", "a missile attack": aerial weapons (195).
        let aerial = self.has_kid_lemma(t, &["compound", "amod"], AERIAL);
        // By form too, and as a possessor: a tagger slip can give a modifier a stray lemma or
        // tag ("hunger" → "hung", or a possessive pronoun).
        let modified = |words: &[&str]| {
            self.kids_with(t, &["compound", "amod", "nmod:poss"]).any(|m| {
                words.contains(&self.lemma(m).as_str())
                    || words.contains(&self.form(m).to_lowercase().as_str())
            })
        };
        let (kind, code) = match kind {
            // "a hunger strike"; "went on strike", "a general strike": protest, not force.
            NounKind::Aerial if !aerial && modified(&["hunger"]) => (NounKind::Act, "142"),
            NounKind::Aerial if !aerial && self.labour_strike(t) => (NounKind::Act, "143"),
            NounKind::Aerial if !aerial => return None,
            NounKind::Military if !modified(MILITARY) => return None,
            NounKind::Mass if !modified(&["mass"]) => return None,
            NounKind::Nuclear if !modified(&["nuclear", "atomic"]) => return None,
            NounKind::Aerial | NounKind::Military | NounKind::Mass | NounKind::Nuclear => {
                (NounKind::Act, code)
            }
            NounKind::Act if aerial => (NounKind::Act, "195"),
            _ => (kind, code),
        };
        Some((EventCode::parse(code)?, preps, kind))
    }

    /// A strike by workers rather than from the air: "on strike" under go/be, or a
    /// general/national strike, with no party it falls "on".
    fn labour_strike(&self, t: usize) -> bool {
        let on_strike = self.case_of(t).as_deref() == Some("on")
            && (self.head(t).is_some_and(|h| ON_STRIKE_VERBS.contains(&self.lemma(h).as_str()))
                || self.kids_with(t, &["cop"]).next().is_some()
                || self.kids_with(t, &["nsubj"]).next().is_some());
        let general = self.has_kid_lemma(t, &["amod", "compound"], &["general", "national"]);
        let falls_on = self
            .kids_with(t, &["nmod"])
            .any(|o| matches!(self.case_of(o).as_deref(), Some("on" | "against")));
        (on_strike || general) && !falls_on
    }

    #[allow(clippy::too_many_arguments)] // the fields of one event
    fn event(
        &self,
        code: EventCode,
        src: &Arg,
        tgt: &Arg,
        negated: bool,
        modality: &Option<&'static str>,
        sentence: usize,
        evidence: Span,
        why: &Why,
    ) -> Option<Event> {
        let hypothetical = matches!(modality, Some("intent" | "conditional"));
        // "will not lift the sanctions", "refused to release the bodies": declining to act
        // is CAMEO's refusal (124x, 125–127), an act of its own, stated now. Only with
        // CAMEO codes: a user's dictionary means what it says.
        let cameo = self.nouns == EventNouns::Cameo;
        let refusal = (negated && hypothetical || self.refused(why.token))
            .then(|| refusal_code(code))
            .flatten()
            .filter(|_| cameo);
        let (code, negated, modality) = match refusal {
            Some(r) => (r, false, &None),
            // An intended act of cooperation is CAMEO's intent code (03x); an intended use
            // of force, coercion or reduced relations is a threat (13x).
            None if hypothetical => {
                let intended = intent_code(code);
                let threat = if negated || !cameo { intended } else { threat_code(intended) };
                // A threat is made now: no longer an intent (a condition stays).
                let modality = if threat != intended && *modality == Some("intent") {
                    &None
                } else {
                    modality
                };
                (threat, negated, modality)
            }
            None => (code, negated, modality),
        };
        // Sending or deploying forces to no one is force posture (154: "deployed army troops
        // in the capital"), not the military cooperation or aid CAMEO's SEND patterns code.
        let code = match code.as_str() {
            "062" | "072" if cameo && tgt.code.is_empty() => {
                EventCode::parse("154").unwrap_or(code)
            }
            _ => code,
        };
        // Where a meeting took place says who visited whom: in the target's country the
        // source visits (042), in the source's the source hosts (043), elsewhere it is a
        // meeting at a third location (044); as the annotation guidelines code meetings.
        let place = self.event_place(why.token);
        let code = match (code.as_str(), &place) {
            ("040", Some(id)) if cameo && !src.code.is_empty() && !tgt.code.is_empty() => {
                let here = self.place_id_country(id);
                let country = |c: &String| -> Option<String> {
                    c.get(..3).filter(|p| self.actors.country(p).is_some()).map(str::to_owned)
                };
                let (from, to) = (country(&src.code), country(&tgt.code));
                let (from, to) = (from.as_deref(), to.as_deref());
                let host = match here.as_deref() {
                    Some(h) if to == Some(h) && from != Some(h) => "042",
                    Some(h) if from == Some(h) && to != Some(h) => "043",
                    Some(_) if from.is_some() && to.is_some() => "044",
                    _ => "040",
                };
                EventCode::parse(host).unwrap_or(code)
            }
            _ => code,
        };
        // A code the CAMEO table lacks comes from a user's dictionary (PETRARCH users extend
        // CAMEO with their own codes): kept, with its root's quad class and no Goldstein
        // score (0) rather than dropped.
        let (root, quad, goldstein) = match self.table.get_nearest(code) {
            Some(entry) => (entry.root, entry.quad.number(), entry.goldstein),
            None => {
                let root = code.root();
                (root, crate::QuadClass::of_root(root).map_or(0, |q| q.number()), 0.0)
            }
        };
        // Cooperation is with someone: a consultation, diplomatic or material cooperation, aid
        // (CAMEO roots 04–07) with no counterpart is a misread ("supporters gathered", "the
        // government stopped providing"), not an event. An intent (03x) may name none ("will
        // halt the operation"). Only for CAMEO codes: a user's dictionary means what it says.
        // The bare intent to cooperate (030: "sought", "announced") says nothing without
        // the partner either; its sub-codes (intent to meet, to aid, to halt ...) do.
        let bare_cooperation = (4..=7).contains(&root) || code.as_str() == "030";
        if tgt.code.is_empty() && bare_cooperation && self.nouns == EventNouns::Cameo {
            return None;
        }
        Some(Event {
            code: code.as_str().to_owned(),
            root: format!("{root:02}"),
            quad_class: quad,
            goldstein,
            source: src.code.clone(),
            target: tgt.code.clone(),
            source_entity: src.entity.clone(),
            target_entity: tgt.entity.clone(),
            negated,
            modality: modality.map(str::to_owned),
            date: self.event_date(sentence, why.token).or_else(|| self.date.clone()),
            place,
            sentence: sentence as u32,
            evidence,
            trigger: why.trigger,
            rule: why.rule.clone(),
        })
    }

    /// The dictionary evidence for a verb's code, as `herald explain` shows it.
    fn verb_rule(&self, entry: &VerbEntry, pattern: Option<&Pattern>) -> String {
        let block = &self.verbs.blocks()[entry.block as usize];
        let source = self.verbs.block_source(entry.block);
        let verb = format!(
            "verb {} ({source} line {}, block {} [{}])",
            entry.lemma, entry.line, block.name, block.code
        );
        match pattern {
            Some(p) => format!("{verb}, pattern \"{p}\" [{}] at line {}", p.code, p.line),
            None => {
                format!("{verb}, no pattern matched: default [{}]", self.verbs.default_code(entry))
            }
        }
    }

    /// True when `t` lies inside an if/unless/until clause ("halt the operation if Kiev
    /// meets its demands, including never applying to join NATO": neither the meeting of
    /// demands nor the applying is an act). Climbs every head, a few levels up.
    fn hypothetical(&self, t: usize) -> bool {
        std::iter::successors(Some(t), |&v| self.head(v).filter(|&h| h != v)).take(8).any(|v| {
            (self.rel(v) == "advcl"
                && self.has_kid_lemma(v, &["mark"], &["if", "unless", "until"]))
                // "(demands,) including never applying to join NATO": an item of a list
                // of something else, not an act.
                || (self.doc.tokens.upos[v] == Upos::Verb
                    && self.has_kid_lemma(v, &["case", "mark"], &["include", "including"]))
        })
    }

    /// The date of an event triggered at token `t`: a calendar date (TIMEX3 `DATE` with a
    /// year: `2022-02-24`, `2022-02`, `2022`) of the sentence attached to the trigger, to
    /// its object or oblique nouns ("launched an operation *on February 24*"), or to the
    /// verbs above it ("made the plea at a meeting ... *on Tuesday*"). A date elsewhere in
    /// the sentence belongs to another clause: `None` then leaves the article's date.
    fn event_date(&self, sentence: usize, t: usize) -> Option<String> {
        let range = self.doc.sentences.get(sentence)?.span;
        let spans = &self.doc.tokens.spans;
        let dated = |v: &str| v.len() >= 4 && v.as_bytes()[..4].iter().all(u8::is_ascii_digit);
        let mut nodes = vec![t];
        nodes.extend(self.kids_with(t, &["obj", "obl", "nmod"]));
        nodes.extend(
            std::iter::successors(self.head(t), |&h| self.head(h).filter(|&x| x != h)).take(2),
        );
        self.doc
            .layers
            .times
            .iter()
            .filter(|x| x.kind == "DATE" && range.start <= x.span.start && x.span.end <= range.end)
            .filter(|x| dated(&x.value))
            .find(|x| {
                nodes.iter().any(|&n| {
                    self.kids(n).any(|c| {
                        self.rel(c) != "punct"
                            && x.span.start <= spans[c].start
                            && spans[c].end <= x.span.end
                    })
                })
            })
            .map(|x| x.value.clone())
    }

    /// The place of an event triggered at token `t`: a place (of `doc.layers.places`) named
    /// by the trigger's locative complement ("met *in Moscow*", "an offensive *in
    /// Ukraine*", "a visit *to Moscow*").
    fn event_place(&self, t: usize) -> Option<String> {
        let locative = |c: usize| {
            matches!(self.rel(c), "obl" | "nmod")
                && self.case_of(c).is_some_and(|p| {
                    matches!(
                        p.as_str(),
                        "in" | "at" | "near" | "inside" | "outside" | "to" | "into"
                    )
                })
        };
        // The trigger's own complements, then those of the noun it heads or governs.
        let mut heads = vec![t];
        heads.extend(self.kids_with(t, &["obj", "obl"]));
        heads
            .into_iter()
            .flat_map(|h| self.kids(h).collect::<Vec<_>>())
            .filter(|&c| locative(c))
            .find_map(|c| self.place_at(c))
            .map(|p| p.id.clone())
    }

    /// The verb governing `t` through `xcomp` or `conj`, if any.
    /// The predicate a naming verb gives its object ("called X *a liar*", "called the order
    /// *dangerous*", "in what X called ethnic *cleansing*"), if `t` is one.
    fn naming_predicate(&self, t: usize) -> Option<usize> {
        if !NAMING_VERBS.contains(&self.lemma(t).as_str()) {
            return None;
        }
        let nominal = |x: usize| matches!(self.doc.tokens.upos[x], Upos::Noun | Upos::Adj);
        if let Some(x) = self.kids_with(t, &["xcomp"]).find(|&x| nominal(x)) {
            return Some(x);
        }
        let objects: Vec<usize> = self.kids_with(t, &["obj"]).filter(|&o| o > t).collect();
        if let [_, pred, ..] = objects[..] {
            return nominal(pred).then_some(pred);
        }
        // "(in) what X called ethnic cleansing": the free relative's verb names its object.
        let free_relative = matches!(self.rel(t), "acl:relcl" | "acl")
            && self.head(t).is_some_and(|h| self.lemma(h) == "what");
        if free_relative {
            return objects.first().copied().filter(|&o| nominal(o));
        }
        None
    }

    /// The code of calling something by `pred`: praise (051) for a word of praise, an
    /// accusation (112) for a crime, else criticism (111).
    fn judgment_code(&self, pred: usize) -> EventCode {
        let words: Vec<String> = std::iter::once(pred)
            .chain(self.kids_with(pred, &["amod", "compound"]))
            .map(|w| self.lemma(w))
            .collect();
        let any = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
        let code = if any(PRAISE_WORDS) {
            "051"
        } else if any(CRIME_WORDS) {
            "112"
        } else {
            "111"
        };
        EventCode::parse(code).expect("a CAMEO code")
    }

    /// The document place one of whose mentions covers token `t`.
    fn place_at(&self, t: usize) -> Option<&'a herald_doc::Place> {
        let span = self.doc.tokens.spans[t];
        self.doc.layers.places.iter().find(|p| {
            p.mentions.iter().any(|m| m.span.start <= span.start && span.end <= m.span.end)
        })
    }

    /// The CAMEO country code of a gazetteer place (its ISO 3166 alpha-2 country).
    fn place_cameo_country(&self, place: &herald_doc::Place) -> Option<String> {
        let country = self.actors.countries().iter().find(|c| c.iso2 == place.country)?;
        Some(country.code.clone())
    }

    /// The CAMEO country code of the document place with this id.
    fn place_id_country(&self, id: &str) -> Option<String> {
        let place = self.doc.layers.places.iter().find(|p| p.id == id)?;
        self.place_cameo_country(place)
    }

    /// The CAMEO country code of the gazetteer place a phrase headed by `h` names ("Kyiv",
    /// "the city of Aleppo").
    fn place_country(&self, h: usize) -> Option<String> {
        let spans = &self.doc.tokens.spans;
        let place = self.place_at(h).or_else(|| {
            self.kids_with(h, &["nmod", "flat", "compound", "nmod:poss"])
                .filter(|&n| self.rel(n) != "nmod" || self.case_of(n).as_deref() == Some("of"))
                .find_map(|n| self.place_at(n))
        });
        if let Some(place) = place {
            return self.place_cameo_country(place);
        }
        // "Sudan's Darfur region", "the Ukrainian city": a country the phrase names.
        let r = self.phrase(h);
        let span = Span::new(spans[r.start].start, spans[r.end - 1].end);
        self.span_coder
            .code_place_as_actor(span)
            .map(|(c, _)| c)
            .filter(|c| c.len() == 3 && self.actors.country(c).is_some())
    }

    /// Role arguments whose country was only the article's take the country of the place
    /// the verb's oblique names ("evacuate people from Aleppo").
    fn relocate_by_verb(&self, t: usize, args: &mut [Arg]) {
        if !args.iter().any(|a| a.context_country) {
            return;
        }
        let located: Vec<usize> = self
            .kids_with(t, &["obl"])
            .filter(|&o| matches!(self.case_of(o).as_deref(), Some("in" | "from" | "inside")))
            .collect();
        match located.iter().find_map(|&o| self.place_country(o)) {
            Some(country) => {
                for a in args.iter_mut().filter(|a| a.context_country) {
                    a.relocate(&country);
                }
            }
            // "help civilians in the former Soviet country": somewhere the article's
            // country may not be, so the role alone.
            None if located.iter().any(|&o| PLACE_NOUNS.contains(&self.lemma(o).as_str())) => {
                for a in args.iter_mut().filter(|a| a.context_country) {
                    if let Some(role) = a.code.get(3..).filter(|r| !r.is_empty()) {
                        a.code = role.to_owned();
                        a.context_country = false;
                    }
                }
            }
            None => {}
        }
    }

    /// The author of what the relative clause `t` is about: the antecedent noun (through
    /// participle clauses: "a policy of turning away boats, which ...") is the object of a
    /// verb whose subject made it ("Malaysia maintained a policy").
    fn relative_author(&self, t: usize) -> Option<usize> {
        if self.rel(t) != "acl:relcl" {
            return None;
        }
        let mut h = self.head(t)?;
        for _ in 0..4 {
            match self.doc.tokens.upos[h] {
                Upos::Verb if self.rel(h) == "acl" => h = self.head(h)?,
                Upos::Noun if self.rel(h) == "nmod" => h = self.head(h)?,
                Upos::Noun | Upos::Propn if self.rel(h) == "obj" => {
                    let v = self.head(h)?;
                    return self.subject(v);
                }
                _ => return None,
            }
        }
        None
    }

    /// True when two subjects are one phrase the parser split: a name right before a role
    /// noun ("Moscow police", "Kenya police"), not a list ("Old foes Gondor and ...").
    fn split_name(&self, subjects: &[usize]) -> bool {
        let upos = &self.doc.tokens.upos;
        matches!(subjects, [a, b] if *b == a + 1 && upos[*a] == Upos::Propn && upos[*b] == Upos::Noun)
    }

    /// The root of the sentence token `t` is in.
    fn sentence_root(&self, t: usize) -> Option<usize> {
        let mut v = t;
        for _ in 0..64 {
            match self.head(v) {
                Some(h) if h != v => v = h,
                _ => return (v != t).then_some(v),
            }
        }
        None
    }

    fn governor(&self, t: usize) -> Option<usize> {
        matches!(self.rel(t), "xcomp" | "conj").then(|| self.head(t)).flatten()
    }

    /// The target of an active verb: the first candidate that names a coded actor, in the
    /// order obj, iobj, the object of a later coordinated verb ("arrested and questioned
    /// the student"), an `obl` with the pattern's preposition, an `obl` with
    /// on/with/against/to; else, for a verb whose complement carries the target ("threatened
    /// to suspend trade preferences for Cambodia", "warned that it would retaliate against
    /// Israel"), the same search one level down in its `xcomp`/`ccomp`.
    fn target(&self, t: usize, want: &TargetSearch) -> Vec<Arg> {
        let direct = self.target_in(t, want);
        if !direct.is_empty() {
            return direct;
        }
        self.kids_with(t, &["xcomp", "ccomp"])
            .map(|c| self.target_in(c, &TargetSearch { named_prep: None, ..*want }))
            .find(|a| !a.is_empty())
            // "demanded that the Houthis release ...": the subject of the content clause.
            .or_else(|| {
                self.kids_with(t, &["ccomp"])
                    .flat_map(|c| self.kids_with(c, &["nsubj", "nsubj:pass"]).collect::<Vec<_>>())
                    .map(|x| {
                        let mut args = self.args(x);
                        // "denied that its forces had fired": its own forces are no target.
                        args.retain(|a| !want.avoid.iter().any(|s| same_family(s, &a.code)));
                        args
                    })
                    .find(|a| !a.is_empty())
            })
            .unwrap_or_default()
    }

    fn target_in(&self, t: usize, want: &TargetSearch) -> Vec<Arg> {
        let (named_prep, consumed) = (want.named_prep, want.consumed);
        let prep_is =
            |o: usize, preps: &[&str]| self.case_of(o).is_some_and(|c| preps.contains(&c.as_str()));
        let named: Vec<&str> = named_prep.into_iter().collect();
        // An object before its verb is a misparse in English news ("UN Secretary-General X
        // has called": "UN" is no object) unless it is a relative or question pronoun.
        let objects = || {
            self.kids_with(t, &["obj", "iobj"])
                .filter(move |&o| o > t || self.doc.tokens.upos[o] == Upos::Pron)
        };
        // An object the pattern names is what is done rather than whom to ("sent *troops*
        // to Riyadh"): tried after the obliques ("vetoed a UN *resolution*" keeps the UN).
        let named_object = |o: usize| {
            consumed.contains(&self.lemma(o).to_uppercase())
                || consumed.contains(&self.form(o).to_uppercase())
        };
        // "condemned an attack by X", "condemned X's attack on Y": an event the act judges
        // points at its author.
        let authors =
            objects().filter(|&o| self.noun_event(o).is_some()).filter_map(|o| self.author_of(o));
        // An object that is a topic rather than a party ("discussed the Iraq crisis with
        // X"): a common noun that names no actor, coded only through a modifier. Its
        // modifier's actor is tried after the obliques that name a party.
        let topic = |o: usize| {
            self.doc.tokens.upos[o] == Upos::Noun
                && self.noun_event(o).is_none()
                && self.entity_at(self.doc.tokens.spans[o]).is_none()
                && self.code_span(self.doc.tokens.spans[o]).is_none()
        };
        let candidates = objects()
            .filter(|&o| !named_object(o) && !topic(o))
            .chain(authors)
            // A nominal after the verb with no preposition is an object the parser labelled
            // oblique ("meet Russian President X": "X" obl of a stray "Russian").
            .chain(
                self.kids_with(t, &["obl", "obl:unmarked"])
                    .filter(|&o| o > t && self.case_of(o).is_none()),
            )
            .chain(
                self.kids_with(t, &["conj"])
                    .filter(|&c| c > t)
                    .flat_map(|c| self.kids_with(c, &["obj"]).collect::<Vec<_>>()),
            )
            .chain(self.kids_with(t, &["obl"]).filter(|&o| prep_is(o, &named)))
            .chain(self.kids_with(t, &["obl"]).filter(|&o| prep_is(o, TARGET_PREPS)))
            .chain(objects().filter(|&o| !named_object(o) && topic(o)))
            .chain(objects().filter(|&o| named_object(o)))
            // "imposed (a long list of) sanctions on Moscow": the target attached to the
            // object noun rather than to the verb.
            .chain(self.kids_with(t, &["obj"]).flat_map(|o| {
                let mut inner = vec![o];
                inner.extend(self.kids_with(o, &["nmod"]).filter(|&n| prep_is(n, &["of"])));
                // "welcomed a resumption of ties between X and Y": the parties of the
                // relation the object is about.
                inner
                    .into_iter()
                    .flat_map(|x| self.kids_with(x, &["nmod"]).collect::<Vec<_>>())
                    .filter(|&n| {
                        prep_is(n, &named) || prep_is(n, TARGET_PREPS) || prep_is(n, &["between"])
                    })
                    .collect::<Vec<_>>()
            }))
            // "acted on a resolution against Libya": a party inside an oblique.
            .chain(self.kids_with(t, &["obl"]).flat_map(|o| {
                self.kids_with(o, &["nmod"])
                    .filter(|&n| prep_is(n, &named) || prep_is(n, TARGET_PREPS))
                    .collect::<Vec<_>>()
            }))
            // Last resorts, when nothing above names an actor: the object's possessor or
            // other complements ("denounced Saddam's policies", "preferences for Cambodia"),
            // and obliques with from/for/over/into ("withdraw from Lebanon").
            .chain(self.kids_with(t, &["obj"]).flat_map(|o| {
                self.kids_with(o, &["nmod:poss", "nmod"])
                    .filter(|&n| self.rel(n) == "nmod:poss" || prep_is(n, LAST_RESORT_PREPS))
                    .collect::<Vec<_>>()
            }))
            // "welcomed memos sent by X", "closed the roads leading into X", "boycotted the
            // parade supporting X": a party in the object's participle clause.
            .chain(self.kids_with(t, &["obj", "obl"]).flat_map(|o| {
                self.kids_with(o, &["acl"])
                    .flat_map(|a| {
                        self.kids_with(a, &["obl", "obl:agent", "obj"]).collect::<Vec<_>>()
                    })
                    .filter(|&n| self.rel(n) == "obj" || prep_is(n, &["by", "from", "into", "to"]))
                    .collect::<Vec<_>>()
            }))
            .chain(self.kids_with(t, &["obl"]).filter(|&o| prep_is(o, LAST_RESORT_PREPS)));
        // An argument of the source's own family is a misreading ("Russia launched a
        // military operation": the operation is Russia's, not its target).
        let keep = |mut args: Vec<Arg>| -> Vec<Arg> {
            self.relocate_by_verb(t, &mut args);
            args.into_iter()
                .filter(|a| !want.avoid.iter().any(|s| same_family(s, &a.code)))
                .collect()
        };
        for c in candidates {
            let mut args = keep(self.args(c));
            // An object the pattern names is what is done ("sent *troops*"): the source's
            // own country's forces are no target ("Moscow had sent troops"); its own
            // protesters or officials may be ("police detained protesters").
            if objects().any(|o| o == c) && named_object(c) {
                let country = |code: &str| code.get(..3).map(str::to_owned);
                args.retain(|a| {
                    !(a.code.get(3..).is_some_and(|role| role.starts_with("MIL"))
                        && want.avoid.iter().any(|s| country(s) == country(&a.code)))
                });
            }
            if !args.is_empty() {
                return args;
            }
        }
        if !want.place_preps.is_empty() {
            let places = self
                .kids_with(t, &["obl"])
                .chain(objects().flat_map(|o| self.kids_with(o, &["nmod"]).collect::<Vec<_>>()))
                .filter(|&o| prep_is(o, want.place_preps));
            for c in places {
                let args = keep(self.args_with_places(c));
                if !args.is_empty() {
                    return args;
                }
            }
        }
        Vec::new()
    }

    /// The dictionary entry for the verb at `t`: a multi-word entry whose extra words are
    /// the verb's particles or obl prepositions, else a plain one. Where several entries
    /// share the verb (herald's additions merged over CAMEO's, or a verb listed in two
    /// blocks), the one with a matching pattern of the most word constraints wins; with no
    /// pattern matching, the first in lookup order.
    fn entry(&self, t: usize) -> Option<&'a VerbEntry> {
        if self.doc.tokens.upos[t] != Upos::Verb {
            return None;
        }
        let lemma = self.lemma(t).to_uppercase();
        let mut extras: Vec<String> =
            self.kids_with(t, &["compound:prt"]).map(|c| self.lemma(c).to_uppercase()).collect();
        for o in self.kids_with(t, &["obl", "obj"]) {
            if let Some(c) = self.case_of(o) {
                extras.push(c.to_uppercase());
            }
        }
        let verbs: &'a VerbDict = self.verbs;
        // The lemma, else the form itself (a dictionary may list an inflected form as its own
        // verb: "CALLED [010]"), else the form's regular stems, which survive a lemmatizer
        // slip ("boycotted" lemmatized "boycot"). Not "said": reported speech codes what was
        // said (the content clause), not the saying.
        let form = self.form(t).to_uppercase();
        let key = if verbs.by_lemma(&lemma).next().is_some() || lemma == "SAY" {
            lemma
        } else {
            std::iter::once(form.clone())
                .chain(regular_stems(&form))
                .find(|k| verbs.by_lemma(k).next().is_some())
                .unwrap_or(form)
        };
        let (mut multi, mut plain): (Vec<&'a VerbEntry>, Vec<&'a VerbEntry>) = verbs
            .by_lemma(&key)
            .filter(|e| e.before.is_empty())
            .filter(|e| e.after.iter().all(|w| extras.contains(w)))
            .partition(|e| !e.after.is_empty());
        let candidates = if multi.is_empty() { &mut plain } else { &mut multi };
        if candidates.len() <= 1 {
            return candidates.first().copied();
        }
        let best = candidates
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let deps = self.deps(t, e);
                let score =
                    verbs.patterns(e).iter().filter_map(|p| self.pattern_score(p, &deps)).max()?;
                Some((score, std::cmp::Reverse(i), *e))
            })
            .max_by_key(|(score, i, _)| (*score, *i))
            .map(|(_, _, e)| e);
        best.or_else(|| candidates.first().copied())
    }

    /// The words the verb's patterns are matched against.
    fn deps(&self, t: usize, entry: &VerbEntry) -> Deps {
        let mut d = Deps::default();
        let add_head = |d: &mut Deps, h: usize| {
            d.heads.insert(self.lemma(h).to_uppercase());
            d.heads.insert(self.form(h).to_uppercase());
            for m in self.kids_with(h, &["compound", "amod", "nmod:poss", "flat"]) {
                d.mods.insert(self.lemma(m).to_uppercase());
                d.mods.insert(self.form(m).to_uppercase());
            }
        };
        for c in self.kids(t) {
            match self.rel(c) {
                "obj" | "iobj" | "compound:prt" | "nsubj:pass" => {
                    add_head(&mut d, c);
                    if self.rel(c) == "compound:prt" {
                        d.particles.insert(self.form(c).to_uppercase());
                    }
                    // "imposed a long list of sanctions": the "of" complement of the object
                    // is matched too.
                    for n in self.kids_with(c, &["nmod"]) {
                        match self.case_of(n) {
                            Some(p) if p == "of" => add_head(&mut d, n),
                            // "warned their populations *about* X": the object's complements
                            // for bare prepositions in patterns.
                            Some(p) => {
                                d.object_preps.push((
                                    p.to_uppercase(),
                                    n as u32,
                                    self.noun_words(n),
                                ));
                            }
                            None => {}
                        }
                    }
                }
                // The object of an infinitive complement counts ("threatened to impose
                // sanctions"); a finite `ccomp` is reported content, not the verb's own words.
                "xcomp" => {
                    add_head(&mut d, c);
                    for o in self.kids_with(c, &["obj", "obl"]) {
                        add_head(&mut d, o);
                    }
                }
                "obl" | "obl:agent" => {
                    // An oblique's noun stands for an object only when its preposition is
                    // part of the verb ("called *for* a ceasefire"); "made a remark *in* his
                    // visit" is no "* VISIT". Prepositional patterns see every oblique.
                    let case = self.case_of(c);
                    if case.as_ref().is_none_or(|p| entry.after.contains(&p.to_uppercase())) {
                        add_head(&mut d, c);
                    }
                    if let Some(p) = case {
                        d.preps.push((p.to_uppercase(), c as u32, self.noun_words(c)));
                    }
                }
                "aux" | "advmod" | "nsubj" | "aux:pass" | "mark" => {
                    d.before.insert(self.lemma(c).to_uppercase());
                    d.before.insert(self.form(c).to_uppercase());
                    // "NEITHER *": "neither X nor Y did".
                    for p in self.kids_with(c, &["cc:preconj"]) {
                        d.before.insert(self.form(p).to_uppercase());
                    }
                    // "* NOW": an adverb after the verb is on the pattern's right side.
                    if self.rel(c) == "advmod" && c > t {
                        d.heads.insert(self.lemma(c).to_uppercase());
                        d.heads.insert(self.form(c).to_uppercase());
                    }
                }
                _ => {}
            }
        }
        // "the embargo (that) the UN imposed on Iraq": a relative clause with a subject of its
        // own and no object has the noun it modifies for object.
        if matches!(self.rel(t), "acl:relcl" | "acl")
            && self.kids_with(t, &["obj", "nsubj:pass", "ccomp", "xcomp"]).next().is_none()
        {
            let own_subject = self
                .kids_with(t, &["nsubj"])
                .any(|x| !matches!(self.lemma(x).as_str(), "who" | "which" | "that" | "whom"));
            if let Some(h) = self.head(t).filter(|_| own_subject) {
                add_head(&mut d, h);
            }
        }
        // "INDICATED WOULD * NOW": the verb whose complement this verb is stands before it.
        if matches!(self.rel(t), "ccomp" | "xcomp") {
            if let Some(g) = self.head(t).filter(|&g| g < t) {
                d.before.insert(self.lemma(g).to_uppercase());
                d.before.insert(self.form(g).to_uppercase());
            }
        }
        d
    }

    /// A prepositional complement's words for pattern matching, upper case: the noun's
    /// lemma and form and its modifiers' lemmas.
    fn noun_words(&self, n: usize) -> HashSet<String> {
        let mut words = HashSet::new();
        words.insert(self.lemma(n).to_uppercase());
        words.insert(self.form(n).to_uppercase());
        for m in self.kids_with(n, &["compound", "amod", "flat"]) {
            words.insert(self.lemma(m).to_uppercase());
        }
        words
    }

    /// The code of the best matching pattern, else the verb's default code.
    fn choose_code(
        &self,
        entry: &'a VerbEntry,
        deps: &Deps,
    ) -> (crate::CodePair, Option<&'a Pattern>) {
        let verbs: &'a VerbDict = self.verbs;
        // Ties go to a pattern that names more than the verb's particle: "broke off
        // relations" is "* RELATIONS" (161), not "* OFF" (130).
        let particle_only = |p: &Pattern| match p.after.as_slice() {
            [Element::Item(Item { term: Term::Word(w), .. })] => deps.particles.contains(w),
            _ => false,
        };
        let mut best: Option<((usize, bool), &'a Pattern)> = None;
        for p in verbs.patterns(entry) {
            if let Some(n) = self.pattern_score(p, deps) {
                let key = (n, !particle_only(p));
                if best.is_none_or(|(m, _)| key > m) {
                    best = Some((key, p));
                }
            }
        }
        match best {
            Some((_, p)) => (p.code, Some(p)),
            None => (verbs.default_code(entry), None),
        }
    }

    /// `Some(number of word constraints)` when every word of the pattern is found.
    fn pattern_score(&self, p: &Pattern, deps: &Deps) -> Option<usize> {
        let mut n = 0;
        for e in &p.before {
            n += self.element_score(e, &deps.before, &deps.before, deps)?;
        }
        let mut i = 0;
        while i < p.after.len() {
            // "* ON RESOLUTION", "* &PREPOSIT1 PROGRAMS": a preposition written without
            // PETRARCH's parentheses, followed by its object.
            if let (Element::Item(prep), Some(Element::Item(object))) =
                (&p.after[i], p.after.get(i + 1))
            {
                let slot = !matches!(object.term, Term::Word(_) | Term::Synset(_));
                let governs = deps.preps.iter().chain(&deps.object_preps).any(|(w, _, words)| {
                    self.item_in(prep, &HashSet::from([w.clone()]), &HashSet::new()) == Some(1)
                        && (slot || self.item_in(object, words, words) == Some(1))
                });
                if governs {
                    n += 2;
                    i += 2;
                    continue;
                }
            }
            // "* FOR [096]": a bare preposition closing the pattern matches an oblique it
            // introduces.
            if let (Element::Item(prep @ Item { term: Term::Word(_), .. }), None) =
                (&p.after[i], p.after.get(i + 1))
            {
                let introduces = deps.preps.iter().any(|(w, _, _)| {
                    self.item_in(prep, &HashSet::from([w.clone()]), &HashSet::new()) == Some(1)
                });
                if introduces && self.item_in(prep, &deps.heads, &deps.mods).is_none() {
                    n += 1;
                    i += 1;
                    continue;
                }
            }
            n += self.element_score(&p.after[i], &deps.heads, &deps.mods, deps)?;
            i += 1;
        }
        Some(n)
    }

    fn element_score(
        &self,
        e: &Element,
        heads: &HashSet<String>,
        mods: &HashSet<String>,
        deps: &Deps,
    ) -> Option<usize> {
        match e {
            // PETRARCH matches a pattern's words anywhere in the verb phrase, so a word may be
            // a modifier of the object ("fired two *artillery* shells" is "* ARTILLERY").
            Element::Item(i) => {
                self.item_in(i, heads, mods).or_else(|| self.item_in(i, mods, mods))
            }
            Element::Phrase(items) => {
                let (head, rest) = items.split_last()?;
                let mut n = self.item_in(head, heads, mods)?;
                for i in rest {
                    n += self.item_in(i, mods, mods)?;
                }
                Some(n)
            }
            Element::Prep { prep, objects } => {
                let Term::Word(w) = &prep.term else { return Some(0) };
                deps.preps
                    .iter()
                    .filter(|(p, _, _)| p == w)
                    .filter_map(|(_, _, words)| {
                        let mut n = 1;
                        for o in objects {
                            n += self.element_score(o, words, words, deps)?;
                        }
                        Some(n)
                    })
                    .max()
            }
        }
    }

    /// The words a pattern names after its verb (single words, synonym set heads, phrase
    /// heads), upper case: the dependents it consumes.
    fn pattern_words(&self, p: &Pattern) -> HashSet<String> {
        let mut out = HashSet::new();
        let mut add = |i: &Item| match &i.term {
            Term::Word(w) => {
                out.insert(w.clone());
            }
            Term::Synset(name) => {
                if let Some(set) = self.verbs.synset_heads(name) {
                    out.extend(set.iter().cloned());
                }
            }
            _ => {}
        };
        for e in &p.after {
            match e {
                Element::Item(i) => add(i),
                Element::Phrase(items) => {
                    if let Some(h) = items.last() {
                        add(h);
                    }
                }
                Element::Prep { .. } => {}
            }
        }
        out
    }

    /// `Some(1)` when a word or set item is among `words`, `Some(0)` for a slot. A set's
    /// phrase needs its words before the head among `mods` or `words` too ("TOTAL BOYCOTT"
    /// is not any boycott).
    fn item_in(
        &self,
        item: &Item,
        words: &HashSet<String>,
        mods: &HashSet<String>,
    ) -> Option<usize> {
        match &item.term {
            Term::Word(w) => words.contains(w).then_some(1),
            Term::Synset(name) => {
                let set = self.verbs.synset_heads(name)?;
                let present = |w: &String| mods.contains(w) || words.contains(w);
                set.iter()
                    .filter(|w| words.contains(*w))
                    .any(|w| {
                        self.verbs
                            .synset_modifiers(name, w)
                            .is_none_or(|lists| lists.iter().any(|l| l.iter().all(present)))
                    })
                    .then_some(1)
            }
            _ => Some(0),
        }
    }

    /// The subject of `t`: its own, else its governor's through xcomp/conj (two levels);
    /// a relative pronoun stands for the noun its clause modifies.
    fn subject(&self, t: usize) -> Option<usize> {
        let mut v = t;
        for _ in 0..3 {
            // Of two adjacent subjects (a name the parser split: "Moscow police"), the
            // second is the head.
            let subjects: Vec<usize> = self.kids_with(v, &["nsubj"]).collect();
            let split = self.split_name(&subjects);
            let first = if split { subjects.last() } else { subjects.first() };
            if let Some(&s) = first {
                let relative = matches!(self.lemma(s).as_str(), "who" | "which" | "that");
                if relative && self.rel(v) == "acl:relcl" {
                    return self.head(v);
                }
                return Some(s);
            }
            if self.rel(v) == "acl:relcl" {
                return self.head(v);
            }
            // A non-finite adverbial clause ("by promising to withdraw") shares the main
            // verb's subject, except that a reason given for judging someone ("assailed
            // Ukraine for holding exercises", "thanked X for sending aid") is that object's.
            let nonfinite = matches!(self.doc.tokens.xpos[v], "VBG" | "VBN" | "VB");
            if self.rel(v) == "advcl" && nonfinite && self.has_kid_lemma(v, &["mark"], &["for"]) {
                if let Some(o) = self.head(v).and_then(|h| self.kids_with(h, &["obj"]).next()) {
                    return Some(o);
                }
            }
            // Object control: "asked the U.S. to enforce the embargo" — the U.S. enforces.
            let to_clause = self.rel(v) == "advcl" && self.has_kid_lemma(v, &["mark"], &["to"]);
            if self.rel(v) == "xcomp" || to_clause {
                if let Some(h) = self.head(v) {
                    if OBJECT_CONTROL.contains(&self.lemma(h).as_str()) {
                        if let Some(o) = self.kids_with(h, &["obj", "iobj"]).next() {
                            return Some(o);
                        }
                    }
                }
            }
            v = match self.governor(v) {
                // A predicate coordinated with a noun is a misattachment of a coordinated
                // verb phrase ("X made the remark since Russia launched an operation, and
                // was due to meet ...": "due" hung on "operation"): the coordination is with
                // the main clause.
                Some(g)
                    if self.rel(v) == "conj"
                        && matches!(self.doc.tokens.upos[g], Upos::Noun | Upos::Propn)
                        && self.kids_with(v, &["cop", "aux", "aux:pass"]).next().is_some() =>
                {
                    self.sentence_root(v)?
                }
                Some(g) => g,
                None if self.rel(v) == "advcl" && nonfinite => self.head(v)?,
                None => return None,
            };
        }
        None
    }

    /// For a verb the parse gave no subject (a misparse: "officials are about to restore
    /// ...", "UN Secretary-General X has called ..."): the nearest coded actor mention
    /// before the verb in its sentence that is not the object of a preposition, as a
    /// surface-order reading would take it. Only for a verb of the main clause.
    fn left_actor(&self, s: usize, t: usize) -> Vec<Arg> {
        // Up to the root without entering another clause (a misparse may hang the verb
        // off a preposition: "are about(obl) to restore").
        let clausal = |v: usize| matches!(self.rel(v), "xcomp" | "conj" | "obl" | "advmod");
        let main = std::iter::successors(Some(t), |&v| clausal(v).then(|| self.head(v)).flatten())
            .take(4)
            .any(|v| self.rel(v) == "root");
        if !main {
            return Vec::new();
        }
        let tokens = &self.doc.tokens;
        let first = self.doc.sentences[s].tokens.start as usize;
        let verb_start = tokens.spans[t].start;
        let mut best: Option<(u32, usize)> = None;
        for e in &self.doc.layers.entities {
            if e.actor.is_none() {
                continue;
            }
            for m in &e.mentions {
                if m.span.end > verb_start || m.span.start < tokens.spans[first].start {
                    continue;
                }
                // The mention's last token, and the token before it (a preposition there
                // makes it an oblique, not a subject).
                let Some(last) = (first..t).rev().find(|&x| tokens.spans[x].end <= m.span.end)
                else {
                    continue;
                };
                let start = (first..=last).find(|&x| tokens.spans[x].start >= m.span.start);
                let after_prep = start
                    .and_then(|x| x.checked_sub(1))
                    .is_some_and(|p| p >= first && tokens.upos[p] == Upos::Adp);
                if !after_prep && best.is_none_or(|(end, _)| m.span.end > end) {
                    best = Some((m.span.end, last));
                }
            }
        }
        best.map(|(_, h)| self.args(h)).unwrap_or_default()
    }

    /// The actors an argument names: its head and the nouns coordinated with it, and the
    /// parties coordinated inside its "of"/"from" complement (see [`Coder::nmod_conjuncts`]).
    fn args(&self, h: usize) -> Vec<Arg> {
        // Conjuncts hang off the first one, or off each other in a misparsed list ("Mordor,
        // Rohan, Fornost and Bree"): all of them, a few levels deep.
        let mut heads = vec![h];
        let mut i = 0;
        while i < heads.len() && heads.len() < 12 {
            let x = heads[i];
            for c in self.kids_with(x, &["conj", "appos"]) {
                let nominal =
                    matches!(self.doc.tokens.upos[c], Upos::Noun | Upos::Propn | Upos::Pron);
                // An apposition renames its head ("Arnor, the state's foe"); only a named
                // one in a list adds a party.
                let listed = self.rel(c) == "conj" || self.doc.tokens.upos[c] == Upos::Propn;
                if nominal && listed && !heads.contains(&c) {
                    heads.push(c);
                }
            }
            i += 1;
        }
        let mut out = Vec::new();
        for x in heads {
            if let Some(a) = self.arg(x) {
                let more = self.nmod_conjuncts(x, &a);
                out.push(a);
                out.extend(more);
            }
        }
        out
    }

    /// "troops from Poland and Lithuania", "the leaders of Serbia and Kosovo": the head
    /// noun coded with its first complement (`POLMIL`) gives the role that complement's own
    /// code (`POL`) lacks; each coordinated complement takes its own code with that role
    /// (`LTU` → `LTUMIL`). Nothing when the head's code does not extend the complement's.
    fn nmod_conjuncts(&self, h: usize, head: &Arg) -> Vec<Arg> {
        if self.doc.tokens.upos[h] != Upos::Noun {
            return Vec::new();
        }
        // "the leaders of Serbia and Kosovo", or before the noun: "Russian and Chinese
        // diplomats", "Serbian and Kosovo leaders".
        let Some(n) = self
            .kids_with(h, &["nmod"])
            .filter(|&n| matches!(self.case_of(n).as_deref(), Some("of" | "from" | "in")))
            .chain(self.kids_with(h, &["compound", "amod"]).filter(|&m| m < h))
            .find(|&n| self.kids_with(n, &["conj"]).next().is_some())
        else {
            return Vec::new();
        };
        let conjs: Vec<usize> = self
            .kids_with(n, &["conj"])
            .filter(|&c| matches!(self.doc.tokens.upos[c], Upos::Propn | Upos::Noun | Upos::Adj))
            .collect();
        if conjs.is_empty() {
            return Vec::new();
        }
        // "lawmakers in X and Y": places stand for their countries here.
        let places = self.case_of(n).as_deref() == Some("in");
        let Some(first) = self.arg_in(n, places) else { return Vec::new() };
        let Some(role) = head.code.strip_prefix(first.code.as_str()) else {
            return Vec::new();
        };
        conjs
            .into_iter()
            .filter_map(|c| self.arg_in(c, places))
            .filter_map(|mut a| {
                // The conjunct's own mention may already carry the role ("Chinese
                // diplomats" CHNGOV).
                let base_len = first.code.len();
                if a.code.len() == base_len + role.len() && a.code.ends_with(role) {
                    a.code.truncate(base_len);
                }
                if a.code.len() != base_len || a.code == first.code {
                    return None;
                }
                a.code.push_str(role);
                Some(a)
            })
            .collect()
    }

    /// Like [`Coder::args`], but a place is a party too ("a visit to Kyiv", "an offensive
    /// in Gaza"): the place stands for its country.
    fn args_with_places(&self, h: usize) -> Vec<Arg> {
        let mut heads = vec![h];
        for c in self.kids_with(h, &["conj"]) {
            if matches!(self.doc.tokens.upos[c], Upos::Noun | Upos::Propn | Upos::Pron) {
                heads.push(c);
            }
        }
        heads.into_iter().filter_map(|x| self.arg_in(x, true)).collect()
    }

    /// Codes one argument head.
    fn arg(&self, h: usize) -> Option<Arg> {
        self.arg_in(h, false)
    }

    /// Codes one argument head; a place mention counts only when `places`.
    fn arg_in(&self, h: usize, places: bool) -> Option<Arg> {
        let tokens = self.phrase(h);
        let spans = &self.doc.tokens.spans;
        let span = Span::new(spans[tokens.start].start, spans[tokens.end - 1].end);
        let found = self.entity_at(spans[h]);
        // A mention the actor coder judged a location ("travel from Moscow", "talks in
        // Kyiv") is not a participant.
        if !places && found.is_some_and(|(_, m)| m.role == herald_doc::MentionRole::Place) {
            return None;
        }
        let pronoun = self.doc.tokens.upos[h] == Upos::Pron;
        // "we"/"I" inside a direct quote is its speaker ("'we are ready to cooperate,'
        // Petrov added"): reported speech codes the speaker's acts.
        let entity = found.map(|(e, _)| e).or_else(|| {
            if !pronoun || !FIRST_PERSON.contains(&self.lemma(h).as_str()) {
                return None;
            }
            self.quote_speaker(spans[h])
        });
        // A proper name inside a coded entity's mention takes the entity's code without
        // asking the actor coder again.
        let named =
            self.doc.tokens.upos[h] == Upos::Propn && entity.is_some_and(|e| e.actor.is_some());
        // "the former Soviet republic" is a country that *was* part of another: the
        // demonym names the wrong actor.
        let lemmas: Vec<String> = tokens.clone().map(|x| self.lemma(x)).collect();
        let former = lemmas.iter().any(|l| l == "former" || l == "ex")
            && lemmas.iter().any(|l| {
                matches!(
                    l.as_str(),
                    "republic" | "state" | "country" | "nation" | "colony" | "territory"
                )
            });
        if former && entity.is_none() {
            return None;
        }
        let (coded, context_country) = match (pronoun || named, places) {
            (true, _) => (None, false),
            (false, false) => match self.code_span_why(span) {
                Some((c, context)) => (Some(c), context),
                None => (None, false),
            },
            (false, true) => (self.span_coder.code_place_as_actor(span).map(|(c, _)| c), false),
        };
        // "the leaders of Serbia", "the Prince of X": a noun coded with its complement.
        let coded = coded.or_else(|| {
            let uncoded_name =
                self.doc.tokens.upos[h] == Upos::Propn && entity.is_none_or(|e| e.actor.is_none());
            if self.doc.tokens.upos[h] != Upos::Noun && !uncoded_name {
                return None;
            }
            // "authorities in Niger" too, when the noun is a role (the code gains one): "the
            // war in Niger" names no actor.
            let of = self
                .kids_with(h, &["nmod"])
                .find(|&n| matches!(self.case_of(n).as_deref(), Some("of" | "from" | "in")))?;
            let role_needed = self.case_of(of).as_deref() == Some("in");
            // The complement's whole name, which may hold complements of its own ("the
            // Organization of Petroleum Exporting Countries").
            let name_end = self.entity_at(spans[of]).map_or(0, |(_, m)| {
                (of..spans.len()).take_while(|&x| spans[x].end <= m.span.end).count() + of
            });
            let end = self.phrase(of).end.max(tokens.end).max(name_end);
            let wide = Span::new(spans[tokens.start].start, spans[end - 1].end);
            let complement = || {
                let r = self.phrase(of);
                self.code_span(Span::new(spans[r.start].start, spans[r.end - 1].end))
            };
            // With "in", the noun must add a role to what the place alone codes ("the war in
            // Kyiv" is not Ukraine's government).
            self.code_span(wide).filter(|c| {
                !role_needed || c.len() > 3 && complement().is_none_or(|p| c.len() > p.len())
            })
        });
        // The entity's code wins when it refines the phrase's ("USA" → "USAGOV" for
        // "U.S. Secretary of State ..."), and stands in when the phrase has none.
        let from_entity = entity.and_then(|e| e.actor.clone());
        let (code, context_country) = match (coded, from_entity) {
            (Some(c), Some(e)) if e.len() > c.len() && e.starts_with(&c) => (e, false),
            (Some(c), _) => (c, context_country),
            (None, e) => (e?, false),
        };
        // An event noun coded through its modifier ("a military operation") is no party
        // whose country a place could tell, nor is someone's own ("his official").
        let context_country = context_country
            && self.noun_event(h).is_none()
            // "his official": someone's own, not a party a place could tell.
            && !self.kids_with(h, &["nmod:poss"]).any(|p| self.doc.tokens.upos[p] == Upos::Pron);
        let mut arg = Arg { span, code, entity: entity.map(|e| e.id.clone()), context_country };
        // "civilians in Aleppo": a place complement of the role noun says whose they are;
        // "civilians in the former Soviet country": somewhere the article's country may not
        // be, so the role alone.
        if arg.context_country {
            let located: Vec<usize> = self
                .kids_with(h, &["nmod"])
                .filter(|&n| matches!(self.case_of(n).as_deref(), Some("in" | "from" | "of")))
                .collect();
            if let Some(country) = located.iter().find_map(|&n| self.place_country(n)) {
                arg.relocate(&country);
            } else if located.iter().any(|&n| PLACE_NOUNS.contains(&self.lemma(n).as_str())) {
                if let Some(role) = arg.code.get(3..).filter(|r| !r.is_empty()) {
                    arg.code = role.to_owned();
                    arg.context_country = false;
                }
            }
        }
        Some(arg)
    }

    /// `herald_actors::code_span`, memoised.
    fn code_span(&self, span: Span) -> Option<String> {
        self.code_span_why(span).map(|(c, _)| c)
    }

    /// [`Coder::code_span`] and whether the code's country is only the article's (a role
    /// noun with no country of its own).
    fn code_span_why(&self, span: Span) -> Option<(String, bool)> {
        if let Some(c) = self.spans.borrow().get(&span) {
            return c.clone();
        }
        let c = self
            .span_coder
            .code(span)
            .map(|(c, why)| (c, why.starts_with(herald_actors::CONTEXT_COUNTRY_REASON)));
        self.spans.borrow_mut().insert(span, c.clone());
        c
    }

    /// The token range naming an argument: its head and the compound/amod/nmod:poss/det/
    /// flat dependents (and theirs), never a clause.
    fn phrase(&self, h: usize) -> Range<usize> {
        let (mut lo, mut hi) = (h, h);
        let mut stack = vec![h];
        // Bounded, so that a malformed (cyclic) tree cannot loop.
        let mut budget = self.doc.tokens.len();
        while let Some(x) = stack.pop() {
            if budget == 0 {
                break;
            }
            budget -= 1;
            for c in self.kids_with(x, &["compound", "amod", "nmod:poss", "det", "flat", "case"]) {
                // `case` only inside a possessive ("Russia 's").
                if self.rel(c) == "case" && x == h {
                    continue;
                }
                lo = lo.min(c);
                hi = hi.max(c);
                stack.push(c);
            }
        }
        lo..hi + 1
    }

    /// The entity with a mention covering `span`, and that mention.
    /// The speaker entity of the direct quote that contains `span`, if any.
    fn quote_speaker(&self, span: Span) -> Option<&'a herald_doc::Entity> {
        let doc: &'a Doc = self.doc;
        let quote = doc.layers.quotes.iter().find(|q| {
            q.kind == herald_doc::QuoteKind::Direct
                && q.span.start <= span.start
                && span.end <= q.span.end
        })?;
        let id = quote.speaker.as_deref()?;
        doc.layers.entities.iter().find(|e| e.id == id)
    }

    fn entity_at(&self, span: Span) -> Option<(&'a herald_doc::Entity, &'a herald_doc::Mention)> {
        let doc: &'a Doc = self.doc;
        doc.layers.entities.iter().find_map(|e| {
            e.mentions
                .iter()
                .find(|m| m.span.start <= span.start && span.end <= m.span.end)
                .map(|m| (e, m))
        })
    }

    fn negated(&self, t: usize, gov: Option<usize>) -> bool {
        let neg = |v: usize| {
            self.kids_with(v, &["advmod"]).any(|c| {
                NEGATIONS.contains(&self.lemma(c).as_str())
                    || NEGATIONS.contains(&self.form(c).to_lowercase().as_str())
            })
        };
        neg(t) || (self.rel(t) == "xcomp" && gov.is_some_and(neg)) || self.refused(t)
    }

    /// True when `t` is what its governor refuses or fails to do ("refused to release",
    /// "declined to meet", "failed to reach").
    fn refused(&self, t: usize) -> bool {
        self.rel(t) == "xcomp"
            && self.head(t).is_some_and(|g| REFUSAL_GOVERNORS.contains(&self.lemma(g).as_str()))
    }

    /// `t` and the verbs that govern it through `xcomp`/`conj`, nearest first (at most four).
    /// The verb and its governors through xcomp/conj, also climbing purpose clauses ("ready to cooperate ... to help
    /// civilians": the help is as intended as the cooperation).
    fn modal_chain(&self, t: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(t), move |&v| {
            self.governor(v).or_else(|| {
                (self.rel(v) == "advcl" && self.has_kid_lemma(v, &["mark"], &["to"]))
                    .then(|| self.head(v))
                    .flatten()
            })
        })
        .take(4)
    }

    /// The event's modality: conditional > intent > reported, looked up on the verb and the
    /// verbs governing it through `xcomp`/`conj`/purpose clauses.
    fn modality(&self, t: usize) -> Option<&'static str> {
        let conditional = |v: usize| {
            self.kids_with(v, &["advcl"])
                .any(|a| self.has_kid_lemma(a, &["mark"], &["if", "unless"]))
        };
        if self.modal_chain(t).any(conditional) {
            return Some("conditional");
        }
        let intent = |v: usize| {
            let aux = self.kids_with(v, &["aux"]).any(|a| {
                INTENT_AUX.contains(&self.lemma(a).as_str())
                    || INTENT_AUX.contains(&self.form(a).to_lowercase().as_str())
            });
            // "was due to meet": the parser may make the infinitive an adverbial clause.
            let complement = self.rel(v) == "xcomp"
                || (self.rel(v) == "advcl" && self.has_kid_lemma(v, &["mark"], &["to"]));
            let under_intent = complement
                && self.head(v).is_some_and(|h| INTENT_GOVERNORS.contains(&self.lemma(h).as_str()));
            aux || under_intent
        };
        if self.modal_chain(t).any(intent) {
            return Some("intent");
        }
        if self.has_kid_lemma(t, &["advmod"], &["reportedly", "allegedly"]) {
            return Some("reported");
        }
        None
    }
}

/// Weapons of artillery and armour (CAMEO 194), upper case as [`Deps`] holds words.
const ARTILLERY_WORDS: &[&str] = &[
    "ARTILLERY",
    "SHELL",
    "SHELLS",
    "MORTAR",
    "MORTARS",
    "TANK",
    "TANKS",
    "HOWITZER",
    "HOWITZERS",
];

/// Nuclear weapons (CAMEO 2042: "detonated a hydrogen bomb").
const NUCLEAR_WORDS: &[&str] = &["NUCLEAR", "HYDROGEN", "ATOMIC", "THERMONUCLEAR"];

/// Chemical and biological weapons (CAMEO 2041).
const CHEMICAL_WORDS: &[&str] = &["SARIN", "CHLORINE", "CHEMICAL", "BIOLOGICAL", "NERVE"];

/// Aerial weapons (CAMEO 195).
const AERIAL_WORDS: &[&str] = &[
    "MISSILE",
    "MISSILES",
    "DRONE",
    "DRONES",
    "AIRSTRIKE",
    "AIRSTRIKES",
    "BOMB",
    "BOMBS",
    "WARPLANE",
    "WARPLANES",
    "AIRCRAFT",
    "JET",
    "JETS",
    "AIR",
];

/// A generic use of force (190, or small arms 193 from "opened fire") whose words name the
/// weapon (also in a "with" oblique): nuclear 2042, chemical 2041, artillery 194 ("fired artillery rounds", "exchanged
/// artillery fire"; rockets too, as CAMEO.2.0.txt files "fire rockets at"), aerial weapons
/// 195 ("attacked X with drones").
fn refine_by_weapon(code: crate::CodePair, deps: &Deps) -> crate::CodePair {
    let Some(active) = code.active.filter(|c| matches!(c.as_str(), "190" | "193")) else {
        return code;
    };
    let named = |list: &[&str]| {
        list.iter().any(|w| {
            deps.heads.contains(*w)
                || deps.mods.contains(*w)
                || deps.preps.iter().any(|(p, _, words)| p == "WITH" && words.contains(*w))
        })
    };
    let refined = if named(NUCLEAR_WORDS) {
        "2042"
    } else if named(CHEMICAL_WORDS) {
        "2041"
    } else if named(ARTILLERY_WORDS) {
        "194"
    } else if named(AERIAL_WORDS) {
        "195"
    } else {
        return code;
    };
    crate::CodePair {
        active: EventCode::parse(refined).or(Some(active)),
        passive: code
            .passive
            .filter(|p| p.as_str() != active.as_str())
            .or_else(|| code.passive.map(|_| EventCode::parse(refined).expect("a CAMEO code"))),
    }
}

/// The preposition a pattern names for its target (`(TO +)`, `(WITH)`), lower case.
fn pattern_prep(p: &Pattern) -> Option<String> {
    p.after.iter().enumerate().find_map(|(i, e)| match e {
        Element::Prep { prep: Item { term: Term::Word(w), .. }, .. } => Some(w.to_lowercase()),
        // "* THEIR ^ ABOUT +": a bare preposition before the target slot.
        Element::Item(Item { term: Term::Word(w), .. })
            if matches!(
                p.after.get(i + 1),
                Some(Element::Item(Item { term: Term::Target, .. }))
            ) =>
        {
            Some(w.to_lowercase())
        }
        _ => None,
    })
}

/// The stems a regular inflected verb form may come from, upper case, by English spelling
/// rules only: "BOYCOTTED" → BOYCOTT, BOYCOT; "HOPED" → HOPE (and HOP, HOPE from -ED);
/// "TRIES" → TRY; "PASSES" → PASS. A misspelling such as "DEPARTES" gives none that fits.
fn regular_stems(form: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let undouble = |stem: &str, out: &mut Vec<String>| {
        let b = stem.as_bytes();
        if b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] {
            out.push(stem[..stem.len() - 1].to_owned());
        }
    };
    if let Some(stem) = form.strip_suffix("ING").filter(|s| s.len() >= 2) {
        out.extend([stem.to_owned(), format!("{stem}E")]);
        undouble(stem, &mut out);
    }
    if let Some(stem) = form.strip_suffix("ED").filter(|s| s.len() >= 2) {
        out.extend([stem.to_owned(), format!("{stem}E")]);
        if let Some(i) = stem.strip_suffix('I') {
            out.push(format!("{i}Y"));
        }
        undouble(stem, &mut out);
    }
    if let Some(stem) = form.strip_suffix("ES").filter(|s| s.len() >= 2) {
        if ["S", "X", "Z", "CH", "SH", "O"].iter().any(|e| stem.ends_with(e)) {
            out.push(stem.to_owned());
        }
        if let Some(i) = stem.strip_suffix('I') {
            out.push(format!("{i}Y"));
        }
    }
    if let Some(stem) = form.strip_suffix('S').filter(|s| s.len() >= 2 && !s.ends_with('S')) {
        if !stem.ends_with("IE") {
            out.push(stem.to_owned());
        }
    }
    out
}

/// CAMEO's parallel families of cooperation and yielding: the act, the intent to do it (03x)
/// and the refusal to do it (12x), by code prefix.
const FAMILIES: &[(&str, &str, &str)] = &[
    ("061", "0311", "1211"),
    ("062", "0312", "1212"),
    ("063", "0313", "121"),
    ("064", "0314", "121"),
    ("071", "0331", "1221"),
    ("072", "0332", "1222"),
    ("073", "0333", "1223"),
    ("074", "0334", "1224"),
    ("081", "0351", "1241"),
    ("082", "0352", "1242"),
    ("084", "0353", "1243"),
    ("085", "0354", "1244"),
    ("086", "0355", "1245"),
    ("087", "0356", "1246"),
];

/// The intent code (03x) of an act of roots 04–08; other codes unchanged.
pub fn intent_code(code: EventCode) -> EventCode {
    let s = code.as_str();
    let family = FAMILIES.iter().find(|(act, ..)| s.starts_with(act)).map(|&(_, intent, _)| intent);
    let mapped = match (code.root(), family) {
        (4, _) => "036",
        (5, _) => "032",
        (6..=8, Some(intent)) => intent,
        (6, None) => "031",
        (7, None) => "033",
        (8, None) => "035",
        _ => return code,
    };
    EventCode::parse(mapped).unwrap_or(code)
}

/// The threat (13x) a stated intent to use force, coerce or cut relations is ("said it would
/// strike Iraq", "may extend its naval quarantine", "threatens to cut ties"); other codes
/// unchanged.
pub fn threat_code(code: EventCode) -> EventCode {
    let s = code.as_str();
    let mapped = match (code.root(), s) {
        (14, _) => "133",
        (16, _) if s.starts_with("162") => "1311",
        (16, _) if s.starts_with("163") => "1312",
        (16, "160" | "161") => "1313",
        (16, _) if s.starts_with("164") => "134",
        (16, _) if s.starts_with("165") => "135",
        (16, _) if s.starts_with("166") => "136",
        (17, "1721") => "1321",
        (17, "1722") => "1322",
        (17, "1723") => "1323",
        (17, "1724") => "1324",
        (17, "172") => "132",
        (17, _) if s.starts_with("175") => "137",
        (18, _) => "1383",
        (19, "191") => "1381",
        (19, "192") => "1382",
        (19, _) => "1384",
        (20, _) if s.starts_with("204") => "1385",
        (20, _) => "1383",
        _ => return code,
    };
    EventCode::parse(mapped).unwrap_or(code)
}

/// The refusal (CAMEO 12x) that declining an act of cooperation or yielding is ("refused to
/// release" 1243, "will not lift sanctions" 1244, "refused to meet" 125, "would never accept
/// the mediation" 126), or declining the intent to do it; `None` for acts whose refusal CAMEO
/// has no code for.
pub fn refusal_code(code: EventCode) -> Option<EventCode> {
    let s = code.as_str();
    // The family whose act (`by_intent` false) or intent code prefixes this one.
    let family = |by_intent: bool| {
        FAMILIES
            .iter()
            .find(|&&(act, intent, _)| s.starts_with(if by_intent { intent } else { act }))
            .map(|&(.., refusal)| refusal)
    };
    let mapped = match code.root() {
        3 => family(true).or(match s {
            "035" => Some("124"),
            "036" => Some("125"),
            // "would never accept the mediation", "will not settle the dispute".
            "038" => Some("126"),
            "039" => Some("127"),
            _ => None,
        })?,
        4 if s.starts_with("045") => "126",
        4 => "125",
        5 if s.starts_with("057") => "127",
        6..=8 => family(false).unwrap_or(match code.root() {
            6 => "121",
            7 => "122",
            _ if s.starts_with("083") => "123",
            _ => "124",
        }),
        _ => return None,
    };
    EventCode::parse(mapped)
}

/// Codes whose action is mutual when the parties are coordinated subjects ("X and Y met",
/// "clashed", "signed", "held joint exercises", "agreed to a truce"): intent to cooperate
/// (03), consult (04), material cooperation (06), fight (19), sign an agreement (057).
fn symmetric(code: EventCode) -> bool {
    matches!(code.root(), 3 | 4 | 6 | 19) || code.as_str() == "057"
}

/// The prepositions whose place (a country, a capital) is an event's target when nothing
/// else names one: force is used *in* or *at* a place ("an operation in Ukraine", "fired
/// shells at Seoul"), a visit goes *to* or arrives *in* it, a withdrawal is *from* it, troops
/// are massed or deployed *in* or *on* it.
fn place_target_preps(code: EventCode) -> &'static [&'static str] {
    match code.root() {
        18..=20 => &["in", "into", "inside", "at"],
        15..=17 => &["in", "into", "on", "to"],
        4 => &["in", "to"],
        // "sent troops to Syria", "delivered food to Gaza": to the place's country.
        6 | 7 => &["to"],
        8 => &["from", "in"],
        3 if matches!(code.as_str(), "036" | "0356" | "035") => &["in", "to", "from"],
        _ => &[],
    }
}

/// True when one code extends the other (`PRK` and `PRKMIL`): an actor acting on itself
/// or its own part is almost always a misread argument ("North Korea fired artillery
/// rounds", the rounds coded as the North Korean military), not an event.
fn same_family(a: &str, b: &str) -> bool {
    !a.is_empty() && !b.is_empty() && (a.starts_with(b) || b.starts_with(a))
}

/// The smallest span covering `spans`.
fn cover(spans: &[Span]) -> Span {
    let start = spans.iter().map(|s| s.start).min().unwrap_or(0);
    let end = spans.iter().map(|s| s.end).max().unwrap_or(0);
    Span::new(start, end)
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use herald_doc::{intern_deprel, intern_xpos, Article, Entity, Mention, PubDate, Sentence};
    use proptest::prelude::*;

    use super::*;

    fn resources() -> &'static (VerbDict, CameoTable, ActorDict) {
        static R: OnceLock<(VerbDict, CameoTable, ActorDict)> = OnceLock::new();
        R.get_or_init(|| {
            (
                VerbDict::bundled().expect("bundled verbs"),
                CameoTable::bundled(),
                ActorDict::bundled().expect("bundled actors"),
            )
        })
    }

    /// A one-sentence parsed document from `form/UPOS/lemma/head/deprel` tokens separated
    /// by spaces (heads 1-based, 0 for the root), dated 2024-05-01.
    fn doc_of(parse: &str) -> Doc {
        let rows: Vec<Vec<&str>> = parse.split(' ').map(|t| t.split('/').collect()).collect();
        let text = rows.iter().map(|r| r[0]).collect::<Vec<_>>().join(" ");
        let mut article = Article::new("t", text.clone());
        article.date = PubDate::from_ymd(2024, 5, 1);
        let mut doc = Doc::new(article);
        let mut at = 0u32;
        for (i, r) in rows.iter().enumerate() {
            let end = at + r[0].len() as u32;
            doc.tokens.push(Span::new(at, end), i + 1 < rows.len());
            at = end + 1;
            doc.tokens.upos.push(Upos::parse(r[1]).expect("UPOS"));
            // An optional sixth field is the Penn tag (a VERB is VBD by default).
            let xpos = r.get(5).copied().unwrap_or(if r[1] == "VERB" { "VBD" } else { "XX" });
            doc.tokens.xpos.push(intern_xpos(xpos));
            doc.tokens.push_lemma(r[2]);
            let head: u32 = r[3].parse().expect("head");
            doc.tokens.head.push((head > 0).then(|| head - 1));
            doc.tokens.deprel.push(intern_deprel(r[4]));
        }
        doc.sentences.push(Sentence {
            span: Span::new(0, text.len() as u32),
            tokens: 0..rows.len() as u32,
            paragraph: 0,
        });
        doc
    }

    /// The events of `doc` as "SOURCE TARGET CODE NEGATED MODALITY".
    fn coded(doc: &mut Doc) -> Vec<String> {
        let (verbs, table, actors) = resources();
        code_events(doc, verbs, table, actors);
        for e in &doc.layers.events {
            assert_eq!(e.date.as_deref(), Some("2024-05-01"));
            assert_eq!(e.root, &e.code[..2]);
        }
        doc.layers
            .events
            .iter()
            .map(|e| {
                format!(
                    "{} {} {} {} {}",
                    e.source,
                    e.target,
                    e.code,
                    e.negated,
                    e.modality.as_deref().unwrap_or("-")
                )
            })
            .collect()
    }

    fn codes(parse: &str) -> Vec<String> {
        coded(&mut doc_of(parse))
    }

    fn check_doc(mut doc: Doc, expected: &[&str]) {
        let got = coded(&mut doc);
        assert_eq!(got, expected, "{}", doc.article.text);
    }

    fn check(parse: &str, expected: &[&str]) {
        check_doc(doc_of(parse), expected);
    }

    #[test]
    fn active() {
        check("Russia/PROPN/Russia/2/nsubj attacked/VERB/attack/0/root Ukraine/PROPN/Ukraine/2/obj ./PUNCT/./2/punct", &["RUS UKR 190 false -"]);
    }

    #[test]
    fn appeals_from_herald_additions_and_their_content_is_not_an_act() {
        // "call for" (herald.verbs.txt): an appeal for a ceasefire is 0256.
        check(
            "Iraq/PROPN/Iraq/2/nsubj called/VERB/call/0/root for/ADP/for/5/case a/DET/a/5/det ceasefire/NOUN/ceasefire/2/obl ./PUNCT/./2/punct",
            &["IRQ  0256 false -"],
        );
        // "urged Iraq to withdraw": the appeal, not a withdrawal by the one who urges.
        check(
            "France/PROPN/France/2/nsubj urged/VERB/urge/0/root Iraq/PROPN/Iraq/2/obj to/PART/to/5/mark withdraw/VERB/withdraw/2/xcomp ./PUNCT/./2/punct",
            &["FRA IRQ 0256 false -"],
        );
    }

    #[test]
    fn force_used_in_a_place_targets_it_and_a_listed_demand_is_no_act() {
        check(
            "Russia/PROPN/Russia/2/nsubj launched/VERB/launch/0/root a/DET/a/5/det military/ADJ/military/5/amod operation/NOUN/operation/2/obj in/ADP/in/7/case Ukraine/PROPN/Ukraine/5/nmod ./PUNCT/./2/punct",
            &["RUS UKR 190 false -"],
        );
        // "..., including never applying to join NATO": an item of a list of demands.
        check(
            "Russia/PROPN/Russia/2/nsubj listed/VERB/list/0/root demands/NOUN/demand/2/obj including/VERB/include/6/case never/ADV/never/6/advmod applying/VERB/apply/3/acl to/PART/to/8/mark join/VERB/join/6/xcomp NATO/PROPN/NATO/8/obj ./PUNCT/./2/punct",
            &[],
        );
    }

    #[test]
    fn an_attached_date_dates_the_event_and_a_date_of_another_clause_does_not() {
        let (verbs, table, actors) = resources();
        let mut doc = doc_of("Russia/PROPN/Russia/2/nsubj attacked/VERB/attack/0/root Ukraine/PROPN/Ukraine/2/obj on/ADP/on/5/case Monday/PROPN/Monday/2/obl ./PUNCT/./2/punct");
        let monday = doc.tokens.spans[4];
        doc.layers.times.push(herald_doc::TimeExpr {
            span: monday,
            kind: "DATE".into(),
            value: "2024-04-29".into(),
        });
        code_events(&mut doc, verbs, table, actors);
        assert_eq!(doc.layers.events[0].date.as_deref(), Some("2024-04-29"));

        let mut doc = doc_of("Russia/PROPN/Russia/2/nsubj attacked/VERB/attack/0/root Ukraine/PROPN/Ukraine/2/obj after/SCONJ/after/6/mark talks/NOUN/talk/6/nsubj ended/VERB/end/2/advcl Monday/PROPN/Monday/6/obl ./PUNCT/./2/punct");
        let monday = doc.tokens.spans[6];
        doc.layers.times.push(herald_doc::TimeExpr {
            span: monday,
            kind: "DATE".into(),
            value: "2024-04-29".into(),
        });
        code_events(&mut doc, verbs, table, actors);
        assert_eq!(doc.layers.events[0].date.as_deref(), Some("2024-05-01"), "the article's date");
    }

    #[test]
    fn first_person_inside_a_quote_is_its_speaker() {
        let (verbs, table, actors) = resources();
        let mut doc = doc_of("We/PRON/we/2/nsubj attacked/VERB/attack/0/root Ukraine/PROPN/Ukraine/2/obj ./PUNCT/./2/punct");
        let whole = Span::new(0, doc.article.text.len() as u32);
        doc.layers.entities.push(Entity {
            id: "E9".into(),
            name: "Russian army".into(),
            kind: "ORG".into(),
            actor: Some("RUSMIL".into()),
            actor_reason: None,
            mentions: Vec::new(),
        });
        doc.layers.quotes.push(herald_doc::Quote {
            span: whole,
            kind: herald_doc::QuoteKind::Direct,
            speaker: Some("E9".into()),
            speaker_span: None,
            addressee: None,
            verb: Some("say".into()),
        });
        code_events(&mut doc, verbs, table, actors);
        let got: Vec<(&str, &str, &str)> = doc
            .layers
            .events
            .iter()
            .map(|e| (e.source.as_str(), e.target.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(got, [("RUSMIL", "UKR", "190")]);
    }

    #[test]
    fn a_former_republic_is_not_the_state_it_was_part_of() {
        check(
            "Russia/PROPN/Russia/2/nsubj attacked/VERB/attack/0/root the/DET/the/6/det former/ADJ/former/6/amod Soviet/ADJ/Soviet/6/amod republic/NOUN/republic/2/obj ./PUNCT/./2/punct",
            &["RUS  190 false -"],
        );
    }

    #[test]
    fn coordinated_parties_pledging_commit_to_each_other() {
        check(
            "Israel/PROPN/Israel/4/nsubj and/CCONJ/and/3/cc Lebanon/PROPN/Lebanon/1/conj pledged/VERB/pledge/0/root ./PUNCT/./4/punct",
            &["ISR LBN 030 false -", "LBN ISR 030 false -"],
        );
    }

    #[test]
    fn passive_swaps_roles() {
        check(
            "Ukraine/PROPN/Ukraine/3/nsubj:pass was/AUX/be/3/aux:pass attacked/VERB/attack/0/root by/ADP/by/5/case Russia/PROPN/Russia/3/obl:agent ./PUNCT/./3/punct",
            &["RUS UKR 190 false -"],
        );
    }

    #[test]
    fn negation() {
        check(
            "Russia/PROPN/Russia/4/nsubj did/AUX/do/4/aux not/PART/not/4/advmod attack/VERB/attack/0/root Ukraine/PROPN/Ukraine/4/obj ./PUNCT/./4/punct",
            &["RUS UKR 190 true -"],
        );
    }

    #[test]
    fn intent_under_ready_becomes_03x() {
        check(
            "France/PROPN/France/3/nsubj is/AUX/be/3/cop ready/ADJ/ready/0/root to/PART/to/5/mark meet/VERB/meet/3/xcomp Ukraine/PROPN/Ukraine/5/obj ./PUNCT/./3/punct",
            &["FRA UKR 036 false intent"],
        );
    }

    #[test]
    fn conditional_main_verb_and_no_event_inside_the_if_clause() {
        check(
            "Russia/PROPN/Russia/3/nsubj will/AUX/will/3/aux attack/VERB/attack/0/root Ukraine/PROPN/Ukraine/3/obj if/SCONJ/if/7/mark France/PROPN/France/7/nsubj criticizes/VERB/criticize/3/advcl Russia/PROPN/Russia/7/obj ./PUNCT/./3/punct",
            &["RUS UKR 1384 false conditional"],
        );
    }

    #[test]
    fn pronoun_source_takes_its_entity_code() {
        let mut doc = doc_of(
            "It/PRON/it/2/nsubj attacked/VERB/attack/0/root Ukraine/PROPN/Ukraine/2/obj ./PUNCT/./2/punct",
        );
        doc.layers.entities.push(Entity {
            id: "E1".into(),
            name: "Russia".into(),
            kind: "GPE".into(),
            actor: Some("RUS".into()),
            actor_reason: None,
            mentions: vec![Mention::new(Span::new(0, 2))],
        });
        let (verbs, table, actors) = resources();
        code_events(&mut doc, verbs, table, actors);
        let e = &doc.layers.events[0];
        assert_eq!((e.source.as_str(), e.source_entity.as_deref()), ("RUS", Some("E1")));
        assert_eq!(doc.text_of(e.evidence), "It attacked Ukraine");
    }

    #[test]
    fn coordinated_subjects_of_a_mutual_act_act_on_each_other() {
        check(
            "France/PROPN/France/4/nsubj and/CCONJ/and/3/cc Germany/PROPN/Germany/1/conj met/VERB/meet/0/root ./PUNCT/./4/punct",
            &["FRA DEU 040 false -", "DEU FRA 040 false -"],
        );
    }

    #[test]
    fn target_on_the_object_noun_and_relative_subject() {
        // "countries, which imposed sanctions on Russia": the relative pronoun stands for
        // the noun, the target hangs on the object.
        check(
            "France/PROPN/France/0/root ,/PUNCT/,/1/punct which/PRON/which/4/nsubj imposed/VERB/impose/1/acl:relcl sanctions/NOUN/sanction/4/obj on/ADP/on/7/case Russia/PROPN/Russia/5/nmod",
            &["FRA RUS 163 false -"],
        );
    }

    #[test]
    fn intent_verb_is_not_coded_and_hypothetical_chain_is_skipped() {
        // "Russia promised to withdraw unless France stops trying to attack Ukraine".
        check(
            "Russia/PROPN/Russia/2/nsubj promised/VERB/promise/0/root to/PART/to/4/mark withdraw/VERB/withdraw/2/xcomp unless/SCONJ/unless/7/mark France/PROPN/France/7/nsubj stops/VERB/stop/2/advcl trying/VERB/try/7/xcomp to/PART/to/10/mark attack/VERB/attack/8/xcomp Ukraine/PROPN/Ukraine/10/obj",
            &["RUS  035 false conditional"],
        );
    }

    #[test]
    fn a_threat_codes_once_with_its_complement() {
        check(
            "France/PROPN/France/2/nsubj threatened/VERB/threaten/0/root to/PART/to/4/mark impose/VERB/impose/2/xcomp sanctions/NOUN/sanction/4/obj on/ADP/on/7/case Russia/PROPN/Russia/4/obl",
            &["FRA RUS 130 false -"],
        );
    }

    #[test]
    fn a_place_mention_is_a_participant_only_where_the_event_goes_to_or_from_it() {
        let with_place = |parse: &str, start: u32| {
            let mut doc = doc_of(parse);
            let mut place = Mention::new(Span::new(start, start + 4));
            place.role = herald_doc::MentionRole::Place;
            doc.layers.entities.push(Entity {
                id: "E1".into(),
                name: "Mali".into(),
                kind: "GPE".into(),
                actor: Some("MLI".into()),
                actor_reason: None,
                mentions: vec![place],
            });
            assert_eq!(doc.text_of(Span::new(start, start + 4)), "Mali");
            doc
        };
        // A protest in Mali is not a protest against Mali.
        let doc = with_place(
            "France/PROPN/France/2/nsubj protested/VERB/protest/0/root in/ADP/in/4/case Mali/PROPN/Mali/2/obl",
            20,
        );
        check_doc(doc, &["FRA  140 false -"]);
        // A withdrawal from Mali is one from Mali, coded by CAMEO's "* FROM +" (0874).
        let doc = with_place(
            "France/PROPN/France/2/nsubj withdrew/VERB/withdraw/0/root from/ADP/from/4/case Mali/PROPN/Mali/2/obl",
            21,
        );
        check_doc(doc, &["FRA MLI 0874 false -"]);
    }

    #[test]
    fn assailing_is_verbal_and_the_reason_given_is_the_object_s_act() {
        // "France assailed Germany for attacking Italy".
        check(
            "France/PROPN/France/2/nsubj assailed/VERB/assail/0/root Germany/PROPN/Germany/2/obj for/SCONJ/for/5/mark attacking/VERB/attack/2/advcl/VBG Italy/PROPN/Italy/5/obj",
            &["FRA DEU 111 false -", "DEU ITA 190 false -"],
        );
    }

    #[test]
    fn herald_s_additions_mend_cameo_readings_of_face_and_meet_at() {
        // "France, facing German troops at the border, ..." is no meeting.
        check(
            "France/PROPN/France/0/root facing/VERB/face/1/acl German/ADJ/German/4/amod troops/NOUN/troop/2/obj at/ADP/at/7/case the/DET/the/7/det border/NOUN/border/2/obl",
            &[],
        );
        // "France met Germany at the summit" is a meeting held (040), not an intent (036).
        check(
            "France/PROPN/France/2/nsubj met/VERB/meet/0/root Germany/PROPN/Germany/2/obj at/ADP/at/6/case the/DET/the/6/det summit/NOUN/summit/2/obl",
            &["FRA DEU 040 false -", "DEU FRA 040 false -"],
        );
    }

    #[test]
    fn a_role_in_a_country_is_that_country_s() {
        check(
            "Authorities/NOUN/authority/4/nsubj in/ADP/in/3/case France/PROPN/France/1/nmod lifted/VERB/lift/0/root the/DET/the/6/det curfew/NOUN/curfew/4/obj",
            &["FRAGOV  0813 false -"],
        );
    }

    #[test]
    fn a_pattern_naming_the_object_beats_one_naming_the_particle() {
        check(
            "France/PROPN/France/2/nsubj broke/VERB/break/0/root off/ADP/off/2/compound:prt relations/NOUN/relation/2/obj with/ADP/with/6/case Iran/PROPN/Iran/4/nmod",
            &["FRA IRN 161 false -"],
        );
    }

    #[test]
    fn regular_stems_follow_spelling_rules() {
        let has = |form: &str, stem: &str| super::regular_stems(form).iter().any(|s| s == stem);
        assert!(has("BOYCOTTED", "BOYCOTT") && has("HOPED", "HOPE") && has("HOPING", "HOPE"));
        assert!(has("TRIES", "TRY") && has("TRIED", "TRY") && has("PASSES", "PASS"));
        assert!(has("STOPPED", "STOP") && has("WARNS", "WARN"));
        assert!(!has("DEPARTES", "DEPART"), "a misspelling is no inflection");
    }

    #[test]
    fn a_lemmatizer_slip_still_finds_the_verb() {
        // "boycotted" lemmatized "boycot": the form's regular stem finds BOYCOTT.
        let events = codes(
            "France/PROPN/France/2/nsubj boycotted/VERB/boycot/0/root Germany/PROPN/Germany/2/obj",
        );
        assert!(events.iter().any(|e| e.starts_with("FRA DEU ")), "{events:?}");
    }

    #[test]
    fn coordinated_subjects_with_an_object_of_their_own_act_on_it_not_on_each_other() {
        let events = codes(
            "France/PROPN/France/4/nsubj and/CCONJ/and/3/cc Germany/PROPN/Germany/1/conj clashed/VERB/clash/0/root over/ADP/over/6/case trade/NOUN/trade/4/obl",
        );
        assert!(events.iter().any(|e| e.starts_with("FRA DEU 19")), "{events:?}");
        let events = codes(
            "France/PROPN/France/4/nsubj and/CCONJ/and/3/cc Germany/PROPN/Germany/1/conj attacked/VERB/attack/0/root the/DET/the/6/det convoy/NOUN/convoy/4/obj",
        );
        assert!(!events.iter().any(|e| e.starts_with("FRA DEU")), "{events:?}");
    }

    #[test]
    fn cooperation_needs_a_counterpart_an_intent_does_not() {
        check("France/PROPN/France/2/nsubj met/VERB/meet/0/root ./PUNCT/./2/punct", &[]);
        check(
            "France/PROPN/France/3/nsubj will/AUX/will/3/aux halt/VERB/halt/0/root the/DET/the/5/det operation/NOUN/operation/3/obj",
            &["FRA  035 false intent"],
        );
    }

    #[test]
    fn an_embargo_on_trade_with_a_country_targets_the_country() {
        check(
            "France/PROPN/France/2/nsubj imposed/VERB/impose/0/root an/DET/a/4/det embargo/NOUN/embargo/2/obj on/ADP/on/6/case trade/NOUN/trade/4/nmod with/ADP/with/8/case Iran/PROPN/Iran/6/nmod",
            &["FRA IRN 163 false -"],
        );
    }

    #[test]
    fn condemning_an_attack_targets_its_author() {
        check(
            "France/PROPN/France/2/nsubj condemned/VERB/condemn/0/root an/DET/a/4/det attack/NOUN/attack/2/obj by/ADP/by/7/case Russian/ADJ/Russian/7/amod soldiers/NOUN/soldier/4/nmod",
            // And the attack itself, by its named author.
            &["FRA RUSMIL 111 false -", "RUSMIL  190 false -"],
        );
    }

    #[test]
    fn nominal_meeting_under_a_light_verb_goes_both_ways() {
        check(
            "France/PROPN/France/2/nsubj wrapped/VERB/wrap/0/root up/ADP/up/2/compound:prt a/DET/a/5/det meeting/NOUN/meeting/2/obj with/ADP/with/7/case Germany/PROPN/Germany/5/nmod ./PUNCT/./2/punct",
            &["FRA DEU 040 false -", "DEU FRA 040 false -"],
        );
    }

    #[test]
    fn nominal_event_during_a_visit_and_setting_of_the_clause() {
        // "France praised Germany during talks with Germany": the oblique's event takes the
        // clause's subject.
        check(
            "France/PROPN/France/2/nsubj praised/VERB/praise/0/root Italy/PROPN/Italy/2/obj during/ADP/during/5/case talks/NOUN/talk/2/obl with/ADP/with/7/case Germany/PROPN/Germany/5/nmod",
            &["FRA ITA 051 false -", "FRA DEU 040 false -", "DEU FRA 040 false -"],
        );
    }

    #[test]
    fn nominal_attack_with_a_possessor_under_another_verb() {
        // "France condemned Russia's missile attack on Ukraine": the condemnation (CAMEO's
        // "* ATTACK ON +", 112) of the attack's author, and the attack the possessor names
        // (aerial: 195).
        check(
            "France/PROPN/France/2/nsubj condemned/VERB/condemn/0/root Russia/PROPN/Russia/6/nmod:poss 's/PART/'s/3/case missile/NOUN/missile/6/compound attack/NOUN/attack/2/obj on/ADP/on/8/case Ukraine/PROPN/Ukraine/6/nmod",
            &["FRA RUS 112 false -", "RUS UKR 195 false -"],
        );
    }

    #[test]
    fn nominal_event_needs_a_named_author_and_strike_needs_a_weapon() {
        // "France fled after Russia's offensive": the offensive its possessor names happened.
        check(
            "France/PROPN/France/2/nsubj fled/VERB/flee/0/root after/ADP/after/6/case Russia/PROPN/Russia/6/nmod:poss 's/PART/'s/4/case offensive/NOUN/offensive/2/obl",
            &["RUS  190 false -"],
        );
        // With no author, someone else's event: nothing.
        check(
            "France/PROPN/France/2/nsubj fled/VERB/flee/0/root after/ADP/after/4/case the/DET/the/4/det offensive/NOUN/offensive/2/obl",
            &[],
        );
        check(
            "France/PROPN/France/2/nsubj held/VERB/hold/0/root a/DET/a/5/det general/ADJ/general/5/amod strike/NOUN/strike/2/obj against/ADP/against/7/case Germany/PROPN/Germany/5/nmod",
            // The verb's own pattern (strike) only.
            &["FRA DEU 143 false -"],
        );
    }

    #[test]
    fn an_act_its_light_verb_s_subject_performs_needs_no_target() {
        check(
            "France/PROPN/France/2/nsubj conducted/VERB/conduct/0/root a/DET/a/5/det nuclear/ADJ/nuclear/5/amod test/NOUN/test/2/obj ./PUNCT/./2/punct",
            &["FRA  2042 false -"],
        );
        // Not any verb: investigating a massacre is no massacre by the investigator.
        check(
            "France/PROPN/France/2/nsubj investigated/VERB/investigate/0/root the/DET/the/4/det massacre/NOUN/massacre/2/obj",
            &["FRA  094 false -"],
        );
        // "joined Western sanctions against Germany": the subject imposes them.
        check(
            "France/PROPN/France/4/nsubj did/AUX/do/4/aux not/PART/not/4/advmod join/VERB/join/0/root Western/ADJ/Western/6/amod sanctions/NOUN/sanction/4/obj against/ADP/against/8/case Germany/PROPN/Germany/6/nmod",
            &["FRA DEU 163 true -"],
        );
    }

    #[test]
    fn strikes_by_workers_and_hunger_strikes_are_protests() {
        check(
            "Doctors/NOUN/doctor/2/nsubj went/VERB/go/0/root on/ADP/on/4/case strike/NOUN/strike/2/obl in/ADP/in/6/case France/PROPN/France/2/obl",
            &["FRAHLH  143 false -"],
        );
        check(
            "French/ADJ/French/2/amod doctors/NOUN/doctor/7/nsubj have/AUX/have/7/aux been/AUX/be/7/cop on/ADP/on/7/case hunger/NOUN/hunger/7/compound strike/NOUN/strike/0/root",
            &["FRAHLH  142 false -"],
        );
    }

    #[test]
    fn the_party_of_a_measure_may_hang_off_its_verb_or_its_quantity_noun() {
        check(
            "France/PROPN/France/2/nsubj imposed/VERB/impose/0/root a/DET/a/4/det curfew/NOUN/curfew/2/obj on/ADP/on/6/case Germany/PROPN/Germany/2/obl",
            &["FRA DEU 1723 false -"],
        );
        check(
            "France/PROPN/France/2/nsubj adopted/VERB/adopt/0/root a/DET/a/4/det package/NOUN/package/2/obj of/ADP/of/6/case sanctions/NOUN/sanction/4/nmod against/ADP/against/8/case Germany/PROPN/Germany/4/nmod",
            &["FRA DEU 163 false -"],
        );
    }

    #[test]
    fn the_object_of_a_control_verb_is_its_complement_s_subject() {
        // "France helped Germany to impose sanctions on Italy": Germany imposes them.
        check(
            "France/PROPN/France/2/nsubj helped/VERB/help/0/root Germany/PROPN/Germany/2/obj to/PART/to/5/mark impose/VERB/impose/2/xcomp sanctions/NOUN/sanction/5/obj on/ADP/on/8/case Italy/PROPN/Italy/6/nmod",
            &["FRA DEU 070 false -", "DEU ITA 163 false -"],
        );
        // What it is asked to do is not done.
        check(
            "France/PROPN/France/2/nsubj asked/VERB/ask/0/root Germany/PROPN/Germany/2/obj to/PART/to/5/mark impose/VERB/impose/2/xcomp sanctions/NOUN/sanction/5/obj on/ADP/on/8/case Italy/PROPN/Italy/6/nmod",
            &["FRA DEU 020 false -"],
        );
    }

    #[test]
    fn a_relative_clause_has_the_noun_it_modifies_for_object() {
        // "France condemned the sanctions Germany imposed on Italy": IMPOSE's "* SANCTIONS",
        // and the condemnation is of their author.
        check(
            "France/PROPN/France/2/nsubj condemned/VERB/condemn/0/root the/DET/the/4/det sanctions/NOUN/sanction/2/obj Germany/PROPN/Germany/6/nsubj imposed/VERB/impose/4/acl:relcl on/ADP/on/8/case Italy/PROPN/Italy/6/obl",
            &["FRA DEU 111 false -", "DEU ITA 163 false -"],
        );
    }

    #[test]
    fn a_denial_is_not_aimed_at_the_denier_s_own_forces() {
        check(
            "France/PROPN/France/2/nsubj denied/VERB/deny/0/root that/SCONJ/that/6/mark its/PRON/its/5/nmod:poss forces/NOUN/force/6/nsubj fired/VERB/fire/2/ccomp",
            &["FRA  016 false -", "FRAMIL  190 false -"],
        );
    }

    #[test]
    fn a_coordinated_predicate_hung_on_a_noun_takes_the_main_clause_s_subject() {
        // "France made a remark, and was due to meet Germany" with "due" misattached to
        // "remark", "to meet" an adverbial clause and "Germany" a case-less oblique.
        check(
            "France/PROPN/France/2/nsubj made/VERB/make/0/root a/DET/a/4/det remark/NOUN/remark/2/obj and/CCONJ/and/7/cc was/AUX/be/7/cop due/ADJ/due/4/conj to/PART/to/9/mark meet/VERB/meet/7/advcl/VB Germany/PROPN/Germany/9/obl",
            &["FRA DEU 036 false intent"],
        );
    }

    #[test]
    fn a_role_noun_takes_the_country_of_the_place_it_is_in_or_from() {
        // "France attacked civilians in Kharkiv": the civilians are Ukraine's, not the
        // article's country's.
        let mut doc = doc_of(
            "France/PROPN/France/2/nsubj attacked/VERB/attack/0/root civilians/NOUN/civilian/2/obj in/ADP/in/5/case Kharkiv/PROPN/Kharkiv/2/obl",
        );
        let at = doc.article.text.find("Kharkiv").unwrap() as u32;
        doc.layers.places.push(herald_doc::Place {
            id: "P1".into(),
            name: "Kharkiv".into(),
            geonameid: None,
            country: "UA".into(),
            lat: 50.0,
            lon: 36.2,
            mentions: vec![Mention::new(Span::new(at, at + 7))],
        });
        let got = coded(&mut doc);
        assert!(got.iter().any(|e| e.starts_with("FRA UKRCVL")), "{got:?}");
        assert!(!got.iter().any(|e| e.contains("FRACVL")), "{got:?}");
        // "France attacked civilians in the neighbouring country": the role alone.
        let got = coded(&mut doc_of(
            "France/PROPN/France/2/nsubj attacked/VERB/attack/0/root civilians/NOUN/civilian/2/obj in/ADP/in/7/case the/DET/the/7/det neighbouring/ADJ/neighbouring/7/amod country/NOUN/country/2/obl",
        ));
        assert_eq!(got, vec!["FRA CVL 190 false -"]);
    }

    #[test]
    fn calling_someone_something_is_a_judgment_of_them() {
        check(
            "France/PROPN/France/2/nsubj called/VERB/call/0/root Germany/PROPN/Germany/2/obj a/DET/a/6/det reliable/ADJ/reliable/6/amod friend/NOUN/friend/2/xcomp",
            &["FRA DEU 051 false -"],
        );
        check(
            "France/PROPN/France/2/nsubj called/VERB/call/0/root Germany/PROPN/Germany/2/obj an/DET/a/5/det aggressor/NOUN/aggressor/2/obj",
            &["FRA DEU 112 false -"],
        );
        check(
            "France/PROPN/France/2/nsubj called/VERB/call/0/root the/DET/the/4/det decision/NOUN/decision/2/obj dangerous/ADJ/dangerous/2/xcomp",
            &["FRA  111 false -"],
        );
        // No predicate: a telephone call (CAMEO's CALL, 041 both ways).
        check(
            "France/PROPN/France/2/nsubj called/VERB/call/0/root Germany/PROPN/Germany/2/obj",
            &["FRA DEU 041 false -", "DEU FRA 041 false -"],
        );
        // "Germany drove them out, in what France called ethnic cleansing".
        check(
            "Germany/PROPN/Germany/2/nsubj drove/VERB/drive/0/root them/PRON/they/2/obj out/ADP/out/2/compound:prt in/ADP/in/6/case what/PRON/what/2/obl France/PROPN/France/8/nsubj called/VERB/call/6/acl:relcl ethnic/ADJ/ethnic/10/amod cleansing/NOUN/cleansing/8/obj",
            &["FRA DEU 112 false -"],
        );
    }

    #[test]
    fn the_weapon_named_makes_force_specific() {
        check(
            "France/PROPN/France/2/nsubj fired/VERB/fire/0/root artillery/NOUN/artillery/4/compound rounds/NOUN/round/2/obj at/ADP/at/6/case Germany/PROPN/Germany/2/obl",
            &["FRA DEU 194 false -"],
        );
        check(
            "France/PROPN/France/2/nsubj attacked/VERB/attack/0/root Germany/PROPN/Germany/2/obj with/ADP/with/5/case drones/NOUN/drone/2/obl",
            // CAMEO's "* WITH [190:190]" is "fought with X": no reverse event here.
            &["FRA DEU 195 false -"],
        );
    }

    #[test]
    fn an_object_that_is_a_topic_gives_way_to_the_party_in_an_oblique() {
        // "France discussed the Germany crisis with Italy": Italy is the party.
        check(
            "France/PROPN/France/2/nsubj discussed/VERB/discuss/0/root the/DET/the/5/det Germany/PROPN/Germany/5/compound crisis/NOUN/crisis/2/obj with/ADP/with/7/case Italy/PROPN/Italy/2/obl",
            &["FRA ITA 046 false -", "ITA FRA 046 false -"],
        );
    }

    #[test]
    fn an_intended_use_of_force_is_a_threat_and_a_declined_act_a_refusal() {
        check(
            "Russia/PROPN/Russia/3/nsubj will/AUX/will/3/aux attack/VERB/attack/0/root Ukraine/PROPN/Ukraine/3/obj",
            &["RUS UKR 1384 false -"],
        );
        // "France refused to meet Germany": CAMEO's rejection of a meeting (125).
        check(
            "France/PROPN/France/2/nsubj refused/VERB/refuse/0/root to/PART/to/4/mark meet/VERB/meet/2/xcomp/VB Germany/PROPN/Germany/4/obj",
            &["FRA DEU 125 false -"],
        );
        let code = |s: &str| EventCode::parse(s).unwrap();
        assert_eq!(threat_code(code("192")).as_str(), "1382");
        assert_eq!(threat_code(code("163")).as_str(), "1312");
        assert_eq!(threat_code(code("040")).as_str(), "040");
        assert_eq!(refusal_code(code("0841")).map(|c| c.as_str().to_owned()), Some("1243".into()));
        assert_eq!(refusal_code(code("0356")).map(|c| c.as_str().to_owned()), Some("1246".into()));
        assert_eq!(refusal_code(code("038")).map(|c| c.as_str().to_owned()), Some("126".into()));
        assert_eq!(refusal_code(code("190")), None);
    }

    #[test]
    fn claims_are_statements_allegations_accusations_and_musts_no_acts() {
        check(
            "France/PROPN/France/2/nsubj claimed/VERB/claim/0/root that/SCONJ/that/5/mark it/PRON/it/5/nsubj won/VERB/win/2/ccomp",
            &[],
        );
        check(
            "France/PROPN/France/2/nsubj alleged/VERB/allege/0/root that/SCONJ/that/5/mark Germany/PROPN/Germany/5/nsubj lied/VERB/lie/2/ccomp",
            &["FRA DEU 112 false -"],
        );
        // "France said Germany must attack Italy": a demand, not an attack.
        check(
            "France/PROPN/France/2/nsubj said/VERB/say/0/root Germany/PROPN/Germany/5/nsubj must/AUX/must/5/aux attack/VERB/attack/2/ccomp/VB Italy/PROPN/Italy/5/obj",
            &[],
        );
    }

    #[test]
    fn weapons_of_mass_destruction_and_split_names() {
        check(
            "France/PROPN/France/2/nsubj used/VERB/use/0/root sarin/NOUN/sarin/2/obj against/ADP/against/5/case Germany/PROPN/Germany/2/obl",
            &["FRA DEU 2041 false -"],
        );
        check(
            "France/PROPN/France/2/nsubj detonated/VERB/detonate/0/root a/DET/a/5/det hydrogen/NOUN/hydrogen/5/compound bomb/NOUN/bomb/2/obj",
            &["FRA  2042 false -"],
        );
        // "Paris police detained Germans": one subject the parser split in two.
        check(
            "Paris/PROPN/Paris/3/nsubj police/NOUN/police/3/nsubj detained/VERB/detain/0/root Germans/PROPN/German/3/obj",
            &["FRACOP DEU 173 false -"],
        );
    }

    #[test]
    fn forces_sent_to_a_place_aid_its_country_and_deployed_at_home_are_posture() {
        check(
            "France/PROPN/France/2/nsubj sent/VERB/send/0/root troops/NOUN/troop/2/obj to/ADP/to/5/case Kharkiv/PROPN/Kharkiv/2/obl",
            &["FRA UKR 062 false -"],
        );
        check(
            "France/PROPN/France/2/nsubj deployed/VERB/deploy/0/root troops/NOUN/troop/2/obj in/ADP/in/5/case Paris/PROPN/Paris/2/obl",
            &["FRA  154 false -"],
        );
    }

    #[test]
    fn a_party_in_the_object_s_participle_clause_is_the_target() {
        check(
            "France/PROPN/France/2/nsubj boycotted/VERB/boycott/0/root the/DET/the/4/det parade/NOUN/parade/2/obj supporting/VERB/support/4/acl/VBG Germany/PROPN/Germany/5/obj",
            &["FRA DEU 163 false -"],
        );
    }

    #[test]
    fn a_critical_reaction_is_criticism_of_whoever_drew_it() {
        // "France recognised Palestine, drawing an angry response from Germany."
        check(
            "France/PROPN/France/2/nsubj recognised/VERB/recognise/0/root Palestine/PROPN/Palestine/2/obj ,/PUNCT/,/5/punct drawing/VERB/draw/2/advcl/VBG an/DET/a/8/det angry/ADJ/angry/8/amod response/NOUN/response/5/obj from/ADP/from/10/case Germany/PROPN/Germany/8/nmod",
            &["FRA PSE 051 false -", "DEU FRA 111 false -"],
        );
        // A response that is not critical is no criticism.
        check(
            "France/PROPN/France/2/nsubj received/VERB/receive/0/root a/DET/a/4/det response/NOUN/response/2/obj from/ADP/from/6/case Germany/PROPN/Germany/4/nmod",
            &[],
        );
    }

    #[test]
    fn judging_what_a_relative_pronoun_stands_for_judges_its_author() {
        // "France kept a policy which Germany criticised."
        check(
            "France/PROPN/France/2/nsubj kept/VERB/keep/0/root a/DET/a/4/det policy/NOUN/policy/2/obj which/PRON/which/7/obj Germany/PROPN/Germany/7/nsubj criticised/VERB/criticise/4/acl:relcl",
            &["DEU FRA 111 false -"],
        );
    }

    #[test]
    fn where_a_meeting_took_place_says_who_visited_whom() {
        let with_place = |parse: &str, name: &str, country: &str| {
            let mut doc = doc_of(parse);
            let at = doc.article.text.find(name).unwrap() as u32;
            doc.layers.places.push(herald_doc::Place {
                id: "P1".into(),
                name: name.into(),
                geonameid: None,
                country: country.into(),
                lat: 0.0,
                lon: 0.0,
                mentions: vec![Mention::new(Span::new(at, at + name.len() as u32))],
            });
            coded(&mut doc)
        };
        let parse = |city: &str| {
            format!("France/PROPN/France/2/nsubj met/VERB/meet/0/root Germany/PROPN/Germany/2/obj in/ADP/in/5/case {city}/PROPN/{city}/2/obl")
        };
        assert_eq!(
            with_place(&parse("Berlin"), "Berlin", "DE"),
            vec!["FRA DEU 042 false -", "DEU FRA 043 false -"]
        );
        assert_eq!(
            with_place(&parse("Geneva"), "Geneva", "CH"),
            vec!["FRA DEU 044 false -", "DEU FRA 044 false -"]
        );
    }

    #[test]
    fn coordinated_parties_inside_the_complement_share_the_role() {
        check(
            "Troops/NOUN/troop/6/nsubj from/ADP/from/3/case Poland/PROPN/Poland/1/nmod and/CCONJ/and/5/cc Lithuania/PROPN/Lithuania/3/conj met/VERB/meet/0/root ./PUNCT/./6/punct",
            &["POLMIL LTUMIL 040 false -", "LTUMIL POLMIL 040 false -"],
        );
    }

    #[test]
    fn no_actor_no_event() {
        check(
            "Prices/NOUN/price/2/nsubj attacked/VERB/attack/0/root records/NOUN/record/2/obj",
            &[],
        );
    }

    #[test]
    fn intent_codes() {
        let c = |s| intent_code(EventCode::parse(s).unwrap()).to_string();
        assert_eq!(
            (c("042"), c("0874"), c("073"), c("190")),
            ("036".into(), "0356".into(), "0333".into(), "190".into())
        );
    }

    const WORDS: &[(&str, &str)] = &[
        ("Russia", "PROPN"),
        ("Ukraine", "PROPN"),
        ("attacked", "VERB"),
        ("met", "VERB"),
        ("it", "PRON"),
        ("not", "PART"),
        ("will", "AUX"),
        ("if", "SCONJ"),
        ("troops", "NOUN"),
        ("ready", "ADJ"),
        ("to", "ADP"),
        ("by", "ADP"),
    ];
    const RELS: &[&str] = &[
        "nsubj",
        "obj",
        "obl",
        "obl:agent",
        "nsubj:pass",
        "xcomp",
        "conj",
        "advcl",
        "mark",
        "aux",
        "advmod",
        "case",
        "compound",
        "amod",
        "acl:relcl",
        "iobj",
        "compound:prt",
    ];

    proptest! {
        /// On random two-sentence trees, every event lies inside its sentence.
        #[test]
        fn evidence_stays_in_its_sentence(
            picks in proptest::collection::vec((0..WORDS.len(), 0..RELS.len(), 0usize..100), 2..24),
            cut in 1usize..23,
        ) {
            let n = picks.len();
            let cut = cut.min(n - 1);
            let mut rows = Vec::new();
            for (i, &(w, r, h)) in picks.iter().enumerate() {
                let (form, upos) = WORDS[w];
                let lemma = form.to_lowercase();
                let lemma = match lemma.as_str() { "attacked" => "attack".to_owned(), "met" => "meet".to_owned(), _ => lemma };
                // Heads point to an earlier token of the same sentence (a tree).
                let first = if i < cut { 0 } else { cut };
                let head = if i == first { 0 } else { first + h % (i - first) + 1 };
                let rel = if head == 0 { "root" } else { RELS[r] };
                rows.push(format!("{form}/{upos}/{lemma}/{head}/{rel}"));
            }
            let mut doc = doc_of(&rows.join(" "));
            // Split into two sentences at `cut`.
            let spans = doc.tokens.spans.clone();
            doc.sentences = vec![
                Sentence { span: Span::new(spans[0].start, spans[cut - 1].end), tokens: 0..cut as u32, paragraph: 0 },
                Sentence { span: Span::new(spans[cut].start, spans[n - 1].end), tokens: cut as u32..n as u32, paragraph: 0 },
            ];
            let (verbs, table, actors) = resources();
            code_events(&mut doc, verbs, table, actors);
            for e in &doc.layers.events {
                let s = doc.sentences.get(e.sentence as usize).expect("valid sentence index");
                prop_assert!(s.span.start <= e.evidence.start && e.evidence.end <= s.span.end);
                prop_assert!(e.evidence.start < e.evidence.end);
                prop_assert!(!(e.source.is_empty() && e.target.is_empty()));
            }
        }
    }
}
