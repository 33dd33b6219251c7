//! `isnad entity` applies the curation decisions made in the workbench, as the server does:
//! decisions are recorded through the API, then the report the command line prints is read
//! from the same store.

mod common;

use common::*;
use isnad_corpus::Corpus;
use serde_json::json;

#[test]
fn entity_report_applies_merges_retypes_and_aliases() {
    let dir = tempfile::tempdir().unwrap();
    let (addr, token) = serve(dir.path(), false);
    let token = token.expect("a write token");
    let job = upload(addr, &token, "news.jsonl", FIXTURE);
    assert_eq!(wait_job(addr, &job.json())["state"], "done");
    let corpus = Corpus::open_reader(dir.path()).unwrap();
    let report = |name: &str| {
        isnad_serve::cli::curated_entity(&corpus, dir.path(), name)
            .unwrap()
            .unwrap_or_else(|| panic!("no entity named {name}"))
    };

    // No decision yet: the corpus's own report.
    let plain = corpus.entity("بغداد").unwrap().unwrap();
    let before = report("بغداد");
    assert_eq!(
        (before.id, &before.name, &before.kind),
        (plain.id, &plain.name, &plain.kind)
    );
    let salmi = report("ماجد السالمي");
    assert_ne!(salmi.id, before.id);

    let key = |name: &str| {
        get(addr, &format!("/api/entity?name={}", enc(name))).json()["entity"]["key"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (bkey, skey) = (key("بغداد"), key("ماجد السالمي"));
    let decide = |decision: serde_json::Value| {
        let r = post_json(
            addr,
            "/api/curation",
            Some(&token),
            &json!({ "decision": decision }),
        );
        assert_eq!(r.status, 201, "{}", r.text());
        r.json()["id"].as_i64().unwrap()
    };

    // A merge: the merged name reports the entity it was merged into, with both documents.
    let merge = decide(json!({"action": "merge", "entity": bkey, "into": skey}));
    let merged = report("بغداد");
    assert_eq!(merged.id, salmi.id, "{merged:?}");
    assert_eq!(merged.name, salmi.name);
    assert!(merged.documents >= salmi.documents.max(plain.documents));
    assert!(
        merged.aliases.iter().any(|(a, _)| a == &plain.name),
        "{:?}",
        merged.aliases
    );
    assert!(merged
        .relations
        .iter()
        .all(|r| r.subject != plain.name && r.object != plain.name));

    // A retype and a curated alias.
    decide(json!({"action": "retype", "entity": skey, "type": "ORG"}));
    decide(json!({"action": "alias", "entity": skey, "alias": "Majid al-Salmi (test)"}));
    let curated = report("Majid al-Salmi (test)");
    assert_eq!(curated.id, salmi.id);
    assert_eq!(curated.kind, "ORG");

    // Undo the merge: each reads as itself again.
    let r = post_json(
        addr,
        &format!("/api/curation/{merge}/undo"),
        Some(&token),
        &json!({}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(report("بغداد").id, plain.id);
}
