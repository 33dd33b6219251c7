//! Which models an [`Analyzer`] runs: the embedded ones by default, or ones the caller loaded.
//!
//! The analyzer *borrows* its models. The entity recognizer borrows the knowledge base and the
//! tagger (it builds its gazetteer from the knowledge base once), so an analyzer that owned them
//! would borrow from itself. Borrowing also means one copy of each model (hundreds of MB once
//! decoded) serves every rayon thread and every analyzer built over it. The embedded models are
//! `'static`, so `Analyzer<'static>` is what most callers hold; a long-running server that loads
//! its own models keeps them in a `static` (or leaks them once) and shares an
//! `Arc<Analyzer<'static>>`.

use crate::pipeline::Analyzer;
use isnad_extract::{RelationModel, SpeakerModel};
use isnad_kb::Kb;
use isnad_morph::Morphology;
use isnad_ner::{Clusters, NerTagger};
use isnad_syntax::Parser;
use std::path::{Path, PathBuf};

/// File names of the models, as in the repository's `models/` folder.
pub const SEGMENTER_FILE: &str = "segmenter.bin";
/// The UPOS tagger (loaded together with the segmenter: they form one morphology).
pub const TAGGER_FILE: &str = "tagger.bin";
/// The NER tagger.
pub const NER_FILE: &str = "ner.bin.zst";
/// The word clusters.
pub const CLUSTERS_FILE: &str = "clusters.bin.zst";
/// The dependency parser's file name.
pub const PARSER_FILE: &str = "parser.bin";
/// The relation classifier's file name.
pub const RELATIONS_FILE: &str = "relations.bin";
/// The quote-speaker ranker's file name.
pub const SPEAKERS_FILE: &str = "speakers.bin";

/// Why models could not be loaded from a folder.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The folder holds none of the model files, which is almost surely a wrong path.
    #[error("{}: no model file here (expected one of {SEGMENTER_FILE}, {TAGGER_FILE}, {NER_FILE}, {CLUSTERS_FILE}, {PARSER_FILE}, {RELATIONS_FILE}, {SPEAKERS_FILE})", dir.display())]
    NoModels {
        /// The folder.
        dir: PathBuf,
    },
    /// One of the two morphology files is there without the other.
    #[error("{}: found without {}: the segmenter and the tagger are loaded together", present.display(), missing.display())]
    Unpaired {
        /// The file found.
        present: PathBuf,
        /// The file missing beside it.
        missing: PathBuf,
    },
    /// A model file could not be read or is not a model of this build's format.
    #[error("{}: {source}", path.display())]
    Load {
        /// The file.
        path: PathBuf,
        /// The loader's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// Models loaded from files. Each one that is `None` falls back to the embedded model.
#[derive(Default)]
pub struct Models {
    /// Segmenter and tagger.
    pub morphology: Option<Morphology>,
    /// The NER tagger.
    pub ner: Option<NerTagger>,
    /// The word clusters.
    pub clusters: Option<Clusters>,
    /// The dependency parser.
    pub parser: Option<Parser>,
    /// The relation classifier.
    pub relations: Option<RelationModel>,
    /// The quote-speaker ranker.
    pub speakers: Option<SpeakerModel>,
}

impl std::fmt::Debug for Models {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Models")
            .field("morphology", &self.morphology.is_some())
            .field("ner", &self.ner.is_some())
            .field("clusters", &self.clusters.is_some())
            .field("parser", &self.parser.is_some())
            .field("relations", &self.relations.is_some())
            .field("speakers", &self.speakers.is_some())
            .finish()
    }
}

impl Models {
    /// Loads every model file present in `dir` ([`SEGMENTER_FILE`] with [`TAGGER_FILE`],
    /// [`NER_FILE`], [`CLUSTERS_FILE`]); the others stay embedded.
    ///
    /// # Errors
    /// [`ModelError::NoModels`] when `dir` holds none of them (or is not a folder),
    /// [`ModelError::Unpaired`] when only one morphology file is there, and
    /// [`ModelError::Load`] naming the first file that fails to load.
    pub fn from_dir(dir: &Path) -> Result<Models, ModelError> {
        let file = |name: &str| Some(dir.join(name)).filter(|p| p.is_file());
        let (seg, tag, ner, clusters, parser, relations, speakers) = (
            file(SEGMENTER_FILE),
            file(TAGGER_FILE),
            file(NER_FILE),
            file(CLUSTERS_FILE),
            file(PARSER_FILE),
            file(RELATIONS_FILE),
            file(SPEAKERS_FILE),
        );
        if [&seg, &tag, &ner, &clusters, &parser, &relations, &speakers]
            .iter()
            .all(|f| f.is_none())
        {
            return Err(ModelError::NoModels {
                dir: dir.to_path_buf(),
            });
        }
        let load = |path: &Path, e: Box<dyn std::error::Error + Send + Sync>| ModelError::Load {
            path: path.to_path_buf(),
            source: e,
        };
        let morphology = match (seg, tag) {
            (None, None) => None,
            (Some(seg), Some(tag)) => {
                let seg_bytes = std::fs::read(&seg).map_err(|e| load(&seg, e.into()))?;
                let tag_bytes = std::fs::read(&tag).map_err(|e| load(&tag, e.into()))?;
                // The error says which of the two is bad; name that file.
                let morph = Morphology::from_bytes(&seg_bytes, &tag_bytes).map_err(|e| {
                    let bad = match &e {
                        isnad_morph::MorphError::InvalidModel { what: "tagger", .. } => &tag,
                        isnad_morph::MorphError::Codec(c) if c.what == "tagger" => &tag,
                        _ => &seg,
                    };
                    load(bad, e.into())
                })?;
                Some(morph)
            }
            (Some(present), None) => {
                return Err(ModelError::Unpaired {
                    present,
                    missing: dir.join(TAGGER_FILE),
                })
            }
            (None, Some(present)) => {
                return Err(ModelError::Unpaired {
                    present,
                    missing: dir.join(SEGMENTER_FILE),
                })
            }
        };
        Ok(Models {
            morphology,
            ner: load_file(ner, NerTagger::from_file)?,
            clusters: load_file(clusters, Clusters::from_file)?,
            parser: load_file(parser, Parser::from_file)?,
            relations: load_file(relations, read_relations)?,
            speakers: load_file(speakers, SpeakerModel::from_file)?,
        })
    }

    /// A builder preset with these models (the embedded ones where none was loaded).
    pub fn builder(&self) -> AnalyzerBuilder<'_> {
        let mut builder = Analyzer::builder();
        if let Some(m) = &self.morphology {
            builder = builder.morphology(m);
        }
        if let Some(t) = &self.ner {
            builder = builder.ner(t);
        }
        if let Some(c) = &self.clusters {
            builder = builder.clusters(c);
        }
        if let Some(p) = &self.parser {
            builder = builder.parser(p);
        }
        if let Some(r) = &self.relations {
            builder = builder.relations(r);
        }
        if let Some(s) = &self.speakers {
            builder = builder.speakers(s);
        }
        builder
    }
}

/// Why a relation model file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum RelationsFileError {
    /// The file could not be read.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// It is not a relation model of this build's format.
    #[error(transparent)]
    Codec(#[from] isnad_learn::CodecError),
}

fn read_relations(path: &Path) -> Result<RelationModel, RelationsFileError> {
    Ok(RelationModel::from_bytes(&std::fs::read(path)?)?)
}

/// Loads one optional model file, naming the file when it fails.
fn load_file<M, E>(
    path: Option<PathBuf>,
    read: fn(&Path) -> Result<M, E>,
) -> Result<Option<M>, ModelError>
where
    E: std::error::Error + Send + Sync + 'static,
{
    path.map(|p| {
        read(&p).map_err(|e| ModelError::Load {
            path: p.clone(),
            source: Box::new(e),
        })
    })
    .transpose()
}

/// Collects the models of an [`Analyzer`]; every one not given is the embedded default.
///
/// ```
/// use isnad_analysis::Analyzer;
/// let analyzer = Analyzer::builder()
///     .morphology(isnad_morph::Morphology::global())
///     .kb(isnad_kb::Kb::builtin())
///     .build();
/// # let _ = analyzer;
/// ```
#[derive(Default, Clone, Copy)]
pub struct AnalyzerBuilder<'a> {
    morphology: Option<&'a Morphology>,
    ner: Option<&'a NerTagger>,
    clusters: Option<&'a Clusters>,
    parser: Option<&'a Parser>,
    speakers: Option<&'a SpeakerModel>,
    rule_speakers: bool,
    kb: Option<&'a Kb>,
    relations: Option<&'a RelationModel>,
    relation_rules: bool,
}

impl std::fmt::Debug for AnalyzerBuilder<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnalyzerBuilder")
            .field("morphology", &self.morphology.is_some())
            .field("ner", &self.ner.is_some())
            .field("clusters", &self.clusters.is_some())
            .field("parser", &self.parser.is_some())
            .field("speakers", &self.speakers.is_some())
            .field("rule_speakers", &self.rule_speakers)
            .field("kb", &self.kb.is_some())
            .finish()
    }
}

impl Default for Analyzer<'static> {
    fn default() -> Self {
        Self::new()
    }
}

impl Analyzer<'static> {
    /// An analyzer with the embedded models and the built-in knowledge base.
    pub fn new() -> Self {
        Analyzer::builder().build()
    }
}

impl<'a> Analyzer<'a> {
    /// Choose the models: `Analyzer::builder().morphology(m).ner(t).clusters(c).kb(kb).build()`;
    /// each one not given is the embedded default.
    pub fn builder() -> AnalyzerBuilder<'a> {
        AnalyzerBuilder::default()
    }

    /// An analyzer over a knowledge base the caller has loaded (the built-in one plus user
    /// entries), with the embedded models.
    pub fn with_kb(kb: &'a Kb) -> Self {
        Analyzer::builder().kb(kb).build()
    }
}

impl<'a> AnalyzerBuilder<'a> {
    /// The clitic segmenter and UPOS tagger (default [`Morphology::global`]).
    pub fn morphology(mut self, morphology: &'a Morphology) -> Self {
        self.morphology = Some(morphology);
        self
    }

    /// The NER tagger (default [`NerTagger::global`]).
    pub fn ner(mut self, tagger: &'a NerTagger) -> Self {
        self.ner = Some(tagger);
        self
    }

    /// The word clusters (default [`Clusters::global`]).
    pub fn clusters(mut self, clusters: &'a Clusters) -> Self {
        self.clusters = Some(clusters);
        self
    }

    /// The dependency parser (default [`Parser::global`]).
    pub fn parser(mut self, parser: &'a Parser) -> Self {
        self.parser = Some(parser);
        self
    }

    /// The relation classifier (default [`RelationModel::global`]).
    pub fn relations(mut self, model: &'a RelationModel) -> Self {
        self.relations = Some(model);
        self
    }

    /// No relation classifier: the hand rules decide the relations (for comparison).
    pub fn relation_rules(mut self) -> Self {
        self.relation_rules = true;
        self
    }

    /// A quote-speaker ranker (e.g. [`SpeakerModel::global`], the embedded one). Without one
    /// the rules choose the speakers (the default).
    pub fn speakers(mut self, model: &'a SpeakerModel) -> Self {
        self.speakers = Some(model);
        self.rule_speakers = false;
        self
    }

    /// Quote speakers chosen by the rules alone, even if a ranker was passed (the default; for
    /// comparisons and for training a new ranker).
    pub fn rule_speakers(mut self) -> Self {
        self.speakers = None;
        self.rule_speakers = true;
        self
    }

    /// The knowledge base (default [`Kb::builtin`]; pass one loaded with the user's entries).
    pub fn kb(mut self, kb: &'a Kb) -> Self {
        self.kb = Some(kb);
        self
    }

    /// The analyzer. Builds the knowledge base's gazetteer, and loads each embedded model not
    /// replaced (once per process).
    pub fn build(self) -> Analyzer<'a> {
        // `match`, not `unwrap_or_else(Morphology::global)`: the function item would pin the
        // option's lifetime to `'static`.
        let morphology = match self.morphology {
            Some(m) => m,
            None => Morphology::global(),
        };
        let ner = match self.ner {
            Some(t) => t,
            None => NerTagger::global(),
        };
        let clusters = match self.clusters {
            Some(c) => c,
            None => Clusters::global(),
        };
        let kb = match self.kb {
            Some(kb) => kb,
            None => Kb::builtin(),
        };
        let parser = match self.parser {
            Some(p) => p,
            None => Parser::global(),
        };
        // The rules choose quote speakers unless a ranker is passed: the embedded ranker does
        // not beat them on held-out articles yet (see `isnad train speakers`).
        let speakers = if self.rule_speakers {
            None
        } else {
            self.speakers
        };
        let relations = match (self.relation_rules, self.relations) {
            (true, _) => None,
            (false, Some(r)) => Some(r),
            (false, None) => Some(RelationModel::global()),
        };
        Analyzer::from_parts(morphology, parser, ner, clusters, kb, relations)
            .with_speakers(speakers)
    }
}
