//! CoNLL-U reading and writing (Universal Dependencies' ten-column format).
//!
//! [`ConlluReader`] streams [`Sentence`]s from any `BufRead`. A sentence's `words` are the
//! syntactic words (the units tagged and parsed); multiword-token lines (`3-4`) and empty
//! nodes (`5.1`) are kept aside so that [`write_sentence`] reproduces them. Comment lines
//! (`# sent_id = …`, `# newdoc id = …`) are kept verbatim. A malformed line yields an
//! [`ConlluError::BadLine`] naming the file and line; the line is skipped and reading goes on.

use std::collections::VecDeque;
use std::io::{self, BufRead, Write};

/// A problem reading CoNLL-U.
#[derive(Debug, thiserror::Error)]
pub enum ConlluError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        #[source]
        source: io::Error,
    },
    /// A malformed line (skipped).
    #[error("{path}:{line}: {reason}")]
    BadLine {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// One syntactic word: the ten CoNLL-U columns. `_` is kept as `"_"`, except HEAD, which is
/// `None` when unspecified.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Word {
    /// 1-based position in the sentence.
    pub id: u32,
    /// Word form.
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal part-of-speech tag.
    pub upos: String,
    /// Language-specific tag (Penn Treebank for English).
    pub xpos: String,
    /// Morphological features.
    pub feats: String,
    /// Head word id (0 = root), if given.
    pub head: Option<u32>,
    /// Dependency relation to the head.
    pub deprel: String,
    /// Enhanced dependencies.
    pub deps: String,
    /// Anything else (`SpaceAfter=No`, entity brackets, …).
    pub misc: String,
}

impl Word {
    /// A word with only a form; other columns `_`.
    pub fn new(id: u32, form: &str) -> Word {
        let u = || "_".to_string();
        Word {
            id,
            form: form.to_string(),
            lemma: u(),
            upos: u(),
            xpos: u(),
            feats: u(),
            head: None,
            deprel: u(),
            deps: u(),
            misc: u(),
        }
    }
}

/// A multiword token such as `don't` = `do` + `n't`: ids `first..=last` of the words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MultiwordToken {
    /// First word id covered.
    pub first: u32,
    /// Last word id covered.
    pub last: u32,
    /// The full line, kept verbatim.
    pub line: String,
}

/// An empty node (enhanced UD), kept verbatim and written after word `after` (0 = first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmptyNode {
    /// The word id it follows.
    pub after: u32,
    /// The full line.
    pub line: String,
}

/// One CoNLL-U sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Comment lines, verbatim including `#`.
    pub comments: Vec<String>,
    /// Syntactic words, ids 1..=n in order.
    pub words: Vec<Word>,
    /// Multiword-token lines.
    pub multiword: Vec<MultiwordToken>,
    /// Empty-node lines.
    pub empty: Vec<EmptyNode>,
}

impl Sentence {
    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let rest = c.strip_prefix('#')?.trim_start();
            let rest = rest.strip_prefix(key)?.trim_start();
            Some(rest.strip_prefix('=')?.trim())
        })
    }

    /// `# sent_id`, if any.
    pub fn sent_id(&self) -> Option<&str> {
        self.comment("sent_id")
    }

    /// Whether every word has a head in `0..=n`, exactly one word has head 0, and the heads
    /// form a tree (no cycles).
    pub fn is_tree(&self) -> bool {
        let n = self.words.len();
        let mut roots = 0;
        for w in &self.words {
            match w.head {
                Some(0) => roots += 1,
                Some(h) if (h as usize) <= n && h != w.id => {}
                _ => return false,
            }
        }
        if roots != 1 {
            return false;
        }
        // Every word must reach the root within n steps.
        for w in &self.words {
            let mut h = w.head.unwrap_or(0);
            let mut steps = 0;
            while h != 0 {
                h = self.words[h as usize - 1].head.unwrap_or(0);
                steps += 1;
                if steps > n {
                    return false;
                }
            }
        }
        true
    }
}

/// Streams sentences from CoNLL-U text. Yields `Err` for each bad line (then continues).
pub struct ConlluReader<R> {
    reader: R,
    path: String,
    line_no: usize,
    buf: String,
    pending: VecDeque<Result<Sentence, ConlluError>>,
    done: bool,
}

impl<R: BufRead> ConlluReader<R> {
    /// Reads from `reader`; `path` names it in errors.
    pub fn new(reader: R, path: impl Into<String>) -> Self {
        ConlluReader {
            reader,
            path: path.into(),
            line_no: 0,
            buf: String::new(),
            pending: VecDeque::new(),
            done: false,
        }
    }

    fn bad(&self, reason: impl Into<String>) -> ConlluError {
        ConlluError::BadLine { path: self.path.clone(), line: self.line_no, reason: reason.into() }
    }

    /// Reads lines until a sentence is complete (or the input ends), queueing errors.
    fn fill(&mut self) {
        let mut sent = Sentence::default();
        loop {
            self.buf.clear();
            match self.reader.read_line(&mut self.buf) {
                Ok(0) => {
                    self.done = true;
                    break;
                }
                Ok(_) => {}
                Err(e) => {
                    self.pending
                        .push_back(Err(ConlluError::Io { path: self.path.clone(), source: e }));
                    self.done = true;
                    break;
                }
            }
            self.line_no += 1;
            let line = self.buf.trim_end_matches(['\n', '\r']).to_string();
            if line.trim().is_empty() {
                if sent.words.is_empty() && sent.comments.is_empty() {
                    continue;
                }
                break;
            }
            if line.starts_with('#') {
                sent.comments.push(line);
                continue;
            }
            if let Err(reason) = parse_line(&line, &mut sent) {
                let e = self.bad(reason);
                self.pending.push_back(Err(e));
            }
        }
        if !sent.words.is_empty() {
            // Multiword and empty-node lines are kept in word order, the order the writer
            // puts them in, so that a sentence survives a write and a re-read unchanged even
            // when the input listed them out of order.
            sent.multiword.sort_by_key(|m| m.first);
            sent.empty.sort_by_key(|e| e.after);
            self.pending.push_back(Ok(sent));
        }
    }
}

fn parse_line(line: &str, sent: &mut Sentence) -> Result<(), String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 10 {
        return Err(format!("{} columns, expected 10", cols.len()));
    }
    let id = cols[0];
    if let Some((a, b)) = id.split_once('-') {
        let first: u32 = a.parse().map_err(|_| format!("bad multiword id {id:?}"))?;
        let last: u32 = b.parse().map_err(|_| format!("bad multiword id {id:?}"))?;
        if first == 0 || last < first {
            return Err(format!("bad multiword range {id:?}"));
        }
        sent.multiword.push(MultiwordToken { first, last, line: line.to_string() });
        return Ok(());
    }
    if let Some((a, _)) = id.split_once('.') {
        let after: u32 = a.parse().map_err(|_| format!("bad empty-node id {id:?}"))?;
        sent.empty.push(EmptyNode { after, line: line.to_string() });
        return Ok(());
    }
    let n: u32 = id.parse().map_err(|_| format!("bad word id {id:?}"))?;
    let expected = sent.words.len() as u32 + 1;
    if n != expected {
        return Err(format!("word id {n} out of order (expected {expected})"));
    }
    if cols[1].is_empty() {
        return Err("empty FORM".into());
    }
    let head = match cols[6] {
        "_" => None,
        h => Some(h.parse().map_err(|_| format!("bad HEAD {h:?}"))?),
    };
    sent.words.push(Word {
        id: n,
        form: cols[1].to_string(),
        lemma: cols[2].to_string(),
        upos: cols[3].to_string(),
        xpos: cols[4].to_string(),
        feats: cols[5].to_string(),
        head,
        deprel: cols[7].to_string(),
        deps: cols[8].to_string(),
        misc: cols[9].to_string(),
    });
    Ok(())
}

impl<R: BufRead> Iterator for ConlluReader<R> {
    type Item = Result<Sentence, ConlluError>;

    fn next(&mut self) -> Option<Self::Item> {
        while self.pending.is_empty() && !self.done {
            self.fill();
        }
        self.pending.pop_front()
    }
}

/// Opens a CoNLL-U file for streaming (the path is kept for error messages).
pub fn read_file(
    path: &std::path::Path,
) -> Result<ConlluReader<io::BufReader<std::fs::File>>, ConlluError> {
    let name = path.display().to_string();
    let f =
        std::fs::File::open(path).map_err(|e| ConlluError::Io { path: name.clone(), source: e })?;
    Ok(ConlluReader::new(io::BufReader::new(f), name))
}

/// Writes one sentence in CoNLL-U, followed by a blank line.
pub fn write_sentence<W: Write>(w: &mut W, s: &Sentence) -> io::Result<()> {
    for c in &s.comments {
        writeln!(w, "{c}")?;
    }
    for e in s.empty.iter().filter(|e| e.after == 0) {
        writeln!(w, "{}", e.line)?;
    }
    for word in &s.words {
        for m in s.multiword.iter().filter(|m| m.first == word.id) {
            writeln!(w, "{}", m.line)?;
        }
        let head = match word.head {
            Some(h) => h.to_string(),
            None => "_".to_string(),
        };
        writeln!(
            w,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            word.id,
            word.form,
            word.lemma,
            word.upos,
            word.xpos,
            word.feats,
            head,
            word.deprel,
            word.deps,
            word.misc
        )?;
        for e in s.empty.iter().filter(|e| e.after == word.id) {
            writeln!(w, "{}", e.line)?;
        }
    }
    // Lines pointing past the last word (malformed input) are kept rather than lost.
    let n = s.words.len() as u32;
    for m in s.multiword.iter().filter(|m| m.first > n) {
        writeln!(w, "{}", m.line)?;
    }
    for e in s.empty.iter().filter(|e| e.after > n) {
        writeln!(w, "{}", e.line)?;
    }
    writeln!(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# newdoc id = d1\n# sent_id = d1-1\n# text = I don't.\n\
1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\t_\n\
3.1\tx\tx\t_\t_\t_\t_\t_\t0:root\t_\n\
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";

    #[test]
    fn round_trips_with_multiword_tokens_and_empty_nodes() {
        let sents: Vec<_> = ConlluReader::new(TEXT.as_bytes(), "t").map(|s| s.unwrap()).collect();
        assert_eq!(sents.len(), 1);
        let s = &sents[0];
        assert_eq!(s.words.len(), 4);
        assert_eq!(s.sent_id(), Some("d1-1"));
        assert_eq!(s.comment("newdoc id"), Some("d1"));
        assert!(s.is_tree());
        let mut out = Vec::new();
        write_sentence(&mut out, s).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), TEXT);
    }

    #[test]
    fn multiword_lines_out_of_order_survive_a_write_and_a_re_read() {
        // Found by the property test: "2-2" listed before "1-1".
        let text = "2-2\ta\t_\tX\tX\t_\t_\tdep\t_\t_\n1-1\ta\t_\tX\tX\t_\t_\tdep\t_\t_\n\
1\ta\t_\tX\tX\t_\t_\tdep\t_\t_\n";
        let s = ConlluReader::new(text.as_bytes(), "t").next().unwrap().unwrap();
        let mut out = Vec::new();
        write_sentence(&mut out, &s).unwrap();
        let again = ConlluReader::new(&out[..], "t").next().unwrap().unwrap();
        assert_eq!(again, s);
    }

    #[test]
    fn bad_lines_are_reported_and_skipped() {
        let text =
            "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\nbroken line\n2\tb\tb\tX\tX\t_\tone\tdep\t_\t_\n\n\
1\tc\tc\tX\tX\t_\t0\troot\t_\t_\n";
        let items: Vec<_> = ConlluReader::new(text.as_bytes(), "f.conllu").collect();
        let errs: Vec<String> =
            items.iter().filter_map(|r| r.as_ref().err()).map(|e| e.to_string()).collect();
        assert_eq!(errs.len(), 2);
        assert!(errs[0].starts_with("f.conllu:2:"), "{}", errs[0]);
        assert!(errs[1].starts_with("f.conllu:3:"), "{}", errs[1]);
        let sents: Vec<_> = items.into_iter().filter_map(Result::ok).collect();
        assert_eq!(sents.len(), 2);
        assert_eq!(sents[0].words.len(), 1);
    }
}
