//! Spotting knowledge-base names in the token stream, so that known actors are found even where
//! the tagger misses them.

use std::collections::HashMap;

use isnad_kb::{lookup_key, Kb};

use crate::words::Word;

/// What a spotted phrase is in the knowledge base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AliasKind {
    /// The entry's name or a strong alias.
    Name,
    /// A descriptive role («الخليفة») that stands for the entry only in context.
    Role,
}

/// A knowledge-base phrase found at tokens `first..=last`.
#[derive(Debug, Clone)]
pub(crate) struct Spot {
    pub first: usize,
    pub last: usize,
    /// Code points of proclitics on the first token, outside the mention.
    pub skip: usize,
    pub entry: usize,
    pub kind: AliasKind,
}

/// Token-key sequences of every strong alias and role of the knowledge base.
#[derive(Debug)]
pub(crate) struct Gazetteer {
    map: HashMap<Vec<String>, Vec<(usize, AliasKind)>>,
    max_len: usize,
}

/// Splits a search key into the token keys the document tokenizer would produce («اوبك+» → «اوبك», «+»).
fn token_keys(key: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in key.split(' ') {
        match part.strip_suffix('+') {
            Some(stem) if !stem.is_empty() => {
                out.push(stem.to_string());
                out.push("+".to_string());
            }
            _ => out.push(part.to_string()),
        }
    }
    out
}

impl Gazetteer {
    pub fn new(kb: &Kb) -> Self {
        let mut map: HashMap<Vec<String>, Vec<(usize, AliasKind)>> = HashMap::new();
        let mut max_len = 1;
        for (i, e) in kb.list().iter().enumerate() {
            let names = e.strong_names_ar().map(|n| (n, AliasKind::Name));
            for (name, kind) in
                names.chain(e.roles_ar.iter().map(|r| (r.as_str(), AliasKind::Role)))
            {
                let keys = token_keys(&lookup_key(name));
                if keys.is_empty() || keys[0].is_empty() {
                    continue;
                }
                max_len = max_len.max(keys.len());
                // Foreign names also take the article in running text («الأسوشيتد برس»).
                let with_article = isnad_kb::add_article(&keys[0])
                    .filter(|_| kind == AliasKind::Name && keys.len() > 1)
                    .map(|first| {
                        let mut k = keys.clone();
                        k[0] = first;
                        k
                    });
                for k in std::iter::once(keys).chain(with_article) {
                    let list = map.entry(k).or_default();
                    if !list.contains(&(i, kind)) {
                        list.push((i, kind));
                    }
                }
            }
            // English names spot Latin-script tokens («CNN», «Reuters»); see `spot_at`.
            let english = std::iter::once(&e.name_en).chain(&e.aliases_en);
            for name in english.filter(|n| n.chars().count() >= 3 || is_acronym(n)) {
                let keys = token_keys(&lookup_key(name));
                if keys.is_empty() || keys[0].is_empty() {
                    continue;
                }
                max_len = max_len.max(keys.len());
                let list = map.entry(keys).or_default();
                if !list.contains(&(i, AliasKind::Name)) {
                    list.push((i, AliasKind::Name));
                }
            }
        }
        Gazetteer { map, max_len }
    }

    /// The longest phrase starting at token `i`, one per alias kind found at that length.
    pub fn spot_at(&self, words: &[Word], i: usize) -> Vec<Spot> {
        let Some(w) = words.get(i).filter(|w| w.is_word) else {
            return Vec::new();
        };
        // Latin-script names count only when capitalized as names are («CNN», «Reuters»),
        // not as English words («us», «is»).
        if w.key.is_ascii() && !w.text.chars().next().is_some_and(char::is_uppercase) {
            return Vec::new();
        }
        let mut best: Vec<Spot> = Vec::new();
        let mut best_len = 0;
        for r in &w.readings {
            let mut seq = vec![r.key.clone()];
            let mut j = i;
            loop {
                if let Some(hits) = self.map.get(&seq) {
                    let len = j - i + 1;
                    if len > best_len {
                        best.clear();
                        best_len = len;
                    }
                    if len == best_len {
                        for &(entry, kind) in hits {
                            if !best.iter().any(|s| s.entry == entry && s.kind == kind) {
                                best.push(Spot {
                                    first: i,
                                    last: j,
                                    skip: r.skip,
                                    entry,
                                    kind,
                                });
                            }
                        }
                    }
                }
                if seq.len() >= self.max_len {
                    break;
                }
                let Some(next) = words.get(j + 1) else { break };
                let plus = next.key == "+" && next.start == words[j].end;
                if !(plus || words[j].joined_next && next.is_word) {
                    break;
                }
                seq.push(next.key.clone());
                j += 1;
            }
        }
        if best_len == 1
            && best.iter().all(|s| s.kind == AliasKind::Name)
            && adjective_use(words, i)
        {
            return Vec::new();
        }
        best
    }
}

/// Whether an English name is an acronym («UN», «AP»): kept even when short.
fn is_acronym(name: &str) -> bool {
    name.chars().count() >= 2 && name.chars().all(|c| c.is_ascii_uppercase())
}

/// Whether a one-word name at `i` is here an ordinary word: a definite nisba right after a
/// definite noun is an adjective («اللغة العربية», «الدول العربية»), and «شبه الجزيرة» is
/// «the peninsula».
fn adjective_use(words: &[Word], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).and_then(|p| words.get(p)) else {
        return false;
    };
    if !prev.joined_next {
        return false;
    }
    let key = &words[i].key;
    if prev.key == "شبه" {
        return true;
    }
    let stop = &crate::lexicon::Lexicon::global().stop;
    // A verb such as «والتقى» only looks definite.
    let prev_definite = !prev.readings.iter().any(|r| stop.contains(&r.key))
        && prev
            .readings
            .iter()
            .any(|r| r.key.starts_with("ال") && r.key.chars().count() > 3);
    prev_definite && crate::lexicon::is_definite_nisba(key)
}
