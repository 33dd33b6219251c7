//! The candidate speakers of one quote and their features.
//!
//! Candidates are the persons and organizations named in the quote's sentence, in the sentences
//! before it (up to [`BACK_SENTENCES`]) and in the rest of the sentence after it, plus the
//! previous quote's speaker, the rules' choice, and "none". Each one is described by a few coarse
//! hashed features: where its nearest mention stands relative to the quote, whether it is the
//! first actor named between the cue and the quote (the speech verb's subject), whether the cue
//! is followed by a described speaker («المصدر», «البيان»), what kind of cue introduces the
//! quote, whether the rules chose it, whether it spoke the previous quote. No lexical features:
//! with a few hundred annotated quotes, word identities overfit (cross-validation on the train
//! split chose this set). The rules are features here: the ranker learns when to trust them.

use isnad_learn::{mix, row, start};

use crate::doc::{Doc, MentionRef};
use crate::quotes::{CueKind, Found};
use crate::scan::strip_conj;
use crate::speech::{is_complementizer, is_preposition, is_unnamed_head};
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
    /// The template of each row (training can leave templates out, for ablations).
    #[cfg_attr(not(feature = "train"), allow(dead_code))]
    pub templates: Vec<u32>,
}

/// What the ranker knows of the quotes decided before this one.
#[derive(Debug, Default, Clone)]
pub(crate) struct History {
    /// The speaker decided for the previous quote.
    pub prev: Option<usize>,
    /// Where the previous quote ended.
    pub prev_end: usize,
}

impl History {
    /// Records the speaker decided for a quote ending at `end`.
    pub fn push(&mut self, speaker: Option<usize>, end: usize) {
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

/// What stands between the cue and the quote (or, for a cue after the quote, the words that
/// follow the cue): where the subject of the speech verb is, named or described.
#[derive(Debug, Default)]
struct Between {
    /// The quote has a cue.
    cued: bool,
    /// Words in the span.
    words: usize,
    /// The actors (persons, organizations) named in the span, in text order.
    actors: Vec<usize>,
    /// The span's first word is an unnamed-source head («مصدر», «مسؤول»): a described speaker.
    unnamed: bool,
    /// The span's first word is a noun phrase no actor covers (not a complementizer, a
    /// preposition or a mention): a described subject such as «البيان» or «المسؤول التركي».
    described: bool,
}

/// Words the span after a cue placed after its quote may run over.
const AFTER_CUE_WORDS: usize = 8;

fn between(doc: &Doc<'_>, q: &Found) -> Between {
    let Some((_, c1)) = q.cue_words else {
        return Between::default();
    };
    let qw0 = doc.word_at_or_after(q.start);
    let w_end = if c1 <= qw0 {
        qw0
    } else {
        (c1 + AFTER_CUE_WORDS).min(doc.word_at_or_after(doc.sentence_end(q.end)))
    };
    let w_end = w_end.min(doc.words.len());
    let mut b = Between {
        cued: true,
        words: w_end.saturating_sub(c1),
        ..Between::default()
    };
    if c1 >= w_end {
        return b;
    }
    let (s, e) = (doc.words[c1].start, doc.words[w_end - 1].end);
    for m in doc.mentions_in(s, e) {
        if matches!(doc.kind(m), ActorKind::Per | ActorKind::Org) && !b.actors.contains(&m.actor) {
            b.actors.push(m.actor);
        }
    }
    let first = strip_conj(&doc.words[c1].norm);
    let covered = doc
        .mentions_in(s, e)
        .iter()
        .any(|m| m.w0 <= c1 && c1 < m.w1);
    b.unnamed = is_unnamed_head(first);
    b.described = !covered
        && !is_complementizer(first)
        && !is_preposition(first)
        && first.chars().count() > 2
        && first.chars().all(char::is_alphabetic);
    b
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
    let span = between(doc, q);
    let mut out: Vec<Candidate> = Vec::new();
    for (actor, m, _) in &best {
        let rows = features(doc, (q, history, &span), Some(*actor), Some(place(m)));
        out.push(candidate(Some(*actor), doc.slice(m.start, m.end), rows));
    }
    for extra in [history.prev, q.speaker].into_iter().flatten() {
        if !out.iter().any(|c| c.actor == Some(extra)) {
            let rows = features(doc, (q, history, &span), Some(extra), None);
            out.push(candidate(Some(extra), String::new(), rows));
        }
    }
    let rows = features(doc, (q, history, &span), None, None);
    out.push(candidate(None, String::new(), rows));
    out
}

fn candidate(actor: Option<usize>, text: String, tagged: Vec<(usize, u32)>) -> Candidate {
    let (rows, templates) = tagged.into_iter().unzip();
    Candidate {
        actor,
        text,
        rows,
        templates,
    }
}

/// The feature rows of one candidate, each tagged with its template. `near` is where its
/// nearest mention in the window stands; `None` for an actor outside the window or "none".
fn features(
    doc: &Doc<'_>,
    (q, history, span): (&Found, &History, &Between),
    actor: Option<usize>,
    near: Option<Place>,
) -> Vec<(usize, u32)> {
    let cue = cue_code(q.cue_kind);
    let rule_named = q.speaker.is_some();
    let rule_desc = q.speaker.is_none() && !q.speaker_text.is_empty();
    let mut rows = Vec::with_capacity(32);
    let mut add = |t: u32, vals: &[u64]| {
        let mut h = start(t);
        for &v in vals {
            h = mix(h, v);
        }
        rows.push((row(h, BITS), t));
    };
    let Some(a) = actor else {
        add(1, &[]);
        add(2, &[cue]);
        add(3, &[cue, rule_named as u64, rule_desc as u64]);
        add(4, &[history.prev.is_some() as u64, cue]);
        let named = !span.actors.is_empty();
        add(5, &[span.unnamed as u64, named as u64, cue]);
        add(6, &[span.described as u64, named as u64, cue]);
        add(7, &[span.cued as u64, bucket(span.words), named as u64]);
        return rows;
    };
    let is_rule = q.speaker == Some(a);
    let is_prev = history.prev == Some(a);
    let kind = match doc.actors[a].kind {
        ActorKind::Per => 1,
        _ => 2,
    };
    add(10, &[]);
    add(11, &[is_rule as u64]);
    add(12, &[is_rule as u64, cue]);
    add(14, &[is_prev as u64, cue]);
    add(15, &[is_prev as u64, is_rule as u64, cue]);
    add(18, &[kind]);
    // Words between the previous quote and this one that name nobody: a continuation.
    let since_prev = doc
        .mentions_in(history.prev_end, q.start)
        .iter()
        .any(|m| matches!(doc.kind(m), ActorKind::Per | ActorKind::Org));
    add(20, &[is_prev as u64, since_prev as u64, cue]);
    // The subject of the cue: the first actor named between the cue and the quote.
    let first = span.actors.first() == Some(&a);
    let in_span = span.actors.contains(&a);
    add(21, &[first as u64, in_span as u64, cue]);
    add(22, &[first as u64, is_rule as u64]);
    add(
        23,
        &[in_span as u64, span.unnamed as u64, span.described as u64],
    );
    add(
        24,
        &[is_rule as u64, is_prev as u64, span.described as u64, cue],
    );
    add(25, &[is_prev as u64, (span.words == 0) as u64, cue]);
    let Some(place) = near else {
        add(30, &[is_rule as u64, is_prev as u64]);
        return rows;
    };
    let p = place as u64;
    add(31, &[p]);
    add(32, &[p, cue]);
    rows
}
