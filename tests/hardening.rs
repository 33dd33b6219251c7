//! Issue 16 ("Hardening"): what a hostile tester found, each case a test of the binary.

#[cfg(unix)]
use crate::util::isnad_unprivileged;
use crate::util::{ingest, json, run as isnad, search_ids, stderr, BODY};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn page(word: &str) -> String {
    format!("<html><head><title>{word}</title></head><body><article><p>{BODY} {word}</p><p>{BODY}</p></article></body></html>")
}

#[test]
fn files_with_one_name_in_several_folders_stay_distinct_and_reingest_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    std::fs::create_dir_all(root.join("a")).unwrap();
    std::fs::create_dir_all(root.join("b")).unwrap();
    std::fs::write(root.join("a/report.txt"), format!("{BODY} سيول")).unwrap();
    std::fs::write(root.join("b/report.txt"), format!("{BODY} سيول أمطار")).unwrap();
    std::fs::write(root.join("b/report.html"), page("سيول")).unwrap();
    let data = dir.path().join("data");
    let out = ingest(&[&root], &data, Duration::from_secs(120));
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = json(&out);
    assert_eq!(summary["ingested"], 3, "{summary}");
    assert_eq!(summary["updated"], 0, "{summary}");
    assert_eq!(
        search_ids(&data, "سيول"),
        [
            "news/a/report.txt",
            "news/b/report.html",
            "news/b/report.txt"
        ]
    );
    // Unchanged folder: nothing changes, in any order of the arguments.
    let again = json(&ingest(&[&root], &data, Duration::from_secs(120)));
    assert_eq!(again["ingested"], 0, "{again}");
    assert_eq!(again["updated"], 0, "{again}");
    assert_eq!(again["unchanged"], 3, "{again}");
}

#[test]
fn a_repeated_record_id_is_reported_not_merged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.jsonl");
    let line = |id: serde_json::Value, extra: &str| {
        serde_json::json!({"id": id, "text": format!("{BODY} {extra}")}).to_string()
    };
    let lines = [
        line(serde_json::json!(1), "أول"),
        line(serde_json::json!("1"), "ثان"),
        line(serde_json::json!(2), "ثالث"),
        line(serde_json::json!(2), "رابع"),
    ];
    std::fs::write(&path, lines.join("\n")).unwrap();
    let data = dir.path().join("data");
    let out = ingest(&[&path], &data, Duration::from_secs(120));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let summary = json(&out);
    assert_eq!(summary["ingested"], 2, "{summary}");
    assert_eq!(summary["updated"], 0, "{summary}");
    assert_eq!(summary["skipped"], 2, "{summary}");
    let err = stderr(&out);
    assert!(err.contains("line 2") && err.contains("line 4"), "{err}");
    assert!(err.contains("repeats"), "{err}");
    // The first record of each id is the one kept.
    assert_eq!(search_ids(&data, "أول"), ["1"]);
    assert!(search_ids(&data, "ثان").is_empty());
}

#[cfg(unix)]
#[test]
fn symlink_loops_end_and_each_file_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    std::fs::create_dir_all(root.join("a/b")).unwrap();
    std::fs::write(root.join("a/one.txt"), format!("{BODY} سيول")).unwrap();
    std::fs::write(root.join("a/b/two.txt"), format!("{BODY} سيول أمطار")).unwrap();
    std::os::unix::fs::symlink(&root, root.join("a/b/up")).unwrap();
    std::os::unix::fs::symlink(root.join("a"), root.join("a/b/loop")).unwrap();
    let data = dir.path().join("data");
    let out = ingest(&[&root], &data, Duration::from_secs(60));
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = json(&out);
    assert_eq!(summary["files"], 2, "{summary}");
    assert_eq!(summary["ingested"], 2, "{summary}");
}

#[cfg(unix)]
#[test]
fn unreadable_folders_and_missing_paths_are_reported_and_the_rest_ingested() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    let locked = root.join("locked");
    std::fs::create_dir_all(&locked).unwrap();
    std::fs::write(root.join("ok.txt"), format!("{BODY} سيول")).unwrap();
    std::fs::write(locked.join("hidden.txt"), format!("{BODY} أمطار")).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads a folder whatever its mode: then only the missing path is a problem.
    let locks = std::fs::read_dir(&locked).is_err();
    if !locks {
        eprintln!(
            "running as root: the locked folder stays readable, only the missing path is checked"
        );
    }
    let other = dir.path().join("other.txt");
    std::fs::write(&other, format!("{BODY} رياح")).unwrap();
    let missing = dir.path().join("missing");
    let data = dir.path().join("data");
    let out = ingest(&[&root, &missing, &other], &data, Duration::from_secs(120));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        !locks || err.contains(&locked.display().to_string()),
        "{err}"
    );
    assert!(err.contains(&missing.display().to_string()), "{err}");
    let summary = json(&out);
    let locked_docs = if locks { 0 } else { 1 };
    assert_eq!(summary["ingested"], 2 + locked_docs, "{summary}");
    assert_eq!(summary["skipped"], 2 - locked_docs, "{summary}");
}

#[cfg(target_os = "linux")]
#[test]
fn file_names_that_are_not_utf8_are_ingested_with_an_escaped_id() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    std::fs::create_dir_all(&root).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"bad\xff.txt");
    std::fs::write(root.join(name), format!("{BODY} سيول")).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"bad\xfe.txt");
    std::fs::write(root.join(name), format!("{BODY} سيول أمطار")).unwrap();
    let data = dir.path().join("data");
    let out = ingest(&[&root], &data, Duration::from_secs(120));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(&out)["ingested"], 2);
    assert_eq!(
        search_ids(&data, "سيول"),
        ["news/bad%FE.txt", "news/bad%FF.txt"]
    );
}

fn small_store(dir: &Path) -> std::path::PathBuf {
    let root = dir.join("news");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("one.txt"), format!("{BODY} سيول")).unwrap();
    std::fs::write(root.join("two.txt"), format!("{BODY} سيول أمطار")).unwrap();
    let data = dir.join("data");
    let out = ingest(&[&root], &data, Duration::from_secs(120));
    assert!(out.status.success(), "{}", stderr(&out));
    data
}

#[test]
fn search_limits_huge_zero_and_a_mistyped_store() {
    let dir = tempfile::tempdir().unwrap();
    let data = small_store(dir.path());
    let d = data.to_str().unwrap();
    // Panicked with a capacity overflow, and aborted on a 32 GB allocation.
    for limit in ["18446744073709551615", "4294967296"] {
        let out = isnad(&[
            "search", "سيول", "--data", d, "--limit", limit, "--format", "json",
        ]);
        assert!(out.status.success(), "--limit {limit}: {}", stderr(&out));
        assert_eq!(json(&out)["hits"].as_array().unwrap().len(), 2);
    }
    // Returned one hit.
    let out = isnad(&["search", "سيول", "--data", d, "--limit", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("limit"), "{}", stderr(&out));
    // Created an empty store and said "no documents match".
    let typo = dir.path().join("dtaa");
    for cmd in [
        &["search", "سيول"][..],
        &["stats"],
        &["entity", "Riyadh"],
        &["stories"],
    ] {
        let mut args = cmd.to_vec();
        args.extend(["--data", typo.to_str().unwrap()]);
        let out = isnad(&args);
        assert_eq!(out.status.code(), Some(2), "{cmd:?}");
        let err = stderr(&out);
        assert!(
            err.contains(typo.to_str().unwrap()) && err.contains("no corpus"),
            "{err}"
        );
        assert!(!typo.exists(), "{cmd:?} created {}", typo.display());
    }
}

#[test]
fn an_impossible_published_date_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.txt");
    std::fs::write(&path, "وصل الوزير أمس").unwrap();
    let file = path.to_str().unwrap();
    let out = isnad(&["analyze", "--published", "2015-13-45", file]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("2015-13-45"), "{err}");
    let ok = isnad(&["analyze", "--published", "2016-02-29", file]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    let value = json(&ok);
    assert_eq!(value["dates"][0]["value"], "2016-02-28", "{value}");
    let bad = isnad(&["analyze", "--published", "2015-02-29", file]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_utf16_file_is_analyzed() {
    let dir = tempfile::tempdir().unwrap();
    let text = "قال الوزير إن الاجتماع انتهى";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let path = dir.path().join("windows.txt");
    std::fs::write(&path, &bytes).unwrap();
    let out = isnad(&["analyze", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(&out)["doc"]["chars"], text.chars().count());
}

#[cfg(unix)]
#[test]
fn a_read_only_store_stays_searchable() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = small_store(dir.path());
    // Readable by anyone, writable by no one (the parents must let the user through).
    for p in [dir.path().to_path_buf(), data.clone(), data.join("index")] {
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    for entry in std::fs::read_dir(data.join("index"))
        .unwrap()
        .chain(std::fs::read_dir(&data).unwrap())
    {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        }
    }
    let d = data.to_str().unwrap();
    let runs = [
        isnad_unprivileged(&["search", "سيول", "--data", d, "--format", "json"]),
        isnad_unprivileged(&["stats", "--data", d, "--format", "json"]),
        isnad_unprivileged(&["stories", "--data", d, "--format", "json"]),
    ];
    for p in [dir.path().to_path_buf(), data.clone(), data.join("index")] {
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let [Some(search), Some(stats), Some(stories)] = runs else {
        eprintln!("skipped: cannot run isnad as an unprivileged user here");
        return;
    };
    assert!(search.status.success(), "{}", stderr(&search));
    assert_eq!(json(&search)["hits"].as_array().unwrap().len(), 2);
    assert!(stats.status.success(), "{}", stderr(&stats));
    assert_eq!(json(&stats)["documents"], 2);
    assert!(stories.status.success(), "{}", stderr(&stories));
}

#[test]
fn reads_work_while_an_ingest_writes_and_a_second_writer_is_refused_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let data = small_store(dir.path());
    let d = data.to_str().unwrap();
    let feed = dir.path().join("feed.jsonl");
    // Long enough that the writer is still running after a round of reads and the second
    // writer's 5 s wait for the lock, even on a fast machine (600 documents once ended first).
    let lines: Vec<String> = (0..1500)
        .map(|i| {
            serde_json::json!({"id": format!("f{i}"), "text": format!("{BODY} سيول رقم {i}")})
                .to_string()
        })
        .collect();
    std::fs::write(&feed, lines.join("\n")).unwrap();
    let mut writer = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(["ingest", "--batch", "8", "--no-stories", "--data", d])
        .arg(&feed)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let (mut reads, mut refused) = (0, false);
    while writer.try_wait().unwrap().is_none() {
        for args in [
            &["search", "سيول", "--limit", "3"][..],
            &["stats"],
            &["entity", "الوزير"],
            &["stories"],
        ] {
            let mut args = args.to_vec();
            args.extend(["--data", d]);
            let out = isnad(&args);
            // `entity` may find no such actor (exit 1); it must never fail (exit 2).
            assert_ne!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
            reads += 1;
        }
        if !refused {
            let second = isnad(&[
                "ingest",
                "--no-stories",
                "--data",
                d,
                feed.to_str().unwrap(),
            ]);
            if writer.try_wait().unwrap().is_none() {
                assert_eq!(second.status.code(), Some(2));
                let err = stderr(&second);
                assert!(err.contains("another isnad process is writing"), "{err}");
                assert!(!err.contains("LockBusy"), "{err}");
                assert_eq!(err.matches("another isnad").count(), 1, "{err}");
                refused = true;
            }
        }
    }
    let out = writer.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(reads >= 4, "the ingest ended before any read ({reads})");
    assert!(refused, "the ingest ended before a second writer was tried");
    let stats = json(&isnad(&[
        "stats", "--check", "--format", "json", "--data", d,
    ]));
    assert_eq!(stats["documents"], 1502, "{stats}");
}

/// `tokenize --segments` was quadratic in a token's length (1M combining marks did not end in
/// 120 s) and `analyze` took 11 minutes on 20 MB without a space. Both are linear now: 2M
/// marks, and 4 MB without a space, each in seconds.
#[test]
fn enormous_tokens_take_linear_time() {
    let marks = format!("ب{}", "\u{064E}".repeat(2_000_000));
    let started = Instant::now();
    let out = crate::util::isnad(&["tokenize", "--segments"], Some(marks.as_bytes()));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    let line = String::from_utf8_lossy(&out.stdout);
    assert!(
        line.starts_with("0\t2000001\t"),
        "{}",
        &line[..40.min(line.len())]
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nospace.txt");
    std::fs::write(&path, "بالمدينة".repeat(250_000)).unwrap();
    let started = Instant::now();
    let out = isnad(&["analyze", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(json(&out)["doc"]["chars"], 2_000_000);
}
