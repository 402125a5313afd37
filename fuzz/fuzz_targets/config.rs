//! Fuzzes `evidoc.toml` of the trials fixture: evidoc::harness checks the bad-input promises.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    evidoc::harness::fuzz_one(env!("CARGO_MANIFEST_DIR"), "evidoc.toml", data);
});
