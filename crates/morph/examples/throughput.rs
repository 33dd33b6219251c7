//! Load time and per-core throughput of segmentation and tagging, in CPU time.
//!
//! The criterion bench (`cargo bench -p isnad-morph`) reports wall-clock
//! time, which on a shared machine counts time spent waiting for a core.
//! This example also reads the thread's on-CPU time from
//! `/proc/thread-self/schedstat` (Linux), so the words per second per core
//! hold whatever the load.
//!
//! ```text
//! cargo run --release -p isnad-morph --example throughput -- [PADT_FILE] [ROUNDS] [SEG_MODEL TAG_MODEL]
//! ```

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use isnad_morph::{Morphology, Segment};

#[path = "../benches/support/padt.rs"]
mod padt;
use padt::{surface_sentences, PADT_TEST as DEFAULT_FILE};

/// Nanoseconds this thread has run on a CPU, if the kernel says.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// CPU seconds of the whole process (all threads), from `/proc/self/stat`
/// (clock ticks, assumed 100 per second: 10 ms resolution).
fn process_cpu() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = s.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// Runs `f` and returns its result, wall seconds and CPU seconds (wall when unknown).
fn timed_value<T, F: FnOnce() -> T>(f: F) -> (T, f64, f64) {
    let (c0, t0) = (cpu_ns(), Instant::now());
    let out = f();
    let wall = t0.elapsed().as_secs_f64();
    let cpu = match (c0, cpu_ns()) {
        (Some(a), Some(b)) => (b - a) as f64 / 1e9,
        _ => wall,
    };
    (out, wall, cpu)
}

/// Runs `f` and returns (wall seconds, CPU seconds).
fn timed<F: FnOnce()>(f: F) -> (f64, f64) {
    let ((), wall, cpu) = timed_value(f);
    (wall, cpu)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let file = args.first().map_or(DEFAULT_FILE, String::as_str);
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let models = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models"));
    let seg = args
        .get(2)
        .map_or(models.join("segmenter.bin"), |p| Path::new(p).to_path_buf());
    let tag = args
        .get(3)
        .map_or(models.join("tagger.bin"), |p| Path::new(p).to_path_buf());
    // What the first `Morphology::global()` pays, plus reading the files.
    let p0 = process_cpu();
    let (loaded, wall, cpu) = timed_value(|| Morphology::from_files(&seg, &tag));
    let process = match (p0, process_cpu()) {
        (Some(a), Some(b)) => format!("{:.0} ms", (b - a) * 1e3),
        _ => "unknown".into(),
    };
    let m = match loaded {
        Ok(m) => m,
        Err(e) => {
            eprintln!("cannot load models: {e}");
            std::process::exit(2);
        }
    };
    println!(
        "load ({} + {}): {:.1} ms wall, {:.1} ms CPU on the calling thread \
         (the critical path; the tagger decodes on a second thread), \
         process CPU {process} (10 ms ticks)",
        seg.display(),
        tag.display(),
        wall * 1e3,
        cpu * 1e3
    );
    let Ok(text) = std::fs::read_to_string(file) else {
        eprintln!("skipping throughput: {file} not found");
        return;
    };
    let sents = surface_sentences(&text);
    let refs: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.iter().map(String::as_str).collect())
        .collect();
    let words: usize = refs.iter().map(Vec::len).sum();
    // Warm the segmenter's memo and caches once, as a long-running process would be.
    let mut segmented: Vec<Vec<Vec<Segment>>> = refs
        .iter()
        .map(|s| s.iter().map(|w| m.segment(w)).collect())
        .collect();
    let report = |what: &str, (wall, cpu): (f64, f64)| {
        let n = (words * rounds) as f64;
        println!(
            "{what}: {words} words x {rounds}: {:.0} K words/s per core (CPU time), {:.0} K/s wall",
            n / cpu / 1e3,
            n / wall / 1e3
        );
    };
    report(
        "segmentation",
        timed(|| {
            for _ in 0..rounds {
                for s in &refs {
                    for w in s {
                        black_box(m.segment(black_box(w)));
                    }
                }
            }
        }),
    );
    report(
        "tagging (given segments)",
        timed(|| {
            for _ in 0..rounds {
                for (s, segs) in refs.iter().zip(segmented.iter_mut()) {
                    m.tag_segments(black_box(s), segs);
                }
            }
        }),
    );
    report(
        "segmentation + tagging (analyze)",
        timed(|| {
            for _ in 0..rounds {
                for s in &refs {
                    black_box(m.analyze(black_box(s)));
                }
            }
        }),
    );
}
