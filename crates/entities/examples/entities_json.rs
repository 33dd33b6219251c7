//! Prints the analysis-contract JSON of a text file with only `entities` filled, for scoring the
//! entity stage alone:
//!
//! ```sh
//! cargo run --release -p isnad-entities --example entities_json -- FILE.txt [--no-tagger] [--min-score S] > OUT.json
//! ```

use std::path::Path;

use isnad_entities::{AnalyzedText, EntityRecognizer};
use isnad_kb::Kb;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args
        .iter()
        .find(|a| !a.starts_with("--") && a.parse::<f32>().is_err())
    else {
        return Err("usage: entities_json FILE.txt [--no-tagger]".into());
    };
    let text = std::fs::read_to_string(path)?;
    let kb = Kb::load(None)?;
    let recognizer = if args.iter().any(|a| a == "--no-tagger") {
        EntityRecognizer::without_tagger(&kb)
    } else {
        EntityRecognizer::new(&kb)
    };
    let recognizer = match args.iter().position(|a| a == "--min-score") {
        Some(i) => {
            let v = args.get(i + 1).ok_or("--min-score needs a value")?;
            recognizer.with_min_tagger_score(v.parse()?)
        }
        None => recognizer,
    };
    let doc = AnalyzedText::new(&text, isnad_morph::Morphology::global());
    let entities = recognizer.recognize(&doc);
    let id = Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let out = serde_json::json!({
        "schema": "isnad.analysis/1",
        "doc": {"id": id, "source": path, "chars": text.chars().count(), "lang": "ar"},
        "sentences": [],
        "entities": entities,
        "relations": [],
        "quotes": [],
        "dates": [],
    });
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}
