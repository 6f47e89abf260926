//! Where each value of an overlaid document came from: the original
//! document (at which pointer, after removals moved array items), or an
//! overlay's action (the overlay file and the pointer of the value in it).
//!
//! Applying an overlay records one step per change that moves or writes
//! values; a pointer of the result is traced back through them, latest
//! first, the way `renames` traces fields that loading moved.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Excerpt};
use crate::load::locate::SourceMap;

/// Where a value of the overlaid document was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// In the original document, at this pointer.
    Document(String),
    /// By the overlay of this index (in the order applied), at this
    /// pointer of its file (`#/actions/2/update/anyOf`).
    Overlay(usize, String),
}

/// One change that moved or wrote values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    /// The value at `at` is the overlay's value at `from`.
    Written {
        at: String,
        overlay: usize,
        from: String,
    },
    /// The value at `at` is a copy of the document's value at `from`, as
    /// it was when copied.
    Copied { at: String, from: String },
    /// The item at `index` of the array at `array` was removed: the items
    /// after it moved down by one.
    Shifted { array: String, index: usize },
}

/// What applying overlays to a document did.
#[derive(Debug, Clone, Default)]
pub struct Applied {
    /// The overlays applied, in order: (file, text).
    pub(super) overlays: Vec<(PathBuf, String)>,
    pub(super) steps: Vec<Step>,
    /// Warnings about the overlays (a target that selects nothing), placed
    /// in the overlay files.
    pub warnings: Vec<Diagnostic>,
}

impl Applied {
    /// Whether no overlay was applied.
    pub fn is_empty(&self) -> bool {
        self.overlays.is_empty()
    }

    /// The overlay files applied, in order.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.overlays.iter().map(|(p, _)| p.as_path())
    }

    /// The overlays' texts.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.overlays.iter().map(|(_, t)| t.as_str())
    }

    /// Where the value at `pointer` of the overlaid document came from.
    pub fn origin(&self, pointer: &str) -> Origin {
        let mut p = pointer.to_string();
        for step in self.steps.iter().rev() {
            match step {
                Step::Written { at, overlay, from } => {
                    if let Some(rest) = under(&p, at) {
                        return Origin::Overlay(*overlay, format!("{from}{rest}"));
                    }
                }
                Step::Copied { at, from } => {
                    if let Some(rest) = under(&p, at) {
                        p = format!("{from}{rest}");
                    }
                }
                Step::Shifted { array, index } => {
                    if let Some(rest) = under(&p, array)
                        && let Some(rest) = rest.strip_prefix('/')
                    {
                        let end = rest.find('/').unwrap_or(rest.len());
                        if let Ok(j) = rest[..end].parse::<usize>()
                            && j >= *index
                        {
                            p = format!("{array}/{}{}", j + 1, &rest[end..]);
                        }
                    }
                }
            }
        }
        Origin::Document(p)
    }

    /// Places diagnostics about the overlaid document (`file` is the
    /// document, pointers are in the overlaid tree): one whose value an
    /// overlay wrote gets that overlay's file, pointer, line and column;
    /// the others get their pointer in the original document. Returns, per
    /// diagnostic, whether the caller still has to place it in the
    /// document's text.
    pub fn place(&self, diagnostics: &mut [Diagnostic], document: &Path) -> Vec<bool> {
        let mut in_document = vec![false; diagnostics.len()];
        let mut by_overlay: Vec<Vec<usize>> = vec![Vec::new(); self.overlays.len()];
        for (i, d) in diagnostics.iter_mut().enumerate() {
            if d.file != document {
                continue;
            }
            match self.origin(&d.pointer) {
                Origin::Document(p) => {
                    d.pointer = p;
                    in_document[i] = true;
                }
                Origin::Overlay(k, p) => {
                    d.pointer = p;
                    if let Some(list) = by_overlay.get_mut(k) {
                        list.push(i);
                    }
                }
            }
        }
        for (k, members) in by_overlay.iter().enumerate() {
            if members.is_empty() {
                continue;
            }
            let (path, text) = &self.overlays[k];
            let map = SourceMap::for_pointers(
                text,
                members.iter().map(|&i| diagnostics[i].pointer.as_str()),
            );
            for &i in members {
                let d = &mut diagnostics[i];
                d.file = path.clone();
                d.position = map.locate(&d.pointer);
                d.excerpt = d.position.and_then(|(line, col)| {
                    Some(Excerpt::of(text.lines().nth(line - 1)?.trim_end(), col))
                });
            }
        }
        in_document
    }
}

/// The rest of `pointer` below `at` (empty for `at` itself), if it is there.
fn under<'a>(pointer: &'a str, at: &str) -> Option<&'a str> {
    let rest = pointer.strip_prefix(at)?;
    (rest.is_empty() || rest.starts_with('/')).then_some(rest)
}
