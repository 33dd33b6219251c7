//! Parsing throughput in words per second of one core, on PADT v1 held-out sentences as
//! isnad's tagger tags them (gold segmentation), or on a built-in sentence without the data.
//!
//! Run: `cargo bench -p isnad-syntax --bench parser`. Timed with the thread CPU clock (see
//! `clock`); the target is 100K words/s per core.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use isnad_doc::{SegmentKind, Upos};
use isnad_syntax::{ParseInput, Parser};

#[path = "../../text/benches/clock/mod.rs"]
mod clock;
use clock::timed;

/// Sentences of (form, upos, kind) from the embedded morphology on a few news sentences.
fn corpus() -> Vec<Vec<(String, Upos, SegmentKind)>> {
    let text = "قال وزير الخارجية إن الحكومة ستواصل المفاوضات مع الأطراف المعنية خلال الأسبوع المقبل. \
                وأضاف أن الوفد سيصل إلى القاهرة يوم الاثنين لبحث الأزمة مع المسؤولين في الجامعة العربية. \
                وأعلنت الشركة عن أرباحها السنوية التي ارتفعت بنسبة عشرة في المئة مقارنة بالعام الماضي.";
    let morph = isnad_morph::Morphology::global();
    let doc = isnad_doc::AnalyzedText::new(text, morph);
    doc.sentence_tokens
        .iter()
        .map(|r| {
            isnad_syntax::sentence_words(&doc, r.clone())
                .iter()
                .map(|w| (w.input.form.to_string(), w.input.upos, w.input.kind))
                .collect()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let sents = corpus();
    let parser = Parser::global();
    let words: usize = sents.iter().map(Vec::len).sum();
    let mut g = c.benchmark_group("parser");
    g.throughput(Throughput::Elements(words as u64));
    g.bench_function("parse", |b| {
        b.iter_custom(|iters| {
            timed(iters, || {
                for s in &sents {
                    let inputs: Vec<ParseInput> = s
                        .iter()
                        .map(|(f, u, k)| ParseInput {
                            form: f,
                            upos: *u,
                            kind: *k,
                        })
                        .collect();
                    black_box(parser.parse(&inputs));
                }
            })
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
