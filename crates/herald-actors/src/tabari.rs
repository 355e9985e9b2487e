//! Readers for PETRARCH/TABARI actor and agent dictionaries.
//!
//! Actor files are blocks: a base line (`VLADIMIR_PUTIN_ [RUSGOV]` or a bare name), `+`
//! synonym lines, and indented `[CODE dates]` lines; a block ends at the next base line once
//! it has a code (consecutive base lines before any code are one actor's names, as PETRARCH
//! reads them).
//! Dates restrict a code to a period: `[RUSGOV 991231-080507]`, `[IGOUNO >20070101]`
//! (from), `[USRARM <900823]` (until); six-digit dates are YYMMDD with 00–30 read as 20YY,
//! as KEDS, TABARI and PETRARCH read them. Agent files are `PHRASE {plurals} [~CODE]` lines
//! with `!SET! = A, B` substitution sets and automatic regular plurals.
//!
//! Reading never stops at a bad line: each one becomes a [`LineError`] naming the file and
//! line, and the rest of the file is kept.

use std::path::Path;

use crate::{Date, DatedCode, DictError};

/// One actor: its name variants and its codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorEntry {
    /// Name variants as upper-case words (`["VLADIMIR", "PUTIN"]`); the first is the base name.
    pub names: Vec<Vec<String>>,
    /// Codes with the periods they hold; an undated code holds at any date.
    pub codes: Vec<DatedCode>,
}

/// Where an agent's code goes relative to the actor it qualifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AgentPlace {
    /// `[~GOV]`: after the country code (`RUS` + `GOV` → `RUSGOV`).
    Suffix,
    /// `[IGO~]`: before it (`IGO` + `RUS`).
    Prefix,
}

/// One agent phrase: a role noun phrase and the code it adds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentEntry {
    /// The phrase as upper-case words (`["FOREIGN", "MINISTER"]`).
    pub words: Vec<String>,
    /// The code without its `~` (`GOVFRM`).
    pub code: String,
    /// Whether the code is appended or prepended.
    pub place: AgentPlace,
}

/// A line that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line number.
    pub line: usize,
    /// What was wrong.
    pub reason: String,
}

/// The good entries of a file and the lines that were skipped.
#[derive(Clone, Debug)]
pub struct Parsed<T> {
    /// Entries read.
    pub entries: Vec<T>,
    /// Lines skipped, with reasons.
    pub errors: Vec<LineError>,
}

impl<T> Default for Parsed<T> {
    fn default() -> Parsed<T> {
        Parsed { entries: Vec::new(), errors: Vec::new() }
    }
}

/// Reads an actor dictionary file.
pub fn read_actor_file(path: &Path) -> Result<Parsed<ActorEntry>, DictError> {
    let text = read_text(path)?;
    Ok(parse_actors(&text))
}

/// Reads an agent dictionary file.
pub fn read_agent_file(path: &Path) -> Result<Parsed<AgentEntry>, DictError> {
    let text = read_text(path)?;
    Ok(parse_agents(&text))
}

fn read_text(path: &Path) -> Result<String, DictError> {
    let bytes = std::fs::read(path)
        .map_err(|source| DictError::Io { path: path.display().to_string(), source })?;
    // The PETRARCH files are Latin-1 in places; a lossy read keeps every good line.
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// The content of a line without comments (`#` to the end, `<!-- ... -->` lines).
fn strip_comment(line: &str) -> &str {
    let line = match line.find('#') {
        Some(i) => &line[..i],
        None => line,
    };
    let trimmed = line.trim_start();
    if trimmed.starts_with("<!") || trimmed.starts_with("-->") {
        return "";
    }
    line.trim_end()
}

/// Parses the text of an actor dictionary.
pub fn parse_actors(text: &str) -> Parsed<ActorEntry> {
    let mut out = Parsed::default();
    let mut current: Option<ActorEntry> = None;
    let mut in_comment = false;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        // Multi-line `<!-- ... -->` comments.
        if in_comment {
            if raw.contains("-->") {
                in_comment = false;
            }
            continue;
        }
        if raw.trim_start().starts_with("<!--") && !raw.contains("-->") {
            in_comment = true;
            continue;
        }
        let line = strip_comment(raw);
        let content = line.trim();
        if content.is_empty() {
            continue;
        }
        if content.starts_with('[') {
            // A code line belongs to the block above it.
            match (&mut current, parse_codes(content)) {
                (Some(entry), Ok(codes)) => entry.codes.extend(codes),
                (None, _) => out.errors.push(err(line_no, "code line before any actor name")),
                (Some(_), Err(reason)) => out.errors.push(err(line_no, reason)),
            }
            continue;
        }
        let (is_synonym, body) = match content.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, content),
        };
        let (name_part, code_part) = match body.find('[') {
            Some(i) => (&body[..i], &body[i..]),
            None => (body, ""),
        };
        let words = name_words(name_part);
        if words.is_empty() {
            out.errors.push(err(line_no, "no actor name"));
            continue;
        }
        let codes = if code_part.is_empty() {
            Vec::new()
        } else {
            match parse_codes(code_part) {
                Ok(codes) => codes,
                Err(reason) => {
                    out.errors.push(err(line_no, reason));
                    continue;
                }
            }
        };
        match (&mut current, is_synonym) {
            (Some(entry), true) => {
                entry.names.push(words);
                entry.codes.extend(codes);
            }
            (None, true) => out.errors.push(err(line_no, "synonym before any actor name")),
            // A base line after a block that has no code yet shares that block's codes, as
            // PETRARCH reads it (its code index only moves on once codes were stored): the
            // Phoenix files list a person's variants as consecutive base lines before the
            // dated codes ("BORIS_YELTSIN_", "YELTSIN", "PRESIDENT_YELTSIN", then the dates).
            (Some(entry), false) if entry.codes.is_empty() => {
                entry.names.push(words);
                entry.codes.extend(codes);
            }
            (_, false) => {
                if let Some(done) = current.take() {
                    push_actor(&mut out, done);
                }
                current = Some(ActorEntry { names: vec![words], codes });
            }
        }
    }
    if let Some(done) = current {
        push_actor(&mut out, done);
    }
    out
}

/// Keeps an entry that has codes; a name without any code codes nothing.
fn push_actor(out: &mut Parsed<ActorEntry>, entry: ActorEntry) {
    if !entry.codes.is_empty() {
        out.entries.push(entry);
    }
}

/// `VLADIMIR_V._PUTIN_` → `["VLADIMIR", "V.", "PUTIN"]`.
fn name_words(name: &str) -> Vec<String> {
    name.split(['_', ' ', '\t']).filter(|w| !w.is_empty()).map(|w| w.to_uppercase()).collect()
}

/// Parses one or more `[CODE dates]` groups.
fn parse_codes(s: &str) -> Result<Vec<DatedCode>, String> {
    let mut codes = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        // Text after the last code is a comment in these files (company sectors, sizes).
        let Some(open) = rest.find('[') else { break };
        let Some(close) = rest[open..].find(']').map(|c| c + open) else {
            return Err("unclosed '['".to_owned());
        };
        codes.push(parse_code(&rest[open + 1..close])?);
        rest = rest[close + 1..].trim();
    }
    Ok(codes)
}

/// Parses `RUSGOV 991231-080507`, `IGOUNO >20070101`, `USRARM <900823`, `RUS`.
fn parse_code(s: &str) -> Result<DatedCode, String> {
    let mut parts = s.split_whitespace();
    let code = parts.next().ok_or("empty code")?.to_uppercase();
    if !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '~') {
        return Err(format!("bad code {code:?}"));
    }
    let dates: String = parts.collect();
    let (from, until) = if dates.is_empty() {
        (None, None)
    } else if let Some(d) = dates.strip_prefix('>') {
        (Some(parse_date(d)?), None)
    } else if let Some(d) = dates.strip_prefix('<') {
        (None, Some(parse_date(d)?))
    } else if let Some((a, b)) = dates.split_once('-') {
        (Some(parse_date(a)?), Some(parse_date(b)?))
    } else {
        return Err(format!("bad date restriction {dates:?}"));
    };
    Ok(DatedCode { code, from, until })
}

/// `YYYYMMDD`, or `YYMMDD` with 00–30 as 20YY and 31–99 as 19YY.
pub(crate) fn parse_date(s: &str) -> Result<Date, String> {
    let digits = s.trim();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !(6..=8).contains(&digits.len()) {
        return Err(format!("bad date {digits:?}"));
    }
    let n = |r: std::ops::Range<usize>| digits[r].parse::<u32>().unwrap_or(0);
    let (year, md) = if digits.len() > 7 {
        (n(0..4), 4)
    } else {
        let yy = n(0..2);
        (if yy <= 30 { 2000 + yy } else { 1900 + yy }, 2)
    };
    let (month, day) = (n(md..md + 2), n(md + 2..(md + 4).min(digits.len())));
    // Dictionaries use day 00 and month 00 for "unknown"; read them as the first.
    Ok(Date::new(year, month.clamp(1, 12), day.clamp(1, 31)))
}

/// Parses the text of an agent dictionary.
pub fn parse_agents(text: &str) -> Parsed<AgentEntry> {
    let mut out = Parsed::default();
    let mut sets: Vec<(String, Vec<String>)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let content = strip_comment(raw).trim();
        if content.is_empty() {
            continue;
        }
        if content.starts_with('!') {
            if let Some((name, list)) = content.split_once('=') {
                let items =
                    list.split(',').map(|s| s.trim().to_uppercase()).filter(|s| !s.is_empty());
                sets.push((name.trim().to_owned(), items.collect()));
                continue;
            }
        }
        let (Some(open), Some(close)) = (content.rfind('['), content.rfind(']')) else {
            out.errors.push(err(line_no, "no [code]"));
            continue;
        };
        if close < open {
            out.errors.push(err(line_no, "malformed [code]"));
            continue;
        }
        let raw_code = content[open + 1..close].trim();
        let (code, place) = if let Some(c) = raw_code.strip_prefix('~') {
            (c, AgentPlace::Suffix)
        } else if let Some(c) = raw_code.strip_suffix('~') {
            (c, AgentPlace::Prefix)
        } else {
            out.errors.push(err(line_no, format!("agent code {raw_code:?} has no '~'")));
            continue;
        };
        let head = &content[..open];
        let (phrase, plurals) = match (head.find('{'), head.find('}')) {
            (Some(a), Some(b)) if a < b => (&head[..a], Some(&head[a + 1..b])),
            _ => (head, None),
        };
        let phrase = phrase.trim();
        if phrase.is_empty() {
            out.errors.push(err(line_no, "no agent phrase"));
            continue;
        }
        let mut forms = vec![phrase.to_uppercase()];
        match plurals {
            Some(p) => forms
                .extend(p.split(',').map(|s| s.trim().to_uppercase()).filter(|s| !s.is_empty())),
            None => {
                if !phrase.contains('!') {
                    forms.push(regular_plural(&phrase.to_uppercase()));
                }
            }
        }
        for form in forms {
            for expanded in expand_sets(&form, &sets) {
                let words = name_words(&expanded);
                if !words.is_empty() {
                    out.entries.push(AgentEntry { words, code: code.to_uppercase(), place });
                }
            }
        }
    }
    out
}

/// The regular plural of a phrase's last word: +S, Y→IES, SS→SSES.
fn regular_plural(phrase: &str) -> String {
    if let Some(stem) = phrase.strip_suffix('Y') {
        if !stem.ends_with(['A', 'E', 'O', 'U']) {
            return format!("{stem}IES");
        }
    }
    if phrase.ends_with("SS") || phrase.ends_with("CH") || phrase.ends_with("SH") {
        return format!("{phrase}ES");
    }
    format!("{phrase}S")
}

/// Every expansion of the `!SET!` markers in `form`.
fn expand_sets(form: &str, sets: &[(String, Vec<String>)]) -> Vec<String> {
    for (name, items) in sets {
        if form.contains(name.as_str()) {
            return items
                .iter()
                .flat_map(|item| expand_sets(&form.replacen(name.as_str(), item, 1), sets))
                .collect();
        }
    }
    if form.contains('!') {
        // An unknown set: keep nothing rather than a phrase with a marker in it.
        return Vec::new();
    }
    vec![form.to_owned()]
}

fn err(line: usize, reason: impl Into<String>) -> LineError {
    LineError { line, reason: reason.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_blocks_synonyms_and_dated_codes() {
        let text = "# comment\nJOHN_DOE_  # CountryInfo.txt\n+PRESIDENT_DOE_\n\t[XYZELI 700101-991231]\n\t[XYZGOV >20000101]\nACME_CORP_ [MNCXYZ]\nNONAME_\n";
        let p = parse_actors(text);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.entries.len(), 2);
        let doe = &p.entries[0];
        assert_eq!(doe.names, vec![vec!["JOHN", "DOE"], vec!["PRESIDENT", "DOE"]]);
        assert_eq!(doe.codes[0].from, Some(Date::new(1970, 1, 1)));
        assert_eq!(doe.codes[0].until, Some(Date::new(1999, 12, 31)));
        assert_eq!(doe.codes[1].from, Some(Date::new(2000, 1, 1)));
        assert_eq!(p.entries[1].codes[0].code, "MNCXYZ");
    }

    #[test]
    fn base_lines_before_any_code_are_one_actor() {
        let text = "JANE_ROE_ [XYZGOV]\nJOHN_DOE_\nJ._DOE\nPRESIDENT_DOE\n\t[XYZELI 490101-910710]\n\t[XYZGOV 910710-991231]\nNEXT_ONE_\n\t[ABC]\n";
        let p = parse_actors(text);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.entries.len(), 3);
        let doe = &p.entries[1];
        assert_eq!(doe.names.len(), 3);
        assert_eq!(doe.names[1], vec!["J.", "DOE"]);
        assert_eq!(doe.codes.len(), 2);
        assert_eq!(p.entries[2].names, vec![vec!["NEXT", "ONE"]]);
    }

    #[test]
    fn bad_lines_are_named_and_the_rest_kept() {
        let text = "A_ [AAA]\n[BBB 12-34]\nB_ [BBB\n+\nC_ [CCC]\n";
        let p = parse_actors(text);
        let lines: Vec<usize> = p.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 3, 4]);
        let codes: Vec<&str> = p.entries.iter().map(|e| e.codes[0].code.as_str()).collect();
        assert_eq!(codes, vec!["AAA", "CCC"]);
    }

    #[test]
    fn agents_expand_sets_and_plurals() {
        let text = "!PERSON! = MAN, WOMAN\nCONGRESS!PERSON! [~LEG]\nFOREIGN_MINISTER [~GOVFRM]\nPOLICE {} [~COP]\nHUMAN_RIGHTS_BODY [NGO~]\nBROKEN [GOV]\n";
        let p = parse_agents(text);
        let phrases: Vec<String> = p.entries.iter().map(|a| a.words.join(" ")).collect();
        assert_eq!(
            phrases,
            vec![
                "CONGRESSMAN",
                "CONGRESSWOMAN",
                "FOREIGN MINISTER",
                "FOREIGN MINISTERS",
                "POLICE",
                "HUMAN RIGHTS BODY",
                "HUMAN RIGHTS BODIES"
            ]
        );
        assert_eq!(p.entries.last().unwrap().place, AgentPlace::Prefix);
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].line, 6);
    }

    #[test]
    fn two_digit_years_pivot_at_30() {
        assert_eq!(parse_date("300101").unwrap(), Date::new(2030, 1, 1));
        assert_eq!(parse_date("310101").unwrap(), Date::new(1931, 1, 1));
        assert!(parse_date("2001").is_err());
    }
}
