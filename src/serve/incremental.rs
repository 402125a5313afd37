//! Rebuilding the served site: in full (templates, configuration, vocabulary, theme, several
//! files), or incrementally into a copy of the store: when one page's Markdown changed and
//! nothing other pages show of it did, that page alone in each language; when one trial file
//! changed and only its figures did, the pages that show that trial's data (see
//! [`Site::replace_trial_data`]) and `data/trials.json`.
//!
//! The dev server builds no search index (see [`Builder::full`]).

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::build::{BuildOptions, render_site};
use crate::diagnostics::{Diagnostic, Diagnostics, Failed};
use crate::output::{OutputFile, Sink};
use crate::site::Site;
use crate::site::replace::{DataReplaced, Replaced};
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
    /// Serve the pages marked `draft = true` too (`--drafts`).
    drafts: bool,
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
    /// The print editions need rendering again: an incremental rebuild changed pages they
    /// hold. They hold every page, so they are rendered when a reader asks for one
    /// ([`Builder::deferred`]), not at every edit.
    print_stale: bool,
    /// Element ids of the store's pages, read when a re-rendered page links to them: the
    /// references or glossary page, linked from most pages, is read once, not at every edit.
    ids: RefCell<HashMap<String, Option<Arc<HashSet<String>>>>>,
}

impl Builder {
    pub fn new(opts: BuildOptions, drafts: bool) -> Builder {
        Builder {
            opts,
            drafts,
            site: None,
            diagnostics: Vec::new(),
            store: Arc::new(MemoryStore::default()),
            in_step: false,
            pending: BTreeSet::new(),
            print_stale: false,
            ids: RefCell::default(),
        }
    }

    /// Rebuilds after `changed` files: one page alone when possible, otherwise everything.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Outcome {
        if let [one] = changed {
            let attempt = if is_trial_file(one) {
                self.trial_file(one)
            } else {
                self.one_page(one)
            };
            match attempt {
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

    /// The overlay's words in each language of the site (built-in ones before it first loads).
    pub fn labels(&self) -> crate::serve::reload::Labels {
        match &self.site {
            Some(site) => crate::serve::reload::Labels::of(
                &site.sources.strings,
                &site.sources.config.default_language,
            ),
            None => crate::serve::reload::Labels::builtin(),
        }
    }

    /// Loads and renders the whole site into a new store. Without the search index: it holds
    /// every page's HTML until Pagefind has run, which at 10,000 pages per language takes
    /// seconds and more memory than the rest of the build, at every full rebuild; an author
    /// previewing pages does not need it (`build` writes it).
    pub fn full(&mut self) -> Outcome {
        let mut diags = Diagnostics::default();
        let loaded = crate::site::load_with_drafts(
            &self.opts.root,
            self.opts.base_url.as_deref(),
            self.drafts,
            &mut diags,
        );
        let sources = match loaded {
            Ok(mut sources) => {
                sources.config.search.enabled = false;
                sources
            }
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
        self.print_stale = false;
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
        let files = node_files(site, &[id]);
        let mut fresh = first_pass;
        fresh.extend(crate::check::parity::node_checks(
            &site.sources,
            &site.sources.tree.nodes[id],
        ));
        Ok(self.render_pending(&files, fresh, Vec::new()))
    }

    /// Re-renders the pages that show the data of the trial whose file is `path`, if the edit
    /// changed only what those pages show.
    fn trial_file(&mut self, path: &Path) -> Result<Outcome, &'static str> {
        if !self.in_step {
            return Err("the last full rebuild failed");
        }
        let site = self.site.as_mut().ok_or("no site model yet")?;
        let content_dir = site.sources.content_dir();
        if path.parent() != Some(content_dir.join("trials").as_path()) {
            return Err("not a trial file of the site");
        }
        let languages = site.sources.config.language_codes();
        let mut read = Diagnostics::default();
        let data = crate::trials::data::load_trial_data(&content_dir, &languages, &mut read);
        let (pages, first_pass) = match site.replace_trial_data(data, path) {
            DataReplaced::Local { pages, diagnostics } => (pages, diagnostics),
            DataReplaced::Global(what) => return Err(what),
        };
        let s = &site.sources;
        crate::cite::numbering::check_source_refs(
            &s.data,
            &s.bibliography,
            &site.citations,
            &mut read,
        );
        let mut fresh: Vec<Diagnostic> = read
            .items
            .into_iter()
            .filter(|d| d.location.as_ref().is_some_and(|l| l.file == path))
            .collect();
        fresh.extend(first_pass);
        for &id in &pages {
            fresh.extend(crate::check::parity::node_checks(s, &s.tree.nodes[id]));
        }
        let mut files = node_files(site, &pages);
        files.push(path.to_path_buf());
        let json = Collect::default();
        fresh.extend(crate::output::Output::render(
            &crate::output::files::TrialsJson,
            site,
            &json,
        ));
        self.pending.extend(pages);
        let generated = json.files.into_inner().unwrap_or_default();
        Ok(self.render_pending(&files, fresh, generated))
    }

    /// Renders every pending page in each language, checks them, and (if the site is good)
    /// puts them, with `generated` files, into a copy of the store. The diagnostics located in
    /// `files` are replaced by `fresh` (the checks of what was read again); the others hold.
    fn render_pending(
        &mut self,
        files: &[PathBuf],
        fresh: Vec<Diagnostic>,
        generated: Vec<OutputFile>,
    ) -> Outcome {
        let site = self.site.as_ref().expect("the caller checked the model");
        let mut diags: Vec<Diagnostic> = self
            .diagnostics
            .iter()
            .filter(|d| {
                // Missing translations are found when the tree is read, not by the page checks.
                d.code == "W0101" || !d.location.as_ref().is_some_and(|l| files.contains(&l.file))
            })
            .cloned()
            .collect();
        diags.extend(fresh);
        let mut files = generated;
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
        self.print_stale |= !changed.is_empty();
        self.store = store.clone();
        Outcome::Built {
            store,
            changed,
            rendered,
            diagnostics: diags,
            incremental: true,
        }
    }

    /// The files that are out of date in the last good store until [`Builder::deferred`] runs:
    /// the print editions, after an incremental rebuild changed a page.
    pub fn stale(&self) -> Vec<String> {
        match (&self.site, self.print_stale && self.in_step) {
            (Some(site), true) => {
                let mut paths = crate::output::print::edition_paths(site);
                paths.extend(crate::output::parallel::edition_path(site));
                paths
            }
            _ => Vec::new(),
        }
    }

    /// Renders the print editions again from the model as it stands, if they are out of date
    /// and the site is good. Their problems (`[print] sections`, side-by-side structure)
    /// replace the ones of their last rendering.
    pub fn deferred(&mut self) -> Option<Outcome> {
        if self.stale().is_empty()
            || self
                .diagnostics
                .iter()
                .any(|d| d.severity == crate::diagnostics::Severity::Error)
        {
            return None;
        }
        let site = self.site.as_ref()?;
        let sink = Collect::default();
        let fresh = crate::output::editions::render_alone(site, &sink);
        let files = sink.files.into_inner().unwrap_or_default();
        let mut diags: Vec<Diagnostic> = self
            .diagnostics
            .iter()
            .filter(|d| !PRINT_CODES.contains(&d.code))
            .cloned()
            .collect();
        diags.extend(fresh);
        let mut diags = Diagnostics { items: diags };
        diags.sort();
        self.diagnostics = diags.items.clone();
        self.print_stale = false;
        let (store, changed) = updated(&self.store, &files);
        self.store = store.clone();
        Some(Outcome::Built {
            store,
            changed,
            rendered: files.len(),
            diagnostics: diags,
            incremental: true,
        })
    }
}

/// The codes the print editions report (see `output::handout`, `output::parallel`).
const PRINT_CODES: &[&str] = &["E0601", "W0601"];

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

/// Whether `path` is a trial data file (`content/trials/*.toml`; the builder checks the folder).
fn is_trial_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml")
        && path
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|f| f == "trials")
}

/// The source files of these pages (every translation).
fn node_files(site: &Site, ids: &[NodeId]) -> Vec<PathBuf> {
    ids.iter()
        .flat_map(|&id| site.sources.tree.nodes[id].translations.values())
        .map(|t| t.source.path.clone())
        .collect()
}

/// A sink that keeps the files handed to it (a generated file rendered alone).
#[derive(Default)]
struct Collect {
    files: std::sync::Mutex<Vec<OutputFile>>,
}

impl Sink for Collect {
    fn put(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file.clone());
        Ok(())
    }
}
