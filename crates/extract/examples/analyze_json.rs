//! Prints the contract JSON (sentences, entities, relations, quotes, dates) for one text file.
//!
//! `cargo run --release -p isnad-extract --example analyze_json -- FILE [--published YYYY-MM-DD]
//! [--oracle GOLD_DIR]`
//!
//! With `--oracle`, entities come from the gold annotation of the document (mention strings
//! located in the text): this measures extraction alone, independent of entity recognition.

use std::collections::HashMap;
use std::error::Error;

use isnad_extract::{extract, extract_actors, Actor, ActorKind};
use isnad_entities::{Entity, EntityRecognizer, EntityType};
use isnad_kb::Kb;
use isnad_ner::AnalyzedText;
use serde_json::{json, Value};

fn char_offsets(text: &str, needle: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let n = needle.chars().count();
    for (b, _) in text.match_indices(needle) {
        let s = text[..b].chars().count();
        out.push((s, s + n));
    }
    out
}

fn oracle_actors(text: &str, gold_dir: &str, doc_id: &str) -> Result<Vec<Actor>, Box<dyn Error>> {
    let registry: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(format!("{gold_dir}/entities.json"))?)?;
    let types: HashMap<&str, &str> = registry.iter().filter_map(|e| Some((e["id"].as_str()?, e["type"].as_str()?))).collect();
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(format!("{gold_dir}/{doc_id}.json"))?)?;
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    let mut actors = Vec::new();
    for e in gold["entities"].as_array().ok_or("no entities")? {
        let id = e["id"].as_str().unwrap_or_default();
        let kind = match types.get(id).copied() {
            Some("PER") => ActorKind::Per,
            Some("ORG") => ActorKind::Org,
            Some("LOC") => ActorKind::Loc,
            _ => ActorKind::Misc,
        };
        let idx = actors.len();
        let mentions: Vec<String> = e["mentions"].as_array().map(|a| a.iter().filter_map(|m| m.as_str().map(String::from)).collect()).unwrap_or_default();
        for m in &mentions {
            for (s, en) in char_offsets(text, m) {
                spans.push((s, en, idx));
            }
        }
        actors.push(Actor { id: id.to_string(), kind, name: mentions.first().cloned().unwrap_or_default(), mentions: Vec::new() });
    }
    spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut last_end = 0;
    for (s, e, a) in spans {
        if s >= last_end {
            actors[a].mentions.push((s, e));
            last_end = e;
        }
    }
    Ok(actors)
}

/// The same mapping the analysis facade uses.
fn actor_of(e: &Entity) -> Actor {
    Actor {
        id: e.id.clone(),
        kind: match e.kind {
            EntityType::Per => ActorKind::Per,
            EntityType::Org => ActorKind::Org,
            EntityType::Loc => ActorKind::Loc,
            _ => ActorKind::Misc,
        },
        name: e.name.clone(),
        mentions: e.mentions.iter().map(|m| (m.start, m.end)).collect(),
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().ok_or("usage: analyze_json FILE [--published DATE] [--oracle GOLD_DIR]")?;
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let text = std::fs::read_to_string(path)?;
    let id = std::path::Path::new(path).file_stem().and_then(|s| s.to_str()).unwrap_or("doc").to_string();
    let published = flag("--published");
    // The oracle mode measures extraction alone, so it skips the upstream models entirely.
    let (x, actors, sentences) = match flag("--oracle") {
        Some(dir) => {
            let actors = oracle_actors(&text, &dir, &id)?;
            (extract_actors(&text, &actors, published.as_deref()), actors, Vec::new())
        }
        None => {
            let doc = AnalyzedText::new(&text);
            let recognizer = EntityRecognizer::new(Kb::builtin());
            let actors: Vec<Actor> = recognizer.recognize(&doc).iter().map(actor_of).collect();
            let sentences: Vec<Value> = doc.sentences.iter().map(|s| json!({"start": s.start, "end": s.end})).collect();
            (extract(&doc, &actors, published.as_deref()), actors, sentences)
        }
    };
    let entities: Vec<Value> = actors
        .iter()
        .map(|a| {
            let kind = match a.kind {
                ActorKind::Per => "PER",
                ActorKind::Org => "ORG",
                ActorKind::Loc => "LOC",
                ActorKind::Misc => "MISC",
            };
            let mentions: Vec<Value> = a.mentions.iter().map(|&(s, e)| json!({"start": s, "end": e, "text": text.chars().skip(s).take(e - s).collect::<String>()})).collect();
            json!({"id": a.id, "type": kind, "name": a.name, "name_en": null, "kb_id": null, "mentions": mentions})
        })
        .collect();
    let out = json!({
        "schema": "isnad.analysis/1",
        "doc": {"id": id, "source": path, "chars": text.chars().count(), "lang": "ar"},
        "sentences": sentences,
        "entities": entities,
        "relations": x.relations,
        "quotes": x.quotes,
        "dates": x.dates,
    });
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}
