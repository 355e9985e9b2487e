//! Reader for PETRARCH/TABARI verb dictionaries (`CAMEO.2.0.txt`, `PETR.Validate.verbs.txt`)
//! and the compiled [`VerbDict`] it produces.
//!
//! The format, as PETRARCH2 reads it (`PETRreader.read_verb_dictionary`):
//!
//! - `&NAME` starts a synonym set; its `+WORD` / `+TWO WORDS` / `+TWO_WORDS` lines are the
//!   members. A member or label ending in `_` gets no generated plural; other single-word
//!   members also match their regular plural.
//! - `--- NAME [CODE] ---` starts a verb block; `[CODE]` is the block's default code
//!   (`[---]`: the verb alone makes no event).
//! - Verb lines: `SAY {SAID SAYING}` (irregular forms, all of them) or `DENOUNCE` (regular
//!   forms generated), an optional `[CODE]` of the verb's own; multi-word verbs join words
//!   with `_` and mark the verb with `+`: `+CORDON_OFF`, `RE_+ARREST`.
//! - Patterns: `- PRE * POST [CODE] # comment`, shared by all verbs of the block. `*` is the
//!   verb; bare words are phrase heads; `{A B C}` a noun phrase whose head is `C`; `(TO X)`
//!   a prepositional phrase; `&SET` a synonym set; `$` the source, `+` the target, `^` a
//!   skipped actor (a place: "visit to ^ +"), `%` the compound (coordinated) actor; words
//!   joined by `_` must be consecutive (`IN_*`, `*_OUT`).
//! - `[042:043]`: active code (source → target) and passive code (target → source).
//! - `~ a (a b ATTACK) SAY = a b 015`: a verb transformation (a verb whose object is another
//!   event), kept as written.
//! - Comments: `#` or `;` to the end of the line, `<!-- ... -->` lines.
//!
//! Two places where herald deliberately differs from PETRARCH2: a `+` line inside a verb
//! block is always a multi-word verb (PETRARCH2 files it under the block name as a synonym
//! set member when no `####### VERB PATTERNS` line precedes it), and `<!--` lines are
//! comments (PETRARCH2 stops recording patterns at the first one, which silently drops
//! every pattern of `PETR.Validate.verbs.txt`).

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use crate::{CodePair, EventsError, LineError};

/// One element of a pattern or synonym set member.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Term {
    /// A word, upper case (`SANCTIONS`).
    Word(String),
    /// A synonym set, by its name without `&` and trailing `_` (`CURRENCY`).
    Synset(String),
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `^`: an actor to skip (not source, not target: typically a place).
    Skip,
    /// `%`: a compound actor (both sides of a coordination are the source).
    Compound,
}

/// A term and whether the next item in text order must follow it directly.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Item {
    /// The term.
    pub term: Term,
    /// True when written with `_` before the next item (`IN_*`: no word between IN and
    /// the verb).
    pub glued: bool,
}

/// One element of a pattern side.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Element {
    /// A single term.
    Item(Item),
    /// `{A B C}`: a noun phrase; the last item is its head, the others its modifiers.
    Phrase(Vec<Item>),
    /// `(PREP X ...)`: a prepositional phrase; `objects` may be empty (`(TO)`: any object).
    Prep {
        /// The preposition (a word, rarely a slot).
        prep: Item,
        /// What it governs.
        objects: Vec<Element>,
    },
}

/// A verb pattern, relative to its verb.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Pattern {
    /// Elements before the verb, in text order.
    pub before: Vec<Element>,
    /// Elements after the verb, in text order.
    pub after: Vec<Element>,
    /// True when the verb is glued to the first element after it (`*_OUT`).
    pub verb_glued: bool,
    /// The code the pattern assigns.
    pub code: CodePair,
    /// Line in the source dictionary (1-based), kept as evidence.
    pub line: u32,
}

/// A verb block: `--- NAME [CODE] ---`, its verbs and their shared patterns.
#[derive(Clone, Debug, PartialEq)]
pub struct VerbBlock {
    /// The block's name (`ACCELERATE`).
    pub name: String,
    /// Default code for verbs without their own.
    pub code: CodePair,
    /// Patterns, in file order.
    pub patterns: Vec<Pattern>,
    /// Line of the header.
    pub line: u32,
}

/// One verb (or multi-word verb) of a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbEntry {
    /// The verb word's base form, upper case (`ASK` for `+ASK_FOR`).
    pub lemma: String,
    /// Words that come before the verb in a multi-word verb (`RE` in `RE_+ARREST`).
    pub before: Vec<String>,
    /// Words that come after it (`FOR` in `+ASK_FOR`).
    pub after: Vec<String>,
    /// Inflected forms of the verb word (the lemma first): given in `{...}`, else
    /// generated (`-S`, `-ED`, `-ING`).
    pub forms: Vec<String>,
    /// The verb's own code, if it has one; else the block's applies.
    pub code: Option<CodePair>,
    /// Index of its block in [`VerbDict::blocks`].
    pub block: u32,
    /// Line in the source dictionary.
    pub line: u32,
}

/// A synonym set member: a phrase of consecutive words (or nested sets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SynsetMember {
    /// The words (only [`Term::Word`] and [`Term::Synset`] occur).
    pub words: Vec<Term>,
    /// Whether the regular plural of a single-word member also matches.
    pub plural: bool,
}

/// A synonym set, `&NAME`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Synset {
    /// Name without `&` and trailing `_`.
    pub name: String,
    /// Members, in file order.
    pub members: Vec<SynsetMember>,
    /// Line of the label.
    pub line: u32,
}

/// Support ("light") verbs whose object noun carries the event: the blocks holding them are
/// where [`VerbDict::noun_events`] looks.
pub const LIGHT_VERBS: &[&str] = &[
    "BEGIN",
    "CARRY",
    "CONDUCT",
    "HOLD",
    "LAUNCH",
    "MAKE",
    "MOUNT",
    "OPEN",
    "ORGANISE",
    "ORGANIZE",
    "RESUME",
    "STAGE",
    "START",
    "UNDERTAKE",
    "UNLEASH",
];

/// A verb transformation, `~ a (a b ATTACK) SAY = a b 015`, kept as its two sides' tokens
/// (parentheses dropped, as PETRARCH2 does): what it means is the coder's business.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transformation {
    /// Left of `=`: `a a b ATTACK SAY`.
    pub pattern: Vec<String>,
    /// Right of `=`: `a b 015`.
    pub result: Vec<String>,
    /// Line in the source dictionary.
    pub line: u32,
}

/// A nominal event derived from the dictionary: a pattern `* NOUN ...` of a verb block
/// that holds a light verb ([`LIGHT_VERBS`]: "stage an *attack*", "launch an *air raid*",
/// "hold *talks*"), where the noun, not the verb, names the event. CAMEO.2.0 has no noun
/// dictionary of its own (PETRARCH2 codes verbs only); this is the part of its verb patterns
/// that says which nouns carry events. A block may also hold other verbs (STAGE shares
/// its block with SET and PUT), so each entry keeps its block and line for the coder to judge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NounEvent {
    /// The noun (a word, set or `{...}` phrase), then any further elements of the pattern.
    pub elements: Vec<Element>,
    /// The code.
    pub code: CodePair,
    /// Index of the block whose pattern it comes from (the light verb).
    pub block: u32,
    /// Line of the pattern.
    pub line: u32,
}

/// A compiled verb dictionary: synonym sets, verb blocks with patterns, verbs by lemma and
/// by form, transformations.
#[derive(Clone, Debug, Default)]
pub struct VerbDict {
    source: String,
    synsets: Vec<Synset>,
    blocks: Vec<VerbBlock>,
    verbs: Vec<VerbEntry>,
    transformations: Vec<Transformation>,
    /// For merged dictionaries: (first block index, file name) of each merged-in file.
    block_sources: Vec<(u32, String)>,
    synset_index: HashMap<String, u32>,
    by_lemma: HashMap<String, Vec<u32>>,
    by_form: HashMap<String, Vec<u32>>,
    /// Head words (last word, upper case) of every synonym set's phrases, built on first
    /// use by the coder.
    synset_heads: std::sync::OnceLock<HashMap<String, std::collections::HashSet<String>>>,
    /// (set, head word) → the words before the head in each phrase; see
    /// [`VerbDict::synset_modifiers`].
    #[allow(clippy::type_complexity)]
    synset_modifiers: std::sync::OnceLock<HashMap<(String, String), Vec<Vec<String>>>>,
}

/// A verb dictionary read from text, with the lines that were skipped.
#[derive(Clone, Debug)]
pub struct ParsedVerbs {
    /// What was read.
    pub dict: VerbDict,
    /// Lines skipped, each naming file and line.
    pub errors: Vec<LineError>,
}

impl VerbDict {
    /// Assembles a dictionary from its parts and builds the lookup indexes. Verbs and
    /// synonym sets keep their order; lookups return them in that order.
    pub fn new(
        source: String,
        synsets: Vec<Synset>,
        blocks: Vec<VerbBlock>,
        verbs: Vec<VerbEntry>,
        transformations: Vec<Transformation>,
    ) -> VerbDict {
        let mut d =
            VerbDict { source, synsets, blocks, verbs, transformations, ..Default::default() };
        for (i, s) in d.synsets.iter().enumerate() {
            d.synset_index.entry(s.name.clone()).or_insert(i as u32);
        }
        for (i, v) in d.verbs.iter().enumerate() {
            d.by_lemma.entry(v.lemma.clone()).or_default().push(i as u32);
            for f in &v.forms {
                let ids = d.by_form.entry(f.clone()).or_default();
                if !ids.contains(&(i as u32)) {
                    ids.push(i as u32);
                }
            }
        }
        d
    }

    /// The name of the file it was read from (for evidence and errors); the first one
    /// for a merged dictionary (see [`VerbDict::block_source`]).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The file a block was read from: a merged dictionary keeps each block's origin, so
    /// evidence can point to the right file and line.
    pub fn block_source(&self, block: u32) -> &str {
        self.block_sources
            .iter()
            .rev()
            .find(|(first, _)| *first <= block)
            .map_or(self.source.as_str(), |(_, name)| name.as_str())
    }

    /// Adds `extra`'s blocks, verbs, synonym sets and transformations to this dictionary.
    /// Where both have a verb form, `extra`'s entry comes first in lookups: the coder takes
    /// the entry whose pattern matches best and, when none matches, the first, so a user's
    /// (or herald's) additions add patterns to a verb and override its default. Synonym sets
    /// keep the base's definition when both define one.
    pub fn merge(&mut self, extra: VerbDict) {
        let offset = self.blocks.len() as u32;
        self.block_sources.push((offset, extra.source.clone()));
        let mut verbs: Vec<VerbEntry> = extra
            .verbs
            .into_iter()
            .map(|mut v| {
                v.block += offset;
                v
            })
            .collect();
        verbs.append(&mut self.verbs);
        let mut synsets = std::mem::take(&mut self.synsets);
        synsets.extend(extra.synsets);
        let mut blocks = std::mem::take(&mut self.blocks);
        blocks.extend(extra.blocks);
        let mut transformations = std::mem::take(&mut self.transformations);
        transformations.extend(extra.transformations);
        let block_sources = std::mem::take(&mut self.block_sources);
        let source = std::mem::take(&mut self.source);
        *self = VerbDict::new(source, synsets, blocks, verbs, transformations);
        self.block_sources = block_sources;
    }

    /// Synonym sets, in file order.
    pub fn synsets(&self) -> &[Synset] {
        &self.synsets
    }

    /// The synonym set named `name` (without `&`).
    pub fn synset(&self, name: &str) -> Option<&Synset> {
        self.synset_index.get(name).map(|&i| &self.synsets[i as usize])
    }

    /// Verb blocks, in file order.
    pub fn blocks(&self) -> &[VerbBlock] {
        &self.blocks
    }

    /// Every verb entry, in file order.
    pub fn verbs(&self) -> &[VerbEntry] {
        &self.verbs
    }

    /// Verb transformations.
    pub fn transformations(&self) -> &[Transformation] {
        &self.transformations
    }

    /// Entries whose verb word has this lemma (upper case), multi-word verbs included.
    pub fn by_lemma(&self, lemma: &str) -> impl Iterator<Item = &VerbEntry> {
        self.by_lemma.get(lemma).into_iter().flatten().map(|&i| &self.verbs[i as usize])
    }

    /// Entries with this inflected form (upper case: `SAID`), in file order. A verb listed
    /// in several blocks yields several entries; PETRARCH2 uses the first.
    pub fn by_form(&self, form: &str) -> impl Iterator<Item = &VerbEntry> {
        self.by_form.get(form).into_iter().flatten().map(|&i| &self.verbs[i as usize])
    }

    /// The code a verb has on its own: its own, else its block's.
    pub fn default_code(&self, verb: &VerbEntry) -> CodePair {
        verb.code.unwrap_or(self.blocks[verb.block as usize].code)
    }

    /// The patterns that apply to a verb (its block's).
    pub fn patterns(&self, verb: &VerbEntry) -> &[Pattern] {
        &self.blocks[verb.block as usize].patterns
    }

    /// Number of patterns over all blocks.
    pub fn pattern_count(&self) -> usize {
        self.blocks.iter().map(|b| b.patterns.len()).sum()
    }

    /// The phrases a synonym set matches, as upper-case words, nested sets expanded and
    /// plurals added (single-word members only, as PETRARCH2 does). Nesting deeper than
    /// four levels, or a cycle, is cut off.
    pub fn expand_synset(&self, name: &str) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        self.expand_into(name, 0, &mut out);
        out
    }

    fn expand_into(&self, name: &str, depth: usize, out: &mut Vec<Vec<String>>) {
        let Some(set) = self.synset(name).filter(|_| depth < 4) else { return };
        for m in &set.members {
            let mut phrases: Vec<Vec<String>> = vec![Vec::new()];
            for t in &m.words {
                match t {
                    Term::Synset(inner) => {
                        let mut sub = Vec::new();
                        self.expand_into(inner, depth + 1, &mut sub);
                        phrases = phrases
                            .iter()
                            .flat_map(|p| sub.iter().map(move |s| [p.clone(), s.clone()].concat()))
                            .collect();
                    }
                    Term::Word(w) => phrases.iter_mut().for_each(|p| p.push(w.clone())),
                    _ => {}
                }
            }
            for p in phrases {
                if m.plural && p.len() == 1 {
                    let plural = plural_noun(&p[0]);
                    out.push(p);
                    out.push(vec![plural]);
                } else {
                    out.push(p);
                }
            }
        }
    }

    /// The head words (last word of each phrase, upper case) a synonym set matches: the
    /// words the coder looks for among a verb's dependents. Built once, on first use.
    pub fn synset_heads(&self, name: &str) -> Option<&std::collections::HashSet<String>> {
        self.synset_heads
            .get_or_init(|| {
                self.synsets
                    .iter()
                    .map(|s| {
                        let heads = self
                            .expand_synset(&s.name)
                            .into_iter()
                            .filter_map(|p| p.last().cloned())
                            .collect();
                        (s.name.clone(), heads)
                    })
                    .collect()
            })
            .get(name)
    }

    /// For a synonym set's head word, the words before it in each of the set's phrases that
    /// end with it (`TOTAL` for `TOTAL BOYCOTT`; an empty list for a one-word member, which
    /// needs nothing more). Built once, on first use.
    pub fn synset_modifiers(&self, name: &str, head: &str) -> Option<&[Vec<String>]> {
        self.synset_modifiers
            .get_or_init(|| {
                let mut out: HashMap<(String, String), Vec<Vec<String>>> = HashMap::new();
                for s in &self.synsets {
                    for mut phrase in self.expand_synset(&s.name) {
                        let Some(head) = phrase.pop() else { continue };
                        out.entry((s.name.clone(), head)).or_default().push(phrase);
                    }
                }
                out
            })
            .get(&(name.to_owned(), head.to_owned()))
            .map(Vec::as_slice)
    }

    /// Nominal events: patterns `* NOUN ...` (nothing but actor slots before the verb) in
    /// blocks that hold a light verb, so the noun carries the event. See [`NounEvent`]. See [`NounEvent`].
    pub fn noun_events(&self) -> Vec<NounEvent> {
        let mut out = Vec::new();
        for (b, block) in self.blocks.iter().enumerate() {
            let light = self
                .verbs
                .iter()
                .any(|v| v.block as usize == b && LIGHT_VERBS.contains(&v.lemma.as_str()));
            if !light {
                continue;
            }
            for p in &block.patterns {
                let slots_only = p.before.iter().all(|e| {
                    matches!(e, Element::Item(Item { term: Term::Source | Term::Target, .. }))
                });
                let noun_first = match p.after.first() {
                    Some(Element::Phrase(_)) => true,
                    Some(Element::Item(i)) => matches!(i.term, Term::Word(_) | Term::Synset(_)),
                    _ => false,
                };
                if slots_only && noun_first && !p.code.is_null() {
                    out.push(NounEvent {
                        elements: p.after.clone(),
                        code: p.code,
                        block: b as u32,
                        line: p.line,
                    });
                }
            }
        }
        out
    }
}

/// Reads a verb dictionary file; errors in lines are collected, only I/O fails.
pub fn read_verb_file(path: &Path) -> Result<ParsedVerbs, EventsError> {
    let (text, name) = crate::read_source(path)?;
    Ok(parse_verbs(&text, &name))
}

enum Section {
    None,
    Synset(usize),
    Block(usize),
}

/// Parses a verb dictionary's text; `name` names it in errors and in the dictionary.
pub fn parse_verbs(text: &str, name: &str) -> ParsedVerbs {
    parse_verbs_over(text, name, None)
}

/// Reads a verb dictionary that extends `base` (to be [`VerbDict::merge`]d over it): its
/// patterns may name `base`'s synonym sets (`&CEASEFIRE`) without defining them.
pub fn parse_verbs_over(text: &str, name: &str, base: Option<&VerbDict>) -> ParsedVerbs {
    let mut synsets: Vec<Synset> = Vec::new();
    let mut blocks: Vec<VerbBlock> = Vec::new();
    let mut verbs: Vec<VerbEntry> = Vec::new();
    let mut transformations = Vec::new();
    let mut errors = Vec::new();
    let mut section = Section::None;
    let mut set_no_plural: Vec<bool> = Vec::new();
    let mut in_xml_comment = false;
    // Synonym set references are checked once the whole file is read: (block, line, set).
    let mut references: Vec<(u32, u32, String)> = Vec::new(); // (block, line, synset)

    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let err = |reason: String| LineError::new(name, line_no, reason);
        let trimmed = raw.trim();
        if in_xml_comment {
            in_xml_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.starts_with("<!") {
            in_xml_comment = !trimmed.contains("-->");
            continue;
        }
        let line = strip_comment(raw).trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let ln = line_no as u32;
        if line.starts_with("---") {
            match parse_block_header(line) {
                Ok((bname, code, warn)) => {
                    if let Some(w) = warn {
                        errors.push(err(w));
                    }
                    blocks.push(VerbBlock { name: bname, code, patterns: Vec::new(), line: ln });
                    section = Section::Block(blocks.len() - 1);
                }
                Err(reason) => {
                    errors.push(err(reason));
                    // Verbs that follow must not join the previous block: open an unnamed
                    // block with the null code.
                    blocks.push(VerbBlock {
                        name: String::new(),
                        code: CodePair::NULL,
                        patterns: Vec::new(),
                        line: ln,
                    });
                    section = Section::Block(blocks.len() - 1);
                }
            }
        } else if let Some(label) = line.strip_prefix('&') {
            let label = label.trim();
            if label.is_empty() || label.contains(char::is_whitespace) {
                errors.push(err(format!("bad synonym set label {line:?}")));
                section = Section::None;
                continue;
            }
            let no_plural = label.ends_with('_');
            let sname = label.trim_end_matches('_').to_owned();
            synsets.push(Synset { name: sname, members: Vec::new(), line: ln });
            // A label ending in `_` turns plurals off for all its members.
            set_no_plural.push(no_plural);
            section = Section::Synset(synsets.len() - 1);
        } else if let (Some(member), Section::Synset(s)) = (line.strip_prefix('+'), &section) {
            match parse_member(member) {
                Ok(mut m) => {
                    m.plural &= !set_no_plural[*s];
                    synsets[*s].members.push(m);
                }
                Err(reason) => errors.push(err(reason)),
            }
        } else if let Some(body) = line.strip_prefix('~') {
            match body.split_once('=') {
                Some((l, r)) if !l.trim().is_empty() && !r.trim().is_empty() => {
                    let toks = |s: &str| {
                        s.replace(['(', ')'], " ")
                            .split_whitespace()
                            .map(str::to_owned)
                            .collect::<Vec<_>>()
                    };
                    transformations.push(Transformation {
                        pattern: toks(l),
                        result: toks(r),
                        line: ln,
                    });
                }
                _ => errors.push(err("transformation without `=`".into())),
            }
        } else if let Some(body) = line.strip_prefix('-') {
            let Section::Block(b) = section else {
                errors.push(err("pattern outside a verb block".into()));
                continue;
            };
            match parse_pattern_line(body, ln) {
                Ok(p) => {
                    for s in pattern_synsets(&p) {
                        references.push((b as u32, ln, s));
                    }
                    blocks[b].patterns.push(p);
                }
                Err(reason) => errors.push(err(reason)),
            }
        } else {
            let Section::Block(b) = section else {
                errors.push(err(format!("line outside any block or set: {:?}", line.trim())));
                continue;
            };
            match parse_verb_line(line.trim()) {
                Ok(mut v) => {
                    v.block = b as u32;
                    v.line = ln;
                    verbs.push(v);
                }
                Err(reason) => errors.push(err(reason)),
            }
        }
    }
    // A pattern that names an undefined set can never match as written: PETRARCH2 drops
    // it, so does herald, naming the line.
    let defined: std::collections::HashSet<&str> = synsets
        .iter()
        .chain(base.into_iter().flat_map(|b| b.synsets.iter()))
        .map(|s| s.name.as_str())
        .collect();
    let mut dropped: BTreeMap<(u32, u32), String> = BTreeMap::new();
    for (b, line, set) in &references {
        if !defined.contains(set.as_str()) {
            dropped.entry((*b, *line)).or_insert_with(|| set.clone());
        }
    }
    for ((b, line), set) in &dropped {
        blocks[*b as usize].patterns.retain(|p| p.line != *line);
        errors.push(LineError::new(name, *line as usize, format!("undefined synonym set &{set}")));
    }
    let mut undefined_in_sets = Vec::new();
    for s in &synsets {
        for m in &s.members {
            for t in &m.words {
                if let Term::Synset(n) = t {
                    if !defined.contains(n.as_str()) {
                        undefined_in_sets.push(LineError::new(
                            name,
                            s.line as usize,
                            format!("set &{} uses undefined set &{n}", s.name),
                        ));
                    }
                }
            }
        }
    }
    errors.extend(undefined_in_sets);
    errors.sort_by_key(|e| e.line);
    let dict = VerbDict::new(name.to_owned(), synsets, blocks, verbs, transformations);
    ParsedVerbs { dict, errors }
}

/// Drops `# ...` and `; ...` comments. `#` inside `[...]` is not a comment start (so that
/// a bad code like `[###]` is reported as a bad code, not silently truncated).
fn strip_comment(line: &str) -> &str {
    let mut depth = 0;
    for (i, c) in line.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '#' | ';' if depth <= 0 => return &line[..i],
            _ => {}
        }
    }
    line
}

/// `---  ACCELERATE   [---]  ---` → name, code, and a warning when the code was bad (the
/// block is kept with the null code so its verbs stay together).
fn parse_block_header(line: &str) -> Result<(String, CodePair, Option<String>), String> {
    let inner = line.trim().trim_start_matches('-').trim_end_matches('-').trim();
    let (name_part, code) = match inner.find('[') {
        Some(open) => {
            let close =
                inner[open..].find(']').map(|c| open + c).ok_or("block header: unclosed `[`")?;
            (&inner[..open], Some(&inner[open + 1..close]))
        }
        None => (inner, None),
    };
    // `--- LASH OUT [122] ---` (TABARI style) is named `LASH_OUT`.
    let name = name_part.split_whitespace().collect::<Vec<_>>().join("_");
    let name = name.trim_end_matches('_');
    if name.is_empty() {
        return Err(format!("bad block header {:?}", line.trim()));
    }
    match code.map(|c| (c, CodePair::parse(c))) {
        None => Ok((name.to_owned(), CodePair::NULL, None)),
        Some((_, Some(code))) => Ok((name.to_owned(), code, None)),
        Some((c, None)) => Ok((
            name.to_owned(),
            CodePair::NULL,
            Some(format!("block {name}: bad code [{c}], block kept with the null code")),
        )),
    }
}

/// `+WORD`, `+TWO WORDS`, `+TWO_WORDS_`, `+&OTHERSET` (after the `+`).
fn parse_member(s: &str) -> Result<SynsetMember, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("empty synonym set member".into());
    }
    let no_plural = s.ends_with('_');
    let words: Vec<Term> = s
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| match w.strip_prefix('&') {
            Some(n) => Term::Synset(n.to_owned()),
            None => Term::Word(w.to_uppercase()),
        })
        .collect();
    if words.iter().any(|t| matches!(t, Term::Word(w) if w.contains(['$', '%', '^', '*', '[', ']', '{', '}', '(', ')', '|'])))
    {
        return Err(format!("synonym set member {s:?} holds a pattern token"));
    }
    let plural = !no_plural && words.len() == 1 && matches!(words[0], Term::Word(_));
    Ok(SynsetMember { words, plural })
}

/// A verb line: `SAY {SAID SAYING} [010]`, `+ASK_FOR {+ASKED_FOR +ASKS_FOR} [020]`.
fn parse_verb_line(line: &str) -> Result<VerbEntry, String> {
    let mut rest = line;
    let mut code = None;
    if let Some(open) = rest.rfind('[') {
        let close = rest[open..].find(']').map(|c| open + c).ok_or("verb line: unclosed `[`")?;
        if !rest[close + 1..].trim().is_empty() {
            return Err(format!("text after the code in verb line {line:?}"));
        }
        let c = &rest[open + 1..close];
        code = Some(CodePair::parse(c).ok_or_else(|| format!("bad code [{c}]"))?);
        rest = &rest[..open];
    }
    let mut forms_text = None;
    if let Some(open) = rest.find('{') {
        let close = rest.find('}').filter(|&c| c > open).ok_or("verb line: unclosed `{`")?;
        if !rest[close + 1..].trim().is_empty() {
            return Err(format!("text after the forms in verb line {line:?}"));
        }
        forms_text = Some(&rest[open + 1..close]);
        rest = &rest[..open];
    }
    // `LASH OUT` (TABARI style, a space instead of `_`) is read as `LASH_OUT`.
    let head = rest.split_whitespace().collect::<Vec<_>>().join("_");
    if head.is_empty() {
        return Err(format!("verb line {line:?} has no verb"));
    }
    // Forms are separated by spaces, and in a few lines by commas.
    let listed: Vec<&str> = forms_text
        .map(|t| {
            t.split(|c: char| c.is_whitespace() || c == ',').filter(|f| !f.is_empty()).collect()
        })
        .unwrap_or_default();
    let (before, verb, after) = split_compound(&head, inflected_word(&head, &listed))?;
    let mut forms = vec![verb.clone()];
    if forms_text.is_some() {
        for f in listed {
            let (b, form, a) = split_compound(f, Some(before.len()))?;
            if b != before || a != after {
                return Err(format!("form {f:?} does not match the words of {head:?}"));
            }
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
    } else {
        for f in regular_forms(&verb) {
            if !forms.contains(&f) {
                forms.push(f);
            }
        }
    }
    Ok(VerbEntry { lemma: verb, before, after, forms, code, block: 0, line: 0 })
}

/// Which word of a multi-word verb is inflected, judged from its listed forms: the one
/// position where the forms differ from the head (`+WIRE_TAP {+WIRE_TAPS ...}` inflects
/// TAP although `+` marks WIRE; PETRARCH2 would file TAPS as a particle). `None` when the
/// forms do not say, and the `+` decides.
fn inflected_word(head: &str, forms: &[&str]) -> Option<usize> {
    let words = |s: &str| {
        s.split('_')
            .filter(|p| !p.is_empty())
            .map(|p| p.trim_start_matches('+').to_owned())
            .collect::<Vec<_>>()
    };
    let h = words(head);
    if h.len() < 2 || forms.is_empty() {
        return None;
    }
    let mut differing = std::collections::BTreeSet::new();
    for f in forms {
        let w = words(f);
        if w.len() != h.len() {
            return None;
        }
        differing.extend((0..h.len()).filter(|&i| w[i] != h[i]));
    }
    match differing.len() {
        1 => differing.first().copied(),
        _ => None,
    }
}

/// `RE_+ARREST` → (["RE"], "ARREST", []); `+CORDON_OFF` → ([], "CORDON", ["OFF"]);
/// `ABANDON` → ([], "ABANDON", []). The verb is the word at `at` when given, else the one
/// marked `+`, else the first.
fn split_compound(
    s: &str,
    at: Option<usize>,
) -> Result<(Vec<String>, String, Vec<String>), String> {
    let parts: Vec<&str> = s.split('_').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return Err(format!("empty verb {s:?}"));
    }
    let marked: Vec<usize> = (0..parts.len()).filter(|&i| parts[i].starts_with('+')).collect();
    let at = match (at, marked.as_slice()) {
        (Some(i), _) if i < parts.len() => i,
        (_, []) => 0,
        (_, [i]) => *i,
        _ => return Err(format!("verb {s:?} marks more than one word with `+`")),
    };
    let word = parts[at].trim_start_matches('+').to_uppercase();
    let ok = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || "'-.".contains(c));
    if !ok(&word) || !parts.iter().all(|p| ok(p.trim_start_matches('+'))) {
        return Err(format!("bad verb {s:?}"));
    }
    let up = |ps: &[&str]| {
        ps.iter().map(|p| p.trim_start_matches('+').to_uppercase()).collect::<Vec<_>>()
    };
    Ok((up(&parts[..at]), word, up(&parts[at + 1..])))
}

fn is_vowel(c: u8) -> bool {
    b"AEIOU".contains(&c)
}

/// Regular English forms of an upper-case verb: third person, past, gerund. Close to
/// PETRARCH2's rules, with `-Y` after a vowel taking `-S`/`-ED` and `-SH`/`-CH` taking `-ES`.
fn regular_forms(v: &str) -> Vec<String> {
    let b = v.as_bytes();
    let (last, prev) = (b[b.len() - 1], if b.len() > 1 { b[b.len() - 2] } else { b'A' });
    let stem = &v[..v.len() - 1];
    let third = match last {
        b'S' | b'X' | b'Z' => format!("{v}ES"),
        b'H' if prev == b'S' || prev == b'C' => format!("{v}ES"),
        b'Y' if !is_vowel(prev) => format!("{stem}IES"),
        _ => format!("{v}S"),
    };
    let past = match last {
        b'E' => format!("{v}D"),
        b'Y' if !is_vowel(prev) => format!("{stem}IED"),
        _ => format!("{v}ED"),
    };
    let gerund =
        if last == b'E' && !is_vowel(prev) { format!("{stem}ING") } else { format!("{v}ING") };
    vec![third, past, gerund]
}

/// The regular plural of an upper-case noun, for synonym set members.
pub(crate) fn plural_noun(n: &str) -> String {
    let b = n.as_bytes();
    let last = b[b.len() - 1];
    let prev = if b.len() > 1 { b[b.len() - 2] } else { b'A' };
    match last {
        b'S' | b'X' | b'Z' => format!("{n}ES"),
        b'H' if prev == b'S' || prev == b'C' => format!("{n}ES"),
        b'Y' if !is_vowel(prev) => format!("{}IES", &n[..n.len() - 1]),
        _ => format!("{n}S"),
    }
}

/// Lexemes of a pattern.
#[derive(Debug, PartialEq)]
enum Lex {
    Open(char),
    Close(char),
    Star { glued: bool },
    Atom { text: String, glued: bool },
}

fn lex(s: &str) -> Vec<Lex> {
    let mut out = Vec::new();
    for chunk in s.split_whitespace() {
        let mut core = chunk;
        while let Some(c) = core.chars().next().filter(|c| *c == '(' || *c == '{') {
            out.push(Lex::Open(c));
            core = &core[1..];
        }
        let mut closes = Vec::new();
        while let Some(c) = core.chars().last().filter(|c| *c == ')' || *c == '}') {
            closes.push(c);
            core = &core[..core.len() - 1];
        }
        // `IN_*`, `*_OUT`, `NEW_&TIETYPES_RELATIONS`: `_` glues; a trailing `_` (TABARI's
        // open match) glues nothing.
        let pieces: Vec<&str> = core.split('_').collect();
        let last_real = pieces.iter().rposition(|p| !p.is_empty());
        for (k, p) in pieces.iter().enumerate() {
            if p.is_empty() {
                continue;
            }
            let glued = Some(k) != last_real;
            if *p == "*" {
                out.push(Lex::Star { glued });
            } else {
                out.push(Lex::Atom { text: (*p).to_owned(), glued });
            }
        }
        out.extend(closes.into_iter().rev().map(Lex::Close));
    }
    out
}

fn term(text: &str) -> Result<Term, String> {
    Ok(match text {
        "$" => Term::Source,
        "+" => Term::Target,
        "^" => Term::Skip,
        "%" => Term::Compound,
        t if t.starts_with('&') => {
            let n = t[1..].trim_end_matches('_');
            if n.is_empty() {
                return Err("empty synonym set reference `&`".into());
            }
            Term::Synset(n.to_owned())
        }
        // `|` and tabs would break herald's compact format; no dictionary word has them.
        t if t.contains(['[', ']', '*', '{', '}', '(', ')', '|', '\t']) => {
            return Err(format!("bad token {t:?}"))
        }
        t => Term::Word(t.to_uppercase()),
    })
}

/// Parses a pattern's body (after `-`): elements, `*`, elements, `[CODE]`.
fn parse_pattern_line(body: &str, line: u32) -> Result<Pattern, String> {
    let open = body.rfind('[').ok_or("pattern without a [code]")?;
    let close = body[open..].find(']').map(|c| open + c).ok_or("pattern: unclosed `[`")?;
    if !body[close + 1..].trim().is_empty() {
        return Err("text after the pattern's code".into());
    }
    let c = &body[open + 1..close];
    let code = CodePair::parse(c).ok_or_else(|| format!("bad code [{c}]"))?;
    let mut p = parse_pattern_body(&body[..open])?;
    p.code = code;
    p.line = line;
    Ok(p)
}

/// Parses `PRE * POST` (no code) into a pattern with the null code.
fn parse_pattern_body(s: &str) -> Result<Pattern, String> {
    let lexes = lex(s);
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut verb_glued = None;
    let mut i = 0;
    while i < lexes.len() {
        let side = if verb_glued.is_some() { &mut after } else { &mut before };
        match &lexes[i] {
            Lex::Star { glued } => {
                if verb_glued.is_some() {
                    return Err("pattern has two `*`".into());
                }
                verb_glued = Some(*glued);
                i += 1;
            }
            Lex::Close(c) => return Err(format!("unbalanced `{c}`")),
            _ => {
                let (e, next) = parse_element(&lexes, i, false)?;
                side.push(e);
                i = next;
            }
        }
    }
    let Some(verb_glued) = verb_glued else { return Err("pattern without `*` (the verb)".into()) };
    Ok(Pattern { before, after, verb_glued, code: CodePair::NULL, line: 0 })
}

/// One element starting at `i`; returns it and the index after it.
fn parse_element(lexes: &[Lex], i: usize, in_prep: bool) -> Result<(Element, usize), String> {
    match &lexes[i] {
        Lex::Atom { text, glued } => {
            Ok((Element::Item(Item { term: term(text)?, glued: *glued }), i + 1))
        }
        Lex::Open('{') => {
            let mut items = Vec::new();
            let mut j = i + 1;
            loop {
                match lexes.get(j) {
                    Some(Lex::Atom { text, glued }) => {
                        items.push(Item { term: term(text)?, glued: *glued })
                    }
                    Some(Lex::Close('}')) => break,
                    Some(Lex::Star { .. }) => return Err("`*` inside `{...}`".into()),
                    Some(l) => return Err(format!("unexpected {l:?} inside `{{...}}`")),
                    None => return Err("unclosed `{`".into()),
                }
                j += 1;
            }
            if items.is_empty() {
                return Err("empty `{}`".into());
            }
            Ok((Element::Phrase(items), j + 1))
        }
        Lex::Open(_) => {
            if in_prep {
                return Err("`(` inside `(...)`".into());
            }
            let prep = match lexes.get(i + 1) {
                Some(Lex::Atom { text, glued }) => Item { term: term(text)?, glued: *glued },
                Some(Lex::Close(')')) => return Err("empty `()`".into()),
                _ => return Err("`(` not followed by a preposition".into()),
            };
            let mut objects = Vec::new();
            let mut j = i + 2;
            loop {
                match lexes.get(j) {
                    Some(Lex::Close(')')) => break,
                    Some(Lex::Star { .. }) => return Err("`*` inside `(...)`".into()),
                    Some(Lex::Close(c)) => return Err(format!("unbalanced `{c}`")),
                    Some(_) => {
                        let (e, next) = parse_element(lexes, j, true)?;
                        objects.push(e);
                        j = next;
                        continue;
                    }
                    None => return Err("unclosed `(`".into()),
                }
            }
            Ok((Element::Prep { prep, objects }, j + 1))
        }
        Lex::Close(c) => Err(format!("unbalanced `{c}`")),
        Lex::Star { .. } => Err("misplaced `*`".into()),
    }
}

/// Synonym sets a pattern names.
fn pattern_synsets(p: &Pattern) -> Vec<String> {
    fn walk(e: &Element, out: &mut Vec<String>) {
        let item = |i: &Item, out: &mut Vec<String>| {
            if let Term::Synset(n) = &i.term {
                out.push(n.clone());
            }
        };
        match e {
            Element::Item(i) => item(i, out),
            Element::Phrase(items) => items.iter().for_each(|i| item(i, out)),
            Element::Prep { prep, objects } => {
                item(prep, out);
                objects.iter().for_each(|o| walk(o, out));
            }
        }
    }
    let mut out = Vec::new();
    p.before.iter().chain(&p.after).for_each(|e| walk(e, &mut out));
    out
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Term::Word(w) => f.write_str(w),
            Term::Synset(n) => write!(f, "&{n}"),
            Term::Source => f.write_str("$"),
            Term::Target => f.write_str("+"),
            Term::Skip => f.write_str("^"),
            Term::Compound => f.write_str("%"),
        }
    }
}

fn item_text(i: &Item) -> String {
    format!("{}{}", i.term, if i.glued { "_" } else { " " })
}

/// An element in dictionary syntax, with its trailing separator (` ` or `_`).
fn element_text(e: &Element) -> String {
    match e {
        Element::Item(i) => item_text(i),
        Element::Phrase(items) => {
            let inner: String = items.iter().map(item_text).collect();
            format!("{{{}", closed(inner, '}'))
        }
        Element::Prep { prep, objects } => {
            let inner: String =
                std::iter::once(item_text(prep)).chain(objects.iter().map(element_text)).collect();
            format!("({}", closed(inner, ')'))
        }
    }
}

/// Puts a closing bracket before the trailing separator: `"A B "` → `"A B} "`. The last
/// item of a group is never glued (the reader drops a `_` before a bracket), so the
/// separator is a space.
fn closed(mut s: String, close: char) -> String {
    let sep = s.pop().unwrap_or(' ');
    s.push(close);
    s.push(sep);
    s
}

impl fmt::Display for Pattern {
    /// Writes the pattern in dictionary syntax without its code: `$ * (TO +) AID`. Reading
    /// the text back gives the same pattern (the compact format relies on this).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s: String = self.before.iter().map(element_text).collect();
        s.push('*');
        s.push(if self.verb_glued { '_' } else { ' ' });
        s.extend(self.after.iter().map(element_text));
        f.write_str(s.trim_end())
    }
}

/// Reads back a pattern written by [`Pattern`]'s `Display` (used by the compact format).
pub(crate) fn pattern_from_text(s: &str) -> Result<Pattern, String> {
    parse_pattern_body(s)
}

/// Splits a verb written as `RE_+ARREST` (used by the compact format).
pub(crate) fn verb_from_text(s: &str) -> Result<(Vec<String>, String, Vec<String>), String> {
    split_compound(s, None)
}

/// Reads a synonym set member written as in the dictionary (used by the compact format).
pub(crate) fn member_from_text(s: &str) -> Result<SynsetMember, String> {
    parse_member(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str) -> Element {
        Element::Item(Item { term: Term::Word(w.into()), glued: false })
    }

    fn item(t: Term) -> Element {
        Element::Item(Item { term: t, glued: false })
    }

    /// Parses one pattern line inside a block and returns it, failing on any error.
    fn pattern(line: &str) -> Pattern {
        let text = format!("&WEAPON\n+GUN\n&FOOD\n+RICE\n--- X [010] ---\nX\n{line}\n");
        let parsed = parse_verbs(&text, "t.verbs");
        assert!(parsed.errors.is_empty(), "{line}: {:?}", parsed.errors);
        let p = parsed.dict.blocks()[0].patterns[0].clone();
        // Every pattern reads back from its own text.
        let mut back = pattern_from_text(&p.to_string()).unwrap();
        (back.code, back.line) = (p.code, p.line);
        assert_eq!(back, p, "{line} → {p}");
        p
    }

    fn check(line: &str, before: Vec<Element>, after: Vec<Element>, code: &str) {
        let p = pattern(line);
        assert_eq!(p.before, before, "{line}");
        assert_eq!(p.after, after, "{line}");
        assert_eq!(p.code.to_string(), code, "{line}");
    }

    #[test]
    fn pattern_features() {
        // Words after the verb, a slot, spaces inside the code's brackets.
        check("- * TO $ [ 042 ]", vec![], vec![word("TO"), item(Term::Source)], "042");
        // Source before, target after.
        check("- $ * + [112]", vec![item(Term::Source)], vec![item(Term::Target)], "112");
        // A prepositional phrase without object, active and passive codes.
        let to = Element::Prep {
            prep: Item { term: Term::Word("TO".into()), glued: false },
            objects: vec![],
        };
        check("- * (TO)   [042:043]  # RUSH", vec![], vec![to], "042:043");
        // A skipped actor inside a prepositional phrase; passive code only.
        let from = Element::Prep {
            prep: Item { term: Term::Word("FROM".into()), glued: false },
            objects: vec![item(Term::Skip)],
        };
        check("- * OFF (FROM ^) [:173]", vec![], vec![word("OFF"), from], ":173");
        // A synonym set inside a noun phrase inside a prepositional phrase.
        let phrase = Element::Phrase(vec![
            Item { term: Term::Synset("WEAPON".into()), glued: false },
            Item { term: Term::Word("ATTACK".into()), glued: false },
        ]);
        let over = Element::Prep {
            prep: Item { term: Term::Word("OVER".into()), glued: false },
            objects: vec![phrase],
        };
        check(
            "- * &FOOD (OVER {&WEAPON ATTACK}) [151]",
            vec![],
            vec![item(Term::Synset("FOOD".into())), over],
            "151",
        );
        // The compound actor.
        check("- % * [030:030]", vec![item(Term::Compound)], vec![], "030:030");
        // Glue: words joined by `_` must be consecutive, also to the verb.
        let p = pattern("- SO IN_AND_*_OUT_AGAIN NOW [074]");
        let glued: Vec<bool> =
            p.before.iter().map(|e| matches!(e, Element::Item(Item { glued: true, .. }))).collect();
        assert_eq!(glued, [false, true, true]);
        assert!(p.verb_glued);
        let glued: Vec<bool> =
            p.after.iter().map(|e| matches!(e, Element::Item(Item { glued: true, .. }))).collect();
        assert_eq!(glued, [true, false, false]);
        let p = pattern("- * NEW_&FOOD_RELATIONS [903]");
        assert_eq!(p.after.len(), 3);
        assert_eq!(p.to_string(), "* NEW_&FOOD_RELATIONS");
        // A synonym set label's trailing `_` is not part of its name in references.
        let p = pattern("- * &WEAPON_ [194]");
        assert_eq!(p.after, vec![item(Term::Synset("WEAPON".into()))]);
        // Lower-case words are upper-cased.
        assert_eq!(pattern("- * aid [070]").after, vec![word("AID")]);
        // `!` after a code is dropped.
        assert_eq!(pattern("- * DOWN (FROM) [080!]").code.to_string(), "080");
    }

    #[test]
    fn synonym_sets() {
        let text = "&AUX_\n+WAS\n+IS_TO\n\n&MONEY\n+DOLLAR\n+CASH_\n+SWISS FRANCS\n+COPY\n+&AUX\n";
        let parsed = parse_verbs(text, "s.verbs");
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let d = parsed.dict;
        assert_eq!(d.synsets().len(), 2);
        let aux = d.synset("AUX").unwrap();
        assert!(aux.members.iter().all(|m| !m.plural), "label `_` turns plurals off");
        assert_eq!(aux.members[1].words, [Term::Word("IS".into()), Term::Word("TO".into())]);
        let phrases: Vec<String> = d.expand_synset("MONEY").iter().map(|p| p.join(" ")).collect();
        assert_eq!(
            phrases,
            ["DOLLAR", "DOLLARS", "CASH", "SWISS FRANCS", "COPY", "COPIES", "WAS", "IS TO"]
        );
    }

    #[test]
    fn verb_lines() {
        let text =
            "--- GRANT [070] ---\nGIVE {GAVE GIVEN GIVING}\nDONATE\nSUPPLY [071]\nPLAY\nPUSH\n\
                    +CORDON_OFF\nRE_+ARREST\n+WIRE_TAP {+WIRE_TAPS +WIRE_TAPPED}\n\
                    +IS_DETERMINED {+WAS_DETERMINED , +ARE_DETERMINED} [030]\nLASH OUT\n\
                    --- NOTHING ---\nSIT\n";
        let parsed = parse_verbs(text, "v.verbs");
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let d = parsed.dict;
        let forms = |lemma: &str| d.by_lemma(lemma).next().unwrap().forms.join(" ");
        assert_eq!(forms("GIVE"), "GIVE GAVE GIVEN GIVING");
        assert_eq!(forms("DONATE"), "DONATE DONATES DONATED DONATING");
        assert_eq!(forms("SUPPLY"), "SUPPLY SUPPLIES SUPPLIED SUPPLYING");
        assert_eq!(forms("PLAY"), "PLAY PLAYS PLAYED PLAYING");
        assert_eq!(forms("PUSH"), "PUSH PUSHES PUSHED PUSHING");
        let cordon = d.by_form("CORDONED").next().unwrap();
        assert_eq!(
            (cordon.lemma.as_str(), cordon.after.as_slice()),
            ("CORDON", &["OFF".to_string()][..])
        );
        let arrest = d.by_lemma("ARREST").next().unwrap();
        assert_eq!(arrest.before, ["RE"]);
        let tap = d.by_form("TAPPED").next().unwrap();
        assert_eq!((tap.lemma.as_str(), tap.before.as_slice()), ("TAP", &["WIRE".to_string()][..]));
        let is = d.by_form("WAS").next().unwrap();
        assert_eq!((is.lemma.as_str(), d.default_code(is).to_string()), ("IS", "030".into()));
        assert_eq!(d.by_lemma("LASH").next().unwrap().after, ["OUT"]);
        assert_eq!(d.default_code(d.by_lemma("GIVE").next().unwrap()).to_string(), "070");
        assert_eq!(d.default_code(d.by_lemma("SUPPLY").next().unwrap()).to_string(), "071");
        assert!(d.default_code(d.by_lemma("SIT").next().unwrap()).is_null());
    }

    #[test]
    fn bad_lines_are_named_and_skipped() {
        let text = "\
- * ORPHAN [010]
&GOOD
+WORD
+$ SLOT
--- BLOCK [010] ---
SAY {SAID SAYING} [01x]
TELL
- * NO CODE
- NO VERB [010]
- * * TWICE [010]
- * (UNCLOSED [010]
- * CLOSED) [010]
- * ((NESTED)) [010]
- * {} [010]
- * &MISSING [010]
- * &GOOD [011]
--- BROKEN [abc] ---
SIT
~ a b SAY
<!-- a comment
     over lines -->
- * FINE [012] # comment
";
        let parsed = parse_verbs(text, "bad.verbs");
        let lines: Vec<usize> = parsed.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [1, 4, 6, 8, 9, 10, 11, 12, 13, 14, 15, 17, 19], "{:#?}", parsed.errors);
        assert!(parsed
            .errors
            .iter()
            .all(|e| e.to_string().starts_with(&format!("bad.verbs: line {}: ", e.line))));
        let d = parsed.dict;
        assert_eq!(d.synset("GOOD").unwrap().members.len(), 1);
        assert!(d.by_lemma("SAY").next().is_none());
        assert!(d.by_lemma("TELL").next().is_some());
        let block = &d.blocks()[0];
        let kept: Vec<String> =
            block.patterns.iter().map(|p| format!("{p} [{}]", p.code)).collect();
        assert_eq!(kept, ["* &GOOD [011]"]);
        // A block with a bad code keeps its verbs apart from the previous block's.
        let sit = d.by_lemma("SIT").next().unwrap();
        assert_eq!(d.blocks()[sit.block as usize].name, "BROKEN");
        assert_eq!(d.blocks()[sit.block as usize].patterns.len(), 1);
    }

    #[test]
    fn noun_events_come_from_blocks_with_light_verbs() {
        let text = "--- ARRANGE [---] ---\nSTAGE\nPUT\n- * {AIR RAID} (AGAINST +) [195]\n- * (TO) [042]\n- $ * ATTACK [190]\n\
                    --- ASK [---] ---\nASK [020]\n- * AID [023]\n";
        let d = parse_verbs(text, "n.verbs").dict;
        let nouns = d.noun_events();
        let shown: Vec<String> = nouns.iter().map(|n| format!("{}:{}", n.line, n.code)).collect();
        assert_eq!(shown, ["4:195", "6:190"]);
    }

    #[test]
    fn transformations_are_kept() {
        let d = parse_verbs("~ a (a b ATTACK) SAY = a b 015\n", "t.verbs").dict;
        let t = &d.transformations()[0];
        assert_eq!(t.pattern.join(" "), "a a b ATTACK SAY");
        assert_eq!(t.result.join(" "), "a b 015");
    }

    #[test]
    fn garbage_never_panics() {
        let sample = "&S_\n+A_B_\n--- V [01:02] ---\nV_+W {V_+WS} [---]\n- $ IN_*_OUT (TO {A &S}) % ^ + [:01]\n~ (=) =\n";
        for line in sample.lines() {
            for cut in 0..=line.len() {
                for prefix in ["", "--- B [010] ---\n", "&S\n"] {
                    let _ = parse_verbs(&format!("{prefix}{}\n", &line[..cut]), "g");
                    let _ = parse_verbs(&format!("{prefix}{}\n", &line[cut..]), "g");
                }
            }
        }
    }
}
