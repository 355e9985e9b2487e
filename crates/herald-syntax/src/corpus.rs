//! Reading training and evaluation treebanks, with licence-driven document exclusion.

use std::path::PathBuf;

use herald_ml::conllu::{read_file, ConlluError, Sentence};

/// GUM documents under CC BY-NC-SA (fiction, wikiHow): left out of shipped models.
pub const NON_COMMERCIAL_DOCS: &[&str] = &["GUM_fiction_", "GUM_whow_"];

/// Sentences read from CoNLL-U files.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The sentences kept.
    pub sentences: Vec<Sentence>,
    /// Malformed lines (each skipped).
    pub bad_lines: Vec<ConlluError>,
    /// Sentences left out because their document id matched an exclusion prefix.
    pub excluded: usize,
}

impl Corpus {
    /// The number of syntactic words.
    pub fn n_words(&self) -> usize {
        self.sentences.iter().map(|s| s.words.len()).sum()
    }
}

/// Reads `paths`, leaving out sentences whose document (`# newdoc id`, else the `# sent_id`)
/// starts with one of `exclude`. Fails only when a file cannot be opened or read.
pub fn read_corpus(paths: &[PathBuf], exclude: &[&str]) -> Result<Corpus, ConlluError> {
    let mut corpus = Corpus::default();
    for path in paths {
        let mut doc = String::new();
        for item in read_file(path)? {
            let s = match item {
                Ok(s) => s,
                Err(e @ ConlluError::BadLine { .. }) => {
                    corpus.bad_lines.push(e);
                    continue;
                }
                Err(e) => return Err(e),
            };
            if let Some(d) = s.comment("newdoc id") {
                doc = d.to_string();
            }
            let id = s.sent_id().unwrap_or("");
            if exclude.iter().any(|p| doc.starts_with(p) || id.starts_with(p)) {
                corpus.excluded += 1;
                continue;
            }
            corpus.sentences.push(s);
        }
    }
    Ok(corpus)
}
