//! Feature extraction: per-token properties, then hashed feature ids over a ±2 window.
//!
//! Every feature is a (template, value) pair hashed with FNV-1a into a `u64`; the model maps hashes to
//! weight rows. Hashing keeps the model file free of feature strings and makes extraction allocation-light.

use crate::clusters::Clusters;
use crate::gazetteer::Gazetteer;
use crate::normalize::{key_into, norm_key};
use isnad_doc::Lexicon;
use isnad_learn::{fnv1a_extend, FastMap, FNV_OFFSET};
use isnad_morph::{Segment, SegmentKind};

/// What the extractor knows about one surface token.
#[derive(Debug, Clone, Default)]
pub(crate) struct TokInfo {
    /// Normalized surface form.
    pub(crate) surface: String,
    /// Normalized stem (clitics removed).
    pub(crate) stem: String,
    /// Normalized stem without the article (equal to `stem` when there is none).
    pub(crate) bare: String,
    /// The stem carries the article ال.
    pub(crate) article: bool,
    /// Proclitic forms joined by `+` (empty if none).
    pub(crate) procl: String,
    /// Enclitic present.
    pub(crate) encl: bool,
    /// UPOS of the stem.
    pub(crate) upos: &'static str,
    /// Coarse shape: `A` Arabic, `L` Latin, `D` digits, `P` punctuation, `M` mixed.
    pub(crate) shape: u8,
    /// Cluster ids of the stem (or surface) at three granularities; u16::MAX when unknown.
    pub(crate) cl: [u16; 3],
    /// Cluster ids of the surface form.
    pub(crate) cl_surf: [u16; 3],
    /// Frequency-rank bucket in the raw news vocabulary (0 = top 1K ... 4 = unknown).
    pub(crate) freq: u8,
    /// Gazetteer class bits and role (1 = B, 2 = I, 0 = none).
    pub(crate) gaz: (u8, u8),
    /// Trigger-word class (0 = none).
    pub(crate) trig: u8,
    /// Label-memory span match: label bits and role (1 = B, 2 = I, 0 = none); see `memory.rs`.
    pub(crate) mem: (u8, u8),
    /// Label-memory word statistics: 1 + majority label index (0 = never a name) and share bucket.
    pub(crate) wmem: (u8, u8),
    /// Second pass only: what the first pass said about this token and its word elsewhere nearby.
    pub(crate) stack: Option<Stacked>,
}

/// First-pass evidence for the second (stacked) pass.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Stacked {
    /// First-pass tag index of this token.
    pub(crate) own: u8,
    /// Majority first-pass entity label (1 + label index) of the same word in nearby sentences;
    /// 0 = the word does not occur elsewhere nearby, 5 = it occurs only outside entities.
    pub(crate) doc_label: u8,
    /// Share of those occurrences with that label: 0 (< 1/3), 1 (< 2/3), 2 (≥ 2/3).
    pub(crate) doc_share: u8,
}

/// Trigger classes.
const T_TITLE: u8 = 1;
const T_ORGHEAD: u8 = 2;
const T_LOCCUE: u8 = 3;
const T_LOCPREP: u8 = 4;
const T_SPEECH: u8 = 5;
const T_NAMEPART: u8 = 6;

/// The cue-word lists (`lexicons/NAME.tsv`) and their trigger classes. They are general Arabic news
/// vocabulary, not corpus strings: titles precede persons, heads open organizations, place nouns and
/// locative prepositions precede locations, speech verbs follow or precede persons. A word in two
/// lists has the class of the first. Entries are keyed by [`norm_key`] (not the lexicon's own fold):
/// the trigger class is a model feature, so the key must be the one the models were trained with.
const TRIGGER_LISTS: [(u8, &str); 6] = [
    (T_TITLE, "ner_titles"),
    (T_ORGHEAD, "ner_organization_heads"),
    (T_LOCCUE, "ner_place_nouns"),
    (T_LOCPREP, "ner_locative_prepositions"),
    (T_SPEECH, "ner_speech_verbs"),
    (T_NAMEPART, "ner_name_particles"),
];

fn trigger_of(key: &str) -> u8 {
    use std::sync::OnceLock;
    static MAP: OnceLock<FastMap<String, u8>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m = FastMap::default();
        for (class, list) in TRIGGER_LISTS {
            for e in Lexicon::embedded(list).entries() {
                m.entry(norm_key(&e.text)).or_insert(class);
            }
        }
        m
    });
    map.get(key).copied().unwrap_or(0)
}

fn shape_of(word: &str) -> u8 {
    let (mut ar, mut lat, mut dig, mut other) = (false, false, false, false);
    for c in word.chars() {
        if crate::normalize::is_arabic_letter(c) || crate::normalize::is_mark(c) {
            ar = true;
        } else if c.is_ascii_digit() || ('٠'..='٩').contains(&c) {
            dig = true;
        } else if c.is_alphabetic() {
            lat = true;
        } else {
            other = true;
        }
    }
    match (ar, lat, dig, other) {
        (true, false, false, false) => b'A',
        (false, true, false, false) => {
            if word.chars().next().is_some_and(char::is_uppercase) {
                b'C'
            } else {
                b'L'
            }
        }
        (false, false, true, _) => b'D',
        (false, false, false, true) => b'P',
        _ => b'M',
    }
}

/// Builds token infos for one sentence from surface words and their segments.
pub(crate) fn token_infos(
    words: &[&str],
    segs: &[Vec<Segment>],
    clusters: &Clusters,
    gaz: &Gazetteer,
) -> Vec<TokInfo> {
    let mut infos: Vec<TokInfo> = Vec::with_capacity(words.len());
    for (w, seg) in words.iter().zip(segs) {
        let mut info = TokInfo {
            surface: norm_key(w),
            upos: "X",
            shape: shape_of(w),
            ..TokInfo::default()
        };
        let mut stem_found = false;
        for s in seg {
            match s.kind {
                SegmentKind::Proclitic => {
                    if !info.procl.is_empty() {
                        info.procl.push('+');
                    }
                    info.procl.push_str(&s.form);
                }
                SegmentKind::Stem if !stem_found => {
                    key_into(&s.form, &mut info.stem);
                    info.upos = s.upos.as_str();
                    stem_found = true;
                }
                SegmentKind::Stem => {}
                SegmentKind::Enclitic => info.encl = true,
            }
        }
        if !stem_found || info.stem.is_empty() {
            info.stem = info.surface.clone();
        }
        match isnad_morph::strip_article(&info.stem) {
            Some(n) if n < info.stem.chars().count() => {
                info.article = true;
                info.bare = info.stem.chars().skip(n).collect();
            }
            _ => info.bare = info.stem.clone(),
        }
        info.cl = clusters.ids(&info.stem).unwrap_or([u16::MAX; 3]);
        info.cl_surf = clusters.ids(&info.surface).unwrap_or([u16::MAX; 3]);
        info.freq = match clusters.rank(&info.stem) {
            Some(r) if r < 1_000 => 0,
            Some(r) if r < 5_000 => 1,
            Some(r) if r < 20_000 => 2,
            Some(_) => 3,
            None => 4,
        };
        info.trig = match trigger_of(&info.bare) {
            0 => trigger_of(&info.stem),
            t => t,
        };
        infos.push(info);
    }
    let first: Vec<&str> = infos.iter().map(|i| i.stem.as_str()).collect();
    let keys: Vec<&str> = infos.iter().map(|i| i.surface.as_str()).collect();
    let tags = gaz.tag(&first, &keys);
    // A match on stems alone also counts (e.g. «وبغداد» inside a phrase), when the surface did not match.
    let stem_tags = gaz.tag(&first, &first);
    for (i, (t, s)) in tags.into_iter().zip(stem_tags).enumerate() {
        infos[i].gaz = if t.1 != 0 { t } else { s };
    }
    infos
}

/// Accumulates hashed features for one token: FNV-1a over `template (0x1F part)*`, hashed on the fly.
struct Sink<'a> {
    out: &'a mut Vec<u64>,
}

impl Sink<'_> {
    #[inline]
    fn add(&mut self, template: u8, parts: &[&[u8]]) {
        let mut h = fnv1a_extend(FNV_OFFSET, &[template]);
        for p in parts {
            h = fnv1a_extend(h, &[0x1F]);
            h = fnv1a_extend(h, p);
        }
        self.out.push(h);
    }
}

fn char_prefix(s: &str, n: usize) -> Option<&str> {
    let mut it = s.char_indices();
    let end = it.nth(n).map(|(b, _)| b);
    match end {
        Some(b) => Some(&s[..b]),
        None if s.chars().count() == n => Some(s),
        None => None,
    }
}

fn char_suffix(s: &str, n: usize) -> Option<&str> {
    let count = s.chars().count();
    if count < n {
        return None;
    }
    let skip = count - n;
    s.char_indices().nth(skip).map(|(b, _)| &s[b..])
}

/// Feature hashes of token `i` of a sentence, appended to `out` (cleared first).
#[cfg(feature = "train")]
pub(crate) fn features(infos: &[TokInfo], i: usize, out: &mut Vec<u64>) {
    out.clear();
    base_features(infos, i, out);
    stack_features(infos, i, out);
}

/// The first-pass features of token `i`, appended to `out`.
pub(crate) fn base_features(infos: &[TokInfo], i: usize, out: &mut Vec<u64>) {
    let mut s = Sink { out };
    let t = &infos[i];
    let stem = t.stem.as_bytes();
    s.add(0, &[]);
    s.add(1, &[stem]);
    s.add(2, &[t.surface.as_bytes()]);
    s.add(16, &[t.bare.as_bytes()]);
    s.add(17, &[&[t.article as u8]]);
    for n in 1..=4 {
        if let Some(p) = char_prefix(&t.bare, n) {
            s.add(3, &[&[n as u8], p.as_bytes()]);
        }
        if let Some(p) = char_suffix(&t.bare, n) {
            s.add(4, &[&[n as u8], p.as_bytes()]);
        }
    }
    s.add(5, &[t.procl.as_bytes()]);
    s.add(6, &[t.upos.as_bytes()]);
    s.add(7, &[&[t.shape, t.encl as u8]]);
    s.add(8, &[&[t.freq]]);
    let len = t.stem.chars().count().min(8) as u8;
    s.add(9, &[&[len]]);
    for lvl in 0..3 {
        s.add(10, &[&[lvl as u8], &t.cl[lvl].to_le_bytes()]);
        s.add(11, &[&[lvl as u8], &t.cl_surf[lvl].to_le_bytes()]);
    }
    s.add(12, &[&[t.gaz.0, t.gaz.1]]);
    for bit in [1u8, 2, 4, 8] {
        if t.gaz.0 & bit != 0 {
            s.add(13, &[&[bit, t.gaz.1]]);
        }
    }
    s.add(14, &[&[t.trig]]);
    s.add(15, &[&[(i == 0) as u8]]);
    // Window features.
    for off in [-2i32, -1, 1, 2] {
        let j = i as i32 + off;
        let o = [(off + 2) as u8];
        if j < 0 || j >= infos.len() as i32 {
            s.add(20, &[&o, b"<pad>"]);
            continue;
        }
        let u = &infos[j as usize];
        s.add(20, &[&o, u.bare.as_bytes()]);
        s.add(21, &[&o, &u.cl[1].to_le_bytes()]);
        s.add(22, &[&o, &u.cl[2].to_le_bytes()]);
        s.add(23, &[&o, &[u.trig]]);
        s.add(24, &[&o, &[u.gaz.0, u.gaz.1]]);
        s.add(25, &[&o, &[u.shape]]);
        if off.abs() == 1 {
            s.add(26, &[&o, u.procl.as_bytes()]);
            s.add(27, &[&o, u.upos.as_bytes()]);
            s.add(28, &[&o, &u.cl[0].to_le_bytes()]);
            if let Some(p) = char_suffix(&u.stem, 2) {
                s.add(29, &[&o, p.as_bytes()]);
            }
        }
    }
    // Conjunctions.
    if i > 0 {
        let p = &infos[i - 1];
        s.add(40, &[p.bare.as_bytes(), t.bare.as_bytes()]);
        s.add(41, &[&[p.trig], &t.cl[1].to_le_bytes()]);
        s.add(42, &[&[p.gaz.0, p.gaz.1, t.gaz.0, t.gaz.1]]);
    }
    if i + 1 < infos.len() {
        s.add(43, &[t.bare.as_bytes(), infos[i + 1].bare.as_bytes()]);
    }
    s.add(44, &[t.procl.as_bytes(), &t.cl[1].to_le_bytes()]);
    // Cluster bigrams: name-after-title and name-after-name patterns that generalize past the words.
    if i > 0 {
        let p = &infos[i - 1];
        s.add(45, &[&p.cl[1].to_le_bytes(), &t.cl[1].to_le_bytes()]);
        s.add(46, &[&p.cl[2].to_le_bytes(), &[t.freq, t.shape]]);
    }
    if i + 1 < infos.len() {
        let n = &infos[i + 1];
        s.add(47, &[&t.cl[1].to_le_bytes(), &n.cl[1].to_le_bytes()]);
    }
    s.add(48, &[t.upos.as_bytes(), &[t.freq, t.gaz.0]]);
    // Label memory of the training data.
    s.add(70, &[&[t.mem.0, t.mem.1]]);
    s.add(71, &[&[t.wmem.0, t.wmem.1]]);
    s.add(72, &[&[t.mem.0, t.mem.1, t.wmem.0, t.wmem.1]]);
    for off in [-1i32, 1] {
        let j = i as i32 + off;
        if let Some(u) = usize::try_from(j).ok().and_then(|j| infos.get(j)) {
            let o = (off + 2) as u8;
            s.add(73, &[&[o, u.mem.0, u.mem.1]]);
            s.add(74, &[&[o, u.wmem.0, u.wmem.1]]);
        }
    }
}

/// The second-pass (document evidence) features of token `i`, appended to `out`; none in pass 1.
pub(crate) fn stack_features(infos: &[TokInfo], i: usize, out: &mut Vec<u64>) {
    let mut s = Sink { out };
    let t = &infos[i];
    if let Some(st) = t.stack {
        s.add(60, &[&[st.own]]);
        s.add(61, &[&[st.doc_label, st.doc_share]]);
        s.add(62, &[&[st.doc_label, st.own]]);
        let prev = if i > 0 {
            infos[i - 1].stack.map_or(99, |p| p.own)
        } else {
            100
        };
        let next = infos
            .get(i + 1)
            .and_then(|n| n.stack)
            .map_or(100, |n| n.own);
        s.add(63, &[&[prev, st.own, next]]);
        s.add(64, &[&[prev, st.doc_label]]);
        if let Some(n) = infos.get(i + 1).and_then(|n| n.stack) {
            s.add(65, &[&[n.doc_label, n.doc_share]]);
        }
        if i > 0 {
            if let Some(p) = infos[i - 1].stack {
                s.add(66, &[&[p.doc_label, p.doc_share]]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_suffixes_count_chars() {
        assert_eq!(char_prefix("حماس", 2), Some("حم"));
        assert_eq!(char_prefix("حماس", 4), Some("حماس"));
        assert_eq!(char_prefix("حماس", 5), None);
        assert_eq!(char_suffix("حماس", 1), Some("س"));
        assert_eq!(char_suffix("حم", 3), None);
    }

    #[test]
    fn triggers_are_normalized() {
        assert_eq!(trigger_of(&norm_key("وزارة")), T_ORGHEAD);
        assert_eq!(trigger_of(&norm_key("أمير")), T_TITLE);
        assert_eq!(trigger_of("xyz"), 0);
    }

    /// The trigger class is a model feature: the map read from the word lists must stay the one
    /// the committed models were trained with (174 keys; the fingerprint is FNV-1a over the sorted
    /// `key TAB class NEWLINE` lines, computed from the Rust arrays the lists replaced). When a
    /// list is edited on purpose, retrain the NER models and update the fingerprint.
    #[test]
    fn trigger_map_is_the_one_the_models_were_trained_with() {
        trigger_of("");
        let mut map: Vec<(String, u8)> = TRIGGER_LISTS
            .iter()
            .flat_map(|&(_, list)| Lexicon::embedded(list).entries())
            .map(|e| norm_key(&e.text))
            .map(|k| {
                let class = trigger_of(&k);
                (k, class)
            })
            .collect();
        map.sort();
        map.dedup();
        let mut h = FNV_OFFSET;
        for (k, class) in &map {
            h = fnv1a_extend(h, k.as_bytes());
            h = fnv1a_extend(h, &[b'\t', *class, b'\n']);
        }
        assert_eq!(map.len(), 174);
        assert_eq!(h, 0x0264_52ec_7ee6_2d2b);
    }
}
