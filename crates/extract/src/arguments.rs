//! Argument selection for one relation trigger: which actors of its clause are the subject and
//! the object, by word order, object-marking prepositions, relative clauses and constructs.
//!
//! The steps run in order and the first that decides wins: a pair after «بين»; the role nouns
//! (leader, member); a relative clause; coordinated subjects of a symmetric verb; and the
//! general subject-then-object search.

use crate::doc::{Doc, MentionRef};
use crate::quotes::Found;
use crate::scan::{bases, strip_conj};
use crate::triggers::{direct_beneficiary, ends_with_trigger_stem, is_verbal_noun};
use crate::words;
use crate::{ActorKind, RelationType};

use RelationType as R;

/// The clause a trigger is read in: its words and the actor mentions of its sentence.
#[derive(Clone, Copy)]
pub(crate) struct Clause<'d> {
    /// Mentions of the sentence, in text order.
    pub ms: &'d [MentionRef],
    /// First word of the sentence.
    pub w0: usize,
    /// One past its last word.
    pub w1: usize,
}

/// One relation read from a trigger, before typing, negation and attribution.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pick {
    pub subject: usize,
    pub object: usize,
    /// Evidence span (code points), before it is widened to the trigger.
    pub start: usize,
    pub end: usize,
    pub confidence: f32,
    /// A type that replaces the trigger's («القائد الميداني في» is membership).
    pub kind: Option<RelationType>,
}

impl Pick {
    fn new(subject: &MentionRef, object: &MentionRef, start: usize, end: usize, conf: f32) -> Self {
        Pick {
            subject: subject.actor,
            object: object.actor,
            start,
            end,
            confidence: conf,
            kind: None,
        }
    }
}

/// The relations a trigger of type `kind` at word `k` states between actors of the clause.
pub(crate) fn relate(
    doc: &Doc<'_>,
    clause: Clause<'_>,
    quotes: &[Found],
    k: usize,
    kind: RelationType,
) -> Vec<Pick> {
    Site::new(doc, clause, quotes, k, kind)
        .picks()
        .unwrap_or_default()
}

/// What a step decided.
enum Step {
    /// These are the relations.
    Found(Vec<Pick>),
    /// The trigger states no relation here.
    Reject,
    /// Let the next step decide.
    Undecided,
}

/// The subject the general search chose, and the mentions left for the object.
struct Subject<'d> {
    mention: &'d MentionRef,
    rest: Vec<&'d MentionRef>,
    /// The subject stands before the trigger (SVO), which is the more reliable reading.
    before: bool,
}

/// One trigger in its clause: what every step reads.
struct Site<'d, 'a> {
    doc: &'d Doc<'a>,
    ms: &'d [MentionRef],
    quotes: &'d [Found],
    k: usize,
    kind: RelationType,
    w0: usize,
    w1: usize,
    /// The quote the trigger is in, if any: arguments are not paired across quote borders.
    tq: Option<usize>,
    /// The clause start: the last clause opener before the trigger.
    cstart: usize,
    /// The trigger word, folded.
    trig: &'d str,
    /// The trigger is a verbal noun.
    nominal: bool,
    /// Candidate subjects before the trigger, in its clause.
    before: Vec<&'d MentionRef>,
    /// Candidate arguments after it, before the next clause opener.
    after: Vec<&'d MentionRef>,
}

/// Which quote (if any) contains a position.
fn quote_of(quotes: &[Found], pos: usize) -> Option<usize> {
    quotes.iter().position(|q| q.start <= pos && pos < q.end)
}

fn is_clause_opener(doc: &Doc<'_>, j: usize) -> bool {
    words::clause_openers().contains(strip_conj(&doc.words[j].norm))
        && doc.word_mention[j].is_none()
}

/// A comma before word `j`.
fn comma_before(doc: &Doc<'_>, j: usize) -> bool {
    doc.chars[doc.words[j - 1].end..doc.words[j].start]
        .iter()
        .any(|c| matches!(c, '،' | ','))
}

impl<'d, 'a> Site<'d, 'a> {
    fn new(
        doc: &'d Doc<'a>,
        clause: Clause<'d>,
        quotes: &'d [Found],
        k: usize,
        kind: RelationType,
    ) -> Self {
        let Clause { ms, w0, w1 } = clause;
        // A comma followed by a ف-word («، فالولاية لا …») also opens a clause.
        let cstart = (w0..k)
            .rev()
            .find(|&j| {
                let fa = j > w0 && doc.words[j].norm.starts_with('ف') && comma_before(doc, j);
                is_clause_opener(doc, j) || fa
            })
            .unwrap_or(w0);
        // Objects stay before the next clause opener («إلا أنه قُتل في سوريا»).
        let cend = (k + 1..w1)
            .find(|&j| {
                let comma_wa = doc.words[j].norm.starts_with('و')
                    && doc.word_mention[j].is_none()
                    && comma_before(doc, j);
                is_clause_opener(doc, j) || comma_wa
            })
            .unwrap_or(w1);
        let trig = doc.words[k].norm.as_str();
        let mut site = Site {
            doc,
            ms,
            quotes,
            k,
            kind,
            w0,
            w1,
            tq: quote_of(quotes, doc.words[k].start),
            cstart,
            trig,
            nominal: is_verbal_noun(trig, doc.morph[k].as_ref()),
            before: Vec::new(),
            after: Vec::new(),
        };
        site.before = ms
            .iter()
            .filter(|m| {
                m.w1 <= k
                    && m.w0 >= cstart
                    && m.w1 + 12 >= k
                    && site.same_quote(m)
                    && !site.owned(m)
            })
            .collect();
        site.after = ms
            .iter()
            .filter(|m| {
                m.w0 > k
                    && m.w0 <= k + 14
                    && m.w1 <= w1
                    && m.w0 < cend
                    && site.same_quote(m)
                    && !site.sourced(m)
            })
            .collect();
        site
    }

    fn picks(&self) -> Option<Vec<Pick>> {
        if let Some(p) = self.between_pair() {
            return Some(p);
        }
        if matches!(self.kind, R::LeaderOf | R::MemberOf) {
            return self.role().map(|p| vec![p]);
        }
        match self.relative_clause() {
            Step::Found(p) => return Some(p),
            Step::Reject => return None,
            Step::Undecided => {}
        }
        if let Some(p) = self.coordinated_subjects() {
            return Some(vec![p]);
        }
        let subject = self.subject()?;
        let obj = self.object(&subject)?;
        let obj = self.branch_apposition(obj, &subject.rest);
        let conf = if subject.before { 0.55 } else { 0.5 };
        Some(self.with_conjuncts(&subject, obj, conf))
    }

    fn same_quote(&self, m: &MentionRef) -> bool {
        quote_of(self.quotes, m.start) == self.tq
    }

    fn is_agent(&self, m: &MentionRef) -> bool {
        self.doc.is_agent(m)
    }

    fn is_country(&self, m: &MentionRef) -> bool {
        self.doc.kind(m) == ActorKind::Loc
    }

    /// Supporters, ranks or allies of an actor are not the actor («مناصرو مليشيات حزب الله»).
    fn owned(&self, m: &MentionRef) -> bool {
        self.doc.after_head(m, words::supporter_heads())
            || self.doc.after_head(m, words::genitive_heads())
            || self.doc.after_head(m, words::ally_heads())
    }

    /// A source phrase («، حسب المحكمة») names who says it, not an argument.
    fn sourced(&self, m: &MentionRef) -> bool {
        m.w0 > 0 && {
            let prev = strip_conj(&self.doc.words[m.w0 - 1].norm);
            words::source_markers().contains(prev) || prev == "عن"
        }
    }

    /// The mention's own word or the word before it puts it in a prepositional phrase.
    fn prep_own(&self, m: &MentionRef) -> bool {
        let doc = self.doc;
        let pre = isnad_doc::fold_key(&doc.slice(doc.words[m.w0].start, m.start));
        if pre.ends_with('ل') || pre.ends_with('ب') {
            return true;
        }
        if m.w0 == 0 {
            return false;
        }
        let prev = strip_conj(&doc.words[m.w0 - 1].norm);
        words::prepositions().contains(prev)
            || words::source_markers().contains(prev)
            || (doc.word_mention[m.w0 - 1].is_none()
                && (prev.starts_with("لل") || prev.starts_with("لم") || prev.starts_with("بال"))
                && prev.chars().count() > 3)
            || (m.w0 - 1 != self.k && construct_in_pp(doc, m.w0 - 1))
    }

    /// In a prepositional phrase; «على حماس والقسام»: a conjunct shares the preposition of the
    /// mention it is joined to.
    fn prep(&self, m: &MentionRef) -> bool {
        if self.prep_own(m) {
            return true;
        }
        let doc = self.doc;
        if doc.slice(doc.words[m.w0].start, m.start) == "و" {
            if let Some(p) = self.ms.iter().rev().find(|p| p.w1 == m.w0) {
                return self.prep_own(p);
            }
        }
        false
    }

    /// Marked as addressee or beneficiary: «الى X», «مع X», and «لتنظيم X» (the ل on the
    /// construct head).
    fn marked(&self, m: &MentionRef) -> bool {
        let doc = self.doc;
        let pre = isnad_doc::fold_key(&doc.slice(doc.words[m.w0].start, m.start));
        if pre.ends_with('ل') || m.w0 == 0 {
            return pre.ends_with('ل');
        }
        let prev = strip_conj(&doc.words[m.w0 - 1].norm);
        words::addressee_markers().contains(prev)
            || (doc.word_mention[m.w0 - 1].is_none()
                && prev.starts_with('ل')
                && prev.chars().count() > 3
                && !words::lam_words().contains(prev))
    }

    /// «بين X و Y» after the trigger, or «فبين X وY خطوط اتصال» before it.
    fn between_pair(&self) -> Option<Vec<Pick>> {
        if !matches!(
            self.kind,
            R::CooperatesWith | R::Meets | R::CommunicatesWith | R::Attacks
        ) {
            return None;
        }
        let (doc, k) = (self.doc, self.k);
        let is_bayna = |j: &usize| strip_conj(&doc.words[*j].norm) == "بين";
        if let Some(bi) = (k + 1..(k + 7).min(self.w1)).find(is_bayna) {
            let pair: Vec<&MentionRef> = self
                .ms
                .iter()
                .filter(|m| m.w0 > bi && m.w0 <= bi + 8 && self.is_agent(m))
                .take(2)
                .collect();
            if let [a, b] = pair[..] {
                let start = doc.words[k].start;
                let mut v = vec![Pick::new(a, b, start, b.end, 0.75)];
                // Clashes «بين X وY» are mutual attacks.
                if self.kind == R::Attacks {
                    v.push(Pick::new(b, a, start, b.end, 0.7));
                }
                return Some(v);
            }
        }
        let bi = (k.saturating_sub(6).max(self.w0)..k).find(is_bayna)?;
        let pair: Vec<&MentionRef> = self
            .before
            .iter()
            .copied()
            .filter(|m| m.w0 > bi && self.is_agent(m))
            .take(2)
            .collect();
        match pair[..] {
            [a, b] => Some(vec![Pick::new(a, b, a.start, doc.words[k].end, 0.75)]),
            _ => None,
        }
    }

    /// Role nouns: «قائد التنظيم أبو بكر البغدادي», «المتحدث باسم البنتاغون بيتر كوك»,
    /// «X التابع ل Y».
    fn role(&self) -> Option<Pick> {
        let (doc, k) = (self.doc, self.k);
        let org = self
            .after
            .iter()
            .find(|m| doc.kind(m) == ActorKind::Org && m.w0 <= k + 3)?;
        let per_after = self.after.iter().find(|m| {
            m.w0 >= org.w1 && m.w0 <= org.w1 + 3 && self.is_agent(m) && m.actor != org.actor
        });
        let per_before = self
            .before
            .iter()
            .rev()
            .find(|m| m.w1 + 2 >= k && self.is_agent(m) && m.actor != org.actor);
        let post = bases(&doc.words[k].norm)
            .iter()
            .any(|b| words::starts_with_any(words::post_nominal_triggers(), b));
        let subj = if post {
            per_before.or(per_after)
        } else {
            per_after.or(per_before)
        }?;
        if doc.kind(subj) == ActorKind::Org && self.kind == R::LeaderOf {
            return None;
        }
        // «القائد الميداني في قوات الوفاق» is membership, not leadership.
        let member = self.kind == R::LeaderOf && (k + 1..org.w0).any(|j| doc.words[j].norm == "في");
        Some(Pick {
            kind: member.then_some(R::MemberOf),
            ..Pick::new(
                subj,
                org,
                subj.start.min(doc.words[k].start),
                subj.end.max(org.end),
                0.75,
            )
        })
    }

    /// Relative clause «X … الذي تقدمه لها Y»: with an object pronoun on the verb, Y acts on X;
    /// without one («التحالف الذي يحارب الحوثيين») X is the subject.
    fn relative_clause(&self) -> Step {
        let (doc, k) = (self.doc, self.k);
        let rel_before =
            k > self.w0 && words::relative_clause_pronouns().contains(&doc.words[k - 1].norm);
        if !rel_before {
            return Step::Undecided;
        }
        let Some(o) = self
            .ms
            .iter()
            .filter(|m| m.w1 <= k && m.w0 >= self.w0 && m.w1 + 6 >= k && self.same_quote(m))
            .rev()
            .find(|m| self.is_agent(m))
        else {
            return Step::Undecided;
        };
        if self.owned(o) {
            return Step::Reject;
        }
        let suffixed = words::object_pronouns()
            .keys()
            .any(|p| self.trig.ends_with(p))
            && !ends_with_trigger_stem(self.trig);
        if suffixed {
            let country_agent =
                |m: &MentionRef| self.is_agent(m) || (self.is_country(m) && !locative(doc, m));
            if let Some(s) = self
                .after
                .iter()
                .find(|m| country_agent(m) && !self.prep(m) && m.w0 <= k + 3)
            {
                if s.actor != o.actor {
                    return Step::Found(vec![Pick::new(s, o, o.start, s.end, 0.6)]);
                }
            }
        } else if let Some(obj) = self.after.iter().find(|m| {
            m.actor != o.actor
                && actor_ok(self.kind, doc.kind(o), doc.kind(m))
                && !(self.is_country(m) && locative(doc, m))
        }) {
            return Step::Found(vec![Pick::new(o, obj, o.start, obj.end, 0.6)]);
        }
        Step::Undecided
    }

    /// Coordinated subjects of a symmetric verb: «السعودية وإيران اتفقتا».
    fn coordinated_subjects(&self) -> Option<Pick> {
        let (doc, k) = (self.doc, self.k);
        if !matches!(self.kind, R::CooperatesWith | R::Meets) {
            return None;
        }
        let [.., a, b] = self.before[..] else {
            return None;
        };
        let ok = b.w1 + 1 >= k
            && a.w1 == b.w0
            && doc.slice(doc.words[b.w0].start, b.start) == "و"
            && (self.is_agent(a) || self.is_country(a))
            && (self.is_agent(b) || self.is_country(b));
        ok.then(|| Pick::new(a, b, a.start, doc.words[k].end, 0.7))
    }

    /// A verbal noun inside a prepositional or causal phrase («بسبب هجمات X», «إثر اغتيال Y»)
    /// does not take the clause's earlier subject as its agent.
    fn nominal_in_pp(&self) -> bool {
        let (doc, k) = (self.doc, self.k);
        if !self.nominal || k <= self.w0 {
            return false;
        }
        let prev = &doc.words[k - 1];
        let tagged_adp = doc.morph[k - 1]
            .as_ref()
            .is_some_and(|m| m.upos == Some(isnad_doc::Upos::ADP) && m.stem == prev.norm);
        // «باعتقالات X» is inside a PP, but «يقوم بتعذيب …», «قيام X بصناعة …» (the masdar
        // construction) are not.
        let proclitic = doc.morph[k].as_ref().is_some_and(|m| m.prep.is_some());
        let qama = (k.saturating_sub(6).max(self.w0)..k).any(|j| {
            doc.morph[j].as_ref().is_some_and(|m| {
                m.readings
                    .iter()
                    .any(|r| r.root == ['ق', '*', 'م'] && r.form == crate::morph::Form::Base)
            })
        });
        tagged_adp || words::causal_words().contains(strip_conj(&prev.norm)) || (proclitic && !qama)
    }

    /// «أعلن X أنه سيقدم …»: the pronoun on the complementizer is the main clause's subject.
    fn complement_subject(&self) -> Option<&'d MentionRef> {
        let doc = self.doc;
        let cstart = self.cstart;
        let pronoun = cstart > self.w0 && !self.nominal && pronoun_complementizer(doc, cstart);
        if !pronoun {
            return None;
        }
        self.ms.iter().rev().find(|m| {
            m.w1 <= cstart
                && m.w0 >= self.w0
                && m.w1 + 4 >= cstart
                && (self.is_agent(m) || (self.is_country(m) && !locative(doc, m)))
                && !self.prep(m)
                && !self.owned(m)
                && self.same_quote(m)
        })
    }

    /// The subject: the nearest agent before the trigger, else (VSO) one after it.
    fn subject(&self) -> Option<Subject<'d>> {
        let (doc, k) = (self.doc, self.k);
        let in_pp = self.nominal_in_pp();
        if let Some(s) = self
            .before
            .iter()
            .rev()
            .find(|m| self.is_agent(m) && !self.prep(m))
            .filter(|_| !in_pp)
        {
            return Some(Subject {
                mention: s,
                rest: self.after.clone(),
                before: true,
            });
        }
        // A verbal noun's adjacent genitive is its agent only when a marked object follows
        // («قمع حماس لداعمي …»); otherwise it is the patient («اغتيال الحريري»).
        let genitive = self
            .after
            .first()
            .filter(|m| self.nominal && m.w0 == k + 1 && !self.prep(m));
        let genitive_agent =
            genitive.is_some_and(|g| self.after.iter().any(|m| m.w0 > g.w0 && self.prep(m)));
        // VSO: a country right after a finite verb is its subject («وتتهم الولايات المتحدة …
        // فصائل»); else the first person or group; else a country close by.
        let s =
            self.after
                .first()
                .filter(|m| {
                    self.is_country(m)
                        && m.w0 == k + 1
                        && !self.prep(m)
                        && !self.nominal
                        && doc.morph[k].as_ref().is_some_and(|w| w.is_verb())
                })
                .copied()
                .or_else(|| {
                    self.after.iter().copied().find(|m| {
                        self.is_agent(m)
                            && !self.prep(m)
                            && m.w0 <= k + 5
                            && !construct_genitive(doc, m, k)
                    })
                })
                .or_else(|| {
                    self.after.iter().copied().find(|m| {
                        self.is_country(m) && !self.prep(m) && m.w0 <= k + 2 && !self.nominal
                    })
                })
                .or_else(|| self.complement_subject())?;
        if genitive.is_some_and(|g| g.w0 == s.w0) && !genitive_agent {
            return None;
        }
        Some(Subject {
            mention: s,
            rest: self.after.iter().copied().filter(|m| m.w0 > s.w0).collect(),
            before: false,
        })
    }

    /// Whether `m` can be the object of a relation whose subject is `subj`.
    fn fits(&self, subj: &MentionRef, m: &MentionRef) -> bool {
        let doc = self.doc;
        m.actor != subj.actor
            && actor_ok(self.kind, doc.kind(subj), doc.kind(m))
            && !(self.is_country(m) && locative(doc, m))
            && !doc.after_head(m, words::supporter_heads())
            && !doc.after_head(m, words::ally_heads())
    }

    /// The object among the mentions left after the subject, by what the relation type marks.
    fn object(&self, subject: &Subject<'d>) -> Option<&'d MentionRef> {
        let (doc, k) = (self.doc, self.k);
        let subj = subject.mention;
        let mut rest = subject.rest.iter().copied();
        let fits = |m: &MentionRef| self.fits(subj, m);
        match self.kind {
            // A message goes «إلى X»; without a marked addressee there is no relation.
            R::CommunicatesWith
                if !self.trig.starts_with("ابلغ") && !strip_conj(self.trig).starts_with("ابق") =>
            {
                rest.find(|m| fits(m) && self.marked(m))
            }
            // Aid and materiel go «ل X» / «إلى X».
            // «سيساعد البرنامج», «يدعم X»: some aid verbs take the beneficiary as direct object.
            R::Supplies | R::ProvidesAid => {
                rest.find(|m| fits(m) && self.marked(m)).or_else(|| {
                    if !direct_beneficiary(doc.morph[k].as_ref()) {
                        return None;
                    }
                    let near = doc.word_at_or_after(doc.words[k].end.max(subj.end));
                    subject
                        .rest
                        .iter()
                        .copied()
                        .find(|m| fits(m) && !self.prep(m) && near + 3 >= m.w0)
                })
            }
            R::CooperatesWith | R::Meets | R::Threatens => rest
                .clone()
                .find(|m| fits(m) && self.prep(m))
                .or_else(|| rest.find(|m| fits(m))),
            _ => rest.find(|m| fits(m)),
        }
    }

    /// «فرع تنظيم “داعش” المصري، ولاية سيناء»: the apposition names the branch itself.
    fn branch_apposition(&self, obj: &'d MentionRef, rest: &[&'d MentionRef]) -> &'d MentionRef {
        let doc = self.doc;
        let branch = |j: usize| strip_conj(&doc.words[j].norm).ends_with("فرع");
        if (obj.w0 > 0 && branch(obj.w0 - 1)) || (obj.w0 > 1 && branch(obj.w0 - 2)) {
            rest.iter()
                .copied()
                .find(|m| m.w0 > obj.w1 && m.w0 <= obj.w1 + 3 && doc.kind(m) == doc.kind(obj))
                .unwrap_or(obj)
        } else {
            obj
        }
    }

    /// The relation to the object, and to each conjunct of it: «على مدينتي حلب وحماة», «ضد
    /// حماس والقسام» share the object's role.
    fn with_conjuncts(&self, subject: &Subject<'d>, obj: &'d MentionRef, conf: f32) -> Vec<Pick> {
        let doc = self.doc;
        let subj = subject.mention;
        let span = |m: &MentionRef| (subj.start.min(m.start), subj.end.max(m.end));
        let (start, end) = span(obj);
        let mut picks = vec![Pick::new(subj, obj, start, end, conf)];
        let mut last = obj;
        while let Some(next) = subject.rest.iter().find(|m| {
            m.w0 == last.w1
                && doc.kind(m) == doc.kind(last)
                && doc.slice(doc.words[m.w0].start, m.start) == "و"
                && m.actor != subj.actor
        }) {
            let (start, end) = span(next);
            picks.push(Pick::new(subj, next, start, end, conf * 0.9));
            last = next;
        }
        picks
    }
}

/// Whether the relation type admits these actor kinds.
pub(crate) fn actor_ok(kind: RelationType, subj: ActorKind, obj: ActorKind) -> bool {
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
        && (words::prepositions().contains(before)
            || doc.morph[j - 1]
                .as_ref()
                .is_some_and(|m| m.upos == Some(isnad_doc::Upos::ADP) && m.stem == before))
}

/// Whether word `j` is «أنّ» carrying a pronoun (أنه, أنها, بأنهم): by the segmenter (stem أن
/// with an enclitic) or, without it, by the surface form.
fn pronoun_complementizer(doc: &Doc<'_>, j: usize) -> bool {
    match doc.morph[j].as_ref() {
        Some(m) => m.enclitic && m.stem == "ان",
        None => words::field(words::complementizers(), strip_conj(&doc.words[j].norm), 0)
            .is_some_and(|p| p != "none"),
    }
}

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
        && !words::construct_heads().contains(&head.stem)
        && doc.chars[doc.words[j].end..m.start]
            .iter()
            .all(|c| c.is_whitespace())
}

/// A place inside a locative phrase («في الأراضي العراقية», «بالعاصمة بغداد»): where something
/// happens, not the target of an attack.
pub(crate) fn locative(doc: &Doc<'_>, m: &MentionRef) -> bool {
    let own = isnad_doc::fold_key(&doc.slice(doc.words[m.w0].start, m.start));
    if own.ends_with('ب') || own.ends_with("في") {
        return true;
    }
    (m.w0.saturating_sub(2)..m.w0)
        .any(|j| doc.word_mention[j].is_none() && strip_conj(&doc.words[j].norm) == "في")
}
