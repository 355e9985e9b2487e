//! The models shipped inside the binary load and parse a news sentence sensibly.

use herald_syntax::Models;

#[test]
fn bundled_models_parse_a_news_sentence() {
    let m = Models::bundled().expect("bundled models decode");
    let forms =
        ["UN", "Secretary-General", "Antonio", "Guterres", "visited", "Kiev", "on", "Monday", "."];
    let a = m.analyze(&forms);
    let upos: Vec<&str> = a.tags.iter().map(|&t| m.tagger.upos(t)).collect();
    assert_eq!(upos[4], "VERB", "{upos:?}");
    assert_eq!(upos[5], "PROPN", "{upos:?}");
    assert_eq!(a.lemmas[4], "visit");
    // "visited" is the root, one word of the name phrase its subject, Kiev its object.
    assert_eq!(a.arcs[4].head, 0, "{:?}", a.arcs);
    let subj: Vec<usize> = (0..4).filter(|&i| a.arcs[i].head == 5).collect();
    assert_eq!(subj.len(), 1, "{:?}", a.arcs);
    assert_eq!(m.parser.label_name(a.arcs[subj[0]].label), "nsubj");
    assert_eq!((a.arcs[5].head, m.parser.label_name(a.arcs[5].label)), (5, "obj"));
}
