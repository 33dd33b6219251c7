//! Organizations named by the head noun of a state body or force and what completes it: a
//! nationality or other nisba adjective after the definite head («الحكومة اليمنية», «القوات
//! المسلحة», «الحرس الثوري الإيراني»), a patron after an allegiance adjective («القوات الموالية
//! لهادي»), or a definite genitive after the bare head («وزارة الداخلية», «قوات الأمن التركية»).
//!
//! The head alone («الحكومة») is a generic anaphor, not a name: it becomes a mention only by
//! referring back to such a phrase named earlier in the document ([`crate::link::anaphora`]).
//! The phrases stay unlinked organizations of their own: «الجيش السوري» and «القوات السورية»
//! are not the same entity by their words alone.

use isnad_kb::EntityType;

use super::common::{next_joined, open_word, Grammar};
use crate::cand::{span_of, Cand, Source};
use crate::lexicon::{is_definite_nisba, Lexicon};
use crate::words::Word;

/// How many adjectives may follow the head or its genitive («القوات الأمنية التركية»).
const MAX_ADJECTIVES: usize = 3;

/// State-body and force phrases of the document.
pub(super) fn state_bodies(g: &Grammar, words: &[Word], out: &mut Vec<Cand>) {
    let lex = g.lex;
    for i in 0..words.len() {
        if !words[i].is_word {
            continue;
        }
        for r in &words[i].readings {
            if let Some(bare) = r.key.strip_prefix("ال") {
                if is_state_head(lex, bare) {
                    let nation_only = !lex.state_heads.contains(bare);
                    if let Some(last) = adjectives(lex, words, i, nation_only) {
                        out.push(cand(words, i, r.skip, last, bare, &r.key));
                    }
                    break;
                }
            } else if lex.state_heads.contains(&r.key) {
                if let Some(last) = construct(lex, words, i) {
                    out.push(cand(words, i, r.skip, last, &r.key, &r.key));
                }
                break;
            }
        }
    }
}

fn is_state_head(lex: &Lexicon, key: &str) -> bool {
    lex.state_heads.contains(key) || lex.nation_heads.contains(key)
}

/// An organization over tokens `first..=last`, opened by the head `head` (its bare key).
fn cand(words: &[Word], first: usize, skip: usize, last: usize, head: &str, key: &str) -> Cand {
    let (start, end) = span_of(words, first, skip, last);
    let name_key = std::iter::once(key.to_string())
        .chain((first + 1..=last).map(|j| words[j].key.clone()))
        .collect();
    Cand {
        first,
        last,
        start,
        end,
        kind: EntityType::Org,
        kb: None,
        source: Source::Head,
        name_key,
        head: Some(head.to_string()),
        link: None,
    }
}

/// The bare head at `i` and its definite genitive («وزارة الداخلية», «قوات الأمن»), with the
/// adjectives after it: the last token, if there is a genitive. A nationality right after the
/// bare head is no genitive.
fn construct(lex: &Lexicon, words: &[Word], i: usize) -> Option<usize> {
    let n = next_joined(words, i)?;
    let w = &words[n];
    let definite = w.key.starts_with("ال") && w.key.chars().count() >= 4;
    let noun = open_word(lex, &w.key) || lex.common_nouns.contains(&w.key);
    if !definite || w.verb || !noun || lex.is_nationality(&w.key) {
        return None;
    }
    Some(adjectives(lex, words, n, false).unwrap_or(n))
}

/// The adjectives after token `from`: nisbas (nationalities only when `nation_only`), an
/// allegiance adjective with its «ل» patron («الموالية لهادي»). The last token, if any.
fn adjectives(lex: &Lexicon, words: &[Word], from: usize, nation_only: bool) -> Option<usize> {
    let mut last = None;
    let mut j = from;
    for nth in 0..MAX_ADJECTIVES {
        let Some(n) = next_joined(words, j) else {
            break;
        };
        let k = words[n].key.as_str();
        let fits = if nation_only {
            lex.is_nationality(k)
        } else {
            (is_definite_nisba(k) || (nth == 0 && feminine_participle(k))) && !lex.stop.contains(k)
        };
        if words[n].verb || !fits {
            break;
        }
        if is_ally(lex, k) {
            // The patron: «لهادي», «للحكومة», «لهم»; without one, the adjective is no part of
            // the name.
            match next_joined(words, n) {
                Some(p) if words[p].key.starts_with('ل') && words[p].key.chars().count() >= 3 => {
                    last = Some(p);
                    j = p;
                    continue;
                }
                _ => break,
            }
        }
        last = Some(n);
        j = n;
    }
    last
}

/// Whether a definite word has the shape of a feminine participle («المسلحة», «المتحالفة»),
/// the other adjective that completes a plural or feminine head («القوات المسلحة»); only right
/// after the head, since later ones describe rather than name («الحكومة الفرنسية المساعدة»).
fn feminine_participle(key: &str) -> bool {
    key.starts_with("الم") && key.chars().count() >= 6 && key.ends_with('ه')
}

/// Whether a definite adjective is one of allegiance («الموالية»).
fn is_ally(lex: &Lexicon, key: &str) -> bool {
    let bare = key.strip_prefix("ال").unwrap_or(key);
    lex.ally.contains(key) || lex.ally.contains(bare)
}
