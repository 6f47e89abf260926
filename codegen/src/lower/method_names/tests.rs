//! Tests of `lower/method_names`.

use super::*;

fn names(ops: &[(&str, &str, &str)]) -> Vec<String> {
    let named: Vec<Named<'_>> = ops
        .iter()
        .map(|(path, method, id)| Named {
            path,
            method,
            id,
            rust_name: None,
        })
        .collect();
    let decided = MethodNames::decide(&named);
    ops.iter()
        .map(|(path, method, _)| decided.of(path, method).unwrap().0.to_string())
        .collect()
}

#[test]
fn fastapi_suffixes_are_dropped() {
    assert_eq!(
        names(&[
            ("/variables/{id}", "GET", "read_variable_variables__id__get"),
            (
                "/variables/name/{name}",
                "PATCH",
                "update_variable_by_name_variables_name__name__patch"
            ),
            (
                "/api/v1/payments",
                "POST",
                "api_payments_create_api_v1_payments_post"
            ),
            ("/flows/", "POST", "create_flow_flows__post"),
            ("/", "GET", "index__get"),
        ]),
        [
            "read_variable",
            "update_variable_by_name",
            "api_payments_create",
            "create_flow",
            "index"
        ]
    );
}

#[test]
fn nestjs_controllers_are_dropped() {
    assert_eq!(
        names(&[
            ("/users", "GET", "UsersController_findAll"),
            ("/users/{id}", "GET", "UsersController_findOne"),
        ]),
        ["find_all", "find_one"]
    );
}

#[test]
fn plain_ids_and_names_that_would_collide_stay_as_they_are() {
    assert_eq!(
        names(&[
            ("/users", "GET", "UsersController_findAll"),
            ("/pets", "GET", "PetsController_findAll"),
            ("/orders", "GET", "listOrders"),
            // `list` twice, and `list` as another operation's own id.
            ("/a", "GET", "list_a_get"),
            ("/b", "GET", "list_b_get"),
            ("/c", "GET", "list_c_get"),
            ("/list", "POST", "list"),
            // Not FastAPI's shape: the path is not there.
            ("/items", "GET", "read_things_get"),
        ]),
        [
            "users_controller_find_all",
            "pets_controller_find_all",
            "list_orders",
            "list_a_get",
            "list_b_get",
            "list_c_get",
            "list",
            "read_things_get",
        ]
    );
}

#[test]
fn x_rust_name_wins() {
    let ops = [Named {
        path: "/variables/{id}",
        method: "GET",
        id: "read_variable_variables__id__get",
        rust_name: Some("variable"),
    }];
    let decided = MethodNames::decide(&ops);
    let (name, note) = decided.of("/variables/{id}", "GET").unwrap();
    assert_eq!(name, "variable");
    assert_eq!(
        note.as_deref(),
        Some("method `variable`: the operation's x-rust-name")
    );
}
