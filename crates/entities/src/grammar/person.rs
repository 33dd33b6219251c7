//! Person names: given names with lineage and nisbas, kunyas, titles that mark a name without
//! belonging to it, offices named by a nationality, and names introduced as names.

use isnad_doc::has_clitic_article;
use isnad_kb::EntityType;

use super::common::{
    closing_quote, name_part, next_joined, open_word, rare_definite_surname, Grammar,
};
use crate::cand::{span_of, Cand, Source};
use crate::lexicon::{is_definite_nisba, looks_plural, Lexicon};
use crate::words::{Reading, Word};

/// Extends a person name ending at `last` with lineage («بن سلمان»), nisbas and, while
/// `open_left` allows, one more plain word (the family name; a definite one only after a title,
/// `titled`, or a longer name).
fn extend_person(
    g: &Grammar,
    words: &[Word],
    mut last: usize,
    parts: &mut Vec<String>,
    mut open_left: usize,
    titled: bool,
) -> usize {
    let lex = g.lex;
    let mut nisbas = 0;
    while let Some(n) = next_joined(words, last) {
        let key = words[n].key.as_str();
        if lex.lineage.contains(key) {
            let Some(m) = next_joined(words, n).filter(|&m| open_word(lex, &words[m].key)) else {
                break;
            };
            let (end, part) = name_part(words, m, &words[m].key);
            parts.push(words[n].key.clone());
            parts.push(part);
            last = end;
            // After «بن X» only more lineage or a nisba: the family name came before.
            open_left = 0;
        } else if key == "عبد"
            || (key.starts_with("عبد") && key.chars().count() > 4)
            || (lex.given.contains_key(key) && open_word(lex, key))
        {
            let (end, part) = name_part(words, n, key);
            parts.push(part);
            last = end;
        } else if is_definite_nisba(key) && !lex.stop.contains(key) && nisbas < 2 {
            parts.push(key.to_string());
            nisbas += 1;
            last = n;
            // A nisba ends the family name: «سالم الدوسري هدف» stops before «هدف».
            open_left = 0;
        } else if open_left > 0 && lex.kunya.contains(key) && parts.len() == 1 {
            // «أحمد أبو زيد», «أحمد أبو الغيط»: a family name made like a kunya.
            let Some(m) = next_joined(words, n).filter(|&m| {
                let k = words[m].key.as_str();
                open_word(lex, k) && !looks_plural(k) && !words[m].verb
            }) else {
                break;
            };
            parts.push(key.to_string());
            parts.push(words[m].key.clone());
            open_left = 0;
            last = m;
        } else if open_left > 0
            && open_word(lex, key)
            // A definite family name needs a title or a longer name before it: «شهر رمضان
            // المعظم», «حسن الاختيار» are no people.
            && (!key.starts_with("ال")
                || ((titled || parts.len() >= 2) && rare_definite_surname(g, &words[n].text, key)))
            && !key.starts_with('و')
            && !has_clitic_article(key)
        {
            let (end, part) = name_part(words, n, key);
            parts.push(part);
            open_left -= 1;
            last = end;
        } else {
            break;
        }
        if parts.len() >= 6 {
            break;
        }
    }
    last
}

/// Walks back from token `i` over at most `limit` joined words: true when one of them `is_title`
/// before a word that `may_skip` rejects (given the word's index) ends the walk.
fn title_before(
    words: &[Word],
    i: usize,
    limit: usize,
    is_title: impl Fn(&Word) -> bool,
    may_skip: impl Fn(usize) -> bool,
) -> bool {
    let mut j = i;
    for _ in 0..limit {
        let Some(p) = j.checked_sub(1) else {
            return false;
        };
        let w = &words[p];
        if !(w.joined_next && w.is_word) {
            return false;
        }
        if is_title(w) {
            return true;
        }
        if !may_skip(p) {
            return false;
        }
        j = p;
    }
    false
}

/// Whether a title (with its complements: «رئيس الوزراء اللبناني الأسبق», «المتحدث باسم
/// حماس») ends right before token `i`.
pub(crate) fn titled(lex: &Lexicon, words: &[Word], i: usize) -> bool {
    let complement = |p: usize| {
        let k = words[p].key.as_str();
        (k.starts_with("ال") && !lex.stop.contains(k))
            || lex.title_modifiers.contains(k)
            || k == "باسم"
            || p.checked_sub(1).is_some_and(|q| words[q].key == "باسم")
    };
    let title = |w: &Word| w.readings.iter().any(|r| lex.titles.contains(&r.key));
    title_before(words, i, 5, title, complement)
}

/// Whether one of the titles that are nearly always followed by a name stands right before `i`
/// (possibly with modifiers: «اللواء المتقاعد»).
fn name_titled(lex: &Lexicon, words: &[Word], i: usize) -> bool {
    let modifier = |p: usize| {
        let k = &words[p].key;
        lex.title_modifiers.contains(k) || lex.nationalities.contains(k)
    };
    let title = |w: &Word| w.readings.iter().any(|r| lex.name_titles.contains(&r.key));
    title_before(words, i, 3, title, modifier)
}

/// Whether the plain word at `i`, right after a title, reads as a family name («الرئيس فرماجو»)
/// rather than a genitive complement («وزير خارجية إيران», «وزير دفاع الاحتلال»).
fn title_name(lex: &Lexicon, words: &[Word], i: usize) -> bool {
    let k = words[i].key.as_str();
    let clitic_word = k.starts_with('و')
        || has_clitic_article(k)
        || k.ends_with('ا')
        || words[i].readings.iter().any(|r| lex.stop.contains(&r.key));
    if !open_word(lex, k) || k.starts_with("ال") || k.ends_with("يه") || clitic_word {
        return false;
    }
    // Alone, a word in -ي or -ة after a title is mostly an adjective («قائد ميداني»).
    let adjective_shape = k.ends_with('ي') || k.ends_with('ه');
    match next_joined(words, i) {
        None => !adjective_shape,
        Some(n) if is_definite_nisba(&words[n].key) => true,
        Some(n) => lex.stop.contains(&words[n].key) && !adjective_shape,
    }
}

/// Whether a word read as a clitic and a given name is more often a word of its own in raw news
/// («لدينا» "we have", not «ل» + «دينا»): the clusters' frequency ranks decide.
fn common_word(g: &Grammar, text: &str, name: &str) -> bool {
    let whole = g.clusters.rank(&isnad_ner::norm_key(text));
    let bare = g.clusters.rank(&isnad_ner::norm_key(name));
    match (whole, bare) {
        (Some(w), Some(b)) => w < b,
        (Some(_), None) => true,
        _ => false,
    }
}

/// Person names opened by a given name (or, after a title, by any plain word).
pub(super) fn given_names(g: &Grammar, words: &[Word], out: &mut Vec<Cand>) {
    let lex = g.lex;
    for i in 0..words.len() {
        if !words[i].is_word {
            continue;
        }
        let title = titled(lex, words, i);
        // Behind a preposition only a longer name: «بيان» is not «ب» + «يان».
        let reading = words[i].readings.iter().find(|r| {
            let conj_only = words[i]
                .text
                .chars()
                .take(r.skip)
                .all(|c| matches!(c, 'و' | 'ف'));
            lex.given.contains_key(&r.key)
                && (r.skip == 0 || !lex.given.contains_key(&words[i].key))
                && (conj_only || r.key.chars().count() >= 4)
                && !(r.skip > 0 && common_word(g, &words[i].text, &r.key))
        });
        let (r, weak) = match reading {
            Some(r) => (r.clone(), lex.given.get(&r.key).copied().unwrap_or(true)),
            None if name_titled(lex, words, i) && title_name(lex, words, i) => (
                Reading {
                    skip: 0,
                    key: words[i].key.clone(),
                },
                true,
            ),
            None => continue,
        };
        if lex.stop.contains(&r.key) {
            continue;
        }
        let (mut last, first_part) = name_part(words, i, &r.key);
        let mut parts = vec![first_part];
        last = extend_person(g, words, last, &mut parts, 1, title);
        let strong_second = parts.len() >= 2 && {
            let second = &parts[1];
            lex.given.contains_key(second.as_str())
                || second.starts_with("عبد")
                || lex.lineage.contains(second.as_str())
                || is_definite_nisba(second)
                || second.ends_with(" الدين")
        };
        // In a list of people («سليم عياش وحسين عنيسي»), «و» + name after a person name is one.
        let listed = r.skip == 1
            && i > 0
            && words[i - 1].joined_next
            && out
                .iter()
                .any(|c| c.last + 1 == i && c.kind == EntityType::Per);
        let ok = if parts.len() == 1 {
            title
        } else {
            !weak || title || strong_second || listed
        };
        if !ok {
            continue;
        }
        out.push(person(words, (i, r.skip, last), Source::Given, parts, None));
    }
}

/// Kunya names: «أبو بكر البغدادي», «أبو عبد الله», glued «أبوعبد الله».
pub(super) fn kunyas(g: &Grammar, words: &[Word], out: &mut Vec<Cand>) {
    let lex = g.lex;
    for i in 0..words.len() {
        if !words[i].is_word {
            continue;
        }
        for r in &words[i].readings {
            // Either a kunya word followed by the name, or the two glued in one token.
            let (name_at, name_key, glued) = if lex.kunya.contains(&r.key) {
                let Some(n) = next_joined(words, i) else {
                    continue;
                };
                (n, words[n].key.clone(), false)
            } else if let Some(rest) = r
                .key
                .strip_prefix("ابو")
                .filter(|s| s.starts_with("عبد") || lex.given.contains_key(*s))
            {
                (i, rest.to_string(), true)
            } else {
                continue;
            };
            let is_umm = r.key == "ام";
            if !open_word(lex, &name_key) && name_key != "عبد" {
                continue;
            }
            if is_umm && !lex.given.contains_key(&name_key) {
                continue;
            }
            let (mut last, part) = name_part(words, name_at, &name_key);
            if glued && last == i && name_key == "عبد" {
                continue;
            }
            let mut parts = vec!["ابو".to_string(), part];
            if is_umm {
                parts[0] = "ام".to_string();
            }
            // Laqab or nisba after the kunya («المهاجر», «البغدادي»), then lineage.
            let mut laqabs = 0;
            while let Some(n) = next_joined(words, last) {
                let k = words[n].key.as_str();
                if laqabs < 2
                    && k.starts_with("ال")
                    && open_word(lex, k)
                    && !looks_plural(k)
                    && words[n].readings.len() == 1
                {
                    parts.push(k.to_string());
                    laqabs += 1;
                    last = n;
                } else {
                    break;
                }
            }
            last = extend_person(g, words, last, &mut parts, 0, false);
            out.push(person(words, (i, r.skip, last), Source::Kunya, parts, None));
            break;
        }
    }
}

/// The holder of an office named by office and nationality, when no name follows:
/// «السفير الأمريكي», «وزير الدفاع الأمريكي».
pub(super) fn offices(lex: &Lexicon, words: &[Word], out: &mut Vec<Cand>) {
    for i in 0..words.len() {
        let Some(r) = words[i].reading_where(|k| lex.offices.contains(k)) else {
            continue;
        };
        let office = r.key.trim_start_matches("ال").to_string();
        let skip = r.skip;
        let mut j = i;
        let mut complements = 0;
        let nationality = loop {
            let Some(n) = next_joined(words, j) else {
                break None;
            };
            let k = words[n].key.as_str();
            if lex.nationalities.contains(k) {
                break Some(n);
            }
            if !k.starts_with("ال") || lex.stop.contains(k) || complements >= 2 {
                break None;
            }
            complements += 1;
            j = n;
        };
        let Some(last) = nationality else { continue };
        // A name right after makes the office a title of that name instead.
        let mut after = next_joined(words, last);
        while let Some(n) = after.filter(|&n| lex.title_modifiers.contains(&words[n].key)) {
            after = next_joined(words, n);
        }
        let named = after.is_some_and(|n| {
            let k = words[n].key.as_str();
            lex.given.contains_key(k)
                || lex.kunya.contains(k)
                || lex.titles.contains(k)
                || (open_word(lex, k) && !k.starts_with("ال") && !k.starts_with('و'))
        });
        if named {
            continue;
        }
        let mut name_key = vec![office.clone()];
        name_key.extend((i + 1..=last).map(|x| words[x].key.clone()));
        out.push(person(
            words,
            (i, skip, last),
            Source::Given,
            name_key,
            Some(office),
        ));
    }
}

/// A person candidate over words `first..=last` (the first `skip` letters of the first word
/// left out), not linked to the KB.
fn person(
    words: &[Word],
    (first, skip, last): (usize, usize, usize),
    source: Source,
    name_key: Vec<String>,
    head: Option<String>,
) -> Cand {
    let (start, end) = span_of(words, first, skip, last);
    Cand {
        first,
        last,
        start,
        end,
        kind: EntityType::Per,
        kb: None,
        source,
        name_key,
        head,
        link: None,
    }
}

/// Names introduced as names: «شخص يُدعى "سمير"» (a person), «محرر "يمن اتحادي"» (an outlet).
pub(super) fn introduced(lex: &Lexicon, words: &[Word], out: &mut Vec<Cand>) {
    for i in 0..words.len() {
        let Some(r) =
            words[i].reading_where(|k| lex.called.contains(k) || lex.outlet_staff.contains(k))
        else {
            continue;
        };
        let kind = if lex.called.contains(&r.key) {
            EntityType::Per
        } else {
            EntityType::Org
        };
        let Some(next) = words.get(i + 1) else {
            continue;
        };
        let (first, last) = if next.is_quote() && next.start <= words[i].end + 1 {
            match closing_quote(words, i + 1) {
                Some(close) if close - (i + 1) <= 4 => (i + 2, close - 1),
                _ => continue,
            }
        } else if kind == EntityType::Per && words[i].joined_next && open_word(lex, &next.key) {
            (i + 1, i + 1)
        } else {
            continue;
        };
        if !(first..=last).all(|x| words[x].is_word) || first > last {
            continue;
        }
        out.push(Cand {
            first,
            last,
            start: words[first].start,
            end: words[last].end,
            kind,
            kb: None,
            source: Source::Head,
            name_key: (first..=last).map(|x| words[x].key.clone()).collect(),
            head: None,
            link: None,
        });
    }
}
