//! Proleptic Gregorian calendar arithmetic on plain integers: day numbers, weekdays,
//! ISO weeks, and the TIMEX3 spelling of dates.

/// A calendar date. Built only through [`Ymd::new`], so it always exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    /// Year (proleptic Gregorian).
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
}

impl Ymd {
    /// The date, or `None` when it does not exist.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Ymd> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Ymd { year, month, day })
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    /// The date `n` days later (earlier when negative).
    pub fn add_days(self, n: i64) -> Ymd {
        civil_from_days(self.days() + n)
    }

    /// The same day `n` months later (clamped to the month's length).
    pub fn add_months(self, n: i64) -> Ymd {
        let total = self.year as i64 * 12 + (self.month as i64 - 1) + n;
        let year = total.div_euclid(12) as i32;
        let month = total.rem_euclid(12) as u32 + 1;
        Ymd { year, month, day: self.day.min(days_in_month(year, month)) }
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        (self.days() + 3).rem_euclid(7) as u32
    }

    /// ISO 8601 week-numbering year and week.
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = self.add_days(3 - self.weekday() as i64);
        let jan1 = days_from_civil(thursday.year, 1, 1);
        (thursday.year, ((thursday.days() - jan1) / 7 + 1) as u32)
    }

    /// Quarter of the year, 1–4.
    pub fn quarter(self) -> u32 {
        (self.month - 1) / 3 + 1
    }

    /// `YYYY-MM-DD`.
    pub fn day_value(self) -> String {
        format!("{}-{:02}-{:02}", year_str(self.year), self.month, self.day)
    }

    /// `YYYY-MM`.
    pub fn month_value(self) -> String {
        format!("{}-{:02}", year_str(self.year), self.month)
    }

    /// `YYYY-Www` (ISO week).
    pub fn week_value(self) -> String {
        let (y, w) = self.iso_week();
        format!("{}-W{:02}", year_str(y), w)
    }
}

/// A year as TIMEX3 writes it: four digits.
pub fn year_str(year: i32) -> String {
    if (0..10000).contains(&year) {
        format!("{year:04}")
    } else {
        "XXXX".to_string()
    }
}

/// True in leap years.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` of `year` (0 for a month outside 1–12).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = year as i64 - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number (inverse of [`days_from_civil`]).
pub fn civil_from_days(z: i64) -> Ymd {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Ymd { year, month, day }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_weekday() {
        let d = Ymd::new(2022, 4, 26).unwrap();
        assert_eq!(d.weekday(), 1);
        assert_eq!(civil_from_days(d.days()), d);
        assert_eq!(d.add_days(-1).day_value(), "2022-04-25");
        assert_eq!(d.add_days(6).day_value(), "2022-05-02");
        assert_eq!(d.week_value(), "2022-W17");
        assert_eq!(Ymd::new(2021, 1, 3).unwrap().week_value(), "2020-W53");
        assert_eq!(Ymd::new(2022, 3, 31).unwrap().add_months(-1).day_value(), "2022-02-28");
        assert_eq!(d.add_months(-5).month_value(), "2021-11");
        assert_eq!(Ymd::new(2022, 2, 29), None);
        assert_eq!(Ymd::new(2024, 2, 29).unwrap().quarter(), 1);
    }
}
