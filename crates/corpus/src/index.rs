//! The Tantivy full-text index, kept in step with the store.
//!
//! Only what search needs is in the index: the id (stored, to find the row), title and text
//! analyzed with [`tantivy_arabic`] (not stored: snippets are cut from the store's text), the
//! outlet, the publication day as a fast date field, and the corpus entity ids for `--entity`.

use crate::error::{CorpusError, Result};
use std::path::{Path, PathBuf};
use tantivy::schema::{
    DateOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED,
    STORED, STRING,
};
use tantivy::tokenizer::{PreTokenizedString, Token};
use tantivy::{DateTime, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};
use tantivy_arabic::ArabicAnalyzer;

/// The index fields.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
    pub id: Field,
    pub title: Field,
    pub text: Field,
    pub outlet: Field,
    pub published: Field,
    pub entities: Field,
}

/// The open index (cheap to clone: Tantivy's handles are shared).
#[derive(Clone)]
pub struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) fields: Fields,
    pub(crate) reader: IndexReader,
    pub(crate) path: PathBuf,
}

/// What the writer needs to index one document, prepared (analyzed) on a worker thread.
pub(crate) struct IndexDoc {
    pub id: String,
    pub title: Option<PreTokenizedString>,
    pub text: IndexText,
    pub outlet: Option<String>,
    pub published: Option<DateTime>,
}

/// A document's text for the index: tokenized on a worker thread, or, for a very long text,
/// left to the index writer, which tokenizes it as a stream with the same analyzer.
pub(crate) enum IndexText {
    Tokens(PreTokenizedString),
    Raw(String),
}

/// Texts longer than this are not pre-tokenized: the token list costs about 90 bytes per
/// stacked key, some 200 bytes per word, which for a 10 MB text is more than its analysis.
const PRE_TOKENIZE_MAX_BYTES: usize = 1 << 20;

/// The index form of `text` and its word count (token positions).
pub(crate) fn index_text(analyzer: &mut ArabicAnalyzer, text: &str) -> (IndexText, usize) {
    if text.len() <= PRE_TOKENIZE_MAX_BYTES {
        let tokens = pre_tokenize(analyzer, text);
        let words = tokens.tokens.last().map_or(0, |t| t.position + 1);
        return (IndexText::Tokens(tokens), words);
    }
    // Count positions a slice at a time (cut at whitespace, which no token spans), so the
    // token list never holds more than one slice.
    let mut words = 0;
    let mut tokens = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = rest.len().min(1 << 16);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        if let Some(ws) = rest[cut..].find(char::is_whitespace) {
            cut += ws;
        } else {
            cut = rest.len();
        }
        analyzer.analyze_into(&rest[..cut], &mut tokens);
        words += tokens.last().map_or(0, |t| t.position + 1);
        rest = &rest[cut..];
    }
    (IndexText::Raw(text.to_string()), words)
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let arabic = TextFieldIndexing::default()
        .set_tokenizer(tantivy_arabic::INDEX_TOKENIZER)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let analyzed = TextOptions::default().set_indexing_options(arabic);
    let id = b.add_text_field("id", STRING | STORED);
    let title = b.add_text_field("title", analyzed.clone());
    let text = b.add_text_field("text", analyzed);
    let outlet = b.add_text_field("outlet", STRING);
    let published = b.add_date_field("published", DateOptions::from(INDEXED) | FAST);
    let entities = b.add_text_field("entities", STRING);
    (
        b.build(),
        Fields {
            id,
            title,
            text,
            outlet,
            published,
            entities,
        },
    )
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it when absent, and registers the Arabic analyzers.
    pub fn open(dir: &Path) -> Result<SearchIndex> {
        let io = |e| CorpusError::Io {
            path: dir.to_path_buf(),
            source: e,
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let err = |e| index_err(dir, e);
        let (schema, _) = schema();
        let mmap = tantivy::directory::MmapDirectory::open(dir).map_err(|e| err(e.into()))?;
        let index = Index::open_or_create(mmap, schema).map_err(err)?;
        SearchIndex::with_index(index, dir)
    }

    /// Opens the index in `dir` for reading only: no directory is created, no writer lock
    /// is taken, nothing is written, so searches run while an ingest writes and on a
    /// read-only store.
    pub fn open_reader(dir: &Path) -> Result<SearchIndex> {
        let err = |e| index_err(dir, e);
        let mmap = tantivy::directory::MmapDirectory::open(dir).map_err(|e| err(e.into()))?;
        let index = Index::open(crate::readdir::ReaderDir(mmap)).map_err(err)?;
        SearchIndex::with_index(index, dir)
    }

    fn with_index(index: Index, dir: &Path) -> Result<SearchIndex> {
        let err = |e| index_err(dir, e);
        tantivy_arabic::register(index.tokenizers());
        let s = index.schema();
        let field = |name: &str| s.get_field(name).map_err(err);
        let fields = Fields {
            id: field("id")?,
            title: field("title")?,
            text: field("text")?,
            outlet: field("outlet")?,
            published: field("published")?,
            entities: field("entities")?,
        };
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(err)?;
        Ok(SearchIndex {
            index,
            fields,
            reader,
            path: dir.to_path_buf(),
        })
    }

    /// A writer with one indexing thread: documents arrive pre-tokenized, so the work left is
    /// building postings, and the cores are better spent on analysis. Another process
    /// holding the lock is [`CorpusError::Busy`], a plain message rather than Tantivy's.
    pub(crate) fn writer(&self) -> Result<IndexWriter> {
        self.index
            .writer_with_num_threads(1, 96_000_000)
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(
                    tantivy::directory::error::LockError::LockBusy,
                    _,
                ) => CorpusError::Busy {
                    path: self.path.parent().unwrap_or(&self.path).to_path_buf(),
                },
                e => index_err(&self.path, e),
            })
    }

    /// Number of documents the last reload sees.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Makes the committed state visible to searches.
    pub fn reload(&self) -> Result<()> {
        self.reader.reload().map_err(|e| index_err(&self.path, e))
    }

    pub(crate) fn add(
        &self,
        writer: &IndexWriter,
        doc: IndexDoc,
        entity_ids: &[i64],
    ) -> Result<()> {
        let f = self.fields;
        writer.delete_term(Term::from_field_text(f.id, &doc.id));
        let mut d = TantivyDocument::default();
        d.add_text(f.id, &doc.id);
        if let Some(title) = doc.title {
            d.add_pre_tokenized_text(f.title, title);
        }
        match doc.text {
            IndexText::Tokens(tokens) => d.add_pre_tokenized_text(f.text, tokens),
            IndexText::Raw(text) => d.add_text(f.text, text),
        }
        if let Some(outlet) = doc.outlet {
            d.add_text(f.outlet, outlet);
        }
        if let Some(date) = doc.published {
            d.add_date(f.published, date);
        }
        for id in entity_ids {
            d.add_text(f.entities, entity_term(*id));
        }
        writer
            .add_document(d)
            .map_err(|e| index_err(&self.path, e))?;
        Ok(())
    }

    /// Bytes on disk.
    pub fn size_bytes(&self) -> u64 {
        dir_size(&self.path)
    }
}

/// The term that marks a document as mentioning corpus entity `id`.
pub(crate) fn entity_term(id: i64) -> String {
    format!("e{id}")
}

/// Pre-tokenizes a text with the indexing analyzer (run on a worker thread).
pub(crate) fn pre_tokenize(analyzer: &mut ArabicAnalyzer, text: &str) -> PreTokenizedString {
    let mut tokens: Vec<Token> = Vec::new();
    analyzer.analyze_into(text, &mut tokens);
    PreTokenizedString {
        text: String::new(),
        tokens,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month, day) of a count of days since 1970-01-01.
pub(crate) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// A `YYYY-MM-DD…` date as a Tantivy date; `None` when it does not start with a valid day.
pub(crate) fn parse_day(s: &str) -> Option<DateTime> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Tantivy counts nanoseconds in an i64 (years 1678 to 2261): a day outside is clamped to
    // the nearest one it can hold, which keeps range filters right. Found by fuzzing: year
    // 0037 overflowed, silently wrapping to another date in a release build.
    const LIMIT: i64 = i64::MAX / 1_000_000_000;
    let secs = days_from_civil(y, m, d) * 86_400;
    Some(DateTime::from_timestamp_secs(secs.clamp(-LIMIT, LIMIT)))
}

pub(crate) fn index_err(path: &Path, e: tantivy::TantivyError) -> CorpusError {
    if crate::error::tantivy_is_disk_full(&e, path) {
        return CorpusError::DiskFull {
            path: path.to_path_buf(),
        };
    }
    CorpusError::Index {
        path: path.to_path_buf(),
        source: e,
    }
}

pub(crate) fn dir_size(path: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing (`fuzz/corpus/query/crash-year-0037`): a day outside Tantivy's range
    /// overflowed; it is clamped, in order, and far days of one side stay on that side.
    #[test]
    fn days_outside_tantivys_range_are_clamped_in_order() {
        let day = |s| parse_day(s).unwrap().into_timestamp_secs();
        assert!(day("0037-01-01") < day("1970-01-01"));
        assert_eq!(day("0037-01-01"), day("0001-01-01"));
        assert!(day("9999-12-31") > day("2024-03-05"));
        assert_eq!(day("2024-03-05"), 19_787 * 86_400);
    }

    /// Issue 16: ingesting one huge document held a token list several times its analysis.
    /// A long text goes to the writer raw, and its word count is the pre-tokenized one.
    #[test]
    fn a_long_text_is_indexed_raw_with_the_same_word_count() {
        let mut analyzer = ArabicAnalyzer::new();
        let sentence = "قال الوزير إن الحكومة ستفتتح مستشفى جديدا في الرياض #تنمية 2024 news. ";
        let text = sentence.repeat(PRE_TOKENIZE_MAX_BYTES / sentence.len() + 10);
        let (indexed, words) = index_text(&mut analyzer, &text);
        assert!(matches!(indexed, IndexText::Raw(ref t) if *t == text));
        let expected = pre_tokenize(&mut analyzer, &text)
            .tokens
            .last()
            .map_or(0, |t| t.position + 1);
        assert_eq!(words, expected);
        let (short, words) = index_text(&mut analyzer, sentence);
        assert!(matches!(short, IndexText::Tokens(_)));
        assert_eq!(words, 12);
    }

    #[test]
    fn civil_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(11_017), (2000, 3, 1));
        assert_eq!(
            civil_from_days(days_from_civil(2015, 12, 31)),
            (2015, 12, 31)
        );
        let day = std::time::UNIX_EPOCH + std::time::Duration::from_secs(16_739 * 86_400 + 5);
        assert_eq!(crate::ingest_day(day), "2015-10-31");
        assert!(parse_day("2015-13-01").is_none());
        assert!(parse_day("junk").is_none());
        assert_eq!(
            parse_day("1970-01-02").map(|d| d.into_timestamp_secs()),
            Some(86_400)
        );
    }
}
