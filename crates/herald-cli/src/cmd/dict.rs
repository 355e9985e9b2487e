use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;

use anyhow::Context;
use herald::actors::build_from_sources;

use super::Outcome;

/// `herald dict`: build herald's compact actor dictionary from PETRARCH/TABARI files.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: DictCommand,
}

#[derive(clap::Subcommand)]
enum DictCommand {
    /// Compile actor, agent and country sources into herald's compact format
    Build {
        /// PETRARCH/TABARI actor dictionaries (`*.actors.txt`)
        #[arg(long = "actors", value_name = "FILE")]
        actors: Vec<PathBuf>,
        /// PETRARCH/TABARI agent dictionaries (`*.agents.txt`)
        #[arg(long = "agents", value_name = "FILE")]
        agents: Vec<PathBuf>,
        /// The countries table (mledoze/countries `countries.json`)
        #[arg(long, value_name = "FILE")]
        countries: Option<PathBuf>,
        /// Other names of capitals (`CODE<TAB>Name` lines)
        #[arg(long = "capitals", value_name = "FILE")]
        capitals: Vec<PathBuf>,
        /// Where to write the compact dictionary (`.gz`)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    match args.command {
        DictCommand::Build { actors, agents, countries, capitals, out } => {
            let (dict, report) =
                build_from_sources(&actors, &agents, countries.as_deref(), &capitals)?;
            for line in &report.skipped {
                eprintln!("herald: skipped {line}");
            }
            let file = File::create(&out).with_context(|| format!("creating {}", out.display()))?;
            dict.write(BufWriter::new(file))
                .with_context(|| format!("writing {}", out.display()))?;
            for (file, n, skipped) in &report.files {
                println!("{n:>7} entries  {skipped:>4} skipped  {file}");
            }
            println!(
                "{} actors, {} agent phrases, {} countries, {} distinct words → {}",
                dict.actors().len(),
                dict.agents().len(),
                dict.countries().len(),
                dict.matcher().vocabulary_len(),
                out.display()
            );
            Ok(if report.skipped.is_empty() { Outcome::Clean } else { Outcome::Skipped })
        }
    }
}
