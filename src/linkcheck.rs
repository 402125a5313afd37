//! Checks every `href` and `src` of the rendered site against the rendered files themselves:
//! the safety net behind the source-level checks (it also catches links that templates make).

use std::collections::{HashMap, HashSet};

use crate::render::OutputFile;

/// A link in the output that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub page: String,
    pub target: String,
    pub reason: &'static str,
}

/// What the link check keeps of an output file once it is written: its path and, for HTML,
/// its link targets and element ids (not its bytes, so memory does not grow with the site).
#[derive(Debug, Clone, Default)]
pub struct FileSummary {
    pub path: String,
    pub targets: Vec<String>,
    pub ids: HashSet<String>,
}

pub fn summarize(file: &OutputFile) -> FileSummary {
    // 404.html is served at any URL, so its links are absolute by design.
    if !file.path.ends_with(".html") || file.path == "404.html" {
        return FileSummary {
            path: file.path.clone(),
            ..Default::default()
        };
    }
    let html = String::from_utf8_lossy(&file.bytes);
    let targets = link_targets(&html)
        .into_iter()
        .filter(|t| !is_external(t))
        .collect();
    FileSummary {
        path: file.path.clone(),
        targets,
        ids: element_ids(&html),
    }
}

/// Finds broken internal links and anchors among the site's files.
pub fn broken_links(files: &[FileSummary]) -> Vec<BrokenLink> {
    let by_path: HashMap<&str, &FileSummary> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut broken = Vec::new();
    for file in files {
        for target in &file.targets {
            let (path_part, fragment) = target
                .split_once('#')
                .map_or((target.as_str(), None), |(p, f)| (p, Some(f)));
            let resolved = if path_part.is_empty() {
                Some(file.path.clone())
            } else {
                resolve(&file.path, path_part)
            };
            let Some(target_file) = resolved.as_deref().and_then(|p| by_path.get(p)) else {
                broken.push(BrokenLink {
                    page: file.path.clone(),
                    target: target.clone(),
                    reason: "no such file",
                });
                continue;
            };
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                if !target_file.ids.contains(fragment) {
                    broken.push(BrokenLink {
                        page: file.path.clone(),
                        target: target.clone(),
                        reason: "no such anchor",
                    });
                }
            }
        }
    }
    broken
}

fn is_external(target: &str) -> bool {
    target.contains("://")
        || target.starts_with("mailto:")
        || target.starts_with("data:")
        || target.starts_with("//")
}

/// Resolves a relative URL against the page's path; directories mean their `index.html`.
fn resolve(page: &str, target: &str) -> Option<String> {
    let target = target.split('?').next().unwrap_or(target);
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        page.split('/').collect()
    };
    if !target.starts_with('/') {
        parts.pop();
    }
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if target.ends_with('/') || path.is_empty() {
        path = if path.is_empty() {
            "index.html".into()
        } else {
            format!("{path}/index.html")
        };
    }
    Some(path)
}

/// Values of `href="…"` and `src="…"` attributes (entities decoded for `&amp;`).
fn link_targets(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
                rest = &rest[end..];
            }
        }
    }
    out
}

fn element_ids(html: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        if let Some(end) = rest.find('"') {
            ids.insert(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: html.as_bytes().to_vec(),
        }
    }

    #[test]
    fn finds_missing_files_and_anchors() {
        let files = [
            file(
                "en/a/index.html",
                r##"<a href="../b/index.html#x">b</a><a href="../b/">b</a><a href="#top">t</a><h1 id="top"></h1><a href="../c/index.html">c</a><a href="../b/index.html#nope">n</a>"##,
            ),
            file("en/b/index.html", r#"<h2 id="x"></h2>"#),
        ];
        let summaries: Vec<FileSummary> = files.iter().map(summarize).collect();
        let broken = broken_links(&summaries);
        let targets: Vec<&str> = broken.iter().map(|b| b.target.as_str()).collect();
        assert_eq!(targets, vec!["../c/index.html", "../b/index.html#nope"]);
    }
}
