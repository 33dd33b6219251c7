//! Versioned migrations: SQL files under `migrations/`, embedded in the binary, applied in
//! order, each in its own transaction, under an advisory lock so that two `isnad db migrate`
//! (or a migrate racing a worker start) never apply one twice.

use crate::error::{PgError, Result};
use crate::PgStore;

/// The migrations: version, name, SQL. Append only: an applied migration never changes
/// (its checksum is stored and compared).
pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "init", include_str!("../migrations/0001_init.sql")),
    (2, "stories", include_str!("../migrations/0002_stories.sql")),
];

/// The schema version this build reads and writes: the last migration's.
pub const SCHEMA_VERSION: i64 = 2;

/// Any fixed number: the advisory lock key of migrations ("isnad" in ASCII).
const LOCK_KEY: i64 = 0x0069_736e_6164;

const LEDGER: &str = "CREATE TABLE IF NOT EXISTS isnad_migrations(
    version BIGINT PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now())";

/// A stable checksum of a migration's text (FNV-1a, 64 bits): enough to notice an edit.
fn checksum(sql: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in sql.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

impl PgStore {
    /// Applies the migrations the database lacks; returns the versions applied now (empty
    /// when it was current).
    ///
    /// # Errors
    /// [`PgError::MigrationChanged`] when an applied migration's text differs from this
    /// build's; database errors (the failing migration is rolled back whole).
    pub fn migrate(&self) -> Result<Vec<i64>> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK_KEY])?;
        tx.batch_execute(LEDGER)?;
        let mut applied = Vec::new();
        for &(version, name, sql) in MIGRATIONS {
            let sum = checksum(sql);
            let found = tx.query_opt(
                "SELECT checksum FROM isnad_migrations WHERE version = $1",
                &[&version],
            )?;
            match found {
                Some(row) if row.get::<_, String>(0) == sum => continue,
                Some(_) => return Err(PgError::MigrationChanged { version }),
                None => {}
            }
            tx.batch_execute(sql)?;
            tx.execute(
                "INSERT INTO isnad_migrations(version, name, checksum) VALUES ($1, $2, $3)",
                &[&version, &name, &sum],
            )?;
            applied.push(version);
        }
        tx.commit()?;
        Ok(applied)
    }

    /// The schema version of the database (0 when never migrated).
    pub fn schema_version(&self) -> Result<i64> {
        version(&mut *self.conn()?)
    }
}

fn version(conn: &mut postgres::Client) -> Result<i64> {
    let exists: bool = conn
        .query_one("SELECT to_regclass('isnad_migrations') IS NOT NULL", &[])?
        .get(0);
    if !exists {
        return Ok(0);
    }
    let v: Option<i64> = conn
        .query_one("SELECT MAX(version) FROM isnad_migrations", &[])?
        .get(0);
    Ok(v.unwrap_or(0))
}

/// Fails unless the database is at [`SCHEMA_VERSION`].
pub(crate) fn check(conn: &mut postgres::Client) -> Result<()> {
    match version(conn)? {
        SCHEMA_VERSION => Ok(()),
        found => Err(PgError::Schema {
            found,
            expected: SCHEMA_VERSION,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_dense_and_the_last_is_the_schema() {
        for (i, (version, _, sql)) in MIGRATIONS.iter().enumerate() {
            assert_eq!(*version, i as i64 + 1);
            assert!(!sql.trim().is_empty());
        }
        assert_eq!(MIGRATIONS.last().map(|m| m.0), Some(SCHEMA_VERSION));
        assert_ne!(checksum("a"), checksum("b"));
    }
}
