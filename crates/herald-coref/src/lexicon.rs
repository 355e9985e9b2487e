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
    "ministry", "department", "government", "administration", "army", "militia",
    "council", "commission", "committee", "court", "bank", "university", "network",
    "newspaper", "club", "team", "corporation", "charity", "coalition", "office",
];

/// True for a generic organisation noun (lowercased lemma).
pub(crate) fn org_noun(lemma: &str) -> bool {
    ORG_GENERIC.contains(&lemma)
}

/// Nouns that name a country or another polity generically ("the country").
const PLACE_GENERIC: &[&str] = &["country", "nation", "city", "town", "island", "region"];

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
    "angel", "anthony", "antonio", "antónio", "ashraf", "barack", "benjamin", "bernie",
    "bill", "bob", "boris", "brian", "charles", "chris", "christopher", "daniel", "david",
    "dmitry", "donald", "edward", "emmanuel", "emmerson", "eric", "francis", "frank",
    "george", "gerhard", "hassan", "henry", "hugo", "ibrahim", "igor", "ivan", "jack",
    "jacob", "james", "jean", "jeff", "jens", "jim", "joe", "john", "jose", "josé", "joseph",
    "juan", "justin", "kevin", "khalid", "kim", "kofi", "lee", "luis", "mahmoud", "mark",
    "martin", "matthew", "michael", "mike", "mikhail", "mohamed", "mohammed", "muhammad",
    "narendra", "nicolas", "nicolás", "olaf", "omar", "paul", "pedro", "peter", "recep",
    "richard", "rishi", "robert", "ron", "sam", "samuel", "scott", "sergei", "sergey",
    "stephen", "steve", "thomas", "tim", "tom", "tony", "viktor", "vladimir", "volodymyr",
    "walter", "william", "xi", "yoweri", "yuri", "abiy", "cyril", "jair", "luiz", "imran",
    "shinzo", "fumio", "moon", "bashar", "hosni", "muammar", "saddam", "yasser", "ehud",
    "ariel", "naftali", "yair", "ismail", "yahya", "ban", "antony", "lloyd",
    "jake", "rex", "mike", "wang", "li", "gordon", "nick", "keir", "rahul", "ramzan",
];

#[rustfmt::skip]
const FEMALE_NAMES: &[&str] = &[
    "amina", "angela", "ann", "anna", "anne", "barbara", "catherine", "christine",
    "claudia", "dilma", "elizabeth", "emily", "emma", "federica", "giorgia", "hillary",
    "helen", "indira", "jacinda", "jane", "janet", "jennifer", "jill", "julia", "kamala",
    "karen", "kate", "kristalina", "laura", "linda", "liz", "lisa", "margaret", "maria",
    "marine", "mary", "melania", "michelle", "nancy", "nicola", "ngozi", "olena", "patricia",
    "sarah", "sanna", "sophie", "susan", "tsai", "theresa", "ursula",
    "victoria", "yulia", "zelda", "madeleine", "condoleezza", "samantha", "nikki",
    "manju", "aung", "benazir", "golda", "ellen", "christiane", "annalena", "mette",
    "gloria", "alice", "jessica", "rachel", "rebecca", "ruth", "sandra", "natalia",
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
