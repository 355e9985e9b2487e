use std::io::Write;
use std::path::Path;

use serde_json::Value;

use super::Outcome;

/// `herald quotes`: what people (and organisations) were quoted saying, across the store.
#[derive(clap::Args)]
pub struct Args {
    /// Only quotes whose speaker's name (or a mention of the speaker, or the attribution's
    /// words) contains this, case-insensitively ("Petrov", "foreign ministry")
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,
    /// Only direct quotes, or only reported speech
    #[arg(long, value_enum)]
    kind: Option<Kind>,
    /// Only articles published on or after this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Only articles published on or before this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// One JSON object per quote instead of text
    #[arg(long)]
    json: bool,
    /// At most this many quotes
    #[arg(long, short = 'n')]
    limit: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Kind {
    Direct,
    Indirect,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Indirect => "indirect",
        }
    }
}

pub fn run(db: &Path, args: Args) -> anyhow::Result<Outcome> {
    for d in [&args.since, &args.until].into_iter().flatten() {
        if herald::output::export::ymd(d).is_none() || d.len() != 10 {
            anyhow::bail!("{d:?} is not a YYYY-MM-DD date");
        }
    }
    let store = super::open_store(db)?;
    let wanted = args.speaker.as_deref().map(str::to_lowercase);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let (mut shown, mut skipped) = (0usize, 0u64);
    'articles: for row in store.annotations() {
        let row = row?;
        let date = row.date.as_deref().map(|d| &d[..d.len().min(10)]);
        // Articles without a date pass a date filter: nothing says they are outside it.
        if let Some(d) = date {
            if args.since.as_deref().is_some_and(|s| d < s)
                || args.until.as_deref().is_some_and(|u| d > u)
            {
                continue;
            }
        }
        let json: Value = match serde_json::from_str(&row.json) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("herald: skipped {}: annotation is not JSON: {e}", row.id);
                skipped += 1;
                continue;
            }
        };
        let entity = |id: Option<&str>| {
            id.and_then(|id| {
                json["entities"].as_array()?.iter().find(|e| e["id"].as_str() == Some(id))
            })
        };
        for q in json["quotes"].as_array().into_iter().flatten() {
            let kind = q["kind"].as_str().unwrap_or("");
            if args.kind.is_some_and(|k| k.name() != kind) {
                continue;
            }
            let speaker = entity(q["speaker"].as_str());
            let speaker_name = speaker.and_then(|e| e["name"].as_str());
            let speaker_text = q["speaker_text"].as_str();
            if let Some(w) = &wanted {
                let mut names: Vec<&str> = speaker_name.into_iter().chain(speaker_text).collect();
                if let Some(e) = speaker {
                    names.extend(
                        e["mentions"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(|m| m["text"].as_str()),
                    );
                }
                if !names.iter().any(|n| n.to_lowercase().contains(w.as_str())) {
                    continue;
                }
            }
            let addressee = entity(q["addressee"].as_str()).and_then(|e| e["name"].as_str());
            let text = q["text"].as_str().unwrap_or("");
            if args.json {
                let line = serde_json::json!({
                    "article": row.id, "date": date, "title": row.title, "url": row.url,
                    "kind": kind, "speaker": speaker_name.or(speaker_text),
                    "speaker_entity": q["speaker"], "addressee": addressee, "verb": q["verb"],
                    "start": q["start"], "end": q["end"], "text": text,
                });
                writeln!(out, "{line}")?;
            } else {
                let who = speaker_name.or(speaker_text).unwrap_or("(unattributed)");
                let verb = q["verb"].as_str().map(|v| format!(" ({v}")).unwrap_or_default();
                let to = addressee.map(|a| format!(" to {a}")).unwrap_or_default();
                let close = if verb.is_empty() { "" } else { ")" };
                writeln!(
                    out,
                    "{}  {}  {who}{verb}{to}{close}, {kind}",
                    date.unwrap_or("----------"),
                    row.id
                )?;
                let shown_text =
                    if kind == "direct" { format!("“{text}”") } else { text.to_owned() };
                writeln!(out, "    {}", shown_text.replace('\n', " "))?;
                if let Some(src) = row.url.as_deref().or(row.title.as_deref()) {
                    writeln!(out, "    {src}")?;
                }
            }
            shown += 1;
            if args.limit.is_some_and(|n| shown >= n) {
                break 'articles;
            }
        }
    }
    out.flush()?;
    if shown == 0 && !args.json {
        eprintln!("no quote matches in {}", db.display());
    }
    Ok(if skipped > 0 { Outcome::Skipped } else { Outcome::Clean })
}
