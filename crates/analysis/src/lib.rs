//! The analysis pipeline and the `isnad.analysis/1` contract that `isnad analyze` prints.
