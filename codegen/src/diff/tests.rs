use std::path::Path;

use super::*;

/// A small API; `edit` rewrites its text into the next version.
const BASE: &str = r#"
openapi: 3.0.3
info: {title: Shop, version: '1'}
servers: [{url: 'https://api.shop.test'}]
paths:
  /orders:
    get:
      operationId: listOrders
      parameters:
        - {name: limit, in: query, schema: {type: integer, maximum: 100}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Order'}}
    post:
      operationId: createOrder
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/NewOrder'}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Order'}
        '409': {description: conflict}
  /orders/{id}:
    delete:
      operationId: cancelOrder
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '204': {description: cancelled}
components:
  schemas:
    Status:
      type: string
      enum: [open, paid, shipped]
    NewOrder:
      type: object
      required: [sku]
      properties:
        sku: {type: string, maxLength: 20}
        note: {type: string}
    Order:
      type: object
      required: [id, status]
      properties:
        id: {type: string}
        status: {$ref: '#/components/schemas/Status'}
        total: {type: number}
"#;

fn lowered(text: &str) -> Lowered {
    crate::pipeline::lower_spec_text(
        Path::new("shop.yaml"),
        text.to_string(),
        &Options::default(),
    )
    .unwrap_or_else(|e| panic!("{e:?}"))
}

fn report(old: &str, new: &str) -> Report {
    let (old, new) = (lowered(old), lowered(new));
    compare_documents(&old.api, &old.doc, &new.api, &new.doc)
}

/// `(impact, item, what)` of each change, for asserting.
fn lines(report: &Report) -> Vec<String> {
    report
        .changes
        .iter()
        .map(|c| format!("{} {}: {}", c.impact.as_str(), c.item, c.what))
        .collect()
}

fn has(report: &Report, line: &str) {
    let lines = lines(report);
    assert!(
        lines.iter().any(|l| l == line),
        "no `{line}` in:\n{}",
        lines.join("\n")
    );
}

fn edit(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "{from}");
    BASE.replacen(from, to, 1)
}

#[test]
fn the_same_document_has_no_change() {
    let report = report(BASE, BASE);
    assert!(report.is_empty(), "{:?}", lines(&report));
    assert_eq!(report.bump(), Bump::None);
    assert_eq!(
        report.render("shop.yaml", None),
        "shop.yaml: no change to the generated API\n"
    );
}

#[test]
fn a_field_that_becomes_required_breaks_and_is_placed_in_the_new_document() {
    let new = edit("required: [id, status]", "required: [id, status, total]");
    let report = report(BASE, &new);
    has(
        &report,
        "breaking types::Order::total: became required: `Option<f64>` → `f64`",
    );
    assert_eq!(report.bump(), Bump::Major);
    let change = &report.changes[0];
    assert_eq!(change.side, Side::New);
    assert_eq!(
        change.pointer,
        "#/components/schemas/Order/properties/total"
    );
    let (line, _) = change.position.expect("placed");
    assert_eq!(
        new.lines().nth(line - 1).map(str::trim),
        Some("total: {type: number}")
    );
    assert_eq!(change.location(), format!("shop.yaml:{line}:9"));
}

#[test]
fn new_optional_fields_and_operations_are_additive() {
    let new = edit("        total: {type: number}\n", "        total: {type: number}\n        coupon: {type: string}\n")
        .replace(
            "components:",
            "  /health:\n    get:\n      operationId: health\n      responses:\n        '204': {description: up}\ncomponents:",
        );
    let with_operation = report(BASE, &new);
    assert_eq!(
        lines(&with_operation),
        [
            "breaking ShopApi: new method `health`: implementors of the trait (stand-ins) must add it",
            "additive types::Order::coupon: new optional field: `Option<String>`",
            "additive Client::health: new operation: GET /health",
        ]
    );
    // Without the operation, a minor release.
    let new = edit(
        "        total: {type: number}\n",
        "        total: {type: number}\n        coupon: {type: string}\n",
    );
    let report = report(BASE, &new);
    assert_eq!(report.bump(), Bump::Minor);
    assert_eq!(report.bump().next("1.4.2").as_deref(), Some("1.5.0"));
    assert_eq!(report.bump().next("0.4.2").as_deref(), Some("0.4.3"));
}

#[test]
fn enum_values_removed_break_and_new_ones_of_an_open_enum_do_not() {
    let report_removed = report(BASE, &edit("[open, paid, shipped]", "[open, paid]"));
    has(
        &report_removed,
        "breaking types::Status: value `shipped` removed",
    );
    let report_added = report(
        BASE,
        &edit("[open, paid, shipped]", "[open, paid, shipped, refunded]"),
    );
    assert_eq!(
        lines(&report_added),
        ["additive types::Status: new value `refunded`"]
    );
}

#[test]
fn a_removed_operation_is_placed_in_the_old_document() {
    let new = edit(
        "    delete:\n      operationId: cancelOrder",
        "    x-delete:\n      operationId: cancelOrder",
    );
    let report = report(BASE, &new);
    has(
        &report,
        "breaking Client::cancel_order: removed (DELETE /orders/{id})",
    );
    let change = report
        .changes
        .iter()
        .find(|c| c.item == "Client::cancel_order")
        .unwrap();
    assert_eq!(
        (change.side, change.pointer.as_str()),
        (Side::Old, "#/paths/~1orders~1{id}/delete")
    );
    let (line, _) = change.position.expect("placed");
    assert_eq!(BASE.lines().nth(line - 1).map(str::trim), Some("delete:"));
}

#[test]
fn a_parameter_that_moves_or_a_new_required_argument_breaks() {
    let moved = report(
        BASE,
        &edit("{name: limit, in: query", "{name: limit, in: header"),
    );
    has(
        &moved,
        "breaking ListOrdersParams::limit: parameter `limit` is sent in a header (was the query)",
    );
    let required = report(
        BASE,
        &edit(
            "{name: limit, in: query, schema",
            "{name: limit, in: query, required: true, schema",
        ),
    );
    has(
        &required,
        "breaking Client::list_orders: arguments `(params: &ListOrdersParams)` → `(limit: i64)`",
    );
}

#[test]
fn stricter_validation_breaks_and_looser_is_additive() {
    let stricter = report(BASE, &edit("maxLength: 20", "maxLength: 10"));
    has(
        &stricter,
        "breaking types::NewOrder::sku: validation stricter: maxLength 10 (was 20)",
    );
    let looser = report(BASE, &edit("maxLength: 20", "maxLength: 40"));
    assert_eq!(
        lines(&looser),
        ["additive types::NewOrder::sku: validation looser: maxLength 40 (was 20)"]
    );
}

#[test]
fn a_renamed_schema_is_one_rename_and_a_new_error_status_changes_the_error_type() {
    let new = BASE
        .replace("    NewOrder:\n", "    OrderRequest:\n")
        .replace("schemas/NewOrder'", "schemas/OrderRequest'");
    let renamed = report(BASE, &new);
    has(
        &renamed,
        "breaking types::NewOrder: renamed to `types::OrderRequest` (the same shape)",
    );
    assert!(
        !lines(&renamed)
            .iter()
            .any(|l| l.contains("removed") || l.contains("new struct"))
    );
    let new_error = report(
        BASE,
        &edit(
            "        '409': {description: conflict}\n",
            "        '409': {description: conflict}\n        '422': {description: invalid}\n",
        ),
    );
    has(
        &new_error,
        "breaking CreateOrderError::UnprocessableEntity: new error variant for status 422 (an exhaustive `match` needs an arm)",
    );
}

#[test]
fn documentation_alone_is_a_patch() {
    let report = report(
        BASE,
        &edit(
            "operationId: cancelOrder\n",
            "operationId: cancelOrder\n      summary: Cancel an order\n",
        ),
    );
    assert_eq!((report.changes.len(), report.doc_changes), (0, 1));
    assert_eq!(report.bump(), Bump::Patch);
    assert_eq!(
        report.render("shop.yaml", Some("0.3.1")),
        "shop.yaml: 1 documentation change; needs a patch release (0.3.1 → 0.3.2)\n"
    );
}

#[test]
fn the_json_report_names_each_change_with_its_place() {
    let report = report(BASE, &edit("[open, paid, shipped]", "[open, paid]"));
    let json = report.to_json("shop.yaml", Some("0.3.1"));
    assert_eq!(json["bump"], "major");
    assert_eq!(json["next_version"], "0.4.0");
    assert_eq!(json["breaking"], 1);
    let change = &json["changes"][0];
    assert_eq!(change["impact"], "breaking");
    assert_eq!(change["item"], "types::Status");
    assert_eq!(change["file"], "shop.yaml");
    assert!(change["line"].as_u64().is_some(), "{change}");
}

#[test]
fn types_are_compared_by_name_not_by_their_place_in_the_model() {
    // A schema put first moves every other type to a new place (TypeId)
    // in the new model: nothing of theirs changed.
    let new = edit(
        "  schemas:\n",
        "  schemas:\n    Coupon:\n      type: object\n      properties:\n        code: {type: string}\n",
    );
    let moved = lines(&report(BASE, &new));
    assert!(
        moved
            .iter()
            .all(|l| l.starts_with("additive ") && l.contains("Coupon")),
        "{moved:?}"
    );
    // The same place, another type: a field of `Order` now holds `Coupon`.
    let new = new.replace(
        "        status: {$ref: '#/components/schemas/Status'}",
        "        status: {$ref: '#/components/schemas/Coupon'}",
    );
    has(
        &report(BASE, &new),
        "breaking types::Order::status: type changed: `Status` → `Coupon`",
    );
}
