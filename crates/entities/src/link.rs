//! In-document linking: short forms of names found in full, head-noun anaphora («الحركة»),
//! grouping mentions into entities, and linking entities to the knowledge base.

use std::collections::HashMap;

use isnad_kb::{lookup_key, EntityType, Kb};

use crate::cand::{Cand, Source};
use crate::lexicon::{is_definite_nisba, Lexicon};
use crate::words::Word;

/// Matches a name form (canonical parts) at token `i`: returns (proclitic skip, last token).
/// «عبدالله» matches the one token or «عبد» + «الله»; «بدر الدين» matches two tokens.
fn match_form(words: &[Word], i: usize, form: &[String]) -> Option<(usize, usize)> {
    let w = words.get(i).filter(|w| w.is_word)?;
    'readings: for r in &w.readings {
        let mut j = i;
        let mut key = r.key.clone();
        // «أبوعبد الله»: the kunya word glued to the name; the rest of the token is the next part.
        let mut carry: Option<String> = None;
        for (pi, part) in form.iter().enumerate() {
            if let Some(rest) = carry.take() {
                key = rest;
            } else if pi > 0 {
                if !words[j].joined_next {
                    continue 'readings;
                }
                j += 1;
                key = words.get(j)?.key.clone();
            }
            if pi == 0 && (part == "ابو" || part == "ام") && key != *part && form.len() > 1 {
                match key.strip_prefix(part.as_str()) {
                    Some(rest) if rest.chars().count() >= 2 => {
                        carry = Some(rest.to_string());
                        continue;
                    }
                    _ => continue 'readings,
                }
            }
            let sub: Vec<&str> = part.split(' ').collect();
            for (si, s) in sub.iter().enumerate() {
                if si > 0 {
                    if !words[j].joined_next {
                        continue 'readings;
                    }
                    j += 1;
                    key = words.get(j)?.key.clone();
                }
                if key == *s {
                    continue;
                }
                // «عبد» «الله» against «عبدالله».
                let split = s
                    .strip_prefix("عبد")
                    .filter(|rest| key == "عبد" && !rest.is_empty());
                match split {
                    Some(rest) if words[j].joined_next && words.get(j + 1)?.key == rest => j += 1,
                    _ => continue 'readings,
                }
            }
        }
        return Some((r.skip, j));
    }
    None
}

/// Short forms under which a found name may recur: a kunya without its laqab, the name after
/// «أبو», a family name, the bare name after a head noun, weak knowledge-base aliases.
fn short_forms(kb: &Kb, lex: &Lexicon, c: &Cand) -> Vec<Vec<String>> {
    let mut forms: Vec<Vec<String>> = Vec::new();
    let parts = &c.name_key;
    match c.source {
        Source::Kunya => {
            forms.push(parts[..2].to_vec());
            forms.push(parts[1..2].to_vec());
            if let Some(last) = parts.get(2..).and_then(|p| p.last()) {
                forms.push(vec![last.clone()]);
            }
        }
        Source::Given if parts.len() >= 2 => {
            let last = parts.last().map(|l| vec![l.clone()]);
            forms.extend(last);
        }
        Source::Head if c.kb.is_none() && !parts.is_empty() && parts.len() <= 3 => {
            forms.push(parts.clone());
        }
        _ => {}
    }
    if let Some(e) = c.kb.map(|e| &kb.list()[e]) {
        for w in &e.weak_aliases_ar {
            forms.push(lookup_key(w).split(' ').map(str::to_string).collect());
        }
    }
    forms.retain(|f| {
        f.iter()
            .all(|p| !lex.stop.contains(p.as_str()) && !lex.titles.contains(p.as_str()))
            && f.iter().map(|p| p.chars().count()).sum::<usize>() >= 3
            && f != parts
    });
    forms
}

/// Adds the recurrences of short forms of selected names, each linked to the name it shortens.
/// A form claimed by two different names is ambiguous and left alone.
pub(crate) fn propagate(kb: &Kb, words: &[Word], cands: &mut Vec<Cand>) {
    let lex = Lexicon::global();
    let mut owners: HashMap<Vec<String>, Option<usize>> = HashMap::new();
    for (ci, c) in cands.iter().enumerate() {
        for f in short_forms(kb, lex, c) {
            let owner = owners.entry(f).or_insert(Some(ci));
            let same = owner.is_some_and(|o| {
                o == ci
                    || (cands[o].kb.is_some() && cands[o].kb == c.kb)
                    || cands[o].name_key == c.name_key
            });
            if !same {
                *owner = None;
            }
        }
    }
    let mut forms: Vec<(Vec<String>, usize)> = owners
        .into_iter()
        .filter_map(|(f, o)| o.map(|o| (f, o)))
        .collect();
    forms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
    let mut covered: Vec<bool> = vec![false; words.len()];
    for c in cands.iter() {
        covered[c.first..=c.last].iter_mut().for_each(|x| *x = true);
    }
    let mut added = Vec::new();
    for i in 0..words.len() {
        if covered[i] {
            continue;
        }
        for (form, owner) in &forms {
            let Some((skip, last)) = match_form(words, i, form) else {
                continue;
            };
            if covered[i..=last].iter().any(|&x| x) {
                continue;
            }
            // The form must end the name here: «عبدالله الثاني» is someone else.
            let continues = words[last].joined_next
                && words.get(last + 1).is_some_and(|n| {
                    is_definite_nisba(&n.key) || lex.given.contains_key(&n.key) || n.key == "بن"
                });
            if continues {
                continue;
            }
            let o = &cands[*owner];
            added.push(Cand {
                first: i,
                last,
                start: words[i].start + skip,
                end: words[last].end,
                kind: o.kind,
                kb: o.kb,
                source: Source::Propagated,
                name_key: form.clone(),
                head: None,
                link: Some(*owner),
            });
            covered[i..=last].iter_mut().for_each(|x| *x = true);
            break;
        }
    }
    // Appended, not sorted: `link` holds indices into this vector.
    cands.extend(added);
}

/// Whether an entry is named with this head noun («حركة حماس» for head «حركة»).
pub(crate) fn kb_has_head(kb: &Kb, entry: usize, head: &str) -> bool {
    let with_article = format!("ال{head}");
    let e = &kb.list()[entry];
    e.strong_names_ar()
        .chain(e.roles_ar.iter().map(String::as_str))
        .any(|n| {
            let key = lookup_key(n);
            let first = key.split(' ').next().unwrap_or("");
            key.contains(' ') && (first == head || first == with_article)
        })
}

/// Head-noun anaphora: «الحركة» refers to the nearest preceding organization named with «حركة».
pub(crate) fn anaphora(kb: &Kb, words: &[Word], cands: &mut Vec<Cand>) {
    let lex = Lexicon::global();
    let mut covered: Vec<bool> = vec![false; words.len()];
    for c in cands.iter() {
        covered[c.first..=c.last].iter_mut().for_each(|x| *x = true);
    }
    let mut added = Vec::new();
    for i in 0..words.len() {
        if covered[i] || !words[i].is_word {
            continue;
        }
        let Some((skip, head)) = words[i]
            .readings
            .iter()
            .find_map(|r| lex.anaphora.get(&r.key).map(|h| (r.skip, h.clone())))
        else {
            continue;
        };
        // «الحركة الإسلامية» is a new name, not a reference back.
        let named = words[i].joined_next
            && words
                .get(i + 1)
                .is_some_and(|n| is_definite_nisba(&n.key) && !lex.stop.contains(&n.key));
        if named {
            continue;
        }
        let antecedent = cands
            .iter()
            .enumerate()
            .filter(|(_, c)| c.end <= words[i].start && c.source != Source::Anaphor)
            .filter(|(_, c)| {
                let person_head = matches!(head.as_str(), "سفير" | "وزير");
                (c.kind != EntityType::Per || person_head)
                    && (c.head.as_deref() == Some(head.as_str())
                        || c.kb.is_some_and(|e| kb_has_head(kb, e, &head)))
            })
            .max_by_key(|(_, c)| c.start)
            .map(|(ci, _)| ci);
        let Some(a) = antecedent else { continue };
        let o = &cands[a];
        added.push(Cand {
            first: i,
            last: i,
            start: words[i].start + skip,
            end: words[i].end,
            kind: o.kind,
            kb: o.kb,
            source: Source::Anaphor,
            name_key: Vec::new(),
            head: Some(head),
            link: Some(a),
        });
    }
    cands.extend(added);
}

/// Whether every word of `name` is a word of one of the entry's names: the knowledge base's
/// «محمد جواد ظريف» agrees with a document's «جواد ظريف».
fn entry_agrees(kb: &Kb, entry: usize, name: &[String]) -> bool {
    kb.list()[entry].strong_names_ar().any(|n| {
        let key = lookup_key(n);
        let parts: Vec<&str> = key.split(' ').collect();
        name.iter().all(|w| parts.contains(&w.as_str()))
    })
}

/// A one-word name that repeats the family name (or the given name) of exactly one person the
/// document named in full before it is that person, whatever the knowledge base says the word
/// alone stands for: after «الطبيب سامي الأسد», «الأسد» is Sami, not the Syrian president. The
/// document's own evidence comes first; the knowledge base only names the person when it agrees
/// with the full name («جواد ظريف» … «ظريف» both link to the minister).
pub(crate) fn short_names(kb: &Kb, cands: &mut [Cand]) {
    let lex = Lexicon::global();
    for i in 0..cands.len() {
        let c = &cands[i];
        let guessable = matches!(c.source, Source::Kb | Source::Ner)
            && (c.kind == EntityType::Per || c.source == Source::Ner);
        if !guessable || c.link.is_some() || c.name_key.len() != 1 {
            continue;
        }
        let short = &c.name_key[0];
        if short.chars().count() < 3 || lex.stop.contains(short) || lex.kunya.contains(short) {
            continue;
        }
        // «محمد» alone is anyone; a rarer given name alone is the one person so named.
        let common_given = lex.given.get(short).copied().unwrap_or(true);
        let owners: Vec<usize> = (0..cands.len())
            .filter(|&j| {
                let f = &cands[j];
                f.kind == EntityType::Per
                    && f.end <= c.start
                    && f.name_key.len() >= 2
                    && !matches!(
                        f.source,
                        Source::Anaphor | Source::Role | Source::Propagated
                    )
                    && (f.name_key.last() == Some(short)
                        || (f.name_key.first() == Some(short) && !common_given))
            })
            .collect();
        let Some(&owner) = owners.first() else {
            continue;
        };
        let one_person = owners.iter().all(|&j| {
            cands[j].name_key == cands[owner].name_key
                || (cands[j].kb.is_some() && cands[j].kb == cands[owner].kb)
        });
        if !one_person || cands[owner].kb.is_some_and(|o| c.kb == Some(o)) {
            continue;
        }
        let agreeing = c
            .kb
            .filter(|&e| cands[owner].kb.is_none() && entry_agrees(kb, e, &cands[owner].name_key));
        if let Some(e) = agreeing {
            // The full name was not linked, but the word's entry is that person.
            for &j in &owners {
                cands[j].kb = Some(e);
            }
        }
        let o = &cands[owner];
        let (kb_of, kind) = (o.kb, o.kind);
        let c = &mut cands[i];
        c.kb = kb_of;
        c.kind = kind;
        c.link = Some(owner);
        c.source = Source::Propagated;
    }
}

/// An office named alone («الرئيس اليمني», «وزير الخارجية المصري») after the document has
/// named a person with exactly that office before the name («الرئيس اليمني عبد ربه منصور
/// هادي») stands for that person, the most recent one so titled.
pub(crate) fn offices(words: &[Word], cands: &mut [Cand]) {
    let key = |i: usize| words[i].key.as_str();
    for i in 0..cands.len() {
        let c = &cands[i];
        let office = c.kind == EntityType::Per
            && c.kb.is_none()
            && c.link.is_none()
            && c.head
                .as_deref()
                .is_some_and(|h| c.name_key.first().map(String::as_str) == Some(h));
        if !office {
            continue;
        }
        let n = c.len();
        let owner = (0..cands.len()).rev().find(|&j| {
            let p = &cands[j];
            p.kind == EntityType::Per
                && j != i
                && p.end <= c.start
                && p.first >= n
                && p.head.is_none()
                && (0..n).all(|t| key(p.first - n + t) == key(c.first + t))
        });
        if let Some(j) = owner {
            cands[i].link = Some(j);
        }
    }
}
