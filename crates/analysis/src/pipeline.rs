//! Runs the stages in order. Each stage reads what the previous ones produced and nothing else,
//! so that the data flows one way: text → morphology → entities → extraction.

use crate::contract::{Analysis, DocInfo, SegmentInfo, TokenInfo, SCHEMA};
use crate::window::{self, Window, WINDOW_CHARS};
use isnad_doc::Dependencies;
use isnad_entities::{Entity, EntityRecognizer};
use isnad_extract::{Actor, ExtractModels, RelationModel, SpeakerModel};
use isnad_kb::Kb;
use isnad_morph::Morphology;
use isnad_ner::{AnalyzedText, Clusters, NerTagger};
use isnad_syntax::Parser;
use rayon::prelude::*;

/// What the caller knows about a document before it is read.
#[derive(Debug, Clone, Default)]
pub struct DocMeta {
    /// The document id (a file's name without its extension, or an id the input supplies).
    pub id: String,
    /// Where it came from, as the user named it.
    pub source: String,
    /// The publication date (ISO 8601), against which relative dates are resolved.
    pub published: Option<String>,
}

impl DocMeta {
    /// Metadata with an id and a source and no publication date.
    pub fn new(id: impl Into<String>, source: impl Into<String>) -> Self {
        DocMeta {
            id: id.into(),
            source: source.into(),
            published: None,
        }
    }
}

/// Switches for optional parts of the output.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Add the token listing (offsets, search keys, segments, tags).
    pub tokens: bool,
}

/// The whole pipeline with its models loaded. Cheap to share by reference across threads.
///
/// It borrows its models (see `AnalyzerBuilder` and the `models` module notes): the entity
/// recognizer builds its gazetteer from the knowledge base once, and that gazetteer is what
/// makes per-document linking cheap.
pub struct Analyzer<'a> {
    morphology: &'a Morphology,
    /// The dependency parser (extraction reads the trees; `--tokens` lists them).
    parser: &'a Parser,
    /// The relation classifier; `None` leaves relations to the hand rules.
    relations: Option<&'a RelationModel>,
    /// The word clusters the NER tagger's features and the entity grammar read (passed to the
    /// recognizer; kept here so `clusters()` can say which ones run).
    clusters: &'a Clusters,
    recognizer: EntityRecognizer<'a>,
    /// The quote-speaker ranker; `None`: the rules decide.
    speakers: Option<&'a SpeakerModel>,
}

impl std::fmt::Debug for Analyzer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer").finish_non_exhaustive()
    }
}

impl<'a> Analyzer<'a> {
    /// The morphology this analyzer segments and tags with.
    pub fn morphology(&self) -> &'a Morphology {
        self.morphology
    }

    /// The word clusters this analyzer was given.
    pub fn clusters(&self) -> &'a Clusters {
        self.clusters
    }

    pub(crate) fn from_parts(
        morphology: &'a Morphology,
        parser: &'a Parser,
        ner: &'a NerTagger,
        clusters: &'a Clusters,
        kb: &'a Kb,
        relations: Option<&'a RelationModel>,
    ) -> Self {
        Analyzer {
            morphology,
            parser,
            relations,
            clusters,
            recognizer: EntityRecognizer::new(kb)
                .with_tagger(ner)
                .with_clusters(clusters),
            speakers: None,
        }
    }

    pub(crate) fn with_speakers(mut self, speakers: Option<&'a SpeakerModel>) -> Self {
        self.speakers = speakers;
        self
    }

    /// Analyze one document. Cannot fail: every input string, however odd, has an analysis.
    ///
    /// A document longer than [`WINDOW_CHARS`] is analyzed in windows of whole sentences (on
    /// every core) and merged, which keeps time linear and memory bounded on giant inputs.
    pub fn analyze(&self, text: &str, meta: DocMeta, options: &Options) -> Analysis {
        if text.len() <= WINDOW_CHARS {
            return self.analyze_whole(text, meta, options);
        }
        let windows = window::windows(text, WINDOW_CHARS);
        if windows.len() == 1 {
            return self.analyze_whole(text, meta, options);
        }
        let parts: Vec<(Window, Analysis)> = windows
            .par_iter()
            .map(|w| {
                let piece = &text[w.byte_start..w.byte_end];
                let piece_meta = DocMeta {
                    published: meta.published.clone(),
                    ..DocMeta::default()
                };
                (*w, self.analyze_whole(piece, piece_meta, options))
            })
            .collect();
        match window::merge(parts) {
            Some(mut merged) => {
                merged.doc = DocInfo {
                    id: meta.id,
                    source: meta.source,
                    chars: text.chars().count(),
                    lang: detect_lang(text),
                    published: meta.published,
                };
                merged
            }
            None => self.analyze_whole(text, meta, options),
        }
    }

    /// The stages before extraction over one text: its analysis, its dependency trees and the
    /// entities found in it (what training the relation classifier reads).
    pub fn read<'t>(&self, text: &'t str) -> Reading<'t> {
        self.read_with(text, true)
    }

    /// [`Analyzer::read`], parsing every sentence (`all`) or only those where extraction reads
    /// the trees: sentences naming two actors.
    fn read_with<'t>(&self, text: &'t str, all: bool) -> Reading<'t> {
        let doc = AnalyzedText::new(text, self.morphology);
        let entities = self.recognizer.recognize(&doc);
        let syntax = if all {
            self.parser.dependencies(&doc)
        } else {
            let pairs = sentences_with_two_actors(&doc, &entities);
            self.parser.dependencies_of(&doc, |i| pairs[i])
        };
        let actors = entities.iter().map(actor_of).collect();
        Reading {
            doc,
            syntax,
            entities,
            actors,
        }
    }

    /// One pass of every stage over the whole text.
    fn analyze_whole(&self, text: &str, meta: DocMeta, options: &Options) -> Analysis {
        let Reading {
            doc,
            syntax,
            entities,
            actors,
        } = self.read_with(text, options.tokens);
        let models = ExtractModels {
            relations: self.relations,
            speakers: self.speakers,
        };
        let extraction = isnad_extract::extract(
            &doc,
            Some(&syntax),
            &actors,
            meta.published.as_deref(),
            models,
        );
        let tokens = options.tokens.then(|| token_listing(&doc, &syntax));
        let chars = text.chars().count();
        Analysis {
            schema: SCHEMA,
            doc: DocInfo {
                id: meta.id,
                source: meta.source,
                chars,
                lang: detect_lang(text),
                published: meta.published,
            },
            sentences: doc.sentences.clone(),
            entities,
            relations: extraction.relations,
            quotes: extraction.quotes,
            dates: extraction.dates,
            tokens,
        }
    }
}

/// For each sentence, whether it holds mentions of at least two actors.
fn sentences_with_two_actors(doc: &AnalyzedText<'_>, entities: &[Entity]) -> Vec<bool> {
    let mut first: Vec<Option<usize>> = vec![None; doc.sentences.len()];
    let mut two = vec![false; doc.sentences.len()];
    for (e, entity) in entities.iter().enumerate() {
        for m in &entity.mentions {
            let i = doc.sentences.partition_point(|s| s.end <= m.start);
            if i >= first.len() {
                continue;
            }
            match first[i] {
                None => first[i] = Some(e),
                Some(f) if f != e => two[i] = true,
                Some(_) => {}
            }
        }
    }
    two
}

/// A text after the stages that precede extraction.
pub struct Reading<'t> {
    /// Tokens, sentences, segments and tags.
    pub doc: AnalyzedText<'t>,
    /// The dependency tree of every sentence.
    pub syntax: Dependencies,
    /// The entities found.
    pub entities: Vec<Entity>,
    /// The same entities as extraction sees them.
    pub actors: Vec<Actor>,
}

/// Extraction sees entities as actors: an id, a kind and the spans where they are named.
pub fn actor_of(entity: &Entity) -> Actor {
    Actor {
        id: entity.id.clone(),
        kind: entity.kind,
        name: entity.name.clone(),
        mentions: entity.mentions.iter().map(|m| (m.start, m.end)).collect(),
    }
}

fn token_listing(doc: &AnalyzedText<'_>, syntax: &Dependencies) -> Vec<TokenInfo> {
    doc.tokens
        .iter()
        .enumerate()
        .map(|(i, token)| {
            let text = &doc.text[token.byte_start..token.byte_end];
            let segments = doc
                .segments
                .get(i)
                .map(|segs| {
                    segs.iter()
                        .enumerate()
                        .map(|(j, s)| (j, s, syntax.deps.get(i).and_then(|d| d.get(j))))
                        .map(|(j, s, dep)| SegmentInfo {
                            form: s.form.clone(),
                            // Already absolute: `AnalyzedText` shifts segments to text offsets.
                            start: s.start,
                            end: s.end,
                            kind: format!("{:?}", s.kind).to_lowercase(),
                            upos: s.upos.to_string(),
                            head: dep.and_then(|d| d.head).map(|h| [h.token, h.segment]),
                            deprel: syntax
                                .label(isnad_doc::SegmentRef {
                                    token: i,
                                    segment: j,
                                })
                                .to_string(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            TokenInfo {
                start: token.start,
                end: token.end,
                text: text.to_string(),
                kind: format!("{:?}", token.kind).to_lowercase(),
                key: isnad_text::search_key(text),
                segments,
            }
        })
        .collect()
}

/// Arabic letters against Latin letters: enough to route a document, and honest about empty text.
fn detect_lang(text: &str) -> &'static str {
    let (mut arabic, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        match c {
            '\u{0600}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}'
                if c.is_alphabetic() =>
            {
                arabic += 1
            }
            c if c.is_ascii_alphabetic() => latin += 1,
            _ => {}
        }
    }
    if arabic == 0 && latin == 0 {
        "und"
    } else if arabic >= latin {
        "ar"
    } else {
        "en"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_follows_the_dominant_script() {
        assert_eq!(detect_lang("قال الوزير hello"), "ar");
        assert_eq!(detect_lang("The minister said مرحبا"), "en");
        assert_eq!(detect_lang("  123 ... "), "und");
    }

    #[test]
    fn empty_text_gives_an_empty_analysis() {
        let a = Analyzer::new().analyze("", DocMeta::new("e", "e.txt"), &Options::default());
        assert_eq!(a.doc.chars, 0);
        assert!(a.sentences.is_empty() && a.entities.is_empty() && a.quotes.is_empty());
    }

    #[test]
    fn long_documents_are_windowed_and_merged() {
        let paragraph =
            "قال وزير الخارجية المصري إن حركة حماس وافقت على الهدنة في غزة يوم الثلاثاء. \
                         وأضاف المتحدث: «نحن ملتزمون بالاتفاق».\n\n";
        let reps = WINDOW_CHARS / paragraph.chars().count() * 3;
        let text = paragraph.repeat(reps);
        let analyzer = Analyzer::new();
        let one = analyzer.analyze(paragraph, DocMeta::default(), &Options::default());
        let a = analyzer.analyze(&text, DocMeta::new("long", "long.txt"), &Options::default());
        assert_eq!(a.doc.id, "long");
        let chars: Vec<char> = text.chars().collect();
        let slice = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
        assert_eq!(a.doc.chars, chars.len());
        assert_eq!(a.sentences.len(), 2 * reps);
        let ids: Vec<&str> = a.entities.iter().map(|e| e.id.as_str()).collect();
        for e in &a.entities {
            for m in &e.mentions {
                assert_eq!(slice(m.start, m.end), m.text);
            }
        }
        // One entity per actor across windows: Hamas is found in every paragraph, listed once.
        let hamas: Vec<_> = a
            .entities
            .iter()
            .filter(|e| e.kb_id.as_deref() == Some("hamas"))
            .collect();
        assert_eq!(hamas.len(), 1, "{ids:?}");
        assert_eq!(hamas[0].mentions.len(), reps);
        for q in &a.quotes {
            assert_eq!(slice(q.start, q.end), q.text);
            assert!(q.speaker.as_deref().is_none_or(|s| ids.contains(&s)));
        }
        assert_eq!(a.quotes.len(), one.quotes.len() * reps);
        // One relation per (subject, type, object, negated) in a document, across windows too;
        // the first paragraph (the title of both texts) states the same ones in both.
        let key =
            |r: &isnad_extract::Relation| (r.subject.clone(), r.kind, r.object.clone(), r.negated);
        let keys: std::collections::HashSet<_> = a.relations.iter().map(key).collect();
        assert_eq!(keys.len(), a.relations.len());
        assert!(!one.relations.is_empty());
        assert!(one.relations.iter().all(|r| keys.contains(&key(r))));
        assert_eq!(a.dates.len(), one.dates.len() * reps);
        assert_eq!(a.entities.len(), one.entities.len());
        for r in &a.relations {
            assert!(ids.contains(&r.subject.as_str()) && ids.contains(&r.object.as_str()));
            assert_eq!(slice(r.evidence.start, r.evidence.end), r.evidence.text);
        }
        for d in &a.dates {
            assert_eq!(slice(d.start, d.end), d.text);
        }
    }

    /// The segments of a token are contiguous, cover it exactly, and each one's slice of the
    /// text is its surface: clitics exactly, stems up to the PADT restorations the contract
    /// names (ta marbuta before an enclitic, the article of «لل», hamza seats and marks).
    #[test]
    fn segment_offsets_slice_the_input() {
        let text = format!(
            "{}\n\nلكنه قال للصحفيين إن مواجهته وحلفائهم للسيطرة على جهته ستستمر.",
            include_str!("../../../examples/sample.txt")
        );
        let a =
            Analyzer::new().analyze(&text, DocMeta::new("s", "s.txt"), &Options { tokens: true });
        let chars: Vec<char> = text.chars().collect();
        let slice = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
        let tokens = a.tokens.expect("tokens requested");
        let mut split = 0;
        for t in &tokens {
            let Some(first) = t.segments.first() else {
                continue;
            };
            assert_eq!(first.start, t.start, "{t:?}");
            let mut at = t.start;
            for s in &t.segments {
                assert!(s.start == at && s.start < s.end && s.end <= t.end, "{t:?}");
                at = s.end;
                let surface = isnad_doc::fold_key(&slice(s.start, s.end));
                let form = isnad_doc::fold_key(&s.form);
                let restored = surface == form
                    || (s.kind == "stem"
                        && (form.strip_suffix('ه').map(|f| format!("{f}ت"))
                            == Some(surface.clone())
                            || form == format!("ا{surface}")));
                assert!(restored, "{:?} of {:?}: slice {surface:?}", s.form, t.text);
            }
            assert_eq!(at, t.end, "{t:?}");
            split += usize::from(t.segments.len() > 1);
        }
        assert!(split >= 5, "the text has clitics to split");
    }

    #[test]
    fn tokens_carry_a_dependency_tree_per_sentence() {
        let text = "وصل الوزير إلى المدينة أمس. وقال للصحفيين إن الاجتماع كان مثمرا.";
        let a =
            Analyzer::new().analyze(text, DocMeta::new("d", "d.txt"), &Options { tokens: true });
        let tokens = a.tokens.expect("tokens requested");
        let segs: Vec<(usize, usize)> = tokens
            .iter()
            .enumerate()
            .flat_map(|(i, t)| (0..t.segments.len()).map(move |j| (i, j)))
            .collect();
        // One root per sentence, every head an existing segment, never itself.
        let roots = segs
            .iter()
            .filter(|&&(i, j)| tokens[i].segments[j].head.is_none())
            .count();
        assert_eq!(roots, a.sentences.len());
        for &(i, j) in &segs {
            let s = &tokens[i].segments[j];
            assert!(!s.deprel.is_empty());
            if let Some([ht, hs]) = s.head {
                assert!(tokens.get(ht).is_some_and(|t| hs < t.segments.len()));
                assert_ne!((ht, hs), (i, j));
            }
        }
        // «إلى» attaches to «المدينة» as its case marker.
        let ila = tokens.iter().position(|t| t.text == "إلى").expect("إلى");
        let city = tokens
            .iter()
            .position(|t| t.text == "المدينة")
            .expect("المدينة");
        assert_eq!(tokens[ila].segments[0].head, Some([city, 0]));
        assert_eq!(tokens[ila].segments[0].deprel, "case");
    }

    #[test]
    fn token_listing_slices_the_input() {
        let text = "وقال «مرحبا» للصحفيين";
        let a =
            Analyzer::new().analyze(text, DocMeta::new("t", "t.txt"), &Options { tokens: true });
        let chars: Vec<char> = text.chars().collect();
        let tokens = a.tokens.expect("tokens requested");
        assert!(!tokens.is_empty());
        for t in tokens {
            assert_eq!(chars[t.start..t.end].iter().collect::<String>(), t.text);
        }
    }
}
