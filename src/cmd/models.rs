//! `isnad train …` and `isnad eval …`: thin calls into the trainers and scorers of the model crates.

use crate::cli::{
    ClustersTrainArgs, EvalCommand, MorphEvalArgs, NerCorpusFormat, NerEvalArgs, NerTrainArgs,
    TrainCommand,
};
use anyhow::{Context, Result};
use isnad_morph::Morphology;
use std::time::Instant;

pub fn train(cmd: &TrainCommand) -> Result<bool> {
    let started = Instant::now();
    match cmd {
        TrainCommand::Segmenter(a) => {
            let report = isnad_morph::train_segmenter(&a.train, &a.dev, a.seed, &a.out)
                .context("training the segmenter")?;
            println!("{report:#?}");
        }
        TrainCommand::Tagger(a) => {
            let options = isnad_morph::TaggerOptions {
                // Without --unlabeled: the shared data layout's SaudiNewsNet folder
                // above the training file, if there is one.
                unlabeled: a
                    .unlabeled
                    .clone()
                    .or_else(|| isnad_morph::TaggerOptions::find_unlabeled(&a.train)),
                ..Default::default()
            };
            let report = isnad_morph::train_tagger_with(&a.train, &a.dev, a.seed, &a.out, &options)
                .context("training the tagger")?;
            println!("{report:#?}");
        }
        TrainCommand::Ner(a) => train_ner(a)?,
        TrainCommand::Clusters(a) => train_clusters(a)?,
        TrainCommand::Parser(a) => super::parser::train(a)?,
        TrainCommand::Relations(a) => super::relations::train(a)?,
        TrainCommand::Stories(a) => super::stories_train::train_stories(a)?,
        TrainCommand::Speakers(a) => super::speakers::train(a)?,
    }
    eprintln!("trained in {:.1} s", started.elapsed().as_secs_f64());
    Ok(true)
}

fn train_ner(a: &NerTrainArgs) -> Result<()> {
    let mut options = isnad_ner::TrainOptions {
        seed: a.seed,
        anetac: a.anetac.clone(),
        aqmar_lexicon: a.aqmar_lexicon.clone(),
        aqmar_dev: a.aqmar_dev.clone(),
        extra_train: a.wikifane.clone(),
        wojood: a.wojood.clone(),
        kb: a.kb.clone(),
        wiki_out: a.wiki_out.clone(),
        self_train: a.self_train.clone().map(isnad_ner::SelfTrain::new),
        ensemble: a.ensemble,
        articles: a.articles.clone(),
        ..Default::default()
    };
    if let Some(epochs) = a.epochs {
        options.epochs = epochs;
    }
    let report = isnad_ner::train(&a.train, a.dev.as_deref(), &options, &a.out)
        .context("training the NER tagger")?;
    print!("{report}");
    Ok(())
}

fn train_clusters(a: &ClustersTrainArgs) -> Result<()> {
    let report =
        isnad_ner::build_clusters(&a.corpus, a.seed, &a.out).context("building word clusters")?;
    println!("{report:#?}");
    Ok(())
}

pub fn eval(cmd: &EvalCommand) -> Result<bool> {
    match cmd {
        EvalCommand::Segmenter(a) => {
            let from_files = load_morphology(a)?;
            let morph = from_files.as_ref().unwrap_or_else(|| Morphology::global());
            let score = isnad_morph::eval_segmenter(morph, &a.test)
                .with_context(|| format!("scoring {}", a.test.display()))?;
            println!("{score}");
            for file in &a.dialect {
                let dialect = isnad_morph::eval_dialect(morph, file)
                    .with_context(|| format!("scoring {}", file.display()))?;
                println!("{}:\n{dialect}", file.display());
            }
        }
        EvalCommand::Tagger(a) => {
            let from_files = load_morphology(a)?;
            let morph = from_files.as_ref().unwrap_or_else(|| Morphology::global());
            let score = isnad_morph::eval_tagger(morph, &a.test)
                .with_context(|| format!("scoring {}", a.test.display()))?;
            println!("{score}");
        }
        EvalCommand::Ner(a) => eval_ner(a)?,
        EvalCommand::Parser(a) => super::parser::eval(a)?,
        EvalCommand::Extract(a) => return super::eval_extract::run(a),
    }
    Ok(true)
}

/// `None` means the embedded models. Both files are needed to build a pair from disk, so a missing
/// one is taken from where the embedded pair was built, `models/`.
fn load_morphology(a: &MorphEvalArgs) -> Result<Option<Morphology>> {
    if a.segmenter.is_none() && a.tagger.is_none() {
        return Ok(None);
    }
    let models = models_dir();
    let seg = a
        .segmenter
        .clone()
        .unwrap_or_else(|| models.join("segmenter.bin"));
    let tag = a
        .tagger
        .clone()
        .unwrap_or_else(|| models.join("tagger.bin"));
    let morph = Morphology::from_files(&seg, &tag)
        .with_context(|| format!("loading {} and {}", seg.display(), tag.display()))?;
    Ok(Some(morph))
}

fn models_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models")
}

fn eval_ner(a: &NerEvalArgs) -> Result<()> {
    let owned;
    let tagger = match &a.model {
        None if a.format == NerCorpusFormat::Aqmar => isnad_ner::NerTagger::wikipedia(),
        None => isnad_ner::NerTagger::global(),
        Some(path) => {
            owned = isnad_ner::NerTagger::from_file(path)
                .with_context(|| format!("loading {}", path.display()))?;
            &owned
        }
    };
    let format = match a.format {
        NerCorpusFormat::Anercorp => isnad_ner::CorpusFormat::Anercorp,
        NerCorpusFormat::Aqmar => isnad_ner::CorpusFormat::Aqmar,
    };
    let started = Instant::now();
    let score = isnad_ner::eval(tagger, &a.test, format)
        .with_context(|| format!("scoring {}", a.test.display()))?;
    print!("{score}");
    eprintln!("\nscored in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}
