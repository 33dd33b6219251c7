//! Entities: Arabic name grammar on top of the NER tagger, in-document grouping and knowledge-base linking.
//!
//! # Brief overview
//! - [`EntityRecognizer`]: reusable; holds the knowledge base, its gazetteer and the tagger.
//!   [`EntityRecognizer::recognize`] turns an [`AnalyzedText`] into [`Entity`]s.
//! - [`Entity`]: one actor or place of the document with all its [`Mention`]s, serialized exactly
//!   as the analysis contract's `entities` items.
//! - The grammar: kunyas («أبو عبد الله»), given names with lineage («بن») and nisbas
//!   («البغدادي»), titles that mark a name without belonging to it («الشيخ», «المتحدث باسم»), head
//!   nouns that open organization and place names («حركة», «تنظيم “داعش”», «حي»), roles that stand
//!   for a known leader («الخليفة»), short forms and head-noun anaphora («الحركة»).
//!
//! # Example
//! ```
//! use isnad_entities::{EntityRecognizer, EntityType};
//! use isnad_kb::Kb;
//! use isnad_ner::AnalyzedText;
//!
//! let text = "قال أبو عبد الله المهاجر إن حركة حماس تدعم ولاية سيناء، وإن الحركة لا تخفي ذلك.";
//! let doc = AnalyzedText::new(text, isnad_morph::Morphology::global());
//! let entities = EntityRecognizer::without_tagger(Kb::builtin()).recognize(&doc);
//! let hamas = entities.iter().find(|e| e.kb_id.as_deref() == Some("hamas")).unwrap();
//! let texts: Vec<&str> = hamas.mentions.iter().map(|m| m.text.as_str()).collect();
//! assert_eq!(texts, ["حركة حماس", "الحركة"]);
//! let person = entities.iter().find(|e| e.kind == EntityType::Per).unwrap();
//! assert_eq!(person.name, "أبو عبد الله المهاجر");
//! ```

mod cluster;
mod gazetteer;
mod grammar;
mod lexicon;
mod link;
mod words;

#[cfg(test)]
mod tests;

pub use isnad_kb::EntityType;
pub use isnad_ner::AnalyzedText;

use isnad_kb::Kb;
use isnad_ner::{NerLabel, NerSpan, NerTagger};

use crate::gazetteer::Gazetteer;
use crate::grammar::{Cand, Source};

pub use isnad_doc::{Entity, Mention};

/// Tagger spans below this confidence are ignored by default: the grammar and the gazetteer are
/// more precise, and a weak tagger span mostly adds noise.
pub const DEFAULT_MIN_TAGGER_SCORE: f32 = 0.7;

/// Finds, groups and links the entities of documents. Build once, reuse for every document.
#[derive(Debug)]
pub struct EntityRecognizer<'a> {
    kb: &'a Kb,
    gazetteer: Gazetteer,
    tagger: Option<&'static NerTagger>,
    min_tagger_score: f32,
}

impl<'a> EntityRecognizer<'a> {
    /// A recognizer using the embedded NER model ([`NerTagger::global`]) and `kb`.
    pub fn new(kb: &'a Kb) -> Self {
        EntityRecognizer {
            kb,
            gazetteer: Gazetteer::new(kb),
            tagger: Some(NerTagger::global()),
            min_tagger_score: DEFAULT_MIN_TAGGER_SCORE,
        }
    }

    /// A recognizer with the grammar and the knowledge base only, no learned tagger.
    pub fn without_tagger(kb: &'a Kb) -> Self {
        EntityRecognizer {
            kb,
            gazetteer: Gazetteer::new(kb),
            tagger: None,
            min_tagger_score: DEFAULT_MIN_TAGGER_SCORE,
        }
    }

    /// Sets the confidence below which tagger spans are ignored (default
    /// [`DEFAULT_MIN_TAGGER_SCORE`]).
    pub fn with_min_tagger_score(mut self, score: f32) -> Self {
        self.min_tagger_score = score;
        self
    }

    /// The entities of a document.
    pub fn recognize(&self, doc: &AnalyzedText) -> Vec<Entity> {
        let spans = self.tagger.map(|t| t.recognize(doc)).unwrap_or_default();
        self.recognize_with_spans(doc, &spans)
    }

    /// The entities of a document, given tagger spans computed elsewhere.
    pub fn recognize_with_spans(&self, doc: &AnalyzedText, spans: &[NerSpan]) -> Vec<Entity> {
        let words = words::words(doc);
        let chars: Vec<usize> = doc
            .text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(doc.text.len()))
            .collect();
        let text_of = |s: usize, e: usize| -> String {
            match (chars.get(s), chars.get(e)) {
                (Some(&a), Some(&b)) if a <= b => doc.text[a..b].to_string(),
                _ => String::new(),
            }
        };
        let cands = grammar::candidates(self.kb, &self.gazetteer, &words);
        let mut selected = grammar::select(cands);
        // Tagger spans only fill the gaps the grammar and the knowledge base leave.
        let ner = ner_cands(&words, spans, self.min_tagger_score);
        let gaps: Vec<Cand> = grammar::select(ner)
            .into_iter()
            .filter(|n| !selected.iter().any(|c| c.overlaps(n.first, n.last)))
            .collect();
        selected.extend(gaps);
        link::propagate(self.kb, &words, &mut selected);
        link::anaphora(self.kb, &words, &mut selected);
        cluster::link_kb(self.kb, text_of, &mut selected);
        cluster::cluster(self.kb, text_of, &selected)
    }
}

/// Tagger spans as candidates over whole tokens; the article «ال» is put back into the mention
/// (the tagger leaves it out, the contract keeps it: «العراق»), other proclitics stay out.
fn ner_cands(words: &[words::Word], spans: &[NerSpan], min_score: f32) -> Vec<Cand> {
    let mut out = Vec::new();
    for s in spans.iter().filter(|s| s.score >= min_score) {
        let Some(first) = words.iter().position(|w| w.is_word && w.end > s.start) else {
            continue;
        };
        let Some(last) = words.iter().rposition(|w| w.is_word && w.start < s.end) else {
            continue;
        };
        // Function words at the edges («إن عبدالله») are the tagger's noise, not the name.
        let lex = lexicon::Lexicon::global();
        let plain = |i: usize| {
            words[i].is_word && !words[i].readings.iter().any(|r| lex.stop.contains(&r.key))
        };
        // «الله» is a stop word alone but the second half of a compound given name («ذبيح الله»,
        // «فضل الله», «عطاء الله»): the tagger's span keeps or takes back both halves
        // («الله مجاهد» → «ذبيح الله مجاهد», «محمد فضل» → «محمد فضل الله»).
        let allah = |i: usize| words[i].readings.iter().any(|r| r.key == lex.allah_key);
        let compound_head = |i: usize| {
            words[i]
                .readings
                .iter()
                .any(|r| lex.theophoric.contains(&r.key))
        };
        let (mut first, mut last) = (first, last);
        if allah(first) && first > 0 && compound_head(first - 1) && words[first - 1].end <= s.start
        {
            first -= 1;
        }
        while first <= last && !plain(first) {
            first += 1;
        }
        while last > first && !plain(last) && !(allah(last) && compound_head(last - 1)) {
            last -= 1;
        }
        if last + 1 < words.len()
            && allah(last + 1)
            && compound_head(last)
            && !words[last].joined_next
            && words[last + 1].start >= s.end
        {
            last += 1;
        }
        // «آية الله» alone (the tagger's span before «علي خامنئي») is a title, not a name.
        if (first..=last).all(|i| {
            !plain(i)
                || allah(i)
                || words[i]
                    .readings
                    .iter()
                    .any(|r| lex.allah_titles.contains(&r.key))
        }) {
            continue;
        }
        if last < first || !plain(first) {
            continue;
        }
        let stem_keys: Vec<String> = (first..=last)
            .filter(|&i| words[i].is_word)
            .map(|i| {
                let skip = if i == first && s.start < words[i].end {
                    s.start.saturating_sub(words[i].start)
                } else {
                    0
                };
                let stem: String = words[i].text.chars().skip(skip).collect();
                isnad_kb::lookup_key(&stem)
            })
            .collect();
        if implausible_span(lex, words, first, &stem_keys, s.label) {
            continue;
        }
        let w = &words[first];
        let mut start = if s.start >= w.start && s.start < w.end {
            s.start
        } else {
            w.start
        };
        let before: String = w.text.chars().take(start - w.start).collect();
        if before.ends_with("ال") {
            start -= 2;
        } else if before.ends_with('ل') && w.text.chars().nth(start - w.start) == Some('ل') {
            // «للجزيرة»: keep the article's lam.
        }
        let kind = match s.label {
            NerLabel::Per => EntityType::Per,
            NerLabel::Org => EntityType::Org,
            NerLabel::Loc => EntityType::Loc,
            NerLabel::Misc => EntityType::Misc,
        };
        let name_key = (first..=last)
            .filter(|&i| words[i].is_word)
            .map(|i| {
                let skip = if i == first { start - w.start } else { 0 };
                isnad_kb::lookup_key(&words[i].text.chars().skip(skip).collect::<String>())
            })
            .collect();
        out.push(Cand {
            first,
            last,
            start,
            end: if s.end > words[last].start && s.end <= words[last].end {
                s.end
            } else {
                words[last].end
            },
            kind,
            kb: None,
            source: Source::Ner,
            name_key,
            head: None,
            link: None,
        });
    }
    out
}

/// Tagger spans that are common phrases rather than names: a lone definite word the knowledge
/// base and the grammar did not confirm («المعارضة»), a person made of definite plurals
/// («المصريون»), a head noun with only indefinite adjectives («شركة وطنية»), or the object of a
/// quantifier («شبه القارة», «بعض الدول»). Such spans cost precision far more often than they add
/// a real name: on the shared dev articles dropping them raised entity F1 (see the README).
fn implausible_span(
    lex: &lexicon::Lexicon,
    words: &[words::Word],
    first: usize,
    keys: &[String],
    label: NerLabel,
) -> bool {
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let Some(&head) = keys.first() else {
        return true;
    };
    // A lone definite word or adverb («المعارضة», «سياسيا») is rarely a name the knowledge base
    // and the grammar both missed.
    if keys.len() == 1 && (head.starts_with("ال") || head.ends_with('ا')) {
        return true;
    }
    if lex.quantifiers.contains(head) {
        return true;
    }
    if label == NerLabel::Per
        && keys
            .iter()
            .any(|k| k.starts_with("ال") && lexicon::looks_plural(k))
    {
        return true;
    }
    let generic_tail = keys[1..]
        .iter()
        .all(|k| !k.starts_with("ال") && (k.ends_with('ي') || k.ends_with("يه")));
    if lex.head_type(head).is_some() && keys.len() > 1 && generic_tail {
        return true;
    }
    let quantifier = first.checked_sub(1).is_some_and(|p| {
        words[p].joined_next && lex.quantifiers.contains(&words[p].key)
    });
    quantifier
}
