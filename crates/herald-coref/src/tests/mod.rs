//! Hard news cases with hand-written parses, and span invariants under random input.

use herald_doc::{intern_deprel, intern_xpos, Article, Doc, Name, Sentence, Span, Upos};
use proptest::prelude::*;

/// Builds a parsed document from sentences written as `form/UPOS/head/deprel[/B-TYPE]`
/// tokens (heads 1-based within the sentence, 0 for the root; `UPOS` may carry a Penn tag,
/// `NOUN.NNS`; `B-`/`I-` mark name tokens; the lemma is the lowercased form unless written
/// as `said=say`), one paragraph.
fn parse(sentences: &[&str]) -> Doc {
    let mut text = String::new();
    let mut rows = Vec::new();
    let mut lemmas: Vec<String> = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let base = rows.len() as u32;
        for tok in s.split(' ') {
            let f: Vec<&str> = tok.split('/').collect();
            assert!(f.len() >= 4, "bad token {tok}");
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len() as u32;
            let (form, lemma) = f[0].split_once('=').unwrap_or((f[0], ""));
            text.push_str(form);
            lemmas.push(if lemma.is_empty() { form.to_lowercase() } else { lemma.to_owned() });
            let (upos, xpos) = f[1].split_once('.').unwrap_or((f[1], ""));
            let head: u32 = f[2].parse().unwrap();
            rows.push((
                Span::new(start, text.len() as u32),
                Upos::parse(upos).unwrap(),
                xpos.to_owned(),
                (head > 0).then(|| base + head - 1),
                f[3].to_owned(),
                f.get(4).map(|x| x.to_string()),
                si,
            ));
        }
    }
    let mut doc = Doc::new(Article::new("t", text));
    let mut sent_start = 0usize;
    for (i, (span, upos, xpos, head, rel, _, si)) in rows.iter().enumerate() {
        doc.tokens.push(*span, true);
        doc.tokens.upos.push(*upos);
        let xpos = if xpos.is_empty() {
            match upos {
                Upos::Noun => "NN",
                Upos::Propn => "NNP",
                Upos::Pron => "PRP",
                _ => "XX",
            }
        } else {
            xpos.as_str()
        };
        doc.tokens.xpos.push(intern_xpos(xpos));
        doc.tokens.head.push(*head);
        doc.tokens.deprel.push(intern_deprel(rel));
        doc.tokens.push_lemma(&lemmas[i]);
        let last = rows.get(i + 1).is_none_or(|r| r.6 != *si);
        if last {
            doc.sentences.push(Sentence {
                span: Span::new(rows[sent_start].0.start, span.end),
                tokens: sent_start as u32..i as u32 + 1,
                paragraph: 0,
            });
            sent_start = i + 1;
        }
    }
    let mut open: Option<(usize, &'static str)> = None;
    let close = |doc: &mut Doc, s: usize, e: usize, kind: &'static str| {
        let span = Span::new(doc.tokens.spans[s].start, doc.tokens.spans[e - 1].end);
        doc.layers.names.push(Name { tokens: s as u32..e as u32, span, kind });
    };
    for (i, row) in rows.iter().enumerate() {
        let tag = row.5.as_deref().unwrap_or("O");
        if !tag.starts_with("I-") {
            if let Some((s, kind)) = open.take() {
                close(&mut doc, s, i, kind);
            }
        }
        if let Some(kind) = tag.strip_prefix("B-") {
            let kind: &'static str = match kind {
                "PERSON" => "PERSON",
                "ORG" => "ORG",
                "GPE" => "GPE",
                _ => "MISC",
            };
            open = Some((i, kind));
        }
    }
    if let Some((s, kind)) = open {
        close(&mut doc, s, rows.len(), kind);
    }
    doc
}

/// Runs grouping and coreference and compares every entity's mention texts.
fn check(sentences: &[&str], expected: &[&[&str]]) {
    let mut doc = parse(sentences);
    herald_entities::group(&mut doc);
    crate::resolve(&mut doc);
    let got: Vec<Vec<&str>> = doc
        .layers
        .entities
        .iter()
        .map(|e| e.mentions.iter().map(|m| doc.text_of(m.span)).collect())
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn titles_seen_with_the_name_resolve_role_phrases_and_pronouns() {
    check(
        &[
            "UN/PROPN/2/compound/B-ORG Secretary-General/PROPN/3/compound António/PROPN/5/nsubj/B-PERSON \
             Guterres/PROPN/3/flat/I-PERSON met/VERB/0/root Russian/ADJ/8/amod Foreign/PROPN/8/compound \
             Minister/PROPN/9/compound Sergei/PROPN/5/obj/B-PERSON Lavrov/PROPN/9/flat/I-PERSON \
             in/ADP/12/case Moscow/PROPN/5/obl/B-GPE ./PUNCT/5/punct",
            "The/DET/3/det UN/PROPN/3/compound/B-ORG chief/NOUN/4/nsubj said/VERB/0/root he/PRON/6/nsubj \
             wanted/VERB/4/ccomp a/DET/8/det ceasefire/NOUN/6/obj ./PUNCT/4/punct",
            "The/DET/4/det Russian/ADJ/4/amod foreign/ADJ/4/amod minister/NOUN/5/nsubj \
             disagreed/VERB/0/root ./PUNCT/5/punct",
        ],
        &[
            &["UN", "UN"],
            &["António Guterres", "The UN chief", "he"],
            &["Sergei Lavrov", "The Russian foreign minister"],
            &["Moscow"],
        ],
    );
}

#[test]
fn a_demonym_matches_the_country_in_the_title() {
    // "Russia's foreign minister Sergei Lavrov" … "the Russian foreign minister".
    check(
        &[
            "Russia/PROPN/4/nmod:poss/B-GPE 's/PART/1/case foreign/ADJ/4/amod minister/NOUN/5/compound \
             Sergei/PROPN/7/nsubj/B-PERSON Lavrov/PROPN/5/flat/I-PERSON spoke/VERB/0/root ./PUNCT/7/punct",
            "The/DET/4/det Russian/ADJ/4/amod foreign/ADJ/4/amod minister/NOUN/5/nsubj \
             disagreed/VERB/0/root ./PUNCT/5/punct",
        ],
        &[&["Russia"], &["Sergei Lavrov", "The Russian foreign minister"]],
    );
}

#[test]
fn a_title_split_by_hyphens_after_a_bracketed_acronym() {
    // The shape herald's own tokenizer and parser give "United Nations (UN)
    // Secretary-General Antonio Guterres … the UN chief".
    check(
        &[
            "United/PROPN/2/compound/B-ORG Nations/PROPN/12/obl/I-ORG (/PUNCT/4/punct UN/PROPN/2/appos/B-ORG \
             )/PUNCT/4/punct Secretary/PROPN/8/compound -/PUNCT/6/punct General/PROPN/9/compound \
             Antonio/PROPN/12/nsubj/B-PERSON Guterres/PROPN/9/flat/I-PERSON has/AUX/12/aux \
             called/VERB/0/root ./PUNCT/12/punct",
            "The/DET/3/det UN/PROPN/3/compound/B-ORG chief/NOUN/4/nsubj spoke/VERB/0/root ./PUNCT/4/punct",
        ],
        &[&["United Nations", "UN", "UN"], &["Antonio Guterres", "The UN chief"]],
    );
}

#[test]
fn a_role_phrase_with_a_foreign_modifier_stays_apart() {
    // "the French foreign minister" is not Lavrov.
    check(
        &[
            "Russian/ADJ/3/amod Foreign/PROPN/3/compound Minister/PROPN/4/compound \
             Sergei/PROPN/6/nsubj/B-PERSON Lavrov/PROPN/4/flat/I-PERSON spoke/VERB/0/root ./PUNCT/6/punct",
            "The/DET/4/det French/ADJ/4/amod foreign/ADJ/4/amod minister/NOUN/5/nsubj \
             disagreed/VERB/0/root ./PUNCT/5/punct",
        ],
        &[&["Sergei Lavrov"]],
    );
}

#[test]
fn cataphora_is_left_unresolved() {
    check(
        &["Before/SCONJ/3/mark he/PRON/3/nsubj left/VERB/6/advcl ,/PUNCT/6/punct \
           Smith/PROPN/6/nsubj/B-PERSON spoke/VERB/0/root ./PUNCT/6/punct"],
        &[&["Smith"]],
    );
}

#[test]
fn two_men_the_subject_wins() {
    check(
        &[
            "Putin/PROPN/2/nsubj/B-PERSON met/VERB/0/root Biden/PROPN/2/obj/B-PERSON ./PUNCT/2/punct",
            "He/PRON/2/nsubj said/VERB/0/root talks/NOUN.NNS/4/nsubj went/VERB/2/ccomp well/ADV/4/advmod \
             ./PUNCT/2/punct",
        ],
        &[&["Putin", "He"], &["Biden"]],
    );
}

#[test]
fn two_men_equally_salient_leave_the_pronoun_unresolved() {
    check(
        &[
            "Putin/PROPN/2/nsubj/B-PERSON spoke/VERB/0/root and/CCONJ/5/cc Biden/PROPN/5/nsubj/B-PERSON \
             listened/VERB/2/conj ./PUNCT/2/punct",
            "He/PRON/2/nsubj left/VERB/0/root ./PUNCT/2/punct",
        ],
        &[&["Putin"], &["Biden"]],
    );
}

#[test]
fn object_pronoun_is_not_its_own_subject() {
    // "Putin praised him": him is Biden, from the sentence before.
    check(
        &[
            "Biden/PROPN/2/nsubj/B-PERSON arrived/VERB/0/root ./PUNCT/2/punct",
            "Putin/PROPN/2/nsubj/B-PERSON praised/VERB/0/root him/PRON/2/obj ./PUNCT/2/punct",
        ],
        &[&["Biden", "him"], &["Putin"]],
    );
}

#[test]
fn the_ministry_refers_to_the_named_ministry_and_it_follows() {
    check(
        &[
            "The/DET/4/det Russian/ADJ/4/amod Foreign/PROPN/4/compound/B-ORG Ministry/PROPN/5/nsubj/I-ORG \
             protested/VERB/0/root ./PUNCT/5/punct",
            "The/DET/2/det ministry/NOUN/3/nsubj said/VERB/0/root it/PRON/6/nsubj would/AUX/6/aux \
             respond/VERB/3/ccomp ./PUNCT/3/punct",
        ],
        &[&["Foreign Ministry", "The ministry", "it"]],
    );
}

#[test]
fn it_refers_to_a_country_and_an_ambiguous_its_stays_open() {
    check(
        &["Russia/PROPN/2/nsubj/B-GPE says/VERB/0/root it/PRON/5/nsubj will/AUX/5/aux halt/VERB/2/ccomp \
           the/DET/7/det operation/NOUN/5/obj if/SCONJ/10/mark Kiev/PROPN/10/nsubj/B-GPE \
           meets/VERB/5/advcl its/PRON/12/nmod:poss demands/NOUN.NNS/10/obj ./PUNCT/2/punct"],
        &[&["Russia", "it"], &["Kiev"]],
    );
}

#[test]
fn an_object_it_is_left_open() {
    // Object and copular "it" are mostly things and situations, not organisations.
    check(
        &[
            "NATO/PROPN/2/nsubj/B-ORG met/VERB/0/root ./PUNCT/2/punct",
            "Lavrov/PROPN/2/nsubj/B-PERSON criticised/VERB/0/root it/PRON/2/obj ./PUNCT/2/punct",
        ],
        &[&["NATO"], &["Lavrov"]],
    );
}

#[test]
fn the_leader_reaches_a_president() {
    check(
        &[
            "Russian/ADJ/3/amod President/PROPN/3/compound Vladimir/PROPN/5/nsubj/B-PERSON \
             Putin/PROPN/3/flat/I-PERSON spoke/VERB/0/root ./PUNCT/5/punct",
            "The/DET/3/det Russian/ADJ/3/amod leader/NOUN/4/nsubj warned/VERB/0/root ./PUNCT/4/punct",
        ],
        &[&["Vladimir Putin", "The Russian leader"]],
    );
}

#[test]
fn an_unnamed_person_blocks_a_pronoun() {
    // "he" is the mechanic, so it must not go to Smith.
    check(
        &[
            "Smith/PROPN/2/nsubj/B-PERSON called/VERB/0/root ./PUNCT/2/punct",
            "The/DET/2/det mechanic/NOUN/3/nsubj said/VERB/0/root he/PRON/5/nsubj was/AUX/5/cop \
             busy/ADJ/3/ccomp ./PUNCT/3/punct",
        ],
        &[&["Smith"]],
    );
}

#[test]
fn the_speaker_after_a_quote_is_the_he() {
    check(
        &[
            "Guterres/PROPN/2/nsubj/B-PERSON arrived/VERB/0/root ./PUNCT/2/punct",
            "\"/PUNCT/3/punct We/PRON/3/nsubj want/VERB/8/ccomp peace/NOUN/3/obj ,/PUNCT/3/punct \
             \"/PUNCT/3/punct he/PRON/8/nsubj said/VERB/0/root ./PUNCT/8/punct",
        ],
        &[&["Guterres", "he"]],
    );
}

#[test]
fn a_pronoun_inside_a_quote_is_not_the_speaker() {
    check(
        &[
            "Jones/PROPN/2/nsubj/B-PERSON arrived/VERB/0/root ./PUNCT/2/punct",
            "\"/PUNCT/3/punct We/PRON/3/nsubj welcome/VERB/8/ccomp him/PRON/3/obj ,/PUNCT/3/punct \
             \"/PUNCT/3/punct Smith/PROPN/8/nsubj/B-PERSON said/VERB/0/root ./PUNCT/8/punct",
        ],
        &[&["Jones", "him"], &["Smith"]],
    );
}

#[test]
fn i_inside_a_quote_is_the_named_speaker() {
    check(
        &["\"/PUNCT/3/punct I/PRON/3/nsubj want/VERB/8/ccomp peace/NOUN/3/obj ,/PUNCT/3/punct \
           \"/PUNCT/3/punct Guterres/PROPN/8/nsubj/B-PERSON said=say/VERB/0/root ./PUNCT/8/punct"],
        &[&["I", "Guterres"]],
    );
}

#[test]
fn appositions_and_predicate_nominatives_join_the_name() {
    check(
        &[
            "Lavrov/PROPN/7/nsubj/B-PERSON ,/PUNCT/6/punct the/DET/6/det Russian/ADJ/6/amod \
             foreign/ADJ/6/amod minister/NOUN/1/appos ,/PUNCT/6/punct spoke/VERB/0/root ./PUNCT/7/punct",
            "Guterres/PROPN/4/nsubj/B-PERSON is/AUX/4/cop the/DET/4/det head/NOUN/0/root of/ADP/7/case \
             the/DET/7/det UN/PROPN/4/nmod/B-ORG ./PUNCT/4/punct",
        ],
        &[
            &["Lavrov", "the Russian foreign minister"],
            &["Guterres", "the head of the UN"],
            &["UN"],
        ],
    );
}

#[test]
fn a_woman_is_not_he() {
    check(
        &[
            "Angela/PROPN/3/nsubj/B-PERSON Merkel/PROPN/1/flat/I-PERSON met/VERB/0/root \
             Olaf/PROPN/3/obj/B-PERSON Scholz/PROPN/4/flat/I-PERSON ./PUNCT/3/punct",
            "She/PRON/2/nsubj praised/VERB/0/root him/PRON/2/obj ./PUNCT/2/punct",
        ],
        &[&["Angela Merkel", "She"], &["Olaf Scholz", "him"]],
    );
}

#[test]
fn an_unparsed_document_is_left_alone() {
    let mut doc = parse(&["Smith/PROPN/2/nsubj/B-PERSON left/VERB/0/root ./PUNCT/2/punct"]);
    herald_entities::group(&mut doc);
    doc.tokens.head.clear();
    let before = doc.layers.entities.clone();
    crate::resolve(&mut doc);
    assert_eq!(doc.layers.entities, before);
}

/// A random "document": words with random tags, heads (possibly cyclic, as bad input may
/// be), sentence breaks and names.
fn random_doc(words: Vec<(u8, u8, u8, u8)>, breaks: Vec<bool>, names: Vec<(u8, u8, u8)>) -> Doc {
    const FORMS: &[&str] = &[
        "he", "she", "it", "his", "the", "minister", "chief", "Smith", "Russia", "said", "\"",
        "ministry", "they", "country", "Lavrov", ",", "himself", "group", "head", "of",
    ];
    const RELS: &[&str] = &[
        "nsubj", "obj", "det", "amod", "compound", "appos", "cop", "nmod", "case", "root", "conj",
    ];
    let mut text = String::new();
    let mut doc = Doc::new(Article::new("p", ""));
    let n = words.len();
    let mut spans = Vec::new();
    for &(f, _, _, _) in &words {
        if !text.is_empty() {
            text.push(' ');
        }
        let s = text.len() as u32;
        text.push_str(FORMS[f as usize % FORMS.len()]);
        spans.push(Span::new(s, text.len() as u32));
    }
    doc.article.text = text;
    let mut start = 0usize;
    for i in 0..n {
        doc.tokens.push(spans[i], true);
        let last = i + 1 == n || breaks.get(i).copied().unwrap_or(false);
        if last {
            doc.sentences.push(Sentence {
                span: Span::new(spans[start].start, spans[i].end),
                tokens: start as u32..i as u32 + 1,
                paragraph: (start / 7) as u32,
            });
            start = i + 1;
        }
    }
    for (i, &(f, u, h, r)) in words.iter().enumerate() {
        let s = doc
            .sentences
            .iter()
            .find(|s| (s.tokens.start as usize..s.tokens.end as usize).contains(&i));
        let (a, b) = s.map_or((0, 1), |s| (s.tokens.start, s.tokens.end));
        doc.tokens.upos.push(Upos::ALL[u as usize % Upos::ALL.len()]);
        doc.tokens.xpos.push(if u % 3 == 0 { "NNS" } else { "NN" });
        // Now and then a head in another sentence: bad input must not break the invariants.
        let head = if r % 7 == 1 { h as u32 % n as u32 } else { a + h as u32 % (b - a) };
        doc.tokens.head.push((head as usize != i && r % 5 != 0).then_some(head));
        doc.tokens.deprel.push(intern_deprel(RELS[r as usize % RELS.len()]));
        doc.tokens.push_lemma(FORMS[f as usize % FORMS.len()]);
    }
    for (s, len, k) in names {
        let Some(sent) = doc.sentences.get(s as usize % doc.sentences.len().max(1)) else { break };
        let (a, b) = (sent.tokens.start, sent.tokens.end);
        let start = a + (len as u32 % (b - a));
        let end = (start + 1 + (k as u32 % 2)).min(b);
        let clash = doc.layers.names.iter().any(|m| m.tokens.start < end && start < m.tokens.end);
        if clash {
            continue;
        }
        let span = Span::new(
            doc.tokens.spans[start as usize].start,
            doc.tokens.spans[end as usize - 1].end,
        );
        let kind = ["PERSON", "ORG", "GPE", "NORP"][k as usize % 4];
        doc.layers.names.push(Name { tokens: start..end, span, kind });
    }
    doc.layers.names.sort_by_key(|m| m.tokens.start);
    doc
}

proptest! {
    #[test]
    fn mentions_stay_in_sentences_never_overlap_never_repeat(
        words in prop::collection::vec((0u8..40, 0u8..17, 0u8..12, 0u8..30), 1..60),
        breaks in prop::collection::vec(prop::bool::weighted(0.15), 0..60),
        names in prop::collection::vec((0u8..10, 0u8..20, 0u8..8), 0..8),
    ) {
        let mut doc = random_doc(words, breaks, names);
        herald_entities::group(&mut doc);
        crate::resolve(&mut doc);
        let mut all: Vec<Span> = Vec::new();
        for e in &doc.layers.entities {
            for w in e.mentions.windows(2) {
                prop_assert!(w[0].span.start <= w[1].span.start, "mentions out of order");
                prop_assert!(w[0].span.end <= w[1].span.start, "overlapping mentions in one entity");
            }
            for m in &e.mentions {
                prop_assert!(
                    doc.sentences.iter().any(|s| s.span.contains(m.span)),
                    "mention outside every sentence"
                );
                all.push(m.span);
            }
        }
        let n = all.len();
        all.sort();
        all.dedup();
        prop_assert_eq!(all.len(), n, "a span is a mention twice");
    }
}
