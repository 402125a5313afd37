//! The parallel edition at `/print/<a>-<b>/`: the review in its first two languages side by
//! side (in configuration order), block by block, so a reader can compare sentences. Each
//! heading, paragraph, list, table, figure and note of one language sits beside its
//! counterpart. Where the two languages' blocks differ within a section (one has a paragraph
//! more, or a list where the other has a paragraph), that section is aligned by its heading
//! only, and a warning (W0601) names the section, rather than misaligning silently.

use crate::diagnostics::Diagnostic;
use crate::markup::facts::page_facts;
use crate::output::handout::{self, Anchors, HtmlBlock, Section, escape};
use crate::site::Site;
use crate::source::content::Node;

/// Where the side-by-side edition is written, if the site has one.
pub fn edition_path(site: &Site) -> Option<String> {
    site.sources.config.parallel_pair().map(doc_path)
}

pub fn doc_path([a, b]: [&str; 2]) -> String {
    format!("print/{a}-{b}/index.html")
}

/// The in-document anchor of each section in each language, by the section's web page path.
pub fn anchors(site: &Site, sections: &[Section], langs: [&str; 2]) -> Anchors {
    let tree = &site.sources.tree;
    sections
        .iter()
        .flat_map(|s| langs.map(|l| (tree.nodes[s.id].output_path(l), format!("{l}-{}", s.slug))))
        .collect()
}

/// The parallel edition of `langs` up to its first section: title page and table of contents.
pub fn opening(site: &Site, sections: &[Section], langs: [&str; 2]) -> String {
    let config = &site.sources.config;
    let title = langs
        .iter()
        .filter_map(|l| config.language(l).map(|c| c.title.as_str()))
        .collect::<Vec<_>>()
        .join(" | ");
    let doc_path = doc_path(langs);
    let mut html = handout::head(site, &doc_path, langs[0], &title);
    html.push_str("<body class=\"print-edition parallel-edition\">\n");
    let pdf = format!("handout-{}-{}.pdf", langs[0], langs[1]);
    html.push_str(&handout::screen_bar(site, &doc_path, langs[0], &pdf));
    html.push_str(&handout::title_page(site, &langs));
    html.push_str(&toc(site, sections, langs));
    html.push_str("<main class=\"print-body\">\n");
    html
}

/// One section of the parallel edition, from the bodies of its web pages in the two languages,
/// and a warning where their structure differs.
pub fn section(
    site: &Site,
    anchors: &Anchors,
    section: &Section,
    langs: [&str; 2],
    bodies: [Option<&str>; 2],
) -> (String, Vec<Diagnostic>) {
    let node = &site.sources.tree.nodes[section.id];
    let doc_path = doc_path(langs);
    let blocks = [0, 1].map(|i| {
        bodies[i].map(|body| {
            let prefix = format!("{}-{}", langs[i], section.slug);
            handout::blocks(&handout::rewrite(
                body,
                &node.output_path(langs[i]),
                &doc_path,
                &prefix,
                anchors,
            ))
        })
    });
    let [Some(left), Some(right)] = &blocks else {
        return (one_sided(node, section, langs, &blocks), Vec::new());
    };
    let aligned = align(left, right);
    // Generated pages differ only where their sources do (a trial discussed in one
    // language only), which is reported where it happens; they are aligned silently.
    let warnings = if node.is_generated() {
        Vec::new()
    } else {
        aligned
            .differs
            .iter()
            .filter_map(|d| differs_warning(site, node, langs, left, right, *d))
            .collect()
    };
    (section_html(node, section, langs, &aligned.rows), warnings)
}

fn title_row(node: &Node, section: &Section, langs: [&str; 2]) -> String {
    let titles = langs.map(|l| {
        format!(
            "<h1 class=\"section-title cell\" lang=\"{l}\" id=\"{l}-{}\">{}</h1>",
            section.slug,
            escape(node.title(l))
        )
    });
    format!(
        "<div class=\"pair pair-title\">{}{}</div>\n",
        titles[0], titles[1]
    )
}

fn section_html(node: &Node, section: &Section, langs: [&str; 2], rows: &[Row]) -> String {
    let mut html = format!(
        "<section class=\"print-section parallel-section depth-{}\" id=\"{}\">\n",
        section.depth.min(3),
        section.slug
    );
    html.push_str(&title_row(node, section, langs));
    for row in rows {
        html.push_str(&format!(
            "<div class=\"pair pair-{}\"><div class=\"cell content\" lang=\"{}\">{}</div><div class=\"cell content\" lang=\"{}\">{}</div></div>\n",
            row.kind, langs[0], row.cells[0], langs[1], row.cells[1]
        ));
    }
    html.push_str("</section>\n");
    html
}

/// A page written in only one of the two languages: its text in its column, nothing beside it.
fn one_sided(
    node: &Node,
    section: &Section,
    langs: [&str; 2],
    bodies: &[Option<Vec<HtmlBlock>>; 2],
) -> String {
    let cells = [0, 1].map(|i| {
        bodies[i]
            .as_ref()
            .map(|b| {
                b.iter()
                    .map(|x| x.html.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default()
    });
    let row = Row {
        kind: "text",
        cells,
    };
    section_html(node, section, langs, std::slice::from_ref(&row))
}

fn toc(site: &Site, sections: &[Section], langs: [&str; 2]) -> String {
    let tree = &site.sources.tree;
    let heading = langs.map(|l| escape(&site.sources.strings[l]["contents"]));
    let mut html = format!(
        "<nav class=\"print-toc parallel-toc\" aria-labelledby=\"print-toc\">\n<h1 id=\"print-toc\"><span lang=\"{}\">{}</span> | <span lang=\"{}\">{}</span></h1>\n<ol>\n",
        langs[0], heading[0], langs[1], heading[1]
    );
    for section in sections {
        let node = &tree.nodes[section.id];
        html.push_str(&format!(
            "<li class=\"toc-depth-{}\"><a href=\"#{}\"><span lang=\"{}\">{}</span> <span class=\"toc-other\" lang=\"{}\">{}</span></a></li>\n",
            section.depth.min(3),
            section.slug,
            langs[0],
            escape(node.title(langs[0])),
            langs[1],
            escape(node.title(langs[1]))
        ));
    }
    html.push_str("</ol>\n</nav>\n");
    html
}

/// One row of the two columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// `heading`, `text` (paragraphs, lists, notes) or `figure` (tables and plots): the print
    /// CSS keeps headings with what follows and figures whole.
    pub kind: &'static str,
    pub cells: [String; 2],
}

/// Where the two languages' structure differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Differs {
    /// The part of the page after its `n`th heading (0: before the first heading).
    Part(usize),
    /// The pages have different numbers of headings: aligned as a whole.
    Page,
}

#[derive(Debug, Default)]
pub struct Alignment {
    pub rows: Vec<Row>,
    pub differs: Vec<Differs>,
}

/// Pairs the blocks of two versions of one page: part by part (a part runs from one heading
/// to the next), block by block where a part has the same blocks in both; a part whose blocks
/// differ is one row, beside its counterpart.
pub fn align(left: &[HtmlBlock], right: &[HtmlBlock]) -> Alignment {
    let (lp, rp) = (parts(left), parts(right));
    let mut out = Alignment::default();
    if lp.len() != rp.len() {
        out.rows.push(joined(left, right));
        out.differs.push(Differs::Page);
        return out;
    }
    for (n, (l, r)) in lp.iter().zip(&rp).enumerate() {
        if shape(l) == shape(r) {
            out.rows.extend(l.iter().zip(r.iter()).map(|(a, b)| Row {
                kind: kind(a),
                cells: [a.html.clone(), b.html.clone()],
            }));
        } else {
            // Keep the heading beside its counterpart; the rest of the part is one row.
            let (l, r) = match (l.first(), r.first()) {
                (Some(a), Some(b)) if a.is_heading() && b.is_heading() => {
                    out.rows.push(Row {
                        kind: "heading",
                        cells: [a.html.clone(), b.html.clone()],
                    });
                    (&l[1..], &r[1..])
                }
                _ => (&l[..], &r[..]),
            };
            out.rows.push(joined(l, r));
            out.differs.push(Differs::Part(n));
        }
    }
    out
}

fn joined(left: &[HtmlBlock], right: &[HtmlBlock]) -> Row {
    let join = |blocks: &[HtmlBlock]| {
        blocks
            .iter()
            .map(|b| b.html.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    };
    Row {
        kind: "text",
        cells: [join(left), join(right)],
    }
}

/// The blocks split at headings: part 0 is what comes before the first heading.
fn parts(blocks: &[HtmlBlock]) -> Vec<&[HtmlBlock]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in blocks.iter().enumerate() {
        if b.is_heading() {
            out.push(&blocks[start..i]);
            start = i;
        }
    }
    out.push(&blocks[start..]);
    out
}

fn shape(blocks: &[HtmlBlock]) -> Vec<&str> {
    blocks.iter().map(|b| b.tag.as_str()).collect()
}

fn kind(block: &HtmlBlock) -> &'static str {
    match block.tag.as_str() {
        _ if block.is_heading() => "heading",
        "figure" | "table" | "svg" | "img" | "pre" => "figure",
        _ => "text",
    }
}

/// W0601, at the heading of the part that differs in the translation (the language that is
/// not the site's source language), with the other language's file as the related place.
fn differs_warning(
    site: &Site,
    node: &Node,
    langs: [&str; 2],
    left: &[HtmlBlock],
    right: &[HtmlBlock],
    differs: Differs,
) -> Option<Diagnostic> {
    let source = site.sources.config.default_language.as_str();
    let (here, there) = if langs[1] != source {
        (langs[1], langs[0])
    } else {
        (langs[0], langs[1])
    };
    let place = |lang: &str| {
        node.translations.get(lang).map(|t| {
            // A parse of its own, for a warning only.
            let facts = page_facts(&t.source.text, t.source.body_start);
            let heading = match differs {
                Differs::Part(n) if n > 0 => facts.headings.get(n - 1).copied(),
                _ => None,
            };
            t.source.lines().locate(heading.unwrap_or(facts.body))
        })
    };
    let (what, shapes) = match differs {
        Differs::Page => (
            "its two languages have different numbers of headings".to_string(),
            format!(
                "{}: {} headings, {}: {} headings",
                langs[0],
                count_headings(left),
                langs[1],
                count_headings(right)
            ),
        ),
        Differs::Part(n) => {
            let (l, r) = (parts(left), parts(right));
            (
                "the blocks under this heading differ between its two languages".to_string(),
                format!(
                    "{}: {}; {}: {}",
                    langs[0],
                    shape(l[n]).join(", "),
                    langs[1],
                    shape(r[n]).join(", ")
                ),
            )
        }
    };
    let at = place(here).or_else(|| place(there))?;
    let mut d = Diagnostic::warning(
        "W0601",
        format!("parallel edition: {what} ({shapes}); aligned by heading only"),
    )
    .hint(format!(
        "give the `{here}` and `{there}` versions the same paragraphs, lists, tables and notes in the same order, so the side-by-side edition can pair them block by block"
    ))
    .at(at);
    if let (Some(_), Some(related)) = (place(here), place(there)) {
        d = d.related(related);
    }
    Some(d)
}

fn count_headings(blocks: &[HtmlBlock]) -> usize {
    blocks.iter().filter(|b| b.is_heading()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(tags: &[&str]) -> Vec<HtmlBlock> {
        tags.iter()
            .map(|t| HtmlBlock {
                tag: t.to_string(),
                html: format!("<{t}></{t}>"),
            })
            .collect()
    }

    #[test]
    fn same_structure_pairs_every_block() {
        let a = blocks(&["p", "h2", "p", "figure"]);
        let aligned = align(&a, &a.clone());
        assert_eq!(aligned.rows.len(), 4);
        assert!(aligned.differs.is_empty());
        assert_eq!(aligned.rows[3].kind, "figure");
    }

    #[test]
    fn a_part_that_differs_is_aligned_by_its_heading() {
        let a = blocks(&["p", "h2", "p", "p", "h2", "ul"]);
        let b = blocks(&["p", "h2", "p", "h2", "ul"]);
        let aligned = align(&a, &b);
        assert_eq!(aligned.differs, [Differs::Part(1)]);
        let kinds: Vec<&str> = aligned.rows.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, ["text", "heading", "text", "heading", "text"]);
    }

    #[test]
    fn different_heading_counts_align_the_whole_page() {
        let aligned = align(&blocks(&["h2", "p"]), &blocks(&["p"]));
        assert_eq!(aligned.differs, [Differs::Page]);
        assert_eq!(aligned.rows.len(), 1);
    }
}
