//! A crate from `codegen generate` carries what it needs: generated into
//! one folder, moved to another elsewhere, it builds, passes its own
//! `cargo test` (doc-tests included), is clippy- and rustdoc-clean with
//! warnings denied, and `cargo package` accepts it.
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

    // Its guide: a README, and crate docs whose quick start names this
    // crate (`cargo test` below compiles it).
    let file = |name: &str| {
        files
            .iter()
            .find(|(p, _)| p.as_path() == std::path::Path::new(name))
            .map(|(_, text)| text.clone())
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let lib = file("src/lib.rs");
    assert!(
        lib.contains("//! ```no_run") && lib.contains("//! use hostile_client::"),
        "{lib}"
    );
    assert!(file("README.md").contains("## Quick start"));

    // The workspace's versions, so the shared target directory is reused.
    std::fs::copy("Cargo.lock", moved.join("Cargo.lock")).unwrap();
    let target = target_dir();
    cargo(&moved, &target, &["build", "--quiet"], None);
    // Its own tests, the runtime's doc examples among them.
    cargo(&moved, &target, &["test", "--quiet"], None);
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

/// With tag features, each feature's own code is in its own files, which
/// rustc does not read when the feature is off: the crate builds, and is
/// clippy-clean, with every tag alone, with none and with all.
#[test]
fn each_tag_of_a_crate_builds_alone_from_its_own_files() {
    let scratch = std::env::temp_dir().join(format!("codegen-tags-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let dir = scratch.join("tagged-shop");
    let (files, _) = codegen::Config::new()
        .spec("tests/fixtures/tags.yaml")
        .crate_name("tagged-shop")
        .tag_features(true)
        // Decode-only answers (Order, Shipment) and an encoded request with
        // examples: their tests build, clippy-clean, with each feature.
        .example_tests(true)
        .standalone_crate(&dir)
        .unwrap_or_else(|e| panic!("{e}"));
    codegen::write::write_tree(&dir, &files).unwrap();
    let read = |path: &str| std::fs::read_to_string(dir.join(path)).unwrap();
    // Answers are decoded, never encoded: their examples are only decoded.
    let all: String = files
        .values()
        .flat_map(|text| text.split_whitespace())
        .collect();
    assert!(
        all.contains("decodes::<super::Order"),
        "no example test of Order"
    );
    assert!(
        all.contains("round_trip::<super::CreateOrderRequest"),
        "no example test of the request"
    );
    assert!(
        all.contains("round_trip::<super::CustomerRef"),
        "no example test of a field"
    );
    // A tag's own operations and types are in its files, and only there.
    let orders = read("src/client/tag_orders.rs");
    assert!(orders.contains("pub fn create_order("), "{orders}");
    assert!(orders.contains("pub enum ListOrdersError"), "{orders}");
    assert!(read("src/types/tag_customers.rs").contains("pub struct Customer {"));
    // Each tag has its trait, in its module, of the operations whose first
    // tag it is; the API's trait keeps the untagged ones.
    assert!(
        orders.contains("pub trait OrdersApi: Send + Sync {"),
        "{orders}"
    );
    assert!(orders.contains("impl OrdersApi for Client {"), "{orders}");
    let customers = read("src/client/tag_customers.rs");
    let customers_trait = &customers[customers
        .find("pub trait CustomersApi")
        .expect("a trait of the customers tag")..];
    // An operation with optional parameters: the caller's method returns
    // the call, and an implementation writes the one that sends it.
    assert!(
        customers_trait.contains("fn list_customer_orders<'a>("),
        "{customers}"
    );
    assert!(
        customers_trait.contains("fn send_list_customer_orders("),
        "{customers}"
    );
    assert!(read("src/types/webhooks.rs").contains("pub struct Shipment {"));
    assert!(read("src/client/webhooks.rs").contains("pub fn parse_order_shipped_webhook("));
    // What two tags share, and what no tag has, stays in the shared files.
    let types = read("src/types.rs");
    assert!(
        types.contains("#[cfg(any(feature = \"tag-customers\", feature = \"tag-orders\"))]\n#[derive(Debug, Clone, PartialEq, Eq)]\npub struct Order {"),
        "{types}"
    );
    assert!(!types.contains("pub struct Customer {"), "{types}");
    let client = read("src/client.rs");
    assert!(
        client.contains("pub fn list_customer_orders<'a>("),
        "{client}"
    );
    // Built for either tag, sent through the trait of its first when that
    // feature is on, by the client directly when only the other is.
    assert!(
        client.contains("#[cfg(not(feature = \"tag-customers\"))]\nimpl<'a> std::future::IntoFuture for ListCustomerOrdersCall<'a> {"),
        "{client}"
    );
    assert!(client.contains("pub fn health("), "{client}");
    let api_trait = &client[client
        .find("pub trait TagsApi: Send + Sync {")
        .expect("the API's trait")..];
    let api_trait = &api_trait[..api_trait.find("\n}\n").unwrap()];
    assert!(api_trait.contains("fn health<'a>("), "{api_trait}");
    assert!(api_trait.contains("fn send_health("), "{api_trait}");
    assert!(
        !api_trait.contains("fn list_customer_orders"),
        "{api_trait}"
    );
    assert!(!client.contains("pub fn create_order("), "{client}");
    assert!(
        client.contains("#[cfg(feature = \"tag-orders\")]\nmod tag_orders;"),
        "{client}"
    );

    std::fs::copy("Cargo.lock", dir.join("Cargo.lock")).unwrap();
    let target = target_dir();
    for features in [
        &["--no-default-features"][..],
        &["--no-default-features", "--features", "tag-orders"],
        &["--no-default-features", "--features", "tag-customers"],
        &["--no-default-features", "--features", "webhooks"],
        &[],
    ] {
        let mut args = vec!["clippy", "--quiet", "--all-targets"];
        args.extend(features);
        args.extend(["--", "-D", "warnings"]);
        cargo(&dir, &target, &args, None);
    }
    cargo(
        &dir,
        &target,
        &[
            "doc",
            "--quiet",
            "--no-deps",
            "--no-default-features",
            "--features",
            "tag-orders",
        ],
        Some("-D warnings"),
    );
    let _ = std::fs::remove_dir_all(&scratch);
}
