//! Reads news documents of every format isnad ingests into plain [`RawDoc`] records.
//!
//! API note: as planned (`RawDoc`, `Origin`, `Location`, `RecordError`, `IngestError`,
//! `discover`, `read_file`, `DocReader`), plus `Location::Item` (1-based position in a JSON
//! array), [`Format`], [`extract_html`] and [`normalize_date`].
//!
//! # Brief overview
//! [`discover`] expands files and directories into the sorted list of files isnad can read;
//! [`read_file`] opens one of them and returns a [`DocReader`], an iterator of
//! `Result<RawDoc, RecordError>`. A malformed record is one `Err` item that names the file and
//! the line, byte offset or Telegram message where it sits, and the iterator goes on with the
//! next record: a batch ingest reports it, counts it as skipped and continues. Only failing to
//! open a file at all is an [`IngestError`].
//!
//! | extension | records | id |
//! |---|---|---|
//! | `.txt` | the whole file (title: the file stem) | the file's name |
//! | `.html`, `.htm` | the main article text (Readability, boilerplate dropped) | the file's name |
//! | `.jsonl` | one JSON object per line: `id`, `text`, `title`, `url`, `published`, `outlet` | `id`, else `<name>:<line>` |
//! | `.json` | a Telegram Desktop export (`messages`), or an array of article objects | `tg-<channel>-<message id>`; `id`, else `<name>:<index>` |
//! | `.warc`, `.warc.gz` | `response`/`resource` records holding HTML | `WARC-Target-URI`, else `WARC-Record-ID`, else `<name>:<offset>` |
//!
//! The file's name is [`ReadOptions::name`]: with [`discover`], the path below the ingested
//! folder, folder name included (`news/a/report.txt`), so that `a/report.txt`, `b/report.txt`
//! and `b/report.html` stay three documents. [`read_file`] (no name) uses the file name
//! without its extension, and `<stem>-<n>` for records: the CONTRACT's rule for `analyze`.
//!
//! Empty documents (no text after extraction) are reported as a [`RecordError`] ("empty
//! document") rather than returned, so that the store never holds blank rows and the skip
//! summary shows them. Text that is not valid UTF-8 is an error with the byte offset of the
//! first bad byte (never replaced silently: offsets are the pipeline's contract).
//!
//! ```
//! use std::io::Write;
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("news.jsonl");
//! let mut f = std::fs::File::create(&path).unwrap();
//! writeln!(f, r#"{{"id": "a1", "text": "قال الوزير إن الاجتماع انتهى", "published": "2024-03-05T10:00:00Z"}}"#).unwrap();
//! writeln!(f, "not json").unwrap();
//! drop(f);
//! let records: Vec<_> = isnad_ingest::read_file(&path).unwrap().collect();
//! let doc = records[0].as_ref().unwrap();
//! assert_eq!(doc.id, "a1");
//! assert_eq!(doc.published.as_deref(), Some("2024-03-05"));
//! let err = records[1].as_ref().unwrap_err();
//! assert_eq!(err.location, isnad_ingest::Location::Line(2));
//! ```
#![deny(missing_docs)]

mod date;
mod depth;
mod html;
mod jsonl;
mod lines;
pub mod saudinewsnet;
mod telegram;
mod txt;
mod walk;
mod warc;

use std::fmt;
use std::path::{Path, PathBuf};

pub use date::normalize_date;
pub use html::{extract_html, HtmlDoc};
pub use walk::{discover, Discovery, Found};

/// One document read from an input file, before analysis.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RawDoc {
    /// Stable id: supplied by the input, else derived from the file name (and line or offset).
    pub id: String,
    /// The document's text (UTF-8, paragraphs separated by newlines).
    pub text: String,
    /// Headline, when the format carries one.
    pub title: Option<String>,
    /// Where the document was published online.
    pub url: Option<String>,
    /// Publication date, normalized to `YYYY-MM-DD` when parseable, else as given.
    pub published: Option<String>,
    /// The outlet (newspaper, channel, site) that published it.
    pub outlet: Option<String>,
    /// Where in which file it was read.
    pub origin: Origin,
}

/// Where a record sits: the file and the place inside it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Origin {
    /// The file, as given to [`read_file`].
    pub file: PathBuf,
    /// The place inside the file.
    pub location: Location,
}

/// A place inside a file, so that a user can find a record (or a malformed one) again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "at")]
pub enum Location {
    /// The whole file is one record.
    Whole,
    /// A 1-based line number (JSONL; JSON parse errors).
    Line(u64),
    /// A byte offset (invalid UTF-8; WARC records, counted in the decompressed stream for
    /// `.warc.gz`).
    Offset(u64),
    /// A Telegram message id.
    Message(u64),
    /// A 1-based position in a JSON array (article arrays; Telegram messages without an id).
    Item(u64),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Whole => Ok(()),
            Location::Line(n) => write!(f, ":line {n}"),
            Location::Offset(n) => write!(f, ":byte {n}"),
            Location::Message(n) => write!(f, ":message {n}"),
            Location::Item(n) => write!(f, ":item {n}"),
        }
    }
}

/// A record that could not be read; the reader skips it and goes on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RecordError {
    /// The file holding the record.
    pub file: PathBuf,
    /// Where in the file.
    pub location: Location,
    /// What was wrong.
    pub message: String,
}

impl RecordError {
    pub(crate) fn new(file: &Path, location: Location, message: impl Into<String>) -> Self {
        RecordError {
            file: file.to_path_buf(),
            location,
            message: message.into(),
        }
    }
}

impl fmt::Display for RecordError {
    /// `file:line 12: message` (or `:byte N`, `:message N`, nothing for whole files).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}: {}",
            self.file.display(),
            self.location,
            self.message
        )
    }
}

impl std::error::Error for RecordError {}

/// A file could not be read at all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// Opening, listing or reading failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The file's extension (or, for `.json`, its content) is not a format isnad reads.
    #[error("{}: unsupported format (expected .txt, .html, .htm, .jsonl, .json (Telegram export or article array), .warc or .warc.gz)", path.display())]
    Unsupported {
        /// The file.
        path: PathBuf,
    },
}

/// The formats [`read_file`] understands, chosen by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `.txt`: one document.
    Text,
    /// `.html` / `.htm`: one article page.
    Html,
    /// `.jsonl`: one document per line.
    JsonLines,
    /// `.json`: a Telegram Desktop export or an array of article objects (sniffed).
    Json,
    /// `.warc`: uncompressed WARC.
    Warc,
    /// `.warc.gz`: gzipped WARC (one or many gzip members).
    WarcGz,
}

impl Format {
    /// The format of `path` by its extension (case-insensitive), or `None` when unsupported.
    pub fn of(path: &Path) -> Option<Format> {
        // Lossy: a file name that is not UTF-8 still has an ASCII extension to go by.
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        if name.ends_with(".warc.gz") {
            return Some(Format::WarcGz);
        }
        let ext = name.rsplit_once('.')?.1;
        Some(match ext {
            "txt" => Format::Text,
            "html" | "htm" => Format::Html,
            "jsonl" => Format::JsonLines,
            "json" => Format::Json,
            "warc" => Format::Warc,
            _ => return None,
        })
    }
}

/// An iterator over the records of one file; `Send` so that files can be read on worker threads.
pub struct DocReader {
    inner: Box<dyn Iterator<Item = Result<RawDoc, RecordError>> + Send>,
}

impl DocReader {
    pub(crate) fn new(
        inner: impl Iterator<Item = Result<RawDoc, RecordError>> + Send + 'static,
    ) -> Self {
        DocReader {
            inner: Box::new(inner),
        }
    }
}

impl Iterator for DocReader {
    type Item = Result<RawDoc, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next()
    }
}

impl fmt::Debug for DocReader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DocReader")
    }
}

/// Opens `path` and returns its records, with ids derived from the file name (the
/// CONTRACT's rule for `analyze`) and the default [`Limits`]. See [`read_file_with`].
///
/// # Errors
/// As [`read_file_with`].
pub fn read_file(path: &Path) -> Result<DocReader, IngestError> {
    read_file_with(path, &ReadOptions::default())
}

/// How to read one file: the name its ids derive from and the bounds on what is buffered.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The file's stable name ([`Found::name`], e.g. `news/a/report.txt`). A document the
    /// input does not name gets it as its id (a whole file), or `<name>:<line>` /
    /// `<name>:<item>` / `<name>:<offset>` (a record). `None`: the file name without its
    /// extension, and `<stem>-<n>` for records.
    pub name: Option<String>,
    /// Bounds on one record.
    pub limits: Limits,
}

/// Bounds on what a reader buffers for one record. A record over a bound is an `Err` item
/// naming the file and the record, and the reader goes on with the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest record read into memory, in bytes: a `.txt` or `.html` file, a JSONL line,
    /// a WARC record block (and its decoded body). Default 64 MiB.
    pub max_record_bytes: u64,
    /// The largest `.json` file (a Telegram export or an article array), which is parsed
    /// whole. Default 1 GiB: a big channel's export runs to hundreds of MB.
    pub max_json_bytes: u64,
    /// The deepest element nesting an HTML page may have (elements whose end tag may be left
    /// out, such as `<p>` and `<li>`, are not counted). Readability's work grows with depth
    /// times size, so a page of 100,000 nested `<div>`s would take minutes. Default 512.
    pub max_html_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_record_bytes: 64 << 20,
            max_json_bytes: 1 << 30,
            max_html_depth: 512,
        }
    }
}

/// Opens `path` and returns its records. Large formats (JSONL, WARC) are streamed record by
/// record, so memory stays bounded by the largest record ([`Limits::max_record_bytes`]), not
/// the file.
///
/// # Errors
/// [`IngestError::Unsupported`] for an unknown extension or a `.json` file that is neither a
/// Telegram export nor an array of articles; [`IngestError::Io`] when the file cannot be
/// opened or read. Problems inside the file are `Err` items of the iterator instead.
pub fn read_file_with(path: &Path, options: &ReadOptions) -> Result<DocReader, IngestError> {
    let format = Format::of(path).ok_or_else(|| IngestError::Unsupported {
        path: path.to_path_buf(),
    })?;
    let ids = Ids::new(path, options);
    let limits = options.limits;
    match format {
        Format::Text => txt::read(path, ids, limits),
        Format::Html => html::read(path, ids, limits),
        Format::JsonLines => jsonl::read(path, ids, limits),
        Format::Json => telegram::read(path, ids, limits),
        Format::Warc => warc::read(path, false, ids, limits),
        Format::WarcGz => warc::read(path, true, ids, limits),
    }
}

/// How a reader names the documents its input does not name.
#[derive(Debug, Clone)]
pub(crate) struct Ids {
    /// The stable name, when the caller gave one.
    name: Option<String>,
    /// The file name without its format extension(s).
    pub stem: String,
}

impl Ids {
    fn new(path: &Path, options: &ReadOptions) -> Ids {
        Ids {
            name: options.name.clone(),
            stem: file_stem(path),
        }
    }

    /// The id of a file that is one document.
    pub fn whole(&self) -> String {
        self.name.clone().unwrap_or_else(|| self.stem.clone())
    }

    /// The id of record `n` (a line, item or offset) that carries none.
    pub fn record(&self, n: u64) -> String {
        match &self.name {
            Some(name) => format!("{name}:{n}"),
            None => format!("{}-{n}", self.stem),
        }
    }
}

/// Reads a whole file of at most `cap` bytes; a larger file is a record error naming the
/// `flag` that raises the bound (the `Ok(Err(_))`), an unreadable one an [`IngestError`].
pub(crate) fn read_bounded(
    path: &Path,
    cap: u64,
    flag: &str,
) -> Result<Result<Vec<u8>, RecordError>, IngestError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    let mut bytes = Vec::new();
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(path, e))?;
    if bytes.len() as u64 > cap {
        return Ok(Err(RecordError::new(
            path,
            Location::Whole,
            format!("larger than the {cap}-byte limit ({flag})"),
        )));
    }
    Ok(Ok(bytes))
}

/// The file name without its extension(s) that mark the format, used to derive ids.
pub(crate) fn file_stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".warc.gz") {
        return name[..name.len() - ".warc.gz".len()].to_string();
    }
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => name,
    }
}

pub(crate) fn io_error(path: &Path, source: std::io::Error) -> IngestError {
    IngestError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Trims `s` and turns an empty result into `None`.
pub(crate) fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Decodes a record's bytes (UTF-8, or UTF-16 after a byte-order mark); an error names the
/// bad byte's offset for a whole file, the record's location otherwise.
pub(crate) fn decode<'a>(
    path: &Path,
    bytes: &'a [u8],
    location: Location,
) -> Result<std::borrow::Cow<'a, str>, RecordError> {
    isnad_text::decode_any(bytes).map_err(|e| {
        let at = match location {
            Location::Whole => Location::Offset(e.offset as u64),
            other => other,
        };
        RecordError::new(path, at, e.to_string())
    })
}
