//! The print edition of each language: the whole review as one HTML document at
//! `/<lang>/print/` (title page, table of contents, every section in order, one references
//! list at the end, links between sections turned into in-document links, no site navigation),
//! laid out for paper by `theme/print.css`. `evidoc pdf` prints it to PDF. The editions are
//! written as the web pages render (`output::editions`), from the same page bodies.

use crate::output::handout::{self, Anchors, Section, escape};
use crate::site::Site;

/// Where the print edition of `lang` is on the site.
pub fn doc_path(lang: &str) -> String {
    format!("{lang}/print/index.html")
}

/// Where the print edition of each language is written.
pub fn edition_paths(site: &Site) -> Vec<String> {
    site.sources
        .config
        .language_codes()
        .iter()
        .map(|lang| doc_path(lang))
        .collect()
}

/// The in-document anchor of each section present in `lang`, by the section's web page path.
pub fn anchors(site: &Site, present: &[&Section], lang: &str) -> Anchors {
    present
        .iter()
        .map(|s| {
            (
                site.sources.tree.nodes[s.id].output_path(lang),
                s.slug.clone(),
            )
        })
        .collect()
}

/// The edition of `lang` up to its first section: title page and table of contents of the
/// sections `present` in that language.
pub fn opening(site: &Site, present: &[&Section], lang: &str) -> String {
    let title = &site
        .sources
        .config
        .language(lang)
        .map_or("", |l| l.title.as_str());
    let doc_path = doc_path(lang);
    let mut html = handout::head(site, &doc_path, lang, title);
    html.push_str(&format!("<body class=\"print-edition\" lang=\"{lang}\">\n"));
    html.push_str(&handout::screen_bar(site, &doc_path, lang, &pdf_name(lang)));
    html.push_str(&handout::title_page(site, &[lang]));
    html.push_str(&toc(site, present, lang));
    html.push_str("<main class=\"print-body\">\n");
    html
}

/// One section of the edition of `lang`, from the body of its web page.
pub fn section(
    site: &Site,
    anchors: &Anchors,
    section: &Section,
    lang: &str,
    body: &str,
) -> String {
    let node = &site.sources.tree.nodes[section.id];
    let body = handout::rewrite(
        body,
        &node.output_path(lang),
        &doc_path(lang),
        &section.slug,
        anchors,
    );
    format!(
        "<section class=\"print-section depth-{}\" id=\"{}\">\n<h1 class=\"section-title\">{}</h1>\n<div class=\"content\">\n{body}\n</div>\n</section>\n",
        section.depth.min(3),
        section.slug,
        escape(node.title(lang)),
    )
}

/// What follows the last section of an edition (print or parallel).
pub const CLOSING: &str = "</main>\n</body>\n</html>\n";

/// The PDF of this language's edition, as written next to it by `evidoc build --pdf`.
pub fn pdf_name(lang: &str) -> String {
    format!("handout-{lang}.pdf")
}

/// The table of contents: every section, indented by depth. Page numbers are filled in by the
/// print CSS only where the engine supports `target-counter`; the PDF's outline lists the same
/// sections with their pages.
pub fn toc(site: &Site, sections: &[&Section], lang: &str) -> String {
    let tree = &site.sources.tree;
    let heading = escape(&site.sources.strings[lang]["contents"]);
    let mut html = format!(
        "<nav class=\"print-toc\" aria-labelledby=\"print-toc\">\n<h1 id=\"print-toc\">{heading}</h1>\n<ol>\n"
    );
    for section in sections {
        html.push_str(&format!(
            "<li class=\"toc-depth-{}\"><a href=\"#{}\">{}</a></li>\n",
            section.depth.min(3),
            section.slug,
            escape(tree.nodes[section.id].title(lang))
        ));
    }
    html.push_str("</ol>\n</nav>\n");
    html
}
