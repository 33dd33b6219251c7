//! Domain-augmented training: a corpus with other annotation habits is trained as its own domain, and
//! the model folded for each domain keeps that domain's convention.
//!
//! ANERcorp tags currency words («دولار») as MISC. The extra corpus below, written for this test in
//! WikiFANE's layout, leaves them untagged, as WikiFANE does. The news model must keep ANERcorp's
//! habit and the Wikipedia model must take the other one.

use std::path::Path;

use isnad_ner::{BioTag, NerLabel, NerTagger, TrainOptions};

/// ANERcorp train (CAMeL split) in `../shared`; absent on a fresh clone (skip), required in CI.
const TRAIN: &str = "data/anercorp/ANERCorp_CamelLab_train.txt";

/// Sentences of the extra (Wikipedia-domain) corpus: tokens, and the fine class of each (`-` = O).
const WIKI_SENTENCES: [&[(&str, &str)]; 4] = [
    &[
        ("بلغت", "-"),
        ("كلفة", "-"),
        ("المشروع", "-"),
        ("مليون", "-"),
        ("دولار", "-"),
        ("في", "-"),
        ("عمان", "Population-Center"),
    ],
    &[
        ("دفع", "-"),
        ("سمير", "Politician"),
        ("الخطيب", "Politician"),
        ("ألف", "-"),
        ("دولار", "-"),
        ("ثمنا", "-"),
        ("للأرض", "-"),
    ],
    &[
        ("ارتفع", "-"),
        ("سعر", "-"),
        ("الدولار", "-"),
        ("أمام", "-"),
        ("الجنيه", "-"),
        ("في", "-"),
        ("القاهرة", "Population-Center"),
    ],
    &[
        ("خصصت", "-"),
        ("وزارة", "Government"),
        ("المالية", "Government"),
        ("ثلاثة", "-"),
        ("ملايين", "-"),
        ("دولار", "-"),
        ("للمدارس", "-"),
    ],
];

fn wikifane_file(dir: &Path) -> std::path::PathBuf {
    let mut out = String::new();
    for _ in 0..15 {
        for s in WIKI_SENTENCES {
            let mut prev = "-";
            for (w, class) in s {
                let tag = match *class {
                    "-" => "O".to_string(),
                    c if c == prev => format!("I-{c}"),
                    c => format!("B-{c}"),
                };
                prev = class;
                out.push_str(&format!("\u{200E}{w}\t{tag}\n"));
            }
            out.push_str("\t\n");
        }
    }
    let path = dir.join("wiki.txt");
    std::fs::write(&path, out).expect("write wiki corpus");
    path
}

fn anercorp_slice(train: &Path, dir: &Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(train).expect("read train");
    let all = isnad_ner::parse_conll(&text);
    let mut out = String::new();
    for s in &all[..800] {
        for (w, t) in s.words.iter().zip(&s.tags) {
            let t = t.to_string().replace("PER", "PERS");
            out.push_str(&format!("{w} {t}\n"));
        }
        out.push('\n');
    }
    let path = dir.join("slice.txt");
    std::fs::write(&path, out).expect("write slice");
    path
}

#[test]
fn each_domain_keeps_its_own_convention() {
    let Some(train) = isnad_testkit::shared(TRAIN) else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let news = dir.path().join("news.bin.zst");
    let wiki = dir.path().join("wiki.bin.zst");
    let opts = TrainOptions {
        epochs: 4,
        stacked: false,
        refit: false,
        extra_train: vec![wikifane_file(dir.path())],
        wiki_out: Some(wiki.clone()),
        ..TrainOptions::default()
    };
    isnad_ner::train(&anercorp_slice(&train, dir.path()), None, &opts, &news).expect("train");
    let news = NerTagger::from_file(&news).expect("news model");
    let wiki = NerTagger::from_file(&wiki).expect("wiki model");

    let words = ["دفعت", "الشركة", "خمسة", "ملايين", "دولار", "للعمال"];
    let dollar = |tagger: &NerTagger| tagger.tag_words(&words)[4];
    assert_eq!(
        dollar(&news),
        BioTag::B(NerLabel::Misc),
        "news keeps ANERcorp's MISC"
    );
    assert_eq!(dollar(&wiki), BioTag::O, "wiki takes the extra corpus's O");
}
