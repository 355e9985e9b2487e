//! Property tests: packed weights score exactly like the rows they were built from (sparse
//! and dense layouts alike) and survive saving; the CoNLL-U reader never panics.

use herald_ml::conllu::{write_sentence, ConlluReader};
use herald_ml::{hash, Decoder, Encoder, Perceptron, Prune, Weights};
use proptest::prelude::*;

/// Trains a perceptron on random (features, truth, guess) updates.
fn model(n_classes: usize, updates: &[(Vec<u8>, u8, u8)]) -> Perceptron {
    let mut p = Perceptron::new(n_classes);
    for (feats, t, g) in updates {
        let f: Vec<u64> = feats.iter().map(|&x| hash::feature(x as u32 % 7, &[x as u64])).collect();
        p.update(&f, *t as usize % n_classes, *g as usize % n_classes);
    }
    p
}

proptest! {
    #[test]
    fn packed_scores_match_the_perceptron(
        n_classes in 1usize..40,
        updates in proptest::collection::vec((proptest::collection::vec(any::<u8>(), 1..6), any::<u8>(), any::<u8>()), 1..60),
        probe in proptest::collection::vec(any::<u8>(), 0..10),
    ) {
        let mut p = model(n_classes, &updates);
        p.average();
        let f: Vec<u64> = probe.iter().map(|&x| hash::feature(x as u32 % 7, &[x as u64])).collect();
        let mut expected = Vec::new();
        p.scores(&f, &mut expected);
        let w = p.into_weights(Prune { min_abs: 0.0, min_updates: 0 });
        let mut got = Vec::new();
        w.scores(&f, &mut got);
        prop_assert_eq!(got.len(), expected.len());
        for (g, e) in got.iter().zip(&expected) {
            // bfloat16 keeps 8 bits of precision per weight.
            prop_assert!((g - e).abs() <= 0.02 * (1.0 + e.abs()) * f.len() as f32, "{} vs {}", g, e);
        }
        let mut enc = Encoder::new("t", 1);
        w.write(&mut enc);
        let mut file = Vec::new();
        enc.finish(&mut file).unwrap();
        let (mut dec, _) = Decoder::open(&file[..], "t", 1).unwrap();
        let w2 = Weights::read(&mut dec).unwrap();
        prop_assert_eq!(&w, &w2);
        prop_assert_eq!(w.pruned(0.0), w);
    }

    #[test]
    fn conllu_reader_never_panics_and_round_trips(lines in proptest::collection::vec(
        "(#.*|[0-9]{1,2}(-[0-9])?\t[a-z]{1,3}\t_\tX\tX\t_\t[0-9_]\tdep\t_\t_|.{0,12}|)", 0..20))
    {
        let text = lines.join("\n");
        // Errors are fine; every sentence that is read must survive a write and a re-read.
        for s in ConlluReader::new(text.as_bytes(), "p").flatten() {
            let mut out = Vec::new();
            write_sentence(&mut out, &s).unwrap();
            let again: Vec<_> = ConlluReader::new(&out[..], "q").collect::<Result<_, _>>().unwrap();
            prop_assert_eq!(again.len(), 1);
            prop_assert_eq!(&again[0], &s);
        }
    }
}
