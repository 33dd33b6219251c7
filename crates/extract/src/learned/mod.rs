//! Relations decided by a classifier trained on annotated articles (`isnad train relations`).
//!
//! Every pair of actors in a clause is a candidate ([`candidates`]). Three L2-regularized
//! logistic regressions read its features: whether the pair holds a relation, which of the
//! fourteen types in which direction, and whether it is negated. (An averaged perceptron fitted
//! the same features to 0.23 relation F1 on held-out folds against 0.28 for these: on a few
//! hundred articles it memorized their rare words.) A candidate's margin is the log-odds of a
//! relation plus the log-probability of its best type. A document's relation is kept when its
//! best candidate's margin passes the threshold chosen by cross-validation on the training
//! articles, and its confidence is that margin through a logistic curve fitted on the same
//! held-out folds, so 0.7 means right about 70% of the time.

pub(crate) mod candidates;
#[cfg(feature = "train")]
pub mod train;

use isnad_learn::codec::{Reader, Writer};
use isnad_learn::CodecError;

use crate::doc::Doc;
use crate::raw::{asserted_by, push, Attribution, RawRelation};
use crate::RelationType;
use candidates::{Candidate, Context, Feats};

const MAGIC: &[u8; 8] = b"ISNADREL";
/// Bumped whenever the features or the file layout change.
pub const FORMAT_VERSION: u32 = 5;

/// Classes: 0 is "no relation"; type `i` (in [`RelationType::ALL`] order) is `1 + 2i` from the
/// first mention to the second and `2 + 2i` from the second to the first.
pub(crate) const CLASSES: usize = 1 + 2 * RelationType::ALL.len();

/// The direction-aware class of a relation type.
#[cfg_attr(not(feature = "train"), allow(dead_code))]
pub(crate) fn class_of(kind: RelationType, forward: bool) -> usize {
    let i = RelationType::ALL
        .iter()
        .position(|&k| k == kind)
        .unwrap_or(0);
    1 + 2 * i + usize::from(!forward)
}

/// The type and direction (true: first → second) of a class other than 0.
pub(crate) fn kind_of(class: usize) -> Option<(RelationType, bool)> {
    let i = class.checked_sub(1)?;
    Some((*RelationType::ALL.get(i / 2)?, i % 2 == 0))
}

/// One linear classifier's quantized weights: `1 << bits` rows of `classes` weights.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    classes: usize,
    weights: Vec<i16>,
    /// Scale from quantized weights back to perceptron units.
    scale: f32,
}

impl Table {
    #[cfg_attr(not(feature = "train"), allow(dead_code))]
    pub(crate) fn new(classes: usize, averaged: &[f32]) -> Self {
        let (weights, scale) = isnad_learn::quantize(averaged);
        Self {
            classes,
            weights,
            scale,
        }
    }

    fn write(&self, w: &mut Writer) {
        w.u32(self.classes as u32);
        w.f32(self.scale);
        w.i16s(&self.weights);
    }

    fn read(r: &mut Reader, rows: usize) -> Result<Table, CodecError> {
        let classes = r.u32()? as usize;
        let scale = r.f32()?;
        let weights = r.i16s()?;
        if classes == 0 || classes > CLASSES || weights.len() != rows * classes {
            return Err(r.invalid("weight table size does not match the feature bits"));
        }
        Ok(Table {
            classes,
            weights,
            scale,
        })
    }

    /// Class scores into `out` (its first `classes` entries).
    fn scores(&self, rows: &[usize], out: &mut [f32; CLASSES]) {
        out.fill(0.0);
        let n = self.classes;
        for &r in rows {
            for (o, &x) in out.iter_mut().zip(&self.weights[r * n..(r + 1) * n]) {
                *o += x as f32;
            }
        }
        for o in &mut out[..n] {
            *o /= self.scale;
        }
    }
}

/// The trained relation classifier. The caller owns it (load it once, pass it to every
/// document); without one, extraction falls back to the hand rules.
#[derive(Debug, Clone)]
pub struct RelationModel {
    bits: u32,
    /// Whether the pair holds a relation (2 classes).
    detect: Table,
    /// Which type and direction, given that it holds one ([`CLASSES`]; 0 unused).
    kind: Table,
    /// Whether the relation is negated (2 classes).
    negation: Table,
    /// Minimum detection margin for a relation to be kept.
    pub threshold: f32,
    /// Minimum negation log-odds for a relation to be negated. Negated relations are a few
    /// percent of the annotation, so a regression rarely puts one past even odds: the cut is
    /// chosen on held-out folds like the detection threshold.
    pub negation_threshold: f32,
    /// Logistic calibration of the margin: `p = 1 / (1 + exp(-(a·margin + b)))`.
    pub calibration: (f32, f32),
}

/// What the model says about one candidate.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Decision {
    /// Detection margin (relation over none).
    pub margin: f32,
    /// The best type class (1..CLASSES).
    pub class: usize,
    /// The negation log-odds.
    pub negation: f32,
}

/// The classifier trained by `isnad train relations` (a static, so the bytes live once in the
/// binary).
static RELATIONS_BYTES: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../models/relations.bin"
));

impl RelationModel {
    /// The model embedded in the binary, loaded once on first use.
    ///
    /// # Panics
    ///
    /// Panics if the embedded model is corrupt or of another format version, which is a build
    /// error (the crate's tests catch it).
    pub fn global() -> &'static RelationModel {
        static GLOBAL: std::sync::OnceLock<RelationModel> = std::sync::OnceLock::new();
        GLOBAL.get_or_init(|| {
            RelationModel::from_bytes(RELATIONS_BYTES).expect(
                "embedded relation model is valid (rebuild it with `isnad train relations`)",
            )
        })
    }

    #[cfg_attr(not(feature = "train"), allow(dead_code))]
    pub(crate) fn new(bits: u32, detect: Table, kind: Table, negation: Table) -> Self {
        Self {
            bits,
            detect,
            kind,
            negation,
            threshold: 0.0,
            negation_threshold: 0.0,
            calibration: (1.0, 0.0),
        }
    }

    /// Serializes the model with the shared codec.
    pub fn to_bytes(&self) -> Result<Vec<u8>, CodecError> {
        let mut w = Writer::default();
        w.u32(self.bits);
        w.f32(self.threshold);
        w.f32(self.negation_threshold);
        w.f32(self.calibration.0);
        w.f32(self.calibration.1);
        for t in [&self.detect, &self.kind, &self.negation] {
            t.write(&mut w);
        }
        w.finish(MAGIC, FORMAT_VERSION)
    }

    /// Reads a model written by [`RelationModel::to_bytes`]; a truncated, corrupt or
    /// mismatched file is an error, never a panic.
    pub fn from_bytes(bytes: &[u8]) -> Result<RelationModel, CodecError> {
        let mut r = Reader::open(bytes, MAGIC, FORMAT_VERSION, "relation model")?;
        let bits = r.u32()?;
        if !(8..=24).contains(&bits) {
            return Err(r.invalid(format!("feature bits {bits} out of range")));
        }
        let threshold = r.f32()?;
        let negation_threshold = r.f32()?;
        let calibration = (r.f32()?, r.f32()?);
        let rows = 1usize << bits;
        let detect = Table::read(&mut r, rows)?;
        let kind = Table::read(&mut r, rows)?;
        let negation = Table::read(&mut r, rows)?;
        if detect.classes != 2 || kind.classes != CLASSES || negation.classes != 2 {
            return Err(r.invalid("unexpected class counts"));
        }
        Ok(RelationModel {
            bits,
            detect,
            kind,
            negation,
            threshold,
            negation_threshold,
            calibration,
        })
    }

    /// The model's reading of one candidate's features.
    pub(crate) fn decide(&self, rows: &[usize]) -> Decision {
        let mut s = [0f32; CLASSES];
        self.detect.scores(rows, &mut s);
        let margin = s[1] - s[0];
        self.negation.scores(rows, &mut s);
        let negation = s[1] - s[0];
        self.kind.scores(rows, &mut s);
        let class = (1..CLASSES).fold(1, |b, i| if s[i] > s[b] { i } else { b });
        // The log-odds of "a relation" plus the log-probability of its best type: a pair whose
        // type the model hesitates over is less likely to be right as a typed relation.
        let z: f32 = s[1..].iter().map(|x| (x - s[class]).exp()).sum();
        let margin = margin - z.ln();
        Decision {
            margin,
            class,
            negation,
        }
    }

    /// The calibrated probability that a relation with this margin is right.
    pub fn confidence(&self, margin: f32) -> f32 {
        let (a, b) = self.calibration;
        1.0 / (1.0 + (-(a * margin + b)).exp())
    }
}

/// The relations the model finds in the document.
pub(crate) fn find(
    model: &RelationModel,
    ctx: &Context<'_>,
    clauses: &[(usize, usize)],
    attribution: &[Vec<Attribution>],
) -> Vec<RawRelation> {
    let mut out = Vec::new();
    let mut f = Feats::new(model.bits);
    for c in candidates::candidates(ctx.doc, clauses) {
        f.rows.clear();
        ctx.features(&c, &mut f);
        let d = model.decide(&f.rows);
        if d.margin <= model.threshold {
            continue;
        }
        let Some((kind, forward)) = kind_of(d.class) else {
            continue;
        };
        push(
            &mut out,
            relation(
                ctx.doc,
                &c,
                (kind, forward),
                model.confidence(d.margin),
                d.negation > model.negation_threshold,
                attribution.get(c.index).map_or(&[], Vec::as_slice),
            ),
        );
    }
    out
}

fn relation(
    doc: &Doc<'_>,
    c: &Candidate,
    (kind, forward): (RelationType, bool),
    confidence: f32,
    negated: bool,
    attribution: &[Attribution],
) -> RawRelation {
    let (subject, object) = if forward {
        (c.first.actor, c.second.actor)
    } else {
        (c.second.actor, c.first.actor)
    };
    let (start, end) = evidence(doc, c);
    // An actor does not vouch for its own speech act; a denial is the speaker's own.
    let asserted_by = asserted_by(attribution, start, end)
        .filter(|&a| a != subject || kind == RelationType::Denies);
    RawRelation {
        subject,
        kind,
        object,
        negated,
        asserted_by,
        start,
        end,
        confidence,
    }
}

/// The evidence of a candidate: its clause, without the leading and trailing blanks.
fn evidence(doc: &Doc<'_>, c: &Candidate) -> (usize, usize) {
    let (mut s, mut e) = c.clause;
    e = e.min(doc.chars.len());
    while s < e && doc.chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && doc.chars[e - 1].is_whitespace() {
        e -= 1;
    }
    (s, e)
}
