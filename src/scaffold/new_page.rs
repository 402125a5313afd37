//! `evidoc new PATH`: a page in every configured language, placed after its last sibling, its
//! translations marked current so the author starts from a clean `check --strict`.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Location};
use crate::scaffold::site_files::{quoted, translated};
use crate::source::config::Config;

/// Creates `content/PATH.<lang>.md` for every language of the site at `root`; returns the files.
pub fn new_page(root: &Path, path: &str) -> Result<Vec<PathBuf>, Diagnostic> {
    let config = Config::load(root)?;
    let content = root.join(&config.content_dir);
    let stem = page_stem(path)?;
    let name = stem.rsplit('/').next().unwrap_or(&stem).to_string();
    let (folder, file) = match stem.rsplit_once('/') {
        Some((folder, file)) => (content.join(folder), file),
        None => (content.clone(), stem.as_str()),
    };
    if let Some(existing) = existing_page(&config, &folder, file) {
        return Err(
            Diagnostic::error("E0903", format!("the page `{stem}` exists already"))
                .at(Location::file(&existing))
                .hint("choose another name, or edit the existing files"),
        );
    }
    // A section's `_index` is placed among the pages and sections beside its folder.
    let weight = if file == "_index" {
        next_weight(folder.parent().unwrap_or(&content))
    } else {
        next_weight(&folder)
    };
    let title = if file == "_index" {
        folder
            .file_name()
            .map_or(name.clone(), |n| n.to_string_lossy().into_owned())
    } else {
        name
    };
    let languages: Vec<String> = ordered_languages(&config);
    let pages = translated(&stem, &languages, |t| {
        (
            format!("title = {}\nweight = {weight}\n", quoted(&title)),
            format!("{}\n", t.new_page_body),
        )
    });
    let mut written = Vec::new();
    for (rel, text) in pages {
        let path = content.join(rel);
        crate::scaffold::write_file(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

/// The default language first (translations are hashed against it), then the others.
fn ordered_languages(config: &Config) -> Vec<String> {
    let mut langs = vec![config.default_language.clone()];
    langs.extend(
        config
            .language_codes()
            .into_iter()
            .filter(|l| *l != config.default_language)
            .map(String::from),
    );
    langs
}

/// `part/her2-negative`, from what the author typed (`content/part/her2-negative.md` works too);
/// every segment must be able to become part of a URL.
fn page_stem(path: &str) -> Result<String, Diagnostic> {
    let trimmed = path
        .trim_start_matches("./")
        .trim_start_matches("content/")
        .trim_matches('/');
    let stem = trimmed.strip_suffix(".md").unwrap_or(trimmed);
    for segment in stem.split('/') {
        if let Some(problem) = crate::source::paths::segment_problem(segment) {
            return Err(Diagnostic::error(
                "E0105",
                format!("the name `{segment}` cannot be part of a URL: {problem}"),
            )
            .hint(crate::source::paths::SEGMENT_HINT));
        }
    }
    Ok(stem.to_string())
}

/// A file or folder that already is the page `file` in `folder`, in any language.
fn existing_page(config: &Config, folder: &Path, file: &str) -> Option<PathBuf> {
    let mut candidates = vec![folder.join(format!("{file}.md"))];
    candidates.extend(
        config
            .language_codes()
            .iter()
            .map(|l| folder.join(format!("{file}.{l}.md"))),
    );
    if file != "_index" {
        candidates.push(folder.join(file));
    }
    candidates.into_iter().find(|p| p.exists())
}

/// One more than the highest weight among the pages and sections beside the new page.
fn next_weight(folder: &Path) -> i64 {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 1;
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(
                std::fs::read_dir(&path)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| is_index(p)),
            );
        } else if path.extension().is_some_and(|e| e == "md") && !is_index(&path) {
            files.push(path);
        }
    }
    files
        .iter()
        .filter_map(|p| {
            let text = crate::source::input::read_text(p).ok()?;
            crate::source::load::parse_front_matter(p, &text).ok()
        })
        .map(|(front, _)| front.weight)
        .max()
        .map_or(1, |w| w + 1)
}

fn is_index(path: &Path) -> bool {
    path.file_name().is_some_and(|n| {
        n.to_string_lossy().starts_with("_index.") && n.to_string_lossy().ends_with(".md")
    })
}
