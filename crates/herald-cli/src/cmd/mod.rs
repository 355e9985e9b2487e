//! One module per subcommand; each exposes `Args` and `run`.

pub mod annotate;
pub mod dict;
pub mod eval;
pub mod eval_actors;
pub mod eval_petrarch;
pub mod explain;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod ner;
pub mod parse;
pub mod quotes;
pub mod search;
pub mod show;
pub mod stats;
pub mod train;

use std::path::PathBuf;

/// How a command that read input ended.
pub enum Outcome {
    /// Everything was read.
    Clean,
    /// Some records were skipped (each reported on stderr).
    Skipped,
}

/// `$XDG_DATA_HOME/herald/herald.db`, else `~/.local/share/herald/herald.db`, else
/// `herald.db` in the working directory.
pub fn default_db_path() -> PathBuf {
    let non_empty = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    let data = non_empty("XDG_DATA_HOME")
        .or_else(|| non_empty("HOME").map(|h| h.join(".local").join("share")));
    match data {
        Some(dir) => dir.join("herald").join("herald.db"),
        None => PathBuf::from("herald.db"),
    }
}

/// Opens the store, saying which file when it fails.
pub fn open_store(path: &std::path::Path) -> anyhow::Result<herald::store::Store> {
    Ok(herald::store::Store::open(path)?)
}

/// The user's dictionaries, shared by the commands that run the pipeline.
#[derive(clap::Args, Debug, Default)]
pub struct DictionaryArgs {
    /// Extra actor dictionary (herald's `.gz` format or a PETRARCH/TABARI `.txt` file), merged
    /// over the shipped one; repeatable
    #[arg(long = "actors", value_name = "FILE")]
    pub actors: Vec<PathBuf>,
    /// Verb dictionary (herald's `.gz` format or a PETRARCH/TABARI `.txt` file) that replaces
    /// the shipped CAMEO one: its patterns alone code events, with its own codes
    #[arg(long = "verbs", value_name = "FILE")]
    pub verbs: Option<PathBuf>,
}

/// Loads the pipeline with the shipped models and the user's dictionaries: actor
/// dictionaries merged over the shipped one, a verb dictionary in place of the shipped one.
pub fn load_pipeline(dicts: &DictionaryArgs) -> anyhow::Result<herald::Pipeline> {
    use anyhow::Context;
    let mut pipeline = herald::Pipeline::new().context("loading the shipped models")?;
    for file in &dicts.actors {
        let (dict, bad_lines) = herald::actors::ActorDict::load_file(file)?;
        for line in bad_lines {
            eprintln!("herald: skipped {line}");
        }
        pipeline.add_actors(dict);
    }
    if let Some(file) = &dicts.verbs {
        let (dict, bad_lines) = herald::events::VerbDict::load_file(file)?;
        for line in bad_lines {
            eprintln!("herald: skipped {line}");
        }
        pipeline.set_verbs(dict);
    }
    Ok(pipeline)
}
