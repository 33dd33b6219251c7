//! `isnad check [--repair]`: is the store sound and the index in step with it; if not, rebuild
//! the index from the store.

use crate::cli::{CheckArgs, CorpusFormat};
use anyhow::{Context, Result};
use isnad_corpus::{CheckReport, Corpus};
use std::io::Write;

/// Exit 0 when the corpus is (after `--repair`, has become) consistent, 1 otherwise.
pub fn run(args: &CheckArgs) -> Result<bool> {
    let dir = crate::cmd::corpus::data_dir(&args.data)?;
    let before = Corpus::check_dir(&dir).with_context(|| format!("checking {}", dir.display()))?;
    let mut repaired = None;
    let report = if args.repair && !before.problems.is_empty() {
        let n = Corpus::rebuild_index(&dir)
            .with_context(|| format!("rebuilding the index of {}", dir.display()))?;
        repaired = Some(n);
        Corpus::check_dir(&dir)?
    } else {
        before.clone()
    };
    match args.format {
        CorpusFormat::Json => {
            let value = serde_json::json!({
                "documents": report.documents,
                "indexed": report.indexed,
                "problems": report.problems,
                "found": before.problems,
                "reindexed": repaired,
            });
            let mut out = std::io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &value)?;
            writeln!(out)?;
        }
        CorpusFormat::Pretty => print_pretty(&before, repaired, &report)?,
    }
    Ok(report.problems.is_empty())
}

fn print_pretty(before: &CheckReport, repaired: Option<u64>, after: &CheckReport) -> Result<()> {
    let mut out = std::io::stdout().lock();
    for p in &before.problems {
        writeln!(out, "problem: {p}")?;
    }
    if let Some(n) = repaired {
        writeln!(
            out,
            "repaired: the index was rebuilt from the store ({n} documents)"
        )?;
        for p in &after.problems {
            writeln!(out, "still: {p}")?;
        }
    }
    let indexed = after
        .indexed
        .map_or_else(|| "unreadable".to_string(), |n| n.to_string());
    let verdict = if after.problems.is_empty() {
        "ok"
    } else if repaired.is_some() {
        "problems remain (the store itself: re-ingest the sources)"
    } else {
        "problems found (`isnad check --repair` rebuilds the index from the store)"
    };
    writeln!(
        out,
        "{verdict}: {} documents stored, {indexed} indexed",
        after.documents
    )?;
    Ok(())
}
