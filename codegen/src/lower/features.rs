//! Per-tag cargo features (`--tag-features`), decided once: every
//! operation is built when a feature of one of its tags is on, and every
//! type when an operation that reaches it is. A user who needs one tag of a
//! large API compiles that tag. With per-feature files (a crate), what only
//! one feature builds is placed in that feature's own module. Emit reads
//! the result from the model (`gate`, `part`, `Api::features`).

use std::collections::{BTreeSet, HashMap};

use crate::ident::{WEBHOOKS_FEATURE, feature};
use crate::model::{Api, Gate, Operation, TypeId, TypeKind, TypeRef};
use crate::shared::Options;

/// Records in `api` which features build each operation and type, the
/// features themselves and, with `split_tags`, which module holds what.
pub fn decide(api: &mut Api, options: &Options) {
    if !options.tag_features {
        return;
    }
    let all = all(api);
    api.features = with_children(api, &all);
    for op in &mut api.operations {
        if let Some(set) = op_features(op) {
            op.gate = Gate::Any(set);
        }
    }
    let gates: HashMap<&str, &Gate> = api
        .operations
        .iter()
        .map(|op| (op.name.plain(), &op.gate))
        .collect();
    for e in &mut api.error_enums {
        let mut set = BTreeSet::new();
        let mut always = false;
        for user in &e.users {
            match gates.get(user.plain()) {
                Some(Gate::Any(features)) => set.extend(features.iter().cloned()),
                _ => always = true,
            }
        }
        e.gate = if always { Gate::Always } else { Gate::Any(set) };
    }
    let reached = reached(api);
    for (def, reached) in api.types.iter_mut().zip(reached) {
        def.gate = match reached {
            None => Gate::Always,
            Some(set) if set.is_empty() && !all.is_empty() => Gate::Unreached,
            Some(set) if set.is_empty() => Gate::Always,
            Some(set) => Gate::Any(set),
        };
    }
    if options.split_tags {
        let only = |gate: &Gate| match gate {
            Gate::Any(set) if set.len() == 1 => set.iter().next().cloned(),
            _ => None,
        };
        for def in &mut api.types {
            def.part = only(&def.gate);
        }
        for op in &mut api.operations {
            op.part = only(&op.gate);
        }
        for e in &mut api.error_enums {
            e.part = only(&e.gate);
        }
        if !api.webhooks.is_empty() {
            api.webhooks_part = Some(WEBHOOKS_FEATURE.to_string());
        }
    }
}

/// Every tag feature of an API, sorted: the tags of its operations and
/// their ancestors (OpenAPI 3.2 `parent`), and `webhooks` if it has any.
fn all(api: &Api) -> Vec<String> {
    let mut set: BTreeSet<String> = BTreeSet::new();
    if !api.webhooks.is_empty() {
        set.insert(WEBHOOKS_FEATURE.to_string());
    }
    for tag in api.operations.iter().flat_map(|o| &o.tags) {
        set.insert(feature(tag));
        for ancestor in ancestors(api, tag) {
            set.insert(feature(ancestor));
        }
    }
    set.into_iter().collect()
}

/// The tags `tag` is nested under, nearest first (cycles were cut when lowering).
fn ancestors<'a>(api: &'a Api, tag: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut at = api.tags.iter().find(|t| t.name == tag);
    while let Some(parent) = at.and_then(|t| t.parent.as_deref()) {
        if out.contains(&parent) || out.len() > api.tags.len() {
            break;
        }
        out.push(parent);
        at = api.tags.iter().find(|t| t.name == parent);
    }
    out
}

/// Each feature with the features it turns on: a parent tag's feature
/// enables its children's (`tag-payments = ["tag-cards"]`).
fn with_children(api: &Api, features: &[String]) -> Vec<(String, Vec<String>)> {
    features
        .iter()
        .map(|f| {
            let children: BTreeSet<String> = api
                .tags
                .iter()
                .filter(|t| t.parent.as_deref().is_some_and(|p| feature(p) == *f))
                .map(|t| feature(&t.name))
                .filter(|c| features.contains(c) && c != f)
                .collect();
            (f.clone(), children.into_iter().collect())
        })
        .collect()
}

/// The features of an operation's tags; `None` when it has none.
fn op_features(op: &Operation) -> Option<BTreeSet<String>> {
    (!op.tags.is_empty()).then(|| op.tags.iter().map(|t| feature(t)).collect())
}

/// Each type's features, by type id: `None` when something ungated
/// reaches it, the features of the operations (and webhooks) that reach it
/// otherwise (empty: nothing does).
fn reached(api: &Api) -> Vec<Option<BTreeSet<String>>> {
    let mut types: Vec<Option<BTreeSet<String>>> = vec![Some(BTreeSet::new()); api.types.len()];
    let mut roots: Vec<(Option<BTreeSet<String>>, Vec<&TypeRef>)> = Vec::new();
    for op in &api.operations {
        roots.push((op_features(op), op.type_refs().collect()));
    }
    for w in &api.webhooks {
        roots.push((
            Some(BTreeSet::from([WEBHOOKS_FEATURE.to_string()])),
            vec![&w.payload],
        ));
    }
    // The root that last saw each type, plus one: one walk per root.
    let mut seen = vec![0; api.types.len()];
    for (root, (features, tys)) in roots.into_iter().enumerate() {
        let mut stack: Vec<TypeId> = tys.iter().filter_map(|t| t.named()).collect();
        while let Some(id) = stack.pop() {
            if std::mem::replace(&mut seen[id.index()], root + 1) == root + 1 {
                continue;
            }
            let entry = &mut types[id.index()];
            match (&features, entry.as_mut()) {
                (None, _) => *entry = None,
                (Some(f), Some(set)) => set.extend(f.iter().cloned()),
                (Some(_), None) => {}
            }
            stack.extend(needs(&api.types[id.index()].kind));
        }
    }
    types
}

/// The types a type needs built with it: those it holds, and the aliases
/// its fields are spelt with.
fn needs(kind: &TypeKind) -> impl Iterator<Item = TypeId> {
    kind.children().flat_map(|c| {
        let alias = match c.role {
            crate::model::Role::Field(f) => f.alias,
            _ => None,
        };
        c.ty.named().into_iter().chain(alias)
    })
}
