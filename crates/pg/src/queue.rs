//! The work queue: a `jobs` table in the store's own database.
//!
//! A job is one parsed document. Claiming takes queued jobs, and running jobs whose lease has
//! expired (their worker died), with `FOR UPDATE SKIP LOCKED`, so concurrent workers never
//! wait on or take each other's rows. The claim sets the lease owner; finishing a job is
//! fenced by it (only the lease owner can mark it done), inside the transaction that writes
//! the document, so a document's rows and its job's `done` commit together or not at all.

use crate::error::Result;
use crate::PgStore;
use isnad_ingest::RawDoc;
use serde::{Deserialize, Serialize};

/// A queued document: the parsed input and the day relative dates resolve against.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Payload {
    pub raw: RawDoc,
    pub ingest_date: Option<String>,
}

/// A claimed job.
#[derive(Debug)]
pub(crate) struct Job {
    pub id: i64,
    pub hash: String,
    pub payload: std::result::Result<Payload, String>,
}

/// What an enqueue did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Enqueued {
    /// New jobs.
    pub queued: usize,
    /// Documents already queued or done with the same content (nothing added).
    pub known: usize,
}

/// One failed job, as `isnad stats --db` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct FailedJob {
    /// Document id.
    pub doc_id: String,
    /// Attempts made.
    pub attempts: i32,
    /// The last error.
    pub error: String,
}

/// The state of the queue.
#[derive(Debug, Clone, Default, Serialize)]
pub struct QueueProgress {
    /// Waiting for a worker.
    pub queued: i64,
    /// Claimed by a worker (lease running or expired).
    pub running: i64,
    /// Stored.
    pub done: i64,
    /// Given up after the maximum attempts.
    pub failed: i64,
    /// The failed jobs (at most 100), most recent first.
    pub failures: Vec<FailedJob>,
}

impl QueueProgress {
    /// Jobs that will still be worked on.
    pub fn pending(&self) -> i64 {
        self.queued + self.running
    }
}

/// Rows per enqueue statement.
const ENQUEUE_CHUNK: usize = 500;

impl PgStore {
    /// Queues documents for the workers, one job per (id, content hash): a document already
    /// queued or stored unchanged is counted as known and not queued again. `ingest_date` is
    /// the day relative dates resolve against in documents without their own date.
    pub fn enqueue(
        &self,
        docs: impl IntoIterator<Item = RawDoc>,
        ingest_date: Option<&str>,
    ) -> Result<Enqueued> {
        let mut conn = self.checked()?;
        let mut summary = Enqueued::default();
        let mut ids = Vec::new();
        let mut hashes = Vec::new();
        let mut raws: Vec<Vec<u8>> = Vec::new();
        let mut flush = |ids: &mut Vec<String>,
                         hashes: &mut Vec<String>,
                         raws: &mut Vec<Vec<u8>>|
         -> Result<()> {
            if ids.is_empty() {
                return Ok(());
            }
            let n = conn.execute(
                "INSERT INTO jobs(doc_id, hash, raw)
                 SELECT * FROM UNNEST($1::text[], $2::text[], $3::bytea[])
                 ON CONFLICT (doc_id, hash) DO NOTHING",
                &[&*ids, &*hashes, &*raws],
            )? as usize;
            summary.queued += n;
            summary.known += ids.len() - n;
            ids.clear();
            hashes.clear();
            raws.clear();
            Ok(())
        };
        for raw in docs {
            hashes.push(isnad_corpus::content_hash(&raw));
            ids.push(raw.id.clone());
            let payload = Payload {
                raw,
                ingest_date: ingest_date.map(str::to_string),
            };
            raws.push(serde_json::to_vec(&payload)?);
            if ids.len() >= ENQUEUE_CHUNK {
                flush(&mut ids, &mut hashes, &mut raws)?;
            }
        }
        flush(&mut ids, &mut hashes, &mut raws)?;
        Ok(summary)
    }

    /// The queue's counts by state, and the failed jobs.
    pub fn progress(&self) -> Result<QueueProgress> {
        let mut conn = self.checked()?;
        let mut p = QueueProgress::default();
        for row in conn.query("SELECT state, COUNT(*) FROM jobs GROUP BY state", &[])? {
            let n: i64 = row.get(1);
            match row.get::<_, &str>(0) {
                "queued" => p.queued = n,
                "running" => p.running = n,
                "done" => p.done = n,
                _ => p.failed = n,
            }
        }
        p.failures = conn
            .query(
                "SELECT doc_id, attempts, COALESCE(error, '') FROM jobs WHERE state = 'failed'
                 ORDER BY done_at DESC NULLS LAST, id DESC LIMIT 100",
                &[],
            )?
            .iter()
            .map(|r| FailedJob {
                doc_id: r.get(0),
                attempts: r.get(1),
                error: r.get(2),
            })
            .collect();
        Ok(p)
    }
}

/// Gives up on jobs whose lease expired after `max_attempts` claims (their worker died on
/// them each time, e.g. killed for memory): they are `failed`, never claimed again.
pub(crate) fn fail_exhausted(conn: &mut postgres::Client, max_attempts: i32) -> Result<u64> {
    Ok(conn.execute(
        "UPDATE jobs SET state = 'failed', done_at = now(), lease_owner = NULL,
             error = COALESCE(error || '; ', '') || 'its worker stopped before finishing it ' || attempts || ' times'
         WHERE state = 'running' AND lease_until < now() AND attempts >= $1",
        &[&max_attempts],
    )?)
}

/// Claims up to `n` jobs for `owner` for `lease_secs` seconds: queued ones, and running ones
/// whose lease expired, oldest first.
pub(crate) fn claim(
    conn: &mut postgres::Client,
    owner: &str,
    n: i64,
    lease_secs: f64,
) -> Result<Vec<Job>> {
    let rows = conn.query(
        "UPDATE jobs SET state = 'running', lease_owner = $1, attempts = attempts + 1,
             lease_until = now() + make_interval(secs => $2)
         WHERE id IN (SELECT id FROM jobs
             WHERE state = 'queued' OR (state = 'running' AND lease_until < now())
             ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING id, hash, raw",
        &[&owner, &lease_secs, &n],
    )?;
    let mut jobs: Vec<Job> = rows
        .iter()
        .map(|r| Job {
            id: r.get(0),
            hash: r.get(1),
            payload: serde_json::from_slice(r.get::<_, &[u8]>(2)).map_err(|e| e.to_string()),
        })
        .collect();
    jobs.sort_by_key(|j| j.id);
    Ok(jobs)
}

/// Marks `job` done if `owner` still holds it (in the caller's transaction); false when the
/// lease was lost to another worker, whose write then stands instead.
pub(crate) fn finish(tx: &mut postgres::Transaction<'_>, job: i64, owner: &str) -> Result<bool> {
    Ok(tx.execute(
        "UPDATE jobs SET state = 'done', done_at = now(), lease_owner = NULL, lease_until = NULL,
             error = NULL
         WHERE id = $1 AND lease_owner = $2 AND state = 'running'",
        &[&job, &owner],
    )? == 1)
}

/// Records a failed attempt: back to `queued`, or `failed` after `max_attempts`.
pub(crate) fn give_back(
    conn: &mut postgres::Client,
    job: i64,
    owner: &str,
    error: &str,
    max_attempts: i32,
) -> Result<()> {
    conn.execute(
        "UPDATE jobs SET state = CASE WHEN attempts >= $3 THEN 'failed' ELSE 'queued' END,
             done_at = CASE WHEN attempts >= $3 THEN now() END,
             error = $4, lease_owner = NULL, lease_until = NULL
         WHERE id = $1 AND lease_owner = $2 AND state = 'running'",
        &[&job, &owner, &max_attempts, &error],
    )?;
    Ok(())
}
