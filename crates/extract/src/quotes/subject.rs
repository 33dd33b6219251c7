//! Who speaks when the cue names no one right after it: the subject after the verb (an unnamed
//! source, a statement and who issued it, a title that goes on to name the person), the subject
//! before it, and the speaker a subjectless verb continues.

use super::{complementizer_pronoun, is_statement, Ctx, Cue};
use crate::scan::strip_conj;
use crate::speech::{is_preposition, is_unnamed_head, source_phrase};
use crate::words;
use crate::ActorKind;
use isnad_doc::fold_key;

impl Ctx<'_, '_> {
    /// The explicit subject after the cue (VSO): the first person named, else the first
    /// organization, else an unnamed source («مصدر أمني»). `None` when the clause names none
    /// before a preposition or a complementizer.
    pub(super) fn subject_after(
        &self,
        cue: Cue,
        limit: usize,
        via: &[usize],
    ) -> Option<(Option<usize>, String)> {
        let doc = self.doc;
        let mut k = cue.w1;
        let mut best: Option<(usize, usize)> = None; // (actor, word)
        let mut first_word = true;
        let mut steps = 0;
        while k < doc.words.len() && doc.words[k].start < limit && steps < 14 {
            let w = &doc.words[k];
            if let Some(n) = source_phrase(&doc.words, k) {
                k += n;
                if let Some((_, end_w)) = self.first_actor_at(k, limit, 6) {
                    k = end_w;
                }
                steps += 1;
                continue;
            }
            if let Some(mi) = doc.word_mention[k] {
                let m = doc.mentions[mi as usize];
                let kind = doc.kind(&m);
                let prep_before =
                    m.w0 > 0 && is_preposition(&doc.words[m.w0 - 1].norm) && m.w0 != cue.w1;
                if !via.contains(&m.actor) {
                    if !prep_before && matches!(kind, ActorKind::Per) {
                        return Some((Some(m.actor), doc.slice(m.start, m.end)));
                    } else if !prep_before && kind == ActorKind::Org && best.is_none() {
                        best = Some((m.actor, m.w0));
                    }
                }
                k = m.w1;
                first_word = false;
                steps += 1;
                continue;
            }
            let base = strip_conj(&w.norm);
            if first_word && is_statement(base) {
                if let Some(a) = self.statement_issuer(k, limit) {
                    return Some((Some(a), self.actor_text(a, k)));
                }
            }
            if first_word && best.is_none() && is_unnamed_head(base) {
                return Some(self.unnamed_source(k, limit));
            }
            if is_preposition(base) && best.is_none() && first_word {
                break; // «وأضاف في …»: no explicit subject
            }
            // «وأضاف أن … X “…”»: the subject comes before the complementizer.
            if complementizer_pronoun(base, &["none", "he", "she"]) && best.is_none() {
                break;
            }
            first_word = false;
            k += 1;
            steps += 1;
        }
        best.map(|(a, w)| (Some(a), self.actor_text(a, w)))
    }

    /// Who speaks through the statement at word `k` («بيان صادر عن X», «بيان لـX», «بيان
    /// الداخلية»): the first actor named in its description, or the person it quotes («نقل
    /// بيان لوزارة الطاقة عن نوفاك قوله»).
    pub(super) fn statement_issuer(&self, k: usize, limit: usize) -> Option<usize> {
        let doc = self.doc;
        let mut issuer = None;
        let mut j = k + 1;
        while j < (k + 10).min(doc.words.len()) && doc.words[j].start < limit {
            let gap = &doc.chars[doc.words[j - 1].end..doc.words[j].start];
            if gap
                .iter()
                .any(|c| matches!(c, ':' | '.' | '،' | ',' | '"' | '«' | '“'))
            {
                break;
            }
            if complementizer_pronoun(strip_conj(&doc.words[j].norm), &["none", "he", "she"]) {
                break;
            }
            let Some(mi) = doc.word_mention[j] else {
                j += 1;
                continue;
            };
            let m = doc.mentions[mi as usize];
            if !matches!(doc.kind(&m), ActorKind::Per | ActorKind::Org) {
                j = m.w1;
                continue;
            }
            // «… عن نوفاك قوله»: the statement relays the person's words.
            let quoted = doc
                .words
                .get(m.w1)
                .is_some_and(|w| strip_conj(&w.norm).starts_with("قول"));
            if quoted {
                return Some(m.actor);
            }
            issuer.get_or_insert(m.actor);
            j = m.w1;
        }
        issuer
    }

    /// An unnamed source at word `k` («مسؤول أمني»), unless a name follows at once («مسؤول …
    /// يدعى X»): its description runs to a comma, a colon or a complementizer, at most four words.
    pub(super) fn unnamed_source(&self, k: usize, limit: usize) -> (Option<usize>, String) {
        let doc = self.doc;
        let end_w = (k..(k + 4).min(doc.words.len()))
            .take_while(|&j| {
                doc.words[j].start < limit
                    && !complementizer_pronoun(&doc.words[j].norm, &["none", "he"])
                    && !doc.chars[doc.words[k].start..doc.words[j].end]
                        .iter()
                        .any(|c| matches!(c, '،' | ',' | ':'))
            })
            .last()
            .unwrap_or(k);
        if let Some(a) = self.named_after(k, limit) {
            return (Some(a), self.actor_text(a, k));
        }
        (None, doc.slice(doc.words[k].start, doc.words[end_w].end))
    }

    /// A person the description after an unnamed-looking head goes on to name: «مسؤول صومالي
    /// آخر يدعى ضاهر أحمد», «عضو مجلس المحافظة مرتضى الشحماني», «مسؤول الإعلام في الفرع،
    /// سعيد مموزيني». A person behind a preposition belongs to the description («مصدر مقرب من
    /// الرئيس X») until a comma opens an apposition.
    pub(super) fn named_after(&self, k: usize, limit: usize) -> Option<usize> {
        let doc = self.doc;
        let mut behind_preposition = false;
        for j in k + 1..(k + 12).min(doc.words.len()) {
            let w = &doc.words[j];
            if w.start >= limit {
                break;
            }
            let gap = &doc.chars[doc.words[j - 1].end..w.start];
            if gap.iter().any(|c| matches!(c, '،' | ',')) {
                behind_preposition = false;
            }
            if gap.iter().any(|c| matches!(c, ':' | '.' | '"' | '«' | '“')) {
                break;
            }
            let base = strip_conj(&w.norm);
            if words::naming_verbs().contains(&w.norm) {
                let m = doc.mentions[doc.word_mention.get(j + 1).copied().flatten()? as usize];
                return (doc.kind(&m) == ActorKind::Per).then_some(m.actor);
            }
            if complementizer_pronoun(base, &["none", "he", "she"]) {
                break;
            }
            if let Some(mi) = doc.word_mention[j] {
                let m = doc.mentions[mi as usize];
                if m.w0 == j && doc.kind(&m) == ActorKind::Per && !behind_preposition {
                    return Some(m.actor);
                }
            }
            if is_preposition(base) || w.norm.starts_with("لل") {
                behind_preposition = true;
            }
        }
        None
    }

    pub(super) fn actor_text(&self, actor: usize, from_word: usize) -> String {
        let doc = self.doc;
        doc.mentions
            .iter()
            .find(|m| m.actor == actor && m.w0 >= from_word)
            .map(|m| doc.slice(m.start, m.end))
            .unwrap_or_else(|| self.doc.actors[actor].name.clone())
    }

    /// The subject of an SVO clause ending at the cue: an unnamed head at the clause start wins.
    pub(super) fn subject_before(&self, cue: Cue) -> Option<(Option<usize>, String)> {
        let doc = self.doc;
        let cs = doc.sentence_start(doc.words[cue.w0].start);
        let mut k = doc.word_at_or_after(cs);
        while k < cue.w0 && {
            let w = strip_conj(&doc.words[k].norm);
            w.is_empty() || words::clause_fillers().contains(w)
        } {
            k += 1;
        }
        if k >= cue.w0 {
            return None;
        }
        let head = strip_conj(&doc.words[k].norm);
        if is_unnamed_head(head) && doc.word_mention[k].is_none() {
            if let Some(a) = self.named_after(k, doc.words[cue.w0].start) {
                return Some((Some(a), self.actor_text(a, k)));
            }
            let end = (k + 3).min(cue.w0);
            return Some((None, doc.slice(doc.words[k].start, doc.words[end - 1].end)));
        }
        // Otherwise the clause's first named actor outside a prepositional phrase, a person
        // before an organization («نشر الناشط مازن العلي تغريدة … قال فيها»). A feminine verb
        // («ووصفت») agrees with an organization or a woman, not with a man named later in the
        // clause («نفت الوزارة استدعاء السفير …، ووصفت الأنباء بأنها “…”»).
        let verb = strip_conj(&doc.words[cue.w0].norm);
        let feminine = verb.chars().count() >= 3 && verb.ends_with('ت');
        let woman = |j: usize| {
            j > 0 && {
                let before = strip_conj(&doc.words[j - 1].norm);
                before.ends_with('ه') || before.ends_with('ة')
            }
        };
        let mut man = None;
        let mut org = None;
        for j in k..cue.w0 {
            let Some(mi) = doc.word_mention[j] else {
                continue;
            };
            let m = doc.mentions[mi as usize];
            if m.w0 != j {
                continue;
            }
            let prefix = fold_key(&doc.slice(doc.words[j].start, m.start));
            let in_pp = prefix.ends_with('ل')
                || prefix.ends_with('ب')
                || (j > 0 && is_preposition(strip_conj(&doc.words[j - 1].norm)));
            if in_pp {
                continue;
            }
            match doc.kind(&m) {
                ActorKind::Per if !feminine || woman(j) => {
                    return Some((Some(m.actor), doc.slice(m.start, m.end)))
                }
                ActorKind::Per if man.is_none() => man = Some(m),
                ActorKind::Org if org.is_none() => {
                    org = Some(m);
                    if feminine {
                        break;
                    }
                }
                _ => {}
            }
        }
        org.or(man)
            .map(|m| (Some(m.actor), doc.slice(m.start, m.end)))
    }

    /// No explicit subject: the last speaker continues, unless the sentence before names a
    /// person as its subject after that («كما رحب رودس بـ… وقال: "…"»): a subjectless verb
    /// continues the most recent subject.
    pub(super) fn implicit(&self, s: usize) -> (Option<usize>, String) {
        let last = self.turns.iter().rev().find(|t| t.0 < s);
        if let Some((at, actor)) = self.previous_subject(s) {
            if last.map_or(true, |t| t.0 < at) {
                let m = self.doc.mentions[actor];
                return (Some(m.actor), self.doc.slice(m.start, m.end));
            }
        }
        last.map_or((None, String::new()), |t| (t.1, t.2.clone()))
    }

    /// The person named among the first words of the sentence before the one holding `s`
    /// (verb-subject order), with its position and mention index.
    pub(super) fn previous_subject(&self, s: usize) -> Option<(usize, usize)> {
        let doc = self.doc;
        let here = doc.sentence_start(s);
        let before = doc.sentence_start(here.checked_sub(1)?);
        let w0 = doc.word_at_or_after(before);
        (w0..(w0 + 4).min(doc.words.len()))
            .take_while(|&k| doc.words[k].start < here)
            .find_map(|k| {
                let mi = doc.word_mention[k]? as usize;
                let m = doc.mentions[mi];
                let prep = k > w0 && is_preposition(strip_conj(&doc.words[k - 1].norm));
                (m.w0 == k && doc.kind(&m) == ActorKind::Per && !prep).then_some((m.start, mi))
            })
    }
}
