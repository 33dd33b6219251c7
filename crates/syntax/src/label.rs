//! Dependency labels: the UD v1 → v2 map applied to PADT v1 at training time.
//!
//! The parser's label inventory is whatever the (mapped) training data holds; the model stores
//! the label names, so a label is a small index into that list.

/// Maps a UD v1 relation to its UD v2 name. `head_upos` is the (v2) UPOS of the word's head:
/// v2 split v1 `nmod` into `nmod` (under nominals) and `obl` (under predicates).
pub fn v1_to_v2(label: &str, head_upos: Option<&str>) -> String {
    let out = match label {
        "dobj" => "obj",
        "nsubjpass" => "nsubj:pass",
        "csubjpass" => "csubj:pass",
        "auxpass" => "aux:pass",
        "mwe" => "fixed",
        "name" => "flat",
        "foreign" => "flat:foreign",
        "neg" => "advmod",
        "remnant" => "orphan",
        "nmod" if matches!(head_upos, Some("VERB" | "AUX" | "ADJ" | "ADV")) => "obl",
        other => other,
    };
    out.to_string()
}

/// Maps a UD v1 UPOS to v2: `CONJ` became `CCONJ`, except subordinators (PADT v1 tags «أن»,
/// «إن» `CONJ` with relation `mark`), which v2 tags `SCONJ`.
pub fn upos_v1_to_v2(upos: &str, label: &str) -> String {
    match upos {
        "CONJ" if label == "mark" => "SCONJ".into(),
        "CONJ" => "CCONJ".into(),
        other => other.into(),
    }
}

/// The universal part of a relation (`nsubj:pass` → `nsubj`): what CoNLL 2018 LAS compares.
pub fn universal(label: &str) -> &str {
    label.split(':').next().unwrap_or(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_v1_labels() {
        assert_eq!(v1_to_v2("dobj", Some("VERB")), "obj");
        assert_eq!(v1_to_v2("nsubjpass", None), "nsubj:pass");
        assert_eq!(v1_to_v2("neg", None), "advmod");
        assert_eq!(v1_to_v2("nmod", Some("VERB")), "obl");
        assert_eq!(v1_to_v2("nmod", Some("NOUN")), "nmod");
        assert_eq!(v1_to_v2("nmod", None), "nmod");
        assert_eq!(v1_to_v2("amod", Some("NOUN")), "amod");
        assert_eq!(upos_v1_to_v2("CONJ", "cc"), "CCONJ");
        assert_eq!(upos_v1_to_v2("CONJ", "mark"), "SCONJ");
        assert_eq!(upos_v1_to_v2("NOUN", "nsubj"), "NOUN");
        assert_eq!(universal("nsubj:pass"), "nsubj");
        assert_eq!(universal("obj"), "obj");
    }
}
