/// A half-open `[start, end)` range of UTF-8 byte offsets into an article's text.
///
/// Both ends always fall on `char` boundaries of the text they index; `start <= end`.
/// `u32` keeps token tables small; articles are capped far below 4 GiB at ingestion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte of the span.
    pub start: u32,
    /// One past the last byte of the span.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end` (bytes). Panics in debug builds if `start > end`.
    pub fn new(start: u32, end: u32) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text this span covers, or `None` when it is out of range or not on char boundaries.
    pub fn get(self, text: &str) -> Option<&str> {
        text.get(self.start as usize..self.end as usize)
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Converts byte offsets into character offsets (Unicode scalar values) and back.
///
/// It records only the multi-byte characters, so pure ASCII text costs nothing and a
/// conversion is a binary search over the non-ASCII characters. A byte offset that
/// falls inside a multi-byte character is rounded down to that character (herald
/// never produces such offsets; the rule only keeps bad input from panicking).
#[derive(Clone, Debug, Default)]
pub struct OffsetMap {
    wide: Vec<WideChar>,
    byte_len: u32,
}

/// One multi-byte character: where it starts in bytes and in chars, and the extra bytes
/// (UTF-8 length minus one) of all multi-byte characters up to and including it.
#[derive(Clone, Copy, Debug)]
struct WideChar {
    byte: u32,
    char: u32,
    extra_through: u32,
}

impl OffsetMap {
    /// Indexes `text`.
    pub fn new(text: &str) -> OffsetMap {
        let mut wide = Vec::new();
        if !text.is_ascii() {
            let mut extra = 0u32;
            for (ci, (byte, ch)) in text.char_indices().enumerate() {
                let n = ch.len_utf8() as u32;
                if n > 1 {
                    extra += n - 1;
                    wide.push(WideChar {
                        byte: byte as u32,
                        char: ci as u32,
                        extra_through: extra,
                    });
                }
            }
        }
        OffsetMap { wide, byte_len: text.len() as u32 }
    }

    /// Character offset of byte offset `byte`.
    pub fn char_of(&self, byte: u32) -> u32 {
        let i = self.wide.partition_point(|w| w.byte < byte);
        let Some(last) = i.checked_sub(1).map(|j| self.wide[j]) else { return byte };
        let width = last.extra_through - if i >= 2 { self.wide[i - 2].extra_through } else { 0 };
        if byte <= last.byte + width {
            // Inside `last`: round down to it.
            return last.char;
        }
        byte - last.extra_through
    }

    /// Byte offset of character offset `ch`; offsets past the end map to the text's length.
    pub fn byte_of(&self, ch: u32) -> u32 {
        let i = self.wide.partition_point(|w| w.char < ch);
        let extra = if i == 0 { 0 } else { self.wide[i - 1].extra_through };
        (ch + extra).min(self.byte_len)
    }

    /// `span` in character offsets, as the output contract wants them.
    pub fn to_chars(&self, span: Span) -> (u32, u32) {
        (self.char_of(span.start), self.char_of(span.end))
    }

    /// A `[start, end)` range of character offsets converted to a byte [`Span`].
    pub fn to_bytes(&self, start: u32, end: u32) -> Span {
        Span::new(self.byte_of(start), self.byte_of(end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ascii_is_identity() {
        let m = OffsetMap::new("Moscow, April 26");
        assert_eq!(m.char_of(7), 7);
        assert_eq!(m.byte_of(7), 7);
    }

    #[test]
    fn curly_quotes_and_accents() {
        let text = "“António” said";
        let m = OffsetMap::new(text);
        let start = text.find('A').unwrap() as u32;
        let end = text.find('”').unwrap() as u32;
        assert_eq!(m.to_chars(Span::new(start, end)), (1, 8));
        assert_eq!(m.to_bytes(1, 8), Span::new(start, end));
        assert_eq!(m.char_of(text.len() as u32), text.chars().count() as u32);
    }

    #[test]
    fn past_the_end_is_clamped() {
        let m = OffsetMap::new("é");
        assert_eq!(m.byte_of(5), 2);
    }

    proptest! {
        #[test]
        fn round_trips_on_every_char_boundary(text in "\\PC{0,40}") {
            let m = OffsetMap::new(&text);
            for (ci, (bi, _)) in text.char_indices().enumerate() {
                prop_assert_eq!(m.char_of(bi as u32), ci as u32);
                prop_assert_eq!(m.byte_of(ci as u32), bi as u32);
            }
            let n = text.chars().count() as u32;
            prop_assert_eq!(m.char_of(text.len() as u32), n);
            prop_assert_eq!(m.byte_of(n), text.len() as u32);
        }
    }
}
