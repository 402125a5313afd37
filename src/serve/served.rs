//! What requests are answered from: the model of the last good build, from which each page is
//! rendered when asked for, and the other files of that build, kept compressed.
//!
//! Holding every rendered page instead cost 4.9 times a build's memory at 10,000 pages per
//! language (1.4 GB of HTML beside the model); rendering one page takes a millisecond or two.
//! A page is rendered whole under a read lock of the model, and an incremental rebuild changes
//! the model under the write lock (and puts it back if the rebuild fails), so a request sees
//! the page of one good build, never a mix.

use std::collections::HashMap;
use std::hash::Hasher;
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};

use crate::diagnostics::Diagnostic;
use crate::output::{OutputFile, PartWriter, Sink};
use crate::site::{Site, Sources};
use crate::source::content::NodeId;
use crate::write::memory::MemoryStore;

/// The files served for one version of the site.
#[derive(Clone)]
pub struct Served {
    /// Every file that is not a page (assets, generated lists, tables as CSV, the print
    /// editions once asked for).
    pub store: Arc<MemoryStore>,
    pub pages: Arc<LivePages>,
}

impl Served {
    pub fn contains(&self, path: &str) -> bool {
        self.pages.contains(path) || self.store.contains(path)
    }

    /// The bytes of the file at `path`, rendered now if it is a page.
    pub fn get(&self, path: &str) -> Option<Vec<u8>> {
        if self.pages.contains(path) {
            return self.pages.render(path);
        }
        self.store.get(path)
    }
}

/// The model of the last good build, and where each of its pages is served.
pub struct LivePages {
    site: RwLock<Site>,
    /// Page path (`en/guide/index.html`) → the page and language rendered there.
    paths: HashMap<String, (NodeId, String)>,
}

impl LivePages {
    /// `paths` are the pages the build rendered (see [`page_paths`]).
    pub fn new(site: Site, paths: HashMap<String, (NodeId, String)>) -> LivePages {
        LivePages {
            site: RwLock::new(site),
            paths,
        }
    }

    pub fn contains(&self, path: &str) -> bool {
        self.paths.contains_key(path)
    }

    /// The page at `path` as the model renders it now.
    pub fn render(&self, path: &str) -> Option<Vec<u8>> {
        let (id, lang) = self.paths.get(path)?;
        let site = self.read();
        let files = crate::output::web::render_page(&site, *id, lang).ok()?;
        files.into_iter().find(|f| f.path == path).map(|f| f.bytes)
    }

    pub fn read(&self) -> RwLockReadGuard<'_, Site> {
        // A panic while rendering leaves the model as it was: keep using it.
        self.site.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn write(&self) -> RwLockWriteGuard<'_, Site> {
        self.site.write().unwrap_or_else(|e| e.into_inner())
    }
}

/// Where each page of `sources` is rendered, in each language.
pub fn page_paths(sources: &Sources) -> HashMap<String, (NodeId, String)> {
    let languages = sources.config.language_codes();
    sources
        .tree
        .nodes
        .iter()
        .enumerate()
        .flat_map(|(id, node)| {
            languages
                .iter()
                .map(move |lang| (node.output_path(lang), (id, lang.to_string())))
        })
        .collect()
}

/// A digest of a file's bytes: what tells which files a rebuild changed, for files not kept.
pub fn digest(bytes: &[u8]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// The sink of a full rebuild: notes every file's digest, keeps the files that are not pages
/// in `store`, and only digests the pages and the print editions (rendered when asked for).
pub struct Keeping<'a> {
    pub store: &'a MemoryStore,
    pub pages: &'a HashMap<String, (NodeId, String)>,
    pub digests: Mutex<HashMap<String, u64>>,
}

impl Keeping<'_> {
    fn note(&self, path: &str, digest: u64) {
        self.digests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), digest);
    }
}

impl Sink for Keeping<'_> {
    fn put(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        self.note(&file.path, digest(&file.bytes));
        if self.pages.contains_key(&file.path) {
            return Ok(());
        }
        self.store.put(file)
    }

    /// Files written in parts are the print editions: digested as they stream by, not kept.
    fn put_parts<'s>(&'s self, path: &str) -> Result<Box<dyn PartWriter + Send + 's>, Diagnostic> {
        Ok(Box::new(Digesting {
            sink: self,
            path: path.to_string(),
            hasher: std::collections::hash_map::DefaultHasher::new(),
        }))
    }
}

struct Digesting<'s, 'a> {
    sink: &'s Keeping<'a>,
    path: String,
    hasher: std::collections::hash_map::DefaultHasher,
}

impl PartWriter for Digesting<'_, '_> {
    fn write_part(&mut self, part: &[u8]) -> Result<(), Diagnostic> {
        self.hasher.write(part);
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<(), Diagnostic> {
        self.sink.note(&self.path, self.hasher.finish());
        Ok(())
    }
}
