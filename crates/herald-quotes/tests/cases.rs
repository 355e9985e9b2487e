//! The attribution and content-span cases of issue 6 on invented sentences, through the
//! full pipeline (parse, entities, coreference) and then `herald_quotes::annotate`.

use std::sync::OnceLock;

use herald::doc::{Quote, QuoteKind};
use herald::{Article, Doc, Pipeline};

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new().expect("bundled models load"))
}

fn run(text: &str) -> Doc {
    let mut doc = pipeline().annotate(Article::new("t", text));
    herald_quotes::annotate(&mut doc);
    for e in &doc.layers.entities {
        eprintln!("{} {} {:?}", e.id, e.kind, e.name);
    }
    for q in &doc.layers.quotes {
        eprintln!(
            "{:?} {:?} speaker={:?} span={:?}",
            q.kind,
            doc.text_of(q.span),
            speaker_name(&doc, q),
            q.speaker_span.map(|s| doc.text_of(s))
        );
    }
    doc
}

fn speaker_name(doc: &Doc, q: &Quote) -> Option<String> {
    let id = q.speaker.as_ref()?;
    doc.layers.entities.iter().find(|e| &e.id == id).map(|e| e.name.clone())
}

fn find<'a>(doc: &'a Doc, kind: QuoteKind, starts: &str) -> &'a Quote {
    doc.layers
        .quotes
        .iter()
        .find(|q| q.kind == kind && doc.text_of(q.span).starts_with(starts))
        .unwrap_or_else(|| panic!("no {kind:?} quote starting {starts:?}"))
}

fn texts(doc: &Doc, kind: QuoteKind) -> Vec<&str> {
    doc.layers.quotes.iter().filter(|q| q.kind == kind).map(|q| doc.text_of(q.span)).collect()
}

#[test]
fn transcript_turns_are_not_direct_quotes() {
    let doc = run("JANE DOE, HOST: Welcome back to the programme.\n\n\
         MARK ROE, GUEST: Thanks for having me. The river has never been this low.");
    assert!(texts(&doc, QuoteKind::Direct).is_empty());
}

#[test]
fn speaker_is_the_whole_subject_phrase_not_a_nationality_in_it() {
    let doc = run("“The border will stay open,” Latvian Interior Minister Arvid Kalnins told reporters in Riga on Friday.");
    let q = find(&doc, QuoteKind::Direct, "The border");
    assert!(speaker_name(&doc, q).is_some_and(|n| n.contains("Kalnins")), "{q:?}");
}

#[test]
fn a_possessor_is_not_the_speaker() {
    let doc = run("Estonia's defence minister said the military drills would continue until May.");
    let q = find(&doc, QuoteKind::Indirect, "the military drills");
    assert!(q.speaker.is_none(), "{:?}", speaker_name(&doc, q));
    assert_eq!(q.speaker_span.map(|s| doc.text_of(s)), Some("Estonia's defence minister"));
}

#[test]
fn relative_pronoun_speaks_for_its_noun() {
    let doc = run("The committee met on Tuesday. Pedro Alves, who chairs the committee, said the vote would be delayed by a week.");
    let q = find(&doc, QuoteKind::Indirect, "the vote would be delayed");
    assert!(speaker_name(&doc, q).is_some_and(|n| n.contains("Alves")), "{q:?}");
}

#[test]
fn role_noun_for_an_organisation() {
    let doc = run("Shares in Halberg Industries Inc. fell after Halberg Industries reported a loss of $40 million for the quarter. The company said demand would recover next year.");
    let q = find(&doc, QuoteKind::Indirect, "demand would recover");
    assert!(speaker_name(&doc, q).is_some_and(|n| n.contains("Halberg")), "{q:?}");
}

#[test]
fn inverted_and_between_attributions() {
    let doc = run("“We are ready for the final,” said the club's captain, Tomas Weller.\n\n\
         “We will not sit back,” the team's coach, Maria Lindgren, told reporters.");
    let a = find(&doc, QuoteKind::Direct, "We are ready");
    assert!(speaker_name(&doc, a).is_some_and(|n| n.contains("Weller")), "{a:?}");
    let b = find(&doc, QuoteKind::Direct, "We will not");
    assert!(speaker_name(&doc, b).is_some_and(|n| n.contains("Lindgren")), "{b:?}");
}

#[test]
fn unattributed_quote_inherits_a_speaker_that_is_no_entity() {
    let doc = run("“Prices will rise this winter,” a senior official said. “Nobody wants that, but there is no choice.”");
    let q = find(&doc, QuoteKind::Direct, "Nobody wants");
    assert_eq!(q.speaker_span.map(|s| doc.text_of(s)), Some("a senior official"));
}

#[test]
fn content_keeps_its_quoted_words_and_stops_before_the_next_act() {
    let doc = run("The minister said the plan was “reckless” and urged colleagues to reconsider.");
    let got = texts(&doc, QuoteKind::Indirect);
    assert!(got.contains(&"the plan was “reckless”"), "{got:?}");
    assert!(got.contains(&"to reconsider"), "{got:?}");
}

#[test]
fn and_that_is_one_content() {
    let doc = run("The manager said the plant would close in June and that 300 jobs would go.");
    let got = texts(&doc, QuoteKind::Indirect);
    assert_eq!(got, ["the plant would close in June and that 300 jobs would go"]);
}

#[test]
fn accused_x_of_y_reports_y() {
    let doc =
        run("The opposition leader accused the government of hiding the true cost of the project.");
    let got = texts(&doc, QuoteKind::Indirect);
    assert_eq!(got, ["hiding the true cost of the project"]);
}

#[test]
fn content_after_a_dateline_and_an_adverbial() {
    let doc = run("OSLO - Norway's fisheries ministry said on Monday that cod quotas would be cut by a fifth.");
    let got = texts(&doc, QuoteKind::Indirect);
    assert_eq!(got, ["cod quotas would be cut by a fifth"]);
}

#[test]
fn trailing_participle_clause_is_the_writers() {
    let doc =
        run("Brightmart said it would close 12 stores, sending its shares lower in early trading.");
    let got = texts(&doc, QuoteKind::Indirect);
    assert_eq!(got, ["it would close 12 stores"]);
}

#[test]
fn trailing_attribution_ends_the_content() {
    let doc = run("The harbour will reopen to ferries on Thursday, a port spokesman said.");
    let got = texts(&doc, QuoteKind::Indirect);
    assert_eq!(got, ["The harbour will reopen to ferries on Thursday"]);
}

#[test]
fn anonymity_requests_and_refusals_report_nothing() {
    let doc =
        run("A union official, who asked not to be named, said talks would resume on Friday. \
         The chairman declined to say whether the strike would end.");
    let got = texts(&doc, QuoteKind::Indirect);
    assert_eq!(got, ["talks would resume on Friday"]);
}

#[test]
fn a_relative_clause_of_the_speaker_is_not_the_content() {
    let doc = run("Parent Carla Mendes, whose daughter is in Year 3, said the council had ignored the parents.");
    let got = texts(&doc, QuoteKind::Indirect);
    assert_eq!(got, ["the council had ignored the parents"]);
}

#[test]
fn acronym_names_its_organisation() {
    let doc = run("Fighting continued near the capital. The National Liberation Front said its forces had withdrawn. \
         The NLF said later that the ceasefire would hold.");
    let q = find(&doc, QuoteKind::Indirect, "the ceasefire would hold");
    assert!(speaker_name(&doc, q).is_some_and(|n| n.contains("Liberation")), "{q:?}");
}

#[test]
fn i_in_a_transcript_turn_is_the_labelled_speaker() {
    let doc = run("ANCHOR: Good evening. Our reporter Helen Castellano is at the port.\n\n\
         HELEN CASTELLANO: Thank you. I asked the harbour master whether the ferries would sail tomorrow, and he said they would not.");
    let q = find(&doc, QuoteKind::Indirect, "the ferries would sail");
    assert!(speaker_name(&doc, q).is_some_and(|n| n.contains("Castellano")), "{q:?}");
}

#[test]
fn a_reduced_relative_does_not_hide_the_speaker() {
    let doc = run(
        "Local shopkeepers I have spoken to say the new parking charges will drive customers away.",
    );
    let q = find(&doc, QuoteKind::Indirect, "the new parking charges");
    assert_eq!(q.speaker_span.map(|s| doc.text_of(s)), Some("Local shopkeepers"));
}

#[test]
fn a_role_phrase_is_the_person_named_with_that_title() {
    let doc = run("Latvia's interior minister said the border would reopen on Monday.\n\n\
         “We have no reason to keep it closed,” Interior Minister Arvid Kalnins told reporters.");
    let q = find(&doc, QuoteKind::Indirect, "the border would reopen");
    assert!(speaker_name(&doc, q).is_some_and(|n| n.contains("Kalnins")), "{q:?}");
}

#[test]
fn it_speaks_for_the_organisation_quoted_before() {
    let doc = run("Rebels of the Northern Liberation Army seized the town on Sunday. \
         The NLA said in a statement that it controlled the airport. \
         It accused the government of bombing civilians.");
    let q = find(&doc, QuoteKind::Indirect, "bombing civilians");
    let named = q.speaker_span.map(|s| doc.text_of(s)).unwrap_or("");
    assert!(
        speaker_name(&doc, q).is_some_and(|n| n.contains("Liberation"))
            || named.contains("Liberation"),
        "{q:?} {named:?}"
    );
}

#[test]
fn a_document_speaks_for_its_source() {
    let doc = run("Retail sales fell for a third month in March, according to a report from the Federation of Small Businesses.");
    let q = find(&doc, QuoteKind::Indirect, "Retail sales fell");
    let named = q.speaker_span.map(|s| doc.text_of(s)).unwrap_or("");
    assert!(
        speaker_name(&doc, q).is_some_and(|n| n.contains("Federation"))
            || named.contains("Federation"),
        "{q:?} {named:?}"
    );
}

#[test]
fn a_name_in_apposition_names_the_speaker() {
    let doc = run(
        "Chile's disaster agency, ONEMI, said at least 12 people had been injured in the quake.",
    );
    let q = find(&doc, QuoteKind::Indirect, "at least 12 people");
    let named = q.speaker_span.map(|s| doc.text_of(s)).unwrap_or("");
    assert!(
        speaker_name(&doc, q).is_some_and(|n| n.contains("ONEMI")) || named == "ONEMI",
        "{q:?} {named:?}"
    );
}

mod robustness {
    use super::*;
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "the",
        "minister",
        "said",
        "that",
        "it",
        "he",
        "she",
        "told",
        "reporters",
        "accused",
        "of",
        "urged",
        "to",
        "according",
        "Anna",
        "Berg",
        "Reuters",
        "company",
        ",",
        ".",
        "“",
        "”",
        "\"",
        "‘",
        "’",
        ":",
        "\n\n",
        "and",
        "who",
        "which",
        "ONEMI",
        "LONDON",
        "-",
        "I",
        "asked",
        "not",
        "be",
        "named",
        "one",
        "from",
        "a",
        "note",
        "Q:",
        "A:",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn any_word_salad_gives_disjoint_quotes_inside_the_text(
            idx in proptest::collection::vec(0..WORDS.len(), 0..60)
        ) {
            let text = idx.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
            let mut doc = pipeline().annotate(Article::new("p", text.clone()));
            herald_quotes::annotate(&mut doc);
            for q in &doc.layers.quotes {
                prop_assert!(q.span.get(&text).is_some());
                if let Some(s) = q.speaker_span {
                    prop_assert!(s.get(&text).is_some());
                }
            }
        }
    }
}

#[test]
fn a_role_noun_is_not_a_place_coreference_linked_it_to() {
    let doc = run("The two candidates traded accusations on Sunday.\n\nSpeaking to supporters in Valparaíso, \
         the centre-left candidate, Camila Fuenzalida, accused her rival of planning to cut pensions.");
    let q = find(&doc, QuoteKind::Indirect, "planning to cut pensions");
    assert!(speaker_name(&doc, q).is_some_and(|n| n.contains("Fuenzalida")), "{q:?}");
}

#[test]
fn subject_before_an_age_or_a_time_phrase() {
    let doc =
        run("At the shelter, Rosa Delgado, 71, said she had left with only her medicines.\n\n\
         MANILA — The Philippines on Sunday accused Vietnam of blocking a supply boat.");
    let a = find(&doc, QuoteKind::Indirect, "she had left");
    assert!(speaker_name(&doc, a).is_some_and(|n| n.contains("Delgado")), "{a:?}");
    let b = find(&doc, QuoteKind::Indirect, "blocking a supply boat");
    assert!(b.speaker_span.is_some_and(|s| doc.text_of(s).contains("Philippines")), "{b:?}");
}

#[test]
fn but_that_continues_a_content_the_parse_split() {
    let doc = run("An independent reviewer said the sample was “unusually large” but that the follow-up period might be too short to draw conclusions.");
    let got = texts(&doc, QuoteKind::Indirect);
    assert_eq!(
        got,
        ["the sample was “unusually large” but that the follow-up period might be too short to draw conclusions"]
    );
}

#[test]
fn fronted_content_runs_to_the_attribution() {
    let doc = run("At least nine people have died after the storm struck the coast this morning, the civil defence agency said.");
    let got = texts(&doc, QuoteKind::Indirect);
    assert_eq!(
        got,
        ["At least nine people have died after the storm struck the coast this morning"]
    );
}

#[test]
fn content_after_the_verb_runs_to_its_end() {
    let doc = run("The minister warned that anyone found to have started fires deliberately would face prosecution.");
    let got = texts(&doc, QuoteKind::Indirect);
    assert_eq!(got, ["anyone found to have started fires deliberately would face prosecution"]);
}

#[test]
fn fronted_content_stops_before_an_appositive_subject() {
    let doc = run("The jury praised the film.\n\n“The Long Field” will be released in Argentina in November, its distributor, Cine Sur, said.");
    let got = texts(&doc, QuoteKind::Indirect);
    assert_eq!(got, ["“The Long Field” will be released in Argentina in November"]);
}
