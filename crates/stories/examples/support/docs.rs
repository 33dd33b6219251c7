//! Loading `StoryDoc`s for the examples: the JSONL file named by the first non-flag argument,
//! or the crate's test fixtures.

use isnad_stories::StoryDoc;

/// The documents of the first argument that is not a `--flag` (default: the test fixtures),
/// one JSON object a line; blank lines are skipped.
pub fn docs_from_args(args: &[String]) -> Result<Vec<StoryDoc>, Box<dyn std::error::Error>> {
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/docs.jsonl").to_string()
        });
    let mut docs = Vec::new();
    for line in std::fs::read_to_string(&path)?
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        docs.push(serde_json::from_str(line)?);
    }
    Ok(docs)
}
