//! Turning whatever a spec calls something into a valid, readable Rust
//! identifier, and keeping identifiers in one scope distinct.

use std::collections::BTreeSet;

mod case;

/// A Rust identifier of generated code (a type, variant, field, parameter,
/// method or module), as the code writes it: `r#type` for a keyword (only
/// snake_case names can be one; [`camel`] never makes one). It reads as that text;
/// [`RustIdent::plain`] is the name without `r#`, for what is derived from
/// it (`with_type`, `type_stream`) and labels (`"type"`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RustIdent(String);

impl RustIdent {
    /// The identifier as written in code (`r#type`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name without `r#` (`type`).
    pub fn plain(&self) -> &str {
        self.0.strip_prefix("r#").unwrap_or(&self.0)
    }
}

impl std::ops::Deref for RustIdent {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for RustIdent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for RustIdent {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for RustIdent {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for RustIdent {
    fn eq(&self, other: &String) -> bool {
        self.0 == *other
    }
}

/// Text as [`snake`] or [`camel`] made it (raw for a keyword).
impl From<String> for RustIdent {
    fn from(text: String) -> Self {
        RustIdent(text)
    }
}

impl From<&str> for RustIdent {
    fn from(text: &str) -> Self {
        RustIdent(text.to_string())
    }
}

/// Words that are keywords in every edition we target (strict and reserved).
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];

/// Keywords that cannot be raw identifiers (`r#self` is not allowed).
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "extern", "_"];

/// Type names the generated code itself relies on; a schema with one of these
/// names gets a suffix instead of shadowing the prelude.
const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Result",
    "Vec",
    "String",
    "Box",
    "Some",
    "None",
    "Ok",
    "Err",
    "Self",
    "Default",
    "Client",
    "ClientBuilder",
    "Response",
    "Error",
    "Value",
    "Map",
    "BTreeMap",
    "Decimal",
    "Nullable",
    "Validate",
    "Validator",
    "Path",
];

/// Splits on anything that is not ASCII alphanumeric and spells other
/// characters as `u{hex}` words, so `e-mail`, `$ref`, `<PAYMENT_METHOD_TYPE>`
/// and emoji all give stable ASCII words.
fn ascii_words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_ascii() {
            out.push(' ');
        } else {
            out.push_str(&format!(" u{:x} ", c as u32));
        }
    }
    out
}

/// The cargo feature of a tag (`tag-pull-requests`).
pub fn feature(tag: &str) -> String {
    format!(
        "tag-{}",
        snake(tag).plain().trim_end_matches('_').replace('_', "-")
    )
}

/// The cargo feature of the webhook parsers and the types only they reach.
pub const WEBHOOKS_FEATURE: &str = "webhooks";

/// With tag features, the default one: it turns every other on and builds
/// what no operation reaches (unused schemas, aliases). Tag features are
/// `tag-…`, so no tag takes its name.
pub const FULL_FEATURE: &str = "full";

/// How many names a thread remembers of each case ([`snake`], [`camel`])
/// before it forgets them all: a large document says the same property
/// and parameter names thousands of times (Microsoft Graph: `id`, `$top`),
/// and converting is most of what naming costs.
const CACHED: usize = 1 << 16;

type Converted = std::cell::RefCell<crate::shared::HashMap<String, String>>;

thread_local! {
    static SNAKE: Converted = Default::default();
    static CAMEL: Converted = Default::default();
}

/// `convert(raw)`, remembered in `cache`.
fn converted(
    cache: &'static std::thread::LocalKey<Converted>,
    raw: &str,
    convert: fn(&str) -> String,
) -> String {
    cache.with_borrow_mut(|cache| {
        if let Some(name) = cache.get(raw) {
            return name.clone();
        }
        if cache.len() >= CACHED {
            cache.clear();
        }
        let name = convert(raw);
        cache.insert(raw.to_string(), name.clone());
        name
    })
}

/// A snake_case identifier for a field, parameter, method or module.
pub fn snake(raw: &str) -> RustIdent {
    RustIdent(converted(&SNAKE, raw, snake_uncached))
}

fn snake_uncached(raw: &str) -> String {
    let mut name = case::snake(&ascii_words(raw));
    if name.is_empty() {
        name = "field".to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "n_");
    }
    escape_keyword(name)
}

/// An UpperCamelCase identifier for a type or variant.
pub fn camel(raw: &str) -> String {
    converted(&CAMEL, raw, camel_uncached)
}

fn camel_uncached(raw: &str) -> String {
    let mut name = case::camel(&ascii_words(raw));
    if name.is_empty() {
        name = "Unnamed".to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    // `Self` is the only camel-case keyword; an underscore would break camel case.
    if name == "Self" {
        "SelfValue".to_string()
    } else {
        name
    }
}

/// A type name: like [`camel`], avoiding names the generated code uses.
pub fn type_name(raw: &str) -> String {
    let name = camel(raw);
    if RESERVED_TYPES.contains(&name.as_str()) {
        format!("{name}Model")
    } else {
        name
    }
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Identifiers already taken in one scope (a module's types, a struct's
/// fields, an enum's variants). The first claimant keeps the name; later
/// ones get `2`, `3`, ... in the order they ask, which is spec order.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    pub fn new() -> Self {
        Scope::default()
    }

    /// Marks `name` as used without claiming a variant of it.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.trim_start_matches("r#").to_string());
    }

    /// `base` itself, if nobody in this scope has it yet.
    pub fn try_claim(&mut self, base: &str) -> Option<String> {
        self.taken
            .insert(base.trim_start_matches("r#").to_string())
            .then(|| base.to_string())
    }

    /// A name based on `base` that nobody in this scope has yet.
    pub fn claim(&mut self, base: &str) -> String {
        let plain = base.trim_start_matches("r#");
        if self.taken.insert(plain.to_string()) {
            return base.to_string();
        }
        // Snake names continue with `_2`, camel names with `2`; a trailing
        // underscore (`self_`) is not doubled.
        let snake_like = plain.contains('_') || plain.starts_with(|c: char| c.is_ascii_lowercase());
        let stem = if snake_like {
            plain.trim_end_matches('_')
        } else {
            plain
        };
        let sep = if snake_like { "_" } else { "" };
        let mut n = 2u64;
        loop {
            let candidate = format!("{stem}{sep}{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests;
