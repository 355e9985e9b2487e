//! herald-syntax: part-of-speech tags, lemmas and labelled dependency trees for English.
//!
//! - [`Tagger`]: greedy averaged-perceptron tagger predicting the (XPOS, UPOS) pair of each
//!   word, with its [`Lemmatizer`] (exception table + learned suffix rules).
//! - [`Parser`]: arc-hybrid transition parser, averaged perceptron over Zhang & Nivre (2011)
//!   features, trained with a dynamic oracle and decoded greedily (or, optionally, trained
//!   globally and decoded with a beam: [`ParserConfig::beam`]); always returns one tree with
//!   one root.
//! - [`Models`]: the two together; [`Models::bundled`] gives the models shipped inside the
//!   binary, [`Models::load`] reads user-trained ones from a folder.
//! - [`train_tagger`], [`train_parser`]: deterministic training from CoNLL-U sentences
//!   ([`read_corpus`]); [`evaluate`] scores against gold trees.
//!
//! Input is a sentence of syntactic words (Universal Dependencies tokenization: `don't` is
//! `do` + `n't`). Nothing here does I/O except the explicit `save`/`load` functions.
//!
//! ```
//! use herald_ml::conllu::ConlluReader;
//! use herald_syntax::{train_parser, train_tagger, Models, ParserConfig, Progress, TaggerConfig};
//!
//! let text = "1\tDogs\tdog\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n2\tbark\tbark\tVERB\tVBP\t_\t0\troot\t_\t_\n\n";
//! let sents: Vec<_> = ConlluReader::new(text.as_bytes(), "toy").map(Result::unwrap).collect();
//! let tagger = train_tagger(&sents, &TaggerConfig { epochs: 2, ..Default::default() }, &Progress::quiet());
//! let cfg = ParserConfig { epochs: 2, jackknife: 0, ..Default::default() };
//! let parser = train_parser(&sents, &cfg, &TaggerConfig::default(), &Progress::quiet());
//! let models = Models { tagger, parser };
//! let a = models.analyze(&["Dogs", "bark"]);
//! assert_eq!(a.arcs.iter().filter(|arc| arc.head == 0).count(), 1);
//! ```
#![deny(missing_docs)]

mod corpus;
mod eval;
mod features;
mod lemma;
mod parser;
mod tagger;

use std::io::{Read, Write};
use std::path::Path;

use herald_ml::conllu::Sentence;
use herald_ml::{Decoder, Encoder, ModelError};

pub use corpus::{read_corpus, Corpus, NON_COMMERCIAL_DOCS};
pub use eval::{evaluate, Scores};
pub use herald_ml;
pub use lemma::Lemmatizer;
pub use parser::{Arc, DepLabel, Parser, ParserConfig};
pub use tagger::{Tag, Tagger, TaggerConfig};

const TAGGER_KIND: &str = "herald-tagger";
/// The newest tagger file version: 1 = left-to-right model (the original layout), 2 = adds a
/// right-to-left model.
const TAGGER_VERSION: u32 = 2;
const PARSER_KIND: &str = "herald-parser";
/// The newest parser file version: 1 = greedy (the original layout), 2 = adds the beam width
/// and margin.
const PARSER_VERSION: u32 = 2;

/// File names inside a model folder.
pub const TAGGER_FILE: &str = "tagger.bin.gz";
/// File names inside a model folder.
pub const PARSER_FILE: &str = "parser.bin.gz";

/// Training progress: bars and one-line notes on stderr, or nothing.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    show: bool,
}

impl Progress {
    /// Progress bars and notes on stderr (bars only when stderr is a terminal).
    pub fn stderr() -> Progress {
        Progress { show: true }
    }

    /// Silent.
    pub fn quiet() -> Progress {
        Progress { show: false }
    }

    pub(crate) fn bar(&self, msg: &str, len: u64) -> indicatif::ProgressBar {
        if !self.show {
            return indicatif::ProgressBar::hidden();
        }
        let bar = indicatif::ProgressBar::new(len);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{msg} [{bar:30}] {pos}/{len} words ({per_sec})",
            )
            .expect("valid template"),
        );
        bar.set_message(msg.to_string());
        bar
    }

    pub(crate) fn note(&self, msg: &str) {
        if self.show {
            eprintln!("{msg}");
        }
    }
}

/// Trains a tagger and lemmatizer on the words of `sents` (deterministic for a given config).
pub fn train_tagger(sents: &[Sentence], cfg: &TaggerConfig, progress: &Progress) -> Tagger {
    let refs: Vec<&Sentence> = sents.iter().collect();
    tagger::train(&refs, cfg, progress)
}

/// Trains a parser on the trees of `sents` (sentences that are not trees are skipped).
///
/// With `cfg.jackknife = k ≥ 2`, the training sentences are cut into `k` parts and each part
/// is tagged by a tagger trained (with `tagger_cfg`) on the others, so the parser trains on
/// realistic predicted tags; otherwise it trains on the gold tags.
pub fn train_parser(
    sents: &[Sentence],
    cfg: &ParserConfig,
    tagger_cfg: &TaggerConfig,
    progress: &Progress,
) -> Parser {
    if cfg.jackknife < 2 {
        let refs: Vec<&Sentence> = sents.iter().collect();
        return parser::train(&refs, cfg, progress);
    }
    let k = cfg.jackknife;
    let mut tagged: Vec<Sentence> = Vec::with_capacity(sents.len());
    let chunk = sents.len().div_ceil(k);
    for fold in 0..k {
        let (lo, hi) = (fold * chunk, ((fold + 1) * chunk).min(sents.len()));
        let rest: Vec<&Sentence> = sents[..lo].iter().chain(&sents[hi..]).collect();
        progress.note(&format!("jackknife: tagger {}/{k}", fold + 1));
        let t = tagger::train(&rest, tagger_cfg, &Progress::quiet());
        for s in &sents[lo..hi] {
            let mut s = s.clone();
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let tags = t.tag(&forms);
            for (w, tag) in s.words.iter_mut().zip(tags) {
                w.xpos = t.xpos(tag).to_string();
                w.upos = t.upos(tag).to_string();
            }
            tagged.push(s);
        }
    }
    let refs: Vec<&Sentence> = tagged.iter().collect();
    parser::train(&refs, cfg, progress)
}

impl Tagger {
    /// Writes the tagger (with its lemmatizer) as a compressed model file.
    pub fn save<W: Write>(&self, w: W) -> Result<(), ModelError> {
        let mut enc = Encoder::new(TAGGER_KIND, self.version());
        self.write(&mut enc);
        enc.finish(w)
    }

    /// Reads a tagger model file; a damaged file is an error, never a panic.
    pub fn load<R: Read>(r: R) -> Result<Tagger, ModelError> {
        let (mut dec, version) = Decoder::open(r, TAGGER_KIND, TAGGER_VERSION)?;
        let t = Tagger::read(&mut dec, version)?;
        dec.end()?;
        Ok(t)
    }
}

impl Parser {
    /// Writes the parser as a compressed model file.
    pub fn save<W: Write>(&self, w: W) -> Result<(), ModelError> {
        // Greedy parsers keep writing version 1, byte for byte as before.
        let mut enc = Encoder::new(PARSER_KIND, self.version());
        self.write(&mut enc);
        enc.finish(w)
    }

    /// Reads a parser model file; a damaged file is an error, never a panic.
    pub fn load<R: Read>(r: R) -> Result<Parser, ModelError> {
        let (mut dec, version) = Decoder::open(r, PARSER_KIND, PARSER_VERSION)?;
        let p = Parser::read(&mut dec, version)?;
        dec.end()?;
        Ok(p)
    }
}

/// A model file that could not be loaded, with its path.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct LoadError {
    /// The file.
    pub path: String,
    /// The cause.
    #[source]
    pub source: ModelError,
}

/// The analysis of one sentence: per word a tag, a lemma and an arc.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    /// Tags (see [`Tagger::xpos`], [`Tagger::upos`]).
    pub tags: Vec<Tag>,
    /// Lemmas.
    pub lemmas: Vec<String>,
    /// Heads and relations (see [`Parser::label_name`]).
    pub arcs: Vec<Arc>,
}

/// The tagger (with lemmatizer) and the parser.
#[derive(Clone, Debug, PartialEq)]
pub struct Models {
    /// POS tagger and lemmatizer.
    pub tagger: Tagger,
    /// Dependency parser.
    pub parser: Parser,
}

/// The shipped tagger, embedded in the binary (see `models/README.md` for its model card).
static BUNDLED_TAGGER: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/tagger.bin.gz"));
/// The shipped parser, embedded in the binary.
static BUNDLED_PARSER: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/parser.bin.gz"));

impl Models {
    /// The models shipped with herald (trained on UD English EWT and GUM, without GUM's
    /// non-commercial documents), decoded from bytes embedded in the binary: no files needed.
    pub fn bundled() -> Result<Models, ModelError> {
        Ok(Models { tagger: Tagger::load(BUNDLED_TAGGER)?, parser: Parser::load(BUNDLED_PARSER)? })
    }

    /// Loads `tagger.bin.gz` and `parser.bin.gz` from `dir`.
    pub fn load(dir: &Path) -> Result<Models, LoadError> {
        let open = |name: &str| {
            let path = dir.join(name);
            let f = std::fs::File::open(&path).map_err(|e| LoadError {
                path: path.display().to_string(),
                source: ModelError::Io(e),
            })?;
            Ok::<_, LoadError>((path, std::io::BufReader::new(f)))
        };
        let (path, f) = open(TAGGER_FILE)?;
        let tagger = Tagger::load(f)
            .map_err(|source| LoadError { path: path.display().to_string(), source })?;
        let (path, f) = open(PARSER_FILE)?;
        let parser = Parser::load(f)
            .map_err(|source| LoadError { path: path.display().to_string(), source })?;
        Ok(Models { tagger, parser })
    }

    /// Saves both models into `dir` (created if missing).
    pub fn save(&self, dir: &Path) -> Result<(), LoadError> {
        let err = |path: &Path, source| LoadError { path: path.display().to_string(), source };
        std::fs::create_dir_all(dir).map_err(|e| err(dir, ModelError::Io(e)))?;
        let path = dir.join(TAGGER_FILE);
        let f = std::fs::File::create(&path).map_err(|e| err(&path, ModelError::Io(e)))?;
        self.tagger.save(std::io::BufWriter::new(f)).map_err(|e| err(&path, e))?;
        let path = dir.join(PARSER_FILE);
        let f = std::fs::File::create(&path).map_err(|e| err(&path, ModelError::Io(e)))?;
        self.parser.save(std::io::BufWriter::new(f)).map_err(|e| err(&path, e))?;
        Ok(())
    }

    /// Tags, lemmatizes and parses one sentence of syntactic words.
    pub fn analyze(&self, forms: &[&str]) -> Analysis {
        let mut tags = self.tagger.tag(forms);
        self.repair_perfect(forms, &mut tags);
        self.repair_gerund(forms, &mut tags);
        self.repair_verbless(forms, &mut tags);
        let xpos: Vec<&str> = tags.iter().map(|&t| self.tagger.xpos(t)).collect();
        let upos: Vec<&str> = tags.iter().map(|&t| self.tagger.upos(t)).collect();
        let lemmas =
            forms.iter().zip(&xpos).map(|(f, x)| self.tagger.lemmatizer().lemma(f, x)).collect();
        let arcs = self.parser.parse(forms, &xpos, &upos);
        Analysis { tags, lemmas, arcs }
    }

    /// "has broken relations", "had frozen assets": a form of "have" right before a past
    /// participle is the perfect's auxiliary, not the main verb with an adjectival
    /// participle on its object (the tagger's slip when the participle also reads as an
    /// adjective, "broken"), so that the parser makes the participle the clause's verb.
    fn repair_perfect(&self, forms: &[&str], tags: &mut [Tag]) {
        for i in 0..tags.len().saturating_sub(1) {
            let have =
                matches!(forms[i].to_ascii_lowercase().as_str(), "has" | "have" | "had" | "having");
            if !have
                || self.tagger.upos(tags[i]) != "VERB"
                || self.tagger.xpos(tags[i + 1]) != "VBN"
                || self.tagger.upos(tags[i + 1]) != "VERB"
            {
                continue;
            }
            let xpos = self.tagger.xpos(tags[i]);
            if let Some(aux) = (0..self.tagger.n_tags())
                .map(|k| Tag(k as u16))
                .find(|&t| self.tagger.xpos(t) == xpos && self.tagger.upos(t) == "AUX")
            {
                tags[i] = aux;
            }
        }
    }

    /// "in warning Iraq", ", warning Saddam Hussein that ...": an -ing word the tagger read
    /// as a noun, after a preposition of manner or time (or a comma) and before a name,
    /// pronoun or determiner, is a gerund taking that object (VBG), so that the parser gives
    /// it its object ("in training camps", where a common noun follows, is left alone).
    fn repair_gerund(&self, forms: &[&str], tags: &mut [Tag]) {
        let Some(gerund) = (0..self.tagger.n_tags())
            .map(|i| Tag(i as u16))
            .find(|&t| self.tagger.xpos(t) == "VBG" && self.tagger.upos(t) == "VERB")
        else {
            return;
        };
        for i in 1..tags.len().saturating_sub(1) {
            let word = forms[i].to_ascii_lowercase();
            let after = matches!(
                forms[i - 1].to_ascii_lowercase().as_str(),
                "in" | "by" | "after" | "before" | "while" | "without" | ","
            );
            if after
                && word.len() > 5
                && word.ends_with("ing")
                && self.tagger.xpos(tags[i]) == "NN"
                && matches!(self.tagger.xpos(tags[i + 1]), "NNP" | "NNPS" | "PRP" | "DT")
            {
                tags[i] = gerund;
            }
        }
    }

    /// A sentence whose only verb the tagger read as a participle in front of its object
    /// ("Israeli warplanes struck military sites", "Police confiscated leaflets": VBN after
    /// a noun, a determiner, adjective, noun or number after it, no finite verb anywhere)
    /// has that verb as its main verb: the participle becomes a past tense (VBD), so the
    /// parser does not make the sentence a noun phrase. So does one with no finite verb
    /// before it whose first later finite verb is coordinated with it ("Soldiers detained
    /// the president ... and declared a curfew"), unless it is a passive that takes an
    /// object ("given") or a day follows it ("killed Monday"). A participle followed by a
    /// preposition or an adverb ("Three people killed in blast") is left alone.
    fn repair_verbless(&self, forms: &[&str], tags: &mut [Tag]) {
        let xpos = |t: Tag| self.tagger.xpos(t);
        let finite = |t: Tag| matches!(xpos(t), "VBD" | "VBZ" | "VBP" | "MD");
        let Some(past) = (0..self.tagger.n_tags())
            .map(|i| Tag(i as u16))
            .find(|&t| xpos(t) == "VBD" && self.tagger.upos(t) == "VERB")
        else {
            return;
        };
        let nominal = |t: Tag| matches!(xpos(t), "NN" | "NNS" | "NNP" | "NNPS");
        let object_start =
            |t: Tag| matches!(xpos(t), "DT" | "JJ" | "NN" | "NNS" | "NNP" | "NNPS" | "CD" | "PRP$");
        let at = (1..tags.len().saturating_sub(1))
            .find(|&i| xpos(tags[i]) == "VBN" && nominal(tags[i - 1]) && object_start(tags[i + 1]));
        let Some(i) = at else { return };
        // No finite verb at all (a headline), or none before the participle and the first
        // after it coordinated with it ("Soldiers detained X in Y and declared a curfew").
        let later = (i + 1..tags.len()).find(|&k| finite(tags[k]));
        let coordinated =
            |k: usize| k > 0 && matches!(forms[k - 1].to_ascii_lowercase().as_str(), "and" | "but");
        let ok = !tags[..i].iter().any(|&t| finite(t))
            && match later {
                None => true,
                // Not a passive that takes an object ("people given shelter were ...") nor
                // one followed by a day ("Two soldiers killed Monday and ...").
                Some(k) => {
                    coordinated(k)
                        && !DITRANSITIVE_PARTICIPLES
                            .contains(&forms[i].to_ascii_lowercase().as_str())
                        && !DAY_WORDS.contains(&forms[i + 1].to_ascii_lowercase().as_str())
                }
            };
        if ok {
            tags[i] = past;
        }
    }

    /// Fills the UPOS, XPOS, LEMMA, HEAD and DEPREL columns of a CoNLL-U sentence (FEATS and
    /// DEPS are cleared: they would be stale).
    pub fn annotate_sentence(&self, s: &mut Sentence) {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let a = self.analyze(&forms);
        for (i, w) in s.words.iter_mut().enumerate() {
            w.upos = self.tagger.upos(a.tags[i]).to_string();
            w.xpos = self.tagger.xpos(a.tags[i]).to_string();
            w.lemma = a.lemmas[i].clone();
            w.head = Some(a.arcs[i].head);
            w.deprel = self.parser.label_name(a.arcs[i].label).to_string();
            w.feats = "_".to_string();
            w.deps = "_".to_string();
        }
    }
}

/// Passive participles that take an object of their own ("refugees given shelter"): before
/// an object they need not be a past tense.
const DITRANSITIVE_PARTICIPLES: &[&str] = &[
    "given", "offered", "awarded", "granted", "shown", "told", "sent", "handed", "asked",
    "promised", "paid", "denied", "allowed", "taught", "lent", "owed",
];

/// Words of time that follow a reduced passive ("killed Monday").
const DAY_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "last",
    "this",
    "early",
    "late",
];
