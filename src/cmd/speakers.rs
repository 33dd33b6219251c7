//! `isnad train speakers`: the quote-speaker ranker of `isnad-extract`, trained on the `train`
//! split of the annotated articles.
//!
//! Each article is analyzed with the rules deciding the speakers; its quotes are aligned with
//! the annotated ones by the scorer's token-F1 matching and its entities with the scorer's
//! `map_clusters`, so the ranker learns on exactly the correspondences it is measured on.

use anyhow::{bail, Context, Result};
use isnad_analysis::{actor_of, Analyzer, DocMeta, Options};
use isnad_eval::{map_clusters, match_spans, read_json, Registry};
use isnad_extract::{train_speakers, SpeakerDoc, SpeakerOptions, SpeakerTarget};
use isnad_kb::Kb;
use serde_json::Value;

use crate::cli::SpeakersTrainArgs;

pub fn train(a: &SpeakersTrainArgs) -> Result<()> {
    if a.split == "test" {
        bail!("the test split is for reporting only: train on `train`");
    }
    let registry = Registry::from_json(&read_json(&a.gold.join("entities.json"))?);
    let dates = super::eval_extract::read_meta(&a.meta)?;
    let ids = super::eval_extract::split_ids(&a.gold, &a.split)?;
    let kb = Kb::load(None).context("loading the knowledge base")?;
    let analyzer = Analyzer::builder().kb(&kb).rule_speakers().build();
    let mut docs = Vec::with_capacity(ids.len());
    for id in &ids {
        let path = a.text.join(format!("{id}.txt"));
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let gold = read_json(&a.gold.join(format!("{id}.json")))?;
        let meta = DocMeta {
            id: id.clone(),
            source: path.display().to_string(),
            published: dates.get(id).cloned(),
        };
        let analysis = analyzer.analyze(&text, meta, &Options::default());
        let targets = targets(
            &serde_json::to_value(&analysis)?,
            &gold,
            &registry,
            &analysis,
        );
        docs.push(SpeakerDoc {
            text,
            actors: analysis.entities.iter().map(actor_of).collect(),
            targets,
        });
    }
    let opts = SpeakerOptions {
        epochs: a.epochs,
        seed: a.seed,
        folds: a.folds,
        exclude: a.exclude.clone(),
    };
    let (model, report) = train_speakers(&docs, analyzer.morphology(), &opts);
    std::fs::write(&a.out, model.to_bytes()?)
        .with_context(|| format!("writing {}", a.out.display()))?;
    let share = |n: usize| n as f64 / report.examples.max(1) as f64;
    println!(
        "{} articles, {} quotes with a target ({} unreachable): rules right {} ({:.3}); ranker right {} ({:.3}) on its {}-fold held-out articles, {} ({:.3}) on its own training data",
        docs.len(),
        report.examples,
        report.unreachable,
        report.rules_right,
        share(report.rules_right),
        report.cv_right,
        share(report.cv_right),
        a.folds,
        report.model_right,
        share(report.model_right),
    );
    Ok(())
}

/// One target per predicted quote: the actors mapped to the annotated speaker, `Nobody` for an
/// unnamed one, `Skip` for a quote that matches no annotation or whose speaker no actor is.
fn targets(
    pred: &Value,
    gold: &Value,
    registry: &Registry,
    analysis: &isnad_analysis::Analysis,
) -> Vec<SpeakerTarget> {
    let mapping = map_clusters(pred, gold, registry);
    let gold_quotes = gold
        .get("quotes")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    let pt: Vec<&str> = analysis.quotes.iter().map(|q| q.text.as_str()).collect();
    let gt: Vec<&str> = gold_quotes
        .iter()
        .map(|q| q.get("text").and_then(Value::as_str).unwrap_or(""))
        .collect();
    let mut out = vec![SpeakerTarget::Skip; pt.len()];
    for (i, j) in match_spans(&pt, &gt, 0.5) {
        let Some(speaker) = gold_quotes[j].get("speaker").and_then(Value::as_str) else {
            out[i] = SpeakerTarget::Nobody;
            continue;
        };
        let is_entity = gold
            .get("entities")
            .and_then(Value::as_array)
            .is_some_and(|es| {
                es.iter()
                    .any(|e| e.get("id").and_then(Value::as_str) == Some(speaker))
            });
        if !is_entity {
            out[i] = SpeakerTarget::Nobody;
            continue;
        }
        let actors: Vec<usize> = analysis
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| mapping.get(&e.id).map(String::as_str) == Some(speaker))
            .map(|(k, _)| k)
            .collect();
        if !actors.is_empty() {
            out[i] = SpeakerTarget::Actors(actors);
        }
    }
    out
}
