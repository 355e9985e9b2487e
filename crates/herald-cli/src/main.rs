//! The `herald` command: a thin layer of argument parsing and printing over the
//! `herald` library. Every subcommand lives in its own module under `cmd/`.

mod cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// herald reads news and turns it into structured, queryable knowledge: who did what
/// to whom, when, where, and who said what.
#[derive(Parser)]
#[command(name = "herald", version, about, long_about = None)]
struct Cli {
    /// The store file [default: $XDG_DATA_HOME/herald/herald.db, else ~/.local/share/herald/herald.db]
    #[arg(long, global = true, env = "HERALD_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles from files, folders, feeds or WARC archives, annotate and store them
    Ingest(cmd::ingest::Args),
    /// Annotate articles and print the output contract as JSONL (nothing is stored)
    Annotate(cmd::annotate::Args),
    /// Print the main text (or JSON with metadata) extracted from an HTML page
    Extract(cmd::extract::Args),
    /// Full-text search over stored articles
    Search(cmd::search::Args),
    /// Show a stored article with its annotations
    Show(cmd::show::Args),
    /// Why an event was coded as it was (`explain ARTICLE_ID/evN`, ids as `show` lists them)
    Explain(cmd::explain::Args),
    /// Stored events as GDELT 2.0 event rows or JSONL (`export events`)
    Export(cmd::export::Args),
    /// What people and organisations were quoted saying, across the store (`--speaker NAME`)
    Quotes(cmd::quotes::Args),
    /// Counts over the store
    Stats,
    /// Build herald's actor dictionary from PETRARCH/TABARI dictionaries
    Dict(cmd::dict::Args),
    /// Tag, lemmatize and parse a CoNLL-U file (`--conllu FILE`), CoNLL-U to stdout
    Parse(cmd::parse::Args),
    /// Train a model from open data (`train tagger`, `train parser`, `train ner`)
    Train(cmd::train::Args),
    /// Score a model on a gold file (`eval parse GOLD.conllu`, `eval ner GOLD`)
    Eval(cmd::eval::Args),
    /// Named entities in a CoNLL file (`--conll FILE`), written back with predicted labels
    Ner(cmd::ner::Args),
}

/// Exit status when the run finished but skipped some input records.
pub const EXIT_SKIPPED: u8 = 3;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let db = || cli.db.clone().unwrap_or_else(cmd::default_db_path);
    let result = match cli.command {
        Command::Ingest(args) => cmd::ingest::run(&db(), args),
        Command::Annotate(args) => cmd::annotate::run(args),
        Command::Extract(args) => cmd::extract::run(args),
        Command::Search(args) => cmd::search::run(&db(), args),
        Command::Show(args) => cmd::show::run(&db(), args),
        Command::Explain(args) => cmd::explain::run(&db(), args),
        Command::Export(args) => cmd::export::run(&db(), args),
        Command::Quotes(args) => cmd::quotes::run(&db(), args),
        Command::Stats => cmd::stats::run(&db()),
        Command::Dict(args) => cmd::dict::run(args),
        Command::Parse(args) => cmd::parse::run(args),
        Command::Train(args) => cmd::train::run(args),
        Command::Eval(args) => cmd::eval::run(args),
        Command::Ner(args) => cmd::ner::run(args),
    };
    match result {
        Ok(cmd::Outcome::Clean) => ExitCode::SUCCESS,
        Ok(cmd::Outcome::Skipped) => ExitCode::from(EXIT_SKIPPED),
        Err(err) => {
            // A closed pipe (`herald annotate | head`) is not an error worth a message.
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("herald: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
