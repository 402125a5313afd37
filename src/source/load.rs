//! Loading: reads `content/` into the content model, reporting every bad file rather than the first.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::source::config::{Config, toml_error_with_offset};
use crate::source::content::{
    ContentTree, FrontMatter, Node, NodeId, NodeKind, SourceFile, Translation,
};
use crate::source::front_matter::Fence;

/// A Markdown file's place in the content tree, read from its name.
#[derive(Debug, PartialEq, Eq)]
struct FileName {
    /// Folder path relative to `content/`, with `/` separators (`""` at the top).
    folder: String,
    /// File stem without language (`_index` for a folder's own page).
    stem: String,
    lang: String,
}

/// Reads every Markdown file under `content_dir` into a tree; pages marked `draft = true` only
/// when `drafts` is set (`evidoc serve --drafts`; never for `build`).
pub fn load_content(
    config: &Config,
    content_dir: &Path,
    drafts: bool,
    diags: &mut Diagnostics,
) -> ContentTree {
    use rayon::prelude::*;
    let files = markdown_files(content_dir, diags);
    // Files are read and their front matter parsed in parallel, then added in order.
    let read: Vec<_> = files
        .par_iter()
        .map(|path| {
            let mut problems = Diagnostics::default();
            let file = read_file(config, content_dir, path, &mut problems);
            (file, problems)
        })
        .collect();
    let mut builder = TreeBuilder::new();
    for (file, problems) in read {
        diags.extend(problems.items);
        if let Some((name, translation)) = file {
            if drafts || !translation.front.draft {
                builder.add(name, translation);
            }
        }
    }
    let tree = builder.finish();
    check_output_paths(&tree, diags);
    tree
}

/// Folders may nest this deep below `content/`: far beyond any review's outline, and shallow
/// enough that no recursion over the tree (navigation, templates) can exhaust the stack.
pub const MAX_DEPTH: usize = 32;

/// Every Markdown file of the content folder, in a stable order. Symbolic links are followed
/// while they stay inside the content folder (a link to a file elsewhere, say a CI secret, must
/// never be published); loops and over-deep nesting are located errors, never a hang or a crash.
fn markdown_files(content_dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let inside = std::fs::canonicalize(content_dir).unwrap_or_else(|_| content_dir.to_path_buf());
    let mut files = Vec::new();
    let walk = WalkDir::new(content_dir)
        .follow_links(true)
        .max_depth(MAX_DEPTH + 1)
        .sort_by_file_name();
    for entry in walk {
        let e = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(
                    Diagnostic::error("E0104", format!("cannot read the content folder: {e}"))
                        .at(Location::file(e.path().unwrap_or(content_dir)))
                        .hint("check the file permissions; a symbolic link must not lead to a folder that contains it"),
                );
                continue;
            }
        };
        if e.depth() > MAX_DEPTH {
            diags.push(
                Diagnostic::error(
                    "E0106",
                    format!("content folders nest more than {MAX_DEPTH} levels deep"),
                )
                .at(Location::file(e.path()))
                .hint("flatten the folder structure: each folder is a level of the site's outline"),
            );
            break;
        }
        if !(e.file_type().is_file() && is_markdown(e.path()) && !is_hidden(e.path(), content_dir))
        {
            continue;
        }
        if e.path_is_symlink()
            && !std::fs::canonicalize(e.path()).is_ok_and(|p| p.starts_with(&inside))
        {
            diags.push(
                Diagnostic::error("E0104", "symbolic link leads outside the content folder")
                    .at(Location::file(e.path()))
                    .hint("copy the file into content/ instead of linking to it"),
            );
            continue;
        }
        files.push(e.into_path());
    }
    files
}

fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
}

fn is_hidden(path: &Path, base: &Path) -> bool {
    path.strip_prefix(base)
        .map(|rel| {
            rel.components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        })
        .unwrap_or(false)
}

fn read_file(
    config: &Config,
    content_dir: &Path,
    path: &Path,
    diags: &mut Diagnostics,
) -> Option<(FileName, Translation)> {
    let name = match parse_file_name(config, content_dir, path) {
        Ok(n) => n,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let text = match crate::source::input::read_text(path) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    match parse_front_matter(path, &text) {
        Ok((front, body_start)) => {
            let source = SourceFile {
                path: path.to_path_buf(),
                text,
                body_start,
            };
            let translation = Translation {
                lang: name.lang.clone(),
                front,
                source,
            };
            Some((name, translation))
        }
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// Splits `content/part/page.zh.md` into folder `part`, stem `page`, language `zh`.
/// A file without a language suffix belongs to the default language, as in Zola.
fn parse_file_name(
    config: &Config,
    content_dir: &Path,
    path: &Path,
) -> Result<FileName, Diagnostic> {
    let rel = path.strip_prefix(content_dir).unwrap_or(path);
    let folder = rel
        .parent()
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        })
        .unwrap_or_default();
    let file_stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (stem, lang) = match file_stem.rsplit_once('.') {
        Some((stem, lang)) => (stem.to_string(), lang.to_string()),
        None => (file_stem.clone(), config.default_language.clone()),
    };
    for segment in folder
        .split('/')
        .filter(|s| !s.is_empty())
        .chain([stem.as_str()])
    {
        if let Some(problem) = crate::source::paths::segment_problem(segment) {
            return Err(Diagnostic::error(
                "E0105",
                format!("the name `{segment}` cannot be part of a URL: {problem}"),
            )
            .at(Location::file(path))
            .hint(format!(
                "rename the file or folder; {}",
                crate::source::paths::SEGMENT_HINT
            )));
        }
    }
    if config.language(&lang).is_none() {
        let codes = config.language_codes().join(", ");
        return Err(Diagnostic::error(
            "E0102",
            format!("unknown language suffix `.{lang}` in the file name"),
        )
        .at(Location::file(path))
        .hint(format!(
            "name the file `{stem}.<lang>.md` with one of the configured languages ({codes}), \
                 or add `{lang}` to [[languages]] in evidoc.toml"
        )));
    }
    Ok(FileName { folder, stem, lang })
}

/// Splits `+++ toml +++ body` (or `--- yaml --- body`), keeping byte offsets so errors point
/// into the file.
pub fn parse_front_matter(path: &Path, text: &str) -> Result<(FrontMatter, usize), Diagnostic> {
    let missing = || {
        Diagnostic::error(
            "E0101",
            "expected front matter between `+++` lines (TOML) or `---` lines (YAML) at the start of the file",
        )
        .at(Location::at_offset(path, text, 0, 3))
        .hint("start the file with `+++`, then `title = \"…\"`, then a closing `+++` line")
    };
    let Some(fence) = Fence::of(text) else {
        return Err(missing());
    };
    let bom = text.len() - text.strip_prefix('\u{feff}').unwrap_or(text).len();
    let start = bom + 3;
    let Some(close) = find_closing_fence(&text[start..], fence.marker()) else {
        return Err(Diagnostic::error(
            "E0101",
            format!(
                "front matter is not closed: no line `{}` after the opening one",
                fence.marker()
            ),
        )
        .at(Location::at_offset(path, text, 0, 3))
        .hint(format!(
            "add a line containing only `{}` after the front matter",
            fence.marker()
        )));
    };
    let front_text = &text[start..start + close];
    let mut front: FrontMatter = match fence {
        Fence::Toml => toml::from_str(front_text)
            .map_err(|e| toml_error_with_offset("E0101", path, text, start, &e))?,
        Fence::Yaml => crate::source::front_matter::parse_yaml(path, text, start, front_text)?,
    };
    let after = start + close + "\n+++".len();
    let body_start = text[after..]
        .find('\n')
        .map_or(text.len(), |i| after + i + 1);
    let at_key = |key: &str| key_offset(front_text, key).map_or(0, |o| start + o);
    if let Some(slug) = &front.slug {
        if let Some(problem) = crate::source::paths::segment_problem(slug) {
            return Err(Diagnostic::error(
                "E0105",
                format!(
                    "`slug = \"{}\"` cannot be part of a URL: {problem}",
                    slug.escape_debug()
                ),
            )
            .at(Location::at_offset(path, text, at_key("slug"), 4))
            .hint(crate::source::paths::SEGMENT_HINT));
        }
    }
    for alias in &front.aliases {
        if let Some(problem) = crate::source::front_matter::alias_problem(alias) {
            return Err(Diagnostic::error(
                "E0105",
                format!(
                    "the alias `{}` cannot be a redirect page: {problem}",
                    alias.escape_debug()
                ),
            )
            .at(Location::at_offset(path, text, at_key("aliases"), 7))
            .hint(format!(
                "write an old URL of this page below its language's root, such as `/old/page/`; {}",
                crate::source::paths::SEGMENT_HINT
            )));
        }
    }
    if front.title.trim().is_empty() {
        return Err(Diagnostic::error("E0101", "`title` is empty")
            .at(Location::at_offset(
                path,
                text,
                start + front_text.find("title").unwrap_or(0),
                5,
            ))
            .hint("give the page a title"));
    }
    if front.summary.is_none() {
        front.summary = front.description.clone();
    }
    Ok((front, body_start))
}

/// Byte offset of the line that sets `key` in a TOML text (for locating values serde checked).
pub fn key_offset(toml_text: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in toml_text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key) {
            let rest = rest.trim_start();
            if rest.starts_with('=') || rest.starts_with(':') {
                return Some(offset + line.len() - trimmed.len());
            }
        }
        offset += line.len();
    }
    None
}

fn find_closing_fence(s: &str, marker: &str) -> Option<usize> {
    let mut offset = 0;
    for line in s.split_inclusive('\n') {
        if offset > 0 && line.trim_end() == marker {
            return Some(offset - 1);
        }
        offset += line.len();
    }
    None
}

/// Assembles nodes from files, creating folder nodes as it goes.
struct TreeBuilder {
    tree: ContentTree,
    by_key: BTreeMap<String, NodeId>,
}

impl TreeBuilder {
    fn new() -> Self {
        let root = Node {
            kind: NodeKind::Home,
            key: String::new(),
            url_path: String::new(),
            parent: None,
            children: Vec::new(),
            translations: BTreeMap::new(),
            name: String::new(),
            titles: BTreeMap::new(),
        };
        TreeBuilder {
            tree: ContentTree { nodes: vec![root] },
            by_key: BTreeMap::from([(String::new(), 0)]),
        }
    }

    fn add(&mut self, name: FileName, translation: Translation) {
        let id = if name.stem == "_index" {
            self.folder(&name.folder)
        } else {
            let folder = self.folder(&name.folder);
            let key = join(&name.folder, &format!("{}.md", name.stem));
            self.node(key, NodeKind::Page, folder, &name.stem)
        };
        self.tree.nodes[id]
            .translations
            .insert(translation.lang.clone(), Box::new(translation));
    }

    fn folder(&mut self, folder: &str) -> NodeId {
        if folder.is_empty() {
            return ContentTree::ROOT;
        }
        let (parent_key, name) = folder.rsplit_once('/').unwrap_or(("", folder));
        let parent = self.folder(parent_key);
        self.node(folder.to_string(), NodeKind::Section, parent, name)
    }

    fn node(&mut self, key: String, kind: NodeKind, parent: NodeId, name: &str) -> NodeId {
        if let Some(&id) = self.by_key.get(&key) {
            return id;
        }
        let id = self.tree.nodes.len();
        self.tree.nodes.push(Node {
            kind,
            key: key.clone(),
            url_path: String::new(),
            parent: Some(parent),
            children: Vec::new(),
            translations: BTreeMap::new(),
            name: name.to_string(),
            titles: BTreeMap::new(),
        });
        self.tree.nodes[parent].children.push(id);
        self.by_key.insert(key, id);
        id
    }

    /// Sorts children by weight then name, and computes URL paths (slugs apply per node).
    fn finish(mut self) -> ContentTree {
        let nodes = &mut self.tree.nodes;
        for id in 0..nodes.len() {
            let mut children = std::mem::take(&mut nodes[id].children);
            children.sort_by(|&a, &b| {
                (nodes[a].weight(), &nodes[a].name).cmp(&(nodes[b].weight(), &nodes[b].name))
            });
            nodes[id].children = children;
        }
        for id in self.tree.reading_order() {
            let node = &self.tree.nodes[id];
            let Some(parent) = node.parent else { continue };
            let segment = node
                .translations
                .values()
                .find_map(|t| t.front.slug.clone())
                .unwrap_or_else(|| node.name.clone());
            let url = format!("{}{}/", self.tree.nodes[parent].url_path, segment);
            self.tree.nodes[id].url_path = url;
        }
        self.tree
    }
}

fn join(folder: &str, name: &str) -> String {
    if folder.is_empty() {
        name.to_string()
    } else {
        format!("{folder}/{name}")
    }
}

/// Two nodes with the same URL (a page `a.md` and a folder `a/`, or two equal slugs) would
/// overwrite each other's output: refuse the build instead.
fn check_output_paths(tree: &ContentTree, diags: &mut Diagnostics) {
    let mut seen: BTreeMap<&str, NodeId> = BTreeMap::new();
    for (id, node) in tree.nodes.iter().enumerate() {
        if let Some(&other) = seen.get(node.url_path.as_str()) {
            let first = source_of(&tree.nodes[other]);
            let file = source_of(node);
            diags.push(
                Diagnostic::error(
                    "E0103",
                    format!("two sources claim the output path `{}`", node.url_path),
                )
                .at(Location::file(file))
                .hint(format!(
                    "{} has the same URL; rename one of them or give one a different `slug`",
                    first.display()
                )),
            );
        } else {
            seen.insert(&node.url_path, id);
        }
    }
}

fn source_of(node: &Node) -> PathBuf {
    node.translations
        .values()
        .next()
        .map(|t| t.source.path.clone())
        .unwrap_or_else(|| PathBuf::from(&node.key))
}
