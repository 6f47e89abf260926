//! Every row of the OpenAPI style tables, for each location, with the
//! exact bytes; encodings, exact numbers and refused values.

use std::collections::BTreeMap;
use std::str::FromStr;

use reqwest::Method;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{Amount, admin};
use crate::runtime::RequestParts;
use crate::runtime::wire::{Param, Style};

const PRIMITIVE: i32 = 5;
const ARRAY: [i32; 3] = [3, 4, 5];

pub(super) fn parts() -> RequestParts {
    RequestParts::start(Method::GET, "/")
}

fn query<T: Serialize + ?Sized>(param: Param, value: &T) -> String {
    let mut p = parts();
    p.query_param(&param, value);
    assert_eq!(p.invalid, None, "{param:?}");
    p.query
}

fn path<T: Serialize + ?Sized>(param: Param, value: &T) -> String {
    let mut p = RequestParts::start(Method::GET, "/users/{}");
    p.path_param(&param, value);
    assert_eq!(p.problem(), None, "{param:?}");
    p.path
}

fn header<T: Serialize + ?Sized>(param: Param, value: &T) -> Option<String> {
    let mut p = parts();
    p.header_param(&param, value);
    assert_eq!(p.invalid, None, "{param:?}");
    p.headers.pop().map(|(name, value)| {
        assert_eq!(name, param.name);
        value
    })
}

fn cookie<T: Serialize + ?Sized>(param: Param, value: &T) -> String {
    let mut p = parts();
    p.cookie_param(&param, value);
    assert_eq!(p.invalid, None, "{param:?}");
    p.cookies.join("; ")
}

/// The problem recorded for a value the style cannot express.
pub(super) fn refused(describe: impl FnOnce(&mut RequestParts)) -> String {
    let mut p = RequestParts::start(Method::GET, "/{}");
    describe(&mut p);
    p.problem().expect("accepted")
}

/// (style, explode, primitive, array, object) for `id`.
type Row = (Style, bool, &'static str, &'static str, &'static str);

#[test]
fn query_style_table() {
    let rows: [Row; 9] = [
        (
            Style::Form,
            true,
            "id=5",
            "id=3&id=4&id=5",
            "role=admin&firstName=Alex",
        ),
        (
            Style::Form,
            false,
            "id=5",
            "id=3,4,5",
            "id=role,admin,firstName,Alex",
        ),
        (
            Style::SpaceDelimited,
            false,
            "id=5",
            "id=3%204%205",
            "id=role%20admin%20firstName%20Alex",
        ),
        (
            Style::SpaceDelimited,
            true,
            "id=5",
            "id=3&id=4&id=5",
            "role=admin&firstName=Alex",
        ),
        (
            Style::PipeDelimited,
            false,
            "id=5",
            "id=3|4|5",
            "id=role|admin|firstName|Alex",
        ),
        (
            Style::PipeDelimited,
            true,
            "id=5",
            "id=3&id=4&id=5",
            "role=admin&firstName=Alex",
        ),
        (
            Style::DeepObject,
            true,
            "id=5",
            "id[0]=3&id[1]=4&id[2]=5",
            "id[role]=admin&id[firstName]=Alex",
        ),
        (
            Style::DeepObject,
            false,
            "id=5",
            "id[0]=3&id[1]=4&id[2]=5",
            "id[role]=admin&id[firstName]=Alex",
        ),
        (
            Style::Json,
            false,
            "id=5",
            "id=%5B3%2C4%2C5%5D",
            "id=%7B%22role%22%3A%22admin%22%2C%22firstName%22%3A%22Alex%22%7D",
        ),
    ];
    for (style, explode, primitive, array, object) in rows {
        let param = Param::new("id", style, explode);
        assert_eq!(query(param, &PRIMITIVE), primitive, "{param:?}");
        assert_eq!(query(param, &ARRAY), array, "{param:?}");
        assert_eq!(query(param, &admin()), object, "{param:?}");
    }
}

#[test]
fn path_style_table() {
    let rows: [Row; 7] = [
        (
            Style::Simple,
            false,
            "5",
            "3,4,5",
            "role,admin,firstName,Alex",
        ),
        (
            Style::Simple,
            true,
            "5",
            "3,4,5",
            "role=admin,firstName=Alex",
        ),
        (
            Style::Label,
            false,
            ".5",
            ".3,4,5",
            ".role,admin,firstName,Alex",
        ),
        (
            Style::Label,
            true,
            ".5",
            ".3.4.5",
            ".role=admin.firstName=Alex",
        ),
        (
            Style::Matrix,
            false,
            ";id=5",
            ";id=3,4,5",
            ";id=role,admin,firstName,Alex",
        ),
        (
            Style::Matrix,
            true,
            ";id=5",
            ";id=3;id=4;id=5",
            ";role=admin;firstName=Alex",
        ),
        (
            Style::Json,
            false,
            "5",
            "%5B3%2C4%2C5%5D",
            "%7B%22role%22%3A%22admin%22%2C%22firstName%22%3A%22Alex%22%7D",
        ),
    ];
    for (style, explode, primitive, array, object) in rows {
        let param = Param::new("id", style, explode);
        let users = |s: &str| format!("/users/{s}");
        assert_eq!(path(param, &PRIMITIVE), users(primitive), "{param:?}");
        assert_eq!(path(param, &ARRAY), users(array), "{param:?}");
        assert_eq!(path(param, &admin()), users(object), "{param:?}");
    }
}

#[test]
fn header_style_table() {
    let rows: [Row; 3] = [
        (
            Style::Simple,
            false,
            "5",
            "3,4,5",
            "role,admin,firstName,Alex",
        ),
        (
            Style::Simple,
            true,
            "5",
            "3,4,5",
            "role=admin,firstName=Alex",
        ),
        (
            Style::Json,
            false,
            "5",
            "[3,4,5]",
            r#"{"role":"admin","firstName":"Alex"}"#,
        ),
    ];
    for (style, explode, primitive, array, object) in rows {
        let param = Param::new("X-Id", style, explode);
        assert_eq!(header(param, &PRIMITIVE).as_deref(), Some(primitive));
        assert_eq!(header(param, &ARRAY).as_deref(), Some(array));
        assert_eq!(header(param, &admin()).as_deref(), Some(object));
    }
    let simple = Param::new("X-Id", Style::Simple, false);
    assert_eq!(header(simple, &None::<i32>), None);
    assert_eq!(header(simple, "a b,c").as_deref(), Some("a b,c"));
}

#[test]
fn cookie_style_table() {
    let rows: [Row; 3] = [
        (
            Style::Form,
            false,
            "id=5",
            "id=3,4,5",
            "id=role,admin,firstName,Alex",
        ),
        (
            Style::Form,
            true,
            "id=5",
            "id=3; id=4; id=5",
            "role=admin; firstName=Alex",
        ),
        (
            Style::Json,
            false,
            "id=5",
            "id=[3%2C4%2C5]",
            r#"id={%22role%22:%22admin%22%2C%22firstName%22:%22Alex%22}"#,
        ),
    ];
    for (style, explode, primitive, array, object) in rows {
        let param = Param::new("id", style, explode);
        assert_eq!(cookie(param, &PRIMITIVE), primitive, "{param:?}");
        assert_eq!(cookie(param, &ARRAY), array, "{param:?}");
        assert_eq!(cookie(param, &admin()), object, "{param:?}");
    }
    let form = Param::new("session", Style::Form, false);
    assert_eq!(
        cookie(form, "a b;c,d%é=\""),
        "session=a%20b%3Bc%2Cd%25%C3%A9=%22"
    );
    assert_eq!(cookie(form, &None::<&str>), "");
    assert_eq!(cookie(form, &Vec::<i32>::new()), "session=");
}

#[test]
fn cookies_share_one_list() {
    let mut p = parts();
    p.cookie_param(&Param::new("lang", Style::Form, true), "en");
    p.cookie_param(&Param::new("ids", Style::Form, true), &[1, 2]);
    assert_eq!(p.cookies, ["lang=en", "ids=1", "ids=2"]);
}

#[test]
fn query_values_are_percent_encoded() {
    let form = Param::new("q", Style::Form, true);
    assert_eq!(
        query(form, "a b&c/d?e#f%g+é"),
        "q=a%20b%26c%2Fd%3Fe%23f%25g%2B%C3%A9"
    );
    assert_eq!(query(form, ""), "q=");
    // Names keep brackets; data keys are encoded in full.
    let named = Param::new("filter[status]", Style::Form, true);
    assert_eq!(query(named, "a,b"), "filter[status]=a%2Cb");
    let deep = Param::new("f", Style::DeepObject, true);
    let keys = BTreeMap::from([("a b[c]", 1)]);
    assert_eq!(query(deep, &keys), "f[a%20b%5Bc%5D]=1");
    // A comma in an item is encoded, the delimiter is not.
    let csv = Param::new("t", Style::Form, false);
    assert_eq!(query(csv, &["a,b", "c|d"]), "t=a%2Cb,c%7Cd");
}

#[test]
fn allow_reserved_keeps_reserved_characters_but_not_those_that_break_the_query() {
    let param = Param::new("next", Style::Form, true).allow_reserved();
    assert_eq!(
        query(param, "http://x/a?b=[1]@!$'()*+,;=#&% z"),
        "next=http://x/a?b=[1]@!$%27()*+,;=%23%26%25%20z"
    );
}

#[test]
fn absent_and_empty_values() {
    for style in [
        Style::Form,
        Style::SpaceDelimited,
        Style::PipeDelimited,
        Style::DeepObject,
        Style::Json,
    ] {
        for explode in [true, false] {
            assert_eq!(
                query(Param::new("id", style, explode), &None::<Vec<i32>>),
                ""
            );
        }
    }
    let empty = Vec::<i32>::new();
    assert_eq!(query(Param::new("id", Style::Form, true), &empty), "");
    assert_eq!(query(Param::new("id", Style::Form, false), &empty), "id=");
    assert_eq!(
        query(Param::new("id", Style::PipeDelimited, false), &empty),
        "id="
    );
    // Null items and properties are left out.
    assert_eq!(
        query(
            Param::new("id", Style::Form, false),
            &[Some(1), None, Some(2)]
        ),
        "id=1,2"
    );
    let partial = BTreeMap::from([("a", Some(1)), ("b", None)]);
    assert_eq!(query(Param::new("id", Style::Form, true), &partial), "a=1");
    assert_eq!(
        path(Param::new("id", Style::Matrix, false), ""),
        "/users/;id"
    );
    assert_eq!(
        path(Param::new("id", Style::Matrix, false), &empty),
        "/users/;id"
    );
}

#[test]
fn deep_object_nests_objects_and_indexes_arrays() {
    #[derive(Serialize)]
    struct Created {
        gt: i64,
        lte: Option<i64>,
    }
    #[derive(Serialize)]
    struct Filter {
        created: Created,
        expand: Vec<&'static str>,
        status: Option<&'static str>,
        nested: Vec<BTreeMap<&'static str, bool>>,
    }
    let filter = Filter {
        created: Created {
            gt: 1_700_000_000,
            lte: None,
        },
        expand: vec!["data.source", "customer"],
        status: None,
        nested: vec![BTreeMap::from([("x", true)])],
    };
    assert_eq!(
        query(Param::new("filter", Style::DeepObject, true), &filter),
        "filter[created][gt]=1700000000&filter[expand][0]=data.source\
         &filter[expand][1]=customer&filter[nested][0][x]=true"
    );
    let expand = Param::new("expand", Style::DeepObject, true);
    assert_eq!(query(expand, &["a", "b"]), "expand[0]=a&expand[1]=b");
}

#[test]
fn numbers_booleans_and_dates_keep_their_text() {
    let param = Param::new("v", Style::Form, true);
    let amount = Amount(Decimal::from_str("10.50").unwrap());
    assert_eq!(query(param, &amount), "v=10.50");
    assert_eq!(query(param, &[true, false]), "v=true&v=false");
    assert_eq!(query(param, &0.1f64), "v=0.1");
    assert_eq!(query(param, &0.1f32), "v=0.1");
    assert_eq!(query(param, &-2.5e-7f64), "v=-0.00000025");
    assert_eq!(query(param, &u64::MAX), "v=18446744073709551615");
    assert_eq!(query(param, &i64::MIN), "v=-9223372036854775808");
    let at = chrono::DateTime::parse_from_rfc3339("2024-01-02T03:04:05Z").unwrap();
    assert_eq!(query(param, &at.to_utc()), "v=2024-01-02T03%3A04%3A05Z");
    let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 2).unwrap();
    assert_eq!(query(param, &day), "v=2024-01-02");
    assert_eq!(
        header(Param::new("X-Amount", Style::Simple, false), &amount).as_deref(),
        Some("10.50")
    );
    assert_eq!(
        query(Param::new("v", Style::Json, false), &[amount]),
        "v=%5B10.50%5D"
    );
}

#[test]
fn path_values_stay_inside_their_segment() {
    let simple = Param::new("id", Style::Simple, false);
    assert_eq!(path(simple, "a/b c;d?e#f"), "/users/a%2Fb%20c%3Bd%3Fe%23f");
    assert_eq!(path(simple, "~x-y_z.w"), "/users/~x-y_z.w");
    let label = Param::new("id", Style::Label, false);
    assert_eq!(path(label, &["a.b", "c,d"]), "/users/.a.b,c%2Cd");
    let mut p = RequestParts::start(Method::GET, "/a/{}/b/{}.json");
    p.path_param(&simple, &7)
        .path_param(&Param::new("f", Style::Simple, false), "x y");
    assert_eq!((p.path.as_str(), p.problem()), ("/a/7/b/x%20y.json", None));
    for bad in ["", ".", ".."] {
        let problem = refused(|p| {
            p.path_param(&simple, bad);
        });
        assert!(problem.contains("\"id\""), "{problem}");
    }
    let problem = refused(|p| {
        p.path_param(&label, ".");
    });
    assert!(problem.contains("would change the path"), "{problem}");
    let problem = refused(|p| {
        p.path_param(&simple, &None::<i32>);
    });
    assert!(problem.contains("\"id\" has no value"), "{problem}");
}

#[test]
fn a_missing_or_extra_path_parameter_is_an_error() {
    assert_eq!(refused(|_| {}), "a path parameter is missing");
    let simple = Param::new("id", Style::Simple, false);
    let problem = refused(|p| {
        p.path_param(&simple, &1).path_param(&simple, &2);
    });
    assert!(problem.contains("more path parameters"), "{problem}");
    assert_eq!(path(simple, &1), "/users/1");
}

#[test]
fn headers_with_control_characters_are_refused() {
    let problem = refused(|p| {
        p.path_param(&Param::new("id", Style::Simple, false), &1);
        p.header_param(
            &Param::new("X-Test", Style::Simple, false),
            "a\r\nInjected: yes",
        );
    });
    assert!(problem.contains("X-Test"), "{problem}");
}
