//! Batch main-text extraction for scoring: reads the ids (and URLs) of a ground-truth file in
//! the article-extraction benchmark's format, extracts `<dir>/<id>.html.gz` (or `.html`) with
//! [`herald_ingest::extract_html`], and writes `{id: {"articleBody": text}}` as PRED.json.
//!
//! ```text
//! cargo run --release -p herald-ingest --example extract_eval -- \
//!     ground-truth.json html/ PRED.json [--repeat N] [--baseline [precision|recall]]
//! ```
//!
//! Prints the extraction speed (pages/s and MB/s of decompressed HTML, extraction only) on
//! standard error. `--repeat N` runs the extraction N times for a steadier speed figure.
//! `--baseline` scores rs-trafilatura alone instead (its `content_text` with default options,
//! or with `favor_precision` / `favor_recall`), the reference herald's formatting is measured
//! against.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

fn main() {
    if let Err(e) = run() {
        eprintln!("extract_eval: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut positional = Vec::new();
    let mut repeat = 1usize;
    let mut baseline: Option<rs_trafilatura::Options> = None;
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--baseline" {
            let mut options = rs_trafilatura::Options::default();
            match args.get(i + 1).map(String::as_str) {
                Some("precision") => options.favor_precision = true,
                Some("recall") => options.favor_recall = true,
                _ => {}
            }
            if options.favor_precision || options.favor_recall {
                i += 1;
            }
            baseline = Some(options);
            i += 1;
        } else if args[i] == "--repeat" {
            repeat =
                args.get(i + 1).and_then(|n| n.parse().ok()).ok_or("--repeat wants a number")?;
            i += 2;
        } else {
            positional.push(args[i].clone());
            i += 1;
        }
    }
    let [truth, dir, out] = positional.as_slice() else {
        return Err(
            "usage: extract_eval GROUND_TRUTH.json HTML_DIR PRED.json [--repeat N]".to_owned()
        );
    };
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(truth).map_err(|e| format!("{truth}: {e}"))?)
            .map_err(|e| format!("{truth}: {e}"))?;
    let truth = truth.as_object().ok_or("ground truth is not a JSON object")?;

    let mut pages = Vec::new();
    for (id, entry) in truth {
        let url = entry.get("url").and_then(Value::as_str).map(str::to_owned);
        pages.push((id.clone(), url, read_page(Path::new(dir), id)?));
    }
    let bytes: usize = pages.iter().map(|(_, _, html)| html.len()).sum();

    let mut pred = BTreeMap::new();
    let mut elapsed = Duration::ZERO;
    for _ in 0..repeat.max(1) {
        for (id, url, html) in &pages {
            let start = Instant::now();
            let result = match &baseline {
                None => herald_ingest::extract_html(html, url.as_deref())
                    .map(|x| x.text)
                    .map_err(|e| e.to_string()),
                Some(options) => {
                    let page = String::from_utf8_lossy(html);
                    rs_trafilatura::extract_with_options(&page, options)
                        .map(|r| r.content_text)
                        .map_err(|e| e.to_string())
                }
            };
            elapsed += start.elapsed();
            let text = result.unwrap_or_else(|e| {
                eprintln!("{id}: {e}");
                String::new()
            });
            pred.insert(id.clone(), json!({ "articleBody": text }));
        }
    }
    let runs = repeat.max(1) as f64;
    let secs = elapsed.as_secs_f64();
    eprintln!(
        "{} pages, {:.2} MB HTML, {} run(s): {:.1} pages/s, {:.2} MB/s",
        pages.len(),
        bytes as f64 / 1e6,
        repeat.max(1),
        pages.len() as f64 * runs / secs,
        bytes as f64 * runs / 1e6 / secs
    );
    let text = serde_json::to_string_pretty(&pred).map_err(|e| e.to_string())?;
    std::fs::write(out, text).map_err(|e| format!("{out}: {e}"))
}

/// The page `<dir>/<id>.html.gz`, decompressed, or `<dir>/<id>.html`.
fn read_page(dir: &Path, id: &str) -> Result<Vec<u8>, String> {
    let gz: PathBuf = dir.join(format!("{id}.html.gz"));
    let mut html = Vec::new();
    if gz.exists() {
        let file = std::fs::File::open(&gz).map_err(|e| format!("{}: {e}", gz.display()))?;
        flate2::read::MultiGzDecoder::new(file)
            .read_to_end(&mut html)
            .map_err(|e| format!("{}: {e}", gz.display()))?;
    } else {
        let plain = dir.join(format!("{id}.html"));
        html = std::fs::read(&plain).map_err(|e| format!("{}: {e}", plain.display()))?;
    }
    Ok(html)
}
