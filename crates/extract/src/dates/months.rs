//! Month mentions: a month name with what may come with it: «شهر» before it, a day before it
//! (digits, or an ordinal with «من»: «السابع من يونيو»), a second name for the same month
//! («إبريل/ نيسان», «يوليو تموز», «(آب)»), further months in a coordination («سبتمبر أو
//! أكتوبر»), a year («من العام 2014»), and a direction («الماضي»). Also a day of a relative month
//! («17 من الشهر الحالي»).

use std::sync::OnceLock;

use super::{
    adjacent, between, direction, fmt_days, in_list, number, relative, skip_letters, strip1,
    Direction, Reference, Span,
};
use crate::calendar::{civil_from_days, days_from_hijri, PartialDate};
use crate::scan::{Word, WordKind};
use crate::words::{self, bad_field, field};

/// One month name of `lexicons/months.tsv`: its folded words and what it means.
struct MonthName {
    head: String,
    tail: Vec<String>,
    number: u32,
    hijri: bool,
    /// The name is also a word or a personal name («مارس», «آب», Hijri months): it needs an
    /// adjacent number, «شهر», a second name or a direction word.
    ambiguous: bool,
}

/// A month name matched at a word.
#[derive(Clone, Copy)]
pub(super) struct MonthMatch {
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

pub(super) fn month_at(words: &[Word], i: usize) -> Option<MonthMatch> {
    match_month(words, i, false).or_else(|| match_month(words, i, true))
}

/// The longest multi-word entry of `list` at word `i` (keys with single spaces): its field 0 and
/// the number of words it takes.
pub(super) fn phrase_at<'l>(
    list: &'l isnad_doc::Lexicon,
    words: &[Word],
    i: usize,
) -> Option<(Option<&'l str>, usize)> {
    let first = words.get(i)?;
    let bare = strip1(&first.norm).0;
    let mut best: Option<(Option<&str>, usize)> = None;
    for e in list.entries() {
        // The first word decides for almost every entry: test it before the rest.
        let mut parts = e.key.split(' ');
        let Some(head) = parts.next() else {
            continue;
        };
        if first.norm != head && bare != head {
            continue;
        }
        let mut n = 1;
        let ok = parts.enumerate().all(|(k, part)| {
            n += 1;
            words.get(i + 1 + k).is_some_and(|w| w.norm == part)
        });
        if ok && best.map_or(true, |(_, m)| m < n) {
            best = Some((e.field(0), n));
        }
    }
    best
}

/// A day before a month: «24 فبراير», «17 من أغسطس», «السابع من يونيو», «أول أكتوبر», «27 و28
/// أكتوبر», or a day of a relative month («الأول من الشهر الحالي»).
pub(super) fn day_month(
    chars: &[char],
    words: &[Word],
    i: usize,
    r: Option<&Reference>,
) -> Option<Span> {
    let w = &words[i];
    let (day, mut k) = if w.kind == WordKind::Digit {
        (number(w).filter(|d| (1..=31).contains(d))?, i + 1)
    } else {
        let (d, n) = phrase_at(words::day_ordinals(), words, i)?;
        (d.and_then(|d| d.parse().ok())?, i + n)
    };
    let start = if w.kind == WordKind::Digit {
        w.start
    } else {
        skip_letters(
            chars,
            w.start,
            strip1(&w.norm).1.min(usize::from(w.norm.starts_with('و'))),
        )
    };
    // «27 و28 أكتوبر»: a second day joins the mention; the value is the first day's.
    if words.get(k).is_some_and(|x| x.norm == "و")
        && words
            .get(k + 1)
            .and_then(number)
            .is_some_and(|d| (1..=31).contains(&d))
    {
        k += 2;
    }
    let prev = &words[k.checked_sub(1)?];
    let m = if words.get(k).is_some_and(|x| x.norm == "من") {
        k + 1
    } else {
        // An ordinal needs «من» unless a month name follows it directly («أول أكتوبر»).
        if !adjacent(chars, prev, words.get(k)?) {
            return None;
        }
        k
    };
    if let Some(span) = month_phrase(chars, words, m, Some((day, start)), r) {
        return Some(span);
    }
    if m == k {
        return None;
    }
    // «17 من الشهر الحالي»: the day of the month the unit names.
    let unit = relative::relative_unit(chars, words, m, r, false)?;
    let month = unit
        .value
        .get(..7)
        .filter(|v| v.len() == 7 && !v.contains('W'))?;
    Some(Span::new(
        start,
        unit.end,
        format!("{month}-{day:02}"),
        unit.next,
    ))
}

/// A month name at word `mi` (after «شهر» at `mi`, if any) with an optional day before it, a
/// second name, coordinated months, a year and a direction word.
pub(super) fn month_phrase(
    chars: &[char],
    words: &[Word],
    mi: usize,
    day: Option<(u32, usize)>,
    r: Option<&Reference>,
) -> Option<Span> {
    let (head, mi) = match in_list(words::month_heads(), &words[mi]) {
        Some(pl)
            if words
                .get(mi + 1)
                .is_some_and(|n| adjacent(chars, &words[mi], n)) =>
        {
            (Some(skip_letters(chars, words[mi].start, pl)), mi + 1)
        }
        _ => (None, mi),
    };
    let month = month_at(words, mi)?;
    let mut next = mi + month.words;
    let mut end = words[next - 1].end;
    let mut named_twice = false;
    while let Some((alt_end, alt_next)) = alternate_name(chars, words, next, end, month.number) {
        end = alt_end;
        next = alt_next;
        named_twice = true;
    }
    while let Some((c_end, c_next)) = coordinated(chars, words, next) {
        end = c_end;
        next = c_next;
    }
    let mut year = None;
    let mut dir = Direction::None;
    if let Some(y) = year_after(chars, words, next, month.hijri) {
        year = y.year;
        end = y.end;
        next = y.next;
    } else if let Some((y, y_end, y_next)) = year_of(chars, words, next, r) {
        year = y;
        end = y_end;
        next = y_next;
    } else {
        dir = direction(words, next);
        if matches!(dir, Direction::Past | Direction::Next | Direction::Current) {
            end = words[next].end;
            next += 1;
        }
    }
    let certain =
        day.is_some() || year.is_some() || head.is_some() || named_twice || dir != Direction::None;
    if month.ambiguous && !certain {
        return None;
    }
    let start = day
        .map(|(_, s)| s)
        .or(head)
        .unwrap_or_else(|| skip_letters(chars, words[mi].start, month.proclitic));
    let value = month_value(month, year, day.map(|(d, _)| d), dir, r);
    Some(Span::new(start, end, value, next))
}

/// «إبريل/ نيسان», «مارس (آذار)», «يوليو تموز», «نيسان - إبريل»: a second name for the same
/// month at word `next`, right after the first name (which ends at `end`). Returns the new end
/// and next word.
fn alternate_name(
    chars: &[char],
    words: &[Word],
    next: usize,
    end: usize,
    month: u32,
) -> Option<(usize, usize)> {
    let alt = words.get(next)?;
    let gap: String = chars[end..alt.start].iter().collect();
    let sep = gap.trim();
    if !matches!(sep, "/" | "(" | "" | "-" | "–") {
        return None;
    }
    let second = month_at(words, next)?;
    if second.proclitic > 0 || second.hijri {
        return None;
    }
    let alt_end = words[next + second.words - 1].end;
    let closed = sep != "(" || chars.get(alt_end) == Some(&')');
    (second.number == month && closed)
        .then(|| (alt_end + usize::from(sep == "("), next + second.words))
}

/// «أو أكتوبر», «ويونيو»: another month coordinated with the one before word `next`, with its
/// own second name. Returns the new end and next word.
fn coordinated(chars: &[char], words: &[Word], next: usize) -> Option<(usize, usize)> {
    let w = words.get(next)?;
    let prev = &words[next.checked_sub(1)?];
    if !between(chars, prev, w, &['،', ',']) {
        return None;
    }
    let at = if w.norm == "او" { next + 1 } else { next };
    let second = match_month(words, at, false)?;
    if at == next && !w.norm.starts_with('و') {
        return None;
    }
    let mut end = words[at + second.words - 1].end;
    let mut after = at + second.words;
    while let Some((e, n)) = alternate_name(chars, words, after, end, second.number) {
        end = e;
        after = n;
    }
    Some((end, after))
}

/// «من العام 2014», «من العام الماضي» after a month: its year, end and next word.
fn year_of(
    chars: &[char],
    words: &[Word],
    next: usize,
    r: Option<&Reference>,
) -> Option<(Option<i32>, usize, usize)> {
    if words.get(next)?.norm != "من" {
        return None;
    }
    let span = relative::bare_year(chars, words, next + 1)
        .or_else(|| relative::relative_unit(chars, words, next + 1, r, false))?;
    let year = span.value.get(..4).and_then(|y| y.parse().ok())?;
    (span.value.len() == 4).then_some((Some(year), span.end, span.next))
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
    // «نوفمبر (تشرين الثاني) 2013»: the year may follow the bracketed second name.
    if !between(chars, &words[next - 1], yw, &[')']) {
        return None;
    }
    if let Some(y) = relative::year_at(chars, words, next) {
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

/// The ISO value of a month mention. Hijri: the converted day when day and year are known, else
/// the Gregorian month that holds the middle of the Hijri month (the year written, or the one
/// the publication date and the direction imply). Gregorian: the year written, else the one the
/// publication date implies: the last such month up to it («الماضي»), the next one from it on
/// («المقبل»), its own («الجاري»), or else the one in a window from nine months back to four ahead.
fn month_value(
    month: MonthMatch,
    year: Option<i32>,
    d: Option<u32>,
    dir: Direction,
    r: Option<&Reference>,
) -> String {
    if month.hijri {
        return hijri_value(month.number, year, d, dir, r);
    }
    let year = year.or_else(|| {
        r.map(|r| {
            let today = (r.month, civil_from_days(r.days).2);
            let later = (month.number, d.unwrap_or(1)) > today;
            match dir {
                Direction::Next => r.year + i32::from(month.number < r.month),
                Direction::Past => r.year - i32::from(later),
                Direction::Current => r.year,
                _ => {
                    let ahead = i64::from(month.number) - i64::from(r.month);
                    // News looks back more than ahead: up to four months ahead is this
                    // year's, more than nine behind is next year's.
                    r.year
                        + if ahead > 4 {
                            -1
                        } else if ahead < -9 {
                            1
                        } else {
                            0
                        }
                }
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

fn hijri_value(
    number: u32,
    year: Option<i32>,
    d: Option<u32>,
    dir: Direction,
    r: Option<&Reference>,
) -> String {
    let mid = |y: i32| days_from_hijri(y, number, 15);
    let year = year.or_else(|| r.map(|r| relative::hijri_year_near(r.days, dir, mid)));
    match (year, d) {
        (Some(y), Some(d)) => fmt_days(days_from_hijri(y, number, d)),
        (Some(y), None) => {
            let (gy, gm, _) = civil_from_days(mid(y));
            PartialDate {
                year: Some(gy),
                month: Some(gm),
                day: None,
            }
            .iso()
        }
        _ => String::from("----"),
    }
}
