//! Maps JSON pointers to line and column in the source text, so a problem
//! found after parsing can still point into the file. Built only when a
//! diagnostic needs it.

use std::collections::{HashMap, HashSet};

use std::path::Path;

use crate::diagnostics::{Diagnostic, Excerpt, Severity, pointer_segment};

/// Positions (1-based line, column) of keys and array items by pointer.
#[derive(Debug, Default)]
pub struct SourceMap {
    positions: HashMap<String, (usize, usize)>,
}

impl SourceMap {
    pub fn build(text: &str) -> SourceMap {
        Self::scan(text, None)
    }

    /// A map holding only what locating `pointers` needs: a large minified
    /// document is scanned without building a pointer for every node.
    pub fn for_pointers<'p>(text: &str, pointers: impl IntoIterator<Item = &'p str>) -> SourceMap {
        let mut wanted = HashSet::new();
        for pointer in pointers {
            let mut p = pointer;
            while wanted.insert(p.to_string()) {
                match p.rfind('/') {
                    Some(at) => p = &p[..at],
                    None => break,
                }
            }
        }
        Self::scan(text, Some(&wanted))
    }

    fn scan(text: &str, wanted: Option<&HashSet<String>>) -> SourceMap {
        let mut map = SourceMap::default();
        if text.trim_start().starts_with(['{', '[']) {
            JsonScanner {
                bytes: text.as_bytes(),
                at: 0,
                line: 1,
                col: 1,
                map: &mut map,
                wanted,
            }
            .value(Some("#"));
        } else {
            scan_yaml(text, &mut map);
        }
        map
    }

    /// The position of `pointer`, or of its nearest ancestor that has one.
    pub fn locate(&self, pointer: &str) -> Option<(usize, usize)> {
        let mut p = pointer;
        loop {
            if let Some(pos) = self.positions.get(p) {
                return Some(*pos);
            }
            p = &p[..p.rfind('/')?];
        }
    }
}

struct JsonScanner<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
    col: usize,
    map: &'a mut SourceMap,
    /// Pointers (and their ancestors) whose positions are needed; `None`: all.
    wanted: Option<&'a HashSet<String>>,
}

impl JsonScanner<'_> {
    fn bump(&mut self) {
        if let Some(b) = self.bytes.get(self.at) {
            if *b == b'\n' {
                self.line += 1;
                self.col = 1;
            } else if *b & 0xC0 != 0x80 {
                self.col += 1;
            }
            self.at += 1;
        }
    }

    fn skip_ws(&mut self) {
        while self
            .bytes
            .get(self.at)
            .is_some_and(|b| b.is_ascii_whitespace())
        {
            self.bump();
        }
    }

    fn string(&mut self) -> String {
        let start = self.at + 1;
        self.bump();
        while let Some(b) = self.bytes.get(self.at) {
            match b {
                b'\\' => {
                    self.bump();
                    self.bump();
                }
                b'"' => break,
                _ => self.bump(),
            }
        }
        let raw = &self.bytes[start.min(self.at)..self.at];
        self.bump();
        let quoted = format!("\"{}\"", String::from_utf8_lossy(raw));
        serde_json::from_str(&quoted).unwrap_or_else(|_| String::from_utf8_lossy(raw).into_owned())
    }

    /// The pointer of a child, when positions under it are wanted; `None`
    /// skips the subtree without building pointers.
    fn child(&self, pointer: Option<&str>, segment: &str) -> Option<String> {
        let child = format!("{}/{segment}", pointer?);
        match self.wanted {
            Some(wanted) if !wanted.contains(&child) => None,
            _ => Some(child),
        }
    }

    /// Skips a value whose positions are not wanted: no key is decoded and
    /// no pointer built, only lines and columns are kept up to date.
    fn skip_value(&mut self) {
        let bytes = self.bytes;
        let mut i = self.at;
        let mut depth = 0usize;
        let mut newlines = 0;
        let mut line_start = None;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'"' => {
                    i += 1;
                    while let Some(&c) = bytes.get(i) {
                        match c {
                            b'"' => break,
                            b'\\' => i += 1,
                            b'\n' => {
                                newlines += 1;
                                line_start = Some(i + 1);
                            }
                            _ => {}
                        }
                        i += 1;
                    }
                    i += 1;
                    if depth == 0 {
                        break;
                    }
                }
                b'{' | b'[' => {
                    depth += 1;
                    i += 1;
                }
                b'}' | b']' => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                    i += 1;
                    if depth == 0 {
                        break;
                    }
                }
                b'\n' => {
                    if depth == 0 {
                        break;
                    }
                    newlines += 1;
                    i += 1;
                    line_start = Some(i);
                }
                b',' if depth == 0 => break,
                c if depth == 0 && c.is_ascii_whitespace() => break,
                _ => i += 1,
            }
        }
        let i = i.min(bytes.len());
        let chars = |from: usize| bytes[from..i].iter().filter(|b| **b & 0xC0 != 0x80).count();
        match line_start {
            Some(start) => {
                self.line += newlines;
                self.col = 1 + chars(start.min(i));
            }
            None => self.col += chars(self.at),
        }
        self.at = i;
    }

    fn value(&mut self, pointer: Option<&str>) {
        self.skip_ws();
        let Some(pointer) = pointer else {
            self.skip_value();
            return;
        };
        let pointer = Some(pointer);
        match self.bytes.get(self.at) {
            Some(b'{') => {
                self.bump();
                loop {
                    self.skip_ws();
                    match self.bytes.get(self.at) {
                        Some(b'"') => {
                            let pos = (self.line, self.col);
                            let key = self.string();
                            let child = self.child(pointer, &pointer_segment(&key));
                            if let Some(child) = &child {
                                self.map.positions.entry(child.clone()).or_insert(pos);
                            }
                            self.skip_ws();
                            if self.bytes.get(self.at) == Some(&b':') {
                                self.bump();
                            }
                            self.value(child.as_deref());
                        }
                        Some(b',') => self.bump(),
                        Some(b'}') => {
                            self.bump();
                            return;
                        }
                        _ => return,
                    }
                }
            }
            Some(b'[') => {
                self.bump();
                let mut index = 0;
                loop {
                    self.skip_ws();
                    match self.bytes.get(self.at) {
                        Some(b']') => {
                            self.bump();
                            return;
                        }
                        Some(b',') => self.bump(),
                        Some(_) => {
                            let child = self.child(pointer, &index.to_string());
                            if let Some(child) = &child {
                                self.map
                                    .positions
                                    .entry(child.clone())
                                    .or_insert((self.line, self.col));
                            }
                            index += 1;
                            let before = self.at;
                            self.value(child.as_deref());
                            if self.at == before {
                                self.bump();
                            }
                        }
                        None => return,
                    }
                }
            }
            Some(b'"') => {
                self.string();
            }
            Some(_) => {
                while self
                    .bytes
                    .get(self.at)
                    .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
                {
                    self.bump();
                }
            }
            None => {}
        }
    }
}

struct Frame {
    indent: usize,
    pointer: String,
    is_item: bool,
    items: usize,
}

/// A line scanner for block-style YAML: keys and `- ` items by indentation.
/// Flow collections spanning lines are not followed; their parents still are.
fn scan_yaml(text: &str, map: &mut SourceMap) {
    let mut stack: Vec<Frame> = vec![Frame {
        indent: 0,
        pointer: "#".into(),
        is_item: false,
        items: 0,
    }];
    let mut block_scalar_indent: Option<usize> = None;
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(parent) = block_scalar_indent {
            if indent > parent {
                continue;
            }
            block_scalar_indent = None;
        }
        if trimmed.starts_with("---") || trimmed.starts_with("...") {
            continue;
        }
        let mut col = indent;
        let mut rest = trimmed;
        while rest == "-" || rest.starts_with("- ") {
            while stack.len() > 1 && {
                let top = &stack[stack.len() - 1];
                top.indent > col || (top.indent == col && top.is_item)
            } {
                stack.pop();
            }
            let parent = stack.len() - 1;
            let index = stack[parent].items;
            stack[parent].items += 1;
            let pointer = format!("{}/{index}", stack[parent].pointer);
            map.positions.insert(pointer.clone(), (line_no, col + 1));
            stack.push(Frame {
                indent: col,
                pointer,
                is_item: true,
                items: 0,
            });
            let after = rest[1..].trim_start();
            col += rest.len() - after.len();
            rest = after;
        }
        let Some((key, value)) = split_key(rest) else {
            continue;
        };
        while stack.len() > 1
            && stack[stack.len() - 1].indent >= col
            && !(stack[stack.len() - 1].is_item && stack[stack.len() - 1].indent < col)
        {
            stack.pop();
        }
        let pointer = format!(
            "{}/{}",
            stack[stack.len() - 1].pointer,
            pointer_segment(&key)
        );
        map.positions
            .entry(pointer.clone())
            .or_insert((line_no, col + 1));
        let value = value.trim();
        if value.starts_with('|') || value.starts_with('>') {
            block_scalar_indent = Some(col);
        }
        stack.push(Frame {
            indent: col,
            pointer,
            is_item: false,
            items: 0,
        });
    }
}

/// `key: value` → (key, value), with quoted keys unquoted.
fn split_key(text: &str) -> Option<(String, &str)> {
    if let Some(quote) = text.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let end = text[1..].find(quote)? + 1;
        let after = text[end + 1..].trim_start();
        let value = after.strip_prefix(':')?;
        let key = &text[1..end];
        let key = if quote == '"' {
            serde_json::from_str(&format!("\"{key}\"")).unwrap_or_else(|_| key.to_string())
        } else {
            key.replace("''", "'")
        };
        return Some((key, value));
    }
    if text.starts_with(['{', '[', '&', '*', '!', '|', '>']) {
        return None;
    }
    let mut search = 0;
    loop {
        let at = search + text[search..].find(':')?;
        let after = &text[at + 1..];
        if after.is_empty() || after.starts_with([' ', '\t']) {
            return Some((text[..at].trim_end().to_string(), after));
        }
        search = at + 1;
    }
}

/// A diagnostic at `pointer` of `text` (the file `path`), with the source
/// line's excerpt when the position is known.
pub(crate) fn diagnostic_at(
    path: &Path,
    text: &str,
    severity: Severity,
    pointer: &str,
    position: Option<(usize, usize)>,
    message: String,
) -> Diagnostic {
    let excerpt = position
        .and_then(|(line, col)| Some(Excerpt::of(text.lines().nth(line - 1)?.trim_end(), col)));
    Diagnostic {
        severity,
        file: path.to_path_buf(),
        position,
        pointer: pointer.to_string(),
        message,
        excerpt,
    }
}

/// Percent-decodes a URI fragment (RFC 3986); invalid escapes stay as
/// written.
pub(crate) fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests;
