//! The learned speaker ranker on an article written for it: a minister named once, then
//! quoted through a title («الوزير») and continuation cues («وأضاف», «وتابع»), then an
//! organization quoted twice. The actors are given (extraction alone is measured), the
//! morphology and the speaker model are the embedded ones.

use isnad_doc::AnalyzedText;
use isnad_extract::{extract, Actor, ActorKind, ExtractModels, SpeakerModel};

fn spans(text: &str, needle: &str) -> Vec<(usize, usize)> {
    let n = needle.chars().count();
    text.match_indices(needle)
        .map(|(b, _)| text[..b].chars().count())
        .map(|s| (s, s + n))
        .collect()
}

#[test]
fn continuing_speakers_and_a_title_go_back_to_the_person_named_once() {
    let text = include_str!("articles/speakers.txt");
    let actors = vec![
        Actor {
            id: "mansouri".into(),
            kind: ActorKind::Per,
            name: "خالد المنصوري".into(),
            mentions: spans(text, "خالد المنصوري"),
        },
        Actor {
            id: "union".into(),
            kind: ActorKind::Org,
            name: "نقابة المزارعين".into(),
            mentions: spans(text, "نقابة المزارعين")
                .into_iter()
                .chain(spans(text, "النقابة"))
                .collect(),
        },
    ];
    let analyzed = AnalyzedText::new(text, isnad_morph::Morphology::global());
    let model = SpeakerModel::global().expect("a speaker model is embedded");
    let models = ExtractModels {
        speakers: Some(model),
        ..ExtractModels::default()
    };
    let x = extract(&analyzed, None, &actors, Some("2024-03-10"), models);
    let got: Vec<(&str, Option<&str>)> = x
        .quotes
        .iter()
        .map(|q| (q.text.as_str(), q.speaker.as_deref()))
        .collect();
    let expected = [
        ("سنوفر البذور", "mansouri"),
        ("لن نترك", "mansouri"),
        ("ستراقب أسعار", "mansouri"),
        ("هذه الخطوة", "union"),
        ("نأمل أن تصل", "union"),
    ];
    assert_eq!(got.len(), expected.len(), "{got:?}");
    for ((text, speaker), (start, want)) in got.iter().zip(expected) {
        assert!(text.starts_with(start), "{text}");
        assert_eq!(*speaker, Some(want), "{text}");
    }
}
