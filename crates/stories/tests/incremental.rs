//! The incremental index on invented articles (`tests/fixtures/followups`: a flood reported by
//! three outlets over three days, and the same region's emir opening a hospital the same week):
//! follow-ups join their story, the hard negatives stay apart, copies are marked, and an index
//! grown batch by batch through its stored rows equals one rebuilt from scratch.

use isnad_stories::{
    arrival_order, group_stories, story_title, DocFeatures, Story, StoryConfig, StoryDoc,
    StoryIndex,
};
use std::path::Path;

fn read_docs(sub: &str) -> Vec<StoryDoc> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(sub)
        .join("docs.jsonl");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn story_with<'a>(stories: &'a [Story], id: &str) -> &'a Story {
    stories
        .iter()
        .find(|s| s.doc_ids.iter().any(|d| d == id))
        .unwrap()
}

#[test]
fn follow_ups_over_days_join_and_the_same_actors_elsewhere_stay_apart() {
    let docs = read_docs("followups");
    let stories = group_stories(&docs, &StoryConfig::default());
    let flood = story_with(&stories, "sayl-wasat-1");
    assert_eq!(
        flood.doc_ids,
        [
            "sayl-nabaa-3",
            "sayl-raed-1",
            "sayl-wasat-1",
            "sayl-wasat-2"
        ],
        "{stories:#?}"
    );
    assert_eq!(
        flood.id, "s_sayl-wasat-1",
        "the first report founds the story"
    );
    let hospital = story_with(&stories, "mustashfa-raed");
    assert_eq!(hospital.doc_ids, ["mustashfa-nabaa", "mustashfa-raed"]);
    assert_eq!(story_with(&stories, "kitab-wasat").doc_ids, ["kitab-wasat"]);
}

#[test]
fn a_near_copy_is_marked_and_not_counted_as_independent() {
    let mut docs = read_docs("followups");
    let mut copy = docs.iter().find(|d| d.id == "sayl-raed-1").unwrap().clone();
    copy.id = "sayl-sada-1".into();
    copy.outlet = Some("al-sada".into());
    copy.text = copy.text.replace("مساء أمس", "مساء الاثنين");
    docs.push(copy);
    let stories = group_stories(&docs, &StoryConfig::default());
    let flood = story_with(&stories, "sayl-sada-1");
    assert!(flood.doc_ids.iter().any(|d| d == "sayl-raed-1"));
    assert_eq!(
        flood.copies,
        [("sayl-sada-1".to_string(), "sayl-raed-1".to_string())]
    );
    assert_eq!(flood.independent_reports, flood.doc_ids.len() - 1);
}

/// What a store keeps per document, in placement order.
struct Row {
    id: String,
    title: String,
    features: Vec<u8>,
    story: String,
    copy_of: Option<String>,
}

/// Reloads an index from stored rows, as a store does before the next ingest.
fn reload(rows: &[Row]) -> StoryIndex {
    let mut index = StoryIndex::embedded().unwrap();
    for r in rows {
        let f = DocFeatures::from_bytes(&r.features).unwrap();
        index.restore(&r.id, r.title.clone(), f, &r.story, r.copy_of.as_deref());
    }
    index
}

#[test]
fn growing_batch_by_batch_through_stored_rows_equals_a_rebuild() {
    let mut docs = read_docs("followups");
    docs.extend(read_docs(""));
    docs.extend(read_docs("heldout"));
    let rebuilt = group_stories(&docs, &StoryConfig::default());
    let order = arrival_order(&docs);
    let mut rows: Vec<Row> = Vec::new();
    for batch in order.chunks(5) {
        let mut index = reload(&rows);
        let mut placed = Vec::new();
        for &i in batch {
            index.insert(&docs[i]);
            placed.push(i);
        }
        // A story's membership may have changed for earlier rows only by new members joining;
        // stored rows never move.
        for i in placed {
            let d = &docs[i];
            rows.push(Row {
                id: d.id.clone(),
                title: story_title(d),
                features: DocFeatures::of(d).to_bytes(),
                story: index.story_of(&d.id).unwrap().id,
                copy_of: index.copy_of(&d.id).map(str::to_string),
            });
        }
    }
    let grown = reload(&rows).stories();
    assert_eq!(grown, rebuilt);
    assert!(rebuilt.iter().any(|s| s.doc_ids.len() >= 4));
}

#[test]
fn inserting_twice_changes_nothing() {
    let docs = read_docs("followups");
    let mut index = StoryIndex::embedded().unwrap();
    let first: Vec<_> = docs.iter().map(|d| index.insert(d)).collect();
    let before = index.stories();
    for (d, p) in docs.iter().zip(&first) {
        assert_eq!(index.insert(d).story_id, p.story_id);
    }
    assert_eq!(index.stories(), before);
    assert_eq!(index.len(), docs.len());
}
