//! Stage 4, format and write: prettyplease per piece of complete items
//! (the printed pieces concatenated in order, a blank line between them),
//! then an atomic swap of the whole output directory. What emit made is
//! printed as it is: no printed text is edited. `--check` runs everything
//! but the write.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;

pub use crate::shared::MARKER;

/// Formats a token tree as a Rust file, with a header comment.
pub fn format_file(tokens: TokenStream, header: &str) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| format!("internal error: generated code does not parse: {e}"))?;
    Ok(format!("{header}\n\n{}", unparse(file)))
}

/// A file as prettyplease prints it, with a blank line between items, as
/// a person writes them (but none between consecutive `use`s), and between
/// the items of an `impl` or trait block. prettyplease prints an empty
/// verbatim item as a line break of its own: an empty line.
fn unparse(mut file: syn::File) -> String {
    let blank = || syn::Item::Verbatim(TokenStream::new());
    let mut items = Vec::with_capacity(file.items.len() * 2);
    let mut previous_use = None;
    for mut item in std::mem::take(&mut file.items) {
        let is_use = matches!(item, syn::Item::Use(_));
        let gap = match previous_use {
            None => !file.attrs.is_empty(),
            Some(previous) => !(is_use && previous),
        };
        if gap {
            items.push(blank());
        }
        previous_use = Some(is_use);
        match &mut item {
            syn::Item::Impl(block) => interleave(&mut block.items, || {
                syn::ImplItem::Verbatim(TokenStream::new())
            }),
            syn::Item::Trait(block) => interleave(&mut block.items, || {
                syn::TraitItem::Verbatim(TokenStream::new())
            }),
            _ => {}
        }
        items.push(item);
    }
    file.items = items;
    prettyplease::unparse(&file)
}

/// A marker between each two of `items`.
fn interleave<T>(items: &mut Vec<T>, marker: impl Fn() -> T) {
    let mut spaced = Vec::with_capacity(items.len() * 2);
    for (i, item) in std::mem::take(items).into_iter().enumerate() {
        if i > 0 {
            spaced.push(marker());
        }
        spaced.push(item);
    }
    *items = spaced;
}

pub(crate) use crate::shared::{MakeTokens, Piece};

/// Formats modules given as pieces, each with its header comment, on up to
/// `threads` threads. The output does not depend on the number of threads.
pub(crate) fn format_modules(
    modules: Vec<(String, Vec<Piece<'_>>)>,
    threads: usize,
) -> Result<Vec<String>, String> {
    let jobs: Vec<(usize, &Piece<'_>)> = modules
        .iter()
        .enumerate()
        .flat_map(|(m, (_, pieces))| pieces.iter().map(move |p| (m, p)))
        .collect();
    // Whole blocks (a trait and its impl), the largest pieces, are
    // formatted one after the other on this thread, first, while the
    // helpers take the rest: one block's syntax tree is alive at a time,
    // freed before the printed text of the rest piles up.
    let (blocks, items): (Vec<usize>, Vec<usize>) =
        (0..jobs.len()).partition(|&i| matches!(jobs[i].1, Piece::Block { .. }));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&i) = items.get(n) else {
                return Ok::<_, String>(done);
            };
            done.push((i, format_piece(jobs[i].1)?));
        }
    };
    let mut printed: Vec<(usize, String)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.max(1)).map(|_| scope.spawn(work)).collect();
        let mut all = Vec::new();
        for &i in &blocks {
            all.push((i, format_piece(jobs[i].1)?));
        }
        all.extend(work()?);
        for helper in helpers {
            let done = helper
                .join()
                .map_err(|_| "internal error: a formatting thread failed".to_string())??;
            all.extend(done);
        }
        Ok::<_, String>(all)
    })?;
    printed.sort_by_key(|(i, _)| *i);
    let mut out: Vec<String> = modules
        .iter()
        .map(|(header, _)| format!("{header}\n\n"))
        .collect();
    // A blank line between pieces, as between the items in them.
    let mut started = vec![false; modules.len()];
    for (i, text) in printed {
        let m = jobs[i].0;
        if text.is_empty() {
            continue;
        }
        if std::mem::replace(&mut started[m], true) {
            out[m].push('\n');
        }
        out[m].push_str(&text);
    }
    Ok(out)
}

fn format_piece(piece: &Piece<'_>) -> Result<String, String> {
    let parse = |make: &MakeTokens<'_>| {
        syn::parse2::<syn::File>(make())
            .map_err(|e| format!("internal error: generated code does not parse: {e}"))
    };
    let file = match piece {
        Piece::Items(make) => parse(make)?,
        Piece::Block { open, parts } => {
            let mut file = parse(open)?;
            for part in parts {
                extend(&mut file, parse(part)?)?;
            }
            file
        }
    };
    let mut text = unparse(file);
    // A file of only a one-line inner attribute is printed without its
    // line break; inside a larger file every item ends a line.
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// The items of `part`'s block moved into the block `file` holds (a trait
/// or an impl).
fn extend(file: &mut syn::File, part: syn::File) -> Result<(), String> {
    let malformed = || "internal error: a trait or impl made in parts of another kind".to_string();
    let mut part = part.items;
    match (file.items.as_mut_slice(), part.as_mut_slice()) {
        ([syn::Item::Trait(block)], [syn::Item::Trait(more)]) => {
            block.items.append(&mut more.items)
        }
        ([syn::Item::Impl(block)], [syn::Item::Impl(more)]) => block.items.append(&mut more.items),
        _ => return Err(malformed()),
    }
    Ok(())
}

/// A set of files relative to an output directory.
pub type FileSet = BTreeMap<PathBuf, String>;

/// How the files on disk differ from what would be generated.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Staleness {
    pub changed: Vec<PathBuf>,
    pub missing: Vec<PathBuf>,
    pub extra: Vec<PathBuf>,
}

impl Staleness {
    pub fn is_fresh(&self) -> bool {
        self.changed.is_empty() && self.missing.is_empty() && self.extra.is_empty()
    }
}

/// Compares `files` with the contents of `dir`.
pub fn check(dir: &Path, files: &FileSet) -> io::Result<Staleness> {
    let mut report = Staleness::default();
    for (rel, content) in files {
        match fs::read_to_string(dir.join(rel)) {
            Ok(existing) if &existing == content => {}
            Ok(_) => report.changed.push(dir.join(rel)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => report.missing.push(dir.join(rel)),
            Err(e) => return Err(e),
        }
    }
    for existing in list_files(dir)? {
        let rel = existing
            .strip_prefix(dir)
            .unwrap_or(&existing)
            .to_path_buf();
        if !files.contains_key(&rel) {
            report.extra.push(existing);
        }
    }
    Ok(report)
}

fn list_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    if !dir.exists() {
        return Ok(out);
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d)? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                // Build output and tooling state are not ours.
                if !matches!(
                    path.file_name().and_then(|n| n.to_str()),
                    Some("target" | ".git" | "node_modules")
                ) {
                    stack.push(path);
                }
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Replaces `dir` with exactly `files`, atomically: everything is written
/// into a sibling temporary directory, which is swapped in only when
/// complete. Unchanged files are hard-linked, keeping their modification
/// time, so cargo does not rebuild them. On any error `dir` is untouched.
pub fn write_tree(dir: &Path, files: &FileSet) -> io::Result<()> {
    if dir.exists() && !is_ours(dir)? {
        return Err(io::Error::other(format!(
            "refusing to replace {}: it is not empty and was not generated by codegen",
            dir.display()
        )));
    }
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let staging = parent.join(format!(".{name}.codegen-{}", std::process::id()));
    let backup = parent.join(format!(".{name}.codegen-old-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let result = fill(&staging, dir, files).and_then(|()| swap(&staging, dir, &backup));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn fill(staging: &Path, dir: &Path, files: &FileSet) -> io::Result<()> {
    for (rel, content) in files {
        let target = staging.join(rel);
        if let Some(p) = target.parent() {
            fs::create_dir_all(p)?;
        }
        let old = dir.join(rel);
        let unchanged = fs::read(&old).is_ok_and(|existing| existing == content.as_bytes());
        if !(unchanged && fs::hard_link(&old, &target).is_ok()) {
            fs::write(&target, content)?;
        }
    }
    Ok(())
}

fn swap(staging: &Path, dir: &Path, backup: &Path) -> io::Result<()> {
    if dir.exists() {
        let _ = fs::remove_dir_all(backup);
        fs::rename(dir, backup)?;
        if let Err(e) = fs::rename(staging, dir) {
            // Put the previous output back before reporting.
            let _ = fs::rename(backup, dir);
            return Err(e);
        }
        let _ = fs::remove_dir_all(backup);
    } else {
        fs::rename(staging, dir)?;
    }
    Ok(())
}

/// Empty, or made by us (its `Cargo.toml` carries the marker).
fn is_ours(dir: &Path) -> io::Result<bool> {
    if fs::read_dir(dir)?.next().is_none() {
        return Ok(true);
    }
    Ok(fs::read_to_string(dir.join("Cargo.toml")).is_ok_and(|t| t.contains(MARKER)))
}

/// Writes one file only when its content changes (for build scripts), via
/// a temporary file and a rename.
pub fn write_file_if_changed(path: &Path, content: &str) -> io::Result<()> {
    if fs::read(path).is_ok_and(|existing| existing == content.as_bytes()) {
        return Ok(());
    }
    if let Some(p) = path.parent() {
        fs::create_dir_all(p)?;
    }
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    fs::write(&tmp, content)?;
    fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests;
