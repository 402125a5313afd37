//! The commands' pipelines, stage after stage: read the sources, resolve the site model, check
//! it, render every output into a sink, check the output's links, and (for `build`) replace
//! the output folder only if nothing failed. The one place that calls both the build stages
//! and the checks.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::check::links::{Indexing, LinkIndex};
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
/// fine, to avoid echoes). Returns the model and the paths of the files rendered.
pub fn render_site(
    sources: Sources,
    diags: &mut Diagnostics,
    sink: &dyn Sink,
) -> (Site, Vec<String>) {
    stage("check content", || {
        crate::check::parity::content_checks(&sources, diags)
    });
    let site = Site::resolve(sources, diags);
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
        for broken in stage("check output links", || links.broken()) {
            diags.push(broken.diagnostic());
        }
    }
    (site, links.paths())
}

/// `evidoc build`: load, render, and (only if nothing failed) replace the output folder.
pub fn build(opts: &BuildOptions) -> Result<BuildSummary, Failed> {
    let started = Instant::now();
    let mut diags = Diagnostics::default();
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
    let (site, files) = render_site(sources, &mut diags, &staging);
    diags.sort();
    if diags.is_failure(opts.strict) {
        staging.abandon();
        return Err(Failed(diags));
    }
    if let Err(d) = stage("commit output", || staging.commit()) {
        diags.push(d);
        return Err(Failed(diags));
    }
    Ok(BuildSummary {
        pages: pages_per_language(&site.sources.config, &files),
        files: files.len(),
        written: files,
        output,
        diagnostics: diags,
        elapsed: started.elapsed(),
    })
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
