//! Citations: numbered in order of first appearance across the whole review (as printed
//! articles do), the same numbers in every language.

use std::collections::HashMap;

use crate::content::ContentTree;
use crate::markdown::CITE_MARK;
use crate::render::SiteInput;

/// Citation key → its number.
pub type Numbering = HashMap<String, usize>;

pub fn number_citations(
    input: &SiteInput,
    rendered: &HashMap<(usize, String), crate::markdown::RenderedMarkdown>,
) -> Numbering {
    let mut numbering = Numbering::new();
    for id in input.tree.reading_order() {
        for lang in &input.config.languages {
            let Some(md) = rendered.get(&(id, lang.code.clone())) else { continue };
            for cite in &md.citations {
                for key in &cite.keys {
                    let next = numbering.len() + 1;
                    numbering.entry(key.clone()).or_insert(next);
                }
            }
        }
    }
    let _ = ContentTree::ROOT;
    numbering
}

/// Replaces the citation markers left by the Markdown stage with numbered links.
pub fn replace_markers(html: &str, numbering: &Numbering, root: &str, lang: &str) -> String {
    if !html.contains(CITE_MARK) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 256);
    let mut parts = html.split(CITE_MARK);
    out.push_str(parts.next().unwrap_or(""));
    while let Some(keys) = parts.next() {
        out.push_str(&citation_html(keys, numbering, root, lang));
        out.push_str(parts.next().unwrap_or(""));
    }
    out
}

fn citation_html(keys: &str, numbering: &Numbering, root: &str, lang: &str) -> String {
    let mut numbers: Vec<usize> = keys.split(';').filter_map(|k| numbering.get(k).copied()).collect();
    numbers.sort_unstable();
    numbers.dedup();
    let href = |n: usize| format!("{root}{lang}/references/index.html#ref-{n}");
    let link = |n: usize| format!("<a href=\"{}\">{n}</a>", href(n));
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
    format!("<sup class=\"cite\">[{}]</sup>", pieces.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_compressed() {
        let numbering: Numbering = (13..=21).map(|n| (format!("ref{n}"), n)).chain([("a".to_string(), 4)]).collect();
        let keys: Vec<String> = (13..=21).map(|n| format!("ref{n}")).collect();
        let html = citation_html(&keys.join(";"), &numbering, "", "en");
        assert!(html.contains(">13</a>–<a"), "{html}");
        assert!(!html.contains(">14<"));
        let html = citation_html("a;ref13", &numbering, "", "en");
        assert!(html.contains(">4</a>, <a"), "{html}");
    }
}
