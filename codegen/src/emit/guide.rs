//! What a newcomer reads first: the crate docs and the README of a
//! generated crate. The API's title and description, its environments and
//! authentication, a quick start that builds a client and makes one call
//! with the spec's example values (a `no_run` doc-test, so `cargo test`
//! compiles it), and the operations grouped by tag.
//!
//! The quick start names the crate `my_api` (`use my_api::Client;`); the
//! crate's writer puts its real path in.

use std::fmt::Write as _;

use serde_json::Value;

use super::docs;
use super::samples::Sampler;
use crate::model::{Api, Gate, MediaKind, Operation, SchemeKind, TypeRef};

/// Where the text goes: crate docs (intra-doc links, hidden doc-test
/// lines) or a README (plain Markdown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Docs,
    Readme,
}

/// The guide's Markdown lines, headings starting at `#` times `level`: a
/// README's title there and its sections below; crate docs have their
/// title as a plain first line and sections at `level`.
pub fn lines(api: &Api, target: Target, level: usize) -> Vec<String> {
    let level = level + usize::from(target == Target::Readme);
    let h = |title: &str| format!("{} {title}", "#".repeat(level));
    let mut out = Vec::new();
    if target == Target::Readme {
        let title = docs::inline(&format!("{} {}", api.title, api.version));
        out.push(format!("{} {title}", "#".repeat(level - 1)));
    } else {
        out.push(docs::inline(&format!("{} {}", api.title, api.version)));
    }
    if let Some(d) = &api.description {
        out.push(String::new());
        out.extend(docs::markdown(d).lines().map(|l| l.trim_end().to_string()));
    }
    let link = |name: &str, gate: &Gate| match (target, gate) {
        (Target::Docs, Gate::Always) => format!("[`Client::{name}`]"),
        _ => format!("`Client::{name}`"),
    };
    if !api.servers.is_empty() {
        out.push(String::new());
        out.push(h("Environments"));
        out.push(String::new());
        for s in &api.servers {
            // Never `- [x]: ...`, which Markdown reads as a link definition.
            let mut line = format!(
                "- {} for `{}`",
                link(s.name.plain(), &Gate::Always),
                s.url.replace('`', "'")
            );
            if let Some(d) = &s.description {
                let _ = write!(line, " ({})", docs::inline(d));
            }
            out.push(line);
        }
    }
    let schemes: Vec<String> = api
        .security_schemes
        .iter()
        .filter(|s| s.used)
        .map(|s| {
            format!(
                "- `{}`: {}",
                s.name.replace('`', "'"),
                scheme_use(api, &s.kind)
            )
        })
        .collect();
    if !schemes.is_empty() {
        out.push(String::new());
        out.push(h("Authentication"));
        out.push(String::new());
        out.extend(schemes);
    }
    if let Some(code) = quick_start(api, target) {
        out.push(String::new());
        out.push(h("Quick start"));
        out.push(String::new());
        out.extend(code);
    }
    if !api.operations.is_empty() {
        out.push(String::new());
        out.push(h("Operations"));
        // The operations by their first tag, tags in order of first use.
        let mut tags: indexmap::IndexMap<&str, Vec<&Operation>> = indexmap::IndexMap::new();
        for op in &api.operations {
            let tag = op.tags.first().map_or("", String::as_str);
            tags.entry(tag).or_default().push(op);
        }
        let named = tags_named(api);
        for (tag, ops) in tags {
            out.push(String::new());
            if named {
                let title = if tag.is_empty() { "Other" } else { tag };
                out.push(format!("{}# {}", "#".repeat(level), docs::inline(title)));
                out.push(String::new());
            }
            for op in ops {
                let mut line = format!(
                    "- {} (`{} {}`)",
                    link(op.name.plain(), &op.gate),
                    op.method,
                    op.path.replace('`', "'")
                );
                let about = op
                    .docs
                    .summary
                    .as_deref()
                    .or(op.docs.description.as_deref());
                if let Some(about) = about.map(first_sentence).filter(|a| !a.is_empty()) {
                    let _ = write!(line, ": {about}");
                }
                out.push(line);
            }
        }
    }
    out
}

fn tags_named(api: &Api) -> bool {
    api.operations.iter().any(|o| !o.tags.is_empty())
}

/// The first sentence (or line) of an operation's summary, made safe.
fn first_sentence(text: &str) -> String {
    let line = docs::inline(text);
    let end = line.find(". ").map_or(line.len(), |i| i + 1);
    line[..end].to_string()
}

/// The client builder's method for a credential of this kind, when it
/// finds exactly one scheme: the runtime looks among every scheme of the
/// API for the bearer one, the basic one, or the one API key (of any
/// placement). `None`: `.credential(scheme, secret)` names it.
fn kind_method(api: &Api, kind: &SchemeKind) -> Option<KindMethod> {
    let method = KindMethod::of(kind);
    let found = api
        .security_schemes
        .iter()
        .filter(|s| KindMethod::of(&s.kind) == method)
        .count();
    (found == 1).then_some(method)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KindMethod {
    Bearer,
    Basic,
    ApiKey,
}

impl KindMethod {
    fn of(kind: &SchemeKind) -> Self {
        match kind {
            SchemeKind::Bearer => KindMethod::Bearer,
            SchemeKind::Basic => KindMethod::Basic,
            _ => KindMethod::ApiKey,
        }
    }
}

/// How a scheme's credential is given to the client builder.
fn scheme_use(api: &Api, kind: &SchemeKind) -> String {
    let what = match kind {
        SchemeKind::Bearer => "a bearer token".to_string(),
        SchemeKind::Basic => "HTTP basic authentication".to_string(),
        SchemeKind::ApiKeyHeader(n) => format!("an API key in header `{}`", n.replace('`', "'")),
        SchemeKind::ApiKeyQuery(n) => {
            format!("an API key in query parameter `{}`", n.replace('`', "'"))
        }
        SchemeKind::ApiKeyCookie(n) => format!("an API key in cookie `{}`", n.replace('`', "'")),
    };
    let method = match kind_method(api, kind) {
        Some(KindMethod::Bearer) => "`.bearer_token(token)`",
        Some(KindMethod::Basic) => "`.basic_auth(user, password)`",
        Some(KindMethod::ApiKey) => "`.api_key(key)`",
        None => "`.credential(scheme, secret)`",
    };
    format!("{what}, given with {method}.")
}

/// The quick start's code block: a client for the first environment, the
/// credential of the call's scheme, and one call of the simplest
/// operation (a built one, a `GET` first, without a body where possible).
fn quick_start(api: &Api, target: Target) -> Option<Vec<String>> {
    let sampler = Sampler::new(api);
    let (op, args) = api
        .operations
        .iter()
        .filter_map(|op| call_args(&sampler, op).map(|args| (op, args)))
        .min_by_key(|(op, args)| {
            (
                op.gate != Gate::Always,
                op.docs.deprecated,
                args.body.is_some(),
                op.params_struct.is_some(),
                op.method != "GET",
                args.values.len(),
            )
        })?;
    let hidden = |line: &str| match target {
        Target::Docs => Some(format!("# {line}")),
        Target::Readme => None,
    };
    let mut code = Vec::new();
    code.push(
        match (target, &op.gate) {
            (Target::Docs, Gate::Always) => "```no_run",
            (Target::Docs, _) => "```ignore",
            (Target::Readme, _) => "```rust",
        }
        .to_string(),
    );
    code.extend(hidden(
        "async fn quick_start() -> Result<(), Box<dyn std::error::Error>> {",
    ));
    code.push(if args.body.is_some() {
        "use my_api::{Client, types};".into()
    } else {
        "use my_api::Client;".into()
    });
    code.push(String::new());
    // The first environment's constructor, with its variables' defaults
    // (a relative server's takes the origin).
    let base = match api.servers.first() {
        Some(s) if s.relative => format!("Client::{}(\"http://127.0.0.1:8000\")", s.name.plain()),
        Some(s) => {
            let defaults: Vec<String> = s
                .variables
                .iter()
                .map(|v| format!("\"{}\"", rust_text(&v.default)))
                .collect();
            format!("Client::{}({})", s.name.plain(), defaults.join(", "))
        }
        None => "Client::with_base_url(\"https://api.example.com\")".into(),
    };
    code.push(format!("let client = {base}"));
    if let Some(auth) = credential(api, op) {
        code.push(format!("    {auth}"));
    }
    code.push("    .build()?;".into());
    if let Some(body) = &args.body {
        code.push(body.clone());
    }
    code.push(format!(
        "let answer = client.{}({}).await?;",
        op.name.plain(),
        args.values.join(", ")
    ));
    code.push("println!(\"{}\", answer.status);".into());
    code.extend(hidden("Ok(())"));
    code.extend(hidden("}"));
    code.push("```".into());
    Some(code)
}

/// The builder call that gives the operation's first scheme a credential
/// read from the environment.
fn credential(api: &Api, op: &Operation) -> Option<String> {
    let name = op.security.first()?.first()?;
    let scheme = api.security_schemes.iter().find(|s| &s.name == name)?;
    let title = crate::ident::snake(&api.title).to_uppercase();
    let var = format!(
        "{}_{}",
        title
            .strip_suffix("_API")
            .filter(|t| !t.is_empty())
            .unwrap_or(&title),
        match scheme.kind {
            SchemeKind::Bearer => "TOKEN",
            SchemeKind::Basic => "PASSWORD",
            _ => "API_KEY",
        }
    );
    let secret = format!("std::env::var(\"{var}\")?");
    Some(match kind_method(api, &scheme.kind) {
        Some(KindMethod::Bearer) => format!(".bearer_token({secret})"),
        Some(KindMethod::Basic) => format!(".basic_auth(\"user\", {secret})"),
        Some(KindMethod::ApiKey) => format!(".api_key({secret})"),
        None => format!(
            ".credential(\"{}\", my_api::Secret::from({secret}))",
            rust_text(&scheme.name)
        ),
    })
}

/// A call's arguments, as Rust source, and the line that makes its body.
struct CallArgs {
    values: Vec<String>,
    body: Option<String>,
}

/// The arguments of a call to `op` made of the spec's example values (or
/// values that fit the schema), when every required argument is one the
/// quick start can write: text, numbers, flags, a JSON body.
fn call_args(sampler: &Sampler<'_>, op: &Operation) -> Option<CallArgs> {
    let mut values = Vec::new();
    for p in op.params.iter().filter(|p| p.required) {
        let made = sampler.value(&p.ty, &p.constraints, 0);
        let value = p
            .examples
            .first()
            .map(|e| sampler.fit(e, &p.ty, &p.constraints))
            .unwrap_or(made);
        values.push(literal(&p.ty, &value)?);
    }
    let mut body = None;
    if let Some(b) = &op.body {
        if b.media == MediaKind::Binary {
            values.push("Vec::<u8>::new()".into());
        } else if b.on_builder() {
            // Set on the call's builder: a first call leaves it out.
        } else if b.media == MediaKind::Text {
            values.push("\"text\"".into());
        } else {
            let (MediaKind::Json, TypeRef::Named(id)) = (&b.media, &b.ty) else {
                return None;
            };
            let name = sampler.api().type_name(*id);
            let json = sampler
                .example(&b.ty)
                .cloned()
                .unwrap_or_else(|| sampler.value(&b.ty, &Default::default(), 0));
            let text = serde_json::to_string(&json).ok()?;
            let fence =
                "#".repeat((1..8).find(|n| !text.contains(&format!("\"{}", "#".repeat(*n))))?);
            body = Some(format!(
                "let body: types::{name} = serde_json::from_str(r{fence}\"{text}\"{fence})?;"
            ));
            values.push("&body".into());
        }
    }
    Some(CallArgs { values, body })
}

/// A value as the Rust literal a required argument of type `ty` takes.
fn literal(ty: &TypeRef, value: &Value) -> Option<String> {
    match (ty, value) {
        (TypeRef::String, Value::String(s)) => Some(format!("\"{}\"", rust_text(s))),
        (TypeRef::I32 | TypeRef::I64, Value::Number(n)) => n.as_i64().map(|n| n.to_string()),
        (TypeRef::F32 | TypeRef::F64, Value::Number(n)) => {
            let f = n.as_f64()?;
            Some(if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{f:.1}")
            } else {
                f.to_string()
            })
        }
        (TypeRef::Bool, Value::Bool(b)) => Some(b.to_string()),
        _ => None,
    }
}

/// Text inside a Rust string literal.
fn rust_text(s: &str) -> String {
    s.chars().flat_map(char::escape_default).collect()
}
