//! Any bytes as a spec: generation must never panic, and whatever it
//! generates must parse as Rust, with `--lenient` or without.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let name = if text.trim_start().starts_with('{') { "fuzz.json" } else { "fuzz.yaml" };
    // Half the inputs (by length) with --lenient, whose readings of
    // invalid documents are paths of their own.
    let config = codegen::Config::new()
        .example_tests(true)
        .lenient(data.len() % 2 == 1);
    if let Ok(api) = config.generate_text(Path::new(name), text.to_string()) {
        assert!(syn::parse_file(&api.types).is_ok(), "types do not parse");
        assert!(syn::parse_file(&api.client).is_ok(), "client does not parse");
    }
});
