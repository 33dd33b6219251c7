//! Training data as the learner sees it: sentences as token infos, their gold tag indices and
//! their corpus domains. Shared by the trainer (`train.rs`), the learner (`learner.rs`) and the
//! neural probe, so that none of them depends on another for it.

use crate::features::TokInfo;
use crate::model::Model;

/// Corpus domains. With extra corpora each feature is learned twice, once shared and once for its
/// sentence's domain (Daumé 2007, "frustratingly easy" adaptation): Wikipedia and Wojood text add
/// evidence to the shared weights without overriding ANERcorp's annotation habits, and a model is
/// folded out per domain (shared + that domain's weights), so decoding costs no more than before.
pub(crate) const NEWS: usize = 0;
pub(crate) const WIKI: usize = 1;
pub(crate) const WOJOOD: usize = 2;
/// Self-training sentences (see `silver.rs`).
pub(crate) const SILVER: usize = 3;
pub(crate) const DOMAINS: usize = 4;

/// Sentences with their gold tags and domains.
#[derive(Clone, Default)]
pub(crate) struct Set {
    pub(crate) infos: Vec<Vec<TokInfo>>,
    pub(crate) gold: Vec<Vec<usize>>,
    pub(crate) domains: Vec<usize>,
}

impl Set {
    pub(crate) fn len(&self) -> usize {
        self.infos.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.infos.is_empty()
    }

    pub(crate) fn append(&mut self, other: &Set) {
        self.infos.extend(other.infos.iter().cloned());
        self.gold.extend(other.gold.iter().cloned());
        self.domains.extend(&other.domains);
    }

    /// Every sentence outside `lo..hi`.
    pub(crate) fn without(&self, lo: usize, hi: usize) -> Set {
        let pick = |v: &[Vec<usize>]| v[..lo].iter().chain(&v[hi..]).cloned().collect();
        Set {
            infos: self.infos[..lo]
                .iter()
                .chain(&self.infos[hi..])
                .cloned()
                .collect(),
            gold: pick(&self.gold),
            domains: self.domains[..lo]
                .iter()
                .chain(&self.domains[hi..])
                .copied()
                .collect(),
        }
    }

    /// Tags every sentence with the model of its domain.
    pub(crate) fn tag_with(&self, models: &[Model]) -> Vec<Vec<usize>> {
        self.infos
            .iter()
            .zip(&self.domains)
            .map(|(s, &d)| models[d].tag_infos(s).0)
            .collect()
    }

    /// The same sentences with first-pass evidence added for the stacked pass.
    pub(crate) fn stacked(&self, pass1: &[Vec<usize>]) -> Set {
        let mut out = self.clone();
        crate::stack::apply(&mut out.infos, pass1);
        out
    }
}
