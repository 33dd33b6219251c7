//! Date mentions: Gregorian months (Egyptian and Levantine names), Hijri months, weekdays,
//! numeric dates, years and relative expressions, resolved against the publication date.

use crate::calendar::{
    civil_from_days, days_from_civil, days_from_hijri, iso_week, weekday, PartialDate,
};
use crate::scan::{Word, WordKind};
use crate::DateMention;

/// Month names as folded word sequences. Ambiguous names (مارس is also "he practised", آب a
/// name, Hijri months double as personal names) require an adjacent number.
const GREGORIAN: &[(&str, u32, bool)] = &[
    ("يناير", 1, false),
    ("فبراير", 2, false),
    ("مارس", 3, true),
    ("ابريل", 4, false),
    ("افريل", 4, false),
    ("مايو", 5, false),
    ("ماي", 5, true),
    ("يونيو", 6, false),
    ("يونيه", 6, false),
    ("جوان", 6, true),
    ("يوليو", 7, false),
    ("يوليه", 7, false),
    ("جويليه", 7, true),
    ("اغسطس", 8, false),
    ("اغشت", 8, true),
    ("سبتمبر", 9, false),
    ("اكتوبر", 10, false),
    ("نوفمبر", 11, false),
    ("ديسمبر", 12, false),
    ("كانون الثاني", 1, false),
    ("شباط", 2, false),
    ("اذار", 3, false),
    ("نيسان", 4, false),
    ("ايار", 5, false),
    ("حزيران", 6, false),
    ("تموز", 7, false),
    ("اب", 8, true),
    ("ايلول", 9, false),
    ("تشرين الاول", 10, false),
    ("تشرين الثاني", 11, false),
    ("كانون الاول", 12, false),
];

const HIJRI: &[(&str, u32)] = &[
    ("محرم", 1),
    ("صفر", 2),
    ("ربيع الاول", 3),
    ("ربيع الثاني", 4),
    ("ربيع الاخر", 4),
    ("جمادي الاولي", 5),
    ("جمادي الاخره", 6),
    ("جمادي الثانيه", 6),
    ("جمادي الثانيه", 6),
    ("رجب", 7),
    ("شعبان", 8),
    ("رمضان", 9),
    ("شوال", 10),
    ("ذو القعده", 11),
    ("ذي القعده", 11),
    ("ذو الحجه", 12),
    ("ذي الحجه", 12),
];

const WEEKDAYS: &[(&str, u32)] = &[
    ("الاحد", 0),
    ("الاثنين", 1),
    ("الثلاثاء", 2),
    ("الاربعاء", 3),
    ("الخميس", 4),
    ("الجمعه", 5),
    ("السبت", 6),
];

/// Words that may precede a weekday or أمس inside the same mention («مساء الأحد», «اليوم الثلاثاء»).
const DAY_PARTS: &[&str] = &[
    "اليوم",
    "يوم",
    "مساء",
    "صباح",
    "ليله",
    "فجر",
    "ظهر",
    "عصر",
    "ظهيره",
    "منتصف",
];

/// Words introducing a bare year («منذ 2014»).
const YEAR_INTRO: &[&str] = &["عام", "العام", "سنه", "لعام", "بعام", "لسنه", "وعام"];
const YEAR_PREP: &[&str] = &[
    "في",
    "منذ",
    "حتي",
    "خلال",
    "مطلع",
    "اواخر",
    "اوايل",
    "بدايه",
    "نهايه",
    "قبل",
    "بعد",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    None,
    Past,
    Next,
}

/// Strips one conjunction/preposition proclitic (و ف ب ل) and returns (rest, letters stripped).
fn strip1(w: &str) -> (&str, usize) {
    for p in ["و", "ف", "ب", "ل"] {
        if let Some(rest) = w.strip_prefix(p) {
            if rest.chars().count() >= 3 {
                return (rest, 1);
            }
        }
    }
    (w, 0)
}

/// Code-point offset after skipping `n` letters (diacritics ride along) from `start`.
fn skip_letters(chars: &[char], start: usize, n: usize) -> usize {
    let mut i = start;
    let mut left = n;
    while left > 0 && i < chars.len() {
        i += 1;
        left -= 1;
        while i < chars.len() && crate::scan::is_mark(chars[i]) {
            i += 1;
        }
    }
    i
}

/// Matches a (possibly two-word) name list at word `i`; returns (value, words used, proclitic len).
fn match_name<T: Copy>(words: &[Word], i: usize, table: &[(&str, T)]) -> Option<(T, usize, usize)> {
    let (first, pl) = strip1(&words[i].norm);
    let mut best: Option<(T, usize, usize)> = None;
    for &(name, v) in table {
        let mut parts = name.split(' ');
        let head = parts.next().unwrap_or_default();
        let tail: Vec<&str> = parts.collect();
        let head_ok = words[i].norm == head || first == head;
        if !head_ok {
            continue;
        }
        let ok = tail
            .iter()
            .enumerate()
            .all(|(k, t)| words.get(i + 1 + k).is_some_and(|w| w.norm == *t));
        if ok && best.map_or(true, |b| b.1 < 1 + tail.len()) {
            let p = if words[i].norm == head { 0 } else { pl };
            best = Some((v, 1 + tail.len(), p));
        }
    }
    best
}

fn month_at(words: &[Word], i: usize) -> Option<(u32, usize, usize, bool, bool)> {
    let g: Vec<(&str, (u32, bool))> = GREGORIAN.iter().map(|&(n, m, a)| (n, (m, a))).collect();
    if let Some(((m, amb), n, p)) = match_name(words, i, &g) {
        return Some((m, n, p, amb, false));
    }
    match_name(words, i, HIJRI).map(|(m, n, p)| (m, n, p, true, true))
}

fn number(chars: &[char], w: &Word) -> Option<u32> {
    if w.kind != WordKind::Digit || w.norm.len() > 4 {
        return None;
    }
    let _ = chars;
    w.norm.parse().ok()
}

/// Two words are adjacent when only spaces (or nothing) separate them.
fn adjacent(chars: &[char], a: &Word, b: &Word) -> bool {
    b.start >= a.end
        && chars[a.end..b.start]
            .iter()
            .all(|c| *c == ' ' || *c == '\u{a0}')
}

fn sep_is(chars: &[char], a: &Word, b: &Word, seps: &[char]) -> bool {
    b.start == a.end + 1 && seps.contains(&chars[a.end])
}

fn direction(words: &[Word], i: usize) -> Direction {
    match words.get(i).map(|w| w.norm.as_str()) {
        Some("الماضي" | "الماضيه" | "المنصرم" | "المنصرمه" | "السابق") => {
            Direction::Past
        }
        Some("المقبل" | "المقبله" | "القادم" | "القادمه") => {
            Direction::Next
        }
        _ => Direction::None,
    }
}

/// The reference day (days since epoch) and its parts, from the ISO publication date.
pub(crate) struct Reference {
    days: i64,
    year: i32,
    month: u32,
}

impl Reference {
    pub(crate) fn parse(published: Option<&str>) -> Option<Self> {
        let (y, m, d) = crate::calendar::parse_iso(published?)?;
        Some(Self {
            days: days_from_civil(y, m, d),
            year: y,
            month: m,
        })
    }
}

fn fmt_days(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    PartialDate::full(y, m, d).iso()
}

/// Finds every date mention in document order.
pub(crate) fn find(
    chars: &[char],
    words: &[Word],
    reference: Option<&Reference>,
) -> Vec<DateMention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some((start, end, value, used)) = date_at(chars, words, i, reference) {
            let text: String = chars[start..end].iter().collect();
            out.push(DateMention {
                text,
                start,
                end,
                value,
            });
            i = used;
        } else {
            i += 1;
        }
    }
    out
}

/// Tries every pattern at word `i`; returns (start, end, value, next word index).
fn date_at(
    chars: &[char],
    words: &[Word],
    i: usize,
    r: Option<&Reference>,
) -> Option<(usize, usize, String, usize)> {
    let w = &words[i];
    // Numeric dates: 12/10/2016, 2016-10-12, 12-10-2016, and seasons 2025-2026.
    if w.kind == WordKind::Digit {
        if let Some(found) = numeric(chars, words, i) {
            return Some(found);
        }
        // A day number followed by a month name.
        if let (Some(day), Some(next)) = (number(chars, w), words.get(i + 1)) {
            if (1..=31).contains(&day) && adjacent(chars, w, next) {
                if let Some(found) = month_phrase(chars, words, i + 1, Some((day, w.start)), r) {
                    return Some(found);
                }
            }
        }
        return None;
    }
    if let Some(found) = month_phrase(chars, words, i, None, r) {
        return Some(found);
    }
    let (base, pl) = strip1(&w.norm);
    // «مساء الأحد», «اليوم الثلاثاء», «مساء أمس».
    let part = DAY_PARTS.contains(&w.norm.as_str()) || DAY_PARTS.contains(&base);
    let (wi, part_start) = if part && i + 1 < words.len() && adjacent(chars, w, &words[i + 1]) {
        (
            i + 1,
            Some(skip_letters(
                chars,
                w.start,
                if DAY_PARTS.contains(&w.norm.as_str()) {
                    0
                } else {
                    pl
                },
            )),
        )
    } else {
        (i, None)
    };
    let ww = &words[wi];
    let (wbase, wpl) = strip1(&ww.norm);
    if let Some(&(_, wd)) = WEEKDAYS.iter().find(|(n, _)| ww.norm == *n || wbase == *n) {
        let start = part_start.unwrap_or_else(|| {
            skip_letters(chars, ww.start, if ww.norm == wbase { 0 } else { wpl })
        });
        let mut end = ww.end;
        let mut next = wi + 1;
        let dir = direction(words, next);
        if dir != Direction::None {
            end = words[next].end;
            next += 1;
        }
        // «الخميس 2 نوفمبر 2023»: the weekday and the date form one mention with the date's value.
        if let (Some(dw), Some(_)) = (words.get(next), words.get(next + 1)) {
            if let Some(day) = number(chars, dw).filter(|d| (1..=31).contains(d)) {
                if adjacent(chars, &words[next - 1], dw)
                    || chars[words[next - 1].end..dw.start]
                        .iter()
                        .all(|c| matches!(c, ' ' | '،' | ','))
                {
                    if let Some((_, dend, dvalue, used)) =
                        month_phrase(chars, words, next + 1, Some((day, dw.start)), r)
                    {
                        return Some((start, dend, dvalue, used));
                    }
                }
            }
        }
        let today = part_start.is_some() && matches!(words[i].norm.as_str(), "اليوم");
        let value = r.map_or_else(
            || String::from("----"),
            |r| {
                let cur = weekday(r.days);
                let back = (7 + cur - wd) % 7;
                let days = match dir {
                    Direction::Past => r.days - if back == 0 { 7 } else { i64::from(back) },
                    Direction::Next => {
                        r.days
                            + i64::from(if (wd + 7 - cur) % 7 == 0 {
                                7
                            } else {
                                (wd + 7 - cur) % 7
                            })
                    }
                    Direction::None if today => r.days,
                    Direction::None => r.days - i64::from(back),
                };
                fmt_days(days)
            },
        );
        return Some((start, end, value, next));
    }
    let rel = match (ww.norm.as_str(), wbase) {
        ("امس", _) | (_, "امس") => Some(-1),
        ("اليوم", _) if part_start.is_none() => Some(0),
        ("غدا", _) | (_, "غدا") => Some(1),
        _ => None,
    };
    if let Some(mut delta) = rel {
        let mut start = part_start.unwrap_or_else(|| {
            skip_letters(chars, ww.start, if ww.norm == wbase { 0 } else { wpl })
        });
        if wi > 0
            && words[wi - 1].norm == "اول"
            && delta == -1
            && part_start.is_none()
            && adjacent(chars, &words[wi - 1], ww)
        {
            start = words[wi - 1].start;
            delta = -2;
        }
        let value = r.map_or_else(|| String::from("----"), |r| fmt_days(r.days + delta));
        return Some((start, ww.end, value, wi + 1));
    }
    // «الأسبوع الماضي», «الشهر المقبل», «العام الماضي».
    let unit = match base {
        "الاسبوع" => Some(7),
        "الشهر" => Some(30),
        "العام" | "السنه" => Some(365),
        _ => None,
    };
    if let (Some(unit), Some(next)) = (unit, words.get(i + 1)) {
        let dir = direction(words, i + 1);
        if dir != Direction::None && adjacent(chars, w, next) {
            let start = skip_letters(chars, w.start, pl);
            let sign = if dir == Direction::Past { -1 } else { 1 };
            let value = r.map_or_else(
                || String::from("----"),
                |r| match unit {
                    7 => iso_week(r.days + 7 * sign),
                    30 => {
                        let m0 = i64::from(r.year) * 12 + i64::from(r.month) - 1 + sign;
                        PartialDate {
                            year: Some(m0.div_euclid(12) as i32),
                            month: Some(m0.rem_euclid(12) as u32 + 1),
                            day: None,
                        }
                        .iso()
                    }
                    _ => format!("{:04}", i64::from(r.year) + sign),
                },
            );
            return Some((start, next.end, value, i + 2));
        }
    }
    // «عام 2016», «العام 2019م».
    if YEAR_INTRO.contains(&w.norm.as_str()) {
        if let Some(next) = words.get(i + 1) {
            if let Some((year, end, used)) = year_at(chars, words, i + 1) {
                if adjacent(chars, w, next) {
                    let start = skip_letters(
                        chars,
                        w.start,
                        usize::from(w.norm.starts_with(['ل', 'ب', 'و'])),
                    );
                    return Some((start, end, year, used));
                }
            }
        }
    }
    if YEAR_PREP.contains(&w.norm.as_str()) {
        if let Some(next) = words.get(i + 1) {
            if adjacent(chars, w, next) {
                if let Some((year, end, used)) = year_at(chars, words, i + 1) {
                    return Some((next.start, end, year, used));
                }
            }
        }
    }
    None
}

/// A four-digit year (1900–2100 Gregorian, or 1300–1500 followed by هـ) with its era suffix.
fn year_at(chars: &[char], words: &[Word], i: usize) -> Option<(String, usize, usize)> {
    let w = words.get(i)?;
    if w.kind != WordKind::Digit || w.norm.len() != 4 {
        return None;
    }
    let y: i32 = w.norm.parse().ok()?;
    let suffix = words
        .get(i + 1)
        .filter(|s| s.start == w.end || adjacent(chars, w, s));
    match suffix.map(|s| s.norm.as_str()) {
        Some("م") if (1900..=2100).contains(&y) => Some((format!("{y:04}"), suffix?.end, i + 2)),
        Some("ه" | "هـ") if (1300..=1500).contains(&y) => {
            Some((String::from("----"), suffix?.end, i + 2))
        }
        _ if (1900..=2100).contains(&y) => Some((format!("{y:04}"), w.end, i + 1)),
        _ => None,
    }
}

fn numeric(chars: &[char], words: &[Word], i: usize) -> Option<(usize, usize, String, usize)> {
    let a = &words[i];
    let b = words.get(i + 1)?;
    let seps = ['/', '-', '.'];
    if !sep_is(chars, a, b, &seps) || b.kind != WordKind::Digit {
        return None;
    }
    let sep1 = chars[a.end];
    let (na, nb): (u32, u32) = (a.norm.parse().ok()?, b.norm.parse().ok()?);
    if let Some(c) = words
        .get(i + 2)
        .filter(|c| c.kind == WordKind::Digit && sep_is(chars, b, c, &[sep1]))
    {
        let nc: u32 = c.norm.parse().ok()?;
        let (y, m, d) = if a.norm.len() == 4 {
            (na, nb, nc)
        } else if c.norm.len() == 4 {
            (nc, nb, na)
        } else {
            return None;
        };
        if (1..=12).contains(&m)
            && (1..=31).contains(&d)
            && (1900..=2100).contains(&y)
            && sep1 != '.'
        {
            return Some((
                a.start,
                c.end,
                PartialDate::full(y as i32, m, d).iso(),
                i + 3,
            ));
        }
        return None;
    }
    // Seasons and year ranges: 2025-2026, 2025/2026.
    if a.norm.len() == 4
        && b.norm.len() == 4
        && nb == na + 1
        && (1900..=2100).contains(&na)
        && sep1 != '.'
    {
        return Some((a.start, b.end, format!("{na:04}/{nb:04}"), i + 2));
    }
    None
}

/// A month name at word `mi` with an optional day before it, an optional alternate month name
/// after a slash («إبريل/ نيسان»), an optional year and a direction word.
fn month_phrase(
    chars: &[char],
    words: &[Word],
    mi: usize,
    day: Option<(u32, usize)>,
    r: Option<&Reference>,
) -> Option<(usize, usize, String, usize)> {
    let (month, n, pl, ambiguous, hijri) = month_at(words, mi)?;
    let mw = &words[mi];
    let mut next = mi + n;
    let mut end = words[next - 1].end;
    // «إبريل/ نيسان»: a second name for the same month.
    if let Some(alt) = words.get(next) {
        let between: String = chars[end..alt.start].iter().collect();
        // «إبريل/ نيسان» and «مارس (آذار)».
        let sep = between.trim();
        if sep == "/" || sep == "(" {
            if let Some((m2, n2, _, _, _)) = month_at(words, next) {
                let alt_end = words[next + n2 - 1].end;
                let closed = sep == "/" || chars.get(alt_end) == Some(&')');
                if m2 == month && closed {
                    end = alt_end + usize::from(sep == "(");
                    next += n2;
                }
            }
        }
    }
    let mut year = None;
    let mut year_text_end = None;
    if let Some(yw) = words.get(next) {
        if adjacent(chars, &words[next - 1], yw) {
            if let Some((_, yend, used)) = year_at(chars, words, next) {
                year = yw.norm.parse::<i32>().ok();
                year_text_end = Some((yend, used));
            } else if hijri && yw.kind == WordKind::Digit {
                year = yw.norm.parse::<i32>().ok();
                let used = if words.get(next + 1).is_some_and(|s| s.norm == "ه") {
                    next + 2
                } else {
                    next + 1
                };
                year_text_end = Some((words[used - 1].end, used));
            }
        }
    }
    if let Some((yend, used)) = year_text_end {
        end = yend;
        next = used;
    }
    let dir = direction(words, next);
    if dir != Direction::None && year.is_none() {
        end = words[next].end;
        next += 1;
    }
    if ambiguous && day.is_none() && year.is_none() {
        return None;
    }
    let start = day.map_or_else(|| skip_letters(chars, mw.start, pl), |(_, s)| s);
    let d = day.map(|(d, _)| d);
    let value = if hijri {
        match (year, d) {
            (Some(y), Some(d)) => fmt_days(days_from_hijri(y, month, d)),
            _ => String::from("----"),
        }
    } else {
        let year = year.or_else(|| {
            r.map(|r| {
                let later = (month, d.unwrap_or(1)) > (r.month, civil_from_days(r.days).2);
                match dir {
                    Direction::Next => r.year + i32::from(!later),
                    _ => r.year - i32::from(later),
                }
            })
        });
        PartialDate {
            year,
            month: Some(month),
            day: d,
        }
        .iso()
    };
    Some((start, end, value, next))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::scan;

    fn dates(text: &str, published: Option<&str>) -> Vec<(String, String)> {
        let chars: Vec<char> = text.chars().collect();
        let words = scan(&chars);
        let r = Reference::parse(published);
        find(&chars, &words, r.as_ref())
            .into_iter()
            .map(|d| (d.text, d.value))
            .collect()
    }

    #[test]
    fn month_day_without_year() {
        assert_eq!(
            dates("نشرت في 24 فبراير، ثم", None),
            vec![("24 فبراير".into(), "--02-24".into())]
        );
    }

    #[test]
    fn double_month_names_and_direction() {
        let got = dates("منذ 4 إبريل/ نيسان الماضي، هجوما", Some("2019-08-06"));
        assert_eq!(
            got,
            vec![("4 إبريل/ نيسان الماضي".into(), "2019-04-04".into())]
        );
    }

    #[test]
    fn glued_year_numeric_and_season() {
        assert_eq!(
            dates("بتاريخ 18 تموز2012.", None),
            vec![("18 تموز2012".into(), "2012-07-18".into())]
        );
        assert_eq!(
            dates("يوم 12/10/2016 و2016-10-13", None)[0],
            ("12/10/2016".into(), "2016-10-12".into())
        );
        assert_eq!(
            dates("للموسم الجاري 2025-2026.", None),
            vec![("2025-2026".into(), "2025/2026".into())]
        );
        assert!(dates("بنتيجة 2-0 في الدقيقة 47", None).is_empty());
    }

    #[test]
    fn weekdays_and_relative_days() {
        let got = dates(
            "اليوم الثلاثاء، وضرب مساء الأحد، وقتل أمس",
            Some("2019-12-31"),
        );
        assert_eq!(got[0], ("اليوم الثلاثاء".into(), "2019-12-31".into()));
        assert_eq!(got[1], ("مساء الأحد".into(), "2019-12-29".into()));
        assert_eq!(got[2], ("أمس".into(), "2019-12-30".into()));
        assert_eq!(
            dates("والأربعاء جددت", None),
            vec![("الأربعاء".into(), "----".into())]
        );
        assert_eq!(
            dates("يوم الخميس 2 نوفمبر 2023،", None),
            vec![("يوم الخميس 2 نوفمبر 2023".into(), "2023-11-02".into())]
        );
    }

    #[test]
    fn years_and_hijri() {
        assert_eq!(
            dates("في عام 2024م.", None),
            vec![("عام 2024م".into(), "2024".into())]
        );
        assert_eq!(
            dates("في 1 رمضان 1440هـ", None),
            vec![("1 رمضان 1440هـ".into(), "2019-05-06".into())]
        );
        assert!(dates("صام رمضان", None).is_empty());
        assert_eq!(dates("الأسبوع الماضي", Some("2017-02-20"))[0].1, "2017-W07");
    }
}
