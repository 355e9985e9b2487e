//! Reader for PETRARCH2's validation records (`PETR.UnitTest.records.xml`).
//!
//! Each `<Sentence date id category>` holds one or more `<EventCoding>` (expected events
//! with `sourcecode`, `targetcode`, `eventcode`; or `noevents="True"`; or `error="..."`
//! when the record tests an input error), a `<Text>` and a Penn Treebank `<Parse>`, which
//! herald ignores: it codes from its own parse. XML comments are dropped first (they hold
//! commented-out records), then each record is parsed on its own, so one broken record is
//! named and skipped without losing the rest.

use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::{EventCode, EventsError, LineError};

/// One expected event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedEvent {
    /// Source actor code (`ARN`, `GONGOV`), or a quoted phrase for a null-coded actor
    /// (`"INJURY TOLL"`), as written.
    pub source: String,
    /// Target actor code, as written.
    pub target: String,
    /// Event code.
    pub code: EventCode,
}

/// What a record expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    /// These events (in the file's order).
    Events(Vec<ExpectedEvent>),
    /// No event at all (`noevents="True"`, or no `<EventCoding>` in the record).
    NoEvent,
    /// The record tests an input error of PETRARCH's (`bad_input_parse`, `dateline`,
    /// `sentencediscard`, `storydiscard`); there is nothing to code.
    Error(String),
}

/// One validation record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Record id (`DEMO-00`).
    pub id: String,
    /// Category (`DEMO`, `ACTOR`, `AGENT`, `COMPOUND`, ...), as written.
    pub category: String,
    /// Date as written, `YYYYMMDD`.
    pub date: String,
    /// The sentence, whitespace collapsed to single spaces.
    pub text: String,
    /// Expected codings.
    pub expected: Expected,
    /// Line where the record starts.
    pub line: usize,
}

/// Records read, with the records that were skipped.
#[derive(Clone, Debug, Default)]
pub struct ParsedRecords {
    /// Good records, in file order.
    pub records: Vec<Record>,
    /// Skipped records, each naming file and line.
    pub errors: Vec<LineError>,
}

/// Reads a validation records file; bad records are collected, only I/O fails.
pub fn read_records_file(path: &Path) -> Result<ParsedRecords, EventsError> {
    let (text, name) = crate::read_source(path)?;
    Ok(parse_records(&text, &name))
}

/// Parses validation records from text; `name` names the file in errors.
pub fn parse_records(text: &str, name: &str) -> ParsedRecords {
    let clean = blank_comments(text);
    let line_of = |byte: usize| {
        text.as_bytes()[..byte.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
    };
    let mut out = ParsedRecords::default();
    let mut pos = 0;
    while let Some(found) = find_open(&clean, pos, "<Sentence") {
        let line = line_of(found);
        let end = clean[found..].find("</Sentence>").map(|e| found + e + "</Sentence>".len());
        let next_open = find_open(&clean, found + 1, "<Sentence");
        match end {
            Some(end) if next_open.is_none_or(|n| n > end) => {
                match parse_record(&clean[found..end], line) {
                    Ok(r) => out.records.push(r),
                    Err(reason) => out.errors.push(LineError::new(name, line, reason)),
                }
                pos = end;
            }
            _ => {
                out.errors.push(LineError::new(name, line, "record without </Sentence>"));
                pos = next_open.unwrap_or(clean.len());
            }
        }
    }
    out
}

/// Finds `<Sentence` followed by whitespace or `>` (not `<Sentences>`).
fn find_open(s: &str, from: usize, tag: &str) -> Option<usize> {
    let mut at = from;
    while let Some(i) = s.get(at..)?.find(tag) {
        let k = at + i;
        match s.as_bytes().get(k + tag.len()) {
            Some(c) if c.is_ascii_whitespace() || *c == b'>' => return Some(k),
            _ => at = k + tag.len(),
        }
    }
    None
}

/// Replaces `<!-- ... -->` with spaces, keeping newlines so line numbers hold.
fn blank_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let len = after.find("-->").map_or(after.len(), |e| e + 3);
        out.extend(after[..len].chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
        rest = &after[len..];
    }
    out.push_str(rest);
    out
}

fn attrs(e: &BytesStart<'_>) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|err| format!("bad attribute: {err}"))?;
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        // Decoded by hand: `unescape_value` does not exist when another crate of the
        // workspace turns on quick-xml's `encoding` feature.
        let raw =
            std::str::from_utf8(&a.value).map_err(|err| format!("bad attribute {key}: {err}"))?;
        let value = quick_xml::escape::unescape(raw)
            .map_err(|err| format!("bad attribute {key}: {err}"))?;
        out.push((key, value.into_owned()));
    }
    Ok(out)
}

fn get<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

fn parse_record(xml: &str, line: usize) -> Result<Record, String> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut record: Option<Record> = None;
    let mut events = Vec::new();
    let (mut no_event, mut error) = (false, None);
    let mut text = String::new();
    let mut in_text = false;
    let mut seen_text = false;
    loop {
        let ev = reader.read_event().map_err(|e| format!("bad XML: {e}"))?;
        let (start, empty) = match &ev {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            match e.name().as_ref() {
                b"Sentence" => {
                    let a = attrs(e)?;
                    let id = get(&a, "id")
                        .filter(|s| !s.trim().is_empty())
                        .ok_or("record without id")?;
                    let field = |k: &str| get(&a, k).unwrap_or("").trim().to_owned();
                    record = Some(Record {
                        id: id.trim().to_owned(),
                        category: field("category"),
                        date: field("date"),
                        text: String::new(),
                        expected: Expected::NoEvent,
                        line,
                    });
                }
                b"EventCoding" => {
                    let a = attrs(e)?;
                    if let Some(kind) = get(&a, "error") {
                        error = Some(kind.to_owned());
                    } else if get(&a, "noevents").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
                        no_event = true;
                    } else {
                        let need = |k: &str| {
                            get(&a, k).map(str::to_owned).ok_or(format!("EventCoding without {k}"))
                        };
                        let code = need("eventcode")?;
                        events.push(ExpectedEvent {
                            source: need("sourcecode")?,
                            target: need("targetcode")?,
                            code: EventCode::parse(code.trim())
                                .ok_or(format!("bad eventcode {code:?}"))?,
                        });
                    }
                }
                b"Text" if !empty => {
                    in_text = true;
                    seen_text = true;
                }
                _ => {}
            }
            continue;
        }
        match ev {
            Event::End(e) if e.name().as_ref() == b"Text" => in_text = false,
            Event::Text(t) if in_text => {
                text.push_str(&t.unescape().map_err(|e| format!("bad text: {e}"))?);
            }
            Event::CData(t) if in_text => text.push_str(&String::from_utf8_lossy(&t)),
            Event::Eof => break,
            _ => {}
        }
    }
    let mut record = record.ok_or("no <Sentence> element")?;
    if !seen_text {
        return Err(format!("record {} has no <Text>", record.id));
    }
    record.text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if record.text.is_empty() {
        return Err(format!("record {} has an empty <Text>", record.id));
    }
    record.expected = match (error, events.is_empty(), no_event) {
        (Some(kind), _, _) => Expected::Error(kind),
        (None, false, true) => {
            return Err(format!("record {} expects events and no event", record.id))
        }
        (None, false, false) => Expected::Events(events),
        (None, true, true) => Expected::NoEvent,
        // PATTERN-06 has none: a match the parse cancels, so nothing is expected.
        (None, true, false) => Expected::NoEvent,
    };
    Ok(record)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<Validation>
<!-- <Sentence id="COMMENTED-OUT" category="X"> -->
<Sentences>
<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<!-- a comment -->
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode='"INJURY TOLL"' targetcode="OSG" eventcode="223"/>
<Text>
Arnor is about to restore full diplomatic ties with Gondor &amp; Osgiliath.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Sentence date = "19950102" id ="DEMO-01"  category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
<Sentence date="19950103" id="BAD-01" category="ERROR">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="sixty"></EventCoding>
<Text>x</Text>
</Sentence>
<Sentence date="19950103" id="BAD-02" category="ERROR">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>unclosed
<Sentence date="19950104" id="ERR-01" category="ERROR">
<EventCoding error="bad_input_parse"></EventCoding>
<Text>Arnor</Text>
</Sentence>
</Sentences>
</Validation>
"#;

    #[test]
    fn reads_records_and_names_bad_ones() {
        let parsed = parse_records(SAMPLE, "t.xml");
        let ids: Vec<&str> = parsed.records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["DEMO-00", "DEMO-01", "ERR-01"]);
        let r = &parsed.records[0];
        assert_eq!((r.category.as_str(), r.date.as_str(), r.line), ("DEMO", "19950101", 4));
        assert_eq!(
            r.text,
            "Arnor is about to restore full diplomatic ties with Gondor & Osgiliath."
        );
        let Expected::Events(ev) = &r.expected else { panic!("{:?}", r.expected) };
        assert_eq!(ev.len(), 2);
        assert_eq!(
            (ev[0].source.as_str(), ev[0].target.as_str(), ev[0].code.as_str()),
            ("ARN", "GON", "064")
        );
        assert_eq!(ev[1].source, "\"INJURY TOLL\"");
        assert_eq!(parsed.records[1].expected, Expected::NoEvent);
        assert_eq!(parsed.records[1].date, "19950102");
        assert_eq!(parsed.records[2].expected, Expected::Error("bad_input_parse".into()));
        let errs: Vec<String> = parsed.errors.iter().map(ToString::to_string).collect();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs[0].starts_with("t.xml: line 17: bad eventcode"), "{errs:?}");
        assert!(errs[1].starts_with("t.xml: line 21: record without </Sentence>"), "{errs:?}");
    }

    #[test]
    fn garbage_never_panics() {
        for s in [
            "",
            "<Sentence",
            "<Sentence id=\"x\"></Sentence>",
            "<Sentence id='x'><Text>a</Sentence>",
            "\u{fffd}<Sentence >",
        ] {
            let _ = parse_records(s, "g.xml");
        }
    }
}
