//! `isnad kb add|list|show`: the curated knowledge base plus the user's own entries.

use crate::cli::{KbAddArgs, KbCommand, KbListArgs, KbShowArgs};
use anyhow::{anyhow, Context, Result};
use isnad_kb::{EntityType, Kb, KbEntry, Origin};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The user's knowledge-base file: `--kb-user`, else `$ISNAD_KB_USER`, else the platform
/// default. The binary reads the variable so that the library never does.
pub fn user_file(explicit: Option<&Path>) -> Option<PathBuf> {
    explicit
        .map(Path::to_path_buf)
        .or_else(|| {
            std::env::var_os("ISNAD_KB_USER")
                .filter(|p| !p.is_empty())
                .map(PathBuf::from)
        })
        .or_else(Kb::default_user_file)
}

/// The curated entries plus the user's own (see [`user_file`]).
pub fn load(explicit: Option<&Path>) -> Result<Kb> {
    Kb::load(user_file(explicit).as_deref()).context("loading the knowledge base")
}

pub fn run(cmd: &KbCommand) -> Result<bool> {
    match cmd {
        KbCommand::Add(a) => add(a),
        KbCommand::List(a) => list(a),
        KbCommand::Show(a) => show(a),
    }
}

fn parse_type(s: &str) -> Result<EntityType> {
    EntityType::parse(&s.to_uppercase())
        .ok_or_else(|| anyhow!("unknown type {s:?}: use PER, ORG, LOC or MISC"))
}

fn add(a: &KbAddArgs) -> Result<bool> {
    let file = user_file(a.file.user_file.as_deref());
    let mut kb = Kb::load(file.as_deref()).context("loading the knowledge base")?;
    let mut entry = KbEntry::new(&a.id, parse_type(&a.kind)?, &a.ar, &a.en);
    entry.aliases_ar = a.aliases_ar.clone();
    entry.aliases_en = a.aliases_en.clone();
    entry.note = a.note.clone();
    if let Some(parent) = &a.parent {
        if kb.get(parent).is_none() {
            return Err(anyhow!("no entry has the parent id {parent:?}"));
        }
        entry.parent = Some(parent.clone());
    }
    kb.add(entry, file.as_deref())
        .with_context(|| format!("adding {:?}", a.id))?;
    match file {
        Some(path) => println!("added {} to {}", a.id, path.display()),
        None => println!("added {}", a.id),
    }
    Ok(true)
}

fn list(a: &KbListArgs) -> Result<bool> {
    let kb = load(a.file.user_file.as_deref())?;
    let kind = a.kind.as_deref().map(parse_type).transpose()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for entry in kb.list() {
        if kind.is_some_and(|k| k != entry.kind) || (a.user && entry.origin != Origin::User) {
            continue;
        }
        writeln!(
            out,
            "{}\t{}\t{}\t{}",
            entry.id,
            entry.kind.as_str(),
            entry.name_ar,
            entry.name_en
        )?;
    }
    out.flush()?;
    Ok(true)
}

fn show(a: &KbShowArgs) -> Result<bool> {
    let kb = load(a.file.user_file.as_deref())?;
    let entries: Vec<&KbEntry> = match kb.get(&a.query) {
        Some(entry) => vec![entry],
        None => kb.lookup(&a.query),
    };
    if entries.is_empty() {
        eprintln!("isnad: no knowledge-base entry matches {:?}", a.query);
        return Ok(false);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for entry in entries {
        serde_json::to_writer_pretty(&mut out, entry)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(true)
}
