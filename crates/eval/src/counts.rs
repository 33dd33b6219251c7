//! Counts summed over documents, and the figures computed from them.

use serde::Serialize;

/// The raw counts of one document or of a set of documents (the scorer's `counts`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[allow(missing_docs)]
pub struct Counts {
    pub ent_pred: usize,
    pub ent_pred_ok: usize,
    pub ent_gold: usize,
    pub ent_gold_found: usize,
    pub ent_gold_found_typed: usize,
    pub rel_pred: usize,
    pub rel_gold: usize,
    pub rel_ok: usize,
    pub relattr_gold: usize,
    pub relattr_ok: usize,
    pub pair_pred: usize,
    pub pair_gold: usize,
    pub pair_ok: usize,
    pub quote_pred: usize,
    pub quote_gold: usize,
    pub quote_ok: usize,
    pub speaker_gold: usize,
    pub speaker_ok: usize,
    pub attr_gold: usize,
    pub attr_pred: usize,
    pub date_pred: usize,
    pub date_gold: usize,
    pub date_ok: usize,
}

impl Counts {
    /// Adds another document's counts.
    pub fn add(&mut self, o: &Counts) {
        macro_rules! sum {
            ($($f:ident),*) => { $(self.$f += o.$f;)* };
        }
        sum!(
            ent_pred,
            ent_pred_ok,
            ent_gold,
            ent_gold_found,
            ent_gold_found_typed,
            rel_pred,
            rel_gold,
            rel_ok,
            relattr_gold,
            relattr_ok,
            pair_pred,
            pair_gold,
            pair_ok,
            quote_pred,
            quote_gold,
            quote_ok,
            speaker_gold,
            speaker_ok,
            attr_gold,
            attr_pred,
            date_pred,
            date_gold,
            date_ok
        );
    }
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f1: f64,
}

impl Prf {
    /// The scorer's `prf(tp_p, n_p, tp_r, n_r)`: zero when a denominator is zero.
    pub fn new(tp_p: usize, n_p: usize, tp_r: usize, n_r: usize) -> Prf {
        let (p, r, f1) = isnad_learn::prf(tp_p, n_p, tp_r, n_r);
        Prf { p, r, f1 }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b > 0 {
        a as f64 / b as f64
    } else {
        0.0
    }
}

/// Every figure `score.py extract` prints.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Entity clusters.
    pub entity: Prf,
    /// Gold entities found with the right type.
    pub entity_typed_recall: f64,
    /// (subject, type, object, negated) relations.
    pub relation: Prf,
    /// Related pairs, type ignored.
    pub relation_pair: Prf,
    /// Quote spans.
    pub quote: Prf,
    /// Matched quotes whose speaker is right, over those with a known gold speaker.
    pub quote_speaker_accuracy: f64,
    /// Speakers: right over predicted, right over gold.
    pub attribution: Prf,
    /// Date spans.
    pub date: Prf,
    /// Matched relations whose `asserted_by` is right.
    pub relation_asserted_by_accuracy: f64,
    /// The counts they come from.
    pub counts: Counts,
}

impl Scores {
    /// The figures of summed counts.
    pub fn from_counts(t: &Counts) -> Scores {
        Scores {
            entity: Prf::new(t.ent_pred_ok, t.ent_pred, t.ent_gold_found, t.ent_gold),
            entity_typed_recall: ratio(t.ent_gold_found_typed, t.ent_gold),
            relation: Prf::new(t.rel_ok, t.rel_pred, t.rel_ok, t.rel_gold),
            relation_pair: Prf::new(t.pair_ok, t.pair_pred, t.pair_ok, t.pair_gold),
            quote: Prf::new(t.quote_ok, t.quote_pred, t.quote_ok, t.quote_gold),
            quote_speaker_accuracy: ratio(t.speaker_ok, t.speaker_gold),
            attribution: Prf::new(t.speaker_ok, t.attr_pred, t.speaker_ok, t.attr_gold),
            date: Prf::new(t.date_ok, t.date_pred, t.date_ok, t.date_gold),
            relation_asserted_by_accuracy: ratio(t.relattr_ok, t.relattr_gold),
            counts: t.clone(),
        }
    }

    /// The report `score.py extract` prints, line for line (without its `docs N` line).
    pub fn render(&self) -> String {
        let mut out = String::new();
        for (name, v) in [
            ("entity", self.entity),
            ("relation", self.relation),
            ("relation_pair", self.relation_pair),
            ("quote", self.quote),
            ("attribution", self.attribution),
            ("date", self.date),
        ] {
            out.push_str(&format!(
                "{name:14} P {:.3}  R {:.3}  F1 {:.3}\n",
                v.p, v.r, v.f1
            ));
        }
        out.push_str(&format!(
            "entity typed recall {:.3}; quote speaker accuracy {:.3}; asserted_by accuracy on matched relations {:.3}\n",
            self.entity_typed_recall, self.quote_speaker_accuracy, self.relation_asserted_by_accuracy
        ));
        out
    }
}
