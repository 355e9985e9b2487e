//! Readers for the annotated corpora herald's NER trains and is measured on.
//!
//! * [`read_conll`]: CoNLL-2003-style columns (token first, label last; BIO, IOB1,
//!   BIOES or BILOU tags; `-DOCSTART-` lines separate documents) — WikiGold and the
//!   files `herald ner --conll` reads and writes.
//! * [`read_uner`]: Universal NER `.iob2` files (`# ` comments; columns index, token,
//!   tag, …).
//! * [`read_gum`]: the entity layer of GUM's CoNLL-U files (`Entity=` brackets in
//!   MISC); named entities are the spans headed by a proper noun.
//!
//! Every reader skips a malformed line or sentence and reports it as a
//! [`NerError::BadLine`] naming the file and the line, then reads on.

use std::io::BufRead;
use std::path::Path;

use crate::labels::{spans_from_tags, TokenSpan};
use crate::NerError;

/// One sentence with its gold names.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sentence {
    /// The tokens, as written.
    pub tokens: Vec<String>,
    /// Gold name spans (may be empty).
    pub spans: Vec<TokenSpan>,
    /// True for the first sentence of a document (`-DOCSTART-`, `# newdoc`).
    pub doc_start: bool,
}

/// A corpus read from a file: its sentences and the lines that were skipped.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Sentences in file order.
    pub sentences: Vec<Sentence>,
    /// One error per skipped line, naming file and line.
    pub skipped: Vec<NerError>,
}

impl Corpus {
    /// Number of tokens over all sentences.
    pub fn tokens(&self) -> usize {
        self.sentences.iter().map(|s| s.tokens.len()).sum()
    }
}

/// One sentence of a CoNLL-style file, with its original lines kept so that it can be
/// written back with a new last column.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConllSentence {
    /// `-DOCSTART-` (or other non-token) lines that came before the sentence.
    pub preamble: Vec<String>,
    /// One line per token, as read (without the newline).
    pub lines: Vec<String>,
    /// The tokens (first column of each line).
    pub tokens: Vec<String>,
    /// The tags (last column), when lines have at least two columns.
    pub tags: Vec<String>,
}

impl ConllSentence {
    /// Writes the sentence with `labels` as the last column: replacing the existing last
    /// column when a line has two or more, appended otherwise. Ends with a blank line; a
    /// `-DOCSTART-` preamble is followed by one, as in CoNLL-2003.
    pub fn write<W: std::io::Write>(&self, out: &mut W, labels: &[String]) -> std::io::Result<()> {
        for p in &self.preamble {
            writeln!(out, "{p}")?;
        }
        if !self.preamble.is_empty() {
            writeln!(out)?;
        }
        for (line, label) in self.lines.iter().zip(labels) {
            let sep = if line.contains('\t') { '\t' } else { ' ' };
            let trimmed = line.trim_end();
            match trimmed.rfind(['\t', ' ']) {
                Some(cut) => writeln!(out, "{}{sep}{label}", &trimmed[..cut])?,
                None => writeln!(out, "{trimmed}{sep}{label}")?,
            }
        }
        if !self.lines.is_empty() {
            writeln!(out)?;
        }
        Ok(())
    }
}

fn open(path: &Path) -> Result<Box<dyn BufRead>, NerError> {
    let file = std::fs::File::open(path).map_err(|e| NerError::io(path, e))?;
    if path.extension().is_some_and(|e| e == "gz") {
        Ok(Box::new(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(file))))
    } else {
        Ok(Box::new(std::io::BufReader::new(file)))
    }
}

fn lines(path: &Path) -> Result<Vec<String>, NerError> {
    let mut out = Vec::new();
    for line in open(path)?.lines() {
        out.push(line.map_err(|e| NerError::io(path, e))?);
    }
    Ok(out)
}

fn bad(path: &Path, line: usize, reason: impl Into<String>) -> NerError {
    NerError::BadLine { path: path.to_path_buf(), line, reason: reason.into() }
}

/// Reads a CoNLL-2003-style file keeping its lines (see [`ConllSentence`]). A trailing
/// `-DOCSTART-` or comment block with no sentence after it is returned as a sentence
/// with no tokens.
pub fn read_conll_lines(path: &Path) -> Result<Vec<ConllSentence>, NerError> {
    let mut out = Vec::new();
    let mut cur = ConllSentence::default();
    for line in lines(path)? {
        let t = line.trim();
        if t.is_empty() {
            if !cur.lines.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if t.starts_with("-DOCSTART-") {
            if !cur.lines.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur.preamble.push(line);
            continue;
        }
        let cols: Vec<&str> = t.split_whitespace().collect();
        cur.tokens.push(cols[0].to_string());
        if cols.len() >= 2 {
            cur.tags.push(cols[cols.len() - 1].to_string());
        }
        cur.lines.push(line);
    }
    if !cur.lines.is_empty() || !cur.preamble.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Reads a CoNLL-2003-style file (token first, tag last) into sentences with spans.
/// Lines with a single column make the sentence untagged; a sentence mixing tagged and
/// untagged lines is skipped and reported.
pub fn read_conll(path: &Path) -> Result<Corpus, NerError> {
    let mut corpus = Corpus::default();
    let mut line_no = 0;
    let mut start_line = 1;
    let mut toks: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let mut doc = false;
    let flush = |toks: &mut Vec<String>,
                 tags: &mut Vec<String>,
                 doc: &mut bool,
                 at: usize,
                 c: &mut Corpus| {
        if toks.is_empty() {
            return;
        }
        if !tags.is_empty() && tags.len() != toks.len() {
            c.skipped.push(bad(path, at, "sentence mixes lines with and without a tag column"));
        } else if let Some(t) = tags.iter().find(|t| !valid_tag(t)) {
            c.skipped.push(bad(path, at, format!("unreadable tag {t:?} in sentence")));
        } else {
            let spans = spans_from_tags(tags);
            let doc_start = std::mem::take(doc);
            c.sentences.push(Sentence { tokens: std::mem::take(toks), spans, doc_start });
        }
        toks.clear();
        tags.clear();
    };
    for line in lines(path)? {
        line_no += 1;
        let t = line.trim();
        if t.is_empty() || t.starts_with("-DOCSTART-") {
            flush(&mut toks, &mut tags, &mut doc, start_line, &mut corpus);
            start_line = line_no + 1;
            doc |= t.starts_with("-DOCSTART-");
            continue;
        }
        let cols: Vec<&str> = t.split_whitespace().collect();
        toks.push(cols[0].to_string());
        if cols.len() >= 2 {
            tags.push(cols[cols.len() - 1].to_string());
        }
    }
    flush(&mut toks, &mut tags, &mut doc, start_line, &mut corpus);
    Ok(corpus)
}

fn valid_tag(t: &str) -> bool {
    if t == "O" {
        return true;
    }
    match t.split_once('-') {
        Some((p, k)) => matches!(p, "B" | "I" | "E" | "S" | "L" | "U") && !k.is_empty(),
        None => false,
    }
}

/// Reads a Universal NER `.iob2` file: `#` comment lines, then one token per line with
/// tab-separated columns index, token, tag (and annotator columns, ignored).
pub fn read_uner(path: &Path) -> Result<Corpus, NerError> {
    let mut corpus = Corpus::default();
    let mut toks = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let mut broken = false;
    let mut new_doc = false;
    let mut start_line = 1;
    let all = lines(path)?;
    let n = all.len();
    for (i, line) in all.into_iter().chain(std::iter::once(String::new())).enumerate() {
        let t = line.trim_end();
        if t.is_empty() {
            if !toks.is_empty() && !broken {
                let spans = spans_from_tags(&tags);
                let tokens = std::mem::take(&mut toks);
                let doc_start = std::mem::take(&mut new_doc);
                corpus.sentences.push(Sentence { tokens, spans, doc_start });
            }
            toks.clear();
            tags.clear();
            broken = false;
            start_line = i + 2;
            continue;
        }
        if t.starts_with('#') {
            new_doc |= t.starts_with("# newdoc");
            continue;
        }
        let cols: Vec<&str> = t.split('\t').collect();
        if cols.len() < 3 || cols[1].is_empty() || !valid_tag(cols[2]) {
            if i < n {
                corpus.skipped.push(bad(
                    path,
                    i + 1,
                    format!("expected index, token, tag columns (sentence from line {start_line} skipped)"),
                ));
            }
            broken = true;
            continue;
        }
        toks.push(cols[1].to_string());
        tags.push(cols[2].to_string());
    }
    Ok(corpus)
}

/// GUM entity types mapped to herald's NER types; other types are not names here.
fn gum_type(t: &str) -> Option<&'static str> {
    match t {
        "person" => Some("PER"),
        "organization" => Some("ORG"),
        "place" => Some("LOC"),
        _ => None,
    }
}

/// Reads the named entities of a GUM CoNLL-U file. Documents whose `# newdoc id` starts
/// with one of `exclude_docs` (e.g. `GUM_fiction_`, `GUM_whow_`, licensed NC) are left
/// out. A span is a name when a token heading it (its head lies outside the span) is a
/// `PROPN`; person/organization/place map to PER/ORG/LOC; nested names keep the
/// outermost.
pub fn read_gum(path: &Path, exclude_docs: &[&str]) -> Result<Corpus, NerError> {
    struct Tok {
        form: String,
        upos: String,
        xpos: String,
        head: usize,
    }
    let mut corpus = Corpus::default();
    let mut skip_doc = false;
    let mut new_doc = false;
    let mut toks: Vec<Tok> = Vec::new();
    let mut open: Vec<(String, usize, Option<&'static str>)> = Vec::new();
    let mut cands: Vec<(usize, usize, &'static str)> = Vec::new();
    let mut broken = false;
    let all = lines(path)?;
    for (i, line) in all.into_iter().chain(std::iter::once(String::new())).enumerate() {
        let t = line.trim_end();
        if let Some(id) = t.strip_prefix("# newdoc id = ") {
            skip_doc = exclude_docs.iter().any(|x| id.starts_with(x));
            new_doc = true;
            continue;
        }
        if t.starts_with('#') {
            continue;
        }
        if t.is_empty() {
            if !toks.is_empty() && !broken && !skip_doc {
                let mut spans: Vec<TokenSpan> = Vec::new();
                cands.sort_by_key(|&(s, e, _)| (std::cmp::Reverse(e - s), s));
                for &(s, e, kind) in &cands {
                    let head = (s..e).find(|&k| {
                        let h = toks[k].head;
                        (h == 0 || h - 1 < s || h > e)
                            && (toks[k].upos == "PROPN" || toks[k].xpos.starts_with("NNP"))
                    });
                    let Some(h) = head else { continue };
                    // GUM spans are whole noun phrases ("the former president Obama");
                    // the name is the run of proper nouns around the head, with "of",
                    // "and", "the", "&" inside it ("Bank of America").
                    let propn = |k: usize| {
                        let t = &toks[k];
                        t.upos == "PROPN"
                            || t.xpos.starts_with("NNP")
                            || (t.form.chars().next().is_some_and(char::is_uppercase)
                                && matches!(t.upos.as_str(), "ADJ" | "NOUN" | "NUM"))
                    };
                    let glue = |k: usize| {
                        matches!(toks[k].form.as_str(), "of" | "and" | "the" | "&" | "de" | "-")
                    };
                    let (mut a, mut b) = (h, h + 1);
                    while a > s && (propn(a - 1) || (a - 1 > s && glue(a - 1) && propn(a - 2))) {
                        a -= 1;
                    }
                    while b < e && (propn(b) || (b + 1 < e && glue(b) && propn(b + 1))) {
                        b += 1;
                    }
                    if !spans.iter().any(|x| x.start < b && a < x.end) {
                        spans.push(TokenSpan { start: a, end: b, kind: kind.to_string() });
                    }
                }
                spans.sort();
                let tokens = toks.drain(..).map(|t| t.form).collect();
                let doc_start = std::mem::take(&mut new_doc);
                corpus.sentences.push(Sentence { tokens, spans, doc_start });
            }
            toks.clear();
            open.clear();
            cands.clear();
            broken = false;
            continue;
        }
        let cols: Vec<&str> = t.split('\t').collect();
        if cols.len() != 10 {
            corpus.skipped.push(bad(path, i + 1, "expected 10 CoNLL-U columns"));
            broken = true;
            continue;
        }
        if cols[0].contains(['-', '.']) {
            continue; // multiword-token ranges and empty nodes carry no token of their own
        }
        let head = cols[6].parse::<usize>().unwrap_or(0);
        let idx = toks.len();
        toks.push(Tok {
            form: cols[1].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
        });
        let Some(ent) = cols[9].split('|').find_map(|f| f.strip_prefix("Entity=")) else {
            continue;
        };
        // CorefUD brackets: "(id-type-…" opens, "id)" closes, "(id-type-…)" both.
        let b = ent.as_bytes();
        let mut k = 0;
        while k < b.len() {
            if b[k] == b'(' {
                let body_end = ent[k + 1..].find(['(', ')']).map_or(b.len(), |x| x + k + 1);
                let body = &ent[k + 1..body_end];
                let mut parts = body.split('-');
                let id = parts.next().unwrap_or("").to_string();
                let kind = parts.next().and_then(gum_type);
                if body_end < b.len() && b[body_end] == b')' {
                    if let Some(kind) = kind {
                        cands.push((idx, idx + 1, kind));
                    }
                    k = body_end + 1;
                } else {
                    open.push((id, idx, kind));
                    k = body_end;
                }
            } else {
                let end = ent[k..].find(')').map_or(b.len(), |x| x + k);
                let id = &ent[k..end];
                if let Some(pos) = open.iter().rposition(|(o, _, _)| o == id) {
                    let (_, s, kind) = open.remove(pos);
                    if let Some(kind) = kind {
                        cands.push((s, idx + 1, kind));
                    }
                }
                k = end + 1;
            }
        }
    }
    Ok(corpus)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(name: &str, text: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("herald-ner-corpus-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn conll_iob1_and_bad_lines() {
        let p = write(
            "a.conll",
            "-DOCSTART- O\n\nJohn I-PER\nSmith I-PER\nran O\n\nx B-\ny O\n\nParis I-LOC\n",
        );
        let c = read_conll(&p).unwrap();
        assert_eq!(c.sentences.len(), 2);
        assert_eq!(c.sentences[0].spans, vec![TokenSpan { start: 0, end: 2, kind: "PER".into() }]);
        assert_eq!(c.skipped.len(), 1);
        let msg = c.skipped[0].to_string();
        assert!(msg.contains("a.conll") && msg.contains("line 7"), "{msg}");
    }

    #[test]
    fn uner_skips_bad_sentence() {
        let p = write("b.iob2", "# newdoc id = d1\n# text = A B\n1\tAl\tB-ORG\t-\tx\n2\tZaman\tI-ORG\t-\tx\n\n1\tbad\n2\tok\tO\n\n1\tUS\tB-LOC\n");
        let c = read_uner(&p).unwrap();
        assert_eq!(c.sentences.len(), 2);
        assert_eq!(c.skipped.len(), 1);
        assert!(c.skipped[0].to_string().contains("line 6"));
        assert!(c.sentences[0].doc_start && !c.sentences[1].doc_start);
    }

    #[test]
    fn gum_entities_headed_by_propn() {
        let text = "# newdoc id = GUM_news_x\n\
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\tEntity=(1-organization-new-x\n\
2\tUN\tUN\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=1)\n\
3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n\
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\tEntity=(2-person-new-x\n\
5\tchief\tchief\tNOUN\tNN\t_\t3\tobj\t_\tEntity=2)\n\
6\tin\tin\tADP\tIN\t_\t7\tcase\t_\t_\n\
7\tParis\tParis\tPROPN\tNNP\t_\t3\tobl\t_\tEntity=(3-place-new-x-3)\n\
\n\
# newdoc id = GUM_fiction_y\n\
1\tAnna\tAnna\tPROPN\tNNP\t_\t0\troot\t_\tEntity=(4-person-new-x-4)\n\n";
        let p = write("c.conllu", text);
        let c = read_gum(&p, &["GUM_fiction_"]).unwrap();
        assert_eq!(c.sentences.len(), 1);
        let kinds: Vec<_> =
            c.sentences[0].spans.iter().map(|s| (s.start, s.end, s.kind.as_str())).collect();
        // "The UN": the name is the proper noun, without the determiner of the GUM span.
        assert_eq!(kinds, vec![(1, 2, "ORG"), (6, 7, "LOC")]);
    }

    #[test]
    fn conll_lines_round_trip() {
        let p = write("d.conll", "-DOCSTART- -X- O\n\nEU NNP B-ORG\nrejects VBZ O\n\nHi\n");
        let s = read_conll_lines(&p).unwrap();
        assert_eq!(s.len(), 2);
        let mut out = Vec::new();
        s[0].write(&mut out, &["B-ORG".into(), "O".into()]).unwrap();
        s[1].write(&mut out, &["O".into()]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "-DOCSTART- -X- O\n\nEU NNP B-ORG\nrejects VBZ O\n\nHi O\n\n"
        );
    }
}
