//! Relations between actors of one sentence: trigger lexicons over clitic-stripped words,
//! argument selection ([`crate::arguments`]), supply typing, negation and attribution, then the
//! fixed constructions ([`crate::constructs`]).

use crate::arguments::{relate, Clause, Pick};
use crate::constructs::{located, member_lists, published_by};
use crate::doc::Doc;
use crate::quotes::Found;
use crate::raw::{asserted_by, push, Attribution, RawRelation};
use crate::scan::{bases, strip_conj};
use crate::speech::{is_complementizer, is_unnamed_head, source_phrase};
use crate::triggers::trigger;
use crate::words;
use crate::{ActorKind, RelationType, SpeakerModel};

use RelationType as R;

/// What the hand rules conclude about a document: the quotes with their speakers, the
/// relations, and the clauses with who each one attributes its statements to.
pub(crate) struct Rules {
    pub quotes: Vec<Found>,
    pub relations: Vec<RawRelation>,
    pub clauses: Vec<(usize, usize)>,
    /// For each clause, the attribution spans inside it.
    pub attribution: Vec<Vec<Attribution>>,
}

/// Runs the quote and relation rules over the document. With a speaker ranker the quotes'
/// speakers are reranked before attribution, so relations see the same speakers as the quotes.
pub(crate) fn rules(doc: &Doc<'_>, speaker_model: Option<&SpeakerModel>) -> Rules {
    let mut quotes = crate::quotes::find(doc);
    if let Some(model) = speaker_model {
        crate::speakers::rerank(doc, &mut quotes, model);
    }
    let speakers: Vec<Option<usize>> = quotes.iter().map(|q| q.speaker).collect();
    let clauses = clause_sentences(doc);
    let mut relations: Vec<RawRelation> = Vec::new();
    let mut attributions = Vec::with_capacity(clauses.len());
    for &(ss, se) in &clauses {
        let ms = doc.mentions_in(ss, se);
        let clause = Clause {
            ms,
            w0: doc.word_at_or_after(ss),
            w1: doc.word_at_or_after(se),
        };
        // A clause naming fewer than two actors holds no relation, so nobody vouches for one.
        if ms.len() < 2 {
            attributions.push(Vec::new());
            continue;
        }
        let attribution = attribution(doc, &quotes, &speakers, (ss, se), clause);
        for k in clause.w0..clause.w1 {
            trigger_relations(doc, clause, &quotes, &attribution, k, &mut relations);
        }
        published_by(doc, ms, clause.w0, clause.w1, &quotes, &mut relations);
        located(doc, ms, &mut relations, &attribution);
        member_lists(doc, ms, clause.w0, clause.w1, &mut relations, &attribution);
        attributions.push(attribution);
    }
    Rules {
        quotes,
        relations,
        clauses,
        attribution: attributions,
    }
}

/// The relations the word `k` states when it is a trigger.
fn trigger_relations(
    doc: &Doc<'_>,
    clause: Clause<'_>,
    quotes: &[Found],
    attribution: &[Attribution],
    k: usize,
    out: &mut Vec<RawRelation>,
) {
    if doc.word_mention[k].is_some() {
        return;
    }
    let Some(trigger_kind) = trigger(&doc.words[k].norm, doc.morph[k].as_ref()) else {
        return;
    };
    let (w0, w1) = (clause.w0, clause.w1);
    // Listing as terrorist is an accusation; «أدرج» alone is not.
    if strip_conj(&doc.words[k].norm).starts_with("ادرج")
        && !(k + 1..(k + 6).min(w1)).any(|j| doc.words[j].norm.contains("ارهاب"))
    {
        return;
    }
    // «قطعت علاقتها مع X»: a severed tie is a negated cooperation.
    let stems = words::negating_stems();
    let severed =
        k > w0 && words::prefix_role(stems, strip_conj(&doc.words[k - 1].norm)) == Some("sever");
    let negated = severed
        || negated_at(doc, k, w0)
        || words::prefix_role(stems, &doc.words[k].norm) == Some("not");
    for pick in relate(doc, clause, quotes, k, trigger_kind) {
        let Some(kind) = supply_type(doc, k, w1, &pick, pick.kind.unwrap_or(trigger_kind)) else {
            continue;
        };
        let start = pick.start.min(doc.words[k].start);
        let end = pick.end.max(doc.words[k].end);
        // A denial is the speaker's own; otherwise an actor does not vouch for itself.
        let asserted_by = asserted_by(attribution, start, end)
            .filter(|&a| a != pick.subject || kind == R::Denies);
        push(
            out,
            RawRelation {
                subject: pick.subject,
                kind,
                object: pick.object,
                negated,
                asserted_by,
                start,
                end,
                confidence: pick.confidence * if negated { 0.8 } else { 1.0 },
            },
        );
    }
}

/// Supply triggers are typed by what is supplied: materiel nearby makes `supplies`, anything
/// else (or aid words beside the materiel) `provides_aid`; a `supplies`-only trigger with no
/// materiel states nothing (`None`). Other types pass through.
fn supply_type(
    doc: &Doc<'_>,
    k: usize,
    w1: usize,
    pick: &Pick,
    kind: RelationType,
) -> Option<RelationType> {
    if !matches!(kind, R::ProvidesAid | R::Supplies) {
        return Some(kind);
    }
    let hi = (doc.word_at_or_after(pick.end) + 2).min(w1);
    let span = k.saturating_sub(1)..hi.max(k + 1);
    let has = |list: &isnad_doc::Lexicon| {
        span.clone().any(|j| {
            bases(&doc.words[j].norm)
                .iter()
                .any(|b| words::starts_with_any(list, b))
        })
    };
    let materiel = has(words::materiel_stems());
    let aid = has(words::aid_stems());
    if materiel && !aid {
        Some(R::Supplies)
    } else if kind == R::Supplies && !materiel {
        None
    } else {
        Some(R::ProvidesAid)
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

/// Who the sentence `(ss, se)` attributes its statements to: the quote's speaker inside a
/// quote; the actor of «وفقا ل X», «كما كتب X», «قال X إن» for the sentence before the cue and
/// for the reported clause after the speaker's description.
fn attribution(
    doc: &Doc<'_>,
    quotes: &[Found],
    speakers: &[Option<usize>],
    (ss, se): (usize, usize),
    clause: Clause<'_>,
) -> Vec<Attribution> {
    let mut out = Vec::new();
    for (q, sp) in quotes.iter().zip(speakers) {
        if let Some(a) = sp {
            if q.start < se && q.end > ss {
                out.push(Attribution {
                    start: q.start,
                    end: q.end,
                    actor: Some(*a),
                    descriptor: None,
                });
            }
        }
    }
    for k in clause.w0..clause.w1 {
        cue_attribution(doc, quotes, ss, clause, k, &mut out);
    }
    out
}

/// The attribution spans a speech verb or source phrase at word `k` opens, if it is one.
fn cue_attribution(
    doc: &Doc<'_>,
    quotes: &[Found],
    ss: usize,
    clause: Clause<'_>,
    k: usize,
    out: &mut Vec<Attribution>,
) {
    let w = &doc.words[k];
    if quotes.iter().any(|q| q.start <= w.start && w.end <= q.end) {
        return;
    }
    let source = source_phrase(&doc.words, k).is_some();
    if !source && doc.cue(k, true).is_none() {
        return;
    }
    // «…، قال X» and «…، وفقا ل X» vouch for what came before; «وقال X» and «حيث صرح X»
    // open a clause of their own, and what came before is the outlet's.
    let opens_clause = k > clause.w0
        && words::speech_clause_openers().contains(strip_conj(&doc.words[k - 1].norm));
    let vouches_before = source || (strip_conj(&w.norm) == w.norm && !opens_clause);
    for next in k + 1..=k + 3 {
        // «وأضافت أن X …»: X is the reported clause's subject, not the speaker.
        if doc
            .words
            .get(next)
            .is_some_and(|w| is_complementizer(&w.norm))
        {
            break;
        }
        let Some(mi) = doc.word_mention.get(next).copied().flatten() else {
            // «قالت مصادر أمنية إن …», «بحسب مصدر عسكري»: an unnamed source vouches for the
            // clause; the relation is not the outlet's own statement.
            if doc
                .words
                .get(next)
                .is_some_and(|w| is_unnamed_head(strip_conj(&w.norm)))
                && !named_after(doc, next, clause.w1)
            {
                let end_w = descriptor_end(doc, next, clause.w1);
                let span = (doc.words[next].start, doc.words[end_w].end);
                let said_from = reported_clause_start(doc, quotes, end_w + 1, clause.w1, span.1);
                if vouches_before {
                    out.push(unnamed(ss, w.start, span));
                }
                out.push(unnamed(said_from, usize::MAX, span));
                break;
            }
            continue;
        };
        let mut m = doc.mentions[mi as usize];
        if m.w0 != next || !doc.is_agent(&m) {
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
        // The source vouches for what the sentence reports, not for how the outlet names it:
        // «قال قائد البحرية الأميركية جون ريتشاردسون إن …» attributes the clause after «إن»
        // (and anything before the cue), not the leader_of relation inside the speaker's own
        // description.
        let said_from = reported_clause_start(doc, quotes, m.w1, clause.w1, m.end);
        if vouches_before {
            out.push(Attribution {
                start: ss,
                end: w.start,
                actor: Some(m.actor),
                descriptor: None,
            });
        }
        out.push(Attribution {
            start: said_from,
            end: usize::MAX,
            actor: Some(m.actor),
            descriptor: None,
        });
        break;
    }
}

/// Whether an agent is named within the few words after the head at `k` («المتحدث باسم الجيش
/// X», «مسؤول يدعى X»), before a complementizer: then the head is a role, not an unnamed source.
fn named_after(doc: &Doc<'_>, k: usize, w1: usize) -> bool {
    for j in k + 1..(k + 6).min(w1) {
        if is_complementizer(&doc.words[j].norm) {
            return false;
        }
        if let Some(mi) = doc.word_mention[j] {
            if doc.is_agent(&doc.mentions[mi as usize]) {
                return true;
            }
        }
    }
    false
}

fn unnamed(start: usize, end: usize, descriptor: (usize, usize)) -> Attribution {
    Attribution {
        start,
        end,
        actor: None,
        descriptor: Some(descriptor),
    }
}

/// The last word of an unnamed source's description starting at word `k`: up to three words,
/// stopping before a complementizer or a mention and at a comma or colon.
fn descriptor_end(doc: &Doc<'_>, k: usize, w1: usize) -> usize {
    let mut end = k;
    for j in k + 1..(k + 3).min(w1) {
        let gap = &doc.chars[doc.words[j - 1].end..doc.words[j].start];
        if gap.iter().any(|c| matches!(c, '،' | ',' | ':' | '.'))
            || is_complementizer(&doc.words[j].norm)
            || doc.word_mention[j].is_some()
            || doc.cue(j, true).is_some()
        {
            break;
        }
        end = j;
    }
    end
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
        .find(|&j| is_complementizer(&doc.words[j].norm))
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
        if words::negators().contains(strip_conj(&doc.words[j].norm)) {
            return true;
        }
    }
    false
}
