//! Stage 3, the site model: everything every output renders from, resolved once.
//!
//! [`Sources`] is the site as read: configuration, content tree (with the generated pages
//! added), templates, strings, trial data, bibliography, glossary. [`Site`] adds what only the
//! whole site knows: each page's anchors, citations and trial mentions (a first Markdown pass
//! without HTML), the review-wide citation numbers, which pages discuss each trial, and the
//! reading order. Renderers take a `&Site` and one page; none of them reads a file.

pub mod generated;
pub mod replace;
pub mod translation;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::cite::bibliography::Bibliography;
use crate::cite::numbering::Citations;
use crate::diagnostics::{Diagnostic, Diagnostics, Failed, Location};
use crate::markup::facts;
use crate::markup::glossary::Glossary;
use crate::markup::markdown::{self, PageEnv, RenderedMarkdown};
use crate::markup::mentions::Mentions;
use crate::source::config::Config;
use crate::source::content::{ContentTree, Node, NodeId};
use crate::source::i18n::{self, Strings};
use crate::source::templates::Templates;
use crate::source::theme::ThemeFile;
use crate::trials::data::TrialData;
use crate::trials::datarefs::DataEnv;

/// The site as read from disk and validated, with the generated pages in its tree.
pub struct Sources {
    pub root: PathBuf,
    pub config: Config,
    pub tree: ContentTree,
    pub templates: Templates,
    pub strings: BTreeMap<String, Strings>,
    /// Ids of every trial, for links from the Markdown.
    pub trials: HashSet<String>,
    pub data: TrialData,
    pub bibliography: Bibliography,
    pub glossary: Glossary,
    /// The site's `theme/` files, which add to or replace the built-in theme.
    pub theme: Vec<ThemeFile>,
    /// Pages rendered only to be checked (`check`): what the checks read of a page's body are
    /// its links, ids and structure, so the first pass, in its one parse of each page, also
    /// renders the body without its prose and keeps that (a fraction of the body's size) for
    /// the render; code is escaped, not highlighted (code holds no links, and highlighting is
    /// the costliest part of rendering a page).
    pub for_check: bool,
}

impl Sources {
    pub fn content_dir(&self) -> PathBuf {
        self.root.join(&self.config.content_dir)
    }
}

/// Markdown of every (page, language) that has a source: what the page says (anchors,
/// citations, trial mentions, glossary terms), without its HTML.
pub type PageFacts = HashMap<(NodeId, String), RenderedMarkdown>;

/// Trial id → the content pages (page, language) that mention it, for "Discussed in".
pub type Backlinks = HashMap<String, Vec<(NodeId, String)>>;

/// The resolved site: [`Sources`] plus everything that needs every page at once.
pub struct Site {
    pub sources: Sources,
    /// Content key of every page (`her2-negative.md`) → its URL path, for `@/` links.
    keys: HashMap<String, String>,
    mentions: Mentions,
    pub pages: PageFacts,
    pub citations: Citations,
    pub discussed: Backlinks,
    /// Every page in reading order (the order of previous/next).
    pub order: Vec<NodeId>,
    /// Each page's place in `order`, by page id (`None` for pages not in it).
    positions: Vec<Option<usize>>,
}

/// Reads and validates a site. Fails on the first stage that cannot go on (bad config).
pub fn load(
    root: &Path,
    base_url: Option<&str>,
    diags: &mut Diagnostics,
) -> Result<Sources, Failed> {
    load_with_drafts(root, base_url, false, diags)
}

/// [`load`], with the pages marked `draft = true` in the tree when `drafts` is set (the dev
/// server's `--drafts`; `build` never publishes a draft).
pub fn load_with_drafts(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
    diags: &mut Diagnostics,
) -> Result<Sources, Failed> {
    let mut config = Config::load(root)?;
    if let Some(url) = base_url {
        config.base_url = url.to_string();
    }
    let content_dir = root.join(&config.content_dir);
    if !content_dir.is_dir() {
        return Err(Diagnostic::error(
            "E0004",
            format!("content folder `{}` does not exist", content_dir.display()),
        )
        .hint("create it, or set `content_dir` in evidoc.toml")
        .into());
    }
    let languages = config.language_codes();
    let mut tree = crate::source::load::load_content(&config, &content_dir, drafts, diags);
    report_missing_translations(&config, &tree, diags);
    let data = crate::trials::data::load_trial_data(&content_dir, &languages, diags);
    let templates = Templates::load(&root.join("templates"))?;
    let strings = config
        .languages
        .iter()
        .map(|l| (l.code.clone(), i18n::strings(&l.code, &l.strings)))
        .collect();
    let bibliography =
        crate::cite::bibliography::load_bibliography(&content_dir, &languages, diags);
    let glossary = crate::markup::glossary::load_glossary(&content_dir, &languages, diags);
    generated::add_generated_pages(&mut tree, &data, &bibliography, &glossary, &strings);
    let theme = crate::source::theme::load_theme(root, diags);
    Ok(Sources {
        root: root.to_path_buf(),
        trials: data.ids(),
        config,
        tree,
        templates,
        strings,
        data,
        bibliography,
        glossary,
        theme,
        for_check: false,
    })
}

/// A page written in some languages but not all: a warning (an error with `--strict`).
fn report_missing_translations(config: &Config, tree: &ContentTree, diags: &mut Diagnostics) {
    for node in &tree.nodes {
        let Some(present) = node.translations.values().next() else {
            continue;
        };
        for lang in config.language_codes() {
            if !node.translations.contains_key(lang) {
                let stem = present
                    .source
                    .path
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let wanted =
                    stem.replacen(&format!(".{}.md", present.lang), &format!(".{lang}.md"), 1);
                diags.push(
                    Diagnostic::warning("W0101", format!("page has no `{lang}` translation"))
                        .at(Location::file(&present.source.path))
                        .hint(format!("add `{wanted}` next to it; until then readers of `{lang}` see a page that links to the other languages")),
                );
            }
        }
    }
}

/// What the first pass hands each page to, with what each of its languages states: the content
/// checks, which the build stages do not import (the caller passes them in). Their problems
/// are reported with the first pass's; the page's facts are dropped as soon as they return.
pub type PageCheck<'a> =
    &'a (dyn Fn(&Sources, &Node, &BTreeMap<&str, facts::PageFacts>) -> Vec<Diagnostic> + Sync);

impl Site {
    /// Resolves a site: reads every page's Markdown once (without HTML), checks links to
    /// headings on other pages, numbers the citations and collects the trial back-links.
    pub fn resolve(sources: Sources, diags: &mut Diagnostics) -> Site {
        Self::resolve_checked(sources, diags, &|_, _, _| Vec::new())
    }

    /// [`Site::resolve`], with `check` run on each page as the first pass reads it.
    pub fn resolve_checked(sources: Sources, diags: &mut Diagnostics, check: PageCheck) -> Site {
        let order = sources.tree.reading_order();
        let mut positions = vec![None; sources.tree.nodes.len()];
        for (place, &id) in order.iter().enumerate() {
            positions[id] = Some(place);
        }
        let mut site = Site {
            keys: page_keys(&sources.tree),
            mentions: Mentions::new(&sources.data.names(), &sources.glossary),
            order,
            positions,
            sources,
            pages: PageFacts::new(),
            citations: Citations::default(),
            discussed: Backlinks::new(),
        };
        site.pages =
            crate::diagnostics::timing::stage("markdown first pass and content checks", || {
                site.first_pass(diags, check)
            });
        site.check_anchor_links(diags);
        let s = &site.sources;
        let languages = s.config.language_codes();
        site.citations = crate::diagnostics::timing::stage("number citations", || {
            crate::cite::numbering::collect(
                &s.tree,
                &site.order,
                &languages,
                &s.bibliography,
                &site.pages,
                diags,
            )
        });
        crate::cite::numbering::check_source_refs(&s.data, &s.bibliography, &site.citations, diags);
        site.discussed = site.trial_backlinks();
        site
    }

    /// Renders one page's Markdown: without HTML for the first pass, with HTML when the page
    /// itself is rendered (so no page's HTML waits in memory for the others).
    pub fn markdown(&self, id: NodeId, lang: &str, html: bool) -> RenderedMarkdown {
        let s = &self.sources;
        let node = &s.tree.nodes[id];
        let t = &node.translations[lang];
        let strings = &s.strings[lang];
        let label = |kind: &str| {
            strings
                .get(kind)
                .cloned()
                .unwrap_or_else(|| kind.to_string())
        };
        let root = root_prefix(&node.output_path(lang));
        let data_env = DataEnv {
            data: &s.data,
            lang,
            strings,
            root: &root,
        };
        let shortcode = |sc: &crate::markup::shortcodes::Shortcode, counter: &mut usize| {
            crate::trials::datarefs::call(sc, &data_env, counter)
        };
        let env = PageEnv {
            lang,
            root: &root,
            pages: &self.keys,
            trials: &s.trials,
            alert_label: &label,
            shortcode: &shortcode,
            glossary: &s.glossary,
            mentions: &self.mentions,
            html,
            skeleton: !html && s.for_check,
            highlight: !s.for_check,
            // The first pass found them in the same text (an edit replaces both).
            code_spans: html
                .then(|| self.pages.get(&(id, lang.to_string())))
                .flatten()
                .map(|first| first.code_spans.as_slice()),
        };
        markdown::render(&t.source.path, &t.source.text, t.source.body_start, &env)
    }

    /// The body that the first pass rendered of page `id` in `lang`, without its prose, when
    /// the site is rendered only to be checked (see [`Sources::for_check`]).
    pub fn checked_body(&self, id: NodeId, lang: &str) -> Option<&RenderedMarkdown> {
        self.sources
            .for_check
            .then(|| self.pages.get(&(id, lang.to_string())))
            .flatten()
    }

    /// The page with this content key (`her2-negative.md`, `trials/keynote-859`).
    pub fn page(&self, key: &str) -> Option<NodeId> {
        self.sources.tree.nodes.iter().position(|n| n.key == key)
    }

    /// Where `id` stands in the reading order (a lookup: every page asks, in a full build).
    pub fn position(&self, id: NodeId) -> Option<usize> {
        self.positions.get(id).copied().flatten()
    }

    fn first_pass(&self, diags: &mut Diagnostics, check: PageCheck) -> PageFacts {
        let nodes = &self.sources.tree.nodes;
        let results: Vec<(NodeId, Vec<RenderedMarkdown>, Vec<Diagnostic>)> = nodes
            .par_iter()
            .enumerate()
            .map(|(id, node)| {
                let mut mds: Vec<RenderedMarkdown> = node
                    .translations
                    .keys()
                    .map(|lang| self.markdown(id, lang, false))
                    .collect();
                let facts: BTreeMap<&str, facts::PageFacts> = node
                    .translations
                    .keys()
                    .zip(mds.iter_mut())
                    .filter_map(|(lang, md)| Some((lang.as_str(), md.facts.take()?)))
                    .collect();
                let problems = check(&self.sources, node, &facts);
                (id, mds, problems)
            })
            .collect();
        let mut pages = PageFacts::new();
        for (id, mds, problems) in results {
            for (lang, mut md) in nodes[id].translations.keys().zip(mds) {
                diags.extend(std::mem::take(&mut md.diagnostics));
                pages.insert((id, lang.clone()), md);
            }
            diags.extend(problems);
        }
        pages
    }

    /// Every `@/page.md#anchor` link must name an anchor that exists on that page, in that language.
    fn check_anchor_links(&self, diags: &mut Diagnostics) {
        let by_key: HashMap<&str, NodeId> = self
            .sources
            .tree
            .nodes
            .iter()
            .enumerate()
            .map(|(id, n)| (n.key.as_str(), id))
            .collect();
        for ((id, lang), md) in &self.pages {
            let file = self.sources.tree.file(*id, lang);
            for link in &md.anchor_links {
                let Some(&target) = by_key.get(link.target_key.as_str()) else {
                    continue;
                };
                let target_md = self.pages.get(&(target, lang.clone())).or_else(|| {
                    self.pages
                        .iter()
                        .find(|((id, _), _)| *id == target)
                        .map(|(_, m)| m)
                });
                if let Some(target_md) = target_md {
                    if !target_md.anchors.contains(&link.anchor) {
                        let mut known: Vec<_> =
                            target_md.anchors.iter().map(String::as_str).collect();
                        known.sort_unstable();
                        let mut d = Diagnostic::error(
                            "E0302",
                            format!(
                                "link to a missing heading `#{}` on `@/{}`",
                                link.anchor, link.target_key
                            ),
                        )
                        .hint(format!("anchors on that page: {}", known.join(", ")));
                        d.location = file.as_ref().map(|f| f.locate(link.span));
                        diags.push(d);
                    }
                }
            }
        }
    }

    fn trial_backlinks(&self) -> Backlinks {
        let mut links = Backlinks::new();
        for &id in &self.order {
            for lang in self.sources.config.language_codes() {
                let Some(md) = self.pages.get(&(id, lang.to_string())) else {
                    continue;
                };
                for trial in &md.trials {
                    let entry = links.entry(trial.clone()).or_default();
                    // Pages are visited one at a time, so this page is already listed only if
                    // it was the last one added (no scan of every page that mentions the trial).
                    if entry.last().is_none_or(|(i, l)| *i != id || l != lang) {
                        entry.push((id, lang.to_string()));
                    }
                }
            }
        }
        links
    }
}

/// Relative prefix from a file at `path` (relative to the output root) back to the root.
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

fn page_keys(tree: &ContentTree) -> HashMap<String, String> {
    tree.nodes
        .iter()
        .map(|n| (n.key.clone(), n.url_path.clone()))
        .collect()
}
