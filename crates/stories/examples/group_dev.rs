//! Groups the shared dev examples (`../shared/examples/*.txt`, 13 real articles with two
//! same-story pairs) and prints the stories JSON for `score.py stories`:
//!
//! ```text
//! cargo run --release -p isnad-stories --example group_dev -- [--actors] [DIR] > /tmp/dev_pred.json
//! python3 ../shared/tools/score.py stories --gold ../shared/gold/stories.json --pred /tmp/dev_pred.json
//! ```
//! Outlets come from `index.tsv`; the texts carry no dates, so dates are neutral. With
//! `--actors`, actors (KB id, else normalized name) and quote texts come from `isnad-analysis`.
//! Skips with a message when the directory is absent.

use isnad_stories::{group_stories, StoriesFile, StoryConfig, StoryDoc};
use std::collections::HashMap;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let with_actors = args.iter().any(|a| a == "--actors");
    let dir = match args.iter().find(|a| !a.starts_with("--")) {
        Some(d) => PathBuf::from(d),
        None => {
            let repo_relative = PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/examples"
            ));
            if repo_relative.is_dir() {
                repo_relative
            } else {
                PathBuf::from("/work/shared/examples")
            }
        }
    };
    if !dir.is_dir() {
        eprintln!("skipping: {} not found", dir.display());
        return Ok(());
    }
    let outlets: HashMap<String, String> = std::fs::read_to_string(dir.join("index.tsv"))
        .unwrap_or_default()
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Some((f.first()?.to_string(), f.get(2)?.to_string()))
        })
        .collect();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let analyzer = with_actors.then(isnad_analysis::Analyzer::new);
    let mut docs = Vec::new();
    for path in paths {
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(&path)?;
        let Ok(text) = isnad_text::decode(&bytes) else {
            eprintln!("{}: not UTF-8, skipped", path.display());
            continue;
        };
        let (mut actors, mut quotes) = (Vec::new(), Vec::new());
        if let Some(analyzer) = &analyzer {
            let meta = isnad_analysis::DocMeta::new(id.clone(), path.display().to_string());
            let analysis = analyzer.analyze(text, meta, &isnad_analysis::Options::default());
            let value = serde_json::to_value(&analysis)?;
            for e in value["entities"].as_array().into_iter().flatten() {
                let key = e["kb_id"]
                    .as_str()
                    .map(str::to_string)
                    .or_else(|| e["name"].as_str().map(isnad_text::search_key));
                actors.extend(key);
            }
            for q in value["quotes"].as_array().into_iter().flatten() {
                quotes.extend(q["text"].as_str().map(str::to_string));
            }
        }
        docs.push(StoryDoc {
            outlet: outlets.get(&id).cloned(),
            id,
            text: text.to_string(),
            actors,
            quotes,
            ..Default::default()
        });
    }
    let stories = group_stories(&docs, &StoryConfig::default());
    println!(
        "{}",
        serde_json::to_string_pretty(&StoriesFile { stories })?
    );
    Ok(())
}
