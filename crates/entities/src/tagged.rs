//! Tagger spans as candidates: the learned tagger's names, trimmed of the function words and
//! titles at their edges and dropped where they are common phrases rather than names.

use isnad_kb::EntityType;
use isnad_ner::{NerLabel, NerSpan};

use crate::cand::{Cand, Source};
use crate::lexicon::{self, Lexicon};
use crate::words::Word;

/// Tagger spans as candidates over whole tokens; the article «ال» is put back into the mention
/// (the tagger leaves it out, the contract keeps it: «العراق»), other proclitics stay out.
pub(crate) fn ner_cands(words: &[Word], spans: &[NerSpan], min_score: f32) -> Vec<Cand> {
    let lex = Lexicon::global();
    spans
        .iter()
        .filter(|s| s.score >= min_score)
        .filter_map(|s| {
            let (first, last) = trimmed(lex, words, s)?;
            span_cand(lex, words, s, first, last)
        })
        .collect()
}

/// The tokens `first..=last` of a tagger span, without the function words at its edges, or
/// `None` when nothing of a name is left.
fn trimmed(lex: &Lexicon, words: &[Word], s: &NerSpan) -> Option<(usize, usize)> {
    let first = words.iter().position(|w| w.is_word && w.end > s.start)?;
    let last = words.iter().rposition(|w| w.is_word && w.start < s.end)?;
    // Function words at the edges («إن عبدالله») are the tagger's noise, not the name.
    let plain =
        |i: usize| words[i].is_word && !words[i].readings.iter().any(|r| lex.stop.contains(&r.key));
    // «الله» is a stop word alone but the second half of a compound given name («ذبيح الله»,
    // «فضل الله», «عطاء الله»): the tagger's span keeps or takes back both halves
    // («الله مجاهد» → «ذبيح الله مجاهد», «محمد فضل» → «محمد فضل الله»).
    let allah = |i: usize| words[i].readings.iter().any(|r| r.key == lex.allah_key);
    let compound_head = |i: usize| {
        words[i]
            .readings
            .iter()
            .any(|r| lex.theophoric.contains(&r.key))
    };
    let (mut first, mut last) = (first, last);
    if allah(first) && first > 0 && compound_head(first - 1) && words[first - 1].end <= s.start {
        first -= 1;
    }
    while first <= last && !plain(first) {
        first += 1;
    }
    while last > first && !plain(last) && !(allah(last) && compound_head(last - 1)) {
        last -= 1;
    }
    if last + 1 < words.len()
        && allah(last + 1)
        && compound_head(last)
        && !words[last].joined_next
        && words[last + 1].start >= s.end
    {
        last += 1;
    }
    // «آية الله» alone (the tagger's span before «علي خامنئي») is a title, not a name.
    if (first..=last).all(|i| {
        !plain(i)
            || allah(i)
            || words[i]
                .readings
                .iter()
                .any(|r| lex.allah_titles.contains(&r.key))
    }) {
        return None;
    }
    if last < first || !plain(first) {
        return None;
    }
    if s.label == NerLabel::Per {
        first = after_title(lex, words, first, last);
    }
    Some((first, last))
}

/// The first token of a person span after the office that opens it: the tagger often starts a
/// name inside its title («[الخارجية السعودي عادل الجبير]» once «وزير» is trimmed), and the
/// title is not part of the person's name (the grammar's mentions, too, start at the name).
fn after_title(lex: &Lexicon, words: &[Word], first: usize, last: usize) -> usize {
    // A span that opens with the title itself («الجنرال …», «الشيخ …») is the tagger's reading
    // of a title used with the name, which the annotation keeps.
    let is_title = |w: &Word| {
        w.readings
            .iter()
            .any(|r| lex.titles.contains(&r.key) || lex.name_titles.contains(&r.key))
    };
    if is_title(&words[first]) {
        return first;
    }
    (first + 1..=last)
        .rev()
        .find(|&k| crate::grammar::titled(lex, words, k))
        .unwrap_or(first)
}

/// The candidate of a trimmed tagger span, unless it is a common phrase ([`implausible_span`]).
fn span_cand(
    lex: &Lexicon,
    words: &[Word],
    s: &NerSpan,
    first: usize,
    last: usize,
) -> Option<Cand> {
    let stem_keys: Vec<String> = (first..=last)
        .filter(|&i| words[i].is_word)
        .map(|i| {
            let skip = if i == first && s.start < words[i].end {
                s.start.saturating_sub(words[i].start)
            } else {
                0
            };
            let stem: String = words[i].text.chars().skip(skip).collect();
            isnad_kb::lookup_key(&stem)
        })
        .collect();
    if implausible_span(lex, words, first, &stem_keys, s.label) {
        return None;
    }
    let w = &words[first];
    let mut start = if s.start >= w.start && s.start < w.end {
        s.start
    } else {
        w.start
    };
    let before: String = w.text.chars().take(start - w.start).collect();
    if before.ends_with("ال") {
        start -= 2;
    } else if before.ends_with('ل') && w.text.chars().nth(start - w.start) == Some('ل') {
        // «للجزيرة»: keep the article's lam.
    }
    let kind = match s.label {
        NerLabel::Per => EntityType::Per,
        NerLabel::Org => EntityType::Org,
        NerLabel::Loc => EntityType::Loc,
        NerLabel::Misc => EntityType::Misc,
    };
    let name_key = (first..=last)
        .filter(|&i| words[i].is_word)
        .map(|i| {
            let skip = if i == first { start - w.start } else { 0 };
            isnad_kb::lookup_key(&words[i].text.chars().skip(skip).collect::<String>())
        })
        .collect();
    Some(Cand {
        first,
        last,
        start,
        // A person's name carries no possessive pronoun: a final «ه» the segmenter split off
        // («زنغنه», «عبده») belongs to the name.
        end: if kind != EntityType::Per && s.end > words[last].start && s.end <= words[last].end {
            s.end
        } else {
            words[last].end
        },
        kind,
        kb: None,
        source: Source::Ner,
        name_key,
        head: None,
        link: None,
    })
}

/// Tagger spans that are common phrases rather than names: a lone definite word the knowledge
/// base and the grammar did not confirm («المعارضة»), a person made of definite plurals
/// («المصريون»), a head noun with only indefinite adjectives («شركة وطنية»), or the object of a
/// quantifier («شبه القارة», «بعض الدول»). Such spans cost precision far more often than they add
/// a real name: on the shared dev articles dropping them raised entity F1 (see the README).
fn implausible_span(
    lex: &Lexicon,
    words: &[Word],
    first: usize,
    keys: &[String],
    label: NerLabel,
) -> bool {
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let Some(&head) = keys.first() else {
        return true;
    };
    // A lone definite word or adverb («المعارضة», «سياسيا») is rarely a name the knowledge base
    // and the grammar both missed.
    if keys.len() == 1 && (head.starts_with("ال") || head.ends_with('ا')) {
        return true;
    }
    if lex.quantifiers.contains(head) {
        return true;
    }
    if label == NerLabel::Per
        && keys
            .iter()
            .any(|k| k.starts_with("ال") && lexicon::looks_plural(k))
    {
        return true;
    }
    let generic_tail = keys[1..]
        .iter()
        .all(|k| !k.starts_with("ال") && (k.ends_with('ي') || k.ends_with("يه")));
    if lex.head_type(head).is_some() && keys.len() > 1 && generic_tail {
        return true;
    }
    // The object of a quantifier: «بعض الدول».
    first
        .checked_sub(1)
        .is_some_and(|p| words[p].joined_next && lex.quantifiers.contains(&words[p].key))
}
