//! A crate from `codegen generate` carries what it needs: generated into
//! one folder, moved to another elsewhere, it builds, is clippy- and
//! rustdoc-clean with warnings denied, and `cargo package` accepts it.
//! The fixture is the hostile one: its docs try every way out of a comment.

use std::path::{Path, PathBuf};
use std::process::Command;

fn cargo(dir: &Path, target: &Path, args: &[&str], rustdocflags: Option<&str>) {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    match rustdocflags {
        Some(flags) => command.env("RUSTDOCFLAGS", flags),
        None => command.env_remove("RUSTDOCFLAGS"),
    };
    let output = command.output().expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo {} failed in {}:\n{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A target directory of its own inside this build's, reused across runs.
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test knows where it is");
    // target/<profile>/deps/<test>
    let target = exe.ancestors().nth(3).expect("inside a target directory");
    target.join("standalone-crates")
}

#[test]
fn a_generated_crate_builds_and_packages_after_it_is_moved() {
    let scratch = std::env::temp_dir().join(format!("codegen-standalone-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let first = scratch.join("generated-here/hostile-client");
    let (files, _) = codegen::Config::new()
        .spec("tests/fixtures/hostile.yaml")
        .crate_name("hostile-client")
        .standalone_crate(&first)
        .unwrap_or_else(|e| panic!("{e}"));
    codegen::write::write_tree(&first, &files).unwrap();

    let moved = scratch.join("somewhere/else/hostile-client");
    std::fs::create_dir_all(moved.parent().unwrap()).unwrap();
    std::fs::rename(&first, &moved).unwrap();
    std::fs::remove_dir_all(scratch.join("generated-here")).unwrap();

    let manifest = std::fs::read_to_string(moved.join("Cargo.toml")).unwrap();
    assert!(!manifest.contains("path ="), "{manifest}");
    assert!(!manifest.contains("codegen-runtime"), "{manifest}");
    assert!(moved.join("src/runtime/mod.rs").is_file());
    let workspace = std::env::current_dir().unwrap();
    for (path, text) in &files {
        assert!(
            !text.contains(&*workspace.to_string_lossy()),
            "{} names the generator's source tree",
            path.display()
        );
    }

    // The workspace's versions, so the shared target directory is reused.
    std::fs::copy("Cargo.lock", moved.join("Cargo.lock")).unwrap();
    let target = target_dir();
    cargo(&moved, &target, &["build", "--quiet"], None);
    cargo(
        &moved,
        &target,
        &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"],
        None,
    );
    cargo(
        &moved,
        &target,
        &["doc", "--quiet", "--no-deps"],
        Some("-D warnings"),
    );
    cargo(
        &moved,
        &target,
        &["package", "--quiet", "--no-verify"],
        None,
    );
    let _ = std::fs::remove_dir_all(&scratch);
}
