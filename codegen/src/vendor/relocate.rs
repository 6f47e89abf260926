//! Relocating the runtime's files (see `vendor`'s docs): the runtime's
//! source as the `runtime` module of another crate. Run by codegen's build
//! script (`build.rs`), which writes the relocated texts into the build,
//! so that codegen itself never parses them: the parser needs
//! proc-macro2's span locations, which make every token of every
//! generated file larger. Compiled into codegen's own tests too.

use std::ops::Range;

use codegen_runtime::source;
use proc_macro2::{Spacing, Span, TokenStream, TokenTree};
use syn::visit::Visit;

/// Stands for the generated crate's library name in the relocated text.
pub const LIB: &str = "\u{0}lib\u{0}";

/// Every file of the runtime relocated, as (path in the copy, text):
/// `lib.rs` becomes `mod.rs`. An error names the file that failed.
pub fn all() -> Result<Vec<(String, String)>, String> {
    // Every file's exported macros are at the copy's root, for a
    // macro of one file that calls another's (`__serde_struct!`).
    let exported: Vec<String> = source::FILES
        .iter()
        .filter_map(|(_, text)| syn::parse_file(text).ok())
        .flat_map(|file| exported_macros(&file))
        .collect();
    source::FILES
        .iter()
        .map(|(path, text)| {
            let text = relocate(text, &exported).map_err(|e| format!("runtime/src/{path}: {e}"))?;
            let path = if *path == "lib.rs" { "mod.rs" } else { path };
            Ok((path.to_string(), text))
        })
        .collect()
}

/// Runtime source as the `runtime` module of another crate (see the module
/// docs); the crate's library name is left as [`LIB`]. The result parses.
/// `exported`: the macros exported by the other files (this file's are
/// found here).
pub fn relocate(text: &str, exported: &[String]) -> Result<String, String> {
    let file = syn::parse_file(text).map_err(|e| format!("does not parse: {e}"))?;
    let mut all = exported_macros(&file);
    all.extend(exported.iter().cloned());
    let mut edits = Edits {
        text,
        exported: all,
        out: Vec::new(),
    };
    edits.visit_file(&file);
    let mut edits = edits.out;
    edits.sort_by_key(|(range, _)| (range.start, range.end));
    let mut out = String::with_capacity(text.len() + 256);
    let mut at = 0;
    for (range, with) in edits {
        if range.start < at {
            // Inside a part already left out.
            continue;
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&with);
        at = range.end;
    }
    out.push_str(&text[at..]);
    let out = tidy(&out);
    let check = syn::parse_file(&out).map(|_| ());
    check.map_err(|e| format!("the relocated runtime does not parse: {e}"))?;
    Ok(out)
}

/// No run of blank lines where an item was left out, and one newline at
/// the end.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        blank = if line.trim().is_empty() { blank + 1 } else { 0 };
        if blank < 2 {
            out.push_str(line);
            out.push('\n');
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The macros a file exports (`#[macro_export]`): at the crate's root in a
/// copy too.
fn exported_macros(file: &syn::File) -> Vec<String> {
    let mut names = Vec::new();
    let mut stack: Vec<&syn::Item> = file.items.iter().collect();
    while let Some(item) = stack.pop() {
        match item {
            syn::Item::Macro(m) if m.attrs.iter().any(|a| a.path().is_ident("macro_export")) => {
                names.extend(m.ident.as_ref().map(|i| i.to_string()));
            }
            syn::Item::Mod(m) => stack.extend(m.content.iter().flat_map(|(_, items)| items)),
            _ => {}
        }
    }
    names
}

/// The edits relocation makes: a byte range of the source and its
/// replacement (an empty range inserts).
struct Edits<'a> {
    text: &'a str,
    exported: Vec<String>,
    out: Vec<(Range<usize>, String)>,
}

impl Edits<'_> {
    /// `span`'s range, or none where the span has no place in the text.
    fn range(&self, span: Span) -> Option<Range<usize>> {
        let range = span.byte_range();
        (range.end <= self.text.len() && range.start <= range.end).then_some(range)
    }

    fn insert(&mut self, span: Span, text: &str) {
        if let Some(range) = self.range(span) {
            self.out.push((range.start..range.start, text.into()));
        }
    }

    /// Leaves out `start..end` and the line break after it.
    fn remove(&mut self, start: Span, end: Span) {
        if let (Some(start), Some(end)) = (self.range(start), self.range(end)) {
            let mut end = end.end;
            if self.text[end..].starts_with('\n') {
                end += 1;
            }
            self.out.push((start.start..end, String::new()));
        }
    }

    /// Whether attributes gate their item on tests.
    fn left_out(attrs: &[syn::Attribute]) -> bool {
        attrs.iter().any(|a| is_cfg(a, |tokens| tokens == "test"))
    }

    /// Edits an item's attributes: the runtime crate's feature gate goes,
    /// and doc examples name the copy.
    fn attributes(&mut self, attrs: &[syn::Attribute]) {
        for attr in attrs {
            let gate = format!("feature = \"{}\"", source::FEATURE);
            if is_cfg(attr, |tokens| tokens == gate) {
                let (start, end) = (attr.pound_token.span, attr.bracket_token.span.close());
                self.remove(start, end);
            } else if let Some(span) = doc_range(attr) {
                self.doc(span);
            }
        }
    }

    /// Relocates what a doc comment at `span` names (a `///` or `//!`
    /// comment; a `#[doc = ".."]` literal is left as it is).
    fn doc(&mut self, span: Span) {
        let Some(range) = self.range(span) else {
            return;
        };
        let old = &self.text[range.clone()];
        if !(old.starts_with("///") || old.starts_with("//!")) {
            return;
        }
        let new = relocate_doc(old);
        if new != old {
            self.out.push((range, new));
        }
    }

    /// `crate ::` (or `$crate ::`) in a macro's tokens.
    fn tokens(&mut self, tokens: TokenStream) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        for (i, token) in tokens.iter().enumerate() {
            match token {
                TokenTree::Group(group) => self.tokens(group.stream()),
                // A doc comment inside a macro's body.
                TokenTree::Literal(literal) => self.doc(literal.span()),
                TokenTree::Ident(ident) if ident == "crate" => {
                    let colons = matches!(
                        (tokens.get(i + 1), tokens.get(i + 2)),
                        (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
                            if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
                    );
                    if let (true, Some(next)) = (colons, tokens.get(i + 3))
                        && !self.exported.contains(&next.to_string())
                    {
                        self.insert(next.span(), "runtime::");
                    }
                }
                _ => {}
            }
        }
    }
}

impl<'ast> Visit<'ast> for Edits<'_> {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = item_attrs(item);
        let source_module =
            matches!(item, syn::Item::Mod(m) if m.ident == source::MODULE && m.content.is_none());
        if Self::left_out(attrs) || source_module {
            let first = attrs.first().map(|a| a.pound_token.span);
            let tokens = quote::ToTokens::to_token_stream(item);
            let last = tokens.into_iter().last().map(|t| t.span());
            if let (Some(start), Some(end)) = (first.or_else(|| item_start(item)), last) {
                self.remove(start, end);
            }
            return;
        }
        self.attributes(attrs);
        syn::visit::visit_item(self, item);
    }

    fn visit_impl_item(&mut self, item: &'ast syn::ImplItem) {
        let attrs: &[syn::Attribute] = match item {
            syn::ImplItem::Fn(f) => &f.attrs,
            syn::ImplItem::Const(c) => &c.attrs,
            syn::ImplItem::Type(t) => &t.attrs,
            _ => &[],
        };
        self.attributes(attrs);
        syn::visit::visit_impl_item(self, item);
    }

    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {
        // Items' attributes are edited with their item (`attributes`);
        // the others (fields, variants, statements) keep theirs.
    }

    fn visit_field(&mut self, field: &'ast syn::Field) {
        self.attributes(&field.attrs);
        syn::visit::visit_field(self, field);
    }

    fn visit_variant(&mut self, variant: &'ast syn::Variant) {
        self.attributes(&variant.attrs);
        syn::visit::visit_variant(self, variant);
    }

    fn visit_trait_item(&mut self, item: &'ast syn::TraitItem) {
        if let syn::TraitItem::Fn(f) = item {
            self.attributes(&f.attrs);
        }
        syn::visit::visit_trait_item(self, item);
    }

    fn visit_file(&mut self, file: &'ast syn::File) {
        self.attributes(&file.attrs);
        for item in &file.items {
            self.visit_item(item);
        }
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let mut segments = path.segments.iter();
        if path.leading_colon.is_none()
            && let (Some(first), Some(second)) = (segments.next(), segments.next())
            && first.ident == "crate"
            && !self.exported.contains(&second.ident.to_string())
        {
            self.insert(second.ident.span(), "runtime::");
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_use_path(&mut self, path: &'ast syn::UsePath) {
        if path.ident == "crate" {
            let next = match &*path.tree {
                syn::UseTree::Path(p) => Some(p.ident.span()),
                syn::UseTree::Name(n) => Some(n.ident.span()),
                syn::UseTree::Rename(r) => Some(r.ident.span()),
                syn::UseTree::Group(g) => Some(g.brace_token.span.open()),
                syn::UseTree::Glob(g) => Some(g.star_token.span),
            };
            let exported = matches!(&*path.tree, syn::UseTree::Name(n) if self.exported.contains(&n.ident.to_string()));
            if let (Some(span), false) = (next, exported) {
                self.insert(span, "runtime::");
            }
        }
        syn::visit::visit_use_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.tokens(mac.tokens.clone());
        syn::visit::visit_macro(self, mac);
    }
}

/// Whether `attr` is `#[cfg(..)]` with tokens `test(..)` accepts.
fn is_cfg(attr: &syn::Attribute, test: impl Fn(&str) -> bool) -> bool {
    match &attr.meta {
        syn::Meta::List(list) if list.path.is_ident("cfg") => test(&list.tokens.to_string()),
        _ => false,
    }
}

/// The span of a doc comment's text (`///` or `//!`), or of the literal of
/// `#[doc = ".."]`.
fn doc_range(attr: &syn::Attribute) -> Option<Span> {
    match &attr.meta {
        syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
            syn::Expr::Lit(lit) => Some(lit.lit.span()),
            _ => None,
        },
        _ => None,
    }
}

/// A doc comment of the copy: examples and references name the copy's
/// place (`<lib>::runtime::`, exported macros at `<lib>::`, `crate::` in a
/// link as `crate::runtime::`).
fn relocate_doc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(at) = rest
        .find("codegen_runtime::")
        .into_iter()
        .chain(rest.find("crate::"))
        .min()
    {
        let before = rest[..at].chars().next_back();
        out.push_str(&rest[..at]);
        let word = before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$');
        if !word && rest[at..].starts_with("codegen_runtime::") {
            rest = &rest[at + "codegen_runtime::".len()..];
            out.push_str(LIB);
            out.push_str(if rest.starts_with("__") {
                "::"
            } else {
                "::runtime::"
            });
        } else if !word && !rest[at + "crate::".len()..].starts_with("__") {
            rest = &rest[at + "crate::".len()..];
            out.push_str("crate::runtime::");
        } else {
            let skip = if rest[at..].starts_with("crate::") {
                7
            } else {
                17
            };
            out.push_str(&rest[at..at + skip]);
            rest = &rest[at + skip..];
        }
    }
    out.push_str(rest);
    out
}

fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Const(i) => &i.attrs,
        syn::Item::Enum(i) => &i.attrs,
        syn::Item::ExternCrate(i) => &i.attrs,
        syn::Item::Fn(i) => &i.attrs,
        syn::Item::ForeignMod(i) => &i.attrs,
        syn::Item::Impl(i) => &i.attrs,
        syn::Item::Macro(i) => &i.attrs,
        syn::Item::Mod(i) => &i.attrs,
        syn::Item::Static(i) => &i.attrs,
        syn::Item::Struct(i) => &i.attrs,
        syn::Item::Trait(i) => &i.attrs,
        syn::Item::TraitAlias(i) => &i.attrs,
        syn::Item::Type(i) => &i.attrs,
        syn::Item::Union(i) => &i.attrs,
        syn::Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

/// Where an item without attributes starts.
fn item_start(item: &syn::Item) -> Option<Span> {
    quote::ToTokens::to_token_stream(item)
        .into_iter()
        .next()
        .map(|t| t.span())
}
