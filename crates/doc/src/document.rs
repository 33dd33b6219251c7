//! The analyzed document shared by NER, entity linking, syntax and extraction.
//!
//! `AnalyzedText` runs the text stage (`isnad-text`: tokens, sentences) and a morphology stage
//! (clitic segments with in-context UPOS) once, so every later stage reads the same tokens and
//! segments with the same code-point offsets into the original text. The morphology is passed in
//! as a [`SentenceAnalyzer`], so this crate depends on no model and the caller owns the model.

use std::ops::Range;

use crate::morph::Segment;
use isnad_text::{Span, Token, TokenKind};

/// What the document model needs from a morphology stage: the segments of each word of one
/// sentence, in context, with offsets relative to the word (as `isnad_morph::Morphology::analyze`
/// returns them). One `Vec` per word, in order.
pub trait SentenceAnalyzer {
    /// Segments and tags the surface words of one sentence.
    fn analyze_sentence(&self, words: &[&str]) -> Vec<Vec<Segment>>;
}

/// A document after the text and morphology stages: what NER, entities and extraction all read.
#[derive(Debug, Clone)]
pub struct AnalyzedText<'a> {
    /// The original input.
    pub text: &'a str,
    /// Sentence spans, in code points.
    pub sentences: Vec<Span>,
    /// All tokens, in order.
    pub tokens: Vec<Token>,
    /// Clitic segments per token (same length as `tokens`; empty for non-words). Unlike
    /// `Morphology::segment`, whose offsets are relative to the word, `start`/`end` here are code points
    /// into `text`, so «لحماس» at offset 10 gives ل `[10, 11)` + حماس `[11, 15)`.
    pub segments: Vec<Vec<Segment>>,
    /// Token index range of each sentence (same length as `sentences`).
    pub sentence_tokens: Vec<Range<usize>>,
}

/// Tokens that carry morphology (and can be, or be part of, a name).
pub fn is_wordlike(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Arabic | TokenKind::Latin | TokenKind::Number
    )
}

impl<'a> AnalyzedText<'a> {
    /// Tokenizes, splits sentences and segments + POS-tags every word, sentence by sentence,
    /// with the caller's morphology.
    pub fn new(text: &'a str, morph: &dyn SentenceAnalyzer) -> Self {
        let tokens = isnad_text::tokenize(text);
        let mut sentences = isnad_text::split_sentences(text);
        // Assign tokens to sentences by offset; tokens outside every sentence span (rare: trailing
        // symbols) join the preceding sentence so that every token belongs to exactly one range.
        let mut sentence_tokens = Vec::with_capacity(sentences.len());
        let mut ti = 0;
        for (si, s) in sentences.iter().enumerate() {
            let first = ti;
            let last_sentence = si + 1 == sentences.len();
            while ti < tokens.len() && (tokens[ti].start < s.end || last_sentence) {
                ti += 1;
            }
            sentence_tokens.push(first..ti);
        }
        if ti < tokens.len() {
            // No sentence spans at all (e.g. text of symbols only): one sentence over all tokens.
            sentences.push(Span {
                start: tokens[ti].start,
                end: tokens[tokens.len() - 1].end,
            });
            sentence_tokens.push(ti..tokens.len());
        }
        let mut segments: Vec<Vec<Segment>> = vec![Vec::new(); tokens.len()];
        for r in &sentence_tokens {
            let words: Vec<&str> = tokens[r.clone()].iter().map(|t| t.text(text)).collect();
            let analyzed = morph.analyze_sentence(&words);
            for (k, mut segs) in analyzed.into_iter().enumerate() {
                let t = &tokens[r.start + k];
                if !is_wordlike(t.kind) {
                    continue;
                }
                for s in &mut segs {
                    s.start += t.start;
                    s.end += t.start;
                }
                segments[r.start + k] = segs;
            }
        }
        AnalyzedText {
            text,
            sentences,
            tokens,
            segments,
            sentence_tokens,
        }
    }

    /// The surface string of token `i`.
    pub fn token_str(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }

    /// Each sentence's token strings with their clitic segments: what the tagger decodes.
    pub fn sentence_words(&self) -> Vec<(Vec<&'a str>, &[Vec<Segment>])> {
        self.sentence_tokens
            .iter()
            .map(|r| {
                (
                    r.clone().map(|i| self.token_str(i)).collect(),
                    &self.segments[r.clone()],
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::morph::{SegmentKind, Upos};

    /// A stand-in morphology: a leading «ل» is a proclitic, the rest the stem.
    struct LamSplitter;

    impl SentenceAnalyzer for LamSplitter {
        fn analyze_sentence(&self, words: &[&str]) -> Vec<Vec<Segment>> {
            words
                .iter()
                .map(|w| {
                    let n = w.chars().count();
                    let seg = |form: &str, start, end, kind| Segment {
                        form: form.to_string(),
                        start,
                        end,
                        kind,
                        upos: Upos::X,
                    };
                    match w.strip_prefix('ل') {
                        Some(rest) if n > 3 => vec![
                            seg("ل", 0, 1, SegmentKind::Proclitic),
                            seg(rest, 1, n, SegmentKind::Stem),
                        ],
                        _ => vec![seg(w, 0, n, SegmentKind::Stem)],
                    }
                })
                .collect()
        }
    }

    #[test]
    fn tokens_sentences_and_absolute_segments() {
        let text = "قال الرئيس: نعم. وصل لحماس مليون؟";
        let doc = AnalyzedText::new(text, &LamSplitter);
        assert_eq!(doc.segments.len(), doc.tokens.len());
        assert_eq!(doc.sentences.len(), doc.sentence_tokens.len());
        assert_eq!(doc.sentence_tokens.len(), 2);
        let all: usize = doc.sentence_tokens.iter().map(|r| r.len()).sum();
        assert_eq!(all, doc.tokens.len());
        let i = (0..doc.tokens.len())
            .find(|&i| doc.token_str(i) == "لحماس")
            .expect("token");
        let stem = doc.segments[i]
            .iter()
            .find(|s| s.kind == SegmentKind::Stem)
            .expect("stem");
        let chars: Vec<char> = text.chars().collect();
        let stem_text: String = chars[stem.start..stem.end].iter().collect();
        assert_eq!(stem_text, "حماس");
    }

    #[test]
    fn punctuation_gets_no_segments() {
        let doc = AnalyzedText::new("لحماس، نعم", &LamSplitter);
        let comma = (0..doc.tokens.len())
            .find(|&i| doc.token_str(i) == "،")
            .expect("comma token");
        assert!(doc.segments[comma].is_empty());
    }
}
