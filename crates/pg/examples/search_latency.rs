//! Search latency of both stores on the same corpus: the embedded Tantivy index and team mode's
//! PostgreSQL `tsvector`, same queries (one to three title words, drawn from the ingested JSON
//! lines), top 10 with snippets. Prints p50, p99 and the mean hit count of each.
//!
//! ```text
//! cargo build --release -p isnad-pg --example search_latency
//! target/release/examples/search_latency NEWS.jsonl DATA_DIR DB_URL [QUERIES]
//! ```
//! (`crates/pg/bench/team.sh` leaves NEWS.jsonl, DATA_DIR and the schema behind.)

use isnad_corpus::{Corpus, CorpusStore, SearchQuery};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, news, data, url, rest @ ..] = &args[..] else {
        return Err("usage: search_latency NEWS.jsonl DATA_DIR DB_URL [QUERIES]".into());
    };
    let wanted: usize = rest.first().and_then(|n| n.parse().ok()).unwrap_or(300);
    let titles: Vec<String> = std::fs::read_to_string(news)?
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["title"].as_str().map(str::to_string))
        .collect();
    let step = (titles.len() / wanted.max(1)).max(1);
    let queries: Vec<String> = titles
        .iter()
        .step_by(step)
        .enumerate()
        .filter_map(|(i, t)| {
            let words: Vec<&str> = t
                .split_whitespace()
                .filter(|w| w.chars().count() > 3)
                .collect();
            let take = 1 + i % 3;
            (words.len() >= take).then(|| words[..take].join(" "))
        })
        .collect();
    let corpus = Corpus::open_reader(data.as_ref())?;
    let store = isnad_pg::PgStore::connect(url, 1)?;
    report("embedded (Tantivy)", &corpus, &queries);
    report("team (PostgreSQL)", &store, &queries);
    Ok(())
}

fn report(name: &str, store: &impl CorpusStore, queries: &[String]) {
    let mut times = Vec::new();
    let mut hits = 0usize;
    for text in queries {
        let q = SearchQuery {
            text: text.clone(),
            limit: 10,
            ..Default::default()
        };
        let started = Instant::now();
        hits += store.search(&q).map_or(0, |h| h.len());
        times.push(started.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "{name}: {} queries, p50 {:.1} ms, p99 {:.1} ms, {:.1} hits per query",
        times.len(),
        at(0.50),
        at(0.99),
        hits as f64 / times.len().max(1) as f64
    );
}
