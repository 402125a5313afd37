//! The bilingual glossary (`content/glossary.toml`): abbreviations the review uses, marked up on
//! their first use on each page as `<abbr>` with the expansion in the page's language, and listed
//! on a glossary page per language with links back to the pages that use them.

use std::collections::BTreeMap;
use std::path::Path;

use crate::data::Text;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::highlight::escape_html;

pub const GLOSSARY_FILE: &str = "glossary.toml";

#[derive(Debug, Default, Clone)]
pub struct Glossary {
    /// Term → expansion per language, longest terms first (so `MSI-H` wins over `MSI`).
    pub terms: Vec<(String, Text)>,
}

impl Glossary {
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    pub fn expansion(&self, term: &str, lang: &str) -> Option<&str> {
        self.terms
            .iter()
            .find(|(t, _)| t == term)
            .and_then(|(_, e)| crate::figures::localized(e, lang))
    }

    /// `<abbr>` markup for a term, linking to its glossary entry.
    pub fn abbr_html(&self, term: &str, lang: &str, root: &str) -> String {
        format!(
            "<a class=\"term\" href=\"{root}{lang}/glossary/index.html#{}\"><abbr title=\"{}\">{}</abbr></a>",
            term_id(term),
            escape_html(self.expansion(term, lang).unwrap_or_default()),
            escape_html(term)
        )
    }
}

/// The anchor of a term on the glossary page.
pub fn term_id(term: &str) -> String {
    format!(
        "term-{}",
        term.to_ascii_lowercase()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    )
}

pub fn load_glossary(content_dir: &Path, languages: &[&str], diags: &mut Diagnostics) -> Glossary {
    let path = content_dir.join(GLOSSARY_FILE);
    let Some(text) = crate::input::read_optional_reported(&path, diags) else {
        return Glossary::default();
    };
    let map: BTreeMap<String, Text> = match toml::from_str(&text) {
        Ok(m) => m,
        Err(e) => {
            diags.push(crate::config::toml_error("E0501", &path, &text, &e));
            return Glossary::default();
        }
    };
    diags.extend(crate::lang_keys::check_document(&path, &text, languages));
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for (term, expansions) in &map {
        let header = format!("[{term}]");
        let at = Location::at_offset(
            &path,
            &text,
            find_header(&text, term).unwrap_or(0),
            header.len(),
        );
        if let Some(first) = seen.insert(term.to_lowercase(), term) {
            diags.push(
                Diagnostic::error("E0502", format!("glossary term `{term}` duplicates `{first}`"))
                    .at(at.clone())
                    .hint("terms are matched case-sensitively but must differ by more than case: keep one"),
            );
        }
        for lang in languages {
            if !expansions.contains_key(*lang) {
                diags.push(
                    Diagnostic::error(
                        "E0409",
                        format!("glossary term `{term}` has no `{lang}` expansion"),
                    )
                    .at(at.clone())
                    .hint(format!("add `{lang} = \"…\"` under {header}")),
                );
            }
        }
    }
    let mut terms: Vec<(String, Text)> = map.into_iter().collect();
    terms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    Glossary { terms }
}

fn find_header(text: &str, term: &str) -> Option<usize> {
    [format!("[{term}]"), format!("[\"{term}\"]")]
        .iter()
        .find_map(|h| text.find(h.as_str()))
}

/// The glossary page: every term, its expansion in this language and the others, and where used.
pub fn glossary_body(
    glossary: &Glossary,
    lang: &str,
    used_on: &BTreeMap<String, Vec<crate::views::Link>>,
) -> String {
    let mut terms: Vec<&(String, Text)> = glossary.terms.iter().collect();
    terms.sort_by_key(|(t, _)| t.to_lowercase());
    let mut html = String::from("<dl class=\"glossary\">\n");
    for (term, expansions) in terms {
        let own = crate::figures::localized(expansions, lang).unwrap_or_default();
        let others: Vec<String> = expansions
            .iter()
            .filter(|(l, _)| l.as_str() != lang)
            .map(|(l, e)| {
                format!(
                    "<span lang=\"{}\">{}</span>",
                    escape_html(l),
                    escape_html(e)
                )
            })
            .collect();
        html.push_str(&format!(
            "<dt id=\"{}\"><abbr>{}</abbr></dt><dd>{}{}",
            term_id(term),
            escape_html(term),
            escape_html(own),
            if others.is_empty() {
                String::new()
            } else {
                format!(
                    " <span class=\"other-languages\">({})</span>",
                    others.join("; ")
                )
            }
        ));
        if let Some(links) = used_on.get(term) {
            let links: Vec<String> = links
                .iter()
                .map(|l| {
                    format!(
                        "<a href=\"{}\">↩ {}</a>",
                        escape_html(&l.href),
                        escape_html(&l.title)
                    )
                })
                .collect();
            html.push_str(&format!(
                "<br><span class=\"ref-backlinks\">{}</span>",
                links.join(" ")
            ));
        }
        html.push_str("</dd>\n");
    }
    html.push_str("</dl>\n");
    html
}
