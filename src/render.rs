//! Rendering: content model + rendered Markdown → output files (path, bytes). Writes nothing.
//!
//! Pure with respect to the file system: the writer (`write.rs`) puts the result on disk, so the
//! same function serves `build`, `check` (which discards it) and, later, an in-memory dev server.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::content::{ContentTree, Node, NodeId, NodeKind};
use crate::data::TrialData;
use crate::datarefs::DataEnv;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Strings;
use crate::linkcheck::LinkIndex;
use crate::markdown::{self, PageEnv, RenderedMarkdown};
use crate::tables::Table;
use crate::templates::Templates;
use crate::views::*;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What rendering needs: the loaded, validated site.
pub struct SiteInput<'a> {
    pub config: &'a Config,
    pub root: &'a Path,
    pub tree: &'a ContentTree,
    pub templates: &'a Templates,
    pub strings: &'a BTreeMap<String, Strings>,
    pub trials: &'a HashSet<String>,
    pub data: &'a TrialData,
    pub bibliography: &'a crate::bibliography::Bibliography,
    pub glossary: &'a crate::glossary::Glossary,
}

/// Markdown of every (node, language) that has a source, rendered once.
type RenderedPages = HashMap<(NodeId, String), RenderedMarkdown>;

/// Where rendered files go as soon as they exist: the build writes them to its staging folder,
/// `check` drops them. Handing files over one by one keeps memory flat for large sites.
pub trait Sink: Sync {
    fn put(&self, file: &OutputFile) -> Result<(), Diagnostic>;
}

/// Discards files (for `check`).
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: &OutputFile) -> Result<(), Diagnostic> {
        Ok(())
    }
}

/// Renders every page and generated file into `sink`; returns what the link check needs.
pub fn render_site(input: &SiteInput, diags: &mut Diagnostics, sink: &dyn Sink) -> LinkIndex {
    let context = MarkdownContext {
        keys: page_keys(input.tree),
        mentions: crate::mentions::Mentions::new(&input.data.names(), input.glossary),
    };
    let rendered = crate::timing::stage("markdown first pass", || {
        render_markdown(input, &context, diags)
    });
    check_anchor_links(input, &rendered, diags);
    let citations = crate::timing::stage("number citations", || {
        crate::cite::collect(input, &rendered, diags)
    });
    crate::cite::check_source_refs(input, &citations, diags);
    let links = LinkIndex::default();
    let pages = Pages {
        input,
        rendered: &rendered,
        context: &context,
        citations: &citations,
    };
    crate::timing::stage("render and write pages", || {
        render_pages(&pages, diags, sink, &links)
    });
    let generated = crate::timing::stage("generated files", || {
        crate::site_files::generated_files(input, diags)
    });
    for file in generated {
        match sink.put(&file) {
            Ok(()) => links.add(&file),
            Err(d) => diags.push(d),
        }
    }
    links
}

/// Everything rendering pages needs from the whole site.
struct Pages<'a> {
    input: &'a SiteInput<'a>,
    rendered: &'a RenderedPages,
    context: &'a MarkdownContext,
    citations: &'a crate::cite::Citations,
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

fn render_markdown(
    input: &SiteInput,
    context: &MarkdownContext,
    diags: &mut Diagnostics,
) -> RenderedPages {
    let jobs: Vec<(NodeId, &str)> = input
        .tree
        .nodes
        .iter()
        .enumerate()
        .flat_map(|(id, n)| n.translations.keys().map(move |lang| (id, lang.as_str())))
        .collect();
    let results: Vec<((NodeId, String), RenderedMarkdown)> = jobs
        .par_iter()
        .map(|&(id, lang)| {
            (
                (id, lang.to_string()),
                markdown_for(input, context, id, lang, false),
            )
        })
        .collect();
    let mut rendered = RenderedPages::new();
    for (key, mut md) in results {
        diags.extend(std::mem::take(&mut md.diagnostics));
        rendered.insert(key, md);
    }
    rendered
}

/// Site-wide lookups every page's Markdown needs.
struct MarkdownContext {
    keys: HashMap<String, String>,
    mentions: crate::mentions::Mentions,
}

/// Renders one page's Markdown: without HTML for the first pass over the site, with HTML when
/// the page itself is rendered (so no page's HTML waits in memory for the others).
fn markdown_for(
    input: &SiteInput,
    context: &MarkdownContext,
    id: NodeId,
    lang: &str,
    html: bool,
) -> RenderedMarkdown {
    let node = &input.tree.nodes[id];
    let t = &node.translations[lang];
    let strings = &input.strings[lang];
    let label = |kind: &str| {
        strings
            .get(kind)
            .cloned()
            .unwrap_or_else(|| kind.to_string())
    };
    let root = root_prefix(&node.output_path(lang));
    let data_env = DataEnv {
        data: input.data,
        lang,
        strings,
        root: &root,
    };
    let shortcode = |sc: &crate::shortcodes::Shortcode, counter: &mut usize| {
        crate::datarefs::call(sc, &data_env, counter)
    };
    let env = PageEnv {
        lang,
        root: &root,
        pages: &context.keys,
        trials: input.trials,
        alert_label: &label,
        shortcode: &shortcode,
        glossary: input.glossary,
        mentions: &context.mentions,
        html,
    };
    markdown::render(&t.source.path, &t.source.text, t.source.body_start, &env)
}

/// Every `@/page.md#anchor` link must name an anchor that exists on that page, in that language.
fn check_anchor_links(input: &SiteInput, rendered: &RenderedPages, diags: &mut Diagnostics) {
    let by_key: HashMap<&str, NodeId> = input
        .tree
        .nodes
        .iter()
        .enumerate()
        .map(|(id, n)| (n.key.as_str(), id))
        .collect();
    for ((_, lang), md) in rendered {
        for link in &md.anchor_links {
            let Some(&target) = by_key.get(link.target_key.as_str()) else {
                continue;
            };
            let target_md = rendered.get(&(target, lang.clone())).or_else(|| {
                rendered
                    .iter()
                    .find(|((id, _), _)| *id == target)
                    .map(|(_, m)| m)
            });
            if let Some(target_md) = target_md {
                if !target_md.anchors.contains(&link.anchor) {
                    let mut known: Vec<_> = target_md.anchors.iter().map(String::as_str).collect();
                    known.sort_unstable();
                    diags.push(
                        Diagnostic::error(
                            "E0302",
                            format!(
                                "link to a missing heading `#{}` on `@/{}`",
                                link.anchor, link.target_key
                            ),
                        )
                        .at(link.location.clone())
                        .hint(format!("anchors on that page: {}", known.join(", "))),
                    );
                }
            }
        }
    }
}

fn render_pages(pages: &Pages, diags: &mut Diagnostics, sink: &dyn Sink, links: &LinkIndex) {
    let input = pages.input;
    let order = input.tree.reading_order();
    let discussed = trial_backlinks(input, pages.rendered);
    let jobs: Vec<(usize, &str)> = (0..order.len())
        .flat_map(|i| {
            input
                .config
                .languages
                .iter()
                .map(move |l| (i, l.code.as_str()))
        })
        .collect();
    let errors: Vec<Diagnostic> = jobs
        .par_iter()
        .filter_map(|&(position, lang)| {
            let pager = Pager {
                order: &order,
                position,
            };
            let page = Page {
                pages,
                discussed: &discussed,
                id: order[position],
                lang,
            };
            let result = render_node(&page, &pager).and_then(|files| {
                files.iter().try_for_each(|f| {
                    sink.put(f)?;
                    links.add(f);
                    Ok(())
                })
            });
            result.err()
        })
        .collect();
    diags.extend(errors);
}

/// Trial id → the content pages (node, language) that mention it, for "Discussed in".
type Backlinks = HashMap<String, Vec<(NodeId, String)>>;

fn trial_backlinks(input: &SiteInput, rendered: &RenderedPages) -> Backlinks {
    let mut links = Backlinks::new();
    for id in input.tree.reading_order() {
        for lang in input.config.language_codes() {
            let Some(md) = rendered.get(&(id, lang.to_string())) else {
                continue;
            };
            for trial in &md.trials {
                let entry = links.entry(trial.clone()).or_default();
                // Pages are visited one at a time, so this page is already listed only if it
                // was the last one added (no scan of every page that mentions the trial).
                if entry.last().is_none_or(|(i, l)| *i != id || l != lang) {
                    entry.push((id, lang.to_string()));
                }
            }
        }
    }
    links
}

/// One (node, language) to render, with what the whole site contributes.
struct Page<'a> {
    pages: &'a Pages<'a>,
    discussed: &'a Backlinks,
    id: NodeId,
    lang: &'a str,
}

/// Glossary term → the pages (in this language) that mark it up.
fn term_backlinks(page: &Page, root: &str) -> BTreeMap<String, Vec<Link>> {
    let mut used_on: BTreeMap<String, Vec<Link>> = BTreeMap::new();
    for id in page.pages.input.tree.reading_order() {
        if let Some(md) = page.pages.rendered.get(&(id, page.lang.to_string())) {
            for term in &md.terms {
                used_on.entry(term.clone()).or_default().push(link_to(
                    page.pages.input.tree,
                    id,
                    page.lang,
                    root,
                ));
            }
        }
    }
    used_on
}

/// A page's body: from Markdown, or generated from data.
struct Body<'a> {
    html: String,
    toc: std::borrow::Cow<'a, [crate::markdown::TocEntry]>,
    tables: std::borrow::Cow<'a, [Table]>,
}

fn page_body<'a>(page: &Page<'a>, root: &str) -> Option<Body<'a>> {
    let node = &page.pages.input.tree.nodes[page.id];
    let strings = &page.pages.input.strings[page.lang];
    let env = DataEnv {
        data: page.pages.input.data,
        lang: page.lang,
        strings,
        root,
    };
    let generated = match node.kind {
        NodeKind::Trial => {
            let trial_id = node.key.trim_start_matches("trials/");
            let discussed: Vec<Link> = page
                .discussed
                .get(trial_id)
                .into_iter()
                .flatten()
                .filter(|(_, lang)| lang == page.lang)
                .map(|(n, _)| link_to(page.pages.input.tree, *n, page.lang, root))
                .collect();
            crate::trial_pages::trial_body(page.pages.input.data, trial_id, &env, &discussed)
        }
        NodeKind::TrialIndex => crate::trial_pages::trials_index_body(page.pages.input.data, &env),
        NodeKind::References => {
            crate::cite::references_body(page.pages.input, page.pages.citations, page.lang, root)
        }
        NodeKind::SourceNotes => source_notes(page, root),
        NodeKind::Glossary => {
            let used_on = term_backlinks(page, root);
            crate::trial_pages::GeneratedBody::from_html(crate::glossary::glossary_body(
                page.pages.input.glossary,
                page.lang,
                &used_on,
            ))
        }
        _ => {
            if !page
                .pages
                .rendered
                .contains_key(&(page.id, page.lang.to_string()))
            {
                return None;
            }
            let md = markdown_for(
                page.pages.input,
                page.pages.context,
                page.id,
                page.lang,
                true,
            );
            return Some(Body {
                html: crate::cite::replace_markers(&md.html, page.pages.citations, root, page.lang),
                toc: md.toc.into(),
                tables: md.tables.into(),
            });
        }
    };
    Some(Body {
        html: crate::cite::replace_markers(&generated.html, page.pages.citations, root, page.lang),
        toc: generated.toc.into(),
        tables: generated.tables.into(),
    })
}

/// The "Notes on the source" page, from the note boxes of every page written in Markdown (in
/// reading order) and the notes of the trial data.
fn source_notes(page: &Page, root: &str) -> crate::trial_pages::GeneratedBody {
    let input = page.pages.input;
    let strings = &input.strings[page.lang];
    let prefixes: Vec<&str> = strings["source_note_prefixes"].split('|').collect();
    let mut sections = Vec::new();
    for id in input.tree.reading_order() {
        let node = &input.tree.nodes[id];
        if node.is_generated() || !node.translations.contains_key(page.lang) {
            continue;
        }
        let md = markdown_for(input, page.pages.context, id, page.lang, true);
        let section = crate::source_notes::SectionPage {
            title: node.title(page.lang),
            href: format!("{root}{}", node.output_path(page.lang)),
            html: &md.html,
        };
        sections.extend(crate::source_notes::section_notes(&section, &prefixes));
    }
    let trials = crate::source_notes::trial_notes(input.data, page.lang, root);
    crate::source_notes::source_notes_body(&sections, &trials, strings)
}

struct Pager<'a> {
    order: &'a [NodeId],
    position: usize,
}

fn render_node(page: &Page, pager: &Pager) -> Result<Vec<OutputFile>, Diagnostic> {
    let (input, id, lang) = (page.pages.input, page.id, page.lang);
    let citations = page.pages.citations;
    let node = &input.tree.nodes[id];
    let path = node.output_path(lang);
    let root = root_prefix(&path);
    let body = page_body(page, &root);
    let (kind, template) = match (body.is_some(), node.kind) {
        (false, _) => ("missing", "missing.html"),
        (true, NodeKind::Home) => ("home", "home.html"),
        (true, NodeKind::Section) => ("section", "section.html"),
        (true, NodeKind::Page) => ("page", "page.html"),
        (true, NodeKind::TrialIndex) => ("trials", "trials.html"),
        (true, NodeKind::Trial) => ("trial", "trial.html"),
        (true, NodeKind::References) => ("references", "references.html"),
        (true, NodeKind::Glossary) => ("glossary", "glossary.html"),
        (true, NodeKind::SourceNotes) => ("source-notes", "page.html"),
    };
    let content = body.as_ref().map(|b| b.html.as_str()).unwrap_or_default();
    let translation = node.translations.get(lang);
    let page = PageView {
        kind,
        title: node.title(lang),
        summary: translation.and_then(|t| t.front.summary.as_deref()),
        content,
        toc: body.as_ref().map_or(&[][..], |b| &b.toc[..]),
        url: absolute_url(input.config, &format!("{lang}/{}", node.url_path)),
        children: node
            .children
            .iter()
            .map(|&c| link_to(input.tree, c, lang, &root))
            .collect(),
        source_file: translation
            .map(|t| {
                t.source
                    .path
                    .strip_prefix(input.root)
                    .unwrap_or(&t.source.path)
                    .display()
                    .to_string()
            })
            .unwrap_or_default(),
        stale_source: stale_source(input, node, lang),
    };
    let neighbour = |i: Option<usize>| {
        i.and_then(|i| pager.order.get(i))
            .map(|&n| link_to(input.tree, n, lang, &root))
    };
    let context = PageContext {
        site: site_view(input.config, lang),
        lang: language_view(input.config, lang),
        page,
        translations: translations(input, node, lang, &root),
        nav: navigation(input.tree, id, lang, &root),
        prev: neighbour(pager.position.checked_sub(1)),
        next: neighbour(Some(pager.position + 1)),
        home_href: format!("{root}{lang}/index.html"),
        contents_href: format!("{root}{lang}/contents/index.html"),
        t: &input.strings[lang],
        root,
    };
    let template = match translation.and_then(|t| t.front.template.as_deref()) {
        Some(custom) if !input.templates.has(custom) => {
            let t = translation.expect("custom template comes from a translation");
            let offset = t.source.text.find(custom).unwrap_or(0);
            return Err(
                Diagnostic::error("E0203", format!("template `{custom}` does not exist"))
                    .at(crate::diagnostics::Location::at_offset(
                        &t.source.path,
                        &t.source.text,
                        offset,
                        custom.len(),
                    ))
                    .hint(format!(
                        "add templates/{custom} to the site, or remove `template` to use {template}"
                    )),
            );
        }
        Some(custom) => custom,
        None => template,
    };
    let html = render_template(input.templates, template, &context)?;
    let dir = format!("{lang}/{}", node.url_path);
    let mut files = vec![OutputFile {
        path,
        bytes: html.into_bytes(),
    }];
    for table in body.iter().flat_map(|b| b.tables.iter()) {
        files.push(OutputFile {
            path: format!("{dir}{}.csv", table.id),
            bytes: crate::cite::plain_refs(&table.to_csv(), citations).into_bytes(),
        });
    }
    Ok(files)
}

/// The source language's name when this translation is older than its source.
fn stale_source<'a>(input: &'a SiteInput, node: &Node, lang: &str) -> Option<&'a str> {
    let source = input.config.default_language.as_str();
    (crate::check::translation_state(node, lang, source) == crate::check::TranslationState::Stale)
        .then(|| input.config.language(source).map(|l| l.name.as_str()))
        .flatten()
}

pub fn render_template<T: Serialize>(
    templates: &Templates,
    name: &str,
    context: &T,
) -> Result<String, Diagnostic> {
    let ctx =
        tera::Context::from_serialize(context).map_err(|e| templates.diagnostic(&e, "E0202"))?;
    templates
        .tera
        .render(name, &ctx)
        .map_err(|e| templates.diagnostic(&e, "E0202"))
}

pub fn site_view<'a>(config: &'a Config, lang: &str) -> SiteView<'a> {
    let l = config
        .language(lang)
        .expect("rendering only configured languages");
    SiteView {
        title: &l.title,
        description: &l.description,
        base_url: &config.base_url,
        default_language: &config.default_language,
        credit: config.credit.get(lang).map(String::as_str),
    }
}

pub fn language_view<'a>(config: &'a Config, lang: &str) -> LanguageView<'a> {
    let l = config
        .language(lang)
        .expect("rendering only configured languages");
    LanguageView {
        code: &l.code,
        name: &l.name,
    }
}

pub fn absolute_url(config: &Config, path: &str) -> String {
    format!("{}{}", config.base_url_slash(), path)
}

fn link_to(tree: &ContentTree, id: NodeId, lang: &str, root: &str) -> Link {
    let node = &tree.nodes[id];
    Link {
        title: node.title(lang).to_string(),
        href: format!("{root}{}", node.output_path(lang)),
    }
}

fn translations<'a>(
    input: &'a SiteInput,
    node: &Node,
    current: &str,
    root: &str,
) -> Vec<TranslationView<'a>> {
    translation_views(input, &node.url_path, current, root, &|lang| {
        node.available(lang)
    })
}

/// The language switcher and hreflang entries of the page at `url_path` in every language.
pub fn translation_views<'a>(
    input: &'a SiteInput,
    url_path: &str,
    current: &str,
    root: &str,
    available: &dyn Fn(&str) -> bool,
) -> Vec<TranslationView<'a>> {
    input
        .config
        .languages
        .iter()
        .map(|l| TranslationView {
            code: &l.code,
            name: &l.name,
            href: format!("{root}{}/{url_path}index.html", l.code),
            url: absolute_url(input.config, &format!("{}/{url_path}", l.code)),
            current: l.code == current,
            available: available(&l.code),
        })
        .collect()
}

/// The sidebar: every top-level entry, and the children of each ancestor of the current page
/// (its part, chapter, siblings), so a page's size does not grow with the number of pages in
/// the site. The full tree is on the contents page.
fn navigation(tree: &ContentTree, current: NodeId, lang: &str, root: &str) -> Vec<NavItem> {
    let mut path = vec![current];
    while let Some(parent) = tree.nodes[*path.last().unwrap_or(&current)].parent {
        path.push(parent);
    }
    let expand = |id: NodeId| path.contains(&id);
    tree.nodes[ContentTree::ROOT]
        .children
        .iter()
        .map(|&id| nav_item(tree, id, current, lang, root, &expand))
        .collect()
}

fn nav_item(
    tree: &ContentTree,
    id: NodeId,
    current: NodeId,
    lang: &str,
    root: &str,
    expand: &dyn Fn(NodeId) -> bool,
) -> NavItem {
    let link = link_to(tree, id, lang, root);
    let open = expand(id);
    let children = if open {
        tree.nodes[id]
            .children
            .iter()
            .map(|&c| nav_item(tree, c, current, lang, root, expand))
            .collect()
    } else {
        Vec::new()
    };
    NavItem {
        title: link.title,
        href: link.href,
        current: id == current,
        open,
        children,
    }
}

/// The whole tree, for the contents page.
pub fn full_navigation(tree: &ContentTree, lang: &str, root: &str) -> Vec<NavItem> {
    tree.nodes[ContentTree::ROOT]
        .children
        .iter()
        .map(|&id| nav_item(tree, id, usize::MAX, lang, root, &|_| true))
        .collect()
}
