//! Helpers shared by the integration tests.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Run the isnad binary with arguments and optional standard input.
pub fn isnad(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the isnad binary runs");
    {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        if let Some(bytes) = stdin {
            pipe.write_all(bytes).expect("stdin accepts input");
        }
    }
    child.wait_with_output().expect("the isnad binary finishes")
}

/// Write bytes to a file in a temp dir and return its path.
pub fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("temp file is writable");
    path
}

/// Parse stdout as one JSON value.
pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// The code-point slice `start..end` of `text`.
pub fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// The repository root, so tests run from any working directory.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared data folder beside the repository, if this machine has it (a skip message
/// otherwise, and a failure under CI: see `isnad-testkit`).
pub fn shared_dir() -> Option<PathBuf> {
    isnad_testkit::shared(".")
}

/// `isnad ARGS` with no standard input.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the isnad binary runs")
}

/// `isnad ingest --format json --no-stories PATHS --data DATA`, with a deadline (a walk that
/// never ends must fail the test, not hang it).
pub fn ingest(paths: &[&Path], data: &Path, deadline: Duration) -> Output {
    ingest_with(&["--no-stories"], paths, data, deadline)
}

/// `isnad ingest --format json FLAGS PATHS --data DATA`, with a deadline.
pub fn ingest_with(flags: &[&str], paths: &[&Path], data: &Path, deadline: Duration) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_isnad"));
    cmd.arg("ingest").arg("--format").arg("json").args(flags);
    cmd.args(paths).arg("--data").arg(data);
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the isnad binary runs");
    let started = Instant::now();
    while child.try_wait().expect("waits").is_none() {
        if started.elapsed() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().expect("killed child finishes");
            panic!(
                "ingest did not finish in {deadline:?}; stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("the isnad binary finishes")
}

/// Standard error as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The sorted ids of the documents a search finds (at most 50).
pub fn search_ids(data: &Path, query: &str) -> Vec<String> {
    let out = run(&[
        "search",
        query,
        "--data",
        data.to_str().unwrap(),
        "--format",
        "json",
        "--limit",
        "50",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut ids: Vec<String> = json(&out)["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

/// One sentence of invented news, for documents that differ by a word.
pub const BODY: &str = "افتتح الوزير المعرض السنوي للكتاب في المدينة صباح اليوم بحضور عدد كبير من الزوار والناشرين من دول عربية كثيرة.";

/// `isnad ARGS` as an unprivileged user: root reads and writes whatever the modes say.
#[cfg(unix)]
pub fn isnad_unprivileged(args: &[&str]) -> Option<Output> {
    let mut cmd = if is_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid", "65534", "--regid", "65534", "--clear-groups"]);
        c.arg(env!("CARGO_BIN_EXE_isnad"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_isnad"))
    };
    cmd.args(args).stdin(Stdio::null()).output().ok()
}

#[cfg(unix)]
pub fn is_root() -> bool {
    // No libc here: root is whoever may write into a folder whose mode forbids it.
    let dir = tempfile::tempdir().unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let root = std::fs::write(dir.path().join("probe"), "x").is_ok();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    root
}

pub const PEOPLE: [&str; 6] = [
    "سالم العتيبي",
    "نورة الحربي",
    "فهد القحطاني",
    "ريم الدوسري",
    "خالد الشمري",
    "منى الزهراني",
];
const CITIES: [&str; 5] = ["الرياض", "جدة", "الدمام", "أبها", "تبوك"];
const THINGS: [&str; 5] = ["مستشفى", "جامعة", "مكتبة", "محطة", "حديقة"];
const OUTLETS: [&str; 3] = ["صحيفة أ", "صحيفة ب", "وكالة ج"];

/// Invented news as JSONL: every document distinct, names and places recurring; line 7 is
/// not JSON (a malformed record every run reports and skips).
pub fn write_corpus(path: &Path, n: usize) {
    let mut f = std::fs::File::create(path).unwrap();
    for i in 0..n {
        let who = PEOPLE[i % PEOPLE.len()];
        let city = CITIES[(i / 3) % CITIES.len()];
        let thing = THINGS[(i / 7) % THINGS.len()];
        let text = format!(
            "قال الوزير {who} إن الحكومة ستفتتح {thing} جديدة في {city} خلال {} يوما. وأضاف أن المشروع رقم {i} يخدم السكان.",
            i % 90 + 2
        );
        let line = serde_json::json!({
            "id": format!("doc{i:05}"),
            "text": text,
            "title": format!("{thing} في {city}"),
            "published": format!("2024-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
            "outlet": OUTLETS[i % OUTLETS.len()],
        });
        writeln!(f, "{line}").unwrap();
        if i == 5 {
            writeln!(f, "{{ this line is not json").unwrap();
        }
    }
}
