//! Quotes and attribution: direct quotes between quotation marks and reported speech
//! ("X said that …"), each with its speaker, addressee and speech verb.
//!
//! [`annotate`] fills `Doc::layers.quotes`. Direct quotes come from a mark scanner over
//! the text ([`scan::scan`]) and need no linguistic layer; attribution and reported speech
//! use the dependency parse (speech verb → `nsubj` speaker, `obj`/`iobj` addressee,
//! `ccomp` content) and map the words naming a speaker to the document's entities, whose
//! mentions coreference has already linked ("he", "the UN chief").
//!
//! Short quoted phrases that are not speech — scare quotes, titles, partial quotes inside
//! reported speech — are left out of the layer: they are not quotes with a speaker.
#![deny(missing_docs)]

pub mod lexicon;
pub mod scan;

use herald_doc::{Doc, Quote, QuoteKind, Span, Upos};
use lexicon::{
    is_speech, lemma_of_form, ADDRESSING, DIRECT_ONLY, DOCUMENTS, NOT_PEOPLE, ORG_HEADS, ORG_NOUNS,
    PRONOUNS, SPEAKER_ACTS, TIMES,
};
use scan::Marked;

/// Finds every direct quote and reported speech in `doc` and stores them, in text order,
/// in `doc.layers.quotes` (replacing what was there). Needs the text layer; uses the
/// parse and the entities when present. Never panics: text it cannot read gives fewer
/// quotes.
pub fn annotate(doc: &mut Doc) {
    let quotes = Ctx::new(doc).run();
    doc.layers.quotes = quotes;
}

/// Read-only views over a document built once per call.
struct Ctx<'a> {
    doc: &'a Doc,
    text: &'a str,
    parsed: bool,
    children: Vec<Vec<usize>>,
    sent_of: Vec<usize>,
    /// Every entity mention: (span, entity index).
    mentions: Vec<(Span, usize)>,
    paras: Vec<(usize, usize)>,
    /// Outer spans (marks included) of every quoted stretch.
    quoted: Vec<Span>,
}

/// A speaker found for a quote.
#[derive(Clone, Debug, Default)]
struct Who {
    speaker: Option<String>,
    speaker_span: Option<Span>,
    addressee: Option<String>,
    verb: Option<String>,
}

impl<'a> Ctx<'a> {
    fn new(doc: &'a Doc) -> Ctx<'a> {
        let n = doc.tokens.len();
        let parsed = n > 0 && doc.tokens.is_parsed();
        let mut children = vec![Vec::new(); if parsed { n } else { 0 }];
        if parsed {
            for (i, h) in doc.tokens.head.iter().enumerate() {
                if let Some(h) = h.map(|h| h as usize).filter(|&h| h < n && h != i) {
                    children[h].push(i);
                }
            }
        }
        let mut sent_of = vec![usize::MAX; n];
        for (s, sent) in doc.sentences.iter().enumerate() {
            let lo = (sent.tokens.start as usize).min(n);
            let hi = (sent.tokens.end as usize).min(n).max(lo);
            sent_of[lo..hi].fill(s);
        }
        let mut mentions = Vec::new();
        for (e, ent) in doc.layers.entities.iter().enumerate() {
            for m in &ent.mentions {
                mentions.push((m.span, e));
            }
        }
        let text = doc.article.text.as_str();
        let quoted = scan::scan(text)
            .iter()
            .map(|m| {
                let end = m.close.map_or(m.span.end, |c| {
                    (c + text[c..].chars().next().map_or(1, char::len_utf8)) as u32
                });
                Span::new(m.open as u32, end)
            })
            .collect();
        Ctx {
            doc,
            text,
            parsed,
            children,
            sent_of,
            mentions,
            paras: scan::paragraphs(text),
            quoted,
        }
    }

    fn span(&self, t: usize) -> Span {
        self.doc.tokens.spans[t]
    }

    fn word(&self, t: usize) -> &str {
        self.doc.text_of(self.span(t))
    }

    fn deprel(&self, t: usize) -> &str {
        if self.parsed {
            self.doc.tokens.deprel[t]
        } else {
            ""
        }
    }

    fn head(&self, t: usize) -> Option<usize> {
        if !self.parsed {
            return None;
        }
        self.doc.tokens.head[t].map(|h| h as usize).filter(|&h| h < self.doc.tokens.len())
    }

    /// The speech-verb lemma of token `t`, if it is a speech verb used as a verb.
    fn speech_lemma(&self, t: usize) -> Option<String> {
        if self.parsed {
            if !matches!(self.doc.tokens.upos[t], Upos::Verb) {
                return None;
            }
            let lemma = self.doc.tokens.lemma(t)?.to_lowercase();
            if is_speech(&lemma) {
                return Some(lemma);
            }
            lemma_of_form(self.word(t)).map(str::to_string)
        } else {
            lemma_of_form(self.word(t)).map(str::to_string)
        }
    }

    fn is_punct(&self, t: usize) -> bool {
        if self.parsed && matches!(self.doc.tokens.upos[t], Upos::Punct) {
            return true;
        }
        self.word(t).chars().all(|c| !c.is_alphanumeric())
    }

    /// First and last token of the subtree of `t` (the parse is near-projective, so the
    /// extremes bound it).
    fn subtree(&self, t: usize) -> (usize, usize) {
        let (mut lo, mut hi) = (t, t);
        let mut stack = vec![t];
        let mut seen = 0;
        while let Some(x) = stack.pop() {
            seen += 1;
            if seen > self.children.len() + 1 {
                break;
            }
            lo = lo.min(x);
            hi = hi.max(x);
            stack.extend(self.children.get(x).into_iter().flatten().copied());
        }
        (lo, hi)
    }

    fn child(&self, t: usize, rels: &[&str]) -> Option<usize> {
        self.children.get(t)?.iter().copied().find(|&c| {
            let d = self.deprel(c);
            rels.iter().any(|r| d == *r || d.split(':').next() == Some(r))
        })
    }

    fn entity_id(&self, e: usize) -> String {
        self.doc.layers.entities[e].id.clone()
    }

    /// Resolves the words at token `t` (a subject or object) to an entity id and the span
    /// that names it. The speaker is the entity of the whole noun phrase — the mention
    /// covering its head (last) word — never an entity nested inside it as a modifier
    /// ("Latvian Interior Minister X" is X; "Latvia's interior minister" is no entity
    /// unless coreference links it). Relative pronouns resolve through the noun they
    /// modify, personal pronouns and role nouns through the text before them.
    fn resolve(&self, t: usize) -> (Option<String>, Span) {
        self.resolve_at(t, 0)
    }

    fn resolve_at(&self, t: usize, depth: u8) -> (Option<String>, Span) {
        let w = self.word(t).to_lowercase();
        if depth < 2 && matches!(w.as_str(), "who" | "which" | "that") {
            if let Some(n) = self
                .head(t)
                .filter(|&v| self.deprel(v).starts_with("acl"))
                .and_then(|v| self.head(v))
                .filter(|&n| n != t)
            {
                return self.resolve_at(n, depth + 1);
            }
        }
        if self.parsed && matches!(self.doc.tokens.upos[t], Upos::Pron) {
            return self.resolve_pronoun(t);
        }
        let (lo, hi) = self.np_chunk(t);
        let span = Span::new(self.span(lo).start, self.span(hi).end);
        // a common noun ("the candidate") is no place, whatever coreference linked it to
        let common = self.word(hi).chars().next().is_some_and(char::is_lowercase);
        let place =
            |e: usize| matches!(self.doc.layers.entities[e].kind.as_str(), "LOC" | "GPE" | "NORP");
        if let Some((e, m)) = self
            .head_mention(hi)
            .filter(|&(e, _)| !(self.role_person(lo, hi) || common && place(e)))
        {
            return (Some(self.entity_id(e)), m);
        }
        if let Some((e, m)) = self.appositive(t, hi) {
            return (Some(self.entity_id(e)), m);
        }
        // "a note from Brightwater Capital", "a spokeswoman for the Foundation": the
        // source behind a document or a spokesperson
        let head = self.word(hi).to_lowercase();
        if depth < 2
            && (DOCUMENTS.contains(&head.as_str())
                || matches!(head.as_str(), "spokesman" | "spokeswoman" | "spokesperson"))
        {
            let n = self.doc.tokens.len();
            let by = (hi + 1..(hi + 4).min(n))
                .take_while(|&k| {
                    !self.is_punct(k)
                        && (matches!(self.word(k), "from" | "by" | "for")
                            || matches!(self.doc.tokens.upos[k], Upos::Verb | Upos::Adv))
                })
                .find(|&k| matches!(self.word(k), "from" | "by" | "for"));
            if let Some(k) = by.filter(|&k| k + 1 < n) {
                let (id, named) = self.resolve_at(self.np_chunk(k + 1).1, depth + 1);
                if id.is_some()
                    || self.word(k + 1).chars().next().is_some_and(char::is_uppercase)
                    || self.word(k + 1).eq_ignore_ascii_case("the")
                {
                    return (id, named);
                }
            }
        }
        // "Chile's disaster agency, ONEMI, said": a name in apposition that is no
        // entity still names the speaker
        if let Some(named) = self.appositive_name(hi) {
            return (None, named);
        }
        if let Some(e) = self.acronym(self.word(hi)) {
            return (Some(self.entity_id(e)), span);
        }
        if let Some(named) = self.acronym_text(self.word(hi), span.start as usize) {
            return (None, named);
        }
        if let Some(e) = self.titled_person(lo, hi) {
            return (Some(self.entity_id(e)), span);
        }
        // "one of the people …": the people
        if hi + 2 < self.doc.tokens.len()
            && matches!(self.word(hi).to_lowercase().as_str(), "one" | "some" | "many" | "several")
            && self.word(hi + 1).eq_ignore_ascii_case("of")
        {
            let (_, h2) = self.np_chunk(hi + 2);
            return (None, Span::new(span.start, self.span(h2).end));
        }
        if hi == lo + 1
            && matches!(self.word(lo).to_lowercase().as_str(), "the" | "its")
            && ORG_NOUNS.contains(&self.word(hi).to_lowercase().as_str())
        {
            if let Some(e) = self.main_org(span.start, &self.word(hi).to_lowercase()) {
                return (Some(self.entity_id(e)), span);
            }
        }
        if self.role_person(lo, hi) {
            if let Some(e) = self.person_before(span.start, None) {
                return (Some(self.entity_id(e)), span);
            }
        }
        (None, span)
    }

    /// The organisation "the company"/"the club" stands for: the nearest one named with
    /// that noun ("the ministry" → "Interior Ministry"), else the one mentioned most often
    /// before byte `b` (the nearest on a tie).
    fn main_org(&self, b: u32, noun: &str) -> Option<usize> {
        let named = self
            .mentions
            .iter()
            .filter(|(m, e)| {
                let ent = &self.doc.layers.entities[*e];
                m.end <= b && ent.name.split_whitespace().any(|w| w.eq_ignore_ascii_case(noun))
            })
            .max_by_key(|(m, _)| m.end);
        if let Some(&(_, e)) = named {
            return Some(e);
        }
        let mut counts: Vec<(usize, u32, usize)> = Vec::new();
        for &(m, e) in &self.mentions {
            if m.end > b || !self.org_like(e) {
                continue;
            }
            match counts.iter_mut().find(|c| c.0 == e) {
                Some(c) => {
                    c.1 = c.1.max(m.end);
                    c.2 += 1;
                }
                None => counts.push((e, m.end, 1)),
            }
        }
        counts.into_iter().max_by_key(|c| (c.2, c.1)).map(|c| c.0)
    }

    /// An organisation, or a one-word name typed as a person that no "he"/"she" refers to
    /// ("Norvik said …").
    fn org_like(&self, e: usize) -> bool {
        let ent = &self.doc.layers.entities[e];
        self.named_org(e)
            || ent.kind == "PERSON"
                && !ent.name.contains(' ')
                && !ent.mentions.iter().any(|m| {
                    matches!(
                        self.doc.text_of(m.span).to_lowercase().as_str(),
                        "he" | "him" | "his" | "she" | "her"
                    )
                })
    }

    /// An organisation by its type or by the last word of its name ("Coastal Agency",
    /// "Brightline Labs"), whatever type the recogniser gave it.
    fn named_org(&self, e: usize) -> bool {
        let ent = &self.doc.layers.entities[e];
        ent.kind == "ORG"
            || ent.name.split_whitespace().count() >= 2
                && ent
                    .name
                    .split_whitespace()
                    .last()
                    .is_some_and(|w| ORG_HEADS.contains(&w.to_lowercase().as_str()))
    }

    /// Where the text spells out acronym `w` before byte `b` without an entity for it:
    /// capitalised words whose initials make the acronym ("National Liberation Front").
    fn acronym_text(&self, w: &str, b: usize) -> Option<Span> {
        if w.len() < 2 || !w.chars().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
        let n = w.len();
        let toks = self.tokens_in(0, b);
        let words: Vec<usize> = toks.collect();
        for i in 0..words.len().saturating_sub(n - 1) {
            let run = &words[i..i + n];
            let ok = run.iter().zip(w.chars()).all(|(&t, c)| {
                let x = self.word(t);
                x.starts_with(c) && x.len() > 1 && x.chars().skip(1).all(char::is_lowercase)
            });
            if ok {
                return Some(Span::new(self.span(run[0]).start, self.span(run[n - 1]).end));
            }
        }
        None
    }

    /// The person a definite role phrase stands for, found where the article names them
    /// with that title: "Latvia's interior minister" → "Interior Minister Arvid Kalnins",
    /// "the UN envoy" → "UN Special Envoy Ana Ruiz" (the same organisation
    /// right before the name).
    fn titled_person(&self, lo: usize, hi: usize) -> Option<usize> {
        let possessive = (lo..=hi).any(|t| matches!(self.word(t), "'s" | "’s"));
        if !(self.word(lo).eq_ignore_ascii_case("the") || possessive) {
            return None;
        }
        let head = self.word(hi);
        if !head.chars().all(|c| c.is_lowercase() || c == '-')
            || head.len() < 3
            || ORG_NOUNS.contains(&head)
            || ORG_HEADS.contains(&head)
            || NOT_PEOPLE.contains(&head)
        {
            return None;
        }
        let chunk = Span::new(self.span(lo).start, self.span(hi).end);
        let roles: Vec<String> = (lo..=hi)
            .map(|t| self.word(t))
            .filter(|w| w.chars().all(|c| c.is_lowercase() || c == '-') && *w != "the")
            .map(str::to_string)
            .collect();
        let modifiers: Vec<usize> = self
            .mentions
            .iter()
            .filter(|(m, _)| chunk.contains(*m) && !m.contains(self.span(hi)))
            .map(|&(_, e)| e)
            .collect();
        let mut best: Option<(u32, usize)> = None;
        for &(m, e) in &self.mentions {
            let text = self.doc.text_of(m);
            if !self.person_like(e)
                || chunk.contains(m)
                || !text.chars().next().is_some_and(char::is_uppercase)
                || PRONOUNS.contains(&text.to_lowercase().as_str())
                || self.quoted.iter().any(|q| q.contains(m))
            {
                continue;
            }
            let first = self.tokens_in(m.start as usize, m.end as usize).start;
            let window = first.saturating_sub(5)..first;
            let words: Vec<String> = window.clone().map(|t| self.word(t).to_lowercase()).collect();
            // the title right before the name ("… Interior Minister Arvid Kalnins")
            let titled = roles.iter().all(|r| words.contains(r))
                && words.last().is_some_and(|w| *w == head.to_lowercase());
            let same_org = !modifiers.is_empty()
                && window.clone().any(|t| {
                    self.mentions
                        .iter()
                        .any(|(mm, ee)| mm.contains(self.span(t)) && modifiers.contains(ee))
                });
            if (titled || same_org) && best.is_none_or(|(b, _)| m.start < b) {
                best = Some((m.start, e));
            }
        }
        best.map(|(_, e)| e)
    }

    /// The entity whose name has the initials of acronym `w` ("NLF" → "National Liberation
    /// Front").
    fn acronym(&self, w: &str) -> Option<usize> {
        if w.len() < 2 || !w.chars().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
        self.doc.layers.entities.iter().position(|e| {
            let initials: String = e
                .name
                .split_whitespace()
                .filter_map(|x| x.chars().next())
                .filter(|c| c.is_uppercase())
                .collect();
            initials == w && e.name.split_whitespace().count() >= 2
        })
    }

    /// True for "the Norwegian", "the 31-year-old": a definite phrase that names a person
    /// by a description (a one-word name seen once, or an age) rather than by name.
    fn role_person(&self, lo: usize, hi: usize) -> bool {
        if !self.word(lo).eq_ignore_ascii_case("the") || hi == lo {
            return false;
        }
        let head = self.word(hi);
        if head.ends_with("-old") {
            return true;
        }
        hi == lo + 1
            && self.head_mention(hi).is_some_and(|(e, _)| {
                let ent = &self.doc.layers.entities[e];
                // named only by that one word (coreference may have added pronouns)
                ent.kind == "PERSON"
                    && !ent.name.contains(' ')
                    && ent.mentions.iter().all(|m| {
                        let t = self.doc.text_of(m.span);
                        t == ent.name || PRONOUNS.contains(&t.to_lowercase().as_str())
                    })
            })
    }

    /// The noun phrase around token `t` by its surface: determiners, adjectives, nouns,
    /// names, numbers and possessives next to it, up to punctuation or a verb. A
    /// dateline ("CITY - ", "CITY (Agency) - ") at its start is skipped.
    fn np_chunk(&self, t: usize) -> (usize, usize) {
        let n = self.doc.tokens.len();
        let glued = |k: usize| {
            // a hyphen inside a word ("second-largest"), not a spaced dash
            let sp = self.span(k);
            k > 0
                && k + 1 < n
                && self.span(k - 1).end == sp.start
                && self.span(k + 1).start == sp.end
        };
        let np = |k: usize, left: bool| {
            let word = self.word(k);
            if !self.parsed {
                return word.chars().next().is_some_and(|c| c.is_uppercase());
            }
            match self.doc.tokens.upos[k] {
                Upos::Propn | Upos::Noun | Upos::Adj | Upos::Num | Upos::Part => {
                    !word.chars().all(|c| !c.is_alphanumeric()) || word.contains('\'')
                }
                Upos::Det => left,
                Upos::Pron => left && matches!(self.deprel(k), "nmod:poss"),
                Upos::Punct => glued(k) && matches!(word, "-" | "–"),
                _ => false,
            }
        };
        let (mut lo, mut hi) = (t, t);
        while lo > 0 && np(lo - 1, true) && self.sent_of[lo - 1] == self.sent_of[t] {
            lo -= 1;
        }
        while hi + 1 < n && np(hi + 1, false) && self.sent_of[hi + 1] == self.sent_of[t] {
            hi += 1;
        }
        // "LONDON - The company said": the subject starts after the dateline
        let first = self.word(lo);
        let dateline = lo == hi
            && first.len() > 1
            && first.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
            && self.sent_of.get(lo).is_some_and(|&s| {
                self.doc.sentences.get(s).is_some_and(|x| x.tokens.start as usize == lo)
            });
        if dateline {
            let end = (hi + 8).min(n);
            if let Some(d) = (hi + 1..end).find(|&k| matches!(self.word(k), "-" | "—" | "–")) {
                if d + 1 < n && np(d + 1, true) {
                    let mut h = d + 1;
                    while h + 1 < n && np(h + 1, false) {
                        h += 1;
                    }
                    return (d + 1, h);
                }
            }
        }
        (lo, hi)
    }

    /// The entity whose mention covers the head word `hi` of a noun phrase (the longest
    /// such mention).
    fn head_mention(&self, hi: usize) -> Option<(usize, Span)> {
        let sp = self.span(hi);
        self.mentions
            .iter()
            .filter(|(m, _)| m.contains(sp))
            .max_by_key(|(m, _)| m.len())
            .map(|&(m, e)| (e, m))
    }

    /// A person or organisation named in apposition to the phrase headed by `t` and
    /// ending at `hi`: "the study's lead author, Dr X", "a navy spokesman, Capt. Y".
    fn appositive(&self, t: usize, hi: usize) -> Option<(usize, Span)> {
        let named = |e: usize| {
            matches!(self.doc.layers.entities[e].kind.as_str(), "PERSON" | "ORG")
                || self.person_like(e)
        };
        if let Some(a) = self.child(t, &["appos"]) {
            let (_, ahi) = self.np_chunk(a);
            if let Some((e, m)) = self.head_mention(ahi).filter(|&(e, _)| named(e)) {
                return Some((e, m));
            }
        }
        let n = self.doc.tokens.len();
        // "The MP for Eastvale, X": past a prepositional tail
        let mut hi = hi;
        for _ in 0..2 {
            if hi + 2 < n && matches!(self.word(hi + 1), "for" | "of" | "at" | "in") {
                hi = self.np_chunk(hi + 2).1;
            }
        }
        if hi + 2 >= n || self.word(hi + 1) != "," {
            return None;
        }
        let from = self.span(hi + 2).start;
        let to = self.span((hi + 5).min(n - 1)).end;
        self.mentions
            .iter()
            .filter(|(m, e)| m.start >= from && m.start < to && named(*e))
            .min_by_key(|(m, _)| m.start)
            .map(|&(m, e)| (e, m))
    }

    /// A capitalised name in commas right after the phrase ending at `hi`.
    fn appositive_name(&self, hi: usize) -> Option<Span> {
        let n = self.doc.tokens.len();
        if hi + 2 >= n || self.word(hi + 1) != "," {
            return None;
        }
        let first = hi + 2;
        let mut last = first;
        while last < n
            && self.doc.tokens.upos[last] == Upos::Propn
            && self.word(last).chars().next().is_some_and(char::is_uppercase)
        {
            last += 1;
        }
        (last > first && last < n && matches!(self.word(last), "," | "said" | "says"))
            .then(|| Span::new(self.span(first).start, self.span(last - 1).end))
    }

    /// A personal pronoun: "he"/"she" is the nearest person named before it in its
    /// paragraph (preferring the subject of a clause, and a person whose own pronouns
    /// agree), else the previous paragraph, else what coreference linked; "it" is what
    /// coreference linked, else the nearest organisation.
    fn resolve_pronoun(&self, t: usize) -> (Option<String>, Span) {
        let sp = self.span(t);
        let w = self.word(t).to_lowercase();
        let gender = match w.as_str() {
            "he" | "him" => Some(true),
            "she" | "her" => Some(false),
            _ => None,
        };
        if gender.is_some() {
            if let Some(e) = self.person_before(sp.start, gender) {
                return (Some(self.entity_id(e)), sp);
            }
        }
        if w == "i" {
            if let Some(e) = self.turn_speaker(sp.start as usize) {
                return (Some(self.entity_id(e)), sp);
            }
        }
        if let Some(&(_, e)) = self.mentions.iter().find(|(m, _)| *m == sp) {
            return (Some(self.entity_id(e)), sp);
        }
        if matches!(w.as_str(), "it" | "its") {
            if let Some(e) = self.org_before(sp.start) {
                return (Some(self.entity_id(e)), sp);
            }
        }
        if matches!(w.as_str(), "who" | "which") && t >= 2 && self.word(t - 1) == "," {
            // "Harbourline, which …, said": the phrase before the comma
            let (lo, hi) = self.np_chunk(t - 2);
            if lo <= hi && !matches!(self.doc.tokens.upos[t - 2], Upos::Pron) {
                return self.resolve_at(t - 2, 2);
            }
        }
        (None, sp)
    }

    /// The organisation named nearest before byte `b` outside quotes, in its paragraph or
    /// the previous one: the usual antecedent of "it".
    fn org_before(&self, b: u32) -> Option<usize> {
        let p = self.paragraph_of(b as usize);
        let floor = self.paras.get(p.saturating_sub(1)).map_or(0, |&(s, _)| s as u32);
        self.mentions
            .iter()
            .filter(|&&(m, e)| {
                m.end <= b
                    && m.start >= floor
                    && self.named_org(e)
                    && !self.quoted.iter().any(|q| q.contains(m))
                    && !PRONOUNS.contains(&self.doc.text_of(m).to_lowercase().as_str())
            })
            .max_by_key(|(m, _)| m.end)
            .map(|&(_, e)| e)
    }

    /// Who "I" is in a transcript: the speaker labelled at the head of its paragraph
    /// ("HELEN CASTELLANO: … I asked …"), or of the last labelled paragraph before it; in a Q&A
    /// answer ("A: …") the person the interview is with. None outside transcripts
    /// (there "I" is the writer).
    fn turn_speaker(&self, b: usize) -> Option<usize> {
        let p = self.paragraph_of(b);
        for q in (0..=p).rev() {
            let &(ps, pe) = self.paras.get(q)?;
            let para = &self.text[ps..pe];
            let Some(colon) = para.find(": ") else { continue };
            let label = &para[..colon];
            if label == "A" {
                return self.interviewee();
            }
            let is_label = label.len() >= 3
                && label.len() <= 60
                && label.chars().any(char::is_alphabetic)
                && label.chars().all(|c| !c.is_lowercase());
            if !is_label {
                continue;
            }
            let words: Vec<String> = label
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| w.len() > 1)
                .map(str::to_lowercase)
                .collect();
            return self.doc.layers.entities.iter().position(|e| {
                e.kind == "PERSON"
                    && e.name
                        .split_whitespace()
                        .last()
                        .is_some_and(|l| words.iter().any(|w| *w == l.to_lowercase()))
            });
        }
        None
    }

    /// The person an interview is with: the first full name the article gives.
    fn interviewee(&self) -> Option<usize> {
        let ents = &self.doc.layers.entities;
        (0..ents.len())
            .filter(|&e| ents[e].kind == "PERSON" && ents[e].name.contains(' '))
            .min_by_key(|&e| ents[e].mentions.iter().map(|m| m.span.start).min())
    }

    /// A person, or a two-word name the recognizer typed as a place ("Carla Mendes").
    fn person_like(&self, e: usize) -> bool {
        let ent = &self.doc.layers.entities[e];
        ent.kind == "PERSON"
            || ent.kind == "LOC"
                && ent.name.split_whitespace().count() == 2
                && ent.name.split_whitespace().all(|w| {
                    let mut c = w.chars();
                    c.next().is_some_and(char::is_uppercase) && c.all(char::is_lowercase)
                })
    }

    /// True when the word before `m` is "the" ("the Norwegian": a description, not a name).
    fn before_is_the(&self, m: Span) -> bool {
        let t = self.tokens_in(m.start as usize, m.end as usize).start;
        t > 0 && self.word(t - 1).eq_ignore_ascii_case("the")
    }

    /// True when the entity's pronoun mentions are all of the other gender.
    fn other_gender(&self, e: usize, male: bool) -> bool {
        let (mut he, mut she) = (0, 0);
        for m in &self.doc.layers.entities[e].mentions {
            match self.doc.text_of(m.span).to_lowercase().as_str() {
                "he" | "him" | "his" | "himself" => he += 1,
                "she" | "her" | "hers" | "herself" => she += 1,
                _ => {}
            }
        }
        if male {
            she > 0 && he == 0
        } else {
            he > 0 && she == 0
        }
    }

    /// The person named nearest before byte `b` outside quotes, in its paragraph or up to
    /// three before it; the subject of a speech verb, then a clause subject, wins over
    /// other mentions of the same paragraph.
    fn person_before(&self, b: u32, male: Option<bool>) -> Option<usize> {
        let p = self.paragraph_of(b as usize);
        for q in [p, p.wrapping_sub(1), p.wrapping_sub(2), p.wrapping_sub(3)] {
            let Some(&(ps, _)) = self.paras.get(q) else { continue };
            let cands: Vec<(Span, usize)> = self
                .mentions
                .iter()
                .copied()
                .filter(|&(m, e)| {
                    m.end <= b
                        && m.start as usize >= ps
                        && self.person_like(e)
                        && self.doc.text_of(m).chars().next().is_some_and(char::is_uppercase)
                        && !PRONOUNS.contains(&self.doc.text_of(m).to_lowercase().as_str())
                        && !self.quoted.iter().any(|o| o.contains(m))
                        && !self.before_is_the(m)
                        && !male.is_some_and(|male| self.other_gender(e, male))
                })
                .collect();
            // the subject of a clause, or named in its subject phrase ("Dr X, a …, said")
            let is_subject = |m: Span| {
                let toks = self.tokens_in(m.start as usize, m.end as usize);
                let Some(last) = toks.clone().last() else { return false };
                let (clo, chi) = self.np_chunk(last);
                (clo..=chi).chain(toks).any(|k| self.deprel(k).starts_with("nsubj"))
            };
            // the subject of a speech verb first: "she said" goes on from the last speaker
            let speaker = |m: Span| {
                let toks = self.tokens_in(m.start as usize, m.end as usize);
                let Some(last) = toks.clone().last() else { return false };
                let (clo, chi) = self.np_chunk(last);
                (clo..=chi).any(|k| {
                    self.deprel(k).starts_with("nsubj")
                        && self.head(k).is_some_and(|h| self.speech_lemma(h).is_some())
                })
            };
            let best = cands
                .iter()
                .filter(|(m, _)| speaker(*m))
                .max_by_key(|(m, _)| m.end)
                .or_else(|| cands.iter().filter(|(m, _)| is_subject(*m)).max_by_key(|(m, _)| m.end))
                .or_else(|| cands.iter().max_by_key(|(m, _)| m.end));
            if let Some(&(_, e)) = best {
                return Some(e);
            }
        }
        None
    }

    /// The subject of speech verb `v`: its own `nsubj`, or for a participle or
    /// coordinated verb ("adding", "and stressed") the subject of the verb it hangs on.
    fn subject(&self, v: usize) -> Option<usize> {
        let mut x = v;
        for _ in 0..4 {
            if let Some(s) = self.child(x, &["nsubj"]) {
                return Some(s);
            }
            if !matches!(self.deprel(x), "advcl" | "xcomp" | "conj" | "parataxis" | "ccomp") {
                return None;
            }
            let coordinated = self.deprel(x) == "conj";
            x = self.head(x)?;
            // "argued that A was … and urged …" parsed with "urged" inside the content:
            // the speaker is the subject of the verb whose content it hangs on
            if coordinated && self.deprel(x) == "ccomp" {
                if let Some(h) = self.head(x).filter(|&h| self.speech_lemma(h).is_some()) {
                    x = h;
                }
            }
        }
        None
    }

    /// The subject of `“…,” the agency's envoy, X, told …` when the parse took a word of
    /// the quote for it: the first noun after the closing mark before the verb.
    fn between_subject(&self, v: usize) -> Option<usize> {
        let s = *self.sent_of.get(v)?;
        let lo = (self.doc.sentences.get(s)?.tokens.start as usize).max(v.saturating_sub(20));
        let close = (lo..v).rev().find(|&t| {
            self.word(t).ends_with(['"', '”', '’', '\''])
                && self.quoted.iter().any(|q| q.end == self.span(t).end)
        })?;
        (close + 1..v).find(|&t| {
            matches!(self.doc.tokens.upos[t], Upos::Det | Upos::Propn | Upos::Noun | Upos::Pron)
        })
    }

    /// The subject by the words alone, where the parse gives none (a dateline garbles
    /// it): the noun phrase right before a finite speech verb, past a time phrase ("Vietnam
    /// on Sunday accused …").
    fn surface_subject(&self, v: usize) -> Option<usize> {
        if !self.parsed || !matches!(self.doc.tokens.xpos[v], "VBD" | "VBZ" | "VBP") {
            return None;
        }
        let s = *self.sent_of.get(v)?;
        let start = self.doc.sentences.get(s)?.tokens.start as usize;
        let mut k = v.checked_sub(1)?;
        // "on Sunday", "earlier", "also"
        for _ in 0..3 {
            if k > start
                && matches!(self.doc.tokens.upos[k], Upos::Propn | Upos::Noun)
                && matches!(self.word(k - 1), "on" | "late" | "early" | "earlier")
                && (TIMES.contains(&self.word(k).to_lowercase().as_str()))
            {
                k -= 2;
            } else if k > start && matches!(self.doc.tokens.upos[k], Upos::Adv) {
                k -= 1;
            } else {
                break;
            }
        }
        // "Rosa Delgado, 71, said", "The deputy envoy, Ines Moreau, urged": the phrase
        // before the apposition
        if self.word(k) == "," && k > start {
            let j = (k.saturating_sub(8).max(start)..k).rev().find(|&j| self.word(j) == ",")?;
            k = j.checked_sub(1)?;
        }
        if k < start {
            return None;
        }
        let capitalised = self.word(k).chars().next().is_some_and(char::is_uppercase);
        let nominal =
            matches!(self.doc.tokens.upos[k], Upos::Propn | Upos::Noun | Upos::Pron | Upos::Num);
        // a sentence-initial name the tagger missed ("Quillo urged …")
        if !(nominal || capitalised && k == start) {
            return None;
        }
        Some(k)
    }

    /// The subject of an inverted attribution (`“…,” said the agency's spokeswoman, X`):
    /// the first noun of the phrase right after the verb, when the verb follows a comma or
    /// a quote mark.
    fn inverted_subject(&self, v: usize) -> Option<usize> {
        // after "told" comes the addressee, never the speaker
        if !self.parsed || v == 0 || !self.is_punct(v - 1) || self.word(v) == "told" {
            return None;
        }
        let s = *self.sent_of.get(v)?;
        for k in v + 1..(v + 5).min(self.doc.tokens.len()) {
            if self.sent_of[k] != s {
                return None;
            }
            match self.doc.tokens.upos[k] {
                Upos::Propn | Upos::Noun => return Some(k),
                Upos::Det | Upos::Adj | Upos::Num => {}
                _ => return None,
            }
        }
        None
    }

    fn attribution(&self, v: usize) -> Who {
        let verb = self.speech_lemma(v);
        let mut who = Who { verb: verb.clone(), ..Who::default() };
        let quoted = |t: usize| self.quoted.iter().any(|q| q.contains(self.span(t)));
        let subject = match self.subject(v) {
            Some(s) if quoted(s) && !quoted(v) => self.between_subject(v),
            // "shopkeepers I have spoken to say …": the noun before the pronoun
            Some(s)
                if s > 0
                    && matches!(self.doc.tokens.upos[s], Upos::Pron)
                    && self.doc.tokens.xpos[s - 1] == "NNS"
                    && s < v =>
            {
                Some(s - 1)
            }
            // a day is no speaker ("… on Sunday accused …" misparsed)
            Some(s) if TIMES.contains(&self.word(s).to_lowercase().as_str()) => {
                self.surface_subject(v).filter(|&k| k != s)
            }
            Some(s) => Some(s),
            None => self
                .between_subject(v)
                .or_else(|| self.inverted_subject(v))
                .or_else(|| self.surface_subject(v)),
        };
        if let Some(s) = subject {
            let (id, span) = self.resolve(s);
            who.speaker = id;
            who.speaker_span = Some(span);
        }
        if verb.as_deref().is_some_and(|l| ADDRESSING.contains(&l)) {
            if let Some(o) = self.child(v, &["obj", "iobj"]) {
                who.addressee = self.resolve(o).0;
            }
        }
        who
    }

    /// Index of the paragraph holding byte `b`.
    fn paragraph_of(&self, b: usize) -> usize {
        self.paras.partition_point(|&(_, e)| e <= b)
    }

    /// Token indices whose spans overlap `[a, b)`.
    fn tokens_in(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        let spans = &self.doc.tokens.spans;
        let lo = spans.partition_point(|s| (s.end as usize) <= a);
        let hi = spans.partition_point(|s| (s.start as usize) < b);
        lo..hi.max(lo)
    }

    fn inside_any(&self, span: Span, marks: &[Marked]) -> bool {
        marks.iter().any(|m| {
            let end = m.close.map_or(m.span.end, |c| {
                (c + self.text[c..].chars().next().map_or(1, char::len_utf8)) as u32
            });
            Span::new(m.open as u32, end).contains(span)
        })
    }

    /// True when a marked stretch is speech rather than a scare quote, title or partial
    /// quote: it stands at the start of a sentence or after a colon, or after a comma
    /// that follows a speech verb, and it ends with punctuation or is followed by
    /// punctuation.
    fn is_speech_quote(&self, m: &Marked) -> bool {
        let before = self.text[..m.open].trim_end_matches([' ', '\t']);
        let prev = before.chars().next_back();
        let ok_start = match prev {
            None | Some('\n') => true,
            Some(c) if c.is_alphanumeric() => false,
            Some(',') => {
                let w = before[..before.len() - 1]
                    .trim_end()
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("");
                lemma_of_form(w).is_some() || self.split_second(m)
            }
            Some(_) => true,
        };
        if !ok_start {
            return false;
        }
        let inner = self.doc.text_of(m.span);
        let ends_punct = inner
            .trim_end_matches(['’', '\'', '”', '"'])
            .ends_with(['.', ',', '!', '?', '…', '-', '—', ';', ':']);
        let after_ok = match m.close {
            None => true,
            Some(c) => {
                let rest = self.text[c..].chars().skip(1).find(|ch| *ch != ' ');
                rest.is_none_or(|ch| !ch.is_alphanumeric())
            }
        };
        let words = inner.split_whitespace().count();
        ends_punct || (after_ok && words >= 3)
    }

    /// True for the second part of a split quote: `“X,” he told them, “Y.”` — a quote
    /// closed shortly before in the same paragraph with a speech verb in between.
    fn split_second(&self, m: &Marked) -> bool {
        let head = &self.text[..m.open];
        let Some(prev) = head.rfind(['”', '"', '’']) else { return false };
        let between = &head[prev..];
        between.len() < 80
            && !between.contains('\n')
            && between.split(|c: char| !c.is_alphanumeric()).any(|w| lemma_of_form(w).is_some())
    }

    /// The speech verb attributing a direct quote: the nearest speech verb outside any
    /// quote in the sentences the quote touches, within its paragraph.
    fn verb_for(&self, m: &Marked, marks: &[Marked]) -> Option<usize> {
        let close = m.close.map_or(m.span.end as usize, |c| c + 1);
        let (ps, pe) = *self.paras.get(m.paragraph)?;
        let toks = self.tokens_in(m.open, close);
        let first = self.tokens_in(m.open, m.open + 1).start.min(toks.start);
        let last = toks.end.saturating_sub(1).max(first);
        let s0 = *self.sent_of.get(first)?;
        let s1 = *self.sent_of.get(last)?;
        if s0 == usize::MAX || s1 == usize::MAX {
            return None;
        }
        let lo = self.doc.sentences.get(s0)?.tokens.start as usize;
        let hi = self.doc.sentences.get(s1)?.tokens.end as usize;
        let mut best: Option<(usize, usize)> = None;
        for t in lo..hi.min(self.doc.tokens.len()) {
            let sp = self.span(t);
            if (sp.start as usize) < ps || (sp.end as usize) > pe || self.inside_any(sp, marks) {
                continue;
            }
            if self.speech_lemma(t).is_none() {
                continue;
            }
            let d = if (sp.end as usize) <= m.open {
                m.open - sp.end as usize
            } else {
                (sp.start as usize).saturating_sub(close)
            };
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, t));
            }
        }
        best.map(|(_, t)| t)
    }

    /// For a quote introduced by a colon ("He put it bluntly: …"), the subject of the
    /// clause before the colon.
    fn colon_subject(&self, m: &Marked) -> Option<Who> {
        let before = self.text[..m.open].trim_end();
        if !before.ends_with(':') {
            return None;
        }
        let colon = before.len() - 1;
        let toks = self.tokens_in(0, colon);
        let mut t = toks.end.checked_sub(1)?;
        for _ in 0..8 {
            if let Some(s) = self.child(t, &["nsubj"]) {
                let (id, span) = self.resolve(s);
                return Some(Who { speaker: id, speaker_span: Some(span), ..Who::default() });
            }
            t = self.head(t)?;
        }
        None
    }

    /// Without a parse: the entity mention nearest to the speech verb `v` in its
    /// paragraph, outside quotes.
    fn nearest_mention(&self, v: usize, marks: &[Marked]) -> Who {
        let vs = self.span(v);
        let p = self.paragraph_of(vs.start as usize);
        let Some(&(ps, pe)) = self.paras.get(p) else { return Who::default() };
        let best = self
            .mentions
            .iter()
            .filter(|(m, _)| (m.start as usize) >= ps && (m.end as usize) <= pe)
            .filter(|(m, _)| !self.inside_any(*m, marks))
            .min_by_key(|(m, _)| {
                if m.end <= vs.start {
                    vs.start - m.end
                } else {
                    m.start.saturating_sub(vs.end)
                }
            });
        Who {
            speaker: best.map(|&(_, e)| self.entity_id(e)),
            speaker_span: best.map(|&(m, _)| m),
            verb: lemma_of_form(self.word(v)).map(str::to_string),
            ..Who::default()
        }
    }

    fn direct(&self, marks: &[Marked]) -> Vec<(Quote, usize)> {
        let mut out: Vec<(Quote, usize)> = Vec::new();
        for m in marks {
            if !self.is_speech_quote(m) {
                continue;
            }
            let mut who = match self.verb_for(m, marks) {
                Some(v) if self.parsed => self.attribution(v),
                Some(v) => self.nearest_mention(v, marks),
                None => Who::default(),
            };
            if who.speaker.is_none() && who.speaker_span.is_none() && self.parsed {
                if let Some(w) = self.colon_subject(m) {
                    who = w;
                }
            }
            if who.speaker.is_none() && who.speaker_span.is_none() {
                if let Some((prev, p)) = out.last() {
                    if *p + 1 >= m.paragraph {
                        who = Who {
                            speaker: prev.speaker.clone(),
                            speaker_span: prev.speaker_span,
                            addressee: None,
                            verb: None,
                        };
                    }
                }
            }
            out.push((
                Quote {
                    span: m.span,
                    kind: QuoteKind::Direct,
                    speaker: who.speaker,
                    speaker_span: who.speaker_span,
                    addressee: who.addressee,
                    verb: who.verb,
                },
                m.paragraph,
            ));
        }
        out
    }

    /// Trims a token range to a content span: drops a leading dateline, leading
    /// complementizers and trailing punctuation (but keeps a closing quote mark whose
    /// opening mark is inside the span).
    fn content(&self, mut lo: usize, mut hi: usize) -> Option<Span> {
        if hi >= self.doc.tokens.len() {
            return None;
        }
        // "CITY, Month 12 - Content": a dateline before the first dash of the sentence
        let dash = (lo..=hi.min(lo + 12)).find(|&t| matches!(self.word(t), "-" | "—" | "–"));
        if let Some(d) = dash {
            let first = self.word(lo);
            if first.len() > 1 && first.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) {
                lo = d + 1;
            }
        }
        let text_of = |a: usize, b: usize| {
            let (sa, sb) = (self.span(a).start, self.span(b).end);
            if sa < sb {
                self.doc.text_of(Span::new(sa, sb))
            } else {
                ""
            }
        };
        let closing = |w: &str| matches!(w, "\"" | "”" | "’" | "'" | "''");
        while lo <= hi {
            let w = self.word(lo);
            let lower = w.to_lowercase();
            // an opening mark stays when its closing mark is inside the span
            let opening = matches!(w, "“" | "‘" | "\"" | "``") && !unbalanced(text_of(lo, hi));
            let complementizer = matches!(lower.as_str(), "that" | "whether")
                && (self.deprel(lo) == "mark"
                    || lo < hi
                        && self.deprel(lo) != "det"
                        && self.parsed
                        && !matches!(self.doc.tokens.upos[lo + 1], Upos::Aux | Upos::Verb));
            if !(self.is_punct(lo) && !opening || complementizer) {
                break;
            }
            lo += 1;
        }
        while hi > lo && (self.is_punct(hi) || matches!(self.deprel(hi), "cc")) {
            // a closing mark stays when its opening mark is inside the span
            if closing(self.word(hi)) && unbalanced(text_of(lo, hi - 1)) {
                break;
            }
            hi -= 1;
        }
        // a closing mark the parse left outside the clause
        if hi + 1 < self.doc.tokens.len()
            && closing(self.word(hi + 1))
            && !closing(self.word(hi))
            && unbalanced(text_of(lo, hi))
        {
            hi += 1;
        }
        if lo > hi || self.is_punct(hi) && !self.word(hi).contains(['"', '”', '’']) {
            return None;
        }
        Some(Span::new(self.span(lo).start, self.span(hi).end))
    }

    /// True for a conjunct introduced by "that"/"whether" ("… and that Y").
    fn conj_marked(&self, ch: usize) -> bool {
        self.children[ch].iter().any(|&m| {
            self.deprel(m) == "mark"
                && matches!(self.word(m).to_lowercase().as_str(), "that" | "whether")
        })
    }

    /// True for a conjunct that is the speaker's next act rather than more of what was
    /// reported: a simple past speech verb or act without its own subject ("… and
    /// urged …", "… and thanked …").
    fn next_act(&self, ch: usize) -> bool {
        self.doc.tokens.xpos[ch] == "VBD"
            && self.child(ch, &["aux", "cop"]).is_none()
            && (self.speech_lemma(ch).is_some()
                || self
                    .doc
                    .tokens
                    .lemma(ch)
                    .is_some_and(|l| SPEAKER_ACTS.contains(&l.to_lowercase().as_str())))
    }

    /// The last token of a content clause headed by `c`: the clause stops before a
    /// coordinated clause with its own subject ("…, and it has warned …") or the speaker's
    /// next act, and before a trailing participle clause after a comma ("…, pushing its
    /// stock lower").
    fn clause_end(&self, c: usize, hi: usize) -> usize {
        let mut end = hi;
        for &ch in self.children.get(c).into_iter().flatten() {
            if ch <= c {
                continue;
            }
            let (clo, _) = self.subtree(ch);
            let cut = match self.deprel(ch) {
                "conj" => {
                    !self.conj_marked(ch)
                        && (self.child(ch, &["nsubj"]).is_some() || self.next_act(ch))
                }
                _ => false,
            };
            if cut && clo > c {
                end = end.min(clo - 1);
            }
        }
        let (lo, _) = self.subtree(c);
        for k in c + 2..=end {
            if k > end || self.word(k - 1) != "," {
                continue;
            }
            let participle = self.doc.tokens.xpos[k] == "VBG"
                && matches!(self.deprel(k), "advcl" | "xcomp" | "conj")
                && self.head(k).is_some_and(|h| (lo..=end).contains(&h));
            if participle {
                end = k - 2;
                break;
            }
        }
        end
    }

    /// Extends a content clause ending at `end` over a conjunct of the speech verb `v` that
    /// continues it: "said A and was considering B", "said A but that B" (the parse hangs
    /// the second clause on the verb).
    fn continued(&self, v: usize, end: usize) -> usize {
        for &ch in self.children.get(v).into_iter().flatten() {
            if ch <= end || self.deprel(ch) != "conj" {
                continue;
            }
            let (clo, chi) = self.subtree(ch);
            let adjacent = clo > end && clo <= end + 2 && (end + 1..clo).all(|t| self.is_punct(t));
            let cont = self.conj_marked(ch)
                || self.child(ch, &["nsubj"]).is_none()
                    && !self.next_act(ch)
                    && (self.speech_lemma(ch).is_none() || self.child(ch, &["aux"]).is_some());
            if adjacent && cont {
                return self.clause_end(ch, chi);
            }
        }
        end
    }

    fn reported(&self, marks: &[Marked], direct: &[Span]) -> Vec<Quote> {
        let mut out = Vec::new();
        if !self.parsed {
            return out;
        }
        let overlaps_direct = |s: Span| direct.iter().any(|d| d.start < s.end && s.start < d.end);
        for v in 0..self.doc.tokens.len() {
            if self.inside_any(self.span(v), marks) {
                continue;
            }
            let word = self.word(v).to_lowercase();
            if word == "according" {
                if let Some(q) = self.according(v) {
                    if !overlaps_direct(q.span) {
                        out.push(q);
                    }
                }
                continue;
            }
            let Some(lemma) = self.speech_lemma(v) else { continue };
            if DIRECT_ONLY.contains(&lemma.as_str()) {
                continue;
            }
            let mut span = None;
            if lemma == "accuse" {
                span = self.accusation(v);
            } else if let Some(c) = self.child(v, &["ccomp"]) {
                let (mut lo, hi) = self.subtree(c);
                // "said her team was …" parsed with "her team" as the verb's object: the
                // object of a verb that addresses no one belongs to the content
                if lo > v && !ADDRESSING.contains(&lemma.as_str()) {
                    let marked = (v + 1..lo).any(|t| {
                        matches!(self.word(t).to_lowercase().as_str(), "that" | "whether")
                    });
                    if let Some(o) = self.child(v, &["obj"]).filter(|&o| o > v && o < lo) {
                        if !marked {
                            lo = self.subtree(o).0;
                        }
                    }
                }
                if !(lo..=hi).contains(&v) {
                    let end = self.clause_end(c, hi);
                    let mut end = if end == hi && hi > v { self.continued(v, end) } else { end };
                    end = self.ragged_end(v, lo, end);
                    // a content clause has a verb ("The agency's director, X, told"
                    // parsed as a fronted clause has none)
                    if (lo..=end).any(|t| matches!(self.doc.tokens.upos[t], Upos::Verb | Upos::Aux))
                    {
                        span = self.content(lo, end);
                    }
                }
            } else if let Some(c) = self.misattached_clause(v) {
                let (_, hi) = self.subtree(c);
                span =
                    self.content(self.mark_after(v).map_or(c, |m| m + 1), self.clause_end(c, hi));
            } else if self.deprel(v) == "parataxis" && self.child(v, &["nsubj"]).is_some() {
                if let Some(h) = self.head(v).filter(|&h| h < v) {
                    let s = self.sent_of[v];
                    let start = self.doc.sentences[s].tokens.start as usize;
                    // "CONTENT, X said.": the content ends at the comma before the
                    // subject, and the attribution ends its sentence
                    let (_, vhi) = self.subtree(v);
                    let ends = self.sent_of.get(vhi + 1).is_none_or(|&s2| s2 != s)
                        || matches!(self.word(vhi + 1), "." | "!" | "?" | "”" | "\"");
                    let comma = (start..v).rev().take(12).find(|&t| self.word(t) == ",");
                    let clean = comma.is_some_and(|c| {
                        (c + 1..v).all(|t| {
                            !matches!(self.doc.tokens.upos[t], Upos::Verb | Upos::Aux)
                                && !matches!(self.word(t), ":" | ";" | "—" | "–")
                        })
                    });
                    if let Some(c) = comma.filter(|&c| ends && clean && c > start) {
                        if self.subtree(h).0 >= start {
                            span = self.content(start, self.before_apposition(start, c) - 1);
                        }
                    }
                }
            } else if matches!(lemma.as_str(), "urge" | "ask" | "tell" | "warn" | "call") {
                if let Some(x) = self.child(v, &["xcomp"]) {
                    let (lo, hi) = self.subtree(x);
                    // "asked not to be named" reports no request
                    let unnamed = (lo..=hi.min(lo + 3)).any(|t| self.word(t) == "be");
                    if lo > v && !unnamed {
                        span = self.content(lo, hi);
                    }
                }
            }
            // a relative clause of the subject is not the content ("X, whose daughter …, said")
            if span.is_some_and(|sp| {
                let w = self.doc.text_of(sp).split_whitespace().next().unwrap_or("");
                matches!(w.to_lowercase().as_str(), "whose" | "who" | "which")
            }) {
                span = None;
            }
            // "asked not to be named" reports no request, whatever the parse made of it
            if lemma == "ask"
                && span.is_some_and(|sp| {
                    let t = self.doc.text_of(sp);
                    t.starts_with("not to be ") || t.starts_with("to be ")
                })
            {
                continue;
            }
            // "declined to say whether …" reports nothing
            if self.deprel(v) == "xcomp"
                && self
                    .head(v)
                    .and_then(|h| self.doc.tokens.lemma(h))
                    .is_some_and(|l| matches!(l.to_lowercase().as_str(), "decline" | "refuse"))
            {
                continue;
            }
            if span.is_none() {
                span = self.surface_content(v, &lemma);
            }
            let Some(span) = span.map(|sp| self.and_that(sp)) else { continue };
            if overlaps_direct(span) {
                continue;
            }
            let who = self.attribution(v);
            if who.speaker_span.is_none() {
                continue;
            }
            out.push(Quote {
                span,
                kind: QuoteKind::Indirect,
                speaker: who.speaker,
                speaker_span: who.speaker_span,
                addressee: who.addressee,
                verb: who.verb,
            });
        }
        out
    }

    /// "accused X of Y": the content is Y, the complement after "of" (the accused X is
    /// not an addressee).
    fn accusation(&self, v: usize) -> Option<Span> {
        let s = *self.sent_of.get(v)?;
        let end = (self.doc.sentences.get(s)?.tokens.end as usize).min(self.doc.tokens.len());
        let of = (v + 1..end.min(v + 10))
            .take_while(|&t| !matches!(self.doc.tokens.upos[t], Upos::Verb | Upos::Aux))
            .find(|&t| self.word(t).eq_ignore_ascii_case("of"))?;
        let h = self.head(of).filter(|&h| h > of)?;
        let (_, hi) = self.subtree(h);
        self.content(of + 1, self.clause_end(h, hi))
    }

    /// Content found by the words alone where the parse gives none (datelines and long
    /// sentences garble it): after "that" a few words past the verb ("said on Monday
    /// that …", "suggested to the panel that …"), after "to" for urge/ask/tell ("urged the
    /// board to …"), or a clause right after a verb that addresses no one ("insisted the
    /// plan was sound"); it runs to the end of the sentence, stopping before the
    /// speaker's next act ("… and urged …") or a trailing participle clause.
    fn surface_content(&self, v: usize, lemma: &str) -> Option<Span> {
        if !self.parsed {
            return None;
        }
        let s = *self.sent_of.get(v)?;
        let end = (self.doc.sentences.get(s)?.tokens.end as usize).min(self.doc.tokens.len());
        let upos = |t: usize| self.doc.tokens.upos[t];
        let plain = |t: usize| !matches!(upos(t), Upos::Verb | Upos::Aux | Upos::Punct);
        let window = v + 1..end.min(v + 9);
        let that = window
            .clone()
            .take_while(|&t| plain(t))
            .find(|&t| matches!(self.word(t).to_lowercase().as_str(), "that" | "whether"))
            .filter(|&k| {
                // "the findings that …" is a relative clause unless the noun is the
                // addressee or in a phrase of its own ("said on Monday that")
                !matches!(upos(k - 1), Upos::Noun | Upos::Propn)
                    || ADDRESSING.contains(&lemma)
                    || (v + 1..k).any(|t| matches!(upos(t), Upos::Adp))
            });
        let to = window.clone().take_while(|&t| plain(t)).find(|&t| self.word(t) == "to");
        let start = if let Some(k) = that {
            k + 1
        } else if let Some(k) = to.filter(|_| matches!(lemma, "urge" | "ask" | "tell" | "call")) {
            if !(k + 1 < end && matches!(upos(k + 1), Upos::Verb | Upos::Aux))
                || self.word(k + 1) == "be"
            {
                // "asked not to be named" is no request reported
                return None;
            }
            k
        } else if !ADDRESSING.contains(&lemma) && v + 1 < end {
            let first = v + 1;
            // a noun phrase, possibly opening with an approximation ("around 300 …")
            let np_start = matches!(upos(first), Upos::Det | Upos::Propn | Upos::Noun | Upos::Num)
                || matches!(
                    self.word(first).to_lowercase().as_str(),
                    "around" | "about" | "nearly" | "almost" | "more" | "fewer" | "only"
                )
                || matches!(upos(first), Upos::Pron)
                    && matches!(
                        self.word(first).to_lowercase().as_str(),
                        "he" | "she" | "it" | "they" | "we" | "i"
                    );
            let finite =
                (first + 1..end.min(first + 8)).take_while(|&t| !self.is_punct(t)).any(|t| {
                    matches!(upos(t), Upos::Aux | Upos::Verb)
                        && matches!(self.doc.tokens.xpos[t], "VBD" | "VBZ" | "VBP" | "MD")
                });
            if !(np_start && finite) {
                return None;
            }
            first
        } else {
            return None;
        };
        if start >= end {
            return None;
        }
        let hi = self.surface_end(start, end);
        // a content clause has a verb ("asks me that each time" has none)
        if !(start..=hi).any(|t| matches!(upos(t), Upos::Aux | Upos::Verb)) {
            return None;
        }
        self.content(start, hi)
    }

    /// The last token of a content clause running from `start` by the words alone, at
    /// most to `end` (exclusive): before the speaker's next act ("… and urged …"), a
    /// trailing participle clause, a coordinated clause with its own subject ("…, and I
    /// have …") or an attribution of its own ("…, said …").
    fn surface_end(&self, start: usize, end: usize) -> usize {
        let upos = |t: usize| self.doc.tokens.upos[t];
        let mut hi = end - 1;
        for t in start + 1..end {
            let w = self.word(t).to_lowercase();
            let next = t + 1 < end;
            let act = next
                && matches!(w.as_str(), "and" | "but")
                && self.doc.tokens.xpos[t + 1] == "VBD"
                && (self.speech_lemma(t + 1).is_some()
                    || self
                        .doc
                        .tokens
                        .lemma(t + 1)
                        .is_some_and(|l| SPEAKER_ACTS.contains(&l.to_lowercase().as_str())));
            let participle = next && w == "," && self.doc.tokens.xpos[t + 1] == "VBG";
            // "…, and I have …": a coordinated clause with its own subject; "…, said …": an
            // attribution of its own
            let clause = t + 2 < end
                && w == ","
                && matches!(self.word(t + 1), "and" | "but")
                && matches!(upos(t + 2), Upos::Pron | Upos::Det | Upos::Propn)
                && !self.word(t + 2).eq_ignore_ascii_case("that");
            let attribution = next && w == "," && self.speech_lemma(t + 1).is_some();
            if act || participle || clause || attribution || w == ";" {
                hi = t - 1;
                break;
            }
        }
        hi
    }

    /// The comma that opens an attribution whose subject has an apposition: for "…, its
    /// publisher, Arden House, said" with `c` the comma before "said", the comma before
    /// "its publisher" — the two stretches between the three commas are noun phrases,
    /// one a name and one opening with a determiner or a possessive (never "along with …").
    fn before_apposition(&self, floor: usize, c: usize) -> usize {
        let comma_before = |x: usize| (floor..x).rev().take(8).find(|&t| self.word(t) == ",");
        let Some(p1) = comma_before(c) else { return c };
        let Some(p2) = comma_before(p1) else { return c };
        let nominal = |a: usize, b: usize| {
            a < b
                && (a..b).all(|t| {
                    matches!(
                        self.doc.tokens.upos[t],
                        Upos::Det
                            | Upos::Pron
                            | Upos::Adj
                            | Upos::Noun
                            | Upos::Propn
                            | Upos::Part
                            | Upos::Num
                    ) || self.word(t) == "."
                })
        };
        let described = |a: usize| {
            matches!(self.doc.tokens.upos[a], Upos::Det)
                || self.deprel(a) == "nmod:poss"
                || matches!(self.word(a).to_lowercase().as_str(), "its" | "his" | "her" | "their")
        };
        let name = |a: usize, b: usize| {
            (a..b).all(|t| self.word(t).chars().next().is_some_and(char::is_uppercase))
        };
        let (s1, s2) = ((p1 + 1, c), (p2 + 1, p1));
        let apposition = nominal(s1.0, s1.1)
            && nominal(s2.0, s2.1)
            && (described(s2.0) && name(s1.0, s1.1) || described(s1.0) && name(s2.0, s2.1));
        if apposition && p2 >= floor {
            p2
        } else {
            c
        }
    }

    /// Words of the content the parse hung on the speech verb: a fronted content ("A
    /// after B struck, X said") runs to the comma before the attribution; a content after
    /// the verb that stops mid-phrase (the next word is no punctuation) runs on by the
    /// words.
    fn ragged_end(&self, v: usize, lo: usize, end: usize) -> usize {
        let n = self.doc.tokens.len();
        let Some(&s) = self.sent_of.get(v) else { return end };
        let Some(sent) = self.doc.sentences.get(s) else { return end };
        let sent_end = (sent.tokens.end as usize).min(n);
        if end < v {
            // before the subject phrase and its apposition ("…, its publisher, X, said")
            if let Some(sj) = self.subject(v).filter(|&sj| sj > end && sj < v) {
                let (clo, _) = self.np_chunk(sj);
                if clo >= end + 2 && self.word(clo - 1) == "," {
                    return clo - 2;
                }
            }
            let comma = (end + 1..v).rev().take(12).find(|&t| self.word(t) == ",");
            let clean = comma.is_some_and(|c| {
                (c + 1..v).all(|t| !matches!(self.doc.tokens.upos[t], Upos::Verb | Upos::Aux))
            });
            return match comma {
                Some(c) if clean && c > end + 1 => self.before_apposition(end + 1, c) - 1,
                _ => end,
            };
        }
        // after a closing quote mark the content is whole unless its object follows
        // ("pledged to “rebuild” Harbourtown")
        let closed = matches!(self.word(end), "”" | "\"" | "’" | "''")
            && !(end + 1 < n
                && matches!(self.doc.tokens.upos[end + 1], Upos::Propn | Upos::Noun | Upos::Num));
        if lo > v
            && !closed
            && end + 1 < sent_end
            && !self.is_punct(end + 1)
            && self.deprel(end + 1) != "cc"
        {
            return self.surface_end(lo, sent_end).max(end);
        }
        end
    }

    /// A content span ending at `span` that goes on with "and that …"/"but that …" (the
    /// parse hung the second clause elsewhere): the span through the second clause.
    fn and_that(&self, span: Span) -> Span {
        let n = self.doc.tokens.len();
        let mut t = self.tokens_in(span.end as usize, span.end as usize + 1).start;
        while t < n && self.span(t).start < span.end {
            t += 1;
        }
        let s = self.sent_of.get(t.saturating_sub(1)).copied().unwrap_or(usize::MAX);
        while t < n && matches!(self.word(t), "," | "”" | "\"" | "’") {
            t += 1;
        }
        if t + 2 >= n
            || self.sent_of[t] != s
            || !matches!(self.word(t), "and" | "but")
            || !self.word(t + 1).eq_ignore_ascii_case("that")
        {
            return span;
        }
        let Some(sent) = self.doc.sentences.get(s) else { return span };
        let end = (sent.tokens.end as usize).min(n);
        let hi = self.surface_end(t + 2, end);
        match self.content(t + 2, hi) {
            Some(second) if second.end > span.end => Span::new(span.start, second.end),
            _ => span,
        }
    }

    /// The first "that"/"whether" complementizer after speech verb `v` in its sentence.
    fn mark_after(&self, v: usize) -> Option<usize> {
        let s = *self.sent_of.get(v)?;
        let end = (self.doc.sentences.get(s)?.tokens.end as usize).min(self.doc.tokens.len());
        (v + 1..end.min(v + 8)).find(|&t| {
            matches!(self.word(t).to_lowercase().as_str(), "that" | "whether")
                && self.deprel(t) == "mark"
        })
    }

    /// A content clause the parser hung on the verb's object instead of the verb ("told
    /// the station that …" read as a relative clause): the clause marked by the
    /// complementizer after the verb, when it hangs within two steps below the verb.
    fn misattached_clause(&self, v: usize) -> Option<usize> {
        let m = self.mark_after(v)?;
        // "urged drivers to check that …": the content is the infinitive
        if (v + 1..m).any(|t| self.word(t) == "to") {
            return None;
        }
        let c = self.head(m)?;
        let h = self.head(c)?;
        (h == v || self.head(h) == Some(v)).then_some(c)
    }

    /// "According to X, CONTENT." and "CONTENT, according to X."
    fn according(&self, a: usize) -> Option<Quote> {
        let next = a + 1;
        if next >= self.doc.tokens.len() || self.word(next).to_lowercase() != "to" {
            return None;
        }
        let s = self.sent_of[a];
        let sent = self.doc.sentences.get(s)?;
        let (start, end) = (sent.tokens.start as usize, sent.tokens.end as usize);
        let x = self.head(a).filter(|&h| h > next).or_else(|| {
            (next + 1..end).find(|&t| matches!(self.doc.tokens.upos[t], Upos::Propn | Upos::Noun))
        })?;
        let (_, xhi) = self.subtree(x);
        let (id, name) = self.resolve(x);
        let span = if a == start {
            let comma = (xhi + 1..end).find(|&t| self.word(t) == ",")?;
            self.content(comma + 1, end - 1)?
        } else {
            let tail_empty = (xhi + 1..end).all(|t| self.is_punct(t));
            // a speech verb before "according to" has its own content clause
            let has_verb = (start..a).any(|t| self.speech_lemma(t).is_some());
            if !tail_empty || a == 0 || has_verb {
                return None;
            }
            self.content(start, a - 1)?
        };
        Some(Quote {
            span,
            kind: QuoteKind::Indirect,
            speaker: id,
            speaker_span: Some(name),
            addressee: None,
            verb: Some("according to".to_string()),
        })
    }

    fn run(&self) -> Vec<Quote> {
        // transcript and Q&A turns without marks are not direct quotes: a direct quote is
        // defined by its quotation marks
        let marks = scan::scan(self.text);
        let direct: Vec<Quote> = self.direct(&marks).into_iter().map(|(q, _)| q).collect();
        let dspans: Vec<Span> = direct.iter().map(|q| q.span).collect();
        let mut reported = self.reported(&marks, &dspans);
        reported.sort_by_key(|q| (q.span.start, std::cmp::Reverse(q.span.end)));
        let mut kept: Vec<Quote> = Vec::new();
        for q in reported {
            if kept.last().is_none_or(|k| k.span.end <= q.span.start) {
                kept.push(q);
            }
        }
        let mut all = direct;
        all.extend(kept);
        all.sort_by_key(|q| (q.span.start, q.span.end));
        self.organisation_pronouns(&mut all);
        all
    }

    /// "The NLF said … It accused …": an "it" (or "the company") the entities do not
    /// resolve speaks for the organisation of the last quote before it within two
    /// paragraphs — the speaker and the words that named it.
    fn organisation_pronouns(&self, quotes: &mut [Quote]) {
        for i in 0..quotes.len() {
            let Some(sp) = quotes[i].speaker_span else { continue };
            let words = self.doc.text_of(sp).to_lowercase();
            let org_word =
                words == "it" || words.strip_prefix("the ").is_some_and(|n| ORG_NOUNS.contains(&n));
            if quotes[i].speaker.is_some() || !org_word {
                continue;
            }
            let p = self.paragraph_of(sp.start as usize);
            let antecedent = quotes[..i].iter().rev().find(|q| {
                let Some(qs) = q.speaker_span else { return false };
                let text = self.doc.text_of(qs).to_lowercase();
                let person = q.speaker.as_ref().is_some_and(|id| {
                    self.doc
                        .layers
                        .entities
                        .iter()
                        .position(|e| &e.id == id)
                        .is_some_and(|e| self.person_like(e) && !self.org_like(e))
                });
                self.paragraph_of(q.span.start as usize) + 2 >= p
                    && qs.start < sp.start
                    && !person
                    && !PRONOUNS.contains(&text.as_str())
                    && !text.starts_with("the ")
            });
            if let Some(a) = antecedent {
                let (speaker, span) = (a.speaker.clone(), a.speaker_span);
                quotes[i].speaker = speaker;
                quotes[i].speaker_span = span;
            }
        }
    }
}

/// True when `s` opens a quotation mark it does not close.
fn unbalanced(s: &str) -> bool {
    let straight = s.matches('"').count() % 2 == 1;
    let curly = s.matches('“').count() > s.matches('”').count();
    let chars: Vec<char> = s.chars().collect();
    let single_close = (0..chars.len())
        .filter(|&i| chars[i] == '’' && !chars.get(i + 1).is_some_and(|c| c.is_alphabetic()))
        .count();
    let single = s.matches('‘').count() > single_close;
    straight || curly || single
}

#[cfg(test)]
mod tests {
    use super::*;
    use herald_doc::Article;
    use proptest::prelude::*;

    #[test]
    fn direct_quotes_without_a_parse() {
        let text = "“We will stay,” she said.\n\nThey called it a “special operation” then.";
        let mut doc = Doc::new(Article::new("t", text));
        annotate(&mut doc);
        let got: Vec<&str> = doc.layers.quotes.iter().map(|q| doc.text_of(q.span)).collect();
        assert_eq!(got, ["We will stay,"]);
    }

    proptest! {
        #[test]
        fn quotes_inside_text_and_disjoint(s in "[a-zA-Z “”\"‘’.,:\n]{0,120}") {
            let mut doc = Doc::new(Article::new("p", s.clone()));
            annotate(&mut doc);
            let mut last = 0u32;
            for q in &doc.layers.quotes {
                prop_assert!(q.span.get(&s).is_some());
                prop_assert!(q.span.start >= last);
                last = q.span.end;
            }
        }
    }
}
