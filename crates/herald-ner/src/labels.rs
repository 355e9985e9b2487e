//! Entity types, the BILOU label set the model predicts, and conversions between
//! BIO/IOB1 tag strings, label indices and spans.

/// A typed name span over the tokens of one sentence: tokens `[start, end)`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TokenSpan {
    /// First token of the name.
    pub start: usize,
    /// One past the last token of the name.
    pub end: usize,
    /// Entity type as the model names it (`PER`, `ORG`, `LOC`, `NORP`, …).
    pub kind: String,
}

/// Position of a token inside a name under the BILOU scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Beginning of a multi-token name.
    B,
    /// Inside a multi-token name.
    I,
    /// Last token of a multi-token name.
    L,
    /// A one-token name.
    U,
}

const PARTS: [Part; 4] = [Part::B, Part::I, Part::L, Part::U];

/// The label set of a model: `O` plus B/I/L/U for each entity type.
///
/// Label `0` is `O`; label `1 + 4 * t + p` is part `p` (B, I, L, U) of type `t`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelSet {
    types: Vec<String>,
}

impl LabelSet {
    /// A label set over the given entity types, in that order.
    pub fn new<S: Into<String>>(types: impl IntoIterator<Item = S>) -> LabelSet {
        LabelSet { types: types.into_iter().map(Into::into).collect() }
    }

    /// The entity types.
    pub fn types(&self) -> &[String] {
        &self.types
    }

    /// Number of labels (`1 + 4 * types`).
    pub fn len(&self) -> usize {
        1 + 4 * self.types.len()
    }

    /// True when the set has no entity type (only `O`).
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }

    /// Index of an entity type.
    pub fn type_index(&self, kind: &str) -> Option<usize> {
        self.types.iter().position(|t| t == kind)
    }

    /// The label for part `part` of type index `t`.
    pub fn label(&self, t: usize, part: Part) -> u16 {
        (1 + 4 * t + PARTS.iter().position(|&p| p == part).unwrap_or(0)) as u16
    }

    /// The type index and part of a label, `None` for `O`.
    pub fn decode(&self, label: u16) -> Option<(usize, Part)> {
        if label == 0 || label as usize >= self.len() {
            return None;
        }
        let l = label as usize - 1;
        Some((l / 4, PARTS[l % 4]))
    }

    /// Printable name of a label (`O`, `B-PER`, `L-LOC`, …).
    pub fn name(&self, label: u16) -> String {
        match self.decode(label) {
            None => "O".to_string(),
            Some((t, p)) => format!("{:?}-{}", p, self.types[t]),
        }
    }

    /// Whether `next` may follow `prev` in a well-formed BILOU sequence.
    /// `prev = None` means sentence start.
    pub fn allowed(&self, prev: Option<u16>, next: u16) -> bool {
        let open =
            prev.and_then(|p| self.decode(p)).filter(|(_, p)| matches!(p, Part::B | Part::I));
        match (open, self.decode(next)) {
            (Some((t, _)), Some((u, p))) => t == u && matches!(p, Part::I | Part::L),
            (Some(_), None) => false,
            (None, Some((_, p))) => matches!(p, Part::B | Part::U),
            (None, None) => true,
        }
    }

    /// Whether a sentence may end after `last`.
    pub fn may_end(&self, last: Option<u16>) -> bool {
        !matches!(last.and_then(|l| self.decode(l)), Some((_, Part::B | Part::I)))
    }

    /// BILOU labels for the given spans over `n` tokens. Spans of unknown types and
    /// overlapping spans are left out.
    pub fn encode(&self, n: usize, spans: &[TokenSpan]) -> Vec<u16> {
        let mut out = vec![0u16; n];
        for s in spans {
            let Some(t) = self.type_index(&s.kind) else { continue };
            if s.start >= s.end || s.end > n || out[s.start..s.end].iter().any(|&l| l != 0) {
                continue;
            }
            if s.end - s.start == 1 {
                out[s.start] = self.label(t, Part::U);
            } else {
                out[s.start] = self.label(t, Part::B);
                for l in &mut out[s.start + 1..s.end - 1] {
                    *l = self.label(t, Part::I);
                }
                out[s.end - 1] = self.label(t, Part::L);
            }
        }
        out
    }

    /// Spans of a BILOU label sequence. Ill-formed sequences are read leniently: a name
    /// closes at `L`, `U`, `O`, a type change or a new `B`.
    pub fn spans(&self, labels: &[u16]) -> Vec<TokenSpan> {
        let mut out = Vec::new();
        let mut open: Option<(usize, usize)> = None; // (start, type)
        for (i, &l) in labels.iter().enumerate() {
            let d = self.decode(l);
            if let Some((s, t)) = open {
                let continues = matches!(d, Some((u, Part::I | Part::L)) if u == t);
                if !continues {
                    out.push(TokenSpan { start: s, end: i, kind: self.types[t].clone() });
                    open = None;
                }
            }
            match d {
                Some((t, Part::B)) => open = Some((i, t)),
                Some((t, Part::U)) => {
                    out.push(TokenSpan { start: i, end: i + 1, kind: self.types[t].clone() })
                }
                Some((t, Part::I)) if open.is_none() => open = Some((i, t)),
                Some((t, Part::L)) => {
                    let s = open.take().map_or(i, |(s, _)| s);
                    out.push(TokenSpan { start: s, end: i + 1, kind: self.types[t].clone() });
                }
                _ => {}
            }
        }
        if let Some((s, t)) = open {
            out.push(TokenSpan { start: s, end: labels.len(), kind: self.types[t].clone() });
        }
        out
    }
}

/// BIO (IOB2) tag strings for spans over `n` tokens: `B-PER`, `I-PER`, `O`.
pub fn bio_tags(n: usize, spans: &[TokenSpan]) -> Vec<String> {
    let mut out = vec!["O".to_string(); n];
    for s in spans {
        if s.start >= s.end || s.end > n {
            continue;
        }
        out[s.start] = format!("B-{}", s.kind);
        for t in &mut out[s.start + 1..s.end] {
            *t = format!("I-{}", s.kind);
        }
    }
    out
}

/// Spans of a tag sequence in BIO, IOB1, BIOES or BILOU (`PER` alone counts as `I-PER`),
/// read as conlleval does.
pub fn spans_from_tags<S: AsRef<str>>(tags: &[S]) -> Vec<TokenSpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let tag = tag.as_ref();
        if tag == "O" || tag == "_" || tag.is_empty() {
            if let Some((s, k)) = open.take() {
                out.push(TokenSpan { start: s, end: i, kind: k });
            }
            continue;
        }
        let (pre, kind) = match tag.split_once('-') {
            Some((p, k)) => (p, k),
            None => ("I", tag),
        };
        let same = open.as_ref().is_some_and(|(_, k)| k == kind);
        if matches!(pre, "B" | "S" | "U") || !same {
            if let Some((s, k)) = open.take() {
                out.push(TokenSpan { start: s, end: i, kind: k });
            }
            open = Some((i, kind.to_string()));
        }
        if matches!(pre, "E" | "S" | "L" | "U") {
            if let Some((s, k)) = open.take() {
                out.push(TokenSpan { start: s, end: i + 1, kind: k });
            }
        }
    }
    if let Some((s, k)) = open {
        out.push(TokenSpan { start: s, end: tags.len(), kind: k });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(start: usize, end: usize, kind: &str) -> TokenSpan {
        TokenSpan { start, end, kind: kind.into() }
    }

    #[test]
    fn bilou_round_trip() {
        let ls = LabelSet::new(["PER", "ORG", "LOC"]);
        let spans = vec![sp(0, 2, "PER"), sp(3, 4, "LOC"), sp(5, 8, "ORG")];
        let labels = ls.encode(9, &spans);
        assert_eq!(ls.spans(&labels), spans);
        let names: Vec<String> = labels.iter().map(|&l| ls.name(l)).collect();
        assert_eq!(names[..4], ["B-PER", "L-PER", "O", "U-LOC"]);
    }

    #[test]
    fn iob1_and_bio_read_alike() {
        let iob1 = ["I-PER", "I-PER", "O", "I-LOC", "B-LOC"];
        assert_eq!(spans_from_tags(&iob1), vec![sp(0, 2, "PER"), sp(3, 4, "LOC"), sp(4, 5, "LOC")]);
        let bio = bio_tags(5, &spans_from_tags(&iob1));
        assert_eq!(bio, ["B-PER", "I-PER", "O", "B-LOC", "B-LOC"]);
    }

    #[test]
    fn transitions() {
        let ls = LabelSet::new(["PER"]);
        let b = ls.label(0, Part::B);
        let l = ls.label(0, Part::L);
        assert!(ls.allowed(None, b));
        assert!(!ls.allowed(None, l));
        assert!(ls.allowed(Some(b), l));
        assert!(!ls.allowed(Some(b), 0));
        assert!(!ls.may_end(Some(b)));
    }
}
