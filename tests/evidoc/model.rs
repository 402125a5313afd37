//! The site model and its renderers on their own: a page rendered alone is the page of a full
//! build; a build into memory holds the files of a build on disk; and the default site's output
//! is, byte for byte, the one recorded in tests/expected/default-site.sha1.

use std::collections::BTreeMap;
use std::path::Path;

use sha1::{Digest, Sha1};

use evidoc::build::{BuildOptions, load_site, render_site};
use evidoc::diagnostics::Diagnostics;
use evidoc::output::web::render_page;
use evidoc::site::Site as Model;
use evidoc::write::memory::MemoryStore;

use crate::support::{Site, repo_root};

fn model(root: &Path) -> Model {
    let mut diags = Diagnostics::default();
    let opts = BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let sources = load_site(&opts, &mut diags).expect("the default site loads");
    let model = Model::resolve(sources, &mut diags);
    assert_eq!(diags.error_count(), 0, "{:?}", diags.items);
    model
}

#[test]
fn one_page_rendered_alone_is_the_page_of_a_full_build() {
    let site = Site::default_site();
    site.build().success();
    let built = site.output();
    let model = model(site.root());
    let comparison = model
        .page("comparison.md")
        .expect("the default site has comparison.md");
    let files = render_page(&model, comparison, "en").unwrap();
    assert_eq!(files[0].path, "en/comparison/index.html");
    assert!(
        files.len() > 1,
        "the page's comparison tables come with their CSV files"
    );
    let mut compared = 0;
    for &id in &model.order {
        for lang in ["zh", "en"] {
            for file in render_page(&model, id, lang).unwrap() {
                let expected = built
                    .get(&file.path)
                    .unwrap_or_else(|| panic!("{} not built", file.path));
                assert!(
                    *expected == file.bytes,
                    "{} differs from the full build",
                    file.path
                );
                compared += 1;
            }
        }
    }
    assert!(compared > 60, "only {compared} files compared");
}

#[test]
fn a_build_into_memory_holds_the_files_of_a_build_on_disk() {
    let site = Site::default_site();
    site.build().success();
    let mut on_disk = site.output();
    on_disk.remove(".evidoc-output");
    let mut diags = Diagnostics::default();
    let opts = BuildOptions {
        root: site.root().to_path_buf(),
        ..Default::default()
    };
    let sources = load_site(&opts, &mut diags).unwrap();
    let store = MemoryStore::default();
    let (_, targets) = render_site(sources, &mut diags, &store);
    let paths = targets.paths();
    assert_eq!(diags.error_count(), 0);
    let in_memory: BTreeMap<String, Vec<u8>> = store
        .files()
        .into_iter()
        .map(|(path, bytes)| (path, bytes.to_vec()))
        .collect();
    assert_eq!(paths, in_memory.keys().cloned().collect::<Vec<_>>());
    assert_eq!(in_memory.len(), on_disk.len());
    for (path, bytes) in &on_disk {
        assert!(
            in_memory.get(path) == Some(bytes),
            "{path} differs in memory"
        );
    }
}

const RECORDED: &str = "tests/expected/default-site.sha1";

/// Whoever changes the default site's output on purpose records the new output with
/// `EVIDOC_BLESS=1 cargo test default_site_output`, and the diff of the recording shows which
/// files changed.
#[test]
fn default_site_output_is_the_recorded_output() {
    let site = Site::default_site();
    site.build().success();
    let listing: String = site
        .output()
        .iter()
        .map(|(path, bytes)| format!("{:x}  ./{path}\n", Sha1::digest(bytes)))
        .collect();
    let recorded_path = repo_root().join(RECORDED);
    if std::env::var_os("EVIDOC_BLESS").is_some() {
        std::fs::write(&recorded_path, &listing).unwrap();
        return;
    }
    let recorded = std::fs::read_to_string(&recorded_path).unwrap();
    let differing: Vec<&str> = diff_lines(&recorded, &listing);
    assert!(
        differing.is_empty(),
        "the default site's output changed ({} lines differ from {RECORDED}; \
         run EVIDOC_BLESS=1 cargo test default_site_output if that is intended):\n{}",
        differing.len(),
        differing
            .iter()
            .take(20)
            .copied()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Lines in one listing and not in the other.
fn diff_lines<'a>(a: &'a str, b: &'a str) -> Vec<&'a str> {
    let (a_lines, b_lines): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    a_lines
        .iter()
        .filter(|l| !b_lines.contains(l))
        .chain(b_lines.iter().filter(|l| !a_lines.contains(l)))
        .copied()
        .collect()
}
