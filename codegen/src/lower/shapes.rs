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

use crate::shared::HashMap;

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
    let target = keepers(api);
    let merged = target.iter().enumerate().filter(|(i, t)| i != *t).count();
    if merged > 0 {
        redirect(api, &target);
        name_kept(api, &target, scope);
    }
    merged
}

/// By type, the type it is merged into (itself when it is kept).
fn keepers(api: &Api) -> Vec<usize> {
    let (class, candidate) = classes(api);
    // The struct each class keeps: the shortest name, then the first.
    let mut keeper: HashMap<u32, usize> = HashMap::default();
    for i in (0..class.len()).filter(|&i| candidate[i]) {
        keeper
            .entry(class[i])
            .and_modify(|k| {
                if api.types[i].name.len() < api.types[*k].name.len() {
                    *k = i;
                }
            })
            .or_insert(i);
    }
    (0..class.len())
        .map(|i| if candidate[i] { keeper[&class[i]] } else { i })
        .collect()
}

/// By type, its class of equal shapes, and whether it may merge at all
/// (an inline struct). Classes start from what a struct says besides the
/// types it names, and split by the classes of the types it names until
/// they settle (Moore's algorithm).
fn classes(api: &Api) -> (Vec<u32>, Vec<bool>) {
    let n = api.types.len();
    let mut class: Vec<u32> = Vec::with_capacity(n);
    let mut refs: Vec<Vec<usize>> = Vec::with_capacity(n);
    let mut candidate = vec![false; n];
    // Each struct as written with every type it names blanked, compared
    // whole with those of the same wire names (comparing is cheap; a
    // `Debug` text of each, escaping every description, cost more).
    let mut blanked: Vec<Option<TypeKind>> = Vec::with_capacity(n);
    let mut by_keys: HashMap<Vec<&str>, Vec<u32>> = HashMap::default();
    let mut first: Vec<usize> = Vec::new();
    for (i, def) in api.types.iter().enumerate() {
        let fields = match &def.kind {
            TypeKind::Struct(s) if !is_component(&def.origin) => Some(&s.fields),
            _ => None,
        };
        // Everything else is a class of its own, which never splits.
        let Some(fields) = fields else {
            refs.push(Vec::new());
            blanked.push(None);
            class.push(first.len() as u32);
            first.push(i);
            continue;
        };
        candidate[i] = true;
        let mut kind = def.kind.clone();
        let mut named = Vec::new();
        for ty in kind.children_mut() {
            if let Some(id) = ty.named_mut() {
                named.push(id.index());
                *id = TypeId::new(0);
            }
        }
        refs.push(named);
        blanked.push(Some(kind));
        let keys: Vec<&str> = fields.iter().map(|f| f.wire_name.as_str()).collect();
        let same = by_keys.entry(keys).or_default();
        let found = same
            .iter()
            .copied()
            .find(|&c| blanked[first[c as usize]] == blanked[i]);
        let c = found.unwrap_or_else(|| {
            let c = first.len() as u32;
            first.push(i);
            same.push(c);
            c
        });
        class.push(c);
    }
    let mut count = first.len();
    loop {
        let mut split: HashMap<(u32, Vec<u32>), u32> = HashMap::default();
        class = (0..n)
            .map(|i| {
                let key = (class[i], refs[i].iter().map(|&r| class[r]).collect());
                let next = split.len() as u32;
                *split.entry(key).or_insert(next)
            })
            .collect();
        if split.len() == count {
            return (class, candidate);
        }
        count = split.len();
    }
}

/// Makes each merged struct an alias of the one kept, and points every
/// reference (types, operations, webhooks) at the one kept.
fn redirect(api: &mut Api, target: &[usize]) {
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
}

/// Renames each struct kept after what its copies' names share, when that
/// says something and is free (its own name becomes one more alias), and
/// notes on each alias which struct it shares. In type order, so the
/// names do not depend on anything but the document.
fn name_kept(api: &mut Api, target: &[usize], scope: &mut Scope) {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); target.len()];
    let mut copies: Vec<(usize, usize)> = Vec::new();
    for (i, &t) in target.iter().enumerate().filter(|(i, t)| i != *t) {
        members[t].push(i);
        copies.push((i, t));
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
}

/// What every name ends with, in whole words (less the [`WEAK`] or
/// [`GENERIC`] ones it would start with), when it is two words or more and
/// one of them is not general.
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

#[cfg(test)]
mod tests;
