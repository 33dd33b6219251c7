//! The training-corpus readers: CoNLL-U (syntax), compact PADT (morphology), and the NER
//! formats (CoNLL token/tag, WikiFANE, Wojood).

use crate::scratch_file;

/// Target `conll`: the first byte chooses the reader, the rest is the file.
pub fn conll(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    match which % 6 {
        0 => conllu(rest, isnad_syntax::conllu::Flavour::PadtV1),
        1 => conllu(rest, isnad_syntax::conllu::Flavour::UdV2),
        2 => padt(rest),
        n => ner(rest, n),
    }
}

/// CoNLL-U as `isnad train parser` reads it; every head points inside its sentence.
fn conllu(data: &[u8], flavour: isnad_syntax::conllu::Flavour) {
    let path = scratch_file("conllu", data);
    let Ok(sentences) = isnad_syntax::conllu::read(&path, flavour) else {
        return;
    };
    for s in &sentences {
        let _ = s.text();
        let heads = s.heads();
        assert_eq!(heads.len(), s.words.len() + 1);
    }
}

/// The compact PADT files of the morphology trainer, read and scored by the embedded model.
fn padt(data: &[u8]) {
    let path = scratch_file("txt", data);
    if let Ok(eval) = isnad_morph::eval_segmenter(isnad_morph::Morphology::global(), &path) {
        let _ = format!("{eval:?}");
    }
}

/// The NER corpora: one tag per word, no empty word or sentence.
fn ner(data: &[u8], which: u8) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let sentences = match which {
        3 => isnad_ner::parse_conll(text),
        4 => isnad_ner::parse_wikifane(text),
        _ => isnad_ner::parse_wojood(text),
    };
    for s in &sentences {
        assert_eq!(s.words.len(), s.tags.len(), "one tag per word");
        assert!(!s.words.is_empty(), "an empty sentence");
    }
}
