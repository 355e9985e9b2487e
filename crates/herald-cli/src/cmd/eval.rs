//! `herald eval`: score herald's models against a gold file, with the usual measures.

use std::path::PathBuf;
use std::time::Instant;

use herald::syntax::{self, Scores};

use super::Outcome;

/// `herald eval`: score a model on gold data.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: EvalCommand,
}

#[derive(clap::Subcommand)]
enum EvalCommand {
    /// Tagging, lemmas and dependencies on a gold CoNLL-U file (gold tokenization)
    Parse(ParseArgs),
    /// Named-entity span P/R/F1 per type on a gold CoNLL or `.iob2` file (gold tokens)
    Ner(super::ner::EvalArgs),
    /// CAMEO actor coding on a hand-annotated JSONL set (`tests/fixtures/actors/actors.jsonl`)
    Actors(super::eval_actors::Args),
    /// PETRARCH2's validation records (`PETR.UnitTest.records.xml`) coded from their text
    Petrarch(super::eval_petrarch::Args),
    // Other models add their subcommand here, each with its own `run`.
}

#[derive(clap::Args)]
struct ParseArgs {
    /// Gold CoNLL-U file
    #[arg(value_name = "GOLD")]
    gold: PathBuf,
    /// Folder with `tagger.bin.gz` and `parser.bin.gz` [default: the bundled models]
    #[arg(long, value_name = "DIR")]
    models: Option<PathBuf>,
    /// Print one JSON object instead of text
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    match args.command {
        EvalCommand::Parse(a) => parse(a),
        EvalCommand::Ner(a) => super::ner::eval(a),
        EvalCommand::Actors(a) => super::eval_actors::run(a),
        EvalCommand::Petrarch(a) => super::eval_petrarch::run(a),
    }
}

/// One line: UPOS, XPOS, lemma accuracy, UAS, LAS.
pub fn format_scores(s: &Scores) -> String {
    format!(
        "words {}  UPOS {:.4}  XPOS {:.4}  lemma {:.4}  UAS {:.4}  LAS {:.4}",
        s.words, s.upos, s.xpos, s.lemma, s.uas, s.las
    )
}

fn parse(a: ParseArgs) -> anyhow::Result<Outcome> {
    let models = super::train::load_models(a.models.as_deref())?;
    let gold = syntax::read_corpus(std::slice::from_ref(&a.gold), &[])?;
    for e in &gold.bad_lines {
        eprintln!("herald: skipped: {e}");
    }
    let t0 = Instant::now();
    let s = syntax::evaluate(&models, &gold.sentences);
    let secs = t0.elapsed().as_secs_f64();
    if a.json {
        let json = serde_json::json!({
            "file": a.gold.display().to_string(), "words": s.words, "upos": s.upos,
            "xpos": s.xpos, "lemma": s.lemma, "uas": s.uas, "las": s.las,
        });
        println!("{json}");
    } else {
        println!("{}: {}", a.gold.display(), format_scores(&s));
        eprintln!("({:.0} words/s, scoring included)", s.words as f64 / secs);
    }
    Ok(if gold.bad_lines.is_empty() { Outcome::Clean } else { Outcome::Skipped })
}
