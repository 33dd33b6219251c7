//! Arbitrary bytes under every extension: records or errors, never a panic or a hang.

use proptest::prelude::*;

const EXTENSIONS: [&str; 7] = ["txt", "html", "htm", "jsonl", "json", "warc", "warc.gz"];

fn read_everything(dir: &std::path::Path, ext: &str, bytes: &[u8]) {
    let path = dir.join(format!("junk.{ext}"));
    std::fs::write(&path, bytes).unwrap();
    if let Ok(reader) = isnad_ingest::read_file(&path) {
        for record in reader.take(10_000) {
            let _ = record.map(|d| d.text.len());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let dir = tempfile::tempdir().unwrap();
        for ext in EXTENSIONS {
            read_everything(dir.path(), ext, &bytes);
        }
    }

    #[test]
    fn never_panics_on_near_valid_input(
        head in prop::sample::select(vec![
            "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: ",
            "{\"messages\": [{\"id\": ",
            "{\"id\": \"x\", \"text\": ",
            "<html><body><p>",
            "\u{1f}\u{8b}",
        ]),
        tail in "\\PC{0,200}",
    ) {
        let dir = tempfile::tempdir().unwrap();
        let bytes = format!("{head}{tail}").into_bytes();
        for ext in EXTENSIONS {
            read_everything(dir.path(), ext, &bytes);
        }
    }
}

#[test]
fn binary_junk_is_an_error_not_a_document() {
    let dir = tempfile::tempdir().unwrap();
    let junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let path = dir.path().join("junk.txt");
    std::fs::write(&path, &junk).unwrap();
    let records: Vec<_> = isnad_ingest::read_file(&path).unwrap().collect();
    assert_eq!(records.len(), 1);
    assert!(records[0].is_err());
}
