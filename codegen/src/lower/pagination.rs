//! Which list operations get a paginator, and how they page: decided from
//! the model once every type is final, or as the spec's `x-pagination`
//! says.
//!
//! Conventions recognised, where they are unambiguous:
//! - a `has_more` flag, items with an `id`, and a `starting_after` query
//!   parameter (the last item's id goes back in it);
//! - a cursor field in the answer (`next_cursor`, `nextCursor`,
//!   `next_page_token`, `nextPageToken`) and a query parameter to send it
//!   back in (`cursor`, `page_token`, `pageToken`, `after`, `starting_after`);
//! - a `page` number parameter: with a declared `Link` response header, the
//!   pages run while the answer links `rel="next"`; without one, until a
//!   page comes back empty.
//!
//! `x-pagination: false` turns detection off for an operation;
//! `x-pagination: {style: has_more | cursor | page | link, items, param,
//! next, flag}` names the parts (wire names) when detection cannot.

use serde_json::Value;

use crate::model::{
    Api, Field, FieldRef, Operation, PageKind, Pagination, ParamLocation, TypeKind, TypeRef,
};

const CURSOR_FIELDS: [&str; 5] = [
    "next_cursor",
    "nextCursor",
    "next_page_token",
    "nextPageToken",
    "cursor",
];
const CURSOR_PARAMS: [&str; 6] = [
    "cursor",
    "page_token",
    "pageToken",
    "after",
    "starting_after",
    "next",
];

/// Decides every operation's pagination; returns (pointer, message) notes
/// for what the spec asked that could not be done.
pub fn decide(api: &mut Api) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    let decisions: Vec<Option<Pagination>> = api
        .operations
        .iter()
        .map(|op| {
            let hint = op.pagination_hint.as_ref();
            if hint == Some(&Value::Bool(false)) {
                return None;
            }
            let found = detect(api, op, hint);
            if found.is_none() && hint.is_some_and(Value::is_object) {
                problems.push((
                    op.id.clone(),
                    format!(
                        "x-pagination of {} does not match its parameters and answer; no paginator",
                        op.id
                    ),
                ));
            }
            found
        })
        .collect();
    for (op, pagination) in api.operations.iter_mut().zip(decisions) {
        op.pagination = pagination;
    }
    problems
}

fn detect(api: &Api, op: &Operation, hint: Option<&Value>) -> Option<Pagination> {
    // A streamed answer is read as it arrives, never paged.
    if op.method != "GET" || op.response_enum.is_some() || !op.streamed().is_empty() {
        return None;
    }
    let hinted = |key: &str| hint.and_then(|h| h.get(key)).and_then(Value::as_str);
    let style = hinted("style");
    let (_, body) = op.success.first()?.body.as_ref()?;
    let optional_query = |wire: &str| {
        op.params
            .iter()
            .find(|p| p.location == ParamLocation::Query && !p.required && p.wire_name == wire)
    };
    // The answer: an array, or an object with one list of items.
    let (items, item, fields) = match body {
        TypeRef::Vec(item) => (None, (**item).clone(), &[][..]),
        TypeRef::Named(name) => {
            let TypeKind::Struct(s) = &api.type_def(*name)?.kind else {
                return None;
            };
            let lists: Vec<&Field> = s
                .fields
                .iter()
                .filter(|f| matches!(f.ty, TypeRef::Vec(_)))
                .filter(|f| hinted("items").is_none_or(|w| w == f.wire_name))
                .collect();
            let list = match lists.as_slice() {
                [one] => *one,
                many => many
                    .iter()
                    .copied()
                    .find(|f| matches!(f.wire_name.as_str(), "data" | "items" | "results"))?,
            };
            let TypeRef::Vec(item) = &list.ty else {
                return None;
            };
            (Some(FieldRef::of(list)), (**item).clone(), &s.fields[..])
        }
        _ => return None,
    };
    let field = |wire: &str, ty: &TypeRef| {
        fields
            .iter()
            .find(|f| f.wire_name == wire && &f.ty == ty)
            .map(FieldRef::of)
    };
    let items_wire = items.as_ref().map_or("the answer", |_| "its items");

    // has_more + starting_after.
    if style.is_none_or(|s| s == "has_more")
        && let Some(flag) = field(hinted("flag").unwrap_or("has_more"), &TypeRef::Bool)
        && let Some(param) = optional_query(hinted("param").unwrap_or("starting_after"))
        && param.ty == TypeRef::String
        && let Some(id) = item_id(api, &item)
    {
        return Some(Pagination {
            reason: format!(
                "`{}` and the last item's `id` passed back as `{}`",
                hinted("flag").unwrap_or("has_more"),
                param.wire_name
            ),
            items,
            item,
            kind: PageKind::HasMore {
                flag,
                id,
                param: param.name.to_string(),
            },
        });
    }
    // A cursor field and a parameter to send it back in.
    if style.is_none_or(|s| s == "cursor") {
        let next = match hinted("next") {
            Some(wire) => field(wire, &TypeRef::String).map(|f| (wire, f)),
            None => CURSOR_FIELDS
                .iter()
                .find_map(|w| field(w, &TypeRef::String).map(|f| (*w, f))),
        };
        let param = match hinted("param") {
            Some(wire) => optional_query(wire),
            None => CURSOR_PARAMS.iter().find_map(|w| optional_query(w)),
        };
        if let (Some((next_wire, next)), Some(param)) = (next, param)
            && param.ty == TypeRef::String
        {
            return Some(Pagination {
                reason: format!("`{next_wire}` passed back as `{}`", param.wire_name),
                items,
                item,
                kind: PageKind::Cursor {
                    next,
                    param: param.name.to_string(),
                },
            });
        }
    }
    // Page numbers.
    if style.is_none_or(|s| s == "page" || s == "link")
        && let Some(param) = optional_query(hinted("param").unwrap_or("page"))
        && matches!(param.ty, TypeRef::I64 | TypeRef::I32)
    {
        let link = style == Some("link")
            || op.headers.as_ref().is_some_and(|h| {
                h.fields
                    .iter()
                    .any(|f| f.wire_name.eq_ignore_ascii_case("link"))
            });
        let start = param.constraints.minimum.map_or(1, |m| m as i64);
        let reason = if link {
            format!(
                "`{}` numbers, while the answer links `rel=\"next\"`",
                param.wire_name
            )
        } else {
            format!(
                "`{}` numbers, until {items_wire} come back empty",
                param.wire_name
            )
        };
        return Some(Pagination {
            reason,
            items,
            item,
            kind: PageKind::Number {
                param: param.name.to_string(),
                start,
                link,
            },
        });
    }
    None
}

/// The `id` string field of an item type.
fn item_id(api: &Api, item: &TypeRef) -> Option<FieldRef> {
    let TypeRef::Named(name) = item else {
        return None;
    };
    let TypeKind::Struct(s) = &api.type_def(*name)?.kind else {
        return None;
    };
    s.fields
        .iter()
        .find(|f| f.wire_name == "id" && f.ty == TypeRef::String)
        .map(FieldRef::of)
}
