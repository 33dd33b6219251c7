//! A hand-written, table-driven tokenizer with code-point and byte offsets.

use crate::chars::{
    self, ARABIC, DIGIT, EMOJI, INVISIBLE, LETTER, MARK, PUNCT, QUOTE, SPACE, WORDISH,
};
use serde::Serialize;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A word in Arabic script (letters, diacritics, tatweel, joined invisibles).
    Arabic,
    /// A word in any other script (named for the common case); may hold inner `'`, `’`, `-`.
    Latin,
    /// Digits of any of the three digit sets, with decimal and thousands separators.
    Number,
    /// Punctuation; a run of the same character (`...`, `!!`) is one token.
    Punct,
    /// A quotation mark (“ ” « » " ' ‘ ’ „ ‹ › …), always alone.
    QuoteMark,
    /// `http://…`, `https://…` or `www.…`.
    Url,
    /// `local@domain.tld`.
    Email,
    /// `@name`.
    Mention,
    /// `#tag`, in any script.
    Hashtag,
    /// An emoji, including ZWJ sequences, modifiers, keycaps and flags.
    Emoji,
    /// Any other non-space character.
    Symbol,
}

/// One token. `start..end` are code-point offsets and `byte_start..byte_end` byte offsets into
/// the tokenized text, both end-exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// First byte.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
    /// What the token is.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text, given the text it was produced from.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.byte_start..self.byte_end).unwrap_or("")
    }
}

/// A reusable tokenizer that keeps its output buffer between calls (create once, reuse).
///
/// # Examples
/// ```
/// use isnad_text::{Tokenizer, TokenKind};
/// let mut tok = Tokenizer::new();
/// let text = "قال «داعش» 3.5";
/// let kinds: Vec<TokenKind> = tok.tokenize(text).iter().map(|t| t.kind).collect();
/// assert_eq!(kinds, [TokenKind::Arabic, TokenKind::QuoteMark, TokenKind::Arabic,
///                    TokenKind::QuoteMark, TokenKind::Number]);
/// ```
#[derive(Debug, Default, Clone)]
pub struct Tokenizer {
    tokens: Vec<Token>,
}

impl Tokenizer {
    /// A tokenizer with empty buffers.
    pub fn new() -> Self {
        Self::default()
    }

    /// Tokenizes `text`, reusing the internal buffer; the result lives until the next call.
    pub fn tokenize(&mut self, text: &str) -> &[Token] {
        self.tokens.clear();
        Scanner::new(text).run(&mut self.tokens);
        &self.tokens
    }

    /// Takes the tokens of the last call out of the tokenizer.
    pub fn take(&mut self) -> Vec<Token> {
        std::mem::take(&mut self.tokens)
    }
}

/// Tokenizes `text` (see [`Tokenizer`] for a version that reuses its buffer).
///
/// Every non-whitespace character falls in exactly one token. Invisible characters inside or
/// at the edge of a word stay in that word's token.
///
/// # Examples
/// ```
/// let text = "#غزة: 1,000 شخص";
/// let toks = isnad_text::tokenize(text);
/// let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
/// assert_eq!(words, ["#غزة", ":", "1,000", "شخص"]);
/// assert_eq!((toks[3].start, toks[3].end), (12, 15));
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    Scanner::new(text).run(&mut out);
    out
}

/// Scanner state: a byte position, the matching code-point position, and a cache that keeps
/// e-mail detection linear.
struct Scanner<'a> {
    bytes: &'a [u8],
    table: &'static [u32],
    pos: usize,
    cp: usize,
    /// Byte position up to which no e-mail can start (the local part scanned from any earlier
    /// start ends at the same place and failed).
    email_fail_until: usize,
}

/// A decoded character at some byte position.
#[derive(Clone, Copy)]
struct At {
    c: char,
    class: u32,
    len: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner {
            bytes: text.as_bytes(),
            table: chars::table(),
            pos: 0,
            cp: 0,
            email_fail_until: 0,
        }
    }

    /// Decodes the char at byte `pos` (a char boundary), or `None` at the end.
    #[inline(always)]
    fn at(&self, pos: usize) -> Option<At> {
        let (c, len) = chars::decode_at(self.bytes, pos)?;
        let cp = c as usize;
        let class = match self.table.get(cp) {
            Some(&class) => class,
            None => chars::class(c),
        };
        Some(At { c, class, len })
    }

    #[inline(always)]
    fn peek(&self) -> Option<At> {
        self.at(self.pos)
    }

    #[inline(always)]
    fn bump(&mut self, a: At) {
        self.pos += a.len;
        self.cp += 1;
    }

    /// The first char after a run of invisibles starting at the current position.
    fn peek_past_invisibles(&self) -> Option<At> {
        let mut p = self.pos;
        loop {
            let a = self.at(p)?;
            if a.class & INVISIBLE == 0 {
                return Some(a);
            }
            p += a.len;
        }
    }

    fn skip_invisibles(&mut self) {
        while let Some(a) = self.peek() {
            if a.class & INVISIBLE == 0 {
                break;
            }
            self.bump(a);
        }
    }

    fn run(&mut self, out: &mut Vec<Token>) {
        while let Some(a) = self.peek() {
            if a.class & SPACE != 0 {
                self.bump(a);
                continue;
            }
            let (start, byte_start) = (self.cp, self.pos);
            let kind = self.scan_token();
            // Invisibles and combining marks right after a token belong to it.
            while let Some(a) = self.peek() {
                if a.class & (INVISIBLE | MARK) == 0 {
                    break;
                }
                self.bump(a);
            }
            debug_assert!(self.pos > byte_start);
            out.push(Token {
                start,
                end: self.cp,
                byte_start,
                byte_end: self.pos,
                kind,
            });
        }
    }

    /// Scans one token starting at a non-space char and returns its kind.
    fn scan_token(&mut self) -> TokenKind {
        let Some(first) = self.peek() else {
            return TokenKind::Symbol;
        };
        if first.class & INVISIBLE != 0 {
            // Leading invisibles join the token that follows, if any.
            self.skip_invisibles();
            match self.peek() {
                Some(a) if a.class & SPACE == 0 => {}
                _ => return TokenKind::Symbol,
            }
        }
        let Some(a) = self.peek() else {
            return TokenKind::Symbol;
        };
        let cls = a.class;
        if cls & (ARABIC | MARK) != 0 {
            return self.scan_arabic();
        }
        if a.c.is_ascii_alphanumeric() {
            if let Some(kind) = self.try_url().or_else(|| self.try_email()) {
                return kind;
            }
        }
        if cls & LETTER != 0 {
            self.scan_latin();
            return TokenKind::Latin;
        }
        if cls & DIGIT != 0 {
            if self.try_keycap() {
                return TokenKind::Emoji;
            }
            self.scan_number();
            return TokenKind::Number;
        }
        if cls & EMOJI != 0 {
            self.scan_emoji();
            return TokenKind::Emoji;
        }
        if cls & QUOTE != 0 {
            self.bump(a);
            return TokenKind::QuoteMark;
        }
        if (a.c == '#' || a.c == '*') && self.try_keycap() {
            return TokenKind::Emoji;
        }
        if a.c == '@' || a.c == '#' {
            if let Some(kind) = self.try_tag(a) {
                return kind;
            }
        }
        if cls & PUNCT != 0 {
            // A run of the same punctuation char is one token ("...", "!!", "؟؟").
            self.bump(a);
            while let Some(b) = self.peek() {
                if b.c != a.c {
                    break;
                }
                self.bump(b);
            }
            return TokenKind::Punct;
        }
        self.bump(a);
        TokenKind::Symbol
    }

    /// Arabic letters, marks, tatweel, and invisibles that sit between them.
    fn scan_arabic(&mut self) -> TokenKind {
        let mut letters = false;
        while let Some(a) = self.peek() {
            if a.class & (ARABIC | MARK) != 0 {
                letters |= a.class & ARABIC != 0;
                self.bump(a);
            } else if a.class & INVISIBLE != 0 {
                match self.peek_past_invisibles() {
                    Some(b) if b.class & (ARABIC | MARK) != 0 => self.skip_invisibles(),
                    _ => break,
                }
            } else {
                break;
            }
        }
        if letters {
            TokenKind::Arabic
        } else {
            TokenKind::Symbol
        }
    }

    /// Letters, marks and ASCII digits; `'`, `’` and `-` only between two letters.
    fn scan_latin(&mut self) {
        while let Some(a) = self.peek() {
            if a.class & (LETTER | MARK) != 0 || a.c.is_ascii_digit() {
                self.bump(a);
            } else if matches!(a.c, '\'' | '\u{2019}' | '-') {
                match self.at(self.pos + a.len) {
                    Some(b) if b.class & LETTER != 0 => {
                        self.bump(a);
                        self.bump(b);
                    }
                    _ => break,
                }
            } else if a.class & INVISIBLE != 0 {
                match self.peek_past_invisibles() {
                    Some(b) if b.class & LETTER != 0 => self.skip_invisibles(),
                    _ => break,
                }
            } else {
                break;
            }
        }
    }

    /// Digits with inner separators `.` `,` `٫` `٬` each followed by a digit.
    fn scan_number(&mut self) {
        while let Some(a) = self.peek() {
            if a.class & DIGIT != 0 {
                self.bump(a);
            } else if matches!(a.c, '.' | ',' | '\u{066B}' | '\u{066C}') {
                // Scraped Arabic text often has a bidi mark after the separator ("5.\u{200F}0").
                let mut p = self.pos + a.len;
                while let Some(b) = self.at(p).filter(|b| b.class & INVISIBLE != 0) {
                    p += b.len;
                }
                match self.at(p) {
                    Some(b) if b.class & DIGIT != 0 => {
                        self.bump(a);
                        self.skip_invisibles();
                    }
                    _ => break,
                }
            } else if a.class & INVISIBLE != 0 {
                match self.peek_past_invisibles() {
                    Some(b) if b.class & DIGIT != 0 => self.skip_invisibles(),
                    _ => break,
                }
            } else {
                break;
            }
        }
    }

    /// `0-9 # *` followed by optional U+FE0F and U+20E3 (keycap emoji).
    fn try_keycap(&mut self) -> bool {
        let Some(a) = self.peek() else { return false };
        if !(a.c.is_ascii_digit() || a.c == '#' || a.c == '*') {
            return false;
        }
        let mut p = self.pos + 1;
        let mut n = 1;
        if let Some(b) = self.at(p) {
            if b.c == '\u{FE0F}' {
                p += b.len;
                n += 1;
            }
        }
        match self.at(p) {
            Some(b) if b.c == '\u{20E3}' => {
                self.pos = p + b.len;
                self.cp += n + 1;
                true
            }
            _ => false,
        }
    }

    /// An emoji and everything that extends it: variation selectors, skin-tone modifiers,
    /// tag sequences, the second regional indicator of a flag, and ZWJ-joined emoji.
    fn scan_emoji(&mut self) {
        let Some(first) = self.peek() else { return };
        self.bump(first);
        if is_regional_indicator(first.c) {
            if let Some(b) = self.peek() {
                if is_regional_indicator(b.c) {
                    self.bump(b);
                }
            }
            return;
        }
        while let Some(a) = self.peek() {
            let c = a.c;
            if matches!(c, '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}' | '\u{20E3}')
            {
                self.bump(a);
            } else if c == '\u{200D}' {
                match self.at(self.pos + a.len) {
                    Some(b) if b.class & EMOJI != 0 => {
                        self.bump(a);
                        self.bump(b);
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
    }

    /// `http://`, `https://` or `www.` (ASCII case-insensitive) up to whitespace or a char that
    /// cannot end a URL in running text; trailing punctuation is given back.
    fn try_url(&mut self) -> Option<TokenKind> {
        let rest = &self.bytes[self.pos..];
        let starts = |p: &[u8]| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
        if !(starts(b"http://") || starts(b"https://") || starts(b"www.")) {
            return None;
        }
        let begin = (self.pos, self.cp);
        let (mut end, mut end_cp) = begin;
        let mut depth: i64 = 0;
        let (mut p, mut cp) = begin;
        while let Some(a) = self.at(p) {
            if a.class & (SPACE | INVISIBLE) != 0
                || matches!(
                    a.c,
                    '<' | '>' | '"' | '«' | '»' | '“' | '”' | '،' | '؛' | '؟'
                )
            {
                break;
            }
            p += a.len;
            cp += 1;
            match a.c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            let trailing = matches!(a.c, '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '’')
                || (a.c == ')' && depth < 0);
            if !trailing {
                end = p;
                end_cp = cp;
            }
        }
        // The prefix itself always counts even if only punctuation follows.
        let min_end = begin.0 + if starts(b"www.") { 4 } else { 7 };
        if end < min_end {
            return None;
        }
        self.pos = end;
        self.cp = end_cp;
        Some(TokenKind::Url)
    }

    /// `local@domain.tld` with an ASCII local part and domain.
    fn try_email(&mut self) -> Option<TokenKind> {
        if self.pos < self.email_fail_until {
            return None;
        }
        let b = self.bytes;
        let local =
            |x: u8| x.is_ascii_alphanumeric() || matches!(x, b'.' | b'_' | b'%' | b'+' | b'-');
        let mut p = self.pos;
        while p < b.len() && local(b[p]) {
            p += 1;
        }
        if p >= b.len() || b[p] != b'@' || b[p - 1] == b'.' {
            self.email_fail_until = p;
            return None;
        }
        let at = p;
        p += 1;
        let mut dots = 0;
        let mut last_label_start = p;
        let mut last_good = 0;
        while p < b.len() {
            let x = b[p];
            if x.is_ascii_alphanumeric() || x == b'-' {
                p += 1;
                // The last label must be at least two letters.
                if p - last_label_start >= 2 && dots > 0 {
                    last_good = p;
                }
            } else if x == b'.' && p > last_label_start {
                dots += 1;
                p += 1;
                last_label_start = p;
            } else {
                break;
            }
        }
        if last_good == 0 {
            self.email_fail_until = at;
            return None;
        }
        // All bytes are ASCII, so code points equal bytes.
        self.cp += last_good - self.pos;
        self.pos = last_good;
        Some(TokenKind::Email)
    }

    /// `@name` or `#tag`: the sign followed by letters, digits, `_` and marks of any script.
    fn try_tag(&mut self, sign: At) -> Option<TokenKind> {
        let next = self.at(self.pos + sign.len)?;
        let body = |a: &At| a.class & WORDISH != 0 || a.c == '_';
        if !body(&next) {
            return None;
        }
        self.bump(sign);
        while let Some(a) = self.peek() {
            if body(&a) {
                self.bump(a);
            } else if a.class & INVISIBLE != 0 {
                match self.peek_past_invisibles() {
                    Some(b) if body(&b) => self.skip_invisibles(),
                    _ => break,
                }
            } else {
                break;
            }
        }
        Some(if sign.c == '@' {
            TokenKind::Mention
        } else {
            TokenKind::Hashtag
        })
    }
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1F1E6}'..='\u{1F1FF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenKind::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text)
            .iter()
            .map(|t| (t.text(text), t.kind))
            .collect()
    }

    #[test]
    fn words_numbers_punct() {
        assert_eq!(
            toks("قال الرئيس، إن 3.5 و٣٫٥ و1,000 و١٬٠٠٠؛ هل؟"),
            [
                ("قال", Arabic),
                ("الرئيس", Arabic),
                ("،", Punct),
                ("إن", Arabic),
                ("3.5", Number),
                ("و", Arabic),
                ("٣٫٥", Number),
                ("و", Arabic),
                ("1,000", Number),
                ("و", Arabic),
                ("١٬٠٠٠", Number),
                ("؛", Punct),
                ("هل", Arabic),
                ("؟", Punct),
            ]
        );
        assert_eq!(
            toks("Hello, world... O'Brien al-Baghdadi F16!"),
            [
                ("Hello", Latin),
                (",", Punct),
                ("world", Latin),
                ("...", Punct),
                ("O'Brien", Latin),
                ("al-Baghdadi", Latin),
                ("F16", Latin),
                ("!", Punct),
            ]
        );
    }

    #[test]
    fn numbers_with_bidi_marks() {
        assert_eq!(
            toks("5.\u{200F}0 و2\u{200E}0 3.\u{200F} x"),
            [
                ("5.\u{200F}0", Number),
                ("و", Arabic),
                ("2\u{200E}0", Number),
                ("3", Number),
                (".\u{200F}", Punct),
                ("x", Latin)
            ]
        );
    }

    #[test]
    fn every_quote_mark_is_a_token() {
        let text = "“a” «b» \"c\" 'd' ‘e’ „f ‹g›";
        let quotes: Vec<&str> = toks(text)
            .into_iter()
            .filter(|t| t.1 == QuoteMark)
            .map(|t| t.0)
            .collect();
        assert_eq!(
            quotes,
            ["“", "”", "«", "»", "\"", "\"", "'", "'", "‘", "’", "„", "‹", "›"]
        );
    }

    #[test]
    fn urls_emails_mentions_hashtags() {
        assert_eq!(
            toks("راجع https://example.com/a_(b)?x=1. أو www.site.org، وراسل info@news.sa أو @user_1 #غزة #Gaza2024"),
            [
                ("راجع", Arabic),
                ("https://example.com/a_(b)?x=1", Url),
                (".", Punct),
                ("أو", Arabic),
                ("www.site.org", Url),
                ("،", Punct),
                ("وراسل", Arabic),
                ("info@news.sa", Email),
                ("أو", Arabic),
                ("@user_1", Mention),
                ("#غزة", Hashtag),
                ("#Gaza2024", Hashtag),
            ]
        );
        // Not an e-mail: no TLD.
        assert_eq!(toks("a@b"), [("a", Latin), ("@b", Mention)]);
    }

    #[test]
    fn emoji_sequences_are_one_token() {
        let family = "👨\u{200D}👩\u{200D}👧";
        let flag = "🇸🇦";
        let thumbs = "👍🏽";
        let keycap = "1\u{FE0F}\u{20E3}";
        let text = format!("{family} {flag}{thumbs} {keycap} ❤️");
        assert_eq!(
            toks(&text),
            [
                (family, Emoji),
                (flag, Emoji),
                (thumbs, Emoji),
                (keycap, Emoji),
                ("❤️", Emoji)
            ]
        );
    }

    #[test]
    fn invisibles_stay_inside_words() {
        let text = "دا\u{200C}عش \u{200F}قال\u{200E} \u{200B} x";
        assert_eq!(
            toks(text),
            [
                ("دا\u{200C}عش", Arabic),
                ("\u{200F}قال\u{200E}", Arabic),
                ("\u{200B}", Symbol),
                ("x", Latin)
            ]
        );
    }

    #[test]
    fn offsets_are_code_points_and_bytes() {
        let text = "أَ b";
        let t = tokenize(text);
        assert_eq!(
            (t[0].start, t[0].end, t[0].byte_start, t[0].byte_end),
            (0, 2, 0, 4)
        );
        assert_eq!(
            (t[1].start, t[1].end, t[1].byte_start, t[1].byte_end),
            (3, 4, 5, 6)
        );
    }

    #[test]
    fn reusable_tokenizer() {
        let mut tk = Tokenizer::new();
        assert_eq!(tk.tokenize("a b").len(), 2);
        assert_eq!(tk.tokenize("ج").len(), 1);
        assert_eq!(tk.take().len(), 1);
        assert!(tk.tokenize("   ").is_empty());
    }

    #[test]
    fn symbols_and_stray_marks() {
        assert_eq!(toks("5$ €"), [("5", Number), ("$", Symbol), ("€", Symbol)]);
        assert_eq!(toks("\u{064E}"), [("\u{064E}", Symbol)]);
    }
}
