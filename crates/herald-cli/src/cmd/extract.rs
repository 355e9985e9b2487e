use std::io::Read;
use std::path::PathBuf;

use anyhow::Context;
use herald::ingest::extract_html;

use super::Outcome;

/// `herald extract`: main-text extraction on its own, so it can be scored.
#[derive(clap::Args)]
pub struct Args {
    /// An HTML page (gzip-compressed if it ends in .gz); `-` reads standard input
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Print JSON with title, date, author, url and text instead of the text alone
    #[arg(long)]
    json: bool,
    /// The page's URL, when the page does not say it
    #[arg(long)]
    url: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let name = args.file.display().to_string();
    let mut raw = Vec::new();
    if name == "-" {
        std::io::stdin().read_to_end(&mut raw).context("reading standard input")?;
    } else {
        let file =
            std::fs::File::open(&args.file).with_context(|| format!("{name}: cannot open"))?;
        if name.ends_with(".gz") {
            flate2::read::MultiGzDecoder::new(file).read_to_end(&mut raw)
        } else {
            std::io::BufReader::new(file).read_to_end(&mut raw)
        }
        .with_context(|| format!("{name}: cannot read"))?;
    }
    let page = extract_html(&raw, args.url.as_deref()).with_context(|| name.clone())?;
    if args.json {
        let json = serde_json::json!({
            "title": page.title,
            "date": page.date.map(|d| d.to_string()),
            "author": page.byline,
            "url": page.url,
            "text": page.text,
        });
        println!("{json}");
    } else {
        println!("{}", page.text);
    }
    Ok(Outcome::Clean)
}
