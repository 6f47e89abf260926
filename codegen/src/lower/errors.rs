//! Error enums by shape, decided once every operation is lowered (and its
//! large payloads boxed): operations whose documented error responses are
//! the same (statuses, variant names, payload types) answer with one enum.
//! An enum only one operation uses is named after it (`CreatePayoutError`);
//! a shared one after what it holds (`NotFoundError`,
//! `ForbiddenOrNotFoundError`, `Http400To500Error`). Operations that
//! document no error answer with the runtime's `NoDocumentedErrors`.

use crate::shared::HashMap;

use crate::ident::{self, RustIdent, Scope};
use crate::model::{
    Api, Docs, ErrorEnum, MediaKind, Operation, Outcome, PlainBody, PlainReading, StatusMatch,
};

/// Names the client module, or an API's root, already gives to something
/// else: the runtime's re-exports and the client's own items.
const TAKEN: &[&str] = &[
    "Client",
    "ClientBuilder",
    "Error",
    "ApiError",
    "NoDocumentedErrors",
    "Response",
    "Result",
    "RetryPolicy",
    "Secret",
    "Call",
];

/// Fills `api.error_enums` and each operation's `error_type` and `plain`.
pub fn share(api: &mut Api) {
    for op in &mut api.operations {
        op.plain = plain(op);
    }
    let mut by_shape: HashMap<String, usize> = HashMap::default();
    let mut enums: Vec<ErrorEnum> = Vec::new();
    let mut of_op: Vec<Option<usize>> = Vec::with_capacity(api.operations.len());
    for op in &api.operations {
        if op.errors.is_empty() {
            of_op.push(None);
            continue;
        }
        let at = *by_shape.entry(shape(op)).or_insert_with(|| {
            enums.push(ErrorEnum {
                name: RustIdent::default(),
                outcomes: op.errors.clone(),
                users: Vec::new(),
                read_error: false,
                gate: Default::default(),
                part: None,
            });
            enums.len() - 1
        });
        let shared = &mut enums[at];
        if !shared.users.is_empty() {
            for (mine, theirs) in shared.outcomes.iter_mut().zip(&op.errors) {
                if mine.docs != theirs.docs {
                    mine.docs = Docs::default();
                }
            }
        }
        shared.users.push(op.name.clone());
        shared.read_error |= op.plain.is_some();
        of_op.push(Some(at));
    }
    name(api, &mut enums, &of_op);
    for (op, at) in api.operations.iter_mut().zip(&of_op) {
        op.error_type = at.map(|i| enums[i].name.clone());
    }
    api.error_enums = enums;
}

/// How `op` reads its one success, when one reading serves every 2XX and
/// nothing else needs the status: no response enum, no stream, no
/// documented error among the 2XX.
fn plain(op: &Operation) -> Option<PlainReading> {
    let two_xx =
        |s: &StatusMatch| matches!(s, StatusMatch::Range(2) | StatusMatch::Code(200..=299));
    if op.response_enum.is_some()
        || !op.streamed().is_empty()
        || op.errors.iter().any(|o| two_xx(&o.status))
    {
        return None;
    }
    let one = match op.success.as_slice() {
        [] => {
            return Some(PlainReading {
                body: PlainBody::Empty,
                declared: None,
            });
        }
        [one] => one,
        _ => return None,
    };
    let declared = match one.status {
        StatusMatch::Code(c @ 200..=299) => Some(c),
        StatusMatch::Range(2) | StatusMatch::Default => None,
        _ => return None,
    };
    let body = match &one.body {
        Some((MediaKind::Json | MediaKind::Form | MediaKind::Multipart, _)) => PlainBody::Json,
        Some((MediaKind::Text, _)) => PlainBody::Text,
        None => PlainBody::Empty,
        Some((MediaKind::Binary | MediaKind::Stream(_), _)) => return None,
    };
    Some(PlainReading { body, declared })
}

/// What makes two operations' errors one type: each variant's status,
/// name, payload and boxing, and the headers type an error carries.
fn shape(op: &Operation) -> String {
    let variants: Vec<_> = op
        .errors
        .iter()
        .map(|o| (&o.status, &o.variant, &o.body, o.boxed))
        .collect();
    let headers = op
        .headers
        .as_ref()
        .filter(|h| h.on_error)
        .map(|h| h.name.as_str());
    format!("{variants:?} {headers:?}")
}

/// Names each enum: after its operation when it has one user, after what it
/// holds when shared, clear of every other name in the client module.
fn name(api: &Api, enums: &mut [ErrorEnum], of_op: &[Option<usize>]) {
    let mut scope = Scope::new();
    for taken in TAKEN {
        scope.reserve(taken);
    }
    scope.reserve(&api.api_trait);
    for op in &api.operations {
        let own = [&op.response_enum, &op.params_struct, &op.builder];
        for name in own.into_iter().flatten() {
            scope.reserve(name);
        }
        if let Some(h) = &op.headers {
            scope.reserve(&h.name);
        }
    }
    for (op, at) in api.operations.iter().zip(of_op) {
        if let Some(at) = *at
            && enums[at].users.len() == 1
        {
            let camel = ident::camel(op.name.plain());
            enums[at].name = scope.claim(&format!("{camel}Error")).into();
        }
    }
    for e in enums.iter_mut().filter(|e| e.users.len() > 1) {
        e.name = scope.claim(&content_name(&e.outcomes)).into();
    }
}

/// A name for what the variants are: up to three by their names
/// (`ForbiddenOrNotFoundError`), more by the range of their statuses
/// (`Http400To500Error`, `Http400ToOtherError` with a `default`).
fn content_name(outcomes: &[Outcome]) -> String {
    let words: Vec<&str> = outcomes.iter().map(|o| o.variant.as_str()).collect();
    let base = match words.as_slice() {
        [] => "Documented".to_string(),
        [one] => one.to_string(),
        [init @ .., last] if words.len() <= 3 => format!("{}Or{last}", init.concat()),
        _ => {
            let label = |s: &StatusMatch| match s {
                StatusMatch::Code(c) => c.to_string(),
                StatusMatch::Range(r) => format!("{r}xx"),
                StatusMatch::Default => "Other".to_string(),
            };
            let mut statuses: Vec<&StatusMatch> = outcomes.iter().map(|o| &o.status).collect();
            statuses.sort();
            let first = statuses.first().map(|s| label(s)).unwrap_or_default();
            let last = statuses.last().map(|s| label(s)).unwrap_or_default();
            format!("Http{first}To{last}")
        }
    };
    if base.ends_with("Error") {
        base
    } else {
        format!("{base}Error")
    }
}

#[cfg(test)]
mod tests;
