//! `isnad eval extract` agrees with the reference scorer, `shared/tools/score.py`, digit for digit.

use crate::util::{isnad, shared_dir};
use std::process::Command;

#[test]
fn eval_extract_prints_what_the_reference_scorer_prints() {
    let Some(shared) = shared_dir() else { return };
    if !isnad_testkit::python3() {
        return;
    }
    let pred = tempfile::tempdir().expect("temp dir");
    let examples = shared.join("examples");
    let mut docs = Vec::new();
    for entry in std::fs::read_dir(&examples).expect("examples folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("name");
        let out = isnad(&["analyze", path.to_str().expect("utf-8 path")], None);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::write(pred.path().join(format!("{stem}.json")), &out.stdout).expect("write");
        docs.push(stem.to_string());
    }
    assert!(docs.len() >= 13, "the 13 dev articles");
    let gold = shared.join("gold");
    let (gold, pred) = (
        gold.to_str().expect("path"),
        pred.path().to_str().expect("path"),
    );
    let ours = isnad(&["eval", "extract", "--gold", gold, "--pred", pred], None);
    assert!(
        ours.status.success(),
        "{}",
        String::from_utf8_lossy(&ours.stderr)
    );
    let reference = Command::new("python3")
        .arg(shared.join("tools/score.py"))
        .args(["extract", "--gold", gold, "--pred", pred])
        .output()
        .expect("score.py runs");
    assert!(reference.status.success());
    assert_eq!(
        String::from_utf8_lossy(&ours.stdout),
        String::from_utf8_lossy(&reference.stdout)
    );
}
