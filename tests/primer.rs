//! Primer through a local mock server: API key and version headers, the
//! documented answers with every field filled, a typed request that goes out
//! exactly as documented, and the three-state PATCH.

mod common;

use codegen_runtime::Nullable;
use payment_apis::primer::{self, types};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PATH: &str = "/client-session";

async fn client(server: &MockServer) -> primer::Client {
    primer::Client::with_base_url(server.uri())
        .api_key("primer-key")
        .retry_policy(common::quick_retries())
        .build()
        .unwrap()
}

/// Answers every request to `verb` with `status` and `body`.
async fn answer(server: &MockServer, verb: &str, status: u16, body: &Value) {
    Mock::given(method(verb))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(server)
        .await;
}

/// The body of the `n`th request the server received.
async fn sent(server: &MockServer, n: usize) -> Value {
    let requests = server.received_requests().await.unwrap();
    serde_json::from_slice(&requests[n].body).unwrap()
}

#[tokio::test]
async fn every_operation_sends_key_and_version() {
    let spec = common::spec("primer");
    let server = MockServer::start().await;
    for verb in ["post", "patch", "get"] {
        let answer = common::example(&spec, PATH, verb, Some("200"));
        let mut mock = Mock::given(method(verb.to_uppercase().as_str()))
            .and(path(PATH))
            .and(header("x-api-key", "primer-key"))
            .and(header("x-api-version", "2.4"));
        if verb == "get" {
            mock = mock.and(query_param("clientToken", "token-1"));
        } else {
            mock = mock.and(body_json(common::example(&spec, PATH, verb, None)));
        }
        mock.respond_with(ResponseTemplate::new(200).set_body_json(&answer))
            .expect(1)
            .mount(&server)
            .await;
    }
    let c = client(&server).await;
    let create: types::ClientSessionRequest =
        common::decode(&common::example(&spec, PATH, "post", None));
    let session = c.create_client_session(&create).await.unwrap();
    assert!(!session.client_token.is_empty());
    let update: types::ClientSessionUpdateRequest =
        common::decode(&common::example(&spec, PATH, "patch", None));
    c.update_client_session(&update).await.unwrap();
    let fetched = c.get_client_session("token-1").await.unwrap();
    assert_eq!(fetched.order_id.as_deref(), Some("order-abc-1001"));
}

#[tokio::test]
async fn documented_answers_decode_with_every_field() {
    let spec = common::spec("primer");
    let created = common::example(&spec, PATH, "post", Some("200"));
    let server = MockServer::start().await;
    answer(&server, "POST", 200, &created).await;
    let session = client(&server)
        .await
        .create_client_session(&types::ClientSessionRequest::default())
        .await
        .unwrap()
        .into_body();
    // Every field decoded, and encodes back to the documented answer.
    assert_eq!(serde_json::to_value(&session).unwrap(), created);
    let line = &session.order.as_ref().unwrap().line_items.as_ref().unwrap()[0];
    assert_eq!(line.product_type, Some(types::ProductType::Physical));
    assert_eq!(line.product_data.as_ref().unwrap().weight, Some(0.35));
    let billing = session.customer.as_ref().unwrap().billing_address.as_ref();
    assert_eq!(billing.unwrap().postal_code.as_deref(), Some("62701"));
    let method = session.payment_method.as_ref().unwrap();
    assert_eq!(
        method.options.as_ref().unwrap()["PAYMENT_CARD"]
            .surcharge
            .as_ref()
            .unwrap()
            .amount,
        10
    );
    assert!(matches!(&session.warnings, Some(types::Warnings::WarningList(w)) if w.len() == 1));
    // "UTC with no timezone info": read as UTC, written back without an offset.
    let expires = session.client_token_expiration_date;
    assert_eq!(
        expires.utc().to_rfc3339(),
        "2026-12-01T12:30:45.123456+00:00"
    );
    assert_eq!(expires.to_string(), "2026-12-01T12:30:45.123456");

    // GET and PATCH answer without the token fields and without warnings.
    for verb in ["get", "patch"] {
        let documented = common::example(&spec, PATH, verb, Some("200"));
        assert!(documented.get("clientToken").is_none());
        assert!(documented.get("clientTokenExpirationDate").is_none());
        let server = MockServer::start().await;
        answer(&server, &verb.to_uppercase(), 200, &documented).await;
        let c = client(&server).await;
        let session = if verb == "get" {
            c.get_client_session("t").await.unwrap().into_body()
        } else {
            let update = types::ClientSessionUpdateRequest::new("t");
            c.update_client_session(&update).await.unwrap().into_body()
        };
        assert_eq!(
            serde_json::to_value(&session).unwrap(),
            documented,
            "{verb}"
        );
    }
}

#[tokio::test]
async fn answers_may_leave_empty_fields_out_and_vary_their_forms() {
    let server = MockServer::start().await;
    answer(&server, "GET", 200, &json!({})).await;
    let empty = client(&server).await.get_client_session("t").await.unwrap();
    assert_eq!(empty.body, types::ClientSession::default());

    // An expiration with `Z`, and warnings as one object rather than a list.
    let server = MockServer::start().await;
    let created = json!({
        "clientToken": "tok",
        "clientTokenExpirationDate": "2026-12-01T12:30:45Z",
        "warnings": {"type": "PAYMENT_METHOD", "code": "X", "message": "m"}
    });
    answer(&server, "POST", 200, &created).await;
    let session = client(&server)
        .await
        .create_client_session(&types::ClientSessionRequest::default())
        .await
        .unwrap();
    assert_eq!(
        session.client_token_expiration_date.utc().to_rfc3339(),
        "2026-12-01T12:30:45+00:00"
    );
    assert!(
        matches!(&session.warnings, Some(types::Warnings::Warning(w)) if w.code.as_deref() == Some("X"))
    );
    assert_eq!(serde_json::to_value(&session.body).unwrap(), created);
}

#[tokio::test]
async fn a_typed_session_request_goes_out_exactly_as_documented() {
    let spec = common::spec("primer");
    let documented = common::example(&spec, PATH, "post", None);
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_json(&documented))
        .respond_with(ResponseTemplate::new(200).set_body_json(common::example(
            &spec,
            PATH,
            "post",
            Some("200"),
        )))
        .expect(1)
        .mount(&server)
        .await;
    let address = types::Address::new()
        .with_first_name("Jane")
        .with_last_name("Doe")
        .with_address_line1("1 Main Street")
        .with_address_line2("Apartment 2")
        .with_city("Springfield")
        .with_state("IL")
        .with_country_code("US")
        .with_postal_code("62701");
    let product = types::ProductData::new()
        .with_sku("SHOE-123-BL-42")
        .with_brand("Acme")
        .with_color("blue")
        .with_global_trade_item_number("00012345678905")
        .with_manufacturer_part_number("ACM-RS-42")
        .with_weight(0.35)
        .with_weight_unit("kg")
        .with_page_url("https://shop.example.com/products/shoe-123");
    let shoe = types::LineItem::new(500)
        .with_item_id("shoe-123")
        .with_name("Running shoe")
        .with_description("Lightweight running shoe, blue, size 42")
        .with_discount_amount(50)
        .with_tax_amount(100)
        .with_tax_code("A1234")
        .with_product_type(types::ProductType::Physical)
        .with_product_data(product);
    let order = types::Order::new()
        .with_line_items(vec![shoe])
        .with_country_code("US")
        .with_retailer_country_code("US")
        .with_fees(vec![
            types::Fee::new(50)
                .with_type("SERVICE")
                .with_description("Service fee"),
        ])
        .with_shipping(
            types::Shipping::new()
                .with_amount(100)
                .with_method_id("standard")
                .with_method_name("Standard shipping")
                .with_method_description("Delivered in 3 to 5 business days"),
        );
    let customer = types::Customer::new()
        .with_email_address("jane.doe@example.com")
        .with_mobile_number("+15551234567")
        .with_first_name("Jane")
        .with_last_name("Doe")
        .with_billing_address(address.clone())
        .with_shipping_address(address)
        .with_tax_id("123456789")
        .with_national_document_id("987654321");
    let surcharge =
        types::PaymentMethodTypeOptions::new().with_surcharge(types::Surcharge::new(10));
    let payment_method = types::PaymentMethodOptions::new()
        .with_vault_on_success(true)
        .with_vault_on3_ds(false)
        .with_vault_on_agreement(false)
        .with_descriptor("ACME SHOES")
        .with_payment_type(types::PaymentType::FirstPayment)
        .with_ordered_allowed_card_networks(["VISA", "MASTERCARD"].map(String::from))
        .with_options([("PAYMENT_CARD".to_string(), surcharge)])
        .with_authorization_type(types::AuthorizationType::Final)
        .with_first_payment_reason(types::FirstPaymentReason::CardOnFile);
    let metadata = [
        ("productId".to_string(), types::MetadataValue::Integer(1001)),
        (
            "merchantId".to_string(),
            types::MetadataValue::String("a13bsd62s".into()),
        ),
    ];
    let request = types::ClientSessionRequest::new()
        .with_order_id("order-abc-1001")
        .with_currency_code("USD")
        .with_amount(700)
        .with_order(order)
        .with_customer_id("customer-123")
        .with_customer(customer)
        .with_metadata(metadata)
        .with_payment_method(payment_method);
    client(&server)
        .await
        .create_client_session(&request)
        .await
        .unwrap();
    assert_eq!(sent(&server, 0).await, documented);
}

#[tokio::test]
async fn updates_say_absent_null_or_value_for_each_field() {
    let spec = common::spec("primer");
    let server = MockServer::start().await;
    answer(
        &server,
        "PATCH",
        200,
        &common::example(&spec, PATH, "patch", Some("200")),
    )
    .await;
    let c = client(&server).await;
    let token = || types::ClientSessionUpdateRequest::new("tok");
    let line = types::LineItem::new(250).with_quantity(3);
    let updates = [
        // Absent: the field is left as it is.
        (token(), json!({"clientToken": "tok"})),
        // `null`: the field is cleared.
        (
            token()
                .with_customer_id(None)
                .with_order(None)
                .with_metadata(None),
            json!({"clientToken": "tok", "customerId": null, "order": null, "metadata": null}),
        ),
        // A value: the field is set; an array is replaced whole.
        (
            token()
                .with_customer_id("customer-456".to_string())
                .with_amount(1200)
                .with_order(types::Order::new().with_line_items(vec![line])),
            json!({"clientToken": "tok", "customerId": "customer-456", "amount": 1200,
                   "order": {"lineItems": [{"amount": 250, "quantity": 3}]}}),
        ),
    ];
    for (n, (update, expected)) in updates.into_iter().enumerate() {
        c.update_client_session(&update).await.unwrap();
        assert_eq!(sent(&server, n).await, expected);
        // And the three states come back from the wire as they went.
        let parsed: types::ClientSessionUpdateRequest = common::decode(&expected);
        assert_eq!(parsed, update);
    }
    let cleared: types::ClientSessionUpdateRequest =
        common::decode(&json!({"clientToken": "tok", "customerId": null}));
    assert_eq!(
        (cleared.customer_id, cleared.amount),
        (Nullable::Null, Nullable::Absent)
    );
}

#[tokio::test]
async fn the_version_header_can_be_overridden() {
    let server = MockServer::start().await;
    let spec = common::spec("primer");
    Mock::given(header("x-api-version", "2.5"))
        .respond_with(ResponseTemplate::new(200).set_body_json(common::example(
            &spec,
            PATH,
            "get",
            Some("200"),
        )))
        .expect(1)
        .mount(&server)
        .await;
    let c = primer::Client::with_base_url(server.uri())
        .api_key("k")
        .default_header("X-API-VERSION", "2.5")
        .build()
        .unwrap();
    c.get_client_session("t").await.unwrap();
}

#[tokio::test]
async fn documented_errors_are_typed() {
    let spec = common::spec("primer");
    let server = MockServer::start().await;
    let bad = common::example(&spec, PATH, "post", Some("400"));
    answer(&server, "POST", 400, &bad).await;
    let err = client(&server)
        .await
        .create_client_session(&types::ClientSessionRequest::default())
        .await
        .unwrap_err();
    let Some(primer::BadRequestOrUnprocessableEntityError::BadRequest(e)) = err.api_error() else {
        panic!("{err:?}")
    };
    assert_eq!(serde_json::to_value(e).unwrap(), bad);
    assert_eq!(e.error.payment_status.as_deref(), Some("FAILED"));
    assert_eq!(e.error.payment_id.as_deref(), Some("pay_01HXYZ4ABCDEF"));
    let invalid = &e.error.validation_errors.as_ref().unwrap()[0];
    assert_eq!(
        invalid.errors.as_ref().unwrap()[0].path.as_deref(),
        Some("$.currencyCode")
    );
    assert!(err.to_string().contains(&e.error.description), "{err}");

    let server = MockServer::start().await;
    let invalid = common::example(&spec, PATH, "patch", Some("422"));
    answer(&server, "PATCH", 422, &invalid).await;
    let err = client(&server)
        .await
        .update_client_session(&types::ClientSessionUpdateRequest::new("t"))
        .await
        .unwrap_err();
    let Some(primer::BadRequestOrUnprocessableEntityError::UnprocessableEntity(e)) =
        err.api_error()
    else {
        panic!("{err:?}")
    };
    assert_eq!(serde_json::to_value(e).unwrap(), invalid);
    assert_eq!(e.error.error_id, "RequestValidationError");
    // `error`, `errorId` and `description` are required.
    let server = MockServer::start().await;
    answer(&server, "GET", 422, &json!({"error": {"errorId": "X"}})).await;
    let err = client(&server)
        .await
        .get_client_session("t")
        .await
        .unwrap_err();
    assert!(
        matches!(err, codegen_runtime::Error::Decode { .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn constraints_are_checked_before_sending() {
    let server = MockServer::start().await;
    let long_url = format!("https://shop.example.com/{}", "x".repeat(1024));
    let body = types::ClientSessionRequest {
        order_id: Some(String::new()),
        currency_code: Some("EURO".into()),
        order: Some(types::Order::new().with_line_items(vec![
                types::LineItem::new(-1)
                    .with_product_data(types::ProductData::new().with_page_url(long_url)),
            ])),
        customer: Some(
            types::Customer::new()
                .with_first_name(String::new())
                .with_billing_address(types::Address::new().with_city("c".repeat(256))),
        ),
        payment_method: Some(types::PaymentMethodOptions::new().with_descriptor("d".repeat(256))),
        ..Default::default()
    };
    let err = client(&server)
        .await
        .create_client_session(&body)
        .await
        .unwrap_err();
    let codegen_runtime::Error::Validation(v) = &err else {
        panic!("{err:?}")
    };
    let paths: Vec<_> = v.violations.iter().map(|v| v.path.as_str()).collect();
    for expected in [
        "orderId",
        "currencyCode",
        "order.lineItems[0].amount",
        "order.lineItems[0].productData.pageUrl",
        "customer.firstName",
        "customer.billingAddress.city",
        "paymentMethod.descriptor",
    ] {
        assert!(paths.contains(&expected), "{expected} not in {paths:?}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[test]
fn debug_output_redacts_the_customer_and_the_token() {
    let spec = common::spec("primer");
    let session: types::ClientSessionWithToken =
        common::decode(&common::example(&spec, PATH, "post", Some("200")));
    let printed = format!("{session:?}");
    for secret in [
        "jane.doe@example.com",
        "+15551234567",
        "Doe",
        "1 Main Street",
        "62701",
        "987654321",
        "eyJhbGci",
    ] {
        assert!(!printed.contains(secret), "{secret} leaked: {printed}");
    }
    assert!(printed.contains("Springfield"));
}
