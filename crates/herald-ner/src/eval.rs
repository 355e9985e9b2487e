//! Span-level scoring (exact match of start, end and type), as conlleval and
//! `shared/eval/conll_ner.py` count it.

use std::collections::BTreeMap;

use crate::labels::TokenSpan;

/// Counts for one type (or overall).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted spans that match a gold span exactly.
    pub correct: usize,
    /// Gold spans.
    pub gold: usize,
    /// Predicted spans.
    pub predicted: usize,
}

impl Counts {
    /// Precision (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            0.0
        } else {
            self.correct as f64 / self.predicted as f64
        }
    }

    /// Recall (0 when there is no gold span).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.correct as f64 / self.gold as f64
        }
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Span scores per type and overall, restricted to a set of types.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    /// Per type, in name order.
    pub per_type: BTreeMap<String, Counts>,
    /// All scored types together.
    pub overall: Counts,
    types: Vec<String>,
}

impl Scores {
    /// Scores counting only `types` (e.g. PER, ORG, LOC).
    pub fn new<S: Into<String>>(types: impl IntoIterator<Item = S>) -> Scores {
        let types: Vec<String> = types.into_iter().map(Into::into).collect();
        let per_type = types.iter().map(|t| (t.clone(), Counts::default())).collect();
        Scores { per_type, overall: Counts::default(), types }
    }

    /// Adds one sentence.
    pub fn add(&mut self, gold: &[TokenSpan], predicted: &[TokenSpan]) {
        let keep = |s: &&TokenSpan| self.types.contains(&s.kind);
        let g: Vec<&TokenSpan> = gold.iter().filter(keep).collect();
        let p: Vec<&TokenSpan> = predicted.iter().filter(keep).collect();
        for s in &g {
            self.per_type.get_mut(&s.kind).expect("kept type").gold += 1;
            self.overall.gold += 1;
        }
        for s in &p {
            self.per_type.get_mut(&s.kind).expect("kept type").predicted += 1;
            self.overall.predicted += 1;
            if g.contains(s) {
                self.per_type.get_mut(&s.kind).expect("kept type").correct += 1;
                self.overall.correct += 1;
            }
        }
    }

    /// A table: one line per type and one overall, with P, R, F1 and counts.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{:<8} {:>7} {:>7} {:>7} {:>6} {:>6}\n",
            "type", "P", "R", "F1", "gold", "pred"
        );
        let line = |name: &str, c: &Counts| {
            format!(
                "{:<8} {:>7.4} {:>7.4} {:>7.4} {:>6} {:>6}\n",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.gold,
                c.predicted
            )
        };
        for (t, c) in &self.per_type {
            out += &line(t, c);
        }
        out += &line("overall", &self.overall);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_exact_matches_only() {
        let sp = |s, e, k: &str| TokenSpan { start: s, end: e, kind: k.into() };
        let mut sc = Scores::new(["PER", "LOC"]);
        sc.add(
            &[sp(0, 2, "PER"), sp(3, 4, "LOC")],
            &[sp(0, 2, "PER"), sp(3, 5, "LOC"), sp(6, 7, "MISC")],
        );
        assert_eq!(sc.overall, Counts { correct: 1, gold: 2, predicted: 2 });
        assert!((sc.per_type["PER"].f1() - 1.0).abs() < 1e-9);
        assert_eq!(sc.per_type["LOC"].f1(), 0.0);
    }
}
