//! The corpus of broken sites (tests/broken/, written by tests/make_broken.py): one per
//! diagnostic code, each asserting the exact code, file, line, column and message in the human,
//! JSON (validated against docs/diagnostics.schema.json) and GitHub formats.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::support::{Site, repo_root};

#[derive(Deserialize)]
struct Expect {
    base: String,
    code: String,
    severity: String,
    message: String,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
}

fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(repo_root().join("tests/broken"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    dirs
}

fn overlay(case: &Path, expect: &Expect) -> Site {
    let site = Site::fixture(&expect.base);
    for entry in walkdir::WalkDir::new(case)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let rel = entry
            .path()
            .strip_prefix(case)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if rel == "expect.toml" {
            continue;
        }
        match rel.strip_suffix(".delete") {
            Some(deleted) => std::fs::remove_file(site.root().join(deleted)).unwrap(),
            None => {
                let target = site.root().join(&rel);
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    site
}

#[test]
fn every_broken_site_reports_its_diagnostic_in_every_format() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("docs/diagnostics.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut failures = Vec::new();
    for case in cases() {
        let expect: Expect =
            toml::from_str(&std::fs::read_to_string(case.join("expect.toml")).unwrap()).unwrap();
        let site = overlay(&case, &expect);
        if let Err(why) = check_case(&site, &expect, &validator) {
            failures.push(format!(
                "{}: {why}",
                case.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn check_case(site: &Site, e: &Expect, validator: &jsonschema::Validator) -> Result<(), String> {
    let is_error = e.severity == "error";
    let human = site.run(&["check"]);
    let expected_code = if is_error { 1 } else { 0 };
    if human.code() != expected_code {
        return Err(format!(
            "exit code {} (expected {expected_code})\n{}",
            human.code(),
            human.stderr()
        ));
    }
    if !is_error && site.run(&["check", "--strict"]).code() != 1 {
        return Err("--strict does not fail on the warning".into());
    }
    let prefix = match (&e.file, e.line, e.column) {
        (Some(f), Some(l), Some(c)) => format!("{f}:{l}:{c}: {}[{}]: ", e.severity, e.code),
        (Some(f), _, _) => format!("{f}: {}[{}]: ", e.severity, e.code),
        _ => format!("{}[{}]: ", e.severity, e.code),
    };
    let stderr = human.stderr();
    if !stderr
        .lines()
        .any(|l| l.starts_with(&prefix) && l.contains(&e.message))
    {
        return Err(format!(
            "human output lacks `{prefix}…{}`:\n{stderr}",
            e.message
        ));
    }
    let json_run = site.run(&["check", "--format", "json"]);
    let json: serde_json::Value =
        serde_json::from_str(&json_run.stdout()).map_err(|err| format!("invalid JSON: {err}"))?;
    if let Some(error) = validator.iter_errors(&json).next() {
        return Err(format!("JSON does not match the schema: {error}"));
    }
    let found = json["diagnostics"].as_array().unwrap().iter().any(|d| {
        d["code"] == e.code.as_str()
            && d["severity"] == e.severity.as_str()
            && d["file"].as_str() == e.file.as_deref()
            && d["line"].as_u64().map(|n| n as usize) == e.line
            && d["column"].as_u64().map(|n| n as usize) == e.column
            && d["message"]
                .as_str()
                .is_some_and(|m| m.contains(&e.message))
    });
    if !found {
        return Err(format!("JSON lacks the diagnostic:\n{}", json_run.stdout()));
    }
    let github = site.run(&["check", "--format", "github"]).stdout();
    let mut props = Vec::new();
    if let Some(f) = &e.file {
        props.push(format!("file={f}"));
    }
    if let (Some(l), Some(c)) = (e.line, e.column) {
        props.push(format!("line={l},col={c}"));
    }
    let start = format!("::{} {},title={} ", e.severity, props.join(","), e.code);
    let start = start.replace(" ,title", " title");
    if !github
        .lines()
        .any(|l| l.starts_with(&start) && l.contains(&e.message.replace('%', "%25")))
    {
        return Err(format!("GitHub output lacks `{start}…`:\n{github}"));
    }
    Ok(())
}

#[test]
fn every_code_has_a_broken_site() {
    let covered: Vec<String> = cases()
        .iter()
        .map(|c| c.file_name().unwrap().to_string_lossy()[..5].to_string())
        .collect();
    // Output-folder problems need `build` (tests in bad_input.rs and hardening.rs), deep
    // nesting needs 33 folders (hardening.rs); external links need a server
    // (tests in external.rs). `evidoc init` and `evidoc new` refuse a non-empty folder and an
    // existing page (tests in scaffold.rs: init_refuses_a_non_empty_folder, new_page_in_every_language).
    // The PDF errors come from `evidoc pdf` itself (tests in print.rs:
    // pdf_without_a_browser_fails_with_an_install_hint, pdf_errors_of_the_browser_and_output).
    // The search index is built by `build` only: W0801 is tested in search.rs
    // (a_template_without_search_marks_warns), E0801 (Pagefind itself failing) by the unit
    // test output::search::tests::a_failed_index_is_an_error_naming_the_way_out.
    let elsewhere = [
        "E0005", "E0006", "E0007", "E0106", "E0308", "E0602", "E0603", "E0604", "E0801", "E0902",
        "E0903", "W0801",
        // `evidoc serve`'s own errors, not a site's: serve::a_port_in_use_is_a_clear_error (E0701),
        // serve::an_address_not_of_this_machine_cannot_be_listened_on (E0702),
        // serve::a_missing_site_folder_cannot_be_watched (E0703), serve::a_public_address_is_warned_about (W0701).
        "E0701", "E0702", "E0703", "W0701",
    ];
    for (code, name) in evidoc::diagnostics::report::CODES {
        assert!(
            covered.iter().any(|c| c == code) || elsewhere.contains(code),
            "no broken site for {code} {name}"
        );
    }
}

/// `check` renders pages without highlighting code (it only reads their links and anchors) and
/// writes nothing: it must still report exactly what `build` reports, on every broken site.
#[test]
fn check_reports_what_build_reports() {
    let diagnostics = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.contains("error[") || l.contains("warning["))
            .map(str::to_string)
            .collect()
    };
    let mut differ = Vec::new();
    for case in cases() {
        let expect: Expect =
            toml::from_str(&std::fs::read_to_string(case.join("expect.toml")).unwrap()).unwrap();
        let site = overlay(&case, &expect);
        let check = diagnostics(&site.run(&["check"]).stderr());
        let build = diagnostics(&site.build().stderr());
        assert!(!check.is_empty(), "{}: check found nothing", case.display());
        if check != build {
            differ.push(format!(
                "{}:\ncheck: {check:#?}\nbuild: {build:#?}",
                case.display()
            ));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n\n"));
}
