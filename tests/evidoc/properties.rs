//! Property tests, a modest budget in `cargo test` (the fuzz targets in `fuzz/` run the same
//! invariants for longer):
//! - evidoc's passes change nothing the author wrote: its HTML equals pulldown-cmark's own,
//!   once evidoc's documented additions are taken out;
//! - bad input of every kind keeps the promises of README (`evidoc::harness`).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use proptest::prelude::*;

use evidoc::markup::glossary::Glossary;
use evidoc::markup::markdown::{PageEnv, options, render};
use evidoc::markup::mentions::Mentions;
use evidoc::markup::shortcodes::ShortcodeError;

const WORDS: &[&str] = &[
    "ALPHA-1",
    "OS",
    "HR",
    "alpha",
    "肝转移",
    "text",
    "a_b",
    "1.5",
    "&",
    "<",
    "\"q\"",
    "中位 OS",
];

fn word() -> impl Strategy<Value = String> {
    prop::sample::select(WORDS).prop_map(str::to_string)
}

fn inline() -> impl Strategy<Value = String> {
    (0..10usize, word()).prop_map(|(kind, w)| match kind {
        0 => format!("*{w}*"),
        1 => format!("**{w}**"),
        2 => format!("`{w}`"),
        3 => format!("[{w}](https://example.org/p)"),
        4 => format!("![{w}](https://example.org/i.png \"{w}\")"),
        5 => format!("<a href=\"https://example.org/r\">{w}</a>"),
        6 => format!("<code>{w}</code>"),
        7 => format!("<span class=\"s\">{w}</span>"),
        8 => format!("<abbr title=\"t\">{w}</abbr>"),
        _ => w,
    })
}

fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(inline(), 1..6).prop_map(|parts| parts.join(" "))
}

fn block() -> impl Strategy<Value = String> {
    (0..7usize, line(), line()).prop_map(|(kind, a, b)| match kind {
        0 => format!("## {a}"),
        1 => format!("```\n{a}\n```"),
        2 => format!("| h | {a} |\n|---|---|\n| {b} | x |"),
        3 => format!("- {a}\n- {b}"),
        4 => format!("> {a}"),
        _ => format!("{a}\n{b}"),
    })
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(block(), 1..8).prop_map(|blocks| blocks.join("\n\n") + "\n")
}

/// What a reader would see of the HTML, with evidoc's documented additions taken out: heading
/// ids and their `#` anchors, classes of code blocks and highlighting spans, the table wrapper,
/// glossary marks (`<a class="term"><abbr>`) and links to trial pages around plain text.
fn without_additions(html: &str) -> Vec<String> {
    use html5gum::{Token, Tokenizer};
    let mut out = Vec::new();
    let mut text = String::new();
    let mut links: Vec<bool> = Vec::new(); // per open <a>: kept?
    let mut abbrs: Vec<bool> = Vec::new();
    let mut skipping_anchor = false;
    let mut in_pre = false;
    let flush = |text: &mut String, out: &mut Vec<String>| {
        // Line breaks between blocks are layout, not content.
        if !text.trim().is_empty() {
            out.push(format!("text:{text}"));
        }
        text.clear();
    };
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::String(s) if !skipping_anchor => text.push_str(&String::from_utf8_lossy(&s)),
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                let attr = |n: &str| {
                    tag.attributes
                        .get(n.as_bytes())
                        .map(|v| String::from_utf8_lossy(v).into_owned())
                };
                let class = attr("class").unwrap_or_default();
                let keep = match name.as_str() {
                    "a" if class == "anchor" => {
                        skipping_anchor = true;
                        links.push(false);
                        false
                    }
                    "a" => {
                        let href = attr("href").unwrap_or_default();
                        let added = class == "term" || href.ends_with("trials/alpha/index.html");
                        links.push(!added);
                        !added
                    }
                    "abbr" => {
                        let added = links.last() == Some(&false);
                        abbrs.push(!added);
                        !added
                    }
                    "div" => false,
                    "span" if in_pre => false,
                    _ => true,
                };
                in_pre |= name == "pre";
                if keep {
                    flush(&mut text, &mut out);
                    let plain = ["h1", "h2", "h3", "h4", "h5", "h6", "pre", "code"];
                    let mut attrs: Vec<String> = if plain.contains(&name.as_str()) {
                        Vec::new()
                    } else {
                        tag.attributes
                            .iter()
                            .map(|(k, v)| {
                                format!(
                                    "{}={}",
                                    String::from_utf8_lossy(k),
                                    String::from_utf8_lossy(v)
                                )
                            })
                            .collect()
                    };
                    attrs.sort();
                    out.push(format!("<{name} {}>", attrs.join(" ")));
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                let keep = match name.as_str() {
                    "a" => {
                        skipping_anchor = false;
                        links.pop().unwrap_or(true)
                    }
                    "abbr" => abbrs.pop().unwrap_or(true),
                    "div" => false,
                    "span" if in_pre => false,
                    _ => true,
                };
                if name == "pre" {
                    in_pre = false;
                }
                if keep {
                    flush(&mut text, &mut out);
                    out.push(format!("</{name}>"));
                }
            }
            _ => {}
        }
    }
    flush(&mut text, &mut out);
    out
}

fn evidoc_html(markdown: &str) -> String {
    let pages = HashMap::new();
    let trials: HashSet<String> = ["alpha".to_string()].into();
    let glossary = Glossary {
        terms: vec![
            (
                "OS".into(),
                [("en".to_string(), "overall survival".to_string())].into(),
            ),
            (
                "HR".into(),
                [("en".to_string(), "hazard ratio".to_string())].into(),
            ),
        ],
    };
    let mentions = Mentions::new(&[("ALPHA-1".into(), "alpha".into())], &glossary);
    let env = PageEnv {
        lang: "en",
        root: "../",
        pages: &pages,
        trials: &trials,
        alert_label: &|s| s.to_string(),
        shortcode: &|_, _| {
            Err(ShortcodeError {
                message: "none".into(),
                hint: "none".into(),
            })
        },
        glossary: &glossary,
        mentions: &mentions,
        html: true,
        skeleton: false,
        highlight: true,
        code_spans: None,
    };
    render(Path::new("page.md"), markdown, 0, &env).html
}

fn pulldown_html(markdown: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(markdown, options()),
    );
    html
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn markdown_passes_change_nothing_the_author_wrote(doc in document()) {
        let ours = evidoc_html(&doc);
        let theirs = pulldown_html(&doc);
        prop_assert_eq!(without_additions(&ours), without_additions(&theirs), "\n{}\nevidoc:\n{}\npulldown-cmark:\n{}", doc, ours, theirs);
    }
}

#[test]
fn the_comparison_sees_what_evidoc_adds() {
    // The property above would pass vacuously if evidoc added nothing: make sure it links and
    // marks in this vocabulary, and that the normalisation notices a real change.
    let html = evidoc_html("ALPHA-1 and OS\n");
    assert!(html.contains("trials/alpha/index.html") && html.contains("<abbr"));
    assert_ne!(
        without_additions("<p><a href=\"x\">y</a></p>"),
        without_additions("<p>y</p>")
    );
}

/// Pieces that break parsers: delimiters of every input format evidoc reads, names that try
/// to leave the output, line endings, a BOM, full-width digits, NUL, huge numbers.
const TOKENS: &[&str] = &[
    "\"",
    "'",
    "[",
    "]",
    "[[",
    "{",
    "}",
    "{{",
    "}}",
    "(",
    ")",
    "=",
    "\n",
    "\r\n",
    "\u{feff}",
    "+++",
    "---",
    "#",
    "## ",
    "`",
    "```",
    "..",
    "../../",
    "/",
    "\\",
    "C:",
    "\0",
    "\t",
    "１３．１",
    "中",
    "@/",
    "@/nowhere.md#x",
    "trial:",
    "trial:alpha",
    "[@",
    "[@smith2020]",
    "-1",
    "1e400",
    "nan",
    "0",
    ": ",
    "- ",
    "slug = \"../../x\"\n",
    "id = \"../x\"\n",
    "{{ fig(trial=\"alpha\") }}",
    "{{ table(kind=\"medians\", id=\"../t\") }}",
    "<a href=\"",
    "</a>",
    "<!--",
    "&amp;",
];

fn mutated(base: String) -> impl Strategy<Value = String> {
    let len = base.len();
    prop::collection::vec((0..=len, 0..4usize, prop::sample::select(TOKENS)), 1..6).prop_map(
        move |edits| {
            let mut text = base.clone();
            for (at, kind, token) in edits {
                let mut at = at.min(text.len());
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                match kind {
                    0 => {
                        let end = (at + 8).min(text.len());
                        let end = (end..=text.len())
                            .find(|e| text.is_char_boundary(*e))
                            .unwrap_or(text.len());
                        text.replace_range(at..end, "");
                    }
                    _ => text.insert_str(at, token),
                }
            }
            text
        },
    )
}

/// The trials fixture with one file replaced.
fn fixture_with(rel: &str, text: &str) -> Vec<(String, Vec<u8>)> {
    evidoc::harness::fixture_with(&crate::support::repo_root(), rel, text.as_bytes())
}

fn fixture_text(rel: &str) -> String {
    std::fs::read_to_string(
        crate::support::repo_root()
            .join("tests/fixtures/trials")
            .join(rel),
    )
    .unwrap()
}

fn keeps_promises(rel: &str, text: &str) -> Result<(), TestCaseError> {
    let site = evidoc::harness::ScratchSite::new(&fixture_with(rel, text)).unwrap();
    let broken = site.check_invariants();
    prop_assert!(
        broken.is_empty(),
        "{}:\n{}\n{}",
        rel,
        text,
        broken.join("\n")
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn bad_pages_keep_the_promises(text in mutated(fixture_text("content/results.en.md"))) {
        keeps_promises("content/results.en.md", &text)?;
    }

    #[test]
    fn bad_trial_data_keeps_the_promises(text in mutated(fixture_text("content/trials/alpha.toml"))) {
        keeps_promises("content/trials/alpha.toml", &text)?;
    }

    #[test]
    fn bad_configuration_keeps_the_promises(text in mutated(fixture_text("evidoc.toml"))) {
        keeps_promises("evidoc.toml", &text)?;
    }

    #[test]
    fn bad_bibliography_keeps_the_promises(text in mutated(fixture_text("content/bibliography.yaml"))) {
        keeps_promises("content/bibliography.yaml", &text)?;
    }
}

/// Every input the fuzzers ever crashed on (`tests/fuzz-regressions/<target>/`, one file each,
/// named after the bug) keeps the promises now.
#[test]
fn fuzz_crashes_stay_fixed() {
    let targets = [
        ("page", "content/results.en.md"),
        ("trial", "content/trials/alpha.toml"),
        ("config", "evidoc.toml"),
        ("bibliography", "content/bibliography.yaml"),
    ];
    let mut checked = 0;
    for (target, rel) in targets {
        let dir = crate::support::repo_root()
            .join("tests/fuzz-regressions")
            .join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let input = std::fs::read(entry.unwrap().path()).unwrap();
            let site = evidoc::harness::ScratchSite::new(&evidoc::harness::fixture_with(
                &crate::support::repo_root(),
                rel,
                &input,
            ))
            .unwrap();
            assert_eq!(site.check_invariants(), Vec::<String>::new(), "{target}");
            checked += 1;
        }
    }
    assert!(checked > 0, "no fuzz regressions found");
}
