//! End-to-end reading of every supported format, good and bad, through `read_paths`.
//!
//! Fixtures live in `tests/data/` (small, hand-written, realistic); bad inputs that are large
//! or binary are generated in a temporary directory.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;
use herald_ingest::{read_paths, Article, ReadConfig, Record, Skip};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

/// Reads `paths` and splits the stream into articles and skips, checking the invariants
/// every article keeps (id and source set, text non-empty and trimmed).
fn read_with(paths: &[PathBuf], config: &ReadConfig) -> (Vec<Article>, Vec<Skip>) {
    let mut articles = Vec::new();
    let mut skips = Vec::new();
    for record in read_paths(paths, config) {
        match record {
            Record::Article(a) => {
                assert!(!a.id.is_empty(), "article without id: {a:?}");
                assert!(a.source.is_some(), "article without source: {a:?}");
                assert!(!a.text.trim().is_empty(), "empty article: {a:?}");
                articles.push(a);
            }
            Record::Skipped(s) => {
                let line = s.to_string();
                assert!(!line.contains('\n'), "skip message is not one line: {line:?}");
                skips.push(s);
            }
        }
    }
    (articles, skips)
}

fn read(paths: &[PathBuf]) -> (Vec<Article>, Vec<Skip>) {
    read_with(paths, &ReadConfig::default())
}

fn lang(a: &Article) -> Option<&str> {
    a.language.as_ref().map(|l| l.code())
}

#[test]
fn html_news_page_keeps_the_story_and_drops_the_page_around_it() {
    let (articles, skips) = read(&[data("news-page.html")]);
    assert!(skips.is_empty(), "{skips:?}");
    let [a] = articles.as_slice() else { panic!("want one article, got {articles:?}") };

    assert!(
        a.text.starts_with("MOSCOW — United Nations Secretary-General Antonio Guterres met"),
        "{}",
        a.text
    );
    assert!(a.text.contains("“fully mobilise its human and logistical resources”"), "{}", a.text);
    assert!(a.text.contains("\n\nLavrov said Moscow still hoped"), "{}", a.text);
    assert!(a.text.trim_end().ends_with("President Volodymyr Zelenskiy."), "{}", a.text);
    for boilerplate in [
        "cookies",
        "Subscribe",
        "Advertisement",
        "Share on",
        "Related stories",
        "Azovstal siege enters",
        "Great reporting",
        "All rights reserved",
        "dataLayer",
        "About us",
    ] {
        assert!(!a.text.contains(boilerplate), "kept {boilerplate:?}: {}", a.text);
    }
    // Paragraph contract: one blank line between paragraphs, no stray whitespace.
    assert!(!a.text.contains("\n\n\n") && !a.text.contains("  "), "{:?}", a.text);

    assert_eq!(a.title.as_deref(), Some("UN chief presses Moscow on Mariupol evacuation corridor"));
    assert_eq!(a.byline.as_deref(), Some("Maria Koval, Tom Reed"));
    // JSON-LD wins over <meta> and <time>; the zone is kept as given.
    assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2022-04-26T15:30:00Z"));
    // The canonical link, resolved against og:url's host; tracking parameters only matter for the id.
    assert_eq!(
        a.url.as_deref(),
        Some(
            "https://www.dailyledger.example/world/2022/04/26/guterres-moscow-visit?utm_source=rss"
        )
    );
    assert_eq!(
        a.id,
        herald_ingest::article_id(
            Some("https://www.dailyledger.example/world/2022/04/26/guterres-moscow-visit"),
            ""
        )
    );
    assert_eq!(lang(a), Some("en"));
}

#[test]
fn html_metadata_falls_back_to_meta_and_time() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        r#"<html><head><title>Plain page</title></head><body>
        <article><h1>Talks resume</h1><time datetime="2022-05-02">2 May</time>
        <p>Negotiators from both sides met again on Monday in Istanbul, the Turkish foreign ministry said in a statement.</p>
        <p>The talks had been suspended for three weeks after reports of atrocities near Kyiv.</p></article></body></html>"#,
    )
    .unwrap();
    let (articles, _) = read(&[page]);
    let [a] = articles.as_slice() else { panic!("{articles:?}") };
    assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2022-05-02"));
    assert_eq!(a.url, None);
    assert!(a.id.starts_with('c'), "no URL: content id, got {}", a.id);
    assert!(a.text.starts_with("Negotiators"), "{}", a.text);
}

#[test]
fn rss_feed_items_become_articles_and_the_broken_item_is_named() {
    let path = data("feed-rss.xml");
    let (articles, skips) = read(std::slice::from_ref(&path));
    let titles: Vec<_> = articles.iter().map(|a| a.title.as_deref().unwrap_or("")).collect();
    assert_eq!(
        titles,
        [
            "UN chief presses Moscow on Mariupol evacuation corridor",
            "Gazprom halts gas supplies to Poland & Bulgaria",
            "Scholz defends decision to send heavy weapons",
        ]
    );
    // content:encoded is preferred to the description; HTML becomes paragraphs.
    assert_eq!(
        articles[0].text,
        "United Nations Secretary-General Antonio Guterres met Russian Foreign Minister Sergei Lavrov in Moscow on Tuesday.\n\n\
         He urged Russia to allow civilians to leave Mariupol through a humanitarian corridor."
    );
    assert_eq!(articles[0].byline.as_deref(), Some("Maria Koval"));
    assert_eq!(articles[0].date.map(|d| d.to_string()).as_deref(), Some("2022-04-26T15:30:00Z"));
    assert_eq!(articles[0].source.as_deref(), Some(format!("{}:item=1", path.display()).as_str()));
    // Escaped HTML in a description, with HTML entities.
    assert_eq!(
        articles[1].text,
        "Russia’s Gazprom said it had halted gas supplies to Poland and Bulgaria for failing to pay in roubles.\n\nBoth countries said they had alternative supplies."
    );
    assert_eq!(
        articles[1].date.map(|d| d.to_string()).as_deref(),
        Some("2022-04-27T09:05:00+02:00")
    );
    // A permalink guid stands in for the link; &nbsp; in XML is tolerated.
    assert_eq!(
        articles[2].url.as_deref(),
        Some("https://www.dailyledger.example/world/2022/04/28/scholz-weapons")
    );
    assert!(articles[2].text.contains("Bundestag on Thursday."), "{}", articles[2].text);

    let skipped: Vec<String> = skips.iter().map(ToString::to_string).collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        skipped[0].starts_with(&format!("{}:item=3: malformed XML", path.display())),
        "{skipped:?}"
    );
    assert_eq!(
        skipped[1],
        format!("{}:item=4: no text (no description or content)", path.display())
    );
}

#[test]
fn atom_feed_entries() {
    let (articles, skips) = read(&[data("feed-atom.xml")]);
    assert!(skips.is_empty(), "{skips:?}");
    let [a, b] = articles.as_slice() else { panic!("{articles:?}") };
    assert_eq!(a.title.as_deref(), Some("Inside the Kremlin's talks with the UN"));
    assert_eq!(a.url.as_deref(), Some("https://blog.dailyledger.example/2022/04/kremlin-un-talks"));
    assert_eq!(a.byline.as_deref(), Some("Tom Reed"));
    assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2022-04-27T07:00:00+03:00"));
    assert_eq!(
        a.text,
        "Vladimir Putin received Antonio Guterres at the Kremlin on Tuesday.\n\nThe two sat at opposite ends of a long table."
    );
    // Inline XHTML content; `updated` when there is no `published`; French is identified.
    assert!(b.text.starts_with("Le secrétaire général des Nations unies"), "{}", b.text);
    assert!(b.text.contains("\n\nIl s'est rendu"), "{}", b.text);
    assert_eq!(b.date.map(|d| d.to_string()).as_deref(), Some("2022-04-28T12:00:00Z"));
    assert_eq!(lang(b), Some("fr"));
    assert_eq!(lang(a), Some("en"));
}

#[test]
fn truncated_feed_keeps_the_items_before_the_cut() {
    let dir = tempfile::tempdir().unwrap();
    let full = std::fs::read_to_string(data("feed-rss.xml")).unwrap();
    let cut = full.find("<title>Gazprom").unwrap() + 20;
    let path = dir.path().join("cut.rss");
    std::fs::write(&path, &full[..cut]).unwrap();
    let (articles, skips) = read(std::slice::from_ref(&path));
    assert_eq!(articles.len(), 1);
    let [skip] = skips.as_slice() else { panic!("{skips:?}") };
    assert_eq!(skip.record.as_deref(), Some("item=2"));
    assert!(skip.reason.contains("truncated") || skip.reason.contains("malformed"), "{skip}");
}

#[test]
fn jsonl_keeps_text_verbatim_and_names_bad_lines() {
    let path = data("articles.jsonl");
    let (articles, skips) = read(std::slice::from_ref(&path));
    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["ap-001", "ap-002", "ap-003", "ap-006"]);
    assert_eq!(articles[0].text, "Russia said on Tuesday it would halt gas supplies to Poland.\n\nPoland said it had enough gas in storage.");
    assert_eq!(articles[0].date.map(|d| d.to_string()).as_deref(), Some("2022-04-26"));
    assert_eq!(
        articles[1].date.map(|d| d.to_string()).as_deref(),
        Some("2022-04-26T10:00:00+03:00")
    );
    assert_eq!(articles[0].source.as_deref(), Some(format!("{}:1", path.display()).as_str()));
    assert_eq!(lang(&articles[0]), Some("en"));
    assert_eq!(lang(&articles[2]), Some("fr"));
    assert_eq!(lang(&articles[3]), Some("es"));

    let lines: Vec<Option<&str>> = skips.iter().map(|s| s.record.as_deref()).collect();
    assert_eq!(lines, [Some("5"), Some("6")]);
    assert!(skips[0].reason.starts_with("invalid JSON"), "{}", skips[0]);
    assert_eq!(skips[1].reason, "no \"text\" field");
}

/// One WARC record, gzip-compressed on its own (the usual `.warc.gz` layout).
fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2022-04-27T06:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{:08}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len(),
        block.len()
    )
    .into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(&record).unwrap();
    gz.finish().unwrap()
}

fn http_response(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r =
        format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nServer: test\r\n\r\n")
            .into_bytes();
    r.extend_from_slice(body);
    r
}

fn sample_warc() -> Vec<u8> {
    let page = std::fs::read(data("news-page.html")).unwrap();
    let latin1 = b"<html><head><title>Caf\xe9 talks</title></head><body><article>\
        <p>Le pr\xe9sident a re\xe7u le secr\xe9taire g\xe9n\xe9ral des Nations unies au caf\xe9 du palais, mardi soir, pour un entretien de deux heures.</p>\
        <p>Les deux hommes ont \xe9voqu\xe9 la situation humanitaire et les couloirs d'\xe9vacuation.</p></article></body></html>";
    let http = "application/http; msgtype=response";
    let mut warc = Vec::new();
    warc.extend(warc_record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: herald-test\r\n",
    ));
    warc.extend(warc_record(
        "request",
        "https://www.dailyledger.example/a",
        "application/http; msgtype=request",
        b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n",
    ));
    warc.extend(warc_record(
        "response",
        "https://www.dailyledger.example/a",
        http,
        &http_response("200 OK", "text/html; charset=utf-8", &page),
    ));
    warc.extend(warc_record(
        "response",
        "https://www.dailyledger.example/missing",
        http,
        &http_response("404 Not Found", "text/html", b"<html><body><p>Not found</p></body></html>"),
    ));
    warc.extend(warc_record(
        "response",
        "https://www.dailyledger.example/logo.png",
        http,
        &http_response("200 OK", "image/png", b"\x89PNG\r\n\x1a\n\0\0\0"),
    ));
    warc.extend(warc_record(
        "response",
        "https://www.journal.example/cafe",
        http,
        &http_response("200 OK", "text/html; charset=ISO-8859-1", latin1),
    ));
    warc
}

#[test]
fn warc_gz_per_record_gives_html_responses_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc.gz");
    std::fs::write(&path, sample_warc()).unwrap();
    let (articles, skips) = read(std::slice::from_ref(&path));
    assert!(skips.is_empty(), "{skips:?}");
    let [a, b] = articles.as_slice() else { panic!("{articles:?}") };
    assert_eq!(a.url.as_deref(), Some("https://www.dailyledger.example/a"));
    assert_eq!(a.title.as_deref(), Some("UN chief presses Moscow on Mariupol evacuation corridor"));
    assert!(a.text.starts_with("MOSCOW — United Nations"), "{}", a.text);
    assert_eq!(a.source.as_deref(), Some(format!("{}:record=3", path.display()).as_str()));
    // The HTTP charset is honoured; WARC-Date is the date when the page has none.
    assert!(b.text.starts_with("Le président a reçu le secrétaire général"), "{}", b.text);
    assert_eq!(b.date.map(|d| d.to_string()).as_deref(), Some("2022-04-27T06:00:00Z"));
    assert_eq!(b.url.as_deref(), Some("https://www.journal.example/cafe"));
    assert_eq!(lang(b), Some("fr"));
}

#[test]
fn warc_whole_file_gzip_and_plain() {
    let dir = tempfile::tempdir().unwrap();
    // Decompress the per-record file into plain WARC, then gzip it as one member.
    let mut plain = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::MultiGzDecoder::new(&sample_warc()[..]),
        &mut plain,
    )
    .unwrap();
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(&plain).unwrap();
    std::fs::write(dir.path().join("a.warc"), &plain).unwrap();
    std::fs::write(dir.path().join("b.warc.gz"), gz.finish().unwrap()).unwrap();
    let (articles, skips) = read(&[dir.path().to_path_buf()]);
    assert!(skips.is_empty(), "{skips:?}");
    assert_eq!(articles.len(), 4);
    assert_eq!(articles[0].id, articles[2].id, "same capture, same id");
}

#[test]
fn truncated_warc_keeps_earlier_records_and_skips_once() {
    let dir = tempfile::tempdir().unwrap();
    let warc = sample_warc();
    let path = dir.path().join("cut.warc.gz");
    std::fs::write(&path, &warc[..warc.len() - 200]).unwrap();
    let (articles, skips) = read(std::slice::from_ref(&path));
    assert_eq!(articles.len(), 1, "the first page is kept");
    let [skip] = skips.as_slice() else { panic!("{skips:?}") };
    assert_eq!(skip.record.as_deref(), Some("record=6"), "{skip}");
    assert!(skip.to_string().contains("truncated"), "{skip}");

    // Cut inside plain (uncompressed) WARC too.
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(&warc[..]), &mut plain)
        .unwrap();
    let path = dir.path().join("cut.warc");
    std::fs::write(&path, &plain[..plain.len() - 100]).unwrap();
    let (articles, skips) = read(&[path]);
    assert_eq!(articles.len(), 1);
    assert_eq!(skips.len(), 1, "{skips:?}");
}

#[test]
fn bad_files_each_give_one_skip_and_reading_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("01-empty.txt"), "").unwrap();
    std::fs::write(d.join("02-blank.txt"), " \n\t\n").unwrap();
    std::fs::write(d.join("03-latin1.txt"), b"Le pr\xe9sident a parl\xe9.").unwrap();
    std::fs::write(d.join("04-binary.dat"), b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0")
        .unwrap();
    std::fs::write(d.join("05-image.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10").unwrap();
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all("Some article text that is long enough to compress. ".repeat(200).as_bytes())
        .unwrap();
    let gz = gz.finish().unwrap();
    std::fs::write(d.join("06-cut.txt.gz"), &gz[..gz.len() / 2]).unwrap();
    std::fs::write(d.join("07-not-gzip.txt.gz"), b"\x1f\x8b\x08\0garbage").unwrap();
    std::fs::write(d.join("08-array.json"), "[{\"id\": 1}]").unwrap();
    std::fs::write(d.join("09-broken.html"), "<html><body><div><p>Unclosed paragraph about the summit in Brussels where leaders met on Friday to discuss sanctions<div><b>bold <i>nested</b> text</p></span>").unwrap();
    std::fs::write(d.join("10-empty.html"), "<html><body>   </body></html>").unwrap();
    std::fs::write(d.join("11-not-a-feed.xml"), "<?xml version=\"1.0\"?><config><a>1</a></config>")
        .unwrap();
    std::fs::write(
        d.join("12-garbage.rss"),
        "<?xml version=\"1.0\"?><rss><channel><item><title>x</title><<<>>>&&&",
    )
    .unwrap();
    std::fs::write(d.join("13-not-warc.warc"), "this is not a WARC file at all\n").unwrap();
    std::fs::write(
        d.join("14-good.txt"),
        "The summit ended on Friday.\n\nLeaders agreed on new sanctions.\n",
    )
    .unwrap();

    let (articles, skips) = read(&[d.to_path_buf()]);
    let named: Vec<String> =
        skips.iter().map(|s| s.to_string().replace(&format!("{}/", d.display()), "")).collect();
    for s in &named {
        eprintln!("{s}");
    }
    let sources: Vec<String> = articles
        .iter()
        .map(|a| a.source.clone().unwrap().replace(&format!("{}/", d.display()), ""))
        .collect();
    assert_eq!(sources, ["09-broken.html", "14-good.txt"], "{named:?}");
    assert_eq!(articles[1].text, "The summit ended on Friday.\n\nLeaders agreed on new sanctions.");
    assert!(
        articles[0].text.starts_with("Unclosed paragraph about the summit"),
        "{}",
        articles[0].text
    );

    let expect = [
        ("01-empty.txt", "empty"),
        ("02-blank.txt", "empty"),
        ("03-latin1.txt", "invalid UTF-8 at byte 5"),
        ("04-binary.dat", "binary file"),
        ("05-image.png", "binary file"),
        ("06-cut.txt.gz", "truncated or corrupt gzip"),
        ("07-not-gzip.txt.gz", "gzip"),
        ("08-array.json", "JSON array"),
        ("10-empty.html", "no article text"),
        ("11-not-a-feed.xml", "not an RSS or Atom feed"),
        ("12-garbage.rss", ""),
        ("13-not-warc.warc", "not a WARC file"),
    ];
    for (file, reason) in expect {
        let hits: Vec<&String> = named.iter().filter(|s| s.starts_with(file)).collect();
        assert!(!hits.is_empty(), "no skip for {file}: {named:?}");
        assert!(hits.iter().any(|s| s.contains(reason)), "{file}: want {reason:?} in {hits:?}");
        if file != "12-garbage.rss" {
            assert_eq!(hits.len(), 1, "one skip per bad file: {hits:?}");
        }
    }
}

#[test]
fn oversized_article_is_skipped_without_reading_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.html");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
    f.write_all(b"<html><body><article>").unwrap();
    let para = "<p>The delegation met again on Tuesday to discuss the corridor and the ceasefire terms.</p>\n";
    for _ in 0..(50_000_000 / para.len()) {
        f.write_all(para.as_bytes()).unwrap();
    }
    f.write_all(b"</article></body></html>").unwrap();
    drop(f);
    let small = dir.path().join("small.txt");
    std::fs::write(&small, "A small article.").unwrap();
    // The same page inside gzip, where the size is only known by reading.
    let gz_path = dir.path().join("big.html.gz");
    let mut gz = GzEncoder::new(std::fs::File::create(&gz_path).unwrap(), Compression::fast());
    std::io::copy(&mut std::fs::File::open(&big).unwrap(), &mut gz).unwrap();
    gz.finish().unwrap();

    let (articles, skips) = read(&[big.clone(), gz_path.clone(), small]);
    assert_eq!(articles.len(), 1);
    assert_eq!(skips.len(), 2, "{skips:?}");
    assert_eq!(
        skips[0].to_string(),
        format!("{}: article is 50.0 MB, over the 8.0 MiB limit", big.display())
    );
    assert_eq!(
        skips[1].to_string(),
        format!("{}: article is over the 8.0 MiB limit", gz_path.display())
    );
}

#[test]
fn jsonl_line_over_the_record_limit_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    let text = "word ".repeat(2_000_000);
    std::fs::write(
        &path,
        format!("{{\"id\":\"big\",\"text\":\"{text}\"}}\n{{\"id\":\"ok\",\"text\":\"Fine.\"}}\n"),
    )
    .unwrap();
    let config = ReadConfig { max_record_bytes: 1 << 20, ..ReadConfig::default() };
    let (articles, skips) = read_with(&[path], &config);
    assert_eq!(articles.len(), 1);
    assert_eq!(skips[0].record.as_deref(), Some("1"));
    assert_eq!(skips[0].reason, "line is over the 1.0 MiB record limit");
}

#[test]
fn identity_is_stable_across_url_variants_and_formats() {
    // The same story from the feed and from the page: the same normalised URL.
    let (feed, _) = read(&[data("feed-rss.xml")]);
    let (page, _) = read(&[data("news-page.html")]);
    assert_eq!(feed[0].id, page[0].id);
    // Without a URL, the text decides, up to whitespace.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Leaders met.\nThey agreed.").unwrap();
    std::fs::write(dir.path().join("b.txt"), "Leaders met.\n\nThey agreed.\n").unwrap();
    let (texts, _) = read(&[dir.path().join("a.txt"), dir.path().join("b.txt")]);
    assert_eq!(texts[0].id, texts[1].id);
    assert_eq!(
        texts[0].id,
        format!("c{}", herald_ingest::content_hash("Leaders met. They agreed."))
    );
}

/// A small deterministic generator (xorshift), so the mutation test is reproducible.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn cut_and_corrupted_inputs_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut inputs: Vec<(&str, Vec<u8>)> =
        ["news-page.html", "feed-rss.xml", "feed-atom.xml", "articles.jsonl"]
            .iter()
            .map(|n| (*n, std::fs::read(data(n)).unwrap()))
            .collect();
    inputs.push(("crawl.warc.gz", sample_warc()));
    let mut plain = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::MultiGzDecoder::new(&sample_warc()[..]),
        &mut plain,
    )
    .unwrap();
    inputs.push(("crawl.warc", plain));

    let mut rng = Xorshift(0x9e37_79b9_7f4a_7c15);
    let mut paths = Vec::new();
    for (name, bytes) in &inputs {
        for i in 0..12 {
            let mut b = bytes.clone();
            // Cut at a random point, then flip a few random bytes.
            let cut = 1 + (rng.next() as usize) % b.len();
            b.truncate(cut);
            for _ in 0..(i % 4) * 3 {
                let at = (rng.next() as usize) % b.len();
                b[at] = rng.next() as u8;
            }
            let path = dir.path().join(format!("{i:02}-{name}"));
            std::fs::write(&path, &b).unwrap();
            paths.push(path);
        }
    }
    // Every file gives articles or skips; nothing panics and every record names its file.
    let (articles, skips) = read(&paths);
    assert!(!articles.is_empty());
    for s in &skips {
        assert!(s.file.starts_with(dir.path()), "{s}");
    }
}

#[test]
fn deeply_nested_html_does_not_overflow_the_stack() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested.html");
    let depth = 20_000;
    let mut page = String::from("<html><body>");
    page.push_str(&"<div>".repeat(depth));
    page.push_str(
        "<p>The leaders met in Brussels on Friday and agreed on a new package of sanctions.</p>",
    );
    page.push_str(&"</div>".repeat(depth));
    page.push_str("</body></html>");
    std::fs::write(&path, page).unwrap();
    let (articles, skips) = read(std::slice::from_ref(&path));
    assert!(articles.is_empty());
    assert_eq!(
        skips[0].to_string(),
        format!("{}: HTML nested more than 2000 elements deep", path.display())
    );

    // Deep but under the guard: parsed, and the extraction's own depth limit applies.
    let depth = 1500;
    let mut page = String::from("<html><body>");
    page.push_str(&"<div>".repeat(depth));
    page.push_str(
        "<p>The leaders met in Brussels on Friday and agreed on a new package of sanctions.</p>",
    );
    page.push_str(&"</div>".repeat(depth));
    page.push_str("</body></html>");
    std::fs::write(&path, page).unwrap();
    let (articles, skips) = read(std::slice::from_ref(&path));
    assert!(skips.is_empty(), "{skips:?}");
    assert_eq!(
        articles[0].text,
        "The leaders met in Brussels on Friday and agreed on a new package of sanctions."
    );
}

#[test]
fn feed_with_a_huge_text_node_stops_at_the_record_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.rss");
    let good = "<item><title>Fine</title><link>https://x.example/1</link><description>A normal item about the summit.</description></item>";
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>{good}<item><title>Huge</title><description>{}</description></item>{good}</channel></rss>",
        "word ".repeat(600_000)
    );
    std::fs::write(&path, feed).unwrap();
    let config = ReadConfig { max_record_bytes: 1 << 20, ..ReadConfig::default() };
    let (articles, skips) = read_with(std::slice::from_ref(&path), &config);
    assert_eq!(articles.len(), 1);
    let [skip] = skips.as_slice() else { panic!("{skips:?}") };
    assert_eq!(skip.record.as_deref(), Some("item=2"));
    assert!(skip.reason.contains("over the 1.0 MiB record limit"), "{skip}");
}

#[test]
fn feed_in_a_declared_single_byte_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.xml");
    std::fs::write(
        &path,
        b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><item>\
          <title>Caf\xe9 des ministres</title><link>https://journal.example/cafe</link>\
          <description>Le pr\xe9sident a re\xe7u le secr\xe9taire g\xe9n\xe9ral des Nations unies mardi soir au palais.</description>\
          </item></channel></rss>",
    )
    .unwrap();
    let (articles, skips) = read(&[path]);
    assert!(skips.is_empty(), "{skips:?}");
    assert_eq!(articles[0].title.as_deref(), Some("Café des ministres"));
    assert!(articles[0].text.starts_with("Le président a reçu"), "{}", articles[0].text);
}
