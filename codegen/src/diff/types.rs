//! Changes to the types: structs and their fields, enums and their values,
//! unions and their members, aliases.

use std::collections::HashMap;

use super::{Changes, Side, list, tidy};
use crate::diagnostics::child;
use crate::model::{
    Api, Constraints, Enum, ExtraFields, Field, Struct, TypeDef, TypeKind, Union, UnionMode,
};

pub(super) fn compare(old: &Api, new: &Api, out: &mut Changes) {
    let olds: HashMap<&str, &TypeDef> = old.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let news: HashMap<&str, &TypeDef> = new.types.iter().map(|t| (t.name.as_str(), t)).collect();
    // A type gone and a type new of the same shape: the schema was renamed.
    let mut renamed: HashMap<&str, &str> = HashMap::new();
    let added: Vec<&TypeDef> = new
        .types
        .iter()
        .filter(|t| !olds.contains_key(t.name.as_str()))
        .collect();
    for gone in old
        .types
        .iter()
        .filter(|t| !news.contains_key(t.name.as_str()))
    {
        let twin = added.iter().find(|a| {
            out.same_kind(&gone.kind, &a.kind)
                && !shapeless(&a.kind)
                && !renamed.values().any(|n| *n == a.name.as_str())
        });
        if let Some(twin) = twin {
            renamed.insert(gone.name.as_str(), twin.name.as_str());
        }
    }
    for t in &new.types {
        match olds.get(t.name.as_str()) {
            Some(o) => type_def(o, t, out),
            None if renamed.values().any(|n| *n == t.name.as_str()) => {}
            None => out.additive(
                &item(&t.name),
                format!("new {}", noun(&t.kind)),
                Side::New,
                &t.origin,
            ),
        }
    }
    for t in old
        .types
        .iter()
        .filter(|t| !news.contains_key(t.name.as_str()))
    {
        match renamed.get(t.name.as_str()) {
            Some(to) => out.breaking(
                &item(&t.name),
                format!("renamed to `types::{to}` (the same shape)"),
                Side::New,
                &news[to].origin,
            ),
            None => out.breaking(
                &item(&t.name),
                format!("{} removed", noun(&t.kind)),
                Side::Old,
                &t.origin,
            ),
        }
    }
}

fn item(name: &str) -> String {
    format!("types::{name}")
}

/// A type too plain to recognise under another name (an empty struct).
fn shapeless(kind: &TypeKind) -> bool {
    match kind {
        TypeKind::Struct(s) => s.fields.is_empty(),
        TypeKind::Alias(_) => true,
        _ => false,
    }
}

fn noun(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "struct",
        TypeKind::Enum(_) => "enum",
        TypeKind::Union(_) => "union enum",
        TypeKind::Alias(_) => "type alias",
    }
}

fn type_def(o: &TypeDef, n: &TypeDef, out: &mut Changes) {
    let name = item(&n.name);
    let at = n.origin.as_str();
    out.documentation(&name, &o.docs, &n.docs, at);
    out.docs(&o.examples, &n.examples);
    // What the type implements.
    let traits = [
        ("Eq", o.eq, n.eq),
        ("Hash", o.hash, n.hash),
        ("Serialize", o.serialize, n.serialize),
        ("Validate", o.validates, n.validates),
        ("new() and with_* builders", o.builder, n.builder),
    ];
    for (what, before, after) in traits {
        match (before, after) {
            (true, false) => out.breaking(&name, format!("no longer has {what}"), Side::New, at),
            (false, true) => out.additive(&name, format!("now has {what}"), Side::New, at),
            _ => {}
        }
    }
    match (&o.kind, &n.kind) {
        (TypeKind::Struct(a), TypeKind::Struct(b)) => fields(&name, n, a, b, out),
        (TypeKind::Enum(a), TypeKind::Enum(b)) => values(&name, at, a, b, out),
        (TypeKind::Union(a), TypeKind::Union(b)) => members(&name, at, a, b, out),
        (TypeKind::Alias(a), TypeKind::Alias(b)) if !out.same_ref(a, b) => out.breaking(
            &name,
            format!(
                "now stands for `{}` (was `{}`)",
                out.new_spelling(b),
                out.old_spelling(a)
            ),
            Side::New,
            at,
        ),
        (TypeKind::Alias(_), TypeKind::Alias(_)) => {}
        (a, b) => out.breaking(
            &name,
            format!("now a {} (was a {})", noun(b), noun(a)),
            Side::New,
            at,
        ),
    }
}

fn fields(name: &str, def: &TypeDef, o: &Struct, n: &Struct, out: &mut Changes) {
    let at = |f: &Field| child(&child(&def.origin, "properties"), &f.wire_name);
    for nf in &n.fields {
        let item = format!("{name}::{}", nf.name);
        let Some(of) = o.fields.iter().find(|f| f.wire_name == nf.wire_name) else {
            let ty = field_type(out.new, nf);
            if nf.optional() || nf.defaulted() || nf.constant {
                out.additive(
                    &item,
                    format!("new optional field: `{ty}`"),
                    Side::New,
                    &at(nf),
                );
            } else if def.builder {
                out.breaking(
                    &item,
                    format!("new required field: `{ty}`, an argument of `new()`"),
                    Side::New,
                    &at(nf),
                );
            } else {
                out.additive(&item, format!("new field: `{ty}`"), Side::New, &at(nf));
            }
            continue;
        };
        field(&item, of, nf, &at(nf), out);
    }
    for of in &o.fields {
        if !n.fields.iter().any(|f| f.wire_name == of.wire_name) {
            let item = format!("{name}::{}", of.name);
            let at = child(&child(&def.origin, "properties"), &of.wire_name);
            out.breaking(&item, "field removed".into(), Side::Old, &at);
        }
    }
    let at = def.origin.as_str();
    match (&o.extra, &n.extra) {
        (ExtraFields::Keep(a), ExtraFields::Keep(b)) if out.same_ref(a, b) => {}
        (a, b) if a == b && !matches!(a, ExtraFields::Keep(_)) => {}
        (_, ExtraFields::Deny) => out.breaking(
            name,
            "refuses properties it does not list (`additionalProperties: false`)".into(),
            Side::New,
            at,
        ),
        (ExtraFields::Keep(_), _) => out.breaking(
            name,
            "no longer keeps the properties it does not list".into(),
            Side::New,
            at,
        ),
        (_, ExtraFields::Keep(ty)) => out.additive(
            name,
            format!(
                "keeps the properties it does not list (values `{}`)",
                out.new_spelling(ty)
            ),
            Side::New,
            at,
        ),
        (ExtraFields::Deny, _) => out.additive(
            name,
            "accepts properties it does not list".into(),
            Side::New,
            at,
        ),
        _ => {}
    }
}

/// The field's Rust type, as written in the struct.
fn field_type(api: &Api, f: &Field) -> String {
    tidy(crate::emit::field_type(api, f).to_string())
}

fn field(item: &str, o: &Field, n: &Field, at: &str, out: &mut Changes) {
    if o.name != n.name {
        out.breaking(
            item,
            format!(
                "renamed from `{}` (same property `{}`)",
                o.name, n.wire_name
            ),
            Side::New,
            at,
        );
    }
    let (before, after) = (field_type(out.old, o), field_type(out.new, n));
    if before != after {
        let how = match (o.optional(), n.optional()) {
            (true, false) => "became required",
            (false, true) => "became optional",
            _ if o.nullable != n.nullable && out.same_ref(&o.ty, &n.ty) => "nullability changed",
            _ => "type changed",
        };
        out.breaking(
            item,
            format!("{how}: `{before}` → `{after}`"),
            Side::New,
            at,
        );
    } else if o.default != n.default && n.defaulted() {
        out.breaking(
            item,
            format!(
                "default changed: {} → {} (an absent value decodes differently)",
                show(&o.default),
                show(&n.default)
            ),
            Side::New,
            at,
        );
    }
    if (o.read_only, o.write_only) != (n.read_only, n.write_only) {
        let now = match (n.read_only, n.write_only) {
            (true, _) => "read-only: requests no longer send it",
            (_, true) => "write-only: answers no longer carry it",
            _ => "read and written",
        };
        out.breaking(item, format!("now {now}"), Side::New, at);
    }
    match (o.sensitive, n.sensitive) {
        (true, false) => out.breaking(
            item,
            "no longer redacted in `Debug` output".into(),
            Side::New,
            at,
        ),
        (false, true) => out.additive(item, "redacted in `Debug` output".into(), Side::New, at),
        _ => {}
    }
    constraints(item, &o.constraints, &n.constraints, at, out);
    out.documentation(item, &o.docs, &n.docs, at);
    out.docs(&o.examples, &n.examples);
}

fn show(v: &Option<serde_json::Value>) -> String {
    v.as_ref().map_or("none".into(), |v| format!("`{v}`"))
}

/// Validation: stricter is breaking (`validate()` refuses values it
/// accepted), looser additive.
pub(super) fn constraints(
    item: &str,
    o: &Constraints,
    n: &Constraints,
    at: &str,
    out: &mut Changes,
) {
    if o == n {
        return;
    }
    let mut stricter = Vec::new();
    let mut looser = Vec::new();
    let mut bound = |what: &str, a: Option<f64>, b: Option<f64>, lower: bool| match (a, b) {
        (a, b) if a == b => {}
        (None, Some(b)) => stricter.push(format!("{what} {b}")),
        (Some(a), None) => looser.push(format!("no {what} (was {a})")),
        (Some(a), Some(b)) => {
            let tighter = if lower { b > a } else { b < a };
            let text = format!("{what} {b} (was {a})");
            if tighter {
                stricter.push(text)
            } else {
                looser.push(text)
            }
        }
        (None, None) => {}
    };
    let len = |v: Option<u64>| v.map(|v| v as f64);
    bound("minLength", len(o.min_length), len(n.min_length), true);
    bound("maxLength", len(o.max_length), len(n.max_length), false);
    bound("minItems", len(o.min_items), len(n.min_items), true);
    bound("maxItems", len(o.max_items), len(n.max_items), false);
    bound("minimum", o.minimum, n.minimum, true);
    bound("maximum", o.maximum, n.maximum, false);
    if o.pattern != n.pattern {
        match &n.pattern {
            Some(p) => stricter.push(format!("pattern `{p}`")),
            None => looser.push("no pattern".into()),
        }
    }
    if o.multiple_of != n.multiple_of {
        match n.multiple_of {
            Some(m) => stricter.push(format!("multipleOf {m}")),
            None => looser.push("no multipleOf".into()),
        }
    }
    if (o.exclusive_minimum, o.exclusive_maximum) != (n.exclusive_minimum, n.exclusive_maximum) {
        stricter.push("exclusive bounds changed".into());
    }
    if !stricter.is_empty() {
        out.breaking(
            item,
            format!("validation stricter: {}", stricter.join(", ")),
            Side::New,
            at,
        );
    }
    if !looser.is_empty() {
        out.additive(
            item,
            format!("validation looser: {}", looser.join(", ")),
            Side::New,
            at,
        );
    }
    if let (Some(a), Some(b)) = (&o.items, &n.items) {
        constraints(&format!("{item} (items)"), a, b, at, out);
    }
}

fn values(name: &str, at: &str, o: &Enum, n: &Enum, out: &mut Changes) {
    if o.repr != n.repr {
        out.breaking(
            name,
            format!("values are now {:?} (were {:?})", n.repr, o.repr).to_lowercase(),
            Side::New,
            at,
        );
    }
    let added: Vec<&str> = n
        .variants
        .iter()
        .filter(|v| !o.variants.iter().any(|w| w.wire == v.wire))
        .map(|v| v.wire.as_str())
        .collect();
    let removed: Vec<&str> = o
        .variants
        .iter()
        .filter(|v| !n.variants.iter().any(|w| w.wire == v.wire))
        .map(|v| v.wire.as_str())
        .collect();
    let s = |v: &[&str]| if v.len() == 1 { "" } else { "s" };
    if !added.is_empty() {
        if n.other.is_some() && o.other.is_some() {
            out.additive(
                name,
                format!("new value{} {}", s(&added), list(&added)),
                Side::New,
                at,
            );
        } else {
            out.breaking(
                name,
                format!(
                    "new value{} {} of an enum without a catch-all (an exhaustive `match` needs an arm)",
                    s(&added),
                    list(&added)
                ),
                Side::New,
                at,
            );
        }
    }
    if !removed.is_empty() {
        out.breaking(
            name,
            format!("value{} {} removed", s(&removed), list(&removed)),
            Side::New,
            at,
        );
    }
    for v in &n.variants {
        if let Some(w) = o
            .variants
            .iter()
            .find(|w| w.wire == v.wire && w.name != v.name)
        {
            out.breaking(
                &format!("{name}::{}", v.name),
                format!("renamed from `{}` (same value `{}`)", w.name, v.wire),
                Side::New,
                at,
            );
        }
    }
    match (&o.other, &n.other) {
        (None, Some(v)) => out.breaking(
            name,
            format!("now keeps unknown values in `{v}` (a new variant)"),
            Side::New,
            at,
        ),
        (Some(_), None) => out.breaking(
            name,
            "no longer keeps unknown values: they fail to decode".into(),
            Side::New,
            at,
        ),
        (Some(a), Some(b)) if a != b => out.breaking(
            name,
            format!("the variant for unknown values is `{b}` (was `{a}`)"),
            Side::New,
            at,
        ),
        _ => {}
    }
}

fn mode(m: &UnionMode) -> String {
    match m {
        UnionMode::Tagged { property, .. } => format!("chosen by the property `{property}`"),
        UnionMode::Untagged => "the first member that decodes (oneOf)".into(),
        UnionMode::AnyOf => "every member that decodes (anyOf)".into(),
    }
}

fn members(name: &str, at: &str, o: &Union, n: &Union, out: &mut Changes) {
    let (was, now) = (mode(&o.mode), mode(&n.mode));
    if was != now {
        out.breaking(name, format!("decodes {now} (was {was})"), Side::New, at);
    }
    // A tagged union keeps unknown tags: a member is a value it may meet.
    let open =
        matches!(o.mode, UnionMode::Tagged { .. }) && matches!(n.mode, UnionMode::Tagged { .. });
    for v in &n.variants {
        let item = format!("{name}::{}", v.name);
        let Some(w) = o.variants.iter().find(|w| w.name == v.name) else {
            let what = format!("new member `{}`", out.new_spelling(&v.ty));
            if open {
                out.additive(&item, what, Side::New, at);
            } else {
                out.breaking(
                    &item,
                    format!("{what} (an exhaustive `match` needs an arm)"),
                    Side::New,
                    at,
                );
            }
            continue;
        };
        if !out.same_ref(&w.ty, &v.ty) || w.boxed != v.boxed {
            let held = |ty: &str, boxed: bool| {
                if boxed {
                    format!("Box<{ty}>")
                } else {
                    ty.to_string()
                }
            };
            out.breaking(
                &item,
                format!(
                    "holds `{}` (was `{}`)",
                    held(&out.new_spelling(&v.ty), v.boxed),
                    held(&out.old_spelling(&w.ty), w.boxed)
                ),
                Side::New,
                at,
            );
        }
        if w.tags != v.tags {
            let tags = |t: &[String]| list(&t.iter().map(String::as_str).collect::<Vec<_>>());
            out.breaking(
                &item,
                format!("chosen by {} (was {})", tags(&v.tags), tags(&w.tags)),
                Side::New,
                at,
            );
        }
    }
    for w in &o.variants {
        if !n.variants.iter().any(|v| v.name == w.name) {
            out.breaking(
                &format!("{name}::{}", w.name),
                "member removed".into(),
                Side::New,
                at,
            );
        }
    }
}
