//! Opening an input: gzip layers, sniffing the first bytes, choosing the format.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;

/// How many leading bytes format detection looks at.
const SNIFF_BYTES: usize = 8192;

/// The formats herald reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Jsonl,
    Html,
    Feed,
    Warc,
}

/// An opened input: a buffered reader positioned at the start of the (decompressed)
/// content, the sniffed prefix, the format, and whether it was compressed.
pub(crate) struct Opened {
    pub reader: Box<dyn BufRead>,
    pub format: Format,
    /// Size on disk of an uncompressed regular file (for size messages).
    pub plain_len: Option<u64>,
    /// The content was gzip-compressed (read errors then mean damaged gzip data).
    pub compressed: bool,
}

/// Why an input could not be opened as any format.
pub(crate) type OpenError = String;

/// Opens `path` (`-` is standard input), peels gzip layers, sniffs and picks a format.
pub(crate) fn open(path: &Path) -> Result<Opened, OpenError> {
    let is_stdin = path.as_os_str() == "-";
    let (raw, disk_len): (Box<dyn Read>, Option<u64>) = if is_stdin {
        (Box::new(io::stdin()), None)
    } else {
        let file = File::open(path).map_err(|e| format!("cannot open: {}", io_reason(&e)))?;
        let meta = file.metadata().map_err(|e| format!("cannot read: {}", io_reason(&e)))?;
        if meta.is_dir() {
            return Err("is a directory".to_owned());
        }
        (Box::new(file), Some(meta.len()))
    };
    let mut reader: Box<dyn BufRead> = Box::new(BufReader::with_capacity(64 * 1024, raw));

    // Peel gzip layers, whatever the file name says (a `.gz` that is not gzip is read as is).
    let mut compressed = false;
    let mut name = file_name_lower(path);
    for _ in 0..3 {
        let head = fill(&mut reader, 2).map_err(|e| read_error(&e, compressed))?;
        if head.starts_with(&[0x1f, 0x8b]) {
            reader = Box::new(BufReader::with_capacity(64 * 1024, MultiGzDecoder::new(reader)));
            compressed = true;
            if let Some(stem) = name.strip_suffix(".gz").or_else(|| name.strip_suffix(".tgz")) {
                name = stem.to_owned();
            }
        } else {
            break;
        }
    }
    if let Some(stem) = name.strip_suffix(".gz") {
        name = stem.to_owned();
    }

    let head = fill(&mut reader, SNIFF_BYTES).map_err(|e| read_error(&e, compressed))?.to_vec();
    if head.iter().all(u8::is_ascii_whitespace) {
        return Err("empty".to_owned());
    }
    let format = detect(&name, &head)?;
    Ok(Opened { reader, format, plain_len: if compressed { None } else { disk_len }, compressed })
}

/// Fills the reader's buffer until it holds `n` bytes or the input ends, and returns the
/// buffered bytes (which may be more or fewer than `n`), consuming nothing.
///
/// `BufReader` only refills an empty buffer, so this reads through a wrapper that keeps
/// the peeked prefix in front of the rest.
fn fill(reader: &mut Box<dyn BufRead>, n: usize) -> io::Result<&[u8]> {
    let first_len = reader.fill_buf()?.len();
    if first_len >= n || first_len == 0 {
        return reader.fill_buf();
    }
    let mut prefix = Vec::with_capacity(n);
    let mut chunk = [0u8; 8192];
    let mut failure = None;
    while prefix.len() < n {
        let want = chunk.len().min(n - prefix.len());
        match reader.read(&mut chunk[..want]) {
            Ok(0) => break,
            Ok(k) => prefix.extend_from_slice(&chunk[..k]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    if let (Some(e), true) = (&failure, prefix.is_empty()) {
        return Err(io::Error::new(e.kind(), e.to_string()));
    }
    let rest: Box<dyn Read> = match failure {
        // The data before the damage is still served; the error comes after it.
        Some(e) => Box::new(Failing(Some(e))),
        None => Box::new(std::mem::replace(reader, Box::new(io::empty()))),
    };
    *reader = Box::new(BufReader::with_capacity(64 * 1024, io::Cursor::new(prefix).chain(rest)));
    // The new BufReader fills from the cursor first, returning the prefix.
    reader.fill_buf()
}

/// A reader that fails with a stored error (kept to report after the bytes that preceded it).
struct Failing(Option<io::Error>);

impl Read for Failing {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        Err(match &self.0 {
            Some(e) => io::Error::new(e.kind(), e.to_string()),
            None => io::Error::other("read error"),
        })
    }
}

fn file_name_lower(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default()
}

/// Picks the format from the (decompressed) file name and the first bytes.
fn detect(name: &str, head: &[u8]) -> Result<Format, OpenError> {
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let text = trimmed_start(head);
    let lower: Vec<u8> = text.iter().take(1024).map(u8::to_ascii_lowercase).collect();
    let starts = |p: &[u8]| lower.starts_with(p);

    if head.starts_with(b"WARC/") || ext == "warc" || ext == "arc" && head.starts_with(b"WARC/") {
        if !head.starts_with(b"WARC/") {
            return Err("not a WARC file (no WARC/1.x version line)".to_owned());
        }
        return Ok(Format::Warc);
    }
    if is_binary(head) {
        return Err("binary file".to_owned());
    }
    let sniffed_feed = || {
        let scan: Vec<u8> = head.iter().take(4096).map(u8::to_ascii_lowercase).collect();
        find(&scan, b"<rss").is_some()
            || find(&scan, b"<feed").is_some()
            || find(&scan, b"<rdf:rdf").is_some()
    };
    let sniffed_html =
        starts(b"<!doctype html") || starts(b"<html") || starts(b"<head") || starts(b"<body");
    match ext {
        "txt" | "text" => return Ok(Format::Text),
        "jsonl" | "ndjson" | "json" | "jsonlines" => {
            if starts(b"[") {
                return Err(
                    "a JSON array: herald reads JSON Lines (one object per line)".to_owned()
                );
            }
            return Ok(Format::Jsonl);
        }
        "html" | "htm" | "xhtml" | "shtml" | "php" | "asp" | "aspx" => return Ok(Format::Html),
        "xml" | "rss" | "atom" | "rdf" => {
            if sniffed_feed() {
                return Ok(Format::Feed);
            }
            if sniffed_html || find(&lower, b"<html").is_some() {
                return Ok(Format::Html);
            }
            return Err("XML that is not an RSS or Atom feed".to_owned());
        }
        _ => {}
    }
    if sniffed_html {
        return Ok(Format::Html);
    }
    if starts(b"<?xml") || starts(b"<rss") || starts(b"<feed") || starts(b"<rdf") {
        if sniffed_feed() {
            return Ok(Format::Feed);
        }
        if find(&lower, b"<html").is_some() {
            return Ok(Format::Html);
        }
        return Err("XML that is not an RSS or Atom feed".to_owned());
    }
    if starts(b"{") {
        return Ok(Format::Jsonl);
    }
    if matches!(
        ext,
        "pdf"
            | "png"
            | "jpg"
            | "jpeg"
            | "gif"
            | "webp"
            | "zip"
            | "mp3"
            | "mp4"
            | "doc"
            | "docx"
            | "xls"
            | "xlsx"
            | "exe"
            | "so"
            | "o"
    ) {
        return Err(format!("unsupported file type .{ext}"));
    }
    Ok(Format::Text)
}

fn trimmed_start(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b);
    let i = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    &b[i..]
}

/// Binary content: a NUL byte, or more than 5% control characters other than whitespace
/// (text in UTF-16 is not binary: it starts with a byte-order mark).
pub(crate) fn is_binary(head: &[u8]) -> bool {
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return false;
    }
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&c| c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    controls * 20 > head.len()
}

pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A read error as a skip reason; inside gzip, damage is named as such.
pub(crate) fn read_error(e: &io::Error, compressed: bool) -> String {
    if compressed
        && matches!(
            e.kind(),
            io::ErrorKind::UnexpectedEof | io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData
        )
    {
        return format!("truncated or corrupt gzip data ({e})");
    }
    format!("cannot read: {}", io_reason(e))
}

/// An I/O error as a short phrase, naming truncated compressed data plainly.
pub(crate) fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::UnexpectedEof => "unexpected end of data (truncated file?)".to_owned(),
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let msg = e.to_string();
            if msg.contains("deflate") || msg.contains("gzip") || msg.contains("corrupt") {
                format!("corrupt or truncated gzip data ({msg})")
            } else {
                msg
            }
        }
    }
}

/// Reads at most `limit + 1` bytes, so a caller can tell "fits" from "too large" without
/// holding more than the limit.
pub(crate) fn read_limited(reader: &mut dyn Read, limit: usize) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    reader.take(limit as u64 + 1).read_to_end(&mut buf)?;
    Ok(buf)
}

/// "50.0 MB" for a byte count (decimal megabytes, as file managers print them).
pub(crate) fn human_bytes(n: u64) -> String {
    if n >= 1_000_000 {
        format!("{:.1} MB", n as f64 / 1e6)
    } else if n >= 1000 {
        format!("{:.1} kB", n as f64 / 1e3)
    } else {
        format!("{n} bytes")
    }
}

/// "8.0 MiB" for a limit.
pub(crate) fn human_limit(n: usize) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64)
    } else if n >= 1 << 10 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats() {
        assert_eq!(detect("a.txt", b"Hello").unwrap(), Format::Text);
        assert_eq!(detect("a", b"  <!DOCTYPE html><html>").unwrap(), Format::Html);
        assert_eq!(
            detect("a.xml", b"<?xml version=\"1.0\"?><rss version=\"2.0\">").unwrap(),
            Format::Feed
        );
        assert_eq!(
            detect(
                "a.dat",
                b"<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
            )
            .unwrap(),
            Format::Feed
        );
        assert_eq!(detect("x.warc", b"WARC/1.1\r\n").unwrap(), Format::Warc);
        assert_eq!(detect("x", b"{\"id\":1}\n").unwrap(), Format::Jsonl);
        assert_eq!(detect("x.bin", b"\x7fELF\x02\x01\x01\0\0\0").unwrap_err(), "binary file");
        assert!(detect("x.json", b"[{}]").is_err());
    }
}
