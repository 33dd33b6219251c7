//! Throughput of the text core on real Arabic news (SaudiNewsNet), in bytes per second of
//! *thread CPU time*.
//!
//! Run: `cargo bench -p isnad-text -- --warm-up-time 1 --measurement-time 3`.
//! The corpus is read from `shared/data/saudinewsnet/dataset/*.zip` beside the repository; the
//! bench prints a message and measures nothing when it is absent.
//!
//! The targets are per core, and the development machine is shared (load average often above
//! the core count), so wall time would mostly measure the other tenants. Each sample is timed
//! with the calling thread's CPU clock instead (`CLOCK_THREAD_CPUTIME_ID`); on an idle machine
//! the two agree. Set `ISNAD_BENCH_WALL=1` to time with the wall clock.

mod clock;
use clock::timed;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use isnad_text::{normalize, search_key_into, split_sentences, Level, Tokenizer};

/// `shared/` beside the repository, as laid out on the team's machines and in CI.
const CORPUS_DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/saudinewsnet/dataset"
);

/// How much article text to benchmark on.
const TARGET_BYTES: usize = 4 << 20;

/// Concatenates `content` of articles from the first zip files until `TARGET_BYTES`, through
/// the one reader of the corpus (isnad-ingest, a dev-dependency only).
fn load_corpus() -> Option<String> {
    let mut text = String::new();
    for a in isnad_ingest::saudinewsnet::articles(std::path::Path::new(CORPUS_DIR)).ok()? {
        text.push_str(&a.ok()?.content);
        text.push('\n');
        if text.len() >= TARGET_BYTES {
            return Some(text);
        }
    }
    (!text.is_empty()).then_some(text)
}

fn bench(c: &mut Criterion) {
    let Some(text) = load_corpus() else {
        println!("SaudiNewsNet corpus not found at {CORPUS_DIR}; skipping text benches");
        return;
    };
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "corpus: {} bytes, {} chars; load average: {}",
        text.len(),
        text.chars().count(),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(text.len() as u64));

    let mut key = String::new();
    search_key_into(&text, &mut key);
    let key_len = key.len();
    group.bench_function("search_key_into", |b| {
        b.iter_custom(|iters| {
            timed(iters, || {
                search_key_into(black_box(&text), &mut key);
                assert_eq!(key.len(), key_len);
            })
        })
    });
    // Re-keying already-normalized text (indexed text, queries): no char changes.
    let normalized = key.clone();
    group.throughput(Throughput::Bytes(normalized.len() as u64));
    group.bench_function("search_key_into/already_normalized", |b| {
        b.iter_custom(|iters| {
            timed(iters, || {
                search_key_into(black_box(&normalized), &mut key);
                assert_eq!(key.len(), normalized.len());
            })
        })
    });
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("normalize/search_with_offsets", |b| {
        b.iter_custom(|iters| {
            timed(iters, || {
                let n = normalize(black_box(&text), Level::SearchKey);
                assert_eq!(n.text.len(), key_len);
            })
        })
    });

    let mut tokenizer = Tokenizer::new();
    let n_tokens = tokenizer.tokenize(&text).len();
    group.bench_function("tokenize", |b| {
        b.iter_custom(|iters| {
            timed(iters, || {
                assert_eq!(tokenizer.tokenize(black_box(&text)).len(), n_tokens)
            })
        })
    });
    let n_sents = split_sentences(&text).len();
    group.bench_function("split_sentences", |b| {
        b.iter_custom(|iters| {
            timed(iters, || {
                assert_eq!(split_sentences(black_box(&text)).len(), n_sents)
            })
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
