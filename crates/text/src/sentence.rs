//! Paragraph and sentence segmentation in one linear pass.

use crate::chars::{self, ARABIC, CLOSE_Q, DIGIT, LETTER, MARK, NEWLINE, OPEN_Q, SPACE, TERM};
use crate::Span;

/// Paragraphs of `text`: every newline (`\n`, `\r`, U+2028, U+2029, …) ends one, so a blank
/// line does too. Spans are trimmed of whitespace; empty paragraphs are skipped.
///
/// # Examples
/// ```
/// let p = isnad_text::paragraphs(" أ ب\n\n  ج \n");
/// assert_eq!(p.iter().map(|s| (s.start, s.end)).collect::<Vec<_>>(), [(1, 4), (8, 9)]);
/// ```
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    for (i, c) in text.chars().enumerate() {
        let class = chars::class(c);
        if class & NEWLINE != 0 {
            if let Some(s) = start.take() {
                out.push(Span {
                    start: s,
                    end: last_end,
                });
            }
        } else if class & SPACE == 0 {
            start.get_or_insert(i);
            last_end = i + 1;
        }
    }
    if let Some(s) = start {
        out.push(Span {
            start: s,
            end: last_end,
        });
    }
    out
}

/// Sentences of `text`, as trimmed code-point spans in order, never crossing a paragraph.
///
/// A sentence ends after `.` `!` `?` `؟` `…` `۔` (a run of them, plus closing quotes and
/// brackets right after) when whitespace or the end of the paragraph follows. `؛` does not end a
/// sentence. Not ends: a `.` between digits (3.5), after a single letter (initials and Arabic
/// abbreviations such as د. م. أ. ش. or U.S.), or after a common Latin abbreviation (Mr. Dr.
/// …); and any terminator inside an open quotation, unless the quotation closes right after it.
/// A quotation still open at the end of the paragraph is treated as unbalanced: the ends
/// found inside it count after all.
///
/// # Examples
/// ```
/// let text = "قال د. أحمد: «لن نتراجع. أبدا». وغادر.";
/// let s = isnad_text::split_sentences(text);
/// let parts: Vec<String> = s.iter()
///     .map(|s| text.chars().skip(s.start).take(s.end - s.start).collect())
///     .collect();
/// assert_eq!(parts, ["قال د. أحمد: «لن نتراجع. أبدا».", "وغادر."]);
/// ```
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut s = Splitter::new(text);
    s.run();
    s.out
}

/// Latin abbreviations after which `.` does not end a sentence.
const LATIN_ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Gen", "Col", "Lt", "Sgt", "Capt",
    "Gov", "Sen", "Rep", "Rev", "Inc", "Ltd", "Co", "Corp", "vs", "No", "Vol", "pp", "approx",
    "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", "Fig", "Dept", "Univ", "Maj", "Brig",
];

/// Longest abbreviation we remember the letters of.
const WORD_CAP: usize = 8;

struct Splitter<'a> {
    bytes: &'a [u8],
    table: &'static [u32],
    out: Vec<Span>,
    /// Start of the current sentence (first non-space char), if any.
    start: Option<usize>,
    /// End (exclusive) of the last non-space char seen.
    last_end: usize,
    /// Open quotation / bracket depth in the current paragraph.
    depth: u32,
    /// Whether an ASCII `"` is currently open.
    dq_open: bool,
    /// Candidate ends seen inside an open quotation: (end, start of the next sentence).
    pending: Vec<(usize, Option<usize>)>,
    /// Letters of the word just before the current position (up to `WORD_CAP`).
    word: [char; WORD_CAP],
    word_len: usize,
    prev_digit: bool,
    /// The current word is glued to a number (2015م, 1436هـ, 5km): an era or unit, not an
    /// abbreviation.
    word_after_digit: bool,
}

impl<'a> Splitter<'a> {
    fn new(text: &'a str) -> Self {
        Splitter {
            bytes: text.as_bytes(),
            table: chars::table(),
            out: Vec::new(),
            start: None,
            last_end: 0,
            depth: 0,
            dq_open: false,
            pending: Vec::new(),
            word: ['\0'; WORD_CAP],
            word_len: 0,
            prev_digit: false,
            word_after_digit: false,
        }
    }

    #[inline(always)]
    fn at(&self, pos: usize) -> Option<(char, u32, usize)> {
        let (c, len) = chars::decode_at(self.bytes, pos)?;
        let class = match self.table.get(c as usize) {
            Some(&class) => class,
            None => chars::class(c),
        };
        Some((c, class, len))
    }

    fn run(&mut self) {
        let (mut pos, mut cp) = (0usize, 0usize);
        while let Some((c, class, len)) = self.at(pos) {
            if class & NEWLINE != 0 {
                self.end_paragraph();
            } else if class & SPACE != 0 {
                self.word_len = 0;
                self.prev_digit = false;
            } else if class & TERM != 0 {
                self.see_nonspace(cp);
                (pos, cp) = self.terminator(c, pos, cp);
                continue;
            } else {
                self.see_nonspace(cp);
                self.track(c, class);
            }
            pos += len;
            cp += 1;
        }
        self.end_paragraph();
    }

    fn see_nonspace(&mut self, cp: usize) {
        if self.start.is_none() {
            self.start = Some(cp);
        }
        if let Some(last) = self.pending.last_mut() {
            last.1.get_or_insert(cp);
        }
        self.last_end = cp + 1;
    }

    /// Updates quote depth, the current word and the digit flag for a non-terminator char.
    fn track(&mut self, c: char, class: u32) {
        let after_digit = self.prev_digit;
        self.prev_digit = class & DIGIT != 0;
        if class & (ARABIC | LETTER) != 0 {
            if self.word_len == 0 {
                self.word_after_digit = after_digit;
            }
            if self.word_len < WORD_CAP {
                self.word[self.word_len] = c;
            }
            self.word_len += 1;
            return;
        }
        if class & MARK != 0 {
            return;
        }
        self.word_len = 0;
        self.quote(c, class);
    }

    fn quote(&mut self, c: char, class: u32) {
        // Single quotes double as apostrophes, so they do not count.
        if matches!(c, '\'' | '‘' | '’' | '‚') {
            return;
        }
        let opens = if c == '"' {
            !self.dq_open
        } else if class & OPEN_Q != 0 {
            true
        } else if class & CLOSE_Q != 0 {
            false
        } else {
            return;
        };
        if c == '"' {
            self.dq_open = opens;
        }
        if opens {
            self.depth += 1;
        } else if self.depth > 0 {
            self.depth -= 1;
            if self.depth == 0 {
                // The quotation closed: the ends inside it were not sentence ends.
                self.pending.clear();
            }
        }
    }

    /// Handles a terminator run at `pos`; returns the position after what it consumed.
    fn terminator(&mut self, first: char, mut pos: usize, mut cp: usize) -> (usize, usize) {
        let run_start = pos;
        let was_digit = self.prev_digit;
        let mut run_len = 0;
        while let Some((c, class, len)) = self.at(pos) {
            if class & TERM == 0 {
                break;
            }
            run_len += 1;
            pos += len;
            cp += 1;
            let _ = c;
        }
        let single_dot = run_len == 1 && first == '.';
        let next = self.at(pos);
        if single_dot {
            let decimal = was_digit && next.is_some_and(|(_, cl, _)| cl & DIGIT != 0);
            if decimal || self.is_abbreviation() {
                self.word_len = 0;
                self.prev_digit = false;
                self.last_end = cp;
                return (pos, cp);
            }
        }
        self.word_len = 0;
        self.prev_digit = false;
        // Closing quotes and brackets right after the terminator belong to the sentence.
        let depth_before = self.depth;
        while let Some((c, class, len)) = self.at(pos) {
            let closes = class & CLOSE_Q != 0 || (c == '"' && self.dq_open);
            if !closes {
                break;
            }
            self.quote(c, class);
            pos += len;
            cp += 1;
        }
        self.last_end = cp;
        let _ = run_start;
        let boundary = self.at(pos).map_or(true, |(_, cl, _)| cl & SPACE != 0);
        if !boundary {
            return (pos, cp);
        }
        if self.depth > 0 && !(depth_before > 0 && self.depth == 0) {
            self.pending.push((cp, None));
        } else {
            self.emit(cp);
        }
        (pos, cp)
    }

    fn is_abbreviation(&self) -> bool {
        match self.word_len {
            0 => false,
            1 if self.word_after_digit => false,
            1 => {
                let c = self.word[0];
                // Arabic single letters (د. م. أ.) and Latin initials (J. U.S.).
                chars::class(c) & ARABIC != 0 || c.is_uppercase()
            }
            n if n <= WORD_CAP => {
                let w = &self.word[..n];
                LATIN_ABBREVIATIONS
                    .iter()
                    .any(|a| a.chars().count() == n && a.chars().zip(w).all(|(x, &y)| x == y))
            }
            _ => false,
        }
    }

    fn emit(&mut self, end: usize) {
        if let Some(s) = self.start.take() {
            if end > s {
                self.out.push(Span { start: s, end });
            }
        }
    }

    fn end_paragraph(&mut self) {
        if self.depth > 0 {
            // Unbalanced quotation: the ends seen inside it are real after all.
            for (end, next) in std::mem::take(&mut self.pending) {
                self.emit(end);
                self.start = next;
            }
        }
        self.pending.clear();
        let end = self.last_end;
        self.emit(end);
        self.depth = 0;
        self.dq_open = false;
        self.word_len = 0;
        self.prev_digit = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<String> {
        split_sentences(text)
            .iter()
            .map(|s| text.chars().skip(s.start).take(s.end - s.start).collect())
            .collect()
    }

    #[test]
    fn arabic_terminators() {
        assert_eq!(
            sents("هذا خبر. هل هو صحيح؟ نعم! ربما… انتهى"),
            ["هذا خبر.", "هل هو صحيح؟", "نعم!", "ربما…", "انتهى"]
        );
        // ؛ is not a sentence end.
        assert_eq!(sents("قال كذا؛ ثم غادر."), ["قال كذا؛ ثم غادر."]);
        assert_eq!(sents("ماذا؟! لا أعرف..."), ["ماذا؟!", "لا أعرف..."]);
    }

    #[test]
    fn quotes_across_clauses() {
        assert_eq!(
            sents("قال: «سنقاتل. لن نستسلم». وأضاف أمرا."),
            ["قال: «سنقاتل. لن نستسلم».", "وأضاف أمرا."]
        );
        // Closing right after the terminator ends the sentence.
        assert_eq!(
            sents("قال: «انتهى الأمر.» ثم غادر."),
            ["قال: «انتهى الأمر.»", "ثم غادر."]
        );
        assert_eq!(
            sents("He said \"Stop. Now.\" Then left."),
            ["He said \"Stop. Now.\"", "Then left."]
        );
        // An unbalanced quote does not swallow the paragraph.
        assert_eq!(
            sents("قال «أولا. ثانيا. ثالثا"),
            ["قال «أولا.", "ثانيا.", "ثالثا"]
        );
    }

    #[test]
    fn abbreviations_initials_decimals() {
        assert_eq!(
            sents("التقى د. محمد و م. علي. ارتفع 3.5 بالمئة. Mr. Smith of the U.S. Army spoke. J. Doe left."),
            [
                "التقى د. محمد و م. علي.",
                "ارتفع 3.5 بالمئة.",
                "Mr. Smith of the U.S. Army spoke.",
                "J. Doe left."
            ]
        );
        assert_eq!(sents("زار example.com أمس."), ["زار example.com أمس."]);
        // An era letter glued to a year is not an abbreviation.
        assert_eq!(
            sents("في عام 2015م. ثم في 1436هـ. وانتهى"),
            ["في عام 2015م.", "ثم في 1436هـ.", "وانتهى"]
        );
    }

    #[test]
    fn paragraph_breaks_end_sentences() {
        assert_eq!(
            sents("  عنوان بلا نقطة\nسطر أول. سطر ثان\n\n«اقتباس مفتوح\nيستمر»."),
            [
                "عنوان بلا نقطة",
                "سطر أول.",
                "سطر ثان",
                "«اقتباس مفتوح",
                "يستمر»."
            ]
        );
    }

    #[test]
    fn paragraphs_split_on_newlines() {
        let text = "a\r\nb\u{2029}c\n \n";
        let p: Vec<(usize, usize)> = paragraphs(text).iter().map(|s| (s.start, s.end)).collect();
        assert_eq!(p, [(0, 1), (3, 4), (5, 6)]);
        assert!(paragraphs(" \n\t").is_empty());
    }

    #[test]
    fn empty_and_space_only() {
        assert!(split_sentences("").is_empty());
        assert!(split_sentences("  \n ").is_empty());
        assert_eq!(sents("."), ["."]);
    }
}
