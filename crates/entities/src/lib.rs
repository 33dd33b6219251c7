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

mod cand;
mod cluster;
mod gazetteer;
mod grammar;
mod lexicon;
mod link;
mod tagged;
mod words;

#[cfg(test)]
mod tests;

pub use isnad_kb::EntityType;
pub use isnad_ner::AnalyzedText;

use isnad_kb::Kb;
use isnad_ner::{Clusters, NerSpan, NerTagger};

use crate::cand::Cand;
use crate::gazetteer::Gazetteer;

pub use isnad_doc::{Entity, Mention};

/// Tagger spans below this confidence are ignored by default: the grammar and the gazetteer are
/// more precise, and a weak tagger span mostly adds noise.
pub const DEFAULT_MIN_TAGGER_SCORE: f32 = 0.7;

/// Finds, groups and links the entities of documents. Build once, reuse for every document.
#[derive(Debug)]
pub struct EntityRecognizer<'a> {
    kb: &'a Kb,
    gazetteer: Gazetteer,
    tagger: Option<&'a NerTagger>,
    clusters: &'a Clusters,
    min_tagger_score: f32,
}

impl<'a> EntityRecognizer<'a> {
    /// A recognizer using the embedded NER model ([`NerTagger::global`]) and `kb`.
    pub fn new(kb: &'a Kb) -> Self {
        EntityRecognizer {
            kb,
            gazetteer: Gazetteer::new(kb),
            tagger: Some(NerTagger::global()),
            clusters: Clusters::global(),
            min_tagger_score: DEFAULT_MIN_TAGGER_SCORE,
        }
    }

    /// A recognizer with the grammar and the knowledge base only, no learned tagger.
    pub fn without_tagger(kb: &'a Kb) -> Self {
        EntityRecognizer {
            kb,
            gazetteer: Gazetteer::new(kb),
            tagger: None,
            clusters: Clusters::global(),
            min_tagger_score: DEFAULT_MIN_TAGGER_SCORE,
        }
    }

    /// Uses `tagger` instead of the embedded NER model, e.g. one loaded with
    /// [`NerTagger::from_file`]; the caller owns it, so one model can serve many recognizers.
    pub fn with_tagger(mut self, tagger: &'a NerTagger) -> Self {
        self.tagger = Some(tagger);
        self
    }

    /// Sets the confidence below which tagger spans are ignored (default
    /// [`DEFAULT_MIN_TAGGER_SCORE`]).
    pub fn with_min_tagger_score(mut self, score: f32) -> Self {
        self.min_tagger_score = score;
        self
    }

    /// Sets the word clusters of raw news the grammar reads word ranks from (default: the
    /// embedded [`Clusters::global`]).
    pub fn with_clusters(mut self, clusters: &'a Clusters) -> Self {
        self.clusters = clusters;
        self
    }

    /// The entities of a document.
    pub fn recognize(&self, doc: &AnalyzedText) -> Vec<Entity> {
        let spans = self
            .tagger
            .map(|t| t.recognize_with(doc, self.clusters))
            .unwrap_or_default();
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
        let grammar = grammar::Grammar {
            lex: lexicon::Lexicon::global(),
            kb: self.kb,
            gaz: &self.gazetteer,
            clusters: self.clusters,
        };
        let mut selected = cand::select(grammar.candidates(&words));
        // Tagger spans fill the gaps the grammar and the knowledge base leave, and complete the
        // person names the grammar cut short (see [`cand::extends`]).
        let ner = tagged::ner_cands(&words, spans, self.min_tagger_score);
        cand::trim_to_tagger(&words, &mut selected, &ner);
        let mut gaps: Vec<Cand> = Vec::new();
        for n in cand::select(ner) {
            let overlapping: Vec<usize> = (0..selected.len())
                .filter(|&i| selected[i].overlaps(n.first, n.last))
                .collect();
            if overlapping.is_empty() {
                gaps.push(n);
            } else if overlapping.iter().all(|&i| cand::extends(&n, &selected[i])) {
                for i in overlapping.into_iter().rev() {
                    selected.remove(i);
                }
                gaps.push(n);
            }
        }
        selected.extend(gaps);
        selected.sort_by_key(|c| c.start);
        // A short name the document itself explains comes before any knowledge-base reading of it.
        link::short_names(self.kb, &mut selected);
        link::propagate(self.kb, &words, &mut selected);
        link::anaphora(self.kb, &words, &mut selected);
        link::offices(&words, &mut selected);
        cluster::link_kb(self.kb, text_of, &mut selected);
        cluster::cluster(self.kb, self.clusters, text_of, &selected)
    }
}
