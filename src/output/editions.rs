//! The print editions (one per language, and the side-by-side one), written while the web
//! pages render: each page's body is rendered once, for its web page, and the same body goes
//! into every edition. The editions stream into the sink section by section, in document
//! order, so no edition is held whole: on a big site each is larger than all the rest of the
//! build's memory.

use std::collections::HashMap;

use crate::diagnostics::Diagnostic;
use crate::output::handout::{self, Anchors, Section};
use crate::output::{parallel, print};
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
    pub fn parts(&self, id: NodeId, bodies: &[Body]) -> (Vec<Option<String>>, Vec<Diagnostic>) {
        let Some(section) = self.index.get(&id).map(|&i| &self.sections[i]) else {
            return (Vec::new(), Vec::new());
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
        (parts, warnings)
    }
}

/// The sections that have a body in `lang`.
fn present<'s>(site: &Site, sections: &'s [Section], lang: &str) -> Vec<&'s Section> {
    sections
        .iter()
        .filter(|s| crate::output::web::has_body(site, s.id, lang))
        .collect()
}
