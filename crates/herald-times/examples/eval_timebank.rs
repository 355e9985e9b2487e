//! TempEval-3 style evaluation of `herald_times::annotate` on TimeBank (TBAQ-cleaned).
//!
//! For each `.tml` file: the text of `<TEXT>` with its tags stripped (the gold TIMEX3s
//! keep their offsets), anchored at the document creation time, segmented by
//! `herald_text::segment`, annotated, and compared with the gold expressions:
//! strict (same span) and relaxed (overlapping spans, one to one) precision, recall and
//! F1, then type and value accuracy over the relaxed matches and their F1 as TempEval-3's
//! scorer defines it (attribute P = correct / system, R = correct / gold).
//!
//! ```text
//! cargo run --release -p herald-times --example eval_timebank -- /work/shared/data/tempeval3-timebank [--errors]
//! ```

use std::time::Instant;

use herald_doc::{Article, Doc, PubDate};

struct Gold {
    start: usize,
    end: usize,
    kind: String,
    value: String,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    Some(tag[i..j].to_string())
}

/// The stripped text of `<TEXT>`, its gold TIMEX3s (byte offsets into that text) and
/// the creation date.
fn parse(xml: &str) -> Option<(String, Vec<Gold>, Option<PubDate>)> {
    let dct = xml.find("<DCT>").and_then(|i| {
        let rest = &xml[i..];
        let tag_end = rest.find('>')?;
        let tag = &rest[..rest[tag_end + 1..].find('>')? + tag_end + 1];
        let v = attr(tag, "value")?;
        let num = |r: std::ops::Range<usize>| v.get(r)?.parse::<u32>().ok();
        PubDate::from_ymd(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    });
    let start = xml.find("<TEXT>")? + "<TEXT>".len();
    let end = xml.rfind("</TEXT>")?;
    let body = &xml[start..end];
    let mut text = String::with_capacity(body.len());
    let mut gold = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        if rest.starts_with('<') {
            let close = rest.find('>').unwrap_or(rest.len() - 1);
            let tag = &rest[..=close];
            if tag.starts_with("<TIMEX3") {
                open = Some((
                    text.len(),
                    attr(tag, "type").unwrap_or_default(),
                    attr(tag, "value").unwrap_or_default(),
                ));
            } else if tag.starts_with("</TIMEX3") {
                if let Some((s, kind, value)) = open.take() {
                    gold.push(Gold { start: s, end: text.len(), kind, value });
                }
            }
            i += close + 1;
        } else if rest.starts_with('&') {
            let semi = rest.find(';').filter(|&k| k < 8);
            let (ch, n) = match semi.map(|k| &rest[..=k]) {
                Some("&amp;") => ('&', 5),
                Some("&lt;") => ('<', 4),
                Some("&gt;") => ('>', 4),
                Some("&quot;") => ('"', 6),
                Some("&apos;") => ('\'', 6),
                _ => ('&', 1),
            };
            text.push(ch);
            i += n;
        } else {
            let ch = rest.chars().next()?;
            text.push(ch);
            i += ch.len_utf8();
        }
    }
    Some((text, gold, dct))
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "/work/shared/data/tempeval3-timebank".into());
    let show = args.any(|a| a == "--errors");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("read the TimeBank directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("._")))
        .collect();
    paths.sort();
    let (mut n_gold, mut n_sys, mut strict, mut relaxed, mut type_ok, mut value_ok) =
        (0, 0, 0, 0, 0, 0);
    let mut bytes = 0usize;
    let mut elapsed = 0f64;
    for path in &paths {
        let Ok(xml) = std::fs::read_to_string(path) else { continue };
        let Some((text, gold, dct)) = parse(&xml) else { continue };
        let mut article = Article::new(path.display().to_string(), text.clone());
        article.date = dct;
        let mut doc = Doc::new(article);
        herald_text::segment(&mut doc);
        let t = Instant::now();
        herald_times::annotate(&mut doc);
        elapsed += t.elapsed().as_secs_f64();
        bytes += text.len();
        let sys = &doc.layers.times;
        n_gold += gold.len();
        n_sys += sys.len();
        let mut used = vec![false; sys.len()];
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        for g in &gold {
            let hit = sys.iter().enumerate().position(|(k, s)| {
                !used[k] && (s.span.start as usize) < g.end && g.start < s.span.end as usize
            });
            let gtext = &text[g.start..g.end];
            match hit {
                Some(k) => {
                    used[k] = true;
                    let s = &sys[k];
                    relaxed += 1;
                    if s.span.start as usize == g.start && s.span.end as usize == g.end {
                        strict += 1;
                    } else if show {
                        println!("SPAN\t{name}\t{gtext:?}\t{:?}", doc.text_of(s.span));
                    }
                    if s.kind == g.kind {
                        type_ok += 1;
                    } else if show {
                        println!("TYPE\t{name}\t{gtext:?}\t{} -> {}", g.kind, s.kind);
                    }
                    if s.value == g.value {
                        value_ok += 1;
                    } else if show {
                        println!(
                            "VALUE\t{name}\t{gtext:?}\t{} -> {}\t{:?}",
                            g.value,
                            s.value,
                            dct.map(|d| d.to_string())
                        );
                    }
                }
                None if show => {
                    let a = text[..g.start].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
                    let b =
                        text[g.end..].char_indices().nth(30).map_or(text.len(), |(i, _)| g.end + i);
                    println!(
                        "FN\t{name}\t{gtext:?}\t{} {}\t…{}…",
                        g.kind,
                        g.value,
                        text[a..b].replace('\n', " ")
                    );
                }
                None => {}
            }
        }
        if show {
            for (k, s) in sys.iter().enumerate().filter(|(k, _)| !used[*k]) {
                let _ = k;
                let st = s.span.start as usize;
                let a = text[..st].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
                let e = s.span.end as usize;
                let b = text[e..].char_indices().nth(30).map_or(text.len(), |(i, _)| e + i);
                println!(
                    "FP\t{name}\t{:?}\t{} {}\t…{}…",
                    doc.text_of(s.span),
                    s.kind,
                    s.value,
                    text[a..b].replace('\n', " ")
                );
            }
        }
    }
    let p = |x: usize| x as f64 / n_sys.max(1) as f64;
    let r = |x: usize| x as f64 / n_gold.max(1) as f64;
    println!("TimeBank (TBAQ-cleaned): {} documents, {n_gold} gold TIMEX3 (creation times excluded), {n_sys} found", paths.len());
    println!("strict   P {:.3}  R {:.3}  F1 {:.3}", p(strict), r(strict), f1(p(strict), r(strict)));
    println!(
        "relaxed  P {:.3}  R {:.3}  F1 {:.3}",
        p(relaxed),
        r(relaxed),
        f1(p(relaxed), r(relaxed))
    );
    let acc = |x: usize| x as f64 / relaxed.max(1) as f64;
    println!("type     accuracy {:.3}  F1 {:.3}", acc(type_ok), f1(p(type_ok), r(type_ok)));
    println!("value    accuracy {:.3}  F1 {:.3}", acc(value_ok), f1(p(value_ok), r(value_ok)));
    println!(
        "speed    {:.1} MB/s (annotate only, {} KB)",
        bytes as f64 / 1e6 / elapsed.max(1e-9),
        bytes / 1000
    );
}
