//! Tests of `paginate`.

use super::*;

#[test]
fn next_links_are_read_from_any_position() {
    let mut headers = HeaderMap::new();
    headers.insert(
            LINK,
            "<https://api.example.com/items?page=1>; rel=\"prev\", <https://api.example.com/items?per_page=2&page=3>; rel=\"next\""
                .parse()
                .unwrap(),
        );
    assert_eq!(next_link_param(&headers, "page").as_deref(), Some("3"));
    assert_eq!(next_link_param(&headers, "cursor"), None);
    headers.insert(
        LINK,
        "<https://api.example.com/items?page=1>; rel=\"first\""
            .parse()
            .unwrap(),
    );
    assert_eq!(next_link_param(&headers, "page"), None);
    headers.insert(LINK, "garbage, <>; rel=next".parse().unwrap());
    assert_eq!(next_link_param(&headers, "page"), None);
}

#[tokio::test]
async fn pages_end_on_the_last_page_an_error_or_a_repeated_cursor() {
    let fetch = |n: u32| async move {
        match n {
            3 => Err(Error::<()>::InvalidRequest("page three".into())),
            n => Ok(Page {
                items: vec![n * 10, n * 10 + 1],
                next: Some(n + 1),
            }),
        }
    };
    let mut items = pages(1, fetch);
    let mut seen = Vec::new();
    while let Some(item) = items.next().await {
        seen.push(item.map_err(|e| e.to_string()));
    }
    assert_eq!(
        seen,
        [
            Ok(10),
            Ok(11),
            Ok(20),
            Ok(21),
            Err("invalid request: page three".into())
        ]
    );
    let mut stuck = pages(1, |n: u32| async move {
        Ok::<_, Error<()>>(Page {
            items: vec![n],
            next: Some(1),
        })
    });
    assert_eq!(stuck.next().await.map(|r| r.ok()), Some(Some(1)));
    assert!(
        stuck.next().await.is_none(),
        "a repeated cursor ends the stream"
    );
}
