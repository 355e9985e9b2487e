//! Readers that turn files into [`Article`]s: plain text, JSON Lines, HTML pages, RSS 2.0 and
//! Atom feeds, and WARC archives (plain or gzip, per record or whole file), plus language
//! identification and stable article identity.
//!
//! The entry point is [`read_paths`]: give it files and directories (or `-` for standard
//! input) and it yields a stream of [`Record`]s, one [`Record::Article`] per article found and
//! one [`Record::Skipped`] per input it could not use, with a one-line reason ([`Skip`]).
//! Reading never stops on bad input and never panics: a broken file, line, feed item or
//! WARC record gives one `Skip` and the stream goes on.
//!
//! - **Streaming**: JSON Lines are read line by line with a bounded line reader, WARC record
//!   by record, feeds with a streaming XML parser; a single text or HTML file is read up to
//!   [`ReadConfig::max_article_bytes`] and rejected beyond. Memory stays bounded by the
//!   limits in [`ReadConfig`], whatever the size of the input.
//! - **Formats** are chosen by extension and by sniffing the first bytes, through any number
//!   of `.gz` layers (`page.html.gz`, `crawl.warc.gz`).
//! - **HTML** goes through [`extract_html`]: main text without navigation, ads, comments or
//!   related links (rs-trafilatura, with encoding detection, metadata from `<meta>`, Open
//!   Graph, JSON-LD and `<time>`, paragraph formatting, and a last pass that trims the page
//!   furniture rs-trafilatura leaves: headline and byline lines, related-story lists,
//!   promotions, credits). Dev-set F1 0.975 against rs-trafilatura's 0.965
//!   (`bench/extract/RESULTS.md`).
//! - Every article gets a [`detect_language`] result and an id ([`article_id`]): the input's own
//!   id for JSON Lines, else one derived from the normalised URL, else from the text.
//!
//! Article text is the body only, paragraphs separated by exactly one blank line (`"\n\n"`),
//! whitespace inside a paragraph collapsed to single spaces. The one exception is the `text`
//! field of a JSON Lines record, which is kept verbatim, because annotation offsets index
//! into the text the caller gave.
//!
//! ```
//! use herald_ingest::{read_paths, ReadConfig, Record};
//!
//! let dir = std::env::temp_dir().join(format!("herald-ingest-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(
//!     dir.join("articles.jsonl"),
//!     "{\"id\": \"a1\", \"text\": \"Hartmann met Petrov in Moscow on Tuesday.\"}\nnot json\n",
//! )
//! .unwrap();
//!
//! let mut articles = Vec::new();
//! for record in read_paths(&[dir.clone()], &ReadConfig::default()) {
//!     match record {
//!         Record::Article(article) => articles.push(article),
//!         Record::Skipped(skip) => eprintln!("skipped {skip}"), // "…/articles.jsonl:2: invalid JSON: …"
//!     }
//! }
//! assert_eq!(articles.len(), 1);
//! assert_eq!(articles[0].id, "a1");
//! assert_eq!(articles[0].source.as_deref().map(|s| s.ends_with("articles.jsonl:1")), Some(true));
//! std::fs::remove_dir_all(&dir).unwrap();
//! ```
#![deny(missing_docs)]

mod dates;
mod feed;
mod html;
mod id;
mod input;
mod jsonl;
mod lang;
mod read;
mod text;
mod warc;

use std::fmt;
use std::path::PathBuf;

pub use herald_doc::{Article, Language, PubDate};

pub use html::{extract_html, ExtractError, Extracted};
pub use id::{article_id, content_hash, normalize_url};
pub use lang::detect_language;
pub use read::{read_paths, Records};

/// Limits that keep reading bounded, whatever the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadConfig {
    /// Largest single article (a text or HTML file, an HTML body in a WARC record, a JSON
    /// line's text), in bytes; larger ones are skipped. Default 8 MiB.
    pub max_article_bytes: usize,
    /// Largest JSON line, WARC record block, feed item text or single XML text node or tag,
    /// in bytes; larger ones are skipped without being held in memory (a feed stops at such
    /// a node, since the parser cannot step over it). Default 16 MiB.
    pub max_record_bytes: usize,
}

impl Default for ReadConfig {
    fn default() -> ReadConfig {
        ReadConfig { max_article_bytes: 8 << 20, max_record_bytes: 16 << 20 }
    }
}

/// One item of the stream [`read_paths`] yields.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    /// An article, with `id`, `source` and `language` always set.
    Article(Article),
    /// An input (file, line, feed item, WARC record) that gave no article, and why.
    Skipped(Skip),
}

/// An input that gave no article. Displays as one line: `path[:record]: reason`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skip {
    /// The file (`-` for standard input).
    pub file: PathBuf,
    /// Where in the file: a line number (`"42"`), a feed item (`"item=3"`) or a WARC record
    /// (`"record=17"`); `None` when the whole file is skipped.
    pub record: Option<String>,
    /// Why, in a few words (`"empty"`, `"binary file"`, `"invalid JSON: …"`).
    pub reason: String,
}

impl Skip {
    pub(crate) fn new(
        file: impl Into<PathBuf>,
        record: Option<String>,
        reason: impl Into<String>,
    ) -> Skip {
        let reason: String = reason.into();
        // One line, whatever an underlying error message contains.
        let reason = if reason.contains(['\n', '\r']) {
            reason.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            reason
        };
        Skip { file: file.into(), record, reason }
    }
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(record) = &self.record {
            write!(f, ":{record}")?;
        }
        write!(f, ": {}", self.reason)
    }
}
