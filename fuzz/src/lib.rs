//! The entry points of isnad's fuzz targets, one function per target.
//!
//! They live in a library rather than in `fuzz_targets/` so that the main workspace can replay
//! every committed corpus file through exactly the same code on stable Rust, without libFuzzer
//! (`tests/fuzz_corpus.rs`): CI then checks the corpora even where cargo-fuzz cannot run.
//! Each function panics when an invariant breaks (libFuzzer reports the panic as a crash) and
//! returns normally on any input that is merely invalid.

mod conll;
mod pipeline;
mod readers;
mod serve;
mod text;

pub use conll::conll;
pub use pipeline::{analyze, query};
pub use readers::{html, jsonl, telegram, warc, warc_gz};
pub use serve::serve;
pub use text::text;

/// Every target by name (the `fuzz_targets/<name>.rs` file and `corpus/<name>/` folder).
pub const TARGETS: &[(&str, fn(&[u8]))] = &[
    ("text", text),
    ("html", html),
    ("jsonl", jsonl),
    ("telegram", telegram),
    ("warc", warc),
    ("warc_gz", warc_gz),
    ("conll", conll),
    ("analyze", analyze),
    ("query", query),
    ("serve", serve),
];

/// A scratch file per thread, for the readers that take a path: the bytes are written to a
/// file whose name carries the format's extension, as ingest would meet it.
pub(crate) fn scratch_file(ext: &str, data: &[u8]) -> std::path::PathBuf {
    thread_local! {
        static DIR: tempfile::TempDir = tempfile::tempdir().unwrap_or_else(|e| {
            panic!("the fuzz harness needs a scratch folder: {e}")
        });
    }
    let path = DIR.with(|d| d.path().join(format!("input.{ext}")));
    if let Err(e) = std::fs::write(&path, data) {
        panic!("the fuzz harness cannot write {}: {e}", path.display());
    }
    path
}

/// Checks that every `start`/`end` pair in a JSON tree lies within `0..=len` and is ordered.
pub(crate) fn check_offsets(value: &serde_json::Value, len: u64) {
    match value {
        serde_json::Value::Object(map) => {
            if let (Some(s), Some(e)) = (
                map.get("start").and_then(|v| v.as_u64()),
                map.get("end").and_then(|v| v.as_u64()),
            ) {
                assert!(
                    s <= e && e <= len,
                    "span {s}..{e} outside 0..{len}: {value}"
                );
            }
            map.values().for_each(|v| check_offsets(v, len));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| check_offsets(v, len)),
        _ => {}
    }
}
