//! The build as a straight list of stages: load, render, write.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::content::ContentTree;
use crate::diagnostics::{Diagnostics, Failed};
use crate::i18n::{self, Strings};
use crate::render::{self, SiteInput};
use crate::templates::Templates;

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
}

/// A site read from disk and validated: everything rendering needs.
pub struct LoadedSite {
    pub root: PathBuf,
    pub config: Config,
    pub tree: ContentTree,
    pub templates: Templates,
    pub strings: BTreeMap<String, Strings>,
    pub trials: HashSet<String>,
    pub data: crate::data::TrialData,
    pub bibliography: crate::bibliography::Bibliography,
    pub glossary: crate::glossary::Glossary,
}

impl LoadedSite {
    pub fn content_dir(&self) -> PathBuf {
        self.root.join(&self.config.content_dir)
    }

    pub fn input(&self) -> SiteInput<'_> {
        SiteInput {
            config: &self.config,
            root: &self.root,
            tree: &self.tree,
            templates: &self.templates,
            strings: &self.strings,
            trials: &self.trials,
            data: &self.data,
            bibliography: &self.bibliography,
            glossary: &self.glossary,
        }
    }
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

/// Loads and validates a site. Fails on the first stage that cannot go on (bad config).
pub fn load_site(opts: &BuildOptions, diags: &mut Diagnostics) -> Result<LoadedSite, Failed> {
    let mut config = Config::load(&opts.root)?;
    if let Some(url) = &opts.base_url {
        config.base_url = url.clone();
    }
    let content_dir = opts.root.join(&config.content_dir);
    if !content_dir.is_dir() {
        return Err(crate::diagnostics::Diagnostic::error(
            "E0004",
            format!("content folder `{}` does not exist", content_dir.display()),
        )
        .hint("create it, or set `content_dir` in evidoc.toml")
        .into());
    }
    let mut tree = crate::load::load_content(&config, &content_dir, diags);
    report_missing_translations(&config, &tree, diags);
    let data = crate::data::load_trial_data(&content_dir, &config.language_codes(), diags);
    let templates = Templates::load(&opts.root.join("templates"))?;
    let strings = config
        .languages
        .iter()
        .map(|l| (l.code.clone(), i18n::strings(&l.code, &l.strings)))
        .collect();
    let bibliography =
        crate::bibliography::load_bibliography(&content_dir, &config.language_codes(), diags);
    crate::trial_pages::add_trial_nodes(&mut tree, &data, &strings);
    if bibliography.library.is_some() || !bibliography.unidentified.is_empty() {
        crate::trial_pages::add_generated_node(
            &mut tree,
            crate::content::NodeKind::References,
            "references",
            "references",
            &strings,
        );
    }
    let glossary = crate::glossary::load_glossary(&content_dir, &config.language_codes(), diags);
    if !glossary.is_empty() {
        crate::trial_pages::add_generated_node(
            &mut tree,
            crate::content::NodeKind::Glossary,
            "glossary",
            "glossary",
            &strings,
        );
    }
    if !data.trials.is_empty() {
        crate::trial_pages::add_generated_node(
            &mut tree,
            crate::content::NodeKind::SourceNotes,
            "source-notes",
            "source_notes",
            &strings,
        );
    }
    let trials = data.ids();
    Ok(LoadedSite {
        root: opts.root.clone(),
        config,
        tree,
        templates,
        strings,
        trials,
        data,
        bibliography,
        glossary,
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
                    crate::diagnostics::Diagnostic::warning("W0101", format!("page has no `{lang}` translation"))
                        .at(crate::diagnostics::Location::file(&present.source.path))
                        .hint(format!("add `{wanted}` next to it; until then readers of `{lang}` see a page that links to the other languages")),
                );
            }
        }
    }
}

/// Renders every output file, collecting problems into `diags`; then checks that every link
/// in the output leads somewhere (only when the sources themselves were fine, to avoid echoes).
pub fn render_site(
    site: &LoadedSite,
    diags: &mut Diagnostics,
    sink: &dyn render::Sink,
) -> Vec<String> {
    crate::timing::stage("check content", || {
        crate::check::content_checks(site, diags)
    });
    let links = render::render_site(&site.input(), diags, sink);
    if diags.error_count() == 0 {
        for broken in crate::timing::stage("check output links", || links.broken()) {
            diags.push(broken.diagnostic());
        }
    }
    links.paths()
}

/// `evidoc build`: load, render, and (only if nothing failed) replace the output folder.
pub fn build(opts: &BuildOptions) -> Result<BuildSummary, Failed> {
    let started = Instant::now();
    let mut diags = Diagnostics::default();
    let site = match crate::timing::stage("load", || load_site(opts, &mut diags)) {
        Ok(site) => site,
        Err(Failed(mut fatal)) => {
            diags.items.append(&mut fatal.items);
            return Err(Failed(diags));
        }
    };
    let output = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join(&site.config.output_dir));
    let checked = crate::write::check_output_dir(&site.root, &site.content_dir(), &output)
        .and_then(|()| crate::write::check_output_owner(&output, opts.force));
    if let Err(d) = checked {
        diags.push(d);
        return Err(Failed(diags));
    }
    let staging = match crate::write::Staging::create(&output) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return Err(Failed(diags));
        }
    };
    let files = render_site(&site, &mut diags, &staging);
    diags.sort();
    if diags.is_failure(opts.strict) {
        staging.abandon();
        return Err(Failed(diags));
    }
    if let Err(d) = crate::timing::stage("commit output", || staging.commit()) {
        diags.push(d);
        return Err(Failed(diags));
    }
    Ok(BuildSummary {
        pages: pages_per_language(&site.config, &files),
        files: files.len(),
        written: files.clone(),
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
