//! Citations: numbered in order of first appearance across the whole review (as printed
//! articles do), the same numbers in every language; each links to its entry on the references
//! page, and each entry links back to every place that cites it.

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::content::{ContentTree, NodeId};
use crate::trials::data::SourceRef;

use crate::cite::bibliography::Bibliography;
use crate::markup::markdown::{CITE_MARK, REF_MARK, RenderedMarkdown};
use crate::trials::data::TrialData;

/// Where a citation stands: page, language, and its index among the page's citations.
pub type CitationSite = (NodeId, String, usize);

#[derive(Debug, Default)]
pub struct Citations {
    /// Key → number.
    pub numbering: HashMap<String, usize>,
    /// Keys in number order.
    pub order: Vec<String>,
    /// Key → every place citing it, in reading order.
    pub sites: HashMap<String, Vec<CitationSite>>,
}

/// Numbers every known citation and reports unknown keys at their file and line.
pub fn collect(
    tree: &ContentTree,
    order: &[NodeId],
    languages: &[&str],
    bibliography: &Bibliography,
    rendered: &HashMap<(NodeId, String), RenderedMarkdown>,
    diags: &mut Diagnostics,
) -> Citations {
    let mut c = Citations::default();
    for &id in order {
        for &lang in languages {
            let Some(md) = rendered.get(&(id, lang.to_string())) else {
                continue;
            };
            let file = tree.file(id, lang);
            for (index, cite) in md.citations.iter().enumerate() {
                for key in &cite.keys {
                    if !bibliography.contains(key) {
                        let at = file.as_ref().map(|f| f.locate(cite.span));
                        diags.push(unknown_key(bibliography, key, at));
                        continue;
                    }
                    if !c.numbering.contains_key(key) {
                        c.order.push(key.clone());
                        c.numbering.insert(key.clone(), c.order.len());
                    }
                    c.sites
                        .entry(key.clone())
                        .or_default()
                        .push((id, lang.to_string(), index));
                }
            }
        }
    }
    c
}

fn unknown_key(
    bibliography: &Bibliography,
    key: &str,
    location: Option<crate::diagnostics::Location>,
) -> Diagnostic {
    let keys = bibliography.keys();
    let similar: Vec<&String> = keys
        .iter()
        .filter(|k| strsim::levenshtein(k, key) <= 2)
        .take(8)
        .collect();
    let mut d = Diagnostic::error("E0304", format!("unknown citation key `{key}`"));
    d.location = location;
    d.hint(if similar.is_empty() {
            "add the entry to content/bibliography.yaml (or content/references.toml if it cannot be identified)".to_string()
        } else {
            format!("did you mean one of: {}?", similar.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "))
        })
}

/// Replaces the citation markers left by the Markdown stage with numbered links: anchored
/// for citations in the text, plain for the source references of data figures.
pub fn replace_markers(html: &str, citations: &Citations, root: &str, lang: &str) -> String {
    let html = replace(html, CITE_MARK, |keys, index| {
        citation_html(keys, citations, root, lang, Some(index))
    });
    replace(&html, REF_MARK, |keys, _| {
        citation_html(keys, citations, root, lang, None)
    })
}

/// Source-reference markers as plain `[2]` / `[2, 11]`, for CSV files (no links).
pub fn plain_refs(text: &str, citations: &Citations) -> String {
    replace(text, REF_MARK, |keys, _| {
        let numbers: Vec<String> = numbers_of(keys, citations)
            .iter()
            .map(usize::to_string)
            .collect();
        format!("[{}]", numbers.join(", "))
    })
}

fn replace(html: &str, mark: char, render: impl Fn(&str, usize) -> String) -> String {
    if !html.contains(mark) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 256);
    let mut parts = html.split(mark);
    out.push_str(parts.next().unwrap_or(""));
    let mut index = 0;
    while let Some(keys) = parts.next() {
        out.push_str(&render(keys, index));
        out.push_str(parts.next().unwrap_or(""));
        index += 1;
    }
    out
}

/// The numbers of `a;b;#2` (keys or review numbers), sorted, each once; unknown keys left out.
fn numbers_of(keys: &str, citations: &Citations) -> Vec<usize> {
    let mut numbers: Vec<usize> = keys
        .split(';')
        .filter_map(|k| number_of(k, citations))
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// The number of a key (`janjigian2021`) or of a review number written as `#2`.
fn number_of(key: &str, citations: &Citations) -> Option<usize> {
    match key.strip_prefix('#') {
        Some(n) => n
            .parse()
            .ok()
            .filter(|n| (1..=citations.order.len()).contains(n)),
        None => citations.numbering.get(key).copied(),
    }
}

fn citation_html(
    keys: &str,
    citations: &Citations,
    root: &str,
    lang: &str,
    anchor: Option<usize>,
) -> String {
    let numbers = numbers_of(keys, citations);
    if numbers.is_empty() {
        return String::new();
    }
    let link = |n: usize| format!("<a href=\"{root}{lang}/references/index.html#ref-{n}\">{n}</a>");
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let mut j = i;
        while j + 1 < numbers.len() && numbers[j + 1] == numbers[j] + 1 {
            j += 1;
        }
        if j >= i + 2 {
            pieces.push(format!("{}–{}", link(numbers[i]), link(numbers[j])));
        } else {
            pieces.extend((i..=j).map(|k| link(numbers[k])));
        }
        i = j + 1;
    }
    let id = anchor
        .map(|i| format!(" id=\"cite-{i}\""))
        .unwrap_or_default();
    format!("<sup class=\"cite\"{id}>[{}]</sup>", pieces.join(", "))
}

/// Every source reference in the trial data must name a reference the review cites.
pub fn check_source_refs(
    data: &TrialData,
    bibliography: &Bibliography,
    citations: &Citations,
    diags: &mut Diagnostics,
) {
    for file in &data.trials {
        for r in file.source_refs() {
            let (ok, what) = match r.get_ref() {
                SourceRef::Number(n) => (
                    (1..=citations.order.len()).contains(&(*n as usize)),
                    format!("[{n}]"),
                ),
                SourceRef::Key(k) => (citations.numbering.contains_key(k), format!("`{k}`")),
            };
            if !ok {
                let span = r.span();
                diags.push(
                    Diagnostic::error("E0412", format!("source reference {what} is not a reference the review cites"))
                        .at(crate::diagnostics::Location::at_offset(&file.path, &file.text, span.start, span.len()))
                        .hint(format!(
                            "use a citation key of the bibliography, or a number from 1 to {} (the review's reference numbers)",
                            citations.order.len()
                        )),
                );
            }
        }
        check_origins(bibliography, file, diags);
    }
}

/// Every origin written in a trial file must be `source`, a bibliography key or a registry id,
/// so an ⓘ mark always names something a reader can look up.
fn check_origins(
    bibliography: &Bibliography,
    file: &crate::trials::data::TrialFile,
    diags: &mut Diagnostics,
) {
    let t = &file.trial;
    let p = &t.provenance;
    let trial_level = [
        &p.registration,
        &p.phase,
        &p.design,
        &p.setting,
        &p.arms,
        &p.citations,
    ];
    let entries = t
        .results
        .iter()
        .map(|r| &r.origin)
        .chain(t.liver_metastasis.iter().map(|l| &l.origin))
        .chain(t.adverse_events.iter().map(|a| &a.origin))
        .chain(t.approvals.iter().map(|a| &a.origin));
    for origin in trial_level.into_iter().chain(entries).flatten() {
        if origin == "source" || bibliography.contains(origin) || is_registry_id(origin) {
            continue;
        }
        let quoted = format!("\"{origin}\"");
        let offset = file.text.find(&quoted).unwrap_or(0);
        diags.push(
            Diagnostic::error("E0412", format!("origin `{origin}` is not a reference"))
                .at(crate::diagnostics::Location::at_offset(
                    &file.path,
                    &file.text,
                    offset,
                    quoted.len(),
                ))
                .hint("use \"source\" (the review's source article), a bibliography key, or a registry id such as NCT01234567"),
        );
    }
}

/// A trial registry id: letters, then letters, digits and hyphens, ending in a digit
/// (`NCT02746796`, `ChiCTR2000012345`, `jRCT2031200001`).
fn is_registry_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && id.ends_with(|c: char| c.is_ascii_digit())
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && id.chars().filter(char::is_ascii_digit).count() >= 6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_compressed() {
        let numbering: HashMap<String, usize> = (13..=21)
            .map(|n| (format!("ref{n}"), n))
            .chain([("a".to_string(), 4)])
            .collect();
        let keys: Vec<String> = (13..=21).map(|n| format!("ref{n}")).collect();
        let citations = Citations {
            order: vec![String::new(); 21],
            numbering,
            ..Default::default()
        };
        let html = citation_html(&keys.join(";"), &citations, "", "en", Some(0));
        assert!(html.contains(">13</a>–<a"), "{html}");
        assert!(!html.contains(">14<"));
        let html = citation_html("a;ref13", &citations, "", "en", Some(1));
        assert!(html.contains(">4</a>, <a"), "{html}");
        assert!(html.contains("id=\"cite-1\""));
    }
}
