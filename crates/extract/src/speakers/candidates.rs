//! The candidate speakers of one quote and their features.
//!
//! Candidates are the persons and organizations named in the quote's sentence, in the sentences
//! before it (up to [`BACK_SENTENCES`]) and in the rest of the sentence after it, plus the
//! previous quote's speaker, the rules' choice, and "none". Each one is described by hashed
//! features: where its nearest mention stands relative to the quote and to the cue, what kind of
//! cue introduces the quote, whether the rules chose it, whether it spoke the previous quote.
//! The rules are features here: the ranker learns when to trust them.

use isnad_learn::{mix, row, start};

use crate::doc::{Doc, MentionRef};
use crate::quotes::{CueKind, Found};
use crate::scan::strip_conj;
use crate::speech::is_preposition;
use crate::ActorKind;

/// How many sentences before the quote's own sentence are searched for candidates.
pub(crate) const BACK_SENTENCES: usize = 3;
/// Rows of the hashed weight table (`1 << BITS`).
pub(crate) const BITS: u32 = 18;

/// One candidate: an actor index, or `None` for "no named speaker".
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub actor: Option<usize>,
    /// How the text names it nearest the quote (empty for "none" and far actors).
    pub text: String,
    /// The hashed feature rows.
    pub rows: Vec<usize>,
}

/// What the ranker knows of the quotes decided before this one.
#[derive(Debug, Default, Clone)]
pub(crate) struct History {
    /// The speaker decided for the previous quote.
    pub prev: Option<usize>,
    /// Where the previous quote ended.
    pub prev_end: usize,
    /// Every speaker decided so far.
    pub spoke: Vec<usize>,
}

impl History {
    /// Records the speaker decided for a quote ending at `end`.
    pub fn push(&mut self, speaker: Option<usize>, end: usize) {
        if let Some(a) = speaker {
            if !self.spoke.contains(&a) {
                self.spoke.push(a);
            }
        }
        self.prev = speaker;
        self.prev_end = end;
    }
}

/// Where a mention stands relative to the quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Place {
    Inside,
    BeforeSame,
    AfterSame,
    Back1,
    Back2,
    BackFar,
    Elsewhere,
}

fn bucket(n: usize) -> u64 {
    match n {
        0 => 0,
        1 => 1,
        2 => 2,
        3..=4 => 3,
        5..=8 => 4,
        9..=16 => 5,
        17..=32 => 6,
        _ => 7,
    }
}

fn cue_code(k: CueKind) -> u64 {
    match k {
        CueKind::None => 1,
        CueKind::Open => 2,
        CueKind::Continue => 3,
        CueKind::Source => 4,
    }
}

/// The start of the sentence before the one starting at `pos`, skipping empty lines.
fn previous_sentence(doc: &Doc<'_>, pos: usize) -> Option<usize> {
    let mut p = pos;
    loop {
        if p == 0 {
            return None;
        }
        let s = doc.sentence_start(p - 1);
        if doc.chars[s..p - 1].iter().any(|c| !c.is_whitespace()) || s == 0 {
            return Some(s);
        }
        p = s;
    }
}

/// Builds the candidates of quote `q` with their features.
pub(crate) fn candidates(doc: &Doc<'_>, q: &Found, history: &History) -> Vec<Candidate> {
    let open = q.start.saturating_sub(1);
    let own = doc.sentence_start(open);
    let mut starts = vec![own];
    for _ in 0..BACK_SENTENCES {
        match previous_sentence(doc, *starts.last().unwrap_or(&0)) {
            Some(s) if s < *starts.last().unwrap_or(&0) => starts.push(s),
            _ => break,
        }
    }
    let lo = *starts.last().unwrap_or(&own);
    let hi = doc.sentence_end(q.end);
    let place = |m: &MentionRef| -> Place {
        if m.start >= q.start && m.end <= q.end {
            Place::Inside
        } else if m.start >= q.end && m.start < hi {
            Place::AfterSame
        } else if m.start >= own && m.start < q.start {
            Place::BeforeSame
        } else {
            match starts.iter().position(|&s| m.start >= s) {
                Some(1) => Place::Back1,
                Some(2) => Place::Back2,
                Some(_) => Place::BackFar,
                None => Place::Elsewhere,
            }
        }
    };
    // The nearest mention of each actor in the window (outside the quote first).
    let qw0 = doc.word_at_or_after(q.start);
    let qw1 = doc.word_at_or_after(q.end);
    let mut best: Vec<(usize, MentionRef, usize)> = Vec::new();
    for m in doc.mentions_in(lo, hi) {
        if !matches!(doc.kind(m), ActorKind::Per | ActorKind::Org) {
            continue;
        }
        let inside = m.start >= q.start && m.end <= q.end;
        let dist = if inside {
            1000 + m.w0.saturating_sub(qw0)
        } else if m.w1 <= qw0 {
            qw0 - m.w1
        } else {
            m.w0.saturating_sub(qw1)
        };
        match best.iter_mut().find(|b| b.0 == m.actor) {
            Some(b) if dist < b.2 => *b = (m.actor, *m, dist),
            Some(_) => {}
            None => best.push((m.actor, *m, dist)),
        }
    }
    let mut out: Vec<Candidate> = Vec::new();
    // Rank of each candidate among those before / after the quote, by distance.
    let mut order: Vec<(usize, usize)> = best.iter().map(|b| (b.2, b.0)).collect();
    order.sort_unstable();
    for (actor, m, dist) in &best {
        let rank = order.iter().position(|o| o.1 == *actor).unwrap_or(9);
        let rows = features(
            doc,
            q,
            history,
            Some(*actor),
            Some((*m, place(m), *dist, rank)),
        );
        out.push(Candidate {
            actor: Some(*actor),
            text: doc.slice(m.start, m.end),
            rows,
        });
    }
    for extra in [history.prev, q.speaker].into_iter().flatten() {
        if !out.iter().any(|c| c.actor == Some(extra)) {
            let rows = features(doc, q, history, Some(extra), None);
            out.push(Candidate {
                actor: Some(extra),
                text: String::new(),
                rows,
            });
        }
    }
    out.push(Candidate {
        actor: None,
        text: String::new(),
        rows: features(doc, q, history, None, None),
    });
    out
}

/// The feature rows of one candidate. `near` is its nearest mention in the window with its
/// place, word distance and distance rank; `None` for an actor outside the window or "none".
fn features(
    doc: &Doc<'_>,
    q: &Found,
    history: &History,
    actor: Option<usize>,
    near: Option<(MentionRef, Place, usize, usize)>,
) -> Vec<usize> {
    let cue = cue_code(q.cue_kind);
    let rule_named = q.speaker.is_some();
    let rule_desc = q.speaker.is_none() && !q.speaker_text.is_empty();
    let mut rows = Vec::with_capacity(32);
    let mut add = |t: u32, vals: &[u64]| {
        let mut h = start(t);
        for &v in vals {
            h = mix(h, v);
        }
        rows.push(row(h, BITS));
    };
    let Some(a) = actor else {
        add(1, &[]);
        add(2, &[cue]);
        add(3, &[cue, rule_named as u64, rule_desc as u64]);
        add(4, &[history.prev.is_some() as u64, cue]);
        return rows;
    };
    let is_rule = q.speaker == Some(a);
    let is_prev = history.prev == Some(a);
    let spoke = history.spoke.contains(&a);
    let kind = match doc.actors[a].kind {
        ActorKind::Per => 1,
        _ => 2,
    };
    let in_via = q.via.contains(&a);
    add(10, &[]);
    add(11, &[is_rule as u64]);
    add(12, &[is_rule as u64, cue]);
    add(13, &[is_rule as u64, kind, cue]);
    add(14, &[is_prev as u64, cue]);
    add(15, &[is_prev as u64, is_rule as u64, cue]);
    add(16, &[spoke as u64, kind]);
    add(17, &[in_via as u64]);
    add(18, &[kind]);
    let count = doc.mentions.iter().filter(|m| m.actor == a).count();
    add(19, &[bucket(count), kind]);
    // Words between the previous quote and this one that name nobody: a continuation.
    let since_prev = doc
        .mentions_in(history.prev_end, q.start)
        .iter()
        .any(|m| matches!(doc.kind(m), ActorKind::Per | ActorKind::Org));
    add(20, &[is_prev as u64, since_prev as u64, cue]);
    let Some((m, place, dist, rank)) = near else {
        add(30, &[is_rule as u64, is_prev as u64]);
        return rows;
    };
    let p = place as u64;
    add(31, &[p]);
    add(32, &[p, cue]);
    add(33, &[p, kind, cue]);
    add(34, &[p, bucket(dist)]);
    add(35, &[p, bucket(dist), cue]);
    add(36, &[rank.min(5) as u64, cue]);
    add(37, &[rank.min(5) as u64, p, is_rule as u64]);
    add(38, &[p, is_rule as u64, cue]);
    // The mention's relation to the cue: right after it (VSO subject), before it in the
    // clause (SVO subject), or elsewhere.
    let cue_rel = match q.cue_words {
        Some((_, c1)) if m.w0 >= c1 && m.w0 <= c1 + 3 => 1 + (m.w0 - c1) as u64,
        Some((c0, _)) if m.w1 <= c0 && c0 - m.w1 <= 6 => 10 + bucket(c0 - m.w1),
        Some(_) => 20,
        None => 30,
    };
    add(40, &[cue_rel, cue]);
    add(41, &[cue_rel, kind, p]);
    // A preposition or a clitic ل/ب before the mention: an addressee or a channel.
    let prefix: String = doc.chars[doc.words[m.w0].start..m.start.max(doc.words[m.w0].start)]
        .iter()
        .collect();
    let prep = prefix.ends_with('ل')
        || prefix.ends_with('ب')
        || (m.w0 > 0 && is_preposition(strip_conj(&doc.words[m.w0 - 1].norm)));
    add(42, &[prep as u64, p, cue_rel.min(20)]);
    add(43, &[prep as u64, kind]);
    // The mention starts its sentence or follows a comma: a topic or an apposition.
    let lead = m.w0 == 0
        || doc.chars[doc.words[m.w0 - 1].end..m.start]
            .iter()
            .any(|c| matches!(c, '،' | ',' | '\n' | '.' | ':'));
    add(44, &[lead as u64, p]);
    // The word before the mention, folded, as a lexical cue («قال», «وأضاف», «المتحدث»).
    if m.w0 > 0 {
        let before = strip_conj(&doc.words[m.w0 - 1].norm);
        add(45, &[hash_str(before), p]);
    }
    rows
}

fn hash_str(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
}
