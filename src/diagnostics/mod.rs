//! Problems found in a site, collected rather than thrown, so that one run reports all of them.
//!
//! Every diagnostic has a stable code (see `docs/diagnostics.md`), a location where one exists,
//! and a hint that says how to fix it. Rendering is gcc/rustc style:
//! `file:line:col: error[E0101]: message`, then the source line with a marker, then the hint.

pub mod report;
pub mod timing;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a source file. Lines and columns are 1-based; the column counts characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    /// The text of the line shown under the message: on a long line only the window around
    /// the column that is shown (see [`window`]), cut when the location is made, because the
    /// first pass keeps a location for every citation and link of the site (a Markdown
    /// paragraph is one line: whole lines took 60 MB at 10,000 pages per language).
    #[serde(skip)]
    pub line_text: Option<String>,
    /// How many characters of the line come before `line_text`.
    #[serde(skip)]
    pub snippet_start: usize,
    /// How many characters the marker under the line covers.
    #[serde(skip)]
    pub width: usize,
}

/// A source line as it may be shown on a terminal: control characters (a binary file's escape
/// sequences among them) become U+FFFD, one character each, so columns still line up.
fn printable(line: &str) -> String {
    line.chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

impl Location {
    /// A location for a whole file, for problems that have no line (an unreadable file).
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location {
            file: file.into(),
            line: 0,
            column: 0,
            line_text: None,
            snippet_start: 0,
            width: 0,
        }
    }

    /// The location of byte `offset` in `source`, which is the text of `file`.
    ///
    /// This scans `source` up to `offset`: for many locations in one file, use a [`LineIndex`].
    pub fn at_offset(file: impl Into<PathBuf>, source: &str, offset: usize, len: usize) -> Self {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        scanned(offset);
        let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line = source[..offset].matches('\n').count() + 1;
        Self::in_line(file, source, offset, len, line, line_start)
    }

    /// The location of `offset` (a char boundary) on `line`, which starts at byte `line_start`:
    /// the column, the marker's width and the line's text only look at that line.
    fn in_line(
        file: impl Into<PathBuf>,
        source: &str,
        offset: usize,
        len: usize,
        line: usize,
        line_start: usize,
    ) -> Self {
        let line_end = source[offset..]
            .find('\n')
            .map_or(source.len(), |i| offset + i);
        scanned(line_end - line_start);
        let column = source[line_start..offset].chars().count() + 1;
        let end = floor_char_boundary(source, (offset + len).min(line_end));
        let width = source[offset..end].chars().count().max(1);
        let line_text = source[line_start..line_end].trim_end_matches('\r');
        let (skipped, snippet) = snippet_of(line_text, line_start, offset, column);
        // `printable` keeps one character for one, so it may follow the cut.
        let (shown, shown_column) = window(snippet, column - skipped);
        let shown = printable(&shown);
        Location {
            file: file.into(),
            line,
            column,
            line_text: Some(shown),
            snippet_start: column.saturating_sub(shown_column),
            width,
        }
    }

    /// The snippet's column: the column within `line_text`.
    fn snippet_column(&self) -> usize {
        self.column.saturating_sub(self.snippet_start)
    }

    /// The location of a 1-based line and column in `source`.
    pub fn at_line(file: impl Into<PathBuf>, source: &str, line: usize, column: usize) -> Self {
        let shown = source
            .lines()
            .nth(line.saturating_sub(1))
            .map(|text| window(text, column))
            .map(|(text, at)| (printable(&text), at));
        Location {
            file: file.into(),
            line,
            column,
            snippet_start: shown
                .as_ref()
                .map_or(0, |(_, at)| column.saturating_sub(*at)),
            line_text: shown.map(|(text, _)| text),
            width: 1,
        }
    }
}

/// Where each line of a text starts, computed once, so that a byte offset becomes a line and
/// column by binary search instead of a scan from the start of the text. Locating every item
/// of a page with [`Location::at_offset`] costs time proportional to the page's size for each
/// item, so quadratic time for the page; with an index it is linear.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the start of each line: 0, then one past each `\n`.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(source: &str) -> Self {
        scanned(source.len());
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The same as [`Location::at_offset`] for the `source` this index was built from.
    pub fn location(
        &self,
        file: impl Into<PathBuf>,
        source: &str,
        offset: usize,
        len: usize,
    ) -> Location {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        // Lines that start at or before `offset`: one more than the newlines before it.
        let line = self.starts.partition_point(|&s| s <= offset);
        let line_start = self.starts[line - 1];
        Location::in_line(file, source, offset, len, line, line_start)
    }
}

/// A place in a source file as a byte range: what the content checks keep for every figure,
/// citation and block they read, turned into a [`Location`] (line, column, the line's text)
/// only when a diagnostic points at it. Most places never do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub len: usize,
}

/// A file's text, with its line index built the first time a [`Span`] in it is located.
pub struct FileLines<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    lines: std::cell::OnceCell<LineIndex>,
}

impl<'a> FileLines<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        FileLines {
            path,
            text,
            lines: std::cell::OnceCell::new(),
        }
    }

    pub fn locate(&self, span: Span) -> Location {
        self.lines
            .get_or_init(|| LineIndex::new(self.text))
            .location(self.path, self.text, span.start, span.len)
    }
}

#[cfg(test)]
thread_local! {
    /// Bytes of source text read on this thread to turn offsets into locations (tests only):
    /// lets a test check that locating the items of a page is linear in the page's size.
    pub static SCANNED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[cfg(test)]
fn scanned(bytes: usize) {
    SCANNED.with(|n| n.set(n.get() + bytes));
}

#[cfg(not(test))]
fn scanned(_: usize) {}

/// The part of a line kept for the snippet: all of it when short, else a window of characters
/// around the column (the part [`window`] shows, and some), with how many characters precede it.
fn snippet_of(line: &str, line_start: usize, offset: usize, column: usize) -> (usize, &str) {
    const KEEP: usize = 1024;
    if line.len() <= 2 * KEEP {
        return (0, line);
    }
    let at = (offset - line_start).min(line.len());
    let from = floor_char_boundary(line, at.saturating_sub(KEEP));
    let to = floor_char_boundary(line, (at + KEEP).min(line.len()));
    let skipped = column - 1 - line[from..at].chars().count();
    (skipped, &line[from..to])
}

/// Long lines (a Markdown paragraph is one line) are cut to a window around the column.
/// Every location of the first pass is cut, so this slices the line, never copies it whole.
fn window(line: &str, column: usize) -> (String, usize) {
    const BEFORE: usize = 40;
    const AFTER: usize = 80;
    let count = line.chars().count();
    if count <= BEFORE + AFTER {
        return (line.to_string(), column);
    }
    let start = column.saturating_sub(1).saturating_sub(BEFORE);
    let end = (start + BEFORE + AFTER).min(count);
    let from = line
        .char_indices()
        .nth(start)
        .map_or(line.len(), |(b, _)| b);
    let to = line[from..]
        .char_indices()
        .nth(end - start)
        .map_or(line.len(), |(b, _)| from + b);
    let mut text = String::with_capacity(to - from + 6);
    let mut column = column - start;
    if start > 0 {
        text.push('…');
        column += 1;
    }
    text.push_str(&line[from..to]);
    if end < count {
        text.push('…');
    }
    (text, column)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    #[serde(flatten)]
    pub location: Option<Location>,
    pub message: String,
    pub hint: Option<String>,
    /// Other places the problem involves (the same sentence in another language).
    pub related: Vec<Location>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            location: None,
            message: message.into(),
            hint: None,
            related: Vec::new(),
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(code, message)
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn related(mut self, location: Location) -> Self {
        self.related.push(location);
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The human-readable form, paths shown relative to `base`.
    pub fn render(&self, base: &Path) -> String {
        let mut out = String::new();
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if let Some(loc) = &self.location {
            let file = crate::diagnostics::report::display_file(&loc.file, base);
            if loc.line > 0 {
                let _ = write!(out, "{file}:{}:{}: ", loc.line, loc.column);
            } else {
                let _ = write!(out, "{file}: ");
            }
        }
        let _ = writeln!(out, "{severity}[{}]: {}", self.code, self.message);
        if let Some(loc) = &self.location {
            if let Some(text) = &loc.line_text {
                let column = loc.snippet_column();
                let gutter = loc.line.to_string().len();
                let pad = " ".repeat(gutter);
                let lead: String = text
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{} | {text}", loc.line);
                let visible = text
                    .chars()
                    .count()
                    .saturating_sub(column.saturating_sub(1));
                let _ = writeln!(
                    out,
                    "{pad} | {lead}{}",
                    "^".repeat(loc.width.min(visible).max(1))
                );
            }
        }
        for other in &self.related {
            let file = crate::diagnostics::report::display_file(&other.file, base);
            if other.line > 0 {
                let _ = writeln!(
                    out,
                    "  = note: see also {file}:{}:{}",
                    other.line, other.column
                );
            } else {
                let _ = writeln!(out, "  = note: see also {file}");
            }
            if let Some(line) = &other.line_text {
                let _ = writeln!(out, "         {}", line.trim());
            }
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "  = help: {hint}");
        }
        out
    }
}

/// Everything one run found, in the order found.
#[derive(Debug, Default)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// Whether the run must fail: any error, or any warning when warnings are errors.
    pub fn is_failure(&self, strict: bool) -> bool {
        self.error_count() > 0 || (strict && self.warning_count() > 0)
    }

    /// Stable order for output: by file, line, column, then code; the same problem found twice
    /// (a template rendered for two languages) is reported once.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                d.location
                    .as_ref()
                    .map(|l| (l.file.clone(), l.line, l.column))
                    .unwrap_or_default()
            };
            key(a).cmp(&key(b)).then(a.code.cmp(b.code))
        });
        self.items.dedup_by(|a, b| {
            a.code == b.code && a.message == b.message && a.location == b.location
        });
    }
}

/// A fatal problem that stops the pipeline: the diagnostics collected so far.
#[derive(Debug)]
pub struct Failed(pub Diagnostics);

impl From<Diagnostic> for Failed {
    fn from(d: Diagnostic) -> Self {
        Failed(Diagnostics { items: vec![d] })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_keep_a_window_and_the_true_column() {
        let line = format!("{}TARGET{}", "中".repeat(3000), "x".repeat(3000));
        let offset = line.find("TARGET").unwrap();
        let at = Location::at_offset("a.md", &line, offset, 6);
        assert_eq!(at.column, 3001);
        assert!(at.line_text.as_ref().unwrap().len() < 2100);
        let shown = Diagnostic::error("E0303", "m").at(at).render(Path::new(""));
        let marker_line = shown.lines().nth(3).unwrap();
        let text_line = shown.lines().nth(2).unwrap();
        let caret = marker_line.chars().position(|c| c == '^').unwrap();
        let target: String = text_line.chars().skip(caret).take(6).collect();
        assert_eq!(target, "TARGET", "\n{shown}");
    }
}
