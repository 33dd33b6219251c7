//! Groups SaudiNewsNet (31K articles; or a synthetic corpus with `--synthetic`) once and
//! prints timing and story statistics; `--json` prints the stories instead.
//!
//! ```text
//! cargo run --release -p isnad-stories --example group_corpus
//! ```

use isnad_stories::{group_stories, signature, StoriesFile, StoryConfig};
use rayon::prelude::*;
use std::time::Instant;

#[path = "../benches/support/corpus.rs"]
mod corpus;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let docs = if args.iter().any(|a| a == "--synthetic") {
        corpus::synthetic(31_030)
    } else {
        match corpus::saudinewsnet() {
            Some(d) => d,
            None => return Ok(()),
        }
    };
    // The word pass alone (fold, tokenize, hash, MinHash), for comparison with the whole.
    let start = Instant::now();
    let sigs: Vec<_> = docs.par_iter().map(|d| signature(&d.text)).collect();
    let word_pass = start.elapsed();
    drop(sigs);
    let start = Instant::now();
    let stories = group_stories(&docs, &StoryConfig::default());
    let elapsed = start.elapsed();
    if args.iter().any(|a| a == "--json") {
        println!(
            "{}",
            serde_json::to_string_pretty(&StoriesFile { stories })?
        );
        return Ok(());
    }
    eprintln!("word pass alone (signatures of every text): {word_pass:.2?}");
    let multi: Vec<_> = stories.iter().filter(|s| s.doc_ids.len() > 1).collect();
    let grouped: usize = multi.iter().map(|s| s.doc_ids.len()).sum();
    let largest = stories.iter().map(|s| s.doc_ids.len()).max().unwrap_or(0);
    println!(
        "{} docs -> {} stories in {:.2?} on {} threads; {} stories with >1 doc covering {} docs; largest {}",
        docs.len(),
        stories.len(),
        elapsed,
        rayon::current_num_threads(),
        multi.len(),
        grouped,
        largest
    );
    let mut by_size = multi.clone();
    by_size.sort_by_key(|s| std::cmp::Reverse(s.doc_ids.len()));
    for s in by_size.iter().take(15) {
        println!("{:4}  {}", s.doc_ids.len(), s.title);
    }
    Ok(())
}
