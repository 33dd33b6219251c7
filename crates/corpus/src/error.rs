//! The corpus's error type.

use std::path::PathBuf;

/// Why a corpus operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CorpusError {
    /// The SQLite store failed.
    #[error("store {}: {source}", path.display())]
    Store {
        /// The database file.
        path: PathBuf,
        /// The SQLite error.
        #[source]
        source: rusqlite::Error,
    },
    /// The full-text index failed.
    #[error("index {}: {source}", path.display())]
    Index {
        /// The index directory.
        path: PathBuf,
        /// The Tantivy error.
        #[source]
        source: tantivy::TantivyError,
    },
    /// A file or directory could not be read or created.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// Listing or opening the input files failed.
    #[error(transparent)]
    Input(#[from] isnad_ingest::IngestError),
    /// A query could not be understood.
    #[error("bad query: {0}")]
    Query(String),
    /// No data directory was given and the platform has none.
    #[error("no data directory: pass --data DIR")]
    NoDataDir,
    /// The store was written by a newer or older isnad with another schema.
    #[error("store {}: schema version {found}, this isnad reads {expected}", path.display())]
    Schema {
        /// The database file.
        path: PathBuf,
        /// The version found.
        found: i64,
        /// The version this build reads.
        expected: i64,
    },
    /// A reading command was pointed at a directory that holds no corpus (a mistyped
    /// `--data`): nothing is created there.
    #[error("no corpus in {} (no isnad.sqlite there: check --data, or run `isnad ingest --data {}` first)", path.display(), path.display())]
    NoCorpus {
        /// The data directory.
        path: PathBuf,
    },
    /// Another process holds the corpus's writer lock (an ingest is running).
    #[error("another isnad process is writing to the corpus in {} (an ingest is running); run this again when it has finished", path.display())]
    Busy {
        /// The data directory.
        path: PathBuf,
    },
    /// The disk holding the corpus is full. What was committed before is kept and readable;
    /// the next ingest, once there is room, finishes the work.
    #[error("disk full: no space left for the corpus in {} (what was committed is kept and stays searchable; free some space and run the ingest again)", path.display())]
    DiskFull {
        /// The store file or index directory that could not grow.
        path: PathBuf,
    },
    /// The corpus cannot be written: a read-only directory, file or disk. Reading still works.
    #[error("the corpus in {} is read-only (no write permission, or a read-only disk): search, stats, entity, stories and export still work; ingest needs write access", path.display())]
    ReadOnly {
        /// The store file.
        path: PathBuf,
    },
    /// The store was never completely created: its first ingest stopped before the schema
    /// was committed (a full disk, a crash, a truncated WAL). Nothing in it can be lost.
    #[error("store {} was never completely created (its first ingest stopped early: a full disk, a crash or a truncated WAL); run the ingest again", path.display())]
    Unfinished {
        /// The store file.
        path: PathBuf,
    },
    /// The writer thread stopped unexpectedly.
    #[error("ingest writer stopped: {0}")]
    Writer(String),
}

/// Results of corpus operations.
pub type Result<T, E = CorpusError> = std::result::Result<T, E>;

/// `ENOSPC`: no space left on the device.
const ENOSPC: i32 = 28;

/// Whether an I/O error is a full disk.
pub(crate) fn io_is_disk_full(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(ENOSPC)
}

/// Whether a Tantivy error comes from a full disk. Tantivy often wraps the I/O error in a
/// string (an internal error, or "the index writer was killed" after its thread failed on
/// it), so the text is read too; a killed writer is checked by trying to write.
pub(crate) fn tantivy_is_disk_full(e: &tantivy::TantivyError, dir: &std::path::Path) -> bool {
    if let tantivy::TantivyError::IoError(io) = e {
        return io_is_disk_full(io);
    }
    let text = e.to_string();
    if text.contains("os error 28") || text.contains("No space left on device") {
        return true;
    }
    text.contains("killed") && no_room_in(dir)
}

/// Tries to write 64 KiB in `dir` (removed again); true when that fails for lack of space.
fn no_room_in(dir: &std::path::Path) -> bool {
    use std::io::Write;
    let probe = dir.join(".isnad-space-probe");
    let result = std::fs::File::create(&probe).and_then(|mut f| {
        f.write_all(&[0u8; 64 << 10])?;
        f.sync_all()
    });
    let _ = std::fs::remove_file(&probe);
    matches!(result, Err(e) if io_is_disk_full(&e))
}

/// Whether a SQLite error is a write refused by a read-only file, directory or disk.
pub(crate) fn sqlite_is_read_only(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ReadOnly
    )
}

/// Whether a SQLite error is a full disk.
pub(crate) fn sqlite_is_disk_full(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DiskFull
    )
}
