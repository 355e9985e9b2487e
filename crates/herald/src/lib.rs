//! herald: news articles in, structured knowledge out.
//!
//! This facade re-exports the stage crates and assembles them into a [`Pipeline`]:
//! an [`Article`] goes in, a [`Doc`] with its annotation layers comes out.
//!
//! | stage | crate | gives |
//! |---|---|---|
//! | ingestion | [`ingest`] | [`Article`]s from text, JSONL, HTML, feeds, WARC |
//! | language | [`ingest::detect_language`] | `Article::language` |
//! | text layer | [`text`] | sentences and tokens |
//! | output | [`output`] | the JSON contract |
//! | store | [`store`] | one SQLite file with full-text search |
//!
//! [`petrarch`] runs PETRARCH2's validation records through the whole pipeline.
//!
//! ```
//! use herald::{Article, Pipeline};
//! let pipeline = Pipeline::new().unwrap();
//! let doc = pipeline.annotate(Article::new("a1", "Sanctions were imposed on Moscow. Talks resumed."));
//! assert_eq!(doc.sentences.len(), 2);
//! assert!(doc.tokens.is_parsed());
//! ```
#![deny(missing_docs)]

pub mod petrarch;
mod pipeline;

pub use herald_actors as actors;
pub use herald_coref as coref;
pub use herald_doc as doc;
pub use herald_doc::{Article, Doc};
pub use herald_entities as entities;
pub use herald_events as events;
pub use herald_ingest as ingest;
pub use herald_ner as ner;
pub use herald_output as output;
pub use herald_store as store;
pub use herald_syntax as syntax;
pub use herald_text as text;
pub use pipeline::{is_annotated_language, LoadError, Pipeline, Profile, Stage};
