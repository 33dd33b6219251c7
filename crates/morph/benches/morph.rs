//! Throughput of segmentation and tagging over the PADT test words.
//!
//! Skips (prints a message, measures nothing) when the shared data is absent.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use isnad_morph::Morphology;

const TEST: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/ud-arabic-padt/v2-compact-kariminf/ar_padt-ud-test.txt"
);

/// Surface tokens of each sentence (MWT parts dropped: a token tagged `_` is
/// followed by its syntactic words, which are not surface text).
fn surface_sentences(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(ws, ts)| {
            let ws: Vec<&str> = ws.split(' ').collect();
            let ts: Vec<&str> = ts.split(' ').collect();
            let mut out = Vec::new();
            let mut i = 0;
            while i < ws.len() {
                out.push(ws[i].to_string());
                if ts.get(i) == Some(&"_") {
                    // Skip following parts: they are the syntactic words of this token,
                    // recognisable as the shortest run that re-spells it; 2 is the common case.
                    let mut k = 2;
                    let len = ws[i].chars().count();
                    let mut acc = 0;
                    for j in 1..=4 {
                        acc += ws.get(i + j).map_or(0, |w| w.chars().count());
                        if acc + 1 >= len {
                            k = j;
                            break;
                        }
                    }
                    i += k;
                }
                i += 1;
            }
            out
        })
        .collect()
}

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
