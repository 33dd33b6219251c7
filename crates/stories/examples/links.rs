//! Prints the scored story links of a JSONL file of `StoryDoc`s (default: the test fixtures),
//! strongest first, to see why documents group: `cargo run -p isnad-stories --example links`.
//! `--all` also prints candidate pairs below the thresholds.

use isnad_stories::{story_links, StoryConfig};

#[path = "support/docs.rs"]
mod docs;
use docs::docs_from_args;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut cfg = StoryConfig::default();
    if args.iter().any(|a| a == "--all") {
        cfg.link_threshold = f32::MIN;
        cfg.mutual_threshold = f32::MIN;
    }
    let docs = docs_from_args(&args)?;
    for (a, b, score) in story_links(&docs, &cfg) {
        println!("{score:.3}\t{a}\t{b}");
    }
    Ok(())
}
