use std::path::Path;

use super::Outcome;

/// `herald stats`: counts over the store.
pub fn run(db: &Path) -> anyhow::Result<Outcome> {
    let store = super::open_store(db)?;
    let s = store.stats()?;
    println!("store      {}  ({:.1} MB)", db.display(), s.file_bytes as f64 / 1e6);
    println!(
        "articles   {}  (annotated {}, duplicate sightings {})",
        s.articles, s.annotated, s.aliases
    );
    println!("sentences  {}", s.sentences);
    println!("tokens     {}", s.tokens);
    if let Some((first, last)) = &s.date_range {
        println!("dates      {} … {}", &first[..first.len().min(10)], &last[..last.len().min(10)]);
    }
    let langs: Vec<String> = s.languages.iter().map(|(l, n)| format!("{l} {n}")).collect();
    println!("languages  {}", langs.join(", "));
    Ok(Outcome::Clean)
}
