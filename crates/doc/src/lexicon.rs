//! Word lists as data: every Arabic word list isnad uses is a file under `lexicons/` at the root
//! of the repository, embedded into the binary at build time and folded once on first use.
//!
//! A list file is UTF-8 text:
//!
//! ```text
//! # titles: words that stand before a person's name and are not part of it
//! # source: written by the isnad authors from news usage
//! الرئيس
//! الشيخ<TAB>honorific
//! ```
//!
//! - The first line is `# NAME: what the list is for`; the second `# source: where it came from`.
//!   More `#` lines are comments. Blank lines are skipped.
//! - Every other line is one entry: the word or phrase as it is written in news, then optional
//!   tab-separated fields (a relation type, a gender, a weight: whatever the list's users read).
//! - Entries are looked up by their [`fold_key`], so a list is written in full spelling and
//!   matches every variant in the text.
//!
//! Why files and not Rust arrays: a linguist adds a word without reading Rust, every list says
//! where it came from, and one list per concept lives in one place that every crate reads.

// The example above shows a list line as it is, with its tab.
#![allow(clippy::tabs_in_doc_comments)]

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::fold::fold_key;
use crate::DocError;

/// One entry of a word list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The word or phrase as written in the file.
    pub text: String,
    /// Its folded key ([`fold_key`]).
    pub key: String,
    /// The tab-separated fields after it (may be empty).
    pub fields: Vec<String>,
}

impl Entry {
    /// Field `i` after the word, if present.
    pub fn field(&self, i: usize) -> Option<&str> {
        self.fields.get(i).map(String::as_str)
    }
}

/// A parsed word list: its header and its entries, indexed by folded key.
#[derive(Debug, Clone)]
pub struct Lexicon {
    name: String,
    purpose: String,
    source: String,
    entries: Vec<Entry>,
    index: HashMap<String, usize>,
}

impl Lexicon {
    /// Parses a list file; `name` is how errors refer to it.
    ///
    /// # Errors
    ///
    /// [`DocError::Lexicon`] when the header lines are missing or malformed, or an entry line
    /// has an empty word.
    pub fn parse(name: &str, text: &str) -> Result<Lexicon, DocError> {
        let list = isnad_text::wordlist::parse(text).map_err(|e| DocError::Lexicon {
            name: name.to_string(),
            line: e.line,
            reason: e.reason.to_string(),
        })?;
        let mut entries = Vec::with_capacity(list.entries.len());
        let mut index = HashMap::new();
        for (_, word, fields) in list.entries {
            let key = fold_key(word);
            index.entry(key.clone()).or_insert(entries.len());
            entries.push(Entry {
                text: word.to_string(),
                key,
                fields: fields.into_iter().map(str::to_string).collect(),
            });
        }
        let (purpose, source) = (list.purpose.to_string(), list.source.to_string());
        Ok(Lexicon {
            name: name.to_string(),
            purpose,
            source,
            entries,
            index,
        })
    }

    /// The list shipped in `lexicons/NAME.tsv`, parsed and folded once per process.
    ///
    /// # Panics
    ///
    /// Panics when no such file was embedded or it does not parse. Names are constants in the
    /// code, and a test loads every embedded list, so this is a build error, not an input error.
    pub fn embedded(name: &str) -> &'static Lexicon {
        match embedded_all().get(name) {
            Some(l) => l,
            None => panic!("no word list lexicons/{name}.tsv was embedded"),
        }
    }

    /// The list's name (its file stem).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the list is for (its header line).
    pub fn purpose(&self) -> &str {
        &self.purpose
    }

    /// Where the list came from (its second header line).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// All entries, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the list has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether an already folded key is in the list.
    pub fn contains(&self, key: &str) -> bool {
        self.index.contains_key(key)
    }

    /// The first entry with this folded key.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.index.get(key).map(|&i| &self.entries[i])
    }

    /// Whether `word` is an entry exactly as written in the file, unfolded: for lists of forms
    /// that a fold would confuse (PADT clitics, a corpus's split tokens).
    pub fn contains_exact(&self, word: &str) -> bool {
        self.entries.iter().any(|e| e.text == word)
    }

    /// Whether `word` (not yet folded) is in the list.
    pub fn contains_word(&self, word: &str) -> bool {
        self.contains(&fold_key(word))
    }

    /// The folded keys, in file order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.key.as_str())
    }
}

/// The files of `lexicons/`, embedded by `build.rs` as `(name, text)`.
static FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/lexicons.rs"));

/// Names of every embedded list.
pub fn embedded_names() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|(n, _)| *n)
}

/// Every embedded list, parsed once, by name: lookups happen on hot paths (the article rule runs
/// for every segment), so finding a list must not cost a scan of all the names.
fn embedded_all() -> &'static HashMap<&'static str, Lexicon> {
    static ALL: OnceLock<HashMap<&'static str, Lexicon>> = OnceLock::new();
    ALL.get_or_init(|| {
        FILES
            .iter()
            .map(|(name, text)| match Lexicon::parse(name, text) {
                Ok(l) => (*name, l),
                Err(e) => panic!("embedded word list is malformed: {e}"),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str =
        "# titles: words before a name\n# source: test\n\nالرئيسُ\nالشيخ\thonorific\n# a comment\n";

    #[test]
    fn parses_header_entries_and_fields() {
        let l = Lexicon::parse("titles", SAMPLE).expect("parses");
        assert_eq!(l.purpose(), "words before a name");
        assert_eq!(l.source(), "test");
        assert_eq!(l.len(), 2);
        assert!(l.contains(&fold_key("الرئيس")));
        assert!(l.contains_word("الرئيس"));
        assert_eq!(l.get("الشيخ").and_then(|e| e.field(0)), Some("honorific"));
    }

    #[test]
    fn rejects_a_file_without_header() {
        let e = Lexicon::parse("bad", "الرئيس\n").expect_err("no header");
        assert!(e.to_string().contains("bad"), "{e}");
        assert!(Lexicon::parse("bad", "").is_err());
        assert!(Lexicon::parse("bad", "# bad: x\nالرئيس\n").is_err());
    }

    #[test]
    fn every_embedded_list_parses_and_says_where_it_came_from() {
        for name in embedded_names() {
            let l = Lexicon::embedded(name);
            assert!(!l.is_empty(), "lexicons/{name}.tsv is empty");
            assert!(!l.source().is_empty());
        }
    }
}
