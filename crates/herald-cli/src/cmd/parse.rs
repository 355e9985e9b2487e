//! `herald parse --conllu FILE`: tag, lemmatize and parse the sentences of a CoNLL-U file,
//! keeping its sentences, tokens and comments, so that any UD scorer can score herald.

use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use herald::syntax::herald_ml::conllu::{write_sentence, ConlluError, ConlluReader};

use super::Outcome;

/// `herald parse`: dependency parsing of CoNLL-U input with gold tokenization.
#[derive(clap::Args)]
pub struct Args {
    /// CoNLL-U input (`-` for standard input); written to stdout with predicted UPOS, XPOS,
    /// LEMMA, HEAD and DEPREL (FEATS and DEPS cleared)
    #[arg(long, value_name = "FILE")]
    conllu: PathBuf,
    /// Folder with `tagger.bin.gz` and `parser.bin.gz` [default: the bundled models]
    #[arg(long, value_name = "DIR")]
    models: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let models = super::train::load_models(args.models.as_deref())?;
    let name = args.conllu.display().to_string();
    let input: Box<dyn BufRead> = if name == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let f =
            std::fs::File::open(&args.conllu).with_context(|| format!("{name}: cannot open"))?;
        Box::new(std::io::BufReader::new(f))
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut outcome = Outcome::Clean;
    for item in ConlluReader::new(input, name.clone()) {
        match item {
            Ok(mut s) => {
                models.annotate_sentence(&mut s);
                write_sentence(&mut out, &s)?;
            }
            Err(e @ ConlluError::BadLine { .. }) => {
                eprintln!("herald: skipped: {e}");
                outcome = Outcome::Skipped;
            }
            Err(e) => return Err(e.into()),
        }
    }
    out.flush()?;
    Ok(outcome)
}
