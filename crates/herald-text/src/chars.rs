//! Character classes on UTF-8 bytes: whitespace, word characters, punctuation and marks.
//!
//! The tokenizer works on bytes for speed; ASCII is classified by a 128-entry table and
//! only non-ASCII characters are decoded. Unicode's full property tables are not needed:
//! news English uses a small, known set of non-ASCII punctuation (curly quotes, dashes,
//! the ellipsis, currency signs), and every other non-ASCII character is treated as part
//! of a word, which is what a tokenizer for English wants for accented names, CJK text
//! and scripts it knows nothing about.

/// The class of one character, as far as tokenization cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// White space: separates tokens and is never inside one.
    Space,
    /// A letter, digit or other word character.
    Word,
    /// A combining mark, variation selector or joiner: it belongs with the character
    /// before it, whatever that is.
    Mark,
    /// Punctuation or a symbol: a token of its own (runs of some ASCII marks aside).
    Punct(Punct),
}

/// What a punctuation character means to the sentence splitter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Punct {
    /// A quote mark that opens (`“`, `‘`, `«`).
    OpenQuote,
    /// A quote mark that closes (`”`, `’`, `»`).
    CloseQuote,
    /// A quote mark whose direction depends on the spaces around it (`"`, `'`).
    Quote,
    /// `(`, `[`, `{`.
    Open,
    /// `)`, `]`, `}`.
    Close,
    /// Dashes (`–`, `—`, `‒`, `―`, U+2010/2011 hyphens).
    Dash,
    /// `…`.
    Ellipsis,
    /// Any other punctuation or symbol, emoji included.
    Other,
}

/// The number of bytes of the UTF-8 sequence that starts with `b` (1 for stray bytes).
#[inline]
pub(crate) fn utf8_len(b: u8) -> usize {
    match b {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xFF => 4,
        // A continuation byte never starts a character in valid UTF-8.
        _ => 1,
    }
}

/// Decodes the character starting at `i` (which must be a char boundary of valid UTF-8).
#[inline]
pub(crate) fn decode(s: &[u8], i: usize) -> (char, usize) {
    let b0 = s[i] as u32;
    let (c, n) = match s[i] {
        0x00..=0x7F => (b0, 1),
        0xC0..=0xDF => (((b0 & 0x1F) << 6) | (s[i + 1] as u32 & 0x3F), 2),
        0xE0..=0xEF => {
            (((b0 & 0x0F) << 12) | ((s[i + 1] as u32 & 0x3F) << 6) | (s[i + 2] as u32 & 0x3F), 3)
        }
        _ => (
            ((b0 & 0x07) << 18)
                | ((s[i + 1] as u32 & 0x3F) << 12)
                | ((s[i + 2] as u32 & 0x3F) << 6)
                | (s[i + 3] as u32 & 0x3F),
            4,
        ),
    };
    (char::from_u32(c).unwrap_or('\u{FFFD}'), n)
}

/// The class of the character at byte `i` and its length in bytes.
#[inline]
pub(crate) fn class_at(s: &[u8], i: usize) -> (Class, usize) {
    let b = s[i];
    if b < 0x80 {
        return (ascii_class(b), 1);
    }
    let (c, n) = decode(s, i);
    (class_of(c), n)
}

/// The class of an ASCII byte.
#[inline]
pub(crate) fn ascii_class(b: u8) -> Class {
    match b {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => Class::Space,
        b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => Class::Word,
        b'"' | b'\'' | b'`' => Class::Punct(Punct::Quote),
        b'(' | b'[' | b'{' => Class::Punct(Punct::Open),
        b')' | b']' | b'}' => Class::Punct(Punct::Close),
        // Control characters other than the spaces above are not white space (the
        // invariant is that every non-space character is inside a token), so they are
        // one-character tokens like any symbol.
        _ => Class::Punct(Punct::Other),
    }
}

/// The class of a non-ASCII character.
pub(crate) fn class_of(c: char) -> Class {
    use Punct::*;
    let p = match c {
        '“' | '‘' | '«' | '‹' | '„' | '‚' | '‟' | '‛' => OpenQuote,
        '”' | '’' | '»' | '›' => CloseQuote,
        '\u{2010}'..='\u{2015}' | '\u{2E3A}' | '\u{2E3B}' | '\u{FE58}' | '\u{FF0D}' => Dash,
        '…' => Ellipsis,
        // Latin-1 punctuation and symbols (but not ª º µ ¹ ² ³ ¼ ½ ¾, which are word-like).
        '\u{A1}'..='\u{A9}'
        | '\u{AC}'
        | '\u{AE}'..='\u{B1}'
        | '\u{B4}'
        | '\u{B6}'
        | '\u{B7}'
        | '\u{B8}'
        | '\u{BF}'
        | '×'
        | '÷' => Other,
        // General punctuation, currency signs, letter-like symbols, arrows.
        '\u{2016}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{20A0}'..='\u{20CF}' => Other,
        '\u{2100}'..='\u{214F}' | '\u{2190}'..='\u{21FF}' => Other,
        // CJK and full-width punctuation.
        '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301F}' => Other,
        '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' => Other,
        '\u{FF5B}'..='\u{FF65}' => Other,
        // Emoji and pictographs: each is a token of its own.
        '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}' | '\u{1F000}'..='\u{1F3FA}' => Other,
        '\u{1F400}'..='\u{1FAFF}' => Other,
        // Marks that extend the previous character: combining diacritics, variation
        // selectors, joiners, emoji skin tones and tags.
        '\u{300}'..='\u{36F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{200C}'
        | '\u{200D}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0000}'..='\u{E01EF}' => return Class::Mark,
        _ if c.is_whitespace() => return Class::Space,
        _ => return Class::Word,
    };
    Class::Punct(p)
}

/// The length in bytes of the white-space character at `i`, or 0 if there is none.
#[inline]
pub(crate) fn space_len(s: &[u8], i: usize) -> usize {
    let b = s[i];
    if b < 0x80 {
        return usize::from(matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C));
    }
    // Every non-ASCII white space starts with 0xC2 (U+0085, U+00A0), 0xE1 (U+1680),
    // 0xE2 (U+2000–U+205F) or 0xE3 (U+3000); skip decoding for the rest.
    if !matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
        return 0;
    }
    let (c, n) = decode(s, i);
    if c.is_whitespace() {
        n
    } else {
        0
    }
}

/// True when the character at `i` is an upper-case letter (ASCII fast path).
#[inline]
pub(crate) fn is_upper_at(s: &[u8], i: usize) -> bool {
    let b = s[i];
    if b < 0x80 {
        return b.is_ascii_uppercase();
    }
    decode(s, i).0.is_uppercase()
}

/// True when the character at `i` is a lower-case letter (ASCII fast path).
#[inline]
pub(crate) fn is_lower_at(s: &[u8], i: usize) -> bool {
    let b = s[i];
    if b < 0x80 {
        return b.is_ascii_lowercase();
    }
    decode(s, i).0.is_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_matches_std() {
        let s = "aé€😀\u{301}";
        let b = s.as_bytes();
        let mut i = 0;
        for c in s.chars() {
            let (d, n) = decode(b, i);
            assert_eq!((d, n), (c, c.len_utf8()));
            assert_eq!(utf8_len(b[i]), n);
            i += n;
        }
    }

    #[test]
    fn space_len_agrees_with_std() {
        for c in ['\u{85}', '\u{A0}', '\u{1680}', '\u{2003}', '\u{2028}', '\u{3000}', 'é', '“'] {
            let s = c.to_string();
            let want = if c.is_whitespace() { c.len_utf8() } else { 0 };
            assert_eq!(space_len(s.as_bytes(), 0), want, "{c:?}");
        }
    }
}
