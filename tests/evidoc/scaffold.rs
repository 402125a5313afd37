//! `evidoc init` and `evidoc new`: the scaffold builds clean for any language set, and a new
//! page keeps `check --strict` clean.

use crate::support::Site;

/// `evidoc init site <args>` in an empty temporary folder; the site is in `site/`.
fn init(args: &[&str]) -> (Site, Site) {
    let parent = Site {
        dir: tempfile::tempdir().unwrap(),
    };
    let mut all = vec!["init", "site"];
    all.extend_from_slice(args);
    parent.run(&all).success();
    let site = Site {
        dir: tempfile::tempdir().unwrap(),
    };
    crate::support::copy_dir(&parent.root().join("site"), site.root());
    (parent, site)
}

#[test]
fn scaffold_builds_clean_for_every_language_set() {
    for langs in ["zh,en", "en,zh", "en", "zh,en,ja"] {
        let (_parent, site) = init(&["--languages", langs]);
        let built = site.run(&["build", "--strict"]).success();
        assert!(
            built.stdout().contains(" 0 warnings"),
            "{langs}: {}",
            built.stdout()
        );
        assert!(built.stderr().is_empty(), "{langs}: {}", built.stderr());
        let check = site.run(&["check", "--strict"]).success();
        assert!(check.stdout().contains("0 errors, 0 warnings"), "{langs}");
        let codes: Vec<&str> = langs.split(',').collect();
        for lang in &codes {
            let home = site.read(&format!("{lang}/index.html"));
            assert!(
                home.contains("evidence/index.html#os"),
                "{lang}: heading link"
            );
            assert!(
                home.contains("trials/example-1/index.html"),
                "{lang}: trial link"
            );
            assert!(
                home.contains(r#"references/index.html#ref-1">1</a>"#),
                "{lang}: citation"
            );
            let section = site.read(&format!("{lang}/evidence/index.html"));
            assert!(
                section.contains("14.2") && section.contains("11.1"),
                "{lang}: figures from data"
            );
            assert!(section.contains("0.78"), "{lang}: hazard ratio from data");
            assert!(
                section.contains("<table") && section.contains("<svg"),
                "{lang}: table and forest plot"
            );
            assert!(site.exists(&format!("{lang}/evidence/hr-by-age.csv")));
            assert!(site.exists(&format!("{lang}/glossary/index.html")));
            assert_eq!(
                home.matches("rel=\"alternate\" hreflang=").count(),
                codes.len() + 1,
                "{lang}: every language plus x-default"
            );
        }
        let workflow = site.read_source(".github/workflows/site.yml");
        assert!(workflow.contains("evidoc check --strict --format github"));
        assert!(workflow.contains("evidoc build"));
        assert!(workflow.contains("actions/deploy-pages"));
        assert!(site.read_source(".gitignore").contains("/public/"));
    }
}

#[test]
fn scaffold_speaks_each_language() {
    let (_parent, site) = init(&["--languages", "zh,en,ja", "--title", "A \"quoted\" title"]);
    site.build().success();
    assert!(site.read("zh/evidence/index.html").contains("总生存期"));
    assert!(
        site.read("en/evidence/index.html")
            .contains("Overall survival")
    );
    assert!(site.read("ja/evidence/index.html").contains("全生存期"));
    assert!(
        site.read("ja/index.html")
            .contains("A &quot;quoted&quot; title")
    );
    let config = site.read_source("evidoc.toml");
    assert!(config.contains("default_language = \"zh\""));
    assert!(config.contains("name = \"日本語\""));
}

#[test]
fn init_refuses_a_non_empty_folder() {
    let site = Site {
        dir: tempfile::tempdir().unwrap(),
    };
    site.write("notes.txt", "mine");
    site.run(&["init"])
        .fails_with(&["E0902", "is not empty", "--force"]);
    assert!(!site.root().join("evidoc.toml").exists(), "nothing written");
    site.run(&["init", "--force"]).success();
    assert_eq!(
        site.read_source("notes.txt"),
        "mine",
        "other files are kept"
    );
    site.build().success();
    site.run(&["init", "x", "--languages", "zh,zh"])
        .fails_with(&["E0003", "configured twice", "--languages"]);
}

#[test]
fn new_page_in_every_language() {
    let (_parent, site) = init(&["--languages", "en,zh,ja"]);
    let run = site.run(&["new", "evidence/her2-negative"]).success();
    assert!(
        run.stdout()
            .contains("content/evidence/her2-negative.ja.md")
    );
    site.run(&["new", "evidence/second"]).success();
    site.run(&["new", "part/_index"]).success();
    for lang in ["en", "zh", "ja"] {
        let first = site.read_source(&format!("content/evidence/her2-negative.{lang}.md"));
        assert!(first.contains("title = \"her2-negative\"") && first.contains("weight = 1\n"));
        let second = site.read_source(&format!("content/evidence/second.{lang}.md"));
        assert!(
            second.contains("weight = 2\n"),
            "after its last sibling: {second}"
        );
        assert_eq!(
            lang == "en",
            !second.contains("source_hash"),
            "translations marked current"
        );
    }
    assert!(
        site.read_source("content/part/_index.en.md")
            .contains("weight = 2\n"),
        "after the section evidence/"
    );
    site.run(&["check", "--strict"]).success();
    site.build().success();
    assert!(site.exists("ja/evidence/her2-negative/index.html"));
    site.run(&["new", "evidence/her2-negative"])
        .fails_with(&["E0903", "exists already"]);
    site.run(&["new", "../outside"])
        .fails_with(&["E0105", "`..`"]);
    site.run(&["new", "a b"])
        .fails_with(&["E0105", "whitespace"]);
}
