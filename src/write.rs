//! Writing: puts rendered files on disk all at once, or not at all.
//!
//! The site is written into a temporary folder beside the output and swapped in by renames only
//! when every file was written, so a failed build leaves the previous output untouched.

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Location};
use crate::render::OutputFile;

/// Refuses output folders whose replacement would destroy the site itself.
pub fn check_output_dir(root: &Path, content_dir: &Path, output: &Path) -> Result<(), Diagnostic> {
    let output_abs = absolute(output);
    let root_abs = absolute(root);
    let content_abs = absolute(content_dir);
    let refuse = |why: &str| {
        Err(Diagnostic::error("E0005", format!("refusing to use `{}` as the output folder: {why}", output.display()))
            .hint("choose a dedicated folder such as `public` with --output DIR or `output_dir` in evidoc.toml"))
    };
    if output_abs.parent().is_none() {
        return refuse("it is the file system root");
    }
    if output_abs == root_abs {
        return refuse("it is the site root");
    }
    if root_abs.starts_with(&output_abs) || content_abs.starts_with(&output_abs) {
        return refuse("it contains the site's sources");
    }
    if output_abs.starts_with(&content_abs) {
        return refuse("it is inside the content folder");
    }
    Ok(())
}

/// Makes a path absolute and resolves `.` and `..` without requiring it to exist.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    std::fs::canonicalize(&out).unwrap_or(out)
}

/// Writes `files` as the complete new content of `output`.
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
    let output = absolute(output);
    let parent = output.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.evidoc-new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.evidoc-old-{}", std::process::id()));
    let io_error = |path: &Path, e: std::io::Error| {
        Diagnostic::error("E0006", format!("cannot write the output: {e}"))
            .at(Location::file(path))
            .hint("check that the output folder's parent exists and is writable; the previous output was kept")
    };
    std::fs::create_dir_all(&parent).map_err(|e| io_error(&parent, e))?;
    let _ = std::fs::remove_dir_all(&staging);
    if let Err(e) = write_all(&staging, files) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(io_error(&staging, e));
    }
    if output.exists() {
        std::fs::rename(&output, &old).map_err(|e| io_error(&output, e))?;
    }
    if let Err(e) = std::fs::rename(&staging, &output) {
        let _ = std::fs::rename(&old, &output);
        return Err(io_error(&output, e));
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

fn write_all(dir: &Path, files: &[OutputFile]) -> std::io::Result<()> {
    let mut folders: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| dir.join(&f.path).parent().map(Path::to_path_buf))
        .collect();
    folders.sort();
    folders.dedup();
    for folder in &folders {
        std::fs::create_dir_all(folder)?;
    }
    files
        .par_iter()
        .try_for_each(|f| std::fs::write(dir.join(&f.path), &f.bytes))
}
