//! Pages that no content file produces but that are nodes of the content tree like any page
//! (so navigation, previous/next, the language switcher, hreflang and the sitemap treat them
//! alike): the trials index and one page per trial, the references, glossary and source notes.

use std::collections::BTreeMap;

use crate::cite::bibliography::Bibliography;
use crate::markup::glossary::Glossary;
use crate::source::content::{ContentTree, Node, NodeKind};
use crate::source::i18n::Strings;
use crate::trials::data::TrialData;

/// Adds the trial pages, and the references, glossary and source-notes pages when the site has
/// something to put on them, after the pages written in Markdown.
pub fn add_generated_pages(
    tree: &mut ContentTree,
    data: &TrialData,
    bibliography: &Bibliography,
    glossary: &Glossary,
    strings: &BTreeMap<String, Strings>,
) {
    add_trial_nodes(tree, data, strings);
    if bibliography.library.is_some() || !bibliography.unidentified.is_empty() {
        add_generated_node(
            tree,
            NodeKind::References,
            "references",
            "references",
            strings,
        );
    }
    if !glossary.is_empty() {
        add_generated_node(tree, NodeKind::Glossary, "glossary", "glossary", strings);
    }
    if !data.trials.is_empty() {
        add_generated_node(
            tree,
            NodeKind::SourceNotes,
            "source-notes",
            "source_notes",
            strings,
        );
    }
}

/// Adds the `trials/` section and one node per trial at the end of the tree.
fn add_trial_nodes(tree: &mut ContentTree, data: &TrialData, strings: &BTreeMap<String, Strings>) {
    if data.trials.is_empty() {
        return;
    }
    let index = tree.nodes.len();
    let titles = strings
        .iter()
        .map(|(lang, s)| (lang.clone(), s["trials"].clone()))
        .collect();
    tree.nodes.push(generated_node(
        NodeKind::TrialIndex,
        "trials",
        "trials/".into(),
        titles,
        Some(ContentTree::ROOT),
    ));
    tree.nodes[ContentTree::ROOT].children.push(index);
    for file in &data.trials {
        let id = file.trial.id.get_ref();
        let titles = strings
            .keys()
            .map(|lang| (lang.clone(), file.trial.name.clone()))
            .collect();
        let node = tree.nodes.len();
        tree.nodes.push(generated_node(
            NodeKind::Trial,
            &format!("trials/{id}"),
            format!("trials/{id}/"),
            titles,
            Some(index),
        ));
        tree.nodes[index].children.push(node);
    }
}

/// Adds a generated top-level page (such as the references) titled by an interface string.
fn add_generated_node(
    tree: &mut ContentTree,
    kind: NodeKind,
    key: &str,
    title_key: &str,
    strings: &BTreeMap<String, Strings>,
) {
    let titles = strings
        .iter()
        .map(|(lang, s)| (lang.clone(), s[title_key].clone()))
        .collect();
    let id = tree.nodes.len();
    tree.nodes.push(generated_node(
        kind,
        key,
        format!("{key}/"),
        titles,
        Some(ContentTree::ROOT),
    ));
    tree.nodes[ContentTree::ROOT].children.push(id);
}

fn generated_node(
    kind: NodeKind,
    key: &str,
    url_path: String,
    titles: BTreeMap<String, String>,
    parent: Option<usize>,
) -> Node {
    Node {
        kind,
        key: key.to_string(),
        url_path,
        parent,
        children: Vec::new(),
        translations: BTreeMap::new(),
        name: key.rsplit('/').next().unwrap_or(key).to_string(),
        titles,
    }
}
