//! Markdown to HTML: pulldown-cmark plus what a review needs on top of CommonMark.
//!
//! - stable heading anchors (explicit `{#id}`, a readable slug, or a hash for Chinese text) and a TOC;
//! - `[text](@/page.md#anchor)` and `[text](trial:id)` links resolved in the page's own language;
//! - `[@key]` / `[@a; @b]` citations, left as markers numbered later across the whole site;
//! - footnote ids prefixed so they cannot collide with headings;
//! - syntect highlighting, GitHub-style alerts (`> [!NOTE]`), scrollable tables.
//!
//! Links are recorded with their source location so that the build can verify every one of them
//! once all pages (and so all anchors) are known.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{BlockQuoteKind, BrokenLink, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Location};
use crate::highlight::{escape_html, highlight};

/// Marks a citation in rendered HTML until numbering across the site is known.
pub const CITE_MARK: char = '\u{1}';

/// What a page's Markdown needs to know about the rest of the site.
pub struct PageEnv<'a> {
    pub lang: &'a str,
    /// Relative prefix from this page to the output root (`../../`).
    pub root: &'a str,
    /// Content key of every page (`her2-negative.md`, `part` for a folder) to its URL path.
    pub pages: &'a HashMap<String, String>,
    pub trials: &'a HashSet<String>,
    /// Localised label of an alert kind (`note` → 说明).
    pub alert_label: &'a dyn Fn(&str) -> String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A link to another page's anchor, checked once every page's anchors are known.
#[derive(Debug, Clone)]
pub struct AnchorLink {
    pub target_key: String,
    pub anchor: String,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct CitationUse {
    pub keys: Vec<String>,
    pub location: Location,
}

#[derive(Debug, Default)]
pub struct RenderedMarkdown {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub anchors: HashSet<String>,
    pub anchor_links: Vec<AnchorLink>,
    pub citations: Vec<CitationUse>,
    pub trials: Vec<String>,
    pub external_links: Vec<(String, Location)>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Renders the body of `file` (whose Markdown starts at byte `body_start`).
pub fn render(path: &Path, file_text: &str, body_start: usize, env: &PageEnv) -> RenderedMarkdown {
    let body = &file_text[body_start..];
    let mut cite_callback = |link: BrokenLink| -> Option<(CowStr, CowStr)> {
        let reference = link.reference.trim();
        reference.starts_with('@').then(|| (CowStr::from(format!("cite:{reference}")), CowStr::from("")))
    };
    let parser = Parser::new_with_broken_link_callback(body, options(), Some(&mut cite_callback));
    let events: Vec<(Event, Range<usize>)> = parser.into_offset_iter().collect();
    let mut r = Renderer { path, file_text, body_start, env, out: RenderedMarkdown::default(), used_ids: HashMap::new() };
    let events = r.transform(events);
    pulldown_cmark::html::push_html(&mut r.out.html, events.into_iter());
    r.out
}

struct Renderer<'a> {
    path: &'a Path,
    file_text: &'a str,
    body_start: usize,
    env: &'a PageEnv<'a>,
    out: RenderedMarkdown,
    used_ids: HashMap<String, usize>,
}

impl<'a> Renderer<'a> {
    fn location(&self, range: &Range<usize>) -> Location {
        Location::at_offset(self.path, self.file_text, self.body_start + range.start, range.len())
    }

    fn transform<'e>(&mut self, events: Vec<(Event<'e>, Range<usize>)>) -> Vec<Event<'e>> {
        let mut out = Vec::with_capacity(events.len());
        let mut iter = events.into_iter();
        while let Some((event, range)) = iter.next() {
            match event {
                Event::Start(Tag::Heading { level, id, classes, .. }) => {
                    let inner = take_until(&mut iter, |e| matches!(e, Event::End(TagEnd::Heading(_))));
                    out.push(self.heading(level, id, classes, inner));
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let inner = take_until(&mut iter, |e| matches!(e, Event::End(TagEnd::CodeBlock)));
                    out.push(code_block(kind, inner));
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id }) if dest_url.starts_with("cite:") => {
                    let _ = (link_type, title, id);
                    take_until(&mut iter, |e| matches!(e, Event::End(TagEnd::Link)));
                    out.push(self.citation(&dest_url["cite:".len()..], &range));
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    let dest_url = self.link(dest_url, &range);
                    out.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                }
                Event::Start(Tag::BlockQuote(Some(kind))) => out.push(self.alert_start(kind)),
                Event::End(TagEnd::BlockQuote(Some(_))) => out.push(Event::Html("</aside>\n".into())),
                Event::Start(Tag::Table(align)) => {
                    out.push(Event::Html("<div class=\"table-wrap\">".into()));
                    out.push(Event::Start(Tag::Table(align)));
                }
                Event::End(TagEnd::Table) => {
                    out.push(Event::End(TagEnd::Table));
                    out.push(Event::Html("</div>\n".into()));
                }
                Event::FootnoteReference(label) => out.push(Event::FootnoteReference(footnote_id(&label))),
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    out.push(Event::Start(Tag::FootnoteDefinition(footnote_id(&label))))
                }
                other => out.push(other),
            }
        }
        out
    }

    fn heading<'e>(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'e>>,
        classes: Vec<CowStr<'e>>,
        inner: Vec<Event<'e>>,
    ) -> Event<'e> {
        let title = plain_text(&inner);
        let wanted = id.map(|s| s.to_string()).unwrap_or_else(|| slugify(&title));
        let id = self.unique_id(wanted);
        let mut inner_html = String::new();
        pulldown_cmark::html::push_html(&mut inner_html, inner.into_iter());
        let n = level as u8;
        if (2..=3).contains(&n) {
            self.out.toc.push(TocEntry { level: n, id: id.clone(), title: title.clone() });
        }
        let class_attr = if classes.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", escape_html(&classes.join(" ")))
        };
        Event::Html(
            format!(
                "<h{n} id=\"{id}\"{class_attr}>{inner_html}<a class=\"anchor\" href=\"#{id}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h{n}>\n",
                id = escape_html(&id)
            )
            .into(),
        )
    }

    fn unique_id(&mut self, wanted: String) -> String {
        let count = self.used_ids.entry(wanted.clone()).or_insert(0);
        *count += 1;
        let id = if *count == 1 { wanted } else { format!("{wanted}-{}", *count - 1) };
        self.out.anchors.insert(id.clone());
        id
    }

    /// Resolves evidoc's link forms; other links are kept (external ones recorded for `check`).
    fn link<'e>(&mut self, dest: CowStr<'e>, range: &Range<usize>) -> CowStr<'e> {
        if let Some(target) = dest.strip_prefix("@/") {
            return self.page_link(target, range).into();
        }
        if let Some(id) = dest.strip_prefix("trial:") {
            return self.trial_link(id, range).into();
        }
        if dest.starts_with("http://") || dest.starts_with("https://") {
            self.out.external_links.push((dest.to_string(), self.location(range)));
        }
        dest
    }

    fn page_link(&mut self, target: &str, range: &Range<usize>) -> String {
        let (file, anchor) = target.split_once('#').map_or((target, None), |(f, a)| (f, Some(a)));
        let key = content_key(file);
        let Some(url_path) = self.env.pages.get(&key) else {
            let d = Diagnostic::error("E0301", format!("link to a page that does not exist: `@/{file}`"))
                .at(self.location(range))
                .hint("write the path of a content file relative to content/, such as `@/introduction.md` or `@/part/_index.md`");
            self.out.diagnostics.push(d);
            return "#".to_string();
        };
        if let Some(anchor) = anchor {
            self.out.anchor_links.push(AnchorLink {
                target_key: key.clone(),
                anchor: anchor.to_string(),
                location: self.location(range),
            });
        }
        let href = format!("{}{}/{}index.html", self.env.root, self.env.lang, url_path);
        match anchor {
            Some(a) => format!("{href}#{a}"),
            None => href,
        }
    }

    fn trial_link(&mut self, id: &str, range: &Range<usize>) -> String {
        if !self.env.trials.contains(id) {
            let mut known: Vec<_> = self.env.trials.iter().map(String::as_str).collect();
            known.sort_unstable();
            let d = Diagnostic::error("E0303", format!("link to a trial that does not exist: `trial:{id}`"))
                .at(self.location(range))
                .hint(if known.is_empty() {
                    "add the trial's data file under content/trials/".to_string()
                } else {
                    format!("known trial ids: {}", known.join(", "))
                });
            self.out.diagnostics.push(d);
            return "#".to_string();
        }
        self.out.trials.push(id.to_string());
        format!("{}{}/trials/{id}/index.html", self.env.root, self.env.lang)
    }

    fn citation<'e>(&mut self, reference: &str, range: &Range<usize>) -> Event<'e> {
        let keys: Vec<String> = reference
            .split(';')
            .map(|k| k.trim().trim_start_matches('@').trim().to_string())
            .filter(|k| !k.is_empty())
            .collect();
        let marker = format!("{CITE_MARK}{}{CITE_MARK}", keys.join(";"));
        self.out.citations.push(CitationUse { keys, location: self.location(range) });
        Event::Html(marker.into())
    }

    fn alert_start<'e>(&self, kind: BlockQuoteKind) -> Event<'e> {
        let name = match kind {
            BlockQuoteKind::Note => "note",
            BlockQuoteKind::Tip => "tip",
            BlockQuoteKind::Important => "important",
            BlockQuoteKind::Warning => "warning",
            BlockQuoteKind::Caution => "caution",
        };
        let label = escape_html(&(self.env.alert_label)(name));
        Event::Html(
            format!("<aside class=\"callout callout-{name}\" role=\"note\"><p class=\"callout-title\">{label}</p>\n").into(),
        )
    }
}

fn take_until<'e>(
    iter: &mut impl Iterator<Item = (Event<'e>, Range<usize>)>,
    is_end: impl Fn(&Event) -> bool,
) -> Vec<Event<'e>> {
    let mut inner = Vec::new();
    for (event, _) in iter.by_ref() {
        if is_end(&event) {
            break;
        }
        inner.push(event);
    }
    inner
}

fn code_block<'e>(kind: CodeBlockKind, inner: Vec<Event>) -> Event<'e> {
    let code: String = inner
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let lang = match &kind {
        CodeBlockKind::Fenced(info) => info.as_ref(),
        CodeBlockKind::Indented => "",
    };
    Event::Html(format!("{}\n", highlight(&code, lang)).into())
}

fn footnote_id<'e>(label: &str) -> CowStr<'e> {
    CowStr::from(format!("fn-{}", slugify(label)))
}

fn plain_text(events: &[Event]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// `@/part/_index.md` and `@/part/` name the folder `part`; `@/page.md` names a page.
pub fn content_key(file: &str) -> String {
    let file = file.trim_start_matches('/');
    if file == "_index.md" || file.is_empty() {
        return String::new();
    }
    if let Some(folder) = file.strip_suffix("/_index.md") {
        return folder.to_string();
    }
    file.trim_end_matches('/').to_string()
}

/// A readable anchor for Latin text (`Median OS` → `median-os`); text with other scripts gets a
/// stable hash-based id instead, since a slug of Chinese would be unreadable percent-escapes.
pub fn slugify(text: &str) -> String {
    let has_other_script = text.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
    if has_other_script {
        return format!("h-{:08x}", fnv1a(text.trim()) as u32);
    }
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() { format!("h-{:08x}", fnv1a(text) as u32) } else { slug }
}

/// FNV-1a: tiny, stable across builds and platforms (unlike `DefaultHasher`).
pub fn fnv1a(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf29ce484222325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x100000001b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_headings_get_readable_slugs() {
        assert_eq!(slugify("Median OS (months)"), "median-os-months");
    }

    #[test]
    fn chinese_headings_get_stable_ids() {
        let a = slugify("肝转移的影响");
        assert!(a.starts_with("h-"));
        assert_eq!(a, slugify("肝转移的影响"));
        assert_ne!(a, slugify("结论"));
    }

    #[test]
    fn folder_keys() {
        assert_eq!(content_key("part/_index.md"), "part");
        assert_eq!(content_key("_index.md"), "");
        assert_eq!(content_key("intro.md"), "intro.md");
    }
}
