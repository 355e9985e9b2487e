use std::io::{BufWriter, Write};
use std::path::PathBuf;

use herald::doc::PubDate;
use herald::ingest::{read_paths, ReadConfig, Record};
use herald::Profile;

use super::Outcome;

/// `herald annotate`: the output contract on stdout.
#[derive(clap::Args)]
pub struct Args {
    /// JSONL, text, HTML, feed or WARC files or folders; none or `-` reads standard input
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Publication date for articles that carry none (YYYY-MM-DD or RFC 3339)
    #[arg(long, value_parser = parse_date)]
    date: Option<PubDate>,
    #[command(flatten)]
    dictionaries: super::DictionaryArgs,
    /// Print time and throughput per pipeline stage to stderr at the end
    #[arg(long)]
    profile: bool,
}

fn parse_date(s: &str) -> Result<PubDate, String> {
    PubDate::parse(s).ok_or_else(|| format!("{s:?} is not YYYY-MM-DD or RFC 3339"))
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let paths = if args.paths.is_empty() { vec![PathBuf::from("-")] } else { args.paths };
    let pipeline = super::load_pipeline(&args.dictionaries)?;
    let mut profile = Profile::default();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut skipped = false;
    for record in read_paths(&paths, &ReadConfig::default()) {
        match record {
            Record::Skipped(skip) => {
                eprintln!("herald: skipped {skip}");
                skipped = true;
            }
            Record::Article(mut article) => {
                article.date = article.date.or(args.date);
                let doc = pipeline.annotate_profiled(article, &mut profile);
                writeln!(out, "{}", herald::output::annotation(&doc).to_json())?;
            }
        }
    }
    out.flush()?;
    if args.profile {
        eprint!("{}", profile.report());
    }
    Ok(if skipped { Outcome::Skipped } else { Outcome::Clean })
}
