//! Per-token view of the document: search keys, and the ways a token splits into proclitics and a
//! stem, so that «لحماس» is looked up as «حماس» and its mention starts after «ل».

use isnad_kb::lookup_key;
use isnad_ner::{AnalyzedText, SegmentKind, TokenKind, Upos};

/// One way to read a token: the first `skip` code points are proclitics, the rest is `key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reading {
    /// Code points of proclitics before the name part.
    pub skip: usize,
    /// Search key of what is left (with «ال» restored after «لل»).
    pub key: String,
}

/// A token of the document with what the grammar needs to know about it.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
    /// Whether the token is a word (Arabic or Latin letters, or a number).
    pub is_word: bool,
    /// The raw surface text.
    pub text: String,
    /// Search key of the whole token.
    pub key: String,
    /// Readings, the whole token first, then with proclitics removed (longest name last).
    pub readings: Vec<Reading>,
    /// Whether only spaces separate this token from the next one (no punctuation, no line break).
    pub joined_next: bool,
    /// Sentence index.
    pub sentence: usize,
    /// The morphology tagged the word's stem a verb: a name's genitive chain ends before it
    /// («ولاية نينوى هاجموا …»).
    pub verb: bool,
}

impl Word {
    /// The first reading whose key satisfies `pred`.
    pub fn reading_where(&self, pred: impl Fn(&str) -> bool) -> Option<&Reading> {
        self.readings.iter().find(|r| pred(&r.key))
    }

    /// Whether the token is a quotation mark.
    pub fn is_quote(&self) -> bool {
        !self.is_word && is_quote_char(&self.text)
    }
}

pub(crate) fn is_quote_char(s: &str) -> bool {
    matches!(
        s,
        "\"" | "'" | "“" | "”" | "«" | "»" | "‘" | "’" | "„" | "‹" | "›"
    )
}

/// Readings of an Arabic token: as is; without «و»/«ف»; without a preposition «ب»/«ل»/«ك»
/// (after an optional «و»/«ف»), «لل» read as «ل» + «ال». A stem must keep at least two letters.
fn readings(text: &str) -> Vec<Reading> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = vec![Reading {
        skip: 0,
        key: lookup_key(text),
    }];
    let rest_key = |from: usize| lookup_key(&chars[from..].iter().collect::<String>());
    let long_enough = |from: usize| chars.len().saturating_sub(from) >= 2;
    let mut starts = vec![0usize];
    if matches!(chars.first(), Some('و' | 'ف')) && long_enough(1) {
        out.push(Reading {
            skip: 1,
            key: rest_key(1),
        });
        starts.push(1);
    }
    for &s in &starts {
        match chars.get(s) {
            Some('ب' | 'ك') if long_enough(s + 1) => out.push(Reading {
                skip: s + 1,
                key: rest_key(s + 1),
            }),
            Some('ل') if long_enough(s + 1) => {
                if chars.get(s + 1) == Some(&'ل') && long_enough(s + 2) {
                    // «للجزيرة» = ل + (ا)لجزيرة: the mention keeps the article's lam.
                    out.push(Reading {
                        skip: s + 1,
                        key: format!("ا{}", rest_key(s + 1)),
                    });
                } else {
                    out.push(Reading {
                        skip: s + 1,
                        key: rest_key(s + 1),
                    });
                }
            }
            _ => {}
        }
    }
    out.retain(|r| !r.key.is_empty());
    out.dedup();
    out
}

/// Builds the word view of a document.
pub(crate) fn words(doc: &AnalyzedText) -> Vec<Word> {
    let mut sentence_of = vec![0usize; doc.tokens.len()];
    for (si, range) in doc.sentence_tokens.iter().enumerate() {
        for i in range.clone() {
            if let Some(s) = sentence_of.get_mut(i) {
                *s = si;
            }
        }
    }
    let mut out: Vec<Word> = Vec::with_capacity(doc.tokens.len());
    for (i, t) in doc.tokens.iter().enumerate() {
        let text = doc.token_str(i).to_string();
        let is_word = matches!(
            t.kind,
            TokenKind::Arabic | TokenKind::Latin | TokenKind::Number
        );
        let readings = match t.kind {
            TokenKind::Arabic => readings(&text),
            _ => vec![Reading {
                skip: 0,
                key: lookup_key(&text),
            }],
        };
        let joined_next = doc.tokens.get(i + 1).is_some_and(|n| {
            let gap = &doc.text[t.byte_end..n.byte_start];
            !gap.contains('\n')
                && matches!(
                    n.kind,
                    TokenKind::Arabic | TokenKind::Latin | TokenKind::Number
                )
                && is_word
        });
        let verb = doc.segments.get(i).is_some_and(|segs| {
            segs.iter()
                .any(|g| g.kind == SegmentKind::Stem && g.upos == Upos::VERB)
        });
        out.push(Word {
            start: t.start,
            end: t.end,
            verb,
            is_word,
            key: lookup_key(&text),
            text,
            readings,
            joined_next,
            sentence: sentence_of[i],
        });
    }
    out
}

/// A document analyzed without the morphology models (tokens and one sentence per line), for
/// unit tests that must not depend on trained models.
#[cfg(test)]
pub(crate) fn plain_doc(text: &str) -> AnalyzedText<'_> {
    let tokens = isnad_text::tokenize(text);
    let sentences = isnad_text::split_sentences(text);
    let sentence_tokens = sentences
        .iter()
        .map(|s| {
            let a = tokens
                .iter()
                .position(|t| t.start >= s.start)
                .unwrap_or(tokens.len());
            let b = tokens
                .iter()
                .position(|t| t.start >= s.end)
                .unwrap_or(tokens.len());
            a..b
        })
        .collect();
    AnalyzedText {
        text,
        sentences,
        segments: vec![Vec::new(); tokens.len()],
        tokens,
        sentence_tokens,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(w: &str) -> Vec<(usize, String)> {
        readings(w).into_iter().map(|r| (r.skip, r.key)).collect()
    }

    #[test]
    fn proclitic_readings() {
        assert!(keys("لحماس").contains(&(1, "حماس".into())));
        assert!(keys("وبالعراق").contains(&(2, "العراق".into())));
        assert!(keys("للجزيرة").contains(&(1, "الجزيره".into())));
        assert!(keys("ولاية").contains(&(0, "ولايه".into())));
        assert_eq!(keys("بن"), vec![(0, "بن".to_string())]);
    }
}
