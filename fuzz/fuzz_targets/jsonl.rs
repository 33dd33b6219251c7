//! See `isnad_fuzz::TARGETS` for what target `jsonl` checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| isnad_fuzz::jsonl(data));
