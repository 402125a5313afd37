//! The static search index: Pagefind, run as a library on the pages of the build, writes a
//! bundle (`pagefind/`) that the browser searches with no server. Chinese is segmented into
//! words and character pairs (Pagefind's `extended` feature), so part of a word still matches.
//!
//! Pages are not rendered twice: [`SearchIndex`] is a sink wrapper that keeps, of each page
//! marked for search (`data-pagefind-body`), the part Pagefind reads as it streams past, and
//! [`SearchIndex::finish`] indexes them in path order (Pagefind numbers pages in the order they
//! are added, so any other order would make two builds write different bundles) and puts the
//! bundle into the sink with every other file, inside the writer's atomic swap.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostics::Diagnostic;
use crate::output::{OutputFile, Sink};

/// The folder of the bundle in the output, and the script the theme imports from it.
pub const BUNDLE_DIR: &str = "pagefind";

/// Parts of the content that are not worth finding, whatever the templates mark: the `#` of
/// heading anchors (it would end every heading in the results), the links back to where a
/// reference or a glossary term is cited (page titles, not content) and the "Download CSV"
/// links of tables.
const IGNORED: &[&str] = &["a.anchor", ".ref-backlinks", "a.csv", ".data-download"];

/// The bundle's files the theme's own search box needs. Pagefind also writes its ready-made
/// interfaces (about 450 kB of scripts and styles), which evidoc does not use.
fn wanted(name: &str) -> bool {
    !(name.starts_with("pagefind-ui.")
        || name.starts_with("pagefind-modular-ui.")
        || name.starts_with("pagefind-component-ui.")
        || name.starts_with("pagefind-highlight.")
        || name.starts_with("playground/"))
}

/// Passes every file on to `inner`, keeping the pages to index.
pub struct SearchIndex<'a> {
    pub inner: &'a dyn Sink,
    pages: Mutex<Vec<(String, String)>>,
    /// HTML pages seen, marked or not (to tell a template that marks nothing).
    seen: AtomicUsize,
}

impl<'a> SearchIndex<'a> {
    pub fn new(inner: &'a dyn Sink) -> Self {
        SearchIndex {
            inner,
            pages: Mutex::new(Vec::new()),
            seen: AtomicUsize::new(0),
        }
    }

    /// Indexes the pages seen so far and puts the bundle into `out` (the caller's sink, which
    /// may be this one wrapped in others, so the bundle is link-indexed like any file).
    pub fn finish(&self, out: &dyn Sink) -> Vec<Diagnostic> {
        let pages = std::mem::take(&mut *self.pages.lock().unwrap_or_else(|e| e.into_inner()));
        if pages.is_empty() {
            return match self.seen.load(Ordering::Relaxed) {
                0 => Vec::new(),
                _ => vec![nothing_marked()],
            };
        }
        match bundle(pages) {
            Ok(files) => crate::output::put_all(out, files.into_iter().map(Ok)),
            Err(message) => vec![failure(&message)],
        }
    }
}

impl Sink for SearchIndex<'_> {
    fn put(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        self.inner.put(file)?;
        if file.path.ends_with(".html") {
            self.seen.fetch_add(1, Ordering::Relaxed);
        }
        if let Some(html) = indexable(file) {
            let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
            pages.push((file.path.clone(), html));
        }
        Ok(())
    }

    /// Files written in parts are the print editions, which no template marks for search.
    fn put_parts<'s>(
        &'s self,
        path: &str,
    ) -> Result<Box<dyn crate::output::PartWriter + Send + 's>, Diagnostic> {
        if path.ends_with(".html") {
            self.seen.fetch_add(1, Ordering::Relaxed);
        }
        self.inner.put_parts(path)
    }
}

/// Pagefind failed: not the site's fault, but the build cannot promise search.
fn failure(message: &str) -> Diagnostic {
    Diagnostic::error(
        "E0801",
        format!("the search index could not be built: {message}"),
    )
    .hint("build with --no-search (or set `[search] enabled = false`) to skip it, and report the problem")
}

/// Without marks, Pagefind would index whole pages, navigation and footers included: the
/// results would be noise, so no index is written.
fn nothing_marked() -> Diagnostic {
    Diagnostic::warning(
        "W0801",
        "search is on, but no page marks its content for the index (`data-pagefind-body`), so no search index was written",
    )
    .hint("add data-pagefind-body to the element that holds the page's content in your templates (the default base.html puts it on <article>), or set `[search] enabled = false`")
}

/// The copy of a page that Pagefind reads, when a template marked part of it for search: only
/// the head and the marked regions (see [`indexed_part`]), with header cells kept apart and
/// full-width letters and digits folded (see [`fold_width`]).
fn indexable(file: &OutputFile) -> Option<String> {
    if !file.path.ends_with(".html") {
        return None;
    }
    let html = std::str::from_utf8(&file.bytes).ok()?;
    let part = indexed_part(html)?;
    Some(fold_width(&separate_cells(&part)))
}

/// The head and the `data-pagefind-body` regions of `html`, without what lies between them.
/// Pagefind reads nothing else of a page that marks its content, and every page's sidebar
/// lists the site's sections, so keeping whole pages until the index is built held more than
/// needed (50.7 MB instead of 37.1 MB at 1,000 pages per language; Pagefind's own working set,
/// about 1 GB there, is the real cost, see BENCHMARKS.md). The page is kept whole when a dropped part
/// holds something Pagefind does read outside the regions: a `data-pagefind-*` attribute, the
/// first `<h1>` (the result's title) or an `<img>` (its image). None when nothing is marked.
fn indexed_part(html: &str) -> Option<String> {
    let regions = marked_regions(html);
    let first = regions.first()?;
    let body = html[..first.start].rfind("<body").unwrap_or(0);
    let head_end = body + html[body..].find('>').map_or(0, |i| i + 1);
    let mut dropped = vec![&html[head_end.min(first.start)..first.start]];
    dropped.extend(regions.windows(2).map(|w| &html[w[0].end..w[1].start]));
    dropped.push(&html[regions.last()?.end..]);
    let read_outside = |part: &&str| {
        part.contains("data-pagefind-") || part.contains("<h1") || part.contains("<img")
    };
    if dropped.iter().any(read_outside) {
        return Some(html.to_string());
    }
    let mut out =
        String::with_capacity(head_end + regions.iter().map(|r| r.len() + 1).sum::<usize>() + 16);
    out.push_str(&html[..head_end.min(first.start)]);
    for region in &regions {
        out.push('\n');
        out.push_str(&html[region.clone()]);
    }
    out.push_str("\n</body>\n</html>\n");
    Some(out)
}

/// The byte ranges of the elements that carry `data-pagefind-body` (outermost only, in order):
/// from their start tag to the end of the matching end tag, nested elements of the same name
/// counted. The attribute written as text (in a code sample) is not a mark.
fn marked_regions(html: &str) -> Vec<std::ops::Range<usize>> {
    const MARK: &str = "data-pagefind-body";
    let mut regions = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find(MARK).map(|i| from + i) {
        from = at + MARK.len();
        let Some(open) = html[..at].rfind('<') else {
            continue;
        };
        if html[open..at].contains('>') {
            continue;
        }
        let name: String = html[open + 1..at]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let Some(end) = closing_end(html, open, &name) else {
            continue;
        };
        regions.push(open..end);
        from = end;
    }
    regions
}

/// The end of the element named `name` that starts at `open`: just past its end tag.
fn closing_end(html: &str, open: usize, name: &str) -> Option<usize> {
    if name.is_empty() {
        return None;
    }
    let start_tag = format!("<{name}");
    let end_tag = format!("</{name}");
    let mut depth = 0usize;
    let mut at = open;
    loop {
        let next = html[at..].find('<').map(|i| at + i)?;
        let rest = &html[next..];
        let ends_name = |tag: &str| {
            let (rest, tag) = (rest.as_bytes(), tag.as_bytes());
            rest.len() > tag.len()
                && rest[..tag.len()].eq_ignore_ascii_case(tag)
                && !rest[tag.len()].is_ascii_alphanumeric()
        };
        if ends_name(&end_tag) {
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                return Some(next + rest.find('>')? + 1);
            }
        } else if ends_name(&start_tag) {
            depth += 1;
        }
        at = next + 1;
    }
}

/// The full-width forms of ASCII letters, digits and the marks that join a word ("ＨＥＲ２",
/// "ＰＤ－Ｌ１") as their half-width forms, in the copy that is indexed: Pagefind matches them
/// only exactly, and `theme/search.js` folds the query the same way, so either width finds the
/// other. Full-width punctuation that ends a phrase in Chinese (，。：（）) is left alone, as
/// are `＜＞＆＂＇`, which would change the HTML.
fn fold_width(text: &str) -> String {
    if !text.chars().any(|c| folded(c).is_some()) {
        return text.to_string();
    }
    text.chars().map(|c| folded(c).unwrap_or(c)).collect()
}

/// The half-width form of `c` when [`fold_width`] folds it (keep in step with
/// `theme/search.js`).
fn folded(c: char) -> Option<char> {
    match c {
        '０'..='９'
        | 'Ａ'..='Ｚ'
        | 'ａ'..='ｚ'
        | '－'
        | '＋'
        | '．'
        | '％'
        | '／'
        | '＿'
        | '＃'
        | '＠' => char::from_u32(c as u32 - 0xFEE0),
        _ => None,
    }
}

/// Pagefind ends a word at the end of a paragraph or a table cell (`td`), but not at the end of
/// a header cell or a definition list entry: `<th>HR</th><th>Population</th>` would be indexed
/// as one word "HRPopulation", the glossary's `<dt>CPS</dt><dd>combined …` as "CPScombined".
/// A space before those closing tags (in the copy that is indexed, not in the page) keeps the
/// words apart.
fn separate_cells(html: &str) -> String {
    let mut out = html.to_string();
    for tag in [
        "</th>",
        "</dt>",
        "</dd>",
        "</caption>",
        "</figcaption>",
        "</summary>",
    ] {
        if out.contains(tag) {
            out = out.replace(tag, &format!(" {tag}"));
        }
    }
    out
}

/// Runs Pagefind over `pages` (output path, HTML) and returns the bundle's files.
///
/// Pagefind builds each language's index on its own (its pages, words, fragments and files
/// are per language; only `pagefind-entry.json` lists them all), but one `PagefindIndex`
/// does all of its work on one thread. So each language gets its own index, on its own
/// thread, and the bundles are merged: the files are the same as one index would write.
pub fn bundle(pages: Vec<(String, String)>) -> Result<Vec<OutputFile>, String> {
    let groups = by_language(pages);
    if groups.len() < 2 {
        return index_one(groups.into_iter().flatten().collect());
    }
    let bundles = std::thread::scope(|scope| {
        let threads: Vec<_> = groups
            .into_iter()
            .map(|group| scope.spawn(move || index_one(group)))
            .collect();
        threads
            .into_iter()
            .map(|t| {
                t.join()
                    .unwrap_or_else(|_| Err("an indexing thread panicked".into()))
            })
            .collect::<Result<Vec<_>, String>>()
    })?;
    merge_bundles(bundles)
}

/// The pages grouped as Pagefind groups them: by the lowercased `lang` of `<html>`, pages
/// without one joining the language with the most pages (the first by name on a tie).
fn by_language(pages: Vec<(String, String)>) -> Vec<Vec<(String, String)>> {
    let mut groups: std::collections::BTreeMap<Option<String>, Vec<(String, String)>> =
        Default::default();
    for page in pages {
        groups.entry(html_lang(&page.1)).or_default().push(page);
    }
    let Some(unknown) = groups.remove(&None) else {
        return groups.into_values().collect();
    };
    let primary = groups
        .iter()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(a.0)))
        .map(|(lang, _)| lang.clone());
    groups.entry(primary.flatten()).or_default().extend(unknown);
    groups.into_values().collect()
}

/// The lowercased `lang` attribute of the page's `<html>` start tag, as Pagefind reads it
/// (quoted values may hold `>`).
fn html_lang(html: &str) -> Option<String> {
    let mut rest = &html[find_ignore_case(html, "<html")? + "<html".len()..];
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() || rest.starts_with('>') {
            return None;
        }
        let name_len = rest
            .find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
            .unwrap_or(rest.len())
            .max(1);
        let (name, after) = rest.split_at(name_len);
        let after = after.trim_start();
        let (value, next) = match after.strip_prefix('=').map(str::trim_start) {
            Some(v) => attribute_value(v),
            None => ("", after),
        };
        if name.eq_ignore_ascii_case("lang") {
            return Some(value.to_lowercase());
        }
        rest = next;
    }
}

/// A quoted or bare attribute value at the start of `text`, and what follows it.
fn attribute_value(text: &str) -> (&str, &str) {
    match text.chars().next() {
        Some(quote @ ('"' | '\'')) => match text[1..].find(quote) {
            Some(end) => (&text[1..1 + end], &text[2 + end..]),
            None => (&text[1..], ""),
        },
        _ => text.split_at(
            text.find(|c: char| c.is_ascii_whitespace() || c == '>')
                .unwrap_or(text.len()),
        ),
    }
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The bundles of the languages as one: files of the same name (the scripts and the
/// WebAssembly every bundle carries) kept once, and the languages listed in one entry file.
fn merge_bundles(bundles: Vec<Vec<OutputFile>>) -> Result<Vec<OutputFile>, String> {
    let entry_path = format!("{BUNDLE_DIR}/pagefind-entry.json");
    let mut entries = Vec::new();
    let mut files = std::collections::BTreeMap::new();
    for file in bundles.into_iter().flatten() {
        if file.path == entry_path {
            entries.push(file.bytes);
        } else if let Some(kept) = files.get(&file.path) {
            if *kept != file.bytes {
                return Err(format!("two languages wrote different {}", file.path));
            }
        } else {
            files.insert(file.path.clone(), file.bytes);
        }
    }
    files.insert(entry_path, merge_entries(&entries)?);
    Ok(files
        .into_iter()
        .map(|(path, bytes)| OutputFile { path, bytes })
        .collect())
}

/// `pagefind-entry.json`, the list of the bundle's languages, in Pagefind's own layout.
#[derive(serde::Deserialize, serde::Serialize)]
struct Entry {
    version: String,
    languages: std::collections::BTreeMap<String, EntryLanguage>,
    include_characters: Vec<char>,
}

#[derive(serde::Deserialize, serde::Serialize)]
struct EntryLanguage {
    hash: String,
    wasm: Option<String>,
    page_count: usize,
}

fn merge_entries(entries: &[Vec<u8>]) -> Result<Vec<u8>, String> {
    let mut merged: Option<Entry> = None;
    for bytes in entries {
        let entry: Entry = serde_json::from_slice(bytes)
            .map_err(|e| format!("pagefind-entry.json could not be read: {e}"))?;
        let Some(merged) = merged.as_mut() else {
            merged = Some(entry);
            continue;
        };
        for (language, meta) in entry.languages {
            if merged.languages.insert(language.clone(), meta).is_some() {
                return Err(format!("two indexes hold the language {language}"));
            }
        }
    }
    let merged = merged.ok_or("Pagefind wrote no pagefind-entry.json")?;
    serde_json::to_vec(&merged).map_err(|e| e.to_string())
}

/// One `PagefindIndex` over `pages`, in path order (Pagefind numbers pages in the order they
/// are added).
fn index_one(mut pages: Vec<(String, String)>) -> Result<Vec<OutputFile>, String> {
    pages.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(index_pages(pages))
}

async fn index_pages(pages: Vec<(String, String)>) -> Result<Vec<OutputFile>, String> {
    let options = pagefind::options::PagefindServiceConfig::builder()
        .keep_index_url(true)
        .exclude_selectors(IGNORED.iter().map(|s| s.to_string()).collect())
        .build();
    let mut index = pagefind::api::PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
    for (path, html) in pages {
        // The URL is the output path from the root; the theme prefixes the site's own root.
        let url = format!("/{path}");
        index
            .add_html_file(None, Some(url), html)
            .await
            .map_err(|e| format!("{path}: {e}"))?;
    }
    let files = index.get_files().await.map_err(|e| e.to_string())?;
    let mut out: Vec<OutputFile> = files
        .into_iter()
        .filter_map(|f| {
            let name = f.filename.to_string_lossy().replace('\\', "/");
            wanted(&name).then(|| OutputFile {
                path: format!("{BUNDLE_DIR}/{name}"),
                bytes: f.contents,
            })
        })
        .collect();
    out.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// A trial's name and aliases as a reader may type them ("CheckMate 649", "CheckMate-649",
/// "checkmate649"), in a hidden paragraph that only the index reads, weighted like a title.
pub fn trial_names_html(name: &str, aliases: &[String]) -> String {
    let mut variants: Vec<String> = Vec::new();
    for written in std::iter::once(name).chain(aliases.iter().map(String::as_str)) {
        let joined: String = written.chars().filter(|c| *c != ' ' && *c != '-').collect();
        for v in [
            written.to_string(),
            written.replace('-', " "),
            written.replace(' ', "-"),
            joined,
        ] {
            if !variants.contains(&v) {
                variants.push(v);
            }
        }
    }
    format!(
        "<p class=\"search-names\" hidden data-pagefind-weight=\"7\">{}</p>\n",
        crate::markup::highlight::escape_html(&variants.join(" · "))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trial_names_cover_hyphen_space_and_joined() {
        let html = trial_names_html("CheckMate 649", &["CM-649".to_string()]);
        for v in [
            "CheckMate 649",
            "CheckMate-649",
            "CheckMate649",
            "CM 649",
            "CM-649",
            "CM649",
        ] {
            assert!(html.contains(v), "{v} missing from {html}");
        }
    }

    #[test]
    fn a_failed_index_is_an_error_naming_the_way_out() {
        let d = failure("disk full");
        assert_eq!(d.code, "E0801");
        assert!(d.message.ends_with("disk full"), "{}", d.message);
        assert!(
            d.hint
                .as_deref()
                .unwrap_or_default()
                .contains("--no-search")
        );
    }

    #[test]
    fn pages_without_marks_are_not_indexed() {
        let page = |html: &str| OutputFile {
            path: "en/a/index.html".into(),
            bytes: html.as_bytes().to_vec(),
        };
        assert!(indexable(&page("<html><body><article data-pagefind-body>x</article>")).is_some());
        assert!(indexable(&page("<html><body><article>x</article>")).is_none());
        let mut csv = page("data-pagefind-body");
        csv.path = "en/a/t.csv".into();
        assert!(indexable(&csv).is_none());
    }

    #[test]
    fn only_the_head_and_the_marked_regions_are_kept() {
        let page = "<html lang=\"en\"><head><title>T</title></head><body class=\"k\">\
                    <nav><a href=\"x\">every page of the site</a></nav>\
                    <article data-pagefind-body><article>inner</article><h1>Title</h1></article>\
                    <footer>evidoc</footer><div data-pagefind-body>second</div></body></html>";
        let part = indexed_part(page).unwrap();
        assert_eq!(
            part,
            "<html lang=\"en\"><head><title>T</title></head><body class=\"k\">\n\
             <article data-pagefind-body><article>inner</article><h1>Title</h1></article>\n\
             <div data-pagefind-body>second</div>\n</body>\n</html>\n"
        );
        // The mark written as text is not a mark.
        assert!(indexed_part("<body><p>data-pagefind-body</p></body>").is_none());
    }

    #[test]
    fn a_page_is_kept_whole_when_pagefind_reads_outside_its_regions() {
        for outside in [
            "<h1>Site</h1>",
            "<img src=a.png>",
            "<p data-pagefind-meta=\"x\">y</p>",
        ] {
            let page =
                format!("<html><body>{outside}<main data-pagefind-body>x</main></body></html>");
            assert_eq!(indexed_part(&page).unwrap(), page);
        }
    }

    #[test]
    fn full_width_letters_and_digits_are_folded_but_not_punctuation() {
        assert_eq!(
            fold_width("ＨＥＲ２ 阴性，ＰＤ－Ｌ１ ＣＰＳ≥５"),
            "HER2 阴性，PD-L1 CPS≥5"
        );
        assert_eq!(fold_width("（＜ｂ＞＆）"), "（＜b＞＆）");
    }

    #[test]
    fn header_cells_and_definitions_stay_separate_words() {
        assert_eq!(
            separate_cells("<tr><th>HR</th><th>OS</th></tr><dt>CPS</dt><dd>combined</dd>"),
            "<tr><th>HR </th><th>OS </th></tr><dt>CPS </dt><dd>combined </dd>"
        );
    }

    #[test]
    fn the_language_is_read_as_pagefind_reads_it() {
        assert_eq!(
            html_lang("<!doctype html><html lang=\"zh-CN\">").as_deref(),
            Some("zh-cn")
        );
        assert_eq!(
            html_lang("<HTML\n  class=x\n  LANG='en'>").as_deref(),
            Some("en")
        );
        assert_eq!(
            html_lang("<html data-lang=\"fr\" lang=de>").as_deref(),
            Some("de")
        );
        assert_eq!(html_lang("<html class=\"a lang=fr\">"), None);
        assert_eq!(
            html_lang("<html data-x=\"a>b\" lang=en>").as_deref(),
            Some("en")
        );
        assert_eq!(html_lang("<html lang>").as_deref(), Some(""));
        assert_eq!(html_lang("<html><body lang=en>"), None);
        assert_eq!(html_lang("<p>no html element</p>"), None);
    }

    #[test]
    fn pages_without_a_language_join_the_largest_language() {
        let page = |path: &str, lang: Option<&str>| {
            let attr = lang.map(|l| format!(" lang=\"{l}\"")).unwrap_or_default();
            (
                path.to_string(),
                format!("<html{attr}><body>x</body></html>"),
            )
        };
        let groups = by_language(vec![
            page("en/a", Some("en")),
            page("zh/a", Some("zh")),
            page("zh/b", Some("ZH")),
            page("x", None),
        ]);
        let paths: Vec<Vec<&str>> = groups
            .iter()
            .map(|g| g.iter().map(|(p, _)| p.as_str()).collect())
            .collect();
        assert_eq!(paths, vec![vec!["en/a"], vec!["zh/a", "zh/b", "x"]]);
    }

    #[test]
    fn bundles_merge_into_one_entry_and_shared_files_once() {
        let file = |path: &str, bytes: &str| OutputFile {
            path: format!("{BUNDLE_DIR}/{path}"),
            bytes: bytes.as_bytes().to_vec(),
        };
        let entry = |lang: &str| {
            format!(
                r#"{{"version":"1.6.0","languages":{{"{lang}":{{"hash":"{lang}_1","wasm":null,"page_count":2}}}},"include_characters":["_"]}}"#
            )
        };
        let zh = vec![
            file("pagefind.js", "js"),
            file("pagefind-entry.json", &entry("zh")),
        ];
        let en = vec![
            file("pagefind-entry.json", &entry("en")),
            file("pagefind.js", "js"),
        ];
        let merged = merge_bundles(vec![zh, en.clone()]).unwrap();
        let paths: Vec<&str> = merged.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            ["pagefind/pagefind-entry.json", "pagefind/pagefind.js"]
        );
        assert_eq!(
            String::from_utf8(merged[0].bytes.clone()).unwrap(),
            r#"{"version":"1.6.0","languages":{"en":{"hash":"en_1","wasm":null,"page_count":2},"zh":{"hash":"zh_1","wasm":null,"page_count":2}},"include_characters":["_"]}"#
        );
        let err = merge_bundles(vec![en.clone(), en]).unwrap_err();
        assert!(err.contains("language en"), "{err}");
    }

    #[test]
    fn the_ready_made_interfaces_are_left_out() {
        assert!(wanted("pagefind.js"));
        assert!(wanted("pagefind-entry.json"));
        assert!(wanted("index/zh_1a2b.pf_index"));
        assert!(!wanted("pagefind-ui.js"));
        assert!(!wanted("pagefind-component-ui.css"));
    }
}
