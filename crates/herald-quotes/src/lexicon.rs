//! The speech-verb lexicon: lemmas of verbs that report what someone said.

/// Lemmas of verbs that introduce direct or reported speech.
pub const SPEECH_VERBS: &[&str] = &[
    "say",
    "tell",
    "add",
    "stress",
    "warn",
    "insist",
    "deny",
    "claim",
    "urge",
    "accuse",
    "argue",
    "note",
    "announce",
    "explain",
    "admit",
    "confirm",
    "ask",
    "reply",
    "write",
    "tweet",
    "post",
    "remind",
    "caution",
    "complain",
    "declare",
    "state",
    "respond",
    "continue",
    "conclude",
    "recall",
    "acknowledge",
    "reiterate",
    "emphasize",
    "emphasise",
    "suggest",
    "predict",
    "promise",
    "pledge",
    "vow",
    "threaten",
    "allege",
    "assert",
    "maintain",
    "report",
    "inform",
    "assure",
    "joke",
    "fume",
    "describe",
    "put",
    "agree",
    "concede",
    "counter",
    "retort",
    "quip",
    "observe",
    "comment",
    "mention",
    "disclose",
    "reveal",
    "signal",
    "repeat",
    "testify",
    "tell",
    "shout",
    "whisper",
    "demand",
    "call",
    "contend",
    "lament",
    "boast",
    "rule",
    "estimate",
    "forecast",
    "propose",
    "recommend",
    "indicate",
    "underline",
    "underscore",
    "point",
    "charge",
    "protest",
    "plead",
];

/// Speech verbs whose object is the person spoken to (`told Lavrov`).
pub const ADDRESSING: &[&str] =
    &["tell", "ask", "inform", "assure", "remind", "warn", "urge", "promise", "reply", "write"];

/// Verbs that introduce a direct quote but not reported speech: their complement is
/// usually not a content clause ("put it", "continue to").
pub const DIRECT_ONLY: &[&str] = &["put", "continue", "describe", "call", "point", "rule"];

/// The speech-verb lemma of a word form, for text without a lemmatizer.
pub fn lemma_of_form(word: &str) -> Option<&'static str> {
    let w = word.to_lowercase();
    let irregular: &[(&str, &str)] = &[
        ("said", "say"),
        ("says", "say"),
        ("saying", "say"),
        ("told", "tell"),
        ("wrote", "write"),
        ("written", "write"),
        ("writing", "write"),
        ("put", "put"),
        ("puts", "put"),
        ("putting", "put"),
    ];
    if let Some(&(_, l)) = irregular.iter().find(|(f, _)| *f == w) {
        return Some(l);
    }
    SPEECH_VERBS.iter().copied().find(|l| {
        let stem = l.strip_suffix('e').unwrap_or(l);
        let ystem = l.strip_suffix('y').map(|s| format!("{s}i"));
        w == *l
            || w == format!("{l}s")
            || w == format!("{l}es")
            || w == format!("{l}ed")
            || w == format!("{l}d")
            || w == format!("{l}ing")
            || w == format!("{stem}ing")
            || w == format!("{l}{}ed", &l[l.len() - 1..])
            || w == format!("{l}{}ing", &l[l.len() - 1..])
            || ystem.as_ref().is_some_and(|s| w == format!("{s}ed") || w == format!("{s}es"))
    })
}

/// True when `lemma` is a speech verb.
pub fn is_speech(lemma: &str) -> bool {
    SPEECH_VERBS.contains(&lemma)
}

/// Role nouns that stand for an organisation named before them ("the company said").
pub const ORG_NOUNS: &[&str] = &[
    "company",
    "firm",
    "club",
    "group",
    "ministry",
    "department",
    "agency",
    "band",
    "union",
    "council",
    "bank",
    "carmaker",
    "retailer",
    "chain",
    "airline",
    "insurer",
    "lender",
    "charity",
    "organisation",
    "organization",
    "startup",
    "regulator",
    "party",
    "app",
];

/// Personal pronouns (lower case).
pub const PRONOUNS: &[&str] = &[
    "he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their", "i", "me",
    "my", "we", "us", "our", "you", "your",
];

/// Verbs other than speech verbs that, coordinated after reported speech without a
/// subject of their own ("said X and thanked Y"), are the speaker's next act rather than
/// part of what was reported.
pub const SPEAKER_ACTS: &[&str] =
    &["thank", "blame", "apologise", "apologize", "refuse", "decline", "resign", "walk", "leave"];

/// Last words of organisation names ("Environment Agency", "Redline Labs").
pub const ORG_HEADS: &[&str] = &[
    "agency",
    "council",
    "ministry",
    "department",
    "office",
    "institute",
    "foundation",
    "labs",
    "systems",
    "group",
    "bank",
    "service",
    "services",
    "authority",
    "commission",
    "committee",
    "union",
    "association",
    "trust",
    "corporation",
    "company",
    "inc",
    "inc.",
    "ltd",
    "plc",
    "party",
    "club",
    "police",
    "court",
    "university",
    "organization",
    "organisation",
    "programme",
    "program",
    "fund",
    "network",
    "federation",
    "forces",
    "army",
    "brigade",
    "securities",
    "motors",
    "foods",
    "industries",
    "hearing",
];

/// Head nouns of subject phrases that never stand for a named person ("the statement said").
pub const NOT_PEOPLE: &[&str] = &[
    "statement",
    "report",
    "note",
    "study",
    "survey",
    "poll",
    "data",
    "figures",
    "document",
    "letter",
    "filing",
    "ruling",
    "source",
    "sources",
    "person",
    "people",
    "officials",
];

/// Documents that speak for their source ("a note from X said", "according to data from X").
pub const DOCUMENTS: &[&str] = &[
    "statement",
    "report",
    "note",
    "study",
    "survey",
    "poll",
    "data",
    "figures",
    "document",
    "letter",
    "filing",
    "readout",
    "release",
    "analysis",
    "affidavit",
    "memo",
];

/// Day names and other time words that head "on Sunday" between a subject and its verb.
pub const TIMES: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "tonight",
    "weekend",
    "morning",
    "afternoon",
    "evening",
];
