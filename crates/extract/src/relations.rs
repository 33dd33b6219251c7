//! Relations between actors of one sentence: trigger lexicons over clitic-stripped words,
//! argument selection by word order and object-marking prepositions, negation and attribution.

use crate::constructs::{located, member_lists, published_by};
use crate::doc::{Doc, MentionRef};
use crate::quotes::Found;
use crate::scan::{bases, strip_conj};
use crate::triggers::{direct_beneficiary, is_verbal_noun, trigger, TRIGGERS};
use crate::{ActorKind, RelationType};

/// A relation before ids are attached.
#[derive(Debug, Clone)]
pub(crate) struct RawRelation {
    pub subject: usize,
    pub kind: RelationType,
    pub object: usize,
    pub negated: bool,
    pub asserted_by: Option<usize>,
    pub start: usize,
    pub end: usize,
    pub confidence: f32,
}

use RelationType as R;

/// Materiel: a supply-type trigger with one of these nearby is `supplies`, else `provides_aid`.
const MATERIEL: &[&str] = &[
    "اسلح",
    "سلاح",
    "متفجر",
    "عبوات",
    "قنابل",
    "ذخير",
    "صواريخ",
    "عتاد",
    "معدات",
    "ملابس",
];

/// Nouns whose genitive is not the actor itself: «داعمي تنظيم داعش» are ISIS's supporters,
/// «في صفوف التنظيم» is a place inside it. A mention right after one of these is not an
/// argument on its own.
pub(crate) const SUPPORTERS: &[&str] = &[
    "داعمي",
    "انصار",
    "مويدي",
    "مناصري",
    "مناصرو",
    "مويدو",
    "داعمو",
    "مناصرين",
    "مويدين",
    "داعمين",
];
const ALLIES: &[&str] = &[
    "مواليه",
    "الموالي",
    "الموالين",
    "موالين",
    "موالي",
    "حليف",
    "حلفاء",
    "المدعومه",
    "مدعومه",
    "المدعوم",
];
pub(crate) const GENITIVE_HEADS: &[&str] = &[
    "صفوف",
    "فرع",
    "احضان",
    "سجون",
    "منازل",
    "قاده",
    "قيادات",
    "عناصر",
    "مقاتلي",
    "مسوولي",
    "اعضاء",
];

/// Whether the word before a mention is one of `heads` (conjunctions and prepositions stripped).
pub(crate) fn after_head(doc: &Doc<'_>, m: &MentionRef, heads: &[&str]) -> bool {
    m.w0 > 0
        && doc.words[m.w0].start == m.start
        && bases(&doc.words[m.w0 - 1].norm)
            .iter()
            .any(|b| heads.contains(b))
}

const NEGATORS: &[&str] = &["لا", "لم", "لن", "ليس", "ليست", "غير", "عدم", "دون", "بدون"];

fn actor_ok(kind: RelationType, subj: ActorKind, obj: ActorKind) -> bool {
    use ActorKind::*;
    // Countries act as agents («وتتهم الولايات المتحدة …»); never located in or members.
    let agent = matches!(subj, Per | Org | Loc);
    match kind {
        R::LocatedIn => matches!(subj, Per | Org) && obj == Loc,
        R::MemberOf | R::LeaderOf => matches!(subj, Per | Org) && obj == Org,
        R::Attacks => agent && matches!(obj, Per | Org | Loc),
        _ => agent && matches!(obj, Per | Org),
    }
}

/// All relations of the document.
pub(crate) fn find(
    doc: &Doc<'_>,
    quotes: &[Found],
    quote_speakers: &[Option<usize>],
) -> Vec<RawRelation> {
    let mut out: Vec<RawRelation> = Vec::new();
    let sentences = clause_sentences(doc);
    for (ss, se) in sentences {
        let ms: Vec<MentionRef> = doc.mentions_in(ss, se).to_vec();
        if ms.len() < 2 {
            continue;
        }
        let w0 = doc.word_at_or_after(ss);
        let w1 = doc.word_at_or_after(se);
        let attribution = attribution(doc, quotes, quote_speakers, ss, se, w0, w1);
        for k in w0..w1 {
            if doc.word_mention[k].is_some() {
                continue;
            }
            let Some(kind) = trigger(&doc.words[k].norm, doc.morph[k].as_ref()) else {
                continue;
            };
            // Listing as terrorist is an accusation; «أدرج» alone is not.
            if strip_conj(&doc.words[k].norm).starts_with("ادرج")
                && !(k + 1..(k + 6).min(w1)).any(|j| doc.words[j].norm.contains("ارهاب"))
            {
                continue;
            }
            // «قطعت علاقتها مع X»: a severed tie is a negated cooperation.
            let severed = k > w0 && strip_conj(&doc.words[k - 1].norm).starts_with("قطع");
            let base_kind = kind;
            for r in relate(doc, &ms, k, kind, w0, w1, quotes) {
                let mut kind = r.5.unwrap_or(base_kind);
                if matches!(kind, R::ProvidesAid | R::Supplies) {
                    let hi = (doc.word_at_or_after(r.3) + 2).min(w1);
                    let span = k.saturating_sub(1)..hi.max(k + 1);
                    let has = |list: &[&str]| {
                        span.clone().any(|j| {
                            bases(&doc.words[j].norm)
                                .iter()
                                .any(|b| list.iter().any(|m| b.starts_with(m)))
                        })
                    };
                    let materiel = has(MATERIEL);
                    let aid = has(&["علاج", "العنايه", "طبي", "مركزيات", "مساعد", "دعم", "لوجست"]);
                    if materiel && !aid {
                        kind = R::Supplies;
                    } else if kind == R::Supplies && !materiel {
                        continue;
                    } else {
                        kind = R::ProvidesAid;
                    }
                }
                let negated =
                    severed || negated_at(doc, k, w0) || doc.words[k].norm.starts_with("عدم");
                let (start, end) = (r.2.min(doc.words[k].start), r.3.max(doc.words[k].end));
                let asserted_by = attribution
                    .iter()
                    .find(|a| a.0 <= start && end <= a.1)
                    .map(|a| a.2);
                let asserted_by = asserted_by.filter(|&a| a != r.0 || kind == R::Denies);
                let conf = r.4 * if negated { 0.8 } else { 1.0 };
                push(
                    &mut out,
                    RawRelation {
                        subject: r.0,
                        kind,
                        object: r.1,
                        negated,
                        asserted_by,
                        start,
                        end,
                        confidence: conf,
                    },
                );
            }
        }
        published_by(doc, &ms, w0, w1, quotes, &mut out);
        located(doc, &ms, &mut out, &attribution);
        member_lists(doc, &ms, w0, w1, &mut out, &attribution);
    }
    out
}

pub(crate) fn push(out: &mut Vec<RawRelation>, r: RawRelation) {
    if r.subject == r.object {
        return;
    }
    let symmetric = matches!(r.kind, R::CooperatesWith | R::Meets);
    let dup = out.iter_mut().find(|o| {
        o.kind == r.kind
            && o.negated == r.negated
            && ((o.subject == r.subject && o.object == r.object)
                || (symmetric && o.subject == r.object && o.object == r.subject))
    });
    match dup {
        Some(o) => o.confidence = o.confidence.max(r.confidence),
        None => out.push(r),
    }
}

/// Sentences split further at semicolons, so a clause list («…؛ وقيام …؛ وتوفير …») gives each
/// trigger its own arguments.
fn clause_sentences(doc: &Doc<'_>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (s, e) in doc.sentences() {
        let mut a = s;
        for i in s..e {
            if doc.chars[i] == '؛' || doc.chars[i] == ';' {
                out.push((a, i));
                a = i + 1;
            }
        }
        out.push((a, e));
    }
    out
}

/// Who the sentence attributes its statements to, as (start, end, actor) spans: the quote's
/// speaker inside a quote; the actor of «وفقا ل X», «كما كتب X», «قال X إن» for the sentence
/// before the cue and for the reported clause after the speaker's description.
fn attribution(
    doc: &Doc<'_>,
    quotes: &[Found],
    speakers: &[Option<usize>],
    ss: usize,
    se: usize,
    w0: usize,
    w1: usize,
) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for (q, sp) in quotes.iter().zip(speakers) {
        if let Some(a) = sp {
            if q.start < se && q.end > ss {
                out.push((q.start, q.end, *a));
            }
        }
    }
    for k in w0..w1 {
        let w = &doc.words[k];
        let inside = quotes.iter().any(|q| q.start <= w.start && w.end <= q.end);
        if inside {
            continue;
        }
        let source = crate::lexicon::source_phrase(&doc.words, k).is_some();
        if !source && doc.cue(k, true).is_none() {
            continue;
        }
        // «…، قال X» and «…، وفقا ل X» vouch for what came before; «وقال X» and «حيث صرح X»
        // open a clause of their own, and what came before is the outlet's.
        let opens_clause = k > w0
            && matches!(
                strip_conj(&doc.words[k - 1].norm),
                "حيث" | "بينما" | "فيما" | "لكن" | "بل" | "اذ"
            );
        let vouches_before = source || (strip_conj(&w.norm) == w.norm && !opens_clause);
        for next in k + 1..=k + 3 {
            // «وأضافت أن X …»: X is the reported clause's subject, not the speaker.
            if doc
                .words
                .get(next)
                .is_some_and(|w| COMPLEMENTIZERS.contains(&strip_conj(&w.norm)))
            {
                break;
            }
            if let Some(mi) = doc.word_mention.get(next).copied().flatten() {
                let mut m = doc.mentions[mi as usize];
                if m.w0 != next || !matches!(doc.kind(&m), ActorKind::Per | ActorKind::Org) {
                    break;
                }
                // «قال قائد الجيش اللواء X», «قال المتحدث باسم الحركة X»: after a role word the
                // organization names the role; the person who follows it is the speaker.
                if next > k + 1 && doc.kind(&m) == ActorKind::Org {
                    if let Some(p) = doc
                        .mentions
                        .iter()
                        .find(|p| p.w0 >= m.w1 && p.w0 <= m.w1 + 2 && doc.kind(p) == ActorKind::Per)
                    {
                        m = *p;
                    }
                }
                // The source vouches for what the sentence reports, not for how the outlet names
                // it: «قال قائد البحرية الأميركية جون ريتشاردسون إن …» attributes the clause
                // after «إن» (and anything before the cue), not the leader_of relation inside the
                // speaker's own description.
                let said_from = reported_clause_start(doc, quotes, m.w1, w1, m.end);
                if vouches_before {
                    out.push((ss, w.start, m.actor));
                }
                out.push((said_from, usize::MAX, m.actor));
                break;
            }
        }
    }
    out
}

/// Where the words a speaker is credited with begin: the first complementizer («إن», «أن») or
/// quote after the speaker's description (words `from..to`), else the end of the speaker's name.
fn reported_clause_start(
    doc: &Doc<'_>,
    quotes: &[Found],
    from: usize,
    to: usize,
    name_end: usize,
) -> usize {
    let after = doc.words.get(from).map_or(name_end, |w| w.start);
    let comp = (from..to)
        .find(|&j| COMPLEMENTIZERS.contains(&strip_conj(&doc.words[j].norm)))
        .map(|j| doc.words[j].start);
    let quote = quotes
        .iter()
        .filter(|q| q.start >= after)
        .map(|q| q.start)
        .min();
    match (comp, quote) {
        (Some(c), Some(q)) => c.min(q),
        (Some(c), None) => c,
        (None, Some(q)) => q,
        (None, None) => name_end,
    }
}

/// A negator within the few words before the trigger, in the same comma clause.
fn negated_at(doc: &Doc<'_>, k: usize, w0: usize) -> bool {
    for j in (k.saturating_sub(5).max(w0)..k).rev() {
        if doc.chars[doc.words[j].end..doc.words[j + 1].start]
            .iter()
            .any(|c| matches!(c, '،' | ',' | ':'))
        {
            return false;
        }
        if NEGATORS.contains(&strip_conj(&doc.words[j].norm)) {
            return true;
        }
    }
    false
}

/// Words that open a new clause: a subject is not searched across them.
const CLAUSE_OPENERS: &[&str] = &[
    "بينما",
    "حيث",
    "لكن",
    "ولكن",
    "الا",
    "بل",
    "كما",
    "فيما",
    "اذ",
    "عندما",
    "بعدما",
    "ان",
    "انه",
    "انها",
    "بان",
    "بانه",
    "بانها",
    "لان",
];

/// Triggers that follow their subject («X التابع ل Y», «X العضو في Y»).
const POST_NOMINAL: &[&str] = &["التابع", "تابع", "ينتم", "عضو", "العضو", "صفوف"];

/// Which quote (if any) contains a position, so arguments are not paired across quote borders.
fn quote_of(quotes: &[Found], pos: usize) -> Option<usize> {
    quotes.iter().position(|q| q.start <= pos && pos < q.end)
}

/// Picks (subject, object, span start, span end, confidence) for a trigger at word `k`.
#[allow(clippy::too_many_arguments)]
fn relate(
    doc: &Doc<'_>,
    ms: &[MentionRef],
    k: usize,
    kind: RelationType,
    w0: usize,
    w1: usize,
    quotes: &[Found],
) -> Vec<Pick> {
    relate1(doc, ms, k, kind, w0, w1, quotes).unwrap_or_default()
}

/// (subject, object, span start, span end, confidence, type override)
type Pick = (usize, usize, usize, usize, f32, Option<RelationType>);

#[allow(clippy::too_many_arguments)]
fn relate1(
    doc: &Doc<'_>,
    ms: &[MentionRef],
    k: usize,
    kind: RelationType,
    w0: usize,
    w1: usize,
    quotes: &[Found],
) -> Option<Vec<Pick>> {
    let tq = quote_of(quotes, doc.words[k].start);
    let same_quote = |m: &MentionRef| quote_of(quotes, m.start) == tq;
    // The clause start: the last clause opener before the trigger.
    // A comma followed by a ف-word («، فالولاية لا …») also opens a clause.
    let cstart = (w0..k)
        .rev()
        .find(|&j| {
            let opener = CLAUSE_OPENERS.contains(&strip_conj(&doc.words[j].norm))
                && doc.word_mention[j].is_none();
            let fa = j > w0
                && doc.words[j].norm.starts_with('ف')
                && doc.chars[doc.words[j - 1].end..doc.words[j].start]
                    .iter()
                    .any(|c| matches!(c, '،' | ','));
            opener || fa
        })
        .unwrap_or(w0);
    // Supporters, ranks or allies of an actor are not the actor («مناصرو مليشيات حزب الله»).
    let owned = |m: &MentionRef| {
        after_head(doc, m, SUPPORTERS)
            || after_head(doc, m, GENITIVE_HEADS)
            || after_head(doc, m, ALLIES)
    };
    let before: Vec<&MentionRef> = ms
        .iter()
        .filter(|m| m.w1 <= k && m.w0 >= cstart && m.w1 + 12 >= k && same_quote(m) && !owned(m))
        .collect();
    // Objects stay before the next clause opener («إلا أنه قُتل في سوريا»).
    let cend = (k + 1..w1)
        .find(|&j| {
            let opener = CLAUSE_OPENERS.contains(&strip_conj(&doc.words[j].norm))
                && doc.word_mention[j].is_none();
            let comma_wa = doc.words[j].norm.starts_with('و')
                && doc.word_mention[j].is_none()
                && doc.chars[doc.words[j - 1].end..doc.words[j].start]
                    .iter()
                    .any(|c| matches!(c, '،' | ','));
            opener || comma_wa
        })
        .unwrap_or(w1);
    // A source phrase («، حسب المحكمة») names who says it, not an argument.
    let sourced = |m: &MentionRef| {
        m.w0 > 0
            && matches!(
                strip_conj(&doc.words[m.w0 - 1].norm),
                "حسب" | "بحسب" | "وفق" | "وفقا" | "نقلا" | "عن"
            )
    };
    let after: Vec<&MentionRef> = ms
        .iter()
        .filter(|m| {
            m.w0 > k && m.w0 <= k + 14 && m.w1 <= w1 && m.w0 < cend && same_quote(m) && !sourced(m)
        })
        .collect();
    let trig = &doc.words[k].norm;
    let nominal = is_verbal_noun(trig, doc.morph[k].as_ref());
    let agent = |m: &&MentionRef| matches!(doc.kind(m), ActorKind::Per | ActorKind::Org);
    let prep_own = |m: &MentionRef| -> bool {
        let word = &doc.words[m.w0];
        let pre = crate::scan::fold(&doc.slice(word.start, m.start));
        if pre.ends_with('ل') || pre.ends_with('ب') {
            return true;
        }
        if m.w0 == 0 {
            return false;
        }
        let prev = strip_conj(&doc.words[m.w0 - 1].norm);
        crate::lexicon::PREPOSITIONS.contains(&prev)
            || matches!(prev, "بحسب" | "حسب" | "وفق" | "وفقا" | "نقلا")
            || (doc.word_mention[m.w0 - 1].is_none()
                && (prev.starts_with("لل") || prev.starts_with("لم") || prev.starts_with("بال"))
                && prev.chars().count() > 3)
            || (m.w0 - 1 != k && construct_in_pp(doc, m.w0 - 1))
    };
    // «على حماس والقسام»: a conjunct shares the preposition of the mention it is joined to.
    let prep = |m: &MentionRef| -> bool {
        if prep_own(m) {
            return true;
        }
        let word = &doc.words[m.w0];
        if doc.slice(word.start, m.start) == "و" {
            if let Some(p) = ms.iter().rev().find(|p| p.w1 == m.w0) {
                return prep_own(p);
            }
        }
        false
    };
    let marked = |m: &MentionRef| -> bool {
        let word = &doc.words[m.w0];
        let pre = crate::scan::fold(&doc.slice(word.start, m.start));
        if pre.ends_with('ل') || m.w0 == 0 {
            return pre.ends_with('ل');
        }
        let prev = strip_conj(&doc.words[m.w0 - 1].norm);
        // «الى X», «مع X», and «لتنظيم X» (the ل on the construct head).
        matches!(prev, "الي" | "ل" | "مع")
            || (doc.word_mention[m.w0 - 1].is_none()
                && prev.starts_with('ل')
                && prev.chars().count() > 3
                && !matches!(prev, "لكن" | "لكنه" | "لكنها" | "لدي" | "لقد" | "لذلك"))
    };
    // «بين X و Y»
    if matches!(
        kind,
        R::CooperatesWith | R::Meets | R::CommunicatesWith | R::Attacks
    ) {
        if let Some(bi) =
            (k + 1..(k + 7).min(w1)).find(|&j| strip_conj(&doc.words[j].norm) == "بين")
        {
            let pair: Vec<&MentionRef> = ms
                .iter()
                .filter(|m| m.w0 > bi && m.w0 <= bi + 8 && agent(m))
                .take(2)
                .collect();
            if pair.len() == 2 {
                let (a, b) = (pair[0], pair[1]);
                let mut v = vec![(a.actor, b.actor, doc.words[k].start, b.end, 0.75, None)];
                // Clashes «بين X وY» are mutual attacks.
                if kind == R::Attacks {
                    v.push((b.actor, a.actor, doc.words[k].start, b.end, 0.7, None));
                }
                return Some(v);
            }
        }
        // «فبين X وY خطوط اتصال»: the pair precedes the trigger.
        if let Some(bi) =
            (k.saturating_sub(6).max(w0)..k).find(|&j| strip_conj(&doc.words[j].norm) == "بين")
        {
            let pair: Vec<&&MentionRef> = before
                .iter()
                .filter(|m| m.w0 > bi && agent(m))
                .take(2)
                .collect();
            if pair.len() == 2 {
                return Some(vec![(
                    pair[0].actor,
                    pair[1].actor,
                    pair[0].start,
                    doc.words[k].end,
                    0.75,
                    None,
                )]);
            }
        }
    }
    match kind {
        R::LeaderOf | R::MemberOf => {
            // «قائد التنظيم أبو بكر البغدادي», «المتحدث باسم البنتاغون بيتر كوك», «X التابع ل Y».
            let org = after
                .iter()
                .find(|m| doc.kind(m) == ActorKind::Org && m.w0 <= k + 3)?;
            let per_after = after
                .iter()
                .find(|m| m.w0 >= org.w1 && m.w0 <= org.w1 + 3 && agent(m) && m.actor != org.actor);
            let per_before = before
                .iter()
                .rev()
                .find(|m| m.w1 + 2 >= k && agent(m) && m.actor != org.actor);
            let post = bases(&doc.words[k].norm)
                .iter()
                .any(|b| POST_NOMINAL.iter().any(|p| b.starts_with(p)));
            let subj = if post {
                per_before.or(per_after)
            } else {
                per_after.or(per_before)
            }?;
            if doc.kind(subj) == ActorKind::Org && kind == R::LeaderOf {
                return None;
            }
            // «القائد الميداني في قوات الوفاق» is membership, not leadership.
            let over = (kind == R::LeaderOf && (k + 1..org.w0).any(|j| doc.words[j].norm == "في"))
                .then_some(R::MemberOf);
            return Some(vec![(
                subj.actor,
                org.actor,
                subj.start.min(doc.words[k].start),
                subj.end.max(org.end),
                0.75,
                over,
            )]);
        }
        _ => {}
    }
    // Relative clause «X … الذي تقدمه لها Y»: with an object pronoun on the verb, Y acts on X;
    // without one («التحالف الذي يحارب الحوثيين») X is the subject.
    let rel_before = k > w0 && matches!(doc.words[k - 1].norm.as_str(), "الذي" | "التي" | "الذين");
    let rel_all: Vec<&MentionRef> = ms
        .iter()
        .filter(|m| m.w1 <= k && m.w0 >= w0 && m.w1 + 6 >= k && same_quote(m))
        .collect();
    if rel_before {
        let suffixed = ["هم", "ها", "ه"].iter().any(|p| trig.ends_with(p))
            && !TRIGGERS.iter().any(|(st, _)| trig.ends_with(st));
        if let Some(o) = rel_all.iter().rev().find(|m| agent(m)) {
            if owned(o) {
                return None;
            }
            if suffixed {
                let country_agent = |m: &&&MentionRef| {
                    agent(m) || (doc.kind(m) == ActorKind::Loc && !locative(doc, m))
                };
                if let Some(s) = after
                    .iter()
                    .find(|m| country_agent(m) && !prep(m) && m.w0 <= k + 3)
                {
                    if s.actor != o.actor {
                        return Some(vec![(s.actor, o.actor, o.start, s.end, 0.6, None)]);
                    }
                }
            } else if let Some(obj) = after.iter().find(|m| {
                m.actor != o.actor
                    && actor_ok(kind, doc.kind(o), doc.kind(m))
                    && !(doc.kind(m) == ActorKind::Loc && locative(doc, m))
            }) {
                return Some(vec![(o.actor, obj.actor, o.start, obj.end, 0.6, None)]);
            }
        }
    }
    // Coordinated subjects of a symmetric verb: «السعودية وإيران اتفقتا».
    if matches!(kind, R::CooperatesWith | R::Meets) && before.len() >= 2 {
        let (a, b) = (before[before.len() - 2], before[before.len() - 1]);
        if b.w1 + 1 >= k
            && a.w1 == b.w0
            && doc.slice(doc.words[b.w0].start, b.start) == "و"
            && (agent(&a) || doc.kind(a) == ActorKind::Loc)
            && (agent(&b) || doc.kind(b) == ActorKind::Loc)
        {
            return Some(vec![(
                a.actor,
                b.actor,
                a.start,
                doc.words[k].end,
                0.7,
                None,
            )]);
        }
    }
    let country = |m: &&MentionRef| doc.kind(m) == ActorKind::Loc;
    // A verbal noun inside a prepositional or causal phrase («بسبب هجمات X», «إثر اغتيال Y»)
    // does not take the clause's earlier subject as its agent.
    let in_pp = nominal && k > w0 && {
        let prev = &doc.words[k - 1];
        let tagged_adp = doc.morph[k - 1]
            .as_ref()
            .is_some_and(|m| m.upos == Some(isnad_doc::Upos::ADP) && m.stem == prev.norm);
        // «باعتقالات X» is inside a PP, but «يقوم بتعذيب …», «قيام X بصناعة …» (the masdar
        // construction) are not.
        let proclitic = doc.morph[k].as_ref().is_some_and(|m| m.prep.is_some());
        let qama = (k.saturating_sub(6).max(w0)..k).any(|j| {
            doc.morph[j].as_ref().is_some_and(|m| {
                m.readings
                    .iter()
                    .any(|r| r.root == ['ق', '*', 'م'] && r.form == crate::morph::Form::Base)
            })
        });
        tagged_adp || CAUSAL.contains(&strip_conj(&prev.norm)) || (proclitic && !qama)
    };
    let subj_before = before
        .iter()
        .rev()
        .find(|m| agent(m) && !prep(m))
        .filter(|_| !in_pp);
    // A verbal noun's adjacent genitive is its agent only when a marked object follows
    // («قمع حماس لداعمي …»); otherwise it is the patient («اغتيال الحريري»).
    let genitive = after
        .first()
        .filter(|m| nominal && m.w0 == k + 1 && !prep(m));
    let genitive_agent = genitive.is_some_and(|g| after.iter().any(|m| m.w0 > g.w0 && prep(m)));
    // «أعلن X أنه سيقدم …»: the pronoun on the complementizer is the main clause's subject.
    let pronoun = cstart > w0 && !nominal && pronoun_complementizer(doc, cstart);
    let complement_subject: Vec<&MentionRef> = ms
        .iter()
        .rev()
        .filter(|m| {
            pronoun
                && m.w1 <= cstart
                && m.w0 >= w0
                && m.w1 + 4 >= cstart
                && (agent(m) || (doc.kind(m) == ActorKind::Loc && !locative(doc, m)))
                && !prep(m)
                && !owned(m)
                && same_quote(m)
        })
        .take(1)
        .collect();
    let (subj, rest): (&MentionRef, Vec<&MentionRef>) = match subj_before {
        Some(s) => (s, after.clone()),
        None => {
            // VSO: a country right after a finite verb is its subject («وتتهم الولايات
            // المتحدة … فصائل»); else the first person or group; else a country close by.
            let s = after
                .first()
                .filter(|m| {
                    country(m)
                        && m.w0 == k + 1
                        && !prep(m)
                        && !nominal
                        && doc.morph[k].as_ref().is_some_and(|w| w.is_verb())
                })
                .or_else(|| {
                    after.iter().find(|m| {
                        agent(m) && !prep(m) && m.w0 <= k + 5 && !construct_genitive(doc, m, k)
                    })
                })
                .or_else(|| {
                    after
                        .iter()
                        .find(|m| country(m) && !prep(m) && m.w0 <= k + 2 && !nominal)
                })
                .or_else(|| complement_subject.first())?;
            if genitive.is_some_and(|g| g.w0 == s.w0) && !genitive_agent {
                return None;
            }
            (s, after.iter().copied().filter(|m| m.w0 > s.w0).collect())
        }
    };
    let fits = |m: &&&MentionRef| {
        m.actor != subj.actor
            && actor_ok(kind, doc.kind(subj), doc.kind(m))
            && !(doc.kind(m) == ActorKind::Loc && locative(doc, m))
            && !after_head(doc, m, SUPPORTERS)
            && !after_head(doc, m, ALLIES)
    };
    let obj = match kind {
        // A message goes «إلى X»; without a marked addressee there is no relation.
        R::CommunicatesWith
            if !trig.starts_with("ابلغ") && !strip_conj(trig).starts_with("ابق") =>
        {
            rest.iter().find(|m| fits(m) && marked(m))
        }
        // Aid and materiel go «ل X» / «إلى X».
        // «سيساعد البرنامج», «يدعم X»: some aid verbs take the beneficiary as direct object.
        R::Supplies | R::ProvidesAid => rest.iter().find(|m| fits(m) && marked(m)).or_else(|| {
            let near = doc.words[k].end.max(subj.end);
            rest.iter()
                .filter(|_| direct_beneficiary(doc.morph[k].as_ref()))
                .find(|m| fits(m) && !prep(m) && doc.word_at_or_after(near) + 3 >= m.w0)
        }),
        R::CooperatesWith | R::Meets | R::Threatens => rest
            .iter()
            .find(|m| fits(m) && prep(m))
            .or_else(|| rest.iter().find(fits)),
        _ => rest.iter().find(fits),
    }?;
    // «فرع تنظيم “داعش” المصري، ولاية سيناء»: the apposition names the branch itself.
    let obj = if obj.w0 > 0 && strip_conj(&doc.words[obj.w0 - 1].norm).ends_with("فرع")
        || (obj.w0 > 1 && strip_conj(&doc.words[obj.w0 - 2].norm).ends_with("فرع"))
    {
        rest.iter()
            .find(|m| m.w0 > obj.w1 && m.w0 <= obj.w1 + 3 && doc.kind(m) == doc.kind(obj))
            .unwrap_or(obj)
    } else {
        obj
    };
    let conf = if subj_before.is_some() { 0.55 } else { 0.5 };
    let mut picks = vec![(
        subj.actor,
        obj.actor,
        subj.start.min(obj.start),
        subj.end.max(obj.end),
        conf,
        None,
    )];
    // «على مدينتي حلب وحماة», «ضد حماس والقسام»: conjuncts of the object share its role.
    let mut last = obj;
    while let Some(next) = rest.iter().find(|m| {
        m.w0 == last.w1
            && doc.kind(m) == doc.kind(last)
            && doc.slice(doc.words[m.w0].start, m.start) == "و"
            && m.actor != subj.actor
    }) {
        picks.push((
            subj.actor,
            next.actor,
            subj.start.min(next.start),
            subj.end.max(next.end),
            conf * 0.9,
            None,
        ));
        last = next;
    }
    Some(picks)
}

/// Word `j` is an indefinite construct head inside a prepositional phrase («على مدينتي X»,
/// «ضد عناصر X»), so the name after it is in that phrase too.
fn construct_in_pp(doc: &Doc<'_>, j: usize) -> bool {
    let Some(head) = doc.morph[j].as_ref() else {
        return false;
    };
    if doc.word_mention[j].is_some()
        || head.upos != Some(isnad_doc::Upos::NOUN)
        || head.article
        || j == 0
    {
        return false;
    }
    if head.prep.is_some() {
        return true;
    }
    let before = strip_conj(&doc.words[j - 1].norm);
    doc.word_mention[j - 1].is_none()
        && (crate::lexicon::PREPOSITIONS.contains(&before)
            || doc.morph[j - 1]
                .as_ref()
                .is_some_and(|m| m.upos == Some(isnad_doc::Upos::ADP) && m.stem == before))
}

/// Complementizers that open a reported clause.
pub(crate) const COMPLEMENTIZERS: &[&str] =
    &["ان", "انه", "انها", "انهم", "بان", "بانه", "بانها", "بانهم"];

/// Whether word `j` is «أنّ» carrying a pronoun (أنه, أنها, بأنهم): by the segmenter (stem أن
/// with an enclitic) or, without it, by the surface form.
fn pronoun_complementizer(doc: &Doc<'_>, j: usize) -> bool {
    match doc.morph[j].as_ref() {
        Some(m) => m.enclitic && m.stem == "ان",
        None => matches!(
            strip_conj(&doc.words[j].norm),
            "انه" | "انها" | "انهم" | "بانه" | "بانها" | "بانهم"
        ),
    }
}

/// Words that put a verbal noun inside an adverbial phrase (cause, time).
const CAUSAL: &[&str] = &[
    "بسبب",
    "جراء",
    "اثر",
    "عقب",
    "اثناء",
    "خلال",
    "بعد",
    "قبل",
    "رغم",
    "ضمن",
    "لدي",
];

/// Heads of a construct that still let the name after them be a clause subject («قال وزير
/// الخارجية X»): titles, not possessions («مزاعم X» are X's claims, X is not the subject).
const TITLES: &[&str] = &[
    "رييس",
    "وزير",
    "قايد",
    "زعيم",
    "امير",
    "ملك",
    "امين",
    "مدير",
    "متحدث",
    "ناطق",
    "مسوول",
    "نايب",
    "سفير",
    "مبعوث",
    "شيخ",
    "حاكم",
    "مستشار",
    "عضو",
    "قاضي",
    "محافظ",
    "رييسه",
    "وزيره",
    "قوات",
    "جيش",
    "حركه",
    "تنظيم",
    "جماعه",
    "حزب",
    "كتايب",
    "وكاله",
    "قناه",
    "صحيفه",
    "موقع",
    "مجلس",
    "حكومه",
    "وزاره",
    "ميليشيات",
    "مليشيات",
    "فصايل",
    "الرييس",
    "الوزير",
];

/// The mention is the genitive of an indefinite noun the tagger read between the verb and it
/// («لم ينف في بيانه مزاعم X»): X belongs to that noun phrase and is not the verb's subject.
fn construct_genitive(doc: &Doc<'_>, m: &MentionRef, k: usize) -> bool {
    if m.w0 <= k + 1 || doc.words[m.w0].start != m.start || doc.word_mention[m.w0 - 1].is_some() {
        return false;
    }
    let j = m.w0 - 1;
    let Some(head) = doc.morph[j].as_ref() else {
        return false;
    };
    head.upos == Some(isnad_doc::Upos::NOUN)
        && !head.article
        && head.prep.is_none()
        && !TITLES.contains(&head.stem.as_str())
        && doc.chars[doc.words[j].end..m.start]
            .iter()
            .all(|c| c.is_whitespace())
}

/// A place inside a locative phrase («في الأراضي العراقية», «بالعاصمة بغداد»): where something
/// happens, not the target of an attack.
fn locative(doc: &Doc<'_>, m: &MentionRef) -> bool {
    let own = crate::scan::fold(&doc.slice(doc.words[m.w0].start, m.start));
    if own.ends_with('ب') || own.ends_with("في") {
        return true;
    }
    (m.w0.saturating_sub(2)..m.w0)
        .any(|j| doc.word_mention[j].is_none() && strip_conj(&doc.words[j].norm) == "في")
}
