//! `.jsonl`: one document per line, streamed so that multi-gigabyte dumps stay in bounded memory.

use crate::lines::read_line_capped;
use crate::{
    io_error, non_empty, normalize_date, DocReader, Ids, IngestError, Limits, Location, Origin,
    RawDoc, RecordError,
};
use serde::Deserialize;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// The fields a JSONL line (or a JSON article object) may carry. Aliases cover common dumps
/// (SaudiNewsNet's `content`/`source`/`date_extracted`, `body`, `date`).
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct Line {
    #[serde(deserialize_with = "id_like")]
    pub id: Option<String>,
    #[serde(alias = "content", alias = "body")]
    pub text: Option<String>,
    #[serde(alias = "headline")]
    pub title: Option<String>,
    #[serde(alias = "link")]
    pub url: Option<String>,
    #[serde(alias = "date", alias = "date_published", alias = "date_extracted")]
    pub published: Option<String>,
    #[serde(alias = "source", alias = "site")]
    pub outlet: Option<String>,
}

/// Ids are strings, but dumps often use numbers.
fn id_like<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    Ok(match v {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

impl Line {
    /// Turns the parsed fields into a document; `fallback_id` is used when the line has none.
    pub(crate) fn into_doc(
        self,
        file: &Path,
        location: Location,
        fallback_id: impl FnOnce() -> String,
    ) -> Result<RawDoc, RecordError> {
        let text = self.text.unwrap_or_default();
        if text.trim().is_empty() {
            return Err(RecordError::new(file, location, "empty document (no text)"));
        }
        let id = non_empty(self.id.as_deref()).unwrap_or_else(fallback_id);
        Ok(RawDoc {
            id,
            text,
            title: non_empty(self.title.as_deref()),
            url: non_empty(self.url.as_deref()),
            published: non_empty(self.published.as_deref()).map(|d| normalize_date(&d)),
            outlet: non_empty(self.outlet.as_deref()),
            origin: Origin {
                file: file.to_path_buf(),
                location,
            },
        })
    }
}

/// Lines longer than [`Limits::max_record_bytes`] are reported rather than parsed: a junk
/// file without newlines must not be buffered whole.
pub(crate) fn read(path: &Path, ids: Ids, limits: Limits) -> Result<DocReader, IngestError> {
    let file = File::open(path).map_err(|e| io_error(path, e))?;
    Ok(DocReader::new(Lines {
        reader: BufReader::with_capacity(1 << 16, file),
        path: path.to_path_buf(),
        ids,
        max_line: usize::try_from(limits.max_record_bytes).unwrap_or(usize::MAX),
        line: 0,
        buf: Vec::new(),
        done: false,
    }))
}

struct Lines {
    reader: BufReader<File>,
    path: PathBuf,
    ids: Ids,
    max_line: usize,
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

impl Iterator for Lines {
    type Item = Result<RawDoc, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.line += 1;
            let line = self.line;
            let here = Location::Line(line);
            let (consumed, truncated) =
                match read_line_capped(&mut self.reader, &mut self.buf, self.max_line) {
                    Ok(r) => r,
                    Err(e) => {
                        self.done = true;
                        return Some(Err(RecordError::new(&self.path, here, e.to_string())));
                    }
                };
            if consumed == 0 {
                self.done = true;
                break;
            }
            if truncated {
                return Some(Err(RecordError::new(
                    &self.path,
                    here,
                    format!(
                        "line longer than the {}-byte record limit (--max-record-mb)",
                        self.max_line
                    ),
                )));
            }
            let bytes = match crate::decode(&self.path, &self.buf, here) {
                Ok(s) => s,
                Err(e) => return Some(Err(e)),
            };
            if bytes.trim().is_empty() {
                continue;
            }
            let parsed: Line = match serde_json::from_str(&bytes) {
                Ok(l) => l,
                Err(e) => {
                    return Some(Err(RecordError::new(
                        &self.path,
                        here,
                        format!("malformed JSON: {e}"),
                    )))
                }
            };
            let ids = &self.ids;
            return Some(parsed.into_doc(&self.path, here, || ids.record(line)));
        }
        None
    }
}
