//! Prints the contract JSON (entities, relations, quotes, dates) for one text file.
//!
//! `cargo run --release -p isnad-analysis --example analyze_json -- FILE [--published YYYY-MM-DD]
//! [--oracle GOLD_DIR]`
//!
//! Entities come from the entity recognizer over the built-in knowledge base. With `--oracle`,
//! they come from the gold annotation of the document instead (mention strings located in the
//! text), which measures extraction alone, independent of entity recognition.

#[path = "../tests/support/mod.rs"]
mod support;

use std::error::Error;

use isnad_doc::AnalyzedText;
use isnad_extract::{extract, extract_actors};

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .ok_or("usage: analyze_json FILE [--published DATE] [--oracle GOLD_DIR]")?;
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let text = std::fs::read_to_string(path)?;
    let id = std::path::Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("doc")
        .to_string();
    let published = flag("--published");
    let (x, actors) = match flag("--oracle") {
        // The oracle mode skips the upstream models entirely.
        Some(dir) => {
            let actors = support::oracle_actors(&text, &dir, &id)?;
            (
                extract_actors(
                    &text,
                    isnad_morph::Morphology::global(),
                    &actors,
                    published.as_deref(),
                ),
                actors,
            )
        }
        None => {
            let doc = AnalyzedText::new(&text, isnad_morph::Morphology::global());
            let actors = support::pipeline_actors(&doc);
            let syntax = isnad_syntax::Parser::global().dependencies(&doc);
            let models = isnad_extract::ExtractModels {
                relations: Some(isnad_extract::RelationModel::global()),
                ..Default::default()
            };
            let x = extract(&doc, Some(&syntax), &actors, published.as_deref(), models);
            (x, actors)
        }
    };
    let out = support::contract_json(&id, path, &text, &actors, &x);
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}
