//! Segments the documents of a `seg_score.py build` input file and writes what
//! `herald annotate` would write for them, so the text layer can be scored without the CLI.
//!
//! usage: `seg_eval IN.jsonl > OUT.jsonl` — each input line is `{"id","text"}`; each output
//! line is `{"id","sentences":[{"start","end"}],"tokens":[{"start","end"}]}` in character
//! offsets, read by `seg_score.py score` and `bench/seg/token_score.py`.
//!
//! `seg_eval --speed N IN.jsonl` instead segments every document N times and prints the
//! throughput to stderr, both per wall-clock second and per second of this thread's CPU
//! time (from `/proc/thread-self/schedstat` on Linux), since on a shared machine the wall
//! clock also counts time the thread spent waiting for a core.
//!
//! `--rules` (before the other arguments) segments with the rules alone, without the
//! bundled boundary model, for comparison; `--model FILE` with another boundary model
//! (such as one trained by `train_boundaries --exclude _news_` for a held-out news check).

use std::io::{BufRead, BufWriter, Write};
use std::time::Instant;

use herald_doc::{Article, Doc, OffsetMap, Span};
use serde_json::{json, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut model = herald_text::BoundaryModel::bundled().cloned();
    if args.first().is_some_and(|a| a == "--rules") {
        args.remove(0);
        model = None;
    } else if args.first().is_some_and(|a| a == "--model") && args.len() > 1 {
        let file = args.remove(1);
        args.remove(0);
        let bytes = std::fs::read(&file).map_err(|e| format!("{file}: {e}"))?;
        model = Some(
            herald_text::BoundaryModel::from_bytes(&bytes).map_err(|e| format!("{file}: {e}"))?,
        );
    }
    let model = model.as_ref();
    let (repeat, path) = match args.as_slice() {
        [flag, n, path] if flag == "--speed" => (Some(n.parse::<usize>()?), path),
        [path] => (None, path),
        _ => return Err("usage: seg_eval [--rules | --model FILE] [--speed N] IN.jsonl".into()),
    };
    let mut docs = Vec::new();
    for line in std::io::BufReader::new(std::fs::File::open(path)?).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line)?;
        let id = v["id"].as_str().unwrap_or_default();
        let text = v["text"].as_str().unwrap_or_default();
        docs.push(Doc::new(Article::new(id, text)));
    }
    if let Some(n) = repeat {
        return speed(&mut docs, n, model);
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    for doc in &mut docs {
        herald_text::segment_with(doc, model);
        let text = &doc.article.text;
        let map = OffsetMap::new(text);
        let chars = |s: &Span| {
            let (a, b) = map.to_chars(*s);
            json!({"start": a, "end": b})
        };
        let sentences: Vec<Value> = doc.sentences.iter().map(|s| chars(&s.span)).collect();
        let tokens: Vec<Value> = doc.tokens.spans.iter().map(chars).collect();
        let o = json!({"id": doc.article.id, "sentences": sentences, "tokens": tokens});
        writeln!(out, "{o}")?;
    }
    out.flush()?;
    Ok(())
}

/// Segments every document `n` times and reports MB/s of wall-clock and of CPU time.
fn speed(
    docs: &mut [Doc],
    n: usize,
    model: Option<&herald_text::BoundaryModel>,
) -> Result<(), Box<dyn std::error::Error>> {
    let bytes: usize = docs.iter().map(|d| d.article.text.len()).sum::<usize>() * n;
    let (cpu0, t0) = (cpu_ns(), Instant::now());
    for _ in 0..n {
        for doc in docs.iter_mut() {
            herald_text::segment_with(doc, model);
        }
    }
    let wall = t0.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    match (cpu0, cpu_ns()) {
        (Some(a), Some(b)) => {
            let cpu = (b - a) as f64 / 1e9;
            eprintln!(
                "segment: {mb:.1} MB, wall {wall:.3} s = {:.1} MB/s, cpu {cpu:.3} s = {:.1} MB/s per core",
                mb / wall,
                mb / cpu
            );
        }
        _ => eprintln!("segment: {mb:.1} MB, wall {wall:.3} s = {:.1} MB/s", mb / wall),
    }
    Ok(())
}

/// Nanoseconds this thread has run on a CPU, where Linux tells.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
