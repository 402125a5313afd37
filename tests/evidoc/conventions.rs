//! Content written for Hugo or Zola builds with only an `evidoc.toml` added: YAML or TOML front
//! matter, `date`, `description`, `aliases`, `draft`, `weight`, `slug`, `extra`, files without a
//! language suffix, `_index.md` folders, Hugo's `relref`/`ref` and Zola's `@/` links. A site
//! with three languages builds, switches and checks each translation against the default.

use crate::support::{Site, repo_root};

/// Every output file's path, one a line, compared with `tests/expected/<name>.files`
/// (re-recorded with `EVIDOC_BLESS=1`).
fn assert_files(site: &Site, name: &str) {
    let listing: String = site.output().keys().map(|p| format!("{p}\n")).collect();
    let expected = repo_root().join(format!("tests/expected/{name}.files"));
    if std::env::var_os("EVIDOC_BLESS").is_some() {
        std::fs::write(&expected, &listing).unwrap();
    }
    assert_eq!(
        listing,
        std::fs::read_to_string(expected).unwrap(),
        "{name}"
    );
}

fn redirect_target(html: &str) -> &str {
    let start = html.find("url=").expect("meta refresh") + 4;
    &html[start..start + html[start..].find('"').unwrap()]
}

#[test]
fn hugo_style_site_builds() {
    let site = Site::fixture("hugo-style");
    site.build().success();
    assert_files(&site, "hugo-style");
    // No language suffix: the default language (en).
    let first = site.read("en/posts/first-post/index.html");
    assert!(first.contains("<h1>First post</h1>"));
    // relref and ref, with an anchor; slug renames the page.
    assert!(first.contains(r#"href="../../../en/posts/second/index.html#details""#));
    assert!(
        site.read("en/index.html")
            .contains(r#"href="../en/posts/first-post/index.html""#)
    );
    // description is the summary; date is shown.
    assert!(first.contains(
        r#"<meta name="description" content="Where the old URLs of this post now lead.">"#
    ));
    assert!(first.contains(r#"<time datetime="2024-03-01">2024-03-01</time>"#));
    // Aliases: a redirect page in every language the page has.
    for (path, lang) in [
        ("en/2024/03/first-post/index.html", "en"),
        ("zh/2024/03/first-post/index.html", "zh"),
        ("en/old-first.html", "en"),
    ] {
        let html = site.read(path);
        assert!(html.contains(&format!(
            r#"<link rel="canonical" href="https://example.org/hugo/{lang}/posts/first-post/">"#
        )));
        let target = redirect_target(&html);
        let resolved = site.public().join(path).parent().unwrap().join(target);
        assert!(resolved.exists(), "{path} → {target}");
        assert!(target.ends_with(&format!("{lang}/posts/first-post/index.html")));
    }
    // draft: true is not built.
    assert!(!site.exists("en/posts/unfinished/index.html"));
    // YAML translations can be marked current, then the strict check passes.
    site.run(&["check", "--strict"]).fails_with(&["W0302"]);
    site.run(&["translations", "--mark-current", "--all"])
        .success();
    assert!(
        site.read_source("content/posts/first-post.zh.md")
            .contains("\nsource_hash: \"")
    );
    site.run(&["check", "--strict"]).success();
}

#[test]
fn zola_style_site_builds() {
    let site = Site::fixture("zola-style");
    site.build().success();
    assert_files(&site, "zola-style");
    let first = site.read("en/blog/first/index.html");
    assert!(
        first.contains(r#"<time datetime="2024-03-01">2024-03-01</time>"#),
        "TOML date"
    );
    assert!(first.contains(r#"content="Where the old URLs of this post now lead.""#));
    assert!(
        site.read("en/index.html")
            .contains(r#"href="../en/blog/first/index.html#background""#)
    );
    assert!(
        site.read("en/blog/second-post/index.html")
            .contains("first/index.html#background")
    );
    assert_eq!(
        redirect_target(&site.read("zh/2024/03/first/index.html")),
        "../../../../zh/blog/first/index.html"
    );
    assert!(!site.exists("en/blog/draft/index.html"));
    site.run(&["translations", "--mark-current", "--all"])
        .success();
    site.run(&["check", "--strict"]).success();
}

#[test]
fn extra_reaches_templates() {
    let site = Site::fixture("zola-style");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.content | safe }}<p class=\"author\">{{ page.extra.author | default(value=\"anonymous\") }}</p>{% endblock content %}\n",
    );
    site.build().success();
    assert!(
        site.read("en/blog/first/index.html")
            .contains("<p class=\"author\">Jane Doe</p>")
    );
    assert!(
        site.read("en/blog/second-post/index.html")
            .contains("<p class=\"author\">anonymous</p>")
    );
}

#[test]
fn unknown_keys_are_errors_except_under_extra() {
    let site = Site::fixture("hugo-style");
    site.edit(
        "content/posts/second-post.md",
        "weight: 2\n",
        "weight: 2\ntags: [a]\n",
    );
    site.build().fails_with(&[
        "second-post.md:5:1",
        "E0101",
        "unknown field `tags`",
        "extra",
    ]);
    let site = Site::fixture("hugo-style");
    site.edit(
        "content/posts/second-post.md",
        "weight: 2\n",
        "weight: 2\naliases: [\"../../x\"]\n",
    );
    site.build().fails_with(&["E0105", "the alias `../../x`"]);
    let site = Site::fixture("zola-style");
    site.edit(
        "content/blog/second.md",
        "weight = 2\n",
        "weight = 2\naliases = [\"blog/first\"]\n",
    );
    site.build()
        .fails_with(&["E0901", "would overwrite `en/blog/first/index.html`"]);
}

#[test]
fn three_languages_switch_and_check_against_the_default() {
    let site = Site::fixture("zh-en-ja");
    site.run(&["translations", "--mark-current", "--all"])
        .success();
    site.run(&["check", "--strict"]).success();
    site.build().success();
    let ja = site.read("ja/results/index.html");
    for lang in ["zh", "en", "ja"] {
        assert!(
            ja.contains(&format!("hreflang=\"{lang}\"")),
            "switcher lists {lang}"
        );
    }
    assert!(ja.contains("前へ"), "strings overridden for ja");
    // Parity is checked between each translation and the default language (zh).
    site.edit("content/results.ja.md", "13.1", "13.2");
    site.run(&["check"]).success();
    let run = site
        .run(&["check", "--strict"])
        .fails_with(&["W0207", "results.ja.md", "`zh`"]);
    assert!(
        !run.stderr().contains("results.en.md"),
        "en still agrees with zh"
    );
}

#[test]
fn three_languages_print_the_first_two_side_by_side_unless_configured() {
    let site = Site::fixture("zh-en-ja");
    site.build().success();
    assert!(site.exists("print/zh-en/index.html"));
    assert!(!site.exists("print/zh-ja/index.html"));
    site.write(
        "evidoc.toml",
        &format!(
            "{}\n[print]\nparallel = [\"zh\", \"ja\"]\n",
            site.read_source("evidoc.toml")
        ),
    );
    site.build().success();
    let parallel = site.read("print/zh-ja/index.html");
    assert!(parallel.contains("lang=\"ja\"") && parallel.contains("lang=\"zh\""));
    assert!(!site.exists("print/zh-en/index.html"));
    let text = site
        .read_source("evidoc.toml")
        .replace("\"ja\"]", "\"fr\"]");
    site.write("evidoc.toml", &text);
    site.build()
        .fails_with(&["E0003", "[print] parallel", "evidoc.toml"]);
}
