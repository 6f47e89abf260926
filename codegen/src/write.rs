//! Stage 4, format and write: prettyplease per piece of complete items
//! (concatenated in order), then an atomic swap of the whole output
//! directory. What emit made is written as it is. `--check` runs
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
/// a person writes them (but none between consecutive `use`s): each item
/// is printed alone, the inner attributes first.
fn unparse(mut file: syn::File) -> String {
    let items = std::mem::take(&mut file.items);
    let mut out = String::new();
    // Alone, an inner attribute is printed without its line break.
    for attr in std::mem::take(&mut file.attrs) {
        file.attrs = vec![attr];
        out.push_str(prettyplease::unparse(&file).trim_end());
        out.push('\n');
    }
    file.attrs.clear();
    let attributes = !out.is_empty();
    let mut previous_use = false;
    for (i, item) in items.into_iter().enumerate() {
        let is_use = matches!(item, syn::Item::Use(_));
        if (i > 0 || attributes) && !(is_use && previous_use) {
            out.push('\n');
        }
        previous_use = is_use;
        out.push_str(&with_gaps(&mut file, item));
    }
    out
}

/// A statement no generated code holds, put between the items of an
/// `impl` or trait block and printed as a blank line.
const GAP: &str = "__codegen_blank_line__";

/// One item printed; an `impl` or trait block with a blank line between
/// its items: a [`GAP`] macro call between each two, printed on a line of
/// its own, becomes an empty line.
fn with_gaps(file: &mut syn::File, mut item: syn::Item) -> String {
    let spaced = match &mut item {
        syn::Item::Impl(block) if block.items.len() > 1 => {
            interleave(&mut block.items, || {
                syn::ImplItem::Macro(syn::ImplItemMacro {
                    attrs: Vec::new(),
                    mac: gap(),
                    semi_token: Some(Default::default()),
                })
            });
            true
        }
        syn::Item::Trait(block) if block.items.len() > 1 => {
            interleave(&mut block.items, || {
                syn::TraitItem::Macro(syn::TraitItemMacro {
                    attrs: Vec::new(),
                    mac: gap(),
                    semi_token: Some(Default::default()),
                })
            });
            true
        }
        _ => false,
    };
    let text = print_one(file, item).0;
    if !spaced {
        return text;
    }
    let marker = format!("{GAP}!();");
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if line.trim() == marker {
            out.push('\n');
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The call `__codegen_blank_line__!()`.
fn gap() -> syn::Macro {
    syn::Macro {
        path: syn::Ident::new(GAP, proc_macro2::Span::call_site()).into(),
        bang_token: Default::default(),
        delimiter: syn::MacroDelimiter::Paren(Default::default()),
        tokens: TokenStream::new(),
    }
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

/// `item` as a file of its own, and the item back.
fn print_one(file: &mut syn::File, item: syn::Item) -> (String, syn::Item) {
    file.items = vec![item];
    let text = prettyplease::unparse(file);
    let item = file
        .items
        .pop()
        .unwrap_or_else(|| syn::Item::Verbatim(TokenStream::new()));
    (text, item)
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
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some((_, piece)) = jobs.get(i) else {
                return Ok::<_, String>(done);
            };
            done.push((i, format_piece(piece)?));
        }
    };
    let mut printed: Vec<(usize, String)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.max(1)).map(|_| scope.spawn(work)).collect();
        let mut all = work()?;
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
    // A blank line between pieces, as between the items in them: between
    // whole items, and between the items of a block continued by `Inside`
    // pieces (none after its opening line or before its closing brace).
    let mut last: Vec<Option<&Piece<'_>>> = vec![None; modules.len()];
    for (i, text) in printed {
        let (m, piece) = jobs[i];
        if text.is_empty() {
            continue;
        }
        let gap = matches!(
            (last[m], piece),
            (
                Some(Piece::Items(_) | Piece::Close),
                Piece::Items(_) | Piece::Open(_)
            ) | (Some(Piece::Inside(_)), Piece::Inside(_))
        );
        if gap {
            out[m].push('\n');
        }
        last[m] = Some(piece);
        out[m].push_str(&text);
    }
    Ok(out)
}

fn format_piece(piece: &Piece<'_>) -> Result<String, String> {
    let print = |make: &MakeTokens<'_>| {
        let file = syn::parse2::<syn::File>(make())
            .map_err(|e| format!("internal error: generated code does not parse: {e}"))?;
        let mut text = unparse(file);
        // A file of only a one-line inner attribute is printed without its
        // line break; inside a larger file every item ends a line.
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        Ok(text)
    };
    let malformed =
        || "internal error: a trait or impl block printed in an unexpected shape".to_string();
    match piece {
        Piece::Items(make) => print(make),
        // The block as printed, less its closing brace (an empty block is
        // printed `{}` on one line).
        Piece::Open(make) => {
            let text = print(make)?;
            match text.strip_suffix("{}\n") {
                Some(open) => Ok(format!("{open}{{\n")),
                None => text
                    .strip_suffix("}\n")
                    .map(str::to_string)
                    .ok_or_else(malformed),
            }
        }
        // The items as printed inside a block of the same kind: its lines
        // less the first (`impl .. {`) and the last (`}`).
        Piece::Inside(make) => {
            let text = print(make)?;
            let (first, rest) = text.split_once('\n').ok_or_else(malformed)?;
            let opens = first.starts_with("impl ") || first.starts_with("pub trait ");
            if !opens || !first.ends_with('{') {
                return Err(malformed());
            }
            rest.strip_suffix("}\n")
                .map(str::to_string)
                .ok_or_else(malformed)
        }
        Piece::Close => Ok("}\n".to_string()),
    }
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
