//! A built site kept in memory, for the dev server: the same files a disk build writes, each
//! shared (`Arc`) so a request can hold a page while a rebuild replaces the store.
//!
//! Files are kept gzip-compressed: at 10,000 pages per language the site is 1.4 GB of HTML,
//! which the server would otherwise hold beside the model (4.9 times a build's memory). Prose
//! and navigation compress four to eight times, and inflating one page for a request takes
//! well under a millisecond.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use crate::diagnostics::Diagnostic;
use crate::output::{OutputFile, PartWriter, Sink};

#[derive(Default)]
pub struct MemoryStore {
    files: Mutex<BTreeMap<String, Arc<[u8]>>>,
}

impl MemoryStore {
    /// The bytes of the file at `path` (relative to the site root, `/`-separated).
    pub fn get(&self, path: &str) -> Option<Vec<u8>> {
        let compressed = self.lock().get(path).cloned()?;
        Some(inflate(&compressed))
    }

    /// Whether the store has a file at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.lock().contains_key(path)
    }

    /// Every file, by path, as it was put.
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        self.lock()
            .iter()
            .map(|(path, compressed)| (path.clone(), inflate(compressed)))
            .collect()
    }

    /// A new store holding the same files (the bytes are shared, not copied): the dev server
    /// changes the copy and then swaps it in, so no request sees a half-updated site.
    pub fn copy(&self) -> MemoryStore {
        MemoryStore {
            files: Mutex::new(self.lock().clone()),
        }
    }

    pub fn remove(&self, path: &str) {
        self.lock().remove(path);
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Arc<[u8]>>> {
        // A panic while holding the lock leaves a map that is still whole: keep using it.
        self.files.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemoryStore {
    fn put(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        let mut encoder = encoder();
        // Writing into a `Vec` cannot fail.
        let _ = encoder.write_all(&file.bytes);
        self.keep(file.path.clone(), encoder);
        Ok(())
    }

    /// Compresses each part as it comes: a print edition is never held whole.
    fn put_parts<'s>(&'s self, path: &str) -> Result<Box<dyn PartWriter + Send + 's>, Diagnostic> {
        Ok(Box::new(CompressedParts {
            store: self,
            path: path.to_string(),
            encoder: encoder(),
        }))
    }
}

impl MemoryStore {
    fn keep(&self, path: String, encoder: GzEncoder<Vec<u8>>) {
        let compressed = encoder.finish().unwrap_or_default();
        self.lock().insert(path, Arc::from(compressed));
    }
}

/// The fastest level: at 10,000 pages per language, level 6 would keep 12% less and take
/// several times the CPU of the initial build's compression.
fn encoder() -> GzEncoder<Vec<u8>> {
    GzEncoder::new(Vec::new(), Compression::fast())
}

fn inflate(compressed: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(compressed.len() * 4);
    // The store compressed these bytes itself: they always inflate.
    let _ = GzDecoder::new(compressed).read_to_end(&mut out);
    out
}

struct CompressedParts<'s> {
    store: &'s MemoryStore,
    path: String,
    encoder: GzEncoder<Vec<u8>>,
}

impl PartWriter for CompressedParts<'_> {
    fn write_part(&mut self, part: &[u8]) -> Result<(), Diagnostic> {
        let _ = self.encoder.write_all(part);
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<(), Diagnostic> {
        self.store.keep(self.path, self.encoder);
        Ok(())
    }
}
