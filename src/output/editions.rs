//! The print editions (one per language, and the side-by-side one), written while the web
//! pages render: each page's body is rendered once, for its web page, and the same body goes
//! into every edition. The editions stream into the sink section by section, in document
//! order, so no edition is held whole: on a big site each is larger than all the rest of the
//! build's memory.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::output::handout::{self, Anchors, Section};
use crate::output::{PartWriter, Sink, parallel, print};
use crate::site::Site;
use crate::source::content::NodeId;

/// What the editions need to know before any page is rendered.
pub struct Editions<'a> {
    site: &'a Site,
    sections: Vec<Section>,
    /// Index in `sections`, by page.
    index: HashMap<NodeId, usize>,
    print: Vec<PrintEdition<'a>>,
    parallel: Option<([&'a str; 2], Anchors)>,
    /// Problems of `[print] sections`.
    pub problems: Vec<Diagnostic>,
}

struct PrintEdition<'a> {
    lang: &'a str,
    anchors: Anchors,
}

/// A page's body in one language, as its web page shows it (`None`: no body in that language).
pub type Body<'a> = (&'a str, Option<String>);

impl<'a> Editions<'a> {
    pub fn new(site: &'a Site) -> Editions<'a> {
        let (sections, problems) = handout::sections(site);
        let index = sections
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        let print = site
            .sources
            .config
            .languages
            .iter()
            .map(|l| PrintEdition {
                lang: &l.code,
                anchors: print::anchors(site, &present(site, &sections, &l.code), &l.code),
            })
            .collect();
        let parallel = site
            .sources
            .config
            .parallel_pair()
            .map(|langs| (langs, parallel::anchors(site, &sections, langs)));
        Editions {
            site,
            sections,
            index,
            print,
            parallel,
            problems,
        }
    }

    /// Every page of the site, those in the editions first, in the editions' order.
    pub fn render_order(&self) -> Vec<NodeId> {
        let mut order: Vec<NodeId> = self.sections.iter().map(|s| s.id).collect();
        order.extend(
            self.site
                .order
                .iter()
                .filter(|id| !self.index.contains_key(id)),
        );
        order
    }

    /// Each edition's path and what comes before its first section.
    pub fn openings(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .print
            .iter()
            .map(|p| {
                let present = present(self.site, &self.sections, p.lang);
                (
                    print::doc_path(p.lang),
                    print::opening(self.site, &present, p.lang),
                )
            })
            .collect();
        if let Some((langs, _)) = &self.parallel {
            out.push((
                parallel::doc_path(*langs),
                parallel::opening(self.site, &self.sections, *langs),
            ));
        }
        out
    }

    /// The part of each edition (in the order of [`Editions::openings`]) that page `id` gives,
    /// from its bodies; nothing for a page the editions leave out.
    pub fn parts(&self, id: NodeId, bodies: &[Body]) -> PageParts {
        let Some(section) = self.index.get(&id).map(|&i| &self.sections[i]) else {
            return PageParts::default();
        };
        let body = |lang: &str| {
            bodies
                .iter()
                .find(|(l, _)| *l == lang)
                .and_then(|(_, b)| b.as_deref())
        };
        let mut parts: Vec<Option<String>> = self
            .print
            .iter()
            .map(|p| {
                body(p.lang).map(|b| print::section(self.site, &p.anchors, section, p.lang, b))
            })
            .collect();
        let mut warnings = Vec::new();
        if let Some((langs, anchors)) = &self.parallel {
            let (html, differs) =
                parallel::section(self.site, anchors, section, *langs, langs.map(body));
            parts.push(Some(html));
            warnings = differs;
        }
        PageParts {
            problems: warnings,
            parts,
        }
    }
}

/// What a page gives the editions: its part of each (`None` where it has none), and the
/// problems found in rendering it.
#[derive(Default)]
pub struct PageParts {
    pub problems: Vec<Diagnostic>,
    pub parts: Vec<Option<String>>,
}

/// Pages rendered at a time: the editions take each batch's sections in order, so a batch
/// bounds what waits in memory for its place in them.
const BATCH: usize = 64;

/// Renders pages with `render` (every page if `all_pages`, else only the editions' sections)
/// and streams their parts into the editions; returns every problem, in page order.
pub fn stream(
    site: &Site,
    sink: &dyn Sink,
    all_pages: bool,
    render: &(dyn Fn(&Editions, NodeId) -> PageParts + Sync),
) -> Vec<Diagnostic> {
    let editions = Editions::new(site);
    let mut problems = editions.problems.clone();
    let mut writers: Writers = editions
        .openings()
        .into_iter()
        .map(|(path, opening)| {
            let started = sink
                .put_parts(&path)
                .and_then(|mut writer| writer.write_part(opening.as_bytes()).map(|()| writer));
            started.map_err(|d| problems.push(d)).ok()
        })
        .collect();
    let mut order = editions.render_order();
    if !all_pages {
        order.truncate(editions.sections.len());
    }
    // Each batch's parts go into the editions while the next batch renders.
    let mut done: Vec<PageParts> = Vec::new();
    for batch in order.chunks(BATCH) {
        let (written, rendered) = rayon::join(
            || write_parts(&mut writers, std::mem::take(&mut done)),
            || {
                batch
                    .par_iter()
                    .map(|&id| render(&editions, id))
                    .collect::<Vec<PageParts>>()
            },
        );
        problems.extend(written);
        done = rendered;
    }
    problems.extend(write_parts(&mut writers, done));
    for writer in writers.into_iter().flatten() {
        problems.extend(writer.finish_with(print::CLOSING.as_bytes()).err());
    }
    problems
}

/// The print editions alone, their pages' bodies rendered again: for the dev server, which
/// re-renders the editions after it re-rendered single pages.
pub fn render_alone(site: &Site, sink: &dyn Sink) -> Vec<Diagnostic> {
    stream(site, sink, false, &|editions, id| {
        let bodies: Vec<Body> = site
            .sources
            .config
            .language_codes()
            .iter()
            .map(|&lang| (lang, crate::output::web::page_content(site, id, lang)))
            .collect();
        editions.parts(id, &bodies)
    })
}

/// The print editions being written (`None`: one that could not be started).
type Writers<'s> = Vec<Option<Box<dyn PartWriter + Send + 's>>>;

/// Adds rendered pages' parts to the editions, in order; returns the pages' problems.
fn write_parts(writers: &mut Writers, pages: Vec<PageParts>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for page in pages {
        problems.extend(page.problems);
        for (writer, part) in writers.iter_mut().zip(page.parts) {
            if let (Some(w), Some(part)) = (writer, part) {
                problems.extend(w.write_part(part.as_bytes()).err());
            }
        }
    }
    problems
}

/// The sections that have a body in `lang`.
fn present<'s>(site: &Site, sections: &'s [Section], lang: &str) -> Vec<&'s Section> {
    sections
        .iter()
        .filter(|s| crate::output::web::has_body(site, s.id, lang))
        .collect()
}
