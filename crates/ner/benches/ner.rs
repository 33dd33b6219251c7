//! Throughput of the whole NER path (tokenize + segment + POS + two tagging passes) on ANERcorp test
//! text. Skips when the shared data is absent.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use isnad_ner::{AnalyzedText, CorpusFormat, NerTagger};

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
    let n = AnalyzedText::new(&text).tokens.len() as u64;
    let mut g = c.benchmark_group("ner");
    g.throughput(Throughput::Elements(n));
    g.sample_size(10);
    g.bench_function("analyze+recognize", |b| {
        b.iter(|| tagger.recognize(&AnalyzedText::new(&text)).len())
    });
    let doc = AnalyzedText::new(&text);
    g.bench_function("recognize", |b| b.iter(|| tagger.recognize(&doc).len()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
