//! Annotated news articles as NER training sentences: each gold entity's mention strings are
//! projected onto its article's text.
//!
//! The articles (`shared/train`: `text/<id>.txt`, `gold/<id>.json`, `split.tsv`) are annotated at
//! the entity level (an entity with its distinct mention strings, no offsets), in the conventions of
//! the analysis contract: collective actors, ministries, courts and titles used as names are
//! mentions, which ANERcorp rarely tags. Projecting the strings back onto the text gives token-level
//! tags in exactly the domain and conventions `isnad analyze` is scored on. Only the articles the
//! split file marks `train` are read: the test articles must stay unseen.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use isnad_doc::AnalyzedText;
use serde::Deserialize;

use crate::corpus::Sentence;
use crate::error::NerError;
use crate::label::{BioTag, NerLabel};

#[derive(Deserialize)]
struct GoldDoc {
    #[serde(default)]
    entities: Vec<GoldEntity>,
}

#[derive(Deserialize)]
struct GoldEntity {
    id: String,
    /// The type, when the document gives it; otherwise the registry's.
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    mentions: Vec<String>,
}

/// An entry of the registry `gold/entities.json`: the type of each entity id.
#[derive(Deserialize)]
struct RegistryEntry {
    id: String,
    #[serde(rename = "type")]
    kind: String,
}

/// Letters that may be glued before a mention inside its token (conjunctions, prepositions):
/// «وحماس», «بالقاهرة», «للسلطات».
const PROCLITICS: &str = "وفبلك";

/// The training sentences of the articles of `dir` whose split is `split` (see the module doc), in
/// document-id order. Every sentence of each article is kept, with or without a mention, so the
/// learner also sees what the annotators left untagged.
///
/// # Errors
/// Unreadable files, or a gold file that is not the contract's JSON.
pub fn read_articles(dir: &Path, split: &str) -> Result<Vec<Sentence>, NerError> {
    let split_path = dir.join("split.tsv");
    let listing = std::fs::read_to_string(&split_path).map_err(|e| NerError::io(&split_path, e))?;
    let mut ids: Vec<&str> = listing
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .filter(|(_, s)| s.trim() == split)
        .map(|(id, _)| id.trim())
        .collect();
    ids.sort_unstable();
    let reg_path = dir.join("gold").join("entities.json");
    let registry = std::fs::read_to_string(&reg_path).map_err(|e| NerError::io(&reg_path, e))?;
    let registry: Vec<RegistryEntry> = serde_json::from_str(&registry)
        .map_err(|e| NerError::InvalidFormat(format!("{}: {e}", reg_path.display())))?;
    let types: HashMap<String, String> = registry.into_iter().map(|e| (e.id, e.kind)).collect();
    let mut out = Vec::new();
    for id in ids {
        let text_path = dir.join("text").join(format!("{id}.txt"));
        let gold_path = dir.join("gold").join(format!("{id}.json"));
        let text = std::fs::read_to_string(&text_path).map_err(|e| NerError::io(&text_path, e))?;
        let gold = std::fs::read_to_string(&gold_path).map_err(|e| NerError::io(&gold_path, e))?;
        let mut gold: GoldDoc = serde_json::from_str(&gold)
            .map_err(|e| NerError::InvalidFormat(format!("{}: {e}", gold_path.display())))?;
        for e in &mut gold.entities {
            if e.kind.is_none() {
                e.kind = types.get(&e.id).cloned();
            }
        }
        out.extend(project(&text, &gold.entities));
    }
    Ok(out)
}

fn label_of(kind: &str) -> Option<NerLabel> {
    match kind {
        "PER" => Some(NerLabel::Per),
        "ORG" => Some(NerLabel::Org),
        "LOC" => Some(NerLabel::Loc),
        _ => None,
    }
}

/// Tags every occurrence of every mention string on token boundaries (a mention may start after
/// proclitic letters of its first token), longest strings first; a token already tagged is never
/// re-tagged, so nested mentions («سيناء» in «ولاية سيناء») keep the outer one.
fn project(text: &str, entities: &[GoldEntity]) -> Vec<Sentence> {
    let doc = AnalyzedText::new(text, isnad_morph::Morphology::global());
    // Byte offset → code-point offset, for matching `str::match_indices` against token offsets.
    let mut cp_of_byte: BTreeMap<usize, usize> = BTreeMap::new();
    for (cp, (b, _)) in text.char_indices().enumerate() {
        cp_of_byte.insert(b, cp);
    }
    cp_of_byte.insert(text.len(), text.chars().count());
    let mut mentions: Vec<(&str, NerLabel)> = entities
        .iter()
        .filter_map(|e| label_of(e.kind.as_deref()?).map(|l| (e, l)))
        .flat_map(|(e, l)| e.mentions.iter().map(move |m| (m.trim(), l)))
        .filter(|(m, _)| !m.is_empty())
        .collect();
    mentions.sort_by(|a, b| {
        b.0.chars()
            .count()
            .cmp(&a.0.chars().count())
            .then(a.0.cmp(b.0))
    });
    mentions.dedup_by(|a, b| a.0 == b.0);
    let mut tags = vec![BioTag::O; doc.tokens.len()];
    for (m, label) in mentions {
        for (b, _) in text.match_indices(m) {
            let (Some(&s), Some(&e)) = (cp_of_byte.get(&b), cp_of_byte.get(&(b + m.len()))) else {
                continue;
            };
            let Some(first) = doc.tokens.iter().position(|t| t.end > s) else {
                continue;
            };
            let Some(last) = doc.tokens.iter().rposition(|t| t.start < e) else {
                continue;
            };
            let t0 = &doc.tokens[first];
            let lead: String = text
                .chars()
                .skip(t0.start)
                .take(s.saturating_sub(t0.start))
                .collect();
            let lead_ok = s <= t0.start
                || (lead.chars().count() <= 2 && lead.chars().all(|c| PROCLITICS.contains(c)));
            if !lead_ok || doc.tokens[last].end != e || last < first {
                continue;
            }
            if tags[first..=last].iter().any(|t| *t != BioTag::O) {
                continue;
            }
            tags[first] = BioTag::B(label);
            tags[first + 1..=last]
                .iter_mut()
                .for_each(|t| *t = BioTag::I(label));
        }
    }
    doc.sentence_tokens
        .iter()
        .map(|r| Sentence {
            words: r.clone().map(|i| doc.token_str(i).to_string()).collect(),
            tags: tags[r.clone()].to_vec(),
        })
        .filter(|s| !s.words.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_projected_on_token_boundaries() {
        let text = "قالت وزارة الخارجية إن وزيرها التقى بالرئيس سامي. وقالت الوزارة في بيان لوزارة الخارجية.";
        let entities = vec![
            GoldEntity {
                id: "mofa".into(),
                kind: Some("ORG".into()),
                mentions: vec!["وزارة الخارجية".into()],
            },
            GoldEntity {
                id: "sami".into(),
                kind: Some("PER".into()),
                mentions: vec!["سامي".into(), "الرئيس سامي".into()],
            },
        ];
        let sents = project(text, &entities);
        let tagged: Vec<(String, BioTag)> = sents
            .iter()
            .flat_map(|s| s.words.iter().cloned().zip(s.tags.iter().copied()))
            .filter(|(_, t)| *t != BioTag::O)
            .collect();
        let org = NerLabel::Org;
        let per = NerLabel::Per;
        assert_eq!(
            tagged,
            vec![
                ("وزارة".to_string(), BioTag::B(org)),
                ("الخارجية".to_string(), BioTag::I(org)),
                ("بالرئيس".to_string(), BioTag::B(per)),
                ("سامي".to_string(), BioTag::I(per)),
                ("لوزارة".to_string(), BioTag::B(org)),
                ("الخارجية".to_string(), BioTag::I(org)),
            ]
        );
    }
}
