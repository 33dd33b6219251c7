//! See `isnad_fuzz::TARGETS` for what target `warc` checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| isnad_fuzz::warc(data));
