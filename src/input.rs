//! Reading documents from files and standard input, with errors that name the file and the byte.

use anyhow::{Context, Result};
use std::io::Read;
use std::path::Path;

/// A document as read from disk or stdin, already checked to be UTF-8 (BOM removed).
pub struct InputDoc {
    /// The id the contract wants: the file name without its extension, `stdin` for `-`.
    pub id: String,
    /// The path as the user gave it.
    pub source: String,
    /// The decoded text.
    pub text: String,
}

/// Read one named input. `-` is standard input.
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
    let text = isnad_text::decode(&bytes)
        .map_err(|e| anyhow::anyhow!("{name}: {e}"))?
        .to_string();
    Ok(InputDoc {
        id: doc_id(name),
        source: name.to_string(),
        text,
    })
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
}
