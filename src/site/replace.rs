//! Replacing one translation's source, or the trial data, in a resolved [`Site`], for the dev
//! server's incremental rebuilds: when an edit leaves everything other pages see of a page (or
//! of a trial) unchanged, only that page (or the pages showing that trial's data) need
//! rendering again, and the rest of the model stays valid.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::markup::markdown::RenderedMarkdown;
use crate::site::Site;
use crate::source::content::{FrontMatter, NodeId, NodeKind, Translation};
use crate::trials::data::TrialData;

/// What [`Site::replace_translation`] did.
#[derive(Debug)]
pub enum Replaced {
    /// The new source is in the model; other pages see nothing new. Holds the problems the
    /// first Markdown pass found on the page (the checks of the whole model still hold).
    Local(Vec<Diagnostic>),
    /// The edit changes what other pages see (title, weight, slug, anchors, citations, trial
    /// mentions, glossary terms, links to headings), or the page is not in the model: the
    /// model is left as it was, and the site needs resolving again.
    Global(&'static str),
}

impl Site {
    /// Puts `new` in place of the `lang` translation of page `id` if the edit is local to that
    /// page (see [`Replaced`]); otherwise leaves the model unchanged. The caller then renders
    /// the page again in each language (its translations show its stale or parity state).
    pub fn replace_translation(&mut self, id: NodeId, lang: &str, new: Translation) -> Replaced {
        let key = (id, lang.to_string());
        let Some(node) = self.sources.tree.nodes.get_mut(id) else {
            return Replaced::Global("not a page of the site");
        };
        let Some(slot) = node.translations.get_mut(lang) else {
            return Replaced::Global("a new translation");
        };
        if let Some(what) = front_change(&slot.front, &new.front) {
            return Replaced::Global(what);
        }
        let old = std::mem::replace(&mut **slot, new);
        let mut fresh = self.markdown(id, lang, false);
        // The content checks read the page's facts again, with its other languages'.
        fresh.facts = None;
        let change = self
            .pages
            .get(&key)
            .map_or(Some("a new page"), |before| facts_change(before, &fresh));
        if let Some(what) = change {
            self.sources.tree.nodes[id]
                .translations
                .insert(lang.to_string(), Box::new(old));
            return Replaced::Global(what);
        }
        let diagnostics = std::mem::take(&mut fresh.diagnostics);
        self.pages.insert(key, fresh);
        Replaced::Local(diagnostics)
    }
}

/// What other pages show of a page's front matter: its title (navigation, previous/next,
/// contents), its place in the order, its URL.
fn front_change(old: &FrontMatter, new: &FrontMatter) -> Option<&'static str> {
    if old.title != new.title {
        Some("title")
    } else if old.weight != new.weight {
        Some("weight")
    } else if old.slug != new.slug {
        Some("slug")
    } else if old.draft != new.draft {
        Some("draft")
    } else {
        None
    }
}

/// What other pages take from a page's Markdown: anchors (links to its headings), citations
/// (numbering, references page), trial mentions ("Discussed in"), glossary terms (the glossary
/// page), and its own links to headings elsewhere (checked once per resolve).
fn facts_change(old: &RenderedMarkdown, new: &RenderedMarkdown) -> Option<&'static str> {
    let cited = |md: &RenderedMarkdown| -> Vec<Vec<String>> {
        md.citations.iter().map(|c| c.keys.clone()).collect()
    };
    let heading_links = |md: &RenderedMarkdown| -> Vec<(String, String)> {
        md.anchor_links
            .iter()
            .map(|l| (l.target_key.clone(), l.anchor.clone()))
            .collect()
    };
    if old.anchors != new.anchors {
        Some("headings")
    } else if cited(old) != cited(new) {
        Some("citations")
    } else if old.trials != new.trials {
        Some("trial mentions")
    } else if old.terms != new.terms {
        Some("glossary terms")
    } else if heading_links(old) != heading_links(new) {
        Some("links to headings")
    } else {
        None
    }
}

/// What [`Site::replace_trial_data`] did.
#[derive(Debug)]
pub enum DataReplaced {
    /// The new data is in the model. `pages` show the edited trial's data and need rendering
    /// again: the trial's own page, the trials index, the source notes, and every page whose
    /// Markdown mentions or links the trial or shows its figures, tables or forest plots (the
    /// pages whose first pass lists it, which is redone). `diagnostics` are the problems
    /// those first passes found.
    Local {
        pages: Vec<NodeId>,
        diagnostics: Vec<Diagnostic>,
    },
    /// The edit changes what pages that do not show the trial's data see (the set of trials,
    /// a name or alias, publications or registration, or which trials a page's table selects):
    /// the model is left as it was, and the site needs resolving again.
    Global(&'static str),
}

impl Site {
    /// Puts `data` (the site's trial data read again after an edit to the trial file at `path`)
    /// in place of the model's, if the edit is local to the pages that show that trial's data
    /// (see [`DataReplaced`]); otherwise leaves the model unchanged.
    pub fn replace_trial_data(&mut self, data: TrialData, path: &Path) -> DataReplaced {
        if let Some(what) = data_change(&self.sources.data, &data) {
            return DataReplaced::Global(what);
        }
        let Some(file) = data.trials.iter().find(|t| t.path == path) else {
            return DataReplaced::Global("not a trial file of the site");
        };
        let id = file.trial.id.get_ref().clone();
        // Every page whose first pass met the trial (a mention, a link, a figure, a table or a
        // forest plot that selects it), the home page too, which is not in the reading order.
        let mut shown_on: Vec<(NodeId, String)> = self
            .pages
            .iter()
            .filter(|(_, md)| md.trials.contains(&id))
            .map(|(key, _)| key.clone())
            .collect();
        shown_on.sort();
        let old = std::mem::replace(&mut self.sources.data, data);
        let mut fresh = Vec::with_capacity(shown_on.len());
        for (page, lang) in &shown_on {
            let mut md = self.markdown(*page, lang, false);
            md.facts = None;
            let before = self.pages.get(&(*page, lang.clone()));
            if let Some(what) = before.map_or(Some("a new page"), |b| facts_change(b, &md)) {
                self.sources.data = old;
                return DataReplaced::Global(what);
            }
            fresh.push(((*page, lang.clone()), md));
        }
        let mut diagnostics = Vec::new();
        let mut pages: Vec<NodeId> = Vec::new();
        for (key, mut md) in fresh {
            diagnostics.append(&mut md.diagnostics);
            pages.push(key.0);
            self.pages.insert(key, md);
        }
        let trial_key = format!("trials/{id}");
        pages.extend(
            self.sources
                .tree
                .nodes
                .iter()
                .enumerate()
                .filter_map(|(n, node)| {
                    let shows = node.key == trial_key
                        || matches!(node.kind, NodeKind::TrialIndex | NodeKind::SourceNotes);
                    shows.then_some(n)
                }),
        );
        pages.sort_unstable();
        pages.dedup();
        DataReplaced::Local { pages, diagnostics }
    }
}

/// What pages that do not show a trial's data take from the trial data: the set of trials and
/// their names (page titles, navigation, mentions), their publications and registration
/// numbers (the references page), and the vocabulary (read with the trials).
fn data_change(old: &TrialData, new: &TrialData) -> Option<&'static str> {
    let publications = |d: &TrialData| -> Vec<(Vec<String>, Option<String>)> {
        d.trials
            .iter()
            .map(|t| {
                let cited = t
                    .trial
                    .citations
                    .iter()
                    .map(|c| c.get_ref().clone())
                    .collect();
                (cited, t.trial.registration.clone())
            })
            .collect()
    };
    let vocabulary = |d: &TrialData| serde_json::to_string(&d.vocabulary).unwrap_or_default();
    if old.ids() != new.ids() {
        Some("the set of trials")
    } else if old.names() != new.names() {
        Some("trial names")
    } else if publications(old) != publications(new) {
        Some("trial publications")
    } else if vocabulary(old) != vocabulary(new) {
        Some("vocabulary")
    } else {
        None
    }
}
