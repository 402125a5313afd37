//! A site in a temporary folder, built by the real binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Site {
        let site = Site {
            dir: tempfile::tempdir().unwrap(),
        };
        copy_dir(&repo_root().join("tests/fixtures").join(name), site.root());
        site
    }

    /// A copy of the repository's own site (the review).
    pub fn default_site() -> Site {
        let site = Site {
            dir: tempfile::tempdir().unwrap(),
        };
        for entry in ["content", "templates", "theme"] {
            copy_dir(&repo_root().join(entry), &site.root().join(entry));
        }
        std::fs::copy(
            repo_root().join("evidoc.toml"),
            site.root().join("evidoc.toml"),
        )
        .unwrap();
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn read_source(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap()
    }

    /// Replaces `from` by `to` in a source file, failing if `from` is not there.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read_source(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::cargo_bin("evidoc")
            .unwrap()
            .current_dir(self.root())
            .args(args)
            .output()
            .unwrap();
        Run(output)
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.public().join(rel))
            .unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.public().join(rel).exists()
    }

    /// Every output file and its bytes.
    pub fn output(&self) -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(self.public())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(self.public())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect()
    }
}

pub struct Run(pub Output);

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }

    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }

    pub fn success(self) -> Self {
        assert_eq!(
            self.code(),
            0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }

    /// Exit code 1 and a diagnostic containing every one of `needles`.
    pub fn fails_with(self, needles: &[&str]) -> Self {
        assert_eq!(
            self.code(),
            1,
            "expected exit code 1\nstdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        let err = self.stderr();
        for needle in needles {
            assert!(err.contains(needle), "stderr lacks {needle:?}:\n{err}");
        }
        assert!(!err.contains("panicked"), "panic:\n{err}");
        self
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every broken internal link or anchor in a built site.
pub fn broken_links(site: &Site) -> Vec<String> {
    let files: Vec<evidoc::output::OutputFile> = site
        .output()
        .into_iter()
        .map(|(path, bytes)| evidoc::output::OutputFile { path, bytes })
        .collect();
    evidoc::check::links::broken_links(&files)
        .into_iter()
        .map(|b| format!("{}: {} ({})", b.page, b.target, b.reason))
        .collect()
}
