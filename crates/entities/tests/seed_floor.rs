//! Regression floor: entity F1 on the mission's seed article, scored by the shared scorer.
//! Skips (with a message) when python3 or the shared directory beside the repository is absent,
//! and fails then under CI (see `isnad-testkit`).

use std::process::Command;

use isnad_entities::{AnalyzedText, EntityRecognizer};
use isnad_kb::Kb;

/// `label` keeps the temporary prediction directories of tests running in parallel apart.
fn seed_f1(recognizer: &EntityRecognizer, label: &str) -> Option<f64> {
    let seed = isnad_testkit::shared("examples/seed.txt")?;
    let scorer = isnad_testkit::shared("tools/score.py")?;
    let gold = isnad_testkit::shared("gold")?;
    if !isnad_testkit::python3() {
        return None;
    }
    let text = std::fs::read_to_string(&seed).expect("read seed");
    let doc = AnalyzedText::new(&text, isnad_morph::Morphology::global());
    let entities = recognizer.recognize(&doc);
    let pred = serde_json::json!({
        "schema": "isnad.analysis/1",
        "doc": {"id": "seed", "source": "examples/seed.txt", "chars": text.chars().count(), "lang": "ar"},
        "sentences": [], "entities": entities, "relations": [], "quotes": [], "dates": [],
    });
    let dir = std::env::temp_dir().join(format!(
        "isnad-entities-floor-{label}-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("seed.json"), pred.to_string()).expect("write prediction");
    let out = Command::new("python3")
        .arg(&scorer)
        .args(["extract", "--gold"])
        .arg(&gold)
        .arg("--pred")
        .arg(&dir)
        .args(["--docs", "seed", "--json"])
        .output()
        .expect("run scorer");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "scorer failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("scorer json");
    report["entity"][2].as_f64()
}

#[test]
fn seed_entity_f1_floor_grammar_only() {
    if let Some(f1) = seed_f1(&EntityRecognizer::without_tagger(Kb::builtin()), "grammar") {
        eprintln!("seed entity F1 (grammar + KB): {f1:.3}");
        assert!(f1 >= 0.85, "seed entity F1 {f1:.3} < 0.85");
    }
}

#[test]
fn seed_entity_f1_floor_with_tagger() {
    if let Some(f1) = seed_f1(&EntityRecognizer::new(Kb::builtin()), "tagger") {
        eprintln!("seed entity F1 (grammar + KB + tagger): {f1:.3}");
        assert!(f1 >= 0.85, "seed entity F1 {f1:.3} < 0.85");
    }
}
