//! The Arabic name grammar: kunyas, given names with lineage and nisbas, titles that mark a name
//! without belonging to it, head nouns that open organization and place names (quoted names
//! included), and the knowledge-base spots. Produces candidate mentions; `select` keeps the best
//! non-overlapping ones.

use isnad_kb::{EntityType, Kb};

use crate::gazetteer::{AliasKind, Gazetteer, Spot};
use crate::lexicon::{is_definite_nisba, looks_plural, Lexicon};
use crate::words::{Reading, Word};

/// How a candidate was found; higher sources win ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Source {
    Ner,
    Propagated,
    Anaphor,
    Given,
    Kunya,
    Head,
    Role,
    Kb,
}

/// A candidate mention over tokens `first..=last`.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub first: usize,
    pub last: usize,
    /// Code-point span in the original text (proclitics and quote marks at the edges excluded).
    pub start: usize,
    pub end: usize,
    pub kind: EntityType,
    /// Knowledge-base entry index, when known.
    pub kb: Option<usize>,
    pub source: Source,
    /// The name proper as canonical token keys (titles and head nouns left out), for grouping.
    pub name_key: Vec<String>,
    /// The organization or place head noun that opened it («حركة»), if any.
    pub head: Option<String>,
    /// For propagated and anaphoric mentions: the index of the mention they refer back to.
    pub link: Option<usize>,
}

impl Cand {
    pub fn len(&self) -> usize {
        self.last - self.first + 1
    }
    pub fn overlaps(&self, first: usize, last: usize) -> bool {
        self.first <= last && first <= self.last
    }
}

/// Whether the token is a plain name word: a word, not a stop word, title, head or kunya word.
fn open_word(lex: &Lexicon, key: &str) -> bool {
    !key.is_empty()
        && !lex.stop.contains(key)
        && !lex.titles.contains(key)
        && !lex.org_heads.contains(key)
        && !lex.loc_heads.contains(key)
        && !lex.kunya.contains(key)
        && !lex.anaphora.contains_key(key)
        && key.chars().any(|c| c.is_alphabetic())
        && key.chars().count() >= 2
}

/// The next token, if it is a word joined to `i` by spaces only.
fn next_joined(words: &[Word], i: usize) -> Option<usize> {
    (words.get(i)?.joined_next && words.get(i + 1)?.is_word).then_some(i + 1)
}

/// Canonical key of a name part: «عبد الله» and «عبدالله» both become «عبدالله».
fn join_abd(a: &str, b: &str) -> String {
    format!("{a}{b}")
}

/// Reads a compound given-name part at `i`: «عبد X», «X الدين», «نصر الله», a single token. Returns the last
/// token used and the canonical key.
fn name_part(words: &[Word], i: usize, key: &str) -> (usize, String) {
    if key == "عبد" {
        if let Some(n) = next_joined(words, i) {
            return (n, join_abd(key, &words[n].key));
        }
    }
    if let Some(n) = next_joined(words, i) {
        if words[n].key == "الدين" {
            return (n, format!("{key} الدين"));
        }
        if words[n].key == "الله" && Lexicon::global().theophoric.contains(key) {
            return (n, format!("{key} الله"));
        }
    }
    (i, key.to_string())
}

fn span_of(words: &[Word], first: usize, skip: usize, last: usize) -> (usize, usize) {
    (words[first].start + skip, words[last].end)
}

/// Extends a person name ending at `last` with lineage («بن سلمان»), nisbas and, while
/// `open_left` allows, one more plain word (the family name; a definite one only after a title,
/// `titled`, or a longer name).
fn extend_person(
    lex: &Lexicon,
    words: &[Word],
    mut last: usize,
    parts: &mut Vec<String>,
    mut open_left: usize,
    titled: bool,
) -> usize {
    let mut nisbas = 0;
    while let Some(n) = next_joined(words, last) {
        let key = words[n].key.as_str();
        if lex.lineage.contains(key) {
            let Some(m) = next_joined(words, n).filter(|&m| open_word(lex, &words[m].key)) else {
                break;
            };
            let (end, part) = name_part(words, m, &words[m].key);
            parts.push(words[n].key.clone());
            parts.push(part);
            last = end;
            // After «بن X» only more lineage or a nisba: the family name came before.
            open_left = 0;
        } else if key == "عبد"
            || (key.starts_with("عبد") && key.chars().count() > 4)
            || (lex.given.contains_key(key) && open_word(lex, key))
        {
            let (end, part) = name_part(words, n, key);
            parts.push(part);
            last = end;
        } else if is_definite_nisba(key) && !lex.stop.contains(key) && nisbas < 2 {
            parts.push(key.to_string());
            nisbas += 1;
            last = n;
            // A nisba ends the family name: «سالم الدوسري هدف» stops before «هدف».
            open_left = 0;
        } else if open_left > 0 && lex.kunya.contains(key) && parts.len() == 1 {
            // «أحمد أبو زيد», «أحمد أبو الغيط»: a family name made like a kunya.
            let Some(m) = next_joined(words, n).filter(|&m| {
                let k = words[m].key.as_str();
                open_word(lex, k) && !looks_plural(k) && !words[m].verb
            }) else {
                break;
            };
            parts.push(key.to_string());
            parts.push(words[m].key.clone());
            open_left = 0;
            last = m;
        } else if open_left > 0
            && open_word(lex, key)
            // A definite family name needs a title or a longer name before it: «شهر رمضان
            // المعظم», «حسن الاختيار» are no people.
            && (!key.starts_with("ال")
                || ((titled || parts.len() >= 2) && rare_definite_surname(&words[n].text, key)))
            && !key.starts_with('و')
            && !has_clitic_article(key)
        {
            let (end, part) = name_part(words, n, key);
            parts.push(part);
            open_left -= 1;
            last = end;
        } else {
            break;
        }
        if parts.len() >= 6 {
            break;
        }
    }
    last
}

/// Rank in raw news from which a word reads as a name rather than common vocabulary: a definite
/// word after a given name is a family name («محمد الجدعان», «العساف», «الدباغ») rather than the
/// next noun («محمد الوفد»); common nouns and adjectives rank well above it, family names that
/// are not nisbas mostly below it.
const SURNAME_MIN_RANK: u32 = 5_000;

/// Whether a definite word is rare enough in raw news (or absent from it) to be a family name.
fn rare_definite_surname(text: &str, key: &str) -> bool {
    !looks_plural(key) && rare_word(text)
}

/// Whether a word ranks below the common vocabulary of raw news (or is absent from it).
fn rare_word(text: &str) -> bool {
    isnad_ner::Clusters::global()
        .rank(&isnad_ner::norm_key(text))
        .map_or(true, |r| r >= SURNAME_MIN_RANK)
}

/// Whether a key starts with a proclitic plus the article («بالوفد», «للأنباء»): never a name.
fn has_clitic_article(key: &str) -> bool {
    ["بال", "وال", "فال", "كال", "لل"]
        .iter()
        .any(|p| key.starts_with(p) && key.chars().count() > 4)
}

/// Whether a title (with its complements: «رئيس الوزراء اللبناني الأسبق», «المتحدث باسم
/// حماس») ends right before token `i`.
fn titled(lex: &Lexicon, words: &[Word], i: usize) -> bool {
    let mut j = i;
    for _ in 0..5 {
        let Some(p) = j.checked_sub(1) else {
            return false;
        };
        let w = &words[p];
        if !(w.joined_next && w.is_word) {
            return false;
        }
        if w.readings.iter().any(|r| lex.titles.contains(&r.key)) {
            return true;
        }
        let k = w.key.as_str();
        let complement = (k.starts_with("ال") && !lex.stop.contains(k))
            || lex.title_modifiers.contains(k)
            || k == "باسم";
        let after_bism = p.checked_sub(1).is_some_and(|q| words[q].key == "باسم");
        if !complement && !after_bism {
            return false;
        }
        j = p;
    }
    false
}

/// Whether one of the titles that are nearly always followed by a name stands right before `i`
/// (possibly with modifiers: «اللواء المتقاعد»).
fn name_titled(lex: &Lexicon, words: &[Word], i: usize) -> bool {
    let mut j = i;
    for _ in 0..3 {
        let Some(p) = j.checked_sub(1) else {
            return false;
        };
        let w = &words[p];
        if !(w.joined_next && w.is_word) {
            return false;
        }
        if w.readings.iter().any(|r| lex.name_titles.contains(&r.key)) {
            return true;
        }
        if !lex.title_modifiers.contains(&w.key) && !lex.nationalities.contains(&w.key) {
            return false;
        }
        j = p;
    }
    false
}

/// Whether the plain word at `i`, right after a title, reads as a family name («الرئيس فرماجو»)
/// rather than a genitive complement («وزير خارجية إيران», «وزير دفاع الاحتلال»).
fn title_name(lex: &Lexicon, words: &[Word], i: usize) -> bool {
    let k = words[i].key.as_str();
    let clitic_word = k.starts_with('و')
        || has_clitic_article(k)
        || k.ends_with('ا')
        || words[i].readings.iter().any(|r| lex.stop.contains(&r.key));
    if !open_word(lex, k) || k.starts_with("ال") || k.ends_with("يه") || clitic_word {
        return false;
    }
    // Alone, a word in -ي or -ة after a title is mostly an adjective («قائد ميداني»).
    let adjective_shape = k.ends_with('ي') || k.ends_with('ه');
    match next_joined(words, i) {
        None => !adjective_shape,
        Some(n) if is_definite_nisba(&words[n].key) => true,
        Some(n) => lex.stop.contains(&words[n].key) && !adjective_shape,
    }
}

/// Person names opened by a given name (or, after a title, by any plain word).
fn given_names(lex: &Lexicon, words: &[Word], out: &mut Vec<Cand>) {
    for i in 0..words.len() {
        if !words[i].is_word {
            continue;
        }
        let title = titled(lex, words, i);
        // Behind a preposition only a longer name: «بيان» is not «ب» + «يان».
        let reading = words[i].readings.iter().find(|r| {
            let conj_only = words[i]
                .text
                .chars()
                .take(r.skip)
                .all(|c| matches!(c, 'و' | 'ف'));
            lex.given.contains_key(&r.key)
                && (r.skip == 0 || !lex.given.contains_key(&words[i].key))
                && (conj_only || r.key.chars().count() >= 4)
        });
        let (r, weak) = match reading {
            Some(r) => (r.clone(), lex.given.get(&r.key).copied().unwrap_or(true)),
            None if name_titled(lex, words, i) && title_name(lex, words, i) => (
                Reading {
                    skip: 0,
                    key: words[i].key.clone(),
                },
                true,
            ),
            None => continue,
        };
        if lex.stop.contains(&r.key) {
            continue;
        }
        let (mut last, first_part) = name_part(words, i, &r.key);
        let mut parts = vec![first_part];
        last = extend_person(lex, words, last, &mut parts, 1, title);
        let strong_second = parts.len() >= 2 && {
            let second = &parts[1];
            lex.given.contains_key(second.as_str())
                || second.starts_with("عبد")
                || lex.lineage.contains(second.as_str())
                || is_definite_nisba(second)
                || second.ends_with(" الدين")
        };
        // In a list of people («سليم عياش وحسين عنيسي»), «و» + name after a person name is one.
        let listed = r.skip == 1
            && i > 0
            && words[i - 1].joined_next
            && out
                .iter()
                .any(|c| c.last + 1 == i && c.kind == EntityType::Per);
        let ok = if parts.len() == 1 {
            title
        } else {
            !weak || title || strong_second || listed
        };
        if !ok {
            continue;
        }
        let (start, end) = span_of(words, i, r.skip, last);
        out.push(Cand {
            first: i,
            last,
            start,
            end,
            kind: EntityType::Per,
            kb: None,
            source: Source::Given,
            name_key: parts,
            head: None,
            link: None,
        });
    }
}

/// Kunya names: «أبو بكر البغدادي», «أبو عبد الله», glued «أبوعبد الله».
fn kunyas(lex: &Lexicon, words: &[Word], out: &mut Vec<Cand>) {
    for i in 0..words.len() {
        if !words[i].is_word {
            continue;
        }
        for r in &words[i].readings {
            // Either a kunya word followed by the name, or the two glued in one token.
            let (name_at, name_key, glued) = if lex.kunya.contains(&r.key) {
                let Some(n) = next_joined(words, i) else {
                    continue;
                };
                (n, words[n].key.clone(), false)
            } else if let Some(rest) = r
                .key
                .strip_prefix("ابو")
                .filter(|s| s.starts_with("عبد") || lex.given.contains_key(*s))
            {
                (i, rest.to_string(), true)
            } else {
                continue;
            };
            let is_umm = r.key == "ام";
            if !open_word(lex, &name_key) && name_key != "عبد" {
                continue;
            }
            if is_umm && !lex.given.contains_key(&name_key) {
                continue;
            }
            let (mut last, part) = name_part(words, name_at, &name_key);
            if glued && last == i && name_key == "عبد" {
                continue;
            }
            let mut parts = vec!["ابو".to_string(), part];
            if is_umm {
                parts[0] = "ام".to_string();
            }
            // Laqab or nisba after the kunya («المهاجر», «البغدادي»), then lineage.
            let mut laqabs = 0;
            while let Some(n) = next_joined(words, last) {
                let k = words[n].key.as_str();
                if laqabs < 2
                    && k.starts_with("ال")
                    && open_word(lex, k)
                    && !looks_plural(k)
                    && words[n].readings.len() == 1
                {
                    parts.push(k.to_string());
                    laqabs += 1;
                    last = n;
                } else {
                    break;
                }
            }
            last = extend_person(lex, words, last, &mut parts, 0, false);
            let (start, end) = span_of(words, i, r.skip, last);
            out.push(Cand {
                first: i,
                last,
                start,
                end,
                kind: EntityType::Per,
                kb: None,
                source: Source::Kunya,
                name_key: parts,
                head: None,
                link: None,
            });
            break;
        }
    }
}

/// The token index of the quote mark closing a quote opened at `open`, within a few words.
fn closing_quote(words: &[Word], open: usize) -> Option<usize> {
    let mut n_words = 0;
    for (j, w) in words.iter().enumerate().skip(open + 1) {
        if w.is_quote() {
            return (n_words > 0).then_some(j);
        }
        if !w.is_word || w.sentence != words[open].sentence {
            return None;
        }
        n_words += 1;
        if n_words > 5 {
            return None;
        }
    }
    None
}

/// Names opened by an organization or place head noun.
fn headed(lex: &Lexicon, kb: &Kb, gaz: &Gazetteer, words: &[Word], out: &mut Vec<Cand>) {
    // In a text about the Islamic State, «ولاية العراق» is one of its provinces, not Iraq. The
    // knowledge-base spots are already in `out`.
    let isis_doc = out
        .iter()
        .any(|c| c.kb.is_some_and(|e| kb.list()[e].id == "isis"));
    for i in 0..words.len() {
        if !words[i].is_word {
            continue;
        }
        let Some(r) = words[i].reading_where(|k| lex.head_type(k).is_some()) else {
            continue;
        };
        let head = r.key.clone();
        let skip = r.skip;
        let Some(head_kind) = lex.head_type(&head) else {
            continue;
        };
        let is_loc_head = lex.loc_heads.contains(&head) && !lex.org_heads.contains(&head);
        let next = i + 1;
        let Some(nw) = words.get(next) else { continue };
        let gap_ok = nw.start <= words[i].end + 1 && nw.sentence == words[i].sentence;
        // 1. A quoted name: تنظيم “داعش”, وكالة "نوفا".
        if nw.is_quote() && gap_ok {
            if let Some(close) = closing_quote(words, next) {
                let inner: Vec<String> = (next + 1..close).map(|j| words[j].key.clone()).collect();
                let mut last = close;
                // A nisba or a «لل» complement may follow: قناة "الدنيا" السورية, وكالة "نوفا" للأنباء.
                let adjective = words.get(close + 1).is_some_and(|w| {
                    w.is_word
                        && w.start <= words[close].end + 1
                        && w.sentence == words[close].sentence
                        && (is_definite_nisba(&w.key)
                            || (w.key.starts_with("لل") && w.key.chars().count() >= 5))
                });
                if adjective {
                    last = close + 1;
                }
                let entry = gaz
                    .spot_at(words, next + 1)
                    .into_iter()
                    .find(|s| s.last + 1 == close && s.kind == AliasKind::Name);
                let kb_idx = entry.map(|s| s.entry);
                let kind = kb_idx.map(|e| kb.list()[e].kind).unwrap_or(head_kind);
                let (start, end) = span_of(words, i, skip, last);
                out.push(Cand {
                    first: i,
                    last,
                    start,
                    end,
                    kind,
                    kb: kb_idx,
                    source: Source::Head,
                    name_key: inner,
                    head: Some(head.clone()),
                    link: None,
                });
                continue;
            }
        }
        let Some(n) = next_joined(words, i) else {
            continue;
        };
        // 2. A known name right after the head: حركة حماس.
        let mut spots: Vec<Spot> = gaz
            .spot_at(words, n)
            .into_iter()
            .filter(|s| s.skip == 0 && s.kind == AliasKind::Name)
            .collect();
        // Where the name is ambiguous, the head decides: «منطقة الشرق الأوسط» is the region.
        spots.sort_by_key(|s| kb.list()[s.entry].kind != head_kind);
        if let Some(s) = spots.into_iter().next() {
            // «قوات حكومة الوفاق» are the government's forces, not the government: a weak head
            // before a known name makes a new, unlinked organization unless the entry itself is
            // named with that head.
            let derived = lex.weak_org_heads.contains(&head)
                && !crate::link::kb_has_head(kb, s.entry, &head)
                && kb.list()[s.entry].kind != EntityType::Loc;
            let province = head == "ولايه" && kb.list()[s.entry].kind == EntityType::Loc && isis_doc;
            if derived || province {
                let (start, end) = span_of(words, i, skip, s.last);
                out.push(Cand {
                    first: i,
                    last: s.last,
                    start,
                    end,
                    kind: EntityType::Org,
                    kb: None,
                    source: Source::Head,
                    name_key: (i..=s.last).map(|j| words[j].key.clone()).collect(),
                    head: Some(head.clone()),
                    link: None,
                });
            } else {
                push_head_kb(kb, words, out, i, skip, &head, &s);
            }
            continue;
        }
        // 3. A genitive chain: معهد بحوث إعلام الشرق الأوسط, حي ودجر.
        if lex.weak_org_heads.contains(&head) && !is_loc_head {
            continue;
        }
        let mut parts = Vec::new();
        let mut last = i;
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
            // «ولاية ثالثة», «ولاية رئاسية جديدة»: a term of office, not a state or province. The
            // adjective agrees with «ولاية» and is a common word («ولاية يوتاه» is not).
            if head == "ولايه"
                && j == n
                && !k.starts_with("ال")
                && k.ends_with('ه')
                && (!rare_word(&w.text) || lex.ordinals.contains(k))
            {
                break;
            }
            let definite = k.starts_with("ال");
            if is_loc_head {
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
            continue;
        }
        // «ولاية كاليفورنيا» is a state; only beside the Islamic State is a «ولاية» its province.
        let kind = if head == "ولايه" && !isis_doc {
            EntityType::Loc
        } else {
            head_kind
        };
        let (start, end) = span_of(words, i, skip, last);
        out.push(Cand {
            first: i,
            last,
            start,
            end,
            kind,
            kb: None,
            source: Source::Head,
            name_key: parts,
            head: Some(head.clone()),
            link: None,
        });
    }
}

fn push_head_kb(
    kb: &Kb,
    words: &[Word],
    out: &mut Vec<Cand>,
    i: usize,
    skip: usize,
    head: &str,
    s: &Spot,
) {
    let entry = &kb.list()[s.entry];
    let (start, end) = span_of(words, i, skip, s.last);
    out.push(Cand {
        first: i,
        last: s.last,
        start,
        end,
        kind: entry.kind,
        kb: Some(s.entry),
        source: Source::Head,
        name_key: (s.first..=s.last).map(|j| words[j].key.clone()).collect(),
        head: Some(head.to_string()),
        link: None,
    });
}

/// Knowledge-base spots as candidates. Roles are kept only where their actor, or its parent, is
/// named earlier in the document.
fn kb_spots(kb: &Kb, gaz: &Gazetteer, words: &[Word], out: &mut Vec<Cand>) {
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
    let lex = Lexicon::global();
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

/// The holder of an office named by office and nationality, when no name follows:
/// «السفير الأمريكي», «وزير الدفاع الأمريكي».
fn offices(lex: &Lexicon, words: &[Word], out: &mut Vec<Cand>) {
    for i in 0..words.len() {
        let Some(r) = words[i].reading_where(|k| lex.offices.contains(k)) else {
            continue;
        };
        let office = r.key.trim_start_matches("ال").to_string();
        let skip = r.skip;
        let mut j = i;
        let mut complements = 0;
        let nationality = loop {
            let Some(n) = next_joined(words, j) else {
                break None;
            };
            let k = words[n].key.as_str();
            if lex.nationalities.contains(k) {
                break Some(n);
            }
            if !k.starts_with("ال") || lex.stop.contains(k) || complements >= 2 {
                break None;
            }
            complements += 1;
            j = n;
        };
        let Some(last) = nationality else { continue };
        // A name right after makes the office a title of that name instead.
        let mut after = next_joined(words, last);
        while let Some(n) = after.filter(|&n| lex.title_modifiers.contains(&words[n].key)) {
            after = next_joined(words, n);
        }
        let named = after.is_some_and(|n| {
            let k = words[n].key.as_str();
            lex.given.contains_key(k)
                || lex.kunya.contains(k)
                || lex.titles.contains(k)
                || (open_word(lex, k) && !k.starts_with("ال") && !k.starts_with('و'))
        });
        if named {
            continue;
        }
        let (start, end) = span_of(words, i, skip, last);
        let mut name_key = vec![office.clone()];
        name_key.extend((i + 1..=last).map(|x| words[x].key.clone()));
        out.push(Cand {
            first: i,
            last,
            start,
            end,
            kind: EntityType::Per,
            kb: None,
            source: Source::Given,
            name_key,
            head: Some(office),
            link: None,
        });
    }
}

/// Names introduced as names: «شخص يُدعى "سمير"» (a person), «محرر "يمن اتحادي"» (an outlet).
fn introduced(lex: &Lexicon, words: &[Word], out: &mut Vec<Cand>) {
    for i in 0..words.len() {
        let Some(r) =
            words[i].reading_where(|k| lex.called.contains(k) || lex.outlet_staff.contains(k))
        else {
            continue;
        };
        let kind = if lex.called.contains(&r.key) {
            EntityType::Per
        } else {
            EntityType::Org
        };
        let Some(next) = words.get(i + 1) else {
            continue;
        };
        let (first, last) = if next.is_quote() && next.start <= words[i].end + 1 {
            match closing_quote(words, i + 1) {
                Some(close) if close - (i + 1) <= 4 => (i + 2, close - 1),
                _ => continue,
            }
        } else if kind == EntityType::Per && words[i].joined_next && open_word(lex, &next.key) {
            (i + 1, i + 1)
        } else {
            continue;
        };
        if !(first..=last).all(|x| words[x].is_word) || first > last {
            continue;
        }
        out.push(Cand {
            first,
            last,
            start: words[first].start,
            end: words[last].end,
            kind,
            kb: None,
            source: Source::Head,
            name_key: (first..=last).map(|x| words[x].key.clone()).collect(),
            head: None,
            link: None,
        });
    }
}

/// All grammar and knowledge-base candidates of a document.
pub(crate) fn candidates(kb: &Kb, gaz: &Gazetteer, words: &[Word]) -> Vec<Cand> {
    let lex = Lexicon::global();
    let mut out = Vec::new();
    kb_spots(kb, gaz, words, &mut out);
    headed(lex, kb, gaz, words, &mut out);
    kunyas(lex, words, &mut out);
    given_names(lex, words, &mut out);
    offices(lex, words, &mut out);
    introduced(lex, words, &mut out);
    out
}

/// Keeps the best non-overlapping candidates: longer first, then by source.
pub(crate) fn select(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.sort_by(|a, b| {
        b.len()
            .cmp(&a.len())
            .then(b.source.cmp(&a.source))
            .then(a.first.cmp(&b.first))
    });
    let mut kept: Vec<Cand> = Vec::new();
    for c in cands {
        if !kept.iter().any(|k| k.overlaps(c.first, c.last)) {
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.start);
    kept
}
