//! `codegen diff` from the outside: two published versions of a real API
//! (Adyen's Transfers API 3 and 4, `tests/diff/`), checked against what a
//! careful reading of the two documents finds; the JSON format; the exit
//! code for CI; a document against its committed version; and the report
//! a bare `codegen` prints when it regenerates a repository's bindings.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TempDir, codegen, stderr};
use serde_json::Value;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/diff")
        .join(name)
        .display()
        .to_string()
}

fn json_report(args: &[&str]) -> Value {
    let out = codegen(args);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("the report is JSON")
}

/// `(impact, item)` of every change, and the whole change by item.
fn items(report: &Value) -> Vec<(String, String, String)> {
    report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            let text = |k: &str| c[k].as_str().unwrap_or_default().to_string();
            (text("impact"), text("item"), text("change"))
        })
        .collect()
}

#[test]
fn adyen_transfers_3_to_4_reports_what_a_reader_of_the_two_documents_finds() {
    let (v3, v4) = (
        fixture("adyen-transfer-v3.json"),
        fixture("adyen-transfer-v4.json"),
    );
    let report = json_report(&[
        "diff",
        &v3,
        &v4,
        "--format",
        "json",
        "--crate-version",
        "1.2.0",
    ]);
    assert_eq!(report["bump"], "major");
    assert_eq!(report["next_version"], "2.0.0");
    let changes = items(&report);
    let find = |impact: &str, item: &str| {
        changes
            .iter()
            .find(|(i, name, _)| i == impact && name == item)
            .map(|(_, _, what)| what.clone())
            .unwrap_or_else(|| panic!("no {impact} change of {item} in {changes:#?}"))
    };
    // Removed properties of Transaction and Transfer.
    for field in [
        "account_holder_id",
        "balance_account_id",
        "category",
        "counterparty",
        "created_at",
        "description",
        "event_id",
        "instructed_amount",
        "payment_instrument_id",
        "reference",
        "reference_for_beneficiary",
        "transfer_id",
        "type",
    ] {
        let item = format!("types::Transaction::{}", field.replace("type", "r#type"));
        assert_eq!(find("breaking", &item), "field removed", "{item}");
    }
    for field in ["balance_account_id", "payment_instrument_id", "priority"] {
        assert_eq!(
            find("breaking", &format!("types::Transfer::{field}")),
            "field removed"
        );
    }
    // What is new.
    assert!(find("additive", "types::Transfer::category_data").starts_with("new optional field"));
    assert!(find("additive", "types::Transaction::transfer").starts_with("new optional field"));
    for field in ["account_holder", "balance_account"] {
        // Answers carry Transaction; no user builds one: a new field of it
        // breaks nothing.
        let what = find("additive", &format!("types::Transaction::{field}"));
        assert!(what.starts_with("new field"), "{what}");
    }
    for ty in [
        "BankCategoryData",
        "InternalCategoryData",
        "IssuedCard",
        "PlatformPayment",
        "RelayedAuthorisationData",
        "TransferData",
        "TransferNotificationValidationFact",
    ] {
        find("additive", &format!("types::{ty}"));
    }
    // Requests go to the v4 endpoint: the same server constructor sends
    // them elsewhere.
    assert_eq!(
        find("breaking", "Client::server_1"),
        "sends requests to https://balanceplatform-api-test.adyen.com/btl/v4 (was https://balanceplatform-api-test.adyen.com/btl/v3)"
    );
    // The inline enum of `Transfer.priority` went with the field; the same
    // enum elsewhere is now named after its first user in v4.
    assert_eq!(
        find("breaking", "types::TransferPriority"),
        "renamed to `types::BankCategoryDataPriority` (the same shape)"
    );
    // No path or operation changed; the API trait, named after the file,
    // is not a change of the API.
    assert!(
        !changes
            .iter()
            .any(|(_, item, _)| item.starts_with("Client::") && item != "Client::server_1"),
        "{changes:#?}"
    );
    assert!(
        !changes.iter().any(|(_, item, _)| item.ends_with("Api")),
        "{changes:#?}"
    );
    // Each change is placed in a document, with a line.
    for c in report["changes"].as_array().unwrap() {
        let file = c["file"].as_str().unwrap();
        assert!(
            file.ends_with("adyen-transfer-v3.json") || file.ends_with("adyen-transfer-v4.json"),
            "{c}"
        );
        assert!(c["line"].as_u64().is_some(), "{c}");
    }
    let removed = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["item"] == "types::Transfer::priority")
        .unwrap();
    assert!(
        removed["file"].as_str().unwrap().ends_with("v3.json"),
        "{removed}"
    );
    assert_eq!(removed["document"], "old");
}

#[test]
fn the_text_report_and_the_exit_code_for_ci() {
    let (v3, v4) = (
        fixture("adyen-transfer-v3.json"),
        fixture("adyen-transfer-v4.json"),
    );
    let out = codegen(&["diff", &v3, &v4]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let first = text.lines().next().unwrap();
    assert!(first.ends_with("needs a major release"), "{first}");
    assert!(
        text.lines().any(|l| l
            .trim_start()
            .starts_with("breaking  types::Transfer::priority: field removed (")
            && l.contains("adyen-transfer-v3.json:")),
        "{text}"
    );
    let out = codegen(&["diff", &v3, &v4, "--fail-on-breaking"]);
    assert_eq!(out.status.code(), Some(1));
    let out = codegen(&["diff", &v3, &v3, "--fail-on-breaking"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("no change to the generated API"));
}

const SPEC: &str = "openapi: 3.0.3
info: {title: Shop, version: '1'}
paths:
  /orders/{id}:
    get:
      operationId: getOrder
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Order'}
components:
  schemas:
    Order:
      type: object
      properties:
        id: {type: string}
";

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

/// A repository laid out as this one is (`specs/`, `generated/`,
/// `runtime/`), its spec committed.
fn repository(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    dir.write("specs/shop.yaml", SPEC);
    dir.write("runtime/.keep", "");
    std::fs::create_dir_all(dir.0.join("generated")).unwrap();
    git(&dir.0, &["init", "-q"]);
    git(&dir.0, &["add", "."]);
    git(&dir.0, &["commit", "-q", "-m", "spec"]);
    dir
}

#[test]
fn one_document_is_compared_with_its_committed_version() {
    let dir = repository("diff-head");
    let spec = dir.path("specs/shop.yaml");
    dir.write(
        "specs/shop.yaml",
        &SPEC.replace(
            "id: {type: string}\n",
            "id: {type: string}\n        total: {type: number}\n",
        ),
    );
    let report = json_report(&["diff", &spec, "--format", "json"]);
    // A float field: the struct loses `Eq`, which users' code may rely on
    // (`assert_eq!` on an `Eq` bound). Structs never derive `Hash`.
    let changes: Vec<String> = items(&report)
        .into_iter()
        .map(|(impact, item, what)| format!("{impact} {item}: {what}"))
        .collect();
    assert_eq!(
        changes,
        [
            "breaking types::Order: no longer has Eq",
            "additive types::Order::total: new optional field: `Option<f64>`",
        ]
    );
    let old = PathBuf::from(report["changes"][0]["file"].as_str().unwrap());
    assert!(!old.as_os_str().is_empty());
    // Outside a repository there is no committed version: said plainly.
    let alone = TempDir::new("diff-alone");
    let out = codegen(&["diff", &alone.write("shop.yaml", SPEC)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no committed version of"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn regenerating_the_bindings_prints_what_changed_for_users() {
    let dir = repository("diff-regenerate");
    let regenerate = || {
        Command::new(env!("CARGO_BIN_EXE_codegen"))
            .current_dir(&dir.0)
            // Not this repository: the one the command runs in.
            .env_remove("CARGO_MANIFEST_DIR")
            .output()
            .expect("codegen runs")
    };
    let out = regenerate();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("specs/shop.yaml:"),
        "{}",
        stderr(&out)
    );
    dir.write(
        "specs/shop.yaml",
        &SPEC.replace(
            "      type: object\n",
            "      type: object\n      required: [id]\n",
        ),
    );
    let out = regenerate();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("specs/shop.yaml: 1 breaking change; needs a major release (0.1.0 → 0.2.0)\n"),
        "{err}"
    );
    assert!(
        err.contains("  breaking  types::Order::id: became required: `Option<String>` → `String` (specs/shop.yaml:"),
        "{err}"
    );
}
