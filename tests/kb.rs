//! `isnad kb add|list|show`: user entries persist in their own file and change what analyze links.

use crate::util::{isnad, json};
use std::process::{Command, Stdio};

fn isnad_with_kb(user_file: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(args)
        .env("ISNAD_KB_USER", user_file)
        .stdin(Stdio::null())
        .output()
        .expect("the isnad binary runs")
}

/// `isnad kb add --id --type --ar --en` with `required` in that order, then `extra` flags.
fn kb_add(
    user_file: &std::path::Path,
    required: &[&str; 4],
    extra: &[&str],
) -> std::process::Output {
    let mut args = vec!["kb", "add"];
    for (flag, value) in ["--id", "--type", "--ar", "--en"].iter().zip(required) {
        args.extend([*flag, *value]);
    }
    args.extend_from_slice(extra);
    isnad_with_kb(user_file, &args)
}

#[test]
fn added_entries_persist_and_link() {
    let dir = tempfile::tempdir().unwrap();
    let user = dir.path().join("kb_user.tsv");
    let add = kb_add(
        &user,
        &[
            "nahr-brigade",
            "org",
            "لواء النهر الأزرق",
            "Blue River Brigade",
        ],
        &["--alias-ar", "النهر الأزرق"],
    );
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    assert!(user.exists(), "the user file is created");

    // A second add of the same id is refused, and the file keeps one copy.
    let again = kb_add(&user, &["nahr-brigade", "ORG", "س", "S"], &[]);
    assert!(!again.status.success());

    let list = isnad_with_kb(&user, &["kb", "list", "--user"]);
    let listed = String::from_utf8_lossy(&list.stdout);
    assert_eq!(listed.lines().count(), 1, "{listed}");
    assert!(listed.starts_with("nahr-brigade\tORG\tلواء النهر الأزرق"));

    // Any spelling finds it: the English name, and the Arabic one with a hamza variant.
    for query in ["Blue River Brigade", "لواء النهر الازرق"] {
        let show = isnad_with_kb(&user, &["kb", "show", query]);
        assert!(show.status.success(), "{query}");
        assert!(String::from_utf8_lossy(&show.stdout).contains("\"id\": \"nahr-brigade\""));
    }
    let missing = isnad_with_kb(&user, &["kb", "show", "لا يوجد شيء كهذا"]);
    assert_eq!(missing.status.code(), Some(1));

    // analyze links the new entry.
    let doc = dir.path().join("doc.txt");
    std::fs::write(&doc, "أعلن لواء النهر الأزرق مسؤوليته عن الهجوم.\n").unwrap();
    let out = isnad_with_kb(&user, &["analyze", doc.to_str().unwrap()]);
    let v = json(&out);
    let linked = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["kb_id"] == "nahr-brigade");
    assert!(
        linked,
        "{}",
        serde_json::to_string_pretty(&v["entities"]).unwrap()
    );
}

#[test]
fn the_curated_kb_is_large_and_typed() {
    let list = isnad(&["kb", "list"], None);
    let text = String::from_utf8_lossy(&list.stdout);
    assert!(text.lines().count() >= 300);
    for kind in ["PER", "ORG", "LOC"] {
        assert!(text.lines().any(|l| l.split('\t').nth(1) == Some(kind)));
    }
    let bad = isnad(&["kb", "list", "--type", "PLANET"], None);
    assert_eq!(bad.status.code(), Some(2));
}
