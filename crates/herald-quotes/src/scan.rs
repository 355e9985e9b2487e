//! The quotation-mark scanner: finds the spans between paired quote marks, paragraph by
//! paragraph, without any linguistic layer.

use herald_doc::Span;

/// One stretch of text between quote marks, as the scanner found it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marked {
    /// The text strictly inside the marks, trimmed of surrounding whitespace.
    pub span: Span,
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset of the closing mark; `None` when the quote was never closed and was cut
    /// at the end of its paragraph.
    pub close: Option<usize>,
    /// Index of the paragraph (non-blank line) the opening mark lies in.
    pub paragraph: usize,
}

/// Byte ranges of the paragraphs of `text`: its non-blank lines, trimmed. News text from
/// ingestion puts one paragraph per line, with or without blank lines between them.
pub fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let end = start + line.len();
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            out.push((start + lead, start + lead + trimmed.len()));
        }
        start = end + 1;
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Double,
    Single,
}

/// The mark convention of the text: double marks, or British single outer marks when no
/// more paragraphs open with a single mark than with a double one and single marks are at
/// least as common as double ones (doubles are then nested quotes).
fn mode(text: &str, paras: &[(usize, usize)]) -> Mode {
    let opens = |c: char| paras.iter().filter(|&&(s, _)| text[s..].starts_with(c)).count();
    let single_opens = opens('‘');
    let double_opens = opens('“') + opens('"');
    let singles = text.matches('‘').count();
    let doubles = text.matches('“').count() + text.matches('"').count() / 2;
    if single_opens > double_opens && singles >= doubles {
        Mode::Single
    } else {
        Mode::Double
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
    None,
}

/// What a character at byte `i` can do in the given mode.
fn role(text: &str, i: usize, c: char, mode: Mode) -> Role {
    let prev = text[..i].chars().next_back();
    let next = text[i + c.len_utf8()..].chars().next();
    match mode {
        Mode::Double => match c {
            '“' | '„' | '«' => Role::Open,
            '”' | '»' => Role::Close,
            // inches and seconds: 5'10", 30"
            '"' if prev.is_some_and(|p| p.is_ascii_digit()) => Role::None,
            '"' => Role::Either,
            _ => Role::None,
        },
        Mode::Single => match c {
            '‘' => Role::Open,
            // an apostrophe inside a word (don’t) or after a plural (ministers’ talks)
            // is not a closing mark
            '’' if next.is_some_and(|n| n.is_alphanumeric()) => Role::None,
            '’' if prev.is_some_and(|p| p.is_whitespace()) => Role::None,
            '’' if prev == Some('s')
                && text[i + c.len_utf8()..]
                    .trim_start_matches(' ')
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_lowercase()) =>
            {
                Role::None
            }
            '’' => Role::Close,
            _ => Role::None,
        },
    }
}

fn opens_with_mark(text: &str, para: (usize, usize), mode: Mode) -> bool {
    text[para.0..para.1]
        .chars()
        .next()
        .is_some_and(|c| matches!(role(text, para.0, c, mode), Role::Open | Role::Either))
}

fn trimmed(text: &str, start: usize, end: usize) -> Option<Span> {
    let inner = text.get(start..end)?;
    let lead = inner.len() - inner.trim_start().len();
    let t = inner.trim();
    if t.is_empty() {
        return None;
    }
    Some(Span::new((start + lead) as u32, (start + lead + t.len()) as u32))
}

/// Scans `text` for quoted stretches. Marks pair within a paragraph; a quote left open
/// at the end of a paragraph continues into the next paragraph only when that paragraph
/// opens with a quote mark (the multi-paragraph convention), and otherwise ends with its
/// paragraph, so a stray or unclosed mark never swallows the rest of the article.
/// Closing marks with nothing open are ignored.
pub fn scan(text: &str) -> Vec<Marked> {
    let paras = paragraphs(text);
    let mode = mode(text, &paras);
    let mut out = Vec::new();
    // (content start, opening mark offset, paragraph)
    let mut open: Option<(usize, usize, usize)> = None;
    let mut carried = false;
    for (k, &(ps, pe)) in paras.iter().enumerate() {
        for (off, c) in text[ps..pe].char_indices() {
            let i = ps + off;
            let r = role(text, i, c, mode);
            if r == Role::None {
                continue;
            }
            if carried && i == ps {
                // the opening mark that continues the previous paragraph's quote
                carried = false;
                continue;
            }
            let after = i + c.len_utf8();
            match (r, open) {
                (Role::Open, _) | (Role::Either, None) => open = Some((after, i, k)),
                (Role::Close, Some((s, o, p))) | (Role::Either, Some((s, o, p))) => {
                    if let Some(span) = trimmed(text, s, i) {
                        out.push(Marked { span, open: o, close: Some(i), paragraph: p });
                    }
                    open = None;
                }
                _ => {}
            }
        }
        carried = false;
        if let Some((s, o, p)) = open {
            let next = paras.get(k + 1).copied();
            if next.is_some_and(|n| opens_with_mark(text, n, mode)) {
                carried = true;
            } else {
                if let Some(span) = trimmed(text, s, pe) {
                    out.push(Marked { span, open: o, close: None, paragraph: p });
                }
                open = None;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts(text: &str) -> Vec<&str> {
        scan(text).iter().map(|m| m.span.get(text).unwrap()).collect()
    }

    #[test]
    fn straight_and_curly() {
        assert_eq!(texts("\"Go home,\" she said."), ["Go home,"]);
        assert_eq!(texts("“Go home,” she said."), ["Go home,"]);
    }

    #[test]
    fn split_quote_is_two_spans() {
        let t = "“We will stay,” he said, “and we will win.”";
        assert_eq!(texts(t), ["We will stay,", "and we will win."]);
    }

    #[test]
    fn multi_paragraph_quote_is_one_span() {
        let t = "He said:\n\n“First part.\n\n“Second part.\n\n“Last part.”\n\nThen more.";
        let got = texts(t);
        assert_eq!(got.len(), 1);
        assert!(got[0].starts_with("First part.") && got[0].ends_with("Last part."));
    }

    #[test]
    fn unclosed_mark_stays_in_its_paragraph() {
        let t = "She said “this never ends.\n\nA new paragraph. And another “quoted” one.";
        assert_eq!(texts(t), ["this never ends.", "quoted"]);
    }

    #[test]
    fn stray_closing_mark_is_ignored() {
        let t = "A stray” mark here. “Real quote,” he said.";
        assert_eq!(texts(t), ["Real quote,"]);
    }

    #[test]
    fn mixed_marks_pair() {
        let t = "“Mixed marks,\" he said. \"And again” she added.";
        assert_eq!(texts(t), ["Mixed marks,", "And again"]);
    }

    #[test]
    fn inches_are_not_marks() {
        assert_eq!(texts("He is 6'2\" tall. “Yes,” he said."), ["Yes,"]);
    }

    #[test]
    fn british_single_marks() {
        let t = "‘We don’t know,’ she said.\n\n‘The ministers’ talks failed,’ he added.";
        assert_eq!(texts(t), ["We don’t know,", "The ministers’ talks failed,"]);
    }

    #[test]
    fn single_marks_ignored_when_double_used() {
        let t = "“He told me, ‘wait’,” she said.";
        assert_eq!(texts(t), ["He told me, ‘wait’,"]);
    }

    proptest! {
        #[test]
        fn spans_inside_text_and_disjoint(s in "[a-z “”\"‘’'.,\n]{0,80}") {
            let found = scan(&s);
            let mut last = 0u32;
            for m in &found {
                prop_assert!(m.span.get(&s).is_some());
                prop_assert!(m.span.start >= last);
                prop_assert!(!m.span.is_empty());
                last = m.span.end;
            }
        }
    }
}
