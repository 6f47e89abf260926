//! Inline objects of the same shape share one struct.
//!
//! A description often repeats one anonymous object: the body of a shared
//! error response written inline under every operation, the `_links` of
//! each webhook payload. Each copy was its own struct, with its own
//! `Deserialize`, `Debug`, `Clone` and `PartialEq` impls that every user
//! compiles (GitHub's description: 696 of 2,648 structs were copies).
//!
//! Structs made from inline schemas (not a `#/components/schemas/` entry,
//! whose name is the author's) that agree in everything but their own name,
//! origin and description are merged: one keeps its struct, every reference
//! to another goes to it, and the others stay as `pub type Other = Kept;`
//! so each name still compiles. The struct kept is named after what the
//! copies' names end with, when that says something and is free
//! (`ServiceUnavailableBody` for `ListOrdersServiceUnavailableBody` and
//! `ListRefundsServiceUnavailableBody`; its own name stays as an alias),
//! else it is the copy with the shortest name. Equality is decided as a
//! partition refinement (Moore's algorithm), so structs that hold copies of
//! each other, or of themselves, merge as well.

use std::collections::HashMap;

use crate::ident::Scope;
use crate::model::{Api, TypeDef, TypeId, TypeKind, TypeRef};

/// Words too general to name a shared struct by themselves.
const GENERIC: &[&str] = &[
    "Body",
    "Content",
    "Data",
    "Error",
    "Errors",
    "Item",
    "Items",
    "Link",
    "Links",
    "Object",
    "Payload",
    "Properties",
    "Request",
    "Response",
    "Result",
    "Value",
];

/// Words that join others (`ById`, `ForOrg`): a name does not start with them.
const WEAK: &[&str] = &[
    "And", "At", "By", "For", "From", "Id", "In", "Of", "On", "Or", "To", "With",
];

/// Merges inline structs of the same shape, naming shared ones in `scope`
/// (the types' names); returns how many became aliases.
pub fn merge(api: &mut Api, scope: &mut Scope) -> usize {
    let n = api.types.len();
    // What a struct says besides the types it names, and the types it names.
    let mut local: HashMap<String, u32> = HashMap::new();
    let mut class: Vec<u32> = Vec::with_capacity(n);
    let mut refs: Vec<Vec<usize>> = Vec::with_capacity(n);
    let mut candidate = vec![false; n];
    for (i, def) in api.types.iter().enumerate() {
        let mut kind = def.kind.clone();
        let mut named = Vec::new();
        for ty in kind.children_mut() {
            if let Some(id) = ty.named_mut() {
                named.push(id.index());
                *id = TypeId::new(0);
            }
        }
        refs.push(named);
        let mergeable = matches!(kind, TypeKind::Struct(_)) && !is_component(&def.origin);
        // Everything else is a class of its own.
        let key = if mergeable {
            candidate[i] = true;
            format!("{kind:?}")
        } else {
            format!("#{i}")
        };
        let next = local.len() as u32;
        class.push(*local.entry(key).or_insert(next));
    }
    drop(local);
    let mut count = distinct(&class);
    loop {
        let mut split: HashMap<(u32, Vec<u32>), u32> = HashMap::new();
        let next: Vec<u32> = (0..n)
            .map(|i| {
                let key = (class[i], refs[i].iter().map(|&r| class[r]).collect());
                let len = split.len() as u32;
                *split.entry(key).or_insert(len)
            })
            .collect();
        class = next;
        if split.len() == count {
            break;
        }
        count = split.len();
    }
    // The struct each class keeps: the shortest name, then the first.
    let mut keeper: HashMap<u32, usize> = HashMap::new();
    for i in (0..n).filter(|&i| candidate[i]) {
        keeper
            .entry(class[i])
            .and_modify(|k| {
                if api.types[i].name.len() < api.types[*k].name.len() {
                    *k = i;
                }
            })
            .or_insert(i);
    }
    let target: Vec<usize> = (0..n)
        .map(|i| if candidate[i] { keeper[&class[i]] } else { i })
        .collect();
    let merged = (0..n).filter(|&i| target[i] != i).count();
    if merged == 0 {
        return 0;
    }
    let fix = |ty: &mut TypeRef| {
        if let Some(id) = ty.named_mut() {
            *id = TypeId::new(target[id.index()]);
        }
    };
    for (i, def) in api.types.iter_mut().enumerate() {
        if target[i] == i {
            def.kind.children_mut().for_each(fix);
        } else {
            def.kind = TypeKind::Alias(TypeRef::Named(TypeId::new(target[i])));
        }
    }
    for op in &mut api.operations {
        op.type_refs_mut().for_each(fix);
    }
    for w in &mut api.webhooks {
        fix(&mut w.payload);
    }
    // Names for the structs kept, in type order (deterministic).
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut copies: Vec<(usize, usize)> = Vec::new();
    for i in (0..n).filter(|&i| target[i] != i) {
        members[target[i]].push(i);
        copies.push((i, target[i]));
    }
    for (k, same) in members.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
        let names = std::iter::once(k)
            .chain(same.iter().copied())
            .map(|i| &*api.types[i].name);
        if let Some(shared) = shared_name(names)
            && scope.try_claim(&shared).is_some()
        {
            let def = &mut api.types[k];
            let old = std::mem::replace(&mut def.name, shared.into());
            let (origin, docs) = (def.origin.clone(), def.docs.clone());
            let alias = TypeKind::Alias(TypeRef::Named(TypeId::new(k)));
            copies.push((api.types.len(), k));
            api.types
                .push(TypeDef::new(old.to_string(), &origin, docs, alias));
        }
    }
    for (copy, kept) in copies {
        let note = format!(
            "An inline schema of the same shape as others: they share [`{}`].",
            api.types[kept].name
        );
        api.types[copy].docs.notes.push(note);
    }
    merged
}

/// What every name ends with, in whole words, when it is two words or
/// more and one of them is not [`GENERIC`].
fn shared_name<'a>(mut names: impl Iterator<Item = &'a str>) -> Option<String> {
    let words = |name: &'a str| -> Vec<&'a str> {
        let starts: Vec<usize> = name
            .char_indices()
            .filter(|(i, c)| *i == 0 || c.is_ascii_uppercase())
            .map(|(i, _)| i)
            .collect();
        let ends = starts.iter().skip(1).copied().chain([name.len()]);
        starts.iter().zip(ends).map(|(&a, b)| &name[a..b]).collect()
    };
    let mut suffix = words(names.next()?);
    for name in names {
        let other = words(name);
        let common = suffix
            .iter()
            .rev()
            .zip(other.iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        suffix.drain(..suffix.len() - common);
    }
    // `Object2` is as general as `Object`.
    let general = |w: &str| GENERIC.contains(&w.trim_end_matches(|c: char| c.is_ascii_digit()));
    let telling = |words: &[&str]| words.len() >= 2 && words.iter().any(|w| !general(w));
    // A name starts with what it is about: not `ById…` or `Response…`
    // left over from the copies' longer names.
    while suffix.len() > 2
        && (general(suffix[0]) || WEAK.contains(&suffix[0]))
        && telling(&suffix[1..])
    {
        suffix.remove(0);
    }
    let first = suffix.first()?;
    (telling(&suffix) && first.starts_with(|c: char| c.is_ascii_uppercase()))
        .then(|| suffix.concat())
}

/// Whether `origin` is a schema of `components` itself, not one inside it.
fn is_component(origin: &str) -> bool {
    origin
        .strip_prefix("#/components/schemas/")
        .is_some_and(|name| !name.is_empty() && !name.contains('/'))
}

fn distinct(class: &[u32]) -> usize {
    let mut seen: Vec<u32> = class.to_vec();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

#[cfg(test)]
mod tests;
