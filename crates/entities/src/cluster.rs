//! Grouping mentions into entities and linking them to the knowledge base.

use isnad_kb::{lookup_key, EntityType, Kb};

use crate::cand::{Cand, Source};
use isnad_doc::{Entity, Mention};

/// Links candidates found by the grammar or the tagger to a knowledge-base entry of an agreeing
/// type, by their name and, for headed names, by the head plus the leading part of the name.
pub(crate) fn link_kb(kb: &Kb, text_of: impl Fn(usize, usize) -> String, cands: &mut [Cand]) {
    for c in cands
        .iter_mut()
        .filter(|c| c.kb.is_none() && c.link.is_none())
    {
        let mut names: Vec<String> = vec![text_of(c.start, c.end), c.name_key.join(" ")];
        if let Some(head) = &c.head {
            for k in (1..=c.name_key.len()).rev() {
                names.push(format!("{head} {}", c.name_key[..k].join(" ")));
            }
        }
        let kind = c.kind;
        let found = names.iter().find_map(|n| {
            kb.lookup(n)
                .into_iter()
                .find(|e| e.kind == kind || kind == EntityType::Misc)
                .map(|e| e.id.clone())
        });
        if let Some(id) = found {
            c.kb = kb.list().iter().position(|e| e.id == id);
            if let Some(e) = c.kb.map(|i| &kb.list()[i]) {
                c.kind = e.kind;
            }
        }
    }
    // Mentions that refer back inherit their antecedent's link.
    for i in 0..cands.len() {
        if let Some(a) = cands[i].link {
            cands[i].kb = cands[a].kb;
            cands[i].kind = cands[a].kind;
        }
    }
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// Groups candidates (same knowledge-base entry, same name, or linked back) into entities with
/// ids «e1», «e2»... in order of first mention.
pub(crate) fn cluster(
    kb: &Kb,
    clusters: &isnad_ner::Clusters,
    text_of: impl Fn(usize, usize) -> String,
    cands: &[Cand],
) -> Vec<Entity> {
    let n = cands.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for i in 0..n {
        if let Some(a) = cands[i].link {
            union(&mut parent, i, a);
        }
        for j in 0..i {
            let same_kb = cands[i].kb.is_some() && cands[i].kb == cands[j].kb;
            let same_name = cands[i].kb.is_none()
                && cands[j].kb.is_none()
                && !cands[i].name_key.is_empty()
                && cands[i].name_key == cands[j].name_key
                && cands[i].kind == cands[j].kind;
            if same_kb || same_name {
                union(&mut parent, i, j);
            }
        }
    }
    merge_short_names(cands, &mut parent);
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (cands[i].start, cands[i].end));
    for i in order {
        let root = find(&mut parent, i);
        match groups.iter_mut().find(|(r, _)| *r == root) {
            Some((_, members)) => members.push(i),
            None => groups.push((root, vec![i])),
        }
    }
    let mut out = Vec::new();
    for (_, members) in groups {
        let kb_entry = members
            .iter()
            .find_map(|&m| cands[m].kb)
            .map(|e| &kb.list()[e]);
        let kind = kb_entry.map(|e| e.kind).unwrap_or_else(|| {
            members
                .iter()
                .map(|&m| &cands[m])
                .max_by_key(|c| (c.source != Source::Ner, c.end - c.start))
                .map(|c| c.kind)
                .unwrap_or(EntityType::Misc)
        });
        let mut mentions: Vec<Mention> = members
            .iter()
            .map(|&m| Mention {
                start: cands[m].start,
                end: cands[m].end,
                text: text_of(cands[m].start, cands[m].end),
            })
            .collect();
        mentions.dedup_by(|a, b| a.start == b.start && a.end == b.end);
        // A known actor is named by its knowledge-base name, or by the knowledge base's spelling
        // the document itself uses («لوفيجارو» for «لوفيغارو»); others by their longest mention.
        let name = kb_entry
            .map(|e| kb_name(e, &mentions))
            .or_else(|| {
                members
                    .iter()
                    .map(|&m| &cands[m])
                    // An office standing for a named person («الرئيس اليمني») does not name them.
                    .filter(|c| {
                        let office_of_named = c.link.is_some() && c.head.is_some();
                        !(matches!(c.source, Source::Anaphor | Source::Role) || office_of_named)
                    })
                    .map(|c| {
                        let name = clean_name(&text_of(c.start, c.end));
                        // «للجيش العراقي»: the mention is «لجيش العراقي» (the preposition's «ل» stays
                        // outside it), but the name is «الجيش العراقي», with the article's alef back.
                        let after_lam = c.start > 0 && text_of(c.start - 1, c.start) == "ل";
                        if after_lam && article_lost(clusters, &name) {
                            format!("ا{name}")
                        } else {
                            name
                        }
                    })
                    .max_by_key(|t| t.chars().count())
            })
            .unwrap_or_else(|| clean_name(&mentions[0].text));
        let name_en = match kb_entry {
            Some(e) if !e.name_en.is_empty() => e.name_en.clone(),
            _ => isnad_text::translit::romanize_name(&name),
        };
        out.push(Entity {
            id: format!("e{}", out.len() + 1),
            kind,
            name,
            name_en,
            kb_id: kb_entry.map(|e| e.id.clone()),
            mentions,
        });
    }
    out
}

/// The name of a knowledge-base entry as the document writes it: its canonical name when a
/// mention holds it, else the shortest of its spellings a mention holds (the name without a
/// head noun: «لوفيجارو», not «صحيفة لوفيجارو»), else the canonical name.
fn kb_name(entry: &isnad_kb::KbEntry, mentions: &[Mention]) -> String {
    let texts: Vec<Vec<String>> = mentions
        .iter()
        .map(|m| {
            lookup_key(&clean_name(&m.text))
                .split(' ')
                .map(str::to_string)
                .collect()
        })
        .collect();
    let held = |name: &str| {
        let key: Vec<String> = lookup_key(name).split(' ').map(str::to_string).collect();
        !key.is_empty()
            && !key[0].is_empty()
            && texts
                .iter()
                .any(|t| t.windows(key.len()).any(|w| w == key.as_slice()))
    };
    if held(&entry.name_ar) {
        return entry.name_ar.clone();
    }
    entry
        .aliases_ar
        .iter()
        .chain(&entry.weak_aliases_ar)
        .filter(|a| held(a))
        .min_by_key(|a| a.chars().count())
        .cloned()
        .unwrap_or_else(|| entry.name_ar.clone())
}

/// Whether a name read after «ل» lost the alef of its article: «لجيش» after «ل» is «الجيش»,
/// but «لبنان» after «ل» is «لبنان». Raw news decides: the article reading must be the commoner
/// word.
fn article_lost(clusters: &isnad_ner::Clusters, name: &str) -> bool {
    let Some(first) = name.split_whitespace().next() else {
        return false;
    };
    if !first.starts_with('ل') {
        return false;
    }
    let with_article = clusters.rank(&isnad_ner::norm_key(&format!("ا{first}")));
    let as_written = clusters.rank(&isnad_ner::norm_key(first));
    match (with_article, as_written) {
        (Some(a), Some(w)) => a < w,
        (Some(_), None) => true,
        _ => false,
    }
}

/// A mention's text as a display name: quote marks dropped, spaces collapsed.
fn clean_name(text: &str) -> String {
    let no_quotes: String = text
        .chars()
        .map(|c| {
            if crate::words::is_quote_char(c.encode_utf8(&mut [0; 4])) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let joined = no_quotes.split_whitespace().collect::<Vec<_>>().join(" ");
    if lookup_key(&joined).is_empty() {
        text.to_string()
    } else {
        joined
    }
}

/// A person name found on its own that is the kunya («أبو حمزة») or the family name of exactly
/// one fuller name in the document belongs to that person.
fn merge_short_names(cands: &[Cand], parent: &mut [usize]) {
    let per = |c: &Cand| c.kind == EntityType::Per && !c.name_key.is_empty();
    for i in 0..cands.len() {
        if !per(&cands[i]) || cands[i].link.is_some() {
            continue;
        }
        let short = &cands[i].name_key;
        let fuller: Vec<usize> = (0..cands.len())
            .filter(|&j| per(&cands[j]) && cands[j].name_key.len() > short.len())
            .filter(|&j| {
                let full = &cands[j].name_key;
                let kunya = matches!(short[0].as_str(), "ابو" | "ام") && full.starts_with(short);
                kunya || full.ends_with(short)
            })
            .collect();
        let mut names: Vec<&Vec<String>> = fuller.iter().map(|&j| &cands[j].name_key).collect();
        names.sort();
        names.dedup();
        let kbs: Vec<Option<usize>> = fuller.iter().map(|&j| cands[j].kb).collect();
        let one_actor = names.len() == 1 || kbs.windows(2).all(|w| w[0] == w[1] && w[0].is_some());
        if !fuller.is_empty() && one_actor && (cands[i].kb.is_none() || cands[i].kb == kbs[0]) {
            union(parent, i, fuller[0]);
        }
    }
}
