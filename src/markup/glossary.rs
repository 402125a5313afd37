//! The bilingual glossary (`content/glossary.toml`): abbreviations the review uses, marked up on
//! their first use on each page as `<abbr>` with the expansion in the page's language, and listed
//! on a glossary page per language with links back to the pages that use them.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::markup::highlight::escape_html;
use crate::source::i18n::Text;

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
            .and_then(|(_, e)| crate::source::i18n::localized(e, lang))
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
    let Some(text) = crate::source::input::read_optional_reported(&path, diags) else {
        return Glossary::default();
    };
    let map: BTreeMap<String, Text> = match toml::from_str(&text) {
        Ok(m) => m,
        Err(e) => {
            diags.push(crate::source::config::toml_error("E0501", &path, &text, &e));
            return Glossary::default();
        }
    };
    diags.extend(crate::source::lang_keys::check_document(
        &path, &text, languages,
    ));
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
