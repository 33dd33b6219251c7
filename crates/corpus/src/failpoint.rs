//! Failpoints for the ingest fault matrix (`tests/faults.rs`): with `ISNAD_FAILPOINT=<stage>`
//! in the environment, an ingest that reaches that stage says so on standard error and stops
//! there, so that a test can `kill -9` it at a known moment instead of a random one.
//!
//! The stages: `read` (a record was read), `analyze` (a chunk is being analyzed), `write`
//! (a batch is committed to SQLite, not yet indexed), `index` (the index committed the batch,
//! the store does not know yet), `stories` (every document is in, stories not recomputed).
//! Unset (always, outside tests), a failpoint costs one comparison.

use std::sync::OnceLock;

/// Stops here, forever, when `ISNAD_FAILPOINT` names `stage`.
pub(crate) fn failpoint(stage: &str) {
    static ARMED: OnceLock<Option<String>> = OnceLock::new();
    let armed = ARMED.get_or_init(|| std::env::var("ISNAD_FAILPOINT").ok());
    if armed.as_deref() != Some(stage) {
        return;
    }
    eprintln!("isnad: failpoint {stage} reached");
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}
