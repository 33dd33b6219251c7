//! The word-list file format of `lexicons/`, read without any folding, so that the text core's
//! own tables (name romanizations) can be data files too. `isnad-doc`'s `Lexicon` builds on
//! this and adds the key fold.
//!
//! A list file: line 1 `# NAME: what the list is for`, line 2 `# source: where it came from`,
//! more `#` lines are comments, blank lines are skipped, every other line is a word or phrase
//! followed by optional TAB-separated fields.

/// A parsed list file: its header and its entry lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordList<'a> {
    /// What the list is for (header line 1).
    pub purpose: &'a str,
    /// Where it came from (header line 2).
    pub source: &'a str,
    /// Each entry: 1-based line number, the word as written, and its fields.
    pub entries: Vec<(usize, &'a str, Vec<&'a str>)>,
}

/// A malformed list file: the 1-based line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct WordListError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub reason: &'static str,
}

/// Parses a list file.
///
/// # Errors
///
/// [`WordListError`] when a header line is missing or malformed, or an entry has an empty word.
///
/// ```
/// let l = isnad_text::wordlist::parse("# x: test\n# source: me\nمحمد\tMuhammad\n").unwrap();
/// assert_eq!(l.entries, vec![(3, "محمد", vec!["Muhammad"])]);
/// ```
pub fn parse(text: &str) -> Result<WordList<'_>, WordListError> {
    let err = |line, reason| WordListError { line, reason };
    let mut lines = text.lines().enumerate();
    let purpose = lines
        .next()
        .and_then(|(_, l)| l.strip_prefix('#')?.split_once(':'))
        .map(|(_, p)| p.trim())
        .filter(|p| !p.is_empty())
        .ok_or(err(
            1,
            "the first line must be `# NAME: what the list is for`",
        ))?;
    let source = lines
        .next()
        .and_then(|(_, l)| l.strip_prefix('#')?.trim().strip_prefix("source:"))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or(err(
            2,
            "the second line must be `# source: where it came from`",
        ))?;
    let mut entries = Vec::new();
    for (i, line) in lines {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split('\t');
        let word = parts.next().unwrap_or_default().trim();
        if word.is_empty() {
            return Err(err(i + 1, "an entry line starts with an empty word"));
        }
        entries.push((i + 1, word, parts.map(str::trim).collect()));
    }
    Ok(WordList {
        purpose,
        source,
        entries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_required() {
        assert_eq!(parse("").map_err(|e| e.line), Err(1));
        assert_eq!(parse("# x: y\nword\n").map_err(|e| e.line), Err(2));
        assert_eq!(
            parse("# x: y\n# source: z\n\tfield\n").map_err(|e| e.line),
            Err(3)
        );
    }

    #[test]
    fn skips_comments_and_blank_lines() {
        let l = parse("# x: y\n# source: z\n\n# note\nword\tf1\tf2\r\n").expect("parses");
        assert_eq!(l.purpose, "y");
        assert_eq!(l.source, "z");
        assert_eq!(l.entries, vec![(5, "word", vec!["f1", "f2"])]);
    }
}
