//! The stateless worker: claim, analyze, store, repeat. It needs nothing but the database.
//!
//! Each of `concurrency` threads holds one connection and loops: give up on exhausted jobs,
//! claim a few, analyze each, and write each document with its rows and its job's `done` in
//! one transaction. A worker killed at any point leaves its jobs `running` with a lease that
//! expires; the next claim takes them again, and the upsert by id and content hash makes the
//! second write the only one that counts (or a no-op when the first had committed).

use crate::error::Result;
use crate::queue::{claim, fail_exhausted, finish, give_back, Job};
use crate::write::write_doc;
use crate::PgStore;
use isnad_analysis::{Analysis, Analyzer, DocMeta, Options};
use isnad_corpus::Put;
use serde::Serialize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// How a worker runs.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// Threads, each analyzing one document at a time on its own connection.
    pub concurrency: usize,
    /// Jobs claimed at once by a thread.
    pub batch: i64,
    /// How long a claim holds: past it, another worker may take the job over. Longer than
    /// the slowest batch's analysis.
    pub lease: Duration,
    /// Claims of one job before it is `failed` (a poison document never blocks the queue).
    pub max_attempts: i32,
    /// Wait between polls of an empty queue.
    pub poll: Duration,
    /// Stop when no job is queued or running (else wait for new jobs forever).
    pub until_empty: bool,
    /// Print `isnad worker: stored ID` on standard error after each commit (for supervisors
    /// and the crash test).
    pub log: bool,
    /// Group the new documents into stories when the queue runs dry (one thread, under the
    /// stories lock; before exiting with [`WorkerOptions::until_empty`], waiting for it).
    pub stories: bool,
}

impl Default for WorkerOptions {
    fn default() -> Self {
        WorkerOptions {
            concurrency: 1,
            batch: 4,
            lease: Duration::from_secs(300),
            max_attempts: 3,
            poll: Duration::from_millis(500),
            until_empty: true,
            log: false,
            stories: true,
        }
    }
}

/// What a worker did.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct WorkerSummary {
    /// Documents stored (new or replaced).
    pub stored: usize,
    /// Jobs whose document was already stored with the same content.
    pub unchanged: usize,
    /// Failed attempts (the job is queued again, or failed after the last one).
    pub errors: usize,
    /// Jobs whose lease another worker took over before this one finished (its write was
    /// rolled back; the other's stands).
    pub lost: usize,
}

#[derive(Default)]
struct Counters {
    stored: AtomicUsize,
    unchanged: AtomicUsize,
    errors: AtomicUsize,
    lost: AtomicUsize,
}

/// A worker over one store with one analyzer.
pub struct Worker<'a> {
    store: &'a PgStore,
    analyzer: &'a Analyzer<'a>,
    options: WorkerOptions,
    owner: String,
}

impl<'a> Worker<'a> {
    /// A worker; its lease owner name is unique to this process and start.
    pub fn new(store: &'a PgStore, analyzer: &'a Analyzer<'a>, options: WorkerOptions) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let owner = format!("{}-{nanos:x}", std::process::id());
        Worker {
            store,
            analyzer,
            options,
            owner,
        }
    }

    /// Runs the threads until the queue is empty ([`WorkerOptions::until_empty`]) or forever.
    ///
    /// # Errors
    /// The database failing (a job's own failure is recorded on the job, not returned).
    pub fn run(&self) -> Result<WorkerSummary> {
        let counters = Counters::default();
        let threads = self.options.concurrency.max(1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|i| {
                    let counters = &counters;
                    scope.spawn(move || self.thread(i, &format!("{}-{i}", self.owner), counters))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(crate::PgError::Query("worker panicked".into())))
                })
                .collect::<Result<Vec<()>>>()
        })?;
        if self.options.until_empty && self.options.stories {
            // The queue is empty: whatever this worker (or another) stored is placed now.
            self.store.group_stories(false)?;
        }
        Ok(WorkerSummary {
            stored: counters.stored.into_inner(),
            unchanged: counters.unchanged.into_inner(),
            errors: counters.errors.into_inner(),
            lost: counters.lost.into_inner(),
        })
    }

    /// [`Worker::run`] until no job is queued or running.
    pub fn run_until_empty(mut self) -> Result<WorkerSummary> {
        self.options.until_empty = true;
        self.run()
    }

    fn thread(&self, thread: usize, owner: &str, counters: &Counters) -> Result<()> {
        let o = &self.options;
        let mut conn = self.store.checked()?;
        loop {
            fail_exhausted(&mut conn, o.max_attempts)?;
            let jobs = claim(&mut conn, owner, o.batch.max(1), o.lease.as_secs_f64())?;
            if jobs.is_empty() {
                if o.until_empty && pending(&mut conn)? == 0 {
                    return Ok(());
                }
                if thread == 0 && o.stories && !o.until_empty {
                    self.idle_stories();
                }
                std::thread::sleep(o.poll);
                continue;
            }
            for job in jobs {
                self.one(&mut conn, owner, job, counters)?;
            }
        }
    }

    /// Places the documents stored since the last grouping, unless another process is
    /// grouping (it, or the next idle poll, places them). A failure is reported and the
    /// worker goes on: documents are safe, stories catch up at the next poll.
    fn idle_stories(&self) {
        match self.store.try_group_stories() {
            Ok(Some(g)) if self.options.log && g.placed > 0 => {
                eprintln!("isnad worker: grouped {} documents into stories", g.placed);
            }
            Ok(_) => {}
            Err(e) => eprintln!("isnad worker: story grouping failed (retried when idle): {e}"),
        }
    }

    /// Analyzes and stores one job, or records why it failed.
    fn one(
        &self,
        conn: &mut postgres::Client,
        owner: &str,
        job: Job,
        counters: &Counters,
    ) -> Result<()> {
        let outcome = job
            .payload
            .as_ref()
            .map_err(Clone::clone)
            .and_then(|p| analyze(self.analyzer, p).map(|a| (p, a)))
            .and_then(|(p, analysis)| {
                store(conn, &job, owner, &p.raw, &analysis).map_err(|e| e.to_string())
            });
        match outcome {
            Ok(Some(put)) => {
                let counter = if put == Put::Unchanged {
                    &counters.unchanged
                } else {
                    &counters.stored
                };
                counter.fetch_add(1, Ordering::Relaxed);
                if self.options.log {
                    let id = job.payload.as_ref().map_or("?", |p| p.raw.id.as_str());
                    eprintln!("isnad worker: stored {id}");
                }
            }
            Ok(None) => {
                counters.lost.fetch_add(1, Ordering::Relaxed);
            }
            Err(error) => {
                counters.errors.fetch_add(1, Ordering::Relaxed);
                give_back(conn, job.id, owner, &error, self.options.max_attempts)?;
            }
        }
        Ok(())
    }
}

/// The analysis of a queued document; a panic in the pipeline is this job's error, not the
/// worker's end.
fn analyze(
    analyzer: &Analyzer<'_>,
    p: &crate::queue::Payload,
) -> std::result::Result<Analysis, String> {
    let meta = DocMeta {
        id: p.raw.id.clone(),
        source: p.raw.origin.file.display().to_string(),
        published: p.raw.published.clone().or_else(|| p.ingest_date.clone()),
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        analyzer.analyze(&p.raw.text, meta, &Options { tokens: false })
    }))
    .map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("analysis panicked: {what}")
    })
}

/// Writes the document and marks its job done in one transaction; `None` when the lease was
/// lost (everything rolled back).
fn store(
    conn: &mut postgres::Client,
    job: &Job,
    owner: &str,
    raw: &isnad_ingest::RawDoc,
    analysis: &Analysis,
) -> Result<Option<Put>> {
    let mut tx = conn.transaction()?;
    let put = write_doc(&mut tx, raw, analysis, &job.hash)?;
    if !finish(&mut tx, job.id, owner)? {
        tx.rollback()?;
        return Ok(None);
    }
    tx.commit()?;
    Ok(Some(put))
}

fn pending(conn: &mut postgres::Client) -> Result<i64> {
    Ok(conn
        .query_one(
            "SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running')",
            &[],
        )?
        .get(0))
}
