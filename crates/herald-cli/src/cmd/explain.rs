use std::io::IsTerminal;
use std::path::Path;

use anyhow::bail;
use herald::events::{CameoTable, EventCode, Plover};
use herald::output::export::{ArticleEvents, EntityRecord, EventRecord, Offsets};

use super::Outcome;

/// `herald explain`: why an event was coded as it was.
#[derive(clap::Args)]
pub struct Args {
    /// Event id, `ARTICLE_ID/evN`, as `herald show` lists it
    id: String,
    /// Mark spans with brackets even on a terminal (the default off a terminal)
    #[arg(long)]
    plain: bool,
}

pub fn run(db: &Path, args: Args) -> anyhow::Result<Outcome> {
    let Some((article_id, event_id)) = args.id.rsplit_once('/') else {
        bail!("event id {:?} is not ARTICLE_ID/evN (as `herald show ARTICLE_ID` lists)", args.id);
    };
    let store = super::open_store(db)?;
    let Some(stored) = store.get(article_id)? else {
        bail!("no article with id {article_id:?} in {}", db.display());
    };
    let Some(json) = stored.annotation.as_deref() else {
        bail!("article {article_id} is not annotated, so it has no events");
    };
    let article = ArticleEvents::parse(json, article_id)?;
    let Some(event) = article.event(event_id) else {
        let ids: Vec<&str> = article.events.iter().map(|e| e.id.as_str()).collect();
        bail!(
            "article {article_id} has no event {event_id:?} (it has {})",
            if ids.is_empty() { "no events".to_owned() } else { ids.join(", ") }
        );
    };
    let colour = !args.plain && std::io::stdout().is_terminal();
    print!("{}", explain(&stored.article, &article, event, colour));
    Ok(Outcome::Clean)
}

/// The explanation as text; `colour` marks spans with ANSI colours instead of brackets.
pub fn explain(
    meta: &herald::Article,
    article: &ArticleEvents,
    event: &EventRecord,
    colour: bool,
) -> String {
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(format!("{}/{}", article.id, event.id));
    let mut head = vec![meta.title.clone().unwrap_or_else(|| "(untitled)".to_owned())];
    head.extend(meta.date.map(|d| d.to_string()));
    line(head.join(" · "));
    line(String::new());

    let source = article.entity(event.source_entity.as_deref());
    let target = article.entity(event.target_entity.as_deref());
    match article.sentence_of(event).and_then(|s| article.byte_range(s)) {
        Some(range) => {
            let text = &article.text;
            let mut marks = Vec::new();
            let mut mark = |span: Offsets, open: &'static str, close: &'static str| {
                if let Some(r) = article.byte_range(span) {
                    if range.start <= r.start && r.end <= range.end && r.start < r.end {
                        marks.push((r.start, 1, open));
                        marks.push((r.end, 0, close));
                    }
                }
            };
            let (t, s, g) = if colour {
                (("\x1b[1;33m", "\x1b[0m"), ("\x1b[1;32m", "\x1b[0m"), ("\x1b[1;36m", "\x1b[0m"))
            } else {
                (("[[", "]]"), ("{", "}"), ("<", ">"))
            };
            mark(event.trigger, t.0, t.1);
            for m in arg_mentions(source, event.evidence) {
                mark(m, s.0, s.1);
            }
            for m in arg_mentions(target, event.evidence) {
                mark(m, g.0, g.1);
            }
            // Closing marks before opening ones at the same offset.
            marks.sort_by_key(|&(at, order, _)| (at, order));
            let mut marked = String::new();
            let mut at = range.start;
            for (pos, _, m) in marks {
                marked.push_str(&text[at..pos]);
                marked.push_str(m);
                at = pos;
            }
            marked.push_str(&text[at..range.end]);
            line(format!("  [{}] {}", event.sentence + 1, marked.replace('\n', " ")));
            if colour {
                line(format!(
                    "      {}trigger{}  {}source{}  {}target{}",
                    t.0, t.1, s.0, s.1, g.0, g.1
                ));
            } else {
                line("      [[trigger]]  {source}  <target>".to_owned());
            }
        }
        None => line(format!("  (sentence {} is not in the annotation)", event.sentence)),
    }
    line(String::new());

    let table = CameoTable::bundled();
    let code = EventCode::parse(&event.code);
    let name = |c: Option<EventCode>| {
        c.and_then(|c| table.get_nearest(c)).map_or("(not in the CAMEO table)", |e| &*e.name)
    };
    let root = if event.root.is_empty() { event.code.get(..2).unwrap_or("") } else { &event.root };
    let quad = match event.quad_class {
        1 => "verbal cooperation",
        2 => "material cooperation",
        3 => "verbal conflict",
        4 => "material conflict",
        _ => "unknown",
    };
    let plover = code.and_then(Plover::of_cameo).map_or("none", Plover::name);
    line(format!("  code        {}  {}", event.code, name(code)));
    line(format!("  root        {root}  {}", name(EventCode::parse(root))));
    line(format!("  quad class  {} ({quad})", event.quad_class));
    line(format!("  Goldstein   {:.1}", event.goldstein));
    line(format!("  PLOVER      {plover}"));
    for (role, code, entity) in
        [("source", &event.source, source), ("target", &event.target, target)]
    {
        let code = if code.is_empty() { "-" } else { code.as_str() };
        match entity {
            Some(e) => {
                line(format!("  {role:<10}  {code}  {} {} ({})", e.id, e.name, e.kind));
                if let Some(reason) = &e.actor_reason {
                    line(format!("              actor code because: {reason}"));
                }
            }
            None => line(format!("  {role:<10}  {code}  (no entity)")),
        }
    }
    line(format!("  negated     {}", if event.negated { "yes" } else { "no" }));
    line(format!("  modality    {}", event.modality.as_deref().unwrap_or("- (stated as an act)")));
    line(format!("  date        {}", event.date.as_deref().unwrap_or("-")));
    let place = match article.place(event.place.as_deref()) {
        Some(p) => match (p.lat, p.lon) {
            (Some(lat), Some(lon)) => format!("{} {} ({lat:.4}, {lon:.4})", p.id, p.name),
            _ => format!("{} {}", p.id, p.name),
        },
        None => event.place.clone().unwrap_or_else(|| "-".to_owned()),
    };
    line(format!("  place       {place}"));
    line(format!("  evidence    \"{}\"", article.chars(event.evidence).unwrap_or("")));
    line(format!("  rule        {}", event.rule));
    for (k, v) in rule_parts(&event.rule) {
        line(format!("              {k:<11} {v}"));
    }
    out
}

/// An argument's mentions inside the evidence span, else all of them (the sentence check is
/// the caller's).
fn arg_mentions(entity: Option<&EntityRecord>, evidence: Offsets) -> Vec<Offsets> {
    let Some(e) = entity else { return Vec::new() };
    let inside: Vec<Offsets> = e
        .mentions
        .iter()
        .copied()
        .filter(|m| evidence.start <= m.start && m.end <= evidence.end)
        .collect();
    if inside.is_empty() {
        e.mentions.clone()
    } else {
        inside
    }
}

/// The parts of a verb rule as the events coder writes it: `verb LEMMA (FILE line N, block
/// NAME [CODE]), pattern "P" [CODE] at line M`. Other rules (event nouns) give nothing.
fn rule_parts(rule: &str) -> Vec<(&'static str, String)> {
    let mut parts = Vec::new();
    let Some(rest) = rule.strip_prefix("verb ") else { return parts };
    let Some((verb, rest)) = rest.split_once(" (") else { return parts };
    parts.push(("verb", verb.to_owned()));
    let Some((inside, rest)) = rest.split_once(')') else { return parts };
    if let Some((file_line, block)) = inside.split_once(", block ") {
        parts.push(("dictionary", file_line.to_owned()));
        parts.push(("verb block", block.to_owned()));
    }
    let rest = rest.trim_start_matches(',').trim();
    if !rest.is_empty() {
        parts.push(("pattern", rest.strip_prefix("pattern ").unwrap_or(rest).to_owned()));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_rules_split_into_their_parts() {
        let parts = rule_parts(
            "verb CALL (herald.verbs.txt line 14, block URGE [020]), pattern \"* &CEASEFIRE\" [0256] at line 15",
        );
        let keys: Vec<&str> = parts.iter().map(|p| p.0).collect();
        assert_eq!(keys, ["verb", "dictionary", "verb block", "pattern"]);
        assert_eq!(parts[1].1, "herald.verbs.txt line 14");
        assert_eq!(parts[3].1, "\"* &CEASEFIRE\" [0256] at line 15");
        assert!(rule_parts("event noun \"meeting\" [040] (herald's noun table)").is_empty());
    }
}
