//! The analyzed document shared by NER, entity linking and extraction.
//!
//! `AnalyzedText` runs the text stage (`isnad-text`: tokens, sentences) and the morphology stage
//! (`isnad-morph`: clitic segments with in-context UPOS) once, so every later stage reads the same
//! tokens and segments with the same code-point offsets into the original text.

use std::ops::Range;

use isnad_morph::{Morphology, Segment};
use isnad_text::{Span, Token, TokenKind};

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
pub(crate) fn is_wordlike(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Arabic | TokenKind::Latin | TokenKind::Number
    )
}

impl<'a> AnalyzedText<'a> {
    /// Tokenizes, splits sentences and segments + POS-tags every word, sentence by sentence.
    pub fn new(text: &'a str) -> Self {
        Self::with_morphology(text, Morphology::global())
    }

    /// Like [`AnalyzedText::new`] with an explicit morphology model.
    pub fn with_morphology(text: &'a str, morph: &Morphology) -> Self {
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
            let analyzed = morph.analyze(&words);
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
    pub(crate) fn sentence_words(&self) -> Vec<(Vec<&'a str>, &[Vec<isnad_morph::Segment>])> {
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
    use isnad_morph::SegmentKind;

    #[test]
    fn tokens_sentences_and_absolute_segments() {
        let text = "قال الرئيس: نعم. وصل لحماس مليون؟";
        let doc = AnalyzedText::new(text);
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
}
