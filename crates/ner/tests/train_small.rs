//! CI-fast training check: a tiny model trained on a slice of ANERcorp must beat a memorizing baseline.

use std::collections::HashMap;

use isnad_ner::{score, BioTag, NerTagger, TrainOptions};

/// ANERcorp train (CAMeL split) in `../shared`; absent on a fresh clone (skip), required in CI.
const TRAIN: &str = "data/anercorp/ANERCorp_CamelLab_train.txt";

#[test]
fn tiny_model_beats_lexical_baseline() {
    let Some(train_file) = isnad_testkit::shared(TRAIN) else {
        return;
    };
    let text = std::fs::read_to_string(train_file).expect("read train");
    let all = isnad_ner::parse_conll(&text);
    let (train, test) = (&all[..800], &all[800..1000]);
    let dir = tempfile::tempdir().expect("tempdir");
    let slice = dir.path().join("slice.txt");
    let mut out = String::new();
    for s in train {
        for (w, t) in s.words.iter().zip(&s.tags) {
            let t = t.to_string().replace("PER", "PERS");
            out.push_str(&format!("{w} {t}\n"));
        }
        out.push('\n');
    }
    std::fs::write(&slice, out).expect("write slice");
    let model = dir.path().join("tiny.bin.zst");
    let opts = TrainOptions {
        epochs: 4,
        stacked: false,
        refit: false,
        ..TrainOptions::default()
    };
    let report = isnad_ner::train(&slice, None, &opts, &model).expect("train");
    assert!(report.features > 1000);
    let tagger = NerTagger::from_bytes(&std::fs::read(&model).expect("model")).expect("load");

    // Baseline: each word gets the tag it had most often in training.
    let mut lex: HashMap<&str, HashMap<BioTag, usize>> = HashMap::new();
    for s in train {
        for (w, t) in s.words.iter().zip(&s.tags) {
            *lex.entry(w).or_default().entry(*t).or_insert(0) += 1;
        }
    }
    let gold: Vec<Vec<BioTag>> = test.iter().map(|s| s.tags.clone()).collect();
    let base: Vec<Vec<BioTag>> = test
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| {
                    lex.get(w.as_str())
                        .and_then(|m| {
                            m.iter()
                                .max_by_key(|(t, c)| (**c, t.to_string()))
                                .map(|(t, _)| *t)
                        })
                        .unwrap_or(BioTag::O)
                })
                .collect()
        })
        .collect();
    let words: Vec<Vec<&str>> = test
        .iter()
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect();
    let ours = tagger.tag_sentences(&words);
    let (b, o) = (score(&gold, &base).micro.f1, score(&gold, &ours).micro.f1);
    eprintln!("baseline F1 {b:.2}, tiny model F1 {o:.2}");
    assert!(o > b + 5.0, "tiny model {o:.2} vs baseline {b:.2}");
}
