//! Time expressions in news text, normalised to TIMEX3 values against the publication date.
//!
//! [`annotate`] fills [`Layers::times`](herald_doc::Layers::times) from the text layer
//! (sentences and tokens; Penn tags sharpen the tense when a tagger ran, but are not
//! needed) with `DATE`, `TIME`, `DURATION` and `SET` expressions, anchored at
//! [`Article::date`](herald_doc::Article::date) — the document creation time. [`find`]
//! and [`normalize`] do the same for a bare string; [`resolve_weekday`] and
//! [`resolve_month_year`] are the two rules every relative date rests on.
//!
//! The matcher is hand-written and token-level: one pass over each sentence, every rule
//! tried at each token, the longest match kept. Spans never leave their sentence, come
//! in text order and never overlap. Modifiers (`more than`, `nearly`, `early`) are kept
//! in the span, as TimeML does, but out of the value: "more than 60 days" is `P60D`.
//!
//! **Relative dates.** A weekday named without `last`/`next` is the publication day when
//! it is the same weekday ("on Tuesday" in a Tuesday story); otherwise the tense of its
//! clause decides — the nearest tense cue before the expression (else after it): a
//! future cue (`will`, `is to`, `is due to`, `plans`, `scheduled`, `would`) gives the
//! next such day, anything else (past tense, or no cue: news mostly reports what
//! happened) the closest past one. A month or month-day without a year takes the
//! publication year, moved back a year when the clause is past and the date would lie
//! after the publication date, forward a year when it is future and would lie before it.
#![deny(missing_docs)]

mod calendar;
mod matcher;
mod words;

use herald_doc::{Article, Doc, PubDate, Span, TimeExpr};

pub use calendar::Ymd;
pub use matcher::Rel;
pub use words::Tense;

/// The TIMEX3 type of an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A calendar date or period: `2022-04-26`, `2022-W17`, `2022-Q1`, `PAST_REF`.
    Date,
    /// A time of day: `2022-04-26T15:00`, `2022-04-26TNI`.
    Time,
    /// A length of time: `P60D`, `PT2H`, `PXY`.
    Duration,
    /// A recurrence: `P1W`, `XXXX-WXX-2`.
    Set,
}

impl Kind {
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Date => "DATE",
            Kind::Time => "TIME",
            Kind::Duration => "DURATION",
            Kind::Set => "SET",
        }
    }
}

/// Fills `doc.layers.times` with the document's time expressions, in text order.
///
/// Needs the text layer (`herald_text::segment`); a document without sentences gets no
/// times. Relative expressions are resolved against `doc.article.date`; without one they
/// keep unknown digits (`XXXX-04-26`). Never panics on malformed token tables: tokens
/// outside the text are skipped.
pub fn annotate(doc: &mut Doc) {
    let anchor = doc.article.date.as_ref().and_then(anchor_of);
    let text = doc.article.text.as_str();
    let spans = &doc.tokens.spans;
    let tagged = doc.tokens.xpos.len() == spans.len();
    let mut out = Vec::new();
    let mut last_end = 0u32;
    let mut quarter = None;
    for s in &doc.sentences {
        let (a, b) = (s.tokens.start as usize, (s.tokens.end as usize).min(spans.len()));
        if a >= b {
            continue;
        }
        let toks = &spans[a..b];
        let words: Vec<&str> = toks.iter().map(|sp| sp.get(text).unwrap_or("")).collect();
        let low = words.iter().map(|w| lower(w)).collect();
        let sent = matcher::Sent {
            words,
            low,
            xpos: tagged.then(|| &doc.tokens.xpos[a..b]),
            anchor,
            quarter: std::cell::Cell::new(quarter),
        };
        let found = sent.scan();
        quarter = sent.quarter.get();
        for f in found {
            let span = Span::new(toks[f.start].start, toks[f.end - 1].end.max(toks[f.start].start));
            // Bad token tables (overlapping or out of order) must not yield bad spans.
            if span.start < last_end || span.get(text).is_none() || span.is_empty() {
                continue;
            }
            last_end = span.end;
            out.push(TimeExpr { span, kind: f.kind.as_str().to_string(), value: f.value });
        }
    }
    doc.layers.times = out;
}

/// The time expressions of a plain text, segmented with herald's text layer: a
/// convenience for callers without a [`Doc`].
pub fn find(text: &str, anchor: Option<PubDate>) -> Vec<TimeExpr> {
    let mut article = Article::new("", text);
    article.date = anchor;
    let mut doc = Doc::new(article);
    herald_text::segment(&mut doc);
    annotate(&mut doc);
    doc.layers.times
}

/// The type and TIMEX3 value of the first time expression in `phrase` ("on Tuesday",
/// "more than 60 days"), or `None` when it holds none.
pub fn normalize(phrase: &str, anchor: Option<PubDate>) -> Option<(Kind, String)> {
    let t = find(phrase, anchor).into_iter().next()?;
    let kind = match t.kind.as_str() {
        "TIME" => Kind::Time,
        "DURATION" => Kind::Duration,
        "SET" => Kind::Set,
        _ => Kind::Date,
    };
    Some((kind, t.value))
}

/// The date a weekday (0 = Monday … 6 = Sunday) names, seen from `anchor`: see the
/// crate documentation for the rule.
pub fn resolve_weekday(anchor: Ymd, weekday: u32, rel: Rel) -> Ymd {
    let a = anchor.weekday() as i64;
    let wd = (weekday % 7) as i64;
    let back = (a - wd).rem_euclid(7);
    let fwd = (wd - a).rem_euclid(7);
    match rel {
        Rel::Last => anchor.add_days(-if back == 0 { 7 } else { back }),
        Rel::Next => anchor.add_days(if fwd == 0 { 7 } else { fwd }),
        Rel::Tense(_) if back == 0 => anchor,
        Rel::Tense(Tense::Future) => anchor.add_days(fwd),
        Rel::Tense(_) => anchor.add_days(-back),
    }
}

/// The year of a month (and day) written without one: the anchor's year, one back when
/// the clause is past and the date would follow the anchor (by more than a month), one
/// forward when it is future and the date would precede it. A full date within 45 days of the anchor keeps
/// the anchor's year whatever the tense ("the offer expires Dec. 7" in a November story);
/// without a tense cue the nearer of the candidates wins.
pub fn resolve_month_year(anchor: Ymd, month: u32, day: Option<u32>, tense: Tense) -> i32 {
    let y = anchor.year;
    let Some(d) = day else {
        let diff = month as i64 - anchor.month as i64;
        return match tense {
            Tense::Past if diff > 1 => y - 1,
            Tense::Future if diff < -1 => y + 1,
            Tense::Unknown if diff > 6 => y - 1,
            Tense::Unknown if diff < -6 => y + 1,
            _ => y,
        };
    };
    let days = |year: i32| {
        let d = d.min(calendar::days_in_month(year, month)).max(1);
        Ymd::new(year, month, d).map_or(0, |x| x.days() - anchor.days())
    };
    let diff = days(y);
    match tense {
        Tense::Past if diff > 45 => y - 1,
        Tense::Future if diff < -45 => y + 1,
        Tense::Unknown if diff > 183 => y - 1,
        Tense::Unknown if diff < -183 => y + 1,
        _ => y,
    }
}

/// A TIMEX3 duration for a count of a unit word: `(Some(60), "days")` → `P60D`;
/// `None` is an unknown count (`PXY`). `None` for a word that is no unit.
pub fn duration(count: Option<u32>, unit_word: &str) -> Option<String> {
    let (u, _) = words::unit(&lower(unit_word))?;
    Some(matcher::duration_value(count, u))
}

fn anchor_of(d: &PubDate) -> Option<Ymd> {
    Ymd::new(d.year(), d.month(), d.day())
}

/// Lower case with straight apostrophes; borrowed when the word already is.
fn lower(w: &str) -> std::borrow::Cow<'_, str> {
    if w.is_ascii() {
        if w.bytes().any(|b| b.is_ascii_uppercase()) {
            w.to_ascii_lowercase().into()
        } else {
            w.into()
        }
    } else {
        w.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'").into()
    }
}

#[cfg(test)]
mod tests;
