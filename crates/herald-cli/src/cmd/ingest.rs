use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use herald::ingest::{content_hash, read_paths, ReadConfig, Record};
use herald::store::{NewArticle, Put};
use herald::{is_annotated_language, Profile};
use indicatif::{ProgressBar, ProgressStyle};

use super::Outcome;

/// `herald ingest`: read, annotate and store.
#[derive(clap::Args)]
pub struct Args {
    /// Files or folders (read recursively): .txt, .jsonl, .html, .xml/.rss/.atom feeds,
    /// .warc/.warc.gz, any of them gzipped; `-` reads standard input
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Articles per transaction: a killed run loses at most this many, and re-running
    /// stores them
    #[arg(long, default_value_t = 256)]
    batch: usize,
    /// Largest article body accepted, in bytes
    #[arg(long, default_value_t = ReadConfig::default().max_article_bytes)]
    max_article_bytes: usize,
    #[command(flatten)]
    dictionaries: super::DictionaryArgs,
    /// Print time and throughput per pipeline stage at the end
    #[arg(long)]
    profile: bool,
}

/// What one ingest run did.
#[derive(Default)]
struct Summary {
    read: u64,
    new: u64,
    duplicate: u64,
    not_english: u64,
    skipped: BTreeMap<String, u64>,
}

pub fn run(db: &Path, args: Args) -> anyhow::Result<Outcome> {
    let mut store = super::open_store(db)?;
    let pipeline = super::load_pipeline(&args.dictionaries)?;
    let config = ReadConfig { max_article_bytes: args.max_article_bytes, ..ReadConfig::default() };
    let progress = ProgressBar::new_spinner().with_style(
        ProgressStyle::with_template("{spinner} {elapsed} {msg}").expect("static template"),
    );
    progress.enable_steady_tick(Duration::from_millis(200));
    let started = Instant::now();
    let mut summary = Summary::default();
    let mut profile = Profile::default();
    let mut records = read_paths(&args.paths, &config).peekable();
    while records.peek().is_some() {
        let mut batch = store.batch()?;
        let batch_started = Instant::now();
        let mut in_batch = 0;
        // A batch closes on size or after two seconds, so a slow trickle still commits.
        while in_batch < args.batch.max(1) && batch_started.elapsed() < Duration::from_secs(2) {
            let Some(record) = records.next() else { break };
            match record {
                Record::Skipped(skip) => {
                    progress.suspend(|| eprintln!("herald: skipped {skip}"));
                    *summary.skipped.entry(reason_class(&skip.reason)).or_default() += 1;
                }
                Record::Article(article) => {
                    summary.read += 1;
                    in_batch += 1;
                    // Re-runs skip stored articles before paying for annotation.
                    if batch.contains(&article.id)? {
                        summary.duplicate += 1;
                        continue;
                    }
                    let hash = content_hash(&article.text);
                    let doc = pipeline.annotate_profiled(article, &mut profile);
                    let annotated = is_annotated_language(&doc.article);
                    if !annotated {
                        summary.not_english += 1;
                    }
                    let json = annotated.then(|| herald::output::annotation(&doc).to_json());
                    let put = batch.put(&NewArticle {
                        article: &doc.article,
                        content_hash: &hash,
                        annotation: json.as_deref(),
                    })?;
                    match put {
                        Put::New => summary.new += 1,
                        Put::Duplicate { .. } => summary.duplicate += 1,
                    }
                }
            }
        }
        batch.commit().with_context(|| format!("committing to {}", db.display()))?;
        progress.set_message(summary.line());
    }
    progress.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    println!("{} in {secs:.1} s → {}", summary.line(), db.display());
    for (reason, n) in &summary.skipped {
        println!("  skipped {n:>6}  {reason}");
    }
    if args.profile {
        eprint!("{}", profile.report());
    }
    Ok(if summary.skipped.is_empty() { Outcome::Clean } else { Outcome::Skipped })
}

impl Summary {
    fn line(&self) -> String {
        let skipped: u64 = self.skipped.values().sum();
        format!(
            "read {} · new {} · duplicate {} · not English {} · skipped {}",
            self.read, self.new, self.duplicate, self.not_english, skipped
        )
    }
}

/// Groups skip reasons for the summary: the reason up to its first detail (digits,
/// quotes or a colon), so "invalid UTF-8 at byte 12" and "… at byte 40" count together.
fn reason_class(reason: &str) -> String {
    let bytes = reason.as_bytes();
    // A detail starts at a number standing as its own word ("at byte 12", not "UTF-8"),
    // or at a colon, quote or bracket.
    let cut = (0..bytes.len())
        .find(|&i| {
            matches!(bytes[i], b':' | b'"' | b'(')
                || bytes[i].is_ascii_digit() && (i == 0 || bytes[i - 1] == b' ')
        })
        .unwrap_or(reason.len());
    let class = reason[..cut].trim_end_matches([' ', ',']).trim();
    if class.is_empty() {
        reason.to_owned()
    } else {
        class.to_owned()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reasons_group_by_their_stem() {
        assert_eq!(super::reason_class("invalid UTF-8 at byte 12"), "invalid UTF-8 at byte");
        assert_eq!(super::reason_class("empty file"), "empty file");
        assert_eq!(super::reason_class("malformed JSON: expected value"), "malformed JSON");
    }
}
