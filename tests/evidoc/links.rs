//! Links between pages, trials and citations: resolved per language, verified at build time.

use crate::support::{Site, broken_links};

#[test]
fn page_links_resolve_in_the_current_language() {
    let site = Site::fixture("basic");
    site.build().success();
    let zh = site.read("zh/guide/linking/index.html");
    assert!(
        zh.contains(r#"href="../../../zh/guide/markdown/index.html#tables""#),
        "{zh}"
    );
    let en = site.read("en/guide/linking/index.html");
    assert!(en.contains(r#"href="../../../en/guide/markdown/index.html#tables""#));
}

#[test]
fn link_to_a_missing_page() {
    let site = Site::fixture("basic");
    site.edit(
        "content/guide/links.en.md",
        "@/guide/markdown.md#tables",
        "@/guide/nowhere.md",
    );
    site.build().fails_with(&[
        "links.en.md:7:9: error[E0301]: link to a page that does not exist: `@/guide/nowhere.md`",
    ]);
}

#[test]
fn link_to_a_missing_heading() {
    let site = Site::fixture("basic");
    site.edit("content/guide/links.en.md", "#tables", "#tabels");
    site.build().fails_with(&[
        "links.en.md:7:9: error[E0302]: link to a missing heading `#tabels`",
        "anchors on that page:",
        "tables",
    ]);
}

#[test]
fn trial_links_resolve_and_unknown_trials_fail() {
    let site = Site::fixture("trials");
    site.build().success();
    assert!(
        site.read("zh/results/index.html")
            .contains(r#"href="../../zh/trials/alpha/index.html">ALPHA-1</a>"#)
    );
    site.edit("content/results.en.md", "(trial:alpha)", "(trial:alfa)");
    site.build().fails_with(&[
        "results.en.md:8:4: error[E0303]: link to a trial that does not exist: `trial:alfa`",
        "known trial ids: alpha, beta",
    ]);
}

#[test]
fn citations_are_numbered_linked_and_linked_back() {
    let site = Site::fixture("trials");
    site.build().success();
    let en = site.read("en/results/index.html");
    assert!(en.contains(r#"<sup class="cite" id="cite-0">[<a href="../../en/references/index.html#ref-1">1</a>]</sup>"#), "{en}");
    assert!(en.contains(r##"id="cite-1">[<a href="../../en/references/index.html#ref-2">2</a>]"##));
    let refs = site.read("en/references/index.html");
    assert!(refs.contains(r#"<li id="ref-1" value="1">"#));
    assert!(refs.contains("Smith JA"), "Vancouver author format: {refs}");
    assert!(refs.contains("https://pubmed.ncbi.nlm.nih.gov/12345/"));
    assert!(
        refs.contains("NCT00000001"),
        "registration of the trial the publication reports"
    );
    assert!(
        refs.contains(r##"href="../../en/results/index.html#cite-0""##),
        "back-link to the citing place"
    );
    assert!(
        refs.contains("[Not identified]"),
        "an unidentified reference says so"
    );
    let zh = site.read("zh/references/index.html");
    assert!(
        zh.contains("SMITH J A") || zh.contains("SMITH J"),
        "GB/T 7714 author format: {zh}"
    );
    assert!(zh.contains("〔未能确认出处〕"));
}

#[test]
fn unknown_citation_key() {
    let site = Site::fixture("trials");
    site.edit("content/results.zh.md", "[@smith2020]", "[@smyth2020]");
    site.build().fails_with(&[
        "results.zh.md:8:",
        "error[E0304]: unknown citation key `smyth2020`",
        "smith2020",
    ]);
}

#[test]
fn malformed_bibliography_entry() {
    let site = Site::fixture("trials");
    site.edit(
        "content/bibliography.yaml",
        "  type: article",
        "  type: [article",
    );
    site.build().fails_with(&[
        "bibliography.yaml:",
        "error[E0305]: malformed bibliography entry",
    ]);
}

#[test]
fn default_site_citations_keep_the_source_numbers() {
    let site = Site::default_site();
    site.build().success();
    let refs = site.read("en/references/index.html");
    for (n, needle) in [
        (2, "CheckMate 649"),
        (9, "ToGA"),
        (10, "KEYNOTE-811"),
        (11, "ATTRACTION-4"),
        (12, "KEYNOTE-859"),
        (26, "REGONIVO"),
        (31, "liver metastasis"),
    ] {
        let start = refs
            .find(&format!("<li id=\"ref-{n}\""))
            .unwrap_or_else(|| panic!("no ref {n}"));
        let entry = &refs[start..start + refs[start..].find("</li>").unwrap()];
        assert!(
            entry.contains(needle),
            "reference [{n}] should be {needle}: {entry}"
        );
    }
    assert!(
        refs.contains("<li id=\"ref-34\""),
        "34 references as in the source"
    );
    assert!(!refs.contains("<li id=\"ref-35\""));
    assert!(broken_links(&site).is_empty(), "{:?}", broken_links(&site));
}

#[test]
fn glossary_terms_are_marked_on_first_use_and_listed_with_backlinks() {
    let site = Site::fixture("trials");
    site.build().success();
    let en = site.read("en/results/index.html");
    assert_eq!(
        en.matches("<abbr title=\"overall survival\">OS</abbr>")
            .count(),
        1,
        "first use only: {en}"
    );
    let zh = site.read("zh/results/index.html");
    assert!(
        zh.contains("<abbr title=\"总生存期\">OS</abbr>"),
        "expansion in the page's language"
    );
    let glossary = site.read("zh/glossary/index.html");
    assert!(
        glossary.contains(
            r#"<dt id="term-os" data-pagefind-title="OS"><abbr>OS</abbr></dt><dd>总生存期"#
        )
    );
    assert!(
        glossary.contains(r#"href="../../zh/results/index.html">↩ 结果</a>"#),
        "{glossary}"
    );
}

#[test]
fn duplicate_glossary_term() {
    let site = Site::fixture("trials");
    site.write(
        "content/glossary.toml",
        "[OS]\nzh = \"总生存期\"\nen = \"overall survival\"\n\n[Os]\nzh = \"x\"\nen = \"y\"\n",
    );
    site.build()
        .fails_with(&["glossary.toml:5:1: error[E0502]: glossary term `Os` duplicates `OS`"]);
    site.write(
        "content/glossary.toml",
        "[OS]\nzh = \"a\"\nen = \"b\"\n[OS]\nzh = \"c\"\nen = \"d\"\n",
    );
    site.build()
        .fails_with(&["glossary.toml:4:", "error[E0501]", "duplicate"]);
}
