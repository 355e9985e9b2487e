//! Word lists: numbers, months, weekdays, units, seasons, and the verb cues of tense.
//! All lookups take lower-case words (curly apostrophes already straightened).

/// A unit of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The TIMEX3 letter of the unit and whether it belongs after the `T`.
    pub(crate) fn letter(self) -> (&'static str, bool) {
        match self {
            Unit::Second => ("S", true),
            Unit::Minute => ("M", true),
            Unit::Hour => ("H", true),
            Unit::Day => ("D", false),
            Unit::Week => ("W", false),
            Unit::Month => ("M", false),
            Unit::Quarter => ("Q", false),
            Unit::Year => ("Y", false),
            Unit::Decade => ("DE", false),
            Unit::Century => ("CE", false),
        }
    }
}

/// A unit word and whether it is plural (`years` → (Year, true)).
pub(crate) fn unit(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "second" => (Unit::Second, false),
        "seconds" => (Unit::Second, true),
        "minute" => (Unit::Minute, false),
        "minutes" => (Unit::Minute, true),
        "hour" => (Unit::Hour, false),
        "hours" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

/// Cardinal number words up to ninety.
pub(crate) fn cardinal(w: &str) -> Option<u32> {
    Some(match w {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        _ => return None,
    })
}

/// Ordinals, in words or digits (`third`, `3rd`, `24th`), up to 31.
pub(crate) fn ordinal(w: &str) -> Option<u32> {
    let n = match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fifteenth" => 15,
        "twentieth" => 20,
        "twenty-first" => 21,
        _ => {
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &w[digits.len()..];
            if !matches!(suffix, "st" | "nd" | "rd" | "th") {
                return None;
            }
            return small_int(digits).filter(|&n| n <= 31);
        }
    };
    Some(n)
}

/// A token of one to three ASCII digits as a number.
pub(crate) fn small_int(w: &str) -> Option<u32> {
    if w.is_empty() || w.len() > 6 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

/// Month names and abbreviations → 1–12, and whether the word is ambiguous with a common
/// English word or name (`May`, `March`, `Jan`).
pub(crate) fn month(w: &str) -> Option<(u32, bool)> {
    Some(match w {
        "january" | "jan." => (1, false),
        "jan" => (1, true),
        "february" | "feb." | "feb" => (2, false),
        "march" => (3, true),
        "mar." => (3, false),
        "april" | "apr." | "apr" => (4, false),
        "may" => (5, true),
        "june" => (6, false),
        "jun." => (6, false),
        "july" => (7, false),
        "jul." => (7, false),
        "august" | "aug." | "aug" => (8, false),
        "september" | "sept." | "sep." | "sept" => (9, false),
        "october" | "oct." | "oct" => (10, false),
        "november" | "nov." | "nov" => (11, false),
        "december" | "dec." => (12, false),
        "dec" => (12, true),
        _ => return None,
    })
}

/// Weekday names → 0 = Monday … 6 = Sunday, and whether the word is plural.
pub(crate) fn weekday(w: &str) -> Option<(u32, bool)> {
    Some(match w {
        "monday" | "mon." => (0, false),
        "tuesday" | "tues." | "tue." => (1, false),
        "wednesday" | "wed." => (2, false),
        "thursday" | "thurs." | "thu." => (3, false),
        "friday" | "fri." => (4, false),
        "saturday" | "sat." => (5, false),
        "sunday" | "sun." => (6, false),
        "mondays" => (0, true),
        "tuesdays" => (1, true),
        "wednesdays" => (2, true),
        "thursdays" => (3, true),
        "fridays" => (4, true),
        "saturdays" => (5, true),
        "sundays" => (6, true),
        _ => return None,
    })
}

/// Seasons → TIMEX3 codes.
pub(crate) fn season(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// Parts of the day → TIMEX3 codes.
pub(crate) fn day_part(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" => "NI",
        _ => return None,
    })
}

/// Time zone abbreviations kept inside a time's span.
pub(crate) fn time_zone(w: &str) -> bool {
    matches!(
        w,
        "est"
            | "edt"
            | "cst"
            | "cdt"
            | "mst"
            | "mdt"
            | "pst"
            | "pdt"
            | "gmt"
            | "utc"
            | "et"
            | "bst"
            | "cet"
            | "cest"
    )
}

/// Adverbs of frequency that are sets by themselves (`weekly` → `P1W`).
pub(crate) fn frequency_adverb(w: &str) -> Option<&'static str> {
    Some(match w {
        "hourly" => "PT1H",
        "daily" | "nightly" => "P1D",
        "weekly" => "P1W",
        "biweekly" => "P2W",
        "monthly" => "P1M",
        "annually" | "yearly" => "P1Y",
        _ => return None,
    })
}

/// Tense read off the verbs around an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    /// A past-tense verb governs the sentence part (`said`, `met`, `was`).
    Past,
    /// A future cue (`will`, `is to`, `is due to`, `plans`, `next`).
    Future,
    /// No cue found.
    Unknown,
}

/// The tense cue of one lower-case word, given the word before it and its Penn tag when
/// a tagger ran.
pub(crate) fn tense_cue(w: &str, prev: &str, xpos: Option<&str>) -> Option<Tense> {
    match w {
        "will" | "'ll" | "shall" | "wo" | "would" | "going" | "due" | "scheduled" | "expected"
        | "plans" | "plan" | "planned" | "planning" | "slated" | "upcoming" | "intends"
        | "hopes" | "aims" => return Some(Tense::Future),
        "to" if matches!(prev, "is" | "are" | "'s" | "was" | "were" | "set") => {
            return Some(Tense::Future)
        }
        "said" | "was" | "were" | "had" | "did" | "told" | "met" | "went" | "came" | "made"
        | "took" | "gave" | "saw" | "began" | "left" | "held" | "won" | "lost" | "sent"
        | "rose" | "fell" | "got" | "found" | "spent" | "paid" | "sold" | "bought" | "brought"
        | "thought" | "led" | "ran" | "became" | "spoke" | "wrote" | "broke" | "chose" | "kept"
        | "knew" | "ago" | "struck" | "fought" | "flew" | "felt" => return Some(Tense::Past),
        _ => {}
    }
    if let Some(tag) = xpos {
        return match tag {
            "VBD" => Some(Tense::Past),
            "VBN" if matches!(prev, "has" | "have" | "had") => Some(Tense::Past),
            _ => None,
        };
    }
    let b = w.as_bytes();
    if b.len() >= 5
        && w.ends_with("ed")
        && !w.ends_with("eed")
        && b.iter().all(|c| c.is_ascii_lowercase())
        && !matches!(w, "hundred" | "kindred" | "sacred" | "naked" | "wicked" | "ragged")
    {
        return Some(Tense::Past);
    }
    None
}

/// True when an expression can start at a token with this lower-case text: a quick
/// filter so that most tokens of a sentence are passed over after one lookup.
pub(crate) fn starter(w: &str) -> bool {
    let Some(&b) = w.as_bytes().first() else { return false };
    if b.is_ascii_digit() || b == b'\'' || w.starts_with("mid-") {
        return true;
    }
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "last"
            | "next"
            | "this"
            | "that"
            | "past"
            | "previous"
            | "preceding"
            | "coming"
            | "following"
            | "upcoming"
            | "current"
            | "present"
            | "same"
            | "currently"
            | "recently"
            | "now"
            | "nowadays"
            | "right"
            | "these"
            | "today"
            | "yesterday"
            | "tomorrow"
            | "tonight"
            | "noon"
            | "midday"
            | "midnight"
            | "every"
            | "each"
            | "per"
            | "fiscal"
            | "several"
            | "few"
            | "many"
            | "some"
            | "recent"
            | "numerous"
            | "couple"
            | "hundreds"
            | "thousands"
            | "dozens"
            | "half"
            | "year"
            | "future"
            | "more"
            | "less"
            | "fewer"
            | "no"
            | "at"
            | "up"
            | "well"
            | "end"
            | "beginning"
            | "start"
            | "middle"
            | "under"
            | "another"
            | "nearly"
            | "almost"
            | "about"
            | "around"
            | "roughly"
            | "approximately"
            | "barely"
            | "early"
            | "late"
            | "mid"
            | "sometime"
            | "earlier"
            | "later"
            | "nineteen"
            | "twenty"
    ) || month(w).is_some()
        || weekday(w).is_some()
        || unit(w).is_some()
        || season(w).is_some()
        || cardinal(w).is_some()
        || ordinal(w).is_some()
        || frequency_adverb(w).is_some()
        || (w.contains('-') && w.split('-').all(|p| cardinal(p).is_some()))
}
