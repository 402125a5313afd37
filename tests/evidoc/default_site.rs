//! The repository's own review: its figures match the source article, its trial mentions link
//! to trial pages, and its data drives every table, plot and sentence.

use crate::support::Site;

pub const SECTIONS: [&str; 8] = [
    "abstract",
    "introduction",
    "her2-positive",
    "her2-negative",
    "msi-h-dmmr",
    "oligometastatic",
    "liver-metastasis",
    "conclusion",
];

/// The article part of a page without links, headings and generated tables.
fn unlinked_text(html: &str) -> String {
    let start = html.find("<div class=\"content\">").unwrap();
    let end = html[start..]
        .find("</article>")
        .map_or(html.len(), |e| start + e);
    let mut text = html[start..end].to_string();
    for (open, close) in [
        ("<a ", "</a>"),
        ("<h2", "</h2>"),
        ("<h3", "</h3>"),
        ("<figure", "</figure>"),
    ] {
        while let Some(i) = text.find(open) {
            let j = text[i..]
                .find(close)
                .map_or(text.len(), |j| i + j + close.len());
            text.replace_range(i..j, " ");
        }
    }
    text
}

#[test]
fn every_trial_mention_links_to_its_trial_page() {
    let site = Site::default_site();
    site.build().success();
    let names = [
        "ToGA",
        "KEYNOTE-811",
        "ATTRACTION-4",
        "ATTRACTION-2",
        "CheckMate 649",
        "CheckMate-032",
        "KEYNOTE-859",
        "KEYNOTE-012",
        "KEYNOTE-059",
        "KEYNOTE-061",
        "KEYNOTE-062",
        "REGONIVO",
        "Liu et al.",
        "Liu 等人",
    ];
    for lang in ["zh", "en"] {
        for section in SECTIONS {
            let html = site.read(&format!("{lang}/{section}/index.html"));
            let text = unlinked_text(&html);
            for name in names {
                assert!(
                    !text.contains(name),
                    "{lang}/{section}: `{name}` is mentioned without a link"
                );
            }
        }
    }
    let cm = site.read("en/trials/checkmate-649/index.html");
    assert!(
        cm.contains(">HER2-negative tumours</a>"),
        "trial pages link back to the sections that discuss them"
    );
}

#[test]
fn trial_pages_and_comparison_show_the_source_figures() {
    let site = Site::default_site();
    site.build().success();
    let cm = site.read("en/trials/checkmate-649/index.html");
    for figure in [
        "13.1 months",
        "9.8 months",
        "15.5 months",
        "12.5 months",
        "14.2 months",
        "407 of 955",
        "614 of 1581",
        ">0.71",
        ">0.68",
    ] {
        assert!(cm.contains(figure), "CheckMate 649 page lacks {figure}");
    }
    let att = site.read("zh/trials/attraction-4/index.html");
    for figure in [
        "10.45 个月",
        "8.34 个月",
        "17.45 个月",
        "17.15 个月",
        ">0.59",
        ">0.79",
        ">0.76",
        ">1.00",
        "36%",
        "25%",
        "14%",
    ] {
        assert!(att.contains(figure), "ATTRACTION-4 page lacks {figure}");
    }
    let kn = site.read("en/trials/keynote-859/index.html");
    for figure in [
        "12.9 months",
        "11.5 months",
        "13.0 months",
        "11.4 months",
        "15.7 months",
        "11.8 months",
        ">0.78",
        ">0.83",
        ">0.73",
        ">0.75",
        ">0.69",
        "39.7%",
        "39.4%",
        "2023-11",
    ] {
        assert!(kn.contains(figure), "KEYNOTE-859 page lacks {figure}");
    }
    for lang in ["zh", "en"] {
        let cmp = site.read(&format!("{lang}/comparison/index.html"));
        for figure in [
            ">0.59", ">0.79", ">0.76", ">1.00", ">0.83", ">0.73", ">0.69", "41.7%", "80%", "58%",
            "51%",
        ] {
            assert!(cmp.contains(figure), "{lang} comparison lacks {figure}");
        }
        assert!(cmp.contains("<svg class=\"forest\""));
    }
    let regonivo = site.read("en/trials/regonivo/index.html");
    assert!(regonivo.contains("41.7%") && regonivo.contains("80%"));
    assert!(
        site.read("en/trials/keynote-811/index.html")
            .contains("not reported"),
        "an arm without a figure says so"
    );
}

#[test]
fn one_changed_value_changes_every_table_plot_and_sentence() {
    let site = Site::default_site();
    site.build().success();
    let pages = [
        "her2-negative/index.html",
        "comparison/index.html",
        "trials/keynote-859/index.html",
    ];
    for lang in ["zh", "en"] {
        for page in pages {
            assert!(
                site.read(&format!("{lang}/{page}")).contains("0.69"),
                "{lang}/{page} should show 0.69 first"
            );
        }
    }
    site.edit("content/trials/keynote-859.toml", "hr = 0.69", "hr = 0.67");
    site.run(&["build", "--strict"]).success();
    for lang in ["zh", "en"] {
        for page in pages {
            let html = site.read(&format!("{lang}/{page}"));
            assert!(!html.contains("0.69"), "{lang}/{page} still shows 0.69");
            assert!(html.contains("0.67"), "{lang}/{page} does not show 0.67");
        }
        assert!(
            site.read(&format!("{lang}/comparison/forest-liver-met-data.csv"))
                .contains("0.67")
        );
    }
    assert!(site.read("data/trials.json").contains("0.67"));
}
