//! User scenarios against a live Chroma 1.5.5 server (its Rust server, axum
//! and utoipa, shipped in the PyPI package; SQLite), through the client
//! generated from the document it serves. One line per scenario;
//! `scripts/live.py` reads them.

#[path = "../../common.rs"]
#[macro_use]
mod common;

use chroma_client::{Client, types};
use codegen_runtime::Nullable;
use common::{Outcome, expect_error, run};
use serde_json::json;

const TENANT: &str = "default_tenant";
const DB: &str = "default_database";

/// The document requires an API key (`x-chroma-token`) on every operation;
/// a server started without authentication ignores it, and the client
/// sends nothing without the credential the document asks for.
fn api() -> Client {
    Client::served()
        .api_key("live-unused-token")
        .build()
        .expect("client")
}

fn e<E: std::fmt::Debug>(e: codegen_runtime::Error<E>) -> String {
    common::seen(&e)
}

fn metadata(pairs: &[(&str, types::HashMapValue)]) -> types::HashMap {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

async fn new_collection(name: &str, team: &str) -> Result<types::Collection, String> {
    let body = types::CreateCollectionPayload::new(name).with_metadata(metadata(&[(
        "team",
        types::HashMapValue::String(team.into()),
    )]));
    Ok(api()
        .create_collection(TENANT, DB, &body)
        .await
        .map_err(e)?
        .into_body())
}

/// POST .../collections: the collection with its metadata.
async fn create_collection() -> Outcome {
    let created = new_collection("live-docs", "search").await?;
    check!(created.name == "live-docs", "name {:?}", created.name);
    check!(
        created.tenant == TENANT && created.database == DB,
        "where {} {}",
        created.tenant,
        created.database
    );
    let team = created
        .metadata
        .clone()
        .into_option()
        .and_then(|m| m.get("team").cloned());
    check!(
        team == Some(types::HashMapValue::String("search".into())),
        "metadata {:?}",
        created.metadata
    );
    Ok(())
}

/// GET .../collections/{collection_id}: read back. The server looks the
/// collection up by its name, although the document says "Collection UUID".
async fn read_collection() -> Outcome {
    let created = new_collection("live-read", "ops").await?;
    let read = api()
        .get_collection(TENANT, DB, &created.name)
        .await
        .map_err(e)?
        .into_body();
    check!(
        read.id == created.id && read.name == "live-read",
        "read {} {}",
        read.id,
        read.name
    );
    Ok(())
}

/// PUT .../collections/{id}: a new name and metadata, read back.
async fn rename_collection() -> Outcome {
    let created = new_collection("live-before", "a").await?;
    let id = created.id.to_string();
    api()
        .update_collection(
            TENANT,
            DB,
            &id,
            &types::UpdateCollectionPayload::new()
                .with_new_name("live-after".to_string())
                .with_new_metadata(metadata(&[(
                    "team",
                    types::HashMapValue::String("b".into()),
                )])),
        )
        .await
        .map_err(e)?;
    let read = api()
        .get_collection(TENANT, DB, "live-after")
        .await
        .map_err(e)?
        .into_body();
    check!(read.id == created.id, "id {}", read.id);
    check!(read.name == "live-after", "name {:?}", read.name);
    let team = read
        .metadata
        .into_option()
        .and_then(|m| m.get("team").cloned());
    check!(
        team == Some(types::HashMapValue::String("b".into())),
        "team {team:?}"
    );
    Ok(())
}

/// GET .../collections?limit&offset: every collection, in pages of two.
async fn list_collections_in_pages() -> Outcome {
    let mut seen = Vec::new();
    let mut offset = 0;
    loop {
        let page = api()
            .list_collections(TENANT, DB)
            .limit(2)
            .offset(offset)
            .await
            .map_err(e)?
            .into_body();
        check!(page.len() <= 2, "a page of {}", page.len());
        if page.is_empty() {
            break;
        }
        offset += page.len() as i32;
        seen.extend(page.into_iter().map(|c| c.name));
    }
    for name in ["live-docs", "live-read", "live-after"] {
        check!(
            seen.iter().any(|s| s == name),
            "{name} not listed in {seen:?}"
        );
    }
    Ok(())
}

/// DELETE .../collections/{collection_id} (by name, as GET); reading it
/// again is a 404 with its message.
async fn delete_collection() -> Outcome {
    new_collection("live-doomed", "x").await?;
    api()
        .delete_collection(TENANT, DB, "live-doomed")
        .await
        .map_err(e)?;
    expect_error(
        api().get_collection(TENANT, DB, "live-doomed").await,
        404,
        "does not exist",
    )
}

/// POST .../add (201), then .../get with a metadata filter, in pages.
async fn records_filtered_in_pages() -> Outcome {
    let created = new_collection("live-records", "kb").await?;
    let id = created.id.to_string();
    let kinds = ["faq", "faq", "blog", "faq"];
    let body = types::AddCollectionRecordsPayload::new(
        types::EmbeddingsPayload::NumberListList(
            (0..4).map(|i| vec![i as f32, 1.0, 0.5]).collect(),
        ),
        (0..4).map(|i| format!("doc-{i}")).collect::<Vec<_>>(),
    )
    .with_documents(
        (0..4)
            .map(|i| Some(format!("text {i}")))
            .collect::<Vec<_>>(),
    )
    .with_metadatas(
        kinds
            .iter()
            .map(|k| {
                Some(metadata(&[(
                    "kind",
                    types::HashMapValue::String(k.to_string()),
                )]))
            })
            .collect::<Vec<_>>(),
    );
    api()
        .collection_add(TENANT, DB, &id, &body)
        .await
        .map_err(e)?;
    let mut ids = Vec::new();
    for offset in [0, 2] {
        let mut get = types::GetRequestPayload::new();
        get.r#where = Some(json!({"kind": "faq"}));
        get.limit = Nullable::Value(2);
        get.offset = Nullable::Value(offset);
        let page = api()
            .collection_get(TENANT, DB, &id, &get)
            .await
            .map_err(e)?
            .into_body();
        ids.push(page.ids);
    }
    check!(
        ids == [vec!["doc-0", "doc-1"], vec!["doc-3"]],
        "pages {ids:?}"
    );
    Ok(())
}

/// A second collection of the same name: 409 (undocumented) with its message.
async fn error_duplicate_collection() -> Outcome {
    new_collection("live-twice", "x").await?;
    expect_error(
        api()
            .create_collection(
                TENANT,
                DB,
                &types::CreateCollectionPayload::new("live-twice"),
            )
            .await,
        409,
        "Collection [live-twice] already exists",
    )
}

/// A name Chroma refuses: 400 (undocumented) with its message.
async fn error_invalid_name() -> Outcome {
    expect_error(
        api()
            .create_collection(TENANT, DB, &types::CreateCollectionPayload::new("x"))
            .await,
        400,
        "Expected a name containing 3-512 characters",
    )
}

/// A collection that does not exist: 404 with its message.
async fn error_unknown_collection() -> Outcome {
    expect_error(
        api()
            .get_collection(TENANT, DB, "00000000-0000-0000-0000-000000000000")
            .await,
        404,
        "does not exist",
    )
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut ok = true;
    ok &= run("create_collection", create_collection()).await;
    ok &= run("read_collection", read_collection()).await;
    ok &= run("rename_collection", rename_collection()).await;
    ok &= run("list_collections_in_pages", list_collections_in_pages()).await;
    ok &= run("delete_collection", delete_collection()).await;
    ok &= run("records_filtered_in_pages", records_filtered_in_pages()).await;
    ok &= run("error_duplicate_collection", error_duplicate_collection()).await;
    ok &= run("error_invalid_name", error_invalid_name()).await;
    ok &= run("error_unknown_collection", error_unknown_collection()).await;
    std::process::exit(if ok { 0 } else { 1 });
}
