//! The print editions (one per language, one side by side) and their PDFs.
//!
//! The PDF tests need Chromium and poppler-utils (`pdftotext`, `pdffonts`, `pdfinfo`). Without
//! them they say so and pass, except in CI (`CI` set), where `.ci/run` installs both.

use std::path::Path;
use std::process::Command;

use crate::support::Site;

/// Text of `html` with tags removed and whitespace dropped (for comparing text across
/// documents whose markup and line breaks differ).
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag && !c.is_whitespace() => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
}

/// Every match of `start` … `end` in `html`, without the delimiters.
fn between<'a>(html: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    html.split(start)
        .skip(1)
        .filter_map(|s| s.split(end).next())
        .collect()
}

/// The titles the web pages show, in the order the print editions promise: the pages written
/// in Markdown in reading order (the contents page's order), then the trial summaries, the
/// glossary, the notes on the source and the references.
fn expected_titles(site: &Site, lang: &str) -> Vec<String> {
    let contents = site.read(&format!("{lang}/contents/index.html"));
    let nav = contents.split("<main").nth(1).unwrap();
    let mut pages: Vec<String> = between(nav, "href=\"../../", "\"")
        .into_iter()
        .filter(|h| h.starts_with(&format!("{lang}/")) && h.ends_with("index.html"))
        .map(str::to_string)
        .collect();
    pages.dedup();
    let rank = |p: &String| {
        let rest = &p[lang.len() + 1..];
        if rest.starts_with("trials/") {
            1
        } else if rest.starts_with("glossary/") {
            2
        } else if rest.starts_with("source-notes/") {
            3
        } else if rest.starts_with("references/") {
            4
        } else {
            0
        }
    };
    pages.sort_by_key(rank);
    pages.insert(0, format!("{lang}/index.html"));
    pages
        .iter()
        .map(|p| {
            let page = site.read(p);
            let header = page
                .split("<header class=\"article-header\">")
                .nth(1)
                .unwrap();
            text(between(header, "<h1>", "</h1>")[0])
        })
        .collect()
}

fn print_titles(edition: &str) -> Vec<String> {
    between(edition, "<h1 class=\"section-title\">", "</h1>")
        .into_iter()
        .map(text)
        .collect()
}

/// The body rows of every data table on the comparison page, as text.
fn comparison_rows(site: &Site, lang: &str) -> Vec<String> {
    let page = site.read(&format!("{lang}/comparison/index.html"));
    let rows: Vec<String> = between(&page, "<tbody>", "</tbody>")
        .into_iter()
        .flat_map(|body| between(body, "<tr", "</tr>"))
        .map(|row| text(&format!("<tr{row}")))
        .collect();
    assert!(rows.len() > 20, "the comparison page has its tables");
    rows
}

#[test]
fn print_editions_hold_every_section_and_every_comparison_figure() {
    let site = Site::default_site();
    let build = site.build().success();
    assert!(!build.stderr().contains("W0601"), "{}", build.stderr());
    for lang in ["zh", "en"] {
        let edition = site.read(&format!("{lang}/print/index.html"));
        assert_eq!(
            print_titles(&edition),
            expected_titles(&site, lang),
            "{lang}"
        );
        let body = text(&edition);
        for row in comparison_rows(&site, lang) {
            assert!(
                body.contains(&row),
                "{lang} print edition lacks the row {row}"
            );
        }
        // No site navigation; one references list, at the end.
        assert!(!edition.contains("class=\"sidebar"));
        assert_eq!(edition.matches("<ol class=\"references\">").count(), 1);
        let last = edition.rfind("<section class=\"print-section").unwrap();
        assert!(edition[last..].contains("<ol class=\"references\">"));
    }
}

#[test]
fn cross_links_become_in_document_links() {
    let site = Site::default_site();
    site.build().success();
    let zh = site.read("zh/print/index.html");
    // A trial link goes to the trial's summary, a citation to the references list, both in
    // the document; the output link check (0 errors above) resolved every one of them.
    assert!(zh.contains("href=\"#trials-keynote-859\""));
    assert!(zh.contains("href=\"#references--ref-12\""));
    assert!(zh.contains("id=\"her2-negative--checkmate-649\""));
    for page in ["her2-negative", "trials/keynote-859", "references"] {
        assert!(
            !zh.contains(&format!("zh/{page}/index.html")),
            "a link to {page} left the document"
        );
    }
    let parallel = site.read("print/zh-en/index.html");
    assert!(parallel.contains("href=\"#zh-trials-keynote-859\""));
    assert!(parallel.contains("href=\"#en-trials-keynote-859\""));
    // Every web page links to its language's print edition.
    assert!(
        site.read("en/her2-negative/index.html")
            .contains("href=\"../../en/print/index.html\">Print / PDF</a>")
    );
}

#[test]
fn parallel_edition_pairs_every_block_of_the_default_site() {
    let site = Site::default_site();
    site.build().success();
    let parallel = site.read("print/zh-en/index.html");
    let rows: Vec<&str> = between(&parallel, "<div class=\"pair pair-", "</div></div>\n")
        .into_iter()
        .filter(|r| !r.starts_with("title"))
        .collect();
    assert!(rows.len() > 200, "{} rows", rows.len());
    for row in &rows {
        let cells: Vec<&str> = row
            .split("<div class=\"cell content\" lang=\"")
            .skip(1)
            .collect();
        assert_eq!(cells.len(), 2, "{row}");
        assert!(cells[0].starts_with("zh\">") && cells[1].starts_with("en\">"));
        let tag = |c: &str| c[4..].split([' ', '>']).next().unwrap().to_string();
        assert_eq!(tag(cells[0]), tag(cells[1]), "blocks out of step:\n{row}");
    }
    // The section titles of both languages, in the same order as the language editions.
    let titles = between(
        &parallel,
        "<h1 class=\"section-title cell\" lang=\"",
        "</h1>",
    );
    let zh: Vec<String> = titles
        .iter()
        .filter_map(|t| t.strip_prefix("zh\""))
        .map(|t| text(&format!("<x{t}")))
        .collect();
    assert_eq!(zh, print_titles(&site.read("zh/print/index.html")));
}

#[test]
fn differing_structure_is_aligned_by_heading_with_a_warning() {
    let site = Site::fixture("trials");
    site.edit(
        "content/results.en.md",
        "\nIn [ALPHA-1]",
        "\n- In [ALPHA-1]",
    );
    let build = site.build().success();
    assert!(
        build
            .stderr()
            .contains("content/results.en.md:6:1: warning[W0601]"),
        "{}",
        build.stderr()
    );
    assert!(
        build
            .stderr()
            .contains("see also content/results.zh.md:6:1")
    );
    // The headings still sit side by side; the part that differs is one row.
    let parallel = site.read("print/zh-en/index.html");
    assert!(parallel.contains("<div class=\"pair pair-heading\"><div class=\"cell content\" lang=\"zh\"><h2 id=\"zh-results--os\">"));
    assert!(parallel.contains("lang=\"en\"><ul>"));
}

#[test]
fn print_configuration() {
    let site = Site::fixture("trials");
    let config = site.read_source("evidoc.toml");
    site.write(
        "evidoc.toml",
        &format!("{config}\n[print]\npaper = \"Letter\"\ntrials = false\nglossary = false\ndate = \"2026年11月\"\n"),
    );
    site.build().success();
    let en = site.read("en/print/index.html");
    assert!(en.contains("size: letter"));
    assert!(en.contains("<p class=\"doc-date\">2026年11月</p>"));
    assert!(!en.contains("id=\"trials-alpha\""));
    assert!(!en.contains("id=\"glossary\""));
    assert!(en.contains("id=\"results\""));

    site.write("evidoc.toml", &format!("{config}\n[print]\ncolumns = 2\n"));
    site.build()
        .fails_with(&["evidoc.toml:", "error[E0002]", "unknown field `columns`"]);
}

#[test]
fn pdf_without_a_browser_fails_with_an_install_hint() {
    let site = Site::fixture("trials");
    let run = |args: &[&str], browser: &str| {
        let out = assert_cmd::Command::cargo_bin("evidoc")
            .unwrap()
            .current_dir(site.root())
            .env("EVIDOC_CHROMIUM", browser)
            .args(args)
            .output()
            .unwrap();
        crate::support::Run(out)
    };
    run(&["pdf"], "/nowhere/chromium")
        .fails_with(&["error[E0602]", "apt-get install chromium fonts-noto-cjk"]);
    run(&["build", "--pdf"], "/nowhere/chromium").fails_with(&["error[E0602]"]);
    assert!(
        !site.public().exists(),
        "a failed build --pdf wrote nothing"
    );
    // `build` without --pdf never looks for a browser.
    run(&["build"], "/nowhere/chromium").success();
}

#[test]
fn pdf_errors_of_the_browser_and_output() {
    let site = Site::fixture("trials");
    let run = |args: &[&str], browser: &str| {
        let out = assert_cmd::Command::cargo_bin("evidoc")
            .unwrap()
            .current_dir(site.root())
            .env("EVIDOC_CHROMIUM", browser)
            .args(args)
            .output()
            .unwrap();
        crate::support::Run(out)
    };
    // A "browser" that exits without printing.
    run(&["pdf"], "/bin/true").fails_with(&["error[E0603]", "did not print"]);
    site.write("blocked", "a file, not a folder");
    run(&["pdf", "--output", "blocked"], "/bin/true")
        .fails_with(&["error[E0604]", "cannot write the PDF"]);
}

/// Whether the PDF tools are here (in CI they must be).
fn pdf_tools() -> bool {
    let found = ["chromium", "pdftotext", "pdffonts", "pdfinfo"]
        .iter()
        .all(|t| {
            Command::new("sh")
                .args(["-c", &format!("command -v {t}")])
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install chromium, fonts-noto-cjk and poppler-utils"
        );
        eprintln!("skipping PDF test: apt-get install chromium fonts-noto-cjk poppler-utils");
    }
    found
}

fn tool(name: &str, args: &[&str], pdf: &Path) -> String {
    let mut command = Command::new(name);
    command.args(args).arg(pdf);
    if name == "pdftotext" {
        command.arg("-");
    }
    let out = command.output().unwrap();
    assert!(out.status.success(), "{name} {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn info(pdf: &Path) -> String {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn pdfs_of_the_default_site() {
    if !pdf_tools() {
        return;
    }
    let site = Site::default_site();
    site.build().success();
    let out = site.root().join("handouts");
    let run = site.run(&["pdf"]).success();
    assert!(run.stdout().contains("Printed 3 PDFs"), "{}", run.stdout());
    let hr_table = |lang: &str| {
        let page = site.read(&format!("{lang}/comparison/index.html"));
        let figure = between(&page, "id=\"data-hr-liver-met\"", "</figure>")[0].to_string();
        between(&figure, "<td class=\"num\"", "</td>")
            .into_iter()
            .map(|td| {
                td.split('>')
                    .nth(1)
                    .unwrap_or("")
                    .split('<')
                    .next()
                    .unwrap()
                    .trim()
                    .to_string()
            })
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
    };
    for (file, langs) in [
        ("handout-zh.pdf", vec!["zh"]),
        ("handout-en.pdf", vec!["en"]),
        ("handout-zh-en.pdf", vec!["zh", "en"]),
    ] {
        let pdf = out.join(file);
        let text = squeeze(&tool("pdftotext", &[], &pdf));
        let outline: Vec<String> = evidoc::pdf::outline_titles(&std::fs::read(&pdf).unwrap())
            .into_iter()
            .map(|(_, t)| squeeze(&t))
            .collect();
        for lang in &langs {
            for title in print_titles(&site.read(&format!("{lang}/print/index.html"))) {
                assert!(text.contains(&title), "{file}: no section title {title}");
                assert!(
                    outline.contains(&title),
                    "{file}: outline lacks {title}: {outline:?}"
                );
            }
            let figures = hr_table(lang);
            assert!(figures.len() >= 9, "{figures:?}");
            for figure in figures {
                assert!(text.contains(&figure), "{file}: no {figure}");
            }
        }
        let fonts = tool("pdffonts", &[], &pdf);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty());
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            assert_eq!(
                cols[cols.len() - 5],
                "yes",
                "{file}: a font is not embedded: {row}"
            );
        }
        // Chromium embeds the CFF outlines of Noto CJK as Type 3 fonts, which pdffonts lists
        // without a name; their font descriptors name them.
        let raw = String::from_utf8_lossy(&std::fs::read(&pdf).unwrap()).into_owned();
        assert!(
            raw.contains("+NotoSerifCJK") || raw.contains("+NotoSansCJK"),
            "{file}: no CJK font embedded"
        );
        let info = info(&pdf);
        assert!(info.contains("(A4)"), "{info}");
        assert!(info.contains("Tagged:          yes"), "{info}");
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        assert!((20..=200).contains(&pages), "{file}: {pages} pages");
    }
    // The parallel PDF has Chinese and English on one page.
    let parallel = out.join("handout-zh-en.pdf");
    let both = (3..=12).any(|n| {
        let page = tool(
            "pdftotext",
            &["-f", &n.to_string(), "-l", &n.to_string()],
            &parallel,
        );
        page.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) && page.contains(" the ")
    });
    assert!(
        both,
        "no page of the parallel PDF has Chinese and English text"
    );
}

#[test]
fn build_pdf_puts_the_pdfs_into_the_site() {
    if !pdf_tools() {
        return;
    }
    let site = Site::fixture("trials");
    site.run(&["build", "--pdf"]).success();
    for pdf in [
        "zh/print/handout-zh.pdf",
        "en/print/handout-en.pdf",
        "print/zh-en/handout-zh-en.pdf",
    ] {
        let bytes = std::fs::read(site.public().join(pdf)).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{pdf}");
    }
    assert!(
        site.read("en/print/index.html")
            .contains("<a class=\"pdf-link\" href=\"handout-en.pdf\">")
    );
    // Without --pdf, no PDF and no link to one.
    site.build().success();
    assert!(!site.exists("en/print/handout-en.pdf"));
    assert!(!site.read("en/print/index.html").contains("pdf-link"));
}
