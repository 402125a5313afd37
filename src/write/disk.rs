//! Writing: puts rendered files on disk all at once, or not at all.
//!
//! The site is written into a temporary folder beside the output and swapped in by renames only
//! when every file was written, so a failed build leaves the previous output untouched.

use std::path::{Component, Path, PathBuf};

use crate::diagnostics::{Diagnostic, Location};
use crate::output::OutputFile;

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

/// The file evidoc puts at the root of every output it writes: the proof that replacing the
/// folder deletes nothing but an earlier build.
pub const OUTPUT_MARK: &str = ".evidoc-output";
const OUTPUT_MARK_TEXT: &str = "This folder is written by evidoc and replaced on every build: do not keep other files in it.\n";

/// Refuses to replace a file, or a folder holding files evidoc did not write (unless `force`).
pub fn check_output_owner(output: &Path, force: bool) -> Result<(), Diagnostic> {
    let refuse = |why: String, hint: &str| {
        Err(Diagnostic::error(
            "E0007",
            format!("refusing to replace `{}`: {why}", output.display()),
        )
        .at(Location::file(output))
        .hint(hint.to_string()))
    };
    let Ok(meta) = std::fs::symlink_metadata(output) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return refuse(
            "it is not a folder (a file or a symbolic link)".into(),
            "choose another output path with --output DIR, or move the file away",
        );
    }
    if force || output.join(OUTPUT_MARK).is_file() {
        return Ok(());
    }
    let entries = std::fs::read_dir(output).map_err(|e| io_error(output, e))?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    names.sort();
    let shown = names
        .iter()
        .take(3)
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    refuse(
        format!(
            "it holds files evidoc did not write ({shown}{})",
            if names.len() > 3 { ", …" } else { "" }
        ),
        "choose an empty or new folder; if this is an older evidoc output (or you want its files deleted), pass --force",
    )
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

/// A folder beside the output that receives the new site file by file; it replaces the output
/// only in [`Staging::commit`], so a failed build leaves the previous output untouched.
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    created: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
}

fn io_error(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error("E0006", format!("cannot write the output: {e}"))
        .at(Location::file(path))
        .hint("check that the output folder's parent exists and is writable; the previous output was kept")
}

impl Staging {
    pub fn create(output: &Path) -> Result<Staging, Diagnostic> {
        let output = absolute(output);
        let parent = output.parent().map(Path::to_path_buf).unwrap_or_default();
        let name = output
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let dir = parent.join(format!(".{name}.evidoc-new-{}", std::process::id()));
        std::fs::create_dir_all(&parent).map_err(|e| io_error(&parent, e))?;
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
        let mark = dir.join(OUTPUT_MARK);
        std::fs::write(&mark, OUTPUT_MARK_TEXT).map_err(|e| io_error(&mark, e))?;
        Ok(Staging {
            output,
            dir,
            created: Default::default(),
        })
    }

    /// The folder the site is staged in (complete once rendering is done).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Swaps the staged site in for the output folder.
    pub fn commit(self) -> Result<(), Diagnostic> {
        let name = self
            .output
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let old = self
            .dir
            .with_file_name(format!(".{name}.evidoc-old-{}", std::process::id()));
        if self.output.exists() {
            std::fs::rename(&self.output, &old).map_err(|e| io_error(&self.output, e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.output) {
            let _ = std::fs::rename(&old, &self.output);
            return Err(io_error(&self.output, e));
        }
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    }

    /// Removes the staged files, leaving the output as it was.
    pub fn abandon(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Staging {
    /// Where `path` goes in the staging folder, its folder created; refuses paths that would
    /// leave the output.
    fn prepare(&self, path: &str) -> Result<PathBuf, Diagnostic> {
        if !crate::source::paths::stays_inside(path) {
            return Err(Diagnostic::error(
                "E0006",
                format!("refusing to write `{}`: the path leaves the output folder", path.escape_debug()),
            )
            .hint("a name in the content became this path; rename it (this is a bug in evidoc if no other error names it)"));
        }
        let path = self.dir.join(path);
        if let Some(parent) = path.parent() {
            let known = self
                .created
                .lock()
                .map(|set| set.contains(parent))
                .unwrap_or(false);
            if !known {
                std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
                if let Ok(mut set) = self.created.lock() {
                    set.insert(parent.to_path_buf());
                }
            }
        }
        Ok(path)
    }
}

impl crate::output::Sink for Staging {
    fn put(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        let path = self.prepare(&file.path)?;
        std::fs::write(&path, &file.bytes).map_err(|e| io_error(&path, e))
    }

    fn put_parts<'s>(
        &'s self,
        path: &str,
    ) -> Result<Box<dyn crate::output::PartWriter + Send + 's>, Diagnostic> {
        let path = self.prepare(path)?;
        let file = std::fs::File::create(&path).map_err(|e| io_error(&path, e))?;
        Ok(Box::new(FileParts {
            out: std::io::BufWriter::new(file),
            path,
        }))
    }
}

/// A staged file written as its parts arrive.
struct FileParts {
    out: std::io::BufWriter<std::fs::File>,
    path: PathBuf,
}

impl crate::output::PartWriter for FileParts {
    fn write_part(&mut self, part: &[u8]) -> Result<(), Diagnostic> {
        use std::io::Write;
        self.out
            .write_all(part)
            .map_err(|e| io_error(&self.path, e))
    }

    fn finish(self: Box<Self>) -> Result<(), Diagnostic> {
        let FileParts { out, path } = *self;
        out.into_inner()
            .map(drop)
            .map_err(|e| io_error(&path, e.into_error()))
    }
}
