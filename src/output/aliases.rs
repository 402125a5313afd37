//! Redirect pages for `aliases`: the old URLs of a page (Hugo's and Zola's front-matter key).
//! Each alias gets a small HTML page in every language the page has, which sends the reader on
//! with a meta refresh, names the page as canonical for search engines, and links to it for
//! readers whose browser does not follow the refresh.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Location};
use crate::markup::highlight::escape_html as escape;
use crate::output::{Output, OutputFile, Sink, put_all};
use crate::site::{Site, root_prefix};
use crate::source::content::Node;
use crate::source::front_matter::alias_output_path;

pub struct Redirects;

impl Output for Redirects {
    fn name(&self) -> &'static str {
        "alias redirects"
    }

    fn render(&self, site: &Site, sink: &dyn Sink) -> Vec<Diagnostic> {
        let input = &site.sources;
        let mut taken: BTreeMap<String, String> = input
            .tree
            .nodes
            .iter()
            .flat_map(|n| {
                input
                    .config
                    .languages
                    .iter()
                    .map(move |l| (n.output_path(&l.code), n.page_name()))
            })
            .collect();
        for l in &input.config.languages {
            taken.insert(format!("{}/contents/index.html", l.code), "contents".into());
        }
        let mut files = Vec::new();
        for node in &input.tree.nodes {
            for alias in node_aliases(node) {
                for lang in node.translations.keys() {
                    let path = alias_output_path(lang, alias);
                    if let Some(other) = taken.get(&path) {
                        files.push(Err(collision(node, lang, alias, &path, other)));
                        continue;
                    }
                    taken.insert(path.clone(), node.page_name());
                    files.push(Ok(redirect_page(site, node, lang, path)));
                }
            }
        }
        put_all(sink, files)
    }
}

/// The aliases of every language version of a page, each once.
fn node_aliases(node: &Node) -> Vec<&str> {
    let mut aliases: Vec<&str> = node
        .translations
        .values()
        .flat_map(|t| t.front.aliases.iter().map(String::as_str))
        .collect();
    aliases.sort_unstable();
    aliases.dedup_by(|a, b| a.trim_matches('/') == b.trim_matches('/'));
    aliases
}

fn redirect_page(site: &Site, node: &Node, lang: &str, path: String) -> OutputFile {
    let target = node.output_path(lang);
    let href = format!("{}{target}", root_prefix(&path));
    let canonical = crate::output::web::absolute_url(
        &site.sources.config,
        &format!("{lang}/{}", node.url_path),
    );
    let title = escape(node.title(lang));
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n<link rel=\"canonical\" href=\"{canonical}\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n\
         <body>\n<p><a href=\"{href}\">{title}</a></p>\n</body>\n</html>\n",
        canonical = escape(&canonical),
        href = escape(&href),
    );
    OutputFile {
        path,
        bytes: html.into_bytes(),
    }
}

fn collision(node: &Node, lang: &str, alias: &str, path: &str, other: &str) -> Diagnostic {
    let location = node.translations.get(lang).map_or_else(
        || Location::file(node.page_name()),
        |t| {
            let at = t.source.text.find(alias).unwrap_or(0);
            Location::at_offset(&t.source.path, &t.source.text, at, alias.len())
        },
    );
    Diagnostic::error(
        "E0901",
        format!("the alias `{alias}` would overwrite `{path}`, which `{other}` already writes"),
    )
    .at(location)
    .hint("remove the alias, or change it to an old URL that no page uses now")
}
