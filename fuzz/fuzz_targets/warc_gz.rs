//! See `isnad_fuzz::TARGETS` for what target `warc_gz` checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| isnad_fuzz::warc_gz(data));
