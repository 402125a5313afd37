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

    /// Splits `text` into plain pieces and `<abbr>` markup for terms not yet in `used`.
    pub fn mark(
        &self,
        text: &str,
        lang: &str,
        root: &str,
        used: &mut Vec<String>,
    ) -> Option<Vec<Piece>> {
        let mut hits: Vec<(usize, &str)> = Vec::new();
        for (term, _) in &self.terms {
            if used.contains(term) {
                continue;
            }
            if let Some(at) = find_word(text, term) {
                if !hits
                    .iter()
                    .any(|(start, t)| at < start + t.len() && *start < at + term.len())
                {
                    hits.push((at, term));
                }
            }
        }
        if hits.is_empty() {
            return None;
        }
        hits.sort();
        let mut pieces = Vec::new();
        let mut copied = 0;
        for (at, term) in hits {
            pieces.push(Piece::Text(text[copied..at].to_string()));
            let expansion = self.expansion(term, lang).unwrap_or_default();
            pieces.push(Piece::Html(format!(
                "<a class=\"term\" href=\"{root}{lang}/glossary/index.html#{}\"><abbr title=\"{}\">{}</abbr></a>",
                term_id(term),
                escape_html(expansion),
                escape_html(term)
            )));
            used.push(term.to_string());
            copied = at + term.len();
        }
        pieces.push(Piece::Text(text[copied..].to_string()));
        Some(pieces)
    }
}

pub enum Piece {
    Text(String),
    Html(String),
}

/// The anchor of a term on the glossary page.
pub fn term_id(term: &str) -> String {
    format!(
        "term-{}",
        term.to_ascii_lowercase()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    )
}

/// First occurrence of `term` not glued to other Latin letters, digits or hyphens.
pub fn find_word(text: &str, term: &str) -> Option<usize> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '-';
    let mut from = 0;
    while let Some(i) = text[from..].find(term) {
        let at = from + i;
        let before = text[..at].chars().next_back();
        let after = text[at + term.len()..].chars().next();
        if !before.is_some_and(is_word) && !after.is_some_and(is_word) {
            return Some(at);
        }
        from = at + term.len();
    }
    None
}

pub fn load_glossary(content_dir: &Path, languages: &[&str], diags: &mut Diagnostics) -> Glossary {
    let path = content_dir.join(GLOSSARY_FILE);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Glossary::default();
    };
    let map: BTreeMap<String, Text> = match toml::from_str(&text) {
        Ok(m) => m,
        Err(e) => {
            diags.push(crate::config::toml_error("E0501", &path, &text, &e));
            return Glossary::default();
        }
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Glossary {
        let t = |zh: &str, en: &str| {
            Text::from([
                ("zh".to_string(), zh.to_string()),
                ("en".to_string(), en.to_string()),
            ])
        };
        Glossary {
            terms: vec![
                (
                    "MSI-H".into(),
                    t("微卫星高度不稳定", "microsatellite instability-high"),
                ),
                (
                    "MSI".into(),
                    t("微卫星不稳定", "microsatellite instability"),
                ),
                ("OS".into(), t("总生存期", "overall survival")),
            ],
        }
    }

    #[test]
    fn marks_whole_words_once_longest_first() {
        let mut used = Vec::new();
        let pieces = glossary()
            .mark("中位OS与MSI-H，再次OS；FOLFOX", "zh", "", &mut used)
            .unwrap();
        let html: String = pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.clone(),
                Piece::Html(h) => h.clone(),
            })
            .collect();
        assert_eq!(html.matches("<abbr").count(), 2, "{html}");
        assert!(html.contains("title=\"总生存期\">OS</abbr>"));
        assert!(html.contains(">MSI-H</abbr>") && !html.contains(">MSI</abbr>"));
        assert!(
            glossary().mark("again OS", "en", "", &mut used).is_none(),
            "only the first use on a page"
        );
    }
}
