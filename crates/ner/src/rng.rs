//! NER's seeded generator is [`isnad_learn::SplitMix64`], under the name the crate's training
//! code uses; the committed NER models and clusters were drawn from it.

#[cfg(feature = "train")]
pub(crate) use isnad_learn::SplitMix64 as Rng;
