//! Search: the index `evidoc build` writes (split by language, skippable) and the search box,
//! driven in headless Chromium over HTTP from the built output of the default site.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use headless_chrome::Tab;

use crate::browser::{browser, eval};
use crate::support::Site;

/// Serves `dir` over HTTP on a free local port (GET only, one thread per connection), for as
/// long as the test runs: the search index is fetched, which browsers refuse from file://.
fn serve(dir: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            std::thread::spawn(move || respond(stream, &dir));
        }
    });
    port
}

fn respond(mut stream: TcpStream, dir: &Path) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(n) if n > 2 => continue,
            _ => break,
        }
    }
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut file = dir.join(path.trim_start_matches('/'));
    if path.ends_with('/') {
        file.push("index.html");
    }
    let (status, body) = match std::fs::read(&file) {
        Ok(bytes) if !path.contains("..") => ("200 OK", bytes),
        _ => ("404 Not Found", b"not found".to_vec()),
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("css") => "text/css",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// Types `query` into the search field (as one input event, which is what an input method
/// produces for Chinese) and returns the results' links once they are shown.
fn search(tab: &Tab, query: &str) -> Vec<String> {
    let set = format!(
        "(() => {{ const i = document.getElementById('search-input'); i.focus(); i.value = {}; \
         i.dispatchEvent(new Event('input', {{bubbles: true}})); }})()",
        serde_json::to_string(query).unwrap()
    );
    eval(tab, &set);
    wait_for_results(tab)
}

fn wait_for_results(tab: &Tab) -> Vec<String> {
    let started = Instant::now();
    while eval(tab, "document.querySelector('.search').dataset.state || ''") != "done" {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no results shown; status: {}",
            eval(tab, "document.querySelector('.search-status').textContent")
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let links = eval(
        tab,
        "JSON.stringify(Array.from(document.querySelectorAll('.search-results a')).map(a => a.getAttribute('href')))",
    );
    serde_json::from_str(links.as_str().unwrap()).unwrap()
}

fn open_http(browser: &headless_chrome::Browser, port: u16, page: &str) -> std::sync::Arc<Tab> {
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&format!("http://127.0.0.1:{port}/{page}"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    tab
}

/// With `EVIDOC_SCREENSHOTS=DIR`, saves what the reader sees (to look at, not asserted).
fn screenshot(tab: &Tab, name: &str) {
    if let Some(dir) = std::env::var_os("EVIDOC_SCREENSHOTS") {
        let png = tab
            .capture_screenshot(
                headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption::Png,
                None,
                None,
                true,
            )
            .unwrap();
        std::fs::write(Path::new(&dir).join(format!("{name}.png")), png).unwrap();
    }
}

fn position(links: &[String], page: &str) -> Option<usize> {
    links.iter().position(|l| l.contains(page))
}

#[test]
fn chinese_queries_find_the_liver_metastasis_section_by_word_and_by_part_of_a_word() {
    let Some(browser) = browser(1280, 900) else {
        return;
    };
    let site = Site::default_site();
    site.build().success();
    let port = serve(site.public());
    let tab = open_http(&browser, port, "zh/introduction/index.html");
    let section = "/zh/liver-metastasis/index.html";

    let whole = search(&tab, "肝转移");
    assert!(
        position(&whole, section).is_some_and(|i| i < 3),
        "肝转移: {whole:?}"
    );
    assert!(
        whole.iter().all(|l| l.contains("/zh/")),
        "results stay in the reader's language by default: {whole:?}"
    );
    let part = search(&tab, "肝转");
    assert!(position(&part, section).is_some(), "肝转: {part:?}");
    let across = search(&tab, "转移性胃");
    assert!(
        !across.is_empty(),
        "a query across a word boundary: {across:?}"
    );
    let mixed = search(&tab, "HER2 阴性");
    assert!(
        position(&mixed, "/zh/her2-negative/index.html").is_some(),
        "mixed query: {mixed:?}"
    );
    let status = eval(&tab, "document.querySelector('.search-status').textContent");
    assert!(status.as_str().unwrap().contains("条结果"), "{status}");
    search(&tab, "肝转移");
    screenshot(&tab, "search-zh");
}

#[test]
fn english_queries_find_trials_by_name_and_sections_by_term() {
    let Some(browser) = browser(1280, 900) else {
        return;
    };
    let site = Site::default_site();
    site.build().success();
    let port = serve(site.public());
    let tab = open_http(&browser, port, "en/index.html");

    let keynote = search(&tab, "KEYNOTE-859");
    screenshot(&tab, "search-en");
    assert_eq!(
        position(&keynote, "/en/trials/keynote-859/index.html"),
        Some(0),
        "{keynote:?}"
    );
    for written in ["checkmate649", "CheckMate 649", "CheckMate-649"] {
        let found = search(&tab, written);
        assert!(
            position(&found, "/en/trials/checkmate-649/index.html").is_some_and(|i| i < 3),
            "{written}: {found:?}"
        );
    }
    let cps = search(&tab, "PD-L1 CPS");
    assert!(
        position(&cps, "/en/her2-negative/index.html").is_some(),
        "{cps:?}"
    );
    let glossary = search(&tab, "microsatellite instability");
    assert!(
        glossary.iter().any(|l| l.contains("/en/glossary/")),
        "a glossary expansion finds its term: {glossary:?}"
    );
    let figure = search(&tab, "KEYNOTE-859 OS");
    assert!(!figure.is_empty(), "{figure:?}");
}

#[test]
fn the_other_language_is_searched_only_when_the_reader_asks() {
    let Some(browser) = browser(1280, 900) else {
        return;
    };
    let site = Site::default_site();
    site.build().success();
    let port = serve(site.public());
    let tab = open_http(&browser, port, "zh/index.html");
    let own = search(&tab, "KEYNOTE-859");
    assert!(
        !own.is_empty() && own.iter().all(|l| l.contains("/zh/")),
        "{own:?}"
    );
    eval(&tab, "document.querySelector('.search-all-input').click()");
    let both = wait_for_results(&tab);
    assert!(both.iter().any(|l| l.contains("/zh/")), "{both:?}");
    assert!(both.iter().any(|l| l.contains("/en/")), "{both:?}");
    let badge = eval(
        &tab,
        "document.querySelector('.search-results a[lang=en] .search-lang').textContent",
    );
    assert_eq!(badge, "English");
}

#[test]
fn the_keyboard_alone_finds_a_section_and_lands_on_its_heading() {
    let Some(browser) = browser(1280, 900) else {
        return;
    };
    let site = Site::default_site();
    site.build().success();
    let port = serve(site.public());
    let tab = open_http(&browser, port, "en/index.html");
    tab.press_key("/").unwrap();
    assert_eq!(eval(&tab, "document.activeElement.id"), "search-input");
    tab.type_str("immune tolerance").unwrap();
    let links = wait_for_results(&tab);
    assert!(!links.is_empty());
    tab.press_key("ArrowDown").unwrap();
    assert_eq!(
        eval(
            &tab,
            "document.activeElement === document.querySelector('.search-results a')"
        ),
        true
    );
    let chosen = eval(&tab, "document.activeElement.getAttribute('href')");
    tab.press_key("Enter").unwrap();
    tab.wait_until_navigated().unwrap();
    let started = Instant::now();
    let landed = loop {
        let landed = eval(
            &tab,
            "(() => { const t = document.getElementById(decodeURIComponent(location.hash.slice(1))); return t ? t.tagName : ''; })()",
        );
        if landed != "" || started.elapsed() > Duration::from_secs(10) {
            break landed;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let url = tab.get_url();
    assert!(url.ends_with(chosen.as_str().unwrap()), "{url} vs {chosen}");
    assert!(
        matches!(landed.as_str(), Some("H2" | "H3" | "H4")),
        "{url} lands on {landed}"
    );
    assert!(url.contains("/en/liver-metastasis/index.html#"), "{url}");
}

#[test]
fn the_search_box_is_labelled_and_announces_results() {
    let Some(browser) = browser(1280, 900) else {
        return;
    };
    let site = Site::default_site();
    site.build().success();
    let port = serve(site.public());
    let tab = open_http(&browser, port, "zh/index.html");
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('label[for=search-input]').textContent"
        ),
        "搜索"
    );
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('.search-status').getAttribute('aria-live')"
        ),
        "polite"
    );
    search(&tab, "肝转移");
    let status = eval(&tab, "document.querySelector('.search-status').textContent");
    assert!(status.as_str().unwrap().ends_with("条结果"), "{status}");
    tab.press_key("Escape").unwrap();
    assert_eq!(
        eval(&tab, "document.querySelector('.search-panel').hidden"),
        true
    );
}

#[test]
fn opened_from_the_file_system_the_search_box_says_it_needs_a_server() {
    let Some(browser) = browser(1280, 900) else {
        return;
    };
    let site = Site::default_site();
    site.build().success();
    for (lang, words) in [("zh", "网页服务器"), ("en", "web server")] {
        let tab = browser.new_tab().unwrap();
        let url = format!("file://{}/{lang}/index.html", site.public().display());
        tab.navigate_to(&url)
            .unwrap()
            .wait_until_navigated()
            .unwrap();
        eval(&tab, "document.getElementById('search-input').focus()");
        let started = Instant::now();
        let status = loop {
            let status = eval(&tab, "document.querySelector('.search-status').textContent");
            if status.as_str().is_some_and(|s| !s.is_empty())
                || started.elapsed() > Duration::from_secs(10)
            {
                break status;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let status = status.as_str().unwrap_or_default();
        assert!(
            status.contains(words) && status.contains("evidoc serve"),
            "{lang}: {status}"
        );
        assert_eq!(
            eval(&tab, "document.querySelector('.search-panel').hidden"),
            false
        );
    }
}

/// The bundle's entry file lists each language's index; Pagefind reads `<html lang>`.
fn entry_languages(site: &Site) -> serde_json::Map<String, serde_json::Value> {
    let entry: serde_json::Value =
        serde_json::from_str(&site.read("pagefind/pagefind-entry.json")).unwrap();
    entry["languages"].as_object().unwrap().clone()
}

#[test]
fn the_index_is_split_by_language() {
    let site = Site::fixture("basic");
    site.build().success();
    let languages = entry_languages(&site);
    let mut codes: Vec<&String> = languages.keys().collect();
    codes.sort();
    assert_eq!(codes, ["en", "zh"]);
    // Every page marked for search, per language: not the missing-translation page, not the
    // contents page.
    let marked = |lang: &str| {
        site.output()
            .iter()
            .filter(|(p, b)| {
                p.starts_with(&format!("{lang}/"))
                    && p.ends_with(".html")
                    && String::from_utf8_lossy(b).contains("data-pagefind-body")
            })
            .count() as u64
    };
    for lang in ["zh", "en"] {
        let index = &languages[lang];
        assert_eq!(index["page_count"].as_u64(), Some(marked(lang)), "{lang}");
        let hash = index["hash"].as_str().unwrap();
        assert!(
            site.exists(&format!("pagefind/pagefind.{hash}.pf_meta")),
            "{lang}"
        );
        assert!(site.exists(&format!(
            "pagefind/wasm.{}.pagefind",
            if lang == "en" { "en" } else { "unknown" }
        )));
    }
    assert!(
        marked("en") < marked("zh"),
        "en lacks a translation, so has fewer pages"
    );
    assert!(
        !site.exists("pagefind/pagefind-ui.js"),
        "the ready-made UI is left out"
    );
    assert!(site.read("zh/index.html").contains("assets/search.js"));
}

#[test]
fn search_is_skipped_with_no_search_or_the_configuration() {
    let site = Site::fixture("basic");
    site.run(&["build", "--no-search"]).success();
    assert!(!site.exists("pagefind/pagefind-entry.json"));
    assert!(!site.read("zh/index.html").contains("search-input"));

    let site = Site::fixture("basic");
    let config = site.read_source("evidoc.toml");
    site.write(
        "evidoc.toml",
        &format!("{config}\n[search]\nenabled = false\n"),
    );
    site.build().success();
    assert!(!site.exists("pagefind/pagefind-entry.json"));
    assert!(!site.read("en/index.html").contains("data-pagefind-body"));

    site.write(
        "evidoc.toml",
        &format!("{config}\n[search]\nenable = false\n"),
    );
    site.build().fails_with(&["E0002", "enable"]);
}

#[test]
fn two_builds_write_the_same_index() {
    let site = Site::default_site();
    site.build().success();
    let first = site.output();
    site.build().success();
    let second = site.output();
    let bundle = |files: &std::collections::BTreeMap<String, Vec<u8>>| {
        files
            .iter()
            .filter(|(p, _)| p.starts_with("pagefind/"))
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect::<Vec<_>>()
    };
    assert!(!bundle(&first).is_empty());
    assert!(
        bundle(&first) == bundle(&second),
        "the bundle differs between builds"
    );
}

#[test]
fn a_template_without_search_marks_warns() {
    let site = Site::fixture("basic");
    let base =
        std::fs::read_to_string(crate::support::repo_root().join("templates/base.html")).unwrap();
    assert!(base.contains(" data-pagefind-body"));
    site.write(
        "templates/base.html",
        &base.replace(" data-pagefind-body", ""),
    );
    let run = site.build().success();
    assert!(run.stderr().contains("W0801"), "{}", run.stderr());
    assert!(!site.exists("pagefind/pagefind-entry.json"));
}

#[test]
fn full_width_queries_find_what_half_width_queries_find() {
    let Some(browser) = browser(1280, 900) else {
        return;
    };
    let site = Site::default_site();
    site.build().success();
    let port = serve(site.public());
    let tab = open_http(&browser, port, "zh/index.html");
    let half = search(&tab, "HER2");
    let full = search(&tab, "ＨＥＲ２");
    assert!(
        position(&half, "/zh/her2-negative/index.html").is_some(),
        "{half:?}"
    );
    assert_eq!(full, half, "ＨＥＲ２ and HER2");
    let mixed = search(&tab, "ＨＥＲ２　阴性");
    assert!(
        position(&mixed, "/zh/her2-negative/index.html").is_some(),
        "{mixed:?}"
    );

    let tab = open_http(&browser, port, "en/index.html");
    let half = search(&tab, "CheckMate 649");
    let full = search(&tab, "ＣｈｅｃｋＭａｔｅ　６４９");
    assert!(
        position(&full, "/en/trials/checkmate-649/index.html").is_some_and(|i| i < 3),
        "{full:?}"
    );
    assert_eq!(full, half, "ＣｈｅｃｋＭａｔｅ　６４９ and CheckMate 649");
    let keynote = search(&tab, "ＫＥＹＮＯＴＥ－８５９");
    assert_eq!(
        position(&keynote, "/en/trials/keynote-859/index.html"),
        Some(0),
        "{keynote:?}"
    );
}

#[test]
fn full_width_text_in_a_page_is_found_by_a_half_width_query() {
    let Some(browser) = browser(1280, 900) else {
        return;
    };
    let site = Site::fixture("basic");
    site.write(
        "content/only-chinese.zh.md",
        "+++\ntitle = \"仅有中文\"\nweight = 20\n+++\n\n这一页提到 ＴＯＰＡＺ－１ 试验，以及 ＰＤ－Ｌ１ 表达。\n",
    );
    site.build().success();
    assert!(
        site.read("zh/only-chinese/index.html")
            .contains("ＴＯＰＡＺ－１"),
        "the page itself keeps the author's characters"
    );
    let port = serve(site.public());
    let tab = open_http(&browser, port, "zh/index.html");
    for query in ["TOPAZ-1", "topaz", "ＴＯＰＡＺ－１", "PD-L1"] {
        let found = search(&tab, query);
        assert_eq!(
            position(&found, "/zh/only-chinese/index.html"),
            Some(0),
            "{query}: {found:?}"
        );
    }
    let excerpt = eval(
        &tab,
        "document.querySelector('.search-results .search-excerpt').textContent",
    );
    assert!(
        excerpt.as_str().unwrap().contains("PD-L1"),
        "a readable excerpt: {excerpt}"
    );
}
