//! Data shortcodes: figures, tables and forest plots drawn from trial data inside any page.
//!
//! | shortcode | renders |
//! |---|---|
//! | `{{ fig(trial, population, subgroup?, endpoint, arm) }}` | a median (`13.1 months`) or rate (`41.7%`) |
//! | `{{ hr(trial, population, subgroup?, endpoint) }}` | a hazard ratio, with its CI if known |
//! | `{{ lm(trial, population, arm?) }}` | share (`39.7%`) or count (`407 of 955`) with liver metastasis |
//! | `{{ table(kind, trials?, populations?, subgroups?, endpoints?, caption?, id?) }}` | a comparison table |
//! | `{{ forest(trials?, populations?, subgroups?, endpoints?, title?, id?) }}` | a forest plot + its table |

use crate::markup::highlight::escape_html;
use crate::markup::shortcodes::{Expansion, Shortcode, ShortcodeError};
use crate::source::i18n::Strings;
use crate::trials::data::{ResultEntry, TrialData, TrialFile};
use crate::trials::datatables::{Filter, TableEnv, TableKind, build_table, selected_trials};
use crate::trials::figures::Fmt;
use crate::trials::forest::{ForestLabels, ForestRow, forest_svg};

pub struct DataEnv<'a> {
    pub data: &'a TrialData,
    pub lang: &'a str,
    pub strings: &'a Strings,
    pub root: &'a str,
}

impl DataEnv<'_> {
    /// Comparison tables name the trial of each row.
    fn table_env(&self) -> TableEnv<'_> {
        TableEnv {
            data: self.data,
            lang: self.lang,
            strings: self.strings,
            root: self.root,
            trial_column: true,
        }
    }
}

pub fn call(
    sc: &Shortcode,
    env: &DataEnv,
    counter: &mut usize,
) -> Result<Expansion, ShortcodeError> {
    match sc.name.as_str() {
        "fig" => figure(sc, env),
        "hr" => hazard_ratio(sc, env),
        "lm" => liver_share(sc, env),
        "table" => table(sc, env, counter),
        "forest" => forest(sc, env, counter),
        other => Err(ShortcodeError {
            message: format!("unknown shortcode `{other}`"),
            hint: "available: fig, hr, lm, table, forest (see docs/trial-data.md)".into(),
        }),
    }
}

fn required<'s>(sc: &'s Shortcode, key: &str) -> Result<&'s str, ShortcodeError> {
    sc.arg(key).ok_or_else(|| ShortcodeError {
        message: format!("`{}` needs the argument `{key}`", sc.name),
        hint: format!("add {key}=\"…\" inside the parentheses"),
    })
}

fn trial<'d>(sc: &Shortcode, env: &DataEnv<'d>) -> Result<&'d TrialFile, ShortcodeError> {
    let id = required(sc, "trial")?;
    env.data
        .trials
        .iter()
        .find(|t| t.trial.id.get_ref() == id)
        .ok_or_else(|| unknown_trial(id, env))
}

fn unknown_trial(id: &str, env: &DataEnv) -> ShortcodeError {
    let ids: Vec<&str> = env
        .data
        .trials
        .iter()
        .map(|t| t.trial.id.get_ref().as_str())
        .collect();
    ShortcodeError {
        message: format!("unknown trial `{id}`"),
        hint: format!("known trial ids: {}", ids.join(", ")),
    }
}

fn fmt<'a>(file: &'a TrialFile, env: &'a DataEnv) -> Fmt<'a> {
    Fmt {
        file,
        data: env.data,
        lang: env.lang,
        strings: env.strings,
        root: env.root,
    }
}

/// The one result matching population, subgroup (absent = none) and endpoint.
fn result<'d>(sc: &Shortcode, file: &'d TrialFile) -> Result<&'d ResultEntry, ShortcodeError> {
    let population = required(sc, "population")?;
    let endpoint = required(sc, "endpoint")?;
    let subgroup = sc.arg("subgroup");
    file.trial
        .results
        .iter()
        .find(|r| {
            r.population.get_ref() == population
                && r.endpoint.get_ref() == endpoint
                && r.subgroup.as_ref().map(|s| s.get_ref().as_str()) == subgroup
        })
        .ok_or_else(|| {
            let available: Vec<String> = file
                .trial
                .results
                .iter()
                .map(|r| match &r.subgroup {
                    Some(s) => format!(
                        "{}/{}/{}",
                        r.population.get_ref(),
                        s.get_ref(),
                        r.endpoint.get_ref()
                    ),
                    None => format!("{}/{}", r.population.get_ref(), r.endpoint.get_ref()),
                })
                .collect();
            ShortcodeError {
                message: format!(
                    "{} has no result for population `{population}`{} and endpoint `{endpoint}`",
                    file.trial.name,
                    subgroup
                        .map(|s| format!(", subgroup `{s}`"))
                        .unwrap_or_default()
                ),
                hint: format!(
                    "results in the data (population/subgroup/endpoint): {}",
                    available.join(", ")
                ),
            }
        })
}

/// Inline figures are wrapped so readers (and `check`) can see where the number comes from.
fn inline(file: &TrialFile, text: String) -> Expansion {
    Expansion {
        html: format!(
            "<span class=\"fig\" data-trial=\"{}\">{}</span>",
            escape_html(file.trial.id.get_ref()),
            escape_html(&text)
        ),
        tables: Vec::new(),
        trials: vec![file.trial.id.get_ref().clone()],
    }
}

fn figure(sc: &Shortcode, env: &DataEnv) -> Result<Expansion, ShortcodeError> {
    let file = trial(sc, env)?;
    let r = result(sc, file)?;
    let arm = required(sc, "arm")?;
    let f = fmt(file, env);
    let text = f.arm_value(r, arm).ok_or_else(|| ShortcodeError {
        message: format!(
            "{}: no value for arm `{arm}` in this result",
            file.trial.name
        ),
        hint: format!(
            "arms with values: {}",
            r.medians
                .keys()
                .chain(r.rates.keys())
                .map(|k| k.get_ref().as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })?;
    Ok(inline(file, text))
}

fn hazard_ratio(sc: &Shortcode, env: &DataEnv) -> Result<Expansion, ShortcodeError> {
    let file = trial(sc, env)?;
    let r = result(sc, file)?;
    let text = fmt(file, env)
        .hazard_ratio(r)
        .ok_or_else(|| ShortcodeError {
            message: format!("{}: this result has no hazard ratio", file.trial.name),
            hint: "add `hr = …` to the result in the trial file, or use fig(…) for a median".into(),
        })?;
    Ok(inline(file, text))
}

fn liver_share(sc: &Shortcode, env: &DataEnv) -> Result<Expansion, ShortcodeError> {
    let file = trial(sc, env)?;
    let population = required(sc, "population")?;
    let f = fmt(file, env);
    let entry = file
        .trial
        .liver_metastasis
        .iter()
        .find(|l| l.population.get_ref() == population)
        .ok_or_else(|| ShortcodeError {
            message: format!(
                "{} has no liver-metastasis figure for population `{population}`",
                file.trial.name
            ),
            hint: "add a [[liver_metastasis]] entry to the trial file".into(),
        })?;
    let text = match sc.arg("arm") {
        Some(arm) => entry
            .percent
            .iter()
            .find(|(k, _)| k.get_ref() == arm)
            .map(|(_, v)| f.percent(v)),
        None => entry.count.map(|c| match entry.of {
            Some(of) => format!("{c} {} {of}", env.strings["count_of"]),
            None => c.to_string(),
        }),
    };
    let text = text.ok_or_else(|| ShortcodeError {
        message: format!(
            "{}: the liver-metastasis entry has no value for that arm",
            file.trial.name
        ),
        hint: "give arm=\"…\" for a percentage, or leave it out for the count".into(),
    })?;
    Ok(inline(file, text))
}

fn filter(sc: &Shortcode, env: &DataEnv) -> Result<Filter, ShortcodeError> {
    let filter = Filter {
        trials: sc.list("trials"),
        populations: sc.list("populations"),
        subgroups: sc.list("subgroups"),
        endpoints: sc.list("endpoints"),
    };
    if let Some(missing) = filter
        .trials
        .iter()
        .flatten()
        .find(|id| env.data.get(id).is_none())
    {
        return Err(unknown_trial(missing, env));
    }
    Ok(filter)
}

/// The name of a generated table: its CSV file name, and (namespaced) its element id.
fn table_id(sc: &Shortcode, prefix: &str, counter: &mut usize) -> Result<String, ShortcodeError> {
    *counter += 1;
    let Some(id) = sc.arg("id") else {
        return Ok(format!("{prefix}-{counter}"));
    };
    match crate::source::paths::segment_problem(id) {
        None => Ok(id.to_string()),
        Some(problem) => Err(ShortcodeError {
            message: format!(
                "`id=\"{}\"` cannot name a file: {problem}",
                id.escape_debug()
            ),
            hint: crate::source::paths::SEGMENT_HINT.into(),
        }),
    }
}

fn table(sc: &Shortcode, env: &DataEnv, counter: &mut usize) -> Result<Expansion, ShortcodeError> {
    let kind_name = required(sc, "kind")?;
    let kind = TableKind::parse(kind_name).ok_or_else(|| ShortcodeError {
        message: format!("unknown table kind `{kind_name}`"),
        hint: format!("use one of: {}", TableKind::NAMES.join(", ")),
    })?;
    let filter = filter(sc, env)?;
    let table_env = env.table_env();
    let mut table = build_table(kind, &filter, &table_env);
    table.id = table_id(sc, "table", counter)?;
    table.caption = sc.arg("caption").unwrap_or_default().to_string();
    let html = table.to_html(
        Some(&format!("{}.csv", table.id)),
        &env.strings["download_csv"],
    );
    Ok(table_expansion(html, table, &filter, env))
}

/// A block of generated HTML with its table (for CSV) and the trials it shows (for back-links).
fn table_expansion(
    html: String,
    table: crate::markup::tables::Table,
    filter: &Filter,
    env: &DataEnv,
) -> Expansion {
    let trials = selected_trials(env.data, filter)
        .iter()
        .map(|t| t.trial.id.get_ref().clone())
        .collect();
    Expansion {
        html,
        tables: vec![table],
        trials,
    }
}

fn forest(sc: &Shortcode, env: &DataEnv, counter: &mut usize) -> Result<Expansion, ShortcodeError> {
    let filter = filter(sc, env)?;
    let id = table_id(sc, "forest", counter)?;
    let title = sc
        .arg("title")
        .unwrap_or(&env.strings["forest_title"])
        .to_string();
    let (html, table) = forest_html(&filter, env, &id, &title)?;
    Ok(table_expansion(html, table, &filter, env))
}

/// A forest plot with the same numbers as a table (in a disclosure) and as CSV.
pub fn forest_html(
    filter: &Filter,
    env: &DataEnv,
    id: &str,
    title: &str,
) -> Result<(String, crate::markup::tables::Table), ShortcodeError> {
    let mut rows = Vec::new();
    for file in selected_trials(env.data, filter) {
        let f = fmt(file, env);
        for r in &file.trial.results {
            let Some(hr) = &r.hr else { continue };
            if !filter.allows_result(r) {
                continue;
            }
            let detail = [
                f.population(r.population.get_ref()),
                f.subgroup(r.subgroup.as_ref()),
                abbr(&f, r),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
            rows.push(ForestRow {
                label: file.trial.name.clone(),
                detail,
                hr: *hr.get_ref(),
                hr_text: f.hazard_ratio(r).unwrap_or_default(),
                ci: r.ci.as_ref().map(|c| (c.get_ref()[0], c.get_ref()[1])),
            });
        }
    }
    if rows.is_empty() {
        return Err(ShortcodeError {
            message: "no hazard ratio matches this forest plot's filters".into(),
            hint: "check the trials, populations, subgroups and endpoints arguments".into(),
        });
    }
    let svg_id = crate::markup::tables::generated_id(id);
    let labels = ForestLabels {
        id: &svg_id,
        title,
        description: &env.strings["forest_desc"],
        favours_left: &env.strings["favours_experimental"],
        favours_right: &env.strings["favours_control"],
    };
    let svg = forest_svg(&rows, &labels);
    let table_env = env.table_env();
    let mut table = build_table(TableKind::HazardRatios, filter, &table_env);
    table.id = format!("{id}-data");
    table.caption = title.to_string();
    let table_html = table.to_html(
        Some(&format!("{}.csv", table.id)),
        &env.strings["download_csv"],
    );
    let html = format!(
        "<figure class=\"forest-plot\" id=\"{}\"><figcaption>{}</figcaption>{svg}<details class=\"forest-table\"><summary>{}</summary>{table_html}</details></figure>",
        escape_html(&crate::markup::tables::generated_id(id)),
        escape_html(title),
        escape_html(&env.strings["key_results"])
    );
    Ok((html, table))
}

fn abbr(f: &Fmt, r: &ResultEntry) -> String {
    let key = r.endpoint.get_ref();
    f.data
        .vocabulary
        .endpoints
        .get(key)
        .and_then(|e| e.abbr.clone())
        .unwrap_or_else(|| f.endpoint(key))
}
