//! The one place where herald's internal types become JSON.
//!
//! [`annotation`] turns a [`Doc`] into the output contract's object (see the
//! mission's "Output contract"): character offsets (Unicode scalar values, `end`
//! exclusive), the article's metadata, and one array per layer. Internal types are not
//! `Serialize`; this module converts explicitly, so the schema changes only here, and
//! [`SCHEMA_VERSION`] says which version a consumer reads.
//!
//! ```
//! use herald_doc::{Article, Doc, Sentence, Span};
//! let mut doc = Doc::new(Article::new("a1", "“Yes.”"));
//! doc.tokens.push(Span::new(0, 3), false);
//! doc.tokens.push(Span::new(3, 6), false);
//! doc.tokens.push(Span::new(6, 7), false);
//! doc.tokens.push(Span::new(7, 10), false);
//! doc.sentences.push(Sentence { span: Span::new(0, 10), tokens: 0..4, paragraph: 0 });
//! let json = herald_output::annotation(&doc).to_json();
//! assert!(json.contains(r#""sentences":[{"start":0,"end":6,"paragraph":0}]"#));
//! ```
#![deny(missing_docs)]

pub mod export;
pub mod gdelt;

use herald_doc::{Doc, Mention, MentionRole, OffsetMap, QuoteKind, Span};
use serde::Serialize;

/// Version of the annotation object's schema; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// The output contract's object for one article, borrowing from the document.
#[derive(Serialize)]
pub struct Annotation<'d> {
    /// Schema version.
    pub schema: u32,
    id: &'d str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'d str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'d str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byline: Option<&'d str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'d str>,
    text: &'d str,
    sentences: Vec<SentenceOut>,
    tokens: Vec<TokenOut<'d>>,
    entities: Vec<EntityOut<'d>>,
    events: Vec<EventOut<'d>>,
    quotes: Vec<QuoteOut<'d>>,
    places: Vec<PlaceOut<'d>>,
    times: Vec<TimeOut<'d>>,
}

impl Annotation<'_> {
    /// Compact JSON on one line, as JSONL wants it.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("annotation serializes: only strings and numbers")
    }
}

#[derive(Serialize)]
struct SentenceOut {
    start: u32,
    end: u32,
    paragraph: u32,
}

/// A token; the linguistic fields appear once the tagger and parser have run. `head` is
/// the index of the head token in the document's `tokens` array; a sentence root is its own
/// head (as in spaCy) and has `dep` `"root"`.
#[derive(Serialize)]
struct TokenOut<'d> {
    start: u32,
    end: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    upos: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    xpos: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lemma: Option<&'d str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    head: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dep: Option<&'static str>,
}

#[derive(Serialize)]
struct MentionOut<'d> {
    start: u32,
    end: u32,
    text: &'d str,
    /// `"actor"` or `"place"` once actor coding has decided how the mention is used.
    #[serde(rename = "use", skip_serializing_if = "Option::is_none")]
    role: Option<&'static str>,
}

#[derive(Serialize)]
struct EntityOut<'d> {
    id: &'d str,
    name: &'d str,
    #[serde(rename = "type")]
    kind: &'d str,
    #[serde(skip_serializing_if = "Option::is_none")]
    actor: Option<&'d str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actor_reason: Option<&'d str>,
    mentions: Vec<MentionOut<'d>>,
}

#[derive(Serialize)]
struct StartEnd {
    start: u32,
    end: u32,
}

#[derive(Serialize)]
struct EventOut<'d> {
    id: String,
    code: &'d str,
    root: &'d str,
    quad_class: u8,
    goldstein: f32,
    source: &'d str,
    target: &'d str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_entity: Option<&'d str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_entity: Option<&'d str>,
    negated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    modality: Option<&'d str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'d str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<&'d str>,
    sentence: u32,
    evidence: StartEnd,
    trigger: StartEnd,
    rule: &'d str,
}

#[derive(Serialize)]
struct QuoteOut<'d> {
    start: u32,
    end: u32,
    text: &'d str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<&'d str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker_text: Option<&'d str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    addressee: Option<&'d str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    verb: Option<&'d str>,
}

#[derive(Serialize)]
struct PlaceOut<'d> {
    id: &'d str,
    name: &'d str,
    #[serde(skip_serializing_if = "Option::is_none")]
    geonameid: Option<u32>,
    country: &'d str,
    lat: f64,
    lon: f64,
    mentions: Vec<MentionOut<'d>>,
}

#[derive(Serialize)]
struct TimeOut<'d> {
    start: u32,
    end: u32,
    text: &'d str,
    #[serde(rename = "type")]
    kind: &'d str,
    value: &'d str,
}

/// The output contract's object for `doc`.
pub fn annotation(doc: &Doc) -> Annotation<'_> {
    let text = doc.article.text.as_str();
    let map = OffsetMap::new(text);
    let chars = |span: Span| map.to_chars(span);
    let slice = |span: Span| span.get(text).unwrap_or("");
    let mention = |m: &Mention| {
        let (start, end) = chars(m.span);
        let role = match m.role {
            MentionRole::Unknown => None,
            MentionRole::Actor => Some("actor"),
            MentionRole::Place => Some("place"),
        };
        MentionOut { start, end, text: slice(m.span), role }
    };
    let article = &doc.article;
    let layers = &doc.layers;
    Annotation {
        schema: SCHEMA_VERSION,
        id: &article.id,
        date: article.date.map(|d| d.to_string()),
        url: article.url.as_deref(),
        title: article.title.as_deref(),
        byline: article.byline.as_deref(),
        language: article.language.as_ref().map(|l| l.code()),
        text,
        sentences: doc
            .sentences
            .iter()
            .map(|s| {
                let (start, end) = chars(s.span);
                SentenceOut { start, end, paragraph: s.paragraph }
            })
            .collect(),
        tokens: (0..doc.tokens.len()).map(|i| token(doc, i, chars(doc.tokens.spans[i]))).collect(),
        entities: layers
            .entities
            .iter()
            .map(|e| EntityOut {
                id: &e.id,
                name: &e.name,
                kind: &e.kind,
                actor: e.actor.as_deref(),
                actor_reason: e.actor_reason.as_deref(),
                mentions: e.mentions.iter().map(mention).collect(),
            })
            .collect(),
        events: layers
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let (start, end) = chars(e.evidence);
                let trigger = chars(e.trigger);
                EventOut {
                    id: format!("ev{}", i + 1),
                    code: &e.code,
                    root: &e.root,
                    quad_class: e.quad_class,
                    goldstein: e.goldstein,
                    source: &e.source,
                    target: &e.target,
                    source_entity: e.source_entity.as_deref(),
                    target_entity: e.target_entity.as_deref(),
                    negated: e.negated,
                    modality: e.modality.as_deref(),
                    date: e.date.as_deref(),
                    place: e.place.as_deref(),
                    sentence: e.sentence,
                    evidence: StartEnd { start, end },
                    trigger: StartEnd { start: trigger.0, end: trigger.1 },
                    rule: &e.rule,
                }
            })
            .collect(),
        quotes: layers
            .quotes
            .iter()
            .map(|q| {
                let (start, end) = chars(q.span);
                QuoteOut {
                    start,
                    end,
                    text: slice(q.span),
                    kind: match q.kind {
                        QuoteKind::Direct => "direct",
                        QuoteKind::Indirect => "indirect",
                    },
                    speaker: q.speaker.as_deref(),
                    speaker_text: q.speaker_span.map(slice),
                    addressee: q.addressee.as_deref(),
                    verb: q.verb.as_deref(),
                }
            })
            .collect(),
        places: layers
            .places
            .iter()
            .map(|p| PlaceOut {
                id: &p.id,
                name: &p.name,
                geonameid: p.geonameid,
                country: &p.country,
                lat: p.lat,
                lon: p.lon,
                mentions: p.mentions.iter().map(mention).collect(),
            })
            .collect(),
        times: layers
            .times
            .iter()
            .map(|t| {
                let (start, end) = chars(t.span);
                TimeOut { start, end, text: slice(t.span), kind: &t.kind, value: &t.value }
            })
            .collect(),
    }
}

fn token(doc: &Doc, i: usize, (start, end): (u32, u32)) -> TokenOut<'_> {
    let t = &doc.tokens;
    TokenOut {
        start,
        end,
        upos: t.upos.get(i).map(|u| u.as_str()),
        xpos: t.xpos.get(i).copied(),
        lemma: t.lemma(i),
        head: t.head.get(i).map(|h| h.unwrap_or(i as u32)),
        dep: t.deprel.get(i).copied(),
    }
}
