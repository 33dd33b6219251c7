//! End-to-end throughput of the analysis pipeline on real news, for `isnad bench analyze`.
//!
//! Targets in the issues are stated per core, so the measurement runs the same documents twice:
//! once on one thread (the per-core figure) and once on every core (what a user sees). Tokens are
//! the text core's tokens, the unit the NER and extraction targets use.

use crate::{Analyzer, DocMeta, Options};
use rayon::prelude::*;
use serde::Serialize;
use std::time::Instant;

/// One timed pass over the documents.
#[derive(Debug, Clone, Serialize)]
pub struct Pass {
    /// Worker threads.
    pub threads: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Documents per second.
    pub docs_per_second: f64,
    /// Text-core tokens per second.
    pub tokens_per_second: f64,
    /// Megabytes of UTF-8 input per second.
    pub mb_per_second: f64,
    /// CPU seconds the process spent (all threads), where the platform reports it.
    pub cpu_seconds: Option<f64>,
    /// Tokens per CPU second: the per-core figure even when other programs share the machine.
    pub tokens_per_cpu_second: Option<f64>,
}

/// What `isnad bench analyze` prints.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    /// Documents analyzed in each pass.
    pub docs: usize,
    /// Their text-core tokens.
    pub tokens: usize,
    /// Their UTF-8 bytes.
    pub bytes: usize,
    /// Milliseconds to load every model (the first analysis of a one-word text).
    pub model_load_ms: f64,
    /// One thread: the per-core figure.
    pub single: Pass,
    /// Every core.
    pub parallel: Pass,
    /// Entities, relations, quotes and dates found in the corpus (a sanity check that the work
    /// was done, and a figure to compare runs by).
    pub found: [usize; 4],
    /// Peak resident memory of the process in MiB, where the platform reports it.
    pub peak_rss_mib: Option<f64>,
}

/// Analyzes every text once on one thread and once on all threads.
pub fn run(analyzer: &Analyzer<'_>, texts: &[String]) -> BenchReport {
    let started = Instant::now();
    let _ = analyzer.analyze("تحميل", DocMeta::default(), &Options::default());
    let model_load_ms = started.elapsed().as_secs_f64() * 1000.0;
    let tokens: usize = texts.iter().map(|t| isnad_text::tokenize(t).len()).sum();
    let bytes: usize = texts.iter().map(String::len).sum();
    let pass = |threads: usize| -> (Pass, [usize; 4]) {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
        let work = || -> [usize; 4] {
            texts
                .par_iter()
                .map(|t| {
                    let a = analyzer.analyze(t, DocMeta::default(), &Options::default());
                    [
                        a.entities.len(),
                        a.relations.len(),
                        a.quotes.len(),
                        a.dates.len(),
                    ]
                })
                .reduce(
                    || [0; 4],
                    |x, y| [x[0] + y[0], x[1] + y[1], x[2] + y[2], x[3] + y[3]],
                )
        };
        let cpu0 = process_cpu_seconds();
        let t0 = Instant::now();
        let found = match &pool {
            Ok(pool) => pool.install(work),
            Err(_) => work(),
        };
        let seconds = t0.elapsed().as_secs_f64().max(1e-9);
        let cpu_seconds = cpu0
            .zip(process_cpu_seconds())
            .map(|(a, b)| (b - a).max(1e-9));
        let pass = Pass {
            threads,
            seconds,
            docs_per_second: texts.len() as f64 / seconds,
            tokens_per_second: tokens as f64 / seconds,
            mb_per_second: bytes as f64 / 1e6 / seconds,
            cpu_seconds,
            tokens_per_cpu_second: cpu_seconds.map(|c| tokens as f64 / c),
        };
        (pass, found)
    };
    let (single, found) = pass(1);
    let (parallel, _) = pass(rayon::current_num_threads());
    BenchReport {
        docs: texts.len(),
        tokens,
        bytes,
        model_load_ms,
        single,
        parallel,
        found,
        peak_rss_mib: peak_rss_mib(),
    }
}

/// `VmHWM` of `/proc/self/status` (Linux); `None` elsewhere.
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// User + system CPU time of the whole process from `/proc/self/stat` (Linux, 100 ticks/s);
/// `None` elsewhere.
pub fn process_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name may hold spaces; the fields after its closing parenthesis are fixed.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
