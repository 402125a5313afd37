//! Replacing one translation's source in a resolved [`Site`], for the dev server's incremental
//! rebuilds: when an edit leaves everything other pages see of a page unchanged, only that
//! page needs rendering again, and the rest of the model stays valid.

use crate::diagnostics::Diagnostic;
use crate::markup::markdown::RenderedMarkdown;
use crate::site::Site;
use crate::source::content::{FrontMatter, NodeId, Translation};

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
        let old = std::mem::replace(slot, new);
        let mut fresh = self.markdown(id, lang, false);
        let change = self
            .pages
            .get(&key)
            .map_or(Some("a new page"), |before| facts_change(before, &fresh));
        if let Some(what) = change {
            self.sources.tree.nodes[id]
                .translations
                .insert(lang.to_string(), old);
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
