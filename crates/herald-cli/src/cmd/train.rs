//! `herald train`: reproduce herald's statistical models from open treebanks. One subcommand
//! per model; each reads CoNLL-U (or its own format), trains deterministically and writes a
//! compressed model file.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use herald::syntax::{self, Models, ParserConfig, Progress, Tagger, TaggerConfig};

use super::Outcome;

/// `herald train`: train one of herald's models.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: TrainCommand,
}

#[derive(clap::Subcommand)]
enum TrainCommand {
    /// Train the part-of-speech tagger (UPOS + XPOS) and lemmatizer
    Tagger(TaggerArgs),
    /// Train the labelled dependency parser
    Parser(ParserArgs),
    /// Train the named-entity recognizer (UNER `.iob2`, GUM `.conllu`, CoNLL columns)
    Ner(super::ner::TrainArgs),
    // Other models add their subcommand here, each with its own `run`.
}

/// Options every syntax model's training shares.
#[derive(clap::Args)]
struct Common {
    /// Training file (CoNLL-U), repeatable
    #[arg(long = "train", value_name = "FILE", required = true, num_args = 1..)]
    train: Vec<PathBuf>,
    /// Gold file (CoNLL-U) scored after training (never trained on)
    #[arg(long, value_name = "FILE")]
    dev: Option<PathBuf>,
    /// Where to write the model
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Passes over the training data [default: 10 for the tagger, 12 for the parser]
    #[arg(long)]
    epochs: Option<usize>,
    /// Shuffle seed
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Also train on GUM's fiction and wikiHow documents (CC BY-NC-SA: the model may then
    /// not be used commercially). Left out by default.
    #[arg(long)]
    include_nc: bool,
    /// The bidirectional tagger recipe (5 more templates, a right-to-left model, weights
    /// below 1.0 pruned): for `train tagger` the tagger (the shipped tagger's recipe), for
    /// `train parser` its jackknife taggers (the shipped parser's are one-direction)
    #[arg(long)]
    bidirectional: bool,
}

impl Common {
    fn tagger_config(&self) -> TaggerConfig {
        if self.bidirectional {
            TaggerConfig::bidirectional()
        } else {
            TaggerConfig::default()
        }
    }
}

#[derive(clap::Args)]
struct TaggerArgs {
    #[command(flatten)]
    common: Common,
}

#[derive(clap::Args)]
struct ParserArgs {
    #[command(flatten)]
    common: Common,
    /// Train on tags predicted by N taggers trained on the other folds (0 = gold tags)
    #[arg(long, default_value_t = 4, value_name = "N")]
    jackknife: usize,
    /// Tagger used to score `--dev` [default: the bundled tagger]
    #[arg(long, value_name = "FILE")]
    tagger: Option<PathBuf>,
    /// After training, drop weights smaller than this (the shipped model: 1.5; 0.05 keeps
    /// nearly everything: a 2× larger file for +0.3 LAS)
    #[arg(long, default_value_t = 1.5)]
    prune: f32,
    /// Beam width: 1 = greedy decoding trained with the dynamic oracle (the shipped model);
    /// K ≥ 2 = beam search of width K, trained globally (structured perceptron,
    /// max-violation updates). The width is stored in the model
    #[arg(long, default_value_t = 1, value_name = "K")]
    beam: usize,
    /// Beam width stored in the model for parsing [default: --beam]
    #[arg(long, value_name = "K")]
    decode_beam: Option<usize>,
    /// Beam parsing drops candidates scoring this far below the best (narrows the beam
    /// where the model is sure, for speed) [default: none]
    #[arg(long, value_name = "X")]
    beam_margin: Option<f32>,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    match args.command {
        TrainCommand::Tagger(a) => tagger(a),
        TrainCommand::Parser(a) => parser(a),
        TrainCommand::Ner(a) => super::ner::train(a),
    }
}

fn read(common: &Common) -> anyhow::Result<(syntax::Corpus, Outcome)> {
    let exclude: &[&str] = if common.include_nc { &[] } else { syntax::NON_COMMERCIAL_DOCS };
    let corpus = syntax::read_corpus(&common.train, exclude)?;
    for e in &corpus.bad_lines {
        eprintln!("herald: skipped: {e}");
    }
    eprintln!(
        "training on {} sentences, {} words ({} sentences of excluded documents)",
        corpus.sentences.len(),
        corpus.n_words(),
        corpus.excluded
    );
    let outcome = if corpus.bad_lines.is_empty() { Outcome::Clean } else { Outcome::Skipped };
    Ok((corpus, outcome))
}

fn write(
    path: &Path,
    save: impl FnOnce(
        std::io::BufWriter<std::fs::File>,
    ) -> Result<(), herald::syntax::herald_ml::ModelError>,
) -> anyhow::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create", dir.display()))?;
    }
    let f = std::fs::File::create(path)
        .with_context(|| format!("{}: cannot create", path.display()))?;
    save(std::io::BufWriter::new(f))
        .with_context(|| format!("{}: cannot write", path.display()))?;
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    eprintln!("wrote {} ({:.1} MB)", path.display(), size as f64 / 1e6);
    Ok(())
}

fn dev_report(models: &Models, dev: &Path) -> anyhow::Result<()> {
    let gold = syntax::read_corpus(&[dev.to_path_buf()], &[])?;
    let s = syntax::evaluate(models, &gold.sentences);
    eprintln!("{}: {}", dev.display(), super::eval::format_scores(&s));
    Ok(())
}

fn tagger(a: TaggerArgs) -> anyhow::Result<Outcome> {
    let (corpus, outcome) = read(&a.common)?;
    let base = a.common.tagger_config();
    let cfg = TaggerConfig {
        epochs: a.common.epochs.unwrap_or(base.epochs),
        seed: a.common.seed,
        ..base
    };
    let t0 = Instant::now();
    let tagger = syntax::train_tagger(&corpus.sentences, &cfg, &Progress::stderr());
    eprintln!("tagger trained in {:.1} s", t0.elapsed().as_secs_f64());
    write(&a.common.out, |w| tagger.save(w))?;
    if let Some(dev) = &a.common.dev {
        let parser = Models::bundled().context("loading the bundled parser")?.parser;
        eprintln!("(dev parsing scores use the bundled parser)");
        dev_report(&Models { tagger, parser }, dev)?;
    }
    Ok(outcome)
}

fn parser(a: ParserArgs) -> anyhow::Result<Outcome> {
    let (corpus, outcome) = read(&a.common)?;
    let defaults = ParserConfig::default();
    let cfg = ParserConfig {
        epochs: a.common.epochs.unwrap_or(defaults.epochs),
        seed: a.common.seed,
        jackknife: a.jackknife,
        beam: a.beam,
        ..defaults
    };
    let tagger_cfg = TaggerConfig { epochs: 5, seed: a.common.seed, ..a.common.tagger_config() };
    let t0 = Instant::now();
    let parser = syntax::train_parser(&corpus.sentences, &cfg, &tagger_cfg, &Progress::stderr())
        .pruned(a.prune)
        .with_beam(a.decode_beam.unwrap_or(a.beam))
        .with_margin(a.beam_margin.unwrap_or(f32::INFINITY));
    eprintln!("parser trained in {:.1} s", t0.elapsed().as_secs_f64());
    write(&a.common.out, |w| parser.save(w))?;
    if let Some(dev) = &a.common.dev {
        let tagger = match &a.tagger {
            Some(path) => load_tagger(path)?,
            None => Models::bundled().context("loading the bundled tagger")?.tagger,
        };
        dev_report(&Models { tagger, parser }, dev)?;
    }
    Ok(outcome)
}

fn load_tagger(path: &Path) -> anyhow::Result<Tagger> {
    let f =
        std::fs::File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
    Tagger::load(std::io::BufReader::new(f)).with_context(|| path.display().to_string())
}

/// The models in `dir` (`tagger.bin.gz`, `parser.bin.gz`), or the bundled ones.
pub fn load_models(dir: Option<&Path>) -> anyhow::Result<Models> {
    match dir {
        Some(d) => Ok(Models::load(d)?),
        None => Ok(Models::bundled()?),
    }
}
