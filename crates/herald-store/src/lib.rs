//! herald's embedded store: articles, their annotations and a full-text index in one
//! SQLite file.
//!
//! [`Store::open`] creates or migrates the file; [`Store::batch`] opens a [`Batch`], a
//! transaction that [`Batch::put`] fills and [`Batch::commit`] makes durable. A run killed
//! at any point loses at most the uncommitted batch, and the file stays consistent
//! (SQLite's write-ahead log); since [`Batch::put`] skips what is already stored,
//! re-running the same input finishes the job without storing anything twice.
//!
//! ```
//! use herald_doc::Article;
//! use herald_store::{Store, NewArticle, Put};
//! let mut store = Store::open_in_memory().unwrap();
//! let article = Article::new("a1", "Western countries imposed sanctions.");
//! let mut batch = store.batch().unwrap();
//! let first = batch.put(&NewArticle { article: &article, content_hash: "h1", annotation: None }).unwrap();
//! let again = batch.put(&NewArticle { article: &article, content_hash: "h1", annotation: None }).unwrap();
//! batch.commit().unwrap();
//! assert_eq!((first, again), (Put::New, Put::Duplicate { of: "a1".into() }));
//! assert_eq!(store.search("sanctions", 10).unwrap()[0].id, "a1");
//! ```
#![deny(missing_docs)]

mod schema;

use std::path::{Path, PathBuf};

use herald_doc::{Article, Language, PubDate};
use rusqlite::{params, Connection, OptionalExtension};

/// What can go wrong with the store. Every variant names the store file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused an operation.
    #[error("{path}: {source}")]
    Sqlite {
        /// The store file (`:memory:` for an in-memory store).
        path: String,
        /// SQLite's error.
        source: rusqlite::Error,
    },
    /// The file was written by a newer herald.
    #[error(
        "{path}: store schema version {found} is newer than this herald supports ({supported})"
    )]
    TooNew {
        /// The store file.
        path: String,
        /// Version found in the file.
        found: i64,
        /// Newest version this build knows.
        supported: i64,
    },
    /// The directory for the store could not be created.
    #[error("{path}: cannot create directory: {source}")]
    Io {
        /// The directory.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// Result alias for store operations.
pub type Result<T> = std::result::Result<T, StoreError>;

/// An open store.
pub struct Store {
    conn: Connection,
    path: String,
}

/// An article to store, with its exact-duplicate key and, for annotated articles, the
/// serialized annotation (the output contract's JSON object).
pub struct NewArticle<'a> {
    /// The article.
    pub article: &'a Article,
    /// Hash of the normalised text; equal hashes mean the same text.
    pub content_hash: &'a str,
    /// Annotation JSON, or `None` for articles that are not annotated (not English).
    pub annotation: Option<&'a str>,
}

/// What [`Batch::put`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Put {
    /// Stored as a new article.
    New,
    /// Not stored: an article with the same id, or the same text, is already there.
    Duplicate {
        /// Id of the stored article it duplicates.
        of: String,
    },
}

/// A stored article with the fields listings need.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredArticle {
    /// The article as ingested.
    pub article: Article,
    /// When it was stored (RFC 3339, UTC).
    pub ingested_at: String,
    /// Annotation JSON, when annotated.
    pub annotation: Option<String>,
    /// Other URLs or sources at which the same text was seen.
    pub aliases: Vec<String>,
}

/// A stored article as a listing shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    /// Article id.
    pub id: String,
    /// Publication date, when known.
    pub date: Option<String>,
    /// Headline, when known.
    pub title: Option<String>,
}

/// One full-text search result.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchHit {
    /// Article id.
    pub id: String,
    /// Headline, when known.
    pub title: Option<String>,
    /// Publication date, when known.
    pub date: Option<String>,
    /// Matching passage with the matched terms between `[` and `]`.
    pub snippet: String,
}

/// Counts over the whole store.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stats {
    /// Stored articles.
    pub articles: u64,
    /// Of which annotated.
    pub annotated: u64,
    /// Duplicate sightings recorded as aliases.
    pub aliases: u64,
    /// Articles per language code (`"?"` when unknown), most frequent first.
    pub languages: Vec<(String, u64)>,
    /// Earliest and latest publication date.
    pub date_range: Option<(String, String)>,
    /// Sum of sentences and of tokens over annotated articles.
    pub sentences: u64,
    /// Sum of tokens over annotated articles.
    pub tokens: u64,
    /// Size of the store file in bytes (0 in memory).
    pub file_bytes: u64,
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let display = path.display().to_string();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|source| StoreError::Io { path: dir.display().to_string(), source })?;
        }
        let conn = Connection::open(path).map_err(|e| sql(&display, e))?;
        Store::init(conn, display)
    }

    /// An in-memory store, for tests and one-off runs.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().map_err(|e| sql(":memory:", e))?;
        Store::init(conn, ":memory:".to_owned())
    }

    fn init(conn: Connection, path: String) -> Result<Store> {
        // WAL: readers never block the writer and a killed writer leaves the last
        // committed state; NORMAL sync is crash-safe for the application in WAL mode.
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
             PRAGMA busy_timeout = 5000;",
        )
        .map_err(|e| sql(&path, e))?;
        let mut store = Store { conn, path };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<()> {
        let path = self.path.clone();
        let found: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| sql(&path, e))?;
        let supported = schema::MIGRATIONS.len() as i64;
        if found > supported {
            return Err(StoreError::TooNew { path, found, supported });
        }
        for (i, step) in schema::MIGRATIONS.iter().enumerate().skip(found as usize) {
            let tx = self.conn.transaction().map_err(|e| sql(&path, e))?;
            tx.execute_batch(step).map_err(|e| sql(&path, e))?;
            tx.pragma_update(None, "user_version", i as i64 + 1).map_err(|e| sql(&path, e))?;
            tx.commit().map_err(|e| sql(&path, e))?;
        }
        Ok(())
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| self.err(e))
    }

    /// Path of the store file, as given.
    pub fn path(&self) -> PathBuf {
        PathBuf::from(&self.path)
    }

    /// Starts a batch of writes: one transaction.
    pub fn batch(&mut self) -> Result<Batch<'_>> {
        let path = self.path.as_str();
        let tx = self.conn.transaction().map_err(|e| sql(path, e))?;
        Ok(Batch { tx, path })
    }

    /// True when an article with this id is stored.
    pub fn contains(&self, id: &str) -> Result<bool> {
        self.conn
            .query_row("SELECT 1 FROM articles WHERE id = ?1", [id], |_| Ok(()))
            .optional()
            .map(|r| r.is_some())
            .map_err(|e| self.err(e))
    }

    /// The article with this id, if stored.
    pub fn get(&self, id: &str) -> Result<Option<StoredArticle>> {
        let row = self
            .conn
            .query_row(
                "SELECT a.rowid, a.id, a.url, a.title, a.byline, a.date, a.language, a.source,
                        a.text, a.ingested_at, n.json
                 FROM articles a LEFT JOIN annotations n ON n.article = a.rowid
                 WHERE a.id = ?1",
                [id],
                |r| {
                    let date: Option<String> = r.get(5)?;
                    let language: Option<String> = r.get(6)?;
                    let article = Article {
                        id: r.get(1)?,
                        url: r.get(2)?,
                        title: r.get(3)?,
                        byline: r.get(4)?,
                        date: date.as_deref().and_then(PubDate::parse),
                        language: language.map(Language),
                        source: r.get(7)?,
                        text: r.get(8)?,
                    };
                    Ok((r.get::<_, i64>(0)?, article, r.get(9)?, r.get(10)?))
                },
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some((rowid, article, ingested_at, annotation)) = row else { return Ok(None) };
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT coalesce(url, source) FROM aliases WHERE article = ?1 ORDER BY rowid",
            )
            .map_err(|e| self.err(e))?;
        let aliases = stmt
            .query_map([rowid], |r| r.get::<_, Option<String>>(0))
            .and_then(|rows| rows.filter_map(|r| r.transpose()).collect())
            .map_err(|e| self.err(e))?;
        Ok(Some(StoredArticle { article, ingested_at, annotation, aliases }))
    }

    /// Full-text search over titles and texts, best matches first.
    ///
    /// `query` uses SQLite FTS5 syntax (`sanctions AND Moscow`, `"peace talks"`,
    /// `ceasefire NOT Gaza`, `sanct*`); a query that is not valid FTS5 is searched as
    /// plain words instead of failing.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        match self.search_fts(query, limit) {
            Ok(hits) => Ok(hits),
            Err(_) => {
                let words: Vec<String> = query
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(|w| format!("\"{w}\""))
                    .collect();
                if words.is_empty() {
                    return Ok(Vec::new());
                }
                self.search_fts(&words.join(" "), limit).map_err(|e| self.err(e))
            }
        }
    }

    fn search_fts(&self, query: &str, limit: usize) -> rusqlite::Result<Vec<SearchHit>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.title, a.date, snippet(articles_fts, 1, '[', ']', ' … ', 16)
             FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
             WHERE articles_fts MATCH ?1 ORDER BY bm25(articles_fts, 4.0, 1.0) LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![query, limit as i64], |r| {
            Ok(SearchHit { id: r.get(0)?, title: r.get(1)?, date: r.get(2)?, snippet: r.get(3)? })
        })?;
        rows.collect()
    }

    /// Counts over the whole store.
    pub fn stats(&self) -> Result<Stats> {
        let q = |sql_text: &str| -> Result<u64> {
            self.conn
                .query_row(sql_text, [], |r| r.get::<_, i64>(0))
                .map(|n| n as u64)
                .map_err(|e| self.err(e))
        };
        let mut stats = Stats {
            articles: q("SELECT count(*) FROM articles")?,
            annotated: q("SELECT count(*) FROM annotations")?,
            aliases: q("SELECT count(*) FROM aliases")?,
            sentences: q("SELECT coalesce(sum(sentences), 0) FROM annotations")?,
            tokens: q("SELECT coalesce(sum(tokens), 0) FROM annotations")?,
            ..Stats::default()
        };
        let mut stmt = self
            .conn
            .prepare(
                "SELECT coalesce(language, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1",
            )
            .map_err(|e| self.err(e))?;
        stats.languages = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))?;
        stats.date_range = self
            .conn
            .query_row(
                "SELECT min(date), max(date) FROM articles WHERE date IS NOT NULL",
                [],
                |r| Ok(r.get::<_, Option<String>>(0)?.zip(r.get::<_, Option<String>>(1)?)),
            )
            .map_err(|e| self.err(e))?;
        if self.path != ":memory:" {
            stats.file_bytes = std::fs::metadata(&self.path).map(|m| m.len()).unwrap_or(0);
        }
        Ok(stats)
    }

    /// Stored articles, newest publication first, at most `limit`.
    pub fn recent(&self, limit: usize) -> Result<Vec<Listed>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, date, title FROM articles ORDER BY date DESC NULLS LAST, rowid DESC LIMIT ?1",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([limit as i64], |r| {
            Ok(Listed { id: r.get(0)?, date: r.get(1)?, title: r.get(2)? })
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.err(e))
    }

    /// Every annotated article with its annotation JSON, in storage order, read a page at a
    /// time so that exporting a large store never holds more than one page in memory.
    pub fn annotations(&self) -> Annotations<'_> {
        Annotations { store: self, after: 0, page: std::collections::VecDeque::new(), done: false }
    }

    /// Runs SQLite's integrity check; `Ok(())` when the file is sound.
    pub fn check_integrity(&self) -> Result<std::result::Result<(), String>> {
        let verdict: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        Ok(if verdict == "ok" { Ok(()) } else { Err(verdict) })
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        sql(&self.path, e)
    }
}

/// An annotated article as [`Store::annotations`] yields it.
#[derive(Clone, Debug, PartialEq)]
pub struct AnnotatedRow {
    /// Article id.
    pub id: String,
    /// Canonical URL, when known.
    pub url: Option<String>,
    /// Headline, when known.
    pub title: Option<String>,
    /// Publication date, when known.
    pub date: Option<String>,
    /// When it was stored (RFC 3339, UTC).
    pub ingested_at: String,
    /// The annotation JSON (the output contract's object), unparsed.
    pub json: String,
}

/// Streaming iterator over annotated articles (see [`Store::annotations`]): pages by rowid,
/// so rows written while it runs are either seen once or not at all.
pub struct Annotations<'s> {
    store: &'s Store,
    after: i64,
    page: std::collections::VecDeque<(i64, AnnotatedRow)>,
    done: bool,
}

/// Rows fetched per query by [`Annotations`].
const ANNOTATION_PAGE: i64 = 64;

impl Annotations<'_> {
    fn fill(&mut self) -> Result<()> {
        let store = self.store;
        let mut stmt = store
            .conn
            .prepare_cached(
                "SELECT a.rowid, a.id, a.url, a.title, a.date, a.ingested_at, n.json
                 FROM annotations n JOIN articles a ON a.rowid = n.article
                 WHERE a.rowid > ?1 ORDER BY a.rowid LIMIT ?2",
            )
            .map_err(|e| store.err(e))?;
        let rows = stmt
            .query_map(params![self.after, ANNOTATION_PAGE], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    AnnotatedRow {
                        id: r.get(1)?,
                        url: r.get(2)?,
                        title: r.get(3)?,
                        date: r.get(4)?,
                        ingested_at: r.get(5)?,
                        json: r.get(6)?,
                    },
                ))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| store.err(e))?;
        self.done = (rows.len() as i64) < ANNOTATION_PAGE;
        if let Some((rowid, _)) = rows.last() {
            self.after = *rowid;
        }
        self.page.extend(rows);
        Ok(())
    }
}

impl Iterator for Annotations<'_> {
    type Item = Result<AnnotatedRow>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.page.is_empty() && !self.done {
            if let Err(e) = self.fill() {
                self.done = true;
                return Some(Err(e));
            }
        }
        self.page.pop_front().map(|(_, row)| Ok(row))
    }
}

/// A batch of writes in one transaction; dropped without [`Batch::commit`], it rolls back.
pub struct Batch<'s> {
    tx: rusqlite::Transaction<'s>,
    path: &'s str,
}

impl Batch<'_> {
    /// True when an article with this id is already stored (committed or in this batch).
    pub fn contains(&self, id: &str) -> Result<bool> {
        self.tx
            .query_row("SELECT 1 FROM articles WHERE id = ?1", [id], |_| Ok(()))
            .optional()
            .map(|r| r.is_some())
            .map_err(|e| sql(self.path, e))
    }

    /// Stores `new` unless its id or its text is already stored. A duplicate by text
    /// from another URL or source is recorded as an alias of the stored article.
    pub fn put(&mut self, new: &NewArticle<'_>) -> Result<Put> {
        let a = new.article;
        let map = |e| sql(self.path, e);
        if self.contains(&a.id)? {
            return Ok(Put::Duplicate { of: a.id.clone() });
        }
        let same_text: Option<(i64, String, Option<String>, Option<String>)> = self
            .tx
            .prepare_cached(
                "SELECT rowid, id, url, source FROM articles WHERE content_hash = ?1 LIMIT 1",
            )
            .and_then(|mut s| {
                s.query_row([new.content_hash], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .optional()
            })
            .map_err(map)?;
        if let Some((rowid, of, url, source)) = same_text {
            let seen_before = url.is_some() && url == a.url || url.is_none() && source == a.source;
            if !seen_before {
                self.tx
                    .prepare_cached(
                        "INSERT OR IGNORE INTO aliases (id, article, url, source) VALUES (?1, ?2, ?3, ?4)",
                    )
                    .and_then(|mut s| s.execute(params![a.id, rowid, a.url, a.source]))
                    .map_err(map)?;
            }
            return Ok(Put::Duplicate { of });
        }
        self.tx
            .prepare_cached(
                "INSERT INTO articles (id, url, title, byline, date, language, source, text,
                                       content_hash, ingested_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,
                         strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            )
            .and_then(|mut s| {
                s.execute(params![
                    a.id,
                    a.url,
                    a.title,
                    a.byline,
                    a.date.map(|d| d.to_string()),
                    a.language.as_ref().map(|l| l.code()),
                    a.source,
                    a.text,
                    new.content_hash,
                ])
            })
            .map_err(map)?;
        if let Some(json) = new.annotation {
            let rowid = self.tx.last_insert_rowid();
            self.put_annotation_row(rowid, json)?;
        }
        Ok(Put::New)
    }

    /// Replaces the annotation of a stored article (after a model upgrade, say).
    pub fn set_annotation(&mut self, id: &str, json: &str) -> Result<bool> {
        let rowid: Option<i64> = self
            .tx
            .query_row("SELECT rowid FROM articles WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(|e| sql(self.path, e))?;
        match rowid {
            Some(rowid) => self.put_annotation_row(rowid, json).map(|_| true),
            None => Ok(false),
        }
    }

    fn put_annotation_row(&mut self, rowid: i64, json: &str) -> Result<()> {
        // Layer sizes are kept in columns so `stats` need not parse JSON.
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO annotations (article, schema, sentences, tokens, json)
                 VALUES (?1, ?2, json_array_length(?3, '$.sentences'),
                         coalesce(json_array_length(?3, '$.tokens'), 0), ?3)",
            )
            .and_then(|mut s| s.execute(params![rowid, schema::ANNOTATION_SCHEMA, json]))
            .map(|_| ())
            .map_err(|e| sql(self.path, e))
    }

    /// Makes the batch durable.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        self.tx.commit().map_err(|e| sql(path, e))
    }
}

fn sql(path: &str, source: rusqlite::Error) -> StoreError {
    StoreError::Sqlite { path: path.to_owned(), source }
}

#[cfg(test)]
mod tests;
