//! Label memory: the names seen in the training data and how each word was labelled there.
//!
//! Word-identity weights only say "this word leans PER"; the memory adds two facts a linear model
//! cannot assemble from single-word features: that a whole multi-word span («ستيوا بوخارست») was an
//! organization in training, and how often a word was inside a name at all (a word that is a name in
//! 9 of 10 occurrences differs from one that is a name in 1 of 10). While training, each sentence sees
//! a memory built from the *other* folds (jackknifing), so the learner meets the memory as it behaves
//! on unseen text, where many names are missing from it.

use crate::error::NerError;
use crate::features::TokInfo;
use crate::gazetteer::Gazetteer;
#[cfg(feature = "train")]
use crate::label::BioTag;
use isnad_learn::codec::Reader;
#[cfg(feature = "train")]
use isnad_learn::codec::Writer;
use isnad_learn::{FastMap, FxBuild};

/// Class bits of the span memory, one per label (PER, ORG, LOC, MISC).
#[cfg(feature = "train")]
const LABEL_BITS: [u8; 4] = [1, 2, 4, 16];

/// Names and word-label statistics of a labelled corpus.
#[derive(Debug, Default, Clone)]
pub(crate) struct Memory {
    /// Whole entity spans (stem of the first word, then surface forms) with the labels they had.
    spans: Gazetteer,
    /// Bare stem → (1 + index of its most frequent entity label, share bucket of entity occurrences).
    words: FastMap<String, (u8, u8)>,
}

impl Memory {
    /// Builds the memory of labelled sentences (`gold` holds tag indices).
    #[cfg(feature = "train")]
    pub(crate) fn build<'a>(
        sents: impl Iterator<Item = (&'a [TokInfo], &'a [usize])> + Clone,
    ) -> Memory {
        let mut spans = Gazetteer::default();
        // Per bare stem: [outside, PER, ORG, LOC, MISC] occurrences.
        let mut counts: FastMap<&str, [u32; 5]> = FastMap::default();
        for (infos, gold) in sents {
            let tags: Vec<BioTag> = gold.iter().map(|&t| BioTag::from_index(t)).collect();
            for (s, e, label) in crate::label::bio_chunks(&tags) {
                let bit = LABEL_BITS[label.index()];
                let mut key = infos[s].stem.clone();
                let mut stems = infos[s].stem.clone();
                for t in &infos[s + 1..e] {
                    key.push(' ');
                    key.push_str(&t.surface);
                    stems.push(' ');
                    stems.push_str(&t.stem);
                }
                spans.add(&key, bit);
                spans.add(&stems, bit);
            }
            for (t, tag) in infos.iter().zip(&tags) {
                if t.shape == b'P' || t.shape == b'D' {
                    continue;
                }
                let slot = tag.label().map_or(0, |l| 1 + l.index());
                counts.entry(t.bare.as_str()).or_insert([0; 5])[slot] += 1;
            }
        }
        let words = counts
            .into_iter()
            .filter_map(|(w, c)| {
                let named: u32 = c[1..].iter().sum();
                if named == 0 || w.len() > 255 {
                    return None;
                }
                let best = (1..5).max_by_key(|&i| c[i]).unwrap_or(1) as u8;
                let share = named as f64 / (named + c[0]) as f64;
                let bucket = match share {
                    s if s < 0.25 => 0,
                    s if s < 0.5 => 1,
                    s if s < 0.75 => 2,
                    _ => 3,
                };
                Some((w.to_string(), (best, bucket)))
            })
            .collect();
        Memory { spans, words }
    }

    /// Fills the memory fields of one sentence's token infos.
    pub(crate) fn fill(&self, infos: &mut [TokInfo]) {
        if self.words.is_empty() && self.spans.entries.is_empty() {
            return;
        }
        let stems: Vec<&str> = infos.iter().map(|i| i.stem.as_str()).collect();
        let surfaces: Vec<&str> = infos.iter().map(|i| i.surface.as_str()).collect();
        let by_surface = self.spans.tag(&stems, &surfaces);
        let by_stem = self.spans.tag(&stems, &stems);
        let words: Vec<(u8, u8)> = infos
            .iter()
            .map(|i| self.words.get(i.bare.as_str()).copied().unwrap_or((0, 0)))
            .collect();
        for (((info, a), b), w) in infos.iter_mut().zip(by_surface).zip(by_stem).zip(words) {
            info.mem = if a.1 != 0 { a } else { b };
            info.wmem = w;
        }
    }

    /// Entries (spans + words), for reports.
    #[cfg(feature = "train")]
    pub(crate) fn len(&self) -> usize {
        self.spans.entries.len() + self.words.len()
    }

    #[cfg(feature = "train")]
    pub(crate) fn write(&self, w: &mut Writer) {
        self.spans.write(w);
        let mut items: Vec<(&String, &(u8, u8))> = self.words.iter().collect();
        items.sort();
        w.u32(items.len() as u32);
        for (k, (label, share)) in items {
            // Keys are single stems, far below the 255 bytes of a u8 length.
            w.u8(k.len() as u8);
            w.bytes(k.as_bytes());
            w.u8(*label);
            w.u8(*share);
        }
    }

    pub(crate) fn read(r: &mut Reader) -> Result<Memory, NerError> {
        let spans = Gazetteer::read(r)?;
        let n = r.u32()? as usize;
        let mut words = FastMap::with_capacity_and_hasher(n.min(1 << 20), FxBuild);
        for _ in 0..n {
            let k = r.short_str()?.to_string();
            let label = r.u8()?;
            let share = r.u8()?;
            words.insert(k, (label, share));
        }
        Ok(Memory { spans, words })
    }
}

// The round trips need the writers, which only training compiles.
#[cfg(all(test, feature = "train"))]
mod tests {
    use super::*;

    fn info(w: &str) -> TokInfo {
        TokInfo {
            surface: w.to_string(),
            stem: w.to_string(),
            bare: w.to_string(),
            shape: b'A',
            ..TokInfo::default()
        }
    }

    #[test]
    fn remembers_spans_and_word_shares() {
        let sent: Vec<TokInfo> = ["فاز", "ستيوا", "بوخارست", "على", "ستيوا"]
            .iter()
            .map(|w| info(w))
            .collect();
        // O B-ORG I-ORG O O
        let gold = vec![0, 3, 4, 0, 0];
        let m = Memory::build(std::iter::once((sent.as_slice(), gold.as_slice())));
        let mut test: Vec<TokInfo> = ["شاهدت", "ستيوا", "بوخارست"]
            .iter()
            .map(|w| info(w))
            .collect();
        m.fill(&mut test);
        assert_eq!(test[1].mem, (2, 1));
        assert_eq!(test[2].mem, (2, 2));
        assert_eq!(test[0].mem, (0, 0));
        // «ستيوا»: ORG once in two occurrences → share bucket 2 (0.5).
        assert_eq!(test[1].wmem, (2, 2));
        let mut w = Writer::default();
        m.write(&mut w);
        let bytes = w.finish(b"ISNADTST", 1).expect("compress");
        let mut r = Reader::open(&bytes, b"ISNADTST", 1, "test").expect("open");
        let back = Memory::read(&mut r).expect("roundtrip");
        assert_eq!(r.remaining(), 0);
        assert_eq!(back.words, m.words);
    }
}
