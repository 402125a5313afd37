//! Regression tests for the hardening issue: each is named after the bug it guards and failed on
//! the main branch before the fix.

use std::path::Path;

use crate::support::Site;

/// Files anywhere under `dir` whose name contains `needle`.
fn files_named(dir: &Path, needle: &str) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(needle))
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn slug_cannot_write_outside_the_output() {
    let outer = tempfile::tempdir().unwrap();
    let site_dir = outer.path().join("a/b/c/site");
    std::fs::create_dir_all(&site_dir).unwrap();
    let site = Site::fixture("basic");
    crate::support::copy_dir(site.root(), &site_dir);
    for lang in ["en", "zh"] {
        let rel = format!("content/guide/markdown.{lang}.md");
        let text = std::fs::read_to_string(site_dir.join(&rel)).unwrap();
        let text = text.replacen("+++\n", "+++\nslug = \"../../../../escape-xyz\"\n", 1);
        std::fs::write(site_dir.join(&rel), text).unwrap();
    }
    let run = assert_cmd::Command::cargo_bin("evidoc")
        .unwrap()
        .current_dir(&site_dir)
        .arg("build")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/guide/markdown.en.md:2:1: error[E0105]")
            && err.contains("help: use letters, digits"),
        "{err}"
    );
    assert!(
        files_named(outer.path(), "escape-xyz").is_empty(),
        "a file was written outside the output"
    );
}

#[test]
fn unsafe_names_are_refused_everywhere_they_become_paths() {
    let cases: &[(&str, &str, &str, &[&str])] = &[
        // (file, from, to, expected)
        (
            "content/trials/alpha.toml",
            "id = \"alpha\"",
            "id = \"..\"",
            &[
                "content/trials/alpha.toml:",
                "error[E0105]: trial id `..` cannot be used in a URL",
            ],
        ),
        (
            "content/results.en.md",
            "id=\"",
            "id=\"../x",
            &["error[E0411]: `id=\"../x", "cannot name a file"],
        ),
    ];
    for (file, from, to, expected) in cases {
        let site = Site::fixture("trials");
        if !site.read_source(file).contains(from) {
            panic!("{file} lacks {from}");
        }
        site.edit(file, from, to);
        site.run(&["check"]).fails_with(expected);
    }
    for name in ["a b", "x%y", "con", "tab\tname"] {
        let site = Site::fixture("basic");
        site.write(
            &format!("content/{name}.en.md"),
            "+++\ntitle = \"T\"\n+++\n",
        );
        site.run(&["check"])
            .fails_with(&["error[E0105]", "cannot be part of a URL"]);
    }
}

#[test]
fn writer_refuses_paths_outside_its_root() {
    use evidoc::output::{OutputFile, Sink};
    let dir = tempfile::tempdir().unwrap();
    let staging = evidoc::write::disk::Staging::create(&dir.path().join("out")).unwrap();
    for path in [
        "../evil.html",
        "a/../../evil.html",
        "/tmp/evil.html",
        "a\\..\\evil.html",
    ] {
        let file = OutputFile {
            path: path.into(),
            bytes: b"x".to_vec(),
        };
        let err = staging.put(&file).expect_err(path);
        assert_eq!(err.code, "E0006");
    }
    staging.abandon();
    assert!(files_named(dir.path(), "evil").is_empty());
}

#[test]
fn output_folder_with_user_files_is_not_deleted() {
    let site = Site::fixture("basic");
    site.write("thesis/thesis.docx", "my thesis");
    site.run(&["build", "--output", "thesis"]).fails_with(&[
        "error[E0007]: refusing to replace `thesis`: it holds files evidoc did not write (`thesis.docx`)",
        "--force",
    ]);
    assert_eq!(site.read_source("thesis/thesis.docx"), "my thesis");
    site.run(&["build", "--output", "thesis", "--force"])
        .success();
    assert!(!site.root().join("thesis/thesis.docx").exists());
    assert!(site.root().join("thesis/.evidoc-output").is_file());
}

#[test]
fn output_that_is_a_file_is_not_replaced() {
    let site = Site::fixture("basic");
    site.write("notes.txt", "keep me");
    for args in [
        &["build", "--output", "notes.txt"][..],
        &["build", "--output", "notes.txt", "--force"],
    ] {
        site.run(args)
            .fails_with(&["error[E0007]", "it is not a folder"]);
        assert_eq!(site.read_source("notes.txt"), "keep me");
    }
}

#[test]
fn evidoc_replaces_its_own_output_and_empty_folders() {
    let site = Site::fixture("basic");
    std::fs::create_dir_all(site.public()).unwrap();
    site.build().success();
    assert!(site.exists(".evidoc-output"));
    site.build().success();
    let help = site.run(&["build", "--help"]).success().stdout();
    assert!(help.contains("--force"), "{help}");
}

#[test]
fn windows_line_endings_and_bom_build_identically() {
    let plain = Site::default_site();
    plain.build().success();
    let windows = Site::default_site();
    let mut converted = 0;
    for entry in walkdir::WalkDir::new(windows.root()) {
        let entry = entry.unwrap();
        let path = entry.path();
        let is_text = path
            .extension()
            .is_some_and(|e| ["md", "toml", "yaml", "html"].contains(&e.to_str().unwrap()));
        if entry.file_type().is_file() && is_text {
            let text = std::fs::read_to_string(path).unwrap();
            let crlf = format!(
                "\u{feff}{}",
                text.replace("\r\n", "\n").replace('\n', "\r\n")
            );
            std::fs::write(path, crlf).unwrap();
            converted += 1;
        }
    }
    assert!(converted > 40, "only {converted} files converted");
    assert!(windows.read_source("evidoc.toml").starts_with('\u{feff}'));
    windows.build().success();
    let (a, b) = (plain.output(), windows.output());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(
            bytes == &b[path],
            "{path} differs between LF and CRLF+BOM sources"
        );
    }
    windows.run(&["check", "--strict"]).success();
}

#[test]
fn comparison_tables_do_not_share_ids_with_headings() {
    let site = Site::default_site();
    site.build().success();
    for lang in ["zh", "en"] {
        let html = site.read(&format!("{lang}/comparison/index.html"));
        for id in ["adverse-events", "response-rates", "liver-metastasis-share"] {
            let count = html.matches(&format!("id=\"{id}\"")).count();
            assert_eq!(count, 1, "{lang}: id {id} appears {count} times");
            assert!(html.contains(&format!("id=\"data-{id}\"")));
        }
    }
}

#[test]
fn duplicate_ids_on_a_page_are_errors() {
    let site = Site::fixture("basic");
    site.edit(
        "content/guide/markdown.en.md",
        "+++\n\n",
        "+++\n\n<span id=\"twice\"></span>\n\n## Twice {#twice}\n\n",
    );
    site.run(&["check"])
        .fails_with(&["en/guide/markdown/index.html: error[E0309]: the id `twice` is used twice"]);
}

#[test]
fn unknown_language_keys_are_errors() {
    let site = Site::fixture("basic");
    let config = site.read_source("evidoc.toml");
    let config = if config.contains("[credit]") {
        config.replacen("[credit]\n", "[credit]\nbase_ulr = \"x\"\n", 1)
    } else {
        format!("{config}\n[credit]\nen = \"c\"\nbase_ulr = \"x\"\n")
    };
    site.write("evidoc.toml", &config);
    site.run(&["check"]).fails_with(&[
        "evidoc.toml:",
        "error[E0102]: `base_ulr` in credit is not a configured language",
    ]);
    let site = Site::fixture("trials");
    let vocabulary = site.read_source("content/vocabulary.toml");
    let at = vocabulary.find("en = ").expect("an English label");
    site.write(
        "content/vocabulary.toml",
        &format!("{}ne = \"typo\"\n{}", &vocabulary[..at], &vocabulary[at..]),
    );
    site.run(&["check"]).fails_with(&[
        "content/vocabulary.toml:",
        "error[E0102]: `ne` in this text is not a configured language",
        "did you mean `en`?",
    ]);
}

#[test]
fn never_marked_translations_are_warnings() {
    let site = Site::default_site();
    let page = "content/her2-negative.en.md";
    let text = site.read_source(page);
    let untracked: String = text
        .lines()
        .filter(|l| !l.starts_with("source_hash"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(text, untracked, "the page should have been marked current");
    site.write(page, &untracked);
    site.run(&["check"]).success();
    site.run(&["check", "--strict"]).fails_with(&[
        "content/her2-negative.en.md:1:1: warning[W0302]",
        "evidoc translations --mark-current her2-negative.md",
    ]);
    site.run(&["translations", "--mark-current", "her2-negative.md"])
        .success();
    site.run(&["check", "--strict"]).success();
}

#[test]
fn shortcode_inside_inline_code_stays_literal() {
    let site = Site::fixture("trials");
    let page = "content/results.en.md";
    let text = site.read_source(page);
    site.write(
        page,
        &format!(
            "{text}\nA lone \\` then `{{{{ fig(trial=\"alpha\", value=\"x\") }}}}` is syntax.\n"
        ),
    );
    site.build().success();
    let html = site.read("en/results/index.html");
    assert!(
        html.contains("<code>{{ fig(trial=\"alpha\", value=\"x\") }}</code>"),
        "the shortcode was not kept literally"
    );
}

#[test]
fn columns_count_characters_of_the_original_line() {
    let site = Site::fixture("basic");
    let zh = "+++\ntitle = \"数字\"\n+++\n\n中位数为１３．１个月，另一组为 9.5 个月。\n";
    site.write("content/figures.zh.md", zh);
    site.write(
        "content/figures.en.md",
        "+++\ntitle = \"Figures\"\n+++\n\nMedian 13.1 months, the other 9.8 months.\n",
    );
    let json = site.run(&["check", "--format", "json"]).stdout();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let warning = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "W0207" && d["file"].as_str().unwrap().ends_with("figures.en.md"))
        .unwrap_or_else(|| panic!("no figure-parity warning: {json}"));
    let located = warning["related"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["file"].as_str().unwrap().ends_with("figures.zh.md"))
        .expect("the Chinese place of the figure")
        .clone();
    assert_eq!(located["line"], 5);
    let column = located["column"].as_u64().unwrap() as usize;
    let line = zh.lines().nth(4).unwrap();
    let at: String = line.chars().skip(column - 1).take(3).collect();
    assert_eq!(at, "9.5", "column {column} of {line}");
}

#[test]
fn symlink_loop_in_content_is_an_error_not_a_hang() {
    let site = Site::fixture("basic");
    std::os::unix::fs::symlink("..", site.root().join("content/guide/loop")).unwrap();
    site.run(&["check"])
        .fails_with(&["error[E0104]: cannot read the content folder", "loop"]);
}

#[test]
fn symlink_to_a_file_outside_the_content_is_not_published() {
    let site = Site::fixture("basic");
    site.write("secret.txt", "token=do-not-publish");
    std::os::unix::fs::symlink(
        site.root().join("secret.txt"),
        site.root().join("content/leak.en.md"),
    )
    .unwrap();
    site.build().fails_with(&[
        "content/leak.en.md: error[E0104]: symbolic link leads outside the content folder",
    ]);
    assert!(!site.public().exists());
}

#[test]
fn deep_folder_nesting_is_an_error_not_a_crash() {
    let site = Site::fixture("basic");
    // 20,000 levels: deeper than any path the OS can name at once, so created step by step.
    let made = std::process::Command::new("perl")
        .current_dir(site.root().join("content"))
        .args(["-e", "for (1..20000) { mkdir 'd' or die; chdir 'd' or die } open my $f, '>', 'x.en.md' or die; print $f qq(+++\\ntitle = \"X\"\\n+++\\n)"])
        .status()
        .unwrap();
    assert!(made.success());
    let run = site.run(&["check"]);
    // std's remove_dir_all recurses once per level: let rm take the tree down instead.
    let removed = std::process::Command::new("rm")
        .args(["-rf", "content/d"])
        .current_dir(site.root())
        .status()
        .unwrap();
    assert!(removed.success());
    run.fails_with(&["error[E0106]: content folders nest more than 32 levels deep"]);
}

#[test]
fn binary_file_named_md_is_an_error() {
    let site = Site::fixture("basic");
    let mut bytes = b"+++\ntitle = \"x\"\n+++\n".to_vec();
    bytes.extend((0..=255u8).cycle().take(4096));
    std::fs::write(site.root().join("content/image.en.md"), bytes).unwrap();
    site.run(&["check"])
        .fails_with(&["content/image.en.md:5:118: error[E0104]: file is not valid UTF-8 text"]);
    let shown = site.run(&["check"]).stderr();
    assert!(
        !shown.contains('\u{1b}'),
        "escape sequences of the file reached the terminal"
    );
}
