//! `evidoc serve` beyond page edits: an edit to a trial file re-renders only the pages that show
//! that trial's data (and serves what a full build writes), bad trial data shows the overlay,
//! `--drafts`, the overlay in the reader's language, and the scroll position kept by a live
//! reload in a real browser.

use std::time::{Duration, Instant};

use crate::serve::{Server, without_script};
use crate::support::Site;

const ALPHA: &str = "content/trials/alpha.toml";

/// The number before " pages rendered" in the server's log line for `what`.
fn pages_rendered(log: &str, what: &str) -> usize {
    let line = log
        .lines()
        .rev()
        .find(|l| l.starts_with(what))
        .unwrap_or_else(|| panic!("no log line for {what}:\n{log}"));
    line[what.len()..]
        .trim_start_matches(':')
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no page count in {line:?}"))
}

#[test]
fn a_trial_file_edit_re_renders_only_the_pages_showing_its_data() {
    let site = Site::fixture("trials");
    let server = Server::start(&site);
    for page in ["/en/trials/alpha/", "/en/results/", "/zh/results/"] {
        assert!(server.get(page).body.contains("13.1"), "{page} shows 13.1");
    }
    let all = pages_rendered(&server.stdout(), "initial build");

    // ALPHA-1's median OS with liver metastasis in the study drug arm: a figure of its page, of
    // the `fig` shortcode and the tables and forest plot of the results page, and of trials.json.
    site.edit(ALPHA, "medians = { drug = 13.1", "medians = { drug = 14.6");
    for page in [
        "/en/trials/alpha/",
        "/zh/trials/alpha/",
        "/en/results/",
        "/zh/results/",
    ] {
        server.poll(page, "the new figure", |r| r.body.contains("14.6"));
    }
    server.poll("/data/trials.json", "the new figure", |r| {
        r.body.contains("14.6")
    });
    let log = server.stdout();
    assert!(
        log.contains("content/trials/alpha.toml changed: ") && log.contains("(incremental)"),
        "an incremental rebuild:\n{log}"
    );
    let rendered = pages_rendered(&log, "content/trials/alpha.toml changed");
    assert!(
        rendered >= 4 && rendered < all,
        "{rendered} of {all} pages re-rendered:\n{log}"
    );

    // Every file the server serves now is what a full build of the edited site writes.
    site.run(&["build", "--no-search"]).success();
    let built = site.output();
    assert!(built.len() > 20, "{} files", built.len());
    for (path, bytes) in &built {
        if path == ".evidoc-output" {
            continue;
        }
        let served = server.get(&format!("/{path}"));
        assert_eq!(served.status, 200, "{path}");
        let expected = String::from_utf8_lossy(bytes);
        if path.ends_with(".html") {
            assert_eq!(without_script(&served.body), expected, "{path}");
        } else {
            assert_eq!(served.body, expected, "{path}");
        }
    }
}

#[test]
fn bad_trial_data_shows_the_overlay_and_keeps_the_last_good_pages() {
    let site = Site::fixture("trials");
    let server = Server::start(&site);
    // A hazard ratio must be a number: the trial data does not validate.
    site.edit(ALPHA, "hr = 0.71", "hr = \"0.71\"");
    let broken = server.poll_overlay("/en/results/");
    assert!(
        broken.body.contains("content/trials/alpha.toml:"),
        "the trial file's location in the overlay:\n{}",
        broken.body
    );
    assert!(broken.body.contains("13.1"), "the last good page is served");
    assert!(server.stderr().contains("content/trials/alpha.toml:"));
    assert_eq!(server.get("/en/trials/alpha/").status, 200);

    site.edit(ALPHA, "hr = \"0.71\"", "hr = 0.72");
    server.poll("/en/trials/alpha/", "the fixed figure", |r| {
        r.body.contains("0.72") && !r.body.contains("evidoc-overlay")
    });
    server.poll("/en/results/", "the overlay gone", |r| {
        !r.body.contains("evidoc-overlay") && r.body.contains("0.72")
    });
}

const DRAFT_EN: &str = "+++\ntitle = \"Unfinished notes\"\ndraft = true\n+++\n\nNot ready yet.\n";
const DRAFT_ZH: &str = "+++\ntitle = \"未完成的笔记\"\ndraft = true\n+++\n\n尚未完成。\n";

fn site_with_a_draft() -> Site {
    let site = Site::fixture("basic");
    site.write("content/guide/unfinished.en.md", DRAFT_EN);
    site.write("content/guide/unfinished.zh.md", DRAFT_ZH);
    site
}

#[test]
fn drafts_are_served_with_a_mark_only_with_drafts() {
    let site = site_with_a_draft();
    let server = Server::start_with(&site, &["--drafts"]);
    let en = server.get("/en/guide/unfinished/");
    assert_eq!(en.status, 200);
    assert!(en.body.contains("Not ready yet."));
    assert!(
        en.body
            .contains("class=\"callout callout-caution draft-notice\"")
            && en.body.contains("<strong>Draft</strong>"),
        "the draft mark:\n{}",
        en.body
    );
    let zh = server.get("/zh/guide/unfinished/");
    assert_eq!(zh.status, 200);
    assert!(zh.body.contains("<strong>草稿</strong>"), "{}", zh.body);
    // Other pages link to it (navigation) and carry no mark.
    let other = server.get("/en/guide/markdown/");
    assert!(other.body.contains("Unfinished notes"));
    assert!(!other.body.contains("draft-notice"));
    drop(server);

    let server = Server::start(&site);
    assert_eq!(server.get("/en/guide/unfinished/").status, 404);
    assert!(
        !server
            .get("/en/guide/markdown/")
            .body
            .contains("Unfinished notes")
    );
    drop(server);

    // `build` leaves drafts out whatever serve does.
    site.build().success();
    assert!(!site.exists("en/guide/unfinished/index.html"));
    assert!(!site.exists("zh/guide/unfinished/index.html"));
    assert!(
        !site
            .read("en/guide/markdown/index.html")
            .contains("Unfinished notes")
    );
}

#[test]
fn the_overlay_speaks_the_page_language() {
    let site = Site::fixture("basic");
    let server = Server::start(&site);
    site.edit("content/guide/markdown.zh.md", "weight = 1", "weight = [");
    let zh = server.poll_overlay("/zh/guide/markdown/");
    assert!(
        zh.body.contains("最近一次重新构建失败"),
        "a Chinese heading:\n{}",
        zh.body
    );
    assert!(!zh.body.contains("the last rebuild failed"));
    // The diagnostics themselves are exactly what the terminal printed, in either language.
    assert!(zh.body.contains("error[E0101]"), "{}", zh.body);
    let en = server.get("/en/guide/markdown/");
    assert!(en.body.contains("the last rebuild failed"), "{}", en.body);
    assert!(en.body.contains("error[E0101]"));
}

/// In a real browser: a long page scrolled down stays where it was across the live reload
/// that an edit of its Markdown causes.
#[test]
fn a_live_reload_keeps_the_scroll_position() {
    let Some(browser) = crate::browser::browser(1280, 900) else {
        return;
    };
    let site = Site::fixture("basic");
    let page = "content/guide/markdown.en.md";
    let long: String = (1..=150)
        .map(|i| format!("Paragraph number {i} of a long page, to scroll through.\n\n"))
        .collect();
    let text = site.read_source(page);
    site.write(page, &format!("{text}\n{long}"));
    let server = Server::start(&site);
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&server.url("/en/guide/markdown/"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    let eval = |js: &str| crate::browser::eval(&tab, js);
    let wait_for = |js: &str, what: &str| {
        let started = Instant::now();
        while eval(js) != serde_json::Value::Bool(true) {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the open page never showed {what}\nstdout:\n{}\nstderr:\n{}",
                server.stdout(),
                server.stderr()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    wait_for(
        "document.documentElement.dataset.evidocLive === 'connected'",
        "its event stream open",
    );
    eval("window.scrollTo(0, 3000); true");
    wait_for(
        "Math.abs(window.scrollY - 3000) < 2",
        "the page scrolled down",
    );
    eval("window.evidocMarker = 'before'; true");

    site.edit(
        page,
        "Paragraph number 1 of",
        "Paragraph number one (edited) of",
    );
    wait_for(
        "document.body.innerText.includes('Paragraph number one (edited) of')",
        "the edit",
    );
    assert_eq!(eval("window.evidocMarker === undefined"), true, "reloaded");
    wait_for(
        "document.readyState === 'complete'",
        "the reloaded page loaded",
    );
    std::thread::sleep(Duration::from_millis(300));
    let y = eval("window.scrollY").as_f64().unwrap();
    assert!((y - 3000.0).abs() < 40.0, "scrollY after the reload: {y}");
}

/// Editors save in odd ways: writing the file twice in a row, or (vim) moving the old file to a
/// backup, writing a new one and deleting the backup. Each save is one rebuild of that page.
#[test]
fn saves_by_writing_twice_or_through_a_backup_are_one_rebuild_each() {
    let site = Site::fixture("basic");
    let page = "content/guide/markdown.en.md";
    let server = Server::start(&site);
    let rebuilds = |log: &str| {
        log.lines()
            .filter(|l| l.starts_with("content/guide/markdown.en.md changed:"))
            .count()
    };

    let text = site.read_source(page);
    let once = text.replacen("A footnote", "A footnote written once", 1);
    let twice = text.replacen("A footnote", "A footnote written twice", 1);
    site.write(page, &once);
    site.write(page, &twice);
    server.poll("/en/guide/markdown/", "the second write", |r| {
        r.body.contains("A footnote written twice")
    });
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(rebuilds(&server.stdout()), 1, "{}", server.stdout());

    let path = site.root().join(page);
    let backup = site.root().join(format!("{page}~"));
    std::fs::rename(&path, &backup).unwrap();
    std::fs::write(
        &path,
        text.replacen("A footnote", "A footnote saved by vim", 1),
    )
    .unwrap();
    std::fs::remove_file(&backup).unwrap();
    server.poll("/en/guide/markdown/", "the backup save", |r| {
        r.body.contains("A footnote saved by vim")
    });
    std::thread::sleep(Duration::from_millis(500));
    let log = server.stdout();
    assert_eq!(rebuilds(&log), 2, "{log}");
    assert!(
        log.lines().last().unwrap_or("").contains("(incremental)"),
        "the backup file is not a change of the site:\n{log}"
    );
}
