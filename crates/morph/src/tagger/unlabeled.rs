//! Unlabelled news counted for the tagger's distributional signatures and
//! word clusters (training only; the lookup key is [`crate::distrib::base_key`]).

use std::path::{Path, PathBuf};

use crate::distrib::{base_key, norm_char};
use crate::MorphError;
use isnad_ingest::saudinewsnet;
use isnad_learn::clusters::BREAK;
use isnad_learn::{FastMap, FxBuild};

/// Bases whose whole family occurs fewer times are not stored (they would
/// get the "rare" code anyway and only cost model bytes).
const MIN_FAMILY: u32 = 3;

/// Unlabelled text as a sequence of interned normalised tokens.
#[derive(Default)]
pub(crate) struct Unlabeled {
    /// Token id → normalised form.
    pub vocab: Vec<String>,
    /// Normalised form → token id.
    pub ids: FastMap<String, u32>,
    /// Token id → occurrences.
    pub counts: Vec<u32>,
    /// The text, token ids in order; [`BREAK`] between articles.
    pub seq: Vec<u32>,
}

impl Unlabeled {
    /// Appends the normalised Arabic-letter tokens of `text`, then a break.
    fn add_text(&mut self, text: &str, buf: &mut String) {
        for c in text.chars() {
            match norm_char(c) {
                Some(Some(c)) => buf.push(c),
                Some(None) => {}
                None => self.flush(buf),
            }
        }
        self.flush(buf);
        self.seq.push(BREAK);
    }

    fn flush(&mut self, buf: &mut String) {
        if buf.is_empty() {
            return;
        }
        let id = match self.ids.get(buf.as_str()) {
            Some(&id) => id,
            None => {
                let id = self.vocab.len() as u32;
                self.ids.insert(buf.clone(), id);
                self.vocab.push(buf.clone());
                self.counts.push(0);
                id
            }
        };
        self.counts[id as usize] += 1;
        self.seq.push(id);
        buf.clear();
    }

    /// Occurrences of a normalised form.
    pub fn count(&self, form: &str) -> u32 {
        self.ids.get(form).map_or(0, |&id| self.counts[id as usize])
    }

    /// Number of tokens.
    pub fn tokens(&self) -> u64 {
        self.counts.iter().map(|&c| c as u64).sum()
    }
}

/// Counts the tokens of every `*.zip` (SaudiNewsNet layout, read by
/// [`isnad_ingest::saudinewsnet`]) and `*.txt` file in `dir`, in name order.
pub(crate) fn read_unlabeled(dir: &Path) -> Result<Unlabeled, MorphError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| MorphError::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("zip" | "txt")))
        .collect();
    files.sort();
    let mut text_data = Unlabeled::default();
    let mut buf = String::new();
    for path in &files {
        if path.extension().and_then(|e| e.to_str()) == Some("txt") {
            let text = std::fs::read_to_string(path).map_err(|e| MorphError::io(path, e))?;
            text_data.add_text(&text, &mut buf);
            continue;
        }
        let articles = saudinewsnet::read_zip(path).map_err(|e| MorphError::Parse {
            path: path.to_path_buf(),
            line: 0,
            reason: e.to_string(),
        })?;
        for a in &articles {
            text_data.add_text(&a.title, &mut buf);
            text_data.add_text(&a.content, &mut buf);
        }
    }
    Ok(text_data)
}

/// 0 for none, then 1..=7 by powers of four.
fn freq_bucket(n: u32) -> u16 {
    if n == 0 {
        0
    } else {
        (1 + (31 - n.leading_zeros()) / 2).min(7) as u16
    }
}

/// How large `part` is relative to `whole`: none, rare, some, most.
fn ratio_bucket(part: u32, whole: u32) -> u16 {
    if part == 0 {
        0
    } else if (part as u64) * 20 < whole as u64 {
        1
    } else if (part as u64) * 10 < (whole as u64) * 3 {
        2
    } else {
        3
    }
}

/// Signature codes of every base whose family is frequent enough.
///
/// Layout (low to high bits): frequency bucket (3), then 2-bit ratio
/// buckets of article, proclitic, pronoun-suffix, feminine, plural and nisba
/// variants, each relative to the family total.
pub(crate) fn signatures(text: &Unlabeled) -> FastMap<String, u16> {
    let get = |parts: &[&str]| -> u32 {
        let mut key = String::with_capacity(32);
        for p in parts {
            key.push_str(p);
        }
        text.count(&key)
    };
    let mut out = FastMap::with_capacity_and_hasher(text.vocab.len() / 4, FxBuild);
    let mut key = String::new();
    for form in &text.vocab {
        base_key(form, &mut key);
        if key.is_empty() || out.contains_key(key.as_str()) {
            continue;
        }
        let b = key.as_str();
        let bare = get(&[b]);
        let article: u32 = ["ال", "وال", "بال", "فال", "كال"]
            .iter()
            .map(|p| get(&[p, b]))
            .sum::<u32>()
            + b.strip_prefix('ل')
                .map_or(get(&["لل", b]), |r| get(&["لل", r]));
        let proclitic: u32 = ["و", "ب", "ل", "ف", "ك"].iter().map(|p| get(&[p, b])).sum();
        let total = bare + article + proclitic;
        if total < MIN_FAMILY {
            continue;
        }
        // A ta marbuta turns into ta before a pronoun.
        let (stem_t, masc) = match b.strip_suffix('ة') {
            Some(m) => ([m, "ت"].concat(), Some(m)),
            None => (b.to_string(), None),
        };
        let pronoun: u32 = ["ه", "ها", "هم", "هما", "كم", "نا"]
            .iter()
            .map(|s| get(&[&stem_t, s]))
            .sum();
        let feminine = match masc {
            Some(m) => get(&[m]) + get(&["ال", m]),
            None => get(&[b, "ة"]) + get(&["ال", b, "ة"]),
        };
        let m = masc.unwrap_or(b);
        let plural: u32 = ["ات", "ون", "ين"]
            .iter()
            .map(|s| get(&[m, s]) + get(&["ال", m, s]))
            .sum();
        let nisba = get(&[m, "ي"]) + get(&["ال", m, "ي"]) + get(&["ال", m, "ية"]);
        let code = freq_bucket(total)
            | ratio_bucket(article, total) << 3
            | ratio_bucket(proclitic, total) << 5
            | ratio_bucket(pronoun, total) << 7
            | ratio_bucket(feminine, total) << 9
            | ratio_bucket(plural, total) << 11
            | ratio_bucket(nisba, total) << 13;
        out.insert(key.clone(), code);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_see_article_pronoun_and_feminine_variants() {
        let mut text = Unlabeled::default();
        let mut buf = String::new();
        text.add_text(
            "كتاب الكتاب بالكتاب كتابه كتابها مدرسة المدرسة بالمدرسة مدرستها \
             كبير الكبير وكبير كبيرة الكبيرة كبيرون فياض فياض فياض",
            &mut buf,
        );
        let sig = signatures(&text);
        let code = |w: &str| {
            let mut k = String::new();
            base_key(w, &mut k);
            sig.get(k.as_str()).copied()
        };
        let pron = |c: u16| (c >> 7) & 3;
        let art = |c: u16| (c >> 3) & 3;
        let fem = |c: u16| (c >> 9) & 3;
        let kitab = code("الكتاب").expect("kitab counted");
        assert!(art(kitab) > 0 && pron(kitab) > 0);
        assert!(pron(code("مدرسة").expect("madrasa counted")) > 0);
        assert!(fem(code("كبير").expect("kabir counted")) > 0);
        let name = code("فياض").expect("name counted");
        assert_eq!((art(name), pron(name), fem(name)), (0, 0, 0));
        assert_eq!(code("غير_موجود"), None);
    }
}
