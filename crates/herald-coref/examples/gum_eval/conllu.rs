//! GUM CoNLL-U (with CorefUD `Entity=` brackets in MISC) to herald `Doc`s with gold tokens,
//! tags, lemmas and trees, gold names (as a recognizer would give them) and gold chains.

use herald_doc::{intern_deprel, intern_xpos, Article, Doc, Name, Sentence, Span, Upos};

/// One gold mention: entity id, entity type, tokens `[start, end)` in document indices.
#[derive(Clone, Debug)]
pub struct GoldMention {
    pub entity: String,
    pub etype: String,
    pub start: u32,
    pub end: u32,
}

/// A converted document.
pub struct GumDoc {
    pub id: String,
    pub doc: Doc,
    pub mentions: Vec<GoldMention>,
}

struct Word {
    form: String,
    lemma: String,
    upos: String,
    xpos: String,
    head: u32,
    deprel: String,
    misc: String,
    /// Whitespace follows in the text.
    space: bool,
}

/// Reads every document of a CoNLL-U file.
pub fn read(text: &str) -> Vec<GumDoc> {
    let mut docs = Vec::new();
    let mut cur: Option<Builder> = None;
    let mut sent: Vec<Word> = Vec::new();
    let mut new_par = false;
    let mut mwt_end = 0u32;
    let mut mwt_space = true;
    for line in text.lines() {
        if let Some(id) = line.strip_prefix("# newdoc id = ") {
            if let Some(b) = cur.take() {
                docs.push(b.finish());
            }
            cur = Some(Builder::new(id.trim()));
            new_par = true;
            continue;
        }
        if line.starts_with("# newpar") {
            new_par = true;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            mwt_end = 0;
            if !sent.is_empty() {
                if let Some(b) = cur.as_mut() {
                    b.add_sentence(std::mem::take(&mut sent), new_par);
                }
                new_par = false;
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 {
            continue;
        }
        if let Some((a, b)) = cols[0].split_once('-') {
            // A multiword token: its parts are written together, the space comes after it.
            let _ = a;
            mwt_end = b.parse().unwrap_or(0);
            mwt_space = !cols[9].contains("SpaceAfter=No");
            continue;
        }
        if cols[0].contains('.') {
            continue;
        }
        let id: u32 = cols[0].parse().unwrap_or(0);
        let space = if id < mwt_end {
            false
        } else if id == mwt_end {
            mwt_space
        } else {
            !cols[9].contains("SpaceAfter=No")
        };
        sent.push(Word {
            form: cols[1].to_owned(),
            lemma: cols[2].to_owned(),
            upos: cols[3].to_owned(),
            xpos: cols[4].to_owned(),
            head: cols[6].parse().unwrap_or(0),
            deprel: cols[7].to_owned(),
            misc: cols[9].to_owned(),
            space,
        });
    }
    if let Some(b) = cur.as_mut() {
        if !sent.is_empty() {
            b.add_sentence(sent, new_par);
        }
    }
    if let Some(b) = cur {
        docs.push(b.finish());
    }
    docs
}

struct Builder {
    id: String,
    doc: Doc,
    text: String,
    paragraph: i64,
    open: Vec<(String, String, u32)>,
    mentions: Vec<GoldMention>,
}

impl Builder {
    fn new(id: &str) -> Builder {
        Builder {
            id: id.to_owned(),
            doc: Doc::new(Article::new(id, "")),
            text: String::new(),
            paragraph: -1,
            open: Vec::new(),
            mentions: Vec::new(),
        }
    }

    fn add_sentence(&mut self, words: Vec<Word>, new_par: bool) {
        if new_par || self.paragraph < 0 {
            self.paragraph += 1;
            if !self.text.is_empty() {
                self.text.push_str("\n\n");
            }
        } else if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.text.push(' ');
        }
        let base = self.doc.tokens.len() as u32;
        let sent_start = self.text.len() as u32;
        for (i, w) in words.iter().enumerate() {
            let start = self.text.len() as u32;
            self.text.push_str(&w.form);
            let end = self.text.len() as u32;
            let last = i + 1 == words.len();
            self.doc.tokens.push(Span::new(start, end), w.space);
            if w.space && !last {
                self.text.push(' ');
            }
            self.doc.tokens.upos.push(Upos::parse(&w.upos).unwrap_or_default());
            self.doc.tokens.xpos.push(intern_xpos(&w.xpos));
            self.doc.tokens.head.push(if w.head == 0 { None } else { Some(base + w.head - 1) });
            self.doc.tokens.deprel.push(intern_deprel(&w.deprel));
            self.doc.tokens.push_lemma(&w.lemma);
            let t = base + i as u32;
            for field in w.misc.split('|') {
                if let Some(v) = field.strip_prefix("Entity=") {
                    self.brackets(v, t);
                }
            }
        }
        let end = self.doc.tokens.spans.last().map_or(sent_start, |s| s.end);
        self.doc.sentences.push(Sentence {
            span: Span::new(sent_start, end),
            tokens: base..self.doc.tokens.len() as u32,
            paragraph: self.paragraph as u32,
        });
    }

    /// Parses `(12-person-...)`, `(12-person-...` and `12)` in order.
    fn brackets(&mut self, v: &str, t: u32) {
        let b = v.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'(' {
                let j = (i + 1..b.len()).find(|&j| b[j] == b')' || b[j] == b'(').unwrap_or(b.len());
                let body = &v[i + 1..j];
                let mut parts = body.split('-');
                let id = parts.next().unwrap_or("").to_owned();
                let etype = parts.next().unwrap_or("").to_owned();
                if j < b.len() && b[j] == b')' {
                    self.mentions.push(GoldMention { entity: id, etype, start: t, end: t + 1 });
                    i = j + 1;
                } else {
                    self.open.push((id, etype, t));
                    i = j;
                }
            } else {
                let j = (i..b.len()).find(|&j| b[j] == b')').unwrap_or(b.len());
                let id = &v[i..j];
                if let Some(k) = self.open.iter().rposition(|(o, _, _)| o == id) {
                    let (entity, etype, start) = self.open.remove(k);
                    self.mentions.push(GoldMention { entity, etype, start, end: t + 1 });
                }
                i = j + 1;
            }
        }
    }

    fn finish(mut self) -> GumDoc {
        self.doc.article.text = self.text;
        self.mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        let names = gold_names(&self.doc, &self.mentions);
        self.doc.layers.names = names;
        GumDoc { id: self.id, doc: self.doc, mentions: self.mentions }
    }
}

/// The syntactic head of tokens `[start, end)` in the gold tree.
pub fn range_head(doc: &Doc, start: u32, end: u32) -> u32 {
    (start..end)
        .find(|&t| doc.tokens.head[t as usize].is_none_or(|h| h < start || h >= end))
        .unwrap_or(start)
}

/// The NER type a GUM entity type corresponds to.
pub fn ner_kind(etype: &str) -> Option<&'static str> {
    match etype {
        "person" => Some("PERSON"),
        "organization" => Some("ORG"),
        "place" => Some("GPE"),
        _ => None,
    }
}

/// True for a gold mention a recognizer would tag: headed by a proper noun, of a type the
/// recognizer knows.
pub fn is_named(doc: &Doc, m: &GoldMention) -> bool {
    ner_kind(&m.etype).is_some()
        && doc.tokens.upos[range_head(doc, m.start, m.end) as usize] == Upos::Propn
}

/// Honorifics and titles a recognizer leaves out of a person's name.
const TITLE_WORDS: &[&str] = &[
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "sir",
    "lord",
    "lady",
    "president",
    "minister",
    "prime",
    "foreign",
    "secretary",
    "general",
    "senator",
    "king",
    "queen",
    "prince",
    "princess",
    "governor",
    "mayor",
    "pope",
    "saint",
    "st.",
    "judge",
    "justice",
    "professor",
    "prof.",
    "captain",
    "colonel",
    "emperor",
    "chancellor",
    "premier",
    "rev.",
    "reverend",
];

/// Names as a recognizer gives them: for each named gold mention, the proper nouns around
/// its head (joined by "of", "and", "&" between proper nouns), without a person's leading
/// titles; the longest wins where two overlap.
fn gold_names(doc: &Doc, mentions: &[GoldMention]) -> Vec<Name> {
    let word = |t: u32| doc.text_of(doc.tokens.spans[t as usize]).to_lowercase();
    let propn = |t: u32| doc.tokens.upos[t as usize] == Upos::Propn;
    let mut cands: Vec<(u32, u32, &'static str)> = Vec::new();
    for m in mentions {
        if !is_named(doc, m) {
            continue;
        }
        let kind = ner_kind(&m.etype).unwrap_or("MISC");
        let h = range_head(doc, m.start, m.end);
        let mut s = h;
        while s > m.start && propn(s - 1) {
            s -= 1;
        }
        let mut e = h + 1;
        while e < m.end {
            if propn(e) {
                e += 1;
            } else if e + 1 < m.end
                && matches!(word(e).as_str(), "of" | "and" | "&" | "for" | "de")
                && propn(e + 1)
            {
                e += 2;
            } else {
                break;
            }
        }
        if kind == "PERSON" {
            while s < h && TITLE_WORDS.contains(&word(s).as_str()) {
                s += 1;
            }
        }
        cands.push((s, e, kind));
    }
    cands.sort_by_key(|&(s, e, _)| (std::cmp::Reverse(e - s), s));
    let mut taken: Vec<(u32, u32, &'static str)> = Vec::new();
    for c in cands {
        if !taken.iter().any(|&(s, e, _)| s < c.1 && c.0 < e) {
            taken.push(c);
        }
    }
    taken.sort();
    taken
        .into_iter()
        .map(|(s, e, kind)| Name {
            tokens: s..e,
            span: Span::new(
                doc.tokens.spans[s as usize].start,
                doc.tokens.spans[e as usize - 1].end,
            ),
            kind,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::read;

    const SAMPLE: &str = "# newdoc id = d1\n# newpar\n# text = Maria Lopez left. She's gone.\n\
1\tMaria\tMaria\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=(7-person-new-x-x-1,2-coref\n\
2\tLopez\tLopez\tPROPN\tNNP\t_\t1\tflat\t_\tEntity=7)\n\
3\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n\
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n\
1-2\tShe's\t_\t_\t_\t_\t_\t_\t_\t_\n\
1\tShe\tshe\tPRON\tPRP\t_\t3\tnsubj\t_\tEntity=(7-person-giv-x-x-1-ana)\n\
2\t's\tbe\tAUX\tVBZ\t_\t3\taux\t_\t_\n\
3\tgone\tgo\tVERB\tVBN\t_\t0\troot\t_\tSpaceAfter=No\n\
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";

    #[test]
    fn reads_tokens_names_and_chains() {
        let docs = read(SAMPLE);
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.doc.article.text, "Maria Lopez left. She's gone.");
        assert_eq!(d.doc.tokens.len(), 8);
        assert_eq!(d.doc.tokens.head[5], Some(6));
        assert_eq!(d.doc.layers.names.len(), 1);
        assert_eq!(d.doc.text_of(d.doc.layers.names[0].span), "Maria Lopez");
        let spans: Vec<(u32, u32)> = d.mentions.iter().map(|m| (m.start, m.end)).collect();
        assert_eq!(spans, [(0, 2), (4, 5)]);
        assert!(d.mentions.iter().all(|m| m.entity == "7"));
    }
}
