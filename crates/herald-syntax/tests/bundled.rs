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

#[test]
fn a_sentence_whose_only_verb_reads_as_a_participle_gets_its_verb_back() {
    let m = Models::bundled().expect("bundled models decode");
    // The tagger alone reads "struck" as VBN here (an adjective-like participle after a
    // noun); with no finite verb in the sentence, it is the main verb.
    let forms = ["Israeli", "warplanes", "struck", "military", "sites", "in", "Iran", "."];
    let a = m.analyze(&forms);
    assert_eq!(m.tagger.xpos(a.tags[2]), "VBD");
    assert_eq!(a.arcs[2].head, 0, "{:?}", a.arcs);
    assert_eq!(a.arcs[1].head, 3);
    assert_eq!(m.parser.label_name(a.arcs[1].label), "nsubj");
    // A participle before a preposition is a reduced passive: left alone.
    let forms = ["Three", "people", "killed", "in", "blast", "in", "Kabul"];
    let a = m.analyze(&forms);
    assert_ne!(m.tagger.xpos(a.tags[2]), "VBD", "{:?}", m.tagger.xpos(a.tags[2]));
}

#[test]
fn have_before_a_participle_is_the_perfect_s_auxiliary() {
    let m = Models::bundled().expect("bundled models decode");
    // The tagger alone reads "has" as the main verb and "broken" as an adjectival
    // participle on "relations".
    let forms = ["Chile", "has", "broken", "relations", "with", "Peru", "."];
    let a = m.analyze(&forms);
    assert_eq!(m.tagger.upos(a.tags[1]), "AUX");
    assert_eq!(a.arcs[2].head, 0, "{:?}", a.arcs);
    assert_eq!((a.arcs[3].head, m.parser.label_name(a.arcs[3].label)), (3, "obj"));
}

#[test]
fn a_participle_before_its_object_coordinated_with_a_later_verb_is_a_past_tense() {
    let m = Models::bundled().expect("bundled models decode");
    let forms = [
        "Soldiers",
        "detained",
        "the",
        "president",
        "in",
        "the",
        "palace",
        "and",
        "declared",
        "a",
        "curfew",
        ".",
    ];
    let a = m.analyze(&forms);
    assert_eq!(m.tagger.xpos(a.tags[1]), "VBD");
    assert_eq!(a.arcs[1].head, 0, "{:?}", a.arcs);
}

#[test]
fn an_ing_word_before_a_name_after_a_preposition_is_a_gerund() {
    let m = Models::bundled().expect("bundled models decode");
    let forms = ["Britain", "is", "alone", "in", "warning", "Iraq", "of", "strikes", "."];
    let a = m.analyze(&forms);
    assert_eq!(m.tagger.xpos(a.tags[4]), "VBG");
    // Iraq is the gerund's object.
    assert_eq!(a.arcs[5].head, 5, "{:?}", a.arcs);
}
