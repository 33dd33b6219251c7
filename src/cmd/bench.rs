//! `isnad bench …`: throughput and memory figures on real news, reproducible by anyone with the
//! shared corpora.

use crate::cli::{BenchAnalyzeArgs, BenchCommand};
use anyhow::{anyhow, Context, Result};
use isnad_analysis::{bench, Analyzer};
use std::path::PathBuf;

pub fn run(cmd: &BenchCommand) -> Result<bool> {
    match cmd {
        BenchCommand::Analyze(args) => analyze(args),
    }
}

/// The corpus folder: the user's, else `../shared/...` from the working directory or the
/// repository.
fn corpus_dir(explicit: Option<&PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        return Ok(dir.clone());
    }
    let relative = "../shared/data/saudinewsnet/dataset";
    let candidates = [
        PathBuf::from(relative),
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative),
    ];
    candidates
        .into_iter()
        .find(|p| p.is_dir())
        .ok_or_else(|| anyhow!("SaudiNewsNet not found at {relative}; pass --corpus DIR"))
}

fn analyze(args: &BenchAnalyzeArgs) -> Result<bool> {
    let dir = corpus_dir(args.corpus.as_ref())?;
    // The one reader of the corpus; zips in name order, so every run reads the same articles.
    let texts: Vec<String> = isnad_ingest::saudinewsnet::read_articles(&dir, args.docs)
        .with_context(|| format!("reading {}", dir.display()))?
        .into_iter()
        .map(|a| format!("{}\n\n{}", a.title, a.content))
        .collect();
    if texts.is_empty() {
        anyhow::bail!("no SaudiNewsNet article in {}", dir.display());
    }
    let analyzer = Analyzer::new();
    let report = bench::run(&analyzer, &texts);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(true);
    }
    println!(
        "{} articles, {} tokens, {:.1} MB; models loaded in {:.0} ms",
        report.docs,
        report.tokens,
        report.bytes as f64 / 1e6,
        report.model_load_ms
    );
    for pass in [&report.single, &report.parallel] {
        let per_cpu = pass
            .tokens_per_cpu_second
            .map(|t| format!(", {t:.0} tokens per CPU second"))
            .unwrap_or_default();
        println!(
            "{} thread(s): {:.2} s, {:.0} docs/s, {:.0} tokens/s, {:.2} MB/s{per_cpu}",
            pass.threads,
            pass.seconds,
            pass.docs_per_second,
            pass.tokens_per_second,
            pass.mb_per_second
        );
    }
    let [entities, relations, quotes, dates] = report.found;
    println!("found {entities} entities, {relations} relations, {quotes} quotes, {dates} dates");
    if let Some(rss) = report.peak_rss_mib {
        println!("peak RSS {rss:.0} MiB");
    }
    Ok(true)
}
