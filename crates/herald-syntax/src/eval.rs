//! Scoring predicted analyses against gold CoNLL-U (the official scorer's conventions: every
//! word counts, punctuation included; relations compared on their universal part).

use herald_ml::conllu::Sentence;

use crate::Models;

/// Accuracy figures over a gold corpus.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    /// Words scored.
    pub words: usize,
    /// UPOS accuracy.
    pub upos: f64,
    /// XPOS accuracy.
    pub xpos: f64,
    /// Lemma accuracy (exact string).
    pub lemma: f64,
    /// Unlabelled attachment score.
    pub uas: f64,
    /// Labelled attachment score (universal relation).
    pub las: f64,
}

/// Analyzes the words of `gold` and compares.
pub fn evaluate(models: &Models, gold: &[Sentence]) -> Scores {
    let (mut n, mut upos, mut xpos, mut lemma, mut uas, mut las) = (0usize, 0, 0, 0, 0, 0);
    for s in gold {
        let mut p = s.clone();
        models.annotate_sentence(&mut p);
        for (g, p) in s.words.iter().zip(&p.words) {
            n += 1;
            upos += (g.upos == p.upos) as usize;
            xpos += (g.xpos == p.xpos) as usize;
            lemma += (g.lemma == p.lemma) as usize;
            if g.head == p.head {
                uas += 1;
                let base = |d: &str| d.split(':').next().unwrap_or("").to_string();
                las += (base(&g.deprel) == base(&p.deprel)) as usize;
            }
        }
    }
    let r = |x: usize| x as f64 / n.max(1) as f64;
    Scores { words: n, upos: r(upos), xpos: r(xpos), lemma: r(lemma), uas: r(uas), las: r(las) }
}
