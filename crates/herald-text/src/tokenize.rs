//! The tokenizer: text → token spans, with a kind per token for the sentence splitter.
//!
//! The text is cut at white space into *chunks*; each chunk is scanned left to right and
//! cut into words and punctuation following Universal Dependencies English (EWT, GUM):
//!
//! - punctuation is split off, except runs that UD keeps whole (`...`, `--`, `!!`, `''`);
//! - a word continues over `.` before a letter or digit (`U.S`, `3.5`, `e.g`), over `,`
//!   and `:` inside numbers (`1,000,000`, `10:30`), over `/` between digits (`9/11`), over
//!   `&` between capitals (`AT&T`) and over an apostrophe before a letter (`O'Brien`);
//! - a hyphen splits a word (`long - term`, as in both treebanks) unless the part before
//!   it is a prefix that UD keeps joined (`e-mail`, `non-stop`, `pro-Beijing`) or it
//!   joins the digit groups of a phone number, code or date (`713-853-3989`,
//!   `16802-6601`); a word cut off by a hyphen keeps it (`pro- and anti-war`, `re-`);
//! - a final period stays with abbreviations (`Gen.`, `U.S.`), initials (`J.`) and `No.`
//!   before a number;
//! - clitics are split (`Moscow 's`, `do n't`, `ca n't`, `I 'm`) and so are the fused
//!   forms UD splits (`gon na`, `can not`), and unit suffixes after a number (`5 kg`);
//! - URLs, e-mail addresses, hashtags and @mentions are single tokens.
//!
//! No allocation happens per token: spans go straight into the [`TokenTable`] and kinds
//! into one parallel `Vec`.

use herald_doc::{Span, TokenTable};

use crate::chars::{self, Class, Punct};
use crate::lexicon::{self, Abbr};

/// What a token is, as far as the sentence splitter cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A word starting with a letter (or any non-punctuation character).
    Word,
    /// A word starting with a digit.
    Number,
    /// A web address (`https://…`, `www.…`).
    Url,
    /// A word that keeps its final period (`Gen.`, `U.S.`, `J.`).
    Abbr(Abbr),
    /// `.`, `?`, `!` or a run of them (`?!`, `!!`).
    Stop,
    /// `...`, `…` and longer runs of dots.
    Ellipsis,
    /// `:)`, `:-(`, `;)`, `:D`, `:P`: they end the sentence they follow.
    Emoticon,
    /// Punctuation with a meaning to sentence splitting (quotes, brackets, dashes).
    Punct(Punct),
}

/// Tokenizes `text` into `out` (cleared first) and `kinds` (one per token).
pub(crate) fn tokenize(text: &str, out: &mut TokenTable, kinds: &mut Vec<Kind>) {
    out.spans.clear();
    out.space_after.clear();
    kinds.clear();
    // A rough guess (news English averages ~5.5 bytes per token) saves regrowing.
    let guess = text.len() / 5 + 1;
    out.spans.reserve(guess);
    out.space_after.reserve(guess);
    kinds.reserve(guess);
    let mut t = Tokenizer { s: text.as_bytes(), out, kinds };
    let s = t.s;
    let mut i = 0;
    while i < s.len() {
        let n = chars::space_len(s, i);
        if n > 0 {
            i += n;
            continue;
        }
        let start = i;
        while i < s.len() {
            // ASCII fast path: a printable non-space byte never starts white space.
            if s[i] > b' ' && s[i] < 0x80 {
                i += 1;
                continue;
            }
            if chars::space_len(s, i) > 0 {
                break;
            }
            i += chars::utf8_len(s[i]);
        }
        t.chunk(start, i);
    }
}

/// The state of one tokenization: the text and the outputs.
struct Tokenizer<'a> {
    s: &'a [u8],
    out: &'a mut TokenTable,
    kinds: &'a mut Vec<Kind>,
}

impl Tokenizer<'_> {
    /// Appends a token `[a, b)`.
    #[inline]
    fn push(&mut self, a: usize, b: usize, kind: Kind) {
        debug_assert!(a < b);
        let space = b < self.s.len() && chars::space_len(self.s, b) > 0;
        self.out.push(Span::new(a as u32, b as u32), space);
        self.kinds.push(kind);
    }

    /// The class of the character at `i` (which must be below the chunk end).
    #[inline]
    fn class(&self, i: usize) -> (Class, usize) {
        chars::class_at(self.s, i)
    }

    /// True when a word character starts at `i < e`.
    #[inline]
    fn word_at(&self, i: usize, e: usize) -> bool {
        i < e && matches!(self.class(i).0, Class::Word)
    }

    /// True when an ASCII letter or digit is at `i < e`.
    #[inline]
    fn alnum_at(&self, i: usize, e: usize) -> bool {
        i < e && self.s[i].is_ascii_alphanumeric()
    }

    /// True when an ASCII digit is at `i < e`.
    #[inline]
    fn digit_at(&self, i: usize, e: usize) -> bool {
        i < e && self.s[i].is_ascii_digit()
    }

    /// Extends `j` over combining marks, so a mark stays with the character it modifies.
    #[inline]
    fn marks(&self, mut j: usize, e: usize) -> usize {
        while j < e && self.s[j] >= 0x80 {
            let (c, n) = self.class(j);
            if c != Class::Mark {
                break;
            }
            j += n;
        }
        j
    }

    /// Cuts the white-space-free chunk `[s, e)` into tokens.
    fn chunk(&mut self, s: usize, e: usize) {
        let mut i = s;
        while i < e {
            let (c, n) = self.class(i);
            i = match c {
                Class::Word | Class::Mark => self.word(i, e),
                Class::Punct(p) => self.punct(i, n, e, p, s),
                // Cannot happen inside a chunk; step over it to guarantee progress.
                Class::Space => i + n,
            };
        }
    }

    /// Scans a word starting at `i` and emits it (possibly as several tokens); returns
    /// where scanning goes on.
    fn word(&mut self, i: usize, e: usize) -> usize {
        let s = self.s;
        if let Some(j) = self.url(i, e) {
            self.push(i, j, Kind::Url);
            return j;
        }
        let mut j = i;
        // Start of the current hyphen-separated segment, for the prefix test.
        let mut seg = i;
        let mut has_dot = false;
        let mut has_at = false;
        let mut digit_hyphen = false;
        // The next `.` at or after the last `@` seen, searched once per word, so a chunk
        // full of `@` stays linear.
        let mut next_dot: Option<usize> = None;
        while j < e {
            let (c, n) = self.class(j);
            match c {
                Class::Word | Class::Mark => {
                    j += n;
                    continue;
                }
                Class::Space => break,
                Class::Punct(_) => {}
            }
            let prev = s[j - 1];
            let keep = match s[j] {
                b'.' => {
                    // Also `name...@gmail.com`, an address with its user name elided.
                    let mut d = j;
                    while d < e && s[d] == b'.' {
                        d += 1;
                    }
                    let k = if d - j == 1 {
                        self.alnum_at(j + 1, e)
                    } else {
                        d + 1 < e && s[d] == b'@' && self.alnum_at(d + 1, e)
                    };
                    if k && d - j > 1 {
                        j = d;
                        continue;
                    }
                    has_dot |= k;
                    k
                }
                b',' => {
                    // A thousands separator: digit , three digits, then no fourth digit.
                    prev.is_ascii_digit()
                        && (1..=3).all(|d| self.digit_at(j + d, e))
                        && !self.digit_at(j + 4, e)
                }
                b':' => prev.is_ascii_digit() && self.digit_at(j + 1, e),
                b'/' => prev.is_ascii_digit() && self.digit_at(j + 1, e),
                b'&' => prev.is_ascii_uppercase() && j + 1 < e && s[j + 1].is_ascii_uppercase(),
                b'@' => {
                    // An e-mail address: a domain with a dot follows.
                    if next_dot.is_none_or(|d| d < j) {
                        let rest = &s[j + 1..e];
                        next_dot =
                            Some(rest.iter().position(|&b| b == b'.').map_or(e, |d| j + 1 + d));
                    }
                    let k = self.alnum_at(j + 1, e) && next_dot.is_some_and(|d| d < e);
                    has_at |= k;
                    k
                }
                b'_' => self.word_at(j + 1, e),
                b'\'' => self.apostrophe_inside(j + 1, e),
                0xE2 if s[j..].starts_with("’".as_bytes()) => self.apostrophe_inside(j + 3, e),
                b'-' => {
                    if !self.word_at(j + 1, e) {
                        // A word cut off by a hyphen (`re-`, `pro- and anti-war`) keeps it,
                        // as UD does; a double hyphen is a dash of its own.
                        if !(j + 1 < e && s[j + 1] == b'-') {
                            j += 1;
                        }
                        break;
                    } else if prev.is_ascii_digit() && self.digit_at(j + 1, e) {
                        // Phone numbers, ZIP+4 codes and dates (713-853-3989, 853-3989,
                        // 16802-6601, 11-20-2000) are whole; ranges and scores (1990-95,
                        // 3-2, 2004-2005) are split, as in both treebanks.
                        let mut k = j + 1;
                        while self.digit_at(k, e) {
                            k += 1;
                        }
                        let left = j - seg;
                        let right = k - (j + 1);
                        let more = k + 1 < e && s[k] == b'-' && self.digit_at(k + 1, e);
                        let code = right == 4 && (left == 3 || left == 5);
                        let keep = digit_hyphen || more || code;
                        digit_hyphen |= keep;
                        keep
                    } else {
                        has_at || lower_is(&s[seg..j], lexicon::hyphen_prefix)
                    }
                }
                _ => false,
            };
            if !keep {
                break;
            }
            if s[j] == b'-' {
                seg = j + 1;
            }
            j += if s[j] == 0xE2 { 3 } else { 1 };
        }
        // A period right after the word: keep it when the word is an abbreviation (also
        // before a second period, `Inc..`, but not before an ellipsis).
        let dots = s[j..e].iter().take_while(|&&b| b == b'.').count();
        if (dots == 1 || dots == 2) && s[j - 1] != b'-' {
            if let Some(kind) = self.abbreviation(i, j, has_dot, has_at) {
                self.push(i, j + 1, Kind::Abbr(kind));
                return j + 1;
            }
        }
        self.emit_word(i, j);
        j
    }

    /// Decides whether the period after the word `[i, j)` belongs to it.
    fn abbreviation(&self, i: usize, j: usize, has_dot: bool, has_at: bool) -> Option<Abbr> {
        let s = self.s;
        let w = &s[i..j];
        if has_at {
            return None;
        }
        if has_dot {
            if let Some(a) = lexicon::abbreviation(w) {
                return Some(a);
            }
            // `U.S`, `e.g`, `a.m`, `Ph.D`: short dot-separated letter groups. A domain
            // (`example.com`) or a number (`3.5`) ends before the period.
            let short = w.split(|&b| b == b'.').all(|g| {
                !g.is_empty() && g.len() <= 3 && g.iter().all(|b| b.is_ascii_alphabetic())
            });
            return short.then_some(Abbr::Other);
        }
        if let Some(a) = lexicon::abbreviation(w) {
            return Some(a);
        }
        if w.len() == 1 && w[0].is_ascii_uppercase() {
            return Some(Abbr::Initial);
        }
        if lexicon::numeric_abbreviation(w) {
            // `No. 1`: only before a number.
            let mut k = j + 1;
            while k < s.len() && chars::space_len(s, k) > 0 {
                k += chars::space_len(s, k);
            }
            if k < s.len() && s[k].is_ascii_digit() {
                return Some(Abbr::Title);
            }
        }
        None
    }

    /// After an apostrophe that opens a chunk, the end of an elided word (`'90s`,
    /// `'em`, `'cause`, `'til`), or `None`. Only a right single quote or `'` qualify.
    fn elision(&self, k: usize, e: usize) -> Option<usize> {
        let s = self.s;
        let apos = &s[..k];
        if !(apos.ends_with(b"'") || apos.ends_with("’".as_bytes())) {
            return None;
        }
        let mut j = k;
        while self.alnum_at(j, e) {
            j += 1;
        }
        let w = &s[k..j];
        if j < e && self.word_at(j, e) {
            return None;
        }
        let digits = w.len() >= 2 && w[0].is_ascii_digit() && w[1].is_ascii_digit();
        let decade = digits && (w.len() == 2 || (w.len() == 3 && w[2] == b's'));
        let word = lower_is(w, |l| matches!(l, b"em" | b"cause" | b"til" | b"bout" | b"n"));
        (decade || word).then_some(j)
    }

    /// True when the apostrophe before `k` is inside a word (`O'Brien`, `don't`).
    #[inline]
    fn apostrophe_inside(&self, k: usize, e: usize) -> bool {
        k < e && (self.s[k].is_ascii_alphabetic() || (self.s[k] >= 0x80 && self.word_at(k, e)))
    }

    /// Emits the word `[i, j)`, splitting clitics, fused forms and unit suffixes.
    fn emit_word(&mut self, i: usize, j: usize) {
        let s = self.s;
        let w = &s[i..j];
        // Clitics: n't, 's, 'm, 'd, 'll, 're, 've, with a straight or curly apostrophe.
        if let Some(cut) = clitic(w) {
            if cut > 0 {
                self.emit_word(i, i + cut);
                let kind = Kind::Word;
                self.push(i + cut, j, kind);
                return;
            }
        }
        if w.len() <= 8 && w.iter().all(|b| b.is_ascii_alphabetic()) {
            let mut buf = [0u8; 8];
            let lower = &mut buf[..w.len()];
            lower.copy_from_slice(w);
            lower.make_ascii_lowercase();
            if let Some(parts) = lexicon::fused(lower) {
                let mut a = i;
                for &p in parts {
                    let b = a + p as usize;
                    if b > a && b < j {
                        self.push(a, b, Kind::Word);
                        a = b;
                    }
                }
                self.push(a, j, Kind::Word);
                return;
            }
        }
        if w[0].is_ascii_digit() {
            // `5kg`, `10:30pm`, `4.2bn`: the number, then the unit.
            let k = w.iter().position(|b| b.is_ascii_alphabetic()).unwrap_or(w.len());
            let rest = &w[k..];
            if k > 0
                && !rest.is_empty()
                && rest.len() <= 8
                && rest.iter().all(|b| b.is_ascii_alphabetic())
                && w[k - 1].is_ascii_digit()
            {
                let mut buf = [0u8; 8];
                let lower = &mut buf[..rest.len()];
                lower.copy_from_slice(rest);
                lower.make_ascii_lowercase();
                if lexicon::unit_suffix(lower) {
                    self.push(i, i + k, Kind::Number);
                    self.push(i + k, j, Kind::Word);
                    return;
                }
            }
            self.push(i, j, Kind::Number);
            return;
        }
        self.push(i, j, Kind::Word);
    }

    /// Recognises a URL starting at `i` and returns its end (trailing punctuation left
    /// out), or `None`.
    fn url(&self, i: usize, e: usize) -> Option<usize> {
        let s = &self.s[i..e];
        let lower_starts = |p: &[u8]| s.len() > p.len() && s[..p.len()].eq_ignore_ascii_case(p);
        if !(lower_starts(b"http://")
            || lower_starts(b"https://")
            || lower_starts(b"ftp://")
            || lower_starts(b"www."))
        {
            return None;
        }
        let mut j = e;
        let opens = s.iter().filter(|&&b| b == b'(').count();
        let mut closes = s.iter().filter(|&&b| b == b')').count();
        // Trailing punctuation belongs to the sentence, not the address; a closing
        // parenthesis belongs to the address only if the address opened one.
        loop {
            let b = self.s[j - 1];
            if matches!(b, b'.' | b',' | b';' | b':' | b'!' | b'?' | b'"' | b'\'' | b']')
                || (b == b')' && closes > opens)
            {
                if b == b')' {
                    closes -= 1;
                }
                j -= 1;
            } else if b >= 0x80 {
                // Step back over one multi-byte character if it is punctuation.
                let mut k = j - 1;
                while self.s[k] & 0xC0 == 0x80 {
                    k -= 1;
                }
                if matches!(chars::class_at(self.s, k).0, Class::Punct(_)) {
                    j = k;
                } else {
                    break;
                }
            } else {
                break;
            }
            if j <= i + 4 {
                return None;
            }
        }
        Some(j)
    }

    /// Emits a punctuation token starting at `i` (its first character is `n` bytes) and
    /// returns where scanning goes on.
    fn punct(&mut self, i: usize, n: usize, e: usize, p: Punct, chunk_start: usize) -> usize {
        let s = self.s;
        let b = s[i];
        let run = |c: u8| {
            let mut k = i;
            while k < e && s[k] == c {
                k += 1;
            }
            k
        };
        let (j, kind) = match b {
            b'.' if i + 1 < e && s[i + 1] == b'.' => (run(b'.'), Kind::Ellipsis),
            b'.' | b'!' | b'?' => {
                // `.`, `?`, `!`, `?!`, `!!!`, `.?`: one token; an ellipsis that follows
                // (`?...`) is a token of its own.
                let mut k = i + 1;
                while k < e
                    && (matches!(s[k], b'!' | b'?')
                        || (s[k] == b'.' && s.get(k + 1) != Some(&b'.')))
                {
                    k += 1;
                }
                (k, Kind::Stop)
            }
            b'-' => (run(b'-'), Kind::Punct(Punct::Dash)),
            b'*' | b'=' | b'~' | b'_' | b'<' | b'>' | b'+' | b'$' | b'/' | b'\\' => {
                (run(b), Kind::Punct(Punct::Other))
            }
            b'`' => (run(b'`').min(i + 2), Kind::Punct(Punct::Quote)),
            b'\'' if i + 1 < e && s[i + 1] == b'\'' => (i + 2, Kind::Punct(Punct::Quote)),
            b'\'' | 0xE2 if i == chunk_start && self.elision(i + n, e).is_some() => {
                // '90s, ’08, 'em, ’cause: an elided start of a word.
                (self.elision(i + n, e).unwrap_or(i + n), Kind::Word)
            }
            b'#' | b'@'
                if self.word_at(i + 1, e) && s[i + 1] != b'_' && !self.digit_at(i + 1, e) =>
            {
                // A hashtag or an @mention; `#1` is a sign and a number, as in UD.
                let mut k = i + 1;
                while k < e {
                    let (c, m) = self.class(k);
                    let dotted = s[k] == b'.' && b == b'@' && self.alnum_at(k + 1, e);
                    if matches!(c, Class::Word | Class::Mark) || s[k] == b'_' || dotted {
                        k += m;
                    } else {
                        break;
                    }
                }
                (k, Kind::Word)
            }
            b':' | b';' => {
                // Emoticons: :) :( :-) ;) :D :P, when nothing word-like follows.
                let mut k = i + 1;
                if k < e && s[k] == b'-' {
                    k += 1;
                }
                let face = k < e
                    && (matches!(s[k], b')' | b'(')
                        || (b == b':' && matches!(s[k], b'D' | b'P') && !self.word_at(k + 1, e)));
                if face {
                    (k + 1, Kind::Emoticon)
                } else {
                    (i + 1, Kind::Punct(Punct::Other))
                }
            }
            _ => (i + n, if p == Punct::Ellipsis { Kind::Ellipsis } else { Kind::Punct(p) }),
        };
        let j = self.marks(j, e);
        self.push(i, j, kind);
        j
    }
}

/// True when `w`, lower-cased, satisfies `f` (words longer than 16 bytes never do).
fn lower_is(w: &[u8], f: fn(&[u8]) -> bool) -> bool {
    if w.is_empty() || w.len() > 16 {
        return false;
    }
    let mut buf = [0u8; 16];
    let lower = &mut buf[..w.len()];
    lower.copy_from_slice(w);
    lower.make_ascii_lowercase();
    f(lower)
}

/// Where a clitic starts in `w` (`n't`, `'s`, `'m`, `'d`, `'ll`, `'re`, `'ve`, straight or
/// curly apostrophe, any case), or `None`.
fn clitic(w: &[u8]) -> Option<usize> {
    const CURLY: &[u8] = "’".as_bytes();
    // Strip the apostrophe-free tail: at most two letters.
    let tail = |k: usize| -> Option<&[u8]> { (w.len() >= k).then(|| &w[w.len() - k..]) };
    for len in [1usize, 2] {
        let Some(t) = tail(len) else { continue };
        let mut lt = [0u8; 2];
        for (d, s) in lt.iter_mut().zip(t) {
            *d = s.to_ascii_lowercase();
        }
        let lt = &lt[..len];
        let is_clitic = matches!(lt, b"s" | b"m" | b"d" | b"ll" | b"re" | b"ve" | b"t");
        if !is_clitic {
            continue;
        }
        let before = w.len() - len;
        let apos = if before >= 1 && w[before - 1] == b'\'' {
            1
        } else if before >= 3 && &w[before - 3..before] == CURLY {
            3
        } else {
            continue;
        };
        let at = before - apos;
        if lt == b"t" {
            // n't: the n goes with the clitic (`do n't`, `ca n't`).
            if at >= 2 && w[at - 1].eq_ignore_ascii_case(&b'n') {
                return Some(at - 1);
            }
            return None;
        }
        return Some(at);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics() {
        assert_eq!(clitic(b"don't"), Some(2));
        assert_eq!(clitic(b"can't"), Some(2));
        assert_eq!(clitic(b"Moscow's"), Some(6));
        assert_eq!(clitic("I’m".as_bytes()), Some(1));
        assert_eq!(clitic(b"we'll"), Some(2));
        assert_eq!(clitic(b"O'Brien"), None);
        assert_eq!(clitic(b"'s"), Some(0));
    }
}
