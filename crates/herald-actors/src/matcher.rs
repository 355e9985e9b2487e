//! Longest-match phrase lookup over tokens: one upper-casing and one hash lookup per token,
//! then a check of the few phrases that start with that word, longest first.

use std::collections::HashMap;

use crate::{ActorEntry, AgentEntry, Country};

/// What a matched phrase names: an index into the dictionary's actors, agents or countries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Hit {
    /// A named actor (a person, an organisation, a country's institution).
    Actor(usize),
    /// A role noun phrase (`foreign minister`, `rebels`).
    Agent(usize),
    /// A country's name.
    Country(usize),
    /// A country's demonym or adjective (`Russian`, `Russians`).
    Demonym(usize),
    /// A country's capital (`Moscow`).
    Capital(usize),
}

impl Hit {
    /// True for hits that name something (and so are capitalised in English text), as
    /// opposed to role nouns.
    fn is_name(self) -> bool {
        !matches!(self, Hit::Agent(_))
    }
}

/// A dictionary phrase found in a token sequence: tokens `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// What it names.
    pub target: Hit,
}

#[derive(Clone, Debug)]
struct Pattern {
    /// Word ids after the first.
    rest: Box<[u32]>,
    target: Hit,
    /// A short all-capitals single name (`US`, `UN`): the token must be all capitals too,
    /// so that the pronoun "us" or "Un" at a sentence start do not match. Role nouns of
    /// three letters ("men", "spy") are not.
    acronym: bool,
}

/// The phrase index of an [`ActorDict`](crate::ActorDict).
#[derive(Clone, Debug, Default)]
pub struct Matcher {
    vocab: HashMap<Box<str>, u32>,
    by_first: HashMap<u32, Vec<Pattern>>,
    /// Agents whose phrase is also an actor's name (`SECURITY_COUNCIL` is a role noun and
    /// the UN's Security Council): agent index → actor index.
    shadowed: HashMap<usize, usize>,
    /// Actors whose name is also an earlier actor's (`PRESIDENT_BUSH` is both Bushes):
    /// the actor the phrase reports → the ones it hides, so a date can choose.
    hidden: HashMap<usize, Vec<usize>>,
}

impl Matcher {
    /// Indexes every phrase. For a phrase listed more than once, countries win over actors
    /// (they carry the name/demonym/capital distinction) and later entries over earlier
    /// ones (a user's dictionary over the shipped one).
    pub(crate) fn build(
        actors: &[ActorEntry],
        agents: &[AgentEntry],
        countries: &[Country],
    ) -> Matcher {
        let mut m = Matcher::default();
        let mut seen: HashMap<Vec<u32>, (u32, usize)> = HashMap::new();
        for (i, a) in actors.iter().enumerate() {
            for name in &a.names {
                m.insert(&mut seen, name, Hit::Actor(i));
            }
        }
        for (i, a) in agents.iter().enumerate() {
            m.insert(&mut seen, &a.words, Hit::Agent(i));
        }
        for (i, c) in countries.iter().enumerate() {
            for name in &c.names {
                m.insert(&mut seen, name, Hit::Country(i));
            }
            for d in &c.demonyms {
                m.insert(&mut seen, d, Hit::Demonym(i));
            }
            for cap in &c.capitals {
                m.insert(&mut seen, cap, Hit::Capital(i));
            }
        }
        for list in m.by_first.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
        }
        m
    }

    fn insert(
        &mut self,
        seen: &mut HashMap<Vec<u32>, (u32, usize)>,
        words: &[String],
        target: Hit,
    ) {
        // The tokenizer splits hyphens off ("Secretary - General", as UD does) and the
        // dictionaries spell such words both ways: hyphens are no part of a phrase.
        let folded: Vec<String> = words.iter().map(|w| w.chars().map(fold).collect()).collect();
        let words: Vec<&str> =
            folded.iter().flat_map(|w| w.split('-')).filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            return;
        }
        let ids: Vec<u32> = words.iter().map(|w| self.intern(w)).collect();
        // Role nouns are no acronyms ("men", "boy", "spy").
        let acronym = target.is_name()
            && words.len() == 1
            && words[0].len() <= 3
            && words[0].chars().all(|c| c.is_ascii_uppercase());
        let pattern = Pattern { rest: ids[1..].into(), target, acronym };
        let list = self.by_first.entry(ids[0]).or_default();
        match seen.get(&ids) {
            Some(&(_, at)) => {
                match (list[at].target, target) {
                    (Hit::Actor(actor), Hit::Agent(agent)) => {
                        self.shadowed.insert(agent, actor);
                    }
                    (Hit::Actor(old), Hit::Actor(new)) if old != new => {
                        let mut hidden = self.hidden.remove(&old).unwrap_or_default();
                        hidden.push(old);
                        let list = self.hidden.entry(new).or_default();
                        for h in hidden {
                            if !list.contains(&h) {
                                list.push(h);
                            }
                        }
                    }
                    _ => {}
                }
                let list = self.by_first.entry(ids[0]).or_default();
                list[at] = pattern;
            }
            None => {
                seen.insert(ids.clone(), (ids[0], list.len()));
                list.push(pattern);
            }
        }
    }

    fn intern(&mut self, word: &str) -> u32 {
        let next = self.vocab.len() as u32;
        *self.vocab.entry(word.into()).or_insert(next)
    }

    /// The actor whose name is the same phrase as agent `agent` (which the matcher reports,
    /// as [`Hit::Agent`]).
    pub fn actor_of_agent(&self, agent: usize) -> Option<usize> {
        self.shadowed.get(&agent).copied()
    }

    /// Earlier actors that share a name with actor `actor` (which the matcher reports).
    pub fn hidden_by(&self, actor: usize) -> &[usize] {
        self.hidden.get(&actor).map_or(&[], Vec::as_slice)
    }

    /// Number of distinct words in the index.
    pub fn vocabulary_len(&self) -> usize {
        self.vocab.len()
    }

    /// The leftmost-longest, non-overlapping dictionary phrases in `tokens`. Hyphen tokens
    /// are skipped over, so "Secretary - General" matches `SECRETARY_GENERAL`.
    pub fn find(&self, tokens: &[&str]) -> Vec<Match> {
        let mut upper = String::new();
        // Positions of the tokens that take part in matching, and their word ids.
        let mut at = Vec::with_capacity(tokens.len());
        let mut ids = Vec::with_capacity(tokens.len());
        for (i, t) in tokens.iter().enumerate() {
            if matches!(*t, "-" | "\u{2010}" | "\u{2011}") {
                continue;
            }
            upper.clear();
            upper.extend(t.chars().flat_map(char::to_uppercase).map(fold));
            at.push(i);
            ids.push(self.vocab.get(upper.as_str()).copied());
        }
        let mut out = Vec::new();
        let mut k = 0;
        while k < ids.len() {
            let mut found = ids[k].and_then(|first| self.longest_at(tokens, &at, &ids, k, first));
            // An entry that starts with the article ("THE_UN_") does not hide a longer name
            // after the article ("the UN refugee agency", "the US State Department").
            if found.is_some() && tokens[at[k]].eq_ignore_ascii_case("the") && k + 1 < ids.len() {
                let next =
                    ids[k + 1].and_then(|first| self.longest_at(tokens, &at, &ids, k + 1, first));
                if let (Some((end, _)), Some((next_end, _))) = (found, next) {
                    if next_end > end {
                        k += 1;
                        found = next;
                    }
                }
            }
            match found {
                Some((end, target)) => {
                    out.push(Match { start: at[k], end: at[end - 1] + 1, target });
                    k = end;
                }
                None => k += 1,
            }
        }
        out
    }

    /// The longest phrase starting at filtered position `k`: its filtered end and target.
    fn longest_at(
        &self,
        tokens: &[&str],
        at: &[usize],
        ids: &[Option<u32>],
        k: usize,
        first: u32,
    ) -> Option<(usize, Hit)> {
        self.by_first.get(&first)?.iter().find_map(|p| {
            let end = k + 1 + p.rest.len();
            if end > ids.len() || !p.rest.iter().zip(&ids[k + 1..end]).all(|(w, t)| Some(*w) == *t)
            {
                return None;
            }
            // Names are capitalised somewhere ("the West", "United Nations"); role nouns
            // need not be.
            let capitalised = at[k..end].iter().any(|&i| {
                tokens[i].chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            });
            if p.target.is_name() && !capitalised {
                return None;
            }
            if p.acronym && !tokens[at[k]].chars().all(|c| c.is_uppercase() || c == '.') {
                return None;
            }
            Some((end, p.target))
        })
    }
}

/// An upper-case letter without its accent (`É` → `E`, `Š` → `S`): news spells names with
/// accents ("Médecins Sans Frontières") that the dictionaries mostly leave out, and the
/// other way round.
fn fold(c: char) -> char {
    match c {
        'À'..='Å' | 'Ā' | 'Ă' | 'Ą' => 'A',
        'Ç' | 'Ć' | 'Č' => 'C',
        'Ď' | 'Đ' => 'D',
        'È'..='Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => 'E',
        'Ğ' => 'G',
        'Ì'..='Ï' | 'Ī' | 'İ' => 'I',
        'Ł' => 'L',
        'Ñ' | 'Ń' | 'Ň' => 'N',
        'Ò'..='Ö' | 'Ø' | 'Ō' | 'Ő' => 'O',
        'Ř' => 'R',
        'Ś' | 'Ş' | 'Š' => 'S',
        'Ţ' | 'Ť' => 'T',
        'Ù'..='Ü' | 'Ū' | 'Ů' | 'Ű' => 'U',
        'Ý' | 'Ÿ' => 'Y',
        'Ź' | 'Ż' | 'Ž' => 'Z',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use crate::tabari::{parse_actors, parse_agents};
    use crate::{ActorDict, Hit};

    fn dict() -> ActorDict {
        let actors = parse_actors("UN_ [IGOUNO]\nUNITED_NATIONS_ [IGOUNO]\nUNITED_NATIONS_SECURITY_COUNCIL_ [IGOUNOSCN]\nUS_ [USA]\n");
        let agents =
            parse_agents("SECURITY_FORCES [~COP]\nFOREIGN_MINISTER [~GOVFRM]\nSPY [~SPY]\n");
        ActorDict::new(actors.entries, agents.entries, Vec::new())
    }

    fn spans(tokens: &str) -> Vec<(usize, usize)> {
        let d = dict();
        let toks: Vec<&str> = tokens.split(' ').collect();
        d.matcher().find(&toks).iter().map(|m| (m.start, m.end)).collect()
    }

    #[test]
    fn longest_match_wins() {
        assert_eq!(spans("the United Nations Security Council met"), vec![(1, 5)]);
        assert_eq!(spans("the United Nations met"), vec![(1, 3)]);
        assert_eq!(spans("the United - Nations met"), vec![(1, 4)]);
    }

    #[test]
    fn names_need_capitals_and_acronyms_all_capitals() {
        assert_eq!(spans("tell us about the US"), vec![(4, 5)]);
        assert_eq!(spans("Us and the UN"), vec![(3, 4)]);
        assert_eq!(spans("security forces and the foreign minister"), vec![(0, 2), (4, 6)]);
        assert_eq!(spans("the Spy and the spy"), vec![(1, 2), (4, 5)]);
    }

    #[test]
    fn accents_do_not_matter() {
        let d = ActorDict::new(
            parse_actors("MEDECINS_SANS_FRONTIERES_ [NGOHLHMSF]\nÉLYSÉE_ [FRAGOV]\n").entries,
            Vec::new(),
            Vec::new(),
        );
        assert_eq!(d.matcher().find(&["Médecins", "Sans", "Frontières", "said"]).len(), 1);
        assert_eq!(d.matcher().find(&["the", "Elysee", "said"]).len(), 1);
    }

    #[test]
    fn an_article_entry_does_not_hide_a_longer_name_after_the_article() {
        let actors = parse_actors("THE_US_ [USA]\nUS_STATE_DEPARTMENT_ [USAGOV]\n");
        let d = ActorDict::new(actors.entries, Vec::new(), Vec::new());
        let found = d.matcher().find(&["The", "US", "State", "Department", "said"]);
        assert_eq!(found.iter().map(|m| (m.start, m.end)).collect::<Vec<_>>(), [(1, 4)]);
        let found = d.matcher().find(&["The", "US", "said"]);
        assert_eq!(found.iter().map(|m| (m.start, m.end)).collect::<Vec<_>>(), [(0, 2)]);
    }

    #[test]
    fn a_later_entry_for_the_same_phrase_wins() {
        let mut d = dict();
        d.extend(parse_actors("UN_ [XXX]\n").entries, Vec::new());
        let m = d.matcher().find(&["UN"]);
        let Hit::Actor(i) = m[0].target else { panic!() };
        assert_eq!(d.actors()[i].codes[0].code, "XXX");
    }
}
