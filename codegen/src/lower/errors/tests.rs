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
