//! Constraint checks (`minLength`, `pattern`, `minimum`, `maxItems`, ...) that
//! generated `validate()` methods call. Every violation names the field path,
//! and all violations of a value are reported together.

use std::fmt;
use std::sync::OnceLock;

use regex::Regex;

/// A type whose schema carries constraints the client checks before sending.
pub trait Validate {
    /// Checks every constraint; all violations are reported together.
    fn validate(&self) -> Result<(), ValidationError> {
        let mut v = Validator::default();
        self.validate_at(&mut v, &Path::ROOT);
        v.finish()
    }

    /// Records this value's violations under `path`.
    fn validate_at(&self, v: &mut Validator, path: &Path<'_>);
}

impl<T: Validate + ?Sized> Validate for &T {
    fn validate_at(&self, v: &mut Validator, path: &Path<'_>) {
        (**self).validate_at(v, path)
    }
}

impl<T: Validate> Validate for Box<T> {
    fn validate_at(&self, v: &mut Validator, path: &Path<'_>) {
        (**self).validate_at(v, path)
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_at(&self, v: &mut Validator, path: &Path<'_>) {
        if let Some(inner) = self {
            inner.validate_at(v, path)
        }
    }
}

impl<T: Validate> Validate for crate::Nullable<T> {
    fn validate_at(&self, v: &mut Validator, path: &Path<'_>) {
        if let crate::Nullable::Value(inner) = self {
            inner.validate_at(v, path)
        }
    }
}

impl<T: Validate> Validate for [T] {
    fn validate_at(&self, v: &mut Validator, path: &Path<'_>) {
        for (i, item) in self.iter().enumerate() {
            item.validate_at(v, &path.index(i))
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, v: &mut Validator, path: &Path<'_>) {
        self.as_slice().validate_at(v, path)
    }
}

impl<T: Validate> Validate for std::collections::BTreeMap<String, T> {
    fn validate_at(&self, v: &mut Validator, path: &Path<'_>) {
        for (key, item) in self {
            item.validate_at(v, &path.key(key))
        }
    }
}

/// A location inside a value, built on the stack and rendered only when a
/// check fails (`customer.billing.postalCode`, `orderItems[2].sku`).
#[derive(Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment<'a>,
}

#[derive(Clone, Copy)]
enum Segment<'a> {
    Root,
    Field(&'a str),
    Index(usize),
    Key(&'a str),
}

impl<'a> Path<'a> {
    /// The value itself.
    pub const ROOT: Path<'static> = Path {
        parent: None,
        segment: Segment::Root,
    };

    /// A named field (the wire name) of this value.
    pub fn field(&'a self, name: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Field(name),
        }
    }

    /// An element of this array.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Index(index),
        }
    }

    /// An entry of this map.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Key(key),
        }
    }

    fn render(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.render(out);
        }
        match self.segment {
            Segment::Root => {}
            Segment::Field(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Segment::Index(i) => out.push_str(&format!("[{i}]")),
            Segment::Key(k) => out.push_str(&format!("[{k:?}]")),
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.render(&mut s);
        if s.is_empty() {
            s.push_str("(root)");
        }
        f.write_str(&s)
    }
}

/// One failed constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Where, as wire names: `customer.billing.postalCode`.
    pub path: String,
    /// What is wrong, with the constraint's bound.
    pub message: String,
}

/// Every constraint a value failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    pub violations: Vec<Violation>,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid request: ")?;
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}: {}", v.path, v.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// A `pattern` from the spec, compiled on first use. Patterns Rust's regex
/// engine cannot compile (look-around, back-references) are not checked; the
/// generator warns about them when it runs.
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    fn regex(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| Regex::new(self.source).ok())
            .as_ref()
    }
}

/// A numeric type a bound from the spec can be compared with.
pub trait Number: Copy + PartialOrd + fmt::Display {
    /// The bound in this type, or `None` when it cannot be represented.
    fn bound(value: f64) -> Option<Self>;
    /// Whether `self` is an exact multiple of `factor`.
    fn is_multiple_of(self, factor: f64) -> bool;
}

macro_rules! int_number {
    ($($t:ty),*) => {$(
        impl Number for $t {
            fn bound(value: f64) -> Option<Self> {
                // Saturating casts keep out-of-range bounds meaningful.
                Some(value as $t)
            }
            fn is_multiple_of(self, factor: f64) -> bool {
                let q = self as f64 / factor;
                (q - q.round()).abs() < 1e-9
            }
        }
    )*};
}
int_number!(i32, i64, u32, u64);

impl Number for f64 {
    fn bound(value: f64) -> Option<Self> {
        Some(value)
    }
    fn is_multiple_of(self, factor: f64) -> bool {
        let q = self / factor;
        (q - q.round()).abs() < 1e-9
    }
}

impl Number for f32 {
    fn bound(value: f64) -> Option<Self> {
        Some(value as f32)
    }
    fn is_multiple_of(self, factor: f64) -> bool {
        (self as f64).is_multiple_of(factor)
    }
}

impl Number for rust_decimal::Decimal {
    fn bound(value: f64) -> Option<Self> {
        use std::str::FromStr;
        rust_decimal::Decimal::from_str(&value.to_string()).ok()
    }
    fn is_multiple_of(self, factor: f64) -> bool {
        match Self::bound(factor) {
            Some(f) if !f.is_zero() => (self % f).is_zero(),
            _ => true,
        }
    }
}

/// Bounds of a numeric schema.
#[derive(Debug, Clone, Copy, Default)]
pub struct Range {
    pub minimum: Option<f64>,
    pub exclusive_minimum: bool,
    pub maximum: Option<f64>,
    pub exclusive_maximum: bool,
    pub multiple_of: Option<f64>,
}

impl Range {
    /// Between `minimum` and `maximum`, both inclusive (`None`: unbounded).
    pub const fn new(minimum: Option<f64>, maximum: Option<f64>) -> Self {
        Range {
            minimum,
            exclusive_minimum: false,
            maximum,
            exclusive_maximum: false,
            multiple_of: None,
        }
    }

    /// With `exclusiveMinimum` and `exclusiveMaximum` (OpenAPI 3.0's
    /// booleans; 3.1's numbers are read as bounds with these set).
    pub const fn exclusive(self, minimum: bool, maximum: bool) -> Self {
        Range {
            exclusive_minimum: minimum,
            exclusive_maximum: maximum,
            ..self
        }
    }

    /// With `multipleOf`.
    pub const fn multiple_of(self, factor: f64) -> Self {
        Range {
            multiple_of: Some(factor),
            ..self
        }
    }
}

/// Collects violations while a value is walked.
#[derive(Debug, Default)]
pub struct Validator {
    violations: Vec<Violation>,
}

impl Validator {
    /// Records a violation at `path`.
    pub fn fail(&mut self, path: &Path<'_>, message: impl Into<String>) {
        self.violations.push(Violation {
            path: path.to_string(),
            message: message.into(),
        });
    }

    /// `minLength`/`maxLength`, counted in characters as JSON Schema does.
    pub fn length(&mut self, path: &Path<'_>, value: &str, min: Option<u64>, max: Option<u64>) {
        let len = value.chars().count() as u64;
        if let Some(min) = min.filter(|m| len < *m) {
            self.fail(path, format!("length {len} is below the minimum of {min}"));
        }
        if let Some(max) = max.filter(|m| len > *m) {
            self.fail(path, format!("length {len} is above the maximum of {max}"));
        }
    }

    /// `minItems`/`maxItems`.
    pub fn items(&mut self, path: &Path<'_>, len: usize, min: Option<u64>, max: Option<u64>) {
        let len = len as u64;
        if let Some(min) = min.filter(|m| len < *m) {
            self.fail(
                path,
                format!("{len} items, fewer than the minimum of {min}"),
            );
        }
        if let Some(max) = max.filter(|m| len > *m) {
            self.fail(path, format!("{len} items, more than the maximum of {max}"));
        }
    }

    /// `pattern`.
    pub fn pattern(&mut self, path: &Path<'_>, value: &str, pattern: &Pattern) {
        if let Some(re) = pattern.regex()
            && !re.is_match(value)
        {
            self.fail(
                path,
                format!("does not match the pattern {:?}", pattern.source),
            );
        }
    }

    /// `minimum`, `maximum`, their exclusive forms, and `multipleOf`.
    pub fn range<N: Number>(&mut self, path: &Path<'_>, value: N, range: Range) {
        if let Some(min) = range.minimum.and_then(N::bound) {
            if range.exclusive_minimum && value <= min {
                self.fail(path, format!("{value} must be greater than {min}"));
            } else if value < min {
                self.fail(path, format!("{value} is below the minimum of {min}"));
            }
        }
        if let Some(max) = range.maximum.and_then(N::bound) {
            if range.exclusive_maximum && value >= max {
                self.fail(path, format!("{value} must be less than {max}"));
            } else if value > max {
                self.fail(path, format!("{value} is above the maximum of {max}"));
            }
        }
        if let Some(factor) = range.multiple_of.filter(|f| *f != 0.0)
            && !value.is_multiple_of(factor)
        {
            self.fail(path, format!("{value} is not a multiple of {factor}"));
        }
    }

    /// Ends the walk: `Ok` when nothing failed.
    pub fn finish(self) -> Result<(), ValidationError> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationError {
                violations: self.violations,
            })
        }
    }
}

#[cfg(test)]
mod tests;
