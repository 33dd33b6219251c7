//! Throughput of segmentation and tagging over the PADT test words.
//!
//! Skips (prints a message, measures nothing) when the shared data is absent.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use isnad_morph::Morphology;

#[path = "support/padt.rs"]
mod padt;
use padt::{surface_sentences, PADT_TEST as TEST};

fn bench(c: &mut Criterion) {
    let Ok(text) = std::fs::read_to_string(TEST) else {
        eprintln!("skipping morph benches: {TEST} not found");
        return;
    };
    let sents = surface_sentences(&text);
    let words: Vec<&str> = sents.iter().flatten().map(String::as_str).collect();
    let m = Morphology::global();
    let mut g = c.benchmark_group("morph");
    g.sample_size(10);
    g.throughput(Throughput::Elements(words.len() as u64));
    g.bench_function("segment_padt_test", |b| {
        b.iter(|| {
            let mut n = 0;
            for w in &words {
                n += m.segment(black_box(w)).len();
            }
            n
        })
    });
    let sent_refs: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.iter().map(String::as_str).collect())
        .collect();
    let segmented: Vec<Vec<Vec<isnad_morph::Segment>>> = sent_refs
        .iter()
        .map(|s| s.iter().map(|w| m.segment(w)).collect())
        .collect();
    g.bench_function("tag_padt_test", |b| {
        let mut work = segmented.clone();
        b.iter(|| {
            for (s, segs) in sent_refs.iter().zip(work.iter_mut()) {
                m.tag_segments(black_box(s), segs);
            }
            work.len()
        })
    });
    g.bench_function("analyze_padt_test", |b| {
        b.iter(|| {
            let mut n = 0;
            for s in &sent_refs {
                n += m.analyze(black_box(s)).len();
            }
            n
        })
    });
    g.finish();

    // Loading both models from `models/` (read + decompress + build tables):
    // what the first call of `Morphology::global()` pays.
    let models = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models");
    let (seg, tag) = (
        std::path::Path::new(models).join("segmenter.bin"),
        std::path::Path::new(models).join("tagger.bin"),
    );
    let mut g = c.benchmark_group("morph_load");
    g.sample_size(10);
    g.bench_function("load_models", |b| {
        b.iter(|| {
            Morphology::from_files(black_box(&seg), black_box(&tag)).map(|m| m.segment("و").len())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
