//! The learned boundary model: sentence boundaries the rules miss.
//!
//! The rule splitter cuts at final punctuation; text written without it (e-mail headers
//! and signatures, unpunctuated answers and reviews: `Kay Mann 04/26/2001 07:17 AM | Will
//! you …`, `awesome bagels | long lines`) comes out as one long sentence. The model
//! looks at every gap between two tokens inside a rule sentence that has white space in
//! it (a *candidate*), extracts a few dozen hashed features — the words around it
//! (lower-cased, ±2), their shapes and kinds, where the gap lies in the rule sentence,
//! how the rule sentence ends, how densely the document is punctuated — and adds a
//! boundary where the logit of a binary logistic regression (fitted by averaged SGD, see
//! `train.rs`) reaches the model's threshold. It only adds boundaries — every cut of the
//! rules stays — and never cuts after a dateline.
//!
//! Weights are `i16` in a table of 2^`bits` entries indexed by the feature hash, so
//! scoring is integer arithmetic: deterministic, and the table stays in a core's cache.
//! The file format is documented at [`BoundaryModel::from_bytes`].

use std::sync::OnceLock;

use herald_doc::{Sentence, Span, TokenTable};

use crate::chars::{self, Punct};
use crate::tokenize::Kind;

/// The model shipped with herald, trained on the UD English EWT and GUM training files
/// (without GUM's CC BY-NC-SA fiction and wikiHow documents) by
/// `cargo run --release -p herald-text --example train_boundaries`; its card is
/// `crates/herald-text/model/README.md`.
static BUNDLED: &[u8] = include_bytes!("../model/boundaries.bin");

/// The first bytes of a model file.
const MAGIC: &[u8; 4] = b"HTBM";
/// The version of the file format.
const VERSION: u8 = 1;
/// The version of the feature set: a model is only valid for the features it was
/// trained with, so changing [`Context::features`] or the candidates means bumping this and
/// retraining.
pub(crate) const FEATURES_VERSION: u8 = 2;
/// The number of features per candidate.
pub(crate) const NF: usize = 36;

/// Why a model file could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    /// The file does not start with the magic bytes `HTBM`.
    NotAModel,
    /// The file format or feature set version is not this build's.
    Version {
        /// The format version found.
        format: u8,
        /// The feature set version found.
        features: u8,
    },
    /// The file ends before the data its header announces.
    Truncated,
    /// The checksum does not match: the file is damaged.
    Checksum,
    /// A field holds an impossible value (named).
    Invalid(&'static str),
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelError::NotAModel => write!(f, "not a sentence boundary model (bad magic bytes)"),
            ModelError::Version { format, features } => write!(
                f,
                "boundary model format {format} / features {features}, this build reads \
                 {VERSION} / {FEATURES_VERSION}"
            ),
            ModelError::Truncated => write!(f, "boundary model file is truncated"),
            ModelError::Checksum => write!(f, "boundary model checksum mismatch (damaged file)"),
            ModelError::Invalid(what) => write!(f, "boundary model has an invalid {what}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// A binary classifier over candidate gaps: boundary or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoundaryModel {
    /// log2 of the weight table size.
    bits: u8,
    /// Weights indexed by feature hash; `1 << bits` entries.
    weights: Vec<i16>,
    /// A candidate with a score at or above this is a boundary.
    threshold: i32,
}

impl BoundaryModel {
    /// The model embedded in the binary, loaded once; `None` if it fails to load (a
    /// test makes sure it does not), in which case the rules work alone.
    pub fn bundled() -> Option<&'static BoundaryModel> {
        static MODEL: OnceLock<Option<BoundaryModel>> = OnceLock::new();
        MODEL.get_or_init(|| BoundaryModel::from_bytes(BUNDLED).ok()).as_ref()
    }

    /// Builds a model from its weight table (of `1 << bits` entries, `bits` in 10..=24)
    /// and threshold.
    pub(crate) fn new(bits: u8, weights: Vec<i16>, threshold: i32) -> BoundaryModel {
        debug_assert_eq!(weights.len(), 1 << bits);
        BoundaryModel { bits, weights, threshold }
    }

    /// The score at or above which a candidate becomes a boundary.
    pub fn threshold(&self) -> i32 {
        self.threshold
    }

    /// The same model with another threshold: higher is more precise, lower finds more.
    pub fn with_threshold(mut self, threshold: i32) -> BoundaryModel {
        self.threshold = threshold;
        self
    }

    /// The number of non-zero weights.
    pub fn nonzero(&self) -> usize {
        self.weights.iter().filter(|&&w| w != 0).count()
    }

    /// Reads a model file.
    ///
    /// Layout (little-endian): magic `HTBM`; format version (1 byte); feature set
    /// version (1); `bits` (1); threshold (`i32`); the count of non-zero weights
    /// (`u32`); then per non-zero weight, in increasing index order, the gap from the
    /// previous index as a LEB128 varint and the weight as `i16`; last, an FNV-1a 64-bit
    /// checksum of everything before it. A damaged or truncated file is an error, never
    /// a panic.
    pub fn from_bytes(b: &[u8]) -> Result<BoundaryModel, ModelError> {
        if b.len() < 4 || &b[..4] != MAGIC {
            return Err(ModelError::NotAModel);
        }
        if b.len() < 15 + 8 {
            return Err(ModelError::Truncated);
        }
        let (body, sum) = b.split_at(b.len() - 8);
        let (format, features) = (body[4], body[5]);
        if format != VERSION || features != FEATURES_VERSION {
            return Err(ModelError::Version { format, features });
        }
        if fnv(body).to_le_bytes() != sum {
            return Err(ModelError::Checksum);
        }
        let bits = body[6];
        if !(10..=24).contains(&bits) {
            return Err(ModelError::Invalid("table size"));
        }
        let threshold = i32::from_le_bytes(body[7..11].try_into().expect("4 bytes"));
        let count = u32::from_le_bytes(body[11..15].try_into().expect("4 bytes")) as usize;
        let size = 1usize << bits;
        if count > size {
            return Err(ModelError::Invalid("weight count"));
        }
        let mut weights = vec![0i16; size];
        let mut at = 15;
        let mut index = 0usize;
        for k in 0..count {
            let mut gap = 0usize;
            let mut shift = 0;
            loop {
                let byte = *body.get(at).ok_or(ModelError::Truncated)?;
                at += 1;
                if shift > 28 {
                    return Err(ModelError::Invalid("index"));
                }
                gap |= ((byte & 0x7F) as usize) << shift;
                shift += 7;
                if byte & 0x80 == 0 {
                    break;
                }
            }
            index = if k == 0 { gap } else { index + gap };
            if index >= size || (k > 0 && gap == 0) {
                return Err(ModelError::Invalid("index"));
            }
            let w = body.get(at..at + 2).ok_or(ModelError::Truncated)?;
            weights[index] = i16::from_le_bytes([w[0], w[1]]);
            at += 2;
        }
        if at != body.len() {
            return Err(ModelError::Invalid("length"));
        }
        Ok(BoundaryModel { bits, weights, threshold })
    }

    /// Writes the model in the format [`BoundaryModel::from_bytes`] reads.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&[VERSION, FEATURES_VERSION, self.bits]);
        b.extend_from_slice(&self.threshold.to_le_bytes());
        b.extend_from_slice(&(self.nonzero() as u32).to_le_bytes());
        let mut prev = 0usize;
        for (i, &w) in self.weights.iter().enumerate() {
            if w == 0 {
                continue;
            }
            let mut gap = i - prev;
            prev = i;
            loop {
                let byte = (gap & 0x7F) as u8;
                gap >>= 7;
                if gap == 0 {
                    b.push(byte);
                    break;
                }
                b.push(byte | 0x80);
            }
            b.extend_from_slice(&w.to_le_bytes());
        }
        let sum = fnv(&b);
        b.extend_from_slice(&sum.to_le_bytes());
        b
    }

    /// The score of one candidate's features.
    #[inline]
    pub(crate) fn score(&self, f: &[u64; NF]) -> i32 {
        let shift = 64 - self.bits as u32;
        f.iter().map(|&h| self.weights[(h >> shift) as usize] as i32).sum()
    }

    /// Adds the boundaries the model finds inside the rule sentences of `sentences`.
    pub(crate) fn refine(
        &self,
        text: &str,
        tokens: &TokenTable,
        kinds: &[Kind],
        sentences: &mut Vec<Sentence>,
    ) {
        let cx = Context::new(text, &tokens.spans, kinds);
        let rules = std::mem::take(sentences);
        sentences.reserve(rules.len() + rules.len() / 8);
        let mut f = [0u64; NF];
        for (i, s) in rules.iter().enumerate() {
            let scope = Scope::of(&rules, i);
            let (a, b) = (scope.a, scope.b);
            let mut first = a;
            for t in a..b - 1 {
                if !cx.candidate(&scope, t) {
                    continue;
                }
                cx.features(&scope, t, &mut f);
                if self.score(&f) >= self.threshold {
                    sentences.push(cx.sentence(first, t, s.paragraph));
                    first = t + 1;
                }
            }
            sentences.push(cx.sentence(first, b - 1, s.paragraph));
        }
    }
}

/// FNV-1a, 64 bits: the checksum of model files.
fn fnv(b: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &x in b {
        h ^= x as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Mixes `v` into the hash `h`; the top bits of the result index the weight table.
#[inline]
fn mix(h: u64, v: u64) -> u64 {
    (h ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29)
}

/// A feature: template number `k` with values `a` and `b`, hashed.
#[inline]
fn feat(k: u64, a: u64, b: u64) -> u64 {
    let h = mix(mix(mix(0x51_7cc1_b727_220a, k), a), b);
    // A final multiply spreads the entropy into the top bits that index the table.
    (h ^ (h >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9)
}

/// Where a candidate lies: its rule sentence and what comes before it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scope {
    /// The rule sentence's tokens, `a..b`.
    pub a: usize,
    /// One past the rule sentence's last token.
    pub b: usize,
    /// The last token of the rule sentence before, if it is in the same paragraph.
    pub prev: Option<usize>,
}

impl Scope {
    /// The scope of rule sentence `i` of `sentences`.
    pub(crate) fn of(sentences: &[Sentence], i: usize) -> Scope {
        let s = &sentences[i];
        Scope {
            a: s.tokens.start as usize,
            b: s.tokens.end as usize,
            prev: (i > 0 && sentences[i - 1].paragraph == s.paragraph)
                .then(|| sentences[i - 1].tokens.end as usize - 1),
        }
    }
}

/// The tokens of a text with what the features read from them, computed once.
pub(crate) struct Context<'a> {
    s: &'a [u8],
    spans: &'a [Span],
    kinds: &'a [Kind],
    /// How densely the text is punctuated: a bucket of sentence-final marks per token.
    density: u64,
    /// Per token: the hashes of its lower-cased form and of its shape, its class and
    /// the hash of its last three bytes lower-cased (see [`Context::word`],
    /// [`Context::shape`], [`Context::class`], [`Context::suffix`]), computed once
    /// since each token is read by up to four candidates.
    info: Vec<[u64; 4]>,
}

/// Token values for positions outside the text.
const NONE: u64 = 0xFFFF;

impl<'a> Context<'a> {
    /// Reads the token kinds of `text` once for the document-level features.
    pub(crate) fn new(text: &'a str, spans: &'a [Span], kinds: &'a [Kind]) -> Context<'a> {
        let stops = kinds.iter().filter(|k| matches!(k, Kind::Stop)).count();
        let per_100 = stops * 100 / kinds.len().max(1);
        let density = match per_100 {
            0 => 0,
            1 => 1,
            2..=3 => 2,
            4..=5 => 3,
            6..=9 => 4,
            _ => 5,
        };
        let mut cx = Context { s: text.as_bytes(), spans, kinds, density, info: Vec::new() };
        cx.info = (0..spans.len())
            .map(|t| [cx.word(t), cx.shape(t), cx.class(t), cx.suffix(t)])
            .collect();
        cx
    }

    /// A sentence over tokens `a..=b`.
    fn sentence(&self, a: usize, b: usize, paragraph: u32) -> Sentence {
        Sentence {
            span: Span::new(self.spans[a].start, self.spans[b].end),
            tokens: (a as u32)..(b as u32 + 1),
            paragraph,
        }
    }

    /// True when the gap after token `t` (in `scope`) can hold a boundary: white space
    /// separates it from the next token (sentences of the treebanks are never written
    /// against each other), and it does not close a dateline.
    #[inline]
    pub(crate) fn candidate(&self, scope: &Scope, t: usize) -> bool {
        self.spans[t].end != self.spans[t + 1].start && !self.dateline(scope, t)
    }

    /// True when token `t` is the dash of a dateline: the first sentence of a paragraph
    /// starts with at most eight tokens of names, numbers, commas and brackets, the last
    /// a capitalised word or a bracket (`MOSCOW, April 26 (Reuters) -`, `Taipei, Taiwan
    /// —`). News writes the story on after it in the same sentence, and herald reads news:
    /// the model never cuts there, although EWT's web text sometimes does.
    fn dateline(&self, scope: &Scope, t: usize) -> bool {
        if scope.prev.is_some() || t == scope.a || t - scope.a > 8 {
            return false;
        }
        let dash = matches!(self.kinds[t], Kind::Punct(Punct::Dash))
            || matches!(self.bytes(t), b"-" | b"--");
        dash && matches!(self.info[t - 1][2], 1 | 2 | 24)
            && (scope.a..t).all(|k| match self.kinds[k] {
                Kind::Word | Kind::Number | Kind::Abbr(_) => true,
                Kind::Punct(Punct::Open | Punct::Close) => true,
                Kind::Punct(Punct::Other) => self.bytes(k) == b",",
                _ => false,
            })
    }

    /// The bytes of token `t`.
    #[inline]
    fn bytes(&self, t: usize) -> &[u8] {
        let sp = self.spans[t];
        &self.s[sp.start as usize..sp.end as usize]
    }

    /// The hash of token `t` lower-cased (ASCII), its first 24 bytes.
    fn word(&self, t: usize) -> u64 {
        let mut h = 0x2545_f491_4f6c_dd1du64;
        for &c in self.bytes(t).iter().take(24) {
            h = mix(h, c.to_ascii_lowercase() as u64);
        }
        h
    }

    /// The hash of the last three bytes of token `t`, lower-cased (ASCII): `-ing`, `-ed`
    /// and the like generalise over words seen once.
    fn suffix(&self, t: usize) -> u64 {
        let b = self.bytes(t);
        let mut h = 0x1f83_d9ab_fb41_bd6bu64;
        for &c in &b[b.len().saturating_sub(3)..] {
            h = mix(h, c.to_ascii_lowercase() as u64);
        }
        h
    }

    /// The shape of token `t` packed in a `u64`: runs of upper case `X`, lower case `x`,
    /// digits `d` and each ASCII mark as itself, other characters `u`, at most 7 runs,
    /// plus whether the token is longer than 3 bytes (`Xx` for `Mann` and `Mr`).
    fn shape(&self, t: usize) -> u64 {
        let b = self.bytes(t);
        let mut h = (b.len() > 3) as u64;
        let mut last = 0u8;
        let mut runs = 0;
        let mut i = 0;
        while i < b.len() && runs < 7 {
            let c = b[i];
            let class = if c.is_ascii_uppercase() {
                b'X'
            } else if c.is_ascii_lowercase() {
                b'x'
            } else if c.is_ascii_digit() {
                b'd'
            } else if c < 0x80 {
                c
            } else if chars::is_upper_at(self.s, self.spans[t].start as usize + i) {
                b'X'
            } else {
                b'u'
            };
            if class != last {
                h = (h << 8) | class as u64;
                runs += 1;
                last = class;
            }
            i += if c < 0x80 { 1 } else { chars::utf8_len(c) };
        }
        h
    }

    /// A small code for token `t`'s kind and case, or [`NONE`] outside the text.
    fn class(&self, t: usize) -> u64 {
        if t >= self.spans.len() {
            return NONE;
        }
        match self.kinds[t] {
            Kind::Word => {
                let i = self.spans[t].start as usize;
                let b = self.bytes(t);
                if chars::is_upper_at(self.s, i) {
                    if b.len() > 1 && b.iter().all(|c| !c.is_ascii_lowercase()) {
                        1
                    } else {
                        2
                    }
                } else if chars::is_lower_at(self.s, i) {
                    3
                } else {
                    4
                }
            }
            Kind::Number => 5,
            Kind::Url => 6,
            Kind::Abbr(a) => 7 + a as u64,
            Kind::Stop => 12,
            Kind::Ellipsis => 13,
            Kind::Emoticon => 14,
            Kind::Punct(p) => {
                20 + match p {
                    Punct::OpenQuote => 0,
                    Punct::CloseQuote => 1,
                    Punct::Quote => 2,
                    Punct::Open => 3,
                    Punct::Close => 4,
                    Punct::Dash => 5,
                    Punct::Ellipsis => 6,
                    // Commas, colons and the like matter each on its own.
                    Punct::Other => 16 + self.bytes(t)[0] as u64,
                }
            }
        }
    }

    /// The features of the gap after token `t` in `scope`, written to `f`.
    pub(crate) fn features(&self, scope: &Scope, t: usize, f: &mut [u64; NF]) {
        let (a, b, prev) = (scope.a, scope.b, scope.prev);
        // Outside the rule sentence (before `a`, from `b`) a token reads as NONE, except
        // the next token, which is always inside.
        let none = [NONE; 4];
        let at = |k: usize| if k >= a && k < b { self.info[k] } else { none };
        let [wp1, sp1, cp1, xp1] = self.info[t];
        let [wn1, sn1, cn1, xn1] = self.info[t + 1];
        let [wp2, sp2, cp2, _] = if t > 0 { at(t - 1) } else { none };
        let [wn2, sn2, cn2, _] = at(t + 2);
        let opens = prev.is_none();
        // How the rule sentence before ends, in the same paragraph.
        let prev_end = prev.map_or(NONE, |k| self.info[k][2]);
        let before = bucket(t + 1 - a);
        let after = bucket(b - 1 - t);
        // How the rule sentence ends: final punctuation (and which) or none.
        let end = self.info[b - 1][2];
        *f = [
            feat(0, 0, 0),
            feat(1, wp1, 0),
            feat(2, wn1, 0),
            feat(3, wp2, 0),
            feat(4, wn2, 0),
            feat(5, wp1, wn1),
            feat(6, sp1, 0),
            feat(7, sn1, 0),
            feat(8, sp2, 0),
            feat(9, sn2, 0),
            feat(10, sp1, sn1),
            feat(11, mix(sp2, sp1), sn1),
            feat(12, sp1, mix(sn1, sn2)),
            feat(13, wp1, sn1),
            feat(14, sp1, wn1),
            feat(15, cp1, cn1),
            feat(16, mix(cp2, cp1), mix(cn1, cn2)),
            feat(17, before, cn1),
            feat(18, after, cn1),
            feat(19, mix(before, after), 0),
            feat(20, end, cn1),
            feat(21, self.density, cn1),
            feat(22, self.density, mix(before, after)),
            feat(23, mix(end, self.density), mix(cp1, cn1)),
            feat(24, wp2, wp1),
            feat(25, wn1, wn2),
            feat(26, wn1, cp1),
            feat(27, wp1, cn1),
            feat(28, mix(sp1, sn1), mix(before, after)),
            feat(29, opens as u64, mix(before, cn1)),
            feat(30, xp1, 0),
            feat(31, xn1, 0),
            feat(32, wn1, cn1),
            feat(33, prev_end, mix(before, cn1)),
            feat(34, wn1, end),
            feat(35, xp1, xn1),
        ];
    }
}

/// A rough logarithmic bucket of a token count.
fn bucket(n: usize) -> u64 {
    match n {
        0..=4 => n as u64,
        5..=6 => 5,
        7..=9 => 6,
        10..=14 => 7,
        15..=24 => 8,
        25..=39 => 9,
        _ => 10,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_model_loads() {
        let m = BoundaryModel::from_bytes(BUNDLED).expect("the shipped model loads");
        assert!(m.nonzero() > 1000);
        assert_eq!(BoundaryModel::bundled(), Some(&m));
        // Written back, it is the same file: the format has one spelling per model.
        assert_eq!(m.to_bytes(), BUNDLED);
    }

    #[test]
    fn damaged_model_files_are_errors_not_panics() {
        assert_eq!(BoundaryModel::from_bytes(b""), Err(ModelError::NotAModel));
        assert_eq!(BoundaryModel::from_bytes(b"\x1f\x8b\x08\x00"), Err(ModelError::NotAModel));
        assert_eq!(BoundaryModel::from_bytes(b"HTBM\x01"), Err(ModelError::Truncated));
        let mut flipped = BUNDLED.to_vec();
        flipped[BUNDLED.len() / 2] ^= 0x10;
        assert_eq!(BoundaryModel::from_bytes(&flipped), Err(ModelError::Checksum));
        let mut future = BUNDLED.to_vec();
        future[4] = 9;
        assert!(matches!(BoundaryModel::from_bytes(&future), Err(ModelError::Version { .. })));
        for cut in [5, 15, 23, 100, BUNDLED.len() / 2, BUNDLED.len() - 1] {
            assert!(BoundaryModel::from_bytes(&BUNDLED[..cut]).is_err(), "cut at {cut}");
        }
        // A file with a valid checksum but an impossible body is named as such.
        let mut body = BUNDLED[..BUNDLED.len() - 8].to_vec();
        body[6] = 40;
        body.extend_from_slice(&fnv(&body).to_le_bytes());
        assert_eq!(BoundaryModel::from_bytes(&body), Err(ModelError::Invalid("table size")));
        let mut body = BUNDLED[..BUNDLED.len() - 8].to_vec();
        body.push(0);
        body.extend_from_slice(&fnv(&body).to_le_bytes());
        assert!(BoundaryModel::from_bytes(&body).is_err());
    }

    #[test]
    fn a_small_model_round_trips() {
        let mut w = vec![0i16; 1 << 10];
        w[0] = -5;
        w[3] = 7;
        w[1023] = i16::MIN;
        let m = BoundaryModel::new(10, w, -42);
        let b = m.to_bytes();
        assert_eq!(BoundaryModel::from_bytes(&b), Ok(m.clone()));
        assert_eq!(m.with_threshold(3).threshold(), 3);
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_load_or_fail_cleanly(tail in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64)) {
            let mut b = b"HTBM\x01\x01\x10".to_vec();
            b.extend_from_slice(&tail);
            let _ = BoundaryModel::from_bytes(&b);
            let mut sealed = b.clone();
            sealed.extend_from_slice(&fnv(&b).to_le_bytes());
            let _ = BoundaryModel::from_bytes(&sealed);
        }
    }
}
