//! Training smoke tests on slices of PADT (skipped when the data is absent)
//! and a serialization round trip.

use std::path::Path;

use crate::data::parse_corpus;
use crate::eval::{align_words, prf};
use crate::segmenter::{self, Segmenter};
use crate::tagger::{self, Tagger};
use crate::Morphology;

/// The PADT files in `../shared`.
const DATA: &str = "data/ud-arabic-padt/v2-compact-kariminf";

/// The first `n` lines of a PADT file, or `None` when absent (skipped with a message, or a
/// failure under CI: see `isnad-testkit`).
fn slice(file: &str, skip: usize, n: usize) -> Option<String> {
    let path = isnad_testkit::shared(&format!("{DATA}/{file}"))?;
    let text = std::fs::read_to_string(&path).expect("a PADT file that exists is readable");
    Some(
        text.lines()
            .skip(skip)
            .take(n)
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

#[test]
fn tiny_models_beat_baselines_and_round_trip() {
    let (Some(train), Some(dev)) = (
        slice("ar_padt-ud-train.txt", 0, 300),
        slice("ar_padt-ud-dev.txt", 0, 150),
    ) else {
        return;
    };
    let train = parse_corpus(&train, Path::new("train-slice")).expect("train slice parses");
    let dev = parse_corpus(&dev, Path::new("dev-slice")).expect("dev slice parses");
    let (seg, _) = segmenter::train_corpus(&train, &dev, 7, 3).expect("segmenter trains");
    let opts = crate::TaggerOptions {
        refit: true,
        runs: 1,
        epochs: 2,
        ..Default::default()
    };
    let trained =
        tagger::train_corpus(&train, &dev, Default::default(), 7, &opts).expect("tagger trains");
    // The refit model saw the dev sentences, so it must tag them better
    // than the held-out model that did not.
    let refit = trained.refit.expect("refit requested");
    assert_eq!(
        trained.report.refit_sentences,
        train.sentences.len() + dev.sentences.len()
    );
    let (held, seen) = (
        tagger::corpus_accuracy(&trained.holdout, &dev),
        tagger::corpus_accuracy(&refit, &dev),
    );
    assert!(seen > held, "refit {seen} vs held-out {held} on dev");
    let tag = trained.holdout;
    // Round trip through the on-disk format.
    let seg = Segmenter::from_bytes(&seg.to_bytes().expect("serializes")).expect("reloads");
    let tag = Tagger::from_bytes(&tag.to_bytes().expect("serializes")).expect("reloads");
    let m = Morphology {
        segmenter: seg,
        tagger: tag,
    };

    let (mut ours, mut base, mut sys, mut gold, mut tags_ok) = (0, 0, 0, 0, 0);
    for s in &dev.sentences {
        let words: Vec<&str> = s.words.iter().map(|w| w.surface.as_str()).collect();
        let pred = m.analyze(&words);
        for (w, p) in s.words.iter().zip(&pred) {
            let forms: Vec<&str> = p.iter().map(|x| x.form.as_str()).collect();
            let g: Vec<&str> = w.parts.iter().map(|x| x.form.as_str()).collect();
            let aligned = align_words(&forms, &g);
            ours += aligned.len();
            tags_ok += aligned
                .iter()
                .filter(|(i, j)| p[*i].upos == w.parts[*j].upos)
                .count();
            base += align_words(&[w.surface.as_str()], &g).len();
            sys += forms.len();
            gold += g.len();
        }
    }
    let (_, _, f_ours) = prf(ours, sys, gold);
    let (_, _, f_base) = prf(
        base,
        dev.sentences.iter().map(|s| s.words.len()).sum(),
        gold,
    );
    let (_, _, f_tag) = prf(tags_ok, sys, gold);
    eprintln!("tiny segmenter words F1 {f_ours:.2} vs no-split {f_base:.2}; UPOS F1 {f_tag:.2}");
    assert!(
        f_ours > f_base + 3.0,
        "segmenter {f_ours} vs baseline {f_base}"
    );
    // Most-frequent tag NOUN is about a third of PADT words.
    assert!(f_tag > 70.0, "tagger F1 {f_tag}");
}

/// Issue 16: segmenting was quadratic in the length of a token (each position's features
/// look at the word around it): one letter with a million combining marks, or 20 MB of
/// letters without a space, did not finish. A token far longer than any word is one segment.
#[test]
fn an_enormous_token_is_one_segment_in_linear_time() {
    let m = crate::Morphology::global();
    for word in [
        format!("ب{}", "\u{064E}".repeat(200_000)),
        "بالمدينة".repeat(25_000),
    ] {
        let started = std::time::Instant::now();
        let segs = m.segment(&word);
        let took = started.elapsed();
        assert_eq!(segs.len(), 1);
        assert_eq!((segs[0].start, segs[0].end), (0, word.chars().count()));
        assert!(took < std::time::Duration::from_secs(2), "{took:?}");
        let tagged = m.analyze(&[word.as_str()]);
        assert_eq!(tagged[0].len(), 1);
    }
    // Ordinary words still split.
    assert!(m.segment("وبالمدينة").len() > 1);
}
