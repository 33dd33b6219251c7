//! Search in team mode: PostgreSQL full text over isnad's own search keys.
//!
//! PostgreSQL's text-search parsers and dictionaries know nothing of Arabic clitics, hamza
//! seats or Latin spellings of Arabic names. So they are not used at all: a document's
//! `tsvector` is built here from the keys the embedded index stores (tantivy-arabic's index
//! mode: stem, surface and Latin skeleton stacked on each word's position), cast verbatim
//! (`::tsvector` applies no dictionary), and a query becomes a `tsquery` of the query-mode
//! keys, one per word, phrases as `<->`. Both sides use exactly the embedded keys, so what the
//! Tantivy index matches, this matches (docs/SCALING.md measures it).

use crate::error::{PgError, Result};
use isnad_corpus::{parse_query, Hit, QueryUnit};
use std::collections::{BTreeMap, BTreeSet};
use tantivy_arabic::ArabicAnalyzer;

/// PostgreSQL keeps positions up to this; larger ones are stored as this.
const MAX_POSITION: usize = 16_383;

/// A `tsvector` literal of isnad's index keys for a title and a text, and the text's word
/// count. Title words weigh `A` (ranked higher) and come first; text positions follow after
/// a gap, so no phrase spans the title and the text.
pub fn search_vector(title: Option<&str>, text: &str) -> (String, usize) {
    let mut analyzer = ArabicAnalyzer::new();
    let mut tokens = Vec::new();
    let mut terms: BTreeMap<String, BTreeSet<(usize, bool)>> = BTreeMap::new();
    let mut offset = 1;
    if let Some(title) = title {
        analyzer.analyze_into(title, &mut tokens);
        for t in &tokens {
            let pos = (offset + t.position).min(MAX_POSITION);
            terms.entry(t.text.clone()).or_default().insert((pos, true));
        }
        offset += tokens.last().map_or(0, |t| t.position + 2);
    }
    analyzer.analyze_into(text, &mut tokens);
    let words = tokens.last().map_or(0, |t| t.position + 1);
    for t in &tokens {
        let pos = (offset + t.position).min(MAX_POSITION);
        terms
            .entry(t.text.clone())
            .or_default()
            .insert((pos, false));
    }
    let mut out = String::new();
    for (term, positions) in &terms {
        if !out.is_empty() {
            out.push(' ');
        }
        quote_into(&mut out, term);
        out.push(':');
        // One weight per position: the title's wins.
        let mut last = 0;
        for &(pos, title) in positions {
            if pos == last {
                continue;
            }
            if last != 0 {
                out.push(',');
            }
            out.push_str(&pos.to_string());
            if title {
                out.push('A');
            }
            last = pos;
        }
    }
    (out, words)
}

/// A lexeme as a `tsvector`/`tsquery` literal: quoted, with `'` doubled and `\` escaped.
fn quote_into(out: &mut String, term: &str) {
    out.push('\'');
    for c in term.chars() {
        match c {
            '\'' => out.push_str("''"),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('\'');
}

/// The query-mode keys of `text`: one `tsquery` operand (a term, or a phrase of terms).
fn words_operand(text: &str) -> Option<String> {
    let mut tokens = Vec::new();
    ArabicAnalyzer::query().analyze_into(text, &mut tokens);
    let mut parts = tokens.iter().map(|t| {
        let mut s = String::new();
        quote_into(&mut s, &t.text);
        s
    });
    let first = parts.next()?;
    let rest: Vec<String> = parts.collect();
    if rest.is_empty() {
        return Some(first);
    }
    Some(format!("({first} <-> {})", rest.join(" <-> ")))
}

/// A compiled search: the `tsquery` over the words, and the entity filters.
#[derive(Debug, Default)]
pub(crate) struct Compiled {
    /// `None` when the query has no words (only filters).
    pub tsquery: Option<String>,
    /// Entity names the documents must (`false`) or must not (`true`) mention.
    pub entities: Vec<(String, bool)>,
    /// The query-mode keys of the wanted words (for highlighting).
    pub keys: BTreeSet<String>,
}

/// Compiles `text` (the query language of [`isnad_corpus::parse_query`]). `latin_names`
/// gives, for a Latin word that names a known actor, the actor's Arabic names: the word then
/// searches for them rather than for its consonant skeleton (as the embedded search does).
pub(crate) fn compile(
    text: &str,
    latin_names: &mut dyn FnMut(&str) -> Result<Vec<String>>,
) -> Result<Compiled> {
    let mut compiled = Compiled::default();
    let mut required = Vec::new();
    let mut excluded = Vec::new();
    for clause in parse_query(text) {
        let mut any = Vec::new();
        for unit in &clause.any {
            let operands = match unit {
                QueryUnit::Entity(name) => {
                    compiled.entities.push((name.clone(), clause.exclude));
                    continue;
                }
                QueryUnit::Phrase(words) => vec![words.clone()],
                QueryUnit::Word(word) if !word.chars().any(isnad_doc::is_arabic) => {
                    let names = latin_names(word)?;
                    if names.is_empty() {
                        vec![word.clone()]
                    } else {
                        names
                    }
                }
                QueryUnit::Word(word) => vec![word.clone()],
            };
            for words in operands {
                if let Some(op) = words_operand(&words) {
                    if !clause.exclude {
                        let mut tokens = Vec::new();
                        ArabicAnalyzer::query().analyze_into(&words, &mut tokens);
                        compiled.keys.extend(tokens.into_iter().map(|t| t.text));
                    }
                    any.push(op);
                }
            }
        }
        let group = match any.len() {
            0 => continue,
            1 => any.remove(0),
            _ => format!("({})", any.join(" | ")),
        };
        if clause.exclude {
            excluded.push(format!("!{group}"));
        } else {
            required.push(group);
        }
    }
    if !required.is_empty() {
        required.extend(excluded);
        compiled.tsquery = Some(required.join(" & "));
    } else if !excluded.is_empty() {
        // Only exclusions: everything else, which `tsquery` cannot say alone.
        compiled.tsquery = Some(excluded.join(" & "));
    }
    Ok(compiled)
}

/// The `tsquery` literal of a search text, without actor lookups (Latin words search by
/// their consonant skeletons); `None` when it has no words.
pub fn tsquery(text: &str) -> Option<String> {
    compile(text, &mut |_| Ok(Vec::new())).ok()?.tsquery
}

/// A hit's fragment (about 220 characters around the first match) with the byte ranges of the
/// words whose keys are wanted, as the embedded search reports them.
pub(crate) fn snippet(
    text: &str,
    keys: &BTreeSet<String>,
) -> (String, String, Vec<(usize, usize)>) {
    let mut tokens = Vec::new();
    ArabicAnalyzer::new().analyze_into(text, &mut tokens);
    let mut matches: Vec<(usize, usize)> = tokens
        .iter()
        .filter(|t| keys.contains(&t.text))
        .map(|t| (t.offset_from, t.offset_to))
        .collect();
    matches.dedup();
    let first = matches.first().map_or(0, |m| m.0);
    let start = back_chars(text, first, 60);
    let end = forward_chars(text, start, 220);
    let fragment = text[start..end].to_string();
    let highlights: Vec<(usize, usize)> = matches
        .into_iter()
        .filter(|&(a, b)| a >= start && b <= end)
        .map(|(a, b)| (a - start, b - start))
        .collect();
    let mut html = String::new();
    let mut at = 0;
    for &(a, b) in &highlights {
        if a < at {
            continue; // never overlapping (whole words), but never a panic either
        }
        html.push_str(&escape(&fragment[at..a]));
        html.push_str("<b>");
        html.push_str(&escape(&fragment[a..b]));
        html.push_str("</b>");
        at = b;
    }
    html.push_str(&escape(&fragment[at..]));
    (html, fragment, highlights)
}

fn back_chars(text: &str, from: usize, n: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

fn forward_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A hit from a result row: id, title, outlet, published, score, text.
pub(crate) fn hit(row: &postgres::Row, keys: &BTreeSet<String>) -> Hit {
    let text: String = row.get(5);
    let (snippet, fragment, highlights) = snippet(&text, keys);
    Hit {
        id: row.get(0),
        title: row.get(1),
        outlet: row.get(2),
        date: row.get(3),
        score: row.get(4),
        snippet,
        fragment,
        highlights,
    }
}

/// The error for a query with nothing to look for.
pub(crate) fn nothing() -> PgError {
    PgError::Query("nothing to search for".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_hold_the_stacked_keys_and_escape_quotes() {
        let (v, words) = search_vector(Some("عنوان"), "وبالكتاب O'Neil");
        assert_eq!(words, 2);
        assert!(v.contains("'كتاب':"), "{v}");
        assert!(v.contains(":1A"), "{v}");
        let q = tsquery("كتاب -\"وزير الخارجية\" a OR Hamas").unwrap_or_default();
        assert!(
            q.contains("'كتاب'") && q.contains("!(") && q.contains(" | "),
            "{q}"
        );
        assert!(tsquery("-كتاب").is_some());
        assert_eq!(tsquery("  "), None);
    }

    #[test]
    fn snippets_mark_the_words_as_written() {
        let keys: BTreeSet<String> = ["كتاب".to_string()].into();
        let (html, fragment, marks) = snippet("قرأت وبالكتاب <نبدأ>", &keys);
        assert_eq!(marks.len(), 1);
        assert_eq!(&fragment[marks[0].0..marks[0].1], "وبالكتاب");
        assert!(html.contains("<b>وبالكتاب</b>") && html.contains("&lt;"));
    }
}
