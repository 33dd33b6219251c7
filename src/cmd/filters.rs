//! `isnad normalize` and `isnad tokenize`: stdin-to-stdout filters for shell pipelines.

use crate::cli::{NormalizeArgs, TokenizeArgs};
use crate::input::read_stdin_text;
use anyhow::{anyhow, Result};
use isnad_text::Level;
use std::io::Write;

pub fn normalize(args: &NormalizeArgs) -> Result<bool> {
    let level: Level = args
        .level
        .parse()
        .map_err(|_| anyhow!("unknown level {:?}: use `search` or `display`", args.level))?;
    let text = read_stdin_text()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if level == Level::SearchKey && !args.report {
        // The offset map costs 8 bytes a char; only the report needs it.
        let mut key = String::with_capacity(text.len());
        isnad_text::search_key_into(&text, &mut key);
        out.write_all(key.as_bytes())?;
        out.flush()?;
        return Ok(true);
    }
    let normalized = isnad_text::normalize(&text, level);
    out.write_all(normalized.text.as_bytes())?;
    out.flush()?;
    if args.report {
        for inv in &normalized.invisibles {
            eprintln!(
                "removed {} (U+{:04X}) at offset {}",
                inv.name, inv.ch as u32, inv.offset
            );
        }
    }
    Ok(true)
}

pub fn tokenize(args: &TokenizeArgs) -> Result<bool> {
    let text = read_stdin_text()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let morph = args.segments.then(isnad_morph::Morphology::global);
    for token in isnad_text::tokenize(&text) {
        let surface = &text[token.byte_start..token.byte_end];
        write!(
            out,
            "{}\t{}\t{:?}\t{}\t{}",
            token.start,
            token.end,
            token.kind,
            surface,
            isnad_text::search_key(surface)
        )?;
        if let Some(morph) = morph {
            let parts: Vec<String> = morph
                .segment(surface)
                .iter()
                .map(|s| format!("{}/{}", s.form, s.upos))
                .collect();
            write!(out, "\t{}", parts.join(" + "))?;
        }
        writeln!(out)?;
    }
    out.flush()?;
    Ok(true)
}
