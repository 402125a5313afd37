//! `evidoc build`: the content model, output layout, navigation, and the build's guarantees.

use crate::support::{Site, broken_links};

#[test]
fn pages_sit_under_their_language() {
    let site = Site::fixture("basic");
    let run = site.build().success();
    assert!(run.stdout().contains("Built"), "{}", run.stdout());
    for path in [
        "index.html",
        "zh/index.html",
        "en/index.html",
        "zh/guide/index.html",
        "en/guide/markdown/index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
    ] {
        assert!(site.exists(path), "missing {path}");
    }
}

#[test]
fn slug_replaces_the_file_name_in_every_language() {
    let site = Site::fixture("basic");
    site.build().success();
    assert!(site.exists("en/guide/linking/index.html"));
    assert!(site.exists("zh/guide/linking/index.html"));
    assert!(!site.exists("en/guide/links/index.html"));
}

#[test]
fn every_page_has_lang_alternates_and_a_switcher_to_the_same_page() {
    let site = Site::fixture("basic");
    site.build().success();
    let html = site.read("en/guide/markdown/index.html");
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains(r#"<link rel="alternate" hreflang="zh" href="https://example.org/review/zh/guide/markdown/">"#));
    assert!(html.contains(r#"<link rel="alternate" hreflang="x-default" href="https://example.org/review/zh/guide/markdown/">"#));
    assert!(
        html.contains(r#"href="../../../zh/guide/markdown/index.html" hreflang="zh""#),
        "switcher should go to the same page"
    );
}

#[test]
fn previous_next_follow_reading_order() {
    let site = Site::fixture("basic");
    site.build().success();
    let html = site.read("en/guide/markdown/index.html");
    assert!(
        html.contains(r#"rel="prev" href="../../../en/guide/index.html""#),
        "{html}"
    );
    assert!(html.contains(r#"rel="next" href="../../../en/guide/linking/index.html""#));
}

#[test]
fn headings_get_stable_anchors_and_a_table_of_contents() {
    let site = Site::fixture("basic");
    site.build().success();
    let en = site.read("en/guide/markdown/index.html");
    assert!(en.contains(r#"<h2 id="tables">"#));
    assert!(en.contains(r#"<h2 id="median-os-months">"#));
    assert!(en.contains(r##"<a href="#median-os-months">Median OS (months)</a>"##));
    let zh = site.read("zh/guide/markdown/index.html");
    let id = evidoc::markup::markdown::slugify("中文标题");
    assert!(zh.contains(&format!(r#"<h2 id="{id}">"#)), "{zh}");
}

#[test]
fn markdown_extensions_render() {
    let site = Site::fixture("basic");
    site.build().success();
    let html = site.read("en/guide/markdown/index.html");
    assert!(html.contains("<table>"), "tables");
    assert!(html.contains("<del>struck</del>"), "strikethrough");
    assert!(html.contains("type=\"checkbox\""), "task lists");
    assert!(
        html.contains(r##"href="#fn-a""##) && html.contains(r#"id="fn-a""#),
        "footnotes with prefixed ids"
    );
    assert!(
        html.contains(r#"<pre class="code" data-lang="rust">"#) && html.contains("hl-"),
        "highlighted code"
    );
    assert!(
        site.read("assets/syntax.css")
            .contains("prefers-color-scheme: dark")
    );
}

#[test]
fn a_missing_translation_warns_and_gets_a_page_that_links_the_other_language() {
    let site = Site::fixture("basic");
    let run = site.build().success();
    assert!(
        run.stderr()
            .contains("warning[W0101]: page has no `en` translation"),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr().contains("only-chinese.en.md"),
        "hint names the file to add"
    );
    let html = site.read("en/only-chinese/index.html");
    assert!(html.contains("Not available in English"));
    assert!(html.contains(r#"href="../../zh/only-chinese/index.html""#));
    assert!(html.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(!site.read("sitemap.xml").contains("/en/only-chinese/"));
}

#[test]
fn strict_turns_the_missing_translation_into_an_error() {
    let site = Site::fixture("basic");
    site.run(&["build", "--strict"])
        .fails_with(&["W0101", "only-chinese.zh.md"]);
    assert!(!site.exists("index.html"));
}

#[test]
fn languages_are_not_assumed_to_be_two() {
    let site = Site::fixture("three-languages");
    site.build().success();
    for lang in ["en", "zh", "fr"] {
        assert!(site.exists(&format!("{lang}/page/index.html")));
    }
    let fr = site.read("fr/page/index.html");
    assert!(fr.contains("Précédent"), "strings overridden per language");
    assert_eq!(
        fr.matches("rel=\"alternate\" hreflang=").count(),
        4,
        "three languages plus x-default"
    );
}

#[test]
fn sitemap_lists_every_page_with_alternates() {
    let site = Site::fixture("basic");
    site.build().success();
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/review/en/guide/markdown/</loc>"));
    assert!(
        sitemap.contains(
            r#"hreflang="x-default" href="https://example.org/review/zh/guide/markdown/""#
        )
    );
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://example.org/review/sitemap.xml")
    );
}

#[test]
fn links_are_relative_so_the_site_works_at_any_path() {
    let site = Site::fixture("basic");
    site.build().success();
    for (path, bytes) in site.output() {
        if path.ends_with(".html") && path != "404.html" {
            let html = String::from_utf8(bytes).unwrap();
            assert!(
                !html.contains("href=\"/"),
                "{path} has a root-absolute link"
            );
            assert!(!html.contains("src=\"/"), "{path} has a root-absolute src");
        }
    }
    assert!(
        site.read("404.html")
            .contains("href=\"/review/zh/index.html\""),
        "404 uses the base URL's path"
    );
    assert!(broken_links(&site).is_empty(), "{:?}", broken_links(&site));
}

#[test]
fn base_url_can_be_overridden() {
    let site = Site::fixture("basic");
    site.run(&["build", "--base-url", "https://other.example/"])
        .success();
    assert!(
        site.read("sitemap.xml")
            .contains("https://other.example/en/")
    );
}

#[test]
fn navigation_inlines_only_the_current_part() {
    let site = Site::fixture("basic");
    site.build().success();
    let in_part = site.read("en/guide/markdown/index.html");
    assert!(
        in_part.contains("Links</a>"),
        "siblings in the current part are listed"
    );
    assert!(
        in_part.contains("nav-level-2"),
        "the current part is expanded"
    );
    let outside = site.read("en/only-chinese/index.html");
    assert!(
        !outside.contains("nav-level-2"),
        "other parts stay collapsed"
    );
    assert!(
        site.read("en/contents/index.html").contains(">Links</a>"),
        "the full tree is one click away"
    );
}

#[test]
fn site_templates_override_builtin_ones() {
    let site = Site::fixture("basic");
    site.write("templates/page.html", "{% extends \"base.html\" %}{% block content %}CUSTOM {{ page.title }}{{ page.content | safe }}{% endblock content %}");
    site.build().success();
    assert!(
        site.read("en/guide/markdown/index.html")
            .contains("CUSTOM Markdown features")
    );
}

#[test]
fn rebuilds_are_byte_identical() {
    let site = Site::fixture("basic");
    site.build().success();
    let first = site.output();
    site.build().success();
    assert_eq!(first, site.output());
}

#[test]
fn output_option_writes_elsewhere() {
    let site = Site::fixture("basic");
    site.run(&["build", "--output", "out/site", "--quiet"])
        .success();
    assert!(site.root().join("out/site/en/index.html").exists());
}

#[test]
fn help_and_version() {
    let site = Site::fixture("basic");
    let help = site.run(&["build", "--help"]).success().stdout();
    for flag in [
        "--root",
        "--output",
        "--base-url",
        "--strict",
        "--quiet",
        "--verbose",
    ] {
        assert!(help.contains(flag), "build --help lacks {flag}");
    }
    assert!(
        site.run(&["--version"])
            .success()
            .stdout()
            .starts_with("evidoc ")
    );
}

#[test]
fn default_site_has_every_part_in_both_languages() {
    let site = Site::default_site();
    site.build().success();
    for part in crate::default_site::SECTIONS {
        for lang in ["zh", "en"] {
            let html = site.read(&format!("{lang}/{part}/index.html"));
            assert!(
                !html.contains("kind-missing"),
                "{lang}/{part} is not translated"
            );
            assert!(html.contains(&format!("<html lang=\"{lang}\">")));
        }
    }
    let home = site.read("en/index.html");
    assert!(
        home.contains("CC BY 4.0"),
        "the home page credits the source"
    );
    assert!(broken_links(&site).is_empty(), "{:?}", broken_links(&site));
}
