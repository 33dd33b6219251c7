//! `isnad search`: Arabic-aware full-text search with highlighted snippets.
//!
//! The query language is in [`crate::query`]. Words are analyzed in query mode (one term per
//! word: the clitic-free stem for Arabic, the consonant skeleton for Latin) and match in the
//! text or the title (the title weighs more). Filters (entity, date range) are extra
//! required clauses.

use crate::error::{CorpusError, Result};
use crate::index::{entity_term, parse_day};
use crate::query::Unit;
use crate::Corpus;
use serde::Serialize;
use std::ops::Bound;
use tantivy::collector::TopDocs;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{TantivyDocument, Term};
use tantivy_arabic::ArabicAnalyzer;

/// What to search for.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// The words (quote a phrase with `"…"`).
    pub text: String,
    /// Only documents mentioning this entity (any spelling, as `isnad entity`).
    pub entity: Option<String>,
    /// Published on or after this day (YYYY-MM-DD).
    pub from: Option<String>,
    /// Published on or before this day (YYYY-MM-DD).
    pub to: Option<String>,
    /// Maximum hits (0: none; a limit above the number of documents costs nothing more).
    pub limit: usize,
}

/// One hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date.
    pub date: Option<String>,
    /// BM25 score.
    pub score: f32,
    /// A fragment of the text with the matches in `<b>…</b>` (HTML-escaped otherwise).
    pub snippet: String,
    /// The fragment without markup, and the byte ranges of the matches inside it.
    pub fragment: String,
    /// Byte ranges in `fragment` of the matched words.
    pub highlights: Vec<(usize, usize)>,
}

impl Corpus {
    /// Runs a search.
    ///
    /// # Errors
    /// [`CorpusError::Query`] for an unparseable date, an unknown entity or an empty query
    /// with no filter; store and index errors.
    pub fn search(&self, q: &SearchQuery) -> Result<Vec<Hit>> {
        let f = self.index.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut has_words = false;
        for clause in crate::query::parse(&q.text) {
            let mut any = Vec::new();
            for unit in &clause.any {
                if let Some(query) = self.unit_query(unit)? {
                    has_words |= !clause.exclude && !matches!(unit, Unit::Entity(_));
                    any.push((Occur::Should, query));
                }
            }
            let occur = if clause.exclude {
                Occur::MustNot
            } else {
                Occur::Must
            };
            match any.len() {
                0 => {}
                1 => clauses.push((occur, any.remove(0).1)),
                _ => clauses.push((occur, Box::new(BooleanQuery::new(any)))),
            }
        }
        if let Some(name) = q.entity.as_deref() {
            let id = self.find_entity(name)?.ok_or_else(|| {
                CorpusError::Query(format!("no entity named {name:?} in the corpus"))
            })?;
            let term = Term::from_field_text(f.entities, &entity_term(id));
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
        let day = |s: &Option<String>| -> Result<Option<tantivy::DateTime>> {
            match s {
                None => Ok(None),
                Some(s) => parse_day(s)
                    .map(Some)
                    .ok_or_else(|| CorpusError::Query(format!("{s:?} is not a date (YYYY-MM-DD)"))),
            }
        };
        let (from, to) = (day(&q.from)?, day(&q.to)?);
        if from.is_some() || to.is_some() {
            let lower = from.map_or(Bound::Unbounded, |d| {
                Bound::Included(Term::from_field_date_for_search(f.published, d))
            });
            let upper = to.map_or(Bound::Unbounded, |d| {
                Bound::Included(Term::from_field_date_for_search(f.published, d))
            });
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
            if clauses.is_empty() {
                return Err(CorpusError::Query("nothing to search for".into()));
            }
            // Only exclusions: everything else.
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        let query = BooleanQuery::new(clauses);
        let searcher = self.index.reader.searcher();
        let err = |e| crate::index::index_err(&self.index.path, e);
        // No more hits than documents can exist: a huge limit must not size a huge heap.
        let limit = q
            .limit
            .min(usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX));
        if limit == 0 {
            return Ok(Vec::new());
        }
        let top = searcher
            .search(&query, &TopDocs::with_limit(limit).order_by_score())
            .map_err(err)?;
        let mut snippets = SnippetGenerator::create(&searcher, &query, f.text).map_err(err)?;
        snippets.set_max_num_chars(220);
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address).map_err(err)?;
            let Some(id) = doc
                .get_first(f.id)
                .and_then(|v| v.as_str().map(str::to_string))
            else {
                continue;
            };
            let Some(row) = self.doc_row(&id)? else {
                continue;
            };
            let snippet = if has_words {
                snippets.snippet(&row.text)
            } else {
                snippets.snippet("")
            };
            let (snippet_html, fragment, highlights) = if snippet.is_empty() {
                let lead: String = row.text.chars().take(200).collect();
                (html_escape(&lead), lead, Vec::new())
            } else {
                let ranges = snippet
                    .highlighted()
                    .iter()
                    .map(|r| (r.start, r.end))
                    .collect();
                (snippet.to_html(), snippet.fragment().to_string(), ranges)
            };
            hits.push(Hit {
                id,
                title: row.title,
                outlet: row.outlet,
                date: row.published,
                score,
                snippet: snippet_html,
                fragment,
                highlights,
            });
        }
        Ok(hits)
    }
}

impl Corpus {
    /// The query for one unit; `None` when it analyzes to no term (punctuation only).
    fn unit_query(&self, unit: &Unit) -> Result<Option<Box<dyn Query>>> {
        match unit {
            Unit::Entity(name) => {
                let id = self.find_entity(name)?.ok_or_else(|| {
                    CorpusError::Query(format!("no entity named {name:?} in the corpus"))
                })?;
                Ok(Some(self.entity_query(id)))
            }
            Unit::Word(text) | Unit::Phrase(text) => {
                let words = self.words_query(text);
                // A Latin name of a known actor: the actor and its Arabic name, not the
                // words that merely share its consonants.
                if !text.chars().any(is_arabic) && text.chars().any(char::is_alphabetic) {
                    if let Some(id) = self.find_entity_in(text, false)? {
                        let mut any = vec![(Occur::Should, self.entity_query(id))];
                        for name in self.entity_names_ar(id)? {
                            if let Some(name) = self.words_query(&name) {
                                any.push((Occur::Should, name));
                            }
                        }
                        return Ok(Some(Box::new(BooleanQuery::new(any))));
                    }
                }
                Ok(words)
            }
        }
    }

    /// The documents that mention corpus entity `id`.
    fn entity_query(&self, id: i64) -> Box<dyn Query> {
        let term = Term::from_field_text(self.index.fields.entities, &entity_term(id));
        Box::new(TermQuery::new(term, IndexRecordOption::Basic))
    }

    /// The Arabic names of corpus entity `id`: its name as first seen («مدينة الرياض») and,
    /// when it is linked, the knowledge base's name («الرياض»).
    fn entity_names_ar(&self, id: i64) -> Result<Vec<String>> {
        use rusqlite::OptionalExtension;
        let row: Option<(String, Option<String>)> = self
            .store
            .conn
            .query_row(
                "SELECT name, kb_id FROM entities WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.store.err(e))?;
        let Some((name, kb_id)) = row else {
            return Ok(Vec::new());
        };
        let mut names = vec![name];
        if let Some(entry) = kb_id.and_then(|k| isnad_kb::Kb::builtin().get(&k)) {
            if !names.contains(&entry.name_ar) {
                names.push(entry.name_ar.clone());
            }
        }
        Ok(names)
    }

    /// The words of `text` in order, in the text or the title: one term, or a phrase.
    fn words_query(&self, text: &str) -> Option<Box<dyn Query>> {
        let f = self.index.fields;
        let mut tokens = Vec::new();
        ArabicAnalyzer::query().analyze_into(text, &mut tokens);
        let terms: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
        let query = |field| -> Box<dyn Query> {
            match terms[..] {
                [one] => Box::new(TermQuery::new(
                    Term::from_field_text(field, one),
                    IndexRecordOption::WithFreqs,
                )),
                _ => Box::new(PhraseQuery::new(
                    terms
                        .iter()
                        .map(|t| Term::from_field_text(field, t))
                        .collect(),
                )),
            }
        };
        (!terms.is_empty()).then(|| either(query(f.text), query(f.title)))
    }
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

fn either(a: Box<dyn Query>, title: Box<dyn Query>) -> Box<dyn Query> {
    let title: Box<dyn Query> = Box::new(BoostQuery::new(title, 2.0));
    Box::new(BooleanQuery::new(vec![
        (Occur::Should, a),
        (Occur::Should, title),
    ]))
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
