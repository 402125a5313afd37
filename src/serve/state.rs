//! What the server shares between the rebuild thread and the requests: the current snapshot
//! (the last good build, its version, the overlay), replaced whole, so each request sees one version of
//! the site; and the channels that tell open pages about rebuilds and shutdown.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, RwLock};

use serde::Serialize;
use tokio::sync::{broadcast, watch};

use crate::serve::reload::{self, Labels};
use crate::serve::served::Served;

/// More pages than this changed: tell pages to reload whatever they show.
const MAX_LISTED: usize = 500;

pub struct Snapshot {
    /// The last good build; none while the site has never built.
    pub served: Option<Served>,
    /// Changes with every good build; pages carry the version they were served from.
    pub version: u64,
    /// The diagnostics of the last rebuild, as the terminal printed them, when it failed
    /// (shown in the overlay); empty when it succeeded.
    pub report: String,
    /// The overlay's words in each language.
    pub labels: Arc<Labels>,
    /// Files of `served` that rebuilds left out of date (the print editions): a
    /// request for one asks the rebuild thread to render them first.
    pub stale: Arc<Vec<String>>,
}

#[derive(Serialize)]
struct EventData<'a> {
    version: u64,
    first: bool,
    /// Changed HTML pages (store paths), or `"*"`.
    reload: serde_json::Value,
    /// Only stylesheets changed.
    css: bool,
    /// The overlay in each language (none when the build is good), and the default language.
    overlays: BTreeMap<&'a str, String>,
    default: &'a str,
}

impl Snapshot {
    /// The overlay over a page in `lang` (empty when the last rebuild succeeded).
    pub fn overlay(&self, lang: &str) -> String {
        reload::overlay(&self.report, &self.labels, lang)
    }

    /// The event telling open pages about this snapshot, after a rebuild that changed `changed`.
    pub fn event(&self, changed: &[String], first: bool) -> String {
        let css = !changed.is_empty() && changed.iter().all(|p| p.ends_with(".css"));
        let pages: Vec<&String> = changed.iter().filter(|p| p.ends_with(".html")).collect();
        let other = changed
            .iter()
            .any(|p| !p.ends_with(".html") && !p.ends_with(".css"));
        let reload = if other || pages.len() > MAX_LISTED {
            serde_json::Value::from("*")
        } else {
            serde_json::Value::from(pages.into_iter().cloned().collect::<Vec<_>>())
        };
        let data = EventData {
            version: self.version,
            first,
            reload,
            css,
            overlays: self
                .labels
                .languages()
                .filter(|_| !self.report.is_empty())
                .map(|lang| (lang, self.overlay(lang)))
                .collect(),
            default: self.labels.languages().next().unwrap_or("en"),
        };
        serde_json::to_string(&data).unwrap_or_default()
    }
}

pub struct Shared {
    current: RwLock<Arc<Snapshot>>,
    /// To the rebuild thread: an empty batch of changes asks for the out-of-date files.
    wake: Mutex<Sender<Vec<PathBuf>>>,
    pub events: broadcast::Sender<String>,
    pub shutdown: watch::Sender<bool>,
}

impl Shared {
    pub fn new(first: Snapshot, wake: Sender<Vec<PathBuf>>) -> Shared {
        Shared {
            current: RwLock::new(Arc::new(first)),
            wake: Mutex::new(wake),
            events: broadcast::channel(64).0,
            shutdown: watch::channel(false).0,
        }
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Asks the rebuild thread to render the out-of-date files (see [`Snapshot::stale`]).
    pub fn ask_for_stale(&self) {
        // The rebuild thread lives as long as the server.
        let _ = self
            .wake
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .send(Vec::new());
    }

    /// Serves `next` from now on, and tells open pages what changed.
    pub fn publish(&self, next: Snapshot, changed: &[String]) {
        let event = next.event(changed, false);
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(next);
        // No open page is not an error.
        let _ = self.events.send(event);
    }
}
