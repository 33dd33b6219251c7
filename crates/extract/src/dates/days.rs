//! Days: weekdays («الأحد», «الخميس الماضي»), relative days («أمس», «أول من أمس», «الليلة
//! الماضية»), the part of the day before them («مساء أمس», «فجر الجمعة») and the weekday a
//! relative day is given with («أمس الأحد», «اليوم (الثلاثاء)»).

use super::{
    adjacent, between, direction, fmt_days, in_list, months, nearest_weekday, skip_letters, strip1,
    Direction, Reference, Span,
};
use crate::calendar::weekday;
use crate::scan::Word;
use crate::words::{self, bad_field, field};

/// The day offset a relative-day word names («أمس» −1, «اليوم» 0, «غدا» 1).
fn relative_day(norm: &str) -> Option<i64> {
    field(words::relative_days(), norm, 0).and_then(|d| d.parse().ok())
}

/// The weekday number of word `w` (whole or behind one proclitic) and the proclitic's letters.
fn weekday_of(w: &Word) -> Option<(u32, usize)> {
    let days = words::weekdays();
    let pl = in_list(days, w)?;
    let key = if pl == 0 {
        w.norm.as_str()
    } else {
        strip1(&w.norm).0
    };
    let entry = days.get(key)?;
    let wd = entry
        .field(0)
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| bad_field(days, &entry.text, "weekday number"));
    Some((wd, pl))
}

/// A weekday or a relative day, with the part of the day before it inside the mention
/// («مساء الأحد», «صباح اليوم», «مساء أمس»).
pub(super) fn day_at(
    chars: &[char],
    words: &[Word],
    i: usize,
    r: Option<&Reference>,
) -> Option<Span> {
    let w = &words[i];
    if let Some(pl) = in_list(words::day_parts(), w) {
        let start = skip_letters(chars, w.start, pl);
        // «مساء يوم الثلاثاء»: a second part word rides along.
        let mut k = i + 1;
        for _ in 0..2 {
            if !words
                .get(k)
                .is_some_and(|n| adjacent(chars, &words[k - 1], n))
            {
                break;
            }
            let found = weekday_at(chars, words, k, Some(start), r)
                .or_else(|| relative_day_at(chars, words, k, Some(start), r));
            if found.is_some() {
                return found;
            }
            if words::day_parts().contains(&words[k].norm) {
                k += 1;
            } else {
                break;
            }
        }
    }
    weekday_at(chars, words, i, None, r).or_else(|| relative_day_at(chars, words, i, None, r))
}

/// The weekday at word `wi` with its direction word, a second weekday of a night
/// («ليل الأحد - الاثنين»), or joined to a full date after it («الخميس 2 نوفمبر 2023»).
fn weekday_at(
    chars: &[char],
    words: &[Word],
    wi: usize,
    part_start: Option<usize>,
    r: Option<&Reference>,
) -> Option<Span> {
    let ww = &words[wi];
    let (wd, wpl) = weekday_of(ww)?;
    let start = part_start.unwrap_or_else(|| skip_letters(chars, ww.start, wpl));
    let mut end = ww.end;
    let mut next = wi + 1;
    let dir = direction(words, next);
    if matches!(dir, Direction::Past | Direction::Next) {
        end = words[next].end;
        next += 1;
    } else if let Some(second) = words.get(next) {
        // «ليل الأربعاء/ الخميس»: the night runs into the next day; the value is the first.
        if part_start.is_some()
            && between(chars, &words[next - 1], second, &['-', '/', '–'])
            && !adjacent(chars, &words[next - 1], second)
            && weekday_of(second).is_some()
        {
            end = second.end;
            next += 1;
        }
    }
    // «الخميس 2 نوفمبر 2023», «الخميس السادس من أغسطس»: one mention with the date's value.
    if let Some(dw) = words.get(next) {
        if between(chars, &words[next - 1], dw, &['،', ',']) {
            if let Some(date) = months::day_month(chars, words, next, r) {
                return Some(Span { start, ..date });
            }
        }
    }
    let value = r.map_or_else(
        || String::from("----"),
        |r| fmt_days(weekday_days(r, wd, dir)),
    );
    Some(Span::new(start, end, value, next))
}

/// The day number of weekday `wd`: the last one up to the reference day, the one before it
/// («الماضي»), or the next one after it («المقبل»).
fn weekday_days(r: &Reference, wd: u32, dir: Direction) -> i64 {
    let cur = weekday(r.days);
    let back = (7 + cur - wd) % 7;
    match dir {
        Direction::Past => r.days - if back == 0 { 7 } else { i64::from(back) },
        Direction::Next => {
            let ahead = (wd + 7 - cur) % 7;
            r.days + i64::from(if ahead == 0 { 7 } else { ahead })
        }
        _ => r.days - i64::from(back),
    }
}

/// «اليوم» or «الليلة» naming an outlet or a title rather than a day: between quotation
/// marks («لـ"اليوم"») or in a dateline before a dash («عين اليوم – متابعات»).
fn is_name(chars: &[char], w: &Word) -> bool {
    let quote = |c: Option<&char>| c.is_some_and(|c| "\"«»“”'".contains(*c));
    if quote(w.start.checked_sub(1).and_then(|k| chars.get(k))) || quote(chars.get(w.end)) {
        return true;
    }
    let after = chars[w.end..].iter().find(|c| **c != ' ');
    let dash = after.is_some_and(|c| matches!(c, '–' | '-' | '—'));
    let line_start = chars[..w.start]
        .iter()
        .rev()
        .take_while(|c| **c != '\n')
        .filter(|c| **c == ' ')
        .count()
        <= 2;
    dash && line_start
}

/// The relative-day word at `k` with its offset, or `None`. «اليوم» and «الليلة» (offset 0)
/// count only whole or behind و/ف, the others behind any proclitic («بالأمس»).
fn relative_word(chars: &[char], w: &Word) -> Option<(i64, usize)> {
    if let Some(d) = relative_day(&w.norm) {
        return (d != 0 || !is_name(chars, w)).then_some((d, 0));
    }
    let (base, pl) = strip1(&w.norm);
    let d = relative_day(base)?;
    let conj = w.norm.starts_with(['و', 'ف']);
    ((d != 0 || conj) && !is_name(chars, w)).then_some((d, pl))
}

/// «أمس», «اليوم», «غدا» at word `wi`, with what moves it a day back («أول من أمس», «أمس
/// الأول», «الليلة قبل الماضية») and the weekday given with it («أمس الأحد»).
fn relative_day_at(
    chars: &[char],
    words: &[Word],
    wi: usize,
    part_start: Option<usize>,
    r: Option<&Reference>,
) -> Option<Span> {
    let (mut k, mut shift) = (wi, 0);
    let (first_pl, shifted) = shift_before(words, wi);
    if shifted > wi {
        k = shifted;
        shift = -1;
    }
    let (delta, pl) = relative_word(chars, &words[k])?;
    // «في اليوم الأول من زيارته», «في اليوم التالي»: a day of some event, not today; only «في
    // اليوم نفسه» is a date.
    let of_event = delta == 0
        && (words
            .get(k + 1)
            .is_some_and(|n| words::day_ordinals().contains(&n.norm))
            || (k > 0 && words[k - 1].norm == "في" && direction(words, k + 1) != Direction::Same));
    if of_event && k == wi && part_start.is_none() {
        return None;
    }
    let start = part_start.unwrap_or_else(|| {
        let lead = if k == wi { pl } else { first_pl };
        skip_letters(chars, words[wi].start, lead)
    });
    let mut end = words[k].end;
    let mut next = k + 1;
    let mut delta = delta + shift;
    if delta == -1 && field(words::day_shifts(), norm_at(words, next), 0) == Some("after") {
        delta -= 1;
        end = words[next].end;
        next += 1;
    }
    let mut same = None;
    if delta == 0 {
        // «الليلة الماضية», «الليلة قبل الماضية», «اليوم نفسه».
        let before = field(words::day_shifts(), norm_at(words, next), 0) == Some("before");
        let at = if before { next + 1 } else { next };
        match direction(words, at) {
            Direction::Past => {
                delta = if before { -2 } else { -1 };
                end = words[at].end;
                next = at + 1;
            }
            Direction::Same if !before => {
                same = Some(1);
                end = words[at].end;
                next = at + 1;
            }
            _ => {}
        }
    }
    let mut value = r.map(|r| r.days + delta);
    if let Some((wd, wend, wnext)) = weekday_after(chars, words, next) {
        value = value.map(|d| nearest_weekday(d, wd));
        end = wend;
        next = wnext;
        // «أمس الأحد (2 أغسطس آب)»: the date in brackets joins the mention and gives its value.
        if let Some(dw) = words
            .get(next)
            .filter(|dw| between(chars, &words[next - 1], dw, &['(']))
        {
            if chars[words[next - 1].end..dw.start].contains(&'(') {
                if let Some(date) = months::day_month(chars, words, next, r) {
                    if chars.get(date.end) == Some(&')') {
                        let span_value = if date.value.starts_with("--") {
                            value.map_or_else(|| date.value.clone(), fmt_days)
                        } else {
                            date.value
                        };
                        return Some(Span::new(start, date.end + 1, span_value, date.next));
                    }
                }
            }
        }
    }
    let value = value.map_or_else(|| String::from("----"), fmt_days);
    Some(Span {
        start,
        end,
        value,
        next,
        same,
    })
}

fn norm_at(words: &[Word], i: usize) -> &str {
    words.get(i).map_or("", |w| w.norm.as_str())
}

/// «أول من أمس», «أول أمس», «قبل أمس»: the index of «أمس» when a shift word opens the phrase at
/// `wi`, with the shift word's proclitic letters; else `(0, wi)`.
fn shift_before(words: &[Word], wi: usize) -> (usize, usize) {
    let w = &words[wi];
    let (base, pl) = strip1(&w.norm);
    let key = if field(words::day_shifts(), &w.norm, 0) == Some("before") {
        0
    } else if pl > 0 && field(words::day_shifts(), base, 0) == Some("before") {
        pl
    } else {
        return (0, wi);
    };
    let mut m = wi + 1;
    if norm_at(words, m) == "من" {
        m += 1;
    }
    match words.get(m).and_then(|x| relative_day(&x.norm)) {
        Some(-1) => (key, m),
        _ => (0, wi),
    }
}

/// A weekday right after a relative day: adjacent, after a comma, or in brackets («اليوم
/// (الثلاثاء)»). Returns its number, the mention's new end and the next word.
fn weekday_after(chars: &[char], words: &[Word], next: usize) -> Option<(u32, usize, usize)> {
    let prev = words.get(next.checked_sub(1)?)?;
    let w = words.get(next)?;
    let (wd, pl) = weekday_of(w)?;
    if pl > 0 {
        return None;
    }
    if between(chars, prev, w, &['،', ',']) {
        return Some((wd, w.end, next + 1));
    }
    if between(chars, prev, w, &['(']) && chars.get(w.end) == Some(&')') {
        return Some((wd, w.end + 1, next + 1));
    }
    None
}

/// The reference day the text itself gives: the first «اليوم» or «أمس» with a weekday after it
/// moves the publication date to the nearest day that agrees (at most three days away).
pub(super) fn anchor(chars: &[char], words: &[Word], r: &Reference) -> Option<Reference> {
    for (i, w) in words.iter().enumerate() {
        let Some((delta @ (0 | -1), 0)) = relative_word(chars, w) else {
            continue;
        };
        if i > 0 && shift_before(words, i - 1).1 == i {
            continue;
        }
        if field(words::day_shifts(), norm_at(words, i + 1), 0) == Some("after") {
            continue;
        }
        if let Some((wd, _, _)) = weekday_after(chars, words, i + 1) {
            let day = nearest_weekday(r.days + delta, wd);
            return Some(Reference::at(day - delta));
        }
    }
    None
}
