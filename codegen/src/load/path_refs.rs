//! Path items and callbacks given by reference, copied to where they are
//! referenced, for every OpenAPI version: `openapiv3` has no reference
//! for either. A path item may point at `#/components/pathItems/...`
//! (3.1) or at any other path item of the document (`#/paths/~1other`,
//! allowed since 3.0); an operation's callback may point at
//! `#/components/callbacks/...`.
//!
//! The input is untrusted: cycles are cut (the reference stays, with a
//! note), and copying has a budget, so a document cannot fan out
//! exponentially.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::diagnostics::child;

type Object = Map<String, Value>;

/// How many JSON values copying referenced path items and callbacks may
/// create; past it, references stay references.
const COPY_BUDGET: usize = 1_000_000;

/// How deep path items inside callbacks inside path items are followed.
const MAX_DEPTH: usize = 64;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Copies every referenced path item and callback into place and drops
/// `components/pathItems`. Returns notes: (pointer, message).
pub fn resolve(root: &mut Object) -> Vec<(String, String)> {
    let mut cx = Copier {
        targets: HashMap::new(),
        budget: COPY_BUDGET,
        expanding: Vec::new(),
        notes: Vec::new(),
    };
    cx.collect_targets(root);
    if let Some(Value::Object(components)) = root.get_mut("components")
        && let Some(items) = components.shift_remove("pathItems")
        && !items.is_object()
    {
        cx.note("#/components/pathItems", "not a map of path items; dropped");
    }
    for key in ["paths", "webhooks", "x-webhooks"] {
        let Some(Value::Object(entries)) = root.get_mut(key) else {
            continue;
        };
        let pointer = child("#", key);
        for (name, item) in entries.iter_mut() {
            if key == "paths" && name.starts_with("x-") {
                continue;
            }
            cx.item(item, &child(&pointer, name), 0);
        }
    }
    if let Some(Value::Object(components)) = root.get_mut("components")
        && let Some(Value::Object(callbacks)) = components.get_mut("callbacks")
    {
        for (name, callback) in callbacks.iter_mut() {
            let pointer = child("#/components/callbacks", name);
            cx.callback(callback, &pointer, 0);
        }
    }
    cx.notes
}

struct Copier {
    /// What each path-item and callback reference of the document points
    /// at, as it was before any copying.
    targets: HashMap<String, Option<Object>>,
    /// Values still allowed to be copied.
    budget: usize,
    /// References being expanded, outermost first: one met again is a cycle.
    expanding: Vec<String>,
    notes: Vec<(String, String)>,
}

impl Copier {
    fn note(&mut self, pointer: &str, message: impl Into<String>) {
        self.notes.push((pointer.to_string(), message.into()));
    }

    /// Every `$ref` that stands for a path item or a callback, read before
    /// anything is rewritten (a target may itself be rewritten later).
    fn collect_targets(&mut self, root: &Object) {
        let mut refs = Vec::new();
        for key in ["paths", "webhooks", "x-webhooks"] {
            if let Some(Value::Object(entries)) = root.get(key) {
                refs.extend(entries.values().flat_map(item_refs));
            }
        }
        if let Some(Value::Object(components)) = root.get("components") {
            for key in ["pathItems", "callbacks"] {
                if let Some(Value::Object(entries)) = components.get(key) {
                    refs.extend(entries.values().flat_map(|v| {
                        let own = reference(v).into_iter();
                        let inner: Vec<&str> = match v.as_object() {
                            Some(o) if key == "callbacks" => {
                                o.values().flat_map(item_refs).collect()
                            }
                            _ => item_refs(v),
                        };
                        own.chain(inner)
                    }));
                }
            }
        }
        if refs.is_empty() {
            return;
        }
        while let Some(r) = refs.pop() {
            if self.targets.contains_key(r) {
                continue;
            }
            let target = local_target(root, r);
            // What the target refers to in turn (a chain, its callbacks).
            if let Some(t) = target {
                refs.extend(item_refs(t));
                if let Value::Object(o) = t {
                    refs.extend(o.values().filter_map(reference));
                }
            }
            let target = target.and_then(Value::as_object).cloned();
            self.targets.insert(r.to_string(), target);
        }
    }

    /// Replaces `value`, an object that may be a reference, by a copy of
    /// its target (fields beside the reference win), as long as it is one.
    fn follow(&mut self, value: &mut Object, pointer: &str, what: &str) {
        while let Some(Value::String(r)) = value.get("$ref") {
            let r = r.clone();
            let here = child(pointer, "$ref");
            if self.expanding.contains(&r) {
                self.note(
                    &here,
                    format!("{what} reference {r:?} refers back to itself; left as a reference"),
                );
                return;
            }
            let Some(Some(target)) = self.targets.get(&r) else {
                self.note(
                    &here,
                    format!("{what} reference {r:?} does not resolve to an object of this document; left as written"),
                );
                return;
            };
            let cost = count_values(target);
            if cost > self.budget {
                self.note(
                    &here,
                    format!("copying referenced {what}s would make more than {COPY_BUDGET} values; left as a reference"),
                );
                return;
            }
            self.budget -= cost;
            let mut merged = target.clone();
            value.shift_remove("$ref");
            for (key, v) in std::mem::take(value) {
                merged.insert(key, v);
            }
            *value = merged;
            self.expanding.push(r);
        }
    }

    fn item(&mut self, item: &mut Value, pointer: &str, depth: usize) {
        let Value::Object(item) = item else {
            return;
        };
        if depth > MAX_DEPTH {
            self.note(pointer, format!("path items nest more than {MAX_DEPTH} levels deep through callbacks; left as written from here on"));
            return;
        }
        let outer = self.expanding.len();
        self.follow(item, pointer, "path item");
        for method in METHODS {
            if let Some(Value::Object(op)) = item.get_mut(method)
                && let Some(Value::Object(callbacks)) = op.get_mut("callbacks")
            {
                let pointer = child(&child(pointer, method), "callbacks");
                for (name, callback) in callbacks.iter_mut() {
                    self.callback(callback, &child(&pointer, name), depth + 1);
                }
            }
        }
        self.expanding.truncate(outer);
    }

    fn callback(&mut self, callback: &mut Value, pointer: &str, depth: usize) {
        let Value::Object(callback) = callback else {
            return;
        };
        let outer = self.expanding.len();
        self.follow(callback, pointer, "callback");
        for (expression, item) in callback.iter_mut() {
            if !expression.starts_with("x-") && expression != "$ref" {
                self.item(item, &child(pointer, expression), depth + 1);
            }
        }
        self.expanding.truncate(outer);
    }
}

/// The `$ref` of an object, if it is one.
fn reference(value: &Value) -> Option<&str> {
    value.get("$ref").and_then(Value::as_str)
}

/// The references a path item holds for itself and for its operations'
/// callbacks (and their path items), one level deep.
fn item_refs(item: &Value) -> Vec<&str> {
    let mut out: Vec<&str> = reference(item).into_iter().collect();
    for method in METHODS {
        let Some(Value::Object(callbacks)) = item.get(method).and_then(|op| op.get("callbacks"))
        else {
            continue;
        };
        for callback in callbacks.values() {
            out.extend(reference(callback));
            if let Value::Object(expressions) = callback {
                out.extend(expressions.values().filter_map(reference));
            }
        }
    }
    out
}

/// The value a same-document reference (`#/paths/~1jobs~1%7Bid%7D`) points
/// at: the fragment percent-decoded (RFC 3986), then read as a JSON
/// pointer (RFC 6901).
fn local_target<'v>(root: &'v Object, reference: &str) -> Option<&'v Value> {
    let decoded = super::locate::percent_decode(reference.strip_prefix('#')?);
    let rest = decoded.strip_prefix('/')?;
    let (first, rest) = match rest.split_once('/') {
        Some((first, rest)) => (first, Some(rest)),
        None => (rest, None),
    };
    let first = root.get(&first.replace("~1", "/").replace("~0", "~"))?;
    match rest {
        Some(rest) => first.pointer(&format!("/{rest}")),
        None => Some(first),
    }
}

/// How many JSON values `map` holds, counted without recursion.
fn count_values(map: &Object) -> usize {
    let mut count = 0;
    let mut stack: Vec<&Value> = map.values().collect();
    while let Some(value) = stack.pop() {
        count += 1;
        match value {
            Value::Object(o) => stack.extend(o.values()),
            Value::Array(a) => stack.extend(a.iter()),
            _ => {}
        }
    }
    count
}

#[cfg(test)]
mod tests;
