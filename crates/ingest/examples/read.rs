//! Reads files or directories with `isnad_ingest` and prints one summary line per file (documents,
//! errors, time), then the errors: `cargo run --release -p isnad-ingest --example read -- PATH...`.
//! `--show` prints each document's id, date, outlet and first 80 characters too.

use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show = args.iter().any(|a| a == "--show");
    let paths: Vec<PathBuf> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    let found = isnad_ingest::discover(&paths);
    for problem in &found.problems {
        println!("{problem}");
    }
    for file in found.files {
        let file = file.path;
        let start = Instant::now();
        let (mut docs, mut errors, mut bytes) = (0usize, Vec::new(), 0usize);
        for record in isnad_ingest::read_file(&file)? {
            match record {
                Ok(doc) => {
                    docs += 1;
                    bytes += doc.text.len();
                    if show {
                        let head: String = doc.text.chars().take(80).collect();
                        println!(
                            "  {} | {} | {} | {}",
                            doc.id,
                            doc.published.as_deref().unwrap_or("-"),
                            doc.outlet.as_deref().unwrap_or("-"),
                            head.replace('\n', " ")
                        );
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        println!(
            "{}: {docs} documents ({bytes} bytes of text), {} errors, {:.2?}",
            file.display(),
            errors.len(),
            start.elapsed()
        );
        for e in errors.iter().take(10) {
            println!("  {e}");
        }
    }
    Ok(())
}
