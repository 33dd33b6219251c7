//! Team mode through the binary: `db migrate`, `ingest --db` queuing, worker processes killed
//! with SIGKILL mid-batch, two worker processes at once, `stats --db`, `search --db`, and
//! `stories`, `export` and `serve --db` against the embedded store on the same news.
//! Needs `$ISNAD_TEST_PG` (skipped with a message without it, a failure under CI).

use crate::util::{isnad, json, write_file};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const DOCS: usize = 36;

/// A migrated schema of its own and a queue of invented news; `None` when skipped.
fn queued(schema: &str, dir: &std::path::Path) -> Option<String> {
    let url = isnad_testkit::pg_url()?;
    let url = isnad_pg::testing::fresh_schema(&url, schema);
    let out = isnad(&["db", "migrate", "--db", &url], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let news = write_file(
        dir,
        "news.jsonl",
        isnad_testkit::invented_news_jsonl(DOCS).as_bytes(),
    );
    let out = isnad(&["ingest", "--db", &url, news.to_str()?], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains(&format!("{DOCS} queued")), "{said}");
    Some(url)
}

fn worker(url: &str, extra: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(["worker", "--db", url, "--exit-when-empty", "--batch", "4"])
        .args(extra)
        .env("ISNAD_WORKER_LOG", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the worker starts")
}

/// `stats --db` as JSON.
fn stats(url: &str) -> serde_json::Value {
    let out = isnad(&["stats", "--db", url, "--format", "json"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)
}

/// The same news ingested by the embedded store: the counts team mode must reach exactly.
fn embedded_counts(dir: &std::path::Path) -> serde_json::Value {
    let data = dir.join("embedded");
    let news = dir.join("news.jsonl");
    let data = data.to_str().expect("utf-8 path");
    let out = isnad(
        &[
            "ingest",
            "--data",
            data,
            news.to_str().expect("utf-8 path"),
            "--no-stories",
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = isnad(&["stats", "--data", data, "--format", "json"], None);
    json(&out)
}

fn assert_same_corpus(team: &serde_json::Value, embedded: &serde_json::Value) {
    for key in ["documents", "words", "entities", "relations", "quotes"] {
        assert_eq!(
            team[key], embedded[key],
            "{key}: team {team} embedded {embedded}"
        );
    }
    assert_eq!(team["queue"]["done"], DOCS);
    assert_eq!(team["queue"]["queued"], 0);
    assert_eq!(team["queue"]["running"], 0);
}

#[test]
fn a_worker_killed_mid_batch_loses_and_duplicates_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let Some(url) = queued("isnad_sigkill", dir.path()) else {
        return;
    };
    let mut first = worker(&url, &["--lease-secs", "2"]);
    let stderr = first.stderr.take().expect("piped");
    let mut stored = 0;
    for line in BufReader::new(stderr).lines() {
        if line.expect("stderr").starts_with("isnad worker: stored") {
            stored += 1;
            if stored == 5 {
                break;
            }
        }
    }
    first.kill().expect("SIGKILL"); // Child::kill sends SIGKILL on Unix.
    first.wait().expect("reaped");
    assert_eq!(
        stored, 5,
        "the first worker stored some documents before dying"
    );
    let before = stats(&url);
    let done = before["queue"]["done"].as_i64().unwrap_or(-1);
    assert!((5..DOCS as i64).contains(&done), "killed mid-run: {before}");
    // The second run takes the rest, and the dead worker's leased jobs once they expire.
    let out = worker(&url, &[]).wait_with_output().expect("second worker");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_same_corpus(&stats(&url), &embedded_counts(dir.path()));
    let out = isnad(
        &[
            "search",
            "--db",
            &url,
            "السيول",
            "--format",
            "json",
            "--limit",
            "100",
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hits = json(&out)["hits"].as_array().map_or(0, Vec::len);
    let embedded = isnad(
        &[
            "search",
            "--data",
            dir.path().join("embedded").to_str().unwrap_or(""),
            "السيول",
            "--format",
            "json",
            "--limit",
            "100",
        ],
        None,
    );
    assert_eq!(hits, json(&embedded)["hits"].as_array().map_or(0, Vec::len));
    assert!(hits > 0);
}

#[test]
fn two_worker_processes_share_one_queue() {
    let dir = tempfile::tempdir().expect("temp dir");
    let Some(url) = queued("isnad_two_processes", dir.path()) else {
        return;
    };
    let started = Instant::now();
    let a = worker(&url, &[]);
    let b = worker(&url, &[]);
    let (a, b) = (
        a.wait_with_output().expect("worker a"),
        b.wait_with_output().expect("worker b"),
    );
    assert!(started.elapsed() < Duration::from_secs(600));
    let count = |out: &std::process::Output| {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| l.starts_with("isnad worker: stored"))
            .count()
    };
    let (na, nb) = (count(&a), count(&b));
    assert_eq!(na + nb, DOCS);
    assert!(
        na > 0 && nb > 0,
        "both workers stored documents: {na} and {nb}"
    );
    assert_same_corpus(&stats(&url), &embedded_counts(dir.path()));
}

/// `isnad stories|export|serve --db` answer as `--data` does on the same news: the same
/// stories (and `--rebuild` keeps them), the same STIX bundle byte for byte, and the API.
#[test]
fn stories_export_and_serve_read_the_team_store_as_the_embedded_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let Some(url) = queued("isnad_team_reads", dir.path()) else {
        return;
    };
    let out = worker(&url, &[]).wait_with_output().expect("worker");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let data = dir.path().join("embedded");
    let data = data.to_str().expect("utf-8 path");
    let news = dir.path().join("news.jsonl");
    let out = isnad(
        &["ingest", "--data", data, news.to_str().expect("utf-8")],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run = |args: &[&str]| {
        let out = isnad(args, None);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    let stories = |store: &[&str]| {
        let mut args = vec!["stories", "--format", "json"];
        args.extend_from_slice(store);
        json(&run(&args))["stories"].clone()
    };
    let team = stories(&["--db", &url]);
    assert!(team.as_array().is_some_and(|s| !s.is_empty()), "{team}");
    assert_eq!(
        team,
        stories(&["--data", data]),
        "same stories in both stores"
    );
    assert_eq!(
        team,
        stories(&["--db", &url, "--rebuild"]),
        "--rebuild = incremental"
    );
    let team_stats = stats(&url);
    assert_eq!(
        team_stats["stories"].as_u64(),
        team.as_array().map(|s| s.len() as u64)
    );
    let export = |store: &[&str]| {
        let mut args = vec!["export", "--format", "stix"];
        args.extend_from_slice(store);
        run(&args).stdout
    };
    let bundle = export(&["--db", &url]);
    assert!(bundle.len() > 1000, "a bundle of {} bytes", bundle.len());
    assert!(
        bundle == export(&["--data", data]),
        "the STIX bundles differ"
    );
    serve_reads(&url, team.as_array().map_or(0, Vec::len));
}

/// `serve --db`: the API answers from the team store, and refuses writes.
fn serve_reads(url: &str, stories: usize) {
    let mut server = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(["serve", "--db", url, "--bind", "127.0.0.1:0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let stderr = server.stderr.take().expect("piped");
    let mut addr = None;
    for line in BufReader::new(stderr).lines() {
        let line = line.expect("stderr");
        if let Some(rest) = line.split("http://").nth(1) {
            addr = rest.split('/').next().map(str::to_string);
            break;
        }
    }
    let addr = addr.expect("the server says where it listens");
    let get = |path: &str| -> (u16, serde_json::Value) {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(&addr).expect("connect");
        write!(s, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").expect("request");
        let mut reply = String::new();
        s.read_to_string(&mut reply).expect("reply");
        let status = reply
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let body = reply.split_once("\r\n\r\n").map_or("", |b| b.1);
        (
            status,
            serde_json::from_str(body).unwrap_or(serde_json::Value::Null),
        )
    };
    let (status, body) = get("/api/stats");
    assert_eq!(
        (status, body["documents"].as_u64()),
        (200, Some(DOCS as u64))
    );
    let (status, body) = get("/api/stories?limit=1000&min_docs=1");
    assert_eq!(status, 200, "{body}");
    let listed = body
        .as_array()
        .or(body["stories"].as_array())
        .map_or(0, Vec::len);
    assert_eq!(listed, stories, "{body}");
    let (status, body) = get("/api/document?id=n0");
    assert_eq!(status, 200, "{body}");
    assert!(body["story"].is_string(), "the document's story: {body}");
    let (status, body) = get("/api/search?q=%D8%A7%D9%84%D8%B3%D9%8A%D9%88%D9%84");
    assert_eq!(status, 200, "{body}");
    let (status, _) = get("/api/claims");
    assert_eq!(status, 200);
    let (status, _) = get("/api/export?format=graphml");
    assert_eq!(status, 200);
    server.kill().expect("stopped");
    server.wait().expect("reaped");
}
