//! Relations read from fixed constructions rather than from a trigger's arguments: an outlet
//! relaying a speaker («قال X … وفقا لوكالة Y»), member lists («قيادات في X، منها A وB») and
//! locations («X في Y», «Y، مقر X»).

use crate::doc::{Doc, MentionRef};
use crate::quotes::Found;
use crate::relations::{
    after_head, push, RawRelation, COMPLEMENTIZERS, GENITIVE_HEADS, SUPPORTERS,
};
use crate::scan::{bases, strip_conj};
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
                    && !(from..m.w0)
                        .any(|j| COMPLEMENTIZERS.contains(&strip_conj(&doc.words[j].norm)))
            })
        };
        if speaker.is_none() && doc.cue(k, true).is_some() {
            speaker = next_mention(k + 1).copied();
        }
        if let Some(n) = crate::lexicon::source_phrase(&doc.words, k) {
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

/// Ranks that introduce members: «قيادات في فصائل الحشد، منها X وY», «X -أحد المسؤولين بالحركة».
const RANKS: &[&str] = &[
    "قيادات",
    "قاده",
    "اعضاء",
    "عناصر",
    "مسوولي",
    "المسوولين",
    "القياديين",
    "كوادر",
    "مقاتلي",
    "قيادي",
    "مسوول",
];

pub(crate) fn member_lists(
    doc: &Doc<'_>,
    ms: &[MentionRef],
    w0: usize,
    w1: usize,
    out: &mut Vec<RawRelation>,
    attribution: &[(usize, usize, usize)],
) {
    let is_rank = |j: usize| bases(&doc.words[j].norm).iter().any(|b| RANKS.contains(b));
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
        let asserted_by = attribution
            .iter()
            .find(|a| a.0 <= doc.words[k].start && org.end <= a.1)
            .map(|a| a.2);
        let mut members: Vec<&MentionRef> = Vec::new();
        // «…، منها X وY وZ»
        if let Some(j) = (org.w1..(org.w1 + 3).min(w1)).find(|&j| {
            matches!(
                strip_conj(&doc.words[j].norm),
                "منها" | "منهم" | "بينهم" | "بينها"
            )
        }) {
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
    attribution: &[(usize, usize, usize)],
) {
    for (i, m) in ms.iter().enumerate() {
        if !matches!(doc.kind(m), ActorKind::Per | ActorKind::Org) {
            continue;
        }
        let Some(n) = ms.get(i + 1) else { continue };
        if doc.kind(n) != ActorKind::Loc {
            continue;
        }
        // «لداعمي تنظيم داعش في غزة», «في صفوف التنظيم في سوريا»: the place belongs to another noun.
        let lam = crate::scan::fold(&doc.slice(doc.words[m.w0].start, m.start));
        let prev_pp = m.w0 > 0
            && doc.word_mention[m.w0 - 1].is_none()
            && doc.chars[doc.words[m.w0 - 1].end..m.start]
                .iter()
                .all(|c| c.is_whitespace() || matches!(c, '"' | '“' | '”' | '«'))
            && (doc.words[m.w0 - 1].norm.starts_with('ل')
                || doc.words[m.w0 - 1].norm.starts_with("بال"))
            && doc.words[m.w0 - 1].norm.chars().count() > 3;
        let prev_prep = m.w0 > 0
            && crate::lexicon::PREPOSITIONS.contains(&strip_conj(&doc.words[m.w0 - 1].norm));
        if after_head(doc, m, SUPPORTERS)
            || after_head(doc, m, GENITIVE_HEADS)
            || lam.ends_with('ب')
            || prev_pp
            || prev_prep
        {
            continue;
        }
        let gap = n.w0 - m.w1;
        let between: String = (m.w1..n.w0)
            .map(|j| doc.words[j].norm.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let glued_b = doc.slice(doc.words[n.w0].start, n.start) == "ب";
        let ok = (gap == 1 && between == "في")
            || (gap == 0 && glued_b)
            || (gap == 2 && (between.ends_with(" في") || between.starts_with("في ")));
        if !ok
            || doc.chars[m.end..n.start]
                .iter()
                .any(|c| matches!(c, '،' | ',' | '.' | '"' | '“' | '”' | '«'))
                && gap > 1
        {
            continue;
        }
        let asserted_by = attribution
            .iter()
            .find(|a| a.0 <= m.start && n.end <= a.1)
            .map(|a| a.2);
        push(
            out,
            RawRelation {
                subject: m.actor,
                kind: R::LocatedIn,
                object: n.actor,
                negated: false,
                asserted_by,
                start: m.start,
                end: n.end,
                confidence: 0.6,
            },
        );
        // «في كل من سوريا والعراق», «في العراق وسوريا»: coordinated places.
        if let Some(n2) = ms.get(i + 2) {
            if doc.kind(n2) == ActorKind::Loc
                && n2.w0 == n.w1
                && doc.slice(doc.words[n2.w0].start, n2.start) == "و"
            {
                push(
                    out,
                    RawRelation {
                        subject: m.actor,
                        kind: R::LocatedIn,
                        object: n2.actor,
                        negated: false,
                        asserted_by,
                        start: m.start,
                        end: n2.end,
                        confidence: 0.55,
                    },
                );
            }
        }
    }
    // «طرابلس (غرب)، مقر حكومة الوفاق»
    for (i, m) in ms.iter().enumerate() {
        if doc.kind(m) != ActorKind::Loc {
            continue;
        }
        let Some(n) = ms.get(i + 1) else { continue };
        if !matches!(doc.kind(n), ActorKind::Org) || n.w0 > m.w1 + 4 {
            continue;
        }
        if (m.w1..n.w0).any(|j| matches!(doc.words[j].norm.as_str(), "مقر" | "عاصمه")) {
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
}
