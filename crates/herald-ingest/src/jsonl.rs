//! JSON Lines: one article object per line,
//! `{"id", "text", "title"?, "date"?, "url"?, "byline"?, "language"?}`.
//!
//! Lines are read with a bounded line reader: a line longer than
//! [`ReadConfig::max_record_bytes`] is skipped without being held in memory. Every bad line
//! gives one [`Skip`] naming its line number and reading goes on with the next line.

use std::io::{self, BufRead};
use std::path::PathBuf;

use herald_doc::{Article, Language, PubDate};
use serde_json::{Map, Value};

use crate::input::{human_limit, io_reason};
use crate::{article_id, ReadConfig, Record, Skip};

/// The article stream of one JSON Lines file.
pub(crate) struct JsonlReader {
    path: PathBuf,
    reader: Box<dyn BufRead>,
    config: ReadConfig,
    /// Number of the line read last (1-based).
    line_no: u64,
    /// Set when the input failed; nothing more is read.
    done: bool,
    line: Vec<u8>,
}

/// One line as the bounded reader returns it.
enum Line {
    /// A complete line (without its terminator), up to the limit.
    Fits,
    /// A line over the limit; its bytes were discarded.
    TooLong,
    /// The input is exhausted.
    End,
}

impl JsonlReader {
    pub(crate) fn new(path: PathBuf, reader: Box<dyn BufRead>, config: ReadConfig) -> JsonlReader {
        JsonlReader { path, reader, config, line_no: 0, done: false, line: Vec::new() }
    }

    /// Reads the next line into `self.line`, keeping at most `max_record_bytes` of it.
    fn read_line(&mut self) -> io::Result<Line> {
        self.line.clear();
        let limit = self.config.max_record_bytes;
        let mut too_long = false;
        let mut any = false;
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                break;
            }
            any = true;
            let (chunk, used, newline) = match buf.iter().position(|&c| c == b'\n') {
                Some(i) => (&buf[..i], i + 1, true),
                None => (buf, buf.len(), false),
            };
            if !too_long {
                if self.line.len() + chunk.len() > limit {
                    too_long = true;
                    self.line = Vec::new();
                } else {
                    self.line.extend_from_slice(chunk);
                }
            }
            self.reader.consume(used);
            if newline {
                break;
            }
        }
        if !any {
            return Ok(Line::End);
        }
        if too_long {
            return Ok(Line::TooLong);
        }
        if self.line.last() == Some(&b'\r') {
            self.line.pop();
        }
        Ok(Line::Fits)
    }

    fn skipped(&self, reason: impl Into<String>) -> Record {
        Record::Skipped(Skip::new(&self.path, Some(self.line_no.to_string()), reason))
    }
}

impl Iterator for JsonlReader {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if self.done {
                return None;
            }
            let line = match self.read_line() {
                Ok(l) => l,
                Err(e) => {
                    self.done = true;
                    self.line_no += 1;
                    return Some(self.skipped(format!(
                        "cannot read: {}; stopped reading this file",
                        io_reason(&e)
                    )));
                }
            };
            self.line_no += 1;
            match line {
                Line::End => {
                    self.done = true;
                    return None;
                }
                Line::TooLong => {
                    return Some(self.skipped(format!(
                        "line is over the {} record limit",
                        human_limit(self.config.max_record_bytes)
                    )))
                }
                Line::Fits => {}
            }
            let mut bytes = self.line.as_slice();
            if self.line_no == 1 {
                bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                // Blank lines separate nothing in JSON Lines; they are not records.
                continue;
            }
            let source = format!("{}:{}", self.path.display(), self.line_no);
            return Some(match parse_line(bytes, &self.config) {
                Ok(mut article) => {
                    article.source = Some(source);
                    Record::Article(article)
                }
                Err(reason) => self.skipped(reason),
            });
        }
    }
}

/// One line to an article, or the reason it is not one.
fn parse_line(bytes: &[u8], config: &ReadConfig) -> Result<Article, String> {
    let line = std::str::from_utf8(bytes)
        .map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to()))?;
    let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(obj) = value else {
        return Err(format!("a JSON {}, not an object", json_kind(&value)));
    };
    let text = match obj.get("text") {
        Some(Value::String(t)) => t,
        Some(other) => return Err(format!("\"text\" is a {}, not a string", json_kind(other))),
        None => return Err("no \"text\" field".to_owned()),
    };
    if text.trim().is_empty() {
        return Err("empty \"text\"".to_owned());
    }
    if text.len() > config.max_article_bytes {
        return Err(format!(
            "text is over the {} article limit",
            human_limit(config.max_article_bytes)
        ));
    }
    let url = opt_string(&obj, "url")?;
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(_)) | None | Some(Value::Null) => article_id(url.as_deref(), text),
        Some(other) => return Err(format!("\"id\" is a {}, not a string", json_kind(other))),
    };
    let date = match opt_string(&obj, "date")? {
        None => None,
        Some(d) => Some(
            PubDate::parse(&d)
                .ok_or_else(|| format!("invalid \"date\" {d:?} (want YYYY-MM-DD or RFC 3339)"))?,
        ),
    };
    let byline = match opt_string(&obj, "byline")? {
        Some(b) => Some(b),
        None => opt_string(&obj, "author")?,
    };
    let language = opt_string(&obj, "language")?.map(|l| Language(l.to_ascii_lowercase()));
    Ok(Article {
        id,
        url,
        title: opt_string(&obj, "title")?,
        byline,
        date,
        language,
        source: None,
        // Verbatim: annotation offsets index into the text the caller gave.
        text: text.clone(),
    })
}

/// An optional string field: absent, `null` and `""` are `None`; any other type is an error.
fn opt_string(obj: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(format!("\"{key}\" is a {}, not a string", json_kind(other))),
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str, config: ReadConfig) -> Vec<Record> {
        let reader: Box<dyn BufRead> = Box::new(io::Cursor::new(input.as_bytes().to_vec()));
        JsonlReader::new(PathBuf::from("a.jsonl"), reader, config).collect()
    }

    fn describe(records: &[Record]) -> Vec<String> {
        records
            .iter()
            .map(|r| match r {
                Record::Article(a) => format!("article {} {:?}", a.id, a.text),
                Record::Skipped(s) => format!("skip {s}"),
            })
            .collect()
    }

    #[test]
    fn good_and_bad_lines() {
        let input = concat!(
            "{\"id\":\"a\",\"text\":\"  Kept  verbatim.\\n\",\"date\":\"2022-04-26\",\"url\":\"https://x.com/a\"}\r\n",
            "\n",
            "{\"id\":\"b\",\"text\":\"\"}\n",
            "{not json}\n",
            "[1,2]\n",
            "{\"id\":7,\"text\":\"Numbered id.\",\"date\":\"2022-04-26T10:00:00+03:00\"}\n",
            "{\"id\":\"c\",\"text\":\"Bad date.\",\"date\":\"yesterday\"}\n",
            "{\"text\":\"No id.\"}",
        );
        let got = describe(&read(input, ReadConfig::default()));
        assert_eq!(got[0], "article a \"  Kept  verbatim.\\n\"");
        assert_eq!(got[1], "skip a.jsonl:3: empty \"text\"");
        assert!(
            got[2].starts_with("skip a.jsonl:4: invalid JSON: key must be a string"),
            "{}",
            got[2]
        );
        assert_eq!(got[3], "skip a.jsonl:5: a JSON array, not an object");
        assert_eq!(got[4], "article 7 \"Numbered id.\"");
        assert!(got[5].starts_with("skip a.jsonl:7: invalid \"date\" \"yesterday\""), "{}", got[5]);
        assert!(got[6].starts_with("article c"), "{}", got[6]);
        assert_eq!(got.len(), 7);
    }

    #[test]
    fn long_line_is_skipped_without_stopping() {
        let long = format!("{{\"id\":\"big\",\"text\":\"{}\"}}\n", "x".repeat(500));
        let input = format!("{long}{{\"id\":\"ok\",\"text\":\"Fine.\"}}\n");
        let config = ReadConfig { max_record_bytes: 100, ..ReadConfig::default() };
        let got = describe(&read(&input, config));
        assert_eq!(
            got,
            ["skip a.jsonl:1: line is over the 100 bytes record limit", "article ok \"Fine.\""]
        );
    }

    #[test]
    fn invalid_utf8_line() {
        let mut bytes = b"{\"id\":\"a\",\"text\":\"caf\xe9\"}\n".to_vec();
        bytes.extend_from_slice(b"{\"id\":\"b\",\"text\":\"ok\"}\n");
        let reader: Box<dyn BufRead> = Box::new(io::Cursor::new(bytes));
        let got = describe(
            &JsonlReader::new(PathBuf::from("a.jsonl"), reader, ReadConfig::default())
                .collect::<Vec<_>>(),
        );
        assert_eq!(got, ["skip a.jsonl:1: invalid UTF-8 at byte 21", "article b \"ok\""]);
    }
}
