//! Mention-level check of the entity stage on a BIO-tagged corpus in ANERcorp's format (one
//! `token TAG` per line, blank lines between sentences): lenient (overlapping spans) precision
//! and recall, untyped and typed. A generality check on text the grammar was not tuned on.
//!
//! ```sh
//! cargo run --release -p isnad-entities --example anercorp_eval -- FILE [--no-tagger] [--min-score S] [--show-errors]
//! ```

use isnad_entities::{AnalyzedText, EntityRecognizer, EntityType};
use isnad_kb::Kb;

/// Sentences per analyzed chunk: long enough for in-document linking to matter.
const CHUNK: usize = 40;

struct GoldSpan {
    start: usize,
    end: usize,
    kind: EntityType,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args
        .iter()
        .find(|a| !a.starts_with("--") && a.parse::<f32>().is_err())
    else {
        return Err("usage: anercorp_eval FILE [--no-tagger]".into());
    };
    let kb = Kb::builtin();
    let recognizer = if args.iter().any(|a| a == "--no-tagger") {
        EntityRecognizer::without_tagger(kb)
    } else {
        EntityRecognizer::new(kb)
    };
    let recognizer = match args.iter().position(|a| a == "--min-score") {
        Some(i) => {
            let v = args.get(i + 1).ok_or("--min-score needs a value")?;
            recognizer.with_min_tagger_score(v.parse()?)
        }
        None => recognizer,
    };
    let show = args.iter().any(|a| a == "--show-errors");
    let data = std::fs::read_to_string(path)?;
    let mut sentences: Vec<Vec<(String, String)>> = vec![Vec::new()];
    for line in data.lines() {
        let mut parts = line.split_whitespace();
        match (parts.next(), parts.next()) {
            (Some(tok), Some(tag)) => {
                if let Some(s) = sentences.last_mut() {
                    s.push((tok.to_string(), tag.to_string()));
                }
            }
            _ => sentences.push(Vec::new()),
        }
    }
    sentences.retain(|s| !s.is_empty());
    let (mut pred_n, mut pred_ok, mut pred_ok_typed) = (0usize, 0usize, 0usize);
    let (mut gold_n, mut gold_found) = (0usize, 0usize);
    for chunk in sentences.chunks(CHUNK) {
        let mut text = String::new();
        let mut gold: Vec<GoldSpan> = Vec::new();
        for sentence in chunk {
            for (tok, tag) in sentence {
                let start = text.chars().count();
                text.push_str(tok);
                let end = text.chars().count();
                text.push(' ');
                let kind = match tag.get(2..) {
                    Some("PERS") | Some("PER") => Some(EntityType::Per),
                    Some("ORG") => Some(EntityType::Org),
                    Some("LOC") => Some(EntityType::Loc),
                    _ => None,
                };
                match (tag.as_bytes().first(), kind) {
                    (Some(b'I'), Some(k)) if gold.last().is_some_and(|g| g.kind == k) => {
                        if let Some(g) = gold.last_mut() {
                            g.end = end;
                        }
                    }
                    (Some(b'B' | b'I'), Some(k)) => gold.push(GoldSpan {
                        start,
                        end,
                        kind: k,
                    }),
                    _ => {}
                }
            }
            text.push('\n');
        }
        let doc = AnalyzedText::new(&text, isnad_morph::Morphology::global());
        let entities = recognizer.recognize(&doc);
        let mut found = vec![false; gold.len()];
        for e in entities.iter().filter(|e| e.kind != EntityType::Misc) {
            for m in &e.mentions {
                pred_n += 1;
                let hits: Vec<usize> = (0..gold.len())
                    .filter(|&g| gold[g].start < m.end && m.start < gold[g].end)
                    .collect();
                if !hits.is_empty() {
                    pred_ok += 1;
                } else if show {
                    println!("FP {} {}", e.kind, m.text);
                }
                if hits.iter().any(|&g| gold[g].kind == e.kind) {
                    pred_ok_typed += 1;
                }
                hits.iter().for_each(|&g| found[g] = true);
            }
        }
        if show {
            for (g, f) in gold.iter().zip(&found) {
                if !f {
                    let t: String = text.chars().skip(g.start).take(g.end - g.start).collect();
                    println!("MISS {} {}", g.kind, t);
                }
            }
        }
        gold_n += gold.len();
        gold_found += found.iter().filter(|&&f| f).count();
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let p = ratio(pred_ok, pred_n);
    let r = ratio(gold_found, gold_n);
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!("mentions predicted {pred_n}, gold {gold_n}");
    println!("lenient untyped  P {p:.3}  R {r:.3}  F1 {f:.3}");
    println!("lenient typed    P {:.3}", ratio(pred_ok_typed, pred_n));
    Ok(())
}
