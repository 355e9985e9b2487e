//! RSS 2.0 (and RSS 1.0/RDF) and Atom feeds, read with quick-xml's streaming parser: one
//! article per `<item>` / `<entry>`.
//!
//! The article text is the richest body the item carries — `content:encoded`, else Atom
//! `<content>`, else `<description>` / `<summary>` — with HTML converted to paragraphs. Link,
//! title, author and date come from the usual elements of both formats. The parser keeps
//! going after an error: an item with malformed XML gives one [`Skip`] naming it
//! (`item=N`, counting from 1), a feed cut off inside an item gives one for that item, and
//! every well-formed item before and after is kept.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};
use std::path::PathBuf;

use herald_doc::{Article, PubDate};
use quick_xml::escape::{escape, resolve_html5_entity};
use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::{Decoder, Reader};

use crate::dates::parse_date;
use crate::input::human_limit;
use crate::text::{normalize_paragraph, text_or_html_to_text};
use crate::{article_id, ReadConfig, Record, Skip};

/// How many XML errors in a row the reader tolerates before giving up on the file; past
/// this it is not a feed with a bad item but not a feed at all.
const MAX_ERRORS: usize = 50;

/// The article stream of one feed file.
pub(crate) struct FeedReader {
    path: PathBuf,
    reader: Reader<Bounded>,
    config: ReadConfig,
    buf: Vec<u8>,
    pending: VecDeque<Record>,
    done: bool,
    /// The root is Atom's `<feed>` (affects what `<author>` holds).
    atom: bool,
    /// Items started so far (the current one's number while inside one).
    items: usize,
    item: Option<Item>,
    /// Errors outside any item, and errors in a row without progress.
    errors: usize,
    reported_outer_error: bool,
}

/// What one `<item>`/`<entry>` has given so far.
#[derive(Default)]
struct Item {
    title: Option<String>,
    link: Option<String>,
    /// A permalink `<guid>` or URL-shaped Atom `<id>`: the link when there is no `<link>`.
    guid_link: Option<String>,
    published: Option<PubDate>,
    updated: Option<PubDate>,
    author: Option<String>,
    encoded: Option<String>,
    content: Option<String>,
    description: Option<String>,
    /// The field being read, if any.
    field: Option<Field>,
    /// Inside Atom `<author>`: its `<name>` is the author.
    in_author: bool,
    /// The first XML error inside the item.
    error: Option<String>,
    /// Bytes of text collected, to keep one item bounded.
    bytes: usize,
    too_large: bool,
}

/// A text-bearing element being read.
struct Field {
    kind: FieldKind,
    /// Text collected; nested elements (unescaped HTML, Atom XHTML) are kept as tags so the
    /// HTML converter sees the structure.
    text: String,
    /// Nesting depth of child elements inside the field.
    depth: usize,
    /// Atom `type="xhtml"`: the content is markup, so text is re-escaped.
    xhtml: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FieldKind {
    Title,
    Link,
    Guid,
    AtomId,
    Published,
    Updated,
    Author,
    Encoded,
    Content,
    Description,
}

impl FeedReader {
    pub(crate) fn new(path: PathBuf, reader: Box<dyn BufRead>, config: ReadConfig) -> FeedReader {
        let bounded =
            Bounded { inner: reader, limit: config.max_record_bytes, run: 0, over: false };
        let mut reader = Reader::from_reader(bounded);
        let c = reader.config_mut();
        c.trim_text(false);
        c.check_end_names = true;
        c.expand_empty_elements = false;
        FeedReader {
            path,
            reader,
            config,
            buf: Vec::new(),
            pending: VecDeque::new(),
            done: false,
            atom: false,
            items: 0,
            item: None,
            errors: 0,
            reported_outer_error: false,
        }
    }

    fn skip_item(&mut self, n: usize, reason: impl Into<String>) {
        self.pending.push_back(Record::Skipped(Skip::new(
            &self.path,
            Some(format!("item={n}")),
            reason,
        )));
    }

    fn skip_file(&mut self, reason: impl Into<String>) {
        self.pending.push_back(Record::Skipped(Skip::new(&self.path, None, reason)));
    }

    /// Reads events until at least one record is pending or the input ends.
    fn advance(&mut self) {
        while self.pending.is_empty() && !self.done {
            let before = self.reader.buffer_position();
            self.buf.clear();
            let event = self.reader.read_event_into(&mut self.buf).map(Event::into_owned);
            match event {
                Ok(Event::Eof) => self.finish(),
                Ok(event) => {
                    self.errors = 0;
                    self.handle(event);
                }
                Err(quick_xml::Error::Io(e)) => {
                    let reason = format!(
                        "cannot read: {}; stopped reading this feed",
                        crate::input::io_reason(&e)
                    );
                    match self.item.take() {
                        Some(_) => self.skip_item(self.items, reason),
                        None => self.skip_file(reason),
                    }
                    self.done = true;
                }
                Err(e) => {
                    self.errors += 1;
                    let reason = e.to_string();
                    let stuck = self.reader.buffer_position() == before;
                    match &mut self.item {
                        Some(item) => {
                            item.error.get_or_insert(reason.clone());
                        }
                        None if !self.reported_outer_error => {
                            self.reported_outer_error = true;
                            self.skip_file(format!("malformed XML outside any item: {reason}"));
                        }
                        None => {}
                    }
                    if stuck || self.errors > MAX_ERRORS {
                        if let Some(item) = self.item.take() {
                            let why = item.error.unwrap_or(reason);
                            self.skip_item(self.items, format!("malformed XML: {why}"));
                        }
                        self.skip_file(format!(
                            "too many XML errors, stopped reading after item {}",
                            self.items
                        ));
                        self.done = true;
                    }
                }
            }
        }
    }

    /// The end of the input: a pending item is incomplete.
    fn finish(&mut self) {
        self.done = true;
        if self.item.take().is_some() {
            self.skip_item(self.items, "feed ends inside this item (truncated file?)");
        } else if self.items == 0 && !self.reported_outer_error {
            self.skip_file("no items in the feed");
        }
    }

    fn handle(&mut self, event: Event<'static>) {
        match event {
            Event::Start(e) => self.start(&e, false),
            Event::Empty(e) => self.start(&e, true),
            Event::End(e) => {
                let name = e.name();
                let name = name.as_ref();
                self.end(name);
            }
            Event::Text(t) => {
                let s = unescape_text(&t, self.reader.decoder());
                self.text(&s, false);
            }
            Event::CData(c) => {
                let s = match c.decode() {
                    Ok(s) => s.into_owned(),
                    Err(_) => String::from_utf8_lossy(&c).into_owned(),
                };
                self.text(&s, true);
            }
            _ => {}
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let qname = e.name();
        let name = qname.as_ref();
        if self.items == 0 && self.item.is_none() && name == b"feed" {
            self.atom = true;
        }
        if is_item(name) {
            if empty {
                self.items += 1;
                self.skip_item(self.items, "empty item");
                return;
            }
            if let Some(prev) = self.item.take() {
                // `<item>` inside `<item>`: the previous one was never closed.
                let n = self.items;
                let why =
                    prev.error.unwrap_or_else(|| "item not closed before the next one".to_owned());
                self.skip_item(n, format!("malformed XML: {why}"));
            }
            self.items += 1;
            self.item = Some(Item::default());
            return;
        }
        let atom = self.atom;
        let decoder = self.reader.decoder();
        let Some(item) = &mut self.item else { return };
        if let Some(field) = &mut item.field {
            // Markup inside a field: kept as a tag for the HTML converter.
            let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
            field.text.push('<');
            field.text.push_str(&local);
            field.text.push_str(if empty { "/>" } else { ">" });
            if !empty {
                field.depth += 1;
            }
            return;
        }
        let attr = |key: &[u8]| -> Option<String> {
            e.attributes().flatten().find(|a| a.key.as_ref() == key).and_then(|a| {
                a.decode_and_unescape_value(decoder).ok().map(|v| v.trim().to_owned())
            })
        };
        let kind = match name {
            b"title" => FieldKind::Title,
            b"link" => {
                // Atom: `<link rel="alternate" href="…"/>`; RSS: `<link>…</link>`.
                if let Some(href) = attr(b"href") {
                    let rel = attr(b"rel").unwrap_or_default();
                    if (rel.is_empty() || rel == "alternate")
                        && item.link.is_none()
                        && !href.is_empty()
                    {
                        item.link = Some(href);
                    }
                    return;
                }
                FieldKind::Link
            }
            // A `<guid isPermaLink="false">` is an opaque id, not an address.
            b"guid" if attr(b"isPermaLink").as_deref() == Some("false") => return,
            b"guid" => FieldKind::Guid,
            b"id" if atom => FieldKind::AtomId,
            b"pubDate" | b"published" | b"dc:date" | b"issued" => FieldKind::Published,
            b"updated" | b"modified" | b"dcterms:modified" => FieldKind::Updated,
            b"dc:creator" => FieldKind::Author,
            b"author" if atom => {
                if !empty {
                    item.in_author = true;
                }
                return;
            }
            b"name" if item.in_author => FieldKind::Author,
            b"author" => FieldKind::Author,
            b"content:encoded" => FieldKind::Encoded,
            b"content" => FieldKind::Content,
            b"description" | b"summary" => FieldKind::Description,
            _ => return,
        };
        if empty {
            return;
        }
        let xhtml = attr(b"type").as_deref() == Some("xhtml");
        item.field = Some(Field { kind, text: String::new(), depth: 0, xhtml });
    }

    fn end(&mut self, name: &[u8]) {
        let Some(item) = &mut self.item else { return };
        if let Some(field) = &mut item.field {
            if field.depth > 0 {
                field.depth -= 1;
                let local = name.rsplit(|&c| c == b':').next().unwrap_or(name);
                field.text.push_str("</");
                field.text.push_str(&String::from_utf8_lossy(local));
                field.text.push('>');
                return;
            }
            let field = item.field.take().expect("field is set");
            item.store(field);
            return;
        }
        if name == b"author" {
            item.in_author = false;
            return;
        }
        if is_item(name) {
            let item = self.item.take().expect("item is set");
            let n = self.items;
            self.emit(n, item);
        }
    }

    fn text(&mut self, s: &str, cdata: bool) {
        let limit = self.config.max_record_bytes;
        let Some(item) = &mut self.item else { return };
        let Some(field) = &mut item.field else { return };
        if item.too_large {
            return;
        }
        item.bytes += s.len();
        if item.bytes > limit {
            item.too_large = true;
            field.text.clear();
            return;
        }
        if field.xhtml && !cdata {
            field.text.push_str(&escape(s));
        } else {
            field.text.push_str(s);
        }
    }

    /// Turns a finished item into an article or a skip.
    fn emit(&mut self, n: usize, item: Item) {
        if let Some(error) = item.error {
            return self.skip_item(n, format!("malformed XML: {error}"));
        }
        if item.too_large {
            let limit = human_limit(self.config.max_record_bytes);
            return self.skip_item(n, format!("item is over the {limit} record limit"));
        }
        let text = [&item.encoded, &item.content, &item.description]
            .into_iter()
            .flatten()
            .map(|body| text_or_html_to_text(body))
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        if text.is_empty() {
            return self.skip_item(n, "no text (no description or content)");
        }
        if text.len() > self.config.max_article_bytes {
            let limit = human_limit(self.config.max_article_bytes);
            return self.skip_item(n, format!("article is over the {limit} limit"));
        }
        let url = item.link.or(item.guid_link);
        let article = Article {
            id: article_id(url.as_deref(), &text),
            url,
            title: item.title,
            byline: item.author,
            date: item.published.or(item.updated),
            language: None,
            source: Some(format!("{}:item={n}", self.path.display())),
            text,
        };
        self.pending.push_back(Record::Article(article));
    }
}

impl Item {
    fn store(&mut self, field: Field) {
        let raw = field.text;
        let plain = || {
            let t = text_or_html_to_text(&raw);
            let t = normalize_paragraph(&t);
            (!t.is_empty()).then_some(t)
        };
        match field.kind {
            FieldKind::Title => {
                if self.title.is_none() {
                    self.title = plain();
                }
            }
            FieldKind::Link => {
                let link = raw.trim();
                if self.link.is_none() && !link.is_empty() {
                    self.link = Some(link.to_owned());
                }
            }
            FieldKind::Guid | FieldKind::AtomId => {
                let id = raw.trim();
                if self.guid_link.is_none()
                    && (id.starts_with("http://") || id.starts_with("https://"))
                {
                    self.guid_link = Some(id.to_owned());
                }
            }
            FieldKind::Published => {
                if self.published.is_none() {
                    self.published = parse_date(&raw);
                }
            }
            FieldKind::Updated => {
                if self.updated.is_none() {
                    self.updated = parse_date(&raw);
                }
            }
            FieldKind::Author => {
                if self.author.is_none() {
                    self.author = plain();
                }
            }
            FieldKind::Encoded => set_body(&mut self.encoded, raw),
            FieldKind::Content => set_body(&mut self.content, raw),
            FieldKind::Description => set_body(&mut self.description, raw),
        }
    }
}

fn set_body(slot: &mut Option<String>, raw: String) {
    if slot.is_none() && !raw.trim().is_empty() {
        *slot = Some(raw);
    }
}

fn is_item(name: &[u8]) -> bool {
    matches!(name, b"item" | b"entry" | b"rss:item" | b"atom:entry")
}

/// Text with XML and HTML entities resolved (feeds often use `&nbsp;`, `&mdash;`, which XML
/// does not define); a stray `&` keeps the text as written rather than losing it.
fn unescape_text(t: &BytesText<'_>, decoder: Decoder) -> String {
    match t.unescape_with(resolve_html5_entity) {
        Ok(s) => s.into_owned(),
        Err(_) => match decoder.decode(t) {
            Ok(s) => s.into_owned(),
            Err(_) => String::from_utf8_lossy(t).into_owned(),
        },
    }
}

/// The feed's bytes, failing once more than `limit` bytes pass without a `<` or `>`: the
/// parser buffers a whole text node or tag, so this bounds its memory whatever the input.
struct Bounded {
    inner: Box<dyn BufRead>,
    limit: usize,
    /// Bytes consumed since the last `<` or `>`.
    run: usize,
    over: bool,
}

impl Bounded {
    fn over_limit(&self) -> io::Error {
        io::Error::other(format!(
            "an XML text or tag over the {} record limit",
            human_limit(self.limit)
        ))
    }
}

impl Read for Bounded {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let buf = self.fill_buf()?;
            let n = buf.len().min(out.len());
            out[..n].copy_from_slice(&buf[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Bounded {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.over {
            return Err(self.over_limit());
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        // The bytes being consumed are still in the inner buffer: look at them first.
        if let Ok(buf) = self.inner.fill_buf() {
            let seen = &buf[..amt.min(buf.len())];
            match seen.iter().rposition(|&c| c == b'<' || c == b'>') {
                Some(i) => self.run = seen.len() - i - 1,
                None => self.run += seen.len(),
            }
            self.over = self.run > self.limit;
        }
        self.inner.consume(amt);
    }
}

impl Iterator for FeedReader {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        self.advance();
        self.pending.pop_front()
    }
}
