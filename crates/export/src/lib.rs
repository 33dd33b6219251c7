//! isnad's exports, for the tools analysts already use: STIX 2.1 (OpenCTI, MISP), GraphML
//! (Gephi), FollowTheMoney (Aleph), and CSV or JSONL tables (a spreadsheet, a script).
//!
//! # Brief overview
//! * [`Selection`] says which documents to export (all, or those matching an entity, a story,
//!   a search and a date range); [`Slice::load`] reads them from any
//!   [`isnad_corpus::CorpusStore`] (the embedded corpus, team mode's PostgreSQL) together with everything they reference (entities, mentions, relations, quotes, stories),
//!   so that every export is closed: nothing in it points outside it.
//! * [`export`] writes one [`Format`] of a slice to any [`std::io::Write`]. Each format is a
//!   pure function of the slice: no clock, no randomness, ids derived from content (UUIDv5),
//!   objects in a fixed order, so exporting twice gives the same bytes and re-importing
//!   updates instead of duplicating.
//!
//! # Example
//! ```no_run
//! use isnad_export::{export, Format, Options, Selection, Slice};
//! let corpus = isnad_corpus::Corpus::open("/tmp/isnad-data".as_ref()).unwrap();
//! let slice = Slice::load(&corpus, &Selection::default()).unwrap();
//! let mut out = std::io::stdout().lock();
//! export(&slice, Format::Stix, &Options::default(), &mut out).unwrap();
//! ```
#![deny(missing_docs)]

mod ftm;
mod graphml;
mod ids;
mod places;
mod slice;
mod stix;
mod table;

pub use slice::{Claim, EntityStats, Selection, Slice};
pub use table::{write_tables_to_dir, TABLES};

use std::io::Write;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A STIX 2.1 bundle (JSON), for OpenCTI and MISP.
    Stix,
    /// GraphML: entities as nodes, relations as directed edges, for Gephi.
    Graphml,
    /// FollowTheMoney entities as JSON lines, for Aleph (`ftm`, `alephclient`).
    Ftm,
    /// Five CSV tables (documents, entities, mentions, relations, quotes) in one zip.
    Csv,
    /// The same five tables as JSON lines, one record a line with its `table`.
    Jsonl,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 5] = [
        Format::Stix,
        Format::Graphml,
        Format::Ftm,
        Format::Csv,
        Format::Jsonl,
    ];

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Stix => "stix",
            Format::Graphml => "graphml",
            Format::Ftm => "ftm",
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
        }
    }

    /// The format a command-line name designates.
    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The usual file extension of one export in this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Stix => "json",
            Format::Graphml => "graphml",
            Format::Ftm => "ftm.json",
            Format::Csv => "zip",
            Format::Jsonl => "jsonl",
        }
    }
}

/// Traffic Light Protocol marking of a STIX bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tlp {
    /// TLP:WHITE (public news: the default).
    #[default]
    White,
    /// TLP:GREEN.
    Green,
    /// TLP:AMBER.
    Amber,
    /// TLP:RED.
    Red,
}

impl Tlp {
    /// The TLP a name (`white`, `clear`, `green`, `amber`, `red`) designates.
    pub fn parse(name: &str) -> Option<Tlp> {
        match name.to_ascii_lowercase().as_str() {
            "white" | "clear" => Some(Tlp::White),
            "green" => Some(Tlp::Green),
            "amber" => Some(Tlp::Amber),
            "red" => Some(Tlp::Red),
            _ => None,
        }
    }
}

/// Settings that change the bytes written.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// CSV only: start each file with a UTF-8 byte-order mark so that Excel reads Arabic.
    pub excel: bool,
    /// STIX only: the marking every object carries.
    pub tlp: Tlp,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the corpus failed.
    #[error(transparent)]
    Corpus(#[from] isnad_corpus::CorpusError),
    /// Reading another store (team mode's PostgreSQL) failed.
    #[error(transparent)]
    Store(Box<dyn std::error::Error + Send + Sync>),
    /// A selection argument is wrong (names the argument).
    #[error("{0}")]
    Selection(String),
    /// Writing failed.
    #[error("writing the export: {0}")]
    Io(#[from] std::io::Error),
    /// Serializing JSON failed.
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Writing a CSV table failed.
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
    /// Writing the zip failed.
    #[error("writing the zip: {0}")]
    Zip(#[from] zip::result::ZipError),
}

impl ExportError {
    /// A store's error.
    pub fn store(e: impl std::error::Error + Send + Sync + 'static) -> ExportError {
        ExportError::Store(Box::new(e))
    }
}

/// The result of an export.
pub type Result<T> = std::result::Result<T, ExportError>;

/// What one export wrote, for the caller's summary line and for tests that count what a
/// consumer imported against what isnad exported.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Documents (STIX reports, FtM articles, CSV rows).
    pub documents: usize,
    /// Entities (STIX identities and locations, graph nodes, FtM things).
    pub entities: usize,
    /// Relations exported as claims (STIX relationships, graph edges, FtM links).
    pub relations: usize,
    /// Negated relations (STIX notes, edges with `negated`, FtM notes).
    pub negated: usize,
    /// Quotes.
    pub quotes: usize,
    /// Stories (STIX groupings).
    pub stories: usize,
    /// Objects or records written in all.
    pub objects: usize,
}

/// Writes `slice` in `format` to `out`.
pub fn export(
    slice: &Slice,
    format: Format,
    options: &Options,
    out: &mut dyn Write,
) -> Result<Counts> {
    match format {
        Format::Stix => stix::write(slice, options, out),
        Format::Graphml => graphml::write(slice, out),
        Format::Ftm => ftm::write(slice, out),
        Format::Csv => table::write_zip(slice, options, out),
        Format::Jsonl => table::write_jsonl(slice, out),
    }
}
