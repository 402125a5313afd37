//! The commands' pipelines, stage after stage: read the sources, resolve the site model, check
//! it, render every output into a sink, check the output's links, and (for `build`) replace
//! the output folder only if nothing failed. The one place that calls both the build stages
//! and the checks.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::check::links::{Indexing, LinkIndex, LinkTargets};
use crate::diagnostics::timing::stage;
use crate::diagnostics::{Diagnostics, Failed};
use crate::output::Sink;
use crate::output::search::SearchIndex;
use crate::site::{Site, Sources};
use crate::source::config::Config;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Overrides `output_dir` from the configuration.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from the configuration.
    pub base_url: Option<String>,
    /// Warnings fail the build.
    pub strict: bool,
    /// Replace an output folder that evidoc did not write.
    pub force: bool,
    /// Also print the print editions to PDF, into the site (needs a browser).
    pub pdf: bool,
    /// Skip the search index (and the search box), whatever `[search]` says.
    pub no_search: bool,
}

#[derive(Debug)]
pub struct BuildSummary {
    pub output: PathBuf,
    /// Pages written per language, in configuration order.
    pub pages: Vec<(String, usize)>,
    pub files: usize,
    /// Paths of the files written, relative to the output folder.
    pub written: Vec<String>,
    pub diagnostics: Diagnostics,
    pub elapsed: Duration,
}

/// Reads and validates a site's sources (see [`crate::site::load`]).
pub fn load_site(opts: &BuildOptions, diags: &mut Diagnostics) -> Result<Sources, Failed> {
    crate::site::load(&opts.root, opts.base_url.as_deref(), diags)
}

/// Checks the sources, resolves the site model and renders every output into `sink`; then
/// checks that every link in the output leads somewhere (only when the sources themselves were
/// fine, to avoid echoes). Returns the model and the files rendered, with their pages' ids.
pub fn render_site(
    sources: Sources,
    diags: &mut Diagnostics,
    sink: &dyn Sink,
) -> (Site, LinkTargets) {
    render_site_then(sources, diags, sink, &|_, _| Vec::new())
}

/// [`render_site`], with `then` run after every output was rendered and before the output's
/// links are checked: it may add files (the PDFs of `build --pdf`) that pages link to.
pub fn render_site_then(
    sources: Sources,
    diags: &mut Diagnostics,
    sink: &dyn Sink,
    then: &dyn Fn(&Site, &dyn Sink) -> Vec<crate::diagnostics::Diagnostic>,
) -> (Site, LinkTargets) {
    let site = Site::resolve_checked(sources, diags, &crate::check::parity::page_checks);
    let links = LinkIndex::default();
    let search = site
        .sources
        .config
        .search
        .enabled
        .then(|| SearchIndex::new(sink));
    let indexing = Indexing {
        inner: search.as_ref().map_or(sink, |s| s as &dyn Sink),
        links: &links,
    };
    diags.extend(crate::output::render_all(&site, &indexing));
    if let Some(search) = &search {
        if diags.error_count() == 0 {
            diags.extend(stage("search index", || search.finish(&indexing)));
        }
    }
    if diags.error_count() == 0 {
        diags.extend(then(&site, &indexing));
    }
    if diags.error_count() == 0 {
        for broken in stage("check output links", || links.broken()) {
            diags.push(broken.diagnostic());
        }
    }
    (site, links.into_targets())
}

/// `evidoc build`: load, render, and (only if nothing failed) replace the output folder.
pub fn build(opts: &BuildOptions) -> Result<BuildSummary, Failed> {
    let started = Instant::now();
    let mut diags = Diagnostics::default();
    let browser = match opts.pdf.then(crate::pdf::find_browser).transpose() {
        Ok(browser) => browser,
        Err(d) => {
            diags.push(d);
            return Err(Failed(diags));
        }
    };
    let mut sources = match stage("load", || load_site(opts, &mut diags)) {
        Ok(sources) => sources,
        Err(Failed(mut fatal)) => {
            diags.items.append(&mut fatal.items);
            return Err(Failed(diags));
        }
    };
    if opts.no_search {
        sources.config.search.enabled = false;
    }
    let output = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join(&sources.config.output_dir));
    let checked =
        crate::write::disk::check_output_dir(&sources.root, &sources.content_dir(), &output)
            .and_then(|()| crate::write::disk::check_output_owner(&output, opts.force));
    if let Err(d) = checked {
        diags.push(d);
        return Err(Failed(diags));
    }
    let staging = match crate::write::disk::Staging::create(&output) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return Err(Failed(diags));
        }
    };
    sources.config.print.with_pdf = browser.is_some();
    let staged = staging.dir().to_path_buf();
    let print_pdfs = |site: &Site, sink: &dyn Sink| match &browser {
        Some(browser) => stage("print PDFs", || {
            pdfs_into_site(site, browser, &staged, sink)
        }),
        None => Vec::new(),
    };
    let (site, targets) = render_site_then(sources, &mut diags, &staging, &print_pdfs);
    let files = targets.paths();
    diags.sort();
    if diags.is_failure(opts.strict) {
        staging.abandon();
        return Err(Failed(diags));
    }
    if let Err(d) = stage("commit output", || staging.commit()) {
        diags.push(d);
        return Err(Failed(diags));
    }
    let summary = BuildSummary {
        pages: pages_per_language(&site.sources.config, &files),
        files: files.len(),
        written: files,
        output,
        diagnostics: diags,
        elapsed: started.elapsed(),
    };
    drop_later((site, targets));
    Ok(summary)
}

/// Frees `value` on a thread of its own. The site model of a big site is hundreds of megabytes
/// of small allocations (400 MB at 10,000 pages per language), which take a second to free one
/// by one: a command about to exit need not wait for that.
pub fn drop_later<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// Prints each print edition staged in `staged` to a PDF beside it, handed to `sink` like any
/// file of the site (so it is committed with the rest, or not at all).
fn pdfs_into_site(
    site: &Site,
    browser: &Path,
    staged: &Path,
    sink: &dyn Sink,
) -> Vec<crate::diagnostics::Diagnostic> {
    let mut problems = Vec::new();
    for edition in crate::output::handout::editions(site) {
        let page = staged.join(&edition.path);
        let folder = edition.path.trim_end_matches("index.html");
        let pdf = staged.join(folder).join(&edition.pdf);
        let printed = print_numbered(browser, &page, &pdf).and_then(|numbered| {
            sink.put(&crate::output::OutputFile {
                path: edition.path.clone(),
                bytes: numbered.into_bytes(),
            })?;
            let bytes = std::fs::read(&pdf).map_err(|e| pdf_write_error(&pdf, &e))?;
            sink.put(&crate::output::OutputFile {
                path: format!("{folder}{}", edition.pdf),
                bytes,
            })
        });
        problems.extend(printed.err());
    }
    problems
}

/// Prints `page` to `pdf` twice: the first print's outline gives each section's page, written
/// into the table of contents of `page` (on disk) before the second. Returns the numbered HTML.
fn print_numbered(
    browser: &Path,
    page: &Path,
    pdf: &Path,
) -> Result<String, crate::diagnostics::Diagnostic> {
    crate::pdf::print(browser, page, pdf)?;
    let bytes = std::fs::read(pdf).map_err(|e| pdf_write_error(pdf, &e))?;
    let html = std::fs::read_to_string(page).map_err(|e| pdf_write_error(page, &e))?;
    let numbered = crate::output::handout::number_toc(&html, &crate::pdf::outline(&bytes));
    std::fs::write(page, &numbered).map_err(|e| pdf_write_error(page, &e))?;
    crate::pdf::print(browser, page, pdf)?;
    Ok(numbered)
}

fn pdf_write_error(path: &Path, e: &std::io::Error) -> crate::diagnostics::Diagnostic {
    crate::diagnostics::Diagnostic::error("E0604", format!("cannot write the PDF: {e}"))
        .at(crate::diagnostics::Location::file(path))
        .hint("check that the folder exists and is writable")
}

/// What `evidoc pdf` wrote.
#[derive(Debug)]
pub struct PdfSummary {
    pub written: Vec<PathBuf>,
    pub diagnostics: Diagnostics,
    pub elapsed: Duration,
}

/// `evidoc pdf`: builds the site in a temporary folder (nothing is written to the site's
/// output) and prints its print editions to PDF into `output` (default: `handouts/` in the
/// site root): `handout-<lang>.pdf` per language and `handout-<a>-<b>.pdf` side by side.
pub fn pdf(opts: &BuildOptions) -> Result<PdfSummary, Failed> {
    let started = Instant::now();
    let mut diags = Diagnostics::default();
    let fail = |mut diags: Diagnostics, d: crate::diagnostics::Diagnostic| {
        diags.push(d);
        Err(Failed(diags))
    };
    let browser = match crate::pdf::find_browser() {
        Ok(b) => b,
        Err(d) => return fail(diags, d),
    };
    let sources = match stage("load", || load_site(opts, &mut diags)) {
        Ok(sources) => sources,
        Err(Failed(mut fatal)) => {
            diags.items.append(&mut fatal.items);
            return Err(Failed(diags));
        }
    };
    let output = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join("handouts"));
    let scratch = std::env::temp_dir().join(format!("evidoc-pdf-{}", std::process::id()));
    let staging = match crate::write::disk::Staging::create(&scratch.join("site")) {
        Ok(s) => s,
        Err(d) => return fail(diags, d),
    };
    let (site, _) = render_site(sources, &mut diags, &staging);
    diags.sort();
    if diags.is_failure(opts.strict) {
        staging.abandon();
        let _ = std::fs::remove_dir_all(&scratch);
        return Err(Failed(diags));
    }
    let printed = print_editions(&site, &browser, staging.dir(), &output);
    staging.abandon();
    let _ = std::fs::remove_dir_all(&scratch);
    match printed {
        Ok(written) => Ok(PdfSummary {
            written,
            diagnostics: diags,
            elapsed: started.elapsed(),
        }),
        Err(d) => fail(diags, d),
    }
}

fn print_editions(
    site: &Site,
    browser: &Path,
    staged: &Path,
    output: &Path,
) -> Result<Vec<PathBuf>, crate::diagnostics::Diagnostic> {
    std::fs::create_dir_all(output).map_err(|e| pdf_write_error(output, &e))?;
    let mut written = Vec::new();
    for edition in crate::output::handout::editions(site) {
        let pdf = output.join(&edition.pdf);
        stage("print PDF", || {
            print_numbered(browser, &staged.join(&edition.path), &pdf)
        })?;
        written.push(pdf);
    }
    Ok(written)
}

fn pages_per_language(config: &Config, files: &[String]) -> Vec<(String, usize)> {
    config
        .languages
        .iter()
        .map(|l| {
            let prefix = format!("{}/", l.code);
            let count = files
                .iter()
                .filter(|f| f.starts_with(&prefix) && f.ends_with(".html"))
                .count();
            (l.code.clone(), count)
        })
        .collect()
}

/// Shown paths are relative to the current folder when possible.
pub fn display_path(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd)
        .unwrap_or(path)
        .display()
        .to_string()
}
