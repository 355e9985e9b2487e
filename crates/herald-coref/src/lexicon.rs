//! The small closed word lists the sieve needs: role and title nouns with their synonym
//! classes, organisation and place nouns, gendered words and common first names, and the
//! pronouns with their agreement features.
//!
//! The lists are deliberately short: each entry is a word news English uses to refer back
//! to a named person or organisation, and a missing word only costs recall (the mention
//! stays unresolved), never a wrong link.

/// Grammatical gender as far as coreference needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
}

/// What a third-person pronoun can refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PronounClass {
    /// he, him, his, himself.
    Male,
    /// she, her, hers, herself.
    Female,
    /// it, its, itself: a non-person (organisation, country, place).
    Neuter,
    /// they, them, their, theirs, themselves.
    Plural,
}

/// The class of a third-person pronoun (lowercased form) and whether it is reflexive.
pub(crate) fn pronoun(lower: &str) -> Option<(PronounClass, bool)> {
    use PronounClass::*;
    Some(match lower {
        "he" | "him" | "his" => (Male, false),
        "himself" => (Male, true),
        "she" | "her" | "hers" => (Female, false),
        "herself" => (Female, true),
        "it" | "its" => (Neuter, false),
        "itself" => (Neuter, true),
        "they" | "them" | "their" | "theirs" => (Plural, false),
        "themselves" => (Plural, true),
        _ => return None,
    })
}

/// Title and role nouns for persons, each mapped to its synonym class. A definite noun
/// phrase headed by one of these ("the foreign minister") can refer back to a person
/// whose name was introduced with a title of the same class.
#[rustfmt::skip]
const PERSON_ROLES: &[(&str, &str)] = &[
    ("president", "president"), ("vice-president", "vice-president"),
    ("minister", "minister"), ("premier", "premier"), ("chancellor", "chancellor"),
    ("secretary", "secretary"),
    ("secretary-general", "leader"), ("director-general", "leader"), ("chief", "leader"),
    ("head", "leader"), ("leader", "leader"), ("boss", "leader"),
    ("chairman", "chair"), ("chairwoman", "chair"), ("chairperson", "chair"), ("chair", "chair"),
    ("spokesman", "spokesperson"), ("spokeswoman", "spokesperson"),
    ("spokesperson", "spokesperson"),
    ("ambassador", "ambassador"), ("envoy", "envoy"), ("governor", "governor"),
    ("mayor", "mayor"), ("king", "king"), ("queen", "queen"), ("prince", "prince"),
    ("princess", "princess"), ("emperor", "emperor"), ("pope", "pope"),
    ("senator", "senator"), ("congressman", "lawmaker"), ("congresswoman", "lawmaker"),
    ("lawmaker", "lawmaker"), ("legislator", "lawmaker"), ("mp", "lawmaker"),
    ("general", "general"), ("commander", "commander"), ("colonel", "colonel"),
    ("admiral", "admiral"), ("judge", "judge"), ("justice", "judge"),
    ("prosecutor", "prosecutor"), ("attorney", "attorney"), ("lawyer", "lawyer"),
    ("director", "director"), ("ceo", "ceo"), ("executive", "executive"),
    ("founder", "founder"), ("candidate", "candidate"), ("nominee", "candidate"),
    ("rapporteur", "rapporteur"), ("deputy", "deputy"), ("coach", "coach"),
    ("captain", "captain"), ("diplomat", "diplomat"), ("official", "official"),
    ("negotiator", "negotiator"), ("activist", "activist"), ("author", "author"),
    ("professor", "professor"), ("doctor", "doctor"), ("bishop", "bishop"),
    ("archbishop", "archbishop"), ("sheikh", "sheikh"), ("ayatollah", "ayatollah"),
    ("cardinal", "cardinal"), ("president-elect", "president-elect"),
];

/// Classes that head nouns of the "leader" kind also reach: "the Russian leader" after
/// "President Vladimir Putin", "the WHO chief" after "WHO Director-General".
const TOP_CLASSES: &[&str] =
    &["leader", "president", "premier", "chancellor", "chair", "king", "queen", "emperor", "ceo"];

/// The synonym class of a person role noun (lowercased lemma).
pub(crate) fn person_role(lemma: &str) -> Option<&'static str> {
    PERSON_ROLES.iter().find(|(w, _)| *w == lemma).map(|&(_, c)| c)
}

/// True when a noun phrase whose head is of class `np_class` can refer to someone
/// introduced with a title of class `title_class`.
pub(crate) fn role_classes_match(np_class: &str, title_class: &str) -> bool {
    np_class == title_class || np_class == "leader" && TOP_CLASSES.contains(&title_class)
}

/// Nouns that name an organisation generically ("the group", "the company"). A definite
/// phrase headed by one refers back to the organisation named last, when only one is near.
#[rustfmt::skip]
const ORG_GENERIC: &[&str] = &[
    "organisation", "organization", "group", "company", "firm", "agency", "body",
    "alliance", "bloc", "movement", "party", "union", "association", "institute",
    "ministry", "department", "army", "militia",
    "council", "commission", "committee", "bank", "university", "network",
    "newspaper", "club", "team", "corporation", "charity", "coalition", "office",
];

/// True for a generic organisation noun (lowercased lemma).
pub(crate) fn org_noun(lemma: &str) -> bool {
    ORG_GENERIC.contains(&lemma)
}

/// Nouns that name a country or another polity generically ("the country").
const PLACE_GENERIC: &[&str] = &["country"];

/// True for a generic place noun (lowercased lemma).
pub(crate) fn place_noun(lemma: &str) -> bool {
    PLACE_GENERIC.contains(&lemma)
}

/// Spelling variants that count as the same word when matching a role phrase to a name
/// ("the organisation" and "World Health Organization").
pub(crate) fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let norm = |w: &str| w.replace("isation", "ization").replace('-', "");
    norm(a) == norm(b)
}

/// Gender carried by a title or kinship word next to a name (lowercased, no final dot).
#[rustfmt::skip]
pub(crate) fn gendered_word(lower: &str) -> Option<Gender> {
    match lower {
        "mr" | "sir" | "lord" | "king" | "prince" | "emperor" | "pope" | "father" | "son"
        | "brother" | "husband" | "uncle" | "nephew" | "grandfather" | "boy" | "man"
        | "spokesman" | "chairman" | "congressman" | "businessman" | "sheikh" | "duke"
        | "monsieur" | "señor" | "herr" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "madam" | "lady" | "dame" | "queen" | "princess" | "empress"
        | "mother" | "daughter" | "sister" | "wife" | "aunt" | "niece" | "grandmother"
        | "girl" | "woman" | "spokeswoman" | "chairwoman" | "congresswoman"
        | "businesswoman" | "duchess" | "madame" | "señora" | "frau" => Some(Gender::Female),
        _ => None,
    }
}

/// Common first names of news persons, by gender. Not meant to be complete: a person
/// whose first name is not here gets a gender from a title or from the first pronoun
/// resolved to them, and otherwise agrees with both he and she.
#[rustfmt::skip]
const MALE_NAMES: &[&str] = &[
    "abdul", "abdullah", "ahmed", "ahmad", "alan", "alexander", "alexei", "ali", "andrew",
    "angel", "anthony", "antonio", "antónio", "ashraf", "barack", "benjamin", "bernie", "bill",
    "bob", "boris", "brian", "charles", "chris", "christopher", "daniel", "david", "dmitry",
    "donald", "edward", "emmanuel", "emmerson", "eric", "francis", "frank", "george", "gerhard",
    "hassan", "henry", "hugo", "ibrahim", "igor", "ivan", "jack", "jacob", "james", "jeff",
    "jens", "jim", "joe", "john", "jose", "josé", "joseph", "juan", "justin", "kevin", "khalid",
    "kim", "kofi", "lee", "luis", "mahmoud", "mark", "martin", "matthew", "michael", "mike",
    "mikhail", "mohamed", "mohammed", "muhammad", "narendra", "nicolas", "nicolás", "olaf",
    "omar", "paul", "pedro", "peter", "recep", "richard", "rishi", "robert", "ron", "sam",
    "samuel", "scott", "sergei", "sergey", "stephen", "steve", "thomas", "tim", "tom", "tony",
    "viktor", "vladimir", "volodymyr", "walter", "william", "xi", "yoweri", "yuri", "abiy",
    "cyril", "jair", "luiz", "imran", "shinzo", "fumio", "moon", "bashar", "hosni", "muammar",
    "saddam", "yasser", "ehud", "ariel", "naftali", "yair", "ismail", "yahya", "ban", "antony",
    "lloyd", "jake", "rex", "wang", "li", "gordon", "nick", "keir", "rahul", "ramzan", "aaron",
    "adam", "adrian", "alberto", "alex", "alfred", "andre", "andrés", "andy", "arnold",
    "arthur", "barry", "ben", "bernard", "billy", "brad", "bruce", "bryan", "carl", "carlos",
    "chad", "charlie", "craig", "dan", "danny", "darren", "dave", "dean", "dennis", "derek",
    "diego", "dominic", "doug", "douglas", "duncan", "dylan", "ed", "eddie", "edgar", "emil",
    "ernest", "ethan", "eugene", "fernando", "fred", "frederick", "gabriel", "gary", "gavin",
    "geoffrey", "gerald", "gilbert", "giuseppe", "glenn", "graham", "greg", "gregory", "guy",
    "hans", "harold", "harry", "harvey", "howard", "ian", "isaac", "jacques", "jamal", "jason",
    "javier", "jeffrey", "jeremy", "jerry", "jesse", "joel", "johnny", "jon", "jonathan",
    "jordan", "jorge", "josh", "joshua", "julian", "karl", "keith", "ken", "kenneth", "kyle",
    "larry", "lawrence", "leo", "leonard", "lewis", "louis", "luke", "manuel", "marco",
    "marcus", "mario", "matt", "max", "michel", "miguel", "mitch", "nathan", "neil", "nelson",
    "nicholas", "noah", "norman", "oliver", "oscar", "patrick", "phil", "philip", "phillip",
    "pierre", "rafael", "ralph", "randy", "ray", "raymond", "ricardo", "rick", "ricky", "rob",
    "robin", "rodrigo", "roger", "roland", "ronald", "ross", "roy", "russell", "ryan", "salman",
    "sean", "sebastian", "simon", "stanley", "stefan", "steven", "stuart", "ted", "terry",
    "theodore", "timothy", "todd", "travis", "trevor", "troy", "vincent", "wayne", "wesley",
    "willie", "zach", "abraham", "andrei", "alexey", "dmitri", "nikolai", "pavel",
    "oleg", "andriy", "mykola", "ahmet", "mustafa", "mehmet", "hamid", "hussein", "mahmud",
    "yusuf", "ahmadinejad", "hamza", "elon", "warren", "kanye", "lebron",
];

#[rustfmt::skip]
const FEMALE_NAMES: &[&str] = &[
    "amina", "angela", "ann", "anna", "anne", "barbara", "catherine", "christine", "claudia",
    "dilma", "elizabeth", "emily", "emma", "federica", "giorgia", "hillary", "helen", "indira",
    "jacinda", "jane", "janet", "jennifer", "jill", "julia", "kamala", "karen", "kate",
    "kristalina", "laura", "linda", "liz", "lisa", "margaret", "maria", "marine", "mary",
    "melania", "michelle", "nancy", "nicola", "ngozi", "olena", "patricia", "sarah", "sanna",
    "sophie", "susan", "tsai", "theresa", "ursula", "victoria", "yulia", "zelda", "madeleine",
    "condoleezza", "samantha", "nikki", "aung", "benazir", "golda", "ellen",
    "christiane", "annalena", "mette", "alice", "jessica", "rachel", "rebecca",
    "ruth", "sandra", "natalia", "abigail", "alexandra", "alexis", "alison", "allison",
    "amanda", "amber", "amy", "angelina", "anita", "annie", "april", "ashley", "audrey",
    "beatrice", "becky", "betty", "beverly", "brenda", "bridget", "brittany", "carla", "carmen",
    "carol", "caroline", "carolyn", "cassandra", "charlotte", "chelsea", "cheryl", "chloe",
    "cindy", "claire", "clara", "courtney", "cynthia", "dana", "danielle", "daphne", "debbie",
    "deborah", "denise", "diana", "diane", "donna", "doris", "dorothy", "edith", "eleanor",
    "elena", "elisa", "eliza", "ella", "elsa", "emilia", "erica", "erin", "esther", "eva",
    "eve", "evelyn", "fatima", "fiona", "florence", "frances", "francesca", "gabriela",
    "gabrielle", "gina", "grace", "hannah", "harriet", "hazel", "heather", "heidi", "hilary",
    "holly", "ingrid", "irene", "isabel", "isabella", "jackie", "jacqueline", "jade", "jasmine",
    "jenny", "jo", "joan", "joanna", "joanne", "jodie", "josephine", "joy", "joyce", "judith",
    "judy", "julie", "juliet", "june", "katherine", "kathleen", "kathryn", "kathy", "katie",
    "kelly", "kimberly", "kirsten", "kristen", "kristin", "lana", "leah", "lily", "lindsay",
    "lindsey", "lorraine", "louise", "lucy", "lydia", "lynn", "mackenzie", "madison", "maggie",
    "marie", "marilyn", "marina", "marion", "marjorie", "martha", "megan", "melanie", "melissa",
    "meryl", "mia", "miranda", "molly", "monica", "nadia", "naomi", "natalie", "nina", "nora",
    "olga", "olivia", "paula", "pauline", "penelope", "phoebe", "priscilla", "rachael",
    "regina", "rita", "rosa", "rose", "rosemary", "sabrina", "sally", "sara", "scarlett",
    "serena", "sharon", "sheila", "shirley", "sofia", "sonia", "stephanie", "sylvia", "tamara",
    "tanya", "tara", "teresa", "tiffany", "tina", "tracy", "valerie", "vanessa", "vera",
    "veronica", "virginia", "wendy", "whitney", "yvonne", "zoe",
    "beyoncé", "oprah", "kristi", "marta", "svetlana", "tatiana", "irina", "aisha",
    "layla", "leila", "mariam", "maryam", "zainab", "samira", "yasmin",
];

/// Gender suggested by a first name (lowercased), if the lists know it.
pub(crate) fn first_name_gender(lower: &str) -> Option<Gender> {
    if MALE_NAMES.contains(&lower) {
        Some(Gender::Male)
    } else if FEMALE_NAMES.contains(&lower) {
        Some(Gender::Female)
    } else {
        None
    }
}

/// Common nouns for people, beyond the titles: an unnamed "the mechanic" can be what a
/// "he" refers to, and then the pronoun must not go to a named person.
#[rustfmt::skip]
const PERSON_NOUNS: &[&str] = &[
    "person", "people", "man", "woman", "men", "women", "child", "kid", "baby", "parent",
    "friend", "student", "teacher", "worker", "mechanic", "officer", "soldier", "policeman",
    "resident", "citizen", "victim", "suspect", "witness", "player", "owner", "driver",
    "farmer", "journalist", "reporter", "writer", "artist", "actor", "actress", "singer",
    "scientist", "researcher", "patient", "nurse", "physician", "surgeon", "economist",
    "analyst", "expert", "critic", "manager", "employee", "member", "colleague", "partner",
    "neighbour", "neighbor", "guy", "gentleman", "individual", "fan", "customer", "tutor",
    "priest", "monk", "merchant", "servant", "guard", "pilot", "engineer", "historian",
    "poet", "novelist", "scholar", "user", "applicant", "defendant", "plaintiff", "client",
    "protester", "demonstrator", "rebel", "fighter", "militant", "gunman", "attacker",
    "survivor", "hostage", "prisoner", "refugee", "migrant", "voter", "supporter", "opponent",
    "rival", "winner", "loser", "hero", "villain", "stranger", "host", "guest", "visitor",
    "cousin", "grandson", "granddaughter", "child", "toddler", "teenager", "adult", "infant",
    "brother-in-law", "fiancé", "fiancée", "boyfriend", "girlfriend", "spouse", "widow",
    "widower", "dad", "mom", "mum", "father-in-law", "mother-in-law", "character",
    "protagonist", "narrator", "speaker", "listener", "viewer", "reader", "caller",
];

/// True for a noun (lowercased lemma) that names a person.
pub(crate) fn person_noun(lemma: &str) -> bool {
    PERSON_NOUNS.contains(&lemma)
        || person_role(lemma).is_some()
        || gendered_word(lemma).is_some()
        || lemma.len() > 5
            && (lemma.ends_with("ist") || lemma.ends_with("ian") && lemma != "median")
        || lemma.len() > 4 && (lemma.ends_with("man") || lemma.ends_with("woman"))
}

/// Verbs that attribute a quote to their subject (lemmas).
#[rustfmt::skip]
pub(crate) fn speech_verb(lemma: &str) -> bool {
    matches!(
        lemma,
        "say" | "tell" | "add" | "explain" | "note" | "state" | "write" | "claim" | "announce"
            | "ask" | "reply" | "insist" | "argue" | "warn" | "declare" | "comment" | "describe"
            | "recall" | "admit" | "suggest" | "conclude" | "tweet" | "post" | "answer"
            | "respond" | "stress" | "emphasise" | "emphasize" | "continue" | "observe"
    )
}

/// Words a title phrase may carry that do not restrict who it refers to.
pub(crate) fn ignorable_modifier(lower: &str) -> bool {
    matches!(lower, "the" | "a" | "an" | "'s" | "’s" | "'" | "’" | "top" | "-" | "of")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leader_words_reach_top_titles_only() {
        let chief = person_role("chief").unwrap();
        assert!(role_classes_match(chief, person_role("secretary-general").unwrap()));
        assert!(role_classes_match(chief, person_role("president").unwrap()));
        assert!(!role_classes_match(person_role("president").unwrap(), chief));
        assert!(!role_classes_match(chief, person_role("spokesman").unwrap()));
    }

    #[test]
    fn spelling_variants_match() {
        assert!(same_word("organisation", "organization"));
        assert!(!same_word("ministry", "minister"));
    }
}
