//! The per-call working view of one document: decoded chars, scanned words, entity mentions
//! indexed by word, the morphology of every word, and sentence boundaries. Built once, read by
//! quotes, relations and dates.

use isnad_doc::{AnalyzedText, Lexicon};

use crate::morph::{word_morphs, WordMorph};
use crate::scan::{bases, scan, Word};
use crate::speech::{self, CueClass};
use crate::{Actor, ActorKind};

/// One entity mention with the words it covers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MentionRef {
    /// Index into the actor list.
    pub actor: usize,
    pub start: usize,
    pub end: usize,
    /// First covered word.
    pub w0: usize,
    /// One past the last covered word.
    pub w1: usize,
}

pub(crate) struct Doc<'a> {
    pub chars: Vec<char>,
    pub words: Vec<Word>,
    pub actors: &'a [Actor],
    /// Mentions sorted by start; overlapping ones are dropped (longest first wins).
    pub mentions: Vec<MentionRef>,
    /// For each word, the mention that covers it.
    pub word_mention: Vec<Option<u32>>,
    /// Segmenter and tagger view of each word (`None` where they do not cover it exactly).
    pub morph: Vec<Option<WordMorph>>,
    /// Speech-cue class each word has through the morphology.
    morph_cues: Vec<Option<CueClass>>,
}

impl<'a> Doc<'a> {
    pub fn new(analyzed: &AnalyzedText<'_>, actors: &'a [Actor]) -> Self {
        let chars: Vec<char> = analyzed.text.chars().collect();
        let words = scan(&chars);
        let mut raw: Vec<(usize, usize, usize)> = actors
            .iter()
            .enumerate()
            .flat_map(|(a, act)| act.mentions.iter().map(move |&(s, e)| (s, e, a)))
            .filter(|&(s, e, _)| s < e && e <= chars.len())
            .collect();
        raw.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
        let mut mentions: Vec<MentionRef> = Vec::with_capacity(raw.len());
        let mut word_mention = vec![None; words.len()];
        for (s, e, a) in raw {
            if mentions.last().is_some_and(|m| s < m.end) {
                continue;
            }
            let w0 = words.partition_point(|w| w.end <= s);
            let w1 = words.partition_point(|w| w.start < e);
            if w0 >= w1 {
                continue;
            }
            let idx = mentions.len() as u32;
            for slot in &mut word_mention[w0..w1] {
                *slot = Some(idx);
            }
            mentions.push(MentionRef {
                actor: a,
                start: s,
                end: e,
                w0,
                w1,
            });
        }
        let morph = word_morphs(analyzed, &words, &word_mention);
        let morph_cues = morph
            .iter()
            .map(|m| m.as_ref().and_then(speech::morph_cue))
            .collect();
        Self {
            chars,
            words,
            actors,
            mentions,
            word_mention,
            morph,
            morph_cues,
        }
    }

    /// The speech-cue class of word `k`. The morphology decides first (a speech root in any
    /// person, tense or clitic form, tagged VERB); the surface table is the fallback where the
    /// segmenter failed. A word the tagger reads as a noun or a particle never takes the
    /// noun-like bare forms («رد», «ذكر», «بين») from the table, even outside strict mode.
    pub fn cue(&self, k: usize, strict: bool) -> Option<CueClass> {
        if let Some(c) = self.morph_cues.get(k).copied().flatten() {
            return Some(c);
        }
        let m = self.morph.get(k).and_then(Option::as_ref);
        if m.is_some_and(WordMorph::is_closed_class) {
            return None;
        }
        let strict = strict || m.is_some_and(|m| m.upos.is_some() && !m.is_verb());
        speech::speech_cue(&self.words.get(k)?.norm, strict)
    }

    /// The chars in `[start, end)`, clamped to the text; empty when the range is empty or
    /// reversed (a mention can start on an invisible mark just before its word's first letter).
    pub fn slice(&self, start: usize, end: usize) -> String {
        let end = end.min(self.chars.len());
        let start = start.min(end);
        self.chars[start..end].iter().collect()
    }

    pub fn kind(&self, m: &MentionRef) -> ActorKind {
        self.actors[m.actor].kind
    }

    /// Whether the mention is a person or an organization: the actors that act and speak.
    pub fn is_agent(&self, m: &MentionRef) -> bool {
        matches!(self.kind(m), ActorKind::Per | ActorKind::Org)
    }

    /// Whether the word before a mention is one of `heads` (conjunctions and prepositions
    /// stripped): «داعمي تنظيم داعش», «في صفوف التنظيم».
    pub fn after_head(&self, m: &MentionRef, heads: &Lexicon) -> bool {
        m.w0 > 0
            && self.words[m.w0].start == m.start
            && bases(&self.words[m.w0 - 1].norm)
                .iter()
                .any(|b| heads.contains(b))
    }

    /// Index of the first word starting at or after `pos`.
    pub fn word_at_or_after(&self, pos: usize) -> usize {
        self.words.partition_point(|w| w.start < pos)
    }

    /// Mentions whose start lies in `[start, end)`.
    pub fn mentions_in(&self, start: usize, end: usize) -> &[MentionRef] {
        let a = self.mentions.partition_point(|m| m.start < start);
        let b = self.mentions.partition_point(|m| m.start < end);
        &self.mentions[a..b.max(a)]
    }

    /// True when the chars between two offsets hold no sentence terminator.
    pub fn is_terminator(c: char) -> bool {
        matches!(c, '.' | '!' | '?' | '؟' | '\n')
    }

    /// Start of the sentence containing `pos` (after the previous terminator).
    pub fn sentence_start(&self, pos: usize) -> usize {
        let mut i = pos.min(self.chars.len());
        while i > 0 {
            let c = self.chars[i - 1];
            if Self::is_terminator(c) && !self.is_decimal_point(i - 1) {
                break;
            }
            i -= 1;
        }
        i
    }

    /// End of the sentence containing `pos` (at the next terminator, exclusive).
    pub fn sentence_end(&self, pos: usize) -> usize {
        let mut i = pos;
        while i < self.chars.len() {
            let c = self.chars[i];
            if Self::is_terminator(c) && !self.is_decimal_point(i) {
                break;
            }
            i += 1;
        }
        i
    }

    fn is_decimal_point(&self, i: usize) -> bool {
        self.chars[i] == '.'
            && i > 0
            && i + 1 < self.chars.len()
            && self.chars[i - 1].is_ascii_digit()
            && self.chars[i + 1].is_ascii_digit()
    }

    /// Sentence spans (code points) over the whole text, terminators included.
    pub fn sentences(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        while start < self.chars.len() {
            let end = (self.sentence_end(start) + 1).min(self.chars.len());
            out.push((start, end));
            start = end;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triggers::trigger;
    use crate::RelationType;

    fn doc_of(text: &str) -> (AnalyzedText<'_>, Vec<Actor>) {
        (
            AnalyzedText::new(text, isnad_morph::Morphology::global()),
            Vec::new(),
        )
    }

    fn word_index(doc: &Doc<'_>, surface: &str) -> usize {
        let folded = isnad_doc::fold_key(surface);
        doc.words
            .iter()
            .position(|w| w.norm == folded)
            .unwrap_or_else(|| panic!("no word {surface}"))
    }

    #[test]
    fn cues_in_any_person_tense_and_clitic_form_through_the_segmenter() {
        let text = "وأكدوا أن الوضع خطير. ستحذر الوزارة من العواقب. نفت الحكومة ذلك. \
                    ويزعمون أنهم انتصروا. وسيؤكدان موقفهما. وقال مؤكدا إن الاتفاق قائم.";
        let (analyzed, actors) = doc_of(text);
        let doc = Doc::new(&analyzed, &actors);
        for w in ["وأكدوا", "ستحذر", "نفت", "ويزعمون", "وسيؤكدان", "وقال"]
        {
            let k = word_index(&doc, w);
            assert_eq!(doc.cue(k, true), Some(CueClass::Open), "{w}");
        }
        assert_eq!(
            doc.cue(word_index(&doc, "مؤكدا"), true),
            Some(CueClass::Continue)
        );
        // None of these is in the surface table: only the morphology finds them.
        for w in ["ستحذر", "وسيؤكدان"] {
            assert!(
                speech::speech_cue(&isnad_doc::fold_key(w), false).is_none(),
                "{w}"
            );
        }
        // Verbal nouns of speech roots are not cues.
        let (analyzed, actors) =
            doc_of("وشدد على التأكيد والتحذير من الإضافة. وهذا القول لا يصح في قول آخر.");
        let doc = Doc::new(&analyzed, &actors);
        for w in ["التأكيد", "والتحذير", "الإضافة", "القول", "قول"] {
            assert_eq!(doc.cue(word_index(&doc, w), false), None, "{w}");
        }
    }

    #[test]
    fn triggers_on_roots_through_the_segmenter() {
        let text =
            "قالت الشرطة إن أفراد العصابة سيهربون السلاح، وأحبطت تهريبها إلى المهربين في الجنوب.";
        let (analyzed, actors) = doc_of(text);
        let doc = Doc::new(&analyzed, &actors);
        for w in ["سيهربون", "تهريبها", "المهربين"] {
            let k = word_index(&doc, w);
            let m = doc.morph[k].as_ref().expect("segmented");
            assert_eq!(
                trigger(&doc.words[k].norm, Some(m)),
                Some(RelationType::Supplies),
                "{w}: stem {} {:?}",
                m.stem,
                m.upos
            );
        }
        // The segmenter removed the future proclitic and the enclitic.
        assert_eq!(
            doc.morph[word_index(&doc, "تهريبها")]
                .as_ref()
                .map(|m| m.enclitic),
            Some(true)
        );
    }
}
