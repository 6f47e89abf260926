//! Applying overlays' actions to a document tree, in order, recording where
//! each written value came from.
//!
//! The merge is the specification's: a property only in the target stays;
//! one only in the update is inserted; in both, a primitive replaces a
//! primitive, a list is appended to a list (concatenated), an object is
//! merged into an object, and any other pair is an error. A target that
//! is a list takes a list's items (1.1) or one new item (1.0, or a value
//! that is not a list); a primitive target is replaced (1.1).

use std::path::Path;

use serde_json::{Map, Value};
use serde_json_path::JsonPath;

use super::provenance::{Applied, Step};
use super::read::{Action, Kind, Overlay, Version, kind_of};
use crate::diagnostics::{Diagnostic, GenerateError, Severity, child};

/// A segment of a location in the tree.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Seg {
    Key(String),
    Index(usize),
}

fn pointer(path: &[Seg]) -> String {
    let mut out = String::from("#");
    for seg in path {
        match seg {
            Seg::Key(k) => out = child(&out, k),
            Seg::Index(i) => {
                out.push('/');
                out.push_str(&i.to_string());
            }
        }
    }
    out
}

fn get_mut<'v>(mut value: &'v mut Value, path: &[Seg]) -> Option<&'v mut Value> {
    for seg in path {
        value = match (value, seg) {
            (Value::Object(map), Seg::Key(k)) => map.get_mut(k)?,
            (Value::Array(items), Seg::Index(i)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(value)
}

/// The locations `path` selects in `doc`, each once, in the order selected.
fn select(doc: &Value, path: &JsonPath) -> Vec<Vec<Seg>> {
    use serde_json_path::PathElement;
    path.query_located(doc)
        .dedup()
        .into_iter()
        .map(|node| {
            node.location()
                .iter()
                .map(|e| match e {
                    PathElement::Name(n) => Seg::Key(n.to_string()),
                    PathElement::Index(i) => Seg::Index(*i),
                })
                .collect()
        })
        .collect()
}

/// Where a value being merged comes from: an overlay's file, or (a copy)
/// the document itself.
#[derive(Debug, Clone)]
enum Src {
    Overlay(usize, String),
    Document(String),
}

impl Src {
    fn key(&self, key: &str) -> Src {
        match self {
            Src::Overlay(k, p) => Src::Overlay(*k, child(p, key)),
            Src::Document(p) => Src::Document(child(p, key)),
        }
    }

    fn index(&self, i: usize) -> Src {
        match self {
            Src::Overlay(k, p) => Src::Overlay(*k, format!("{p}/{i}")),
            Src::Document(p) => Src::Document(format!("{p}/{i}")),
        }
    }

    fn step(&self, at: String) -> Step {
        match self {
            Src::Overlay(overlay, from) => Step::Written {
                at,
                overlay: *overlay,
                from: from.clone(),
            },
            Src::Document(from) => Step::Copied {
                at,
                from: from.clone(),
            },
        }
    }
}

/// Why a merge failed: the pointer of the update's (or copied) value that
/// does not fit, and what is wrong.
struct Conflict {
    src: Src,
    message: String,
}

/// Applies `overlays` to `doc` in order. Every problem of a malformed or
/// inapplicable overlay is an error (nothing of the document is used
/// then); targets that select nothing are warnings in the result.
pub fn apply(
    doc: &mut Value,
    document: &Path,
    overlays: &[Overlay],
) -> Result<Applied, GenerateError> {
    let mut applied = Applied::default();
    let mut errors = Vec::new();
    let name = document
        .file_name()
        .and_then(|n| n.to_str())
        .map(str::to_string)
        .unwrap_or_else(|| document.display().to_string());
    for (k, overlay) in overlays.iter().enumerate() {
        applied
            .overlays
            .push((overlay.path.clone(), overlay.text.clone()));
        applied.warnings.extend(overlay.warnings.iter().cloned());
        if let Some(extends) = &overlay.extends {
            let named = extends
                .split(['?', '#'])
                .next()
                .unwrap_or_default()
                .rsplit('/')
                .next()
                .unwrap_or_default();
            let named = crate::load::locate::percent_decode(named);
            if !named.is_empty() && named != name {
                applied.warnings.push(overlay.diagnostic(
                    Severity::Warning,
                    "#/extends",
                    format!(
                        "this overlay extends `{extends}`, and is applied to `{}`",
                        document.display()
                    ),
                ));
            }
        }
        let mut cx = Cx {
            overlay,
            k,
            applied: &mut applied,
            errors: &mut errors,
            document: &name,
        };
        for action in &overlay.actions {
            cx.action(doc, action);
            if !cx.errors.is_empty() {
                break;
            }
        }
        if !errors.is_empty() {
            break;
        }
    }
    if errors.is_empty() {
        Ok(applied)
    } else {
        errors.extend(applied.warnings);
        Err(GenerateError {
            diagnostics: errors,
        })
    }
}

struct Cx<'a> {
    overlay: &'a Overlay,
    /// The overlay's index in the order applied.
    k: usize,
    applied: &'a mut Applied,
    errors: &'a mut Vec<Diagnostic>,
    /// The document's file name, for messages.
    document: &'a str,
}

impl Cx<'_> {
    fn error(&mut self, pointer: &str, message: String) {
        let d = self.overlay.diagnostic(Severity::Error, pointer, message);
        self.errors.push(d);
    }

    fn warn(&mut self, pointer: &str, message: String) {
        let d = self.overlay.diagnostic(Severity::Warning, pointer, message);
        self.applied.warnings.push(d);
    }

    fn action(&mut self, doc: &mut Value, action: &Action) {
        let at = format!("#/actions/{}", action.index);
        let targets = select(doc, &action.target);
        if targets.is_empty() {
            if !matches!(action.kind, Kind::Nothing) {
                self.warn(
                    &child(&at, "target"),
                    format!(
                        "`{}` selects nothing in {}; this action changes nothing",
                        action.target_text, self.document
                    ),
                );
            }
            return;
        }
        match &action.kind {
            Kind::Nothing => {}
            Kind::Remove => self.remove(doc, &at, targets),
            Kind::Update(value) => {
                let src = Src::Overlay(self.k, child(&at, "update"));
                self.merge_into(doc, &at, &targets, value, src);
            }
            Kind::Copy(path, text) => {
                let sources = select(doc, path);
                match sources.as_slice() {
                    [] => self.warn(
                        &child(&at, "copy"),
                        format!(
                            "`{text}` selects nothing in {} to copy; this action changes nothing",
                            self.document
                        ),
                    ),
                    [one] => {
                        let Some(value) = get_mut(doc, one).map(|v| v.clone()) else {
                            return;
                        };
                        let src = Src::Document(pointer(one));
                        self.merge_into(doc, &at, &targets, &value, src);
                    }
                    many => self.error(
                        &child(&at, "copy"),
                        format!(
                            "`{text}` selects {} values; what is copied must be exactly one",
                            many.len()
                        ),
                    ),
                }
            }
        }
    }

    fn remove(&mut self, doc: &mut Value, at: &str, mut targets: Vec<Vec<Seg>>) {
        if targets.iter().any(Vec::is_empty) {
            self.error(
                &child(at, "target"),
                "`remove` cannot remove the document itself (`$`)".into(),
            );
            return;
        }
        if self.overlay.version == Version::V1_0
            && targets
                .iter()
                .any(|t| get_mut(doc, t).is_some_and(|v| !v.is_object() && !v.is_array()))
        {
            self.warn(
                &child(at, "target"),
                "Overlay 1.0 removes objects and lists only; this target selects a primitive, removed as Overlay 1.1 does (write `overlay: 1.1.0`)".into(),
            );
        }
        // Later and deeper first: removing an item never moves another
        // selected one, and a descendant goes before its ancestor.
        targets.sort();
        for target in targets.iter().rev() {
            let Some((last, parent)) = target.split_last() else {
                continue;
            };
            let parent_pointer = pointer(parent);
            match (get_mut(doc, parent), last) {
                (Some(Value::Object(map)), Seg::Key(key)) => {
                    map.shift_remove(key);
                }
                (Some(Value::Array(items)), Seg::Index(i)) if *i < items.len() => {
                    items.remove(*i);
                    self.applied.steps.push(Step::Shifted {
                        array: parent_pointer,
                        index: *i,
                    });
                }
                _ => {}
            }
        }
    }

    /// Merges `value` (from `src`) into every target.
    fn merge_into(
        &mut self,
        doc: &mut Value,
        at: &str,
        targets: &[Vec<Seg>],
        value: &Value,
        src: Src,
    ) {
        let kinds: Vec<Shape> = targets
            .iter()
            .filter_map(|t| get_mut(doc, t).map(|v| Shape::of(v)))
            .collect();
        if kinds.windows(2).any(|w| w[0] != w[1]) {
            self.error(
                &child(at, "target"),
                "this target selects values of different kinds (objects, lists, primitives); one update or copy applies to one kind".into(),
            );
            return;
        }
        let v1_0 = self.overlay.version == Version::V1_0;
        if v1_0 && kinds.first() == Some(&Shape::Primitive) {
            self.warn(
                &child(at, "target"),
                "Overlay 1.0 updates objects and lists only; this target selects a primitive, replaced as Overlay 1.1 does (write `overlay: 1.1.0`)".into(),
            );
        }
        let mut empty = false;
        for target in targets {
            let target_pointer = pointer(target);
            let Some(node) = get_mut(doc, target) else {
                continue;
            };
            let steps = &mut self.applied.steps;
            let result = match (node, value) {
                (Value::Object(_) | Value::Array(_), Value::Null) => {
                    empty = true;
                    Ok(())
                }
                (Value::Object(map), Value::Object(update)) => {
                    merge_object(map, &target_pointer, update, &src, steps)
                }
                (Value::Object(_), other) => Err(Conflict {
                    src: src.clone(),
                    message: format!(
                        "the target `{target_pointer}` is an object, so this must be an object whose properties are merged into it, not {}",
                        kind_of(other)
                    ),
                }),
                (Value::Array(items), Value::Array(more)) if !v1_0 => {
                    append(items, &target_pointer, more, &src, steps);
                    Ok(())
                }
                (Value::Array(items), item) => {
                    steps.push(src.step(format!("{target_pointer}/{}", items.len())));
                    items.push(item.clone());
                    Ok(())
                }
                (node @ Value::Null, any) => {
                    *node = any.clone();
                    steps.push(src.step(target_pointer.clone()));
                    Ok(())
                }
                (node, primitive) if !primitive.is_object() && !primitive.is_array() => {
                    *node = primitive.clone();
                    steps.push(src.step(target_pointer.clone()));
                    Ok(())
                }
                (node, other) => Err(Conflict {
                    src: src.clone(),
                    message: format!(
                        "the target `{target_pointer}` is {}, so this must be a value that replaces it, not {}",
                        kind_of(node),
                        kind_of(other)
                    ),
                }),
            };
            if let Err(conflict) = result {
                let (pointer, message) = match conflict.src {
                    Src::Overlay(_, p) => (p, conflict.message),
                    Src::Document(p) => (
                        child(at, "copy"),
                        format!("the value copied from `{p}`: {}", conflict.message),
                    ),
                };
                self.error(&pointer, message);
                return;
            }
        }
        if empty {
            let field = match &src {
                Src::Overlay(..) => "update",
                Src::Document(_) => "copy",
            };
            self.warn(
                &child(at, field),
                format!("the {field} is empty (null); this action changes nothing"),
            );
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Object,
    List,
    Primitive,
}

impl Shape {
    fn of(value: &Value) -> Shape {
        match value {
            Value::Object(_) => Shape::Object,
            Value::Array(_) => Shape::List,
            _ => Shape::Primitive,
        }
    }
}

fn append(items: &mut Vec<Value>, at: &str, more: &[Value], src: &Src, steps: &mut Vec<Step>) {
    for (i, item) in more.iter().enumerate() {
        steps.push(src.index(i).step(format!("{at}/{}", items.len())));
        items.push(item.clone());
    }
}

/// The specification's recursive merge of `update` into `target`.
fn merge_object(
    target: &mut Map<String, Value>,
    at: &str,
    update: &Map<String, Value>,
    src: &Src,
    steps: &mut Vec<Step>,
) -> Result<(), Conflict> {
    for (key, value) in update {
        let here = child(at, key);
        let from = src.key(key);
        let Some(existing) = target.get_mut(key) else {
            // An empty value stands for the structure it mirrors.
            if !value.is_null() {
                target.insert(key.clone(), value.clone());
                steps.push(from.step(here));
            }
            continue;
        };
        match (existing, value) {
            (Value::Object(_) | Value::Array(_), Value::Null) => {}
            (Value::Object(inner), Value::Object(more)) => {
                merge_object(inner, &here, more, &from, steps)?;
            }
            (Value::Array(items), Value::Array(more)) => append(items, &here, more, &from, steps),
            (slot @ Value::Null, any) => {
                *slot = any.clone();
                steps.push(from.step(here));
            }
            (slot, primitive)
                if !slot.is_object()
                    && !slot.is_array()
                    && !primitive.is_object()
                    && !primitive.is_array() =>
            {
                *slot = primitive.clone();
                steps.push(from.step(here));
            }
            (slot, other) => {
                return Err(Conflict {
                    src: from,
                    message: format!(
                        "cannot merge {} into `{here}`, which is {} in the document (objects merge into objects, lists append to lists, primitives replace primitives)",
                        kind_of(other),
                        kind_of(slot)
                    ),
                });
            }
        }
    }
    Ok(())
}
