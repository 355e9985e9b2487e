//! The document model every herald stage reads and writes.
//!
//! An [`Article`] is what ingestion produces: identity, metadata and the plain
//! text. A [`Doc`] owns an article and its annotation layers: [`Sentence`]s and a
//! struct-of-arrays [`TokenTable`] filled by the text layer, and the layers later
//! stages fill (entities, events, quotes, places, times).
//!
//! **Offsets.** Inside herald every offset is a UTF-8 *byte* offset into
//! `Article::text`, half-open `[start, end)`, stored as a [`Span`]. The output
//! contract speaks in *character* offsets (Unicode scalar values, as Python's
//! `str` indexes them); [`OffsetMap`] converts between the two at the boundary.
//!
//! ```
//! use herald_doc::{Article, Doc, OffsetMap, Span};
//! let article = Article::new("a1", "Kyiv’s mayor spoke.");
//! let map = OffsetMap::new(&article.text);
//! // "’" is three bytes but one character.
//! assert_eq!(map.to_chars(Span::new(4, 10)), (4, 8));
//! let doc = Doc::new(article);
//! assert!(doc.sentences.is_empty());
//! ```
#![deny(missing_docs)]

mod article;
mod doc;
mod labels;
mod offsets;

pub use article::{Article, Language, PubDate};
pub use doc::{
    Doc, Entity, Event, Layers, Mention, MentionRole, Name, Place, Quote, QuoteKind, Sentence,
    TimeExpr, TokenId, TokenTable,
};
pub use labels::{intern_deprel, intern_xpos, Upos};
pub use offsets::{OffsetMap, Span};
