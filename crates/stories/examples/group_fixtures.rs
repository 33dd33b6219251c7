//! Groups the crate's fixture documents (or a JSONL file of `StoryDoc`s given as the first
//! argument) and prints the predicted stories as JSON for `score.py stories`:
//!
//! ```text
//! cargo run -p isnad-stories --example group_fixtures > /tmp/pred.json
//! python3 ../shared/tools/score.py stories --gold crates/stories/tests/fixtures/gold.json --pred /tmp/pred.json
//! ```
//! `--text-only` drops actors and quotes first.

use isnad_stories::{group_stories, StoriesFile, StoryConfig, StoryDoc};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text_only = args.iter().any(|a| a == "--text-only");
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/docs.jsonl").to_string()
        });
    let mut docs: Vec<StoryDoc> = Vec::new();
    for line in std::fs::read_to_string(&path)?
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        docs.push(serde_json::from_str(line)?);
    }
    if text_only {
        for d in &mut docs {
            d.actors.clear();
            d.quotes.clear();
        }
    }
    let stories = group_stories(&docs, &StoryConfig::default());
    println!(
        "{}",
        serde_json::to_string_pretty(&StoriesFile { stories })?
    );
    Ok(())
}
