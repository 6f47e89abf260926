//! Tests of `lower::errors`.

use super::*;

fn outcome(status: StatusMatch, variant: &str) -> Outcome {
    Outcome {
        status,
        variant: variant.into(),
        docs: Docs::default(),
        body: None,
        boxed: false,
    }
}

#[test]
fn a_shared_enum_is_named_after_what_it_holds() {
    let not_found = outcome(StatusMatch::Code(404), "NotFound");
    let forbidden = outcome(StatusMatch::Code(403), "Forbidden");
    let server = outcome(StatusMatch::Code(500), "InternalServerError");
    assert_eq!(
        content_name(std::slice::from_ref(&not_found)),
        "NotFoundError"
    );
    assert_eq!(
        content_name(&[forbidden.clone(), not_found.clone()]),
        "ForbiddenOrNotFoundError"
    );
    assert_eq!(
        content_name(&[not_found.clone(), server.clone()]),
        "NotFoundOrInternalServerError"
    );
    let many = [
        outcome(StatusMatch::Code(400), "BadRequest"),
        forbidden,
        not_found,
        server,
        outcome(StatusMatch::Default, "Default"),
    ];
    assert_eq!(content_name(&many[..4]), "Http400To500Error");
    assert_eq!(content_name(&many), "Http400ToOtherError");
}

#[test]
fn one_success_is_read_plainly_and_several_by_status() {
    let spec = r#"
openapi: 3.0.3
info: {title: Shop, version: '1'}
paths:
  /orders/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
    get:
      operationId: getOrder
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: integer}}}}
        '404': {description: gone}
    delete:
      operationId: deleteOrder
      responses:
        '2XX': {description: deleted}
    put:
      operationId: putOrder
      responses:
        '200': {description: ok, content: {text/plain: {schema: {type: string}}}}
        '202': {description: not yet, content: {application/json: {schema: {type: string}}}}
    patch:
      operationId: patchOrder
      responses:
        '200': {description: ok, content: {text/plain: {schema: {type: string}}}}
        '207': {description: partly}
        '404': {description: gone}
"#;
    let lowered = crate::pipeline::lower_spec_text(
        std::path::Path::new("shop.yaml"),
        spec.to_string(),
        &crate::shared::Options::default(),
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let plain = |id: &str| {
        let op = lowered.api.operations.iter().find(|o| o.id == id).unwrap();
        (op.plain, op.errors.len())
    };
    let json = |declared| PlainReading {
        body: PlainBody::Json,
        declared,
    };
    assert_eq!(plain("getOrder"), (Some(json(Some(200))), 1));
    let empty = PlainReading {
        body: PlainBody::Empty,
        declared: None,
    };
    assert_eq!(plain("deleteOrder"), (Some(empty), 0));
    // Two successes with different meanings: a response enum.
    assert_eq!(plain("putOrder").0, None);
    // A 207 (no body) among the successes, two successes: by status.
    assert_eq!(plain("patchOrder").0, None);
    let not_found = &lowered.api.error_enums;
    assert!(not_found.iter().all(|e| e.read_error), "{not_found:?}");
}
