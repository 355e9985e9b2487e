//! The token-level matcher: one left-to-right pass over a sentence's tokens; at each
//! token every rule is tried and the longest match wins (ties go to the earlier rule).

use crate::calendar::{year_str, Ymd};
use crate::words::{self, Tense, Unit};
use crate::Kind;

/// One sentence, ready for matching.
pub(crate) struct Sent<'a> {
    /// The tokens as written.
    pub words: Vec<&'a str>,
    /// The tokens lower-cased, curly apostrophes straightened.
    pub low: Vec<std::borrow::Cow<'a, str>>,
    /// Penn tags, when a tagger ran.
    pub xpos: Option<&'a [&'static str]>,
    /// The document creation time.
    pub anchor: Option<Ymd>,
    /// The last quarter the document named (`1989-Q3`): "a year earlier" in an earnings
    /// report means that quarter a year before.
    pub quarter: std::cell::Cell<Option<(i32, u32)>>,
}

/// A match: tokens `[start, end)` of the sentence.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub value: String,
}

/// A rule's result: where it ends, its type and value.
#[derive(Clone, Debug)]
struct M {
    end: usize,
    kind: Kind,
    value: String,
}

fn m(end: usize, kind: Kind, value: impl Into<String>) -> Option<M> {
    Some(M { end, kind, value: value.into() })
}

/// A duration value: `P3Y`, `PT2H`, `PXW` (`n == None` is an unknown count).
pub(crate) fn duration_value(n: Option<u32>, unit: Unit) -> String {
    let (n, unit) = match (n, unit) {
        (Some(n), Unit::Decade) => (Some(n * 10), Unit::Year),
        (Some(n), Unit::Century) => (Some(n * 100), Unit::Year),
        other => other,
    };
    let (letter, time) = unit.letter();
    let count = n.map_or_else(|| "X".to_string(), |n| n.to_string());
    format!("P{}{count}{letter}", if time { "T" } else { "" })
}

fn is_year(w: &str) -> Option<i32> {
    if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = w.parse().ok()?;
        (1000..=2199).contains(&y).then_some(y)
    } else {
        None
    }
}

fn capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Decade tokens: `1990s`, `'90s`, `90s`, `1990's` → the decade's first three digits.
fn decade(w: &str, anchor: Option<Ymd>) -> Option<String> {
    let w = w.strip_prefix("mid-").unwrap_or(w);
    let body = w.strip_suffix("'s").or_else(|| w.strip_suffix('s'))?;
    let body = body.strip_prefix('\'').unwrap_or(body);
    if !body.bytes().all(|b| b.is_ascii_digit()) || !body.ends_with('0') {
        return None;
    }
    match body.len() {
        4 => {
            let y: i32 = body.parse().ok()?;
            (1000..=2190).contains(&y).then(|| format!("{:03}", y / 10))
        }
        2 => {
            let d: i32 = body.parse().ok()?;
            let century = match anchor {
                Some(a) if d <= a.year % 100 + 5 => a.year / 100,
                Some(a) => a.year / 100 - 1,
                None => 19,
            };
            Some(format!("{century:02}{}", d / 10))
        }
        _ => None,
    }
}

fn decade_word(w: &str) -> Option<u32> {
    Some(match w {
        "twenties" => 2,
        "thirties" => 3,
        "forties" => 4,
        "fifties" => 5,
        "sixties" => 6,
        "seventies" => 7,
        "eighties" => 8,
        "nineties" => 9,
        _ => return None,
    })
}

impl Sent<'_> {
    fn len(&self) -> usize {
        self.low.len()
    }

    fn l(&self, i: usize) -> &str {
        self.low.get(i).map_or("", |s| s.as_ref())
    }

    fn w(&self, i: usize) -> &str {
        self.words.get(i).copied().unwrap_or("")
    }

    fn prev(&self, i: usize) -> &str {
        if i == 0 {
            ""
        } else {
            self.l(i - 1)
        }
    }

    /// The tense of the clause around tokens `[start, end)`: the nearest cue before the
    /// expression, else the nearest after it.
    pub(crate) fn tense(&self, start: usize, end: usize) -> Tense {
        let cue = |k: usize| {
            let prev = if k == 0 { "" } else { self.l(k - 1) };
            let t = words::tense_cue(self.l(k), prev, self.xpos.and_then(|x| x.get(k).copied()));
            // A participle after a bare "be" ("would be paid", "to be completed") is no
            // past tense: the modal or verb before it decides.
            if t == Some(Tense::Past) && prev == "be" && self.l(k) != "was" {
                return None;
            }
            t
        };
        for k in (0..start).rev() {
            if let Some(t) = cue(k) {
                return t;
            }
        }
        for k in end..self.len() {
            if let Some(t) = cue(k) {
                return t;
            }
        }
        Tense::Unknown
    }

    /// All expressions of the sentence, in order, never overlapping.
    pub(crate) fn scan(&self) -> Vec<Found> {
        let mut out: Vec<Found> = Vec::new();
        let mut i = 0;
        while i < self.len() {
            match self.at(i) {
                Some(hit) if hit.end > i => {
                    let v = hit.value.as_bytes();
                    let shifted = self.low[i..hit.end]
                        .iter()
                        .any(|w| matches!(w.as_ref(), "ago" | "earlier" | "last" | "previous"));
                    if !shifted && v.len() == 7 && &v[4..6] == b"-Q" && v[6].is_ascii_digit() {
                        let y = hit.value[..4].parse().unwrap_or(0);
                        self.quarter.set(Some((y, u32::from(v[6] - b'0'))));
                    }
                    out.push(Found { start: i, end: hit.end, kind: hit.kind, value: hit.value });
                    i = hit.end;
                }
                _ => i += 1,
            }
        }
        // A time of day takes the day of a full date in the same sentence ("3 p.m. Monday").
        if out.iter().any(|f| f.kind == Kind::Time) {
            let day = out
                .iter()
                .filter(|f| f.kind == Kind::Date && f.value.len() == 10)
                .map(|f| f.value.clone())
                .next();
            if let Some(day) = day {
                for f in out.iter_mut().filter(|f| f.kind == Kind::Time && f.value.contains(':')) {
                    if let Some(t) = f.value.find('T') {
                        if t == 10 {
                            f.value = format!("{day}{}", &f.value[t..]);
                        }
                    }
                }
            }
        }
        out
    }

    /// The longest match starting at `i`, with or without a leading modifier.
    fn at(&self, i: usize) -> Option<M> {
        if !words::starter(self.l(i)) {
            return None;
        }
        let mut best = self.core(i);
        if let Some(j) = self.modifier(i) {
            if let Some(hit) = self.core(j) {
                if best.as_ref().is_none_or(|b| hit.end > b.end) {
                    best = Some(hit);
                }
            }
        }
        // "the next year or so".
        if let Some(b) = best.as_mut() {
            if self.l(b.end) == "or" && self.l(b.end + 1) == "so" {
                b.end += 2;
            }
        }
        best
    }

    /// A modifier kept in the span but out of the value: `more than`, `nearly`, `early`.
    fn modifier(&self, i: usize) -> Option<usize> {
        let (a, b, c) = (self.l(i), self.l(i + 1), self.l(i + 2));
        match (a, b) {
            ("more" | "less" | "fewer", "than") => Some(i + 2),
            ("no", "more" | "less" | "later" | "earlier") if c == "than" => Some(i + 3),
            ("at", "least" | "most") => Some(i + 2),
            ("up", "to") => Some(i + 2),
            ("well", "over" | "under") => Some(i + 2),
            ("the", "end" | "beginning" | "start" | "middle") if c == "of" => Some(i + 3),
            ("the", "early" | "late" | "mid") => Some(i + 2),
            ("end" | "beginning" | "start" | "middle", "of") => Some(i + 2),
            ("some" | "under" | "another", _)
                if b.bytes().next().is_some_and(|c| c.is_ascii_digit())
                    || words::cardinal(b).is_some()
                    || matches!(b, "a" | "an") =>
            {
                Some(i + 1)
            }
            (
                "nearly" | "almost" | "about" | "around" | "roughly" | "approximately" | "barely"
                | "early" | "late" | "mid" | "sometime" | "earlier" | "later",
                _,
            ) => Some(i + 1),
            _ => None,
        }
    }

    fn core(&self, i: usize) -> Option<M> {
        let w = self.l(i);
        let first = w.as_bytes().first().copied()?;
        let candidates: [fn(&Self, usize) -> Option<M>; 13] = [
            Self::numeric_date,
            Self::month_first,
            Self::day_first,
            Self::weekday,
            Self::deictic,
            Self::relative,
            Self::quarter,
            Self::season,
            Self::time_of_day,
            Self::set,
            Self::year,
            Self::duration,
            Self::century,
        ];
        if !(first.is_ascii_digit() || first == b'\'' || first.is_ascii_alphabetic()) {
            return None;
        }
        let mut best: Option<M> = None;
        for f in candidates {
            if let Some(hit) = f(self, i) {
                if best.as_ref().is_none_or(|b| hit.end > b.end) {
                    best = Some(hit);
                }
            }
        }
        best
    }

    // ---- explicit dates ----

    fn numeric_date(&self, i: usize) -> Option<M> {
        let w = self.l(i);
        let (sep, parts): (char, Vec<&str>) = if w.contains('-') {
            ('-', w.split('-').collect())
        } else if w.contains('/') {
            ('/', w.split('/').collect())
        } else {
            return None;
        };
        if parts.len() != 3
            || !parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let n = |p: &str| p.parse::<u32>().ok();
        let (y, mo, d) = if parts[0].len() == 4 {
            (n(parts[0])? as i32, n(parts[1])?, n(parts[2])?)
        } else if sep == '/' && parts[2].len() == 4 {
            (n(parts[2])? as i32, n(parts[0])?, n(parts[1])?)
        } else if sep == '/' && parts[2].len() == 2 && parts[0].len() <= 2 {
            let yy = n(parts[2])? as i32;
            (if yy < 50 { 2000 + yy } else { 1900 + yy }, n(parts[0])?, n(parts[1])?)
        } else {
            return None;
        };
        let date = Ymd::new(y, mo, d)?;
        m(i + 1, Kind::Date, date.day_value())
    }

    /// A month name at `i` that is really a month (not `May` the modal, `March` the verb).
    fn month_at(&self, i: usize, strict: bool) -> Option<u32> {
        let (l, w) = (self.l(i), self.w(i));
        let (l, w) = match (l.strip_prefix("mid-"), w.get(4..)) {
            (Some(rest), Some(wr)) => (rest, wr),
            _ => (l, w),
        };
        let (mon, ambiguous) = words::month(l)?;
        if !capitalized(w) {
            return None;
        }
        if ambiguous && strict {
            let next = self.l(i + 1);
            let next_number = next.bytes().next().is_some_and(|b| b.is_ascii_digit());
            let prev = self.prev(i);
            let context = matches!(
                prev,
                "in" | "since"
                    | "until"
                    | "till"
                    | "by"
                    | "of"
                    | "from"
                    | "to"
                    | "through"
                    | "during"
                    | "before"
                    | "after"
                    | "early"
                    | "late"
                    | "mid"
                    | "last"
                    | "next"
                    | "this"
                    | "each"
                    | "every"
                    | "between"
                    | "-"
                    | "mid-"
                    | "and"
            );
            if !(next_number || context) {
                return None;
            }
            if !next_number && self.l(i + 1) == "be" {
                return None;
            }
        }
        Some(mon)
    }

    /// The year after a month or day: `, 2022`, `2022`, `of 2022`.
    fn year_after(&self, j: usize) -> Option<(usize, i32)> {
        if let Some(y) = is_year(self.l(j)) {
            return Some((j + 1, y));
        }
        if matches!(self.l(j), "," | "of") {
            if let Some(y) = is_year(self.l(j + 1)) {
                return Some((j + 2, y));
            }
        }
        None
    }

    fn day_number(&self, i: usize) -> Option<u32> {
        let w = self.l(i);
        let d = if w.len() <= 2 { words::small_int(w) } else { words::ordinal(w) }?;
        (1..=31).contains(&d).then_some(d)
    }

    /// `February 24`, `Feb. 24, 2022`, `February 2022`, `in March`.
    fn month_first(&self, i: usize) -> Option<M> {
        let mon = self.month_at(i, false)?;
        let mut j = i + 1;
        let mut day = None;
        if let Some(d) = self.day_number(j) {
            if self.l(j + 1) != ":" && !matches!(self.l(j + 1), "%" | "percent") {
                day = Some(d);
                j += 1;
            }
        }
        let year = self.year_after(j).map(|(e, y)| {
            j = e;
            y
        });
        // "June last year", "January this year".
        let mut year = year;
        if year.is_none() && self.l(j + 1) == "year" {
            let step = match self.l(j) {
                "last" => Some(-1),
                "this" => Some(0),
                "next" => Some(1),
                _ => None,
            };
            if let (Some(step), Some(a)) = (step, self.anchor) {
                year = Some(a.year + step);
                j += 2;
            }
        }
        if day.is_none() && year.is_none() {
            self.month_at(i, true)?;
        }
        let value = self.month_value(mon, day, year, i, j);
        m(j, Kind::Date, value?)
    }

    /// `24 February 2022`, `the 24th of February`.
    fn day_first(&self, i: usize) -> Option<M> {
        let mut j = i;
        if self.l(j) == "the" {
            j += 1;
        }
        let day = self.day_number(j)?;
        j += 1;
        if self.l(j) == "of" {
            j += 1;
        }
        let mon = self.month_at(j, false)?;
        j += 1;
        let year = self.year_after(j).map(|(e, y)| {
            j = e;
            y
        });
        m(j, Kind::Date, self.month_value(mon, Some(day), year, i, j)?)
    }

    fn month_value(
        &self,
        mon: u32,
        day: Option<u32>,
        year: Option<i32>,
        s: usize,
        e: usize,
    ) -> Option<String> {
        let year = match year {
            Some(y) => Some(y),
            None => self.anchor.map(|a| crate::resolve_month_year(a, mon, day, self.tense(s, e))),
        };
        Some(match (year, day) {
            (Some(y), Some(d)) => match Ymd::new(y, mon, d) {
                Some(date) => date.day_value(),
                None if d <= 31 => format!("{}-{mon:02}-{d:02}", year_str(y)),
                None => return None,
            },
            (Some(y), None) => format!("{}-{mon:02}", year_str(y)),
            (None, Some(d)) => format!("XXXX-{mon:02}-{d:02}"),
            (None, None) => format!("XXXX-{mon:02}"),
        })
    }

    // ---- years, decades, centuries ----

    fn year(&self, i: usize) -> Option<M> {
        let w = self.l(i);
        // Spoken years: "nineteen ninety-six".
        if let Some(base) = match w {
            "nineteen" => Some(19),
            "twenty" if self.anchor.is_none_or(|a| a.year >= 2000) => Some(20),
            _ => None,
        } {
            if let Some((e, Some(n))) = self.one_number(i + 1) {
                if (10..100).contains(&n)
                    && self.l(i + 1) != "a"
                    && words::unit(self.l(e)).is_none()
                {
                    return m(e, Kind::Date, year_str(base * 100 + n as i32));
                }
            }
        }
        if w == "fiscal" {
            let mut j = i + 1;
            if self.l(j) == "year" {
                j += 1;
            }
            if let Some(y) = is_year(self.l(j)) {
                return m(j + 1, Kind::Date, year_str(y));
            }
            if let Some(y) = self.two_digit_year(j) {
                return m(j + 1, Kind::Date, year_str(y));
            }
            return None;
        }
        if w == "the" {
            if self.l(i + 1) == "year" {
                if let Some(y) = is_year(self.l(i + 2)) {
                    return m(i + 3, Kind::Date, year_str(y));
                }
            }
            let mut j = i + 1;
            if matches!(self.l(j), "early" | "late" | "mid" | "mid-") {
                j += 1;
            }
            if let Some(d) = decade(self.l(j), self.anchor) {
                return m(j + 1, Kind::Date, d);
            }
            if let Some(y) = is_year(self.l(j)) {
                if y % 10 == 0 && self.l(j + 1) == "'s" {
                    return m(j + 2, Kind::Date, format!("{:03}", y / 10));
                }
            }
            if let Some(d) = decade_word(self.l(j)) {
                let century = self.anchor.map_or(19, |a| if a.year >= 2030 { 20 } else { 19 });
                return m(j + 1, Kind::Date, format!("{century}{d}"));
            }
            return None;
        }
        if let Some(d) = decade(w, self.anchor) {
            return m(i + 1, Kind::Date, d);
        }
        let bare = w.strip_prefix("mid-").unwrap_or(w);
        let y = is_year(bare)?;
        let prev = self.prev(i);
        let next = self.l(i + 1);
        if matches!(prev, "$" | "#" | "no." | "us$" | "€" | "£" | "number" | "nos.")
            || matches!(next, "%" | "percent" | "million" | "billion" | ":" | "/")
            || next.bytes().next().is_some_and(|b| b.is_ascii_digit())
        {
            return None;
        }
        let context = matches!(
            prev,
            "in" | "since"
                | "by"
                | "until"
                | "till"
                | "of"
                | "from"
                | "to"
                | "before"
                | "after"
                | "during"
                | "through"
                | "early"
                | "late"
                | "mid"
                | "around"
                | "circa"
                | "and"
                | "between"
                | "for"
                | "year"
                | "fiscal"
                | "-"
                | ","
                | "the"
                | "than"
        );
        if !(context || (1900..=2100).contains(&y)) {
            return None;
        }
        m(i + 1, Kind::Date, year_str(y))
    }

    /// `'98` after `fiscal`.
    fn two_digit_year(&self, j: usize) -> Option<i32> {
        let w = self.l(j).strip_prefix('\'')?;
        if w.len() != 2 || !w.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let yy: i32 = w.parse().ok()?;
        Some(if yy < 50 { 2000 + yy } else { 1900 + yy })
    }

    fn century(&self, i: usize) -> Option<M> {
        let mut j = i;
        if self.l(j) == "the" {
            j += 1;
        }
        let n = words::ordinal(self.l(j))?;
        if self.l(j + 1) == "-" && self.l(j + 2) == "century" {
            return m(j + 3, Kind::Date, format!("{:02}", n.saturating_sub(1)));
        }
        if self.l(j + 1) != "century" {
            return None;
        }
        m(j + 2, Kind::Date, format!("{:02}", n.saturating_sub(1)))
    }

    // ---- weekdays and deictic days ----

    fn weekday(&self, i: usize) -> Option<M> {
        let mut j = i;
        if self.l(j) == "the" && matches!(self.l(j + 1), "previous" | "following") {
            j += 1;
        }
        let rel = match self.l(j) {
            "last" | "past" | "previous" => Some(-1),
            "next" | "coming" | "following" => Some(1),
            "this" if self.l(j + 1) == "coming" => {
                j += 1;
                Some(1)
            }
            "this" => Some(0),
            _ => None,
        };
        if rel.is_some() {
            j += 1;
        } else if j > i {
            return None;
        }
        let (wd, plural) = words::weekday(self.l(j))?;
        if !capitalized(self.w(j)) {
            return None;
        }
        if plural {
            if rel.is_some() {
                return None;
            }
            let mut end = j + 1;
            let mut value = format!("XXXX-WXX-{}", wd + 1);
            if let Some(p) = words::day_part(self.l(end)).or(match self.l(end) {
                "nights" => Some("NI"),
                "mornings" => Some("MO"),
                _ => None,
            }) {
                value.push('T');
                value.push_str(p);
                end += 1;
            }
            return m(end, Kind::Set, value);
        }
        let mut end = j + 1;
        // "Tuesday nights": a recurring part of a weekday.
        if let Some(p) = match self.l(end) {
            "nights" => Some("NI"),
            "mornings" => Some("MO"),
            "afternoons" => Some("AF"),
            "evenings" => Some("EV"),
            _ => None,
        } {
            if rel.is_none() {
                return m(end + 1, Kind::Set, format!("XXXX-WXX-{}T{p}", wd + 1));
            }
        }
        // "Tuesday, April 26" / "Tuesday, 26 April 2022": the explicit date decides.
        if self.l(end) == "," || self.month_at(end, false).is_some() {
            let k = if self.l(end) == "," { end + 1 } else { end };
            if let Some(hit) = self.month_first(k).or_else(|| self.day_first(k)) {
                if self.month_at(k, false).is_some() || self.day_number(k).is_some() {
                    return Some(hit);
                }
            }
        }
        let date = self.anchor.map(|a| {
            let tense = match rel {
                Some(-1) => Rel::Last,
                Some(1) => Rel::Next,
                _ => Rel::Tense(self.tense(i, j + 1)),
            };
            crate::resolve_weekday(a, wd, tense)
        });
        let mut value = date.map_or_else(|| format!("XXXX-WXX-{}", wd + 1), |d| d.day_value());
        let mut kind = Kind::Date;
        if let Some(p) = words::day_part(self.l(end)) {
            value = format!("{value}T{p}");
            kind = Kind::Time;
            end += 1;
        }
        m(end, kind, value)
    }

    fn day_value(&self, offset: i64) -> String {
        self.anchor.map_or_else(|| "XXXX-XX-XX".to_string(), |a| a.add_days(offset).day_value())
    }

    fn deictic(&self, i: usize) -> Option<M> {
        let w = self.l(i);
        let offset = match w {
            "today" => Some(0),
            "yesterday" => Some(-1),
            "tomorrow" => Some(1),
            _ => None,
        };
        if let Some(off) = offset {
            let value = self.day_value(off);
            if let Some(p) = words::day_part(self.l(i + 1)) {
                return m(i + 2, Kind::Time, format!("{value}T{p}"));
            }
            return m(i + 1, Kind::Date, value);
        }
        match (w, self.l(i + 1)) {
            ("tonight", _) => m(i + 1, Kind::Time, format!("{}TNI", self.day_value(0))),
            ("this", p) if words::day_part(p).is_some() => {
                m(i + 2, Kind::Time, format!("{}T{}", self.day_value(0), words::day_part(p)?))
            }
            ("last", "night") => m(i + 2, Kind::Time, format!("{}TNI", self.day_value(-1))),
            ("now", _) | ("nowadays", _) => m(i + 1, Kind::Date, "PRESENT_REF"),
            // TimeBank marks the adjectives: "the current chairman", "recent gains".
            ("current", n) if words::unit(n).is_none() => m(i + 1, Kind::Date, "PRESENT_REF"),
            ("recently", _) => m(i + 1, Kind::Date, "PAST_REF"),
            ("currently", _) => m(i + 1, Kind::Date, "PRESENT_REF"),
            ("coming" | "future", n) if words::unit(n).is_some_and(|(_, plural)| plural) => {
                m(i + 2, Kind::Date, "FUTURE_REF")
            }
            ("right", "now") => m(i + 2, Kind::Date, "PRESENT_REF"),
            ("these", "days") => m(i + 2, Kind::Date, "PRESENT_REF"),
            ("the", "present") => {
                if self.l(i + 2).is_empty()
                    || !self.l(i + 2).bytes().all(|b| b.is_ascii_lowercase())
                    || matches!(self.l(i + 2), "and" | "or" | "to" | "is" | "was")
                {
                    m(i + 2, Kind::Date, "PRESENT_REF")
                } else {
                    None
                }
            }
            ("the", "past")
                if self.number(i + 2).is_none()
                    && words::unit(self.l(i + 2)).is_none()
                    && words::weekday(self.l(i + 2)).is_none()
                    && words::month(self.l(i + 2)).is_none() =>
            {
                m(i + 2, Kind::Date, "PAST_REF")
            }
            ("the", "future") if self.l(i + 2) != "of" => m(i + 2, Kind::Date, "FUTURE_REF"),
            ("the", "near") if self.l(i + 2) == "future" => m(i + 3, Kind::Date, "FUTURE_REF"),
            ("the", "week" | "weekend" | "month") => {
                let v = match (self.l(i + 1), self.anchor) {
                    ("week", Some(a)) => a.week_value(),
                    ("weekend", Some(a)) => {
                        let past = a.weekday() < 5 && self.tense(i, i + 2) == Tense::Past;
                        format!("{}-WE", a.add_days(if past { -7 } else { 0 }).week_value())
                    }
                    ("month", Some(a)) => a.month_value(),
                    ("week", None) => "XXXX-WXX".into(),
                    ("weekend", None) => "XXXX-WXX-WE".into(),
                    _ => "XXXX-XX".into(),
                };
                m(i + 2, Kind::Date, v)
            }
            // "the year" after "for"/"over" is a length of time, else the current year.
            ("the", "year" | "full" | "fiscal") | ("year", "-" | "end") | ("year", "'s")
                if self.l(i + 2) != "-" || w == "year" =>
            {
                let (end, ok) = match (w, self.l(i + 1), self.l(i + 2), self.l(i + 3)) {
                    ("the", "year", _, _) => (i + 2, true),
                    ("the", "full" | "fiscal", "year", _) => (i + 3, true),
                    ("year", "-", "end", _) => (i + 3, true),
                    ("year", "end", _, _) => (i + 2, true),
                    ("year", "'s", "end", _) => (i + 3, true),
                    _ => (i, false),
                };
                if !ok || is_year(self.l(end)).is_some() {
                    return None;
                }
                if matches!(self.prev(i), "for" | "over" | "throughout") && w == "the" {
                    return m(end, Kind::Duration, "P1Y");
                }
                let v = self.anchor.map_or_else(|| "XXXX".to_string(), |a| year_str(a.year));
                m(end, Kind::Date, v)
            }
            _ => None,
        }
    }

    // ---- last week, next month, this year ----

    fn relative(&self, i: usize) -> Option<M> {
        let mut j = i;
        let the = self.l(j) == "the";
        if the {
            j += 1;
        }
        let rel = self.l(j);
        let step: i64 = match rel {
            "last" | "past" | "previous" | "preceding" => -1,
            "next" | "coming" | "following" | "upcoming" => 1,
            "this" | "current" | "present" | "same" => 0,
            "that" if !the => 0,
            _ => return None,
        };
        j += 1;
        if rel == "this" && self.l(j) == "past" {
            j += 1;
        }
        let unit_word = self.l(j);
        // A title in capitals ("ABC's \"This Week\"") is no date.
        if i > 0
            && capitalized(self.w(i))
            && capitalized(self.w(j))
            && self.w(j) != self.l(j).to_uppercase()
        {
            return None;
        }
        // "the past three months", "the next few years": durations.
        if the && matches!(rel, "last" | "past" | "next" | "coming" | "previous" | "following") {
            if let Some((end, n)) = self.number(j) {
                if let Some((u, true)) = words::unit(self.l(end)) {
                    if n.is_none() && step < 0 {
                        return m(end + 1, Kind::Date, "PAST_REF");
                    }
                    return m(end + 1, Kind::Duration, duration_value(n, u));
                }
            }
            if let Some((u, false)) = words::unit(unit_word) {
                if !matches!(u, Unit::Quarter | Unit::Decade | Unit::Year)
                    && matches!(rel, "past" | "last" | "next" | "coming")
                {
                    return m(j + 1, Kind::Duration, duration_value(Some(1), u));
                }
            }
        }
        if !the && rel == "past" {
            return None;
        }
        if rel == "that" && !matches!(unit_word, "year" | "quarter" | "month") {
            return None;
        }
        let anchor = self.anchor;
        if unit_word == "weekend" {
            let v = anchor.map_or_else(
                || "XXXX-WXX-WE".to_string(),
                |a| format!("{}-WE", a.add_days(7 * step).week_value()),
            );
            return m(j + 1, Kind::Date, v);
        }
        if let Some(code) = words::season(unit_word) {
            if unit_word == "fall" && step == 0 && rel != "this" {
                return None;
            }
            let v = anchor.map_or_else(
                || format!("XXXX-{code}"),
                |a| format!("{}-{code}", year_str(a.year + step as i32)),
            );
            return m(j + 1, Kind::Date, v);
        }
        if let Some((mon, _)) = words::month(unit_word) {
            if !capitalized(self.w(j)) || the {
                return None;
            }
            let v = anchor.map_or_else(
                || format!("XXXX-{mon:02}"),
                |a| {
                    let y = match step {
                        -1 if mon < a.month => a.year,
                        -1 => a.year - 1,
                        1 if mon > a.month => a.year,
                        1 => a.year + 1,
                        _ => a.year,
                    };
                    format!("{}-{mon:02}", year_str(y))
                },
            );
            return m(j + 1, Kind::Date, v);
        }
        let (u, plural) = words::unit(unit_word)?;
        if plural {
            return None;
        }
        let Some(a) = anchor else {
            let v = match u {
                Unit::Day => "XXXX-XX-XX",
                Unit::Week => "XXXX-WXX",
                Unit::Month => "XXXX-XX",
                Unit::Quarter => "XXXX-QX",
                Unit::Year => "XXXX",
                Unit::Decade => "XXX",
                Unit::Century => "XX",
                _ => return None,
            };
            return m(j + 1, Kind::Date, v);
        };
        let v = match u {
            Unit::Day => a.add_days(step).day_value(),
            Unit::Week => a.add_days(7 * step).week_value(),
            Unit::Month => a.add_months(step).month_value(),
            Unit::Quarter => {
                let d = a.add_months(3 * step);
                format!("{}-Q{}", year_str(d.year), d.quarter())
            }
            Unit::Year => year_str(a.year + step as i32),
            Unit::Decade => format!("{:03}", (a.year / 10) as i64 + step),
            Unit::Century => format!("{:02}", (a.year / 100) as i64 + step),
            _ => return None,
        };
        m(j + 1, Kind::Date, v)
    }

    // ---- quarters and halves ----

    fn quarter(&self, i: usize) -> Option<M> {
        let mut j = i;
        let the = self.l(j) == "the";
        if the {
            j += 1;
        }
        // "this year's third quarter", "the 1988 third quarter", "the 1988 period".
        let mut explicit_year = None;
        if let (Some(a), "year", "'s") = (self.anchor, self.l(j + 1), self.l(j + 2)) {
            let step = match self.l(j) {
                "this" => Some(0),
                "last" => Some(-1),
                "next" => Some(1),
                _ => None,
            };
            if let Some(step) = step {
                explicit_year = Some(a.year + step);
                j += 3;
            }
        } else if the {
            if let Some(y) = is_year(self.l(j)) {
                if matches!(self.l(j + 1), "quarter" | "period") {
                    let q = self.quarter.get().map_or_else(
                        || self.anchor.map_or(1, |a| a.add_months(-3).quarter()),
                        |(_, q)| q,
                    );
                    return m(j + 2, Kind::Date, format!("{}-Q{q}", year_str(y)));
                }
                if words::ordinal(self.l(j + 1)).is_some() {
                    explicit_year = Some(y);
                    j += 1;
                }
            }
        }
        if let Some(y) = explicit_year {
            let n = words::ordinal(self.l(j))?;
            if self.l(j + 1) == "quarter" && (1..=4).contains(&n) {
                return m(j + 2, Kind::Date, format!("{}-Q{n}", year_str(y)));
            }
            if self.l(j + 1) == "half" && (1..=2).contains(&n) {
                return m(j + 2, Kind::Date, format!("{}-H{n}", year_str(y)));
            }
            return None;
        }
        if self.l(j) == "fiscal" {
            j += 1;
        }
        let anchor = self.anchor;
        // "the quarter", "the latest quarter", "the current quarter".
        let which = match self.l(j) {
            "latest" | "recent" | "just-ended" => Some(-1),
            "most" if self.l(j + 1) == "recent" => {
                j += 1;
                Some(-1)
            }
            "current" => Some(0),
            "quarter" if the => Some(-1),
            _ => None,
        };
        if let Some(step) = which {
            if self.l(j) != "quarter" {
                j += 1;
            }
            let period = step < 0 && self.l(j) == "period" && self.l(j - 1) != "the";
            if self.l(j) != "quarter" && !period {
                return None;
            }
            let v = anchor.map_or_else(
                || "XXXX-QX".to_string(),
                |a| {
                    let d = a.add_months(3 * step);
                    format!("{}-Q{}", year_str(d.year), d.quarter())
                },
            );
            return m(j + 1, Kind::Date, v);
        }
        let n = words::ordinal(self.l(j))?;
        j += 1;
        if self.l(j) == "-" {
            j += 1;
            if the {
                return None;
            }
        }
        let (code, max) = match self.l(j) {
            "quarter" => ("Q", 4),
            "half" => ("H", 2),
            _ => return None,
        };
        if n == 0 || n > max {
            return None;
        }
        j += 1;
        let year = if self.l(j) == "of" && is_year(self.l(j + 1)).is_some() {
            j += 2;
            is_year(self.l(j - 1))
        } else if self.l(j) == "of" && self.l(j + 1) == "fiscal" && is_year(self.l(j + 2)).is_some()
        {
            j += 3;
            is_year(self.l(j - 1))
        } else if self.l(j) == "of"
            && matches!(self.l(j + 1), "this" | "last" | "next")
            && self.l(j + 2) == "year"
        {
            let step = match self.l(j + 1) {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            j += 3;
            anchor.map(|a| a.year + step)
        } else {
            anchor.map(|a| {
                let current = if code == "Q" { a.quarter() } else { (a.month - 1) / 6 + 1 };
                if n > current && self.tense(i, j) != Tense::Future {
                    a.year - 1
                } else {
                    a.year
                }
            })
        };
        let y = year.map_or_else(|| "XXXX".to_string(), year_str);
        m(j, Kind::Date, format!("{y}-{code}{n}"))
    }

    // ---- seasons ----

    fn season(&self, i: usize) -> Option<M> {
        let mut j = i;
        let det = matches!(self.l(j), "the");
        if det {
            j += 1;
        }
        let code = words::season(self.l(j))?;
        let w = self.l(j);
        j += 1;
        let year = if let Some((e, y)) = self.year_after(j) {
            if self.l(j) == "," {
                None
            } else {
                j = e;
                Some(y)
            }
        } else {
            None
        };
        if year.is_none() {
            if !det {
                let prev = self.prev(i);
                if w == "fall"
                    || !matches!(
                        prev,
                        "in" | "since" | "by" | "until" | "during" | "early" | "late" | "this"
                    )
                {
                    return None;
                }
            } else if self.l(j) == "of" {
                return None;
            }
        }
        let v = match (year, self.anchor) {
            (Some(y), _) => format!("{}-{code}", year_str(y)),
            (None, Some(a)) => format!("{}-{code}", year_str(a.year)),
            (None, None) => format!("XXXX-{code}"),
        };
        m(j, Kind::Date, v)
    }

    // ---- times of day ----

    /// A clock time, extended over the day that follows it: "10 p.m. Wednesday",
    /// "5 p.m. EST, Nov. 9", "noon Saturday".
    fn time_of_day(&self, i: usize) -> Option<M> {
        let mut hit = self.clock(i)?;
        let k = if self.l(hit.end) == "," { hit.end + 1 } else { hit.end };
        let day = self
            .weekday(k)
            .or_else(|| self.deictic(k))
            .or_else(|| self.month_first(k))
            .filter(|d| d.kind == Kind::Date && d.value.len() == 10);
        if let Some(day) = day {
            if let Some(t) = hit.value.find('T') {
                hit.value = format!("{}{}", day.value, &hit.value[t..]);
                hit.end = day.end;
            }
        }
        Some(hit)
    }

    fn clock(&self, i: usize) -> Option<M> {
        let w = self.l(i);
        let date = self.day_value(0);
        match w {
            "noon" | "midday" => return m(i + 1, Kind::Time, format!("{date}T12:00")),
            "midnight" => return m(i + 1, Kind::Time, format!("{date}T24:00")),
            _ => {}
        }
        // "3", "3:30", "3pm", "3:30p.m."
        let digits_end = w.find(|c: char| !(c.is_ascii_digit() || c == ':')).unwrap_or(w.len());
        if digits_end == 0 {
            return None;
        }
        let (num, rest) = w.split_at(digits_end);
        let (h, mi) = match num.split_once(':') {
            Some((h, mi)) if mi.len() == 2 => (h.parse::<u32>().ok()?, mi.parse::<u32>().ok()?),
            Some(_) => return None,
            None if num.len() <= 2 => (num.parse::<u32>().ok()?, 0),
            None => return None,
        };
        if mi > 59 || h > 24 {
            return None;
        }
        let mut j = i + 1;
        let suffix = if rest.is_empty() {
            let s = self.l(j);
            if matches!(s, "a.m." | "am" | "a.m" | "p.m." | "pm" | "p.m" | "o'clock") {
                j += 1;
                s.to_string()
            } else if s == "a" && self.l(j + 1) == "." && self.l(j + 2) == "m" {
                return None;
            } else if num.contains(':')
                && (words::time_zone(s) || matches!(self.prev(i), "at" | "by" | "until" | "from"))
            {
                String::new()
            } else {
                return None;
            }
        } else if matches!(rest, "a.m." | "am" | "a.m" | "p.m." | "pm" | "p.m") {
            rest.to_string()
        } else {
            return None;
        };
        let h = match suffix.as_str() {
            "p.m." | "pm" | "p.m" if h < 12 => h + 12,
            "a.m." | "am" | "a.m" if h == 12 => 0,
            _ if suffix.is_empty() || suffix == "o'clock" => h,
            _ if h > 12 => return None,
            _ => h,
        };
        if words::time_zone(self.l(j)) {
            j += 1;
        }
        m(j, Kind::Time, format!("{date}T{h:02}:{mi:02}"))
    }

    // ---- sets ----

    fn set(&self, i: usize) -> Option<M> {
        let w = self.l(i);
        if let Some(v) = words::frequency_adverb(w) {
            // "daily newspaper", "monthly report": adjectives, not sets.
            let next = self.w(i + 1);
            if next.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
                && !matches!(
                    self.l(i + 1),
                    "and"
                        | "or"
                        | "since"
                        | "until"
                        | "in"
                        | "at"
                        | "for"
                        | "to"
                        | "by"
                        | "on"
                        | "from"
                )
            {
                return None;
            }
            return m(i + 1, Kind::Set, v);
        }
        if matches!(w, "every" | "each") {
            let mut j = i + 1;
            if self.l(j) == "other" {
                j += 1;
                let (u, false) = words::unit(self.l(j))? else { return None };
                return m(j + 1, Kind::Set, duration_value(Some(2), u));
            }
            if let Some(mon) = self.month_at(j, false) {
                return m(j + 1, Kind::Set, format!("XXXX-{mon:02}"));
            }
            if let Some((wd, false)) = words::weekday(self.l(j)) {
                return m(j + 1, Kind::Set, format!("XXXX-WXX-{}", wd + 1));
            }
            if let Some(p) = words::day_part(self.l(j)) {
                return m(j + 1, Kind::Set, format!("TXX{p}").replace("TXX", "XXXX-XX-XXT"));
            }
            if let Some((end, Some(n))) = self.number(j) {
                if let Some((u, _)) = words::unit(self.l(end)) {
                    return m(end + 1, Kind::Set, duration_value(Some(n), u));
                }
            }
            let (u, false) = words::unit(self.l(j))? else { return None };
            return m(j + 1, Kind::Set, duration_value(Some(1), u));
        }
        if matches!(w, "a" | "per") {
            let (u, false) = words::unit(self.l(i + 1))? else { return None };
            let prev = self.prev(i);
            let rate = matches!(
                prev,
                "once"
                    | "twice"
                    | "times"
                    | "%"
                    | "percent"
                    | "million"
                    | "billion"
                    | "cents"
                    | "dollars"
            ) || prev.bytes().next().is_some_and(|b| b.is_ascii_digit())
                || w == "per";
            if rate {
                return m(i + 2, Kind::Set, duration_value(Some(1), u));
            }
        }
        None
    }

    // ---- durations ----

    /// A count: digits, number words (`twenty four`), `a`, `a couple of`, `several`.
    /// Returns where it ends and its value (`None` = unknown, as in `several`).
    fn number(&self, i: usize) -> Option<(usize, Option<u32>)> {
        let (end, n) = self.one_number(i)?;
        // "two to three weeks", "12 to 18 months": the span covers the range, the value
        // the first count.
        if matches!(self.l(end), "to" | "or" | "-") && n.is_some() {
            if let Some((e2, Some(_))) = self.one_number(end + 1) {
                if !matches!(self.l(end + 1), "a" | "an") && words::unit(self.l(e2)).is_some() {
                    return Some((e2, n));
                }
            }
        }
        Some((end, n))
    }

    fn one_number(&self, i: usize) -> Option<(usize, Option<u32>)> {
        let w = self.l(i);
        match w {
            "a" | "an" => {
                if self.l(i + 1) == "couple" && self.l(i + 2) == "of" {
                    return Some((i + 3, Some(2)));
                }
                if self.l(i + 1) == "few" {
                    return Some((i + 2, None));
                }
                if self.l(i + 1) == "hundred" {
                    return Some((i + 2, Some(100)));
                }
                return Some((i + 1, Some(1)));
            }
            "couple" if self.l(i + 1) == "of" => return Some((i + 2, Some(2))),
            "several" | "few" | "many" | "some" | "recent" | "numerous" | "couple" => {
                return Some((i + 1, None));
            }
            "hundreds" | "thousands" | "dozens" if self.l(i + 1) == "of" => {
                return Some((i + 2, None))
            }
            _ => {}
        }
        if let Some(n) = words::small_int(&w.replace(',', "")) {
            if !w.contains(',') || w.len() > 4 {
                return Some((i + 1, Some(n)));
            }
        }
        if let Some((a, b)) = w.split_once('-') {
            if let (Some(t), Some(u)) = (words::cardinal(a), words::cardinal(b)) {
                if t >= 20 && t % 10 == 0 && u < 10 {
                    return Some((i + 1, Some(t + u)));
                }
            }
        }
        let n = words::cardinal(w)?;
        if n >= 20 && n % 10 == 0 && n < 100 {
            let (nx, k) =
                if self.l(i + 1) == "-" { (self.l(i + 2), 2) } else { (self.l(i + 1), 1) };
            if let Some(u) = words::cardinal(nx).filter(|&u| u < 10) {
                return Some((i + 1 + k, Some(n + u)));
            }
        }
        Some((i + 1, Some(n)))
    }

    fn duration(&self, i: usize) -> Option<M> {
        let w = self.l(i);
        // "the year-earlier quarter", "year-ago": the same period a year before.
        {
            let mut j = i;
            if w == "the" {
                j += 1;
                if matches!(self.l(j), "comparable" | "corresponding" | "same") {
                    j += 1;
                }
            }
            if self.l(j) == "year"
                && self.l(j + 1) == "-"
                && matches!(self.l(j + 2), "earlier" | "ago")
            {
                let mut end = j + 3;
                if j > i && matches!(self.l(end), "quarter" | "period") {
                    end += 1;
                } else if j > i
                    && words::ordinal(self.l(end)).is_some_and(|n| (1..=4).contains(&n))
                    && self.l(end + 1) == "quarter"
                {
                    let n = words::ordinal(self.l(end)).unwrap_or(1);
                    let y = self.anchor.map_or_else(|| "XXXX".into(), |a| year_str(a.year - 1));
                    return m(end + 2, Kind::Date, format!("{y}-Q{n}"));
                } else if j > i {
                    end = usize::MAX;
                }
                if end != usize::MAX {
                    return m(end, Kind::Date, self.shifted(Some(1), Unit::Year, -1));
                }
            }
        }
        // "the nine months", "the first two years".
        if w == "the" {
            let mut j = i + 1;
            if matches!(
                self.l(j),
                "first" | "latest" | "entire" | "full" | "whole" | "final" | "initial"
            ) {
                j += 1;
            }
            if let Some((end, n)) = self.number(j) {
                if !matches!(self.l(j), "a" | "an" | "some" | "many" | "recent") {
                    if let Some((u, true)) = words::unit(self.l(end)) {
                        return m(end + 1, Kind::Duration, duration_value(n, u));
                    }
                }
            }
        }
        // A bare plural after "for", "over", "within": "for years" → PXY.
        if let Some((u, true)) = words::unit(w) {
            if matches!(self.prev(i), "for" | "over" | "within" | "in")
                && !matches!(u, Unit::Second)
            {
                if self.prev(i) == "in" && !matches!(self.l(i + 1), "," | "." | "") {
                    return None;
                }
                return m(i + 1, Kind::Duration, duration_value(None, u));
            }
            return None;
        }
        if w == "half" && matches!(self.l(i + 1), "a" | "an") {
            let (u, false) = words::unit(self.l(i + 2))? else { return None };
            let v = match u {
                Unit::Hour => "PT30M".to_string(),
                Unit::Day => "PT12H".to_string(),
                Unit::Year => "P6M".to_string(),
                Unit::Decade => "P5Y".to_string(),
                Unit::Century => "P50Y".to_string(),
                _ => duration_value(None, u),
            };
            return m(i + 3, Kind::Duration, v);
        }
        let (mut j, n) = self.number(i)?;
        // "20 more years", "an additional year", "eight trading days".
        if matches!(
            self.l(j),
            "more"
                | "additional"
                | "extra"
                | "further"
                | "trading"
                | "business"
                | "working"
                | "straight"
                | "consecutive"
        ) && words::unit(self.l(j + 1)).is_some()
        {
            j += 1;
        }
        let mut adjectival = false;
        if self.l(j) == "-" {
            j += 1;
            adjectival = true;
        }
        let (u, plural) = words::unit(self.l(j))?;
        if adjectival && plural {
            return None;
        }
        if n.is_none() && !plural && !adjectival {
            return None;
        }
        if n == Some(1) && plural {
            return None;
        }
        if matches!(w, "a" | "an") && j == i + 1 && (plural || adjectival) {
            return None;
        }
        if u == Unit::Second && matches!(w, "a" | "an") {
            return None;
        }
        if matches!(self.l(j + 1), "quarter" | "half") && u == Unit::Second {
            return None;
        }
        if n.is_some_and(|n| n >= 1000) && !plural {
            return None;
        }
        // "a quarter of the shares" is a fraction.
        if u == Unit::Quarter && (n == Some(1) || self.l(j + 1) == "of") {
            return None;
        }
        // Ages ("a 136-year-old bank") are no durations.
        if adjectival && self.l(j + 1) == "-" && self.l(j + 2) == "old" {
            return None;
        }
        let end = j + 1;
        if self.l(end) == "old" || (self.l(end) == "-" && self.l(end + 1) == "old") {
            return None;
        }
        match (self.l(end), self.l(end + 1)) {
            ("ago" | "earlier", _) => return m(end + 1, Kind::Date, self.shifted(n, u, -1)),
            ("or", "so") => return m(end + 2, Kind::Duration, duration_value(n, u)),
            ("from", "now") => return m(end + 2, Kind::Date, self.shifted(n, u, 1)),
            ("later", _) => return m(end + 1, Kind::Duration, duration_value(n, u)),
            _ => {}
        }
        m(end, Kind::Duration, duration_value(n, u))
    }

    /// The date `n` units before (`sign = -1`) or after the anchor, at the unit's precision.
    fn shifted(&self, n: Option<u32>, u: Unit, sign: i64) -> String {
        let (Some(a), Some(n)) = (self.anchor, n) else {
            return if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.to_string();
        };
        let k = sign * n as i64;
        match u {
            Unit::Second | Unit::Minute | Unit::Hour => {
                if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.to_string()
            }
            Unit::Day => a.add_days(k).day_value(),
            Unit::Week => a.add_days(7 * k).week_value(),
            Unit::Month => a.add_months(k).month_value(),
            Unit::Quarter => {
                let d = a.add_months(3 * k);
                format!("{}-Q{}", year_str(d.year), d.quarter())
            }
            Unit::Year => match self.quarter.get() {
                Some((y, q)) if sign < 0 => format!("{}-Q{q}", year_str(y + k as i32)),
                _ => year_str(a.year + k as i32),
            },
            Unit::Decade => format!("{:03}", (a.year as i64 + 10 * k) / 10),
            Unit::Century => format!("{:02}", (a.year as i64 + 100 * k) / 100),
        }
    }
}

/// How a weekday is placed relative to the anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rel {
    /// `last Monday`: the closest one strictly before the anchor.
    Last,
    /// `next Monday`: the closest one strictly after the anchor.
    Next,
    /// A plain `Monday`: the anchor's own day when it is that weekday, else by tense.
    Tense(Tense),
}
