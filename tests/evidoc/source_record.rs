//! The default site keeps its record of the source honest: plots show whole labels, downloads keep
//! their sources and caveats, every stored field is shown, labels say no more than the source,
//! what does not come from the source is marked, and every disclosed note is listed in one place.

use crate::support::{Site, repo_root};

const LANGS: [&str; 2] = ["zh", "en"];

fn built() -> Site {
    let site = Site::default_site();
    site.build().success();
    site
}

/// Text of HTML: tags removed, entities decoded.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every HTML page of the output, as (path, text).
fn pages(site: &Site) -> Vec<(String, String)> {
    site.output()
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    s.split(open)
        .skip(1)
        .map(|part| part.split(close).next().unwrap())
        .collect()
}

#[test]
fn every_forest_plot_row_label_appears_in_full() {
    let site = built();
    let mut rows = 0;
    for (path, html) in pages(&site) {
        for row in between(&html, "<g class=\"forest-row\">", "</g>") {
            rows += 1;
            let title = text_of(between(row, "<title>", "</title>")[0]);
            let element = |class: &str| {
                let open = format!("<text class=\"{class}\"");
                let inner = between(row, &open, "</text>")[0];
                text_of(inner.split_once('>').unwrap().1)
            };
            let (name, detail) = (element("forest-label"), element("forest-detail"));
            assert_eq!(
                no_space(&format!("{name}·{detail}")),
                no_space(&title),
                "{path}: a row shows less than its label"
            );
            assert!(!row.contains('…'), "{path}: truncated label {title}");
        }
    }
    assert!(rows > 20, "only {rows} forest rows found");
    let en = site.read("en/comparison/index.html");
    assert!(en.contains(
        "<title>ATTRACTION-4 · Population not stated in the source · With liver metastasis · PFS</title>"
    ));
    for trial in ["attraction-4", "keynote-859"] {
        for lang in LANGS {
            let html = site.read(&format!("{lang}/trials/{trial}/index.html"));
            assert!(
                html.contains("<g class=\"forest-row\"><title>"),
                "{lang}/{trial}"
            );
        }
    }
}

/// The rows of a CSV file whose text contains `needle`.
fn csv_rows(site: &Site, path: &str, needle: &str) -> Vec<String> {
    site.read(path)
        .lines()
        .filter(|l| l.contains(needle))
        .map(str::to_string)
        .collect()
}

#[test]
fn csv_rows_carry_their_source_references_and_notes() {
    let site = built();
    let en = csv_rows(
        &site,
        "en/trials/keynote-811/adverse-events-table.csv",
        "Anaemia",
    );
    assert_eq!(en.len(), 2, "{en:?}");
    for row in &en {
        assert!(
            row.contains("[10]") && row.contains("more anaemia"),
            "{row}"
        );
    }
    let zh = csv_rows(
        &site,
        "zh/trials/keynote-811/adverse-events-table.csv",
        "贫血",
    );
    assert!(
        zh.iter()
            .all(|r| r.contains("[10]") && r.contains("安慰剂组报告的贫血更多"))
    );
    for lang in LANGS {
        let rows = csv_rows(
            &site,
            &format!("{lang}/trials/keynote-859/hazard-ratios.csv"),
            ",0.75,",
        );
        assert_eq!(rows.len(), 2, "{lang}: {rows:?}");
        assert!(
            rows.iter()
                .all(|r| r.contains("[12]") && r.contains("0.83/0.73")),
            "{rows:?}"
        );
    }
    for (path, bytes) in site.output() {
        if !path.ends_with(".csv") {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let Some(source) = header.iter().position(|h| *h == "Source" || *h == "来源") else {
            continue;
        };
        for line in lines {
            let cell = line.split(',').nth(source).unwrap_or_default();
            assert!(cell.starts_with('['), "{path}: no source in {line}");
        }
    }
    let json = site.read("data/trials.json");
    assert!(json.contains("\"origins\"") && json.contains("\"notes\""));
}

/// Every scalar of a trial file, with the key it stands under and its parent key.
/// Tables of texts by language are one value (`text`); keys of tables are values too (`key`),
/// since per-arm figures are keyed by arm id.
fn scalars(value: &toml::Value, key: &str, parent: &str, out: &mut Vec<(String, String, String)>) {
    match value {
        toml::Value::Table(t) => {
            if t.keys().all(|k| k == "zh" || k == "en") && !t.is_empty() {
                out.push(("text".into(), key.into(), toml::to_string(t).unwrap()));
                return;
            }
            for (k, v) in t {
                scalars(v, k, key, out);
                if !matches!(v, toml::Value::Table(_) | toml::Value::Array(_)) {
                    out.push(("key".into(), key.into(), k.clone()));
                }
            }
        }
        toml::Value::Array(a) => a.iter().for_each(|v| scalars(v, key, parent, out)),
        v => out.push((parent.to_string(), key.to_string(), scalar_text(v))),
    }
}

fn scalar_text(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Float(f) => f.to_string(),
        other => other.to_string(),
    }
}

/// Keys whose values are names of the vocabulary, arms or bibliography: the page shows their
/// label, not the key.
fn label_of(vocab: &toml::Value, group: &str, key: &str, lang: &str) -> Option<String> {
    let vocab_group = match group {
        "population" => "populations",
        "subgroup" => "subgroups",
        "endpoint" => "endpoints",
        "event" => "events",
        "line" => "lines",
        "her2" => "her2",
        _ => return None,
    };
    vocab[vocab_group][key][lang].as_str().map(str::to_string)
}

fn arm_label(trial: &toml::Value, id: &str, lang: &str) -> String {
    if id == "all" {
        return if lang == "zh" {
            "全部患者"
        } else {
            "All patients"
        }
        .into();
    }
    trial["arms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"].as_str() == Some(id))
        .map(|a| a["label"][lang].as_str().unwrap().to_string())
        .unwrap_or_else(|| panic!("unknown arm {id}"))
}

const PER_ARM: [&str; 3] = ["medians", "rates", "percent"];

#[test]
fn every_field_of_the_trial_data_is_on_its_trial_page() {
    let site = built();
    let root = repo_root().join("content");
    let vocab: toml::Value =
        toml::from_str(&std::fs::read_to_string(root.join("vocabulary.toml")).unwrap()).unwrap();
    for entry in std::fs::read_dir(root.join("trials")).unwrap() {
        let path = entry.unwrap().path();
        let trial: toml::Value = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let id = trial["id"].as_str().unwrap();
        let mut values = Vec::new();
        scalars(&trial, "", "", &mut values);
        for lang in LANGS {
            let html = site.read(&format!("{lang}/trials/{id}/index.html"));
            let page = text_of(&html);
            for (parent, key, value) in &values {
                let want = expected(&vocab, &trial, parent, key, value, lang);
                if let Some(want) = want {
                    assert!(
                        page.contains(&want) || html.contains(&want),
                        "{lang}/trials/{id}: `{parent}.{key}` = {value:?} is not shown (looked for {want:?})"
                    );
                }
            }
        }
    }
}

/// What the page must contain for one scalar, or `None` for identifiers that only shape the page
/// (the trial id is its URL; citation keys become the numbered publications list).
fn expected(
    vocab: &toml::Value,
    trial: &toml::Value,
    parent: &str,
    key: &str,
    value: &str,
    lang: &str,
) -> Option<String> {
    if parent == "key" {
        return PER_ARM
            .contains(&key)
            .then(|| arm_label(trial, value, lang));
    }
    if parent == "text" {
        let text: toml::Value = toml::from_str(value).unwrap();
        return text[lang].as_str().map(str::to_string);
    }
    match key {
        "id" | "citations" => None,
        "population" | "subgroup" | "endpoint" | "event" | "line" | "her2" => {
            label_of(vocab, key, value, lang)
        }
        "source_refs" if value.parse::<u32>().is_ok() => Some(format!("[{value}]")),
        _ => Some(value.to_string()),
    }
}

#[test]
fn labels_say_no_more_than_the_source() {
    let site = built();
    let source = std::fs::read_to_string("/work/shared/source-article.txt").ok();
    if let Some(source) = &source {
        assert!(source.contains("反应率") && source.contains("随机患者组"));
    }
    let en = text_of(&site.read("en/trials/regonivo/index.html"));
    let zh = text_of(&site.read("zh/trials/regonivo/index.html"));
    assert!(en.contains("Response rate") && !en.contains("Objective response"));
    assert!(zh.contains("反应率") && !zh.contains("客观缓解率"));
    let ae = site.read("zh/trials/keynote-811/index.html");
    assert!(!ae.contains(">例数<") && ae.contains(">患者比例<"));
    let her2 = text_of(&site.read("zh/her2-negative/index.html"));
    assert!(her2.contains("在随机患者组（n = 1581）中") && !her2.contains("全部随机分组"));
    for trial in ["attraction-4", "keynote-859"] {
        let data = site.read_source(&format!("content/trials/{trial}.toml"));
        assert!(
            !data.contains("most literal") && !data.contains("最字面"),
            "{trial}: notes call the same reading 'most literal' and 'most plausible'"
        );
    }
}

#[test]
fn external_information_is_marked_on_trial_pages_and_references() {
    let site = built();
    for lang in LANGS {
        let html = site.read(&format!("{lang}/trials/attraction-4/index.html"));
        let facts = between(&html, "<dl class=\"facts\">", "</dl>")[0];
        let registration = between(facts, "NCT02746796</a>", "</dd>")[0];
        assert!(
            registration.contains("class=\"ext-mark\""),
            "{lang}: {registration}"
        );
        assert!(
            html.contains("class=\"provenance-legend\""),
            "{lang}: no legend"
        );
        let phase = between(facts, "</dt><dd>", "</dd>")[1];
        assert!(
            !phase.contains("ext-mark"),
            "{lang}: phase is from the source"
        );
        let refs = site.read(&format!("{lang}/references/index.html"));
        assert!(refs.contains("class=\"provenance-legend\""));
        for n in [2, 9, 10, 11, 12, 26, 31] {
            let item = between(&refs, &format!("<li id=\"ref-{n}\""), "</li>")[0];
            assert!(item.contains("class=\"inferred-mark\""), "{lang} [{n}]");
            assert!(item.contains("class=\"ext-mark\""), "{lang} [{n}]");
        }
        let item = between(&refs, "<li id=\"ref-1\"", "</li>")[0];
        assert!(
            !item.contains("inferred-mark"),
            "{lang}: [1] is not identified"
        );
    }
}

#[test]
fn notes_page_lists_every_note_of_the_data_and_every_section_note() {
    let site = built();
    let root = repo_root().join("content");
    for lang in LANGS {
        let page = text_of(&site.read(&format!("{lang}/source-notes/index.html")));
        let home = site.read(&format!("{lang}/index.html"));
        assert!(
            home.contains("source-notes/index.html"),
            "{lang}: home page links to it"
        );
        for entry in std::fs::read_dir(root.join("trials")).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let trial: toml::Value = toml::from_str(&text).unwrap();
            let mut values = Vec::new();
            scalars(&trial, "", "", &mut values);
            for (_, key, value) in values.iter().filter(|(p, _, _)| p == "text") {
                if key != "note" && key != "notes" {
                    continue;
                }
                let note: toml::Value = toml::from_str(value).unwrap();
                let note = note[lang].as_str().unwrap();
                assert!(page.contains(note), "{lang}: missing trial note {note}");
            }
        }
        let prefix = if lang == "zh" {
            "> 原文说明"
        } else {
            "> Source ambiguity"
        };
        let mut boxes = 0;
        for entry in std::fs::read_dir(&root).unwrap() {
            let path = entry.unwrap().path();
            if !path.to_string_lossy().ends_with(&format!(".{lang}.md")) {
                continue;
            }
            let md = std::fs::read_to_string(&path).unwrap();
            boxes += md.lines().filter(|l| l.starts_with(prefix)).count();
        }
        let section = page.split(if lang == "zh" {
            "各章节中的说明"
        } else {
            "In the sections"
        });
        let listed = section.last().unwrap().matches(&prefix[2..]).count();
        assert!(boxes > 10);
        assert_eq!(listed, boxes, "{lang}: every section note box is listed");
    }
}

#[test]
fn an_external_origin_is_marked_and_must_name_a_reference() {
    let site = Site::default_site();
    let rel = "content/trials/attraction-4.toml";
    site.edit(
        rel,
        "follow_up_months = 26.6\n",
        "follow_up_months = 26.6\norigin = \"kang2022\"\n",
    );
    site.build().success();
    let csv = site.read("en/trials/attraction-4/medians.csv");
    assert!(
        csv.lines()
            .any(|l| l.contains("17.45") && l.contains("[11] kang2022")),
        "{csv}"
    );
    let html = site.read("zh/trials/attraction-4/index.html");
    let medians = between(&html, "id=\"data-medians\"", "</figure>")[0];
    assert!(
        medians.contains("class=\"ext-mark\""),
        "the external row is marked"
    );
    site.edit(rel, "origin = \"kang2022\"", "origin = \"a guess\"");
    site.run(&["check"])
        .fails_with(&["E0412", "origin `a guess` is not a reference"]);
}
