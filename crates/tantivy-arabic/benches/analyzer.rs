//! Analyzer throughput (words/s) on invented Arabic text, in index and query mode.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tantivy_arabic::ArabicAnalyzer;

const SAMPLE: &str =
    "وقال وزير الخارجية السعودي في مؤتمر صحفي بالرياض إن المملكة تدعم جهود السلام، \
وأضاف أن اللقاء مع نظيره الأمريكي تناول الأوضاع في المنطقة والتعاون الاقتصادي بين البلدين. \
وأشار المسؤول إلى أن الحكومة ستعلن خلال الأيام المقبلة عن برنامج جديد لدعم الشباب والمشاريع الصغيرة.";

fn bench(c: &mut Criterion) {
    let text = SAMPLE.repeat(50);
    let words = isnad_text::tokenize(&text).len() as u64;
    let mut group = c.benchmark_group("analyzer");
    group.throughput(Throughput::Elements(words));
    for (name, mut analyzer) in [
        ("index", ArabicAnalyzer::new()),
        ("query", ArabicAnalyzer::query()),
    ] {
        let mut out = Vec::new();
        group.bench_function(name, |b| {
            b.iter(|| {
                analyzer.analyze_into(&text, &mut out);
                assert!(out.len() as u64 >= words / 2);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
