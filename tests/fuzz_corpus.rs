//! Every committed fuzz corpus file (`fuzz/corpus/<target>/`) through its target's entry
//! point, on stable Rust: the seeds and the crashes once found stay checked where cargo-fuzz
//! cannot run.

use crate::util::repo_root;

#[test]
fn every_fuzz_corpus_file_replays_cleanly() {
    let corpus = repo_root().join("fuzz/corpus");
    let mut replayed = 0;
    for (name, run) in isnad_fuzz::TARGETS {
        let dir = corpus.join(name);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e} (every target has seeds)", dir.display()))
            .map(|entry| entry.expect("corpus entry").path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{}: no seeds", dir.display());
        for file in files {
            let bytes = std::fs::read(&file).expect("corpus file reads");
            let outcome = std::panic::catch_unwind(|| run(&bytes));
            assert!(outcome.is_ok(), "{name}: {} fails", file.display());
            replayed += 1;
        }
    }
    println!("{replayed} fuzz corpus files replayed");
}
