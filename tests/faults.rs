//! The ingest fault matrix (issue 16): a `kill -9` at each stage, a full disk, a read-only
//! data directory, a corrupt or missing index, a truncated SQLite WAL, two ingests at once.
//! After each fault the next run finishes the work, and the store is the one an
//! uninterrupted run gives: the same export, stories and consistency check.

use crate::util::{ingest_with, json, run as isnad, stderr, write_corpus};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const DOCS: usize = 24;
const DEADLINE: Duration = Duration::from_secs(300);

/// One input file, and the fingerprint of an uninterrupted ingest of it.
struct Case {
    dir: tempfile::TempDir,
    input: PathBuf,
    expected: String,
}

impl Case {
    fn new() -> Case {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("news.jsonl");
        write_corpus(&input, DOCS);
        let reference = dir.path().join("reference");
        finish(&input, &reference);
        let expected = fingerprint(&reference);
        Case {
            dir,
            input,
            expected,
        }
    }

    fn data(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The next ingest finishes the work, and the store equals the uninterrupted one.
    fn assert_healed(&self, data: &Path, fault: &str) {
        finish(&self.input, data);
        assert_eq!(fingerprint(data), self.expected, "after {fault}");
    }
}

/// An ingest with stories, small batches; exit 1 (the one malformed line) is success.
fn finish(input: &Path, data: &Path) {
    let out = ingest_with(&["--batch", "4"], &[input], data, DEADLINE);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        json(&out)["skipped"],
        1,
        "only the malformed line is skipped"
    );
}

/// Everything a user can read back: the consistency check (sizes aside), the JSONL export
/// of every row, the stories.
fn fingerprint(data: &Path) -> String {
    let d = data.to_str().unwrap();
    let stats = isnad(&["stats", "--check", "--format", "json", "--data", d]);
    assert!(
        stats.status.success(),
        "inconsistent: {}",
        String::from_utf8_lossy(&stats.stdout)
    );
    let mut stats = json(&stats);
    for volatile in ["store_bytes", "index_bytes"] {
        stats.as_object_mut().unwrap().remove(volatile);
    }
    let export = isnad(&["export", "--format", "jsonl", "--data", d]);
    assert!(export.status.success(), "{}", stderr(&export));
    let stories = isnad(&["stories", "--format", "json", "--data", d]);
    assert!(stories.status.success(), "{}", stderr(&stories));
    format!(
        "{stats}\n{}\n{}",
        String::from_utf8_lossy(&export.stdout),
        String::from_utf8_lossy(&stories.stdout)
    )
}

/// Starts an ingest that stops at failpoint `stage` and returns it once it is there.
fn ingest_until(input: &Path, data: &Path, stage: &str) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(["ingest", "--batch", "4", "--data"])
        .arg(data)
        .arg(input)
        .env("ISNAD_FAILPOINT", stage)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the isnad binary runs");
    let lines = BufReader::new(child.stderr.take().expect("piped"));
    let wanted = format!("failpoint {stage} reached");
    let started = Instant::now();
    for line in lines.lines() {
        let line = line.expect("stderr is text");
        if line.contains(&wanted) {
            return child;
        }
        if started.elapsed() > DEADLINE {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the ingest ended or timed out without reaching failpoint {stage}");
}

/// `kill -9` (SIGKILL on Unix) and reap.
fn kill_9(mut child: Child) {
    child.kill().expect("kill -9");
    let _ = child.wait();
}

#[test]
fn sigkill_at_each_stage_then_a_rerun_gives_the_uninterrupted_store() {
    let case = Case::new();
    for stage in ["read", "analyze", "write", "index", "stories"] {
        let data = case.data(stage);
        kill_9(ingest_until(&case.input, &data, stage));
        // Readable between the crash and the rerun (nothing at all after `read`/`analyze`).
        if data.join("isnad.sqlite").is_file() {
            let out = isnad(&["search", "الوزير", "--data", data.to_str().unwrap()]);
            assert!(out.status.success(), "{stage}: {}", stderr(&out));
        }
        case.assert_healed(&data, &format!("kill -9 at {stage}"));
    }
}

#[test]
fn two_ingests_on_one_store_the_second_refused_plainly_nothing_corrupted() {
    let case = Case::new();
    let data = case.data("two");
    let first = ingest_until(&case.input, &data, "write");
    let second = ingest_with(&["--batch", "4"], &[&case.input], &data, DEADLINE);
    assert_eq!(second.status.code(), Some(2), "{}", stderr(&second));
    let err = stderr(&second);
    assert!(err.contains("another isnad process is writing"), "{err}");
    assert_eq!(err.lines().count(), 1, "one plain sentence: {err}");
    kill_9(first);
    case.assert_healed(&data, "a second ingest, then kill -9 of the first");
}

#[test]
fn a_corrupt_or_missing_index_is_rebuilt_from_the_store() {
    let case = Case::new();
    let data = case.data("index");
    finish(&case.input, &data);
    let d = data.to_str().unwrap();
    let index = data.join("index");

    // Missing: the next reader rebuilds it from the store by itself.
    std::fs::remove_dir_all(&index).unwrap();
    assert_eq!(fingerprint(&data), case.expected, "a missing index");

    // Corrupt meta file: reads fail naming the repair; `check` says so; `--repair` mends.
    std::fs::write(index.join("meta.json"), "{ not json").unwrap();
    let search = isnad(&["search", "الوزير", "--data", d]);
    assert_eq!(search.status.code(), Some(2));
    assert!(
        stderr(&search).contains("isnad check --repair"),
        "{}",
        stderr(&search)
    );
    let check = isnad(&["check", "--data", d]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert!(String::from_utf8_lossy(&check.stdout).contains("index unreadable"));
    let repair = isnad(&["check", "--repair", "--data", d, "--format", "json"]);
    assert!(repair.status.success(), "{}", stderr(&repair));
    let report = json(&repair);
    assert_eq!(report["reindexed"], DOCS, "{report}");
    assert_eq!(report["problems"], serde_json::json!([]), "{report}");
    assert_eq!(
        fingerprint(&data),
        case.expected,
        "a corrupt meta file, repaired"
    );

    // Damaged segment files (every byte flipped): checksums catch it, `--repair` mends.
    for entry in std::fs::read_dir(&index).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "idx" || e == "store") {
            let bytes: Vec<u8> = std::fs::read(&path).unwrap().iter().map(|b| !b).collect();
            std::fs::write(&path, bytes).unwrap();
        }
    }
    let check = isnad(&["check", "--data", d]);
    assert_eq!(check.status.code(), Some(1), "damage unnoticed");
    let repair = isnad(&["check", "--repair", "--data", d]);
    assert!(
        repair.status.success(),
        "{}",
        String::from_utf8_lossy(&repair.stdout)
    );
    assert_eq!(
        fingerprint(&data),
        case.expected,
        "damaged segments, repaired"
    );
}

#[test]
fn a_truncated_wal_loses_at_most_the_uncheckpointed_tail_and_the_rerun_restores_it() {
    let case = Case::new();
    // A young store (everything still in the WAL, schema included), and one whose first
    // half was checkpointed into the main file by a clean close.
    for (name, checkpointed) in [("young", 0), ("mature", DOCS / 2)] {
        let data = case.data(name);
        if checkpointed > 0 {
            write_corpus(&case.input, checkpointed);
            finish(&case.input, &data);
            write_corpus(&case.input, DOCS);
        }
        // Killed after the index committed a batch the store has not marked.
        kill_9(ingest_until(&case.input, &data, "index"));
        let wal = data.join("isnad.sqlite-wal");
        let len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        assert!(len > 0, "{name}: the killed ingest left a WAL");
        let file = std::fs::OpenOptions::new().write(true).open(&wal).unwrap();
        file.set_len(len / 2).unwrap();
        drop(file);
        // The torn tail is dropped: what the main file holds stays readable, and a store
        // that never got past its schema says so plainly.
        let d = data.to_str().unwrap();
        let stats = isnad(&["stats", "--format", "json", "--data", d]);
        if checkpointed > 0 {
            assert!(stats.status.success(), "{name}: {}", stderr(&stats));
            let documents = json(&stats)["documents"].as_u64().unwrap();
            assert!(documents >= checkpointed as u64 - 1, "{name}: {documents}");
        } else if !stats.status.success() {
            assert!(
                stderr(&stats).contains("run the ingest again"),
                "{}",
                stderr(&stats)
            );
        }
        case.assert_healed(&data, &format!("a truncated WAL ({name} store)"));
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_data_directory_refuses_ingest_clearly_and_stays_searchable() {
    use std::os::unix::fs::PermissionsExt;
    let case = Case::new();
    let data = case.data("ro");
    finish(&case.input, &data);
    let mode = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m));
    let dirs = [
        case.dir.path().to_path_buf(),
        data.clone(),
        data.join("index"),
    ];
    for p in &dirs {
        mode(p, 0o555).unwrap();
    }
    let files: Vec<PathBuf> = dirs[1..]
        .iter()
        .flat_map(|d| std::fs::read_dir(d).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    for f in &files {
        mode(f, 0o444).unwrap();
    }
    let d = data.to_str().unwrap();
    let input = case.input.to_str().unwrap();
    let ingest = crate::util::isnad_unprivileged(&["ingest", input, "--data", d]);
    let search = crate::util::isnad_unprivileged(&["search", "الوزير", "--data", d]);
    for p in dirs.iter().chain(&files) {
        mode(p, 0o755).unwrap();
    }
    let (Some(ingest), Some(search)) = (ingest, search) else {
        eprintln!("skipped: cannot run isnad as an unprivileged user here");
        return;
    };
    assert_eq!(ingest.status.code(), Some(2), "{}", stderr(&ingest));
    let err = stderr(&ingest);
    assert!(err.contains(d) && err.contains("read-only"), "{err}");
    assert!(search.status.success(), "{}", stderr(&search));
    assert_eq!(fingerprint(&data), case.expected, "untouched");
}

/// A small tmpfs, unmounted on drop; `None` where mounting is not allowed (not root, or a
/// container without the capability).
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(at).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(at.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_says_disk_full_keeps_the_store_readable_and_the_rerun_finishes() {
    let case = Case::new();
    let Some(disk) = Tmpfs::mount(&case.data("disk"), "4m") else {
        eprintln!("skipped: cannot mount a small tmpfs here (needs root)");
        return;
    };
    // Room for the first batches only: a ballast file takes the rest, and is freed later.
    let ballast = disk.0.join("ballast");
    std::fs::write(&ballast, vec![0u8; (4 << 20) - (400 << 10)]).unwrap();
    let data = disk.0.join("data");
    let out = ingest_with(&["--batch", "4"], &[&case.input], &data, DEADLINE);
    assert_eq!(
        out.status.code(),
        Some(2),
        "the disk did not fill: {}",
        stderr(&out)
    );
    let err = stderr(&out);
    assert!(err.contains("disk full"), "{err}");
    assert!(
        !err.contains("killed") && !err.contains("panicked"),
        "{err}"
    );
    // Still readable on the full disk.
    let d = data.to_str().unwrap();
    for args in [&["search", "الوزير"][..], &["stats"], &["stories"]] {
        let mut args = args.to_vec();
        args.extend(["--data", d]);
        let out = isnad(&args);
        assert!(
            out.status.success(),
            "{args:?} on a full disk: {}",
            stderr(&out)
        );
    }
    let stats = json(&isnad(&["stats", "--format", "json", "--data", d]));
    let committed = stats["documents"].as_u64().unwrap();
    assert!(committed > 0 && committed < DOCS as u64, "{stats}");
    std::fs::remove_file(&ballast).unwrap();
    case.assert_healed(&data, "a full disk");
}
