//! The team-mode store's error type.

/// Why a team-mode operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PgError {
    /// The database URL could not be read.
    #[error("database URL: {0}")]
    Url(String),
    /// PostgreSQL refused or failed.
    #[error("PostgreSQL: {}", describe(.0))]
    Db(#[from] postgres::Error),
    /// No connection could be had (database down, wrong credentials, pool exhausted).
    #[error("PostgreSQL connection: {0}")]
    Pool(#[from] r2d2::Error),
    /// The database's schema is not the one this build reads.
    #[error("the database is at schema version {found}, this build needs {expected}: run `isnad db migrate --db …`")]
    Schema {
        /// Version found (0: never migrated).
        found: i64,
        /// Version this build needs.
        expected: i64,
    },
    /// A migration that was applied differs from the one this build carries.
    #[error("migration {version} was applied with different contents: the database was migrated by another build")]
    MigrationChanged {
        /// The migration's version.
        version: i64,
    },
    /// A search could not be understood.
    #[error("bad query: {0}")]
    Query(String),
    /// A queued document could not be decoded.
    #[error("queued document: {0}")]
    Json(#[from] serde_json::Error),
    /// The embedded corpus failed (shared helpers).
    #[error(transparent)]
    Corpus(#[from] isnad_corpus::CorpusError),
}

/// The server's own message (the client's `Display` says only "db error"), else the
/// client's error with its cause.
fn describe(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{} ({})", db.message(), db.code().code()),
        None => match std::error::Error::source(e) {
            Some(cause) => format!("{e}: {cause}"),
            None => e.to_string(),
        },
    }
}

/// A team-mode result.
pub type Result<T, E = PgError> = std::result::Result<T, E>;
