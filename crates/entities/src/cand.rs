//! Candidate mentions: what the grammar, the knowledge base and the tagger propose, and the
//! selection of the best non-overlapping ones.

use isnad_kb::EntityType;

use crate::words::Word;

/// How a candidate was found; higher sources win ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Source {
    Ner,
    Propagated,
    Anaphor,
    Given,
    Kunya,
    Head,
    Role,
    Kb,
}

/// A candidate mention over tokens `first..=last`.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub first: usize,
    pub last: usize,
    /// Code-point span in the original text (proclitics and quote marks at the edges excluded).
    pub start: usize,
    pub end: usize,
    pub kind: EntityType,
    /// Knowledge-base entry index, when known.
    pub kb: Option<usize>,
    pub source: Source,
    /// The name proper as canonical token keys (titles and head nouns left out), for grouping.
    pub name_key: Vec<String>,
    /// The organization or place head noun that opened it («حركة»), if any.
    pub head: Option<String>,
    /// For propagated and anaphoric mentions: the index of the mention they refer back to.
    pub link: Option<usize>,
}

impl Cand {
    pub fn len(&self) -> usize {
        self.last - self.first + 1
    }
    pub fn overlaps(&self, first: usize, last: usize) -> bool {
        self.first <= last && first <= self.last
    }
}

/// Whether the tagger's name `n` completes the grammar's `g`: `g` is a person name the grammar
/// read from a given name, or a name opened by a head noun, not linked to the knowledge base, and
/// `n` is of the same type and holds it and more words. The grammar stops before a family name
/// that is also a common word («عادل الجبير», «وليد المعلم») and before the complements of a head
/// noun it cannot read; the tagger, trained on names in context, reads on.
pub(crate) fn extends(n: &Cand, g: &Cand) -> bool {
    n.kind == g.kind
        && ((g.kind == EntityType::Per && g.source == Source::Given) || g.source == Source::Head)
        && g.kb.is_none()
        && n.first <= g.first
        && g.last <= n.last
        && n.len() > g.len()
}

/// Cuts a person name the grammar read from a given name back to where the tagger's person
/// ends, when the tagger starts at the same word and stops sooner: the grammar takes any open
/// word after a given name for the family name («أحمد بشكل», «خالد اختفاء»), while the tagger,
/// trained on names in context, knows a family name from a common word.
pub(crate) fn trim_to_tagger(words: &[Word], selected: &mut [Cand], ner: &[Cand]) {
    for c in selected
        .iter_mut()
        .filter(|c| c.kind == EntityType::Per && c.source == Source::Given && c.kb.is_none())
    {
        let Some(n) = ner.iter().find(|n| {
            n.kind == EntityType::Per && n.first == c.first && n.last >= c.first && n.last < c.last
        }) else {
            continue;
        };
        c.last = n.last;
        c.end = words[n.last].end;
        c.name_key = (c.first..=c.last)
            .filter(|&i| words[i].is_word)
            .map(|i| words[i].key.clone())
            .collect();
    }
}

/// The code-point span of tokens `first..=last` without `skip` proclitic code points.
pub(crate) fn span_of(words: &[Word], first: usize, skip: usize, last: usize) -> (usize, usize) {
    (words[first].start + skip, words[last].end)
}

/// Keeps the best non-overlapping candidates: longer first, then by source.
pub(crate) fn select(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.sort_by(|a, b| {
        b.len()
            .cmp(&a.len())
            .then(b.source.cmp(&a.source))
            .then(a.first.cmp(&b.first))
    });
    let mut kept: Vec<Cand> = Vec::new();
    for c in cands {
        if !kept.iter().any(|k| k.overlaps(c.first, c.last)) {
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.start);
    kept
}
