//! Five tables (documents, entities, mentions, relations, quotes) as CSV files in a zip, or as
//! JSON lines, for a spreadsheet or a script.
//!
//! Entities are referred to by their identity key (`kb:hamas`, `PER:<name key>`), which stays
//! the same across corpora, never by the store's row ids. CSV is UTF-8; `--excel` adds a
//! byte-order mark, without which Excel reads Arabic as mojibake, and which other readers do
//! not want. List cells (`aliases`, `via`) separate their items with ` | `.

use crate::{Counts, Options, Result, Slice};
use serde_json::{Map, Value};
use std::io::Write;
use std::path::Path;

/// The tables and their columns, in file order (the README documents them).
pub const TABLES: [(&str, &[&str]); 5] = [
    (
        "documents",
        &[
            "id",
            "title",
            "url",
            "outlet",
            "published",
            "source",
            "words",
            "story",
        ],
    ),
    (
        "entities",
        &[
            "key",
            "type",
            "name",
            "name_en",
            "kb_id",
            "aliases",
            "mentions",
            "documents",
            "first_seen",
            "last_seen",
        ],
    ),
    ("mentions", &["document", "entity", "start", "end", "text"]),
    (
        "relations",
        &[
            "document",
            "published",
            "subject",
            "subject_name",
            "type",
            "object",
            "object_name",
            "negated",
            "asserted_by",
            "asserted_by_name",
            "confidence",
            "evidence",
            "evidence_start",
            "evidence_end",
        ],
    ),
    (
        "quotes",
        &[
            "document",
            "published",
            "speaker",
            "speaker_name",
            "speaker_text",
            "cue",
            "text",
            "start",
            "end",
            "via",
            "via_names",
        ],
    ),
];

const LIST_SEPARATOR: &str = " | ";

/// Calls `row` with every row of table `t` (an index into [`TABLES`]), cells in column order.
fn rows(slice: &Slice, t: usize, row: &mut dyn FnMut(Vec<Value>) -> Result<()>) -> Result<()> {
    let key = |id: i64| slice.entity(id).map_or(String::new(), |e| e.key.clone());
    let name = |id: i64| slice.entity(id).map_or(String::new(), |e| e.name.clone());
    let opt = |s: &Option<String>| s.clone().map_or(Value::Null, Value::from);
    let doc_id = |rowid: i64| {
        slice
            .document(rowid)
            .map_or(String::new(), |d| d.id.clone())
    };
    let doc_day = |rowid: i64| slice.doc_day(rowid).map_or(Value::Null, Value::from);
    match t {
        0 => {
            for d in &slice.documents {
                row(vec![
                    d.id.clone().into(),
                    opt(&d.title),
                    opt(&d.url),
                    opt(&d.outlet),
                    opt(&d.published),
                    opt(&d.source),
                    d.words.into(),
                    slice.story_of(&d.id).map_or(Value::Null, Value::from),
                ])?;
            }
        }
        1 => {
            for e in &slice.entities {
                let s = slice.entity_stats.get(&e.id).cloned().unwrap_or_default();
                let aliases: Vec<&str> = e.aliases.iter().map(|(a, _)| a.as_str()).collect();
                row(vec![
                    e.key.clone().into(),
                    e.kind.clone().into(),
                    e.name.clone().into(),
                    e.name_en.clone().into(),
                    opt(&e.kb_id),
                    aliases.join(LIST_SEPARATOR).into(),
                    s.mentions.into(),
                    s.documents.into(),
                    opt(&s.first_seen),
                    opt(&s.last_seen),
                ])?;
            }
        }
        2 => {
            for m in &slice.mentions {
                row(vec![
                    doc_id(m.doc).into(),
                    key(m.entity).into(),
                    m.start.into(),
                    m.end.into(),
                    m.text.clone().into(),
                ])?;
            }
        }
        3 => {
            for r in &slice.relations {
                row(vec![
                    doc_id(r.doc).into(),
                    doc_day(r.doc),
                    key(r.subject).into(),
                    name(r.subject).into(),
                    r.kind.clone().into(),
                    key(r.object).into(),
                    name(r.object).into(),
                    r.negated.into(),
                    r.asserted_by.map_or(Value::Null, |a| key(a).into()),
                    r.asserted_by.map_or(Value::Null, |a| name(a).into()),
                    (((r.confidence * 1e4).round()) / 1e4).into(),
                    r.evidence.clone().into(),
                    r.ev_start.into(),
                    r.ev_end.into(),
                ])?;
            }
        }
        _ => {
            for q in &slice.quotes {
                let via: Vec<String> = q.via.iter().map(|&v| key(v)).collect();
                let via_names: Vec<String> = q.via.iter().map(|&v| name(v)).collect();
                row(vec![
                    doc_id(q.doc).into(),
                    doc_day(q.doc),
                    q.speaker.map_or(Value::Null, |s| key(s).into()),
                    q.speaker.map_or(Value::Null, |s| name(s).into()),
                    q.speaker_text.clone().into(),
                    q.cue.clone().into(),
                    q.text.clone().into(),
                    q.start.into(),
                    q.end.into(),
                    via.join(LIST_SEPARATOR).into(),
                    via_names.join(LIST_SEPARATOR).into(),
                ])?;
            }
        }
    }
    Ok(())
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Writes table `t` as CSV (header first) to `out`; returns its rows.
fn write_csv(slice: &Slice, t: usize, options: &Options, out: &mut dyn Write) -> Result<usize> {
    if options.excel {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut w = csv::Writer::from_writer(out);
    w.write_record(TABLES[t].1)?;
    let mut n = 0;
    rows(slice, t, &mut |cells| {
        w.write_record(cells.iter().map(cell))?;
        n += 1;
        Ok(())
    })?;
    w.flush()?;
    Ok(n)
}

fn add_count(counts: &mut Counts, t: usize, n: usize) {
    match t {
        0 => counts.documents += n,
        1 => counts.entities += n,
        3 => counts.relations += n,
        4 => counts.quotes += n,
        _ => {}
    }
    counts.objects += n;
}

/// The five CSV files in one zip (fixed timestamps, so the bytes are reproducible).
pub(crate) fn write_zip(slice: &Slice, options: &Options, out: &mut dyn Write) -> Result<Counts> {
    let mut zip = zip::ZipWriter::new_stream(out);
    let file_options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut counts = Counts::default();
    for (t, (name, _)) in TABLES.iter().enumerate() {
        zip.start_file(format!("{name}.csv"), file_options)?;
        let n = write_csv(slice, t, options, &mut zip)?;
        add_count(&mut counts, t, n);
    }
    zip.finish()?;
    Ok(counts)
}

/// The five CSV files into a folder (`documents.csv` …), created if needed.
pub fn write_tables_to_dir(slice: &Slice, options: &Options, dir: &Path) -> Result<Counts> {
    std::fs::create_dir_all(dir)?;
    let mut counts = Counts::default();
    for (t, (name, _)) in TABLES.iter().enumerate() {
        let file = std::fs::File::create(dir.join(format!("{name}.csv")))?;
        let mut out = std::io::BufWriter::new(file);
        let n = write_csv(slice, t, options, &mut out)?;
        out.flush()?;
        add_count(&mut counts, t, n);
    }
    Ok(counts)
}

/// The five tables as JSON lines: `{"table": "documents", …}`; documents also carry `text`.
pub(crate) fn write_jsonl(slice: &Slice, out: &mut dyn Write) -> Result<Counts> {
    let mut counts = Counts::default();
    for (t, (name, columns)) in TABLES.iter().enumerate() {
        let mut n = 0;
        let mut texts = slice.documents.iter().map(|d| d.text.as_str());
        rows(slice, t, &mut |cells| {
            let mut m = Map::new();
            m.insert("table".into(), (*name).into());
            for (c, v) in columns.iter().zip(cells) {
                m.insert((*c).into(), v);
            }
            if t == 0 {
                m.insert("text".into(), texts.next().unwrap_or_default().into());
            }
            serde_json::to_writer(&mut *out, &m)?;
            out.write_all(b"\n")?;
            n += 1;
            Ok(())
        })?;
        add_count(&mut counts, t, n);
    }
    Ok(counts)
}
