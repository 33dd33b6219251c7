//! Prints the scored story links of a JSONL file of `StoryDoc`s (default: the test fixtures),
//! strongest first, to see why documents group: `cargo run -p isnad-stories --example links`.

use isnad_stories::{story_links, StoryConfig, StoryDoc};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/docs.jsonl").to_string()
    });
    let mut docs: Vec<StoryDoc> = Vec::new();
    for line in std::fs::read_to_string(&path)?
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        docs.push(serde_json::from_str(line)?);
    }
    for (a, b, score) in story_links(&docs, &StoryConfig::default()) {
        println!("{score:.3}\t{a}\t{b}");
    }
    Ok(())
}
