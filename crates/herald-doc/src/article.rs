use std::fmt;

/// One news article as ingestion produces it: identity, metadata and plain text.
///
/// `text` is the article body only (no title), paragraphs separated by a blank line
/// (`"\n\n"`). Every annotation offset indexes into it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Article {
    /// Stable identifier: the input's own id, else derived from the URL, else from the text.
    pub id: String,
    /// Canonical URL, when known.
    pub url: Option<String>,
    /// Headline, when known.
    pub title: Option<String>,
    /// Author(s) as printed.
    pub byline: Option<String>,
    /// Publication date (and time, when known); relative dates are resolved against it.
    pub date: Option<PubDate>,
    /// Detected language; `None` until identified.
    pub language: Option<Language>,
    /// Where the article came from: a file path, a feed or WARC record locator.
    pub source: Option<String>,
    /// Body text.
    pub text: String,
}

impl Article {
    /// An article with an id and text and no metadata.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Article {
        Article { id: id.into(), text: text.into(), ..Article::default() }
    }
}

/// A language as an ISO 639-1 code (`"en"`), or ISO 639-3 where no two-letter code exists.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Language(pub String);

impl Language {
    /// English, the language herald annotates.
    pub fn english() -> Language {
        Language("en".to_owned())
    }

    /// True for English.
    pub fn is_english(&self) -> bool {
        self.0 == "en"
    }

    /// The code.
    pub fn code(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A publication date, with the time of day and UTC offset when the source gives them.
///
/// Only calendar-valid dates can be built (see [`PubDate::from_ymd`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PubDate {
    year: i32,
    month: u8,
    day: u8,
    /// Seconds after midnight and UTC offset in minutes.
    time: Option<(u32, i16)>,
}

impl PubDate {
    /// A date, or `None` when it does not exist in the proleptic Gregorian calendar.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<PubDate> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(PubDate { year, month: month as u8, day: day as u8, time: None })
    }

    /// The same date with a time of day (`seconds` after midnight) and a UTC offset in minutes.
    pub fn with_time(self, seconds: u32, utc_offset_minutes: i16) -> PubDate {
        PubDate { time: Some((seconds.min(86_399), utc_offset_minutes)), ..self }
    }

    /// Parses `YYYY-MM-DD` or an RFC 3339 timestamp (`2022-04-26T10:00:00Z`,
    /// `2022-04-26T10:00:00+03:00`, fractional seconds allowed).
    pub fn parse(s: &str) -> Option<PubDate> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
        };
        let date = PubDate::from_ymd(num(0..4)? as i32, num(5..7)?, num(8..10)?)?;
        if b.len() == 10 {
            return Some(date);
        }
        if !matches!(b[10], b'T' | b't' | b' ') || b.len() < 19 || b[13] != b':' || b[16] != b':' {
            return None;
        }
        let (h, m, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if h > 23 || m > 59 || sec > 60 {
            return None;
        }
        let mut rest = &s[19..];
        if let Some(frac) = rest.strip_prefix('.') {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            rest = &frac[digits..];
        }
        let offset = match rest {
            "" | "Z" | "z" => 0i16,
            _ => {
                let sign = match rest.as_bytes()[0] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return None,
                };
                let tz = rest[1..].replace(':', "");
                if tz.len() != 4 || !tz.bytes().all(|c| c.is_ascii_digit()) {
                    return None;
                }
                let (oh, om): (i16, i16) = (tz[..2].parse().ok()?, tz[2..].parse().ok()?);
                sign * (oh * 60 + om)
            }
        };
        Some(date.with_time(h * 3600 + m * 60 + sec.min(59), offset))
    }

    /// Year.
    pub fn year(&self) -> i32 {
        self.year
    }
    /// Month, 1–12.
    pub fn month(&self) -> u32 {
        self.month as u32
    }
    /// Day of month, 1–31.
    pub fn day(&self) -> u32 {
        self.day as u32
    }
    /// Seconds after midnight and UTC offset in minutes, when the time is known.
    pub fn time(&self) -> Option<(u32, i16)> {
        self.time
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(&self) -> u32 {
        // Days since 1970-01-01 (a Thursday).
        ((days_from_civil(self.year, self.month(), self.day()) + 3).rem_euclid(7)) as u32
    }

    /// The calendar date only, as `YYYY-MM-DD`.
    pub fn date_string(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for PubDate {
    /// `YYYY-MM-DD`, or RFC 3339 when the time is known.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)?;
        if let Some((secs, off)) = self.time {
            write!(f, "T{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)?;
            if off == 0 {
                f.write_str("Z")?;
            } else {
                let sign = if off < 0 { '-' } else { '+' };
                write!(f, "{sign}{:02}:{:02}", off.abs() / 60, off.abs() % 60)?;
            }
        }
        Ok(())
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_and_timestamps() {
        assert_eq!(PubDate::parse("2022-04-26").unwrap().to_string(), "2022-04-26");
        let t = PubDate::parse("2022-04-26T10:05:09.123+03:00").unwrap();
        assert_eq!(t.to_string(), "2022-04-26T10:05:09+03:00");
        assert_eq!(PubDate::parse("2022-04-26 10:05:09Z").unwrap().time(), Some((36309, 0)));
        for bad in
            ["2022-02-30", "2022-13-01", "22-04-26", "2022-04-26T25:00:00Z", "", "２０２２-04-26"]
        {
            assert_eq!(PubDate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn weekday() {
        assert_eq!(PubDate::from_ymd(2022, 4, 26).unwrap().weekday(), 1); // Tuesday
        assert_eq!(PubDate::from_ymd(2000, 2, 29).unwrap().weekday(), 1);
        assert_eq!(PubDate::from_ymd(1970, 1, 1).unwrap().weekday(), 3);
    }
}
