//! Tokenization and sentence splitting for news English (placeholder: being written).
#![deny(missing_docs)]

use herald_doc::Doc;

/// Fills `doc.tokens` and `doc.sentences` from `doc.article.text`.
pub fn segment(doc: &mut Doc) {
    let _ = doc;
}
