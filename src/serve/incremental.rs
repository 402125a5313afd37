//! Rebuilding the served site: in full (templates, configuration, vocabulary, theme, several
//! files), or incrementally in the model requests render pages from: when one page's Markdown
//! changed and nothing other pages show of it did, that page alone in each language; when one
//! trial file changed and only its figures did, the pages that show that trial's data (see
//! [`Site::replace_trial_data`]) and `data/trials.json`. An incremental rebuild that fails
//! puts the model back as it was, so requests go on seeing the last good site.
//!
//! The dev server builds no search index (see [`Builder::full`]).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::build::{BuildOptions, render_site};
use crate::check::links::{LinkIndex, LinkTargets};
use crate::diagnostics::{Diagnostic, Diagnostics, Failed};
use crate::output::{OutputFile, Sink};
use crate::serve::served::{Keeping, LivePages, Served, digest, page_paths};
use crate::site::Site;
use crate::site::replace::{DataReplaced, Replaced};
use crate::source::content::{NodeId, NodeKind, SourceFile, Translation};
use crate::write::memory::MemoryStore;

/// The result of one rebuild.
pub enum Outcome {
    /// A new version to serve; `changed` are the paths whose bytes differ from the last one.
    Built {
        served: Served,
        changed: Vec<String>,
        rendered: usize,
        diagnostics: Diagnostics,
        incremental: bool,
    },
    /// Nothing to serve from this rebuild: keep the last good version.
    Failed(Diagnostics),
}

/// Holds the model of the last good rebuild, to re-render single pages against it.
pub struct Builder {
    opts: BuildOptions,
    /// Serve the pages marked `draft = true` too (`--drafts`).
    drafts: bool,
    /// The model of the last good rebuild, which requests render pages from.
    live: Option<Arc<LivePages>>,
    /// The diagnostics of the sources as they stand (errors included, if the last rebuild
    /// failed).
    diagnostics: Vec<Diagnostic>,
    /// The last good build's files that are not pages.
    store: Arc<MemoryStore>,
    /// A digest of every file of the last good build, pages included.
    digests: HashMap<String, u64>,
    /// Whether the model holds the sources as they stand (false after a failed full rebuild:
    /// the next one must be full too).
    in_step: bool,
    /// Files whose last edit failed to rebuild, and so is not in the model: the next rebuild
    /// takes them again.
    unapplied: BTreeSet<PathBuf>,
    /// The print editions are not in the store: a full rebuild does not keep them, and an
    /// incremental one changed pages they hold. They hold every page, so they are rendered
    /// when a reader asks for one ([`Builder::deferred`]), not at every edit.
    print_stale: bool,
    /// Where the print editions are.
    editions: Vec<String>,
    /// The page and language of each Markdown file of the model (an edit never adds one: a
    /// new translation rebuilds everything).
    sources: HashMap<PathBuf, (NodeId, String)>,
    /// The last good build's files and their pages' element ids (updated by each kept
    /// incremental rebuild): a re-rendered page's links are checked against them without
    /// rendering the pages they lead to.
    targets: LinkTargets,
}

impl Builder {
    pub fn new(opts: BuildOptions, drafts: bool) -> Builder {
        Builder {
            opts,
            drafts,
            live: None,
            diagnostics: Vec::new(),
            store: Arc::new(MemoryStore::default()),
            digests: HashMap::new(),
            in_step: false,
            unapplied: BTreeSet::new(),
            print_stale: false,
            editions: Vec::new(),
            sources: HashMap::new(),
            targets: LinkTargets::default(),
        }
    }

    /// Rebuilds after `changed` files (and those whose last edit failed): one page alone when
    /// possible, otherwise everything.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Outcome {
        let mut all: BTreeSet<PathBuf> = changed.iter().cloned().collect();
        all.extend(self.unapplied.iter().cloned());
        if let [one] = Vec::from_iter(all).as_slice() {
            let attempt = if is_trial_file(one) {
                self.trial_file(one)
            } else {
                self.one_page(one)
            };
            match attempt {
                Ok(outcome) => return outcome,
                Err(why) => {
                    if self.live.is_some() {
                        eprintln!("  full rebuild: {why}");
                    }
                }
            }
        }
        self.full()
    }

    /// The overlay's words in each language of the site (built-in ones before it first builds).
    pub fn labels(&self) -> crate::serve::reload::Labels {
        match &self.live {
            Some(live) => {
                let site = live.read();
                crate::serve::reload::Labels::of(
                    &site.sources.strings,
                    &site.sources.config.default_language,
                )
            }
            None => crate::serve::reload::Labels::builtin(),
        }
    }

    /// Loads and renders the whole site. Keeps the new model for requests to render pages
    /// from, and the files that are not pages. Without the search index: it holds every
    /// page's HTML until Pagefind has run, which at 10,000 pages per language takes seconds
    /// and more memory than the rest of the build, at every full rebuild; an author previewing
    /// pages does not need it (`build` writes it). A failed rebuild keeps the last good model.
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
                return self.full_failed(diags);
            }
        };
        let pages = page_paths(&sources);
        let store = MemoryStore::default();
        let sink = Keeping {
            store: &store,
            pages: &pages,
            digests: Mutex::default(),
        };
        let (site, targets) = render_site(sources, &mut diags, &sink);
        let mut editions = crate::output::print::edition_paths(&site);
        editions.extend(crate::output::parallel::edition_path(&site));
        let digests = sink.digests.into_inner().unwrap_or_else(|e| e.into_inner());
        if diags.error_count() > 0 {
            return self.full_failed(diags);
        }
        diags.sort();
        self.diagnostics = diags.items.clone();
        let rendered: HashMap<String, (NodeId, String)> = pages
            .into_iter()
            .filter(|(path, _)| digests.contains_key(path))
            .collect();
        let count = rendered.len();
        let changed = changed_digests(&self.digests, &digests);
        self.digests = digests;
        self.targets = targets;
        self.store = Arc::new(store);
        self.sources = translation_files(&site);
        self.live = Some(Arc::new(LivePages::new(site, rendered)));
        self.in_step = true;
        self.print_stale = true;
        self.editions = editions;
        self.unapplied.clear();
        Outcome::Built {
            served: self.served().expect("a model was just kept"),
            changed,
            rendered: count,
            diagnostics: diags,
            incremental: false,
        }
    }

    fn full_failed(&mut self, mut diags: Diagnostics) -> Outcome {
        diags.sort();
        self.diagnostics = diags.items.clone();
        self.in_step = false;
        self.unapplied.clear();
        Outcome::Failed(diags)
    }

    fn served(&self) -> Option<Served> {
        Some(Served {
            store: self.store.clone(),
            pages: self.live.clone()?,
        })
    }

    /// The last good model, if incremental rebuilds may change it.
    fn live_in_step(&self) -> Result<Arc<LivePages>, &'static str> {
        if !self.in_step {
            return Err("the last full rebuild failed");
        }
        self.live.clone().ok_or("no site model yet")
    }

    /// Re-renders the page whose source is `path`, if the edit is local to it.
    fn one_page(&mut self, path: &Path) -> Result<Outcome, &'static str> {
        let live = self.live_in_step()?;
        // Requests wait for the rebuild (tens of milliseconds), and never see a model that
        // fails to build.
        let mut site = live.write();
        let (id, lang) = self
            .sources
            .get(path)
            .cloned()
            .ok_or("not a page of the site")?;
        let text = crate::source::input::read_text(path).map_err(|_| "cannot read it")?;
        let (front, body_start) = crate::source::load::parse_front_matter(path, &text)
            .map_err(|_| "front matter does not parse")?;
        let notes_before = page_notes(&site, id, &lang);
        let new = Translation {
            lang: lang.clone(),
            front,
            source: SourceFile {
                path: path.to_path_buf(),
                text,
                body_start,
            },
        };
        let old = site.sources.tree.nodes[id].translations[&lang].clone();
        let first_pass = match site.replace_translation(id, &lang, new) {
            Replaced::Local(diagnostics) => diagnostics,
            Replaced::Global(what) => return Err(what),
        };
        let mut pages = vec![id];
        if page_notes(&site, id, &lang) != notes_before {
            pages.extend(
                site.sources
                    .tree
                    .nodes
                    .iter()
                    .position(|n| n.kind == NodeKind::SourceNotes),
            );
        }
        let files = node_files(&site, &[id]);
        let mut fresh = first_pass;
        fresh.extend(crate::check::parity::node_checks(&site, id));
        let outcome = self.render_pages(&site, &live, &pages, &files, fresh, Vec::new());
        if let Outcome::Failed(_) = outcome {
            // The same edit in reverse is local too; were it not, only a full rebuild could
            // bring the model back in step.
            let back = site.replace_translation(id, &lang, *old);
            self.in_step &= matches!(back, Replaced::Local(_));
            self.unapplied.insert(path.to_path_buf());
        }
        Ok(outcome)
    }

    /// Re-renders the pages that show the data of the trial whose file is `path`, if the edit
    /// changed only what those pages show.
    fn trial_file(&mut self, path: &Path) -> Result<Outcome, &'static str> {
        let live = self.live_in_step()?;
        let mut site = live.write();
        let content_dir = site.sources.content_dir();
        if path.parent() != Some(content_dir.join("trials").as_path()) {
            return Err("not a trial file of the site");
        }
        let languages = site.sources.config.language_codes();
        let mut read = Diagnostics::default();
        let data = crate::trials::data::load_trial_data(&content_dir, &languages, &mut read);
        let old = site.sources.data.clone();
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
            fresh.extend(crate::check::parity::node_checks(&site, id));
        }
        let mut files = node_files(&site, &pages);
        files.push(path.to_path_buf());
        let json = Collect::default();
        fresh.extend(crate::output::Output::render(
            &crate::output::files::TrialsJson,
            &site,
            &json,
        ));
        let generated = json.files.into_inner().unwrap_or_default();
        let outcome = self.render_pages(&site, &live, &pages, &files, fresh, generated);
        if let Outcome::Failed(_) = outcome {
            let back = site.replace_trial_data(old, path);
            self.in_step &= matches!(back, DataReplaced::Local { .. });
            self.unapplied.insert(path.to_path_buf());
        }
        Ok(outcome)
    }

    /// Renders `pages` in each language and checks them. The diagnostics located in `files`
    /// are replaced by `fresh` (the checks of what was read again); the others hold. If the
    /// site is good, the new version's files are the rendered pages and `generated`.
    fn render_pages(
        &mut self,
        site: &Site,
        live: &Arc<LivePages>,
        pages: &[NodeId],
        files: &[PathBuf],
        fresh: Vec<Diagnostic>,
        generated: Vec<OutputFile>,
    ) -> Outcome {
        let links = LinkIndex::default();
        let mut rendered = Rendered::default();
        for file in generated {
            rendered.take(file, &links, live);
        }
        rendered.append(render_again(site, live, pages, &links));
        // What was read or rendered again is checked again.
        let checked_again = |file: &Path| {
            files.iter().any(|f| f == file)
                || rendered
                    .digests
                    .iter()
                    .any(|(path, _)| Path::new(path) == file)
        };
        let mut diags: Vec<Diagnostic> = self
            .diagnostics
            .iter()
            .filter(|d| {
                // Missing translations are found when the tree is read, not by the page checks.
                d.code == "W0101" || !d.location.as_ref().is_some_and(|l| checked_again(&l.file))
            })
            .cloned()
            .collect();
        diags.extend(fresh);
        diags.append(&mut rendered.problems);
        let mut diags = Diagnostics { items: diags };
        if diags.error_count() == 0 {
            diags.extend(
                links
                    .broken_against(&self.targets)
                    .iter()
                    .map(|b| b.diagnostic()),
            );
        }
        diags.sort();
        self.diagnostics = diags.items.clone();
        if diags.error_count() > 0 {
            return Outcome::Failed(diags);
        }
        self.unapplied.clear();
        self.targets.update(links.into_targets());
        let changed = self.keep(rendered.digests, rendered.kept);
        if !changed.is_empty() {
            self.editions_out_of_date();
        }
        Outcome::Built {
            served: self.served().expect("the caller holds the model"),
            changed,
            rendered: pages.len() * site.sources.config.languages.len(),
            diagnostics: diags,
            incremental: true,
        }
    }

    /// Notes the digests of a rebuild's files and puts `kept` (those that are not pages) into
    /// a new store; returns the paths whose bytes changed.
    fn keep(&mut self, digests: Vec<(String, u64)>, kept: Vec<OutputFile>) -> Vec<String> {
        let mut changed = Vec::new();
        for (path, new) in digests {
            if self.digests.insert(path.clone(), new) != Some(new) {
                changed.push(path);
            }
        }
        if !kept.is_empty() {
            let copy = self.store.copy();
            for file in &kept {
                // A memory store never refuses a file.
                let _ = copy.put(file);
            }
            self.store = Arc::new(copy);
        }
        changed
    }

    /// The print editions hold every page: once one changed, they are out of date until a
    /// reader asks for one, and the store no longer holds them.
    fn editions_out_of_date(&mut self) {
        self.print_stale = true;
        if self.editions.iter().any(|p| self.store.contains(p)) {
            let copy = self.store.copy();
            for path in &self.editions {
                copy.remove(path);
            }
            self.store = Arc::new(copy);
        }
    }

    /// The files the last good version does not hold until [`Builder::deferred`] runs: the
    /// print editions, after a full rebuild or after an incremental rebuild changed a page.
    pub fn stale(&self) -> Vec<String> {
        if self.print_stale {
            self.editions.clone()
        } else {
            Vec::new()
        }
    }

    /// Renders the print editions from the last good model, if the store does not hold them.
    /// Their problems (`[print] sections`, side-by-side structure) replace the ones of their
    /// last rendering.
    pub fn deferred(&mut self) -> Option<Outcome> {
        if self.stale().is_empty() {
            return None;
        }
        let live = self.live.clone()?;
        let sink = Collect::default();
        let fresh = crate::output::editions::render_alone(&live.read(), &sink);
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
        let digests = files
            .iter()
            .map(|f| (f.path.clone(), digest(&f.bytes)))
            .collect();
        let changed = self.keep(digests, files);
        Some(Outcome::Built {
            served: self.served()?,
            changed,
            rendered: self.editions.len(),
            diagnostics: diags,
            incremental: true,
        })
    }
}

/// What rendering pages again gives: a digest of each file, the files that are not pages
/// (the pages themselves are rendered again when asked for), and the problems met.
#[derive(Default)]
struct Rendered {
    digests: Vec<(String, u64)>,
    kept: Vec<OutputFile>,
    problems: Vec<Diagnostic>,
}

impl Rendered {
    /// Notes `file`, its links into `links`, and keeps it unless it is a page.
    fn take(&mut self, file: OutputFile, links: &LinkIndex, live: &LivePages) {
        links.add(&file);
        self.digests.push((file.path.clone(), digest(&file.bytes)));
        if !live.contains(&file.path) {
            self.kept.push(file);
        }
    }

    fn append(&mut self, mut other: Rendered) {
        self.digests.append(&mut other.digests);
        self.kept.append(&mut other.kept);
        self.problems.append(&mut other.problems);
    }
}

/// Renders `pages` in each language, in parallel (an edit to a trial file renders every page
/// that shows its data), each page's HTML dropped once read.
fn render_again(site: &Site, live: &LivePages, pages: &[NodeId], links: &LinkIndex) -> Rendered {
    let languages = site.sources.config.language_codes();
    let jobs: Vec<(NodeId, &str)> = pages
        .iter()
        .flat_map(|&id| languages.iter().map(move |&lang| (id, lang)))
        .collect();
    jobs.par_iter()
        .map(|&(id, lang)| {
            let mut one = Rendered::default();
            match crate::output::web::render_page(site, id, lang) {
                Ok(files) => files.into_iter().for_each(|f| one.take(f, links, live)),
                Err(d) => one.problems.push(d),
            }
            one
        })
        .reduce(Rendered::default, |mut a, b| {
            a.append(b);
            a
        })
}

/// The codes the print editions report (see `output::handout`, `output::parallel`).
const PRINT_CODES: &[&str] = &["E0601", "W0601"];

/// The page and language of each Markdown file of `site`.
fn translation_files(site: &Site) -> HashMap<PathBuf, (NodeId, String)> {
    site.sources
        .tree
        .nodes
        .iter()
        .enumerate()
        .flat_map(|(id, node)| {
            node.translations
                .iter()
                .map(move |(lang, t)| (t.source.path.clone(), (id, lang.clone())))
        })
        .collect()
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

/// Paths added, removed or changed between two builds' digests.
fn changed_digests(old: &HashMap<String, u64>, new: &HashMap<String, u64>) -> Vec<String> {
    let mut changed: Vec<String> = new
        .iter()
        .filter(|(path, digest)| old.get(*path) != Some(*digest))
        .map(|(path, _)| path.clone())
        .collect();
    changed.extend(old.keys().filter(|p| !new.contains_key(*p)).cloned());
    changed.sort();
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
