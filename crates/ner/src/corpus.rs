//! Readers for the CoNLL-style NER corpora (ANERcorp, AQMAR).

use std::path::Path;

use crate::error::NerError;
use crate::label::BioTag;

/// Which corpus layout a test file follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorpusFormat {
    /// ANERcorp (CAMeL Lab split): `token tag` lines, blank line between sentences, PERS/LOC/ORG/MISC.
    Anercorp,
    /// AQMAR: same layout, PER/LOC/ORG/MIS0-3 (MIS* collapsed to MISC). A directory means the official
    /// test articles (every article except the 8 dev ones).
    Aqmar,
}

/// One gold sentence.
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    /// Surface tokens.
    pub words: Vec<String>,
    /// Gold BIO tags, one per word.
    pub tags: Vec<BioTag>,
}

/// The AQMAR dev articles of Mohit et al. (2012); all other articles are test.
pub const AQMAR_DEV_ARTICLES: [&str; 8] = [
    "Damascus",
    "Imam_Hussein_Shrine",
    "Atom",
    "Nuclear_Power",
    "Raul_Gonzales",
    "Real_Madrid",
    "Linux",
    "Solaris",
];

/// Parses `token<space or tab>tag` lines; blank lines end sentences. Strips BOM and direction marks.
pub fn parse_conll(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for line in text.lines() {
        let line = line.trim_matches(|c: char| c == '\u{FEFF}' || c == '\u{200E}' || c == '\u{200F}' || c.is_whitespace());
        if line.is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let (word, tag) = match line.rsplit_once([' ', '\t']) {
            Some((w, t)) => (w.trim_matches(|c: char| c == '\u{200E}' || c == '\u{200F}' || c.is_whitespace()), t),
            None => (line, "O"),
        };
        if word.is_empty() {
            continue;
        }
        cur.words.push(word.to_string());
        cur.tags.push(BioTag::parse(tag));
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    out
}

fn read(path: &Path) -> Result<String, NerError> {
    std::fs::read_to_string(path).map_err(|e| NerError::io(path, e))
}

/// Reads a corpus file, or for AQMAR a directory of articles (test articles only, sorted by name).
pub fn read_corpus(path: &Path, format: CorpusFormat) -> Result<Vec<Sentence>, NerError> {
    if format == CorpusFormat::Aqmar && path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| NerError::io(path, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .filter(|p| {
                let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                !AQMAR_DEV_ARTICLES.contains(&stem)
            })
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(NerError::InvalidArgument(format!("no AQMAR test articles in {}", path.display())));
        }
        let mut out = Vec::new();
        for f in files {
            out.extend(parse_conll(&read(&f)?));
        }
        return Ok(out);
    }
    let s = parse_conll(&read(path)?);
    if s.is_empty() {
        return Err(NerError::InvalidFormat(format!("{}: no sentences", path.display())));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::NerLabel;

    #[test]
    fn parses_sentences_and_tags() {
        let s = parse_conll("\u{FEFF}محمد B-PERS\nفي O\n\nدمشق\tB-LOC\nالذرة I-MIS1\n");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words, ["محمد", "في"]);
        assert_eq!(s[1].tags, [BioTag::B(NerLabel::Loc), BioTag::I(NerLabel::Misc)]);
    }
}
