//! The ingest readers on arbitrary bytes: HTML, JSONL, Telegram export, WARC (plain and gzip).

use crate::scratch_file;
use isnad_ingest::{read_file_with, Limits, ReadOptions};
use std::io::Write;

/// Small bounds, so that inputs of a few KB reach the over-the-bound paths too.
const LIMITS: Limits = Limits {
    max_record_bytes: 2048,
    max_json_bytes: 8192,
    max_html_depth: 48,
};

/// Reads `data` as a file with extension `ext` and checks what every reader promises: it
/// ends, it yields at most one item per input byte (plus one), an error names the file, and a
/// document has text.
fn read_all(ext: &str, data: &[u8]) {
    let path = scratch_file(ext, data);
    let options = ReadOptions {
        name: Some(format!("fuzz/input.{ext}")),
        limits: LIMITS,
    };
    let Ok(reader) = read_file_with(&path, &options) else {
        return;
    };
    let mut items = 0usize;
    for item in reader {
        items += 1;
        assert!(
            items <= data.len() + 1,
            "more records than input bytes: the reader does not advance"
        );
        match item {
            Ok(doc) => {
                assert!(
                    !doc.text.trim().is_empty(),
                    "an empty document was returned"
                );
                assert!(!doc.id.is_empty(), "a document without an id");
                assert_eq!(doc.origin.file, path);
            }
            Err(e) => assert_eq!(e.file, path, "a record error names another file"),
        }
    }
}

/// Target `html`: one `.html` page (decoding, nesting bound, Readability extraction).
pub fn html(data: &[u8]) {
    read_all("html", data);
}

/// Target `jsonl`: one JSON object per line.
pub fn jsonl(data: &[u8]) {
    read_all("jsonl", data);
}

/// Target `telegram`: a `.json` file (Telegram Desktop export or an article array).
pub fn telegram(data: &[u8]) {
    read_all("json", data);
}

/// Target `warc`: an uncompressed WARC file.
pub fn warc(data: &[u8]) {
    read_all("warc", data);
}

/// Target `warc_gz`: a `.warc.gz` file. The first byte chooses how the rest is presented:
/// as raw bytes (broken gzip), as one gzip member, or as two members split in the middle
/// (the usual per-record compression), so that the WARC parser behind gzip is reached.
pub fn warc_gz(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return read_all("warc.gz", data);
    };
    let bytes = match mode % 3 {
        0 => rest.to_vec(),
        1 => gzip(&[rest]),
        _ => {
            let (a, b) = rest.split_at(rest.len() / 2);
            gzip(&[a, b])
        }
    };
    read_all("warc.gz", &bytes);
}

/// Each part as its own gzip member, concatenated.
fn gzip(parts: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for part in parts {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let member = enc.write_all(part).and_then(|()| enc.finish());
        match member {
            Ok(bytes) => out.extend(bytes),
            Err(e) => panic!("gzip into memory failed: {e}"),
        }
    }
    out
}
