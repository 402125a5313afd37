//! The print edition of each language: the whole review as one HTML document at
//! `/<lang>/print/` (title page, table of contents, every section in order, one references
//! list at the end, links between sections turned into in-document links, no site navigation),
//! laid out for paper by `theme/print.css`. `evidoc pdf` prints it to PDF.

use crate::diagnostics::Diagnostic;
use crate::output::handout::{self, Anchors, Section, escape};
use crate::output::{Output, OutputFile, Sink};
use crate::site::Site;

/// One print edition per configured language.
pub struct PrintEditions;

impl Output for PrintEditions {
    fn name(&self) -> &'static str {
        "print editions"
    }

    fn render(&self, site: &Site, sink: &dyn Sink) -> Vec<Diagnostic> {
        let (sections, mut problems) = handout::sections(site);
        for lang in site.sources.config.language_codes() {
            let file = OutputFile {
                path: format!("{lang}/print/index.html"),
                bytes: edition(site, &sections, lang).into_bytes(),
            };
            problems.extend(sink.put(&file).err());
        }
        problems
    }
}

/// Where the print edition of each language is written.
pub fn edition_paths(site: &Site) -> Vec<String> {
    site.sources
        .config
        .language_codes()
        .iter()
        .map(|lang| format!("{lang}/print/index.html"))
        .collect()
}

/// The print edition of `lang`.
pub fn edition(site: &Site, sections: &[Section], lang: &str) -> String {
    let doc_path = format!("{lang}/print/index.html");
    let tree = &site.sources.tree;
    let title = &site
        .sources
        .config
        .language(lang)
        .map_or("", |l| l.title.as_str());
    let present: Vec<(&Section, String)> = sections
        .iter()
        .filter_map(|s| crate::output::web::page_content(site, s.id, lang).map(|html| (s, html)))
        .collect();
    let anchors: Anchors = present
        .iter()
        .map(|(s, _)| (tree.nodes[s.id].output_path(lang), s.slug.clone()))
        .collect();
    let mut html = handout::head(site, &doc_path, lang, title);
    html.push_str(&format!("<body class=\"print-edition\" lang=\"{lang}\">\n"));
    html.push_str(&handout::screen_bar(site, &doc_path, lang, &pdf_name(lang)));
    html.push_str(&handout::title_page(site, &[lang]));
    html.push_str(&toc(
        site,
        &present.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
        lang,
    ));
    html.push_str("<main class=\"print-body\">\n");
    for (section, body) in &present {
        let node = &tree.nodes[section.id];
        let body = handout::rewrite(
            body,
            &node.output_path(lang),
            &doc_path,
            &section.slug,
            &anchors,
        );
        html.push_str(&format!(
            "<section class=\"print-section depth-{}\" id=\"{}\">\n<h1 class=\"section-title\">{}</h1>\n<div class=\"content\">\n{body}\n</div>\n</section>\n",
            section.depth.min(3),
            section.slug,
            escape(node.title(lang)),
        ));
    }
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

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
