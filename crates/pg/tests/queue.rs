//! The work queue against a real PostgreSQL (`$ISNAD_TEST_PG`; skipped without it outside
//! CI): two workers at once, an expired lease taken over, a poison document.
//! The SIGKILL test of worker processes is the binary's (`tests/team.rs`).

use isnad_analysis::Analyzer;
use isnad_corpus::CorpusStore;
use isnad_ingest::RawDoc;
use isnad_pg::{PgStore, Worker, WorkerOptions};
use std::time::Duration;

fn store(schema: &str) -> Option<(PgStore, postgres::Client)> {
    let url = isnad_testkit::pg_url()?;
    let url = isnad_pg::testing::fresh_schema(&url, schema);
    let store = PgStore::connect(&url, 8).unwrap();
    store.migrate().unwrap();
    let client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    Some((store, client))
}

fn news(n: usize) -> Vec<RawDoc> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.jsonl");
    std::fs::write(&path, isnad_testkit::invented_news_jsonl(n)).unwrap();
    isnad_ingest::read_file(&path)
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

fn count(client: &mut postgres::Client, sql: &str) -> i64 {
    client.query_one(sql, &[]).unwrap().get(0)
}

/// Every document once, every job done, no extracted row twice.
fn assert_exactly_once(client: &mut postgres::Client, n: i64) {
    assert_eq!(count(client, "SELECT COUNT(*) FROM documents"), n);
    assert_eq!(count(client, "SELECT COUNT(DISTINCT id) FROM documents"), n);
    assert_eq!(
        count(client, "SELECT COUNT(*) FROM jobs WHERE state = 'done'"),
        n
    );
    let twice = count(
        client,
        "SELECT COUNT(*) FROM (SELECT doc, entity, start_at, end_at FROM mentions
         GROUP BY 1, 2, 3, 4 HAVING COUNT(*) > 1) AS d",
    );
    assert_eq!(twice, 0, "a mention stored twice");
    let twice = count(
        client,
        "SELECT COUNT(*) FROM (SELECT doc, start_at FROM quotes GROUP BY 1, 2
         HAVING COUNT(*) > 1) AS d",
    );
    assert_eq!(twice, 0, "a quote stored twice");
}

#[test]
fn two_workers_share_one_queue_and_store_each_document_once() {
    let Some((store, mut client)) = store("isnad_two_workers") else {
        return;
    };
    let docs = news(40);
    let first = store.enqueue(docs.clone(), None).unwrap();
    assert_eq!((first.queued, first.known), (40, 0));
    let again = store.enqueue(docs, None).unwrap();
    assert_eq!(
        (again.queued, again.known),
        (0, 40),
        "enqueued twice: one job"
    );
    let analyzer = Analyzer::new();
    let options = WorkerOptions {
        batch: 3,
        poll: Duration::from_millis(50),
        ..WorkerOptions::default()
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| Worker::new(&store, &analyzer, options.clone()).run_until_empty());
        let b = s.spawn(|| Worker::new(&store, &analyzer, options.clone()).run_until_empty());
        (a.join().unwrap().unwrap(), b.join().unwrap().unwrap())
    });
    assert_eq!(a.stored + b.stored, 40);
    assert!(a.stored > 0 && b.stored > 0, "both worked: {a:?} {b:?}");
    assert_exactly_once(&mut client, 40);
    let stats = store.overview().unwrap();
    assert_eq!(stats.documents, 40);
    assert!(stats.entities > 0, "{stats:?}");
    let progress = store.progress().unwrap();
    assert_eq!((progress.done, progress.pending()), (40, 0));
}

#[test]
fn an_expired_lease_is_taken_over_and_a_late_writer_is_fenced_off() {
    let Some((store, mut client)) = store("isnad_lease") else {
        return;
    };
    store.enqueue(news(6), None).unwrap();
    // A worker that died holding three jobs: running, lease long expired.
    client
        .execute(
            "UPDATE jobs SET state = 'running', attempts = 1, lease_owner = 'dead',
                 lease_until = now() - interval '1 minute'
             WHERE id IN (SELECT id FROM jobs ORDER BY id LIMIT 3)",
            &[],
        )
        .unwrap();
    let analyzer = Analyzer::new();
    let summary = Worker::new(&store, &analyzer, WorkerOptions::default())
        .run_until_empty()
        .unwrap();
    assert_eq!(summary.stored, 6);
    assert_exactly_once(&mut client, 6);
    assert_eq!(
        count(&mut client, "SELECT MAX(attempts)::bigint FROM jobs"),
        2,
        "the dead worker's jobs were claimed a second time"
    );
}

#[test]
fn a_poison_document_fails_with_its_error_and_never_blocks_the_queue() {
    let Some((store, mut client)) = store("isnad_poison") else {
        return;
    };
    let mut docs = news(5);
    // PostgreSQL's TEXT cannot hold U+0000: this document can never be stored.
    docs[2].text.push_str("\u{0}بقية");
    store.enqueue(docs, None).unwrap();
    let analyzer = Analyzer::new();
    let options = WorkerOptions {
        max_attempts: 2,
        ..WorkerOptions::default()
    };
    let summary = Worker::new(&store, &analyzer, options.clone())
        .run_until_empty()
        .unwrap();
    assert_eq!((summary.stored, summary.errors), (4, 2), "{summary:?}");
    let progress = store.progress().unwrap();
    assert_eq!(
        (progress.done, progress.failed, progress.pending()),
        (4, 1, 0)
    );
    let failed = &progress.failures[0];
    assert_eq!((failed.doc_id.as_str(), failed.attempts), ("n2", 2));
    assert!(failed.error.starts_with("PostgreSQL: "), "{}", failed.error);
    assert!(
        failed.error.len() > "PostgreSQL: db error".len(),
        "{}",
        failed.error
    );
    assert_eq!(count(&mut client, "SELECT COUNT(*) FROM documents"), 4);
    // A second worker run does not touch it again.
    let summary = Worker::new(&store, &analyzer, options)
        .run_until_empty()
        .unwrap();
    assert_eq!(summary.errors, 0);
}
