//! Named-entity recognition: a learned PER/ORG/LOC/MISC tagger over segmented Arabic text.
