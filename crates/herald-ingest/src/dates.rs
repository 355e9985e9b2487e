//! Publication dates in the forms feeds, HTTP and `<meta>` tags write them.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Timelike};
use herald_doc::PubDate;

/// Parses a date or timestamp: ISO 8601 / RFC 3339 (with or without seconds or zone),
/// RFC 2822 (RSS `pubDate`, HTTP dates), and common written forms (`April 26, 2022`,
/// `26 April 2022`, `2022/04/26`). Years outside 1900–2200 are rejected as noise.
pub(crate) fn parse_date(s: &str) -> Option<PubDate> {
    let s = s.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    let date = parse_any(s)?;
    (1900..=2200).contains(&date.year()).then_some(date)
}

fn parse_any(s: &str) -> Option<PubDate> {
    if let Some(d) = PubDate::parse(s) {
        return Some(d);
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(from_fixed(&dt));
    }
    // RFC 2822 with a zone name chrono does not know ("CEST"): parse without it, as UTC.
    for fmt in ["%a, %d %b %Y %H:%M:%S", "%d %b %Y %H:%M:%S", "%a, %d %b %Y %H:%M"] {
        if let Some(prefix) = s.rsplit_once(' ').map(|(p, _)| p) {
            if let Ok(dt) = NaiveDateTime::parse_from_str(prefix, fmt) {
                return Some(from_naive(&dt));
            }
        }
    }
    for fmt in
        ["%Y-%m-%dT%H:%M%:z", "%Y-%m-%dT%H:%M%z", "%Y-%m-%d %H:%M:%S %z", "%Y-%m-%dT%H:%M:%S%.f%z"]
    {
        if let Ok(dt) = DateTime::parse_from_str(s, fmt) {
            return Some(from_fixed(&dt));
        }
    }
    if let Some(z) =
        s.strip_suffix('Z').or_else(|| s.strip_suffix(" UTC")).or_else(|| s.strip_suffix(" GMT"))
    {
        if let Some(dt) = naive_datetime(z) {
            return Some(from_naive(&dt));
        }
    }
    if let Some(dt) = naive_datetime(s) {
        return Some(from_naive(&dt));
    }
    // A date followed by anything else ("2022-04-26 | Updated"): the date alone.
    if s.len() > 10 && s.is_char_boundary(10) {
        if let Some(d) = PubDate::parse(&s[..10]) {
            return Some(d);
        }
    }
    let cleaned = s.replace(',', " ").replace(" at ", " ");
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    for fmt in [
        "%Y/%m/%d",
        "%Y.%m.%d",
        "%Y%m%d",
        "%B %d %Y",
        "%b %d %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%A %B %d %Y",
        "%a %b %d %Y",
        "%A %d %B %Y",
        "%a %d %b %Y",
        "%b. %d %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(&cleaned, fmt) {
            return PubDate::from_ymd(d.year(), d.month(), d.day());
        }
    }
    None
}

fn naive_datetime(s: &str) -> Option<NaiveDateTime> {
    [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
    ]
    .iter()
    .find_map(|fmt| NaiveDateTime::parse_from_str(s, fmt).ok())
}

fn from_fixed(dt: &DateTime<FixedOffset>) -> PubDate {
    let offset_min = (dt.offset().local_minus_utc() / 60) as i16;
    from_naive(&dt.naive_local()).with_time(dt.num_seconds_from_midnight(), offset_min)
}

fn from_naive(dt: &NaiveDateTime) -> PubDate {
    // chrono only builds valid dates, so `from_ymd` cannot fail here; fall back defensively.
    PubDate::from_ymd(dt.year(), dt.month(), dt.day())
        .unwrap_or_else(|| PubDate::from_ymd(1970, 1, 1).expect("valid date"))
        .with_time(dt.num_seconds_from_midnight(), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_forms() {
        let cases = [
            ("Tue, 26 Apr 2022 10:00:00 GMT", "2022-04-26T10:00:00Z"),
            ("Tue, 26 Apr 2022 10:00:00 +0300", "2022-04-26T10:00:00+03:00"),
            ("Tue, 26 Apr 2022 10:00:00 CEST", "2022-04-26T10:00:00Z"),
            ("2022-04-26T10:00+02:00", "2022-04-26T10:00:00+02:00"),
            ("2022-04-26T10:00:00.000Z", "2022-04-26T10:00:00Z"),
            ("2022-04-26 10:00:00", "2022-04-26T10:00:00Z"),
            ("April 26, 2022", "2022-04-26"),
            ("26 April 2022", "2022-04-26"),
            ("2022/04/26", "2022-04-26"),
            ("2022-04-26T10:00:00+0300", "2022-04-26T10:00:00+03:00"),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input).map(|d| d.to_string()).as_deref(), Some(want), "{input}");
        }
        for bad in ["", "yesterday", "0001-01-01", "2022-02-30"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
