//! The Tantivy tokenizer: isnad's tokenizer, then each word's keys as tokens.

use crate::word::{term_key, with_word_keys};
use isnad_text::translit::latin_skeleton;
use isnad_text::TokenKind;
use tantivy_tokenizer_api::{Token, TokenStream, Tokenizer};

/// Whether the analyzer prepares documents or queries.
///
/// Indexing stacks several keys on one position (stem, surface, skeleton) so that any of them
/// can match; a query must produce exactly one term per word, or Tantivy's query parser would
/// demand all the stacked keys at once (it turns same-position tokens into a phrase).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Per Arabic word: the stem key, the surface key when it differs, the Latin skeleton.
    #[default]
    Index,
    /// Per word one term: the stem key for Arabic, the skeleton for Latin.
    Query,
}

/// isnad's Arabic analyzer as a Tantivy [`Tokenizer`].
///
/// Cheap to clone (Tantivy clones it on every `TokenizerManager::get`): the models are global
/// and the buffers start empty.
///
/// Token offsets are byte offsets of the whole surface word in the original text, so snippets
/// highlight the word as written, clitics and tatweel included.
#[derive(Debug, Clone, Default)]
pub struct ArabicAnalyzer {
    mode: Mode,
    words: isnad_text::Tokenizer,
    tokens: Vec<Token>,
}

impl ArabicAnalyzer {
    /// The analyzer for indexing documents.
    pub fn new() -> Self {
        Self::default()
    }

    /// The analyzer for queries: one term per word (see [`Mode`]).
    pub fn query() -> Self {
        ArabicAnalyzer {
            mode: Mode::Query,
            ..Self::default()
        }
    }

    /// This analyzer's mode.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Analyzes `text` into tokens, reusing `out` (cleared first). Positions count words.
    pub fn analyze_into(&mut self, text: &str, out: &mut Vec<Token>) {
        out.clear();
        let mut position = 0usize;
        let mode = self.mode;
        for word in self.words.tokenize(text) {
            let surface = word.text(text);
            let (from, to) = (word.byte_start, word.byte_end);
            let before = out.len();
            let mut emit = |key: String| {
                // Tantivy drops terms over 65530 bytes; also skip empty keys.
                if !key.is_empty() && key.len() < 65_000 {
                    out.push(Token {
                        offset_from: from,
                        offset_to: to,
                        position,
                        text: key,
                        position_length: 1,
                    });
                }
            };
            match word.kind {
                TokenKind::Arabic => arabic(mode, surface, &mut emit),
                TokenKind::Hashtag | TokenKind::Mention => {
                    let body = surface.get(1..).unwrap_or("");
                    if body.chars().any(is_arabic_letter) {
                        arabic(mode, body, &mut emit);
                    } else {
                        emit(latin_key(body));
                    }
                }
                TokenKind::Latin => emit(latin_key(surface)),
                TokenKind::Number => emit(term_key(surface)),
                TokenKind::Url | TokenKind::Email => emit(surface.to_lowercase()),
                TokenKind::Punct | TokenKind::QuoteMark | TokenKind::Emoji | TokenKind::Symbol => {}
            }
            if out.len() > before {
                position += 1;
            }
        }
    }
}

/// The keys of one Arabic word, in the order a query-side reader expects: surface, stem, skeleton.
fn arabic(mode: Mode, word: &str, emit: &mut impl FnMut(String)) {
    with_word_keys(word, |keys| {
        let index = mode == Mode::Index;
        if index && keys.surface != keys.stem {
            emit(keys.surface.clone());
        }
        emit(if keys.stem.is_empty() {
            term_key(word)
        } else {
            keys.stem.clone()
        });
        if index {
            emit(keys.skeleton.clone());
        }
    })
}

/// A Latin word's term: its consonant skeleton, or the lowercased word when the skeleton is too
/// short to mean anything («a», «I», «eye»).
fn latin_key(word: &str) -> String {
    let skeleton = latin_skeleton(word);
    if skeleton.len() >= 2 {
        skeleton
    } else {
        word.to_lowercase()
    }
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

/// The token stream: tokens computed up front, handed out one per `advance`.
pub struct ArabicTokenStream<'a> {
    tokens: &'a mut Vec<Token>,
    index: usize,
    /// Handed out if `token` is called before `advance` (a caller bug, but never a panic).
    empty: Token,
}

impl Tokenizer for ArabicAnalyzer {
    type TokenStream<'a> = ArabicTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ArabicTokenStream<'a> {
        let mut tokens = std::mem::take(&mut self.tokens);
        self.analyze_into(text, &mut tokens);
        self.tokens = tokens;
        ArabicTokenStream {
            tokens: &mut self.tokens,
            index: 0,
            empty: Token::default(),
        }
    }
}

impl TokenStream for ArabicTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.index < self.tokens.len() {
            self.index += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        self.tokens
            .get(self.index.wrapping_sub(1))
            .unwrap_or(&self.empty)
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.tokens.get_mut(self.index.wrapping_sub(1)) {
            Some(token) => token,
            None => &mut self.empty,
        }
    }
}
