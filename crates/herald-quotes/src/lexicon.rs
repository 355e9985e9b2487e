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

/// Speech verbs whose object is the person spoken to (`told the minister`).
pub const ADDRESSING: &[&str] =
    &["tell", "ask", "inform", "assure", "remind", "warn", "urge", "promise", "reply", "write"];

/// Verbs that introduce a direct quote but not reported speech: their complement is
/// usually not a content clause ("put it", "continue to").
pub const DIRECT_ONLY: &[&str] = &["put", "continue", "describe", "call", "point", "rule"];

/// The speech-verb lemma of a word form, for text without a lemmatizer.
pub fn lemma_of_form(word: &str) -> Option<&'static str> {
    // Called for many tokens of every article: the forms are generated once into a map.
    static FORMS: std::sync::OnceLock<std::collections::HashMap<String, &'static str>> =
        std::sync::OnceLock::new();
    let forms = FORMS.get_or_init(|| {
        let mut m = std::collections::HashMap::new();
        // Regular forms first, in lexicon order (the first lemma claiming a form keeps it).
        for &l in SPEECH_VERBS {
            let stem = l.strip_suffix('e').unwrap_or(l);
            let last = &l[l.len() - 1..];
            let mut regular = vec![
                l.to_owned(),
                format!("{l}s"),
                format!("{l}es"),
                format!("{l}ed"),
                format!("{l}d"),
                format!("{l}ing"),
                format!("{stem}ing"),
                format!("{l}{last}ed"),
                format!("{l}{last}ing"),
            ];
            if let Some(y) = l.strip_suffix('y') {
                regular.push(format!("{y}ied"));
                regular.push(format!("{y}ies"));
            }
            for f in regular {
                m.entry(f).or_insert(l);
            }
        }
        let irregular: &[(&str, &'static str)] = &[
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
        for &(f, l) in irregular {
            m.insert(f.to_owned(), l);
        }
        m
    });
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        forms.get(word.to_lowercase().as_str()).copied()
    } else {
        forms.get(word).copied()
    }
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

/// Last words of organisation names ("Coastal Agency", "Brightline Labs").
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
