//! Shared by the floor test, the examples and the bench: oracle actors from a gold
//! annotation, the entity-recognizer actors, and the contract JSON the scorer reads.

#![allow(dead_code)]

use std::collections::HashMap;
use std::error::Error;

use isnad_doc::AnalyzedText;
use isnad_entities::{Entity, EntityRecognizer, EntityType};
use isnad_extract::{Actor, ActorKind, Extraction};
use isnad_kb::Kb;
use serde_json::{json, Value};

fn char_offsets(text: &str, needle: &str) -> Vec<(usize, usize)> {
    let n = needle.chars().count();
    text.match_indices(needle)
        .map(|(b, _)| text[..b].chars().count())
        .map(|s| (s, s + n))
        .collect()
}

/// Actors from the gold annotation of `doc_id`: its mention strings located in the text
/// (longest first where two overlap). Measures extraction independently of entity recognition.
pub fn oracle_actors(
    text: &str,
    gold_dir: &str,
    doc_id: &str,
) -> Result<Vec<Actor>, Box<dyn Error>> {
    let registry: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(format!(
        "{gold_dir}/entities.json"
    ))?)?;
    let types: HashMap<&str, &str> = registry
        .iter()
        .filter_map(|e| Some((e["id"].as_str()?, e["type"].as_str()?)))
        .collect();
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(format!(
        "{gold_dir}/{doc_id}.json"
    ))?)?;
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
        let mentions: Vec<String> = e["mentions"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|m| m.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        for m in &mentions {
            spans.extend(
                char_offsets(text, m)
                    .into_iter()
                    .map(|(s, en)| (s, en, idx)),
            );
        }
        actors.push(Actor {
            id: id.to_string(),
            kind,
            name: mentions.first().cloned().unwrap_or_default(),
            mentions: Vec::new(),
        });
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

/// The mapping the analysis facade uses from entities to actors.
pub fn actor_of(e: &Entity) -> Actor {
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

/// Actors from the entity recognizer over the built-in knowledge base.
pub fn pipeline_actors(doc: &AnalyzedText<'_>) -> Vec<Actor> {
    EntityRecognizer::new(Kb::builtin())
        .recognize(doc)
        .iter()
        .map(actor_of)
        .collect()
}

/// The analysis contract JSON for one document.
pub fn contract_json(
    id: &str,
    source: &str,
    text: &str,
    actors: &[Actor],
    x: &Extraction,
) -> Value {
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
    json!({
        "schema": "isnad.analysis/1",
        "doc": {"id": id, "source": source, "chars": text.chars().count(), "lang": "ar"},
        "entities": entities,
        "relations": x.relations,
        "quotes": x.quotes,
        "dates": x.dates,
    })
}
