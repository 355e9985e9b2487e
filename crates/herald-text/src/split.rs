//! The sentence splitter: token spans and kinds → sentences.
//!
//! A boundary falls after a token when one of these holds:
//!
//! 1. a paragraph break (a line with nothing but white space, or U+2029) follows: always;
//! 2. the token ends a sentence-final group — `.`, `?`, `!`, an ellipsis or an
//!    abbreviation's period, followed by the closing quotes and brackets written against
//!    it (`."`, `?”`, `.)`), citation marks (`[17]`) and emoticons — and the next token can
//!    start a sentence (see [`Splitter::terminal`]); the closing marks belong to the
//!    sentence before;
//!    A web address followed by a capitalised word ends a sentence too;
//! 3. a single line break follows a line that looks like a heading, a byline or a list
//!    item (short or in title case, no final punctuation), or precedes a list item, and
//!    the next line does not start in lower case.
//!
//! Nothing else splits: a colon, a semicolon or a dash never does, as in most cases in
//! the treebanks (in the EWT and GUM training files a colon before a capital ends a
//! sentence in 76 of 440 cases; in GUM a dash before a capital in 33 of 255). A dateline (`MOSCOW, April 26 (Reuters) -`) has
//! no final punctuation, so it simply opens the first sentence, even on a line of its
//! own, since a line ending in a dash or a comma goes on.

use herald_doc::{Sentence, Span, TokenTable};

use crate::chars::{self, Punct};
use crate::lexicon::{self, Abbr};
use crate::tokenize::Kind;

/// A line of at most this many bytes without final punctuation that opens a block,
/// followed by a single line break, is taken for a heading or byline. Hard-wrapped prose
/// wraps at 60–80 columns; headings and bylines are shorter.
const HEADING_MAX: usize = 60;

/// Splits the tokens of `text` into sentences, appended to `out` (cleared first).
pub(crate) fn split(text: &str, tokens: &TokenTable, kinds: &[Kind], out: &mut Vec<Sentence>) {
    out.clear();
    let n = tokens.len();
    if n == 0 {
        return;
    }
    let sp = Splitter { s: text.as_bytes(), spans: &tokens.spans, kinds };
    let mut first = 0usize;
    let mut paragraph = 0u32;
    // Byte offset where the current line starts, its first token, and whether the line
    // opens a block: the text or a paragraph starts there, or the line before it was cut
    // off as a heading or list item. Only such a line can be a short heading; further
    // down a paragraph a short line is more likely narrow hard-wrapped prose.
    let mut line_start = 0usize;
    let mut line_tok = 0usize;
    let mut block_start = true;
    for t in 0..n {
        let end = sp.spans[t].end as usize;
        let next = if t + 1 < n { sp.spans[t + 1].start as usize } else { text.len() };
        let breaks = line_breaks(&sp.s[end..next]);
        let boundary = t + 1 == n
            || breaks >= 2
            || sp.terminal(first, t)
            || (breaks == 1 && sp.heading_line(line_start, line_tok, block_start, t));
        if boundary {
            let span = Span::new(sp.spans[first].start, sp.spans[t].end);
            out.push(Sentence { span, tokens: (first as u32)..(t as u32 + 1), paragraph });
            first = t + 1;
        }
        if breaks >= 2 {
            paragraph += 1;
        }
        if breaks >= 1 {
            line_start = next;
            line_tok = t + 1;
            block_start = boundary;
        }
    }
}

/// Counts the line breaks in a stretch of white space: `\n`, a `\r` not followed by
/// `\n`, and the Unicode next-line and line separators (U+0085, U+2028); the paragraph
/// separator U+2029 counts as two, a paragraph break on its own.
fn line_breaks(gap: &[u8]) -> usize {
    let mut k = 0;
    for (i, &b) in gap.iter().enumerate() {
        match b {
            b'\n' => k += 1,
            b'\r' if gap.get(i + 1) != Some(&b'\n') => k += 1,
            // U+0085 is C2 85; U+2028/U+2029 are E2 80 A8 / E2 80 A9.
            0x85 if i > 0 && gap[i - 1] == 0xC2 => k += 1,
            0xA8 if i > 1 && gap[i - 1] == 0x80 && gap[i - 2] == 0xE2 => k += 1,
            // U+2029 PARAGRAPH SEPARATOR is a paragraph break by itself.
            0xA9 if i > 1 && gap[i - 1] == 0x80 && gap[i - 2] == 0xE2 => k += 2,
            _ => {}
        }
    }
    k
}

/// How a token can begin a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Start {
    /// A capitalised word.
    Upper,
    /// A lower-case word.
    Lower,
    /// A number.
    Digit,
    /// An opening quote or bracket.
    Opener,
    /// Anything else (a dash, a symbol).
    Other,
}

/// Read-only view of the text and its tokens for the boundary tests.
struct Splitter<'a> {
    s: &'a [u8],
    spans: &'a [Span],
    kinds: &'a [Kind],
}

impl Splitter<'_> {
    /// The bytes of token `t`.
    fn bytes(&self, t: usize) -> &[u8] {
        let sp = self.spans[t];
        &self.s[sp.start as usize..sp.end as usize]
    }

    /// True when token `t` touches the token before it (no white space between).
    fn attached(&self, t: usize) -> bool {
        t > 0 && self.spans[t - 1].end == self.spans[t].start
    }

    /// True when token `t` is a closing quote or bracket written against the previous
    /// token. A straight quote counts as closing when it is attached.
    fn closer(&self, t: usize) -> bool {
        matches!(self.kinds[t], Kind::Punct(Punct::CloseQuote | Punct::Close | Punct::Quote))
            && self.attached(t)
    }

    /// How token `t` could start a sentence.
    fn start(&self, t: usize) -> Start {
        match self.kinds[t] {
            Kind::Punct(Punct::OpenQuote | Punct::Open | Punct::Quote | Punct::CloseQuote) => {
                // A quote that is not attached to the previous token opens one; a
                // right single quote in that position is usually an opening quote
                // typed with the wrong mark.
                Start::Opener
            }
            Kind::Number => Start::Digit,
            Kind::Word | Kind::Abbr(_) => {
                let sp = self.spans[t];
                let i = sp.start as usize;
                if chars::is_upper_at(self.s, i) {
                    Start::Upper
                } else if chars::is_lower_at(self.s, i) {
                    Start::Lower
                } else if self.s[i].is_ascii_digit() {
                    Start::Digit
                } else {
                    Start::Other
                }
            }
            _ => Start::Other,
        }
    }

    /// True when tokens `t..t + 3` are a citation mark such as `[17]` or `[...]`.
    fn citation(&self, t: usize) -> bool {
        t + 2 < self.spans.len()
            && self.bytes(t) == b"["
            && matches!(self.kinds[t + 1], Kind::Number | Kind::Ellipsis)
            && self.bytes(t + 2) == b"]"
    }

    /// True when token `t` (at or after `first`) ends a sentence-final group and token
    /// `t + 1` can begin a sentence.
    ///
    /// The rules follow counts over the EWT and GUM training sentences: after `.`, `?`
    /// and `!` a sentence starts before almost anything, even a lower-case word (web
    /// text), except inside a quotation (`"Why?" he asked`); after an ellipsis only
    /// before a capital or an opening quote; after an abbreviation only before a typical
    /// sentence starter (`U.S. The`, not `U.S. Army`).
    fn terminal(&self, first: usize, t: usize) -> bool {
        let n = self.spans.len();
        let m = t + 1;
        if m >= n || self.spans[m].start == self.spans[t].end {
            // Nothing follows, or the next token is written against this one (`."`,
            // `Inc.,`, `...Now`): the group goes on.
            return false;
        }
        if matches!(self.kinds[m], Kind::Stop | Kind::Ellipsis | Kind::Emoticon) || self.citation(m)
        {
            // `. . .`, `? ..`, `. :)`, `. [17]`: these end the same sentence.
            return false;
        }
        // Walk back over the closing marks to the final punctuation.
        let mut k = t;
        let mut quoted = false;
        while k > first {
            if k >= first + 3 && self.citation(k - 2) {
                k -= 3;
            } else if self.closer(k) {
                quoted |= matches!(self.kinds[k], Kind::Punct(Punct::CloseQuote | Punct::Quote));
                k -= 1;
            } else if self.kinds[k] == Kind::Emoticon {
                k -= 1;
            } else {
                break;
            }
        }
        if k == first + 1 && self.kinds[k] == Kind::Stop && self.list_number(first) {
            // `1. Define early retirement`: a numbered list item, not a sentence `1.`.
            return false;
        }
        let next = self.start(m);
        let quote_opens =
            next == Start::Opener && !matches!(self.kinds[m], Kind::Punct(Punct::Open));
        match self.kinds[k] {
            // `"Why?" asked Smith.`, `"Ready!" Smith said.`: the attribution goes on (but
            // `"We are ready." Petrov said Russia …` is a new sentence).
            Kind::Stop => {
                let question = self.bytes(k).iter().any(|&c| c == b'?' || c == b'!');
                !(quoted && (next == Start::Lower || (question && self.attribution(m))))
            }
            Kind::Ellipsis => next == Start::Upper || quote_opens,
            Kind::Abbr(a) => match a {
                Abbr::Title => false,
                Abbr::Initial | Abbr::Other => {
                    quote_opens || (next == Start::Upper && lexicon::sentence_starter(self.word(m)))
                }
                Abbr::Final => next == Start::Upper || quote_opens,
            },
            // Informal text often ends a sentence with a bare address: in the EWT and
            // GUM training files a capital after one starts a sentence 27 times in 31.
            Kind::Url => next == Start::Upper,
            // So with an emoticon that closes a clause (`I love it :) Now …`): 19 in 25.
            _ if self.kinds[t] == Kind::Emoticon => next == Start::Upper,
            // The closing of a letter or e-mail (`Best regards, Jane`): 48 times in 58.
            _ => self.bytes(k) == b"," && next == Start::Upper && self.closing(first, k),
        }
    }

    /// True when tokens from `m` are a short name and a speech verb that ends the
    /// clause (`Smith said.`, `Foreign Minister Sergei Petrov asked,`): the attribution
    /// of a quote just closed.
    fn attribution(&self, m: usize) -> bool {
        let n = self.spans.len();
        for k in m..n.min(m + 5) {
            let w = self.bytes(k);
            if k > m && lexicon::speech_verb(w) {
                // The attribution ends there: `Smith said.` or `Smith said,`.
                return k + 1 >= n
                    || matches!(self.kinds[k + 1], Kind::Stop)
                    || self.bytes(k + 1) == b",";
            }
            if !(self.kinds[k] == Kind::Word && self.start(k) == Start::Upper) {
                return false;
            }
        }
        false
    }

    /// True when tokens `first..comma` are the closing phrase of a letter (`Thanks`,
    /// `Sincerely`, `Best regards`, `Yours truly`): at most two words, the last a closing
    /// word.
    fn closing(&self, first: usize, comma: usize) -> bool {
        let words = comma - first;
        (1..=2).contains(&words)
            && (first..comma).all(|k| self.kinds[k] == Kind::Word)
            && lower_is_closing(self.bytes(comma - 1))
    }

    /// The bytes of token `t` without a final period (for lexicon lookups).
    fn word(&self, t: usize) -> &[u8] {
        let b = self.bytes(t);
        b.strip_suffix(b".").unwrap_or(b)
    }

    /// True when the line from `line_start` (first token `line_tok`) to token `t` looks
    /// like a heading, byline or list item, and token `t + 1` does not continue it.
    fn heading_line(
        &self,
        line_start: usize,
        line_tok: usize,
        block_start: bool,
        t: usize,
    ) -> bool {
        if t + 1 >= self.spans.len() {
            return false;
        }
        if self.list_item(t + 1) {
            return true;
        }
        // Lines ending in a dash (datelines), comma, colon and the like continue.
        let last = self.bytes(t);
        if matches!(self.kinds[t], Kind::Punct(Punct::Dash | Punct::Other | Punct::Open))
            && !matches!(last, b"*" | b"#")
        {
            return false;
        }
        if self.start(t + 1) == Start::Lower {
            return false;
        }
        // A short line at the start of a block that does not end in a word like `the` or
        // `of` (which no heading ends with, but a wrapped line often does).
        let short = block_start
            && (self.spans[t].end as usize - line_start) <= HEADING_MAX
            && !lexicon::title_small_word(self.bytes(t));
        short || self.list_item(line_tok) || self.title_case(line_tok, t)
    }

    /// True when the words of tokens `a..=t` (a line) are in title case: at least three
    /// words, and none in lower case but the short function words titles leave so
    /// (`Hartmann Calls for Ceasefire in Ukraine`). Long headlines are caught this way.
    fn title_case(&self, a: usize, t: usize) -> bool {
        let mut words = 0;
        for k in a..=t {
            if self.kinds[k] != Kind::Word {
                continue;
            }
            words += 1;
            if self.start(k) == Start::Lower && !lexicon::title_small_word(self.bytes(k)) {
                return false;
            }
        }
        words >= 3
    }

    /// True when token `t` is a small number (at most two digits) that can number a
    /// list item.
    fn list_number(&self, t: usize) -> bool {
        self.kinds[t] == Kind::Number && self.bytes(t).len() <= 2
    }

    /// True when token `t` is a list marker at the start of a line: a bullet, or a
    /// number followed by `.` or `)`.
    fn list_item(&self, t: usize) -> bool {
        let b = self.bytes(t);
        if matches!(b, b"-" | b"*" | b"+") || b == "•".as_bytes() || b == "–".as_bytes() {
            return true;
        }
        self.kinds[t] == Kind::Number
            && b.len() <= 2
            && t + 1 < self.spans.len()
            && matches!(self.bytes(t + 1), b"." | b")")
    }
}

/// True when `w`, lower-cased, is a word that closes a letter.
fn lower_is_closing(w: &[u8]) -> bool {
    if w.len() > 12 {
        return false;
    }
    let mut buf = [0u8; 12];
    let lower = &mut buf[..w.len()];
    lower.copy_from_slice(w);
    lower.make_ascii_lowercase();
    lexicon::letter_closing(lower)
}
