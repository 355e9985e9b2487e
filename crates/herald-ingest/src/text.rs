//! Paragraph formatting shared by every reader: the article text contract is paragraphs
//! separated by exactly one blank line, whitespace inside a paragraph collapsed to single
//! spaces, no leading or trailing whitespace.

/// One paragraph: whitespace runs (including non-breaking and other Unicode spaces, and
/// newlines) become one space; invisible characters (zero-width space, BOM, soft hyphen) and
/// control characters are dropped; trimmed.
pub(crate) fn normalize_paragraph(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if matches!(c, '\u{200b}' | '\u{feff}' | '\u{00ad}' | '\u{2060}') || c.is_control() {
            // Invisible: dropped without breaking the word.
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Joins paragraphs with one blank line, normalising each and dropping empty ones.
pub(crate) fn join_paragraphs<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for p in paragraphs {
        let p = normalize_paragraph(p);
        if p.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&p);
    }
    out
}

/// Plain text to paragraphs. When the text has blank lines, they separate paragraphs and
/// single newlines inside a paragraph are joined with spaces (hard-wrapped text); when it
/// has none, every non-empty line is a paragraph (news text saved one paragraph per line).
pub(crate) fn normalize_plain_text(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    let first = lines.iter().position(|l| !is_blank(l));
    let last = lines.iter().rposition(|l| !is_blank(l));
    let (Some(first), Some(last)) = (first, last) else {
        return String::new();
    };
    let lines = &lines[first..=last];
    if !lines.iter().any(|l| is_blank(l)) {
        return join_paragraphs(lines.iter().copied());
    }
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in lines {
        if is_blank(line) {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    join_paragraphs(paragraphs.iter().map(String::as_str))
}

/// Text that may be HTML (feed descriptions, JSON fields): HTML is converted with
/// [`crate::html::html_fragment_to_text`], anything else is formatted as plain text.
pub(crate) fn text_or_html_to_text(s: &str) -> String {
    if looks_like_html(s) {
        crate::html::html_fragment_to_text(s)
    } else {
        normalize_plain_text(s)
    }
}

/// True when the string contains what looks like an HTML tag.
pub(crate) fn looks_like_html(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
}

fn is_blank(line: &str) -> bool {
    normalize_paragraph(line).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_whitespace() {
        assert_eq!(normalize_paragraph("  a\u{a0}\u{a0}b\t\nc\u{200b}d  "), "a b cd");
        assert_eq!(normalize_paragraph("\u{a0}"), "");
    }

    #[test]
    fn plain_text_paragraphs() {
        assert_eq!(normalize_plain_text("One.\nTwo.\n\n"), "One.\n\nTwo.");
        assert_eq!(normalize_plain_text("\nA b\nc.\n\n\n D.\r\n"), "A b c.\n\nD.");
        assert_eq!(normalize_plain_text(" \n\t\n"), "");
    }
}
