//! What the print editions share: which pages they hold and in what order, the page bodies with
//! every id made unique in one document and every link to a page of the document turned into
//! an in-document anchor, the top-level blocks of a body (for the parallel edition), and the
//! document's head, title page and table of contents.

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Location};
use crate::site::{Site, root_prefix};
use crate::source::content::{ContentTree, NodeId, NodeKind};

/// One page of a print edition.
#[derive(Debug, Clone)]
pub struct Section {
    pub id: NodeId,
    /// 0 for the home page and top-level pages, 1 for their children, …
    pub depth: usize,
    /// The page's slug, unique in the document: `her2-negative`, `trials-keynote-859`.
    pub slug: String,
}

/// The pages of the print editions, in order: the pages written in Markdown (in reading order,
/// or those `[print] sections` names), then the trial summaries, the glossary, the notes on
/// the source, and the references last.
pub fn sections(site: &Site) -> (Vec<Section>, Vec<Diagnostic>) {
    let tree = &site.sources.tree;
    let print = &site.sources.config.print;
    let (wanted, problems) = wanted_pages(site);
    let kind_rank = |kind: NodeKind| match kind {
        NodeKind::TrialIndex | NodeKind::Trial => 1,
        NodeKind::Glossary => 2,
        NodeKind::SourceNotes => 3,
        NodeKind::References => 4,
        _ => 0,
    };
    let included = |id: NodeId| {
        let node = &tree.nodes[id];
        match node.kind {
            NodeKind::TrialIndex | NodeKind::Trial => print.trials,
            NodeKind::Glossary => print.glossary,
            NodeKind::SourceNotes => print.source_notes,
            NodeKind::References => true,
            _ => wanted.as_ref().is_none_or(|w| w.contains(&id)),
        }
    };
    let mut ids: Vec<NodeId> = site
        .order
        .iter()
        .copied()
        .filter(|&id| included(id))
        .collect();
    ids.sort_by_key(|&id| kind_rank(tree.nodes[id].kind));
    let sections = ids
        .into_iter()
        .map(|id| Section {
            id,
            depth: depth(tree, id),
            slug: slug(tree, id),
        })
        .collect();
    (sections, problems)
}

/// The Markdown pages `[print] sections` asks for (with the pages under each), or `None` for
/// all; a key that names no page is an error located in evidoc.toml.
fn wanted_pages(site: &Site) -> (Option<Vec<NodeId>>, Vec<Diagnostic>) {
    let keys = &site.sources.config.print.sections;
    if keys.is_empty() {
        return (None, Vec::new());
    }
    let tree = &site.sources.tree;
    let mut wanted = Vec::new();
    let mut problems = Vec::new();
    for key in keys {
        let found = site.page(key).or_else(|| {
            let folder = key.trim_end_matches("/_index.md").trim_end_matches('/');
            site.page(folder)
        });
        match found {
            Some(id) => wanted.extend(subtree(tree, id)),
            None => problems.push(unknown_section(site, key)),
        }
    }
    (Some(wanted), problems)
}

fn unknown_section(site: &Site, key: &str) -> Diagnostic {
    let path = site.sources.root.join(crate::source::config::CONFIG_FILE);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let quoted = format!("\"{key}\"");
    let location = match text.find(&quoted) {
        Some(offset) => Location::at_offset(&path, &text, offset, quoted.len()),
        None => Location::file(&path),
    };
    let mut known: Vec<&str> = site
        .sources
        .tree
        .nodes
        .iter()
        .filter(|n| !n.is_generated() && n.kind != NodeKind::Home)
        .map(|n| n.key.as_str())
        .collect();
    known.sort_unstable();
    Diagnostic::error(
        "E0601",
        format!("[print] sections names a page that does not exist: `{key}`"),
    )
    .at(location)
    .hint(format!("pages of this site: {}", known.join(", ")))
}

fn subtree(tree: &ContentTree, id: NodeId) -> Vec<NodeId> {
    let mut out = vec![id];
    let mut i = 0;
    while i < out.len() {
        out.extend(tree.nodes[out[i]].children.iter().copied());
        i += 1;
    }
    out
}

fn depth(tree: &ContentTree, id: NodeId) -> usize {
    let mut depth = 0;
    let mut at = tree.nodes[id].parent;
    while let Some(parent) = at {
        if parent == ContentTree::ROOT {
            break;
        }
        depth += 1;
        at = tree.nodes[parent].parent;
    }
    depth
}

/// A page's slug in the document: its URL path with `/` as `-` (`home` for the home page).
pub fn slug(tree: &ContentTree, id: NodeId) -> String {
    let path = tree.nodes[id]
        .url_path
        .trim_end_matches('/')
        .replace('/', "-");
    if path.is_empty() { "home".into() } else { path }
}

/// Where each page of the document lives on the site (`zh/her2-negative/index.html`) → the id
/// of its section in the document, so links to it become in-document links.
pub type Anchors = HashMap<String, String>;

/// Rewrites one page's body for a document at `doc_path`: every id gets the section's prefix
/// (`her2-negative--checkmate-649`), links within the page follow, links to a page of the
/// document become links to its section, and every other relative link is re-rooted so it
/// still leads to the same file from the document's folder.
pub fn rewrite(
    html: &str,
    page_path: &str,
    doc_path: &str,
    prefix: &str,
    anchors: &Anchors,
) -> String {
    let doc_root = root_prefix(doc_path);
    rewrite_attributes(html, |name, value| match name {
        "id" => Some(format!("{prefix}--{value}")),
        "href" | "src" => {
            if let Some(fragment) = value.strip_prefix('#') {
                return Some(format!("#{prefix}--{fragment}"));
            }
            if is_external(value) {
                return None;
            }
            let (path, fragment) = value.split_once('#').unwrap_or((value, ""));
            let resolved = resolve(page_path, path)?;
            let page = if resolved.ends_with('/') || resolved.is_empty() {
                format!("{resolved}index.html")
            } else {
                resolved.clone()
            };
            match (name, anchors.get(&page)) {
                ("href", Some(section)) if fragment.is_empty() => Some(format!("#{section}")),
                ("href", Some(section)) => Some(format!("#{section}--{fragment}")),
                _ if fragment.is_empty() => Some(format!("{doc_root}{resolved}")),
                _ => Some(format!("{doc_root}{resolved}#{fragment}")),
            }
        }
        _ => None,
    })
}

fn is_external(href: &str) -> bool {
    href.starts_with("//")
        || href.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !scheme.contains('/')
        })
}

/// `target` (relative to the file at `from`, both `/`-separated) as a path from the site's
/// root; `None` when it climbs above the root.
pub fn resolve(from: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for segment in target.split('/') {
        match segment {
            "." | "" => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let mut path = parts.join("/");
    if target.ends_with('/') && !path.is_empty() {
        path.push('/');
    }
    Some(path)
}

/// One tag of the HTML as written: where it is, and whether it opens or closes an element.
#[derive(Debug)]
struct TagSpan<'h> {
    /// The name as written (compared ignoring ASCII case).
    name: &'h str,
    start: usize,
    end: usize,
    closing: bool,
    self_closing: bool,
}

/// Byte ranges of an attribute's name and value (without quotes).
type Attribute = (std::ops::Range<usize>, std::ops::Range<usize>);

/// Calls `visit` with each tag of HTML that evidoc rendered (quoted attributes, text escaped)
/// and its attributes, skipping comments and the insides of `<script>` and `<style>`. Every
/// page body goes through here once per print edition, so nothing is allocated per tag.
fn tags<'h>(html: &'h str, mut visit: impl FnMut(&TagSpan<'h>, &[Attribute])) {
    let bytes = html.as_bytes();
    let mut attributes = Vec::new();
    let mut i = 0;
    while let Some(found) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + found;
        if html[start..].starts_with("<!--") {
            i = html[start..]
                .find("-->")
                .map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let closing = bytes.get(start + 1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i = start + 1;
            continue;
        }
        attributes.clear();
        let tag = read_tag(html, start, name_start, closing, &mut attributes);
        i = tag.end;
        visit(&tag, &attributes);
        let raw_text = !tag.closing
            && (tag.name.eq_ignore_ascii_case("script") || tag.name.eq_ignore_ascii_case("style"));
        if raw_text {
            let end_tag = format!("</{}", tag.name.to_ascii_lowercase());
            if let Some(e) = html[i..].find(&end_tag) {
                i += e;
            }
        }
    }
}

fn read_tag<'h>(
    html: &'h str,
    start: usize,
    name_start: usize,
    closing: bool,
    attributes: &mut Vec<Attribute>,
) -> TagSpan<'h> {
    let bytes = html.as_bytes();
    let mut j = name_start;
    while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' && bytes[j] != b'/'
    {
        j += 1;
    }
    let name = &html[name_start..j];
    let mut self_closing = false;
    loop {
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        match bytes.get(j) {
            None => break,
            Some(b'>') => {
                j += 1;
                break;
            }
            Some(b'/') => {
                self_closing = true;
                j += 1;
                continue;
            }
            _ => {}
        }
        let attr_start = j;
        while j < bytes.len() && !bytes[j].is_ascii_whitespace() && !b"=>".contains(&bytes[j]) {
            j += 1;
        }
        let name_range = attr_start..j;
        if bytes.get(j) != Some(&b'=') {
            continue;
        }
        j += 1;
        let value = match bytes.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = html[j + 1..]
                    .find(q as char)
                    .map_or(html.len(), |e| j + 1 + e);
                let range = j + 1..end;
                j = (end + 1).min(html.len());
                range
            }
            _ => {
                let from = j;
                while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                    j += 1;
                }
                from..j
            }
        };
        attributes.push((name_range, value));
    }
    TagSpan {
        name,
        start,
        end: j,
        closing,
        self_closing,
    }
}

/// Copies `html`, replacing the value of each attribute for which `change(name, value)` says so.
pub fn rewrite_attributes(
    html: &str,
    mut change: impl FnMut(&str, &str) -> Option<String>,
) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut copied = 0;
    tags(html, |_, attributes| {
        for (name, value) in attributes {
            let written = &html[name.clone()];
            let lowercase = written.bytes().any(|b| b.is_ascii_uppercase());
            let attr = if lowercase {
                std::borrow::Cow::Owned(written.to_ascii_lowercase())
            } else {
                std::borrow::Cow::Borrowed(written)
            };
            if let Some(new) = change(&attr, &html[value.clone()]) {
                out.push_str(&html[copied..value.start]);
                out.push_str(&new);
                copied = value.end;
            }
        }
    });
    out.push_str(&html[copied..]);
    out
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// One top-level element of a page body (a heading, paragraph, list, table, figure, note).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlBlock {
    /// The element's name (`h2`, `p`, `ul`, `figure`, `aside`); `#text` for loose text.
    pub tag: String,
    pub html: String,
}

impl HtmlBlock {
    pub fn is_heading(&self) -> bool {
        matches!(self.tag.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
    }
}

/// Splits a body into its top-level elements, in order.
pub fn blocks(html: &str) -> Vec<HtmlBlock> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut open: Option<(String, usize)> = None;
    let mut last_end = 0;
    tags(html, |tag, _| {
        let is_void = tag.self_closing || VOID.iter().any(|v| tag.name.eq_ignore_ascii_case(v));
        if depth == 0 && !tag.closing {
            loose_text(html, last_end, tag.start, &mut out);
            if is_void {
                out.push(block(
                    &tag.name.to_ascii_lowercase(),
                    &html[tag.start..tag.end],
                ));
                last_end = tag.end;
                return;
            }
            open = Some((tag.name.to_ascii_lowercase(), tag.start));
        }
        if tag.closing {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                if let Some((name, start)) = open.take() {
                    out.push(block(&name, &html[start..tag.end]));
                    last_end = tag.end;
                }
            }
        } else if !is_void {
            depth += 1;
        }
    });
    match open {
        Some((name, start)) => out.push(block(&name, &html[start..])),
        None => loose_text(html, last_end, html.len(), &mut out),
    }
    out
}

fn block(tag: &str, html: &str) -> HtmlBlock {
    HtmlBlock {
        tag: tag.to_string(),
        html: html.to_string(),
    }
}

fn loose_text(html: &str, from: usize, to: usize, out: &mut Vec<HtmlBlock>) {
    if from < to && !html[from..to].trim().is_empty() {
        out.push(block("#text", html[from..to].trim()));
    }
}

/// Text for HTML: `&`, `<`, `>` and quotes escaped.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A CSS string literal (for the running header's title).
pub fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '<' | '>' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The head of a print document: title, stylesheets, and the page size and running header
/// (the review's title) that depend on the configuration.
pub fn head(site: &Site, doc_path: &str, lang: &str, title: &str) -> String {
    let root = root_prefix(doc_path);
    let paper = site.sources.config.print.paper.css();
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{}</title>\n<meta name=\"robots\" content=\"noindex\">\n\
<link rel=\"stylesheet\" href=\"{root}assets/style.css\">\n\
<link rel=\"stylesheet\" href=\"{root}assets/syntax.css\">\n\
<link rel=\"stylesheet\" href=\"{root}assets/print.css\">\n\
<link rel=\"icon\" href=\"{root}assets/favicon.svg\" type=\"image/svg+xml\">\n\
<style>@page {{ size: {paper}; @top-center {{ content: {}; }} }} \
@page title {{ @top-center {{ content: none; }} @bottom-center {{ content: none; }} }}</style>\n</head>\n",
        escape(title),
        css_string(title)
    )
}

/// The title page: the review's title and description, its languages, the configured date and
/// the credit line, in each of `langs` (one for a language's edition, two side by side).
pub fn title_page(site: &Site, langs: &[&str]) -> String {
    let config = &site.sources.config;
    let mut html = String::from("<section class=\"title-page\">\n");
    for &lang in langs {
        let Some(l) = config.language(lang) else {
            continue;
        };
        html.push_str(&format!(
            "<div class=\"title-block\" lang=\"{lang}\">\n<p class=\"doc-title\">{}</p>\n",
            escape(&l.title)
        ));
        if !l.description.is_empty() {
            html.push_str(&format!(
                "<p class=\"doc-description\">{}</p>\n",
                escape(&l.description)
            ));
        }
        html.push_str("</div>\n");
    }
    let names: Vec<String> = config.languages.iter().map(|l| escape(&l.name)).collect();
    html.push_str(&format!(
        "<p class=\"doc-languages\">{}</p>\n",
        names.join(" · ")
    ));
    if let Some(date) = &config.print.date {
        html.push_str(&format!("<p class=\"doc-date\">{}</p>\n", escape(date)));
    }
    for &lang in langs {
        if let Some(credit) = config.credit.get(lang) {
            html.push_str(&format!(
                "<p class=\"credit\" lang=\"{lang}\">{credit}</p>\n"
            ));
        }
    }
    html.push_str("</section>\n");
    html
}

/// Links shown on screen only, above the document: back to the site, the other editions, and
/// the PDF when the build made one.
pub fn screen_bar(site: &Site, doc_path: &str, lang: &str, pdf: &str) -> String {
    let root = root_prefix(doc_path);
    let t = &site.sources.strings[lang];
    let mut links = vec![format!(
        "<a href=\"{root}{lang}/index.html\">← {}</a>",
        escape(&t["home"])
    )];
    if site.sources.config.print.with_pdf {
        links.push(format!(
            "<a class=\"pdf-link\" href=\"{pdf}\">{}</a>",
            escape(&t["print_pdf_file"])
        ));
    }
    for edition in editions(site) {
        if edition.path != doc_path {
            links.push(format!(
                "<a href=\"{root}{}\">{}</a>",
                edition.path,
                escape(&edition.label)
            ));
        }
    }
    format!("<nav class=\"print-bar\">{}</nav>\n", links.join(" · "))
}

/// One print edition: where it is on the site and what its PDF is called.
#[derive(Debug, Clone)]
pub struct Edition {
    /// `zh/print/index.html`, `print/zh-en/index.html`.
    pub path: String,
    /// `handout-zh.pdf`, written next to the edition and by `evidoc pdf`.
    pub pdf: String,
    /// The edition's name in its own language(s).
    pub label: String,
}

/// Every print edition of the site: one per language, then the parallel one (`[print]
/// parallel`, else the first two languages) when there are two or more.
pub fn editions(site: &Site) -> Vec<Edition> {
    let config = &site.sources.config;
    let mut out: Vec<Edition> = config
        .languages
        .iter()
        .map(|l| Edition {
            path: format!("{}/print/index.html", l.code),
            pdf: format!("handout-{}.pdf", l.code),
            label: format!(
                "{} · {}",
                site.sources.strings[&l.code]["print_edition"], l.name
            ),
        })
        .collect();
    if let Some([a, b]) = config.parallel_pair() {
        let name = |code: &str| {
            config
                .language(code)
                .map_or(code.to_string(), |l| l.name.clone())
        };
        out.push(Edition {
            path: format!("print/{a}-{b}/index.html"),
            pdf: format!("handout-{a}-{b}.pdf"),
            label: format!("{} | {}", name(a), name(b)),
        });
    }
    out
}

/// Writes the page number of each section into a print edition's table of contents, from the
/// outline of a first print of it (Chromium has no `target-counter()`): the entries of the
/// outline that carry the sections' titles, matched in order. The contents fit on the same
/// lines with their numbers, so a second print keeps the same pages.
pub fn number_toc(html: &str, outline: &[(usize, String, usize)]) -> String {
    let Some(toc_start) = html.find("<nav class=\"print-toc") else {
        return html.to_string();
    };
    let toc_end = html[toc_start..]
        .find("</nav>")
        .map_or(html.len(), |e| toc_start + e);
    let squeeze = |s: &str| -> String {
        let plain = s
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        plain.chars().filter(|c| !c.is_whitespace()).collect()
    };
    let mut out = String::from(&html[..toc_start]);
    let mut next = 0;
    let mut rest = &html[toc_start..toc_end];
    while let Some(end) = rest.find("</a></li>") {
        let entry = &rest[..end];
        let inner = entry
            .find("<a href=")
            .and_then(|a| entry[a..].find("\">").map(|e| &entry[a + e + 2..]))
            .unwrap_or("");
        let title = squeeze(inner.split("</span>").next().unwrap_or(inner));
        let title = title.rsplit('>').next().unwrap_or(&title).to_string();
        out.push_str(entry);
        if let Some(found) = outline[next..]
            .iter()
            .position(|(_, t, _)| squeeze(t) == title)
        {
            let page = outline[next + found].2;
            next += found + 1;
            if page > 0 {
                out.push_str(&format!("<span class=\"toc-page\">{page}</span>"));
            }
        }
        out.push_str("</a></li>");
        rest = &rest[end + "</a></li>".len()..];
    }
    out.push_str(rest);
    out.push_str(&html[toc_end..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_links_are_prefixed_and_rerooted() {
        let mut anchors = Anchors::new();
        anchors.insert("en/a/index.html".into(), "a".into());
        let html = r##"<h2 id="x">X<a href="#x">#</a></h2><p><a href="../../en/a/index.html#y">a</a> <a href="../../en/b/index.html">b</a> <a href="https://e.org/#z">e</a></p>"##;
        let out = rewrite(
            html,
            "en/b/index.html",
            "en/print/index.html",
            "b",
            &anchors,
        );
        assert_eq!(
            out,
            r##"<h2 id="b--x">X<a href="#b--x">#</a></h2><p><a href="#a--y">a</a> <a href="../../en/b/index.html">b</a> <a href="https://e.org/#z">e</a></p>"##
        );
    }

    #[test]
    fn blocks_are_top_level_elements() {
        let html =
            "<h2 id=\"a\">A</h2>\n<p>x<br>y</p>\n<figure><svg><line/></svg></figure>\n<hr>\ntext";
        let tags: Vec<String> = blocks(html).into_iter().map(|b| b.tag).collect();
        assert_eq!(tags, ["h2", "p", "figure", "hr", "#text"]);
    }

    #[test]
    fn toc_gets_the_pages_of_the_outline() {
        let html = "<nav class=\"print-toc\"><ol>\n<li><a href=\"#a\">A &amp; B</a></li>\n<li><a href=\"#b\"><span lang=\"zh\">乙</span> <span class=\"toc-other\" lang=\"en\">B</span></a></li>\n</ol></nav>";
        let outline = [
            (0, "Contents".to_string(), 2),
            (0, "A & B".into(), 3),
            (1, "x".into(), 4),
            (0, "乙".into(), 7),
        ];
        let out = number_toc(html, &outline);
        assert!(
            out.contains("A &amp; B<span class=\"toc-page\">3</span></a>"),
            "{out}"
        );
        assert!(
            out.contains("B</span><span class=\"toc-page\">7</span></a>"),
            "{out}"
        );
    }

    #[test]
    fn paths_resolve_from_the_page() {
        assert_eq!(
            resolve("en/a/index.html", "../../zh/b/index.html").as_deref(),
            Some("zh/b/index.html")
        );
        assert_eq!(
            resolve("en/a/index.html", "t.csv").as_deref(),
            Some("en/a/t.csv")
        );
        assert_eq!(resolve("en/index.html", "../../x"), None);
    }
}
