//! Date mentions: Gregorian months (Egyptian, Maghrebi and Levantine names), Hijri months,
//! weekdays, numeric dates, years and relative expressions, resolved against the publication
//! date. The names are data (`lexicons/months.tsv`, `weekdays.tsv`, `relative_days.tsv` …).

use std::sync::OnceLock;

use isnad_doc::is_mark;

use crate::calendar::{
    civil_from_days, days_from_civil, days_from_hijri, iso_week, weekday, PartialDate,
};
use crate::scan::{Word, WordKind};
use crate::words::{self, bad_field, field};
use crate::DateMention;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    None,
    Past,
    Next,
}

/// A date mention found at some word, before it becomes a [`DateMention`].
struct Span {
    start: usize,
    end: usize,
    value: String,
    /// The word after the mention, where the search goes on.
    next: usize,
}

/// One month name of `lexicons/months.tsv`: its folded words and what it means.
struct MonthName {
    head: String,
    tail: Vec<String>,
    number: u32,
    hijri: bool,
    /// The name is also a word or a personal name («مارس», «آب», Hijri months): it needs an
    /// adjacent number.
    ambiguous: bool,
}

/// A month name matched at a word.
#[derive(Clone, Copy)]
struct MonthMatch {
    number: u32,
    /// Words the name takes.
    words: usize,
    /// Letters of the proclitic before it («وتموز»).
    proclitic: usize,
    ambiguous: bool,
    hijri: bool,
}

fn month_names() -> &'static [MonthName] {
    static NAMES: OnceLock<Vec<MonthName>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let list = words::months();
        list.entries()
            .iter()
            .map(|e| {
                let mut parts = e.key.split(' ').map(str::to_string);
                MonthName {
                    head: parts.next().unwrap_or_default(),
                    tail: parts.collect(),
                    number: e
                        .field(0)
                        .and_then(|n| n.parse().ok())
                        .unwrap_or_else(|| bad_field(list, &e.text, "month number")),
                    hijri: match e.field(1) {
                        Some("hijri") => true,
                        Some("gregorian") => false,
                        _ => bad_field(list, &e.text, "calendar"),
                    },
                    ambiguous: e.field(2) == Some("ambiguous"),
                }
            })
            .collect()
    })
}

/// Strips one conjunction/preposition proclitic (و ف ب ل) and returns (rest, letters stripped).
fn strip1(w: &str) -> (&str, usize) {
    for p in words::date_proclitics().keys() {
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
        while i < chars.len() && is_mark(chars[i]) {
            i += 1;
        }
    }
    i
}

/// The longest month name of one calendar at word `i` (the first listed among equals).
fn match_month(words: &[Word], i: usize, hijri: bool) -> Option<MonthMatch> {
    let (first, pl) = strip1(&words[i].norm);
    let mut best: Option<MonthMatch> = None;
    for name in month_names().iter().filter(|n| n.hijri == hijri) {
        let head_ok = words[i].norm == name.head || first == name.head;
        if !head_ok {
            continue;
        }
        let ok = name
            .tail
            .iter()
            .enumerate()
            .all(|(k, t)| words.get(i + 1 + k).is_some_and(|w| w.norm == *t));
        if ok && best.map_or(true, |b| b.words < 1 + name.tail.len()) {
            best = Some(MonthMatch {
                number: name.number,
                words: 1 + name.tail.len(),
                proclitic: if words[i].norm == name.head { 0 } else { pl },
                ambiguous: name.ambiguous,
                hijri,
            });
        }
    }
    best
}

fn month_at(words: &[Word], i: usize) -> Option<MonthMatch> {
    match_month(words, i, false).or_else(|| match_month(words, i, true))
}

fn number(w: &Word) -> Option<u32> {
    if w.kind != WordKind::Digit || w.norm.len() > 4 {
        return None;
    }
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

/// «الماضي», «المقبل» at word `i`.
fn direction(words: &[Word], i: usize) -> Direction {
    let Some(w) = words.get(i) else {
        return Direction::None;
    };
    match field(words::date_directions(), &w.norm, 0) {
        Some("past") => Direction::Past,
        Some("next") => Direction::Next,
        _ => Direction::None,
    }
}

/// The day offset a relative-day word names («أمس» −1, «اليوم» 0, «غدا» 1).
fn relative_day(norm: &str) -> Option<i64> {
    field(words::relative_days(), norm, 0).and_then(|d| d.parse().ok())
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
        if let Some(span) = date_at(chars, words, i, reference) {
            out.push(DateMention {
                text: chars[span.start..span.end].iter().collect(),
                start: span.start,
                end: span.end,
                value: span.value,
            });
            i = span.next;
        } else {
            i += 1;
        }
    }
    out
}

/// Tries every pattern at word `i`.
fn date_at(chars: &[char], words: &[Word], i: usize, r: Option<&Reference>) -> Option<Span> {
    if words[i].kind == WordKind::Digit {
        return numeric(chars, words, i).or_else(|| day_then_month(chars, words, i, r));
    }
    month_phrase(chars, words, i, None, r)
        .or_else(|| day_at(chars, words, i, r))
        .or_else(|| relative_unit(chars, words, i, r))
        .or_else(|| bare_year(chars, words, i))
}

/// A day number followed by a month name («24 فبراير»).
fn day_then_month(chars: &[char], words: &[Word], i: usize, r: Option<&Reference>) -> Option<Span> {
    let w = &words[i];
    let day = number(w)?;
    let next = words.get(i + 1)?;
    if (1..=31).contains(&day) && adjacent(chars, w, next) {
        month_phrase(chars, words, i + 1, Some((day, w.start)), r)
    } else {
        None
    }
}

/// A weekday or a relative day, with the part of the day before it inside the mention
/// («مساء الأحد», «اليوم الثلاثاء», «مساء أمس»).
fn day_at(chars: &[char], words: &[Word], i: usize, r: Option<&Reference>) -> Option<Span> {
    let w = &words[i];
    let (base, pl) = strip1(&w.norm);
    let parts = words::day_parts();
    let part = parts.contains(&w.norm) || parts.contains(base);
    let (wi, part_start) = if part && i + 1 < words.len() && adjacent(chars, w, &words[i + 1]) {
        let skip = if parts.contains(&w.norm) { 0 } else { pl };
        (i + 1, Some(skip_letters(chars, w.start, skip)))
    } else {
        (i, None)
    };
    weekday_at(chars, words, i, wi, part_start, r)
        .or_else(|| relative_day_at(chars, words, wi, part_start, r))
}

/// The weekday at word `wi` (after the day part at `i`, if any), with its direction word, or
/// joined to a full date after it («الخميس 2 نوفمبر 2023»).
fn weekday_at(
    chars: &[char],
    words: &[Word],
    i: usize,
    wi: usize,
    part_start: Option<usize>,
    r: Option<&Reference>,
) -> Option<Span> {
    let ww = &words[wi];
    let (wbase, wpl) = strip1(&ww.norm);
    let days = words::weekdays();
    let entry = days.get(&ww.norm).or_else(|| days.get(wbase))?;
    let wd: u32 = entry
        .field(0)
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| bad_field(days, &entry.text, "weekday number"));
    let start = part_start
        .unwrap_or_else(|| skip_letters(chars, ww.start, if ww.norm == wbase { 0 } else { wpl }));
    let mut end = ww.end;
    let mut next = wi + 1;
    let dir = direction(words, next);
    if dir != Direction::None {
        end = words[next].end;
        next += 1;
    }
    // «الخميس 2 نوفمبر 2023»: the weekday and the date form one mention with the date's value.
    if let (Some(dw), Some(_)) = (words.get(next), words.get(next + 1)) {
        if let Some(day) = number(dw).filter(|d| (1..=31).contains(d)) {
            if adjacent(chars, &words[next - 1], dw)
                || chars[words[next - 1].end..dw.start]
                    .iter()
                    .all(|c| matches!(c, ' ' | '،' | ','))
            {
                if let Some(date) = month_phrase(chars, words, next + 1, Some((day, dw.start)), r) {
                    return Some(Span { start, ..date });
                }
            }
        }
    }
    let today = part_start.is_some() && relative_day(&words[i].norm) == Some(0);
    let value = r.map_or_else(
        || String::from("----"),
        |r| fmt_days(weekday_days(r, wd, dir, today)),
    );
    Some(Span {
        start,
        end,
        value,
        next,
    })
}

/// The day number of weekday `wd`: the last one up to the reference day, the one before it
/// («الماضي»), the next one after it («المقبل»), or the reference day itself («اليوم الثلاثاء»).
fn weekday_days(r: &Reference, wd: u32, dir: Direction, today: bool) -> i64 {
    let cur = weekday(r.days);
    let back = (7 + cur - wd) % 7;
    match dir {
        Direction::Past => r.days - if back == 0 { 7 } else { i64::from(back) },
        Direction::Next => {
            let ahead = (wd + 7 - cur) % 7;
            r.days + i64::from(if ahead == 0 { 7 } else { ahead })
        }
        Direction::None if today => r.days,
        Direction::None => r.days - i64::from(back),
    }
}

/// «أمس», «اليوم», «غدا» at word `wi`, and «أول أمس».
fn relative_day_at(
    chars: &[char],
    words: &[Word],
    wi: usize,
    part_start: Option<usize>,
    r: Option<&Reference>,
) -> Option<Span> {
    let ww = &words[wi];
    let (wbase, wpl) = strip1(&ww.norm);
    // «اليوم» counts only whole and with no day part before it; the others also behind a
    // proclitic («وأمس»).
    let mut delta = match relative_day(&ww.norm) {
        Some(0) => part_start.is_none().then_some(0),
        Some(d) => Some(d),
        None => relative_day(wbase).filter(|&d| d != 0),
    }?;
    let mut start = part_start
        .unwrap_or_else(|| skip_letters(chars, ww.start, if ww.norm == wbase { 0 } else { wpl }));
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
    Some(Span {
        start,
        end: ww.end,
        value,
        next: wi + 1,
    })
}

/// «الأسبوع الماضي», «الشهر المقبل», «العام الماضي».
fn relative_unit(chars: &[char], words: &[Word], i: usize, r: Option<&Reference>) -> Option<Span> {
    let w = &words[i];
    let (base, pl) = strip1(&w.norm);
    let unit: u32 = field(words::date_units(), base, 0).and_then(|u| u.parse().ok())?;
    let next = words.get(i + 1)?;
    let dir = direction(words, i + 1);
    if dir == Direction::None || !adjacent(chars, w, next) {
        return None;
    }
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
    Some(Span {
        start: skip_letters(chars, w.start, pl),
        end: next.end,
        value,
        next: i + 2,
    })
}

/// A bare year after a word that introduces it: inside the mention («عام 2016», «العام
/// 2019م») or outside it («منذ 2014»).
fn bare_year(chars: &[char], words: &[Word], i: usize) -> Option<Span> {
    let w = &words[i];
    if words::year_intros().contains(&w.norm) {
        if let Some(next) = words.get(i + 1) {
            if let Some(year) = year_at(chars, words, i + 1) {
                if adjacent(chars, w, next) {
                    let skip = usize::from(w.norm.starts_with(['ل', 'ب', 'و']));
                    return Some(Span {
                        start: skip_letters(chars, w.start, skip),
                        ..year
                    });
                }
            }
        }
    }
    if words::year_prepositions().contains(&w.norm) {
        if let Some(next) = words.get(i + 1) {
            if adjacent(chars, w, next) {
                if let Some(year) = year_at(chars, words, i + 1) {
                    return Some(Span {
                        start: next.start,
                        ..year
                    });
                }
            }
        }
    }
    None
}

/// A four-digit year (1900–2100 Gregorian, or 1300–1500 followed by هـ) with its era suffix;
/// its `start` is the year's own.
fn year_at(chars: &[char], words: &[Word], i: usize) -> Option<Span> {
    let w = words.get(i)?;
    if w.kind != WordKind::Digit || w.norm.len() != 4 {
        return None;
    }
    let y: i32 = w.norm.parse().ok()?;
    let suffix = words
        .get(i + 1)
        .filter(|s| s.start == w.end || adjacent(chars, w, s));
    let gregorian = (1900..=2100).contains(&y);
    let era = suffix.and_then(|s| field(words::year_eras(), &s.norm, 0));
    let (value, end, next) = match (era, suffix) {
        (Some("gregorian"), Some(s)) if gregorian => (format!("{y:04}"), s.end, i + 2),
        (Some("hijri"), Some(s)) if (1300..=1500).contains(&y) => {
            (String::from("----"), s.end, i + 2)
        }
        _ if gregorian => (format!("{y:04}"), w.end, i + 1),
        _ => return None,
    };
    Some(Span {
        start: w.start,
        end,
        value,
        next,
    })
}

/// Numeric dates: 12/10/2016, 2016-10-12, 12-10-2016, and seasons 2025-2026.
fn numeric(chars: &[char], words: &[Word], i: usize) -> Option<Span> {
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
            return Some(Span {
                start: a.start,
                end: c.end,
                value: PartialDate::full(y as i32, m, d).iso(),
                next: i + 3,
            });
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
        return Some(Span {
            start: a.start,
            end: b.end,
            value: format!("{na:04}/{nb:04}"),
            next: i + 2,
        });
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
) -> Option<Span> {
    let month = month_at(words, mi)?;
    let mut next = mi + month.words;
    let mut end = words[next - 1].end;
    if let Some((alt_end, alt_next)) = alternate_name(chars, words, next, end, month.number) {
        end = alt_end;
        next = alt_next;
    }
    let mut year = None;
    if let Some(y) = year_after(chars, words, next, month.hijri) {
        year = y.year;
        end = y.end;
        next = y.next;
    }
    let dir = direction(words, next);
    if dir != Direction::None && year.is_none() {
        end = words[next].end;
        next += 1;
    }
    if month.ambiguous && day.is_none() && year.is_none() {
        return None;
    }
    let start = day.map_or_else(
        || skip_letters(chars, words[mi].start, month.proclitic),
        |(_, s)| s,
    );
    let value = month_value(month, year, day.map(|(d, _)| d), dir, r);
    Some(Span {
        start,
        end,
        value,
        next,
    })
}

/// «إبريل/ نيسان», «مارس (آذار)»: a second name for the same month at word `next`, right after
/// the first name (which ends at `end`). Returns the new end and next word.
fn alternate_name(
    chars: &[char],
    words: &[Word],
    next: usize,
    end: usize,
    month: u32,
) -> Option<(usize, usize)> {
    let alt = words.get(next)?;
    let between: String = chars[end..alt.start].iter().collect();
    let sep = between.trim();
    if sep != "/" && sep != "(" {
        return None;
    }
    let second = month_at(words, next)?;
    let alt_end = words[next + second.words - 1].end;
    let closed = sep == "/" || chars.get(alt_end) == Some(&')');
    (second.number == month && closed)
        .then(|| (alt_end + usize::from(sep == "("), next + second.words))
}

/// The year written after a month name.
struct YearAfter {
    /// Its number (`None` when the digits do not parse).
    year: Option<i32>,
    end: usize,
    next: usize,
}

/// The year at word `next`, adjacent to the month name: a Gregorian year, or after a Hijri
/// month any number with an optional «هـ».
fn year_after(chars: &[char], words: &[Word], next: usize, hijri: bool) -> Option<YearAfter> {
    let yw = words.get(next)?;
    if !adjacent(chars, &words[next - 1], yw) {
        return None;
    }
    if let Some(y) = year_at(chars, words, next) {
        return Some(YearAfter {
            year: yw.norm.parse().ok(),
            end: y.end,
            next: y.next,
        });
    }
    if !hijri || yw.kind != WordKind::Digit {
        return None;
    }
    let era = words
        .get(next + 1)
        .and_then(|s| field(words::year_eras(), &s.norm, 0));
    let used = if era == Some("hijri") {
        next + 2
    } else {
        next + 1
    };
    Some(YearAfter {
        year: yw.norm.parse().ok(),
        end: words[used - 1].end,
        next: used,
    })
}

/// The ISO value of a month mention: a converted Hijri date when day and year are known; a
/// Gregorian month with the year written, or else the one the publication date implies (the
/// last such month up to it, or the next one after «المقبل»).
fn month_value(
    month: MonthMatch,
    year: Option<i32>,
    d: Option<u32>,
    dir: Direction,
    r: Option<&Reference>,
) -> String {
    if month.hijri {
        return match (year, d) {
            (Some(y), Some(d)) => fmt_days(days_from_hijri(y, month.number, d)),
            _ => String::from("----"),
        };
    }
    let year = year.or_else(|| {
        r.map(|r| {
            let later = (month.number, d.unwrap_or(1)) > (r.month, civil_from_days(r.days).2);
            match dir {
                Direction::Next => r.year + i32::from(!later),
                _ => r.year - i32::from(later),
            }
        })
    });
    PartialDate {
        year,
        month: Some(month.number),
        day: d,
    }
    .iso()
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
