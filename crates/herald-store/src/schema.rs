//! The schema, as an ordered list of migrations. `PRAGMA user_version` holds how many
//! have been applied; each runs in its own transaction. Never edit a released step:
//! append a new one.

/// Version of the annotation JSON written into `annotations.schema`.
pub(crate) const ANNOTATION_SCHEMA: i64 = 1;

pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: articles, annotations, aliases of exact duplicates, full-text index.
    "CREATE TABLE articles (
        rowid        INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE,
        url          TEXT,
        title        TEXT,
        byline       TEXT,
        date         TEXT,
        language     TEXT,
        source       TEXT,
        text         TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        ingested_at  TEXT NOT NULL
     );
     CREATE INDEX articles_content_hash ON articles(content_hash);
     CREATE INDEX articles_date ON articles(date);
     CREATE TABLE annotations (
        article   INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
        schema    INTEGER NOT NULL,
        sentences INTEGER NOT NULL,
        tokens    INTEGER NOT NULL,
        json      TEXT NOT NULL
     );
     CREATE TABLE aliases (
        rowid   INTEGER PRIMARY KEY,
        id      TEXT NOT NULL UNIQUE,
        article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        url     TEXT,
        source  TEXT
     );
     CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content = 'articles', content_rowid = 'rowid',
        tokenize = 'unicode61 remove_diacritics 2'
     );
     CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
     END;
     CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
     END;
     CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
     END;",
];
