//! Files of the site that no content file produces: the bilingual landing page, the per-language
//! contents pages, 404, sitemap, robots.txt and the theme's assets.

use std::fmt::Write as _;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::render::{
    OutputFile, SiteInput, absolute_url, full_navigation, language_view, render_template,
    root_prefix, site_view, translation_views,
};
use crate::views::*;

/// The built-in theme, compiled into the binary; a site's `theme/` folder adds or replaces files.
const BUILTIN_ASSETS: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../theme/style.css")),
    ("evidoc.js", include_bytes!("../theme/evidoc.js")),
    ("favicon.svg", include_bytes!("../theme/favicon.svg")),
];

pub fn generated_files(input: &SiteInput, diags: &mut Diagnostics) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let mut push = |result: Result<OutputFile, Diagnostic>| match result {
        Ok(f) => files.push(f),
        Err(d) => diags.push(d),
    };
    push(landing(input, "index.html", "landing.html"));
    push(landing(input, "404.html", "404.html"));
    for lang in &input.config.languages {
        push(contents_page(input, &lang.code));
    }
    files.push(sitemap(input));
    if !input.data.trials.is_empty() {
        files.push(OutputFile {
            path: "data/trials.json".into(),
            bytes: crate::trial_pages::trials_json(input.data).into_bytes(),
        });
    }
    files.push(robots(input));
    files.extend(assets(input.root, diags));
    files
}

fn landing(input: &SiteInput, path: &str, template: &str) -> Result<OutputFile, Diagnostic> {
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
    let html = render_template(input.templates, template, &context)?;
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

fn contents_page(input: &SiteInput, lang: &str) -> Result<OutputFile, Diagnostic> {
    let path = format!("{lang}/contents/index.html");
    let root = root_prefix(&path);
    let strings = &input.strings[lang];
    let title = strings["site_contents"].as_str();
    let context = PageContext {
        site: site_view(input.config, lang),
        lang: language_view(input.config, lang),
        page: PageView {
            kind: "contents",
            title,
            summary: None,
            content: "",
            toc: &[],
            url: absolute_url(input.config, &format!("{lang}/contents/")),
            children: Vec::new(),
            source_file: String::new(),
            stale_source: None,
        },
        translations: translation_views(input, "contents/", lang, &root, &|_| true),
        nav: full_navigation(input.tree, lang, &root),
        prev: None,
        next: None,
        home_href: format!("{root}{lang}/index.html"),
        contents_href: format!("{root}{lang}/contents/index.html"),
        t: strings,
        root,
    };
    let html = render_template(input.templates, "contents.html", &context)?;
    Ok(OutputFile {
        path,
        bytes: html.into_bytes(),
    })
}

/// Every translated page with its language alternates (untranslated placeholders are left out).
fn sitemap(input: &SiteInput) -> OutputFile {
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
                absolute_url(input.config, &format!("{lang}/{}", node.url_path))
            );
            for alt in &langs {
                let href = absolute_url(input.config, &format!("{alt}/{}", node.url_path));
                let _ = writeln!(
                    xml,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{alt}\" href=\"{href}\"/>"
                );
            }
            let default = absolute_url(
                input.config,
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

fn robots(input: &SiteInput) -> OutputFile {
    let text = format!(
        "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
        input.config.base_url_slash()
    );
    OutputFile {
        path: "robots.txt".into(),
        bytes: text.into_bytes(),
    }
}

fn assets(root: &Path, diags: &mut Diagnostics) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> = BUILTIN_ASSETS
        .iter()
        .map(|(name, bytes)| OutputFile {
            path: format!("assets/{name}"),
            bytes: bytes.to_vec(),
        })
        .collect();
    files.push(OutputFile {
        path: "assets/syntax.css".into(),
        bytes: crate::highlight::stylesheet().into_bytes(),
    });
    let theme = root.join("theme");
    if !theme.is_dir() {
        return files;
    }
    for entry in walkdir::WalkDir::new(&theme).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(
                    Diagnostic::error("E0104", format!("cannot read the theme folder: {e}"))
                        .at(Location::file(&theme)),
                );
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&theme)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                let path = format!("assets/{rel}");
                files.retain(|f| f.path != path);
                files.push(OutputFile { path, bytes });
            }
            Err(e) => diags.push(
                Diagnostic::error("E0104", format!("cannot read theme file: {e}"))
                    .at(Location::file(entry.path())),
            ),
        }
    }
    files
}
