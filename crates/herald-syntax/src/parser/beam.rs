//! Beam search over arc-hybrid transitions, and its global training: a structured averaged
//! perceptron with max-violation updates (Huang, Fayong & Guo 2012) over the same feature
//! templates as the greedy parser.
//!
//! Every sentence of `n` words takes exactly `2n` transitions (n SHIFTs, n arcs), so all beam
//! items finish together. The gold sequence is latent (non-projective trees have no single
//! gold sequence): an item is correct while it has only taken transitions the dynamic
//! oracle calls optimal; the gold item is the best correct item in the beam or, once none is
//! left, the previous gold item extended by its best-scoring optimal transition.

use std::cell::RefCell;
use std::cmp::Ordering;

use herald_ml::conllu::Sentence;
use herald_ml::{Perceptron, Prune};

use super::{columns, Oracle, Parser, State, Tokens};
use crate::Progress;

/// One beam item: a configuration, its score, its history (a node of the history arena,
/// training only) and its loss beyond the best reachable (training only).
#[derive(Clone)]
struct Item {
    st: State,
    score: f32,
    node: u32,
    loss: u32,
}

/// An expansion: item `item` followed by transition `class`, with the total score.
#[derive(Clone, Copy)]
struct Cand {
    score: f32,
    item: u32,
    class: u16,
    loss: u32,
}

/// Best first; ties to the lower item, then the lower class (deterministic).
fn by_score(a: &Cand, b: &Cand) -> Ordering {
    b.score
        .partial_cmp(&a.score)
        .unwrap_or(Ordering::Equal)
        .then(a.item.cmp(&b.item))
        .then(a.class.cmp(&b.class))
}

impl State {
    /// Makes `self` a copy of `other`, reusing its allocations.
    fn copy_from(&mut self, other: &State) {
        self.n = other.n;
        self.none = other.none;
        self.stack.clone_from(&other.stack);
        self.b = other.b;
        self.head.clone_from(&other.head);
        self.label.clone_from(&other.label);
        self.l1.clone_from(&other.l1);
        self.l2.clone_from(&other.l2);
        self.r1.clone_from(&other.r1);
        self.r2.clone_from(&other.r2);
        self.nl.clone_from(&other.nl);
        self.nr.clone_from(&other.nr);
        self.lset.clone_from(&other.lset);
        self.rset.clone_from(&other.rset);
        self.no_label = other.no_label;
    }
}

/// Working memory of one beam search (reused across sentences).
struct Beam {
    items: Vec<Item>,
    /// How many of `items` are the beam.
    live: usize,
    next: Vec<Item>,
    cands: Vec<Cand>,
    feats: Vec<u64>,
    scores: Vec<f32>,
    cost: Vec<u32>,
    /// Decoding: a step's features split into buffer-only, other label-independent and
    /// label-reading templates.
    groups: [Vec<u64>; 3],
    /// Decoding: the partial scores of this step's first two feature groups (`cached[g]`
    /// entries of `cache[g]` are valid).
    cache: [Vec<(Vec<u64>, Vec<f32>)>; 2],
    cached: [usize; 2],
}

/// The feature templates (indices into [`State::features`]' output) that read only the
/// buffer (the bias, b0–b2's words and tags).
const BUFFER_ONLY: [usize; 12] = [0, 4, 5, 6, 7, 8, 9, 10, 11, 12, 23, 24];

/// The number of templates [`State::features`] writes.
const N_TEMPLATES: usize = 85;

/// Each template's group for [`Beam::shared_scores`]: 0 = buffer only, 2 = reads labels,
/// 1 = the rest.
const GROUP: [u8; N_TEMPLATES] = {
    let mut g = [1u8; N_TEMPLATES];
    let mut i = 0;
    while i < BUFFER_ONLY.len() {
        g[BUFFER_ONLY[i]] = 0;
        i += 1;
    }
    let mut i = 0;
    while i < LABELLED.len() {
        g[LABELLED[i]] = 2;
        i += 1;
    }
    g
};

/// The feature templates (indices into [`State::features`]' output) that read arc labels.
const LABELLED: [usize; 13] = [44, 47, 50, 55, 58, 61, 66, 67, 68, 69, 70, 71, 80];

impl Beam {
    fn new() -> Beam {
        Beam {
            items: Vec::new(),
            live: 0,
            next: Vec::new(),
            cands: Vec::new(),
            feats: Vec::with_capacity(96),
            scores: Vec::new(),
            cost: Vec::new(),
            groups: Default::default(),
            cache: Default::default(),
            cached: [0; 2],
        }
    }

    fn start(&mut self, n: usize, n_labels: usize) {
        if self.items.is_empty() {
            self.items.push(Item { st: State::new(n, n_labels), score: 0.0, node: 0, loss: 0 });
        } else {
            self.items[0].st = State::new(n, n_labels);
            self.items[0].score = 0.0;
            self.items[0].node = 0;
            self.items[0].loss = 0;
        }
        self.live = 1;
    }

    /// Scores `feats` into `scores`, sharing partial sums between the items of a step: the
    /// buffer-only templates between items with the same buffer, the other label-independent
    /// ones between items with the same structure (items that differ only in arc labels are
    /// common); the templates reading labels are scored per item.
    fn shared_scores(&mut self, score: &mut impl FnMut(&[u64], &mut Vec<f32>)) {
        for g in &mut self.groups {
            g.clear();
        }
        debug_assert_eq!(self.feats.len(), N_TEMPLATES);
        for (&f, &g) in self.feats.iter().zip(&GROUP) {
            self.groups[g as usize].push(f);
        }
        score(&self.groups[2], &mut self.scores);
        for g in 0..2 {
            let cache = &mut self.cache[g];
            let j = match cache.iter().take(self.cached[g]).position(|c| c.0 == self.groups[g]) {
                Some(j) => j,
                None => {
                    if self.cached[g] == cache.len() {
                        cache.push((Vec::new(), Vec::new()));
                    }
                    let slot = &mut cache[self.cached[g]];
                    slot.0.clone_from(&self.groups[g]);
                    score(&self.groups[g], &mut slot.1);
                    self.cached[g] += 1;
                    self.cached[g] - 1
                }
            };
            for (s, p) in self.scores.iter_mut().zip(&cache[j].1) {
                *s += p;
            }
        }
    }

    /// Expands every item by every valid transition and keeps the `k` best. With an oracle,
    /// candidates carry their loss (the oracle's cost beyond the best transition's).
    fn step(
        &mut self,
        parser: &Parser,
        tokens: &Tokens,
        k: usize,
        margin: f32,
        score: &mut impl FnMut(&[u64], &mut Vec<f32>),
        mut oracle: Option<&mut Oracle>,
    ) {
        let nl = parser.labels.len();
        self.cands.clear();
        self.cached = [0; 2];
        for i in 0..self.live {
            self.items[i].st.features(tokens, &mut self.feats);
            if oracle.is_some() {
                score(&self.feats, &mut self.scores);
            } else {
                self.shared_scores(score);
            }
            let it = &self.items[i];
            let best_cost = match oracle.as_deref_mut() {
                Some(o) => {
                    o.fill_stack(&it.st);
                    o.costs(&it.st, nl, parser.root, &mut self.cost);
                    *self.cost.iter().min().expect("non-empty")
                }
                None => 0,
            };
            // `Parser::valid`, with the configuration's part computed once.
            let (shift, left, right) = (it.st.can_shift(), it.st.can_left(), it.st.can_right());
            let onto_root = it.st.s(1) == 0;
            let root = parser.root as usize;
            for (c, &s) in self.scores.iter().enumerate() {
                let ok = if c == 0 {
                    shift
                } else if c <= nl {
                    left && c - 1 != root
                } else {
                    right && ((c - 1 - nl == root) == onto_root)
                };
                debug_assert_eq!(ok, parser.valid(&it.st, c));
                if !ok {
                    continue;
                }
                // Keep `cands` as the k best so far, best first.
                let mut cand =
                    Cand { score: it.score + s, item: i as u32, class: c as u16, loss: 0 };
                if self.cands.len() == k
                    && self.cands.last().is_some_and(|last| by_score(&cand, last) != Ordering::Less)
                {
                    continue;
                }
                if oracle.is_some() {
                    cand.loss = it.loss + (self.cost[c] - best_cost);
                }
                let at = self.cands.partition_point(|x| by_score(x, &cand) == Ordering::Less);
                self.cands.insert(at, cand);
                self.cands.truncate(k);
            }
        }
        // Decoding with a margin: candidates that far behind the best are dropped (the beam
        // narrows where the model is sure).
        if let Some(best) = self.cands.first() {
            let floor = best.score - margin;
            while self.cands.last().is_some_and(|c| c.score < floor) {
                self.cands.pop();
            }
        }
        while self.next.len() < self.cands.len() {
            self.next.push(Item { st: State::new(0, nl), score: 0.0, node: 0, loss: 0 });
        }
        for (j, c) in self.cands.iter().enumerate() {
            let from = &self.items[c.item as usize];
            let to = &mut self.next[j];
            to.st.copy_from(&from.st);
            to.st.apply(c.class as usize, nl);
            to.score = c.score;
            to.node = from.node;
            to.loss = c.loss;
        }
        std::mem::swap(&mut self.items, &mut self.next);
        // The new beam is the first `live` items (the rest are spare states, kept for reuse).
        self.live = self.cands.len();
    }
}

impl Parser {
    /// Beam-search decoding with beam width `k`, keeping only candidates within `margin` of
    /// the best.
    pub(super) fn parse_beam(&self, tokens: &Tokens, n: usize, k: usize, margin: f32) -> State {
        thread_local! {
            // Reused between sentences: no allocation per step once warm.
            static SCRATCH: RefCell<Beam> = RefCell::new(Beam::new());
        }
        let nl = self.labels.len();
        SCRATCH.with(|scratch| {
            let beam = &mut *scratch.borrow_mut();
            beam.start(n, nl);
            let mut score = |f: &[u64], out: &mut Vec<f32>| self.weights.scores(f, out);
            for _ in 0..2 * n {
                beam.step(self, tokens, k, margin, &mut score, None);
            }
            debug_assert!(beam.items[0].st.terminal());
            beam.items[0].st.clone()
        })
    }
}

impl Oracle<'_> {
    /// Sets stack membership from a configuration: ROOT, and every shifted word without a
    /// head yet (arc-hybrid gives a word its head when it pops it).
    fn fill_stack(&mut self, st: &State) {
        for (i, m) in self.in_stack.iter_mut().enumerate() {
            *m = i == 0 || ((i as u32) < st.b && i as u32 <= st.n && st.head[i] == st.none);
        }
    }
}

/// The transitions leading to arena node `node`, first to last.
fn history(arena: &[(u32, u16)], mut node: u32) -> Vec<u16> {
    let mut h = Vec::new();
    while node != 0 {
        let (parent, class) = arena[node as usize];
        h.push(class);
        node = parent;
    }
    h.reverse();
    h
}

/// Global training with beam width `k`: one max-violation update per sentence whose best
/// sequence is not correct. `parser` gives the labels (its weights are replaced).
#[allow(clippy::too_many_arguments)]
pub(super) fn train(
    parser: &mut Parser,
    sents: &[&Sentence],
    gold: &[(Vec<u32>, Vec<u16>)],
    k: usize,
    epochs: usize,
    seed: u64,
    prune: Prune,
    progress: &Progress,
) {
    let nl = parser.labels.len();
    let mut model = Perceptron::new(1 + 2 * nl);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = herald_ml::Rng::new(seed);
    let mut beam = Beam::new();
    let mut gfeats = Vec::with_capacity(96);
    let mut pfeats = Vec::with_capacity(96);
    let mut gscores = Vec::new();
    let mut gcost = Vec::new();
    let mut arena: Vec<(u32, u16)> = Vec::new();
    let n_words: usize = sents.iter().map(|s| s.words.len()).sum();
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let bar =
            progress.bar(&format!("beam parser epoch {}/{epochs}", epoch + 1), n_words as u64);
        let (mut right, mut updates, mut early) = (0usize, 0usize, 0usize);
        for &si in &order {
            let s = sents[si];
            let (forms, xpos, upos) = columns(s);
            let tokens = Tokens::new(&forms, &xpos, &upos);
            let n = forms.len();
            let mut oracle = Oracle {
                gold_head: &gold[si].0,
                gold_label: &gold[si].1,
                in_stack: vec![false; n + 2],
            };
            arena.clear();
            arena.push((0, 0));
            beam.start(n, nl);
            let mut g = Item { st: State::new(n, nl), score: 0.0, node: 0, loss: 0 };
            // The step with the largest violation so far: (violation, gold node, predicted node).
            let mut worst: Option<(f32, u32, u32)> = None;
            for _ in 0..2 * n {
                let mut score = |f: &[u64], out: &mut Vec<f32>| model.scores(f, out);
                beam.step(parser, &tokens, k, f32::INFINITY, &mut score, Some(&mut oracle));
                // Record each surviving item's history.
                for j in 0..beam.live {
                    // `step` left the parent's node in the item.
                    arena.push((beam.items[j].node, beam.cands[j].class));
                    beam.items[j].node = (arena.len() - 1) as u32;
                }
                // Advance the gold item: the best correct item in the beam, else its best
                // optimal extension.
                if let Some(j) = beam.items[..beam.live].iter().position(|it| it.loss == 0) {
                    g.st.copy_from(&beam.items[j].st);
                    g.score = beam.items[j].score;
                    g.node = beam.items[j].node;
                } else {
                    g.st.features(&tokens, &mut gfeats);
                    model.scores(&gfeats, &mut gscores);
                    oracle.fill_stack(&g.st);
                    oracle.costs(&g.st, nl, parser.root, &mut gcost);
                    let best_cost = *gcost.iter().min().expect("non-empty");
                    let c = herald_ml::argmax(&gscores, |c| gcost[c] == best_cost);
                    g.st.apply(c, nl);
                    g.score += gscores[c];
                    arena.push((g.node, c as u16));
                    g.node = (arena.len() - 1) as u32;
                }
                let top = &beam.items[0];
                if top.loss > 0 {
                    let v = top.score - g.score;
                    if worst.is_none_or(|w| v >= w.0) {
                        worst = Some((v, g.node, top.node));
                    }
                }
            }
            match worst {
                None => right += 1,
                Some((_, gnode, pnode)) => {
                    updates += 1;
                    let (gh, ph) = (history(&arena, gnode), history(&arena, pnode));
                    debug_assert_eq!(gh.len(), ph.len());
                    early += (gh.len() < 2 * n) as usize;
                    let mut gs = State::new(n, nl);
                    let mut ps = State::new(n, nl);
                    let mut same = true;
                    for (&ga, &pa) in gh.iter().zip(&ph) {
                        if same && ga == pa {
                            gs.apply(ga as usize, nl);
                            ps.apply(pa as usize, nl);
                            continue;
                        }
                        same = false;
                        gs.features(&tokens, &mut gfeats);
                        ps.features(&tokens, &mut pfeats);
                        model.add(&gfeats, ga as usize, 1.0);
                        model.add(&pfeats, pa as usize, -1.0);
                        gs.apply(ga as usize, nl);
                        ps.apply(pa as usize, nl);
                    }
                }
            }
            model.tick();
            bar.inc(n as u64);
        }
        bar.finish_and_clear();
        progress.note(&format!(
            "beam parser epoch {}: sentences right {:.4}, {} updates ({} early), {} features",
            epoch + 1,
            right as f64 / order.len().max(1) as f64,
            updates,
            early,
            model.n_features()
        ));
    }
    parser.weights = model.into_weights(prune);
}

#[cfg(test)]
mod tests {
    use crate::Models;

    #[test]
    fn a_beam_of_one_is_the_greedy_parser() {
        let m = Models::bundled().unwrap();
        let forms = [
            "The",
            "minister",
            "met",
            "his",
            "counterpart",
            "in",
            "the",
            "capital",
            "on",
            "Monday",
            ".",
        ];
        let tags = m.tagger.tag(&forms);
        let xpos: Vec<&str> = tags.iter().map(|&t| m.tagger.xpos(t)).collect();
        let upos: Vec<&str> = tags.iter().map(|&t| m.tagger.upos(t)).collect();
        let greedy = m.parser.parse(&forms, &xpos, &upos);
        let tokens = super::Tokens::new(&forms, &xpos, &upos);
        let st = m.parser.parse_beam(&tokens, forms.len(), 1, f32::INFINITY);
        let beam: Vec<_> = (1..=forms.len())
            .map(|i| super::super::Arc {
                head: st.head[i],
                label: super::super::DepLabel(st.label[i]),
            })
            .collect();
        assert_eq!(greedy, beam);
    }
}
