//! Throughput of the whole NER path (tokenize + normalize + clitic segmentation + UPOS + two
//! tagging passes) on ANERcorp test text, in tokens per second of one core.
//!
//! Run: `cargo bench -p isnad-ner --bench ner`. Skips when the shared data is absent.
//!
//! The target (100K tokens/s) is per core and the development machine is shared, so by default
//! each sample is timed with the calling thread's CPU clock (the path is single-threaded), which
//! other tenants do not inflate; `ISNAD_BENCH_WALL=1` times with the wall clock instead. On an
//! idle machine the two agree.

use std::time::{Duration, Instant};

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use isnad_ner::{AnalyzedText, CorpusFormat, NerTagger};

const TEST: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/anercorp/ANERCorp_CamelLab_test.txt"
);

/// CPU time consumed so far by the calling thread (Linux: `CLOCK_THREAD_CPUTIME_ID`).
#[cfg(target_os = "linux")]
fn thread_cpu() -> Duration {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock_id: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec with the C layout of 64-bit Linux.
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.sec.max(0) as u64, ts.nsec.clamp(0, 999_999_999) as u32)
}

/// Elsewhere the wall clock stands in for the CPU clock.
#[cfg(not(target_os = "linux"))]
fn thread_cpu() -> Duration {
    wall()
}

fn wall() -> Duration {
    use std::sync::OnceLock;
    static T0: OnceLock<Instant> = OnceLock::new();
    T0.get_or_init(Instant::now).elapsed()
}

/// Times `iters` runs of `f` with the chosen clock.
fn timed(iters: u64, mut f: impl FnMut()) -> Duration {
    let clock = if std::env::var_os("ISNAD_BENCH_WALL").is_some() {
        wall
    } else {
        thread_cpu
    };
    let t0 = clock();
    for _ in 0..iters {
        f();
    }
    clock().saturating_sub(t0)
}

fn bench(c: &mut Criterion) {
    let Ok(sents) = isnad_ner::read_corpus(std::path::Path::new(TEST), CorpusFormat::Anercorp)
    else {
        eprintln!("skipping ner bench: {TEST} not found");
        return;
    };
    let text: String = sents
        .iter()
        .take(200)
        .map(|s| s.words.join(" ") + "\n")
        .collect();
    let tagger = NerTagger::global();
    let n = AnalyzedText::new(&text).tokens.len() as u64;
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("{n} tokens; load average {}", load.trim());
    let mut g = c.benchmark_group("ner");
    g.throughput(Throughput::Elements(n));
    g.sample_size(10);
    g.bench_function("analyze+recognize", |b| {
        b.iter_custom(|iters| {
            timed(iters, || {
                black_box(tagger.recognize(&AnalyzedText::new(black_box(&text))).len());
            })
        })
    });
    let doc = AnalyzedText::new(&text);
    g.bench_function("recognize", |b| {
        b.iter_custom(|iters| {
            timed(iters, || {
                black_box(tagger.recognize(&doc).len());
            })
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
