//! The record stream: walking paths, opening each file and handing it to its format's reader.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use herald_doc::Article;

use crate::feed::FeedReader;
use crate::html::extract_html;
use crate::input::{self, human_bytes, human_limit, io_reason, read_limited, Format, Opened};
use crate::jsonl::JsonlReader;
use crate::text::normalize_plain_text;
use crate::warc::WarcReader;
use crate::{article_id, detect_language, ReadConfig, Record, Skip};

/// Reads articles from files and directories, in order, as a stream of [`Record`]s.
///
/// Directories are walked recursively in sorted (byte-wise name) order, skipping hidden
/// entries (names starting with `.`) and directories already visited (symlink loops);
/// paths given explicitly are read in the order given, hidden or not. `-` reads standard
/// input. Each file's format is chosen by extension and content (see the crate docs); every
/// file, line, item or record that gives no article gives one [`Record::Skipped`].
///
/// Every article yielded has `id`, `source` and `language` set (`language` stays `None` when
/// [`detect_language`] cannot tell).
pub fn read_paths(paths: &[PathBuf], config: &ReadConfig) -> Records {
    Records {
        config: config.clone(),
        pending: paths.iter().rev().map(|p| Pending::Given(p.clone())).collect(),
        visited_dirs: HashSet::new(),
        current: None,
    }
}

/// The iterator [`read_paths`] returns.
pub struct Records {
    config: ReadConfig,
    /// Paths still to read, last first.
    pending: Vec<Pending>,
    visited_dirs: HashSet<PathBuf>,
    current: Option<Box<dyn Iterator<Item = Record>>>,
}

enum Pending {
    /// Given by the caller: read even if hidden.
    Given(PathBuf),
    /// Found in a directory.
    Found(PathBuf),
}

impl Iterator for Records {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if let Some(source) = &mut self.current {
                match source.next() {
                    Some(Record::Article(mut article)) => {
                        if article.language.is_none() {
                            article.language = detect_language(&article.text);
                        }
                        return Some(Record::Article(article));
                    }
                    Some(skip) => return Some(skip),
                    None => self.current = None,
                }
            }
            let (path, given) = match self.pending.pop()? {
                Pending::Given(p) => (p, true),
                Pending::Found(p) => (p, false),
            };
            if let Some(skip) = self.visit(path, given) {
                return Some(Record::Skipped(skip));
            }
        }
    }
}

impl Records {
    /// Expands a directory or opens a file; returns a skip when the path cannot be used.
    fn visit(&mut self, path: PathBuf, given: bool) -> Option<Skip> {
        if path.as_os_str() == "-" && given {
            return self.open_file(path);
        }
        let meta = match fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                let broken_link = fs::symlink_metadata(&path).is_ok();
                let reason =
                    if broken_link { "broken symbolic link".to_owned() } else { io_reason(&e) };
                return Some(Skip::new(path, None, reason));
            }
        };
        if meta.is_dir() {
            let key = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if !self.visited_dirs.insert(key) {
                // A symlink loop or a directory given twice: read once.
                return None;
            }
            let entries = match fs::read_dir(&path) {
                Ok(entries) => entries,
                Err(e) => {
                    return Some(Skip::new(
                        path,
                        None,
                        format!("cannot list directory: {}", io_reason(&e)),
                    ))
                }
            };
            let mut names: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .map(|e| e.path())
                .collect();
            names.sort();
            self.pending.extend(names.into_iter().rev().map(Pending::Found));
            return None;
        }
        if !meta.is_file() && !given {
            // Sockets, FIFOs and devices found while walking are not articles.
            return None;
        }
        self.open_file(path)
    }

    fn open_file(&mut self, path: PathBuf) -> Option<Skip> {
        let opened = match input::open(&path) {
            Ok(o) => o,
            Err(reason) => return Some(Skip::new(path, None, reason)),
        };
        let config = self.config.clone();
        match opened.format {
            Format::Text | Format::Html => {
                let record = read_single(&path, opened, &config);
                self.current = Some(Box::new(std::iter::once(record)));
            }
            Format::Jsonl => {
                self.current = Some(Box::new(JsonlReader::new(path, opened.reader, config)))
            }
            Format::Feed => {
                self.current = Some(Box::new(FeedReader::new(path, opened.reader, config)))
            }
            Format::Warc => {
                self.current = Some(Box::new(WarcReader::new(path, opened.reader, config)))
            }
        }
        None
    }
}

/// A text or HTML file: one article, read up to the size limit.
fn read_single(path: &Path, mut opened: Opened, config: &ReadConfig) -> Record {
    let skip = |reason: String| Record::Skipped(Skip::new(path, None, reason));
    let limit = config.max_article_bytes;
    if let Some(len) = opened.plain_len.filter(|&l| l > limit as u64) {
        return skip(format!(
            "article is {}, over the {} limit",
            human_bytes(len),
            human_limit(limit)
        ));
    }
    let bytes = match read_limited(&mut opened.reader, limit) {
        Ok(b) => b,
        Err(e) => return skip(input::read_error(&e, opened.compressed)),
    };
    if bytes.len() > limit {
        return skip(format!("article is over the {} limit", human_limit(limit)));
    }
    let source = path.display().to_string();
    let article = match opened.format {
        Format::Html => match extract_html(&bytes, None) {
            Ok(x) => {
                let id = article_id(x.url.as_deref(), &x.text);
                Article {
                    id,
                    url: x.url,
                    title: x.title,
                    byline: x.byline,
                    date: x.date,
                    text: x.text,
                    ..Article::default()
                }
            }
            Err(e) => return skip(e.to_string()),
        },
        _ => {
            let text = match decode_text(&bytes) {
                Ok(t) => t,
                Err(reason) => return skip(reason),
            };
            let text = normalize_plain_text(&text);
            if text.is_empty() {
                return skip("empty".to_owned());
            }
            Article::new(article_id(None, &text), text)
        }
    };
    Record::Article(Article { source: Some(source), ..article })
}

/// Text file bytes as a string: UTF-8 (a BOM is dropped) or UTF-16 with a BOM. Anything
/// else is reported rather than guessed, so a mis-encoded file is noticed.
fn decode_text(bytes: &[u8]) -> Result<String, String> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        if enc != encoding_rs::UTF_8 {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
            if had_errors {
                return Err(format!("invalid {}", enc.name()));
            }
            return Ok(text.into_owned());
        }
    }
    let bom = if bytes.starts_with(b"\xef\xbb\xbf") { 3 } else { 0 };
    let bytes = &bytes[bom..];
    if input::is_binary(&bytes[..bytes.len().min(8192)]) {
        return Err("binary file".to_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => Err(format!("invalid UTF-8 at byte {}", bom + e.valid_up_to())),
    }
}
