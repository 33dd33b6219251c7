//! Integrity of the curated file and the user-file round trip.

use std::collections::HashSet;

use isnad_kb::{lookup_key, EntityType, Kb, KbEntry, KbError, Origin};

#[test]
fn builtin_has_enough_unique_entries() {
    let kb = Kb::builtin();
    assert!(kb.len() >= 300, "only {} entries", kb.len());
    assert!(!kb.version().is_empty(), "missing # version: header");
    let ids: HashSet<&str> = kb.list().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), kb.len());
    for kind in [EntityType::Per, EntityType::Org, EntityType::Loc] {
        assert!(kb.list().iter().filter(|e| e.kind == kind).count() >= 50);
    }
}

#[test]
fn every_alias_resolves_back_to_its_entry() {
    let kb = Kb::builtin();
    for entry in kb.list() {
        for name in entry.all_names().filter(|n| !n.is_empty()) {
            let hits = kb.lookup(name);
            assert!(
                hits.iter().any(|h| h.id == entry.id),
                "`{name}` does not resolve to `{}`",
                entry.id
            );
        }
    }
}

#[test]
fn parents_exist() {
    let kb = Kb::builtin();
    for entry in kb.list() {
        if let Some(p) = &entry.parent {
            assert!(kb.get(p).is_some(), "{}: unknown parent {p}", entry.id);
        }
    }
}

#[test]
fn lookup_folds_spelling_article_and_case() {
    let kb = Kb::builtin();
    assert_eq!(kb.lookup("أبي بكر البغدادي")[0].id, "baghdadi");
    assert_eq!(kb.lookup("ولايه سيناء")[0].id, "wilayat_sinai");
    assert_eq!(kb.lookup("«داعش»")[0].id, "isis");
    assert_eq!(kb.lookup("سودان")[0].id, "sudan");
    assert_eq!(kb.lookup("REUTERS")[0].id, "reuters");
    assert!(kb.lookup("كلمة لا وجود لها").is_empty());
    assert!(kb.lookup("").is_empty());
    // A weak alias links but is flagged as such.
    let assad = kb.lookup("الأسد");
    assert_eq!(assad[0].id, "bashar_assad");
    assert!(assad[0]
        .weak_aliases_ar
        .iter()
        .any(|w| lookup_key(w) == "الاسد"));
}

#[test]
fn user_add_list_show_round_trip() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sub").join("kb_user.tsv");
    let mut kb = Kb::load(Some(&file)).expect("load without user file");
    let before = kb.len();

    let mut entry = KbEntry::new(
        "test_brigade",
        EntityType::Org,
        "لواء الاختبار",
        "Test Brigade",
    );
    entry.aliases_ar = vec!["لواء الاختبار الأول".into()];
    entry.weak_aliases_ar = vec!["الاختبار".into()];
    entry.parent = Some("hamas".into());
    kb.add(entry.clone(), Some(&file)).expect("add");
    assert_eq!(kb.len(), before + 1);
    assert_eq!(kb.get("test_brigade").map(|e| e.origin), Some(Origin::User));

    // A fresh load sees the entry, identical field by field.
    let reloaded = Kb::load(Some(&file)).expect("reload");
    let got = reloaded.get("test_brigade").expect("persisted");
    assert_eq!(got, &entry);
    assert_eq!(reloaded.lookup("لواء الاختبار الاول")[0].id, "test_brigade");
    assert!(reloaded.list().iter().any(|e| e.id == "test_brigade"));

    // Duplicate ids and malformed entries are refused.
    let mut again = kb.clone();
    assert!(matches!(
        again.add(entry, Some(&file)),
        Err(KbError::InvalidEntry { .. })
    ));
    let bad = KbEntry::new("has space", EntityType::Per, "س", "S");
    assert!(again.add(bad, Some(&file)).is_err());
}

#[test]
fn user_entry_overrides_builtin() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("kb_user.tsv");
    std::fs::write(&file, "hamas\tORG\tحماس\tHAMAS (user)\t\t\t\t\t\n").expect("write");
    let kb = Kb::load(Some(&file)).expect("load");
    assert_eq!(
        kb.get("hamas").map(|e| e.name_en.as_str()),
        Some("HAMAS (user)")
    );
    assert_eq!(kb.len(), Kb::builtin().len());
    // The builtin's other aliases no longer point at the replaced entry.
    assert!(kb.lookup("حركة المقاومة الإسلامية").is_empty());
}

#[test]
fn parse_errors_name_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("broken.tsv");
    std::fs::write(
        &file,
        "# version: 1\nok\tPER\tاسم\tName\nbad\tXYZ\tاسم\tName\n",
    )
    .expect("write");
    let err = Kb::load(Some(&file)).expect_err("bad type");
    let msg = err.to_string();
    assert!(msg.contains("broken.tsv:3"), "{msg}");
    assert!(matches!(err, KbError::Parse { line: 3, .. }));

    std::fs::write(&file, "a\tPER\tاسم\tN\na\tPER\tاسم\tN\n").expect("write");
    assert!(matches!(
        Kb::load(Some(&file)),
        Err(KbError::DuplicateId { line: 2, .. })
    ));
}

/// Issue 16: an id starting with `#` was written to the user file, where it reads back as a
/// comment: "added", and the entry never appeared. Such an id is refused before writing.
#[test]
fn an_id_that_would_read_back_as_a_comment_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let user = dir.path().join("kb_user.tsv");
    let mut kb = Kb::load(Some(&user)).unwrap();
    let entry = KbEntry::new("#x", EntityType::Org, "لواء تجريبي", "Test Brigade");
    let err = kb.add(entry, Some(&user)).unwrap_err();
    assert!(err.to_string().contains('#'), "{err}");
    assert!(!user.exists() || !std::fs::read_to_string(&user).unwrap().contains("#x"));
    // A `#` inside an id is fine: only the first character makes a comment line.
    let entry = KbEntry::new("x#1", EntityType::Org, "لواء تجريبي", "Test Brigade");
    kb.add(entry, Some(&user)).unwrap();
    assert!(Kb::load(Some(&user)).unwrap().get("x#1").is_some());
}
