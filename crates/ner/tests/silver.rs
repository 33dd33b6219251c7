//! Self-training data: sentences the embedded model is sure of, written in ANERcorp's layout and read
//! back unchanged.

use std::io::Write;

use isnad_ner::{parse_conll, silver_sentences, write_silver, BioTag, NerTagger, SelfTrain};

/// A SaudiNewsNet-like folder: one zip holding one JSON array of articles (written for this test).
fn corpus(dir: &std::path::Path) {
    let articles = serde_json::json!([
        {"title": "زيارة رسمية", "content": "وصل الرئيس الفرنسي إيمانويل ماكرون إلى القاهرة اليوم. وقال ماكرون إن فرنسا تدعم الحوار."},
        {"title": "اقتصاد", "content": "ارتفعت أسعار النفط في الأسواق العالمية. وأعلنت وزارة المالية السعودية عن ميزانية جديدة."}
    ]);
    let file = std::fs::File::create(dir.join("2015-01-01.zip")).expect("zip file");
    let mut zip = zip::ZipWriter::new(file);
    zip.start_file("2015-01-01.json", zip::write::SimpleFileOptions::default())
        .expect("zip entry");
    zip.write_all(articles.to_string().as_bytes())
        .expect("write");
    zip.finish().expect("finish");
}

#[test]
fn sure_sentences_round_trip_through_the_anercorp_layout() {
    let dir = tempfile::tempdir().expect("tempdir");
    corpus(dir.path());
    let st = SelfTrain {
        corpus: dir.path().to_path_buf(),
        stride: 1,
        max_articles: 10,
        min_margin: 0.0,
    };
    let tagger = NerTagger::global();
    let (sents, report) = silver_sentences(tagger, &st).expect("silver");
    assert_eq!(report.articles, 2);
    assert!(report.kept >= 2, "{report:?}");
    assert_eq!(report.kept, sents.len());
    for s in &sents {
        assert_eq!(s.words.len(), s.tags.len());
        assert!(s.tags.iter().any(|t| matches!(t, BioTag::B(_))));
    }
    let names: Vec<&str> = sents
        .iter()
        .flat_map(|s| s.words.iter().zip(&s.tags))
        .filter(|(_, t)| **t != BioTag::O)
        .map(|(w, _)| w.as_str())
        .collect();
    assert!(names.contains(&"ماكرون"), "{names:?}");

    let out = dir.path().join("silver.txt");
    write_silver(tagger, &st, &out).expect("write");
    let back = parse_conll(&std::fs::read_to_string(&out).expect("read"));
    assert_eq!(back.len(), sents.len());
    for (a, b) in back.iter().zip(&sents) {
        assert_eq!(a.words, b.words);
        assert_eq!(a.tags, b.tags);
    }

    // A margin no decision reaches keeps nothing.
    let strict = SelfTrain {
        min_margin: f32::INFINITY,
        ..st
    };
    assert_eq!(
        silver_sentences(tagger, &strict).expect("silver").0.len(),
        0
    );
}
