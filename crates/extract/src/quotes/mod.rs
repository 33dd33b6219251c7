//! Direct speech: quoted spans and colon-introduced speech, their cue, speaker and via chain.

use isnad_doc::fold_key;

use crate::doc::Doc;
use crate::scan::strip_conj;
use crate::speech::{is_naming_word, is_preposition, source_phrase, CueClass};
use crate::words;
use crate::ActorKind;

mod subject;

/// A quotation found in the text, before it is turned into the public [`crate::Quote`].
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub cue: String,
    pub speaker: Option<usize>,
    pub speaker_text: String,
    pub via: Vec<usize>,
    /// The cue's words `[w0, w1)`, `None` for a quote without a cue: the speaker ranker reads
    /// where the cue stands relative to each candidate.
    pub cue_words: Option<(usize, usize)>,
    /// How the cue introduces the speech (none, opening verb, continuation, source phrase).
    pub cue_kind: CueKind,
}

/// The kind of cue of a quote, as the speaker ranker sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueKind {
    /// No cue: the words continue a statement.
    None,
    /// A speech verb that opens a statement («قال»).
    Open,
    /// A speech verb that continues the current speaker («وأضاف», «مضيفا»).
    Continue,
    /// A source phrase («وفقا ل», «بحسب»).
    Source,
}

fn is_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„' | '‘' | '’' | '\'')
}

/// Pairs quotation marks inside each paragraph. Guillemets nest; the curly and straight double
/// marks toggle, so the mismatched “…“ and ”…” pairs of real text still close.
fn pair_marks(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut stack: Vec<(usize, char)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            stack.clear();
            continue;
        }
        if !is_mark(c) {
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        // An apostrophe inside a word is not a quote mark.
        if matches!(c, '\'' | '‘' | '’')
            && prev.is_some_and(char::is_alphanumeric)
            && next.is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let family = match c {
            '«' | '»' => 'g',
            '\'' | '‘' | '’' => 's',
            _ => 'd',
        };
        // A straight mark between a space and a letter can only open, between a letter and a
        // space or punctuation only close: one stray mark then no longer turns every later
        // quote inside out.
        if c == '"' {
            let edge = |x: Option<char>, marks: &str| {
                x.map_or(true, |x| x.is_whitespace() || marks.contains(x))
            };
            let opens = edge(prev, "(:«“[") && !edge(next, ".,،؛:!?)»”");
            let closes = !edge(prev, "(:«“[") && edge(next, ".,،؛:!?)»”");
            let open_straight = stack.last().is_some_and(|&(_, t)| t == '"');
            if opens && open_straight {
                stack.pop();
            }
            if closes && !open_straight {
                continue;
            }
        }
        let closes = match stack.last() {
            Some(&(_, '«')) => c == '»',
            Some(&(_, top)) => {
                let tf = match top {
                    '\'' | '‘' | '’' => 's',
                    _ => 'd',
                };
                tf == family && c != '«'
            }
            None => false,
        };
        if closes {
            if let Some((open, _)) = stack.pop() {
                if stack.is_empty() {
                    out.push((open, i));
                }
            }
        } else if c != '»' {
            stack.push((i, c));
        }
    }
    out
}

/// A cue located in the text.
#[derive(Debug, Clone, Copy)]
struct Cue {
    /// First word of the cue phrase.
    w0: usize,
    /// One past its last word.
    w1: usize,
    class: CueClass,
    /// The cue is a source phrase («وفقا ل X»): its object is the speaker.
    source: bool,
}

struct Ctx<'d, 'a> {
    doc: &'d Doc<'a>,
    /// (position, speaker) of every statement attributed so far, in text order.
    turns: Vec<(usize, Option<usize>, String)>,
}

/// Finds all quotes in document order.
pub(crate) fn find(doc: &Doc<'_>) -> Vec<Found> {
    let chars = &doc.chars;
    let pairs = pair_marks(chars);
    let mut openers: Vec<usize> = pairs.iter().map(|p| p.0).collect();
    openers.sort_unstable();
    let mut cands: Vec<(usize, usize, bool)> =
        pairs.into_iter().map(|(o, c)| (o + 1, c, false)).collect();
    cands.extend(colon_quotes(doc, &openers));
    cands.sort_by_key(|c| c.0);
    let mut ctx = Ctx {
        doc,
        turns: statement_turns(doc),
    };
    let mut out: Vec<Found> = Vec::new();
    let mut last_end = 0;
    for (s, e, colon) in cands {
        if s < last_end {
            continue; // nested inside an accepted quote
        }
        let (s, e) = trim(chars, s, e);
        if s >= e {
            continue;
        }
        if let Some(f) = ctx.classify(s, e, colon, out.last()) {
            last_end = f.end;
            ctx.turns.push((f.start, f.speaker, f.speaker_text.clone()));
            ctx.turns.sort_by_key(|t| t.0);
            out.push(f);
        }
    }
    out
}

fn trim(chars: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && (chars[s].is_whitespace() || is_mark(chars[s])) {
        s += 1;
    }
    while e > s
        && (chars[e - 1].is_whitespace()
            || is_mark(chars[e - 1])
            || matches!(chars[e - 1], '.' | '،' | ','))
    {
        e -= 1;
    }
    (s, e)
}

/// Speech introduced by a verb and a colon, without quotation marks («وتابع: نريد …»), or
/// with an opening mark that is never closed («قال: «نريد …», the closing mark lost): the
/// speech runs to the end of the sentence. `openers` are the marks that do close.
fn colon_quotes(doc: &Doc<'_>, openers: &[usize]) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    for (i, &c) in doc.chars.iter().enumerate() {
        if c != ':' {
            continue;
        }
        let mut j = i + 1;
        while j < doc.chars.len() && doc.chars[j] == ' ' {
            j += 1;
        }
        if j >= doc.chars.len() || doc.chars[j] == '\n' {
            continue;
        }
        if is_mark(doc.chars[j]) {
            if openers.binary_search(&j).is_ok() {
                continue;
            }
            j += 1;
        }
        let wi = doc.word_at_or_after(i);
        let sent = doc.sentence_start(i);
        let has_cue = (wi.saturating_sub(16)..wi)
            .any(|k| doc.words[k].start >= sent && (doc.cue(k, false).is_some() || is_ja(doc, k)));
        if has_cue {
            out.push((j, doc.sentence_end(j), true));
        }
    }
    out
}

/// «جاء في/فيه»: the text says the words appeared in a letter or statement.
fn is_ja(doc: &Doc<'_>, k: usize) -> bool {
    let w = strip_conj(&doc.words[k].norm);
    w == "جاء"
        && doc
            .words
            .get(k + 1)
            .is_some_and(|n| n.norm.starts_with("في"))
}

/// Statement turns outside quotes: a speech verb or source phrase directly followed by a named
/// person («يحذر أبو عبدالله», «وفقا لأبو عبدالله»). They let an implicit subject («كما يقول»)
/// resolve to whoever spoke last.
fn statement_turns(doc: &Doc<'_>) -> Vec<(usize, Option<usize>, String)> {
    let mut out = Vec::new();
    for (k, w) in doc.words.iter().enumerate() {
        let cue = doc.cue(k, true).is_some() || source_phrase(&doc.words, k).is_some();
        if !cue {
            continue;
        }
        // The subject right after the verb: «يحذر أبو عبدالله», «قال وزير الطاقة الأمير X»,
        // «وفقا لأبو …» (the ل sits on the next word, so the mention may start inside it). Titles
        // may stand between; punctuation, quote marks and prepositions end the search.
        let source = source_phrase(&doc.words, k).is_some();
        for j in k + 1..(k + 7).min(doc.words.len()) {
            let gap = &doc.chars[doc.words[j - 1].end..doc.words[j].start];
            if gap.iter().any(|c| !c.is_whitespace())
                || is_preposition(strip_conj(&doc.words[j].norm))
            {
                break;
            }
            if let Some(m) = doc.word_mention[j] {
                let m = doc.mentions[m as usize];
                let kind = doc.kind(&m);
                // «…»، وفق العربية: an outlet behind a source phrase relays, it does not speak.
                let org_ok = kind == ActorKind::Org && j == k + 1 && !source;
                if m.w0 == j && (kind == ActorKind::Per || org_ok) {
                    out.push((w.start, Some(m.actor), doc.slice(m.start, m.end)));
                }
                break;
            }
            if source {
                break;
            }
        }
    }
    out
}

impl Ctx<'_, '_> {
    fn classify(&self, s: usize, e: usize, colon: bool, prev: Option<&Found>) -> Option<Found> {
        let doc = self.doc;
        let w0 = doc.word_at_or_after(s);
        let w1 = doc.word_at_or_after(e);
        let n_words = w1.saturating_sub(w0);
        // A quoted name: an entity mention covers the whole span.
        if doc
            .mentions_in(s, e)
            .iter()
            .any(|m| m.start <= s && m.end >= e)
        {
            return None;
        }
        let open = s.saturating_sub(1);
        let sent = doc.sentence_start(open);
        let region_start = prev.map_or(sent, |p| if p.end > sent { p.end } else { sent });
        let rw0 = doc.word_at_or_after(region_start);
        let qw0 = w0;
        if !colon && rw0 < qw0 {
            let before = &doc.words[qw0 - 1];
            let title = |k: usize| {
                is_naming_word(&doc.words[k].norm) || is_naming_word(strip_conj(&doc.words[k].norm))
            };
            if title(qw0 - 1)
                || (qw0 >= rw0 + 2 && title(qw0 - 2) && !before.norm.starts_with("ال"))
            {
                return None;
            }
        }
        let pre = self.cue_before(rw0, qw0);
        let post = if colon { None } else { self.cue_after(e) };
        let cue = pre.or(post.as_ref().map(|(c, _)| *c));
        let starts_sentence = rw0 == qw0
            || doc.chars[region_start..open.max(region_start)]
                .iter()
                .all(|c| c.is_whitespace() || matches!(c, ':' | '،' | ','));
        // Words in quotation marks are a quote from four words on (shorter ones are scare
        // quotes), with or without a speech verb.
        let accept = match cue {
            Some(_) if colon => n_words >= 3,
            _ => n_words >= 4,
        };
        if !accept {
            return None;
        }
        let mut via = Vec::new();
        let (speaker, speaker_text, cue_text) = match cue {
            Some(c) => {
                let mut cue_text = doc.slice(doc.words[c.w0].start, doc.words[c.w1 - 1].end);
                if c.source
                    && doc.words.get(c.w1).is_some_and(|w| w.norm.starts_with('ل'))
                    && !cue_text.ends_with("عن")
                {
                    cue_text.push_str(" ل");
                }
                let (sp, st) = self.speaker_for(c, s, e, &mut via);
                (sp, st, cue_text)
            }
            None if !starts_sentence => {
                // No cue inside a sentence («ووعد خامنئي باستمرار دعم "…"»): the sentence's
                // subject speaks, else whoever spoke last.
                let subject = self.first_actor(rw0, open, qw0.saturating_sub(rw0));
                match subject {
                    Some(a) => (Some(a), doc.actors[a].name.clone(), String::new()),
                    None => {
                        let (sp, st) = self.implicit(s);
                        (sp, st, String::new())
                    }
                }
            }
            None => {
                // No cue: the words continue the last named speaker's statement.
                let last = self.turns.iter().rev().find(|t| t.0 < s && t.1.is_some());
                (
                    last.and_then(|t| t.1),
                    last.map(|t| t.2.clone()).unwrap_or_default(),
                    String::new(),
                )
            }
        };
        if let Some((_, sources)) = post {
            for a in sources {
                if !via.contains(&a) && Some(a) != speaker {
                    via.push(a);
                }
            }
        }
        let cue_kind = match cue {
            None => CueKind::None,
            Some(c) if c.source => CueKind::Source,
            Some(c) if c.class == CueClass::Continue => CueKind::Continue,
            Some(_) => CueKind::Open,
        };
        Some(Found {
            start: s,
            end: e,
            cue: cue_text,
            speaker,
            speaker_text,
            via,
            cue_words: cue.map(|c| (c.w0, c.w1)),
            cue_kind,
        })
    }

    /// The nearest speech verb or source phrase between `rw0` and the quote's first word.
    fn cue_before(&self, rw0: usize, qw0: usize) -> Option<Cue> {
        let doc = self.doc;
        let lo = rw0.max(qw0.saturating_sub(30));
        let mut source = None;
        for k in (lo..qw0).rev() {
            if doc.word_mention[k].is_some() {
                continue;
            }
            if let Some(class) = doc.cue(k, false) {
                let mut w1 = k + 1;
                // «واستكمل حديثه», «جاء فيه»
                if doc
                    .words
                    .get(k + 1)
                    .is_some_and(|n| words::starts_with_any(words::speech_nouns(), &n.norm))
                {
                    w1 += 1;
                }
                let w0 = if k > 0 && words::cue_openers().contains(&doc.words[k - 1].norm) {
                    k - 1
                } else {
                    k
                };
                return Some(Cue {
                    w0,
                    w1,
                    class,
                    source: false,
                });
            }
            if is_ja(doc, k) {
                let w0 = if k > 0 && doc.words[k - 1].norm == "كما" {
                    k - 1
                } else {
                    k
                };
                return Some(Cue {
                    w0,
                    w1: k + 2,
                    class: CueClass::Open,
                    source: false,
                });
            }
            if source.is_none() {
                if let Some(n) = source_phrase(&doc.words, k) {
                    source = Some(Cue {
                        w0: k,
                        w1: k + n,
                        class: CueClass::Open,
                        source: true,
                    });
                }
            }
        }
        source
    }

    /// A cue right after the closing mark («”، كتب أبو عبدالله», «، كما يقول») and the
    /// sources named there («، وفق العربية»).
    fn cue_after(&self, e: usize) -> Option<(Cue, Vec<usize>)> {
        let doc = self.doc;
        let mut i = e;
        while i < doc.chars.len()
            && (doc.chars[i].is_whitespace() && doc.chars[i] != '\n'
                || is_mark(doc.chars[i])
                || matches!(doc.chars[i], '،' | ','))
        {
            i += 1;
        }
        if i >= doc.chars.len() || Doc::is_terminator(doc.chars[i]) {
            return None;
        }
        let k = doc.word_at_or_after(i);
        if k >= doc.words.len() || doc.words[k].start != i {
            return None;
        }
        let k2 = if doc.words[k].norm == "كما" {
            k + 1
        } else {
            k
        };
        doc.words.get(k2)?;
        if let Some(class) = doc.cue(k2, false) {
            return Some((
                Cue {
                    w0: k,
                    w1: k2 + 1,
                    class,
                    source: false,
                },
                Vec::new(),
            ));
        }
        if is_ja(doc, k2) {
            return Some((
                Cue {
                    w0: k,
                    w1: k2 + 2,
                    class: CueClass::Open,
                    source: false,
                },
                Vec::new(),
            ));
        }
        if let Some(n) = source_phrase(&doc.words, k2) {
            let end = doc.sentence_end(i);
            let via = self
                .first_actor(k2 + n, end, 4)
                .map(|m| vec![m])
                .unwrap_or_default();
            return Some((
                Cue {
                    w0: k,
                    w1: k2 + n,
                    class: CueClass::Open,
                    source: true,
                },
                via,
            ));
        }
        None
    }

    /// The first PER/ORG actor mentioned from word `w` within `max` words, before `limit`.
    fn first_actor(&self, w: usize, limit: usize, max: usize) -> Option<usize> {
        self.first_actor_at(w, limit, max).map(|(a, _)| a)
    }

    /// Like `first_actor`, also returning the word after the mention.
    fn first_actor_at(&self, w: usize, limit: usize, max: usize) -> Option<(usize, usize)> {
        let doc = self.doc;
        (w..(w + max).min(doc.words.len()))
            .take_while(|&k| doc.words[k].start < limit)
            .find_map(|k| {
                let m = doc.mentions[doc.word_mention[k]? as usize];
                matches!(doc.kind(&m), ActorKind::Per | ActorKind::Org).then_some((m.actor, m.w1))
            })
    }

    /// Resolves the speaker of a quote given its cue.
    fn speaker_for(
        &self,
        cue: Cue,
        s: usize,
        e: usize,
        via: &mut Vec<usize>,
    ) -> (Option<usize>, String) {
        let doc = self.doc;
        if cue.source {
            // «وفقا لمعهد …»: the source is the speaker.
            let limit = if doc.words[cue.w0].start < s {
                s
            } else {
                doc.sentence_end(e)
            };
            if let Some(a) = self.first_actor(cue.w1, limit, 3) {
                return (Some(a), self.actor_text(a, cue.w1));
            }
            return self.implicit(s);
        }
        // Region after the cue: up to the quote (cue before) or the sentence end (cue after).
        let limit = if doc.words[cue.w0].start < s {
            s
        } else {
            doc.sentence_end(e)
        };
        self.collect_channels(cue, limit, via);
        if let Some(r) = self.subject_after(cue, limit, via) {
            return r;
        }
        // Subject before the verb (SVO), within the same clause.
        if cue.class == CueClass::Open && doc.words[cue.w0].start < s {
            if let Some(r) = self.subject_before(cue) {
                return r;
            }
        }
        self.implicit(s)
    }

    /// The channels named between the cue and `limit` («لوكالة "نوفا"», «بحسب النص الذي وفره
    /// X»), added to `via`. They are never the speaker.
    fn collect_channels(&self, cue: Cue, limit: usize, via: &mut Vec<usize>) {
        let doc = self.doc;
        let mut k = cue.w1;
        while k < doc.words.len() && doc.words[k].start < limit && k < cue.w1 + 20 {
            if let Some(n) = source_phrase(&doc.words, k) {
                if let Some((a, end_w)) = self.first_actor_at(k + n, limit, 6) {
                    if !via.contains(&a) {
                        via.push(a);
                    }
                    k = end_w;
                    continue;
                }
            }
            if let Some(mi) = doc.word_mention[k] {
                let m = doc.mentions[mi as usize];
                let word = &doc.words[m.w0];
                let prefix = fold_key(&doc.slice(word.start, m.start));
                let outlet_word = m.w0 > 0
                    && words::starts_with_any(words::outlet_prefixes(), &doc.words[m.w0 - 1].norm);
                if doc.kind(&m) == ActorKind::Org
                    && (prefix.ends_with('ل') || outlet_word)
                    && !via.contains(&m.actor)
                {
                    via.push(m.actor);
                }
                k = m.w1;
                continue;
            }
            k += 1;
        }
    }
}

/// Whether a folded word (conjunction stripped) is a written statement, bare or definite.
fn is_statement(w: &str) -> bool {
    let w = w.strip_prefix("ال").unwrap_or(w);
    words::statement_nouns().contains(w)
}

/// Whether a folded word is a complementizer carrying one of `pronouns` (`none` for «أن»,
/// «بأن» themselves; `he`, `she`, `they` for «أنه», «أنها», «أنهم»).
fn complementizer_pronoun(w: &str, pronouns: &[&str]) -> bool {
    words::field(words::complementizers(), w, 0).is_some_and(|p| pronouns.contains(&p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_mixed_marks() {
        let chars: Vec<char> = "أ “ب” و”ج” «د “هـ” و» 'ز'".chars().collect();
        let p = pair_marks(&chars);
        let texts: Vec<String> = p
            .iter()
            .map(|&(o, c)| chars[o + 1..c].iter().collect())
            .collect();
        assert_eq!(texts, vec!["ب", "ج", "د “هـ” و", "ز"]);
    }

    #[test]
    fn a_stray_straight_mark_does_not_turn_later_quotes_inside_out() {
        // An inch mark closes nothing; an opener after a space and before a letter opens even
        // when an earlier straight mark was left open.
        let chars: Vec<char> = "شاشة 5\" ثم قال \"نحن هنا\" و \"أ ثم \"ب ج\"."
            .chars()
            .collect();
        let texts: Vec<String> = pair_marks(&chars)
            .iter()
            .map(|&(o, c)| chars[o + 1..c].iter().collect())
            .collect();
        assert_eq!(texts, vec!["نحن هنا", "ب ج"]);
    }
}
