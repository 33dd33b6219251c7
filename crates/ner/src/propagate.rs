//! One name per discourse: a word that closed a multi-word name stands for that name when it recurs
//! bare nearby.
//!
//! News names a person in full once («بهاء الاعرجي») and then by the family name alone, often many
//! times. The stacked pass sees how the first pass labelled the word elsewhere, but a bare nisba such as
//! «الاعرجي» still looks like an adjective to the linear model, and it misses most repeats. After
//! decoding, each bare repeat of a word that ended a name of two or more words within the stacking
//! window, and that is not a common word of raw news, is tagged as a one-word mention of that class.

use crate::features::TokInfo;
use crate::label::{BioTag, NerLabel};
use crate::stack::WINDOW;
use isnad_learn::FastMap;

/// Raw-news frequency buckets at or above this are rare enough to be names (0 = top 1K words).
const MIN_FREQ_BUCKET: u8 = 2;

fn name_word(t: &TokInfo) -> bool {
    t.shape == b'A' && t.freq >= MIN_FREQ_BUCKET && t.bare.chars().count() >= 3
}

/// Rewrites the decoded `(tags, margins)` of each sentence of `doc` in place; a propagated tag was
/// not the decoder's choice, so its margin becomes zero. Returns how many tokens changed.
pub(crate) fn propagate(doc: &[Vec<TokInfo>], decoded: &mut [(Vec<usize>, Vec<f32>)]) -> usize {
    // The sentence of each name-closing word occurrence, per word and label.
    let mut closers: FastMap<&str, Vec<(usize, NerLabel)>> = FastMap::default();
    for (si, (s, (p, _))) in doc.iter().zip(decoded.iter()).enumerate() {
        let tags: Vec<BioTag> = p.iter().map(|&t| BioTag::from_index(t)).collect();
        for (start, end, label) in crate::label::bio_chunks(&tags) {
            let last = &s[end - 1];
            if end - start >= 2 && name_word(last) {
                closers
                    .entry(last.bare.as_str())
                    .or_default()
                    .push((si, label));
            }
        }
    }
    let mut changed = 0;
    for (si, (s, (p, margins))) in doc.iter().zip(decoded.iter_mut()).enumerate() {
        for i in 0..s.len() {
            let outside = |j: Option<usize>| j.and_then(|j| p.get(j)).map_or(true, |&t| t == 0);
            if p[i] != 0 || !name_word(&s[i]) || !outside(i.checked_sub(1)) || !outside(Some(i + 1))
            {
                continue;
            }
            let Some(seen) = closers.get(s[i].bare.as_str()) else {
                continue;
            };
            let near = seen.iter().find(|(sj, _)| sj.abs_diff(si) <= WINDOW);
            if let Some(&(_, label)) = near {
                p[i] = BioTag::B(label).index();
                margins[i] = 0.0;
                changed += 1;
            }
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(bare: &str, freq: u8) -> TokInfo {
        TokInfo {
            surface: bare.to_string(),
            stem: bare.to_string(),
            bare: bare.to_string(),
            shape: b'A',
            freq,
            ..TokInfo::default()
        }
    }

    #[test]
    fn bare_repeat_of_a_family_name_becomes_a_mention() {
        let per = |b: bool| {
            if b {
                BioTag::B(NerLabel::Per)
            } else {
                BioTag::I(NerLabel::Per)
            }
            .index()
        };
        // «بهاء الاعرجي» … «قال الاعرجي» … «قال الوزير»
        let doc = vec![
            vec![info("بهاء", 3), info("اعرجي", 4)],
            vec![info("قال", 0), info("اعرجي", 4)],
            vec![info("قال", 0), info("وزير", 0)],
        ];
        let mut decoded = vec![
            (vec![per(true), per(false)], vec![9.0; 2]),
            (vec![0, 0], vec![9.0; 2]),
            (vec![0, 0], vec![9.0; 2]),
        ];
        assert_eq!(propagate(&doc, &mut decoded), 1);
        assert_eq!(decoded[1], (vec![0, per(true)], vec![9.0, 0.0]));
        assert_eq!(decoded[2].0, vec![0, 0]);
    }

    #[test]
    fn common_words_and_far_sentences_are_left_alone() {
        let b = BioTag::B(NerLabel::Org).index();
        let i = BioTag::I(NerLabel::Org).index();
        // «حزب الشعب» closes on a common word; a rare closer 30 sentences away is out of the window.
        let mut doc = vec![vec![info("حزب", 1), info("شعب", 0)]];
        let mut decoded = vec![(vec![b, i], vec![9.0; 2])];
        doc.push(vec![info("شعب", 0)]);
        decoded.push((vec![0], vec![9.0]));
        doc.push(vec![info("مجلس", 1), info("نادر", 4)]);
        decoded.push((vec![b, i], vec![9.0; 2]));
        for _ in 0..30 {
            doc.push(vec![info("قال", 0)]);
            decoded.push((vec![0], vec![9.0]));
        }
        doc.push(vec![info("نادر", 4)]);
        decoded.push((vec![0], vec![9.0]));
        assert_eq!(propagate(&doc, &mut decoded), 0);
    }
}
