//! User scenarios against a live Prefect 3.9.1 server (FastAPI, SQLite),
//! through the client generated from the document it serves at
//! `/api/openapi.json` (whose `servers` is `[{url: /api}]`). One line per
//! scenario; `scripts/live.py` reads them.

#[path = "../../common.rs"]
#[macro_use]
mod common;

use common::{Outcome, expect_error, run};
use prefect_client::{
    Client, CreateFlowResponse, CreateFlowRunResponse, SetFlowRunStateResponse, types,
};

/// The client for the server the document was read from (`/api` on it).
fn api() -> Client {
    Client::served().build().expect("client")
}

fn e<E: std::fmt::Debug>(e: codegen_runtime::Error<E>) -> String {
    common::seen(&e)
}

/// Creates a flow, or returns the one of that name: 201 or 200, told apart
/// by the overlay (`tests/live/prefect/overlay.yaml`); the document says 200.
async fn create_or_get_flow(name: &str, tags: &[&str]) -> Result<CreateFlowResponse, String> {
    let body = types::FlowCreate::new(name).with_tags(tags.iter().map(|t| t.to_string()));
    Ok(api()
        .create_flow(&body)
        .await
        .map_err(e)?
        .into_body())
}

async fn new_flow(name: &str, tags: &[&str]) -> Result<types::Flow, String> {
    match create_or_get_flow(name, tags).await? {
        CreateFlowResponse::Created(flow) | CreateFlowResponse::Ok(flow) => Ok(flow),
    }
}

fn integer(n: i64) -> types::ValueModel {
    types::ValueModel {
        integer: Some(n),
        ..Default::default()
    }
}

/// POST /flows/: 201 (the document says 200) with the flow; again with the
/// same name, 200 with the same flow.
async fn create_flow() -> Outcome {
    let CreateFlowResponse::Created(flow) = create_or_get_flow("live-etl", &["nightly"]).await?
    else {
        return Err("a new flow's answer is not 201 Created".into());
    };
    let CreateFlowResponse::Ok(again) = create_or_get_flow("live-etl", &["nightly"]).await? else {
        return Err("an existing flow's answer is not 200".into());
    };
    check!(again.id == flow.id, "another flow {:?}", again.id);
    check!(flow.name == "live-etl", "name {:?}", flow.name);
    check!(
        flow.tags.as_deref() == Some(&["nightly".to_string()][..]),
        "tags {:?}",
        flow.tags
    );
    check!(flow.created.is_some(), "no created time");
    Ok(())
}

/// GET /flows/{id}: the flow read back.
async fn read_flow() -> Outcome {
    let flow = new_flow("live-read", &[]).await?;
    let read = api()
        .read_flow(flow.id)
        .await
        .map_err(e)?
        .into_body();
    check!(
        read.id == flow.id && read.name == "live-read",
        "read {read:?}"
    );
    Ok(())
}

/// PATCH /flows/{id} (204), then read back.
async fn update_flow_tags() -> Outcome {
    let flow = new_flow("live-update", &["a"]).await?;
    api()
        .update_flow(
            flow.id,
            &types::FlowUpdate::new().with_tags(["b".to_string(), "c".to_string()]),
        )
        .await
        .map_err(e)?;
    let read = api()
        .read_flow(flow.id)
        .await
        .map_err(e)?
        .into_body();
    check!(
        read.tags.as_deref() == Some(&["b".to_string(), "c".to_string()][..]),
        "tags {:?}",
        read.tags
    );
    Ok(())
}

/// POST /flows/filter: a name filter, sorted, in pages of two.
async fn list_flows_filtered_in_pages() -> Outcome {
    for name in ["live-page-c", "live-page-a", "other-flow", "live-page-b"] {
        new_flow(name, &[]).await?;
    }
    let filter =
        types::FlowFilter::new().with_name(types::FlowFilterName::new().with_like("live-page-"));
    let mut body = types::BodyReadFlowsFlowsFilterPost::new()
        .with_flows(filter)
        .with_sort(types::FlowSort::NameAsc)
        .with_limit(2);
    let page = |body: types::BodyReadFlowsFlowsFilterPost| async move {
        let flows = api()
            .read_flows()
            .body(body)
            .await
            .map_err(e)?
            .into_body();
        Ok::<Vec<String>, String>(flows.into_iter().map(|f| f.name).collect())
    };
    let first = page(body.clone()).await?;
    check!(
        first == ["live-page-a", "live-page-b"],
        "first page {first:?}"
    );
    body.offset = 2;
    let second = page(body).await?;
    check!(second == ["live-page-c"], "second page {second:?}");
    Ok(())
}

/// DELETE /flows/{id} (204); reading it again is a 404 with its message.
async fn delete_flow() -> Outcome {
    let flow = new_flow("live-delete", &[]).await?;
    api()
        .delete_flow(flow.id)
        .await
        .map_err(e)?;
    expect_error(
        api().read_flow(flow.id).await,
        404,
        "Flow not found",
    )
}

/// POST /flow_runs/ and POST /flow_runs/{id}/set_state (both 201 where the
/// document says 200), then the run read back in its new state.
async fn run_a_flow() -> Outcome {
    let flow = new_flow("live-run", &[]).await?;
    let CreateFlowRunResponse::Created(created) = api()
        .create_flow_run(
            &types::FlowRunCreate::new(flow.id).with_name("nightly-1"),
        )
        .await
        .map_err(e)?
        .into_body()
    else {
        return Err("a new flow run's answer is not 201 Created".into());
    };
    check!(created.flow_id == flow.id, "flow {}", created.flow_id);
    let SetFlowRunStateResponse::Created(result) = api()
        .set_flow_run_state(
            created.id,
            &types::BodySetFlowRunStateFlowRunsIdSetStatePost::new(types::StateCreate::new(
                types::StateType::Running,
            )),
        )
        .await
        .map_err(e)?
        .into_body()
    else {
        return Err("an accepted state's answer is not 201".into());
    };
    check!(
        result.status == types::SetStateStatus::Accept,
        "status {:?}",
        result.status
    );
    let read = api()
        .read_flow_run(created.id)
        .await
        .map_err(e)?
        .into_body();
    check!(
        read.name.as_deref() == Some("nightly-1"),
        "name {:?}",
        read.name
    );
    check!(
        read.state_type.clone().into_option() == Some(types::StateType::Running),
        "state {:?}",
        read.state_type
    );
    Ok(())
}

/// Variables: create (201), read by name, update (204), read back, delete.
async fn variable_lifecycle() -> Outcome {
    let created = api()
        .create_variable(
            &types::VariableCreate::new("live_batch_size", Some(integer(500))),
        )
        .await
        .map_err(e)?
        .into_body();
    check!(
        created.value.as_ref().and_then(|v| v.integer) == Some(500),
        "value {:?}",
        created.value
    );
    api()
        .update_variable_by_name(
            "live_batch_size",
            &types::VariableUpdate::new().with_value(integer(750)),
        )
        .await
        .map_err(e)?;
    let read = api()
        .read_variable_by_name("live_batch_size")
        .await
        .map_err(e)?
        .into_body();
    check!(read.id == created.id, "id {}", read.id);
    check!(
        read.value.as_ref().and_then(|v| v.integer) == Some(750),
        "value {:?}",
        read.value
    );
    api()
        .delete_variable_by_name("live_batch_size")
        .await
        .map_err(e)?;
    expect_error(
        api()
            .read_variable_by_name("live_batch_size")
            .await,
        404,
        "Variable not found",
    )
}

/// POST /variables/filter: a name filter, sorted, in pages of two.
async fn list_variables_filtered_in_pages() -> Outcome {
    for (name, n) in [
        ("page_c", 3),
        ("page_a", 1),
        ("unrelated", 9),
        ("page_b", 2),
    ] {
        api()
            .create_variable(
                &types::VariableCreate::new(name, Some(integer(n))),
            )
            .await
            .map_err(e)?;
    }
    let filter =
        types::VariableFilter::new().with_name(types::VariableFilterName::new().with_like("page_"));
    let mut body = types::BodyReadVariablesVariablesFilterPost::new()
        .with_variables(filter)
        .with_sort(types::VariableSort::NameAsc)
        .with_limit(2);
    let mut names = Vec::new();
    for offset in [0, 2] {
        body.offset = offset;
        let page = api()
            .read_variables()
            .body(body.clone())
            .await
            .map_err(e)?
            .into_body();
        names.push(page.into_iter().map(|v| v.name).collect::<Vec<_>>());
    }
    check!(
        names == [vec!["page_a", "page_b"], vec!["page_c"]],
        "pages {names:?}"
    );
    Ok(())
}

/// POST /automations/ with three kinds of action, then GET it back: each
/// action is one of 17 schemas told apart only by `type: {const: ...}`
/// (Pydantic, no `discriminator`); each must read as exactly its own kind.
async fn automation_actions_read_back() -> Outcome {
    let trigger = types::AutomationCreateTrigger::EventTriggerInput(
        types::EventTriggerInput::new(types::Posture::Reactive)
            .with_expect(["prefect.flow-run.Failed".to_string()]),
    );
    let actions = vec![
        types::ActionsItem2::DoNothing(types::DoNothing::default()),
        types::ActionsItem2::CancelFlowRun(types::CancelFlowRun::default()),
        types::ActionsItem2::ChangeFlowRunState(types::ChangeFlowRunState::new(
            types::StateType::Cancelled,
        )),
    ];
    let created = api()
        .create_automation(
            &types::AutomationCreate::new("live-on-failure", trigger, actions),
        )
        .await
        .map_err(e)?
        .into_body();
    let read = api()
        .read_automation(created.id)
        .await
        .map_err(e)?
        .into_body();
    check!(read.name == "live-on-failure", "name {:?}", read.name);
    check!(read.actions.len() == 3, "{} actions", read.actions.len());
    // The 17 action schemas differ only by their `type` constant: each
    // action reads back as exactly its own kind.
    let kinds: Vec<&str> = read
        .actions
        .iter()
        .map(|a| match a {
            types::ActionsItem::DoNothing(_) => "do-nothing",
            types::ActionsItem::CancelFlowRun(_) => "cancel-flow-run",
            types::ActionsItem::ChangeFlowRunState(_) => "change-flow-run-state",
            _ => "another kind",
        })
        .collect();
    check!(
        kinds == ["do-nothing", "cancel-flow-run", "change-flow-run-state"],
        "each action should read as its one kind; read as {kinds:?}"
    );
    Ok(())
}

/// A second variable of the same name: 409 (undocumented) with its message.
async fn error_duplicate_variable() -> Outcome {
    let body = types::VariableCreate::new("live_once", Some(integer(1)));
    api()
        .create_variable(&body)
        .await
        .map_err(e)?;
    expect_error(
        api()
            .create_variable(&body)
            .await,
        409,
        "A variable with the name 'live_once' already exists.",
    )
}

/// A name the server refuses: 422, whose body is Prefect's own
/// (`exception_message`, `exception_detail`), not the documented
/// `HTTPValidationError`.
async fn error_invalid_variable_name() -> Outcome {
    expect_error(
        api()
            .create_variable(
                &types::VariableCreate::new("Bad Name!", Some(integer(1))),
            )
            .await,
        422,
        "Invalid request received.",
    )
}

/// A flow that does not exist: 404 (undocumented) with its message.
async fn error_unknown_flow() -> Outcome {
    expect_error(
        api()
            .read_flow(uuid::Uuid::nil())
            .await,
        404,
        "Flow not found",
    )
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut ok = true;
    ok &= run("create_flow", create_flow()).await;
    ok &= run("read_flow", read_flow()).await;
    ok &= run("update_flow_tags", update_flow_tags()).await;
    ok &= run(
        "list_flows_filtered_in_pages",
        list_flows_filtered_in_pages(),
    )
    .await;
    ok &= run("delete_flow", delete_flow()).await;
    ok &= run("run_a_flow", run_a_flow()).await;
    ok &= run("variable_lifecycle", variable_lifecycle()).await;
    ok &= run(
        "list_variables_filtered_in_pages",
        list_variables_filtered_in_pages(),
    )
    .await;
    ok &= run(
        "automation_actions_read_back",
        automation_actions_read_back(),
    )
    .await;
    ok &= run("error_duplicate_variable", error_duplicate_variable()).await;
    ok &= run("error_invalid_variable_name", error_invalid_variable_name()).await;
    ok &= run("error_unknown_flow", error_unknown_flow()).await;
    std::process::exit(if ok { 0 } else { 1 });
}
