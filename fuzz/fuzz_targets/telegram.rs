//! See `isnad_fuzz::TARGETS` for what target `telegram` checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| isnad_fuzz::telegram(data));
