//! Trial data: typed once, rendered everywhere, validated at file:line.

use crate::support::Site;

#[test]
fn trial_pages_and_index_exist_in_every_language() {
    let site = Site::fixture("trials");
    site.build().success();
    for lang in ["zh", "en"] {
        let page = site.read(&format!("{lang}/trials/alpha/index.html"));
        assert!(page.contains("ALPHA-1"));
        assert!(page.contains("NCT00000001"));
        let index = site.read(&format!("{lang}/trials/index.html"));
        assert!(index.contains("ALPHA-1") && index.contains("BETA"));
    }
    assert!(
        site.read("en/trials/alpha/index.html")
            .contains("Study drug (n = 100)")
    );
    assert!(
        site.read("zh/trials/alpha/index.html")
            .contains("试验药 (n = 100)")
    );
}

#[test]
fn figures_are_printed_exactly_as_written() {
    let site = Site::fixture("trials");
    site.build().success();
    let en = site.read("en/results/index.html");
    assert!(en.contains("13.1 months"), "median with unit");
    assert!(en.contains("0.71 (95% CI 0.59–0.86)"), "hr with its CI");
    assert!(en.contains(">1.00<"), "1.00 keeps its decimals: {en}");
    assert!(en.contains("39.7%"));
    let zh = site.read("zh/results/index.html");
    assert!(zh.contains("13.1 个月"));
}

#[test]
fn missing_values_show_as_not_reported_never_zero() {
    let site = Site::fixture("trials");
    site.build().success();
    let en = site.read("en/trials/alpha/index.html");
    assert!(
        en.contains("not reported"),
        "placebo median without liver metastasis is not reported"
    );
    assert!(site.read("zh/trials/alpha/index.html").contains("未报告"));
}

#[test]
fn changing_one_value_changes_every_table_plot_and_sentence_in_both_languages() {
    let site = Site::fixture("trials");
    site.build().success();
    let count = |text: &str, needle: &str| text.matches(needle).count();
    let pages = [
        "results/index.html",
        "trials/alpha/index.html",
        "trials/index.html",
    ];
    let before: Vec<usize> = ["zh", "en"]
        .iter()
        .flat_map(|l| pages.iter().map(move |p| (l, p)))
        .map(|(l, p)| count(&site.read(&format!("{l}/{p}")), "0.71"))
        .collect();
    assert!(
        before.iter().all(|&n| n > 0),
        "0.71 appears on every page: {before:?}"
    );
    site.edit("content/trials/alpha.toml", "hr = 0.71", "hr = 0.66");
    site.edit(
        "content/trials/alpha.toml",
        "ci = [0.59, 0.86]",
        "ci = [0.55, 0.80]",
    );
    site.build().success();
    for lang in ["zh", "en"] {
        for page in pages {
            let html = site.read(&format!("{lang}/{page}"));
            assert!(
                !html.contains("0.71"),
                "{lang}/{page} still shows the old value"
            );
            assert!(html.contains("0.66"), "{lang}/{page} lacks the new value");
        }
        assert!(
            site.read(&format!("{lang}/results/hr-table.csv"))
                .contains("0.66")
        );
        assert!(
            site.read(&format!("{lang}/results/index.html"))
                .contains("<svg class=\"forest\"")
        );
    }
    assert!(site.read("data/trials.json").contains("0.66"));
}

#[test]
fn comparison_tables_are_sortable_and_downloadable() {
    let site = Site::fixture("trials");
    site.build().success();
    let html = site.read("en/results/index.html");
    assert!(html.contains(r#"<table class="sortable">"#));
    assert!(html.contains("<caption>Hazard ratios by liver metastasis</caption>"));
    assert!(html.contains(r#"href="hr-table.csv" download"#));
    let csv = site.read("en/results/hr-table.csv");
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    assert_eq!(
        lines.next(),
        Some("Trial,Population,Subgroup,Endpoint,HR,Source,Note")
    );
    assert!(csv.contains("ALPHA-1,Intention-to-treat,With liver metastasis,Overall survival (OS),0.71 (95% CI 0.59–0.86)"));
}

#[test]
fn forest_plot_is_accessible_and_has_its_numbers_as_a_table() {
    let site = Site::fixture("trials");
    site.build().success();
    let html = site.read("zh/results/index.html");
    let svg = &html[html.find("<svg class=\"forest\"").unwrap()..];
    assert!(
        svg.contains("role=\"img\"")
            && svg.contains("<title id=\"data-hr-forest-title\">风险比</title>")
            && svg.contains("<desc")
    );
    assert!(
        svg.contains("forest-ci"),
        "the result with a CI has whiskers"
    );
    assert!(
        svg.contains("forest-point-only"),
        "the result without a CI is a plain point"
    );
    assert!(html.contains("forest-null"), "a line at 1");
    assert!(site.exists("zh/results/hr-forest-data.csv"));
}

#[test]
fn trial_pages_link_back_to_the_sections_that_discuss_them() {
    let site = Site::fixture("trials");
    site.build().success();
    let page = site.read("en/trials/alpha/index.html");
    assert!(
        page.contains(r#"<a href="../../../en/results/index.html">Results</a>"#),
        "{page}"
    );
}

fn data_error(edit: impl FnOnce(&Site), needles: &[&str]) {
    let site = Site::fixture("trials");
    edit(&site);
    site.build().fails_with(needles);
}

#[test]
fn unknown_field() {
    data_error(
        |s| {
            s.edit(
                "content/trials/alpha.toml",
                "phase = \"3\"",
                "phase = \"3\"\nsponsor = \"x\"",
            )
        },
        &["alpha.toml:5:1: error[E0401]: unknown field `sponsor`"],
    );
}

#[test]
fn wrong_type() {
    data_error(
        |s| s.edit("content/trials/alpha.toml", "hr = 0.71", "hr = \"0.71\""),
        &["alpha.toml:", "error[E0401]", "expected"],
    );
}

#[test]
fn hazard_ratio_must_be_positive() {
    data_error(
        |s| s.edit("content/trials/alpha.toml", "hr = 1.00", "hr = 0"),
        &["alpha.toml:34:6: error[E0405]: hazard ratio 0 must be greater than 0"],
    );
}

#[test]
fn ci_must_contain_the_estimate() {
    data_error(
        |s| {
            s.edit(
                "content/trials/alpha.toml",
                "ci = [0.59, 0.86]",
                "ci = [0.75, 0.86]",
            )
        },
        &["alpha.toml:26:6: error[E0406]", "[0.75, 0.86]"],
    );
}

#[test]
fn percentage_within_0_to_100() {
    data_error(
        |s| s.edit("content/trials/alpha.toml", "drug = 39.7", "drug = 139.7"),
        &["alpha.toml:39:20: error[E0407]: percentage 139.7 is outside 0–100"],
    );
}

#[test]
fn median_not_negative() {
    data_error(
        |s| s.edit("content/trials/alpha.toml", "drug = 15.5", "drug = -15.5"),
        &["alpha.toml:33:20: error[E0408]: -15.5 is negative"],
    );
}

#[test]
fn unknown_population_and_endpoint() {
    data_error(
        |s| {
            s.edit(
                "content/trials/beta.toml",
                "population = \"itt\"",
                "population = \"cps5\"",
            );
            s.edit(
                "content/trials/beta.toml",
                "endpoint = \"orr\"",
                "endpoint = \"dfs\"",
            );
        },
        &[
            "beta.toml:5:14: error[E0403]: unknown population name `cps5`",
            "use one of: itt",
            "beta.toml:6:12: error[E0403]: unknown endpoint name `dfs`",
        ],
    );
}

#[test]
fn unknown_arm() {
    data_error(
        |s| {
            s.edit(
                "content/trials/alpha.toml",
                "placebo = 9.8",
                "control = 9.8",
            )
        },
        &[
            "alpha.toml:24:26: error[E0404]: unknown arm `control`",
            "drug, placebo",
        ],
    );
}

#[test]
fn duplicate_trial_id() {
    data_error(
        |s| {
            s.write(
                "content/trials/gamma.toml",
                "id = \"alpha\"\nname = \"Copy\"\n",
            )
        },
        &["gamma.toml:1:6: error[E0402]: duplicate trial id `alpha`"],
    );
}

#[test]
fn shortcode_naming_a_missing_result() {
    data_error(
        |s| {
            s.edit(
                "content/results.en.md",
                "endpoint=\"os\", arm=\"drug\")",
                "endpoint=\"pfs\", arm=\"drug\")",
            )
        },
        &[
            "results.en.md:8:",
            "error[E0411]: ALPHA-1 has no result for population `itt`, subgroup `liver_met` and endpoint `pfs`",
        ],
    );
}

#[test]
fn source_references_link_to_the_cited_entry_by_number_or_key() {
    let site = Site::fixture("trials");
    site.edit(
        "content/trials/alpha.toml",
        "source_refs = [2]",
        "source_refs = [\"ref2\"]",
    );
    site.build().success();
    let page = site.read("en/trials/alpha/index.html");
    assert!(
        page.contains(
            r#"<sup class="cite">[<a href="../../../en/references/index.html#ref-2">2</a>]</sup>"#
        ),
        "key ref2 is cited second"
    );
    assert!(
        page.contains(
            r#"<sup class="cite">[<a href="../../../en/references/index.html#ref-1">1</a>]</sup>"#
        ),
        "number 1 is the first reference"
    );
    assert!(
        !page.contains("id=\"cite-"),
        "data references are not citing places"
    );
}
