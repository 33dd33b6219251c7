//! See `isnad_fuzz::TARGETS` for what target `conll` checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| isnad_fuzz::conll(data));
