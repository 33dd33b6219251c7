//! Integration tests of the `isnad` binary, one module per area (ripgrep's layout).

mod util;

mod analyze;
mod corpus;
mod eval;
mod export;
mod faults;
mod formats;
mod fuzz_corpus;
mod hardening;
mod input;
mod kb;
mod team;
