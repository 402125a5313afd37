//! The references page of one language: every cited entry by number, formatted by the CSL
//! engine, with its identifiers and links back to where it is cited; then the other confirmed
//! publications of the trials the review names.

use crate::cite::numbering::Citations;
use crate::markup::highlight::escape_html;
use crate::markup::markdown::TocEntry;
use crate::output::trial_pages::GeneratedBody;
use crate::site::Sources;

/// The references page: every cited entry by number, formatted by the CSL engine, with its
/// identifiers and links back to where it is cited; then other confirmed publications.
pub fn references_body(
    input: &Sources,
    citations: &Citations,
    lang: &str,
    root: &str,
) -> GeneratedBody {
    let strings = &input.strings[lang];
    let bib = &input.bibliography;
    let formatted = bib.format(&citations.order, lang);
    let mut html = format!(
        "<p class=\"provenance-legend\">{}</p>\n<ol class=\"references\">\n",
        escape_html(&strings["references_legend"])
    );
    for (i, key) in citations.order.iter().enumerate() {
        let n = i + 1;
        let text = match (formatted.get(key), bib.unidentified.get(key)) {
            (Some(entry), _) => entry.clone(),
            (None, Some(texts)) => format!(
                "<span class=\"unidentified\">{}</span> {}",
                escape_html(&strings["not_identified"]),
                escape_html(crate::source::i18n::localized(texts, lang).unwrap_or_default())
            ),
            (None, None) => escape_html(key),
        };
        let marks = provenance_marks(input, key, strings);
        html.push_str(&format!(
            "<li id=\"ref-{n}\" value=\"{n}\"><span class=\"ref-number\">[{n}]</span>{marks} {text}"
        ));
        html.push_str(&identifier_links(input, key));
        html.push_str(&backlinks(input, citations, key, lang, root));
        html.push_str("</li>\n");
    }
    html.push_str("</ol>\n");
    let mut toc = vec![];
    let uncited = uncited_publications(input, citations, lang);
    if !uncited.is_empty() {
        toc.push(TocEntry {
            level: 2,
            id: "further-publications".into(),
            title: strings["further_publications"].clone(),
        });
        html.push_str(&format!(
            "<h2 id=\"further-publications\">{}</h2>\n<p>{}</p>\n{uncited}",
            escape_html(&strings["further_publications"]),
            escape_html(&strings["further_publications_note"])
        ));
    }
    GeneratedBody {
        html,
        toc,
        tables: Vec::new(),
    }
}

/// The marks of an identified entry: "inferred" when the number-to-paper match rests on the
/// trial named in the citing sentence, and ⓘ since its details come from outside the source.
fn provenance_marks(input: &Sources, key: &str, strings: &crate::source::i18n::Strings) -> String {
    if input.bibliography.unidentified.contains_key(key) {
        return String::new();
    }
    let mut marks = String::new();
    if let Some(trial) = input
        .bibliography
        .mappings
        .get(key)
        .and_then(|m| m.inferred_from.as_deref())
    {
        let name = input.data.get(trial).map_or(trial, |t| t.name.as_str());
        let title = strings["inferred_title"].replace("{trial}", name);
        marks.push_str(&format!(
            " <span class=\"inferred-mark\" title=\"{0}\" aria-label=\"{0}\" tabindex=\"0\">{1}</span>",
            escape_html(&title),
            escape_html(&strings["inferred_mark"])
        ));
    }
    let from = crate::trials::data::Sourced::External("trial-publications".into());
    marks + &crate::trials::figures::external_mark(strings, &from)
}

/// DOI, PubMed and the trial registration of the trials this publication reports.
fn identifier_links(input: &Sources, key: &str) -> String {
    let mut links: Vec<String> = input
        .bibliography
        .identifiers(key)
        .into_iter()
        .map(|(label, url)| {
            format!(
                "<a href=\"{}\">{}</a>",
                escape_html(&url),
                escape_html(&label)
            )
        })
        .collect();
    for file in &input.data.trials {
        if file.trial.citations.iter().any(|c| c.get_ref() == key) {
            if let Some(reg) = &file.trial.registration {
                links.push(format!(
                    "<a href=\"https://clinicaltrials.gov/study/{0}\">{0}</a>",
                    escape_html(reg)
                ));
            }
        }
    }
    if links.is_empty() {
        String::new()
    } else {
        format!(" <span class=\"ref-ids\">{}</span>", links.join(" · "))
    }
}

fn backlinks(input: &Sources, citations: &Citations, key: &str, lang: &str, root: &str) -> String {
    let sites: Vec<String> = citations
        .sites
        .get(key)
        .into_iter()
        .flatten()
        .filter(|(_, l, _)| l == lang)
        .map(|(node, _, index)| {
            let n = &input.tree.nodes[*node];
            format!(
                "<a href=\"{root}{}#cite-{index}\">↩ {}</a>",
                n.output_path(lang),
                escape_html(n.title(lang))
            )
        })
        .collect();
    if sites.is_empty() {
        String::new()
    } else {
        format!(" <span class=\"ref-backlinks\">{}</span>", sites.join(" "))
    }
}

/// Bibliography entries the review does not cite by number (publications of trials it names).
fn uncited_publications(input: &Sources, citations: &Citations, lang: &str) -> String {
    let Some(library) = &input.bibliography.library else {
        return String::new();
    };
    let keys: Vec<String> = library
        .iter()
        .map(|e| e.key().to_string())
        .filter(|k| !citations.numbering.contains_key(k))
        .collect();
    if keys.is_empty() {
        return String::new();
    }
    let formatted = input.bibliography.format(&keys, lang);
    let mut html = String::from("<ul class=\"references further\">\n");
    for key in &keys {
        if let Some(text) = formatted.get(key) {
            html.push_str(&format!(
                "<li id=\"pub-{}\">{text}{}{}</li>\n",
                escape_html(key),
                identifier_links(input, key),
                provenance_marks(input, key, &input.strings[lang])
            ));
        }
    }
    html.push_str("</ul>\n");
    html
}
