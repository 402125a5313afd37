//! `evidoc translations`: the state of every page in every language, and `--mark-current`,
//! which records in a translation the hash of the source page it now matches.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Location};
use crate::site::Sources as LoadedSite;
use crate::site::translation::{TranslationState, source_hash, translation_state};
use crate::source::content::{Node, NodeId};

/// A table: one row per page, one column per language.
pub fn status_report(site: &LoadedSite) -> String {
    let langs = site.config.language_codes();
    let source = site.config.default_language.as_str();
    let rows: Vec<(String, Vec<&str>)> = content_nodes(site)
        .map(|(_, node)| {
            (
                page_name(node),
                langs
                    .iter()
                    .map(|l| translation_state(node, l, source).label())
                    .collect(),
            )
        })
        .collect();
    let width = rows
        .iter()
        .map(|(n, _)| n.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let mut out = format!("{:width$}", "page");
    for lang in &langs {
        let _ = write!(out, "  {lang:10}");
    }
    out.push('\n');
    for (name, states) in &rows {
        let _ = write!(out, "{name:width$}");
        for state in states {
            let _ = write!(out, "  {state:10}");
        }
        out.push('\n');
    }
    let count = |s: TranslationState| {
        content_nodes(site)
            .map(|(_, n)| {
                langs
                    .iter()
                    .filter(|l| translation_state(n, l, source) == s)
                    .count()
            })
            .sum::<usize>()
    };
    let _ = writeln!(
        out,
        "{} pages; {} stale, {} untracked, {} missing translations (source language: {source})",
        rows.len(),
        count(TranslationState::Stale),
        count(TranslationState::Untracked),
        count(TranslationState::Missing)
    );
    out
}

fn content_nodes(site: &LoadedSite) -> impl Iterator<Item = (NodeId, &Node)> {
    site.tree
        .reading_order()
        .into_iter()
        .map(|id| (id, &site.tree.nodes[id]))
        .filter(|(_, n)| !n.translations.is_empty())
}

fn page_name(node: &Node) -> String {
    node.page_name()
}

/// Finds a page by its name, its name without `.md`, or the path of one of its files.
fn find_page<'a>(site: &'a LoadedSite, wanted: &str) -> Option<&'a Node> {
    let wanted = wanted
        .trim_start_matches("./")
        .trim_start_matches("content/")
        .trim_start_matches("@/");
    content_nodes(site).map(|(_, n)| n).find(|n| {
        let name = page_name(n);
        name == wanted
            || name.trim_end_matches(".md") == wanted
            || n.translations
                .values()
                .any(|t| t.source.path.ends_with(wanted))
    })
}

/// Records in each translation of `pages` (or of every page) that it matches its source now.
pub fn mark_current(
    site: &LoadedSite,
    pages: &[String],
    all: bool,
) -> Result<Vec<PathBuf>, Diagnostic> {
    let source = site.config.default_language.as_str();
    let nodes: Vec<&Node> = if all {
        content_nodes(site).map(|(_, n)| n).collect()
    } else {
        pages
            .iter()
            .map(|p| {
                find_page(site, p).ok_or_else(|| {
                    Diagnostic::error("E0301", format!("no page named `{p}`"))
                        .hint("name a page as `evidoc translations` lists it, for example `her2-negative.md`")
                })
            })
            .collect::<Result<_, _>>()?
    };
    let mut written = Vec::new();
    for node in nodes {
        let Some(src) = node.translations.get(source) else {
            continue;
        };
        let hash = source_hash(src);
        for (lang, t) in &node.translations {
            if lang == source || t.front.source_hash.as_deref() == Some(hash.as_str()) {
                continue;
            }
            // The file as saved (BOM, CRLF), so marking a page changes one line and nothing else.
            let saved =
                std::fs::read_to_string(&t.source.path).unwrap_or_else(|_| t.source.text.clone());
            let text = set_front_matter_key(&saved, "source_hash", &hash);
            std::fs::write(&t.source.path, text).map_err(|e| {
                Diagnostic::error("E0006", format!("cannot write: {e}"))
                    .at(Location::file(&t.source.path))
            })?;
            written.push(t.source.path.clone());
        }
    }
    Ok(written)
}

/// Sets `key = "value"` in `+++` front matter (`key: "value"` in `---` YAML front matter),
/// replacing an existing line or adding one.
fn set_front_matter_key(text: &str, key: &str, value: &str) -> String {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let fence = crate::source::front_matter::Fence::of(text)
        .unwrap_or(crate::source::front_matter::Fence::Toml);
    let (marker, separator) = match fence {
        crate::source::front_matter::Fence::Toml => ("+++", '='),
        crate::source::front_matter::Fence::Yaml => ("---", ':'),
    };
    let line = match fence {
        crate::source::front_matter::Fence::Toml => format!("{key} = \"{value}\"{newline}"),
        crate::source::front_matter::Fence::Yaml => format!("{key}: \"{value}\"{newline}"),
    };
    let mut out = String::with_capacity(text.len() + line.len() + 1);
    let mut fences = 0;
    let mut done = false;
    for l in text.split_inclusive('\n') {
        let trimmed = l.trim_start_matches('\u{feff}').trim_end();
        if trimmed == marker {
            fences += 1;
            if fences == 2 && !done {
                out.push_str(&line);
                done = true;
            }
        } else if fences == 1
            && trimmed
                .split(separator)
                .next()
                .is_some_and(|k| k.trim() == key)
        {
            out.push_str(&line);
            done = true;
            continue;
        }
        out.push_str(l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_or_replaces_the_key() {
        let added = set_front_matter_key("+++\ntitle = \"A\"\n+++\n\nBody\n", "source_hash", "abc");
        assert_eq!(
            added,
            "+++\ntitle = \"A\"\nsource_hash = \"abc\"\n+++\n\nBody\n"
        );
        let replaced = set_front_matter_key(&added, "source_hash", "def");
        assert_eq!(
            replaced,
            "+++\ntitle = \"A\"\nsource_hash = \"def\"\n+++\n\nBody\n"
        );
    }

    #[test]
    fn yaml_front_matter_gets_a_yaml_line() {
        let added = set_front_matter_key("---\ntitle: A\n---\n\nBody\n", "source_hash", "abc");
        assert_eq!(added, "---\ntitle: A\nsource_hash: \"abc\"\n---\n\nBody\n");
        let replaced = set_front_matter_key(&added, "source_hash", "def");
        assert_eq!(
            replaced,
            "---\ntitle: A\nsource_hash: \"def\"\n---\n\nBody\n"
        );
    }
}
