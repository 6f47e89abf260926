//! Stage 4, format and write: prettyplease per piece of complete items
//! (the printed pieces concatenated in order, a blank line between them),
//! then an atomic swap of the whole output directory. What emit made is
//! printed as it is: the one edit of printed text is a block made in parts
//! put together (its head opened, each part's items taken out of the block
//! they were printed in, checked to be exactly that). `--check` runs
//! everything but the write.

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

/// One job of [`format_modules`]: a piece of complete items, the head of a
/// block (its `open`), or one part of a block's items.
#[derive(Clone, Copy)]
enum Job<'p, 'a> {
    Items(&'p MakeTokens<'a>),
    Open(&'p MakeTokens<'a>),
    Part(&'p MakeTokens<'a>),
}

/// What a job printed: text, and for a block's head or part the kind of
/// block it is (a part must continue a block of its own kind).
type Printed = (String, Option<BlockKind>);

#[derive(Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    Trait,
    Impl,
}

/// Formats modules given as pieces, each with its header comment, on up to
/// `threads` threads. The output does not depend on the number of threads.
/// A block (a trait, an impl) made in parts is printed part by part, each
/// on its own, so no syntax tree is ever larger than a piece: its head is
/// printed empty (`… {}`) and opened, each part's items are printed inside
/// a block of their own and taken out of it, and the block is closed after
/// the last. That is the text of the whole block, as prettyplease prints
/// each item of a block on its own lines at the block's indentation.
pub(crate) fn format_modules(
    modules: Vec<(String, Vec<Piece<'_>>)>,
    threads: usize,
) -> Result<Vec<String>, String> {
    // Each job with its module, and, for a block's part, its block.
    let mut jobs: Vec<(usize, Job<'_, '_>)> = Vec::new();
    for (m, (_, pieces)) in modules.iter().enumerate() {
        for piece in pieces {
            match piece {
                Piece::Items(make) => jobs.push((m, Job::Items(make))),
                Piece::Block { open, parts } => {
                    jobs.push((m, Job::Open(open)));
                    jobs.extend(parts.iter().map(|part| (m, Job::Part(part))));
                }
            }
        }
    }
    let printed = crate::shared::run_jobs(
        jobs.len(),
        threads,
        |i| format_job(jobs[i].1),
        || "internal error: a formatting thread failed".to_string(),
    )?;
    assemble(&modules, &jobs, printed)
}

/// The printed jobs, in order, as the modules' texts: a blank line
/// between pieces, as between the items in them, and between the parts of
/// a block.
fn assemble(
    modules: &[(String, Vec<Piece<'_>>)],
    jobs: &[(usize, Job<'_, '_>)],
    printed: Vec<Printed>,
) -> Result<Vec<String>, String> {
    let mut sizes: Vec<usize> = modules.iter().map(|(header, _)| header.len() + 3).collect();
    for ((m, _), (text, _)) in jobs.iter().zip(&printed) {
        sizes[*m] += text.len() + 2;
    }
    let mut out: Vec<String> = modules
        .iter()
        .zip(&sizes)
        .map(|((header, _), &size)| {
            let mut text = String::with_capacity(size);
            text.push_str(header);
            text.push_str("\n\n");
            text
        })
        .collect();
    let mut started = vec![false; modules.len()];
    // The block being assembled, its head printed without its closing
    // `}`: its module and kind.
    let mut block: Option<(usize, BlockKind)> = None;
    for (&(m, job), (text, kind)) in jobs.iter().zip(printed) {
        if let (Job::Items(_) | Job::Open(_), Some((open, _))) = (job, block) {
            out[open].push_str("}\n");
            block = None;
        }
        match (job, kind) {
            (Job::Items(_), _) => {
                if !text.is_empty() {
                    piece(&mut out[m], &mut started[m], &text);
                }
            }
            (Job::Open(_), Some(kind)) => {
                // `… {}`, opened.
                piece(
                    &mut out[m],
                    &mut started[m],
                    &text[..text.len() - "}\n".len()],
                );
                block = Some((m, kind));
            }
            (Job::Part(_), Some(kind)) => match block {
                None => return Err("internal error: a block's part without its head".into()),
                Some((_, open)) if open != kind => {
                    return Err(
                        "internal error: a trait or impl made in parts of another kind".into(),
                    );
                }
                // Its first items end the head's line; the next are after
                // a blank line.
                Some(_) if !text.is_empty() => {
                    out[m].push('\n');
                    out[m].push_str(&text);
                }
                Some(_) => {}
            },
            _ => return Err("internal error: a block printed as items".into()),
        }
    }
    if let Some((open, _)) = block {
        out[open].push_str("}\n");
    }
    Ok(out)
}

/// Appends a printed piece to a module, after a blank line unless it is
/// the module's first.
fn piece(out: &mut String, started: &mut bool, text: &str) {
    if std::mem::replace(started, true) {
        out.push('\n');
    }
    out.push_str(text);
}

fn format_job(job: Job<'_, '_>) -> Result<Printed, String> {
    let parse = |make: &MakeTokens<'_>| {
        syn::parse2::<syn::File>(make())
            .map_err(|e| format!("internal error: generated code does not parse: {e}"))
    };
    match job {
        Job::Items(make) => {
            let mut text = unparse(parse(make)?);
            // A file of only a one-line inner attribute is printed without
            // its line break; inside a larger file every item ends a line.
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            Ok((text, None))
        }
        Job::Open(make) => {
            let file = parse(make)?;
            let kind = block_kind(&file, true)?;
            let text = unparse(file);
            if !text.ends_with("{}\n") {
                return Err(format!(
                    "internal error: a block's head printed as {text:?}"
                ));
            }
            Ok((text, Some(kind)))
        }
        Job::Part(make) => {
            let file = parse(make)?;
            let kind = block_kind(&file, false)?;
            let text = unparse(file);
            Ok((items_of(&text)?.to_string(), Some(kind)))
        }
    }
}

/// The kind of the one block `file` holds; for a block's head, one with
/// no items.
fn block_kind(file: &syn::File, head: bool) -> Result<BlockKind, String> {
    let (kind, empty) = match file.items.as_slice() {
        [syn::Item::Trait(block)] => (BlockKind::Trait, block.items.is_empty()),
        [syn::Item::Impl(block)] => (BlockKind::Impl, block.items.is_empty()),
        _ => return Err("internal error: a block made in parts is not one trait or impl".into()),
    };
    if head && !empty {
        return Err("internal error: a block's head has items".into());
    }
    Ok(kind)
}

/// The items of a printed block (`… {`, the items, `}`): the lines between
/// its first and its last, or nothing for an empty one (`… {}`).
fn items_of(text: &str) -> Result<&str, String> {
    if text.ends_with("{}\n") && text.lines().count() == 1 {
        return Ok("");
    }
    let malformed = || format!("internal error: a block's part printed as {text:?}");
    let (first, rest) = text.split_once('\n').ok_or_else(malformed)?;
    let items = rest.strip_suffix("}\n").ok_or_else(malformed)?;
    if !first.ends_with(" {") || first.starts_with(' ') {
        return Err(malformed());
    }
    Ok(items)
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

/// Writes the files into `staging` (an unchanged file is a hard link to
/// the one in `dir`): the directories first, then the files on every
/// core, largest first (Microsoft Graph beta's client module is 121 MB of
/// its 162).
fn fill(staging: &Path, dir: &Path, files: &FileSet) -> io::Result<()> {
    let mut by_size: Vec<(&PathBuf, &String)> = files.iter().collect();
    for (rel, _) in &by_size {
        if let Some(p) = staging.join(rel).parent() {
            fs::create_dir_all(p)?;
        }
    }
    by_size.sort_by_key(|(_, content)| std::cmp::Reverse(content.len()));
    let write = |i: usize| -> io::Result<()> {
        let (rel, content) = by_size[i];
        let target = staging.join(rel);
        let old = dir.join(rel);
        let unchanged = fs::read(&old).is_ok_and(|existing| existing == content.as_bytes());
        if !(unchanged && fs::hard_link(&old, &target).is_ok()) {
            fs::write(&target, content)?;
        }
        Ok(())
    };
    crate::shared::run_jobs(by_size.len(), crate::shared::threads(), write, || {
        io::Error::other("a writing thread failed")
    })
    .map(drop)
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
