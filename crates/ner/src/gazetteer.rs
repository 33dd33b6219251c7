//! A compact gazetteer of multi-word names with coarse classes, stored inside the model file.
//!
//! Built at training time from ANETAC (EN-AR names with PERSON/LOCATION/ORGANIZATION) and the AQMAR
//! Wikipedia-title lexicon `NEList.txt` (untyped "likely named entity" titles). Keys are
//! [`norm_key`](crate::norm_key) forms joined by single spaces, so the tagger never reads the corpora
//! at run time.

#[cfg(feature = "train")]
use std::path::Path;

use crate::error::NerError;
#[cfg(feature = "train")]
use crate::normalize::norm_key;
use isnad_learn::codec::Reader;
#[cfg(feature = "train")]
use isnad_learn::codec::Writer;
use isnad_learn::{FastMap, FxBuild};

/// Class bits of a gazetteer entry.
#[cfg(feature = "train")]
pub(crate) const G_PER: u8 = 1;
#[cfg(feature = "train")]
pub(crate) const G_ORG: u8 = 2;
#[cfg(feature = "train")]
pub(crate) const G_LOC: u8 = 4;
/// Untyped Wikipedia-title named entity.
#[cfg(feature = "train")]
pub(crate) const G_NE: u8 = 8;
/// Longest entry, in words, that is matched.
pub(crate) const MAX_WORDS: usize = 5;

/// Normalized multi-word name → class bits.
#[derive(Debug, Default, Clone)]
pub(crate) struct Gazetteer {
    pub(crate) entries: FastMap<String, u8>,
    /// First words of all entries: positions whose word is not one are skipped without building keys.
    firsts: FastMap<String, ()>,
}

impl Gazetteer {
    #[cfg(feature = "train")]
    pub(crate) fn add(&mut self, name: &str, class: u8) {
        let words: Vec<String> = name
            .split_whitespace()
            .map(norm_key)
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() || words.len() > MAX_WORDS {
            return;
        }
        // Single very short tokens (one or two letters) are mostly transliteration noise.
        if words.len() == 1 && words[0].chars().count() < 3 {
            return;
        }
        self.firsts.insert(words[0].clone(), ());
        *self.entries.entry(words.join(" ")).or_insert(0) |= class;
    }

    /// Loads ANETAC's `CLASS English Arabic` lines.
    #[cfg(feature = "train")]
    pub(crate) fn load_anetac(&mut self, path: &Path) -> Result<usize, NerError> {
        let text = std::fs::read_to_string(path).map_err(|e| NerError::io(path, e))?;
        let mut n = 0;
        for line in text.lines() {
            let mut parts = line.split_whitespace();
            let class = match parts.next() {
                Some("PERSON") => G_PER,
                Some("LOCATION") => G_LOC,
                Some("ORGANIZATION") => G_ORG,
                _ => continue,
            };
            let arabic: Vec<&str> = parts
                .filter(|w| w.chars().any(crate::normalize::is_arabic_letter))
                .collect();
            if !arabic.is_empty() {
                self.add(&arabic.join(" "), class);
                n += 1;
            }
        }
        Ok(n)
    }

    /// Loads the Arabic names and strong aliases of isnad's own knowledge base (`kb/actors.tsv`,
    /// read by `isnad-kb`), typed PER/ORG/LOC. ANETAC is mostly transliterated persons and places;
    /// the KB adds the movements, parties and outlets of Arabic news («القاعدة», «فتح»). Weak
    /// aliases are ordinary words too («الأسد»), so, as in linking, they are not names to spot.
    #[cfg(feature = "train")]
    pub(crate) fn load_kb(&mut self, path: &Path) -> Result<usize, NerError> {
        let text = std::fs::read_to_string(path).map_err(|e| NerError::io(path, e))?;
        let kb = isnad_kb::Kb::from_tsv(&text, path, isnad_kb::Origin::Builtin)
            .map_err(|e| NerError::InvalidFormat(e.to_string()))?;
        let mut n = 0;
        for entry in kb.list() {
            let class = match entry.kind {
                isnad_kb::EntityType::Per => G_PER,
                isnad_kb::EntityType::Org => G_ORG,
                isnad_kb::EntityType::Loc => G_LOC,
                isnad_kb::EntityType::Misc => continue,
            };
            for name in entry.strong_names_ar() {
                self.add(name, class);
                n += 1;
            }
        }
        Ok(n)
    }

    /// Loads AQMAR's `arabic --- English` Wikipedia-title lexicon as untyped names.
    #[cfg(feature = "train")]
    pub(crate) fn load_aqmar_lexicon(&mut self, path: &Path) -> Result<usize, NerError> {
        let text = std::fs::read_to_string(path).map_err(|e| NerError::io(path, e))?;
        let mut n = 0;
        for line in text.lines() {
            let Some((ar, _)) = line.split_once("---") else {
                continue;
            };
            // Wikipedia disambiguation suffixes «(…)» are not part of the name.
            let ar = ar.split('(').next().unwrap_or(ar);
            if ar.chars().any(crate::normalize::is_arabic_letter) {
                self.add(ar, G_NE);
                n += 1;
            }
        }
        Ok(n)
    }

    /// For each position, the class bits and B(=1)/I(=2) role of the longest match covering it.
    /// `first_keys[i]` is the key used when a match starts at `i` (the clitic-free stem), `keys[i]`
    /// the key used inside a match.
    pub(crate) fn tag(&self, first_keys: &[&str], keys: &[&str]) -> Vec<(u8, u8)> {
        let n = keys.len();
        let mut out = vec![(0u8, 0u8); n];
        let mut i = 0;
        let mut buf = String::new();
        while i < n {
            if !self.firsts.contains_key(first_keys[i]) {
                i += 1;
                continue;
            }
            let mut found = None;
            for len in (1..=MAX_WORDS.min(n - i)).rev() {
                buf.clear();
                buf.push_str(first_keys[i]);
                for k in &keys[i + 1..i + len] {
                    buf.push(' ');
                    buf.push_str(k);
                }
                if let Some(&c) = self.entries.get(buf.as_str()) {
                    found = Some((len, c));
                    break;
                }
            }
            match found {
                Some((len, c)) => {
                    out[i] = (c, 1);
                    for o in out.iter_mut().take(i + len).skip(i + 1) {
                        *o = (c, 2);
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    #[cfg(feature = "train")]
    pub(crate) fn write(&self, w: &mut Writer) {
        let mut items: Vec<(&String, &u8)> = self
            .entries
            .iter()
            .filter(|(k, _)| k.len() <= 255)
            .collect();
        items.sort();
        w.u32(items.len() as u32);
        for (k, c) in items {
            w.short_str(k);
            w.u8(*c);
        }
    }

    pub(crate) fn read(r: &mut Reader) -> Result<Gazetteer, NerError> {
        let n = r.u32()? as usize;
        let mut entries = FastMap::with_capacity_and_hasher(n.min(1 << 22), FxBuild);
        let mut firsts = FastMap::default();
        for _ in 0..n {
            let k = r.short_str()?.to_string();
            let c = r.u8()?;
            firsts.insert(k.split(' ').next().unwrap_or(&k).to_string(), ());
            entries.insert(k, c);
        }
        Ok(Gazetteer { entries, firsts })
    }
}

// The round trips need the writers, which only training compiles.
#[cfg(all(test, feature = "train"))]
mod tests {
    use super::*;

    #[test]
    fn longest_match_and_roundtrip() {
        let mut g = Gazetteer::default();
        g.add("نيويورك", G_LOC);
        g.add("نيويورك تايمز", G_ORG);
        let keys = ["قالت", "نيويورك", "تايمز", "في", "نيويورك"];
        assert_eq!(
            g.tag(&keys, &keys),
            vec![(0, 0), (G_ORG, 1), (G_ORG, 2), (0, 0), (G_LOC, 1)]
        );
        let mut w = Writer::default();
        g.write(&mut w);
        let bytes = w.finish(b"ISNADTST", 1).expect("compress");
        let mut r = Reader::open(&bytes, b"ISNADTST", 1, "test").expect("open");
        let back = Gazetteer::read(&mut r).expect("roundtrip");
        assert_eq!(back.entries, g.entries);
        assert_eq!(r.remaining(), 0);
    }
}
