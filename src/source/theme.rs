//! The site's own `theme/` folder: files that add to or replace the built-in theme's assets.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};

/// One file of the site's theme, by its path under `theme/` (`/`-separated).
pub struct ThemeFile {
    pub rel: String,
    pub bytes: Vec<u8>,
}

/// Every file under `<root>/theme/`, sorted by path; none when the folder does not exist.
pub fn load_theme(root: &Path, diags: &mut Diagnostics) -> Vec<ThemeFile> {
    let theme = root.join("theme");
    let mut files = Vec::new();
    if !theme.is_dir() {
        return files;
    }
    for entry in walkdir::WalkDir::new(&theme).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(
                    Diagnostic::error("E0104", format!("cannot read the theme folder: {e}"))
                        .at(Location::file(&theme)),
                );
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&theme)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        match std::fs::read(entry.path()) {
            Ok(bytes) => files.push(ThemeFile { rel, bytes }),
            Err(e) => diags.push(
                Diagnostic::error("E0104", format!("cannot read theme file: {e}"))
                    .at(Location::file(entry.path())),
            ),
        }
    }
    files
}
