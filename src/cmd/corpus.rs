//! The corpus commands: `ingest`, `search`, `entity`, `stories`, `stats`. Flags here, logic in
//! `isnad-corpus`.

use crate::cli::{
    CorpusFormat, DataArg, EntityArgs, IngestArgs, SearchArgs, StatsArgs, StoriesArgs,
};
use crate::cmd::team;
use anyhow::{Context, Result};
use isnad_analysis::Models;
use isnad_corpus::{Corpus, IngestEvent, IngestOptions, SearchQuery};
use std::io::{IsTerminal, Write};

pub fn data_dir(data: &DataArg) -> Result<std::path::PathBuf> {
    Ok(match &data.data {
        Some(d) => d.clone(),
        None => Corpus::default_dir()?,
    })
}

/// For `ingest` and `stories --rebuild`: creates the store when absent, takes the writer
/// lock, and indexes what an interrupted ingest left.
fn open(data: &DataArg) -> Result<Corpus> {
    let dir = data_dir(data)?;
    Corpus::open(&dir).map_err(|e| with_hint(e, &dir))
}

/// The error of opening a corpus, naming the directory; an index that cannot be read gets
/// the command that rebuilds it from the store.
fn with_hint(e: isnad_corpus::CorpusError, dir: &std::path::Path) -> anyhow::Error {
    let hint = match e {
        isnad_corpus::CorpusError::NoCorpus { .. } => return anyhow::Error::new(e),
        isnad_corpus::CorpusError::Index { .. } => format!(
            " (the store is the source of truth: `isnad check --repair --data {}` rebuilds the index from it)",
            dir.display()
        ),
        _ => String::new(),
    };
    anyhow::Error::new(e).context(format!("opening the corpus in {}{hint}", dir.display()))
}

/// For the reading commands: never creates, locks or writes (works during an ingest and on a
/// read-only store); a directory without a corpus is an error naming it.
pub fn open_reader(data: &DataArg) -> Result<Corpus> {
    let dir = data_dir(data)?;
    Corpus::open_reader(&dir).map_err(|e| with_hint(e, &dir))
}

fn print_json(value: &impl serde::Serialize) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

pub fn ingest(args: &IngestArgs) -> Result<bool> {
    if let Some(url) = team::team_db(&args.data) {
        return team::ingest(url, args);
    }
    let kb = crate::cmd::kb::load(None)?;
    let models = match &args.models {
        Some(dir) => Models::from_dir(dir).context("loading --models")?,
        None => Models::default(),
    };
    let analyzer = models.builder().kb(&kb).build();
    let mut corpus = open(&args.data)?;
    let options = IngestOptions {
        batch: args.batch,
        progress: std::io::stderr().is_terminal(),
        stories: !args.no_stories,
        // For supervisors and the crash test: which documents are acknowledged.
        log_commits: std::env::var_os("ISNAD_INGEST_LOG").is_some(),
        // Relative dates in a document without its own date resolve against today.
        ingest_date: Some(isnad_corpus::ingest_day(std::time::SystemTime::now())),
        limits: isnad_ingest::Limits {
            max_record_bytes: args.max_record_mb << 20,
            max_json_bytes: args.max_json_mb << 20,
            max_html_depth: args.max_html_depth,
        },
    };
    let mut on_event = |event: IngestEvent<'_>| match event {
        IngestEvent::Skipped(e) => eprintln!("isnad: skipped {e}"),
        IngestEvent::FileFailed(e) => eprintln!("isnad: skipped {e}"),
        IngestEvent::Committed(_) => {}
    };
    let summary = corpus.ingest(&args.paths, &analyzer, &options, &mut on_event)?;
    match args.format {
        CorpusFormat::Json => print_json(&summary)?,
        CorpusFormat::Pretty => {
            let rate = summary.words as f64 / summary.seconds.max(1e-9);
            println!(
                "{} files: {} ingested, {} updated, {} unchanged, {} skipped ({} words in {:.1} s, {:.0} words/s)",
                summary.files,
                summary.ingested,
                summary.updated,
                summary.unchanged,
                summary.skipped,
                summary.words,
                summary.seconds,
                rate
            );
        }
    }
    Ok(summary.skipped == 0)
}

pub fn search(args: &SearchArgs) -> Result<bool> {
    let query = SearchQuery {
        text: args.query.clone(),
        entity: args.entity.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        limit: usize::try_from(args.limit).unwrap_or(usize::MAX),
    };
    let hits = match team::team_db(&args.data) {
        Some(url) => team::search(url, &query)?,
        None => open_reader(&args.data)?.search(&query)?,
    };
    match args.format {
        CorpusFormat::Json => {
            print_json(&serde_json::json!({ "query": args.query, "hits": hits }))?
        }
        CorpusFormat::Pretty => {
            let color = std::io::stdout().is_terminal();
            let mut out = std::io::stdout().lock();
            if hits.is_empty() {
                writeln!(out, "no documents match")?;
            }
            for hit in &hits {
                writeln!(
                    out,
                    "{}  {}  {}  {}  (score {:.2})",
                    hit.id,
                    hit.date.as_deref().unwrap_or("----------"),
                    hit.outlet.as_deref().unwrap_or("-"),
                    hit.title.as_deref().unwrap_or(""),
                    hit.score
                )?;
                writeln!(
                    out,
                    "    {}\n",
                    highlight(&hit.fragment, &hit.highlights, color)
                )?;
            }
        }
    }
    Ok(true)
}

/// Marks matches with ANSI bold on a terminal, «…» brackets otherwise.
fn highlight(fragment: &str, ranges: &[(usize, usize)], color: bool) -> String {
    let (open, close) = if color {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let mut out = String::with_capacity(fragment.len() + ranges.len() * 8);
    let mut at = 0;
    for &(start, end) in ranges {
        let (Some(before), Some(word)) = (fragment.get(at..start), fragment.get(start..end)) else {
            continue;
        };
        out.push_str(before);
        out.push_str(open);
        out.push_str(word);
        out.push_str(close);
        at = end;
    }
    out.push_str(fragment.get(at..).unwrap_or(""));
    out.replace('\n', " ")
}

pub fn entity(args: &EntityArgs) -> Result<bool> {
    let report = match team::team_db(&args.data) {
        Some(url) => team::entity(url, &args.name)?,
        // The embedded store: with the curation decisions made in `isnad serve` applied.
        None => {
            let dir = data_dir(&args.data)?;
            isnad_serve::cli::curated_entity(&open_reader(&args.data)?, &dir, &args.name)
                .map_err(|e| anyhow::anyhow!("{}", e.message))?
        }
    };
    let Some(report) = report else {
        eprintln!("isnad: no entity named {:?} in the corpus", args.name);
        return Ok(false);
    };
    match args.format {
        CorpusFormat::Json => print_json(&report)?,
        CorpusFormat::Pretty => {
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "{} / {}  [{}{}]",
                report.name,
                report.name_en,
                report.kind,
                report
                    .kb_id
                    .as_deref()
                    .map(|k| format!(", kb {k}"))
                    .unwrap_or_default()
            )?;
            writeln!(
                out,
                "{} documents, {} to {}",
                report.documents,
                report.first_seen.as_deref().unwrap_or("?"),
                report.last_seen.as_deref().unwrap_or("?")
            )?;
            let aliases: Vec<String> = report
                .aliases
                .iter()
                .map(|(a, n)| format!("{a} ({n})"))
                .collect();
            writeln!(out, "aliases: {}", aliases.join(", "))?;
            writeln!(out, "\nrelations:")?;
            for r in &report.relations {
                let c = r.corroboration.as_ref();
                writeln!(
                    out,
                    "  {}{} {} {}  — {} docs, {} outlets, {} independent{}",
                    if r.negated { "NOT " } else { "" },
                    r.subject,
                    r.kind,
                    r.object,
                    r.count,
                    c.map_or(0, |c| c.outlets),
                    c.map_or(0, |c| c.independent_sources),
                    if c.is_some_and(|c| c.circular) {
                        ", CIRCULAR"
                    } else {
                        ""
                    }
                )?;
                for (doc, text) in &r.evidence {
                    writeln!(out, "      [{doc}] {}", text.replace('\n', " "))?;
                }
            }
            writeln!(out, "\nquotes:")?;
            for q in &report.quotes {
                let via = if q.via.is_empty() {
                    String::new()
                } else {
                    format!(" via {}", q.via.join(" ← "))
                };
                let c = q.corroboration.as_ref();
                writeln!(
                    out,
                    "  [{} {} {}] {} «{}»{via}  ({} outlets, {} independent)",
                    q.doc_id,
                    q.date.as_deref().unwrap_or("?"),
                    q.outlet.as_deref().unwrap_or("-"),
                    q.cue,
                    q.text.replace('\n', " "),
                    c.map_or(1, |c| c.outlets),
                    c.map_or(1, |c| c.independent_sources)
                )?;
            }
        }
    }
    Ok(true)
}

pub fn stories(args: &StoriesArgs) -> Result<bool> {
    let stories = match team::team_db(&args.data) {
        Some(url) => team::stories(url, args.rebuild)?,
        None if args.rebuild => {
            let mut corpus = open(&args.data)?;
            corpus.recompute_stories()?;
            corpus.stories()?
        }
        None => open_reader(&args.data)?.stories()?,
    };
    match args.format {
        CorpusFormat::Json => print_json(&serde_json::json!({ "stories": stories }))?,
        CorpusFormat::Pretty => {
            let mut out = std::io::stdout().lock();
            for s in stories.iter().filter(|s| s.doc_ids.len() >= args.min_docs) {
                writeln!(
                    out,
                    "{}  ({} documents)  {}",
                    s.id,
                    s.doc_ids.len(),
                    s.title
                )?;
                writeln!(out, "    {}", s.doc_ids.join(" "))?;
            }
        }
    }
    Ok(true)
}

pub fn stats(args: &StatsArgs) -> Result<bool> {
    let (stats, problems, queue) = match team::team_db(&args.data) {
        Some(url) => {
            let (stats, queue) = team::stats(url, args)?;
            (stats, Vec::new(), Some(queue))
        }
        None => {
            let corpus = open_reader(&args.data)?;
            let problems = if args.check {
                corpus.check()?
            } else {
                Vec::new()
            };
            (corpus.stats()?, problems, None)
        }
    };
    match args.format {
        CorpusFormat::Json => {
            let mut value = serde_json::to_value(&stats)?;
            if args.check {
                value["problems"] = serde_json::json!(problems);
            }
            if let Some(queue) = &queue {
                value["queue"] = serde_json::to_value(queue)?;
            }
            print_json(&value)?
        }
        CorpusFormat::Pretty => {
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "documents   {} ({} indexed, {} words)",
                stats.documents, stats.indexed, stats.words
            )?;
            writeln!(out, "outlets     {}", stats.outlets)?;
            writeln!(
                out,
                "dates       {} to {}",
                stats.first_date.as_deref().unwrap_or("?"),
                stats.last_date.as_deref().unwrap_or("?")
            )?;
            writeln!(out, "entities    {}", stats.entities)?;
            writeln!(out, "relations   {}", stats.relations)?;
            writeln!(out, "quotes      {}", stats.quotes)?;
            writeln!(
                out,
                "stories     {} ({} with several documents)",
                stats.stories, stats.multi_document_stories
            )?;
            writeln!(out, "circular    {} claims", stats.circular_claims)?;
            writeln!(out, "store       {:.1} MB", stats.store_bytes as f64 / 1e6)?;
            writeln!(out, "index       {:.1} MB", stats.index_bytes as f64 / 1e6)?;
            for p in &problems {
                writeln!(out, "PROBLEM     {p}")?;
            }
            if let Some(queue) = &queue {
                team::print_queue(&mut out, queue)?;
            }
        }
    }
    Ok(problems.is_empty())
}
