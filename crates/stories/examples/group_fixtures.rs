//! Groups the crate's fixture documents (or a JSONL file of `StoryDoc`s given as the first
//! argument) and prints the predicted stories as JSON for `score.py stories`:
//!
//! ```text
//! cargo run -p isnad-stories --example group_fixtures > /tmp/pred.json
//! python3 ../shared/tools/score.py stories --gold crates/stories/tests/fixtures/gold.json --pred /tmp/pred.json
//! ```
//! `--text-only` drops actors and quotes first.

use isnad_stories::{group_stories, StoriesFile, StoryConfig};

#[path = "support/docs.rs"]
mod docs;
use docs::docs_from_args;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text_only = args.iter().any(|a| a == "--text-only");
    let mut docs = docs_from_args(&args)?;
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
