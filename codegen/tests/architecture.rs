//! The shape of `codegen/src`, checked: no import cycle between its files,
//! and no file over 600 lines (a file that must be longer for a while is
//! listed in `OVERSIZED`, with the size it may not grow past).
//!
//! A file imports another when it names a path into it (`use` or a path in
//! code: `crate::emit::docs`, `super::media::is_json`); a file naming its
//! own ancestors (`super::Lowerer` from a stage's submodule) is not an
//! import, as a stage's root declares its parts. Test code
//! (`#[cfg(test)]`) may import anything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

const MAX_LINES: usize = 600;

/// Files still over `MAX_LINES`, each with the size it may not grow past.
const OVERSIZED: &[(&str, usize)] = &[];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file of `src/`, by module path (`lower::media`; the crate
/// root is ``).
fn modules() -> BTreeMap<String, PathBuf> {
    let root = src();
    let mut out = BTreeMap::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&root).unwrap().with_extension("");
                let mut parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if matches!(
                    parts.last().map(String::as_str),
                    Some("mod" | "lib" | "main")
                ) {
                    parts.pop();
                }
                out.insert(parts.join("::"), path);
            }
        }
    }
    out
}

/// The paths a file names (`crate::…`, `super::…`, `self::…`), outside
/// test code, as segment lists.
#[derive(Default)]
struct Paths(Vec<Vec<String>>);

impl Paths {
    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let mut path = prefix.clone();
                if n.ident != "self" {
                    path.push(n.ident.to_string());
                }
                self.0.push(path);
            }
            syn::UseTree::Rename(r) => {
                let mut path = prefix.clone();
                path.push(r.ident.to_string());
                self.0.push(path);
            }
            syn::UseTree::Glob(_) => self.0.push(prefix.clone()),
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.use_tree(prefix, tree);
                }
            }
        }
    }
}

fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.parse_args::<syn::Meta>()
                .is_ok_and(|m| m.path().is_ident("test"))
    })
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = match item {
            syn::Item::Mod(m) => &m.attrs,
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Use(u) => &u.attrs,
            syn::Item::Impl(i) => &i.attrs,
            _ => return syn::visit::visit_item(self, item),
        };
        if !is_test(attrs) {
            syn::visit::visit_item(self, item);
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.0
            .push(path.segments.iter().map(|s| s.ident.to_string()).collect());
        syn::visit::visit_path(self, path);
    }
}

/// The module a path leads into, from module `from`: the longest prefix
/// that is a file.
fn target(from: &str, path: &[String], files: &BTreeMap<String, PathBuf>) -> Option<String> {
    let mut at: Vec<String> = match path.first().map(String::as_str) {
        Some("crate") => Vec::new(),
        Some("super" | "self") => from
            .split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        _ => return None,
    };
    let mut rest = &path[1..];
    if path[0] == "super" {
        at.pop();
        while rest.first().is_some_and(|s| s == "super") {
            at.pop();
            rest = &rest[1..];
        }
    }
    let mut best = None;
    for segment in rest {
        at.push(segment.clone());
        let name = at.join("::");
        if files.contains_key(&name) {
            best = Some(name);
        }
    }
    best
}

fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let files = modules();
    let mut edges = BTreeMap::new();
    for (module, path) in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut paths = Paths::default();
        paths.visit_file(&file);
        let ancestors: Vec<String> = {
            let parts: Vec<&str> = module.split("::").collect();
            (0..parts.len()).map(|i| parts[..i].join("::")).collect()
        };
        let to: BTreeSet<String> = paths
            .0
            .iter()
            .filter_map(|p| target(module, p, &files))
            .filter(|t| t != module && !ancestors.contains(t))
            .collect();
        edges.insert(module.clone(), to);
    }
    edges
}

/// The cycles of the graph: its strongly connected components of more
/// than one file (Tarjan).
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Tarjan<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    impl<'a> Tarjan<'a> {
        fn visit(&mut self, v: &'a str) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.edges.get(v).into_iter().flatten() {
                if !self.index.contains_key(w.as_str()) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w.as_str()]);
                    self.low.insert(v, low);
                } else if self.on_stack.contains(w.as_str()) {
                    let low = self.low[v].min(self.index[w.as_str()]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    component.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.out.push(component);
                }
            }
        }
    }
    let mut t = Tarjan {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !t.index.contains_key(v.as_str()) {
            t.visit(v);
        }
    }
    t.out
}

#[test]
fn no_import_cycle_between_files() {
    let edges = imports();
    // The check sees imports at all: the pipeline imports every stage.
    assert!(edges[""].is_empty() || edges.contains_key("pipeline"));
    assert!(
        edges["pipeline"].contains("lower"),
        "{:?}",
        edges["pipeline"]
    );
    let found = cycles(&edges);
    let said: Vec<String> = found
        .iter()
        .map(|c| {
            let arrows: Vec<String> = c
                .iter()
                .map(|a| {
                    let to: Vec<&String> = edges[a].iter().filter(|b| c.contains(b)).collect();
                    format!("{a} -> {to:?}")
                })
                .collect();
            arrows.join("; ")
        })
        .collect();
    assert!(
        found.is_empty(),
        "import cycles in codegen/src:\n{}",
        said.join("\n")
    );
}

#[test]
fn the_cycle_check_finds_a_cycle() {
    let edges: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(str::to_string).collect()))
    .collect();
    assert_eq!(cycles(&edges), vec![vec!["a", "b", "c"]]);
    let files: BTreeMap<String, PathBuf> = ["", "lower", "lower::media", "emit"]
        .into_iter()
        .map(|m| (m.to_string(), PathBuf::new()))
        .collect();
    let path = |p: &str| p.split("::").map(str::to_string).collect::<Vec<_>>();
    assert_eq!(
        target("lower::operations", &path("super::media::is_json"), &files),
        Some("lower::media".into())
    );
    assert_eq!(
        target("lower", &path("crate::emit::docs::x"), &files),
        Some("emit".into())
    );
    assert_eq!(target("lower", &path("std::fmt"), &files), None);
}

#[test]
fn no_file_over_600_lines() {
    let mut over = Vec::new();
    for path in modules().values() {
        let lines = std::fs::read_to_string(path).unwrap().lines().count();
        let rel = path
            .strip_prefix(src())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let allowed = OVERSIZED
            .iter()
            .find(|(f, _)| *f == rel)
            .map_or(MAX_LINES, |(_, n)| *n);
        if lines > allowed {
            over.push(format!("{rel}: {lines} lines (at most {allowed})"));
        }
    }
    assert!(over.is_empty(), "split these files:\n{}", over.join("\n"));
}
