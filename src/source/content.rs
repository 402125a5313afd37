//! The content model: a tree of nodes (home, sections, pages), each known in one or more languages.
//!
//! One node is one place in the site; its language versions are `Translation`s. Keeping languages
//! inside the node (rather than one tree per language) is what lets the switcher, hreflang links,
//! missing-translation pages and parity checks all find "the same page in the other language".

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

pub type NodeId = usize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub weight: i64,
    /// Replaces the file or folder name in the URL.
    pub slug: Option<String>,
    pub summary: Option<String>,
    /// Zola's and Hugo's name for the summary: used as `summary` when that is not set.
    pub description: Option<String>,
    /// Publication date as written (`2024-05-01`), passed to templates as `page.date`.
    #[serde(default, deserialize_with = "crate::source::front_matter::date_text")]
    pub date: Option<String>,
    /// Old URLs of the page, relative to its language's root: each gets a redirect page.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    /// A template to use instead of the default for this kind of page.
    pub template: Option<String>,
    /// In a translation: the hash of the source-language page it was last checked against
    /// (written by `evidoc translations --mark-current`).
    pub source_hash: Option<String>,
    /// Free-form values for custom templates.
    #[serde(default)]
    pub extra: toml::Table,
}

/// One Markdown file as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as given to the user in diagnostics (relative to where evidoc runs when possible).
    pub path: PathBuf,
    pub text: String,
    /// Byte offset where the Markdown body starts (after the closing `+++`).
    pub body_start: usize,
}

impl SourceFile {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The file's text, to locate spans in it for a diagnostic.
    pub fn lines(&self) -> crate::diagnostics::FileLines<'_> {
        crate::diagnostics::FileLines::new(&self.path, &self.text)
    }
}

#[derive(Debug, Clone)]
pub struct Translation {
    pub lang: String,
    pub front: FrontMatter,
    pub source: SourceFile,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// The root `_index` of `content/`: each language's home page.
    Home,
    /// A folder; its `_index.<lang>.md` gives its title and text.
    Section,
    Page,
    /// Generated from trial data: the trials index and one page per trial.
    TrialIndex,
    Trial,
    /// Generated from the bibliography.
    References,
    /// Generated from the glossary.
    Glossary,
    /// Generated from the notes of the sections and of the trial data.
    SourceNotes,
}

#[derive(Debug, Clone)]
pub struct Node {
    pub kind: NodeKind,
    /// The content path without language: `""` for home, `part-1`, `part-1/chapter.md`.
    pub key: String,
    /// URL path below the language prefix, with a trailing slash (`""` for home).
    pub url_path: String,
    pub parent: Option<NodeId>,
    /// Children in reading order (weight, then name).
    pub children: Vec<NodeId>,
    /// Boxed: a map's node holds room for 11 entries however few it has, and a page has one
    /// or two translations, so unboxed they took 4.8 KB a page (97 MB at 10,000 pages per
    /// language).
    pub translations: BTreeMap<String, Box<Translation>>,
    /// Folder name, used as a title when a folder has no `_index` file.
    pub name: String,
    /// Titles of generated nodes, which have no source files.
    pub titles: BTreeMap<String, String>,
}

impl Node {
    pub fn weight(&self) -> i64 {
        self.translations
            .values()
            .map(|t| t.front.weight)
            .min()
            .unwrap_or(0)
    }

    pub fn is_generated(&self) -> bool {
        matches!(
            self.kind,
            NodeKind::TrialIndex
                | NodeKind::Trial
                | NodeKind::References
                | NodeKind::Glossary
                | NodeKind::SourceNotes
        )
    }

    /// Whether the page exists in `lang` (otherwise that language shows a "not translated" page).
    pub fn available(&self, lang: &str) -> bool {
        self.is_generated() || self.translations.contains_key(lang)
    }

    /// The title in `lang`, falling back to any language that has one, then to the folder name.
    pub fn title(&self, lang: &str) -> &str {
        if let Some(title) = self.titles.get(lang) {
            return title;
        }
        self.translations
            .get(lang)
            .or_else(|| self.translations.values().next())
            .map_or(self.name.as_str(), |t| t.front.title.as_str())
    }

    /// The name users give a page: `her2-negative.md`, `part/_index.md`, `_index.md`.
    pub fn page_name(&self) -> String {
        match self.kind {
            NodeKind::Home => "_index.md".into(),
            NodeKind::Section => format!("{}/_index.md", self.key),
            _ => self.key.clone(),
        }
    }

    /// The output file of this node in `lang`, relative to the output folder.
    pub fn output_path(&self, lang: &str) -> String {
        format!("{lang}/{}index.html", self.url_path)
    }
}

/// The loaded site content: the node tree, root first.
#[derive(Debug, Clone, Default)]
pub struct ContentTree {
    pub nodes: Vec<Node>,
}

impl ContentTree {
    pub const ROOT: NodeId = 0;

    /// The source file of page `id` in `lang`: where the spans its Markdown passes recorded
    /// are located, for a diagnostic.
    pub fn file(&self, id: NodeId, lang: &str) -> Option<crate::diagnostics::FileLines<'_>> {
        Some(self.nodes.get(id)?.translations.get(lang)?.source.lines())
    }

    /// Nodes in reading order (depth-first), the order of previous/next navigation.
    pub fn reading_order(&self) -> Vec<NodeId> {
        let mut order = Vec::with_capacity(self.nodes.len());
        let mut stack = vec![Self::ROOT];
        while let Some(id) = stack.pop() {
            order.push(id);
            stack.extend(self.nodes[id].children.iter().rev());
        }
        order
    }
}
