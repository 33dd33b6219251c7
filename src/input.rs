//! Reading documents from files, folders and standard input, with errors that name the file (and
//! the record inside it) and the byte.
//!
//! Every format `isnad ingest` reads is read here through `isnad-ingest`: HTML pages, JSONL,
//! JSON (Telegram exports, article arrays) and WARC. Plain text (`.txt`, any unknown extension,
//! and `-`) keeps its own path because `analyze` has promised more for it than ingest does: an
//! empty or blank file is a valid (empty) analysis, not a skipped record, and the id is the file
//! stem exactly as before.

use anyhow::{Context, Result};
use isnad_ingest::Format;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A document as read from disk or stdin, already checked to be UTF-8 (BOM removed).
pub struct InputDoc {
    /// The id the contract wants: the file name without its extension, `stdin` for `-`, or the
    /// id the record carries (JSONL `id`, Telegram message, WARC record).
    pub id: String,
    /// The path as the user gave it (or as found in a folder the user gave).
    pub source: String,
    /// The decoded text.
    pub text: String,
    /// The publication date the record carries, if any.
    pub published: Option<String>,
}

/// Read one named plain-text input. `-` is standard input.
pub fn read_input(name: &str) -> Result<InputDoc> {
    let bytes = if name == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .context("reading standard input")?;
        buf
    } else {
        std::fs::read(name).with_context(|| format!("{name}: cannot read"))?
    };
    let text = isnad_text::decode_any(&bytes)
        .map_err(|e| anyhow::anyhow!("{name}: {e}"))?
        .into_owned();
    Ok(InputDoc {
        id: doc_id(name),
        source: name.to_string(),
        text,
        published: None,
    })
}

/// How one command-line input is read.
enum Kind {
    /// Standard input or a plain-text file: one document.
    Text,
    /// An HTML page: one document, through isnad-ingest.
    Page,
    /// A file that holds many records (JSONL, JSON, WARC).
    Records,
    /// A folder: every file isnad can read inside it.
    Folder,
}

fn kind(name: &str) -> Kind {
    if name == "-" {
        return Kind::Text;
    }
    let path = Path::new(name);
    if path.is_dir() {
        return Kind::Folder;
    }
    match Format::of(path) {
        None | Some(Format::Text) => Kind::Text,
        Some(Format::Html) => Kind::Page,
        Some(_) => Kind::Records,
    }
}

/// True when `name` may hold several documents (a folder, JSONL, JSON or WARC), so that
/// `--format json` prints an array for it even when it holds one.
pub fn is_collection(name: &str) -> bool {
    matches!(kind(name), Kind::Records | Kind::Folder)
}

/// Reads every document of the input `name` in order and hands each to `each`, or the error
/// that stopped it (already naming the file, and the record for multi-record files). Reading
/// goes on after a bad record; `each` returning `Err` (an output failure) stops everything.
pub fn for_each_doc(
    name: &str,
    each: &mut dyn FnMut(Result<InputDoc>) -> Result<()>,
) -> Result<()> {
    match kind(name) {
        Kind::Text => each(read_input(name)),
        Kind::Page | Kind::Records => read_records(Path::new(name), name, each),
        Kind::Folder => {
            let found = isnad_ingest::discover(&[PathBuf::from(name)]);
            for problem in found.problems {
                each(Err(anyhow::anyhow!(problem)))?;
            }
            for file in found.files {
                let shown = file.path.display().to_string();
                match Format::of(&file.path) {
                    Some(Format::Text) => each(read_input(&shown))?,
                    _ => read_records(&file.path, &shown, each)?,
                }
            }
            Ok(())
        }
    }
}

/// The records of one file through isnad-ingest.
fn read_records(
    path: &Path,
    shown: &str,
    each: &mut dyn FnMut(Result<InputDoc>) -> Result<()>,
) -> Result<()> {
    let reader = match isnad_ingest::read_file(path) {
        Ok(reader) => reader,
        Err(e) => return each(Err(anyhow::anyhow!(e))),
    };
    for record in reader {
        each(
            record
                .map(|raw| InputDoc {
                    id: raw.id,
                    source: shown.to_string(),
                    text: raw.text,
                    published: raw.published,
                })
                .map_err(anyhow::Error::new),
        )?;
    }
    Ok(())
}

/// The contract's document id: the file name without its extension.
pub fn doc_id(name: &str) -> String {
    if name == "-" {
        return "stdin".to_string();
    }
    Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string())
}

/// All of standard input as text, for the filter commands.
pub fn read_stdin_text() -> Result<String> {
    read_input("-").map(|d| d.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_is_the_file_stem() {
        assert_eq!(doc_id("examples/seed.txt"), "seed");
        assert_eq!(doc_id("a/b/c.json"), "c");
        assert_eq!(doc_id("-"), "stdin");
        assert_eq!(doc_id("noext"), "noext");
    }

    #[test]
    fn formats_choose_how_an_input_is_read() {
        assert!(matches!(kind("-"), Kind::Text));
        assert!(matches!(kind("a.txt"), Kind::Text));
        assert!(matches!(kind("notes.md"), Kind::Text));
        assert!(matches!(kind("page.HTML"), Kind::Page));
        assert!(!is_collection("page.html"));
        for name in ["a.jsonl", "export.json", "crawl.warc", "crawl.warc.gz"] {
            assert!(is_collection(name), "{name}");
        }
        assert!(is_collection(env!("CARGO_MANIFEST_DIR")));
    }
}
