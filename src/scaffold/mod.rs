//! `evidoc init` and `evidoc new`: a new review in one command, a new page in every language.
//!
//! The scaffold is written in code rather than copied from files, because its pages exist once
//! per chosen language: the same structure, each language's words ([`texts`]), translations
//! already marked current against the default language so that `check --strict` starts clean.

pub mod new_page;
pub mod site_files;
pub mod texts;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Location};

/// What `evidoc init` was asked for.
#[derive(Debug, Clone)]
pub struct InitOptions {
    pub dir: PathBuf,
    /// Language codes, the first is the default (the source of translations).
    pub languages: Vec<String>,
    /// The site's title in every language; each language's own placeholder when absent.
    pub title: Option<String>,
    /// Write into a folder that is not empty (files of the scaffold are replaced).
    pub force: bool,
}

/// Writes a new review into `opts.dir`; returns the files written, relative to it.
pub fn init(opts: &InitOptions) -> Result<Vec<String>, Diagnostic> {
    let files = site_files::scaffold(&opts.languages, opts.title.as_deref());
    let config = &files[0];
    crate::source::config::Config::parse(&opts.dir.join(&config.0), &config.1).map_err(|d| {
        Diagnostic {
            location: None,
            ..d
        }
        .hint("pass --languages as language codes separated by commas, the default first: --languages zh,en")
    })?;
    if !opts.force && !is_empty_dir(&opts.dir) {
        return Err(Diagnostic::error(
            "E0902",
            format!(
                "`{}` is not empty: evidoc init writes a new site only into an empty folder",
                opts.dir.display()
            ),
        )
        .at(Location::file(&opts.dir))
        .hint("name a new folder (`evidoc init my-review`), or pass --force to write the scaffold's files into this one (files of the same name are replaced)"));
    }
    for (rel, text) in &files {
        write_file(&opts.dir.join(rel), text)?;
    }
    Ok(files.into_iter().map(|(rel, _)| rel).collect())
}

/// True when `dir` does not exist or has no entries.
fn is_empty_dir(dir: &Path) -> bool {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(_) => !dir.exists(),
    }
}

/// Writes `text` to `path`, creating its folders.
pub fn write_file(path: &Path, text: &str) -> Result<(), Diagnostic> {
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(path, text));
    written.map_err(|e| {
        Diagnostic::error("E0006", format!("cannot write: {e}"))
            .at(Location::file(path))
            .hint("check that the folder is writable")
    })
}
