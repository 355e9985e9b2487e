use std::time::{Duration, Instant};

use herald_doc::{Article, Doc};

/// One stage of the pipeline, in the order the pipeline runs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Language identification (for articles that arrive without a language).
    Language,
    /// Tokenization and sentence splitting.
    Text,
}

impl Stage {
    /// Every stage, in running order.
    pub const ALL: [Stage; 2] = [Stage::Language, Stage::Text];

    /// Short lowercase name, as `--profile` prints it.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Language => "language",
            Stage::Text => "text",
        }
    }
}

/// Time spent per stage, and the volume that went through: cheap enough to keep on.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    /// Time per stage, indexed like [`Stage::ALL`].
    pub time: [Duration; Stage::ALL.len()],
    /// Articles annotated.
    pub articles: u64,
    /// Bytes of text annotated.
    pub bytes: u64,
    /// Tokens produced.
    pub tokens: u64,
}

impl Profile {
    /// Adds another profile's counts to this one.
    pub fn merge(&mut self, other: &Profile) {
        for (a, b) in self.time.iter_mut().zip(other.time) {
            *a += b;
        }
        self.articles += other.articles;
        self.bytes += other.bytes;
        self.tokens += other.tokens;
    }

    /// One line per stage: time, share and throughput.
    pub fn report(&self) -> String {
        let total: Duration = self.time.iter().sum();
        let mut out = String::new();
        for stage in Stage::ALL {
            let t = self.time[stage as usize];
            let secs = t.as_secs_f64();
            let share = if total.is_zero() { 0.0 } else { secs / total.as_secs_f64() * 100.0 };
            let mbps = if secs > 0.0 { self.bytes as f64 / 1e6 / secs } else { 0.0 };
            out.push_str(&format!(
                "{:<10} {:>9.3} s {:>5.1}% {:>9.1} MB/s\n",
                stage.name(),
                secs,
                share,
                mbps
            ));
        }
        out.push_str(&format!(
            "{:<10} {:>9.3} s  {} articles, {:.2} MB, {} tokens\n",
            "total",
            total.as_secs_f64(),
            self.articles,
            self.bytes as f64 / 1e6,
            self.tokens
        ));
        out
    }
}

/// The annotation pipeline. Building it loads whatever the stages need; annotating is
/// then deterministic and never fails: messy text gives fewer annotations, not errors.
#[derive(Debug, Default)]
pub struct Pipeline {
    _private: (),
}

impl Pipeline {
    /// A pipeline with every stage this build has.
    pub fn new() -> Pipeline {
        Pipeline { _private: () }
    }

    /// Annotates one article. Articles in a language other than English keep their
    /// language and get no annotation layers.
    pub fn annotate(&self, article: Article) -> Doc {
        self.annotate_profiled(article, &mut Profile::default())
    }

    /// [`Pipeline::annotate`], adding each stage's time to `profile`.
    pub fn annotate_profiled(&self, mut article: Article, profile: &mut Profile) -> Doc {
        let t = Instant::now();
        if article.language.is_none() {
            article.language = herald_ingest::detect_language(&article.text);
        }
        profile.time[Stage::Language as usize] += t.elapsed();
        let mut doc = Doc::new(article);
        if !is_annotated_language(&doc.article) {
            return doc;
        }
        let t = Instant::now();
        herald_text::segment(&mut doc);
        profile.time[Stage::Text as usize] += t.elapsed();
        profile.articles += 1;
        profile.bytes += doc.article.text.len() as u64;
        profile.tokens += doc.tokens.len() as u64;
        doc
    }
}

/// True when herald annotates articles in this article's language: English, or unknown
/// (very short texts cannot be identified; annotating them is the useful default).
pub fn is_annotated_language(article: &Article) -> bool {
    article.language.as_ref().is_none_or(|l| l.is_english())
}
