//! `isnad eval extract`: the figures of `shared/tools/score.py extract`, on isnad's own analyses
//! of the annotated articles (or on predictions already written).

use std::collections::HashMap;
use std::path::Path;

use anyhow::{bail, Context, Result};
use isnad_analysis::{Analyzer, DocMeta, Models, Options};
use isnad_eval::{read_json, relation_confidences, score_doc, Counts, Registry, Scores};
use isnad_kb::Kb;

use crate::cli::EvalExtractArgs;

pub fn run(a: &EvalExtractArgs) -> Result<bool> {
    let registry = Registry::from_json(&read_json(&a.gold.join("entities.json"))?);
    let docs = doc_ids(a)?;
    let dates = match &a.meta {
        Some(path) => read_meta(path)?,
        None => HashMap::new(),
    };
    let kb;
    let models = match &a.models {
        Some(dir) => Models::from_dir(dir).context("loading --models")?,
        None => Models::default(),
    };
    let analyzer = match &a.text {
        Some(_) => {
            kb = Kb::load(None).context("loading the knowledge base")?;
            let builder = models.builder().kb(&kb);
            Some(if a.rule_speakers {
                builder.rule_speakers().build()
            } else {
                builder.build()
            })
        }
        None => None,
    };
    let mut total = Counts::default();
    let mut missing = Vec::new();
    let mut confidences = Vec::new();
    for id in &docs {
        let gold = read_json(&a.gold.join(format!("{id}.json")))?;
        let pred = match (&analyzer, &a.text, &a.pred) {
            (Some(analyzer), Some(dir), _) => analyze(analyzer, dir, id, dates.get(id))?,
            (_, _, Some(dir)) => {
                let path = dir.join(format!("{id}.json"));
                if path.exists() {
                    read_json(&path)?
                } else {
                    missing.push(id.clone());
                    serde_json::Value::Null
                }
            }
            _ => bail!("give --text DIR (analyze the articles) or --pred DIR (score predictions)"),
        };
        total.add(&score_doc(&pred, &gold, &registry));
        confidences.extend(relation_confidences(&pred, &gold, &registry));
    }
    let scores = Scores::from_counts(&total);
    if a.json {
        println!("{}", serde_json::to_string_pretty(&scores)?);
    } else {
        let note = if missing.is_empty() {
            String::new()
        } else {
            format!(" (no prediction for {})", missing.join(", "))
        };
        println!("docs {}{note}", docs.len());
        print!("{}", scores.render());
    }
    if a.reliability {
        print_reliability(&confidences);
    }
    Ok(true)
}

/// Per tenth of confidence: predicted relations, annotated ones, and their share.
fn print_reliability(confidences: &[(f64, bool)]) {
    let mut bins = [(0usize, 0usize); 10];
    for &(c, right) in confidences {
        let i = ((c * 10.0) as usize).min(9);
        bins[i].0 += 1;
        bins[i].1 += usize::from(right);
    }
    println!("confidence  relations  right  share");
    for (i, (n, r)) in bins.iter().enumerate().filter(|(_, b)| b.0 > 0) {
        let low = i as f64 / 10.0;
        println!(
            "{low:.1}-{:.1}     {n:>9}  {r:>5}  {:.2}",
            low + 0.1,
            *r as f64 / *n as f64
        );
    }
}

/// The document ids of one split in the `split.tsv` beside the gold folder, in file order
/// (training commands and `eval extract --split` share it).
pub(crate) fn split_ids(gold: &Path, split: &str) -> Result<Vec<String>> {
    let path = gold.parent().unwrap_or(Path::new(".")).join("split.tsv");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("reading {} for --split", path.display()))?;
    let ids: Vec<String> = text
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .filter(|(_, s)| s.trim() == split)
        .map(|(id, _)| id.to_string())
        .collect();
    if ids.is_empty() {
        bail!("{} has no document in split {split:?}", path.display());
    }
    Ok(ids)
}

/// The documents to score: `--docs`, else the `--split` rows of `split.tsv` beside the gold
/// folder, else every annotated document.
fn doc_ids(a: &EvalExtractArgs) -> Result<Vec<String>> {
    if let Some(list) = &a.docs {
        return Ok(list.split(',').map(str::to_string).collect());
    }
    if let Some(split) = &a.split {
        return split_ids(&a.gold, split);
    }
    let mut ids: Vec<String> = std::fs::read_dir(&a.gold)
        .with_context(|| format!("reading {}", a.gold.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|f| f.strip_suffix(".json").map(str::to_string))
        .filter(|f| f != "entities" && f != "stories")
        .collect();
    ids.sort();
    Ok(ids)
}

/// Publication dates from a `meta.tsv` (`doc_id`, `outlet`, `date_extracted`, …).
pub(crate) fn read_meta(path: &Path) -> Result<HashMap<String, String>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let id = cols.next()?;
            let date = cols.nth(1)?.get(..10)?;
            Some((id.to_string(), date.to_string()))
        })
        .collect())
}

fn analyze(
    analyzer: &Analyzer,
    dir: &Path,
    id: &str,
    published: Option<&String>,
) -> Result<serde_json::Value> {
    let path = dir.join(format!("{id}.txt"));
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let meta = DocMeta {
        id: id.to_string(),
        source: path.display().to_string(),
        published: published.cloned(),
    };
    let analysis = analyzer.analyze(&text, meta, &Options::default());
    Ok(serde_json::to_value(&analysis)?)
}
