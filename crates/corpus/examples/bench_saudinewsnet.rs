//! The issue-6 benchmark: ingest SaudiNewsNet (31,030 articles, 9M words) with analysis and
//! indexing, then time a few hundred varied searches. Run peak memory under `/usr/bin/time -v`:
//!
//! ```text
//! cargo build --release -p isnad-corpus --example bench_saudinewsnet
//! /usr/bin/time -v target/release/examples/bench_saudinewsnet [--data DIR] [--limit N] [--search-only]
//! ```
//!
//! The zips are first converted to `/tmp/saudinewsnet.jsonl` (outside the timing). Skips with a
//! message when `../shared/data/saudinewsnet` is absent.

use isnad_analysis::Analyzer;
use isnad_corpus::{Corpus, IngestOptions, SearchQuery};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn dataset_dir() -> Option<PathBuf> {
    [
        "../shared/data/saudinewsnet/dataset",
        "../../../shared/data/saudinewsnet/dataset",
        "/work/shared/data/saudinewsnet/dataset",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.is_dir())
}

/// Writes every article as one JSONL document (id `snn-<n>`, outlet = source, day extracted).
fn convert(dir: &Path, out: &Path, limit: usize) -> Result<usize, Box<dyn std::error::Error>> {
    let mut w = BufWriter::new(std::fs::File::create(out)?);
    let mut n = 0usize;
    // The one reader of the corpus (isnad-ingest), zips in name order.
    for a in isnad_ingest::saudinewsnet::articles(dir)?.take(limit) {
        let a = a?;
        let line = serde_json::json!({
            "id": format!("snn-{n:05}"),
            "text": a.content,
            "title": a.title,
            "url": a.url,
            "published": a.date_extracted.get(..10).unwrap_or(""),
            "outlet": a.source,
        });
        writeln!(w, "{line}")?;
        n += 1;
    }
    w.flush()?;
    Ok(n)
}

/// Queries drawn from the corpus itself: title words (one to three), quoted phrases, Latin
/// names, and entity/date filters.
fn queries(corpus: &Corpus) -> Vec<SearchQuery> {
    let titles: Vec<String> = corpus
        .stories()
        .map(|s| s.into_iter().map(|s| s.title).collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    let q = |text: &str| SearchQuery {
        text: text.into(),
        limit: 10,
        ..Default::default()
    };
    for (i, title) in titles
        .iter()
        .step_by((titles.len() / 250).max(1))
        .enumerate()
    {
        let words: Vec<&str> = title
            .split_whitespace()
            .filter(|w| w.chars().count() > 3)
            .collect();
        let take = 1 + i % 3;
        if words.len() >= take {
            let text = words[..take].join(" ");
            out.push(if i % 10 == 9 {
                q(&format!("\"{text}\""))
            } else {
                q(&text)
            });
        }
    }
    for name in [
        "Hamas", "Obama", "Riyadh", "Yemen", "Houthi", "Baghdadi", "Iran", "Salman", "Kerry",
        "Jeddah",
    ] {
        out.push(q(name));
    }
    for (name, word) in [
        ("السعودية", "اليمن"),
        ("إيران", "الاتفاق"),
        ("الرياض", "مشروع"),
    ] {
        out.push(SearchQuery {
            entity: Some(name.into()),
            ..q(word)
        });
        out.push(SearchQuery {
            from: Some("2015-08-01".into()),
            to: Some("2015-08-31".into()),
            ..q(word)
        });
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let limit: usize = flag("--limit")
        .and_then(|v| v.parse().ok())
        .unwrap_or(usize::MAX);
    let data = PathBuf::from(flag("--data").unwrap_or_else(|| "/tmp/isnad-bench-data".into()));
    let search_only = args.iter().any(|a| a == "--search-only");
    let Some(dir) = dataset_dir() else {
        println!("SaudiNewsNet not found under ../shared/data: skipping the benchmark");
        return Ok(());
    };
    if !search_only {
        let jsonl = PathBuf::from("/tmp/saudinewsnet.jsonl");
        let t = Instant::now();
        let n = convert(&dir, &jsonl, limit)?;
        println!(
            "converted {n} articles to {} in {:.1} s (not timed)",
            jsonl.display(),
            t.elapsed().as_secs_f64()
        );
        if data.exists() {
            std::fs::remove_dir_all(&data)?;
        }
        let t = Instant::now();
        let analyzer = Analyzer::new();
        let mut corpus = Corpus::open(&data)?;
        let options = IngestOptions {
            batch: 256,
            progress: true,
            stories: true,
            log_commits: false,
            ingest_date: None,
            ..IngestOptions::default()
        };
        let mut skipped = 0usize;
        let s = corpus.ingest(&[jsonl], &analyzer, &options, &mut |e| {
            if let isnad_corpus::IngestEvent::Skipped(_) = e {
                skipped += 1
            }
        })?;
        let secs = t.elapsed().as_secs_f64();
        println!(
            "ingest: {} docs ({} skipped), {} words in {:.1} s = {:.0} docs/s, {:.0} words/s (stories and corroboration included)",
            s.ingested, s.skipped, s.words, secs, s.ingested as f64 / secs, s.words as f64 / secs
        );
    }
    let corpus = Corpus::open(&data)?;
    let stats = corpus.stats()?;
    println!("{}", serde_json::to_string(&stats)?);
    let qs = queries(&corpus);
    for q in &qs {
        corpus.search(q)?; // warm-up: page cache and the segmenter's word cache
    }
    let mut times = Vec::with_capacity(qs.len());
    let mut hits = 0usize;
    for q in &qs {
        let t = Instant::now();
        hits += corpus.search(q)?.len();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "search: {} queries, {} hits; p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times.len(),
        hits,
        pct(0.5),
        pct(0.95),
        pct(0.99),
        times.last().copied().unwrap_or(0.0)
    );
    Ok(())
}
