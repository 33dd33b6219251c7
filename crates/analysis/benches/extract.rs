//! Throughput of extraction alone and of the end-to-end analysis (tokenize, segment, recognize
//! entities, extract) over the extraction crate's written test articles, in tokens per second.

#[path = "../tests/support/mod.rs"]
mod support;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use isnad_doc::AnalyzedText;
use isnad_entities::EntityRecognizer;
use isnad_extract::{extract, Actor, ExtractModels, RelationModel};
use isnad_kb::Kb;
use isnad_syntax::Parser;

fn corpus() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../extract/tests/articles");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn actors(recognizer: &EntityRecognizer<'_>, doc: &AnalyzedText<'_>) -> Vec<Actor> {
    recognizer
        .recognize(doc)
        .iter()
        .map(support::actor_of)
        .collect()
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let recognizer = EntityRecognizer::new(Kb::builtin());
    let doc = AnalyzedText::new(&text, isnad_morph::Morphology::global());
    let tokens = doc.tokens.len() as u64;
    let acts = actors(&recognizer, &doc);
    let models = ExtractModels {
        relations: Some(RelationModel::global()),
        ..Default::default()
    };
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Elements(tokens));
    let syntax = Parser::global().dependencies(&doc);
    g.bench_function("extraction_only", |b| {
        b.iter(|| extract(&doc, Some(&syntax), &acts, Some("2024-01-01"), models))
    });
    // The upstream stages, to show where end-to-end time goes.
    g.bench_function("analyzed_text", |b| {
        b.iter(|| {
            AnalyzedText::new(&text, isnad_morph::Morphology::global())
                .tokens
                .len()
        })
    });
    g.bench_function("entity_recognition", |b| {
        b.iter(|| recognizer.recognize(&doc).len())
    });
    g.bench_function("parse", |b| {
        b.iter(|| Parser::global().dependencies(&doc).deps.len())
    });
    g.bench_function("end_to_end", |b| {
        b.iter(|| {
            let doc = AnalyzedText::new(&text, isnad_morph::Morphology::global());
            let acts = actors(&recognizer, &doc);
            let syntax = Parser::global().dependencies(&doc);
            extract(&doc, Some(&syntax), &acts, Some("2024-01-01"), models)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
