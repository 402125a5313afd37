//! Generated pages: one page per trial and a trials index per language, built from trial data.
//!
//! They are nodes of the content tree like any page (so navigation, previous/next, the language
//! switcher, hreflang and the sitemap treat them alike); only their body comes from data.

use std::collections::BTreeMap;

use crate::markup::highlight::escape_html;
use crate::markup::markdown::{REF_MARK, TocEntry};
use crate::markup::tables::{Cell, Table};
use crate::output::views::Link;
use crate::source::i18n::Strings;
use crate::source::i18n::localized;
use crate::trials::data::TrialData;
use crate::trials::datarefs::{DataEnv, forest_html};
use crate::trials::datatables::{Filter, TableEnv, TableKind, build_table};
use crate::trials::figures::{Fmt, external_mark};

/// The body of a generated page.
pub struct GeneratedBody {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub tables: Vec<Table>,
}

impl GeneratedBody {
    pub fn from_html(html: String) -> Self {
        GeneratedBody {
            html,
            toc: Vec::new(),
            tables: Vec::new(),
        }
    }
}

struct Builder {
    html: String,
    toc: Vec<TocEntry>,
    tables: Vec<Table>,
}

impl Builder {
    fn new() -> Self {
        Builder {
            html: String::new(),
            toc: Vec::new(),
            tables: Vec::new(),
        }
    }

    fn heading(&mut self, id: &str, title: &str) {
        self.toc.push(TocEntry {
            level: 2,
            id: id.to_string(),
            title: title.to_string(),
        });
        self.html.push_str(&format!(
            "<h2 id=\"{id}\">{}<a class=\"anchor\" href=\"#{id}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h2>\n",
            escape_html(title)
        ));
    }

    fn table(&mut self, mut table: Table, id: &str, caption: &str, strings: &Strings) {
        if table.rows.is_empty() {
            return;
        }
        table.id = id.to_string();
        table.caption = caption.to_string();
        self.html
            .push_str(&table.to_html(Some(&format!("{id}.csv")), &strings["download_csv"]));
        self.html.push('\n');
        self.tables.push(table);
    }

    fn finish(self) -> GeneratedBody {
        GeneratedBody {
            html: self.html,
            toc: self.toc,
            tables: self.tables,
        }
    }
}

/// A trial's page: overview, results, forest plot, liver metastasis, safety, approvals, notes,
/// where the review discusses it, and its publications.
pub fn trial_body(
    data: &TrialData,
    id: &str,
    env: &DataEnv,
    discussed_in: &[Link],
) -> GeneratedBody {
    let file = data
        .trials
        .iter()
        .find(|t| t.trial.id.get_ref() == id)
        .expect("trial nodes come from the data");
    let f = Fmt {
        file,
        data,
        lang: env.lang,
        strings: env.strings,
        root: env.root,
    };
    let s = env.strings;
    let t = &file.trial;
    let mut b = Builder::new();
    b.html.push_str(&crate::output::search::trial_names_html(
        &t.name, &t.aliases,
    ));
    b.heading("overview", &s["design"]);
    b.html.push_str(&overview(&f));
    let filter = Filter {
        trials: Some(vec![id.to_string()]),
        ..Default::default()
    };
    let table_env = TableEnv {
        data,
        lang: env.lang,
        strings: s,
        root: env.root,
        trial_column: false,
    };
    if !t.results.is_empty() {
        b.heading("results", &s["results"]);
        b.table(
            build_table(TableKind::HazardRatios, &filter, &table_env),
            "hazard-ratios",
            &s["hr"],
            s,
        );
        b.table(
            build_table(TableKind::Medians, &filter, &table_env),
            "medians",
            &s["results"],
            s,
        );
        b.table(
            build_table(TableKind::Rates, &filter, &table_env),
            "rates",
            &s["results"],
            s,
        );
        if t.results.iter().any(|r| r.hr.is_some()) {
            if let Ok((html, table)) = forest_html(
                &filter,
                env,
                "forest",
                &format!("{} · {}", t.name, s["forest_title"]),
            ) {
                b.html.push_str(&html);
                b.tables.push(table);
            }
        }
    }
    if !t.liver_metastasis.is_empty() {
        b.heading("liver-metastasis", &s["liver_metastasis"]);
        b.table(
            build_table(TableKind::LiverMetastasis, &filter, &table_env),
            "liver-metastasis-share",
            &s["liver_metastasis"],
            s,
        );
    }
    if !t.adverse_events.is_empty() {
        b.heading("adverse-events", &s["adverse_events"]);
        b.table(
            build_table(TableKind::AdverseEvents, &filter, &table_env),
            "adverse-events-table",
            &s["adverse_events"],
            s,
        );
    }
    if !t.approvals.is_empty() {
        b.heading("approvals", &s["approvals"]);
        b.table(approvals_table(&f), "approvals-table", &s["approvals"], s);
    }
    if !t.notes.is_empty() {
        b.heading("notes", &s["notes"]);
        for note in &t.notes {
            b.html.push_str(&format!(
                "<aside class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">{}</p><p>{}</p></aside>\n",
                escape_html(&s["note"]),
                escape_html(&f.text(note))
            ));
        }
    }
    if !discussed_in.is_empty() {
        b.heading("discussed-in", &s["discussed_in"]);
        b.html.push_str("<ul class=\"backlinks\">");
        for link in discussed_in {
            b.html.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>",
                escape_html(&link.href),
                escape_html(&link.title)
            ));
        }
        b.html.push_str("</ul>\n");
    }
    if !t.citations.is_empty() {
        b.heading("publications", &s["publications"]);
        let keys: Vec<&str> = t.citations.iter().map(|c| c.get_ref().as_str()).collect();
        b.html.push_str(&format!(
            "<p class=\"publications\">{REF_MARK}{}{REF_MARK}{}</p>\n",
            keys.join(";"),
            external_mark(s, &t.provenance_of("citations"))
        ));
    }
    if b.html.contains("class=\"ext-mark\"") {
        b.html.push_str(&legend(s));
    }
    b.finish()
}

/// What the ⓘ mark means, once per page that uses it.
pub fn legend(s: &Strings) -> String {
    format!(
        "<p class=\"provenance-legend\">{}</p>\n",
        escape_html(&s["external_legend"])
    )
}

fn overview(f: &Fmt) -> String {
    let t = f.trial();
    let s = f.strings;
    let mut rows: Vec<(String, String)> = Vec::new();
    let mark = |field: &str| external_mark(s, &t.provenance_of(field));
    if !t.aliases.is_empty() {
        rows.push((s["aliases"].clone(), escape_html(&t.aliases.join(", "))));
    }
    if let Some(reg) = &t.registration {
        let href = format!("https://clinicaltrials.gov/study/{reg}");
        rows.push((
            s["registration"].clone(),
            format!(
                "<a href=\"{}\">{}</a>{}",
                escape_html(&href),
                escape_html(reg),
                mark("registration")
            ),
        ));
    }
    rows.push((
        s["phase"].clone(),
        escape_html(&t.phase.clone().unwrap_or_else(|| f.not_reported())) + &mark("phase"),
    ));
    let vocab = &f.data.vocabulary;
    let term = |map: &BTreeMap<String, crate::source::i18n::Text>,
                key: &Option<toml::Spanned<String>>| {
        key.as_ref()
            .and_then(|k| {
                map.get(k.get_ref())
                    .and_then(|t| localized(t, f.lang))
                    .map(str::to_string)
            })
            .unwrap_or_else(|| f.not_reported())
    };
    rows.push((
        s["line"].clone(),
        escape_html(&term(&vocab.lines, &t.setting.line)),
    ));
    rows.push((
        s["her2_status"].clone(),
        escape_html(&term(&vocab.her2, &t.setting.her2)) + &mark("setting"),
    ));
    if let Some(p) = &t.setting.population {
        rows.push((
            s["population"].clone(),
            escape_html(&f.text(p)) + &mark("setting"),
        ));
    }
    if !t.arms.is_empty() {
        let arms: Vec<String> = t
            .arms
            .iter()
            .map(|a| {
                let label = escape_html(&f.arm(a.id.get_ref()));
                match a.n {
                    Some(n) => format!("{label} (n = {n})"),
                    None => label,
                }
            })
            .collect();
        rows.push((s["arms"].clone(), arms.join("<br>") + &mark("arms")));
    }
    let mut html = String::from("<dl class=\"facts\">");
    for (k, v) in rows {
        html.push_str(&format!("<dt>{}</dt><dd>{v}</dd>", escape_html(&k)));
    }
    html.push_str("</dl>\n");
    if let Some(design) = &t.design {
        html.push_str(&format!(
            "<p>{}{}</p>\n",
            escape_html(&f.text(design)),
            mark("design")
        ));
    }
    html
}

fn approvals_table(f: &Fmt) -> Table {
    let s = f.strings;
    let rows = f
        .trial()
        .approvals
        .iter()
        .map(|a| {
            vec![
                Cell::text(a.agency.clone()),
                Cell::text(
                    a.date
                        .as_ref()
                        .map_or_else(|| f.not_reported(), |d| d.get_ref().clone()),
                ),
                Cell::text(a.indication.as_ref().map(|i| f.text(i)).unwrap_or_default()),
                crate::trials::datatables::refs_cell(f, &a.source_refs, &a.origin),
            ]
        })
        .collect();
    Table {
        headers: vec![
            s["agency"].clone(),
            s["date"].clone(),
            s["indication"].clone(),
            s["source_refs"].clone(),
        ],
        rows,
        footnotes: vec![s["not_reported_note"].clone()],
        ..Default::default()
    }
}

/// The trials index: every trial with its setting and key result.
pub fn trials_index_body(data: &TrialData, env: &DataEnv) -> GeneratedBody {
    let s = env.strings;
    let mut b = Builder::new();
    let rows = data
        .trials
        .iter()
        .map(|file| {
            let f = Fmt {
                file,
                data,
                lang: env.lang,
                strings: s,
                root: env.root,
            };
            let t = &file.trial;
            let vocab = &data.vocabulary;
            let term = |map: &BTreeMap<String, crate::source::i18n::Text>,
                        key: &Option<toml::Spanned<String>>| {
                key.as_ref()
                    .and_then(|k| {
                        map.get(k.get_ref())
                            .and_then(|t| localized(t, env.lang))
                            .map(str::to_string)
                    })
                    .unwrap_or_default()
            };
            let key_result = t.results.iter().find(|r| r.hr.is_some()).map(|r| {
                let population = f.population(r.population.get_ref());
                let subgroup = f.subgroup(r.subgroup.as_ref());
                let abbr = vocab
                    .endpoints
                    .get(r.endpoint.get_ref())
                    .and_then(|e| e.abbr.clone())
                    .unwrap_or_default();
                let context = [population, subgroup]
                    .into_iter()
                    .filter(|x| !x.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                format!(
                    "{abbr} HR {} ({context})",
                    f.hazard_ratio(r).unwrap_or_default()
                )
            });
            vec![
                Cell::link(t.name.clone(), f.trial_href()),
                Cell::text(t.phase.clone().unwrap_or_default()),
                Cell::text(term(&vocab.lines, &t.setting.line)),
                Cell::text(term(&vocab.her2, &t.setting.her2)),
                Cell::text(key_result.unwrap_or_default()),
            ]
        })
        .collect();
    let table = Table {
        headers: vec![
            s["trial"].clone(),
            s["phase"].clone(),
            s["line"].clone(),
            s["her2_status"].clone(),
            s["key_results"].clone(),
        ],
        rows,
        ..Default::default()
    };
    b.table(table, "all-trials", &s["all_trials"], s);
    b.html.push_str(&format!(
        "<p class=\"data-download\"><a href=\"{}data/trials.json\" download>{}</a></p>\n",
        env.root,
        escape_html(&s["trial_data_json"])
    ));
    b.finish()
}

/// All trial data as one JSON document (values as numbers, labels in every language), with every
/// note and, per trial, where each trial-level field comes from (`origins`, defaults applied;
/// entries without `origin` come from the source), so a download keeps its provenance.
pub fn trials_json(data: &TrialData) -> String {
    #[derive(serde::Serialize)]
    struct Export<'a> {
        version: u32,
        vocabulary: &'a crate::trials::data::Vocabulary,
        trials: Vec<TrialExport<'a>>,
    }
    #[derive(serde::Serialize)]
    struct TrialExport<'a> {
        #[serde(flatten)]
        trial: &'a crate::trials::data::Trial,
        origins: BTreeMap<&'static str, crate::trials::data::Sourced>,
    }
    const FIELDS: [&str; 6] = [
        "registration",
        "phase",
        "design",
        "setting",
        "arms",
        "citations",
    ];
    let export = Export {
        version: 1,
        vocabulary: &data.vocabulary,
        trials: data
            .trials
            .iter()
            .map(|t| TrialExport {
                trial: &t.trial,
                origins: FIELDS
                    .iter()
                    .map(|f| (*f, t.trial.provenance_of(f)))
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&export).unwrap_or_default()
}
