//! Training the boundary model from treebank documents.
//!
//! [`conllu_documents`] rebuilds raw documents from a CoNLL-U file exactly as the scorer
//! (`seg_score.py build`) does, with the byte offsets where gold sentences end. [`train`]
//! runs the tokenizer and the rule splitter over them, labels every candidate gap inside
//! a rule sentence with the gold decision, fits a logistic regression by averaged
//! stochastic gradient descent over the hashed features, and picks the decision
//! threshold by cross-validation over documents: the threshold with the best sentence F1
//! on held-out folds (counted as the scorer counts it: a sentence is right when both its
//! ends are) among those that keep the sentence F1 of the *guard* documents (news) at
//! least at the rules' own. Everything is deterministic: documents are taken
//! in the order given, folds are document index modulo the fold count and the example
//! order of each epoch comes from a seeded generator.

use herald_doc::{Sentence, Span, TokenTable};

use crate::boundary::{BoundaryModel, Context, Scope, NF};
use crate::tokenize::Kind;

/// One training document: raw text and where its gold sentences end.
#[derive(Clone, Debug, Default)]
pub struct TrainDoc {
    /// The document id (`# newdoc id`).
    pub id: String,
    /// The raw text: sentences of a paragraph joined by a space, paragraphs by a blank
    /// line.
    pub text: String,
    /// Byte offsets in `text` where gold sentences end, in increasing order.
    pub ends: Vec<u32>,
    /// True for documents whose precision the threshold must protect (news): the
    /// threshold is chosen so that their sentence F1 does not fall below the rules'.
    pub guard: bool,
}

/// Reads the documents of a CoNLL-U file as `seg_score.py build` builds them: one per
/// `# newdoc id`, sentences from `# text`, a new paragraph at `# newpar`.
pub fn conllu_documents(conllu: &str) -> Vec<TrainDoc> {
    let mut docs: Vec<(String, Vec<Vec<&str>>)> = Vec::new();
    for line in conllu.lines() {
        if let Some(rest) = line.strip_prefix("# newdoc id") {
            let id = rest.split_once('=').map_or("", |(_, v)| v).trim();
            docs.push((id.to_string(), vec![Vec::new()]));
        } else if line.starts_with("# newpar") {
            if let Some((_, paras)) = docs.last_mut() {
                if paras.last().is_some_and(|p| !p.is_empty()) {
                    paras.push(Vec::new());
                }
            }
        } else if let Some(sent) = line.strip_prefix("# text = ") {
            if docs.is_empty() {
                docs.push(("doc".to_string(), vec![Vec::new()]));
            }
            if let Some(p) = docs.last_mut().and_then(|(_, paras)| paras.last_mut()) {
                p.push(sent);
            }
        }
    }
    docs.into_iter()
        .map(|(id, paras)| {
            let mut d = TrainDoc { id, ..TrainDoc::default() };
            for p in paras.iter().filter(|p| !p.is_empty()) {
                if !d.text.is_empty() {
                    d.text.push_str("\n\n");
                }
                for (i, s) in p.iter().enumerate() {
                    if i > 0 {
                        d.text.push(' ');
                    }
                    d.text.push_str(s);
                    d.ends.push(d.text.len() as u32);
                }
            }
            d
        })
        .collect()
}

/// Settings of [`train`].
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// Passes over the training examples.
    pub epochs: usize,
    /// log2 of the weight table size (10..=24).
    pub bits: u8,
    /// Cross-validation folds for choosing the threshold (at least 2).
    pub folds: usize,
    /// The learning rate of the gradient steps.
    pub rate: f64,
    /// Seed of the example order.
    pub seed: u64,
    /// A fixed threshold (logit) instead of the cross-validated one.
    pub threshold: Option<f64>,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig { epochs: 6, bits: 16, folds: 5, rate: 0.1, seed: 42, threshold: None }
    }
}

/// Sentence counts at one threshold, as the scorer counts them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    /// Gold sentences.
    pub gold: usize,
    /// Predicted sentences (rules plus model) that are exactly gold ones.
    pub tp: usize,
    /// Predicted sentences that are not.
    pub fp: usize,
}

impl Counts {
    /// Precision, recall and F1.
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / self.gold.max(1) as f64;
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f)
    }
}

/// One row of the cross-validation sweep.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SweepRow {
    /// The threshold, as a logit (score ≥ threshold is a boundary).
    pub threshold: f64,
    /// All documents.
    pub all: Counts,
    /// The guard documents.
    pub guard: Counts,
}

/// What [`train`] measured.
#[derive(Clone, Debug, Default)]
pub struct TrainReport {
    /// Candidate gaps (inside rule sentences, with white space).
    pub candidates: usize,
    /// Candidates that are gold boundaries.
    pub positives: usize,
    /// The rules alone: all documents, guard documents.
    pub rules: (Counts, Counts),
    /// Held-out counts per threshold, rules plus model.
    pub sweep: Vec<SweepRow>,
    /// The chosen threshold (logit).
    pub threshold: f64,
    /// Non-zero weights of the shipped model.
    pub nonzero: usize,
}

/// Weights are stored as `round(logit weight × SCALE)` in an `i16`.
const SCALE: f64 = 256.0;

/// The labelled candidates of a set of documents.
struct Examples {
    /// `NF` table indices per example.
    feats: Vec<u32>,
    labels: Vec<bool>,
    /// The document of each example.
    doc: Vec<u32>,
    /// Per document, the gaps after tokens where a boundary is or may be, in text order.
    gaps: Vec<Vec<Gap>>,
    /// Per document, the number of gold sentences.
    gold: Vec<usize>,
}

/// A gap after a token: a gold boundary, a cut of the rules, or a candidate.
#[derive(Clone, Copy, Debug)]
struct Gap {
    /// A gold sentence ends here.
    gold: bool,
    /// The rules cut here (or the text or a paragraph ends).
    fixed: bool,
    /// The candidate's example index, `u32::MAX` for none.
    example: u32,
}

/// Counts the sentences of one document, as the scorer does, when the gaps whose
/// `cut` holds are boundaries.
fn sentences(gaps: &[Gap], gold: usize, cut: impl Fn(&Gap) -> bool, c: &mut Counts) {
    // Where the last predicted and the last gold sentence ended: a predicted sentence
    // is right when it ends at a gold end and starts where the gold one does.
    let (mut last_p, mut last_g) = (usize::MAX, usize::MAX);
    for (i, g) in gaps.iter().enumerate() {
        if g.fixed || cut(g) {
            if g.gold && last_p == last_g {
                c.tp += 1;
            } else {
                c.fp += 1;
            }
            last_p = i;
        }
        if g.gold {
            last_g = i;
        }
    }
    c.gold += gold;
}

/// Trains a boundary model on `docs`; see the module docs.
pub fn train(docs: &[TrainDoc], cfg: &TrainConfig) -> (BoundaryModel, TrainReport) {
    let bits = cfg.bits.clamp(10, 24);
    let ex = examples(docs, bits);
    let mut report = TrainReport {
        candidates: ex.labels.len(),
        positives: ex.labels.iter().filter(|&&y| y).count(),
        ..TrainReport::default()
    };
    // Counts over all documents and over the guard documents when `cut` decides the
    // candidates.
    let count = |cut: &dyn Fn(&Gap) -> bool| {
        let (mut all, mut guard) = (Counts::default(), Counts::default());
        for (d, doc) in docs.iter().enumerate() {
            sentences(&ex.gaps[d], ex.gold[d], cut, &mut all);
            if doc.guard {
                sentences(&ex.gaps[d], ex.gold[d], cut, &mut guard);
            }
        }
        (all, guard)
    };
    report.rules = count(&|_| false);
    let rules_guard = report.rules.1.prf().2;

    // Held-out scores of every candidate, by cross-validation over documents.
    let folds = cfg.folds.max(2);
    let mut held = vec![0f64; ex.labels.len()];
    for k in 0..folds {
        let w = fit(&ex, |d| d as usize % folds != k, bits, cfg);
        for (i, (h, f)) in held.iter_mut().zip(ex.feats.chunks_exact(NF)).enumerate() {
            if ex.doc[i] as usize % folds == k {
                *h = score(&w, f);
            }
        }
    }
    let mut chosen = None;
    let mut best = -1.0;
    for step in 0..=60 {
        let th = -3.0 + step as f64 * 0.25;
        let cut = |g: &Gap| g.example != u32::MAX && held[g.example as usize] >= th;
        let (all, guard) = count(&cut);
        report.sweep.push(SweepRow { threshold: th, all, guard });
        let f = all.prf().2;
        if guard.prf().2 >= rules_guard && f > best {
            best = f;
            chosen = Some(th);
        }
    }
    // With no threshold that keeps the guard, the model adds nothing.
    report.threshold = cfg.threshold.or(chosen).unwrap_or(1e3);

    let w = fit(&ex, |_| true, bits, cfg);
    let weights: Vec<i16> = w
        .iter()
        .map(|&x| (x * SCALE).round().clamp(i16::MIN as f64, i16::MAX as f64) as i16)
        .collect();
    let threshold = (report.threshold * SCALE).round().clamp(-1e9, 1e9) as i32;
    let model = BoundaryModel::new(bits, weights, threshold);
    report.nonzero = model.nonzero();
    (model, report)
}

/// The logit of one example under float weights.
fn score(w: &[f64], f: &[u32]) -> f64 {
    f.iter().map(|&i| w[i as usize]).sum()
}

/// Fits averaged-SGD logistic regression on the examples of documents `use_doc` accepts;
/// returns the averaged weights.
fn fit(ex: &Examples, use_doc: impl Fn(u32) -> bool, bits: u8, cfg: &TrainConfig) -> Vec<f64> {
    let size = 1usize << bits;
    let mut w = vec![0f64; size];
    // Sums of step × update, for the average (the Daumé trick): avg = w − u / steps.
    let mut u = vec![0f64; size];
    let mut order: Vec<u32> =
        (0..ex.labels.len() as u32).filter(|&i| use_doc(ex.doc[i as usize])).collect();
    let mut rng = cfg.seed ^ 0x9E37_79B9_7F4A_7C15;
    let mut step = 1f64;
    for _ in 0..cfg.epochs {
        // Fisher–Yates with a xorshift generator: the same order on every run.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            let f = &ex.feats[i as usize * NF..(i as usize + 1) * NF];
            let z = score(&w, f);
            let p = 1.0 / (1.0 + (-z).exp());
            let y = if ex.labels[i as usize] { 1.0 } else { 0.0 };
            let g = cfg.rate * (y - p);
            if g != 0.0 {
                for &k in f {
                    w[k as usize] += g;
                    u[k as usize] += step * g;
                }
            }
            step += 1.0;
        }
    }
    w.iter().zip(&u).map(|(&w, &u)| w - u / step).collect()
}

/// Runs the tokenizer and rules over `docs`: the labelled candidates, and per document
/// the gaps where a boundary is or may be.
fn examples(docs: &[TrainDoc], bits: u8) -> Examples {
    let shift = 64 - bits as u32;
    let mut ex = Examples {
        feats: Vec::new(),
        labels: Vec::new(),
        doc: Vec::new(),
        gaps: Vec::with_capacity(docs.len()),
        gold: docs.iter().map(|d| d.ends.len()).collect(),
    };
    let mut tokens = TokenTable::default();
    let mut kinds: Vec<Kind> = Vec::new();
    let mut sentences: Vec<Sentence> = Vec::new();
    let mut f = [0u64; NF];
    for (di, d) in docs.iter().enumerate() {
        crate::tokenize::tokenize(&d.text, &mut tokens, &mut kinds);
        crate::split::split(&d.text, &tokens, &kinds, &mut sentences);
        let spans: &[Span] = &tokens.spans;
        // A gold sentence ends after token `t` (the text may end there).
        let gold = |t: usize| {
            spans.get(t + 1).is_none_or(|n| spans[t].end < n.start)
                && d.ends.binary_search(&spans[t].end).is_ok()
        };
        let cx = Context::new(&d.text, spans, &kinds);
        let mut gaps = Vec::new();
        for i in 0..sentences.len() {
            let scope = Scope::of(&sentences, i);
            let (a, b) = (scope.a, scope.b);
            for t in a..b - 1 {
                let y = gold(t);
                let example = if cx.candidate(&scope, t) {
                    cx.features(&scope, t, &mut f);
                    ex.feats.extend(f.iter().map(|&h| (h >> shift) as u32));
                    ex.labels.push(y);
                    ex.doc.push(di as u32);
                    ex.labels.len() as u32 - 1
                } else {
                    u32::MAX
                };
                if y || example != u32::MAX {
                    gaps.push(Gap { gold: y, fixed: false, example });
                }
            }
            gaps.push(Gap { gold: gold(b - 1), fixed: true, example: u32::MAX });
        }
        ex.gaps.push(gaps);
    }
    ex
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny treebank: e-mail-like documents whose sentences often lack final
    /// punctuation, and one news document.
    fn fixture() -> String {
        let mut s = String::new();
        for i in 0..12 {
            s.push_str(&format!("# newdoc id = email-{i}\n# newpar\n"));
            for t in [
                "Kay Mann 04/26/2001 07:17 AM",
                "Will you send the draft",
                "Thanks",
                "Sara Shackleton",
                "The meeting moved to Friday.",
                "great food friendly staff",
                "Would go again",
            ] {
                s.push_str(&format!("# text = {t}\n1\tx\tx\tX\tX\t_\t0\troot\t_\t_\n\n"));
            }
        }
        s.push_str("# newdoc id = gum_news_x\n# newpar\n# text = Russia said no.\n\n");
        s.push_str("# text = Talks went on.\n\n# newpar\n# text = A new paragraph.\n\n");
        s
    }

    #[test]
    fn sentences_are_counted_as_the_scorer_counts_them() {
        let gap = |gold, fixed, example| Gap { gold, fixed, example };
        let gaps = [gap(false, false, 0), gap(true, false, 1), gap(true, true, u32::MAX)];
        let count = |cut: &dyn Fn(&Gap) -> bool| {
            let mut c = Counts::default();
            sentences(&gaps, 2, cut, &mut c);
            (c.tp, c.fp)
        };
        assert_eq!(count(&|_| false), (0, 1));
        assert_eq!(count(&|g| g.example == 1), (2, 0));
        // A false cut before a true one spoils the sentence it starts.
        assert_eq!(count(&|g| g.example <= 1), (1, 2));
    }

    #[test]
    fn documents_are_built_as_the_scorer_builds_them() {
        let docs = conllu_documents(&fixture());
        assert_eq!(docs.len(), 13);
        let news = &docs[12];
        assert_eq!(news.id, "gum_news_x");
        assert_eq!(news.text, "Russia said no. Talks went on.\n\nA new paragraph.");
        assert_eq!(news.ends, [15, 30, 48]);
    }

    #[test]
    fn training_is_deterministic_and_learns_the_fixture() {
        let mut docs = conllu_documents(&fixture());
        for d in &mut docs {
            d.guard = d.id.contains("_news_");
        }
        let cfg = TrainConfig { bits: 12, folds: 3, ..TrainConfig::default() };
        let (m1, r1) = train(&docs, &cfg);
        let (m2, r2) = train(&docs, &cfg);
        assert_eq!(m1.to_bytes(), m2.to_bytes());
        assert_eq!(r1.sweep, r2.sweep);
        assert_eq!(r1.positives, 12 * 5);
        // The fixture is learnable: held out, the model finds its boundaries.
        let (_, all, _) = r1.sweep.iter().find(|r| r.threshold == r1.threshold).unwrap().all.prf();
        assert!(all > 0.95, "{r1:?}");
        let mut doc = herald_doc::Doc::new(herald_doc::Article::new("t", docs[0].text.clone()));
        crate::segment_with(&mut doc, Some(&m1));
        assert_eq!(doc.sentences.len(), 7);
    }
}
