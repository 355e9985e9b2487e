//! Reading the contract back: a stored annotation's events with what exports and
//! `herald explain` need around them (the sentence, the evidence text, the actors' entity
//! names, the place).
//!
//! [`ArticleEvents::parse`] reads only the fields it uses (tokens are skipped), fills in
//! what an older or damaged object lacks (an event without an id gets `evN` by position),
//! and fails with an [`ExportError`] naming the article when the JSON cannot be read at all.
//! Offsets are the contract's character offsets; [`ArticleEvents::chars`] slices by them
//! and gives `None`, never a panic, for offsets outside the text.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Why a stored annotation could not be read for export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The annotation is not JSON or not shaped like the contract's object.
    #[error("article {article}: annotation JSON unreadable: {source}")]
    Json {
        /// Article id.
        article: String,
        /// The parser's error.
        source: serde_json::Error,
    },
}

/// A start–end pair of character offsets.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct Offsets {
    /// First character.
    #[serde(default)]
    pub start: u32,
    /// One past the last character.
    #[serde(default)]
    pub end: u32,
}

/// One event of the contract, as stored.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct EventRecord {
    /// `ev1`, `ev2`, … within the article.
    #[serde(default)]
    pub id: String,
    /// CAMEO event code (`0256`).
    #[serde(default)]
    pub code: String,
    /// Two-digit CAMEO root (`02`).
    #[serde(default)]
    pub root: String,
    /// Quad class 1–4.
    #[serde(default)]
    pub quad_class: u8,
    /// Goldstein score.
    #[serde(default)]
    pub goldstein: f32,
    /// Source actor code (empty when unknown).
    #[serde(default)]
    pub source: String,
    /// Target actor code (empty when unknown).
    #[serde(default)]
    pub target: String,
    /// Source entity id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_entity: Option<String>,
    /// Target entity id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_entity: Option<String>,
    /// Negated ("did not meet").
    #[serde(default)]
    pub negated: bool,
    /// `intent`, `conditional`, … when not stated as an act.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modality: Option<String>,
    /// Event date (TIMEX3 value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Place id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Sentence index.
    #[serde(default)]
    pub sentence: u32,
    /// Evidence span.
    #[serde(default)]
    pub evidence: Offsets,
    /// Trigger word.
    #[serde(default)]
    pub trigger: Offsets,
    /// The dictionary verb/pattern or noun rule that coded it.
    #[serde(default)]
    pub rule: String,
    /// Fields this reader does not know (a newer contract), kept for JSONL.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// An entity, as exports need it.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct EntityRecord {
    /// `E1`, `E2`, …
    #[serde(default)]
    pub id: String,
    /// Canonical name.
    #[serde(default)]
    pub name: String,
    /// Entity type (`PERSON`, `ORG`, …).
    #[serde(default, rename = "type")]
    pub kind: String,
    /// CAMEO actor code.
    #[serde(default)]
    pub actor: Option<String>,
    /// Why the actor code was chosen.
    #[serde(default)]
    pub actor_reason: Option<String>,
    /// Mentions (character offsets).
    #[serde(default)]
    pub mentions: Vec<Offsets>,
}

/// A place, as exports need it.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PlaceRecord {
    /// Place id.
    #[serde(default)]
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// GeoNames id.
    #[serde(default)]
    pub geonameid: Option<u32>,
    /// Country code (ISO 3166-1 alpha-2).
    #[serde(default)]
    pub country: String,
    /// What kind of place (`country`, `division`, `city`, …), when the annotation says.
    #[serde(default, alias = "type")]
    pub kind: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
}

/// A stored article's events with their context.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ArticleEvents {
    /// Article id.
    #[serde(default)]
    pub id: String,
    /// Publication date.
    #[serde(default)]
    pub date: Option<String>,
    /// URL.
    #[serde(default)]
    pub url: Option<String>,
    /// Headline.
    #[serde(default)]
    pub title: Option<String>,
    /// Article text.
    #[serde(default)]
    pub text: String,
    /// Sentences.
    #[serde(default)]
    pub sentences: Vec<Offsets>,
    /// Entities.
    #[serde(default)]
    pub entities: Vec<EntityRecord>,
    /// Events.
    #[serde(default)]
    pub events: Vec<EventRecord>,
    /// Places.
    #[serde(default)]
    pub places: Vec<PlaceRecord>,
    /// When the article was stored (RFC 3339), filled by the caller from the store.
    #[serde(skip)]
    pub ingested_at: Option<String>,
    /// Byte offset of every character, and the text length at the end.
    #[serde(skip)]
    char_bytes: Vec<usize>,
}

impl ArticleEvents {
    /// Reads an annotation object. `article` names it in the error; when the JSON lacks an
    /// id, `article` becomes the id. Events without an id get `evN` by position.
    pub fn parse(json: &str, article: &str) -> Result<ArticleEvents, ExportError> {
        let mut a: ArticleEvents = serde_json::from_str(json)
            .map_err(|source| ExportError::Json { article: article.to_owned(), source })?;
        if a.id.is_empty() {
            a.id = article.to_owned();
        }
        for (i, e) in a.events.iter_mut().enumerate() {
            if e.id.is_empty() {
                e.id = format!("ev{}", i + 1);
            }
        }
        a.char_bytes = a.text.char_indices().map(|(b, _)| b).collect();
        a.char_bytes.push(a.text.len());
        Ok(a)
    }

    /// The text between two character offsets; `None` when they are out of range.
    pub fn chars(&self, span: Offsets) -> Option<&str> {
        let (s, e) = (span.start as usize, span.end as usize);
        if s > e {
            return None;
        }
        let (s, e) = (*self.char_bytes.get(s)?, *self.char_bytes.get(e)?);
        self.text.get(s..e)
    }

    /// The byte range of a character span, for marking text; `None` when out of range.
    pub fn byte_range(&self, span: Offsets) -> Option<std::ops::Range<usize>> {
        let (s, e) = (span.start as usize, span.end as usize);
        (s <= e).then_some(())?;
        Some(*self.char_bytes.get(s)?..*self.char_bytes.get(e)?)
    }

    /// The event with this id (`ev3`).
    pub fn event(&self, id: &str) -> Option<&EventRecord> {
        self.events.iter().find(|e| e.id == id)
    }

    /// The entity with this id.
    pub fn entity(&self, id: Option<&str>) -> Option<&EntityRecord> {
        let id = id?;
        self.entities.iter().find(|e| e.id == id)
    }

    /// The place with this id.
    pub fn place(&self, id: Option<&str>) -> Option<&PlaceRecord> {
        let id = id?;
        self.places.iter().find(|p| p.id == id)
    }

    /// The sentence an event is stated in.
    pub fn sentence_of(&self, event: &EventRecord) -> Option<Offsets> {
        self.sentences.get(event.sentence as usize).copied()
    }

    /// The event's date if it is a full `YYYY-MM-DD` date, else the article's.
    pub fn event_date(&self, event: &EventRecord) -> Option<(u32, u32, u32)> {
        event.date.as_deref().and_then(ymd).or_else(|| self.date.as_deref().and_then(ymd))
    }

    /// One JSONL line for an event: the contract's event fields plus the article's id,
    /// the event's GDELT-export id, the article's date, url and title, the evidence and sentence text, and the actors' entity names.
    pub fn jsonl(&self, event: &EventRecord) -> String {
        #[derive(Serialize)]
        struct Line<'a> {
            article: &'a str,
            global_event_id: u64,
            #[serde(skip_serializing_if = "Option::is_none")]
            article_date: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            url: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            title: Option<&'a str>,
            #[serde(flatten)]
            event: &'a EventRecord,
            evidence_text: &'a str,
            sentence_text: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            source_name: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            target_name: Option<&'a str>,
        }
        let name = |id: Option<&String>| self.entity(id.map(String::as_str)).map(|e| &*e.name);
        let line = Line {
            article: &self.id,
            global_event_id: crate::gdelt::global_event_id(&self.id, &event.id),
            article_date: self.date.as_deref(),
            url: self.url.as_deref(),
            title: self.title.as_deref(),
            event,
            evidence_text: self.chars(event.evidence).unwrap_or(""),
            sentence_text: self.sentence_of(event).and_then(|s| self.chars(s)).unwrap_or(""),
            source_name: name(event.source_entity.as_ref()),
            target_name: name(event.target_entity.as_ref()),
        };
        serde_json::to_string(&line).expect("strings, numbers and JSON values serialize")
    }
}

/// `(year, month, day)` from a string starting `YYYY-MM-DD` (a TIMEX3 value or an ISO date
/// with a time after it); `None` for partial or invalid dates.
pub fn ymd(s: &str) -> Option<(u32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || (b.len() > 10 && b[10].is_ascii_digit()) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    ((1..=12).contains(&m) && (1..=days_in_month(y, m)).contains(&d)).then_some((y, m, d))
}

pub(crate) fn is_leap(y: u32) -> bool {
    y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400))
}

pub(crate) fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_sparse_object_and_slices_by_characters() {
        let json = r#"{"id":"a","text":"“Yes,” Kyiv said.","sentences":[{"start":0,"end":17}],
            "events":[{"code":"010","evidence":{"start":7,"end":16}},{"id":"ev9","evidence":{"start":3,"end":99}}]}"#;
        let a = ArticleEvents::parse(json, "a").unwrap();
        assert_eq!(a.events[0].id, "ev1");
        assert_eq!(a.chars(a.events[0].evidence), Some("Kyiv said"));
        assert_eq!(a.chars(a.events[1].evidence), None);
        let line: Value = serde_json::from_str(&a.jsonl(&a.events[0])).unwrap();
        assert_eq!(line["evidence_text"], "Kyiv said");
        assert_eq!(line["sentence_text"], "“Yes,” Kyiv said.");
        assert!(ArticleEvents::parse("{not json", "b").unwrap_err().to_string().contains("b"));
    }

    #[test]
    fn dates() {
        assert_eq!(ymd("2022-04-26"), Some((2022, 4, 26)));
        assert_eq!(ymd("2022-04-26T10:00"), Some((2022, 4, 26)));
        assert_eq!(ymd("2022-04"), None);
        assert_eq!(ymd("2022-02-30"), None);
        assert_eq!(ymd("2022-W17"), None);
    }
}
