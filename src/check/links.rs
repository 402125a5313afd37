//! Checks every `href` and `src` of the rendered site against the rendered files themselves:
//! the safety net behind the source-level checks (it also catches links that templates make).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::sync::Mutex;

use crate::diagnostics::{Diagnostic, Location};
use crate::output::{OutputFile, PartWriter, Sink};

/// A link in the output that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub page: String,
    pub target: String,
    pub reason: &'static str,
}

/// What the link check keeps of the output while files stream past: every path, the element
/// ids of each HTML page, and each distinct cross-page link target with one page using it.
/// Links within a page are checked at once. Memory grows with distinct targets, not with links.
#[derive(Default)]
pub struct LinkIndex {
    inner: Mutex<Index>,
}

#[derive(Default)]
struct Index {
    targets: LinkTargets,
    /// (resolved path, fragment) → the first page linking there, with the link as written.
    wanted: HashMap<(String, String), (String, String)>,
    /// Links already resolved into `wanted`, as digests of [`resolution_key`]: pages carry
    /// the same navigation as their neighbours (at 10,000 pages per language, 238 links a
    /// page), which resolves to the same targets for all of them.
    resolved: DigestSet,
    broken: Vec<BrokenLink>,
}

impl LinkIndex {
    pub fn add(&self, file: &OutputFile) {
        if is_page(&file.path) {
            let text = text_of(&file.bytes);
            self.record(&file.path, Some(page_links(&text)));
        } else {
            self.record(&file.path, None);
        }
    }

    /// Records the file at `path`, with the links and ids of its HTML if it is a page.
    fn record(&self, path: &str, links: Option<PageLinks>) {
        match links {
            Some(links) => {
                let mut file = FileCheck::new(path);
                file.read(self, links);
                file.finish(self);
            }
            None => self.record_file(path, None, Vec::new()),
        }
    }

    /// The links of `candidates` (written on a page in `folder`) not resolved before.
    fn unresolved<'t>(
        &self,
        folder: &str,
        candidates: Vec<Cow<'t, str>>,
    ) -> Vec<(u64, Cow<'t, str>)> {
        let keyed: Vec<(u64, Cow<str>)> = candidates
            .into_iter()
            .map(|target| (digest(&resolution_key(folder, &target)), target))
            .collect();
        let Ok(index) = self.inner.lock() else {
            return Vec::new();
        };
        keyed
            .into_iter()
            .filter(|(key, _)| !index.resolved.contains(key))
            .collect()
    }

    /// Notes links of the page at `path` to other files, each target once (the first page
    /// naming it is the one reported if it leads nowhere), and that they were resolved.
    fn want(&self, path: &str, wanted: Vec<(u64, (String, String), String)>) {
        if wanted.is_empty() {
            return;
        }
        let Ok(mut index) = self.inner.lock() else {
            return;
        };
        for (resolved, key, target) in wanted {
            index.resolved.insert(resolved);
            index
                .wanted
                .entry(key)
                .or_insert_with(|| (path.to_string(), target));
        }
    }

    fn record_file(&self, path: &str, ids: Option<Ids>, broken: Vec<BrokenLink>) {
        let Ok(mut index) = self.inner.lock() else {
            return;
        };
        index.targets.add(path, ids);
        index.broken.extend(broken);
    }

    /// Every link that leads to no file or no anchor, in a stable order.
    pub fn broken(&self) -> Vec<BrokenLink> {
        self.broken_against(&LinkTargets::default())
    }

    /// Every link that leads to no file or no anchor, where a file this index has not seen is
    /// looked for in `elsewhere` (the dev server checks the pages it rendered again against the
    /// rest of the site), in a stable order.
    pub fn broken_against(&self, elsewhere: &LinkTargets) -> Vec<BrokenLink> {
        let Ok(index) = self.inner.lock() else {
            return Vec::new();
        };
        let mut broken = index.broken.clone();
        for ((path, fragment), (page, target)) in &index.wanted {
            let targets = if index.targets.has_file(path) {
                &index.targets
            } else {
                elsewhere
            };
            let reason = if !targets.has_file(path) {
                "no such file"
            } else if !fragment.is_empty() && !targets.has_id(path, fragment) {
                "no such anchor"
            } else {
                continue;
            };
            broken.push(BrokenLink {
                page: page.clone(),
                target: target.clone(),
                reason,
            });
        }
        broken.sort_by(|a, b| (&a.page, &a.target).cmp(&(&b.page, &b.target)));
        broken
    }

    /// The files seen and their ids, once every file was added.
    pub fn into_targets(self) -> LinkTargets {
        self.inner
            .into_inner()
            .map(|index| index.targets)
            .unwrap_or_default()
    }
}

/// The files of a rendered site and the element ids of its pages: what a link into the site
/// must find. The dev server keeps them from one rebuild to the next, so the links of a page
/// rendered again are checked without reading the pages they lead to.
#[derive(Default)]
pub struct LinkTargets {
    paths: HashSet<String>,
    ids: HashMap<String, Ids>,
}

impl LinkTargets {
    /// Every file's path, sorted.
    pub fn paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = self.paths.iter().cloned().collect();
        paths.sort();
        paths
    }

    fn add(&mut self, path: &str, ids: Option<Ids>) {
        self.paths.insert(path.to_string());
        match ids {
            Some(ids) => self.ids.insert(path.to_string(), ids),
            None => self.ids.remove(path),
        };
    }

    fn has_file(&self, path: &str) -> bool {
        self.paths.contains(path)
    }

    fn has_id(&self, path: &str, id: &str) -> bool {
        self.ids.get(path).is_some_and(|ids| ids.contains(id))
    }

    /// Takes the files of `newer` in place of the ones at the same paths.
    pub fn update(&mut self, newer: LinkTargets) {
        let LinkTargets { paths, mut ids } = newer;
        for path in paths {
            let file_ids = ids.remove(&path);
            self.add(&path, file_ids);
        }
    }
}

/// The element ids of a file, kept as 64-bit hashes: the index holds every id of the site
/// (580,000 at 10,000 pages per language, most in the print editions), and a hash takes an
/// eighth of the memory of the string. In a file of 200,000 ids, the odds that a missing anchor
/// shares a hash with one of them are about one in 10^9, and the price would be one unreported
/// broken anchor.
#[derive(Default)]
struct Ids(DigestSet);

impl Ids {
    /// Adds `id`; false if the file already had it.
    fn insert(&mut self, id: &str) -> bool {
        self.0.insert(digest(id))
    }

    fn contains(&self, id: &str) -> bool {
        self.0.contains(&digest(id))
    }
}

/// foldhash's quality variant with a fixed seed: the same digest in every run, with SipHash's
/// spread for ids and links (it passes SMHasher) at a fraction of its cost; the check takes a
/// digest of every id and cross-page link of the output.
fn digest(value: &(impl std::hash::Hash + ?Sized)) -> u64 {
    foldhash::quality::FixedState::default().hash_one(value)
}

/// A set of digests: they are hashes already, so the set's own hashing need only be fast.
type DigestSet = HashSet<u64, foldhash::fast::FixedState>;

/// What the resolution of `target` from a page in `folder` depends on: the folder its leading
/// `../` lead to, and the rest of the link. Every page has a folder of its own
/// (`chapter/page/index.html`), so the navigation's `../page-2/` is written on every page, but
/// resolves the same from all the pages of a chapter.
fn resolution_key<'a>(folder: &'a str, target: &'a str) -> (&'a str, &'a str) {
    let (mut up, mut rest) = (folder, target);
    while let Some(after) = rest.strip_prefix("../") {
        match up.rsplit_once('/') {
            Some((parent, _)) => up = parent,
            None if !up.is_empty() => up = "",
            None => return (folder, target),
        }
        rest = after;
    }
    (up, rest)
}

/// The fragment of an in-file link (`#x`, or `""` for an empty link); `None` for a link to
/// another file.
fn leads_here(target: &str) -> Option<&str> {
    match target.split_once('#') {
        Some(("", fragment)) => Some(fragment),
        None if target.is_empty() => Some(""),
        _ => None,
    }
}

/// Where a link of a page leads.
enum Leads {
    Outside,
    /// To the same file.
    Here,
    /// To another file of the site: its path from the output's root, and the fragment.
    There(String, String),
    Nowhere,
}

fn leads(page: &str, target: &str) -> Leads {
    if is_external(target) {
        return Leads::Outside;
    }
    let (path_part, fragment) = target.split_once('#').unwrap_or((target, ""));
    if path_part.is_empty() {
        return Leads::Here;
    }
    match resolve(page, path_part) {
        Some(resolved) => Leads::There(resolved, fragment.to_string()),
        None => Leads::Nowhere,
    }
}

/// What the check has read of one HTML file: a page at once, a print edition part by part.
/// Only what a later part may still answer is kept: the ids, and in-file links to anchors not
/// seen yet (each once). Links to other files go to the index as they are read, so an
/// edition of the whole site (180,000 links at 10,000 pages per language) is never held.
struct FileCheck {
    path: String,
    ids: Ids,
    duplicate_ids: Vec<String>,
    pending: HashSet<String>,
    broken: Vec<BrokenLink>,
}

impl FileCheck {
    fn new(path: &str) -> Self {
        FileCheck {
            path: path.to_string(),
            ids: Ids::default(),
            duplicate_ids: Vec::new(),
            pending: HashSet::new(),
            broken: Vec::new(),
        }
    }

    /// Reads the next part of the file (or all of it): its ids count for links before them.
    fn read(&mut self, index: &LinkIndex, part: PageLinks) {
        for id in part.ids {
            if !self.ids.insert(&id) {
                self.note_duplicate(&id);
            }
        }
        let mut elsewhere = Vec::new();
        for target in part.targets.into_iter().filter(|t| !is_external(t)) {
            match leads_here(&target) {
                None => elsewhere.push(target),
                Some(fragment) if fragment.is_empty() || self.ids.contains(fragment) => {}
                Some(_) => {
                    self.pending.insert(target.into_owned());
                }
            }
        }
        let folder = self.path.rsplit_once('/').map_or("", |(folder, _)| folder);
        let mut wanted = Vec::new();
        for (key, target) in index.unresolved(folder, elsewhere) {
            match leads(&self.path, &target) {
                Leads::There(path, fragment) => {
                    wanted.push((key, (path, fragment), target.into_owned()))
                }
                Leads::Nowhere => self.broken.push(BrokenLink {
                    page: self.path.clone(),
                    target: target.into_owned(),
                    reason: "no such file",
                }),
                Leads::Outside | Leads::Here => {}
            }
        }
        index.want(&self.path, wanted);
    }

    fn note_duplicate(&mut self, id: &str) {
        if !self.duplicate_ids.iter().any(|d| d == id) {
            self.duplicate_ids.push(id.to_string());
        }
    }

    /// The file is whole: in-file links still unanswered lead nowhere.
    fn finish(mut self, index: &LinkIndex) {
        for target in std::mem::take(&mut self.pending) {
            let fragment = target.split_once('#').map_or("", |(_, f)| f);
            if !self.ids.contains(fragment) {
                self.broken.push(BrokenLink {
                    page: self.path.clone(),
                    target,
                    reason: "no such anchor",
                });
            }
        }
        for id in std::mem::take(&mut self.duplicate_ids) {
            self.broken.push(BrokenLink {
                page: self.path.clone(),
                target: format!("#{id}"),
                reason: DUPLICATE_ID,
            });
        }
        index.record_file(&self.path, Some(self.ids), self.broken);
    }
}

/// A sink that indexes each file's links on its way to another sink, so the check needs no
/// second pass over the output.
pub struct Indexing<'a> {
    pub inner: &'a dyn Sink,
    pub links: &'a LinkIndex,
}

impl Sink for Indexing<'_> {
    fn put(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        self.inner.put(file)?;
        self.links.add(file);
        Ok(())
    }

    fn put_parts<'s>(&'s self, path: &str) -> Result<Box<dyn PartWriter + Send + 's>, Diagnostic> {
        Ok(Box::new(IndexingParts {
            inner: self.inner.put_parts(path)?,
            links: self.links,
            path: path.to_string(),
            check: is_page(path).then(|| FileCheck::new(path)),
        }))
    }
}

/// A file written in parts, its links read part by part (each part is whole elements), in-file
/// anchors checked against the whole file when it is complete.
struct IndexingParts<'s> {
    inner: Box<dyn PartWriter + Send + 's>,
    links: &'s LinkIndex,
    path: String,
    check: Option<FileCheck>,
}

impl PartWriter for IndexingParts<'_> {
    fn write_part(&mut self, part: &[u8]) -> Result<(), Diagnostic> {
        self.inner.write_part(part)?;
        if let Some(check) = &mut self.check {
            check.read(self.links, page_links(&text_of(part)));
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<(), Diagnostic> {
        let IndexingParts {
            inner,
            links,
            path,
            check,
        } = *self;
        inner.finish()?;
        match check {
            Some(check) => check.finish(links),
            None => links.record_file(&path, None, Vec::new()),
        }
        Ok(())
    }
}

/// Whether the link check reads the file's links: HTML pages, but not 404.html, which is served
/// at any URL, so its links are absolute by design.
fn is_page(path: &str) -> bool {
    path.ends_with(".html") && path != "404.html"
}

/// Finds broken internal links and anchors among a set of output files.
pub fn broken_links(files: &[OutputFile]) -> Vec<BrokenLink> {
    let index = LinkIndex::default();
    for file in files {
        index.add(file);
    }
    index.broken()
}

fn is_external(target: &str) -> bool {
    target.contains("://")
        || target.starts_with("mailto:")
        || target.starts_with("data:")
        || target.starts_with("//")
}

/// Resolves a relative URL against the page's path; directories mean their `index.html`.
fn resolve(page: &str, target: &str) -> Option<String> {
    let target = target.split('?').next().unwrap_or(target);
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        page.split('/').collect()
    };
    if !target.starts_with('/') {
        parts.pop();
    }
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if target.ends_with('/') || path.is_empty() {
        path = if path.is_empty() {
            "index.html".into()
        } else {
            format!("{path}/index.html")
        };
    }
    Some(path)
}

impl BrokenLink {
    /// The problem as reported: a link that leads nowhere (E0307) or an ambiguous id (E0309).
    pub fn diagnostic(&self) -> Diagnostic {
        if self.reason == DUPLICATE_ID {
            return Diagnostic::error(
                "E0309",
                format!("the id `{}` is used twice on this page, so a link to it is ambiguous", &self.target[1..]),
            )
            .at(Location::file(&self.page))
            .hint("give one of the two elements another id: a heading `{#id}`, a raw HTML `id`, or a shortcode's `id`");
        }
        Diagnostic::error(
            "E0307",
            format!("broken link in the output: `{}` ({})", self.target, self.reason),
        )
        .at(Location::file(&self.page))
        .hint("the link comes from a template or generated page; check the template that renders this page")
    }
}

/// The reason given for an id that two elements of one page carry.
pub const DUPLICATE_ID: &str = "the id is used by more than one element of the page";

/// What one page links to and which anchors it offers, read from its elements.
#[derive(Default)]
struct PageLinks<'h> {
    /// `href` and `src` values, entities decoded (borrowed from the page unless decoding
    /// changed them: the check reads every link of the output).
    targets: Vec<Cow<'h, str>>,
    /// `id` values in page order, a repeated one as often as it is given ([`FileCheck`]
    /// tells the repeats, across the parts of a file too).
    ids: Vec<Cow<'h, str>>,
}

/// The output is rendered from strings, so it is UTF-8 (checked the fast way); a file that is
/// not is read with replacement characters.
fn text_of(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

fn page_links(html: &str) -> PageLinks<'_> {
    let mut links = PageLinks::default();
    crate::markup::html_scan::attributes(html, |name, value| match name {
        "href" | "src" => links.targets.push(value),
        "id" => links.ids.push(value),
        _ => {}
    });
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: html.as_bytes().to_vec(),
        }
    }

    #[test]
    fn finds_missing_files_and_anchors() {
        let files = [
            file(
                "en/a/index.html",
                r##"<a href="../b/index.html#x">b</a><a href="../b/">b</a><a href="#top">t</a><h1 id="top"></h1><a href="../c/index.html">c</a><a href="../b/index.html#nope">n</a>"##,
            ),
            file("en/b/index.html", r#"<h2 id="x"></h2>"#),
        ];
        let broken = broken_links(&files);
        let targets: Vec<&str> = broken.iter().map(|b| b.target.as_str()).collect();
        assert_eq!(targets, vec!["../b/index.html#nope", "../c/index.html"]);
    }

    /// A link is resolved once per folder, but the same words mean another target in another
    /// folder, and a link that leaves the site is reported on every page that has it.
    #[test]
    fn links_are_resolved_once_per_folder_and_no_broken_one_is_lost() {
        let nav = r#"<a href="../b/index.html#x">b</a><a href="../../../up.html">u</a>"#;
        let files = [
            file("en/a/index.html", nav),
            file("en/a/other.html", nav),
            file("en/x/y/index.html", nav),
            file("en/b/index.html", r#"<h2 id="x"></h2>"#),
        ];
        let broken = broken_links(&files);
        let found: Vec<(&str, &str, &str)> = broken
            .iter()
            .map(|b| (b.page.as_str(), b.target.as_str(), b.reason))
            .collect();
        assert_eq!(
            found,
            vec![
                ("en/a/index.html", "../../../up.html", "no such file"),
                ("en/a/other.html", "../../../up.html", "no such file"),
                ("en/x/y/index.html", "../../../up.html", "no such file"),
                ("en/x/y/index.html", "../b/index.html#x", "no such file"),
            ]
        );
    }

    /// A file written in parts is checked as a whole: a link in one part to an anchor in a later
    /// part is fine, an id given in two parts is a duplicate, a missing anchor is still missing.
    #[test]
    fn a_file_written_in_parts_is_checked_whole() {
        let links = LinkIndex::default();
        let sink = Indexing {
            inner: &crate::output::Discard,
            links: &links,
        };
        let mut writer = sink.put_parts("en/print/index.html").unwrap();
        for part in [
            r##"<a href="#later">l</a><a href="#nowhere">n</a><h1 id="twice"></h1>"##,
            r##"<h2 id="later"></h2><h2 id="twice"></h2><a href="../b/index.html">b</a>"##,
        ] {
            writer.write_part(part.as_bytes()).unwrap();
        }
        writer.finish().unwrap();
        let broken: Vec<(String, &str)> = links
            .broken()
            .into_iter()
            .map(|b| (b.target, b.reason))
            .collect();
        assert_eq!(
            broken,
            vec![
                ("#nowhere".to_string(), "no such anchor"),
                ("#twice".to_string(), DUPLICATE_ID),
                ("../b/index.html".to_string(), "no such file"),
            ]
        );
    }
}
