//! Errors and warnings that point into the spec: file, line and column where
//! the input has them, and always the JSON pointer.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

    /// The same, with `line`'s [`CharIndex`] already known.
    pub(crate) fn indexed(line: &str, index: &CharIndex, col: usize) -> Self {
        let (text, caret) = excerpt_indexed(line, index, col);
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

/// How much of the diagnostics a person is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Verbosity {
    /// Errors only.
    Quiet,
    /// Errors and warnings, each cause once with a count; notes counted.
    #[default]
    Normal,
    /// Every diagnostic, notes included, one by one.
    Verbose,
}

/// The diagnostics as a person reads them. Repeats of one cause (the same
/// severity and message) are shown once, at their first place, with how
/// many more there are and where the next few are; notes (decisions the
/// generator took) are counted unless `Verbose` lists them.
pub fn render(diagnostics: &[Diagnostic], verbosity: Verbosity) -> String {
    use std::fmt::Write as _;
    const PLACES: usize = 3;
    let mut out = String::new();
    let shown = |d: &&Diagnostic| match verbosity {
        Verbosity::Quiet => d.severity == Severity::Error,
        Verbosity::Normal => d.severity != Severity::Note,
        Verbosity::Verbose => true,
    };
    if verbosity == Verbosity::Verbose {
        for d in diagnostics {
            let _ = writeln!(out, "{d}");
        }
        return out;
    }
    // Causes in order of first appearance, each with its places.
    let mut causes: Vec<(&Diagnostic, Vec<&Diagnostic>)> = Vec::new();
    let mut index: std::collections::HashMap<(Severity, &str), usize> =
        std::collections::HashMap::new();
    for d in diagnostics.iter().filter(shown) {
        match index.get(&(d.severity, d.message.as_str())) {
            Some(&i) => causes[i].1.push(d),
            None => {
                index.insert((d.severity, d.message.as_str()), causes.len());
                causes.push((d, Vec::new()));
            }
        }
    }
    for (first, more) in &causes {
        let _ = writeln!(out, "{first}");
        if !more.is_empty() {
            let places: Vec<String> = more
                .iter()
                .take(PLACES)
                .map(|d| match d.position {
                    Some((line, col)) => format!("{line}:{col} {}", d.pointer),
                    None => d.pointer.clone(),
                })
                .collect();
            let rest = more.len().saturating_sub(PLACES);
            let _ = write!(
                out,
                "  = the same at {} more place{}: {}",
                more.len(),
                if more.len() == 1 { "" } else { "s" },
                places.join(", ")
            );
            if rest > 0 {
                let _ = write!(out, ", and {rest} more (--verbose lists each)");
            }
            out.push('\n');
        }
    }
    let notes = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Note)
        .count();
    if verbosity == Verbosity::Normal && notes > 0 {
        let _ = writeln!(
            out,
            "note: {notes} decision{} the generator took (paginators, media types it does not send, ...): --verbose lists {}",
            if notes == 1 { "" } else { "s" },
            if notes == 1 { "it" } else { "them" }
        );
    }
    out
}

/// At most 100 characters of `line` around 1-based column `col` (minified
/// JSON is one line), and the caret's offset in them.
fn excerpt(line: &str, col: usize) -> (String, usize) {
    excerpt_indexed(line, &CharIndex::new(line), col)
}

/// Where the characters of a line start, for a line that many diagnostics
/// point into: the byte offset of every 1,024th character (a minified
/// document of 47 MB is one line: a dense index would take 8 bytes a
/// character), the rest found by walking at most 1,023 characters.
pub(crate) struct CharIndex {
    /// The byte offset of character `i * STEP`.
    marks: Vec<usize>,
    /// The line's length in characters.
    count: usize,
}

impl CharIndex {
    const STEP: usize = 1024;

    pub(crate) fn new(line: &str) -> Self {
        let mut marks = Vec::with_capacity(line.len() / Self::STEP + 1);
        let mut count = 0;
        for (i, (at, _)) in line.char_indices().enumerate() {
            if i % Self::STEP == 0 {
                marks.push(at);
            }
            count = i + 1;
        }
        CharIndex { marks, count }
    }

    /// The byte offset of character `i` (the line's length for `count`).
    fn byte(&self, line: &str, i: usize) -> usize {
        let Some(&mark) = self.marks.get(i / Self::STEP) else {
            return line.len();
        };
        line[mark..]
            .char_indices()
            .nth(i % Self::STEP)
            .map_or(line.len(), |(at, _)| mark + at)
    }
}

/// [`excerpt`] with the line's character offsets already known.
fn excerpt_indexed(line: &str, index: &CharIndex, col: usize) -> (String, usize) {
    const WIDTH: usize = 100;
    let count = index.count;
    let at = col.saturating_sub(1).min(count);
    let start = at
        .saturating_sub(WIDTH / 2)
        .min(count.saturating_sub(WIDTH));
    let end = (start + WIDTH).min(count);
    let (from, to) = (index.byte(line, start), index.byte(line, end));
    let mut text: String = line[from..to]
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
    push_segment(&mut out, segment);
    out
}

/// Appends `/` and `segment`, escaped, to the pointer `at` (a walk that
/// truncates `at` back after each child builds no pointer per node).
pub fn push_segment(at: &mut String, segment: &str) {
    at.push('/');
    if !segment.contains(['~', '/']) {
        at.push_str(segment);
        return;
    }
    for c in segment.chars() {
        match c {
            '~' => at.push_str("~0"),
            '/' => at.push_str("~1"),
            c => at.push(c),
        }
    }
}

/// One step of a walk's path through a JSON document, kept as the key it
/// passes (no pointer is written for a place nothing is said of).
#[derive(Clone, Copy)]
pub enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// The JSON Pointer fragment (`#/paths/~1pets/get`) of a walk's path.
pub fn pointer_of(path: &[Segment<'_>]) -> String {
    let mut at = String::from("#");
    for step in path {
        match *step {
            Segment::Key(key) => push_segment(&mut at, key),
            Segment::Index(i) => {
                use std::fmt::Write as _;
                let _ = write!(at, "/{i}");
            }
        }
    }
    at
}

#[cfg(test)]
mod tests;
