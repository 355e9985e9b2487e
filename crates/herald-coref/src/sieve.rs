//! The multi-pass sieve. Each pass links one kind of mention with the evidence it trusts,
//! most precise first (Lee et al. 2013): syntax (appositions, predicate nominatives), then
//! title compatibility for role phrases, then agreement and salience for pronouns. A later
//! pass sees the links of the earlier ones: a pronoun may find its antecedent in a role
//! phrase, and a gender learned from "his wife" or a first "he" constrains later pronouns.

use herald_doc::{Doc, Mention, Span, Upos};

use crate::lexicon::{self, Gender, PronounClass};

/// Knobs of the sieve. The defaults are the measured configuration (see
/// `bench/coref/RESULTS.md`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Pass 1: appositions ("Petrov, the Russian foreign minister,") and predicate
    /// nominatives ("Hartmann is the head of the UN").
    pub appositions: bool,
    /// Pass 2: definite role and title phrases ("the UN chief", "the ministry").
    pub roles: bool,
    /// Pass 3: third-person pronouns (he, she, it and their forms).
    pub pronouns: bool,
    /// Whether `they`/`them`/`their` may refer to an organisation or a group. Off by
    /// default: in news "they" refers far more often to an unnamed group of people than
    /// to a named organisation, and a wrong link costs more than a missing one.
    pub plural_pronouns: bool,
    /// How many sentences before the pronoun's own sentence an antecedent may lie in.
    pub pronoun_window: u32,
    /// How many sentences back a generic phrase ("the group", "the country") may look
    /// for the one organisation or place it stands for.
    pub generic_window: u32,
    /// Pass 4: "I", "me", "my" inside a quote join the quote's speaker when the
    /// attribution names them ('"I am ready," Hartmann said').
    pub quote_speakers: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            appositions: true,
            roles: true,
            pronouns: true,
            plural_pronouns: false,
            pronoun_window: 2,
            generic_window: 2,
            quote_speakers: true,
        }
    }
}

/// Adds role-phrase and pronoun mentions to the entities of `doc`, with the default
/// [`Config`].
///
/// Run it after the entity grouping (`herald_entities::group`): it only adds mentions to
/// existing entities and never creates one. It needs the tagger's and parser's columns;
/// on a document without them it changes nothing. Each entity's mentions stay in text
/// order; no two mentions of an entity overlap, and no span becomes a mention twice.
pub fn resolve(doc: &mut Doc) {
    resolve_with(doc, &Config::default());
}

/// [`resolve`] with explicit knobs.
pub fn resolve_with(doc: &mut Doc, config: &Config) {
    if doc.layers.entities.is_empty() || doc.sentences.is_empty() || !doc.tokens.is_parsed() {
        return;
    }
    let added = {
        let mut sieve = Sieve::new(doc, config);
        sieve.run();
        sieve.added
    };
    for (entity, start, end) in added {
        let span = Span::new(
            doc.tokens.spans[start as usize].start,
            doc.tokens.spans[end as usize - 1].end,
        );
        doc.layers.entities[entity].mentions.push(Mention::new(span));
    }
    for entity in &mut doc.layers.entities {
        entity.mentions.sort_by_key(|m| (m.span.start, m.span.end));
        entity.mentions.dedup();
    }
}

/// What kind of thing an entity is, for agreement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Person,
    Org,
    Place,
    /// Nationalities and groups (`NORP`): plural by nature.
    Group,
    Other,
}

/// A title or description seen with an entity's name: its synonym class ("leader" for
/// "Secretary-General") and its modifier words ("un").
#[derive(Clone, Debug)]
struct Title {
    class: String,
    mods: Vec<String>,
}

/// What the sieve knows about an entity.
#[derive(Clone, Debug)]
struct Ent {
    kind: Kind,
    gender: Option<Gender>,
    /// Two genders were suggested: agree with neither gendered pronoun.
    gender_conflict: bool,
    titles: Vec<Title>,
    /// Lowercased words of its names and descriptions, for modifier compatibility.
    words: Vec<String>,
    /// Lowercased head words of its names ("organization" for "World Health
    /// Organization"): what a definite phrase may repeat to refer back to it.
    heads: Vec<String>,
}

/// A mention as the sieve sees it: tokens `[start, end)`, its syntactic head, its entity.
#[derive(Clone, Copy, Debug)]
struct M {
    start: u32,
    end: u32,
    head: u32,
    entity: usize,
}

struct Sieve<'a> {
    doc: &'a Doc,
    cfg: &'a Config,
    /// Sentence index of each token.
    sent: Vec<u32>,
    /// Children of each token (CSR: `children[child_start[t]..child_start[t + 1]]`).
    child_start: Vec<u32>,
    children: Vec<u32>,
    /// True for tokens between quotation marks.
    in_quote: Vec<bool>,
    /// Entity of the name mention covering each token.
    name_entity: Vec<Option<usize>>,
    /// True for tokens that head a mention already: a token heads at most one mention.
    is_head: Vec<bool>,
    mentions: Vec<M>,
    ents: Vec<Ent>,
    /// New mentions: entity index and token range.
    added: Vec<(usize, u32, u32)>,
}

impl<'a> Sieve<'a> {
    fn new(doc: &'a Doc, cfg: &'a Config) -> Sieve<'a> {
        let n = doc.tokens.len();
        let mut sent = vec![u32::MAX; n];
        for (i, s) in doc.sentences.iter().enumerate() {
            let r = s.tokens.start as usize..(s.tokens.end as usize).min(n);
            for t in r {
                sent[t] = i as u32;
            }
        }
        let mut count = vec![0u32; n + 1];
        for t in 0..n {
            if let Some(h) = doc.tokens.head[t].filter(|&h| (h as usize) < n) {
                count[h as usize + 1] += 1;
            }
        }
        for i in 1..=n {
            count[i] += count[i - 1];
        }
        let child_start = count.clone();
        let mut fill = count;
        let mut children = vec![0u32; child_start[n] as usize];
        for t in 0..n {
            if let Some(h) = doc.tokens.head[t].filter(|&h| (h as usize) < n) {
                children[fill[h as usize] as usize] = t as u32;
                fill[h as usize] += 1;
            }
        }
        let mut sieve = Sieve {
            doc,
            cfg,
            sent,
            child_start,
            children,
            in_quote: quote_mask(doc),
            name_entity: vec![None; n],
            is_head: vec![false; n],
            mentions: Vec::new(),
            ents: Vec::new(),
            added: Vec::new(),
        };
        sieve.load_entities();
        sieve
    }

    fn run(&mut self) {
        if self.cfg.appositions {
            self.appositions();
        }
        if self.cfg.roles {
            self.roles();
        }
        if self.cfg.pronouns {
            self.pronouns();
        }
        if self.cfg.quote_speakers {
            self.quote_speakers();
        }
    }

    // ----- token helpers -------------------------------------------------------------

    fn text(&self, t: u32) -> &'a str {
        self.doc.text_of(self.doc.tokens.spans[t as usize])
    }

    fn lower(&self, t: u32) -> String {
        self.text(t).to_lowercase()
    }

    fn lemma(&self, t: u32) -> String {
        match self.doc.tokens.lemma(t as usize) {
            Some(l) if !l.is_empty() && l != "_" => l.to_lowercase(),
            _ => self.lower(t),
        }
    }

    fn upos(&self, t: u32) -> Upos {
        self.doc.tokens.upos[t as usize]
    }

    fn deprel(&self, t: u32) -> &'static str {
        self.doc.tokens.deprel[t as usize]
    }

    fn head(&self, t: u32) -> Option<u32> {
        self.doc.tokens.head[t as usize].filter(|&h| (h as usize) < self.doc.tokens.len())
    }

    fn children(&self, t: u32) -> &[u32] {
        let (a, b) = (self.child_start[t as usize], self.child_start[t as usize + 1]);
        &self.children[a as usize..b as usize]
    }

    fn is_plural(&self, t: u32) -> bool {
        matches!(self.doc.tokens.xpos[t as usize], "NNS" | "NNPS")
    }

    fn is_subject(&self, t: u32) -> bool {
        self.deprel(t).starts_with("nsubj")
    }

    /// The syntactic head of tokens `[start, end)`: the first token whose head lies
    /// outside the range.
    fn range_head(&self, start: u32, end: u32) -> u32 {
        (start..end)
            .find(|&t| self.head(t).is_none_or(|h| h < start || h >= end))
            .unwrap_or(end.saturating_sub(1).max(start))
    }

    /// The leftmost and one-past-rightmost token of `t`'s subtree (bounded walk, so a
    /// malformed tree cannot loop).
    fn subtree(&self, t: u32) -> (u32, u32) {
        let (mut lo, mut hi) = (t, t + 1);
        let mut stack = vec![t];
        let mut budget = self.doc.tokens.len();
        while let Some(x) = stack.pop() {
            if budget == 0 {
                break;
            }
            budget -= 1;
            lo = lo.min(x);
            hi = hi.max(x + 1);
            stack.extend_from_slice(self.children(x));
        }
        (lo, hi)
    }

    /// The role noun a token stands for, joining "Secretary - General" written as three
    /// tokens.
    fn role_lemma(&self, t: u32) -> String {
        if t >= 2 && self.text(t - 1) == "-" && self.sent[t as usize - 2] == self.sent[t as usize] {
            let joined = format!("{}-{}", self.lower(t - 2), self.lower(t));
            if lexicon::person_role(&joined).is_some() {
                return joined;
            }
        }
        self.lemma(t)
    }

    /// True when a noun has a determiner or a possessor ("a citizen", "his wife"): a
    /// predicate without one is often adjectival ("had been subject to").
    fn has_determiner(&self, t: u32) -> bool {
        self.children(t).iter().any(|&c| matches!(self.deprel(c), "det" | "nmod:poss" | "det:poss"))
    }

    /// True for a definite noun phrase head: "the …", "this …", or a possessor.
    fn is_definite(&self, t: u32) -> bool {
        self.children(t).iter().any(|&c| match self.deprel(c) {
            "det" => matches!(self.lower(c).as_str(), "the" | "this" | "that" | "these" | "those"),
            "nmod:poss" | "det:poss" => true,
            _ => false,
        })
    }

    /// The tokens of the noun phrase headed by `t` that a mention covers: its left
    /// modifiers, the head, and an "of" complement ("the head of the agency"); relative
    /// clauses, appositions and other right material stay out.
    fn np(&self, t: u32) -> (u32, u32) {
        let mut start = t;
        let mut end = t + 1;
        for &c in self.children(t) {
            if c < t
                && matches!(
                    self.deprel(c),
                    "det" | "amod" | "compound" | "nmod:poss" | "det:poss" | "nummod" | "flat"
                )
            {
                start = start.min(self.subtree(c).0);
            } else if c > t && self.deprel(c) == "nmod" {
                let of = self
                    .children(c)
                    .iter()
                    .any(|&g| self.deprel(g) == "case" && self.lower(g) == "of");
                if of {
                    end = end.max(self.subtree(c).1);
                }
            }
        }
        (start, end)
    }

    // ----- state -----------------------------------------------------------------------

    /// Reads the entities the grouping made: their mentions as token ranges, kinds, genders
    /// and the titles written next to their names.
    fn load_entities(&mut self) {
        let doc = self.doc;
        let spans = &doc.tokens.spans;
        for (e, entity) in doc.layers.entities.iter().enumerate() {
            let kind = match entity.kind.as_str() {
                "PERSON" | "PER" => Kind::Person,
                "ORG" => Kind::Org,
                "GPE" | "LOC" | "FAC" => Kind::Place,
                "NORP" => Kind::Group,
                _ => Kind::Other,
            };
            self.ents.push(Ent {
                kind,
                gender: None,
                gender_conflict: false,
                titles: Vec::new(),
                words: Vec::new(),
                heads: Vec::new(),
            });
            for m in &entity.mentions {
                let start = spans.partition_point(|s| s.start < m.span.start) as u32;
                let end = spans.partition_point(|s| s.start < m.span.end) as u32;
                if start >= end || spans[start as usize].start != m.span.start {
                    continue;
                }
                let head = self.range_head(start, end);
                self.mentions.push(M { start, end, head, entity: e });
                self.is_head[head as usize] = true;
                for t in start..end {
                    self.name_entity[t as usize] = Some(e);
                }
            }
        }
        for i in 0..self.mentions.len() {
            self.describe_name(self.mentions[i]);
        }
    }

    /// Learns from one name mention: its words, the gender of its first name, and the title
    /// written before it ("Russian Foreign Minister Sergei Petrov", "Mr Smith").
    fn describe_name(&mut self, m: M) {
        let e = m.entity;
        let mut prefix: Vec<u32> = Vec::new();
        let mut k = m.start;
        // Walk left over the modifiers that attach into the name's phrase.
        while k > 0 && self.sent[k as usize - 1] == self.sent[m.start as usize] {
            let p = k - 1;
            // "United Nations (UN) Secretary-General": step over a bracketed acronym,
            // keeping what is inside as a modifier.
            if self.text(p) == ")" {
                let lo = p.saturating_sub(6);
                let open = (lo..p).rev().find(|&q| self.text(q) == "(");
                if let Some(q) = open.filter(|&q| self.sent[q as usize] == self.sent[p as usize]) {
                    prefix.extend((q + 1..p).rev());
                    k = q;
                    continue;
                }
            }
            // A hyphen inside a title ("Secretary - General") attaches to its left.
            if self.text(p) == "-" && p > 0 {
                prefix.push(p);
                k = p;
                continue;
            }
            let attaches = self.head(p).is_some_and(|h| h > p && h < m.end);
            let possessive = matches!(self.text(p), "'s" | "’s") && self.deprel(p) == "case";
            let shaped = matches!(self.upos(p), Upos::Propn | Upos::Noun | Upos::Adj | Upos::Punct);
            if !(possessive || attaches && shaped) || self.text(p) == "," {
                break;
            }
            prefix.push(p);
            k = p;
        }
        prefix.reverse();
        // Leading title words inside the name itself, when the recognizer included them.
        let mut first = m.start;
        while first + 1 < m.end && lexicon::person_role(&self.lemma(first)).is_some() {
            prefix.push(first);
            first += 1;
        }
        let words: Vec<String> = (first..m.end).map(|t| self.lower(t)).collect();
        let head_word = self.lower(m.head);
        if !self.ents[e].heads.contains(&head_word) {
            self.ents[e].heads.push(head_word);
        }
        if self.ents[e].kind == Kind::Person {
            let mut g = words.first().and_then(|w| lexicon::first_name_gender(w));
            for &p in &prefix {
                g = g.or_else(|| lexicon::gendered_word(self.lower(p).trim_end_matches('.')));
            }
            if let Some(g) = g {
                self.set_gender(e, g);
            }
        }
        for w in words {
            if !self.ents[e].words.contains(&w) {
                self.ents[e].words.push(w);
            }
        }
        if let Some(&role_tok) =
            prefix.iter().rev().find(|&&p| lexicon::person_role(&self.role_lemma(p)).is_some())
        {
            let class = lexicon::person_role(&self.role_lemma(role_tok)).unwrap_or("").to_owned();
            let mods = prefix
                .iter()
                .filter(|&&p| p != role_tok)
                .flat_map(|&p| self.title_keys(p))
                .collect();
            self.ents[e].titles.push(Title { class, mods });
        }
    }

    /// How a modifier token is compared: a token inside a name stands for that name's
    /// entity ("UN" and "United Nations" are the same modifier); other words by their
    /// lowercased form. `None` for words that restrict nothing.
    fn modifier_key(&self, t: u32) -> Option<String> {
        if let Some(e) = self.name_entity[t as usize] {
            return Some(format!("#{e}"));
        }
        let w = self.lower(t);
        if lexicon::ignorable_modifier(&w) || !w.chars().any(char::is_alphanumeric) {
            return None;
        }
        Some(w)
    }

    /// What a title keeps of a modifier token: its key, and for a token inside a name also
    /// its word, so that "Russia's foreign minister" agrees with a later "the Russian
    /// foreign minister" (words) and "UN Secretary-General" with "the United Nations chief"
    /// (entities).
    fn title_keys(&self, t: u32) -> Vec<String> {
        let mut keys: Vec<String> = self.modifier_key(t).into_iter().collect();
        if self.name_entity[t as usize].is_some() {
            keys.push(self.lower(t));
        }
        keys
    }

    fn set_gender(&mut self, e: usize, g: Gender) {
        let ent = &mut self.ents[e];
        match ent.gender {
            None => ent.gender = Some(g),
            Some(old) if old != g => ent.gender_conflict = true,
            Some(_) => {}
        }
    }

    /// Records a new mention unless its head already heads one or it overlaps a mention
    /// of the same entity. Returns whether it was added.
    fn add(&mut self, entity: usize, start: u32, end: u32, head: u32) -> bool {
        // A malformed tree must not make a mention cross a sentence boundary.
        let sentence = self.sent[head as usize];
        if self.is_head[head as usize]
            || start >= end
            || sentence == u32::MAX
            || self.sent[start as usize] != sentence
            || self.sent[end as usize - 1] != sentence
        {
            return false;
        }
        let overlaps =
            self.mentions.iter().any(|m| m.entity == entity && m.start < end && start < m.end);
        if overlaps {
            return false;
        }
        self.is_head[head as usize] = true;
        self.mentions.push(M { start, end, head, entity });
        self.added.push((entity, start, end));
        true
    }

    // ----- pass 1: appositions and predicate nominatives ------------------------------

    fn appositions(&mut self) {
        let names: Vec<M> = self.mentions.clone();
        for m in names {
            let h = m.head;
            let mut found: Vec<(u32, u32, u32)> = Vec::new();
            // "Petrov, the Russian foreign minister," — the description hangs off the name.
            for &c in self.children(h) {
                if self.deprel(c) == "appos" && self.describes(c) {
                    let (s, e) = self.np(c);
                    found.push((s.max(m.end), e, c));
                }
            }
            if let Some(p) = self.head(h) {
                // "the UN chief, António Hartmann," — the name hangs off the description.
                // Without a determiner or a comma ("war-torn Ukraine") the parse is more
                // often wrong than an apposition.
                if self.deprel(h) == "appos"
                    && p < m.start
                    && self.describes(p)
                    && (self.has_determiner(p) || m.start > 0 && self.text(m.start - 1) == ",")
                {
                    let (s, e) = self.np(p);
                    found.push((s, e.min(m.start), p));
                }
                // "Hartmann is the head of the UN."
                // A predicate with a preposition ("is in the province") is a place, not
                // a description.
                if self.is_subject(h)
                    && p > h
                    && self.describes(p)
                    && self.children(p).iter().any(|&c| self.deprel(c) == "cop")
                    && !self.children(p).iter().any(|&c| self.deprel(c) == "case")
                    && (self.has_determiner(p)
                        || lexicon::person_role(&self.role_lemma(p)).is_some())
                {
                    let (s, e) = self.np(p);
                    found.push((s.max(m.end), e, p));
                }
            }
            for (s, e, head) in found {
                if s <= head && head < e && self.add(m.entity, s, e, head) {
                    self.learn_description(m.entity, s, e, head);
                }
            }
        }
    }

    /// True for a common-noun phrase head that is not part of a name.
    fn describes(&self, t: u32) -> bool {
        let role = lexicon::person_role(&self.role_lemma(t)).is_some();
        self.name_entity[t as usize].is_none()
            && !self.is_plural(t)
            && (self.upos(t) == Upos::Noun || role && self.upos(t) == Upos::Propn)
    }

    /// Learns a title (and a gender) from a description linked to entity `e`.
    fn learn_description(&mut self, e: usize, s: u32, end: u32, head: u32) {
        let lemma = self.role_lemma(head);
        if let Some(g) = lexicon::gendered_word(&lemma) {
            if self.ents[e].kind == Kind::Person {
                self.set_gender(e, g);
            }
        }
        let class = lexicon::person_role(&lemma).map(str::to_owned).unwrap_or(lemma);
        let mods = (s..end).filter(|&t| t != head).flat_map(|t| self.title_keys(t)).collect();
        self.ents[e].titles.push(Title { class, mods });
    }

    // ----- pass 2: role and title phrases ---------------------------------------------

    fn roles(&mut self) {
        let n = self.doc.tokens.len() as u32;
        for t in 0..n {
            if !matches!(self.upos(t), Upos::Noun | Upos::Propn)
                || self.is_head[t as usize]
                || self.name_entity[t as usize].is_some()
                || matches!(self.deprel(t), "compound" | "flat" | "amod" | "flat:name")
                || !self.is_definite(t)
            {
                continue;
            }
            let lemma = self.role_lemma(t);
            if self.is_plural(t) {
                continue;
            }
            if self.upos(t) == Upos::Propn && lexicon::person_role(&lemma).is_none() {
                continue;
            }
            let (s, e) = self.np(t);
            let mods: Vec<u32> =
                (s..e).filter(|&x| x != t && self.modifier_key(x).is_some()).collect();
            // A possessor that is a pronoun ("his ministry") is someone else's thing.
            if mods.iter().any(|&x| self.upos(x) == Upos::Pron) {
                continue;
            }
            let target = if let Some(class) = lexicon::person_role(&lemma) {
                self.match_title(class, &mods, s)
            } else {
                self.match_head(&lemma, &mods, s)
            };
            if let Some(ent) = target {
                self.add(ent, s, e, t);
            }
        }
    }

    /// The last-mentioned entity before token `before` that was given a title compatible
    /// with a role phrase of class `class` and modifiers `mods`.
    fn match_title(&self, class: &str, mods: &[u32], before: u32) -> Option<usize> {
        self.latest_before(before, |sieve, e| {
            let ent = &sieve.ents[e];
            ent.kind == Kind::Person
                && ent.titles.iter().any(|title| {
                    lexicon::role_classes_match(class, &title.class)
                        && mods.iter().all(|&m| sieve.modifier_fits(m, &title.mods, &ent.words))
                })
        })
    }

    /// The entity a non-person phrase refers back to: one whose name contains the head
    /// word ("the ministry" after "the Foreign Ministry"), at any distance; or, for a
    /// generic organisation or place noun with no modifier ("the group", "the country"),
    /// the only organisation or place named in the last few sentences.
    fn match_head(&self, lemma: &str, mods: &[u32], before: u32) -> Option<usize> {
        let by_name = self.latest_before(before, |sieve, e| {
            let ent = &sieve.ents[e];
            matches!(ent.kind, Kind::Org | Kind::Place)
                && ent.heads.iter().any(|w| lexicon::same_word(w, lemma))
                && mods.iter().all(|&m| {
                    sieve.modifier_fits(m, &[], &ent.words)
                        || ent.titles.iter().any(|t| sieve.modifier_fits(m, &t.mods, &[]))
                })
        });
        if by_name.is_some() {
            return by_name;
        }
        let kind = if lexicon::org_noun(lemma) {
            Kind::Org
        } else if lexicon::place_noun(lemma) {
            Kind::Place
        } else {
            return None;
        };
        if !mods.is_empty() {
            return None;
        }
        let s = self.sent[before as usize];
        let lo = s.saturating_sub(self.cfg.generic_window);
        let mut near: Option<usize> = None;
        for m in &self.mentions {
            let ms = self.sent[m.head as usize];
            if m.head < before && ms >= lo && self.ents[m.entity].kind == kind {
                match near {
                    None => near = Some(m.entity),
                    Some(x) if x != m.entity => return None,
                    Some(_) => {}
                }
            }
        }
        near
    }

    /// True when modifier token `m` of a role phrase agrees with a title's modifiers or an
    /// entity's words (a demonym agrees with its country: "Russian" with "Russia").
    fn modifier_fits(&self, m: u32, title_mods: &[String], words: &[String]) -> bool {
        let keys = self.title_keys(m);
        if keys.is_empty() {
            return true;
        }
        let close = |w: &String| {
            keys.iter().any(|key| {
                lexicon::same_word(w, key)
                    || !key.starts_with('#') && !w.starts_with('#') && common_prefix(w, key) >= 4
            })
        };
        title_mods.iter().any(close) || words.iter().any(close)
    }

    /// The entity satisfying `accept` whose latest mention before token `before` is the
    /// latest of all.
    fn latest_before(&self, before: u32, accept: impl Fn(&Self, usize) -> bool) -> Option<usize> {
        let mut best: Option<(u32, usize)> = None;
        for m in &self.mentions {
            if m.end <= before && best.is_none_or(|(pos, _)| m.head > pos) && accept(self, m.entity)
            {
                best = Some((m.head, m.entity));
            }
        }
        best.map(|(_, e)| e)
    }

    // ----- pass 3: pronouns -----------------------------------------------------------

    fn pronouns(&mut self) {
        let mut cands = self.pronoun_candidates();
        let n = self.doc.tokens.len() as u32;
        for t in 0..n {
            if self.is_head[t as usize] || self.sent[t as usize] == u32::MAX {
                continue;
            }
            if !matches!(self.upos(t), Upos::Pron | Upos::Det) || self.deprel(t) == "expl" {
                continue;
            }
            let Some((class, reflexive)) = lexicon::pronoun(&self.lower(t)) else { continue };
            if class == PronounClass::Plural && !self.cfg.plural_pronouns
                || class == PronounClass::Neuter && !reflexive && !self.is_referring_it(t)
            {
                continue;
            }
            let found = self.antecedent(&cands, t, class, reflexive);
            let entity = found.filter(|&e| self.add(e, t, t + 1, t));
            if let Some(e) = entity {
                match class {
                    PronounClass::Male => self.set_gender(e, Gender::Male),
                    PronounClass::Female => self.set_gender(e, Gender::Female),
                    _ => {}
                }
            }
            // Resolved or not, the pronoun is a candidate for the pronouns after it: an
            // unresolved "he" keeps later ones on its unnamed referent.
            let (person, gender) = match class {
                PronounClass::Male => (true, Some(Gender::Male)),
                PronounClass::Female => (true, Some(Gender::Female)),
                _ => (false, None),
            };
            let plural = class == PronounClass::Plural;
            let at = cands.partition_point(|c| c.head < t);
            cands.insert(at, Cand { head: t, entity, person, gender, plural });
        }
    }

    /// Every possible antecedent of a pronoun, in text order: the mentions of entities, and
    /// the other noun phrases, which "block": a pronoun whose best antecedent is an unnamed
    /// "the mechanic" stays unresolved instead of jumping to a named person further back.
    fn pronoun_candidates(&self) -> Vec<Cand> {
        let mut cands: Vec<Cand> = self
            .mentions
            .iter()
            .map(|m| Cand {
                head: m.head,
                entity: Some(m.entity),
                person: false,
                gender: None,
                plural: false,
            })
            .collect();
        for t in 0..self.doc.tokens.len() as u32 {
            let nominal = match self.upos(t) {
                Upos::Noun => true,
                Upos::Propn => self.name_entity[t as usize].is_none(),
                _ => false,
            };
            if !nominal
                || self.is_head[t as usize]
                || matches!(self.deprel(t), "compound" | "flat" | "amod" | "fixed" | "flat:name")
            {
                continue;
            }
            let lemma = self.lemma(t);
            let gender = lexicon::gendered_word(&lemma);
            let person =
                self.upos(t) == Upos::Noun && (gender.is_some() || lexicon::person_noun(&lemma));
            let plural = self.is_plural(t);
            cands.push(Cand { head: t, entity: None, person, gender, plural });
        }
        cands.sort_by_key(|c| c.head);
        cands
    }

    /// True for an "it" worth resolving to an organisation or a place: the subject of a
    /// verb of action ("it said", "it will attack") or the possessive "its". On GUM an "it"
    /// that is an object ("think of it") or the subject of a copula ("it is true", "it was a
    /// provocation") refers to a thing, a situation or nothing far more often than to a named
    /// organisation or country, so resolving it would mostly add wrong links.
    fn is_referring_it(&self, t: u32) -> bool {
        if self.lower(t) != "it" {
            return true;
        }
        let Some(v) = self.head(t) else { return false };
        self.is_subject(t)
            && !self.is_pleonastic(t)
            && matches!(self.upos(v), Upos::Verb)
            && !self.children(v).iter().any(|&c| self.deprel(c) == "cop")
    }

    /// True for an "it" that refers to nothing: "it is time to …", "it is likely that …",
    /// "it seems that …" (the parser does not always say `expl`).
    fn is_pleonastic(&self, t: u32) -> bool {
        if !self.is_subject(t) {
            return false;
        }
        let Some(v) = self.head(t) else { return false };
        let clause = self.children(v).iter().any(|&c| {
            matches!(self.deprel(c), "csubj" | "ccomp" | "xcomp" | "acl" | "advcl" | "csubj:outer")
                && c > v
        });
        let copular = self.children(v).iter().any(|&c| self.deprel(c) == "cop");
        let lemma = self.lemma(v);
        // "it is time (for …) to …" whatever the clause attaches to.
        copular && lemma == "time"
            || clause
                && (copular && self.upos(v) == Upos::Adj
                    || matches!(lemma.as_str(), "seem" | "appear" | "take" | "matter" | "happen"))
    }

    /// True when token `c` is the subject of a speech verb outside quotation marks: the
    /// speaker of a nearby quote.
    fn is_speaker(&self, c: u32) -> bool {
        self.is_subject(c) && self.head(c).is_some_and(|v| lexicon::speech_verb(&self.lemma(v)))
    }

    /// True when candidate `c` can be referred to by a pronoun of class `class`.
    fn agrees(&self, c: &Cand, class: PronounClass) -> bool {
        let (person, gender, plural, conflict) = match c.entity {
            Some(e) => {
                let ent = &self.ents[e];
                (ent.kind == Kind::Person, ent.gender, ent.kind == Kind::Group, ent.gender_conflict)
            }
            None => (c.person, c.gender, c.plural, false),
        };
        match class {
            PronounClass::Male => person && !plural && !conflict && gender != Some(Gender::Female),
            PronounClass::Female => person && !plural && !conflict && gender != Some(Gender::Male),
            PronounClass::Neuter => !person && !plural,
            PronounClass::Plural => match c.entity {
                Some(e) => matches!(self.ents[e].kind, Kind::Org | Kind::Group),
                None => plural,
            },
        }
    }

    /// The subject of the clause of verb `v`, looking through coordination ("met Hartmann
    /// and told him": the subject of "told" is the subject of "met").
    fn clause_subject(&self, v: u32) -> Option<u32> {
        let mut v = v;
        for _ in 0..4 {
            if let Some(&s) = self.children(v).iter().find(|&&c| self.is_subject(c)) {
                return Some(s);
            }
            if self.deprel(v) != "conj" {
                return None;
            }
            v = self.head(v)?;
        }
        None
    }

    /// The antecedent of pronoun `t`, ranked by sentence distance, then grammatical role
    /// (subjects first: the centre of attention), then a gender known to agree, then
    /// recency. No antecedent when the best candidate is an unnamed noun phrase, or when
    /// the best two are different referents equally placed (two subjects in one sentence),
    /// as a wrong link is worse than none.
    fn antecedent(
        &self,
        cands: &[Cand],
        t: u32,
        class: PronounClass,
        reflexive: bool,
    ) -> Option<usize> {
        let s = self.sent[t as usize];
        let lo = s.saturating_sub(self.cfg.pronoun_window) as usize;
        let first = self.doc.sentences.get(lo).map_or(0, |x| x.tokens.start);
        let subject = self.head(t).and_then(|v| self.clause_subject(v));
        // A pronoun that introduces a quote ("…," he said) does not point into the quote.
        let outside_quote = !self.in_quote[t as usize];
        type Key = (u32, bool, bool, std::cmp::Reverse<u32>);
        let mut ranked: Vec<(Key, Option<usize>, u32)> = Vec::new();
        let from = cands.partition_point(|c| c.head < first);
        let to = cands.partition_point(|c| c.head < t);
        // "Microsoft has replaced it": an object pronoun is not its clause's subject, under
        // any of that entity's mentions.
        let banned = match (subject, reflexive) {
            (Some(sub), false) if matches!(self.deprel(t), "obj" | "iobj") => {
                cands[from..to].iter().find(|c| c.head == sub).and_then(|c| c.entity)
            }
            _ => None,
        };
        for c in &cands[from..to] {
            let ms = self.sent[c.head as usize];
            if ms > s || !self.agrees(c, class) || banned.is_some() && c.entity == banned {
                continue;
            }
            // A name used to address someone ("Hey Steve, …") is "you", not "he".
            if matches!(self.deprel(c.head), "vocative" | "dislocated") {
                continue;
            }
            if reflexive {
                if subject != Some(c.head) {
                    continue;
                }
            } else if subject == Some(c.head) && matches!(self.deprel(t), "obj" | "iobj") {
                // "Petrov praised him": him is not Petrov.
                continue;
            }
            if ms == s && outside_quote && self.in_quote[c.head as usize] {
                continue;
            }
            // Inside a quote, the speaker is "I", not "he": '"His work matters," Smith said'
            // and 'Smith said: "his work …"' do not make "his" Smith.
            if !outside_quote
                && s - ms <= 1
                && !self.in_quote[c.head as usize]
                && self.is_speaker(c.head)
            {
                continue;
            }
            let gender = c.entity.map_or(c.gender, |e| self.ents[e].gender);
            let gender_known = match class {
                PronounClass::Male => gender == Some(Gender::Male),
                PronounClass::Female => gender == Some(Gender::Female),
                _ => true,
            };
            let key = (s - ms, !self.is_subject(c.head), !gender_known, std::cmp::Reverse(c.head));
            ranked.push((key, c.entity, c.head));
        }
        ranked.sort();
        let &(best_key, best, best_head) = ranked.first()?;
        let best = best?;
        let rival = ranked.iter().find(|(_, e, h)| match e {
            Some(e) => *e != best,
            None => *h != best_head,
        });
        if let Some((key, _, _)) = rival {
            if key.0 == best_key.0 && key.1 == best_key.1 && key.2 == best_key.2 && !key.1 {
                return None;
            }
        }
        Some(best)
    }
}

impl Sieve<'_> {
    // ----- pass 4: first person inside quotes ------------------------------------------

    fn quote_speakers(&mut self) {
        let n = self.doc.tokens.len() as u32;
        let mut run_speaker: Option<(u32, u32, Option<usize>)> = None;
        for t in 0..n {
            if !self.in_quote[t as usize] || self.is_head[t as usize] {
                continue;
            }
            if !matches!(self.lower(t).as_str(), "i" | "me" | "my" | "myself" | "mine") {
                continue;
            }
            let speaker = match run_speaker {
                Some((a, b, e)) if a <= t && t < b => e,
                _ => {
                    let (a, b) = self.quote_run(t);
                    let e = self.speaker_of(a, b);
                    run_speaker = Some((a, b, e));
                    e
                }
            };
            if let Some(e) = speaker {
                self.add(e, t, t + 1, t);
            }
        }
    }

    /// The run of quoted tokens around token `t`, `[start, end)`.
    fn quote_run(&self, t: u32) -> (u32, u32) {
        let (mut a, mut b) = (t, t + 1);
        while a > 0 && self.in_quote[a as usize - 1] {
            a -= 1;
        }
        while (b as usize) < self.in_quote.len() && self.in_quote[b as usize] {
            b += 1;
        }
        (a, b)
    }

    /// The person a quote `[a, b)` is attributed to: the subject of a speech verb outside
    /// the quote, in the sentence where the quote starts or ends, when that subject is a
    /// mention of a person. `None` when there is none or more than one.
    fn speaker_of(&self, a: u32, b: u32) -> Option<usize> {
        let first = self.sent[a as usize];
        let last = self.sent[b as usize - 1];
        let mut found: Option<usize> = None;
        for s in [first, last] {
            let Some(sentence) = self.doc.sentences.get(s as usize) else { continue };
            for v in sentence.tokens.clone() {
                if v >= a && v < b
                    || self.in_quote[v as usize]
                    || !lexicon::speech_verb(&self.lemma(v))
                {
                    continue;
                }
                for &c in self.children(v) {
                    if !self.is_subject(c) || self.in_quote[c as usize] {
                        continue;
                    }
                    let Some(m) = self.mentions.iter().find(|m| m.head == c) else { continue };
                    if self.ents[m.entity].kind != Kind::Person {
                        continue;
                    }
                    match found {
                        Some(e) if e != m.entity => return None,
                        _ => found = Some(m.entity),
                    }
                }
            }
        }
        found
    }
}

/// A possible antecedent of a pronoun: a mention of an entity, or an unnamed noun phrase
/// or pronoun with its own agreement features.
#[derive(Clone, Copy, Debug)]
struct Cand {
    head: u32,
    entity: Option<usize>,
    person: bool,
    gender: Option<Gender>,
    plural: bool,
}

/// Marks the tokens between quotation marks, paragraph by paragraph (an unclosed quote
/// ends with its paragraph, as news quotes are re-opened at each new paragraph).
fn quote_mask(doc: &Doc) -> Vec<bool> {
    let n = doc.tokens.len();
    let mut mask = vec![false; n];
    let mut open = false;
    let mut paragraph = u32::MAX;
    for s in &doc.sentences {
        if s.paragraph != paragraph {
            paragraph = s.paragraph;
            open = false;
        }
        let range = s.tokens.start as usize..(s.tokens.end as usize).min(n);
        let spans = doc.tokens.spans.get(range.clone()).unwrap_or_default();
        for (inside, span) in mask.get_mut(range).unwrap_or_default().iter_mut().zip(spans) {
            match doc.text_of(*span) {
                "“" | "``" => open = true,
                "”" | "''" => open = false,
                "\"" => open = !open,
                _ => *inside = open,
            }
        }
    }
    mask
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}
