//! Errors and warnings that point into the spec: file, line and column where
//! the input has them, and always the JSON pointer.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// What the generator decided, for the log (a paginator and why).
    Note,
    Warning,
    Error,
}

/// One problem found in a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    /// 1-based line and column, where known.
    pub position: Option<(usize, usize)>,
    /// Where in the document, as a JSON pointer (`#/components/schemas/Pet`).
    pub pointer: String,
    pub message: String,
    /// The part of the source line shown under the message (at most about
    /// 100 characters around the column: minified JSON is one line) and the
    /// caret's offset in it.
    pub excerpt: Option<Excerpt>,
}

/// A cut of one source line and where the caret goes in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub text: String,
    pub caret: usize,
}

impl Excerpt {
    /// The excerpt of `line` around 1-based column `col`.
    pub fn of(line: &str, col: usize) -> Self {
        let (text, caret) = excerpt(line, col);
        Excerpt { text, caret }
    }

    /// The same, with `line`'s [`char_starts`] already known.
    pub(crate) fn indexed(line: &str, starts: &[usize], col: usize) -> Self {
        let (text, caret) = excerpt_indexed(line, starts, col);
        Excerpt { text, caret }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{}", self.file.display())?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": {level}: {}: {}", self.pointer, self.message)?;
        if let (Some(cut), Some((line, _))) = (&self.excerpt, self.position) {
            let gutter = " ".repeat(line.to_string().len());
            let pad = " ".repeat(cut.caret);
            write!(f, "\n{gutter} |\n{line} | {}\n{gutter} | {pad}^", cut.text)?;
        }
        Ok(())
    }
}

/// At most 100 characters of `line` around 1-based column `col` (minified
/// JSON is one line), and the caret's offset in them.
fn excerpt(line: &str, col: usize) -> (String, usize) {
    excerpt_indexed(line, &char_starts(line), col)
}

/// The byte offset of each character of `line`, then its length: one pass
/// over a line that many diagnostics point into.
pub(crate) fn char_starts(line: &str) -> Vec<usize> {
    line.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(line.len()))
        .collect()
}

/// [`excerpt`] with the line's character offsets already known.
fn excerpt_indexed(line: &str, starts: &[usize], col: usize) -> (String, usize) {
    const WIDTH: usize = 100;
    let count = starts.len() - 1;
    let at = col.saturating_sub(1).min(count);
    let start = at
        .saturating_sub(WIDTH / 2)
        .min(count.saturating_sub(WIDTH));
    let end = (start + WIDTH).min(count);
    let mut text: String = line[starts[start]..starts[end]]
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut caret = at - start;
    if start > 0 {
        text.insert_str(0, "...");
        caret += 3;
    }
    if end < count {
        text.push_str("...");
    }
    (text, caret)
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = "x".repeat(1_000_000);
        let (text, caret) = excerpt(&line, 592_574);
        assert!(text.len() <= 106 && text.starts_with("...") && text.ends_with("..."));
        assert_eq!(caret, 53);
        assert_eq!(excerpt("short", 3), ("short".to_string(), 2));
        assert_eq!(excerpt("", 9), (String::new(), 0));
    }
}

/// Everything that stopped generation, reported together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateError {
    pub diagnostics: Vec<Diagnostic>,
}

impl GenerateError {
    /// A single problem that is not tied to a place in a spec (I/O).
    pub fn io(file: &Path, message: impl Into<String>) -> Self {
        GenerateError {
            diagnostics: vec![Diagnostic {
                severity: Severity::Error,
                file: file.to_path_buf(),
                position: None,
                pointer: "#".into(),
                message: message.into(),
                excerpt: None,
            }],
        }
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for d in self.errors() {
            if !first {
                writeln!(f)?;
            }
            first = false;
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for GenerateError {}

/// Escapes one JSON pointer segment (`~` and `/`).
pub fn pointer_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// The text of one JSON pointer segment (`a~1b` → `a/b`).
pub fn unescape_segment(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// Joins a pointer and a segment (one allocation: lowering builds a
/// pointer for every node it visits).
pub fn child(pointer: &str, segment: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + segment.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for c in segment.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}
