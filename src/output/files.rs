//! Files of the site that no content file produces: the bilingual landing page, the per-language
//! contents pages, 404, sitemap, robots.txt and the theme's assets.

use std::fmt::Write as _;

use crate::diagnostics::Diagnostic;
use crate::output::views::*;
use crate::output::web::{
    absolute_url, full_navigation, language_view, render_template, site_view, translation_views,
};
use crate::output::{Output, OutputFile, Sink, put_all};
use crate::site::{Site, Sources, root_prefix};
use crate::source::theme::ThemeFile;

/// The built-in theme, compiled into the binary; a site's `theme/` folder adds or replaces files.
const BUILTIN_ASSETS: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../theme/style.css")),
    ("evidoc.js", include_bytes!("../../theme/evidoc.js")),
    ("search.js", include_bytes!("../../theme/search.js")),
    ("favicon.svg", include_bytes!("../../theme/favicon.svg")),
    ("print.css", include_bytes!("../../theme/print.css")),
];

/// The bilingual landing page at the root, and the 404 page.
pub struct Landing;

impl Output for Landing {
    fn name(&self) -> &'static str {
        "landing and 404 pages"
    }

    fn render(&self, site: &Site, sink: &dyn Sink) -> Vec<Diagnostic> {
        let input = &site.sources;
        put_all(
            sink,
            [
                landing(input, "index.html", "landing.html"),
                landing(input, "404.html", "404.html"),
            ],
        )
    }
}

/// The contents page of each language: the whole tree.
pub struct ContentsPages;

impl Output for ContentsPages {
    fn name(&self) -> &'static str {
        "contents pages"
    }

    fn render(&self, site: &Site, sink: &dyn Sink) -> Vec<Diagnostic> {
        let input = &site.sources;
        let pages = input
            .config
            .languages
            .iter()
            .map(|l| contents_page(input, &l.code));
        put_all(sink, pages)
    }
}

/// `sitemap.xml`: every translated page with its language alternates.
pub struct Sitemap;

impl Output for Sitemap {
    fn name(&self) -> &'static str {
        "sitemap"
    }

    fn render(&self, site: &Site, sink: &dyn Sink) -> Vec<Diagnostic> {
        put_all(sink, [Ok(sitemap(&site.sources))])
    }
}

/// `data/trials.json`: the trial data as JSON, for readers who want the numbers.
pub struct TrialsJson;

impl Output for TrialsJson {
    fn name(&self) -> &'static str {
        "trials.json"
    }

    fn render(&self, site: &Site, sink: &dyn Sink) -> Vec<Diagnostic> {
        let data = &site.sources.data;
        if data.trials.is_empty() {
            return Vec::new();
        }
        let file = OutputFile {
            path: "data/trials.json".into(),
            bytes: crate::output::trial_pages::trials_json(data).into_bytes(),
        };
        put_all(sink, [Ok(file)])
    }
}

/// `robots.txt`, pointing at the sitemap.
pub struct Robots;

impl Output for Robots {
    fn name(&self) -> &'static str {
        "robots.txt"
    }

    fn render(&self, site: &Site, sink: &dyn Sink) -> Vec<Diagnostic> {
        put_all(sink, [Ok(robots(&site.sources))])
    }
}

/// The theme's assets: the built-in theme, the syntax-highlighting stylesheet, and the site's
/// own `theme/` files, which replace built-in files of the same name.
pub struct Assets;

impl Output for Assets {
    fn name(&self) -> &'static str {
        "assets"
    }

    fn render(&self, site: &Site, sink: &dyn Sink) -> Vec<Diagnostic> {
        put_all(sink, assets(&site.sources.theme).into_iter().map(Ok))
    }
}

fn landing(input: &Sources, path: &str, template: &str) -> Result<OutputFile, Diagnostic> {
    // 404.html is served at any depth, so its links are absolute (from the base URL's path).
    let root = if path == "404.html" {
        base_path(&input.config.base_url)
    } else {
        root_prefix(path)
    };
    let languages = input
        .config
        .languages
        .iter()
        .map(|l| LandingLanguage {
            code: &l.code,
            name: &l.name,
            title: &l.title,
            description: &l.description,
            href: format!("{root}{}/index.html", l.code),
            sections: input.tree.nodes[0]
                .children
                .iter()
                .map(|&id| {
                    let node = &input.tree.nodes[id];
                    Link {
                        title: node.title(&l.code).to_string(),
                        href: format!("{root}{}", node.output_path(&l.code)),
                    }
                })
                .collect(),
            t: &input.strings[&l.code],
        })
        .collect();
    let context = LandingContext {
        languages,
        default_language: &input.config.default_language,
        root,
        base_url: &input.config.base_url,
        credit: input
            .config
            .languages
            .iter()
            .filter_map(|l| input.config.credit.get(&l.code).map(String::as_str))
            .collect(),
    };
    let html = render_template(&input.templates, template, &context)?;
    Ok(OutputFile {
        path: path.to_string(),
        bytes: html.into_bytes(),
    })
}

/// The path part of the base URL (`https://x.org/review/` → `/review/`).
fn base_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    format!("{}/", path.trim_end_matches('/'))
}

fn contents_page(input: &Sources, lang: &str) -> Result<OutputFile, Diagnostic> {
    let path = format!("{lang}/contents/index.html");
    let root = root_prefix(&path);
    let strings = &input.strings[lang];
    let title = strings["site_contents"].as_str();
    let context = PageContext {
        site: site_view(&input.config, lang),
        lang: language_view(&input.config, lang),
        page: PageView {
            kind: "contents",
            title,
            summary: None,
            date: None,
            extra: None,
            content: "",
            toc: &[],
            url: absolute_url(&input.config, &format!("{lang}/contents/")),
            children: Vec::new(),
            source_file: String::new(),
            stale_source: None,
            draft: false,
        },
        translations: translation_views(input, "contents/", lang, &root, &|_| true),
        nav: full_navigation(&input.tree, lang, &root),
        prev: None,
        next: None,
        home_href: format!("{root}{lang}/index.html"),
        contents_href: format!("{root}{lang}/contents/index.html"),
        t: strings,
        root,
    };
    let html = render_template(&input.templates, "contents.html", &context)?;
    Ok(OutputFile {
        path,
        bytes: html.into_bytes(),
    })
}

/// Every translated page with its language alternates (untranslated placeholders are left out).
fn sitemap(input: &Sources) -> OutputFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for id in input.tree.reading_order() {
        let node = &input.tree.nodes[id];
        let langs: Vec<&str> = input
            .config
            .language_codes()
            .into_iter()
            .filter(|l| node.available(l))
            .collect();
        for lang in &langs {
            let _ = writeln!(
                xml,
                "  <url>\n    <loc>{}</loc>",
                absolute_url(&input.config, &format!("{lang}/{}", node.url_path))
            );
            for alt in &langs {
                let href = absolute_url(&input.config, &format!("{alt}/{}", node.url_path));
                let _ = writeln!(
                    xml,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{alt}\" href=\"{href}\"/>"
                );
            }
            let default = absolute_url(
                &input.config,
                &format!("{}/{}", input.config.default_language, node.url_path),
            );
            let _ = writeln!(
                xml,
                "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{default}\"/>\n  </url>"
            );
        }
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    }
}

fn robots(input: &Sources) -> OutputFile {
    let text = format!(
        "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
        input.config.base_url_slash()
    );
    OutputFile {
        path: "robots.txt".into(),
        bytes: text.into_bytes(),
    }
}

fn assets(theme: &[ThemeFile]) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> = BUILTIN_ASSETS
        .iter()
        .map(|(name, bytes)| OutputFile {
            path: format!("assets/{name}"),
            bytes: bytes.to_vec(),
        })
        .collect();
    files.push(OutputFile {
        path: "assets/syntax.css".into(),
        bytes: crate::markup::highlight::stylesheet().into_bytes(),
    });
    for file in theme {
        let path = format!("assets/{}", file.rel);
        files.retain(|f| f.path != path);
        files.push(OutputFile {
            path,
            bytes: file.bytes.clone(),
        });
    }
    files
}
