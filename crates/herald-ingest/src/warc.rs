//! WARC/1.0 and WARC/1.1 archives, streamed record by record.
//!
//! Compression is handled before this module sees the bytes: [`crate::input::open`] wraps
//! gzip input in a `MultiGzDecoder`, which reads both whole-file gzip and the usual
//! one-gzip-member-per-record layout as one continuous stream.
//!
//! Each `response` record whose HTTP status is 200 and whose payload is HTML (by
//! `Content-Type`, or by sniffing when the header is missing) becomes an article: the HTTP
//! headers are stripped, chunked transfer coding and gzip/deflate content coding undone, the
//! charset of the `Content-Type` honoured, and the page goes through
//! [`crate::extract_html`]. `WARC-Target-URI` is the article's URL, `WARC-Date` its date
//! when the page gives none. `resource` records holding HTML are read the same way.
//! Other records (requests, metadata, redirects, errors, images, …) are passed over
//! silently: they are not articles and not errors either. A file that ends inside a record gives one
//! [`Skip`] for that record; everything before it is kept.

use std::io::{self, BufRead, Read};
use std::path::PathBuf;

use flate2::read::{MultiGzDecoder, ZlibDecoder};
use herald_doc::Article;

use crate::dates::parse_date;
use crate::html::extract_html_with_charset;
use crate::input::{find, human_bytes, human_limit, io_reason, read_limited};
use crate::{ReadConfig, Record, Skip};

/// Longest WARC header block accepted (the headers of one record).
const MAX_HEADER_BYTES: usize = 64 * 1024;

/// The article stream of one WARC file.
pub(crate) struct WarcReader {
    path: PathBuf,
    reader: Box<dyn BufRead>,
    config: ReadConfig,
    /// Records started so far (1-based number of the current one).
    records: u64,
    done: bool,
}

/// The WARC headers herald uses.
#[derive(Default)]
struct Headers {
    warc_type: String,
    content_length: Option<u64>,
    target_uri: Option<String>,
    date: Option<String>,
    content_type: String,
}

impl WarcReader {
    pub(crate) fn new(path: PathBuf, reader: Box<dyn BufRead>, config: ReadConfig) -> WarcReader {
        WarcReader { path, reader, config, records: 0, done: false }
    }

    fn skipped(&self, reason: impl Into<String>) -> Record {
        Record::Skipped(Skip::new(&self.path, Some(format!("record={}", self.records)), reason))
    }

    /// Reads one record; `Ok(None)` when the record gives no article or skip.
    fn next_record(&mut self) -> Result<Option<Record>, Stop> {
        let headers = match self.read_headers()? {
            Some(h) => h,
            None => return Err(Stop::End),
        };
        let Some(length) = headers.content_length else {
            return Err(Stop::Skip(
                "no Content-Length header; cannot find the next record".to_owned(),
            ));
        };
        let wanted = matches!(headers.warc_type.as_str(), "response" | "resource");
        let html_resource = headers.warc_type == "resource" && is_html_type(&headers.content_type);
        let http_response =
            headers.warc_type == "response" && headers.content_type.contains("application/http");
        if !wanted || !(html_resource || http_response) {
            self.discard(length)?;
            return Ok(None);
        }
        if length > self.config.max_record_bytes as u64 {
            self.discard(length)?;
            return Ok(Some(self.skipped(format!(
                "record is {}, over the {} record limit",
                human_bytes(length),
                human_limit(self.config.max_record_bytes)
            ))));
        }
        let mut block = vec![0u8; length as usize];
        self.reader.read_exact(&mut block).map_err(|e| Stop::from_io(&e))?;

        let (charset, body) = if http_response {
            match http_payload(&block, self.config.max_article_bytes) {
                Payload::Html { charset, body } => (charset, body),
                Payload::Other => return Ok(None),
                Payload::Bad(reason) => return Ok(Some(self.skipped(reason))),
            }
        } else {
            (charset_param(&headers.content_type), block)
        };
        if body.len() > self.config.max_article_bytes {
            let limit = human_limit(self.config.max_article_bytes);
            return Ok(Some(self.skipped(format!(
                "page is {}, over the {limit} article limit",
                human_bytes(body.len() as u64)
            ))));
        }
        let url = headers.target_uri;
        match extract_html_with_charset(&body, url.as_deref(), charset.as_deref()) {
            Ok(x) => {
                // The URL the page was fetched from identifies the capture; a canonical link
                // is the page's claim and is used only when there is no target URI.
                let url = url.or(x.url);
                let date = x.date.or_else(|| headers.date.as_deref().and_then(parse_date));
                let article = Article {
                    id: crate::article_id(url.as_deref(), &x.text),
                    url,
                    title: x.title,
                    byline: x.byline,
                    date,
                    language: None,
                    source: Some(format!("{}:record={}", self.path.display(), self.records)),
                    text: x.text,
                };
                Ok(Some(Record::Article(article)))
            }
            Err(e) => Ok(Some(self.skipped(e.to_string()))),
        }
    }

    /// Reads the version line and header fields of the next record; `None` at a clean end
    /// of input. Blank lines before the version line are tolerated.
    fn read_headers(&mut self) -> Result<Option<Headers>, Stop> {
        let mut line = Vec::new();
        // The version line, after any blank lines (record separators written twice).
        loop {
            line.clear();
            let n = read_line(&mut self.reader, &mut line, MAX_HEADER_BYTES)
                .map_err(|e| Stop::from_io(&e))?;
            if n == 0 {
                return Ok(None);
            }
            if !line.iter().all(u8::is_ascii_whitespace) {
                break;
            }
        }
        self.records += 1;
        if !line.starts_with(b"WARC/") {
            return Err(Stop::Skip(
                "no WARC/1.x version line where a record should start (corrupt file?)".to_owned(),
            ));
        }
        let mut headers = Headers::default();
        let mut total = line.len();
        loop {
            line.clear();
            let n = read_line(&mut self.reader, &mut line, MAX_HEADER_BYTES)
                .map_err(|e| Stop::from_io(&e))?;
            if n == 0 {
                return Err(Stop::Skip(
                    "file ends inside the record headers (truncated file?)".to_owned(),
                ));
            }
            total += n;
            if total > MAX_HEADER_BYTES {
                return Err(Stop::Skip("record headers over 64 KiB (corrupt file?)".to_owned()));
            }
            let trimmed = trim_ascii(&line);
            if trimmed.is_empty() {
                break;
            }
            let Some(colon) = trimmed.iter().position(|&c| c == b':') else { continue };
            let name = String::from_utf8_lossy(&trimmed[..colon]).to_ascii_lowercase();
            let value = String::from_utf8_lossy(trim_ascii(&trimmed[colon + 1..])).into_owned();
            match name.as_str() {
                "warc-type" => headers.warc_type = value.to_ascii_lowercase(),
                "content-length" => headers.content_length = value.parse().ok(),
                // WARC/1.0 examples wrap the URI in angle brackets.
                "warc-target-uri" => {
                    headers.target_uri =
                        Some(value.trim_start_matches('<').trim_end_matches('>').to_owned())
                            .filter(|u| !u.is_empty())
                }
                "warc-date" => headers.date = Some(value),
                "content-type" => headers.content_type = value.to_ascii_lowercase(),
                _ => {}
            }
        }
        Ok(Some(headers))
    }

    /// Reads past a block without keeping it.
    fn discard(&mut self, length: u64) -> Result<(), Stop> {
        let copied = io::copy(&mut (&mut self.reader).take(length), &mut io::sink())
            .map_err(|e| Stop::from_io(&e))?;
        if copied < length {
            return Err(Stop::Skip("file ends inside this record (truncated file?)".to_owned()));
        }
        Ok(())
    }
}

/// Why reading a file stops.
enum Stop {
    /// Clean end of input.
    End,
    /// A problem that makes the rest unreadable: one skip, then stop.
    Skip(String),
}

impl Stop {
    fn from_io(e: &io::Error) -> Stop {
        match e.kind() {
            io::ErrorKind::UnexpectedEof => {
                Stop::Skip("file ends inside this record (truncated file?)".to_owned())
            }
            _ => Stop::Skip(format!("cannot read: {}", io_reason(e))),
        }
    }
}

impl Iterator for WarcReader {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        while !self.done {
            match self.next_record() {
                Ok(Some(record)) => return Some(record),
                Ok(None) => {}
                Err(Stop::End) => self.done = true,
                Err(Stop::Skip(reason)) => {
                    self.done = true;
                    return Some(self.skipped(format!("{reason}; stopped reading this file")));
                }
            }
        }
        None
    }
}

/// Reads a line (with its `\n`) into `buf`, keeping at most `limit` bytes of it; returns
/// the number of bytes consumed.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<usize> {
    let mut consumed = 0;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(consumed);
        }
        let (used, newline) = match available.iter().position(|&c| c == b'\n') {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        let room = limit.saturating_sub(buf.len());
        buf.extend_from_slice(&available[..used.min(room)]);
        reader.consume(used);
        consumed += used;
        if newline || consumed > limit {
            return Ok(consumed);
        }
    }
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    let end = b.iter().rposition(|c| !c.is_ascii_whitespace()).map_or(start, |i| i + 1);
    &b[start..end]
}

fn is_html_type(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    matches!(mime, "text/html" | "application/xhtml+xml")
}

/// The `charset=` parameter of a `Content-Type` value.
fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("charset"))
            .then(|| v.trim().trim_matches(['"', '\'']).to_owned())
    })
}

/// What an HTTP response block holds.
enum Payload {
    /// An HTML page with status 200.
    Html { charset: Option<String>, body: Vec<u8> },
    /// Not status 200, or not HTML: not an article, and not an error either.
    Other,
    /// An HTML response herald could not decode.
    Bad(String),
}

/// Splits an HTTP response into status, headers and body, and decodes the body.
fn http_payload(block: &[u8], max_body: usize) -> Payload {
    let (head_end, body_start) = match find(block, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => match find(block, b"\n\n") {
            Some(i) => (i, i + 2),
            None => {
                return Payload::Bad("HTTP response without a header/body separator".to_owned())
            }
        },
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status = status_line.split_whitespace().nth(1).and_then(|s| s.parse::<u16>().ok());
    if !status_line.starts_with("HTTP/") {
        return Payload::Bad("HTTP response without a status line".to_owned());
    }
    if status != Some(200) {
        return Payload::Other;
    }
    let mut content_type = None;
    let mut chunked = false;
    let mut coding = String::new();
    for line in lines {
        let Some((name, value)) = line.split_once(':') else { continue };
        let value = value.trim().to_ascii_lowercase();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(value),
            "transfer-encoding" => chunked = value.contains("chunked"),
            "content-encoding" => coding = value,
            _ => {}
        }
    }
    let mut body = block[body_start..].to_vec();
    if chunked {
        // Crawlers usually store the de-chunked body but keep the header; only undo chunking
        // when the body really starts with a chunk size line.
        if let Some(b) = dechunk(&body) {
            body = b;
        }
    }
    match coding.as_str() {
        "gzip" | "x-gzip" | "deflate" if looks_compressed(&body) => {
            // One byte over the article limit is enough to have the page skipped as too large.
            let decoded = if body.starts_with(&[0x1f, 0x8b]) {
                read_limited(&mut MultiGzDecoder::new(&body[..]), max_body)
            } else {
                read_limited(&mut ZlibDecoder::new(&body[..]), max_body)
            };
            match decoded {
                Ok(b) => body = b,
                Err(e) => {
                    return Payload::Bad(format!(
                        "cannot decode {coding} content: {}",
                        io_reason(&e)
                    ))
                }
            }
        }
        _ => {}
    }
    let is_html = match &content_type {
        Some(ct) => is_html_type(ct),
        None => sniff_html(&body),
    };
    if !is_html {
        return Payload::Other;
    }
    Payload::Html { charset: content_type.as_deref().and_then(charset_param), body }
}

/// gzip or zlib magic (a body declared compressed but stored decoded is left alone).
#[allow(clippy::manual_is_multiple_of)] // `is_multiple_of` is newer than the workspace's rust-version.
fn looks_compressed(body: &[u8]) -> bool {
    body.starts_with(&[0x1f, 0x8b])
        || (body.len() >= 2
            && body[0] & 0x0f == 8
            && u16::from_be_bytes([body[0], body[1]]) % 31 == 0)
}

fn sniff_html(body: &[u8]) -> bool {
    let head: Vec<u8> = body.iter().take(1024).map(u8::to_ascii_lowercase).collect();
    find(&head, b"<html").is_some() || find(&head, b"<!doctype html").is_some()
}

/// Undoes HTTP chunked transfer coding; `None` when the body is not chunked after all.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let eol = find(rest, b"\r\n")?;
        let size_field = std::str::from_utf8(&rest[..eol]).ok()?;
        let size_hex = size_field.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        rest = &rest[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        if rest.len() < size {
            // A final chunk cut short: keep what there is.
            out.extend_from_slice(rest);
            return Some(out);
        }
        out.extend_from_slice(&rest[..size]);
        rest = rest[size..].strip_prefix(b"\r\n").unwrap_or(&rest[size..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_payloads() {
        let page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<html>caf\xe9</html>";
        match http_payload(page, 1 << 20) {
            Payload::Html { charset, body } => {
                assert_eq!(charset.as_deref(), Some("iso-8859-1"));
                assert_eq!(body, b"<html>caf\xe9</html>");
            }
            _ => panic!("not HTML"),
        }
        assert!(matches!(
            http_payload(
                b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html>",
                1 << 20
            ),
            Payload::Other
        ));
        assert!(matches!(
            http_payload(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG", 1 << 20),
            Payload::Other
        ));
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n6\r\n<html>\r\n3\r\nabc\r\n0\r\n\r\n";
        match http_payload(chunked, 1 << 20) {
            Payload::Html { body, .. } => assert_eq!(body, b"<html>abc"),
            _ => panic!("not HTML"),
        }
    }
}
