//! Regression tests for the markup-passes issue: evidoc's own passes (output link check,
//! glossary marks, trial links) read the document's structure, never its text. Each runs in
//! both languages and failed on the main branch before the fix.

use crate::support::Site;

/// A page in both languages of the trials fixture (which has trials and a glossary).
fn site_with_page(zh: &str, en: &str) -> Site {
    let site = Site::fixture("trials");
    site.write(
        "content/markup.zh.md",
        &format!("+++\ntitle = \"标记\"\n+++\n\n{zh}\n"),
    );
    site.write(
        "content/markup.en.md",
        &format!("+++\ntitle = \"Markup\"\n+++\n\n{en}\n"),
    );
    site
}

fn glossary_term(site: &Site) -> String {
    let glossary = site.read_source("content/glossary.toml");
    let header = glossary
        .lines()
        .find(|l| l.starts_with('['))
        .expect("a glossary term");
    header
        .trim_matches(|c| c == '[' || c == ']' || c == '"')
        .to_string()
}

fn trial_name(site: &Site) -> String {
    let trial = site.read_source("content/trials/alpha.toml");
    let line = trial
        .lines()
        .find(|l| l.starts_with("name = "))
        .expect("a trial name");
    line["name = ".len()..].trim_matches('"').to_string()
}

#[test]
fn link_check_does_not_read_links_in_text() {
    let text = "Write `<a href=\"nowhere.html\">` in a template, or </a href=\"foo\"> literally; \
                `<img src=\"missing.png\">` too, and `<span id=\"x\">` twice: `<b id=\"x\">`.";
    let site = site_with_page(text, text);
    site.build().success();
    for lang in ["zh", "en"] {
        let html = site.read(&format!("{lang}/markup/index.html"));
        assert!(
            html.contains("href=\"nowhere.html\""),
            "the example should be on the page"
        );
    }
    assert_eq!(crate::support::broken_links(&site), Vec::<String>::new());
}

#[test]
fn glossary_marks_stay_out_of_attributes() {
    let probe = Site::fixture("trials");
    let term = glossary_term(&probe);
    let zh =
        format!("![{term} 染色](https://example.org/figure.png \"{term}\")\n\n正文提到 {term}。");
    let en = format!(
        "![{term} staining](https://example.org/figure.png \"{term}\")\n\nThe text names {term}."
    );
    let site = site_with_page(&zh, &en);
    site.build().success();
    for lang in ["zh", "en"] {
        let html = site.read(&format!("{lang}/markup/index.html"));
        let img = &html[html.find("<img").expect("the image")..];
        let img = &img[..img.find('>').unwrap()];
        assert!(!img.contains("abbr"), "{lang}: markup in attributes: {img}");
        assert!(img.contains(&format!("alt=\"{term} ")), "{lang}: {img}");
        assert!(
            html.contains("<abbr title="),
            "{lang}: the term in the text should still be marked"
        );
    }
}

#[test]
fn trial_links_do_not_nest_inside_links() {
    let probe = Site::fixture("trials");
    let name = trial_name(&probe);
    let term = glossary_term(&probe);
    let zh = format!(
        "<a href=\"https://example.org/\">{name} 与 {term}</a>；[关于 {name}](https://example.org/a)；<code>{name}</code>；正文 {name}。"
    );
    let en = format!(
        "<a href=\"https://example.org/\">{name} and {term}</a>; [about {name}](https://example.org/a); <code>{name}</code>; prose {name}."
    );
    let site = site_with_page(&zh, &en);
    site.build().success();
    for lang in ["zh", "en"] {
        let html = site.read(&format!("{lang}/markup/index.html"));
        let body = &html[html.find("<a href=\"https://example.org/\">").unwrap()..];
        let body = &body[..body.find("</p>").unwrap()];
        let mut depth = 0i32;
        let mut max = 0;
        evidoc::markup::html_scan::scan(body, |tag| match tag {
            evidoc::markup::html_scan::Tag::Start("a") => {
                depth += 1;
                max = max.max(depth);
            }
            evidoc::markup::html_scan::Tag::End("a") => depth -= 1,
            _ => {}
        });
        assert_eq!(max, 1, "{lang}: a link inside a link: {body}");
        let trial_links = body.matches("trials/alpha/index.html").count();
        assert_eq!(
            trial_links, 1,
            "{lang}: only the prose mention is linked: {body}"
        );
    }
}

/// The link check's tag reader (`html_scan::attributes`) and the WHATWG tokenizer
/// (`html_scan::scan`) find the same attributes on every page of the default site, in both
/// languages and in the print editions.
#[test]
fn the_tag_reader_agrees_with_the_tokenizer_on_the_default_site() {
    use evidoc::markup::html_scan::{Tag, attributes, scan};
    let site = Site::default_site();
    site.build().success();
    let mut pages = 0;
    for (path, bytes) in site.output() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let mut tokenized = Vec::new();
        scan(&html, |tag| {
            if let Tag::Attribute(name, value) = tag {
                tokenized.push((name.to_string(), value.to_string()));
            }
        });
        let mut read = Vec::new();
        attributes(&html, |name, value| {
            read.push((name.to_string(), value.to_string()))
        });
        assert!(!read.is_empty(), "{path}: no attributes read");
        assert!(
            read == tokenized,
            "{path}: the tag reader and the tokenizer differ"
        );
        pages += 1;
    }
    assert!(pages > 50, "only {pages} pages");
}
