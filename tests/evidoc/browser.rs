//! Behaviour that lives in the browser, tested in a real one (Debian's headless Chromium).
//!
//! Without Chromium these tests say so and pass, except in CI (`CI` set), where they fail:
//! `.ci/run` installs Chromium, so CI always runs them.

use std::path::Path;

use headless_chrome::{Browser, LaunchOptions, Tab};

use crate::support::Site;

const CHROMIUM: &str = "/usr/bin/chromium";

pub(crate) fn browser(width: u32, height: u32) -> Option<Browser> {
    if !Path::new(CHROMIUM).exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install chromium (apt-get install chromium)"
        );
        eprintln!(
            "skipping browser test: {CHROMIUM} is not installed (apt-get install chromium fonts-noto-cjk)"
        );
        return None;
    }
    let args = [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];
    let options = LaunchOptions::default_builder()
        .path(Some(CHROMIUM.into()))
        .sandbox(false)
        .window_size(Some((width, height)))
        .args(args.iter().map(std::ffi::OsStr::new).collect())
        .build()
        .unwrap();
    Some(Browser::new(options).expect("chromium starts"))
}

fn open(browser: &Browser, site: &Site, page: &str) -> std::sync::Arc<Tab> {
    let tab = browser.new_tab().unwrap();
    let url = format!("file://{}/{page}", site.public().display());
    tab.navigate_to(&url)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    tab
}

pub(crate) fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    tab.evaluate(js, false)
        .unwrap()
        .value
        .unwrap_or(serde_json::Value::Null)
}

#[test]
fn clicking_a_header_sorts_the_table_numerically() {
    let Some(browser) = browser(1280, 900) else {
        return;
    };
    let site = Site::fixture("trials");
    site.build().success();
    let tab = open(&browser, &site, "en/results/index.html");
    let hr_column = "Array.from(document.querySelectorAll('#data-hr-table tbody tr')).map(r => r.cells[4].textContent.trim().split(' ')[0]).join(',')";
    assert_eq!(
        eval(&tab, hr_column),
        "0.71,1.00",
        "source order before sorting"
    );
    tab.find_element("#data-hr-table thead th:nth-child(5) button.sort")
        .unwrap()
        .click()
        .unwrap();
    assert_eq!(eval(&tab, hr_column), "0.71,1.00");
    tab.find_element("#data-hr-table thead th:nth-child(5) button.sort")
        .unwrap()
        .click()
        .unwrap();
    assert_eq!(
        eval(&tab, hr_column),
        "1.00,0.71",
        "second click sorts descending"
    );
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('#data-hr-table thead th:nth-child(5)').getAttribute('aria-sort')"
        ),
        "descending"
    );
}

#[test]
fn the_language_switcher_keeps_the_readers_place() {
    let Some(browser) = browser(1280, 900) else {
        return;
    };
    let site = Site::fixture("basic");
    site.build().success();
    let tab = open(&browser, &site, "en/guide/markdown/index.html#tables");
    tab.find_element(".lang-switch a[hreflang=zh]")
        .unwrap()
        .click()
        .unwrap();
    tab.wait_until_navigated().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let url = tab.get_url();
    assert!(
        url.ends_with("/zh/guide/markdown/index.html#tables"),
        "{url}"
    );
}

#[test]
fn on_a_phone_the_menu_button_opens_the_navigation() {
    let Some(browser) = browser(390, 844) else {
        return;
    };
    let site = Site::fixture("basic");
    site.build().success();
    let tab = open(&browser, &site, "en/guide/markdown/index.html");
    let visible = "getComputedStyle(document.getElementById('sidebar')).display";
    assert_eq!(eval(&tab, visible), "none");
    tab.find_element(".menu-toggle").unwrap().click().unwrap();
    assert_eq!(eval(&tab, visible), "block");
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('.menu-toggle').getAttribute('aria-expanded')"
        ),
        "true"
    );
}

#[test]
fn dark_mode_changes_the_colours() {
    let Some(browser) = browser(1280, 900) else {
        return;
    };
    let site = Site::fixture("basic");
    site.build().success();
    let tab = open(&browser, &site, "en/index.html");
    let light = eval(&tab, "getComputedStyle(document.body).backgroundColor");
    tab.call_method(
        headless_chrome::protocol::cdp::Emulation::SetEmulatedMedia {
            media: None,
            features: Some(vec![
                headless_chrome::protocol::cdp::Emulation::MediaFeature {
                    name: "prefers-color-scheme".into(),
                    value: "dark".into(),
                },
            ]),
        },
    )
    .unwrap();
    let dark = eval(&tab, "getComputedStyle(document.body).backgroundColor");
    assert_ne!(light, dark);
    assert_eq!(dark, "rgb(20, 24, 28)");
}
