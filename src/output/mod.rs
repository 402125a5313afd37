//! Stage 4, outputs: renderers that turn the site model into files in memory. None of them
//! reads a file or writes one: each hands its files to a [`Sink`] (the writer's staging folder,
//! the dev server's memory, or nothing for `check`).
//!
//! Every output is an [`Output`]: the web pages ([`web::WebPages`]) and each generated file
//! ([`files`]). A new output (a handout, a search index) is one more `Output` in [`outputs`];
//! it renders from the same [`Site`] and touches no other renderer.

pub mod aliases;
pub mod editions;
pub mod files;
pub mod glossary_page;
pub mod handout;
pub mod parallel;
pub mod print;
pub mod references;
pub mod search;
pub mod source_notes;
pub mod trial_pages;
pub mod views;
pub mod web;

use crate::diagnostics::Diagnostic;
use crate::site::Site;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go as soon as they exist. Handing files over one by one keeps memory
/// flat for large sites: no output holds the whole site.
pub trait Sink: Sync {
    fn put(&self, file: &OutputFile) -> Result<(), Diagnostic>;

    /// Starts the file at `path`, written part by part: for a file too large to hold whole
    /// (the print editions of a big site, which hold every page). Each part of an HTML file is
    /// whole elements, so a sink may read each part on its own. The default collects the parts
    /// and puts the file when finished; sinks that can stream (the disk) do.
    fn put_parts<'s>(&'s self, path: &str) -> Result<Box<dyn PartWriter + Send + 's>, Diagnostic> {
        Ok(Box::new(Collect {
            sink: self,
            file: OutputFile {
                path: path.to_string(),
                bytes: Vec::new(),
            },
        }))
    }
}

/// A file being written in parts (see [`Sink::put_parts`]).
pub trait PartWriter {
    fn write_part(&mut self, part: &[u8]) -> Result<(), Diagnostic>;
    /// The file is complete.
    fn finish(self: Box<Self>) -> Result<(), Diagnostic>;

    /// Writes the last part and finishes.
    fn finish_with(mut self: Box<Self>, last: &[u8]) -> Result<(), Diagnostic> {
        self.write_part(last)?;
        self.finish()
    }
}

/// The parts of a file collected in memory, put whole when finished.
struct Collect<'s, S: Sink + ?Sized> {
    sink: &'s S,
    file: OutputFile,
}

impl<S: Sink + ?Sized> PartWriter for Collect<'_, S> {
    fn write_part(&mut self, part: &[u8]) -> Result<(), Diagnostic> {
        self.file.bytes.extend_from_slice(part);
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<(), Diagnostic> {
        self.sink.put(&self.file)
    }
}

/// Discards files (for `check`, which only wants the diagnostics).
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: &OutputFile) -> Result<(), Diagnostic> {
        Ok(())
    }

    fn put_parts<'s>(&'s self, _: &str) -> Result<Box<dyn PartWriter + Send + 's>, Diagnostic> {
        Ok(Box::new(Discard))
    }
}

impl PartWriter for Discard {
    fn write_part(&mut self, _: &[u8]) -> Result<(), Diagnostic> {
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<(), Diagnostic> {
        Ok(())
    }
}

/// One kind of output of the site model.
pub trait Output: Sync {
    /// A name for timings (`EVIDOC_TIMINGS=1`).
    fn name(&self) -> &'static str;
    /// Renders every file of this output into `sink`; returns the problems found.
    fn render(&self, site: &Site, sink: &dyn Sink) -> Vec<Diagnostic>;
}

/// Every output `evidoc build` writes, in order.
pub fn outputs() -> Vec<Box<dyn Output>> {
    vec![
        Box::new(web::WebPages),
        Box::new(files::Landing),
        Box::new(files::ContentsPages),
        Box::new(files::Sitemap),
        Box::new(files::TrialsJson),
        Box::new(files::Robots),
        Box::new(files::Assets),
        Box::new(aliases::Redirects),
    ]
}

/// Renders every output into `sink`.
pub fn render_all(site: &Site, sink: &dyn Sink) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for output in outputs() {
        problems.extend(crate::diagnostics::timing::stage(output.name(), || {
            output.render(site, sink)
        }));
    }
    problems
}

/// Puts each file into `sink`, collecting the problems of those it refused.
pub fn put_all(
    sink: &dyn Sink,
    files: impl IntoIterator<Item = Result<OutputFile, Diagnostic>>,
) -> Vec<Diagnostic> {
    files
        .into_iter()
        .filter_map(|file| file.and_then(|f| sink.put(&f)).err())
        .collect()
}
