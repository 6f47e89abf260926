//! The bindings `build.rs` generates at build time are the committed ones:
//! same types, same wire format.

use payment_apis_suite::built;

#[test]
fn build_time_bindings_match_the_committed_crate() {
    let json = r#"{"clientToken":"tok","clientTokenExpirationDate":"2024-01-16T11:00:00Z","orderId":"order-1","currencyCode":"EUR","amount":700}"#;
    let built: built::primer::types::ClientSessionWithToken = serde_json::from_str(json).unwrap();
    let committed: payment_apis::primer::types::ClientSessionWithToken =
        serde_json::from_str(json).unwrap();
    assert_eq!(
        serde_json::to_value(&built).unwrap(),
        serde_json::to_value(&committed).unwrap()
    );
}

#[test]
fn build_time_client_is_a_full_client() {
    let client = built::omno::Client::sandbox()
        .bearer_token("secret-token")
        .build()
        .unwrap();
    assert_eq!(client.base_url(), "https://api.omno.dev");
    assert!(!format!("{client:?}").contains("secret-token"));
}

#[test]
fn build_script_output_is_the_library_output() {
    // build.rs writes exactly what the library renders for a single-file module.
    let dir = std::env::temp_dir().join(format!("codegen-build-{}", std::process::id()));
    let written = codegen::Config::new()
        .spec("specs/omno.yaml")
        .write_modules(&dir)
        .unwrap();
    let text = std::fs::read_to_string(&written[0]).unwrap();
    assert!(text.contains("pub mod types {") && text.contains("pub fn create_payout("));
    std::fs::remove_dir_all(&dir).unwrap();
}
