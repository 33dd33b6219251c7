//! The report a person reads: entities first, because relations and quotes refer to them by id;
//! then who did what to whom with the evidence; then quotes with their speaker and chain.

use crate::contract::Analysis;
use std::collections::HashMap;
use std::fmt::Write;

/// Render an analysis as a plain-text report.
pub fn render_pretty(analysis: &Analysis) -> String {
    let mut out = String::new();
    let names: HashMap<&str, String> = analysis
        .entities
        .iter()
        .map(|e| (e.id.as_str(), format!("{} ({})", e.name, e.name_en)))
        .collect();
    let name_of = |id: &Option<String>| -> String {
        match id {
            Some(id) => names
                .get(id.as_str())
                .cloned()
                .unwrap_or_else(|| id.clone()),
            None => "—".to_string(),
        }
    };
    let doc = &analysis.doc;
    let _ = writeln!(
        out,
        "══ {} ({}) — {} chars, {} sentences, lang {}",
        doc.id,
        doc.source,
        doc.chars,
        analysis.sentences.len(),
        doc.lang
    );

    let _ = writeln!(out, "\nEntities ({})", analysis.entities.len());
    for e in &analysis.entities {
        let kb = e
            .kb_id
            .as_deref()
            .map(|k| format!(" [kb:{k}]"))
            .unwrap_or_default();
        let mut forms: Vec<&str> = Vec::new();
        for m in &e.mentions {
            if !forms.contains(&m.text.as_str()) {
                forms.push(&m.text);
            }
        }
        let _ = writeln!(
            out,
            "  {:<4} {:<4} {} — {}{}  ×{}: {}",
            e.id,
            format!("{:?}", e.kind),
            e.name,
            e.name_en,
            kb,
            e.mentions.len(),
            forms.join(" | ")
        );
    }

    let _ = writeln!(out, "\nWho did what to whom ({})", analysis.relations.len());
    for r in &analysis.relations {
        let subject = name_of(&Some(r.subject.clone()));
        let object = name_of(&Some(r.object.clone()));
        let neg = if r.negated { "NOT " } else { "" };
        let _ = writeln!(
            out,
            "  {subject} —{neg}{}→ {object}   (confidence {:.2})",
            relation_name(&r.kind),
            r.confidence
        );
        if r.asserted_by.is_some() {
            let _ = writeln!(out, "      according to {}", name_of(&r.asserted_by));
        }
        let _ = writeln!(out, "      «{}»", r.evidence.text);
    }

    let _ = writeln!(out, "\nQuotes ({})", analysis.quotes.len());
    for q in &analysis.quotes {
        let speaker = match &q.speaker {
            Some(_) => name_of(&q.speaker),
            None => format!("{} (unnamed)", q.speaker_text),
        };
        let _ = writeln!(out, "  {speaker} [{}]: «{}»", q.cue, q.text);
        if !q.via.is_empty() {
            let chain: Vec<String> = q.via.iter().map(|v| name_of(&Some(v.clone()))).collect();
            let _ = writeln!(out, "      via {}", chain.join(" ← "));
        }
    }

    let _ = writeln!(out, "\nDates ({})", analysis.dates.len());
    for d in &analysis.dates {
        let _ = writeln!(out, "  {} → {}", d.text, d.value);
    }
    out
}

/// The contract's snake_case name of a relation type, as its serializer writes it.
fn relation_name<T: serde::Serialize>(kind: &T) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(name)) => name,
        _ => "relation".to_string(),
    }
}
