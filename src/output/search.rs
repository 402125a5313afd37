//! The static search index: Pagefind, run as a library on the pages of the build, writes a
//! bundle (`pagefind/`) that the browser searches with no server. Chinese is segmented into
//! words and character pairs (Pagefind's `extended` feature), so part of a word still matches.
//!
//! Pages are not rendered twice: [`SearchIndex`] is a sink wrapper that keeps the HTML of each
//! page marked for search (`data-pagefind-body`) as it streams past, and [`SearchIndex::finish`]
//! indexes them in path order (so two builds write the same bundle) and puts the bundle into the
//! sink with every other file, inside the writer's atomic swap.

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

/// A page's HTML when a template marked part of it for search.
fn indexable(file: &OutputFile) -> Option<String> {
    if !file.path.ends_with(".html") {
        return None;
    }
    let html = std::str::from_utf8(&file.bytes).ok()?;
    html.contains("data-pagefind-body")
        .then(|| separate_cells(html))
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
pub fn bundle(mut pages: Vec<(String, String)>) -> Result<Vec<OutputFile>, String> {
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
    fn header_cells_and_definitions_stay_separate_words() {
        assert_eq!(
            separate_cells("<tr><th>HR</th><th>OS</th></tr><dt>CPS</dt><dd>combined</dd>"),
            "<tr><th>HR </th><th>OS </th></tr><dt>CPS </dt><dd>combined </dd>"
        );
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
