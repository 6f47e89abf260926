//! Changes to the client's methods: operations, their arguments and
//! optional parameters, bodies, answers and errors, credentials and pages.

use super::types::constraints;
use super::{Changes, Side, tidy};
use crate::diagnostics::child;
use crate::model::{Api, Body, Operation, Outcome, Param, ParamLocation, StatusMatch};

pub(super) fn compare(old: &Api, new: &Api, out: &mut Changes) {
    // The same method and path under another name: the operation was renamed.
    let same_request = |a: &Operation, b: &Operation| a.method == b.method && a.path == b.path;
    for n in &new.operations {
        match old.operations.iter().find(|o| o.name == n.name) {
            Some(o) => operation(o, n, out),
            None => {
                match old.operations.iter().find(|o| {
                    same_request(o, n) && !new.operations.iter().any(|x| x.name == o.name)
                }) {
                    Some(o) => {
                        out.breaking(
                            &item(o),
                            format!("renamed to `Client::{}`", n.name),
                            Side::New,
                            &pointer(n),
                        );
                        operation(o, n, out);
                    }
                    None => out.additive(
                        &item(n),
                        format!("new operation: {} {}", n.method, n.path),
                        Side::New,
                        &pointer(n),
                    ),
                }
            }
        }
    }
    for o in &old.operations {
        let kept = new
            .operations
            .iter()
            .any(|n| n.name == o.name || same_request(o, n));
        if !kept {
            out.breaking(
                &item(o),
                format!("removed ({} {})", o.method, o.path),
                Side::Old,
                &pointer(o),
            );
        }
    }
    // The API trait has a method per operation, without a default body:
    // each new one is a method its implementors (stand-ins) must write.
    let added: Vec<&str> = new
        .operations
        .iter()
        .filter(|n| !old.operations.iter().any(|o| o.name == n.name))
        .map(|n| n.name.as_str())
        .collect();
    if !added.is_empty() && old.api_trait == new.api_trait {
        let s = if added.len() == 1 { "" } else { "s" };
        out.breaking(
            &new.api_trait,
            format!(
                "new method{s} {}: implementors of the trait (stand-ins) must add {}",
                super::list(&added),
                if added.len() == 1 { "it" } else { "them" }
            ),
            Side::New,
            "#/paths",
        );
    }
    super::client::compare(old, new, out);
}

fn item(op: &Operation) -> String {
    format!("Client::{}", op.name)
}

/// The operation in its document: `#/paths/~1payouts/post`.
fn pointer(op: &Operation) -> String {
    child(&child("#/paths", &op.path), &op.method.to_lowercase())
}

fn operation(o: &Operation, n: &Operation, out: &mut Changes) {
    let name = item(n);
    let at = pointer(n);
    if (&o.method, &o.request_path) != (&n.method, &n.request_path) {
        out.breaking(
            &name,
            format!(
                "sends {} {} (was {} {})",
                n.method, n.request_path, o.method, o.request_path
            ),
            Side::New,
            &at,
        );
    }
    let (old_args, [old_ok, old_err, old_headers]) = crate::emit::method_shape(out.old, o);
    let (new_args, [new_ok, new_err, new_headers]) = crate::emit::method_shape(out.new, n);
    if old_args != new_args {
        let args = |a: &[String]| tidy(format!("({})", a.join(", ")));
        out.breaking(
            &name,
            format!("arguments `{}` → `{}`", args(&old_args), args(&new_args)),
            Side::New,
            &at,
        );
    }
    if old_ok != new_ok {
        out.breaking(
            &name,
            format!("answers with `{}` (was `{}`)", tidy(new_ok), tidy(old_ok)),
            Side::New,
            &format!("{at}/responses"),
        );
    }
    if old_err != new_err {
        out.breaking(
            &name,
            format!("fails with `{}` (was `{}`)", tidy(new_err), tidy(old_err)),
            Side::New,
            &format!("{at}/responses"),
        );
    }
    if old_headers != new_headers {
        out.breaking(
            &name,
            format!(
                "its answers' headers are read into `{}` (was `{}`)",
                tidy(new_headers),
                tidy(old_headers)
            ),
            Side::New,
            &format!("{at}/responses"),
        );
    }
    params(o, n, &at, out);
    if let (Some(a), Some(b)) = (&o.body, &n.body) {
        body(&name, a, b, &at, out);
    }
    if let (Some(a), Some(b)) = (&o.idempotency, &n.idempotency)
        && a.header != b.header
    {
        out.breaking(
            &name,
            format!(
                "sends its idempotency key in `{}` (was `{}`)",
                b.header, a.header
            ),
            Side::New,
            &at,
        );
    }
    outcomes(&name, &o.success, &n.success, true, &at, out);
    let error_type = |op: &Operation| {
        op.error_type
            .as_ref()
            .map_or_else(|| "NoDocumentedErrors".to_string(), ToString::to_string)
    };
    // A changed error type is reported with the method's shape, above.
    outcomes(&error_type(n), &o.errors, &n.errors, false, &at, out);
    security(&name, &o.security, &n.security, &at, out);
    if let (Some(a), Some(b)) = (&o.headers, &n.headers) {
        for h in &b.fields {
            let field = format!("{}::{}", b.name, h.name);
            match a
                .fields
                .iter()
                .find(|x| x.wire_name.eq_ignore_ascii_case(&h.wire_name))
            {
                None => out.additive(
                    &field,
                    format!("new response header `{}`", h.wire_name),
                    Side::New,
                    &at,
                ),
                Some(x) if !out.same_ref(&x.ty, &h.ty) || x.name != h.name => out.breaking(
                    &field,
                    format!("response header `{}` changed", h.wire_name),
                    Side::New,
                    &at,
                ),
                Some(_) => {}
            }
        }
        for h in &a.fields {
            if !b
                .fields
                .iter()
                .any(|x| x.wire_name.eq_ignore_ascii_case(&h.wire_name))
            {
                out.breaking(
                    &format!("{}::{}", a.name, h.name),
                    format!("response header `{}` removed", h.wire_name),
                    Side::Old,
                    &pointer(o),
                );
            }
        }
    }
    match (&o.pagination, &n.pagination) {
        (None, Some(_)) => out.additive(
            &format!("Client::{}_stream", n.name),
            "new paginator: every item of every page".into(),
            Side::New,
            &at,
        ),
        (Some(_), None) => out.breaking(
            &format!("Client::{}_stream", o.name),
            "paginator removed".into(),
            Side::Old,
            &pointer(o),
        ),
        (Some(a), Some(b)) if a.kind != b.kind || a.item != b.item => out.breaking(
            &format!("Client::{}_stream", n.name),
            "pages differently".into(),
            Side::New,
            &at,
        ),
        _ => {}
    }
    out.documentation(&name, &o.docs, &n.docs, &at);
}

fn location(l: &ParamLocation) -> &'static str {
    match l {
        ParamLocation::Path => "the path",
        ParamLocation::Query => "the query",
        ParamLocation::Header => "a header",
        ParamLocation::Cookie => "a cookie",
        ParamLocation::QueryString(_) => "the whole query string",
    }
}

/// The same parameter in both: by wire name (a header's in any case).
fn same(a: &Param, b: &Param) -> bool {
    match (&a.location, &b.location) {
        (ParamLocation::Header, ParamLocation::Header) => {
            a.wire_name.eq_ignore_ascii_case(&b.wire_name)
        }
        _ => a.wire_name == b.wire_name,
    }
}

/// What the signature does not show: where and how a parameter is sent,
/// and the optional ones (fields of the `…Params` struct).
fn params(o: &Operation, n: &Operation, at: &str, out: &mut Changes) {
    let at = format!("{at}/parameters");
    let field = |op: &Operation, p: &Param| {
        op.params_struct
            .as_ref()
            .map_or_else(|| item(op), |s| format!("{s}::{}", p.name))
    };
    for np in &n.params {
        let Some(op) = o.params.iter().find(|p| same(p, np)) else {
            // A new optional parameter in a struct the method already took.
            if !np.required && o.params_struct.is_some() && o.params_struct == n.params_struct {
                out.additive(
                    &field(n, np),
                    format!(
                        "new optional parameter `{}` ({})",
                        np.wire_name,
                        location(&np.location)
                    ),
                    Side::New,
                    &at,
                );
            }
            continue;
        };
        let name = if np.required { item(n) } else { field(n, np) };
        if op.location != np.location {
            out.breaking(
                &name,
                format!(
                    "parameter `{}` is sent in {} (was {})",
                    np.wire_name,
                    location(&np.location),
                    location(&op.location)
                ),
                Side::New,
                &at,
            );
        }
        if op.serialization != np.serialization && op.location == np.location {
            let how = |p: &Param| {
                let s = p.serialization;
                format!("{:?}, explode {}", s.style, s.explode).to_lowercase()
            };
            out.breaking(
                &name,
                format!(
                    "parameter `{}` is written {} (was {})",
                    np.wire_name,
                    how(np),
                    how(op)
                ),
                Side::New,
                &at,
            );
        }
        if !np.required && !op.required && (op.name != np.name || !out.same_ref(&op.ty, &np.ty)) {
            out.breaking(
                &name,
                format!("optional parameter `{}` changed name or type", np.wire_name),
                Side::New,
                &at,
            );
        }
        constraints(&name, &op.constraints, &np.constraints, &at, out);
        out.docs(&op.docs, &np.docs);
    }
    for op in &o.params {
        if n.params.iter().any(|p| same(p, op)) {
            continue;
        }
        // Sent under another name: the argument may read the same.
        if let Some(np) = n
            .params
            .iter()
            .find(|p| p.name == op.name && p.location == op.location)
        {
            if op.location != ParamLocation::Path {
                out.breaking(
                    &item(n),
                    format!("parameter `{}` is sent as `{}`", op.wire_name, np.wire_name),
                    Side::New,
                    &at,
                );
            }
            continue;
        }
        if !op.required && o.params_struct.is_some() && o.params_struct == n.params_struct {
            out.breaking(
                &field(o, op),
                format!("optional parameter `{}` removed", op.wire_name),
                Side::Old,
                &format!("{}/parameters", pointer(o)),
            );
        }
    }
}

fn body(name: &str, o: &Body, n: &Body, at: &str, out: &mut Changes) {
    let at = format!("{at}/requestBody");
    if o.content_type != n.content_type {
        out.breaking(
            name,
            format!(
                "sends its body as {} (was {})",
                n.content_type, o.content_type
            ),
            Side::New,
            &at,
        );
    }
    out.docs(&o.docs, &n.docs);
}

fn status(s: &StatusMatch) -> String {
    match s {
        StatusMatch::Code(c) => c.to_string(),
        StatusMatch::Range(r) => format!("{r}XX"),
        StatusMatch::Default => "default".into(),
    }
}

/// The documented answers of one kind (successes, or the variants of the
/// error enum `owner`).
fn outcomes(owner: &str, o: &[Outcome], n: &[Outcome], success: bool, at: &str, out: &mut Changes) {
    let at = format!("{at}/responses");
    for b in n {
        let item = if success {
            owner.to_string()
        } else {
            format!("{owner}::{}", b.variant)
        };
        let Some(a) = o.iter().find(|a| a.status == b.status) else {
            if success {
                out.additive(
                    &item,
                    format!("status {} is a documented success", status(&b.status)),
                    Side::New,
                    &at,
                );
            } else {
                out.breaking(
                    &item,
                    format!(
                        "new error variant for status {} (an exhaustive `match` needs an arm)",
                        status(&b.status)
                    ),
                    Side::New,
                    &at,
                );
            }
            continue;
        };
        if !out.same_body(&a.body, &b.body) || (&a.variant, a.boxed) != (&b.variant, b.boxed) {
            let what = if success { "success" } else { "error" };
            out.breaking(
                &item,
                format!("the {what} answer of status {} changed", status(&b.status)),
                Side::New,
                &at,
            );
        }
        out.docs(&a.docs, &b.docs);
    }
    for a in o {
        if !n.iter().any(|b| b.status == a.status) {
            let item = if success {
                owner.to_string()
            } else {
                format!("{owner}::{}", a.variant)
            };
            let what = if success {
                format!(
                    "status {} is no longer a documented success",
                    status(&a.status)
                )
            } else {
                format!("error variant for status {} removed", status(&a.status))
            };
            out.breaking(&item, what, Side::New, &at);
        }
    }
}

/// Credentials: each alternative is a set of schemes sent together.
fn security(name: &str, o: &[Vec<String>], n: &[Vec<String>], at: &str, out: &mut Changes) {
    if o == n {
        return;
    }
    let show = |alts: &[Vec<String>]| {
        if alts.is_empty() {
            return "no credential".to_string();
        }
        alts.iter()
            .map(|a| {
                if a.is_empty() {
                    "none".into()
                } else {
                    a.join(" + ")
                }
            })
            .collect::<Vec<_>>()
            .join(" or ")
    };
    let what = format!("asks for {} (was {})", show(n), show(o));
    // Looser when every way of calling it that worked still works.
    let open = |alts: &[Vec<String>]| alts.is_empty() || alts.iter().any(Vec::is_empty);
    let still_works = open(n) || o.iter().all(|a| n.contains(a));
    let at = format!("{at}/security");
    if still_works {
        out.additive(name, what, Side::New, &at);
    } else {
        out.breaking(name, what, Side::New, &at);
    }
}
