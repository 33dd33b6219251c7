//! Calendar arithmetic: proleptic Gregorian day numbers (Howard Hinnant's civil algorithms) and
//! the tabular (arithmetical, civil-epoch) Islamic calendar, so relative and Hijri dates can be
//! resolved without a date library.

/// A calendar date whose parts may be unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct PartialDate {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn full(y: i32, m: u32, d: u32) -> Self {
        Self {
            year: Some(y),
            month: Some(m),
            day: Some(d),
        }
    }

    /// ISO 8601 with dashes for unknown parts: `2016-10-12`, `--02-24`, `2016-10`, `2016`.
    pub fn iso(&self) -> String {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (None, Some(m), Some(d)) => format!("--{m:02}-{d:02}"),
            (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
            (None, Some(m), None) => format!("--{m:02}"),
            (Some(y), None, _) => format!("{y:04}"),
            (None, None, _) => String::from("----"),
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub(crate) fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day number.
pub(crate) fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

/// Day of the week, 0 = Sunday (الأحد) … 6 = Saturday (السبت).
pub(crate) fn weekday(days: i64) -> u32 {
    (days + 4).rem_euclid(7) as u32
}

/// Days since 1970-01-01 of a date in the tabular Islamic calendar (civil epoch, 16 July 622
/// Julian; leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29 of each 30-year cycle). It can be a
/// day off the sighted calendar a country uses; the value is marked as converted in the docs.
pub(crate) fn days_from_hijri(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y);
    let m = i64::from(m);
    let month_days = (59 * (m - 1) + 1) / 2; // ceil(29.5 * (m - 1))
    let jdn = i64::from(d) + month_days + (y - 1) * 354 + (3 + 11 * y).div_euclid(30) + 1_948_439;
    jdn - 2_440_588
}

/// Parses `YYYY-MM-DD` (a longer timestamp is cut at the date).
pub(crate) fn parse_iso(s: &str) -> Option<(i32, u32, u32)> {
    let s = s.trim();
    let mut parts = s.get(..10)?.split('-');
    let y = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// ISO week date (`2017-W06`) of a day number.
pub(crate) fn iso_week(days: i64) -> String {
    let wd = (weekday(days) + 6) % 7; // Monday = 0
    let thursday = days - i64::from(wd) + 3;
    let (y, _, _) = civil_from_days(thursday);
    let jan1 = days_from_civil(y, 1, 1);
    let week = (thursday - jan1) / 7 + 1;
    format!("{y:04}-W{week:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_and_weekday() {
        let d = days_from_civil(2016, 10, 12);
        assert_eq!(civil_from_days(d), (2016, 10, 12));
        assert_eq!(weekday(d), 3); // Wednesday
        assert_eq!(weekday(days_from_civil(2019, 12, 31)), 2); // Tuesday
    }

    #[test]
    fn tabular_hijri_matches_known_dates() {
        // 1 Ramadan 1440 = 6 May 2019; 1 Muharram 1445 = 19 July 2023 (tabular).
        assert_eq!(civil_from_days(days_from_hijri(1440, 9, 1)), (2019, 5, 6));
        assert_eq!(civil_from_days(days_from_hijri(1445, 1, 1)), (2023, 7, 19));
    }

    #[test]
    fn iso_formats() {
        assert_eq!(
            PartialDate {
                year: None,
                month: Some(2),
                day: Some(24)
            }
            .iso(),
            "--02-24"
        );
        assert_eq!(iso_week(days_from_civil(2017, 2, 12)), "2017-W06");
        assert_eq!(parse_iso("2017-02-20T10:00:00Z"), Some((2017, 2, 20)));
    }
}
