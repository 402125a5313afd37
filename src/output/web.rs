//! The web pages: one HTML file per page per language (with the CSV of each table on it),
//! rendered from the site model through the site's templates.
//!
//! [`render_page`] renders one page of one language on its own; [`WebPages`] renders them all,
//! in parallel, into a sink.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::markup::tables::Table;
use crate::output::editions::{Editions, PageParts};
use crate::output::views::*;
use crate::output::{Output, OutputFile, Sink};
use crate::site::{Site, Sources, root_prefix};
use crate::source::config::Config;
use crate::source::content::{ContentTree, Node, NodeId, NodeKind};
use crate::source::templates::Templates;
use crate::trials::datarefs::DataEnv;

/// Every page of the site in every configured language, and the print editions, which are
/// made of the same page bodies (see [`crate::output::editions`]).
pub struct WebPages;

impl Output for WebPages {
    fn name(&self) -> &'static str {
        "render and write pages"
    }

    fn render(&self, site: &Site, sink: &dyn Sink) -> Vec<Diagnostic> {
        crate::output::editions::stream(site, sink, true, &|editions, id| {
            render_everywhere(site, editions, id, sink)
        })
    }
}

/// Renders page `id` in every language into `sink`, and its part of each edition.
fn render_everywhere(site: &Site, editions: &Editions, id: NodeId, sink: &dyn Sink) -> PageParts {
    let mut problems = Vec::new();
    let mut bodies = Vec::new();
    for lang in site
        .sources
        .config
        .languages
        .iter()
        .map(|l| l.code.as_str())
    {
        let body = match render_page_and_body(site, id, lang) {
            Ok((files, body)) => {
                problems.extend(files.iter().try_for_each(|f| sink.put(f)).err());
                body
            }
            Err(problem) => {
                problems.push(problem);
                None
            }
        };
        bodies.push((lang, body));
    }
    let mut parts = editions.parts(id, &bodies);
    problems.append(&mut parts.problems);
    PageParts { problems, ..parts }
}

/// One (page, language) to render.
struct Page<'a> {
    site: &'a Site,
    id: NodeId,
    lang: &'a str,
}

/// Glossary term → the pages (in this language) that mark it up.
fn term_backlinks(page: &Page, root: &str) -> BTreeMap<String, Vec<Link>> {
    let mut used_on: BTreeMap<String, Vec<Link>> = BTreeMap::new();
    for id in page.site.sources.tree.reading_order() {
        if let Some(md) = page.site.pages.get(&(id, page.lang.to_string())) {
            for term in &md.terms {
                used_on.entry(term.clone()).or_default().push(link_to(
                    &page.site.sources.tree,
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
    toc: std::borrow::Cow<'a, [crate::markup::markdown::TocEntry]>,
    tables: std::borrow::Cow<'a, [Table]>,
}

fn page_body<'a>(page: &Page<'a>, root: &str) -> Option<Body<'a>> {
    let node = &page.site.sources.tree.nodes[page.id];
    let strings = &page.site.sources.strings[page.lang];
    let env = DataEnv {
        data: &page.site.sources.data,
        lang: page.lang,
        strings,
        root,
    };
    let generated = match node.kind {
        NodeKind::Trial => {
            let trial_id = node.key.trim_start_matches("trials/");
            let discussed: Vec<Link> = page
                .site
                .discussed
                .get(trial_id)
                .into_iter()
                .flatten()
                .filter(|(_, lang)| lang == page.lang)
                .map(|(n, _)| link_to(&page.site.sources.tree, *n, page.lang, root))
                .collect();
            crate::output::trial_pages::trial_body(
                &page.site.sources.data,
                trial_id,
                &env,
                &discussed,
            )
        }
        NodeKind::TrialIndex => {
            crate::output::trial_pages::trials_index_body(&page.site.sources.data, &env)
        }
        NodeKind::References => crate::output::references::references_body(
            &page.site.sources,
            &page.site.citations,
            page.lang,
            root,
        ),
        NodeKind::SourceNotes => source_notes(page, root),
        NodeKind::Glossary => {
            let used_on = term_backlinks(page, root);
            crate::output::trial_pages::GeneratedBody::from_html(
                crate::output::glossary_page::glossary_body(
                    &page.site.sources.glossary,
                    page.lang,
                    &used_on,
                ),
            )
        }
        _ => {
            if !has_body(page.site, page.id, page.lang) {
                return None;
            }
            let replace = |html: &str| {
                crate::cite::numbering::replace_markers(html, &page.site.citations, root, page.lang)
            };
            if let Some(md) = page.site.checked_body(page.id, page.lang) {
                return Some(Body {
                    html: replace(&md.html),
                    toc: md.toc[..].into(),
                    tables: md.tables[..].into(),
                });
            }
            let md = page.site.markdown(page.id, page.lang, true);
            return Some(Body {
                html: replace(&md.html),
                toc: md.toc.into(),
                tables: md.tables.into(),
            });
        }
    };
    Some(Body {
        html: crate::cite::numbering::replace_markers(
            &generated.html,
            &page.site.citations,
            root,
            page.lang,
        ),
        toc: generated.toc.into(),
        tables: generated.tables.into(),
    })
}

/// Whether the page has a body in `lang`: a generated page always does, a Markdown page where
/// it is written in that language.
pub fn has_body(site: &Site, id: NodeId, lang: &str) -> bool {
    site.sources.tree.nodes[id].is_generated() || site.pages.contains_key(&(id, lang.to_string()))
}

/// A page's body as its web page shows it (citations numbered, links relative to the page's
/// own path), or `None` where the page has no body in `lang`: for outputs that reuse bodies,
/// such as the print editions.
pub fn page_content(site: &Site, id: NodeId, lang: &str) -> Option<String> {
    let root = root_prefix(&site.sources.tree.nodes[id].output_path(lang));
    page_body(&Page { site, id, lang }, &root).map(|b| b.html)
}

/// The "Notes on the source" page, from the note boxes of every page written in Markdown (in
/// reading order) and the notes of the trial data.
fn source_notes(page: &Page, root: &str) -> crate::output::trial_pages::GeneratedBody {
    let input = &page.site.sources;
    let strings = &input.strings[page.lang];
    let prefixes: Vec<&str> = strings["source_note_prefixes"].split('|').collect();
    let mut sections = Vec::new();
    for &id in &page.site.order {
        let node = &input.tree.nodes[id];
        let facts = page.site.pages.get(&(id, page.lang.to_string()));
        if node.is_generated() || facts.is_none_or(|f| f.note_boxes == 0) {
            continue;
        }
        let md = page.site.markdown(id, page.lang, true);
        let section = crate::output::source_notes::SectionPage {
            title: node.title(page.lang),
            href: format!("{root}{}", node.output_path(page.lang)),
            html: &md.html,
        };
        sections.extend(crate::output::source_notes::section_notes(
            &section, &prefixes,
        ));
    }
    let trials = crate::output::source_notes::trial_notes(&input.data, page.lang, root);
    crate::output::source_notes::source_notes_body(&sections, &trials, strings)
}

/// Renders one page in one language: its HTML file and the CSV file of each table on it. Cheap
/// on its own (only this page's Markdown is rendered), so the dev server can re-render what an
/// edit touched; the files are exactly those of a full build.
pub fn render_page(site: &Site, id: NodeId, lang: &str) -> Result<Vec<OutputFile>, Diagnostic> {
    render_page_and_body(site, id, lang).map(|(files, _)| files)
}

/// [`render_page`], and the page's body (as [`page_content`] gives it) for the print editions.
fn render_page_and_body(
    site: &Site,
    id: NodeId,
    lang: &str,
) -> Result<(Vec<OutputFile>, Option<String>), Diagnostic> {
    let page = &Page { site, id, lang };
    let input = &site.sources;
    let position = site.position(id).unwrap_or(site.order.len());
    let citations = &page.site.citations;
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
        date: translation.and_then(|t| t.front.date.as_deref()),
        extra: translation.map(|t| &t.front.extra),
        content,
        toc: body.as_ref().map_or(&[][..], |b| &b.toc[..]),
        url: absolute_url(&input.config, &format!("{lang}/{}", node.url_path)),
        children: node
            .children
            .iter()
            .map(|&c| link_to(&input.tree, c, lang, &root))
            .collect(),
        source_file: translation
            .map(|t| {
                t.source
                    .path
                    .strip_prefix(&input.root)
                    .unwrap_or(&t.source.path)
                    .display()
                    .to_string()
            })
            .unwrap_or_default(),
        stale_source: stale_source(input, node, lang),
        draft: translation.is_some_and(|t| t.front.draft),
    };
    let neighbour = |i: Option<usize>| {
        i.and_then(|i| site.order.get(i))
            .map(|&n| link_to(&input.tree, n, lang, &root))
    };
    let context = PageContext {
        site: site_view(&input.config, lang),
        lang: language_view(&input.config, lang),
        page,
        translations: translations(input, node, lang, &root),
        nav: navigation(&input.tree, id, lang, &root),
        prev: neighbour(position.checked_sub(1)),
        next: neighbour(Some(position + 1)),
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
    let html = render_template(&input.templates, template, &context)?;
    let dir = format!("{lang}/{}", node.url_path);
    let mut files = vec![OutputFile {
        path,
        bytes: html.into_bytes(),
    }];
    for table in body.iter().flat_map(|b| b.tables.iter()) {
        files.push(OutputFile {
            path: format!("{dir}{}.csv", table.id),
            bytes: crate::cite::numbering::plain_refs(&table.to_csv(), citations).into_bytes(),
        });
    }
    Ok((files, body.map(|b| b.html)))
}

/// The source language's name when this translation is older than its source.
fn stale_source<'a>(input: &'a Sources, node: &Node, lang: &str) -> Option<&'a str> {
    let source = input.config.default_language.as_str();
    (crate::site::translation::translation_state(node, lang, source)
        == crate::site::translation::TranslationState::Stale)
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
        search: config.search.enabled,
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
    input: &'a Sources,
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
    input: &'a Sources,
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
            url: absolute_url(&input.config, &format!("{}/{url_path}", l.code)),
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
