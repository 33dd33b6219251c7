//! Team mode: `db migrate`, `worker`, and the PostgreSQL side of `ingest`, `search`,
//! `entity`, `stories` and `stats` (`--db` or `$ISNAD_DB`). Flags here, logic in `isnad-pg`.

use crate::cli::{DataArg, DbCommand, IngestArgs, StatsArgs, WorkerArgs};
use anyhow::{bail, Context, Result};
use isnad_corpus::{CorpusStore, Hit, SearchQuery, Stats};
use isnad_pg::{PgStore, QueueProgress, Worker, WorkerOptions};
use std::cell::Cell;
use std::io::IsTerminal;

pub fn connect(url: &str, connections: u32) -> Result<PgStore> {
    PgStore::connect(url, connections).context("connecting to the team database (--db)")
}

/// The team database of a corpus command, unless `--data` chose the embedded store.
pub fn team_db(data: &DataArg) -> Option<&str> {
    data.data.is_none().then_some(data.db.as_deref()).flatten()
}

pub fn db(cmd: &DbCommand) -> Result<bool> {
    match cmd {
        DbCommand::Migrate(args) => {
            let store = connect(&args.db, 1)?;
            let applied = store.migrate()?;
            if applied.is_empty() {
                println!("schema version {}: up to date", store.schema_version()?);
            } else {
                println!(
                    "applied migrations {applied:?}: schema version {}",
                    store.schema_version()?
                );
            }
            Ok(true)
        }
    }
}

pub fn worker(args: &WorkerArgs) -> Result<bool> {
    let kb = crate::cmd::kb::load(None)?;
    let models = match &args.models {
        Some(dir) => isnad_analysis::Models::from_dir(dir).context("loading --models")?,
        None => isnad_analysis::Models::default(),
    };
    let analyzer = models.builder().kb(&kb).build();
    let store = connect(&args.db.db, args.concurrency + 1)?;
    let options = WorkerOptions {
        concurrency: args.concurrency as usize,
        batch: args.batch,
        lease: std::time::Duration::from_secs_f64(args.lease_secs.max(0.1)),
        max_attempts: args.max_attempts,
        until_empty: args.exit_when_empty,
        // For supervisors and the crash test: which documents are stored.
        log: std::env::var_os("ISNAD_WORKER_LOG").is_some(),
        stories: !args.no_stories,
        ..WorkerOptions::default()
    };
    let started = std::time::Instant::now();
    let summary = Worker::new(&store, &analyzer, options).run()?;
    eprintln!(
        "isnad worker: {} stored, {} unchanged, {} failed attempts, {} leases lost, in {:.1} s",
        summary.stored,
        summary.unchanged,
        summary.errors,
        summary.lost,
        started.elapsed().as_secs_f64()
    );
    Ok(true)
}

/// `ingest --db`: parse the inputs and queue them; with `--wait`, follow the workers.
pub fn ingest(url: &str, args: &IngestArgs) -> Result<bool> {
    let store = connect(url, 1)?;
    let discovery = isnad_ingest::discover(&args.paths);
    let skipped = Cell::new(discovery.problems.len());
    for problem in &discovery.problems {
        eprintln!("isnad: skipped {problem}");
    }
    let options = isnad_ingest::ReadOptions {
        name: None,
        limits: isnad_ingest::Limits {
            max_record_bytes: args.max_record_mb << 20,
            max_json_bytes: args.max_json_mb << 20,
            max_html_depth: args.max_html_depth,
        },
    };
    let docs = discovery.files.iter().flat_map(|file| {
        let read = isnad_ingest::ReadOptions {
            name: Some(file.name.clone()),
            ..options.clone()
        };
        let reader = isnad_ingest::read_file_with(&file.path, &read)
            .map_err(|e| {
                skipped.set(skipped.get() + 1);
                eprintln!("isnad: skipped {e}");
            })
            .ok();
        reader.into_iter().flatten().filter_map(|record| {
            record
                .map_err(|e| {
                    skipped.set(skipped.get() + 1);
                    eprintln!("isnad: skipped {e}");
                })
                .ok()
        })
    });
    let today = isnad_corpus::ingest_day(std::time::SystemTime::now());
    let enqueued = store.enqueue(docs, Some(&today))?;
    println!(
        "{} files: {} queued, {} already known, {} skipped",
        discovery.files.len(),
        enqueued.queued,
        enqueued.known,
        skipped.get()
    );
    if args.wait {
        let progress = wait(&store)?;
        println!(
            "{} done, {} failed (isnad stats --db lists them)",
            progress.done, progress.failed
        );
        if !args.no_stories {
            // As the embedded ingest ends: the stories hold every document (waiting for a
            // grouping a worker may be running).
            let grouped = store.group_stories(false)?;
            println!(
                "stories: {} documents placed{}",
                grouped.placed,
                if grouped.rebuilt { " (regrouped)" } else { "" }
            );
        }
    }
    Ok(skipped.get() == 0)
}

/// Follows the queue until nothing is queued or running, with a progress bar on a terminal.
fn wait(store: &PgStore) -> Result<QueueProgress> {
    let bar = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(0)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let style = indicatif::ProgressStyle::with_template(
        "{bar:30} {pos}/{len} documents  {per_sec}  eta {eta}  {msg}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    loop {
        let p = store.progress()?;
        bar.set_length((p.queued + p.running + p.done + p.failed) as u64);
        bar.set_position((p.done + p.failed) as u64);
        bar.set_message(format!(
            "{} queued, {} running, {} failed",
            p.queued, p.running, p.failed
        ));
        if p.pending() == 0 {
            bar.finish_and_clear();
            return Ok(p);
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
}

pub fn entity(url: &str, name: &str) -> Result<Option<isnad_corpus::EntityReport>> {
    Ok(connect(url, 1)?.entity_report(name)?)
}

/// `stories --db`: places what the workers stored since the last grouping (all documents
/// again with `rebuild`), then lists. A role that may only read still lists what is grouped.
pub fn stories(url: &str, rebuild: bool) -> Result<Vec<isnad_corpus::StoryRow>> {
    let store = connect(url, 1)?;
    match store.group_stories(rebuild) {
        Ok(_) => {}
        Err(e) if !rebuild => eprintln!("isnad: stories not brought up to date: {e}"),
        Err(e) => return Err(e).context("regrouping the stories"),
    }
    Ok(CorpusStore::stories(&store)?)
}

pub fn search(url: &str, query: &SearchQuery) -> Result<Vec<Hit>> {
    Ok(connect(url, 1)?.search(query)?)
}

/// `stats --db`: the corpus overview and the queue.
pub fn stats(url: &str, args: &StatsArgs) -> Result<(Stats, QueueProgress)> {
    if args.check {
        bail!("--check is for the embedded store: PostgreSQL keeps its index in step itself");
    }
    let store = connect(url, 1)?;
    Ok((store.overview()?, store.progress()?))
}

/// The queue's lines of `stats --db`.
pub fn print_queue(out: &mut impl std::io::Write, p: &QueueProgress) -> Result<()> {
    writeln!(
        out,
        "queue       {} queued, {} running, {} done, {} failed",
        p.queued, p.running, p.done, p.failed
    )?;
    for f in &p.failures {
        let error = f.error.replace('\n', " ");
        writeln!(
            out,
            "FAILED      {} after {} attempts: {error}",
            f.doc_id, f.attempts
        )?;
    }
    Ok(())
}
