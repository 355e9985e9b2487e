//! Segments the documents of a `seg_score.py build` input file and writes what
//! `herald annotate` would write for them, so the text layer can be scored without the CLI.
//!
//! usage: `seg_eval IN.jsonl > OUT.jsonl` — each input line is `{"id","text"}`; each output
//! line is `{"id","sentences":[{"start","end"}],"tokens":[{"start","end"}]}` in character
//! offsets, read by `seg_score.py score` and `bench/seg/token_score.py`. The time spent in
//! `segment` and its throughput go to stderr.

use std::io::{BufRead, BufWriter, Write};
use std::time::{Duration, Instant};

use herald_doc::{Article, Doc, OffsetMap, Span};
use serde_json::{json, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: seg_eval IN.jsonl > OUT.jsonl")?;
    let input = std::io::BufReader::new(std::fs::File::open(&path)?);
    let mut out = BufWriter::new(std::io::stdout().lock());
    let (mut bytes, mut spent) = (0usize, Duration::ZERO);
    for line in input.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line)?;
        let id = v["id"].as_str().unwrap_or_default();
        let text = v["text"].as_str().unwrap_or_default();
        let mut doc = Doc::new(Article::new(id, text));
        let t0 = Instant::now();
        herald_text::segment(&mut doc);
        spent += t0.elapsed();
        bytes += text.len();
        let map = OffsetMap::new(text);
        let chars = |s: &Span| {
            let (a, b) = map.to_chars(*s);
            json!({"start": a, "end": b})
        };
        let sentences: Vec<Value> = doc.sentences.iter().map(|s| chars(&s.span)).collect();
        let tokens: Vec<Value> = doc.tokens.spans.iter().map(chars).collect();
        let o = json!({"id": id, "sentences": sentences, "tokens": tokens});
        writeln!(out, "{o}")?;
    }
    out.flush()?;
    let secs = spent.as_secs_f64().max(1e-9);
    eprintln!(
        "segment: {bytes} bytes in {:.1} ms, {:.1} MB/s",
        secs * 1e3,
        bytes as f64 / secs / 1e6
    );
    Ok(())
}
