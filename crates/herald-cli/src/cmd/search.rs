use std::path::Path;

use super::Outcome;

/// `herald search`: full-text search over the store.
#[derive(clap::Args)]
pub struct Args {
    /// Words, "phrases", AND/OR/NOT, prefix* (SQLite FTS5 syntax)
    #[arg(required = true, value_name = "QUERY")]
    query: Vec<String>,
    /// At most this many results
    #[arg(long, short = 'n', default_value_t = 20)]
    limit: usize,
    /// One JSON object per hit instead of text
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> anyhow::Result<Outcome> {
    let store = super::open_store(db)?;
    let hits = store.search(&args.query.join(" "), args.limit)?;
    for hit in &hits {
        if args.json {
            let json = serde_json::json!({
                "id": hit.id, "title": hit.title, "date": hit.date, "snippet": hit.snippet,
            });
            println!("{json}");
        } else {
            let date = hit.date.as_deref().map(|d| &d[..d.len().min(10)]).unwrap_or("----------");
            println!("{}  {date}  {}", hit.id, hit.title.as_deref().unwrap_or("(untitled)"));
            println!("    {}", hit.snippet.replace('\n', " "));
        }
    }
    if hits.is_empty() && !args.json {
        eprintln!("no match in {}", db.display());
    }
    Ok(Outcome::Clean)
}
