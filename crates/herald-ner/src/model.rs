//! The recognizer: a trained model ([`Ner`]) — label set, perceptron weights and
//! gazetteer — with first-order Viterbi decoding over BILOU labels, and its model file.

use std::path::Path;

use herald_ml::{Decoder, Encoder, Weights};

use crate::features::Prepared;
use crate::gazetteer::{is_upper, Gazetteer, ACTOR_ORG, COMMON, COUNTRY, DEMONYM, GIVEN, TITLE};
use crate::labels::{LabelSet, TokenSpan};
use crate::NerError;

/// Model kind written in the file header.
pub(crate) const KIND: &str = "ner";
/// Model version: bump when features or the layout change.
pub(crate) const VERSION: u32 = 3;

/// The type given to nationality adjectives and plurals found by the demonym gazetteer
/// ("Russian", "Americans") when the model leaves them outside any name.
pub const NORP: &str = "NORP";

/// BIO tags over `n` tokens for CoNLL output: [`NORP`] is written `MISC`, as CoNLL-2003
/// types nationalities.
pub fn conll_tags(n: usize, spans: &[TokenSpan]) -> Vec<String> {
    let mut spans = spans.to_vec();
    for sp in &mut spans {
        if sp.kind == NORP {
            sp.kind = "MISC".into();
        }
    }
    crate::labels::bio_tags(n, &spans)
}

/// A trained named-entity recognizer.
///
/// [`Ner::tag`] labels one sentence of tokens; the model is read-only and can be shared
/// between threads. Output is deterministic: same tokens and model, same spans.
#[derive(Clone, Debug, PartialEq)]
pub struct Ner {
    pub(crate) labels: LabelSet,
    pub(crate) weights: Weights,
    pub(crate) gaz: Gazetteer,
}

/// Reusable buffers for tagging many sentences without allocating per sentence.
#[derive(Default)]
pub struct Scratch {
    prep: Prepared,
    lattice: crate::viterbi::Lattice,
    labels: Vec<u16>,
}

/// The model shipped with herald (`models/ner.bin.gz`, embedded in the binary).
static BUNDLED: &[u8] = include_bytes!("../../../models/ner.bin.gz");

impl Ner {
    /// The model shipped with herald, embedded at build time.
    pub fn bundled() -> Result<Ner, NerError> {
        Ner::from_bytes(BUNDLED)
    }

    /// Loads a model file written by [`Ner::save`].
    pub fn load(path: &Path) -> Result<Ner, NerError> {
        let bytes = std::fs::read(path).map_err(|e| NerError::io(path, e))?;
        Ner::from_bytes(&bytes)
            .map_err(|e| NerError::Model { path: path.to_path_buf(), source: Box::new(e) })
    }

    /// Reads a model from the bytes of a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Ner, NerError> {
        let (mut dec, _version) = Decoder::open(bytes, KIND, VERSION)?;
        dec.section("labels");
        let types = dec.strings()?;
        if types.is_empty() || types.len() > 64 {
            return Err(dec.corrupt(format!("{} entity types", types.len())).into());
        }
        let labels = LabelSet::new(types);
        let gaz = Gazetteer::read(&mut dec)?;
        dec.section("weights");
        let weights = Weights::read(&mut dec)?;
        // One class more than labels: the structured update's scratch class.
        if weights.n_classes() != labels.len() + 1 {
            return Err(dec
                .corrupt(format!("{} classes for {} labels", weights.n_classes(), labels.len()))
                .into());
        }
        dec.end()?;
        Ok(Ner { labels, weights, gaz })
    }

    /// The model file's bytes (gzip-compressed herald model container).
    pub fn to_bytes(&self) -> Result<Vec<u8>, NerError> {
        let mut enc = Encoder::new(KIND, VERSION);
        enc.strs(self.labels.types());
        self.gaz.write(&mut enc);
        self.weights.write(&mut enc);
        let mut out = Vec::new();
        enc.finish(&mut out)?;
        Ok(out)
    }

    /// Writes the model file.
    pub fn save(&self, path: &Path) -> Result<(), NerError> {
        let bytes = self.to_bytes()?;
        std::fs::write(path, bytes).map_err(|e| NerError::io(path, e))
    }

    /// The entity types the model predicts (`PER`, `ORG`, `LOC`); [`NORP`] comes on top.
    pub fn types(&self) -> &[String] {
        self.labels.types()
    }

    /// Number of features with weights, and of gazetteer keys.
    pub fn size(&self) -> (usize, usize) {
        (self.weights.n_features(), self.gaz.len())
    }

    /// The names in one sentence, in token order, never overlapping.
    pub fn tag(&self, tokens: &[&str]) -> Vec<TokenSpan> {
        self.tag_with(tokens, &mut Scratch::default())
    }

    /// [`Ner::tag`] with caller-owned buffers.
    pub fn tag_with(&self, tokens: &[&str], s: &mut Scratch) -> Vec<TokenSpan> {
        self.decode(tokens, s);
        let mut spans = self.labels.spans(&s.labels);
        self.trim_titles(tokens, &mut spans);
        self.add_norp(tokens, s, &mut spans);
        spans
    }

    /// Person names do not include titles or nationalities ("Russian President Vladimir
    /// Putin" names "Vladimir Putin"): leading words of a multi-word person name that
    /// training text often writes in lower case ("President", "Foreign",
    /// "Secretary-General") and are not known given names, demonyms, and organisation or
    /// country acronyms ("UN") are cut off (a demonym then comes out as NORP).
    fn trim_titles(&self, tokens: &[&str], spans: &mut [TokenSpan]) {
        for sp in spans.iter_mut().filter(|sp| sp.kind == "PER") {
            while sp.end - sp.start > 1 {
                let tok = tokens[sp.start];
                let bits = self.gaz.word_bits(tok);
                let titlish = |b: crate::gazetteer::Bits| b & (COMMON | TITLE) != 0;
                // "Foreign", "President", and hyphenated titles ("Secretary-General").
                // Role words win over the given-name list, which holds a few titles that
                // the actor dictionaries write before names ("Secretary-General Ban").
                let title = bits & TITLE != 0
                    || (bits & GIVEN == 0 && titlish(bits))
                    || (tok.contains('-')
                        && tok.split('-').all(|p| !p.is_empty() && titlish(self.gaz.word_bits(p))));
                let demonym = bits & DEMONYM != 0 && bits & COUNTRY == 0;
                // An organisation's or country's acronym before a title ("UN", "US").
                let acronym = is_upper(tok) && bits & (ACTOR_ORG | COUNTRY) != 0;
                // A hyphen or other punctuation left between two cut titles.
                let punct = !tok.chars().any(char::is_alphanumeric);
                if !(title || demonym || acronym || punct) {
                    break;
                }
                sp.start += 1;
            }
        }
    }

    /// BIO tags for one sentence (`B-PER`, `I-LOC`, `O`; nationalities as `MISC`, as in
    /// CoNLL-2003).
    pub fn bio(&self, tokens: &[&str], s: &mut Scratch) -> Vec<String> {
        conll_tags(tokens.len(), &self.tag_with(tokens, s))
    }

    /// Viterbi decoding into `s.labels`: the best well-formed BILOU sequence.
    pub(crate) fn decode(&self, tokens: &[&str], s: &mut Scratch) {
        s.labels.clear();
        if tokens.is_empty() {
            return;
        }
        s.prep.prepare(tokens, &self.gaz);
        let w = &self.weights;
        crate::viterbi::viterbi(
            &self.labels,
            &s.prep,
            tokens.len(),
            &|f, out| w.scores(f, out),
            &mut s.lattice,
            &mut s.labels,
        );
    }

    /// Single-token demonyms outside names become [`NORP`]; a single-token name the model
    /// typed that is a demonym and not also a country name becomes NORP too ("Russian"
    /// is a nationality, not an organisation).
    fn add_norp(&self, tokens: &[&str], s: &Scratch, spans: &mut Vec<TokenSpan>) {
        let mut covered = vec![false; tokens.len()];
        for sp in spans.iter_mut() {
            covered[sp.start..sp.end].iter_mut().for_each(|c| *c = true);
            if sp.end - sp.start == 1 && s.prep.demonym_only(sp.start) {
                sp.kind = NORP.into();
            }
        }
        let mut added = false;
        for (i, tok) in tokens.iter().enumerate() {
            if !covered[i]
                && tok.chars().next().is_some_and(char::is_uppercase)
                && s.prep.demonym_only(i)
            {
                spans.push(TokenSpan { start: i, end: i + 1, kind: NORP.into() });
                added = true;
            }
        }
        if added {
            spans.sort();
        }
    }
}

impl Prepared {
    /// True when a one-token gazetteer match at `i` is a demonym and not a country name.
    pub(crate) fn demonym_only(&self, i: usize) -> bool {
        let u = |cat: crate::gazetteer::Bits| 1u32 << (cat.trailing_zeros() * 4 + 3);
        let g = self.gaz_bits(i);
        g & u(DEMONYM) != 0 && g & u(COUNTRY) == 0
    }
}
