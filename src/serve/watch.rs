//! Watching the site's sources: the content folder (pages, trial data, bibliography, glossary,
//! vocabulary), `templates/`, `theme/` and `evidoc.toml`. Events are debounced, so an editor
//! that saves by writing a temporary file and renaming it, or writes twice, causes one rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::diagnostics::Diagnostic;

/// Quiet time after the last change before a rebuild starts: long enough to merge an editor's
/// write-rename-delete into one event, short next to the time a page takes to reach the browser.
const DEBOUNCE: Duration = Duration::from_millis(40);

pub type Watcher = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// The watch of a site's sources; lasts as long as this value.
pub struct SourceWatcher {
    debouncer: Watcher,
    folders: Vec<PathBuf>,
    watching: Vec<PathBuf>,
}

impl SourceWatcher {
    /// Starts watching; each batch of changed source files (sorted, deduplicated) goes to `tx`.
    pub fn start(
        root: &Path,
        content_dir: &Path,
        tx: Sender<Vec<PathBuf>>,
    ) -> Result<SourceWatcher, Diagnostic> {
        let watched = Watched {
            root: root.to_path_buf(),
            folders: vec![
                content_dir.to_path_buf(),
                root.join("templates"),
                root.join("theme"),
            ],
        };
        let filter = watched.clone();
        let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            let Ok(events) = result else {
                return;
            };
            let mut paths: Vec<PathBuf> = events
                .iter()
                .filter(|e| changes_content(&e.event.kind))
                .flat_map(|e| e.paths.iter())
                .filter(|p| filter.is_source(p))
                .cloned()
                .collect();
            paths.sort();
            paths.dedup();
            if !paths.is_empty() {
                let _ = tx.send(paths);
            }
        })
        .map_err(|e| cannot_watch(root, &e))?;
        // The root itself, not its subfolders: `evidoc.toml`, and folders created later.
        debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| cannot_watch(root, &e))?;
        let mut watcher = SourceWatcher {
            debouncer,
            folders: watched.folders,
            watching: Vec::new(),
        };
        watcher.catch_up()?;
        Ok(watcher)
    }

    /// Watches the source folders that exist now and were not watched yet (a `theme/` folder
    /// created while the server runs).
    pub fn catch_up(&mut self) -> Result<(), Diagnostic> {
        for folder in &self.folders {
            if folder.is_dir() && !self.watching.contains(folder) {
                self.debouncer
                    .watch(folder, RecursiveMode::Recursive)
                    .map_err(|e| cannot_watch(folder, &e))?;
                self.watching.push(folder.clone());
            }
        }
        Ok(())
    }
}

/// Reading a file (as every build does) is an event too: only writes, creations, renames and
/// removals can change the site.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        _ => true,
    }
}

fn cannot_watch(path: &Path, error: &notify::Error) -> Diagnostic {
    Diagnostic::error(
        "E0703",
        format!("cannot watch `{}` for changes: {error}", path.display()),
    )
    .hint("on Linux, raise the inotify limit (sysctl fs.inotify.max_user_watches=524288), or check the folder's permissions")
}

#[derive(Clone)]
struct Watched {
    root: PathBuf,
    folders: Vec<PathBuf>,
}

impl Watched {
    /// Whether a change to `path` can change the site: `evidoc.toml`, or a file in a watched
    /// folder that is not an editor's swap, backup or hidden file.
    fn is_source(&self, path: &Path) -> bool {
        if path == self.root.join("evidoc.toml") {
            return true;
        }
        let Some(folder) = self.folders.iter().find(|f| path.starts_with(f)) else {
            return false;
        };
        let rel = path.strip_prefix(folder).unwrap_or(path);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let hidden = rel
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        let scratch = name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".swx")
            || name.starts_with(".#")
            || name.chars().all(|c| c.is_ascii_digit());
        !hidden && !scratch
    }
}
