//! The analyzed document shared by NER, entity linking and extraction.
//!
//! `AnalyzedText` runs the text and morphology stages once, so every later stage reads the same tokens,
//! sentences and clitic segments with the same code-point offsets into the original text.

use std::ops::Range;

use crate::segment::segment_word;

/// A half-open range of code points `[start, end)` in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

/// The coarse class of a token, enough to decide whether it carries clitics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A run of Arabic letters and marks.
    Arabic,
    /// A run of Latin letters.
    Latin,
    /// A run of digits (ASCII or Arabic-Indic), possibly with inner separators.
    Number,
    /// A single punctuation or symbol character.
    Punct,
}

/// One surface token with code-point and byte offsets into the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// First byte.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
    /// What kind of characters the token holds.
    pub kind: TokenKind,
}

/// Role of a morphological segment inside its word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SegmentKind {
    /// A prefix clitic: conjunction, preposition, article...
    Proclitic,
    /// The word's stem.
    Stem,
    /// A suffix clitic (pronoun).
    Enclitic,
}

/// A morphological segment of a word (e.g. «لحماس» = ل + حماس).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Segment {
    /// The segment's surface form.
    pub form: String,
    /// First code point, into the original text.
    pub start: usize,
    /// One past the last code point, into the original text.
    pub end: usize,
    /// Proclitic, stem or enclitic.
    pub kind: SegmentKind,
    /// Universal POS tag of the segment (`"X"` when unknown).
    pub upos: &'static str,
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
    /// Clitic segments per token (same length as `tokens`; empty for non-words).
    pub segments: Vec<Vec<Segment>>,
    /// Token index range of each sentence (same length as `sentences`).
    pub sentence_tokens: Vec<Range<usize>>,
}

impl<'a> AnalyzedText<'a> {
    /// Tokenizes, splits sentences and segments every word.
    pub fn new(text: &'a str) -> Self {
        let tokens = tokenize(text);
        let mut segments = Vec::with_capacity(tokens.len());
        for t in &tokens {
            if matches!(t.kind, TokenKind::Arabic | TokenKind::Latin) {
                segments.push(segment_word(&text[t.byte_start..t.byte_end], t.start, t.kind, None));
            } else {
                segments.push(Vec::new());
            }
        }
        let (sentences, sentence_tokens) = split_sentences(text, &tokens);
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
        let t = &self.tokens[i];
        &self.text[t.byte_start..t.byte_end]
    }
}

fn char_kind(c: char) -> Option<TokenKind> {
    if crate::normalize::is_arabic_letter(c) || crate::normalize::is_mark(c) {
        Some(TokenKind::Arabic)
    } else if c.is_ascii_digit() || ('٠'..='٩').contains(&c) || ('۰'..='۹').contains(&c) {
        Some(TokenKind::Number)
    } else if c.is_alphabetic() {
        Some(TokenKind::Latin)
    } else if c.is_whitespace() || matches!(c, '\u{200E}' | '\u{200F}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}') {
        None
    } else {
        Some(TokenKind::Punct)
    }
}

/// Splits text into runs of Arabic letters, Latin letters and digits; every other visible character is
/// its own punctuation token.
fn tokenize(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut open = false;
    for (cp, (b, c)) in text.char_indices().enumerate() {
        let kind = char_kind(c);
        let len = c.len_utf8();
        match kind {
            None => open = false,
            Some(TokenKind::Punct) => {
                // Decimal separators inside numbers stay in the number («3.5», «1,000»).
                if let Some(last) = out.last_mut() {
                    let next_digit = text[b + len..].chars().next().is_some_and(|n| n.is_ascii_digit());
                    if open && last.kind == TokenKind::Number && matches!(c, '.' | ',' | '٫' | '٬') && next_digit {
                        last.end = cp + 1;
                        last.byte_end = b + len;
                        continue;
                    }
                }
                out.push(Token { start: cp, end: cp + 1, byte_start: b, byte_end: b + len, kind: TokenKind::Punct });
                open = false;
            }
            Some(k) => {
                if let Some(last) = out.last_mut() {
                    if open && last.kind == k {
                        last.end = cp + 1;
                        last.byte_end = b + len;
                        continue;
                    }
                }
                out.push(Token { start: cp, end: cp + 1, byte_start: b, byte_end: b + len, kind: k });
                open = true;
            }
        }
    }
    out
}

/// Sentence boundaries after `.`, `!`, `?`, `؟`, `؛` and line breaks.
fn split_sentences(text: &str, tokens: &[Token]) -> (Vec<Span>, Vec<Range<usize>>) {
    let mut spans = Vec::new();
    let mut ranges = Vec::new();
    let mut first = 0usize;
    for i in 0..tokens.len() {
        let t = &tokens[i];
        let s = &text[t.byte_start..t.byte_end];
        let mut end_here = matches!(s, "." | "!" | "?" | "؟" | "؛" | "…");
        if !end_here {
            if let Some(n) = tokens.get(i + 1) {
                end_here = text[t.byte_end..n.byte_start].contains('\n');
            }
        }
        // Keep runs of terminal punctuation («...», «?!») in one sentence.
        if end_here {
            if let Some(n) = tokens.get(i + 1) {
                let ns = &text[n.byte_start..n.byte_end];
                if n.byte_start == t.byte_end && matches!(ns, "." | "!" | "?" | "؟" | "\"" | "»" | ")") {
                    end_here = false;
                }
            }
        }
        if end_here || i + 1 == tokens.len() {
            spans.push(Span { start: tokens[first].start, end: t.end });
            ranges.push(first..i + 1);
            first = i + 1;
        }
    }
    (spans, ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_sentences() {
        let text = "قال الرئيس: نعم. وصل 3.5 مليون؟ Yes";
        let doc = AnalyzedText::new(text);
        let words: Vec<&str> = (0..doc.tokens.len()).map(|i| doc.token_str(i)).collect();
        assert_eq!(words, ["قال", "الرئيس", ":", "نعم", ".", "وصل", "3.5", "مليون", "؟", "Yes"]);
        assert_eq!(doc.sentence_tokens, vec![0..5, 5..9, 9..10]);
        assert_eq!(doc.sentences[1], Span { start: 17, end: 31 });
        assert_eq!(doc.segments.len(), doc.tokens.len());
    }
}
