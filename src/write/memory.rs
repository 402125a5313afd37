//! A built site kept in memory, for the dev server: the same files a disk build writes, each
//! shared (`Arc`) so a request can hold a page while a rebuild replaces the store.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use crate::diagnostics::Diagnostic;
use crate::output::{OutputFile, Sink};

#[derive(Default)]
pub struct MemoryStore {
    files: Mutex<BTreeMap<String, Arc<[u8]>>>,
}

impl MemoryStore {
    /// The bytes of the file at `path` (relative to the site root, `/`-separated).
    pub fn get(&self, path: &str) -> Option<Arc<[u8]>> {
        self.lock().get(path).cloned()
    }

    /// Every file, by path.
    pub fn files(&self) -> BTreeMap<String, Arc<[u8]>> {
        self.lock().clone()
    }

    /// A new store holding the same files (the bytes are shared, not copied): the dev server
    /// changes the copy and then swaps it in, so no request sees a half-updated site.
    pub fn copy(&self) -> MemoryStore {
        MemoryStore {
            files: Mutex::new(self.files()),
        }
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
        self.lock()
            .insert(file.path.clone(), Arc::from(file.bytes.as_slice()));
        Ok(())
    }
}
