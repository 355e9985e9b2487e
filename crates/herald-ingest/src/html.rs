//! HTML main-text extraction: rs-trafilatura picks the article body; around it this module
//! decodes bytes to text (BOM, HTTP charset, `<meta charset>`, UTF-8 validity), reads
//! metadata (JSON-LD, Open Graph, `<meta>`, `<time>`, canonical link) keeping time zones,
//! and formats the body into paragraphs.

use std::collections::HashSet;
use std::hash::Hasher;
use std::panic::{catch_unwind, AssertUnwindSafe};

use dom_query::{Document, NodeRef};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use herald_doc::PubDate;
use serde_json::Value;

use crate::dates::parse_date;
use crate::text::{join_paragraphs, normalize_paragraph};

/// What [`extract_html`] finds in a page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extracted {
    /// Headline (JSON-LD `headline`, `og:title`, else the page title).
    pub title: Option<String>,
    /// Author(s) as printed (JSON-LD `author`, `<meta name="author">`, …).
    pub byline: Option<String>,
    /// Publication date, with time and offset when the page gives them.
    pub date: Option<PubDate>,
    /// Canonical URL (`<link rel="canonical">`, `og:url`), else the URL given.
    pub url: Option<String>,
    /// Main text: paragraphs separated by one blank line.
    pub text: String,
}

/// Why [`extract_html`] found no article.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    /// The input is empty or whitespace.
    #[error("empty")]
    Empty,
    /// The page parsed, but no main text was found in it.
    #[error("no article text found in the HTML")]
    NoText,
    /// Elements are nested thousands deep (broken or hostile markup), which HTML parsing
    /// handles in quadratic time.
    #[error("HTML nested more than {0} elements deep")]
    TooDeep(usize),
}

/// Extracts the article from an HTML page given as bytes in any encoding.
///
/// The encoding comes from a byte-order mark, else UTF-8 when the bytes are valid UTF-8,
/// else `<meta charset>` / `http-equiv`, else Windows-1252. `url` is the address the page was
/// fetched from; it resolves a relative canonical link and is the fallback `url`.
///
/// Never panics on malformed HTML: whatever text can be recovered is returned.
///
/// ```
/// let page = br#"<html><head><title>Talks in Moscow | Example News</title>
/// <meta property="og:title" content="Talks in Moscow">
/// <meta property="article:published_time" content="2022-04-26T10:00:00+03:00"></head>
/// <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
/// <article><p>The UN chief met the Russian foreign minister on Tuesday, calling for a ceasefire.</p>
/// <p>He said conditions for dialogue should be created &ldquo;as soon as possible&rdquo;.</p></article>
/// <footer>&copy; Example News</footer></body></html>"#;
/// let x = herald_ingest::extract_html(page, Some("https://example.com/talks")).unwrap();
/// assert_eq!(x.title.as_deref(), Some("Talks in Moscow"));
/// assert_eq!(x.date.unwrap().to_string(), "2022-04-26T10:00:00+03:00");
/// assert!(x.text.starts_with("The UN chief met"));
/// assert!(x.text.contains("\n\nHe said"));
/// assert!(!x.text.contains("Home"));
/// ```
pub fn extract_html(html: &[u8], url: Option<&str>) -> Result<Extracted, ExtractError> {
    extract_html_with_charset(html, url, None)
}

/// [`extract_html`] with a charset known from outside the page (an HTTP header).
pub(crate) fn extract_html_with_charset(
    html: &[u8],
    url: Option<&str>,
    charset: Option<&str>,
) -> Result<Extracted, ExtractError> {
    if html.iter().all(u8::is_ascii_whitespace) {
        return Err(ExtractError::Empty);
    }
    if raw_nesting_exceeds(html, MAX_RAW_DEPTH) {
        return Err(ExtractError::TooDeep(MAX_RAW_DEPTH));
    }
    let html = decode_html(html, charset);
    extract_html_str(&html, url)
}

fn extract_html_str(html: &str, url: Option<&str>) -> Result<Extracted, ExtractError> {
    let doc = Document::from(html);
    let meta = page_metadata(&doc, url);

    let options = rs_trafilatura::Options {
        url: url.map(str::to_owned),
        include_tables: true,
        ..rs_trafilatura::Options::default()
    };
    // rs-trafilatura is a large heuristic library; a panic inside it must cost one page, not
    // the whole stream.
    // Pathologically deep markup (thousands of unclosed elements) makes rs-trafilatura's
    // ancestor walks quadratic and its recursion overflow the stack, which no
    // `catch_unwind` can stop; such pages get herald's own iterative fallback.
    let too_deep = exceeds_depth(&doc, MAX_DEPTH);
    let result = if too_deep {
        None
    } else {
        catch_unwind(AssertUnwindSafe(|| rs_trafilatura::extract_with_options(html, &options))).ok()
    };
    let mut text = String::new();
    let mut t_meta = None;
    if let Some(Ok(result)) = result {
        let plain = join_paragraphs(result.content_text.lines());
        text = match result.content_html.as_deref() {
            Some(body) if !body.trim().is_empty() => {
                select_paragraphs(&html_fragment_to_text(body), &plain)
            }
            _ => plain,
        };
        text = tidy(&text, meta.title.as_deref());
        t_meta = Some(result.metadata);
    }
    if text.is_empty() {
        text = if too_deep { deep_fallback_text(&doc) } else { fallback_text(&doc) };
    }
    if text.is_empty() {
        return Err(ExtractError::NoText);
    }

    let t_meta = t_meta.unwrap_or_default();
    let title = meta
        .title
        .or_else(|| t_meta.title.as_deref().map(normalize_paragraph).filter(|t| !t.is_empty()));
    let byline = meta
        .byline
        .or_else(|| t_meta.author.as_deref().map(normalize_paragraph).filter(|t| !t.is_empty()));
    let date = meta.date.or_else(|| t_meta.date.and_then(|d| parse_date(&d.to_rfc3339())));
    Ok(Extracted { title, byline, date, url: meta.url, text })
}

/// The paragraphs of `formatted` (rs-trafilatura's HTML output, formatted by herald) that
/// rs-trafilatura's own plain text keeps.
///
/// rs-trafilatura builds its HTML and its plain text from the same content node but filters
/// the text harder (the title heading, link-dense blocks, boilerplate-named elements), and
/// that filtering scores better; its plain text, though, loses the paragraph structure and
/// spaces inline elements apart (`“ word ”`). So the paragraphs come from the HTML and the
/// choice of paragraphs from the text: a paragraph is kept when its words occur, in order,
/// in the plain text. When the two disagree too much to be matched (the library's own
/// fallbacks produce text without HTML, or one `<p>` for the whole body), the plain text is
/// used as it is.
fn select_paragraphs(formatted: &str, plain: &str) -> String {
    let plain_key = word_key(plain);
    let plain_words: Vec<&str> = plain_key.split(' ').filter(|w| !w.is_empty()).collect();
    let index = NGrams::new(&plain_words);
    let mut kept = Vec::new();
    let mut kept_words = 0;
    for p in formatted.split("\n\n") {
        let key = word_key(p);
        let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        if index.covers(&words) {
            kept_words += words.len();
            kept.push(p);
        }
    }
    // On short pages the library's fallback puts the whole body in one `<p>` and only its
    // plain text keeps the line breaks.
    let flattened = kept.len() == 1 && plain.contains("\n\n");
    if flattened || kept_words * 10 < plain_words.len() * 8 {
        return plain.to_owned();
    }
    kept.join("\n\n")
}

/// The word n-grams (n = 1, 2, 3) of a text, hashed, to test in linear time whether a
/// paragraph's words occur in it.
struct NGrams(HashSet<u64>);

impl NGrams {
    fn new(words: &[&str]) -> NGrams {
        let mut set = HashSet::with_capacity(words.len() * 3);
        for n in 1..=3 {
            for w in words.windows(n) {
                set.insert(ngram_hash(w));
            }
        }
        NGrams(set)
    }

    /// True when the paragraph's words occur in the text: every n-gram of a paragraph under
    /// six words, at least half the three-word windows of a longer one (a paragraph the
    /// text keeps but words differently, such as one whose inline link it left out).
    fn covers(&self, words: &[&str]) -> bool {
        match words.len() {
            0 => false,
            n @ (1 | 2) => self.0.contains(&ngram_hash(&words[..n])),
            n => {
                let found = words.windows(3).filter(|w| self.0.contains(&ngram_hash(w))).count();
                let total = n - 2;
                if n < 6 {
                    found == total
                } else {
                    found * 2 >= total
                }
            }
        }
    }
}

/// A hash of a word sequence (std's SipHash with its fixed default keys: deterministic).
fn ngram_hash(words: &[&str]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for w in words {
        h.write(w.as_bytes());
        h.write_u8(0xff);
    }
    h.finish()
}

/// Drops the page furniture rs-trafilatura leaves around the body: short lines before the
/// first sentence (headline, byline, date, "Video"), a trailing run of short lines after the
/// last sentence ("You may also like…" and the related headlines under it, copyright lines),
/// and, anywhere, lines that are only an advertising or sharing label or a photo credit.
///
/// "Short line" means under [`SHORT_WORDS`] words and not ending like a sentence; a body
/// paragraph almost always ends with `.`, `!`, `?` or a closing quote, and headlines and
/// labels almost never do.
fn tidy(text: &str, title: Option<&str>) -> String {
    let title_key = title.map(word_key).filter(|k| k.len() > 2);
    let mut paragraphs: Vec<&str> = Vec::new();
    // After a label such as "Related" or "More:", the short lines that follow are links.
    let mut in_link_list = false;
    for (i, p) in text.split("\n\n").enumerate() {
        if in_link_list && is_short_line(p) {
            continue;
        }
        in_link_list = false;
        if is_furniture(p) {
            in_link_list = is_list_label(p);
            continue;
        }
        // The headline repeated at the top of the body.
        if i < 3 && title_key.as_deref() == Some(word_key(p).as_str()) {
            continue;
        }
        paragraphs.push(p);
    }
    let first = paragraphs.iter().position(|p| !is_short_line(p)).unwrap_or(0);
    let last = paragraphs
        .iter()
        .rposition(|p| !is_short_line(p))
        .unwrap_or(paragraphs.len().saturating_sub(1));
    if paragraphs.is_empty() || first > last {
        return paragraphs.join("\n\n");
    }
    paragraphs[first..=last].join("\n\n")
}

/// Labels that introduce a list of links to other pages.
const LIST_LABELS: &[&str] = &[
    "more",
    "related",
    "related articles",
    "related stories",
    "read more",
    "you may also like",
    "you might also like",
    "more stories",
    "most read",
    "most popular",
    "recommended",
    "see also",
    "top stories",
    "latest news",
    "trending",
];

fn is_list_label(p: &str) -> bool {
    let lower = p.trim().trim_end_matches([':', '.', '…']).to_lowercase();
    LIST_LABELS.contains(&lower.as_str())
}

/// Lines shorter than this many words that do not end like a sentence are headlines,
/// labels or links rather than body text.
const SHORT_WORDS: usize = 20;

fn is_short_line(p: &str) -> bool {
    if word_count(p) >= SHORT_WORDS {
        return false;
    }
    let end = p.trim_end();
    let sentence_end = end.ends_with(['.', '!', '?', '"', '”', '’', '»', ')'])
        && !end.ends_with("...")
        && !end.ends_with('…');
    !sentence_end
}

/// Words with at least one letter or digit (a `|` or `–` between words is not one).
fn word_count(p: &str) -> usize {
    p.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// Labels that are never article text when they stand alone as a paragraph.
const FURNITURE: &[&str] = &[
    "advertisement",
    "advertisements",
    "ad",
    "ads",
    "sponsored",
    "sponsored content",
    "sponsored links",
    "story continues below advertisement",
    "continue reading below",
    "article continues below",
    "video",
    "watch",
    "photo",
    "photos",
    "related",
    "related articles",
    "related stories",
    "read more",
    "more",
    "share",
    "share this",
    "share this article",
    "share this story",
    "tweet",
    "email",
    "print",
    "comments",
    "get short url",
];

/// How the credit lines under wire stories begin.
const CREDIT_PREFIXES: &[&str] = &[
    "reporting by",
    "additional reporting by",
    "editing by",
    "writing by",
    "compiled by",
    "(reporting by",
    "(additional reporting by",
    "(editing by",
    "(writing by",
];

/// How links to other stories and calls to action begin.
const PROMO_PREFIXES: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "also on ",
    "see also",
    "related:",
    "more:",
    "watch:",
    "click here",
    "subscribe to",
    "follow us on",
];

fn is_furniture(p: &str) -> bool {
    let words = word_count(p);
    let lower = p.trim().trim_end_matches([':', '.', '…']).to_lowercase();
    if FURNITURE.contains(&lower.as_str()) || LIST_LABELS.contains(&lower.as_str()) {
        return true;
    }
    // Wire-service credit lines and site legal lines.
    if words < 40 && CREDIT_PREFIXES.iter().any(|x| lower.starts_with(x)) {
        return true;
    }
    if words < 25
        && (lower.contains("privacy policy")
            || lower.contains("terms of service")
            || lower.contains("terms of use"))
    {
        return true;
    }
    // A lone number or code (a video id, a page counter).
    if words <= 1 && !p.chars().any(char::is_alphabetic) {
        return true;
    }
    // A line in capitals is a cross-promotion ("CLICK HERE TO GET THE APP", other stories'
    // headlines); body text is not set in capitals.
    let letters = p.chars().filter(|c| c.is_alphabetic());
    let (mut upper, mut lower_case) = (0, 0);
    for c in letters {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower_case += 1;
        }
    }
    if (3..30).contains(&words) && upper >= 10 && lower_case * 20 < upper {
        return true;
    }
    // Links to other stories and calls to action.
    if words < 30 && PROMO_PREFIXES.iter().any(|x| lower.starts_with(x)) {
        return true;
    }
    // Photo credits and copyright lines.
    words < 40 && (p.contains('©') || lower.starts_with("copyright") || lower.starts_with("(c) "))
}

/// The words of `s` (Unicode alphanumeric runs), lowercased, each followed and the first
/// preceded by a space: `" the un chief "`, so that substring tests match whole words.
fn word_key(s: &str) -> String {
    let mut key = String::with_capacity(s.len() + 2);
    key.push(' ');
    for word in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        for c in word.chars() {
            key.extend(c.to_lowercase());
        }
        key.push(' ');
    }
    key
}

/// Decodes HTML bytes: BOM, then valid UTF-8, then the declared charset (`charset` from
/// HTTP, else `<meta>` in the first 4 KiB), else Windows-1252 (the web's default).
///
/// Valid UTF-8 wins over a declared single-byte charset because pages are very often saved
/// as UTF-8 while still declaring ISO-8859-1, and non-ASCII Windows-1252 text is almost never
/// valid UTF-8 by accident.
pub(crate) fn decode_html(bytes: &[u8], charset: Option<&str>) -> String {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom_len..]).0.into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_owned();
    }
    let declared = charset
        .and_then(|c| Encoding::for_label(c.trim().trim_matches('"').as_bytes()))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(4096)]));
    let enc = match declared {
        // A page that declares UTF-8 but is not valid UTF-8 is usually Windows-1252 in part;
        // lossy UTF-8 keeps the rest intact.
        Some(enc) if enc == UTF_8 => return String::from_utf8_lossy(bytes).into_owned(),
        Some(enc) => enc,
        None => WINDOWS_1252,
    };
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// The charset a `<meta charset=…>` or `<meta http-equiv=Content-Type content="…; charset=…">`
/// declares.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"charset") {
        let mut j = from + i + b"charset".len();
        from = j;
        while j < lower.len() && matches!(lower[j], b' ' | b'\t' | b'\n' | b'\r') {
            j += 1;
        }
        if lower.get(j) != Some(&b'=') {
            continue;
        }
        j += 1;
        while j < lower.len() && matches!(lower[j], b' ' | b'"' | b'\'') {
            j += 1;
        }
        let end = lower[j..]
            .iter()
            .position(|&c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.')))
            .map_or(lower.len(), |k| j + k);
        if let Some(enc) = Encoding::for_label(&lower[j..end]) {
            return Some(enc);
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Metadata read from the page itself.
#[derive(Default)]
struct PageMeta {
    title: Option<String>,
    byline: Option<String>,
    date: Option<PubDate>,
    url: Option<String>,
}

/// Schema.org types whose JSON-LD describes the article itself.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "LiveBlogPosting",
    "ScholarlyArticle",
    "TechArticle",
    "Report",
    "SocialMediaPosting",
    "WebPage",
];

fn page_metadata(doc: &Document, url: Option<&str>) -> PageMeta {
    let ld = json_ld_article(doc);
    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            let sel =
                format!("meta[property=\"{k}\" i], meta[name=\"{k}\" i], meta[itemprop=\"{k}\" i]");
            doc.select(&sel).nodes().iter().find_map(|n| {
                n.attr("content").map(|c| normalize_paragraph(&c)).filter(|c| !c.is_empty())
            })
        })
    };

    let title = ld
        .as_ref()
        .and_then(|o| o.get("headline").and_then(Value::as_str))
        .map(normalize_paragraph)
        .filter(|t| !t.is_empty())
        .or_else(|| meta(&["og:title", "twitter:title", "dc.title", "headline"]));

    let byline = ld
        .as_ref()
        .and_then(|o| o.get("author").or_else(|| o.get("creator")))
        .and_then(author_names)
        .or_else(|| {
            meta(&[
                "author",
                "article:author",
                "dc.creator",
                "byl",
                "sailthru.author",
                "parsely-author",
            ])
            .filter(|a| !looks_like_url(a))
            .map(|a| a.trim_start_matches("By ").trim_start_matches("by ").to_owned())
        });

    let date = ld
        .as_ref()
        .and_then(|o| {
            ["datePublished", "dateCreated", "dateModified"].iter().find_map(|k| o.get(*k))
        })
        .and_then(Value::as_str)
        .and_then(parse_date)
        .or_else(|| {
            meta(&[
                "article:published_time",
                "og:published_time",
                "datePublished",
                "pubdate",
                "publishdate",
                "publish-date",
                "publish_date",
                "publication_date",
                "date",
                "dc.date",
                "dc.date.issued",
                "dcterms.created",
                "dcterms.date",
                "sailthru.date",
                "parsely-pub-date",
                "article.published",
                "og:article:published_time",
                "article:modified_time",
                "og:updated_time",
            ])
            .and_then(|d| parse_date(&d))
        })
        .or_else(|| time_element_date(doc));

    // A relative canonical link resolves against the fetch URL, else against og:url.
    let og_url = meta(&["og:url"]).and_then(|h| resolve_url(&h, url));
    let base = url.or(og_url.as_deref());
    let canonical = doc
        .select("link[rel=\"canonical\" i]")
        .nodes()
        .iter()
        .find_map(|n| n.attr("href"))
        .and_then(|h| resolve_url(&h, base))
        .or_else(|| og_url.clone());
    let url = canonical.or_else(|| url.map(str::to_owned));

    PageMeta { title, byline, date, url }
}

/// The first `<time>` that marks publication (`pubdate`, `itemprop=datePublished`, or any
/// `<time datetime>` inside the article), as a date.
fn time_element_date(doc: &Document) -> Option<PubDate> {
    for sel in [
        "time[pubdate]",
        "time[itemprop=\"datePublished\"]",
        "[itemprop=\"datePublished\"]",
        "article time[datetime]",
        "time[datetime]",
    ] {
        for n in doc.select(sel).nodes() {
            let value = n
                .attr("datetime")
                .or_else(|| n.attr("content"))
                .map(|v| v.to_string())
                .unwrap_or_else(|| n.text().to_string());
            if let Some(d) = parse_date(&value) {
                return Some(d);
            }
        }
    }
    None
}

/// The JSON-LD object describing the article: the first object (searching `@graph` and
/// arrays) with an article type, preferring news types over a bare `WebPage`.
fn json_ld_article(doc: &Document) -> Option<serde_json::Map<String, Value>> {
    let mut objects = Vec::new();
    for n in doc.select("script[type=\"application/ld+json\" i]").nodes() {
        let raw = n.text();
        let Ok(value) = serde_json::from_str::<Value>(raw.trim()) else { continue };
        flatten_ld(value, &mut objects, 0);
    }
    let rank = |o: &serde_json::Map<String, Value>| -> Option<usize> {
        let types: Vec<&str> = match o.get("@type") {
            Some(Value::String(s)) => vec![s.as_str()],
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        types.iter().filter_map(|t| ARTICLE_TYPES.iter().position(|a| a == t)).min()
    };
    objects
        .into_iter()
        .filter_map(|o| rank(&o).map(|r| (r == ARTICLE_TYPES.len() - 1, o)))
        .min_by_key(|(is_webpage, _)| *is_webpage)
        .map(|(_, o)| o)
}

fn flatten_ld(value: Value, out: &mut Vec<serde_json::Map<String, Value>>, depth: usize) {
    if depth > 4 {
        return;
    }
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| flatten_ld(v, out, depth + 1)),
        Value::Object(mut o) => {
            if let Some(graph) = o.remove("@graph") {
                flatten_ld(graph, out, depth + 1);
            }
            out.push(o);
        }
        _ => {}
    }
}

/// Author names from a JSON-LD `author`: a string, a Person/Organization, or a list.
fn author_names(v: &Value) -> Option<String> {
    let mut names = Vec::new();
    let mut push = |s: &str| {
        let s = normalize_paragraph(s);
        if !s.is_empty() && !looks_like_url(&s) && !names.contains(&s) {
            names.push(s);
        }
    };
    match v {
        Value::String(s) => push(s),
        Value::Object(o) => {
            if let Some(s) = o.get("name").and_then(Value::as_str) {
                push(s)
            }
        }
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::String(s) => push(s),
                    Value::Object(o) => {
                        if let Some(s) = o.get("name").and_then(Value::as_str) {
                            push(s)
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
    (!names.is_empty()).then(|| names.join(", "))
}

fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://")
        || s.starts_with("https://")
        || s.starts_with("www.")
        || s.starts_with('/')
}

/// Resolves `href` against `base` for the forms canonical links take (absolute,
/// protocol-relative, root-relative); anything else is kept only if absolute.
fn resolve_url(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    if href.starts_with("http://") || href.starts_with("https://") {
        return Some(href.to_owned());
    }
    let base = base?;
    let (scheme, rest) = base.split_once("://")?;
    if let Some(h) = href.strip_prefix("//") {
        return Some(format!("{scheme}://{h}"));
    }
    let host = rest.split(['/', '?', '#']).next()?;
    if href.starts_with('/') {
        return Some(format!("{scheme}://{host}{href}"));
    }
    None
}

/// Nesting of container elements in the raw markup beyond which a page is not parsed.
const MAX_RAW_DEPTH: usize = 2000;

/// Container elements that the HTML parser never closes implicitly, so that their opening
/// tags minus their closing tags bound the depth of the parsed tree from below.
const CONTAINERS: &[&[u8]] =
    &[b"div", b"span", b"section", b"article", b"blockquote", b"ul", b"ol", b"table"];

/// True when, reading the raw bytes, more than `limit` container elements are open at
/// once: a cheap guard run before parsing, since html5ever's time grows with the square of
/// the nesting depth.
fn raw_nesting_exceeds(html: &[u8], limit: usize) -> bool {
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(k) = html[i..].iter().position(|&c| c == b'<') {
        i += k + 1;
        let closing = html.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let name_end = html[start..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .map_or(html.len(), |n| start + n);
        let name = &html[start..name_end];
        if CONTAINERS.iter().any(|c| c.eq_ignore_ascii_case(name)) {
            if closing {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
        }
    }
    false
}

/// Element nesting beyond which a page is not given to rs-trafilatura. Real pages stay
/// under a hundred or two; deeper trees come from broken markup.
const MAX_DEPTH: usize = 400;

/// True when some element of `doc` is nested more than `limit` elements deep (an iterative
/// walk that stops as soon as it knows).
fn exceeds_depth(doc: &Document, limit: usize) -> bool {
    let mut stack: Vec<(NodeRef, usize)> = vec![(doc.root(), 0)];
    while let Some((node, depth)) = stack.pop() {
        if depth > limit {
            return true;
        }
        for child in node.children() {
            if child.is_element() {
                stack.push((child, depth + 1));
            }
        }
    }
    false
}

/// Text of a page too deeply nested for the usual extraction: its `<body>` as paragraphs,
/// walked iteratively (no serialisation or selector matching over the deep tree).
fn deep_fallback_text(doc: &Document) -> String {
    let body = doc.select("body");
    body.nodes().first().map(node_to_text).unwrap_or_default()
}

/// When rs-trafilatura finds nothing: the text of the body's paragraphs outside navigation,
/// headers, footers, sidebars and forms, else the whole body's text.
fn fallback_text(doc: &Document) -> String {
    let body = doc.select("body");
    let body = if body.exists() { body } else { doc.select("html") };
    let html = body.html();
    let frag = Document::from(html.to_string());
    frag.select("nav, header, footer, aside, form, script, style, noscript, [role=\"navigation\"], [aria-hidden=\"true\"]").remove();
    let paragraphs: Vec<String> =
        frag.select("p").nodes().iter().map(|n| n.text().to_string()).collect();
    let text = join_paragraphs(paragraphs.iter().map(String::as_str));
    if !text.is_empty() {
        return text;
    }
    frag.select("body").nodes().first().map(|b| node_to_text(b)).unwrap_or_default()
}

/// Text of an HTML fragment (feed item content, extracted body) with block elements as
/// paragraphs: `<p>`, headings, list items, table rows, `<br><br>`; scripts and styles
/// dropped; entities decoded.
pub(crate) fn html_fragment_to_text(html: &str) -> String {
    let doc = Document::fragment(html);
    node_to_text(&doc.root())
}

/// Elements whose content is never text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "head", "object", "embed",
    "canvas", "select", "option", "button", "input", "textarea", "video", "audio",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "main",
    "figure",
    "figcaption",
    "hr",
    "address",
    "details",
    "summary",
    "fieldset",
    "form",
    "center",
    "body",
    "html",
    "hgroup",
    // trafilatura's own output tags.
    "head",
    "list",
    "item",
    "quote",
    "graphic",
];

fn node_to_text(root: &NodeRef) -> String {
    enum Step<'a> {
        Enter(NodeRef<'a>),
        Leave(bool),
    }
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut brs = 0usize;
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let p = normalize_paragraph(current);
        if !p.is_empty() {
            paragraphs.push(p);
        }
        current.clear();
    };
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave(block) => {
                if block {
                    flush(&mut current, &mut paragraphs);
                    brs = 0;
                } else {
                    current.push(' ');
                }
            }
            Step::Enter(node) => {
                if node.is_text() {
                    let t = node.text();
                    if !t.trim().is_empty() {
                        brs = 0;
                    }
                    current.push_str(&t);
                    continue;
                }
                if !(node.is_element() || node.is_document() || node.is_fragment()) {
                    continue;
                }
                let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
                if node.is_element() {
                    if SKIPPED.contains(&name.as_str()) && name != "head" {
                        continue;
                    }
                    if name == "br" || name == "lb" {
                        brs += 1;
                        if brs >= 2 {
                            flush(&mut current, &mut paragraphs);
                        } else {
                            current.push('\n');
                        }
                        continue;
                    }
                }
                let block = BLOCKS.contains(&name.as_str());
                let cell = matches!(name.as_str(), "td" | "th");
                if block {
                    flush(&mut current, &mut paragraphs);
                    brs = 0;
                } else if cell {
                    current.push(' ');
                }
                if block || cell {
                    stack.push(Step::Leave(block));
                }
                let children = node.children();
                for child in children.into_iter().rev() {
                    stack.push(Step::Enter(child));
                }
            }
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_paragraphs() {
        let t = html_fragment_to_text("<p>One &amp; two</p><p>Three<br>four<br><br>five</p><ul><li>a</li><li>b</li></ul><script>x()</script>");
        assert_eq!(t, "One & two\n\nThree four\n\nfive\n\na\n\nb");
        assert_eq!(html_fragment_to_text("plain &lt;text&gt;"), "plain <text>");
        assert_eq!(html_fragment_to_text("<table><tr><td>a</td><td>b</td></tr></table>"), "a b");
    }

    #[test]
    fn tidy_drops_page_furniture() {
        let check = |input: &[&str], want: &[&str]| {
            assert_eq!(
                tidy(&input.join("\n\n"), Some("Talks to resume in Geneva")),
                want.join("\n\n")
            )
        };
        let body = "The minister said on Tuesday that talks would resume next week in Geneva.";
        let body2 = "Both delegations confirmed the date.";
        // Headline, byline and date before the first sentence; related headlines after the last.
        check(
            &[
                "Talks to resume in Geneva",
                "By Jane Doe | 26 Apr 2022",
                body,
                "ADVERTISEMENT",
                body2,
                "You may also like...",
                "Ceasefire holds in the north",
                "Markets rally on hopes of peace deal",
            ],
            &[body, body2],
        );
        // Capitals, a lone id, promotions and credits anywhere.
        check(
            &[
                body,
                "CLICK HERE TO GET THE NEWS APP",
                "191119052250266",
                "Read more: Earlier talks collapsed",
                "Photo © Reuters",
                body2,
            ],
            &[body, body2],
        );
        // The headline repeated in the body; a "More:" label and the links under it; credits.
        check(
            &[
                "Talks to Resume in Geneva",
                body,
                "More:",
                "Ceasefire holds in the north",
                "Markets rally",
                body2,
                "Reporting by Jane Doe; Editing by John Roe",
            ],
            &[body, body2],
        );
        // A subheading between sentences stays; an all-short text is left alone.
        check(&[body, "What comes next", body2], &[body, "What comes next", body2]);
        check(&["Breaking", "Talks resume"], &["Breaking", "Talks resume"]);
    }

    #[test]
    fn paragraphs_follow_the_plain_text_choice() {
        let formatted = "Title of page\n\nFirst paragraph with an inline link inside it here.\n\nRelated: other story";
        let plain = "First paragraph with an inline link inside it here.";
        assert_eq!(
            select_paragraphs(formatted, plain),
            "First paragraph with an inline link inside it here."
        );
    }

    #[test]
    fn decoding() {
        assert_eq!(
            decode_html(b"<meta charset=\"iso-8859-1\">caf\xe9", None),
            "<meta charset=\"iso-8859-1\">café"
        );
        assert_eq!(
            decode_html("<meta charset=iso-8859-1>café".as_bytes(), None),
            "<meta charset=iso-8859-1>café"
        );
        assert_eq!(decode_html(b"caf\xe9", Some("windows-1252")), "café");
        assert_eq!(decode_html(b"\xef\xbb\xbfhi", None), "hi");
    }

    #[test]
    fn resolves_canonical() {
        assert_eq!(
            resolve_url("/a/b", Some("https://x.com/c?d")).as_deref(),
            Some("https://x.com/a/b")
        );
        assert_eq!(
            resolve_url("//y.com/a", Some("http://x.com/")).as_deref(),
            Some("http://y.com/a")
        );
        assert_eq!(resolve_url("a", None), None);
    }
}
