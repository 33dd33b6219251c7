//! Relations read from fixed constructions rather than from a trigger's arguments: an outlet
//! relaying a speaker («قال X … وفقا لوكالة Y»), member lists («قيادات في X، منها A وB») and
//! locations («X في Y», «Y، مقر X»).

use isnad_doc::fold_key;

use crate::doc::{Doc, MentionRef};
use crate::quotes::Found;
use crate::raw::{asserted_by, push, Attribution, RawRelation};
use crate::scan::{bases, strip_conj};
use crate::speech::{is_complementizer, is_preposition, source_phrase};
use crate::words;
use crate::{ActorKind, RelationType};

use RelationType as R;

/// «قال X … وفقا لوكالة Y», «وأوضحت المحكمة (بحسب العربية)»: the outlet Y reports X's words.
pub(crate) fn published_by(
    doc: &Doc<'_>,
    ms: &[MentionRef],
    w0: usize,
    w1: usize,
    quotes: &[Found],
    out: &mut Vec<RawRelation>,
) {
    let mut speaker = None;
    let mut source = None;
    for k in w0..w1 {
        let w = &doc.words[k];
        if quotes.iter().any(|q| q.start <= w.start && w.end <= q.end) {
            continue;
        }
        // The actor within three words, not past a complementizer: in «ذكرت بلومبرغ نقلا عن
        // مصادر أن شركة أرامكو …» the source is the unnamed «مصادر», and Aramco belongs to the
        // reported clause.
        let next_mention = |from: usize| {
            ms.iter().find(|m| {
                m.w0 >= from
                    && m.w0 <= from + 3
                    && matches!(doc.kind(m), ActorKind::Per | ActorKind::Org)
                    && !(from..m.w0).any(|j| is_complementizer(&doc.words[j].norm))
            })
        };
        if speaker.is_none() && doc.cue(k, true).is_some() {
            speaker = next_mention(k + 1).copied();
        }
        if let Some(n) = source_phrase(&doc.words, k) {
            // «لوكالة "رويترز"»: the outlet word may stand between the phrase and the name.
            source = next_mention(k + n)
                .or_else(|| next_mention(k + n + 1))
                .filter(|m| doc.kind(m) == ActorKind::Org)
                .copied();
        }
    }
    if let (Some(s), Some(o)) = (source, speaker) {
        push(
            out,
            RawRelation {
                subject: s.actor,
                kind: R::TranslatesOrPublishes,
                object: o.actor,
                negated: false,
                asserted_by: None,
                start: o.start.min(s.start),
                end: o.end.max(s.end),
                confidence: 0.65,
            },
        );
    }
}

/// «قيادات في فصائل الحشد، منها X وY», «X -أحد المسؤولين بالحركة»: members named beside a
/// rank (`lexicons/member_ranks.tsv`) and the organization after it.
pub(crate) fn member_lists(
    doc: &Doc<'_>,
    ms: &[MentionRef],
    w0: usize,
    w1: usize,
    out: &mut Vec<RawRelation>,
    attribution: &[Attribution],
) {
    let is_rank = |j: usize| {
        bases(&doc.words[j].norm)
            .iter()
            .any(|b| words::member_ranks().contains(b))
    };
    for k in w0..w1 {
        if doc.word_mention[k].is_some() || !is_rank(k) {
            continue;
        }
        // The organization within four words after the rank (construct or في/من/ب).
        let Some(org) = ms
            .iter()
            .find(|m| m.w0 > k && m.w0 <= k + 4 && doc.kind(m) == ActorKind::Org)
        else {
            continue;
        };
        let asserted_by = asserted_by(attribution, doc.words[k].start, org.end);
        let mut members: Vec<&MentionRef> = Vec::new();
        // «…، منها X وY وZ»
        if let Some(j) = (org.w1..(org.w1 + 3).min(w1))
            .find(|&j| words::member_list_openers().contains(strip_conj(&doc.words[j].norm)))
        {
            let mut next = j + 1;
            while let Some(m) = ms
                .iter()
                .find(|m| m.w0 == next && doc.kind(m) == ActorKind::Per)
            {
                members.push(m);
                next = m.w1;
            }
        }
        // «X -أحد المسؤولين البارزين بالحركة»
        if k > w0 && strip_conj(&doc.words[k - 1].norm) == "احد" {
            if let Some(p) = ms
                .iter()
                .rev()
                .find(|m| m.w1 + 1 >= k && m.w1 < k && doc.kind(m) == ActorKind::Per)
            {
                members.push(p);
            }
        }
        for m in members {
            push(
                out,
                RawRelation {
                    subject: m.actor,
                    kind: R::MemberOf,
                    object: org.actor,
                    negated: false,
                    asserted_by,
                    start: doc.words[k].start.min(m.start),
                    end: m.end.max(org.end),
                    confidence: 0.7,
                },
            );
        }
    }
}

/// «X في Y» / «X بـY» with X an actor and Y a place right after, and «Y، مقر X».
pub(crate) fn located(
    doc: &Doc<'_>,
    ms: &[MentionRef],
    out: &mut Vec<RawRelation>,
    attribution: &[Attribution],
) {
    for i in 0..ms.len() {
        located_in_place_after(doc, ms, i, out, attribution);
    }
    for i in 0..ms.len() {
        seat_of(doc, ms, i, out);
    }
}

/// The place belongs to another noun before the actor: «لداعمي تنظيم داعش في غزة», «في صفوف
/// التنظيم في سوريا», or the actor itself is inside a prepositional phrase.
fn place_belongs_elsewhere(doc: &Doc<'_>, m: &MentionRef) -> bool {
    let lam = fold_key(&doc.slice(doc.words[m.w0].start, m.start));
    let prev_pp = m.w0 > 0
        && doc.word_mention[m.w0 - 1].is_none()
        && doc.chars[doc.words[m.w0 - 1].end..m.start]
            .iter()
            .all(|c| c.is_whitespace() || matches!(c, '"' | '“' | '”' | '«'))
        && (doc.words[m.w0 - 1].norm.starts_with('ل')
            || doc.words[m.w0 - 1].norm.starts_with("بال"))
        && doc.words[m.w0 - 1].norm.chars().count() > 3;
    let prev_prep = m.w0 > 0 && is_preposition(strip_conj(&doc.words[m.w0 - 1].norm));
    doc.after_head(m, words::supporter_heads())
        || doc.after_head(m, words::genitive_heads())
        || lam.ends_with('ب')
        || prev_pp
        || prev_prep
}

/// Whether the words between actor `m` and place `n` read «X في Y», «X بـY» (glued) or «X … في
/// Y» with one more word, and no punctuation parts them over a longer gap.
fn joined_by_fi(doc: &Doc<'_>, m: &MentionRef, n: &MentionRef) -> bool {
    let gap = n.w0 - m.w1;
    let between: String = (m.w1..n.w0)
        .map(|j| doc.words[j].norm.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let glued_b = doc.slice(doc.words[n.w0].start, n.start) == "ب";
    let ok = (gap == 1 && between == "في")
        || (gap == 0 && glued_b)
        || (gap == 2 && (between.ends_with(" في") || between.starts_with("في ")));
    ok && !(gap > 1
        && doc.chars[m.end..n.start]
            .iter()
            .any(|c| matches!(c, '،' | ',' | '.' | '"' | '“' | '”' | '«')))
}

/// «X في Y» for the actor `ms[i]` and the place right after it, and the place coordinated with
/// that one («في كل من سوريا والعراق», «في العراق وسوريا»).
fn located_in_place_after(
    doc: &Doc<'_>,
    ms: &[MentionRef],
    i: usize,
    out: &mut Vec<RawRelation>,
    attribution: &[Attribution],
) {
    let m = &ms[i];
    if !doc.is_agent(m) {
        return;
    }
    let Some(n) = ms.get(i + 1) else { return };
    if doc.kind(n) != ActorKind::Loc || place_belongs_elsewhere(doc, m) || !joined_by_fi(doc, m, n)
    {
        return;
    }
    let asserted_by = asserted_by(attribution, m.start, n.end);
    let located = |object: &MentionRef, confidence: f32| RawRelation {
        subject: m.actor,
        kind: R::LocatedIn,
        object: object.actor,
        negated: false,
        asserted_by,
        start: m.start,
        end: object.end,
        confidence,
    };
    push(out, located(n, 0.6));
    if let Some(n2) = ms.get(i + 2) {
        if doc.kind(n2) == ActorKind::Loc
            && n2.w0 == n.w1
            && doc.slice(doc.words[n2.w0].start, n2.start) == "و"
        {
            push(out, located(n2, 0.55));
        }
    }
}

/// «طرابلس (غرب)، مقر حكومة الوفاق»: the organization after a seat word is located in the
/// place `ms[i]` before it.
fn seat_of(doc: &Doc<'_>, ms: &[MentionRef], i: usize, out: &mut Vec<RawRelation>) {
    let m = &ms[i];
    if doc.kind(m) != ActorKind::Loc {
        return;
    }
    let Some(n) = ms.get(i + 1) else { return };
    if !matches!(doc.kind(n), ActorKind::Org) || n.w0 > m.w1 + 4 {
        return;
    }
    if (m.w1..n.w0).any(|j| words::seat_words().contains(&doc.words[j].norm)) {
        push(
            out,
            RawRelation {
                subject: n.actor,
                kind: R::LocatedIn,
                object: m.actor,
                negated: false,
                asserted_by: None,
                start: m.start,
                end: n.end,
                confidence: 0.7,
            },
        );
    }
}
