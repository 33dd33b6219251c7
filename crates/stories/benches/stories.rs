//! Story grouping at corpus scale: 31K documents (SaudiNewsNet when present, else synthetic).
//! Run with `cargo bench -p isnad-stories`.

use criterion::{criterion_group, criterion_main, Criterion};
use isnad_stories::{group_stories, near_duplicates, signature, StoryConfig};

#[path = "support/corpus.rs"]
mod corpus;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("stories");
    group.sample_size(10);
    let mut corpora = vec![("synthetic-31k", corpus::synthetic(31_030))];
    if let Some(docs) = corpus::saudinewsnet() {
        corpora.push(("saudinewsnet-31k", docs));
    }
    for (name, docs) in &corpora {
        group.bench_function(format!("group_stories/{name}"), |b| {
            b.iter(|| group_stories(docs, &StoryConfig::default()))
        });
        let sigs: Vec<_> = docs
            .iter()
            .map(|d| (d.id.clone(), signature(&d.text)))
            .collect();
        group.bench_function(format!("near_duplicates/{name}"), |b| {
            b.iter(|| near_duplicates(&sigs, 0.5))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
