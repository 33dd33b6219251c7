//! `isnad train stories`: the story pair model, fitted on hand-grouped stories. The articles
//! are ingested into a scratch corpus exactly as `isnad ingest` reads them (so the actors,
//! quotes and relations the features compare come from the same analysis), then the pairs the
//! incremental index meets are labelled from the gold stories.

use anyhow::{bail, Context, Result};
use isnad_analysis::Models;
use isnad_corpus::{Corpus, IngestOptions};
use isnad_stories::{train, GoldStories, TrainOptions, FEATURE_NAMES};
use std::io::Write;

use crate::cli::StoriesTrainArgs;

pub fn train_stories(a: &StoriesTrainArgs) -> Result<()> {
    if a.gold.to_string_lossy().contains("test") {
        bail!("stories-test.json is for reporting only: fit on stories-train.json");
    }
    let gold: GoldStories = serde_json::from_str(
        &std::fs::read_to_string(&a.gold)
            .with_context(|| format!("reading {}", a.gold.display()))?,
    )
    .with_context(|| format!("parsing {}", a.gold.display()))?;
    let dir = a
        .gold
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    let scratch = std::env::temp_dir().join(format!("isnad-train-stories-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch)?;
    let result = fit_in(&scratch, &dir, &gold, a);
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

fn fit_in(
    scratch: &std::path::Path,
    dir: &std::path::Path,
    gold: &GoldStories,
    a: &StoriesTrainArgs,
) -> Result<()> {
    let jsonl = scratch.join("articles.jsonl");
    write_articles(dir, gold, &jsonl)?;
    let kb = crate::cmd::kb::load(None)?;
    let models = Models::default();
    let analyzer = models.builder().kb(&kb).build();
    let mut corpus = Corpus::open(&scratch.join("corpus"))?;
    let options = IngestOptions {
        stories: false,
        progress: false,
        ..IngestOptions::default()
    };
    corpus.ingest(&[jsonl], &analyzer, &options, &mut |_| {})?;
    let docs = corpus.story_docs(false)?;
    let opts = TrainOptions {
        l2: a.l2,
        hard_weight: a.hard_weight,
        ..TrainOptions::default()
    };
    let (model, report) = train(&docs, gold, &opts);
    let bytes = model.to_bytes().context("encoding the story model")?;
    std::fs::write(&a.out, &bytes).with_context(|| format!("writing {}", a.out.display()))?;
    println!(
        "{} articles, {} candidate pairs ({} same story; candidate recall {:.3})",
        docs.len(),
        report.examples,
        report.positives,
        report.candidate_recall
    );
    let cv = &report.cross_validated;
    println!(
        "cross-validated ({} folds by story): pairwise P {:.3} R {:.3} F1 {:.3}, hard negatives merged {}/{}",
        opts.folds, cv.precision, cv.recall, cv.f1, cv.hard_negatives_merged, cv.hard_negatives
    );
    println!(
        "train (in-sample): pairwise P {:.3} R {:.3} F1 {:.3}, hard negatives merged {}/{}; join {:.2}, support {:.2}",
        report.train.precision,
        report.train.recall,
        report.train.f1,
        report.train.hard_negatives_merged,
        report.train.hard_negatives,
        model.join,
        model.support
    );
    let per = model.weights.len() / FEATURE_NAMES.len();
    for (name, w) in FEATURE_NAMES.iter().zip(model.weights.chunks(per)) {
        println!("  {name:22} {:+.3}", w.iter().sum::<f32>());
    }
    Ok(())
}

/// The gold's articles as JSONL (`text/<id>.txt` is the title, a blank line, the body;
/// `meta.tsv` gives outlet and date).
fn write_articles(dir: &std::path::Path, gold: &GoldStories, out: &std::path::Path) -> Result<()> {
    let meta_path = dir.join("meta.tsv");
    let meta = std::fs::read_to_string(&meta_path)
        .with_context(|| format!("reading {}", meta_path.display()))?;
    let mut ids: Vec<&str> = gold
        .stories
        .iter()
        .flat_map(|s| s.doc_ids.iter().chain(&s.related_doc_ids))
        .map(String::as_str)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let mut file = std::io::BufWriter::new(std::fs::File::create(out)?);
    for id in ids {
        let row = meta.lines().find(|l| l.split('\t').next() == Some(id));
        let field = |i: usize| row.and_then(|r| r.split('\t').nth(i)).unwrap_or("");
        let path = dir.join("text").join(format!("{id}.txt"));
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let (title, body) = text.split_once("\n\n").unwrap_or(("", text.as_str()));
        let line = serde_json::json!({
            "id": id,
            "title": title.trim(),
            "text": body.trim(),
            "outlet": field(1),
            "published": field(2).replace(' ', "T"),
        });
        writeln!(file, "{line}")?;
    }
    file.flush()?;
    Ok(())
}
