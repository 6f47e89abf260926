//! Whole-model facts decided after lowering: which fields need a `Box`
//! (recursion), which types can derive `Eq`/`Hash`, and the order in which
//! untagged variants are tried.

use crate::model::{Api, Role, TypeDef, TypeId, TypeKind, TypeRef, UnionMode, UnionVariant};

pub fn finish(api: &mut Api) {
    box_recursion(api);
    derive_traits(api);
    check_defaults(api);
    mark_validation(api);
    mark_builders(api);
    super::sizes::box_large_outcomes(api);
}

/// A type validates when one of its own constraints, or one of a type it
/// holds, can fail; a fixpoint settles recursive types.
fn mark_validation(api: &mut Api) {
    let mut yes = vec![false; api.types.len()];
    loop {
        let mut changed = false;
        for (i, def) in api.types.iter().enumerate() {
            if yes[i] {
                continue;
            }
            let holds = |ty: &TypeRef| ty.named().is_some_and(|n| yes[n.index()]);
            // An alias is checked where it is used, as its target.
            let needs = def.kind.children().any(|c| match c.role {
                Role::Field(f) => has_checks(&f.ty, &f.constraints) || holds(c.ty),
                Role::Member(_) => holds(c.ty),
                Role::Extra | Role::Target => false,
            });
            if needs {
                yes[i] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (def, yes) in api.types.iter_mut().zip(yes) {
        def.validates = yes;
    }
}

/// Whether `constraints` say anything the type `ty` can check.
fn has_checks(ty: &TypeRef, c: &crate::model::Constraints) -> bool {
    match ty {
        TypeRef::String => c.min_length.is_some() || c.max_length.is_some() || c.pattern.is_some(),
        TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64 | TypeRef::Decimal => {
            c.has_range()
        }
        TypeRef::Vec(inner) => {
            c.min_items.is_some()
                || c.max_items.is_some()
                || c.items.as_deref().is_some_and(|i| has_checks(inner, i))
        }
        _ => false,
    }
}

/// Builders are for what callers construct: types reachable from request
/// parameters and bodies (all types when the API has no operations),
/// through every child, the values of kept extra properties included (a
/// caller fills that map, and it is sent).
fn mark_builders(api: &mut Api) {
    let everything = api.operations.is_empty();
    let mut stack: Vec<TypeId> = api
        .operations
        .iter()
        .flat_map(|op| {
            op.params
                .iter()
                .map(|p| &p.ty)
                .chain(op.body.iter().map(|b| &b.ty))
        })
        .filter_map(TypeRef::named)
        .collect();
    let mut reached = vec![false; api.types.len()];
    while let Some(id) = stack.pop() {
        if std::mem::replace(&mut reached[id.index()], true) {
            continue;
        }
        stack.extend(
            api.types[id.index()]
                .kind
                .children()
                .filter_map(|c| c.ty.named()),
        );
    }
    for (def, reached) in api.types.iter_mut().zip(reached) {
        def.builder = everything || reached;
    }
}

/// `YYYY-MM-DD`.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// A date, `T` (or `t`, or a space), and `HH:MM`: what a date-time starts with.
fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    s.get(..10).is_some_and(is_date)
        && matches!(b.get(10), Some(b'T' | b't' | b' '))
        && b.len() >= 16
        && b[11].is_ascii_digit()
        && b[12].is_ascii_digit()
        && b[13] == b':'
        && b[14].is_ascii_digit()
        && b[15].is_ascii_digit()
}

/// `8-4-4-4-12` hexadecimal digits.
fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
        && parts
            .iter()
            .all(|p| p.bytes().all(|c| c.is_ascii_hexdigit()))
}

/// Keeps a `default:` only where the field's type can hold it as a Rust
/// value; any other default is left to the docs.
fn check_defaults(api: &mut Api) {
    let string_enums: Vec<bool> = api
        .types
        .iter()
        .map(|t| matches!(&t.kind, TypeKind::Enum(e) if e.repr == crate::model::EnumRepr::String))
        .collect();
    for def in &mut api.types {
        let TypeKind::Struct(s) = &mut def.kind else {
            continue;
        };
        for f in &mut s.fields {
            let Some(value) = &f.default else { continue };
            let fits = match (&f.ty, value) {
                (TypeRef::String, serde_json::Value::String(_)) => true,
                // Text that is not a date or an identifier (a Python
                // server's `<function datetime.now ...>`) is no default.
                (TypeRef::Date, serde_json::Value::String(s)) => is_date(s),
                (TypeRef::DateTime, serde_json::Value::String(s)) => is_date_time(s),
                (TypeRef::Uuid, serde_json::Value::String(s)) => is_uuid(s),
                (TypeRef::Named(n), serde_json::Value::String(_)) => string_enums[n.index()],
                (TypeRef::Bool, serde_json::Value::Bool(_)) => true,
                (TypeRef::I32 | TypeRef::I64, serde_json::Value::Number(n)) => n.is_i64(),
                (TypeRef::F32 | TypeRef::F64 | TypeRef::Decimal, serde_json::Value::Number(_)) => {
                    true
                }
                _ => false,
            };
            if !fits || f.boxed {
                f.docs.notes.push(format!(
                    "The spec's default, {}, is not applied by the client.",
                    crate::shared::code_span(&value.to_string())
                ));
                f.default = None;
            } else {
                f.docs.notes.push(format!(
                    "Defaults to {} when absent.",
                    crate::shared::code_span(&value.to_string())
                ));
            }
        }
    }
}

/// Types reached without going through a `Vec` or map (which are already
/// indirect, as the kept extra properties are): these edges make a type
/// infinitely sized when they cycle.
fn direct_edges(def: &TypeDef) -> Vec<usize> {
    def.kind
        .children()
        .filter(|c| !matches!(c.role, Role::Extra))
        .filter_map(|c| match c.ty {
            TypeRef::Named(n) => Some(n.index()),
            _ => None,
        })
        .collect()
}

/// Boxes every direct edge inside a strongly connected component.
fn box_recursion(api: &mut Api) {
    let edges: Vec<Vec<usize>> = api.types.iter().map(direct_edges).collect();
    let component = tarjan(&edges);
    for (i, def) in api.types.iter_mut().enumerate() {
        let same = |n: &TypeId| component[n.index()] == component[i];
        match &mut def.kind {
            TypeKind::Struct(s) => {
                for f in &mut s.fields {
                    if let TypeRef::Named(n) = &f.ty {
                        f.boxed = same(n);
                    }
                }
            }
            TypeKind::Union(u) => {
                for v in &mut u.variants {
                    if let TypeRef::Named(n) = &v.ty
                        && same(n)
                    {
                        v.boxed = true;
                    }
                }
            }
            _ => {}
        }
    }
}

/// Strongly connected components (Tarjan), iterative so deep specs cannot
/// overflow the stack. Returns each node's component id; a node with a
/// self-edge is in a component with itself.
fn tarjan(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some((v, edge)) = work.pop() {
            if edge == 0 {
                index[v] = next_index;
                low[v] = next_index;
                next_index += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(edge) {
                work.push((v, edge + 1));
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            if low[v] == index[v] {
                let self_loop = edges[v].contains(&v);
                let mut size = 0;
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    size += 1;
                    if w == v {
                        break;
                    }
                }
                // A lone node without a self-edge must not box edges to
                // itself that do not exist; mark it distinct.
                if size == 1 && !self_loop {
                    component[v] = usize::MAX - v;
                }
                next_component += 1;
            }
            if let Some(&(parent, _)) = work.last()
                && index[parent] != usize::MAX
                && parent != v
            {
                low[parent] = low[parent].min(low[v]);
            }
        }
    }
    component
}

/// `Eq` wherever every contained value supports it, and `Hash` as well
/// but never on a struct (or what holds one): keying a map by a whole
/// object is rare, and each struct's `Hash` impl cost every user compile
/// time and memory (GitHub's crate: 3% of `cargo build`'s peak). Enums of
/// values, the usual keys, keep it. Computed as a fixpoint so recursive
/// types settle.
fn derive_traits(api: &mut Api) {
    let mut eq = vec![true; api.types.len()];
    let mut hash = eq.clone();
    loop {
        let mut changed = false;
        for (i, def) in api.types.iter().enumerate() {
            let e = type_ok(def, &eq, false);
            let h = e && type_ok(def, &hash, true);
            if eq[i] && !e {
                eq[i] = false;
                changed = true;
            }
            if hash[i] && !h {
                hash[i] = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (i, def) in api.types.iter_mut().enumerate() {
        def.eq = eq[i];
        def.hash = hash[i];
    }
}

/// `known`: by type id, whether the type supports the trait so far.
fn type_ok(def: &TypeDef, known: &[bool], for_hash: bool) -> bool {
    let own = match &def.kind {
        // A tagged union keeps an unknown tag's value as JSON, which has no Hash.
        TypeKind::Union(u) => !matches!(u.mode, UnionMode::Tagged { .. }) || !for_hash,
        // Structs never derive Hash (see `derive_traits`).
        TypeKind::Struct(_) => !for_hash,
        _ => true,
    };
    own && def.kind.children().all(|c| ref_ok(c.ty, known, for_hash))
}

fn ref_ok(ty: &TypeRef, known: &[bool], for_hash: bool) -> bool {
    match ty {
        TypeRef::F32 | TypeRef::F64 => false,
        TypeRef::Json => !for_hash,
        TypeRef::Named(n) => known.get(n.index()).copied().unwrap_or(false),
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            ref_ok(inner, known, for_hash)
        }
        _ => true,
    }
}

/// Orders the variants of an untagged union so the most specific shape is
/// tried first: objects with more required fields before looser ones,
/// integers before numbers, formatted strings before plain strings, and
/// catch-all values last.
pub fn order_untagged<'t>(
    variants: &mut [UnionVariant],
    kind_of: impl Fn(TypeId) -> Option<&'t TypeKind>,
) {
    let rank = |v: &UnionVariant| -> (u8, i64) {
        // A member that may be null is as specific as what it holds.
        let ty = match &v.ty {
            TypeRef::Nullable(inner) => inner.as_ref(),
            ty => ty,
        };
        match ty {
            TypeRef::Named(n) => match kind_of(*n) {
                Some(TypeKind::Struct(s)) => {
                    let required = s.fields.iter().filter(|f| !f.optional()).count() as i64;
                    if required > 0 {
                        (0, -required)
                    } else {
                        (6, -(s.fields.len() as i64))
                    }
                }
                Some(TypeKind::Enum(_)) => (4, 0),
                Some(TypeKind::Union(_)) => (3, 0),
                Some(TypeKind::Alias(_)) | None => (3, 0),
            },
            TypeRef::Bool => (1, 0),
            TypeRef::I32 => (1, 1),
            TypeRef::I64 => (1, 2),
            TypeRef::Decimal | TypeRef::F32 | TypeRef::F64 => (2, 0),
            TypeRef::Date | TypeRef::DateTime | TypeRef::Uuid => (3, 0),
            TypeRef::Vec(_) => (3, 1),
            TypeRef::String | TypeRef::File => (5, 0),
            TypeRef::Map(_) | TypeRef::Nullable(_) => (7, 0),
            TypeRef::Json => (8, 0),
        }
    };
    variants.sort_by_key(|v| rank(v));
}

/// References that can never be satisfied: a type named but never defined
/// (`dangling`, from [`super::handles::Handles::renumber`]), or an alias
/// that is, through other aliases, itself. Both come from `$ref` cycles
/// that never reach an actual schema. Returns (pointer, message).
pub fn unresolvable(api: &Api, dangling: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut problems: Vec<(String, String)> = Vec::new();
    let mut report = |origin: &str, message: String| {
        if !problems.iter().any(|(_, m)| *m == message) {
            problems.push((origin.to_string(), message));
        }
    };
    for (origin, name) in dangling {
        report(
            &origin,
            format!("`{name}` never reaches a schema: a cycle of $ref with nothing in between"),
        );
    }
    // Aliases that lead back to themselves.
    for (i, def) in api.types.iter().enumerate() {
        let mut current = def;
        for _ in 0..=api.types.len() {
            let TypeKind::Alias(TypeRef::Named(next)) = &current.kind else {
                break;
            };
            if next.index() == i {
                report(
                    &def.origin,
                    format!("`{}` is defined only as itself: a cycle of $ref", def.name),
                );
                break;
            }
            match api.type_def(*next) {
                Some(t) => current = t,
                None => break,
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests;
