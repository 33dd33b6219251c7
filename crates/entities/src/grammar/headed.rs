//! Names opened by an organization or place head noun («حركة حماس», «تنظيم “داعش”», «حي ودجر»),
//! and the knowledge-base spots.

use isnad_kb::EntityType;

use super::common::{closing_quote, next_joined, open_word, Grammar};
use crate::cand::{span_of, Cand, Source};
use crate::gazetteer::{AliasKind, Spot};
use crate::lexicon::{is_definite_nisba, looks_plural};
use crate::words::Word;

/// A head noun at token `i`, with what the rules after it need to know.
struct Head {
    /// The head's token.
    i: usize,
    /// Code points of proclitics before the head.
    skip: usize,
    /// The head's folded key («حركه»).
    key: String,
    /// The type of the names it opens.
    kind: EntityType,
    /// A place head that never opens an organization («مدينة», «حي»).
    is_loc: bool,
    /// Words around the head say a «ولاية» is a province a jihadist group declared (see
    /// [`province_context`]).
    province: bool,
}

impl Head {
    /// A candidate from the head to token `last`.
    fn cand(
        &self,
        words: &[Word],
        last: usize,
        kind: EntityType,
        kb: Option<usize>,
        name_key: Vec<String>,
    ) -> Cand {
        let (start, end) = span_of(words, self.i, self.skip, last);
        Cand {
            first: self.i,
            last,
            start,
            end,
            kind,
            kb,
            source: Source::Head,
            name_key,
            head: Some(self.key.clone()),
            link: None,
        }
    }
}

/// Names opened by an organization or place head noun: a quoted name after it, a known name
/// after it, or a genitive chain of plain words.
pub(super) fn headed(g: &Grammar, words: &[Word], out: &mut Vec<Cand>) {
    let lex = g.lex;
    for i in 0..words.len() {
        if !words[i].is_word {
            continue;
        }
        let Some(r) = words[i].reading_where(|k| lex.head_type(k).is_some()) else {
            continue;
        };
        let Some(kind) = lex.head_type(&r.key) else {
            continue;
        };
        // «نظام», «إدارة»: named only by a nationality ([`super::state`]); «نظام بشار الأسد»
        // would hide the person.
        if kind == EntityType::Org && lex.nation_heads.contains(&r.key) {
            continue;
        }
        let head = Head {
            i,
            skip: r.skip,
            is_loc: lex.loc_heads.contains(&r.key) && !lex.org_heads.contains(&r.key),
            key: r.key.clone(),
            kind,
            province: r.key == "ولايه" && province_context(g, words, i),
        };
        let Some(nw) = words.get(i + 1) else { continue };
        let gap_ok = nw.start <= words[i].end + 1 && nw.sentence == words[i].sentence;
        // 1. A quoted name: تنظيم “داعش”, وكالة "نوفا".
        if nw.is_quote() && gap_ok {
            if let Some(c) = quoted_name(g, words, &head) {
                out.push(c);
                continue;
            }
        }
        let Some(n) = next_joined(words, i) else {
            continue;
        };
        // 2. A known name right after the head: حركة حماس.
        if let Some(c) = known_name(g, words, &head, n) {
            out.push(c);
            continue;
        }
        // 3. A genitive chain: معهد بحوث إعلام الشرق الأوسط, حي ودجر.
        if lex.weak_org_heads.contains(&head.key) && !head.is_loc {
            continue;
        }
        out.extend(genitive_chain(g, words, &head, n));
    }
}

/// How many words on each side of «ولاية» [`province_context`] reads.
const PROVINCE_WINDOW: usize = 20;

/// Whether the words around the «ولاية» at token `i` (its sentence, up to [`PROVINCE_WINDOW`]
/// words each side) say it is a province declared by a jihadist group («أعلن تنظيم داعش ولاية
/// نينوى», «ما يسمى ولاية الرقة», «مسلحي ولاية سيناء المتشددة») rather than a state
/// («ولاية كاليفورنيا», «ولاية الخرطوم»): one of the cue words of `lexicons/province_cues.tsv`,
/// alone or as a two-word phrase. Local, so that one article may speak of both.
fn province_context(g: &Grammar, words: &[Word], i: usize) -> bool {
    let sentence = words[i].sentence;
    let lo = i.saturating_sub(PROVINCE_WINDOW);
    let hi = (i + PROVINCE_WINDOW).min(words.len().saturating_sub(1));
    let cue = |j: usize| {
        let w = &words[j];
        w.is_word
            && w.readings.iter().any(|r| {
                g.lex.province_cues.contains(&r.key)
                    || words.get(j + 1).is_some_and(|n| {
                        n.is_word
                            && g.lex
                                .province_cues
                                .contains(&format!("{} {}", r.key, n.key))
                    })
            })
    };
    (lo..=hi)
        .filter(|&j| j != i && words[j].sentence == sentence)
        .any(cue)
}

/// A quoted name after the head (تنظيم “داعش”), with a nisba or a «لل» complement after the
/// quote (قناة "الدنيا" السورية, وكالة "نوفا" للأنباء).
fn quoted_name(g: &Grammar, words: &[Word], head: &Head) -> Option<Cand> {
    let next = head.i + 1;
    let close = closing_quote(words, next)?;
    let inner: Vec<String> = (next + 1..close).map(|j| words[j].key.clone()).collect();
    let adjective = words.get(close + 1).is_some_and(|w| {
        w.is_word
            && w.start <= words[close].end + 1
            && w.sentence == words[close].sentence
            && (is_definite_nisba(&w.key)
                || (w.key.starts_with("لل") && w.key.chars().count() >= 5))
    });
    let last = if adjective { close + 1 } else { close };
    let entry = g
        .gaz
        .spot_at(words, next + 1)
        .into_iter()
        .find(|s| s.last + 1 == close && s.kind == AliasKind::Name);
    let kb_idx = entry.map(|s| s.entry);
    let kind = kb_idx.map(|e| g.kb.list()[e].kind).unwrap_or(head.kind);
    Some(head.cand(words, last, kind, kb_idx, inner))
}

/// A known name at token `n`, right after the head (حركة حماس): linked to it, or, after a weak
/// head, a new organization of its own.
fn known_name(g: &Grammar, words: &[Word], head: &Head, n: usize) -> Option<Cand> {
    let kb = g.kb;
    let mut spots: Vec<Spot> = g
        .gaz
        .spot_at(words, n)
        .into_iter()
        .filter(|s| s.skip == 0 && s.kind == AliasKind::Name)
        .collect();
    // Where the name is ambiguous, the head decides: «منطقة الشرق الأوسط» is the region.
    spots.sort_by_key(|s| kb.list()[s.entry].kind != head.kind);
    let s = spots.into_iter().next()?;
    // «قوات حكومة الوفاق» are the government's forces, not the government: a weak head
    // before a known name makes a new, unlinked organization unless the entry itself is
    // named with that head. Before a place, an organization head names a body of that place
    // («شرطة دبي», «منتخب مصر»), never the place itself.
    let entry = &kb.list()[s.entry];
    let derived = g.lex.weak_org_heads.contains(&head.key)
        && !crate::link::kb_has_head(kb, s.entry, &head.key)
        && (entry.kind != EntityType::Loc || head.kind == EntityType::Org);
    // A country or a wide region is never a state of a federation: «ولاية العراق», «ولاية
    // الشام» are provinces a group declared (the knowledge base gives a parent to every place
    // inside a country).
    let wide = entry.parent.is_none();
    let province = head.key == "ولايه" && entry.kind == EntityType::Loc && (head.province || wide);
    Some(if derived || province {
        let name_key = (head.i..=s.last).map(|j| words[j].key.clone()).collect();
        head.cand(words, s.last, EntityType::Org, None, name_key)
    } else {
        let name_key = (s.first..=s.last).map(|j| words[j].key.clone()).collect();
        head.cand(words, s.last, entry.kind, Some(s.entry), name_key)
    })
}

/// A genitive chain of plain words from token `n` (معهد بحوث إعلام الشرق الأوسط); after a place
/// head, one word (حي ودجر), with the head's adjectives skipped (العاصمة الصومالية مقديشو).
fn genitive_chain(g: &Grammar, words: &[Word], head: &Head, n: usize) -> Option<Cand> {
    let lex = g.lex;
    let mut parts = Vec::new();
    let mut last = head.i;
    let mut j = n;
    let mut definite_run = 0;
    loop {
        let w = &words[j];
        let k = w.key.as_str();
        // A conjunction cannot follow the head directly: «حي ودجر» is a name.
        if !open_word(lex, k) || (j > n && k.starts_with('و') && w.readings.len() > 1) {
            break;
        }
        if j > n && w.verb {
            break;
        }
        // «ولاية ثالثة», «منظمة إرهابية», «منطقة آمنة», «قرية قريبة»: an indefinite adjective
        // agreeing with the head is a description, not a name. It is a common word in raw news
        // («ولاية يوتاه», «قرية بايبوخت» are not).
        if j == n
            && !k.starts_with("ال")
            && k.ends_with('ه')
            && (!g.rare_word(&w.text) || lex.ordinals.contains(k))
        {
            break;
        }
        let definite = k.starts_with("ال");
        if head.is_loc {
            // Place names: adjectives of the head may come first (العاصمة الصومالية مقديشو).
            if definite && is_definite_nisba(k) && parts.is_empty() {
                j = match next_joined(words, j) {
                    Some(x) => x,
                    None => break,
                };
                continue;
            }
            if definite || k.ends_with("يه") || looks_plural(k) {
                break;
            }
            parts.push(k.to_string());
            last = j;
            break;
        }
        // Once a definite word closes the construct chain, only definite words may follow
        // («حركة الشباب المتشددة», not «حركة الشباب قاعدة»).
        if definite_run > 0 && (!definite || (definite_run >= 2 && !is_definite_nisba(k))) {
            break;
        }
        if definite {
            definite_run += 1;
        }
        parts.push(k.to_string());
        last = j;
        if parts.len() >= 5 {
            break;
        }
        j = match next_joined(words, j) {
            Some(x) => x,
            None => break,
        };
    }
    if parts.is_empty() {
        return None;
    }
    // «ولاية كاليفورنيا» is a state; only with a group's words around it is a «ولاية» a province.
    let kind = if head.key == "ولايه" && !head.province {
        EntityType::Loc
    } else {
        head.kind
    };
    Some(head.cand(words, last, kind, None, parts))
}

/// Knowledge-base spots as candidates. Roles are kept only where their actor, or its parent, is
/// named earlier in the document.
pub(super) fn kb_spots(g: &Grammar, words: &[Word], out: &mut Vec<Cand>) {
    let (kb, gaz) = (g.kb, g.gaz);
    let mut spots: Vec<Spot> = Vec::new();
    for i in 0..words.len() {
        spots.extend(gaz.spot_at(words, i));
    }
    let first_named = |id: &str| -> Option<usize> {
        spots
            .iter()
            .filter(|s| s.kind == AliasKind::Name && kb.list()[s.entry].id == id)
            .map(|s| s.first)
            .min()
    };
    let lex = g.lex;
    let sporty = words
        .iter()
        .any(|w| w.readings.iter().any(|r| lex.sport_cues.contains(&r.key)));
    for s in &spots {
        let entry = &kb.list()[s.entry];
        // A club's one-word name is the club only in sports news.
        if s.first == s.last && entry.note.contains("football club") && !sporty {
            continue;
        }
        if s.kind == AliasKind::Role {
            let anchor = std::iter::once(entry.id.as_str())
                .chain(entry.parent.as_deref())
                .filter_map(first_named)
                .min();
            match anchor {
                Some(a) if a < s.first => {}
                _ => continue,
            }
        }
        let (start, end) = span_of(words, s.first, s.skip, s.last);
        out.push(Cand {
            first: s.first,
            last: s.last,
            start,
            end,
            kind: entry.kind,
            kb: Some(s.entry),
            source: if s.kind == AliasKind::Role {
                Source::Role
            } else {
                Source::Kb
            },
            name_key: (s.first..=s.last).map(|j| words[j].key.clone()).collect(),
            head: None,
            link: None,
        });
    }
}
