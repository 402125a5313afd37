//! Printing diagnostics for people (`human`), for programs (`json`, a documented stable
//! schema: docs/diagnostics.schema.json) and for GitHub Actions annotations (`github`).

use std::path::Path;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Location, Severity};

/// Every diagnostic code and its stable name (documented in docs/diagnostics.md).
pub const CODES: &[(&str, &str)] = &[
    ("E0001", "config-unreadable"),
    ("E0002", "config-invalid"),
    ("E0003", "config-languages"),
    ("E0004", "content-dir-missing"),
    ("E0005", "output-dir-refused"),
    ("E0006", "output-write"),
    ("E0007", "output-not-evidoc"),
    ("E0101", "front-matter"),
    ("E0102", "unknown-language"),
    ("E0103", "duplicate-output-path"),
    ("E0104", "unreadable-file"),
    ("E0105", "unsafe-name"),
    ("E0106", "content-too-deep"),
    ("E0201", "template-syntax"),
    ("E0202", "template-render"),
    ("E0203", "template-missing"),
    ("E0301", "broken-page-link"),
    ("E0302", "broken-anchor"),
    ("E0303", "unknown-trial"),
    ("E0304", "unknown-citation"),
    ("E0305", "bibliography-invalid"),
    ("E0306", "bibliography-duplicate"),
    ("E0307", "broken-output-link"),
    ("E0308", "broken-external-link"),
    ("E0309", "duplicate-id"),
    ("E0401", "data-invalid"),
    ("E0402", "trial-id"),
    ("E0403", "unknown-term"),
    ("E0404", "unknown-arm"),
    ("E0405", "hazard-ratio"),
    ("E0406", "confidence-interval"),
    ("E0407", "out-of-range"),
    ("E0408", "negative-value"),
    ("E0409", "missing-label"),
    ("E0410", "bad-date"),
    ("E0411", "data-shortcode"),
    ("E0412", "unknown-source-reference"),
    ("E0501", "glossary-invalid"),
    ("E0502", "glossary-duplicate"),
    ("E0601", "print-unknown-section"),
    ("E0602", "pdf-no-browser"),
    ("E0603", "pdf-print-failed"),
    ("E0604", "pdf-write"),
    ("E0701", "serve-address-in-use"),
    ("E0702", "serve-cannot-listen"),
    ("E0703", "serve-cannot-watch"),
    ("E0801", "search-index-failed"),
    ("E0901", "alias-collision"),
    ("E0902", "init-not-empty"),
    ("E0903", "page-exists"),
    ("W0101", "missing-translation"),
    ("W0201", "heading-count"),
    ("W0202", "table-count"),
    ("W0203", "block-count"),
    ("W0204", "citation-parity"),
    ("W0205", "trial-link-parity"),
    ("W0206", "page-link-parity"),
    ("W0207", "figure-parity"),
    ("W0301", "stale-translation"),
    ("W0302", "untracked-translation"),
    ("W0401", "prose-contradicts-data"),
    ("W0601", "parallel-structure"),
    ("W0701", "serve-public-address"),
    ("W0801", "search-nothing-marked"),
];

pub fn code_name(code: &str) -> &'static str {
    CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("unknown", |(_, n)| n)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
}

/// A path as shown to users: relative to the site root, `/`-separated.
pub fn display_file(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let text = rel.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").unwrap_or(&text).to_string()
}

pub fn human(diags: &Diagnostics, root: &Path) -> String {
    diags.items.iter().map(|d| d.render(root)).collect()
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: Severity,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    hint: Option<&'a str>,
    related: Vec<JsonLocation>,
}

#[derive(Serialize)]
struct JsonLocation {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
}

fn json_location(location: &Location, root: &Path) -> JsonLocation {
    let known = |n: usize| (n > 0).then_some(n);
    JsonLocation {
        file: display_file(&location.file, root),
        line: known(location.line),
        column: known(location.column),
    }
}

pub fn json(diags: &Diagnostics, root: &Path) -> String {
    let report = JsonReport {
        version: 1,
        errors: diags.error_count(),
        warnings: diags.warning_count(),
        diagnostics: diags
            .items
            .iter()
            .map(|d| json_diagnostic(d, root))
            .collect(),
    };
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}

fn json_diagnostic<'a>(d: &'a Diagnostic, root: &Path) -> JsonDiagnostic<'a> {
    let location = d.location.as_ref().map(|l| json_location(l, root));
    JsonDiagnostic {
        code: d.code,
        name: code_name(d.code),
        severity: d.severity,
        file: location.as_ref().map(|l| l.file.clone()),
        line: location.as_ref().and_then(|l| l.line),
        column: location.as_ref().and_then(|l| l.column),
        message: &d.message,
        hint: d.hint.as_deref(),
        related: d.related.iter().map(|l| json_location(l, root)).collect(),
    }
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
pub fn github(diags: &Diagnostics, root: &Path) -> String {
    let mut out = String::new();
    for d in &diags.items {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = Vec::new();
        if let Some(l) = &d.location {
            props.push(format!(
                "file={}",
                escape_property(&display_file(&l.file, root))
            ));
            if l.line > 0 {
                props.push(format!("line={},col={}", l.line, l.column));
            }
        }
        props.push(format!(
            "title={}",
            escape_property(&format!("{} {}", d.code, code_name(d.code)))
        ));
        let message = match &d.hint {
            Some(hint) => format!("{}\n{hint}", d.message),
            None => d.message.clone(),
        };
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            escape_data(&message)
        ));
    }
    out
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documentation_lists_every_code() {
        let doc = include_str!("../../docs/diagnostics.md");
        for (code, name) in CODES {
            assert!(
                doc.contains(&format!("| {code} | {name} |")),
                "docs/diagnostics.md lacks {code} {name}"
            );
        }
        let documented = doc
            .lines()
            .filter(|l| l.starts_with("| E") || l.starts_with("| W"))
            .count();
        assert_eq!(
            documented,
            CODES.len(),
            "docs list a code that does not exist"
        );
    }

    #[test]
    fn every_code_used_in_the_source_is_listed() {
        let sources = walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.path().extension().is_some_and(|x| x == "rs"));
        for file in sources {
            let text = std::fs::read_to_string(file.path()).unwrap();
            for (i, _) in text
                .match_indices("(\"E0")
                .chain(text.match_indices("(\"W0"))
            {
                let code = &text[i + 2..i + 7];
                assert!(
                    CODES.iter().any(|(c, _)| *c == code),
                    "{code} is not in CODES"
                );
            }
        }
    }

    #[test]
    fn github_escapes_properties() {
        let mut diags = Diagnostics::default();
        diags.push(Diagnostic::error("E0303", "50% bad\nline").at(Location {
            file: "a,b:c.md".into(),
            line: 2,
            column: 3,
            line_text: None,
            snippet_start: 0,
            width: 1,
        }));
        assert_eq!(
            github(&diags, Path::new("")),
            "::error file=a%2Cb%3Ac.md,line=2,col=3,title=E0303 unknown-trial::50%25 bad%0Aline\n"
        );
    }
}
