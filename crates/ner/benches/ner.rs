//! Throughput of the whole NER path (tokenize + normalize + clitic segmentation + UPOS + two
//! tagging passes) on ANERcorp test text, in tokens per second of one core.
//!
//! Run: `cargo bench -p isnad-ner --bench ner`. Skips when the shared data is absent.
//! Timed with the thread CPU clock (see `clock`); the target is 100K tokens/s per core.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use isnad_ner::{AnalyzedText, CorpusFormat, NerTagger};

#[path = "../../text/benches/clock/mod.rs"]
mod clock;
use clock::timed;

const TEST: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/anercorp/ANERCorp_CamelLab_test.txt"
);

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
    let n = AnalyzedText::new(&text, isnad_morph::Morphology::global())
        .tokens
        .len() as u64;
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("{n} tokens; load average {}", load.trim());
    let mut g = c.benchmark_group("ner");
    g.throughput(Throughput::Elements(n));
    g.sample_size(10);
    g.bench_function("analyze+recognize", |b| {
        b.iter_custom(|iters| {
            timed(iters, || {
                black_box(
                    tagger
                        .recognize(&AnalyzedText::new(
                            black_box(&text),
                            isnad_morph::Morphology::global(),
                        ))
                        .len(),
                );
            })
        })
    });
    let doc = AnalyzedText::new(&text, isnad_morph::Morphology::global());
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
