//! Coreference metrics over mention identifiers: MUC (Vilain et al. 1995), B³ (Bagga and
//! Baldwin 1998) and entity-based CEAF (CEAF-e, φ4; Luo 2005), with the definitions of the
//! CoNLL-2012 reference scorer (Pradhan et al. 2014). Mentions are compared by identity
//! (here: the document index of their head token); a mention present on one side only
//! counts as an error on that side.
//!
//! Each metric returns its counts (recall numerator and denominator, precision numerator and
//! denominator) so that a corpus score is the micro-average over documents, as the CoNLL
//! scorer computes it.

use std::collections::HashMap;

/// Recall and precision numerators and denominators.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    pub r_num: f64,
    pub r_den: f64,
    pub p_num: f64,
    pub p_den: f64,
}

impl Counts {
    pub fn add(&mut self, o: Counts) {
        self.r_num += o.r_num;
        self.r_den += o.r_den;
        self.p_num += o.p_num;
        self.p_den += o.p_den;
    }
    pub fn recall(&self) -> f64 {
        if self.r_den == 0.0 {
            0.0
        } else {
            self.r_num / self.r_den
        }
    }
    pub fn precision(&self) -> f64 {
        if self.p_den == 0.0 {
            0.0
        } else {
            self.p_num / self.p_den
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Entities as lists of mention ids.
pub type Chains = Vec<Vec<u32>>;

fn index(chains: &Chains) -> HashMap<u32, usize> {
    let mut map = HashMap::new();
    for (i, c) in chains.iter().enumerate() {
        for &m in c {
            map.insert(m, i);
        }
    }
    map
}

/// MUC: links kept. For each key entity, |K| minus the number of parts the response cuts
/// it into (a mention the response lacks is a part of its own).
pub fn muc(key: &Chains, response: &Chains) -> Counts {
    fn side(a: &Chains, b: &Chains) -> (f64, f64) {
        let where_b = index(b);
        let (mut num, mut den) = (0.0, 0.0);
        for k in a {
            if k.is_empty() {
                continue;
            }
            let mut parts: Vec<usize> = Vec::new();
            let mut alone = 0;
            for m in k {
                match where_b.get(m) {
                    Some(&i) => {
                        if !parts.contains(&i) {
                            parts.push(i)
                        }
                    }
                    None => alone += 1,
                }
            }
            num += (k.len() - parts.len() - alone) as f64;
            den += (k.len() - 1) as f64;
        }
        (num, den)
    }
    let (r_num, r_den) = side(key, response);
    let (p_num, p_den) = side(response, key);
    Counts { r_num, r_den, p_num, p_den }
}

fn overlap(a: &[u32], b: &[u32]) -> usize {
    a.iter().filter(|m| b.contains(m)).count()
}

/// B³: per mention, the share of its entity the other side got right.
pub fn b_cubed(key: &Chains, response: &Chains) -> Counts {
    fn side(a: &Chains, b: &Chains) -> (f64, f64) {
        let (mut num, mut den) = (0.0, 0.0);
        for k in a {
            if k.is_empty() {
                continue;
            }
            let sum: usize = b.iter().map(|r| overlap(k, r).pow(2)).sum();
            num += sum as f64 / k.len() as f64;
            den += k.len() as f64;
        }
        (num, den)
    }
    let (r_num, r_den) = side(key, response);
    let (p_num, p_den) = side(response, key);
    Counts { r_num, r_den, p_num, p_den }
}

/// CEAF-e: the best one-to-one alignment of key and response entities under
/// φ4(K, R) = 2|K∩R| / (|K| + |R|).
pub fn ceaf_e(key: &Chains, response: &Chains) -> Counts {
    let sim: Vec<Vec<f64>> = key
        .iter()
        .map(|k| {
            response
                .iter()
                .map(|r| 2.0 * overlap(k, r) as f64 / (k.len() + r.len()).max(1) as f64)
                .collect()
        })
        .collect();
    let best = max_assignment(&sim);
    Counts { r_num: best, r_den: key.len() as f64, p_num: best, p_den: response.len() as f64 }
}

/// The maximum-weight assignment of rows to columns (Hungarian algorithm, O(n³)).
pub fn max_assignment(w: &[Vec<f64>]) -> f64 {
    let rows = w.len();
    let cols = w.first().map_or(0, Vec::len);
    if rows == 0 || cols == 0 {
        return 0.0;
    }
    let n = rows.max(cols);
    // Minimise cost = max - weight on a square matrix padded with zeros.
    let max = w.iter().flatten().cloned().fold(0.0, f64::max);
    let cost = |i: usize, j: usize| -> f64 {
        if i < rows && j < cols {
            max - w[i][j]
        } else {
            max
        }
    };
    let inf = f64::INFINITY;
    let (mut u, mut v) = (vec![0.0; n + 1], vec![0.0; n + 1]);
    let mut p = vec![0usize; n + 1];
    let mut way = vec![0usize; n + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![inf; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = inf;
            let mut j1 = 0;
            for j in 1..=n {
                if !used[j] {
                    let cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut total = 0.0;
    for j in 1..=n {
        let i = p[j];
        if i >= 1 && i - 1 < rows && j - 1 < cols {
            total += w[i - 1][j - 1];
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    /// Key {a,b,c} {d,e}; response {a,b} {c,d,e} (a..e = 1..5), computed by hand:
    /// MUC R = (1+1)/(2+1), P = (1+1)/(1+2); B³ R = P = (4/3+1/3+4/2)/5 = 11/15;
    /// CEAF-e: φ(K1,R1) = 4/5 and φ(K2,R2) = 4/5 aligned, so R = P = 1.6/2.
    #[test]
    fn hand_computed_example() {
        let key = vec![vec![1, 2, 3], vec![4, 5]];
        let resp = vec![vec![1, 2], vec![3, 4, 5]];
        let m = muc(&key, &resp);
        close(m.recall(), 2.0 / 3.0);
        close(m.precision(), 2.0 / 3.0);
        let b = b_cubed(&key, &resp);
        close(b.recall(), 11.0 / 15.0);
        close(b.precision(), 11.0 / 15.0);
        let c = ceaf_e(&key, &resp);
        close(c.recall(), 0.8);
        close(c.precision(), 0.8);
    }

    /// Key {a,b}, response {a,c}: no link right (MUC 0); B³ 1/4 each way; CEAF-e φ = 1/2.
    #[test]
    fn twinless_mentions_count_as_errors() {
        let key = vec![vec![1, 2]];
        let resp = vec![vec![1, 3]];
        close(muc(&key, &resp).recall(), 0.0);
        close(muc(&key, &resp).precision(), 0.0);
        close(b_cubed(&key, &resp).recall(), 0.25);
        close(b_cubed(&key, &resp).precision(), 0.25);
        close(ceaf_e(&key, &resp).recall(), 0.5);
    }

    #[test]
    fn assignment_prefers_the_total() {
        // Greedy would take 0.9 and then 0.0; the optimum is 0.8 + 0.8.
        close(max_assignment(&[vec![0.9, 0.8], vec![0.8, 0.0]]), 1.6);
        close(max_assignment(&[vec![0.5, 0.2, 0.1]]), 0.5);
        close(max_assignment(&[]), 0.0);
    }

    #[test]
    fn perfect_response_scores_one() {
        let key = vec![vec![1, 2, 3], vec![4, 5]];
        for c in [muc(&key, &key), b_cubed(&key, &key), ceaf_e(&key, &key)] {
            close(c.f1(), 1.0);
        }
    }
}
