//! `isnad train relations`: the relation classifier, fitted on the annotated articles of one
//! split. Each article is analyzed by the embedded models (exactly as `analyze` reads it), its
//! entities are mapped to the annotation's ids the way the scorer maps them, and the candidates
//! are labelled from the annotated relations and their evidence.

use anyhow::{bail, Context, Result};
use isnad_analysis::Analyzer;
use isnad_eval::{map_clusters, read_json, Registry};
use isnad_extract::relation_training::{
    featurize, train as fit, GoldRelation, TrainDoc, TrainOptions,
};
use isnad_extract::RelationType;
use isnad_kb::Kb;
use serde_json::Value;

use crate::cli::RelationsTrainArgs;

pub fn train(a: &RelationsTrainArgs) -> Result<()> {
    if a.split == "test" {
        bail!("the test split is for reporting only: fit on `train`");
    }
    let registry = Registry::from_json(&read_json(&a.gold.join("entities.json"))?);
    let mut ids = super::eval_extract::split_ids(&a.gold, &a.split)?;
    ids.sort();
    let keep = ((ids.len() as f64) * a.fraction.clamp(0.0, 1.0)).round() as usize;
    ids.truncate(keep.max(1));
    let kb = Kb::load(None).context("loading the knowledge base")?;
    // Only the stages before extraction run here, so no relation model is loaded (a
    // committed one of an older format must not stop its own retraining).
    let analyzer = Analyzer::builder().kb(&kb).relation_rules().build();
    let opts = TrainOptions {
        epochs: a.epochs,
        seed: a.seed,
        ..TrainOptions::default()
    };
    let mut docs = Vec::with_capacity(ids.len());
    for id in &ids {
        docs.push(examples(&analyzer, a, &registry, id, opts.bits)?);
    }
    let (model, report) = fit(&docs, &opts);
    let bytes = model.to_bytes().context("encoding the relation model")?;
    std::fs::write(&a.out, &bytes).with_context(|| format!("writing {}", a.out.display()))?;
    println!(
        "{} articles, {} candidates ({} positive), {} annotated relations",
        report.docs,
        report.candidates,
        report.positives,
        docs.iter().map(|d| d.gold_relations()).sum::<usize>()
    );
    let reach = docs
        .iter()
        .map(|d| d.reach())
        .fold((0, 0, 0), |t, r| (t.0 + r.0, t.1 + r.1, t.2 + r.2));
    println!(
        "annotated relations with both arguments found {}, in one clause {}, labelled {}",
        reach.0, reach.1, reach.2
    );
    let (p, r, f) = report.cv;
    println!(
        "held-out folds: relation P {p:.3} R {r:.3} F1 {f:.3} at margin {:.3}",
        report.threshold
    );
    println!("reliability on the held-out folds (confidence bin: relations, right):");
    for (low, n, right) in &report.reliability {
        println!(
            "  {low:.1}-{:.1}: {n} relations, {right} right ({:.2})",
            low + 0.1,
            *right as f64 / *n as f64
        );
    }
    println!("wrote {} ({} bytes)", a.out.display(), bytes.len());
    Ok(())
}

/// The labelled candidates of one article.
fn examples(
    analyzer: &Analyzer,
    a: &RelationsTrainArgs,
    registry: &Registry,
    id: &str,
    bits: u32,
) -> Result<isnad_extract::relation_training::DocExamples> {
    let path = a.text.join(format!("{id}.txt"));
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let gold = read_json(&a.gold.join(format!("{id}.json")))?;
    let reading = analyzer.read(&text);
    let pred = serde_json::json!({ "entities": reading.entities });
    let mapping = map_clusters(&pred, &gold, registry);
    let actor_gold: Vec<Option<String>> = reading
        .actors
        .iter()
        .map(|x| mapping.get(&x.id).cloned())
        .collect();
    let relations = gold_relations(&gold);
    let doc = TrainDoc {
        analyzed: &reading.doc,
        syntax: Some(&reading.syntax),
        actors: &reading.actors,
        actor_gold: &actor_gold,
        gold: &relations,
    };
    Ok(featurize(&doc, bits))
}

fn gold_relations(gold: &Value) -> Vec<GoldRelation> {
    let str_of = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    gold.get("relations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|r| {
            let mut evidence: Vec<String> = str_of(r, "evidence").into_iter().collect();
            if let Some(alt) = r.get("alt_evidence").and_then(Value::as_array) {
                evidence.extend(alt.iter().filter_map(Value::as_str).map(str::to_string));
            }
            Some(GoldRelation {
                subject: str_of(r, "subj")?,
                kind: RelationType::parse(r.get("type")?.as_str()?)?,
                object: str_of(r, "obj")?,
                negated: r.get("negated").and_then(Value::as_bool).unwrap_or(false),
                evidence,
            })
        })
        .collect()
}
