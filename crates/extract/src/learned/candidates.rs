//! Relation candidates and their features.
//!
//! A candidate is a pair of actors mentioned in one clause (a sentence, split at semicolons),
//! represented by their closest pair of mentions there. Its features describe what lies between
//! and around the two mentions (words, triggers, speech cues, negators, other mentions), the
//! dependency path that joins them, and what the hand rules concluded about the pair: the rules
//! are evidence for the classifier, never the decision.

use isnad_doc::{AnalyzedText, Dependencies, SegmentKind, SegmentRef, Upos};
use isnad_learn::{fnv1a_extend, mix, row, start, FNV_OFFSET};

use crate::doc::{Doc, MentionRef};
use crate::quotes::Found;
use crate::raw::RawRelation;
use crate::scan::strip_conj;
use crate::triggers::trigger;
use crate::words;
use crate::ActorKind;

/// One pair of actors in one clause.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    /// The mention that comes first in the text.
    pub first: MentionRef,
    /// The mention that comes second.
    pub second: MentionRef,
    /// The clause, in code points.
    pub clause: (usize, usize),
    /// Its index in the clause list.
    pub index: usize,
}

/// What feature extraction reads besides the candidate.
pub(crate) struct Context<'a> {
    pub doc: &'a Doc<'a>,
    pub analyzed: &'a AnalyzedText<'a>,
    pub syntax: Option<&'a Dependencies>,
    /// The rules' relations, as features.
    pub rules: &'a [RawRelation],
    pub quotes: &'a [Found],
    /// The token of each scanned word.
    word_token: Vec<usize>,
}

/// Mentions per clause beyond which the farthest pairs are not worth a candidate.
const MAX_MENTIONS: usize = 40;

fn is_argument(kind: ActorKind) -> bool {
    matches!(kind, ActorKind::Per | ActorKind::Org | ActorKind::Loc)
}

/// All candidates of the clauses, one per unordered actor pair and clause.
pub(crate) fn candidates(doc: &Doc<'_>, clauses: &[(usize, usize)]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (index, &(ss, se)) in clauses.iter().enumerate() {
        let ms: Vec<&MentionRef> = doc
            .mentions_in(ss, se)
            .iter()
            .filter(|m| is_argument(doc.kind(m)))
            .take(MAX_MENTIONS)
            .collect();
        let first_new = out.len();
        for (i, a) in ms.iter().enumerate() {
            for b in &ms[i + 1..] {
                if a.actor == b.actor {
                    continue;
                }
                if !push_closest(&mut out[first_new..], a, b) {
                    out.push(Candidate {
                        first: **a,
                        second: **b,
                        clause: (ss, se),
                        index,
                    });
                }
            }
        }
    }
    out
}

/// Replaces the clause's candidate for the same actor pair when `a`–`b` are closer; returns
/// whether the pair already had a candidate.
fn push_closest(clause_cands: &mut [Candidate], a: &MentionRef, b: &MentionRef) -> bool {
    let same = |c: &Candidate| {
        (c.first.actor == a.actor && c.second.actor == b.actor)
            || (c.first.actor == b.actor && c.second.actor == a.actor)
    };
    let Some(c) = clause_cands.iter_mut().find(|c| same(c)) else {
        return false;
    };
    if b.w0.saturating_sub(a.w1) < c.second.w0.saturating_sub(c.first.w1) {
        c.first = *a;
        c.second = *b;
    }
    true
}

/// A place name's folded stem, without the article and a final «ا» or «ه» («إيران» → «ايران»,
/// «تركيا» → «تركي», «السعودية» → «سعودي»); `None` for names too short to compare.
fn place_stem(name: &str) -> Option<String> {
    let key = isnad_doc::fold_key(name);
    let key = key.split_whitespace().next()?;
    let key = key.strip_prefix("ال").unwrap_or(key);
    let key = key
        .strip_suffix('ه')
        .or_else(|| key.strip_suffix('ا'))
        .unwrap_or(key);
    (key.chars().count() >= 3).then(|| key.to_string())
}

/// Whether the folded word is an adjective of nationality of the place stem: «الإيراني» of
/// «ايران», «التركية» of «تركي», «الأمريكيين» of «امريك».
fn demonym_of(word: &str, place: &str) -> bool {
    let w = strip_conj(word);
    let w = w.strip_prefix("ال").unwrap_or(w);
    let Some(adj) = words::nisba_suffixes()
        .keys()
        .find_map(|s| w.strip_suffix(s))
    else {
        return false;
    };
    adj.chars().count() >= 3 && (place.starts_with(adj) || adj.starts_with(place))
}

/// A hashed feature vector under construction.
pub(crate) struct Feats {
    bits: u32,
    pub rows: Vec<usize>,
}

impl Feats {
    pub fn new(bits: u32) -> Self {
        Self {
            bits,
            rows: Vec::with_capacity(96),
        }
    }

    fn add(&mut self, template: u32, parts: &[&str]) {
        let mut h = start(template);
        for p in parts {
            h = mix(h, fnv1a_extend(FNV_OFFSET, p.as_bytes()));
        }
        self.rows.push(row(h, self.bits));
    }
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=4 => "3-4",
        5..=7 => "5-7",
        8..=12 => "8-12",
        13..=20 => "13-20",
        _ => "21+",
    }
}

impl<'a> Context<'a> {
    pub fn new(
        doc: &'a Doc<'a>,
        analyzed: &'a AnalyzedText<'a>,
        syntax: Option<&'a Dependencies>,
        rules: &'a [RawRelation],
        quotes: &'a [Found],
    ) -> Self {
        let word_token = doc
            .words
            .iter()
            .map(|w| {
                analyzed
                    .tokens
                    .partition_point(|t| t.end <= w.start)
                    .min(analyzed.tokens.len().saturating_sub(1))
            })
            .collect();
        Self {
            doc,
            analyzed,
            syntax,
            rules,
            quotes,
            word_token,
        }
    }

    /// The folded stem of word `k`: the segmenter's where it has one, else the word without a
    /// leading conjunction.
    fn stem(&self, k: usize) -> &str {
        match self.doc.morph[k].as_ref() {
            Some(m) if !m.stem.is_empty() => &m.stem,
            _ => strip_conj(&self.doc.words[k].norm),
        }
    }

    /// The features of `c` into `f`.
    pub fn features(&self, c: &Candidate, f: &mut Feats) {
        let ta = self.doc.kind(&c.first).as_str();
        let tb = self.doc.kind(&c.second).as_str();
        let gap = c.second.w0.saturating_sub(c.first.w1);
        let between = self
            .doc
            .mentions_in(c.first.end, c.second.start)
            .iter()
            .filter(|m| m.start >= c.first.end && m.end <= c.second.start)
            .count();
        f.add(1, &[ta, tb]);
        f.add(2, &[ta, tb, bucket(gap)]);
        f.add(3, &[ta, tb, bucket(between)]);
        self.lexical(c, ta, tb, f);
        self.inside_features(c, ta, tb, f);
        self.root_features(c, ta, tb, f);
        self.rule_features(c, f);
        self.context_features(c, f);
        self.demonym_features(c, ta, tb, f);
        if let Some(syntax) = self.syntax {
            self.path_features(c, syntax, ta, tb, f);
        }
    }

    /// Words between and around the mentions, triggers and cues by position.
    fn lexical(&self, c: &Candidate, ta: &str, tb: &str, f: &mut Feats) {
        let doc = self.doc;
        let w0 = doc.word_at_or_after(c.clause.0);
        let w1 = doc.word_at_or_after(c.clause.1).min(doc.words.len());
        let (a0, a1, b0, b1) = (c.first.w0, c.first.w1, c.second.w0, c.second.w1);
        for (k, pos) in [(a0.wrapping_sub(1), "a-1"), (a0.wrapping_sub(2), "a-2")] {
            if k >= w0 && k < a0 {
                f.add(10, &[pos, self.stem(k)]);
                f.add(17, &[pos, self.stem(k), ta, tb]);
            }
        }
        for k in b0.saturating_sub(3).max(a1)..b0 {
            f.add(17, &["b-pre", self.stem(k), ta, tb]);
        }
        if b1 < w1 {
            f.add(10, &["b+1", self.stem(b1)]);
        }
        if a1 < b0 {
            f.add(10, &["a+1", self.stem(a1)]);
            f.add(10, &["b-1", self.stem(b0 - 1)]);
            f.add(11, &["a+1", self.stem(a1), ta, tb]);
        } else {
            f.add(10, &["adjacent"]);
            f.add(11, &["adjacent", ta, tb]);
        }
        let near = |k: usize| k + 12 >= b0 || k < a1 + 12;
        for k in (a1..b0).filter(|&k| near(k) && doc.word_mention[k].is_none()) {
            let s = self.stem(k);
            f.add(12, &[s]);
            if let Some(t) = trigger(&doc.words[k].norm, doc.morph[k].as_ref()) {
                f.add(13, &["btw", t.as_str(), ta, tb]);
                f.add(14, &["btw", s, ta, tb]);
            }
            if doc.cue(k, true).is_some() {
                f.add(15, &["cue-btw"]);
            }
        }
        for (range, pos) in [(w0..a0, "before"), (b1..w1, "after")] {
            for k in range.filter(|&k| doc.word_mention[k].is_none()) {
                if let Some(t) = trigger(&doc.words[k].norm, doc.morph[k].as_ref()) {
                    f.add(13, &[pos, t.as_str(), ta, tb]);
                    let dist = if pos == "before" { a0 - k } else { k + 1 - b1 };
                    f.add(16, &[pos, t.as_str(), bucket(dist)]);
                    f.add(14, &[pos, self.stem(k), ta, tb]);
                }
                if doc.cue(k, true).is_some() {
                    f.add(15, &["cue", pos]);
                }
            }
        }
        self.negation(w0, b0, f);
    }

    /// The words that open and close each mention: a title or office inside a mention
    /// («عضو مجلس …», «زعيم جماعة …») tells `member_of` from `leader_of` where nothing
    /// outside the mention does.
    fn inside_features(&self, c: &Candidate, ta: &str, tb: &str, f: &mut Feats) {
        for (m, side) in [(&c.first, "a"), (&c.second, "b")] {
            if m.w1 <= m.w0 + 1 {
                f.add(70, &[side, "single"]);
                continue;
            }
            f.add(70, &[side, "first", self.stem(m.w0)]);
            f.add(71, &[side, "first", self.stem(m.w0), ta, tb]);
            f.add(70, &[side, "last", self.stem(m.w1 - 1)]);
        }
    }

    /// Roots and derived forms of the words between and beside the mentions: they generalize
    /// from the verbs and verbal nouns seen in training to the other persons, tenses and
    /// derivations of the same root.
    fn root_features(&self, c: &Candidate, ta: &str, tb: &str, f: &mut Feats) {
        let doc = self.doc;
        let w0 = doc.word_at_or_after(c.clause.0);
        let (a0, a1, b0) = (c.first.w0, c.first.w1, c.second.w0);
        let mut add = |k: usize, pos: &str| {
            let Some(m) = doc.morph[k].as_ref() else {
                return;
            };
            for r in m.agreeing().take(2) {
                let root: String = r.root.iter().collect();
                let shape = format!("{:?}{:?}", r.form, r.shape);
                f.add(72, &[pos, &root]);
                f.add(73, &[pos, &root, &shape, ta, tb]);
            }
        };
        for k in (a1..b0).filter(|&k| doc.word_mention[k].is_none()).take(6) {
            add(k, "btw");
        }
        for k in a0.saturating_sub(3).max(w0)..a0 {
            if doc.word_mention[k].is_none() {
                add(k, "before");
            }
        }
    }

    /// A negator or a verb of ending a tie in the clause before the second mention.
    fn negation(&self, w0: usize, b0: usize, f: &mut Feats) {
        let doc = self.doc;
        for k in w0..b0 {
            let w = strip_conj(&doc.words[k].norm);
            if words::negators().contains(w) {
                f.add(20, &["neg", w]);
                f.add(20, &["neg"]);
            }
            if words::starts_with_any(words::negating_stems(), w) {
                f.add(20, &["neg-verb"]);
            }
        }
    }

    /// What the rules concluded about this pair in this clause.
    fn rule_features(&self, c: &Candidate, f: &mut Feats) {
        let (a, b) = (c.first.actor, c.second.actor);
        let mut any = false;
        for r in self.rules {
            if r.start >= c.clause.1 || r.end <= c.clause.0 {
                continue;
            }
            let dir = if (r.subject, r.object) == (a, b) {
                "fwd"
            } else if (r.subject, r.object) == (b, a) {
                "bwd"
            } else {
                continue;
            };
            any = true;
            f.add(30, &[r.kind.as_str(), dir]);
            f.add(
                31,
                &[r.kind.as_str(), dir, if r.negated { "neg" } else { "pos" }],
            );
        }
        if !any {
            f.add(30, &["none"]);
        }
    }

    /// Quotes, titles, coordination.
    fn context_features(&self, c: &Candidate, f: &mut Feats) {
        let doc = self.doc;
        let inside = |m: &MentionRef| {
            self.quotes
                .iter()
                .position(|q| q.start <= m.start && m.end <= q.end)
        };
        match (inside(&c.first), inside(&c.second)) {
            (Some(x), Some(y)) if x == y => f.add(40, &["same-quote"]),
            (None, None) => f.add(40, &["no-quote"]),
            _ => f.add(40, &["split-quote"]),
        }
        if !doc.chars[..c.clause.0].contains(&'\n') {
            f.add(41, &["title"]);
        }
        let (a1, b0) = (c.first.w1, c.second.w0);
        let glue: String = doc.chars[c.first.end..c.second.start]
            .iter()
            .filter(|ch| !ch.is_whitespace())
            .collect();
        if b0 == a1 && (glue.is_empty() || glue == "،" || glue == ",") {
            f.add(42, &["list-or-apposition", &glue]);
        }
        if doc.words[b0].norm.starts_with('و') && b0 == a1 {
            f.add(42, &["coordinated"]);
        }
        if let Some(m) = doc.morph[c.second.w0].as_ref() {
            if let Some(p) = m.prep {
                f.add(43, &["prep-b", &p.to_string()]);
            }
        }
        if let Some(m) = doc.morph[c.first.w0].as_ref() {
            if let Some(p) = m.prep {
                f.add(43, &["prep-a", &p.to_string()]);
            }
        }
    }

    /// «وزير الخارجية الإيراني محمد جواد ظريف … إيران»: an adjective of nationality next to one
    /// mention that names the other, a place (the annotation's `member_of` / `leader_of` of an
    /// official and a country, and the test of which country a force or a ministry belongs to).
    fn demonym_features(&self, c: &Candidate, ta: &str, tb: &str, f: &mut Feats) {
        let doc = self.doc;
        let (place, other, which) = if doc.kind(&c.second) == ActorKind::Loc {
            (&c.second, &c.first, "b-place")
        } else if doc.kind(&c.first) == ActorKind::Loc {
            (&c.first, &c.second, "a-place")
        } else {
            return;
        };
        let Some(stem) = place_stem(&doc.actors[place.actor].name) else {
            return;
        };
        let from = other.w0.saturating_sub(5);
        let to = (other.w1 + 3).min(doc.words.len());
        let found = (from..to)
            .filter(|&k| doc.word_mention[k].is_none() || (other.w0..other.w1).contains(&k))
            .any(|k| demonym_of(&doc.words[k].norm, &stem));
        if found {
            f.add(60, &["demonym", which]);
            f.add(60, &["demonym", which, ta, tb]);
        }
    }

    /// The segment of a mention whose head lies outside it: the mention's syntactic root.
    fn mention_root(&self, m: &MentionRef, syntax: &Dependencies) -> Option<SegmentRef> {
        let t0 = self.word_token[m.w0];
        let t1 = self.word_token[m.w1 - 1];
        let mut fallback = None;
        for t in t0..=t1 {
            for (j, s) in self.analyzed.segments.get(t)?.iter().enumerate() {
                if s.kind != SegmentKind::Stem {
                    continue;
                }
                let at = SegmentRef {
                    token: t,
                    segment: j,
                };
                fallback.get_or_insert(at);
                match syntax.head(at) {
                    Some(h) if (t0..=t1).contains(&h.token) => {}
                    _ => return Some(at),
                }
            }
        }
        fallback
    }

    fn seg_form(&self, at: SegmentRef) -> (&str, Upos) {
        self.analyzed
            .segments
            .get(at.token)
            .and_then(|s| s.get(at.segment))
            .map_or(("", Upos::X), |s| (s.form.as_str(), s.upos))
    }

    /// The path between the two mentions' roots through their lowest common ancestor.
    fn path_features(
        &self,
        c: &Candidate,
        syntax: &Dependencies,
        ta: &str,
        tb: &str,
        f: &mut Feats,
    ) {
        let (Some(ra), Some(rb)) = (
            self.mention_root(&c.first, syntax),
            self.mention_root(&c.second, syntax),
        ) else {
            return;
        };
        let chain = |mut at: SegmentRef| {
            let mut v = vec![at];
            while let Some(h) = syntax.head(at) {
                if v.len() > 24 || v.contains(&h) {
                    break;
                }
                v.push(h);
                at = h;
            }
            v
        };
        let (ca, cb) = (chain(ra), chain(rb));
        f.add(50, &["rel-a", syntax.label(ra)]);
        f.add(50, &["rel-b", syntax.label(rb)]);
        f.add(59, &[syntax.label(ra), syntax.label(rb), ta, tb]);
        for (name, up) in [("head-a", ca.get(1)), ("head-b", cb.get(1))] {
            if let Some(&h) = up {
                let (form, upos) = self.seg_form(h);
                f.add(51, &[name, form]);
                f.add(51, &[name, upos.as_str()]);
            }
        }
        let Some((ia, ib)) = ca
            .iter()
            .enumerate()
            .find_map(|(i, s)| cb.iter().position(|t| t == s).map(|j| (i, j)))
        else {
            f.add(52, &["no-path"]);
            return;
        };
        let lca = ca[ia];
        let mut path = String::new();
        for &s in &ca[..ia] {
            path.push('↑');
            path.push_str(syntax.label(s));
        }
        for &s in cb[..ib].iter().rev() {
            path.push('↓');
            path.push_str(syntax.label(s));
        }
        if ia + ib > 8 {
            path = format!("long{}", bucket(ia + ib));
        }
        f.add(52, &[&path]);
        f.add(53, &[&path, ta, tb]);
        let (form, upos) = self.seg_form(lca);
        f.add(54, &["lca", form, upos.as_str()]);
        f.add(55, &["lca", form, ta, tb]);
        for &s in ca.iter().take(ia).skip(1).chain(cb.iter().take(ib).skip(1)) {
            let (form, upos) = self.seg_form(s);
            if upos == Upos::ADP {
                f.add(56, &["path-adp", form]);
            } else {
                f.add(57, &["path-word", form]);
            }
        }
        f.add(58, &[bucket(ia), bucket(ib)]);
    }
}
