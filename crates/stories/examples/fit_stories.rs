//! Fits the story pair model on one split and scores another, from exported documents:
//! `fit_stories TRAIN_DOCS.jsonl TRAIN_GOLD.json TEST_DOCS.jsonl TEST_GOLD.json [OUT.bin]`.
//! The documents are `StoryDoc` lines (actors, quotes and relations from a corpus store).

use isnad_stories::{
    group_stories_with, train, GoldStories, StoryDoc, TrainOptions, FEATURE_NAMES,
};

fn read_docs(path: &str) -> Result<Vec<StoryDoc>, Box<dyn std::error::Error>> {
    let mut docs = Vec::new();
    for line in std::fs::read_to_string(path)?.lines() {
        if !line.trim().is_empty() {
            docs.push(serde_json::from_str(line)?);
        }
    }
    Ok(docs)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 4 {
        return Err("usage: fit_stories TRAIN_DOCS TRAIN_GOLD TEST_DOCS TEST_GOLD [OUT]".into());
    }
    let gold = |p: &str| -> Result<GoldStories, Box<dyn std::error::Error>> {
        Ok(serde_json::from_str(&std::fs::read_to_string(p)?)?)
    };
    let mut opts = TrainOptions::default();
    if let Ok(v) = std::env::var("L2") {
        opts.l2 = v.parse()?;
    }
    if let Ok(v) = std::env::var("HARD") {
        opts.hard_weight = v.parse()?;
    }
    if let Ok(v) = std::env::var("PENALTY") {
        opts.hard_penalty = v.parse()?;
    }
    if let Ok(v) = std::env::var("BLOCK") {
        opts.config.blocking_terms = v.parse()?;
    }
    if let Ok(v) = std::env::var("SHARED") {
        opts.config.min_shared_terms = v.parse()?;
    }
    let (train_docs, train_gold) = (read_docs(&args[0])?, gold(&args[1])?);
    if let Ok(k) = std::env::var("FOLDS") {
        opts.folds = k.parse()?;
    }
    let (model, report) = train(&train_docs, &train_gold, &opts);
    eprintln!("{}", serde_json::to_string(&report)?);
    eprintln!("cv {}", serde_json::to_string(&report.cross_validated)?);
    for (n, w) in FEATURE_NAMES.iter().zip(
        model
            .weights
            .chunks(model.weights.len() / FEATURE_NAMES.len()),
    ) {
        eprintln!("  {n:22} {w:+.3?}");
    }
    eprintln!(
        "  bias {:+.3} join {:.2} support {:.2}",
        model.bias, model.join, model.support
    );
    let (test_docs, test_gold) = (read_docs(&args[2])?, gold(&args[3])?);
    let stories = group_stories_with(&test_docs, &model, &opts.config);
    eprintln!(
        "test {}",
        serde_json::to_string(&test_gold.score(&stories))?
    );
    if std::env::var("EXPLAIN").is_ok() {
        explain(&test_docs, &test_gold, &stories, &model);
    }
    if let Ok(path) = std::env::var("PRED") {
        let file = isnad_stories::StoriesFile {
            stories: stories.clone(),
        };
        std::fs::write(path, serde_json::to_string(&file)?)?;
    }
    for (name, docs, gold) in [
        ("train", &train_docs, &train_gold),
        ("test", &test_docs, &test_gold),
    ] {
        let ex = isnad_stories::training_examples(docs, gold, &opts);
        for t in [0.3f32, 0.5, 0.7] {
            let (mut tp, mut fp, mut fnn) = (0, 0, 0);
            for e in &ex {
                let y = model.probability(&e.features) >= t;
                match (y, e.same) {
                    (true, true) => tp += 1,
                    (true, false) => fp += 1,
                    (false, true) => fnn += 1,
                    _ => {}
                }
            }
            let p = tp as f64 / (tp + fp).max(1) as f64;
            let r = tp as f64 / (tp + fnn).max(1) as f64;
            eprintln!(
                "pairs {name} t={t} P {p:.3} R {r:.3} F {:.3}",
                2.0 * p * r / (p + r).max(1e-9)
            );
        }
    }
    if let Some(out) = args.get(4) {
        std::fs::write(out, model.to_bytes()?)?;
    }
    Ok(())
}

/// Document frequencies over a whole set (diagnostics only).
struct AllDf(std::collections::HashMap<u64, u32>, u32);

impl isnad_stories::DocFreq for AllDf {
    fn df(&self, t: u64) -> u32 {
        self.0.get(&t).copied().unwrap_or(0)
    }
    fn docs(&self) -> u32 {
        self.1
    }
}

/// Prints the link probability and features of gold pairs that were split.
#[allow(dead_code)]
pub fn explain(
    docs: &[StoryDoc],
    gold: &GoldStories,
    stories: &[isnad_stories::Story],
    model: &isnad_stories::PairModel,
) {
    use isnad_stories::{pair_features, DocFeatures};
    let feats: std::collections::HashMap<&str, DocFeatures> = docs
        .iter()
        .map(|d| (d.id.as_str(), DocFeatures::of(d)))
        .collect();
    let mut df = std::collections::HashMap::new();
    for f in feats.values() {
        for &(t, _) in &f.terms {
            *df.entry(t).or_insert(0u32) += 1;
        }
    }
    let df = AllDf(df, docs.len() as u32);
    let story_of = |id: &str| {
        stories
            .iter()
            .position(|s| s.doc_ids.iter().any(|d| d == id))
    };
    for g in &gold.stories {
        for (i, a) in g.doc_ids.iter().enumerate() {
            for b in &g.doc_ids[i + 1..] {
                if story_of(a) != story_of(b) {
                    let x = pair_features(&feats[a.as_str()], &feats[b.as_str()], &df);
                    let p = model.probability(&x);
                    let xs: Vec<String> = x.iter().map(|v| format!("{v:.2}")).collect();
                    eprintln!("missed {a} {b} p={p:.2} [{}]", xs.join(" "));
                }
            }
        }
    }
}
