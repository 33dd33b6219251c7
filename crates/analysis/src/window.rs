//! Long documents are analyzed in windows of whole sentences, then merged.
//!
//! Why: in-document linking compares mentions with earlier ones and the NER decoder keeps
//! features for the whole document, so one pass over a 100 MB single-line file would take time
//! quadratic in its length and memory far beyond its size. News articles are a few thousand
//! characters, so a window of [`WINDOW_CHARS`] changes nothing for them; a giant input gets time
//! linear in its size and memory bounded by the window plus the output. Entities that recur in
//! several windows are merged afterwards by [`isnad_doc::identity_key`] (knowledge-base id, else
//! type and name key), the key the corpus merges documents by, so the output keeps one entity
//! per actor.

use crate::contract::Analysis;
use isnad_entities::Entity;
use std::collections::HashMap;

/// Documents longer than this (in code points) are cut into windows of about this size.
pub const WINDOW_CHARS: usize = 20_000;

/// How far past a hard cut (one sentence longer than a window) we look for a space to cut at.
const SPACE_LOOKAHEAD: usize = 2_000;

/// A piece of the input: byte range, and the code-point offset of its first char.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Window {
    pub byte_start: usize,
    pub byte_end: usize,
    pub char_start: usize,
}

/// Cuts `text` at sentence starts so that each window holds at most about `max_chars` chars;
/// a sentence longer than that is cut at a space (or anywhere, if none is near).
pub(crate) fn windows(text: &str, max_chars: usize) -> Vec<Window> {
    let max_chars = max_chars.max(1);
    let total = text.chars().count();
    // Cut points in code points, strictly increasing, each marked hard when it is not a
    // sentence start.
    let mut cuts: Vec<(usize, bool)> = Vec::new();
    let mut last_cut = 0;
    let mut boundary = 0; // the latest sentence start after `last_cut`
    let sentence_starts = isnad_text::split_sentences(text)
        .into_iter()
        .map(|s| s.start)
        .chain(std::iter::once(total));
    for start in sentence_starts {
        while start - last_cut > max_chars {
            let cut = if boundary > last_cut {
                (boundary, false)
            } else {
                (last_cut + max_chars, true)
            };
            cuts.push(cut);
            last_cut = cut.0;
        }
        boundary = start;
    }
    to_windows(text, &cuts)
}

/// Maps char cut points to byte windows in one pass; hard cuts move forward to the next space.
fn to_windows(text: &str, cuts: &[(usize, bool)]) -> Vec<Window> {
    let mut out: Vec<Window> = Vec::with_capacity(cuts.len() + 1);
    let mut chars = text.char_indices().enumerate();
    // The current window's start, and the position the iterator has reached: (byte, char).
    let mut start = (0usize, 0usize);
    let mut pos = (0usize, 0usize);
    for &(cut, hard) in cuts {
        if cut <= start.1 {
            continue; // an earlier hard cut moved past this one
        }
        while pos.1 < cut {
            pos = next_position(&mut chars, text.len(), pos);
        }
        if hard {
            let mut moved = 0;
            while moved < SPACE_LOOKAHEAD && pos.0 < text.len() && !at_space(text, pos.0) {
                pos = next_position(&mut chars, text.len(), pos);
                moved += 1;
            }
        }
        if pos.0 >= text.len() {
            break;
        }
        out.push(Window {
            byte_start: start.0,
            byte_end: pos.0,
            char_start: start.1,
        });
        start = pos;
    }
    out.push(Window {
        byte_start: start.0,
        byte_end: text.len(),
        char_start: start.1,
    });
    out
}

/// The (byte, char) position one char after `pos`.
fn next_position(
    chars: &mut std::iter::Enumerate<std::str::CharIndices<'_>>,
    len: usize,
    pos: (usize, usize),
) -> (usize, usize) {
    // The iterator yields the char *at* a position; the one after it is the next yield.
    match chars.next() {
        Some((ci, (bi, c))) => {
            debug_assert_eq!(ci, pos.1);
            (bi + c.len_utf8(), ci + 1)
        }
        None => (len, pos.1),
    }
}

fn at_space(text: &str, byte: usize) -> bool {
    text[byte..].chars().next().is_some_and(char::is_whitespace)
}

/// Merges per-window analyses (in window order) into one, shifting offsets and renaming
/// entity ids so that one actor seen in several windows is one entity.
pub(crate) fn merge(mut parts: Vec<(Window, Analysis)>) -> Option<Analysis> {
    if parts.is_empty() {
        return None;
    }
    let (_, first) = parts.remove(0);
    let mut merged = first;
    let mut registry = EntityRegistry::default();
    let first_ids = registry.absorb(std::mem::take(&mut merged.entities));
    rename(&mut merged, &first_ids);
    for (window, mut part) in parts {
        shift(&mut part, window.char_start);
        let ids = registry.absorb(std::mem::take(&mut part.entities));
        rename(&mut part, &ids);
        merged.sentences.extend(part.sentences);
        merged.relations.extend(part.relations);
        merged.quotes.extend(part.quotes);
        merged.dates.extend(part.dates);
        if let (Some(all), Some(mut more)) = (merged.tokens.as_mut(), part.tokens) {
            // Heads point into the window's own token list; the merged list is longer.
            let before = all.len();
            for seg in more.iter_mut().flat_map(|t| t.segments.iter_mut()) {
                if let Some(head) = seg.head.as_mut() {
                    head[0] += before;
                }
            }
            all.extend(more);
        }
    }
    merged.entities = registry.entities;
    dedup_relations(&mut merged.relations);
    Some(merged)
}

/// One relation per (subject, type, object, negated) in the document, as the contract has it:
/// windows that state the same relation keep the most confident statement of it.
fn dedup_relations(relations: &mut Vec<isnad_extract::Relation>) {
    let mut first: HashMap<(String, isnad_extract::RelationType, String, bool), usize> =
        HashMap::new();
    let mut out: Vec<isnad_extract::Relation> = Vec::with_capacity(relations.len());
    for r in relations.drain(..) {
        let (s, o) = if r.kind.is_symmetric() && r.object < r.subject {
            (r.object.clone(), r.subject.clone())
        } else {
            (r.subject.clone(), r.object.clone())
        };
        match first.entry((s, r.kind, o, r.negated)) {
            std::collections::hash_map::Entry::Occupied(e) => {
                let kept = &mut out[*e.get()];
                if r.confidence > kept.confidence {
                    *kept = r;
                }
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(out.len());
                out.push(r);
            }
        }
    }
    *relations = out;
}

/// Moves every offset of a window's analysis by the window's start.
pub(crate) fn shift(a: &mut Analysis, by: usize) {
    if by == 0 {
        return;
    }
    for s in &mut a.sentences {
        s.start += by;
        s.end += by;
    }
    for e in &mut a.entities {
        for m in &mut e.mentions {
            m.start += by;
            m.end += by;
        }
    }
    for r in &mut a.relations {
        r.evidence.start += by;
        r.evidence.end += by;
    }
    for q in &mut a.quotes {
        q.start += by;
        q.end += by;
    }
    for d in &mut a.dates {
        d.start += by;
        d.end += by;
    }
    for t in a.tokens.iter_mut().flatten() {
        t.start += by;
        t.end += by;
        for s in &mut t.segments {
            s.start += by;
            s.end += by;
        }
    }
}

fn rename(a: &mut Analysis, ids: &HashMap<String, String>) {
    let map = |id: &mut String| {
        if let Some(new) = ids.get(id.as_str()) {
            id.clone_from(new);
        }
    };
    for r in &mut a.relations {
        map(&mut r.subject);
        map(&mut r.object);
        if let Some(by) = r.asserted_by.as_mut() {
            map(by);
        }
    }
    for q in &mut a.quotes {
        if let Some(s) = q.speaker.as_mut() {
            map(s);
        }
        q.via.iter_mut().for_each(map);
    }
}

/// The merged entity list, with the key each entity is recognized by across windows.
#[derive(Default)]
struct EntityRegistry {
    entities: Vec<Entity>,
    by_key: HashMap<String, usize>,
}

impl EntityRegistry {
    /// Adds a window's entities; returns window id → merged id.
    fn absorb(&mut self, entities: Vec<Entity>) -> HashMap<String, String> {
        let mut ids = HashMap::new();
        for entity in entities {
            // The one identity key: the corpus merges documents' entities by it too.
            let key = isnad_doc::identity_key(entity.kb_id.as_deref(), entity.kind, &entity.name);
            let index = match self.by_key.get(&key) {
                Some(&i) => {
                    let known = &mut self.entities[i];
                    if entity.name.chars().count() > known.name.chars().count() {
                        known.name.clone_from(&entity.name);
                    }
                    known.mentions.extend(entity.mentions.iter().cloned());
                    i
                }
                None => {
                    let i = self.entities.len();
                    let mut fresh = entity.clone();
                    fresh.id = format!("e{}", i + 1);
                    self.entities.push(fresh);
                    self.by_key.insert(key, i);
                    i
                }
            };
            ids.insert(entity.id, self.entities[index].id.clone());
        }
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slices<'a>(text: &'a str, ws: &[Window]) -> Vec<&'a str> {
        ws.iter().map(|w| &text[w.byte_start..w.byte_end]).collect()
    }

    #[test]
    fn short_text_is_one_window() {
        let text = "قال الوزير. وأضاف المتحدث.";
        let ws = windows(text, 1000);
        assert_eq!(ws.len(), 1);
        assert_eq!(slices(text, &ws), vec![text]);
    }

    #[test]
    fn windows_cover_the_text_at_sentence_starts() {
        let text = "جملة أولى هنا. جملة ثانية هنا. جملة ثالثة هنا. جملة رابعة هنا.";
        let ws = windows(text, 20);
        assert!(ws.len() >= 2);
        assert_eq!(slices(text, &ws).concat(), text);
        for w in &ws[1..] {
            assert!(text[w.byte_start..].starts_with("جملة"));
            assert_eq!(text[..w.byte_start].chars().count(), w.char_start);
        }
    }

    #[test]
    fn one_giant_sentence_is_cut_at_spaces() {
        let text = "كلمة ".repeat(1000);
        let ws = windows(&text, 100);
        assert!(ws.len() >= 10);
        assert_eq!(slices(&text, &ws).concat(), text);
        for w in &ws {
            assert_eq!(text[..w.byte_start].chars().count(), w.char_start);
            let piece = &text[w.byte_start..w.byte_end];
            assert!(
                piece.starts_with(' ') || piece.starts_with('ك'),
                "{piece:?}"
            );
        }
    }

    #[test]
    fn text_without_spaces_is_still_cut() {
        let text = "ب".repeat(10_000);
        let ws = windows(&text, 1000);
        assert!(ws.len() >= 2);
        assert_eq!(slices(&text, &ws).concat(), text);
    }

    #[test]
    fn empty_text_is_one_empty_window() {
        assert_eq!(
            windows("", 10),
            vec![Window {
                byte_start: 0,
                byte_end: 0,
                char_start: 0
            }]
        );
    }
}
