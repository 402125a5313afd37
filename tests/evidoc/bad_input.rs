//! Bad input: a located diagnostic with a hint, exit code 1, no panic, previous output intact.

use crate::support::Site;

/// Builds once successfully, breaks the site with `breakage`, and checks the failed build.
fn fails_keeping_output(breakage: impl FnOnce(&Site), needles: &[&str]) {
    let site = Site::fixture("basic");
    site.build().success();
    let before = site.output();
    breakage(&site);
    site.build().fails_with(needles);
    assert_eq!(
        before,
        site.output(),
        "a failed build must leave the previous output untouched"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("evidoc-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
}

#[test]
fn malformed_front_matter() {
    fails_keeping_output(
        |s| {
            s.write(
                "content/guide/links.en.md",
                "+++\ntitle = \"Links\"\nweight = two\n+++\n\nBody.\n",
            )
        },
        &[
            "content/guide/links.en.md:3:10: error[E0101]",
            "weight = two",
            "^",
            "help:",
        ],
    );
}

#[test]
fn missing_front_matter() {
    fails_keeping_output(
        |s| s.write("content/guide/links.en.md", "# Links\n"),
        &[
            "content/guide/links.en.md:1:1: error[E0101]: expected front matter between `+++` lines (TOML) or `---` lines (YAML)",
        ],
    );
}

#[test]
fn unknown_front_matter_key() {
    fails_keeping_output(
        |s| {
            s.write(
                "content/guide/links.en.md",
                "+++\ntitle = \"Links\"\nwieght = 2\n+++\n",
            )
        },
        &["links.en.md:3:1: error[E0101]: unknown field `wieght`"],
    );
}

#[test]
fn unknown_language_suffix() {
    fails_keeping_output(
        |s| s.write("content/guide/links.fr.md", "+++\ntitle = \"Liens\"\n+++\n"),
        &[
            "links.fr.md: error[E0102]: unknown language suffix `.fr`",
            "zh, en",
        ],
    );
}

#[test]
fn two_files_claiming_the_same_output_path() {
    fails_keeping_output(
        |s| {
            s.write(
                "content/guide/other.en.md",
                "+++\ntitle = \"Other\"\nslug = \"linking\"\n+++\n",
            )
        },
        &[
            "error[E0103]: two sources claim the output path `guide/linking/`",
            "slug",
        ],
    );
}

#[test]
fn template_syntax_error_names_template_and_line() {
    fails_keeping_output(
        |s| {
            s.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n{% endblock content %}\n")
        },
        &[
            "templates/page.html:3:",
            "error[E0201]: template `page.html`",
        ],
    );
}

#[test]
fn template_with_an_undefined_variable() {
    fails_keeping_output(
        |s| {
            s.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.nonexistent }}\n{% endblock content %}\n")
        },
        &["templates/page.html:3:", "error[E0202]", "nonexistent"],
    );
}

#[test]
fn missing_template_named_in_front_matter() {
    fails_keeping_output(
        |s| {
            s.write(
                "content/guide/links.en.md",
                "+++\ntitle = \"Links\"\ntemplate = \"fancy.html\"\n+++\n",
            )
        },
        &["links.en.md:3:13: error[E0203]: template `fancy.html` does not exist"],
    );
}

#[test]
fn template_extending_a_missing_parent() {
    fails_keeping_output(
        |s| s.write("templates/page.html", "{% extends \"layout.html\" %}\n"),
        &["E0203", "layout.html"],
    );
}

#[test]
fn unreadable_file() {
    fails_keeping_output(
        |s| {
            std::fs::write(
                s.root().join("content/guide/links.en.md"),
                b"+++\ntitle = \"L\xff\"\n+++\n",
            )
            .unwrap()
        },
        &["links.en.md:2:", "error[E0104]: file is not valid UTF-8"],
    );
}

#[test]
fn unknown_configuration_key() {
    fails_keeping_output(
        |s| {
            s.edit(
                "evidoc.toml",
                "default_language = \"zh\"",
                "default_language = \"zh\"\ntheme = \"dark\"",
            )
        },
        &["evidoc.toml:3:1: error[E0002]: unknown field `theme`"],
    );
}

#[test]
fn default_language_must_be_configured() {
    fails_keeping_output(
        |s| {
            s.edit(
                "evidoc.toml",
                "default_language = \"zh\"",
                "default_language = \"de\"",
            )
        },
        &["E0003", "zh, en"],
    );
}

#[test]
fn refuses_dangerous_output_folders() {
    let site = Site::fixture("basic");
    for output in [".", "/", "..", "content/public"] {
        site.run(&["build", "--output", output])
            .fails_with(&["E0005", "refusing"]);
    }
    assert!(site.root().join("content/_index.en.md").exists());
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let site = Site::fixture("basic");
    site.write("content/a.en.md", "no front matter\n");
    site.write("content/b.en.md", "+++\ntitle = 1\n+++\n");
    let run = site.build().fails_with(&["a.en.md:1:1", "b.en.md:2:9"]);
    assert!(run.stderr().contains("2 errors"), "{}", run.stderr());
}
