//! `evidoc check` and `evidoc translations` on the default site and on fixtures.

use std::io::{Read, Write};
use std::net::TcpListener;

use crate::support::Site;

#[test]
fn the_default_site_passes_check_strict() {
    let site = Site::default_site();
    let run = site.run(&["check", "--strict"]).success();
    assert!(
        run.stdout().contains("Check passed: 0 errors, 0 warnings"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_figure_edited_in_one_language_fails_with_both_locations() {
    let site = Site::default_site();
    site.edit(
        "content/her2-positive.en.md",
        "every 3 weeks",
        "every 4 weeks",
    );
    let run = site.run(&["check", "--strict"]).fails_with(&[
        "content/her2-positive.en.md:",
        "warning[W0207]: figure differs between languages: 3 in `zh`, 4 in `en`",
        "= note: see also content/her2-positive.zh.md:",
    ]);
    let json = site.run(&["check", "--format", "json"]).stdout();
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let d = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "W0207")
        .expect("W0207 in JSON");
    assert_eq!(d["file"], "content/her2-positive.en.md");
    assert_eq!(d["related"][0]["file"], "content/her2-positive.zh.md");
    assert!(d["related"][0]["line"].as_u64().unwrap() > 0);
    drop(run);
}

#[test]
fn editing_the_chinese_text_makes_the_english_stale_until_marked_current() {
    let site = Site::default_site();
    site.run(&["translations"]).success();
    site.edit("content/conclusion.zh.md", "。", "！");
    site.run(&["check", "--strict"]).fails_with(&[
        "content/conclusion.en.md:",
        "warning[W0301]: `en` translation is stale",
        "--mark-current conclusion.md",
    ]);
    let status = site.run(&["translations"]).success().stdout();
    assert!(
        status
            .lines()
            .any(|l| l.starts_with("conclusion.md") && l.contains("source") && l.contains("stale")),
        "{status}"
    );
    site.build().success();
    assert!(
        site.read("en/conclusion/index.html")
            .contains("This translation may be out of date: the 中文 version has changed")
    );
    assert!(
        !site
            .read("zh/conclusion/index.html")
            .contains("stale-notice")
    );
    let marked = site
        .run(&["translations", "--mark-current", "conclusion.md"])
        .success()
        .stdout();
    assert!(
        marked.contains("marked current: content/conclusion.en.md"),
        "{marked}"
    );
    site.run(&["check", "--strict"]).success();
    site.build().success();
    assert!(
        !site
            .read("en/conclusion/index.html")
            .contains("stale-notice")
    );
}

#[test]
fn translations_lists_every_page_and_language() {
    let site = Site::fixture("basic");
    let status = site.run(&["translations"]).success().stdout();
    assert!(status.starts_with("page"));
    assert!(
        status.lines().any(|l| l.starts_with("only-chinese.md")
            && l.contains("source")
            && l.contains("missing")),
        "{status}"
    );
    assert!(
        status
            .lines()
            .any(|l| l.starts_with("guide/links.md") && l.contains("untracked")),
        "{status}"
    );
    site.run(&["translations", "--mark-current", "--all"])
        .success();
    let status = site.run(&["translations"]).success().stdout();
    assert!(
        status
            .lines()
            .any(|l| l.starts_with("guide/links.md") && l.contains("current")),
        "{status}"
    );
    site.run(&["translations", "--mark-current", "nowhere.md"])
        .fails_with(&["no page named `nowhere.md`"]);
}

#[test]
fn check_writes_nothing() {
    let site = Site::fixture("basic");
    site.run(&["check"]).success();
    assert!(!site.public().exists());
}

/// A server on loopback answering 200 on /ok and 404 elsewhere, for a bounded number of requests.
fn local_server(requests: usize) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 2048];
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]);
            let status = if request.split_whitespace().nth(1) == Some("/ok") {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    port
}

#[test]
fn external_links_are_checked_only_on_request() {
    let port = local_server(8);
    let site = Site::fixture("basic");
    site.edit(
        "content/_index.en.md",
        "Welcome.",
        &format!(
            "Welcome. [Good](http://127.0.0.1:{port}/ok) and [gone](http://127.0.0.1:{port}/gone)."
        ),
    );
    site.build().success();
    site.run(&["check"]).success();
    site.run(&["check", "--external"]).fails_with(&[
        "content/_index.en.md:5:48:",
        &format!("error[E0308]: external link `http://127.0.0.1:{port}/gone` failed: HTTP 404"),
    ]);
}

/// `check` renders each page's body in its one Markdown parse, without the prose (it reads only
/// links, ids and structure): the links written in a body, in Markdown, raw HTML, tables,
/// lists and footnotes, must be checked as `build` checks them, and text that only looks like a
/// link (in code) must stay text.
#[test]
fn check_reads_every_link_of_a_body_as_build_does() {
    let site = Site::fixture("trials");
    let links = "\n\n## Links {#links}\n\nSee [a missing page](../nowhere/index.html) and \
        <a href=\"#not-here\">a missing anchor</a>, `<a href=\"code.html\">`.\n\n\
        - ![a missing image](missing.png)\n- [the heading](#links)\n\n\
        | a | b |\n|---|---|\n| [cell](gone.csv) | <span id=\"cell-id\">x</span> |\n\n\
        A note[^n] and [the cell](#cell-id).\n\n[^n]: See [there](../also-missing/).\n\n\
        ```html\n<a href=\"in-code.html\">no</a>\n```\n";
    for lang in ["en", "zh"] {
        let page = format!("content/results.{lang}.md");
        let text = site.read_source(&page);
        site.write(&page, &format!("{text}{links}"));
    }
    let diagnostics = |text: String| -> Vec<String> {
        text.lines()
            .filter(|l| l.contains("error[") || l.contains("warning["))
            .map(str::to_string)
            .collect()
    };
    let build = diagnostics(site.build().stderr());
    let check = diagnostics(site.run(&["check"]).stderr());
    let broken: Vec<&String> = build.iter().filter(|l| l.contains("E0307")).collect();
    // Five broken links on each web page (the page, the anchor, the image, the CSV, the
    // footnote's) and the missing anchor again in each print edition (twice side by side).
    assert_eq!(broken.len(), 14, "{build:#?}");
    for target in [
        "../nowhere/index.html",
        "#not-here",
        "missing.png",
        "gone.csv",
        "../also-missing/",
    ] {
        assert!(
            broken.iter().any(|l| l.contains(target)),
            "{target}: {build:#?}"
        );
    }
    assert!(!build.iter().any(|l| l.contains("code.html")), "{build:#?}");
    assert_eq!(check, build);
}
