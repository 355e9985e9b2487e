use super::*;
use proptest::prelude::*;

fn anchor() -> Option<PubDate> {
    PubDate::from_ymd(2022, 4, 26) // a Tuesday
}

/// `(text, type, value)` of every expression found in `text` with anchor 2022-04-26.
fn times(text: &str) -> Vec<(String, String, String)> {
    find(text, anchor())
        .into_iter()
        .map(|t| (t.span.get(text).unwrap().to_string(), t.kind, t.value))
        .collect()
}

fn one(text: &str) -> (String, String, String) {
    let all = times(text);
    assert_eq!(all.len(), 1, "{text}: {all:?}");
    all.into_iter().next().unwrap()
}

fn check(text: &str, span: &str, kind: &str, value: &str) {
    let (s, k, v) = one(text);
    assert_eq!((s.as_str(), k.as_str(), v.as_str()), (span, kind, value), "{text}");
}

#[test]
fn explicit_dates() {
    check("The war began on February 24.", "February 24", "DATE", "2022-02-24");
    check("It began on 24 February 2022.", "24 February 2022", "DATE", "2022-02-24");
    check("It began on Feb. 24, 2022, at dawn.", "Feb. 24, 2022", "DATE", "2022-02-24");
    check("Filed 2022-02-24 in Kyiv.", "2022-02-24", "DATE", "2022-02-24");
    check("Filed 2/24/2022 in Kyiv.", "2/24/2022", "DATE", "2022-02-24");
    check("It happened on the 24th of February.", "the 24th of February", "DATE", "2022-02-24");
    check("Talks resume in August 2021.", "August 2021", "DATE", "2021-08");
}

#[test]
fn months_years_decades() {
    check("Prices rose in March.", "March", "DATE", "2022-03");
    check("Prices rose in October.", "October", "DATE", "2021-10");
    check("The vote will take place in October.", "October", "DATE", "2022-10");
    check("The plant closed in 1998.", "1998", "DATE", "1998");
    check("Growth slowed last year.", "last year", "DATE", "2021");
    check("Growth was fast in the 1990s.", "the 1990s", "DATE", "199");
    check("Russia has occupied Crimea since 2014.", "2014", "DATE", "2014");
    check("Sales fell in the first quarter.", "the first quarter", "DATE", "2022-Q1");
    check("Sales fell in the third-quarter report.", "third-quarter", "DATE", "2021-Q3");
    check("They met this summer.", "this summer", "DATE", "2022-SU");
    check("It ends next month.", "next month", "DATE", "2022-05");
    check("Inflation rose earlier this month.", "earlier this month", "DATE", "2022-04");
    check("Sales rose this week.", "this week", "DATE", "2022-W17");
    check("Sales rose last week.", "last week", "DATE", "2022-W16");
}

#[test]
fn weekdays_follow_the_tense() {
    check("Guterres met Lavrov on Tuesday.", "Tuesday", "DATE", "2022-04-26");
    check("The talks ended on Monday.", "Monday", "DATE", "2022-04-25");
    check("Guterres said on Thursday he was ready.", "Thursday", "DATE", "2022-04-21");
    check("Guterres will meet Putin on Thursday.", "Thursday", "DATE", "2022-04-28");
    check("He is due to meet Putin on Thursday.", "Thursday", "DATE", "2022-04-28");
    check("He is to fly home on Monday.", "Monday", "DATE", "2022-05-02");
    check("They met last Tuesday.", "last Tuesday", "DATE", "2022-04-19");
    check("Monday's meeting went well.", "Monday", "DATE", "2022-04-25");
    check("He arrived Monday night.", "Monday night", "TIME", "2022-04-25TNI");
}

#[test]
fn deictic_days() {
    check("He spoke today.", "today", "DATE", "2022-04-26");
    check("He spoke yesterday.", "yesterday", "DATE", "2022-04-25");
    check("He speaks tomorrow.", "tomorrow", "DATE", "2022-04-27");
    check("He speaks tonight.", "tonight", "TIME", "2022-04-26TNI");
    check("He is in Moscow now.", "now", "DATE", "PRESENT_REF");
    check("It happened two days ago.", "two days ago", "DATE", "2022-04-24");
    check("It happened three years ago.", "three years ago", "DATE", "2019");
}

#[test]
fn times_of_day() {
    check("They meet at 3 p.m.", "3 p.m.", "TIME", "2022-04-26T15:00");
    let got = times("They met at 10:30 a.m. EST on Monday.");
    assert_eq!(got[0], ("10:30 a.m. EST".into(), "TIME".into(), "2022-04-25T10:30".into()));
    check("They met at noon.", "noon", "TIME", "2022-04-26T12:00");
}

#[test]
fn durations() {
    check("The war has lasted more than 60 days.", "more than 60 days", "DURATION", "P60D");
    check("He served two years in prison.", "two years", "DURATION", "P2Y");
    check("It took a decade.", "a decade", "DURATION", "P10Y");
    check("They talked for several hours.", "several hours", "DURATION", "PTXH");
    check("A five-year plan.", "five-year", "DURATION", "P5Y");
    check("Over the past three months prices rose.", "the past three months", "DURATION", "P3M");
    check("They lost twenty four hours.", "twenty four hours", "DURATION", "PT24H");
    assert_eq!(duration(Some(60), "days").as_deref(), Some("P60D"));
    assert_eq!(duration(None, "Years").as_deref(), Some("PXY"));
}

#[test]
fn sets() {
    check("They meet every year.", "every year", "SET", "P1Y");
    check("The paper appears weekly.", "weekly", "SET", "P1W");
    check("They meet each Monday.", "each Monday", "SET", "XXXX-WXX-1");
    check("They meet every Tuesday.", "every Tuesday", "SET", "XXXX-WXX-2");
}

#[test]
fn more_forms() {
    check("He works Tuesday nights.", "Tuesday nights", "SET", "XXXX-WXX-2TNI");
    check("They met in the summer of 1998.", "the summer of 1998", "DATE", "1998-SU");
    check("It snowed last winter.", "last winter", "DATE", "2021-WI");
    check("Profit rose in the latest quarter.", "the latest quarter", "DATE", "2022-Q1");
    check("He left in June last year.", "June last year", "DATE", "2021-06");
    check("It was founded in nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996");
    check("The truce began at noon Saturday.", "noon Saturday", "TIME", "2022-04-23T12:00");
    check("Profit doubled a year earlier.", "a year earlier", "DATE", "2021");
    check("Talks could take two to three weeks.", "two to three weeks", "DURATION", "P2W");
    check("Tourism will recover in coming weeks.", "coming weeks", "DATE", "FUTURE_REF");
    check("He is expected to meet them next Monday.", "next Monday", "DATE", "2022-05-02");
    check("The dividend would be paid in January.", "January", "DATE", "2023-01");
    assert!(times("The man, 52 years old, left.").is_empty());
    assert!(times("A 136-year-old bank.").is_empty());
    assert!(times("Baker spoke on ABC's This Week program.").is_empty());
    assert!(times("He owns a quarter of the shares.").is_empty());
    assert!(times("The daily newspaper closed.").is_empty());
    assert!(times("It is about the future of Europe.").is_empty());
}

#[test]
fn no_anchor_keeps_unknown_digits() {
    assert_eq!(normalize("on April 26", None), Some((Kind::Date, "XXXX-04-26".to_string())));
    assert_eq!(normalize("last year", None), Some((Kind::Date, "XXXX".to_string())));
    assert_eq!(normalize("two years", None), Some((Kind::Duration, "P2Y".to_string())));
}

#[test]
fn false_positives_avoided() {
    assert!(times("He may come.").is_empty());
    assert!(times("May I ask?").is_empty());
    assert!(times("Protesters March on the capital.").is_empty());
    assert!(
        times("They hired 2500 workers and paid $1998.").is_empty(),
        "{:?}",
        times("They hired 2500 workers and paid $1998.")
    );
    assert!(times("Theresa May said no.").is_empty());
    assert!(times("Prices fell 5% as 1200 people left.").is_empty());
}

#[test]
fn rules_alone() {
    let a = Ymd::new(2022, 4, 26).unwrap();
    assert_eq!(resolve_weekday(a, 1, Rel::Tense(Tense::Past)), a);
    assert_eq!(resolve_weekday(a, 0, Rel::Tense(Tense::Past)).day_value(), "2022-04-25");
    assert_eq!(resolve_weekday(a, 0, Rel::Tense(Tense::Future)).day_value(), "2022-05-02");
    assert_eq!(resolve_weekday(a, 1, Rel::Next).day_value(), "2022-05-03");
    assert_eq!(resolve_weekday(a, 1, Rel::Last).day_value(), "2022-04-19");
    assert_eq!(resolve_month_year(a, 12, None, Tense::Past), 2021);
    assert_eq!(resolve_month_year(a, 1, Some(5), Tense::Future), 2023);
    assert_eq!(resolve_month_year(a, 4, Some(20), Tense::Unknown), 2022);
}

#[test]
fn seed_story() {
    let text =
        "MOSCOW, April 26 (Reuters) - UN Secretary-General met Lavrov in Moscow on Tuesday. \
                Russia invaded Ukraine on February 24. The war has lasted more than 60 days.";
    let got = times(text);
    let values: Vec<&str> = got.iter().map(|t| t.2.as_str()).collect();
    assert_eq!(values, ["2022-04-26", "2022-04-26", "2022-02-24", "P60D"], "{got:?}");
}

proptest! {
    #[test]
    fn spans_are_in_text_in_sentence_ordered_disjoint(
        text in "([A-Za-z0-9 ,.:/'-]|May|March|Monday|last|year|ago|2 p.m.|\n\n| 1998|every|the){0,60}"
    ) {
        let mut article = Article::new("p", text.clone());
        article.date = anchor();
        let mut doc = Doc::new(article);
        herald_text::segment(&mut doc);
        annotate(&mut doc);
        let mut last = 0;
        for t in &doc.layers.times {
            prop_assert!(t.span.get(&text).is_some());
            prop_assert!(!t.span.is_empty());
            prop_assert!(t.span.start >= last);
            last = t.span.end;
            prop_assert!(doc.sentences.iter().any(|s| s.span.contains(t.span)));
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,80}") {
        let _ = find(&text, anchor());
        let _ = find(&text, None);
    }
}

#[test]
fn seed_fixture() {
    let text = include_str!("../../../../tests/data/guterres-lavrov-moscow.txt");
    let got = times(text);
    for t in &got {
        eprintln!("{t:?}");
    }
    let has = |span: &str, kind: &str, value: &str| {
        got.iter().any(|t| t.0 == span && t.1 == kind && t.2 == value)
    };
    assert!(has("Tuesday", "DATE", "2022-04-26"), "{got:?}");
    assert!(has("February 24", "DATE", "2022-02-24"), "{got:?}");
    assert!(got.iter().any(|t| t.1 == "DURATION" && t.2 == "P60D" && t.0.ends_with("60 days")));
}
