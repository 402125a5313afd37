//! Rebuilding the served site: in full (templates, configuration, data, theme, several files),
//! or, when one page's Markdown changed and nothing other pages show of it did, by rendering
//! only that page again in each language into a copy of the store.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::build::{BuildOptions, load_site, render_site};
use crate::diagnostics::{Diagnostic, Diagnostics, Failed};
use crate::output::{OutputFile, Sink};
use crate::site::Site;
use crate::site::replace::Replaced;
use crate::source::content::{NodeId, NodeKind, SourceFile, Translation};
use crate::write::memory::MemoryStore;

/// The result of one rebuild.
pub enum Outcome {
    /// A new store to serve; `changed` are the paths whose bytes differ from the last one.
    Built {
        store: Arc<MemoryStore>,
        changed: Vec<String>,
        rendered: usize,
        diagnostics: Diagnostics,
        incremental: bool,
    },
    /// Nothing to serve from this rebuild: keep the last good store.
    Failed(Diagnostics),
}

/// Holds the model of the last rebuild, to re-render single pages against it.
pub struct Builder {
    opts: BuildOptions,
    site: Option<Site>,
    /// The diagnostics of the model as it stands (errors included, if the last rebuild failed).
    diagnostics: Vec<Diagnostic>,
    /// The last good store.
    store: Arc<MemoryStore>,
    /// Whether the store was rendered from the model as it stands (false after a failed full
    /// rebuild: the next one must be full too).
    in_step: bool,
    /// Pages edited since the last good rebuild (rendered again once the site is good).
    pending: BTreeSet<NodeId>,
    /// Element ids of the store's pages, read when a re-rendered page links to them: the
    /// references or glossary page, linked from most pages, is read once, not at every edit.
    ids: RefCell<HashMap<String, Option<Arc<HashSet<String>>>>>,
}

impl Builder {
    pub fn new(opts: BuildOptions) -> Builder {
        Builder {
            opts,
            site: None,
            diagnostics: Vec::new(),
            store: Arc::new(MemoryStore::default()),
            in_step: false,
            pending: BTreeSet::new(),
            ids: RefCell::default(),
        }
    }

    /// Rebuilds after `changed` files: one page alone when possible, otherwise everything.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Outcome {
        if let [one] = changed {
            match self.one_page(one) {
                Ok(outcome) => return outcome,
                Err(why) => {
                    if self.site.is_some() {
                        eprintln!("  full rebuild: {why}");
                    }
                }
            }
        }
        self.full()
    }

    /// Loads and renders the whole site into a new store.
    pub fn full(&mut self) -> Outcome {
        let mut diags = Diagnostics::default();
        let sources = match load_site(&self.opts, &mut diags) {
            Ok(sources) => sources,
            Err(Failed(fatal)) => {
                diags.extend(fatal.items);
                diags.sort();
                self.site = None;
                self.in_step = false;
                return Outcome::Failed(diags);
            }
        };
        let store = MemoryStore::default();
        let (site, paths) = render_site(sources, &mut diags, &store);
        diags.sort();
        self.site = Some(site);
        self.diagnostics = diags.items.clone();
        if diags.error_count() > 0 {
            self.in_step = false;
            return Outcome::Failed(diags);
        }
        self.in_step = true;
        self.pending.clear();
        self.ids.borrow_mut().clear();
        let store = Arc::new(store);
        let changed = changed_files(&self.store, &store);
        self.store = store.clone();
        Outcome::Built {
            store,
            changed,
            rendered: paths.iter().filter(|p| p.ends_with(".html")).count(),
            diagnostics: diags,
            incremental: false,
        }
    }

    /// Re-renders the page whose source is `path`, if the edit is local to it.
    fn one_page(&mut self, path: &Path) -> Result<Outcome, &'static str> {
        if !self.in_step {
            return Err("the last full rebuild failed");
        }
        let site = self.site.as_mut().ok_or("no site model yet")?;
        let (id, lang) = find_translation(site, path).ok_or("not a page of the site")?;
        let text = crate::source::input::read_text(path).map_err(|_| "cannot read it")?;
        let (front, body_start) = crate::source::load::parse_front_matter(path, &text)
            .map_err(|_| "front matter does not parse")?;
        let notes_before = page_notes(site, id, &lang);
        let new = Translation {
            lang: lang.clone(),
            front,
            source: SourceFile {
                path: path.to_path_buf(),
                text,
                body_start,
            },
        };
        let first_pass = match site.replace_translation(id, &lang, new) {
            Replaced::Local(diagnostics) => diagnostics,
            Replaced::Global(what) => return Err(what),
        };
        self.pending.insert(id);
        if page_notes(site, id, &lang) != notes_before {
            if let Some(notes) = site
                .sources
                .tree
                .nodes
                .iter()
                .position(|n| n.kind == NodeKind::SourceNotes)
            {
                self.pending.insert(notes);
            }
        }
        Ok(self.render_pending(id, first_pass))
    }

    /// Renders every pending page in each language, checks them, and (if the site is good)
    /// puts them into a copy of the store.
    fn render_pending(&mut self, edited: NodeId, first_pass: Vec<Diagnostic>) -> Outcome {
        let site = self.site.as_ref().expect("one_page checked the model");
        let node = &site.sources.tree.nodes[edited];
        let files_of_node: Vec<&Path> = node
            .translations
            .values()
            .map(|t| t.source.path.as_path())
            .collect();
        let mut diags: Vec<Diagnostic> = self
            .diagnostics
            .iter()
            .filter(|d| {
                // Missing translations are found when the tree is read, not by the page checks.
                d.code == "W0101"
                    || !d
                        .location
                        .as_ref()
                        .is_some_and(|l| files_of_node.contains(&l.file.as_path()))
            })
            .cloned()
            .collect();
        diags.extend(first_pass);
        diags.extend(crate::check::parity::node_checks(&site.sources, node));
        let mut files = Vec::new();
        for &id in &self.pending {
            for lang in site.sources.config.language_codes() {
                match crate::output::web::render_page(site, id, lang) {
                    Ok(rendered) => files.extend(rendered),
                    Err(d) => diags.push(d),
                }
            }
        }
        let mut diags = Diagnostics { items: diags };
        if diags.error_count() == 0 {
            let store = &self.store;
            let ids_of = |p: &str| {
                self.ids
                    .borrow_mut()
                    .entry(p.to_string())
                    .or_insert_with(|| {
                        let bytes = store.get(p)?;
                        Some(Arc::new(crate::check::links::page_ids(p, &bytes)))
                    })
                    .clone()
            };
            for broken in crate::check::links::broken_in(&files, &ids_of) {
                diags.push(broken.diagnostic());
            }
        }
        diags.sort();
        self.diagnostics = diags.items.clone();
        if diags.error_count() > 0 {
            return Outcome::Failed(diags);
        }
        let rendered = self.pending.len() * site.sources.config.languages.len();
        self.pending.clear();
        {
            let mut ids = self.ids.borrow_mut();
            for file in &files {
                ids.remove(&file.path);
            }
        }
        let (store, changed) = updated(&self.store, &files);
        self.store = store.clone();
        Outcome::Built {
            store,
            changed,
            rendered,
            diagnostics: diags,
            incremental: true,
        }
    }
}

/// The page and language whose source file is `path`.
fn find_translation(site: &Site, path: &Path) -> Option<(NodeId, String)> {
    site.sources
        .tree
        .nodes
        .iter()
        .enumerate()
        .find_map(|(id, node)| {
            node.translations
                .iter()
                .find(|(_, t)| t.source.path == path)
                .map(|(lang, _)| (id, lang.clone()))
        })
}

/// The source notes of one page (what the "Notes on the source" page shows of it), when the
/// site has that page: if they change, that page is rendered again too.
fn page_notes(site: &Site, id: NodeId, lang: &str) -> Vec<(String, String, String)> {
    let s = &site.sources;
    if !s.tree.nodes.iter().any(|n| n.kind == NodeKind::SourceNotes) {
        return Vec::new();
    }
    let node = &s.tree.nodes[id];
    let prefixes: Vec<&str> = s.strings[lang]["source_note_prefixes"].split('|').collect();
    let md = site.markdown(id, lang, true);
    let page = crate::output::source_notes::SectionPage {
        title: node.title(lang),
        href: node.output_path(lang),
        html: &md.html,
    };
    crate::output::source_notes::section_notes(&page, &prefixes)
        .into_iter()
        .map(|n| (n.html, n.href, n.place))
        .collect()
}

/// A copy of `store` with `files` put in, and the paths whose bytes changed.
fn updated(store: &MemoryStore, files: &[OutputFile]) -> (Arc<MemoryStore>, Vec<String>) {
    let changed = files
        .iter()
        .filter(|f| store.get(&f.path).as_deref() != Some(f.bytes.as_slice()))
        .map(|f| f.path.clone())
        .collect();
    let copy = store.copy();
    for file in files {
        // A memory store never refuses a file.
        let _ = copy.put(file);
    }
    (Arc::new(copy), changed)
}

/// Paths added, removed or changed between two stores.
fn changed_files(old: &MemoryStore, new: &MemoryStore) -> Vec<String> {
    let old = old.files();
    let new = new.files();
    let mut changed: Vec<String> = new
        .iter()
        .filter(|(path, bytes)| old.get(*path) != Some(*bytes))
        .map(|(path, _)| path.clone())
        .collect();
    changed.extend(old.keys().filter(|p| !new.contains_key(*p)).cloned());
    changed
}
