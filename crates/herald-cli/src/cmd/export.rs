use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use herald::output::export::{ymd, ArticleEvents};
use herald::output::gdelt::{gdelt_header, gdelt_row, Lookups};

use super::Outcome;

/// `herald export`: stored annotations in formats other tools read.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// Every stored event, one per line (GDELT 2.0 event table or JSONL)
    Events(EventArgs),
}

#[derive(clap::Args)]
struct EventArgs {
    /// `gdelt`: GDELT 2.0's 61 tab-separated event columns, then herald's own; `jsonl`: the
    /// contract's event object with its article, evidence text and actor names
    #[arg(long, value_enum, default_value_t = Format::Gdelt)]
    format: Format,
    /// Write here instead of stdout
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Only events dated on or after this day (YYYY-MM-DD; the event's date, else the article's)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    since: Option<(u32, u32, u32)>,
    /// Only events dated on or before this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    until: Option<(u32, u32, u32)>,
    /// gdelt: start with a header line naming the columns
    #[arg(long)]
    header: bool,
    /// gdelt: only GDELT's 61 columns, without herald's
    #[arg(long)]
    gdelt_strict: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Gdelt,
    Jsonl,
}

fn parse_date(s: &str) -> Result<(u32, u32, u32), String> {
    ymd(s).filter(|_| s.len() == 10).ok_or_else(|| format!("{s:?} is not a YYYY-MM-DD date"))
}

pub fn run(db: &Path, args: Args) -> anyhow::Result<Outcome> {
    let What::Events(args) = args.what;
    if let (Some(since), Some(until)) = (args.since, args.until) {
        if since > until {
            bail!("--since is after --until");
        }
    }
    let store = super::open_store(db)?;
    let lookups = match args.format {
        Format::Gdelt => lookups()?,
        Format::Jsonl => Lookups::default(),
    };
    let sink: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    if args.header && matches!(args.format, Format::Gdelt) {
        writeln!(out, "{}", gdelt_header(args.gdelt_strict))?;
    }
    let (mut articles, mut events, mut skipped) = (0u64, 0u64, 0u64);
    for row in store.annotations() {
        let row = row?;
        let mut article = match ArticleEvents::parse(&row.json, &row.id) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("herald: skipped {e}");
                skipped += 1;
                continue;
            }
        };
        // The store's columns are the truth for metadata; the JSON may predate an edit.
        article.id = row.id;
        article.url = row.url.or(article.url);
        article.title = row.title.or(article.title);
        article.date = row.date.or(article.date);
        article.ingested_at = Some(row.ingested_at);
        articles += 1;
        for event in &article.events {
            if args.since.is_some() || args.until.is_some() {
                let Some(date) = article.event_date(event) else { continue };
                if args.since.is_some_and(|s| date < s) || args.until.is_some_and(|u| date > u) {
                    continue;
                }
            }
            let line = match args.format {
                Format::Gdelt => gdelt_row(&article, event, &lookups, args.gdelt_strict),
                Format::Jsonl => article.jsonl(event),
            };
            writeln!(out, "{line}")?;
            events += 1;
        }
    }
    out.flush()?;
    if let Some(path) = &args.out {
        eprintln!("{events} events from {articles} articles → {}", path.display());
    }
    Ok(if skipped > 0 { Outcome::Skipped } else { Outcome::Clean })
}

/// Country codes from the shipped actor dictionary and PLOVER categories from the CAMEO
/// table, for the GDELT columns.
fn lookups() -> anyhow::Result<Lookups> {
    let dict = herald::actors::ActorDict::bundled().context("loading the actor dictionary")?;
    let countries = dict.countries().iter().map(|c| c.code.clone()).collect();
    let plover = herald::events::CameoTable::bundled()
        .iter()
        .filter_map(|e| Some((e.code.as_str().to_owned(), e.plover?.name().to_owned())))
        .collect();
    Ok(Lookups { countries, plover })
}
