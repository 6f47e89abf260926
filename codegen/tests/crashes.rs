//! Inputs that once made generation panic (`../shared/crashes/`, found by
//! the fuzz target) now give the tree path's diagnostics and exit code,
//! with no panic on any thread, through the library and the CLI.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

static PANICS: AtomicUsize = AtomicUsize::new(0);

fn crashes() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/crashes");
    dir.is_dir().then_some(dir)
}

/// (file, exit code, text every run must print)
const EXPECTED: &[(&str, i32, &[&str])] = &[
    (
        "openapiv3-reference-1d2e3538.yaml",
        1,
        &["openapiv3-reference-1d2e3538.yaml:35:15: error: #: invalid YAML"],
    ),
    (
        "openapiv3-reference-56650c4e.yaml",
        1,
        &["openapiv3-reference-56650c4e.yaml:39:4: error: #: invalid YAML"],
    ),
    (
        "openapiv3-reference-ae2bf3ce.yaml",
        // `type: ntm-ber` is an error (strict schemas); the warnings come too.
        1,
        &[
            ":26:9: error: #/components/schemas/Order/properties/discount/type: unknown type \"ntm-ber\"",
            ":13:9: warning: #/paths/~1shelves~1{row}~1orders/put/requestBody/coNtent: `coNtent` is not a field of a request body and is ignored; did you mean `content`?",
            "warning: #/components/schemas/Order/properties/discount/minimum: the key `minimum` is given more than once",
            ":34:11: warning: #/components/schemas/Order/properties/lines/item$: `item$` is not a field of a schema and is ignored; did you mean `items`?",
        ],
    ),
];

#[test]
fn former_crashes_give_diagnostics_and_no_panic() {
    let Some(dir) = crashes() else {
        println!("skipped: ../shared/crashes is not beside the repository");
        return;
    };
    // A test may count panics on every thread; the library installs no hook.
    std::panic::set_hook(Box::new(|_| {
        PANICS.fetch_add(1, Ordering::SeqCst);
    }));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    let out = std::env::temp_dir().join(format!("codegen-crashes-{}", std::process::id()));
    for file in &files {
        let name = file.file_name().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(file).unwrap();
        let result = codegen::Config::new().generate_text(file, text);
        assert_eq!(
            PANICS.load(Ordering::SeqCst),
            0,
            "{name} panicked in the library"
        );
        let output = Command::new(env!("CARGO_BIN_EXE_codegen"))
            .arg("generate")
            .arg(file)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        let Some((_, code, texts)) = EXPECTED.iter().find(|(f, _, _)| *f == name) else {
            // A crash added later: it must at least end cleanly.
            assert!(
                matches!(output.status.code(), Some(0 | 1)),
                "{name}: {stderr}"
            );
            continue;
        };
        assert_eq!(output.status.code(), Some(*code), "{name}: {stderr}");
        assert_eq!(result.is_ok(), *code == 0, "{name}");
        for text in *texts {
            assert!(
                stderr.contains(text),
                "{name}: expected {text:?} in\n{stderr}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&out);
}
