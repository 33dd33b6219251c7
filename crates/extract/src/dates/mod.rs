//! Date mentions: Gregorian months (Egyptian, Maghrebi and Levantine names), Hijri months and
//! feasts, weekdays, numeric dates, years, decades and relative expressions («أمس», «الأسبوع
//! الماضي», «قبل يومين», «هذا العام»), resolved against the publication date. The names are data
//! (`lexicons/months.tsv`, `weekdays.tsv`, `relative_days.tsv` …); span boundaries follow the
//! annotation convention (`../shared/ANNOTATION.md`): a part of the day or of a period («مساء»,
//! «نهاية»), «شهر» and «يوم» are inside the mention, a preposition before it is not.
//!
//! Hijri dates are converted with the tabular calendar ([`crate::calendar::days_from_hijri`]),
//! which can be a day off the sighted calendar a country uses.

mod days;
mod months;
mod relative;
#[cfg(test)]
mod tests;

use isnad_doc::is_mark;

use crate::calendar::{civil_from_days, days_from_civil, weekday, PartialDate};
use crate::scan::{Word, WordKind};
use crate::words::{self, field};
use crate::DateMention;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Direction {
    None,
    Past,
    Next,
    /// «الجاري», «الحالي»: the unit that holds the publication date.
    Current,
    /// «نفسه», «ذاته»: the unit of the date mentioned before.
    Same,
}

/// A date mention found at some word, before it becomes a [`DateMention`].
struct Span {
    start: usize,
    end: usize,
    value: String,
    /// The word after the mention, where the search goes on.
    next: usize,
    /// «العام نفسه»: the value is the previous mention's, cut to this unit (days in it).
    same: Option<u32>,
}

impl Span {
    fn new(start: usize, end: usize, value: String, next: usize) -> Self {
        Self {
            start,
            end,
            value,
            next,
            same: None,
        }
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
        Some(Self::at(days_from_civil(y, m, d)))
    }

    fn at(days: i64) -> Self {
        let (year, month, _) = civil_from_days(days);
        Self { days, year, month }
    }
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

/// Whether word `w`, whole or behind one proclitic, is in `list`; the proclitic's letter count.
fn in_list(list: &isnad_doc::Lexicon, w: &Word) -> Option<usize> {
    if list.contains(&w.norm) {
        return Some(0);
    }
    let (base, pl) = strip1(&w.norm);
    (pl > 0 && list.contains(base)).then_some(pl)
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

fn number(w: &Word) -> Option<u32> {
    if w.kind != WordKind::Digit || w.norm.len() > 4 {
        return None;
    }
    w.norm.parse().ok()
}

/// Two words are adjacent when only spaces (or nothing) separate them.
fn adjacent(chars: &[char], a: &Word, b: &Word) -> bool {
    between(chars, a, b, &[])
}

/// Only spaces and the given marks separate the two words.
fn between(chars: &[char], a: &Word, b: &Word, marks: &[char]) -> bool {
    b.start >= a.end
        && chars[a.end..b.start]
            .iter()
            .all(|c| *c == ' ' || *c == '\u{a0}' || marks.contains(c))
}

/// «الماضي», «المقبل», «الجاري», «نفسه» at word `i`.
fn direction(words: &[Word], i: usize) -> Direction {
    let Some(w) = words.get(i) else {
        return Direction::None;
    };
    match field(words::date_directions(), &w.norm, 0) {
        Some("past") => Direction::Past,
        Some("next") => Direction::Next,
        Some("current") => Direction::Current,
        Some("same") => Direction::Same,
        _ => Direction::None,
    }
}

fn fmt_days(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    PartialDate::full(y, m, d).iso()
}

/// The day with weekday `wd` nearest to day `around` (at most three days away).
fn nearest_weekday(around: i64, wd: u32) -> i64 {
    let diff = (i64::from(wd) - i64::from(weekday(around))).rem_euclid(7);
    if diff > 3 {
        around + diff - 7
    } else {
        around + diff
    }
}

/// Finds every date mention in document order. When the text names the weekday of «اليوم» or
/// «أمس» («أمس الأحد»), the reference day moves to agree with it: the date a document carries
/// is often the day it was collected, not the day it was written.
pub(crate) fn find(
    chars: &[char],
    words: &[Word],
    reference: Option<&Reference>,
) -> Vec<DateMention> {
    let anchored = reference.and_then(|r| days::anchor(chars, words, r));
    let reference = anchored.as_ref().or(reference);
    let mut out: Vec<DateMention> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some(span) = date_at(chars, words, i, reference) {
            // «شارع 26 سبتمبر», «قوى 14 آذار», «صلاة الجمعة»: a date inside a name is skipped
            // whole.
            if i > 0 && in_list(words::date_name_heads(), &words[i - 1]).is_some() {
                i = span.next.max(i + 1);
                continue;
            }
            let value = match span.same {
                Some(unit) => same_value(out.last().map(|d| d.value.as_str()), unit),
                None => span.value,
            };
            out.push(DateMention {
                text: chars[span.start..span.end].iter().collect(),
                start: span.start,
                end: span.end,
                value,
            });
            i = span.next.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// «العام نفسه», «اليوم ذاته»: the previous mention's value cut to the unit.
fn same_value(previous: Option<&str>, unit: u32) -> String {
    let keep = match unit {
        365 => 4,
        30 => 7,
        _ => 10,
    };
    match previous {
        Some(v) if v.len() >= keep && v[..4].bytes().all(|b| b.is_ascii_digit()) => {
            v[..keep].to_string()
        }
        _ => String::from("----"),
    }
}

/// Tries every pattern at word `i`.
fn date_at(chars: &[char], words: &[Word], i: usize, r: Option<&Reference>) -> Option<Span> {
    if words[i].kind == WordKind::Digit {
        return relative::numeric(chars, words, i)
            .or_else(|| months::day_month(chars, words, i, r))
            .or_else(|| relative::year_alone(chars, words, i));
    }
    position_at(chars, words, i, r).or_else(|| inner_at(chars, words, i, r, false))
}

/// The patterns that start with a letter word; `open` lets a unit stand without a direction
/// word after a position word («مطلع الأسبوع»).
fn inner_at(
    chars: &[char],
    words: &[Word],
    i: usize,
    r: Option<&Reference>,
    open: bool,
) -> Option<Span> {
    relative::holiday(chars, words, i, r)
        .or_else(|| relative::ago(chars, words, i, r))
        .or_else(|| months::day_month(chars, words, i, r))
        .or_else(|| months::month_phrase(chars, words, i, None, r))
        .or_else(|| days::day_at(chars, words, i, r))
        .or_else(|| relative::bare_year(chars, words, i))
        .or_else(|| relative::relative_unit(chars, words, i, r, open))
        .or_else(|| relative::decade(chars, words, i))
}

/// «منتصف أغسطس», «نهاية العام الماضي», «أواخر 2012»: a part of a period, inside the mention,
/// with the period's value.
fn position_at(chars: &[char], words: &[Word], i: usize, r: Option<&Reference>) -> Option<Span> {
    let w = &words[i];
    let pl = in_list(words::date_positions(), w)?;
    let next = words.get(i + 1)?;
    if !adjacent(chars, w, next) {
        return None;
    }
    let inner = if next.kind == WordKind::Digit {
        relative::year_at(chars, words, i + 1)
    } else {
        inner_at(chars, words, i + 1, r, true)
    }?;
    Some(Span {
        start: skip_letters(chars, w.start, pl),
        ..inner
    })
}
