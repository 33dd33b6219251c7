//! Periods and years: units with a direction («الأسبوع الماضي», «هذا العام», «الشهر الجاري»),
//! «قبل» with a count («قبل يومين», «قبل نحو شهرين»), Hijri feasts («عيد الفطر»), decades
//! («التسعينات»), years (introduced or alone) and numeric dates.

use super::{
    adjacent, between, direction, fmt_days, in_list, months::phrase_at, skip_letters, strip1,
    Direction, Reference, Span,
};
use crate::calendar::{civil_from_days, days_from_hijri, iso_week, PartialDate};
use crate::scan::{Word, WordKind};
use crate::words::{self, field};

/// The year and month `delta` months away from the reference, as `YYYY-MM`.
fn month_from(r: &Reference, delta: i64) -> String {
    let m0 = i64::from(r.year) * 12 + i64::from(r.month) - 1 + delta;
    PartialDate {
        year: Some(m0.div_euclid(12) as i32),
        month: Some(m0.rem_euclid(12) as u32 + 1),
        day: None,
    }
    .iso()
}

/// The value of a unit (days in it: 1, 7, 30, 365) `count` units away from the reference.
fn unit_value(r: &Reference, unit: u32, count: i64) -> String {
    match unit {
        1 => fmt_days(r.days + count),
        7 => iso_week(r.days + 7 * count),
        30 => month_from(r, count),
        _ => format!("{:04}", i64::from(r.year) + count),
    }
}

/// «الأسبوع الماضي», «الشهر المقبل», «العام الجاري», «الصيف الماضي», «هذا العام», «العام
/// نفسه»; with `open` (after a position word: «مطلع الأسبوع») the unit alone is the current one.
pub(super) fn relative_unit(
    chars: &[char],
    words: &[Word],
    i: usize,
    r: Option<&Reference>,
    open: bool,
) -> Option<Span> {
    let w = &words[i];
    let demonstrative = in_list(words::date_demonstratives(), w);
    let (ui, start) = match demonstrative {
        Some(pl) => (i + 1, skip_letters(chars, w.start, pl)),
        None => (i, skip_letters(chars, w.start, strip1(&w.norm).1)),
    };
    let uw = words.get(ui)?;
    if ui > i && !adjacent(chars, w, uw) {
        return None;
    }
    // «المدير العام السابق»: «العام» after a definite noun is the adjective «general».
    if ui == i
        && i > 0
        && words[i - 1].norm.starts_with("ال")
        && words
            .get(i + 1)
            .is_some_and(|d| d.norm.starts_with("السابق"))
    {
        return None;
    }
    let base = if ui > i {
        uw.norm.as_str()
    } else {
        strip1(&uw.norm).0
    };
    let unit: u32 = field(words::date_units(), base, 0).and_then(|u| u.parse().ok())?;
    let dir = if ui > i {
        Direction::Current
    } else {
        direction(words, ui + 1)
    };
    let (end, next, dir) = match dir {
        Direction::None if open => (uw.end, ui + 1, Direction::Current),
        Direction::None => return None,
        d if ui > i => (uw.end, ui + 1, d),
        d => {
            let dw = &words[ui + 1];
            if !adjacent(chars, uw, dw) {
                return None;
            }
            (dw.end, ui + 2, d)
        }
    };
    let count = match dir {
        Direction::Past => -1,
        Direction::Next => 1,
        _ => 0,
    };
    let value = r.map_or_else(|| String::from("----"), |r| unit_value(r, unit, count));
    Some(Span {
        start,
        end,
        value,
        next,
        same: (dir == Direction::Same).then_some(unit),
    })
}

/// «قبل يومين», «قبل أسبوع», «قبل نحو 10 أيام», «قبل أربع سنوات»: the date that far back from
/// the publication date. («منذ» with a count is a duration, not a date.)
pub(super) fn ago(chars: &[char], words: &[Word], i: usize, r: Option<&Reference>) -> Option<Span> {
    let w = &words[i];
    let (base, pl) = strip1(&w.norm);
    if w.norm != "قبل" && base != "قبل" {
        return None;
    }
    let mut k = i + 1;
    if let Some((_, n)) = phrase_at(words::approximators(), words, k) {
        k += n;
    }
    let mut count = None;
    if let Some(n) = words.get(k).and_then(super::number) {
        count = Some(i64::from(n));
        k += 1;
    } else if let Some(n) = words
        .get(k)
        .and_then(|x| field(words::number_words(), &x.norm, 0))
        .and_then(|n| n.parse().ok())
    {
        count = Some(n);
        k += 1;
    }
    let uw = words.get(k)?;
    let entry = words::ago_units().get(&uw.norm)?;
    let unit: u32 = entry.field(0).and_then(|u| u.parse().ok())?;
    let form: i64 = entry.field(1).and_then(|c| c.parse().ok())?;
    // «قبل عام 2011» is a year with a preposition, not a year back.
    if words
        .get(k + 1)
        .is_some_and(|y| y.kind == WordKind::Digit && adjacent(chars, uw, y))
    {
        return None;
    }
    // «قبل أيام», «قبل أشهر» with no count are vague, not a date the text anchors.
    let count = count.or((form > 0).then_some(form))?;
    let value = match r {
        Some(r) if unit == 7 => fmt_days(r.days - 7 * count),
        Some(r) => unit_value(r, unit, -count),
        None => String::from("----"),
    };
    Some(Span::new(
        skip_letters(chars, w.start, pl),
        uw.end,
        value,
        k + 1,
    ))
}

/// The Hijri year whose day `day_of(year)` is the one meant: the last up to the reference day
/// («الماضي»), the next after it («المقبل»), or else the nearest.
pub(super) fn hijri_year_near(reference: i64, dir: Direction, day_of: impl Fn(i32) -> i64) -> i32 {
    let (gy, _, _) = civil_from_days(reference);
    let estimate = ((i64::from(gy) - 622) * 33 / 32) as i32;
    let candidates = (estimate - 1..=estimate + 2).map(|y| (y, day_of(y)));
    let pick = match dir {
        Direction::Past => candidates
            .filter(|(_, d)| *d <= reference)
            .max_by_key(|(_, d)| *d),
        Direction::Next => candidates
            .filter(|(_, d)| *d > reference)
            .min_by_key(|(_, d)| *d),
        _ => candidates.min_by_key(|(_, d)| (d - reference).abs()),
    };
    pick.map_or(estimate, |(y, _)| y)
}

/// «عيد الفطر», «عيد الأضحى المبارك»: the feast's day in the Hijri year nearest the reference.
pub(super) fn holiday(
    chars: &[char],
    words: &[Word],
    i: usize,
    r: Option<&Reference>,
) -> Option<Span> {
    let list = words::holidays();
    let (_, n) = phrase_at(list, words, i)?;
    let key: Vec<&str> = words[i..i + n]
        .iter()
        .enumerate()
        .map(|(k, w)| {
            if k == 0 {
                strip1(&w.norm).0
            } else {
                w.norm.as_str()
            }
        })
        .collect();
    let entry = list.get(&key.join(" ")).or_else(|| {
        list.get(
            &words[i..i + n]
                .iter()
                .map(|w| w.norm.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        )
    })?;
    let month: u32 = entry.field(0).and_then(|m| m.parse().ok())?;
    let day: u32 = entry.field(1).and_then(|d| d.parse().ok())?;
    let value = r.map_or_else(
        || String::from("----"),
        |r| {
            let at = |y: i32| days_from_hijri(y, month, day);
            fmt_days(at(hijri_year_near(r.days, Direction::None, at)))
        },
    );
    let w = &words[i];
    let pl = if list.contains(&w.norm) || key[0] == w.norm {
        0
    } else {
        strip1(&w.norm).1
    };
    Some(Span::new(
        skip_letters(chars, w.start, pl),
        words[i + n - 1].end,
        value,
        i + n,
    ))
}

/// «التسعينات»: a decade of the twentieth century.
pub(super) fn decade(chars: &[char], words: &[Word], i: usize) -> Option<Span> {
    let w = &words[i];
    let pl = in_list(words::decades(), w)?;
    let key = if pl == 0 {
        w.norm.as_str()
    } else {
        strip1(&w.norm).0
    };
    let value = field(words::decades(), key, 0)?.to_string();
    Some(Span::new(
        skip_letters(chars, w.start, pl),
        w.end,
        value,
        i + 1,
    ))
}

/// A year with the word that introduces it inside the mention («عام 2016», «العام 2019م», «عام
/// ،2013», «صيف 2012»), or a preposition outside it («منذ 2014»). After an introducing word a
/// number from 1300 to 1500 is a Hijri year («عام 1423»), whose Gregorian value is unknown.
pub(super) fn bare_year(chars: &[char], words: &[Word], i: usize) -> Option<Span> {
    let w = &words[i];
    let next = words.get(i + 1)?;
    if in_list(words::year_intros(), w).is_some() && between(chars, w, next, &['،', ',']) {
        let skip = usize::from(w.norm.starts_with(['ل', 'ب', 'و']));
        let start = skip_letters(chars, w.start, skip);
        if let Some(year) = year_at(chars, words, i + 1) {
            return Some(Span { start, ..year });
        }
        let y: u32 = next
            .norm
            .parse()
            .ok()
            .filter(|_| next.kind == WordKind::Digit && next.norm.len() == 4)?;
        return (1300..=1500)
            .contains(&y)
            .then(|| Span::new(start, next.end, String::from("----"), i + 2));
    }
    if words::year_prepositions().contains(&w.norm) && adjacent(chars, w, next) {
        let year = year_at(chars, words, i + 1)?;
        return Some(Span {
            start: next.start,
            ..year
        });
    }
    None
}

/// A year written alone («مواليد 1990», «انتفاضة 2011»), unless the word before makes the
/// number a quantity or a label («أكثر من 2000», «القرار 2231») or it is part of a longer
/// number or code («2,000», «2014/2015» are read elsewhere).
pub(super) fn year_alone(chars: &[char], words: &[Word], i: usize) -> Option<Span> {
    let w = &words[i];
    let year = year_at(chars, words, i)?;
    if year.value == "----" {
        return None;
    }
    let cue = |k: usize, side: &str| {
        words.get(k).is_some_and(|x| {
            field(words::year_count_cues(), &x.norm, 0) == Some(side)
                && (adjacent(chars, w, x) || adjacent(chars, x, w))
        })
    };
    if (i > 0 && cue(i - 1, "before")) || cue(i + 1, "after") {
        return None;
    }
    let glued =
        |c: Option<&char>| c.is_some_and(|c| matches!(c, ',' | '.' | '/' | '-' | '٫' | '$' | '%'));
    let before = w.start.checked_sub(1).and_then(|k| chars.get(k));
    let after_next = chars.get(w.end + 1).is_some_and(|c| c.is_ascii_digit());
    if glued(before) || (glued(chars.get(w.end)) && after_next) {
        return None;
    }
    Some(year)
}

/// A four-digit year (1900–2100 Gregorian, or 1300–1500 followed by هـ) with its era suffix;
/// its `start` is the year's own.
pub(super) fn year_at(chars: &[char], words: &[Word], i: usize) -> Option<Span> {
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
    Some(Span::new(w.start, end, value, next))
}

/// Numeric dates: 12/10/2016, 2016-10-12, 12-10-2016, 6/ 8/ 2015, and seasons 2025-2026.
pub(super) fn numeric(chars: &[char], words: &[Word], i: usize) -> Option<Span> {
    let a = &words[i];
    let b = words.get(i + 1)?;
    let sep = |x: &Word, y: &Word, seps: &[char]| -> Option<char> {
        let gap = chars.get(x.end..y.start)?;
        let marks: Vec<char> = gap.iter().copied().filter(|c| *c != ' ').collect();
        (marks.len() == 1 && seps.contains(&marks[0]) && gap.first() == Some(&marks[0]))
            .then(|| marks[0])
    };
    let sep1 = sep(a, b, &['/', '-', '.'])?;
    if b.kind != WordKind::Digit {
        return None;
    }
    let (na, nb): (u32, u32) = (a.norm.parse().ok()?, b.norm.parse().ok()?);
    if let Some(c) = words
        .get(i + 2)
        .filter(|c| c.kind == WordKind::Digit && sep(b, c, &[sep1]).is_some())
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
            return Some(Span::new(
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
        && b.start == a.end + 1
    {
        return Some(Span::new(a.start, b.end, format!("{na:04}/{nb:04}"), i + 2));
    }
    None
}
