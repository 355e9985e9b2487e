//! Throughput of reading: JSON Lines through `read_paths`, and HTML main-text extraction
//! with `extract_html`. `cargo bench -p herald-ingest` prints bytes per second.
//!
//! The JSON Lines corpus is the shared fixture story written as about 4 MB of records; the
//! HTML benchmarks use the fixture news page and, when it is present, the 60 pages of the
//! extraction development set (`HERALD_EXTRACTION_DEV`, default
//! `/work/shared/data/extraction-dev/html`).

use std::io::Read;
use std::path::PathBuf;

use divan::counter::BytesCount;
use divan::Bencher;
use herald_ingest::{read_paths, ReadConfig, Record};

fn main() {
    divan::main();
}

/// About 4 MB of JSON Lines made of the fixture wire story, one record per story.
fn jsonl_file() -> (tempfile::TempDir, PathBuf, usize) {
    let story = include_str!("../../../tests/data/guterres-lavrov-moscow.txt");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.jsonl");
    let mut out = String::new();
    let mut i = 0;
    while out.len() < 4 << 20 {
        let line = serde_json::json!({"id": format!("s{i}"), "text": story, "date": "2022-04-26"});
        out.push_str(&line.to_string());
        out.push('\n');
        i += 1;
    }
    std::fs::write(&path, &out).expect("write corpus");
    (dir, path, out.len())
}

#[divan::bench(sample_count = 20)]
fn read_jsonl_4mb(bencher: Bencher) {
    let (_dir, path, len) = jsonl_file();
    let paths = [path];
    let config = ReadConfig::default();
    bencher.counter(BytesCount::new(len)).bench_local(|| {
        // Language identification is part of reading: every article gets a language.
        read_paths(divan::black_box(&paths), &config)
            .filter(|r| matches!(r, Record::Article(_)))
            .count()
    });
}

#[divan::bench(sample_count = 20)]
fn extract_html_fixture_page(bencher: Bencher) {
    let page = include_bytes!("../tests/data/news-page.html");
    bencher.counter(BytesCount::new(page.len())).bench_local(|| {
        herald_ingest::extract_html(divan::black_box(page), None).map(|x| x.text.len())
    });
}

/// The development pages, decompressed, if the data set is on this machine.
fn dev_pages() -> Vec<Vec<u8>> {
    let dir = std::env::var_os("HERALD_EXTRACTION_DEV")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/data/extraction-dev/html"));
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut names: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    names.sort();
    names
        .iter()
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .filter_map(|p| {
            let mut html = Vec::new();
            flate2::read::MultiGzDecoder::new(std::fs::File::open(p).ok()?)
                .read_to_end(&mut html)
                .ok()?;
            Some(html)
        })
        .collect()
}

#[divan::bench(sample_count = 5)]
fn extract_html_dev_pages(bencher: Bencher) {
    let pages = dev_pages();
    let len: usize = pages.iter().map(Vec::len).sum();
    bencher.counter(BytesCount::new(len)).bench_local(|| {
        pages
            .iter()
            .filter_map(|p| herald_ingest::extract_html(divan::black_box(p), None).ok())
            .count()
    });
}
