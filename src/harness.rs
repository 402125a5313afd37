//! Builds a site given as files in memory and checks the promises evidoc makes about bad input:
//! no panic, every problem located in a file (and at a line where the problem has one), nothing
//! written outside the output folder, and the previous output intact after a failed build.
//!
//! Shared by the property tests (`tests/evidoc/properties.rs`) and the fuzz targets (`fuzz/`),
//! so both hold the build to the same invariants.

use std::path::{Path, PathBuf};

use crate::build::{BuildOptions, build};

/// Problems about a file as a whole, which have no line to point at.
const WHOLE_FILE_CODES: &[&str] = &[
    "E0001", "E0004", "E0005", "E0006", "E0007", "E0102", "E0103", "E0104", "E0105", "E0307",
    "E0309", "W0101", "W0302",
];

/// A site of `files` (paths relative to the site root) in a fresh folder under the system's
/// temporary folder, removed on drop.
pub struct ScratchSite {
    pub root: PathBuf,
    /// Every path under `root` before any build: the sources.
    sources: Vec<PathBuf>,
}

impl ScratchSite {
    pub fn new(files: &[(String, Vec<u8>)]) -> std::io::Result<ScratchSite> {
        let root = unique_dir()?;
        for (rel, bytes) in files {
            let path = root.join("site").join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, bytes)?;
        }
        let sources = paths_under(&root);
        Ok(ScratchSite { root, sources })
    }

    pub fn site(&self) -> PathBuf {
        self.root.join("site")
    }

    /// Builds twice (the first output must survive a failed second build unchanged) and returns
    /// every broken promise, or an empty list.
    pub fn check_invariants(&self) -> Vec<String> {
        let mut broken = Vec::new();
        let output = self.site().join("public");
        let opts = BuildOptions {
            root: self.site(),
            output: Some(output.clone()),
            ..Default::default()
        };
        let first = build(&opts);
        let before = snapshot(&output);
        let second = build(&opts);
        for result in [&first, &second] {
            if let Err(failed) = result {
                broken.extend(unlocated(&failed.0.items));
            }
        }
        if second.is_err() && snapshot(&output) != before {
            broken.push("a failed build changed the previous output".into());
        }
        broken.extend(
            paths_under(&self.root)
                .into_iter()
                .filter(|p| !p.starts_with(&output) && !self.sources.contains(p))
                .map(|p| format!("written outside the output: {}", p.display())),
        );
        broken
    }
}

impl Drop for ScratchSite {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn unique_dir() -> std::io::Result<PathBuf> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("evidoc-harness-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

fn unlocated(items: &[crate::diagnostics::Diagnostic]) -> Vec<String> {
    items
        .iter()
        .filter_map(|d| match &d.location {
            None => Some(format!("{} has no file: {}", d.code, d.message)),
            Some(at) if at.line == 0 && !WHOLE_FILE_CODES.contains(&d.code) => {
                Some(format!("{} has no line: {}", d.code, d.message))
            }
            _ => None,
        })
        .collect()
}

/// Every file's path and bytes under `dir`, sorted.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().to_path_buf(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    files.sort();
    files
}

fn paths_under(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .collect()
}

/// The trials fixture of the repository at `repo` (the folder holding `tests/`), with the file
/// `rel` replaced by `replacement`.
pub fn fixture_with(repo: &Path, rel: &str, replacement: &[u8]) -> Vec<(String, Vec<u8>)> {
    let root = repo.join("tests/fixtures/trials");
    walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e.path().strip_prefix(&root).unwrap_or(e.path());
            let path = path.to_string_lossy().replace('\\', "/");
            let bytes = if path == rel {
                replacement.to_vec()
            } else {
                std::fs::read(e.path()).unwrap_or_default()
            };
            (path, bytes)
        })
        .collect()
}

/// One fuzz input: the fixture with `rel` replaced by `data`, built, every promise checked.
/// Panics (which the fuzzer records as a crash) on a broken promise; `fuzz_dir` is the fuzz
/// crate's folder, inside the repository.
pub fn fuzz_one(fuzz_dir: &str, rel: &str, data: &[u8]) {
    let repo = Path::new(fuzz_dir).join("..");
    let Ok(site) = ScratchSite::new(&fixture_with(&repo, rel, data)) else {
        return;
    };
    let broken = site.check_invariants();
    assert!(broken.is_empty(), "broken promises:\n{}", broken.join("\n"));
}
