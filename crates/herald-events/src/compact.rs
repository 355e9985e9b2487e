//! herald's compact verb dictionary format: gzip-compressed UTF-8 text, one record per
//! line, tab-separated, first line `herald-verbs <version>` and second `source <name>`.
//! Patterns and verbs are written in dictionary syntax and read back with the same parser,
//! so the format cannot drift from the reader.
//!
//! ```text
//! herald-verbs 1
//! source  CAMEO.2.0.txt
//! S  CURRENCY  64  MONEY|CASH_|SWISS FRANCS
//! B  ACCELERATE  ---  709
//! V  SPEED  SPEEDING SPEEDS SPED  -  716
//! P  * (TO)  042:043  718
//! T  a a b ATTACK SAY  a b 015  9178
//! ```
//! `V` and `P` records belong to the last `B` before them. A text format keeps a shipped
//! dictionary reviewable in diffs; gzip makes it small.

use std::io::{BufRead, BufReader, Read, Write};

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use crate::verbs::{member_from_text, pattern_from_text, verb_from_text};
use crate::{
    CodePair, EventsError, LineError, Synset, Term, Transformation, VerbBlock, VerbDict, VerbEntry,
};

const MAGIC: &str = "herald-verbs";
const VERSION: u32 = 1;

/// `CAMEO.2.0.txt` compiled (see `data/README.md`).
const BUNDLED: &[u8] = include_bytes!("../data/cameo-verbs.gz");

/// herald's own additions, in PETRARCH verb-file format (small: read at load time).
const HERALD_VERBS: &str = include_str!("../data/herald.verbs.txt");

impl VerbDict {
    /// The verb dictionary shipped inside herald: PETRARCH2's `CAMEO.2.0.txt` compiled, with
    /// herald's additions (`data/herald.verbs.txt`) merged over it. An error only if the
    /// shipped files were damaged, which a test rules out.
    pub fn bundled() -> Result<VerbDict, EventsError> {
        let mut dict = VerbDict::bundled_cameo()?;
        let extra = crate::verbs::parse_verbs_over(HERALD_VERBS, "herald.verbs.txt", Some(&dict));
        if let Some(e) = extra.errors.first() {
            return Err(EventsError::Format {
                path: e.file.clone(),
                line: e.line,
                reason: e.reason.clone(),
            });
        }
        dict.merge(extra.dict);
        Ok(dict)
    }

    /// `CAMEO.2.0.txt` alone, as compiled into `data/cameo-verbs.gz`.
    pub fn bundled_cameo() -> Result<VerbDict, EventsError> {
        VerbDict::read(BUNDLED, "bundled cameo-verbs.gz")
    }

    /// Writes the dictionary in herald's compact format.
    pub fn write<W: Write>(&self, out: W) -> std::io::Result<()> {
        let mut gz = GzEncoder::new(out, flate2::Compression::best());
        writeln!(gz, "{MAGIC} {VERSION}")?;
        writeln!(gz, "source\t{}", self.source())?;
        for s in self.synsets() {
            let members: Vec<String> = s
                .members
                .iter()
                .map(|m| {
                    let words: Vec<String> = m.words.iter().map(Term::to_string).collect();
                    let mut t = words.join(" ");
                    // A single word without its plural is written as the dictionary does.
                    if !m.plural && m.words.len() == 1 {
                        t.push('_');
                    }
                    t
                })
                .collect();
            writeln!(gz, "S\t{}\t{}\t{}", s.name, s.line, members.join("|"))?;
        }
        for (b, block) in self.blocks().iter().enumerate() {
            writeln!(gz, "B\t{}\t{}\t{}", block.name, block.code, block.line)?;
            for v in self.verbs().iter().filter(|v| v.block as usize == b) {
                let mut words: Vec<String> = v.before.clone();
                words.push(format!("+{}", v.lemma));
                words.extend(v.after.iter().cloned());
                let code = v.code.map_or("-".to_owned(), |c| c.to_string());
                writeln!(
                    gz,
                    "V\t{}\t{}\t{}\t{}",
                    words.join("_"),
                    v.forms[1..].join(" "),
                    code,
                    v.line
                )?;
            }
            for p in &block.patterns {
                writeln!(gz, "P\t{p}\t{}\t{}", p.code, p.line)?;
            }
        }
        for t in self.transformations() {
            writeln!(gz, "T\t{}\t{}\t{}", t.pattern.join(" "), t.result.join(" "), t.line)?;
        }
        gz.finish()?.flush()
    }

    /// Reads a user's verb dictionary: herald's compact format (gzip) or a PETRARCH/TABARI
    /// text file. Bad lines of a text file are skipped and returned, each naming file and
    /// line; only I/O and a damaged compact file fail.
    pub fn load_file(path: &std::path::Path) -> Result<(VerbDict, Vec<LineError>), EventsError> {
        let bytes = std::fs::read(path)
            .map_err(|source| EventsError::Io { path: path.display().to_string(), source })?;
        if bytes.starts_with(&[0x1f, 0x8b]) {
            return Ok((
                VerbDict::read(bytes.as_slice(), &path.display().to_string())?,
                Vec::new(),
            ));
        }
        let parsed = crate::read_verb_file(path)?;
        Ok((parsed.dict, parsed.errors))
    }

    /// Reads a dictionary in herald's compact format; `name` (a path, or `"bundled"`)
    /// names it in errors. A bad record is an error naming its line: the file is generated,
    /// so damage means a broken file, not a typo to skip. Never panics.
    pub fn read<R: Read>(input: R, name: &str) -> Result<VerbDict, EventsError> {
        let reader = BufReader::new(GzDecoder::new(input));
        let format = |line: usize, reason: String| EventsError::Format {
            path: name.to_owned(),
            line,
            reason,
        };
        let mut source = String::new();
        let (mut synsets, mut blocks, mut verbs, mut transformations) =
            (Vec::new(), Vec::<VerbBlock>::new(), Vec::new(), Vec::new());
        for (i, line) in reader.lines().enumerate() {
            let line_no = i + 1;
            let line = line.map_err(|e| format(line_no, format!("cannot read: {e}")))?;
            if i == 0 {
                let version = line.strip_prefix(MAGIC).map(str::trim);
                match version.and_then(|v| v.parse::<u32>().ok()) {
                    Some(VERSION) => continue,
                    Some(v) => {
                        return Err(format(1, format!("version {v}, this herald reads {VERSION}")))
                    }
                    None => return Err(format(1, "not a herald verb dictionary".to_owned())),
                }
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let bad =
                |what: &str, why: String| format(line_no, format!("bad {what} record: {why}"));
            let num = |s: &str, what: &str| {
                s.parse::<u32>().map_err(|_| bad(what, format!("line number {s:?}")))
            };
            let code = |s: &str, what: &str| {
                CodePair::parse(s).ok_or_else(|| bad(what, format!("code {s:?}")))
            };
            match fields.as_slice() {
                ["source", s] => source = (*s).to_owned(),
                ["S", sname, line, members] => {
                    let members = members
                        .split('|')
                        .filter(|m| !m.is_empty())
                        .map(member_from_text)
                        .collect::<Result<Vec<_>, _>>()
                        .map_err(|e| bad("set", e))?;
                    synsets.push(Synset {
                        name: (*sname).to_owned(),
                        members,
                        line: num(line, "set")?,
                    });
                }
                ["B", bname, c, line] => blocks.push(VerbBlock {
                    name: (*bname).to_owned(),
                    code: code(c, "block")?,
                    patterns: Vec::new(),
                    line: num(line, "block")?,
                }),
                ["V", words, forms, c, line] => {
                    let block = blocks
                        .len()
                        .checked_sub(1)
                        .ok_or_else(|| bad("verb", "before any block".into()))?;
                    let (before, lemma, after) =
                        verb_from_text(words).map_err(|e| bad("verb", e))?;
                    let mut all = vec![lemma.clone()];
                    all.extend(forms.split(' ').filter(|f| !f.is_empty()).map(str::to_owned));
                    let own = if *c == "-" { None } else { Some(code(c, "verb")?) };
                    verbs.push(VerbEntry {
                        lemma,
                        before,
                        after,
                        forms: all,
                        code: own,
                        block: block as u32,
                        line: num(line, "verb")?,
                    });
                }
                ["P", text, c, line] => {
                    let block = blocks
                        .last_mut()
                        .ok_or_else(|| bad("pattern", "before any block".into()))?;
                    let mut p = pattern_from_text(text).map_err(|e| bad("pattern", e))?;
                    p.code = code(c, "pattern")?;
                    p.line = num(line, "pattern")?;
                    block.patterns.push(p);
                }
                ["T", pattern, result, line] => transformations.push(Transformation {
                    pattern: pattern.split(' ').map(str::to_owned).collect(),
                    result: result.split(' ').map(str::to_owned).collect(),
                    line: num(line, "transformation")?,
                }),
                _ => return Err(format(line_no, "unknown record".to_owned())),
            }
        }
        if blocks.is_empty() && synsets.is_empty() {
            return Err(format(1, "empty dictionary".to_owned()));
        }
        Ok(VerbDict::new(source, synsets, blocks, verbs, transformations))
    }
}

#[cfg(test)]
mod tests {
    use crate::{parse_verbs, VerbDict};

    const SAMPLE: &str = "\
&FOOD_
+RICE
+WHEAT_FLOUR
+&GRAIN

&GRAIN
+BARLEY

--- GRANT [070] ---
GIVE {GAVE GIVEN GIVING}
+HAND_OVER [0711]
RE_+SUPPLY
- * &FOOD (TO +) [073]
- $ * {MILITARY AID} (TO +) (FROM ^) [0712:071]
- IN_* [075]
- % * SO_OUT [:042]
~ a (a b ATTACK) SAY = a b 015
";

    #[test]
    fn round_trips() {
        let parsed = parse_verbs(SAMPLE, "sample.verbs");
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let dict = parsed.dict;
        let mut bytes = Vec::new();
        dict.write(&mut bytes).unwrap();
        let back = VerbDict::read(bytes.as_slice(), "test").unwrap();
        assert_eq!(back.source(), "sample.verbs");
        assert_eq!(back.synsets(), dict.synsets());
        assert_eq!(back.blocks(), dict.blocks());
        assert_eq!(back.verbs(), dict.verbs());
        assert_eq!(back.transformations(), dict.transformations());
        let mut again = Vec::new();
        back.write(&mut again).unwrap();
        assert_eq!(again, bytes, "writing is deterministic");
    }

    /// The bundled file is `CAMEO.2.0.txt` compiled; set `HERALD_REGENERATE=1` to rewrite
    /// it after changing the reader or the source.
    #[test]
    fn bundled_verbs_match_the_shared_source() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let src = dir.join("../../../shared/data/petrarch2/CAMEO.2.0.txt");
        if !src.exists() {
            eprintln!("skipped: {} absent", src.display());
            return;
        }
        let parsed = crate::read_verb_file(&src).unwrap();
        let mut fresh = Vec::new();
        parsed.dict.write(&mut fresh).unwrap();
        if std::env::var_os("HERALD_REGENERATE").is_some() {
            std::fs::write(dir.join("data/cameo-verbs.gz"), &fresh).unwrap();
            return;
        }
        let text = |bytes: &[u8]| {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(bytes), &mut s)
                .unwrap();
            s
        };
        assert!(
            text(super::BUNDLED) == text(&fresh),
            "data/cameo-verbs.gz is stale: run with HERALD_REGENERATE=1"
        );
        let bundled = VerbDict::bundled_cameo().unwrap();
        assert_eq!(bundled.verbs(), parsed.dict.verbs());
        assert_eq!(bundled.blocks(), parsed.dict.blocks());
    }

    #[test]
    fn damage_is_an_error_naming_the_line() {
        assert!(VerbDict::read(&b"not gzip"[..], "x").is_err());
        let gz = |text: &str| {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            std::io::Write::write_all(&mut gz, text.as_bytes()).unwrap();
            gz.finish().unwrap()
        };
        let err = VerbDict::read(
            gz("herald-verbs 1\nB\tX\t010\t3\nP\t* (TO\t010\t4\n").as_slice(),
            "v.gz",
        );
        let err = err.unwrap_err().to_string();
        assert!(err.starts_with("v.gz: line 3: bad pattern record"), "{err}");
        let err =
            VerbDict::read(gz("herald-verbs 2\n").as_slice(), "v.gz").unwrap_err().to_string();
        assert!(err.contains("version 2"), "{err}");
        let err =
            VerbDict::read(gz("herald-verbs 1\nV\t+X\t\t-\t1\n").as_slice(), "v.gz").unwrap_err();
        assert!(err.to_string().contains("before any block"), "{err}");
    }
}
