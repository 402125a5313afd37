//! The glossary page of one language: every term with its expansions and the pages that use it.

use std::collections::BTreeMap;

use crate::markup::glossary::{Glossary, term_id};
use crate::markup::highlight::escape_html;
use crate::source::i18n::Text;

/// The glossary page: every term, its expansion in this language and the others, and where used.
pub fn glossary_body(
    glossary: &Glossary,
    lang: &str,
    used_on: &BTreeMap<String, Vec<crate::output::views::Link>>,
) -> String {
    let mut terms: Vec<&(String, Text)> = glossary.terms.iter().collect();
    terms.sort_by_key(|(t, _)| t.to_lowercase());
    let mut html = String::from("<dl class=\"glossary\">\n");
    for (term, expansions) in terms {
        let own = crate::source::i18n::localized(expansions, lang).unwrap_or_default();
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
            "<dt id=\"{0}\" data-pagefind-title=\"{1}\"><abbr>{1}</abbr></dt><dd>{2}{3}",
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
