//! Publication dates in the many spellings found in feeds, meta tags and exports.

/// Normalizes a publication date to `YYYY-MM-DD` when it is recognisable, else returns the
/// trimmed input unchanged (a date isnad cannot read is still worth keeping for the user).
///
/// Recognised: ISO 8601 and its relatives (`2023-10-07`, `2023-10-07T06:30:00Z`,
/// `2023/10/07 06:30`), day-first numeric dates (`07/10/2023`, `7-10-2023`) and RFC 2822 /
/// HTTP dates (`Sat, 07 Oct 2023 06:30:00 GMT`, `7 October 2023`).
///
/// # Examples
/// ```
/// use isnad_ingest::normalize_date;
/// assert_eq!(normalize_date("2023-10-07T06:30:00"), "2023-10-07");
/// assert_eq!(normalize_date("Sat, 07 Oct 2023 06:30:00 GMT"), "2023-10-07");
/// assert_eq!(normalize_date("07/10/2023"), "2023-10-07");
/// assert_eq!(normalize_date("yesterday"), "yesterday");
/// ```
pub fn normalize_date(raw: &str) -> String {
    let s = raw.trim();
    parse(s).unwrap_or_else(|| s.to_string())
}

fn parse(s: &str) -> Option<String> {
    let fields: Vec<&str> = s
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|f| !f.is_empty())
        .take(4)
        .collect();
    let num = |f: &str| -> Option<u32> {
        (f.len() <= 4 && f.bytes().all(|b| b.is_ascii_digit()))
            .then(|| f.parse().ok())
            .flatten()
    };
    // Year first: 2023-10-07..., possibly followed by a time.
    if let [y, m, d, ..] = fields.as_slice() {
        if y.len() == 4 {
            if let (Some(y), Some(m), Some(d)) = (num(y), num(m), num(d_prefix(d))) {
                return ymd(y, m, d);
            }
        }
    }
    // Skip a leading weekday name ("Sat, 07 Oct 2023").
    let rest: &[&str] = match fields.first() {
        Some(f) if month_of(f).is_none() && num(f).is_none() => &fields[1..],
        _ => &fields,
    };
    if let [d, m, y, ..] = rest {
        if let (Some(d), Some(y)) = (num(d), num(y)) {
            if let Some(m) = num(m).or_else(|| month_of(m)) {
                if y >= 1000 {
                    return ymd(y, m, d);
                }
            }
        }
        // "October 7 2023" (month first, English).
        if let (Some(m), Some(d), Some(y)) = (month_of(d), num(m), num(y)) {
            if y >= 1000 {
                return ymd(y, m, d);
            }
        }
    }
    None
}

/// `07T06` → `07`: ISO dates glue the time to the day with a `T`.
fn d_prefix(f: &str) -> &str {
    let end = f.find(|c: char| !c.is_ascii_digit()).unwrap_or(f.len());
    &f[..end]
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    ((1000..=9999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn month_of(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if name.len() < 3 || !name.is_ascii() {
        return None;
    }
    let head = name[..3].to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == head)
        .and_then(|i| u32::try_from(i + 1).ok())
}

#[cfg(test)]
mod tests {
    use super::normalize_date;

    #[test]
    fn spellings() {
        for (raw, want) in [
            ("2015-07-21 02:51:32", "2015-07-21"),
            ("2023-10-07T06:30:00+03:00", "2023-10-07"),
            ("2019/12/31", "2019-12-31"),
            ("31-12-2019", "2019-12-31"),
            ("Tue, 31 Dec 2019 10:00:00 GMT", "2019-12-31"),
            ("31 December 2019", "2019-12-31"),
            ("December 31, 2019", "2019-12-31"),
            ("2019-13-40", "2019-13-40"),
            ("", ""),
            ("٢٠١٩", "٢٠١٩"),
        ] {
            assert_eq!(normalize_date(raw), want, "{raw}");
        }
    }
}
