//! The ingest pipeline: read → skip unchanged → analyze in parallel → one writer.
//!
//! Reading is sequential (files in sorted order, so repeated ingests see the same stream).
//! Documents go to rayon in chunks; each worker runs the full analysis and pre-tokenizes the
//! text for the index. A single writer thread stores a chunk in one SQLite transaction, then
//! adds it to Tantivy and commits, then marks the rows indexed: a crash at any point leaves
//! rows that are complete in SQLite, and the ones not yet marked are re-indexed at the next
//! open (see [`crate::Corpus::open`]). A document counts as done ("acknowledged") only after
//! its SQLite commit.

use crate::error::{CorpusError, Result};
use crate::index::{index_text, parse_day, pre_tokenize, IndexDoc, SearchIndex};
use crate::names::{identity_key, name_skeleton};
use crate::store::Store;
use crate::Corpus;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use isnad_analysis::{Analysis, Analyzer, DocMeta, Options};
use isnad_ingest::{RawDoc, RecordError};
use rayon::prelude::*;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, Receiver};
use tantivy_arabic::ArabicAnalyzer;

/// How to ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Documents per transaction (and per parallel chunk).
    pub batch: usize,
    /// Draw a progress bar on standard error (hidden anyway when it is not a terminal).
    pub progress: bool,
    /// Recompute stories and corroboration at the end.
    pub stories: bool,
    /// Print `isnad ingest: committed N` on standard error after each committed batch, so
    /// that a supervisor (or the crash test) knows which documents are acknowledged.
    pub log_commits: bool,
    /// The day (`YYYY-MM-DD`) relative dates («أمس», «الثلاثاء الماضي») resolve against in a
    /// document that carries no date of its own: the day of the ingest ([`ingest_day`]). A
    /// document's own date always wins; the stored `published` stays the document's own.
    pub ingest_date: Option<String>,
    /// Bounds on one record (its bytes, an HTML page's nesting); a record over a bound is
    /// reported and skipped.
    pub limits: isnad_ingest::Limits,
}

/// The `meta` key present while documents were committed after the last stories recompute.
const STORIES_STALE: &str = "stories_stale";

/// The UTC day of `now` as `YYYY-MM-DD`, for [`IngestOptions::ingest_date`].
pub fn ingest_day(now: std::time::SystemTime) -> String {
    let secs = now
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = crate::index::civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            batch: 256,
            progress: true,
            stories: true,
            log_commits: false,
            ingest_date: None,
            limits: isnad_ingest::Limits::default(),
        }
    }
}

/// What an ingest did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct IngestSummary {
    /// Files read.
    pub files: usize,
    /// New documents stored.
    pub ingested: usize,
    /// Known ids whose content changed, re-analyzed and replaced.
    pub updated: usize,
    /// Documents already stored with the same content.
    pub unchanged: usize,
    /// Malformed records and unreadable files, skipped.
    pub skipped: usize,
    /// Words (text-core tokens) analyzed.
    pub words: usize,
    /// Seconds spent.
    pub seconds: f64,
}

/// Something worth telling the user while ingesting.
#[derive(Debug)]
pub enum IngestEvent<'a> {
    /// A record was malformed (file and line or offset inside) and skipped.
    Skipped(&'a RecordError),
    /// A whole file could not be opened.
    FileFailed(&'a CorpusError),
    /// This many documents are now committed (acknowledged) in total.
    Committed(usize),
}

/// A document analyzed and ready for the writer.
pub(crate) struct Prepared {
    pub(crate) raw: RawDoc,
    pub(crate) hash: String,
    pub(crate) update: bool,
    pub(crate) words: usize,
    pub(crate) analysis: Analysis,
    pub(crate) index: IndexDoc,
}

/// Content hash: what makes "the same document" for idempotence.
pub fn content_hash(doc: &RawDoc) -> String {
    use xxhash_rust::xxh3::Xxh3;
    let mut h = Xxh3::new();
    for part in [
        Some(doc.text.as_str()),
        doc.title.as_deref(),
        doc.url.as_deref(),
        doc.published.as_deref(),
        doc.outlet.as_deref(),
    ] {
        h.update(part.unwrap_or("").as_bytes());
        h.update(&[0xff]);
    }
    format!("{:032x}", h.digest128())
}

impl Corpus {
    /// Ingests files and directories (see `isnad_ingest::discover` for the formats), analyzing
    /// each new or changed document with `analyzer` (e.g. `Analyzer::new()`, or one over the
    /// user's knowledge base).
    ///
    /// # Errors
    /// A store or index failure. Missing paths, unreadable folders and files, malformed
    /// records and records that repeat an id already read in this run are reported through
    /// `on_event` and counted as skipped, not errors: the rest is ingested.
    pub fn ingest(
        &mut self,
        paths: &[PathBuf],
        analyzer: &Analyzer<'_>,
        options: &IngestOptions,
        on_event: &mut dyn FnMut(IngestEvent<'_>),
    ) -> Result<IngestSummary> {
        let started = std::time::Instant::now();
        // The writer lock first: a second ingest is refused before it reads or analyzes. A
        // reader healing a crash holds it for a moment: wait that long, not for an ingest.
        let mut waited = 0;
        let index_writer = loop {
            match self.index.writer() {
                Err(CorpusError::Busy { .. }) if waited < 20 => {
                    waited += 1;
                    std::thread::sleep(std::time::Duration::from_millis(250));
                }
                other => break other?,
            }
        };
        let discovery = isnad_ingest::discover(paths);
        let files = discovery.files;
        let mut summary = IngestSummary {
            files: files.len(),
            skipped: discovery.problems.len(),
            ..Default::default()
        };
        for problem in discovery.problems {
            on_event(IngestEvent::FileFailed(&CorpusError::Input(problem)));
        }
        let known = self.known_hashes()?;
        let bar = progress_bar(options.progress);
        let batch = options.batch.max(1);

        let (tx, rx) = sync_channel::<Vec<Prepared>>(2);
        let writer_store = Store::open(&self.store.path)?;
        let index = self.index.clone();
        let writer_bar = bar.clone();
        let log_commits = options.log_commits;
        let writer = std::thread::spawn(move || {
            write_loop(
                writer_store,
                index,
                index_writer,
                rx,
                writer_bar,
                log_commits,
            )
        });

        let mut chunk: Vec<(RawDoc, String, bool)> = Vec::with_capacity(batch);
        // Ids read in this run, with where: a second record with one id is reported, never
        // merged into the first.
        let mut seen: HashMap<String, isnad_ingest::Origin> = HashMap::new();
        let mut send_error = None;
        'files: for file in &files {
            let read_options = isnad_ingest::ReadOptions {
                name: Some(file.name.clone()),
                limits: options.limits,
            };
            let reader = match isnad_ingest::read_file_with(&file.path, &read_options) {
                Ok(r) => r,
                Err(e) => {
                    summary.skipped += 1;
                    bar.suspend(|| on_event(IngestEvent::FileFailed(&CorpusError::Input(e))));
                    continue;
                }
            };
            for record in reader {
                crate::failpoint::failpoint("read");
                let raw = match record {
                    Ok(raw) => raw,
                    Err(e) => {
                        summary.skipped += 1;
                        bar.suspend(|| on_event(IngestEvent::Skipped(&e)));
                        continue;
                    }
                };
                if let Some(first) = seen.get(&raw.id) {
                    let e = RecordError {
                        file: raw.origin.file.clone(),
                        location: raw.origin.location,
                        message: format!(
                            "repeats the id {:?} of {}{}; skipped",
                            raw.id,
                            first.file.display(),
                            first.location
                        ),
                    };
                    summary.skipped += 1;
                    bar.suspend(|| on_event(IngestEvent::Skipped(&e)));
                    continue;
                }
                seen.insert(raw.id.clone(), raw.origin.clone());
                let hash = content_hash(&raw);
                let update = match known.get(&raw.id) {
                    Some(old) if *old == hash => {
                        summary.unchanged += 1;
                        continue;
                    }
                    Some(_) => true,
                    None => false,
                };
                if update {
                    summary.updated += 1;
                } else {
                    summary.ingested += 1;
                }
                chunk.push((raw, hash, update));
                if chunk.len() >= batch {
                    let prepared = prepare(analyzer, options, std::mem::take(&mut chunk));
                    summary.words += prepared.iter().map(|p| p.words).sum::<usize>();
                    if let Err(e) = tx.send(prepared) {
                        send_error = Some(e.to_string());
                        break 'files;
                    }
                }
            }
        }
        if !chunk.is_empty() && send_error.is_none() {
            let prepared = prepare(analyzer, options, chunk);
            summary.words += prepared.iter().map(|p| p.words).sum::<usize>();
            if let Err(e) = tx.send(prepared) {
                send_error = Some(e.to_string());
            }
        }
        drop(tx);
        let committed = writer
            .join()
            .map_err(|_| CorpusError::Writer("writer thread panicked".into()))??;
        if let Some(e) = send_error {
            return Err(CorpusError::Writer(e));
        }
        on_event(IngestEvent::Committed(committed));
        bar.finish_and_clear();
        self.index.reload()?;
        // Also when a run killed before its stories left them stale: this run may have
        // nothing new, and the stories must still come out as after an uninterrupted one.
        let stale = options.stories && self.stories_stale()?;
        if options.stories && ((summary.ingested + summary.updated) > 0 || stale) {
            crate::failpoint::failpoint("stories");
            // A changed text invalidates its stored story features, and a killed run may have
            // left documents unplaced: regroup from scratch then.
            self.update_stories(summary.updated > 0 || stale)?;
            self.store
                .conn
                .execute("DELETE FROM meta WHERE key = ?1", [STORIES_STALE])
                .map_err(|e| self.store.err(e))?;
        }
        summary.seconds = started.elapsed().as_secs_f64();
        Ok(summary)
    }

    /// Whether documents were committed since the stories were last recomputed.
    fn stories_stale(&self) -> Result<bool> {
        let n = self.store.count(&format!(
            "SELECT COUNT(*) FROM meta WHERE key = '{STORIES_STALE}'"
        ))?;
        Ok(n > 0)
    }

    fn known_hashes(&self) -> Result<HashMap<String, String>> {
        let mut stmt = self
            .store
            .conn
            .prepare("SELECT id, hash FROM documents")
            .map_err(|e| self.store.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| self.store.err(e))?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, hash) = row.map_err(|e| self.store.err(e))?;
            out.insert(id, hash);
        }
        Ok(out)
    }
}

fn progress_bar(show: bool) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{spinner} {pos} documents  {per_sec}  {elapsed_precise}  {msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// Analysis and index tokens for a chunk, across all cores.
fn prepare(
    analyzer: &Analyzer<'_>,
    options: &IngestOptions,
    chunk: Vec<(RawDoc, String, bool)>,
) -> Vec<Prepared> {
    crate::failpoint::failpoint("analyze");
    chunk
        .into_par_iter()
        .map_init(ArabicAnalyzer::new, |tokens, (raw, hash, update)| {
            let meta = DocMeta {
                id: raw.id.clone(),
                source: raw.origin.file.display().to_string(),
                published: raw
                    .published
                    .clone()
                    .or_else(|| options.ingest_date.clone()),
            };
            let analysis = analyzer.analyze(&raw.text, meta, &Options { tokens: false });
            let (text, words) = index_text(tokens, &raw.text);
            let index = IndexDoc {
                id: raw.id.clone(),
                title: raw.title.as_deref().map(|t| pre_tokenize(tokens, t)),
                text,
                outlet: raw.outlet.clone(),
                published: raw.published.as_deref().and_then(parse_day),
            };
            Prepared {
                raw,
                hash,
                update,
                words,
                analysis,
                index,
            }
        })
        .collect()
}

/// The writer thread: store, index, mark indexed; returns how many documents it committed.
fn write_loop(
    mut store: Store,
    index: SearchIndex,
    mut writer: tantivy::IndexWriter,
    rx: Receiver<Vec<Prepared>>,
    bar: ProgressBar,
    log_commits: bool,
) -> Result<usize> {
    let mut entities = EntityCache::default();
    let mut committed = 0usize;
    for batch in rx {
        let path = store.path.clone();
        let tx = store
            .conn
            .transaction()
            .map_err(|e| crate::store::store_err(&path, e))?;
        let mut written = Vec::with_capacity(batch.len());
        for doc in &batch {
            let rowid = write_doc(&tx, doc, &mut entities)
                .map_err(|e| crate::store::store_err(&path, e))?;
            written.push(rowid);
        }
        // In the documents' own transaction, so that no crash can leave them without it.
        tx.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, '1')",
            [STORIES_STALE],
        )
        .map_err(|e| crate::store::store_err(&path, e))?;
        tx.commit().map_err(|e| crate::store::store_err(&path, e))?;
        committed += batch.len();
        bar.inc(batch.len() as u64);
        if log_commits {
            bar.suspend(|| eprintln!("isnad ingest: committed {committed}"));
        }
        crate::failpoint::failpoint("write");
        // The rows are safe; now the index, then the marks that say the index has them.
        for (doc, rowid) in batch.into_iter().zip(&written) {
            let ids = doc_entity_ids(&store.conn, *rowid).map_err(|e| store.err(e))?;
            index.add(&writer, doc.index, &ids)?;
        }
        writer
            .commit()
            .map_err(|e| crate::index::index_err(&index.path, e))?;
        crate::failpoint::failpoint("index");
        let tx = store
            .conn
            .transaction()
            .map_err(|e| crate::store::store_err(&path, e))?;
        {
            let mut mark = tx
                .prepare_cached("UPDATE documents SET indexed = 1 WHERE rowid = ?1")
                .map_err(|e| crate::store::store_err(&path, e))?;
            for rowid in &written {
                mark.execute([rowid])
                    .map_err(|e| crate::store::store_err(&path, e))?;
            }
        }
        tx.commit().map_err(|e| crate::store::store_err(&path, e))?;
    }
    writer
        .wait_merging_threads()
        .map_err(|e| crate::index::index_err(&index.path, e))?;
    Ok(committed)
}

/// Corpus entity ids mentioned in a stored document.
pub(crate) fn doc_entity_ids(conn: &Connection, rowid: i64) -> rusqlite::Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT DISTINCT entity FROM doc_entities WHERE doc = ?1")?;
    let rows = stmt.query_map([rowid], |r| r.get(0))?;
    rows.collect()
}

/// Entity key → corpus id, so that the writer asks SQLite once per entity per run.
#[derive(Default)]
pub(crate) struct EntityCache {
    ids: HashMap<String, i64>,
    /// Unlinked entity (type, name as written) → corpus id, so the single writer thread folds
    /// each spelling into its key once per run rather than once per document.
    unlinked: HashMap<(isnad_doc::EntityType, String), i64>,
    /// Mention text → its alias key, for the same reason.
    alias_keys: HashMap<String, String>,
}

impl EntityCache {
    /// The name key of a mention's text, folded once per run per spelling.
    fn alias_key(&mut self, text: &str) -> &str {
        if !self.alias_keys.contains_key(text) {
            // Bounds memory on a huge corpus; spellings seen again are simply folded again.
            if self.alias_keys.len() >= 200_000 {
                self.alias_keys.clear();
            }
            self.alias_keys
                .insert(text.to_string(), crate::names::name_key(text));
        }
        self.alias_keys.get(text).map_or("", String::as_str)
    }

    fn resolve(
        &mut self,
        conn: &Connection,
        entity: &isnad_entities::Entity,
    ) -> rusqlite::Result<i64> {
        let linked = entity.kb_id.as_deref().is_some_and(|id| !id.is_empty());
        if !linked {
            if let Some(&id) = self.unlinked.get(&(entity.kind, entity.name.clone())) {
                return Ok(id);
            }
        }
        let id = self.resolve_key(conn, entity)?;
        if !linked {
            self.unlinked.insert((entity.kind, entity.name.clone()), id);
        }
        Ok(id)
    }

    fn resolve_key(
        &mut self,
        conn: &Connection,
        entity: &isnad_entities::Entity,
    ) -> rusqlite::Result<i64> {
        // The one identity key (type included), as the window merge of a long document uses.
        let key = identity_key(entity.kb_id.as_deref(), entity.kind, &entity.name);
        if let Some(&id) = self.ids.get(&key) {
            return Ok(id);
        }
        let found: Option<i64> = conn
            .prepare_cached("SELECT id FROM entities WHERE key = ?1")?
            .query_row([&key], |r| r.get(0))
            .optional()?;
        let id = match found {
            Some(id) => id,
            None => {
                let kind = serde_json::to_value(entity.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                conn.prepare_cached(
                    "INSERT INTO entities(key, kb_id, type, name, name_en, skeleton) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![key, entity.kb_id, kind, entity.name, entity.name_en, name_skeleton(&entity.name_en)])?;
                conn.last_insert_rowid()
            }
        };
        self.ids.insert(key, id);
        Ok(id)
    }
}

/// Writes one document and everything extracted from it; returns its rowid.
pub(crate) fn write_doc(
    conn: &Connection,
    doc: &Prepared,
    entities: &mut EntityCache,
) -> rusqlite::Result<i64> {
    let raw = &doc.raw;
    let source = raw.origin.file.display().to_string();
    let rowid = if doc.update {
        let rowid: Option<i64> = conn
            .prepare_cached("SELECT rowid FROM documents WHERE id = ?1")?
            .query_row([&raw.id], |r| r.get(0))
            .optional()?;
        rowid
    } else {
        None
    };
    let rowid = match rowid {
        Some(rowid) => {
            Store::delete_extractions(conn, rowid)?;
            conn.prepare_cached(
                "UPDATE documents SET hash=?2, title=?3, url=?4, outlet=?5, published=?6, source=?7, text=?8, words=?9, indexed=0 WHERE rowid=?1",
            )?
            .execute(params![rowid, doc.hash, raw.title, raw.url, raw.outlet, raw.published, source, raw.text, doc.words as i64])?;
            rowid
        }
        None => {
            conn.prepare_cached(
                "INSERT INTO documents(id, hash, title, url, outlet, published, source, text, words, indexed) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,0)",
            )?
            .execute(params![raw.id, doc.hash, raw.title, raw.url, raw.outlet, raw.published, source, raw.text, doc.words as i64])?;
            conn.last_insert_rowid()
        }
    };
    let a = &doc.analysis;
    let mut local: HashMap<&str, i64> = HashMap::new();
    for e in &a.entities {
        let id = entities.resolve(conn, e)?;
        local.insert(e.id.as_str(), id);
        conn.prepare_cached("INSERT OR REPLACE INTO doc_entities(doc, entity, local, name, mentions) VALUES (?1,?2,?3,?4,?5)")?
            .execute(params![rowid, id, e.id, e.name, e.mentions.len() as i64])?;
        let mut insert_mention = conn.prepare_cached(
            "INSERT INTO mentions(doc, entity, start, end, text) VALUES (?1,?2,?3,?4,?5)",
        )?;
        let mut alias = conn.prepare_cached(
            "INSERT INTO aliases(entity, alias, key, count) VALUES (?1, ?2, ?3, 1) ON CONFLICT(entity, alias) DO UPDATE SET count = count + 1",
        )?;
        let mut aliases_seen: Vec<&str> = Vec::new();
        for m in &e.mentions {
            insert_mention.execute(params![rowid, id, m.start as i64, m.end as i64, m.text])?;
            if !aliases_seen.contains(&m.text.as_str()) {
                aliases_seen.push(&m.text);
                alias.execute(params![id, m.text, entities.alias_key(&m.text)])?;
            }
        }
    }
    let corpus_id = |local_id: &str| local.get(local_id).copied();
    for r in &a.relations {
        let (Some(subject), Some(object)) = (corpus_id(&r.subject), corpus_id(&r.object)) else {
            continue;
        };
        let kind = serde_json::to_value(r.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        conn.prepare_cached(
            "INSERT INTO relations(doc, subject, type, object, negated, asserted_by, evidence, ev_start, ev_end, confidence) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
        )?
        .execute(params![
            rowid,
            subject,
            kind,
            object,
            r.negated,
            r.asserted_by.as_deref().and_then(corpus_id),
            r.evidence.text,
            r.evidence.start as i64,
            r.evidence.end as i64,
            r.confidence as f64
        ])?;
    }
    for q in &a.quotes {
        let via: Vec<i64> = q.via.iter().filter_map(|v| corpus_id(v)).collect();
        conn.prepare_cached(
            "INSERT INTO quotes(doc, speaker, speaker_text, cue, text, start, end, via) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
        )?
        .execute(params![
            rowid,
            q.speaker.as_deref().and_then(corpus_id),
            q.speaker_text,
            q.cue,
            q.text,
            q.start as i64,
            q.end as i64,
            serde_json::to_string(&via).unwrap_or_else(|_| "[]".into())
        ])?;
    }
    Ok(rowid)
}
