//! The named-entity recognizer on standard CoNLL files: `herald ner --conll FILE` (tag),
//! and the `ner` cases of `herald train` and `herald eval` ([`train`], [`eval`]).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use herald::ner::{self, recipe, sources::GazetteerSources, Ner, TrainConfig};

use super::Outcome;

/// `herald ner`: named entities in a CoNLL-2003-style file.
#[derive(clap::Args)]
pub struct Args {
    /// CoNLL-2003-style input (token first, label last, blank line between sentences,
    /// `-DOCSTART-` kept and read as a document boundary); written to stdout with the
    /// predicted BIO label as last column
    #[arg(long, value_name = "FILE")]
    conll: PathBuf,
    /// Model file [default: the bundled model]
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
}

/// Arguments of `herald train ner`.
#[derive(clap::Args)]
pub struct TrainArgs {
    /// Training file, repeatable: `.iob2` (Universal NER), `.conllu` (GUM entity layer,
    /// without its NC-licensed fiction and wikiHow documents) or CoNLL columns
    #[arg(long = "train", value_name = "FILE", required = true)]
    train: Vec<PathBuf>,
    /// Gold file scored after training (never trained on)
    #[arg(long, value_name = "FILE")]
    dev: Option<PathBuf>,
    /// The open-data folder the gazetteers are built from (GeoNames, countries, PETRARCH2)
    #[arg(long, value_name = "DIR", default_value = "../shared/data")]
    data: PathBuf,
    /// Train without gazetteer features
    #[arg(long)]
    no_gazetteer: bool,
    /// Passes over the training data
    #[arg(long, default_value_t = 8)]
    epochs: usize,
    /// Shuffle seed
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to write the model (`.bin.gz`)
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

/// Arguments of `herald eval ner`.
#[derive(clap::Args)]
pub struct EvalArgs {
    /// Gold file: CoNLL columns (token first, label last) or `.iob2`
    gold: PathBuf,
    /// Model file [default: the bundled model]
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
}

fn load(model: Option<&Path>) -> anyhow::Result<Ner> {
    Ok(match model {
        Some(p) => Ner::load(p)?,
        None => Ner::bundled().context("loading the bundled NER model")?,
    })
}

/// Runs `herald ner`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let ner = load(args.model.as_deref())?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    tag_conll(&ner, &args.conll, &mut out)?;
    out.flush()?;
    Ok(Outcome::Clean)
}

/// Writes `path` back with each sentence's predicted BIO labels as the last column.
fn tag_conll(ner: &Ner, path: &Path, out: &mut impl Write) -> anyhow::Result<()> {
    let sentences = ner::corpus::read_conll_lines(path)?;
    // A document runs from one `-DOCSTART-` line to the next (the whole file when there
    // is none); names are tagged a document at a time (`Ner::tag_document`).
    let mut start = 0;
    while start < sentences.len() {
        let end = (start + 1..sentences.len())
            .find(|&i| !sentences[i].preamble.is_empty())
            .unwrap_or(sentences.len());
        let doc = &sentences[start..end];
        let toks: Vec<&[String]> = doc.iter().map(|s| s.tokens.as_slice()).collect();
        for (s, spans) in doc.iter().zip(ner.tag_document(&toks)) {
            s.write(out, &ner::conll_tags(s.tokens.len(), &spans))?;
        }
        start = end;
    }
    Ok(())
}

/// Runs `herald train ner`: reads the training files, builds the gazetteer, trains,
/// writes the model and, given `--dev`, prints its scores.
pub fn train(args: TrainArgs) -> anyhow::Result<Outcome> {
    let t = Instant::now();
    let corpus = recipe::read_all(&args.train)?;
    for e in &corpus.skipped {
        eprintln!("herald: skipped: {e}");
    }
    eprintln!(
        "read {} sentences, {} tokens from {} files",
        corpus.sentences.len(),
        corpus.tokens(),
        args.train.len()
    );
    let data = (!args.no_gazetteer).then_some(args.data.as_path());
    let gaz = recipe::gazetteer_for(&corpus.sentences, data, &GazetteerSources::default())
        .with_context(|| format!("building gazetteers from {}", args.data.display()))?;
    eprintln!("gazetteer: {} keys ({:.1} s)", gaz.len(), t.elapsed().as_secs_f64());
    let cfg = TrainConfig { epochs: args.epochs, seed: args.seed, ..TrainConfig::default() };
    let model = ner::train(&corpus.sentences, gaz, &cfg, |e| {
        eprintln!(
            "epoch {:>2}  train accuracy {:.4}  ({:.1} s)",
            e.epoch,
            e.accuracy,
            t.elapsed().as_secs_f64()
        )
    });
    model.save(&args.out)?;
    let size = std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0);
    let (features, keys) = model.size();
    eprintln!(
        "wrote {} ({:.2} MB; {features} features, {keys} gazetteer keys) in {:.1} s",
        args.out.display(),
        size as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    if let Some(dev) = &args.dev {
        let gold = recipe::read_any(dev)?;
        print!("{}", recipe::evaluate(&model, &gold.sentences, true).table());
    }
    Ok(if corpus.skipped.is_empty() { Outcome::Clean } else { Outcome::Skipped })
}

/// Runs `herald eval ner`: span precision, recall and F1 per type on a gold file, and
/// words per second.
pub fn eval(args: EvalArgs) -> anyhow::Result<Outcome> {
    let ner = load(args.model.as_deref())?;
    let gold = recipe::read_any(&args.gold)?;
    for e in &gold.skipped {
        eprintln!("herald: skipped: {e}");
    }
    let t = Instant::now();
    let scores = recipe::evaluate(&ner, &gold.sentences, true);
    let secs = t.elapsed().as_secs_f64();
    print!("{}", scores.table());
    println!(
        "{} sentences, {} words, {:.0} words/s",
        gold.sentences.len(),
        gold.tokens(),
        gold.tokens() as f64 / secs.max(1e-9)
    );
    Ok(if gold.skipped.is_empty() { Outcome::Clean } else { Outcome::Skipped })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll_round_trip_keeps_lines_and_replaces_the_last_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.conll");
        let input = "-DOCSTART- -X- O\n\nOfficials NNS O\nin IN O\nParis NNP O\nmet VBD O\n\
                     Angela NNP O\nMerkel NNP O\n. . O\n\nThanks\n";
        std::fs::write(&path, input).unwrap();
        let ner = Ner::bundled().unwrap();
        let mut out = Vec::new();
        tag_conll(&ner, &path, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[..2], ["-DOCSTART- -X- O", ""]);
        assert_eq!(lines[4], "Paris NNP B-LOC", "{out}");
        assert_eq!(lines[6], "Angela NNP B-PER", "{out}");
        assert_eq!(lines[7], "Merkel NNP I-PER", "{out}");
        assert_eq!(lines[10], "Thanks O", "{out}");
        // The same lines as the input, with a blank line closing the last sentence.
        assert_eq!(lines.len(), input.lines().count() + 1);
    }
}
