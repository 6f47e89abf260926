//! URL templates: placeholders stay literal on the way out, and a filled
//! URL reads back into the values the API put in.

use codegen_runtime::url_template::{Placeholders, ReadError};
use codegen_runtime::{Nullable, UrlTemplate};
use proptest::prelude::*;

fn template(text: &str) -> UrlTemplate {
    UrlTemplate::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn mismatch(result: Result<Placeholders, ReadError>) -> String {
    match result {
        Err(ReadError::Mismatch(why)) => why,
        other => panic!("expected a mismatch, got {other:?}"),
    }
}

#[test]
fn placeholders_stay_literal_and_literals_are_encoded() {
    let built = UrlTemplate::builder("https://Shop.example/rebilly")
        .path_segment("notify me/now")
        .path_placeholder("id")
        .query("shop", "eu {west}&more")
        .query_placeholder("result", "result")
        .build()
        .unwrap();
    assert_eq!(
        built.as_str(),
        "https://Shop.example/rebilly/notify%20me%2Fnow/{id}?shop=eu%20%7Bwest%7D%26more&result={result}"
    );
    assert_eq!(built.to_string(), built.as_str());
    assert_eq!(built.placeholders(), ["id", "result"]);
    // Text given whole is kept exactly as written.
    let text = "https://shop.example/n/{id}?r={result}&x=%C3%A9";
    assert_eq!(template(text).as_str(), text);
    assert_eq!(text.parse::<UrlTemplate>().unwrap(), template(text));
    // Into a nullable URL field and JSON, unchanged.
    assert_eq!(
        Nullable::<String>::from(&built),
        Nullable::Value(built.as_str().to_string())
    );
    assert_eq!(
        serde_json::to_string(&template(text)).unwrap(),
        format!("\"{text}\"")
    );
    let back: UrlTemplate = serde_json::from_str(&format!("\"{text}\"")).unwrap();
    assert_eq!(back, template(text));
}

#[test]
fn builder_joins_paths_and_queries() {
    let cases = [
        ("https://a.example", "https://a.example/n/{id}?k=v"),
        ("https://a.example/", "https://a.example/n/{id}?k=v"),
        (
            "https://a.example/base/",
            "https://a.example/base/n/{id}?k=v",
        ),
        (
            "https://a.example/base?s=1",
            "https://a.example/base/n/{id}?s=1&k=v",
        ),
    ];
    for (base, expected) in cases {
        let built = UrlTemplate::builder(base)
            .path_segment("n")
            .path_placeholder("id")
            .query("k", "v")
            .build()
            .unwrap();
        assert_eq!(built.as_str(), expected, "{base}");
    }
    let only_query = UrlTemplate::builder("https://a.example/hook")
        .query_placeholder("t", "id")
        .build()
        .unwrap();
    assert_eq!(only_query.as_str(), "https://a.example/hook?t={id}");
}

#[test]
fn what_a_template_cannot_be_is_refused() {
    for (text, why) in [
        ("/relative/{id}", "absolute"),
        ("ftp://a.example/{id}", "scheme"),
        ("https:///x", "no host"),
        ("https://{id}.example/x", "host"),
        ("https://user:secret@a.example/x", "user information"),
        ("https://a.example/x#{id}", "fragment"),
        ("https://a.example/{id", "placeholder"),
        ("https://a.example/{}", "placeholder"),
        ("https://a.example/{?id}", "placeholder"),
        ("https://a.example/{id-x}", "placeholder"),
        ("https://a.example/id}", "closes no placeholder"),
        ("https://a.example/a b", "percent-encode"),
        ("https://a.example/é", "percent-encode"),
        ("https://a.example/%4", "%-escape"),
        ("https://a.example/%zz", "%-escape"),
        ("https://a.example/{id}-{result}", "two placeholders"),
        ("https://a.example/x?v={id}{result}", "two placeholders"),
        ("https://a.example/x?{id}=1", "query key"),
        ("https://a.example/x?a=1&a=2", "twice"),
    ] {
        let err = UrlTemplate::parse(text).expect_err(text).to_string();
        assert!(err.contains(why), "{text}: {err}");
    }
    // The builder reports through build().
    let err = UrlTemplate::builder("https://a.example")
        .path_placeholder("not a name")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("placeholder"), "{err}");
}

#[test]
fn placeholders_are_checked_against_what_the_api_offers() {
    let t = template("https://a.example/n?t={id}&r={result}");
    t.check_placeholders(&["id", "result"], &["id"]).unwrap();
    let typo = template("https://a.example/n?t={ID}");
    let err = typo.check_placeholders(&["id", "result"], &[]).unwrap_err();
    assert!(
        err.to_string().contains("{ID} is not a placeholder"),
        "{err}"
    );
    let err = template("https://a.example/n?r={result}")
        .check_placeholders(&["id", "result"], &["id"])
        .unwrap_err();
    assert!(err.to_string().contains("{id} is needed"), "{err}");
}

#[test]
fn a_filled_url_reads_back_from_its_path_and_query() {
    let t = template("https://shop.example/rebilly/{id}/done?result={result}&shop=eu%20west");
    let filled = t.fill(&[("id", "txn_1"), ("result", "approved")]).unwrap();
    assert_eq!(
        filled,
        "https://shop.example/rebilly/txn_1/done?result=approved&shop=eu%20west"
    );
    // As an absolute URL, or the request target a server sees.
    for url in [
        filled.as_str(),
        "HTTPS://SHOP.example:443/rebilly/txn_1/done?result=approved&shop=eu%20west",
        "/rebilly/txn_1/done?result=approved&shop=eu%20west",
        // Query order, extra parameters, `+` for a space and a fragment do not matter.
        "/rebilly/txn_1/done?extra=1&shop=eu+west&result=approved#top",
    ] {
        let read = t.read(url).unwrap_or_else(|e| panic!("{url}: {e}"));
        assert_eq!(
            read.iter().collect::<Vec<_>>(),
            [("id", "txn_1"), ("result", "approved")],
            "{url}"
        );
    }
    // Values are decoded; an encoded `/` stays inside its segment.
    let read = t
        .read("/rebilly/a%2Fb%40c/done?result=de%20clined&shop=eu%20west")
        .unwrap();
    assert_eq!(read.get("id"), Some("a/b@c"));
    assert_eq!(read.get("result"), Some("de clined"));
    assert_eq!(read.get("other"), None);
}

#[test]
fn literal_text_around_a_placeholder_must_be_there() {
    let t = template("https://a.example/tx-{id}.json?r=r:{result}");
    let read = t.read("/tx-txn.1.json.json?r=r:ok").unwrap();
    assert_eq!(
        (read.get("id"), read.get("result")),
        (Some("txn.1.json"), Some("ok"))
    );
    let why = mismatch(t.read("/txn.json?r=r:ok"));
    assert!(why.contains("around {id}"), "{why}");
}

#[test]
fn what_the_template_does_not_make_is_a_mismatch() {
    let t = template("https://shop.example/notify/{id}?result={result}&shop=eu");
    for (url, expected) in [
        (
            "https://evil.example/notify/txn_1?result=approved&shop=eu",
            "is not https://shop.example",
        ),
        (
            "http://shop.example/notify/txn_1?result=approved&shop=eu",
            "is not https://shop.example",
        ),
        (
            "/other/txn_1?result=approved&shop=eu",
            "\"other\" is not \"notify\"",
        ),
        (
            "/notify/txn_1/x?result=approved&shop=eu",
            "number of segments",
        ),
        ("/notify?result=approved&shop=eu", "number of segments"),
        ("/notify/txn_1?shop=eu", "\"result\" is missing"),
        (
            "/notify/txn_1?result=approved&result=declined&shop=eu",
            "given twice",
        ),
        (
            "/notify/txn_1?result=approved&shop=us",
            "\"us\" is not \"eu\"",
        ),
        // The API left a placeholder as it was, or filled it with nothing.
        (
            "/notify/{id}?result=approved&shop=eu",
            "{id} was not filled",
        ),
        (
            "/notify/%7Bid%7D?result=approved&shop=eu",
            "{id} was not filled",
        ),
        ("/notify/txn_1?result=&shop=eu", "{result} was not filled"),
        ("/notify/%FF?result=approved&shop=eu", "not UTF-8"),
        ("notify/txn_1", "neither a path nor an absolute URL"),
    ] {
        let why = mismatch(t.read(url));
        assert!(why.contains(expected), "{url}: {why}");
    }
    // One placeholder used twice must have one value.
    let twice = template("https://a.example/{id}?again={id}");
    assert_eq!(twice.read("/t1?again=t1").unwrap().get("id"), Some("t1"));
    let why = mismatch(twice.read("/t1?again=t2"));
    assert!(why.contains("two values"), "{why}");
}

#[test]
fn an_empty_path_and_slash_are_the_same() {
    for text in ["https://a.example?t={id}", "https://a.example/?t={id}"] {
        let t = template(text);
        for url in ["/?t=x", "https://a.example?t=x", "https://a.example/?t=x"] {
            assert_eq!(t.read(url).unwrap().get("id"), Some("x"), "{text} {url}");
        }
    }
}

#[test]
fn read_as_gives_a_typed_value() {
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Notification {
        id: String,
        result: Outcome,
        note: Option<String>,
    }
    #[derive(serde::Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "lowercase")]
    enum Outcome {
        Approved,
        Declined,
    }
    let t = template("https://a.example/n?id={id}&result={result}");
    let n: Notification = t.read_as("/n?id=txn_1&result=declined").unwrap();
    assert_eq!(
        n,
        Notification {
            id: "txn_1".into(),
            result: Outcome::Declined,
            note: None
        }
    );
    // A value the type refuses is a decode error, not a mismatch.
    let err = t
        .read_as::<Notification>("/n?id=txn_1&result=maybe")
        .unwrap_err();
    assert!(matches!(err, ReadError::Decode(_)), "{err:?}");
    // A template without a field the type requires fails to decode too.
    let err = template("https://a.example/n?id={id}")
        .read_as::<Notification>("/n?id=txn_1")
        .unwrap_err();
    assert!(err.to_string().contains("result"), "{err}");
}

#[test]
fn fill_needs_every_value() {
    let t = template("https://a.example/{id}?r={result}");
    let err = t.fill(&[("id", "x")]).unwrap_err();
    assert!(err.to_string().contains("no value for {result}"), "{err}");
}

proptest! {
    /// Whatever the API puts in, the same values read back, from the
    /// absolute URL and from the request target.
    #[test]
    fn filled_values_read_back(
        id in "\\PC{1,20}",
        result in "\\PC{1,12}",
        literal in "[ -~]{0,8}",
    ) {
        prop_assume!(id != "{id}" && result != "{result}");
        let t = UrlTemplate::builder("https://a.example/hooks")
            .path_segment(&literal)
            .path_placeholder("id")
            .query("lit", &literal)
            .query_placeholder("result", "result")
            .build()
            .unwrap();
        let filled = t.fill(&[("id", &id), ("result", &result)]).unwrap();
        let target = &filled["https://a.example".len()..];
        for url in [filled.as_str(), target] {
            let read = t.read(url).unwrap();
            prop_assert_eq!(read.get("id"), Some(id.as_str()));
            prop_assert_eq!(read.get("result"), Some(result.as_str()));
        }
    }
}
