//! First-order Viterbi decoding over BILOU labels: the best well-formed label sequence
//! under a scorer that splits into label-independent and previous-label features.

use crate::features::Prepared;
use crate::labels::LabelSet;

/// Reusable buffers for [`viterbi`].
#[derive(Default)]
pub(crate) struct Lattice {
    feats: Vec<u64>,
    stat: Vec<f32>,
    dynamic: Vec<f32>,
    delta: Vec<f32>,
    back: Vec<u16>,
}

/// Writes into `out` the best well-formed label sequence for the `n` tokens prepared in
/// `prep`, with `score(features, out)` giving per-class scores (extra classes beyond
/// `labels.len()` are ignored).
pub(crate) fn viterbi(
    labels: &LabelSet,
    prep: &Prepared,
    n: usize,
    score: &dyn Fn(&[u64], &mut Vec<f32>),
    lat: &mut Lattice,
    out: &mut Vec<u16>,
) {
    out.clear();
    if n == 0 {
        return;
    }
    let l = labels.len();
    lat.delta.clear();
    lat.delta.resize(n * l, f32::NEG_INFINITY);
    lat.back.clear();
    lat.back.resize(n * l, 0);
    for i in 0..n {
        prep.static_features(i, &mut lat.feats);
        score(&lat.feats, &mut lat.stat);
        let last = i + 1 == n;
        if i == 0 {
            prep.label_features(0, u16::MAX, &mut lat.feats);
            score(&lat.feats, &mut lat.dynamic);
            for c in 0..l {
                let cu = c as u16;
                if labels.allowed(None, cu) && (!last || labels.may_end(Some(cu))) {
                    lat.delta[c] = lat.stat[c] + lat.dynamic[c];
                }
            }
            continue;
        }
        for p in 0..l {
            let prev = lat.delta[(i - 1) * l + p];
            if prev == f32::NEG_INFINITY {
                continue;
            }
            prep.label_features(i, p as u16, &mut lat.feats);
            score(&lat.feats, &mut lat.dynamic);
            for c in 0..l {
                let cu = c as u16;
                if !labels.allowed(Some(p as u16), cu) || (last && !labels.may_end(Some(cu))) {
                    continue;
                }
                let cand = prev + lat.stat[c] + lat.dynamic[c];
                let cell = i * l + c;
                if cand > lat.delta[cell] {
                    lat.delta[cell] = cand;
                    lat.back[cell] = p as u16;
                }
            }
        }
    }
    let row = &lat.delta[(n - 1) * l..n * l];
    let mut best = 0;
    for c in 1..l {
        if row[c] > row[best] {
            best = c;
        }
    }
    out.resize(n, 0);
    let mut c = best as u16;
    for i in (0..n).rev() {
        out[i] = c;
        c = lat.back[i * l + c as usize];
    }
}
